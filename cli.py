"""The ``verkosto`` command: each subcommand parses its options, calls the library, prints or writes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from verkosto.errors import VerkostoError


class _Group(TyperGroup):
    """Shows verkosto's own errors as one line on stderr and exits 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except VerkostoError as err:
            typer.echo(f"Error: {err}", err=True)
            ctx.exit(1)


app = typer.Typer(
    cls=_Group,
    help="Network maps and metrics of a family centre (perhekeskus) from its roster.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Lang(str, Enum):
    fi = "fi"
    en = "en"


class Layout(str, Enum):
    tiers = "tiers"
    force = "force"


RosterArg = Annotated[
    Optional[Path],
    typer.Argument(help="Roster file (.xlsx, .xlsm, .ods, .csv); default: the bundled example's latest season.", show_default=False),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of everything a person reads.")]
SeasonOpt = Annotated[Optional[str], typer.Option("--season", help="Season to use when the roster holds several, e.g. 2024-2025.")]
PseudonymizeOpt = Annotated[
    bool, typer.Option("--pseudonymize", help="Replace every person's name with a pseudonym such as 'Henkilö 17 · Kela'.")
]
KeyOpt = Annotated[
    Optional[Path],
    typer.Option("--key", help="Secret key file: pseudonyms stay the same across seasons (implies --pseudonymize)."),
]


def _roster(path: Optional[Path], season: Optional[str], pseudonymize: bool = False, key: Optional[Path] = None, lang: str = "fi"):
    """The roster file (default: the bundled example) and its contents, pseudonymised if asked."""
    from verkosto.example import example_path
    from verkosto.load import load_roster
    from verkosto.privacy import pseudonymize as pseudonymized, read_key

    path = path or example_path(season)
    roster = load_roster(path, season=season)
    if pseudonymize or key:
        roster = pseudonymized(roster, key=read_key(key) if key else None, lang=lang)
    return path, roster


@app.command("map")
def map_(
    roster: RosterArg = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file (.html).")] = Path("verkostokartta.html"),
    layout: Annotated[Layout, typer.Option("--layout", help="tiers: concentric tier rings; force: force-directed.")] = Layout.tiers,
    lang: LangOpt = Lang.fi,
    season: SeasonOpt = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Heading of the map.")] = None,
    pseudonymize: PseudonymizeOpt = False,
    key: KeyOpt = None,
) -> None:
    """Draw the network map as one offline HTML file."""
    from verkosto.graph import build_graph
    from verkosto.render import write_html

    path, data = _roster(roster, season, pseudonymize, key, lang.value)
    G = build_graph(data)
    write_html(G, output, layout=layout.value, lang=lang.value, title=title, protect=[path])
    typer.echo(f"{output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


@app.command()
def validate(roster: Annotated[Path, typer.Argument(help="Roster file to check.")], season: SeasonOpt = None) -> None:
    """Check a roster and print every error and warning found (exit 1 on errors)."""
    from verkosto.load import validate_roster

    problems = validate_roster(roster, season=season)
    for problem in problems:
        typer.echo(f"{problem.severity}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    typer.echo(f"{roster.name}: {errors} errors, {warnings} warnings")
    if errors:
        raise typer.Exit(1)


@app.command()
def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="Output workbook.")] = Path("pohja.xlsx"),
    lang: LangOpt = Lang.fi,
) -> None:
    """Write an empty roster workbook with all sheets, headers and drop-down lists."""
    from verkosto.template import write_template

    write_template(output, lang=lang.value)
    typer.echo(f"{output}: roster template")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
