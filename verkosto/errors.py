"""Exceptions and the problems found in a roster.

Hierarchy::

    VerkostoError          base class; the CLI prints its message on one line, exit 1
    ├── RosterError        the roster cannot be read or is invalid (names file/sheet/row/column)
    └── OutputError        an output cannot be written (missing folder, would overwrite input)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "VerkostoError", "RosterError", "OutputError", "column_letter"]


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


@dataclass(frozen=True)
class Problem:
    """One finding about a roster: where it is, what is wrong and how to fix it.

    ``row`` is the spreadsheet row number (1-based, as Excel shows it) and ``column`` the
    header text as written in the file; either may be ``None`` when the problem concerns a
    whole file or sheet.
    """

    severity: str  # "error" or "warning"
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class VerkostoError(Exception):
    """Base class of every error verkosto raises on purpose."""


class RosterError(VerkostoError):
    """The roster cannot be used; ``problems`` holds every error found (at least one)."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(str(self.problems[0]))


class OutputError(VerkostoError):
    """An output file cannot be written."""
