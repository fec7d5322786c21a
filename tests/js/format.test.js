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

test("formatNumber in Finnish: decimal comma, minus sign, digits grouped from five on", () => {
  assert.equal(formatNumber(0.0072, "fi"), "0,007");
  assert.equal(formatNumber(1.5, "fi"), "1,500");
  assert.equal(formatNumber(-0.25, "fi"), "\u22120,250");
  assert.equal(formatNumber(7, "fi"), "7");
  assert.equal(formatNumber(1234, "fi"), "1234");
  assert.equal(formatNumber(253000, "fi"), "253\u00a0000");
  assert.equal(formatNumber(12345.6789, "fi"), "12\u00a0345,679");
  assert.equal(formatNumber(null, "fi"), "–");
  assert.equal(formatNumber(0.0072, "en"), "0.007");
});
