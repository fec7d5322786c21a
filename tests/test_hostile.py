"""Hostile and broken input: every file gets one clear line, memory stays bounded, text stays text."""

import os
import subprocess
import sys
from pathlib import Path

import malformed
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rosters import MEMBERSHIP_HEADER, SMALL, write_csv, write_xlsx

from verkosto.errors import RosterError
from verkosto.load import load_roster, validate_roster

TESTS = Path(__file__).parent
pytestmark = pytest.mark.usefixtures("english")  # malformed.CASES holds the English lines


@pytest.mark.parametrize("name", sorted(malformed.CASES))
def test_malformed_file_gives_one_line(tmp_path, name):
    path = malformed.make(tmp_path, name)
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert str(info.value) == malformed.CASES[name][1]


@pytest.mark.parametrize("name", sorted(malformed.CASES))
def test_malformed_file_in_bounded_memory(tmp_path, name):
    """The loader runs under a 1 GB address-space limit and exits cleanly with the message."""
    path = malformed.make(tmp_path, name)
    result = subprocess.run(
        [sys.executable, str(TESTS / "malformed.py"), str(path), "1024"],
        capture_output=True,
        text=True,
        cwd=TESTS,
        env={**os.environ, "PYTHONPATH": str(TESTS.parent), "OPENBLAS_NUM_THREADS": "1", "VERKOSTO_LANG": "en"},
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip(), result.stderr) == (1, malformed.CASES[name][1], "")


def test_hidden_first_sheet_is_skipped(tmp_path):
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "r.xlsx", {"Vanha": [["Henkilö"], ["x"]], "Jäsenyydet": SMALL})
    book = load_workbook(path)
    book["Vanha"].sheet_state = "hidden"
    book.save(path)
    assert len(load_roster(path).memberships) == 7


def test_merged_cells_take_the_top_left_value(tmp_path):
    from openpyxl import load_workbook

    rows = [r[:] for r in SMALL]
    rows[3][3] = None  # Bertta's group, merged with Aino's cell above
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows})
    book = load_workbook(path)
    book["Jäsenyydet"].merge_cells("D3:D4")
    book.save(path)
    m = load_roster(path).memberships
    assert list(m["group"])[1:3] == ["Eteläinen koordinaatioryhmä", "Eteläinen koordinaatioryhmä"]


def test_formulas_without_cached_values_are_named(tmp_path):
    rows = [r[:] for r in SMALL]
    rows[2][6] = '=UPPER("akaa")'
    rows[4][6] = "=A1"
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows})  # openpyxl stores no cached values
    roster = load_roster(path)
    assert [str(p) for p in roster.problems if p.key != "warning.person_two_organisations"] == [
        "r.xlsx, sheet Jäsenyydet: formulas without a saved value in G3, G5 are read as empty; "
        "open the file in Excel and save it"
    ]


def test_trailing_empty_rows_numbers_and_dates(tmp_path):
    import datetime as dt

    rows = [MEMBERSHIP_HEADER + ["Kausi"], ["Aino Aalto", "Kela", "Kela", 2024, "Paikallinen", "", 33100, "", "2024-2025"]]
    rows += [[None] * 9] * 5 + [["", "", "", "", "", "", "", "", ""]]
    rows.append([None] * 12)
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows})
    m = load_roster(path).memberships
    assert len(m) == 1
    assert (m.loc[0, "group"], m.loc[0, "municipality"]) == ("2024", "33100")
    rows[1][0] = dt.date(2024, 8, 1)
    m = load_roster(write_xlsx(tmp_path / "d.xlsx", {"Jäsenyydet": rows})).memberships
    assert m.loc[0, "person"] == "2024-08-01"


def test_control_characters_removed_with_a_warning(tmp_path):
    rows = [r[:] for r in SMALL]
    rows[1][0] = "Aino\x1b Aalto\x07"
    rows[5][1] = "\tMLL Akaa"
    path = write_csv(tmp_path / "r.csv", rows)
    roster = load_roster(path)
    assert "Aino Aalto" in set(roster.memberships["person"])
    assert "MLL Akaa" in set(roster.memberships["organisation"])
    assert [str(p) for p in roster.problems if p.key != "warning.person_two_organisations"] == [
        "r.csv, row 2, column Henkilö (A): control characters removed",
        "r.csv, row 6, column Organisaatio (B): control characters removed",
    ]


NAMES = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(NAMES, min_size=8, max_size=8), min_size=1, max_size=4), sep=st.sampled_from([";", ","]))
def test_any_unicode_roster_loads_or_gives_our_error(tmp_path, cells, sep):
    """Arbitrary text in every cell: the loader returns a roster or raises RosterError, nothing else."""
    path = tmp_path / "h.csv"
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow(MEMBERSHIP_HEADER)
        writer.writerows(cells)
    try:
        roster = load_roster(path)
    except RosterError as err:
        assert "\n" not in str(err) and str(err).startswith("h.csv")
        return
    assert roster.memberships["person"].map(lambda s: s == s.strip() and s != "").all()
    assert validate_roster(path) == roster.problems


@pytest.mark.parametrize("name", sorted(malformed.CASES))
def test_malformed_file_through_the_cli(tmp_path, monkeypatch, name):
    """One line on stderr, exit 1, no traceback, and no output file."""
    from typer.testing import CliRunner

    from cli import app

    monkeypatch.chdir(tmp_path)
    path = malformed.make(tmp_path, name)
    for command in (["map", path.name], ["report", path.name], ["metrics", path.name, "--format", "csv"]):
        result = CliRunner(env={"VERKOSTO_LANG": "en"}).invoke(app, command)
        assert (result.exit_code, result.output) == (1, f"Error: {malformed.CASES[name][1]}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
