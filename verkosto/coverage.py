"""Coverage of the family centre: which sectors sit where, and the planners' rules checked against the roster.

The matrices count who is represented on each tier, in each group and in each municipality's
local steering group. The rules are the expectations of the regions' action plans — every
municipality has a local steering group, every group a contact person, chairs come from
several sectors … — written in a TOML file a planner can edit (``data/rules.toml`` ships the
defaults). :func:`check_rules` returns one finding per expectation not met:

- ``gap`` (katvealue): the expectation is not met;
- ``risk``: it is met by a single person (the link between two tiers hangs on one member);
- ``note``: the rule could not check anything — its scope selects no group, or a group has
  nothing to be checked against — so a rule that passes silently never means "all is well".

A sector is present in a group when a member represents an organisation of that sector there
(the member_of edge's ``organisation``, whose node carries the ``sector``).
"""

from __future__ import annotations

import functools
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import Message, VerkostoError
from .graph import node_id, nodes_of_kind
from .i18n import text
from .metrics import _group_key, _memberships, _parents
from .schema import SECTORS, TIER_ORDER, VOCABULARIES, aliases, fold

__all__ = [
    "Rule",
    "RulesError",
    "RULE_KINDS",
    "FINDING_COLUMNS",
    "default_rules_path",
    "load_rules",
    "check_rules",
    "sector_tier_matrix",
    "sector_group_matrix",
    "municipality_sector_matrix",
    "coverage_report",
    "gap_cells",
]

FINDING_COLUMNS = ["rule", "severity", "node", "subject", "missing", "params"]
GAP, RISK, NOTE = "gap", "risk", "note"


class RulesError(VerkostoError):
    """A rules file cannot be read or holds an invalid rule; the message names the file.

    ``rule`` is the rule the error concerns: its ``id``, or its number in the file (from 1)
    when it has no id.
    """

    def __init__(self, key: str, /, *, file: str, rule: str | int | None = None, **params: object):
        super().__init__(key, file=file, **params)
        self.rule = rule

    def location(self, lang: str) -> list[str]:
        where = super().location(lang)
        if isinstance(self.rule, int):
            where.append(text("rules.rule_number", lang, number=self.rule))
        elif self.rule is not None:
            where.append(text("rules.rule_id", lang, id=self.rule))
        return [": ".join(where)]


@dataclass(frozen=True)
class Rule:
    """One coverage expectation, as read from a ``[[rule]]`` table of a rules file.

    ``tiers`` and ``group_types`` (TOML keys ``tier`` and ``group_type``) select the groups
    the rule applies to — empty means all; ``sectors``, ``roles`` and ``min_sectors`` are the
    check's parameters. Values are canonical (``parish``, not ``seurakunta``).
    """

    id: str
    kind: str
    description_fi: str = ""
    description_en: str = ""
    tiers: tuple[str, ...] = ()
    group_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    min_sectors: int = 2
    enabled: bool = True

    def description(self, lang: str = "fi") -> str:
        return self.description_fi if lang == "fi" else self.description_en


# TOML key -> (Rule field, vocabulary of its values, or None for a number).
PARAMETERS = {
    "tier": ("tiers", "tier"),
    "group_type": ("group_types", "group_type"),
    "sectors": ("sectors", "sector"),
    "roles": ("roles", "role"),
    "min_sectors": ("min_sectors", None),
}

#: Check kind -> (parameters it takes with their defaults, parameters it requires).
RULE_KINDS: dict[str, tuple[dict[str, object], tuple[str, ...]]] = {
    "local_steering_group": ({"tier": ("local",), "group_type": ("steering_group",)}, ()),
    "sectors": ({"tier": (), "group_type": (), "sectors": ()}, ("sectors",)),
    "contact_person": ({"tier": (), "group_type": (), "roles": ("contact",)}, ()),
    "multi_sector_chairs": (
        {"tier": (), "group_type": (), "roles": ("chair", "vice_chair"), "min_sectors": 2},
        (),
    ),
    "tier_link": (
        {"tier": ("local", "regional"), "group_type": ("steering_group", "coordination_group")},
        (),
    ),
    "sectors_on_every_tier": ({"tier": (), "sectors": ()}, ("sectors",)),
    "meeting_place_coverage": ({"group_type": ("meeting_place_network",)}, ()),
}
COMMON_KEYS = ("id", "kind", "description_fi", "description_en", "enabled")


