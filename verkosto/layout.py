"""Node positions for the network map, in pixels, computed in Python so the browser never simulates.

Two layouts share one signature, ``layout(G) -> {node: (x, y)}``:

- :func:`tier_layout` (the default) draws the three tiers as concentric rings: the
  provincial tier in the middle, regional coordination groups on a middle ring and the
  local groups on the outer ring, in one sector of the circle per region. Persons sit
  next to the groups they belong to, organisations next to their people.
- :func:`force_layout` is a Fruchterman–Reingold layout computed by python-igraph.

Both are deterministic: the same graph gives the same coordinates on every run and
every machine (no ``hash()``, no unseeded randomness, everything sorted).
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable

import networkx as nx

from verkosto.schema import TIER_ORDER

__all__ = [
    "CROSS_CUTTING_TYPES",
    "LAYOUTS",
    "compute_layout",
    "force_layout",
    "tier_guides",
    "tier_layout",
]

Position = tuple[float, float]

#: Group types that cut across the tier hierarchy; drawn just inside their tier's ring.
CROSS_CUTTING_TYPES = frozenset(
    {"expert_network", "meeting_place_network", "family_guidance_network", "working_group", "other"}
)

# Ring radii (px) for a map of up to ~400 nodes; larger maps scale all of them together.
_BASE_RADII = {"provincial": 300.0, "regional": 900.0, "local": 1600.0}
_BASE_NODE_COUNT = 400
# Arc length (px) a local group needs so that its cluster of members does not touch
# the neighbouring group's cluster.
_MIN_LOCAL_SLOT = 300.0
# Distance (px) between neighbours in a cluster of persons or organisations.
_CLUSTER_SPACING = 34.0
# Cross-cutting groups sit this fraction of the gap to the next inner ring inside their ring.
_CROSS_CUTTING_INSET = 0.3
_START_ANGLE = -math.pi / 2  # 12 o'clock; angles grow clockwise on screen (y points down).
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _unit(text: str) -> float:
    """A stable pseudo-random number in [0, 1) derived from *text* (unlike ``hash()``)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _polar(radius: float, angle: float) -> Position:
    return (radius * math.cos(angle), radius * math.sin(angle))


def _mean(points: list[Position]) -> Position:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _nodes_of_kind(G: nx.MultiDiGraph, kind: str) -> list[Hashable]:
    return sorted((n for n, data in G.nodes(data=True) if data.get("kind") == kind), key=str)


def _tier_of(data: dict) -> str:
    # Unknown tiers go to the outer ring rather than disappearing from the map.
    tier = data.get("tier")
    return tier if tier in TIER_ORDER else "local"


def _is_cross_cutting(data: dict) -> bool:
    return data.get("group_type") in CROSS_CUTTING_TYPES


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _group_sort_key(G: nx.MultiDiGraph, node: Hashable) -> tuple:
    data = G.nodes[node]
    return (
        _text(data.get("municipality")),
        _is_cross_cutting(data),
        _text(data.get("label")),
        str(node),
    )


def _scale(G: nx.MultiDiGraph, local_slots: int) -> float:
    """Common factor for all radii: grows with the node count and the number of local groups."""
    by_nodes = math.sqrt(G.number_of_nodes() / _BASE_NODE_COUNT)
    by_slots = local_slots * _MIN_LOCAL_SLOT / (2 * math.pi * _BASE_RADII["local"])
    return max(1.0, by_nodes, by_slots)


