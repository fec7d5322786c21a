"""Roster format v1.1: sheets, columns, canonical values and their Finnish and English names."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "Column",
    "SHEETS",
    "VOCABULARIES",
    "SECTORS",
    "TIERS",
    "GROUP_TYPES",
    "ROLES",
    "SERVICE_LEVELS",
    "SERVICE_FORMS",
    "TIER_ORDER",
    "aliases",
    "normalize_text",
    "fold",
    "label",
]


def normalize_text(value: object) -> str:
    r"""Return *value* as clean text: NFC, single spaces, stripped, no control characters.

    Tabs and line breaks become spaces; other control and format characters (NUL, ESC,
    zero-width and direction marks) are removed.

    >>> normalize_text("  Anna\u00a0 Virta ")
    'Anna Virta'
    >>> normalize_text("A\u0308iti\u00f6\x00")
    'Äitiö'
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():  # the common case, fast: no control, format or unusual space character
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        return text.strip() if "  " not in text else " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    text = "".join(_clean_char(ch) for ch in text)
    return " ".join(text.split())


def _clean_char(ch: str) -> str:
    if ch in "\t\n\r":
        return " "
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf"):
        return ""
    return " " if category == "Zs" else ch


def fold(value: object) -> str:
    """Key for case- and accent-insensitive comparison of headers and vocabulary values.

    >>> fold(" JÄRJESTÖ ") == fold("järjestö")
    True
    """
    return normalize_text(value).casefold()


@dataclass(frozen=True)
class Column:
    """One column of a roster sheet: canonical key, Finnish and English header."""

    key: str
    fi: str
    en: str
    required: bool = False
    vocabulary: str | None = None


# Canonical value -> (Finnish label, English label, extra accepted aliases).
SECTORS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "municipality": ("Kunta", "Municipality", ("kunnat",)),
    "wellbeing_county": (
        "Hyvinvointialue",
        "Wellbeing services county",
        ("hyvinvointialue", "wellbeing county", "hva", "hyvinvointialueet"),
    ),
    "parish": ("Seurakunta", "Parish", ("seurakunnat", "church")),
    "ngo": ("Järjestö", "NGO", ("järjestöt", "järjestösektori", "yhdistys", "3. sektori")),
    "kela": ("Kela", "Kela", ()),
    "education": (
        "Oppilaitos",
        "Education",
        ("oppilaitos", "korkeakoulu", "yliopisto", "ammattikorkeakoulu", "university"),
    ),
    "research": ("Tutkimuslaitos", "Research", ("tutkimus", "research institute")),
    "business": ("Yritys", "Business", ("yritykset", "company")),
    "families": ("Perheet ja asukkaat", "Families and residents", ("perheet", "asukkaat", "residents")),
    "other": ("Muu", "Other", ()),
}

TIERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "provincial": ("Maakunnallinen", "Provincial", ("maakunta", "county-wide")),
    "regional": ("Alueellinen", "Regional", ("alue",)),
    "local": ("Paikallinen", "Local", ("kunnallinen",)),
}

GROUP_TYPES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "steering_group": ("Ohjausryhmä", "Steering group", ("steering group",)),
    "coordination_group": ("Koordinaatioryhmä", "Coordination group", ("coordination group",)),
    "expert_network": ("Asiantuntijaverkosto", "Expert network", ("expert network",)),
    "meeting_place_network": (
        "Kohtaamispaikkaverkosto",
        "Meeting-place network",
        ("meeting place network", "meeting-place network"),
    ),
    "family_guidance_network": (
        "Perheneuvoverkosto",
        "Family-guidance network",
        ("family guidance network", "family-guidance network"),
    ),
    "working_group": ("Työryhmä", "Working group", ("working group",)),
    "other": ("Muu", "Other", ()),
}

ROLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "chair": ("Puheenjohtaja", "Chair", ("pj", "pj.")),
    "vice_chair": ("Varapuheenjohtaja", "Vice-chair", ("vpj", "vpj.", "vice chair", "vice-chair")),
    "member": ("Jäsen", "Member", ()),
    "deputy": ("Varajäsen", "Deputy", ("deputy member",)),
    "contact": ("Yhdyshenkilö", "Contact person", ("contact person",)),
    "secretary": ("Sihteeri", "Secretary", ()),
    "coordinator": ("Koordinaattori", "Coordinator", ()),
    "expert": ("Asiantuntija", "Expert", ()),
}

# Format v1.1, the Services sheet: the levels and forms of service of the family-centre model.
# (Its tasks and client groups are a county's own lists: verkosto.services, data/palvelukartta.toml.)
SERVICE_LEVELS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "universal": ("Universaali", "Universal", ("universaalitaso", "peruspalvelu")),
    "basic": ("Perustaso", "Basic", ("perustason palvelu", "basic level")),
    "special": ("Erityistaso", "Special", ("erityispalvelu", "special level", "specialised")),
}

