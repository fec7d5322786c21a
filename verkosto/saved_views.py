"""Saved views of the map page: named states (filters, a focus node, a zoom) to step through.

The page ships with views made from the roster (:func:`roster_views`: the whole network, each
tier, each region, the groups with findings) and the planner's own, read from a TOML file
(:func:`load_views`)::

    [[view]]
    title = "Eteläinen alue ilman henkilöitä"
    note = "Organisaatiot ja ryhmät, joihin ne osallistuvat"
    region = ["Eteläinen"]
    hide_persons = true

    [[view]]
    title = "Tampereen ohjausryhmä"
    focus = "Tampereen perhekeskuksen ohjausryhmä"   # a node's name or id
    zoom = 1.5                                        # times the zoom that fits the view

A view is a dict ``{"id", "title", "note", "filters", "focus", "zoom"}``: ``filters`` holds the
facets' canonical values (``tier``, ``region``, ``municipality``, ``sector``, ``group_type``) and
the flags ``hide_persons`` and ``gaps_only``, as the page's ``verkosto.applyFilters`` takes them;
``focus`` is a node id or None; ``zoom`` a factor of the fitted zoom or None.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import networkx as nx

from .errors import VerkostoError
from .i18n import text
from .schema import TIER_ORDER, VOCABULARIES, aliases, fold, label

__all__ = ["FACETS", "ViewsError", "empty_filters", "load_views", "roster_views", "view_ids"]

#: The filterable attributes, as the page names them.
FACETS = ("tier", "region", "municipality", "sector", "group_type")
_FLAGS = ("hide_persons", "gaps_only")
_KEYS = ("title", "note", *FACETS, *_FLAGS, "focus", "zoom")
_VOCABULARY = {"tier": "tier", "sector": "sector", "group_type": "group_type"}
# Node kinds that carry each facet's values in the graph.
_CARRIERS = {
    "tier": ("group",),
    "region": ("person", "organisation", "group"),
    "municipality": ("person", "organisation", "group"),
    "sector": ("person", "organisation"),
    "group_type": ("group",),
}
_ZOOM_RANGE = (0.1, 20.0)


class ViewsError(VerkostoError):
    """A views file cannot be read or holds an invalid view; the one line names the file and
    the view (its title, or its number in the file from 1)."""

    def __init__(self, key: str, /, *, file: str, view: str | int | None = None, **params: object):
        super().__init__(key, file=file, **params)
        self.view = view

    def location(self, lang: str) -> list[str]:
        where = super().location(lang)
        if isinstance(self.view, int):
            where.append(text("views.view_number", lang, number=self.view))
        elif self.view is not None:
            where.append(text("views.view_title", lang, title=self.view))
        return [": ".join(where)]


def empty_filters() -> dict:
    """The filter state that shows everything."""
    return {**{name: [] for name in FACETS}, **{flag: False for flag in _FLAGS}}


def _view(title: str, note: str, focus: str | None = None, zoom: float | None = None, **filters) -> dict:
    return {"id": "", "title": title, "note": note, "filters": {**empty_filters(), **filters}, "focus": focus, "zoom": zoom}


def _values(G: nx.MultiDiGraph, name: str) -> list[str]:
    """The values of facet *name* in the graph: vocabulary order, else sorted as the page sorts them."""
    present = {
        str(d[name]) for _, d in G.nodes(data=True)
        if d.get("kind") in _CARRIERS[name] and d.get(name) not in (None, "") and not (isinstance(d.get(name), float) and math.isnan(d[name]))
    }
    vocabulary = _VOCABULARY.get(name)
    known = [v for v in VOCABULARIES[vocabulary] if v in present] if vocabulary else []
    return known + sorted(present - set(known), key=lambda v: (v.casefold(), v))


# Slides of single groups with findings, at most: a national roster has hundreds of such groups,
# too many to step through in a meeting; the list view and the filter show them all.
MAX_FINDING_VIEWS = 30


def roster_views(G: nx.MultiDiGraph, *, findings=None, lang: str = "fi") -> list[dict]:
    """The views every map ships: the whole network, each tier, each region and, when *findings*
    are given, all groups with findings and then each of them (the first
    :data:`MAX_FINDING_VIEWS`).

    *findings* names the nodes with findings in order: node ids, or a mapping ``{node id: the
    first finding's message}`` that becomes the note of the node's view.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("group:A", kind="group", label="A", tier="local", region="Etelä")
    >>> [v["title"] for v in roster_views(G, findings=["group:A"])]
    ['Koko verkosto', 'Paikallinen taso', 'Alue: Etelä', 'Ryhmät, joilla on havaintoja', 'Havainto: A']
    >>> roster_views(G, findings={"group:A": "A: ei yhdyshenkilöä"})[-1]["note"]
    'A: ei yhdyshenkilöä'
    """
    kinds = Counter(d.get("kind") for _, d in G.nodes(data=True))
    groups_at = Counter(d.get("tier") for _, d in G.nodes(data=True) if d.get("kind") == "group")
    views = [_view(
        text("views.all", lang),
        text("views.all_note", lang, groups=kinds["group"], organisations=kinds["organisation"], persons=kinds["person"]),
    )]
    tier_nodes = {d.get("tier"): n for n, d in G.nodes(data=True) if d.get("kind") == "tier"}
    for tier in TIER_ORDER:
        if groups_at[tier]:
            # Focused on the tier's node: its groups highlighted and in view, the rest veiled.
            views.append(_view(
                text("views.tier", lang, tier=label("tier", tier, lang)),
                text("views.tier_note", lang, groups=groups_at[tier]), focus=tier_nodes.get(tier), tier=[tier],
            ))
    for region in _values(G, "region"):
        in_region = Counter(d.get("kind") for _, d in G.nodes(data=True) if str(d.get("region")) == region)
        views.append(_view(
            text("views.region", lang, region=region),
            text("views.region_note", lang, groups=in_region["group"], organisations=in_region["organisation"],
                 persons=in_region["person"]),
            region=[region],
        ))
    notes = dict(findings) if isinstance(findings, dict) else dict.fromkeys(findings or (), "")
    marked = list(notes)
    if marked:
        note = text("views.findings_note", lang, groups=len(marked))
        if len(marked) > MAX_FINDING_VIEWS:
            note += text("views.findings_more", lang, shown=MAX_FINDING_VIEWS)
        views.append(_view(text("views.findings", lang), note, gaps_only=True))
        for node in marked[:MAX_FINDING_VIEWS]:
            name = G.nodes[node].get("label") or str(node).partition(":")[2]
            views.append(_view(text("views.finding", lang, name=name), notes[node], focus=node))
    return views


def _slug(value: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "view"


def view_ids(views: list[dict]) -> list[str]:
    """A short id per view for the page's address (``#view=alue-etela``): its title in
    lower-case ASCII, numbered when titles repeat."""
    seen: Counter = Counter()
    ids = []
    for view in views:
        base = _slug(view["title"])
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _facet_values(G, name: str, given, where: dict) -> list[str]:
    items = [given] if isinstance(given, str) else given
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ViewsError("views.not_names", **where, option=name)
    known = _values(G, name)
    vocabulary = _VOCABULARY.get(name)
    spelling = aliases(vocabulary) if vocabulary else {fold(v): v for v in known}
    result = []
    for item in items:
        value = spelling.get(fold(item))
        if value is None or value not in known:
            shown = [label(vocabulary, v) for v in known] if vocabulary else known
            raise ViewsError("views.unknown_value", **where, option=name, value=item, allowed=tuple(shown))
        if value not in result:
            result.append(value)
    return result


def _focus(G: nx.MultiDiGraph, given, where: dict) -> str:
    if not isinstance(given, str) or not given.strip():
        raise ViewsError("views.bad_focus", **where)
    if given in G:
        return given
    wanted = fold(given)
    matches = sorted(str(n) for n, d in G.nodes(data=True) if fold(d.get("label") or "") == wanted)
    if len(matches) != 1:
        key = "views.unknown_focus" if not matches else "views.ambiguous_focus"
        raise ViewsError(key, **where, name=given, ids=tuple(matches))
    return matches[0]


def _planner_view(G: nx.MultiDiGraph, source: str, number: int, table) -> dict:
    where: dict = {"file": source, "view": number}
    if not isinstance(table, dict):
        raise ViewsError("views.not_a_table", **where)
    title = table.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ViewsError("views.missing_title", **where)
    where["view"] = title.strip()
    for key in table:
        if key not in _KEYS:
            raise ViewsError("views.unknown_key", **where, option=key, allowed=_KEYS)
    note = table.get("note", "")
    if not isinstance(note, str):
        raise ViewsError("views.not_text", **where, option="note")
    filters = empty_filters()
    for name in FACETS:
        if name in table:
            filters[name] = _facet_values(G, name, table[name], where)
    for flag in _FLAGS:
        if flag in table:
            if not isinstance(table[flag], bool):
                raise ViewsError("views.not_bool", **where, option=flag)
            filters[flag] = table[flag]
    zoom = table.get("zoom")
    if zoom is not None:
        low, high = _ZOOM_RANGE
        if isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not low <= zoom <= high:
            raise ViewsError("views.bad_zoom", **where, low=low, high=high)
        zoom = float(zoom)
    focus = _focus(G, table["focus"], where) if "focus" in table else None
    return {"id": "", "title": title.strip(), "note": " ".join(note.split()), "filters": filters, "focus": focus,
            "zoom": zoom}


def load_views(path: str | os.PathLike, G: nx.MultiDiGraph) -> list[dict]:
    """Read the planner's views of *G*'s map from a TOML file of ``[[view]]`` tables.

    Facet values may be written as the roster writes them or, for tiers, sectors and group
    types, by their Finnish or English names; ``focus`` is a node's name or id.

    Raises
    ------
    ViewsError
        When the file cannot be read, is not TOML, or a view has an unknown key, value or
        node; the one-line message names the file, the view and the fix.
    """
    path = Path(path)
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ViewsError("file.not_found", file=source) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ViewsError("rules.unreadable", file=source, error=type(err).__name__) from err
    except tomllib.TOMLDecodeError as err:
        raise ViewsError("rules.not_toml", file=source, detail=" ".join(str(err).split())) from err
    for key in data:
        if key != "view":
            raise ViewsError("views.unknown_top_level", file=source, option=key)
    tables = data.get("view")
    if not isinstance(tables, list) or not tables:
        raise ViewsError("views.none", file=source)
    return [_planner_view(G, source, number, table) for number, table in enumerate(tables, start=1)]

