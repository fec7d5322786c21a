"""Metrics on published networks (Florentine families, southern women) and hand-worked rosters."""

import math
import random

import networkx as nx
import pandas as pd
import pytest
from networkx.algorithms import bipartite
from rosters import write_xlsx

from verkosto.graph import build_graph, persons
from verkosto.load import load_roster
from verkosto.metrics import (
    _centrality_networkx,
    articulation_points,
    brokerage,
    centrality,
    degree_centralization,
    indicators,
    structural_holes,
    tier_links,
)


def load(tmp_path, sheets):
    return build_graph(load_roster(write_xlsx(tmp_path / "roster.xlsx", sheets)))


def memberships_roster(tmp_path, groups_of: dict[str, list[str]]):
    """A roster in which each person (key) sits in the given local groups, for one organisation."""
    rows = [["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso"]]
    for person, groups in groups_of.items():
        rows += [[person, "Yhdistys", "Muu", group, "Paikallinen"] for group in groups]
    return load(tmp_path, {"Jäsenyydet": rows})


# ----------------------------------------------------------------- published networks


def test_florentine_families_collaboration_sheet(tmp_path):
    """Padgett's Florentine marriages: Medici betweenness 0.522 and degree 6 (Padgett & Ansell 1993)."""
    F = nx.florentine_families_graph()
    sheets = {
        "Organisaatiot": [["Organisaatio", "Sektori"]] + [[family, "Muu"] for family in sorted(F)],
        "Yhteistyö": [["Lähde", "Kohde"]] + [[u, v] for u, v in F.edges()],
    }
    G = load(tmp_path, sheets)
    df = centrality(G, network="collaboration")
    medici = df.iloc[0]
    assert medici["node"] == "organisation:Medici"
    assert (medici["label"], medici["kind"], medici["sector"]) == ("Medici", "organisation", "other")
    assert round(medici["betweenness"], 3) == 0.522
    assert medici["degree"] == 6 and medici["weighted_degree"] == 6.0
    assert len(df) == 15


def test_davis_southern_women_projection(tmp_path):
    B = nx.davis_southern_women_graph()
    women = [n for n, side in B.nodes(data="bipartite") if side == 0]
    G = memberships_roster(tmp_path, {w: sorted(B[w]) for w in women})
    expected = bipartite.weighted_projected_graph(B, women)
    P = persons(G)
    assert sorted(P) == sorted(f"person:{w}" for w in women)
    got = {
        tuple(sorted((u.removeprefix("person:"), v.removeprefix("person:")))): w
        for u, v, w in P.edges(data="weight")
    }
    assert got == {tuple(sorted((u, v))): w for u, v, w in expected.edges(data="weight")}
    assert len(got) == 139  # 153 pairs of 18 women; 14 pairs never met


# ------------------------------------------------------------ igraph against networkx


def _disconnected():
    G = nx.disjoint_union_all([nx.path_graph(4), nx.complete_graph(4), nx.star_graph(3), nx.cycle_graph(5)])
    G.add_nodes_from(["iso1", "iso2"])
    return G


def _weighted():
    rng = random.Random(7)
    G = nx.gnm_random_graph(40, 90, seed=3)
    G.add_edges_from([(40, 41), (42, 43)])
    for u, v in G.edges():
        G.edges[u, v]["weight"] = round(rng.uniform(0.1, 5.0), 3)
    return G


def _davis_projection():
    B = nx.davis_southern_women_graph()
    return bipartite.weighted_projected_graph(B, [n for n, side in B.nodes(data="bipartite") if side == 0])


def _with_isolates():
    G = nx.les_miserables_graph()
    G.add_nodes_from(["Nobody", "Someone"])
    return G


GRAPHS = {
    "florentine": nx.florentine_families_graph,
    "davis": _davis_projection,
    "karate": nx.karate_club_graph,
    "disconnected": _disconnected,
    "weighted": _weighted,
    "isolates": _with_isolates,
    "empty": nx.Graph,
    "single": lambda: nx.complete_graph(1),
    "pair": lambda: nx.complete_graph(2),
}


