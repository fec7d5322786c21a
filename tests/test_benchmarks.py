"""The national-scale roster generator of the benchmarks: valid, shaped as designed, deterministic.

Correctness only; the benchmark's timings are not tested here.
"""

from collections import Counter

import pytest

from benchmarks.national import COUNTIES, generate, main, write_workbook
from verkosto.graph import build_graph
from verkosto.load import load_roster, validate_roster
from verkosto.metrics import tier_links


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """300 persons in the first two counties, written and read back."""
    path = write_workbook(tmp_path_factory.mktemp("national") / "national.xlsx", generate(persons=300, counties=2))
    return path, load_roster(path)


def municipalities(counties: int) -> int:
    return sum(len(names) for _county, _genitive, names in COUNTIES[:counties])


def test_loads_without_errors_or_warnings(tiny):
    path, roster = tiny
    assert validate_roster(path) == []
    assert roster.problems == []
    assert roster.season == "2024-2025"


def test_sizes(tiny):
    _path, roster = tiny
    m = roster.memberships
    assert m["person_id"].nunique() == 300
    assert 1.5 <= len(m) / 300 <= 3.5  # about two memberships per person
    assert m.groupby("person_id").size().min() >= 1
    assert len(roster.collaborations) == 100  # one tie per three persons
    assert set(roster.collaborations["source_kind"]) == {"organisation", "person"}


def test_structure_per_county(tiny):
    _path, roster = tiny
    groups = roster.groups
    kinds = Counter(zip(groups["tier"], groups["group_type"]))
    assert kinds["provincial", "steering_group"] == 2  # one per county
    assert kinds["regional", "coordination_group"] == 6  # three regions per county
    assert kinds["regional", "family_guidance_network"] == 6
    assert kinds["local", "steering_group"] == municipalities(2)  # one per municipality
    assert kinds["local", "meeting_place_network"] == municipalities(2)
    assert kinds["provincial", "expert_network"] == 2 * 5 + 3  # five per county, three national
    assert {g for g in groups["municipality"] if g} == {n for _c, _g, names in COUNTIES[:2] for n in names}
    # Every group but the provincial ones reports to a group; local steering groups to their region's.
    local = groups[(groups["tier"] == "local") & (groups["group_type"] == "steering_group")]
    assert all(parent == f"Koordinaatioryhmä, {region}" for parent, region in zip(local["parent"], local["region"]))


def test_tier_links_are_planted(tiny):
    _path, roster = tiny
    links = tier_links(build_graph(roster))
    local = links[links["tier"] == "local"]
    assert len(local) == municipalities(2)
    assert (local["n_linkers"] >= 1).mean() >= 0.8  # the chair usually sits in the region's group


def test_groups_grow_with_counties():
    def group_count(counties):
        return len(generate(persons=100 * counties, counties=counties)["Ryhmät"]) - 1

    two, four = group_count(2), group_count(4)
    expected = municipalities(4) / municipalities(2)
    assert 0.7 * expected <= four / two <= 1.3 * expected


def test_deterministic():
    assert generate(persons=200, counties=2, seed=3) == generate(persons=200, counties=2, seed=3)
    assert generate(persons=200, counties=2, seed=3) != generate(persons=200, counties=2, seed=4)


def test_command_line(tmp_path, capsys):
    path = main(["--persons", "120", "--counties", "1", "--seed", "2", "-o", str(tmp_path / "n.xlsx")])
    assert path.is_file()
    assert capsys.readouterr().out.startswith(f"{path}: Jäsenyydet ")
    assert load_roster(path).memberships["person_id"].nunique() == 120


def test_rejects_impossible_sizes():
    with pytest.raises(ValueError, match="counties must be between 1 and 21"):
        generate(persons=1000, counties=22)
    with pytest.raises(ValueError, match="persons must be at least 10 per county"):
        generate(persons=15, counties=2)


def test_page_benchmark_counts_the_bytes_of_every_payload_key():
    import json
    import re

    from conftest import build_small_network

    from benchmarks.page import payload_sizes
    from verkosto.render import to_html

    html = to_html(build_small_network(), generated="2025-01-01")
    embedded = re.search(r'<script type="application/json" id="verkosto-payload">(.*?)</script>', html, re.S).group(1)
    payload = json.loads(embedded)
    sizes = payload_sizes(html)
    assert set(payload) <= set(sizes)
    label = payload["nodes"]["columns"].index("label")
    labels = [row[label] for row in payload["nodes"]["rows"]]
    assert sizes["nodes.label"] == len(json.dumps(labels, separators=(",", ":"), ensure_ascii=True))
    assert sizes["(page without payload)"] == len(html.encode("utf-8")) - len(embedded.encode("utf-8"))
