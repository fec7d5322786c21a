"""Reading and validating rosters: formats, normalisation, and one exact line per error.

The messages are asserted in English; tests/test_errors.py asserts the Finnish default.
"""

import pytest
from rosters import MEMBERSHIP_HEADER, SMALL, write_csv, write_ods, write_xlsx

from verkosto.errors import RosterError
from verkosto.load import load_roster, validate_roster

pytestmark = pytest.mark.usefixtures("english")

ALLOWED_SECTORS = (
    "Allowed values: Kunta, Hyvinvointialue, Seurakunta, Järjestö, Kela, Oppilaitos, "
    "Tutkimuslaitos, Yritys, Perheet ja asukkaat, Muu"
)


def error_of(path, **kwargs) -> str:
    with pytest.raises(RosterError) as info:
        load_roster(path, **kwargs)
    return str(info.value)


def test_small_csv_loads_canonical_values(tmp_path):
    roster = load_roster(write_csv(tmp_path / "r.csv", SMALL))
    m = roster.memberships
    assert len(m) == 7
    assert sorted(set(m["person"])) == ["Aino Aalto", "Bertta Berg", "Cecilia Cajander", "Daniel Dahl"]
    assert list(m["role"]) == ["chair", "member", "member", "contact", "member", "deputy", "member"]
    assert list(m["tier"]) == ["local", "regional", "local", "regional", "local", "regional", "local"]
    assert dict(zip(roster.organisations["organisation"], roster.organisations["sector"])) == {
        "Akaan kaupunki": "municipality",
        "Akaan seurakunta": "parish",
        "MLL Akaa": "ngo",
    }
    groups = roster.groups.set_index("group")
    assert groups.loc["Akaan ohjausryhmä", "group_type"] == "steering_group"
    assert groups.loc["Eteläinen koordinaatioryhmä", "group_type"] == "coordination_group"
    assert "email" not in m.columns and "aino@perhekeskus.example" not in m.to_string()
    assert roster.source == "r.csv"
    # Daniel Dahl sits for Akaan kaupunki and for MLL Akaa: said, and left as written.
    assert [p.key for p in roster.problems] == ["warning.person_two_organisations"]


@pytest.mark.parametrize(
    "sep, encoding",
    [(";", "utf-8"), (",", "utf-8"), (";", "utf-8-sig"), (",", "utf-8-sig"), (";", "cp1252"), (",", "cp1252")],
)
def test_csv_variants_read_the_same(tmp_path, sep, encoding):
    reference = load_roster(write_csv(tmp_path / "a.csv", SMALL)).memberships
    roster = load_roster(write_csv(tmp_path / "b.csv", SMALL, sep=sep, encoding=encoding))
    assert roster.memberships.equals(reference)


@pytest.mark.parametrize("suffix, writer", [(".xlsx", write_xlsx), (".xlsm", write_xlsx), (".ods", write_ods)])
def test_workbook_formats_read_the_same(tmp_path, suffix, writer):
    reference = load_roster(write_csv(tmp_path / "a.csv", SMALL)).memberships
    roster = load_roster(writer(tmp_path / f"r{suffix}", {"Jäsenyydet": SMALL}))
    assert roster.memberships.equals(reference)


def test_all_four_sheets_in_english(tmp_path):
    sheets = {
        "Memberships": [
            ["Person", "Organisation", "Group", "Role", "Email", "Season"],
            ["Aino Aalto", "Akaa City", "Akaa steering group", "Chair", "a@x.example", "2024-2025"],
            ["Bertta Berg", "Kela", "Southern coordination group", "contact person", "", "2024-2025"],
        ],
        "Groups": [
            ["Group", "Tier", "Type", "Region", "Municipality", "Parent group", "Meetings"],
            ["Southern coordination group", "Regional", "Coordination group", "South", "", "", 5],
            ["Akaa steering group", "local", "steering group", "South", "Akaa", "southern coordination group", "4"],
        ],
        "Organisations": [
            ["Organisation", "Sector", "Municipality", "Region"],
            ["Akaa City", "Municipality", "Akaa", "South"],
            ["Kela", "KELA", "", ""],
        ],
        "Collaboration": [["From", "To", "Type", "Weight"], ["Akaa City", "kela", "training", "2,5"], ["Aino Aalto", "Bertta Berg", "", ""]],
    }
    roster = load_roster(write_xlsx(tmp_path / "en.xlsx", sheets))
    assert roster.season == "2024-2025"
    groups = roster.groups.set_index("group")
    assert groups.loc["Akaa steering group", "parent"] == "Southern coordination group"
    assert groups.loc["Akaa steering group", "meetings"] == 4
    assert list(roster.memberships["role"]) == ["chair", "contact"]
    assert list(roster.memberships["region"]) == ["South", "South"]
    collab = roster.collaborations
    assert list(collab["source"]) == ["Akaa City", "Aino Aalto"]
    assert list(collab["target"]) == ["Kela", "Bertta Berg"]
    assert list(collab["target_kind"]) == ["organisation", "person"]
    assert list(collab["weight"]) == [2.5, 1.0]


