"""Kumu, both ways: the import workbook Kumu reads, and a Kumu workbook or JSON blueprint as a roster.

Kumu's spreadsheet import reads an *Elements* sheet (Label, Type, Description, Tags and any
further columns as fields) and a *Connections* sheet (From, To, Type and fields); a cell
with several values separates them with ``|``. :func:`write_kumu` writes the portable graph
so: each element's ``ID`` is its verkosto node id, and connections name their ends by it.
Field values are canonical (``ngo``, ``local``), as in every data export; the Description
is a sentence in the current language. Every cell is text or a number, never a formula.

:func:`read_kumu` goes back: a Kumu workbook (or a JSON blueprint export with ``elements``
and ``connections``) whose elements are of Type person, organisation or group (tiers are
accepted and dropped: a group's tier is its Tier field or its connection to a tier) becomes
a roster in format v1 (:func:`write_roster`, sheets Jäsenyydet, Ryhmät, Organisaatiot and
Yhteistyö). Connections between a person and a group are memberships (their Role, and the
Organisation the person represents there), person → organisation ``works_for`` names a
person's organisation, group → group ``reports_to`` a parent group and ``collaborates``
ties between persons and organisations are collaboration. What it could not use is
reported, never silently lost.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from ..errors import RosterError
from ..i18n import current_language, text
from ..schema import SHEETS, aliases, fold
from ..schema import label as vocabulary_label
from ._portable import LIST_SEPARATOR

__all__ = [
    "CONNECTION_COLUMNS",
    "ELEMENT_COLUMNS",
    "KumuImport",
    "import_kumu",
    "kumu_sheets",
    "read_kumu",
    "write_kumu",
    "write_roster",
]

#: Elements sheet: header -> portable node attribute (None: made here).
ELEMENT_COLUMNS = {
    "ID": None, "Label": "label", "Type": "kind", "Description": None, "Tags": None,
    "Sector": "sector", "Tier": "tier", "Region": "region", "Municipality": "municipality",
    "Group type": "group_type", "Organisation": "organisation", "Parent group": "parent",
    "Meetings": "meetings", "Seasons": "seasons",
    "Degree": "degree", "Weighted degree": "weighted_degree", "Betweenness": "betweenness",
    "Closeness": "closeness", "Eigenvector": "eigenvector",
}
#: Connections sheet: header -> portable edge attribute.
CONNECTION_COLUMNS = {
    "From": None, "To": None, "Type": "kind", "Role": "roles", "Organisation": "organisation",
    "Municipality": "municipality", "Collaboration type": "collaboration_type", "Weight": "weight",
    "Shared groups": "shared_groups", "Shared members": "shared_members", "Collaboration": "collaboration",
    "Seasons": "seasons",
}
_TAG_FIELDS = ("sector", "tier", "group_type")


# ------------------------------------------------------------------------------ writing


def _description(data: dict, lang: str) -> str:
    kind = data.get("kind")
    if kind == "person" and data.get("organisation"):
        return text("export.kumu.person", lang, organisation=data["organisation"])
    if kind == "organisation" and data.get("sector"):
        return text("export.kumu.organisation", lang, sector=vocabulary_label("sector", data["sector"], lang))
    if kind == "group" and data.get("tier"):
        kind_label = vocabulary_label("group_type", data.get("group_type", "other"), lang)
        return text("export.kumu.group", lang, type=kind_label, tier=vocabulary_label("tier", data["tier"], lang))
    return ""


def kumu_sheets(P: nx.Graph, *, lang: str | None = None) -> dict[str, pd.DataFrame]:
    """The Elements and Connections tables of a portable graph (:func:`verkosto.formats.portable_graph`)."""
    lang = lang or current_language()
    elements = []
    for node, data in P.nodes(data=True):
        row = {"ID": str(node), "Description": _description(data, lang),
               "Tags": LIST_SEPARATOR.join(data[f] for f in _TAG_FIELDS if data.get(f))}
        for header, name in ELEMENT_COLUMNS.items():
            if name is not None:
                row[header] = data.get(name)
        elements.append(row)
    connections = []
    edges = P.edges(keys=True, data=True) if P.is_multigraph() else ((u, v, None, d) for u, v, d in P.edges(data=True))
    for u, v, _key, data in edges:
        row = {"From": str(u), "To": str(v)}
        for header, name in CONNECTION_COLUMNS.items():
            if name is not None:
                row[header] = data.get(name)
        row["Type"] = row["Type"] or "tie"
        connections.append(row)
    frames = {"Elements": pd.DataFrame(elements, columns=list(ELEMENT_COLUMNS)),
              "Connections": pd.DataFrame(connections, columns=list(CONNECTION_COLUMNS))}
    # Columns no row fills (metrics of a tier-only graph, seasons of one season) are left out.
    return {name: frame.dropna(axis="columns", how="all") for name, frame in frames.items()}


def write_kumu(P: nx.Graph, path: str | Path, *, protect=(), lang: str | None = None) -> Path:
    """Write a portable graph as Kumu's import workbook (``.kumu.xlsx``)."""
    from ..export import Sheet, write_xlsx

    return write_xlsx(path, {name: Sheet(frame) for name, frame in kumu_sheets(P, lang=lang).items()},
                      protect=protect)


