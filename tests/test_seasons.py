"""Seasons compared (verkosto.seasons): hand-built rosters with every change counted by hand."""

import json

import pandas as pd
import pytest
from season_rosters import (
    AKAA,
    ETELA_DASH,
    ETELA_HYPHEN,
    PROVINCE,
    SEASONS,
    VALKEAKOSKI,
    write_all_seasons,
    write_season,
)
from typer.testing import CliRunner

from cli import app
from verkosto import analyse
from verkosto.privacy import read_key
from verkosto.seasons import compare, match_key, season_figures, season_inputs, trends

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seasons")
    return [write_season(folder, s) for s in SEASONS]


@pytest.fixture(scope="module")
def analyses(paths):
    return [analyse(p) for p in paths]


@pytest.fixture(scope="module")
def first(analyses):
    return compare(analyses[0], analyses[1])


@pytest.fixture(scope="module")
def second(analyses):
    return compare(analyses[1], analyses[2])


def test_hyphen_and_en_dash_are_one_group():
    assert match_key(ETELA_HYPHEN) == match_key(ETELA_DASH)
    assert match_key("Akaan  SEURAKUNTA") == match_key("akaan seurakunta")
    assert match_key("Akaan seurakunnat") != match_key("Akaan seurakunta")


def test_persons_joined_left_stayed(first, second):
    # Aino Aalto became Aino Virtanen (one e-mail); Cecilia (no e-mail) is known by her name.
    assert first.persons.joined == ["person:Gustav Gran"]
    assert first.persons.left == ["person:Daniel Dahl", "person:Fanni Forss"]
    assert first.persons.stayed == [
        ("person:Aino Aalto", "person:Aino Virtanen"),
        ("person:Bertta Berg", "person:Bertta Berg"),
        ("person:Cecilia Cajander", "person:Cecilia Cajander"),
        ("person:Eero Elo", "person:Eero Elo"),
    ]
    assert second.persons.joined == ["person:Hilla Hakala"]
    assert second.persons.left == ["person:Bertta Berg"]
    assert len(second.persons.stayed) == 4


def test_organisations_and_groups(first, second):
    assert first.organisations.as_dict() == {"joined": [], "left": ["organisation:Kela"], "stayed": 3}
    assert first.groups.joined == [f"group:{VALKEAKOSKI}"]
    assert first.groups.left == []
    assert first.groups.stayed == [
        (f"group:{AKAA}", f"group:{AKAA}"),
        (f"group:{ETELA_HYPHEN}", f"group:{ETELA_DASH}"),
        (f"group:{PROVINCE}", f"group:{PROVINCE}"),
    ]
    # A near-duplicate spelling is reported, not joined.
    assert second.organisations.as_dict() == {
        "joined": ["organisation:Akaan seurakunnat"],
        "left": ["organisation:Akaan seurakunta"],
        "stayed": 2,
    }
    assert second.groups.as_dict() == {"joined": [], "left": [], "stayed": 4}


def test_renames_moves_and_near_duplicates_are_warnings(first, second):
    assert [(w.key, dict(w.params)) for w in first.warnings] == [
        ("season.warning.renamed", {"before": "Aino Aalto", "after": "Aino Virtanen"}),
        ("season.warning.moved", {"person": "Cecilia Cajander", "before": ("MLL Akaa",), "after": ("Akaan kaupunki",)}),
    ]
    assert [(w.key, dict(w.params)) for w in second.warnings] == [
        ("season.warning.near_duplicate_organisation", {"before": "Akaan seurakunta", "after": "Akaan seurakunnat"}),
    ]


