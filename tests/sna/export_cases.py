"""Write the graphs recorded with R sna's brokerage() as arc lists and class lists (run once).

    python tests/sna/export_cases.py      # from the repository root; then Rscript tests/sna/record.R

Each case ``<name>`` is ``<name>.arcs.csv`` (``source,target``: one row per arc; an undirected
graph has both arcs of each edge) and ``<name>.classes.csv`` (``node,class``: every node,
isolates too, in the order R's matrix uses).
"""

import csv
import random
from pathlib import Path

import networkx as nx

from verkosto import analyse
from verkosto.metrics import _brokerage_network

HERE = Path(__file__).resolve().parent


def write(name: str, D: nx.DiGraph, by: str) -> None:
    with open(HERE / f"{name}.arcs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target"])
        w.writerows((u, v) for u, v in D.edges() if u != v)
    with open(HERE / f"{name}.classes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["node", "class"])
        w.writerows((n, D.nodes[n].get(by) or "") for n in D)


def hand() -> nx.DiGraph:
    """The hand-counted graph of tests/test_brokerage.py."""
    D = nx.DiGraph([("a1", "a2"), ("a2", "a3"), ("a2", "b1"), ("b1", "b2"), ("b1", "a1"), ("b1", "c1"), ("b2", "c1"), ("c1", "b2"), ("a3", "a1")])
    nx.set_node_attributes(D, {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}, "sector")
    return D


def random_directed() -> nx.DiGraph:
    """30 nodes in classes of 12, 9, 6, 2 and 1, about 15 % of arcs, some mutual."""
    rng = random.Random(14)
    sizes = {"ngo": 12, "municipality": 9, "parish": 6, "kela": 2, "research": 1}
    D = nx.DiGraph()
    for sector, size in sizes.items():
        D.add_nodes_from((f"{sector}{i}", {"sector": sector}) for i in range(size))
    nodes = list(D)
    for u in nodes:
        for v in nodes:
            if u != v and rng.random() < 0.15:
                D.add_edge(u, v)
    return D


if __name__ == "__main__":
    a = analyse(season="2024-2025")  # the bundled example, 2024-2025
    write("example_collaboration_sector", _brokerage_network(a.graph, "collaboration", None), "sector")
    write("example_groups_tier", _brokerage_network(a.graph, "groups", None), "tier")
    write("hand", hand(), "sector")
    write("random_directed", random_directed(), "sector")
