"""The interactive network map: one self-contained, offline HTML page drawn by vis-network.

pyvis is used only for the vis-network bundle it ships; the page comes from our own
template (``templates/map.html.j2``) because pyvis' template loads Bootstrap from a CDN,
does not escape text and switches tooltips to ``innerHTML`` (see NOTES-rendering.md).

The page answers "where is X?" without instructions: a search box with suggestions,
filters by tier, region, municipality, sector and group type, a side panel with the
details, metrics and coverage findings of the clicked node, gap markers on groups, a
full-screen button, "save as PNG", a presentation mode that steps through saved views
(:mod:`verkosto.saved_views`), labels placed so that none covers another, and a list view of
the network as text for keyboards and screen readers. Its script is the ES modules of ``verkosto/web``
(inlined by :mod:`verkosto.bundle`), scriptable through ``window.verkosto`` (see
``web/main.js``); its data is a :class:`verkosto.payload.Payload`, the contract between
this module and the script.

Security model: every piece of spreadsheet text reaches the page either through Jinja
autoescaping (heading, legend) or inside the payload's ``<script type="application/json">``
element, with ``<``, ``>`` and ``&`` escaped so that no text can end the element; the
browser shows it only as canvas text, through ``innerText`` tooltips or as ``textContent``
of elements the script builds (never ``innerHTML``; ESLint refuses it). Only the fields
chosen in :func:`map_payload` are sent, never all node attributes.
"""

from __future__ import annotations

import datetime
import functools
import html
import importlib.util
import json
import math
import numbers
import os
import re
import sys
from collections.abc import Hashable
from pathlib import Path
from typing import Any, Literal, cast

import jinja2
import networkx as nx
from markupsafe import Markup

from verkosto import schema
from verkosto.bundle import WEB, bundle
from verkosto.graph import node_id
from verkosto.i18n import TEXTS, text
from verkosto.layout import CROSS_CUTTING_TYPES, compute_layout, tier_guides
from verkosto.load import ROLE_PRIORITY
from verkosto.output import write_atomic
from verkosto.payload import (
    SCHEMA_VERSION,
    EdgeRow,
    EdgeStyleRow,
    EmployerRow,
    FindingRow,
    LookRow,
    MeetingRow,
    MembershipRow,
    NodeRow,
    NoteRow,
    ParentRow,
    RepresentationRow,
    ServiceRow,
    SuggestionRow,
    table,
)
from verkosto.present import finding_message
from verkosto.saved_views import roster_views, view_ids

__all__ = [
    "EDGE_STYLES",
    "FINDING_COLORS",
    "FOLD_PERSONS_FROM",
    "METRIC_ORDER",
    "SECTOR_COLORS",
    "TIER_COLORS",
    "MapView",
    "map_payload",
    "node_ids",
    "node_labels",
    "notebook_html",
    "show",
    "page_texts",
    "to_html",
    "vis_options",
    "vis_version",
    "write_html",
    # the drawing rules static.py shares, so images and the page look alike
    "SIZE_BY_RANGE",
    "apply_size_by",
    "edge_width",
    "guides_payload",
    "legend_of",
    "metric_table",
    "node_appearance",
    "node_label",
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
#: Outline colours of a change map's statuses; the page also tells them apart without colour
#: (joined: a thick solid outline, left: a dashed outline and a faded fill, dashed edges).
CHANGE_COLORS: dict[str, str] = {"joined": "#1A7F37", "left": "#B42318", "stayed": "#6B7280"}
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
    "works_for": {"color": "#D5D0C8", "width": 1},  # warm grey: only collaboration is coloured
    "part_of": {"color": "#ECECEC", "width": 1},
    "reports_to": {"color": "#6F8FB5", "width": 2.5, "arrows": "to"},
    # Solid, not dashed: canvas dashes cost thousands of tiny strokes per edge when a
    # national map is zoomed out (ready 8.6 s -> 3.6 s, redraw 5.1 s -> 0.3 s measured).
    "collaborates": {"color": "rgba(230, 159, 0, 0.75)", "width": 1},
}
_MAX_EDGE_WIDTH = 8.0

#: Border of a group with coverage findings, by its worst severity (a gap outranks a risk).
FINDING_COLORS: dict[str, str] = {"gap": "#D62728", "risk": "#E69F00", "note": "#7F7F7F"}
_SEVERITIES = tuple(FINDING_COLORS)  # worst first; a rule that could not check is a grey note
_FINDING_BORDER_WIDTH = 4
# Before each finding in a tooltip and the legend; the page also draws a badge by the group,
# so that the mark survives a greyscale projector. (The label itself stays the group's name.)
_FINDING_BADGE = "\u26a0 "
# Node sizes of the smallest and the largest value when sized by a metric.
SIZE_BY_RANGE = (8.0, 50.0)
#: Metrics with a human label (``metric.<name>`` in :mod:`verkosto.i18n`), in panel order.
METRIC_ORDER = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector")
# Filterable attributes and the node kinds that carry them; vocabularies are canonical values.
_FACETS = {
    "tier": ("group", "tier"),
    "region": ("person", "organisation", "group"),
    "municipality": ("person", "organisation", "group"),
    "sector": ("person", "organisation"),
    "group_type": ("group",),
}
_FACET_VOCABULARY = {"tier": "tier", "sector": "sector", "group_type": "group_type"}
# An on-screen font size no label reaches: vis leaves every label to the page.
_NO_VIS_LABELS = 1_000_000
#: From this many drawn nodes the page folds the persons into their groups (a national map:
#: 17,700 nodes drew their first frame in 4.6 s, 2,700 without the persons in under 2 s); the
#: bundled example (624 nodes) and a province's roster open with every person.
FOLD_PERSONS_FROM = 5000
# Above this many edges, hiding them while zooming keeps the map responsive.
_HIDE_EDGES_ON_ZOOM_FROM = 5000

