"""The service map: the Services sheet (format v1.1), its vocabulary, and the gaps, overlaps and
collaboration opportunities of a hand-built roster where every finding is known (tests/rosters.py)."""

import json

import pytest
from rosters import SERVICE_HEADER, SERVICES_ROSTER, SERVICES_VOCABULARY, write_xlsx
from typer.testing import CliRunner

from cli import app
from verkosto import analyse
from verkosto.i18n import language
from verkosto.load import load_roster, validate_roster
from verkosto.servicemap import findings_words, service_tables, summary
from verkosto.services import VocabularyError, load_vocabulary

runner = CliRunner()

GAPS = [
    {"municipality": "Akaa", "task": "meeting_places", "client_group": "expecting"},
    {"municipality": "Urjala", "task": "meeting_places", "client_group": "expecting"},
    {"municipality": "Urjala", "task": "meeting_places", "client_group": "infants"},
]
OVERLAPS = [
    {"municipality": "Akaa", "task": "meeting_places", "client_group": "infants", "form": "open_activity",
     "level": "universal", "organisations": ["Akaan seurakunta", "MLL Akaa"]},
]
OPPORTUNITIES = [
    {"municipality": "Akaa", "task": "separation", "client_group": "infants",
     "organisations": ["Akaan kaupunki", "Ensikoti ry"]},
    {"municipality": "Valkeakoski", "task": "meeting_places", "client_group": "expecting",
     "organisations": ["Perhepalvelu Oy", "Valkeakosken kaupunki"]},
]


@pytest.fixture
def vocabulary(tmp_path):
    path = tmp_path / "palvelut.toml"
    path.write_text(SERVICES_VOCABULARY, encoding="utf-8")
    return path


@pytest.fixture
def roster(tmp_path):
    return write_xlsx(tmp_path / "palvelut.xlsx", SERVICES_ROSTER)


@pytest.fixture
def services(roster, vocabulary):
    return analyse(roster, services_vocabulary=vocabulary).services


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# ------------------------------------------------------------------------- reading


def test_services_sheet_reads_canonical_values(roster, vocabulary):
    services = load_roster(roster, services_vocabulary=vocabulary).services
    assert list(services["service"]) == [
        "Perhekahvila", "Vauvakerho", "Erokahvila", "Eroneuvonta", "Vauvaryhmä", "Chat", "Doulatoiminta"
    ]
    row = services.set_index("service")
    assert row.loc["Vauvakerho", "tasks"] == ("meeting_places",)  # an alias, lower case
    assert row.loc["Vauvaryhmä", "client_groups"] == ("infants", "expecting")  # two, separated by ';'
    assert row.loc["Erokahvila", "municipalities"] == ("Akaa", "Urjala", "Valkeakoski")  # kaikki
    assert row.loc["Eroneuvonta", "municipalities"] == ("Akaa",)  # empty: the organisation's
    assert (row.loc["Vauvakerho", "level"], row.loc["Vauvakerho", "form"]) == ("universal", "open_activity")
    assert (row.loc["Chat", "level"], row.loc["Chat", "form"]) == ("", "digital")
    assert row.loc["Doulatoiminta", "sector"] == "business"  # a new organisation with its sector


def test_a_roster_without_services_has_an_empty_services_table(tmp_path):
    from rosters import SMALL, write_csv

    roster = load_roster(write_csv(tmp_path / "r.csv", SMALL))
    assert list(roster.services.columns)[:2] == ["service", "organisation"] and len(roster.services) == 0


BAD_ROWS = [
    ["Kahvila", "MLL Akaa", "", "Kohtaamispaiikat", "Vauvaperheet", "Akaa", "", "", ""],
    ["Kahvila", "MLL Akaa", "", "Kohtaamispaikat", "Vauvaperheet; Teinit", "Akaa", "", "", ""],
    ["Kahvila", "MLL Akaa", "", "", "Vauvaperheet", "Akaa", "", "", ""],
    ["Kahvila", "MLL Akaa", "", "Kohtaamispaikat", "Vauvaperheet", "Akaa", "Universal level", "Vertaistukiryhmät", ""],
    ["Kahvila", "MLL Aka", "", "Kohtaamispaikat", "Vauvaperheet", "Akaa", "", "", ""],
    ["Kahvila", "Ensikoti ry", "", "Kohtaamispaikat", "Vauvaperheet", "", "", "", ""],
    ["Kahvila", "MLL Akaa", "", "Kohtaamispaikat", "Vauvaperheet", "Akaa; Valkeakosk", "", "", ""],
    ["", "MLL Akaa", "", "Kohtaamispaikat", "Vauvaperheet", "Akaa", "", "", ""],
]

