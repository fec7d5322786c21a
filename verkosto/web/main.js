// The map page: reads the payload and settings from their JSON elements, draws the map with
// vis-network and wires search, filters, side panel and buttons. Roster text is untrusted:
// it is drawn on the canvas, set with textContent or passed to vis as plain-text titles,
// never parsed as HTML.
//
// window.verkosto, for presenters' scripts and the tests:
//   search(text)          select and focus the best match; returns its id or null
//   find(text, limit)     ids of the matches, best first (what the suggestion list shows)
//   applyFilters(state)   state = {tier, region, municipality, sector, group_type, change: [values],
//                         hide_persons, gaps_only: booleans}; replaces the whole filter state
//                         and returns the number of visible nodes
//   resetFilters()        show everything again
//   filters()             the current state
//   select(id, {focus})   highlight a node's neighbourhood and open its panel
//   clearSelection()      remove the highlight and close the panel
//   fit()                 show the whole map
//   toPNG()               the current view as a data:image/png URL on white
//   labelBoxes()          the labels drawn now: [{id, x, y, width, height}] in CSS px
//   labelStats()          {ms, drawn}: the last redraw's label pass and how many it drew
//   freeArea()            the part of the map the panels leave free: {left, top, right, bottom} in CSS px
//   views()               the saved views: [{id, title, note}] in slide order
//   showView(id | k)      apply a view (filters, focus, zoom); returns its id or null
//   view()                the id of the view shown last, or null
//   present(on)           presentation mode on, off or (no argument) toggled; returns it
//   presenting()          whether presentation mode is on
//   openList(), closeList()  the list view, the network as text
//   drawnPersons()        ids of the persons drawn now (a large map folds the others into
//                         their groups: persons.js)
//   personsFolded()       whether persons that the filters leave are folded away now

import { h } from "./dom.js";
import { drawBadges, drawGuides, drawMarks } from "./draw.js";
import { emptyState, FACETS, normalise, visibility } from "./filters.js";
import { format, formatNumber } from "./format.js";
import { buildModel, visEdges, visNodes } from "./model.js";
import { makePanel } from "./panel.js";
import { drawChanges, drawnEdges, drawnNodes, personsOf } from "./persons.js";
import { makeFinder } from "./search.js";
import { addSuggestionToggle } from "./suggestions.js";
import { lineLength, placeLabels, RANK, wrap } from "./labels.js";
import { makeListView } from "./listview.js";
import { hashOf, parseHash } from "./slides.js";
import { visInternals } from "./vis_internals.js";
import { fitLabelPx, fitScale as fitScaleOf, GROUP_LABEL_GROWTH, mapBox } from "./view.js";

const VEIL = "rgba(255, 255, 255, 0.82)"; // over everything outside the selected neighbourhood
const FOCUS_SCALE = 1.0;
const OPEN_FACETS = { tier: true, region: true, sector: true, change: true };

const typing = (target) => target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