_VIS_DIR = "lib/vis-9.1.2"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
_VIS_VERSION = re.compile(r"@version\s+(\S+)")
# Catalogue keys the page's script reads (the template's strings are rendered in Python).
_PAGE_TEXTS = ("map.", "field.", "kind.", "severity.")


def node_label(G: nx.MultiDiGraph, node: Hashable, lang: str) -> str:
    """Display name: the tier in the page language, else the graph's label or the bare id."""
    data = G.nodes[node]
    if data.get("kind") == "tier":
        return schema.label("tier", data.get("tier", ""), lang)
    value = data.get("label")
    return str(value) if value not in (None, "") else str(node).partition(":")[2] or str(node)


def _present(value: object) -> bool:
    return value not in (None, "") and not (isinstance(value, float) and math.isnan(value))


def node_appearance(data: dict) -> tuple[str, str, int]:
    """Colour, shape and size of a node from its kind, sector or tier."""
    kind = str(data.get("kind"))
    if kind == "group":
        tier = str(data.get("tier"))
        shape = _SHAPES["network" if data.get("group_type") in CROSS_CUTTING_TYPES else "group"]
        return TIER_COLORS.get(tier, TIER_COLORS["local"]), shape, _GROUP_SIZES.get(tier, _GROUP_SIZES["local"])
    if kind == "tier":
        return _TIER_NODE_COLOR, _SHAPES["tier"], _SIZES["tier"]
    color = SECTOR_COLORS.get(str(data.get("sector")), SECTOR_COLORS["other"])
    return color, _SHAPES.get(kind, "dot"), _SIZES.get(kind, _SIZES["person"])


def _node(G, node, position, lang: str) -> dict:
    """A node's fields for the payload: :class:`verkosto.payload.NodeRow`'s with the look's."""
    data = G.nodes[node]
    color, shape, size = node_appearance(data)
    return {
        "id": str(node),
        "label": node_label(G, node, lang),
        "kind": data.get("kind", "person"),
        "x": position[0],
        "y": position[1],
        "color": color,
        "shape": shape,
        "size": size,
    }


def _tenth(value: float) -> float:
    """A size or width as the page draws it: to a tenth of a pixel; whole numbers as ints."""
    value = round(float(value), 1)
    return int(value) if value.is_integer() else value


def _node_tables(nodes: list[dict]) -> dict:
    """``looks`` (each distinct kind, colour and shape once), ``nodes`` referring to them, and in
    ``node_ids`` the ids that are not ``<kind>:<label>``."""
    looks: dict[tuple[str, str, str], int] = {}
    rows, ids = [], {}
    for i, node in enumerate(nodes):
        look = looks.setdefault((node["kind"], node["color"], node["shape"]), len(looks))
        if node["id"] != f"{node['kind']}:{node['label']}":
            ids[str(i)] = node["id"]
        x, y = round(float(node["x"])), round(float(node["y"]))
        rows.append(NodeRow(node["label"], look, x, y, _tenth(node["size"])))
    return {"looks": table(LookRow, (LookRow(*look) for look in looks)), "nodes": table(NodeRow, rows), "node_ids": ids}


def edge_width(weight: Any) -> float:
    try:
        weight = float(weight)
    except (TypeError, ValueError):
        return 1.0
    if not math.isfinite(weight) or weight <= 0:
        return 1.0
    return min(1.0 + weight, _MAX_EDGE_WIDTH)


# Edges that the page makes from the rows of another table (see verkosto.payload.EdgeRow).
_TABLE_EDGES = ("member_of", "works_for")


