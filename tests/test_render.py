"""Tests of verkosto.render: payload, page source and the page in headless Chromium."""

from __future__ import annotations

import io
import json
import os
import re

import networkx as nx
import pytest
from conftest import (
    TEMPLATE_GROUP,
    XSS_ORGANISATION,
    XSS_PERSON,
    build_large_network,
    build_small_network,
    embedded_json,
    node_records,
    page_edges,
    records,
)

from verkosto import schema
from verkosto.errors import OutputError
from verkosto.i18n import TEXTS
from verkosto.layout import tier_guides, tier_layout
from verkosto.render import EDGE_STYLES, SECTOR_COLORS, TIER_COLORS, map_payload, to_html, write_html

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
NODE_KEYS = {"label", "look", "x", "y", "size"}


def payload_of(G, lang="fi"):
    return map_payload(G, tier_layout(G), lang=lang, guides=tier_guides(G))


def node(payload, node_id):
    return next(n for n in node_records(payload) if n["id"] == node_id)


def embedded_payload(html: str) -> dict:
    """The payload the page script reads, parsed back."""
    return embedded_json(html, "verkosto-payload")


# --- payload ------------------------------------------------------------------------------


def test_nodes_carry_only_the_chosen_fields(small_network):
    small_network.nodes["person:Aino Aalto"]["email"] = "aino.aalto@example.fi"
    payload = payload_of(small_network)
    assert len(payload["nodes"]["rows"]) == small_network.number_of_nodes()
    assert set(payload["nodes"]["columns"]) == NODE_KEYS
    assert all(len(row) == len(NODE_KEYS) for row in payload["nodes"]["rows"])
    assert not EMAIL.search(json.dumps(payload, ensure_ascii=False))
    assert {look["kind"] for look in records(payload["looks"])} == {"person", "organisation", "group", "tier"}
    # Ids are "<kind>:<label>" but the tiers' (their labels are in the page's language).
    assert payload["node_ids"] == {str(i): n["id"] for i, n in enumerate(node_records(payload)) if n["kind"] == "tier"}


def test_positions_and_sizes_are_sent_as_drawn(small_network):
    positions = {n: (1 / 3, -2.56) for n in small_network}
    payload = map_payload(small_network, positions)
    row = records(payload["nodes"])[0]
    assert (row["x"], row["y"], row["size"]) == (0, -3, 10)


def test_colours_shapes_and_sizes(small_network):
    payload = payload_of(small_network)
    person, organisation = node(payload, "person:Eero Ekholm"), node(payload, "organisation:MLL Pirkanmaa")
    local, network = node(payload, "group:Akaa: ohjausryhmä"), node(payload, f"group:{TEMPLATE_GROUP}")
    assert (person["color"], person["shape"]) == (SECTOR_COLORS["ngo"], "dot")
    assert (organisation["color"], organisation["shape"]) == (SECTOR_COLORS["ngo"], "square")
    assert (local["color"], local["shape"]) == (TIER_COLORS["local"], "diamond")
    assert network["shape"] == "hexagon"
    assert node(payload, "tier:provincial")["shape"] == "star"
    assert local["size"] > organisation["size"] > person["size"]
    assert node(payload, "group:Maakunnallinen ohjausryhmä")["size"] > local["size"]


def test_sector_palette_covers_the_vocabulary_with_distinct_colours():
    assert list(SECTOR_COLORS) == list(schema.SECTORS)
    assert len(set(SECTOR_COLORS.values())) == 10


def test_groups_and_tiers_are_drawn_last(small_network):
    kinds = [n["kind"] for n in node_records(payload_of(small_network))]
    assert kinds == sorted(kinds, key=["person", "organisation", "group", "tier"].index)


