import assert from "node:assert/strict";
import { test } from "node:test";

import { hashOf, parseHash } from "../../verkosto/web/slides.js";

test("the address holds the view and the presentation mode", () => {
  assert.deepEqual(parseHash(""), { view: null, present: false });
  assert.deepEqual(parseHash("#view=alue-etela"), { view: "alue-etela", present: false });
  assert.deepEqual(parseHash("#present&view=koko-verkosto"), { view: "koko-verkosto", present: true });
  assert.deepEqual(parseHash("#view=%E0%A4%A"), { view: null, present: false });
  assert.equal(hashOf("alue-etela", true), "present&view=alue-etela");
  assert.equal(hashOf(null, false), "");
  assert.equal(hashOf("ä b", false), "view=%C3%A4%20b");
  assert.deepEqual(parseHash("#" + hashOf("ä b", true)), { view: "ä b", present: true });
});
