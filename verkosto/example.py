"""Fictitious example roster of a Pirkanmaa-like family centre, generated deterministically.

The example has three seasons. ``2023-2024`` is built from the tables below with a seeded
random generator; ``2024-2025`` is derived from it (people leave and are succeeded, some
move between networks, a new working group starts), and ``2025-2026`` from that: the
province-wide meeting-place network is split into three regional networks coordinated
through the regional coordination groups, the parish and Kela gaps are closed, Kihniö's
local NGO leaves its steering group, and people come and go again. The workbooks differ the
way real rosters of consecutive seasons do. Municipality names are real; people, e-mail
addresses and the non-public organisations are invented.

The roster satisfies the coverage rules everywhere except for the planted gaps of each
season, listed in :data:`PLANTED_GAPS`, which the analysis is expected to find. Its services
sheet (format v1.1) covers every cell of the service map in every municipality except for the
planted service gaps, overlaps and collaboration opportunities of :data:`PLANTED_SERVICES`.

Run ``python -m verkosto.example`` to regenerate the workbooks in ``data/``.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from verkosto.errors import VerkostoError
from verkosto.schema import SHEETS, label

__all__ = ["SEASONS", "PLANTED_GAPS", "PLANTED_SERVICES", "make_example", "example_path", "write_example"]

SEASONS = ("2023-2024", "2024-2025", "2025-2026")

_FIRST_SEED = 20232024
_TURNOVER_SEED = 20242025
_THIRD_SEED = 20252026
_VARIANT_SEEDS = {"2023-2024": 1, "2024-2025": 2, "2025-2026": 3}

# Municipality, genitive (for organisation and group names), "kaupunki" or "kunta",
# region, size class (0 small, 1 medium, 2 Tampere). Regions are invented for the example.
MUNICIPALITIES: tuple[tuple[str, str, str, str, int], ...] = (
    ("Akaa", "Akaan", "kaupunki", "Eteläinen", 1),
    ("Hämeenkyrö", "Hämeenkyrön", "kunta", "Läntinen", 0),
    ("Ikaalinen", "Ikaalisten", "kaupunki", "Läntinen", 0),
    ("Juupajoki", "Juupajoen", "kunta", "Pohjoinen", 0),
    ("Kangasala", "Kangasalan", "kaupunki", "Pohjoinen", 1),
    ("Kihniö", "Kihniön", "kunta", "Läntinen", 0),
    ("Kuhmoinen", "Kuhmoisten", "kunta", "Eteläinen", 0),
    ("Lempäälä", "Lempäälän", "kunta", "Eteläinen", 1),
    ("Mänttä-Vilppula", "Mänttä-Vilppulan", "kaupunki", "Pohjoinen", 0),
    ("Nokia", "Nokian", "kaupunki", "Läntinen", 1),
    ("Orivesi", "Oriveden", "kaupunki", "Pohjoinen", 0),
    ("Parkano", "Parkanon", "kaupunki", "Läntinen", 0),
    ("Pirkkala", "Pirkkalan", "kunta", "Eteläinen", 1),
    ("Punkalaidun", "Punkalaitumen", "kunta", "Läntinen", 0),
    ("Pälkäne", "Pälkäneen", "kunta", "Eteläinen", 0),
    ("Ruovesi", "Ruoveden", "kunta", "Pohjoinen", 0),
    ("Sastamala", "Sastamalan", "kaupunki", "Läntinen", 1),
    ("Tampere", "Tampereen", "kaupunki", "Pohjoinen", 2),
    ("Urjala", "Urjalan", "kunta", "Eteläinen", 0),
    ("Valkeakoski", "Valkeakosken", "kaupunki", "Eteläinen", 1),
    ("Vesilahti", "Vesilahden", "kunta", "Eteläinen", 0),
    ("Virrat", "Virtain", "kaupunki", "Pohjoinen", 0),
    ("Ylöjärvi", "Ylöjärven", "kaupunki", "Läntinen", 1),
)

_REGION_OF = {name: region for name, _, _, region, _ in MUNICIPALITIES}

WELLBEING = "Pirkanmaan hyvinvointialue"
CLINICS = "Pirkanmaan hyvinvointialue, neuvolapalvelut"
FAMILY_GUIDANCE = "Pirkanmaan hyvinvointialue, perheneuvola"
MLL_DISTRICT = "MLL:n Hämeen piiri"
SHELTER = "Pirkanmaan Ensi- ja turvakoti"
FAMILY_NGO = "Perheverkko Pirkka ry"
TAMPERE_PARISHES = "Tampereen evankelis-luterilaiset seurakunnat"
KELA = "Kela"
UNIVERSITY = "Tampereen yliopisto"
UAS = "Tampereen ammattikorkeakoulu"
VOCATIONAL = "Tredu"
INSTITUTE = "Lapsiperheiden tutkimusinstituutti"
COMPANY = "Kotiapu Pirkka Oy"
FAMILIES = "Perheiden edustajat"
REGIONAL_COUNCIL = "Pirkanmaan liitto"

# Region -> (genitive used in group names, municipality whose chair chairs the region,
# the educational institution in its coordination group).
REGIONS: dict[str, tuple[str, str, str]] = {
    "Eteläinen": ("Eteläisen", "Lempäälä", UAS),
    "Läntinen": ("Läntisen", "Nokia", UNIVERSITY),
    "Pohjoinen": ("Pohjoisen", "Tampere", VOCATIONAL),
}

# Partners with a seat (and often a deputy) in the provincial steering group.
PROVINCIAL_PARTNERS = (
    TAMPERE_PARISHES, MLL_DISTRICT, SHELTER, KELA, UNIVERSITY, UAS, FAMILIES, REGIONAL_COUNCIL,
)

# Organisations that are not tied to one municipality: name, canonical sector, Kunta.
PROVINCE_ORGANISATIONS: tuple[tuple[str, str, str | None], ...] = (
    (WELLBEING, "wellbeing_county", None),
    (CLINICS, "wellbeing_county", None),
    (FAMILY_GUIDANCE, "wellbeing_county", None),
    (MLL_DISTRICT, "ngo", None),
    (SHELTER, "ngo", "Tampere"),
    (FAMILY_NGO, "ngo", None),
    (KELA, "kela", None),
    (UNIVERSITY, "education", "Tampere"),
    (UAS, "education", "Tampere"),
    (VOCATIONAL, "education", "Tampere"),
    (INSTITUTE, "research", None),
    (COMPANY, "business", "Tampere"),
    (FAMILIES, "families", None),
    (REGIONAL_COUNCIL, "other", None),
)

PROVINCIAL_GROUP = "Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä"
MEETING_PLACES = "Pirkanmaan kohtaamispaikkaverkosto"
COMMUNICATION_GROUP = "Perhekeskuksen viestintätyöryhmä"
EVALUATION_GROUP = "Perhekeskuksen arviointityöryhmä"
PARENTING_GROUP = "Läntisen alueen vanhemmuuden tuen työryhmä"
SEPARATION_GROUP = "Erotilanteiden palveluketjun työryhmä"  # starts in 2024-2025

# Size class -> seats of a local steering group: municipal staff, wellbeing-county staff,
# parish staff, NGOs (the local MLL association first, then the shelter, then Perheverkko
# Pirkka) and whether families are represented.
LOCAL_COMPOSITION: dict[int, tuple[int, int, int, int, bool]] = {
    0: (5, 2, 1, 1, False),
    1: (5, 2, 1, 2, True),
    2: (7, 3, 2, 3, True),
}
DEPUTY_SHARE = 0.55

# Expert network -> (organisations of its own specialists, share of municipalities that
# send a local member, sectors those local members come from).
EXPERT_NETWORKS: dict[str, tuple[tuple[str, ...], float, tuple[str, ...]]] = {
    "Eroauttamisen asiantuntijaverkosto": (
        (FAMILY_GUIDANCE, SHELTER, TAMPERE_PARISHES, FAMILY_GUIDANCE, SHELTER),
        0.5,
        ("wellbeing_county", "parish", "ngo"),
    ),
    "Perhevalmennuksen asiantuntijaverkosto": (
        (CLINICS, CLINICS, MLL_DISTRICT, UAS),
        0.8,
        ("wellbeing_county",),
    ),
    "Kasvatus- ja perheneuvonnan asiantuntijaverkosto": (
        (FAMILY_GUIDANCE, FAMILY_GUIDANCE, FAMILY_GUIDANCE, UNIVERSITY, INSTITUTE),
        0.6,
        ("municipality", "wellbeing_county"),
    ),
    "Vauvaperhetyön asiantuntijaverkosto": (
        (CLINICS, SHELTER, MLL_DISTRICT, CLINICS),
        0.6,
        ("wellbeing_county", "ngo"),
    ),
    "Isätyön asiantuntijaverkosto": (
        (FAMILY_NGO, FAMILY_NGO, TAMPERE_PARISHES, MLL_DISTRICT),
        0.45,
        ("parish", "ngo", "municipality"),
    ),
}

# Planted gaps: (group, what is wrong with it). Chosen so that each is plausible:
# a small parish without staff to spare, a region without a Kela contact, the smallest
# municipality left outside regional co-ordination, a working group nobody owns.
PARISH_GAP = "Kuhmoisten perhekeskuksen ohjausryhmä"
KELA_GAP = "Läntisen alueen koordinaatioryhmä"
TIER_LINK_GAP = "Juupajoen perhekeskuksen ohjausryhmä"
CONTACT_GAP = COMMUNICATION_GROUP
# 2025-2026: the parish and Kela gaps are closed; Kihniö's local NGO leaves its steering group.
NGO_GAP = "Kihniön perhekeskuksen ohjausryhmä"

PLANTED_GAPS: dict[str, list[tuple[str, str, list[str]]]] = {
    **{
        season: [
            ("local-sectors", PARISH_GAP, ["parish"]),
            ("regional-sectors", KELA_GAP, ["kela"]),
            ("tier-link", TIER_LINK_GAP, []),
            ("contact-person", CONTACT_GAP, []),
        ]
        for season in SEASONS[:2]
    },
    "2025-2026": [
        ("local-sectors", NGO_GAP, ["ngo"]),
        ("tier-link", TIER_LINK_GAP, []),
        ("contact-person", CONTACT_GAP, []),
    ],
}

FIRST_NAMES = (
    "Aino", "Anna", "Anne", "Anu", "Eeva", "Elina", "Emma", "Hanna", "Heidi", "Helena",
    "Johanna", "Kaisa", "Katja", "Kirsi", "Laura", "Leena", "Liisa", "Maria", "Marja",
    "Minna", "Niina", "Outi", "Paula", "Päivi", "Riikka", "Sari", "Satu", "Susanna",
    "Tiina", "Tuija", "Ulla", "Elisa", "Jenni", "Marika", "Sanna", "Pirjo", "Maarit",
    "Henna", "Jaana", "Anna-Liisa", "Mervi", "Noora", "Essi", "Krista", "Milla", "Saara",
    "Antti", "Ari", "Heikki", "Jari", "Jukka", "Juha", "Kari", "Markku", "Matti", "Mikko",
    "Pekka", "Petri", "Sami", "Timo", "Tuomas", "Ville", "Janne", "Jussi", "Lauri", "Olli",
)
SURNAMES = (
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
    "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen",
    "Ahonen", "Hiltunen", "Leinonen", "Hirvonen", "Kallio", "Aaltonen", "Pitkänen",
    "Mustonen", "Vainio", "Seppälä", "Manninen", "Lampinen", "Peltonen", "Kettunen",
    "Ojala", "Valtonen", "Rissanen", "Kokkonen", "Koivisto", "Honkanen", "Nurmi",
    "Halonen", "Kauppinen", "Toivonen", "Laaksonen", "Ketola", "Suominen", "Aalto",
    "Harju", "Hakala", "Väisänen", "Anttila", "Tamminen", "Kivelä", "Rautio", "Sillanpää",
    "Kivimäki", "Lepistö", "Nurminen", "Hietala", "Kangas", "Kantola", "Rinne", "Vuorinen",
)

EMAIL_DOMAIN = "perhekeskus.example"
_TRANSLITERATION = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "."})

# Order of roles inside a group block, as a secretary lists them.
ROLE_ORDER = ("chair", "vice_chair", "secretary", "contact", "coordinator", "member", "expert", "deputy")

# Collaboration types as planners write them (free text, lower case).
SHARED_SERVICE, TRAINING, PROJECT, GUIDANCE, INFORMATION = (
    "yhteinen palvelu", "koulutus", "hanke", "ohjaus", "tiedonvaihto",
)


@dataclass
class _Person:
    name: str
    email: str
    organisation: str
    municipality: str | None  # where the person works; None for province-wide posts
    region: str | None


@dataclass
class _Seat:
    role: str
    municipality: str | None  # the Kunta the person represents in this group


@dataclass
class _Group:
    name: str
    tier: str
    group_type: str
    region: str | None
    municipality: str | None
    parent: str | None
    meetings: int


@dataclass
class _Roster:
    """Mutable state of one season while it is being built."""

    rng: random.Random
    organisations: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    persons: dict[str, _Person] = field(default_factory=dict)
    groups: dict[str, _Group] = field(default_factory=dict)
    seats: dict[str, dict[str, _Seat]] = field(default_factory=dict)  # group -> email -> seat
    ties: list[list] = field(default_factory=list)  # [source, target, type, weight]
    used_names: set[str] = field(default_factory=set)

    def new_person(
        self, organisation: str, municipality: str | None = None, region: str | None = None
    ) -> str:
        """Invent a person with a name never used before in any season; return the e-mail."""
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            email = f"{name.casefold().translate(_TRANSLITERATION)}@{EMAIL_DOMAIN}"
            # Distinct names keep the example unambiguous for readers of the map.
            if name not in self.used_names and email not in self.persons:
                break
        self.used_names.add(name)
        region = region or (_REGION_OF[municipality] if municipality else None)
        self.persons[email] = _Person(name, email, organisation, municipality, region)
        return email

    def add_group(self, name: str, tier: str, group_type: str, *, region: str | None = None,
                  municipality: str | None = None, parent: str | None = None, meetings: int) -> None:
        self.groups[name] = _Group(name, tier, group_type, region, municipality, parent, meetings)
        self.seats[name] = {}

    def seat(self, group: str, email: str, role: str = "member", municipality: str | None = None) -> bool:
        """Seat a person in a group unless already there; return whether it was added."""
        if email in self.seats[group]:
            return False
        where = municipality or self.persons[email].municipality
        self.seats[group][email] = _Seat(role, where)
        return True

    def members(self, group: str, *, sector: str | None = None, role: str | None = None) -> list[str]:
        return [
            email
            for email, seat in self.seats[group].items()
            if (sector is None or self.sector(email) == sector) and (role is None or seat.role == role)
        ]

    def sector(self, email: str) -> str:
        return self.organisations[self.persons[email].organisation][0]


def _municipality_organisation(genitive: str, kind: str) -> str:
    return f"{genitive} {kind}"


def _parish(name: str, genitive: str) -> str:
    # Tampere's parishes form a parish union that acts under one name.
    return TAMPERE_PARISHES if name == "Tampere" else f"{genitive} seurakunta"


def _local_ngo(genitive: str) -> str:
    return f"MLL:n {genitive} yhdistys"


def _local_group(genitive: str) -> str:
    return f"{genitive} perhekeskuksen ohjausryhmä"


def _actor_network(genitive: str) -> str:
    return f"{genitive} perhekeskuksen toimijaverkosto"


def _coordination_group(region: str) -> str:
    return f"{REGIONS[region][0]} alueen koordinaatioryhmä"


def _guidance_network(region: str) -> str:
    return f"{REGIONS[region][0]} alueen perheneuvoverkosto"


# --------------------------------------------------------------------------- first season


def _add_organisations(roster: _Roster) -> None:
    for name, genitive, kind, _, _ in MUNICIPALITIES:
        roster.organisations[_municipality_organisation(genitive, kind)] = ("municipality", name)
        roster.organisations[_parish(name, genitive)] = ("parish", name)
        roster.organisations[_local_ngo(genitive)] = ("ngo", name)
    for name, sector, municipality in PROVINCE_ORGANISATIONS:
        roster.organisations[name] = (sector, municipality)


def _add_groups(roster: _Roster) -> None:
    roster.add_group(PROVINCIAL_GROUP, "provincial", "steering_group", meetings=8)
    for region, meetings in zip(REGIONS, (5, 5, 6)):
        roster.add_group(_coordination_group(region), "regional", "coordination_group",
                         region=region, parent=PROVINCIAL_GROUP, meetings=meetings)
    for name, genitive, _, region, size in MUNICIPALITIES:
        roster.add_group(_local_group(genitive), "local", "steering_group", region=region,
                         municipality=name, parent=_coordination_group(region), meetings=4 + size)
    for name, genitive, _, region, _ in MUNICIPALITIES:
        roster.add_group(_actor_network(genitive), "local", "other", region=region, municipality=name,
                         parent=_local_group(genitive), meetings=2)
    roster.add_group(MEETING_PLACES, "provincial", "meeting_place_network",
                     parent=PROVINCIAL_GROUP, meetings=4)
    for network in EXPERT_NETWORKS:
        roster.add_group(network, "provincial", "expert_network", parent=PROVINCIAL_GROUP, meetings=4)
    for region in REGIONS:
        roster.add_group(_guidance_network(region), "regional", "family_guidance_network",
                         region=region, parent=_coordination_group(region), meetings=6)
    roster.add_group(COMMUNICATION_GROUP, "provincial", "working_group", parent=PROVINCIAL_GROUP, meetings=6)
    roster.add_group(EVALUATION_GROUP, "provincial", "working_group", parent=PROVINCIAL_GROUP, meetings=4)
    roster.add_group(PARENTING_GROUP, "regional", "working_group", region="Läntinen",
                     parent=_coordination_group("Läntinen"), meetings=5)


def _area_managers(roster: _Roster) -> dict[str, str]:
    """Wellbeing-county area managers, each sitting in up to three local steering groups.

    The tier-link gap municipality gets a manager of its own who is not in the regional
    group, so that nobody links it upwards.
    """
    manager_of: dict[str, str] = {}
    for region in REGIONS:
        names = [m[0] for m in MUNICIPALITIES if m[3] == region and _local_group(m[1]) != TIER_LINK_GAP]
        for start in range(0, len(names), 3):
            email = roster.new_person(WELLBEING, region=region)
            for name in names[start:start + 3]:
                manager_of[name] = email
    for name, genitive, _, region, _ in MUNICIPALITIES:
        if _local_group(genitive) == TIER_LINK_GAP:
            manager_of[name] = roster.new_person(WELLBEING, region=region)
    return manager_of


def _staff_local_groups(roster: _Roster) -> dict[str, list[str]]:
    """Fill the local steering groups; return, per municipality, who also sits regionally."""
    rng = roster.rng
    manager_of = _area_managers(roster)
    linkers: dict[str, list[str]] = {}
    for name, genitive, kind, _, size in MUNICIPALITIES:
        group = _local_group(genitive)
        town = _municipality_organisation(genitive, kind)
        n_staff, n_health, n_parish, n_ngos, has_families = LOCAL_COMPOSITION[size]
        staff = [roster.new_person(town, name) for _ in range(n_staff)]
        health = [roster.new_person((WELLBEING, CLINICS)[i % 2], name) for i in range(n_health)]
        parish = [] if group == PARISH_GAP else [
            roster.new_person(_parish(name, genitive), name) for _ in range(n_parish)
        ]
        ngos = [roster.new_person(org, name) for org in (_local_ngo(genitive), SHELTER, FAMILY_NGO)[:n_ngos]]
        families = [roster.new_person(FAMILIES, name)] if has_families else []

        roster.seat(group, staff[0], "chair", name)
        # Most groups have the area manager as vice-chair; some chose a parish or NGO
        # partner instead, which is why vice-chairs differ in sector.
        partner = rng.choice(parish + ngos) if rng.random() < 0.3 else manager_of[name]
        roster.seat(group, partner, "vice_chair", name)
        if rng.random() < 0.5:
            roster.seat(group, staff[1], "secretary", name)
        roster.seat(group, health[0] if rng.random() < 0.6 else staff[-1], "contact", name)
        if size:
            roster.seat(group, health[-1], "coordinator", name)
        for email in [manager_of[name], *staff, *health, *parish, *ngos, *families]:
            roster.seat(group, email, "member", name)
        # Deputies for municipal, parish and NGO members who are neither chair nor contact.
        for email in list(roster.members(group, role="member")):
            if roster.sector(email) in ("municipality", "parish", "ngo") and rng.random() < DEPUTY_SHARE:
                organisation = roster.persons[email].organisation
                roster.seat(group, roster.new_person(organisation, name), "deputy", name)
        if group != TIER_LINK_GAP:
            linkers[name] = [staff[0], manager_of[name]]
    return linkers


def _staff_actor_networks(roster: _Roster) -> None:
    """The wider local network: steering-group members, meeting places, front-line workers."""
    rng = roster.rng
    for name, genitive, kind, _, size in MUNICIPALITIES:
        steering = _local_group(genitive)
        network = _actor_network(genitive)
        town = _municipality_organisation(genitive, kind)
        front_line = (town, _parish(name, genitive), town, _local_ngo(genitive), COMPANY)[:(2, 3, 5)[size]]
        newcomers = [roster.new_person(organisation, name) for organisation in front_line]
        roster.seat(network, newcomers[0], "chair", name)
        roster.seat(network, roster.members(steering, role="contact")[0], "contact", name)
        for email in newcomers[1:]:
            roster.seat(network, email, "member", name)
        for email, seat in roster.seats[steering].items():
            if seat.role != "chair" and rng.random() < 0.9:
                roster.seat(network, email, "member", name)
        for email, seat in roster.seats[MEETING_PLACES].items():
            if seat.municipality == name:
                roster.seat(network, email, "member", name)


def _staff_regional_groups(roster: _Roster, linkers: dict[str, list[str]]) -> dict[str, list[str]]:
    """Fill the coordination groups; return, per region, who also sits provincially."""
    rng = roster.rng
    leads: dict[str, list[str]] = {}
    for region, (_, chair_town, school) in REGIONS.items():
        group = _coordination_group(region)
        towns = [m for m in MUNICIPALITIES if m[3] == region and m[0] in linkers]
        chair = linkers[chair_town][0]
        managers = list(dict.fromkeys(linkers[m[0]][1] for m in towns))
        roster.seat(group, chair, "chair", chair_town)
        roster.seat(group, managers[0], "vice_chair")
        coordinator = roster.new_person(WELLBEING, region=region)
        roster.seat(group, coordinator, "contact")
        if region != "Läntinen":
            roster.seat(group, roster.new_person(WELLBEING, region=region), "secretary")
        for name, _genitive, *_ in towns:
            roster.seat(group, linkers[name][0], "member", name)
        for email in managers:
            roster.seat(group, email, "member")
        # The region's parish member comes from its largest parish that is in a local group.
        biggest = max((m for m in towns if _local_group(m[1]) != PARISH_GAP), key=lambda m: m[4])
        parish = roster.members(_local_group(biggest[1]), sector="parish")[0]
        roster.seat(group, parish, "member", biggest[0])
        partners = [MLL_DISTRICT, SHELTER, school]
        if group != KELA_GAP:
            partners.append(KELA)
        if region == "Pohjoinen":
            partners.append(FAMILIES)
        for organisation in partners:
            email = roster.new_person(organisation, region=region)
            roster.seat(group, email, "member")
            if rng.random() < 0.5:
                roster.seat(group, roster.new_person(organisation, region=region), "deputy")
        # Municipal deputies are other members of the same local steering group.
        for name, genitive, *_ in towns:
            local = roster.members(_local_group(genitive), sector="municipality", role="member")
            if local and rng.random() < 0.6:
                roster.seat(group, local[0], "deputy", name)
        leads[region] = [chair, managers[0], coordinator]
    return leads


def _staff_provincial_group(roster: _Roster, leads: dict[str, list[str]]) -> None:
    rng = roster.rng
    group = PROVINCIAL_GROUP
    roster.seat(group, roster.new_person(WELLBEING), "chair")
    roster.seat(group, leads["Pohjoinen"][0], "vice_chair", "Tampere")
    roster.seat(group, roster.new_person(WELLBEING), "secretary")
    roster.seat(group, roster.new_person(WELLBEING), "contact")
    for region_leads in leads.values():
        for email in region_leads:
            roster.seat(group, email, "member")
    for organisation in PROVINCIAL_PARTNERS:
        roster.seat(group, roster.new_person(organisation), "member")
        if rng.random() < 0.6:
            roster.seat(group, roster.new_person(organisation), "deputy")
    roster.seat(group, roster.new_person(INSTITUTE), "expert")


def _staff_meeting_places(roster: _Roster) -> None:
    """Every municipality's meeting places are represented, mostly by local partners."""
    rng = roster.rng
    group = MEETING_PLACES
    roster.seat(group, roster.new_person(MLL_DISTRICT), "chair")
    roster.seat(group, roster.new_person(WELLBEING), "contact")
    roster.seat(group, roster.new_person(FAMILY_NGO), "coordinator")
    for name, genitive, kind, _, size in MUNICIPALITIES:
        local = [e for e in roster.seats[_local_group(genitive)]
                 if roster.sector(e) in ("parish", "ngo", "municipality")]
        for _ in range((2, 3, 5)[size]):
            if rng.random() < 0.6:
                email = rng.choice(local)
            else:
                town = _municipality_organisation(genitive, kind)
                host = rng.choice((town, _parish(name, genitive), _local_ngo(genitive)))
                email = roster.new_person(host, name)
            roster.seat(group, email, "member", name)


