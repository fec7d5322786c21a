import assert from "node:assert/strict";
import { test } from "node:test";

import { estimateNote } from "../../verkosto/web/panel.js";

const TEXTS = {
  "map.betweenness_estimated": "Välillisyys on arvio {sources} satunnaisesti valitusta lähtösolmusta; läheisyyttä ei ole laskettu.",
};
const METRICS = { names: ["degree", "betweenness"], labels: [], help: [], values: { columns: [], rows: [] } };

test("a kind whose betweenness is estimated gets the note with its number of sources", () => {
  const metrics = { ...METRICS, betweenness_sources: { person: 500, organisation: 12500 } };
  assert.equal(estimateNote(metrics, "person", TEXTS, "fi"),
    "Välillisyys on arvio 500 satunnaisesti valitusta lähtösolmusta; läheisyyttä ei ole laskettu.");
  assert.equal(estimateNote(metrics, "organisation", TEXTS, "fi"),
    "Välillisyys on arvio 12\u00a0500 satunnaisesti valitusta lähtösolmusta; läheisyyttä ei ole laskettu.");
});

test("exact values, another kind or no metrics: no note", () => {
  assert.equal(estimateNote(METRICS, "person", TEXTS, "fi"), null);
  assert.equal(estimateNote({ ...METRICS, betweenness_sources: { person: 500 } }, "group", TEXTS, "fi"), null);
  assert.equal(estimateNote(null, "person", TEXTS, "fi"), null);
});