def _edge_tables(edges: list[tuple], position: dict, links: dict) -> tuple[dict, dict, list[tuple]]:
    """``edge_styles`` and ``edges`` of the payload from the graph's sorted *edges*, and every
    edge in the page's order (those of ``memberships``, of ``employers``, then the rest)."""
    styles: dict[tuple, int] = {}
    for kind, style in EDGE_STYLES.items():
        styles[(kind, style["color"], style["width"], style.get("arrows"))] = len(styles)
    rows, rest = [], []
    by_ends: dict[str, dict[tuple[int, int], tuple]] = {kind: {} for kind in _TABLE_EDGES}
    for u, v, kind, data in edges:
        if kind in _TABLE_EDGES:
            by_ends[kind][(position[u], position[v])] = (u, v, kind, data)
            continue
        name = kind if kind in EDGE_STYLES else "member_of"
        style = EDGE_STYLES[name]
        width = _tenth(edge_width(data.get("weight", 1))) if kind == "collaborates" else style["width"]
        key = (name, style["color"], width, style.get("arrows"))
        rows.append(EdgeRow(position[u], position[v], styles.setdefault(key, len(styles))))
        rest.append((u, v, kind, data))
    # The tables hold one row per edge of their kind (render._links), in their own order.
    columns = links["memberships"]["columns"]
    group, person = columns.index("group"), columns.index("person")
    ordered = [by_ends["member_of"][(row[person], row[group])] for row in links["memberships"]["rows"]]
    ordered += [by_ends["works_for"][tuple(row)] for row in links["employers"]["rows"]]
    return (
        table(EdgeStyleRow, (EdgeStyleRow(*key) for key in styles)),
        table(EdgeRow, rows),
        ordered + rest,
    )


def legend_of(G: nx.MultiDiGraph, lang: str, guides: dict | None) -> dict:
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


def guides_payload(guides: dict | None, lang: str) -> dict | None:
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


def _text_value(value: object) -> str:
    return str(value) if _present(value) else ""


def _facet(G: nx.MultiDiGraph, order: list, name: str, lang: str) -> dict:
    """A filterable attribute: its values (canonical or as in the roster), their labels, and
    for each node in payload order the index of its value, -1 when it has none."""
    kinds = _FACETS[name]
    raw = [_text_value(G.nodes[n].get(name)) if G.nodes[n].get("kind") in kinds else "" for n in order]
    present = set(raw) - {""}
    vocabulary = _FACET_VOCABULARY.get(name)
    if vocabulary:
        known = [v for v in schema.VOCABULARIES[vocabulary] if v in present]
        values = known + sorted(present - set(known), key=lambda v: (v.casefold(), v))
        labels = [schema.label(vocabulary, v, lang) for v in values]
    else:
        values = sorted(present, key=lambda v: (v.casefold(), v))
        labels = list(values)
    position = {value: i for i, value in enumerate(values)}
    facet = {
        "name": name,
        "label": text(f"map.facet.{name}", lang),
        "values": values,
        "labels": labels,
        "of": [position.get(value, -1) for value in raw],
    }
    if name in ("sector", "tier"):
        palette, fallback = (SECTOR_COLORS, "other") if name == "sector" else (TIER_COLORS, "local")
        facet["colors"] = [palette.get(value, palette[fallback]) for value in values]
    return facet


def _role_key(roles: tuple[str, ...]) -> tuple:
    return tuple(ROLE_PRIORITY.index(r) if r in ROLE_PRIORITY else len(ROLE_PRIORITY) for r in roles) + roles


def _links(G: nx.MultiDiGraph, order: list, lang: str) -> dict:
    """Memberships, employers, parent groups and meetings as tables of node indices.

    Role combinations are listed once in ``roles`` (most senior first) and referenced by index;
    a membership's organisation is the one the person represents in that group, -1 if unknown.
    """
    position = {node: i for i, node in enumerate(order)}
    rows: list[tuple[int, int, tuple[str, ...], int]] = []
    employers, parents, meetings = [], [], []
    for u, v, kind, data in G.edges(keys=True, data=True):
        if kind == "member_of":
            roles = tuple(str(r) for r in (data.get("roles") or (data.get("role") or "member",)))
            organisation = data.get("organisation") or G.nodes[u].get("organisation")
            org = position.get(node_id("organisation", organisation), -1) if _present(organisation) else -1
            rows.append((position[u], position[v], roles, org))
        elif kind == "works_for":
            employers.append(EmployerRow(position[u], position[v]))
        elif kind == "reports_to":
            parents.append(ParentRow(position[u], position[v]))
    for i, node in enumerate(order):
        data = G.nodes[node]
        value = data.get("meetings")
        if data.get("kind") == "group" and _present(value):
            number = _number(value) if isinstance(value, numbers.Real) else None
            meetings.append(MeetingRow(i, number if number is not None else str(value)))
    role_sets = sorted({roles for _, _, roles, _ in rows}, key=_role_key)
    role_index = {roles: i for i, roles in enumerate(role_sets)}
    return {
        "roles": [", ".join(schema.label("role", r, lang) for r in roles) for roles in role_sets],
        **_memberships(sorted((group, person, role_index[roles], org) for person, group, roles, org in rows), employers),
        "employers": table(EmployerRow, sorted(employers)),
        "parents": table(ParentRow, sorted(parents)),
        "meetings": table(MeetingRow, meetings),
    }


