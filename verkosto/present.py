"""Canonical values as a person reads them: labels, finding messages and tables in Finnish or English.

The computation (:mod:`verkosto.metrics`, :mod:`verkosto.coverage`) returns canonical values
only — ``parish``, ``tier:local``, ``{"kind": "few_sectors", "present": [...]}``. Every view
(the report, the terminal tables, the map, the images) turns them into words here, with the
strings of the message catalogue (:mod:`verkosto.i18n`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from .i18n import catalogue, current_language, text
from .schema import SECTORS, TIERS, label

__all__ = [
    "broker_role_text",
    "broker_roles_guide",
    "column_label",
    "dominant_broker_role",
    "headers",
    "finding_message",
    "findings_table",
    "with_messages",
    "matrix_table",
    "rule_title",
    "severity_label",
    "translate",
]

# Columns holding canonical values of a vocabulary: shown with their human labels.
_VOCABULARY_COLUMNS = {"sector": "sector", "tier": "tier", "tiers": "tier", "group_type": "group_type", "role": "role"}


def column_label(name: str, lang: str | None = None) -> str:
    """The header of a canonical column, e.g. ``column_label("betweenness") == "Välillisyys"``;
    an unknown column keeps its name."""
    key = f"column.{name}"
    return text(key, lang) if key in catalogue() else name


def headers(lang: str | None = None) -> dict[str, str]:
    """Every known column's header in *lang*: ``{canonical column: header}``."""
    prefix = "column."
    return {key[len(prefix):]: text(key, lang) for key in catalogue() if key.startswith(prefix)}


def severity_label(severity: str, lang: str | None = None) -> str:
    """``gap`` → "Katvealue", ``risk`` → "Riski"; unknown values as they are."""
    key = f"severity.{severity}"
    return text(key, lang) if key in catalogue() else severity


def rule_title(rule_id: str, lang: str | None = None, rules: Sequence | None = None) -> str:
    """A rule's title: the catalogue's for the shipped rules, else the rule's own description
    from its rules file (``description_fi`` / ``description_en``), else its id."""
    key = f"rule_title.{rule_id}"
    if key in catalogue():
        return text(key, lang)
    for rule in rules or ():
        if rule.id == rule_id and rule.description(lang or current_language()):
            return rule.description(lang or current_language())
    return rule_id


def _list(value) -> list:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [value] if isinstance(value, str) else list(value)


def _labels(vocabulary: str, values, lang: str, joiner: str = ", ") -> str:
    return joiner.join(label(vocabulary, v, lang) for v in values)


def finding_message(finding: Mapping, lang: str | None = None) -> str:
    """One coverage finding (a row of :func:`verkosto.coverage.check_rules`) in words.

    Examples
    --------
    >>> finding_message({"subject": "Akaan ohjausryhmä", "missing": ["parish"],
    ...                  "params": {"kind": "sectors"}}, "fi")
    'Akaan ohjausryhmä: ei edustajaa sektorilta Seurakunta'
    >>> finding_message({"subject": "regional", "missing": ["parish", "ngo"],
    ...                  "params": {"kind": "sectors_on_every_tier"}}, "en")
    'Regional tier: no member from the sectors Parish, NGO'
    """
    lang = lang or current_language()
    params = dict(finding.get("params") or {})
    kind = params.pop("kind")
    missing = _list(finding.get("missing"))
    subject = str(finding.get("subject", ""))
    either = text("finding.word.or", lang)
    values: dict[str, object] = {"subject": subject}
    if kind in ("sectors", "sectors_on_every_tier"):
        values["sectorword"] = text("finding.word.sector_" + ("one" if len(missing) == 1 else "many"), lang)
        values["names"] = _labels("sector", missing, lang)
        if kind == "sectors_on_every_tier":
            values["subject"] = label("tier", subject, lang)
    elif kind == "meeting_place_coverage":
        values["municipalityword"] = text("finding.word.municipality_" + ("one" if len(missing) == 1 else "many"), lang)
        values["names"] = ", ".join(missing)
    elif kind in ("local_steering_group", "empty_scope"):
        tiers = _labels("tier", params.get("tiers", ()), lang, either).lower()
        types = _labels("group_type", params.get("group_types", ()), lang, either).lower()
        other = "finding.word.group" if kind == "local_steering_group" else "finding.word.all_groups"
        values["what"] = f"{tiers} {types}".strip() or text(other, lang)
    elif kind == "nothing_expected":
        values["area"] = params.get("area") or ""
        if not values["area"]:
            return text("finding.nothing_expected.no_area", lang, subject=subject)
    elif kind in ("contact_person", "no_chairs"):
        values["roles"] = _labels("role", params.get("roles", ()), lang, either)
    elif kind == "few_sectors":
        present = params.get("present", [])
        values.update(
            roles=_labels("role", params.get("roles", ()), lang, either).lower(),
            count=len(present),
            present=_labels("sector", present, lang),
            min=params.get("min_sectors"),
        )
    elif kind in ("tier_link_gap", "tier_link_risk"):
        values["parents"] = ", ".join(params.get("parents", ()))
    return text(f"finding.{kind}", lang, **values)