def _staff_expert_networks(roster: _Roster) -> None:
    rng = roster.rng
    for network, (organisations, share, sectors) in EXPERT_NETWORKS.items():
        specialists = [roster.new_person(org) for org in organisations]
        roster.seat(network, specialists[0], "chair")
        roster.seat(network, specialists[1], "contact")
        for email in specialists[2:]:
            research = roster.sector(email) in ("education", "research")
            roster.seat(network, email, "expert" if research else "member")
        # Larger municipalities may send a second member.
        for name, genitive, _, _, size in MUNICIPALITIES:
            candidates = [e for e in roster.seats[_local_group(genitive)] if roster.sector(e) in sectors]
            for _ in range(1 + size):
                if candidates and rng.random() < share:
                    roster.seat(network, rng.choice(candidates), "member", name)


def _staff_guidance_networks(roster: _Roster) -> None:
    rng = roster.rng
    for region in REGIONS:
        group = _guidance_network(region)
        roster.seat(group, roster.new_person(FAMILY_GUIDANCE, region=region), "chair")
        roster.seat(group, roster.new_person(FAMILY_GUIDANCE, region=region), "contact")
        roster.seat(group, roster.new_person(FAMILY_GUIDANCE, region=region), "member")
        for name, genitive, _, _, size in (m for m in MUNICIPALITIES if m[3] == region):
            local = [e for e in roster.seats[_local_group(genitive)]
                     if roster.sector(e) in ("wellbeing_county", "municipality", "parish")]
            for _ in range(1 + min(size, 1)):
                if rng.random() < 0.8:
                    roster.seat(group, rng.choice(local), "member", name)


