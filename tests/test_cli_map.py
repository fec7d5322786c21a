"""`verkosto map`, `validate` and `template` driven as a user runs them."""

import re

import networkx as nx
import pytest
from conftest import XSS_PERSON, embedded_json, records
from rosters import MEMBERSHIP_HEADER, SMALL, write_csv, write_xlsx
from typer.testing import CliRunner

from cli import app
from verkosto.example import example_path
from verkosto.graph import build_graph, project
from verkosto.load import load_roster

runner = CliRunner(env={"VERKOSTO_LANG": "en"})  # the English messages asserted below


def run(*args, cwd=None):
    return runner.invoke(app, [str(a) for a in args])



def test_map_of_the_bundled_example(in_tmp):
    result = run("map")
    G = build_graph(load_roster(example_path()))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"verkostokartta.html: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"
                             " (the fictitious example pirkanmaa_2025-2026.xlsx)\n")
    assert result.stderr == "No roster given: using the fictitious example pirkanmaa_2025-2026.xlsx.\n"
    html = (in_tmp / "verkostokartta.html").read_text(encoding="utf-8")
    assert "2025-2026" in html and "pirkanmaa_2025-2026.xlsx" in html
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", html.replace("@license", "")), "an e-mail address leaked"


@pytest.mark.browser
def test_example_map_draws_offline(in_tmp, open_map):
    assert run("map", "--season", "2023-2024", "-o", "kartta.html").exit_code == 0
    G = build_graph(load_roster(example_path("2023-2024")))
    page = open_map(in_tmp / "kartta.html")
    assert page.node_count == G.number_of_nodes() > 500
    assert page.page.evaluate("network.body.data.edges.length") == G.number_of_edges()
    assert (page.errors, page.requests, page.dialogs) == ([], [], [])


def test_map_in_english(in_tmp):
    assert run("map", "--lang", "en", "-o", "map.html").exit_code == 0
    html = (in_tmp / "map.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Network map" in html


def test_missing_group_column_fails_with_one_line_and_writes_nothing(in_tmp):
    path = write_xlsx(in_tmp / "r.xlsx", {"Jäsenyydet": [r[:3] + r[4:] for r in SMALL]})
    result = run("map", path)
    assert result.exit_code == 1
    assert result.output == (
        "Error: r.xlsx, sheet Jäsenyydet, row 1, column Ryhmä: required column 'Ryhmä' is missing; "
        "add a column headed 'Ryhmä' (or 'Group')\n"
    )
    assert sorted(p.name for p in in_tmp.iterdir()) == ["r.xlsx"]


def test_output_in_a_missing_folder(in_tmp):
    result = run("map", "-o", "nope/kartta.html")
    assert (result.exit_code, result.stderr.splitlines()[-1] + "\n") == (
        1,
        "Error: nope/kartta.html: the folder 'nope' does not exist; create it or choose another output path\n",
    )


def test_never_writes_over_the_roster(in_tmp):
    csv = write_csv(in_tmp / "r.csv", SMALL)
    xlsx = write_xlsx(in_tmp / "r.xlsx", {"Jäsenyydet": SMALL})
    before = {p: p.read_bytes() for p in (csv, xlsx)}
    for args, path in ((["metrics", csv, "--format", "csv", "-o", csv], csv), (["report", xlsx, "-o", xlsx], xlsx)):
        result = run(*args)
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, f"Error: {path}: is the input roster; choose another output path")
    assert {p: p.read_bytes() for p in (csv, xlsx)} == before
    assert sorted(p.name for p in in_tmp.iterdir()) == ["r.csv", "r.xlsx"]


def test_unknown_map_format(in_tmp):
    result = run("map", "-o", "kartta.gif")
    assert (result.exit_code, result.stderr.splitlines()[-1] + "\n") == (1, "Error: kartta.gif: unknown map format '.gif'; use .html, .png, .svg or .pdf\n")
    assert list(in_tmp.iterdir()) == []


