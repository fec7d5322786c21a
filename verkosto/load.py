"""Read and validate a roster (xlsx, xlsm, ods or CSV) into a :class:`Roster`."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import math
import re
import secrets
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pandas as pd

from ._perf import paused_gc
from .errors import Message, Problem, RosterError, column_letter
from .filecheck import check_workbook
from .names import name_key, near_duplicates
from .schema import SHEETS, VOCABULARIES, Column, aliases, fold, label, normalize_text

__all__ = ["WORKBOOK_SUFFIXES", "Roster", "load_roster", "validate_roster"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # line breaks inside a cell are fine
HEADER_SEARCH_ROWS = 20
# Columns whose text is shown in the map, the report and the tables: an e-mail address there
# would be published, so it is refused (addresses belong in Sähköposti, which is never shown).
NO_EMAIL = frozenset({"person", "organisation", "group", "municipality", "region", "parent", "source", "target", "type",
                      "season"})
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]{2,}")

# Group types recognised from a group's name when the Groups sheet does not give one.
TYPE_FROM_NAME = (
    ("ohjausryhm", "steering_group"),
    ("steering group", "steering_group"),
    ("koordinaatio", "coordination_group"),
    ("coordination", "coordination_group"),
    ("kohtaamispaik", "meeting_place_network"),
    ("meeting-place", "meeting_place_network"),
    ("meeting place", "meeting_place_network"),
    ("perheneuvo", "family_guidance_network"),
    ("family guidance", "family_guidance_network"),
    ("family-guidance", "family_guidance_network"),
    ("asiantuntijaverkosto", "expert_network"),
    ("expert network", "expert_network"),
    ("työryhmä", "working_group"),
    ("working group", "working_group"),
)

MEMBERSHIP_COLUMNS = ["person_id", "person", "organisation", "sector", "group", "tier", "role", "municipality", "region"]
SERVICE_COLUMNS = ["service", "organisation", "sector", "tasks", "client_groups", "municipalities", "level", "form", "place"]
ROLE_PRIORITY = ("chair", "vice_chair", "secretary", "coordinator", "contact", "member", "expert", "deputy")


@dataclass
class Roster:
    """A validated roster: typed tables with canonical column names and values.

    Attributes
    ----------
    memberships : DataFrame
        ``person_id, person, organisation, sector, group, tier, role, municipality, region,
        season`` — one row per person per group. E-mail addresses are used only to tell
        persons apart and are not kept.
    groups : DataFrame
        ``group, tier, group_type, region, municipality, parent, meetings`` — every group
        named anywhere in the roster.
    organisations : DataFrame
        ``organisation, sector, municipality, region`` — every organisation named anywhere.
    collaborations : DataFrame
        ``source, target, source_kind, target_kind, type, weight``; kinds are ``person`` or
        ``organisation``.
    source : str
        The roster's file name.
    season : str or None
    problems : list of Problem
        Warnings found while reading (errors raise :class:`RosterError` instead).
    identities : dict
        ``person_id -> identity``: an opaque code of the person's e-mail (else of the folded
        name), the same for the same person in every roster this process reads, so seasons
        can be joined (:mod:`verkosto.seasons`) without the e-mail leaving the loader. The
        code is keyed with a secret made anew in every process: it means nothing outside it
        and is never written out.
    services : DataFrame
        ``service, organisation, sector, tasks, client_groups, municipalities, level, form,
        place`` — one row per row of the Services sheet (format v1.1); tasks, client groups
        and municipalities are tuples of canonical ids and names (``kaikki`` spelled out).
        Empty when the roster has no Services sheet.
    """

    memberships: pd.DataFrame
    groups: pd.DataFrame
    organisations: pd.DataFrame
    collaborations: pd.DataFrame
    source: str = ""
    season: str | None = None
    problems: list[Problem] = field(default_factory=list)
    identities: dict[str, str] = field(default_factory=dict, repr=False)
    services: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SERVICE_COLUMNS))


# The secret of the identity codes (Roster.identities): a new one in every process, so a code
# cannot be matched against guessed e-mail addresses anywhere else.
_IDENTITY_SECRET = secrets.token_bytes(32)


def _identity_code(key: str) -> str:
    # Keyed BLAKE2 is a MAC by itself (RFC 7693), and a third of HMAC-SHA256's time per person.
    return hashlib.blake2b(key.encode("utf-8"), key=_IDENTITY_SECRET, digest_size=12).hexdigest()


@dataclass
class _Table:
    """One sheet's records after header matching; ``rows`` are spreadsheet row numbers."""

    sheet: str
    records: list[dict[str, str]]
    rows: list[int]
    headers: dict[str, str]  # canonical key -> header text as written


