import assert from "node:assert/strict";
import { test } from "node:test";

import { buildModel } from "../../verkosto/web/model.js";
import { drawChanges, drawnEdges, drawnNodes, personsOf } from "../../verkosto/web/persons.js";
import { fixturePayload } from "./fixture.js";

// The fixture: persons 0, 1, 5; organisation 2; groups 3, 4; tier 6. Edges: 0 0→3, 1 1→3,
// 2 1→4, 3 0→2, 4 1→2, 5 4→3.
const model = buildModel(fixturePayload());
const none = () => new Uint8Array(model.N);
const on = (flags) => Array.from(flags).flatMap((f, i) => (f ? [i] : []));

test("the persons a node opens: a group's members, an organisation's staff, a person itself", () => {
  assert.deepEqual(personsOf(model, 3), [0, 1]);
  assert.deepEqual(personsOf(model, 4), [1]);
  assert.deepEqual(personsOf(model, 2), [0, 1]);
  assert.deepEqual(personsOf(model, 5), [5]);
  assert.deepEqual(personsOf(model, 6), []);
});

test("a map smaller than the limit draws every node, hidden ones too (the filters hide them)", () => {
  const hidden = none();
  hidden[0] = 1;
  const { drawn, folded } = drawnNodes(model, hidden, 8);
  assert.equal(folded, false);
  assert.deepEqual(on(drawn), [0, 1, 2, 3, 4, 5, 6]);
});

test("a larger map folds the persons; an open group brings exactly its members in", () => {
  const closed = drawnNodes(model, none(), 7);
  assert.equal(closed.folded, true);
  assert.deepEqual(on(closed.drawn), [2, 3, 4, 6]);
  assert.deepEqual(on(drawnNodes(model, none(), 7, [4]).drawn), [1, 2, 3, 4, 6]);
  assert.deepEqual(on(drawnNodes(model, none(), 7, [3, 5]).drawn), [0, 1, 2, 3, 4, 5, 6]);
  // A member the filters hide stays out (six nodes visible: still folded at a limit of 6).
  const hidden = none();
  hidden[0] = 1;
  assert.deepEqual(on(drawnNodes(model, hidden, 6, [3]).drawn), [1, 2, 3, 4, 6]);
});

test("filters that leave fewer nodes than the limit bring their persons in, and only them", () => {
  const hidden = none();
  hidden[5] = 1; // six visible nodes, under the limit of 7
  const { drawn, folded } = drawnNodes(model, hidden, 7);
  assert.equal(folded, false);
  assert.deepEqual(on(drawn), [0, 1, 2, 3, 4, 6]);
});

test("changes: nodes in and out, and the edges whose ends are both drawn", () => {
  const closed = drawnNodes(model, none(), 7).drawn;
  assert.deepEqual(drawnEdges(model, closed), [5]);
  const open = drawnNodes(model, none(), 7, [4]).drawn;
  assert.deepEqual(drawChanges(model, closed, open), { addNodes: [1], removeNodes: [], addEdges: [1, 2, 4], removeEdges: [] });
  assert.deepEqual(drawChanges(model, open, closed), { addNodes: [], removeNodes: [1], addEdges: [], removeEdges: [1, 2, 4] });
  const other = drawnNodes(model, none(), 7, [3]).drawn;
  assert.deepEqual(drawChanges(model, open, other), { addNodes: [0], removeNodes: [], addEdges: [0, 3], removeEdges: [] });
  assert.deepEqual(drawnEdges(model, other), [0, 1, 2, 3, 4, 5]);
});
