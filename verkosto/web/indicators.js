// Municipal indicators in the side panel (payload.indicators): each indicator's latest value,
// a small trend line over the years and the county median. The helpers above the DOM part
// are pure (tested under Node).

import { h } from "./dom.js";
import { format } from "./format.js";
import { recordsOf } from "./table.js";

export const INDICATOR_COLUMNS = ["municipality", "indicator", "values"];
export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 28;
const SVG = "http://www.w3.org/2000/svg";

/** municipality (as the municipality facet spells it) -> values per indicator position. */
export function indicatorIndex(section) {
  const index = new Map();
  if (!section) return index;
  recordsOf(section.series, INDICATOR_COLUMNS).forEach((r) => {
    if (!index.has(r.municipality)) index.set(r.municipality, new Map());
    index.get(r.municipality).set(r.indicator, r.values);
  });
  return index;
}

/** The last year with a value: {value, at} (at: position in years), or null. */
export function latest(values) {
  for (let k = values.length - 1; k >= 0; k--) if (values[k] !== null) return { value: values[k], at: k };
  return null;
}

/** "up", "down" or "flat": the latest value against the first, their difference rounded to the
 *  indicator's decimals (as verkosto.indicators.latest_table decides). */
export function trend(values, decimals) {
  const first = values.findIndex((v) => v !== null);
  const last = latest(values);
  if (first < 0 || !last) return "flat";
  const scale = 10 ** decimals;
  const change = Math.round((last.value - values[first]) * scale) / scale;
  return change > 0 ? "up" : change < 0 ? "down" : "flat";
}

/** A value with the indicator's decimals, a decimal comma in Finnish; none as "–". */
export function formatValue(value, decimals, lang) {
  if (value === null || value === undefined) return "–";
  const text = value.toFixed(decimals);
  return lang === "fi" ? text.replace(".", ",").replace("-", "−") : text;
}

/** SVG polyline points of values over the years: x across the years, y between lo (bottom)
 *  and hi (top); years without a value are skipped. */
export function sparkPoints(values, lo, hi, width = SPARK_WIDTH, height = SPARK_HEIGHT) {
  const pad = 2;
  const span = hi - lo || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const points = [];
  values.forEach((v, k) => {
    if (v === null) return;
    const x = values.length > 1 ? pad + k * step : width / 2;
    const y = hi === lo ? height / 2 : pad + (hi - v) / span * (height - 2 * pad);
    points.push(`${+x.toFixed(1)},${+y.toFixed(1)}`);
  });
  return points.join(" ");
}

/** What the panel shows of one municipality: one entry per indicator it has values of. */
export function indicatorRows(section, index, municipality) {
  const own = index.get(municipality);
  if (!section || !own) return [];
  const rows = [];
  section.indicators.forEach((info, k) => {
    const values = own.get(k);
    if (!values) return;
    const last = latest(values);
    if (!last) return;
    const median = section.median[k];
    const known = values.concat(median).filter((v) => v !== null);
    const lo = Math.min(...known), hi = Math.max(...known);
    rows.push({
      id: info.id, label: info.label, decimals: info.decimals,
      value: last.value, year: section.years[last.at], median: median[last.at],
      trend: trend(values, info.decimals),
      points: sparkPoints(values, lo, hi), medianPoints: sparkPoints(median, lo, hi),
    });
  });
  return rows;
}

// --- DOM ------------------------------------------------------------------------------------

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  Object.keys(attributes).forEach((key) => element.setAttribute(key, attributes[key]));
  return element;
}

function sparkline(row, label) {
  const chart = svg("svg", {
    class: "spark", width: SPARK_WIDTH, height: SPARK_HEIGHT, viewBox: `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`,
    role: "img", "aria-label": label,
  });
  chart.appendChild(svg("polyline", { class: "spark-median", points: row.medianPoints }));
  chart.appendChild(svg("polyline", { class: "spark-own", points: row.points }));
  return chart;
}

/** The panel's blocks for these rows, then the source and licence line. */
export function indicatorBlocks(rows, section, texts, lang) {
  const trendWords = {
    up: texts["map.indicators.trend.up"], down: texts["map.indicators.trend.down"], flat: texts["map.indicators.trend.flat"],
  };
  const blocks = rows.map((row) => {
    const value = formatValue(row.value, row.decimals, lang);
    const median = formatValue(row.median, row.decimals, lang);
    const trendWord = trendWords[row.trend];
    return h("div", { className: "indicator", "data-indicator": row.id, "data-trend": row.trend },
      h("div", { className: "indicator-label" }, row.label),
      h("div", { className: "indicator-values" },
        h("span", { className: "indicator-value" }, format(texts["map.indicators.latest"], { value, year: row.year })),
        h("span", { className: "indicator-trend" }, " " + trendWord)),
      sparkline(row, format(texts["map.indicators.chart"], { trend: trendWord })),
      h("div", { className: "indicator-median" }, format(texts["map.indicators.median"], { value: median })));
  });
  return [...blocks, h("p", { className: "indicator-source" }, section.attribution)];
}