def test_edges(small_network):
    small_network.add_edge("organisation:Akaan kaupunki", "organisation:MLL Pirkanmaa", key="collaborates",
                           weight=float("nan"))
    payload = payload_of(small_network)
    styles = records(payload["edge_styles"])
    assert [s["kind"] for s in styles][:5] == list(EDGE_STYLES)
    assert styles[3] == {"kind": "reports_to", "color": "#6F8FB5", "width": 2.5, "arrows": "to"}
    # Memberships and employers are edges too: the edges table holds only the others.
    assert len(payload["edges"]["rows"]) == sum(1 for *_, k in small_network.edges(keys=True)
                                                if k not in ("member_of", "works_for"))
    edges = page_edges(payload)
    assert len(edges) == small_network.number_of_edges()
    collaboration = [e for e in edges if e["kind"] == "collaborates"]
    assert all(e["color"] == EDGE_STYLES["collaborates"]["color"] for e in collaboration)
    widths = {(e["from"], e["to"]): e["width"] for e in collaboration}
    assert widths[("organisation:Akaan kaupunki", "organisation:Akaan seurakunta")] == 4.0
    assert widths[("organisation:Akaan kaupunki", "organisation:MLL Pirkanmaa")] == 1.0
    assert len(collaboration) == 5
    member = next(e for e in edges if e["from"] == "person:Aino Aalto" and e["kind"] == "member_of")
    assert (member["color"], member["width"], member["arrows"]) == ("#C9CED6", 1, None)
    rest = edges[-len(payload["edges"]["rows"]):]
    assert rest == sorted(rest, key=lambda e: (e["from"], e["to"], e["kind"]))
    # One style per kind and width: the weighted collaboration has a row of its own.
    assert [s["width"] for s in styles[4:]] == [1, 4, 3, 2, 2.5] and {s["kind"] for s in styles[4:]} == {"collaborates"}


def test_legend_lists_what_is_on_the_map(small_network):
    legend = payload_of(small_network)["legend"]
    sectors = [s["sector"] for s in legend["sectors"]]
    assert sectors == ["municipality", "wellbeing_county", "parish", "ngo", "education"]
    assert [s["label"] for s in legend["sectors"]][:2] == ["Kunta", "Hyvinvointialue"]
    assert [k["shape"] for k in legend["kinds"]] == ["dot", "square", "diamond", "hexagon", "star"]
    assert [t["tier"] for t in legend["tiers"]] == ["provincial", "regional", "local"]
    assert legend["rings"][0] == "Keskellä: maakunnallinen taso"
    assert {e["kind"] for e in legend["edges"]} == {"member_of", "works_for", "part_of", "reports_to", "collaborates"}


def test_payload_without_guides_explains_no_rings(small_network):
    payload = map_payload(small_network, tier_layout(small_network))
    assert payload["guides"] is None
    assert payload["legend"]["rings"] == []


def test_unknown_language(small_network):
    with pytest.raises(ValueError, match="unknown language 'sv'"):
        map_payload(small_network, tier_layout(small_network), lang="sv")
    with pytest.raises(ValueError, match="unknown language 'sv'"):
        to_html(small_network, lang="sv")


# --- page source ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_source() -> str:
    return to_html(build_small_network())


def test_page_loads_nothing_from_the_network(page_source):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page_source, re.IGNORECASE)
    assert not re.search(r"url\(\s*[\"']?\s*(?:https?:)?//", page_source, re.IGNORECASE)
    assert "<link" not in page_source
    assert "@import" not in page_source
    assert "sourceMappingURL" not in page_source
    assert not re.search(r"<script[^>]*\ssrc", page_source)


def test_only_our_script_elements(page_source):
    # The organisation "</script><script>..." must not close a script element. (The vis
    # bundle holds "<script>" in a string, harmless without "<!--" before it.) Two scripts:
    # vis-network and ours; two data elements: the payload and the settings.
    assert page_source.count("</script") == 4
    assert page_source.count('<script type="application/json"') == 2
    assert "<!--" not in page_source
    assert XSS_ORGANISATION not in page_source
    assert XSS_PERSON not in page_source
    assert r"\u003c/script\u003e\u003cscript\u003ealert(2)" in page_source


