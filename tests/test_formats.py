"""Exports to GEXF, GraphML, Cytoscape.js and Kumu, read back by other readers, and the Kumu import."""

from __future__ import annotations

import io
import json
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
from gexf13 import GEXF, VIZ, check_gexf13
from rosters import SMALL, write_xlsx

from verkosto import analyse
from verkosto.analysis import Analysis
from verkosto.errors import OutputError, RosterError
from verkosto.formats import export, format_of, import_kumu, portable_graph, read_kumu
from verkosto.formats.cytoscape import cytoscape_json
from verkosto.formats.gexf import gexf_bytes
from verkosto.formats.graphml import graphml_bytes
from verkosto.layout import compute_layout
from verkosto.load import load_roster
from verkosto.render import node_appearance

GROUPS = [
    ["Ryhmä", "Taso", "Tyyppi", "Alue", "Kunta", "Yläryhmä", "Kokoukset"],
    ["Akaan ohjausryhmä", "Paikallinen", "Ohjausryhmä", "Eteläinen", "Akaa", "Eteläinen koordinaatioryhmä", 6],
    ["Eteläinen koordinaatioryhmä", "Alueellinen", "Koordinaatioryhmä", "Eteläinen", "", "", 5],
    ["Valkeakosken ohjausryhmä", "Paikallinen", "Ohjausryhmä", "Eteläinen", "Valkeakoski", "", ""],
]
ORGANISATIONS = [
    ["Organisaatio", "Sektori", "Kunta", "Alue"],
    ["Akaan kaupunki", "Kunta", "Akaa", "Eteläinen"],
    ["Akaan seurakunta", "Seurakunta", "Akaa", "Eteläinen"],
    ["MLL Akaa", "Järjestö", "Akaa", "Eteläinen"],
]
COLLABORATION = [
    ["Lähde", "Kohde", "Tyyppi", "Vahvuus"],
    ["Akaan kaupunki", "MLL Akaa", "palveluohjaus", 3],
    ["Aino Aalto", "Bertta Berg", "", 1],
]
FIELDS = ("kind", "sector", "tier", "region", "municipality", "group_type", "organisation", "parent", "meetings")
METRICS = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


def roster_file(tmp_path, memberships=SMALL, name="r.xlsx"):
    sheets = {"Jäsenyydet": memberships, "Ryhmät": GROUPS, "Organisaatiot": ORGANISATIONS, "Yhteistyö": COLLABORATION}
    return write_xlsx(tmp_path / name, sheets, text=True)


@pytest.fixture
def small(tmp_path):
    return analyse(roster_file(tmp_path))


def _edges(G):
    return sorted((u, v, d.get("kind", k)) for u, v, k, d in G.edges(keys=True, data=True))


# ----------------------------------------------------------------------------- the portable graph


def test_portable_graph_has_the_maps_looks_and_places(small):
    P = portable_graph(small)
    positions = compute_layout(small.graph, "tiers")
    assert set(P.nodes) == set(small.graph.nodes) and _edges(P) == _edges(small.graph)
    for node, data in P.nodes(data=True):
        color, shape, size = node_appearance(small.graph.nodes[node])
        assert (data["color"], data["shape"], data["size"]) == (color, shape, float(size))
        assert (data["x"], data["y"]) == positions[node]
    assert P.nodes["tier:local"]["label"] == "Paikallinen"
    assert P.nodes["group:Akaan ohjausryhmä"]["meetings"] == 6
    assert P.nodes["person:Aino Aalto"]["degree"] == small.node_metrics["person:Aino Aalto"]["degree"]
    chair = P.edges["person:Aino Aalto", "group:Akaan ohjausryhmä", "member_of"]
    assert (chair["role"], chair["organisation"], chair["weight"]) == ("chair", "Akaan kaupunki", 1.0)
    tie = P.edges["organisation:Akaan kaupunki", "organisation:MLL Akaa", "collaborates"]
    assert (tie["collaboration_type"], tie["weight"]) == ("palveluohjaus", 3.0)


