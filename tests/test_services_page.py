"""The service map page in headless Chromium: offline, no script errors, the filter and a click."""

import pytest
from conftest import embedded_json
from rosters import SERVICES_ROSTER, SERVICES_VOCABULARY, write_xlsx

from verkosto import analyse
from verkosto.servicemap import write_services
from verkosto.servicepage import to_html

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def analysis(tmp_path):
    vocabulary = tmp_path / "palvelut.toml"
    vocabulary.write_text(SERVICES_VOCABULARY, encoding="utf-8")
    sheets = dict(SERVICES_ROSTER)
    sheets["Palvelut"] = [*SERVICES_ROSTER["Palvelut"],
                          [HOSTILE, "Urjalan kunta", "", "Eroauttaminen", "Vauvaperheet", "Urjala", "", "", "</script>"]]
    return analyse(write_xlsx(tmp_path / "palvelut.xlsx", sheets), services_vocabulary=vocabulary)


def cells(page) -> dict[tuple[str, str], tuple[int, int]]:
    """Every matrix cell shown: (task, client group) -> (services, municipalities with a gap)."""
    shown = page.eval_on_selector_all(
        "#matrix-table td",
        "tds => tds.map(td => [td.dataset.task, td.dataset.clientGroup, +td.dataset.count, +td.dataset.gaps])",
    )
    return {(t, c): (n, g) for t, c, n, g in shown}


def test_payload_is_canonical_and_roster_text_stays_text(analysis):
    html = to_html(analysis, lang="en", generated="2025-01-01")
    payload = embedded_json(html, "services-data")
    assert payload["version"] == 1
    assert [t["id"] for t in payload["tasks"]] == ["meeting_places", "separation"]
    assert payload["not_applicable"] == [["separation", "expecting"]]
    assert HOSTILE not in html and "</script>\"" not in html  # only inside the escaped JSON
    assert html == to_html(analysis, lang="en", generated="2025-01-01")  # deterministic


@pytest.mark.browser
def test_page_offline_filter_and_click(analysis, tmp_path, open_map):
    path = write_services(analysis, tmp_path / "palvelukartta.html", lang="en", generated="2025-01-01")
    opened = open_map(path, ready=False)
    page = opened.page
    page.wait_for_selector("#matrix-table")
    assert cells(page) == {
        ("meeting_places", "infants"): (4, 1),
        ("meeting_places", "expecting"): (2, 2),
        ("separation", "infants"): (3, 0),
        ("separation", "expecting"): (0, 0),
    }
    # The hostile service of Urjalan kunta meets Ensikoti ry's in Urjala: a third opportunity.
    assert page.text_content("#counts") == "3 gaps, 1 overlaps, 3 collaboration opportunities"
    page.select_option("#filter-municipality", "Urjala")
    assert cells(page) == {
        ("meeting_places", "infants"): (0, 1),
        ("meeting_places", "expecting"): (0, 1),
        ("separation", "infants"): (2, 0),
        ("separation", "expecting"): (0, 0),
    }
    assert page.eval_on_selector_all(".cell.gap", "cs => cs.map(c => c.parentElement.dataset.clientGroup)") == [
        "infants", "expecting"
    ]
    assert page.text_content("#counts") == "2 gaps, 0 overlaps, 1 collaboration opportunities"
    page.select_option("#filter-municipality", "")
    page.select_option("#filter-region", "Eteläinen")
    page.select_option("#filter-form", "open_activity")
    assert cells(page)[("meeting_places", "infants")] == (2, 0)
    assert cells(page)[("meeting_places", "expecting")] == (1, 1)
    page.click('td[data-task="meeting_places"][data-client-group="infants"] button')
    detail = page.text_content("#detail")
    assert "Meeting places · Families with infants" in detail
    assert "Perhekahvila — Akaan seurakunta · Universal · Open activity · Seurakuntatalo" in detail
    assert "Organisations (2)" in detail and "Overlap (1)" in detail
    page.select_option("#filter-region", "")
    page.select_option("#filter-form", "")
    page.click('td[data-task="separation"][data-client-group="infants"] button')
    items = page.eval_on_selector_all("#detail li strong", "els => els.map(e => e.textContent)")
    assert HOSTILE in items  # shown as text, never as an element
    assert page.eval_on_selector_all("#detail img", "els => els.length") == 0
    assert (opened.errors, opened.requests, opened.dialogs) == ([], [], [])