function readJSON(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

const settings = readJSON("verkosto-settings");
const texts = settings.texts;
const model = buildModel(readJSON("verkosto-payload"));
const { payload, N, ids, names, kindOf, indexOf, facet, edgeEnds, edgesAt, findingsOf, badgeColor } = model;
const reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// ---- view -----------------------------------------------------------------------------------

const container = document.getElementById("map");
const sidebar = document.getElementById("sidebar");
const legend = document.getElementById("legend");
const panel = document.getElementById("panel");
const slideBar = document.getElementById("slide");
const hidden = new Uint8Array(N);
let selected = null;
let presenting = false;
let state = emptyState();

// The part of the window the map really has: not under the sidebar, the open legend or the
// panel; in presentation mode all of it but the slide's caption.
function freeArea() {
  const width = container.clientWidth, height = container.clientHeight;
  const top = 0;
  let left = 0, right = width, bottom = height;
  if (presenting) {
    bottom = Math.max(slideBar.getBoundingClientRect().top, height / 2);
  } else {
    left = Math.min(sidebar.getBoundingClientRect().right, width / 2);
    const details = legend.querySelector("details");
    const side = !panel.hidden ? panel : details && details.open ? legend : null;
    const rect = side ? side.getBoundingClientRect() : null;
    if (rect && rect.width) right = Math.max(rect.left, width / 2);
  }
  return { left, right, top, bottom, width: Math.max(right - left, 100), height: Math.max(bottom - top, 100) };
}

// In presentation mode the whole map is fitted tighter: its nodes and region names, not the
// square that holds the rings (the labels are kept inside the window anyway).
function fitScale(visibleOnly) {
  const guides = payload.guides;
  if (!presenting || visibleOnly || !guides) return fitScaleOf(mapBox(model, hidden, visibleOnly), freeArea(), visibleOnly);
  const box = mapBox(model, hidden, true);
  guides.regions.forEach((region) => {
    const x = region.radius * Math.cos(region.angle), y = region.radius * Math.sin(region.angle);
    box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
    box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
  });
  return fitScaleOf(box, freeArea(), false);
}

// The offset of the free area's centre from the canvas' centre, for moveTo and focus.
function areaOffset() {
  const area = freeArea();
  return { x: (area.left + area.right - container.clientWidth) / 2, y: (area.top + area.bottom - container.clientHeight) / 2 };
}

const motion = (ms) => (reducedMotion || ms === 0 ? false : { duration: ms, easingFunction: "easeInOutQuad" });

// Like network.fit(), but keeps the rings and region names in view, inside the free area;
// *zoom* multiplies the fitted scale (a saved view's zoom).
function fitView(network, animate, visibleOnly, zoom = 1) {
  const view = fitScale(visibleOnly);
  if (!view) return;
  network.moveTo({ position: view.centre, scale: view.scale * zoom, offset: areaOffset(), animation: motion(animate ? 500 : 0) });
}

const initialView = fitScale(false);
const baseScale = initialView ? initialView.scale : 1;
const fitPx = new Float32Array(N);
for (let i = 0; i < N; i++) {
  if (kindOf[i] === "group") fitPx[i] = fitLabelPx(model.rawValue("tier", i), model.nodes.shape[i]);
}

// The DataSets hold what is drawn: on a large map not every person (persons.js). *opened*:
// the nodes whose persons are drawn, the selected group, organisation or person.
const borderWidth = payload.legend.gaps ? payload.legend.gaps.border_width : 1;
let opened = [];
let drawing = drawnNodes(model, hidden, payload.fold_persons_from, opened);
let visibleCount = N; // the nodes the filters leave, for showCount()
const drawnList = (flags) => { const out = []; flags.forEach((on, i) => { if (on) out.push(i); }); return out; };
const nodes = new vis.DataSet(visNodes(model, borderWidth, texts, drawnList(drawing.drawn)));
const edges = new vis.DataSet(visEdges(model, drawnEdges(model, drawing.drawn)));
const network = new vis.Network(container, { nodes, edges }, settings.options);
const internals = visInternals(network, settings.vis_version);

if (payload.guides) {
  network.on("beforeDrawing", (ctx) => drawGuides(ctx, payload.guides, network.getScale()));
}
fitView(network, false);

// ---- labels ---------------------------------------------------------------------------------

// vis draws no labels (drawThreshold is out of reach, see render.vis_options): the page places
// them after every redraw, most important first, and skips a label rather than let it cover
// another (labels.js). Text widths are measured once per node at 100 px and scaled.
const LABEL_FACE = "px system-ui, Segoe UI, Arial, sans-serif";
const LINE = 1.18;
const MIN_PX = { group: 9, network: 10, organisation: 11, person: 11, tier: 11 };
const measurer = document.createElement("canvas").getContext("2d");
const labelClass = new Array(N), labelLines = new Array(N), width100 = new Float32Array(N);
for (let i = 0; i < N; i++) {
  const kind = kindOf[i];
  labelClass[i] = kind === "group" ? (model.nodes.shape[i] === "hexagon" ? "network" : model.rawValue("tier", i) || "local") : kind;
}
// Wrapped and measured when first drawn: a folded national map draws few of its 15,000 persons.
function labelWidth100(i) {
  if (labelLines[i] === undefined) {
    const kind = kindOf[i];
    labelLines[i] = wrap(names[i], kind === "group" || kind === "tier" ? lineLength(names[i], 14, 30) : 34);
    measurer.font = (kind === "group" || kind === "tier" ? "600 100" : "100") + LABEL_FACE;
    width100[i] = Math.max(...labelLines[i].map((line) => measurer.measureText(line).width));
  }
  return width100[i];
}
const rankOfClass = (c) => (c in RANK ? RANK[c] : RANK.person);
// Within a class: nodes with findings, then larger nodes, then payload order.
const labelOrder = Array.from({ length: N }, (_, i) => i).sort((a, b) =>
  rankOfClass(labelClass[a]) - rankOfClass(labelClass[b]) ||
  (badgeColor.has(b) ? 1 : 0) - (badgeColor.has(a) ? 1 : 0) || model.nodes.size[b] - model.nodes.size[a] || a - b);

// On-screen font size (px) of node i's label at zoom *scale*.
function labelPx(i, scale) {
  const grow = presenting ? 1.25 : 1;
  const kind = kindOf[i];
  if (kind === "group") return grow * fitPx[i] * Math.min(scale / baseScale, GROUP_LABEL_GROWTH);
  if (kind === "tier") return grow * 13;
  // Organisations are named from about half the natural zoom, persons from about 0.8.
  const natural = (kind === "organisation" ? 22 : 14) * scale;
  // The organisation-level view ("hide persons") names the organisations from the first view.
  const floor = kind === "organisation" && state.hide_persons ? 12 : 0;
  return grow * Math.min(Math.max(natural, floor), kind === "organisation" ? 16 : 15);
}

let placed = [];

function labelCandidates(spotNodes) {
  const scale = network.getScale(), origin = network.canvasToDOM({ x: 0, y: 0 });
  const grow = presenting ? 1.25 : 1;
  const out = [];
  const text = (id, lines, px, weight, color, x, y, r, rank, extra) => {
    const widest = Math.max(...lines.map((line) => { measurer.font = weight + " " + px + LABEL_FACE; return measurer.measureText(line).width; }));
    return { id, lines, px, weight, color, x, y, r, rank, width: Math.ceil(widest) + 4, height: Math.ceil(lines.length * px * LINE), ...extra };
  };
  const guides = payload.guides;
  if (guides) {
    guides.rings.forEach((ring) => {
      const px = 14 * grow;
      out.push(text("ring:" + ring.label, [ring.label], px, 600, ring.color, origin.x,
        origin.y - ring.radius * scale + 30 + px * LINE / 2, 0, RANK.ring, { centred: true, guide: true }));
    });
    guides.regions.forEach((region) => {
      out.push(text("region:" + region.label, [region.label], 17 * grow, 600, "#444444",
        origin.x + region.radius * Math.cos(region.angle) * scale, origin.y + region.radius * Math.sin(region.angle) * scale,
        0, RANK.region, { centred: true, guide: true }));
    });
  }
  const { x, y, size } = model.nodes;
  const spot = new Set(spotNodes);
  const { drawn } = drawing;
  labelOrder.forEach((i) => {
    if (hidden[i] || !drawn[i]) return;
    const forced = i === selected;
    const kind = kindOf[i];
    if (kind === "tier" && guides && !forced && !spot.has(i)) return; // the rings name the tiers
    // Under the veil of a highlight, only groups keep their names (faint) for orientation.
    if (spot.size && !spot.has(i) && !forced && (kind === "person" || kind === "organisation")) return;
    let px = labelPx(i, scale);
    if (px < MIN_PX[labelClass[i] === "network" ? "network" : kind] && !forced && !spot.has(i)) return;
    if (forced || spot.has(i)) px = Math.max(px, 13 * grow);
    // The highlighted neighbourhood's names come before every other (after the selected one's).
    const rank = spot.has(i) ? RANK.forced + 0.5 : rankOfClass(labelClass[i]);
    const weight = kind === "group" || kind === "tier" || presenting ? 600 : 400;
    const w = labelWidth100(i) * px / 100 * (weight === 600 && kind !== "group" && kind !== "tier" ? 1.05 : 1);
    out.push({
      id: ids[i], node: i, lines: labelLines[i], px, weight, color: presenting ? "#000000" : "#1d1d1d",
      x: origin.x + x[i] * scale, y: origin.y + y[i] * scale, r: size[i] * scale, rank, forced, spot: spot.has(i),
      width: Math.ceil(w) + 4, height: Math.ceil(labelLines[i].length * px * LINE),
    });
  });
  return out;
}

// What labels must leave visible: the finding badges and the shapes of groups and tiers (of
// the highlighted neighbourhood only, while there is one: the rest lies under the veil).
function labelObstacles(spotNodes) {
  const scale = network.getScale(), origin = network.canvasToDOM({ x: 0, y: 0 });
  const { x, y, size } = model.nodes;
  const out = [];
  const square = (cx, cy, r, rank) => out.push({ x: cx - r, y: cy - r, width: 2 * r, height: 2 * r, rank });
  (spotNodes || groupsAndTiers).forEach((i) => {
    if (hidden[i]) return;
    const cx = origin.x + x[i] * scale, cy = origin.y + y[i] * scale;
    // Shapes keep organisations' and persons' names off; badges all but the tiers' and regions'.
    if (kindOf[i] === "group" || kindOf[i] === "tier") square(cx, cy, size[i] * scale, RANK.network);
    if (badgeColor.has(i)) {
      // As drawBadges places the badge: up right of the node, at least 7 px in radius.
      const r = Math.max(0.45 * size[i] * scale, 7);
      square(cx + 0.8 * size[i] * scale, cy - 0.8 * size[i] * scale, r, RANK.region);
    }
  });
  return out;
}
const groupsAndTiers = [];
for (let i = 0; i < N; i++) if (kindOf[i] === "group" || kindOf[i] === "tier") groupsAndTiers.push(i);

function drawLabels(ctx, labels) {
  ctx.save();
  const ratio = ctx.canvas.width / Math.max(ctx.canvas.clientWidth, 1);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  labels.forEach((label) => {
    ctx.font = label.weight + " " + label.px + LABEL_FACE;
    ctx.lineWidth = presenting ? 5 : 4;
    ctx.strokeStyle = "#ffffff";
    ctx.fillStyle = label.color;
    const lineHeight = label.px * LINE;
    label.lines.forEach((line, k) => {
      const cx = label.x + label.width / 2, cy = label.y + (k + 0.5) * lineHeight;
      ctx.strokeText(line, cx, cy);
      ctx.fillText(line, cx, cy);
    });
  });
  ctx.restore();
}

// ---- highlight ------------------------------------------------------------------------------

// The selected node's neighbourhood (the node, its edges and the nodes at their other ends) is
// drawn again over a white veil that vis' picture gets after each redraw. The DataSets are not
// touched: closing the panel restores exactly the original picture, and a highlight costs one
// redraw, also with 20,000 nodes, where dimming every other node and edge with DataSet updates
// took 5-8 s in headless Chromium. Drawing single nodes and edges needs vis internals
// (vis_internals.js); without them the selection is vis' own.
let spotlight = null;

function highlight(focus) {
  if (focus === null) {
    spotlight = null;
  } else {
    const around = new Set([focus]);
    edgesAt[focus].forEach((k) => {
      around.add(edgeEnds[2 * k]);
      around.add(edgeEnds[2 * k + 1]);
    });
    around.delete(focus);
    // The selected node last, so that it lies on top.
    spotlight = { nodes: Array.from(around).concat([focus]), edges: edgesAt[focus] };
  }
  // One redraw in the next frame, shared with the selection's.
  internals.requestRedraw();
}

const badged = Array.from(badgeColor.keys());
function badgesOf(indices) {
  const shown = indices.filter((i) => !hidden[i] && drawing.drawn[i] && badgeColor.has(i));
  const positions = network.getPositions(shown.map((i) => ids[i]));
  // A gap's badge is round, a risk's a triangle: the severity does not rest on colour alone.
  const shapeOf = (i) => ((findingsOf.get(i) || []).some((f) => f.severity === "gap") ? "circle" : "triangle");
  return shown.map((i) => ({ ...positions[ids[i]], size: model.nodes.size[i], color: badgeColor.get(i), shape: shapeOf(i) }));
}

let labelMs = 0; // the last redraw's label placement and drawing, for verkosto.labelStats()
network.on("afterDrawing", (ctx) => {
  const started = performance.now();
  if (badged.length) drawBadges(ctx, badgesOf(badged), network.getScale());
  const lit = spotlight !== null && internals.supported;
  const shownNodes = spotlight === null ? [] : spotlight.nodes.filter((i) => !hidden[i] && drawing.drawn[i]);
  placed = placeLabels(labelCandidates(lit ? shownNodes : []), freeArea(), labelObstacles(lit ? shownNodes : null));
  drawLabels(ctx, lit ? placed.filter((label) => !label.spot && !label.forced) : placed);
  if (lit) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    const isShown = (i) => !hidden[i] && drawing.drawn[i];
    const shownEdges = spotlight.edges.filter((k) => isShown(edgeEnds[2 * k]) && isShown(edgeEnds[2 * k + 1]));
    // Lines under the nodes, dots over them: at least visible however far apart they lie.
    const { x, y, size, color } = model.nodes;
    drawMarks(ctx, [], shownEdges.map((k) => {
      const a = edgeEnds[2 * k], b = edgeEnds[2 * k + 1], style = model.edgeStyles[model.edges.style[k]];
      return { x1: x[a], y1: y[a], x2: x[b], y2: y[b], width: style.width, color: style.color };
    }), network.getScale());
    internals.drawSpotlight(ctx, shownNodes.map((i) => ids[i]), shownEdges);
    drawMarks(ctx, shownNodes.map((i) => ({ x: x[i], y: y[i], size: size[i], color: color[i] })), [], network.getScale());
    if (badged.length) drawBadges(ctx, badgesOf(shownNodes), network.getScale());
    drawLabels(ctx, placed.filter((label) => label.spot || label.forced));
  }
  labelMs = performance.now() - started;
});