@pytest.mark.browser
def test_hostile_names_stay_text(in_tmp, open_map):
    rows = [r[:] for r in SMALL]
    rows[5][0] = XSS_PERSON
    rows[6][3] = "</script><script>alert(2)</script>"
    path = write_csv(in_tmp / "r.csv", rows)
    assert run("map", path, "--title", "{{7*7}} <b>x</b>").exit_code == 0
    page = open_map(in_tmp / "verkostokartta.html")
    labels = page.page.evaluate("nodes.get().map(n => n.label)")
    assert XSS_PERSON in labels and "</script><script>alert(2)</script>" in labels
    assert page.page.evaluate("document.querySelector('h1').textContent") == "{{7*7}} <b>x</b>"
    assert page.page.evaluate("document.querySelectorAll('img, h1 b').length") == 0
    assert (page.errors, page.requests, page.dialogs) == ([], [], [])


def test_validate_lists_every_problem(in_tmp):
    rows = [*SMALL, ["X", "Kela", "Kel", "G", "Paikallinen", "", "", ""], ["Y", "Kela", "Kela", "G", "paikalinen", "", "", ""]]
    result = run("validate", write_csv(in_tmp / "r.csv", rows))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("error: r.csv, row 9, column Sektori (C): unknown sector 'Kel'")
    assert lines[1].startswith("error: r.csv, row 10, column Taso (E): unknown tier 'paikalinen'")
    assert lines[2] == "r.csv: 2 errors, 0 warnings"


def test_validate_a_good_roster(in_tmp):
    result = run("validate", example_path())
    assert (result.exit_code, result.output) == (0, "pirkanmaa_2025-2026.xlsx: 0 errors, 0 warnings\n")


def test_template_command(in_tmp):
    result = run("template")
    assert (result.exit_code, result.output) == (0, "pohja.xlsx: roster template\n")
    assert (in_tmp / "pohja.xlsx").stat().st_size > 4000


def test_every_command_has_help_in_finnish_and_english():
    from cli import build_app

    commands = ("map", "metrics", "coverage", "report", "services", "validate", "template", "export", "import-kumu",
                "compare", "trends")
    registered = build_app("fi").registered_commands
    assert {c.name or c.callback.__name__ for c in registered} == set(commands)
    words = {"fi": ("Käyttö:", "Valitsimet", "Näytä tämä ohje ja lopeta."),
             "en": ("Usage:", "Options", "Show this message and exit.")}
    for lang, (usage, panel, help_option) in words.items():
        app_ = build_app(lang)
        for command in commands:
            result = CliRunner().invoke(app_, [command, "--help"])
            assert result.exit_code == 0, result.output
            assert usage in result.output and panel in result.output and help_option.split()[0] in result.output
            assert "<bool>" not in result.output
    assert "Piirrä verkostokartta" in CliRunner().invoke(build_app("fi"), ["map", "--help"]).output
    assert "Draw the network map" in CliRunner().invoke(build_app("en"), ["map", "--help"]).output


@pytest.mark.browser
def test_an_organisations_panel_names_its_brokerage_role(in_tmp, open_map):
    assert run("map", "--lang", "fi", "-o", "kartta.html").exit_code == 0
    page = open_map(in_tmp / "kartta.html")
    page.page.evaluate("verkosto.select('organisation:MLL:n Hämeen piiri')")
    note = page.page.locator("#panel p.note").inner_text()
    assert note == "Välittäjärooli: portinvartija sektorille Järjestö"
    assert (page.errors, page.requests) == ([], [])


