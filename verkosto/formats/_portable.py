"""The graph every exporter writes: plain, typed attributes, the map's positions and looks, no e-mail.

:func:`portable_graph` turns an :class:`~verkosto.analysis.Analysis` into a networkx graph
whose attributes are chosen (never all of them), of one type each (text, integer or float;
lists joined with ``|``), with text that XML 1.0 and spreadsheets can hold. Each format
module then only says how its format spells them. :func:`season_graph` merges the graphs
of several seasons, node by node id, recording in which seasons each node and edge exists.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

import networkx as nx

from ..errors import OutputError
from ..schema import label as vocabulary_label

__all__ = [
    "EDGE_FLOAT",
    "EDGE_TEXT",
    "METRICS",
    "NETWORKS",
    "NODE_INTEGER",
    "NODE_TEXT",
    "portable_graph",
    "season_graph",
    "season_spell",
    "xml_text",
]

NETWORKS = ("full", "persons", "organisations", "groups", "collaboration")

#: Node attributes written as text, in this order, when a node has them.
NODE_TEXT = ("kind", "sector", "tier", "region", "municipality", "group_type", "organisation", "parent")
NODE_INTEGER = ("meetings",)
METRICS = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")
#: Edge attributes: ``kind`` (member_of …), the membership's ``role``/``roles``/``organisation``,
#: the collaboration's ``collaboration_type``, and in projections what a tie is made of.
EDGE_TEXT = ("kind", "role", "roles", "organisation", "municipality", "collaboration_type")
EDGE_FLOAT = ("weight", "shared_groups", "shared_members", "collaboration")
LIST_SEPARATOR = "|"

# XML 1.0 allows tab, line feed, carriage return and these ranges; anything else (NUL, ESC,
# lone surrogates, U+FFFE/U+FFFF) makes a file no parser opens, so it is removed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EMAIL = re.compile(r"[^\s@<>|]+@[^\s@<>|]+\.[A-Za-z]{2,}")


def xml_text(value: object) -> str:
    r"""Text as XML 1.0 and a spreadsheet cell can hold it: characters they forbid are removed.

    >>> xml_text("a\x00b\x1bc"), xml_text("]]><script>")
    ('abc', ']]><script>')
    """
    return _NOT_XML.sub("", str(value))


def season_spell(season: str) -> tuple[str, str]:
    """The dates a season covers: ``2024-2025`` runs from 1 August 2024 to 30 June 2025.

    >>> season_spell("2024-2025")
    ('2024-08-01', '2025-06-30')
    """
    start = int(season[:4])
    return dt.date(start, 8, 1).isoformat(), dt.date(start + 1, 6, 30).isoformat()


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = xml_text(value)
    return text or None


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]  # numpy scalars become Python floats
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _label(G: nx.Graph, node, data: dict, lang: str) -> str:
    if data.get("kind") == "tier":
        return vocabulary_label("tier", data.get("tier", ""), lang)
    return _text(data.get("label")) or str(node)


def _node(G, node, data: dict, position, metrics: dict, lang: str) -> dict:
    from ..render import node_appearance

    out: dict = {"label": _label(G, node, data, lang)}
    for name in NODE_TEXT:
        value = _text(data.get(name))
        if value is not None:
            out[name] = value
    for name in NODE_INTEGER:
        value = data.get(name)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            out[name] = int(value)
    for name in METRICS:
        number = _number(metrics.get(name))
        if number is not None:
            out[name] = number
    color, shape, size = node_appearance(data)
    x, y = position
    out.update(x=float(x), y=float(y), color=color, shape=shape, size=float(size))
    return out


def _edge(kind: str | None, data: dict) -> dict:
    out: dict = {}
    if kind is not None:
        out["kind"] = kind
    for name in ("role", "roles", "organisation", "municipality"):
        value = _text(data.get(name))
        if value is not None:
            out[name] = value
    if kind == "collaborates":
        types = data.get("types") or ()
        value = _text(types) if types else _text(data.get("type"))
        if value is not None:
            out["collaboration_type"] = value
    for name in EDGE_FLOAT:
        number = _number(data.get(name))
        if number is not None:
            out[name] = number
    out.setdefault("weight", 1.0)
    return out


def _metrics_of(analysis, network: str) -> dict:
    if network == "full":
        return analysis.node_metrics
    table = analysis.centrality(network)
    columns = [c for c in METRICS if c in table.columns]
    return {row["node"]: {c: row[c] for c in columns} for row in table.to_dict("records")}


def portable_graph(analysis, network: str = "full", *, layout: str = "tiers", lang: str | None = None,
                   positions: dict | None = None) -> nx.Graph:
    """The graph to export: the whole network (a MultiDiGraph keyed by edge kind) or a projection.

    Parameters
    ----------
    analysis : Analysis
    network : str
        ``full`` or one of the projections ``persons``, ``organisations``, ``groups``,
        ``collaboration``.
    layout : str
        The map's layout whose positions the nodes get (``tiers`` or ``force``); a projection's
        nodes keep their places on the whole map, so every export looks like the map.
    lang : str, optional
        Language of the tiers' labels (the only words the graph itself holds).
    positions : dict, optional
        Positions to use instead of computing *layout* (for several seasons drawn as one).

    Returns
    -------
    networkx.MultiDiGraph or networkx.Graph
        Node attributes ``label``, the attributes of :data:`NODE_TEXT` and
        :data:`NODE_INTEGER` a node has, its metrics (:data:`METRICS`, each node in its own
        network for ``full``), and the map's ``x``, ``y`` (pixels, y down), ``color`` (CSS
        hex), ``shape`` (vis-network name) and ``size``; edge attributes of :data:`EDGE_TEXT`
        and :data:`EDGE_FLOAT`, ``weight`` always.

    Raises
    ------
    OutputError
        If a text to be written looks like an e-mail address: e-mail never leaves the input.
    """
    from ..i18n import current_language
    from ..layout import compute_layout

    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}; choose one of: {', '.join(NETWORKS)}")
    lang = lang or current_language()
    full = analysis.graph
    source = full if network == "full" else analysis.network(network)
    if positions is None:
        positions = compute_layout(full, layout)
    metrics = _metrics_of(analysis, network)
    P = nx.MultiDiGraph() if network == "full" else nx.Graph()
    P.graph.update(network=network, season=_text(full.graph.get("season")) or "", source=_text(analysis.source) or "")
    for node, data in source.nodes(data=True):
        P.add_node(node, **_node(source, node, data, positions.get(node, (0.0, 0.0)), metrics.get(node, {}), lang))
    if network == "full":
        for u, v, kind, data in source.edges(keys=True, data=True):
            P.add_edge(u, v, key=kind, **_edge(kind, data))
    else:
        for u, v, data in source.edges(data=True):
            P.add_edge(u, v, **_edge("collaborates" if network == "collaboration" else None, data))
    _check_no_email(P, analysis.source)
    return P


def _check_no_email(G: nx.Graph, source: str) -> None:
    """The roster's e-mail addresses are only identity keys; make sure none reaches a file."""
    items = [d for _, d in G.nodes(data=True)] + [d for _, _, d in G.edges(data=True)]
    for data in items:
        for name, value in data.items():
            if "mail" in name.lower() or (isinstance(value, str) and _EMAIL.search(value)):
                raise OutputError("export.email", file=source or None, attribute=name)
    for node in G.nodes:
        if _EMAIL.search(str(node)):
            raise OutputError("export.email", file=source or None, attribute="id")