# ------------------------------------------------------------------------------ reading

# Accepted spellings of the headers (folded) -> canonical field. Kumu's own names first.
_ELEMENT_FIELDS = {
    "id": "id", "_id": "id", "label": "label", "type": "type", "element type": "type",
    "sector": "sector", "sektori": "sector", "tier": "tier", "taso": "tier",
    "region": "region", "alue": "region", "municipality": "municipality", "kunta": "municipality",
    "group type": "group_type", "ryhmätyyppi": "group_type", "organisation": "organisation",
    "organization": "organisation", "organisaatio": "organisation", "parent group": "parent",
    "yläryhmä": "parent", "meetings": "meetings", "kokoukset": "meetings",
}
_CONNECTION_FIELDS = {
    "from": "from", "to": "to", "type": "type", "connection type": "type", "role": "role",
    "rooli": "role", "organisation": "organisation", "organization": "organisation",
    "organisaatio": "organisation", "municipality": "municipality", "kunta": "municipality",
    "collaboration type": "collaboration_type", "weight": "weight", "strength": "weight",
    "vahvuus": "weight",
}
_KINDS = {
    "person": "person", "people": "person", "henkilö": "person", "organisation": "organisation",
    "organization": "organisation", "organisaatio": "organisation", "group": "group", "ryhmä": "group",
    "tier": "tier", "taso": "tier",
}
_COLLABORATION = {"collaborates", "collaboration", "yhteistyö"}


@dataclass
class _Sheet:
    name: str
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number, header -> text)


@dataclass
class KumuImport:
    """A Kumu map read as a roster: the four sheets' rows and what was used and left out.

    ``sheets`` maps a roster sheet name (Jäsenyydet, Ryhmät, Organisaatiot, Yhteistyö) to its
    rows (Finnish header -> text); ``mapped`` and ``dropped`` map the Kumu sheet names to the
    headers used and left out; ``skipped`` counts what could not be put in a roster.
    """

    sheets: dict[str, list[dict]]
    mapped: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


class _Reader:
    def __init__(self, path: Path):
        from ..load import _Reader as RosterReader

        self.path = path
        self.roster = RosterReader(path)

    def fail(self, key: str, /, *, sheet=None, row=None, column=None, **params) -> RosterError:
        self.roster.error(key, sheet=sheet, row=row, column=column, **params)
        return RosterError([p for p in self.roster.problems if p.severity == "error"])


def _cell(value: object) -> str:
    from ..schema import normalize_text

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalize_text(value)


