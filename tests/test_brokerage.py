"""Gould–Fernandez brokerage roles: counted by hand, and equal to R sna's brokerage() on recorded cases.

The recorded cases live in ``tests/sna/``: arc and class lists written by
``tests/sna/export_cases.py`` and sna's outputs recorded by ``tests/sna/record.R`` (see the
comment at its top). The suite reads the recorded files only; it never runs R.
"""

import itertools
import math
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from rosters import write_xlsx

from verkosto import VerkostoError, analyse
from verkosto.graph import build_graph
from verkosto.load import load_roster
from verkosto.metrics import BROKER_ROLES, _brokerage_network, brokerage_roles, brokerage_roles_overall

SNA = Path(__file__).resolve().parent / "sna"
# sna's columns and ours: b_IO (A → A → B) is the representative, b_OI (A → B → B) the gatekeeper.
SNA_COLUMNS = dict(zip(["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"], [*BROKER_ROLES, "total"]))
CASES = ["hand", "random_directed", "example_collaboration_sector", "example_groups_tier"]


def recorded_graph(name: str) -> nx.DiGraph:
    classes = pd.read_csv(SNA / f"{name}.classes.csv", keep_default_na=False, dtype=str)
    arcs = pd.read_csv(SNA / f"{name}.arcs.csv", keep_default_na=False, dtype=str)
    D = nx.DiGraph()
    D.add_nodes_from((n, {"sector": c}) for n, c in zip(classes["node"], classes["class"]))
    D.add_edges_from(zip(arcs["source"], arcs["target"]))
    return D


def hand_graph() -> nx.DiGraph:
    #   a1 → a2 → a3 → a1 (a triangle of class A),  a2 → b1,  b1 → a1,  b1 → b2,  b1 → c1,
    #   b2 ⇄ c1 (both directions)
    D = recorded_graph("hand")
    assert sorted(D.edges) == sorted(
        [("a1", "a2"), ("a2", "a3"), ("a3", "a1"), ("a2", "b1"), ("b1", "a1"), ("b1", "b2"), ("b1", "c1"),
         ("b2", "c1"), ("c1", "b2")]
    )
    return D


def test_hand_count():
    # Every two-path i → j → k with i ≠ k, and whether i → k closes it:
    #   a1: b1 → a1 → a2 open, B A A: gatekeeper;  a3 → a1 → a2 open, A A A: coordinator
    #   a2: a1 → a2 → a3 open: coordinator;        a1 → a2 → b1 open, A A B: representative
    #   a3: a2 → a3 → a1 open: coordinator
    #   b1: a2 → b1 → b2 open, A B B: gatekeeper;  a2 → b1 → a1 open, A B A: itinerant;
    #       a2 → b1 → c1 open, A B C: liaison
    #   b2: b1 → b2 → c1 closed by b1 → c1;        c1 → b2 → c1 returns (i = k): neither counts
    #   c1: b1 → c1 → b2 closed by b1 → b2;        b2 → c1 → b2 returns
    df = brokerage_roles(hand_graph()).set_index("node")
    counts = df[list(BROKER_ROLES)].T.to_dict("list")
    assert counts == {
        "a1": [1, 0, 0, 1, 0],
        "a2": [1, 0, 1, 0, 0],
        "a3": [1, 0, 0, 0, 0],
        "b1": [0, 1, 0, 1, 1],
        "b2": [0, 0, 0, 0, 0],
        "c1": [0, 0, 0, 0, 0],
    }
    assert df["total"].to_dict() == {"a1": 2, "a2": 2, "a3": 1, "b1": 3, "b2": 0, "c1": 0}
    # N = 6, m = 9 arcs: d = 9/30 = 0.3 and an ordered pair of ends is an open two-path
    # through a given broker with probability d²(1 - d) = 0.063. A coordinator of class A
    # (3 nodes) has (3-1)(3-2) = 2 such pairs: expected 0.126, variance 0.126 (1 - 0.063)
    # (sna's covariance term 2 (n-1)(n-2)(n-3) d³(1-d)³ is 0 for n = 3).
    a1 = df.loc["a1"]
    assert a1["coordinator_expected"] == pytest.approx(0.126, abs=1e-15)
    assert a1["coordinator_sd"] == pytest.approx(math.sqrt(0.126 * 0.937), abs=1e-15)
    assert a1["coordinator_z"] == pytest.approx((1 - 0.126) / math.sqrt(0.126 * 0.937), abs=1e-14)
    # Class B has two nodes: no coordinator is possible, expected 0, sd 0, z NaN (as sna).
    assert (df.loc["b1", "coordinator_expected"], df.loc["b1", "coordinator_sd"]) == (0.0, 0.0)
    assert math.isnan(df.loc["b1", "coordinator_z"])
    overall = brokerage_roles_overall(hand_graph()).set_index("broker_role")
    assert overall["observed"].to_dict() == {
        "coordinator": 3, "itinerant": 1, "representative": 1, "gatekeeper": 2, "liaison": 1, "total": 8,
    }