def assert_same(a: pd.DataFrame, b: pd.DataFrame):
    assert list(a.columns) == list(b.columns)
    assert list(a["node"]) == list(b["node"])
    assert list(a["degree"]) == list(b["degree"])
    for column in ("weighted_degree", "betweenness", "closeness", "eigenvector"):
        for x, y in zip(a[column], b[column]):
            assert x == pytest.approx(y, abs=1e-9, nan_ok=True), column


@pytest.mark.parametrize("name", list(GRAPHS))
@pytest.mark.parametrize("weighted", [False, True])
def test_igraph_equals_networkx(name, weighted):
    G = GRAPHS[name]()
    assert_same(centrality(G, weighted=weighted), _centrality_networkx(G, weighted=weighted))


@pytest.mark.parametrize("sample", [1, 5, 12, 34, 50])
def test_sampled_betweenness_equals_networkx(sample):
    G = nx.karate_club_graph()
    a = centrality(G, sample=sample, seed=3)
    assert_same(a, _centrality_networkx(G, sample=sample, seed=3))
    if sample < 34:
        expected = nx.betweenness_centrality(G, k=sample, seed=3)
        got = dict(zip(a["node"], a["betweenness"]))
        assert all(got[n] == pytest.approx(expected[n], abs=1e-12, nan_ok=True) for n in G)
    else:  # a sample as large as the network is the exact value
        assert_same(a, centrality(G))


def test_closeness_can_be_left_out():
    # The star 0–1, 0–2, 0–3 (see the docstring): without closeness every other column is as
    # before and closeness is NaN, not 0, so that no reader takes it for a value.
    star = nx.star_graph(3)
    full, without = centrality(star), centrality(star, sample=2, seed=1, closeness=False)
    assert without["closeness"].isna().all()
    pd.testing.assert_frame_equal(without.drop(columns="closeness"),
                                  centrality(star, sample=2, seed=1).drop(columns="closeness"))
    assert full["closeness"].tolist() == [1.0, 0.6, 0.6, 0.6]


def test_a_sample_of_500_sources_on_a_larger_network_is_networkx_estimate():
    # The map's sample (verkosto.analysis.MAP_SAMPLE) on a network above it: 620 nodes.
    G = nx.connected_watts_strogatz_graph(620, 4, 0.2, seed=5)
    got = centrality(G, sample=500, seed=0, closeness=False).set_index("node")["betweenness"]
    expected = nx.betweenness_centrality(G, k=500, seed=0)
    assert got.to_dict() == pytest.approx(expected, abs=1e-12)
    exact = centrality(G).set_index("node")["betweenness"]
    assert got.to_dict() != pytest.approx(exact.to_dict(), abs=1e-6)  # an estimate, not the exact value


def test_centrality_matches_networkx_functions_directly():
    G = nx.karate_club_graph()
    df = centrality(G).set_index("node")
    for function, column in (
        (nx.betweenness_centrality, "betweenness"),
        (nx.closeness_centrality, "closeness"),
    ):
        expected = function(G)
        assert all(df.loc[n, column] == pytest.approx(expected[n], abs=1e-12) for n in G)
    eigen = nx.eigenvector_centrality(G, tol=1e-12, max_iter=1000)
    assert all(df.loc[n, "eigenvector"] == pytest.approx(eigen[n], abs=1e-9) for n in G)


def test_weighted_paths_use_inverse_weight():
    # A–B and B–C are strong (distance 1 each), A–C weak (weight 0.25: distance 4), so the
    # weighted shortest path from A to C runs through B: B lies on the one path of the one
    # pair (A, C), betweenness 2 / ((n-1)(n-2)) = 1. Counted in hops, A–C is direct: 0.
    G = nx.Graph()
    G.add_weighted_edges_from([("A", "B", 1.0), ("B", "C", 1.0), ("A", "C", 0.25)])
    assert centrality(G).set_index("node")["betweenness"].to_dict() == {"A": 0.0, "B": 0.0, "C": 0.0}
    weighted = centrality(G, weighted=True).set_index("node")
    assert weighted["betweenness"].to_dict() == {"B": 1.0, "A": 0.0, "C": 0.0}
    # closeness of A: distances 1 (B) and 2 (C, through B): 2 / 3
    assert weighted.loc["A", "closeness"] == pytest.approx(2 / 3)
    assert weighted.loc["A", "weighted_degree"] == 1.25