def _plan(G: nx.MultiDiGraph) -> dict:
    """Where the rings and region sectors are: shared by :func:`tier_layout` and :func:`tier_guides`."""
    groups_by_tier: dict[str, list] = defaultdict(list)
    for node in _nodes_of_kind(G, "group"):
        groups_by_tier[_tier_of(G.nodes[node])].append(node)

    # Each region gets one slot per group (of its busiest tier) plus one slot of padding,
    # which leaves a visible gap between neighbouring regions.
    members: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for tier in ("regional", "local"):
        for node in groups_by_tier[tier]:
            members[_text(G.nodes[node].get("region"))][tier].append(node)
    weights = {
        region: max(len(tiers["regional"]), len(tiers["local"])) + 1 for region, tiers in members.items()
    }
    # Regions in alphabetical order; groups without a region come last.
    regions = sorted(weights, key=lambda region: (region == "", region))
    total = sum(weights.values())
    scale = _scale(G, total)

    sectors = []
    start = _START_ANGLE
    for region in regions:
        span = 2 * math.pi * weights[region] / total
        sectors.append(
            {
                "region": region,
                "start": start,
                "end": start + span,
                "regional": sorted(members[region]["regional"], key=lambda n: _group_sort_key(G, n)),
                "local": sorted(members[region]["local"], key=lambda n: _group_sort_key(G, n)),
            }
        )
        start += span
    return {
        "radii": {tier: radius * scale for tier, radius in _BASE_RADII.items()},
        "sectors": sectors,
        "provincial": sorted(groups_by_tier["provincial"], key=lambda n: _group_sort_key(G, n)),
        "scale": scale,
    }


def _ring_radius(G: nx.MultiDiGraph, node: Hashable, tier: str, radii: dict[str, float]) -> float:
    radius = radii[tier]
    if not _is_cross_cutting(G.nodes[node]):
        return radius
    inner = radii[TIER_ORDER[TIER_ORDER.index(tier) - 1]] if tier != TIER_ORDER[0] else 0.0
    return radius - _CROSS_CUTTING_INSET * (radius - inner)


def _place_groups(G: nx.MultiDiGraph, plan: dict) -> dict[Hashable, Position]:
    radii = plan["radii"]
    positions: dict[Hashable, Position] = {}
    provincial = plan["provincial"]
    for index, node in enumerate(provincial):
        # Offset by half a step so that 12 o'clock stays free for the ring's caption.
        angle = _START_ANGLE + 2 * math.pi * (index + 0.5) / len(provincial)
        positions[node] = _polar(_ring_radius(G, node, "provincial", radii), angle)
    for sector in plan["sectors"]:
        for tier in ("regional", "local"):
            nodes = sector[tier]
            # Spread the region's groups evenly over its sector, with half a slot of margin.
            slot = (sector["end"] - sector["start"]) / (len(nodes) + 1)
            for index, node in enumerate(nodes, start=1):
                positions[node] = _polar(_ring_radius(G, node, tier, radii), sector["start"] + index * slot)
    return positions


def _place_tiers(G: nx.MultiDiGraph, plan: dict) -> dict[Hashable, Position]:
    """The tier nodes form a small triangle at the very centre, provincial at the top."""
    radius = 0.25 * plan["radii"]["provincial"]
    positions = {}
    for node in _nodes_of_kind(G, "tier"):
        tier = _tier_of(G.nodes[node])
        angle = _START_ANGLE + 2 * math.pi * TIER_ORDER.index(tier) / len(TIER_ORDER)
        positions[node] = _polar(radius, angle)
    return positions


def _anchor(neighbours: Iterable[Hashable], positions: dict[Hashable, Position]) -> Position | None:
    placed = [positions[n] for n in neighbours if n in positions]
    return _mean(placed) if placed else None


def _cluster_around(anchors: dict[Hashable, Position], spacing: float) -> dict[Hashable, Position]:
    """Spread nodes that share an anchor on a sunflower spiral around it.

    The spiral keeps neighbours ``spacing`` apart without any overlap search, and never
    puts a node exactly on the anchor, where its group or organisation may already be.
    Each cluster is turned by an angle derived from its first node so that clusters do
    not all look alike.
    """
    clusters: dict[tuple[int, int], list] = defaultdict(list)
    for node in sorted(anchors, key=str):
        x, y = anchors[node]
        clusters[(round(x), round(y))].append(node)
    positions = {}
    for nodes in clusters.values():
        turn = 2 * math.pi * _unit(str(nodes[0]))
        for index, node in enumerate(nodes):
            x, y = anchors[node]
            dx, dy = _polar(spacing * math.sqrt(index + 1), turn + index * _GOLDEN_ANGLE)
            positions[node] = (x + dx, y + dy)
    return positions


