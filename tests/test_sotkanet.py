"""verkosto.sotkanet: fetching against recorded answers (tests/sotkanet/, fabricated), never the network."""

import json
import socket
import urllib.error
from pathlib import Path

import pytest

from verkosto import sotkanet
from verkosto.errors import VerkostoError
from verkosto.indicators import read_indicators

RECORDED = Path(__file__).parent / "sotkanet"
YEARS = [2022, 2023, 2024]


class Recorded:
    """Sotkanet's answers from tests/sotkanet/, and the requests asked of it."""

    def __init__(self):
        self.asked: list[tuple[str, float]] = []

    def __call__(self, url: str, *, timeout: float) -> bytes:
        self.asked.append((url, timeout))
        base = sotkanet.BASE_URL
        if url == f"{base}/regions":
            name = "regions.json"
        elif url.startswith(f"{base}/indicators/"):
            name = f"indicator_{url.rsplit('/', 1)[1]}.json"
        elif url.startswith(f"{base}/json?indicator="):
            name = f"data_{url.split('=', 1)[1].split('&', 1)[0]}.json"
        else:
            raise AssertionError(f"unexpected request {url}")
        return (RECORDED / name).read_bytes()


@pytest.fixture
def recorded(monkeypatch):
    answers = Recorded()
    monkeypatch.setattr(sotkanet, "_get", answers)
    return answers


def test_fetch_asks_once_per_indicator_and_keeps_the_rosters_municipalities(recorded):
    document = sotkanet.fetch([9101, "9102"], YEARS, ["Tampere", "Akaa", "Valkeakoski"], timeout=7, today="2025-01-02")
    query = "years=2022&years=2023&years=2024&genders=total"
    assert recorded.asked == [
        ("https://sotkanet.fi/rest/1.1/regions", 7),
        ("https://sotkanet.fi/rest/1.1/indicators/9101", 7),
        (f"https://sotkanet.fi/rest/1.1/json?indicator=9101&{query}", 7),
        ("https://sotkanet.fi/rest/1.1/indicators/9102", 7),
        (f"https://sotkanet.fi/rest/1.1/json?indicator=9102&{query}", 7),
    ]
    assert (document["source"], document["licence"], document["fetched"]) == (
        "Sotkanet, Terveyden ja hyvinvoinnin laitos (THL)", "CC BY 4.0", "2025-01-02")
    assert [r["code"] for r in document["regions"]] == ["837", "020", "908"]  # not Turku, no county
    assert {row["region"] for row in document["data"]} == {5001, 5002, 5003}
    assert len(document["data"]) == 3 * 3 + 3 * 3 - 1  # Akaa has no 9102 value in 2023
    assert [m["decimals"] for m in document["indicators"]] == [1, 1]


def test_a_fetched_file_reads_back_with_its_source_and_titles(recorded, tmp_path):
    document = sotkanet.fetch([9101, 9102], YEARS, ["Tampere", "Akaa", "Valkeakoski"], today="2025-01-02")
    path = sotkanet.write_fetched(tmp_path / "indikaattorit.json", document)
    data = read_indicators(path)
    assert (data.source, data.licence) == ("Sotkanet, Terveyden ja hyvinvoinnin laitos (THL)", "CC BY 4.0")
    assert data.title("9101", "en") == "Test indicator A: live births per 1,000 residents (test fixture)"
    tampere = data.values[(data.values["municipality"] == "Tampere") & (data.values["indicator"] == "9101")]
    assert tampere[["year", "value"]].values.tolist() == [[2022, 9.1], [2023, 8.8], [2024, 8.6]]
    assert json.loads(path.read_text(encoding="utf-8"))["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_swedish_names_and_numbers_find_the_regions(recorded):
    document = sotkanet.fetch([9101], [2024], ["Tammerfors", "020"])
    assert [r["code"] for r in document["regions"]] == ["837", "020"]


@pytest.mark.parametrize("failure, reason", [
    (urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution")),
     "Temporary failure in name resolution"),
    (TimeoutError("timed out"), "timeout"),
    (ConnectionRefusedError(111, "Connection refused"), "Connection refused"),
])
def test_no_connection_is_one_clear_line(monkeypatch, failure, reason):
    def offline(url, *, timeout):
        raise failure

    monkeypatch.setattr(sotkanet, "_get", offline)
    with pytest.raises(VerkostoError) as err:
        sotkanet.fetch([9101], YEARS, ["Tampere"])
    assert err.value.render("en") == (
        f"cannot connect to Sotkanet (sotkanet.fi) ({reason}); check the network connection, or read a saved "
        "file with --indicators"
    )
    assert "\n" not in err.value.render("fi")


def test_an_http_error_names_the_request(monkeypatch):
    def not_found(url, *, timeout):
        raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)

    monkeypatch.setattr(sotkanet, "_get", not_found)
    with pytest.raises(VerkostoError) as err:
        sotkanet.fetch([9101], YEARS, ["Tampere"])
    assert err.value.render("en") == (
        "Sotkanet answered 404 to https://sotkanet.fi/rest/1.1/regions; check the indicator number and the years")


def test_the_request_is_polite_and_has_a_timeout(monkeypatch):
    seen = {}

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return b"[]"

    def urlopen(request, timeout):
        seen.update(url=request.full_url, agent=request.get_header("User-agent"), timeout=timeout)
        return Answer()

    monkeypatch.setattr(sotkanet.urllib.request, "urlopen", urlopen)
    assert sotkanet._get("https://sotkanet.fi/rest/1.1/regions", timeout=12) == b"[]"
    assert seen == {"url": "https://sotkanet.fi/rest/1.1/regions", "agent": sotkanet.USER_AGENT, "timeout": 12}
    assert sotkanet.USER_AGENT.startswith("verkosto/")


def test_too_many_indicators_and_bad_years_are_refused():
    with pytest.raises(VerkostoError) as err:
        sotkanet.fetch(list(range(1, 30)), YEARS, ["Tampere"])
    assert err.value.render("en").startswith("at most 20 indicators at a time: Sotkanet's API is meant for")
    with pytest.raises(VerkostoError) as err:
        sotkanet.parse_years("2024-2020")
    assert err.value.render("en") == (
        "the years '2024-2020' are not like 2020-2024 or 2023; write the first and the last year with a dash")