class _Reader:
    """Collects problems while reading one file, so validation can report all of them."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.problems: list[Problem] = []
        # The same organisation, group, role or sector fills many rows: fold and look up each
        # distinct text once per file (the caches live and die with the reader).
        self._folded: dict[str, str] = {}
        self._aliases: dict[str, dict[str, str]] = {}
        self._canonical: dict[tuple[str, str], str | None] = {}
        # (kind, name key) -> the first spelling of a group, organisation or person and where
        # it was; the spellings already warned about, so each variant is named once.
        self.first: dict[tuple[str, Hashable], tuple[str, str, int]] = {}
        self.other_seasons: set[str] = set()  # names met only in rows of another season
        self.emailed: set[str] = set()  # persons identified by their e-mail address
        self._spellings: set[tuple[str, str, str]] = set()
        self._spelled: dict[tuple[str, str], str] = {}  # (kind, name as written) -> its key

    def fold(self, text: str) -> str:
        """:func:`fold`, remembered."""
        result = self._folded.get(text)
        if result is None:
            result = self._folded[text] = fold(text)
        return result

    def key(self, name: str) -> str:
        """:func:`verkosto.names.name_key`: the key of a group, organisation or person name."""
        return name_key(name)

    def spelling(self, kind: str, name: str, sheet: str, row: int, column: str | None = None) -> str:
        """The key of *name*; warns once per spelling that differs from the first one seen."""
        key = self._spelled.get((kind, name))
        if key is not None:
            return key  # this very spelling was met before: recorded or warned about then
        key = self._spelled[(kind, name)] = name_key(name)
        first = self.first.get((kind, key))
        if first is None:
            self.first[(kind, key)] = (name, sheet, row)
        elif first[0] != name and (kind, key, name) not in self._spellings:
            self._spellings.add((kind, key, name))
            self.warn(f"warning.same_{kind}", sheet=sheet, row=row, column=column, name=name, first=first[0],
                      where=where(first[1], first[2]))
        return key

    def canonical(self, vocabulary: str, value: str) -> str | None:
        """The canonical value of *value* in *vocabulary*, or None; remembered per text."""
        try:
            return self._canonical[(vocabulary, value)]
        except KeyError:
            result = self._canonical[(vocabulary, value)] = self.aliases(vocabulary).get(self.fold(value))
            return result

    def aliases(self, vocabulary: str) -> dict[str, str]:
        """:func:`aliases`, built once per vocabulary."""
        table = self._aliases.get(vocabulary)
        if table is None:
            table = self._aliases[vocabulary] = aliases(vocabulary)
        return table

    def error(self, key: str, /, *, sheet=None, row=None, column=None, **params) -> None:
        """Record an error: the catalogue *key* and its values, where it is in the file."""
        self.problems.append(Problem("error", self.name, key, params, sheet, row, column))

    def warn(self, key: str, /, *, sheet=None, row=None, column=None, **params) -> None:
        self.problems.append(Problem("warning", self.name, key, params, sheet, row, column))

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def fatal(self, key: str, /, *, sheet=None, **params) -> RosterError:
        """Record an error that stops reading, and the RosterError to raise with it."""
        self.error(key, sheet=sheet, **params)
        return RosterError([p for p in self.problems if p.severity == "error"])


def where(sheet: str, row: int) -> Message:
    """"Ryhmät, rivi 4" (a workbook) or "rivi 4" (a CSV), as a message names another row."""
    return Message("roster.where", sheet=sheet, row=row) if sheet else Message("roster.where.row", row=row)


# --------------------------------------------------------------------------- raw grids


def _cell_text(value: object) -> str:
    """Text of a cell as a planner sees it: 5.0 -> '5', dates as ISO, None -> ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _read_workbook(reader: _Reader) -> dict[str, tuple[int, int, list[list[str]]]]:
    """Visible sheets as ``name -> (first row number, first column index, grid of text)``."""
    import python_calamine as calamine

    check = check_workbook(reader.path)
    if check.refusal:
        raise reader.fatal(check.refusal.key, **check.refusal.params)
    for sheet, cells in check.formulas_without_values.items():
        shown: object = tuple(cells[:10])
        if len(cells) > 10:
            shown = Message("warning.formulas.more", cells=shown, count=len(cells) - 10)
        reader.warn("warning.formulas", sheet=sheet, cells=shown)
    try:
        book = calamine.CalamineWorkbook.from_path(str(reader.path))
        sheets = {}
        for meta in book.sheets_metadata:
            if str(meta.visible) != "SheetVisibleEnum.Visible" and len(book.sheet_names) > 1:
                continue
            calamine_sheet = book.get_sheet_by_name(meta.name)
            grid = [[_cell_text(v) for v in row] for row in calamine_sheet.to_python(skip_empty_area=True)]
            start = calamine_sheet.start or (0, 0)
            _fill_merged(grid, start, calamine_sheet.merged_cell_ranges or ())
            sheets[meta.name] = (start[0] + 1, start[1], grid)
    except calamine.PasswordError:
        raise reader.fatal("file.password") from None
    except Exception as err:  # calamine raises several unrelated types for broken files
        if "cell limit" in str(err).lower():
            raise reader.fatal("file.cell_limit") from None
        error = type(err).__name__
        raise reader.fatal("file.unreadable_workbook", suffix=reader.path.suffix, error=error) from None
    return sheets


def _fill_merged(grid: list[list[str]], start: tuple[int, int], ranges) -> None:
    """Give every cell of a merged range the value of its top-left cell, as the eye reads it."""
    for (top, left), (bottom, right) in ranges:
        top, bottom, left, right = top - start[0], bottom - start[0], left - start[1], right - start[1]
        if not (0 <= top < len(grid) and 0 <= left < len(grid[top])):
            continue
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(left, right + 1):
                if c < len(row) and not row[c]:
                    row[c] = value


def _decode_csv(reader: _Reader) -> str:
    data = reader.path.read_bytes()
    if not data.strip():
        raise reader.fatal("file.empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16 with a byte-order mark
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise reader.fatal("file.encoding") from None
        if not text.strip():
            raise reader.fatal("file.empty")
        data = b""  # not needed any more: a 60 MB file is 120 MB as UTF-16
    else:
        text = None
    if text is None and b"\x00" in data[:4096]:
        raise reader.fatal("file.binary_csv")
    for encoding in ("utf-8-sig", "cp1252") if text is None else ():
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:  # pragma: no cover - cp1252 decodes nearly everything
        raise reader.fatal("file.encoding")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > 8:
        raise reader.fatal("file.binary_csv")
    return text


def _read_csv(reader: _Reader) -> dict[str, tuple[int, int, list[list[str]]]]:
    text = _decode_csv(reader)
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)  # the most frequent; a tie (none at all) is ","
    grid: list[list[str]] = []
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    del text  # the reader holds it while it reads; nothing else must
    # One string object per distinct cell text: an organisation or a tier repeated on a
    # million rows is stored once, which halves the memory of a large CSV.
    same: dict[str, str] = {}
    keep = same.setdefault
    try:
        for row in rows:
            grid.append(list(map(keep, row, row)))
    except csv.Error as err:
        # The row that failed is the one after the last read; a field past the limit is
        # nearly always an opening quote never closed, which swallows the rest of the file.
        failed = len(grid) + 1
        if "field larger than field limit" in str(err):
            reader.error("file.csv_field_too_long", row=failed, limit=csv.field_size_limit())
        else:
            reader.error("file.csv_broken", row=failed, error=" ".join(str(err).split()))
        raise RosterError([p for p in reader.problems if p.severity == "error"]) from None
    return {"": (1, 0, grid)}  # a CSV has no sheets: problems name the file, row and column


# ------------------------------------------------------------------------ header match


