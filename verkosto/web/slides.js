// The page's address as the state of the presentation: "#view=<id>", "#present&view=<id>".
// Pure: tests/js/slides.test.js.

/** {view: id or null, present: boolean} from location.hash ("" or "#…"). */
export function parseHash(hash) {
  const parts = String(hash || "").replace(/^#/, "").split("&").filter(Boolean);
  let view = null, present = false;
  parts.forEach((part) => {
    if (part === "present") present = true;
    else if (part.startsWith("view=")) {
      try {
        view = decodeURIComponent(part.slice(5)) || null;
      } catch {
        view = null; // a hand-edited address with a broken escape opens the page as it is
      }
    }
  });
  return { view, present };
}

/** The hash (without "#") for view *id* (null: none) and presentation mode *present*. */
export function hashOf(id, present) {
  const parts = [];
  if (present) parts.push("present");
  if (id !== null && id !== undefined) parts.push("view=" + encodeURIComponent(id));
  return parts.join("&");
}