BAD_LINES = {
    "en": [
        "bad.xlsx, sheet Palvelut, row 2, column Tehtävä (D): unknown task 'Kohtaamispaiikat'; did you mean 'Kohtaamispaikat'? Allowed values: Kohtaamispaikat, Eroauttaminen",
        "bad.xlsx, sheet Palvelut, row 3, column Asiakasryhmä (E): unknown client group 'Teinit'; Allowed values: Vauvaperheet, Odottavat perheet",
        "bad.xlsx, sheet Palvelut, row 4, column Tehtävä (D): empty cell; write the family-centre task (separate several with ;)",
        "bad.xlsx, sheet Palvelut, row 5, column Taso (G): unknown service level 'Universal level'; did you mean 'Universaali'? Allowed values: Universaali, Perustaso, Erityistaso",
        "bad.xlsx, sheet Palvelut, row 5, column Muoto (H): unknown form of service 'Vertaistukiryhmät'; did you mean 'Vertaistuki'? Allowed values: Avoin toiminta, Vertaistuki, Varhainen tuki, Palvelu, Neuvonta, Digitaalinen palvelu",
        "bad.xlsx, sheet Palvelut, row 6, column Organisaatio (B): 'MLL Aka' is not an organisation of the roster; did you mean 'MLL Akaa'? For a new organisation write its sector",
        "bad.xlsx, sheet Palvelut, row 7, column Kunta (F): no municipality for the service, and organisation 'Ensikoti ry' has none; write the municipality, several separated by ; or 'all'",
        "bad.xlsx, sheet Palvelut, row 8, column Kunta (F): unknown municipality 'Valkeakosk'; did you mean 'Valkeakoski'?",
        "bad.xlsx, sheet Palvelut, row 9, column Palvelu (A): empty cell; write the service's name or delete the row",
    ],
    "fi": [
        "bad.xlsx, taulukko Palvelut, rivi 2, sarake Tehtävä (D): tuntematon tehtävä 'Kohtaamispaiikat'; tarkoititko 'Kohtaamispaikat'? Sallitut arvot: Kohtaamispaikat, Eroauttaminen",
        "bad.xlsx, taulukko Palvelut, rivi 3, sarake Asiakasryhmä (E): tuntematon asiakasryhmä 'Teinit'; sallitut arvot: Vauvaperheet, Odottavat perheet",
        "bad.xlsx, taulukko Palvelut, rivi 4, sarake Tehtävä (D): tyhjä solu; kirjoita perhekeskuksen tehtävä (useampi erotetaan merkillä ;)",
        "bad.xlsx, taulukko Palvelut, rivi 5, sarake Taso (G): tuntematon palvelun taso 'Universal level'; tarkoititko 'Universaali'? Sallitut arvot: Universaali, Perustaso, Erityistaso",
        "bad.xlsx, taulukko Palvelut, rivi 5, sarake Muoto (H): tuntematon palvelun muoto 'Vertaistukiryhmät'; tarkoititko 'Vertaistuki'? Sallitut arvot: Avoin toiminta, Vertaistuki, Varhainen tuki, Palvelu, Neuvonta, Digitaalinen palvelu",
        "bad.xlsx, taulukko Palvelut, rivi 6, sarake Organisaatio (B): 'MLL Aka' ei ole luettelon organisaatio; tarkoititko 'MLL Akaa'? Uudelle organisaatiolle kirjoita sektori",
        "bad.xlsx, taulukko Palvelut, rivi 7, sarake Kunta (F): palvelulta puuttuu kunta, eikä organisaatiolla 'Ensikoti ry' ole kuntaa; kirjoita kunta, useampi erotettuna merkillä ; tai 'kaikki'",
        "bad.xlsx, taulukko Palvelut, rivi 8, sarake Kunta (F): tuntematon kunta 'Valkeakosk'; tarkoititko 'Valkeakoski'?",
        "bad.xlsx, taulukko Palvelut, rivi 9, sarake Palvelu (A): tyhjä solu; kirjoita palvelun nimi tai poista rivi",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_bad_service_rows_give_one_exact_line_each(tmp_path, vocabulary, lang):
    path = write_xlsx(tmp_path / "bad.xlsx", dict(SERVICES_ROSTER, Palvelut=[SERVICE_HEADER, *BAD_ROWS]))
    with language(lang):
        assert [str(p) for p in validate_roster(path, services_vocabulary=vocabulary)] == BAD_LINES[lang]


def test_the_cli_shows_the_first_bad_service_row_and_exits_1(tmp_path, vocabulary):
    path = write_xlsx(tmp_path / "bad.xlsx", dict(SERVICES_ROSTER, Palvelut=[SERVICE_HEADER, *BAD_ROWS]))
    result = run("services", path, "--services-vocabulary", vocabulary, "--lang", "en")
    assert result.exit_code == 1
    assert result.output == f"Error: {BAD_LINES['en'][0]}\n"


def test_the_shipped_vocabulary_reads_the_national_tasks(tmp_path):
    vocabulary = load_vocabulary()
    assert list(vocabulary.tasks) == [
        "promotion", "early_support", "meeting_places", "parenting", "separation", "violence", "diversity"
    ]
    assert list(vocabulary.client_groups) == [
        "expecting", "infants", "under_school", "school_age", "youth", "parents", "special_support", "multicultural"
    ]
    assert vocabulary.aliases("task")["neuvola"] == "promotion"


def test_a_bad_vocabulary_is_one_line(tmp_path, english):
    path = tmp_path / "v.toml"
    path.write_text('[task.a]\nfi = "A"\nen = "A"\n[client_group.b]\nfi = "B"\nen = "B"\n[not_applicable]\na = ["c"]\n')
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(path)
    assert str(info.value) == f"{path}: [not_applicable]: unknown task 'a' or client group 'c'"


# ------------------------------------------------------------------------ analysis


def test_every_gap_overlap_and_opportunity_is_found(services):
    assert services.to_dict() == {"gaps": GAPS, "overlaps": OVERLAPS, "opportunities": OPPORTUNITIES}


def test_the_matrix_overall_per_municipality_and_per_region(services):
    assert services.matrix().to_dict(orient="index") == {
        "meeting_places": {"infants": 4, "expecting": 2},
        "separation": {"infants": 2, "expecting": 0},
    }
    assert services.matrix(municipality="Urjala").to_dict(orient="index") == {
        "meeting_places": {"infants": 0, "expecting": 0},
        "separation": {"infants": 1, "expecting": 0},
    }
    assert services.matrix(region="Eteläinen", what="organisations").loc["separation", "infants"] == (
        "Akaan kaupunki", "Ensikoti ry"
    )
    assert services.matrix(municipality="Valkeakoski", what="services").loc["meeting_places", "expecting"] == (
        "Doulatoiminta", "Vauvaryhmä"
    )
    assert list(services.municipalities.itertuples(index=False, name=None)) == [
        ("Akaa", "Eteläinen"), ("Urjala", "Läntinen"), ("Valkeakoski", "Eteläinen")
    ]
    cell = services.cells.set_index(["municipality", "task", "client_group"]).loc[("Urjala", "separation", "expecting")]
    assert (bool(cell["applicable"]), cell["count"]) == (False, 0)  # not applicable: never a gap


def test_findings_in_words_in_both_languages(services):
    with language("fi"):
        assert summary(services) == "3 katvealuetta, 1 päällekkäisyyttä, 2 yhteistyömahdollisuutta"
        rows = findings_words(services).to_dict(orient="records")
    assert rows[0] == {"finding": "Katvealue", "municipality": "Akaa", "task": "Kohtaamispaikat",
                       "client_group": "Odottavat perheet", "form": "", "level": "", "organisations": ()}
    assert rows[3]["finding"] == "Päällekkäisyys" and (rows[3]["form"], rows[3]["level"]) == ("Avoin toiminta", "Universaali")
    assert rows[4]["finding"] == "Yhteistyömahdollisuus" and rows[4]["task"] == "Eroauttaminen"
    with language("en"):
        assert summary(services) == "3 gaps, 1 overlaps, 2 collaboration opportunities"
        rows = findings_words(services).to_dict(orient="records")
    assert [r["finding"] for r in rows] == ["Gap"] * 3 + ["Overlap"] + ["Collaboration opportunity"] * 2
    assert rows[2]["client_group"] == "Families with infants"
    assert (rows[3]["form"], rows[3]["level"]) == ("Open activity", "Universal")
    matrix = service_tables(services, "en")["service_matrix"]
    assert matrix.index.name == "Task \\ Client group" and list(matrix.columns) == ["Families with infants", "Expecting families"]


# ----------------------------------------------------------------------------- CLI


def test_cli_json_prints_the_findings(roster, vocabulary):
    result = run("services", roster, "--services-vocabulary", vocabulary, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"gaps": GAPS, "overlaps": OVERLAPS, "opportunities": OPPORTUNITIES}


def test_cli_csv_and_xlsx(roster, vocabulary, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "havainnot.csv"
    assert run("services", roster, "--services-vocabulary", vocabulary, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "finding,municipality,task,client_group,form,level,organisations",
        "gap,Akaa,meeting_places,expecting,,,",
        "gap,Urjala,meeting_places,expecting,,,",
        "gap,Urjala,meeting_places,infants,,,",
        'overlap,Akaa,meeting_places,infants,open_activity,universal,"Akaan seurakunta, MLL Akaa"',
        'opportunity,Akaa,separation,infants,,,"Akaan kaupunki, Ensikoti ry"',
        'opportunity,Valkeakoski,meeting_places,expecting,,,"Perhepalvelu Oy, Valkeakosken kaupunki"',
    ]
    book_path = tmp_path / "palvelukartta.xlsx"
    assert run("services", roster, "--services-vocabulary", vocabulary, "-o", book_path, "--lang", "en").exit_code == 0
    book = load_workbook(book_path)
    assert book.sheetnames == ["Services", "Service map", "Service gaps", "Overlaps", "Collaboration opportunities"]
    assert [[c.value for c in row] for row in book["Service map"].iter_rows()] == [
        ["Task \\ Client group", "Families with infants", "Expecting families"],
        ["Meeting places", 4, 2],
        ["Separation help", 2, 0],
    ]


def test_report_adds_the_service_sheets(roster, vocabulary, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "raportti.xlsx"
    assert run("report", roster, "--services-vocabulary", vocabulary, "-o", out).exit_code == 0
    assert load_workbook(out).sheetnames[-5:] == [
        "Palvelut", "Palvelukartta", "Palveluiden katvealueet", "Päällekkäisyydet", "Yhteistyömahdollisuudet"
    ]


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_the_matrix_image_is_the_same_bytes_each_time(roster, vocabulary, tmp_path, suffix):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    for out in (first, second):
        assert run("services", roster, "--services-vocabulary", vocabulary, "-o", out, "--lang", "en").exit_code == 0
    assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 1000
    if suffix == ".svg":
        svg = first.read_text(encoding="utf-8")
        assert "Service map" in svg and "gap in 2 municipalities" in svg  # meeting places × expecting


def test_an_unknown_suffix_is_one_line(roster, vocabulary, tmp_path):
    result = run("services", roster, "--services-vocabulary", vocabulary, "-o", tmp_path / "x.docx", "--lang", "en")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'x.docx'}: cannot write the service map with the suffix '.docx'; "
        "use one of .html, .xlsx, .csv, .png, .svg, .pdf\n"
    )


def test_validate_reads_the_services_sheet_with_a_countys_vocabulary(tmp_path, vocabulary):
    row = ["Eroryhmä", "MLL Akaa", "", "Separation help", "Vauvaperheet", "Akaa", "", "", ""]
    path = write_xlsx(tmp_path / "oma.xlsx", dict(SERVICES_ROSTER, Palvelut=[SERVICE_HEADER, row]))
    assert run("validate", path, "--services-vocabulary", vocabulary, "--lang", "en").exit_code == 0
    refused = run("validate", path, "--lang", "en")  # 'Separation help' is a name of the county's own list only
    assert refused.exit_code == 1
    assert refused.output.splitlines()[0].startswith(
        "error: oma.xlsx, sheet Palvelut, row 2, column Tehtävä (D): unknown task 'Separation help'"
    )
