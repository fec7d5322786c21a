// Reading the payload (verkosto/payload.py): tables are {columns, rows}; code reads them by
// column name, resolved once here, never by position.

/** The payload shape this script reads; verkosto.payload.SCHEMA_VERSION must be equal. */
export const SCHEMA_VERSION = 2;

/** The position of each named column in the table's rows; an error names a missing column. */
export function columnIndex(table, names) {
  const index = new Map(table.columns.map((name, k) => [name, k]));
  return names.map((name) => {
    const k = index.get(name);
    if (k === undefined) {
      throw new Error(`map payload: no column "${name}" in a table of ${table.columns.join(", ")}`);
    }
    return k;
  });
}

/** One array per column: columnsOf(t, ["id", "label"]).label[i]; `length` is the row count. */
export function columnsOf(table, names = table.columns) {
  if (names.includes("length")) throw new Error('map payload: a column may not be called "length"');
  const positions = columnIndex(table, names);
  const out = { length: table.rows.length };
  names.forEach((name, n) => {
    const k = positions[n];
    out[name] = table.rows.map((row) => row[k]);
  });
  return out;
}

/** One object per row with the named fields: recordsOf(t, ["group", "person"])[k].person. */
export function recordsOf(table, names = table.columns) {
  const positions = columnIndex(table, names);
  return table.rows.map((row) => {
    const record = {};
    names.forEach((name, n) => { record[name] = row[positions[n]]; });
    return record;
  });
}

/** The payload itself, once its version is the one this script reads. */
export function checkPayload(payload) {
  const version = payload && payload.schema_version;
  if (version !== SCHEMA_VERSION) {
    throw new Error(`map payload: schema_version ${version} is not the ${SCHEMA_VERSION} this page reads`);
  }
  return payload;
}
