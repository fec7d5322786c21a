"""Errors and warnings as a planner reads them: Finnish by default, English when chosen.

The other test modules assert the English lines; this one asserts the exact Finnish default
of a representative set, and that a message is put into words only when it is shown.
"""

import pickle
import re
from pathlib import Path

import malformed
import pytest
from rosters import MEMBERSHIP_HEADER, SMALL, write_csv, write_xlsx

from verkosto.coverage import RulesError, load_rules
from verkosto.errors import Message, OutputError, Problem, RosterError, VerkostoError
from verkosto.i18n import catalogue, language, text
from verkosto.load import load_roster, validate_roster
from verkosto.output import write_atomic
from verkosto.privacy import read_key
from verkosto.schema import VOCABULARIES

pytestmark = pytest.mark.usefixtures("default_language")

PACKAGE = Path(__file__).resolve().parent.parent / "verkosto"


def error_of(path) -> str:
    with pytest.raises(RosterError) as info:
        load_roster(path)
    return str(info.value)


# ------------------------------------------------------------------- the Finnish default


def test_missing_required_column(tmp_path):
    path = write_xlsx(tmp_path / "luettelo.xlsx", {"Jäsenyydet": [r[:3] + r[4:] for r in SMALL]})
    assert error_of(path) == (
        "luettelo.xlsx, taulukko Jäsenyydet, rivi 1, sarake Ryhmä: pakollinen sarake 'Ryhmä' puuttuu; "
        "lisää sarake, jonka otsikkona on 'Ryhmä' (tai 'Group')"
    )


def test_unknown_sector_with_a_suggestion(tmp_path):
    rows = [*SMALL[:3], ["Eero Esa", "MLL Akaa", "Jarjesto", "Akaan ohjausryhmä", "Paikallinen", "", "", ""]]
    path = write_xlsx(tmp_path / "luettelo.xlsx", {"Jäsenyydet": rows})
    assert error_of(path) == (
        "luettelo.xlsx, taulukko Jäsenyydet, rivi 4, sarake Sektori (C): tuntematon sektori 'Jarjesto'; "
        "tarkoititko 'Järjestö'? Sallitut arvot: Kunta, Hyvinvointialue, Seurakunta, Järjestö, Kela, "
        "Oppilaitos, Tutkimuslaitos, Yritys, Perheet ja asukkaat, Muu"
    )


def test_every_problem_of_a_roster(tmp_path):
    rows = [
        *SMALL[:2],
        ["", "Kela", "Kela", "G", "Paikallinen", "", "", ""],
        ["C", "Kela", "Kela", "G", "Paikallinen", "boss", "", ""],
    ]
    assert [str(p) for p in validate_roster(write_csv(tmp_path / "r.csv", rows))] == [
        "r.csv, rivi 3, sarake Henkilö (A): tyhjä solu; kirjoita henkilön nimi tai poista rivi",
        "r.csv, rivi 4, sarake Rooli (F): tuntematon rooli 'boss'; sallitut arvot: Puheenjohtaja, "
        "Varapuheenjohtaja, Jäsen, Varajäsen, Yhdyshenkilö, Sihteeri, Koordinaattori, Asiantuntija",
    ]


def test_file_not_found_names_the_path_as_given(tmp_path, monkeypatch):
    assert error_of(tmp_path / "luettelo.xlsx") == f"{tmp_path / 'luettelo.xlsx'}: tiedostoa ei löydy; tarkista polku"
    monkeypatch.chdir(tmp_path)
    assert error_of("kaudet/luettelo.xlsx") == "kaudet/luettelo.xlsx: tiedostoa ei löydy; tarkista polku"


@pytest.mark.parametrize(
    "name, line",
    [
        (
            "secret.xlsx",
            "secret.xlsx: tiedosto on salattu (salasanalla suojattu) työkirja tai vanha .xls-tiedosto; "
            "avaa se Excelissä tai LibreOfficessa ja tallenna se .xlsx-muodossa ilman salasanaa",
        ),
        (
            "noise.csv",
            "noise.csv: tiedosto ei ole CSV-tekstitiedosto (siinä on binääridataa); "
            "tallenna luettelo CSV (UTF-8) -muodossa",
        ),
        (
            "far.xlsx",  # thousands grouped with a space, as Finnish writes them
            "far.xlsx: taulukko Jäsenyydet ulottuu alueelle A1:XFD1048576 (1 048 576 riviä × 16 384 saraketta) "
            "ja on liian suuri luettavaksi; poista luettelon ulkopuoliset rivit ja sarakkeet ja tallenna uudelleen",
        ),
    ],
)
def test_files_that_are_not_rosters(tmp_path, name, line):
    assert error_of(malformed.make(tmp_path, name)) == line