def test_eigenvector_per_component():
    # Two triangles and an isolated node, n = 7: each triangle's unit eigenvector is 1/sqrt(3)
    # per node, scaled by sqrt(3/7): 1/sqrt(7). The isolated node gets 0.
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
    G.add_node(6)
    eigen = centrality(G).set_index("node")["eigenvector"]
    assert eigen.drop(6).tolist() == pytest.approx([1 / math.sqrt(7)] * 6)
    assert eigen[6] == 0.0
    # A path a–b–c and an edge d–e, n = 5: the path's unit eigenvector is (1/2, 1/sqrt(2), 1/2),
    # scaled by sqrt(3/5); the edge's (1/sqrt(2), 1/sqrt(2)) scaled by sqrt(2/5): 1/sqrt(5).
    H = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    eigen = centrality(H).set_index("node")["eigenvector"]
    s = math.sqrt(3 / 5)
    assert eigen.to_dict() == pytest.approx(
        {"a": s / 2, "b": s / math.sqrt(2), "c": s / 2, "d": 1 / math.sqrt(5), "e": 1 / math.sqrt(5)}
    )


def test_weighted_eigenvector_components_are_those_of_weighted_paths():
    # A–B 5, B–C 0, C–D 1, D–E 1, weighted: a tie of weight 0 is no path, so the components
    # are {A, B} and {C, D, E} for paths and eigenvector alike (n = 5). {A, B}: unit vector
    # (1/sqrt(2), 1/sqrt(2)) scaled by sqrt(2/5), i.e. 1/sqrt(5) each. {C, D, E}, a path of
    # weights 1: unit vector (1/2, 1/sqrt(2), 1/2) scaled by sqrt(3/5). Before, the weight-0
    # tie joined one component of five, whose leading eigenvector (eigenvalue 5, on A–B) gave
    # C, D and E 0.
    G = nx.Graph()
    G.add_weighted_edges_from([("A", "B", 5), ("B", "C", 0), ("C", "D", 1), ("D", "E", 1)])
    s = math.sqrt(3 / 5)
    expected = {"A": 1 / math.sqrt(5), "B": 1 / math.sqrt(5), "C": s / 2, "D": s / math.sqrt(2), "E": s / 2}
    for table in (centrality(G, weighted=True), _centrality_networkx(G, weighted=True)):
        assert table.set_index("node")["eigenvector"].to_dict() == pytest.approx(expected, abs=1e-12)
    # Counted in hops the weight-0 tie is an edge: one path of five, unit eigenvector
    # (1/(2 sqrt(3)), 1/2, 1/sqrt(3), 1/2, 1/(2 sqrt(3))).
    hops = centrality(G).set_index("node")["eigenvector"].to_dict()
    r = math.sqrt(3)
    assert hops == pytest.approx({"A": 1 / (2 * r), "B": 0.5, "C": 1 / r, "D": 0.5, "E": 1 / (2 * r)}, abs=1e-9)


def test_centrality_columns_and_order():
    df = centrality(nx.path_graph(["x", "y", "z"]))
    assert list(df.columns) == [
        "node",
        "label",
        "kind",
        "sector",
        "degree",
        "weighted_degree",
        "betweenness",
        "closeness",
        "eigenvector",
    ]
    assert list(df["node"]) == ["y", "x", "z"]  # y on the only path; the tie x, z by node id
    assert list(df["label"]) == ["y", "x", "z"]
    empty = centrality(nx.Graph())
    assert empty.empty and list(empty.columns) == list(df.columns)


def test_centrality_projects_the_full_graph(tmp_path):
    # Persons network of a chain of groups: Aino–Bertta (g1), Bertta–Cecilia (g2).
    G = memberships_roster(tmp_path, {"Aino": ["g1"], "Bertta": ["g1", "g2"], "Cecilia": ["g2"]})
    df = centrality(G)
    assert list(df["node"]) == ["person:Bertta", "person:Aino", "person:Cecilia"]
    assert df.iloc[0][["label", "kind", "sector", "degree", "betweenness"]].tolist() == [
        "Bertta",
        "person",
        "other",
        2,
        1.0,
    ]
    groups = centrality(G, network="groups")
    assert list(groups["node"]) == ["group:g1", "group:g2"] and list(groups["degree"]) == [1, 1]
    with pytest.raises(ValueError, match="unknown network"):
        centrality(G, network="people")


