"""Network measures of a family centre as DataFrames: centrality, brokerage, tier links, key figures.

Every function takes the graph built by :func:`verkosto.graph.build_graph` and returns a
:class:`pandas.DataFrame` with canonical (English snake_case) columns; node ids are the
graph's namespaced ids (``person:<id>``, ``group:<name>`` ...), names are labels as in the
roster. Betweenness and closeness are computed with python-igraph and give the numbers
networkx gives (see :func:`centrality`).
"""

from __future__ import annotations

import math
import random
import warnings
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from ._perf import paused_gc
from .graph import node_id, nodes_of_kind, persons, project
from .graph import organisations as organisations_network
from .schema import TIER_ORDER

__all__ = [
    "centrality",
    "brokerage",
    "tier_links",
    "articulation_points",
    "structural_holes",
    "indicators",
    "degree_centralization",
    "node_metrics",
]

CENTRALITY_COLUMNS = [
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


# ------------------------------------------------------------------------------ helpers


def _tier_rank(tier: str) -> int:
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)


def _group_key(G: nx.Graph, group: str) -> tuple:
    """Sort key of a group node: tier (provincial first), then name."""
    data = G.nodes[group]
    return (_tier_rank(data.get("tier", "")), data.get("label", group))


def _memberships(G: nx.MultiDiGraph) -> dict[str, dict[str, dict]]:
    """Group node -> {person node -> member_of edge attributes}, persons in sorted order."""
    members: dict[str, dict[str, dict]] = defaultdict(dict)
    for u, v, key, data in G.edges(keys=True, data=True):
        if key == "member_of":
            members[v][u] = data
    return {g: dict(sorted(m.items())) for g, m in members.items()}


def _is_type(G: nx.Graph, group: str, tier: str, group_type: str) -> bool:
    data = G.nodes[group]
    return data.get("tier") == tier and data.get("group_type") == group_type


