// Finding nodes by name: accent- and case-insensitive, words in any order. Pure.

import { fold } from "./fold.js";

const KIND_RANK = { group: 0, organisation: 1, person: 2, tier: 3 };

/** find(query, limit, hidden) → node indices, best first; hidden[i] = 1 ranks node i last. */
export function makeFinder(model) {
  const { N, kindOf, byName } = model;
  const folded = model.names.map(fold);
  return function find(query, limit = 12, hidden = null) {
    const q = fold(String(query)).trim().replace(/\s+/g, " ");
    if (!q) return [];
    const tokens = q.split(" ");
    const hits = [];
    for (let i = 0; i < N; i++) {
      const name = folded[i];
      if (!tokens.every((token) => name.includes(token))) continue;
      const rank = name === q ? 0 : name.startsWith(q) ? 1 : (" " + name).includes(" " + tokens[0]) ? 2 : 3;
      hits.push([hidden ? hidden[i] : 0, rank, kindOf[i] in KIND_RANK ? KIND_RANK[kindOf[i]] : 4, i]);
    }
    // Visible nodes first, then the closest matches: whole name, its start, a word's start.
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || byName(a[3], b[3]));
    return hits.slice(0, limit || 12).map((hit) => hit[3]);
  };
}
