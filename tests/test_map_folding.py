"""A large map opens at group and organisation level (verkosto/web/persons.js): persons come in
for the selected group, organisation or person, and when the filters leave few enough nodes.

A synthetic province (conftest.build_large_network: 606 nodes, 462 persons) stands in for a
national roster, folded from 200 nodes (the renderer's ``fold_persons_from``) so that the
tests stay small; the bundled example keeps every person (tests/test_map_presentation.py).
"""

from __future__ import annotations

import jsonschema
import pytest
from conftest import OVERLAPS, build_large_network, embedded_json, no_trouble, settle

from verkosto import payload as contract
from verkosto.render import FOLD_PERSONS_FROM, to_html, write_html

FOLD_FROM = 200
GENERATED = "2025-01-15"
STEERING = "group:Kunta 1.1: ohjausryhmä"
COORDINATION = "group:Alue 2: koordinaatioryhmä"
DRAWN_EDGES = "edges.get().map(e => [e.from, e.to])"


@pytest.fixture(scope="module")
def folded_map(tmp_path_factory):
    G = build_large_network()
    path = write_html(G, tmp_path_factory.mktemp("folded") / "kartta.html", generated=GENERATED,
                      fold_persons_from=FOLD_FROM)
    return G, path


def persons(G) -> set[str]:
    return {n for n, kind in G.nodes(data="kind") if kind == "person"}


def members(G, group: str) -> list[str]:
    return sorted(u for u, v, kind in G.edges(keys=True) if v == group and kind == "member_of")


def edges_between(G, drawn: set[str]) -> list[list[str]]:
    return sorted([u, v] for u, v in G.edges() if u in drawn and v in drawn)


def test_the_payload_says_from_how_many_nodes_persons_fold():
    G = build_large_network()
    payload = embedded_json(to_html(G, fold_persons_from=FOLD_FROM, generated=GENERATED), "verkosto-payload")
    jsonschema.Draft202012Validator(contract.json_schema()).validate(payload)
    assert payload["fold_persons_from"] == FOLD_FROM
    # Every person is in the payload all the same: the panel, the search and the list view read it.
    assert len(payload["nodes"]["rows"]) == G.number_of_nodes() == 606
    default = embedded_json(to_html(G, generated=GENERATED), "verkosto-payload")
    assert default["fold_persons_from"] == FOLD_PERSONS_FROM == 5000


@pytest.mark.browser
def test_it_opens_without_persons_and_a_group_brings_exactly_its_members(folded_map, open_map):
    G, path = folded_map
    result = open_map(path)
    page = result.page
    others = set(G) - persons(G)
    assert result.node_count == len(others) == 144
    assert page.evaluate("verkosto.drawnPersons()") == []
    assert page.evaluate("verkosto.personsFolded()") is True
    assert sorted(page.evaluate(DRAWN_EDGES)) == edges_between(G, others)
    assert page.inner_text("#folded-note").startswith("Henkilöt näytetään ryhmittäin: valitse ryhmä")
    assert page.inner_text("#visible-count") == "Näkyvissä 144 / 606 solmua; 462 henkilöä ryhmiensä sisällä"

    page.evaluate("id => verkosto.select(id)", STEERING)
    expected = members(G, STEERING)
    assert len(expected) == 10
    assert sorted(page.evaluate("verkosto.drawnPersons()")) == expected
    assert page.inner_text("#visible-count") == "Näkyvissä 154 / 606 solmua; 452 henkilöä ryhmiensä sisällä"
    assert sorted(page.evaluate(DRAWN_EDGES)) == edges_between(G, others | set(expected))
    assert page.locator("#panel section", has_text="Jäsenet ja roolit").locator("li").count() == 10

    # Another group: its members in, the first one's out.
    page.evaluate("id => verkosto.select(id)", COORDINATION)
    assert sorted(page.evaluate("verkosto.drawnPersons()")) == members(G, COORDINATION)
    # A member clicked in the panel keeps its group open.
    first = members(G, COORDINATION)[0]
    page.locator("#panel").get_by_role("button", name=G.nodes[first]["label"]).first.click()
    assert page.inner_text("#panel-title") == G.nodes[first]["label"]
    assert sorted(page.evaluate("verkosto.drawnPersons()")) == members(G, COORDINATION)
    # An organisation brings in its staff.
    page.evaluate("verkosto.select('organisation:Kela')")
    staff = sorted(u for u, v, kind in G.edges(keys=True) if v == "organisation:Kela" and kind == "works_for")
    assert sorted(page.evaluate("verkosto.drawnPersons()")) == staff

    page.evaluate("verkosto.clearSelection()")
    assert page.evaluate("verkosto.drawnPersons()") == []
    assert page.evaluate("network.body.data.nodes.length") == len(others)
    settle(page)
    assert page.evaluate(OVERLAPS) == []
    no_trouble(result)


@pytest.mark.browser
def test_search_finds_a_folded_person_brings_it_in_and_names_it(folded_map, open_map):
    G, path = folded_map
    result = open_map(path)
    page = result.page
    person = "person:Henkilö 123"
    assert page.evaluate("verkosto.find('henkilö 123', 3)")[0] == person
    page.fill("#search", "Henkilö 123")
    assert page.locator("#search-results button").first.inner_text().startswith("Henkilö 123")
    page.keyboard.press("Enter")
    settle(page)
    assert page.inner_text("#panel-title") == "Henkilö 123"
    assert page.evaluate("verkosto.drawnPersons()") == [person]
    groups = sorted(v for u, v, kind in G.edges(keys=True) if u == person and kind == "member_of")
    drawn = sorted(page.evaluate(f"edges.get().filter(e => e.from === '{person}').map(e => e.to)"))
    assert drawn == sorted(v for u, v in G.edges() if u == person) and set(groups) <= set(drawn)
    boxes = {b["id"] for b in page.evaluate("verkosto.labelBoxes()")}
    assert person in boxes
    assert page.evaluate(OVERLAPS) == []
    no_trouble(result)


@pytest.mark.browser
def test_filters_that_leave_few_nodes_bring_their_persons_in(folded_map, open_map):
    G, path = folded_map
    result = open_map(path)
    page = result.page
    count = page.evaluate("verkosto.applyFilters({municipality: ['Kunta 1.1']})")
    assert count < FOLD_FROM
    visible = page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    shown = sorted(n for n in visible if n.startswith("person:"))
    expected = sorted(n for n in persons(G) if G.nodes[n]["municipality"] == "Kunta 1.1")
    assert shown == expected and len(expected) > 10
    assert sorted(page.evaluate("verkosto.drawnPersons()")) == expected
    assert page.evaluate("verkosto.personsFolded()") is False
    assert page.is_hidden("#folded-note")
    settle(page)
    assert page.evaluate(OVERLAPS) == []
    page.evaluate("verkosto.resetFilters()")
    assert page.evaluate("verkosto.drawnPersons()") == []
    assert page.is_visible("#folded-note")
    no_trouble(result)


@pytest.mark.browser
def test_the_list_view_lists_folded_persons(folded_map, open_map):
    G, path = folded_map
    result = open_map(path)
    page = result.page
    page.evaluate("verkosto.openList()")
    entry = page.locator(f'#list-body details[data-node="{STEERING}"]')
    entry.locator("summary").click()
    names = entry.locator("ul.members li").all_inner_texts()
    assert sorted(name.split(" – ")[0] for name in names) == sorted(G.nodes[p]["label"] for p in members(G, STEERING))
    entry.get_by_role("button").click()  # "show on the map"
    assert sorted(page.evaluate("verkosto.drawnPersons()")) == members(G, STEERING)
    no_trouble(result)
