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


# ------------------------------------------------------------------ format v1.1: services

SERVICE_HEADER = ["Palvelu", "Organisaatio", "Sektori", "Tehtävä", "Asiakasryhmä", "Kunta", "Taso", "Muoto", "Paikka"]

# A small service-map vocabulary: 2 tasks × 2 client groups, one cell not applicable.
SERVICES_VOCABULARY = """
[task.meeting_places]
fi = "Kohtaamispaikat"
en = "Meeting places"
aliases = ["kohtaamispaikka"]

[task.separation]
fi = "Eroauttaminen"
en = "Separation help"
aliases = ["eroneuvonta"]

[client_group.infants]
fi = "Vauvaperheet"
en = "Families with infants"
aliases = ["vauvat"]

[client_group.expecting]
fi = "Odottavat perheet"
en = "Expecting families"
aliases = []

[not_applicable]
separation = ["expecting"]
"""

# SMALL plus organisations, one collaboration tie and seven services; every finding known:
#   municipalities Akaa, Valkeakoski (region Eteläinen) and Urjala (Läntinen);
#   applicable cells: meeting_places × infants, meeting_places × expecting, separation × infants.
#   gaps:     Akaa mp×expecting; Urjala mp×expecting and mp×infants (only the 'kaikki'
#             separation service reaches Urjala).
#   overlap:  Akaa mp×infants, open activity, universal: Akaan seurakunta and MLL Akaa.
#   opportunities: Akaa sep×infants (Akaan kaupunki, Ensikoti ry: no shared group, no tie);
#             Valkeakoski mp×expecting (Perhepalvelu Oy, Valkeakosken kaupunki).
#   not opportunities: Akaan seurakunta–MLL Akaa (share Akaan ohjausryhmä),
#             Valkeakosken kaupunki–Ensikoti ry (a collaboration tie).
SERVICES_ROSTER = {
    "Jäsenyydet": SMALL,
    "Organisaatiot": [
        ["Organisaatio", "Sektori", "Kunta", "Alue"],
        ["Akaan kaupunki", "Kunta", "Akaa", "Eteläinen"],
        ["Valkeakosken kaupunki", "Kunta", "Valkeakoski", "Eteläinen"],
        ["Urjalan kunta", "Kunta", "Urjala", "Läntinen"],
        ["Ensikoti ry", "Järjestö", "", ""],
    ],
    "Yhteistyö": [["Lähde", "Kohde"], ["Valkeakosken kaupunki", "Ensikoti ry"]],
    "Palvelut": [
        SERVICE_HEADER,
        ["Perhekahvila", "Akaan seurakunta", "", "Kohtaamispaikat", "Vauvaperheet", "Akaa", "Universaali", "Avoin toiminta", "Seurakuntatalo"],
        ["Vauvakerho", "MLL Akaa", "", "kohtaamispaikka", "vauvat", "Akaa", "universaali", "avoin toiminta", ""],
        ["Erokahvila", "Ensikoti ry", "", "Eroauttaminen", "Vauvaperheet", "kaikki", "Perustaso", "Vertaistuki", ""],
        ["Eroneuvonta", "Akaan kaupunki", "", "Eroneuvonta", "Vauvaperheet", "", "Perustaso", "Neuvonta", ""],
        ["Vauvaryhmä", "Valkeakosken kaupunki", "", "Kohtaamispaikat", "Vauvaperheet; Odottavat perheet", "Valkeakoski", "Universaali", "Vertaistuki", ""],
        ["Chat", "Ensikoti ry", "", "Kohtaamispaikat", "Vauvaperheet", "Valkeakoski", "", "Digitaalinen palvelu", ""],
        ["Doulatoiminta", "Perhepalvelu Oy", "Yritys", "Kohtaamispaikat", "Odottavat perheet", "Valkeakoski", "Universaali", "Avoin toiminta", ""],
    ],
}