def test_embedded_data_round_trips_raw_text(page_source):
    payload = embedded_payload(page_source)
    labels = {n["id"]: n["label"] for n in node_records(payload)}
    assert labels[f"person:{XSS_PERSON}"] == XSS_PERSON
    assert labels[f"organisation:{XSS_ORGANISATION}"] == XSS_ORGANISATION
    assert labels[f"group:{TEMPLATE_GROUP}"] == TEMPLATE_GROUP
    assert payload == json.loads(json.dumps(payload_of(build_small_network())))


def test_payload_element_survives_names_that_end_scripts_or_open_comments(small_network):
    sneaky = "x</script><!--<script>alert(4)//"
    small_network.nodes["person:Aino Aalto"]["label"] = sneaky
    small_network.graph["source"] = "</SCRIPT >.xlsx"
    html = to_html(small_network, findings=[{"rule": "r", "severity": "risk", "node": "person:Aino Aalto",
                                             "subject": sneaky, "missing": [sneaky], "message": sneaky}])
    assert html.count("</script") == 4 and "<!--" not in html
    assert "</SCRIPT" not in html.replace("&lt;/SCRIPT", "")
    payload = embedded_payload(html)
    assert node(payload, "person:Aino Aalto")["label"] == sneaky
    assert records(payload["findings"])[0]["message"] == sneaky
    assert payload["source"] == "</SCRIPT >.xlsx"


def test_no_email_like_text(small_network):
    small_network.nodes["person:Aino Aalto"]["email"] = "aino.aalto@example.fi"
    assert not EMAIL.search(to_html(small_network))


def test_heading_and_title_are_escaped(small_network):
    small_network.graph["source"] = f"{XSS_ORGANISATION}.xlsx"
    html = to_html(small_network, title='<b>"Kartta"</b> {{7*7}}')
    assert "<title>&lt;b&gt;&#34;Kartta&#34;&lt;/b&gt; {{7*7}}</title>" in html
    assert '<h1>&lt;b&gt;&#34;Kartta&#34;&lt;/b&gt; {{7*7}}</h1>' in html
    assert "Lähde: &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;.xlsx" in html


def test_finnish_by_default(page_source):
    assert '<html lang="fi">' in page_source
    for words in ("<h1>Verkostokartta</h1>", "Kausi: 2024-2025", "Lähde: pirkanmaa_2024-2025.xlsx", "Selite",
                  "Sektorit", "Henkilö", "Ulkorengas: paikalliset ryhmät alueittain"):
        assert words in page_source


def test_english_page():
    html = to_html(build_small_network(), lang="en")
    assert '<html lang="en">' in html
    for words in ("<h1>Network map</h1>", "Season: 2024-2025", "Source: pirkanmaa_2024-2025.xlsx", "Legend",
                  "Sectors", "Wellbeing services county", "Network or working group", "Outer ring: local groups"):
        assert words in html
    for words in ("Verkostokartta", "Selite", "Kausi:", "Hyvinvointialue", "Organisaatio:"):
        assert words not in html
    assert node(embedded_payload(html), "tier:regional")["label"] == "Regional"


def test_same_graph_gives_byte_identical_pages():
    assert to_html(build_small_network()) == to_html(build_small_network())
    assert to_html(build_small_network(), layout="force") == to_html(build_small_network(), layout="force")


def test_unknown_layout(small_network):
    with pytest.raises(ValueError, match="unknown layout 'grid'"):
        to_html(small_network, layout="grid")


def test_vis_options_keep_the_browser_idle(page_source):
    options = embedded_json(page_source, "verkosto-settings")["options"]
    assert options["physics"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert options["interaction"]["hover"] is True
    assert "white-space: pre-line" in page_source


# --- writing -----------------------------------------------------------------------------


def test_write_html_writes_utf8_and_returns_the_path(tmp_path, small_network):
    target = tmp_path / "kartta.html"
    target.write_text("old")
    path = write_html(small_network, target, lang="en")
    assert path == target
    assert target.read_bytes().decode("utf-8") == to_html(small_network, lang="en")
    assert os.listdir(tmp_path) == ["kartta.html"]


def test_write_html_leaves_the_old_file_when_writing_fails(tmp_path, small_network, monkeypatch, english):
    target = tmp_path / "kartta.html"
    target.write_text("old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match=r"kartta.html: cannot be written \(disk full\)"):
        write_html(small_network, target)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["kartta.html"]


# --- in the browser --------------------------------------------------------------------------


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=image.width * image.height))