def test_map_with_the_planners_views(in_tmp):
    from conftest import embedded_json

    (in_tmp / "nakymat.toml").write_text(
        '[[view]]\ntitle = "Etelä"\nnote = "Ilman henkilöitä"\nregion = ["Eteläinen"]\nhide_persons = true\n',
        encoding="utf-8",
    )
    result = run("map", "--views", "nakymat.toml", "-o", "kartta.html")
    assert result.exit_code == 0, result.output
    payload = embedded_json((in_tmp / "kartta.html").read_text(encoding="utf-8"), "verkosto-payload")
    first = payload["views"][0]
    assert (first["id"], first["title"], first["note"], first["filters"]["region"], first["filters"]["hide_persons"]) == (
        "etela", "Etelä", "Ilman henkilöitä", ["Eteläinen"], True,
    )
    assert payload["views"][1]["title"] == "The whole network"  # then the roster's views, in the page's language


def test_map_with_an_invalid_views_file_says_which_view_in_one_line(in_tmp):
    (in_tmp / "nakymat.toml").write_text('[[view]]\ntitle = "Itä"\nregion = ["Itäinen"]\n', encoding="utf-8")
    result = run("map", "--views", "nakymat.toml", "-o", "kartta.html")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: nakymat.toml: view 'Itä': 'region': the roster has no 'Itäinen'; its values: Eteläinen, Läntinen, Pohjoinen\n"
    )
    assert not (in_tmp / "kartta.html").exists()


def test_an_a3_poster_of_the_example(in_tmp):
    result = run("map", "-o", "kartta-a3.pdf", "--paper", "a3", "--quiet")
    assert result.exit_code == 0, result.output
    pdf = (in_tmp / "kartta-a3.pdf").read_bytes()
    assert re.search(rb"/MediaBox \[ *0 0 1190\.88 841\.68 *\]", pdf)  # 16.54 x 11.69 in: A3 landscape
    result = run("map", "-o", "kartta.html", "--paper", "a3")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        1, "Error: kartta.html: --paper is for images only; write the map to .png, .svg or .pdf, or leave --paper out"
    )
    assert not (in_tmp / "kartta.html").exists()


def test_every_output_line_made_from_the_example_says_so(in_tmp):
    """A forgotten roster argument is named on stderr and on the line that names the file."""
    from cli import build_app

    fi = CliRunner().invoke(build_app("fi"), ["report", "-o", "r.xlsx"])
    assert fi.stdout == "r.xlsx (kuvitteellinen esimerkkiaineisto pirkanmaa_2025-2026.xlsx)\n", fi.output
    compare = run("compare", "-o", "c.xlsx")
    assert compare.stdout == ("c.xlsx (the fictitious example pirkanmaa_2024-2025.xlsx, "
                              "pirkanmaa_2025-2026.xlsx)\n"), compare.output
    given = run("map", str(example_path()), "-o", "k.html")
    assert given.stdout.endswith(" edges\n") and "example" not in given.stdout + given.stderr


# --- the side panel's metrics: estimated on a large network, exact when asked ----------


