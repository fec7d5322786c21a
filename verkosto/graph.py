"""Roster -> networkx graph of persons, organisations, groups and tiers, and its projections."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import pandas as pd

from .load import ROLE_PRIORITY, Roster
from .schema import TIER_ORDER

__all__ = [
    "build_graph",
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


def node_id(kind: str, name: str) -> str:
    """Namespaced node id, e.g. ``node_id("group", "Akaan ohjausryhmä")``.

    >>> node_id("tier", "local")
    'tier:local'
    """
    return f"{kind}:{name}"


def _most_common(values) -> str:
    """The most frequent non-empty value, the first seen on a tie ('' if none)."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


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
    for person_id, rows in sorted(memberships.groupby("person_id", sort=False), key=lambda kv: kv[0]):
        organisation = _most_common(rows["organisation"])
        person = node_id("person", person_id)
        G.add_node(
            person,
            kind="person",
            label=rows["person"].iloc[0],
            organisation=organisation,
            sector=sector_of[organisation],
            municipality=_most_common(rows["municipality"]),
            region=_most_common(rows["region"]),
        )
        for org in dict.fromkeys(rows["organisation"]):
            G.add_edge(person, node_id("organisation", org), key="works_for")
        for group, group_rows in rows.groupby("group", sort=True):
            roles = sorted(set(group_rows["role"]), key=ROLE_PRIORITY.index)
            G.add_edge(
                person,
                node_id("group", group),
                key="member_of",
                role=roles[0],
                roles=tuple(roles),
                organisation=group_rows["organisation"].iloc[0],
                municipality=group_rows["municipality"].iloc[0],
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
    pairs = Counter()
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
    for pair in sorted(set(shared) | set(collaboration)):
        s, c = shared.get(pair, 0), collaboration.get(pair, 0.0)
        P.add_edge(*pair, weight=s + c, **{shared_name: s, "collaboration": c})
    return P


def _shared(groups_of_members: dict[str, list[str]]) -> Counter:
    """Pair of members -> number of groups both belong to."""
    shared = Counter()
    for members in groups_of_members.values():
        shared.update(combinations(members, 2))
    return shared


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
    for u, v, key, org in G.edges(keys=True, data="organisation"):
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
