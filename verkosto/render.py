"""The interactive network map: one self-contained, offline HTML page drawn by vis-network.

pyvis is used only for the vis-network bundle it ships; the page comes from our own
template (``templates/map.html.j2``) because pyvis' template loads Bootstrap from a CDN,
does not escape text and switches tooltips to ``innerHTML`` (see NOTES-rendering.md).

Security model: every piece of spreadsheet text reaches the page either through
Jinja autoescaping (heading, legend) or as JSON via ``|tojson`` (node data), and the
browser shows it only as canvas text or through ``innerText`` tooltips. Only the
fields chosen in :func:`map_payload` are sent, never all node attributes.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections import defaultdict
from collections.abc import Hashable
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup

from verkosto import schema
from verkosto.i18n import TEXTS, text
from verkosto.layout import CROSS_CUTTING_TYPES, compute_layout, tier_guides
from verkosto.output import write_atomic

__all__ = [
    "EDGE_STYLES",
    "SECTOR_COLORS",
    "TIER_COLORS",
    "map_payload",
    "to_html",
    "vis_options",
    "write_html",
]

#: Sector colours: Paul Tol's colour-blind-safe "muted" scheme (grey darkened to show on white).
SECTOR_COLORS: dict[str, str] = {
    "municipality": "#88CCEE",
    "wellbeing_county": "#CC6677",
    "parish": "#DDCC77",
    "ngo": "#117733",
    "kela": "#332288",
    "education": "#AA4499",
    "research": "#44AA99",
    "business": "#999933",
    "families": "#882255",
    "other": "#BBBBBB",
}

#: Group colours by tier: one blue, darker towards the centre, so the hierarchy reads at a glance.
TIER_COLORS: dict[str, str] = {"provincial": "#1F3B5C", "regional": "#3F6E9E", "local": "#86A9CF"}
_TIER_NODE_COLOR = "#222222"
_KIND_COLOR = "#777777"  # neutral fill for the shape samples in the legend

_SHAPES = {"person": "dot", "organisation": "square", "group": "diamond", "network": "hexagon", "tier": "star"}
_SIZES = {"person": 10, "organisation": 16, "tier": 32}
_GROUP_SIZES = {"provincial": 40, "regional": 34, "local": 26}
_FONT_SIZES = {"person": 14, "organisation": 16, "group": 26, "tier": 26}
# vis draws nodes in DataSet order: groups and tiers last, so their labels stay on top.
_DRAW_ORDER = {"person": 0, "organisation": 1, "group": 2, "tier": 3}

#: How each edge kind is drawn: light colours so the nodes stay in front.
EDGE_STYLES: dict[str, dict] = {
    "member_of": {"color": "#C9CED6", "width": 1},
    "works_for": {"color": "#E3D3B5", "width": 1},
    "part_of": {"color": "#ECECEC", "width": 1},
    "reports_to": {"color": "#6F8FB5", "width": 2.5, "arrows": "to"},
    "collaborates": {"color": "rgba(230, 159, 0, 0.75)", "width": 1, "dashes": True},
}
_MAX_EDGE_WIDTH = 8.0
# Above this many edges, hiding them while zooming keeps the map responsive.
_HIDE_EDGES_ON_ZOOM_FROM = 5000

_VIS_DIR = "lib/vis-9.1.2"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def _label(G: nx.MultiDiGraph, node: Hashable, lang: str) -> str:
    """Display name: the tier in the page language, else the graph's label or the bare id."""
    data = G.nodes[node]
    if data.get("kind") == "tier":
        return schema.label("tier", data.get("tier", ""), lang)
    value = data.get("label")
    return str(value) if value not in (None, "") else str(node).partition(":")[2] or str(node)


def _present(value: object) -> bool:
    return value not in (None, "") and not (isinstance(value, float) and math.isnan(value))