def _header_map(row: list[str], columns: tuple[Column, ...], twice: list | None = None) -> dict[int, Column]:
    """Column index -> column of a header row; a column named twice goes into *twice* as
    ``(first index, second index, column)`` and only its first is read."""
    by_name: dict[str, Column] = {}
    for known in columns:
        by_name[fold(known.fi)] = known
        by_name[fold(known.en)] = known
    found: dict[int, Column] = {}
    where: dict[Column, int] = {}
    for index, text in enumerate(row):
        column = by_name.get(fold(text))
        if column is None:
            continue
        if column in where:
            if twice is not None:
                twice.append((where[column], index, column))
            continue
        found[index], where[column] = column, index
    return found


def _table(reader: _Reader, sheet: str, kind: str, first_row: int, first_col: int, grid) -> _Table | None:
    columns = SHEETS[kind]["columns"]
    header_at: int | None = None
    header: dict = {}
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = _header_map(row, columns)
        if len(found) > len(header) and any(c.required for c in found.values()):
            header_at, header = i, found
    if header_at is None:
        names = tuple(f"'{c.fi}'" for c in columns if c.required)
        reader.error("roster.no_header", sheet=sheet, row=first_row, columns=names)
        return None
    header_row = first_row + header_at
    twice: list = []
    _header_map(grid[header_at], columns, twice)
    for first, second, column in twice:
        reader.warn("warning.column_twice", sheet=sheet, row=header_row, name=column.fi,
                    first=column_letter(first_col + first), second=column_letter(first_col + second))
    for column in columns:
        if column.required and column not in header.values():
            reader.error(
                "roster.missing_column",
                sheet=sheet,
                row=header_row,
                column=column.fi,
                name=column.fi,
                english=column.en,
            )
    headers = {c.key: f"{normalize_text(grid[header_at][j])} ({column_letter(first_col + j)})" for j, c in header.items()}
    # Column by column: each distinct text of a column is cleaned and checked once (an
    # organisation or a tier fills thousands of rows), then the rows are zipped back.
    body = grid[header_at + 1 :]
    keys: list[str] = []
    columns_text: list[list[str]] = []
    flagged: list[tuple[int, int, str, str, dict]] = []  # (row index, column index, severity, key, params)
    width = min(map(len, body), default=0)  # every row has at least this many cells
    for j, column in header.items():
        raw = list(map(itemgetter(j), body)) if j < width else [row[j] if j < len(row) else "" for row in body]
        clean = {text: normalize_text(text) for text in set(raw)}
        control = {text for text in clean if not text.isprintable() and _CONTROL.search(text)}
        mailed = {text for text, value in clean.items()
                  if column.key in NO_EMAIL and "@" in value and _EMAIL.search(value)}
        if control or mailed:
            for i, text in enumerate(raw):
                if text in control:
                    flagged.append((i, j, "warning", "warning.control_characters", {}))
                if text in mailed:
                    flagged.append((i, j, "error", "roster.email_in_cell", {"name": column.fi}))
            for text in mailed:
                clean[text] = ""  # never shown, not even in a later message about this row
        keys.append(column.key)
        columns_text.append(list(map(clean.__getitem__, raw)))
        del raw
    for i, j, severity, key, params in sorted(flagged, key=lambda f: (f[0], f[1])):
        (reader.warn if severity == "warning" else reader.error)(
            key, sheet=sheet, row=header_row + 1 + i, column=headers[header[j].key], **params)
    records, rows = [], []
    for i, values in enumerate(zip(*columns_text), start=header_row + 1):
        if any(values):
            records.append(dict(zip(keys, values)))
            rows.append(i)
    return _Table(sheet, records, rows, headers)


def _sheet_kind(name: str) -> str | None:
    for kind, spec in SHEETS.items():
        if fold(name) in {fold(n) for n in spec["names"]}:
            return kind
    return None


# ---------------------------------------------------------------------------- checking


def _suggestion(value: str, vocabulary: str) -> str | None:
    """The allowed value closest to *value*, as a planner writes it (its Finnish label)."""
    options = {fold(fi): fi for fi, _en, _extra in VOCABULARIES[vocabulary].values()}
    options.update({fold(k): label(vocabulary, v) for k, v in aliases(vocabulary).items()})
    close = difflib.get_close_matches(fold(value), list(options), n=1, cutoff=0.6)
    return options[close[0]] if close else None


def _unknown_value(reader: _Reader, table: _Table, row: int, key: str, value: str, vocabulary: str,
                   suggestion: str | None, allowed: tuple[str, ...]) -> None:
    """The one-line error of a value outside its vocabulary, with the closest allowed one."""
    reader.error(
        "roster.unknown_value.suggest" if suggestion else "roster.unknown_value",
        sheet=table.sheet,
        row=row,
        column=table.headers[key],
        vocabulary=Message(f"vocabulary.{vocabulary}"),
        value=value,
        suggestion=suggestion,
        allowed=allowed,
    )


def _canonical(reader: _Reader, table: _Table, row: int, key: str, value: str, vocabulary: str) -> str | None:
    canonical = reader.canonical(vocabulary, value)
    if canonical is None:
        suggestion = _suggestion(value, vocabulary)
        _unknown_value(reader, table, row, key, value, vocabulary, suggestion,
                       tuple(fi for fi, _en, _extra in VOCABULARIES[vocabulary].values()))
    return canonical


def _required(reader: _Reader, table: _Table, row: int, record: dict, key: str, fix: str = "cell") -> bool:
    """Whether the cell of *key* is filled in; if not, an error whose fix is ``roster.empty.<fix>``."""
    if record.get(key):
        return True
    if key in table.headers:
        reader.error(f"roster.empty.{fix}", sheet=table.sheet, row=row, column=table.headers[key])
    return False


# The largest value a cell may hold: a collaboration's strength is a small grade (1–5 is
# usual), meetings are counted per season; beyond these a sum or igraph overflows.
MAX_NUMBER = {"weight": 1_000_000.0, "meetings": 1_000.0}


def _number(reader: _Reader, table: _Table, row: int, key: str, value: str, *, integer: bool) -> float | None:
    try:
        number = float(value.replace(",", ".").replace(" ", ""))
    except ValueError:
        number = None
    if number is None or number < 0 or number != number or (integer and not number.is_integer()):
        reader.error(
            "roster.not_a_whole_number" if integer else "roster.not_a_number",
            sheet=table.sheet,
            row=row,
            column=table.headers[key],
            value=value,
        )
        return None
    if not math.isfinite(number) or number > MAX_NUMBER[key]:
        reader.error(f"roster.too_large.{key}", sheet=table.sheet, row=row, column=table.headers[key], value=value,
                     maximum=int(MAX_NUMBER[key]))
        return None
    return number


