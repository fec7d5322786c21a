"""Exceptions and the problems found in a roster.

Hierarchy::

    VerkostoError          base class; the CLI prints its message on one line, exit 1
    ├── RosterError        the roster cannot be read or is invalid (names file/sheet/row/column)
    │   └── IndicatorError an indicator file cannot be read or is invalid (names file/row/column)
    ├── OutputError        an output cannot be written (missing folder, would overwrite input)
    └── RulesError         a rules file cannot be read (verkosto.coverage)

Messages are data: a :class:`Problem` or an error carries a key of the message catalogue
(:mod:`verkosto.i18n`) and the values it names — file, column, the bad value, the
suggestion — and is put into words only when it is shown, in the current language::

    >>> from verkosto.i18n import language
    >>> problem = Problem("error", "r.csv", "roster.unknown_value", {
    ...     "vocabulary": Message("vocabulary.tier"), "value": "x", "allowed": ("A", "B")}, row=3)
    >>> with language("fi"):
    ...     print(problem)
    r.csv, rivi 3: tuntematon taso 'x'; sallitut arvot: A, B
    >>> with language("en"):
    ...     print(problem)
    r.csv, row 3: unknown tier 'x'; Allowed values: A, B
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .i18n import catalogue, current_language, text

__all__ = ["Message", "Problem", "VerkostoError", "RosterError", "IndicatorError", "OutputError", "column_letter"]


def column_letter(index: int) -> str:
    """Spreadsheet letter of a zero-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _value(value: object, lang: str) -> object:
    """A parameter as the template receives it in *lang*."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(item, lang)) for item in value)
    return value  # a number is grouped by thousands in the language's way by text()


def render(key: str, params: Mapping[str, object], lang: str | None = None) -> str:
    """The catalogue text of *key* filled in with *params*, in *lang* (default: the current language).

    Parameters are shown as written, except a :class:`Message` (rendered in the same
    language), a list or tuple (its items joined with ``", "``) and an integer (grouped
    by thousands where the template asks for it with ``{name:,}``). A *key* that is not in
    the catalogue is shown as written: a message not yet moved to the catalogue.
    """
    lang = lang or current_language()
    if key not in catalogue():
        return key
    return text(key, lang, **{name: _value(value, lang) for name, value in params.items()})


class Message:
    """A catalogue key and its values, put into words when shown (``str``) or :meth:`render`-ed.

    >>> kind = Message("vocabulary.group_type")
    >>> kind.render("fi"), kind.render("en")
    ('ryhmätyyppi', 'group type')
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object):
        self.key, self.params = key, params

    def render(self, lang: str | None = None) -> str:
        return render(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        values = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Message({self.key!r}{values})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass(frozen=True)
class Problem:
    """One finding about a roster: where it is, what is wrong and how to fix it.

    ``severity`` is ``"error"`` or ``"warning"`` (the words for it are the catalogue's
    ``problem.severity.error`` and ``problem.severity.warning``). ``key`` and ``params`` are the
    catalogue message and its values; ``message`` and ``str(problem)`` put them into words in
    the current language. ``row`` is the spreadsheet row number (1-based, as Excel shows it)
    and ``column`` the header text as written in the file; either may be ``None`` when the
    problem concerns a whole file or sheet.
    """

    severity: str
    file: str
    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def message(self) -> str:
        """What is wrong and how to fix it, in the current language."""
        return render(self.key, self.params)

    def render(self, lang: str | None = None) -> str:
        """The whole line: file, sheet, row and column, then the message, in *lang*."""
        lang = lang or current_language()
        where = [self.file]
        if self.sheet:
            where.append(text("problem.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            where.append(text("problem.row", lang, row=self.row))
        if self.column:
            where.append(text("problem.column", lang, column=self.column))
        return f"{', '.join(where)}: {render(self.key, self.params, lang)}"

    def __str__(self) -> str:
        return self.render()


class VerkostoError(Exception):
    """Base class of every error verkosto raises on purpose.

    Made of a catalogue *key*, the *file* it concerns (shown first) and the values the
    message names; ``str(err)`` is the one line in the current language.

    >>> err = VerkostoError("file.not_found", file="kausi.xlsx")
    >>> err.render("fi"), err.render("en")
    ('kausi.xlsx: tiedostoa ei löydy; tarkista polku', 'kausi.xlsx: file not found; check the path')
    """

    def __init__(self, key: str, /, *, file: str | None = None, **params: object):
        super().__init__(key)
        self.key, self.file, self.params = key, file, params

    def location(self, lang: str) -> list[str]:
        """What the line names before the message: the file, when there is one."""
        return [self.file] if self.file else []

    @property
    def message(self) -> str:
        """What is wrong and how to fix it, in the current language."""
        return render(self.key, self.params)

    def render(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        where = self.location(lang)
        message = render(self.key, self.params, lang)
        return f"{', '.join(where)}: {message}" if where else message

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):
        return _restore, (type(self), self.__dict__)


def _restore(cls: type, state: dict) -> VerkostoError:
    """Unpickle an error (its ``__init__`` takes keywords that ``args`` does not hold)."""
    err: VerkostoError = Exception.__new__(cls)
    Exception.__init__(err, state.get("key"))
    err.__dict__.update(state)
    return err


class RosterError(VerkostoError):
    """The roster cannot be used; ``problems`` holds every error found (at least one).

    The message is the first problem's line.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        first = self.problems[0]
        super().__init__(first.key, file=first.file, **first.params)

    def render(self, lang: str | None = None) -> str:
        return self.problems[0].render(lang)


class IndicatorError(RosterError):
    """A file of municipal indicators cannot be used; ``problems`` holds every error found.

    A kind of :class:`RosterError`: the same one-line problems (file, row, column, what to do),
    about the indicator file read beside the roster.
    """


class OutputError(VerkostoError):
    """An output file cannot be written."""
