import assert from "node:assert/strict";
import { test } from "node:test";

import { matrixCells } from "../../verkosto/web/servicematrix.js";

const payload = {
  tasks: [{ id: "meeting_places" }, { id: "separation" }],
  client_groups: [{ id: "infants" }, { id: "expecting" }],
  not_applicable: [["separation", "expecting"]],
  municipalities: [{ name: "Akaa", region: "Etelä" }, { name: "Urjala", region: "Länsi" }],
  services: {
    columns: ["service", "organisation", "municipality", "task", "client_group", "level", "form", "place"],
    rows: [
      ["Kahvila", "MLL", "Akaa", "meeting_places", "infants", "universal", "open_activity", ""],
      ["Kerho", "Seurakunta", "Akaa", "meeting_places", "infants", "universal", "open_activity", ""],
      ["Ero", "Ensikoti", "Akaa", "separation", "infants", "basic", "peer_support", ""],
      ["Ero", "Ensikoti", "Urjala", "separation", "infants", "basic", "peer_support", ""],
    ],
  },
  gaps: [
    { municipality: "Akaa", task: "meeting_places", client_group: "expecting" },
    { municipality: "Urjala", task: "meeting_places", client_group: "expecting" },
    { municipality: "Urjala", task: "meeting_places", client_group: "infants" },
  ],
  overlaps: [{ municipality: "Akaa", task: "meeting_places", client_group: "infants", form: "open_activity",
    level: "universal", organisations: ["MLL", "Seurakunta"] }],
  opportunities: [],
};

const summary = (cells) => cells.map((c) => [c.task, c.client_group, c.count, c.gaps.length, c.applicable]);

test("the whole map: distinct services per cell, gaps from the payload", () => {
  assert.deepEqual(summary(matrixCells(payload, {})), [
    ["meeting_places", "infants", 2, 1, true],
    ["meeting_places", "expecting", 0, 2, true],
    ["separation", "infants", 1, 0, true],
    ["separation", "expecting", 0, 0, false],
  ]);
});

test("a municipality, a region and a form narrow services, gaps and overlaps", () => {
  assert.deepEqual(summary(matrixCells(payload, { municipality: "Urjala" })).map((c) => c.slice(2, 4)), [
    [0, 1], [0, 1], [1, 0], [0, 0],
  ]);
  const south = matrixCells(payload, { region: "Etelä", form: "peer_support" });
  assert.deepEqual(summary(south).map((c) => c.slice(2, 4)), [[0, 0], [0, 1], [1, 0], [0, 0]]);
  assert.equal(south[0].overlaps.length, 0);
  assert.deepEqual(matrixCells(payload, { level: "universal" })[0].organisations, ["MLL", "Seurakunta"]);
});