def test_name_variants_merge_into_one_person(tmp_path):
    rows = [
        MEMBERSHIP_HEADER,
        ["Päivi Mäkelä", "Kela", "Kela", "G1", "Paikallinen", "", "", "paivi@kela.example"],
        ["Päivi\u00a0Mäkelä ", "Kela", "Kela", "G2", "Paikallinen", "", "", "PAIVI@kela.example"],
        ["Pa\u0308ivi Ma\u0308kela\u0308", "Kela", "Kela", "G3", "Paikallinen", "", "", ""],
        ["  päivi   mäkelä", "Kela", "Kela", "G4", "Paikallinen", "", "", ""],
    ]
    roster = load_roster(write_csv(tmp_path / "r.csv", rows))
    persons = roster.memberships.groupby("person_id")["group"].apply(list).to_dict()
    # rows 1-2 share an e-mail (case differs); rows 3-4 have none and merge by name
    assert persons == {"Päivi Mäkelä": ["G1", "G2"], "Päivi Mäkelä (2)": ["G3", "G4"]}


def test_same_email_different_names_is_a_warning(tmp_path):
    rows = [
        MEMBERSHIP_HEADER,
        ["Aino Aalto", "Kela", "Kela", "G1", "Paikallinen", "", "", "aino@x.example"],
        ["Aino Rinne", "Kela", "Kela", "G2", "Paikallinen", "", "", "aino@x.example"],
    ]
    roster = load_roster(write_csv(tmp_path / "r.csv", rows))
    assert roster.memberships["person_id"].nunique() == 1
    assert [str(p) for p in roster.problems] == [
        "r.csv, row 2, column Henkilö (A): one e-mail address is used with different names "
        "(aino aalto, aino rinne); they are treated as one person"
    ]


def test_swapped_name_order_is_reported_not_merged(tmp_path):
    rows = [
        MEMBERSHIP_HEADER,
        ["Aino Aalto", "Kela", "Kela", "G1", "Paikallinen", "", "", ""],
        ["Aalto Aino", "Kela", "Kela", "G2", "Paikallinen", "", "", ""],
    ]
    roster = load_roster(write_csv(tmp_path / "r.csv", rows))
    assert roster.memberships["person_id"].nunique() == 2
    assert [str(p) for p in roster.problems] == [
        "r.csv, row 3, column Henkilö (A): 'Aalto Aino' and 'Aino Aalto' may be the same person "
        "with the name order swapped; they are kept apart"
    ]


def test_title_rows_above_the_header(tmp_path):
    rows = [["Perhekeskuksen henkilöstöluettelo 2024-2025"], [], *SMALL]
    roster = load_roster(write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows}))
    assert len(roster.memberships) == 7


# ----------------------------------------------------------------------------- errors


def test_missing_group_column(tmp_path):
    rows = [r[:3] + r[4:] for r in SMALL]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows})
    assert error_of(path) == (
        "r.xlsx, sheet Jäsenyydet, row 1, column Ryhmä: required column 'Ryhmä' is missing; "
        "add a column headed 'Ryhmä' (or 'Group')"
    )


def test_unknown_sector_suggests_the_closest(tmp_path):
    rows = [*SMALL[:3], ["Eero Esa", "MLL Akaa", "Jarjesto", "Akaan ohjausryhmä", "Paikallinen", "", "", ""]]
    path = write_csv(tmp_path / "r.csv", rows)
    assert error_of(path) == (
        f"r.csv, row 4, column Sektori (C): unknown sector 'Jarjesto'; did you mean 'Järjestö'? {ALLOWED_SECTORS}"
    )


def test_unknown_role_and_tier(tmp_path):
    rows = [
        MEMBERSHIP_HEADER,
        ["A", "Kela", "Kela", "G", "paikalinen", "", "", ""],
        ["B", "Kela", "Kela", "H", "Paikallinen", "puheenjohtja", "", ""],
    ]
    problems = validate_roster(write_csv(tmp_path / "r.csv", rows))
    assert [str(p) for p in problems] == [
        "r.csv, row 2, column Taso (E): unknown tier 'paikalinen'; did you mean 'Paikallinen'? "
        "Allowed values: Maakunnallinen, Alueellinen, Paikallinen",
        "r.csv, row 3, column Rooli (F): unknown role 'puheenjohtja'; did you mean 'Puheenjohtaja'? "
        "Allowed values: Puheenjohtaja, Varapuheenjohtaja, Jäsen, Varajäsen, Yhdyshenkilö, Sihteeri, "
        "Koordinaattori, Asiantuntija",
    ]