# Organisation -> the thematic network its regional and provincial representatives
# also join; this is how partners carry knowledge between tiers.
PARTNER_NETWORKS: dict[str, str] = {
    MLL_DISTRICT: "Vauvaperhetyön asiantuntijaverkosto",
    SHELTER: "Eroauttamisen asiantuntijaverkosto",
    UAS: "Perhevalmennuksen asiantuntijaverkosto",
    UNIVERSITY: "Kasvatus- ja perheneuvonnan asiantuntijaverkosto",
    VOCATIONAL: "Perhevalmennuksen asiantuntijaverkosto",
    TAMPERE_PARISHES: "Isätyön asiantuntijaverkosto",
    FAMILY_GUIDANCE: "Kasvatus- ja perheneuvonnan asiantuntijaverkosto",
}


def _join_thematic_networks(roster: _Roster) -> None:
    """Regional and provincial partners also sit in the network of their own field."""
    groups = [
        PROVINCIAL_GROUP,
        *(_coordination_group(region) for region in REGIONS),
        *(_guidance_network(region) for region in REGIONS),
    ]
    for group in groups:
        for email, seat in list(roster.seats[group].items()):
            person = roster.persons[email]
            network = PARTNER_NETWORKS.get(person.organisation)
            # Kela and family representatives of a region follow its family guidance.
            if network is None and roster.sector(email) in ("kela", "families") and person.region:
                network = _guidance_network(person.region)
            if network and network != group and seat.role != "deputy":
                roster.seat(network, email, "expert" if roster.sector(email) == "education" else "member")