// The on-screen boxes (CSS px) of the labels drawn now.
const labelBoxes = () => placed.map((label) => ({ id: label.id, x: label.x, y: label.y, width: label.width, height: label.height }));

// A click near a small group, or on a label, picks that node: groups' hit areas are at least
// 24 px across whatever the zoom.
const GROUP_HIT_RADIUS = 12;
function nodeNear(point) {
  const label = placed.find((l) => l.node !== undefined && point.x >= l.x && point.x <= l.x + l.width &&
    point.y >= l.y && point.y <= l.y + l.height);
  if (label) return label.id;
  const scale = network.getScale(), origin = network.canvasToDOM({ x: 0, y: 0 });
  let best = null, bestDistance = GROUP_HIT_RADIUS;
  for (let i = 0; i < N; i++) {
    if (hidden[i] || (kindOf[i] !== "group" && kindOf[i] !== "tier")) continue;
    const d = Math.hypot(origin.x + model.nodes.x[i] * scale - point.x, origin.y + model.nodes.y[i] * scale - point.y);
    if (d <= bestDistance) { best = i; bestDistance = d; }
  }
  return best === null ? null : ids[best];
}

// ---- filters --------------------------------------------------------------------------------

// The nodes *input* leaves visible; returns how many and whether any node changed.
function filterNodes(input) {
  state = normalise(input);
  const visible = visibility(model, state);
  const changes = [];
  let count = 0;
  for (let i = 0; i < N; i++) {
    const hide = visible[i] ? 0 : 1;
    count += visible[i];
    if (hide !== hidden[i]) {
      hidden[i] = hide;
      if (drawing.drawn[i]) changes.push({ id: ids[i], hidden: !!hide });
    }
  }
  if (changes.length) nodes.update(changes);
  if (selected !== null && hidden[selected]) clearSelection();
  const drawnBefore = nodes.length;
  syncDrawn();
  const changed = changes.length > 0 || nodes.length !== drawnBefore;
  syncFilterControls();
  visibleCount = count;
  showCount();
  return { count, changed };
}

