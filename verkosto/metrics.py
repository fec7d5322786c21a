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
    "brokerage_roles",
    "brokerage_roles_overall",
    "BROKER_ROLES",
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
        parent = node_id("group", data["parent"]) if data.get("parent") else ""
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
    sizes: dict[int, int] = defaultdict(int)
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
    closeness: bool = True,
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
    closeness : bool
        When false, closeness is not computed and its column is NaN: it needs the shortest
        paths between all pairs of nodes, which a sample of sources does not save.

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
        closeness_values = (
            _closeness_igraph(paths, n, weighted=weighted, scale=scale) if closeness else [math.nan] * n
        )
        eigenvector = _eigenvector_igraph(eigen, weighted=weighted)
        return _centrality_frame(
            P,
            dict(zip(nodes, betweenness)),
            dict(zip(nodes, closeness_values)),
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


# ------------------------------------------------------------- Gould–Fernandez brokerage

#: The five brokerage roles of Gould and Fernandez (1989), in the order of sna's
#: ``brokerage()`` columns ``w_I, w_O, b_IO, b_OI, b_O``. For a two-path ``i → j → k``
#: brokered by ``j`` (classes written A, B, C):
#:
#: - coordinator ``A → A → A``: all three in one class;
#: - itinerant ``A → B → A``: the ends in one class, the broker from another;
#: - representative ``A → A → B``: the broker passes its own class' contact out;
#: - gatekeeper ``A → B → B``: the broker lets an outsider's contact into its own class;
#: - liaison ``A → B → C``: three different classes.
BROKER_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
_ROLE_MEASURES = (*BROKER_ROLES, "total")

#: Node attributes that classify nodes for :func:`brokerage_roles` (``by``).
BROKERAGE_CLASSES = ("sector", "tier", "region", "municipality")


def _organisation_collaboration(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Every organisation, with an arc ``a → b`` when ``a`` or one of its persons collaborates with ``b`` or one of its persons.

    The direction is the collaboration sheet's, from Lähde to Kohde. A person stands for the
    organisation it works for (its ``organisation``, the most frequent on its membership
    rows); ties inside one organisation are no arcs. ``weight`` sums the ties' strengths.
    """
    D = nx.DiGraph(**G.graph)
    D.add_nodes_from((n, G.nodes[n]) for n in nodes_of_kind(G, "organisation"))

    def organisation(node):
        data = G.nodes[node]
        return node if data.get("kind") == "organisation" else node_id("organisation", data.get("organisation", ""))

    for u, v, key, w in G.edges(keys=True, data="weight"):
        if key != "collaborates":
            continue
        a, b = organisation(u), organisation(v)
        if a != b and a in D and b in D:
            if D.has_edge(a, b):
                D.edges[a, b]["weight"] += w
            else:
                D.add_edge(a, b, weight=float(w))
    return D


def _brokerage_network(G: nx.Graph, network: str, directed: bool | None) -> nx.DiGraph:
    """The directed graph whose open two-paths are counted (undirected edges as two arcs)."""
    if isinstance(G, nx.MultiDiGraph):
        if network == "collaboration":
            D = _organisation_collaboration(G)
        else:
            D = project(G, network)
    elif G.is_multigraph():
        raise ValueError("brokerage_roles needs the graph from build_graph, an nx.Graph or an nx.DiGraph")
    else:
        D = G
    if not D.is_directed():
        if directed:
            raise ValueError(
                f"the {network} network has no direction; use directed=False, or network='collaboration' for direction"
            )
        return D.to_directed()  # each edge as two arcs, as sna on a symmetric matrix
    if directed is False:
        return D.to_undirected().to_directed()
    return D


def _role_counts(D: nx.DiGraph, nodes: list, cls: np.ndarray, K: int) -> np.ndarray:
    """Open two-paths ``i → j → k`` (``i ≠ k``, no arc ``i → k``) through each node ``j``, by role.

    Returns an ``N × 5`` integer array in the order of :data:`BROKER_ROLES`, the counts of
    sna's ``raw.nli``. Rather than walking every two-path, the two-paths through ``j`` are
    counted from the classes of its in- and out-neighbours, less the returns ``i → j → i``
    and the closed ones (``i → k`` present), found arc by arc as the common out-neighbours
    of ``i`` and ``j`` (tests/test_brokerage.py checks this against a brute-force walk).
    """
    import scipy.sparse as sp

    N = len(nodes)
    index = {n: i for i, n in enumerate(nodes)}
    arcs = np.array([(index[u], index[v]) for u, v in D.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    src, dst = arcs[:, 0], arcs[:, 1]
    A = sp.csr_matrix((np.ones(len(arcs), dtype=np.int64), (src, dst)), shape=(N, N))
    A.sum_duplicates()
    A.data[:] = 1
    C = sp.csr_matrix((np.ones(N, dtype=np.int64), (np.arange(N), cls)), shape=(N, K))
    AT = A.T.tocsr()
    into = np.asarray((AT @ C).todense())  # j × a: in-neighbours of j in class a
    out = np.asarray((A @ C).todense())  # j × c: out-neighbours of j in class c
    mutual = np.asarray((A.multiply(AT).tocsr() @ C).todense())  # j × a: i → j → i
    rows = np.arange(N)
    own_in, own_out, own_mutual = into[rows, cls], out[rows, cls], mutual[rows, cls]
    in_degree, out_degree = into.sum(axis=1), out.sum(axis=1)
    counts = np.zeros((N, 5), dtype=np.int64)
    counts[:, 0] = own_in * own_out - own_mutual
    same_class_ends = (into * out).sum(axis=1) - mutual.sum(axis=1)
    counts[:, 1] = same_class_ends - counts[:, 0]
    counts[:, 2] = own_in * (out_degree - own_out)
    counts[:, 3] = (in_degree - own_in) * own_out
    counts[:, 4] = in_degree * out_degree - mutual.sum(axis=1) - counts[:, :4].sum(axis=1)
    # Closed two-paths: for the arc i → j, each common out-neighbour k of i and j. Arcs in
    # blocks, so that the rows gathered for them stay a bounded amount of memory.
    A = A.tocsr()
    A.sort_indices()
    u_src, u_dst = A.nonzero()
    block = 20_000
    for start in range(0, len(u_src), block):
        i, j = u_src[start : start + block], u_dst[start : start + block]
        common = A[i].multiply(A[j]).tocsr() @ C  # arc × class of k
        common = common.tocoo()
        arc, k_class, number = common.row, common.col, common.data.astype(np.int64)
        broker, source = j[arc], i[arc]
        b, a = cls[broker], cls[source]
        role = np.full(len(arc), 4)
        role[(a == b) & (k_class == b)] = 0
        role[(a != b) & (k_class == a)] = 1
        role[(a == b) & (k_class != b)] = 2
        role[(a != b) & (k_class == b)] = 3
        np.subtract.at(counts, (broker, role), number)
    return counts


def _gould_fernandez_moments(n: np.ndarray, N: float, d: float):
    """Expected counts and variances under Gould and Fernandez' null model, as sna's ``brokerage()``.

    *n* holds the class sizes, *N* the number of nodes, *d* the density ``m / (N(N-1))``.
    Returns ``(expected, variance)`` by the broker's class (``K × 6``: the five roles and the
    total) and ``(expected, variance)`` of the whole network (length 6), term by term the
    formulas of sna 2.7's ``brokerage``.
    """
    n = np.asarray(n, dtype=float)
    K = len(n)
    p = d**2 * (1 - d)  # an open two-path over one ordered pair of ends
    r3, r4, r5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)

    def choose2(x):
        return x * (x - 1) / 2

    expected, variance = np.zeros((K, 6)), np.zeros((K, 6))
    for i in range(K):
        ni, o = n[i], np.delete(n, i)
        expected[i, 0] = p * (ni - 1) * (ni - 2)
        variance[i, 0] = expected[i, 0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * r3
        expected[i, 1] = p * np.sum(o * (o - 1))
        variance[i, 1] = expected[i, 1] * (1 - p) + 2 * np.sum(o * (o - 1) * (o - 2)) * r3
        expected[i, 2] = p * (N - ni) * (ni - 1)
        variance[i, 2] = expected[i, 2] * (1 - p) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * r3
        expected[i, 3], variance[i, 3] = expected[i, 2], variance[i, 2]
        expected[i, 4] = p * (np.sum(np.outer(o, o)) - np.sum(o**2))
        variance[i, 4] = expected[i, 4] * (1 - p) + 4 * np.sum(o * choose2(N - o - ni) * r3)
        expected[i, 5] = p * (N - 1) * (N - 2)
        variance[i, 5] = expected[i, 5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * r3
    whole, whole_var = np.zeros(6), np.zeros(6)
    whole[0] = p * np.sum(n * (n - 1) * (n - 2))
    whole_var[0] = whole[0] * (1 - p) + np.sum(
        n * (n - 1) * (n - 2) * (((4 * n - 10) * r3) - (4 * (n - 3) * r4) + ((n - 3) * r5))
    )
    whole[1] = p * np.sum(n * (N - n) * (n - 1))
    x, y = n[:, None], n[None, :]  # R's outer(n, n, f): x the row's class, y the column's
    whole_var[1] = whole[1] * (1 - p) + (
        np.sum(x * y * (x - 1) * (((2 * x + 2 * y - 6) * r3) + ((N - x - 1) * r5)))
        - np.sum(n * n * (n - 1) * (((4 * n - 6) * r3) + ((N - n - 1) * r5)))
    )
    whole[2] = p * np.sum(n * (N - n) * (n - 1))
    whole_var[2] = whole[2] * (1 - p) + np.sum(n * (N - n) * (n - 1) * (((N - 3) * r3) + ((n - 2) * r5)))
    whole[3], whole_var[3] = whole[2], whole_var[2]
    whole[4] = p * (np.sum(x * y * (N - x - y)) - np.sum(n * n * (N - 2 * n)))
    whole_var[4] = whole[4] * (1 - p)
    for i in range(K):  # ordered triples of three different classes (sna's triple loop)
        ni, nj, nk = n[i], n[:, None], n[None, :]
        term = ni * nj * nk * (
            (4 * (N - nj) - 2 * (ni + nk + 1)) * r3 - (4 * (N - nk) - 2 * (ni + nj + 1)) * r4 + (N - (ni + nk + 1)) * r5
        )
        distinct = np.ones((K, K), dtype=bool)
        distinct[i, :] = distinct[:, i] = False
        np.fill_diagonal(distinct, False)
        whole_var[4] += np.sum(term[distinct])
    whole[5] = p * N * (N - 1) * (N - 2)
    whole_var[5] = whole[5] * (1 - p) + N * (N - 1) * (N - 2) * (
        ((4 * N - 10) * r3) - (4 * (N - 3) * r4) + ((N - 3) * r5)
    )
    return expected, variance, whole, whole_var


def _gould_fernandez(G: nx.Graph, network: str, by: str, directed: bool | None):
    """Counts, expectations and variances of every node and of the whole network."""
    if by not in BROKERAGE_CLASSES and isinstance(G, nx.MultiDiGraph):
        raise ValueError(f"unknown by='{by}'; choose one of {', '.join(BROKERAGE_CLASSES)}")
    D = _brokerage_network(G, network, directed)
    nodes = list(D)
    values = [D.nodes[v].get(by) or "" for v in nodes]
    if nodes and not any(values):
        from .errors import VerkostoError

        present = [c for c in BROKERAGE_CLASSES if any(D.nodes[v].get(c) for v in nodes)]
        raise VerkostoError("brokerage.no_class", network=network, by=by, present=", ".join(present) or "-")
    classes = list(dict.fromkeys(values))
    cls = np.array([classes.index(v) for v in values], dtype=np.int64) if nodes else np.zeros(0, dtype=np.int64)
    N = len(nodes)
    counts = _role_counts(D, nodes, cls, max(len(classes), 1)) if N else np.zeros((0, 5), dtype=np.int64)
    m = sum(1 for u, v in D.edges() if u != v)
    d = m / (N * (N - 1)) if N > 1 else 0.0
    sizes = np.bincount(cls, minlength=len(classes))
    expected, variance, whole, whole_var = _gould_fernandez_moments(sizes, float(N), d)
    return D, nodes, values, counts, expected[cls], variance[cls], whole, whole_var


def _z(observed, expected, variance):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (observed - expected) / np.sqrt(variance)


def brokerage_roles(
    G: nx.Graph,
    *,
    network: str = "collaboration",
    by: str = "sector",
    directed: bool | None = None,
) -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every node: counts, expected counts and z-scores.

    A node ``j`` brokers the two-path ``i → j → k`` when ``i ≠ k`` and there is no arc
    ``i → k``. By the classes of ``i``, ``j`` and ``k`` (the nodes' *by* attribute), the
    two-path makes ``j`` a coordinator ``A → A → A``, an itinerant ``A → B → A``, a
    representative ``A → A → B``, a gatekeeper ``A → B → B`` or a liaison ``A → B → C``
    (:data:`BROKER_ROLES`). The numbers are those of R sna's ``brokerage(g, cl)`` (``raw.nli``,
    ``exp.nli``, ``sd.nli``, ``z.nli``; sna's ``b_IO`` is the representative, ``b_OI`` the
    gatekeeper).

    Parameters
    ----------
    G : networkx.MultiDiGraph, networkx.DiGraph or networkx.Graph
        The graph from :func:`~verkosto.graph.build_graph`, measured in *network*; a
        ``DiGraph`` or ``Graph`` is used as it is.
    network : {"collaboration", "organisations", "persons", "groups"}
        ``collaboration``: every organisation of the roster, with the direction of the
        collaboration sheet (Lähde → Kohde). An organisation's arcs are its own ties and
        those of its persons (a person counts for the organisation it works for); ties
        inside one organisation are left out. The others are the undirected projections of
        :mod:`verkosto.graph`.
    by : {"sector", "tier", "region", "municipality"}
        The node attribute whose values are the classes. Persons and organisations have a
        sector, groups a tier; nodes without a value form one class of their own (``""``).

    Raises
    ------
    VerkostoError
        When no node of the network has a *by* (organisations have no tier, groups no
        sector); the message names the attributes its nodes have.
    ValueError
        For an unknown *network* or *by*, or ``directed=True`` on an undirected network.
    directed : bool, optional
        Count along the arcs' direction (default for ``collaboration`` and a ``DiGraph``).
        ``False`` takes every tie in both directions. An undirected network has no direction
        to keep: there each edge counts as two arcs, as sna counts a symmetric matrix, so
        each open triad ``i – j – k`` is brokered twice (``i → j → k`` and ``k → j → i``) and
        representative and gatekeeper counts are equal.

    Returns
    -------
    DataFrame
        ``node, label, kind, <by>``, then for each of ``coordinator, itinerant,
        representative, gatekeeper, liaison, total``: the count (``coordinator`` …), its
        expectation (``coordinator_expected`` …), standard deviation (``…_sd``) and z-score
        (``…_z``). Rows by ``total`` (highest first), then node id.

    Notes
    -----
    The null model (Gould and Fernandez 1989, sna's formulas) keeps the number of nodes
    ``N``, the class sizes and the density ``d = m / (N(N-1))`` (``m`` arcs, self-loops left
    out, isolates counted in ``N``): an ordered pair of ends is an open two-path through a
    given broker with probability ``d²(1-d)``. The expectation of a role is that times the
    number of pairs of ends the role allows (for a coordinator of a class of ``n``:
    ``(n-1)(n-2)``); the variance adds sna's covariance terms. A z-score is NaN where the
    standard deviation is 0 (a count that cannot be other than 0, as a coordinator in a
    class of two). Tie strengths are not used: every tie is an arc.

    Examples
    --------
    >>> D = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(D, {"a": "x", "b": "x", "c": "y", "d": "y"}, "sector")
    >>> df = brokerage_roles(D).set_index("node")
    >>> df.loc["b", list(BROKER_ROLES)].tolist()  # a → b → c: b passes its class' contact out
    [0, 0, 1, 0, 0]
    >>> df.loc["c", list(BROKER_ROLES)].tolist()  # b → c → d: c lets an outsider's contact in
    [0, 0, 0, 1, 0]
    """
    D, nodes, values, counts, expected, variance, _whole, _whole_var = _gould_fernandez(G, network, by, directed)
    observed = np.column_stack([counts, counts.sum(axis=1)]) if len(nodes) else np.zeros((0, 6), dtype=np.int64)
    z = _z(observed, expected, variance)
    sd = np.sqrt(variance)
    columns: dict[str, object] = {
        "node": nodes,
        "label": [D.nodes[v].get("label", str(v)) for v in nodes],
        "kind": [D.nodes[v].get("kind", "") for v in nodes],
        by: values,
    }
    for r, role in enumerate(_ROLE_MEASURES):
        columns[role] = observed[:, r].astype(int)
        columns[f"{role}_expected"] = expected[:, r].astype(float)
        columns[f"{role}_sd"] = sd[:, r].astype(float)
        columns[f"{role}_z"] = z[:, r].astype(float)
    frame = pd.DataFrame(columns)
    frame = frame.sort_values(["total", "node"], ascending=[False, True], kind="mergesort", key=_sort_key)
    return frame.reset_index(drop=True)


def _sort_key(column: pd.Series) -> pd.Series:
    return column.astype(str) if column.name == "node" else column


def brokerage_roles_overall(
    G: nx.Graph,
    *,
    network: str = "collaboration",
    by: str = "sector",
    directed: bool | None = None,
) -> pd.DataFrame:
    """The whole network's Gould–Fernandez brokerage: each role's count, expectation and z-score.

    Parameters as in :func:`brokerage_roles`.

    Returns
    -------
    DataFrame
        ``broker_role, observed, expected, sd, z``: one row per role of :data:`BROKER_ROLES` and one
        for ``total``; ``observed`` sums the nodes' counts, the rest are sna's ``exp.gli``,
        ``sd.gli`` and ``z.gli``.
    """
    _D, nodes, _values, counts, _e, _v, whole, whole_var = _gould_fernandez(G, network, by, directed)
    observed = np.append(counts.sum(axis=0), counts.sum()).astype(int)
    return pd.DataFrame(
        {
            "broker_role": list(_ROLE_MEASURES),
            "observed": observed,
            "expected": whole,
            "sd": np.sqrt(whole_var),
            "z": _z(observed, whole, whole_var),
        }
    )


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

# Wedges (ordered pairs of neighbours of one node) that _burt handles at once: its temporary
# arrays take about 60 bytes a wedge, 60 MB a batch. The national roster's organisations network
# has 2.9 million wedges; smaller batches were no faster there.
_WEDGE_BATCH = 1 << 20


def _reciprocal(values: np.ndarray) -> np.ndarray:
    """1 / value, and 0 where the value is 0: networkx' normalized mutual weight is 0 then."""
    values = np.asarray(values, dtype=float)
    out = np.zeros_like(values)
    np.divide(1.0, values, out=out, where=values != 0)
    return out


def _burt(P: nx.Graph, weight: str = "weight") -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size of every node of the undirected graph *P*, in node order.

    The numbers networkx gives node by node (``nx.constraint(P, nodes=P, weight=weight)`` and
    ``nx.effective_size(...)``, ties without *weight* weighing 1), computed from the arrays of
    the ties. With ``a`` the weight of a tie (a self-loop is a tie of a node to itself), ``s(u)``
    the sum and ``x(u)`` the largest of the weights of u's ties, ``p(u, v) = a(u, v) / s(u)`` and
    ``m(u, v) = a(u, v) / x(u)`` (0 when the denominator is 0)::

        constraint(u)     = sum over neighbours v of (p(u, v) + sum_w p(u, w) p(w, v))^2
        effective_size(u) = sum over neighbours v of (1 - sum_w p(u, w) m(v, w))

    Both inner sums run over the common neighbours w of u and v: over the wedges u - w - v
    that close on a tie u - v. Each node w contributes every ordered pair of its neighbours,
    summed at the tie the pair closes (``a`` is symmetric)::

        indirect(u, v)  = sum_w a(u, w) a(w, v) / s(w)
        redundant(u, v) = sum_w a(u, w) a(v, w)
        p(u, v) + sum_w p(u, w) p(w, v) = (a(u, v) + indirect(u, v)) / s(u)
        sum_w p(u, w) m(v, w)           = redundant(u, v) / (s(u) x(v))

    Constraint is NaN for a node without ties, effective size also for a node whose only tie
    is a self-loop, as in networkx. (networkx' all-nodes call, ``nodes=None`` with scipy
    installed, takes a matrix path instead: its effective size divides ``m(v, w)`` by the
    largest weight of w, not of v, which is wrong on weighted graphs, networkx pull request
    #8906; its constraint is NaN for a node with only a self-loop of weight 1.)
    """
    n = len(P)
    index = {node: i for i, node in enumerate(P)}
    ties = [(index[u], index[v], w) for u, v, w in P.edges(data=weight, default=1)]
    u = np.array([t[0] for t in ties], dtype=np.int64)
    v = np.array([t[1] for t in ties], dtype=np.int64)
    a = np.array([t[2] for t in ties], dtype=float)
    loop = u == v
    # Both directions of every tie, a self-loop once, sorted by (row, column): row r lists r's
    # neighbours, like a CSR adjacency matrix. ``key`` finds the entry of a pair (row, column).
    rows = np.concatenate([u, v[~loop]])
    cols = np.concatenate([v, u[~loop]])
    weights = np.concatenate([a, a[~loop]])
    order = np.lexsort((cols, rows))
    rows, cols, weights = rows[order], cols[order], weights[order]
    key = rows * n + cols
    degree = np.bincount(rows, minlength=n)
    start = np.concatenate([[0], np.cumsum(degree)[:-1]]) if n else np.zeros(0, dtype=np.int64)
    inv_sum = _reciprocal(np.bincount(rows, weights=weights, minlength=n))
    largest = np.zeros(n)
    tied = degree > 0
    if tied.any():
        largest[tied] = np.maximum.reduceat(weights, start[tied])
    inv_largest = _reciprocal(largest)

    indirect = np.zeros(len(key))
    redundant = np.zeros(len(key))
    # Centres in batches of about _WEDGE_BATCH wedges; a centre's wedges are never split.
    wedges = np.cumsum(degree.astype(np.int64) ** 2)
    centre = 0
    while centre < n:
        done = wedges[centre - 1] if centre else 0
        end = max(int(np.searchsorted(wedges, done + _WEDGE_BATCH, side="right")), centre + 1)
        first_entry, stop_entry = start[centre], start[end - 1] + degree[end - 1]
        entries = np.arange(first_entry, stop_entry)
        counts = degree[rows[entries]]
        first = np.repeat(entries, counts)
        offsets = np.arange(len(first)) - np.repeat(np.cumsum(counts) - counts, counts)
        second = start[rows[first]] + offsets
        pair = cols[first] * n + cols[second]
        at = np.minimum(np.searchsorted(key, pair), len(key) - 1)
        closes = key[at] == pair
        at = at[closes]
        product = (weights[first] * weights[second])[closes]
        redundant += np.bincount(at, weights=product, minlength=len(key))
        indirect += np.bincount(at, weights=product * inv_sum[rows[first[closes]]], minlength=len(key))
        centre = end

    local = (weights + indirect) * inv_sum[rows]
    # (float: bincount of no weights at all counts in integers)
    constraint = np.bincount(rows, weights=local * local, minlength=n).astype(float)
    shared = np.bincount(rows, weights=redundant * inv_largest[cols], minlength=n)
    effective_size = (degree - inv_sum * shared).astype(float)
    constraint[degree == 0] = np.nan
    effective_size[degree - np.bincount(u[loop], minlength=n) == 0] = np.nan
    return constraint, effective_size


def structural_holes(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Burt's constraint and effective size of each organisation in the organisations network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.

    Returns
    -------
    DataFrame
        ``node, label, sector, constraint, effective_size`` (the numbers of networkx'
        ``constraint`` and ``effective_size`` node by node, with ``weight``: shared groups plus
        collaboration). Low constraint
        and a large effective size mark an organisation that bridges otherwise separate
        partners. Organisations without ties have NaN. Rows by constraint (lowest first,
        NaN last; equal to 12 decimals counts as equal), then node id.
    """
    P = organisations_network(G)
    constraint, effective = _burt(P)
    rows = [
        {
            "node": node,
            "label": data.get("label", node),
            "sector": data.get("sector", ""),
            "constraint": c,
            "effective_size": e,
        }
        for (node, data), c, e in zip(P.nodes(data=True), constraint.tolist(), effective.tolist())
    ]
    frame = pd.DataFrame(rows, columns=["node", "label", "sector", "constraint", "effective_size"])
    # Equal constraints (two organisations placed alike) can differ in the last bit, their sums
    # running in different orders; on 12 decimals they tie and the node id decides.
    rank = frame.assign(rank=frame["constraint"].round(12))
    order = rank.sort_values(["rank", "node"], na_position="last", kind="mergesort").index
    return frame.loc[order].reset_index(drop=True)


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
