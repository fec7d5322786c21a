// The side panel: details, links, findings and metrics of the selected node.

import { fragment, h } from "./dom.js";
import { format, formatNumber } from "./format.js";
import { indicatorBlocks, indicatorIndex, indicatorRows } from "./indicators.js";

/**
 * What the panel says of a node of *kind* whose betweenness is estimated from a sample of
 * sources (payload.metrics.betweenness_sources), or null when its values are exact.
 */
export function estimateNote(metrics, kind, texts, lang) {
  const sources = metrics && metrics.betweenness_sources ? metrics.betweenness_sources[kind] : undefined;
  if (sources === undefined) return null;
  return format(texts["map.betweenness_estimated"], { sources: formatNumber(sources, lang) });
}

/** show(i) fills the panel with node i; select(id) is called by the panel's links. */
export function makePanel({ model, texts, panel, body, legend, select }) {
  const { N, ids, names, kindOf, facet, valueLabel, rawValue, byName, tierRank, payload } = model;

  const nodeButton = (j) => h("button", { type: "button", className: "link", onclick: () => select(ids[j]) }, names[j]);

  function kindLabel(i) {
    if (kindOf[i] === "group") {
      const type = rawValue("group_type", i);
      return texts["kind.group"] + (type ? " · " + valueLabel("group_type", i) : "");
    }
    return texts["kind." + kindOf[i]] || kindOf[i];
  }

  function fields(rows) {
    const dl = h("dl");
    rows.forEach(([label, value]) => {
      if (value === "" || value === null || value === undefined) return;
      dl.appendChild(h("dt", null, label));
      dl.appendChild(h("dd", null, value));
    });
    return dl.childNodes.length ? dl : null;
  }

  function section(title, ...parts) {
    const content = h("div", null, ...parts.filter(Boolean));
    return content.childNodes.length ? h("section", null, h("h3", null, title), content) : null;
  }

  // Municipal indicators, shown for a group or a municipality (its own organisation) that has a municipality.
  const indicatorsOf = indicatorIndex(payload.indicators);

  function indicatorsSection(i) {
    const municipality = rawValue("municipality", i);
    if (!payload.indicators || !municipality) return null;
    const rows = indicatorRows(payload.indicators, indicatorsOf, municipality);
    if (!rows.length) return null;
    return h("section", { className: "indicators" },
      h("h3", null, texts["map.indicators"] + " · " + valueLabel("municipality", i)),
      h("div", null, ...indicatorBlocks(rows, payload.indicators, texts, payload.lang)));
  }

  const list = (items) => (items.length ? h("ul", null, ...items.map((item) => h("li", null, item))) : null);

  function metricsSection(i) {
    const values = model.metricsOf.get(i);
    if (!values) return null;
    const table = h("table");
    const help = h("dl");
    const helpOf = payload.metrics.help || [];
    const estimate = estimateNote(payload.metrics, kindOf[i], texts, payload.lang);
    payload.metrics.labels.forEach((label, k) => {
      if (values[k] === null) return;
      const approximate = estimate && payload.metrics.names[k] === "betweenness" ? "\u2248\u00a0" : "";
      table.appendChild(h("tr", { "data-metric": payload.metrics.names[k] },
        h("th", { scope: "row", title: helpOf[k] || null }, label),
        h("td", { className: "value" }, approximate + formatNumber(values[k], payload.lang))));
      if (helpOf[k]) help.appendChild(h("div", null, h("dt", null, label), h("dd", null, helpOf[k])));
    });
    const note = model.noteOf.get(i);
    const explained = help.childNodes.length ?
      h("details", { className: "metric-help" }, h("summary", null, texts["map.metric_help"]), help) : null;
    return section(texts["map.metrics"], table,
      estimate ? h("p", { className: "estimate" }, estimate) : null, explained,
      note ? h("p", { className: "note" }, texts["map.broker_role"] + ": " + note) : null);
  }

  function findingsSection(i) {
    if (!model.findings) return null;
    const items = model.findingsOf.get(i) || [];
    if (!items.length) return section(texts["map.findings"], h("p", null, texts["map.no_findings"]));
    return section(texts["map.findings"], h("div", null, ...items.map((f) => h("div", { className: "finding " + f.severity },
      h("span", { className: "severity" }, texts["severity." + f.severity] + ": "),
      f.message,
      f.missing.length ? h("div", null, texts["map.missing"] + ": " + f.missing.join(", ")) : null))));
  }

  // The sector a member brings: that of the organisation represented, else the person's own.
  function sectorOfMembership(m) {
    const k = m.organisation >= 0 ? facet.sector.of[m.organisation] : -1;
    return k >= 0 ? k : facet.sector.of[m.person];
  }

  function personPanel(i) {
    const mainOrg = model.employersOf[i];
    const groups = model.groupsOf[i].slice().sort((a, b) => tierRank(a.group) - tierRank(b.group) || byName(a.group, b.group));
    return [
      fields([
        [texts["field.organisation"], mainOrg.length ? fragment(mainOrg.map((j, n) => fragment([n ? ", " : "", nodeButton(j)]))) : ""],
        [texts["field.sector"], valueLabel("sector", i)],
        [texts["field.municipality"], valueLabel("municipality", i)],
        [texts["field.region"], valueLabel("region", i)],
      ]),
      section(texts["field.groups"] + " (" + groups.length + ")", list(groups.map((m) => {
        const org = m.organisation >= 0 && !mainOrg.includes(m.organisation) ? " · " + texts["map.represents"] + " " + names[m.organisation] : "";
        return fragment([nodeButton(m.group), h("span", { className: "role" }, " – " + payload.roles[m.role] + org)]);
      }))),
    ];
  }

  function servicesSection(i) {
    const services = model.servicesOf.get(i);
    if (!services) return null;
    return section(texts["map.services"] + " (" + services.length + ")", list(services.map((s) =>
      fragment([h("strong", null, s.service), h("span", { className: "role" }, " – " + s.detail)]))));
  }

  function organisationPanel(i) {
    const staff = model.staffOf[i].slice().sort(byName);
    const groups = new Map();
    model.memberships.forEach((m) => {
      if (m.organisation === i) groups.set(m.group, (groups.get(m.group) || 0) + 1);
    });
    const groupList = Array.from(groups.keys()).sort((a, b) => tierRank(a) - tierRank(b) || byName(a, b));
    return [
      fields([
        [texts["field.sector"], valueLabel("sector", i)],
        [texts["field.municipality"], valueLabel("municipality", i)],
        [texts["field.region"], valueLabel("region", i)],
      ]),
      rawValue("sector", i) === "municipality" ? indicatorsSection(i) : null,
      section(texts["field.persons"] + " (" + staff.length + ")", list(staff.map((j) => {
        const place = [valueLabel("region", j), valueLabel("municipality", j)].filter(Boolean).join(", ");
        return fragment([nodeButton(j), place ? h("span", { className: "role" }, " – " + place) : null]);
      }))),
      section(texts["map.groups_of_organisation"] + " (" + groupList.length + ")", list(groupList.map((g) =>
        fragment([nodeButton(g), h("span", { className: "role" }, " – " + groups.get(g))])))),
      servicesSection(i),
    ];
  }

  function groupPanel(i) {
    const members = model.membersOf[i].slice().sort((a, b) => a.role - b.role || byName(a.person, b.person));
    const bySector = new Map();
    members.forEach((m) => {
      const k = sectorOfMembership(m);
      bySector.set(k, (bySector.get(k) || 0) + 1);
    });
    const sectorRows = Array.from(bySector.keys()).sort((a, b) => bySector.get(b) - bySector.get(a) || a - b).map((k) => {
      const label = k >= 0 ? facet.sector.labels[k] : "–";
      const swatch = k >= 0 ? h("span", { className: "swatch", style: { background: facet.sector.colors[k] } }) : null;
      return h("div", { className: "sector-row", "data-sector": k >= 0 ? facet.sector.values[k] : "" },
        swatch, label, h("span", { className: "count" }, String(bySector.get(k))));
    });
    const parent = model.parentOf[i];
    const children = model.childrenOf[i].slice().sort(byName);
    return [
      fields([
        [texts["field.tier"], valueLabel("tier", i)],
        [texts["field.type"], valueLabel("group_type", i)],
        [texts["field.region"], valueLabel("region", i)],
        [texts["field.municipality"], valueLabel("municipality", i)],
        [texts["field.parent"], parent >= 0 ? nodeButton(parent) : ""],
        [texts["field.meetings"], model.meetingsOf.has(i) ? String(model.meetingsOf.get(i)) : ""],
        [texts["field.members"], String(members.length)],
      ]),
      findingsSection(i),
      indicatorsSection(i),
      section(texts["map.members_by_sector"], sectorRows.length ? h("div", null, ...sectorRows) : null),
      section(texts["map.member_list"], list(members.map((m) => {
        const org = m.organisation >= 0 ? " · " + names[m.organisation] : "";
        return fragment([nodeButton(m.person), h("span", { className: "role" }, " – " + payload.roles[m.role] + org)]);
      }))),
      section(texts["map.subgroups"] + " (" + children.length + ")", list(children.map(nodeButton))),
    ];
  }

  function tierPanel(i) {
    const tier = facet.tier.of[i];
    const groups = [];
    for (let j = 0; j < N; j++) if (kindOf[j] === "group" && facet.tier.of[j] === tier) groups.push(j);
    groups.sort(byName);
    return [section(texts["field.groups"] + " (" + groups.length + ")", list(groups.map(nodeButton)))];
  }

  const PANELS = { person: personPanel, organisation: organisationPanel, group: groupPanel, tier: tierPanel };

  function show(i) {
    const notes = model.changeNotes ? model.changeNotes.get(i) : null;
    const parts = [
      h("h2", { id: "panel-title", tabindex: "-1" }, names[i]),
      h("p", { className: "kind" }, kindLabel(i)),
      notes ? h("section", { className: "changes" }, h("h3", null, texts["map.changes"]), list(notes)) : null,
      ...(PANELS[kindOf[i]] || personPanel)(i),
      metricsSection(i),
    ];
    body.replaceChildren(...parts.filter(Boolean));
    panel.setAttribute("data-node", ids[i]);
    panel.hidden = false;
    legend.hidden = true;
    panel.scrollTop = 0;
  }

  return { show };
}
