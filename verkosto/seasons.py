"""Seasons compared: who joined and left, role changes, continuity risks, findings and key figures.

:func:`compare` joins two seasons' analyses (:func:`verkosto.analyse`) into a
:class:`Comparison`; :func:`trends` lines up the key figures (:func:`season_figures`) of any
number of seasons. Everything here is canonical — node ids, canonical roles, rule ids —
and the words are put to it at the edge (:func:`summary`, :func:`comparison_sheets`).

Identity across seasons
-----------------------
A person is the same person in two seasons when the loader gave both the same identity
(:attr:`verkosto.load.Roster.identities`: the e-mail when given, else the folded name),
else when the names fold to the same text. Organisations and groups are the same when their
names match with case, accents, dashes and spacing folded (:func:`match_key`), so
``Ylä-Pirkanmaan ryhmä`` and ``Ylä–Pirkanmaan ryhmä`` are one group. Likely renames (one
identity, two names), moves (one person, another organisation) and near-duplicate spellings
that were *not* joined are reported in :attr:`Comparison.warnings`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .analysis import Analysis
from .errors import Problem, VerkostoError
from .graph import nodes_of_kind
from .schema import TIER_ORDER, fold

__all__ = [
    "CHANGE_STATUSES",
    "Comparison",
    "change_graph",
    "compare",
    "season_inputs",
    "match_key",
    "season_figures",
    "trends",
    "LEADING_ROLES",
    "FIGURES",
]

#: A node's or an edge's change between two seasons, in the order the map lists them.
CHANGE_STATUSES = ("joined", "left", "stayed")
#: Roles whose holders a steering group follows from season to season.
LEADING_ROLES = ("chair", "vice_chair", "secretary", "coordinator", "contact")
#: Roles whose every holder changing is a continuity risk.
CONTINUITY_ROLES = ("chair", "contact")
#: The key figures of a scope, in the order they are shown.
FIGURES = (
    "persons",
    "organisations",
    "groups",
    "memberships",
    "collaboration_ties",
    "density",
    "degree_centralization",
    "groups_with_findings",
)
#: Two names this similar (difflib's ratio, after folding) are reported as near-duplicates.
NEAR_DUPLICATE = 0.88

_DASHES = re.compile(r"\s*[\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]\s*")


def match_key(name: object) -> str:
    """The key two seasons' organisation or group names are matched by.

    Case, accents, dashes (hyphen, en and em dash, minus) and spaces around them are folded.

    >>> match_key("Ylä-Pirkanmaan ryhmä") == match_key("ylä – pirkanmaan  RYHMÄ")
    True
    >>> match_key("Äetsän kunta")
    'aetsan kunta'
    """
    text = _DASHES.sub("-", fold(name))
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@dataclass
class Changes:
    """Nodes of one kind that joined, left or stayed; ids are graph node ids.

    ``stayed`` pairs the old id with the new one (they differ when a name was respelled).
    """

    joined: list[str]
    left: list[str]
    stayed: list[tuple[str, str]]

    def as_dict(self) -> dict:
        return {"joined": self.joined, "left": self.left, "stayed": len(self.stayed)}


@dataclass
class Comparison:
    """Two seasons compared (:func:`compare`). Tables are canonical.

    Attributes
    ----------
    seasons : tuple of str
        The old and the new season (the roster's file name when it names no season).
    persons, organisations, groups : Changes
    group_changes : DataFrame
        ``group, status, before, after, joined, left, stayed, turnover``: one row per group of
        either season (``group`` the new id, the old one for a group that left); ``turnover``
        the share of the old members who are gone (None for a group that joined).
    roles : DataFrame
        ``group, role, before, after``: groups of both seasons whose holders of a leading
        role (:data:`LEADING_ROLES`) changed; ``before`` old person ids, ``after`` new ones.
    risks : DataFrame
        ``risk, subject, nodes, params``: continuity risks — ``leaders_replaced`` (every
        chair or every contact person of a group changed), ``tier_link_lost`` (a group lost
        its last member who sits in the group above), ``broker_left`` (the only person linking
        two tiers, or the only member of a sector tied to another sector, left).
    findings : DataFrame
        ``status, rule, severity, node, subject, missing, params``: findings ``resolved``, ``new`` or
        ``persisting``, by rule and subject.
    figures : DataFrame
        ``scope, figure, before, after, change``.
    labels : dict
        Node id -> the name shown (pseudonyms when the seasons were pseudonymised).
    warnings : list of Problem
        Likely renames, moves and near-duplicate spellings.
    """

    seasons: tuple[str, str]
    persons: Changes
    organisations: Changes
    groups: Changes
    group_changes: pd.DataFrame
    roles: pd.DataFrame
    risks: pd.DataFrame
    findings: pd.DataFrame
    figures: pd.DataFrame
    labels: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    pseudonymized: bool = False

    def as_dict(self, *, all_scopes: bool = False) -> dict:
        """The comparison as plain data (``verkosto compare --format json``)."""
        figures = self.figures if all_scopes else self.figures[self.figures["scope"] == "overall"]
        return {
            "seasons": list(self.seasons),
            "persons": self.persons.as_dict(),
            "organisations": self.organisations.as_dict(),
            "groups": self.groups.as_dict(),
            "group_changes": _records(self.group_changes),
            "roles": _records(self.roles),
            "risks": _records(self.risks),
            "findings": {
                status: _records(self.findings[self.findings["status"] == status].drop(columns="status"))
                for status in ("resolved", "new", "persisting")
            },
            "figures": _records(figures.drop(columns="scope") if not all_scopes else figures),
            "labels": dict(sorted(self.labels.items())),
            "pseudonymized": self.pseudonymized,
        }


def _records(frame: pd.DataFrame) -> list[dict]:
    rows = frame.to_dict("records")
    for row in rows:
        for name, value in row.items():
            if isinstance(value, tuple):
                row[name] = list(value)
            elif isinstance(value, float) and value != value:
                row[name] = None
    return rows


# --------------------------------------------------------------------------- identity


def _season_name(analysis: Analysis) -> str:
    return analysis.season or analysis.source


def _identities(analysis: Analysis) -> dict[str, str]:
    """Person node -> its season-stable identity."""
    known = analysis.roster.identities if analysis.roster is not None else {}
    G = analysis.graph
    result = {}
    for node in nodes_of_kind(G, "person"):
        person_id = node.partition(":")[2]
        result[node] = known.get(person_id) or "name:" + fold(G.nodes[node]["label"])
    return result


def _name_key(G, node: str) -> str:
    return fold(G.nodes[node]["label"])


def _match_persons(old: Analysis, new: Analysis, warnings: list[Problem]) -> dict[str, str]:
    """Old person node -> new person node, for the persons of both seasons."""
    before, after = _identities(old), _identities(new)
    by_identity = {identity: node for node, identity in after.items()}
    pairs = {o: by_identity[i] for o, i in before.items() if i in by_identity}
    # No common identity (an e-mail given in one season only): the same name is the same person.
    taken = set(pairs.values())
    free = defaultdict(list)
    for node in after:
        if node not in taken:
            free[_name_key(new.graph, node)].append(node)
    for node in before:
        if node not in pairs and len(free.get(_name_key(old.graph, node), ())) == 1:
            pairs[node] = free.pop(_name_key(old.graph, node))[0]
    for o, n in sorted(pairs.items()):
        old_name, new_name = old.graph.nodes[o]["label"], new.graph.nodes[n]["label"]
        if fold(old_name) != fold(new_name):
            warnings.append(_warning("season.warning.renamed", before=old_name, after=new_name))
        old_orgs, new_orgs = _organisations_of(old.graph, o), _organisations_of(new.graph, n)
        if old_orgs and new_orgs and not {match_key(x) for x in old_orgs} & {match_key(x) for x in new_orgs}:
            warnings.append(
                _warning("season.warning.moved", person=new_name, before=tuple(old_orgs), after=tuple(new_orgs))
            )
    return pairs


def _organisations_of(G, person: str) -> list[str]:
    return sorted({G.nodes[v]["label"] for _, v, key in G.out_edges(person, keys=True) if key == "works_for"})


def _match_named(old: Analysis, new: Analysis, kind: str, warnings: list[Problem]) -> dict[str, str]:
    """Old node -> new node of one kind (organisation, group), by :func:`match_key`."""
    after = {match_key(new.graph.nodes[n]["label"]): n for n in nodes_of_kind(new.graph, kind)}
    pairs = {}
    for node in nodes_of_kind(old.graph, kind):
        key = match_key(old.graph.nodes[node]["label"])
        if key in after:
            pairs[node] = after[key]
    left = sorted(set(nodes_of_kind(old.graph, kind)) - set(pairs))
    joined = sorted(set(nodes_of_kind(new.graph, kind)) - set(pairs.values()))
    for o in left:
        name = old.graph.nodes[o]["label"]
        close = difflib.get_close_matches(
            match_key(name), [match_key(new.graph.nodes[n]["label"]) for n in joined], n=1, cutoff=NEAR_DUPLICATE
        )
        if close:
            other = next(n for n in joined if match_key(new.graph.nodes[n]["label"]) == close[0])
            warnings.append(
                _warning(
                    f"season.warning.near_duplicate_{kind}", before=name, after=new.graph.nodes[other]["label"]
                )
            )
    return pairs


def _warning(key: str, **params) -> Problem:
    return Problem("warning", "", key, params)


def _changes(old_nodes, new_nodes, pairs: dict[str, str]) -> Changes:
    return Changes(
        joined=sorted(set(new_nodes) - set(pairs.values())),
        left=sorted(set(old_nodes) - set(pairs)),
        stayed=sorted(pairs.items()),
    )


# ----------------------------------------------------------------------------- groups


def _holders(G) -> dict[str, dict[str, set[str]]]:
    """Group -> role -> person nodes holding it (every role of a membership counts)."""
    result: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for u, v, key, data in G.edges(keys=True, data=True):
        if key == "member_of":
            for role in data.get("roles") or (data.get("role"),):
                result[v][role].add(u)
    return result


def _members(G) -> dict[str, set[str]]:
    result: dict[str, set[str]] = defaultdict(set)
    for u, v, key in G.edges(keys=True):
        if key == "member_of":
            result[v].add(u)
    return result


def _group_changes(old, new, groups: Changes, persons: dict[str, str]):
    before, after = _members(old.graph), _members(new.graph)
    rows = []
    for o, n in groups.stayed:
        was, now = before.get(o, set()), after.get(n, set())
        stayed = {persons[p] for p in was if p in persons} & now
        gone = len(was) - len(stayed)
        rows.append(
            {"group": n, "status": "stayed", "before": len(was), "after": len(now), "joined": len(now - stayed),
             "left": gone, "stayed": len(stayed), "turnover": gone / len(was) if was else None}
        )
    for n in groups.joined:
        now = after.get(n, set())
        rows.append({"group": n, "status": "joined", "before": 0, "after": len(now), "joined": len(now),
                     "left": 0, "stayed": 0, "turnover": None})
    for o in groups.left:
        was = before.get(o, set())
        rows.append({"group": o, "status": "left", "before": len(was), "after": 0, "joined": 0,
                     "left": len(was), "stayed": 0, "turnover": 1.0 if was else None})
    columns = ["group", "status", "before", "after", "joined", "left", "stayed", "turnover"]
    return pd.DataFrame(rows, columns=columns).sort_values("group", kind="mergesort").reset_index(drop=True)


def _role_changes(old, new, groups: Changes, persons: dict[str, str]):
    before, after = _holders(old.graph), _holders(new.graph)
    rows, replaced = [], []
    for o, n in groups.stayed:
        for role in LEADING_ROLES:
            was, now = before.get(o, {}).get(role, set()), after.get(n, {}).get(role, set())
            if {persons.get(p, p) for p in was} != now:
                rows.append({"group": n, "role": role, "before": sorted(was), "after": sorted(now)})
                if role in CONTINUITY_ROLES and was and not {persons.get(p) for p in was} & now:
                    replaced.append((n, role, sorted(was), sorted(now)))
    frame = pd.DataFrame(rows, columns=["group", "role", "before", "after"])
    return frame, replaced


# ------------------------------------------------------------------------------ risks


def _tier_link_keys(analysis: Analysis) -> dict[tuple[str, str], int]:
    links = analysis.tier_links
    return {
        (match_key(g), match_key(p)): int(n)
        for g, p, n in zip(links["group"], links["parent_group"], links["n_linkers"])
    }


def _tier_brokers(G) -> dict[tuple[str, str], set[str]]:
    """Pair of tiers -> persons who sit in groups of both."""
    tiers_of: dict[str, set[str]] = defaultdict(set)
    for u, v, key in G.edges(keys=True):
        if key == "member_of":
            tiers_of[u].add(G.nodes[v]["tier"])
    result: dict[tuple[str, str], set[str]] = defaultdict(set)
    order = {t: i for i, t in enumerate(TIER_ORDER)}
    for person, tiers in tiers_of.items():
        ranked = sorted(tiers, key=lambda t: order.get(t, len(order)))
        for i, a in enumerate(ranked):
            for b in ranked[i + 1:]:
                result[(a, b)].add(person)
    return result


def _sector_brokers(analysis: Analysis) -> dict[tuple[str, str], set[str]]:
    """(sector A, sector B) -> the members of sector A who share a group with someone of sector B."""
    P = analysis.network("persons")
    G = analysis.graph
    result: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v in P.edges():
        a, b = G.nodes[u].get("sector"), G.nodes[v].get("sector")
        if a and b and a != b:
            result[(a, b)].add(u)
            result[(b, a)].add(v)
    return result


def _risks(old, new, groups: Changes, persons: Changes, replaced) -> pd.DataFrame:
    rows = []
    for group, role, was, now in replaced:
        rows.append({"risk": "leaders_replaced", "subject": group, "nodes": was,
                     "params": {"role": role, "after": now}})
    before, after = _tier_link_keys(old), _tier_link_keys(new)
    names = {match_key(new.graph.nodes[n]["label"]): n for n in nodes_of_kind(new.graph, "group")}
    for (group, parent), count in sorted(before.items()):
        if count > 0 and after.get((group, parent)) == 0:
            rows.append({"risk": "tier_link_lost", "subject": names[group], "nodes": [],
                         "params": {"parent": names[parent], "before": count}})
    left = set(persons.left)
    for (a, b), brokers in sorted(_tier_brokers(old.graph).items()):
        if len(brokers) == 1 and brokers <= left:
            rows.append({"risk": "broker_left", "subject": f"tier:{a}", "nodes": sorted(brokers),
                         "params": {"between": "tiers", "first": a, "second": b}})
    for (a, b), brokers in sorted(_sector_brokers(old).items()):
        if len(brokers) == 1 and brokers <= left:
            rows.append({"risk": "broker_left", "subject": f"sector:{a}", "nodes": sorted(brokers),
                         "params": {"between": "sectors", "first": a, "second": b}})
    return pd.DataFrame(rows, columns=["risk", "subject", "nodes", "params"])


# --------------------------------------------------------------------------- findings


def _findings(old: Analysis, new: Analysis) -> pd.DataFrame:
    def keyed(frame):
        # Notes say a rule could not check, not that the network lacks something: not compared.
        return {(r["rule"], match_key(r["subject"])): r for r in frame.to_dict("records") if r["severity"] != "note"}

    before, after = keyed(old.findings), keyed(new.findings)
    rows = []
    for status, keys, source in (
        ("resolved", sorted(before.keys() - after.keys()), before),
        ("new", sorted(after.keys() - before.keys()), after),
        ("persisting", sorted(before.keys() & after.keys()), after),
    ):
        for key in keys:
            r = source[key]
            rows.append({"status": status, "rule": r["rule"], "severity": r["severity"], "node": r["node"],
                         "subject": r["subject"], "missing": list(r["missing"] or []), "params": r["params"]})
    return pd.DataFrame(rows, columns=["status", "rule", "severity", "node", "subject", "missing", "params"])


# ---------------------------------------------------------------------------- figures


def season_figures(analysis: Analysis) -> pd.DataFrame:
    """The key figures of one season: ``scope, figure, value``.

    Scopes are those of :attr:`Analysis.indicators` (``overall``, ``tier:<tier>``,
    ``region:<name>``); figures are :data:`FIGURES` — ``groups_with_findings`` is the share
    of the scope's groups with at least one rule finding — and, for ``overall``, the
    organisations and the persons of each sector (``organisations:<sector>``,
    ``persons:<sector>``).
    """
    G = analysis.graph
    findings = analysis.findings
    with_findings = {n for n in findings.loc[findings["severity"] != "note", "node"] if str(n).startswith("group:")}
    groups = nodes_of_kind(G, "group")
    rows: list[dict] = []
    for record in analysis.indicators.to_dict("records"):
        scope = record["scope"]
        kind, _, name = scope.partition(":")
        in_scope = [g for g in groups if kind == "overall" or G.nodes[g].get(kind) == name]
        share = sum(g in with_findings for g in in_scope) / len(in_scope) if in_scope else 0.0
        values = {**record, "groups_with_findings": share}
        rows.extend({"scope": scope, "figure": f, "value": float(values[f])} for f in FIGURES)
        if scope == "overall":
            for what in ("organisations", "persons"):
                counts = pd.Series([G.nodes[n].get("sector") or "other" for n in nodes_of_kind(G, what[:-1])])
                for sector, count in sorted(counts.value_counts().items()):
                    rows.append({"scope": scope, "figure": f"{what}:{sector}", "value": float(count)})
    return pd.DataFrame(rows, columns=["scope", "figure", "value"])


def _figures(old: Analysis, new: Analysis) -> pd.DataFrame:
    a = season_figures(old).rename(columns={"value": "before"})
    b = season_figures(new).rename(columns={"value": "after"})
    frame = a.merge(b, on=["scope", "figure"], how="outer", sort=False)
    order = {key: i for i, key in enumerate(list(zip(b["scope"], b["figure"])) + list(zip(a["scope"], a["figure"])))}
    frame["_order"] = [order[k] for k in zip(frame["scope"], frame["figure"])]
    frame = frame.sort_values("_order", kind="mergesort").drop(columns="_order").fillna(0.0)
    frame["change"] = frame["after"] - frame["before"]
    return frame.reset_index(drop=True)


def trends(analyses: list[Analysis]) -> pd.DataFrame:
    """The key figures of several seasons side by side: ``scope, figure`` and one column per
    season (its name, or its file name), in the order given; a figure a season lacks is 0."""
    frames = []
    for analysis in analyses:
        frame = season_figures(analysis).set_index(["scope", "figure"])["value"]
        frames.append(frame.rename(_season_name(analysis)))
    wide = pd.concat(frames, axis=1, sort=False).fillna(0.0)
    wide.index.names = ["scope", "figure"]
    return wide.reset_index()


# ---------------------------------------------------------------------------- compare


def compare(old: Analysis, new: Analysis) -> Comparison:
    """What changed between two seasons.

    Parameters
    ----------
    old, new : Analysis
        The two seasons (:func:`verkosto.analyse`); pseudonymise both with the same key for
        persons to keep their pseudonyms.

    Returns
    -------
    Comparison
    """
    warnings: list[Problem] = []
    person_pairs = _match_persons(old, new, warnings)
    organisation_pairs = _match_named(old, new, "organisation", warnings)
    group_pairs = _match_named(old, new, "group", warnings)
    persons = _changes(nodes_of_kind(old.graph, "person"), nodes_of_kind(new.graph, "person"), person_pairs)
    organisations = _changes(
        nodes_of_kind(old.graph, "organisation"), nodes_of_kind(new.graph, "organisation"), organisation_pairs
    )
    groups = _changes(nodes_of_kind(old.graph, "group"), nodes_of_kind(new.graph, "group"), group_pairs)
    roles, replaced = _role_changes(old, new, groups, person_pairs)
    labels = {}
    for G in (old.graph, new.graph):
        labels.update({n: d["label"] for n, d in G.nodes(data=True) if d.get("kind") != "tier"})
    return Comparison(
        seasons=(_season_name(old), _season_name(new)),
        persons=persons,
        organisations=organisations,
        groups=groups,
        group_changes=_group_changes(old, new, groups, person_pairs),
        roles=roles,
        risks=_risks(old, new, groups, persons, replaced),
        findings=_findings(old, new),
        figures=_figures(old, new),
        labels=labels,
        warnings=warnings,
        pseudonymized=old.pseudonymized and new.pseudonymized,
    )


def season_inputs(rosters, seasons, *, at_least: int = 2, at_most: int | None = None) -> list[tuple[Path, str | None]]:
    """The (roster file, season) of each season to read, in order.

    Several rosters: one season each (*seasons*, when given, names each roster's season in
    turn). One roster and several *seasons*: that roster's ``Kausi`` column, season by
    season. Nothing: the bundled example's seasons (the latest *at_most* of them).

    >>> [(p.name, s) for p, s in season_inputs(["a.xlsx"], ["2023-2024", "2024-2025"])]
    [('a.xlsx', '2023-2024'), ('a.xlsx', '2024-2025')]
    >>> [(p.name, s) for p, s in season_inputs(["a.xlsx", "b.xlsx"], [])]
    [('a.xlsx', None), ('b.xlsx', None)]
    """
    rosters, seasons = [Path(r) for r in rosters or ()], list(seasons or ())
    key = "season.error.two_seasons" if at_most == 2 else "season.error.trends_needs_seasons"
    if not rosters:
        from .example import SEASONS, example_path

        chosen = seasons or list(SEASONS[-at_most:] if at_most else SEASONS)
        inputs = [(example_path(s), s) for s in chosen]
    elif len(rosters) == 1:
        inputs = [(rosters[0], s) for s in seasons]
    elif seasons and len(seasons) != len(rosters):
        raise VerkostoError(key)
    else:
        inputs = list(zip(rosters, seasons or [None] * len(rosters)))
    if len(inputs) < at_least or (at_most is not None and len(inputs) > at_most):
        raise VerkostoError(key)
    return inputs


# ------------------------------------------------------------------------ the change graph


def change_graph(old: Analysis, new: Analysis, comparison: Comparison | None = None):
    """The union of two seasons' graphs, every node and edge marked with its ``change``.

    A node that stayed has its new id and the new season's attributes; a node that left keeps
    its old id and attributes (with `` (<old season>)`` added to its id in the rare case that a
    joining node took the same id). ``change`` is one of :data:`CHANGE_STATUSES`; tier nodes
    are ``stayed``. An edge stayed when both seasons have it between the same (matched) nodes.
    The graph's ``season`` reads ``old → new``; ``seasons`` holds the pair and ``old_ids`` maps
    every node id of the old season to its id in the union.

    Returns
    -------
    (networkx.MultiDiGraph, dict)
        The graph, and ``{new id: old id}`` for the nodes that stayed.
    """
    import networkx as nx

    comparison = comparison or compare(old, new)
    stayed = {
        o: n for changes in (comparison.persons, comparison.organisations, comparison.groups)
        for o, n in changes.stayed
    }
    stayed.update({t: t for t in nodes_of_kind(old.graph, "tier") if t in new.graph})
    U = nx.MultiDiGraph(season=" → ".join(comparison.seasons), seasons=comparison.seasons,
                        source=new.source, sources=(old.source, new.source))
    for node, data in new.graph.nodes(data=True):
        U.add_node(node, **data, change="stayed" if node in stayed.values() else "joined")
    union_id = dict(stayed)
    for node, data in old.graph.nodes(data=True):
        if node in union_id:
            continue
        target = node if node not in U else f"{node} ({comparison.seasons[0]})"
        union_id[node] = target
        U.add_node(target, **data, change="left")
    for u, v, key, data in new.graph.edges(keys=True, data=True):
        U.add_edge(u, v, key=key, **data, change="joined")
    for u, v, key, data in old.graph.edges(keys=True, data=True):
        a, b = union_id[u], union_id[v]
        if U.has_edge(a, b, key) and U.nodes[a]["change"] == "stayed" and U.nodes[b]["change"] == "stayed":
            U.edges[a, b, key]["change"] = "stayed"
        elif not U.has_edge(a, b, key):
            U.add_edge(a, b, key=key, **data, change="left")
    U.graph["old_ids"] = union_id  # old season's node id -> its id in the union
    return U, {n: o for o, n in stayed.items()}