def test_a_projection_keeps_the_places_of_the_whole_map(small):
    P = portable_graph(small, "persons")
    positions = compute_layout(small.graph, "tiers")
    assert sorted(P.nodes) == sorted(n for n in small.graph if n.startswith("person:"))
    assert all((d["x"], d["y"]) == positions[n] for n, d in P.nodes(data=True))
    assert P.edges["person:Aino Aalto", "person:Bertta Berg"]["shared_groups"] == 2.0
    assert P.nodes["person:Daniel Dahl"]["betweenness"] == pytest.approx(
        small.centrality("persons").set_index("node").loc["person:Daniel Dahl", "betweenness"])


def test_format_of_suffix():
    assert [format_of(p) for p in ("a.gexf", "a.GRAPHML", "a.cyjs", "a.json", "a.kumu.xlsx")] == [
        "gexf", "graphml", "cytoscape", "cytoscape", "kumu"]
    with pytest.raises(OutputError) as info:
        format_of("a.xlsx")
    assert info.value.render("en") == (
        "a.xlsx: unknown export format '.xlsx'; use one of the suffixes .kumu.xlsx, .gexf, .graphml, .cyjs, .json")


# ----------------------------------------------------------------------------------------- GEXF


def test_gexf_reads_back_with_networkx(small):
    P = portable_graph(small)
    G = nx.read_gexf(io.BytesIO(gexf_bytes(P)))
    assert G.is_directed() and set(G.nodes) == set(P.nodes)
    edges = {(u, v, d["kind"]): d for u, v, d in G.edges(data=True)}
    assert sorted(edges) == _edges(P)
    for node, data in P.nodes(data=True):
        back = G.nodes[node]
        assert back["label"] == data["label"]
        assert {name: back.get(name) for name in FIELDS} == {name: data.get(name) for name in FIELDS}
        assert [back.get(m) for m in METRICS] == pytest.approx([data.get(m) for m in METRICS])
        viz = back["viz"]
        assert viz["position"] == {"x": data["x"], "y": -data["y"], "z": 0.0}  # Gephi's y grows upwards
        hex_ = data["color"].lstrip("#")
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == tuple(int(hex_[i:i + 2], 16) for i in (0, 2, 4))
        assert viz["size"] == data["size"]
    for u, v, kind, data in P.edges(keys=True, data=True):
        assert {k: edges[u, v, kind].get(k) for k in data} == data


def test_gexf_shapes_follow_the_map(small):
    root = ET.fromstring(gexf_bytes(portable_graph(small)))
    shapes = {n.get("id"): n.find(VIZ + "shape").get("value") for n in root.iter(GEXF + "node")}
    assert shapes["person:Aino Aalto"] == "disc" and shapes["organisation:MLL Akaa"] == "square"
    assert shapes["group:Akaan ohjausryhmä"] == "diamond" and shapes["tier:local"] == "triangle"


def test_gexf_of_the_example_is_gexf_1_3():
    document = gexf_bytes(portable_graph(analyse()), date="2025-01-31")
    assert check_gexf13(document) == []
    root = ET.fromstring(document)
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd")
    assert root.find(GEXF + "meta").get("lastmodifieddate") == "2025-01-31"
    kinds = {e.get("kind") for e in root.iter(GEXF + "edge")}
    assert kinds == {"member_of", "works_for", "part_of", "reports_to", "collaborates"}  # GEXF 1.3's edge kind
    assert all(a.get("mode") is None for a in root.iter(GEXF + "attributes"))


def test_the_structural_check_catches_what_networkx_writes_unaided():
    G = nx.MultiDiGraph()
    G.add_node("a", viz={"position": {"x": 1, "y": 2}}, n=1)
    G.add_edge("a", "a", type="yhteistyö")
    stream = io.BytesIO()
    nx.write_gexf(G, stream, version="1.3")
    problems = check_gexf13(stream.getvalue())
    assert "graph has an unknown attribute name" in problems
    assert "node 'a': viz:position z='None'" in problems
    assert "edge '0': type='yhteistyö'" in problems


