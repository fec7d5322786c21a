// The service map page (palvelukartta): the matrix task × client group with counts and gaps
// marked, a municipality / region / level / form filter, and a click on a cell listing its
// services and organisations. Roster text reaches the page as text only (dom.js h()).

import { h } from "./dom.js";
import { matrixCells } from "./servicematrix.js";

const payload = JSON.parse(document.getElementById("services-data").textContent);
const texts = payload.texts;
const filter = { municipality: "", region: "", level: "", form: "" };
const labelOf = (list) => Object.fromEntries(list.map((item) => [item.id, item.label]));
const taskLabel = labelOf(payload.tasks);
const groupLabel = labelOf(payload.client_groups);
const levelLabel = labelOf(payload.levels);
const formLabel = labelOf(payload.forms);
let chosen = null;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function select(id, options, key) {
  const element = document.getElementById(id);
  element.appendChild(h("option", { value: "" }, texts["services.page.all"]));
  options.forEach((option) => element.appendChild(h("option", { value: option.id }, option.label)));
  element.addEventListener("change", () => {
    filter[key] = element.value;
    draw();
  });
}

function cellTitle(cell) {
  return `${taskLabel[cell.task]} · ${groupLabel[cell.client_group]}`;
}

function cellElement(cell) {
  const classes = ["cell"];
  if (!cell.applicable) classes.push("na");
  else if (cell.gaps.length) classes.push("gap");
  else if (!cell.count) classes.push("empty");
  if (chosen === `${cell.task}/${cell.client_group}`) classes.push("chosen");
  const button = h(
    "button",
    {
      type: "button",
      className: classes.join(" "),
      title: cellTitle(cell),
      onclick: () => {
        chosen = `${cell.task}/${cell.client_group}`;
        draw();
      },
    },
    cell.applicable ? h("span", { className: "count" }, String(cell.count)) : h("span", { className: "count" }, "–"),
    cell.gaps.length ? h("span", { className: "badge" }, fill(texts["services.page.gap_badge"], { n: cell.gaps.length })) : null,
    cell.overlaps.length ? h("span", { className: "mark overlap", title: texts["services.finding.overlap"] }, "≡") : null,
    cell.opportunities.length ? h("span", { className: "mark opportunity", title: texts["services.finding.opportunity"] }, "↔") : null,
  );
  return h("td", { "data-task": cell.task, "data-client-group": cell.client_group, "data-count": String(cell.count),
    "data-gaps": String(cell.gaps.length) }, button);
}

function drawMatrix(cells) {
  const byKey = new Map(cells.map((cell) => [`${cell.task}/${cell.client_group}`, cell]));
  const head = h("tr", null, h("th", { className: "corner" }, texts["services.matrix_corner"]),
    ...payload.client_groups.map((group) => h("th", { scope: "col" }, group.label)));
  const rows = payload.tasks.map((task) =>
    h("tr", null, h("th", { scope: "row" }, task.label),
      ...payload.client_groups.map((group) => cellElement(byKey.get(`${task.id}/${group.id}`)))),
  );
  const table = h("table", { id: "matrix-table" }, h("thead", null, head), h("tbody", null, ...rows));
  document.getElementById("matrix").replaceChildren(table);
}

function drawCounts(cells) {
  const sum = (key) => cells.reduce((n, cell) => n + cell[key].length, 0);
  document.getElementById("counts").textContent = fill(texts["services.summary"], {
    gaps: sum("gaps"), overlaps: sum("overlaps"), opportunities: sum("opportunities"),
  });
}

function list(items) {
  return h("ul", null, ...items.map((item) => h("li", null, item)));
}

function drawDetail(cells) {
  const panel = document.getElementById("detail");
  const cell = cells.find((c) => `${c.task}/${c.client_group}` === chosen);
  if (!cell) {
    panel.replaceChildren(h("p", { className: "hint" }, texts["services.page.click"]));
    return;
  }
  const services = new Map();
  cell.rows.forEach((row) => {
    const entry = services.get(row.service) || { row, municipalities: new Set() };
    entry.municipalities.add(row.municipality);
    services.set(row.service, entry);
  });
  const serviceItems = [...services.values()].sort((a, b) => (a.row.service < b.row.service ? -1 : 1)).map(({ row, municipalities }) => {
    const details = [row.organisation, levelLabel[row.level], formLabel[row.form], row.place].filter(Boolean).join(" · ");
    return h("span", null, h("strong", null, row.service), " — ", details, h("br"),
      h("span", { className: "where" }, [...municipalities].sort().join(", ")));
  });
  const parts = [
    h("h2", null, cellTitle(cell)),
    cell.applicable ? null : h("p", { className: "note" }, texts["services.page.not_applicable"]),
    h("h3", null, `${texts["column.services"]} (${cell.count})`),
    serviceItems.length ? list(serviceItems) : h("p", null, texts["services.page.none"]),
    h("h3", null, `${texts["services.page.organisations"]} (${cell.organisations.length})`),
    list(cell.organisations),
    cell.gaps.length ? h("h3", { className: "gap" }, `${texts["services.finding.gap"]} (${cell.gaps.length})`) : null,
    cell.gaps.length ? list(cell.gaps) : null,
    cell.overlaps.length ? h("h3", null, `${texts["services.finding.overlap"]} (${cell.overlaps.length})`) : null,
    cell.overlaps.length ? list(cell.overlaps.map((o) =>
      `${o.municipality}: ${formLabel[o.form]}${o.level ? `, ${levelLabel[o.level]}` : ""} — ${o.organisations.join(", ")}`)) : null,
    cell.opportunities.length ? h("h3", null, `${texts["services.finding.opportunity"]} (${cell.opportunities.length})`) : null,
    cell.opportunities.length ? list(cell.opportunities.map((o) => `${o.municipality}: ${o.organisations.join(" ↔ ")}`)) : null,
  ];
  panel.replaceChildren(...parts.filter(Boolean));
}

function draw() {
  const cells = matrixCells(payload, filter);
  drawMatrix(cells);
  drawCounts(cells);
  drawDetail(cells);
}

select("filter-municipality", payload.municipalities.map((m) => ({ id: m.name, label: m.name })), "municipality");
select("filter-region", payload.regions.map((r) => ({ id: r, label: r })), "region");
select("filter-level", payload.levels, "level");
select("filter-form", payload.forms, "form");
draw();
window.palvelukartta = { filter, draw, cells: () => matrixCells(payload, filter) };
