// What the page draws on vis-network's canvas itself, in graph coordinates: tier rings behind
// the nodes, finding badges over them (the rings' and regions' names are labels, placed by
// labels.js). Canvas text is never parsed as HTML, so roster text needs no escaping here.

const FONT = "px system-ui, Segoe UI, Arial, sans-serif";

/** Tier rings; *scale* is the view's zoom (lines keep their screen width). */
export function drawGuides(ctx, guides, scale) {
  ctx.save();
  ctx.lineWidth = 2 / scale;
  ctx.setLineDash([10 / scale, 8 / scale]);
  ctx.globalAlpha = 0.45;
  guides.rings.forEach((ring) => {
    ctx.strokeStyle = ring.color;
    ctx.beginPath();
    ctx.arc(0, 0, ring.radius, 0, 2 * Math.PI);
    ctx.stroke();
  });
  ctx.restore();
}

/**
 * A badge with "!" at the upper right of each node with findings, at least 14 px across on
 * screen whatever the zoom: round, or a triangle for shape "triangle" (a risk).
 * badges: [{x, y, size, color, shape}] in graph coordinates.
 */
export function drawBadges(ctx, badges, scale) {
  ctx.save();
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  badges.forEach((badge) => {
    const radius = Math.max(0.45 * badge.size, 7 / scale);
    const x = badge.x + 0.8 * badge.size, y = badge.y - 0.8 * badge.size;
    ctx.beginPath();
    if (badge.shape === "triangle") {
      const r = 1.25 * radius;
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r * 0.95, y + r * 0.65);
      ctx.lineTo(x - r * 0.95, y + r * 0.65);
      ctx.closePath();
    } else {
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
    }
    ctx.fillStyle = badge.color;
    ctx.fill();
    ctx.lineWidth = radius / 5;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.fillStyle = "#ffffff";
    ctx.font = "700 " + 1.4 * radius + FONT;
    ctx.fillText("!", x, y + 0.05 * radius);
  });
  ctx.restore();
}

/**
 * Nodes and edges of the highlighted neighbourhood that vis would draw below *minPx* (a
 * national map's group can have members thousands of pixels apart: at the zoom that shows
 * them all, vis draws them below a pixel), drawn again at least that large: dots of
 * marks [{x, y, size, color}] and lines of lines [{x1, y1, x2, y2, width, color}], in graph
 * coordinates.
 */
export function drawMarks(ctx, marks, lines, scale, minPx = 4) {
  ctx.save();
  lines.forEach((line) => {
    if (line.width * scale >= 1) return;
    ctx.strokeStyle = line.color;
    ctx.lineWidth = 1.2 / scale;
    ctx.beginPath();
    ctx.moveTo(line.x1, line.y1);
    ctx.lineTo(line.x2, line.y2);
    ctx.stroke();
  });
  marks.forEach((mark) => {
    if (mark.size * scale >= minPx) return;
    ctx.beginPath();
    ctx.arc(mark.x, mark.y, minPx / scale, 0, 2 * Math.PI);
    ctx.fillStyle = mark.color;
    ctx.fill();
    ctx.lineWidth = 1 / scale;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
  });
  ctx.restore();
}
