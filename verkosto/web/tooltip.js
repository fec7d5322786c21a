// Tooltips, built in the page from the payload instead of sent per node (a national map's
// tooltips were 4.5 MB of its 10.7). Plain text with "\n" line breaks: vis-network shows a
// string title as text, never as HTML. Pure.

/** "Field: value" lines of the values that are there, after the node's name. */
function lines(texts, name, fields) {
  const out = [name];
  fields.forEach(([key, value]) => {
    if (value !== "" && value !== null && value !== undefined) out.push(texts["field." + key] + ": " + value);
  });
  return out;
}

/** The tooltip of node *i*: its name and facts, its groups (a person), its findings. */
export function tooltip(model, texts, i) {
  const { kindOf, names, valueLabel } = model;
  const kind = kindOf[i];
  let out;
  if (kind === "group") {
    const parent = model.parentOf[i];
    out = lines(texts, names[i], [
      ["tier", valueLabel("tier", i)],
      ["type", valueLabel("group_type", i)],
      ["region", valueLabel("region", i)],
      ["municipality", valueLabel("municipality", i)],
      ["parent", parent >= 0 ? names[parent] : ""],
      ["meetings", model.meetingsOf.has(i) ? String(model.meetingsOf.get(i)) : ""],
      ["members", String(model.membersOf[i].length)],
    ]);
  } else if (kind === "organisation") {
    out = lines(texts, names[i], [
      ["sector", valueLabel("sector", i)],
      ["municipality", valueLabel("municipality", i)],
      ["region", valueLabel("region", i)],
      ["persons", String(model.staffOf[i].length)],
    ]);
  } else if (kind === "tier") {
    out = lines(texts, names[i], [["group_count", String(model.groupCountOf[i])]]);
  } else {
    out = lines(texts, names[i], [
      ["organisation", model.employersOf[i].map((j) => names[j]).join(", ")],
      ["sector", valueLabel("sector", i)],
      ["municipality", valueLabel("municipality", i)],
    ]);
    const groups = model.groupsOf[i].slice().sort((a, b) => model.byName(a.group, b.group) || a.role - b.role);
    if (groups.length) {
      out.push(texts["field.groups"] + ":");
      groups.forEach((m) => out.push("– " + names[m.group] + " (" + model.payload.roles[m.role] + ")"));
    }
  }
  (model.findingsOf.get(i) || []).forEach((f) => out.push("\u26a0 " + f.message));
  return out.join("\n");
}