def _staff_working_groups(roster: _Roster) -> None:
    rng = roster.rng
    provincial = list(roster.seats[PROVINCIAL_GROUP])
    # No contact person here: this is the planted contact-person gap.
    roster.seat(COMMUNICATION_GROUP, roster.new_person(WELLBEING), "chair")
    roster.seat(COMMUNICATION_GROUP, roster.new_person(MLL_DISTRICT), "secretary")
    for email in rng.sample(list(roster.seats[MEETING_PLACES]), 8):
        roster.seat(COMMUNICATION_GROUP, email, "member")

    roster.seat(EVALUATION_GROUP, roster.members(PROVINCIAL_GROUP, sector="education")[0], "chair")
    roster.seat(EVALUATION_GROUP, roster.members(PROVINCIAL_GROUP, role="contact")[0], "contact")
    roster.seat(EVALUATION_GROUP, roster.members(PROVINCIAL_GROUP, sector="research")[0], "expert")
    roster.seat(EVALUATION_GROUP, roster.new_person(INSTITUTE), "expert")
    roster.seat(EVALUATION_GROUP, roster.new_person(UAS), "expert")
    for email in rng.sample(provincial, 6):
        roster.seat(EVALUATION_GROUP, email)

    western = [m for m in MUNICIPALITIES if m[3] == "Läntinen"]
    roster.seat(PARENTING_GROUP, roster.new_person(MLL_DISTRICT, region="Läntinen"), "chair")
    roster.seat(PARENTING_GROUP, roster.members(_guidance_network("Läntinen"), role="contact")[0], "contact")
    for name, genitive, *_ in rng.sample(western, 7):
        roster.seat(PARENTING_GROUP, rng.choice(list(roster.seats[_local_group(genitive)])), "member", name)


