"""Coverage matrices and the default rules, each broken on purpose in a small roster."""

from pathlib import Path

import pandas as pd
import pytest
from rosters import SMALL, write_xlsx

from verkosto import example
from verkosto.coverage import (
    FINDING_COLUMNS,
    Rule,
    RulesError,
    check_rules,
    coverage_report,
    default_rules_path,
    load_rules,
    municipality_sector_matrix,
    sector_group_matrix,
    sector_tier_matrix,
)
from verkosto.errors import VerkostoError
from verkosto.graph import build_graph
from verkosto.load import load_roster
from verkosto.present import finding_message

PROV, KOORD = "Maakunnallinen ohjausryhmä", "Eteläinen koordinaatioryhmä"
AKAA_OR, KP = "Akaan ohjausryhmä", "Kohtaamispaikkaverkosto"
CITY, COUNTY, PARISH, MLL = "Akaan kaupunki", "Pirkanmaan hyvinvointialue", "Akaan seurakunta", "MLL Akaa"
KELA, UNI, DISTRICT, URJALA = "Kela", "Tampereen yliopisto", "MLL:n Hämeen piiri", "Urjalan kunta"

GROUPS = [
    ["Ryhmä", "Taso", "Tyyppi", "Alue", "Kunta"],
    [PROV, "Maakunnallinen", "Ohjausryhmä", "", ""],
    [KOORD, "Alueellinen", "Koordinaatioryhmä", "Eteläinen", ""],
    [AKAA_OR, "Paikallinen", "Ohjausryhmä", "Eteläinen", "Akaa"],
    [KP, "Maakunnallinen", "Kohtaamispaikkaverkosto", "", ""],
]
ORGANISATIONS = [
    ["Organisaatio", "Sektori", "Kunta"],
    [CITY, "Kunta", "Akaa"],
    [COUNTY, "Hyvinvointialue", ""],
    [PARISH, "Seurakunta", "Akaa"],
    [MLL, "Järjestö", "Akaa"],
    [KELA, "Kela", ""],
    [UNI, "Oppilaitos", ""],
    [DISTRICT, "Järjestö", ""],
    [URJALA, "Kunta", "Urjala"],
]
HEADER = ["Henkilö", "Organisaatio", "Ryhmä", "Rooli", "Kunta"]

# A roster that meets every default rule: one municipality (Akaa) with its local steering
# group, a regional coordination group and the provincial steering group with all six
# sectors, multi-sector chairs, contact persons, four links between each pair of tiers, and
# a meeting-place network with a member from Akaa.
COMPLETE = [
    ["Aino Aalto", CITY, AKAA_OR, "Puheenjohtaja"],
    ["Aino Aalto", CITY, KOORD, "Puheenjohtaja"],
    ["Aino Aalto", CITY, PROV, "Puheenjohtaja"],
    ["Bertta Berg", COUNTY, AKAA_OR, "Varapuheenjohtaja"],
    ["Bertta Berg", COUNTY, KOORD, "Varapuheenjohtaja"],
    ["Bertta Berg", COUNTY, PROV, "Varapuheenjohtaja"],
    ["Cecilia Cajander", PARISH, AKAA_OR, "Yhdyshenkilö"],
    ["Cecilia Cajander", PARISH, KOORD, "Yhdyshenkilö"],
    ["Cecilia Cajander", PARISH, PROV, "Yhdyshenkilö"],
    ["Daniel Dahl", MLL, AKAA_OR, "Jäsen"],
    ["Daniel Dahl", MLL, KOORD, "Jäsen"],
    ["Daniel Dahl", MLL, PROV, "Jäsen"],
    ["Daniel Dahl", MLL, KP, "Yhdyshenkilö"],
    ["Eeva Eskola", KELA, KOORD, "Jäsen"],
    ["Eeva Eskola", KELA, PROV, "Jäsen"],
    ["Frans Forsman", UNI, KOORD, "Jäsen"],
    ["Frans Forsman", UNI, PROV, "Jäsen"],
]

# A second cast for the upper tiers, with the same organisations and roles.
NEWCOMERS = {
    "Aino Aalto": "Hilla Honkanen",
    "Bertta Berg": "Ilona Ilves",
    "Cecilia Cajander": "Jussi Jokela",
    "Daniel Dahl": "Kalle Kivi",
    "Eeva Eskola": "Lea Laine",
    "Frans Forsman": "Mika Mäki",
}


