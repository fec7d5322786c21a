import assert from "node:assert/strict";
import { test } from "node:test";

import { buildModel } from "../../verkosto/web/model.js";
import { tooltip } from "../../verkosto/web/tooltip.js";
import { fixturePayload, TEXTS } from "./fixture.js";

test("a person: organisation, sector, municipality, then each group with the roles, by name", () => {
  const model = buildModel(fixturePayload());
  assert.equal(tooltip(model, TEXTS, 1),
    "Aalto Aino\nOrganisaatio: Kunta\nSektori: Kunta\nRyhmät:\n– Akaa (Jäsen)\n– Akaa työryhmä (Jäsen)");
  // In no group and with no employer: the facts it has, no empty "Ryhmät:".
  assert.equal(tooltip(model, TEXTS, 5), "Nobody\nSektori: Järjestö");
});

test("a group: tier, type, region, parent, meetings, members; its findings last", () => {
  const model = buildModel(fixturePayload());
  assert.equal(tooltip(model, TEXTS, 3),
    "Akaa\nTaso: Paikallinen\nTyyppi: Ohjausryhmä\nAlue: Etelä\nKokouksia kaudessa: 6\nJäseniä: 2\n\u26a0 Akaa: ei järjestöä");
  assert.equal(tooltip(model, TEXTS, 4),
    "Akaa työryhmä\nTaso: Paikallinen\nTyyppi: Työryhmä\nAlue: Pohjoinen\nYläryhmä: Akaa\nJäseniä: 1");
});

test("an organisation counts its persons, a tier its groups", () => {
  const model = buildModel(fixturePayload());
  assert.equal(tooltip(model, TEXTS, 2), "Kunta\nSektori: Kunta\nAlue: Etelä\nHenkilöitä: 2");
  const payload = fixturePayload();
  payload.edge_styles.rows.push(["part_of", "#ECECEC", 1, null]);
  payload.edges.rows.push([3, 6, 3], [4, 6, 3]);
  assert.equal(tooltip(buildModel(payload), TEXTS, 6), "Paikallinen\nRyhmiä: 2");
});

test("roster text stays as it is: the tooltip is plain text", () => {
  const payload = fixturePayload();
  payload.nodes.rows[5][0] = "<img src=x onerror=alert(1)>";
  payload.node_ids[5] = "person:Nobody";
  const model = buildModel(payload);
  assert.equal(model.ids[5], "person:Nobody");
  assert.equal(tooltip(model, TEXTS, 5).split("\n")[0], "<img src=x onerror=alert(1)>");
});