def _add_collaborations(roster: _Roster) -> None:
    rng = roster.rng
    ties = roster.ties
    by_region: dict[str, list[str]] = {region: [] for region in REGIONS}
    for name, genitive, kind, region, _ in MUNICIPALITIES:
        town = _municipality_organisation(genitive, kind)
        by_region[region].append(town)
        ties.append([WELLBEING, town, SHARED_SERVICE, rng.randint(3, 5)])
        if rng.random() < 0.8:
            ties.append([town, _parish(name, genitive), SHARED_SERVICE, rng.randint(2, 4)])
        if rng.random() < 0.7:
            ties.append([MLL_DISTRICT, _local_ngo(genitive), GUIDANCE, rng.randint(2, 4)])
        if rng.random() < 0.4:
            ties.append([town, _local_ngo(genitive), PROJECT, rng.randint(1, 3)])
    ties.extend([
        [WELLBEING, KELA, SHARED_SERVICE, 4],
        [WELLBEING, UNIVERSITY, PROJECT, 3],
        [WELLBEING, UAS, TRAINING, 4],
        [WELLBEING, VOCATIONAL, TRAINING, 2],
        [WELLBEING, INSTITUTE, PROJECT, 3],
        [WELLBEING, SHELTER, SHARED_SERVICE, 5],
        [WELLBEING, FAMILY_NGO, GUIDANCE, 2],
        [WELLBEING, MLL_DISTRICT, PROJECT, 4],
        [WELLBEING, REGIONAL_COUNCIL, PROJECT, 2],
        [WELLBEING, FAMILIES, INFORMATION, 3],
        [WELLBEING, COMPANY, SHARED_SERVICE, 2],
        [FAMILY_GUIDANCE, TAMPERE_PARISHES, SHARED_SERVICE, 4],
        [CLINICS, MLL_DISTRICT, TRAINING, 3],
        [UNIVERSITY, INSTITUTE, PROJECT, 4],
        [UAS, MLL_DISTRICT, TRAINING, 2],
        [SHELTER, TAMPERE_PARISHES, TRAINING, 2],
        [KELA, FAMILY_GUIDANCE, INFORMATION, 2],
    ])
    # Neighbouring municipalities share know-how, but only a few pairs do it regularly.
    for towns in by_region.values():
        for i, first in enumerate(towns):
            for second in towns[i + 1:]:
                if rng.random() < 0.15:
                    ties.append([first, second, INFORMATION, rng.randint(1, 3)])
    # A few named person-to-person ties: the provincial contact mentors regional ones.
    mentor = roster.members(PROVINCIAL_GROUP, role="contact")[0]
    for region in REGIONS:
        contact = roster.members(_coordination_group(region), role="contact")[0]
        ties.append([mentor, contact, GUIDANCE, 3])
    chairs = roster.members(PROVINCIAL_GROUP, role="chair") + roster.members(MEETING_PLACES, role="chair")
    ties.append([chairs[0], chairs[1], INFORMATION, 2])


