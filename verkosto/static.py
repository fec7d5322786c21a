"""Static images for slides and print: the network map and the coverage matrices as PNG, SVG or PDF.

The map uses the layout, colours, shapes and legend of the HTML map
(:mod:`verkosto.render`); the coverage image draws the sector × tier and sector × group
matrices of :mod:`verkosto.coverage` as heatmaps with the gaps marked.

Drawing goes through :class:`matplotlib.figure.Figure` and the Agg, SVG and PDF backends
directly, never ``pyplot``, inside :func:`matplotlib.rc_context`, so nothing global changes.

Text from the roster is drawn literally: every :class:`~matplotlib.text.Text` of a figure
has ``parse_math`` and ``usetex`` switched off just before saving, so ``$x$`` is never
mathtext; control characters are removed, and long names wrapped, never cut.
The same input gives byte-identical SVG and PDF files (no dates, fixed SVG ids).
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from verkosto import schema
from verkosto.coverage import gap_cells
from verkosto.errors import OutputError
from verkosto.i18n import text
from verkosto.layout import CROSS_CUTTING_TYPES, compute_layout, tier_guides
from verkosto.output import write_atomic
from verkosto.render import (
    EDGE_STYLES,
    SIZE_BY_RANGE,
    apply_size_by,
    edge_width,
    guides_payload,
    legend_of,
    metric_table,
    node_appearance,
    node_label,
)

__all__ = [
    "FORMATS",
    "MAX_LABEL",
    "PAPERS",
    "PERSON_LABELS_BELOW",
    "draw_coverage",
    "draw_figures",
    "draw_indicators",
    "draw_map",
    "finding_marks",
    "gap_cells",
    "short_label",
    "wrap_label",
]

#: Output formats by file suffix.
FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Labels longer than this are cut with "…" (the HTML map shows the full name).
MAX_LABEL = 40
#: Persons and organisations are labelled only on maps with fewer nodes than this.
PERSON_LABELS_BELOW = 150

_DPI = 200
_MAP_SIZE = (16.0, 9.0)  # inches, 16:9 for slides
_FONT = "DejaVu Sans"  # ships with matplotlib and has every Finnish letter
_RC: Any = {  # matplotlib types its rc keys as a Literal of every key
    "font.family": "sans-serif",
    "font.sans-serif": [_FONT],
    "text.usetex": False,
    "axes.formatter.use_mathtext": False,
    "svg.fonttype": "none",  # text stays text: searchable, and the same bytes on every machine
    "svg.hashsalt": "verkosto",  # fixed ids instead of random ones
    "pdf.fonttype": 42,  # embedded TrueType: selectable text in print
    "hatch.linewidth": 0.6,  # the gaps' hatching, lighter than the default
}
# Removing the dates is what makes two files of the same map identical.
_METADATA = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}

_MARKERS = {"dot": "o", "square": "s", "diamond": "D", "hexagon": "h", "star": "*"}
# Marker diameters (pt) are the HTML sizes at the image's scale, magnified by _BOOST and
# kept between these bounds so that small nodes stay visible and big ones do not cover the map.
_BOOST = 1.6
_DIAMETER_BOUNDS = {
    "person": (2.2, 6.0),
    "organisation": (3.2, 9.0),
    "group": (6.0, 16.0),
    "tier": (8.0, 16.0),
}
_SIZED_DIAMETER = (2.5, 18.0)  # pt, smallest and largest node when sized by a metric
_DRAW_ORDER = ("person", "organisation", "group", "tier")
_EDGE_ORDER = ("part_of", "works_for", "member_of", "reports_to", "collaborates")
_EDGE_WIDTH = 0.35  # pt per HTML pixel of edge width
# Collaborations are many and drawn on top: thinner and fainter than on screen, or they hide the groups.
_COLLABORATION_WIDTH = 0.15
_COLLABORATION_ALPHA = 0.5
_DASHES = (0, (4, 2.5))
_MAP_BOX = [0.02, 0.0, 0.64, 1.0]  # figure fractions: the map, full height on the left
_SIDE_BOX = [0.69, 0.03, 0.30, 0.94]  # heading and legend
_LEGEND_STEP = 0.036  # axes fraction per legend row, at most
_LEGEND_ROWS = 17  # rows of the taller legend column (10 sectors, 3 tiers, 2 headings, gaps)
_MIN_CAPTION_RADIUS = 60.0  # pt; a smaller ring is too crowded for its caption (the legend explains it)
_WRAP_FROM = 24  # group labels longer than this are drawn on two lines
_GROUP_FONT = 6.0
_PERSON_FONT = (4.5, 7.0)  # pt, smallest and largest
_CLUSTER_SPACING = 34.0  # layout units between neighbours in a cluster of persons (verkosto.layout)
_REGION_FONT = 11.0
_CHAR_WIDTH = 0.58  # average advance of a DejaVu Sans character, in font sizes
_LABEL_BOX = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
_TEXT_COLOR = "#222222"
_MUTED = "#555555"

_CSS_RGBA = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)")

# Coverage heatmap
_GAP_COLOR = "#C0392B"
_CMAP = "Blues"
_COVERAGE_FONT = 8.0  # pt, group and sector names of the group panel: one group a row, read across
_ABSENT = "#9A9A9A"  # a 0 that no rule calls a gap
_MAX_FINDINGS = 14
# Map: findings marked on their nodes. Gaps red, solid ring, round badge; risks orange, dashed
# ring, square badge: the shape and the line tell them apart in greyscale as well.
_MARK_STYLE: dict[str, dict[str, Any]] = {
    "gap": {"color": "#C0392B", "fill": "#C0392B", "text": "white", "line": "solid", "width": 1.6,
            "badge": "circle,pad=0.25"},
    "risk": {"color": "#D35400", "fill": "#FAD7A0", "text": "#222222", "line": (0, (2.5, 1.5)), "width": 1.4,
             "badge": "square,pad=0.3"},
}
_MAX_KEY_LINES = 10

#: Paper sizes of the static map (inches, landscape): a 16:9 slide, A4 and A3 (a poster).
PAPERS: dict[str, tuple[float, float]] = {"slide": (16.0, 9.0), "a4": (11.69, 8.27), "a3": (16.54, 11.69)}


# ------------------------------------------------------------------------------ text


def short_label(value: object, limit: int = MAX_LABEL) -> str:
    r"""Text for the image: control characters removed, cut at *limit* characters with "…".

    Parameters
    ----------
    value : object
        Any value from the roster; ``None`` gives ``""``.
    limit : int, default :data:`MAX_LABEL`
        Longest label kept whole.

    Returns
    -------
    str
        The label, at most *limit* characters long. ``$`` and ``\`` are kept as they
        are: the image never interprets them (see the module notes).

    Examples
    --------
    >>> short_label("Anna\x00 Virta\n")
    'Anna Virta'
    >>> short_label("Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä")
    'Pirkanmaan perhekeskuksen maakunnalline…'
    >>> short_label(r"$\frac{1}{2}$")
    '$\\frac{1}{2}$'
    """
    label = schema.normalize_text(value)
    if len(label) <= limit:
        return label
    return label[: limit - 1].rstrip() + "…"


def wrap_label(value: object, width: int = _WRAP_FROM) -> str:
    """A name on as few balanced lines of about *width* characters as it needs, never cut.

    >>> wrap_label("Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä")
    'Pirkanmaan perhekeskuksen\\nmaakunnallinen ohjausryhmä'
    >>> wrap_label("Kasvatus- ja perheneuvonnan asiantuntijaverkosto Pirkanmaalla ja Kanta-Hämeessä")
    'Kasvatus- ja perheneuvonnan\\nasiantuntijaverkosto\\nPirkanmaalla ja Kanta-Hämeessä'
    >>> wrap_label("Akaa: ohjausryhmä")
    'Akaa: ohjausryhmä'
    """
    import textwrap

    label = schema.normalize_text(value)
    if len(label) <= width:
        return label
    if label.count(" ") and len(label) <= 2.4 * width:
        return _two_lines(label, width)
    lines = math.ceil(len(label) / (width + 4))
    for step in range(len(label)):  # the narrowest width giving that many lines: balanced lines
        wrapped = textwrap.wrap(label, math.ceil(len(label) / lines) + step, break_long_words=False)
        if len(wrapped) <= lines:
            return "\n".join(wrapped)
    return label


def _two_lines(label: str, width: int = _WRAP_FROM) -> str:
    """Break a long label at the space nearest its middle, so that it needs half the length.

    >>> _two_lines("Juupajoen perhekeskuksen ohjausryhmä")
    'Juupajoen perhekeskuksen\\nohjausryhmä'
    >>> _two_lines("Akaa: ohjausryhmä")
    'Akaa: ohjausryhmä'
    """
    if len(label) <= width:
        return label
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if not spaces:
        return label
    cut = min(spaces, key=lambda i: (abs(i - len(label) / 2), i))
    return label[:cut] + "\n" + label[cut + 1 :]


def _literal(fig) -> None:
    """Switch mathtext and TeX off on every text of *fig*, legends and tick labels included.

    Only ``Text`` objects that exist are changed, so this runs after all drawing calls:
    tick labels are set with fixed locators, which create no new ticks when saving.
    """
    from matplotlib.text import Text

    for artist in fig.findobj(Text):
        artist.set_parse_math(False)
        artist.set_usetex(False)


# ------------------------------------------------------------------------------ saving


def _format_of(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        allowed = ", ".join(FORMATS)
        raise OutputError(
            f"{path}: cannot write an image with the suffix '{suffix}'; use one of {allowed}"
        ) from None


def _save(fig, path: str | os.PathLike, fmt: str, protect: Iterable) -> Path:
    import matplotlib

    _literal(fig)

    def write(tmp: Path) -> None:
        with matplotlib.rc_context(_RC):
            fig.savefig(tmp, format=fmt, dpi=_DPI, metadata=_METADATA[fmt], facecolor="white")

    return write_atomic(path, write, protect=protect)


def _color(css: str, alpha: float | None = None) -> tuple:
    """An RGBA tuple from a CSS colour (``#rrggbb`` or ``rgba(r, g, b, a)``), *alpha* overriding.

    >>> _color("rgba(255, 0, 0, 0.5)")
    (1.0, 0.0, 0.0, 0.5)
    >>> _color("#0000FF", alpha=0.25)
    (0.0, 0.0, 1.0, 0.25)
    """
    from matplotlib.colors import to_rgba

    match = _CSS_RGBA.fullmatch(css.strip())
    if match:
        r, g, b, a = match.groups()
        rgba = (float(r) / 255, float(g) / 255, float(b) / 255, 1.0 if a is None else float(a))
    else:
        rgba = to_rgba(css)
    return rgba if alpha is None else (*rgba[:3], alpha)


# ------------------------------------------------------------------------------ map


def _figure(size: tuple[float, float]):
    from matplotlib.figure import Figure

    return Figure(figsize=size, dpi=_DPI, facecolor="white")


def _subtitle(G: nx.MultiDiGraph, lang: str) -> str:
    parts = []
    if G.graph.get("season"):
        parts.append(f"{text('season', lang)} {short_label(G.graph['season'])}")
    if G.graph.get("source"):
        parts.append(f"{text('source', lang)}: {short_label(Path(str(G.graph['source'])).name, 80)}")
    return " · ".join(parts)


def _key_figures(G: nx.MultiDiGraph, lang: str) -> str:
    counts: dict[str, int] = defaultdict(int)
    for _, kind in G.nodes(data="kind"):
        counts[kind] += 1
    pairs = {frozenset((u, v)) for u, v, k in G.edges(keys=True) if k == "collaborates" and u != v}
    figures = [
        (text("static.persons", lang), counts["person"]),
        (text("static.organisations", lang), counts["organisation"]),
        (text("static.groups", lang), counts["group"]),
        (text("static.collaborations", lang), len(pairs)),
    ]
    return " · ".join(f"{name}\u00a0{value}" for name, value in figures)  # no break inside a pair


def _sized(G, size_by: str | None, metrics, lang: str) -> tuple[dict[Hashable, float], dict | None]:
    """Diameters (pt) of the nodes sized by the metric *size_by*, and the legend's size entry.

    The HTML map's rule (:func:`verkosto.render.map_payload`): a node's radius grows with the
    square root of its value's place between the smallest and the largest value; here the
    radii of :data:`verkosto.render._SIZE_BY_RANGE` become :data:`_SIZED_DIAMETER` points.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c"])
    >>> m = pd.DataFrame({"node": ["a", "b", "c"], "betweenness": [0.0, 0.25, 1.0]})
    >>> _sized(G, "betweenness", m, "fi")[0]
    {'a': 2.5, 'b': 10.25, 'c': 18.0}
    """
    if size_by is None:
        return {}, None
    if metrics is None:
        raise ValueError(f"size_by={size_by!r} needs metrics")
    nodes: list[dict[str, Any]] = [{"id": str(node), "size": None} for node in sorted(G, key=str)]
    legend = apply_size_by(nodes, metric_table(metrics), size_by, lang)
    (smallest, largest), (low, high) = SIZE_BY_RANGE, _SIZED_DIAMETER
    by_id = {str(node): node for node in G}
    diameters = {
        by_id[n["id"]]: round(low + (high - low) * (n["size"] - smallest) / (largest - smallest), 2)
        for n in nodes
        if n["size"] is not None
    }
    return diameters, legend


def _view(ax, half_height: float, fig) -> float:
    """Centre the view on (0, 0), *half_height* data units up and down; return points per unit.

    The x range follows the axes' shape, so one unit is as long across as up.
    """
    box = ax.get_position()
    width_pt = box.width * fig.get_figwidth() * 72
    height_pt = box.height * fig.get_figheight() * 72
    half_width = half_height * width_pt / height_pt
    ax.set_xlim(-half_width, half_width)
    ax.set_ylim(-half_height, half_height)
    return height_pt / (2 * half_height)


def _extent(positions: dict, guides: dict | None) -> float:
    """Half the side of the square holding every node (and the rings)."""
    reach = max((max(abs(x), abs(y)) for x, y in positions.values()), default=1.0)
    if guides and guides["rings"]:
        reach = max(reach, max(ring["radius"] for ring in guides["rings"]))
    return max(reach, 1.0)


def _draw_edges(ax, G, xy: dict) -> None:
    from matplotlib.collections import LineCollection

    by_kind: dict[str, list] = defaultdict(list)
    widths: dict[str, list] = defaultdict(list)
    for u, v, kind, data in sorted(
        G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    ):
        if u == v or u not in xy or v not in xy:
            continue
        by_kind[kind].append((xy[u], xy[v]))
        if kind == "collaborates":
            widths[kind].append(edge_width(data.get("weight", 1)) * _COLLABORATION_WIDTH)
        else:
            widths[kind].append(EDGE_STYLES.get(kind, EDGE_STYLES["member_of"])["width"] * _EDGE_WIDTH)
    kinds = [k for k in _EDGE_ORDER if k in by_kind] + sorted(k for k in by_kind if k not in _EDGE_ORDER)
    for zorder, kind in enumerate(kinds, start=1):
        style = EDGE_STYLES.get(kind, EDGE_STYLES["member_of"])
        color = _color(style["color"], alpha=_COLLABORATION_ALPHA if kind == "collaborates" else None)
        ax.add_collection(
            LineCollection(
                by_kind[kind],
                colors=[color],
                linewidths=widths[kind],
                linestyles=_DASHES if style.get("dashes") else "solid",
                zorder=zorder,
                capstyle="round",
            )
        )


def _diameters(G, nodes: list, pt_per_unit: float, sized: dict, k: float = 1.0) -> list[float]:
    sizes = []
    for node in nodes:
        if node in sized:
            sizes.append(sized[node])
            continue
        data = G.nodes[node]
        kind = data.get("kind", "person")
        _, _, size = node_appearance(data)
        low, high = (k * b for b in _DIAMETER_BOUNDS.get(kind, _DIAMETER_BOUNDS["person"]))
        diameter = min(max(2 * size * pt_per_unit * _BOOST, low), high)
        sizes.append(diameter)
    return sizes


def _draw_nodes(ax, G, xy: dict, pt_per_unit: float, sized: dict, k: float = 1.0) -> None:
    # One scatter per kind and shape, in the HTML's drawing order (groups and tiers on top).
    batches: dict[tuple, list] = defaultdict(list)
    for node in sorted(xy, key=str):
        data = G.nodes[node]
        kind = data.get("kind", "person")
        color, shape, _ = node_appearance(data)
        batches[(_DRAW_ORDER.index(kind) if kind in _DRAW_ORDER else 0, shape)].append((node, color))
    for (order, shape), members in sorted(batches.items()):
        nodes = [n for n, _ in members]
        diameters = _diameters(G, nodes, pt_per_unit, sized, k)
        ax.scatter(
            [xy[n][0] for n in nodes],
            [xy[n][1] for n in nodes],
            s=[d * d for d in diameters],
            c=[c for _, c in members],
            marker=_MARKERS.get(shape, "o"),
            edgecolors="white",
            linewidths=k * (0.3 if order < 2 else 0.6),
            zorder=10 + order,
        )


def _draw_guides(ax, payload: dict | None, pt_per_unit: float, k: float = 1.0) -> None:
    from matplotlib.patches import Circle

    if not payload:
        return
    for ring in payload["rings"]:
        ax.add_patch(
            Circle(
                (0, 0),
                ring["radius"],
                fill=False,
                edgecolor=ring["color"],
                alpha=0.45,
                linewidth=1.0,
                linestyle=(0, (5, 4)),
                zorder=0,
            )
        )
        if ring["radius"] * pt_per_unit < _MIN_CAPTION_RADIUS * k:
            continue
        # Just inside the top of the ring, as on the HTML map.
        ax.text(
            0,
            ring["radius"] - 4 * k / pt_per_unit,
            schema.normalize_text(ring["label"]),
            ha="center",
            va="top",
            fontsize=7.5 * k,
            fontweight="bold",
            color=ring["color"],
            zorder=9,
            bbox=_LABEL_BOX,
            parse_math=False,
        )


def _label_near(ax, x, y, label, *, offset, fontsize, color=_TEXT_COLOR, weight="normal", zorder=20):
    """A horizontal label just outside a node, on the side away from the centre."""
    norm = math.hypot(x, y)
    ux, uy = (0.0, 1.0) if norm == 0 else (x / norm, y / norm)
    ha = "left" if ux > 0.35 else "right" if ux < -0.35 else "center"
    va = "bottom" if uy > 0.35 else "top" if uy < -0.35 else "center"
    ax.text(
        x + ux * offset,
        y + uy * offset,
        label,
        ha=ha,
        va=va,
        fontsize=fontsize,
        color=color,
        fontweight=weight,
        bbox=_LABEL_BOX,
        zorder=zorder,
        parse_math=False,
        linespacing=1.0,
    )


def _radial_label(
    ax, angle: float, radius: float, label: str, *, weight="normal", box=None, fontsize: float = _GROUP_FONT
) -> None:
    """A label along the radius at *angle* (radians, counter-clockwise), reading outwards.

    Labels on the left half are turned by half a turn and right-aligned, so none is upside down.
    """
    x, y = radius * math.cos(angle), radius * math.sin(angle)
    degrees = math.degrees(angle)
    left_side = math.cos(angle) < -1e-9
    ax.text(
        x,
        y,
        label,
        rotation=degrees + 180 if left_side else degrees,
        rotation_mode="anchor",
        ha="right" if left_side else "left",
        va="center",
        fontsize=fontsize,
        color=_TEXT_COLOR,
        fontweight=weight,
        zorder=21,
        bbox=box,
        linespacing=1.0,
        parse_math=False,
    )


def _label_band(labels: Iterable[str], fontsize: float) -> float:
    """Points a radial label band needs: the longest line plus a small gap."""
    longest = max((len(line) for label in labels for line in label.split("\n")), default=0)
    return longest * _CHAR_WIDTH * fontsize + 6


def _is_outer(G, node, guides) -> bool:
    """Whether *node* is a group on the outermost ring (labelled outside every node)."""
    if not (guides and guides["rings"]):
        return False
    data = G.nodes[node]
    tier = data.get("tier") if data.get("tier") in schema.TIER_ORDER else "local"
    return data.get("kind") == "group" and tier == guides["rings"][-1]["tier"] and len(guides["rings"]) > 1


def _group_label(G, node, lang: str) -> str:
    return wrap_label(node_label(G, node, lang))


def _draw_labels(
    ax, G, xy: dict, lang: str, pt_per_unit: float, guides: dict | None, cloud: float, sized: dict, k: float = 1.0
) -> None:
    labelled_kinds = {"group", "tier"} if G.number_of_nodes() >= PERSON_LABELS_BELOW else set(_DRAW_ORDER)
    rings = bool(guides and guides["rings"])
    if rings:
        labelled_kinds.discard("tier")  # the ring captions name the tiers
    gap = 3 * k / pt_per_unit
    group_font = _GROUP_FONT * k
    # As large as the room between neighbours in a cluster allows, within readable bounds.
    person_font = min(max(_CLUSTER_SPACING * pt_per_unit * 1.2, _PERSON_FONT[0] * k), _PERSON_FONT[1] * k)
    for node in sorted(xy, key=str):
        data = G.nodes[node]
        kind = data.get("kind", "person")
        if kind not in labelled_kinds:
            continue
        x, y = xy[node]
        radius = _diameters(G, [node], pt_per_unit, sized, k)[0] / 2 / pt_per_unit
        bold = kind == "tier" or data.get("group_type") not in CROSS_CUTTING_TYPES
        weight = "bold" if bold else "normal"
        if kind in ("group", "tier"):
            label = _group_label(G, node, lang)
            if _is_outer(G, node, guides):
                _radial_label(ax, math.atan2(y, x), cloud + gap, label, weight=weight, fontsize=group_font)
            elif rings and math.hypot(x, y) > 0:
                _radial_label(
                    ax,
                    math.atan2(y, x),
                    math.hypot(x, y) + radius + gap,
                    label,
                    weight=weight,
                    box=_LABEL_BOX,
                    fontsize=group_font,
                )
            else:
                _label_near(
                    ax, x, y, label, offset=radius + gap, fontsize=group_font, weight=weight, zorder=21
                )
        else:
            _label_near(
                ax,
                x,
                y,
                wrap_label(node_label(G, node, lang), MAX_LABEL),
                offset=radius + gap / 2,
                fontsize=person_font,
                color=_MUTED,
            )


def _draw_regions(ax, payload: dict | None, radius: float, k: float = 1.0) -> None:
    if not payload:
        return
    for region in payload["regions"]:
        # The payload's angle is on screen (y down); the image's y points up.
        x, y = radius * math.cos(region["angle"]), -radius * math.sin(region["angle"])
        ax.text(
            x,
            y,
            schema.normalize_text(region["label"]),
            ha="center",
            va="center",
            fontsize=_REGION_FONT * k,
            fontweight="bold",
            color=_MUTED,
            zorder=22,
            parse_math=False,
        )


def _legend_entries(
    ax, y: float, heading: str, rows: list[tuple], step: float, x: float = 0.0, k: float = 1.0
) -> float:
    """Draw one legend section in axes coordinates from *y* down; return the next free y."""
    from matplotlib.lines import Line2D

    ax.text(x, y, heading, fontsize=11 * k, fontweight="bold", color=_TEXT_COLOR, va="top", parse_math=False)
    y -= step * 1.2
    for sample, label in rows:
        middle = y - 0.4 * step
        if sample[0] == "line":
            _, color, width, dashed = sample
            ax.add_line(
                Line2D(
                    [x + 0.005, x + 0.07],
                    [middle] * 2,
                    color=color,
                    linewidth=width,
                    linestyle=_DASHES if dashed else "solid",
                )
            )
        else:
            _, color, marker = sample
            ax.plot(
                [x + 0.035],
                [middle],
                marker=marker,
                markersize=k * (11 if marker == "*" else 8),
                color=color,
                markeredgecolor="white",
                markeredgewidth=0.5,
                linestyle="none",
            )
        ax.text(x + 0.09, middle, label, fontsize=10 * k, va="center", color=_TEXT_COLOR, parse_math=False)
        y -= step
    return y - step * 0.5


def _draw_legend(
    ax, top: float, legend: dict, lang: str, size: dict | None = None, k: float = 1.0, key: list | None = None
) -> None:
    """Sectors and tiers on the left; node and link kinds and the metric sizing nodes on the
    right; the ring notes below, then the numbered key of the findings marked on the map."""
    import textwrap

    panel_pt = ax.get_position().height * ax.figure.get_figheight() * 72
    entries = _key_entries(key or [], lang, _chars(ax, 8.5 * k, 0.92))
    shown = _key_shown(entries)
    key_lines: float = sum(m.count("\n") + 1 for _, m in entries[:shown]) + (len(entries) > shown)
    key_lines += 1.3 * len(_severities(key or []))
    key_room = (key_lines + 3.5) * 8.5 * k * 1.45 / panel_pt if key else 0.0

    sectors = [(("marker", e["color"], "o"), e["label"]) for e in legend["sectors"]]
    tiers = [(("marker", e["color"], "D"), e["label"]) for e in legend["tiers"]]
    kinds = [(("marker", e["color"], _MARKERS[e["shape"]]), e["label"]) for e in legend["kinds"]]
    edges = [
        (("line", _color(e["color"]), max(e["width"] * 0.8, 1.2), bool(e.get("dashes"))), e["label"])
        for e in legend["edges"]
    ]
    # Rows shrink when a long title leaves less room; the ring notes need about 0.17 below.
    step = min(_LEGEND_STEP, (top - 0.17 - key_room) / _LEGEND_ROWS)
    left = right = top
    if sectors:
        left = _legend_entries(ax, left, text("legend.sectors", lang), sectors, step, k=k)
    if tiers:
        left = _legend_entries(ax, left, text("legend.tiers", lang), tiers, step, k=k)
    if kinds:
        right = _legend_entries(ax, right, text("legend.kinds", lang), kinds, step, x=0.5, k=k)
    if edges:
        right = _legend_entries(ax, right, text("legend.edges", lang), edges, step, x=0.5, k=k)
    if size:
        ax.text(
            0.5,
            right,
            text("map.legend.size", lang),
            fontsize=11 * k,
            fontweight="bold",
            va="top",
            color=_TEXT_COLOR,
            parse_math=False,
        )
        line = text("map.size.metric", lang).format(
            metric=size["label"], min=f"{size['min']:.3f}", max=f"{size['max']:.3f}"
        )
        line = textwrap.fill(line, _chars(ax, 9 * k, 0.45))
        ax.text(
            0.5,
            right - 1.2 * step,
            line,
            fontsize=9 * k,
            va="top",
            color=_TEXT_COLOR,
            linespacing=1.35,
            parse_math=False,
        )
        right -= (1.7 + line.count("\n") + 1) * step
    below = min(left, right)
    if legend["rings"]:
        notes = "\n".join(
            "• " + textwrap.fill(line, _chars(ax, 8.5 * k), subsequent_indent="   ") for line in legend["rings"]
        )
        ax.text(0, below, notes, fontsize=8.5 * k, va="top", color=_MUTED, linespacing=1.45, parse_math=False)
        below -= (notes.count("\n") + 1) * 8.5 * k * 1.45 / panel_pt + 0.015
    if key:
        _draw_key(ax, below, key, lang, k, panel_pt)


def _draw_heading(ax, G, lang: str, title: str | None, k: float = 1.0) -> float:
    """Title, season and source, key figures at the top of the side panel; return the next free y."""
    import textwrap

    panel_pt = ax.get_position().height * ax.figure.get_figheight() * 72  # for line heights in axes units
    heading = textwrap.fill(schema.normalize_text(text("title", lang) if title is None else title), _chars(ax, 20 * k))
    ax.text(
        0,
        1,
        heading,
        fontsize=20 * k,
        fontweight="bold",
        color=_TEXT_COLOR,
        va="top",
        linespacing=1.1,
        parse_math=False,
    )
    y = 1 - (heading.count("\n") + 1) * 20 * k * 1.25 / panel_pt - 0.015
    for line in (_subtitle(G, lang), _key_figures(G, lang)):
        if line:
            line = textwrap.fill(line, _chars(ax, 10 * k))
            ax.text(0, y, line, fontsize=10 * k, color=_MUTED, va="top", linespacing=1.35, parse_math=False)
            y -= (line.count("\n") + 1) * 10 * k * 1.4 / panel_pt + 0.012
    return y - 0.03


def finding_marks(G: nx.MultiDiGraph, findings: pd.DataFrame | None) -> list[dict]:
    """The findings to mark on the map, one entry per node with findings, numbered in order.

    Each entry: ``number`` (the badge's and the key's), ``node``, ``severity`` (``gap`` when
    any of the node's findings is a gap, else ``risk``) and ``findings`` (its records). Findings
    are attached by ``node``; those naming no node of *G* are left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("group:A", kind="group", label="A")
    >>> f = pd.DataFrame({"node": ["group:A", "group:A", "group:B"], "severity": ["risk", "gap", "gap"]})
    >>> [(m["number"], m["node"], m["severity"], len(m["findings"])) for m in finding_marks(G, f)]
    [(1, 'group:A', 'gap', 2)]
    """
    if findings is None or not len(findings):
        return []
    by_node: dict[Hashable, list[dict]] = {}
    for record in findings.to_dict("records"):
        node = record.get("node")
        if isinstance(node, str) and node in G:
            by_node.setdefault(node, []).append(record)
    return [
        {
            "number": number,
            "node": node,
            "severity": "gap" if any(str(r.get("severity")) == "gap" for r in records) else "risk",
            "findings": records,
        }
        for number, (node, records) in enumerate(by_node.items(), start=1)
    ]


def _finding_ring(ax, x: float, y: float, radius: float, severity: str, k: float, *, axes: bool = False, gid=None):
    """A ring around a node with findings: red and solid for a gap, orange and dashed for a risk,
    so that the two differ in greyscale too."""
    from matplotlib.patches import Ellipse

    style = _MARK_STYLE[severity]
    # An ellipse, so that the ring stays round in the legend's axes, which are not square.
    ratio = 1.0
    if axes:
        box = ax.get_position()
        ratio = box.height * ax.figure.get_figheight() / (box.width * ax.figure.get_figwidth())
    ring = Ellipse(
        (x, y),
        2 * radius * ratio,
        2 * radius,
        fill=False,
        edgecolor=style["color"],
        linewidth=style["width"] * k,
        linestyle=style["line"],
        zorder=30,
    )
    if gid:
        ring.set_gid(gid)
    ax.add_patch(ring)


def _draw_findings(ax, G, xy: dict, marks: list[dict], pt_per_unit: float, sized: dict, k: float) -> None:
    """A ring around each node with findings and a numbered badge beside it (the key's number)."""
    for mark in marks:
        node = mark["node"]
        if node not in xy:
            continue
        x, y = xy[node]
        radius = (_diameters(G, [node], pt_per_unit, sized, k)[0] / 2 + 2.2 * k) / pt_per_unit
        style = _MARK_STYLE[mark["severity"]]
        _finding_ring(ax, x, y, radius, mark["severity"], k, gid=f"finding-ring-{mark['number']}")
        # Beside the node, along the ring (the label points away from the centre).
        norm = math.hypot(x, y)
        ux, uy = (0.0, 1.0) if norm == 0 else (-y / norm, x / norm)
        offset = radius + 5.5 * k / pt_per_unit
        ax.text(
            x + ux * offset,
            y + uy * offset,
            str(mark["number"]),
            ha="center",
            va="center",
            fontsize=6.5 * k,
            fontweight="bold",
            color=style["text"],
            zorder=31,
            gid=f"finding-badge-{mark['number']}",
            bbox={"boxstyle": style["badge"], "facecolor": style["fill"], "edgecolor": style["color"],
                  "linewidth": 0.8 * k},
            parse_math=False,
        )


def _chars(ax, fontsize: float, share: float = 0.95) -> int:
    """Characters of *fontsize* that fit on a line across *share* of the axes' width."""
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    return max(int(share * width_pt / (_CHAR_WIDTH * fontsize)), 10)


def _key_entries(marks: list[dict], lang: str | None = None, width: int = 64) -> list[tuple[dict, str]]:
    """Each marked node's findings in words, wrapped for the side panel: ``(mark, text)``."""
    import textwrap

    from verkosto.present import finding_message

    return [
        (mark, textwrap.fill(schema.normalize_text(finding_message(record, lang)), width))
        for mark in marks
        for record in mark["findings"]
    ]


def _key_shown(entries: list[tuple[dict, str]]) -> int:
    """How many of the key's entries fit in :data:`_MAX_KEY_LINES` lines (whole entries only)."""
    lines = 0
    for shown, (_, message) in enumerate(entries):
        lines += message.count("\n") + 1
        if lines > _MAX_KEY_LINES:
            return shown
    return len(entries)


def _severities(marks: list[dict]) -> list[str]:
    """The severities marked on the map, gaps first: the key explains only those drawn."""
    return [s for s in ("gap", "risk") if any(m["severity"] == s for m in marks)]


def _draw_key(ax, y: float, marks: list[dict], lang: str, k: float, panel_pt: float) -> None:
    """The findings marked on the map: what the rings mean, then each badge's number and findings."""
    ax.text(0, y, text("static.findings", lang), fontsize=11 * k, fontweight="bold", color=_TEXT_COLOR,
            va="top", parse_math=False)
    line = 8.5 * k * 1.45 / panel_pt
    y -= 1.6 * line
    for severity in _severities(marks):
        _finding_ring(ax, 0.02, y - 0.5 * line, 4.0 * k / panel_pt, severity, k, axes=True)
        ax.text(0.05, y - 0.5 * line, text(f"print.mark.{severity}", lang), fontsize=8.5 * k, va="center",
                color=_TEXT_COLOR, parse_math=False)
        y -= 1.3 * line
    y -= 0.5 * line
    entries = _key_entries(marks, lang, _chars(ax, 8.5 * k, 0.92))
    shown = _key_shown(entries)
    for mark, message in entries[:shown]:
        style = _MARK_STYLE[mark["severity"]]
        ax.text(0.02, y, str(mark["number"]), ha="center", va="top", fontsize=6.5 * k, fontweight="bold",
                color=style["text"], parse_math=False,
                bbox={"boxstyle": style["badge"], "facecolor": style["fill"], "edgecolor": style["color"],
                      "linewidth": 0.8 * k})
        ax.text(0.05, y, message, fontsize=8.5 * k, va="top", color=_TEXT_COLOR, linespacing=1.45,
                parse_math=False)
        y -= (message.count("\n") + 1) * line + 0.006
    if shown < len(entries):
        ax.text(0.05, y, text("static.more", lang).format(count=len(entries) - shown), fontsize=8.5 * k,
                va="top", color=_MUTED, parse_math=False)


def _map_figure(
    G,
    *,
    layout: str,
    lang: str,
    title: str | None,
    size_by: str | None,
    metrics,
    findings: pd.DataFrame | None = None,
    paper: str = "slide",
) -> object:
    """The map as a matplotlib Figure (not saved); see :func:`draw_map`."""
    text("title", lang)  # rejects an unknown language before any work
    try:
        size = PAPERS[paper]
    except KeyError:
        raise ValueError(f"paper={paper!r}: use one of {', '.join(PAPERS)}") from None
    k = size[1] / PAPERS["slide"][1]  # fonts and markers grow with the page's height
    positions = compute_layout(G, layout)
    sized, size_legend = _sized(G, size_by, metrics, lang)
    sized = {node: d * k for node, d in sized.items()}
    guides = tier_guides(G) if layout == "tiers" else None
    payload = guides_payload(guides, lang)
    xy = {node: (x, -y) for node, (x, y) in positions.items()}  # screen y points down, the image's up
    marks = finding_marks(G, findings)

    fig = _figure(size)
    # The map takes the whole height on the left; heading and legend share the panel on the right.
    ax = fig.add_axes(_MAP_BOX)
    ax.set_axis_off()
    half_pt = _MAP_BOX[3] * size[1] * 72 / 2
    reach = _extent(positions, guides)
    outer = [_group_label(G, n, lang) for n in xy if _is_outer(G, n, guides)]
    if payload and outer:
        # Room for the nodes, then the labels of the outer ring, then the region names.
        cloud = max(max(math.hypot(x, y) for x, y in xy.values()), reach)
        band = _label_band(outer, _GROUP_FONT * k)
        spare = half_pt - band - (2.2 * _REGION_FONT * k if payload["regions"] else 0)
        pt_per_unit = max(spare, 0.35 * half_pt) / cloud
    else:
        cloud, band = reach, 0.0
        pt_per_unit = 0.88 * half_pt / reach
    pt_per_unit = _view(ax, half_pt / pt_per_unit, fig)

    _draw_guides(ax, payload, pt_per_unit, k)
    _draw_edges(ax, G, xy)
    _draw_nodes(ax, G, xy, pt_per_unit, sized, k)
    _draw_findings(ax, G, xy, marks, pt_per_unit, sized, k)
    _draw_labels(ax, G, xy, lang, pt_per_unit, guides, cloud, sized, k)
    if payload:
        _draw_regions(ax, payload, cloud + (band + 1.1 * _REGION_FONT * k) / pt_per_unit, k)

    side = fig.add_axes(_SIDE_BOX)
    side.set_axis_off()
    side.set_xlim(0, 1)
    side.set_ylim(0, 1)
    top = _draw_heading(side, G, lang, title, k)
    _draw_legend(side, top, legend_of(G, lang, guides), lang, size_legend, k, marks)
    return fig


def draw_map(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    layout: str = "tiers",
    lang: str = "fi",
    title: str | None = None,
    size_by: str | None = None,
    metrics: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    paper: str = "slide",
    protect: Iterable = (),
) -> Path:
    """Draw the network map as a static image for slides and print.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The network graph (:func:`verkosto.graph.build_graph`).
    path : str or path-like
        Output file; its suffix picks the format: ``.png`` (200 dpi), ``.svg`` (text kept
        as text) or ``.pdf``.
    layout : str, default "tiers"
        A name from :data:`verkosto.layout.LAYOUTS`; with ``"tiers"`` the tier rings and
        region names are drawn behind the nodes.
    lang : {"fi", "en"}
        Language of the title, legend and tier names.
    title : str, optional
        Heading; by default "Verkostokartta" / "Network map". The season, the source
        file and the key figures (persons, organisations, groups, collaborations) are
        shown under it, the legend below them.
    size_by : str, optional
        A metric of *metrics* (e.g. ``"betweenness"``) that sizes the nodes having it, by
        the HTML map's rule: the radius grows with the square root of the value's place
        between the smallest and the largest value. The legend names the metric and its range.
    metrics : dict or pandas.DataFrame, optional
        ``{node id: {metric: value}}`` (as :func:`verkosto.metrics.node_metrics` returns) or
        a DataFrame with a ``node`` column (as :func:`verkosto.metrics.centrality`); needed
        with *size_by*.
    findings : pandas.DataFrame, optional
        Canonical rule findings (:func:`verkosto.coverage.check_rules`), attached to the
        drawn nodes by their ``node``: each node with findings gets a ring (a gap: red and
        solid; a risk only: orange and dashed) and a numbered badge (round for a gap, square
        for a risk), and the side panel lists the findings by those numbers.
    paper : {"slide", "a4", "a3"}, default "slide"
        The page, landscape (:data:`PAPERS`): a 16 × 9 in slide, A4, or an A3 poster; text
        and markers grow with the page's height, so the A3 poster is the slide 1.3 times larger.
    protect : iterable of paths
        Files never to overwrite (the input roster).

    Returns
    -------
    pathlib.Path
        *path*, written whole.

    Raises
    ------
    OutputError
        For a suffix other than .png, .svg or .pdf, a missing folder or a protected file.
    ValueError
        For an unknown layout, language or paper, *size_by* without *metrics*, or a metric no
        node has.

    Notes
    -----
    Colours and shapes are those of the HTML map: persons are circles, organisations
    squares, both in their sector's colour; groups are diamonds (cross-cutting networks and
    working groups hexagons) in their tier's blue; tiers are stars. Group labels are always
    drawn; persons and organisations are labelled only on maps of fewer than
    :data:`PERSON_LABELS_BELOW` nodes. No name is cut: a long one is wrapped on balanced
    lines (:func:`wrap_label`).

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph(season="2024-2025")
    >>> G.add_node("group:Ohjausryhmä", kind="group", label="Ohjausryhmä", tier="provincial")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     draw_map(G, Path(folder) / "kartta.png").stat().st_size > 10_000
    True
    """
    import matplotlib

    fmt = _format_of(path)
    with matplotlib.rc_context(_RC):
        fig = _map_figure(
            G, layout=layout, lang=lang, title=title, size_by=size_by, metrics=metrics, findings=findings, paper=paper
        )
    return _save(fig, path, fmt, protect)


# ------------------------------------------------------------------------------ coverage


def _heatmap(
    fig,
    ax,
    values,
    *,
    rows: list[str],
    columns: list[str],
    gaps: list[tuple[int, int]],
    gid: Callable[[int, int], str],
    heading: str,
    fontsize: float,
    top_labels: bool,
    lang: str,
) -> None:
    """One matrix as a heatmap: counts in the cells; the rules' gaps hatched and outlined in red.

    A zero cell that no rule calls a gap shows a grey 0: the sector is absent there, and no
    rule expects it. *gaps* are (row, column) positions; each hatch gets the SVG id
    ``{gid}-{row}-{column}`` of the canonical (sector × column) matrix.
    """
    import numpy as np
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import MaxNLocator

    top = max(float(np.nanmax(values)), 1.0) if values.size and not np.isnan(values).all() else 1.0
    image = ax.imshow(values, cmap=_CMAP, vmin=0, vmax=top, aspect="auto", interpolation="nearest")
    n_rows, n_cols = values.shape
    if top_labels:
        ax.xaxis.tick_top()
        ax.set_xticks(range(n_cols), columns, fontsize=fontsize, rotation=40, ha="left", va="bottom",
                      rotation_mode="anchor")
    else:
        ax.set_xticks(range(n_cols), columns, fontsize=fontsize, ha="center", va="top")
    ax.set_yticks(range(n_rows), rows, fontsize=fontsize)
    ax.tick_params(length=0)
    ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(heading, fontsize=12, fontweight="bold", loc="left", color=_TEXT_COLOR,
                 pad=62 if top_labels else 8)
    hatched = set(gaps)
    for r in range(n_rows):
        for c in range(n_cols):
            value = values[r, c]
            if (r, c) in hatched:
                patch = Rectangle(
                    (c - 0.5, r - 0.5),
                    1,
                    1,
                    fill=False,
                    hatch="///",
                    edgecolor=_color(_GAP_COLOR, alpha=0.9),
                    linewidth=1.2,
                    zorder=3,
                )
                patch.set_gid(gid(r, c))
                ax.add_patch(patch)
            elif np.isnan(value):
                continue
            else:
                ax.text(
                    c,
                    r,
                    f"{value:g}",
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    color="white" if value > 0.6 * top else _ABSENT if value == 0 else _TEXT_COLOR,
                    parse_math=False,
                )
    bar = fig.colorbar(image, ax=ax, fraction=0.05, pad=0.02, aspect=25, shrink=min(1.0, 12 / max(n_rows, 1)))
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    bar.ax.tick_params(labelsize=7)
    bar.set_label(text("static.count", lang), fontsize=8)


def _findings_text(findings: pd.DataFrame, lang: str, width: int) -> str:
    import textwrap

    from verkosto.present import finding_message

    lines = []
    for record in findings.head(_MAX_FINDINGS).to_dict("records"):
        mark = "●" if str(record.get("severity", "")) == "gap" else "○"
        message = short_label(finding_message(record, lang), 200)
        lines.append(textwrap.fill(f"{mark} {message}", width, subsequent_indent="   "))
    if len(findings) > _MAX_FINDINGS:
        lines.append(text("static.more", lang).format(count=len(findings) - _MAX_FINDINGS))
    return "\n".join(lines)


def _coverage_figure(matrices: dict, *, lang: str, findings: pd.DataFrame | None):
    """The coverage heatmaps as a matplotlib Figure (not saved); see :func:`draw_coverage`."""
    text("title", lang)
    # An empty matrix (no groups, no sectors) has nothing to draw: left out like a missing one.
    tiers, groups = (matrices.get(key) for key in ("sector_tier", "sector_group"))
    tiers, groups = (m if m is not None and m.size else None for m in (tiers, groups))
    if tiers is None and groups is None:
        raise ValueError(
            "matrices holds no non-empty 'sector_tier' or 'sector_group'; pass coverage_report(G)['matrices']"
        )
    has_findings = findings is not None and len(findings) > 0
    gaps = gap_cells(findings)

    def sectors(matrix):
        return [short_label(schema.label("sector", str(s), lang)) for s in matrix.index]

    def positions(matrix, key):
        rows, cols = {str(s): i for i, s in enumerate(matrix.index)}, {str(c): j for j, c in enumerate(matrix.columns)}
        return [(rows[s], cols[c]) for s, c in sorted(gaps[key]) if s in rows and c in cols]

    # Left column: sector × tier, then the findings; right: one row per group (names read across).
    left_width = 6.6
    row_in, group_row_in = 0.30, 0.24
    tier_block = tiers.shape[0] * row_in if tiers is not None else 0.0
    lines = _findings_text(findings, lang, 78).count("\n") + 1 if has_findings else 0
    findings_in = 0.5 + lines * 8.5 * 1.4 / 72 if has_findings else 0.0
    left_in = (tier_block + 0.8 if tiers is not None else 0.0) + findings_in
    if groups is not None:
        longest = max(len(schema.normalize_text(c)) for c in groups.columns)
        names_in = longest * _CHAR_WIDTH * _COVERAGE_FONT / 72 + 0.3
        group_block = groups.shape[1] * group_row_in
        right_width = names_in + 0.62 * groups.shape[0] + 1.2
        right_in = 1.3 + group_block  # the sector names above, turned
    else:
        names_in = right_width = right_in = 0.0
    heading_room = 1.2
    width = max(16.0, left_width + 1.2 + right_width)
    height = max(6.0, heading_room + max(left_in, right_in) + 0.3)
    fig = _figure((width, height))
    fig.text(0.5 / width, 1 - 0.25 / height, text("static.coverage_title", lang), fontsize=18,
             fontweight="bold", color=_TEXT_COLOR, va="top", parse_math=False)
    fig.text(0.5 / width, 1 - 0.62 / height, text("static.gap_note", lang), fontsize=10, color=_GAP_COLOR,
             va="top", parse_math=False)

    def box(left_in, bottom_in, width_in, height_in):
        return [left_in / width, bottom_in / height, width_in / width, height_in / height]

    y = height - heading_room  # top of the free area, inches from the bottom
    if tiers is not None:
        ax = fig.add_axes(box(2.2, y - 0.35 - tier_block, 0.9 * tiers.shape[1], tier_block))
        _heatmap(
            fig, ax, tiers.to_numpy(dtype=float), rows=sectors(tiers),
            columns=[short_label(schema.label("tier", str(t), lang)) for t in tiers.columns],
            gaps=positions(tiers, "sector_tier"), gid=lambda r, c: f"gap-sector_tier-{r}-{c}",
            heading=text("static.sector_tier", lang), fontsize=8, top_labels=False, lang=lang,
        )
        y -= tier_block + 0.8
    if has_findings:
        ax = fig.add_axes(box(0.5, y - findings_in, left_width, findings_in))
        ax.set_axis_off()
        ax.text(0, 1, text("static.findings", lang), fontsize=11, fontweight="bold", va="top",
                transform=ax.transAxes, color=_TEXT_COLOR, parse_math=False)
        ax.text(0, 1 - 0.35 / findings_in, _findings_text(findings, lang, 78), fontsize=8.5, va="top",
                linespacing=1.4, transform=ax.transAxes, color=_TEXT_COLOR, parse_math=False)
    if groups is not None:
        left = (left_width + 1.2 if (tiers is not None or has_findings) else 0.5) + names_in
        top = height - heading_room - 1.3
        ax = fig.add_axes(box(left, top - group_block, 0.62 * groups.shape[0], group_block))
        cells = [(c, r) for r, c in positions(groups, "sector_group")]  # drawn transposed
        _heatmap(
            fig, ax, groups.to_numpy(dtype=float).T, rows=[schema.normalize_text(c) for c in groups.columns],  # whole names: no "…"
            columns=sectors(groups), gaps=cells, gid=lambda r, c: f"gap-sector_group-{c}-{r}",
            heading=text("static.sector_group", lang), fontsize=_COVERAGE_FONT, top_labels=True, lang=lang,
        )
    return fig


def draw_coverage(
    matrices: dict[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    lang: str = "fi",
    findings: pd.DataFrame | None = None,
    protect: Iterable = (),
) -> Path:
    """Draw the coverage matrices as heatmaps, gaps marked, for slides and print.

    Parameters
    ----------
    matrices : dict of str to pandas.DataFrame
        ``"sector_tier"`` (rows: canonical sectors, columns: canonical tiers) and/or
        ``"sector_group"`` (rows: canonical sectors, columns: group names), integer counts,
        as in ``coverage_report(G)["matrices"]``; other keys are ignored.
    path : str or path-like
        Output file, ``.png``, ``.svg`` or ``.pdf``.
    lang : {"fi", "en"}
        Language of headings and of sector and tier names.
    findings : pandas.DataFrame, optional
        Canonical rule findings (as :func:`verkosto.coverage.check_rules`); the first
        ones are listed with the heatmaps, and their gaps hatched.
    protect : iterable of paths
        Files never to overwrite.

    Returns
    -------
    pathlib.Path
        *path*, written whole.

    Raises
    ------
    OutputError
        For an unknown suffix, a missing folder or a protected file.
    ValueError
        If *matrices* holds neither matrix (or both are empty), or *lang* is unknown.

    Notes
    -----
    A cell is hatched and outlined in red only where a rule finds a gap (:func:`gap_cells`):
    a group's or a tier's missing sector. Any other zero shows a grey 0 — the sector is
    absent there and no rule expects it — so the image and the findings say the same.
    The sector × group matrix is drawn turned, one group a row, its name read across, beside
    the sector × tier matrix and the findings; the image grows 0.24 in for each group.

    Examples
    --------
    >>> import tempfile
    >>> m = pd.DataFrame({"provincial": [2, 0], "local": [1, 3]}, index=["parish", "ngo"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     draw_coverage({"sector_tier": m}, Path(folder) / "kattavuus.svg").suffix
    '.svg'
    """
    import matplotlib

    fmt = _format_of(path)
    with matplotlib.rc_context(_RC):
        fig = _coverage_figure(matrices, lang=lang, findings=findings)
    return _save(fig, path, fmt, protect)


# ----------------------------------------------------------------------- indicator chart

_PANEL_SIZE = (4.2, 3.0)  # inches per small multiple
_MUNICIPALITY_GREY = "#b8b8b8"
_MEDIAN_COLOR = "#1f4e79"
_HIGHLIGHT_COLORS = ("#c0392b", "#d35400", "#27ae60", "#8e44ad", "#16a085")


def draw_indicators(
    data,
    path: str | os.PathLike,
    *,
    municipalities: Iterable[str] | None = None,
    highlight: Iterable[str] = (),
    lang: str = "fi",
    protect: Iterable = (),
) -> Path:
    """Small multiples of municipal indicators: one panel per indicator, years across.

    Each panel draws a thin grey line per municipality of the county, the county median in
    blue and the *highlight* municipalities in colour; the source and licence are printed
    under the panels (:func:`verkosto.indicators.attribution`).

    Parameters
    ----------
    data : IndicatorData
        From :func:`verkosto.indicators.read_indicators`.
    path : str or path-like
        Output file, ``.png``, ``.svg`` or ``.pdf``.
    municipalities : iterable of str, optional
        The county's municipalities (the roster's); every municipality of *data* when None.
    highlight : iterable of str
        Municipalities drawn in colour and named in the legend (at most five).
    lang : {"fi", "en"}

    Examples
    --------
    >>> import tempfile
    >>> from verkosto.indicators import example_indicators_path, read_indicators
    >>> data = read_indicators(example_indicators_path())
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     draw_indicators(data, Path(folder) / "kuva.svg", highlight=["Tampere"]).suffix
    '.svg'
    """
    import matplotlib

    fmt = _format_of(path)
    with matplotlib.rc_context(_RC):
        fig = _indicator_figure(data, municipalities, list(highlight)[: len(_HIGHLIGHT_COLORS)], lang)
    return _save(fig, path, fmt, protect)


def _indicator_figure(data, municipalities, highlight: list[str], lang: str):
    import textwrap

    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator

    from verkosto.indicators import _selected, attribution, county_medians, normalise_municipality

    municipalities = None if municipalities is None else list(municipalities)
    values = _selected(data, municipalities)
    medians = county_medians(data, municipalities)
    indicators = [i for i in data.indicators if i in set(values["indicator"])] or data.indicators
    columns = min(3, max(1, len(indicators)))
    rows = math.ceil(len(indicators) / columns)
    height = _PANEL_SIZE[1] * rows + 1.3  # inches: the panels, the heading above, legend and source below
    fig = Figure(figsize=(_PANEL_SIZE[0] * columns, height))
    fig.subplots_adjust(left=0.07, right=0.98, top=1 - 0.95 / height, bottom=0.75 / height, hspace=0.6, wspace=0.25)
    wanted = {normalise_municipality(h): (h, _HIGHLIGHT_COLORS[k]) for k, h in enumerate(highlight)}
    count = values["municipality"].nunique()
    decimal = "," if lang == "fi" else "."
    for k, indicator in enumerate(indicators):
        ax = fig.add_subplot(rows, columns, k + 1)
        own = values[values["indicator"] == indicator]
        for municipality, series in own.groupby("municipality", sort=True):
            series = series.sort_values("year")
            found = wanted.get(normalise_municipality(municipality))
            ax.plot(series["year"], series["value"], color=found[1] if found else _MUNICIPALITY_GREY,
                    linewidth=1.6 if found else 0.7, zorder=3 if found else 1)
        median = medians[medians["indicator"] == indicator]
        ax.plot(median["year"], median["median"], color=_MEDIAN_COLOR, linewidth=2.2, zorder=2)
        years = sorted(set(own["year"]) | set(median["year"]))
        ax.xaxis.set_major_locator(FixedLocator(years))
        ax.set_xticklabels([str(y) for y in years], fontsize=7)
        ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
        ax.yaxis.set_major_locator(FixedLocator(ticks))
        ax.set_yticklabels([f"{t:g}".replace(".", decimal) for t in ticks], fontsize=7)
        title = short_label(data.title(indicator, lang), 90)
        ax.set_title("\n".join(textwrap.wrap(title, 42)[:2]), fontsize=8.5, loc="left", color=_TEXT_COLOR)
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.5)
        ax.spines[["top", "right"]].set_visible(False)
    handles = [Line2D([], [], color=_MUNICIPALITY_GREY, linewidth=0.9),
               Line2D([], [], color=_MEDIAN_COLOR, linewidth=2.2)]
    labels = [text("indicators.municipalities", lang, count=count), text("indicators.median", lang)]
    for name, color in wanted.values():
        handles.append(Line2D([], [], color=color, linewidth=1.6))
        labels.append(short_label(name))
    fig.legend(handles, labels, loc="lower left", ncol=len(labels), frameon=False, fontsize=7.5,
               bbox_to_anchor=(0.06, 0.0))
    fig.text(0.98, 0.01, short_label(attribution(data, lang), 160), ha="right", va="bottom", fontsize=6.5,
             color=_TEXT_COLOR)
    fig.text(0.07, 1 - 0.15 / height, text("indicators.chart_title", lang), ha="left", va="top", fontsize=11,
             color=_TEXT_COLOR)
    return fig


# ------------------------------------------------------------------------------ key figures over seasons

_SERIES_STYLES = (  # colour, marker, line style: tellable apart in greyscale too
    ("#1F77B4", "o", "-"),
    ("#D62728", "s", "--"),
    ("#2CA02C", "^", "-."),
    ("#9467BD", "D", ":"),
    ("#8C564B", "v", "-"),
    ("#E377C2", "P", "--"),
)


def draw_figures(
    counts: dict[str, list[float]],
    shares: dict[str, list[float]],
    seasons: list[str],
    path: str | os.PathLike,
    *,
    title: str,
    labels: dict[str, str],
    protect: Iterable = (),
) -> Path:
    """Key figures per season as two line charts: counts on the left, shares on the right.

    Parameters
    ----------
    counts, shares : dict of str to list of float
        Figure name -> one value per season (as many as *seasons*).
    seasons : list of str
        The x axis, in order.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    title : str
        The heading, drawn literally.
    labels : dict of str to str
        Figure names and ``"counts"``, ``"shares"``, ``"season"`` -> the words shown;
        ``"decimal"`` the decimal mark (default ``"."``).
    protect : iterable of paths
        Files never to overwrite.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     draw_figures({"persons": [3, 4]}, {"density": [0.5, 0.4]}, ["2023-2024", "2024-2025"],
    ...                  Path(folder) / "a.svg", title="$x$", labels={}).suffix
    '.svg'
    """
    import matplotlib
    from matplotlib.ticker import FuncFormatter

    decimal = labels.get("decimal", ".")
    fmt = _format_of(path)
    with matplotlib.rc_context(_RC):
        fig = _figure((12.0, 5.5))
        fig.suptitle(title, fontsize=14, color=_TEXT_COLOR, parse_math=False)
        x = list(range(len(seasons)))
        panels = ((counts, labels.get("counts", "")), (shares, labels.get("shares", "")))
        for i, (series, heading) in enumerate(panels):
            ax = fig.add_axes([0.07 + i * 0.5, 0.3, 0.4, 0.58])
            ax.set_title(heading, fontsize=11, color=_TEXT_COLOR)
            for j, (name, values) in enumerate(series.items()):
                colour, marker, style = _SERIES_STYLES[j % len(_SERIES_STYLES)]
                ax.plot(x, values, color=colour, marker=marker, linestyle=style, linewidth=1.6,
                        label=labels.get(name, name))
                for xi, value in zip(x, values):
                    shown = f"{value:.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:.3f}"
                    ax.annotate(shown.replace(".", decimal), (xi, value), textcoords="offset points", xytext=(0, 5), ha="center",
                                fontsize=7, color=_MUTED)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace(".", decimal)))
            ax.set_xticks(x, [short_label(s) for s in seasons])
            ax.set_xlabel(labels.get("season", ""))
            ax.set_xlim(-0.3, len(seasons) - 0.7) if len(seasons) > 1 else ax.set_xlim(-1, 1)
            ax.spines[["top", "right"]].set_visible(False)
            ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
            if series:
                ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False, fontsize=9)
    return _save(fig, path, fmt, protect)