def _find_season(reader: _Reader, values: list[str], season: str | None) -> str | None:
    seasons = sorted({v for v in values if v})
    if season is not None:
        return normalize_text(season)
    if len(seasons) > 1:
        raise reader.fatal("roster.several_seasons", seasons=tuple(seasons))
    if seasons:
        return seasons[0]
    match = re.search(r"(\d{4})[-_–](\d{4})", reader.name)
    return f"{match[1]}-{match[2]}" if match else None


# ----------------------------------------------------------------------------- reading


def _read(path: str | Path, season: str | None, services_vocabulary=None) -> tuple[Roster | None, list[Problem]]:
    path = Path(path)
    reader = _Reader(path)
    try:
        if not path.is_file():
            reader.name = str(path)  # the path as given: which folder was looked in matters here
            key = "file.not_found" if not path.exists() else "file.directory" if path.is_dir() else "file.not_a_file"
            raise reader.fatal(key)
        if path.name.startswith("~$"):
            real = path.with_name(path.name[2:])
            if real.is_file():
                raise reader.fatal("file.lock_file.real", real=real.name)
            raise reader.fatal("file.lock_file")
        if path.stat().st_size == 0:
            raise reader.fatal("file.empty")
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            raw = _read_workbook(reader)
        elif suffix in (".csv", ".txt"):
            with paused_gc():  # a list and eight strings per row
                raw = _read_csv(reader)
        else:
            raise reader.fatal("file.unsupported", suffix=path.suffix)
        with paused_gc():  # one dict per row and cell text: see verkosto._perf
            tables, sheet_names = _tables(reader, raw), tuple(raw)
            del raw  # the grids of text: the tables hold what is needed
            roster = _build(reader, tables, sheet_names, season, services_vocabulary)
    except RosterError:
        return None, reader.problems
    return (None if reader.failed else roster), reader.problems


def _tables(reader: _Reader, raw) -> dict[str, _Table]:
    kinds = {name: _sheet_kind(name) for name in raw}
    if not any(k in ("memberships", "collaborations") for k in kinds.values()):
        if len(raw) == 1:  # a single unnamed sheet is the memberships sheet, as in a CSV
            kinds = {name: "memberships" for name in raw}
        else:
            raise reader.fatal("roster.no_roster_sheet", sheets=tuple(raw) or Message("roster.no_sheets"))
    tables = {}
    for name, kind in kinds.items():
        if kind is None or kind in tables:
            continue
        first_row, first_col, grid = raw[name]
        if not any(any(cell for cell in row) for row in grid):
            if kind == "memberships":
                reader.error("roster.empty_sheet", sheet=name)
            continue
        table = _table(reader, name, kind, first_row, first_col, grid)
        if table is not None:
            tables[kind] = table
    if reader.failed:
        raise RosterError([p for p in reader.problems if p.severity == "error"])
    if not any(tables[k].records for k in ("memberships", "collaborations") if k in tables):
        sheet = tables["memberships"].sheet if "memberships" in tables else None
        raise reader.fatal("roster.no_rows", sheet=sheet)
    return tables


def _keep_season(reader: _Reader, table: _Table | None, season: str | None) -> str | None:
    """The roster's season; only its membership rows (and rows naming no season) are read on.

    Rows of the other seasons are dropped before anything is built from them, so a person,
    organisation or group named only in another season is not part of this one, and a
    person's name is the one this season uses.
    """
    values = [r.get("season", "") for r in table.records] if table is not None else []  # cells are clean
    season = _find_season(reader, values, season)
    if season and table is not None and any(values):
        if season not in values:
            raise reader.fatal("roster.no_such_season", season=season, found=tuple(sorted(set(values) - {""})))
        keep = [i for i, value in enumerate(values) if value in (season, "")]
        kept = set(keep)
        # Names of the other seasons only: a collaboration row naming one belongs to that season.
        reader.other_seasons = {
            name_key(r.get(column, "")) for i, r in enumerate(table.records) if i not in kept
            for column in ("person", "organisation")
        } - {name_key(r.get(column, "")) for i, r in enumerate(table.records) if i in kept for column in ("person", "organisation")}
        table.records = [table.records[i] for i in keep]
        table.rows = [table.rows[i] for i in keep]
    return season


def _build(
    reader: _Reader, tables: dict[str, _Table], sheet_names: tuple[str, ...], season: str | None, services_vocabulary=None
) -> Roster | None:
    season = _keep_season(reader, tables.get("memberships"), season)
    organisations = _organisations(reader, tables.get("organisations"))
    groups = _groups(reader, tables.get("groups"))
    sheets = (_sheet_of(tables, "organisations"), _sheet_of(tables, "groups"))
    memberships, rows, identities = _memberships(reader, tables.get("memberships"), organisations, groups, sheets=sheets)
    collaborations = _collaborations(reader, tables.get("collaborations"), organisations, memberships)
    if "memberships" not in tables and any(p.key.startswith("roster.unknown_partner") for p in reader.problems):
        # Persons are known from the membership sheet only: its absence, not each name, is the error.
        reader.problems = [p for p in reader.problems if not p.key.startswith("roster.unknown_partner")]
        raise reader.fatal("roster.no_membership_sheet", sheets=sheet_names)
    _check_parents(reader, tables.get("groups"), groups)
    services = _services(reader, tables.get("services"), organisations, groups, memberships, services_vocabulary)
    if reader.failed:
        return None
    if season:
        organisations, groups, collaborations = _of_season(memberships, organisations, groups, collaborations, sheets)
    _warn_near_duplicates(reader, tables.get("memberships"), groups, organisations, memberships, rows)
    _warn_two_organisations(reader, tables.get("memberships"), memberships, rows)
    return Roster(
        memberships=_frame(memberships, MEMBERSHIP_COLUMNS).assign(season=season or ""),
        groups=_frame(list(groups.values()), ["group", "tier", "group_type", "region", "municipality", "parent", "meetings"]),
        organisations=_frame(list(organisations.values()), ["organisation", "sector", "municipality", "region"]),
        collaborations=_frame(collaborations, ["source", "target", "source_kind", "target_kind", "type", "weight"]),
        source=reader.name,
        season=season,
        problems=[p for p in reader.problems if p.severity == "warning"],
        identities=identities,
        services=_service_frame(services),
    )


