// The list view: the network as text (tiers → groups → members with their roles, findings),
// the accessible alternative to the canvas. Built when first opened; a group's members when
// its entry is first opened, so that a national roster costs nothing until asked for.

import { h } from "./dom.js";

/** {open(), close(), isOpen()} over the list view's elements; show(id) shows a node on the map. */
export function makeListView({ model, texts, host, body, show }) {
  const { N, ids, names, kindOf, facet, valueLabel, byName, payload } = model;
  let built = false;

  function groupEntry(g) {
    const found = model.findingsOf.get(g) || [];
    const members = model.membersOf[g];
    const summary = h("summary", null, h("span", { className: "name" }, names[g]),
      " – " + texts["field.members"] + " " + members.length,
      found.length ? h("span", { className: "flag " + found[0].severity }, " · \u26a0 " + texts["severity." + found[0].severity] +
        (found.length > 1 ? " (" + found.length + ")" : "")) : null);
    const details = h("details", { "data-node": ids[g] }, summary);
    details.addEventListener("toggle", () => {
      if (!details.open || details.childNodes.length > 1) return;
      const facts = [[texts["field.type"], valueLabel("group_type", g)], [texts["field.region"], valueLabel("region", g)],
        [texts["field.municipality"], valueLabel("municipality", g)]].filter(([, value]) => value);
      const dl = h("dl", null, ...facts.flatMap(([label, value]) => [h("dt", null, label), h("dd", null, value)]));
      const findings = found.length ? h("ul", { className: "findings" }, ...found.map((f) =>
        h("li", null, h("strong", null, texts["severity." + f.severity] + ": "), f.message))) : null;
      const sorted = members.slice().sort((a, b) => a.role - b.role || byName(a.person, b.person));
      const list = h("ul", { className: "members" }, ...sorted.map((m) => h("li", null,
        names[m.person], " – " + payload.roles[m.role] + (m.organisation >= 0 ? " · " + names[m.organisation] : ""))));
      details.append(dl, findings || "", h("h5", null, texts["map.member_list"]), list,
        h("button", { type: "button", className: "tool", onclick: () => show(ids[g]) }, texts["map.list_show"]));
    });
    return h("li", null, details);
  }

  function build() {
    const tiers = facet.tier.values.map((value, k) => ({ label: facet.tier.labels[k], k, groups: [] }));
    const other = { label: "–", k: -1, groups: [] };
    for (let i = 0; i < N; i++) {
      if (kindOf[i] !== "group") continue;
      const k = facet.tier.of[i];
      (k >= 0 ? tiers[k] : other).groups.push(i);
    }
    const sections = [...tiers, other].filter((t) => t.groups.length).map((t) => {
      t.groups.sort(byName);
      return h("section", null, h("h3", null, t.label + " (" + t.groups.length + ")"),
        h("ul", { className: "groups" }, ...t.groups.map(groupEntry)));
    });
    body.replaceChildren(h("p", null, texts["map.list_intro"]), ...sections);
    built = true;
  }

  return {
    open() {
      if (!built) build();
      host.hidden = false;
      host.querySelector("h2").focus();
    },
    close() { host.hidden = true; },
    isOpen: () => !host.hidden,
  };
}
