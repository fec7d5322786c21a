"""Shared fixtures: hand-made network graphs and a locked-down headless Chromium.

Graphs follow the contract of ``verkosto.graph`` (MultiDiGraph, edge key = kind,
namespaced node ids) but are built by hand so that layout and rendering tests do
not depend on the loader.

Browser tests are marked ``browser``; ``open_map(path)`` opens a page with every
non-local request blocked and recorded, and returns a :class:`MapPage`.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
READY = "window.network && network.physics.ready === true"
# Pairs of drawn labels whose on-screen boxes overlap (a page script for page.evaluate).
OVERLAPS = """() => {
  const boxes = verkosto.labelBoxes(), pairs = [];
  for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
    const p = boxes[a], q = boxes[b];
    if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height) pairs.push([p.id, q.id]);
  }
  return pairs;
}"""

XSS_PERSON = "<img src=x onerror=alert(1)>"
XSS_ORGANISATION = "</script><script>alert(2)</script>"
TEMPLATE_GROUP = "href {{7*7}}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs headless Chromium at /usr/bin/chromium (playwright)")


# --- languages --------------------------------------------------------------------------
#
# verkosto speaks Finnish unless told otherwise; tests that assert English messages ask for it.


@pytest.fixture
def english():
    """Every message in English inside the test (as ``--lang en`` chooses)."""
    from verkosto.i18n import language

    with language("en"):
        yield


@pytest.fixture
def default_language(monkeypatch):
    """The language a user gets without choosing one: no ``--lang``, no ``VERKOSTO_LANG``."""
    from verkosto import i18n

    monkeypatch.delenv("VERKOSTO_LANG", raising=False)
    monkeypatch.setattr(i18n, "_chosen", None)
    assert i18n.current_language() == "fi"


# --- graphs -----------------------------------------------------------------------------


def add_tiers(G: nx.MultiDiGraph) -> None:
    for tier in ("provincial", "regional", "local"):
        G.add_node(f"tier:{tier}", kind="tier", label=tier, tier=tier)


def add_group(G, name, tier, group_type, *, region="", municipality="", parent="", meetings=None) -> str:
    node = f"group:{name}"
    G.add_node(
        node,
        kind="group",
        label=name,
        tier=tier,
        group_type=group_type,
        region=region,
        municipality=municipality,
        parent=parent,
        meetings=meetings,
    )
    G.add_edge(node, f"tier:{tier}", key="part_of")
    if parent:
        G.add_edge(node, f"group:{parent}", key="reports_to")
    return node


def add_organisation(G, name, sector, *, municipality="", region="") -> str:
    node = f"organisation:{name}"
    G.add_node(node, kind="organisation", label=name, sector=sector, municipality=municipality, region=region)
    return node


def add_person(G, name, organisation, groups: dict[str, str]) -> str:
    """Add a person working for *organisation*, member of ``{group name: role}``."""
    org = G.nodes[f"organisation:{organisation}"]
    node = f"person:{name}"
    G.add_node(
        node,
        kind="person",
        label=name,
        organisation=organisation,
        sector=org["sector"],
        municipality=org["municipality"],
        region=org["region"],
    )
    G.add_edge(node, f"organisation:{organisation}", key="works_for")
    for group, role in groups.items():
        G.add_edge(node, f"group:{group}", key="member_of", role=role)
    return node


def collaborate(G, source, target, weight=1.0, kind="yhteistyö") -> None:
    G.add_edge(source, target, key="collaborates", type=kind, weight=weight)


def build_small_network() -> nx.MultiDiGraph:
    """Three tiers, 1 provincial, 2 regional and 4 local groups plus a local working group,
    6 organisations, 20 persons and 4 collaborations; three names are attack strings."""
    G = nx.MultiDiGraph(season="2024-2025", source="pirkanmaa_2024-2025.xlsx")
    add_tiers(G)
    add_group(G, "Maakunnallinen ohjausryhmä", "provincial", "steering_group", meetings=8)
    for region in ("Etelä", "Pohjoinen"):
        add_group(G, f"{region}: koordinaatioryhmä", "regional", "coordination_group", region=region,
                  parent="Maakunnallinen ohjausryhmä", meetings=5)
    for region, municipality in (("Etelä", "Akaa"), ("Etelä", "Valkeakoski"), ("Pohjoinen", "Ruovesi"),
                                 ("Pohjoinen", "Virrat")):
        add_group(G, f"{municipality}: ohjausryhmä", "local", "steering_group", region=region,
                  municipality=municipality, parent=f"{region}: koordinaatioryhmä")
    add_group(G, TEMPLATE_GROUP, "local", "working_group", region="Pohjoinen", municipality="Virrat")

    add_organisation(G, "Akaan kaupunki", "municipality", municipality="Akaa", region="Etelä")
    add_organisation(G, "Virtain kaupunki", "municipality", municipality="Virrat", region="Pohjoinen")
    add_organisation(G, "Pirkanmaan hyvinvointialue", "wellbeing_county")
    add_organisation(G, "Akaan seurakunta", "parish", municipality="Akaa", region="Etelä")
    add_organisation(G, "MLL Pirkanmaa", "ngo")
    add_organisation(G, XSS_ORGANISATION, "education")

    province, south, north = "Maakunnallinen ohjausryhmä", "Etelä: koordinaatioryhmä", "Pohjoinen: koordinaatioryhmä"
    people = [
        ("Aino Aalto", "Pirkanmaan hyvinvointialue", {province: "chair", south: "member"}),
        ("Eero Ekholm", "MLL Pirkanmaa", {province: "vice_chair", north: "chair"}),
        ("Helmi Heino", "Akaan kaupunki", {province: "member", south: "chair", "Akaa: ohjausryhmä": "chair"}),
        ("Ilkka Inha", "Virtain kaupunki", {north: "vice_chair", "Virrat: ohjausryhmä": "chair"}),
        ("Kaisa Kivi", "Akaan seurakunta", {"Akaa: ohjausryhmä": "member"}),
        ("Lauri Lehto", "Pirkanmaan hyvinvointialue", {"Akaa: ohjausryhmä": "contact"}),
        ("Mari Mäki", "MLL Pirkanmaa", {"Akaa: ohjausryhmä": "member", "Valkeakoski: ohjausryhmä": "member"}),
        ("Niko Nurmi", "Pirkanmaan hyvinvointialue", {"Valkeakoski: ohjausryhmä": "chair"}),
        ("Oona Oja", "Akaan seurakunta", {"Valkeakoski: ohjausryhmä": "secretary"}),
        ("Pekka Peltonen", "Pirkanmaan hyvinvointialue", {"Ruovesi: ohjausryhmä": "chair", north: "member"}),
        ("Riikka Rinne", "MLL Pirkanmaa", {"Ruovesi: ohjausryhmä": "member"}),
        ("Sami Salo", "Virtain kaupunki", {"Ruovesi: ohjausryhmä": "deputy"}),
        ("Tiina Toivonen", "Virtain kaupunki", {"Virrat: ohjausryhmä": "member", TEMPLATE_GROUP: "chair"}),
        ("Ulla Uotila", "Pirkanmaan hyvinvointialue", {"Virrat: ohjausryhmä": "contact"}),
        ("Veikko Virta", XSS_ORGANISATION, {TEMPLATE_GROUP: "expert", province: "expert"}),
        ("Anni Anttila", "MLL Pirkanmaa", {TEMPLATE_GROUP: "member"}),
        ("Jussi Jokela", "Akaan kaupunki", {"Akaa: ohjausryhmä": "member"}),
        ("Sanna Suominen", "Pirkanmaan hyvinvointialue", {south: "coordinator", north: "coordinator"}),
        ("Tuomas Tuomi", "Akaan seurakunta", {south: "member"}),
        (XSS_PERSON, "MLL Pirkanmaa", {"Virrat: ohjausryhmä": "member"}),
    ]
    for name, organisation, groups in people:
        add_person(G, name, organisation, groups)

    collaborate(G, "organisation:Akaan kaupunki", "organisation:Akaan seurakunta", weight=3)
    collaborate(G, "organisation:MLL Pirkanmaa", "organisation:Pirkanmaan hyvinvointialue", weight=2)
    collaborate(G, "organisation:Virtain kaupunki", f"organisation:{XSS_ORGANISATION}")
    collaborate(G, "person:Aino Aalto", "person:Eero Ekholm", weight=1.5)
    return G


def build_large_network(seed: int = 7) -> nx.MultiDiGraph:
    """A synthetic province of ~600 nodes: 3 regions, 30 municipalities, ~460 persons."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(season="2024-2025", source="synteettinen.xlsx")
    add_tiers(G)
    province = "Maakunnallinen ohjausryhmä"
    add_group(G, province, "provincial", "steering_group", meetings=8)
    add_group(G, "Maakunnallinen asiantuntijaverkosto", "provincial", "expert_network")
    add_organisation(G, "Hyvinvointialue", "wellbeing_county")
    add_organisation(G, "Kela", "kela")
    add_organisation(G, "Yliopisto", "education")
    add_organisation(G, "Tutkimuslaitos", "research")
    local_groups: dict[str, list[str]] = {}
    for r in range(3):
        region = f"Alue {r + 1}"
        regional = f"{region}: koordinaatioryhmä"
        add_group(G, regional, "regional", "coordination_group", region=region, parent=province, meetings=5)
        for m in range(10):
            municipality = f"Kunta {r + 1}.{m + 1}"
            steering = add_group(G, f"{municipality}: ohjausryhmä", "local", "steering_group", region=region,
                                 municipality=municipality, parent=regional)
            groups = [steering]
            if m % 3 == 0:
                groups.append(add_group(G, f"{municipality}: kohtaamispaikat", "local", "meeting_place_network",
                                        region=region, municipality=municipality))
            for name, sector in ((municipality, "municipality"), (f"{municipality} seurakunta", "parish"),
                                 (f"{municipality} perheyhdistys", "ngo")):
                add_organisation(G, name, sector, municipality=municipality, region=region)
            local_groups[municipality] = groups
    municipal_orgs = sorted(n.partition(":")[2] for n, d in G.nodes(data=True)
                            if d["kind"] == "organisation" and d["municipality"])
    everyone = municipal_orgs + ["Hyvinvointialue"] * 20 + ["Kela", "Yliopisto", "Tutkimuslaitos"] * 3
    roles = ["member"] * 8 + ["chair", "vice_chair", "contact", "deputy", "secretary", "expert"]
    for i in range(462):
        organisation = rng.choice(everyone)
        municipality = G.nodes[f"organisation:{organisation}"]["municipality"] or rng.choice(sorted(local_groups))
        region = "Alue " + municipality.split(" ")[1].split(".")[0]
        memberships = {rng.choice(local_groups[municipality]).partition(":")[2]: rng.choice(roles)}
        if rng.random() < 0.12:
            memberships[f"{region}: koordinaatioryhmä"] = rng.choice(roles)
        if rng.random() < 0.04:
            memberships[province] = rng.choice(roles)
        add_person(G, f"Henkilö {i:03d}", organisation, memberships)
    for _ in range(40):
        a, b = rng.sample(municipal_orgs, 2)
        collaborate(G, f"organisation:{a}", f"organisation:{b}", weight=rng.randint(1, 5))
    return G


