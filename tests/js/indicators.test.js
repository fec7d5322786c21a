import assert from "node:assert/strict";
import { test } from "node:test";

import { formatValue, indicatorIndex, indicatorRows, latest, sparkPoints, trend } from "../../verkosto/web/indicators.js";

// A hand-made payload.indicators (verkosto.payload.Indicators): two indicators, years 2022–2024.
const section = {
  years: [2022, 2023, 2024],
  indicators: [{ id: "9101", label: "Syntyvyys", decimals: 1 }, { id: "9102", label: "Osuus", decimals: 2 }],
  median: [[8.6, 8.4, 8.2], [6.0, null, 6.5]],
  series: {
    columns: ["municipality", "indicator", "values"],
    rows: [["Tampere", 0, [9.1, 8.8, 8.6]], ["Akaa", 0, [8.0, null, 8.2]], ["Akaa", 1, [5.0, 5.0, null]]],
  },
  attribution: "Lähde: Sotkanet, THL. Lisenssi: CC BY 4.0.",
};

test("latest and trend: the last year with a value against the first, at the indicator's decimals", () => {
  assert.deepEqual(latest([1, 2, null]), { value: 2, at: 1 });
  assert.equal(latest([null, null]), null);
  assert.equal(trend([9.1, 8.8, 8.6], 1), "down");
  assert.equal(trend([8.0, null, 8.2], 1), "up");
  assert.equal(trend([5.0, 5.04], 1), "flat");
  assert.equal(trend([5.0, 5.04], 2), "up");
});

test("formatValue: the decimals, a decimal comma and minus sign in Finnish, none as a dash", () => {
  assert.equal(formatValue(8.25, 1, "en"), "8.3");
  assert.equal(formatValue(8.2, 2, "fi"), "8,20");
  assert.equal(formatValue(-0.5, 1, "fi"), "−0,5");
  assert.equal(formatValue(null, 1, "fi"), "–");
});

test("sparkPoints: years across, values between the bottom and the top, gaps skipped", () => {
  assert.equal(sparkPoints([0, 5, 10], 0, 10, 104, 24), "2,22 52,12 102,2");
  assert.equal(sparkPoints([0, null, 10], 0, 10, 104, 24), "2,22 102,2");
  assert.equal(sparkPoints([3, 3], 3, 3, 104, 24), "2,12 102,12");
  assert.equal(sparkPoints([7], 7, 7, 104, 24), "52,12");
});

test("indicatorRows: one row per indicator the municipality has, with the median of its latest year", () => {
  const index = indicatorIndex(section);
  const akaa = indicatorRows(section, index, "Akaa");
  assert.deepEqual(akaa.map((r) => [r.id, r.value, r.year, r.median, r.trend]), [
    ["9101", 8.2, 2024, 8.2, "up"],
    ["9102", 5.0, 2023, null, "flat"],
  ]);
  const tampere = indicatorRows(section, index, "Tampere");
  assert.equal(tampere.length, 1);
  // The line and the median share one scale: lo 8.2 (the median's 2024), hi 9.1.
  assert.equal(tampere[0].points.split(" ")[0], "2,2");
  assert.equal(tampere[0].medianPoints.split(" ").at(-1), "118,26");
  assert.deepEqual(indicatorRows(section, index, "Inari"), []);
  assert.deepEqual(indicatorRows(undefined, indicatorIndex(undefined), "Akaa"), []);
});