def _sheet_of(tables: dict[str, _Table], kind: str) -> str | None:
    return tables[kind].sheet if kind in tables else None


def _of_season(memberships, organisations, groups, collaborations, sheets):
    """What a season's memberships use: the organisations and groups of its rows or of the
    Organisaatiot and Ryhmät sheets, the collaborations between them."""
    used_organisations = {name_key(m["organisation"]) for m in memberships}
    used_groups = {name_key(m["group"]) for m in memberships}
    organisations = {k: o for k, o in organisations.items() if k in used_organisations or o.get("_listed")}
    groups = {k: g for k, g in groups.items() if k in used_groups or g.get("_listed")}
    names = {"person": {m["person_id"] for m in memberships},
             "organisation": {o["organisation"] for o in organisations.values()}}
    collaborations = [c for c in collaborations
                      if c["source"] in names[c["source_kind"]] and c["target"] in names[c["target_kind"]]]
    return organisations, groups, collaborations


def _warn_near_duplicates(reader: _Reader, table: _Table | None, groups: dict, organisations: dict,
                          memberships: list[dict], rows: list[int]) -> None:
    """"Did you mean the same group?": names one letter apart, or the same words reordered."""
    for kind, entries in (("group", groups), ("organisation", organisations)):
        names = {key: entry[kind] for key, entry in entries.items()}
        for a, b in near_duplicates(names):
            _, sheet, row = reader.first[(kind, b)]
            reader.warn(f"warning.similar_{kind}", sheet=sheet or None, row=row, name=names[b], other=names[a],
                        where=where(*reader.first[(kind, a)][1:]))
    if table is None:
        return
    # Persons are compared within their organisation only: Anna and Anni Virta of two
    # organisations are two persons far more often than one. A typo splits a person in two
    # only where the name is the identity: organisations where someone has no e-mail address.
    emailed = reader.emailed
    unsure = {m["organisation"] for m in memberships if m["person_id"] not in emailed}
    people: dict[Hashable, str] = {}
    first: dict[Hashable, int] = {}
    for m, row in zip(memberships, rows):
        if m["organisation"] in unsure:
            id_: tuple[str, str] = (m["organisation"], m["person_id"])
            if id_ not in people:
                people[id_], first[id_] = m["person"], row
    organisation_of: dict[Hashable, str] = {id_: id_[0] for id_ in people}  # type: ignore[index]
    for a, b in near_duplicates(people, related=organisation_of, words=False):
        reader.warn("warning.similar_person", sheet=table.sheet or None, row=first[b], column=table.headers["person"],
                    name=people[b], other=people[a], organisation=organisation_of[a], first_row=first[a])


def _warn_two_organisations(reader: _Reader, table: _Table | None, memberships: list[dict], rows: list[int]) -> None:
    """A person who represents two organisations in one season: right, or two namesakes."""
    if table is None:
        return
    first: dict[str, tuple[str, int]] = {}  # person -> their first organisation and its row
    warned: set[tuple[str, str]] = set()
    for m, row in zip(memberships, rows):
        pid, organisation = m["person_id"], m["organisation"]
        seen = first.setdefault(pid, (organisation, row))
        if seen[0] != organisation and (pid, organisation) not in warned:
            warned.add((pid, organisation))
            reader.warn("warning.person_two_organisations", sheet=table.sheet, row=row,
                        column=table.headers["organisation"], person=m["person"], organisation=organisation,
                        other=seen[0], first_row=seen[1])


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=columns)
    if "weight" in frame:
        frame["weight"] = frame["weight"].astype(float)
    if "meetings" in frame:
        frame["meetings"] = frame["meetings"].astype("Int64")
    return frame


def _organisations(reader: _Reader, table: _Table | None) -> dict[str, dict]:
    """Organisations sheet, keyed by folded name."""
    result: dict[str, dict] = {}
    if table is None:
        return result
    for row, record in zip(table.rows, table.records):
        if not _required(reader, table, row, record, "organisation", "organisation"):
            continue
        sector = None
        if _required(reader, table, row, record, "sector", "sector"):
            sector = _canonical(reader, table, row, "sector", record["sector"], "sector")
        key = reader.spelling("organisation", record["organisation"], table.sheet, row, table.headers["organisation"])
        if key in result:
            reader.warn("warning.organisation_twice", sheet=table.sheet, row=row, name=record["organisation"])
            continue
        result[key] = {
            "organisation": record["organisation"],
            "sector": sector,
            "municipality": record.get("municipality", ""),
            "region": record.get("region", ""),
            "_listed": True,
        }
    return result


def _groups(reader: _Reader, table: _Table | None) -> dict[str, dict]:
    """Groups sheet, keyed by folded name."""
    result: dict[str, dict] = {}
    if table is None:
        return result
    for row, record in zip(table.rows, table.records):
        if not _required(reader, table, row, record, "group", "group"):
            continue
        tier = None
        if _required(reader, table, row, record, "tier", "tier"):
            tier = _canonical(reader, table, row, "tier", record["tier"], "tier")
        group_type: str | None = _type_from_name(record["group"])
        if record.get("group_type"):
            group_type = _canonical(reader, table, row, "group_type", record["group_type"], "group_type")
        meetings = None
        if record.get("meetings"):
            meetings = _number(reader, table, row, "meetings", record["meetings"], integer=True)
        key = reader.spelling("group", record["group"], table.sheet, row, table.headers["group"])
        if key in result:
            reader.warn("warning.group_twice", sheet=table.sheet, row=row, name=record["group"])
            continue
        result[key] = {
            "group": record["group"],
            "tier": tier,
            "group_type": group_type,
            "region": record.get("region", ""),
            "municipality": record.get("municipality", ""),
            "parent": record.get("parent", ""),
            "meetings": None if meetings is None else int(meetings),
            "_row": row,
            "_listed": True,
        }
    return result


def _type_from_name(name: str) -> str:
    folded = fold(name)
    return next((kind for needle, kind in TYPE_FROM_NAME if needle in folded), "other")


