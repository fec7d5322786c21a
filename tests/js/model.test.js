import assert from "node:assert/strict";
import { test } from "node:test";

import { buildModel, visEdges, visNodes } from "../../verkosto/web/model.js";
import { fixturePayload } from "./fixture.js";

test("indexes: memberships, employers, parents, meetings and metrics by node index", () => {
  const model = buildModel(fixturePayload());
  assert.equal(model.N, 7);
  assert.equal(model.indexOf.get("group:Akaa"), 3);
  assert.deepEqual(model.membersOf[3].map((m) => [m.person, m.role, m.organisation]), [[0, 0, 2], [1, 1, -1]]);
  assert.deepEqual(model.groupsOf[1].map((m) => m.group), [3, 4]);
  assert.deepEqual(model.employersOf[0], [2]);
  assert.deepEqual(model.staffOf[2], [0, 1]);
  assert.equal(model.parentOf[4], 3);
  assert.equal(model.parentOf[3], -1);
  assert.deepEqual(model.childrenOf[3], [4]);
  assert.equal(model.meetingsOf.get(3), 6);
  assert.deepEqual(model.metricsOf.get(0), [1, null]);
  assert.deepEqual(model.metricsOf.get(3), [3, 0.5]);
  assert.equal(model.metricsOf.has(1), false);
  assert.equal(model.valueLabel("sector", 5), "Järjestö");
  assert.equal(model.rawValue("group_type", 4), "working_group");
  assert.equal(model.valueLabel("tier", 0), "");
});

test("findings attach by their node; a finding about no node attaches nowhere", () => {
  const model = buildModel(fixturePayload());
  assert.deepEqual([...model.findingsOf.keys()], [3]);
  assert.equal(model.findingsOf.get(3)[0].message, "Akaa: ei järjestöä");
  assert.equal(model.findings.length, 2);
  assert.equal(model.badgeColor.get(3), "#D62728");
});

test("notes: a line of text by node index, none for the others", () => {
  const model = buildModel(fixturePayload());
  assert.equal(model.noteOf.get(2), "portinvartija sektorille Järjestö");
  assert.equal(model.noteOf.has(0), false);
  assert.equal(buildModel({ ...fixturePayload(), notes: null }).noteOf.size, 0);
});

test("edges: ends by index, and the edges at each node", () => {
  const model = buildModel(fixturePayload());
  assert.deepEqual(Array.from(model.edgeEnds), [0, 3, 1, 3, 1, 4, 4, 3]);
  assert.deepEqual(model.edgesAt[3], [0, 1, 3]);
  assert.deepEqual(model.edgesAt[1], [1, 2]);
});

test("vis objects: a node with a finding gets a complete colour object; edges their style", () => {
  const model = buildModel(fixturePayload());
  const nodes = visNodes(model, 4);
  assert.deepEqual(nodes[0], {
    id: "person:Mäki Mari", label: "Mäki Mari", x: -100, y: 0, group: "person", shape: "dot", size: 10,
    title: "Mäki Mari", color: "#88CCEE",
  });
  const fill = "#86A9CF", border = "#D62728";
  assert.deepEqual(nodes[3].color, { background: fill, border, highlight: { background: fill, border }, hover: { background: fill, border } });
  assert.equal(nodes[3].borderWidth, 4);
  const edges = visEdges(model);
  assert.deepEqual(edges[0], { id: 0, from: "person:Mäki Mari", to: "group:Akaa", color: "#C9CED6", width: 1 });
  assert.deepEqual(edges[3], { id: 3, from: "group:Akaa työryhmä", to: "group:Akaa", color: "#6F8FB5", width: 2.5, arrows: "to" });
});

test("a payload of another version is refused", () => {
  assert.throws(() => buildModel({ ...fixturePayload(), schema_version: 0 }), /schema_version 0/);
});

test("metric names are only text: 'length' and '__proto__' are metrics like any other", () => {
  const payload = fixturePayload();
  payload.metrics = {
    names: ["length", "__proto__"],
    labels: ["length", "__proto__"],
    values: { columns: ["__proto__", "node", "length"], rows: [[2, 0, 1]] },
  };
  assert.deepEqual(buildModel(payload).metricsOf.get(0), [1, 2]);
});
