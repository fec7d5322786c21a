import assert from "node:assert/strict";
import { test } from "node:test";

import { fold } from "../../verkosto/web/fold.js";

test("fold drops accents and case", () => {
  assert.equal(fold("Mäki"), "maki");
  assert.equal(fold("MÄKI"), "maki");
  assert.equal(fold("Åsa Öhman"), "asa ohman");
  assert.equal(fold("Émile Brontë"), "emile bronte");
});

test("fold keeps characters without a decomposition", () => {
  assert.equal(fold("Straße"), "straße");
  assert.equal(fold("Łódź"), "łodz"); // ł has no combining mark to drop
  assert.equal(fold("<img src=x>"), "<img src=x>");
  assert.equal(fold(42), "42");
});