def test_turnover_per_group(first):
    table = first.group_changes.set_index("group")
    columns = ["status", "before", "after", "joined", "left", "stayed"]
    assert table[columns].to_dict("index") == {
        f"group:{AKAA}": dict(status="stayed", before=4, after=4, joined=1, left=1, stayed=3),
        f"group:{ETELA_DASH}": dict(status="stayed", before=3, after=2, joined=0, left=1, stayed=2),
        f"group:{PROVINCE}": dict(status="stayed", before=2, after=1, joined=0, left=1, stayed=1),
        f"group:{VALKEAKOSKI}": dict(status="joined", before=0, after=1, joined=1, left=0, stayed=0),
    }
    assert table["turnover"].tolist()[:3] == [0.25, 1 / 3, 0.5]
    assert pd.isna(table.loc[f"group:{VALKEAKOSKI}", "turnover"])


def test_role_changes(first, second):
    # Aino keeps the chair of Akaa under her new name: no change.
    assert first.roles.to_dict("records") == [
        {"group": f"group:{AKAA}", "role": "contact", "before": ["person:Bertta Berg"],
         "after": ["person:Cecilia Cajander"]},
        {"group": f"group:{ETELA_DASH}", "role": "chair", "before": ["person:Daniel Dahl"],
         "after": ["person:Bertta Berg"]},
        {"group": f"group:{ETELA_DASH}", "role": "contact", "before": ["person:Bertta Berg"],
         "after": ["person:Aino Virtanen"]},
    ]
    assert second.roles.to_dict("records") == [
        {"group": f"group:{ETELA_DASH}", "role": "chair", "before": ["person:Bertta Berg"], "after": ["person:Eero Elo"]},
    ]


def test_continuity_risks(first):
    risks = [(r["risk"], r["subject"], r["nodes"], r["params"]) for r in first.risks.to_dict("records")]
    assert risks == [
        ("leaders_replaced", f"group:{AKAA}", ["person:Bertta Berg"],
         {"role": "contact", "after": ["person:Cecilia Cajander"]}),
        ("leaders_replaced", f"group:{ETELA_DASH}", ["person:Daniel Dahl"],
         {"role": "chair", "after": ["person:Bertta Berg"]}),
        ("leaders_replaced", f"group:{ETELA_DASH}", ["person:Bertta Berg"],
         {"role": "contact", "after": ["person:Aino Virtanen"]}),
        # Daniel was Etelä's only member in the provincial group ...
        ("tier_link_lost", f"group:{ETELA_DASH}", [], {"parent": f"group:{PROVINCE}", "before": 1}),
        # ... the only person on both the provincial and the regional tier, and Kela's only member.
        ("broker_left", "tier:provincial", ["person:Daniel Dahl"],
         {"between": "tiers", "first": "provincial", "second": "regional"}),
        ("broker_left", "sector:kela", ["person:Daniel Dahl"],
         {"between": "sectors", "first": "kela", "second": "municipality"}),
        ("broker_left", "sector:kela", ["person:Daniel Dahl"],
         {"between": "sectors", "first": "kela", "second": "parish"}),
    ]


def test_findings_resolved_new_persisting(first, second):
    def of(comparison, status):
        rows = comparison.findings[comparison.findings["status"] == status]
        return sorted(zip(rows["rule"], rows["subject"]))

    # The new Valkeakoski group (one member, its chair) lacks a contact, sectors and a tier link.
    assert of(first, "new") == [
        ("contact-person", VALKEAKOSKI), ("local-sectors", VALKEAKOSKI), ("tier-link", VALKEAKOSKI),
    ]
    assert of(first, "resolved") == []
    assert len(of(first, "persisting")) == 10
    # Findings are matched by their subject's folded name: Etelä's spelling change is no new finding.
    assert ("regional-sectors", ETELA_DASH) in of(first, "persisting")
    # Bertta left Akaa: one member links it to Etelä now, a risk.
    assert of(second, "new") == [("tier-link", AKAA)]
    assert of(second, "resolved") == []


