// Indexes over the payload, built once: who belongs where, by node index (a node's row in
// payload.nodes). Pure: no DOM, no vis-network.

import { checkPayload, columnIndex, columnsOf, recordsOf } from "./table.js";

export const NODE_COLUMNS = ["id", "label", "kind", "x", "y", "color", "border", "shape", "size", "title"];
export const EDGE_COLUMNS = ["source", "target", "style", "width"];
export const EDGE_STYLE_COLUMNS = ["kind", "color", "width", "arrows"];
export const MEMBERSHIP_COLUMNS = ["group", "person", "role", "organisation"];
export const FINDING_COLUMNS = ["rule", "severity", "node", "subject", "missing", "message"];
export const NOTE_COLUMNS = ["node", "text"];
export const SERVICE_COLUMNS = ["node", "service", "detail"];

function listsOf(n) {
  const lists = new Array(n);
  for (let i = 0; i < n; i++) lists[i] = [];
  return lists;
}

/** Everything the page looks up, from a payload of verkosto.payload.Payload's shape. */
export function buildModel(input) {
  const payload = checkPayload(input);
  const nodes = columnsOf(payload.nodes, NODE_COLUMNS);
  const N = nodes.length;
  const ids = nodes.id;
  const names = nodes.label;
  const kindOf = nodes.kind;
  const indexOf = new Map(ids.map((id, i) => [id, i]));

  const facet = {};
  payload.facets.forEach((f) => { facet[f.name] = f; });
  const valueLabel = (name, i) => {
    const k = facet[name].of[i];
    return k >= 0 ? facet[name].labels[k] : "";
  };
  const rawValue = (name, i) => {
    const k = facet[name].of[i];
    return k >= 0 ? facet[name].values[k] : "";
  };

  const memberships = recordsOf(payload.memberships, MEMBERSHIP_COLUMNS);
  const groupsOf = listsOf(N), membersOf = listsOf(N);
  memberships.forEach((m) => {
    membersOf[m.group].push(m);
    groupsOf[m.person].push(m);
  });
  const staffOf = listsOf(N), employersOf = listsOf(N);
  recordsOf(payload.employers, ["person", "organisation"]).forEach((e) => {
    employersOf[e.person].push(e.organisation);
    staffOf[e.organisation].push(e.person);
  });
  const childrenOf = listsOf(N), parentOf = new Int32Array(N).fill(-1);
  recordsOf(payload.parents, ["group", "parent"]).forEach((p) => {
    parentOf[p.group] = p.parent;
    childrenOf[p.parent].push(p.group);
  });
  const meetingsOf = new Map();
  recordsOf(payload.meetings, ["group", "meetings"]).forEach((m) => meetingsOf.set(m.group, m.meetings));

  // metricsOf.get(i): node i's values in the order of payload.metrics.names (null: none).
  // Metric names are anyone's text ("length", "__proto__"), so they never become keys.
  const metricsOf = new Map();
  if (payload.metrics) {
    const { names: metricNames, values } = payload.metrics;
    const [nodeAt, ...valueAt] = columnIndex(values, ["node", ...metricNames]);
    values.rows.forEach((row) => metricsOf.set(row[nodeAt], valueAt.map((k) => row[k])));
  }

  // noteOf.get(i): the line of text the side panel shows for node i (its brokerage role).
  const noteOf = new Map();
  if (payload.notes) recordsOf(payload.notes, NOTE_COLUMNS).forEach((n) => noteOf.set(n.node, n.text));

  // servicesOf.get(i): the services organisation i offers (optional payload.services).
  const servicesOf = new Map();
  if (payload.services) {
    recordsOf(payload.services, SERVICE_COLUMNS).forEach((s) => {
      if (!servicesOf.has(s.node)) servicesOf.set(s.node, []);
      servicesOf.get(s.node).push(s);
    });
  }

  const findings = payload.findings ? recordsOf(payload.findings, FINDING_COLUMNS) : null;
  const findingsOf = new Map();
  (findings || []).forEach((f) => {
    if (f.node === null) return;
    if (!findingsOf.has(f.node)) findingsOf.set(f.node, []);
    findingsOf.get(f.node).push(f);
  });
  // Badge colour of each node with findings: its worst severity (the first in the legend).
  const badgeColor = new Map();
  const gaps = payload.legend.gaps;
  if (gaps) {
    findingsOf.forEach((items, i) => {
      const worst = gaps.severities.find((s) => items.some((f) => f.severity === s.severity));
      badgeColor.set(i, worst ? worst.color : gaps.severities[0].color);
    });
  }

  // A map of two seasons: each node's lines of "what changed", each edge's status.
  const changeNotes = new Map();
  const changes = payload.changes || null;
  if (changes) {
    recordsOf(changes.notes, ["node", "text"]).forEach((n) => {
      if (!changeNotes.has(n.node)) changeNotes.set(n.node, []);
      changeNotes.get(n.node).push(n.text);
    });
  }

  const collator = new Intl.Collator(payload.lang);
  const byName = (a, b) => collator.compare(names[a], names[b]);
  const tierRank = (i) => {
    const k = facet.tier.of[i];
    return k >= 0 ? k : 99;
  };

  const edgeTable = columnsOf(payload.edges, EDGE_COLUMNS);
  const edgeStyles = recordsOf(payload.edge_styles, EDGE_STYLE_COLUMNS);
  const E = edgeTable.length;
  const edgeEnds = new Int32Array(2 * E);
  const edgesAt = listsOf(N);
  for (let k = 0; k < E; k++) {
    const a = edgeTable.source[k], b = edgeTable.target[k];
    edgeEnds[2 * k] = a;
    edgeEnds[2 * k + 1] = b;
    edgesAt[a].push(k);
    if (b !== a) edgesAt[b].push(k);
  }

  return {
    payload, N, E, nodes, ids, names, kindOf, indexOf, facet, valueLabel, rawValue,
    memberships, groupsOf, membersOf, staffOf, employersOf, childrenOf, parentOf, meetingsOf,
    metricsOf, noteOf, servicesOf, findings, findingsOf, badgeColor, byName, tierRank, changes, changeNotes,
    edges: edgeTable, edgeStyles, edgeEnds, edgesAt,
  };
}

