// Accent- and case-folding for search: "Mäki", "MAKI" and "maki" are the same word.

/** Lower case without combining marks (ä → a, é → e); other characters stay as they are. */
export function fold(text) {
  return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