def graph(tmp_path, rows, groups=GROUPS):
    memberships = [HEADER] + [row + [""] * (len(HEADER) - len(row)) for row in rows]
    sheets = {"Ryhmät": groups, "Organisaatiot": ORGANISATIONS, "Jäsenyydet": memberships}
    return build_graph(load_roster(write_xlsx(tmp_path / "roster.xlsx", sheets)))


def without(rows, person, group):
    return [row for row in rows if (row[0], row[2]) != (person, group)]


def with_role(rows, person, group, role):
    return [row[:3] + [role] + row[4:] if (row[0], row[2]) == (person, group) else row for row in rows]


def recast(rows, group, keep=()):
    """The group's members replaced by the newcomers, except the persons in *keep*."""
    return [[NEWCOMERS[row[0]], *row[1:]] if row[2] == group and row[0] not in keep else row for row in rows]


def findings(G, **kwargs):
    df = check_rules(G, **kwargs)
    assert list(df.columns) == FINDING_COLUMNS
    return [tuple(row) for row in df[["rule", "severity", "subject", "missing"]].itertuples(index=False)]


def messages(G, lang="fi"):
    return [finding_message(record, lang) for record in check_rules(G).to_dict("records")]


# ------------------------------------------------------------------------ default rules


def test_default_rules():
    assert default_rules_path() == Path(__file__).parent.parent / "data" / "rules.toml"
    rules = load_rules()
    assert [rule.id for rule in rules] == [
        "local-steering-group",
        "local-sectors",
        "regional-sectors",
        "provincial-sectors",
        "contact-person",
        "multi-sector-chairs",
        "tier-link",
        "sectors-on-every-tier",
        "meeting-place-coverage",
    ]
    by_id = {rule.id: rule for rule in rules}
    assert by_id["regional-sectors"] == Rule(
        id="regional-sectors",
        kind="sectors",
        description_fi=by_id["regional-sectors"].description_fi,
        description_en=by_id["regional-sectors"].description_en,
        tiers=("regional",),
        group_types=("coordination_group",),
        sectors=("municipality", "wellbeing_county", "parish", "ngo", "kela", "education"),
    )
    assert by_id["multi-sector-chairs"].roles == ("chair", "vice_chair")
    assert all(rule.description_fi and rule.description_en and rule.enabled for rule in rules)


def test_complete_roster_meets_every_rule(tmp_path):
    G = graph(tmp_path, COMPLETE)
    assert findings(G) == []
    assert check_rules(G).empty


def test_local_steering_group(tmp_path):
    # Urjala is named (a member from Urjala in the meeting-place network) but has no group.
    G = graph(tmp_path, COMPLETE + [["Gustav Grön", URJALA, KP, "Jäsen"]])
    assert findings(G) == [("local-steering-group", "gap", "Urjala", [])]
    assert messages(G) == ["Urjala: kunnalta puuttuu paikallinen ohjausryhmä"]
    assert messages(G, "en") == ["Urjala: the municipality has no local steering group"]


def test_local_steering_group_from_group_municipality(tmp_path):
    # A local network names Valkeakoski; Valkeakoski has no steering group.
    groups = GROUPS + [["Valkeakosken toimijaverkosto", "Paikallinen", "Muu", "Eteläinen", "Valkeakoski"]]
    rows = COMPLETE + [["Aino Aalto", CITY, "Valkeakosken toimijaverkosto", "Yhdyshenkilö"]]
    assert findings(graph(tmp_path, rows, groups)) == [("local-steering-group", "gap", "Valkeakoski", [])]


def test_local_sectors(tmp_path):
    # The parish works in Akaa's working group, not in its steering group.
    groups = GROUPS + [["Akaan työryhmä", "Paikallinen", "Työryhmä", "Eteläinen", "Akaa"]]
    rows = with_role(without(COMPLETE, "Cecilia Cajander", AKAA_OR), "Daniel Dahl", AKAA_OR, "Yhdyshenkilö")
    rows += [["Cecilia Cajander", PARISH, "Akaan työryhmä", "Yhdyshenkilö"]]
    G = graph(tmp_path, rows, groups)
    assert findings(G) == [("local-sectors", "gap", AKAA_OR, ["parish"])]
    assert messages(G) == ["Akaan ohjausryhmä: ei edustajaa sektorilta Seurakunta"]
    assert messages(G, "en") == ["Akaan ohjausryhmä: no member from the sector Parish"]


