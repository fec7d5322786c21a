"""One Analysis shared by every view: computed once, the same numbers as the plain functions."""

import math
import random

import networkx as nx
import pandas as pd
import pytest
from conftest import add_group, add_organisation, add_person, add_tiers

import verkosto
from verkosto import analyse, coverage, graph, metrics
from verkosto.analysis import MAP_SAMPLE, MAP_SEED, Analysis
from verkosto.example import example_path
from verkosto.load import load_roster


@pytest.fixture(scope="module")
def example():
    return analyse(example_path("2023-2024"))


def test_public_names_are_exactly_these():
    assert sorted(verkosto.__all__) == sorted(
        [
            "Analysis", "MapView", "OutputError", "Problem", "Roster", "RosterError", "VerkostoError",
            "analyse", "build_graph", "collaboration", "groups", "load_roster", "organisations", "persons",
            "project", "show", "to_html", "validate_roster", "write_html",
        ]
    )
    assert all(hasattr(verkosto, name) for name in verkosto.__all__)


def test_the_map_and_the_report_build_each_piece_once(tmp_path, monkeypatch):
    from verkosto.report import write_report
    from verkosto.views import write_map

    calls = {"project": [], "coverage": 0, "centrality": 0}
    project, context, centrality = graph.project, coverage._Roster.__init__, metrics.centrality

    def counted_project(G, network):
        calls["project"].append(network)
        return project(G, network)

    def counted_context(self, G):
        calls["coverage"] += 1
        context(self, G)

    def counted_centrality(*args, **kwargs):
        calls["centrality"] += 1
        return centrality(*args, **kwargs)

    monkeypatch.setattr(graph, "project", counted_project)
    monkeypatch.setattr(coverage._Roster, "__init__", counted_context)
    monkeypatch.setattr(metrics, "centrality", counted_centrality)
    analysis = analyse(example_path("2023-2024"))
    write_map(analysis, tmp_path / "kartta.html", generated="2025-01-01")
    write_report(analysis, tmp_path / "raportti.xlsx", generated="2025-01-01")
    assert sorted(calls["project"]) == ["groups", "organisations", "persons"]
    assert (calls["coverage"], calls["centrality"]) == (1, 3)


def test_the_analysis_gives_the_numbers_of_the_plain_functions(example):
    G = graph.build_graph(load_roster(example_path("2023-2024")))
    pd.testing.assert_frame_equal(example.centrality("persons"), metrics.centrality(G, network="persons"))
    pd.testing.assert_frame_equal(example.indicators, metrics.indicators(G))
    pd.testing.assert_frame_equal(example.articulation_points, metrics.articulation_points(G))
    pd.testing.assert_frame_equal(example.findings, coverage.check_rules(G))
    assert example.node_metrics == metrics.node_metrics(G)


def test_findings_are_canonical(example):
    findings = example.findings
    assert list(findings.columns) == ["rule", "severity", "node", "subject", "missing", "params"]
    assert set(findings["severity"]) <= {"gap", "risk"}
    groups = findings[findings["node"].notna()]
    assert all(node in example.graph for node in groups["node"])
    assert all(example.graph.nodes[n]["label"] == s for n, s in zip(groups["node"], groups["subject"])
               if n.startswith("group:"))
    assert all(isinstance(p, dict) and "kind" in p for p in findings["params"])


def test_from_graph_uses_the_graph_given(example):
    other = Analysis.from_graph(example.graph, rules=example.rules)
    assert other.graph is example.graph and other.warnings == []
    pd.testing.assert_frame_equal(other.findings, example.findings)


def test_weighted_and_sampled_options_reach_the_metrics():
    roster = load_roster(example_path("2023-2024"))
    weighted = analyse(roster, weighted=True).centrality("organisations")
    G = graph.build_graph(roster)
    pd.testing.assert_frame_equal(weighted, metrics.centrality(G, network="organisations", weighted=True))
    sampled = analyse(roster, sample=50).centrality("persons")
    pd.testing.assert_frame_equal(sampled, metrics.centrality(G, network="persons", sample=50))


def working_groups(persons: int, seed: int = 11) -> nx.MultiDiGraph:
    """*persons* persons in working groups of four, half of them in a second group: a sparse
    persons network (about 1.7 ties per person), fast to measure with networkx too."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(season="2024-2025", source="tyoryhmat.xlsx")
    add_tiers(G)
    add_organisation(G, "Kunta", "municipality")
    names = [f"Työryhmä {j:03d}" for j in range(persons // 4)]
    for name in names:
        add_group(G, name, "local", "working_group")
    for i in range(persons):
        groups = {names[i // 4]: "member"}
        if rng.random() < 0.5:
            groups[rng.choice(names)] = "member"
        add_person(G, f"Henkilö {i:03d}", "Kunta", groups)
    return G


def test_the_maps_betweenness_over_the_sample_size_is_networkx_seeded_estimate():
    analysis = Analysis.from_graph(working_groups(620))
    P = analysis.network("persons")
    assert len(P) > MAP_SAMPLE >= len(analysis.network("groups"))
    panel = analysis.map_metrics()
    assert panel.betweenness_sources == {"person": MAP_SAMPLE}
    expected = nx.betweenness_centrality(P, k=MAP_SAMPLE, seed=MAP_SEED)
    assert {n: panel.values[n]["betweenness"] for n in P} == pytest.approx(expected, abs=1e-12)
    assert all(math.isnan(panel.values[n]["closeness"]) for n in P)  # all pairs: not for the map
    # The groups' network is small enough for exact values, closeness included.
    assert all(panel.values[n] == analysis.node_metrics[n] for n in analysis.network("groups"))
    # The same roster gives the same numbers, and exact values when asked.
    again = Analysis.from_graph(working_groups(620)).map_metrics()
    assert pd.DataFrame(again.values).equals(pd.DataFrame(panel.values))  # NaN closeness equal too
    exact = analysis.map_metrics(exact=True)
    assert exact == (analysis.node_metrics, {})
    assert {n: exact.values[n]["betweenness"] for n in P} == pytest.approx(nx.betweenness_centrality(P), abs=1e-12)


def test_the_example_map_has_exact_values(example):
    # Its networks (462 persons in 2023-2024) are no larger than the map's sample.
    P = example.network("persons")
    assert len(P) <= MAP_SAMPLE
    assert example.map_metrics() == (example.node_metrics, {})
    broker = max(P, key=lambda n: example.node_metrics[n]["betweenness"])
    values = example.map_metrics().values[broker]
    assert values["betweenness"] == pytest.approx(nx.betweenness_centrality(P)[broker], abs=1e-12)
    assert values["closeness"] == pytest.approx(nx.closeness_centrality(P, u=broker), abs=1e-12)


def test_the_maps_sample_is_the_analysis_own_when_smaller():
    analysis = Analysis.from_graph(working_groups(620), sample=40)
    P = analysis.network("persons")
    panel = analysis.map_metrics()
    assert panel.betweenness_sources == {"person": 40, "group": 40}
    expected = nx.betweenness_centrality(P, k=40, seed=MAP_SEED)
    assert {n: panel.values[n]["betweenness"] for n in P} == pytest.approx(expected, abs=1e-12)
    assert analysis.map_metrics(exact=True).betweenness_sources == {"person": 40, "group": 40}
