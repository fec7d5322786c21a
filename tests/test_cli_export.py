"""`verkosto export` and `verkosto import-kumu` driven as a user runs them, checked through the library."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import networkx as nx
from gexf13 import GEXF, VIZ, check_gexf13
from rosters import write_xlsx
from typer.testing import CliRunner

from cli import app
from verkosto import analyse
from verkosto.example import example_path
from verkosto.layout import compute_layout
from verkosto.load import load_roster
from verkosto.render import node_appearance

runner = CliRunner(env={"VERKOSTO_LANG": "en"})


def run(*args):
    return runner.invoke(app, [str(a) for a in args])



def test_export_of_the_example_opens_as_gexf_1_3_with_the_maps_colours_and_places(in_tmp):
    result = run("export", "-o", "verkosto.gexf")
    assert (result.exit_code, result.stdout) == (0, "verkosto.gexf (the fictitious example pirkanmaa_2025-2026.xlsx)\n"), \
        result.output
    assert result.stderr == "No roster given: using the fictitious example pirkanmaa_2025-2026.xlsx.\n"
    document = (in_tmp / "verkosto.gexf").read_bytes()
    assert check_gexf13(document) == []
    G = analyse().graph
    positions = compute_layout(G, "tiers")
    nodes = {n.get("id"): n for n in ET.fromstring(document).iter(GEXF + "node")}
    assert set(nodes) == set(G.nodes)
    for node, element in nodes.items():
        color, _shape, size = node_appearance(G.nodes[node])
        c = element.find(VIZ + "color")
        assert "#{:02X}{:02X}{:02X}".format(*(int(c.get(k)) for k in "rgb")) == color.upper()
        p = element.find(VIZ + "position")
        assert (float(p.get("x")), -float(p.get("y"))) == positions[node]
        assert float(element.find(VIZ + "size").get("value")) == size


def test_export_of_two_seasons_plays_them_on_the_timeline(in_tmp):
    first, second = example_path("2023-2024"), example_path("2024-2025")
    result = run("export", first, second, "-o", "kaudet.gexf", "--network", "organisations")
    assert (result.exit_code, result.stdout) == (0, "kaudet.gexf\n"), result.output
    assert check_gexf13((in_tmp / "kaudet.gexf").read_bytes()) == []
    G = nx.read_gexf(in_tmp / "kaudet.gexf")
    for path, spell in ((first, ("2023-08-01", "2024-06-30")), (second, ("2024-08-01", "2025-06-30"))):
        expected = set(analyse(path).network("organisations").nodes)
        assert {n for n, d in G.nodes(data=True) if spell in d["spells"]} == expected


def test_export_projection_to_graphml_and_cytoscape(in_tmp):
    for name in ("persons.graphml", "persons.cyjs"):
        result = run("export", "--network", "persons", "-o", name, "-q")
        assert result.exit_code == 0, result.output
    expected = analyse().network("persons")
    assert set(nx.read_graphml(in_tmp / "persons.graphml").nodes) == set(expected.nodes)
    import json

    doc = json.loads((in_tmp / "persons.cyjs").read_text(encoding="utf-8"))
    assert len(doc["elements"]["edges"]) == expected.number_of_edges()


def test_export_pseudonymized_names_nobody(in_tmp):
    result = run("export", "--pseudonymize", "-o", "x.graphml")
    assert result.exit_code == 0, result.output
    text = (in_tmp / "x.graphml").read_text(encoding="utf-8")
    some_person = load_roster(example_path()).memberships["person"].iloc[0]
    assert some_person not in text and "#1 · " in text


def test_export_to_an_unknown_suffix(in_tmp):
    result = run("export", "-o", "kartta.pdf")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: kartta.pdf: unknown export format '.pdf'; use one of the suffixes "
        ".kumu.xlsx, .gexf, .graphml, .cyjs, .json\n")


def test_kumu_workbook_becomes_a_roster_that_map_draws(in_tmp):
    assert run("export", "-o", "kartta.kumu.xlsx", "-q").exit_code == 0
    result = run("import-kumu", "kartta.kumu.xlsx", "-o", "luettelo.xlsx")
    assert result.exit_code == 0, result.output
    original = load_roster(example_path())
    assert result.stdout == (
        "Elements: columns used: ID, Label, Type, Sector, Tier, Region, Municipality, Group type, Organisation, "
        "Parent group, Meetings\n"
        "Elements: columns left out: Description, Tags, Degree, Weighted degree, Betweenness, Closeness, Eigenvector\n"
        "Connections: columns used: From, To, Type, Role, Organisation, Municipality, Collaboration type, Weight\n"
        "Connections: columns left out: none\n"
        "left out 3 tier elements (a group's tier comes from its Tier field or its connection to a tier)\n"
        f"luettelo.xlsx: {len(original.memberships)} memberships, {len(original.groups)} groups, "
        f"{len(original.organisations)} organisations, {len(original.collaborations)} collaborations\n"
    )
    drawn = run("map", "luettelo.xlsx", "-o", "kartta.html")
    G = analyse().graph
    assert drawn.stdout == f"kartta.html: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges\n"


def test_import_kumu_names_the_sheet_and_row_it_cannot_map(in_tmp):
    write_xlsx(in_tmp / "k.xlsx", {"Elements": [["Label", "Type"], ["Aino", "Person"], ["Hanke", "Project"]]})
    result = run("import-kumu", "k.xlsx", "-o", "luettelo.xlsx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: k.xlsx, sheet Elements, row 3, column Type: unknown element type 'Project'; "
        "allowed types: person, organisation, group, tier\n")
    assert not (in_tmp / "luettelo.xlsx").exists()


def test_pseudonymized_seasons_need_a_key(in_tmp):
    result = run("export", example_path("2023-2024"), example_path("2024-2025"), "--pseudonymize", "-o", "x.gexf")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: a pseudonymized export of several seasons needs a key: give --key avain.txt, "
        "so that a person keeps one pseudonym in every season\n")
    (in_tmp / "avain.txt").write_text("0123456789abcdef0123456789abcdef", encoding="utf-8")
    result = run("export", example_path("2023-2024"), example_path("2024-2025"), "--key", "avain.txt", "-o", "x.gexf")
    assert result.exit_code == 0, result.output
    G = nx.read_gexf(in_tmp / "x.gexf")
    both = [n for n, d in G.nodes(data=True) if n.startswith("person:") and d["seasons"] == "2023-2024|2024-2025"]
    assert len(both) > 100 and all(G.nodes[n]["label"].startswith("#") for n in both)