def test_key_figures_side_by_side(first):
    overall = first.figures[first.figures["scope"] == "overall"].set_index("figure")
    assert overall.loc["persons"].to_dict() == {"scope": "overall", "before": 6.0, "after": 5.0, "change": -1.0}
    assert overall.loc["organisations", ["before", "after"]].tolist() == [4.0, 3.0]
    assert overall.loc["groups", ["before", "after"]].tolist() == [3.0, 4.0]
    assert overall.loc["memberships", ["before", "after"]].tolist() == [9.0, 8.0]
    assert overall.loc["organisations:kela", ["before", "after"]].tolist() == [1.0, 0.0]
    # Every group of both seasons has a finding.
    assert overall.loc["groups_with_findings", ["before", "after"]].tolist() == [1.0, 1.0]


def test_trends_over_three_seasons(analyses):
    table = trends(analyses).set_index(["scope", "figure"])
    assert list(table.columns) == list(SEASONS)
    assert table.loc[("overall", "persons")].tolist() == [6.0, 5.0, 5.0]
    assert table.loc[("overall", "memberships")].tolist() == [9.0, 8.0, 8.0]
    assert table.loc[("tier:local", "persons")].tolist() == [4.0, 4.0, 4.0]
    assert table.loc[("overall", "persons:parish")].tolist() == [1.0, 1.0, 1.0]
    assert table.loc[("overall", "persons:kela")].tolist() == [1.0, 0.0, 0.0]


def test_season_figures_are_canonical(analyses):
    figures = season_figures(analyses[0])
    assert list(figures.columns) == ["scope", "figure", "value"]
    assert list(figures["scope"].unique()) == ["overall", "tier:provincial", "tier:regional", "tier:local"]


def test_keyed_pseudonyms_are_the_same_in_both_seasons(paths, tmp_path):
    (tmp_path / "avain").write_text("0123456789abcdef0123456789abcdef")
    key = read_key(tmp_path / "avain")
    old, new = analyse(paths[0], key=key), analyse(paths[1], key=key)
    comparison = compare(old, new)
    stayed = dict(comparison.persons.stayed)
    names = {n: old.graph.nodes[n]["label"] for n in stayed}
    # Bertta and Eero kept their name and organisation: the very same pseudonym.
    same = [stayed[o] for o in stayed if o == stayed[o]]
    assert len(same) == 2 and all(p.startswith("person:#") for p in same)
    # Cecilia moved: the same code, the organisation she now represents.
    moved = [(o, n) for o, n in stayed.items() if o != n and names[o].endswith("· MLL Akaa")]
    assert len(moved) == 1
    assert moved[0][0].split(" · ")[0] == moved[0][1].split(" · ")[0]
    assert moved[0][1].endswith("· Akaan kaupunki")
    assert not any("Berg" in label or "Cajander" in label for label in comparison.labels.values())
    assert comparison.pseudonymized


def test_season_inputs():
    assert [(p.name, s) for p, s in season_inputs(["a.xlsx"], ["x", "y"])] == [("a.xlsx", "x"), ("a.xlsx", "y")]
    with pytest.raises(Exception, match="two_seasons|kaksi"):
        season_inputs(["a.xlsx"], [], at_most=2)


# ------------------------------------------------------------------------------- CLI


def test_compare_json_from_two_files_and_from_one_workbook(paths, tmp_path):
    result = run("compare", paths[0], paths[1], "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["seasons"] == ["2023-2024", "2024-2025"]
    assert data["persons"] == {"joined": ["person:Gustav Gran"], "left": ["person:Daniel Dahl", "person:Fanni Forss"],
                               "stayed": 4}
    assert data["organisations"] == {"joined": [], "left": ["organisation:Kela"], "stayed": 3}
    assert data["groups"] == {"joined": [f"group:{VALKEAKOSKI}"], "left": [], "stayed": 3}
    assert [(r["group"], r["role"], r["before"], r["after"]) for r in data["roles"]][0] == (
        f"group:{AKAA}", "contact", ["person:Bertta Berg"], ["person:Cecilia Cajander"])
    assert {k: len(v) for k, v in data["findings"].items()} == {"resolved": 0, "new": 3, "persisting": 10}
    assert data["figures"][0] == {"figure": "persons", "before": 6.0, "after": 5.0, "change": -1.0}
    assert data["labels"]["person:Aino Aalto"] == "Aino Aalto"
    assert "aino@perhekeskus.example" not in result.output

    both = write_all_seasons(tmp_path / "kaikki.xlsx")
    again = run("compare", both, "--season", "2023-2024", "--season", "2024-2025", "--format", "json", "-q")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) == data