def with_messages(findings: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The canonical findings with one more column, ``message``: each finding in words."""
    lang = lang or current_language()
    return findings.assign(message=[finding_message(r, lang) for r in findings.to_dict("records")])


def findings_table(findings: pd.DataFrame, lang: str | None = None, rules: Sequence | None = None) -> pd.DataFrame:
    """Findings as a person reads them: ``rule`` (its title), ``severity``, ``subject``,
    ``missing`` and ``message`` in *lang*; gaps before risks, then in rule order."""
    lang = lang or current_language()
    records = findings.to_dict("records")
    rows = [
        {
            "rule": rule_title(r["rule"], lang, rules),
            "severity": severity_label(r["severity"], lang),
            "subject": label("tier", r["subject"], lang) if str(r.get("node") or "").startswith("tier:") else r["subject"],
            "missing": [label("sector", v, lang) if v in SECTORS else v for v in _list(r.get("missing"))],
            "message": finding_message(r, lang),
        }
        for r in records
    ]
    return pd.DataFrame(rows, columns=["rule", "severity", "subject", "missing", "message"])


def _scope(value: str, lang: str) -> str:
    kind, _, name = value.partition(":")
    if kind == "tier":
        name = label("tier", name, lang)
    return text(f"value.scope.{kind}", lang) + (f": {name}" if name else "")


def _label_value(vocabulary: str, value, lang: str):
    if isinstance(value, (list, tuple)):
        return [label(vocabulary, v, lang) for v in value]
    return label(vocabulary, value, lang) if isinstance(value, str) and value else value


def translate(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of a canonical table with its vocabulary values (sectors, tiers, group types,
    roles), node kinds, severities and scopes as a person reads them; headers stay canonical
    (see :func:`headers`)."""
    lang = lang or current_language()
    frame = frame.copy()
    for column, vocabulary in _VOCABULARY_COLUMNS.items():
        if column in frame:
            frame[column] = frame[column].map(lambda v, voc=vocabulary: _label_value(voc, v, lang))
    if "missing" in frame:  # sectors, or municipality names
        frame["missing"] = frame["missing"].map(
            lambda vs: [label("sector", v, lang) if v in SECTORS else v for v in _list(vs)]
        )
    if "kind" in frame:
        frame["kind"] = frame["kind"].map(lambda v: text(f"value.kind.{v}", lang) if f"value.kind.{v}" in catalogue() else v)
    if "severity" in frame:
        frame["severity"] = frame["severity"].map(lambda v: severity_label(v, lang))
    if "scope" in frame:
        frame["scope"] = frame["scope"].map(lambda v: _scope(v, lang))
    return frame


def matrix_table(matrix: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A coverage matrix with human labels; its corner reads e.g. 'Sektori \\ Taso'."""
    lang = lang or current_language()
    vocabularies = {name: vocab for vocab, names in (("sector", SECTORS), ("tier", TIERS)) for name in names}

    def human(value):
        return label(vocabularies[value], value, lang) if value in vocabularies else value

    renamed = matrix.rename(index=human, columns=human)
    renamed.index.name = (
        f"{column_label(str(matrix.index.name or ''), lang)} \\ {column_label(str(matrix.columns.name or ''), lang)}"
    )
    renamed.columns.name = None
    return renamed


# ------------------------------------------------------------------- brokerage roles

_BROKER_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
_CLASS_ATTRIBUTES = ("sector", "tier", "region", "municipality")


def dominant_broker_role(row: Mapping) -> str | None:
    """The role a node plays most beyond chance: of the roles it plays at all (count > 0), the one
    with the highest z-score; on a tie the larger count, then the order coordinator, itinerant,
    representative, gatekeeper, liaison. None when the node brokers nothing.

    *row* is a row of :func:`verkosto.metrics.brokerage_roles` (a mapping or a Series).

    >>> dominant_broker_role({"coordinator": 4, "coordinator_z": 0.5, "gatekeeper": 1,
    ...                       "gatekeeper_z": 2.1, "itinerant": 0, "itinerant_z": 3.0})
    'gatekeeper'
    """
    best, best_key = None, None
    for order, role in enumerate(_BROKER_ROLES):
        count = row.get(role) or 0
        if not count or (isinstance(count, float) and math.isnan(count)):
            continue
        z = row.get(f"{role}_z")
        z = -math.inf if z is None or (isinstance(z, float) and math.isnan(z)) else float(z)
        key = (z, count, -order)
        if best_key is None or key > best_key:
            best, best_key = role, key
    return best


def broker_role_text(row: Mapping, lang: str | None = None, *, by: str | None = None) -> str:
    """A node's dominant brokerage role in words, for the map's side panel; "" when it brokers nothing.

    *row* is a row of :func:`verkosto.metrics.brokerage_roles`; *by* (the classes: ``sector``,
    ``tier``, ``region`` or ``municipality``) is the one of those columns the row has, unless
    given. See :func:`dominant_broker_role` for which role is dominant.

    >>> row = {"sector": "ngo", "gatekeeper": 3, "gatekeeper_z": 2.4, "liaison": 1, "liaison_z": 0.2}
    >>> broker_role_text(row, "fi")
    'portinvartija sektorille Järjestö'
    >>> broker_role_text(row, "en")
    'gatekeeper for the sector NGO'
    >>> broker_role_text({"tier": "local", "itinerant": 2, "itinerant_z": 1.0}, "fi")
    'kiertävä välittäjä muiden tasojen ryhmille'
    """
    lang = lang or current_language()
    if by is None:
        by = next((c for c in _CLASS_ATTRIBUTES if c in row), None)
        if by is None:
            raise ValueError(f"the row has none of the columns {', '.join(_CLASS_ATTRIBUTES)}; give by=")
    role = dominant_broker_role(row)
    if role is None:
        return ""
    value = row.get(by) or ""
    if not value:
        name = text("brokerage.class.unknown", lang)
    elif by in ("sector", "tier"):
        name = label(by, value, lang)
    else:
        name = str(value)
    return text(f"brokerage.role_text.{role}.{by}", lang, name=name)


def broker_roles_guide(overall: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Each role explained, with the whole network's counts: the report's guide to the roles.

    *overall* is :func:`verkosto.metrics.brokerage_roles_overall`. Returns ``broker_role,
    explanation, observed, expected, z``: one row per role and the total, then a row
    explaining the expected count and the z-score. The explanations speak of sectors.
    """
    lang = lang or current_language()
    rows = [
        {
            "broker_role": text(f"column.{r.broker_role}", lang),
            "explanation": text(f"brokerage.explain.{r.broker_role}", lang),
            "observed": r.observed,
            "expected": r.expected,
            "z": r.z,
        }
        for r in overall.itertuples(index=False)
    ]
    rows.append(
        {
            "broker_role": text("brokerage.explain.z_title", lang),
            "explanation": text("brokerage.explain.z", lang),
            "observed": None,
            "expected": None,
            "z": None,
        }
    )
    frame = pd.DataFrame(rows, columns=["broker_role", "explanation", "observed", "expected", "z"])
    return frame.astype({"observed": "Int64"})  # counts stay whole numbers beside the empty cell
