"""Saved views: those made from the roster, the planner's TOML file and its one-line errors."""

import pytest
from conftest import TEMPLATE_GROUP, build_small_network

from verkosto.i18n import language
from verkosto.saved_views import ViewsError, empty_filters, load_views, roster_views, view_ids


def write(tmp_path, text):
    path = tmp_path / "nakymat.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_roster_views_whole_network_tiers_regions_and_findings():
    G = build_small_network()
    views = roster_views(G, findings=["group:Ruovesi: ohjausryhmä", "group:Ruovesi: ohjausryhmä"], lang="fi")
    assert [v["title"] for v in views] == [
        "Koko verkosto", "Maakunnallinen taso", "Alueellinen taso", "Paikallinen taso", "Alue: Etelä",
        "Alue: Pohjoinen", "Ryhmät, joilla on havaintoja", "Havainto: Ruovesi: ohjausryhmä",
    ]
    # 8 groups, 6 organisations, 20 persons (conftest); Etelä: 3 groups, 2 organisations, 5 persons.
    assert views[0]["note"] == "Ryhmiä 8, organisaatioita 6, henkilöitä 20; maakunnallinen taso keskellä"
    assert views[0]["filters"] == empty_filters()
    assert views[4]["note"] == "Ryhmiä 3, organisaatioita 2, henkilöitä 5"
    assert views[4]["filters"]["region"] == ["Etelä"]
    assert views[3]["filters"]["tier"] == ["local"] and views[3]["note"] == "Ryhmiä 5, jäsenineen"
    assert views[6]["filters"]["gaps_only"] is True
    assert views[7]["focus"] == "group:Ruovesi: ohjausryhmä"
    assert view_ids(views)[:5] == ["koko-verkosto", "maakunnallinen-taso", "alueellinen-taso", "paikallinen-taso", "alue-etela"]


def test_at_most_thirty_groups_with_findings_become_slides_and_the_overview_says_so(monkeypatch):
    G = build_small_network()
    groups = [n for n, kind in G.nodes(data="kind") if kind == "group"]
    assert len(groups) == 8
    monkeypatch.setattr("verkosto.saved_views.MAX_FINDING_VIEWS", 3)
    views = roster_views(G, findings=groups, lang="fi")
    overview = next(v for v in views if v["title"] == "Ryhmät, joilla on havaintoja")
    assert overview["note"] == ("Ryhmiä 8: sääntöjen mukaan niiltä puuttuu jotain; diat 3 ensimmäisestä, kaikki "
                                "luettelonäkymässä")
    assert [v["focus"] for v in views if v["title"].startswith("Havainto: ")] == groups[:3]
    assert "diat" not in roster_views(G, findings=groups[:3], lang="fi")[-4]["note"]


def test_view_ids_are_numbered_when_titles_repeat():
    assert view_ids([{"title": "Ä ö"}, {"title": "a o"}, {"title": "!!"}]) == ["a-o", "a-o-2", "view"]


def test_a_planners_views_by_labels_names_and_ids(tmp_path):
    path = write(tmp_path, f'''
[[view]]
title = "  Etelä ilman henkilöitä "
note = """Organisaatiot
  ja ryhmät"""
region = "etelä"
sector = ["Järjestö", "parish"]
tier = ["Paikallinen"]
hide_persons = true

[[view]]
title = "Työryhmä"
focus = "{TEMPLATE_GROUP.upper()}"
zoom = 2
''')
    first, second = load_views(path, build_small_network())
    assert first == {
        "id": "", "title": "Etelä ilman henkilöitä", "note": "Organisaatiot ja ryhmät",
        "filters": {**empty_filters(), "region": ["Etelä"], "sector": ["ngo", "parish"], "tier": ["local"],
                    "hide_persons": True},
        "focus": None, "zoom": None,
    }
    assert (second["focus"], second["zoom"]) == (f"group:{TEMPLATE_GROUP}", 2.0)


@pytest.mark.parametrize(
    "body, message",
    [
        ("[view]\ntitle = 'x'", "nakymat.toml: no views; write each view as a [[view]] table"),
        ("[[view]]\nnote = 'x'", "nakymat.toml: view 1: 'title' is missing; give the view a title, e.g. title = \"Southern region\""),
        ("[[view]]\ntitle = 'A'\nregion = ['Itä']", "nakymat.toml: view 'A': 'region': the roster has no 'Itä'; its values: Etelä, Pohjoinen"),
        ("[[view]]\ntitle = 'A'\nsector = ['kela']", "nakymat.toml: view 'A': 'sector': the roster has no 'kela'; its values: Kunta, Hyvinvointialue, Seurakunta, Järjestö, Oppilaitos"),
        ("[[view]]\ntitle = 'A'\nzoom = 0", "nakymat.toml: view 'A': 'zoom' is a number from 0.1 to 20.0 (1 = the whole view fits)"),
        ("[[view]]\ntitle = 'A'\nfocus = 'Nobody'", "nakymat.toml: view 'A': 'focus': the roster has no node 'Nobody'; check the name with the map's search"),
        ("[[view]]\ntitle = 'A'\nhide_persons = 'yes'", "nakymat.toml: view 'A': 'hide_persons' is true or false"),
        ("[[view]]\ntitle = 'A'\ncolour = 'red'", "nakymat.toml: view 'A': unknown key 'colour'; allowed: title, note, tier, region, municipality, sector, group_type, hide_persons, gaps_only, focus, zoom"),
        ("[[view]\n", "nakymat.toml: not valid TOML: Expected ']]' at the end of an array declaration (at line 1, column 7)"),
    ],
)
def test_invalid_views_are_one_line_naming_file_and_view(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ViewsError) as caught, language("en"):
        load_views(path, build_small_network())
    with language("en"):
        assert str(caught.value) == message.replace("nakymat.toml", str(path))


def test_finnish_error(tmp_path):
    path = write(tmp_path, "[[view]]\ntitle = 'A'\ntier = ['ylin']")
    with pytest.raises(ViewsError) as caught:
        load_views(path, build_small_network())
    assert caught.value.render("fi") == (
        f"{path}: näkymä 'A': 'tier': aineistossa ei ole arvoa 'ylin'; aineiston arvot: Maakunnallinen, Alueellinen, Paikallinen"
    )