SERVICE_FORMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "open_activity": ("Avoin toiminta", "Open activity", ("avoin", "open activities")),
    "peer_support": ("Vertaistuki", "Peer support", ("vertaistukiryhmä", "peer-support group")),
    "early_support": ("Varhainen tuki", "Early support", ("early help",)),
    "service": ("Palvelu", "Service", ("palvelut", "vastaanotto", "ryhmäpalvelu")),
    "guidance": ("Neuvonta", "Guidance", ("neuvonta ja ohjaus", "ohjaus", "perheohjaus", "guidance and advice")),
    "digital": ("Digitaalinen palvelu", "Digital service", ("digitaalinen", "verkkopalvelu", "digital", "online")),
}

VOCABULARIES = {
    "sector": SECTORS,
    "tier": TIERS,
    "group_type": GROUP_TYPES,
    "role": ROLES,
    "service_level": SERVICE_LEVELS,
    "service_form": SERVICE_FORMS,
}

TIER_ORDER = ("provincial", "regional", "local")


def aliases(vocabulary: str) -> dict[str, str]:
    """Map every accepted spelling (folded) of a vocabulary to its canonical value."""
    table: dict[str, str] = {}
    for canonical, (fi, en, extra) in VOCABULARIES[vocabulary].items():
        for name in (canonical, canonical.replace("_", " "), canonical.replace("_", "-"), fi, en, *extra):
            table[fold(name)] = canonical
    return table


def label(vocabulary: str, canonical: str, lang: str = "fi") -> str:
    """Human label of a canonical value, e.g. ``label("sector", "ngo") == "Järjestö"``."""
    entry = VOCABULARIES[vocabulary].get(canonical)
    if entry is None:
        return canonical
    return entry[0] if lang == "fi" else entry[1]


# Sheets in reading order. Keys are canonical; headers are matched with ``fold``.
SHEETS: dict[str, dict] = {
    "memberships": {
        "names": ("Jäsenyydet", "Memberships"),
        "columns": (
            Column("person", "Henkilö", "Person", True),
            Column("organisation", "Organisaatio", "Organisation", True),
            Column("sector", "Sektori", "Sector", vocabulary="sector"),
            Column("group", "Ryhmä", "Group", True),
            Column("tier", "Taso", "Tier", vocabulary="tier"),
            Column("role", "Rooli", "Role", vocabulary="role"),
            Column("municipality", "Kunta", "Municipality"),
            Column("region", "Alue", "Region"),
            Column("email", "Sähköposti", "Email"),
            Column("season", "Kausi", "Season"),
        ),
    },
    "groups": {
        "names": ("Ryhmät", "Groups"),
        "columns": (
            Column("group", "Ryhmä", "Group", True),
            Column("tier", "Taso", "Tier", True, "tier"),
            Column("group_type", "Tyyppi", "Type", vocabulary="group_type"),
            Column("region", "Alue", "Region"),
            Column("municipality", "Kunta", "Municipality"),
            Column("parent", "Yläryhmä", "Parent group"),
            Column("meetings", "Kokoukset", "Meetings"),
        ),
    },
    "organisations": {
        "names": ("Organisaatiot", "Organisations"),
        "columns": (
            Column("organisation", "Organisaatio", "Organisation", True),
            Column("sector", "Sektori", "Sector", True, "sector"),
            Column("municipality", "Kunta", "Municipality"),
            Column("region", "Alue", "Region"),
        ),
    },
    "collaborations": {
        "names": ("Yhteistyö", "Collaboration"),
        "columns": (
            Column("source", "Lähde", "From", True),
            Column("target", "Kohde", "To", True),
            Column("type", "Tyyppi", "Type"),
            Column("weight", "Vahvuus", "Weight"),
        ),
    },
    # Format v1.1, optional. Task, client group and municipality may hold several values
    # separated by ";"; their vocabularies are the services vocabulary's (verkosto.services).
    "services": {
        "names": ("Palvelut", "Services"),
        "columns": (
            Column("service", "Palvelu", "Service", True),
            Column("organisation", "Organisaatio", "Organisation", True),
            Column("sector", "Sektori", "Sector", vocabulary="sector"),
            Column("task", "Tehtävä", "Task", True, "task"),
            Column("client_group", "Asiakasryhmä", "Client group", True, "client_group"),
            Column("municipality", "Kunta", "Municipality"),
            Column("level", "Taso", "Level", vocabulary="service_level"),
            Column("form", "Muoto", "Form", vocabulary="service_form"),
            Column("place", "Paikka", "Place"),
        ),
    },
}