def _recorded(name: str, level: str) -> pd.DataFrame:
    return pd.read_csv(SNA / f"{name}.{level}.csv", keep_default_na=False, dtype=str)


def _number(text: str) -> float:
    return float("nan") if text in ("NaN", "NA") else float(text)


@pytest.mark.parametrize("name", CASES)
def test_equal_to_sna(name):
    D = recorded_graph(name)
    got = brokerage_roles(D).set_index("node")
    want = _recorded(name, "nli").set_index("node")
    assert sorted(got.index) == sorted(want.index)
    assert (got["sector"] == want.loc[got.index, "class"]).all()
    for sna, role in SNA_COLUMNS.items():
        for part, suffix in (("raw", ""), ("exp", "_expected"), ("sd", "_sd"), ("z", "_z")):
            expected = want.loc[got.index, f"{part}_{sna}"].map(_number).to_numpy()
            assert got[role + suffix].to_numpy(dtype=float) == pytest.approx(
                expected, rel=1e-12, abs=1e-12, nan_ok=True
            ), (role, part)
    overall = brokerage_roles_overall(D).set_index("broker_role")
    for row in _recorded(name, "gli").itertuples(index=False):
        role = SNA_COLUMNS[row.role]
        assert overall.loc[role, "observed"] == int(float(row.raw))
        for column, value in (("expected", row.exp), ("sd", row.sd), ("z", row.z)):
            assert overall.loc[role, column] == pytest.approx(_number(value), rel=1e-12, nan_ok=True), (role, column)


def test_recorded_example_is_the_bundled_example():
    """The recorded cases are the bundled 2024–2025 example's networks, arc for arc."""
    G = analyse(season="2024-2025").graph
    for name, network, by in (
        ("example_collaboration_sector", "collaboration", "sector"),
        ("example_groups_tier", "groups", "tier"),
    ):
        D = _brokerage_network(G, network, None)
        recorded = recorded_graph(name)
        assert sorted(D.nodes) == sorted(recorded.nodes)
        assert sorted(D.edges) == sorted(recorded.edges)
        assert {n: D.nodes[n].get(by) or "" for n in D} == dict(recorded.nodes(data="sector"))


def test_the_example_in_numbers():
    # sna on the example's directed collaboration of organisations, classes = sector:
    # coordinator 11, itinerant 0, representative 20, gatekeeper 43, liaison 27; gatekeeping
    # over-represented (z = 3.49), itinerant brokerage under-represented (z = -3.07).
    overall = brokerage_roles_overall(analyse(season="2024-2025").graph, by="sector").set_index("broker_role")
    assert overall.loc[list(BROKER_ROLES), "observed"].tolist() == [11, 0, 20, 43, 27]
    assert round(overall.loc["gatekeeper", "z"], 2) == 3.49
    assert round(overall.loc["itinerant", "z"], 2) == -3.07