def test_empty_required_cell(tmp_path):
    rows = [*SMALL[:2], ["Eero Esa", "", "Kunta", "Akaan ohjausryhmä", "Paikallinen", "", "", ""]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows})
    assert error_of(path) == (
        "r.xlsx, sheet Jäsenyydet, row 3, column Organisaatio (B): empty cell; "
        "write the organisation the person represents"
    )


def test_sector_required_unless_organisation_sheet_has_it(tmp_path):
    rows = [["Henkilö", "Organisaatio", "Ryhmä", "Taso"], ["A", "Kela", "G", "Paikallinen"]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows})
    assert error_of(path) == (
        "r.xlsx, sheet Jäsenyydet, row 2, column Sektori: no sector for organisation 'Kela'; "
        "write it here or add the organisation to the Organisaatiot sheet"
    )
    sheets = {"Jäsenyydet": rows, "Organisaatiot": [["Organisaatio", "Sektori"], ["kela", "Kela"]]}
    roster = load_roster(write_xlsx(tmp_path / "ok.xlsx", sheets))
    assert list(roster.memberships["sector"]) == ["kela"]
    assert list(roster.memberships["organisation"]) == ["kela"]  # spelled as in Organisaatiot


def test_validate_reports_every_problem(tmp_path):
    rows = [
        *SMALL[:2],
        ["B", "Kela", "Kel", "G", "Paikallinen", "", "", ""],
        ["", "Kela", "Kela", "G", "Paikallinen", "", "", ""],
        ["C", "Kela", "Kela", "G", "Paikallinen", "boss", "", ""],
    ]
    problems = validate_roster(write_csv(tmp_path / "r.csv", rows))
    assert [(p.severity, p.row, p.column) for p in problems] == [
        ("error", 3, "Sektori (C)"),
        ("error", 4, "Henkilö (A)"),
        ("error", 5, "Rooli (F)"),
    ]


def test_unknown_collaboration_partner(tmp_path):
    sheets = {
        "Jäsenyydet": SMALL,
        "Yhteistyö": [["Lähde", "Kohde", "Vahvuus"], ["Akaan kaupunki", "Akaan seurakunt", 2], ["MLL Akaa", "Kela", "x"]],
    }
    problems = validate_roster(write_xlsx(tmp_path / "r.xlsx", sheets))
    assert [str(p) for p in problems] == [
        "r.xlsx, sheet Yhteistyö, row 2, column Kohde (B): 'Akaan seurakunt' is not an organisation or "
        "person of the roster; did you mean 'Akaan seurakunta'?",
        "r.xlsx, sheet Yhteistyö, row 3, column Kohde (B): 'Kela' is not an organisation or person of "
        "the roster; add it to the Organisaatiot sheet",
        "r.xlsx, sheet Yhteistyö, row 3, column Vahvuus (C): 'x' is not a number ≥ 0; write a number "
        "or leave the cell empty",
    ]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.csv", b"", "empty.csv: the file is empty; export the roster again with its header row"),
        ("blank.csv", b" \r\n\r\n", "blank.csv: the file is empty; export the roster again with its header row"),
        (
            "binary.csv",
            bytes(range(256)) * 8,
            "binary.csv: is not a text CSV file (it contains binary data); save the roster as CSV (UTF-8)",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04 this is not a zip",
            "broken.xlsx: is a damaged .xlsx workbook (broken zip archive); save the roster again",
        ),
        ("r.pdf", b"%PDF-1.4", "r.pdf: unsupported file type '.pdf'; save the roster as .xlsx, .ods or .csv"),
    ],
)
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert error_of(path) == message


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.xlsx") == f"{tmp_path / 'nope.xlsx'}: file not found; check the path"


def test_workbook_without_a_roster_sheet(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", {"Taul1": [["a"]], "Taul2": [["b"]]})
    assert error_of(path) == (
        "r.xlsx: no sheet named 'Jäsenyydet' (Memberships) or 'Yhteistyö' (Collaboration); "
        "sheets found: Taul1, Taul2"
    )


def test_several_seasons_need_a_choice(tmp_path):
    rows = [
        ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso", "Kausi"],
        ["A", "Kela", "Kela", "G", "Paikallinen", "2023-2024"],
        ["A", "Kela", "Kela", "G", "Paikallinen", "2024-2025"],
    ]
    path = write_csv(tmp_path / "r.csv", rows)
    assert error_of(path) == (
        "r.csv: the roster holds several seasons (2023-2024, 2024-2025); choose one with --season"
    )
    roster = load_roster(path, season="2024-2025")
    assert roster.season == "2024-2025" and len(roster.memberships) == 1