@pytest.fixture(scope="module")
def small_map(tmp_path_factory):
    G = build_small_network()
    G.graph["source"] = f"{XSS_ORGANISATION}.xlsx"
    path = write_html(G, tmp_path_factory.mktemp("map") / "kartta.html", title=f"{XSS_PERSON} {TEMPLATE_GROUP}")
    return G, path


@pytest.mark.browser
def test_map_draws_every_node_without_errors_or_requests(small_map, open_map):
    G, path = small_map
    result = open_map(path)
    assert result.node_count == G.number_of_nodes()
    assert result.page.evaluate("window.edges.length") == G.number_of_edges()
    assert result.errors == []
    assert result.requests == []
    assert result.dialogs == []


@pytest.mark.browser
def test_canvas_is_not_blank(small_map, open_map, tmp_path):
    G, path = small_map
    drawn = distinct_colours(open_map(path).page.screenshot())
    empty = write_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    blank = distinct_colours(open_map(empty).page.screenshot())
    print(f"distinct colours: map {drawn}, empty page {blank}")
    assert drawn > 2 * blank + 500


@pytest.mark.browser
def test_attack_strings_stay_text(small_map, open_map):
    G, path = small_map
    result = open_map(path)
    page = result.page
    heading = page.text_content("#heading")
    assert f"{XSS_PERSON} {TEMPLATE_GROUP}" in heading
    assert f"{XSS_ORGANISATION}.xlsx" in heading
    assert page.title() == f"{XSS_PERSON} {TEMPLATE_GROUP}"
    # our two scripts and two data elements, no img
    assert page.evaluate("document.querySelectorAll('img, script:not([type=\"application/json\"])').length") == 2
    assert page.evaluate("document.querySelectorAll('script[type=\"application/json\"]').length") == 2
    for text in (XSS_PERSON, XSS_ORGANISATION, TEMPLATE_GROUP):
        kind = {XSS_PERSON: "person", XSS_ORGANISATION: "organisation", TEMPLATE_GROUP: "group"}[text]
        assert page.evaluate("id => window.nodes.get(id).label", f"{kind}:{text}") == text
    assert result.dialogs == [] and result.errors == []


@pytest.mark.browser
def test_the_page_builds_the_tooltips_from_the_payload(small_map, open_map, tmp_path):
    G, path = small_map
    page = open_map(path).page
    title = lambda id_: page.evaluate("id => window.nodes.get(id).title", id_)  # noqa: E731
    assert title("person:Helmi Heino") == (
        "Helmi Heino\n"
        "Organisaatio: Akaan kaupunki\n"
        "Sektori: Kunta\n"
        "Kunta: Akaa\n"
        "Ryhmät:\n"
        "– Akaa: ohjausryhmä (Puheenjohtaja)\n"
        "– Etelä: koordinaatioryhmä (Puheenjohtaja)\n"
        "– Maakunnallinen ohjausryhmä (Jäsen)"
    )
    assert title("group:Akaa: ohjausryhmä") == (
        "Akaa: ohjausryhmä\n"
        "Taso: Paikallinen\n"
        "Tyyppi: Ohjausryhmä\n"
        "Alue: Etelä\n"
        "Kunta: Akaa\n"
        "Yläryhmä: Etelä: koordinaatioryhmä\n"
        "Jäseniä: 5"
    )
    assert title("group:Maakunnallinen ohjausryhmä").splitlines()[-2:] == ["Kokouksia kaudessa: 8", "Jäseniä: 4"]
    assert title("organisation:Akaan kaupunki") == "Akaan kaupunki\nSektori: Kunta\nKunta: Akaa\nAlue: Etelä\nHenkilöitä: 2"
    assert title("tier:local") == "Paikallinen\nRyhmiä: 5"
    english = open_map(write_html(G, tmp_path / "map.html", lang="en")).page
    lines = english.evaluate("id => window.nodes.get(id).title", "person:Helmi Heino").splitlines()
    assert lines[1:5] == ["Organisation: Akaan kaupunki", "Sector: Municipality", "Municipality: Akaa", "Groups:"]
    assert lines[-1] == "– Maakunnallinen ohjausryhmä (Member)"


