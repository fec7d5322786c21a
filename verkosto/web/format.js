// Text for people: catalogue templates filled in, numbers for the side panel.

/** Fills "{name}" fields of a catalogue string; unknown fields stay as written. */
export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

/**
 * A metric value: integers as they are, other numbers with three decimals, none as "–". In a
 * Finnish page (*lang* "fi") as Finnish writes numbers: a decimal comma (0,007), a minus sign,
 * and digits grouped by threes with a no-break space from five digits on (12 345).
 */
export function formatNumber(value, lang = "en") {
  if (value === null || value === undefined) return "–";
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (lang !== "fi") return shown;
  const [whole, decimals] = shown.replace("-", "").split(".");
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+$)/g, "\u00a0") : whole;
  return (value < 0 ? "\u2212" : "") + grouped + (decimals === undefined ? "" : "," + decimals);
}
