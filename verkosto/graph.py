"""Roster -> networkx graph of persons, organisations, groups and tiers, and its projections."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from ._perf import paused_gc
from .errors import VerkostoError
from .load import ROLE_PRIORITY, Roster
from .schema import TIER_ORDER

__all__ = [
    "MAX_PERSONS",
    "MAX_PERSON_TIES",
    "build_graph",
    "check_size",
    "node_id",
    "persons",
    "organisations",
    "groups",
    "collaboration",
    "project",
    "NETWORKS",
    "nodes_of_kind",
]

KINDS = ("tier", "group", "organisation", "person")


def node_id(kind: object, name: object) -> str:
    """Namespaced node id, e.g. ``node_id("group", "Akaan ohjausryhmä")``.

    >>> node_id("tier", "local")
    'tier:local'
    """
    return f"{kind}:{name}"


def _most_common(values) -> str:
    """The most frequent non-empty value, the first seen on a tie ('' if none)."""
    values = [v for v in values if v]
    if not values:
        return ""
    if all(v == values[0] for v in values):  # the common case: one value, no counting needed
        return values[0]
    return Counter(values).most_common(1)[0][0]


def _missing(value) -> bool:
    """None, NaN or pd.NA: the keys pandas' groupby leaves out."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# What verkosto maps and measures at most, documented in the README. A wellbeing services
# county has a few thousand persons in its roster, the whole country about 15,000 with 290,000
# ties in the persons network; beyond these the graph alone takes gigabytes.
MAX_PERSONS = 50_000
MAX_PERSON_TIES = 5_000_000


