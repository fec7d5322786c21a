"""Pseudonyms: no person's name in any output; keyed pseudonyms are stable across seasons."""

import html
import json
import re

import pytest
from rosters import SMALL, write_csv
from typer.testing import CliRunner

from cli import app
from verkosto.errors import VerkostoError
from verkosto.example import example_path
from verkosto.load import load_roster
from verkosto.privacy import pseudonymize, read_key

runner = CliRunner()


def spellings(name: str) -> set[str]:
    """A name as it may stand in an output: raw, JSON-escaped, HTML-escaped."""
    return {name, json.dumps(name)[1:-1], html.escape(name)}


def names_in(text: str, names) -> list[str]:
    return sorted(n for n in names if any(s in text for s in spellings(n)))


@pytest.fixture(scope="module")
def names():
    """Every person's name in the example."""
    return set(load_roster(example_path()).memberships["person"])


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "avain.txt"
    path.write_text("0123456789abcdef0123456789abcdef\n")
    return path


def test_pseudonyms_replace_names_everywhere_in_the_roster():
    roster = pseudonymize(load_roster(example_path()))
    people = roster.memberships["person"]
    assert people.str.fullmatch(r"#\d+ · .+").all()
    assert people.nunique() == load_roster(example_path()).memberships["person_id"].nunique()
    persons = roster.collaborations[roster.collaborations["source_kind"] == "person"]["source"]
    assert len(persons) and persons.isin(set(people)).all()


def test_keyed_pseudonyms_are_stable_across_seasons(key_file):
    key = read_key(key_file)
    old = pseudonymize(load_roster(example_path("2023-2024")), key=key).memberships
    new = pseudonymize(load_roster(example_path("2024-2025")), key=key).memberships
    plain_old = load_roster(example_path("2023-2024")).memberships
    plain_new = load_roster(example_path("2024-2025")).memberships
    def code(frame):
        return dict(zip(frame["person"].str.extract(r"#(\w+) ")[0], frame["organisation"]))

    stayed = set(plain_old["person_id"]) & set(plain_new["person_id"])
    assert len(stayed) > 300
    # the same person gets the same code in both seasons, and codes are not numbers in order
    old_by_id = dict(zip(plain_old["person_id"], old["person"]))
    new_by_id = dict(zip(plain_new["person_id"], new["person"]))
    same = [p for p in stayed if old_by_id[p].split(" · ")[0] == new_by_id[p].split(" · ")[0]]
    assert len(same) == len(stayed)
    assert all(re.fullmatch(r"[A-Z2-7]{6}", c) for c in code(old))


def test_different_keys_give_different_pseudonyms(tmp_path):
    roster = load_roster(example_path())
    (tmp_path / "a").write_text("a" * 32)
    (tmp_path / "b").write_text("b" * 32)
    a = pseudonymize(roster, key=read_key(tmp_path / "a")).memberships["person"]
    b = pseudonymize(roster, key=read_key(tmp_path / "b")).memberships["person"]
    assert (a != b).mean() > 0.99


def test_short_key_is_refused(tmp_path, english):
    (tmp_path / "k").write_text("short")
    with pytest.raises(VerkostoError, match="^k: the key is too short \\(5 bytes\\); use at least 16 random bytes$"):
        read_key(tmp_path / "k")


