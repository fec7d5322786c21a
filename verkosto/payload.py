"""The map page's data contract: what :func:`verkosto.render.map_payload` returns and the page reads.

Defined once, here, as typed dictionaries and named row tuples; the JSON Schema is generated
from these definitions (``python -m verkosto.payload`` prints it) and the tests validate every
rendered payload against it.

Long lists are tables, ``{"columns": [names], "rows": [[values]]}``, so that a 20,000-node map
does not repeat its field names per row; the page (``verkosto/web/table.js``) resolves the column
names once and reads values by name. A node is referred to by its row number in ``nodes`` (its
*index*); ``-1`` means "none" in integer references, ``null`` in optional ones.

``schema_version`` changes whenever a field is renamed, removed or changes meaning; the page
refuses a payload of another version.
"""

# No "from __future__ import annotations": TypedDict reads NotRequired only from evaluated
# annotations (Python 3.11).
import json
import sys
import types
import typing
from typing import Generic, Literal, NamedTuple, NotRequired, TypedDict, TypeVar

__all__ = [
    "SCHEMA_VERSION",
    "Changes",
    "EdgeRow",
    "EdgeStyleRow",
    "EmployerRow",
    "Facet",
    "FindingRow",
    "GapsLegend",
    "Guides",
    "IndicatorInfo",
    "IndicatorRow",
    "Indicators",
    "Legend",
    "LookRow",
    "MeetingRow",
    "MembershipRow",
    "MetricValues",
    "Metrics",
    "NodeRow",
    "ParentRow",
    "Payload",
    "RepresentationRow",
    "ServiceRow",
    "SuggestionRow",
    "Table",
    "View",
    "ViewFilters",
    "json_schema",
    "table",
]

#: Version of the payload's shape; ``verkosto/web/table.js`` expects the same number.
SCHEMA_VERSION = 2

R = TypeVar("R")


class Table(TypedDict, Generic[R]):
    """Rows of equal shape: ``columns`` names the fields of every row, in order."""

    columns: list[str]
    rows: list[R]


def table(row_type: type[NamedTuple], rows) -> dict:
    """A :class:`Table` of *rows* (instances of the named tuple *row_type*, or plain sequences)."""
    return {"columns": list(row_type._fields), "rows": [list(row) for row in rows]}


# --- tables ---------------------------------------------------------------------------------


class LookRow(NamedTuple):
    """How a node is drawn: its ``kind`` (vis-network's ``group``), fill ``color`` and ``shape``;
    nodes refer to a look by its row number, so that these strings are sent once."""

    kind: str
    color: str
    shape: str


class NodeRow(NamedTuple):
    """A node in drawing order (persons, organisations, groups, tiers; by id within a kind).

    Its id is ``<kind>:<label>`` (the kind of its ``look``, a row of ``looks``) unless
    ``node_ids`` names another; ``x`` and ``y`` are whole pixels at zoom 1, ``size`` to a tenth.
    The page builds the tooltips and the border of a node with findings from the rest of the
    payload."""

    label: str
    look: int
    x: int
    y: int
    size: float


class EdgeStyleRow(NamedTuple):
    """How edges are drawn: a kind, its colour, a width and vis-network's arrows option or
    null. ``member_of`` and ``works_for`` have one row each; a kind of weighted edges
    (``collaborates``) one per width its edges have."""

    kind: str
    color: str
    width: float
    arrows: str | None


class EdgeRow(NamedTuple):
    """An edge from node ``source`` to node ``target`` (indices), drawn in style ``style`` (a row of
    ``edge_styles``); sorted by (source id, target id, kind).

    Only edges that are not already rows of another table: a ``member_of`` edge is a row of
    ``memberships`` (person to group), a ``works_for`` edge a row of ``employers`` (person to
    organisation). The page's edges are those of ``memberships``, then those of ``employers``,
    then these, in order; an edge's position in that list is its number (``changes.edges``)."""

    source: int
    target: int
    style: int


class MembershipRow(NamedTuple):
    """``person`` sits in ``group`` with the roles ``roles[role]``, representing the person's
    employer when the person has exactly one (``employers``) and no row of ``representations``
    says otherwise; else no organisation that is known."""

    group: int
    person: int
    role: int


class RepresentationRow(NamedTuple):
    """The organisation (-1: none known) a membership (a row of ``memberships``) represents,
    where that is not the person's only employer."""

    membership: int
    organisation: int


class EmployerRow(NamedTuple):
    """``person`` works for ``organisation``."""

    person: int
    organisation: int


class ParentRow(NamedTuple):
    """``group`` reports to ``parent``."""

    group: int
    parent: int


class MeetingRow(NamedTuple):
    """Meetings per season of ``group``, a number or the roster's text."""

    group: int
    meetings: int | float | str


