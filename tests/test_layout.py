"""Tests of verkosto.layout: tier rings, region sectors, clusters, force layout."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest
from conftest import add_group, add_organisation, add_person, add_tiers

from verkosto.layout import LAYOUTS, compute_layout, force_layout, tier_guides, tier_layout


def radius(position) -> float:
    return math.hypot(*position)


def clockwise_angle(position) -> float:
    """Angle from 12 o'clock, growing clockwise on screen, in [0, 2π)."""
    x, y = position
    return (math.atan2(y, x) + math.pi / 2) % (2 * math.pi)


def groups(G, tier=None):
    return [n for n, d in G.nodes(data=True) if d["kind"] == "group" and tier in (None, d["tier"])]


def two_regions() -> nx.MultiDiGraph:
    """Regions A and B, each with one regional and two local steering groups."""
    G = nx.MultiDiGraph()
    for region in ("A", "B"):
        add_group(G, f"{region} regional", "regional", "coordination_group", region=region)
        for municipality in ("m1", "m2"):
            add_group(G, f"{region} {municipality}", "local", "steering_group", region=region,
                      municipality=municipality)
    return G


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_same_graph_gives_identical_positions(name, small_network):
    assert compute_layout(small_network, name) == compute_layout(small_network, name)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_insertion_order_does_not_matter(name, small_network):
    shuffled = nx.MultiDiGraph(**small_network.graph)
    shuffled.add_nodes_from(reversed(list(small_network.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(small_network.edges(keys=True, data=True))))
    assert compute_layout(shuffled, name) == compute_layout(small_network, name)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
@pytest.mark.parametrize("graph", ["small_network", "large_network"])
def test_every_node_has_a_finite_position(name, graph, request):
    G = request.getfixturevalue(graph)
    positions = compute_layout(G, name)
    assert set(positions) == set(G.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())


@pytest.mark.parametrize("graph", ["small_network", "large_network"])
def test_tiers_are_rings_from_the_centre_out(graph, request):
    G = request.getfixturevalue(graph)
    positions = tier_layout(G)
    distances = {tier: [radius(positions[n]) for n in groups(G, tier)] for tier in ("provincial", "regional", "local")}
    assert max(distances["provincial"]) < min(distances["regional"])
    assert max(distances["regional"]) < min(distances["local"])
    tier_nodes = [n for n, d in G.nodes(data=True) if d["kind"] == "tier"]
    assert max(radius(positions[n]) for n in tier_nodes) < min(distances["provincial"])


@pytest.mark.parametrize("graph", ["small_network", "large_network"])
def test_local_groups_of_a_region_are_contiguous_and_ordered(graph, request):
    G = request.getfixturevalue(graph)
    positions = tier_layout(G)
    local = sorted(groups(G, "local"), key=lambda n: clockwise_angle(positions[n]))
    regions = [G.nodes[n]["region"] for n in local]
    runs = [region for i, region in enumerate(regions) if i == 0 or regions[i - 1] != region]
    assert len(runs) == len(set(regions))
    assert runs == sorted(runs)
    for region in set(regions):
        steering = [G.nodes[n]["municipality"] for n in local
                    if G.nodes[n]["region"] == region and G.nodes[n]["group_type"] == "steering_group"]
        assert steering == sorted(steering)


def test_sector_positions_worked_out_by_hand():
    # Each region weighs 2 local groups + 1 slot of padding = half the circle; its slots
    # are π/3 wide and start at 12 o'clock (angle -π/2).
    positions = tier_layout(two_regions())
    assert positions["group:A m1"] == (round(1600 * math.cos(-math.pi / 6), 1), -800.0)
    assert positions["group:A m2"] == (round(1600 * math.cos(math.pi / 6), 1), 800.0)
    # The regional group sits in the middle of its region's sector: 3 o'clock for A, 9 for B.
    assert positions["group:A regional"] == (900.0, 0.0)
    assert positions["group:B regional"] == (-900.0, 0.0)
    assert positions["group:B m1"] == (round(-1600 * math.cos(-math.pi / 6), 1), 800.0)


def test_cross_cutting_groups_sit_inside_their_ring():
    G = two_regions()
    add_group(G, "A working group", "local", "working_group", region="A", municipality="m1")
    positions = tier_layout(G)
    # 30 % of the way from the local ring (1600) towards the regional ring (900).
    assert radius(positions["group:A working group"]) == pytest.approx(1600 - 0.3 * 700, abs=0.1)
    assert radius(positions["group:A m1"]) == pytest.approx(1600, abs=0.1)


def test_single_provincial_group_at_six_o_clock():
    G = nx.MultiDiGraph()
    add_tiers(G)
    add_group(G, "Province", "provincial", "steering_group")
    positions = tier_layout(G)
    assert positions["group:Province"] == (0.0, 300.0)
    assert positions["tier:provincial"] == (0.0, -75.0)


def test_persons_next_to_their_groups_and_organisations_next_to_their_people():
    G = two_regions()
    add_organisation(G, "Org", "ngo")
    add_person(G, "Solo", "Org", {"A m1": "member"})
    add_person(G, "Bridge", "Org", {"A m1": "member", "A regional": "chair"})
    positions = tier_layout(G)
    group, regional = positions["group:A m1"], positions["group:A regional"]
    # First on the spiral around its anchor: exactly one spacing (34 px) away.
    assert math.dist(positions["person:Solo"], group) == pytest.approx(34, abs=0.2)
    midpoint = ((group[0] + regional[0]) / 2, (group[1] + regional[1]) / 2)
    assert math.dist(positions["person:Bridge"], midpoint) == pytest.approx(34, abs=0.2)
    staff = (positions["person:Solo"], positions["person:Bridge"])
    mean = ((staff[0][0] + staff[1][0]) / 2, (staff[0][1] + staff[1][1]) / 2)
    assert math.dist(positions["organisation:Org"], mean) == pytest.approx(34, abs=0.2)


def test_no_two_persons_share_a_spot_and_groups_stay_apart(large_network):
    positions = tier_layout(large_network)
    persons = [positions[n] for n, d in large_network.nodes(data=True) if d["kind"] == "person"]
    closest = min(math.dist(a, b) for i, a in enumerate(persons) for b in persons[i + 1:])
    assert closest > 1.0
    group_positions = [positions[n] for n in groups(large_network)]
    assert min(math.dist(a, b) for i, a in enumerate(group_positions) for b in group_positions[i + 1:]) > 150


def test_rings_grow_with_the_graph(small_network, large_network):
    small = {ring["tier"]: ring["radius"] for ring in tier_guides(small_network)["rings"]}
    large = {ring["tier"]: ring["radius"] for ring in tier_guides(large_network)["rings"]}
    assert small == {"provincial": 300.0, "regional": 900.0, "local": 1600.0}
    assert large["local"] > small["local"]
    assert large["local"] / large["provincial"] == pytest.approx(1600 / 300)


def test_guides_list_regions_in_order_around_the_circle():
    guides = tier_guides(two_regions())
    assert [(r["region"], r["start"], r["end"]) for r in guides["regions"]] == [
        ("A", -math.pi / 2, math.pi / 2),
        ("B", math.pi / 2, 3 * math.pi / 2),
    ]


def test_unplaceable_nodes_go_on_an_outer_ring():
    G = two_regions()
    add_organisation(G, "Lonely", "other")
    assert radius(tier_layout(G)["organisation:Lonely"]) == pytest.approx(1.2 * 1600, abs=0.1)


def test_force_layout_depends_on_seed_only(small_network):
    assert force_layout(small_network, seed=1) == force_layout(small_network, seed=1)
    assert force_layout(small_network, seed=1) != force_layout(small_network, seed=2)


def test_force_layout_leaves_the_global_random_state_alone(small_network):
    random.seed(5)
    expected = random.random()
    random.seed(5)
    force_layout(small_network)
    assert random.random() == expected


def test_force_layout_of_empty_and_single_node_graphs():
    assert force_layout(nx.MultiDiGraph()) == {}
    G = nx.MultiDiGraph()
    G.add_node("person:A", kind="person")
    assert force_layout(G) == {"person:A": (0.0, 0.0)}


def test_unknown_layout_names_the_choices(small_network):
    with pytest.raises(ValueError, match=r"^unknown layout 'circle'; choose one of: force, tiers$"):
        compute_layout(small_network, "circle")
