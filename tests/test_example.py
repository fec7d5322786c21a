"""Tests of the bundled example roster: saved files, counts, identity, coverage and gaps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from verkosto import schema
from verkosto.errors import VerkostoError
from verkosto.example import (
    PLANTED_GAPS,
    PLANTED_SERVICES,
    SEASONS,
    example_path,
    make_example,
    write_example,
)

DATA = Path(__file__).resolve().parent.parent / "data"
SHEET_NAMES = ["Jäsenyydet", "Ryhmät", "Organisaatiot", "Yhteistyö", "Palvelut"]
PIRKANMAA = {
    "Akaa", "Hämeenkyrö", "Ikaalinen", "Juupajoki", "Kangasala", "Kihniö", "Kuhmoinen",
    "Lempäälä", "Mänttä-Vilppula", "Nokia", "Orivesi", "Parkano", "Pirkkala", "Punkalaidun",
    "Pälkäne", "Ruovesi", "Sastamala", "Tampere", "Urjala", "Valkeakoski", "Vesilahti",
    "Virrat", "Ylöjärvi",
}
LOCAL_SECTORS = {"municipality", "wellbeing_county", "parish", "ngo"}
UPPER_SECTORS = LOCAL_SECTORS | {"kela", "education"}


def _canonical(vocabulary: str, values: pd.Series) -> pd.Series:
    table = schema.aliases(vocabulary)
    return values.map(lambda value: table[schema.fold(value)])


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text or None, the way a workbook read with dtype=str gives it."""
    frame = frame.astype(object)
    return frame.where(frame.notna(), None).map(lambda v: None if v is None else str(v))


@pytest.fixture(scope="module")
def frames() -> dict[str, dict[str, pd.DataFrame]]:
    return {season: make_example(season) for season in SEASONS}


@pytest.fixture(scope="module")
def rosters(frames) -> dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """Per season: memberships, groups and organisations with canonical values."""
    result = {}
    for season, sheets in frames.items():
        raw = sheets["Jäsenyydet"]
        memberships = pd.DataFrame({
            "person": raw["Henkilö"].map(schema.normalize_text),
            "email": raw["Sähköposti"].str.casefold(),
            "organisation": raw["Organisaatio"],
            "sector": _canonical("sector", raw["Sektori"]),
            "group": raw["Ryhmä"],
            "tier": _canonical("tier", raw["Taso"]),
            "role": _canonical("role", raw["Rooli"]),
            "municipality": raw["Kunta"],
        })
        raw = sheets["Ryhmät"]
        groups = pd.DataFrame({
            "group": raw["Ryhmä"],
            "tier": _canonical("tier", raw["Taso"]),
            "type": _canonical("group_type", raw["Tyyppi"]),
            "region": raw["Alue"],
            "municipality": raw["Kunta"],
        })
        raw = sheets["Organisaatiot"]
        organisations = pd.DataFrame({
            "organisation": raw["Organisaatio"],
            "sector": _canonical("sector", raw["Sektori"]),
            "municipality": raw["Kunta"],
        })
        result[season] = (memberships, groups, organisations)
    return result


def _groups_of(groups: pd.DataFrame, tier: str, group_type: str) -> pd.DataFrame:
    return groups[(groups["tier"] == tier) & (groups["type"] == group_type)]


def _gaps(season: str, rule: str) -> dict[str, list[str]]:
    return {subject: missing for rule_id, subject, missing in PLANTED_GAPS[season] if rule_id == rule}


def _missing(memberships: pd.DataFrame, group: str, required: set[str]) -> list[str]:
    present = set(memberships.loc[memberships["group"] == group, "sector"])
    return sorted(required - present)


# ------------------------------------------------------------------------ files and API


@pytest.mark.parametrize("season", SEASONS)
def test_saved_workbook_equals_generated_frames(season):
    saved = pd.read_excel(DATA / f"pirkanmaa_{season}.xlsx", engine="calamine", sheet_name=None, dtype=str)
    expected = make_example(season)
    assert list(saved) == SHEET_NAMES
    for sheet in SHEET_NAMES:
        pd.testing.assert_frame_equal(_as_text(saved[sheet]), _as_text(expected[sheet]))


