"""Rosters as planners really send them, second round: each gets one true line, through the library and the CLI.

Errors: one line on stderr, exit 1, no traceback, nothing written. Warnings: listed by
`validate` and printed by every command. Finnish lines for a few, English for the rest.
"""

import os
from pathlib import Path

import pytest
from rosters import SMALL, write_csv, write_xlsx
from typer.testing import CliRunner

from cli import app
from verkosto.errors import RosterError
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


# ------------------------------------------------------------------------------ tracebacks


def test_a_csv_field_beyond_the_csv_limit(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Henkilö;Organisaatio;Sektori;Ryhmä;Taso\nAino;Kela;Kela;R;Paikallinen\n\"x" + "y" * 200_000 + "\n",
                    encoding="utf-8")
    assert error_line(path, "fi") == (
        "r.csv, rivi 3: rivillä on kenttä, jossa on yli 131 072 merkkiä; luultavasti lainausmerkki (\") jäi "
        "sulkematta ja loppu tiedostosta luettiin yhdeksi soluksi. Korjaa rivi tai tallenna luettelo uudelleen "
        "CSV-muodossa"
    )
    assert cli_error(EN, tmp_path, "map", "r.csv") == (
        1,
        "Error: r.csv, row 3: a field of this row is longer than 131,072 characters; most likely a quote (\") was "
        "opened and never closed, so the rest of the file became one cell. Correct the row or export the roster "
        "again as CSV",
    )