def test_regional_sectors(tmp_path):
    G = graph(tmp_path, without(COMPLETE, "Eeva Eskola", KOORD))
    assert findings(G) == [("regional-sectors", "gap", KOORD, ["kela"])]


def test_provincial_sectors(tmp_path):
    rows = without(without(COMPLETE, "Eeva Eskola", PROV), "Frans Forsman", PROV)
    G = graph(tmp_path, rows)
    assert findings(G) == [("provincial-sectors", "gap", PROV, ["kela", "education"])]
    assert messages(G) == ["Maakunnallinen ohjausryhmä: ei edustajaa sektoreilta Kela, Oppilaitos"]


def test_contact_person(tmp_path):
    G = graph(tmp_path, with_role(COMPLETE, "Daniel Dahl", KP, "Jäsen"))
    assert findings(G) == [("contact-person", "gap", KP, [])]
    record = check_rules(G).iloc[0]
    assert (record["node"], record["params"]) == (f"group:{KP}", {"kind": "contact_person", "roles": ["contact"]})
    assert messages(G) == ["Kohtaamispaikkaverkosto: ei jäsentä roolissa Yhdyshenkilö"]


def test_contact_person_among_several_roles(tmp_path):
    # Daniel is both member and contact in the network: the edge's roles hold both.
    G = graph(
        tmp_path, with_role(COMPLETE, "Daniel Dahl", KP, "Jäsen") + [["Daniel Dahl", MLL, KP, "Yhdyshenkilö"]]
    )
    assert findings(G) == []


def test_multi_sector_chairs_one_sector(tmp_path):
    G = graph(tmp_path, with_role(COMPLETE, "Bertta Berg", KOORD, "Jäsen"))
    assert findings(G) == [("multi-sector-chairs", "gap", KOORD, [])]
    assert messages(G) == [
        (
            "Eteläinen koordinaatioryhmä: puheenjohtajisto (puheenjohtaja tai varapuheenjohtaja) "
            "vain 1 sektorilta (Kunta); odotus vähintään 2"
        )
    ]


def test_multi_sector_chairs_none(tmp_path):
    rows = with_role(with_role(COMPLETE, "Aino Aalto", PROV, "Jäsen"), "Bertta Berg", PROV, "Jäsen")
    G = graph(tmp_path, rows)
    assert findings(G) == [("multi-sector-chairs", "gap", PROV, [])]
    assert messages(G, "en") == ["Maakunnallinen ohjausryhmä: no member in the role Chair or Vice-chair"]


def test_multi_sector_chairs_use_the_organisation_represented_in_the_group(tmp_path):
    # Daniel of MLL replaces Bertta as vice-chair: chairs from municipality and NGO.
    rows = with_role(
        with_role(COMPLETE, "Bertta Berg", KOORD, "Jäsen"), "Daniel Dahl", KOORD, "Varapuheenjohtaja"
    )
    assert findings(graph(tmp_path, rows)) == []


def test_tier_link_local_gap(tmp_path):
    rows = recast(recast(COMPLETE, KOORD), PROV)
    G = graph(tmp_path, rows)
    assert findings(G) == [("tier-link", "gap", AKAA_OR, [])]
    assert messages(G) == [
        "Akaan ohjausryhmä: kukaan jäsenistä ei istu ylemmän tason ryhmässä (Eteläinen koordinaatioryhmä)"
    ]


def test_tier_link_regional_gap(tmp_path):
    G = graph(tmp_path, recast(COMPLETE, PROV))
    assert findings(G) == [("tier-link", "gap", KOORD, [])]


def test_tier_link_risk(tmp_path):
    G = graph(tmp_path, recast(COMPLETE, PROV, keep={"Aino Aalto"}))
    assert findings(G) == [("tier-link", "risk", KOORD, [])]
    assert messages(G) == [
        "Eteläinen koordinaatioryhmä: vain yksi jäsen istuu myös ylemmän tason ryhmässä (Maakunnallinen ohjausryhmä)"
    ]
    assert messages(G, "en") == [
        "Eteläinen koordinaatioryhmä: only one member also sits in the group above (Maakunnallinen ohjausryhmä)"
    ]