def _memberships(rows: list[tuple[int, int, int, int]], employers: list[EmployerRow]) -> dict:
    """``memberships`` and, where a membership does not represent the person's only employer,
    ``representations``."""
    of_person: dict[int, list[int]] = {}
    for person, organisation in employers:
        of_person.setdefault(person, []).append(organisation)
    exceptions = []
    for k, (_group, person, _role, organisation) in enumerate(rows):
        employer = of_person.get(person, [])
        if organisation != (employer[0] if len(employer) == 1 else -1):
            exceptions.append(RepresentationRow(k, organisation))
    return {
        "memberships": table(MembershipRow, (MembershipRow(g, p, r) for g, p, r, _o in rows)),
        "representations": table(RepresentationRow, exceptions),
    }


def _number(value: object) -> int | float | None:
    """A metric value for the page: ints stay ints, floats keep 6 significant digits."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    value = float(value)
    return float(f"{value:.6g}") if math.isfinite(value) else None


def _shown(value: int | float | None) -> int | float | None:
    """A metric as the side panel shows it (verkosto/web/format.js): three decimals, and a whole
    number without them (a weighted degree of 3.0 is shown as 3)."""
    if not isinstance(value, float):
        return value
    value = round(value, 3)
    return int(value) if value.is_integer() else value


def metric_table(metrics) -> dict[str, dict[str, int | float]]:
    """``{node id: {metric: number}}`` from a dict, or from a DataFrame with a ``node`` column
    (as :func:`verkosto.metrics.centrality` returns); values that are not finite numbers are dropped."""
    if metrics is None:
        return {}
    if hasattr(metrics, "columns") and hasattr(metrics, "to_dict"):
        if "node" not in metrics.columns:
            raise ValueError("metrics: a DataFrame needs a 'node' column with the node ids")
        metrics = {record.pop("node"): record for record in metrics.to_dict("records")}
    table = {}
    for node, values in metrics.items():
        numbers_ = {str(name): _number(value) for name, value in values.items()}
        table[str(node)] = {name: value for name, value in numbers_.items() if value is not None}
    return table


def _metric_label(name: str, lang: str) -> str:
    return TEXTS[lang].get(f"metric.{name}", name)


def _metrics_payload(table: dict, ids: list[str], lang: str, sources: dict[str, int] | None) -> dict | None:
    present = {name for values in table.values() for name in values}
    if not present:
        return None
    names = [m for m in METRIC_ORDER if m in present] + sorted(present - set(METRIC_ORDER))
    values = [
        [i, *(_shown(table[node_id_].get(name)) for name in names)]
        for i, node_id_ in enumerate(ids)
        if table.get(node_id_)
    ]
    return {
        "names": names,
        "labels": [_metric_label(name, lang) for name in names],
        "help": [TEXTS[lang].get(f"map.metric_help.{name}", "") for name in names],
        "values": {"columns": ["node", *names], "rows": values},
        **({"betweenness_sources": dict(sorted(sources.items()))} if sources else {}),
    }


def apply_size_by(nodes: list[dict], table: dict, size_by: str, lang: str) -> dict:
    """Resize the nodes that have metric *size_by*: the node's radius grows with the square root
    of the value's place between the smallest and the largest value (area ~ value)."""
    values = {n["id"]: table[n["id"]][size_by] for n in nodes if size_by in table.get(n["id"], {})}
    if not values:
        known = sorted({name for v in table.values() for name in v})
        raise ValueError(
            f"size_by: no node has the metric {size_by!r}; the metrics hold: {', '.join(known) or 'nothing'}"
        )
    low, high = min(values.values()), max(values.values())
    smallest, largest = SIZE_BY_RANGE
    for node in nodes:
        if node["id"] in values:
            share = math.sqrt((values[node["id"]] - low) / (high - low)) if high > low else 0.5
            node["size"] = round(smallest + (largest - smallest) * share, 1)
    return {"metric": size_by, "label": _metric_label(size_by, lang), "min": low, "max": high}


def _missing(value: Any, lang: str) -> list[str]:
    """What a finding says is missing: canonical sectors as labels, municipalities as they are."""
    if isinstance(value, str):
        items = [value] if value else []
    elif value is None or (isinstance(value, float) and math.isnan(value)):
        items = []
    else:
        items = [str(v) for v in value]
    return [schema.label("sector", v, lang) if v in schema.SECTORS else v for v in items]


def _no_node(value: object) -> bool:
    """None, "", NaN or pandas' NA/NaT: a finding about no node (a municipality, a tier)."""
    pandas = sys.modules.get("pandas")  # a pandas missing value exists only if pandas is loaded
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return True
    return not _present(value)


def _findings_rows(findings, G: nx.MultiDiGraph, position: dict, lang: str) -> list[FindingRow] | None:
    """Findings attached to the node named by their ``node`` column (None/NaN: no node)."""
    if findings is None:
        return None
    records = findings.to_dict("records") if hasattr(findings, "to_dict") else [dict(r) for r in findings]
    rows = []
    for record in records:
        node = record.get("node")
        if _no_node(node):
            index = None
        elif node in position:
            index = position[node]
        else:
            raise ValueError(f"findings: node {node!r} of rule {record.get('rule')!r} is not in the graph")
        severity = _text_value(record.get("severity"))
        rows.append(
            FindingRow(
                rule=_text_value(record.get("rule")),
                severity=cast(Literal["gap", "risk", "note"], severity if severity in _SEVERITIES else _SEVERITIES[0]),
                node=index,
                subject=_text_value(record.get("subject")),
                missing=_missing(record.get("missing"), lang),
                message=_text_value(record.get("message")) or finding_message(record, lang),
            )
        )
    return rows