def _naive(D: nx.DiGraph, by: str) -> dict:
    """Brute force: every i → j → k, i ≠ k, no i → k, classified by the three classes."""
    counts = {v: dict.fromkeys(BROKER_ROLES, 0) for v in D}
    cls = {v: D.nodes[v].get(by) or "" for v in D}
    for j in D:
        for i, k in itertools.product(D.predecessors(j), D.successors(j)):
            if i == k or i == j or k == j or D.has_edge(i, k):
                continue
            a, b, c = cls[i], cls[j], cls[k]
            role = (
                "coordinator" if a == b == c
                else "itinerant" if a == c
                else "representative" if a == b
                else "gatekeeper" if b == c
                else "liaison"
            )
            counts[j][role] += 1
    return counts


@pytest.mark.parametrize("seed", range(6))
def test_counts_equal_brute_force(seed):
    rng = random.Random(seed)
    D = nx.gnp_random_graph(25, rng.uniform(0.05, 0.4), seed=seed, directed=True)
    nx.set_node_attributes(D, {v: rng.choice("xyzw"[: 1 + seed % 4]) for v in D}, "sector")
    got = brokerage_roles(D).set_index("node")[list(BROKER_ROLES)].T.to_dict()
    assert got == _naive(D, "sector")


def test_reversing_the_arcs_swaps_representative_and_gatekeeper():
    D = recorded_graph("random_directed")
    forward = brokerage_roles(D).set_index("node").sort_index()
    backward = brokerage_roles(D.reverse()).set_index("node").sort_index()
    assert (forward["representative"] == backward["gatekeeper"]).all()
    assert (forward["gatekeeper"] == backward["representative"]).all()
    for role in ("coordinator", "itinerant", "liaison", "total"):
        assert (forward[role] == backward[role]).all()


def test_an_undirected_edge_counts_as_two_arcs():
    # The path x – y – z with y of another class: two open two-paths through y, x → y → z
    # and z → y → x; with x, z of two classes besides y's, y is liaison twice.
    P = nx.Graph([("x", "y"), ("y", "z")])
    nx.set_node_attributes(P, {"x": "A", "y": "B", "z": "C"}, "sector")
    df = brokerage_roles(P).set_index("node")
    assert df.loc["y", list(BROKER_ROLES)].tolist() == [0, 0, 0, 0, 2]
    pd.testing.assert_frame_equal(df, brokerage_roles(P.to_directed()).set_index("node"))
    # d = 4 arcs / (3 · 2) = 2/3, as sna on the symmetric matrix
    assert df.loc["y", "liaison_expected"] == pytest.approx((2 / 3) ** 2 * (1 / 3) * 2)
    # directed=False on a directed graph: every arc in both directions
    D = nx.DiGraph([("x", "y"), ("y", "z")])
    nx.set_node_attributes(D, {"x": "A", "y": "B", "z": "C"}, "sector")
    assert brokerage_roles(D).set_index("node").loc["y", "liaison"] == 1
    pd.testing.assert_frame_equal(brokerage_roles(D, directed=False).set_index("node"), df)


def test_undirected_projections_have_equal_representatives_and_gatekeepers():
    df = brokerage_roles(analyse(season="2024-2025").graph, network="groups", by="tier")
    assert (df["representative"] == df["gatekeeper"]).all()
    assert set(df["kind"]) == {"group"}


def test_errors_name_the_argument():
    G = analyse(season="2024-2025").graph
    with pytest.raises(ValueError, match="the groups network has no direction; use directed=False"):
        brokerage_roles(G, network="groups", by="tier", directed=True)
    with pytest.raises(VerkostoError) as err:
        brokerage_roles(G, network="groups", by="sector")
    assert err.value.render("en") == "no node of the groups network has a sector; choose one of: tier, region, municipality"
    with pytest.raises(ValueError, match="unknown by='colour'"):
        brokerage_roles(G, by="colour")
    with pytest.raises(ValueError, match="unknown network"):
        brokerage_roles(G, network="people")