def test_a_warning(tmp_path):
    rows = [
        MEMBERSHIP_HEADER,
        ["Aino Aalto", "Kela", "Kela", "G1", "Paikallinen", "", "", "aino@x.example"],
        ["Aino Rinne", "Kela", "Kela", "G2", "Paikallinen", "", "", "aino@x.example"],
    ]
    roster = load_roster(write_csv(tmp_path / "r.csv", rows))
    assert [str(p) for p in roster.problems] == [
        "r.csv, rivi 2, sarake Henkilö (A): samaa sähköpostiosoitetta käytetään eri nimillä "
        "(aino aalto, aino rinne); heidät käsitellään yhtenä henkilönä"
    ]
    assert text(f"problem.severity.{roster.problems[0].severity}") == "varoitus"


def test_output_in_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as info:
        write_atomic(Path("puuttuu") / "kartta.html", "<html>")
    assert str(info.value) == (
        "puuttuu/kartta.html: kansiota 'puuttuu' ei ole olemassa; luo kansio tai valitse toinen tallennuspaikka"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "rules, line",
    [
        (
            "[[rule]]\nid = 'x'\nkind = 'sectors'\nsectors = ['seurakunnta']\n",
            "säännöt.toml: sääntö 'x': tuntematon sektori 'seurakunnta' kohdassa 'sectors'; sallitut arvot: "
            "municipality, wellbeing_county, parish, ngo, kela, education, research, business, families, other",
        ),
        ("[[rule]]\nkind = 'sectors'\n", "säännöt.toml: sääntö 1: 'id' puuttuu; anna säännölle nimi, esim. id = \"local-sectors\""),
        ("", "säännöt.toml: tiedostossa ei ole sääntöjä; kirjoita jokainen sääntö [[rule]]-tauluksi"),
    ],
)
def test_rules_file_errors(tmp_path, monkeypatch, rules, line):
    monkeypatch.chdir(tmp_path)
    Path("säännöt.toml").write_text(rules, encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rules("säännöt.toml")
    assert str(info.value) == line


def test_short_key(tmp_path):
    (tmp_path / "avain.txt").write_text("lyhyt")
    with pytest.raises(VerkostoError) as info:
        read_key(tmp_path / "avain.txt")
    assert str(info.value) == "avain.txt: avain on liian lyhyt (5 tavua); käytä vähintään 16 satunnaista tavua"


# ------------------------------------------------------------------ rendered when shown


def test_a_problem_is_put_into_words_when_shown(tmp_path):
    rows = [*SMALL[:2], ["B", "Kela", "Kel", "G", "Paikallinen", "", "", ""]]
    (problem,) = validate_roster(write_csv(tmp_path / "r.csv", rows))
    where = (problem.severity, problem.file, problem.sheet, problem.row, problem.column)
    assert where == ("error", "r.csv", "", 3, "Sektori (C)")
    assert problem.key == "roster.unknown_value.suggest"
    assert problem.params == {
        "vocabulary": Message("vocabulary.sector"),
        "value": "Kel",
        "suggestion": "Kela",
        "allowed": tuple(VOCABULARIES["sector"][s][0] for s in VOCABULARIES["sector"]),
    }
    assert problem.message.startswith("tuntematon sektori 'Kel'; tarkoititko 'Kela'? Sallitut arvot: Kunta, ")
    assert text(f"problem.severity.{problem.severity}") == "virhe"
    with language("en"):
        assert str(problem).startswith("r.csv, row 3, column Sektori (C): unknown sector 'Kel'; did you mean 'Kela'? ")
        assert text(f"problem.severity.{problem.severity}") == "error"
    assert str(problem) == problem.render("fi") != problem.render("en")


def test_an_error_raised_in_one_language_is_shown_in_another(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RosterError) as info:
        load_roster("r.csv")
    err = info.value
    assert (err.key, err.file, [p.key for p in err.problems]) == ("file.not_found", "r.csv", ["file.not_found"])
    assert str(err) == "r.csv: tiedostoa ei löydy; tarkista polku"
    with language("en"):
        assert str(err) == "r.csv: file not found; check the path"
        assert err.message == "file not found; check the path"


def test_errors_survive_pickling(tmp_path):
    for err in (
        OutputError("output.is_folder", file="kartat"),
        RulesError("rules.duplicate_id", file="r.toml", rule="x"),
        RosterError(Problem("error", "r.csv", "file.empty")),
    ):
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is type(err) and str(copy) == str(err)


def test_a_text_that_is_not_a_key_is_shown_as_written():
    assert str(OutputError("the xlsx format needs an output file")) == "the xlsx format needs an output file"


def test_every_key_the_code_names_is_in_the_catalogue():
    families = "file|roster|warning|output|key|rules|problem|vocabulary"
    named = set()
    for source in PACKAGE.glob("*.py"):
        named |= set(re.findall(rf'"((?:{families})\.[a-z_.]+)"', source.read_text(encoding="utf-8")))
        for fix in re.findall(r'_required\([^()]*, "(\w+)"\)', source.read_text(encoding="utf-8")):
            named.add(f"roster.empty.{fix}")
    named |= {f"vocabulary.{name}" for name in VOCABULARIES}
    named |= {f"problem.severity.{severity}" for severity in ("error", "warning")}
    named = {key for key in named if not key.endswith(".toml")}
    assert len(named) > 70
    assert sorted(named - set(catalogue())) == []