@pytest.fixture
def small_network() -> nx.MultiDiGraph:
    return build_small_network()


@pytest.fixture(scope="session")
def large_network() -> nx.MultiDiGraph:
    return build_large_network()


# --- browser ----------------------------------------------------------------------------


@dataclass
class MapPage:
    """An opened map: the playwright page and what happened while loading it."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    node_count: int = 0
    ms_to_ready: float = 0.0


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session (never ``playwright install``)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not found: apt-get install chromium"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _watch(page, result: MapPage) -> None:
    """Block every request that is not local, and record errors and dialogs."""

    def route(route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            result.requests.append(route.request.url)
            route.abort()

    def dialog(dialog) -> None:
        result.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.route("**/*", route)
    page.on("pageerror", lambda error: result.errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: message.type == "error" and result.errors.append(message.text))
    page.on("dialog", dialog)


@pytest.fixture
def open_map(chromium):
    """``open_map(path, width=1400, height=900) -> MapPage``, waiting until the network is ready."""
    contexts = []

    def open_(path, *, width: int = 1400, height: int = 900, timeout_ms: float = 10_000, ready: bool = True) -> MapPage:
        """With ``ready=False``, return once the page is loaded (e.g. a page holding a map in a frame)."""
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        result = MapPage(page)
        _watch(page, result)
        start = time.perf_counter()
        page.goto(Path(path).resolve().as_uri())
        if not ready:
            return result
        page.wait_for_function(READY, timeout=timeout_ms)
        result.ms_to_ready = (time.perf_counter() - start) * 1000
        result.node_count = page.evaluate("network.body.data.nodes.length")
        return result

    yield open_
    for context in contexts:
        context.close()


# --- the page's data --------------------------------------------------------------------


def records(table: dict) -> list[dict]:
    """A payload table ``{"columns", "rows"}`` as one dict per row."""
    return [dict(zip(table["columns"], row)) for row in table["rows"]]


def node_records(payload: dict) -> list[dict]:
    """The payload's nodes as the page reads them (verkosto/web/model.js): a dict per node with its
    id, its look's kind, colour and shape, and the row's label, position and size."""
    from verkosto.render import node_ids

    looks, ids = records(payload["looks"]), node_ids(payload)
    return [{"id": ids[i], **row, **looks[row["look"]]} for i, row in enumerate(records(payload["nodes"]))]


def page_edges(payload: dict) -> list[dict]:
    """Every edge as the page makes it, in its order (one per membership, one per employer, then
    the edges table): ``from`` and ``to`` (node ids) and the fields of its style."""
    ids, styles = [n["id"] for n in node_records(payload)], records(payload["edge_styles"])
    kinds = [s["kind"] for s in styles]
    ends = [(m["person"], m["group"], kinds.index("member_of")) for m in records(payload["memberships"])]
    ends += [(e["person"], e["organisation"], kinds.index("works_for")) for e in records(payload["employers"])]
    ends += [(e["source"], e["target"], e["style"]) for e in records(payload["edges"])]
    return [{"from": ids[a], "to": ids[b], **styles[k]} for a, b, k in ends]


def settle(page, ms=700):
    """Wait for animations (moveTo, fit) and the redraw after them."""
    page.wait_for_timeout(ms)
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def no_trouble(result) -> None:
    """The opened map raised no JS error, made no network request and opened no dialog."""
    assert (result.errors, result.requests, result.dialogs) == ([], [], [])


def embedded_json(html: str, element_id: str) -> dict:
    """The JSON of the page's ``<script type="application/json" id=...>`` element, parsed back."""
    import json
    import re

    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.DOTALL)
    return json.loads(match.group(1))


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """A test that runs commands in an empty folder of its own."""
    monkeypatch.chdir(tmp_path)
    return tmp_path