def test_write_example_writes_one_workbook_per_season(tmp_path):
    paths = write_example(tmp_path / "new")
    assert [p.name for p in paths] == [
        "pirkanmaa_2023-2024.xlsx", "pirkanmaa_2024-2025.xlsx", "pirkanmaa_2025-2026.xlsx",
    ]
    saved = pd.read_excel(paths[0], engine="calamine", sheet_name=None, dtype=str)
    expected = make_example(SEASONS[0])["Yhteistyö"]
    pd.testing.assert_frame_equal(_as_text(saved["Yhteistyö"]), _as_text(expected))


def test_example_path():
    assert example_path() == DATA / "pirkanmaa_2025-2026.xlsx"
    assert example_path("2023-2024") == DATA / "pirkanmaa_2023-2024.xlsx"
    with pytest.raises(VerkostoError, match="unknown example season '2022-2023'"):
        example_path("2022-2023")


def test_unknown_season_is_refused():
    with pytest.raises(VerkostoError, match="choose one of 2023-2024, 2024-2025, 2025-2026"):
        make_example("2025")


def test_generation_is_deterministic(frames):
    for season in SEASONS:
        again = make_example(season)
        for sheet in SHEET_NAMES:
            pd.testing.assert_frame_equal(again[sheet], frames[season][sheet])


def test_sheets_have_the_finnish_headers(frames):
    for sheets in frames.values():
        assert list(sheets) == SHEET_NAMES
        for key, sheet in zip(schema.SHEETS, SHEET_NAMES):
            assert list(sheets[sheet].columns) == [c.fi for c in schema.SHEETS[key]["columns"]]


# ---------------------------------------------------------------------------- values


@pytest.mark.parametrize("season", SEASONS)
def test_values_are_finnish_labels_of_the_vocabularies(frames, season):
    sheets = frames[season]
    memberships, groups = sheets["Jäsenyydet"], sheets["Ryhmät"]
    finnish = {name: {entry[0] for entry in vocab.values()} for name, vocab in schema.VOCABULARIES.items()}
    assert set(memberships["Sektori"]) <= finnish["sector"]
    assert set(sheets["Organisaatiot"]["Sektori"]) <= finnish["sector"]
    assert set(memberships["Taso"]) | set(groups["Taso"]) <= finnish["tier"]
    assert set(memberships["Rooli"]) <= finnish["role"]
    assert set(groups["Tyyppi"]) <= finnish["group_type"]
    assert memberships.notna().all().drop(["Kunta", "Alue"]).all()
    assert set(memberships["Kausi"]) == {season}
    assert groups["Kokoukset"].dtype == "int64"
    assert groups["Kokoukset"].between(2, 8).all()
    assert sheets["Yhteistyö"]["Vahvuus"].dtype == "int64"
    assert sheets["Yhteistyö"]["Vahvuus"].between(1, 5).all()


@pytest.mark.parametrize("season", SEASONS)
def test_counts(frames, rosters, season):
    memberships, groups, organisations = rosters[season]
    towns = organisations[organisations["sector"] == "municipality"]
    assert len(towns) == 23
    assert set(towns["municipality"]) == PIRKANMAA
    assert set(groups["region"].dropna()) == {"Eteläinen", "Läntinen", "Pohjoinen"}
    assert len(_groups_of(groups, "provincial", "steering_group")) == 1
    assert len(_groups_of(groups, "regional", "coordination_group")) == 3
    local = _groups_of(groups, "local", "steering_group")
    assert len(local) == 23
    assert set(local["municipality"]) == PIRKANMAA
    assert 350 <= memberships["email"].nunique() <= 500
    assert 1000 <= len(memberships) <= 1400
    assert 80 <= len(frames[season]["Yhteistyö"]) <= 150


@pytest.mark.parametrize("season", SEASONS)
def test_collaboration_ends_are_roster_actors(frames, rosters, season):
    memberships, _, organisations = rosters[season]
    ties = frames[season]["Yhteistyö"]
    actors = set(organisations["organisation"]) | set(memberships["person"])
    assert set(ties["Lähde"]) | set(ties["Kohde"]) <= actors
    person_ties = ties[~ties["Lähde"].isin(organisations["organisation"])]
    assert 3 <= len(person_ties) <= 10
    assert not ties.duplicated(["Lähde", "Kohde"]).any()


