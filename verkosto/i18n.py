"""The message catalogue: every string a person reads, in Finnish (the default) and English.

The catalogue lives in ``verkosto/messages/*.toml``, one file per area (the map page, images,
the report, the command line, errors and warnings …). Each entry is a table named by its key
with one string per language::

    [map.search]
    fi = "Hae"
    en = "Search"

Keys are unique across the files; ``{name}`` marks a value filled in by :func:`text`.
Vocabulary values (sectors, tiers, group types, roles) are part of the roster format and
keep their labels in :mod:`verkosto.schema`.

The language of a call is its ``lang`` argument, else the language set with
:func:`set_language` (the command line's ``--lang``), else the ``VERKOSTO_LANG``
environment variable, else Finnish.
"""

from __future__ import annotations

import contextlib
import functools
import os
import string
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "TEXTS",
    "catalogue",
    "current_language",
    "language",
    "set_language",
    "text",
]

#: Supported languages; the first is the default.
LANGUAGES = ("fi", "en")

_FOLDER = Path(__file__).resolve().parent / "messages"
_chosen: str | None = None


def _entries(table: Mapping, prefix: str, source: str, out: dict[str, dict[str, str]]) -> None:
    """Flatten one file's tables: a table's language strings are the entry of its path."""
    strings = {k: v for k, v in table.items() if isinstance(v, str)}
    if strings:
        key = prefix.rstrip(".")
        if set(strings) != set(LANGUAGES):
            raise ValueError(f"{source}: [{key}] must have exactly the languages {', '.join(LANGUAGES)}")
        if key in out:
            raise ValueError(f"{source}: [{key}] is defined twice in the catalogue")
        out[key] = strings
    for name, value in table.items():
        if isinstance(value, Mapping):
            _entries(value, f"{prefix}{name}.", source, out)


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every entry: ``{key: {"fi": ..., "en": ...}}``, read once from ``messages/*.toml``."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(_FOLDER.glob("*.toml")):
        _entries(tomllib.loads(path.read_text(encoding="utf-8")), "", path.name, out)
    return out


class _Texts(Mapping):
    """``TEXTS[lang][key]``: the catalogue as one dictionary per language."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return _per_language(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


@functools.cache
def _per_language(lang: str) -> dict[str, str]:
    return {key: entry[lang] for key, entry in catalogue().items()}


TEXTS: Mapping[str, dict[str, str]] = _Texts()


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    return lang


def current_language() -> str:
    """The language used when a call names none: set_language(), else VERKOSTO_LANG, else fi."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get("VERKOSTO_LANG", "").strip().lower()
    return env if env in LANGUAGES else LANGUAGES[0]


def set_language(lang: str | None) -> None:
    """Choose the language of every later message; ``None`` goes back to VERKOSTO_LANG / fi."""
    global _chosen
    _chosen = None if lang is None else _check(lang)


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Use *lang* inside a ``with`` block (``None`` keeps the current language)."""
    global _chosen
    before = _chosen
    if lang is not None:
        set_language(lang)
    try:
        yield current_language()
    finally:
        _chosen = before


def text(key: str, lang: str | None = None, /, **params: object) -> str:
    """The catalogue's string *key* in *lang* (default: :func:`current_language`), filled in.

    Raises
    ------
    ValueError
        If *lang* is not one of :data:`LANGUAGES`.
    KeyError
        If *key* is not in the catalogue.

    Examples
    --------
    >>> text("title", "fi")
    'Verkostokartta'
    >>> text("kind.person", "en")
    'Person'
    >>> text("map.visible", "en", visible=3, total=10)
    'Showing 3 of 10 nodes'
    """
    lang = _check(lang or current_language())
    template = catalogue()[key][lang]
    if not params:
        return template
    return _FINNISH.vformat(template, (), params) if lang == "fi" else template.format(**params)


class _FinnishFormatter(string.Formatter):
    """``{count:,}`` as Finnish writes it: a space between thousands, a decimal comma.

    >>> _FINNISH.format("{n:,} / {x:,.1f}", n=1048576, x=1234.5)
    '1 048 576 / 1 234,5'
    """

    def format_field(self, value: object, format_spec: str) -> str:
        formatted = super().format_field(value, format_spec)
        if "," not in format_spec or isinstance(value, bool) or not isinstance(value, int | float):
            return formatted
        return formatted.replace(",", " ").replace(".", ",")


_FINNISH = _FinnishFormatter()


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a catalogue string.

    >>> sorted(placeholders("{visible} / {total}"))
    ['total', 'visible']
    """
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}
