"""An empty roster workbook with every sheet, header and drop-down list of format v1.1."""

from __future__ import annotations

from pathlib import Path

from .output import write_atomic
from .schema import SHEETS, VOCABULARIES, label

__all__ = ["write_template"]

TEMPLATE_ROWS = 2000  # drop-down lists cover this many rows below the header


def write_template(path: str | Path, *, lang: str = "fi", services_vocabulary=None) -> Path:
    """Write an empty roster workbook.

    Each sheet of roster format v1 gets its headers (Finnish, or English with
    ``lang="en"``), a frozen header row, column widths and drop-down lists for sector,
    tier, role and group type, and on the Services sheet for task, client group, level and
    form (the tasks and client groups of *services_vocabulary*, by default the shipped ones).

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
            if column.vocabulary in SERVICE_LISTS:
                _service_list(book, sheet, letter, column.vocabulary, lang, services_vocabulary)
            elif column.vocabulary:
                values = ",".join(label(column.vocabulary, v, lang) for v in VOCABULARIES[column.vocabulary])
                validation = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    return write_atomic(path, lambda tmp: book.save(tmp))


SERVICE_LISTS = ("task", "client_group")
LISTS_SHEET = {"fi": "Luettelot", "en": "Lists"}


def _service_list(book, sheet, letter: str, kind: str, lang: str, vocabulary) -> None:
    """A drop-down list of tasks or client groups, kept on a hidden sheet: the names hold
    commas and are too long for a list written into the rule itself. A cell may hold several
    values separated by ";", so the list suggests and does not refuse."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from .services import ServiceVocabulary, load_vocabulary

    if not isinstance(vocabulary, ServiceVocabulary):
        vocabulary = load_vocabulary(vocabulary)
    name = LISTS_SHEET["fi" if lang == "fi" else "en"]
    if name not in book.sheetnames:
        book.create_sheet(name).sheet_state = "hidden"
    lists = book[name]
    column = SERVICE_LISTS.index(kind) + 1
    names = [vocabulary.label(kind, canonical, lang) for canonical in vocabulary.entries(kind)]
    for row, value in enumerate(names, start=1):
        lists.cell(row=row, column=column, value=value)
    target = lists.cell(row=1, column=column).column_letter
    validation = DataValidation(
        type="list", formula1=f"'{name}'!${target}$1:${target}${len(names)}", allow_blank=True, showErrorMessage=False
    )
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)
