// Text for people: catalogue templates filled in, numbers for the side panel.

/** Fills "{name}" fields of a catalogue string; unknown fields stay as written. */
export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

/** A metric value: integers as they are, other numbers with three decimals, none as "–". */
export function formatNumber(value) {
  if (value === null || value === undefined) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