@pytest.mark.parametrize("season", SEASONS)
def test_identity_is_the_email(frames, rosters, season):
    raw = frames[season]["Jäsenyydet"]
    memberships = rosters[season][0]
    assert raw["Sähköposti"].str.casefold().str.endswith("@perhekeskus.example").all()
    # Spelling variants merge: one clean name per e-mail and one e-mail per clean name.
    assert (memberships.groupby("email")["person"].nunique() == 1).all()
    assert (memberships.groupby("person")["email"].nunique() == 1).all()
    raw_spellings = raw.assign(key=raw["Sähköposti"].str.casefold()).groupby("key")
    assert (raw_spellings["Sähköposti"].nunique() > 1).sum() == 3
    assert (raw_spellings["Henkilö"].nunique() > 1).sum() == 5
    assert raw["Henkilö"].str.endswith(" ").sum() == 3
    assert raw["Henkilö"].str.contains("\u00a0").sum() == 2
    # A person sits in a group once.
    assert not memberships.duplicated(["email", "group"]).any()


@pytest.mark.parametrize("seasons", list(zip(SEASONS, SEASONS[1:])))
def test_turnover_between_seasons(rosters, seasons):
    first, second = (rosters[season][0] for season in seasons)
    groups_first = first.groupby("email")["group"].agg(frozenset)
    groups_second = second.groupby("email")["group"].agg(frozenset)
    left = set(groups_first.index) - set(groups_second.index)
    stayed = groups_first.index.intersection(groups_second.index)
    moved = {email for email in stayed if groups_first[email] != groups_second[email]}
    joined = set(groups_second.index) - set(groups_first.index)
    turnover = (len(left) + len(moved)) / len(groups_first)
    assert 0.10 <= turnover <= 0.25
    assert left and moved and joined
    assert 0.05 <= len(left) / len(groups_first) <= 0.15


# ------------------------------------------------------------------- coverage rules


@pytest.mark.parametrize("season", SEASONS)
def test_planted_gaps_are_listed_for_each_season(season):
    expected = ["local-sectors", "regional-sectors", "tier-link", "contact-person"]
    if season == "2025-2026":  # the parish and Kela gaps closed, an NGO gap opened
        expected = ["local-sectors", "tier-link", "contact-person"]
    assert [gap[0] for gap in PLANTED_GAPS[season]] == expected


@pytest.mark.parametrize("season", SEASONS)
def test_rule_1_every_named_municipality_has_a_local_steering_group(rosters, season):
    memberships, groups, organisations = rosters[season]
    named = set(memberships["municipality"].dropna()) | set(groups["municipality"].dropna())
    named |= set(organisations["municipality"].dropna())
    assert named <= set(_groups_of(groups, "local", "steering_group")["municipality"])


@pytest.mark.parametrize("season", SEASONS)
def test_rule_2_local_steering_groups_have_the_four_local_sectors(rosters, season):
    memberships, groups, _ = rosters[season]
    found = {}
    for group in _groups_of(groups, "local", "steering_group")["group"]:
        missing = _missing(memberships, group, LOCAL_SECTORS)
        if missing:
            found[group] = missing
    expected = {"Kuhmoisten perhekeskuksen ohjausryhmä": ["parish"]}
    if season == "2025-2026":
        expected = {"Kihniön perhekeskuksen ohjausryhmä": ["ngo"]}
    assert found == _gaps(season, "local-sectors") == expected


@pytest.mark.parametrize("season", SEASONS)
def test_rules_3_and_4_upper_tiers_have_the_six_sectors(rosters, season):
    memberships, groups, _ = rosters[season]
    found = {}
    for group in _groups_of(groups, "regional", "coordination_group")["group"]:
        missing = _missing(memberships, group, UPPER_SECTORS)
        if missing:
            found[group] = missing
    expected = {} if season == "2025-2026" else {"Läntisen alueen koordinaatioryhmä": ["kela"]}
    assert found == _gaps(season, "regional-sectors") == expected
    provincial = _groups_of(groups, "provincial", "steering_group")["group"].item()
    assert _missing(memberships, provincial, UPPER_SECTORS) == []


