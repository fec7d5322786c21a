"""Rosters as planners really send them, second round: each gets one true line, through the library and the CLI.

Errors: one line on stderr, exit 1, no traceback, nothing written. Warnings: listed by
`validate` and printed by every command. Finnish lines for a few, English for the rest.
"""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from rosters import MEMBERSHIP_HEADER, SMALL, write_csv, write_xlsx
from verkosto.errors import RosterError
from verkosto.i18n import language
from verkosto.load import load_roster, validate_roster

FI = CliRunner(env={"VERKOSTO_LANG": "fi"})
EN = CliRunner(env={"VERKOSTO_LANG": "en"})


def error_line(path, lang="en") -> str:
    with pytest.raises(RosterError) as info:
        load_roster(path)
    return info.value.render(lang)


def cli_error(runner, tmp_path, *args):
    """Run a command in an empty folder: its stderr's last line, exit code, and that nothing was written."""
    os.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert set(tmp_path.iterdir()) == before, "something was written"
    return result.exit_code, result.stderr.splitlines()[-1] if result.stderr else ""


@pytest.fixture(autouse=True)
def _back(monkeypatch):
    monkeypatch.chdir(Path.cwd())


# --------------------------------------------------------------------- messages that tell the truth


def test_excel_lock_file(tmp_path):
    write_xlsx(tmp_path / "luettelo.xlsx", {"Jäsenyydet": SMALL})
    lock = tmp_path / "~$luettelo.xlsx"
    lock.write_bytes(b"\x0bMatti Meik\x00" + b" " * 150)
    assert error_line(lock, "fi") == (
        "~$luettelo.xlsx: tämä on Excelin lukitustiedosto, jonka Excel tekee auki olevan työkirjan viereen, eikä "
        "siinä ole luetteloa; valitse varsinainen tiedosto 'luettelo.xlsx' (ja sulje se ensin Excelissä, jos "
        "tallensit muutoksia)"
    )
    (tmp_path / "luettelo.xlsx").unlink()
    assert cli_error(EN, tmp_path, "map", lock.name) == (
        1,
        "Error: ~$luettelo.xlsx: this is Excel's lock file, made next to a workbook that is open in Excel, and holds "
        "no roster; close the workbook in Excel or pick the real file",
    )


def test_a_folder_given_as_the_roster(tmp_path):
    assert cli_error(FI, tmp_path, "map", ".") == (
        1, "Virhe: .: on kansio eikä tiedosto; anna luettelotiedoston polku, esimerkiksi kansio/luettelo.xlsx")
    assert error_line(tmp_path) == f"{tmp_path}: is a folder, not a file; give the path of the roster file, for example folder/roster.xlsx"


def test_not_found_keeps_the_folder(tmp_path):
    assert cli_error(EN, tmp_path, "report", "kaudet/2024/luettelo.xlsx") == (
        1, "Error: kaudet/2024/luettelo.xlsx: file not found; check the path")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
@pytest.mark.parametrize("sep", ["\t", ";"])
def test_utf16_csv_is_read_like_the_others(tmp_path, encoding, sep):
    """Excel's "Unicode text" is UTF-16 LE with a byte-order mark, tab-separated; BE and ';' too."""
    text = "\r\n".join(sep.join(row) for row in SMALL) + "\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "luettelo.txt"
    path.write_bytes(data)
    expected = load_roster(write_csv(tmp_path / "r.csv", SMALL)).memberships
    assert load_roster(path).memberships.equals(expected)


def test_workbook_with_collaboration_but_no_membership_sheet(tmp_path):
    rows = [r[:] for r in SMALL]
    collaboration = [["Lähde", "Kohde"], ["Aino Aalto", "Bertta Berg"], ["Akaan kaupunki", "MLL Akaa"]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenet": rows, "Yhteistyö": collaboration})
    problems = validate_roster(path)
    assert [p.render("en") for p in problems] == [
        "r.xlsx: no membership sheet 'Jäsenyydet' (Memberships) found, so the persons of the collaboration sheet "
        "are unknown; sheets found: Jäsenet, Yhteistyö. Name the sheet of persons' group memberships 'Jäsenyydet'"
    ]
    assert cli_error(FI, tmp_path, "map", path.name) == (
        1,
        "Virhe: r.xlsx: työkirjassa ei ole jäsenyystaulukkoa 'Jäsenyydet', joten Yhteistyö-taulukon henkilöitä ei "
        "tunneta; työkirjan taulukot: Jäsenet, Yhteistyö. Nimeä henkilöiden ryhmäjäsenyydet sisältävä taulukko "
        "'Jäsenyydet'",
    )


def test_a_shell_pattern_that_matched_several_files(tmp_path):
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        write_xlsx(tmp_path / name, {"Jäsenyydet": SMALL})
    assert cli_error(EN, tmp_path, "map", "a.xlsx", "b.xlsx", "c.xlsx") == (
        2,
        "Error: 3 files were given (a.xlsx, b.xlsx, c.xlsx), but a command reads one roster at a time; give one "
        "file (the shell expands a pattern such as *.xlsx to every matching file), or run the command for each file",
    )
    assert cli_error(FI, tmp_path, "validate", "a.xlsx", "b.xlsx") == (
        2,
        "Virhe: annettiin 2 tiedostoa (a.xlsx, b.xlsx), mutta komento lukee yhden luettelon kerrallaan; anna yksi "
        "tiedosto (komentotulkki laajentaa esimerkiksi *.xlsx:n kaikiksi kansion tiedostoiksi), tai aja komento "
        "kullekin erikseen",
    )