def _gaps_legend(findings: list[FindingRow] | None, lang: str) -> dict | None:
    if findings is None:
        return None
    return {
        "groups": len({f.node for f in findings if f.node is not None}),
        "border_width": _FINDING_BORDER_WIDTH,
        "severities": [
            {"severity": s, "label": text(f"severity.{s}", lang), "color": FINDING_COLORS[s]}
            for s in _SEVERITIES
        ],
    }


def map_payload(
    G: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    *,
    lang: str = "fi",
    guides: dict | None = None,
    findings=None,
    metrics=None,
    betweenness_sources: dict[str, int] | None = None,
    size_by: str | None = None,
    changes: dict | None = None,
    notes: dict[str, str] | None = None,
    indicators: dict | None = None,
    services: dict[str, list[tuple[str, str]]] | None = None,
    suggestions: list[tuple[str, str, str]] | None = None,
    views: list[dict] | None = None,
    fold_persons_from: int = FOLD_PERSONS_FROM,
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
    findings : pandas.DataFrame, optional
        Coverage findings with columns ``rule, severity, node, subject, missing, message``
        (as :func:`verkosto.coverage.check_rules` returns), ``message`` in the page
        language. A finding whose ``node`` is a node id is attached to that node: red
        (gap) or orange (risk) border and badge, the messages in its tooltip and side
        panel. Findings with no node (None or NaN: a municipality, a tier) are listed in
        the legend.
    metrics : dict, optional
        ``{node id: {metric name: number}}``, e.g. ``{"person:Anna": {"betweenness": 0.12,
        "degree": 7}}``, shown in the side panel; a DataFrame with a ``node`` column (as
        :func:`verkosto.metrics.centrality` returns) works too.
    betweenness_sources : dict, optional
        ``{node kind: number of sources}`` for the kinds whose betweenness in *metrics* is
        estimated from a sample of sources; the side panel says so.
    size_by : str, optional
        A metric name: nodes that have it are sized by it, the radius growing with the
        square root of the value between the smallest and the largest value.
    changes : dict, optional
        For a map of two seasons (:func:`verkosto.seasons.change_graph`, whose nodes and
        edges carry ``change``): ``{"notes": {node id: [lines]}}``, what changed for each node
        in the page language. Adds the ``change`` facet and :class:`verkosto.payload.Changes`.
    notes : dict, optional
        ``{node id: text}``: one line the side panel shows under the metrics, e.g. the
        node's dominant brokerage role in words.
    indicators : dict, optional
        Municipal indicators for the side panels of local groups and municipalities
        (:class:`verkosto.payload.Indicators`, as :func:`verkosto.indicators.map_section`
        returns); null in the payload when None.
    services : dict, optional
        ``{organisation node id: [(service, detail), ...]}``: the services the side panel of an
        organisation lists (the payload's optional ``services`` table).
    suggestions : list, optional
        ``[(organisation node id, organisation node id, text), ...]``: collaboration
        opportunities the page can show as suggestion edges (the optional ``suggestions`` table).
    views : list of dict, optional
        The planner's saved views (as :func:`verkosto.saved_views.load_views` reads them),
        shown first; the views made from the roster follow (the whole network, each tier,
        each region, the groups with findings: :func:`verkosto.saved_views.roster_views`).
    fold_persons_from : int, default FOLD_PERSONS_FROM
        The page draws every person the filters leave while that keeps the nodes it draws under
        this number; a larger map opens with its persons folded into their groups, and draws
        those of the selected group or organisation, or all once the filters leave few enough.

    Returns
    -------
    dict
        A :class:`verkosto.payload.Payload` (see that module for every field, and
        ``python -m verkosto.payload`` for its JSON Schema). Long lists are tables
        ``{"columns": [...], "rows": [[...]]}``; nodes are referred to by their row number
        in ``nodes``, so that no long text is repeated per node.

    Raises
    ------
    ValueError
        For an unknown language, a *size_by* metric that no node has, or a finding whose
        node is not in the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph(season="2024-2025")
    >>> G.add_node("person:Anna", kind="person", label="Anna", sector="ngo", email="a@b.fi")
    >>> payload = map_payload(G, {"person:Anna": (1.0, 2.0)})
    >>> payload["nodes"]["columns"], payload["nodes"]["rows"]
    (['label', 'look', 'x', 'y', 'size'], [['Anna', 0, 1, 2, 10]])
    >>> payload["looks"]["rows"], node_ids(payload)
    ([['person', '#117733', 'dot']], ['person:Anna'])
    >>> "a@b.fi" in str(payload)
    False
    >>> payload["facets"][3]["values"], payload["facets"][3]["of"]
    (['ngo'], [0])
    """
    text("title", lang)  # rejects an unknown language before any work
    order = sorted(G.nodes, key=lambda n: (_DRAW_ORDER.get(G.nodes[n].get("kind"), 0), str(n)))
    position = {node: i for i, node in enumerate(order)}
    nodes = [_node(G, n, positions[n], lang) for n in order]
    links = _links(G, order, lang)
    ordered_edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    edge_styles, edges, page_edges = _edge_tables(ordered_edges, position, links)
    if size_by is not None and metrics is None:
        raise ValueError(f"size_by={size_by!r} needs metrics")
    values = metric_table(metrics)
    finding_rows = _findings_rows(findings, G, position, lang)
    legend = legend_of(G, lang, guides)
    legend["size"] = apply_size_by(nodes, values, size_by, lang) if size_by is not None else None
    legend["gaps"] = _gaps_legend(finding_rows, lang)
    season, source = G.graph.get("season"), G.graph.get("source")
    extra = {}
    facets = [_facet(G, order, name, lang) for name in _FACETS]
    if changes is not None:
        facets.append(_change_facet(G, order, lang))
        extra["changes"] = _changes_payload(changes, [d for *_, d in page_edges], position)
    payload = {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "season": str(season) if _present(season) else None,
        "source": str(source) if _present(source) else None,
        "fold_persons_from": fold_persons_from,
        **_node_tables(nodes),
        "edge_styles": edge_styles,
        "edges": edges,
        "legend": legend,
        "guides": guides_payload(guides, lang),
        "facets": facets,
        **links,
        "metrics": _metrics_payload(values, [n["id"] for n in nodes], lang, betweenness_sources),
        "findings": None if finding_rows is None else table(FindingRow, finding_rows),
        "notes": None if notes is None else table(
            NoteRow, sorted(NoteRow(position[n], str(t)) for n, t in notes.items() if n in position and t)
        ),
        "indicators": indicators,
        **extra,
        "views": _views_payload(G, order, position, finding_rows, views, lang),
    }
    if services:
        payload["services"] = table(ServiceRow, sorted(
            ServiceRow(position[n], str(name), str(detail)) for n, rows in services.items() if n in position
            for name, detail in rows
        ))
    if suggestions:
        payload["suggestions"] = table(SuggestionRow, sorted(
            SuggestionRow(position[a], position[b], str(t)) for a, b, t in suggestions if a in position and b in position
        ))
    return payload


def _change_facet(G: nx.MultiDiGraph, order: list, lang: str) -> dict:
    """Every node's change between two seasons as a filterable facet (tier nodes: none)."""
    values = list(CHANGE_COLORS)
    position = {value: i for i, value in enumerate(values)}
    return {
        "name": "change",
        "label": text("map.facet.change", lang),
        "values": values,
        "labels": [text(f"map.change.{value}", lang) for value in values],
        "colors": [CHANGE_COLORS[value] for value in values],
        "of": [-1 if G.nodes[n].get("kind") == "tier" else position.get(G.nodes[n].get("change"), -1) for n in order],
    }


def _changes_payload(changes: dict, edge_data: list[dict], position: dict) -> dict:
    statuses = {value: i for i, value in enumerate(CHANGE_COLORS)}
    notes = changes.get("notes") or {}
    rows = sorted(
        (NoteRow(position[node], str(line)) for node, lines in notes.items() if node in position for line in lines),
        key=lambda row: row.node,
    )
    return {"edges": [statuses.get(str(d.get("change")), -1) for d in edge_data], "notes": table(NoteRow, rows)}


def _views_payload(G, order: list, position: dict, finding_rows, views, lang: str) -> list[dict]:
    """The planner's views, then the roster's, with ids for the address and focus as an index."""
    marked: dict = {}
    for f in finding_rows or ():
        if f.node is not None:
            marked.setdefault(order[f.node], f.message)
    every = [*(views or ()), *roster_views(G, findings=marked, lang=lang)]
    out = []
    for view, id_ in zip(every, view_ids(every)):
        focus = view.get("focus")
        if focus is not None and focus not in position:
            raise ValueError(f"views: the focus {focus!r} of view {view['title']!r} is not in the graph")
        out.append({**view, "id": id_, "focus": None if focus is None else position[focus]})
    return out


def vis_options(edge_count: int = 0) -> dict:
    """vis-network options of the map: a static drawing of precomputed positions.

    Physics and the "improved" layout are off (positions come from Python and both
    are slow on large graphs). vis draws no labels (``drawThreshold`` is out of reach): the
    page places them itself after every redraw so that none covers another
    (``verkosto/web/labels.js``); the nodes keep their ``label`` for vis' own uses.
    """
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.6}}, "selectionWidth": 2},
        "nodes": {
            "borderWidth": 1,
            "font": {"face": "system-ui, Segoe UI, Arial, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": _NO_VIS_LABELS}},
        },
        "groups": {kind: {"font": {"size": size}} for kind, size in _FONT_SIZES.items()},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": edge_count >= _HIDE_EDGES_ON_ZOOM_FROM,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
    }


