"""Municipal indicators (THL's Sotkanet and the like) read into one table, next to the network.

The network-leadership model's indicator package: key statistics per municipality and year,
so that municipalities can be compared and trends followed. :func:`read_indicators` reads

* Sotkanet's REST JSON: a list of ``{indicator, region, year, gender, value, absValue}``
  whose ``region`` is Sotkanet's own id, resolved through Sotkanet's regions list (an object
  ``{"data": [...], "regions": [...]}`` as ``verkosto indicators fetch`` writes it, or a
  ``regions.json`` next to the file), or whose ``region`` already is ``{"code": "837", ...}``;
* Sotkanet's ``;``-separated CSV export (``indicator;region;year;gender;primary value;absolute value``),
  whose ``region`` is a name, or Sotkanet's id with the regions list next to the file;
* a plain long table (CSV or workbook) with the columns ``Kunta``/``Municipality`` or
  ``Kuntanumero``/``Municipality code``, ``Indikaattori``/``Indicator``, ``Vuosi``/``Year`` and
  ``Arvo``/``Value``, for data from elsewhere.

Municipalities are matched by their official number (Tampere 837) or by their Finnish or
Swedish name, case, accents of the input's encoding, spaces and dashes normalised, against the
short list ``data/kunnat.csv`` (from Statistics Finland's municipality classification), the
regions list of a Sotkanet file and the municipalities of the roster. Regions that are not
municipalities (wellbeing services counties, the whole country) are left out.

The values are canonical: ``municipality_code, municipality, indicator, year, value``; the
county median of a year is the median over the roster's municipalities (the county whose
network the roster describes), or over every municipality of the file without a roster.

>>> data = read_indicators(example_indicators_path())
>>> sorted(data.values["municipality"].unique())[:3], data.title("9001", "en")
(['Akaa', 'Hämeenkyrö', 'Ikaalinen'], 'Live births per 1,000 residents (invented)')
>>> table = latest_table(data, ["Tampere", "Akaa"])
>>> table[["indicator", "municipality", "latest_year", "trend"]].head(2).to_dict("records")
[{'indicator': '9001', 'municipality': 'Akaa', 'latest_year': 2024, 'trend': 'down'}, {'indicator': '9001', 'municipality': 'Tampere', 'latest_year': 2024, 'trend': 'down'}]
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import IndicatorError, Message, Problem
from .filecheck import check_workbook
from .schema import fold, normalize_text

__all__ = [
    "IndicatorData",
    "WORDS_COLUMNS",
    "attribution",
    "indicator_words",
    "MunicipalityIndex",
    "VALUE_COLUMNS",
    "county_medians",
    "example_indicators_path",
    "latest_table",
    "map_section",
    "missing_municipalities",
    "municipalities_path",
    "normalise_municipality",
    "read_indicators",
    "read_municipalities",
    "shown_number",
    "roster_municipalities",
]

#: Columns of :attr:`IndicatorData.values`.
VALUE_COLUMNS = ["municipality_code", "municipality", "indicator", "year", "value"]

SOTKANET = "Sotkanet, THL"
SOTKANET_LICENCE = "CC BY 4.0"

# Headers of a long table and of Sotkanet's CSV export, folded -> canonical key.
_LONG_HEADERS = {
    "kunta": "municipality", "municipality": "municipality", "kommun": "municipality",
    "kuntanumero": "code", "kuntakoodi": "code", "municipality code": "code", "kommunnummer": "code",
    "indikaattori": "indicator", "indicator": "indicator",
    "vuosi": "year", "year": "year", "år": "year",
    "arvo": "value", "value": "value", "primary value": "value", "värde": "value",
    "alue": "region", "region": "region",
    "sukupuoli": "gender", "gender": "gender",
    "absolute value": "abs_value",
}
_SOTKANET_CSV = ("indicator", "region", "year", "gender", "value")
_TOTAL = {"total", "yhteensä", "", "kaikki"}
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_WORKBOOKS = (".xlsx", ".xlsm", ".ods")


def _data_folder() -> Path:
    package = Path(__file__).resolve().parent
    data = package / "data"
    return data if data.is_dir() else package.parent / "data"


def municipalities_path() -> Path:
    """``data/kunnat.csv``: official numbers and names of the municipalities verkosto knows."""
    return _data_folder() / "kunnat.csv"


def example_indicators_path() -> Path:
    """The example's invented indicator file, ``data/indikaattorit_esimerkki.json``."""
    return _data_folder() / "indikaattorit_esimerkki.json"


