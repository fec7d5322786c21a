// Geometry of the view: what to fit on screen and how large group labels are. Pure.

// On-screen label size (px) of groups when the whole map is in view, by tier: the projector
// audience reads the steering and coordination groups without zooming. Labels of cross-cutting
// networks (hexagons) and persons (14 px at zoom 1) appear only when zoomed in, because vis
// skips labels smaller than drawThreshold (13 px). Zooming in enlarges group labels up to
// GROUP_LABEL_GROWTH times that size, not more (vis' own maxVisible does not limit them), so
// that they part as the nodes do.
export const GROUP_LABEL_PX = { provincial: 20, regional: 17, local: 13 };
export const NETWORK_LABEL_PX = 10;
export const GROUP_LABEL_GROWTH = 1.4;
/** Group labels are resized when the zoom changes by this factor. */
export const ZOOM_STEP = 1.15;

/**
 * The bounding box of the map with its rings and region names or (visibleOnly) of the nodes
 * the filters left, except the tier stars in the middle.
 */
export function mapBox(model, hidden, visibleOnly) {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const extend = (x, y) => {
    box.minX = Math.min(box.minX, x);
    box.maxX = Math.max(box.maxX, x);
    box.minY = Math.min(box.minY, y);
    box.maxY = Math.max(box.maxY, y);
  };
  const { x, y } = model.nodes;
  for (let i = 0; i < model.N; i++) {
    if (!visibleOnly || (!hidden[i] && model.kindOf[i] !== "tier")) extend(x[i], y[i]);
  }
  const guides = model.payload.guides;
  if (guides && !visibleOnly) {
    extend(-guides.extent, -guides.extent);
    extend(guides.extent, guides.extent);
  }
  return box;
}

/** Zoom and centre that fit *box* into *area* ({width, height} px), or null for an empty box. */
export function fitScale(box, area, visibleOnly) {
  if (!Number.isFinite(box.minX)) return null;
  // Room for the labels around the outermost nodes when fitting to the visible ones.
  const margin = visibleOnly ? 160 : 40;
  const scale = Math.min(
    (area.width - margin) / (box.maxX - box.minX || 1),
    (area.height - margin) / (box.maxY - box.minY || 1),
    1.5,
  );
  return { scale: Math.max(scale, 0.005), centre: { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 } };
}

/** On-screen label size (px) of a group at the whole-map zoom, from its tier and shape. */
export function fitLabelPx(tier, shape) {
  return shape === "hexagon" ? NETWORK_LABEL_PX : GROUP_LABEL_PX[tier] || GROUP_LABEL_PX.local;
}

/** A group's label size in graph units at zoom *scale*, given its size at *baseScale*. */
export function groupFontSize(fitPx, scale, baseScale) {
  const px = fitPx * Math.min(scale / baseScale, GROUP_LABEL_GROWTH);
  return Math.round(10 * px / scale) / 10;
}

/** The label zoom for *scale*: *baseScale* times a whole number of ZOOM_STEPs. */
export function quantiseScale(scale, baseScale) {
  const steps = Math.round(Math.log(scale / baseScale) / Math.log(ZOOM_STEP));
  return baseScale * Math.pow(ZOOM_STEP, steps);
}