@pytest.mark.browser
@pytest.mark.parametrize(
    "node_id, expected",
    [
        (f"person:{XSS_PERSON}", [XSS_PERSON, "Organisaatio: MLL Pirkanmaa", "– Virrat: ohjausryhmä (Jäsen)"]),
        (f"organisation:{XSS_ORGANISATION}", [XSS_ORGANISATION, "Sektori: Oppilaitos"]),
        (f"group:{TEMPLATE_GROUP}", [TEMPLATE_GROUP, "Tyyppi: Työryhmä", "Jäseniä: 3"]),
    ],
)
def test_hover_shows_a_plain_text_tooltip(small_map, open_map, node_id, expected):
    G, path = small_map
    result = open_map(path)
    page = result.page
    # Centre the node so that neither the heading nor the legend covers it.
    x, y = page.evaluate(
        """id => {
            network.moveTo({position: network.getPosition(id), scale: 1.2});
            const p = network.canvasToDOM(network.getPosition(id));
            return [p.x, p.y];
        }""",
        node_id,
    )
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    lines = tooltip.evaluate("el => el.innerText").splitlines()
    assert lines[0] == expected[0]
    assert set(expected) <= set(lines)
    assert tooltip.evaluate("el => el.querySelector('img') === null")
    assert result.dialogs == [] and result.errors == []


@pytest.mark.browser
def test_english_page_in_the_browser(tmp_path, open_map):
    result = open_map(write_html(build_small_network(), tmp_path / "map.html", lang="en"))
    assert result.page.evaluate("document.documentElement.lang") == "en"
    assert result.page.text_content("h1") == "Network map"
    assert result.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("layout", ["tiers", "force"])
def test_six_hundred_nodes_draw_in_seconds(layout, tmp_path, open_map):
    G = build_large_network()
    result = open_map(write_html(G, tmp_path / "map.html", layout=layout))
    print(f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges, {layout}: ready in {result.ms_to_ready:.0f} ms")
    assert result.node_count == G.number_of_nodes()
    assert result.errors == [] and result.requests == []
    assert result.ms_to_ready < 10_000


def test_every_ui_string_exists_in_both_languages():
    assert set(TEXTS["fi"]) == set(TEXTS["en"])


def console_of(chromium, path) -> tuple[object, list[str]]:
    """The page opened and ready, and every console message and page error it gave."""
    from conftest import READY

    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(READY, timeout=10_000)
    return page, messages


@pytest.mark.browser
def test_another_vis_network_version_draws_without_the_internals(tmp_path, chromium, monkeypatch):
    from verkosto import render

    G = build_small_network()
    page, messages = console_of(chromium, write_html(G, tmp_path / "ok.html"))
    assert messages == []
    page.context.close()

    monkeypatch.setattr(render, "vis_version", lambda: "10.0.0")
    page, messages = console_of(chromium, write_html(G, tmp_path / "other.html"))
    assert messages == [
        (
            "warning: verkosto: vis-network 10.0.0 is not 9.1.2 (or its internals moved); the map works "
            "without the highlight of the selected neighbourhood."
        )
    ]
    assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes()
    assert page.evaluate("verkosto.search('helmi heino')") == "person:Helmi Heino"
    assert page.inner_text("#panel-title") == "Helmi Heino"
    assert page.evaluate("verkosto.applyFilters({region: ['Etelä']})") == 13
    page.evaluate("verkosto.clearSelection()")
    assert page.is_hidden("#panel")
    assert distinct_colours(page.screenshot()) > 500
    assert len(messages) == 1  # no error while using it
    page.context.close()
