"""Three hand-checked seasons of one small network, built in code for tests/test_seasons.py.

Groups: Akaan ohjausryhmä (local), Etelä-Pirkanmaan koordinaatioryhmä (regional; spelled with
a hyphen in 2023-2024 and an en dash afterwards), Maakunnallinen ohjausryhmä (provincial),
Valkeakosken ohjausryhmä (local, from 2024-2025).

2023-2024
    Aino Aalto (e-mail)        Akaan kaupunki   Akaa: chair · Etelä: member
    Bertta Berg (e-mail)       Akaan seurakunta Akaa: contact · Etelä: contact
    Cecilia Cajander           MLL Akaa         Akaa: member
    Daniel Dahl (e-mail)       Kela             Etelä: chair · Maakunnallinen: member
    Eero Elo                   Akaan kaupunki   Maakunnallinen: chair
    Fanni Forss (e-mail)       Akaan kaupunki   Akaa: member
2024-2025: Aino is Aino Virtanen (same e-mail); Cecilia moved to Akaan kaupunki and is the
    contact of Akaa; Bertta chairs Etelä and is a member of Akaa; Aino is Etelä's contact;
    Daniel and Fanni left (with Daniel, Kela); Gustav Gran (MLL Akaa) joined: Akaa member,
    chair of the new Valkeakosken ohjausryhmä.
2025-2026: Bertta left (with her, Akaan seurakunta); Hilla Hakala joined from "Akaan
    seurakunnat" (a near-duplicate spelling); Eero chairs Etelä.
"""

from __future__ import annotations

from pathlib import Path

from rosters import write_xlsx

HEADER = ["Henkilö", "Organisaatio", "Sektori", "Ryhmä", "Taso", "Rooli", "Sähköposti", "Kausi"]
AKAA = "Akaan ohjausryhmä"
ETELA_HYPHEN = "Etelä-Pirkanmaan koordinaatioryhmä"
ETELA_DASH = "Etelä–Pirkanmaan koordinaatioryhmä"
PROVINCE = "Maakunnallinen ohjausryhmä"
VALKEAKOSKI = "Valkeakosken ohjausryhmä"

AINO = "aino@perhekeskus.example"
BERTTA = "bertta@perhekeskus.example"
DANIEL = "daniel@perhekeskus.example"
FANNI = "fanni@perhekeskus.example"
GUSTAV = "gustav@perhekeskus.example"
HILLA = "hilla@perhekeskus.example"

CITY = ("Akaan kaupunki", "Kunta")
PARISH = ("Akaan seurakunta", "Seurakunta")
PARISHES = ("Akaan seurakunnat", "Seurakunta")
MLL = ("MLL Akaa", "Järjestö")
KELA = ("Kela", "Kela")

LOCAL, REGIONAL, PROVINCIAL = "Paikallinen", "Alueellinen", "Maakunnallinen"


def _row(name, organisation, group, tier, role, email, season):
    return [name, *organisation, group, tier, role, email, season]


SEASON_ROWS = {
    "2023-2024": [
        ("Aino Aalto", CITY, AKAA, LOCAL, "Puheenjohtaja", AINO),
        ("Aino Aalto", CITY, ETELA_HYPHEN, REGIONAL, "Jäsen", AINO),
        ("Bertta Berg", PARISH, AKAA, LOCAL, "Yhdyshenkilö", BERTTA),
        ("Bertta Berg", PARISH, ETELA_HYPHEN, REGIONAL, "Yhdyshenkilö", BERTTA),
        ("Cecilia Cajander", MLL, AKAA, LOCAL, "Jäsen", ""),
        ("Daniel Dahl", KELA, ETELA_HYPHEN, REGIONAL, "Puheenjohtaja", DANIEL),
        ("Daniel Dahl", KELA, PROVINCE, PROVINCIAL, "Jäsen", DANIEL),
        ("Eero Elo", CITY, PROVINCE, PROVINCIAL, "Puheenjohtaja", ""),
        ("Fanni Forss", CITY, AKAA, LOCAL, "Jäsen", FANNI),
    ],
    "2024-2025": [
        ("Aino Virtanen", CITY, AKAA, LOCAL, "Puheenjohtaja", AINO),
        ("Aino Virtanen", CITY, ETELA_DASH, REGIONAL, "Yhdyshenkilö", AINO),
        ("Bertta Berg", PARISH, AKAA, LOCAL, "Jäsen", BERTTA),
        ("Bertta Berg", PARISH, ETELA_DASH, REGIONAL, "Puheenjohtaja", BERTTA),
        ("Cecilia Cajander", CITY, AKAA, LOCAL, "Yhdyshenkilö", ""),
        ("Eero Elo", CITY, PROVINCE, PROVINCIAL, "Puheenjohtaja", ""),
        ("Gustav Gran", MLL, AKAA, LOCAL, "Jäsen", GUSTAV),
        ("Gustav Gran", MLL, VALKEAKOSKI, LOCAL, "Puheenjohtaja", GUSTAV),
    ],
    "2025-2026": [
        ("Aino Virtanen", CITY, AKAA, LOCAL, "Puheenjohtaja", AINO),
        ("Aino Virtanen", CITY, ETELA_DASH, REGIONAL, "Yhdyshenkilö", AINO),
        ("Cecilia Cajander", CITY, AKAA, LOCAL, "Yhdyshenkilö", ""),
        ("Eero Elo", CITY, PROVINCE, PROVINCIAL, "Puheenjohtaja", ""),
        ("Eero Elo", CITY, ETELA_DASH, REGIONAL, "Puheenjohtaja", ""),
        ("Gustav Gran", MLL, AKAA, LOCAL, "Jäsen", GUSTAV),
        ("Gustav Gran", MLL, VALKEAKOSKI, LOCAL, "Puheenjohtaja", GUSTAV),
        ("Hilla Hakala", PARISHES, AKAA, LOCAL, "Jäsen", HILLA),
    ],
}
SEASONS = tuple(SEASON_ROWS)


def season_rows(season: str) -> list[list]:
    return [HEADER] + [_row(*r, season) for r in SEASON_ROWS[season]]


def write_season(folder: Path, season: str) -> Path:
    """One season's roster as its own workbook, ``<folder>/kausi_<season>.xlsx``."""
    return write_xlsx(folder / f"kausi_{season}.xlsx", {"Jäsenyydet": season_rows(season)})


def write_all_seasons(path: Path) -> Path:
    """Every season in one workbook, told apart by the Kausi column."""
    rows = [HEADER] + [_row(*r, s) for s in SEASONS for r in SEASON_ROWS[s]]
    return write_xlsx(path, {"Jäsenyydet": rows})