def _check_parents(reader: _Reader, table: _Table | None, groups: dict[str, dict]) -> None:
    for group in groups.values():
        row = group.pop("_row", None)
        parent = group["parent"]
        if not parent:
            continue
        if name_key(parent) not in groups:
            close = difflib.get_close_matches(parent, [g["group"] for g in groups.values()], n=1)
            reader.error(
                "roster.unknown_parent.suggest" if close else "roster.unknown_parent",
                sheet=table.sheet if table else None,
                row=row,
                column=table.headers["parent"] if table else None,
                parent=parent,
                suggestion=close[0] if close else None,
            )
        elif groups[name_key(parent)] is group:
            reader.warn("warning.own_parent", sheet=table.sheet if table else None, row=row, column=table.headers["parent"] if table else None,
                        name=group["group"])
            group["parent"] = ""
        else:
            group["parent"] = groups[name_key(parent)]["group"]
            group["_parent_row"] = row
    _break_cycles(reader, table, groups)


def _break_cycles(reader: _Reader, table: _Table | None, groups: dict[str, dict]) -> None:
    """A chain of parent groups that comes back to where it began is no hierarchy: warn and
    drop the link of the cycle's last group in the sheet, so that tiers can still be drawn."""
    by_name = {g["group"]: g for g in groups.values()}
    done: set[str] = set()
    for group in groups.values():
        path: list[str] = []
        name = group["group"]
        while name and name not in done and name not in path:
            path.append(name)
            name = by_name[name]["parent"] if name in by_name else ""
        done.update(path)
        if name and name in path:
            cycle = path[path.index(name):]
            last = max(cycle, key=lambda n: by_name[n].get("_parent_row", 0))
            reader.warn("warning.parent_cycle", sheet=table.sheet if table else None, row=by_name[last].get("_parent_row"),
                        column=table.headers["parent"] if table else None, names=tuple(cycle + [cycle[0]]), name=last)
            by_name[last]["parent"] = ""
    for group in groups.values():
        group.pop("_parent_row", None)


def _memberships(reader: _Reader, table: _Table | None, organisations: dict, groups: dict, *,
                 sheets: tuple[str | None, str | None] = (None, None)) -> tuple[list[dict], list[int], dict[str, str]]:
    """Membership rows, their spreadsheet rows and the persons' identity codes (person_id ->
    code); *sheets* names the Organisaatiot and Ryhmät sheets when the roster has them. The
    table's records are consumed."""
    if table is None:
        return [], [], {}
    # The spreadsheet row and the identity key of each membership, beside it rather than in
    # it: a dict of ten keys is half the size of one of eleven, and a million memberships are
    # read at once. The person's two keys are there from the start, so filling them in later
    # does not grow the dict.
    result, rows, keys = [], [], []
    checked: dict[tuple[str, ...], tuple[dict, dict, str]] = {}
    identities = _Identities(reader, table)
    organisations_sheet, groups_sheet = sheets
    records, table.records = table.records, []
    for i, row in enumerate(table.rows):
        # Each record is dropped once read: the records and the memberships made of them
        # are never both whole in memory (a million of each would be).
        record, records[i] = records[i], None  # type: ignore[call-overload]
        if not (record.get("person") and record.get("organisation") and record.get("group")) and not all(
            [
                _required(reader, table, row, record, "person", "person"),
                _required(reader, table, row, record, "organisation", "represented"),
                _required(reader, table, row, record, "group", "member_group"),
            ]
        ):
            continue
        # A row whose organisation, group, sector, tier and role were all seen together on a
        # row that raised nothing raises nothing either: the checks ran then (a large roster
        # repeats these combinations thousands of times).
        combination = (record["organisation"], record["group"], record.get("sector", ""), record.get("tier", ""),
                       record.get("role", ""))
        known = checked.get(combination)
        if known is None:
            before = len(reader.problems)
            organisation_key = reader.spelling("organisation", record["organisation"], table.sheet, row,
                                               table.headers["organisation"])
            organisation = organisations.get(organisation_key)
            sector = _row_sector(reader, table, row, record, organisation)
            group_key = reader.spelling("group", record["group"], table.sheet, row, table.headers["group"])
            group = groups.get(group_key)
            tier = _row_tier(reader, table, row, record, group)
            role: str | None = "member"
            if record.get("role"):
                role = _canonical(reader, table, row, "role", record["role"], "role")
            if sector is None or tier is None or role is None:
                continue
            if organisation is None:
                if organisations_sheet is not None:
                    reader.warn("warning.organisation_not_listed", sheet=table.sheet, row=row,
                                column=table.headers["organisation"], name=record["organisation"], sheet_name=organisations_sheet)
                organisation = organisations[organisation_key] = {
                    "organisation": record["organisation"],
                    "sector": sector,
                    "municipality": record.get("municipality", ""),
                    "region": record.get("region", ""),
                }
            if group is None:
                if groups_sheet is not None:
                    reader.warn("warning.group_not_listed", sheet=table.sheet, row=row, column=table.headers["group"],
                                name=record["group"], sheet_name=groups_sheet)
                group = groups[group_key] = {
                    "group": record["group"],
                    "tier": tier,
                    "group_type": _type_from_name(record["group"]),
                    "region": record.get("region", "") if tier != "provincial" else "",
                    "municipality": record.get("municipality", "") if tier == "local" else "",
                    "parent": "",
                    "meetings": None,
                }
            if len(reader.problems) == before:
                checked[combination] = organisation, group, role
        else:
            organisation, group, role = known
        keys.append(identities.key(row, record["person"], record.get("email", "")))
        result.append(
            {
                "person_id": None,
                "person": None,
                "organisation": organisation["organisation"],
                "sector": organisation["sector"],
                "group": group["group"],
                "tier": group["tier"],
                "role": role,
                "municipality": record.get("municipality") or organisation["municipality"] or group["municipality"],
                "region": record.get("region") or organisation["region"] or group["region"],
                "season": record.get("season", ""),
            }
        )
        rows.append(row)
    people = identities.resolve()
    for record, key in zip(result, keys):
        record["person_id"], record["person"] = people[key]
    reader.emailed = {pid for key, (pid, _) in people.items() if key.startswith("email:")}
    return result, rows, {pid: _identity_code(key) for key, (pid, _) in people.items()}


