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

import { h } from "./dom.js";
import { drawBadges, drawGuides } from "./draw.js";
import { emptyState, FACETS, normalise, visibility } from "./filters.js";
import { format } from "./format.js";
import { buildModel, visEdges, visNodes } from "./model.js";
import { makePanel } from "./panel.js";
import { makeFinder } from "./search.js";
import { addSuggestionToggle } from "./suggestions.js";
import { visInternals } from "./vis_internals.js";
import { fitLabelPx, fitScale as fitScaleOf, groupFontSize as fontSizeAt, mapBox, quantiseScale, ZOOM_STEP } from "./view.js";

const VEIL = "rgba(255, 255, 255, 0.82)"; // over everything outside the selected neighbourhood
const FOCUS_SCALE = 1.0;
const OPEN_FACETS = { tier: true, region: true, sector: true, change: true };

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
const hidden = new Uint8Array(N);
let selected = null;

// The part of the window not covered by the sidebar and the legend or panel.
function freeArea() {
  const width = container.clientWidth, height = container.clientHeight;
  const left = Math.min(sidebar.getBoundingClientRect().right, width / 2);
  const rect = (panel.hidden ? legend : panel).getBoundingClientRect();
  const right = rect.width ? Math.max(rect.left, width / 2) : width;
  return { left, right, width: Math.max(right - left, 100), height };
}

function fitScale(visibleOnly) {
  return fitScaleOf(mapBox(model, hidden, visibleOnly), freeArea(), visibleOnly);
}

// Like network.fit(), but keeps the rings and region names in view, between the sidebar and
// the legend.
function fitView(network, animate, visibleOnly) {
  const view = fitScale(visibleOnly);
  if (!view) return;
  const area = freeArea();
  network.moveTo({
    position: view.centre,
    scale: view.scale,
    offset: { x: (area.left + area.right) / 2 - container.clientWidth / 2, y: 0 },
    animation: animate && !reducedMotion ? { duration: 500, easingFunction: "easeInOutQuad" } : false,
  });
}

// Group label sizes are set per node in graph units from the on-screen size wanted at the
// current zoom (quantised to ZOOM_STEP).
const initialView = fitScale(false);
const baseScale = initialView ? initialView.scale : 1;
const groupIndices = [];
const fitPx = new Float32Array(N);
for (let i = 0; i < N; i++) {
  if (kindOf[i] !== "group") continue;
  groupIndices.push(i);
  fitPx[i] = fitLabelPx(model.rawValue("tier", i), model.nodes.shape[i]);
}
let labelScale = baseScale;
const groupFontSize = (i, scale) => fontSizeAt(fitPx[i], scale, baseScale);
const fontOf = (i) => ({ size: groupFontSize(i, labelScale) });
// About 26 characters per line.
const widthOf = (i) => ({ maximum: Math.round(14 * groupFontSize(i, labelScale)) });

const nodeObjects = visNodes(model, payload.legend.gaps ? payload.legend.gaps.border_width : 1);
groupIndices.forEach((i) => {
  nodeObjects[i].font = fontOf(i);
  nodeObjects[i].widthConstraint = widthOf(i);
});
const nodes = new vis.DataSet(nodeObjects);
const edges = new vis.DataSet(visEdges(model));
const network = new vis.Network(container, { nodes, edges }, settings.options);
const internals = visInternals(network, settings.vis_version);

if (payload.guides) {
  network.on("beforeDrawing", (ctx) => drawGuides(ctx, payload.guides, network.getScale()));
}
fitView(network, false);

// Every redraw checks the zoom (wheel, pinch, focus animations and fits alike); a change of a
// whole ZOOM_STEP resizes the group labels in one batch, after the frame.
let resizePending = false;
function resizeGroupLabels() {
  resizePending = false;
  const scale = quantiseScale(network.getScale(), baseScale);
  if (Math.abs(scale - labelScale) < 1e-9 * scale) return;
  const before = labelScale;
  labelScale = scale;
  const changes = [];
  groupIndices.forEach((i) => {
    if (groupFontSize(i, scale) === groupFontSize(i, before)) return;
    changes.push({ id: ids[i], font: fontOf(i), widthConstraint: widthOf(i) });
  });
  if (changes.length) nodes.update(changes);
}
network.on("beforeDrawing", () => {
  if (resizePending || !groupIndices.length) return;
  const ratio = network.getScale() / labelScale;
  if (Math.abs(Math.log(ratio)) < Math.log(ZOOM_STEP) / 2) return;
  resizePending = true;
  setTimeout(resizeGroupLabels, 0);
});

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
  const shown = indices.filter((i) => !hidden[i] && badgeColor.has(i));
  const positions = network.getPositions(shown.map((i) => ids[i]));
  return shown.map((i) => ({ ...positions[ids[i]], size: model.nodes.size[i], color: badgeColor.get(i) }));
}

network.on("afterDrawing", (ctx) => {
  if (badged.length) drawBadges(ctx, badgesOf(badged), network.getScale());
  if (spotlight === null || !internals.supported) return;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = VEIL;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
  const shownEdges = spotlight.edges.filter((k) => !hidden[edgeEnds[2 * k]] && !hidden[edgeEnds[2 * k + 1]]);
  const shownNodes = spotlight.nodes.filter((i) => !hidden[i]);
  internals.drawSpotlight(ctx, shownNodes.map((i) => ids[i]), shownEdges);
  if (badged.length) drawBadges(ctx, badgesOf(shownNodes), network.getScale());
});

// ---- filters --------------------------------------------------------------------------------

let state = emptyState();

function applyFilters(input) {
  state = normalise(input);
  const visible = visibility(model, state);
  const changes = [];
  let count = 0;
  for (let i = 0; i < N; i++) {
    const hide = visible[i] ? 0 : 1;
    count += visible[i];
    if (hide !== hidden[i]) {
      hidden[i] = hide;
      changes.push({ id: ids[i], hidden: !!hide });
    }
  }
  if (changes.length) nodes.update(changes);
  if (selected !== null && hidden[selected]) clearSelection();
  // Show what the filters left, as large as it fits; the whole map when nothing is filtered.
  if (changes.length) fitView(network, true, count < N);
  syncFilterControls();
  document.getElementById("visible-count").textContent = format(texts["map.visible"], { visible: count, total: N });
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
  highlight(i);
  network.selectNodes([id]);
  sidePanel.show(i);
  if (opts.focus !== false) {
    network.focus(id, {
      scale: focusScale(i),
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
  const scale = Math.min((area.width / 2 - 60) / reach.x, (area.height / 2 - 60) / reach.y);
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

const typing = (target) => target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
document.addEventListener("keydown", (event) => {
  if (event.key === "/" && !typing(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === "Escape" && selected !== null) {
    clearSelection();
  }
});

network.on("click", (params) => {
  if (params.nodes.length) select(params.nodes[0], { focus: false });
  else clearSelection();
});

buildFilterControls();
applyFilters(emptyState());
addSuggestionToggle({ payload, ids, edges, texts, before: document.querySelector("#filters .buttons") });

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
};
// Last: the tests wait for window.network, so everything above is ready by then.
window.network = network;
