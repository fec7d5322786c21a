"""Seasons compared (verkosto.seasons): hand-built rosters with every change counted by hand."""

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app
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
