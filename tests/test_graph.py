"""The graph of a small hand-checked roster and the weights of its projections."""

import pytest
from rosters import SMALL, write_xlsx

from verkosto.graph import build_graph, collaboration, groups, organisations, persons, project
from verkosto.load import load_roster

COLLABORATION = [
    ["Lähde", "Kohde", "Tyyppi", "Vahvuus"],
    ["Akaan kaupunki", "MLL Akaa", "hanke", 2],
    ["MLL Akaa", "Akaan kaupunki", "koulutus", 1],
    ["Aino Aalto", "Cecilia Cajander", "", 3],
]

AKAA, SOUTH, VALKEAKOSKI = "group:Akaan ohjausryhmä", "group:Eteläinen koordinaatioryhmä", "group:Valkeakosken ohjausryhmä"
CITY, PARISH, MLL = "organisation:Akaan kaupunki", "organisation:Akaan seurakunta", "organisation:MLL Akaa"
AINO, BERTTA, CECILIA, DANIEL = "person:Aino Aalto", "person:Bertta Berg", "person:Cecilia Cajander", "person:Daniel Dahl"


@pytest.fixture
def G(tmp_path):
    return build_graph(load_roster(write_xlsx(tmp_path / "r.xlsx", {"Jäsenyydet": SMALL})))


@pytest.fixture
def G_collab(tmp_path):
    sheets = {"Jäsenyydet": SMALL, "Yhteistyö": COLLABORATION}
    return build_graph(load_roster(write_xlsx(tmp_path / "r.xlsx", sheets)))


def edges_by_kind(G):
    kinds = {}
    for _u, _v, key in G.edges(keys=True):
        kinds[key] = kinds.get(key, 0) + 1
    return kinds


def weights(P, attr="weight"):
    return {tuple(sorted((u, v))): w for u, v, w in P.edges(data=attr)}


def test_nodes_and_edges(G):
    assert G.number_of_nodes() == 12
    assert sorted(k for _n, k in G.nodes(data="kind")) == ["group"] * 3 + ["organisation"] * 3 + ["person"] * 4 + ["tier"] * 2
    assert edges_by_kind(G) == {"part_of": 3, "works_for": 5, "member_of": 7}
    assert G.graph == {"season": None, "source": "r.xlsx"}


def test_attributes(G):
    assert G.nodes[DANIEL] == {
        "kind": "person",
        "label": "Daniel Dahl",
        "organisation": "Akaan kaupunki",  # tie between two organisations: the first row wins
        "sector": "municipality",
        "municipality": "Akaa",  # the empty Kunta cell falls back to the organisation's
        "region": "",
    }
    assert G.nodes[AKAA]["tier"] == "local" and G.nodes[AKAA]["group_type"] == "steering_group"
    assert G.nodes[MLL]["sector"] == "ngo"
    assert G.edges[AINO, AKAA, "member_of"] == {
        "role": "chair",
        "roles": ("chair",),
        "organisation": "Akaan kaupunki",
        "municipality": "Akaa",
    }
    assert G.edges[DANIEL, VALKEAKOSKI, "member_of"]["organisation"] == "MLL Akaa"
    assert G.has_edge(SOUTH, "tier:regional", "part_of")
    assert not any("@" in str(v) for _n, d in G.nodes(data=True) for v in d.values())


def test_persons_projection(G):
    assert weights(persons(G), "shared_groups") == {
        (AINO, BERTTA): 2,
        (AINO, CECILIA): 1,
        (BERTTA, CECILIA): 1,
        (AINO, DANIEL): 1,
        (BERTTA, DANIEL): 1,
    }


def test_groups_projection(G):
    assert weights(groups(G)) == {(AKAA, SOUTH): 2, (SOUTH, VALKEAKOSKI): 1}


def test_organisations_projection(G):
    assert weights(organisations(G)) == {(CITY, PARISH): 2, (CITY, MLL): 1, (PARISH, MLL): 1}


def test_collaboration_adds_to_projections(G_collab):
    G = G_collab
    assert G.edges[CITY, MLL, "collaborates"]["weight"] == 2.0
    assert weights(collaboration(G)) == {(CITY, MLL): 3.0, (AINO, CECILIA): 3.0}
    assert weights(organisations(G)) == {(CITY, PARISH): 2, (CITY, MLL): 4.0, (PARISH, MLL): 1}
    assert weights(persons(G))[(AINO, CECILIA)] == 4.0
    assert persons(G).edges[AINO, CECILIA]["collaboration"] == 3.0


def test_project_by_name(G):
    assert project(G, "groups").number_of_nodes() == 3
    with pytest.raises(ValueError, match="unknown network 'people'; choose one of persons, organisations"):
        project(G, "people")