# ------------------------------------------------------------------ a hand-made roster
#
# Groups (Ryhmät):                          members
#   P   Maakunnallinen ohjausryhmä          Aino, Greta, Hilla (chair)
#   RE  Eteläinen koordinaatioryhmä  (E)    Aino, Bertta (contact), Daniel
#   RP  Pohjoinen koordinaatioryhmä  (P)    Frans, Greta
#   LA  Akaan ohjausryhmä            (E)    Aino (chair), Bertta, Cecilia
#   LV  Valkeakosken ohjausryhmä     (E)    Daniel (chair), Eeva            parent RE (given)
#   LT  Tampereen ohjausryhmä        (P)    Frans (chair)                   parent P (given)
#
# Persons network: A–B (2 groups), A–C, B–C, A–D, B–D, D–E, A–G, A–H, G–H, F–G.
# Organisations network: city of Akaa–parish 2, city–MLL 1, parish–MLL 1, Akaa–Valkeakoski 1,
# parish–Valkeakoski 1, Akaa–Kela 2 (P + a collaboration tie), Akaa–county 1, Kela–county 1,
# Valkeakoski–county 1, Tampere–Kela 1.

P_, RE, RP = "Maakunnallinen ohjausryhmä", "Eteläinen koordinaatioryhmä", "Pohjoinen koordinaatioryhmä"
LA, LV, LT = "Akaan ohjausryhmä", "Valkeakosken ohjausryhmä", "Tampereen ohjausryhmä"
AKAA, PARISH, MLL = "Akaan kaupunki", "Akaan seurakunta", "MLL Akaa"
VALKEAKOSKI, COUNTY, TAMPERE, KELA = (
    "Valkeakosken kaupunki",
    "Pirkanmaan hyvinvointialue",
    "Tampereen kaupunki",
    "Kela",
)

HAND = {
    "Ryhmät": [
        ["Ryhmä", "Taso", "Tyyppi", "Alue", "Kunta", "Yläryhmä"],
        [P_, "Maakunnallinen", "Ohjausryhmä", "", "", ""],
        [RE, "Alueellinen", "Koordinaatioryhmä", "Eteläinen", "", ""],
        [RP, "Alueellinen", "Koordinaatioryhmä", "Pohjoinen", "", ""],
        [LA, "Paikallinen", "Ohjausryhmä", "Eteläinen", "Akaa", ""],
        [LV, "Paikallinen", "Ohjausryhmä", "Eteläinen", "Valkeakoski", RE],
        [LT, "Paikallinen", "Ohjausryhmä", "Pohjoinen", "Tampere", P_],
    ],
    "Organisaatiot": [
        ["Organisaatio", "Sektori", "Kunta"],
        [AKAA, "Kunta", "Akaa"],
        [PARISH, "Seurakunta", "Akaa"],
        [MLL, "Järjestö", "Akaa"],
        [VALKEAKOSKI, "Kunta", "Valkeakoski"],
        [COUNTY, "Hyvinvointialue", ""],
        [TAMPERE, "Kunta", "Tampere"],
        [KELA, "Kela", ""],
    ],
    "Jäsenyydet": [
        ["Henkilö", "Organisaatio", "Ryhmä", "Rooli"],
        ["Aino Aalto", AKAA, LA, "Puheenjohtaja"],
        ["Aino Aalto", AKAA, RE, "Jäsen"],
        ["Aino Aalto", AKAA, P_, "Jäsen"],
        ["Bertta Berg", PARISH, LA, "Jäsen"],
        ["Bertta Berg", PARISH, RE, "Yhdyshenkilö"],
        ["Cecilia Cajander", MLL, LA, "Jäsen"],
        ["Daniel Dahl", VALKEAKOSKI, LV, "Puheenjohtaja"],
        ["Daniel Dahl", VALKEAKOSKI, RE, "Jäsen"],
        ["Eeva Eskola", COUNTY, LV, "Jäsen"],
        ["Frans Forsman", TAMPERE, LT, "Puheenjohtaja"],
        ["Frans Forsman", TAMPERE, RP, "Jäsen"],
        ["Greta Grönlund", KELA, RP, "Jäsen"],
        ["Greta Grönlund", KELA, P_, "Jäsen"],
        ["Hilla Honkanen", COUNTY, P_, "Puheenjohtaja"],
    ],
    "Yhteistyö": [["Lähde", "Kohde", "Tyyppi", "Vahvuus"], [AKAA, KELA, "hanke", 1]],
}