@pytest.mark.parametrize("season", SEASONS)
def test_rule_5_every_group_has_a_contact_person(rosters, season):
    memberships, groups, _ = rosters[season]
    with_contact = set(memberships.loc[memberships["role"] == "contact", "group"])
    without = set(groups["group"]) - with_contact
    assert without == set(_gaps(season, "contact-person")) == {"Perhekeskuksen viestintätyöryhmä"}


@pytest.mark.parametrize("season", SEASONS)
def test_rule_6_upper_chairs_come_from_two_sectors(rosters, season):
    memberships, groups, _ = rosters[season]
    upper = groups[groups["tier"].isin(["provincial", "regional"])
                   & groups["type"].isin(["steering_group", "coordination_group"])]
    assert len(upper) == 4
    for group in upper["group"]:
        rows = memberships[memberships["group"] == group]
        chairs = rows[rows["role"].isin(["chair", "vice_chair"])]
        assert chairs["sector"].nunique() >= 2, group


@pytest.mark.parametrize("season", SEASONS)
def test_rule_7_tiers_are_linked_by_at_least_two_persons(rosters, season):
    memberships, groups, _ = rosters[season]
    members = memberships.groupby("group")["email"].agg(set)
    coordination = _groups_of(groups, "regional", "coordination_group").set_index("region")["group"]
    links = {
        row.group: len(members[row.group] & members[coordination[row.region]])
        for row in _groups_of(groups, "local", "steering_group").itertuples()
    }
    gap = set(_gaps(season, "tier-link"))
    assert gap == {"Juupajoen perhekeskuksen ohjausryhmä"}
    assert {group: n for group, n in links.items() if n < 2} == dict.fromkeys(gap, 0)
    provincial = _groups_of(groups, "provincial", "steering_group")["group"].item()
    for group in coordination:
        assert len(members[group] & members[provincial]) >= 2, group


@pytest.mark.parametrize("season", SEASONS)
def test_rule_8_local_sectors_appear_on_every_tier(rosters, season):
    memberships = rosters[season][0]
    for tier in schema.TIER_ORDER:
        assert LOCAL_SECTORS <= set(memberships.loc[memberships["tier"] == tier, "sector"]), tier


@pytest.mark.parametrize("season", SEASONS)
def test_rule_9_meeting_places_reach_every_municipality(rosters, season):
    memberships, groups, organisations = rosters[season]
    home = organisations.set_index("organisation")["municipality"]
    municipalities = set(_groups_of(groups, "local", "steering_group")["municipality"])
    networks = groups[groups["type"] == "meeting_place_network"]
    # From 2025-2026 one network per region, coordinated through its coordination group.
    assert len(networks) == (3 if season == "2025-2026" else 1)
    local = _groups_of(groups, "local", "steering_group")
    for network, region in zip(networks["group"], networks["region"]):
        rows = memberships[memberships["group"] == network]
        reached = set(rows["municipality"].fillna(rows["organisation"].map(home)).dropna())
        regional = isinstance(region, str) and region
        expected = set(local.loc[local["region"] == region, "municipality"]) if regional else municipalities
        assert expected
        assert expected <= reached


def test_2025_2026_meeting_places_are_coordinated_through_the_regions(frames, rosters):
    memberships, groups, _ = rosters["2025-2026"]
    parents = frames["2025-2026"]["Ryhmät"].set_index("Ryhmä")["Yläryhmä"]
    networks = groups[groups["type"] == "meeting_place_network"]
    assert list(networks["group"]) == [f"{g} alueen kohtaamispaikkaverkosto" for g in ("Eteläisen", "Läntisen", "Pohjoisen")]
    for network, region in zip(networks["group"], networks["region"]):
        coordination = _groups_of(groups, "regional", "coordination_group").set_index("region")["group"][region]
        assert parents[network] == coordination
        contact = set(memberships.loc[(memberships["group"] == network) & (memberships["role"] == "contact"), "email"])
        in_coordination = set(memberships.loc[memberships["group"] == coordination, "email"])
        assert len(contact) == 1 and contact <= in_coordination
    assert "Pirkanmaan kohtaamispaikkaverkosto" not in set(groups["group"])


@pytest.mark.parametrize("season", SEASONS)
def test_verkosto_services_finds_exactly_the_planted_service_findings(season):
    import json

    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["services", str(example_path(season)), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == PLANTED_SERVICES