def test_sectors_on_every_tier(tmp_path):
    # The regional tier has only a family-guidance network, of the city and the county; with
    # no coordination group, Akaa's steering group links straight to the provincial one.
    guidance = "Eteläinen perheneuvoverkosto"
    groups = [g for g in GROUPS if g[0] != KOORD] + [
        [guidance, "Alueellinen", "Perheneuvoverkosto", "Eteläinen", ""]
    ]
    rows = [row for row in COMPLETE if row[2] != KOORD]
    rows += [["Aino Aalto", CITY, guidance, "Jäsen"], ["Bertta Berg", COUNTY, guidance, "Yhdyshenkilö"]]
    G = graph(tmp_path, rows, groups)
    assert findings(G) == [
        ("regional-sectors", "note", "", []),  # no regional coordination group to check
        ("sectors-on-every-tier", "gap", "regional", ["parish", "ngo"]),
    ]
    assert messages(G) == [
        "sääntö koskee ryhmiä (alueellinen koordinaatioryhmä), joita roolituksessa ei ole, joten sitä ei voitu "
        "tarkistaa",
        "Alueellinen taso: ei edustajaa sektoreilta Seurakunta, Järjestö",
    ]
    assert messages(G, "en")[1] == "Regional tier: no member from the sectors Parish, NGO"


def test_a_rule_whose_scope_selects_no_group_is_a_note(tmp_path):
    G = graph(tmp_path, COMPLETE)
    rules = [Rule("guidance-contact", "contact_person", group_types=("family_guidance_network",), roles=("contact",))]
    frame = check_rules(G, rules)
    assert frame.to_dict("records") == [
        {"rule": "guidance-contact", "severity": "note", "node": None, "subject": "", "missing": [],
         "params": {"kind": "empty_scope", "tiers": [], "group_types": ["family_guidance_network"]}}
    ]
    assert finding_message(frame.iloc[0], "en") == (
        "the rule applies to groups (family-guidance network) that the roster does not have, so nothing was checked"
    )


def test_a_provincial_meeting_place_network_answers_for_every_municipality(tmp_path):
    """Its Alue names the province, no region of the local groups: still checked, against all of them."""
    groups = [g[:] for g in GROUPS] + [["Urjalan ohjausryhmä", "Paikallinen", "Ohjausryhmä", "Läntinen", "Urjala"]]
    groups[4][3] = "Pirkanmaa"
    rows = COMPLETE + [["Kalle Kivi", URJALA, "Urjalan ohjausryhmä", "Yhdyshenkilö"]]
    G = graph(tmp_path, rows, groups)
    assert [f for f in findings(G) if f[0] == "meeting-place-coverage"] == [
        ("meeting-place-coverage", "gap", KP, ["Urjala"])
    ]


def test_a_meeting_place_network_with_nothing_to_cover_is_a_note(tmp_path):
    groups = [g[:] for g in GROUPS]
    groups[4][1:4] = ["Alueellinen", "Kohtaamispaikkaverkosto", "Pohjoinen"]  # no local group in Pohjoinen
    frame = check_rules(graph(tmp_path, COMPLETE, groups))
    notes = frame[frame["severity"] == "note"]
    assert notes[["rule", "node", "subject", "params"]].to_dict("records") == [
        {"rule": "meeting-place-coverage", "node": f"group:{KP}", "subject": KP,
         "params": {"kind": "nothing_expected", "area": "Pohjoinen"}}
    ]
    assert finding_message(notes.iloc[0], "fi") == (
        "Kohtaamispaikkaverkosto: alueelta 'Pohjoinen' ei löydy yhtään kunnan paikallista ohjausryhmää, joten "
        "kattavuutta ei voitu tarkistaa; tarkista verkoston Alue tai Kunta Ryhmät-taulukossa"
    )


def test_meeting_place_coverage(tmp_path):
    rows = without(COMPLETE, "Daniel Dahl", KP) + [["Hilla Honkanen", DISTRICT, KP, "Yhdyshenkilö"]]
    G = graph(tmp_path, rows)
    assert findings(G) == [("meeting-place-coverage", "gap", KP, ["Akaa"])]
    assert messages(G) == ["Kohtaamispaikkaverkosto: ei jäsentä kunnasta Akaa"]
    # The district's member represents Akaa: the Kunta of the membership row counts.
    rows = without(COMPLETE, "Daniel Dahl", KP) + [["Hilla Honkanen", DISTRICT, KP, "Yhdyshenkilö", "Akaa"]]
    assert findings(graph(tmp_path, rows)) == []