def _lines(header: str, fields: list[tuple[str, object]], lang: str) -> str:
    """A plain-text tooltip: the node's name, then ``Field: value`` for the known values."""
    rows = [header]
    rows += [f"{text('field.' + key, lang)}: {value}" for key, value in fields if _present(value)]
    return "\n".join(rows)


class _Index:
    """Neighbour lookups needed by the tooltips, computed once per graph."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.memberships: dict[Hashable, list[tuple[Hashable, str]]] = defaultdict(list)
        self.member_count: dict[Hashable, int] = defaultdict(int)
        self.staff_count: dict[Hashable, int] = defaultdict(int)
        self.group_count: dict[Hashable, int] = defaultdict(int)
        for u, v, kind, data in G.edges(keys=True, data=True):
            if kind == "member_of":
                self.memberships[u].append((v, data.get("role", "member")))
                self.member_count[v] += 1
            elif kind == "works_for":
                self.staff_count[v] += 1
            elif kind == "part_of":
                self.group_count[v] += 1


def _person_title(G, node, index: _Index, lang: str) -> str:
    data = G.nodes[node]
    sector = data.get("sector")
    head = _lines(
        _label(G, node, lang),
        [
            ("organisation", data.get("organisation")),
            ("sector", schema.label("sector", sector, lang) if sector else None),
            ("municipality", data.get("municipality")),
        ],
        lang,
    )
    groups = sorted(
        (_label(G, group, lang), schema.label("role", role, lang)) for group, role in index.memberships[node]
    )
    if not groups:
        return head
    rows = [f"– {group} ({role})" for group, role in groups]
    return "\n".join([head, f"{text('field.groups', lang)}:", *rows])


def _organisation_title(G, node, index: _Index, lang: str) -> str:
    data = G.nodes[node]
    sector = data.get("sector")
    return _lines(
        _label(G, node, lang),
        [
            ("sector", schema.label("sector", sector, lang) if sector else None),
            ("municipality", data.get("municipality")),
            ("region", data.get("region")),
            ("persons", index.staff_count[node]),
        ],
        lang,
    )


def _group_title(G, node, index: _Index, lang: str) -> str:
    data = G.nodes[node]
    group_type = data.get("group_type")
    return _lines(
        _label(G, node, lang),
        [
            ("tier", schema.label("tier", data.get("tier", ""), lang)),
            ("type", schema.label("group_type", group_type, lang) if group_type else None),
            ("region", data.get("region")),
            ("municipality", data.get("municipality")),
            ("parent", data.get("parent")),
            ("meetings", data.get("meetings")),
            ("members", index.member_count[node]),
        ],
        lang,
    )


def _tier_title(G, node, index: _Index, lang: str) -> str:
    return _lines(_label(G, node, lang), [("group_count", index.group_count[node])], lang)


_TITLES = {
    "person": _person_title,
    "organisation": _organisation_title,
    "group": _group_title,
    "tier": _tier_title,
}


def _appearance(data: dict) -> tuple[str, str, int]:
    """Colour, shape and size of a node from its kind, sector or tier."""
    kind = data.get("kind")
    if kind == "group":
        tier = data.get("tier")
        shape = _SHAPES["network" if data.get("group_type") in CROSS_CUTTING_TYPES else "group"]
        return TIER_COLORS.get(tier, TIER_COLORS["local"]), shape, _GROUP_SIZES.get(tier, _GROUP_SIZES["local"])
    if kind == "tier":
        return _TIER_NODE_COLOR, _SHAPES["tier"], _SIZES["tier"]
    color = SECTOR_COLORS.get(data.get("sector"), SECTOR_COLORS["other"])
    return color, _SHAPES.get(kind, "dot"), _SIZES.get(kind, _SIZES["person"])


def _node(G, node, position, index: _Index, lang: str) -> dict:
    data = G.nodes[node]
    kind = data.get("kind", "person")
    color, shape, size = _appearance(data)
    title_of = _TITLES.get(kind, _person_title)
    return {
        "id": str(node),
        "label": _label(G, node, lang),
        "x": position[0],
        "y": position[1],
        "group": kind,
        "color": color,
        "shape": shape,
        "size": size,
        "title": title_of(G, node, index, lang),
    }


def _edge_width(weight: object) -> float:
    try:
        weight = float(weight)
    except (TypeError, ValueError):
        return 1.0
    if not math.isfinite(weight) or weight <= 0:
        return 1.0
    return min(1.0 + weight, _MAX_EDGE_WIDTH)


def _edge(u, v, kind: str, data: dict) -> dict:
    edge = {"from": str(u), "to": str(v), **EDGE_STYLES.get(kind, EDGE_STYLES["member_of"])}
    if kind == "collaborates":
        edge["width"] = _edge_width(data.get("weight", 1))
    return edge


def _legend(G: nx.MultiDiGraph, lang: str, guides: dict | None) -> dict:
    sectors = {d.get("sector") for _, d in G.nodes(data=True) if d.get("kind") in ("person", "organisation")}
    tiers = {d.get("tier") for _, d in G.nodes(data=True) if d.get("kind") == "group"}
    kinds = {d.get("kind") for _, d in G.nodes(data=True)}
    if any(d.get("group_type") in CROSS_CUTTING_TYPES for _, d in G.nodes(data=True) if d.get("kind") == "group"):
        kinds.add("network")
    edge_kinds = {k for _, _, k in G.edges(keys=True)}
    rings = ("provincial", "regional", "local", "cross_cutting", "people")
    return {
        "sectors": [
            {"sector": s, "label": schema.label("sector", s, lang), "color": c}
            for s, c in SECTOR_COLORS.items()
            if s in sectors or (s == "other" and sectors - set(SECTOR_COLORS))
        ],
        "tiers": [
            {"tier": t, "label": schema.label("tier", t, lang), "color": TIER_COLORS[t]}
            for t in schema.TIER_ORDER
            if t in tiers
        ],
        "kinds": [
            {"kind": k, "label": text(f"kind.{k}", lang), "shape": shape, "color": _KIND_COLOR}
            for k, shape in _SHAPES.items()
            if k in kinds
        ],
        "edges": [
            {"kind": k, "label": text(f"edge.{k}", lang), **style}
            for k, style in EDGE_STYLES.items()
            if k in edge_kinds
        ],
        "rings": [text(f"ring.{r}", lang) for r in rings] if guides and guides["rings"] else [],
    }


def _guides_payload(guides: dict | None, lang: str) -> dict | None:
    """Rings and region names to draw behind the nodes, with display labels."""
    if not guides or not guides["rings"]:
        return None
    outer = max(ring["radius"] for ring in guides["rings"])
    return {
        # Half the side of the square that holds rings and region names, for fitting the view.
        "extent": round(1.3 * outer, 1),
        "rings": [
            {"label": schema.label("tier", r["tier"], lang), "radius": r["radius"], "color": TIER_COLORS[r["tier"]]}
            for r in guides["rings"]
        ],
        "regions": [
            {"label": r["region"], "angle": round((r["start"] + r["end"]) / 2, 4), "radius": round(1.15 * outer, 1)}
            for r in guides["regions"]
            if r["region"]
        ],
    }


def map_payload(
    G: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    *,
    lang: str = "fi",
    guides: dict | None = None,
) -> dict:
    """The data the map page needs, and nothing else.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The network graph.
    positions : dict
        ``{node: (x, y)}`` in pixels for every node, e.g. from
        :func:`verkosto.layout.compute_layout`.
    lang : {"fi", "en"}
        Language of labels, tooltips and legend.
    guides : dict, optional
        Rings and region sectors from :func:`verkosto.layout.tier_guides`, drawn
        behind the nodes and explained in the legend.

    Returns
    -------
    dict
        ``nodes``: ``[{id, label, x, y, group, color, shape, size, title}]`` in drawing
        order (persons, organisations, groups, tiers; by id within a kind), where
        ``group`` is the node kind and ``title`` a plain-text tooltip with ``"\\n"``
        line breaks; ``edges``: ``[{from, to, color, width, [dashes], [arrows]}]``
        sorted by (from, to, kind); ``legend``: ``{sectors, tiers, kinds, edges,
        rings}``; ``guides``: ``{extent, rings, regions}`` or None; ``lang``,
        ``season``, ``source``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(season="2024-2025")
    >>> G.add_node("person:Anna", kind="person", label="Anna", sector="ngo", email="a@b.fi")
    >>> payload = map_payload(G, {"person:Anna": (1.0, 2.0)})
    >>> payload["nodes"][0]["title"]
    'Anna\\nSektori: Järjestö'
    >>> "email" in payload["nodes"][0]
    False
    """
    text("title", lang)  # rejects an unknown language before any work
    index = _Index(G)
    order = sorted(G.nodes, key=lambda n: (_DRAW_ORDER.get(G.nodes[n].get("kind"), 0), str(n)))
    nodes = [_node(G, n, positions[n], index, lang) for n in order]
    edges = [
        _edge(u, v, k, d)
        for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    ]
    return {
        "lang": lang,
        "season": G.graph.get("season"),
        "source": G.graph.get("source"),
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(G, lang, guides),
        "guides": _guides_payload(guides, lang),
    }


def vis_options(edge_count: int = 0) -> dict:
    """vis-network options of the map: a static drawing of precomputed positions.

    Physics and the "improved" layout are off (positions come from Python and both
    are slow on large graphs); labels of small nodes vanish when zoomed out, because
    ``drawThreshold`` compares each node's on-screen font size.
    """
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.6}}, "selectionWidth": 2},
        "nodes": {
            "borderWidth": 1,
            "font": {"face": "system-ui, Segoe UI, Arial, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 13, "maxVisible": 26}},
        },
        "groups": {
            kind: {"font": {"size": size}, **({"widthConstraint": {"maximum": 420}} if kind == "group" else {})}
            for kind, size in _FONT_SIZES.items()
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": edge_count >= _HIDE_EDGES_ON_ZOOM_FROM,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
    }


def _asset(name: str) -> Markup:
    """A file of the vis-network bundle shipped with pyvis, trusted, to be inlined."""
    source = (resources.files("pyvis") / _VIS_DIR / name).read_text(encoding="utf-8")
    # The map file is not shipped: the reference would only send developer tools looking for it.
    return Markup(_SOURCE_MAP.sub("", source))


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("verkosto", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("map.html.j2")


def to_html(G: nx.MultiDiGraph, *, layout: str = "tiers", lang: str = "fi", title: str | None = None) -> str:
    """The whole map page as one self-contained HTML document.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The network graph.
    layout : str, default "tiers"
        A name from :data:`verkosto.layout.LAYOUTS`.
    lang : {"fi", "en"}
        Language of the page.
    title : str, optional
        Heading of the page; by default "Verkostokartta" / "Network map".

    Returns
    -------
    str
        HTML that loads nothing from the network: vis-network, styles and data are inline.
        The same graph and arguments always give the same text.

    Raises
    ------
    ValueError
        For an unknown layout or language.
    """
    positions = compute_layout(G, layout)
    guides = tier_guides(G) if layout == "tiers" else None
    payload = map_payload(G, positions, lang=lang, guides=guides)
    return _template().render(
        lang=lang,
        title=text("title", lang) if title is None else title,
        texts=TEXTS[lang],
        payload=payload,
        options=vis_options(len(payload["edges"])),
        vis_css=_asset("vis-network.css"),
        vis_js=_asset("vis-network.min.js"),
    )


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike, *, protect=(), **kwargs) -> Path:
    """Write the map of *G* to *path* as UTF-8 and return the path.

    Written whole or not at all (see :func:`verkosto.output.write_atomic`), never over a
    file in *protect* (the input roster). Other keyword arguments go to :func:`to_html`.
    """
    return write_atomic(path, to_html(G, **kwargs).encode("utf-8"), protect=protect)
