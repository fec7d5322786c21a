"""`verkosto indicators`, `indicators fetch` and `--indicators` on `report`, driven as a user runs them."""

import json
import urllib.error
from pathlib import Path

import openpyxl
import pytest
from test_sotkanet import Recorded
from typer.testing import CliRunner

from cli import app, build_app
from verkosto import sotkanet
from verkosto.indicators import example_indicators_path, read_indicators

runner = CliRunner(env={"VERKOSTO_LANG": "en"})
EXAMPLE = example_indicators_path()
NOTICE = "No roster given: using the fictitious example pirkanmaa_2025-2026.xlsx.\n"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])



def test_fetch_writes_the_file_from_recorded_answers(in_tmp, monkeypatch):
    recorded = Recorded()
    monkeypatch.setattr(sotkanet, "_get", recorded)
    result = run("indicators", "fetch", "--indicator", 9101, "--indicator", 9102, "--years", "2022-2024")
    assert result.exit_code == 0, result.output
    # The example roster's 23 municipalities; the recorded regions list knows three of them.
    assert result.stdout == (
        "indikaattorit.json: 2 indicators, 3 municipalities, 17 values "
        "(Source: Sotkanet, Terveyden ja hyvinvoinnin laitos (THL). Licence: CC BY 4.0.)\n"
    )
    assert result.stderr == NOTICE
    assert len(recorded.asked) == 5 and all(timeout == 30.0 for _, timeout in recorded.asked)
    data = read_indicators(in_tmp / "indikaattorit.json")
    assert sorted(set(data.values["municipality"])) == ["Akaa", "Tampere", "Valkeakoski"]
    assert json.loads((in_tmp / "indikaattorit.json").read_text(encoding="utf-8"))["licence"] == "CC BY 4.0"


def test_fetch_offline_is_one_line_and_exit_1(in_tmp, monkeypatch):
    def offline(url, *, timeout):
        raise urllib.error.URLError(OSError(101, "Network is unreachable"))

    monkeypatch.setattr(sotkanet, "_get", offline)
    result = run("indicators", "fetch", "--indicator", 9101, "--years", "2023", "--lang", "fi")
    assert result.exit_code == 1
    assert result.stderr == NOTICE.replace(
        "No roster given: using the fictitious example", "Luetteloa ei annettu: käytetään kuvitteellista esimerkkiaineistoa"
    ) + (
        "Virhe: Sotkanetiin (sotkanet.fi) ei saada yhteyttä (Network is unreachable); tarkista verkkoyhteys tai "
        "lue valmis tiedosto valitsimella --indicators\n"
    )
    assert not (in_tmp / "indikaattorit.json").exists()


def test_the_groups_options_may_come_before_fetch(in_tmp, monkeypatch):
    monkeypatch.setattr(sotkanet, "_get", Recorded())
    result = CliRunner().invoke(app, ["indicators", "--lang", "en", "-q", "fetch", "--indicator", "9101",
                                      "--years", "2024", "-o", "i.json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("i.json: 1 indicators, 3 municipalities, 3 values (Source: Sotkanet")


def test_indicators_table_names_source_and_licence():
    result = run("indicators", "--indicators", EXAMPLE, "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Live births per 1,000 residents (invented)"
    assert lines[-1] == (
        "Source: keksitty esimerkki (ei THL:n tietoa) / invented example (not THL data). Licence: CC0 1.0."
    )
    assert sum("│ Tampere " in line for line in lines) == 3


def test_indicators_csv_is_canonical():
    result = run("indicators", "--indicators", EXAMPLE, "--format", "csv")
    header = result.stdout.splitlines()[0]
    assert header == "indicator,municipality,municipality_code,first_year,latest_year,value,change,trend,county_median,difference"
    assert len(result.stdout.splitlines()) == 1 + 3 * 23


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_indicators_chart(in_tmp, suffix, magic):
    result = run("indicators", "--indicators", EXAMPLE, "--municipality", "Tampere", "-o", f"kuva{suffix}")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"kuva{suffix} (Source: keksitty esimerkki")
    assert (in_tmp / f"kuva{suffix}").read_bytes().startswith(magic)
    if suffix == ".svg":
        svg = (in_tmp / "kuva.svg").read_text(encoding="utf-8")
        assert "Live births per 1,000 residents (invented)" in svg and "Licence: CC0 1.0." in svg


def test_indicators_without_a_file_says_what_to_do():
    result = run("indicators")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: give the indicator file with --indicators FILE, or fetch one first: verkosto indicators fetch\n"
    )


def test_an_invalid_indicator_file_is_one_line(in_tmp):
    (in_tmp / "i.csv").write_text("Kunta;Indikaattori;Vuosi;Arvo\nTampere;A;2024;paljon\n", encoding="utf-8")
    result = run("indicators", "--indicators", "i.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: i.csv, row 2, column Arvo: 'paljon' is not a number; write the value in digits (e.g. 12.3) or "
        "leave the cell empty when there is none"
    )


def test_report_gets_an_indicator_sheet(in_tmp):
    result = run("report", "--indicators", EXAMPLE, "-o", "r.xlsx", "--lang", "fi")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(in_tmp / "r.xlsx")
    sheet = book["Kuntaindikaattorit"]
    rows = list(sheet.values)
    assert rows[0][:4] == ("Indikaattori", "Tunnus", "Kunta", "Kuntanumero")
    assert len(rows) == 1 + 3 * 23 + 1
    assert rows[-1][0] == "Lähde: keksitty esimerkki (ei THL:n tietoa) / invented example (not THL data). Lisenssi: CC0 1.0."
    about = dict(list(book["Tiedot"].values)[1:])
    assert about.get("Kuntaindikaattorit", "").startswith("Lähde: keksitty esimerkki")


def test_indicators_help_is_translated():
    for lang, usage, command in (("fi", "Käyttö:", "Komennot"), ("en", "Usage:", "Commands")):
        result = CliRunner().invoke(build_app(lang), ["indicators", "--help"])
        assert result.exit_code == 0 and usage in result.output and command in result.output and "fetch" in result.output
        result = CliRunner().invoke(build_app(lang), ["indicators", "fetch", "--help"])
        assert result.exit_code == 0 and usage in result.output and "--indicator" in result.output
        assert "[roster] fetch" not in result.output and "<bool>" not in result.output
    assert "Sotkanetista" in CliRunner().invoke(build_app("fi"), ["indicators", "fetch", "--help"]).output


def test_examples_in_the_readme_name_existing_files():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "--indicators data/indikaattorit_esimerkki.json" in readme
    assert EXAMPLE.name == "indikaattorit_esimerkki.json"
