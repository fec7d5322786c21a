"""`verkosto metrics`, `coverage` and `report` driven as a user runs them, checked by value."""

import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from openpyxl import load_workbook
from rosters import MEMBERSHIP_HEADER, SMALL, write_xlsx
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def florentine(tmp_path):
    """Padgett's Florentine marriage network as a collaboration sheet."""
    F = nx.florentine_families_graph()
    sheets = {
        "Organisaatiot": [["Organisaatio", "Sektori"], *[[family, "Muu"] for family in sorted(F)]],
        "Yhteistyö": [["Lähde", "Kohde", "Tyyppi"], *[[u, v, "avioliitto"] for u, v in F.edges]],
    }
    return write_xlsx(tmp_path / "firenze.xlsx", sheets)


def test_medici_through_the_cli(florentine):
    result = run("metrics", florentine, "--network", "collaboration", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output)).set_index("label")
    assert table.index[0] == "Medici"  # sorted by betweenness
    assert round(table.loc["Medici", "betweenness"], 3) == 0.522
    assert table.loc["Medici", "degree"] == 6
    assert round(table.loc["Guadagni", "betweenness"], 3) == 0.255
    assert round(table.loc["Medici", "closeness"], 3) == 0.560


def test_metrics_json_and_xlsx(florentine, tmp_path):
    result = run("metrics", florentine, "--network", "collaboration", "--format", "json")
    rows = json.loads(result.output)
    assert rows[0]["node"] == "organisation:Medici" and rows[0]["degree"] == 6
    out = tmp_path / "keskeisyys.xlsx"
    assert run("metrics", florentine, "--network", "collaboration", "-o", out).exit_code == 0
    sheet = load_workbook(out)["collaboration"]
    assert [c.value for c in sheet[1]][:5] == ["Tunniste", "Nimi", "Laji", "Sektori", "Aste"]
    assert [c.value for c in sheet[2]][1:5] == ["Medici", "Organisaatio", "Muu", 6]


def test_metrics_table_in_the_terminal(florentine):
    result = run("metrics", florentine, "--network", "collaboration", "--top", "2", "--lang", "en")
    rows = [line for line in result.output.splitlines() if line.startswith("│")]
    assert len(rows) == 2
    assert "Medici" in rows[0] and "0.522" in rows[0]
    assert "Guadagni" in rows[1] and "0.255" in rows[1]


def test_metrics_xlsx_needs_an_output_file():
    result = run("metrics", "--format", "xlsx")
    assert (result.exit_code, result.output) == (1, "Virhe: xlsx-muoto tarvitsee tulostiedoston; lisää -o keskeisyys.xlsx\n")
    result = run("metrics", "--format", "xlsx", "--lang", "en")
    assert (result.exit_code, result.output) == (1, "Error: the xlsx format needs an output file; add -o keskeisyys.xlsx\n")