def _row_sector(reader, table, row, record, organisation) -> str | None:
    if record.get("sector"):
        sector = _canonical(reader, table, row, "sector", record["sector"], "sector")
        if organisation and sector and organisation["sector"] and sector != organisation["sector"]:
            reader.warn(
                "warning.sector_differs",
                sheet=table.sheet,
                row=row,
                column=table.headers["sector"],
                value=record["sector"],
                used=label("sector", organisation["sector"]),
            )
        return organisation["sector"] if organisation and organisation["sector"] else sector
    if organisation is not None:
        return organisation["sector"]
    column = table.headers.get("sector", "Sektori")
    reader.error("roster.no_sector", sheet=table.sheet, row=row, column=column, organisation=record["organisation"])
    return None


def _row_tier(reader, table, row, record, group) -> str | None:
    if group is not None:
        if record.get("tier") and group["tier"]:
            tier = reader.canonical("tier", record["tier"])
            if tier is not None and tier != group["tier"]:
                reader.warn("warning.tier_differs", sheet=table.sheet, row=row, column=table.headers["tier"],
                            value=record["tier"], group=group["group"], used=label("tier", group["tier"]))
        return group["tier"]
    if record.get("tier"):
        return _canonical(reader, table, row, "tier", record["tier"], "tier")
    reader.error(
        "roster.no_tier", sheet=table.sheet, row=row, column=table.headers.get("tier", "Taso"), group=record["group"]
    )
    return None


class _Identities:
    """One person is one node: the e-mail is the key when given, otherwise the folded name.

    The key never leaves this class: persons are identified downstream by ``person_id``,
    their display name, made unique with a number when two persons share a name.
    """

    def __init__(self, reader: _Reader, table: _Table):
        self.reader, self.table = reader, table
        self.names: dict[str, Counter] = {}  # identity key -> display names seen, in order
        self.first_row: dict[str, int] = {}

    def key(self, row: int, name: str, email: str) -> str:
        email_key = email.casefold()  # cells are clean text already: folding is casefolding
        if email_key:
            key = f"email:{email_key}"
        else:
            key = "name:" + self.reader.spelling("person", name, self.table.sheet, row, self.table.headers.get("person"))
        if key not in self.names:
            self.names[key] = Counter()
            self.first_row[key] = row
        self.names[key][name] += 1
        return key

    def resolve(self) -> dict[str, tuple[str, str]]:
        """Identity key -> (person_id, display name); warns about likely duplicates."""
        result: dict[str, tuple[str, str]] = {}
        taken: Counter = Counter()
        for key, names in self.names.items():
            name = _most_common(names)
            folded = name.casefold()
            taken[folded] += 1
            result[key] = (f"{name} ({taken[folded]})" if taken[folded] > 1 else name, name)
            if len(names) > 1:
                self._check(key, names)
        self._check_swapped()
        return result

    def _check(self, key: str, names: Counter) -> None:
        if not key.startswith("email:"):
            return  # spellings of one name were named by _Reader.spelling
        folded = sorted({self.reader.fold(n) for n in names})
        if len(folded) > 1:
            self.reader.warn(
                "warning.email_names",
                sheet=self.table.sheet,
                row=self.first_row[key],
                column=self.table.headers.get("person"),
                names=tuple(folded),
            )

    def _check_swapped(self) -> None:
        seen: dict[tuple, str] = {}
        for key, names in self.names.items():
            name = _most_common(names)
            tokens = tuple(sorted(name.casefold().split()))
            other = seen.setdefault(tokens, name)
            if len(tokens) > 1 and other.casefold() != name.casefold():
                self.reader.warn(
                    "warning.swapped_names",
                    sheet=self.table.sheet,
                    row=self.first_row[key],
                    column=self.table.headers.get("person"),
                    name=name,
                    other=other,
                )


def _most_common(names: Counter) -> str:
    """The spelling used most often (the first of equals); most persons have just one."""
    return next(iter(names)) if len(names) == 1 else names.most_common(1)[0][0]


def _collaborations(reader: _Reader, table: _Table | None, organisations: dict, memberships: list[dict]) -> list[dict]:
    if table is None:
        return []
    persons = {reader.key(m["person"]): m["person_id"] for m in memberships}
    persons.update({reader.key(m["person_id"]): m["person_id"] for m in memberships})
    result = []
    seen: dict[tuple, int] = {}
    for row, record in zip(table.rows, table.records):
        ends = []
        for key in ("source", "target"):
            if not _required(reader, table, row, record, key, "partner"):
                continue
            name = reader.key(record[key])
            if name in organisations:
                ends.append(("organisation", organisations[name]["organisation"]))
            elif name in persons:
                ends.append(("person", persons[name]))
            elif name in reader.other_seasons:
                ends.append(("other_season", name))
            else:
                known = [o["organisation"] for o in organisations.values()] + list(persons.values())
                close = difflib.get_close_matches(record[key], known, n=1)
                reader.error(
                    "roster.unknown_partner.suggest" if close else "roster.unknown_partner",
                    sheet=table.sheet,
                    row=row,
                    column=table.headers[key],
                    name=record[key],
                    suggestion=close[0] if close else None,
                )
        weight: float | None = 1.0
        if record.get("weight"):
            weight = _number(reader, table, row, "weight", record["weight"], integer=False)
        if any(kind == "other_season" for kind, _ in ends):
            continue  # a tie of another season's person or organisation
        if len(ends) == 2 and weight is not None:
            same = (*ends, record.get("type", ""), weight)
            if same in seen:  # a row copied twice is one tie, not a doubled weight
                reader.warn("warning.collaboration_twice", sheet=table.sheet, row=row, first=seen[same])
                continue
            seen[same] = row
            result.append(
                {
                    "source": ends[0][1],
                    "target": ends[1][1],
                    "source_kind": ends[0][0],
                    "target_kind": ends[1][0],
                    "type": record.get("type", ""),
                    "weight": weight,
                }
            )
    return result


# ------------------------------------------------------------------------------ services


def _service_vocabulary(given):
    from .services import ServiceVocabulary, load_vocabulary

    return given if isinstance(given, ServiceVocabulary) else load_vocabulary(given)


def _parts(value: str) -> list[str]:
    """The values of a cell holding one or several separated by ';', in order, each once."""
    parts = [normalize_text(part) for part in value.split(";")]
    return list(dict.fromkeys(part for part in parts if part))