// Bring into the DataSets what drawnNodes says the map draws now, and take out the rest.
function syncDrawn() {
  const next = drawnNodes(model, hidden, payload.fold_persons_from, opened);
  const change = drawChanges(model, drawing.drawn, next.drawn);
  if (change.removeEdges.length) edges.remove(change.removeEdges);
  if (change.removeNodes.length) nodes.remove(change.removeNodes.map((i) => ids[i]));
  if (change.addNodes.length) nodes.add(visNodes(model, borderWidth, texts, change.addNodes, hidden));
  if (change.addEdges.length) edges.add(visEdges(model, change.addEdges));
  drawing = next;
  document.getElementById("folded-note").hidden = !next.folded;
  showCount();
}

// "Showing 2,694 of 17,694 nodes", and on a folded map how many of the persons the filters
// leave are folded into their groups: a count that includes them would say they are drawn.
function showCount() {
  const number = (value) => formatNumber(value, payload.lang);
  let text = format(texts["map.visible"], { visible: number(visibleCount), total: number(N) });
  if (drawing.folded) {
    let drawn = 0;
    for (let i = 0; i < N; i++) if (drawing.drawn[i] && !hidden[i]) drawn += 1;
    text = format(texts["map.visible_folded"], { visible: number(drawn), total: number(N), folded: number(visibleCount - drawn) });
  }
  document.getElementById("visible-count").textContent = text;
}

