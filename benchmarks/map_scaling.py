"""How `verkosto map` grows with the number of persons, and whether it meets its goals.

    python benchmarks/map_scaling.py [--persons 3750,7500,15000] [--repeat 3] [--counties 21]
                                     [--seed 1] [--cache DIR]

For each size a national roster is generated with :mod:`national` (kept in ``--cache`` as
:mod:`run` keeps it) and ``python cli.py map ROSTER -o MAP.html`` runs ``--repeat`` times, each
a fresh process timed from the outside (interpreter start-up included): wall clock and CPU
(user + system of the process). The growth exponent is the least-squares slope of log(time)
against log(persons) over the sizes.

Goals (issue 16): on the largest roster (by default the national one, 15,000 persons) the
median run takes at most 30 s, wall clock and CPU, and the time grows more slowly than
persons**1.5. Start-up and imports cost the same at every size and flatten the slope, so the
exponent is also fitted to the times less the start-up (``python -c "import ..."`` of what
the map imports), and the goal needs both below 1.5.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import CLI, _fail, _roster, _run

MAP_GOAL_S = 30.0
EXPONENT_GOAL = 1.5
# What `verkosto map` imports before it reads a roster: the fixed cost of every run.
STARTUP = ("import cli, igraph, matplotlib, python_calamine, scipy; import verkosto.analysis, verkosto.views, "
           "verkosto.render, verkosto.layout, verkosto.present, verkosto.servicemap, verkosto.saved_views")


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) against log(x).

    >>> round(slope([1, 2, 4], [3, 12, 48]), 6)
    2.0
    """
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", default="3750,7500,15000", help="comma-separated roster sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (default 3)")
    parser.add_argument("--counties", type=int, default=21)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "verkosto-benchmarks",
                        help="where the generated rosters are kept between runs")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.persons.split(","))
    if len(sizes) < 2:
        parser.error("--persons needs at least two sizes to fit a growth exponent")

    walls: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory(prefix="verkosto-scaling-") as tmp:
        startup = [_run([sys.executable, "-c", STARTUP], cwd=Path(tmp)) for _ in range(args.repeat)]
        if any(code for _s, _rss, code, _text, _cpu in startup):
            _fail("importing the map's modules", startup[0][3])
        startup_wall = statistics.median(s[0] for s in startup)
        startup_cpu = statistics.median(s[4] for s in startup)
        print(f"start-up (imports): {startup_wall:.2f} s wall, {startup_cpu:.2f} s CPU")
        print(f"{'persons':>8} {'runs':>5} {'wall median (min–max)':>24} {'CPU median':>11} {'peak':>9}")
        for persons in sizes:
            roster = _roster(argparse.Namespace(cache=args.cache, persons=persons, counties=args.counties,
                                                seed=args.seed))
            html = Path(tmp) / f"map-{persons}.html"
            runs = []
            for _ in range(args.repeat):
                seconds, rss, code, text, cpu = _run([sys.executable, str(CLI), "map", str(roster), "-o", str(html),
                                                      "--quiet"])
                if code:
                    _fail(f"verkosto map on {persons} persons", text)
                runs.append((seconds, cpu, rss))
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            walls.append(wall)
            cpus.append(cpu)
            low, high = min(r[0] for r in runs), max(r[0] for r in runs)
            print(f"{persons:>8,} {len(runs):>5} {wall:>9.2f} s ({low:.2f}–{high:.2f} s) {cpu:>9.2f} s "
                  f"{max(r[2] for r in runs) / 1024**2:>6.0f} MB", flush=True)

    exponents = {
        "wall": slope(sizes, walls),
        "CPU": slope(sizes, cpus),
        "wall less start-up": slope(sizes, [max(w - startup_wall, 1e-3) for w in walls]),
        "CPU less start-up": slope(sizes, [max(c - startup_cpu, 1e-3) for c in cpus]),
    }
    print()
    print("growth exponent (time ~ persons^e): " + ", ".join(f"{k} {v:.2f}" for k, v in exponents.items()))
    # The fit over all sizes hides a slope that steepens: show it between neighbouring sizes too.
    for i in range(1, len(sizes)):
        pair = sizes[i - 1 : i + 1]
        net = [max(c - startup_cpu, 1e-3) for c in cpus[i - 1 : i + 1]]
        print(f"  {pair[0]:,} → {pair[1]:,} persons: CPU {slope(pair, cpus[i - 1 : i + 1]):.2f}, "
              f"CPU less start-up {slope(pair, net):.2f}")
    print()
    verdicts = []

    def goal(ok: bool, text: str) -> None:
        verdicts.append(ok)
        print(f"  {'PASS' if ok else 'FAIL':<5} {text}")

    largest = f"{sizes[-1]:,} persons"
    goal(walls[-1] <= MAP_GOAL_S, f"verkosto map on {largest} ≤ {MAP_GOAL_S:.0f} s wall clock: {walls[-1]:.2f} s")
    goal(cpus[-1] <= MAP_GOAL_S, f"verkosto map on {largest} ≤ {MAP_GOAL_S:.0f} s CPU: {cpus[-1]:.2f} s")
    worst = max(exponents.values())
    goal(worst < EXPONENT_GOAL, f"growth below persons^{EXPONENT_GOAL}: the largest exponent is {worst:.2f}")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
