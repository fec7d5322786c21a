"""Tables out: Excel workbooks, CSV and JSON in which text from a roster stays text.

openpyxl turns any string starting with ``=`` into a formula and strings such as ``#N/A``
into error cells; spreadsheet programs run CSV cells starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return as formulas. Every writer here guards against both.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .output import write_atomic

__all__ = ["write_xlsx", "to_csv", "to_json", "csv_safe", "Sheet"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


def csv_safe(value: object) -> object:
    """Defuse a text that a spreadsheet program would run as a formula when opening a CSV.

    >>> csv_safe("=HYPERLINK(1)"), csv_safe("-x"), csv_safe("Kela"), csv_safe(-1.5)
    ("'=HYPERLINK(1)", "'-x", 'Kela', -1.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value: object) -> object:
    """A cell value: lists joined, missing values empty, numpy scalars as Python ones."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text (comma-separated, CRLF as RFC 4180 says) with formula-like text defused and lists joined."""
    return frame.map(lambda v: csv_safe(_plain(v))).to_csv(index=False, lineterminator="\r\n")


def to_json(data) -> str:
    """JSON of a DataFrame (list of records) or of a dict of them, keeping lists as lists."""

    def convert(value):
        if isinstance(value, pd.DataFrame):
            return [{k: convert(v) for k, v in row.items()} for row in value.to_dict(orient="records")]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        return _plain(value)

    return json.dumps(convert(data), ensure_ascii=False, indent=2) + "\n"


class Sheet:
    """One worksheet of a workbook: a table, its header labels and how to show it.

    Parameters
    ----------
    frame : DataFrame
    headers : dict, optional
        Column name -> header text shown (default: the column name).
    highlight_zero : bool
        Mark cells equal to 0 with a red fill (conditional formatting), for coverage matrices.
    index : bool
        Write the frame's index as the first column (for matrices).
    """

    def __init__(self, frame: pd.DataFrame, headers: dict | None = None, *, highlight_zero=False, index=False):
        self.frame = frame.reset_index() if index else frame
        self.headers = headers or {}
        self.highlight_zero = highlight_zero


def _text(cell, value: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"  # never a formula or an error cell, whatever the text starts with


def _fill(sheet, frame: pd.DataFrame, headers: dict) -> None:
    from openpyxl.styles import Font

    columns = list(frame.columns)
    widths = []
    for j, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=j)
        label = str(headers.get(column, column))
        _text(cell, label)
        cell.font = Font(bold=True)
        widths.append(len(label))
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            value = _plain(value)
            cell = sheet.cell(row=i, column=j)
            if isinstance(value, str):
                _text(cell, value)
            else:
                cell.value = value
                if isinstance(value, float):
                    cell.number_format = "0.000"
            if i < 500:
                widths[j - 1] = max(widths[j - 1], len(str(value)) if value is not None else 0)
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=j).column_letter].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "B2" if columns else None
    if len(frame):
        sheet.auto_filter.ref = sheet.dimensions


def _highlight_zero(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    if len(frame) == 0 or len(frame.columns) < 2:
        return
    area = f"B2:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    rule = CellIsRule(operator="equal", formula=["0"], fill=PatternFill("solid", bgColor="F4CCCC"), font=Font(color="9C0006"))
    sheet.conditional_formatting.add(area, rule)


def write_xlsx(path: str | Path, sheets: dict[str, Sheet | pd.DataFrame], *, protect: Iterable = ()) -> Path:
    """Write tables as one workbook: bold frozen header, column widths, autofilter, text as text.

    Sheet names are cut to Excel's 31 characters. Returns the path.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the default empty sheet
    for name, sheet in sheets.items():
        if isinstance(sheet, pd.DataFrame):
            sheet = Sheet(sheet)
        target = book.create_sheet(name[:31])
        _fill(target, sheet.frame, sheet.headers)
        if sheet.highlight_zero:
            _highlight_zero(target, sheet.frame)
    return write_atomic(path, lambda tmp: book.save(tmp), protect=protect)