@pytest.fixture
def hand(tmp_path):
    return load(tmp_path, HAND)


def test_brokerage(hand):
    df = brokerage(hand)
    assert list(df.columns) == [
        "node",
        "label",
        "organisation",
        "sector",
        "tiers",
        "regions",
        "groups",
        "n_tiers",
        "n_regions",
        "n_groups",
    ]
    assert df.iloc[0].tolist() == [
        "person:Aino Aalto",
        "Aino Aalto",
        AKAA,
        "municipality",
        ["provincial", "regional", "local"],
        ["Eteläinen"],
        [LA, RE, P_],
        3,
        1,
        3,
    ]
    assert df.set_index("label").loc["Greta Grönlund", ["tiers", "regions", "groups"]].tolist() == [
        ["provincial", "regional"],
        ["Pohjoinen"],
        [P_, RP],
    ]
    assert list(df["label"]) == [
        "Aino Aalto",  # 3 tiers
        "Bertta Berg",
        "Daniel Dahl",
        "Frans Forsman",
        "Greta Grönlund",  # 2 tiers, 2 groups
        "Cecilia Cajander",
        "Eeva Eskola",
        "Hilla Honkanen",  # 1 tier, 1 group
    ]
    assert df.set_index("label")["n_regions"].to_dict()["Hilla Honkanen"] == 0


def test_tier_links(hand):
    df = tier_links(hand)
    assert df.to_dict("records") == [
        {"group": RE, "tier": "regional", "parent_group": P_, "linkers": ["Aino Aalto"], "n_linkers": 1},
        {"group": RP, "tier": "regional", "parent_group": P_, "linkers": ["Greta Grönlund"], "n_linkers": 1},
        # inferred: Akaa's region is Eteläinen, so Eteläinen's group, not Pohjoinen's
        {
            "group": LA,
            "tier": "local",
            "parent_group": RE,
            "linkers": ["Aino Aalto", "Bertta Berg"],
            "n_linkers": 2,
        },
        # the parent given in the roster wins over the inferred Pohjoinen coordination group
        {"group": LT, "tier": "local", "parent_group": P_, "linkers": [], "n_linkers": 0},
        {"group": LV, "tier": "local", "parent_group": RE, "linkers": ["Daniel Dahl"], "n_linkers": 1},
    ]


def test_tier_links_without_regions(tmp_path):
    # No regions: a local steering group reports to every coordination group.
    rows = [
        ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso"],
        ["Aino", "Akaan kaupunki", "Kunta", "Akaan ohjausryhmä", "Paikallinen"],
        ["Aino", "Akaan kaupunki", "Kunta", "Läntinen koordinaatioryhmä", "Alueellinen"],
        ["Bertta", "Akaan kaupunki", "Kunta", "Akaan ohjausryhmä", "Paikallinen"],
        ["Bertta", "Akaan kaupunki", "Kunta", "Itäinen koordinaatioryhmä", "Alueellinen"],
    ]
    df = tier_links(load(tmp_path, {"Jäsenyydet": rows}))
    assert df[["group", "parent_group", "linkers"]].values.tolist() == [
        ["Akaan ohjausryhmä", "Itäinen koordinaatioryhmä", ["Bertta"]],
        ["Akaan ohjausryhmä", "Läntinen koordinaatioryhmä", ["Aino"]],
    ]