def normalise_municipality(value: object) -> str:
    """A municipality's name or number as a matching key.

    >>> normalise_municipality("  MÄNTTÄ – vilppula "), normalise_municipality("20")
    ('mänttä-vilppula', '020')
    """
    text = _DASHES.sub("-", fold(value))
    if text.isdigit() and len(text) <= 3:
        return text.zfill(3)
    return text


@functools.cache
def read_municipalities(path: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """``(code, Finnish name, Swedish name or "")`` of every row of ``data/kunnat.csv``."""
    lines = (path or municipalities_path()).read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if line.strip() and not line.startswith("#"))
    return tuple((row["code"].strip(), row["fi"].strip(), (row.get("sv") or "").strip()) for row in rows)


class MunicipalityIndex:
    """Official numbers and names (Finnish, Swedish) of municipalities, looked up normalised.

    >>> index = MunicipalityIndex.default()
    >>> index.match("tammerfors"), index.match("837"), index.match("Atlantis")
    (('837', 'Tampere'), ('837', 'Tampere'), None)
    >>> index.suggest("Tampre")
    'Tampere'
    """

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, str]] = {}
        self._names: list[str] = []

    @classmethod
    def default(cls) -> MunicipalityIndex:
        index = cls()
        for code, fi, sv in read_municipalities():
            index.add(code, fi, sv)
        return index

    def add(self, code: str | None, name: str, *others: str) -> None:
        """Know a municipality by its number (may be None: a roster's name only) and names."""
        key_code = normalise_municipality(code) if code else None
        canonical = self._keys.get(key_code, (None, ""))[1] if key_code else ""
        canonical = canonical or normalize_text(name)
        known = (key_code, canonical)
        for key in (key_code, *(normalise_municipality(n) for n in (name, *others) if n)):
            if key and key not in self._keys:
                self._keys[key] = known  # type: ignore[assignment]
        if canonical not in self._names:
            self._names.append(canonical)

    def match(self, value: object) -> tuple[str | None, str] | None:
        """``(official number or None, Finnish name)`` of a name or number, None when unknown."""
        return self._keys.get(normalise_municipality(value))

    def suggest(self, value: object) -> str | None:
        """The known name closest to a misspelt one, if any is close."""
        folded = {normalise_municipality(n): n for n in self._names}
        close = difflib.get_close_matches(normalise_municipality(value), list(folded), n=1, cutoff=0.75)
        return folded[close[0]] if close else None


@dataclass
class IndicatorData:
    """Indicator values per municipality and year, and what is known of their source.

    Attributes
    ----------
    values : DataFrame
        ``municipality_code, municipality, indicator, year, value`` (:data:`VALUE_COLUMNS`);
        ``municipality`` is the Finnish name, ``indicator`` an id (Sotkanet's number as text,
        or the name written in a long table), ``municipality_code`` None when unknown.
    titles : dict
        Indicator id -> ``{"fi": ..., "en": ...}`` (Sotkanet's metadata when the file has it).
    decimals : dict
        Indicator id -> decimals to show (Sotkanet's metadata; default 1).
    file : str
        The file's name.
    source : str or None
        Who produced the data, as the file says (``"Sotkanet, THL"`` for Sotkanet's shapes).
    licence : str or None
        The data's licence, as the file says (THL's data is ``CC BY 4.0``).
    problems : list of Problem
        Warnings found while reading (errors raise :class:`~verkosto.errors.IndicatorError`).
    """

    values: pd.DataFrame
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    decimals: dict[str, int] = field(default_factory=dict)
    file: str = ""
    source: str | None = None
    licence: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        """Indicator ids in the order of the file."""
        return list(dict.fromkeys(self.values["indicator"]))

    def title(self, indicator: str, lang: str = "fi") -> str:
        titles = self.titles.get(indicator) or {}
        return titles.get(lang) or titles.get("fi") or next(iter(titles.values()), None) or str(indicator)


