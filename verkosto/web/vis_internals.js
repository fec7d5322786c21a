// Every use of vis-network's internals, in one place. They are those of vis-network 9.1.2,
// the version pyvis==0.3.2 ships; the bundle exposes its version only in its banner comment,
// which verkosto.render reads and hands to the page. With any other version (or internals
// that are not where 9.1.2 keeps them) the map still draws and works through the public
// API; only the spotlight over the selected neighbourhood is given up, with a warning.

export const SUPPORTED_VIS_VERSION = "9.1.2";

function hasInternals(network) {
  const body = network && network.body;
  return !!(body && body.emitter && typeof body.emitter.emit === "function" && body.nodes && body.edges);
}

/**
 * The internals the page uses, or public fallbacks:
 *   supported            whether the internals are used
 *   requestRedraw()      one redraw in the next frame, shared with vis' own
 *   drawSpotlight(ctx, nodeIds, edgeIds)  draws those nodes and edges again, over the veil
 */
export function visInternals(network, version, warn = (message) => console.warn(message)) {
  let supported = version === SUPPORTED_VIS_VERSION && hasInternals(network);
  if (!supported) {
    warn(`verkosto: vis-network ${version || "of unknown version"} is not ${SUPPORTED_VIS_VERSION}` +
      " (or its internals moved); the map works without the highlight of the selected neighbourhood.");
  }

  function requestRedraw() {
    if (supported) network.body.emitter.emit("_requestRedraw");
    else network.redraw();
  }

  // Node.draw returns the label to draw after every node (drawExternalLabel); edges first,
  // then nodes, then arrows and labels on top, as vis itself draws.
  function drawSpotlight(ctx, nodeIds, edgeIds) {
    if (!supported) return false;
    try {
      const body = network.body, labels = [];
      const edges = edgeIds.map((id) => body.edges[id]).filter((edge) => edge && edge.connected);
      edges.forEach((edge) => edge.draw(ctx));
      nodeIds.forEach((id) => {
        const node = body.nodes[id];
        if (!node) return;
        const drawn = node.draw(ctx);
        if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
      });
      edges.forEach((edge) => edge.drawArrows(ctx));
      labels.forEach((draw) => draw());
      return true;
    } catch (error) {
      supported = false;
      warn(`verkosto: drawing the highlight failed (${error.message}); it is turned off.`);
      return false;
    }
  }

  return {
    get supported() { return supported; },
    requestRedraw,
    drawSpotlight,
  };
}
