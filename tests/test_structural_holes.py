"""Burt's constraint and effective size (verkosto.metrics.structural_holes): by hand and against networkx.

The reference is networkx' node-by-node computation, ``nx.constraint(G, nodes=list(G), ...)``,
which is Burt's definition in every networkx version. Without ``nodes``, and with scipy
installed, recent networkx takes a matrix path (networkx pull request #7249) whose weighted
effective size divides by the wrong row maximum (pull request #8906), so the tests never
compare with that.
"""

import math
import random

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms import bipartite
from rosters import write_xlsx

from verkosto import metrics
from verkosto.example import example_path
from verkosto.graph import build_graph, organisations
from verkosto.load import load_roster
from verkosto.metrics import _burt, structural_holes


def networkx_burt(G, nodes=None):
    """networkx' constraint and effective size of *nodes* (default: all), node by node."""
    nodes = list(G) if nodes is None else nodes
    constraint = nx.constraint(G, nodes=nodes, weight="weight")
    effective = nx.effective_size(G, nodes=nodes, weight="weight")
    return [constraint[n] for n in nodes], [effective[n] for n in nodes]


def assert_matches_networkx(G):
    constraint, effective = _burt(G)
    expected_constraint, expected_effective = networkx_burt(G)
    # equal_nan: NaN exactly where networkx has NaN, a number everywhere else.
    np.testing.assert_allclose(constraint, expected_constraint, rtol=0, atol=1e-9, equal_nan=True)
    np.testing.assert_allclose(effective, expected_effective, rtol=0, atol=1e-9, equal_nan=True)


def weighted(G, seed, choices=range(1, 10)):
    rng = random.Random(seed)
    for u, v in sorted(G.edges()):
        G[u][v]["weight"] = rng.choice(choices)
    return G


def with_isolate_and_self_loops():
    G = nx.path_graph(4)
    G.add_edge(1, 1, weight=3)  # a self-loop on a node with other ties
    G.add_edge(2, 3, weight=0)  # a tie of weight 0 still makes a neighbour
    G.add_node("isolate")
    G.add_edge("loop", "loop")  # only a self-loop, weight 1 (no attribute)
    G.add_edge("loop2", "loop2", weight=2.5)
    G.add_edge("z1", "z2", weight=0)  # a pair tied only with weight 0
    return G


def davis_women():
    B = nx.davis_southern_women_graph()
    women = [n for n, side in B.nodes(data="bipartite") if side == 0]
    return bipartite.weighted_projected_graph(B, women)


def random_weighted(seed):
    G = nx.gnp_random_graph(60, 0.15, seed=seed)
    G.add_edge(0, 0)
    G.add_node(60)
    return weighted(G, seed, choices=[0.5, 1, 2, 2.5, 3])


GRAPHS = {
    "florentine": nx.florentine_families_graph,  # unweighted, Pucci is an isolate
    "florentine weighted": lambda: weighted(nx.florentine_families_graph(), seed=7),
    "karate": nx.karate_club_graph,  # weighted by interactions
    "davis women": davis_women,  # weight = shared events
    "isolate and self-loops": with_isolate_and_self_loops,
    **{f"random {seed}": (lambda seed=seed: random_weighted(seed)) for seed in range(4)},
}


@pytest.mark.parametrize("name", GRAPHS)
def test_equals_networkx(name):
    assert_matches_networkx(GRAPHS[name]())


def test_equals_networkx_in_small_batches(monkeypatch):
    # Wedges are summed a batch of centres at a time; batches of one centre give the same.
    monkeypatch.setattr(metrics, "_WEDGE_BATCH", 1)
    assert_matches_networkx(nx.karate_club_graph())
    assert_matches_networkx(random_weighted(9))


def test_worked_by_hand():
    # a-b 1, a-c 3, b-c 2, c-d 1. Weight sums s: a 4, b 3, c 6, d 1; largest x: a 3, b 2, c 3, d 1.
    # p = a/s: p(a,b) 1/4, p(a,c) 3/4, p(b,a) 1/3, p(b,c) 2/3, p(c,a) 1/2, p(c,b) 1/3, p(c,d) 1/6, p(d,c) 1.
    # constraint(a) = (1/4 + 3/4 * 1/3)^2 + (3/4 + 1/4 * 2/3)^2 = 1/4 + 121/144 = 157/144
    # constraint(b) = (1/3 + 2/3 * 1/2)^2 + (2/3 + 1/3 * 3/4)^2 = 64/144 + 121/144 = 185/144
    # constraint(c) = (1/2 + 1/3 * 1/3)^2 + (1/3 + 1/2 * 1/4)^2 + (1/6)^2 = (1936 + 1089 + 144) / 5184
    # constraint(d) = 1^2
    # m = a/x: m(a,b) 1/3, m(a,c) 1, m(b,a) 1/2, m(b,c) 1, m(c,a) 1, m(c,b) 2/3, m(c,d) 1/3, m(d,c) 1.
    # effective(a) = (1 - p(a,c) m(b,c)) + (1 - p(a,b) m(c,b)) = 1/4 + 5/6 = 13/12
    # effective(b) = (1 - p(b,c) m(a,c)) + (1 - p(b,a) m(c,a)) = 1/3 + 2/3 = 1
    # effective(c) = (1 - p(c,b) m(a,b)) + (1 - p(c,a) m(b,a)) + 1 = 8/9 + 3/4 + 1 = 95/36
    # effective(d) = 1
    # (networkx' all-nodes matrix path gives 1.25 for a and 8/3 for c: it divides m(v, w) by x(w).)
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1), ("a", "c", 3), ("b", "c", 2), ("c", "d", 1)])
    constraint, effective = _burt(G)
    assert constraint.tolist() == pytest.approx([157 / 144, 185 / 144, 3169 / 5184, 1.0], abs=1e-12)
    assert effective.tolist() == pytest.approx([13 / 12, 1.0, 95 / 36, 1.0], abs=1e-12)