def season_graph(graphs: Sequence[nx.Graph]) -> nx.Graph:
    """Several seasons' portable graphs as one, matching nodes and edges by id and kind.

    Each node and edge gets ``seasons`` (the seasons it exists in, joined with ``|``) and
    ``spells`` (their dates, :func:`season_spell`); its other attributes are those of the
    latest season it appears in.

    >>> a = nx.MultiDiGraph(season="2023-2024"); a.add_edge("p", "g", key="member_of", role="chair")
    'member_of'
    >>> b = nx.MultiDiGraph(season="2024-2025"); b.add_edge("p", "g", key="member_of", role="member")
    'member_of'
    >>> b.add_node("q")
    >>> G = season_graph([a, b])
    >>> G.nodes["p"]["seasons"], G.nodes["q"]["spells"]
    ('2023-2024|2024-2025', [('2024-08-01', '2025-06-30')])
    >>> G.edges["p", "g", "member_of"]["role"]
    'member'
    """
    ordered = sorted(graphs, key=lambda g: g.graph["season"])
    merged = ordered[-1].__class__()
    merged.graph.update(ordered[-1].graph)
    merged.graph["season"] = LIST_SEPARATOR.join(g.graph["season"] for g in ordered)
    seasons: dict = {}
    for G in ordered:
        season = G.graph["season"]
        for node, data in G.nodes(data=True):
            merged.add_node(node)
            merged.nodes[node].update(data)
            seasons.setdefault(("node", node), []).append(season)
        edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
        for u, v, key, data in edges:
            if key is None:
                merged.add_edge(u, v)
                merged.edges[u, v].update(data)
            else:
                merged.add_edge(u, v, key=key)
                merged.edges[u, v, key].update(data)
            seasons.setdefault(("edge", u, v, key) if key is not None else ("edge", *sorted((u, v), key=str)), []).append(season)
    for node, data in merged.nodes(data=True):
        _spells(data, seasons[("node", node)])
    if merged.is_multigraph():
        for u, v, key, data in merged.edges(keys=True, data=True):
            _spells(data, seasons[("edge", u, v, key)])
    else:
        for u, v, data in merged.edges(data=True):
            _spells(data, seasons[("edge", *sorted((u, v), key=str))])
    return merged


def _spells(data: dict, seasons: list[str]) -> None:
    data["seasons"] = LIST_SEPARATOR.join(seasons)
    data["spells"] = [season_spell(s) for s in seasons]