class FindingRow(NamedTuple):
    """A coverage finding; ``node`` is the index of the node it concerns, null when it is about a
    municipality or a tier. ``missing`` lists what is missing as display text."""

    rule: str
    severity: Literal["gap", "risk", "note"]
    node: int | None
    subject: str
    missing: list[str]
    message: str


class IndicatorRow(NamedTuple):
    """The values of indicator ``indicator`` (a position in ``indicators.indicators``) in
    ``municipality`` (spelt as the municipality facet spells it), one per year of
    ``indicators.years``; null where a year has no value."""

    municipality: str
    indicator: int
    values: list[float | None]


class NoteRow(NamedTuple):
    """A line of text the side panel shows for ``node``, e.g. its dominant brokerage role."""

    node: int
    text: str


class ServiceRow(NamedTuple):
    """A service an organisation (``node``) offers, from the roster's Services sheet (format
    v1.1): its name and one line of tasks, client groups and municipalities in words."""

    node: int
    service: str
    detail: str


class SuggestionRow(NamedTuple):
    """A collaboration opportunity of the service map between two organisations (node indices):
    they serve the same cells in a municipality but share no group and have no tie; ``text``
    names the cells and municipalities."""

    source: int
    target: int
    text: str


# --- nested objects --------------------------------------------------------------------------


class Changes(TypedDict):
    """A map of two seasons (:func:`verkosto.seasons.change_graph`): every node's status is the
    ``change`` facet; ``edges`` gives each edge's status (by its number, see :class:`EdgeRow`) as
    an index into that facet's values, and ``notes`` the lines of the side panel's "what changed"."""

    edges: list[int]
    notes: Table[NoteRow]


class Facet(TypedDict):
    """A filterable attribute: its values (canonical or as in the roster) with labels, and in
    ``of`` for every node (by index) the index of its value, -1 when it has none."""

    name: Literal["tier", "region", "municipality", "sector", "group_type", "change"]
    label: str
    values: list[str]
    labels: list[str]
    colors: NotRequired[list[str]]
    of: list[int]


class MetricValues(TypedDict):
    """A table with the columns ``node`` and then one per metric name; null where a node lacks
    the metric."""

    columns: list[str]
    rows: list[list[int | float | None]]


class Metrics(TypedDict):
    """Metrics for the side panel: names in panel order with their labels, a one-sentence
    explanation of each ("" for a metric the catalogue does not know), and the values;
    ``betweenness_sources`` gives, by node kind, the number of sampled sources betweenness was
    estimated from (absent when every value is exact)."""

    names: list[str]
    labels: list[str]
    help: list[str]
    values: MetricValues
    betweenness_sources: NotRequired[dict[str, int]]


class ViewFilters(TypedDict):
    """The filter state of a view, as ``window.verkosto.applyFilters`` takes it: canonical values
    per facet (none: all) and the two flags."""

    tier: list[str]
    region: list[str]
    municipality: list[str]
    sector: list[str]
    group_type: list[str]
    hide_persons: bool
    gaps_only: bool


class View(TypedDict):
    """A saved view (a slide of the presentation mode): ``id`` names it in the page's address
    (``#view=<id>``); ``focus`` is the index of the node brought to the centre or null;
    ``zoom`` a factor of the zoom that fits the view's visible nodes, or null."""

    id: str
    title: str
    note: str
    filters: ViewFilters
    focus: int | None
    zoom: int | float | None


class GuideRing(TypedDict):
    label: str
    radius: float
    color: str


class GuideRegion(TypedDict):
    label: str
    angle: float
    radius: float


class Guides(TypedDict):
    """Tier rings and region names drawn behind the nodes; ``extent`` is half the side of the
    square that holds them."""

    extent: float
    rings: list[GuideRing]
    regions: list[GuideRegion]


class LegendSector(TypedDict):
    sector: str
    label: str
    color: str


class LegendTier(TypedDict):
    tier: str
    label: str
    color: str


class LegendKind(TypedDict):
    kind: str
    label: str
    shape: str
    color: str


class LegendEdge(TypedDict):
    kind: str
    label: str
    color: str
    width: float
    arrows: NotRequired[str]


class SizeLegend(TypedDict):
    metric: str
    label: str
    min: int | float
    max: int | float


class Severity(TypedDict):
    severity: Literal["gap", "risk", "note"]
    label: str
    color: str


class GapsLegend(TypedDict):
    """``groups``: how many nodes have findings; ``border_width`` of their border."""

    groups: int
    border_width: float
    severities: list[Severity]


class Legend(TypedDict):
    sectors: list[LegendSector]
    tiers: list[LegendTier]
    kinds: list[LegendKind]
    edges: list[LegendEdge]
    rings: list[str]
    size: SizeLegend | None
    gaps: GapsLegend | None


