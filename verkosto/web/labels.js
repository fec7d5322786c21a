// Label placement: which labels to draw and where, so that no two overlap. Pure: the page
// (main.js) measures text and draws; tests/js/labels.test.js checks the rules.
//
// Each redraw, the candidates come in priority order (tier rings and stars, region names,
// groups by tier, cross-cutting networks, organisations, persons; a selected or searched node
// first of all). Each is tried below its node, above, right and left; the first spot that stays
// inside the free area and overlaps no label placed before wins, else the label is not drawn.

/** Label classes, most important first. */
export const RANK = { forced: 0, ring: 1, tier: 2, region: 3, provincial: 4, regional: 5, local: 6, network: 7, organisation: 8, person: 9 };

const CELL = 64; // px, of the grid that finds the labels near a spot
const GAP = 2; // px between a node and its label, and between labels

/** A label's line length for *text*: two balanced lines up to 60 characters, within [min, max]. */
export function lineLength(text, min, max) {
  return Math.min(Math.max(Math.ceil(String(text).length / 2) + 3, min), max);
}

/** Lines of at most *width* characters, broken at spaces (a longer word keeps its line). */
export function wrap(text, width) {
  const words = String(text).split(/\s+/).filter(Boolean);
  const lines = [];
  let line = "";
  words.forEach((word) => {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + " " + word : word;
    }
  });
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A set of boxes that answers "does this box overlap one of you?" in about constant time. */
export function boxIndex() {
  const cells = new Map();
  const keysOf = (box, visit) => {
    const x0 = Math.floor(box.x / CELL), x1 = Math.floor((box.x + box.width) / CELL);
    const y0 = Math.floor(box.y / CELL), y1 = Math.floor((box.y + box.height) / CELL);
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) if (visit(cx + "," + cy)) return true;
    return false;
  };
  return {
    /** Whether *box* overlaps a box of the set (one that *counts*, when given). */
    hits(box, counts = null) {
      return keysOf(box, (key) => (cells.get(key) || []).some((other) => overlaps(box, other) && (!counts || counts(other))));
    },
    add(box) {
      keysOf(box, (key) => {
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(box);
        return false;
      });
    },
  };
}

/** The spots tried for a label of *width* × *height* by a node of on-screen radius *r* at (x, y):
 * below, above, right, left, then the four corners; a centred one on (x, y), else shifted by
 * one or two of its heights. */
export function spots(c) {
  const { x, y, r, width, height } = c;
  if (c.centred) {
    // A name of a place (a ring, a region) rather than a node: on it, else just above or below.
    return [0, 1, -1, 2, -2].map((k) => ({ x: x - width / 2, y: y - height / 2 + k * (height + GAP) }));
  }
  const below = y + r + GAP, above = y - r - GAP - height, right = x + r + 2 * GAP, left = x - r - 2 * GAP - width;
  return [
    { x: x - width / 2, y: below },
    { x: x - width / 2, y: above },
    { x: right, y: y - height / 2 },
    { x: left, y: y - height / 2 },
    // the corners, the label's edge by the node
    { x: right - r, y: below },
    { x: left + r, y: below },
    { x: right - r, y: above },
    { x: left + r, y: above },
  ];
}

/** A box moved inside *area* ({left, top, right, bottom}) when it sticks out; null if it cannot fit. */
export function inside(box, area) {
  if (box.width > area.right - area.left || box.height > area.bottom - area.top) return null;
  const x = Math.min(Math.max(box.x, area.left), area.right - box.width);
  const y = Math.min(Math.max(box.y, area.top), area.bottom - box.height);
  return { ...box, x, y };
}

/**
 * Place labels. *candidates*: [{id, x, y, r, width, height, rank, forced?, centred?}] in CSS px,
 * any order; ties in rank keep the given order. A candidate whose anchor lies outside *area* is
 * skipped unless forced. *obstacles*: boxes {x, y, width, height, rank} that no label of a
 * larger rank may cover (finding badges, the shapes of groups: a person's name must not hide
 * them, a steering group's may). Returns the placed ones with their box {x, y, width, height}; a
 * forced label is always placed (moved inside the area), the others only where they overlap
 * nothing.
 */
export function placeLabels(candidates, area, obstacles = []) {
  const order = candidates.map((c, n) => [c.forced ? RANK.forced : c.rank, n]);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const index = boxIndex(), blocked = boxIndex(), placed = [];
  obstacles.forEach((box) => blocked.add(box));
  order.forEach(([rank, n]) => {
    const c = candidates[n];
    const within = c.x >= area.left && c.x <= area.right && c.y >= area.top && c.y <= area.bottom;
    if (!within && !c.forced) return;
    let chosen = null;
    for (const spot of spots(c)) {
      const box = inside({ x: spot.x, y: spot.y, width: c.width, height: c.height }, area);
      if (!box) break;
      // The padded box must be free; a spot moved far from its node (more than a label's
      // height) no longer reads as that node's label.
      if (Math.abs(box.x - spot.x) + Math.abs(box.y - spot.y) > c.height + c.r) continue;
      const padded = { x: box.x - GAP / 2, y: box.y - GAP / 2, width: box.width + GAP, height: box.height + GAP };
      if (!index.hits(padded) && !blocked.hits(padded, (obstacle) => rank > obstacle.rank)) { chosen = box; break; }
    }
    if (!chosen && c.forced) chosen = inside({ ...spots(c)[0], width: c.width, height: c.height }, area);
    if (!chosen) return;
    index.add({ x: chosen.x - GAP / 2, y: chosen.y - GAP / 2, width: chosen.width + GAP, height: chosen.height + GAP });
    placed.push({ ...c, x: chosen.x, y: chosen.y, anchorX: c.x, anchorY: c.y });
  });
  return placed;
}