// The nodes whose persons a folded map draws once node *i* is selected: a group or an
// organisation opens; a person opens itself and keeps open what it was drawn for.
function openFor(i) {
  const kind = kindOf[i];
  if (kind === "group" || kind === "organisation") return [i];
  if (kind !== "person") return [];
  return opened.filter((j) => j !== i && kindOf[j] !== "person" && personsOf(model, j).includes(i)).concat([i]);
}

function open(i) {
  opened = openFor(i);
  syncDrawn();
}

function applyFilters(input) {
  const { count, changed } = filterNodes(input);
  // Show what the filters left, as large as it fits; the whole map when nothing is filtered.
  if (changed) fitView(network, true, count < N);
  return count;
}

function resetFilters() {
  document.getElementById("status").textContent = "";
  return applyFilters(emptyState());
}

function currentFilters() {
  return JSON.parse(JSON.stringify(state));
}

// Controls: one collapsible list of checkboxes per facet, built from the payload's values.
const facetControls = {};
function buildFilterControls() {
  const host = document.getElementById("facets");
  FACETS.forEach((name) => {
    const f = facet[name];
    if (!f || !f.values.length) return;
    const counts = new Array(f.values.length).fill(0);
    f.of.forEach((k) => { if (k >= 0) counts[k] += 1; });
    const chosen = h("span", { className: "chosen" });
    const boxes = [];
    const options = h("div", { className: "options", role: "group", "aria-label": f.label });
    f.values.forEach((value, k) => {
      const box = h("input", { type: "checkbox", onchange: readFilterControls });
      box.value = value;
      boxes.push(box);
      const swatch = f.colors ? h("span", { className: "swatch", style: { background: f.colors[k] } }) : null;
      options.appendChild(h("label", null, box, swatch, h("span", null, f.labels[k]), h("span", { className: "n" }, String(counts[k]))));
    });
    const details = h("details", { className: "facet", "data-facet": name }, h("summary", null, f.label, " ", chosen), options);
    details.open = !!OPEN_FACETS[name] && f.values.length <= 12;
    host.appendChild(details);
    facetControls[name] = { boxes, chosen };
  });
  document.getElementById("hide-persons").addEventListener("change", readFilterControls);
  document.getElementById("gaps-only").addEventListener("change", readFilterControls);
  document.getElementById("gaps-only-row").hidden = findingsOf.size === 0;
  document.getElementById("reset-filters").addEventListener("click", resetFilters);
}

function readFilterControls() {
  const s = emptyState();
  Object.keys(facetControls).forEach((name) => {
    s[name] = facetControls[name].boxes.filter((box) => box.checked).map((box) => box.value);
  });
  s.hide_persons = document.getElementById("hide-persons").checked;
  s.gaps_only = document.getElementById("gaps-only").checked;
  document.getElementById("status").textContent = "";
  applyFilters(s);
}

function syncFilterControls() {
  Object.keys(facetControls).forEach((name) => {
    const control = facetControls[name];
    control.boxes.forEach((box) => { box.checked = state[name].includes(box.value); });
    const n = state[name].length;
    control.chosen.textContent = n ? "(" + n + ")" : "";
  });
  document.getElementById("hide-persons").checked = state.hide_persons;
  document.getElementById("gaps-only").checked = state.gaps_only;
}

// ---- selection and side panel ---------------------------------------------------------------

const sidePanel = makePanel({ model, texts, panel, body: document.getElementById("panel-body"), legend, select });