def _parents(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Group node -> the group node(s) one tier above it, for every group that has any.

    The ``parent`` given in the roster wins when it is on a higher tier (a parent on the same
    tier, such as a local network under its steering group, is no tier link). Otherwise a
    local steering group reports to the coordination group(s) of its region — all
    coordination groups when the group has no region or no coordination group carries that
    region, the provincial steering group(s) when the roster has no coordination group at
    all — and a regional coordination group reports to the provincial steering group(s).
    """
    groups = sorted(nodes_of_kind(G, "group"), key=lambda g: _group_key(G, g))
    coordination = [g for g in groups if _is_type(G, g, "regional", "coordination_group")]
    provincial = [g for g in groups if _is_type(G, g, "provincial", "steering_group")]
    result: dict[str, list[str]] = {}
    for group in groups:
        data = G.nodes[group]
        parent = node_id("group", data["parent"]) if data.get("parent") else None
        if parent in G and _tier_rank(G.nodes[parent].get("tier", "")) < _tier_rank(data.get("tier", "")):
            result[group] = [parent]
        elif _is_type(G, group, "local", "steering_group"):
            region = data.get("region")
            same_region = [c for c in coordination if region and G.nodes[c].get("region") == region]
            result[group] = same_region or coordination or provincial
        elif group in coordination:
            result[group] = provincial
    return {g: p for g, p in result.items() if p}


def _person_attributes(G: nx.Graph, node: str) -> dict:
    data = G.nodes[node]
    return {
        "node": node,
        "label": data.get("label", str(node)),
        "organisation": data.get("organisation", ""),
        "sector": data.get("sector", ""),
    }


# --------------------------------------------------------------------------- centrality


def _distances(weights: list[float], n: int) -> tuple[list[float], float]:
    """Path lengths ``1/weight`` for weighted betweenness and closeness, and their scale.

    Equal path lengths must compare equal, or the paths are not counted as ties: in floating
    point ``1/6 + 1/3`` need not equal ``1/2``, and networkx (exact comparison) and igraph
    (comparison with a tolerance) then disagree. Weights are nearly always whole numbers
    (shared groups, collaboration strengths), so lengths are taken as ``L/weight`` with ``L``
    the least common multiple of the weights: whole numbers, exact in floating point as long
    as a path's length stays below 2**53. Shortest paths and betweenness are the same;
    closeness is multiplied back by ``L``. Other weights fall back to ``1/weight`` (scale 1).
    """
    if weights and all(float(w).is_integer() for w in weights):
        scale = math.lcm(*{int(w) for w in weights})
        if scale * max(n, 1) < 2**52:
            return [scale / w for w in weights], float(scale)
    return [1.0 / w for w in weights], 1.0


def _positive_edges(P: nx.Graph) -> list[tuple]:
    """Edges usable as paths: no self-loops, weight > 0 (a tie of strength 0 is no path)."""
    return [(u, v, float(w)) for u, v, w in P.edges(data="weight", default=1.0) if u != v and w > 0]


def _to_igraph(P: nx.Graph, *, weighted: bool):
    """Convert *P* to igraph in node order, without self-loops.

    Returns the graph for shortest paths (when weighted, only edges of weight > 0, with the
    path length of :func:`_distances` as the edge attribute ``distance``), its distance
    scale, and the graph for eigenvectors (attribute ``weight``). Both graphs have the same
    edges, so the connected components eigenvector centrality is computed in are those the
    paths run in: when weighted, a tie of weight 0 joins no components for either.
    """
    import igraph

    index = {n: i for i, n in enumerate(P)}
    if not weighted:
        edges, weights = [], []
        for u, v, w in P.edges(data="weight", default=1.0):
            if u != v:
                edges.append((index[u], index[v]))
                weights.append(float(w))
        eigen = igraph.Graph(n=len(index), edges=edges, edge_attrs={"weight": weights})
        return eigen, 1.0, eigen
    positive = _positive_edges(P)
    edges = [(index[u], index[v]) for u, v, _w in positive]
    distances, scale = _distances([w for _u, _v, w in positive], len(P))
    paths = igraph.Graph(n=len(index), edges=edges, edge_attrs={"distance": distances})
    eigen = igraph.Graph(n=len(index), edges=edges, edge_attrs={"weight": [w for _u, _v, w in positive]})
    return paths, scale, eigen


def _betweenness_igraph(g, n: int, *, weighted: bool, sources: list[int] | None) -> list[float]:
    """Betweenness normalised exactly as networkx' ``betweenness_centrality`` (endpoints excluded).

    igraph counts each unordered pair once on an undirected graph, networkx counts both
    orders before rescaling: networkx' raw value is twice igraph's, and it is then divided by
    the number of ordered pairs ``(n-1)(n-2)`` — with a sample of ``k`` sources by ``k(n-2)``
    for non-sources and ``(k-1)(n-2)`` for the sources themselves.
    """
    weights = "distance" if weighted else None
    if n < 3:
        return [0.0] * n
    if sources is None:
        raw = g.betweenness(directed=False, weights=weights)
        return [2.0 * b / ((n - 1) * (n - 2)) for b in raw]
    raw = g.betweenness(directed=False, weights=weights, sources=sources)
    k, chosen = len(sources), set(sources)
    source_scale = 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    other_scale = 1.0 / (k * (n - 2))
    return [2.0 * b * (source_scale if i in chosen else other_scale) for i, b in enumerate(raw)]


def _closeness_igraph(g, n: int, *, weighted: bool, scale: float = 1.0) -> list[float]:
    """Closeness as networkx' ``closeness_centrality`` with the Wasserman–Faust correction.

    igraph's normalised closeness is ``(r-1) / sum of distances`` over the ``r`` nodes a node
    reaches (itself included), NaN for an isolated node; networkx multiplies that by
    ``(r-1)/(n-1)`` and gives 0 to nodes that reach nobody.
    """
    if n < 2:
        return [0.0] * n
    raw = g.closeness(weights="distance" if weighted else None, normalized=True)
    membership = g.connected_components().membership
    sizes = defaultdict(int)
    for component in membership:
        sizes[component] += 1
    result = []
    for c, component in zip(raw, membership):
        reached = sizes[component]
        result.append(0.0 if reached < 2 or math.isnan(c) else c * scale * (reached - 1) / (n - 1))
    return result


def _eigenvector_igraph(g, *, weighted: bool) -> list[float]:
    """Eigenvector centrality per connected component (see :func:`centrality`, Notes)."""
    import igraph

    n = g.vcount()
    result = [0.0] * n
    # igraph's solver starts from a random vector: seed it so the same roster gives the
    # same numbers to the last bit, and give igraph its default generator back afterwards
    igraph.set_random_number_generator(random.Random(0))
    try:
        for ids in g.connected_components():
            _component_eigenvector(g, ids, n, result, weighted)
    finally:
        igraph.set_random_number_generator(random)
    return result


def _component_eigenvector(g, ids, n: int, result: list[float], weighted: bool) -> None:
    if len(ids) < 2:
        return
    sub = g.induced_subgraph(ids)
    with warnings.catch_warnings():
        # Unweighted, a component whose ties all have weight 0 is still a component (and
        # hops ignore weights); igraph warns that such a vector is "not meaningful".
        warnings.simplefilter("ignore", RuntimeWarning)
        values = sub.eigenvector_centrality(weights="weight" if weighted else None)
    norm = math.sqrt(sum(v * v for v in values))
    if not norm:
        return
    share = math.sqrt(len(ids) / n)
    for i, v in zip(ids, values):
        result[i] = abs(v) / norm * share


def _eigenvector_networkx(P: nx.Graph, *, weighted: bool) -> dict:
    result = dict.fromkeys(P, 0.0)
    n = len(P)
    if weighted:  # the edges weighted paths use: weight > 0, no self-loops
        P = nx.Graph(P.edge_subgraph([(u, v) for u, v, _w in _positive_edges(P)]).copy())
        P.add_nodes_from(result)
    for ids in nx.connected_components(P):
        if len(ids) < 2:
            continue
        sub = nx.Graph(P.subgraph(ids))
        sub.remove_edges_from(list(nx.selfloop_edges(sub)))
        values = nx.eigenvector_centrality(
            sub, max_iter=100_000, tol=1e-15, weight="weight" if weighted else None
        )
        share = math.sqrt(len(ids) / n)
        for node, v in values.items():
            result[node] = v * share
    return result


def _sources(P: nx.Graph, sample: int | None, seed) -> list | None:
    """The sampled source nodes exactly as networkx draws them, or None for all nodes."""
    if sample is None or sample >= len(P):
        return None
    if sample < 1:
        raise ValueError(f"sample must be a positive number of nodes, got {sample}")
    return nx.utils.create_py_random_state(seed).sample(list(P.nodes()), sample)


def _as_network(G: nx.Graph, network: str) -> nx.Graph:
    if isinstance(G, nx.MultiDiGraph):
        return project(G, network)
    if G.is_directed() or G.is_multigraph():
        raise ValueError("centrality needs the graph from build_graph or an undirected nx.Graph projection")
    return G


def _centrality_frame(P: nx.Graph, betweenness: dict, closeness: dict, eigenvector: dict) -> pd.DataFrame:
    rows = []
    for node, data in P.nodes(data=True):
        neighbours = [v for v in P[node] if v != node]
        rows.append(
            {
                "node": node,
                "label": data.get("label", str(node)),
                "kind": data.get("kind", ""),
                "sector": data.get("sector", ""),
                "degree": len(neighbours),
                "weighted_degree": float(sum(P[node][v].get("weight", 1.0) for v in neighbours)),
                "betweenness": float(betweenness[node]),
                "closeness": float(closeness[node]),
                "eigenvector": float(eigenvector[node]),
            }
        )
    frame = pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)
    if frame.empty:
        return frame.astype(
            {
                "degree": int,
                "weighted_degree": float,
                "betweenness": float,
                "closeness": float,
                "eigenvector": float,
            }
        )
    # Round for the sort only: values equal in theory may differ in the last bit, and ties
    # must then fall back to the node id for the order to be deterministic.
    frame["_key"] = frame["betweenness"].round(12)
    frame = frame.sort_values(["_key", "node"], ascending=[False, True], kind="mergesort")
    return frame.drop(columns="_key").reset_index(drop=True)


def centrality(
    G: nx.Graph,
    *,
    network: str = "persons",
    weighted: bool = False,
    sample: int | None = None,
    seed=0,
) -> pd.DataFrame:
    """Degree, betweenness, closeness and eigenvector centrality of every node of a network.

    Parameters
    ----------
    G : networkx.MultiDiGraph or networkx.Graph
        The graph from :func:`~verkosto.graph.build_graph`, projected with ``network``; an
        undirected ``nx.Graph`` (an already projected network) is used as it is.
    network : {"persons", "organisations", "groups", "collaboration"}
        The projection to measure.
    weighted : bool
        When true, betweenness and closeness follow shortest paths with distance
        ``1/weight`` (a strong tie is a short one; edges of weight ≤ 0 are left out) and
        eigenvector centrality uses the weights. By default paths are counted in hops.
    sample : int, optional
        Estimate betweenness from ``sample`` source nodes (networkx' ``k``) instead of all;
        a sample as large as the network gives the exact values.
    seed : int, random.Random or None
        Seed of the sample, as networkx' ``seed``.

    Returns
    -------
    DataFrame
        ``node, label, kind, sector, degree, weighted_degree, betweenness, closeness,
        eigenvector``, one row per node, by betweenness (highest first) then node id.
        ``degree`` is the number of neighbours, ``weighted_degree`` the sum of the edges'
        ``weight``.

    Notes
    -----
    Betweenness and closeness are computed with python-igraph (for a 3,000-person membership
    network with 46,000 ties networkx needs about 50 s, igraph 2 s) and are the values networkx'
    ``betweenness_centrality(G, k=sample, normalized=True, weight=..., seed=seed)`` and
    ``closeness_centrality(G, distance=...)`` (Wasserman–Faust formula) give, within
    floating-point rounding. With whole-number weights path lengths are computed exactly, so
    equal paths are ties in both (see ``_distances``); with other weights, paths whose
    lengths are equal up to rounding may be ties for igraph but not for networkx.

    Eigenvector centrality is computed for each connected component separately — on a
    disconnected graph the leading eigenvector of the whole adjacency matrix lives on one
    component and gives every other component 0. Each component's vector is scaled to the
    Euclidean norm ``sqrt(n_c / n)``, where ``n_c`` is its number of nodes: the squares of a
    component's values sum to its share of the nodes, so a node of a small component does
    not outrank the centre of the main one, and on a connected graph the values are exactly
    networkx' ``eigenvector_centrality`` (unit norm). Isolated nodes get 0. When weighted,
    the components are those of the ties weighted paths use (weight > 0): a tie of weight 0
    joins nothing, for paths and eigenvector alike.

    Examples
    --------
    >>> import networkx as nx
    >>> star = nx.star_graph(3)  # node 0 in the middle of 1, 2, 3
    >>> df = centrality(star)
    >>> print(df[["node", "degree", "betweenness", "closeness"]].to_string(index=False))
     node  degree  betweenness  closeness
        0       3          1.0        1.0
        1       1          0.0        0.6
        2       1          0.0        0.6
        3       1          0.0        0.6
    >>> round(float(df["eigenvector"].iloc[0]), 6)  # 1/sqrt(2)
    0.707107
    """
    with paused_gc():  # edge lists and rows by the hundred thousand: see verkosto._perf
        P = _as_network(G, network)
        n = len(P)
        if n == 0:
            return _centrality_frame(P, {}, {}, {})
        nodes = list(P)
        paths, scale, eigen = _to_igraph(P, weighted=weighted)
        sources = _sources(P, sample, seed)
        index = {node: i for i, node in enumerate(nodes)}
        source_ids = None if sources is None else [index[s] for s in sources]
        betweenness = _betweenness_igraph(paths, n, weighted=weighted, sources=source_ids)
        closeness = _closeness_igraph(paths, n, weighted=weighted, scale=scale)
        eigenvector = _eigenvector_igraph(eigen, weighted=weighted)
        return _centrality_frame(
            P,
            dict(zip(nodes, betweenness)),
            dict(zip(nodes, closeness)),
            dict(zip(nodes, eigenvector)),
        )


def _centrality_networkx(
    G: nx.Graph,
    *,
    network: str = "persons",
    weighted: bool = False,
    sample: int | None = None,
    seed=0,
) -> pd.DataFrame:
    """Reference implementation of :func:`centrality` with networkx only (slow; for tests)."""
    P = _as_network(G, network)
    if len(P) == 0:
        return _centrality_frame(P, {}, {}, {})
    distance, scale, paths = None, 1.0, P
    if weighted:
        positive = _positive_edges(P)
        distances, scale = _distances([w for _u, _v, w in positive], len(P))
        paths = nx.Graph()
        paths.add_nodes_from(P)
        paths.add_edges_from((u, v, {"distance": d}) for (u, v, _w), d in zip(positive, distances))
        distance = "distance"
    k = None if sample is None or sample >= len(P) else sample
    betweenness = nx.betweenness_centrality(paths, k=k, normalized=True, weight=distance, seed=seed)
    closeness = {v: c * scale for v, c in nx.closeness_centrality(paths, distance=distance).items()}
    eigenvector = _eigenvector_networkx(P, weighted=weighted)
    return _centrality_frame(P, betweenness, closeness, eigenvector)


# ---------------------------------------------------------------------------- brokerage


NODE_METRICS = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


def node_metrics(
    G: nx.MultiDiGraph, *, weighted: bool = False, tables: dict[str, pd.DataFrame] | None = None
) -> dict[str, dict[str, float]]:
    """Key metrics of every person, organisation and group, for tooltips and node sizes.

    Each kind is measured in its own network (persons, organisations, groups), so a
    person's betweenness is comparable with other persons' only.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.
    weighted : bool
        As in :func:`centrality`.
    tables : dict, optional
        ``{network: centrality table}`` already computed for the three networks.

    Returns
    -------
    dict
        node id -> ``{"degree": …, "weighted_degree": …, "betweenness": …, "closeness": …,
        "eigenvector": …}``.
    """
    values: dict[str, dict[str, float]] = {}
    for network in ("persons", "organisations", "groups"):
        table = tables[network] if tables else centrality(G, network=network, weighted=weighted)
        for row in table[["node", *NODE_METRICS]].itertuples(index=False):
            values[row[0]] = dict(zip(NODE_METRICS, (float(v) for v in row[1:])))
    return values


def brokerage(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Who spans tiers, regions and groups: one row per person.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.

    Returns
    -------
    DataFrame
        ``node, label, organisation, sector, tiers, regions, groups, n_tiers, n_regions,
        n_groups``. ``tiers`` lists the canonical tiers of the person's groups (provincial
        first), ``regions`` the regions of those groups (groups without a region add none),
        ``groups`` the group names, both sorted; rows by ``n_tiers`` then ``n_groups``
        (highest first), then node id.
    """
    groups_of = defaultdict(list)
    for group, members in _memberships(G).items():
        for person in members:
            groups_of[person].append(group)
    rows = []
    for person in nodes_of_kind(G, "person"):
        groups = groups_of.get(person, [])
        tiers = sorted({G.nodes[g]["tier"] for g in groups}, key=_tier_rank)
        regions = sorted({G.nodes[g].get("region") for g in groups} - {"", None})
        names = sorted(G.nodes[g]["label"] for g in groups)
        rows.append(
            {
                **_person_attributes(G, person),
                "tiers": tiers,
                "regions": regions,
                "groups": names,
                "n_tiers": len(tiers),
                "n_regions": len(regions),
                "n_groups": len(names),
            }
        )
    columns = [
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
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(
        ["n_tiers", "n_groups", "node"], ascending=[False, False, True], kind="mergesort"
    )
    return frame.reset_index(drop=True)


def tier_links(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Members who carry information between a group and the group one tier above it.

    The group above is the ``parent`` given in the roster, when it is on a higher tier;
    without one, a local steering group reports to its region's coordination group (every
    coordination group when regions are not given, the provincial steering group when there
    is no coordination group) and a regional coordination group to the provincial steering
    group(s).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.

    Returns
    -------
    DataFrame
        ``group, tier, parent_group, linkers, n_linkers``: one row per group and group above
        (names as in the roster), ``linkers`` the sorted labels of the persons who sit in
        both; rows by tier (provincial first), group, parent group.
    """
    members = _memberships(G)
    rows = []
    for group, parents in _parents(G).items():
        for parent in parents:
            both = sorted(
                G.nodes[p]["label"] for p in set(members.get(group, {})) & set(members.get(parent, {}))
            )
            rows.append(
                {
                    "group": G.nodes[group]["label"],
                    "tier": G.nodes[group]["tier"],
                    "parent_group": G.nodes[parent]["label"],
                    "linkers": both,
                    "n_linkers": len(both),
                }
            )
    frame = pd.DataFrame(rows, columns=["group", "tier", "parent_group", "linkers", "n_linkers"])
    frame["_rank"] = frame["tier"].map(_tier_rank)
    frame = frame.sort_values(["_rank", "group", "parent_group"], kind="mergesort").drop(columns="_rank")
    return frame.reset_index(drop=True)


# ------------------------------------------------------------------- articulation points


def _cut_points(P: nx.Graph):
    """Depth-first search (Hopcroft–Tarjan) recording what removing each cut point separates.

    Yields ``(cut point, pieces)`` where ``pieces`` are the node sets the cut point's
    connected component falls into without it. One pass over the edges; the pieces of a cut
    point are the subtrees of its children that have no edge back above it, plus the rest of
    its component.
    """
    disc, low, size, parent = {}, {}, {}, {}
    order: list = []
    separated = defaultdict(list)  # cut point -> children whose subtree hangs on it alone
    component_nodes = {}
    for root in P:
        if root in disc:
            continue
        start = len(order)
        disc[root] = low[root] = len(order)
        order.append(root)
        size[root] = 1
        stack = [(root, iter(P[root]))]
        while stack:
            v, neighbours = stack[-1]
            for w in neighbours:
                if w not in disc:
                    parent[w] = v
                    disc[w] = low[w] = len(order)
                    order.append(w)
                    size[w] = 1
                    stack.append((w, iter(P[w])))
                    break
                if w != parent.get(v) and w != v:
                    low[v] = min(low[v], disc[w])
            else:
                stack.pop()
                if stack:
                    u = stack[-1][0]
                    low[u] = min(low[u], low[v])
                    size[u] += size[v]
                    if low[v] >= disc[u]:
                        separated[u].append(v)
        members = order[start:]
        for node in members:
            component_nodes[node] = (start, len(order))
    for cut, children in separated.items():
        is_root = cut not in parent
        if is_root and len(children) < 2:
            continue
        pieces = [set(order[disc[c] : disc[c] + size[c]]) for c in children]
        first, last = component_nodes[cut]
        rest = set(order[first:last]) - {cut} - set().union(*pieces)
        if rest:
            pieces.append(rest)
        yield cut, pieces


def articulation_points(G: nx.MultiDiGraph, *, projection: nx.Graph | None = None) -> pd.DataFrame:
    """Persons without whom the persons network falls apart, and which groups they hold on.

    Removing a cut point (articulation point) of the persons network splits its connected
    component into pieces. The piece with the most persons stays (on a tie, the one holding
    the smallest person id); a group is *cut off* by the person when it has members other
    than that person and they all sit in another piece. (A group's members are all linked
    to each other, so they never end up in different pieces.) Groups whose only member is
    the person are not counted.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.
    projection : networkx.Graph, optional
        Its persons network, when already built (:func:`verkosto.graph.persons`).

    Returns
    -------
    DataFrame
        ``node, label, organisation, sector, cut_off_groups, n_cut_off, n_cut_off_persons``:
        one row per cut point; ``cut_off_groups`` the sorted group names,
        ``n_cut_off_persons`` the number of persons outside the remaining largest piece.
        Rows by ``n_cut_off`` (highest first), then node id.
    """
    P = persons(G) if projection is None else projection
    members = _memberships(G)
    rows = []
    for cut, pieces in _cut_points(P):
        largest = min(pieces, key=lambda piece: (-len(piece), min(piece)))
        cut_off = set().union(*(piece for piece in pieces if piece is not largest))
        groups = []
        for group, group_members in members.items():
            others = [p for p in group_members if p != cut]
            if others and others[0] in cut_off:
                groups.append(G.nodes[group]["label"])
        groups.sort()
        rows.append(
            {
                **_person_attributes(G, cut),
                "cut_off_groups": groups,
                "n_cut_off": len(groups),
                "n_cut_off_persons": len(cut_off),
            }
        )
    columns = ["node", "label", "organisation", "sector", "cut_off_groups", "n_cut_off", "n_cut_off_persons"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["n_cut_off", "node"], ascending=[False, True], kind="mergesort")
    return frame.reset_index(drop=True)


# ------------------------------------------------------------------------ organisations


def structural_holes(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Burt's constraint and effective size of each organisation in the organisations network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.

    Returns
    -------
    DataFrame
        ``node, label, sector, constraint, effective_size`` (networkx' ``constraint`` and
        ``effective_size`` with ``weight``: shared groups plus collaboration). Low constraint
        and a large effective size mark an organisation that bridges otherwise separate
        partners. Organisations without ties have NaN. Rows by constraint (lowest first,
        NaN last), then node id.
    """
    P = organisations_network(G)
    constraint = nx.constraint(P, weight="weight")
    effective = nx.effective_size(P, weight="weight")
    rows = [
        {
            "node": node,
            "label": data.get("label", node),
            "sector": data.get("sector", ""),
            "constraint": float(constraint[node]),
            "effective_size": float(effective[node]),
        }
        for node, data in P.nodes(data=True)
    ]
    frame = pd.DataFrame(rows, columns=["node", "label", "sector", "constraint", "effective_size"])
    frame = frame.sort_values(["constraint", "node"], na_position="last", kind="mergesort")
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- indicators


def degree_centralization(P: nx.Graph) -> float:
    """Freeman's degree centralization: ``sum(max_deg - deg_i) / ((n-1)(n-2))``, 0 for n < 3.

    1 for a star, 0 when every node has the same degree.

    >>> degree_centralization(nx.star_graph(4)), degree_centralization(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    return _centralization([len(set(P[v]) - {v}) for v in P])


def _centralization(degrees: list[int]) -> float:
    """Freeman's degree centralization from the degrees (self-loops left out) of every node."""
    n = len(degrees)
    if n < 3:
        return 0.0
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def _density(n: int, m: int) -> float:
    """``nx.density`` of an undirected graph of *n* nodes and *m* edges, to the last bit."""
    if m == 0 or n <= 1:
        return 0
    d = m / (n * (n - 1))
    d *= 2
    return d


def indicators(G: nx.MultiDiGraph, *, projection: nx.Graph | None = None) -> pd.DataFrame:
    """Key figures of the network overall, per tier and per region.

    A scope's persons are the members of its groups: every group (``overall``), the groups
    of one tier (``tier:provincial`` …, tiers present in the roster) or the groups of one
    region (``region:<name>``, by the groups' region; regions sorted by name).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.
    projection : networkx.Graph, optional
        Its persons network, when already built (:func:`verkosto.graph.persons`).

    Returns
    -------
    DataFrame
        One row per scope with

        - ``persons``, ``groups``: persons and groups of the scope;
        - ``organisations``: organisations the scope's members represent in its groups
          (``overall``: every organisation of the roster, also those named only in the
          Organisaatiot or Yhteistyö sheet);
        - ``memberships``: person–group memberships in the scope's groups;
        - ``collaboration_ties``: collaboration pairs (both directions and types counted
          once) whose two ends are persons or organisations of the scope (``overall``: all);
        - ``density``, ``components``, ``average_degree`` (``2m/n``) and
          ``degree_centralization`` (Freeman's, :func:`degree_centralization`) of the
          persons network restricted to the scope's persons — ties made in groups outside
          the scope count too.
    """
    import igraph

    members = _memberships(G)
    groups = sorted(nodes_of_kind(G, "group"), key=lambda g: _group_key(G, g))
    P = persons(G) if projection is None else projection
    # The persons network as index arrays, and as an igraph graph for its components: a
    # scope's figures are then array operations instead of walks over networkx subgraph views.
    index = {node: i for i, node in enumerate(P)}
    ends = np.array([(index[u], index[v]) for u, v in P.edges()], dtype=np.int64).reshape(-1, 2)
    first, second = ends[:, 0], ends[:, 1]
    loops = first == second
    whole = igraph.Graph(n=len(index), edges=ends[~loops].tolist())
    pairs = {tuple(sorted((u, v))) for u, v, key in G.edges(keys=True) if key == "collaborates" and u != v}
    scopes = [("overall", groups)]
    for tier in TIER_ORDER:
        in_tier = [g for g in groups if G.nodes[g]["tier"] == tier]
        if in_tier:
            scopes.append((f"tier:{tier}", in_tier))
    for region in sorted({G.nodes[g].get("region") for g in groups} - {"", None}):
        scopes.append((f"region:{region}", [g for g in groups if G.nodes[g].get("region") == region]))
    rows = []
    for scope, scope_groups in scopes:
        people = {p for g in scope_groups for p in members.get(g, {})}
        if scope == "overall":
            orgs = set(nodes_of_kind(G, "organisation"))
            ties = len(pairs)
        else:
            orgs = {
                node_id("organisation", d["organisation"])
                for g in scope_groups
                for d in members.get(g, {}).values()
            }
            actors = people | orgs
            ties = sum(1 for u, v in pairs if u in actors and v in actors)
        ids = sorted(index[p] for p in people if p in index)
        n = len(ids)
        mask = np.zeros(len(index), dtype=bool)
        mask[ids] = True
        inside = mask[first] & mask[second]
        m = int(np.count_nonzero(inside))  # edges of the subgraph, self-loops included
        simple = inside & ~loops
        degrees = np.bincount(first[simple], minlength=len(index)) + np.bincount(second[simple], minlength=len(index))
        rows.append(
            {
                "scope": scope,
                "persons": len(people),
                "organisations": len(orgs),
                "groups": len(scope_groups),
                "memberships": sum(len(members.get(g, {})) for g in scope_groups),
                "collaboration_ties": ties,
                "density": _density(n, m) if n > 1 else 0.0,
                "components": len(whole.induced_subgraph(ids).connected_components()) if n else 0,
                "average_degree": 2 * m / n if n else 0.0,
                "degree_centralization": _centralization([int(d) for d in degrees[ids]]),
            }
        )
    columns = [
        "scope",
        "persons",
        "organisations",
        "groups",
        "memberships",
        "collaboration_ties",
        "density",
        "components",
        "average_degree",
        "degree_centralization",
    ]
    return pd.DataFrame(rows, columns=columns)
