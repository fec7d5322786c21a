import assert from "node:assert/strict";
import { test } from "node:test";

import { buildModel } from "../../verkosto/web/model.js";
import { fitLabelPx, fitScale, groupFontSize, mapBox, quantiseScale, ZOOM_STEP } from "../../verkosto/web/view.js";
import { fixturePayload } from "./fixture.js";

const model = buildModel(fixturePayload());

test("the whole map's box holds the guides; the visible box leaves out tiers and hidden nodes", () => {
  const hidden = new Uint8Array(model.N);
  assert.deepEqual(mapBox(model, hidden, false), { minX: -500, minY: -500, maxX: 500, maxY: 500 });
  hidden[5] = 1;
  assert.deepEqual(mapBox(model, hidden, true), { minX: -100, minY: -150, maxX: 100, maxY: 200 });
});

test("fitScale fits the box into the free area with a margin, at most 1.5", () => {
  const view = fitScale({ minX: -500, minY: -500, maxX: 500, maxY: 500 }, { width: 1040, height: 900 }, false);
  assert.deepEqual(view, { scale: 0.86, centre: { x: 0, y: 0 } });
  assert.equal(fitScale({ minX: 0, minY: 0, maxX: 10, maxY: 10 }, { width: 1000, height: 900 }, true).scale, 1.5);
  assert.equal(fitScale({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }, { width: 1, height: 1 }), null);
});

test("group labels: tier size on screen at the fit zoom, growing at most 1.4 times", () => {
  assert.equal(fitLabelPx("provincial", "diamond"), 20);
  assert.equal(fitLabelPx("unknown", "diamond"), 13);
  assert.equal(fitLabelPx("provincial", "hexagon"), 10);
  assert.equal(groupFontSize(20, 0.5, 0.5), 40); // 20 px on screen at zoom 0.5
  assert.equal(groupFontSize(20, 1, 0.5), 28); // 1.4 × 20 px at zoom 1
  assert.equal(groupFontSize(20, 0.25, 0.5), 40); // zoomed out: the same 40 graph units, 10 px
});

test("quantiseScale snaps to whole zoom steps", () => {
  assert.equal(quantiseScale(0.5, 0.5), 0.5);
  assert.ok(Math.abs(quantiseScale(0.5 * ZOOM_STEP * 1.02, 0.5) - 0.5 * ZOOM_STEP) < 1e-12);
  assert.ok(Math.abs(quantiseScale(0.5 / ZOOM_STEP ** 2, 0.5) - 0.5 / ZOOM_STEP ** 2) < 1e-12);
});