/** vis-network's node objects: ids, labels, positions and the look decided in Python. */
export function visNodes(model, borderWidth) {
  const { nodes } = model;
  const out = new Array(model.N);
  for (let i = 0; i < model.N; i++) {
    const fill = nodes.color[i], border = nodes.border[i];
    const node = {
      id: nodes.id[i], label: nodes.label[i], x: nodes.x[i], y: nodes.y[i], group: nodes.kind[i],
      shape: nodes.shape[i], size: nodes.size[i], title: nodes.title[i], color: fill,
    };
    if (border !== null) {
      // A complete colour object: given only a fill and a border, vis would select and hover
      // the node in its default blue and lose the finding's colour.
      node.color = {
        background: fill, border,
        highlight: { background: fill, border },
        hover: { background: fill, border },
      };
      node.borderWidth = borderWidth;
    }
    const change = changeOf(model, i);
    if (change !== null) styleChange(node, fill, change);
    out[i] = node;
  }
  return out;
}

// Change maps: the status of node i ("joined", "left", "stayed") or null.
function changeOf(model, i) {
  const f = model.facet.change;
  if (!model.changes || !f || f.of[i] < 0) return null;
  return { status: f.values[f.of[i]], color: f.colors[f.of[i]] };
}

function faded(color) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return m ? `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, 0.35)` : color;
}

// Joined: a thick solid outline; left: a dashed outline and a faded fill; stayed: as it was.
// Outline width and dashes tell them apart in greyscale, the outline colour on screen.
function styleChange(node, fill, change) {
  if (change.status === "stayed") return;
  const background = change.status === "left" ? faded(fill) : fill;
  const look = { background, border: change.color };
  node.color = { ...look, highlight: look, hover: look };
  node.borderWidth = change.status === "joined" ? 4 : 2.5;
  if (change.status === "left") node.shapeProperties = { borderDashes: [5, 4] };
}

/** vis-network's edge objects; an edge's id is its row number (the highlight finds it by that). */
export function visEdges(model) {
  const { edges, edgeStyles, ids } = model;
  const out = new Array(model.E);
  for (let k = 0; k < model.E; k++) {
    const style = edgeStyles[edges.style[k]];
    const edge = { id: k, from: ids[edges.source[k]], to: ids[edges.target[k]], color: style.color, width: edges.width[k] };
    if (style.arrows !== null) edge.arrows = style.arrows;
    const change = model.changes ? model.changes.edges[k] : -1;
    if (change >= 0 && model.facet.change) {
      const status = model.facet.change.values[change];
      if (status === "left") { edge.dashes = [4, 4]; edge.color = { color: style.color, opacity: 0.5 }; }
      else if (status === "joined") edge.width = edges.width[k] * 2;
    }
    out[k] = edge;
  }
  return out;
}