def _neighbour_anchors(
    nodes: Iterable[Hashable],
    neighbours: Callable[[Hashable], Iterable[Hashable]],
    positions: dict[Hashable, Position],
) -> dict[Hashable, Position]:
    anchors = {}
    for node in nodes:
        if node not in positions:
            anchor = _anchor(neighbours(node), positions)
            if anchor is not None:
                anchors[node] = anchor
    return anchors


def _edge_neighbours(G: nx.MultiDiGraph, kind: str, direction: str) -> Callable[[Hashable], list]:
    """Neighbours of a node along edges of one kind; *direction* is "out" or "in"."""

    def neighbours(node: Hashable) -> list:
        if direction == "out":
            return sorted((v for _, v, k in G.out_edges(node, keys=True) if k == kind), key=str)
        return sorted((u for u, _, k in G.in_edges(node, keys=True) if k == kind), key=str)

    return neighbours


def _collaborators(G: nx.MultiDiGraph) -> Callable[[Hashable], list]:
    out_, in_ = _edge_neighbours(G, "collaborates", "out"), _edge_neighbours(G, "collaborates", "in")
    return lambda node: sorted(set(out_(node)) | set(in_(node)), key=str)


def _place_leftovers(G: nx.MultiDiGraph, positions: dict, radius: float) -> dict[Hashable, Position]:
    """Nodes with no placed neighbour at all: evenly on a ring outside the map."""
    rest = sorted((n for n in G.nodes if n not in positions), key=str)
    return {
        node: _polar(radius, _START_ANGLE + 2 * math.pi * index / len(rest)) for index, node in enumerate(rest)
    }


def _rounded(positions: dict[Hashable, Position]) -> dict[Hashable, Position]:
    # Rounding keeps the HTML small and hides last-bit float noise from the output.
    return {node: (round(x, 1) + 0.0, round(y, 1) + 0.0) for node, (x, y) in positions.items()}


def tier_layout(G: nx.MultiDiGraph) -> dict[Hashable, Position]:
    """Concentric tier rings: provincial in the middle, regional around it, local outside.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A network graph (nodes with ``kind`` person, organisation, group or tier).

    Returns
    -------
    dict
        ``{node: (x, y)}`` in pixels, centred on ``(0, 0)``, for every node of *G*.

    Notes
    -----
    - Tier nodes form a small triangle at the centre; provincial groups lie on the inner
      ring (radius ~300 px; a single one at 6 o'clock, leaving 12 o'clock to the ring's
      caption), regional groups on the middle ring (~900 px) and local groups on the
      outer ring (~1600 px). Large graphs scale all radii together.
    - Regional and local groups are placed in one sector of the circle per region
      (alphabetical, groups without a region last), ordered by municipality inside it, so
      that a regional coordination group sits right inside its region's local groups.
    - Cross-cutting groups (expert, meeting-place and family-guidance networks, working
      groups) sit on their own tier, slightly inside the ring.
    - A person is placed near the mean position of its groups, an organisation near the
      mean of its people; nodes sharing a spot are spread on a small spiral. Persons
      without groups follow their organisations, organisations without people their
      collaboration partners, anything still unplaced goes on a ring outside the map.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("group:Ohjausryhmä", kind="group", tier="provincial", label="Ohjausryhmä")
    >>> G.add_node("person:Anna", kind="person", label="Anna")
    >>> G.add_edge("person:Anna", "group:Ohjausryhmä", key="member_of", role="chair")
    'member_of'
    >>> tier_layout(G)["group:Ohjausryhmä"]
    (0.0, 300.0)
    """
    plan = _plan(G)
    positions = _place_tiers(G, plan)
    positions.update(_place_groups(G, plan))

    persons = _nodes_of_kind(G, "person")
    organisations = _nodes_of_kind(G, "organisation")
    partners = _collaborators(G)
    # Each step places only nodes still unplaced, next to neighbours placed before.
    steps = (
        (persons, _edge_neighbours(G, "member_of", "out")),
        (organisations, _edge_neighbours(G, "works_for", "in")),
        (persons, _edge_neighbours(G, "works_for", "out")),
        (organisations, partners),
        (persons, partners),
    )
    for nodes, neighbours in steps:
        anchors = _neighbour_anchors(nodes, neighbours, positions)
        positions.update(_cluster_around(anchors, _CLUSTER_SPACING))

    positions.update(_place_leftovers(G, positions, 1.2 * plan["radii"]["local"]))
    return _rounded(positions)