def test_isolate_and_self_loop_by_hand():
    # A node alone has neither measure; one with only a self-loop is its own sole neighbour:
    # p = 1, constraint (1 + 1 * 1)^2 = 4, and no effective size (no neighbour but itself).
    G = nx.Graph()
    G.add_node("alone")
    G.add_edge("loop", "loop", weight=2)
    constraint, effective = _burt(G)
    assert math.isnan(constraint[0]) and math.isnan(effective[0])
    assert constraint[1] == 4.0 and math.isnan(effective[1])


def test_no_ties():
    constraint, effective = _burt(nx.Graph())
    assert constraint.tolist() == [] and effective.tolist() == []
    constraint, effective = _burt(nx.empty_graph(2))
    assert np.isnan(constraint).all() and np.isnan(effective).all()


def expected_frame_order(frame, constraint):
    """Node ids by constraint on 12 decimals (NaN last), then by node id."""
    key = {node: (math.isnan(c), round(c, 12) if not math.isnan(c) else 0.0, node) for node, c in constraint.items()}
    return sorted(frame["node"], key=key.__getitem__)


def test_example_roster_equals_networkx():
    G = build_graph(load_roster(example_path(None)))
    P = organisations(G)
    frame = structural_holes(G)
    assert list(frame.columns) == ["node", "label", "sector", "constraint", "effective_size"]
    assert sorted(frame["node"]) == sorted(P)
    # networkx takes about 0.25 s per organisation here (22 s for all 83), so every
    # seventh row in constraint order, lowest to highest, stands for the whole table.
    sample = frame["node"].tolist()[::7] + frame["node"].tolist()[-1:]
    expected_constraint, expected_effective = networkx_burt(P, sample)
    rows = frame.set_index("node").loc[sample]
    np.testing.assert_allclose(rows["constraint"], expected_constraint, rtol=0, atol=1e-9)
    np.testing.assert_allclose(rows["effective_size"], expected_effective, rtol=0, atol=1e-9)
    assert frame["node"].tolist() == expected_frame_order(frame, dict(zip(frame["node"], frame["constraint"])))


def test_isolated_organisation_has_nan_and_comes_last(tmp_path):
    # Padgett's Florentine marriages as collaboration ties; Pucci, whom networkx leaves out,
    # married into no other family.
    F = nx.florentine_families_graph()
    sheets = {
        "Organisaatiot": [["Organisaatio", "Sektori"]] + [[family, "Muu"] for family in sorted(F) + ["Pucci"]],
        "Yhteistyö": [["Lähde", "Kohde"]] + [[u, v] for u, v in F.edges()],
    }
    G = build_graph(load_roster(write_xlsx(tmp_path / "roster.xlsx", sheets)))
    frame = structural_holes(G)
    last = frame.iloc[-1]
    assert last["node"] == "organisation:Pucci"
    assert math.isnan(last["constraint"]) and math.isnan(last["effective_size"])
    assert frame["constraint"].iloc[:-1].notna().all()
    expected = dict(zip(F, nx.constraint(F, nodes=list(F)).values()))
    by_family = frame.set_index("label")
    np.testing.assert_allclose(by_family.loc[list(F), "constraint"], [expected[f] for f in F], atol=1e-9)


def test_equal_constraints_in_node_order(tmp_path):
    # A star: every leaf has constraint 1 and effective size 1, the centre 4 * (1/4)^2 = 1/4
    # and effective size 4. The leaves tie and come in node-id order.
    leaves = ["Delta", "Alfa", "Charlie", "Bravo"]
    sheets = {
        "Organisaatiot": [["Organisaatio", "Sektori"]] + [[name, "Muu"] for name in ["Keskus", *leaves]],
        "Yhteistyö": [["Lähde", "Kohde"]] + [["Keskus", leaf] for leaf in leaves],
    }
    G = build_graph(load_roster(write_xlsx(tmp_path / "roster.xlsx", sheets)))
    frame = structural_holes(G)
    assert frame["label"].tolist() == ["Keskus", "Alfa", "Bravo", "Charlie", "Delta"]
    assert frame["constraint"].tolist() == pytest.approx([0.25, 1, 1, 1, 1])
    assert frame["effective_size"].tolist() == pytest.approx([4, 1, 1, 1, 1])
