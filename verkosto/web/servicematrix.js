// The service map's model: which services, gaps, overlaps and opportunities a filter keeps, and
// the matrix task × client group they make. Pure functions of the page's payload (no DOM).

/** The payload table {columns, rows} as one object per row. */
export function records(table) {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
}

/** Whether a municipality lies in the filter's scope (municipality and region). */
export function inScope(filter, municipality, regionOf) {
  if (filter.municipality && municipality !== filter.municipality) return false;
  if (filter.region && regionOf[municipality] !== filter.region) return false;
  return true;
}

/** The service rows the filter keeps (scope, level and form). */
export function filteredServices(services, filter, regionOf) {
  return services.filter(
    (s) =>
      inScope(filter, s.municipality, regionOf) &&
      (!filter.level || s.level === filter.level) &&
      (!filter.form || s.form === filter.form),
  );
}

function cellKey(task, clientGroup) {
  return `${task}\u0000${clientGroup}`;
}

/**
 * Every cell of the matrix under the filter: {task, client_group, applicable, count (distinct
 * services), services, organisations, gaps (municipalities), overlaps, opportunities}.
 */
export function matrixCells(payload, filter) {
  const regionOf = Object.fromEntries(payload.municipalities.map((m) => [m.name, m.region]));
  const notApplicable = new Set(payload.not_applicable.map(([t, c]) => cellKey(t, c)));
  const cells = new Map();
  payload.tasks.forEach((task) =>
    payload.client_groups.forEach((group) => {
      cells.set(cellKey(task.id, group.id), {
        task: task.id,
        client_group: group.id,
        applicable: !notApplicable.has(cellKey(task.id, group.id)),
        rows: [],
        gaps: [],
        overlaps: [],
        opportunities: [],
      });
    }),
  );
  filteredServices(records(payload.services), filter, regionOf).forEach((row) => {
    const cell = cells.get(cellKey(row.task, row.client_group));
    if (cell) cell.rows.push(row);
  });
  const scoped = (finding) => inScope(filter, finding.municipality, regionOf);
  payload.gaps.filter(scoped).forEach((g) => cells.get(cellKey(g.task, g.client_group)).gaps.push(g.municipality));
  payload.overlaps
    .filter((o) => scoped(o) && (!filter.level || o.level === filter.level) && (!filter.form || o.form === filter.form))
    .forEach((o) => cells.get(cellKey(o.task, o.client_group)).overlaps.push(o));
  payload.opportunities.filter(scoped).forEach((o) => cells.get(cellKey(o.task, o.client_group)).opportunities.push(o));
  return [...cells.values()].map((cell) => ({
    ...cell,
    count: new Set(cell.rows.map((r) => r.service)).size,
    services: [...new Set(cell.rows.map((r) => r.service))].sort(),
    organisations: [...new Set(cell.rows.map((r) => r.organisation))].sort(),
  }));
}
