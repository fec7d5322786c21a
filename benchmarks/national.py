"""A national-scale roster in roster format v1, generated deterministically for benchmarks.

21 wellbeing services counties (hyvinvointialueet) with their real municipalities (about
290; Helsinki and Åland are not wellbeing services counties). Persons, e-mail addresses
and most organisation names are invented. Per county: a provincial steering group, about
three regional coordination groups and family-guidance networks, a local steering group,
a meeting-place network and working groups in every municipality, expert networks, a
county-wide meeting-place network and working groups; a few national networks tie the
counties together. The defaults give about 15,000 persons, 30,000 memberships, 1,600
groups and 5,000 collaboration ties.

    python benchmarks/national.py -o national.xlsx [--persons 15000] [--counties 21] [--seed 1]

Only the standard library and openpyxl (write-only mode) are used; the same options give
the same workbook, cell for cell.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verkosto.example import (
    EXPERT_NETWORKS,
    FIRST_NAMES,
    GUIDANCE,
    INFORMATION,
    PROJECT,
    SHARED_SERVICE,
    SURNAMES,
    TRAINING,
)
from verkosto.schema import SHEETS, label

__all__ = ["COUNTIES", "SEASON", "generate", "main", "write_workbook"]

SEASON = "2024-2025"
EMAIL_DOMAIN = "perhekeskus.example"

# County (nominative, genitive) -> its municipalities. Real names, as of 2024.
COUNTIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Pirkanmaa", "Pirkanmaan", (
        "Akaa", "Hämeenkyrö", "Ikaalinen", "Juupajoki", "Kangasala", "Kihniö", "Kuhmoinen", "Lempäälä",
        "Mänttä-Vilppula", "Nokia", "Orivesi", "Parkano", "Pirkkala", "Punkalaidun", "Pälkäne", "Ruovesi",
        "Sastamala", "Tampere", "Urjala", "Valkeakoski", "Vesilahti", "Virrat", "Ylöjärvi")),
    ("Varsinais-Suomi", "Varsinais-Suomen", (
        "Aura", "Kaarina", "Kemiönsaari", "Koski Tl", "Kustavi", "Laitila", "Lieto", "Loimaa", "Marttila",
        "Masku", "Mynämäki", "Naantali", "Nousiainen", "Oripää", "Paimio", "Parainen", "Pyhäranta", "Pöytyä",
        "Raisio", "Rusko", "Salo", "Sauvo", "Somero", "Taivassalo", "Turku", "Uusikaupunki", "Vehmaa")),
    ("Pohjois-Pohjanmaa", "Pohjois-Pohjanmaan", (
        "Alavieska", "Haapajärvi", "Haapavesi", "Hailuoto", "Ii", "Kalajoki", "Kempele", "Kuusamo",
        "Kärsämäki", "Liminka", "Lumijoki", "Merijärvi", "Muhos", "Nivala", "Oulainen", "Oulu", "Pudasjärvi",
        "Pyhäjoki", "Pyhäjärvi", "Pyhäntä", "Raahe", "Reisjärvi", "Sievi", "Siikajoki", "Siikalatva",
        "Taivalkoski", "Tyrnävä", "Utajärvi", "Vaala", "Ylivieska")),
    ("Keski-Suomi", "Keski-Suomen", (
        "Hankasalmi", "Joutsa", "Jyväskylä", "Jämsä", "Kannonkoski", "Karstula", "Keuruu", "Kinnula",
        "Kivijärvi", "Konnevesi", "Kyyjärvi", "Laukaa", "Luhanka", "Multia", "Muurame", "Petäjävesi",
        "Pihtipudas", "Saarijärvi", "Toivakka", "Uurainen", "Viitasaari", "Äänekoski")),
    ("Lappi", "Lapin", (
        "Enontekiö", "Inari", "Kemi", "Kemijärvi", "Keminmaa", "Kittilä", "Kolari", "Muonio", "Pelkosenniemi",
        "Pello", "Posio", "Ranua", "Rovaniemi", "Salla", "Savukoski", "Simo", "Sodankylä", "Tervola", "Tornio",
        "Utsjoki", "Ylitornio")),
    ("Pohjois-Savo", "Pohjois-Savon", (
        "Iisalmi", "Joroinen", "Kaavi", "Keitele", "Kiuruvesi", "Kuopio", "Lapinlahti", "Leppävirta",
        "Pielavesi", "Rautalampi", "Rautavaara", "Siilinjärvi", "Sonkajärvi", "Suonenjoki", "Tervo",
        "Tuusniemi", "Varkaus", "Vesanto", "Vieremä")),
    ("Etelä-Pohjanmaa", "Etelä-Pohjanmaan", (
        "Alajärvi", "Alavus", "Evijärvi", "Ilmajoki", "Isojoki", "Karijoki", "Kauhajoki", "Kauhava",
        "Kuortane", "Kurikka", "Lappajärvi", "Lapua", "Seinäjoki", "Soini", "Teuva", "Vimpeli", "Ähtäri")),
    ("Satakunta", "Satakunnan", (
        "Eura", "Eurajoki", "Harjavalta", "Huittinen", "Jämijärvi", "Kankaanpää", "Karvia", "Kokemäki",
        "Merikarvia", "Nakkila", "Pomarkku", "Pori", "Rauma", "Siikainen", "Säkylä", "Ulvila")),
    ("Pohjanmaa", "Pohjanmaan", (
        "Isokyrö", "Kaskinen", "Korsnäs", "Kristiinankaupunki", "Kruunupyy", "Laihia", "Luoto", "Maalahti",
        "Mustasaari", "Närpiö", "Pedersöre", "Pietarsaari", "Uusikaarlepyy", "Vaasa", "Vöyri")),
    ("Pohjois-Karjala", "Pohjois-Karjalan", (
        "Heinävesi", "Ilomantsi", "Joensuu", "Juuka", "Kitee", "Kontiolahti", "Lieksa", "Liperi", "Nurmes",
        "Outokumpu", "Polvijärvi", "Rääkkylä", "Tohmajärvi")),
    ("Etelä-Savo", "Etelä-Savon", (
        "Enonkoski", "Hirvensalmi", "Juva", "Kangasniemi", "Mikkeli", "Mäntyharju", "Pertunmaa",
        "Pieksämäki", "Puumala", "Rantasalmi", "Savonlinna", "Sulkava")),
    ("Kanta-Häme", "Kanta-Hämeen", (
        "Forssa", "Hattula", "Hausjärvi", "Humppila", "Hämeenlinna", "Janakkala", "Jokioinen", "Loppi",
        "Riihimäki", "Tammela", "Ypäjä")),
    ("Länsi-Uusimaa", "Länsi-Uudenmaan", (
        "Espoo", "Hanko", "Inkoo", "Karkkila", "Kauniainen", "Kirkkonummi", "Lohja", "Raasepori", "Siuntio",
        "Vihti")),
    ("Päijät-Häme", "Päijät-Hämeen", (
        "Asikkala", "Hartola", "Heinola", "Hollola", "Iitti", "Kärkölä", "Lahti", "Orimattila", "Padasjoki",
        "Sysmä")),
    ("Etelä-Karjala", "Etelä-Karjalan", (
        "Imatra", "Lappeenranta", "Lemi", "Luumäki", "Parikkala", "Rautjärvi", "Ruokolahti", "Savitaipale",
        "Taipalsaari")),
    ("Keski-Pohjanmaa", "Keski-Pohjanmaan", (
        "Halsua", "Kannus", "Kaustinen", "Kokkola", "Lestijärvi", "Perho", "Toholampi", "Veteli")),
    ("Kainuu", "Kainuun", (
        "Hyrynsalmi", "Kajaani", "Kuhmo", "Paltamo", "Puolanka", "Ristijärvi", "Sotkamo", "Suomussalmi")),
    ("Itä-Uusimaa", "Itä-Uudenmaan", (
        "Askola", "Lapinjärvi", "Loviisa", "Myrskylä", "Porvoo", "Pukkila", "Sipoo")),
    ("Keski-Uusimaa", "Keski-Uudenmaan", (
        "Hyvinkää", "Järvenpää", "Mäntsälä", "Nurmijärvi", "Pornainen", "Tuusula")),
    ("Kymenlaakso", "Kymenlaakson", (
        "Hamina", "Kotka", "Kouvola", "Miehikkälä", "Pyhtää", "Virolahti")),
    ("Vantaa ja Kerava", "Vantaan ja Keravan", ("Vantaa", "Kerava")),
)

# Size class of a municipality: 2 for the largest cities, 1 for towns, 0 for the rest.
_CITIES = frozenset({"Espoo", "Vantaa", "Tampere", "Turku", "Oulu", "Jyväskylä", "Kuopio", "Lahti"})
_TOWNS = frozenset({
    "Pori", "Joensuu", "Lappeenranta", "Hämeenlinna", "Vaasa", "Seinäjoki", "Rovaniemi", "Mikkeli", "Kotka",
    "Salo", "Porvoo", "Kouvola", "Hyvinkää", "Nurmijärvi", "Järvenpää", "Kokkola", "Kajaani", "Lohja",
    "Rauma", "Kerava", "Kirkkonummi", "Tuusula", "Kangasala", "Nokia", "Ylöjärvi", "Kaarina", "Tornio",
    "Raisio", "Savonlinna", "Iisalmi", "Imatra", "Riihimäki", "Sipoo", "Vihti", "Pirkkala", "Lempäälä",
    "Kempele", "Siilinjärvi", "Raahe", "Kemi", "Varkaus", "Valkeakoski", "Lapua", "Forssa",
})
_DIRECTIONS = ("Pohjoinen", "Eteläinen", "Läntinen", "Itäinen")

LOCAL_THEMES = (
    "Vauvaperhetyön", "Varhaisen tuen", "Perheliikunnan", "Vanhemmuuden tuen", "Lapsiperheiden kotipalvelun",
    "Kasvatuskumppanuuden", "Erotilanteiden", "Monikulttuuristen perheiden",
)
COUNTY_THEMES = (
    "Viestinnän", "Arvioinnin", "Palveluketjujen", "Digipalvelujen", "Osallisuuden", "Koulutuksen",
    "Kotoutumisen tuen", "Nuorten perheiden",
)
NATIONAL_NETWORKS = (
    "Valtakunnallinen perhekeskusten koordinaattoriverkosto",
    "Valtakunnallinen kohtaamispaikkojen asiantuntijaverkosto",
    "Valtakunnallinen eroauttamisen asiantuntijaverkosto",
)
TIE_TYPES = (SHARED_SERVICE, TRAINING, PROJECT, GUIDANCE, INFORMATION)
NATIONAL_ORGANISATIONS = (("Kela", "kela"), ("Lapsiperheiden tutkimusinstituutti", "research"))

# Base seats per group kind, before scaling to the memberships wanted (2 per person).
_BASE = {
    "provincial": 18, "coordination": 14, "guidance": 12, "expert": 16, "county_meeting": 20,
    "county_working": 8, "steering": (8, 11, 16), "meeting": (8, 12, 18), "working": (5, 7, 9),
    "national": 30,
}
_LOCAL_WORKING_GROUPS = ((1, 2), (3, 4), (6, 8))  # (fewest, most) by size class


@dataclass
class _Group:
    name: str
    tier: str
    group_type: str
    scope: tuple  # ("municipality", name) | ("region", name) | ("county", name) | ("national",)
    county: str
    region: str = ""
    municipality: str = ""
    parent: str = ""
    meetings: int = 4
    size: int = 0
    members: dict[int, str] = field(default_factory=dict)  # person index -> role


@dataclass
class _Person:
    name: str
    email: str
    organisation: str
    county: str
    region: str
    municipality: str  # "" for county-wide posts
    groups: int = 0


class _National:
    """Mutable state while the roster is generated."""

    def __init__(self, persons: int, counties: int, seed: int):
        if not 1 <= counties <= len(COUNTIES):
            raise ValueError(f"counties must be between 1 and {len(COUNTIES)}, got {counties}")
        if persons < 10 * counties:
            raise ValueError(f"persons must be at least 10 per county ({10 * counties}), got {persons}")
        self.rng = random.Random(seed)
        self.target_persons = persons
        self.counties = COUNTIES[:counties]
        self.organisations: dict[str, tuple[str, str, str]] = {}  # name -> (sector, municipality, region)
        self.groups: dict[str, _Group] = {}
        self.persons: list[_Person] = []
        self.names: set[tuple[str, ...]] = set()
        self.emails: set[str] = set()
        self.region_of: dict[str, str] = {}  # municipality -> region
        self.size_of: dict[str, int] = {}  # municipality -> size class
        self.regions: dict[str, list[str]] = {}  # county -> regions
        self.municipalities: dict[str, list[str]] = defaultdict(list)  # region -> municipalities
        self.ties: list[list] = []

    # ------------------------------------------------------------------ structure

    def organisation(self, name: str, sector: str, municipality: str = "", region: str = "") -> str:
        self.organisations.setdefault(name, (sector, municipality, region))
        return name

    def group(self, name, tier, group_type, scope, county, *, region="", municipality="", parent="",
              meetings=4, base=10) -> _Group:
        group = _Group(name, tier, group_type, scope, county, region, municipality, parent, meetings, base)
        self.groups[name] = group
        return group

    def build_structure(self) -> None:
        rng = self.rng
        for name, _sector in NATIONAL_ORGANISATIONS:
            self.organisation(name, _sector)
        for county, genitive, municipalities in self.counties:
            shuffled = list(municipalities)
            rng.shuffle(shuffled)
            n_regions = 1 if len(shuffled) <= 2 else 2 if len(shuffled) < 6 else 3
            regions = [county] if n_regions == 1 else [f"{d} {county}" for d in _DIRECTIONS[:n_regions]]
            self.regions[county] = regions
            for i, municipality in enumerate(shuffled):
                region = regions[i % n_regions]
                self.region_of[municipality] = region
                self.size_of[municipality] = 2 if municipality in _CITIES else 1 if municipality in _TOWNS else 0
            for municipality in municipalities:
                self.municipalities[self.region_of[municipality]].append(municipality)

            wellbeing = f"{genitive} hyvinvointialue"
            for name in (wellbeing, f"{wellbeing}, neuvolapalvelut", f"{wellbeing}, perheneuvola",
                         f"{wellbeing}, lapsiperheiden sosiaalipalvelut"):
                self.organisation(name, "wellbeing_county")
            for name, sector in ((f"MLL:n {genitive} piiri", "ngo"), (f"{genitive} Ensi- ja turvakoti", "ngo"),
                                 (f"Perheverkko {county} ry", "ngo"), (f"{genitive} ammattikorkeakoulu", "education"),
                                 (f"{genitive} ammattiopisto", "education"), (f"{genitive} liitto", "other"),
                                 (f"Perheiden edustajat, {county}", "families"), (f"Kotiapu {county} Oy", "business")):
                self.organisation(name, sector)
            for municipality in municipalities:
                region = self.region_of[municipality]
                self.organisation(f"{municipality}, kunta", "municipality", municipality, region)
                self.organisation(f"{municipality}, seurakunta", "parish", municipality, region)
                self.organisation(f"MLL {municipality}", "ngo", municipality, region)

            provincial = self.group(f"Maakunnallinen ohjausryhmä, {county}", "provincial", "steering_group",
                                    ("county", county), county, meetings=8, base=_BASE["provincial"]).name
            for region in regions:
                self.group(f"Koordinaatioryhmä, {region}", "regional", "coordination_group", ("region", region),
                           county, region=region, parent=provincial, meetings=5, base=_BASE["coordination"])
                self.group(f"Perheneuvoverkosto, {region}", "regional", "family_guidance_network",
                           ("region", region), county, region=region, parent=f"Koordinaatioryhmä, {region}",
                           meetings=6, base=_BASE["guidance"])
            for network in EXPERT_NETWORKS:
                self.group(f"{network}, {county}", "provincial", "expert_network", ("county", county), county,
                           parent=provincial, meetings=4, base=_BASE["expert"])
            self.group(f"Kohtaamispaikkaverkosto, {county}", "provincial", "meeting_place_network",
                       ("county", county), county, parent=provincial, meetings=4, base=_BASE["county_meeting"])
            for theme in rng.sample(COUNTY_THEMES, 6):
                self.group(f"{theme} työryhmä, {county}", "provincial", "working_group", ("county", county), county,
                           parent=provincial, meetings=6, base=_BASE["county_working"])
            for municipality in municipalities:
                region, size = self.region_of[municipality], self.size_of[municipality]
                steering = self.group(
                    f"Perhekeskuksen ohjausryhmä, {municipality}", "local", "steering_group",
                    ("municipality", municipality), county, region=region, municipality=municipality,
                    parent=f"Koordinaatioryhmä, {region}", meetings=4 + size, base=_BASE["steering"][size]).name
                self.group(f"Kohtaamispaikkaverkosto, {municipality}", "local", "meeting_place_network",
                           ("municipality", municipality), county, region=region, municipality=municipality,
                           parent=steering, meetings=3, base=_BASE["meeting"][size])
                fewest, most = _LOCAL_WORKING_GROUPS[size]
                for theme in rng.sample(LOCAL_THEMES, rng.randint(fewest, most)):
                    self.group(f"{theme} työryhmä, {municipality}", "local", "working_group",
                               ("municipality", municipality), county, region=region, municipality=municipality,
                               parent=steering, meetings=5, base=_BASE["working"][size])
        if len(self.counties) > 1:
            for network in NATIONAL_NETWORKS:
                self.group(network, "provincial", "expert_network", ("national",), "", meetings=3,
                           base=_BASE["national"] * len(self.counties) // len(COUNTIES) + 4)
        # Scale the seats so that there are about two memberships per person.
        scale = 2 * self.target_persons / sum(g.size for g in self.groups.values())
        for group in self.groups.values():
            group.size = max(3, round(group.size * scale * rng.uniform(0.8, 1.2)))

    # -------------------------------------------------------------------- persons

    def new_person(self, organisation: str, county: str, region: str, municipality: str) -> int:
        rng = self.rng
        while True:
            names = [rng.choice(FIRST_NAMES)]
            if rng.random() < 0.6 or len(self.names) > 2000:
                names.append(rng.choice(FIRST_NAMES))
            names.append(rng.choice(SURNAMES))
            # Persons are told apart by their tokens: no two names that differ only in order.
            tokens = tuple(sorted(n.casefold() for n in names))
            if len(set(names)) == len(names) and tokens not in self.names:
                break
        self.names.add(tokens)
        name = " ".join(names)
        local = ".".join(names).casefold().translate(str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "."}))
        email, n = f"{local}@{EMAIL_DOMAIN}", 1
        while email in self.emails:
            n += 1
            email = f"{local}{n}@{EMAIL_DOMAIN}"
        self.emails.add(email)
        self.persons.append(_Person(name, email, organisation, county, region, municipality))
        return len(self.persons) - 1

    def build_persons(self) -> None:
        """Persons per county in proportion to its seats; 70 % work in one municipality."""
        rng = self.rng
        seats = defaultdict(int)
        for group in self.groups.values():
            seats[group.county or self.counties[0][0]] += group.size
        total = sum(seats.values())
        counts = {county: max(10, round(self.target_persons * seats[county] / total)) for county, *_ in self.counties}
        counts[self.counties[0][0]] += self.target_persons - sum(counts.values())
        for county, genitive, municipalities in self.counties:
            wellbeing = f"{genitive} hyvinvointialue"
            weights = [(1, 2, 5)[self.size_of[m]] for m in municipalities]
            county_wide = (
                (wellbeing, 14), (f"{wellbeing}, neuvolapalvelut", 10), (f"{wellbeing}, perheneuvola", 8),
                (f"{wellbeing}, lapsiperheiden sosiaalipalvelut", 8), (f"MLL:n {genitive} piiri", 5),
                (f"{genitive} Ensi- ja turvakoti", 4), (f"Perheverkko {county} ry", 4), ("Kela", 6),
                (f"{genitive} ammattikorkeakoulu", 4), (f"{genitive} ammattiopisto", 3),
                ("Lapsiperheiden tutkimusinstituutti", 1), (f"{genitive} liitto", 2),
                (f"Perheiden edustajat, {county}", 4), (f"Kotiapu {county} Oy", 2),
            )
            wide_names, wide_weights = zip(*county_wide)
            for _ in range(counts[county]):
                if rng.random() < 0.7:
                    municipality = rng.choices(municipalities, weights)[0]
                    organisation = rng.choices(
                        (f"{municipality}, kunta", f"{wellbeing}, neuvolapalvelut",
                         f"{wellbeing}, lapsiperheiden sosiaalipalvelut", f"{municipality}, seurakunta",
                         f"MLL {municipality}", f"Perheiden edustajat, {county}", f"Kotiapu {county} Oy"),
                        (40, 14, 11, 15, 12, 5, 3),
                    )[0]
                    self.new_person(organisation, county, self.region_of[municipality], municipality)
                else:
                    organisation = rng.choices(wide_names, wide_weights)[0]
                    self.new_person(organisation, county, rng.choice(self.regions[county]), "")

    # ---------------------------------------------------------------- memberships

    def seat(self, group: _Group, person: int, role: str = "member") -> bool:
        if person in group.members:
            return False
        group.members[person] = role
        self.persons[person].groups += 1
        return True

    def fill(self) -> None:
        rng = self.rng
        local = defaultdict(list)  # municipality -> persons working there
        area = defaultdict(list)  # region -> county-wide persons assigned to it
        wide = defaultdict(list)  # county -> county-wide persons
        everyone = defaultdict(list)  # county -> persons
        for i, person in enumerate(self.persons):
            everyone[person.county].append(i)
            if person.municipality:
                local[person.municipality].append(i)
            else:
                area[person.region].append(i)
                wide[person.county].append(i)
        by_region = defaultdict(list)
        for region, municipalities in self.municipalities.items():
            for municipality in municipalities:
                by_region[region].extend(local[municipality])
        national_pool = [i for county in wide for i in wide[county]]

        def pools(group: _Group) -> tuple[list[int], list[int]]:
            """Where members come from: a preferred pool, and a wider one for the rest."""
            kind = group.scope[0]
            if kind == "municipality":
                return local[group.municipality], area[group.region] or wide[group.county]
            if kind == "region":
                return area[group.region] + by_region[group.region], wide[group.county]
            if kind == "county":
                return wide[group.county], everyone[group.county]
            return national_pool, national_pool

        # Every person first gets one group of their own area, weighted by the seats left.
        own = defaultdict(list)
        for group in self.groups.values():
            kind = group.scope[0]
            key = group.municipality if kind == "municipality" else group.region if kind == "region" else group.county
            own[key].append(group)
        for i, person in enumerate(self.persons):
            choices = own[person.municipality] if person.municipality else own[person.region] + own[person.county]
            choices = choices or own[person.county]
            weights = [max(1, g.size - len(g.members)) for g in choices]
            self.seat(rng.choices(choices, weights)[0], i)

        # Tier links: the chair of a local steering group sits in its coordination group, the chair
        # of a coordination group in the provincial steering group (a few links are missing).
        ordered = sorted(self.groups.values(), key=lambda g: ({"local": 0, "regional": 1}.get(g.tier, 2), g.name))
        for group in ordered:
            preferred, wider = pools(group)
            while len(group.members) < group.size:
                pool = preferred if preferred and rng.random() < 0.85 else wider
                if not pool:
                    break
                for _attempt in range(20):
                    if self.seat(group, rng.choice(pool)):
                        break
                else:
                    break
            self.assign_roles(group)
            parent = self.groups.get(group.parent)
            linked = group.group_type in ("steering_group", "coordination_group")
            if parent is not None and linked and parent.tier != group.tier and rng.random() < 0.97:
                chair = next(p for p, role in group.members.items() if role == "chair")
                self.seat(parent, chair)

    def assign_roles(self, group: _Group) -> None:
        rng = self.rng
        members = list(group.members)
        roles = ["chair"]
        if group.group_type in ("steering_group", "coordination_group"):
            roles += ["vice_chair", "secretary"]
        elif group.group_type in ("expert_network", "meeting_place_network", "family_guidance_network"):
            roles += ["coordinator"]
        if rng.random() < 0.96:  # a few groups have no named contact person: gaps to find
            roles.append("contact")
        for index, person in enumerate(members):
            if index < len(roles):
                group.members[person] = roles[index]
            elif group.group_type == "expert_network" and rng.random() < 0.4:
                group.members[person] = "expert"
            elif rng.random() < 0.15:
                group.members[person] = "deputy"
            else:
                group.members[person] = "member"

    # ----------------------------------------------------------------------- ties

    def collaborate(self) -> None:
        """About one tie per three persons: four in five between organisations of one county."""
        rng = self.rng
        wanted = max(1, self.target_persons // 3)
        orgs_in = defaultdict(list)
        for name, (_sector, municipality, _region) in self.organisations.items():
            if municipality:
                orgs_in[self.region_of[municipality]].append(name)
        county_orgs = defaultdict(list)
        for county, _genitive, municipalities in self.counties:
            for municipality in municipalities:
                county_orgs[county] += [f"{municipality}, kunta", f"{municipality}, seurakunta", f"MLL {municipality}"]
        wide_orgs = defaultdict(set)
        persons_in = defaultdict(list)
        for i, person in enumerate(self.persons):
            if not person.municipality:
                wide_orgs[person.county].add(person.organisation)
            persons_in[person.county].append(i)
        counties = [c for c, *_ in self.counties]
        while len(self.ties) < wanted:
            county = rng.choice(counties)
            kind = rng.random()
            if kind < 0.8:
                region = rng.choice(self.regions[county])
                near = orgs_in[region]
                a = rng.choice(near)
                b = rng.choice(sorted(wide_orgs[county]) if rng.random() < 0.4 and wide_orgs[county] else county_orgs[county])
                source, target = a, b
            else:
                source, target = (self.persons[i].name for i in rng.sample(persons_in[county], 2))
            if source != target:
                self.ties.append([source, target, rng.choice(TIE_TYPES), rng.randint(1, 5)])

    # ---------------------------------------------------------------------- sheets

    def sheets(self) -> dict[str, list[list]]:
        sector = {name: s for name, (s, _m, _r) in self.organisations.items()}
        memberships = [[c.fi for c in SHEETS["memberships"]["columns"]]]
        for group in self.groups.values():
            for person_index, role in group.members.items():
                person = self.persons[person_index]
                municipality = person.municipality or group.municipality
                region = self.region_of.get(municipality, person.region)
                memberships.append([
                    person.name, person.organisation, label("sector", sector[person.organisation]), group.name,
                    label("tier", group.tier), label("role", role), municipality, region, person.email, SEASON,
                ])
        groups = [[c.fi for c in SHEETS["groups"]["columns"]]]
        for g in self.groups.values():
            groups.append([g.name, label("tier", g.tier), label("group_type", g.group_type), g.region,
                           g.municipality, g.parent, g.meetings])
        organisations = [[c.fi for c in SHEETS["organisations"]["columns"]]]
        for name, (s, municipality, region) in self.organisations.items():
            organisations.append([name, label("sector", s), municipality, region])
        ties = [[c.fi for c in SHEETS["collaborations"]["columns"]], *self.ties]
        names = {key: SHEETS[key]["names"][0] for key in SHEETS}
        return {
            names["memberships"]: memberships,
            names["groups"]: groups,
            names["organisations"]: organisations,
            names["collaborations"]: ties,
        }


def generate(persons: int = 15_000, counties: int = 21, seed: int = 1) -> dict[str, list[list]]:
    """The national roster as ``{sheet name: rows}``, the first row of each the Finnish headers.

    Examples
    --------
    >>> sheets = generate(persons=300, counties=2)
    >>> list(sheets)
    ['Jäsenyydet', 'Ryhmät', 'Organisaatiot', 'Yhteistyö']
    >>> len({row[0] for row in sheets["Jäsenyydet"][1:]})
    300
    """
    state = _National(persons, counties, seed)
    state.build_structure()
    state.build_persons()
    state.fill()
    state.collaborate()
    return state.sheets()


def write_workbook(path: str | Path, sheets: dict[str, list[list]]) -> Path:
    """Write sheets with openpyxl in write-only mode (streamed, no cell objects kept)."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=15_000, help="number of persons (default 15000)")
    parser.add_argument("--counties", type=int, default=21, help=f"number of counties, 1-{len(COUNTIES)} (default 21)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", type=Path, default=Path("national.xlsx"), help="workbook to write")
    args = parser.parse_args(argv)
    sheets = generate(args.persons, args.counties, args.seed)
    path = write_workbook(args.output, sheets)
    counts = ", ".join(f"{name} {len(rows) - 1:,}" for name, rows in sheets.items())
    print(f"{path}: {counts}")
    return path


if __name__ == "__main__":
    main()
