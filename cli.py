"""The ``verkosto`` command: each subcommand parses its options, calls the library, prints or writes."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from verkosto.errors import OutputError, VerkostoError


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


class Network(str, Enum):
    persons = "persons"
    organisations = "organisations"
    groups = "groups"
    collaboration = "collaboration"


class Metric(str, Enum):
    degree = "degree"
    weighted_degree = "weighted_degree"
    betweenness = "betweenness"
    closeness = "closeness"
    eigenvector = "eigenvector"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class CoverageFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


# Options shared by several commands, defined once.
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
RulesOpt = Annotated[Optional[Path], typer.Option("--rules", help="Coverage rules (TOML) replacing the shipped defaults.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]


class _Progress:
    """A spinner per step on stderr, shown only on a terminal and without --quiet."""

    def __init__(self, quiet: bool):
        self.progress = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
            )

    def __enter__(self):
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()

    @contextmanager
    def step(self, description: str):
        if not self.progress:
            yield
            return
        task = self.progress.add_task(description, total=None)
        try:
            yield
        finally:
            self.progress.remove_task(task)


def _graph(progress: _Progress, roster: Optional[Path], season, pseudonymize=False, key=None, lang="fi"):
    """The roster file (default: the bundled example) and its graph, pseudonymised if asked."""
    from verkosto.example import example_path
    from verkosto.graph import build_graph
    from verkosto.load import load_roster
    from verkosto.privacy import pseudonymize as pseudonymized, read_key

    path = roster or example_path(season)
    with progress.step(f"{path.name}: reading"):
        data = load_roster(path, season=season)
        if pseudonymize or key:
            data = pseudonymized(data, key=read_key(key) if key else None, lang=lang)
    with progress.step("building the network"):
        return path, build_graph(data)


def _emit(text: str, output: Optional[Path], protect: Path) -> None:
    """Print *text*, or write it to *output*."""
    from verkosto.output import write_atomic

    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"), protect=[protect])
        typer.echo(f"{output}")


def _format(given, output: Optional[Path], choices) -> str:
    """The output format: as given, else from the output file's suffix, else a table."""
    if given is not None:
        return given.value
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in {c.value for c in choices} else "table"


@app.command("map")
def map_(
    roster: RosterArg = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file: .html (interactive), .png, .svg or .pdf.")] = Path(
        "verkostokartta.html"
    ),
    layout: Annotated[Layout, typer.Option("--layout", help="tiers: concentric tier rings; force: force-directed.")] = Layout.tiers,
    lang: LangOpt = Lang.fi,
    season: SeasonOpt = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Heading of the map.")] = None,
    size_by: Annotated[Optional[Metric], typer.Option("--size-by", help="Size persons and organisations by this metric.")] = None,
    rules: RulesOpt = None,
    pseudonymize: PseudonymizeOpt = False,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Draw the network map: one offline HTML file, or an image for slides."""
    from verkosto.coverage import check_rules
    from verkosto.metrics import node_metrics

    with _Progress(quiet) as progress:
        path, G = _graph(progress, roster, season, pseudonymize, key, lang.value)
        with progress.step("computing metrics and coverage"):
            values = node_metrics(G)
            findings = check_rules(G, rules, lang=lang.value)
        options = dict(layout=layout.value, lang=lang.value, title=title, size_by=size_by and size_by.value, metrics=values)
        with progress.step(f"{output.name}: drawing"):
            if output.suffix.lower() == ".html":
                from verkosto.render import write_html

                write_html(G, output, findings=findings, protect=[path], **options)
            elif output.suffix.lower() in (".png", ".svg", ".pdf"):
                from verkosto.static import draw_map

                draw_map(G, output, protect=[path], **options)
            else:
                raise OutputError(f"{output}: unknown map format '{output.suffix}'; use .html, .png, .svg or .pdf")
    typer.echo(f"{output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


@app.command()
def metrics(
    roster: RosterArg = None,
    network: Annotated[Network, typer.Option("--network", help="Which network to measure.")] = Network.persons,
    weighted: Annotated[bool, typer.Option("--weighted", help="Use tie strength: distance = 1/weight.")] = False,
    sample: Annotated[Optional[int], typer.Option("--sample", help="Estimate betweenness from K sampled nodes.", min=1)] = None,
    format: Annotated[Optional[TableFormat], typer.Option("--format", help="table, csv, json or xlsx (default: from -o, else table).")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (default: print).")] = None,
    top: Annotated[int, typer.Option("--top", help="Rows shown in the table format.", min=1)] = 20,
    lang: LangOpt = Lang.fi,
    season: SeasonOpt = None,
    pseudonymize: PseudonymizeOpt = False,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Centrality of every node of one network, sorted by betweenness."""
    from verkosto.metrics import centrality

    fmt = _format(format, output, TableFormat)
    if fmt == "xlsx" and output is None:
        raise OutputError("the xlsx format needs an output file; add -o keskeisyys.xlsx")
    with _Progress(quiet) as progress:
        path, G = _graph(progress, roster, season, pseudonymize, key, lang.value)
        with progress.step(f"centrality of the {network.value} network"):
            table = centrality(G, network=network.value, weighted=weighted, sample=sample)
    _write_table(table, fmt, output, path, lang.value, top=top, title=network.value)