def test_tier_links_skip_same_tier_parents_and_missing_tier(tmp_path):
    # The local network's parent is on its own tier: no tier link. With no coordination
    # groups, Akaa's steering group reports straight to the provincial one.
    groups = [
        ["Ryhmä", "Taso", "Tyyppi", "Yläryhmä"],
        ["Maakunnallinen ohjausryhmä", "Maakunnallinen", "Ohjausryhmä", ""],
        ["Akaan ohjausryhmä", "Paikallinen", "Ohjausryhmä", ""],
        ["Akaan toimijaverkosto", "Paikallinen", "Muu", "Akaan ohjausryhmä"],
    ]
    rows = [
        ["Henkilö", "Organisaatio", "Sektori", "Ryhmä"],
        ["Aino", "Akaan kaupunki", "Kunta", "Akaan ohjausryhmä"],
        ["Aino", "Akaan kaupunki", "Kunta", "Akaan toimijaverkosto"],
        ["Aino", "Akaan kaupunki", "Kunta", "Maakunnallinen ohjausryhmä"],
    ]
    df = tier_links(load(tmp_path, {"Ryhmät": groups, "Jäsenyydet": rows}))
    assert df.to_dict("records") == [
        {
            "group": "Akaan ohjausryhmä",
            "tier": "local",
            "parent_group": "Maakunnallinen ohjausryhmä",
            "linkers": ["Aino"],
            "n_linkers": 1,
        }
    ]


def test_articulation_points(hand):
    df = articulation_points(hand)
    assert df.to_dict("records") == [
        # Without Aino: {Bertta, Cecilia, Daniel, Eeva} stays; {Frans, Greta, Hilla} is cut off
        # with the provincial group (Greta, Hilla), Pohjoinen (Frans, Greta) and Tampere (Frans).
        {
            "node": "person:Aino Aalto",
            "label": "Aino Aalto",
            "organisation": AKAA,
            "sector": "municipality",
            "cut_off_groups": [P_, RP, LT],
            "n_cut_off": 3,
            "n_cut_off_persons": 3,
        },
        # Without Greta, Frans is alone: Pohjoinen and Tampere go with him.
        {
            "node": "person:Greta Grönlund",
            "label": "Greta Grönlund",
            "organisation": KELA,
            "sector": "kela",
            "cut_off_groups": [RP, LT],
            "n_cut_off": 2,
            "n_cut_off_persons": 1,
        },
        # Without Daniel, Eeva is alone with Valkeakoski.
        {
            "node": "person:Daniel Dahl",
            "label": "Daniel Dahl",
            "organisation": VALKEAKOSKI,
            "sector": "municipality",
            "cut_off_groups": [LV],
            "n_cut_off": 1,
            "n_cut_off_persons": 1,
        },
    ]


def test_articulation_points_tie_and_none(tmp_path):
    # x–y–z: without y, the pieces {x} and {z} are equally large; x's piece stays (smaller id).
    G = memberships_roster(tmp_path, {"x": ["g1"], "y": ["g1", "g2"], "z": ["g2"], "w": ["g3"], "v": ["g3"]})
    df = articulation_points(G)
    assert df[["node", "cut_off_groups", "n_cut_off_persons"]].values.tolist() == [["person:y", ["g2"], 1]]
    triangle = memberships_roster(tmp_path, {"a": ["g"], "b": ["g"], "c": ["g"]})
    assert articulation_points(triangle).empty


def test_articulation_points_match_networkx():
    # The depth-first search finds the same cut points as networkx on a larger network.
    from verkosto.metrics import _cut_points

    G = nx.les_miserables_graph()
    G.add_edges_from([("X1", "X2"), ("X2", "X3")])
    found = dict(_cut_points(G))
    assert set(found) == set(nx.articulation_points(G))
    for cut, pieces in found.items():
        H = G.subgraph(set(G) - {cut})
        component = nx.node_connected_component(G, cut) - {cut}
        expected = sorted(sorted(c) for c in nx.connected_components(H) if c <= component)
        assert sorted(sorted(p) for p in pieces) == expected


