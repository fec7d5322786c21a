"""Fetching municipal indicators from Sotkanet, THL's statistics and indicator bank.

Sotkanet's public REST API (``https://sotkanet.fi/rest/1.1``) is meant for occasional
queries, not bulk downloads, so :func:`fetch` asks only what a roster needs: the regions list
once, then for each indicator its metadata and one data request holding every year asked
(``/json?indicator=ID&years=Y…&genders=total``). It waits at most :data:`TIMEOUT` seconds for
an answer, names itself with :data:`USER_AGENT`, keeps the roster's municipalities only and
writes Sotkanet's source and licence (CC BY 4.0) into the file, which
:func:`verkosto.indicators.read_indicators` reads back.

All network traffic goes through :func:`_get` (urllib of the standard library), which the
tests replace with recorded answers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .errors import VerkostoError
from .indicators import MunicipalityIndex, normalise_municipality
from .output import write_atomic

__all__ = ["BASE_URL", "LICENCE", "MAX_INDICATORS", "SOURCE", "TIMEOUT", "USER_AGENT", "fetch",
           "fetch_file", "parse_years", "write_fetched"]

BASE_URL = "https://sotkanet.fi/rest/1.1"
SOURCE = "Sotkanet, Terveyden ja hyvinvoinnin laitos (THL)"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
TIMEOUT = 30.0
MAX_INDICATORS = 20
USER_AGENT = "verkosto/0.1 (family-centre network map; occasional queries for one county)"

_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-\u2013]\s*(\d{4})\s*)?$")
_METADATA_FIELDS = ("id", "title", "decimals", "primaryValueType", "organization", "data-updated", "range")


def _get(url: str, *, timeout: float) -> bytes:
    """The body of a GET request to *url*; the only function here that uses the network."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - a fixed https URL
        return response.read()


def _json(url: str, timeout: float):
    host = urllib.parse.urlsplit(url).netloc
    try:
        body = _get(url, timeout=timeout)
    except urllib.error.HTTPError as err:
        raise VerkostoError("indicators.http_error", status=err.code, url=url) from None
    except urllib.error.URLError as err:
        raise VerkostoError("indicators.offline", host=host, reason=_reason(err.reason)) from None
    except (TimeoutError, OSError) as err:
        raise VerkostoError("indicators.offline", host=host, reason=_reason(err)) from None
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise VerkostoError("indicators.bad_answer", url=url) from None


def _reason(err: object) -> str:
    if isinstance(err, TimeoutError):  # socket.timeout is TimeoutError since Python 3.10
        return "timeout"
    text = str(getattr(err, "strerror", None) or err)
    return " ".join(text.split())[:120]


def parse_years(text: str) -> list[int]:
    """The years of ``2020-2024`` (both included) or ``2023``.

    >>> parse_years("2020-2024"), parse_years("2023")
    ([2020, 2021, 2022, 2023, 2024], [2023])
    """
    match = _YEARS.match(str(text))
    if not match:
        raise VerkostoError("indicators.bad_years", value=text)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first or last - first > 50:
        raise VerkostoError("indicators.bad_years", value=text)
    return list(range(first, last + 1))


def fetch(
    indicators: Sequence[int | str],
    years: Sequence[int],
    municipalities: Iterable[str],
    *,
    timeout: float = TIMEOUT,
    today: str | None = None,
) -> dict:
    """Sotkanet's values of *indicators* in *years* for *municipalities*, as one document.

    Parameters
    ----------
    indicators : sequence of int or str
        Sotkanet's indicator numbers; at most :data:`MAX_INDICATORS`.
    years : sequence of int
    municipalities : iterable of str
        Names or official numbers (the roster's municipalities); matched against Sotkanet's
        regions list and ``data/kunnat.csv``.
    timeout : float
        Seconds to wait for each answer.
    today : str, optional
        The date written as ``fetched`` (default: today).

    Returns
    -------
    dict
        ``{"source", "licence", "licence_url", "url", "fetched", "indicators", "regions",
        "data"}``: :func:`verkosto.indicators.read_indicators` reads it.

    Raises
    ------
    VerkostoError
        One line when Sotkanet cannot be reached (``indicators.offline``), answers with an
        HTTP error or in another shape, or when no municipality of the roster is known.
    """
    ids = [str(int(i)) for i in dict.fromkeys(str(i).strip() for i in indicators)]
    if len(ids) > MAX_INDICATORS:
        raise VerkostoError("indicators.too_many", most=MAX_INDICATORS)
    wanted = list(municipalities)
    regions = _json(f"{BASE_URL}/regions", timeout)
    if not isinstance(regions, list):
        raise VerkostoError("indicators.bad_answer", url=f"{BASE_URL}/regions")
    chosen = _municipal_regions(regions, wanted)
    if not chosen:
        raise VerkostoError("indicators.no_municipalities", names=tuple(wanted) or "-")
    chosen_ids = {region["id"] for region in chosen}
    wanted_years = set(years)
    metadata: list[dict] = []
    data: list[Mapping] = []
    for indicator in ids:
        meta = _json(f"{BASE_URL}/indicators/{indicator}", timeout)
        if isinstance(meta, Mapping):
            metadata.append({k: meta[k] for k in _METADATA_FIELDS if k in meta})
        query = urllib.parse.urlencode([("indicator", indicator), *(("years", y) for y in years),
                                        ("genders", "total")])
        url = f"{BASE_URL}/json?{query}"
        rows = _json(url, timeout)
        if not isinstance(rows, list):
            raise VerkostoError("indicators.bad_answer", url=url)
        data.extend(row for row in rows
                    if isinstance(row, Mapping) and row.get("region") in chosen_ids and row.get("year") in wanted_years)
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "url": BASE_URL,
        "fetched": today or dt.date.today().isoformat(),
        "indicators": metadata,
        "regions": chosen,
        "data": data,
    }


def _municipal_regions(regions: list, wanted: list[str]) -> list[dict]:
    """The KUNTA regions of Sotkanet's list that are among *wanted* (by number or name)."""
    index = MunicipalityIndex.default()
    keys = {normalise_municipality(m) for m in wanted}
    for name in wanted:
        found = index.match(name)
        if found and found[0]:
            keys.add(found[0])
    chosen = []
    for region in regions:
        if not isinstance(region, Mapping) or str(region.get("category", "")).upper() != "KUNTA":
            continue
        title = region.get("title")
        if not isinstance(title, Mapping):
            title = {}
        names = {normalise_municipality(region.get("code") or "")}
        names.update(normalise_municipality(v) for v in title.values() if isinstance(v, str))
        if names & keys:
            chosen.append(dict(region))
    return chosen


def write_fetched(path: str | Path, document: Mapping, *, protect=()) -> Path:
    """Write a fetched document as UTF-8 JSON (whole or not at all)."""
    return write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n", protect=protect)


def fetch_file(
    path: str | Path,
    *,
    indicators: Sequence[int | str],
    years: str | Sequence[int],
    municipalities: Iterable[str],
    timeout: float = TIMEOUT,
    protect=(),
) -> dict:
    """:func:`fetch` and :func:`write_fetched` in one: the document written to *path*.

    *years* may be text such as ``"2020-2024"`` (:func:`parse_years`).
    """
    chosen = parse_years(years) if isinstance(years, str) else list(years)
    document = fetch(indicators, chosen, municipalities, timeout=timeout)
    write_fetched(path, document, protect=protect)
    return document
