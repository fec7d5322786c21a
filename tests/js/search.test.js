import assert from "node:assert/strict";
import { test } from "node:test";

import { buildModel } from "../../verkosto/web/model.js";
import { makeFinder } from "../../verkosto/web/search.js";
import { fixturePayload } from "./fixture.js";

const model = buildModel(fixturePayload());
const find = makeFinder(model);
const ids = (indices) => indices.map((i) => model.ids[i]);

test("accents, case and word order do not matter", () => {
  assert.deepEqual(ids(find("maki")), ["person:Mäki Mari"]);
  assert.deepEqual(ids(find("MARI mäki")), ["person:Mäki Mari"]);
  assert.deepEqual(ids(find("  aalto   aino ")), ["person:Aalto Aino"]);
  assert.deepEqual(find(""), []);
  assert.deepEqual(find("zzz"), []);
});

test("whole name first, then its start, then a word's start, then inside a word; groups before persons", () => {
  assert.deepEqual(ids(find("akaa")), ["group:Akaa", "group:Akaa työryhmä"]);
  assert.deepEqual(ids(find("a")), [
    "group:Akaa", "group:Akaa työryhmä", "person:Aalto Aino", // names starting with "a"
    "organisation:Kunta", "person:Mäki Mari", "tier:local", // "a" inside a word, by kind
  ]);
  assert.deepEqual(ids(find("ryhmä")), ["group:Akaa työryhmä"]);
});

test("hidden nodes come last; limit cuts the list", () => {
  const hidden = new Uint8Array(model.N);
  hidden[3] = 1;
  assert.deepEqual(ids(find("akaa", 12, hidden)), ["group:Akaa työryhmä", "group:Akaa"]);
  assert.deepEqual(ids(find("akaa", 1)), ["group:Akaa"]);
});
