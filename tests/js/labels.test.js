import assert from "node:assert/strict";
import { test } from "node:test";

import { boxIndex, inside, lineLength, placeLabels, RANK, spots, wrap } from "../../verkosto/web/labels.js";

const AREA = { left: 0, top: 0, right: 400, bottom: 300 };
const label = (id, x, y, rank, extra = {}) => ({ id, x, y, r: 5, width: 60, height: 14, rank, ...extra });
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("wrap breaks at spaces; lineLength balances two lines", () => {
  assert.deepEqual(wrap("Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä", lineLength("Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä", 14, 30)),
    ["Pirkanmaan perhekeskuksen", "maakunnallinen ohjausryhmä"]);
  assert.deepEqual(wrap("Akaa", 3), ["Akaa"]);
  assert.deepEqual(wrap("", 10), [""]);
  assert.equal(lineLength("abc", 14, 30), 14);
  assert.equal(lineLength("x".repeat(100), 14, 30), 30);
});

test("the first spot is centred below the node, then above, right, left and the corners", () => {
  const s = spots({ x: 100, y: 100, r: 10, width: 40, height: 12 });
  assert.deepEqual(s.slice(0, 4), [{ x: 80, y: 112 }, { x: 80, y: 76 }, { x: 114, y: 94 }, { x: 46, y: 94 }]);
  assert.equal(s.length, 8);
  assert.deepEqual(spots({ x: 100, y: 100, r: 0, width: 40, height: 12, centred: true }).slice(0, 3),
    [{ x: 80, y: 94 }, { x: 80, y: 108 }, { x: 80, y: 80 }]);
});

test("inside moves a box into the area, or gives up when it cannot fit", () => {
  assert.deepEqual(inside({ x: -10, y: 295, width: 50, height: 10 }, AREA), { x: 0, y: 290, width: 50, height: 10 });
  assert.equal(inside({ x: 0, y: 0, width: 500, height: 10 }, AREA), null);
});

test("boxIndex finds overlaps across grid cells, and not touching neighbours", () => {
  const index = boxIndex();
  index.add({ x: 60, y: 60, width: 10, height: 10 });
  assert.equal(index.hits({ x: 65, y: 65, width: 100, height: 1 }), true);
  assert.equal(index.hits({ x: 70, y: 60, width: 10, height: 10 }), false);
});

test("more important labels win; the loser moves to another spot or is left out", () => {
  // Two nodes 10 px apart: the person's label cannot go below the group's, so it goes above.
  const placed = placeLabels([label("person", 200, 100, RANK.person), label("group", 200, 110, RANK.local)], AREA);
  assert.deepEqual(placed.map((p) => p.id), ["group", "person"]);
  assert.ok(!overlap(placed[0], placed[1]));
  // Ten labels on one spot: at most as many as there are free spots, none overlapping.
  const crowd = placeLabels(Array.from({ length: 10 }, (_, k) => label("n" + k, 200, 150, RANK.person)), AREA);
  assert.ok(crowd.length >= 2 && crowd.length < 10);
  crowd.forEach((a, m) => crowd.slice(m + 1).forEach((b) => assert.ok(!overlap(a, b), a.id + " × " + b.id)));
  assert.equal(crowd[0].id, "n0"); // ties keep the given order
});

test("labels stay inside the area; a node outside it gets none unless forced", () => {
  const placed = placeLabels([label("edge", 395, 295, RANK.local), label("out", 500, 100, RANK.local),
    label("found", 500, 120, RANK.person, { forced: true })], AREA);
  assert.deepEqual(placed.map((p) => p.id), ["found", "edge"]);
  placed.forEach((p) => assert.ok(p.x >= 0 && p.x + p.width <= 400 && p.y >= 0 && p.y + p.height <= 300));
});

test("a forced label (the selected node) comes first even below a tier's rank", () => {
  const placed = placeLabels([label("ring", 200, 100, RANK.ring, { centred: true }), label("chosen", 200, 92, RANK.person, { forced: true })], AREA);
  assert.equal(placed[0].id, "chosen");
});

test("obstacles (badges, group shapes) stay uncovered, but not by a forced label", () => {
  const badge = { x: 190, y: 105, width: 20, height: 20, rank: RANK.region };
  const placed = placeLabels([label("group", 200, 100, RANK.local)], AREA, [badge]);
  assert.equal(placed.length, 1);
  assert.ok(!overlap(placed[0], badge));
  // A shape that only keeps persons' names off: a group's label may lie over it.
  const shape = { x: 170, y: 105, width: 60, height: 20, rank: RANK.network };
  assert.ok(overlap(placeLabels([label("group", 200, 100, RANK.local)], AREA, [shape])[0], shape));
  assert.ok(!overlap(placeLabels([label("person", 200, 100, RANK.person)], AREA, [shape])[0], shape));
  const forced = placeLabels([label("found", 200, 100, RANK.person, { forced: true, r: 0 })], AREA,
    [{ x: 0, y: 0, width: 400, height: 300 }]);
  assert.deepEqual(forced.map((p) => p.id), ["found"]);
});
