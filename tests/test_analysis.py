"""One Analysis shared by every view: computed once, the same numbers as the plain functions."""

import pandas as pd
import pytest

import verkosto
from verkosto import analyse, coverage, graph, metrics
from verkosto.analysis import Analysis
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