def test_seasons_become_spells(tmp_path):
    first = [row + [season] for row, season in zip(SMALL, ["Kausi"] + ["2023-2024"] * 7)]
    second = [row + [season] for row, season in zip(SMALL, ["Kausi"] + ["2024-2025"] * 7)]
    del second[5]  # Cecilia leaves after the first season
    analyses = [analyse(roster_file(tmp_path, first, "a.xlsx")), analyse(roster_file(tmp_path, second, "b.xlsx"))]
    path = export(analyses, tmp_path / "kaudet.gexf", date="2025-01-31")
    document = path.read_bytes()
    assert check_gexf13(document) == []
    G = nx.read_gexf(path)
    spells = {"2023-2024": ("2023-08-01", "2024-06-30"), "2024-2025": ("2024-08-01", "2025-06-30")}
    for analysis in analyses:
        spell = spells[analysis.season]
        nodes = {n for n, d in G.nodes(data=True) if spell in d["spells"]}
        edges = {(u, v, d["kind"]) for u, v, d in G.edges(data=True) if spell in d["spells"]}
        assert nodes == set(analysis.graph.nodes)
        assert edges == set(analysis.graph.edges(keys=True))
    assert G.nodes["person:Cecilia Cajander"]["seasons"] == "2023-2024"
    assert G.nodes["person:Aino Aalto"]["seasons"] == "2023-2024|2024-2025"
    graph = ET.fromstring(document).find(GEXF + "graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")


def test_seasons_must_be_named_and_distinct(tmp_path, english):
    one = analyse(roster_file(tmp_path))
    with pytest.raises(OutputError) as info:
        export([one, one], tmp_path / "x.gexf")
    assert str(info.value) == (
        "r.xlsx: the roster has no season (e.g. 2024-2025); when exporting several rosters, "
        "fill in each one's Season column")


# -------------------------------------------------------------------------------------- GraphML


def test_graphml_reads_back_with_typed_keys(small):
    P = portable_graph(small)
    document = graphml_bytes(P)
    G = nx.read_graphml(io.BytesIO(document))
    assert set(G.nodes) == set(P.nodes)
    assert sorted((u, v, d["kind"]) for u, v, d in G.edges(data=True)) == _edges(P)
    for node, data in P.nodes(data=True):
        assert {k: G.nodes[node][k] for k in data} == data
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
            for k in ET.fromstring(document).iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert keys[("node", "meetings")] == "long" and keys[("node", "betweenness")] == "double"
    assert keys[("node", "x")] == "double" and keys[("edge", "weight")] == "double"
    assert keys[("node", "sector")] == "string"
    assert len(keys) == len(set(keys))  # each attribute declared once, with one type


# ------------------------------------------------------------------------------------ Cytoscape


def test_cytoscape_json_reads_back(small):
    P = portable_graph(small, "organisations")
    doc = json.loads(json.dumps(cytoscape_json(P)))
    for element in doc["elements"]["nodes"]:
        data = P.nodes[element["data"]["id"]]
        assert element["position"] == {"x": data["x"], "y": data["y"]}
    assert all({"id", "source", "target"} <= set(e["data"]) for e in doc["elements"]["edges"])
    G = nx.cytoscape_graph(doc, name="label")
    assert set(G.nodes) == set(P.nodes) and set(map(frozenset, G.edges)) == set(map(frozenset, P.edges))
    for node, data in P.nodes(data=True):
        assert {k: G.nodes[node][k] for k in data} == data
    for u, v, data in P.edges(data=True):
        assert {k: G.edges[u, v][k] for k in data} == data


# ------------------------------------------------------------------------------------------ Kumu