def test_an_output_into_a_read_only_folder(tmp_path, monkeypatch):
    """Tests run as root, who may write anywhere: the folder's refusal is the one the OS gives."""
    import tempfile

    roster = write_csv(tmp_path / "r.csv", SMALL)
    out = tmp_path / "out"
    out.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    for args in (["map", roster, "-o", "out/kartta.html"], ["report", roster, "-o", "out/r.xlsx"],
                 ["metrics", roster, "-o", "out/m.csv"]):
        assert cli_error(EN, tmp_path, *args) == (
            1,
            "Error: out/" + Path(args[-1]).name + ": no permission to write in the folder 'out'; choose another "
            "output path with -o, for example your own Documents folder",
        )
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("weights", [["inf", "1"], ["1e308", "1e308"], ["Infinity", "2"]])
def test_infinite_or_overflowing_weights_are_refused(tmp_path, weights):
    collaboration = [["Lähde", "Kohde", "Vahvuus"], ["Akaan kaupunki", "MLL Akaa", weights[0]],
                     ["Akaan seurakunta", "MLL Akaa", weights[1]]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": SMALL, "Yhteistyö": collaboration}, text=True)
    lines = [p.render("en") for p in validate_roster(path) if p.severity == "error"]
    too_large = [w for w in weights if w != "1" and w != "2"]
    assert lines == [
        f"r.xlsx, sheet Yhteistyö, row {row}, column Vahvuus (C): strength '{w}' is too large; the largest value "
        "allowed is 1,000,000, and a small number (such as 1–5) is enough"
        for row, w in zip((2, 3), weights) if w in too_large
    ]
    assert cli_error(EN, tmp_path, "metrics", path.name, "--weighted", "--network", "organisations") == (1, "Error: " + lines[0])


# ------------------------------------------------------------------------- e-mail addresses


@pytest.mark.parametrize(
    "sheet, column, header",
    [("Jäsenyydet", 0, "Henkilö (A)"), ("Jäsenyydet", 1, "Organisaatio (B)"), ("Jäsenyydet", 3, "Ryhmä (D)"),
     ("Jäsenyydet", 6, "Kunta (G)"), ("Jäsenyydet", 8, "Alue (I)")],
)
def test_an_email_address_outside_the_email_column_is_refused(tmp_path, sheet, column, header):
    rows = [r[:] + [""] for r in SMALL]
    rows[0][8] = "Alue"
    rows[3][column] = "bertta.berg@seurakunta.example"
    path = write_csv(tmp_path / "r.csv", rows)
    name = header.split(" ")[0]
    expected = (f"r.csv, row 4, column {header}: the cell holds an e-mail address; addresses belong only in the "
                f"Email column (Sähköposti), which is never shown. Write a name in this column ({name}) and move the "
                "address to the Email column")
    lines = [p.render("en") for p in validate_roster(path)]
    assert lines[0] == expected and not any("bertta.berg@" in line for line in lines)
    assert cli_error(EN, tmp_path, "map", "r.csv") == (1, "Error: " + expected)


def test_an_email_address_in_the_groups_and_collaboration_sheets_is_refused_in_finnish(tmp_path):
    groups = [["Ryhmä", "Taso", "Alue"], ["Akaan ohjausryhmä", "Paikallinen", "info@akaa.example"]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": SMALL, "Ryhmät": groups})
    assert error_line(path, "fi") == (
        "r.xlsx, taulukko Ryhmät, rivi 2, sarake Alue (C): solussa on sähköpostiosoite; osoitteet kuuluvat vain "
        "Sähköposti-sarakkeeseen, jota ei näytetä missään. Kirjoita tähän sarakkeeseen (Alue) nimi ja siirrä "
        "osoite Sähköposti-sarakkeeseen"
    )


def test_text_with_an_at_sign_that_is_no_address_is_kept(tmp_path):
    rows = [r[:] for r in SMALL]
    rows[5][1] = "MLL @ Akaa"
    assert "MLL @ Akaa" in set(load_roster(write_csv(tmp_path / "r.csv", rows)).memberships["organisation"])


# ------------------------------------------------------------------------ structure errors


def _groups_roster(tmp_path, parents: dict[str, str]):
    groups = [["Ryhmä", "Taso", "Yläryhmä"],
              ["Akaan ohjausryhmä", "Paikallinen", parents.get("Akaan ohjausryhmä", "")],
              ["Eteläinen koordinaatioryhmä", "Alueellinen", parents.get("Eteläinen koordinaatioryhmä", "")],
              ["Valkeakosken ohjausryhmä", "Paikallinen", parents.get("Valkeakosken ohjausryhmä", "")]]
    return write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": SMALL, "Ryhmät": groups})


def _lines(path, key, lang="en"):
    return [p.render(lang) for p in validate_roster(path) if p.key == key]


def test_a_group_that_is_its_own_parent(tmp_path):
    path = _groups_roster(tmp_path, {"Akaan ohjausryhmä": "akaan ohjausryhmä"})
    assert _lines(path, "warning.own_parent", "fi") == [
        "r.xlsx, taulukko Ryhmät, rivi 2, sarake Yläryhmä (C): ryhmä 'Akaan ohjausryhmä' on merkitty oman itsensä "
        "yläryhmäksi; merkintä jätetään huomiotta. Kirjoita Yläryhmä-sarakkeeseen ryhmä, jolle 'Akaan "
        "ohjausryhmä' raportoi, tai jätä solu tyhjäksi"
    ]
    assert load_roster(path).groups.set_index("group").loc["Akaan ohjausryhmä", "parent"] == ""


def test_a_parent_group_cycle(tmp_path):
    path = _groups_roster(tmp_path, {"Akaan ohjausryhmä": "Eteläinen koordinaatioryhmä",
                                     "Eteläinen koordinaatioryhmä": "Valkeakosken ohjausryhmä",
                                     "Valkeakosken ohjausryhmä": "Akaan ohjausryhmä"})
    expected = ("r.xlsx, sheet Ryhmät, row 4, column Yläryhmä (C): the parent groups go round in a circle (Akaan "
                "ohjausryhmä, Eteläinen koordinaatioryhmä, Valkeakosken ohjausryhmä, Akaan ohjausryhmä); the parent "
                "of 'Valkeakosken ohjausryhmä' is ignored. Correct the Parent group column so that the top group "
                "reports to no one")
    assert _lines(path, "warning.parent_cycle") == [expected]
    parents = load_roster(path).groups.set_index("group")["parent"].to_dict()
    assert parents == {"Akaan ohjausryhmä": "Eteläinen koordinaatioryhmä",
                       "Eteläinen koordinaatioryhmä": "Valkeakosken ohjausryhmä", "Valkeakosken ohjausryhmä": ""}
    os.chdir(tmp_path)
    result = EN.invoke(app, ["map", "r.xlsx", "-o", "k.html"])
    assert result.exit_code == 0 and f"warning: {expected}" in result.stderr.splitlines()


def test_a_duplicated_header_column(tmp_path):
    rows = [r[:] + [r[0] + " (toinen)" if i else "Henkilö"] for i, r in enumerate(SMALL)]
    path = write_csv(tmp_path / "r.csv", rows)
    assert _lines(path, "warning.column_twice") == [
        "r.csv, row 1: column 'Henkilö' appears twice in the header row (columns A and I); only column A is read. "
        "Delete or rename the other"
    ]
    result = EN.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("warning: r.csv, row 1: column 'Henkilö'")


def test_identical_collaboration_rows_count_once(tmp_path):
    collaboration = [["Lähde", "Kohde", "Vahvuus"], ["Akaan kaupunki", "MLL Akaa", 2], ["Akaan kaupunki", "MLL Akaa", 2]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": SMALL, "Yhteistyö": collaboration})
    roster = load_roster(path)
    assert roster.collaborations["weight"].tolist() == [2.0]
    assert _lines(path, "warning.collaboration_twice") == [
        "r.xlsx, sheet Yhteistyö, row 3: the same collaboration is already in row 2; it is counted once"
    ]


# --- scale: a roster beyond what can be mapped is refused in one line --------------------


@pytest.mark.parametrize("command", ["map", "metrics", "report", "coverage"])
def test_a_roster_with_too_many_persons_is_refused_before_the_graph_is_built(tmp_path, monkeypatch, command):
    import verkosto.graph

    path = write_csv(tmp_path / "r.csv", SMALL)
    monkeypatch.setattr(verkosto.graph, "MAX_PERSONS", 3)
    output = tmp_path / "out" / {"map": "k.html", "metrics": "m.csv", "report": "r.xlsx", "coverage": "c.csv"}[command]
    output.parent.mkdir()
    code, line = cli_error(EN, output.parent, command, path, "-o", output.name)
    assert (code, line) == (1, "Error: r.csv: the roster has 4 persons; verkosto maps and measures at most 3: split "
                               "the roster (by wellbeing services county, for example); verkosto validate checks "
                               "the whole roster")


def test_groups_too_large_for_the_persons_network_are_refused_with_the_largest_named(tmp_path, monkeypatch):
    import verkosto.graph
    from verkosto import analyse
    from verkosto.errors import VerkostoError

    path = write_csv(tmp_path / "r.csv", SMALL)
    monkeypatch.setattr(verkosto.graph, "MAX_PERSON_TIES", 5)  # two groups of three: up to 3 + 3 ties
    with pytest.raises(VerkostoError) as info:
        _ = analyse(path).graph
    assert info.value.render("fi") == (
        "r.csv: henkilöverkossa olisi jopa 6 yhteyttä, enintään 5 on mahdollista; suurimmassa ryhmässä Akaan "
        "ohjausryhmä on 3 jäsentä: tarkista, ettei ryhmän nimi toistu väärillä riveillä, tai jaa ryhmä")
    assert not [p for p in validate_roster(path) if p.severity == "error"]  # validate builds no graph
    monkeypatch.setattr(verkosto.graph, "MAX_PERSON_TIES", 6)
    assert analyse(path).graph.number_of_nodes() == 4 + 3 + 3 + 2  # persons, organisations, groups, tiers


def test_the_limits_are_grouped_by_thousands_as_finnish_writes_them(tmp_path):
    from verkosto.errors import VerkostoError

    err = VerkostoError("roster.too_many_persons", file="r.csv", persons=500_000, limit=50_000)
    assert err.render("fi").startswith("r.csv: luettelossa on 500 000 henkilöä; verkosto piirtää ja laskee enintään 50 000:")
    assert err.render("en").startswith("r.csv: the roster has 500,000 persons; verkosto maps and measures at most 50,000:")