def _first_season() -> _Roster:
    roster = _Roster(random.Random(_FIRST_SEED))
    _add_organisations(roster)
    _add_groups(roster)
    linkers = _staff_local_groups(roster)
    _staff_meeting_places(roster)
    _staff_actor_networks(roster)
    leads = _staff_regional_groups(roster, linkers)
    _staff_provincial_group(roster, leads)
    _staff_expert_networks(roster)
    _staff_guidance_networks(roster)
    _join_thematic_networks(roster)
    _staff_working_groups(roster)
    _add_collaborations(roster)
    return roster


# ------------------------------------------------------------------------- second season


def _seated(roster: _Roster) -> list[str]:
    return sorted({email for seats in roster.seats.values() for email in seats})


def _replace_leavers(roster: _Roster, share: float) -> set[str]:
    """Persons who leave are succeeded in every seat by a newcomer from the same employer.

    Succession keeps every group's composition by sector and role, so the coverage of
    the network stays as it was.
    """
    seated = _seated(roster)
    leavers = set(roster.rng.sample(seated, round(share * len(seated))))
    successor: dict[str, str] = {}
    for email in sorted(leavers):
        person = roster.persons[email]
        successor[email] = roster.new_person(person.organisation, person.municipality, person.region)
    for group, seats in roster.seats.items():
        roster.seats[group] = {successor.get(email, email): seat for email, seat in seats.items()}
    return leavers


def _move_between_networks(roster: _Roster, count: int, leavers: set[str]) -> None:
    """Some network members switch to another expert network that suits them better."""
    networks = list(EXPERT_NETWORKS)
    movable = [(network, email) for network in networks for email, seat in roster.seats[network].items()
               if seat.role == "member" and email not in leavers]
    for network, email in roster.rng.sample(movable, count):
        targets = [n for n in networks if n != network and email not in roster.seats[n]]
        if email in roster.seats[network] and targets:
            seat = roster.seats[network].pop(email)
            roster.seats[roster.rng.choice(targets)][email] = seat


def _start_separation_group(roster: _Roster) -> None:
    roster.add_group(SEPARATION_GROUP, "provincial", "working_group", parent=PROVINCIAL_GROUP, meetings=5)
    experts = list(roster.seats["Eroauttamisen asiantuntijaverkosto"])
    roster.seat(SEPARATION_GROUP, experts[0], "chair")
    roster.seat(SEPARATION_GROUP, roster.new_person(FAMILY_GUIDANCE), "contact")
    roster.seat(SEPARATION_GROUP, roster.members(PROVINCIAL_GROUP, sector="kela")[0], "member")
    for email in roster.rng.sample(experts[1:], 4):
        roster.seat(SEPARATION_GROUP, email)


def _add_new_deputies(roster: _Roster, count: int) -> None:
    """Newcomers join a few local steering groups as deputies of municipal members."""
    for name, genitive, kind, _, _ in roster.rng.sample(MUNICIPALITIES, count):
        email = roster.new_person(_municipality_organisation(genitive, kind), name)
        roster.seat(_local_group(genitive), email, "deputy", name)


def _evolve_collaborations(roster: _Roster, leavers: set[str], *, separation_tie: bool = True) -> None:
    rng = roster.rng
    organisation_ties = [tie for tie in roster.ties if tie[0] in roster.organisations]
    person_ties = [tie for tie in roster.ties if tie[0] not in roster.organisations]
    kept = [tie for tie in organisation_ties if rng.random() >= 0.06]
    for tie in kept:
        if rng.random() < 0.12:
            tie[3] = min(5, max(1, tie[3] + rng.choice((-1, 1))))
    towns = [_municipality_organisation(genitive, kind) for _, genitive, kind, _, _ in MUNICIPALITIES]
    existing = {frozenset(tie[:2]) for tie in kept}
    while len(kept) < len(organisation_ties) + 4:
        first, second = rng.sample(towns, 2)
        if frozenset((first, second)) not in existing:
            existing.add(frozenset((first, second)))
            kept.append([first, second, PROJECT, rng.randint(1, 3)])
    # Ties of persons who left end with them.
    kept += [tie for tie in person_ties if not (set(tie[:2]) & leavers)]
    if separation_tie:
        chair = roster.members(SEPARATION_GROUP, role="chair")[0]
        contact = roster.members(SEPARATION_GROUP, role="contact")[0]
        kept.append([chair, contact, GUIDANCE, 3])
    roster.ties = kept


def _next_season(previous: _Roster) -> _Roster:
    roster = copy.deepcopy(previous)
    roster.rng = random.Random(_TURNOVER_SEED)
    leavers = _replace_leavers(roster, share=0.09)
    _move_between_networks(roster, count=18, leavers=leavers)
    _start_separation_group(roster)
    _add_new_deputies(roster, count=6)
    roster.groups[PROVINCIAL_GROUP].meetings = 7
    roster.groups[MEETING_PLACES].meetings = 5
    _evolve_collaborations(roster, leavers)
    return roster


# -------------------------------------------------------------------------- third season


def _regional_meeting_places(region: str) -> str:
    return f"{REGIONS[region][0]} alueen kohtaamispaikkaverkosto"


def _regionalise_meeting_places(roster: _Roster) -> None:
    """The province-wide meeting-place network becomes one network per region, coordinated
    through the region's coordination group: its contact person is the coordination
    group's, so the two carry information to each other."""
    old = roster.seats.pop(MEETING_PLACES)
    del roster.groups[MEETING_PLACES]
    chair = next(e for e, seat in old.items() if seat.role == "chair")
    coordinator = next(e for e, seat in old.items() if seat.role == "coordinator")
    for region in REGIONS:
        group = _regional_meeting_places(region)
        coordination = _coordination_group(region)
        roster.add_group(group, "regional", "meeting_place_network", region=region, parent=coordination, meetings=5)
        local = [(e, seat) for e, seat in old.items()
                 if seat.role == "member" and seat.municipality and _REGION_OF[seat.municipality] == region]
        if region == "Pohjoinen":
            roster.seat(group, chair, "chair")
        else:  # a local partner of the region takes the chair
            first = next(e for e, _ in local if roster.sector(e) in ("ngo", "parish"))
            roster.seat(group, first, "chair", old[first].municipality)
        roster.seat(group, roster.members(coordination, role="contact")[0], "contact")
        roster.seat(group, coordinator, "coordinator")
        for email, seat in local:
            roster.seat(group, email, "member", seat.municipality)


def _close_gaps(roster: _Roster) -> None:
    """Kuhmoinen's parish sends a member; Kela names a member for the western region."""
    name, genitive = "Kuhmoinen", "Kuhmoisten"
    roster.seat(PARISH_GAP, roster.new_person(_parish(name, genitive), name), "member", name)
    kela = roster.new_person(KELA, region="Läntinen")
    roster.seat(KELA_GAP, kela, "member")
    roster.seat(_guidance_network("Läntinen"), kela, "member")


