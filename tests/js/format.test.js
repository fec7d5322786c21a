import assert from "node:assert/strict";
import { test } from "node:test";

import { format, formatNumber } from "../../verkosto/web/format.js";

test("format fills the named fields and leaves unknown ones", () => {
  assert.equal(format("Näkyvissä {visible} / {total} solmua", { visible: 3, total: 37 }), "Näkyvissä 3 / 37 solmua");
  assert.equal(format("{name} {missing}", { name: "<b>" }), "<b> {missing}");
});

test("formatNumber: integers as they are, others with three decimals, none as a dash", () => {
  assert.equal(formatNumber(7), "7");
  assert.equal(formatNumber(0.123456), "0.123");
  assert.equal(formatNumber(1.5), "1.500");
  assert.equal(formatNumber(null), "–");
  assert.equal(formatNumber(undefined), "–");
});
