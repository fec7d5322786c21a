"""Small rosters built in code for the tests: writers for CSV, xlsx and ods."""

from __future__ import annotations

from pathlib import Path

MEMBERSHIP_HEADER = ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso", "Rooli", "Kunta", "Sähköposti"]

# A hand-checked roster: 4 persons, 3 organisations, 3 groups on two tiers.
#   Aino   : Akaan ohjausryhmä (chair), Eteläinen koordinaatioryhmä
#   Bertta : Akaan ohjausryhmä, Eteläinen koordinaatioryhmä (contact)
#   Cecilia: Akaan ohjausryhmä
#   Daniel : Eteläinen koordinaatioryhmä, Valkeakosken ohjausryhmä
SMALL = [
    MEMBERSHIP_HEADER,
    ["Aino Aalto", "Akaan kaupunki", "Kunta", "Akaan ohjausryhmä", "Paikallinen", "Puheenjohtaja", "Akaa", "aino@perhekeskus.example"],
    ["Aino Aalto", "Akaan kaupunki", "Kunta", "Eteläinen koordinaatioryhmä", "Alueellinen", "Jäsen", "Akaa", "aino@perhekeskus.example"],
    ["Bertta Berg", "Akaan seurakunta", "Seurakunta", "Akaan ohjausryhmä", "Paikallinen", "", "Akaa", ""],
    ["Bertta Berg", "Akaan seurakunta", "Seurakunta", "Eteläinen koordinaatioryhmä", "Alueellinen", "Yhdyshenkilö", "Akaa", ""],
    ["Cecilia Cajander", "MLL Akaa", "Järjestö", "Akaan ohjausryhmä", "Paikallinen", "jäsen", "Akaa", ""],
    ["Daniel Dahl", "Akaan kaupunki", "kunta", "Eteläinen koordinaatioryhmä", "alueellinen", "varajäsen", "", ""],
    ["Daniel Dahl", "MLL Akaa", "Järjestö", "Valkeakosken ohjausryhmä", "Paikallinen", "", "Valkeakoski", ""],
]


def write_csv(path: Path, rows, *, sep=";", encoding="utf-8") -> Path:
    text = "\r\n".join(sep.join(str(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]], *, text: bool = False) -> Path:
    """Write a workbook; with ``text=True`` every string is a text cell, even '=…' or '#N/A'
    (as Excel stores text typed after an apostrophe), otherwise openpyxl makes those formulas."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if text:
            for cells in sheet.iter_rows():
                for cell in cells:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
    book.save(path)
    return path


def write_ods(path: Path, sheets: dict[str, list[list]]) -> Path:
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=name, index=False)
    return path