def test_rules_from_a_path_and_switched_off(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rule]]\nid = "seurakunnat"\nkind = "sectors"\ntier = "paikallinen"\nsectors = ["Seurakunta", "kela"]\n'
        '[[rule]]\nid = "yhdyshenkilöt"\nkind = "contact_person"\nenabled = false\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules[0].tiers == ("local",) and rules[0].sectors == ("parish", "kela")
    assert rules[1].enabled is False
    G = graph(tmp_path, with_role(COMPLETE, "Daniel Dahl", KP, "Jäsen"))
    assert findings(G, rules=path) == [("seurakunnat", "gap", AKAA_OR, ["kela"])]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[rule]]\nid = \n", "not valid TOML: Invalid value (at line 2, column 6)"),
        ("", "no rules; write each rule as a [[rule]] table"),
        ("[rules]\nid = 'x'\n", "unknown top-level key 'rules'; write each rule as a [[rule]] table"),
        (
            "[[rule]]\nkind = 'sectors'\n",
            "rule 1: missing 'id'; give the rule a name, e.g. id = \"local-sectors\"",
        ),
        (
            "[[rule]]\nid = 'x'\nkind = 'sector'\n",
            (
                "rule 'x': kind 'sector' is not a check; use one of local_steering_group, sectors, "
                "contact_person, multi_sector_chairs, tier_link, sectors_on_every_tier, meeting_place_coverage"
            ),
        ),
        ("[[rule]]\nid = 'x'\nkind = 'sectors'\n", "rule 'x': kind sectors needs 'sectors'"),
        (
            "[[rule]]\nid = 'x'\nkind = 'sectors'\nsectors = ['seurakunnta']\n",
            (
                "rule 'x': unknown sector 'seurakunnta' in 'sectors'; allowed: municipality, "
                "wellbeing_county, parish, ngo, kela, education, research, business, families, other"
            ),
        ),
        (
            "[[rule]]\nid = 'x'\nkind = 'tier_link'\nsectors = ['kela']\n",
            (
                "rule 'x': unknown key 'sectors' for kind tier_link; allowed keys: id, kind, "
                "description_fi, description_en, enabled, tier, group_type"
            ),
        ),
        (
            "[[rule]]\nid = 'x'\nkind = 'multi_sector_chairs'\nmin_sectors = 'two'\n",
            "rule 'x': 'min_sectors' must be a whole number ≥ 1",
        ),
        (
            "[[rule]]\nid = 'x'\nkind = 'tier_link'\n[[rule]]\nid = 'x'\nkind = 'tier_link'\n",
            "rule 'x': the id is used twice; give each rule its own id",
        ),
    ],
)
def test_malformed_rules(tmp_path, text, problem, english):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert str(caught.value) == f"{path}: {problem}"
    assert isinstance(caught.value, VerkostoError) and "\n" not in str(caught.value)


def test_missing_rules_file(tmp_path, english):
    with pytest.raises(RulesError, match=r"nothing\.toml: file not found; check the path$"):
        check_rules(graph(tmp_path, COMPLETE), rules=tmp_path / "nothing.toml")


def test_unknown_language(tmp_path):
    finding = check_rules(graph(tmp_path, with_role(COMPLETE, "Daniel Dahl", KP, "Jäsen"))).iloc[0]
    with pytest.raises(ValueError, match="unknown language 'sv'"):
        finding_message(finding, "sv")


# ----------------------------------------------------------------------------- matrices
#
# tests/rosters.SMALL: Aino (city of Akaa) and Bertta (parish) sit in Akaa's steering group
# and the regional group, Cecilia (MLL) in Akaa's, Daniel in the regional group for the city
# and in Valkeakoski's steering group for MLL.


@pytest.fixture
def small(tmp_path):
    return build_graph(load_roster(write_xlsx(tmp_path / "small.xlsx", {"Jäsenyydet": SMALL})))


def column(matrix, name):
    return {sector: n for sector, n in matrix[name].items() if n}


def test_sector_tier_matrix(small):
    organisations = sector_tier_matrix(small)
    assert list(organisations.index) == [
        "municipality",
        "wellbeing_county",
        "parish",
        "ngo",
        "kela",
        "education",
        "research",
        "business",
        "families",
        "other",
    ]
    assert list(organisations.columns) == ["regional", "local"]
    assert organisations.index.name == "sector" and organisations.columns.name == "tier"
    assert all(dtype == "int64" for dtype in organisations.dtypes)
    assert column(organisations, "regional") == {"municipality": 1, "parish": 1}
    assert column(organisations, "local") == {"municipality": 1, "parish": 1, "ngo": 1}
    persons = sector_tier_matrix(small, count="persons")
    assert column(persons, "regional") == {"municipality": 2, "parish": 1}  # Aino and Daniel for the city
    assert column(persons, "local") == {
        "municipality": 1,
        "parish": 1,
        "ngo": 2,
    }  # Cecilia and Daniel for MLL
    with pytest.raises(ValueError, match="unknown count 'people'"):
        sector_tier_matrix(small, count="people")


