"""`--season` on a roster that holds two seasons: every command that offers it reads one season."""

import json

import pytest
from rosters import MEMBERSHIP_HEADER, write_xlsx
from typer.testing import CliRunner

from cli import app
from verkosto.graph import build_graph
from verkosto.load import load_roster

HEADER = MEMBERSHIP_HEADER + ["Kausi"]


@pytest.fixture
def two_seasons(tmp_path):
    """Bertta Berg and her parish sit only in 2023-2024, but the collaboration sheet names them."""
    rows = [
        HEADER,
        ["Aino Aalto", "Akaan kaupunki", "Kunta", "Akaan ohjausryhmä", "Paikallinen", "Puheenjohtaja", "Akaa", "", "2023-2024"],
        ["Bertta Berg", "Akaan seurakunta", "Seurakunta", "Akaan ohjausryhmä", "Paikallinen", "", "Akaa", "", "2023-2024"],
        ["Aino Aalto", "Akaan kaupunki", "Kunta", "Akaan ohjausryhmä", "Paikallinen", "Puheenjohtaja", "Akaa", "", "2024-2025"],
        ["Cecilia Cajander", "MLL Akaa", "Järjestö", "Akaan ohjausryhmä", "Paikallinen", "Yhdyshenkilö", "Akaa", "", "2024-2025"],
    ]
    collaboration = [["Lähde", "Kohde", "Tyyppi", "Vahvuus"], ["Bertta Berg", "Aino Aalto", "yhteinen palvelu", 2],
                     ["Akaan seurakunta", "MLL Akaa", "", 1], ["Aino Aalto", "Cecilia Cajander", "", 3]]
    return write_xlsx(tmp_path / "kaudet.xlsx", {"Jäsenyydet": rows, "Yhteistyö": collaboration})


def test_a_season_keeps_only_its_persons_organisations_and_ties(two_seasons):
    roster = load_roster(two_seasons, season="2024-2025")
    assert sorted(roster.memberships["person"]) == ["Aino Aalto", "Cecilia Cajander"]
    assert sorted(roster.organisations["organisation"]) == ["Akaan kaupunki", "MLL Akaa"]
    assert roster.collaborations[["source", "target", "weight"]].values.tolist() == [["Aino Aalto", "Cecilia Cajander", 3.0]]
    G = build_graph(roster)
    assert all("kind" in data for _, data in G.nodes(data=True))
    older = load_roster(two_seasons, season="2023-2024")
    assert older.collaborations["source"].tolist() == ["Bertta Berg"]  # MLL Akaa is not in 2023-2024


@pytest.mark.parametrize(
    "command, extra, output",
    [
        ("map", ["-o", "kartta.html"], "kartta.html: 6 nodes, 6 edges\n"),
        ("metrics", ["--format", "csv", "--weighted"], None),
        ("metrics", ["--network", "organisations", "--format", "json"], None),
        ("coverage", ["--format", "json"], None),
        ("report", ["-o", "raportti.xlsx"], "raportti.xlsx\n"),
        ("validate", [], "kaudet.xlsx: 0 errors, 0 warnings\n"),
    ],
)
def test_every_command_takes_a_season(two_seasons, tmp_path, monkeypatch, command, extra, output):
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"VERKOSTO_LANG": "en"}).invoke(app, [command, str(two_seasons), "--season", "2024-2025", *extra])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    if output is not None:
        assert result.stdout == output
    elif "json" in extra:
        assert "Bertta" not in json.dumps(json.loads(result.stdout)) and "seurakunta" not in result.stdout
    else:
        assert "Bertta" not in result.stdout and "Cecilia Cajander" in result.stdout