def test_kumu_workbook_has_kumus_sheets(small, tmp_path):
    from openpyxl import load_workbook

    path = export(small, tmp_path / "k.kumu.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections"]
    header = [c.value for c in book["Elements"][1]]
    assert header[:5] == ["ID", "Label", "Type", "Description", "Tags"]
    assert [c.value for c in book["Connections"][1]][:3] == ["From", "To", "Type"]
    rows = {r[0]: dict(zip(header, r)) for r in book["Elements"].iter_rows(min_row=2, values_only=True)}
    assert rows["group:Akaan ohjausryhmä"]["Tags"] == "local|steering_group"
    assert rows["person:Aino Aalto"]["Description"] == "Edustaa: Akaan kaupunki"


def test_kumu_workbook_read_back_gives_the_same_roster(small, tmp_path):
    kumu = export(small, tmp_path / "k.kumu.xlsx")
    imported = import_kumu(kumu, tmp_path / "luettelo.xlsx")
    back, original = load_roster(tmp_path / "luettelo.xlsx"), small.roster
    columns = ["person", "organisation", "sector", "group", "tier", "role", "municipality"]

    def rows(frame, cols):
        return sorted(map(tuple, frame[cols].astype(str).values))

    assert rows(back.memberships, columns) == rows(original.memberships, columns)
    assert rows(back.groups, list(original.groups.columns)) == rows(original.groups, list(original.groups.columns))
    assert rows(back.organisations, list(original.organisations.columns)) == rows(
        original.organisations, list(original.organisations.columns))
    assert rows(back.collaborations, list(original.collaborations.columns)) == rows(
        original.collaborations, list(original.collaborations.columns))
    assert imported.dropped == {"Elements": ["Description", "Tags", "Degree", "Weighted degree", "Betweenness",
                                             "Closeness", "Eigenvector"], "Connections": []}
    assert imported.skipped == {"persons_without_group": 0, "tiers": 2, "connections": 0}


def test_kumu_json_blueprint(tmp_path):
    blueprint = {
        "elements": [
            {"_id": "e1", "attributes": {"label": "Aino", "element type": "Person", "organisation": "Kela"}},
            {"_id": "e2", "attributes": {"label": "Kela", "element type": "Organization", "sector": "Kela"}},
            {"_id": "e3", "attributes": {"label": "Akaan ohjausryhmä", "element type": "Group", "tier": "local",
                                         "tags": ["a", "b"]}},
        ],
        "connections": [{"_id": "c1", "from": "e1", "to": "e3", "attributes": {"connection type": "member_of",
                                                                              "role": "chair|contact"}}],
    }
    path = tmp_path / "kartta.json"
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    imported = import_kumu(path, tmp_path / "luettelo.xlsx")
    assert imported.dropped["elements"] == ["tags"]
    roster = load_roster(tmp_path / "luettelo.xlsx")
    assert sorted(roster.memberships["role"]) == ["chair", "contact"]
    assert roster.groups["tier"].tolist() == ["local"] and roster.organisations["sector"].tolist() == ["kela"]


def test_kumu_element_type_it_cannot_map(tmp_path, english):
    path = write_xlsx(tmp_path / "k.xlsx", {
        "Elements": [["Label", "Type"], ["Aino", "Person"], ["Hanke", "Project"]],
        "Connections": [["From", "To", "Type"]],
    })
    with pytest.raises(RosterError) as info:
        read_kumu(path)
    assert str(info.value) == (
        "k.xlsx, sheet Elements, row 3, column Type: unknown element type 'Project'; "
        "allowed types: person, organisation, group, tier")


def test_kumu_connection_to_nowhere(tmp_path, english):
    path = write_xlsx(tmp_path / "k.xlsx", {
        "Elements": [["Label", "Type"], ["Aino", "Person"]],
        "Connections": [["From", "To", "Type"], ["Aino", "Bertta", "member_of"]],
    })
    with pytest.raises(RosterError) as info:
        read_kumu(path)
    assert str(info.value) == (
        "k.xlsx, sheet Connections, row 2, column To: the connection names the element 'Bertta', which is "
        "not in the Elements sheet; check the From and To columns")