def test_coverage_json_strict_and_csv(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": SMALL})
    result = run("coverage", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    data = json.loads(result.stdout)  # stderr: Daniel Dahl sits for two organisations
    assert set(data) == {"matrices", "findings"}
    assert data["matrices"]["sector_tier"]["parish"] == {"regional": 1, "local": 1}
    local = [f for f in data["findings"] if f["rule"] == "local-sectors"]
    assert [(f["subject"], f["missing"]) for f in local] == [
        ("Akaan ohjausryhmä", ["wellbeing_county"]),
        ("Valkeakosken ohjausryhmä", ["municipality", "wellbeing_county", "parish"]),
    ]
    assert run("coverage", path, "--strict").exit_code == 3
    csv = run("coverage", path, "--format", "csv").stdout
    assert csv.startswith("rule,severity,node,subject,missing,params,message\n")  # the runner folds CRLF


def test_report_keeps_formula_like_names_as_text(tmp_path):
    hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+358401234567", "-x", "@x", "#N/A"]
    rows = [MEMBERSHIP_HEADER] + [
        [name, "Kela", "Kela", "Akaan ohjausryhmä", "Paikallinen", "Jäsen", "Akaa", ""] for name in hostile
    ] + SMALL[1:]
    path = write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": rows}, text=True)
    out = tmp_path / "raportti.xlsx"
    result = run("report", path, "-o", out)
    assert (result.exit_code, result.stdout) == (0, f"{out}\n")
    with zipfile.ZipFile(out) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                xml = book.read(name).decode()
                assert not re.search(r"<f[ >]", xml) and 't="e"' not in xml, name
    workbook = load_workbook(out)
    assert workbook.sheetnames == [
        "Tiedot", "Yhteenveto", "Havainnot", "Henkilöt", "Organisaatiot", "Välittäjät", "Välittäjäroolit",
        "Välittäjäroolien selitys", "Tasolinkit",
        "Nivelhenkilöt", "Sektori x taso", "Sektori x ryhmä", "Kunta x sektori", "Lukujen selitykset",
    ]
    persons = {c.value for c in workbook["Henkilöt"]["A"][1:]}
    assert set(hostile) <= persons
    summary = workbook["Yhteenveto"]
    assert [c.value for c in summary[1]][:4] == ["Rajaus", "Henkilöitä", "Organisaatioita", "Ryhmiä"]
    assert [c.value for c in summary[2]][:4] == ["Koko verkosto", 9, 4, 3]
    assert summary.freeze_panes == "B2" and summary.auto_filter.ref
    matrix = workbook["Sektori x taso"]
    assert [c.value for c in matrix[1]] == ["Sektori \\ Taso", "Alueellinen", "Paikallinen"]
    assert matrix.conditional_formatting


def test_report_in_english(tmp_path):
    out = tmp_path / "report.xlsx"
    assert run("report", "-o", out, "--lang", "en").exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames[:4] == ["About", "Summary", "Findings", "Persons"]
    findings = [[c.value for c in row] for row in book["Findings"].iter_rows(min_row=2)]
    assert ["Sectors of the local steering group", "Gap", "Kihniön perhekeskuksen ohjausryhmä", "NGO"] == findings[0][:4]


# ----------------------------------------------------------- Gould–Fernandez brokerage roles


def test_brokerage_roles_through_the_cli_equal_sna():
    """`verkosto metrics --brokerage sector` on the example: sna's z-scores (tests/sna, recorded in R
    on the 2024-2025 season)."""
    from verkosto.example import example_path

    result = runner.invoke(app, ["metrics", str(example_path("2024-2025")), "--brokerage", "sector", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output)).set_index("node")
    assert len(table) == 83 and set(table["kind"]) == {"organisation"}
    recorded = Path(__file__).resolve().parent / "sna" / "example_collaboration_sector.nli.csv"
    sna = pd.read_csv(recorded, keep_default_na=False, dtype=str).set_index("node")
    for column, role in (("b_OI", "gatekeeper"), ("b_IO", "representative"), ("w_I", "coordinator"),
                         ("w_O", "itinerant"), ("b_O", "liaison")):
        assert (table[role] == sna.loc[table.index, f"raw_{column}"].astype(float)).all()
        want = sna.loc[table.index, f"z_{column}"].replace("NaN", "nan").astype(float)
        assert table[f"{role}_z"].to_numpy() == pytest.approx(want.to_numpy(), rel=1e-12, nan_ok=True)
    assert table.index[0] == "organisation:MLL:n Hämeen piiri"  # most brokerage: 42 times gatekeeper
    assert table.iloc[0]["gatekeeper"] == 42 and round(table.iloc[0]["gatekeeper_z"], 2) == 53.10


def test_brokerage_roles_in_the_terminal():
    from verkosto.example import example_path

    result = runner.invoke(
        app, ["metrics", str(example_path("2024-2025")), "--brokerage", "sector", "--top", "2", "--lang", "en"],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if "Name" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "Name", "Sector", "Coordinator", "Itinerant broker", "Representative", "Gatekeeper", "Liaison",
        "Coordinator, z", "Itinerant broker, z", "Representative, z", "Gatekeeper, z", "Liaison, z",
    ]
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == 2
    first = [cell.strip() for cell in rows[0].strip("│").split("│")]
    assert first[:7] == ["MLL:n Hämeen piiri", "NGO", "0", "0", "0", "42", "0"]
    assert first[10] == "53.100"


def test_brokerage_roles_of_groups_by_tier_and_a_class_the_network_lacks():
    from verkosto.example import example_path

    result = runner.invoke(app, ["metrics", str(example_path("2024-2025")), "--network", "groups", "--brokerage", "tier",
                                 "--format", "json"])
    rows = json.loads(result.output)
    assert {row["kind"] for row in rows} == {"group"} and all(r["gatekeeper"] == r["representative"] for r in rows)
    result = runner.invoke(app, ["metrics", str(example_path("2024-2025")), "--network", "groups", "--brokerage", "sector"])
    assert (result.exit_code, result.output) == (
        1, "Virhe: verkoston groups solmuilla ei ole tietoa sector; valitse jokin näistä: tier, region, municipality\n"
    )


def test_the_example_report_prints_landscape_with_whole_numbers_a_guide_and_notes(tmp_path):
    out = tmp_path / "raportti.xlsx"
    assert run("report", "-o", out, "--season", "2024-2025").exit_code == 0  # the values below are that season's
    book = load_workbook(out)
    for sheet in book.worksheets:
        assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (
            "landscape", 1, 0), sheet.title
        assert sheet.print_title_rows == "$1:$1" and sheet.oddFooter.center.text == "&A — sivu &P / &N"
    persons = book["Henkilöt"]
    assert [c.value for c in persons[1]] == [
        "Nimi", "Organisaatio", "Laji", "Sektori", "Aste", "Painotettu aste", "Välillisyys", "Läheisyys",
        "Ominaisvektori",
    ]
    first = [(c.value, c.number_format) for c in persons[2]]
    assert first[:6] == [("Ari Kantola", "General"), ("Pirkanmaan hyvinvointialue", "General"),
                         ("Henkilö", "General"), ("Hyvinvointialue", "General"), (181, "0"), (253, "0")]
    assert [f for _, f in first[6:]] == ["0.000"] * 3
    assert [[c.value for c in row] for row in book["Nivelhenkilöt"].iter_rows(min_row=2)] == [
        ["Ei nivelhenkilöitä: kenenkään lähtö ei katkaise verkostoa.", None, None, None, None, None]
    ]
    groups = book["Sektori x ryhmä"]  # transposed: one group a row, so it prints down the page
    assert (groups.max_row, groups.max_column) == (64, 11) and groups["A1"].value == "Ryhmä \\ Sektori"
    # Red only where a rule finds a gap: Kuhmoinen lacks a parish, the western region Kela.
    red = [(groups.cell(row=c.row, column=1).value, groups.cell(row=1, column=c.column).value, c.value)
           for row in groups.iter_rows() for c in row if c.fill.fgColor.rgb == "00F4CCCC"]
    assert red == [("Läntisen alueen koordinaatioryhmä", "Kela", 0),  # regional groups come before local ones
                   ("Kuhmoisten perhekeskuksen ohjausryhmä", "Seurakunta", 0)]
    assert not any(c.fill.fgColor.rgb == "00F4CCCC" for row in book["Sektori x taso"].iter_rows() for c in row)
    guide = [[c.value for c in row] for row in book["Lukujen selitykset"].iter_rows()]
    assert guide[0] == ["Tunnusluku", "Välilehdet", "Selitys"]
    figures = {row[0]: row for row in guide[1:]}
    for name in ("Tiheys", "Astekeskittyneisyys", "Välillisyys", "Läheisyys", "Ominaisvektori", "Rajoittuneisuus",
                 "Tehokas koko", "Yhdistäviä"):
        assert figures[name][2], name
    assert figures["Välillisyys"][1] == "Henkilöt, Organisaatiot"
    assert figures["Välillisyys"][2].startswith("Välillisyys: kuinka suuri osa muiden toimijoiden")
    assert figures["Rajoittuneisuus"][1:] == ["Organisaatiot", (
        "Rajoittuneisuus (Burt): kuinka paljon organisaation kumppanit ovat yhteydessä myös toisiinsa (0–1). "
        "Pieni arvo = organisaatio yhdistää muuten erillisiä kumppaneita (rakenteellinen aukko).")]
    assert len(guide) == 1 + 24


def test_the_guide_to_the_figures_in_english():
    from verkosto.report import figures_guide

    guide = figures_guide("en").set_index("figure")
    assert guide.loc["Degree centralisation", "where"] == "Summary"
    assert guide.loc["Eigenvector", "explanation"].startswith("Eigenvector: an actor is central when")