def test_structural_holes(hand):
    df = structural_holes(hand).set_index("label")
    assert list(df.columns) == ["node", "sector", "constraint", "effective_size"]
    # Tampere's only partner is Kela: constraint (p = 1)^2 = 1, effective size 1.
    assert df.loc[TAMPERE, ["constraint", "effective_size"]].tolist() == [1.0, 1.0]
    # MLL Akaa has two partners, the city (weight 1) and the parish (weight 1), p = 1/2 each.
    # Through the city: p(MLL, parish) * p(parish, city) = 1/2 * 2/4 = 1/4, so (1/2 + 1/4)^2 = 9/16.
    # Through the parish: p(MLL, city) * p(city, parish) = 1/2 * 2/7 = 1/7, so (1/2 + 1/7)^2 = 81/196.
    assert df.loc[MLL, "constraint"] == pytest.approx(9 / 16 + 81 / 196)
    # Its two partners are tied to each other: effective size 2 - 2 * 1 / 2 = 1.
    assert df.loc[MLL, "effective_size"] == pytest.approx(1.0)
    assert df["constraint"].is_monotonic_increasing


def test_indicators(hand):
    df = indicators(hand).set_index("scope")
    assert list(df.index) == [
        "overall",
        "tier:provincial",
        "tier:regional",
        "tier:local",
        "region:Eteläinen",
        "region:Pohjoinen",
    ]
    counts = ["persons", "organisations", "groups", "memberships", "collaboration_ties", "components"]
    assert df[counts].to_dict("index") == {
        "overall": dict(zip(counts, [8, 7, 6, 14, 1, 1])),
        "tier:provincial": dict(zip(counts, [3, 3, 1, 3, 1, 1])),  # Akaa and Kela both sit here
        "tier:regional": dict(zip(counts, [5, 5, 2, 5, 1, 1])),
        "tier:local": dict(zip(counts, [6, 6, 3, 6, 0, 2])),  # Frans is alone in Tampere
        "region:Eteläinen": dict(zip(counts, [5, 5, 3, 8, 0, 1])),
        "region:Pohjoinen": dict(zip(counts, [2, 2, 2, 3, 0, 1])),
    }
    ratios = ["density", "average_degree", "degree_centralization"]
    expected = {
        # 10 ties of 28 pairs; degrees A5 B3 C2 D3 E1 F1 G3 H2: sum(5 - d) = 20 over 7 * 6
        "overall": [10 / 28, 20 / 8, 20 / 42],
        "tier:provincial": [1.0, 2.0, 0.0],  # triangle Aino, Greta, Hilla
        # A–B, A–D, B–D, A–G, F–G; degrees A3 B2 D2 F1 G2: sum(3 - d) = 5 over 4 * 3
        "tier:regional": [5 / 10, 2.0, 5 / 12],
        # A–B, A–C, B–C, A–D, B–D, D–E, F alone; degrees 3 3 2 3 1 0: 6 over 5 * 4
        "tier:local": [6 / 15, 2.0, 6 / 20],
        "region:Eteläinen": [6 / 10, 12 / 5, 3 / 12],
        "region:Pohjoinen": [1.0, 1.0, 0.0],
    }
    for scope, values in expected.items():
        assert df.loc[scope, ratios].tolist() == pytest.approx(values), scope


def test_degree_centralization_star_and_cycle(tmp_path):
    # Star: centre degree 4, leaves 1: 4 * (4 - 1) / (4 * 3) = 1. Cycle: every degree 2: 0.
    star = memberships_roster(
        tmp_path, {"c": ["g1", "g2", "g3", "g4"], "a": ["g1"], "b": ["g2"], "d": ["g3"], "e": ["g4"]}
    )
    row = indicators(star).iloc[0]
    assert row[["persons", "density", "average_degree", "degree_centralization"]].tolist() == [
        5,
        0.4,
        1.6,
        1.0,
    ]
    cycle = memberships_roster(
        tmp_path,
        {"a": ["g1", "g5"], "b": ["g1", "g2"], "c": ["g2", "g3"], "d": ["g3", "g4"], "e": ["g4", "g5"]},
    )
    row = indicators(cycle).iloc[0]
    assert row[["persons", "density", "average_degree", "degree_centralization"]].tolist() == [
        5,
        0.5,
        2.0,
        0.0,
    ]
    assert degree_centralization(nx.path_graph(2)) == 0.0
