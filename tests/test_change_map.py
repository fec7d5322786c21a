"""The map of two seasons (verkosto compare -o muutokset.html) in headless Chromium."""

import pytest
from season_rosters import AKAA, ETELA_DASH, PROVINCE, SEASONS, VALKEAKOSKI, write_season

from verkosto import analyse
from verkosto.season_views import write_change_map
from verkosto.seasons import change_graph, compare

# 2023-2024 -> 2024-2025 of tests/season_rosters.py, worked out by hand.
JOINED = ["group:" + VALKEAKOSKI, "person:Gustav Gran"]
LEFT = ["organisation:Kela", "person:Daniel Dahl", "person:Fanni Forss"]
STAYED = [
    "group:" + AKAA, "group:" + ETELA_DASH, "group:" + PROVINCE,
    "organisation:Akaan kaupunki", "organisation:Akaan seurakunta", "organisation:MLL Akaa",
    "person:Aino Virtanen", "person:Bertta Berg", "person:Cecilia Cajander", "person:Eero Elo",
]


@pytest.fixture(scope="module")
def seasons(tmp_path_factory):
    folder = tmp_path_factory.mktemp("change_map")
    return [analyse(write_season(folder, s)) for s in SEASONS[:2]]


def test_change_graph_marks_every_node_and_edge(seasons):
    U, stayed = change_graph(*seasons)
    status = {n: d["change"] for n, d in U.nodes(data=True) if d["kind"] != "tier"}
    assert sorted(n for n, s in status.items() if s == "joined") == JOINED
    assert sorted(n for n, s in status.items() if s == "left") == LEFT
    assert sorted(n for n, s in status.items() if s == "stayed") == STAYED
    assert stayed["person:Aino Virtanen"] == "person:Aino Aalto"
    assert stayed[f"group:{ETELA_DASH}"] != f"group:{ETELA_DASH}"  # the hyphen of 2023-2024
    member = {(u, v): d["change"] for u, v, k, d in U.edges(keys=True, data=True) if k == "member_of"}
    assert member[("person:Daniel Dahl", f"group:{ETELA_DASH}")] == "left"
    assert member[("person:Gustav Gran", f"group:{AKAA}")] == "joined"
    assert member[("person:Aino Virtanen", f"group:{AKAA}")] == "stayed"
    # Cecilia moved: her old workplace edge left, the new one joined.
    works = {(u, v): d["change"] for u, v, k, d in U.edges(keys=True, data=True) if k == "works_for"}
    assert works[("person:Cecilia Cajander", "organisation:MLL Akaa")] == "left"
    assert works[("person:Cecilia Cajander", "organisation:Akaan kaupunki")] == "joined"


@pytest.mark.browser
def test_each_change_filter_shows_exactly_its_nodes(seasons, tmp_path, open_map):
    path = write_change_map(*seasons, tmp_path / "muutokset.html", generated="2026-01-01")
    opened = open_map(path)
    page = opened.page
    assert opened.errors == [] and opened.requests == []
    visible = "() => window.nodes.get().filter((n) => !n.hidden).map((n) => n.id).sort()"
    for status, expected in (("joined", JOINED), ("left", LEFT), ("stayed", STAYED)):
        count = page.evaluate("s => verkosto.applyFilters({change: [s]})", status)
        assert page.evaluate(visible) == expected, status
        assert count == len(expected)
    assert page.evaluate("verkosto.applyFilters({change: ['joined', 'left']})") == len(JOINED) + len(LEFT)
    # The filter is a checkbox list in the sidebar like the others, with the statuses' words.
    page.evaluate("verkosto.resetFilters()")
    labels = page.locator('details[data-facet="change"] label').all_inner_texts()
    assert [label.split("\n")[0].strip() for label in labels] == ["Uusi", "Poistunut", "Jatkaa"]
    # Outline tells the statuses apart without colour: thick for joined, dashed for left.
    looks = page.evaluate("""() => Object.fromEntries(window.nodes.get().map((n) =>
        [n.id, [n.borderWidth || 1, !!(n.shapeProperties && n.shapeProperties.borderDashes)]]))""")
    assert looks["person:Gustav Gran"] == [4, False]
    assert looks["person:Daniel Dahl"] == [2.5, True]
    assert looks["person:Bertta Berg"] == [1, False]
    dashed = page.evaluate("() => window.edges.get().filter((e) => e.dashes).length")
    U, _ = change_graph(*seasons)
    assert dashed == sum(d["change"] == "left" for *_, d in U.edges(keys=True, data=True))


