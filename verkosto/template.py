"""An empty roster workbook with every sheet, header and drop-down list of format v1."""

from __future__ import annotations

from pathlib import Path

from .output import write_atomic
from .schema import SHEETS, VOCABULARIES, label

__all__ = ["write_template"]

TEMPLATE_ROWS = 2000  # drop-down lists cover this many rows below the header


def write_template(path: str | Path, *, lang: str = "fi") -> Path:
    """Write an empty roster workbook.

    Each sheet of roster format v1 gets its headers (Finnish, or English with
    ``lang="en"``), a frozen header row, column widths and drop-down lists for sector,
    tier, role and group type.

    Returns
    -------
    Path
        The written file.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.worksheets[0])  # the default empty sheet
    for spec in SHEETS.values():
        sheet = book.create_sheet(spec["names"][0 if lang == "fi" else 1])
        for index, column in enumerate(spec["columns"], start=1):
            cell = sheet.cell(row=1, column=index, value=column.fi if lang == "fi" else column.en)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = PatternFill("solid", fgColor="FFF2CC")
            letter = cell.column_letter
            sheet.column_dimensions[letter].width = max(14, len(str(cell.value)) + 4)
            if column.vocabulary:
                values = ",".join(label(column.vocabulary, v, lang) for v in VOCABULARIES[column.vocabulary])
                validation = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    return write_atomic(path, lambda tmp: book.save(tmp))