# ------------------------------------------------------------------------------ reading


def default_rules_path() -> Path:
    """The rules shipped with verkosto: ``verkosto/data/rules.toml`` in an installed wheel,
    ``data/rules.toml`` of the repository in a checkout."""
    package = Path(__file__).resolve().parent
    data = package / "data"
    if not data.is_dir():
        data = package.parent / "data"
    return data / "rules.toml"


def _values(where: dict, key: str, value, vocabulary: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise RulesError("rules.not_names", **where, option=key)
    table = aliases(vocabulary)
    result = []
    for item in items:
        canonical = table.get(fold(item))
        if canonical is None:
            raise RulesError(
                "rules.unknown_value",
                **where,
                vocabulary=Message(f"vocabulary.{vocabulary}"),
                value=item,
                option=key,
                allowed=tuple(VOCABULARIES[vocabulary]),
            )
        if canonical not in result:
            result.append(canonical)
    return tuple(result)


def _rule(source: str, number: int, table, seen: set[str]) -> Rule:
    where: dict = {"file": source, "rule": number}
    if not isinstance(table, dict):
        raise RulesError("rules.not_a_table", **where)
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RulesError("rules.missing_id", **where)
    where = {"file": source, "rule": rule_id}
    if rule_id in seen:
        raise RulesError("rules.duplicate_id", **where)
    kind = table.get("kind")
    if kind not in RULE_KINDS:
        problem = "rules.unknown_kind" if "kind" in table else "rules.missing_kind"
        raise RulesError(problem, **where, kind=kind, kinds=tuple(RULE_KINDS))
    defaults, required = RULE_KINDS[kind]
    for key in table:
        if key not in COMMON_KEYS and key not in defaults:
            allowed = (*COMMON_KEYS, *defaults)
            raise RulesError("rules.unknown_option", **where, option=key, kind=kind, allowed=allowed)
    for key in required:
        if key not in table:
            raise RulesError("rules.missing_option", **where, kind=kind, option=key)
    fields: dict[str, object] = {"id": rule_id, "kind": kind}
    for key in ("description_fi", "description_en"):
        if not isinstance(table.get(key, ""), str):
            raise RulesError("rules.not_text", **where, option=key)
        fields[key] = table.get(key, "")
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RulesError("rules.not_boolean", **where)
    fields["enabled"] = enabled
    for key, default in defaults.items():
        field, vocabulary = PARAMETERS[key]
        value = table.get(key, default)
        if key not in table:
            fields[field] = value
        elif vocabulary is None:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise RulesError("rules.not_whole_number", **where, option=key)
            fields[field] = value
        else:
            fields[field] = _values(where, key, value, vocabulary)
    return Rule(**fields)  # type: ignore[arg-type]  # each field checked above


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """Read a rules file (TOML): a list of ``[[rule]]`` tables.

    Parameters
    ----------
    path : str or Path, optional
        The file; by default the rules shipped with verkosto (:func:`default_rules_path`).

    Returns
    -------
    list of Rule
        In file order, disabled rules included (``enabled = false``).

    Raises
    ------
    RulesError
        When the file cannot be read, is not valid TOML or holds an invalid rule; the
        one-line message names the file, the rule and the problem.

    Examples
    --------
    >>> [rule.id for rule in load_rules()][:3]
    ['local-steering-group', 'local-sectors', 'regional-sectors']
    """
    path = Path(path) if path is not None else default_rules_path()
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError("file.not_found", file=source) from None
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError("rules.unreadable", file=source, error=type(err).__name__) from err
    except tomllib.TOMLDecodeError as err:
        raise RulesError("rules.not_toml", file=source, detail=" ".join(str(err).split())) from err
    for key in data:
        if key != "rule":
            raise RulesError("rules.unknown_top_level", file=source, option=key)
    tables = data.get("rule")
    if not isinstance(tables, list) or not tables:
        raise RulesError("rules.none", file=source)
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        rule = _rule(source, number, table, seen)
        seen.add(rule.id)
        rules.append(rule)
    return rules


# ------------------------------------------------------------------------------ context


class _Roster:
    """What the checks and matrices read from the graph, computed once."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.groups = sorted(nodes_of_kind(G, "group"), key=lambda g: _group_key(G, g))
        self.members = _memberships(G)

    @functools.cached_property
    def parents(self) -> dict[str, list[str]]:
        return _parents(self.G)

    def attr(self, group: str, key: str) -> str:
        return self.G.nodes[group].get(key) or ""

    def name(self, group: str) -> str:
        return self.G.nodes[group]["label"]

    def tiers(self) -> list[str]:
        present = {self.attr(g, "tier") for g in self.groups}
        return [t for t in TIER_ORDER if t in present]

    def select(self, rule: Rule) -> list[str]:
        return [
            g
            for g in self.groups
            if (not rule.tiers or self.attr(g, "tier") in rule.tiers)
            and (not rule.group_types or self.attr(g, "group_type") in rule.group_types)
        ]

    def sector_of(self, organisation: str) -> str:
        return self.G.nodes[node_id("organisation", organisation)].get("sector") or "other"

    def representation(self, group: str) -> list[tuple[str, str, str]]:
        """(person, organisation, sector) of each member of a group."""
        return [
            (p, d["organisation"], self.sector_of(d["organisation"]))
            for p, d in self.members.get(group, {}).items()
        ]

    def sectors(self, groups: list[str]) -> set[str]:
        return {sector for g in groups for _p, _o, sector in self.representation(g)}

    def member_municipality(self, person: str, data: dict) -> str:
        # The membership row's Kunta when the graph keeps it on the edge, else the person's
        # (the most frequent Kunta of their rows, which falls back to their organisation's).
        return data.get("municipality") or self.G.nodes[person].get("municipality") or ""

    def local_steering_groups(self) -> list[str]:
        return [
            g
            for g in self.groups
            if self.attr(g, "tier") == "local" and self.attr(g, "group_type") == "steering_group"
        ]


def _names(keys: dict[str, str]) -> list[str]:
    """Display names of folded keys, sorted."""
    return sorted(keys.values(), key=lambda name: (fold(name), name))


# ------------------------------------------------------------------------------- checks


class _Findings:
    """The findings of one rule as canonical rows (the words come at the edge:
    :func:`verkosto.present.finding_message`)."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.rows: list[dict] = []

    def add(self, severity: str, node: str | None, subject: str, missing, kind: str, **params) -> None:
        self.rows.append(
            {
                "rule": self.rule.id,
                "severity": severity,
                "node": node,
                "subject": subject,
                "missing": list(missing),
                "params": {"kind": kind, **params},
            }
        )


def _check_local_steering_group(r: _Roster, rule: Rule, out: _Findings) -> None:
    named: dict[str, str] = {}
    for group in r.groups:
        if r.attr(group, "municipality"):
            named.setdefault(fold(r.attr(group, "municipality")), r.attr(group, "municipality"))
    for group in r.groups:
        for person, data in r.members.get(group, {}).items():
            municipality = r.member_municipality(person, data)
            if municipality:
                named.setdefault(fold(municipality), municipality)
    covered = {fold(r.attr(g, "municipality")) for g in r.select(rule)}
    missing = {key: name for key, name in named.items() if key not in covered}
    for name in _names(missing):
        out.add(
            GAP, None, name, [], "local_steering_group", tiers=list(rule.tiers), group_types=list(rule.group_types)
        )


def _selected(r: _Roster, rule: Rule, out: _Findings) -> list[str]:
    """The rule's groups; a note when there are none (the rule then checks nothing)."""
    groups = r.select(rule)
    if not groups:
        out.add(NOTE, None, "", [], "empty_scope", tiers=list(rule.tiers), group_types=list(rule.group_types))
    return groups


def _check_sectors(r: _Roster, rule: Rule, out: _Findings) -> None:
    for group in _selected(r, rule, out):
        present = r.sectors([group])
        missing = [s for s in rule.sectors if s not in present]
        if missing:
            out.add(GAP, group, r.name(group), missing, "sectors")


def _check_contact_person(r: _Roster, rule: Rule, out: _Findings) -> None:
    wanted = set(rule.roles)
    for group in _selected(r, rule, out):
        if not any(
            wanted & set(d.get("roles") or (d.get("role"),)) for d in r.members.get(group, {}).values()
        ):
            out.add(GAP, group, r.name(group), [], "contact_person", roles=list(rule.roles))


def _check_multi_sector_chairs(r: _Roster, rule: Rule, out: _Findings) -> None:
    wanted = set(rule.roles)
    for group in _selected(r, rule, out):
        sectors = {
            r.sector_of(d["organisation"])
            for d in r.members.get(group, {}).values()
            if wanted & set(d.get("roles") or (d.get("role"),))
        }
        if not sectors:
            out.add(GAP, group, r.name(group), [], "no_chairs", roles=list(rule.roles))
        elif len(sectors) < rule.min_sectors:
            out.add(
                GAP,
                group,
                r.name(group),
                [],
                "few_sectors",
                roles=list(rule.roles),
                present=[s for s in SECTORS if s in sectors],
                min_sectors=rule.min_sectors,
            )


def _check_tier_link(r: _Roster, rule: Rule, out: _Findings) -> None:
    parents = r.parents
    for group in _selected(r, rule, out):
        above = parents.get(group)
        if not above:
            continue  # nothing above this group in the roster
        upper = set().union(*(r.members.get(p, {}) for p in above))
        linkers = set(r.members.get(group, {})) & upper
        names = [r.name(p) for p in above]
        if not linkers:
            out.add(GAP, group, r.name(group), [], "tier_link_gap", parents=names)
        elif len(linkers) == 1:
            out.add(RISK, group, r.name(group), [], "tier_link_risk", parents=names)


def _check_sectors_on_every_tier(r: _Roster, rule: Rule, out: _Findings) -> None:
    if not any(not rule.tiers or tier in rule.tiers for tier in r.tiers()):
        out.add(NOTE, None, "", [], "empty_scope", tiers=list(rule.tiers), group_types=[])
    for tier in r.tiers():
        if rule.tiers and tier not in rule.tiers:
            continue
        present = r.sectors([g for g in r.groups if r.attr(g, "tier") == tier])
        missing = [s for s in rule.sectors if s not in present]
        if missing:
            out.add(GAP, node_id("tier", tier), tier, missing, "sectors_on_every_tier")


def _check_meeting_place_coverage(r: _Roster, rule: Rule, out: _Findings) -> None:
    local = [g for g in r.local_steering_groups() if r.attr(g, "municipality")]
    for group in _selected(r, rule, out):
        # A network tied to a municipality or a region answers for that area only; a
        # provincial network answers for the whole province, whatever its Alue says (planners
        # write the province's name there, which is no region of the local groups).
        if r.attr(group, "municipality"):
            scope = [
                g for g in local if fold(r.attr(g, "municipality")) == fold(r.attr(group, "municipality"))
            ]
        elif r.attr(group, "region") and r.attr(group, "tier") != "provincial":
            scope = [g for g in local if fold(r.attr(g, "region")) == fold(r.attr(group, "region"))]
        else:
            scope = local
        expected = {fold(r.attr(g, "municipality")): r.attr(g, "municipality") for g in scope}
        if not expected:
            area = r.attr(group, "municipality") or r.attr(group, "region")
            out.add(NOTE, group, r.name(group), [], "nothing_expected", area=area)
            continue
        present = {fold(r.member_municipality(p, d)) for p, d in r.members.get(group, {}).items()}
        missing = _names({k: v for k, v in expected.items() if k not in present})
        if missing:
            out.add(GAP, group, r.name(group), missing, "meeting_place_coverage")


CHECKS = {
    "local_steering_group": _check_local_steering_group,
    "sectors": _check_sectors,
    "contact_person": _check_contact_person,
    "multi_sector_chairs": _check_multi_sector_chairs,
    "tier_link": _check_tier_link,
    "sectors_on_every_tier": _check_sectors_on_every_tier,
    "meeting_place_coverage": _check_meeting_place_coverage,
}


def check_rules(
    G: nx.MultiDiGraph,
    rules: Sequence[Rule] | str | Path | None = None,
) -> pd.DataFrame:
    """Check the coverage rules against a roster's graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.
    rules : list of Rule, or path of a rules file, optional
        By default the rules shipped with verkosto. Disabled rules are skipped.

    Returns
    -------
    DataFrame
        ``rule, severity, node, subject, missing, params``, one row per finding, in rule
        order, all canonical (no words: :func:`verkosto.present.finding_message` says a
        finding in Finnish or English).

        - ``severity``: ``gap`` (not met), ``risk`` (met by one person only) or ``note``
          (nothing could be checked: ``kind`` ``empty_scope`` when the rule selects no group,
          node None; ``nothing_expected`` when a meeting-place network has no local steering
          group with a municipality in its area, ``area`` its municipality or region);
        - ``node``: the graph node the finding is about — the group (``group:<name>``) or
          the tier (``tier:<tier>``) — or None for a municipality, which has no node;
        - ``subject``: the group's name, the municipality or the canonical tier, as in the
          roster;
        - ``missing``: the canonical sectors or the municipalities missing (else empty);
        - ``params``: what the words need: ``kind`` (which check found it: ``sectors``,
          ``no_chairs``, ``few_sectors``, ``tier_link_gap`` …) and, by kind, ``roles``,
          ``present`` (sectors), ``min_sectors``, ``parents`` (names of the groups above),
          ``tiers`` and ``group_types``.

    Notes
    -----
    What the checks read:

    - ``local_steering_group``: the municipalities named in the roster are the groups'
      municipalities and the members' municipalities (below); each needs a group of the
      rule's tier and type whose municipality it is.
    - ``sectors`` / ``sectors_on_every_tier``: sectors of the organisations members represent
      in the group / in any group of the tier (subject: the canonical tier).
    - ``contact_person`` / ``multi_sector_chairs``: the member's roles in that group
      (all of them, not only the first); a chair's sector is that of the organisation they
      represent in the group. A group with no chair at all is a gap.
    - ``tier_link``: members who also sit in the group(s) above, as in
      :func:`verkosto.metrics.tier_links` (several candidate groups above count together).
      None: gap; one: risk. Groups with nothing above them are not checked.
    - ``meeting_place_coverage``: a member's municipality is the municipality of the person
      node — the most frequent ``Kunta`` of their membership rows, where an empty cell
      stands for their organisation's municipality — or the membership's own municipality
      when the graph keeps it on the member_of edge. A network with a municipality or a
      region is expected to cover only the local steering groups of that area; a provincial
      network without a municipality covers every municipality's local steering group.

    Examples
    --------
    >>> import pandas as pd
    >>> from verkosto.graph import build_graph
    >>> from verkosto.load import Roster
    >>> m = pd.DataFrame([{"person_id": "Aino", "person": "Aino", "organisation": "Akaan kaupunki",
    ...     "sector": "municipality", "group": "Akaan ohjausryhmä", "tier": "local", "role": "chair",
    ...     "municipality": "Akaa", "region": "", "season": ""}])
    >>> g = pd.DataFrame([{"group": "Akaan ohjausryhmä", "tier": "local", "group_type": "steering_group",
    ...     "region": "", "municipality": "Akaa", "parent": "", "meetings": None}])
    >>> o = pd.DataFrame([{"organisation": "Akaan kaupunki", "sector": "municipality",
    ...     "municipality": "Akaa", "region": ""}])
    >>> c = pd.DataFrame(columns=["source", "target", "source_kind", "target_kind", "type", "weight"])
    >>> findings = check_rules(build_graph(Roster(m, g, o, c)))
    >>> findings[["rule", "severity", "node", "missing"]].values.tolist()[:2]
    [['local-sectors', 'gap', 'group:Akaan ohjausryhmä', ['wellbeing_county', 'parish', 'ngo']], ['regional-sectors', 'note', None, []]]
    >>> findings["params"].iloc[1]
    {'kind': 'empty_scope', 'tiers': ['regional'], 'group_types': ['coordination_group']}
    >>> findings.loc[findings["rule"] == "contact-person", "params"].iloc[0]
    {'kind': 'contact_person', 'roles': ['contact']}
    """
    return _check(_Roster(G), rules)


def _check(r: _Roster, rules) -> pd.DataFrame:
    if rules is None or isinstance(rules, (str, Path)):
        rules = load_rules(rules)
    rows = []
    for rule in rules:
        if not rule.enabled:
            continue
        out = _Findings(rule)
        CHECKS[rule.kind](r, rule, out)
        rows.extend(out.rows)
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    frame["node"] = frame["node"].astype(object).where(frame["node"].notna(), None)  # None, not NaN, as documented
    return frame


# ----------------------------------------------------------------------------- matrices


def _check_count(count: str) -> None:
    if count not in ("organisations", "persons"):
        raise ValueError(f"unknown count '{count}'; choose organisations or persons")


def _matrix(
    cells: dict, rows: list[str], columns: list[str], row_name: str, column_name: str
) -> pd.DataFrame:
    data = [[len(cells.get((row, column), ())) for column in columns] for row in rows]
    return pd.DataFrame(
        data,
        index=pd.Index(rows, name=row_name),
        columns=pd.Index(columns, name=column_name),
        dtype="int64",
    )


def sector_tier_matrix(G: nx.MultiDiGraph, *, count: str = "organisations") -> pd.DataFrame:
    """How many organisations (or persons) of each sector sit on each tier.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from :func:`~verkosto.graph.build_graph`.
    count : {"organisations", "persons"}
        Count distinct organisations represented in the tier's groups, or distinct persons
        (a person is counted under the sector of each organisation they represent there).

    Returns
    -------
    DataFrame
        Rows: every canonical sector, in schema order (index ``sector``); columns: the tiers
        present, provincial first (``tier``); integer counts.
    """
    return _sector_tier(_Roster(G), count)


def _sector_tier(r: _Roster, count: str = "organisations") -> pd.DataFrame:
    _check_count(count)
    cells = defaultdict(set)
    for group in r.groups:
        for person, organisation, sector in r.representation(group):
            cells[(sector, r.attr(group, "tier"))].add(organisation if count == "organisations" else person)
    return _matrix(cells, list(SECTORS), r.tiers(), "sector", "tier")


def sector_group_matrix(G: nx.MultiDiGraph, *, count: str = "organisations") -> pd.DataFrame:
    """How many organisations (or persons) of each sector sit in each group.

    Rows: every canonical sector in schema order; columns: group names ordered by tier
    (provincial first), then name. See :func:`sector_tier_matrix` for ``count``.
    """
    return _sector_group(_Roster(G), count)


def _sector_group(r: _Roster, count: str = "organisations") -> pd.DataFrame:
    _check_count(count)
    cells = defaultdict(set)
    for group in r.groups:
        for person, organisation, sector in r.representation(group):
            cells[(sector, r.name(group))].add(organisation if count == "organisations" else person)
    return _matrix(cells, list(SECTORS), [r.name(g) for g in r.groups], "sector", "group")


def municipality_sector_matrix(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Organisations of each sector in each municipality's local steering group(s).

    Rows: the municipalities of the local steering groups (the group's name when it has no
    municipality), sorted; columns: every canonical sector in schema order; values: distinct
    organisations represented.
    """
    return _municipality_sector(_Roster(G))


def _municipality_sector(r: _Roster) -> pd.DataFrame:
    cells = defaultdict(set)
    rows: dict[str, str] = {}
    for group in r.local_steering_groups():
        municipality = r.attr(group, "municipality") or r.name(group)
        municipality = rows.setdefault(fold(municipality), municipality)
        for _person, organisation, sector in r.representation(group):
            cells[(municipality, sector)].add(organisation)
    return _matrix(cells, _names(rows), list(SECTORS), "municipality", "sector")


def coverage_report(
    G: nx.MultiDiGraph,
    rules: Sequence[Rule] | str | Path | None = None,
) -> dict:
    """Everything the coverage report shows: the three matrices and the rule findings.

    Returns
    -------
    dict
        ``{"matrices": {"sector_tier": ..., "sector_group": ..., "municipality_sector": ...},
        "findings": DataFrame}`` — matrices count organisations; findings as
        :func:`check_rules`. The roster is read from the graph once for all four.
    """
    r = _Roster(G)
    return {
        "matrices": {
            "sector_tier": _sector_tier(r),
            "sector_group": _sector_group(r),
            "municipality_sector": _municipality_sector(r),
        },
        "findings": _check(r, rules),
    }


def gap_cells(findings: pd.DataFrame | None) -> dict[str, set[tuple[str, str]]]:
    """The cells of the coverage matrices that a rule finds to be gaps: ``{matrix: {(sector, column)}}``.

    A finding of a group's sectors (``params.kind == "sectors"``, ``node`` ``group:<name>``)
    names cells of ``sector_group``; one of a tier's sectors (``sectors_on_every_tier``,
    ``node`` ``tier:<tier>``) cells of ``sector_tier``; each missing sector is one cell.
    Other findings (contact persons, chairs, tier links) name no cell.

    >>> f = pd.DataFrame([{"node": "group:Akaa", "subject": "Akaa", "missing": ["parish", "kela"],
    ...                    "params": {"kind": "sectors"}},
    ...                   {"node": "tier:local", "subject": "local", "missing": ["kela"],
    ...                    "params": {"kind": "sectors_on_every_tier"}}])
    >>> {k: sorted(v) for k, v in gap_cells(f).items()}
    {'sector_tier': [('kela', 'local')], 'sector_group': [('kela', 'Akaa'), ('parish', 'Akaa')]}
    """
    cells: dict[str, set[tuple[str, str]]] = {"sector_tier": set(), "sector_group": set()}
    if findings is None or not len(findings):
        return cells
    for record in findings.to_dict("records"):
        kind = (record.get("params") or {}).get("kind")
        node = str(record.get("node") or "")
        missing = record.get("missing")
        missing = [] if missing is None or isinstance(missing, float) else [missing] if isinstance(missing, str) else missing
        if kind == "sectors":
            column, matrix = node.removeprefix("group:") if node.startswith("group:") else str(record.get("subject")), "sector_group"
        elif kind == "sectors_on_every_tier":
            column, matrix = node.removeprefix("tier:") if node.startswith("tier:") else str(record.get("subject")), "sector_tier"
        else:
            continue
        cells[matrix].update((str(sector), column) for sector in missing)
    return cells