# --------------------------------------------------------------------------- privacy and hostile text

HOSTILE = {
    "person": "<script>alert(1)</script>",
    "organisation": "]]><x/>&amp;",
    "group": '=HYPERLINK("http://evil.example","klik")',
}


def _hostile_graph():
    G = nx.MultiDiGraph(season="2024-2025", source="vaarallinen.xlsx")
    G.add_node("tier:local", kind="tier", label="local", tier="local")
    group = "group:" + HOSTILE["group"]
    G.add_node(group, kind="group", label=HOSTILE["group"], tier="local", group_type="working_group",
               region="\x1bAlue\x00", municipality="", parent="", meetings=None)
    G.add_node("organisation:" + HOSTILE["organisation"], kind="organisation", label=HOSTILE["organisation"],
               sector="ngo", municipality="+cmd|' /C calc'!A0", region="")
    G.add_node("person:x", kind="person", label=HOSTILE["person"] + "\x07", organisation=HOSTILE["organisation"],
               sector="ngo", municipality="", region="")
    G.add_edge(group, "tier:local", key="part_of")
    G.add_edge("person:x", group, key="member_of", role="chair", roles=("chair",), organisation="@SUM(1)",
               municipality="")
    G.add_edge("person:x", "organisation:" + HOSTILE["organisation"], key="works_for")
    return Analysis.from_graph(G)


