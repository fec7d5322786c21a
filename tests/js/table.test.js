import assert from "node:assert/strict";
import { test } from "node:test";

import { checkPayload, columnIndex, columnsOf, recordsOf, SCHEMA_VERSION } from "../../verkosto/web/table.js";

const TABLE = { columns: ["person", "organisation", "role"], rows: [[0, 2, "chair"], [1, 2, "member"]] };

test("columnsOf gives one array per named column and the row count", () => {
  const columns = columnsOf(TABLE, ["role", "person"]);
  assert.deepEqual(columns, { length: 2, role: ["chair", "member"], person: [0, 1] });
  assert.deepEqual(columnsOf(TABLE).organisation, [2, 2]);
});

test("recordsOf gives one object per row, whatever the column order", () => {
  const reordered = { columns: ["role", "organisation", "person"], rows: [["chair", 2, 0]] };
  assert.deepEqual(recordsOf(reordered, ["person", "role"]), [{ person: 0, role: "chair" }]);
  assert.deepEqual(recordsOf(TABLE)[1], { person: 1, organisation: 2, role: "member" });
});

test("columnIndex resolves names to positions once", () => {
  assert.deepEqual(columnIndex(TABLE, ["role", "person"]), [2, 0]);
});

test("a missing column is an error that names it", () => {
  assert.throws(() => columnsOf(TABLE, ["group"]), /no column "group" in a table of person, organisation, role/);
  assert.throws(() => recordsOf(TABLE, ["person", "weight"]), /no column "weight"/);
  assert.throws(() => columnsOf({ columns: ["length"], rows: [] }), /may not be called "length"/);
});

test("checkPayload accepts only the schema version this page reads", () => {
  assert.equal(SCHEMA_VERSION, 2);
  const payload = { schema_version: 2 };
  assert.equal(checkPayload(payload), payload);
  assert.throws(() => checkPayload({ schema_version: 1 }), /schema_version 1 is not the 2 this page reads/);
  assert.throws(() => checkPayload({}), /schema_version undefined/);
});