def test_collaboration_direction_and_persons_count_for_their_organisations(tmp_path):
    # Lähde → Kohde: Kunta → Seurakunta (organisations), Aino (of Kunta) → Cecilia (of MLL),
    # Aino → Daniel (both of Kunta: inside one organisation, no arc). Kela has no tie: an
    # isolate, counted in N.
    sheets = {
        "Jäsenyydet": [
            ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso"],
            ["Aino", "Kunta", "Kunta", "OR", "Paikallinen"],
            ["Daniel", "Kunta", "Kunta", "OR", "Paikallinen"],
            ["Cecilia", "MLL", "Järjestö", "OR", "Paikallinen"],
            ["Bertta", "Seurakunta", "Seurakunta", "OR", "Paikallinen"],
            ["Greta", "Kela", "Kela", "OR", "Paikallinen"],
        ],
        "Yhteistyö": [
            ["Lähde", "Kohde", "Vahvuus"],
            ["Seurakunta", "Kunta", 2],
            ["Aino", "Cecilia", 1],
            ["Aino", "Daniel", 1],
        ],
    }
    G = build_graph(load_roster(write_xlsx(tmp_path / "r.xlsx", sheets)))
    # The MultiDiGraph keeps the direction; the undirected collaboration projection does not.
    assert G.has_edge("organisation:Seurakunta", "organisation:Kunta", "collaborates")
    assert not G.has_edge("organisation:Kunta", "organisation:Seurakunta", "collaborates")
    D = _brokerage_network(G, "collaboration", None)
    assert sorted(D.edges) == [("organisation:Kunta", "organisation:MLL"), ("organisation:Seurakunta", "organisation:Kunta")]
    assert sorted(D.nodes) == ["organisation:Kela", "organisation:Kunta", "organisation:MLL", "organisation:Seurakunta"]
    df = brokerage_roles(G).set_index("label")
    # Seurakunta → Kunta → MLL: three sectors, Kunta is a liaison; N = 4, d = 2/12
    assert df.loc["Kunta", list(BROKER_ROLES)].tolist() == [0, 0, 0, 0, 1]
    d = 2 / 12
    # liaison pairs of a municipality broker: ordered pairs of the 3 other one-node classes, 3·2
    assert df.loc["Kunta", "liaison_expected"] == pytest.approx(d**2 * (1 - d) * 6)
    # every tie taken both ways: Kunta also brokers MLL → Kunta → Seurakunta
    both = brokerage_roles(G, directed=False).set_index("label")
    assert both.loc["Kunta", "liaison"] == 2


def test_columns_and_order():
    df = brokerage_roles(hand_graph())
    measures = [*BROKER_ROLES, "total"]
    assert list(df.columns) == ["node", "label", "kind", "sector"] + [
        f"{role}{suffix}" for role in measures for suffix in ("", "_expected", "_sd", "_z")
    ]
    assert list(df["node"]) == ["b1", "a1", "a2", "a3", "b2", "c1"]  # by total, then id
    assert df["coordinator"].dtype.kind == "i" and df["coordinator_z"].dtype.kind == "f"
    empty = brokerage_roles(nx.DiGraph())
    assert list(empty.columns) == ["node", "label", "kind", "sector"] + list(df.columns[4:]) and empty.empty
    assert np.isnan(brokerage_roles_overall(nx.DiGraph())["z"]).all()


# ------------------------------------------------------------------ the views: words, report


def test_dominant_role_in_words():
    from verkosto.present import broker_role_text, dominant_broker_role

    df = brokerage_roles(analyse(season="2024-2025").graph).set_index("label")
    hame = df.loc["MLL:n Hämeen piiri"]
    assert dominant_broker_role(hame) == "gatekeeper"
    assert broker_role_text(hame, "fi") == "portinvartija sektorille Järjestö"
    assert broker_role_text(hame, "en") == "gatekeeper for the sector NGO"
    # Pälkäne: coordinator 5 (z 12.79), representative 2 (z 2.29): the highest z wins
    assert broker_role_text(df.loc["Pälkäneen kunta"], "fi") == "koordinaattori sektorin Kunta sisällä"
    nothing = df[df["total"] == 0].iloc[0]
    assert dominant_broker_role(nothing) is None and broker_role_text(nothing, "fi") == ""
    # a tie of z-scores goes to the larger count
    row = {"region": "", "representative": 1, "representative_z": 1.0, "liaison": 3, "liaison_z": 1.0}
    assert broker_role_text(row, "fi") == "yhdysside muiden alueiden välillä"
    assert broker_role_text({"municipality": "Akaa", "gatekeeper": 1, "gatekeeper_z": 0.1}, "fi") == "portinvartija kuntaan Akaa"
    groups = brokerage_roles(analyse(season="2024-2025").graph, network="groups", by="tier").set_index("label")
    # a provincial network whose members sit in many local groups links those groups: itinerant
    meeting_places = groups.loc["Pirkanmaan kohtaamispaikkaverkosto"]
    assert (meeting_places["tier"], meeting_places["itinerant"]) == ("provincial", 1824)
    assert broker_role_text(meeting_places, "fi") == "kiertävä välittäjä muiden tasojen ryhmille"
    assert broker_role_text(meeting_places, "en") == "itinerant broker for other tiers"