def test_pseudonymised_map_holds_no_name(tmp_path, names, key_file):
    for args in (["--pseudonymize"], ["--key", str(key_file)]):
        out = tmp_path / "kartta.html"
        result = runner.invoke(app, ["map", "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert names_in(page, names) == []
        assert "0123456789abcdef" not in page
        assert re.search(r"#([0-9]+|[A-Z2-7]{6}) (·|\\u00b7) ", page)


def xlsx_text(path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize(
    "command, suffix",
    [
        (["metrics", "--format", "csv"], ".csv"),
        (["metrics", "--network", "collaboration", "--format", "json"], ".json"),
        (["metrics", "--format", "xlsx"], ".xlsx"),
        (["coverage", "--format", "json"], ".json"),
        (["report"], ".xlsx"),
        (["map"], ".svg"),
    ],
)
def test_pseudonymised_outputs_hold_no_name(tmp_path, names, command, suffix):
    roster = []
    if suffix == ".svg":  # the example is too large for person labels in an image; a small roster has them
        roster = [str(write_csv(tmp_path / "r.csv", SMALL))]
        names = {row[0] for row in SMALL[1:]}
    out = tmp_path / f"out{suffix}"
    result = runner.invoke(app, [*command, *roster, "-o", str(out), "--pseudonymize", "--quiet"])
    assert result.exit_code == 0, result.output
    text = xlsx_text(out) if suffix == ".xlsx" else out.read_text(encoding="utf-8")
    assert names_in(text, names) == []
    assert re.search(r"#[0-9]+ · ", text) or command[0] == "coverage"
    plain = tmp_path / f"plain{suffix}"
    assert runner.invoke(app, [*command, *roster, "-o", str(plain)]).exit_code == 0
    shown = xlsx_text(plain) if suffix == ".xlsx" else plain.read_text(encoding="utf-8")
    assert names_in(shown, names) or command[0] == "coverage"  # the check would see a name


def test_warnings_quoting_names_are_dropped(tmp_path, english):
    rows = [
        ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso", "Sähköposti"],
        ["Aino Aalto", "Kela", "Kela", "G1", "Paikallinen", "a@x.example"],
        ["Aino Rinne", "Kela", "Kela", "G2", "Paikallinen", "a@x.example"],
        ["Bo\x07 Berg", "Kela", "Kela", "G2", "Paikallinen", ""],
    ]
    roster = load_roster(write_csv(tmp_path / "r.csv", rows))
    assert len(roster.problems) == 2
    assert [str(p) for p in pseudonymize(roster).problems] == ["r.csv, row 4, column Henkilö (A): control characters removed"]


# ------------------------------------------------------------------------- levels


def test_pseudonym_levels(tmp_path):
    """SMALL: Aino (Akaan kaupunki), Bertta (Akaan seurakunta), Cecilia (MLL Akaa), Daniel (Akaan kaupunki
    in one row, MLL Akaa in the other: the first of his most frequent)."""
    roster = load_roster(write_csv(tmp_path / "r.csv", SMALL))
    def persons(level):
        return list(dict.fromkeys(pseudonymize(roster, level=level).memberships["person"]))

    assert persons("organisation") == ["#1 · Akaan kaupunki", "#2 · Akaan seurakunta", "#3 · MLL Akaa", "#4 · Akaan kaupunki"]
    assert persons("sector") == ["#1 · municipality", "#2 · parish", "#3 · ngo", "#4 · municipality"]
    assert persons("none") == ["#1", "#2", "#3", "#4"]
    with pytest.raises(ValueError, match="unknown pseudonym level 'name'"):
        pseudonymize(roster, level="name")


def test_identifiable_pseudonyms_are_counted_by_municipality(tmp_path):
    from verkosto.privacy import identifiable

    # Everyone's municipality is Akaa: Daniel's empty Kunta is his organisation's (Akaan kaupunki: Akaa),
    # which ties with Valkeakoski and comes first. In Akaa, Akaan kaupunki has Aino and Daniel; the parish
    # (Bertta) and MLL (Cecilia) one each: 2 identify, by organisation and by sector alike.
    m = load_roster(write_csv(tmp_path / "r.csv", SMALL)).memberships
    assert (identifiable(m), identifiable(m, "sector"), identifiable(m, "none")) == (2, 2, 0)
    rows = SMALL + [["Eeva Eskola", "Akaan seurakunta", "Seurakunta", "Akaan ohjausryhmä", "Paikallinen", "", "Akaa", ""],
                    ["Frans Forsman", "Akaan kaupunginkirjasto", "Kunta", "Akaan ohjausryhmä", "Paikallinen", "", "Akaa", ""]]
    m = load_roster(write_csv(tmp_path / "r2.csv", rows)).memberships
    # Eeva joins the parish: Bertta no longer alone. Frans is alone in the library, whose sector
    # (municipality) he shares with Aino and Daniel; MLL's Cecilia is alone on both levels.
    assert (identifiable(m), identifiable(m, "sector")) == (2, 1)


def test_identifying_pseudonyms_are_warned_about_in_the_terminal_and_the_report(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)
    path = write_csv(tmp_path / "r.csv", SMALL)
    result = CliRunner(env={"VERKOSTO_LANG": "en"}).invoke(app, ["report", str(path), "--pseudonymize", "-o", "r.xlsx"])
    warning = ("r.csv: 2 of 4 pseudonyms are the only one of their organisation in their municipality, so each points "
               "at one person; choose a coarser level (--pseudonym-level sector or none) before sharing the outputs")
    assert result.exit_code == 0 and result.stderr == f"warning: {warning}\n"  # Daniel's own warning quotes his name
    about = dict(load_workbook(tmp_path / "r.xlsx")["About"].iter_rows(values_only=True))
    assert about["Pseudonym level"] == "number and organisation (#17 · Kela)"
    assert about["Pseudonyms that identify"] == warning.partition(": ")[2]
    result = runner.invoke(app, ["report", str(path), "--pseudonym-level", "none", "-o", "r.xlsx"])
    assert result.exit_code == 0 and result.stderr == ""
    about = dict(load_workbook(tmp_path / "r.xlsx")["Tiedot"].iter_rows(values_only=True))
    assert about["Tunnisteen taso"] == "pelkkä numero (#17)"
    assert about["Yksilöivät tunnisteet"] == (
        "ei yhtään: mikään tunniste ei ole kuntansa ainoa oman organisaationsa tai sektorinsa edustaja")
    sector = runner.invoke(app, ["metrics", str(path), "--pseudonym-level", "sector", "--format", "csv"])
    assert sector.stderr == (
        "varoitus: r.csv: 2 tunnistetta 4:stä on kuntansa ainoa oman sektorinsa edustaja, joten tunniste osoittaa "
        "yhden henkilön; valitse karkeampi tunnistetaso (--pseudonym-level none) ennen kuin jaat tulokset\n")
    assert "#1 · municipality" in sector.stdout and "Aino" not in sector.stdout


def test_a_name_inside_a_group_name_is_refused_with_one_line(tmp_path, monkeypatch):
    rows = [r[:] for r in SMALL]
    rows[7][3] = "Daniel Dahlin työryhmä"  # the genitive of Dahl: the name would survive the pseudonyms
    rows[6][1] = "Cecilia Cajanderin tiimi"
    path = write_csv(tmp_path / "r.csv", rows)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["map", str(path), "--pseudonymize", "--lang", "en", "-o", "kartta.html"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        1,
        "Error: r.csv: the group name 'Daniel Dahlin työryhmä' holds a person's name, which would stay beside the "
        "pseudonyms (and 1 other names); rename the group in the roster before using --pseudonymize",
    )
    assert not (tmp_path / "kartta.html").exists()
    result = runner.invoke(app, ["map", str(path), "--pseudonymize", "-o", "kartta.html"])
    assert result.stderr.splitlines()[-1].startswith("Virhe: r.csv: ryhmän nimessä 'Daniel Dahlin työryhmä' on henkilön nimi")
    # Without pseudonyms the names are shown anyway: nothing to refuse.
    assert runner.invoke(app, ["map", str(path), "-o", "kartta.html"]).exit_code == 0


def test_names_inside_finds_inflected_surnames_and_nothing_in_the_example():
    from verkosto.privacy import names_inside

    for season in ("2023-2024", "2024-2025", "2025-2026"):
        assert names_inside(load_roster(example_path(season))) == []