class _Reader:
    """Collects the problems of one indicator file and turns records into values."""

    def __init__(self, path: Path, index: MunicipalityIndex):
        self.path, self.name, self.index = path, path.name, index
        self.problems: list[Problem] = []
        self.rows: list[tuple[str | None, str, str, int, float]] = []
        self._seen: dict[tuple[str, str, int], tuple[int | None, float]] = {}
        self._unknown: set[str] = set()
        self._unknown_codes: dict[str, int | None] = {}

    def error(self, key: str, /, *, row=None, column=None, **params) -> None:
        self.problems.append(Problem("error", self.name, key, params, None, row, column))

    def warn(self, key: str, /, *, row=None, column=None, **params) -> None:
        self.problems.append(Problem("warning", self.name, key, params, None, row, column))

    def fatal(self, key: str, /, **params) -> IndicatorError:
        self.error(key, **params)
        return IndicatorError([p for p in self.problems if p.severity == "error"])

    def municipality(self, value: object, row: int | None, column: str | None) -> tuple[str | None, str] | None:
        found = self.index.match(value)
        if found is None and normalise_municipality(value).isdigit():
            # A number outside data/kunnat.csv: most likely a municipality of another county in a
            # file of the whole country; one warning for all of them (finish) instead of hundreds.
            self._unknown_codes.setdefault(normalise_municipality(value), row)
        elif found is None:
            shown = normalize_text(value)
            if shown not in self._unknown:  # one warning per unknown name, at its first row
                self._unknown.add(shown)
                guess = self.index.suggest(shown)
                hint = Message("indicators.did_you_mean", name=guess) if guess else ""
                self.warn("indicators.unknown_municipality", row=row, column=column, value=shown, hint=hint)
        return found

    def number(self, value: object, row: int | None, column: str | None) -> float | None:
        """The value as a float; None when empty (a missing value), an error when not a number."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        if isinstance(value, bool):
            self.error("indicators.not_a_number", row=row, column=column, value=str(value))
            return None
        if isinstance(value, (int, float)):
            return float(value)
        text = normalize_text(value).replace("\u00a0", "").replace(" ", "")
        if text in ("", "..", "-", "."):  # Sotkanet and Statistics Finland mark missing values so
            return None
        try:
            number = float(text.replace(",", ".")) if text.count(",") <= 1 else float("nan")
        except ValueError:
            number = float("nan")
        if not math.isfinite(number):
            self.error("indicators.not_a_number", row=row, column=column, value=normalize_text(value))
            return None
        return number

    def year(self, value: object, row: int | None, column: str | None) -> int | None:
        text = normalize_text(value)
        if text.endswith(".0"):
            text = text[:-2]
        if not (text.isdigit() and len(text) == 4):
            self.error("indicators.bad_year", row=row, column=column, value=text)
            return None
        return int(text)

    def add(self, place: tuple[str | None, str], indicator: str, year: int, value: float, row: int | None) -> None:
        key = (place[1], indicator, year)
        if key in self._seen:
            first, before = self._seen[key]
            if before == value:
                self.warn("indicators.duplicate", row=row, first=first or "", municipality=place[1],
                          indicator=indicator, year=year)
            else:
                self.error("indicators.conflict", row=row, first=first or "", municipality=place[1],
                           indicator=indicator, year=year, value=_shown(value), other=_shown(before))
            return
        self._seen[key] = (row, value)
        self.rows.append((place[0], place[1], indicator, year, value))

    def finish(self, **meta) -> IndicatorData:
        errors = [p for p in self.problems if p.severity == "error"]
        if errors:
            raise IndicatorError(errors)
        if not self.rows:
            raise self.fatal("indicators.empty")
        values = pd.DataFrame(self.rows, columns=VALUE_COLUMNS)
        # Indicators stay in the order of the file; municipalities and years are sorted.
        first = {indicator: k for k, indicator in enumerate(dict.fromkeys(values["indicator"]))}
        values = values.assign(_order=values["indicator"].map(first))
        values = values.sort_values(["_order", "municipality", "year"], kind="stable").drop(columns="_order")
        values = values.reset_index(drop=True)
        if self._unknown_codes:
            codes = sorted(self._unknown_codes)
            shown: object = tuple(codes[:10])
            if len(codes) > 10:
                shown = Message("indicators.unknown_codes.more", codes=tuple(codes[:10]), count=len(codes) - 10)
            self.warn("indicators.unknown_codes", codes=shown, count=len(codes))
        warnings = [p for p in self.problems if p.severity == "warning"]
        return IndicatorData(values, file=self.name, problems=warnings, **meta)


def _shown(value: float) -> str:
    return f"{value:g}"


def read_indicators(
    path: str | Path,
    *,
    municipalities: Iterable[str] = (),
    regions: list[Mapping] | None = None,
) -> IndicatorData:
    """Read a file of municipal indicators (Sotkanet JSON or CSV, or a long table).

    Parameters
    ----------
    path : str or Path
        ``.json`` (Sotkanet's REST shape), ``.csv`` (Sotkanet's ``;`` export or a long table)
        or a workbook (``.xlsx``, ``.xlsm``, ``.ods``) holding a long table.
    municipalities : iterable of str
        Names of the roster's municipalities, known even when ``data/kunnat.csv`` lacks them.
    regions : list of dict, optional
        Sotkanet's regions list (``/rest/1.1/regions``) for a file whose regions are Sotkanet
        ids; by default the file's own, or ``regions.json`` next to it.

    Raises
    ------
    IndicatorError
        Every error found (file, row, column, what to do): a file that cannot be read, missing
        columns, a value or year that is not a number, two different values for the same
        municipality, indicator and year. Unknown municipalities and repeated rows are
        warnings (:attr:`IndicatorData.problems`); their rows are left out.
    """
    path = Path(path)
    index = MunicipalityIndex.default()
    for name in municipalities:
        if name and index.match(name) is None:
            index.add(None, name)
    reader = _Reader(path, index)
    if not path.is_file():
        raise reader.fatal("file.not_found" if not path.exists() else "file.not_a_file")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(reader, regions)
    if suffix in (".csv", ".txt"):
        return _read_table(reader, _csv_grid(reader), regions)
    if suffix in _WORKBOOKS:
        return _read_table(reader, _workbook_grid(reader), regions)
    raise reader.fatal("indicators.format", suffix=suffix or path.name)


# ------------------------------------------------------------------------------ regions


def _regions_beside(path: Path) -> list[Mapping] | None:
    for candidate in (path.with_name(f"{path.stem}.regions.json"), path.with_name("regions.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                return None
            return data if isinstance(data, list) else None
    return None


def _region_table(reader: _Reader, regions: list[Mapping] | None) -> dict[str, tuple[str | None, str] | None]:
    """Sotkanet region id -> (number, name) of a municipality, None for other kinds of region."""
    table: dict[str, tuple[str | None, str] | None] = {}
    for region in regions or ():
        if not isinstance(region, Mapping) or "id" not in region:
            continue
        if str(region.get("category", "KUNTA")).upper() != "KUNTA":
            table[str(region["id"])] = None
            continue
        title = region.get("title") or {}
        names = [title.get(lang, "") for lang in ("fi", "sv", "en")] if isinstance(title, Mapping) else [str(title)]
        code = str(region.get("code") or "") or None
        known = reader.index.match(code) if code else None
        if known is None and names[0]:
            reader.index.add(code, names[0], *names[1:])
            known = reader.index.match(code or names[0])
        table[str(region["id"])] = known
    return table


# --------------------------------------------------------------------------------- JSON


def _read_json(reader: _Reader, regions: list[Mapping] | None) -> IndicatorData:
    try:
        document = json.loads(reader.path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise reader.fatal("file.encoding") from None
    except ValueError as err:
        raise reader.fatal("indicators.bad_json", error=str(err)) from None
    meta: dict = {}
    if isinstance(document, Mapping) and isinstance(document.get("data"), list):
        records = document["data"]
        regions = regions if regions is not None else document.get("regions")
        meta = _metadata(document)
    elif isinstance(document, list):
        records = document
    else:
        raise reader.fatal("indicators.json_shape")
    if regions is None:
        regions = _regions_beside(reader.path)
    by_id = _region_table(reader, regions)
    for number, record in enumerate(records, start=1):
        if not isinstance(record, Mapping) or not {"indicator", "year", "value"} <= set(record) or not (
            "region" in record or "municipality" in record
        ):
            raise reader.fatal("indicators.json_shape")
        if not _is_total(record.get("gender")):
            continue
        place = _json_place(reader, record, by_id, number)
        year = reader.year(record["year"], number, "year")
        value = reader.number(record["value"], number, "value")
        if place is not None and year is not None and value is not None:
            reader.add(place, str(record["indicator"]), year, value, number)
    return reader.finish(**meta)


def _json_place(reader: _Reader, record: Mapping, by_id: dict, number: int) -> tuple[str | None, str] | None:
    """The municipality of a record, None to leave the record out (another kind of region, unknown).

    A JSON number is Sotkanet's own region id, resolved through the regions list; a text is an
    official municipality number or a name; an object is a region already resolved.
    """
    region = record["region"] if "region" in record else record["municipality"]
    if isinstance(region, Mapping):
        if str(region.get("category", "KUNTA")).upper() != "KUNTA":
            return None
        title = region.get("title")
        name = title.get("fi") if isinstance(title, Mapping) else title
        return reader.municipality(region.get("code") or name or "", number, "region")
    if isinstance(region, int) and not isinstance(region, bool):
        if not by_id:
            raise reader.fatal("indicators.no_regions")
        if str(region) not in by_id:
            reader.warn("indicators.unknown_region", row=number, column="region", value=region)
            return None
        return by_id[str(region)]
    return reader.municipality(region, number, "region" if "region" in record else "municipality")


def _is_total(gender: object) -> bool:
    return fold(gender) in _TOTAL if gender is not None else True


def _metadata(document: Mapping) -> dict:
    titles: dict[str, dict[str, str]] = {}
    decimals: dict[str, int] = {}
    for item in document.get("indicators") or ():
        if isinstance(item, Mapping) and "id" in item:
            title = item.get("title")
            if isinstance(title, Mapping):
                titles[str(item["id"])] = {k: str(v) for k, v in title.items() if isinstance(v, str)}
            if isinstance(item.get("decimals"), int):
                decimals[str(item["id"])] = item["decimals"]
    source, licence = document.get("source"), document.get("licence")
    return {"titles": titles, "decimals": decimals,
            "source": str(source) if source else None, "licence": str(licence) if licence else None}


# ------------------------------------------------------------------------------- tables


def _csv_grid(reader: _Reader) -> list[list[str]]:
    data = reader.path.read_bytes()
    if not data.strip():
        raise reader.fatal("file.empty")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise reader.fatal("file.encoding")
    lines = [line for line in text.splitlines() if not line.startswith("#")]  # comment lines
    first = next((line for line in lines if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    # Row numbers are those of the file, comment lines included.
    numbered = [(i, line) for i, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")]
    grid = list(csv.reader(io.StringIO("\n".join(line for _, line in numbered)), delimiter=delimiter))
    reader.line_numbers = [i for i, _ in numbered]  # type: ignore[attr-defined]
    return grid


def _workbook_grid(reader: _Reader) -> list[list[str]]:
    import python_calamine as calamine

    check = check_workbook(reader.path)
    if check.refusal:
        raise reader.fatal(check.refusal.key, **check.refusal.params)
    try:
        book = calamine.CalamineWorkbook.from_path(str(reader.path))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as err:  # calamine raises several unrelated types for broken files
        raise reader.fatal("file.unreadable_workbook", suffix=reader.path.suffix, error=type(err).__name__) from None
    reader.line_numbers = list(range(1, len(rows) + 1))  # type: ignore[attr-defined]
    return [["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in row]
            for row in rows]


def _read_table(reader: _Reader, grid: list[list[str]], regions: list[Mapping] | None) -> IndicatorData:
    lines: list[int] = reader.line_numbers  # type: ignore[attr-defined]
    header_at = next((i for i, row in enumerate(grid) if any(cell.strip() for cell in row)), None)
    if header_at is None:
        raise reader.fatal("file.empty")
    header = grid[header_at]
    columns: dict[str, int] = {}
    for j, heading in enumerate(header):
        key = _LONG_HEADERS.get(fold(heading))
        if key and key not in columns:
            columns[key] = j
    sotkanet = all(key in columns for key in _SOTKANET_CSV)
    place_key = "region" if sotkanet else "code" if "code" in columns else "municipality"
    missing = [k for k in (place_key, "indicator", "year", "value") if k not in columns]
    if missing:
        raise reader.fatal("indicators.missing_columns", row=lines[header_at],
                           columns=tuple(Message(f"indicators.column.{k}") for k in missing))
    by_id = _region_table(reader, regions if regions is not None else _regions_beside(reader.path)) if sotkanet else {}

    def cell(row: list[str], key: str) -> str:
        j = columns.get(key)
        return row[j] if j is not None and j < len(row) else ""

    for i in range(header_at + 1, len(grid)):
        row, number = grid[i], lines[i]
        if not any(c.strip() for c in row):
            continue
        if not _is_total(cell(row, "gender")):
            continue
        place_text = cell(row, place_key)
        place_column = header[columns[place_key]]
        if by_id and normalize_text(place_text) in by_id:
            place = by_id[normalize_text(place_text)]
        elif sotkanet and normalize_text(place_text).isdigit():
            # Sotkanet's own region ids, not municipality numbers: never guess which is which.
            raise reader.fatal("indicators.no_regions", row=number, column=place_column)
        else:
            place = reader.municipality(place_text, number, place_column)
        indicator = normalize_text(cell(row, "indicator"))
        year = reader.year(cell(row, "year"), number, header[columns["year"]])
        value = reader.number(cell(row, "value"), number, header[columns["value"]])
        if place is not None and indicator and year is not None and value is not None:
            reader.add(place, indicator, year, value, number)
    meta = {"source": SOTKANET, "licence": SOTKANET_LICENCE} if sotkanet else {}
    return reader.finish(**meta)


# ------------------------------------------------------------------------------ summaries


def roster_municipalities(roster) -> list[str]:
    """Every municipality a roster names (groups, memberships, organisations), sorted."""
    names: set[str] = set()
    for frame in (roster.groups, roster.memberships, roster.organisations):
        if "municipality" in frame:
            names.update(str(v) for v in frame["municipality"].dropna() if str(v).strip())
    return sorted(names)


def _selected(data: IndicatorData, municipalities: Iterable[str] | None) -> pd.DataFrame:
    """The values of the given municipalities (matched normalised, by name or number), or all."""
    values = data.values
    if municipalities is None:
        return values
    wanted = {normalise_municipality(m) for m in municipalities}
    index = MunicipalityIndex.default()
    for name in municipalities:
        found = index.match(name)
        if found:
            wanted.add(normalise_municipality(found[1]))
    keys = values["municipality"].map(normalise_municipality)
    return values[keys.isin(wanted)]


def county_medians(data: IndicatorData, municipalities: Iterable[str] | None = None) -> pd.DataFrame:
    """``indicator, year, median, municipalities``: the median over the county's municipalities.

    The county is the roster's municipalities (*municipalities*), or every municipality of the
    file when None. ``municipalities`` counts the values the median is taken over.
    """
    values = _selected(data, None if municipalities is None else list(municipalities))
    grouped = values.groupby(["indicator", "year"], sort=False)["value"]
    out = grouped.agg(["median", "count"]).reset_index().rename(columns={"count": "municipalities"})
    return out.sort_values(["indicator", "year"], kind="stable").reset_index(drop=True)


def latest_table(data: IndicatorData, municipalities: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per indicator and municipality: the latest value, the trend and the county median.

    Columns: ``indicator, municipality, municipality_code, first_year, latest_year, value,
    change, trend, county_median, difference``. ``change`` is the latest value minus the
    first year's; ``trend`` is ``up``, ``down`` or ``flat`` (the change rounded to the
    indicator's decimals is zero); ``county_median`` is the median of the latest year over
    the county's municipalities (:func:`county_medians`) and ``difference`` the value minus it.
    """
    municipalities = None if municipalities is None else list(municipalities)
    values = _selected(data, municipalities)
    medians = county_medians(data, municipalities).set_index(["indicator", "year"])["median"]
    rows = []
    for (indicator, municipality), series in values.groupby(["indicator", "municipality"], sort=False):
        series = series.sort_values("year")
        first, last = series.iloc[0], series.iloc[-1]
        decimals = data.decimals.get(indicator, 1)
        change = float(last["value"] - first["value"])
        rounded = round(change, decimals)
        median = float(medians.get((indicator, int(last["year"])), float("nan")))
        rows.append({
            "indicator": indicator,
            "municipality": municipality,
            "municipality_code": last["municipality_code"],
            "first_year": int(first["year"]),
            "latest_year": int(last["year"]),
            "value": float(last["value"]),
            "change": change,
            "trend": "up" if rounded > 0 else "down" if rounded < 0 else "flat",
            "county_median": median,
            "difference": float(last["value"]) - median,
        })
    columns = ["indicator", "municipality", "municipality_code", "first_year", "latest_year", "value",
               "change", "trend", "county_median", "difference"]
    order = {ind: i for i, ind in enumerate(data.indicators)}
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(["indicator", "municipality"], key=lambda c: c.map(order) if c.name == "indicator" else c,
                              kind="stable")
    return table.reset_index(drop=True)