def test_compare_prints_a_finnish_summary_and_warnings(paths, default_language):
    result = run("compare", paths[0], paths[1], "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Muutokset kaudesta 2023-2024 kauteen 2024-2025"
    assert "Henkilöt: 1 uutta, 2 poistui, 4 jatkaa" in lines
    assert "  Poistuneet: Daniel Dahl, Fanni Forss" in lines
    assert "Organisaatiot: 0 uutta, 1 poistui, 3 jatkaa" in lines
    assert "Ryhmät: 1 uutta, 0 päättyi, 3 jatkaa" in lines
    assert f"  {ETELA_DASH}, Puheenjohtaja: Daniel Dahl → Bertta Berg" in lines
    assert ("  Daniel Dahl poistui: hän oli ainoa, joka kuului ryhmiin kummallakin tasolla "
            "(Maakunnallinen ja Alueellinen)") in lines
    assert "  Henkilöt: 6 → 5 (−1)" in lines
    assert ("varoitus: Kausien vertailu: sama sähköpostiosoite on kausilla eri nimillä ('Aino Aalto' → "
            "'Aino Virtanen'); heidät käsitellään yhtenä henkilönä") in result.stderr


def test_compare_in_english(paths):
    result = run("compare", paths[0], paths[1], "--lang", "en", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Changes from season 2023-2024 to 2024-2025"
    assert "Persons: 1 joined, 2 left, 4 stayed" in result.stdout


def test_compare_needs_two_seasons(paths):
    result = run("compare", paths[0], "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: give two rosters (OLD NEW) or one roster and two seasons (--season A --season B)\n"
    )


def test_compare_writes_xlsx_and_chart(paths, tmp_path):
    from openpyxl import load_workbook

    result = run("compare", paths[0], paths[1], "-o", tmp_path / "muutokset.xlsx", "-q")
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "muutokset.xlsx")
    assert book.sheetnames == ["Muutos tunnusluvut", "Muutos toimijat", "Muutos ryhmät", "Muutos roolit",
                               "Muutos riskit", "Muutos havainnot"]
    actors = [[c.value for c in row] for row in book["Muutos toimijat"].iter_rows()]
    assert actors[0] == ["Laji", "Nimi", "Tila"]
    assert ["Henkilö", "Gustav Gran", "Uusi"] in actors
    assert ["Organisaatio", "Kela", "Poistui"] in actors
    result = run("compare", paths[0], paths[1], "-o", tmp_path / "muutokset.svg", "-q")
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "muutokset.svg").read_text()
    assert "Tunnusluvut: 2023-2024 ja 2024-2025" in svg and "Yhteistyösuhteet" in svg


def test_trends_csv_and_chart(paths, tmp_path):
    result = run("trends", *paths, "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "scope,figure,2023-2024,2024-2025,2025-2026"
    assert lines[1] == "overall,persons,6.0,5.0,5.0"
    result = run("trends", *paths, "-o", tmp_path / "kehitys.svg", "-q")
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "kehitys.svg").read_text()
    for words in ("Tunnusluvut kausittain", "Määrät", "Henkilöt", "Tiheys", "Keskittyneisyys", "Toimintakausi",
                  "2023-2024", "2025-2026"):
        assert words in svg
    assert "$" not in svg