def test_the_network_maps_payload_lists_the_organisations_services(analysis):
    import jsonschema

    from verkosto import payload as contract
    from verkosto.layout import compute_layout
    from verkosto.render import map_payload
    from verkosto.views import organisation_services

    G = analysis.graph
    payload = map_payload(G, compute_layout(G, "tiers"), lang="en", services=organisation_services(analysis, "en"))
    jsonschema.Draft202012Validator(contract.json_schema()).validate(payload)
    from verkosto.render import node_ids

    ids = node_ids(payload)
    rows = [(ids[node], service, detail) for node, service, detail in payload["services"]["rows"]]
    assert [r for r in rows if r[0] == "organisation:Ensikoti ry"] == [
        ("organisation:Ensikoti ry", "Chat", "Meeting places · Families with infants · Valkeakoski"),
        ("organisation:Ensikoti ry", "Erokahvila", "Separation help · Families with infants · every municipality"),
    ]
    assert "services" not in map_payload(G, compute_layout(G, "tiers"), lang="en")  # optional: absent without


@pytest.mark.browser
def test_an_organisations_panel_on_the_network_map_lists_its_services(analysis, tmp_path, open_map):
    from verkosto.views import write_map

    path = write_map(analysis, tmp_path / "kartta.html", lang="en", generated="2025-01-01")
    opened = open_map(path)
    opened.page.evaluate("verkosto.select('organisation:Ensikoti ry')")
    panel = opened.page.text_content("#panel")
    assert "Services (2)" in panel
    assert "Erokahvila – Separation help · Families with infants · every municipality" in panel
    assert (opened.errors, opened.requests) == ([], [])


def test_the_page_bundles_its_own_modules_and_sends_every_string_it_names(analysis):
    import re

    from verkosto.bundle import WEB, bundle
    from verkosto.servicepage import services_payload

    script = bundle("services.js")
    assert re.findall(r"^// module \./(\S+)$", script, re.MULTILINE) == ["dom.js", "servicematrix.js", "services.js"]
    source = (WEB / "services.js").read_text(encoding="utf-8")
    keys = set(re.findall(r'texts\["([\w.]+)"\]', source))
    assert len(keys) > 8
    for lang in ("fi", "en"):
        assert keys <= set(services_payload(analysis.services, lang)["texts"])


@pytest.mark.browser
def test_a_toggle_shows_the_collaboration_opportunities_as_suggestion_edges(analysis, tmp_path, open_map):
    from verkosto.views import write_map

    opened = open_map(write_map(analysis, tmp_path / "kartta.html", lang="en", generated="2025-01-01"))
    page = opened.page
    before = page.evaluate("edges.length")
    assert page.text_content("label:has(#show-suggestions)").strip() == "Show collaboration opportunities (3)"
    page.check("#show-suggestions")
    added = page.evaluate("edges.get().filter(e => String(e.id).startsWith('suggestion:')).map(e => [e.from, e.to, e.title])")
    assert sorted(added) == [
        ["organisation:Akaan kaupunki", "organisation:Ensikoti ry",
         "Collaboration opportunity\nAkaa: Separation help · Families with infants"],
        ["organisation:Ensikoti ry", "organisation:Urjalan kunta",
         "Collaboration opportunity\nUrjala: Separation help · Families with infants"],
        ["organisation:Perhepalvelu Oy", "organisation:Valkeakosken kaupunki",
         "Collaboration opportunity\nValkeakoski: Meeting places · Expecting families"],
    ]
    page.uncheck("#show-suggestions")
    assert page.evaluate("edges.length") == before
    assert (opened.errors, opened.requests) == ([], [])


def test_a_map_of_a_roster_without_services_has_no_toggle(tmp_path):
    from rosters import SMALL, write_csv

    from verkosto.views import write_map

    html = write_map(analyse(write_csv(tmp_path / "r.csv", SMALL)), tmp_path / "k.html", generated="2025-01-01").read_text()
    payload = embedded_json(html, "verkosto-payload")
    assert "services" not in payload and "suggestions" not in payload