function select(id, opts = {}) {
  const i = indexOf.get(id);
  if (i === undefined) return false;
  if (hidden[i]) {
    resetFilters();
    document.getElementById("status").textContent = format(texts["map.filters_reset_for"], { name: names[i] });
  }
  selected = i;
  open(i);
  highlight(i);
  network.selectNodes([id]);
  sidePanel.show(i);
  if (opts.focus !== false) {
    network.focus(id, {
      scale: focusScale(i),
      offset: areaOffset(), // the middle of the map the panels leave free, not of the canvas
      animation: reducedMotion ? false : { duration: 600, easingFunction: "easeInOutQuad" },
    });
  } else {
    keepInView(i);
  }
  return true;
}

// Zoom for a node brought into view: close enough to read a person's or organisation's name;
// for a group, as close as shows all its members around it (for a tier, all its groups).
function focusScale(i) {
  if (kindOf[i] !== "group" && kindOf[i] !== "tier") return Math.max(network.getScale(), FOCUS_SCALE);
  const { x, y } = model.nodes;
  const area = freeArea(), reach = { x: 1, y: 1 };
  const around = kindOf[i] === "group" ? "person" : "group";
  edgesAt[i].forEach((k) => {
    const j = edgeEnds[2 * k] === i ? edgeEnds[2 * k + 1] : edgeEnds[2 * k];
    if (hidden[j] || kindOf[j] !== around) return;
    reach.x = Math.max(reach.x, Math.abs(x[j] - x[i]));
    reach.y = Math.max(reach.y, Math.abs(y[j] - y[i]));
  });
  // Room for the names around them, larger in presentation mode.
  const margin = presenting ? 110 : 60;
  const scale = Math.min((area.width / 2 - margin) / reach.x, (area.height / 2 - margin) / reach.y);
  return Math.min(Math.max(scale, baseScale), FOCUS_SCALE);
}

// A clicked node that the panel (or the sidebar) now covers moves to the middle of what is
// left of the map.
function keepInView(i) {
  const position = network.getPosition(ids[i]);
  const point = network.canvasToDOM(position), area = freeArea(), margin = 50;
  if (point.x > area.left + margin && point.x < area.right - margin && point.y > margin &&
      point.y < area.height - margin) return;
  network.moveTo({
    position,
    scale: network.getScale(),
    offset: { x: (area.left + area.right) / 2 - container.clientWidth / 2, y: 0 },
    animation: reducedMotion ? false : { duration: 400, easingFunction: "easeInOutQuad" },
  });
}

function clearSelection() {
  const had = selected !== null;
  selected = null;
  spotlight = null;
  network.unselectAll(); // redraws
  if (opened.length) {
    opened = [];
    syncDrawn();
  }
  panel.hidden = true;
  legend.hidden = false;
  if (had && panel.contains(document.activeElement)) document.getElementById("search").focus();
}

// ---- search ---------------------------------------------------------------------------------

const findIndices = makeFinder(model);
const find = (query, limit) => findIndices(query, limit || 12, hidden).map((i) => ids[i]);

function search(query) {
  const id = find(query, 1)[0];
  if (id === undefined) return null;
  select(id);
  return id;
}

const input = document.getElementById("search");
const results = document.getElementById("search-results");
let active = -1;

function context(i) {
  const kind = kindOf[i];
  const parts = [texts["kind." + kind] || kind];
  if (kind === "person" && model.employersOf[i].length) parts.push(names[model.employersOf[i][0]]);
  else if (kind === "group") parts.push(model.valueLabel("tier", i));
  else if (kind === "organisation") parts.push(model.valueLabel("sector", i));
  if (kind !== "tier") parts.push(model.valueLabel("region", i));
  if (hidden[i]) parts.push(texts["map.hidden"]);
  return parts.filter(Boolean).join(" · ");
}

function closeResults() {
  results.hidden = true;
  results.replaceChildren();
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
  active = -1;
}

function choose(id) {
  closeResults();
  input.value = names[indexOf.get(id)];
  select(id);
}

function showResults() {
  const found = find(input.value, 12);
  if (!input.value.trim()) { closeResults(); return; }
  active = found.length ? 0 : -1;
  results.replaceChildren(...(found.length ? found.map((id, n) => {
    const i = indexOf.get(id);
    return h("button", {
      type: "button", role: "option", id: "search-option-" + n, tabindex: "-1", "data-node": id,
      onclick: () => choose(id),
    }, h("span", { className: "name" }, names[i]), h("span", { className: "context" }, context(i)));
  }) : [h("div", { className: "empty", role: "status" }, texts["map.search_none"])]));
  results.hidden = false;
  input.setAttribute("aria-expanded", "true");
  markActive();
}

function markActive() {
  const options = results.querySelectorAll("button");
  options.forEach((option, n) => {
    option.classList.toggle("active", n === active);
    option.setAttribute("aria-selected", n === active ? "true" : "false");
  });
  if (active >= 0 && options[active]) {
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  } else {
    input.removeAttribute("aria-activedescendant");
  }
}

input.addEventListener("input", showResults);
input.addEventListener("focus", () => { if (input.value.trim()) showResults(); });
input.addEventListener("keydown", (event) => {
  let options = results.hidden ? [] : results.querySelectorAll("button");
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (results.hidden) { showResults(); options = results.querySelectorAll("button"); }
    if (!options.length) return;
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    active = (active + step + options.length) % options.length;
    markActive();
  } else if (event.key === "Enter") {
    event.preventDefault();
    if (options.length) choose(options[Math.max(active, 0)].getAttribute("data-node"));
  } else if (event.key === "Escape" && !results.hidden) {
    event.preventDefault();
    event.stopPropagation();
    closeResults();
  }
});
// A click on a suggestion must not blur the input first (that would close the list).
results.addEventListener("mousedown", (event) => event.preventDefault());
input.addEventListener("blur", closeResults);

