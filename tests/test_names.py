"""Names as planners write them: spelling variants are one name with a warning, near-duplicates are asked about."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rosters import MEMBERSHIP_HEADER, SMALL, write_csv, write_xlsx

from verkosto.load import load_roster, validate_roster
from verkosto.names import name_key, near_duplicates

GROUPS_HEADER = ["Ryhmä", "Taso", "Kunta"]


def _warnings(roster, key=None):
    return [str(p) for p in roster.problems if key is None or p.key == key]


def test_name_key_folds_typing_only():
    assert name_key("Akaa – ohjausryhmä") == name_key("Akaa - ohjausryhmä") == name_key("AKAA—OHJAUSRYHMÄ")
    assert name_key("Mäkelä") == name_key("Makela")
    assert name_key("”MLL” Akaa") == name_key("MLL Akaa")
    assert name_key("Akaan ohjausryhmä") != name_key("Akan ohjausryhmä")


def test_near_duplicates_one_edit_or_reordered_words_but_not_numbers():
    names = {
        1: "Akaan ohjausryhmä",
        2: "Akaan ohjausryhma",  # one name already (accents): not paired
        3: "Akaan ohjausrymä",  # one letter missing
        4: "Ohjausryhmä Akaan",  # the same words reordered
        5: "Työryhmä 1",
        6: "Työryhmä 2",
        7: "MLL Eura",
        8: "MLL Aura",  # one letter apart in a short word: two municipalities
    }
    assert near_duplicates(names) == [(1, 3), (1, 4), (2, 3), (2, 4)]
    assert near_duplicates(names, words=False) == [(1, 3), (2, 3)]


def test_near_duplicates_within_a_relation_only():
    names = {1: "Anna Virtanen", 2: "Anna Virtamen", 3: "Anna Virtasen"}
    assert near_duplicates(names, related={1: "Kela", 2: "Kela", 3: "MLL"}) == [(1, 2)]


def test_near_duplicates_is_linear_in_the_number_of_names():
    """30,000 invented names in well under a second: no comparison of every pair (4.5·10⁸ pairs)."""
    import random

    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyzäö"
    names = {i: "".join(rng.choice(letters) for _ in range(8)) + " " + "".join(rng.choice(letters) for _ in range(9))
             for i in range(30_000)}
    start = time.process_time()
    near_duplicates(names)
    assert time.process_time() - start < 3.0


def _two_spellings(tmp_path, second: str, *, groups_sheet: bool = True):
    rows = [r[:] for r in SMALL]
    rows[1][3] = rows[3][3] = "Akaa – ohjausryhmä"
    rows[5][3] = second
    sheets = {"Jäsenyydet": rows}
    if groups_sheet:
        sheets["Ryhmät"] = [GROUPS_HEADER, ["Akaa – ohjausryhmä", "Paikallinen", "Akaa"],
                           ["Eteläinen koordinaatioryhmä", "Alueellinen", ""],
                           ["Valkeakosken ohjausryhmä", "Paikallinen", "Valkeakoski"]]
    return write_xlsx(tmp_path / "r.xlsx", sheets)


def test_group_spelled_with_another_dash_is_one_group_with_a_finnish_warning(tmp_path):
    roster = load_roster(_two_spellings(tmp_path, "Akaa - ohjausryhmä"))
    assert set(roster.groups["group"]) == {"Akaa – ohjausryhmä", "Eteläinen koordinaatioryhmä", "Valkeakosken ohjausryhmä"}
    assert (roster.memberships["group"] == "Akaa – ohjausryhmä").sum() == 3
    assert _warnings(roster, "warning.same_group") == [
        "r.xlsx, taulukko Jäsenyydet, rivi 6, sarake Ryhmä (D): ryhmän nimi 'Akaa - ohjausryhmä' on kirjoitettu "
        "toisin kuin 'Akaa – ohjausryhmä' (taulukko Ryhmät, rivi 2); ne luetaan samaksi ryhmäksi. "
        "Yhtenäistä kirjoitusasu"
    ]


@pytest.mark.usefixtures("english")
def test_group_one_letter_apart_is_asked_about_and_missing_from_groups_sheet(tmp_path):
    roster = load_roster(_two_spellings(tmp_path, "Akaa - ohjausrymä"))
    assert "Akaa - ohjausrymä" in set(roster.groups["group"])  # kept apart, never merged silently
    assert _warnings(roster, "warning.group_not_listed") == [
        "r.xlsx, sheet Jäsenyydet, row 6, column Ryhmä (D): group 'Akaa - ohjausrymä' is not in the Ryhmät sheet; "
        "its tier and details are taken from this row. Add the group to Ryhmät or correct the spelling"
    ]
    assert _warnings(roster, "warning.similar_group") == [
        "r.xlsx, sheet Jäsenyydet, row 6: group 'Akaa - ohjausrymä' resembles group 'Akaa – ohjausryhmä' "
        "(sheet Ryhmät, row 2): is it the same group? They are kept apart; if it is one group, spell its name "
        "the same way in both rows"
    ]


@pytest.mark.usefixtures("english")
def test_organisation_missing_from_its_sheet_and_spelled_two_ways(tmp_path):
    rows = [r[:] for r in SMALL]
    rows[5][1] = "mll akaa"
    organisations = [["Organisaatio", "Sektori"], ["Akaan kaupunki", "Kunta"], ["MLL Akaa", "Järjestö"]]
    roster = load_roster(write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows, "Organisaatiot": organisations}))
    assert set(roster.organisations["organisation"]) == {"Akaan kaupunki", "MLL Akaa", "Akaan seurakunta"}
    assert _warnings(roster, "warning.same_organisation") == [
        "r.xlsx, sheet Jäsenyydet, row 6, column Organisaatio (B): organisation name 'mll akaa' is spelled "
        "differently from 'MLL Akaa' (sheet Organisaatiot, row 3); they are read as one organisation. "
        "Make the spellings the same"
    ]
    assert _warnings(roster, "warning.organisation_not_listed") == [
        "r.xlsx, sheet Jäsenyydet, row 4, column Organisaatio (B): organisation 'Akaan seurakunta' is not in the "
        "Organisaatiot sheet; its sector is taken from this row. Add the organisation to Organisaatiot or correct "
        "the spelling"
    ]


@pytest.mark.usefixtures("english")
def test_person_under_two_organisations_names_both_rows(tmp_path):
    roster = load_roster(write_csv(tmp_path / "r.csv", SMALL))
    assert _warnings(roster) == [
        "r.csv, row 8, column Organisaatio (B): 'Daniel Dahl' represents 'MLL Akaa' in this row and "
        "'Akaan kaupunki' in row 7. That can be right (one person working for two organisations); if they are "
        "two persons of the same name, tell them apart in the Email column"
    ]


@pytest.mark.usefixtures("english")
def test_person_spellings_merged_and_near_names_asked_about(tmp_path):
    rows = [MEMBERSHIP_HEADER,
            ["Anna-Liisa Virta", "Kela", "Kela", "Akaan ohjausryhmä", "Paikallinen", "", "Akaa", ""],
            ["Anna–Liisa Virta", "Kela", "Kela", "Eteläinen koordinaatioryhmä", "Alueellinen", "", "Akaa", ""],
            ["Anna-Liisa Virtanen", "Kela", "Kela", "Eteläinen koordinaatioryhmä", "Alueellinen", "", "Akaa", ""],
            ["Anna-Liisa Virtan", "Kela", "Kela", "Akaan ohjausryhmä", "Paikallinen", "", "Akaa", ""]]
    roster = load_roster(write_csv(tmp_path / "r.csv", rows))
    assert roster.memberships["person_id"].nunique() == 3
    assert _warnings(roster) == [
        "r.csv, row 3, column Henkilö (A): person's name 'Anna–Liisa Virta' is spelled differently from "
        "'Anna-Liisa Virta' (row 2); they are read as one person. Make the spellings the same",
        "r.csv, row 5, column Henkilö (A): person 'Anna-Liisa Virtan' resembles 'Anna-Liisa Virta' of the same "
        "organisation (Kela, row 2): is it the same person? They are kept apart; if it is one person, spell the "
        "name the same way",
    ]


@pytest.mark.usefixtures("english")
def test_tier_contradicting_the_groups_sheet_is_a_warning(tmp_path):
    rows = [r[:] for r in SMALL]
    rows[4][4] = "Maakunnallinen"
    groups = [GROUPS_HEADER, ["Eteläinen koordinaatioryhmä", "Alueellinen", ""]]
    roster = load_roster(write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows, "Ryhmät": groups}))
    assert _warnings(roster, "warning.tier_differs") == [
        "r.xlsx, sheet Jäsenyydet, row 5, column Taso (E): tier 'Maakunnallinen' differs from the tier of group "
        "'Eteläinen koordinaatioryhmä' in the Groups sheet ('Alueellinen'), which is used"
    ]


def test_validate_lists_the_spelling_warning_in_finnish(tmp_path):
    from typer.testing import CliRunner

    from cli import app

    path = _two_spellings(tmp_path, "Akaa - ohjausryhmä")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "varoitus: r.xlsx, taulukko Jäsenyydet, rivi 6, sarake Ryhmä (D): ryhmän nimi 'Akaa - ohjausryhmä' on "
        "kirjoitettu toisin kuin 'Akaa – ohjausryhmä' (taulukko Ryhmät, rivi 2); ne luetaan samaksi ryhmäksi. "
        "Yhtenäistä kirjoitusasu"
    )
    assert result.stdout.splitlines()[-1] == "r.xlsx: 0 virhettä, 2 varoitusta"


DASHES = st.sampled_from(["-", "–", "—", "‐", " - ", " – ", "-", " -", "- "])
ACCENTED = {"a": "aáàä", "o": "oóö", "e": "eéè", "u": "uüú"}


@st.composite
def spelling_variant(draw, base="Akaan perhekeskus - ohjausryhmä"):
    drop = draw(st.integers(-8, len("ohjausryhmä") - 1))  # a letter of the long word left out, or none
    if drop >= 0:
        start = base.index("ohjausryhmä") + drop
        base = base[:start] + base[start + 1 :]
    out = []
    for ch in base:
        if ch == "-":
            out.append(draw(DASHES))
            continue
        if ch == " ":
            out.append(draw(st.sampled_from([" ", "  ", "\u00a0"])))
            continue
        if ch.lower() in ACCENTED and draw(st.integers(0, 4)) == 0:
            ch = draw(st.sampled_from(ACCENTED[ch.lower()]))
        out.append(ch.upper() if draw(st.booleans()) else ch)
    return "".join(out)


@settings(max_examples=40, deadline=None)
@given(variant=spelling_variant())
def test_spelling_variants_of_a_group_are_merged_or_warned_never_split_silently(tmp_path_factory, variant):
    base = "Akaan perhekeskus - ohjausryhmä"
    rows = [MEMBERSHIP_HEADER,
            ["Aino Aalto", "Akaan kaupunki", "Kunta", base, "Paikallinen", "", "Akaa", ""],
            ["Bertta Berg", "Akaan seurakunta", "Seurakunta", variant, "Paikallinen", "", "Akaa", ""]]
    path = write_csv(tmp_path_factory.mktemp("v") / "r.csv", rows)
    roster = load_roster(path)
    groups = set(roster.groups["group"])
    keys = {p.key for p in roster.problems}
    if len(groups) == 1:
        assert variant == base or "warning.same_group" in keys
    else:
        assert "warning.similar_group" in keys, (variant, groups)


def test_national_roster_near_duplicate_search_stays_fast(tmp_path):
    """The national benchmark roster (15,000 persons, 30,000 rows) is read with every check in a few CPU-s."""
    from benchmarks.national import generate, write_workbook

    path = write_workbook(tmp_path / "national.xlsx", generate(persons=15_000, counties=21, seed=1))
    start = time.process_time()
    problems = validate_roster(path)
    elapsed = time.process_time() - start
    # The generator repeats 18 collaboration rows word for word; nothing else is suspicious
    # (Eura and Aura, Vaasa and Vaala are municipalities, not typos).
    assert {p.key for p in problems} == {"warning.collaboration_twice"} and len(problems) == 18
    assert elapsed < 6.0