def test_one_workbook_reads_each_season_alone(tmp_path):
    from verkosto.load import load_roster

    both = write_all_seasons(tmp_path / "kaikki.xlsx")
    old = load_roster(both, season="2023-2024")
    assert sorted(old.memberships["person"].unique()) == [
        "Aino Aalto", "Bertta Berg", "Cecilia Cajander", "Daniel Dahl", "Eero Elo", "Fanni Forss"]
    assert sorted(old.groups["group"]) == [AKAA, ETELA_HYPHEN, PROVINCE]
    assert old.problems == []  # Aino's new name is another season's, not a duplicate in this one


# ------------------------------------------------------------------ the bundled example


def _hand_count(season: str):
    """Persons by e-mail, groups and organisations of a bundled season, read straight from its sheets."""
    from verkosto.example import example_path
    from verkosto.schema import aliases, fold, normalize_text

    sheets = pd.read_excel(example_path(season), sheet_name=None, dtype=str, engine="calamine")
    rows = sheets["Jäsenyydet"]
    email = rows["Sähköposti"].str.casefold()
    names = dict(zip(email, rows["Henkilö"].map(normalize_text)))
    roles = aliases("role")
    holders = {}
    for mail, group, role in zip(email, rows["Ryhmä"], rows["Rooli"]):
        holders.setdefault((group, roles[fold(role)]), set()).add(mail)
    return names, set(sheets["Ryhmät"]["Ryhmä"]), set(sheets["Organisaatiot"]["Organisaatio"]), holders