def _workbook_sheets(reader: _Reader) -> dict[str, _Sheet]:
    from ..load import _read_workbook

    sheets = {}
    for name, (first_row, _first_col, grid) in _read_workbook(reader.roster).items():
        if not grid:
            continue
        headers = [_cell(h) for h in grid[0]]
        records = []
        for offset, row in enumerate(grid[1:], start=1):
            record = {h: _cell(v) for h, v in zip(headers, row) if h}
            if any(record.values()):
                records.append((first_row + offset, record))
        sheets[fold(name)] = _Sheet(name, [h for h in headers if h], records)
    return sheets


def _blueprint_sheets(reader: _Reader) -> dict[str, _Sheet]:
    try:
        doc = json.loads(reader.path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise reader.fail("kumu.bad_json", reason=str(err)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("elements"), list):
        raise reader.fail("kumu.no_elements")
    sheets = {}
    for name, ends in (("elements", ()), ("connections", ("from", "to"))):
        headers: dict[str, None] = {}
        records = []
        for number, item in enumerate(doc.get(name) or [], start=1):
            if not isinstance(item, dict):
                continue
            record = {}
            if "_id" in item:
                record["_id"] = _cell(item["_id"])
            for end in ends:
                record[end] = _cell(item.get(end))
            attributes = item.get("attributes")
            for key, value in (attributes.items() if isinstance(attributes, dict) else ()):
                record[str(key)] = _cell(value)
            headers.update(dict.fromkeys(record))
            records.append((number, record))
        sheets[name] = _Sheet(name, list(headers), records)
    return sheets


def _fields(sheet: _Sheet, known: dict[str, str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Header -> field for the headers known, and the lists of mapped and dropped headers."""
    columns = {h: known[fold(h)] for h in sheet.headers if fold(h) in known}
    return columns, [h for h in sheet.headers if h in columns], [h for h in sheet.headers if h not in columns]


def _canonical(reader, sheet, row, column, vocabulary: str, value: str) -> str:
    if not value:
        return ""
    canonical = aliases(vocabulary).get(fold(value))
    if canonical is None:
        from ..errors import Message
        from ..schema import VOCABULARIES

        raise reader.fail("roster.unknown_value", sheet=sheet, row=row, column=column,
                          vocabulary=Message(f"vocabulary.{vocabulary}"), value=value,
                          allowed=tuple(VOCABULARIES[vocabulary]))
    return vocabulary_label(vocabulary, canonical, "fi")


def read_kumu(path: str | Path) -> KumuImport:
    """Read a Kumu workbook (``.xlsx``) or JSON blueprint (``.json``) as the rows of a roster.

    Raises
    ------
    RosterError
        When the file cannot be read, an element's Type is not person, organisation, group
        or tier, a connection names an element that is not there, or a person, group or
        organisation lacks what a roster needs; the message names the sheet and row.
    """
    path = Path(path)
    reader = _Reader(path)
    if not path.is_file():
        raise reader.fail("file.not_found" if not path.exists() else "file.not_a_file")
    if path.suffix.lower() == ".json":
        sheets = _blueprint_sheets(reader)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = _workbook_sheets(reader)
    else:
        raise reader.fail("file.unsupported", suffix=path.suffix)
    elements_sheet = sheets.get("elements")
    if elements_sheet is None:
        raise reader.fail("kumu.no_elements")
    connections_sheet = sheets.get("connections") or _Sheet("Connections", [], [])
    result = KumuImport({})
    e_columns, result.mapped[elements_sheet.name], result.dropped[elements_sheet.name] = _fields(elements_sheet, _ELEMENT_FIELDS)
    c_columns, mapped, dropped = _fields(connections_sheet, _CONNECTION_FIELDS)
    if connections_sheet.headers:
        result.mapped[connections_sheet.name], result.dropped[connections_sheet.name] = mapped, dropped
    header_of = {f: h for h, f in e_columns.items()}
    if "label" not in header_of:
        raise reader.fail("kumu.no_column", sheet=elements_sheet.name, column="Label")

    # Elements, by their ID and by their label.
    elements: list[dict] = []
    by_key: dict[str, dict] = {}
    by_label: dict[str, list[dict]] = defaultdict(list)
    for row, record in elements_sheet.rows:
        values = {f: record.get(h, "") for h, f in e_columns.items()}
        if not values.get("label"):
            raise reader.fail("kumu.no_label", sheet=elements_sheet.name, row=row, column=header_of["label"])
        kind = _KINDS.get(fold(values.get("type", "")))
        if kind is None:
            raise reader.fail("kumu.unknown_type", sheet=elements_sheet.name, row=row,
                              column=header_of.get("type", "Type"), value=values.get("type", ""),
                              allowed=("person", "organisation", "group", "tier"))
        element = {**values, "kind": kind, "row": row, "roles": {}, "organisations": [], "tier_from": ""}
        elements.append(element)
        if values.get("id"):
            by_key[values["id"]] = element
        by_label[fold(values["label"])].append(element)

    def find(name: str, row: int, column: str) -> dict:
        if name in by_key:
            return by_key[name]
        found = by_label.get(fold(name), [])
        if len(found) == 1:
            return found[0]
        raise reader.fail("kumu.unknown_end" if not found else "kumu.ambiguous_end", sheet=connections_sheet.name,
                          row=row, column=column, name=name)

    c_header = {f: h for h, f in c_columns.items()}
    memberships: list[tuple[dict, dict, dict, int]] = []
    collaborations: list[dict] = []
    skipped_connections = 0
    for row, record in connections_sheet.rows:
        values = {f: record.get(h, "") for h, f in c_columns.items()}
        kind = fold(values.get("type", ""))
        # Kumu draws a connection to each of several elements in a cell, separated by "|".
        for source_name in _split(values.get("from", "")) or [""]:
            for target_name in _split(values.get("to", "")) or [""]:
                source = find(source_name, row, c_header.get("from", "From"))
                target = find(target_name, row, c_header.get("to", "To"))
                kinds = {source["kind"], target["kind"]}
                if kind in _COLLABORATION:
                    if kinds <= {"person", "organisation"}:
                        collaborations.append({"source": source, "target": target, "values": values, "row": row})
                    else:
                        skipped_connections += 1
                elif kinds == {"person", "group"}:
                    person, group = (source, target) if source["kind"] == "person" else (target, source)
                    memberships.append((person, group, values, row))
                elif source["kind"] == "person" and target["kind"] == "organisation":
                    source["organisations"].append(target["label"])
                elif source["kind"] == "group" and target["kind"] == "tier":
                    source["tier_from"] = target["label"]
                elif source["kind"] == "group" and target["kind"] == "group" and kind in ("reports_to", "reports to", ""):
                    source.setdefault("parent_from", target["label"])
                else:
                    skipped_connections += 1

    e_sheet = elements_sheet.name
    organisations = [e for e in elements if e["kind"] == "organisation"]
    groups = [e for e in elements if e["kind"] == "group"]
    org_rows, group_rows, membership_rows, collaboration_rows = [], [], [], []
    sector_of = {}
    for org in organisations:
        sector = _canonical(reader, e_sheet, org["row"], header_of.get("sector"), "sector", org.get("sector", ""))
        if not sector:
            raise reader.fail("kumu.no_sector", sheet=e_sheet, row=org["row"], name=org["label"])
        sector_of[org["label"]] = sector
        org_rows.append({"Organisaatio": org["label"], "Sektori": sector, "Kunta": org.get("municipality", ""),
                         "Alue": org.get("region", "")})
    tier_of = {}
    for group in groups:
        tier_text = group.get("tier") or _tier_text(group["tier_from"])
        tier = _canonical(reader, e_sheet, group["row"], header_of.get("tier"), "tier", tier_text)
        if not tier:
            raise reader.fail("kumu.no_tier", sheet=e_sheet, row=group["row"], name=group["label"])
        tier_of[group["label"]] = tier
        group_type = _canonical(reader, e_sheet, group["row"], header_of.get("group_type"), "group_type",
                                group.get("group_type", ""))
        group_rows.append({"Ryhmä": group["label"], "Taso": tier, "Tyyppi": group_type, "Alue": group.get("region", ""),
                           "Kunta": group.get("municipality", ""),
                           "Yläryhmä": group.get("parent") or group.get("parent_from", ""),
                           "Kokoukset": group.get("meetings", "")})
    seated = set()
    for person, group, values, row in memberships:
        organisation = values.get("organisation") or person.get("organisation") or (
            person["organisations"][0] if len(set(person["organisations"])) == 1 else "")
        if not organisation:
            raise reader.fail("kumu.no_organisation", sheet=e_sheet, row=person["row"], name=person["label"])
        sector = sector_of.get(organisation) or _canonical(
            reader, e_sheet, person["row"], header_of.get("sector"), "sector", person.get("sector", ""))
        if not sector:
            raise reader.fail("kumu.no_sector", sheet=e_sheet, row=person["row"], name=organisation)
        roles = [r.strip() for r in values.get("role", "").split(LIST_SEPARATOR) if r.strip()] or [""]
        for role in roles:
            membership_rows.append({
                "Henkilö": person["label"], "Organisaatio": organisation, "Sektori": sector,
                "Ryhmä": group["label"], "Taso": tier_of[group["label"]],
                "Rooli": _canonical(reader, connections_sheet.name, row, c_header.get("role"), "role", role),
                # A membership's own municipality when the connections tell it (even blank).
                "Kunta": values["municipality"] if "municipality" in values else person.get("municipality", ""),
                "Alue": person.get("region", ""),
            })
        seated.add(id(person))
    for tie in collaborations:
        values = tie["values"]
        collaboration_rows.append({
            "Lähde": tie["source"]["label"], "Kohde": tie["target"]["label"],
            "Tyyppi": ", ".join(t.strip() for t in values.get("collaboration_type", "").split(LIST_SEPARATOR) if t.strip()),
            "Vahvuus": values.get("weight", ""),
        })
    if not membership_rows and not collaboration_rows:
        raise reader.fail("kumu.nothing", sheet=connections_sheet.name)
    result.sheets = {
        "Jäsenyydet": membership_rows, "Ryhmät": group_rows, "Organisaatiot": org_rows, "Yhteistyö": collaboration_rows,
    }
    persons = [e for e in elements if e["kind"] == "person"]
    result.skipped = {
        "persons_without_group": sum(1 for p in persons if id(p) not in seated),
        "tiers": sum(1 for e in elements if e["kind"] == "tier"),
        "connections": skipped_connections,
    }
    return result


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _tier_text(tier_label: str) -> str:
    # A tier element's label is the tier's name in either language, or its id "tier:local".
    return tier_label.split(":", 1)[1] if tier_label.startswith("tier:") else tier_label


def write_roster(imported: KumuImport, path: str | Path, *, protect=()) -> Path:
    """Write the rows of :func:`read_kumu` as a roster workbook (format v1, Finnish headers)."""
    from ..export import write_xlsx

    frames = {}
    for spec in SHEETS.values():
        name = spec["names"][0]
        columns = [c.fi for c in spec["columns"] if c.key not in ("email", "season")]
        frames[name] = pd.DataFrame(imported.sheets.get(name, []), columns=columns)
    return write_xlsx(path, frames, protect=protect)


def import_kumu(path: str | Path, output: str | Path) -> KumuImport:
    """Convert a Kumu workbook or JSON blueprint into a roster workbook; returns what was mapped."""
    imported = read_kumu(path)
    write_roster(imported, output, protect=[path])
    return imported