@pytest.mark.parametrize("suffix", [".gexf", ".graphml", ".cyjs", ".kumu.xlsx"])
def test_hostile_names_stay_text(tmp_path, suffix):
    path = export(_hostile_graph(), tmp_path / f"x{suffix}")
    labels = {HOSTILE["person"], HOSTILE["organisation"], HOSTILE["group"]}
    if suffix == ".kumu.xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type in ("s", "n") for c in cells)  # no formula, ever
        values = {c.value for c in cells}
        assert labels <= values and "@SUM(1)" in values and "+cmd|' /C calc'!A0" in values
        return
    if suffix == ".cyjs":
        found = {e["data"]["label"] for e in json.loads(path.read_text(encoding="utf-8"))["elements"]["nodes"]}
    else:
        root = ET.parse(path).getroot()  # well-formed: the control characters are gone
        assert not any(el.tag.endswith(("script", "}x", "x")) for el in root.iter())
        if suffix == ".gexf":
            assert check_gexf13(path.read_bytes()) == []
            found = {n.get("label") for n in root.iter(GEXF + "node")}
        else:
            found = {d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert labels <= found
    assert "\x1b" not in path.read_text(encoding="utf-8") and "\x07" not in path.read_text(encoding="utf-8")


def test_no_email_ever(tmp_path):
    for suffix in (".gexf", ".graphml", ".cyjs"):
        text = export(analyse(roster_file(tmp_path)), tmp_path / f"x{suffix}").read_text(encoding="utf-8")
        assert "@" not in text and "perhekeskus.example" not in text
    G = _hostile_graph().graph
    G.nodes["person:x"]["label"] = "aino.aalto@perhekeskus.example"
    with pytest.raises(OutputError):
        portable_graph(Analysis.from_graph(G))


def test_pseudonymized_export_names_nobody(tmp_path):
    path = export(analyse(roster_file(tmp_path), pseudonymize=True), tmp_path / "x.kumu.xlsx")
    from openpyxl import load_workbook

    text = " ".join(str(c.value) for s in load_workbook(path) for r in s.iter_rows() for c in r)
    assert "Aino" not in text and "Aalto" not in text and "#1 · Akaan kaupunki" in text


def test_kumu_projection_is_no_roster(small, tmp_path, english):
    path = export(small, tmp_path / "p.kumu.xlsx", network="persons")
    with pytest.raises(RosterError) as info:
        read_kumu(path)
    assert str(info.value) == (
        "p.kumu.xlsx, sheet Connections: the connections make no membership and no collaboration; "
        "connect persons to groups (member_of) or actors to each other (collaborates)")


def test_kumu_workbook_written_by_hand(tmp_path):
    """Labels instead of ids, several targets in one cell, Kumu's own 'Organization' and 'Strength'."""
    path = write_xlsx(tmp_path / "k.xlsx", {
        "Elements": [
            ["Label", "Type", "Organization", "Sector", "Tier", "Group type", "Notes"],
            ["Aino Aalto", "person", "Akaan kaupunki", "", "", "", "x"],
            ["Bertta Berg", "Henkilö", "", "", "", "", ""],
            ["Akaan kaupunki", "Organization", "", "kunta", "", "", ""],
            ["Akaan seurakunta", "organisaatio", "", "Seurakunta", "", "", ""],
            ["Akaan ohjausryhmä", "Group", "", "", "paikallinen", "ohjausryhmä", ""],
            ["Perhetyön työryhmä", "ryhmä", "", "", "local", "", ""],
        ],
        "Connections": [
            ["From", "To", "Type", "Role", "Strength"],
            ["Aino Aalto", "Akaan ohjausryhmä|Perhetyön työryhmä", "member_of", "pj", ""],
            ["Bertta Berg", "Akaan seurakunta", "works_for", "", ""],
            ["Bertta Berg", "Akaan ohjausryhmä", "", "", ""],
            ["Akaan kaupunki", "Akaan seurakunta", "collaborates", "", 2],
            ["Akaan ohjausryhmä", "Akaan kaupunki", "funds", "", ""],
        ],
    })
    imported = import_kumu(path, tmp_path / "luettelo.xlsx")
    assert imported.dropped["Elements"] == ["Notes"] and imported.skipped["connections"] == 1
    roster = load_roster(tmp_path / "luettelo.xlsx")
    rows = sorted(roster.memberships[["person", "organisation", "group", "tier", "role"]].itertuples(index=False, name=None))
    assert rows == [
        ("Aino Aalto", "Akaan kaupunki", "Akaan ohjausryhmä", "local", "chair"),
        ("Aino Aalto", "Akaan kaupunki", "Perhetyön työryhmä", "local", "chair"),
        ("Bertta Berg", "Akaan seurakunta", "Akaan ohjausryhmä", "local", "member"),
    ]
    assert roster.collaborations[["source", "target", "weight"]].values.tolist() == [
        ["Akaan kaupunki", "Akaan seurakunta", 2.0]]


def test_kumu_unknown_role_names_its_row(tmp_path, english):
    path = write_xlsx(tmp_path / "k.xlsx", {
        "Elements": [["Label", "Type", "Organisation", "Tier", "Sector"], ["Aino", "person", "Kela", "", ""],
                     ["Kela", "organisation", "", "", "kela"], ["OR", "group", "", "local", ""]],
        "Connections": [["From", "To", "Type", "Role"], ["Aino", "OR", "member_of", "kuningatar"]],
    })
    with pytest.raises(RosterError) as info:
        read_kumu(path)
    assert str(info.value).startswith("k.xlsx, sheet Connections, row 2, column Role: unknown role 'kuningatar'")


def test_hostile_names_through_kumu_stay_text_in_the_roster(tmp_path):
    from openpyxl import load_workbook

    kumu = export(_hostile_graph(), tmp_path / "x.kumu.xlsx")
    import_kumu(kumu, tmp_path / "luettelo.xlsx")
    book = load_workbook(tmp_path / "luettelo.xlsx")
    assert all(c.data_type in ("s", "n") for s in book for r in s.iter_rows() for c in r if c.value is not None)
    roster = load_roster(tmp_path / "luettelo.xlsx")
    assert roster.memberships[["person", "organisation", "group"]].values.tolist() == [
        [HOSTILE["person"], "@SUM(1)", HOSTILE["group"]]]
    assert set(roster.organisations["organisation"]) == {HOSTILE["organisation"], "@SUM(1)"}
