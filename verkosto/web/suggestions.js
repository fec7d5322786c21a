// Collaboration opportunities of the service map as suggestion edges: two organisations that
// serve the same families in a municipality but share no group and have no tie. Shown on
// demand with a checkbox (only when the payload has its optional `suggestions` table).

import { h } from "./dom.js";
import { recordsOf } from "./table.js";

export const SUGGESTION_COLUMNS = ["source", "target", "text"];
export const SUGGESTION_COLOR = "#1d8a3a";

/** vis-network edge objects of the suggestions: dashed, green, the cells as a plain-text title. */
export function suggestionEdges(payload, ids) {
  if (!payload.suggestions) return [];
  return recordsOf(payload.suggestions, SUGGESTION_COLUMNS).map((s, k) => ({
    id: "suggestion:" + k, from: ids[s.source], to: ids[s.target], title: s.text,
    dashes: [8, 6], width: 2.5, color: { color: SUGGESTION_COLOR, highlight: SUGGESTION_COLOR, hover: SUGGESTION_COLOR },
    smooth: false,
  }));
}

/** The checkbox (placed before *before*) that adds the suggestion edges to *edges* or takes them away. */
export function addSuggestionToggle({ payload, ids, edges, texts, before }) {
  const shown = suggestionEdges(payload, ids);
  if (!shown.length || !before) return null;
  const box = h("input", { type: "checkbox", id: "show-suggestions" });
  box.addEventListener("change", () => {
    if (box.checked) edges.add(shown);
    else edges.remove(shown.map((e) => e.id));
  });
  const label = h("label", { className: "toggle", title: texts["map.suggestions_hint"] }, box,
    " " + texts["map.show_suggestions"] + " (" + shown.length + ")");
  before.parentNode.insertBefore(label, before);
  return box;
}
