// Indexes over the payload, built once: who belongs where, by node index (a node's row in
// payload.nodes). Pure: no DOM, no vis-network.

import { checkPayload, columnIndex, columnsOf, recordsOf } from "./table.js";

import { tooltip } from "./tooltip.js";

export const NODE_COLUMNS = ["label", "look", "x", "y", "size"];
export const LOOK_COLUMNS = ["kind", "color", "shape"];
export const EDGE_COLUMNS = ["source", "target", "style"];
export const EDGE_STYLE_COLUMNS = ["kind", "color", "width", "arrows"];
export const MEMBERSHIP_COLUMNS = ["group", "person", "role"];
export const FINDING_COLUMNS = ["rule", "severity", "node", "subject", "missing", "message"];
export const NOTE_COLUMNS = ["node", "text"];
export const SERVICE_COLUMNS = ["node", "service", "detail"];

/** From this many collaboration edges on, they are drawn faint: a national map's thousands of
 * ties between organisations otherwise cover its groups in one colour. */
export const FAINT_COLLABORATION_FROM = 1000;
const FAINT_ALPHA = 0.25;

/** A CSS colour (#rrggbb or rgb()/rgba()) with the opacity *alpha*. */
export function withAlpha(color, alpha) {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const rgb = hex ? hex.slice(1).map((part) => parseInt(part, 16)) : (/^rgba?\(([^)]*)\)$/.exec(color) || [null, ""])[1].split(",").slice(0, 3).map(Number);
  if (rgb.length !== 3 || rgb.some((part) => !Number.isFinite(part))) return color;
  return `rgba(${rgb.join(", ")}, ${alpha})`;
}

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
  // Each node's look resolved: nodes.kind[i], nodes.color[i], nodes.shape[i]; and its id,
  // "<kind>:<label>" unless payload.node_ids names another.
  const looks = recordsOf(payload.looks, LOOK_COLUMNS);
  nodes.kind = nodes.look.map((k) => looks[k].kind);
  nodes.color = nodes.look.map((k) => looks[k].color);
  nodes.shape = nodes.look.map((k) => looks[k].shape);
  const named = new Map(Object.entries(payload.node_ids).map(([i, id]) => [Number(i), id]));
  nodes.id = nodes.label.map((label, i) => (named.has(i) ? named.get(i) : nodes.kind[i] + ":" + label));
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

  const staffOf = listsOf(N), employersOf = listsOf(N);
  const employers = recordsOf(payload.employers, ["person", "organisation"]);
  employers.forEach((e) => {
    employersOf[e.person].push(e.organisation);
    staffOf[e.organisation].push(e.person);
  });
  // A membership represents the person's only employer unless a representation says otherwise.
  const memberships = recordsOf(payload.memberships, MEMBERSHIP_COLUMNS);
  const represents = new Map(recordsOf(payload.representations, ["membership", "organisation"]).map((r) => [r.membership, r.organisation]));
  const groupsOf = listsOf(N), membersOf = listsOf(N);
  memberships.forEach((m, k) => {
    const own = employersOf[m.person];
    m.organisation = represents.has(k) ? represents.get(k) : own.length === 1 ? own[0] : -1;
    membersOf[m.group].push(m);
    groupsOf[m.person].push(m);
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

  // The edges: one per membership (person to group), one per employer (person to
  // organisation), then those of payload.edges; an edge's number is its place in that order.
  const edgeStyles = recordsOf(payload.edge_styles, EDGE_STYLE_COLUMNS);
  const styleOf = (kind) => {
    const k = edgeStyles.findIndex((style) => style.kind === kind);
    if (k < 0) throw new Error(`map payload: no edge style "${kind}"`);
    return k;
  };
  const rest = columnsOf(payload.edges, EDGE_COLUMNS);
  const M = memberships.length, W = employers.length;
  const E = M + W + rest.length;
  const edgeTable = { length: E, source: new Int32Array(E), target: new Int32Array(E), style: new Int32Array(E) };
  const memberStyle = M ? styleOf("member_of") : -1, workStyle = W ? styleOf("works_for") : -1;
  memberships.forEach((m, k) => {
    edgeTable.source[k] = m.person; edgeTable.target[k] = m.group; edgeTable.style[k] = memberStyle;
  });
  employers.forEach((e, k) => {
    edgeTable.source[M + k] = e.person; edgeTable.target[M + k] = e.organisation; edgeTable.style[M + k] = workStyle;
  });
  for (let k = 0; k < rest.length; k++) {
    edgeTable.source[M + W + k] = rest.source[k]; edgeTable.target[M + W + k] = rest.target[k]; edgeTable.style[M + W + k] = rest.style[k];
  }
  const edgeEnds = new Int32Array(2 * E);
  const edgesAt = listsOf(N);
  for (let k = 0; k < E; k++) {
    const a = edgeTable.source[k], b = edgeTable.target[k];
    edgeEnds[2 * k] = a;
    edgeEnds[2 * k + 1] = b;
    edgesAt[a].push(k);
    if (b !== a) edgesAt[b].push(k);
  }
  // Groups per tier node: its part_of edges.
  const groupCountOf = new Int32Array(N);
  let collaborations = 0;
  for (let k = M + W; k < E; k++) {
    const kind = edgeStyles[edgeTable.style[k]].kind;
    if (kind === "part_of") groupCountOf[edgeTable.target[k]] += 1;
    else if (kind === "collaborates") collaborations += 1;
  }

  return {
    payload, N, E, nodes, ids, names, kindOf, indexOf, facet, valueLabel, rawValue,
    memberships, groupsOf, membersOf, staffOf, employersOf, childrenOf, parentOf, meetingsOf,
    metricsOf, noteOf, servicesOf, findings, findingsOf, badgeColor, byName, tierRank, changes, changeNotes,
    edges: edgeTable, edgeStyles, edgeEnds, edgesAt, groupCountOf,
    faintCollaboration: collaborations >= FAINT_COLLABORATION_FROM,
  };
}

/**
 * vis-network's node objects of the nodes *indices* (default: all): ids, labels, positions and
 * the look decided in Python; the tooltip built from the model, the border of a node with
 * findings in its worst severity's colour.
 */
export function visNodes(model, borderWidth, texts, indices = null, hidden = null) {
  const { nodes } = model;
  const list = indices || Array.from({ length: model.N }, (_, i) => i);
  const out = new Array(list.length);
  list.forEach((i, n) => {
    const fill = nodes.color[i], border = model.badgeColor.has(i) ? model.badgeColor.get(i) : null;
    const node = {
      id: nodes.id[i], label: nodes.label[i], x: nodes.x[i], y: nodes.y[i], group: nodes.kind[i],
      shape: nodes.shape[i], size: nodes.size[i], title: tooltip(model, texts, i), color: fill,
    };
    if (hidden && hidden[i]) node.hidden = true;
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
    out[n] = node;
  });
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

/** vis-network's edge objects of the edges *numbers* (default: all); an edge's id is its number. */
export function visEdges(model, numbers = null) {
  const { edges, edgeStyles, ids } = model;
  const list = numbers || Array.from({ length: model.E }, (_, k) => k);
  return list.map((k) => {
    const style = edgeStyles[edges.style[k]];
    const faint = model.faintCollaboration && style.kind === "collaborates";
    const edge = {
      id: k, from: ids[edges.source[k]], to: ids[edges.target[k]],
      color: faint ? withAlpha(style.color, FAINT_ALPHA) : style.color,
      width: faint ? Math.max(1, style.width / 2) : style.width,
    };
    if (style.arrows !== null) edge.arrows = style.arrows;
    const change = model.changes ? model.changes.edges[k] : -1;
    if (change >= 0 && model.facet.change) {
      const status = model.facet.change.values[change];
      if (status === "left") { edge.dashes = [4, 4]; edge.color = { color: style.color, opacity: 0.5 }; }
      else if (status === "joined") edge.width = style.width * 2;
    }
    return edge;
  });
}