@pytest.mark.browser
def test_side_panel_says_what_changed(seasons, tmp_path, open_map):
    path = write_change_map(*seasons, tmp_path / "muutokset.html", generated="2026-01-01")
    page = open_map(path).page
    page.evaluate("verkosto.select('person:Bertta Berg')")
    assert page.locator("#panel section.changes li").all_inner_texts() == [
        "Mukana molemmilla kausilla (2023-2024 ja 2024-2025)",
        "Ei enää roolissa: Yhdyshenkilö, " + AKAA,
        "Uusi rooli: Puheenjohtaja, " + ETELA_DASH,
        "Ei enää roolissa: Yhdyshenkilö, " + ETELA_DASH,
    ]
    page.evaluate(f"verkosto.select('group:{VALKEAKOSKI}')")
    assert page.locator("#panel section.changes li").all_inner_texts()[0] == "Uusi kaudella 2024-2025"
    page.evaluate(f"verkosto.select('group:{ETELA_DASH}')")
    assert page.locator("#panel section.changes li").all_inner_texts()[:3] == [
        "Mukana molemmilla kausilla (2023-2024 ja 2024-2025)",
        "Jäseniä 3 → 2: 0 uutta, 1 poistui",
        "Puheenjohtaja: Daniel Dahl → Bertta Berg",
    ]


def test_stayed_nodes_keep_one_position(seasons, tmp_path):
    """Both seasons' nodes are placed by the layout of their union: a node that stayed has one place."""
    import json
    import re

    html = write_change_map(*seasons, tmp_path / "muutokset.html", generated="2026-01-01").read_text()
    payload = json.loads(re.search(r'<script type="application/json" id="verkosto-payload">(.*?)</script>',
                                   html, re.S).group(1))
    from verkosto.render import node_ids

    ids = node_ids(payload)
    assert len(ids) == len(set(ids))
    assert set(JOINED + LEFT + STAYED) <= set(ids)
    assert compare(*seasons).persons.joined == ["person:Gustav Gran"]


def test_legend_explains_the_outlines(seasons, tmp_path):
    html = write_change_map(*seasons, tmp_path / "muutokset.html", generated="2026-01-01").read_text()
    assert "<h1>Verkoston muutokset 2023-2024 → 2024-2025</h1>" in html
    for words in ("Uusi: paksu yhtenäinen reuna, yhteydet leveämpinä",
                  "Poistunut: katkoviivareuna ja haalea täyttö, yhteydet katkoviivoina"):
        assert words in html
    from verkosto.views import write_map

    one_season = write_map(seasons[1], tmp_path / "kartta.html", generated="2026-01-01").read_text()
    assert 'class="change-legend"' not in one_season and '"changes":' not in one_season
    assert 'class="change-legend"' in html


def _positions(path):
    import json
    import re

    html = path.read_text()
    payload = json.loads(re.search(r'<script type="application/json" id="verkosto-payload">(.*?)</script>',
                                   html, re.S).group(1))
    from verkosto.render import node_ids

    columns = payload["nodes"]["columns"]
    x, y = columns.index("x"), columns.index("y")
    return {id_: (row[x], row[y]) for id_, row in zip(node_ids(payload), payload["nodes"]["rows"])}


def test_stayed_nodes_have_equal_positions_on_both_seasons_maps(seasons, tmp_path):
    from verkosto.season_views import write_season_maps

    old_map, new_map = write_season_maps(*seasons, (tmp_path / "a.html", tmp_path / "b.html"), generated="x")
    change_map = write_change_map(*seasons, tmp_path / "muutokset.html", generated="x")
    before, after, both = _positions(old_map), _positions(new_map), _positions(change_map)
    _, stayed = change_graph(*seasons)
    assert len(stayed) == len(STAYED) + 3  # and the three tiers
    for new_id, old_id in stayed.items():
        assert before[old_id] == after[new_id] == both[new_id], new_id
    assert before["person:Daniel Dahl"] == both["person:Daniel Dahl"]
    assert after["person:Gustav Gran"] == both["person:Gustav Gran"]


def test_compare_writes_the_change_map_and_the_season_maps(tmp_path):
    from typer.testing import CliRunner

    from cli import app

    old, new = (write_season(tmp_path, s) for s in SEASONS[:2])
    out = tmp_path / "muutokset.html"
    result = CliRunner().invoke(app, ["compare", str(old), str(new), "-o", str(out), "--season-maps", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out), str(tmp_path / "muutokset_2023-2024.html"),
                                          str(tmp_path / "muutokset_2024-2025.html")]
    assert _positions(tmp_path / "muutokset_2024-2025.html")["person:Bertta Berg"] == _positions(out)["person:Bertta Berg"]
