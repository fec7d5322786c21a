import assert from "node:assert/strict";
import { test } from "node:test";

import { SUPPORTED_VIS_VERSION, visInternals } from "../../verkosto/web/vis_internals.js";

function fakeNetwork(calls) {
  const element = (name) => ({
    connected: true,
    draw: () => { calls.push(`draw ${name}`); return name.startsWith("node") ? { drawExternalLabel: () => calls.push(`label ${name}`) } : undefined; },
    drawArrows: () => calls.push(`arrows ${name}`),
  });
  return {
    redraw: () => calls.push("redraw"),
    body: {
      emitter: { emit: (event) => calls.push(`emit ${event}`) },
      nodes: { a: element("node a"), b: element("node b") },
      edges: { 0: element("edge 0"), 1: { ...element("edge 1"), connected: false } },
    },
  };
}

test("with vis-network 9.1.2 the internals draw the spotlight in vis' order", () => {
  const calls = [], warnings = [];
  const internals = visInternals(fakeNetwork(calls), "9.1.2", (m) => warnings.push(m));
  assert.equal(SUPPORTED_VIS_VERSION, "9.1.2");
  assert.equal(internals.supported, true);
  assert.deepEqual(warnings, []);
  internals.requestRedraw();
  assert.equal(internals.drawSpotlight({}, ["a", "missing", "b"], [0, 1]), true);
  assert.deepEqual(calls, [
    "emit _requestRedraw",
    "draw edge 0", "draw node a", "draw node b", "arrows edge 0", "label node a", "label node b",
  ]);
});

test("another version: a warning, public redraw, no spotlight", () => {
  const calls = [], warnings = [];
  const internals = visInternals(fakeNetwork(calls), "10.0.0", (m) => warnings.push(m));
  assert.equal(internals.supported, false);
  assert.match(warnings[0], /vis-network 10\.0\.0 is not 9\.1\.2/);
  internals.requestRedraw();
  assert.equal(internals.drawSpotlight({}, ["a"], [0]), false);
  assert.deepEqual(calls, ["redraw"]);
});

test("9.1.2 without the expected internals degrades the same way", () => {
  const warnings = [];
  const internals = visInternals({ redraw() {} }, "9.1.2", (m) => warnings.push(m));
  assert.equal(internals.supported, false);
  assert.equal(warnings.length, 1);
});

test("a failing internal turns the spotlight off once, with a warning", () => {
  const calls = [], warnings = [];
  const network = fakeNetwork(calls);
  network.body.nodes.a.draw = () => { throw new Error("moved"); };
  const internals = visInternals(network, "9.1.2", (m) => warnings.push(m));
  assert.equal(internals.drawSpotlight({}, ["a"], []), false);
  assert.equal(internals.supported, false);
  assert.match(warnings[0], /drawing the highlight failed \(moved\)/);
  internals.requestRedraw();
  assert.deepEqual(calls.at(-1), "redraw");
});
