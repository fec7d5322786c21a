"""Cytoscape.js JSON (``.cyjs``, ``.json``): ``elements`` with ``data.id``, ``data.source``,
``data.target`` and each node's ``position``, as Cytoscape desktop and Cytoscape.js read it.

Made by networkx' :func:`~networkx.cytoscape_data` (which :func:`~networkx.cytoscape_graph`
reads back); the graph's own ``data`` is written as an object, as Cytoscape expects, and
every edge gets an ``id``. Positions are the map's pixels (y down, as Cytoscape draws).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..output import write_atomic

__all__ = ["cytoscape_json", "write_cytoscape"]


def cytoscape_json(P: nx.Graph) -> dict:
    """The Cytoscape.js document of a portable graph (:func:`verkosto.formats.portable_graph`).

    >>> P = nx.Graph(); P.add_node("a", label="A", x=1.0, y=2.0); P.add_edge("a", "b")
    >>> doc = cytoscape_json(P)
    >>> doc["elements"]["nodes"][0]["position"], doc["elements"]["edges"][0]["data"]["id"]
    ({'x': 1.0, 'y': 2.0}, 'e0')
    """
    G = P.__class__()
    G.graph.update({k: v for k, v in P.graph.items() if isinstance(v, str)})
    G.add_nodes_from((n, {k: v for k, v in d.items() if k != "spells"}) for n, d in P.nodes(data=True))
    if P.is_multigraph():
        G.add_edges_from((u, v, k, {kk: vv for kk, vv in d.items() if kk != "spells"})
                         for u, v, k, d in P.edges(keys=True, data=True))
    else:
        G.add_edges_from((u, v, {k: vv for k, vv in d.items() if k != "spells"}) for u, v, d in P.edges(data=True))
    doc = nx.cytoscape_data(G, name="label")
    doc["data"] = dict(doc["data"])
    for element in doc["elements"]["nodes"]:
        data = element["data"]
        element["position"] = {"x": data.get("x", 0.0), "y": data.get("y", 0.0)}
    for i, element in enumerate(doc["elements"]["edges"]):
        element["data"]["id"] = f"e{i}"
    return {"format_version": "1.0", "generated_by": "verkosto", **doc}


def write_cytoscape(P: nx.Graph, path: str | Path, *, protect=()) -> Path:
    """Write a portable graph as Cytoscape.js JSON (UTF-8, text never escaped into markup)."""
    text = json.dumps(cytoscape_json(P), ensure_ascii=False, indent=1) + "\n"
    return write_atomic(path, text.encode("utf-8"), protect=protect)