def test_the_analysis_computes_each_brokerage_once():
    a = analyse(season="2024-2025")
    assert a.brokerage_roles("sector") is a.brokerage_roles()
    pd.testing.assert_frame_equal(a.brokerage_roles(), brokerage_roles(a.graph))
    pd.testing.assert_frame_equal(
        a.brokerage_roles("tier", network="groups"), brokerage_roles(a.graph, network="groups", by="tier")
    )
    assert a.brokerage_roles("tier", network="groups") is a.brokerage_roles("tier", network="groups")
    pd.testing.assert_frame_equal(a.brokerage_roles_overall(), brokerage_roles_overall(a.graph))


def test_the_report_explains_the_roles_in_finnish():
    from verkosto.report import report_sheets

    sheets = report_sheets(analyse(season="2024-2025"), lang="fi", generated="2025-01-01")
    names = list(sheets)
    assert names[names.index("Välittäjät") + 1 : names.index("Välittäjät") + 3] == [
        "Välittäjäroolit", "Välittäjäroolien selitys",
    ]
    roles = sheets["Välittäjäroolit"]
    assert [roles.headers.get(c, c) for c in roles.frame.columns] == [
        "Nimi", "Sektori", "Koordinaattori", "Kiertävä välittäjä", "Edustaja", "Portinvartija", "Yhdysside",
        "Välitykset yhteensä", "Koordinaattori, z", "Kiertävä välittäjä, z", "Edustaja, z", "Portinvartija, z",
        "Yhdysside, z",
    ]
    first = roles.frame.iloc[0]
    assert (first["label"], first["sector"], first["gatekeeper"]) == ("MLL:n Hämeen piiri", "Järjestö", 42)
    guide = sheets["Välittäjäroolien selitys"]
    assert [guide.headers.get(c, c) for c in guide.frame.columns] == [
        "Välittäjärooli", "Selitys", "Havaittu", "Odotettu", "z-luku",
    ]
    rows = guide.frame.to_dict("records")
    assert [r["broker_role"] for r in rows] == [
        "Koordinaattori", "Kiertävä välittäjä", "Edustaja", "Portinvartija", "Yhdysside", "Välitykset yhteensä",
        "Odotettu määrä ja z-luku",
    ]
    assert rows[3]["explanation"].startswith("Ottaa vastaan toisen sektorin toimijan yhteistyön")
    assert "(A → B → B)" in rows[3]["explanation"]
    assert [r["observed"] for r in rows[:6]] == [11, 0, 20, 43, 27, 101]
    assert round(rows[3]["z"], 2) == 3.49
    assert "Gould ja Fernandez 1989" in rows[6]["explanation"]


def test_every_role_has_words_for_every_class_in_both_languages():
    from verkosto.i18n import LANGUAGES, catalogue, placeholders
    from verkosto.metrics import BROKERAGE_CLASSES

    entries = catalogue()
    for role in BROKER_ROLES:
        assert f"brokerage.explain.{role}" in entries and f"column.{role}_z" in entries
        for by in BROKERAGE_CLASSES:
            entry = entries[f"brokerage.role_text.{role}.{by}"]
            assert all(placeholders(entry[lang]) <= {"name"} for lang in LANGUAGES)