def working_groups_roster(path, persons=40):
    """*persons* persons in ten working groups of four, every other one also in the next group."""
    rows = [MEMBERSHIP_HEADER]
    for i in range(persons):
        organisation = ("Akaan kaupunki", "Kunta") if i % 3 else ("MLL Akaa", "Järjestö")
        for group in {i // 4, (i // 4 + 1) % 10} if i % 2 else {i // 4}:
            rows.append([f"Henkilö {i:02d}", *organisation, f"Työryhmä {group}", "Paikallinen", "", "Akaa", ""])
    return write_csv(path, rows)


def panel_metrics(html: str) -> tuple[dict, dict[str, dict]]:
    """The payload's metrics block, and the values by node id (as the panel shows them: three decimals)."""
    from verkosto.render import node_ids

    payload = embedded_json(html, "verkosto-payload")
    ids = node_ids(payload)
    block = payload["metrics"]
    values = {ids[row.pop("node")]: row for row in records(block["values"])}
    return block, values


@pytest.fixture
def sample_of_12(monkeypatch):
    """The map's sample made small enough for a 40-person roster to be above it."""
    monkeypatch.setattr("verkosto.analysis.MAP_SAMPLE", 12)
    return 12


def test_map_of_a_large_network_estimates_betweenness_and_says_so(in_tmp, sample_of_12):
    path = working_groups_roster(in_tmp / "ryhmat.csv")
    assert run("map", path, "-o", "kartta.html", "--lang", "fi").exit_code == 0
    html = (in_tmp / "kartta.html").read_text(encoding="utf-8")
    block, values = panel_metrics(html)
    assert block["betweenness_sources"] == {"person": 12}  # ten groups and two organisations: exact
    P = project(build_graph(load_roster(path)), "persons")
    expected = nx.betweenness_centrality(P, k=12, seed=0)
    assert {n: values[n]["betweenness"] for n in P} == pytest.approx(expected, rel=0, abs=5e-4)
    assert {values[n]["closeness"] for n in P} == {None}  # not computed: every pair would be needed
    assert values["group:Työryhmä 0"]["closeness"] is not None
    texts = embedded_json(html, "verkosto-settings")["texts"]
    assert texts["map.betweenness_estimated"].startswith("Välillisyys on arvio {sources} satunnaisesti valitusta")
    assert run("map", path, "-o", "again.html", "--lang", "fi").exit_code == 0  # the sample is seeded:
    assert (in_tmp / "again.html").read_bytes() == (in_tmp / "kartta.html").read_bytes()  # the same map


@pytest.mark.parametrize("option", [["--exact"], ["--size-by", "betweenness"], ["--size-by", "closeness"]])
def test_exact_values_when_asked_or_sized_by(in_tmp, sample_of_12, option):
    path = working_groups_roster(in_tmp / "ryhmat.csv")
    assert run("map", path, "-o", "kartta.html", *option).exit_code == 0
    block, values = panel_metrics((in_tmp / "kartta.html").read_text(encoding="utf-8"))
    assert "betweenness_sources" not in block
    P = project(build_graph(load_roster(path)), "persons")
    for metric, exact in (("betweenness", nx.betweenness_centrality(P)), ("closeness", nx.closeness_centrality(P))):
        assert {n: values[n][metric] for n in P} == pytest.approx(exact, rel=0, abs=5e-4)


def test_the_exact_option_has_help_in_finnish_and_english():
    from cli import build_app

    def help_text(lang: str) -> str:  # the help's words without the boxes and line breaks around them
        output = CliRunner().invoke(build_app(lang), ["map", "--help"]).output
        return " ".join(output.replace("│", " ").split())

    fi, en = help_text("fi"), help_text("en")
    assert "--exact" in fi and "Laske tunnusluvut tarkasti." in fi
    assert "--exact" in en and "Compute the metrics exactly." in en


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "note"), [
    ("fi", "Välillisyys on arvio 12 satunnaisesti valitusta lähtösolmusta; läheisyyttä ei ole laskettu. "
           "Tarkat arvot: verkosto map --exact."),
    ("en", "Betweenness is estimated from 12 randomly chosen source nodes; closeness is not computed. "
           "Exact values: verkosto map --exact."),
])
def test_the_panel_says_the_betweenness_is_estimated(in_tmp, sample_of_12, open_map, lang, note):
    path = working_groups_roster(in_tmp / "ryhmat.csv")
    assert run("map", path, "-o", "kartta.html", "--lang", lang).exit_code == 0
    page = open_map(in_tmp / "kartta.html").page
    page.evaluate("verkosto.select('person:Henkilö 05')")
    assert page.locator("#panel p.estimate").inner_text() == note
    assert page.locator('#panel tr[data-metric="betweenness"] td').inner_text().startswith("\u2248\u00a0")
    assert page.locator('#panel tr[data-metric="closeness"]').count() == 0
    page.evaluate("verkosto.select('group:Työryhmä 0')")  # the groups' values are exact
    assert page.locator("#panel p.estimate").count() == 0
    assert page.locator('#panel tr[data-metric="closeness"]').count() == 1
