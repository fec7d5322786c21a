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
        "help": "Napsauta solmua: tiedot ja lähiverkosto. Vieritä zoomataksesi, vedä siirtääksesi. / hakee, Esc sulkee.",
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
        "help": "Click a node for its details and neighbours. Scroll to zoom, drag to pan. / searches, Esc closes.",
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

# Static images (verkosto.static).
TEXTS["fi"].update(
    {
        "static.persons": "Henkilöitä",
        "static.organisations": "Organisaatioita",
        "static.groups": "Ryhmiä",
        "static.collaborations": "Yhteistyösuhteita",
        "static.coverage_title": "Sektorien edustus tasoilla ja ryhmissä",
        "static.sector_tier": "Sektori × taso",
        "static.sector_group": "Sektori × ryhmä",
        "static.count": "Edustettuja",
        "static.gap_note": "Vinoviivoitettu punareunainen ruutu: sektori puuttuu (katvealue)",
        "static.findings": "Havainnot",
        "static.more": "… ja {count} muuta havaintoa",
    }
)
TEXTS["en"].update(
    {
        "static.persons": "Persons",
        "static.organisations": "Organisations",
        "static.groups": "Groups",
        "static.collaborations": "Collaborations",
        "static.coverage_title": "Sector representation by tier and group",
        "static.sector_tier": "Sector × tier",
        "static.sector_group": "Sector × group",
        "static.count": "Represented",
        "static.gap_note": "Hatched cell with a red outline: the sector is missing (gap)",
        "static.findings": "Findings",
        "static.more": "… and {count} more findings",
    }
)

# Interactive map page (verkosto.render and templates/map.html.j2).
TEXTS["fi"].update(
    {
        "map.generated": "Luotu",
        "map.search": "Hae",
        "map.search_placeholder": "Henkilö, organisaatio tai ryhmä",
        "map.search_none": "Ei osumia",
        "map.hidden": "piilotettu suodattimella",
        "map.filters": "Suodata",
        "map.filters_hint": "Ruksi näytettävät. Ei ruksia = kaikki.",
        "map.facet.tier": "Taso",
        "map.facet.region": "Alue",
        "map.facet.municipality": "Kunta",
        "map.facet.sector": "Sektori",
        "map.facet.group_type": "Ryhmän tyyppi",
        "map.hide_persons": "Piilota henkilöt (organisaatiotaso)",
        "map.gaps_only": "Vain ryhmät, joilla on havaintoja",
        "map.reset": "Nollaa suodattimet",
        "map.visible": "Näkyvissä {visible} / {total} solmua",
        "map.filters_reset_for": "Suodattimet nollattiin, jotta {name} näkyy.",
        "map.fit": "Koko kartta",
        "map.fullscreen": "Koko näyttö",
        "map.fullscreen_exit": "Poistu koko näytöstä",
        "map.png": "Tallenna PNG",
        "map.png_file": "verkostokartta.png",
        "map.close": "Sulje (Esc)",
        "map.members_by_sector": "Jäsenet sektoreittain",
        "map.member_list": "Jäsenet ja roolit",
        "map.subgroups": "Alaryhmät",
        "map.represents": "edustaa",
        "map.groups_of_organisation": "Ryhmät, joissa edustettuna",
        "map.metrics": "Tunnusluvut",
        "map.findings": "Havainnot",
        "map.missing": "Puuttuu",
        "map.no_findings": "Ei havaintoja.",
        "map.legend.size": "Koko",
        "map.size.default": "Ryhmät tason mukaan (maakunnallinen suurin), sitten organisaatiot ja henkilöt.",
        "map.size.metric": "{metric}: pienin {min} – suurin {max}",
        "map.legend.gaps": "Havainnot",
        "map.gaps.badge": "Reunus ja merkki kertovat, että ryhmältä puuttuu jotain:",
        "map.gaps.gap_note": "katvealue: sääntö ei täyty",
        "map.gaps.risk_note": "riski: sääntö täyttyy yhden henkilön varassa",
        "map.gaps.none": "Säännöt täyttyvät: ei havaintoja.",
        "map.gaps.groups": "Ryhmät, joilla on havaintoja",
        "map.gaps.other": "Muut havainnot",
        "map.severity.gap": "Katvealue",
        "map.severity.risk": "Riski",
        "metric.degree": "Aste",
        "metric.weighted_degree": "Painotettu aste",
        "metric.betweenness": "Välillisyys",
        "metric.closeness": "Läheisyys",
        "metric.eigenvector": "Ominaisvektori",
    }
)
TEXTS["en"].update(
    {
        "map.generated": "Generated",
        "map.search": "Search",
        "map.search_placeholder": "Person, organisation or group",
        "map.search_none": "No matches",
        "map.hidden": "hidden by a filter",
        "map.filters": "Filter",
        "map.filters_hint": "Tick what to show. Nothing ticked = all.",
        "map.facet.tier": "Tier",
        "map.facet.region": "Region",
        "map.facet.municipality": "Municipality",
        "map.facet.sector": "Sector",
        "map.facet.group_type": "Group type",
        "map.hide_persons": "Hide persons (organisation view)",
        "map.gaps_only": "Only groups with findings",
        "map.reset": "Reset filters",
        "map.visible": "Showing {visible} of {total} nodes",
        "map.filters_reset_for": "Filters were reset to show {name}.",
        "map.fit": "Whole map",
        "map.fullscreen": "Full screen",
        "map.fullscreen_exit": "Exit full screen",
        "map.png": "Save as PNG",
        "map.png_file": "network-map.png",
        "map.close": "Close (Esc)",
        "map.members_by_sector": "Members by sector",
        "map.member_list": "Members and roles",
        "map.subgroups": "Subgroups",
        "map.represents": "for",
        "map.groups_of_organisation": "Groups it is represented in",
        "map.metrics": "Key figures",
        "map.findings": "Findings",
        "map.missing": "Missing",
        "map.no_findings": "No findings.",
        "map.legend.size": "Size",
        "map.size.default": "Groups by tier (provincial largest), then organisations and persons.",
        "map.size.metric": "{metric}: smallest {min} – largest {max}",
        "map.legend.gaps": "Findings",
        "map.gaps.badge": "A border and a badge mark a group that lacks something:",
        "map.gaps.gap_note": "gap: a rule is not met",
        "map.gaps.risk_note": "risk: a rule is met by one person only",
        "map.gaps.none": "All rules are met: no findings.",
        "map.gaps.groups": "Groups with findings",
        "map.gaps.other": "Other findings",
        "map.severity.gap": "Gap",
        "map.severity.risk": "Risk",
        "metric.degree": "Degree",
        "metric.weighted_degree": "Weighted degree",
        "metric.betweenness": "Betweenness",
        "metric.closeness": "Closeness",
        "metric.eigenvector": "Eigenvector",
    }
)


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