def _service_values(reader: _Reader, table: _Table, row: int, key: str, value: str, vocabulary) -> tuple[str, ...] | None:
    """The canonical ids of a task or client-group cell; an error for each unknown part."""
    table_of = vocabulary.aliases(key)
    names = {fold(fi): fi for fi, _en, _extra in vocabulary.entries(key).values()}
    names.update({k: vocabulary.label(key, v) for k, v in table_of.items()})
    found, ok = [], True
    for part in _parts(value):
        canonical = table_of.get(reader.fold(part))
        if canonical is None:
            ok = False
            close = difflib.get_close_matches(fold(part), list(names), n=1, cutoff=0.6)
            suggestion = names[close[0]] if close else None
            _unknown_value(reader, table, row, key, part, key, suggestion,
                           tuple(fi for fi, _en, _extra in vocabulary.entries(key).values()))
        elif canonical not in found:
            found.append(canonical)
    return tuple(found) if ok else None


def _service_municipalities(reader, table, row, record, organisation, known: list[str]) -> tuple[str, ...] | None:
    from .services import ALL_MUNICIPALITIES

    value = record.get("municipality", "")
    if not value:
        if organisation and organisation["municipality"]:
            return (organisation["municipality"],)
        column = table.headers.get("municipality", "Kunta")
        reader.error("roster.no_service_municipality", sheet=table.sheet, row=row, column=column,
                     organisation=record["organisation"])
        return None
    by_fold = {fold(m): m for m in known}
    found, ok = [], True
    for part in _parts(value):
        if fold(part) in {fold(a) for a in ALL_MUNICIPALITIES}:
            found.extend(known)
            continue
        if fold(part) in by_fold:
            found.append(by_fold[fold(part)])
            continue
        close = difflib.get_close_matches(part, known, n=1, cutoff=0.8)
        if close:  # a typo of a municipality of the roster, not a new one
            ok = False
            reader.error("roster.unknown_municipality.suggest", sheet=table.sheet, row=row,
                         column=table.headers["municipality"], value=part, suggestion=close[0])
        else:
            found.append(part)
    return tuple(dict.fromkeys(found)) if ok else None


def _services(reader: _Reader, table: _Table | None, organisations: dict, groups: dict, memberships: list[dict],
              vocabulary) -> list[dict]:
    """The Services sheet (format v1.1): one record per service, values canonical."""
    if table is None:
        return []
    vocabulary = _service_vocabulary(vocabulary)
    known = sorted(
        {m["municipality"] for m in memberships if m["municipality"]}
        | {o["municipality"] for o in organisations.values() if o["municipality"]}
        | {g["municipality"] for g in groups.values() if g["municipality"]}
    )
    result = []
    for row, record in zip(table.rows, table.records):
        ok = all(
            [
                _required(reader, table, row, record, "service", "service"),
                _required(reader, table, row, record, "organisation", "provider"),
                _required(reader, table, row, record, "task", "task"),
                _required(reader, table, row, record, "client_group", "client_group"),
            ]
        )
        if not ok:
            continue
        tasks = _service_values(reader, table, row, "task", record["task"], vocabulary)
        client_groups = _service_values(reader, table, row, "client_group", record["client_group"], vocabulary)
        level: str | None = ""
        form: str | None = ""
        if record.get("level"):
            level = _canonical(reader, table, row, "level", record["level"], "service_level")
        if record.get("form"):
            form = _canonical(reader, table, row, "form", record["form"], "service_form")
        organisation = organisations.get(reader.key(record["organisation"]))
        if organisation is None:
            organisation = _service_provider(reader, table, row, record, organisations)
        municipalities = _service_municipalities(reader, table, row, record, organisation, known)
        if tasks is None or client_groups is None or level is None or form is None:
            continue
        if organisation is None or municipalities is None:
            continue
        result.append(
            {
                "service": record["service"],
                "organisation": organisation["organisation"],
                "sector": organisation["sector"],
                "tasks": tasks,
                "client_groups": client_groups,
                "municipalities": municipalities,
                "level": level,
                "form": form,
                "place": record.get("place", ""),
            }
        )
    return result


def _service_provider(reader, table, row, record, organisations: dict) -> dict | None:
    """A service's organisation that no other sheet names: new, with its sector, or a typo."""
    name = record["organisation"]
    if record.get("sector"):
        sector = _canonical(reader, table, row, "sector", record["sector"], "sector")
        if sector is None:
            return None
        organisation = organisations[name_key(name)] = {
            "organisation": name,
            "sector": sector,
            "municipality": "",
            "region": "",
        }
        return organisation
    close = difflib.get_close_matches(name, [o["organisation"] for o in organisations.values()], n=1)
    column = table.headers["organisation"]
    if close:
        reader.error("roster.unknown_provider.suggest", sheet=table.sheet, row=row, column=column, name=name,
                     suggestion=close[0])
    else:
        reader.error("roster.no_sector", sheet=table.sheet, row=row, column=table.headers.get("sector", column),
                     organisation=name)
    return None


def _service_frame(services: list[dict]) -> pd.DataFrame:
    return pd.DataFrame.from_records(services, columns=SERVICE_COLUMNS)


# ------------------------------------------------------------------------------- public


def load_roster(path: str | Path, *, season: str | None = None, services_vocabulary=None) -> Roster:
    """Read and validate a roster file.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx``, ``.xlsm``, ``.ods`` or ``.csv`` file in roster format v1.
    season : str, optional
        The season to use when the file holds several (``Kausi`` column).
    services_vocabulary : ServiceVocabulary or path, optional
        The tasks and client groups the Services sheet may name
        (:func:`verkosto.services.load_vocabulary`); by default the shipped ones.

    Returns
    -------
    Roster

    Raises
    ------
    RosterError
        When the file cannot be read or holds an error; its message names the file, sheet,
        row and column and says how to fix it, and ``problems`` lists every error found.
    """
    roster, problems = _read(path, season, services_vocabulary)
    if roster is None:
        raise RosterError([p for p in problems if p.severity == "error"])
    return roster


def validate_roster(path: str | Path, *, season: str | None = None, services_vocabulary=None) -> list[Problem]:
    """Every error and warning found in a roster file, in the order found."""
    return _read(path, season, services_vocabulary)[1]
