"""User-interface strings of the network map in Finnish (the default) and English.

Vocabulary values (sectors, tiers, group types, roles) have their labels in
:mod:`verkosto.schema`; this module holds the rest of the words on the page.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "TEXTS", "text"]

#: Supported interface languages; the first is the default.
LANGUAGES = ("fi", "en")

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "title": "Verkostokartta",
        "season": "Kausi",
        "source": "Lähde",
        "help": "Vieritä zoomataksesi, vedä siirtääksesi, vie hiiri solmun päälle nähdäksesi tiedot.",
        "legend": "Selite",
        "legend.sectors": "Sektorit",
        "legend.kinds": "Solmut",
        "legend.edges": "Yhteydet",
        "legend.tiers": "Tasot",
        "kind.person": "Henkilö",
        "kind.organisation": "Organisaatio",
        "kind.group": "Ryhmä",
        "kind.network": "Verkosto tai työryhmä",
        "kind.tier": "Taso",
        "edge.member_of": "Jäsenyys",
        "edge.works_for": "Työpaikka",
        "edge.part_of": "Kuuluu tasoon",
        "edge.reports_to": "Yläryhmä",
        "edge.collaborates": "Yhteistyö",
        "ring.provincial": "Keskellä: maakunnallinen taso",
        "ring.regional": "Keskirengas: alueelliset ryhmät",
        "ring.local": "Ulkorengas: paikalliset ryhmät alueittain",
        "ring.cross_cutting": "Renkaan sisäreunalla: poikkileikkaavat verkostot ja työryhmät",
        "ring.people": "Henkilöt ryhmiensä lähellä, organisaatiot henkilöidensä lähellä",
        "field.organisation": "Organisaatio",
        "field.sector": "Sektori",
        "field.municipality": "Kunta",
        "field.region": "Alue",
        "field.groups": "Ryhmät",
        "field.tier": "Taso",
        "field.type": "Tyyppi",
        "field.parent": "Yläryhmä",
        "field.meetings": "Kokouksia kaudessa",
        "field.members": "Jäseniä",
        "field.persons": "Henkilöitä",
        "field.group_count": "Ryhmiä",
    },
    "en": {
        "title": "Network map",
        "season": "Season",
        "source": "Source",
        "help": "Scroll to zoom, drag to pan, hover over a node for details.",
        "legend": "Legend",
        "legend.sectors": "Sectors",
        "legend.kinds": "Nodes",
        "legend.edges": "Links",
        "legend.tiers": "Tiers",
        "kind.person": "Person",
        "kind.organisation": "Organisation",
        "kind.group": "Group",
        "kind.network": "Network or working group",
        "kind.tier": "Tier",
        "edge.member_of": "Membership",
        "edge.works_for": "Works for",
        "edge.part_of": "Belongs to tier",
        "edge.reports_to": "Parent group",
        "edge.collaborates": "Collaboration",
        "ring.provincial": "Centre: provincial tier",
        "ring.regional": "Middle ring: regional groups",
        "ring.local": "Outer ring: local groups by region",
        "ring.cross_cutting": "Inside edge of a ring: cross-cutting networks and working groups",
        "ring.people": "Persons next to their groups, organisations next to their people",
        "field.organisation": "Organisation",
        "field.sector": "Sector",
        "field.municipality": "Municipality",
        "field.region": "Region",
        "field.groups": "Groups",
        "field.tier": "Tier",
        "field.type": "Type",
        "field.parent": "Parent group",
        "field.meetings": "Meetings per season",
        "field.members": "Members",
        "field.persons": "Persons",
        "field.group_count": "Groups",
    },
}


def text(key: str, lang: str = "fi") -> str:
    """The interface string *key* in language *lang*.

    Raises
    ------
    ValueError
        If *lang* is not one of :data:`LANGUAGES`.
    KeyError
        If *key* is not a known string.

    Examples
    --------
    >>> text("title")
    'Verkostokartta'
    >>> text("kind.person", "en")
    'Person'
    """
    if lang not in TEXTS:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    return TEXTS[lang][key]