# ------------------------------------------------------------------------------- in words


def attribution(data: IndicatorData, lang: str | None = None) -> str:
    """The line printed with every view of the indicators: their source and licence.

    >>> data = IndicatorData(pd.DataFrame(columns=VALUE_COLUMNS), source="Sotkanet, THL", licence="CC BY 4.0")
    >>> attribution(data, "fi")
    'Lähde: Sotkanet, THL. Lisenssi: CC BY 4.0.'
    """
    from .i18n import text

    source = data.source or text("indicators.source_unknown", lang, file=data.file)
    licence = data.licence or text("indicators.licence_unknown", lang)
    return text("indicators.attribution", lang, source=source, licence=licence)


#: The columns of :func:`indicator_words`, in order.
WORDS_COLUMNS = ("indicator", "indicator_id", "municipality", "municipality_code", "latest_year", "value",
                 "change", "trend", "county_median", "difference", "first_year")


def indicator_words(data: IndicatorData, municipalities: Iterable[str] | None = None,
                    lang: str | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """:func:`latest_table` as a person reads it: indicator titles, trends in words, and headers.

    Returns the table (columns :data:`WORDS_COLUMNS`) and ``{column: header}`` in *lang*.
    """
    from .i18n import current_language, text

    lang = lang or current_language()
    table = latest_table(data, municipalities)
    words = table.assign(
        indicator_id=table["indicator"],
        indicator=[data.title(i, lang) for i in table["indicator"]],
        trend=[text(f"indicators.trend.{t}", lang) for t in table["trend"]],
        municipality_code=table["municipality_code"].fillna(""),
    )
    for column in ("value", "change", "county_median", "difference"):
        words[column] = [round(v, data.decimals.get(i, 1) + 1) for v, i in zip(words[column], table["indicator"])]
    headers = {c: text(f"indicators.header.{c}", lang) for c in WORDS_COLUMNS if c != "municipality"}
    headers["municipality"] = text("indicators.column.municipality", lang)
    return words[list(WORDS_COLUMNS)], headers


def shown_number(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """A value as a person reads it: the indicator's decimals, a decimal comma in Finnish.

    >>> shown_number(8.25, 1, "fi"), shown_number(-0.5, 2, "en"), shown_number(float("nan"))
    ('8,2', '-0.50', '')
    """
    from .i18n import current_language

    if value is None or not math.isfinite(value):
        return ""
    shown = f"{value:.{decimals}f}"
    return shown.replace(".", ",") if (lang or current_language()) == "fi" else shown


def _roster_names(data: IndicatorData, municipalities: Iterable[str]) -> dict[str, str]:
    """The file's name of each of the roster's municipalities, keyed by the roster's spelling."""
    index = MunicipalityIndex.default()
    in_file = {normalise_municipality(m): m for m in data.values["municipality"].unique()}
    out = {}
    for name in municipalities:
        found = index.match(name)
        key = normalise_municipality(found[1]) if found else normalise_municipality(name)
        if key in in_file:
            out[name] = in_file[key]
    return out


def missing_municipalities(data: IndicatorData, municipalities: Iterable[str]) -> list[str]:
    """The municipalities (of the roster) that have no value in *data*, in the order given."""
    wanted = list(municipalities)
    found = _roster_names(data, wanted)
    return [m for m in wanted if m not in found]


def map_section(data: IndicatorData, municipalities: Iterable[str], lang: str | None = None) -> dict:
    """The map's ``indicators`` section: every year's value per municipality of the roster, and
    the county median, for the side panels of local groups and municipalities.

    ``municipality`` is spelt as in the roster (the map's municipality facet); ``values`` and
    each row of ``median`` follow ``years``, null where a year has no value.

    >>> data = read_indicators(example_indicators_path())
    >>> section = map_section(data, ["Tampere", "Akaa"], "en")
    >>> section["years"], section["indicators"][0]["label"], section["series"]["columns"]
    ([2020, 2021, 2022, 2023, 2024], 'Live births per 1,000 residents (invented)', ['municipality', 'indicator', 'values'])
    """
    from .i18n import current_language

    lang = lang or current_language()
    names = _roster_names(data, list(municipalities))
    values = _selected(data, list(names.values()))
    years = sorted(int(y) for y in values["year"].unique())
    indicators = [i for i in data.indicators if i in set(values["indicator"])]
    position = {year: k for k, year in enumerate(years)}

    def line(frame: pd.DataFrame, column: str) -> list[float | None]:
        out: list[float | None] = [None] * len(years)
        for year, value in zip(frame["year"], frame[column]):
            out[position[int(year)]] = round(float(value), 10)  # a median of 8.6 and 8.2 is 8.4, not 8.3999…
        return out

    medians = county_medians(data, list(names.values()))
    rows = []
    by_key = {key: frame for key, frame in values.groupby(["municipality", "indicator"], sort=False)}
    for roster_name, file_name in sorted(names.items()):
        for k, indicator in enumerate(indicators):
            frame = by_key.get((file_name, indicator))
            if frame is not None:
                rows.append([roster_name, k, line(frame, "value")])
    return {
        "years": years,
        "indicators": [{"id": i, "label": data.title(i, lang), "decimals": data.decimals.get(i, 1)} for i in indicators],
        "median": [line(medians[medians["indicator"] == i], "median") for i in indicators],
        "series": {"columns": ["municipality", "indicator", "values"], "rows": rows},
        "attribution": attribution(data, lang),
    }
