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
MAX_WIDTH = 60  # characters; longer texts wrap within the column
WIDE_WIDTH = 100  # characters of a column of long texts (Sheet(wide=...))
_HEADER_WIDTH = 24  # a longer header wraps rather than widening its column
_LINE_HEIGHT = 15.0  # points per line of an 11 pt row
_LETTERS_PER_DIGIT = 1.1  # letters of running text in the width of one digit, measured in LibreOffice


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
        Grey the cells equal to 0 (conditional formatting), for coverage matrices: absent, and
        not a gap unless *marks* says so.
    index : bool
        Write the frame's index as the first column (for matrices).
    note : str, optional
        Written under the header when the frame has no rows ("Ei nivelhenkilöitä"), so that
        an empty sheet says why it is empty.
    marks : iterable of (int, int)
        Cells to mark as gaps, red: (row, column) positions in the written frame, 0-based,
        the index column (with *index*) being column 0.
    wide : iterable of str
        Columns of long texts (explanations, lists of groups) given :data:`WIDE_WIDTH`
        characters instead of :data:`MAX_WIDTH` before they wrap.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        headers: dict | None = None,
        *,
        highlight_zero=False,
        index=False,
        note: str | None = None,
        wide=(),
        marks=(),
    ):
        self.frame = frame.reset_index() if index else frame
        self.headers = headers or {}
        self.highlight_zero = highlight_zero
        self.note = note
        self.wide = frozenset(wide)
        self.marks = sorted(marks)


def _text(cell, value: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"  # never a formula or an error cell, whatever the text starts with


def _whole(values: list) -> bool:
    """Whether a column's numbers are all whole (253.0 is shown as 253): counts stay counts."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return bool(numbers) and all(math.isfinite(v) and float(v).is_integer() for v in numbers)


def _lines(value: object, width: float) -> int:
    """Lines a text takes when wrapped in a column *width* characters wide (1 for a number)."""
    import textwrap

    # A column's width counts digits; a line of text holds about 10 % more letters than that.
    room = int(width * _LETTERS_PER_DIGIT) - 3
    if not isinstance(value, str) or len(value) <= room:
        return 1
    return max(1, len(textwrap.wrap(value, max(room, 8), break_long_words=True)))


def _fill(sheet, frame: pd.DataFrame, headers: dict, note: str | None = None, wide=frozenset()) -> None:
    from openpyxl.styles import Alignment, Font

    columns = list(frame.columns)
    rows = [[_plain(v) for v in row] for row in frame.itertuples(index=False)]
    whole = [_whole([row[j] for row in rows]) for j in range(len(columns))]
    limits = [WIDE_WIDTH if column in wide else MAX_WIDTH for column in columns]
    widths = []
    for j, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=j)
        label = str(headers.get(column, column))
        _text(cell, label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths.append(min(len(label), _HEADER_WIDTH))
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            cell = sheet.cell(row=i, column=j)
            if isinstance(value, str):
                _text(cell, value)
                if len(value) > limits[j - 1]:
                    cell.alignment = wrap  # a long text wraps in its column instead of widening the page
            else:
                if whole[j - 1] and isinstance(value, float):
                    value = int(value)
                cell.value = value
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell.number_format = "0" if whole[j - 1] else "0.000"
            if i < 500:
                shown = f"{value:.3f}" if isinstance(value, float) else "" if value is None else str(value)
                widths[j - 1] = max(widths[j - 1], len(shown))
    if not rows and note:
        cell = sheet.cell(row=2, column=1)
        _text(cell, note)
        cell.font = Font(italic=True)
    widths = [min(limit, width + 2) for limit, width in zip(limits, widths)]
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=j).column_letter].width = width
    # Spreadsheet programs do not grow a row for wrapped text they did not lay out themselves
    # (LibreOffice keeps the default height and prints the lines over each other): set it.
    for i, row in enumerate([[headers.get(c, c) for c in columns], *rows], start=1):
        lines = max((_lines(v, widths[j]) for j, v in enumerate(row)), default=1)
        if lines > 1:
            sheet.row_dimensions[i].height = _LINE_HEIGHT * lines
            for j in range(1, len(columns) + 1):  # the row's short cells beside the wrapped one: at its top
                cell = sheet.cell(row=i, column=j)
                if not cell.alignment.wrap_text:
                    cell.alignment = Alignment(vertical="top")
    sheet.freeze_panes = "B2" if columns else None
    if len(frame):
        sheet.auto_filter.ref = sheet.dimensions


def _print_setup(sheet, footer: str | None) -> None:
    """Print on A4 landscape, as wide as the page, the header row on every page, gridlines on."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if footer:
        sheet.oddFooter.center.text = footer
        sheet.evenFooter.center.text = footer


def _highlight_zero(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if len(frame) == 0 or len(frame.columns) < 2:
        return
    area = f"B2:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    rule = CellIsRule(operator="equal", formula=["0"], font=Font(color="9A9A9A"))
    sheet.conditional_formatting.add(area, rule)


def _mark(sheet, marks) -> None:
    """Fill the gaps red, in bold dark red: a fixed style, stronger than the zeros' grey."""
    from openpyxl.styles import Font, PatternFill

    for row, column in marks:
        cell = sheet.cell(row=row + 2, column=column + 1)
        cell.fill = PatternFill("solid", fgColor="F4CCCC")
        cell.font = Font(color="9C0006", bold=True)


def write_xlsx(
    path: str | Path,
    sheets: dict[str, Sheet | pd.DataFrame],
    *,
    protect: Iterable = (),
    footer: str | None = None,
) -> Path:
    """Write tables as one workbook: bold frozen header, column widths, autofilter, text as text.

    Whole numbers are shown as integers (format ``0``), other numbers with three decimals
    (``0.000``), column by column; texts longer than :data:`MAX_WIDTH` wrap. Every sheet
    prints on A4 landscape, one page wide, with the header row repeated on every page and
    *footer* (Excel's header/footer codes, e.g. ``&A &P/&N``) at the bottom. Sheet names are
    cut to Excel's 31 characters. Returns the path.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the default empty sheet
    for name, sheet in sheets.items():
        if isinstance(sheet, pd.DataFrame):
            sheet = Sheet(sheet)
        target = book.create_sheet(name[:31])
        _fill(target, sheet.frame, sheet.headers, sheet.note, sheet.wide)
        _print_setup(target, footer)
        if sheet.highlight_zero:
            _highlight_zero(target, sheet.frame)
        _mark(target, sheet.marks)
    return write_atomic(path, lambda tmp: book.save(tmp), protect=protect)
