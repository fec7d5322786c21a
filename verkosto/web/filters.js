// Which nodes the filters leave on the map. Pure: tests/js/filters.test.js and
// tests/test_map_interaction.py check these rules.
//
// - In each facet, nothing chosen means "all"; choosing values keeps only the nodes whose
//   value is one of them, and a node with no value for that facet is then hidden.
// - A group is filtered by tier, region, municipality and group type and, with "only groups
//   with findings", hidden when it has no finding.
// - An organisation is filtered by sector, region and municipality.
// - A person is filtered by sector, region and municipality, hidden by "hide persons", and
//   hidden when it belongs to groups and every one of them is hidden. (A person in no group
//   is judged by its own attributes only.)
// - A tier node (the stars in the middle) is filtered by tier only.
// - On a map of two seasons, a chosen change status (joined, left, stayed) keeps only the
//   nodes with that status of their own, after the rules above; tier nodes have none.
// - An edge is drawn when both its ends are visible (vis-network does this).

export const FACETS = ["tier", "region", "municipality", "sector", "group_type", "change"];

/** The state that shows everything. */
export function emptyState() {
  return {
    tier: [], region: [], municipality: [], sector: [], group_type: [], change: [], hide_persons: false, gaps_only: false,
  };
}

/** A complete state from what a caller gave: a single value becomes a list, strings all through. */
export function normalise(input) {
  const clean = emptyState();
  const given = input || {};
  FACETS.forEach((name) => {
    const value = given[name];
    if (value === undefined || value === null) return;
    clean[name] = (Array.isArray(value) ? value : [value]).map(String);
  });
  clean.hide_persons = !!given.hide_persons;
  clean.gaps_only = !!given.gaps_only;
  return clean;
}

/** 1 for each node (by index) that state *s* shows, else 0. */
export function visibility(model, s) {
  const { N, kindOf, facet, findingsOf, groupsOf } = model;
  // allowed[name]: null when the facet is not restricted, else flags per value index.
  const allowed = {};
  FACETS.forEach((name) => {
    if (!s[name].length || !facet[name]) { allowed[name] = null; return; }
    const flags = new Uint8Array(facet[name].values.length);
    facet[name].values.forEach((value, k) => { if (s[name].includes(value)) flags[k] = 1; });
    allowed[name] = flags;
  });
  const passes = (name, i) => {
    const flags = allowed[name];
    if (flags === null) return true;
    const k = facet[name].of[i];
    return k >= 0 && flags[k] === 1;
  };
  const visible = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const kind = kindOf[i];
    let show;
    if (kind === "group") {
      show = passes("tier", i) && passes("region", i) && passes("municipality", i) && passes("group_type", i) &&
        (!s.gaps_only || findingsOf.has(i));
    } else if (kind === "tier") {
      show = passes("tier", i);
    } else {
      show = passes("sector", i) && passes("region", i) && passes("municipality", i) &&
        !(kind === "person" && s.hide_persons);
    }
    visible[i] = show ? 1 : 0;
  }
  // Second pass, after every group is decided: persons whose groups are all hidden.
  for (let i = 0; i < N; i++) {
    if (!visible[i] || kindOf[i] !== "person" || !groupsOf[i].length) continue;
    visible[i] = groupsOf[i].some((m) => visible[m.group] === 1) ? 1 : 0;
  }
  // Last, so that a person who stayed in a group that is new still counts as stayed.
  if (allowed.change) {
    for (let i = 0; i < N; i++) if (visible[i] && !passes("change", i)) visible[i] = 0;
  }
  return visible;
}
