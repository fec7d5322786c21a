import assert from "node:assert/strict";
import { test } from "node:test";

import { buildModel, FAINT_COLLABORATION_FROM, visEdges, visNodes, withAlpha } from "../../verkosto/web/model.js";
import { fixturePayload, TEXTS } from "./fixture.js";

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
  // The memberships' edges, the employers', then the edges table's.
  assert.equal(model.E, 6);
  assert.deepEqual(Array.from(model.edgeEnds), [0, 3, 1, 3, 1, 4, 0, 2, 1, 2, 4, 3]);
  assert.deepEqual(Array.from(model.edges.style), [0, 0, 0, 1, 1, 2]);
  assert.deepEqual(model.edgesAt[3], [0, 1, 5]);
  assert.deepEqual(model.edgesAt[1], [1, 2, 4]);
  assert.deepEqual(model.edgesAt[2], [3, 4]);
  assert.equal(model.groupCountOf[6], 0); // no part_of edge in the fixture
});

test("nodes: looks resolved, ids from kind and label unless node_ids names one", () => {
  const model = buildModel(fixturePayload());
  assert.deepEqual(model.ids, ["person:Mäki Mari", "person:Aalto Aino", "organisation:Kunta", "group:Akaa",
    "group:Akaa työryhmä", "person:Nobody", "tier:local"]);
  assert.deepEqual([model.nodes.kind[4], model.nodes.color[4], model.nodes.shape[4]], ["group", "#86A9CF", "hexagon"]);
  assert.equal(model.nodes.color[5], "#117733");
  assert.equal(model.indexOf.get("tier:local"), 6);
});

test("a membership represents the only employer unless a representation says otherwise", () => {
  const model = buildModel(fixturePayload());
  assert.deepEqual(model.memberships.map((m) => m.organisation), [2, -1, 2]);
  const payload = fixturePayload();
  payload.representations.rows = [[2, 6]];
  assert.deepEqual(buildModel(payload).memberships.map((m) => m.organisation), [2, 2, 6]);
});

test("vis objects: a node with a finding gets a complete colour object; edges their style", () => {
  const model = buildModel(fixturePayload());
  const nodes = visNodes(model, 4, TEXTS);
  assert.deepEqual(nodes[0], {
    id: "person:Mäki Mari", label: "Mäki Mari", x: -100, y: 0, group: "person", shape: "dot", size: 10,
    title: "Mäki Mari\nOrganisaatio: Kunta\nSektori: Kunta\nRyhmät:\n– Akaa (Puheenjohtaja)", color: "#88CCEE",
  });
  // Some of them, hidden by the filters: in the order asked for.
  const some = visNodes(model, 4, TEXTS, [5, 2], new Uint8Array([0, 0, 1, 0, 0, 0, 0]));
  assert.deepEqual(some.map((n) => [n.id, n.hidden]), [["person:Nobody", undefined], ["organisation:Kunta", true]]);
  const fill = "#86A9CF", border = "#D62728";
  assert.deepEqual(nodes[3].color, { background: fill, border, highlight: { background: fill, border }, hover: { background: fill, border } });
  assert.equal(nodes[3].borderWidth, 4);
  const edges = visEdges(model);
  assert.deepEqual(edges[0], { id: 0, from: "person:Mäki Mari", to: "group:Akaa", color: "#C9CED6", width: 1 });
  assert.deepEqual(edges[3], { id: 3, from: "person:Mäki Mari", to: "organisation:Kunta", color: "#D5D0C8", width: 1 });
  assert.deepEqual(edges[5], { id: 5, from: "group:Akaa työryhmä", to: "group:Akaa", color: "#6F8FB5", width: 2.5, arrows: "to" });
  assert.deepEqual(visEdges(model, [5, 0]).map((e) => e.id), [5, 0]);
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

test("collaboration edges are drawn faint from FAINT_COLLABORATION_FROM of them on, the others as they are", () => {
  const few = buildModel(fixturePayload());
  assert.equal(few.faintCollaboration, false);
  const input = fixturePayload();
  const collaborates = input.edge_styles.rows.push(["collaborates", "#E69F00", 2, null]) - 1;
  input.edges.rows.push(...Array.from({ length: FAINT_COLLABORATION_FROM }, () => [2, 5, collaborates]));
  const many = buildModel(input);
  assert.equal(many.faintCollaboration, true);
  const edges = visEdges(many);
  assert.equal(edges[edges.length - 1].color, "rgba(230, 159, 0, 0.25)");
  assert.equal(edges[edges.length - 1].width, 1); // half as wide, at least a pixel
  assert.equal(edges[0].color, visEdges(few)[0].color); // a membership keeps its colour
});

test("withAlpha: a hex or rgb(a) colour with another opacity; anything else as it is", () => {
  assert.equal(withAlpha("#E69F00", 0.25), "rgba(230, 159, 0, 0.25)");
  assert.equal(withAlpha("rgba(230, 159, 0, 0.75)", 0.25), "rgba(230, 159, 0, 0.25)");
  assert.equal(withAlpha("rgb(1,2,3)", 0.5), "rgba(1, 2, 3, 0.5)");
  assert.equal(withAlpha("orange", 0.5), "orange");
});