def check_size(roster: Roster) -> None:
    """Refuse, in one line, a roster too large to map: more than :data:`MAX_PERSONS` persons,
    or groups so large that the persons network would have over :data:`MAX_PERSON_TIES` ties
    (a group's members are all tied to each other).

    >>> from verkosto.example import example_path
    >>> from verkosto.load import load_roster
    >>> check_size(load_roster(example_path()))  # the example is far below both
    """
    members = roster.memberships
    persons = members["person_id"].nunique()
    if persons > MAX_PERSONS:
        raise VerkostoError("roster.too_many_persons", file=roster.source, persons=persons, limit=MAX_PERSONS)
    sizes = members.groupby("group")["person_id"].nunique()
    ties = int((sizes * (sizes - 1) // 2).sum())
    if ties > MAX_PERSON_TIES:
        raise VerkostoError("roster.too_many_ties", file=roster.source, ties=ties, limit=MAX_PERSON_TIES,
                            group=str(sizes.idxmax()), members=int(sizes.max()))


def build_graph(roster: Roster) -> nx.MultiDiGraph:
    """Build the network of a roster.

    Nodes are namespaced strings (``tier:local``, ``group:<name>``, ``organisation:<name>``,
    ``person:<person_id>``) with attributes ``kind`` and ``label`` and, by kind:

    - person: ``organisation``, ``sector``, ``municipality``, ``region`` (the most frequent
      across the person's memberships);
    - organisation: ``sector``, ``municipality``, ``region``;
    - group: ``tier``, ``group_type``, ``region``, ``municipality``, ``parent``, ``meetings``;
    - tier: ``tier``.

    Edges are keyed by their kind: ``member_of`` (person → group; ``role``, ``roles``,
    ``organisation``, ``municipality`` as on the membership row), ``works_for`` (person → organisation), ``part_of`` (group → tier),
    ``reports_to`` (group → parent group) and ``collaborates`` (``type``, ``weight``).

    Examples
    --------
    >>> import pandas as pd
    >>> from verkosto.load import Roster
    >>> m = pd.DataFrame([{"person_id": "Aino", "person": "Aino", "organisation": "Kela",
    ...     "sector": "kela", "group": "OR", "tier": "local", "role": "chair",
    ...     "municipality": "Akaa", "region": "", "season": ""}])
    >>> g = pd.DataFrame([{"group": "OR", "tier": "local", "group_type": "steering_group",
    ...     "region": "", "municipality": "Akaa", "parent": "", "meetings": None}])
    >>> o = pd.DataFrame([{"organisation": "Kela", "sector": "kela", "municipality": "",
    ...     "region": ""}])
    >>> c = pd.DataFrame(columns=["source", "target", "source_kind", "target_kind", "type", "weight"])
    >>> G = build_graph(Roster(m, g, o, c))
    >>> sorted(G.nodes)
    ['group:OR', 'organisation:Kela', 'person:Aino', 'tier:local']
    >>> G.edges["person:Aino", "group:OR", "member_of"]["role"]
    'chair'
    """
    with paused_gc():  # hundreds of thousands of attribute dicts: see verkosto._perf
        return _build(roster)


def _build(roster: Roster) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(season=roster.season, source=roster.source)
    memberships = roster.memberships
    for tier in TIER_ORDER:
        if tier in set(roster.groups["tier"]):
            G.add_node(node_id("tier", tier), kind="tier", label=tier, tier=tier)
    for row in roster.groups.sort_values("group").itertuples(index=False):
        meetings = None if pd.isna(row.meetings) else int(row.meetings)
        G.add_node(
            node_id("group", row.group),
            kind="group",
            label=row.group,
            tier=row.tier,
            group_type=row.group_type,
            region=row.region,
            municipality=row.municipality,
            parent=row.parent,
            meetings=meetings,
        )
        G.add_edge(node_id("group", row.group), node_id("tier", row.tier), key="part_of")
        if row.parent:
            G.add_edge(node_id("group", row.group), node_id("group", row.parent), key="reports_to")
    for row in roster.organisations.sort_values("organisation").itertuples(index=False):
        G.add_node(
            node_id("organisation", row.organisation),
            kind="organisation",
            label=row.organisation,
            sector=row.sector,
            municipality=row.municipality,
            region=row.region,
        )
    sector_of = dict(zip(roster.organisations["organisation"], roster.organisations["sector"]))
    # Plain lists and row numbers rather than a pandas groupby per person: a national roster
    # has tens of thousands of persons, and per-group pandas overhead dominated the build.
    columns = {c: memberships[c].tolist() for c in ("person", "organisation", "group", "role", "municipality", "region")}
    person_rows: dict[str, list[int]] = defaultdict(list)
    for i, person_id in enumerate(memberships["person_id"].tolist()):
        if not _missing(person_id):  # as pandas' groupby, which leaves missing keys out
            person_rows[person_id].append(i)
    names, organisations_, groups_ = columns["person"], columns["organisation"], columns["group"]
    roles_, municipalities, regions = columns["role"], columns["municipality"], columns["region"]
    for person_id in sorted(person_rows):
        rows = person_rows[person_id]
        orgs = [organisations_[i] for i in rows]
        organisation = _most_common(orgs)
        person = node_id("person", person_id)
        G.add_node(
            person,
            kind="person",
            label=names[rows[0]],
            organisation=organisation,
            sector=sector_of[organisation],
            municipality=_most_common(municipalities[i] for i in rows),
            region=_most_common(regions[i] for i in rows),
        )
        for org in dict.fromkeys(orgs):
            G.add_edge(person, node_id("organisation", org), key="works_for")
        rows_of_group: dict[str, list[int]] = defaultdict(list)
        for i in rows:
            if not _missing(groups_[i]):
                rows_of_group[groups_[i]].append(i)
        for group in sorted(rows_of_group):
            group_rows = rows_of_group[group]
            roles = sorted({roles_[i] for i in group_rows}, key=ROLE_PRIORITY.index)
            G.add_edge(
                person,
                node_id("group", group),
                key="member_of",
                role=roles[0],
                roles=tuple(roles),
                organisation=organisations_[group_rows[0]],
                municipality=municipalities[group_rows[0]],
            )
    for row in roster.collaborations.itertuples(index=False):
        u, v = node_id(row.source_kind, row.source), node_id(row.target_kind, row.target)
        if G.has_edge(u, v, "collaborates"):
            data = G.edges[u, v, "collaborates"]
            data["weight"] += row.weight
            data["types"] = tuple(sorted(set(data["types"]) | ({row.type} - {""})))
            data["type"] = ", ".join(data["types"])
        else:
            types = (row.type,) if row.type else ()
            G.add_edge(u, v, key="collaborates", weight=float(row.weight), types=types, type=row.type)
    return G


def nodes_of_kind(G: nx.Graph, kind: str) -> list[str]:
    """Node ids of one kind, in graph order."""
    return [n for n, k in G.nodes(data="kind") if k == kind]


def _members(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Group -> member persons, sorted."""
    members = defaultdict(list)
    for u, v, key in G.edges(keys=True):
        if key == "member_of":
            members[v].append(u)
    return {g: sorted(set(ps)) for g, ps in members.items()}


def _collaboration_pairs(G: nx.MultiDiGraph, kind: str | None = None) -> Counter:
    """Undirected pair -> summed collaboration weight, optionally between one kind only."""
    pairs: Counter = Counter()
    for u, v, key, w in G.edges(keys=True, data="weight"):
        if key != "collaborates" or u == v:
            continue
        if kind and (G.nodes[u]["kind"] != kind or G.nodes[v]["kind"] != kind):
            continue
        pairs[tuple(sorted((u, v)))] += w
    return pairs


def _projection(G, nodes, shared: Counter, shared_name: str, collaboration: Counter | None = None) -> nx.Graph:
    P = nx.Graph(**G.graph)
    P.add_nodes_from((n, G.nodes[n]) for n in nodes)
    collaboration = collaboration or Counter()
    # Pairs in sorted order, each once. ``_shared`` yields its pairs sorted and collaboration
    # pairs are few, so the sort is one pass over a sorted run plus a short merge.
    pairs = list(shared)
    pairs.extend(pair for pair in collaboration if pair not in shared)
    pairs.sort()
    get_shared, get_collaboration = shared.get, collaboration.get
    with paused_gc():
        edges = []
        for pair in pairs:
            s, c = get_shared(pair, 0), get_collaboration(pair, 0.0)
            edges.append((*pair, {"weight": s + c, shared_name: s, "collaboration": c}))
        P.add_edges_from(edges)
    return P


def _shared(groups_of_members: dict[str, list[str]]) -> Counter:
    """Pair of members -> number of groups both belong to."""
    # Counted in numpy: every pair of members of every group as one integer (ranks of the
    # sorted member names), then counted by np.unique, which also sorts the pairs. A national
    # roster has hundreds of thousands of pairs; a Counter fed tuple by tuple took seconds.
    # Each pair is (smaller, larger), as combinations() of the sorted lists callers pass gave.
    lists = [members for members in groups_of_members.values() if len(members) > 1]
    if not lists:
        return Counter()
    names = sorted({member for members in lists for member in members})
    rank = {name: i for i, name in enumerate(names)}
    sizes = np.array([len(members) for members in lists], dtype=np.int64)
    ids = np.fromiter((rank[m] for members in lists for m in members), dtype=np.int64, count=int(sizes.sum()))
    # The member at place i of a group of k pairs with the k - 1 - i members after it.
    place = np.arange(len(ids)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    after = np.repeat(sizes, sizes) - 1 - place
    first = np.repeat(np.arange(len(ids)), after)
    second = first + 1 + np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after)
    a, b = ids[first], ids[second]
    n = len(names)
    keys, counts = np.unique(np.minimum(a, b) * n + np.maximum(a, b), return_counts=True)
    firsts, seconds = np.divmod(keys, n)
    pairs = zip(map(names.__getitem__, firsts.tolist()), map(names.__getitem__, seconds.tolist()))
    return Counter(dict(zip(pairs, counts.tolist())))


def persons(G: nx.MultiDiGraph) -> nx.Graph:
    """Persons linked by shared groups and person–person collaboration.

    Edge attributes: ``shared_groups`` (number of groups both sit in), ``collaboration``
    (summed collaboration weight) and ``weight``, their sum.
    """
    return _projection(G, nodes_of_kind(G, "person"), _shared(_members(G)), "shared_groups", _collaboration_pairs(G, "person"))


def organisations(G: nx.MultiDiGraph) -> nx.Graph:
    """Organisations linked by shared groups (through the persons representing them) and collaboration.

    An organisation sits in a group when a member represents it there. Edge attributes as in
    :func:`persons`.
    """
    orgs_in_group = defaultdict(set)
    for _u, v, key, org in G.edges(keys=True, data="organisation"):
        if key == "member_of":
            orgs_in_group[v].add(node_id("organisation", org))
    shared = _shared({g: sorted(o) for g, o in orgs_in_group.items()})
    return _projection(G, nodes_of_kind(G, "organisation"), shared, "shared_groups", _collaboration_pairs(G, "organisation"))


def groups(G: nx.MultiDiGraph) -> nx.Graph:
    """Groups linked by shared members; ``weight`` = ``shared_members``, the number of persons in both."""
    groups_of_person = defaultdict(list)
    for group, members in sorted(_members(G).items()):
        for person in members:
            groups_of_person[person].append(group)
    return _projection(G, nodes_of_kind(G, "group"), _shared(groups_of_person), "shared_members")


def collaboration(G: nx.MultiDiGraph) -> nx.Graph:
    """Collaboration ties only (undirected), ``weight`` summed over both directions and types."""
    pairs = _collaboration_pairs(G)
    nodes = sorted({n for pair in pairs for n in pair})
    P = nx.Graph(**G.graph)
    P.add_nodes_from((n, G.nodes[n]) for n in nodes)
    P.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(pairs.items()))
    return P


NETWORKS = {"persons": persons, "organisations": organisations, "groups": groups, "collaboration": collaboration}


def project(G: nx.MultiDiGraph, network: str) -> nx.Graph:
    """One of the projections by name: ``persons``, ``organisations``, ``groups``, ``collaboration``."""
    try:
        return NETWORKS[network](G)
    except KeyError:
        raise ValueError(f"unknown network '{network}'; choose one of {', '.join(NETWORKS)}") from None