def _open_ngo_gap(roster: _Roster) -> None:
    """Kihniö's MLL association has no one to send any more: the NGO seats stay empty."""
    for email in roster.members(NGO_GAP, sector="ngo"):
        del roster.seats[NGO_GAP][email]


def _drop_unseated_ties(roster: _Roster) -> None:
    seated = set(_seated(roster))
    roster.ties = [tie for tie in roster.ties
                   if all(end in roster.organisations or end in seated for end in tie[:2])]


def _third_season(previous: _Roster) -> _Roster:
    roster = copy.deepcopy(previous)
    roster.rng = random.Random(_THIRD_SEED)
    leavers = _replace_leavers(roster, share=0.1)
    _move_between_networks(roster, count=12, leavers=leavers)
    _add_new_deputies(roster, count=4)
    _regionalise_meeting_places(roster)
    _close_gaps(roster)
    _open_ngo_gap(roster)
    roster.groups[PROVINCIAL_GROUP].meetings = 8
    _evolve_collaborations(roster, leavers, separation_tie=False)
    _drop_unseated_ties(roster)
    return roster


# ---------------------------------------------------------------------------- to frames


def _columns(sheet: str) -> list[str]:
    return [column.fi for column in SHEETS[sheet]["columns"]]


# Positions of the person's name and e-mail in a memberships row.
_NAME, _EMAIL = 0, 8


def _membership_rows(roster: _Roster, season: str) -> list[list]:
    rows = []
    for group_name, seats in roster.seats.items():
        group = roster.groups[group_name]
        ordered = sorted(seats.items(), key=lambda item: ROLE_ORDER.index(item[1].role))
        for email, seat in ordered:
            person = roster.persons[email]
            region = _REGION_OF.get(seat.municipality or "") or person.region
            rows.append([
                person.name, person.organisation, label("sector", roster.sector(email)), group_name,
                label("tier", group.tier), label("role", seat.role), seat.municipality, region,
                email, season,
            ])
    return rows


def _plant_spelling_variants(rows: list[list], season: str) -> None:
    """Spell a few persons differently on one of their rows, as happens in real rosters.

    Identity is the e-mail address (case-insensitive), so these rows must merge with the
    person's other rows when loaded.
    """
    rng = random.Random(_VARIANT_SEEDS[season])
    last_row: dict[str, int] = {}
    count: dict[str, int] = {}
    for index, row in enumerate(rows):
        last_row[row[_EMAIL]] = index
        count[row[_EMAIL]] = count.get(row[_EMAIL], 0) + 1
    kinds = ("upper", "upper", "title", "space", "space", "space", "nbsp", "nbsp")
    chosen = rng.sample(sorted(email for email, n in count.items() if n > 1), len(kinds))
    for kind, email in zip(kinds, chosen):
        row = rows[last_row[email]]
        if kind == "upper":
            row[_EMAIL] = email.upper()
        elif kind == "title":
            row[_EMAIL] = ".".join(part.capitalize() for part in email.split("."))
        elif kind == "space":
            row[_NAME] = row[_NAME] + " "
        else:
            row[_NAME] = row[_NAME].replace(" ", "\u00a0", 1)


def _frames(roster: _Roster, season: str) -> dict[str, pd.DataFrame]:
    memberships = _membership_rows(roster, season)
    _plant_spelling_variants(memberships, season)
    groups = [
        [g.name, label("tier", g.tier), label("group_type", g.group_type), g.region, g.municipality,
         g.parent, g.meetings]
        for g in roster.groups.values()
    ]
    organisations = [
        [name, label("sector", sector), municipality, _REGION_OF.get(municipality or "")]
        for name, (sector, municipality) in roster.organisations.items()
    ]
    ties = [[_tie_name(roster, tie[0]), _tie_name(roster, tie[1]), tie[2], tie[3]] for tie in roster.ties]
    frames = {
        "memberships": pd.DataFrame(memberships, columns=_columns("memberships")),
        "groups": pd.DataFrame(groups, columns=_columns("groups")),
        "organisations": pd.DataFrame(organisations, columns=_columns("organisations")),
        "collaborations": pd.DataFrame(ties, columns=_columns("collaborations")),
        "services": pd.DataFrame(_service_rows(), columns=_columns("services")),
    }
    return {SHEETS[key]["names"][0]: frame for key, frame in frames.items()}


# ------------------------------------------------------------------------------ services

#: What ``verkosto services`` finds in the example (both seasons), as ``--format json`` prints it.
PLANTED_SERVICES = {
    "gaps": [
        # Juupajoki is left out of the shelter's youth work; Kihniö has no family café;
        # Punkalaidun is left out of the multicultural family coaching.
        {"municipality": "Juupajoki", "task": "violence", "client_group": "youth"},
        {"municipality": "Kihniö", "task": "meeting_places", "client_group": "infants"},
        {"municipality": "Punkalaidun", "task": "parenting", "client_group": "multicultural"},
    ],
    "overlaps": [
        # In Nokia and Tampere the parish's baby club and the MLL family café: both open, universal.
        {"municipality": "Nokia", "task": "meeting_places", "client_group": "infants", "form": "open_activity",
         "level": "universal", "organisations": ["MLL:n Nokian yhdistys", "Nokian seurakunta"]},
        {"municipality": "Tampere", "task": "meeting_places", "client_group": "infants", "form": "open_activity",
         "level": "universal", "organisations": ["MLL:n Tampereen yhdistys", TAMPERE_PARISHES]},
    ],
    "opportunities": [
        # Organisations that serve the same families but share no group and have no tie.
        {"municipality": "Akaa", "task": "early_support", "client_group": "under_school",
         "organisations": [COMPANY, "MLL:n Akaan yhdistys"]},
        {"municipality": "Nokia", "task": "separation", "client_group": "school_age",
         "organisations": ["MLL:n Nokian yhdistys", FAMILY_GUIDANCE]},
    ],
}

_EVERY_GROUP = ("expecting", "infants", "under_school", "school_age", "youth", "parents", "special_support",
                "multicultural")


