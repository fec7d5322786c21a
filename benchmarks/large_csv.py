"""Reading a very large CSV roster: time and memory of `verkosto validate` on a million rows.

    python benchmarks/large_csv.py [--rows 1000000] [--keep DIR]

The roster is generated deterministically (about 130 MB for a million rows: 500,000 persons
with e-mail addresses, each in two groups; 12,600 organisations of six sectors in 300
municipalities; 1,500 local groups) and read twice, each time in a fresh process: by
``verkosto.load.validate_roster`` (the library), and by ``verkosto validate`` (the command,
its start-up included). Each reports CPU time (user + system) and peak resident memory
(``ru_maxrss``). The goals: at most 20 CPU-s and 1.5 GB, for both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CPU_GOAL_S = 20.0
MEMORY_GOAL_MB = 1536.0

FIRST = ("Aino", "Bertta", "Cecilia", "Daniel", "Eeva", "Frans", "Hilla", "Ilona", "Jussi", "Kalle", "Liisa", "Matti",
         "Noora", "Olli", "Pia")
LAST = ("Aalto", "Berg", "Cajander", "Dahl", "Eskola", "Forsman", "Honkanen", "Ilves", "Jokela", "Kivi", "Laine",
        "Mäkelä", "Nieminen")
SECTORS = ("Kunta", "Hyvinvointialue", "Seurakunta", "Järjestö", "Kela", "Oppilaitos")

MEASURE = """
import json, resource, sys, time
from verkosto.load import validate_roster
problems = validate_roster(sys.argv[1])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "problems": len(problems)}))
"""


def write_roster(path: Path, rows: int) -> Path:
    """A valid membership CSV of *rows* rows, the same for the same *rows*."""
    municipalities = [f"Kunta {i:03d}" for i in range(300)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("Henkilö;Organisaatio;Sektori;Ryhmä;Taso;Rooli;Kunta;Sähköposti\r\n")
        for i in range(rows):
            person = i // 2
            municipality = municipalities[person % 300]
            sector = SECTORS[person % 6]
            name = f"{FIRST[person % 15]} {LAST[(person // 15) % 13]} {person}"
            out.write(f"{name};{sector} {municipality} {person % 7};{sector};{municipality} ryhmä {i % 5};"
                      f"Paikallinen;Jäsen;{municipality};h{person}@perhekeskus.example\r\n")
    return path


ENV = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}


def measure(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                            cwd=REPO, env=ENV, check=True)
    return json.loads(result.stdout)


def measure_command(path: Path) -> dict:
    """CPU time and peak memory of ``verkosto validate PATH`` in a process of its own."""
    process = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "validate", str(path)], cwd=REPO, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    out = process.stdout.read() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"verkosto validate failed: {out}")
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "line": out.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the generated CSV in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = write_roster(folder / f"roster_{args.rows}.csv", args.rows)
        size = path.stat().st_size / 1e6
        library, command = measure(path), measure_command(path)
    ok = True
    for what, result in (("validate_roster", library), ("verkosto validate", command)):
        fine = result["cpu_s"] <= CPU_GOAL_S and result["peak_mb"] <= MEMORY_GOAL_MB
        ok = ok and fine
        print(f"{args.rows:,} rows ({size:.0f} MB), {what}: {result['cpu_s']:.1f} CPU-s (goal ≤ {CPU_GOAL_S:.0f}), "
              f"peak {result['peak_mb']:.0f} MB (goal ≤ {MEMORY_GOAL_MB:.0f}): {'ok' if fine else 'MISSED'}")
    print(f"verkosto validate: {command['line']}")
    return 0 if ok and library["problems"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