def test_sector_group_matrix(small):
    organisations = sector_group_matrix(small)
    assert list(organisations.columns) == [
        "Eteläinen koordinaatioryhmä",
        "Akaan ohjausryhmä",
        "Valkeakosken ohjausryhmä",
    ]
    assert column(organisations, "Eteläinen koordinaatioryhmä") == {"municipality": 1, "parish": 1}
    assert column(organisations, "Akaan ohjausryhmä") == {"municipality": 1, "parish": 1, "ngo": 1}
    assert column(organisations, "Valkeakosken ohjausryhmä") == {"ngo": 1}
    persons = sector_group_matrix(small, count="persons")
    assert column(persons, "Eteläinen koordinaatioryhmä") == {"municipality": 2, "parish": 1}


def test_municipality_sector_matrix(small):
    matrix = municipality_sector_matrix(small)
    assert list(matrix.index) == ["Akaa", "Valkeakoski"] and matrix.index.name == "municipality"
    assert list(matrix.columns)[:4] == ["municipality", "wellbeing_county", "parish", "ngo"]
    assert {m: {s: n for s, n in row.items() if n} for m, row in matrix.iterrows()} == {
        "Akaa": {"municipality": 1, "parish": 1, "ngo": 1},
        "Valkeakoski": {"ngo": 1},
    }


def test_coverage_report(small):
    report = coverage_report(small)
    assert set(report) == {"matrices", "findings"}
    assert set(report["matrices"]) == {"sector_tier", "sector_group", "municipality_sector"}
    pd.testing.assert_frame_equal(report["matrices"]["sector_tier"], sector_tier_matrix(small))
    pd.testing.assert_frame_equal(report["findings"], check_rules(small))


# ------------------------------------------------------------------------ example data


@pytest.mark.parametrize("season", example.SEASONS)
def test_example_finds_exactly_the_planted_gaps(season):
    G = build_graph(load_roster(example.example_path(season)))
    got = sorted(
        (rule, severity, subject, tuple(missing)) for rule, severity, subject, missing in findings(G)
    )
    planted = sorted(
        (rule, "gap", subject, tuple(missing)) for rule, subject, missing in example.PLANTED_GAPS[season]
    )
    assert got == planted


def test_a_note_shows_in_every_output(tmp_path, monkeypatch):
    """Terminal, csv, json, the report's findings sheet and the map's findings and legend."""
    import json

    from typer.testing import CliRunner

    from cli import app

    memberships = [HEADER] + [row + [""] * (len(HEADER) - len(row)) for row in COMPLETE]
    roster = write_xlsx(tmp_path / "roster.xlsx", {"Ryhmät": GROUPS, "Organisaatiot": ORGANISATIONS, "Jäsenyydet": memberships})
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nid = "guidance-contact"\nkind = "contact_person"\ngroup_type = "perheneuvoverkosto"\n',
                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke
    message = ("sääntö koskee ryhmiä (perheneuvoverkosto), joita roolituksessa ei ole, joten sitä ei voitu "
               "tarkistaa")
    table = run(app, ["coverage", str(roster), "--rules", str(rules)])
    assert table.exit_code == 0 and "Huomio" in table.stdout and "perheneuvoverkosto" in table.stdout
    csv = run(app, ["coverage", str(roster), "--rules", str(rules), "--format", "csv"]).stdout
    assert csv.splitlines()[1].startswith("guidance-contact,note,,,,") and csv.splitlines()[1].endswith(f'"{message}"')
    data = json.loads(run(app, ["coverage", str(roster), "--rules", str(rules), "--format", "json"]).stdout)
    assert [(f["severity"], f["message"]) for f in data["findings"]] == [("note", message)]
    assert run(app, ["report", str(roster), "--rules", str(rules), "-o", "r.xlsx"]).exit_code == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(tmp_path / "r.xlsx")["Havainnot"].iter_rows(values_only=True))
    assert rows[1] == ("guidance-contact", "Huomio", None, None, message)
    result = run(app, ["map", str(roster), "--rules", str(rules), "-o", "kartta.html"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "kartta.html").read_text(encoding="utf-8")
    assert "huomio: sääntöä ei voitu tarkistaa" in html and message in html