def _write_table(table, fmt: str, output: Optional[Path], path: Path, lang: str, *, top: int, title: str) -> None:
    from verkosto.export import Sheet, to_csv, to_json, write_xlsx
    from verkosto.report import COLUMN_LABELS, translate

    if fmt == "csv":
        _emit(to_csv(table), output, path)
    elif fmt == "json":
        _emit(to_json(table), output, path)
    elif fmt == "xlsx":
        headers = {k: v[0] if lang == "fi" else v[1] for k, v in COLUMN_LABELS.items()}
        write_xlsx(output, {title: Sheet(translate(table, lang), headers)}, protect=[path])
        typer.echo(f"{output}")
    else:  # the terminal is narrow: the id repeats the name, and the kind is one per network
        _print_table(translate(table.drop(columns=["node", "kind"]), lang).head(top), lang)


def _print_table(frame, lang: str, title: str | None = None) -> None:
    """A rich table with human headers; cells are plain text, never console markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from verkosto.report import COLUMN_LABELS

    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        pair = COLUMN_LABELS.get(column, (column, column))
        numeric = frame[column].dtype.kind in "if"
        table.add_column(pair[0] if lang == "fi" else pair[1], justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(Text(_cell(v)) for v in row))
    Console(soft_wrap=False).print(table)


def _cell(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) >= 1 else f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


@app.command()
def coverage(
    roster: RosterArg = None,
    rules: RulesOpt = None,
    format: Annotated[Optional[CoverageFormat], typer.Option("--format", help="table, csv (findings) or json.")] = None,
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="Output file: .csv, .json, or a heatmap .png/.svg/.pdf.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 3 when any gap is found.")] = False,
    lang: LangOpt = Lang.fi,
    season: SeasonOpt = None,
    pseudonymize: PseudonymizeOpt = False,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Coverage of sectors, tiers and municipalities, and findings of the coverage rules."""
    from verkosto.coverage import coverage_report
    from verkosto.export import to_csv, to_json

    with _Progress(quiet) as progress:
        path, G = _graph(progress, roster, season, pseudonymize, key, lang.value)
        with progress.step("checking coverage"):
            report = coverage_report(G, rules, lang=lang.value)
    findings = report["findings"]
    if output is not None and output.suffix.lower() in (".png", ".svg", ".pdf"):
        from verkosto.static import draw_coverage

        draw_coverage(report["matrices"], output, lang=lang.value, findings=findings, protect=[path])
        typer.echo(f"{output}")
    else:
        fmt = _format(format, output, CoverageFormat)
        if fmt == "csv":
            _emit(to_csv(findings), output, path)
        elif fmt == "json":
            matrices = {name: m.to_dict(orient="index") for name, m in report["matrices"].items()}
            _emit(to_json({"matrices": matrices, "findings": findings}), output, path)
        else:
            _print_coverage(report, lang.value)
    if strict and (findings["severity"] == "gap").any():
        raise typer.Exit(3)


def _print_coverage(report: dict, lang: str) -> None:
    from verkosto.report import matrix_table, translate

    matrix = matrix_table(report["matrices"]["sector_tier"], lang)
    _print_table(matrix.reset_index(), lang)
    findings = translate(report["findings"], lang)[["severity", "message"]]
    if len(findings):
        _print_table(findings, lang)
    else:
        typer.echo("Ei havaintoja." if lang == "fi" else "No findings.")


@app.command()
def report(
    roster: RosterArg = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output workbook (.xlsx).")] = Path("raportti.xlsx"),
    rules: RulesOpt = None,
    lang: LangOpt = Lang.fi,
    season: SeasonOpt = None,
    pseudonymize: PseudonymizeOpt = False,
    key: KeyOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """The Excel report: key figures, centrality, brokers, coverage matrices and findings."""
    from verkosto.report import write_report

    with _Progress(quiet) as progress:
        path, G = _graph(progress, roster, season, pseudonymize, key, lang.value)
        with progress.step(f"{output.name}: writing"):
            write_report(G, output, rules=rules, lang=lang.value, protect=[path])
    typer.echo(f"{output}")


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