class IndicatorInfo(TypedDict):
    """An indicator: its id in the source (Sotkanet's number), its title in the page's
    language and the decimals its values are shown with."""

    id: str
    label: str
    decimals: int


class Indicators(TypedDict):
    """Municipal indicators for the side panels of local groups and municipalities: per
    indicator and year the county median (over the roster's municipalities), per municipality
    the values, and the source and licence line shown with them."""

    years: list[int]
    indicators: list[IndicatorInfo]
    median: list[list[float | None]]
    series: Table[IndicatorRow]
    attribution: str


class Payload(TypedDict):
    """The data of one map page, and nothing else (no node attribute that is not shown).

    ``fold_persons_from``: the page draws every person the filters leave while that keeps the
    nodes it draws under this number; beyond (a national map), persons are folded into their
    groups and come in for the selected group or organisation (``verkosto/web/persons.js``).
    The side panel, the search and the list view know every person all the same."""

    schema_version: Literal[2]
    lang: Literal["fi", "en"]
    season: str | None
    source: str | None
    fold_persons_from: int
    looks: Table[LookRow]
    nodes: Table[NodeRow]
    node_ids: dict[str, str]  # by node index: the ids that are not "<kind>:<label>"
    edge_styles: Table[EdgeStyleRow]
    edges: Table[EdgeRow]
    legend: Legend
    guides: Guides | None
    facets: list[Facet]
    roles: list[str]
    memberships: Table[MembershipRow]
    representations: Table[RepresentationRow]
    employers: Table[EmployerRow]
    parents: Table[ParentRow]
    meetings: Table[MeetingRow]
    metrics: Metrics | None
    findings: Table[FindingRow] | None
    indicators: Indicators | None
    changes: NotRequired[Changes]
    notes: Table[NoteRow] | None
    views: list[View]
    services: NotRequired[Table[ServiceRow]]  # only for a roster with a Services sheet
    suggestions: NotRequired[Table[SuggestionRow]]  # the same


# --- JSON Schema -----------------------------------------------------------------------------

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _is_row(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _is_typed_dict(tp) -> bool:
    return isinstance(tp, type) and typing.is_typeddict(tp)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}

    def ref(self, name: str, make) -> dict:
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: a definition may refer to itself
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def of(self, tp) -> dict:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if tp in _SCALARS:
            return {"type": _SCALARS[tp]}
        if origin is Literal:
            return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            scalars = [a for a in args if a in _SCALARS]
            if len(scalars) == len(args):
                return {"type": [_SCALARS[a] for a in args]}
            return {"anyOf": [self.of(a) for a in args]}
        if origin is list:
            return {"type": "array", "items": self.of(args[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if origin is Table:
            row = args[0]
            return self.ref(f"{row.__name__.removesuffix('Row')}Table", lambda: self._table(row))
        if _is_row(tp):
            return self.ref(tp.__name__.removesuffix("Row"), lambda: self._row(tp))
        if _is_typed_dict(tp):
            return self.ref(tp.__name__, lambda: self._object(tp))
        raise TypeError(f"no JSON Schema for {tp!r}")

    def _described(self, tp, schema: dict) -> dict:
        doc = (tp.__doc__ or "").strip()
        # NamedTuple and TypedDict invent docstrings for classes without one.
        if doc and not doc.startswith(f"{tp.__name__}("):
            schema = {"description": " ".join(doc.split()), **schema}
        return schema

    def _object(self, tp) -> dict:
        hints = typing.get_type_hints(tp)
        return self._described(
            tp,
            {
                "type": "object",
                "properties": {name: self.of(hint) for name, hint in hints.items()},
                "required": [name for name in hints if name in tp.__required_keys__],
                "additionalProperties": False,
            },
        )

    def _row(self, tp) -> dict:
        hints = typing.get_type_hints(tp)
        return self._described(
            tp,
            {
                "type": "array",
                "prefixItems": [self.of(hints[name]) for name in tp._fields],
                "items": False,
                "minItems": len(tp._fields),
            },
        )

    def _table(self, row) -> dict:
        return {
            "type": "object",
            "properties": {
                "columns": {"const": list(row._fields)},
                "rows": {"type": "array", "items": self.of(row)},
            },
            "required": ["columns", "rows"],
            "additionalProperties": False,
        }


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of :class:`Payload`, generated from the definitions above.

    Examples
    --------
    >>> schema = json_schema()
    >>> schema["$defs"]["NodeTable"]["properties"]["columns"]["const"][:3]
    ['label', 'look', 'x']
    >>> schema["properties"]["schema_version"]
    {'const': 2}
    """
    builder = _Builder()
    root = builder._object(Payload)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://verkosto.invalid/map-payload/v{SCHEMA_VERSION}.json",
        "title": "verkosto map payload",
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def main() -> None:
    json.dump(json_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
