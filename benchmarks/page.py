"""Measure map pages in headless Chromium: where the bytes go, first frame, pan and filter.

    python benchmarks/page.py PAGE.html [PAGE.html ...] [--repeat 3]
    python benchmarks/page.py --national [--persons 15000] [--cache DIR] [--repeat 3]
    python benchmarks/page.py --example [--repeat 3]

``--national`` renders the national roster of :mod:`national` with this checkout's renderer:
the roster, its analysis and layout are computed once into ``--cache`` (reused while the
generator and its options are unchanged; the analysis takes minutes), the page every time,
so that a change to the page or the payload is measured in seconds. ``--example`` renders the
bundled example the same way.

For every page: the file size, the payload's size per key, and, medians of ``--repeat`` loads
in a fresh browser context each:

- *first frame*: from navigation until the map is ready and a frame has been drawn;
- *pan*: the view moved by 400 px (``network.moveTo``), from the call until that frame is
  drawn and handed to the compositor (the next animation frame), median of 12 moves;
- *filter*: half of the regions chosen (``verkosto.applyFilters``), from the call until the
  first frame after it is drawn, median of 3, the filters reset between them; and the same
  for the first region alone (on a folded map the filter then brings that region's persons in).

Then PASS/FAIL against the goals of issue 16 (the national map's; printed for every page).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import pickle
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.browser import launch, open_map  # noqa: E402 - after the repository is importable

GOALS = {"size_mb": 4.0, "first_frame_s": 2.0, "pan_ms": 150.0, "filter_s": 0.3}
PAN_STEPS = 12
FILTER_RUNS = 3

# Time until the frame after *act* is drawn: afterDrawing, then one more animation frame.
_FRAME_JS = """
async ([what, arg]) => {
  const frame = () => new Promise((resolve) => {
    const done = () => { network.off("afterDrawing", done); requestAnimationFrame(() => resolve(performance.now())); };
    network.on("afterDrawing", done);
  });
  const times = [];
  if (what === "pan") {
    const base = network.getViewPosition(), scale = network.getScale();
    for (let i = 0; i < arg; i++) {
      const angle = 2 * Math.PI * i / arg;
      const drawn = frame();
      const t0 = performance.now();
      network.moveTo({ position: { x: base.x + 400 / scale * Math.cos(angle), y: base.y + 400 / scale * Math.sin(angle) },
                       scale, animation: false });
      times.push((await drawn) - t0);
    }
    network.moveTo({ position: base, scale, animation: false });
  } else {
    const facet = verkosto.filters();
    const regions = JSON.parse(document.getElementById("verkosto-payload").textContent)
      .facets.find((f) => f.name === "region").values;
    // "half": every other region; "one": the first region alone (a large map draws its persons).
    const half = what === "one" ? regions.slice(0, 1) : regions.filter((_, k) => k % 2 === 0);
    for (let i = 0; i < arg; i++) {
      const drawn = frame();
      const t0 = performance.now();
      verkosto.applyFilters({ ...facet, region: half });
      times.push((await drawn) - t0);
      await new Promise((r) => setTimeout(r, 700));  // let the fit's animation end
      verkosto.resetFilters();
      await new Promise((r) => setTimeout(r, 700));
    }
  }
  return times;
}
"""


def payload_sizes(html: str) -> dict[str, int]:
    """Bytes of the page's payload per top-level key (as embedded), and of the rest of the page."""
    match = re.search(r'<script type="application/json" id="verkosto-payload">(.*?)</script>', html, re.DOTALL)
    if not match:
        return {}
    payload = json.loads(match.group(1))
    sizes = {}
    for key, value in payload.items():
        sizes[key] = len(json.dumps(value, separators=(",", ":"), ensure_ascii=True))
        if isinstance(value, dict) and set(value) >= {"columns", "rows"} and value["rows"]:
            for k, column in enumerate(value["columns"]):
                cells = [row[k] for row in value["rows"]]
                sizes[f"{key}.{column}"] = len(json.dumps(cells, separators=(",", ":"), ensure_ascii=True))
    sizes["(page without payload)"] = len(html.encode("utf-8")) - len(match.group(1).encode("utf-8"))
    return sizes


def measure(path: Path, repeat: int) -> dict:
    """Load *path* *repeat* times in headless Chromium; first frame, pan, filter, node counts."""
    from playwright.sync_api import sync_playwright

    out = {"first_frame_ms": [], "pan_ms": [], "filter_ms": [], "one_region_ms": [], "errors": [], "requests": []}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for _ in range(repeat):
                context, page, ready_ms = open_map(browser, path, out, polling=20)
                start = time.perf_counter()
                page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
                out["first_frame_ms"].append(ready_ms + (time.perf_counter() - start) * 1000)
                out["drawn_nodes"] = page.evaluate("network.body.data.nodes.length")
                out["drawn_edges"] = page.evaluate("network.body.data.edges.length")
                page.wait_for_timeout(300)
                out["pan_ms"].append(statistics.median(page.evaluate(_FRAME_JS, ["pan", PAN_STEPS])))
                out["filter_ms"].append(statistics.median(page.evaluate(_FRAME_JS, ["half", FILTER_RUNS])))
                out["one_region_ms"].append(statistics.median(page.evaluate(_FRAME_JS, ["one", FILTER_RUNS])))
                context.close()
        finally:
            browser.close()
    return out