def _service_rows() -> list[list]:
    """The Palvelut sheet: each cell of the service map served once in every municipality, but
    for the planted findings. Values are written as planners write them (Finnish names)."""
    from verkosto.services import load_vocabulary

    vocabulary = load_vocabulary()
    every = [name for name, *_ in MUNICIPALITIES]

    def row(service, organisation, tasks, groups, municipalities, level, form, place=None):
        return [
            service,
            organisation,
            None,  # every organisation is on the Organisaatiot sheet
            "; ".join(vocabulary.label("task", t) for t in tasks),
            "; ".join(vocabulary.label("client_group", g) for g in groups),
            "kaikki" if municipalities == every else "; ".join(municipalities),
            label("service_level", level),
            label("service_form", form),
            place,
        ]

    without = [g for g in _EVERY_GROUP if g not in ("expecting",)]
    rows = [
        row("Äitiys- ja lastenneuvola", CLINICS, ["promotion"], ["expecting", "infants", "under_school", "parents"],
            every, "universal", "service", "Neuvola"),
        row("Koulu- ja opiskeluterveydenhuolto", WELLBEING, ["promotion"], ["school_age", "youth"], every,
            "universal", "service"),
        row("Perhesosiaalityö", WELLBEING, ["early_support"], list(_EVERY_GROUP), every, "basic", "early_support"),
        row("Erityisen tuen palveluohjaus", WELLBEING, ["promotion"], ["special_support", "multicultural"], every,
            "special", "guidance"),
        row("Erityisen tuen palveluohjaus, perheet", WELLBEING, ["diversity"], list(_EVERY_GROUP), every,
            "special", "guidance"),
        row("Digitaalinen perhekahvila", MLL_DISTRICT, ["meeting_places"],
            [g for g in _EVERY_GROUP if g != "infants"], every, "universal", "digital"),
        row("Perheneuvola", FAMILY_GUIDANCE, ["parenting"], [g for g in _EVERY_GROUP if g != "multicultural"], every,
            "basic", "guidance", "Perheneuvola"),
        row("Eroneuvonta", FAMILY_GUIDANCE, ["separation"], without, every, "basic", "guidance"),
        row("Lähisuhdeväkivaltatyö", SHELTER, ["violence"], [g for g in _EVERY_GROUP if g != "youth"], every,
            "special", "service"),
        row("Nuorten väkivaltatyö", SHELTER, ["violence"], ["youth"], [m for m in every if m != "Juupajoki"],
            "special", "service"),
        row("Monikulttuurinen perhevalmennus", FAMILY_NGO, ["parenting"], ["multicultural"],
            [m for m in every if m != "Punkalaidun"], "universal", "peer_support"),
    ]
    for name, genitive, *_ in MUNICIPALITIES:
        if name != "Kihniö":
            rows.append(row(f"{genitive} perhekahvila", _local_ngo(genitive), ["meeting_places"], ["infants"], [name],
                            "universal", "open_activity", f"{genitive} kohtaamispaikka"))
    for name, genitive in (("Nokia", "Nokian"), ("Tampere", "Tampereen")):
        rows.append(row(f"{genitive} vauvakerho", _parish(name, genitive), ["meeting_places"], ["infants"], [name],
                        "universal", "open_activity", "Seurakuntakeskus"))
    rows.append(row("MLL:n lastenhoitoapu", _local_ngo("Akaan"), ["early_support"], ["under_school"], ["Akaa"],
                    "universal", "early_support"))
    rows.append(row("Lapsiperheiden kotipalvelu", COMPANY, ["early_support"], ["under_school"], ["Akaa"], "basic",
                    "service"))
    rows.append(row("Eroperheiden lasten vertaisryhmä", _local_ngo("Nokian"), ["separation"], ["school_age"], ["Nokia"],
                    "universal", "peer_support"))
    return rows


def _tie_name(roster: _Roster, node: str) -> str:
    # Person ties are kept by e-mail internally; the sheet names people as planners do.
    return roster.persons[node].name if node in roster.persons else node


def _check_season(season: str) -> str:
    if season not in SEASONS:
        raise VerkostoError(f"unknown example season {season!r}; choose one of {', '.join(SEASONS)}")
    return season


# ----------------------------------------------------------------------------- public API


def make_example(season: str) -> dict[str, pd.DataFrame]:
    """Generate the example roster of one season.

    Parameters
    ----------
    season : str
        One of :data:`SEASONS`.

    Returns
    -------
    dict of str to pandas.DataFrame
        The five sheets keyed by their Finnish names (``Jäsenyydet``, ``Ryhmät``,
        ``Organisaatiot``, ``Yhteistyö``, ``Palvelut``), with the Finnish headers of roster format v1
        and values written as a planner would write them.

    Raises
    ------
    VerkostoError
        If *season* is not one of :data:`SEASONS`.

    Examples
    --------
    >>> frames = make_example("2024-2025")
    >>> list(frames)
    ['Jäsenyydet', 'Ryhmät', 'Organisaatiot', 'Yhteistyö', 'Palvelut']
    >>> frames["Ryhmät"].iloc[0].tolist()[:3]
    ['Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä', 'Maakunnallinen', 'Ohjausryhmä']
    """
    _check_season(season)
    roster = _first_season()
    if season in SEASONS[1:]:
        roster = _next_season(roster)
    if season == SEASONS[2]:
        roster = _third_season(roster)
    return _frames(roster, season)


def example_path(season: str | None = None) -> Path:
    """Path of the saved example workbook of a season.

    Parameters
    ----------
    season : str, optional
        One of :data:`SEASONS`; the latest season by default.

    Returns
    -------
    pathlib.Path
        ``data/pirkanmaa_<season>.xlsx``, looked up first inside the package (an installed
        wheel ships ``verkosto/data/``), then in the source tree next to the package.

    Raises
    ------
    VerkostoError
        If the season is unknown or the workbook is in neither place.

    Examples
    --------
    >>> example_path("2023-2024").name
    'pirkanmaa_2023-2024.xlsx'
    """
    name = _file_name(_check_season(season or SEASONS[-1]))
    package = Path(__file__).resolve().parent
    candidates = (package / "data" / name, package.parent / "data" / name)
    for path in candidates:
        if path.is_file():
            return path
    raise VerkostoError(
        f"example roster {name} not found in {candidates[0].parent} or {candidates[1].parent}; "
        "regenerate it with: python -m verkosto.example"
    )


def write_example(directory: str | Path) -> list[Path]:
    """Write the example workbooks of every season into *directory*.

    Parameters
    ----------
    directory : str or pathlib.Path
        Folder to write to; created if missing.

    Returns
    -------
    list of pathlib.Path
        ``pirkanmaa_<season>.xlsx`` for each of :data:`SEASONS`, each with the four sheets in
        reading order.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for season in SEASONS:
        path = directory / _file_name(season)
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for sheet, frame in make_example(season).items():
                frame.to_excel(writer, sheet_name=sheet, index=False)
                _fit_columns(writer.sheets[sheet], frame)
        paths.append(path)
    return paths


def _file_name(season: str) -> str:
    return f"pirkanmaa_{season}.xlsx"


def _fit_columns(worksheet, frame: pd.DataFrame) -> None:
    # Planners open the example first; readable widths and a frozen header help.
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].dropna())])
        worksheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    worksheet.freeze_panes = "A2"


if __name__ == "__main__":
    for written in write_example(Path(__file__).resolve().parent.parent / "data"):
        print(written)