def _vis_folder() -> Path:
    # find_spec locates pyvis without importing it (its __init__ pulls in IPython: 0.3 s)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed; it ships the vis-network bundle the map inlines")
    return Path(spec.submodule_search_locations[0]) / _VIS_DIR


def _asset(name: str) -> Markup:
    """A file of the vis-network bundle shipped with pyvis, trusted, to be inlined."""
    source = (_vis_folder() / name).read_text(encoding="utf-8")
    # The map file is not shipped: the reference would only send developer tools looking for it.
    return Markup(_SOURCE_MAP.sub("", source))


def vis_version() -> str | None:
    """The version of the inlined vis-network, from its banner: the bundle exposes no version
    at run time, so the page gets this one (``verkosto/web/vis_internals.js`` checks it)."""
    head = (_vis_folder() / "vis-network.min.js").read_text(encoding="utf-8")[:2000]
    match = _VIS_VERSION.search(head)
    return match.group(1) if match else None


@functools.lru_cache(maxsize=1)
def _page_assets() -> tuple[Markup, Markup]:
    """The page's own style sheet and script (verkosto/web), trusted, to be inlined."""
    css = (WEB / "map.css").read_text(encoding="utf-8")
    return Markup(css), Markup(bundle("main.js"))


def _script_json(value: object) -> Markup:
    """JSON for a ``<script type="application/json">`` element: only ASCII, and ``<``, ``>``
    and ``&`` escaped, so that no text ("</script>", "<!--") can end the element; no NaN,
    which ``JSON.parse`` rejects. Keys sorted, no spaces: the same data gives the same bytes."""
    dumped = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return Markup(dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_texts(lang: str) -> dict[str, str]:
    """The catalogue strings the page's script shows (keys ``map.*``, ``field.*``, ``kind.*``, ``severity.*``)."""
    return {key: value for key, value in TEXTS[lang].items() if key.startswith(_PAGE_TEXTS)}


@functools.cache
def page_template(name: str) -> jinja2.Template:
    """A page template of ``verkosto/templates`` with autoescape on and no undefined value."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("verkosto", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(name)


def _template() -> jinja2.Template:
    return page_template("map.html.j2")


def node_labels(payload: dict) -> list[str]:
    """The label of every node of a :func:`map_payload`, in payload order."""
    label = payload["nodes"]["columns"].index("label")
    return [row[label] for row in payload["nodes"]["rows"]]


def node_ids(payload: dict) -> list[str]:
    """The id of every node of a :func:`map_payload`, in payload order, as the page reads it
    (``verkosto/web/model.js``): ``<kind>:<label>`` unless ``node_ids`` names another."""
    columns = payload["nodes"]["columns"]
    label, look = columns.index("label"), columns.index("look")
    kinds = [row[0] for row in payload["looks"]["rows"]]
    named = payload["node_ids"]
    return [named.get(str(i), f"{kinds[row[look]]}:{row[label]}") for i, row in enumerate(payload["nodes"]["rows"])]


def _legend_findings(payload: dict) -> tuple[list[dict], list[dict]]:
    """The nodes with findings (in order of their first finding) and the findings about no node."""
    findings = payload["findings"]
    if not findings:
        return [], []
    columns = findings["columns"]
    node_of, severity_of, message_of = (columns.index(c) for c in ("node", "severity", "message"))
    ids, labels = node_ids(payload), node_labels(payload)
    marked = list(dict.fromkeys(row[node_of] for row in findings["rows"] if row[node_of] is not None))
    return (
        [{"id": ids[i], "label": labels[i]} for i in marked],
        [{"severity": row[severity_of], "message": row[message_of]} for row in findings["rows"] if row[node_of] is None],
    )


def to_html(
    G: nx.MultiDiGraph,
    *,
    layout: str = "tiers",
    lang: str = "fi",
    title: str | None = None,
    findings=None,
    metrics=None,
    betweenness_sources: dict[str, int] | None = None,
    size_by: str | None = None,
    notes: dict[str, str] | None = None,
    views: list[dict] | None = None,
    generated: str | None = None,
    indicators: dict | None = None,
    changes: dict | None = None,
    positions: dict | None = None,
    guides: dict | None = None,
    services: dict[str, list[tuple[str, str]]] | None = None,
    suggestions: list[tuple[str, str, str]] | None = None,
    fold_persons_from: int = FOLD_PERSONS_FROM,
) -> str:
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
    findings, metrics, betweenness_sources, size_by, notes, indicators, changes, services, suggestions, views
        Coverage findings, metrics per node and how many sources their estimated
        betweenness comes from, the metric that sizes the nodes, a line of text
        per node for the side panel, the municipal indicators, for a map of two seasons what
        changed, the organisations' services, the suggestion edges and the planner's saved views,
        as in :func:`map_payload`.
    fold_persons_from : int, default FOLD_PERSONS_FROM
        The size (nodes) from which the page opens with the persons folded into their groups,
        as in :func:`map_payload`.
    positions, guides : dict, optional
        Node positions and tier guides computed elsewhere (by default from *layout*), e.g.
        those of two seasons' union, so that a node keeps its place on both seasons' maps.
    generated : str, optional
        The date shown as "generated" in the heading and on saved images; by default
        today's date (ISO 8601). Pass a fixed value for byte-identical output.

    Returns
    -------
    str
        HTML that loads nothing from the network: vis-network, styles and data are inline.
        The same graph and arguments always give the same text.

    Raises
    ------
    ValueError
        For an unknown layout or language, or a *size_by* metric no node has.
    """
    if positions is None:
        positions = compute_layout(G, layout)
        guides = tier_guides(G) if layout == "tiers" else None
    payload = map_payload(
        G, positions, lang=lang, guides=guides, findings=findings, metrics=metrics,
        betweenness_sources=betweenness_sources, size_by=size_by, notes=notes, indicators=indicators, changes=changes,
        services=services, suggestions=suggestions, views=views, fold_persons_from=fold_persons_from,
    )
    finding_nodes, other_findings = _legend_findings(payload)
    page_css, page_js = _page_assets()
    # Every edge the page can draw: those of the memberships and employers, then the rest.
    edge_count = sum(len(payload[key]["rows"]) for key in ("memberships", "employers", "edges"))
    settings = {"options": vis_options(edge_count), "texts": page_texts(lang), "vis_version": vis_version()}
    return _template().render(
        lang=lang,
        decimal="," if lang == "fi" else ".",  # the decimal mark of the page's language
        title=text("title", lang) if title is None else title,
        generated=datetime.date.today().isoformat() if generated is None else generated,
        texts=TEXTS[lang],
        payload=payload,
        finding_nodes=finding_nodes,
        other_findings=other_findings,
        payload_json=_script_json(payload),
        settings_json=_script_json(settings),
        vis_css=_asset("vis-network.css"),
        vis_js=_asset("vis-network.min.js"),
        page_css=page_css,
        page_js=page_js,
    )


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike, *, protect=(), **kwargs) -> Path:
    """Write the map of *G* to *path* as UTF-8 and return the path.

    Written whole or not at all (see :func:`verkosto.output.write_atomic`), never over a
    file in *protect* (the input roster). Other keyword arguments go to :func:`to_html`.
    """
    return write_atomic(path, to_html(G, **kwargs).encode("utf-8"), protect=protect)