def report(path: Path, repeat: int) -> bool:
    """Print the sizes, the timings and the verdicts of one page; True when every goal passes."""
    html = path.read_text(encoding="utf-8")
    size = len(html.encode("utf-8"))
    print(f"\n{path}  {size / 1e6:.2f} MB")
    sizes = payload_sizes(html)
    for key, value in sorted(sizes.items(), key=lambda item: -item[1]):
        if value >= 20_000:
            print(f"  {key:<34}{value / 1e6:8.2f} MB")
    result = measure(path, repeat)
    match = re.search(r'<script type="application/json" id="verkosto-payload">(.*?)</script>', html, re.DOTALL)
    result["nodes"] = len(json.loads(match.group(1))["nodes"]["rows"]) if match else 0
    first = statistics.median(result["first_frame_ms"]) / 1000
    pan = statistics.median(result["pan_ms"])
    filt = statistics.median(result["filter_ms"]) / 1000
    one = statistics.median(result["one_region_ms"]) / 1000
    print(f"  nodes {result['nodes']:,}; drawn at start {result['drawn_nodes']:,} nodes, {result['drawn_edges']:,} edges")
    verdicts = []
    for label, value, goal, unit in (
        ("file", size / 1e6, GOALS["size_mb"], "MB"),
        ("first frame", first, GOALS["first_frame_s"], "s"),
        ("pan redraw", pan, GOALS["pan_ms"], "ms"),
        ("filter (half the regions)", filt, GOALS["filter_s"], "s"),
        ("filter (one region: its persons drawn)", one, GOALS["filter_s"], "s"),
    ):
        ok = value <= goal
        verdicts.append(ok)
        print(f"  {'PASS' if ok else 'FAIL':<5} {label}: {value:.2f} {unit} ≤ {goal:g} {unit}")
    print(f"  (medians of {repeat}; first frame {', '.join(f'{v / 1000:.2f}' for v in result['first_frame_ms'])} s)")
    if result["errors"] or result["requests"]:
        print(f"  page errors: {result['errors'][:3]}; blocked requests: {result['requests'][:3]}")
        verdicts.append(False)
    return all(verdicts)


def _inputs(roster: Path, cache: Path):
    """The graph and to_html's keyword arguments of *roster*, as `verkosto map` passes them."""
    digest = hashlib.sha256(roster.read_bytes()).hexdigest()[:12]
    pickled = cache / f"map-inputs-{digest}.pkl"
    if pickled.exists():
        with open(pickled, "rb") as handle:
            return pickle.load(handle)
    from verkosto import analyse
    from verkosto.layout import compute_layout, tier_guides
    from verkosto.views import broker_notes, opportunity_edges, organisation_services

    started = time.perf_counter()
    analysis = analyse(roster)
    G = analysis.graph
    options = dict(
        metrics=analysis.node_metrics, findings=analysis.findings, notes=broker_notes(analysis, "fi"),
        services=organisation_services(analysis, "fi"), suggestions=opportunity_edges(analysis, "fi"),
        positions=compute_layout(G, "tiers"), guides=tier_guides(G),
    )
    cache.mkdir(parents=True, exist_ok=True)
    with open(pickled, "wb") as handle:
        pickle.dump((G, options), handle, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"analysed {roster.name} in {time.perf_counter() - started:.0f} s (cached in {pickled})", flush=True)
    return G, options


def _render(roster: Path, cache: Path, out: Path) -> Path:
    from verkosto.render import write_html

    G, options = _inputs(roster, cache)
    started = time.perf_counter()
    write_html(G, out, generated="2025-01-01", **options)
    print(f"rendered {out} in {time.perf_counter() - started:.1f} s", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="map pages (.html) to measure")
    parser.add_argument("--national", action="store_true", help="render and measure the national roster")
    parser.add_argument("--example", action="store_true", help="render and measure the bundled example")
    parser.add_argument("--persons", type=int, default=15_000)
    parser.add_argument("--roster", type=Path, help="with --national: this roster instead of a generated one")
    parser.add_argument("--repeat", type=int, default=3, help="page loads (default 3)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "verkosto-benchmarks")
    args = parser.parse_args(argv)
    pages = list(args.pages)
    if args.national:
        roster = args.roster
        if roster is None:
            sys.path.insert(0, str(Path(__file__).parent))
            run = importlib.import_module("run")  # its cached national roster
            roster = run._roster(argparse.Namespace(cache=args.cache, persons=args.persons, counties=21, seed=1))
        pages.append(_render(roster, args.cache, args.cache / f"national-p{args.persons}.html"))
    if args.example:
        from verkosto.example import example_path

        pages.append(_render(example_path(None), args.cache, args.cache / "example.html"))
    if not pages:
        parser.error("name a page, or --national or --example")
    results = [report(page, args.repeat) for page in pages]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