// ---- saved views and presentation mode -----------------------------------------------------

// A view is a named state (filters, a focus node, a zoom) from the payload; the address holds
// the current one (#view=<id>, #present&view=<id> in presentation mode), so that a link or a
// bookmark opens it again. In presentation mode the panels fold away, the map takes the whole
// window but the slide's caption, and the arrow keys step through the views.
const views = payload.views;
const viewSelect = document.getElementById("view-select");
let current = -1;

function writeAddress() {
  const hash = hashOf(current >= 0 ? views[current].id : null, presenting);
  if (("#" + hash) === window.location.hash || (!hash && !window.location.hash)) return;
  try {
    history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
  } catch {
    window.location.hash = hash; // a page in a sandboxed frame may not rewrite its history
  }
}

function showCaption() {
  if (current < 0) return;
  const view = views[current];
  document.getElementById("slide-title").textContent = view.title;
  document.getElementById("slide-note").textContent = view.note;
  document.getElementById("slide-count").textContent = format(texts["map.slide_count"], { n: current + 1, total: views.length });
}

/** Show view *which* (its id or position); returns its id, or null for an unknown view. */
function showView(which, { animate = true } = {}) {
  const k = typeof which === "number" ? which : views.findIndex((view) => view.id === which);
  if (k < 0 || k >= views.length) return null;
  current = k;
  const view = views[k];
  const { count } = filterNodes(view.filters);
  document.getElementById("status").textContent = "";
  if (view.focus !== null && !hidden[view.focus]) {
    const i = view.focus;
    selected = i;
    open(i);
    highlight(i);
    network.selectNodes([ids[i]]);
    if (!presenting) sidePanel.show(i);
    const scale = view.zoom ? focusScale(i) * view.zoom : focusScale(i);
    network.moveTo({ position: network.getPosition(ids[i]), scale, offset: areaOffset(), animation: motion(animate ? 600 : 0) });
  } else {
    if (selected !== null) clearSelection();
    fitView(network, animate, count < N, view.zoom || 1);
  }
  viewSelect.value = view.id;
  showCaption();
  writeAddress();
  return view.id;
}

function step(by) {
  const next = Math.min(Math.max((current < 0 ? (by > 0 ? -1 : 0) : current) + by, 0), views.length - 1);
  return showView(next);
}

/** Turn presentation mode on or off (toggle without an argument); returns whether it is on. */
function present(on) {
  const wanted = on === undefined ? !presenting : !!on;
  if (wanted === presenting) return presenting;
  presenting = wanted;
  // The browser's full screen too, when allowed (a key press or click asked for it); leaving
  // it (the browser's own Esc) leaves the presentation.
  if (presenting && document.fullscreenEnabled && !document.fullscreenElement) {
    document.documentElement.requestFullscreen().then(() => { ownFullscreen = true; }, () => {});
  } else if (!presenting && ownFullscreen) {
    ownFullscreen = false;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }
  document.body.classList.toggle("presenting", presenting);
  slideBar.hidden = !presenting;
  if (presenting) {
    panel.hidden = true;
    closeResults();
    if (document.activeElement && sidebar.contains(document.activeElement)) document.activeElement.blur();
    if (current < 0) current = 0;
    // The labels are larger now: start again from the view, fitted to the whole window.
    showView(current, { animate: false });
    document.getElementById("slide-next").focus();
  } else {
    if (selected !== null) sidePanel.show(selected);
    legend.hidden = selected !== null;
    fitView(network, false, state.hide_persons || FACETS.some((name) => state[name].length) || state.gaps_only);
    writeAddress();
    document.getElementById("present").focus();
  }
  internals.requestRedraw();
  return presenting;
}

function openAddress() {
  const wanted = parseHash(window.location.hash);
  if (wanted.present !== presenting) present(wanted.present);
  if (wanted.view !== null && (current < 0 || views[current].id !== wanted.view)) showView(wanted.view, { animate: false });
}

viewSelect.addEventListener("change", () => { if (viewSelect.value) showView(viewSelect.value); });
document.getElementById("present").addEventListener("click", () => present(true));
document.getElementById("present-exit").addEventListener("click", () => present(false));
document.getElementById("slide-prev").addEventListener("click", () => step(-1));
document.getElementById("slide-next").addEventListener("click", () => step(1));
window.addEventListener("hashchange", openAddress);
let ownFullscreen = false;
document.addEventListener("fullscreenchange", () => {
  if (!document.fullscreenElement && ownFullscreen) {
    ownFullscreen = false;
    present(false);
  } else if (presenting && current >= 0) {
    // The window has its new size after this frame: fit the view to it.
    setTimeout(() => showView(current, { animate: false }), 100);
  }
});

