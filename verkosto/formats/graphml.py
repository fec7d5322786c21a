"""GraphML with typed ``key`` declarations, for Gephi, Cytoscape, yEd and igraph.

networkx' writer declares each attribute once with its type (``string``, ``long``,
``double``); the portable graph gives each attribute one type, so every key is declared
once. Positions are the map's pixels (``x``, ``y``, y down as in yEd and Cytoscape),
``color`` a CSS hex string, ``shape`` vis-network's name. Edges are numbered ``e0``, ``e1`` …
(GraphML edge ids are unique in a document); the kind of each is its ``kind``.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from ..output import write_atomic

__all__ = ["graphml_bytes", "write_graphml"]


def _graphml_graph(P: nx.Graph) -> nx.Graph:
    G = P.__class__()
    G.graph.update({k: v for k, v in P.graph.items() if isinstance(v, str)})
    G.add_nodes_from((n, {k: v for k, v in d.items() if k != "spells"}) for n, d in P.nodes(data=True))
    edges = P.edges(data=True)
    if P.is_multigraph():
        for i, (u, v, data) in enumerate(edges):
            G.add_edge(u, v, key=f"e{i}", **{k: v_ for k, v_ in data.items() if k != "spells"})
    else:
        G.add_edges_from((u, v, {k: v_ for k, v_ in d.items() if k != "spells"}) for u, v, d in edges)
    return G


def graphml_bytes(P: nx.Graph) -> bytes:
    """The GraphML document of a portable graph (:func:`verkosto.formats.portable_graph`).

    >>> P = nx.Graph(); P.add_node("a", label="A", meetings=5)
    >>> doc = graphml_bytes(P).decode()
    >>> '<key id="d1" for="node" attr.name="meetings" attr.type="long" />' in doc
    True
    """
    stream = io.BytesIO()
    nx.write_graphml_xml(_graphml_graph(P), stream, encoding="utf-8")
    return stream.getvalue()


def write_graphml(P: nx.Graph, path: str | Path, *, protect=()) -> Path:
    """Write a portable graph as a GraphML file."""
    return write_atomic(path, graphml_bytes(P), protect=protect)
