import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyState, normalise, visibility } from "../../verkosto/web/filters.js";
import { buildModel } from "../../verkosto/web/model.js";
import { fixturePayload } from "./fixture.js";

const model = buildModel(fixturePayload());
const shown = (state) => Array.from(visibility(model, normalise(state))).flatMap((v, i) => (v ? [model.ids[i]] : []));

test("normalise: single values become lists of strings, flags booleans", () => {
  assert.deepEqual(normalise({ tier: "local", region: [1], hide_persons: 1 }), {
    ...emptyState(), tier: ["local"], region: ["1"], hide_persons: true,
  });
  assert.deepEqual(normalise(null), emptyState());
});

test("nothing chosen shows everything", () => {
  assert.equal(shown({}).length, 7);
});

test("a region keeps its groups, organisations and the members of its groups", () => {
  // A person is judged by its own region first: Aino (Etelä) is hidden although her working
  // group is in Pohjoinen. Nobody is in Pohjoinen and in no group. Tier stars ignore regions.
  assert.deepEqual(shown({ region: ["Pohjoinen"] }), ["group:Akaa työryhmä", "person:Nobody", "tier:local"]);
  assert.deepEqual(shown({ region: ["Etelä"] }), [
    "person:Mäki Mari", "person:Aalto Aino", "organisation:Kunta", "group:Akaa", "tier:local",
  ]);
});

test("a person whose groups are all hidden is hidden; one in no group is judged alone", () => {
  assert.deepEqual(shown({ group_type: ["working_group"] }), [
    "person:Aalto Aino", "organisation:Kunta", "group:Akaa työryhmä", "person:Nobody", "tier:local",
  ]);
});

test("tier nodes follow the tier filter only; groups need the tier's value", () => {
  assert.deepEqual(shown({ tier: ["provincial"] }), ["organisation:Kunta", "person:Nobody"]);
});

test("sector filters persons and organisations, not groups", () => {
  assert.deepEqual(shown({ sector: ["ngo"] }), ["group:Akaa", "group:Akaa työryhmä", "person:Nobody", "tier:local"]);
});

test("hide persons and only groups with findings", () => {
  assert.deepEqual(shown({ hide_persons: true }), ["organisation:Kunta", "group:Akaa", "group:Akaa työryhmä", "tier:local"]);
  assert.deepEqual(shown({ gaps_only: true }), [
    "person:Mäki Mari", "person:Aalto Aino", "organisation:Kunta", "group:Akaa", "person:Nobody", "tier:local",
  ]);
});
