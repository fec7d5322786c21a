"""Municipal indicators on the map: the payload's optional section and the side panel that shows it."""

import jsonschema
import pytest
from conftest import embedded_json
from typer.testing import CliRunner

from cli import app
from verkosto import analyse
from verkosto import payload as contract
from verkosto.indicators import example_indicators_path, map_section, read_indicators
from verkosto.render import to_html

VALIDATOR = jsonschema.Draft202012Validator(contract.json_schema())
GROUP = "group:Tampereen perhekeskuksen ohjausryhmä"
CITY = "organisation:Tampereen kaupunki"


@pytest.fixture(scope="module")
def example_map(tmp_path_factory):
    folder = tmp_path_factory.mktemp("indicator_map")
    result = CliRunner().invoke(app, ["map", "--indicators", str(example_indicators_path()),
                                      "-o", str(folder / "kartta.html"), "-q"])
    assert result.exit_code == 0, result.output
    return folder / "kartta.html"


def test_the_section_is_in_the_payload_and_valid(example_map):
    payload = embedded_json(example_map.read_text(encoding="utf-8"), "verkosto-payload")
    assert not list(VALIDATOR.iter_errors(payload))
    section = payload["indicators"]
    assert section["years"] == [2020, 2021, 2022, 2023, 2024]
    assert [i["id"] for i in section["indicators"]] == ["9001", "9002", "9003"]
    assert len(section["series"]["rows"]) == 23 * 3
    expected = map_section(read_indicators(example_indicators_path()), analyse().municipalities, "fi")
    assert section == expected


def test_the_script_reads_the_columns_python_writes():
    import json
    import re

    from verkosto.bundle import WEB

    source = (WEB / "indicators.js").read_text(encoding="utf-8")
    columns = json.loads(re.search(r"export const INDICATOR_COLUMNS = (\[.*?\]);", source).group(1))
    assert columns == list(contract.IndicatorRow._fields)


def test_without_indicators_the_section_is_null():
    html = to_html(analyse().graph, generated="2025-01-15")
    assert embedded_json(html, "verkosto-payload")["indicators"] is None


@pytest.mark.browser
def test_a_local_group_and_a_municipality_show_their_indicators(example_map, open_map):
    result = open_map(example_map)
    page = result.page
    data = read_indicators(example_indicators_path()).values
    tampere = data[(data["municipality"] == "Tampere") & (data["indicator"] == "9001")].sort_values("year")
    latest = f"{tampere['value'].iloc[-1]:.1f}".replace(".", ",")
    for node in (GROUP, CITY):
        page.evaluate("id => verkosto.select(id)", node)
        section = page.locator("#panel section.indicators")
        assert section.locator("h3").inner_text() == "Indikaattorit · Tampere"
        assert section.locator(".indicator").count() == 3
        first = section.locator(".indicator").first
        assert first.locator(".indicator-label").inner_text() == "Elävänä syntyneet / 1 000 asukasta (keksitty)"
        assert first.locator(".indicator-value").inner_text() == f"{latest} (2024)"
        assert first.locator(".indicator-median").inner_text().startswith("maakunnan mediaani ")
        points = first.locator("svg.spark polyline.spark-own").get_attribute("points").split()
        assert len(points) == 5  # a point a year
        assert section.locator(".indicator-source").inner_text().startswith("Lähde: keksitty esimerkki")
    # A person's panel and a regional group's have none.
    page.evaluate("id => verkosto.select(id)", "organisation:Pirkanmaan hyvinvointialue")
    assert page.locator("#panel section.indicators").count() == 0
    assert (result.errors, result.requests, result.dialogs) == ([], [], [])