// Before vis' own keyboard handling (it pans on the arrow keys): in presentation mode the
// arrows, Page Up/Down, Home and End step through the views.
const SLIDE_KEYS = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (listView.isOpen()) return;
  if ((event.key === "p" || event.key === "P") && !typing(event.target)) {
    event.preventDefault();
    present();
    return;
  }
  if (!presenting || typing(event.target)) return;
  const onButton = event.target && event.target.tagName === "BUTTON";
  if (event.key in SLIDE_KEYS && !(onButton && (event.key === " "))) {
    event.preventDefault();
    event.stopPropagation();
    step(SLIDE_KEYS[event.key]);
  } else if (event.key === "Home" || event.key === "End") {
    event.preventDefault();
    event.stopPropagation();
    showView(event.key === "Home" ? 0 : views.length - 1);
  } else if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    if (selected !== null && (current < 0 || views[current].focus !== selected)) clearSelection();
    else present(false);
  }
}, true);

// ---- list view ------------------------------------------------------------------------------

const listHost = document.getElementById("list-view");
const listView = makeListView({
  model, texts, host: listHost, body: document.getElementById("list-body"),
  show: (id) => { closeList(); select(id); },
});
let listOpener = null;
function openList() {
  if (presenting) present(false);
  listOpener = document.activeElement;
  listView.open();
}
function closeList() {
  if (!listView.isOpen()) return;
  listView.close();
  if (listOpener && document.contains(listOpener) && listOpener.offsetParent !== null) listOpener.focus();
  else document.getElementById("open-list").focus();
}
document.getElementById("open-list").addEventListener("click", openList);
document.getElementById("list-close").addEventListener("click", closeList);
document.querySelector("a.skip").addEventListener("click", (event) => { event.preventDefault(); openList(); });
listHost.addEventListener("keydown", (event) => {
  if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); closeList(); }
});

// ---- buttons, keyboard, canvas --------------------------------------------------------------

function toPNG() {
  const source = container.querySelector("canvas");
  const title = document.querySelector("#heading h1").textContent;
  const line = [payload.season, document.querySelector("#heading time").textContent].filter(Boolean).join(" · ");
  const ratio = source.width / Math.max(source.clientWidth, 1);
  const band = Math.round(56 * ratio);
  const canvas = document.createElement("canvas");
  canvas.width = source.width;
  canvas.height = source.height + band;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, band);
  ctx.fillStyle = "#1d1d1d";
  ctx.textBaseline = "top";
  ctx.font = "600 " + 20 * ratio + "px system-ui, Segoe UI, Arial, sans-serif";
  ctx.fillText(title, 12 * ratio, 8 * ratio);
  ctx.fillStyle = "#555555";
  ctx.font = 13 * ratio + "px system-ui, Segoe UI, Arial, sans-serif";
  ctx.fillText(line, 12 * ratio, 34 * ratio);
  return canvas.toDataURL("image/png");
}

function savePNG() {
  const link = document.getElementById("png-link");
  link.href = toPNG();
  link.click();
}

const fullscreenButton = document.getElementById("fullscreen");
if (!document.fullscreenEnabled) fullscreenButton.hidden = true;
fullscreenButton.addEventListener("click", () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen();
});
document.addEventListener("fullscreenchange", () => {
  fullscreenButton.textContent = texts[document.fullscreenElement ? "map.fullscreen_exit" : "map.fullscreen"];
});
document.getElementById("fit").addEventListener("click", () => fitView(network, true));
document.getElementById("save-png").addEventListener("click", savePNG);
document.getElementById("panel-close").addEventListener("click", clearSelection);
legend.querySelectorAll("button[data-node]").forEach((button) => {
  button.addEventListener("click", () => select(button.getAttribute("data-node")));
});

document.addEventListener("keydown", (event) => {
  if (event.key === "/" && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === "Escape" && selected !== null && !presenting) {
    clearSelection();
  }
});

network.on("click", (params) => {
  const near = params.nodes.length ? params.nodes[0] : nodeNear(params.pointer.DOM);
  if (near !== null) select(near, { focus: false });
  else clearSelection();
});

buildFilterControls();
applyFilters(emptyState());
addSuggestionToggle({ payload, ids, edges, texts, before: document.querySelector("#filters .buttons") });
openAddress();

window.nodes = nodes;
window.edges = edges;
window.verkosto = {
  search,
  find,
  applyFilters,
  resetFilters,
  filters: currentFilters,
  select,
  clearSelection,
  fit: () => fitView(network, false),
  toPNG,
  labelBoxes,
  views: () => views.map((view) => ({ id: view.id, title: view.title, note: view.note })),
  showView,
  view: () => (current >= 0 ? views[current].id : null),
  present,
  presenting: () => presenting,
  openList,
  closeList,
  labelStats: () => ({ ms: labelMs, drawn: placed.length }),
  freeArea: () => freeArea(),
  drawnPersons: () => drawnList(drawing.drawn).filter((i) => kindOf[i] === "person").map((i) => ids[i]),
  personsFolded: () => drawing.folded,
};
// Last: the tests wait for window.network, so everything above is ready by then.
window.network = network;