def notebook_html(G: nx.MultiDiGraph, **kwargs) -> str:
    """The map as an ``<iframe>`` for a notebook cell; keyword arguments go to :func:`to_html`.

    The whole page is HTML-escaped into ``srcdoc``: it works offline in Jupyter, VS Code,
    Colab and Databricks, and the page's styles and scripts cannot touch the notebook (the
    sandbox allows scripts and the PNG download, nothing else; full screen is not offered).

    Examples
    --------
    >>> frame = notebook_html(nx.MultiDiGraph(), generated="2025-01-01")
    >>> frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    >>> "<script" in frame
    False
    """
    page = to_html(G, **kwargs)
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:700px;border:0" '
        'sandbox="allow-scripts allow-downloads"></iframe>'
    )


class MapView:
    """A map shown by a notebook: ``MapView(G, lang="en")`` as the last line of a cell.

    Keyword arguments are those of :func:`to_html`; :meth:`save` writes the page to a file.
    """

    def __init__(self, G: nx.MultiDiGraph, **kwargs) -> None:
        self.graph = G
        self.options = kwargs

    def __repr__(self) -> str:
        return f"MapView({self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges)"

    def _repr_html_(self) -> str:
        return notebook_html(self.graph, **self.options)

    def to_html(self) -> str:
        """The standalone page, as :func:`to_html`."""
        return to_html(self.graph, **self.options)

    def save(self, path: str | os.PathLike, *, protect=()) -> Path:
        """Write the standalone page to *path*, as :func:`write_html`."""
        return write_html(self.graph, path, protect=protect, **self.options)


def show(subject, **kwargs) -> MapView:
    """The map of an :class:`~verkosto.analysis.Analysis`, a graph or a roster, for a notebook.

    An analysis brings its findings and metrics (computed once, shared with its other
    views); a :class:`verkosto.load.Roster` is analysed first; a bare graph is drawn as it
    is. Keyword arguments go to :func:`to_html` (``lang``, ``findings``, ``metrics``,
    ``size_by`` …) and win over the analysis'.
    """
    from verkosto.analysis import Analysis, analyse
    from verkosto.load import Roster

    if isinstance(subject, Roster):
        subject = analyse(subject)
    if isinstance(subject, Analysis):
        kwargs = {"findings": subject.findings, "metrics": subject.node_metrics, **kwargs}
        subject = subject.graph
    return MapView(subject, **kwargs)