def tier_guides(G: nx.MultiDiGraph) -> dict:
    """Rings and region sectors of :func:`tier_layout`, for drawing them behind the map.

    Returns
    -------
    dict
        ``{"rings": [{"tier", "radius"}], "regions": [{"region", "start", "end"}]}``:
        one ring per tier that has groups, in ``TIER_ORDER``; one sector per region
        (angles in radians, clockwise on screen from 12 o'clock).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("group:A", kind="group", tier="local", region="Etelä")
    >>> tier_guides(G)["rings"]
    [{'tier': 'local', 'radius': 1600.0}]
    """
    plan = _plan(G)
    present = {_tier_of(G.nodes[n]) for n in _nodes_of_kind(G, "group")}
    rings = [{"tier": tier, "radius": plan["radii"][tier]} for tier in TIER_ORDER if tier in present]
    regions = [{"region": s["region"], "start": s["start"], "end": s["end"]} for s in plan["sectors"]]
    return {"rings": rings, "regions": regions}


def _simple_undirected_edges(G: nx.MultiDiGraph, index: dict[Hashable, int]) -> list[tuple[int, int]]:
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v}
    return sorted(pairs)


def force_layout(G: nx.MultiDiGraph, seed: int = 1) -> dict[Hashable, Position]:
    """Fruchterman–Reingold layout of the undirected simple graph, by python-igraph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Any graph; edge directions, kinds and parallel edges are ignored.
    seed : int, default 1
        Seed of the random start; the same graph and seed give the same positions.

    Returns
    -------
    dict
        ``{node: (x, y)}`` in pixels, centred on ``(0, 0)``, scaled so that 95 % of the
        nodes lie within the radius the tier layout would use for its outer ring.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("person:A", "group:G"), ("person:B", "group:G")])
    >>> force_layout(G) == force_layout(G)
    True
    """
    import igraph

    nodes = sorted(G.nodes, key=str)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=_simple_undirected_edges(G, index))
    # igraph draws from a process-wide generator: use a private seeded one, then give
    # the default (the ``random`` module) back so other callers are not affected.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold().coords
    finally:
        igraph.set_random_number_generator(random)

    centre = _mean([tuple(c) for c in coords])
    shifted = [(x - centre[0], y - centre[1]) for x, y in coords]
    distances = sorted(math.hypot(x, y) for x, y in shifted)
    reach = distances[int(0.95 * (len(distances) - 1))] or 1.0
    factor = _BASE_RADII["local"] * _scale(G, 0) / reach
    return _rounded({node: (x * factor, y * factor) for node, (x, y) in zip(nodes, shifted)})


#: Layout functions by the name used in the CLI and in :func:`verkosto.render.to_html`.
LAYOUTS: dict[str, Callable[[nx.MultiDiGraph], dict[Hashable, Position]]] = {
    "tiers": tier_layout,
    "force": force_layout,
}


def compute_layout(G: nx.MultiDiGraph, name: str = "tiers") -> dict[Hashable, Position]:
    """Positions of *G* by the layout called *name* (one of :data:`LAYOUTS`).

    Raises
    ------
    ValueError
        If *name* is not a known layout; the message lists the allowed names.

    Examples
    --------
    >>> compute_layout(nx.MultiDiGraph(), "circle")
    Traceback (most recent call last):
    ...
    ValueError: unknown layout 'circle'; choose one of: force, tiers
    """
    try:
        layout = LAYOUTS[name]
    except KeyError:
        raise ValueError(f"unknown layout {name!r}; choose one of: {', '.join(sorted(LAYOUTS))}") from None
    return layout(G)