def test_bundled_compare_json_matches_a_hand_count():
    old_names, old_groups, old_orgs, old_roles = _hand_count("2023-2024")
    new_names, new_groups, new_orgs, new_roles = _hand_count("2024-2025")
    result = run("compare", "data/pirkanmaa_2023-2024.xlsx", "data/pirkanmaa_2024-2025.xlsx", "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["seasons"] == ["2023-2024", "2024-2025"]
    joined = sorted(f"person:{new_names[e]}" for e in new_names.keys() - old_names.keys())
    left = sorted(f"person:{old_names[e]}" for e in old_names.keys() - new_names.keys())
    assert data["persons"] == {"joined": joined, "left": left, "stayed": len(old_names.keys() & new_names.keys())}
    assert (len(joined), len(left), data["persons"]["stayed"]) == (49, 42, 420)
    assert data["groups"] == {"joined": sorted(f"group:{g}" for g in new_groups - old_groups), "left": [],
                              "stayed": len(old_groups)}
    assert data["groups"]["joined"] == ["group:Erotilanteiden palveluketjun työryhmä"]
    assert data["organisations"] == {"joined": [], "left": [], "stayed": len(old_orgs)} and old_orgs == new_orgs
    changed = sorted(
        (f"group:{g}", r) for (g, r) in old_roles.keys() | new_roles.keys()
        if r in ("chair", "vice_chair", "secretary", "coordinator", "contact") and g in old_groups & new_groups
        and old_roles.get((g, r), set()) != new_roles.get((g, r), set())
    )
    assert sorted((r["group"], r["role"]) for r in data["roles"]) == changed
    assert len(changed) == 11
    # The four planted gaps persist; nothing was resolved and nothing is new.
    assert sorted((f["rule"], f["subject"]) for f in data["findings"]["persisting"]) == [
        ("contact-person", "Perhekeskuksen viestintätyöryhmä"),
        ("local-sectors", "Kuhmoisten perhekeskuksen ohjausryhmä"),
        ("regional-sectors", "Läntisen alueen koordinaatioryhmä"),
        ("tier-link", "Juupajoen perhekeskuksen ohjausryhmä"),
    ]
    assert data["findings"]["resolved"] == data["findings"]["new"] == []
    figures = {f["figure"]: (f["before"], f["after"]) for f in data["figures"]}
    assert figures["persons"] == (len(old_names), len(new_names)) == (462, 469)
    assert figures["groups"] == (62, 63)
    assert "@" not in result.stdout


def test_bundled_example_closes_two_gaps_and_opens_one_in_2025_2026():
    result = run("compare", "--format", "json", "-q")  # the bundled example's last two seasons
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["seasons"] == ["2024-2025", "2025-2026"]
    found = {status: sorted((f["rule"], f["subject"]) for f in rows) for status, rows in data["findings"].items()}
    assert found == {
        "resolved": [("local-sectors", "Kuhmoisten perhekeskuksen ohjausryhmä"),
                     ("regional-sectors", "Läntisen alueen koordinaatioryhmä")],
        "new": [("local-sectors", "Kihniön perhekeskuksen ohjausryhmä")],
        "persisting": [("contact-person", "Perhekeskuksen viestintätyöryhmä"),
                       ("tier-link", "Juupajoen perhekeskuksen ohjausryhmä")],
    }
    # The meeting-place network is now one network per region.
    assert data["groups"]["left"] == ["group:Pirkanmaan kohtaamispaikkaverkosto"]
    assert data["groups"]["joined"] == [f"group:{r} alueen kohtaamispaikkaverkosto"
                                        for r in ("Eteläisen", "Läntisen", "Pohjoisen")]


def test_trends_over_the_three_bundled_seasons_draw_the_chart(tmp_path):
    from verkosto.example import example_path

    paths = [example_path(s) for s in ("2023-2024", "2024-2025", "2025-2026")]
    result = run("trends", *paths, "-o", tmp_path / "kehitys.svg", "-q")
    assert result.exit_code == 0, result.output
    import xml.etree.ElementTree as ET

    root = ET.parse(tmp_path / "kehitys.svg").getroot()
    texts = ["".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Tunnusluvut kausittain" in texts
    for words in ("Määrät", "Tiheys, keskittyneisyys ja havainnot", "Henkilöt", "Organisaatiot", "Ryhmät",
                  "Jäsenyydet", "Yhteistyösuhteet", "Tiheys", "Keskittyneisyys",
                  "Ryhmiä, joissa havaintoja (osuus)", "Toimintakausi", "2023-2024", "2024-2025", "2025-2026",
                  "462", "469", "473"):
        assert words in texts, words
    assert texts.count("Toimintakausi") == 2
    assert "0,074" in texts  # Finnish decimal commas


def test_report_with_the_previous_season(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "raportti.xlsx"
    result = run("report", "data/pirkanmaa_2025-2026.xlsx", "--previous", "data/pirkanmaa_2024-2025.xlsx",
                 "-o", out, "-q")
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    changes = [name for name in book.sheetnames if name.startswith("Muutos ")]
    assert changes == ["Muutos tunnusluvut", "Muutos toimijat", "Muutos ryhmät", "Muutos roolit", "Muutos riskit",
                       "Muutos havainnot"]
    figures = [[c.value for c in row] for row in book["Muutos tunnusluvut"].iter_rows(max_row=2)]
    assert figures == [["Rajaus", "Tunnusluku", "Ennen", "Nyt", "Muutos"], ["Koko verkosto", "Henkilöt", 469, 473, 4]]
    findings = [[c.value for c in row] for row in book["Muutos havainnot"].iter_rows(min_row=2)]
    assert [row[0] for row in findings] == ["Korjautui", "Korjautui", "Uusi", "Jatkuu", "Jatkuu"]


def test_compare_with_a_key_shows_pseudonyms_only(paths, tmp_path):
    (tmp_path / "avain").write_text("0123456789abcdef0123456789abcdef")
    result = run("compare", paths[0], paths[1], "--key", tmp_path / "avain", "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    for name in ("Aino", "Bertta", "Cecilia", "Daniel", "Eero", "Fanni", "Gustav", "@"):
        assert name not in result.output
    data = json.loads(result.stdout)
    assert data["pseudonymized"] is True
    assert len(data["persons"]["joined"]) == 1 and len(data["persons"]["left"]) == 2
    assert data["persons"]["joined"][0].startswith("person:#") and data["persons"]["joined"][0].endswith("· MLL Akaa")
