"""Label placement in the page per redraw, or in Python per zoom band: both measured.

    python benchmarks/labels.py [ROSTER ...] [--repeat 5]

The map places its labels in the page, on every redraw (``verkosto/web/labels.js``): it knows
the free area left by the panels, the filters, the highlight and the real width of each text in
the page's font. The alternative is a placement pass in Python at render time, one per zoom
band, shipped in the payload. This script measures both on the same rosters (default: the
bundled example; give the national benchmark roster too, ``benchmarks/national.py -o …``):

- **page**: the map in headless Chromium at 1280×720, zoomed to each band (a multiple of the
  first view's scale) on the map's centre; the time
  of the label pass of the redraw (``verkosto.labelStats().ms``), median of ``--repeat``;
- **python**: the same greedy rule (priority order, eight spots per label, a grid index)
  over every node of the layout at each band's scale, text widths estimated from the
  character count; the time of all bands, median of ``--repeat``, and the bytes the
  placements would add to the payload (one spot number per label and band).

Both give an answer in milliseconds per band on the example; the Python pass cannot know the
free area, the filters or the highlight of the moment, and its payload grows with bands ×
nodes, which is why the page places the labels.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BANDS = (1, 2, 4, 8, 16)  # zooms, as multiples of the first view's (the whole map fitted): … a municipality close up
CELL = 64.0
GAP = 2.0
CHAR_PX = 0.56  # average advance of a DejaVu Sans character, in font sizes
RANK = {"tier": 2, "provincial": 4, "regional": 5, "local": 6, "organisation": 8, "person": 9}
# The page's rule (main.js labelPx, MIN_PX): groups and tiers at a fixed size, organisations
# and persons growing with the zoom and named only once their text is large enough to read.
FONT_PX = {"tier": 13.0, "group": 13.0}
GROWING_PX = {"organisation": 22.0, "person": 14.0}
MIN_PX = 11.0
RADIUS = {"tier": 30.0, "group": 14.0, "organisation": 9.0, "person": 5.0}


def _candidates(G, positions, scale: float) -> list[tuple]:
    """(rank, order, x, y, r, width, height) of every node at *scale*, in CSS px."""
    out = []
    for n, (node, data) in enumerate(G.nodes(data=True)):
        kind = data.get("kind", "person")
        rank = RANK.get(data.get("tier", "local"), 6) if kind == "group" else RANK.get(kind, 9)
        px = FONT_PX.get(kind) or GROWING_PX.get(kind, 14.0) * scale
        if px < MIN_PX and kind not in FONT_PX:
            continue
        text = str(data.get("label", node))
        x, y = positions[node]
        out.append((rank, n, x * scale, y * scale, RADIUS.get(kind, 5.0) * scale, len(text) * px * CHAR_PX + 4,
                    px * 1.2))
    out.sort()
    return out


def _place(candidates: list[tuple]) -> list[int]:
    """The spot (0–7) chosen for each candidate, -1 where none is free: labels.js' rule."""
    cells: dict[tuple[int, int], list[tuple]] = {}

    def keys(box):
        x, y, w, h = box
        return [(cx, cy) for cx in range(int(x // CELL), int((x + w) // CELL) + 1)
                for cy in range(int(y // CELL), int((y + h) // CELL) + 1)]

    def hits(box):
        x, y, w, h = box
        return any(x < b[0] + b[2] and b[0] < x + w and y < b[1] + b[3] and b[1] < y + h
                   for key in keys(box) for b in cells.get(key, ()))

    chosen = []
    for _rank, _n, x, y, r, w, h in candidates:
        below, above, right, left = y + r + GAP, y - r - GAP - h, x + r + 2 * GAP, x - r - 2 * GAP - w
        spots = ((x - w / 2, below), (x - w / 2, above), (right, y - h / 2), (left, y - h / 2),
                 (right - r, below), (left + r, below), (right - r, above), (left + r, above))
        pick = -1
        for k, (sx, sy) in enumerate(spots):
            box = (sx - GAP / 2, sy - GAP / 2, w + GAP, h + GAP)
            if not hits(box):
                pick = k
                for key in keys(box):
                    cells.setdefault(key, []).append(box)
                break
        chosen.append(pick)
    return chosen


def python_side(path: Path, repeat: int) -> dict:
    from verkosto import analyse
    from verkosto.layout import compute_layout

    G = analyse(path).graph
    positions = compute_layout(G)
    xs, ys = [x for x, _ in positions.values()], [y for _, y in positions.values()]
    fit = min(1280 / (max(xs) - min(xs) + 1), 720 / (max(ys) - min(ys) + 1))  # the first view's scale
    times, placed = [], {}
    for _ in range(repeat):
        start = time.perf_counter()
        for zoom in BANDS:
            spots = _place(_candidates(G, positions, fit * zoom))
            placed[zoom] = sum(s >= 0 for s in spots)
        times.append(time.perf_counter() - start)
    # One spot per label and band, as a JSON list of small integers: "3," is two bytes.
    payload_bytes = sum(len(json.dumps([0] * G.number_of_nodes(), separators=(",", ":"))) for _ in BANDS)
    return {"nodes": G.number_of_nodes(), "ms": statistics.median(times) * 1000, "placed": placed,
            "payload_bytes": payload_bytes}


PAGE_JS = """async ([zoom, fit]) => {
  network.moveTo({ scale: fit * zoom, position: { x: 0, y: 0 }, animation: false });
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return verkosto.labelStats();
}"""


def page_side(path: Path, repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    from benchmarks.browser import launch, open_map

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "map.html"
        subprocess.run([sys.executable, str(REPO / "cli.py"), "map", str(path), "-o", str(html)], check=True,
                       capture_output=True)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            found: dict = {"errors": [], "requests": []}
            _context, page, _ready = open_map(browser, html, found, width=1280, height=720)
            fit = page.evaluate("network.getScale()")
            bands = {}
            for zoom in BANDS:
                runs = [page.evaluate(PAGE_JS, [zoom, fit]) for _ in range(repeat)]
                bands[zoom] = (statistics.median(r["ms"] for r in runs), runs[-1]["drawn"])
            browser.close()
    return bands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rosters", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from verkosto.example import example_path

    for path in args.rosters or [example_path()]:
        py = python_side(path, args.repeat)
        page = page_side(path, args.repeat)
        print(f"{path.name}: {py['nodes']:,} nodes")
        print(f"  python, {len(BANDS)} zoom bands at render time: {py['ms']:.0f} ms (median of {args.repeat}), "
              f"+{py['payload_bytes'] / 1e3:.0f} kB of payload")
        for zoom in BANDS:
            ms, drawn = page[zoom]
            print(f"  page, zoom {zoom:>2}× the first view: label pass {ms:5.1f} ms per redraw, {drawn} labels drawn "
                  f"(python would place {py['placed'][zoom]} over the whole map)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
