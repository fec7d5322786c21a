"""The ``verkosto`` command: each subcommand parses its options, makes one library call, prints or writes.

Every word it prints comes from the message catalogue (:mod:`verkosto.i18n`): Finnish by
default, English with ``--lang en`` or ``VERKOSTO_LANG=en``. The help is built in the language
of the command line being run (:func:`build_app`).
"""


import re
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer 0.2x carries its own copy of click, whose usage errors are these
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover - an older typer on click
    from click import UsageError

from verkosto.errors import Message, OutputError, VerkostoError
from verkosto.i18n import LANGUAGES, current_language, language, set_language, text


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


class PseudonymLevel(str, Enum):
    organisation = "organisation"
    sector = "sector"
    none = "none"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class CoverageFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class _Words:
    """Typer's own words in the help — "Usage:", the help option — in the language the
    command was built in (the subclasses made by :func:`_build` set them)."""

    usage_prefix = "Usage: "
    help_option_text = "Show this message and exit."

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=self.usage_prefix)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help, option.metavar = self.help_option_text, ""
        return option


class _Command(_Words, TyperCommand):
    pass


class _Group(_Words, TyperGroup):
    """Shows verkosto's own errors as one line on stderr and exits 1, never a traceback."""

    def invoke(self, ctx):
        # The language a command sets (--lang) lasts for that command only.
        with language(None):
            try:
                return super().invoke(ctx)
            except VerkostoError as err:
                typer.echo(text("cli.error", message=str(err)), err=True)
                ctx.exit(1)
            except UsageError as err:
                extra = _extra_rosters(err)
                if extra is None:
                    raise
                typer.echo(text("cli.error", message=Message("cli.several_rosters", **extra).render()), err=True)
                ctx.exit(2)


def _extra_rosters(err: UsageError) -> dict | None:
    """The roster and the files after it when a command that reads one roster got several
    (``verkosto map *.xlsx``: the shell expands the pattern); None for any other usage error."""
    command = err.ctx.command if err.ctx else None
    roster = err.ctx.params.get("roster") if err.ctx else None
    match = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", err.message)
    if match is None or command is None or not any(p.name == "roster" for p in command.params):
        return None
    extra = match[1].split(" ")
    first = str(roster) if roster is not None else extra.pop(0)
    return {"first": first, "count": len(extra) + 1, "files": (first, *extra)}


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
    def step(self, key: str, **params):
        if not self.progress:
            yield
            return
        task = self.progress.add_task(text(key, **params), total=None)
        try:
            yield
        finally:
            self.progress.remove_task(task)


def _start(lang: Optional[Lang]) -> None:
    """Every command begins here: the language of everything it prints."""
    set_language(lang.value if lang else None)


def _analysis(progress: _Progress, roster: Optional[Path], *, season=None, rules=None, pseudonymize=False,
              key=None, weighted=False, sample=None, level=None):
    """The roster's analysis (default: the bundled example, announced), its warnings shown."""
    from verkosto import analyse
    from verkosto.example import example_path
    from verkosto.privacy import read_key

    path = roster or example_path(season)
    if roster is None:
        typer.echo(text("cli.example", name=path.name), err=True)
    with progress.step("cli.progress.reading", name=path.name):
        analysis = analyse(
            path, season=season, rules=rules, weighted=weighted, sample=sample,
            pseudonymize=pseudonymize or level is not None, key=read_key(key) if key else None,
            pseudonym_level=level.value if level else "organisation",
        )
    for problem in analysis.warnings:
        typer.echo(text("cli.problem.warning", message=str(problem)), err=True)
    with progress.step("cli.progress.building"):
        analysis.graph
    return path, analysis


def _emit(content: str, output: Optional[Path], protect: Path) -> None:
    """Print *content*, or write it to *output*."""
    from verkosto.output import write_atomic

    if output is None:
        typer.echo(content, nl=False)
    else:
        write_atomic(output, content.encode("utf-8"), protect=[protect])
        typer.echo(f"{output}")


def _format(given, output: Optional[Path], choices) -> str:
    """The output format: as given, else from the output file's suffix, else a table."""
    if given is not None:
        return given.value
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in {c.value for c in choices} else "table"


def _print_table(frame, title: str | None = None) -> None:
    """A rich table with human headers; cells are plain text, never console markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from verkosto.present import column_label

    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "if"
        table.add_column(column_label(column), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(Text(_cell(v)) for v in row))
    Console(soft_wrap=False).print(table)


def _cell(value) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 1:
            return str(int(value))
        number = f"{value:.3f}"
        return number.replace(".", ",") if current_language() == "fi" else number
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def _typer_words() -> None:
    """Typer's panel titles and default markers in the current language (read when help is shown)."""
    import typer.rich_utils as rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = text("cli.typer.arguments")
    rich_utils.OPTIONS_PANEL_TITLE = text("cli.typer.options")
    rich_utils.COMMANDS_PANEL_TITLE = text("cli.typer.commands")
    rich_utils.DEFAULT_STRING = text("cli.typer.default")
    rich_utils.REQUIRED_LONG_STRING = text("cli.typer.required")
    rich_utils.ERRORS_PANEL_TITLE = text("cli.typer.error")


def build_app(lang: str | None = None) -> typer.Typer:
    """The ``verkosto`` command with its help in *lang* (default: :func:`current_language`)."""
    with language(lang):
        _typer_words()
        return _build()


def _build() -> typer.Typer:
    t = text
    words = {"usage_prefix": t("cli.typer.usage") + " ", "help_option_text": t("cli.typer.help_option")}
    Group = type("Group", (_Group,), words)
    Command = type("Command", (_Command,), words)
    flag = dict(metavar="", show_default=False)
    app = typer.Typer(
        cls=Group,
        help=t("cli.help"),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["--help", "-h"]},
        options_metavar=t("cli.typer.options_metavar"),
        subcommand_metavar=t("cli.typer.command_metavar"),
    )

    # Options shared by several commands, defined once.
    RosterArg = Annotated[Optional[Path], typer.Argument(help=t("cli.opt.roster"), show_default=False)]
    LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help=t("cli.opt.lang"), show_default=False)]
    SeasonOpt = Annotated[Optional[str], typer.Option("--season", help=t("cli.opt.season"))]
    PseudonymizeOpt = Annotated[bool, typer.Option("--pseudonymize", help=t("cli.opt.pseudonymize"), **flag)]
    KeyOpt = Annotated[Optional[Path], typer.Option("--key", help=t("cli.opt.key"))]
    LevelOpt = Annotated[Optional[PseudonymLevel], typer.Option("--pseudonym-level", help=t("cli.opt.pseudonym_level"),
                                                                show_default=False)]
    RulesOpt = Annotated[Optional[Path], typer.Option("--rules", help=t("cli.opt.rules"))]
    QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help=t("cli.opt.quiet"), **flag)]

    @app.callback(options_metavar=t("cli.typer.options_metavar"))
    def main(lang: LangOpt = None) -> None:
        _start(lang)

    @app.command("map", cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.map.help"))
    def map_(
        roster: RosterArg = None,
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.map.output"))] = Path("verkostokartta.html"),
        layout: Annotated[Layout, typer.Option("--layout", help=t("cli.map.layout"))] = Layout.tiers,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        title: Annotated[Optional[str], typer.Option("--title", help=t("cli.map.title"))] = None,
        size_by: Annotated[Optional[Metric], typer.Option("--size-by", help=t("cli.map.size_by"))] = None,
        rules: RulesOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        pseudonym_level: LevelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.views import write_map

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, rules=rules, pseudonymize=pseudonymize, key=key,
                                       level=pseudonym_level)
            with progress.step("cli.progress.writing", name=output.name):
                write_map(analysis, output, layout=layout.value, title=title, size_by=size_by and size_by.value,
                          protect=[path])
        G = analysis.graph
        typer.echo(text("cli.map.done", output=output, nodes=G.number_of_nodes(), edges=G.number_of_edges()))

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.metrics.help"))
    def metrics(
        roster: RosterArg = None,
        network: Annotated[Network, typer.Option("--network", help=t("cli.metrics.network"))] = Network.persons,
        weighted: Annotated[bool, typer.Option("--weighted", help=t("cli.opt.weighted"), **flag)] = False,
        sample: Annotated[Optional[int], typer.Option("--sample", help=t("cli.opt.sample"), min=1)] = None,
        format: Annotated[Optional[TableFormat], typer.Option("--format", help=t("cli.metrics.format"))] = None,
        output: Annotated[Optional[Path], typer.Option("-o", "--output", help=t("cli.metrics.output"))] = None,
        top: Annotated[int, typer.Option("--top", help=t("cli.metrics.top"), min=1)] = 20,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        pseudonym_level: LevelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        _start(lang)
        fmt = _format(format, output, TableFormat)
        if fmt == "xlsx" and output is None:
            raise OutputError(text("cli.metrics.xlsx_needs_output"))
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, pseudonymize=pseudonymize, key=key,
                                       weighted=weighted, sample=sample, level=pseudonym_level)
            with progress.step("cli.progress.centrality", network=network.value):
                table = analysis.centrality(network.value)
        _write_table(table, fmt, output, path, top=top, title=network.value)

    def _write_table(table, fmt: str, output: Optional[Path], path: Path, *, top: int, title: str) -> None:
        from verkosto.export import Sheet, to_csv, to_json, write_xlsx
        from verkosto.present import headers, translate

        if fmt == "csv":
            _emit(to_csv(table), output, path)
        elif fmt == "json":
            _emit(to_json(table), output, path)
        elif fmt == "xlsx":
            write_xlsx(output, {title: Sheet(translate(table), headers())}, protect=[path])
            typer.echo(f"{output}")
        else:  # the terminal is narrow: the id repeats the name, and the kind is one per network
            _print_table(translate(table.drop(columns=["node", "kind"])).head(top))

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.coverage.help"))
    def coverage(
        roster: RosterArg = None,
        rules: RulesOpt = None,
        format: Annotated[Optional[CoverageFormat], typer.Option("--format", help=t("cli.coverage.format"))] = None,
        output: Annotated[Optional[Path], typer.Option("-o", "--output", help=t("cli.coverage.output"))] = None,
        strict: Annotated[bool, typer.Option("--strict", help=t("cli.coverage.strict"), **flag)] = False,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        pseudonym_level: LevelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.export import to_csv, to_json
        from verkosto.present import findings_table, matrix_table
        from verkosto.views import IMAGE_FORMATS, findings_for_map, write_coverage_image

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, rules=rules, pseudonymize=pseudonymize, key=key,
                                       level=pseudonym_level)
            with progress.step("cli.progress.coverage"):
                findings = analysis.findings
            if output is not None and output.suffix.lower() in IMAGE_FORMATS:
                write_coverage_image(analysis, output, protect=[path])
                typer.echo(f"{output}")
            else:
                fmt = _format(format, output, CoverageFormat)
                if fmt == "csv":
                    _emit(to_csv(findings_for_map(analysis)), output, path)
                elif fmt == "json":
                    matrices = {name: m.to_dict(orient="index") for name, m in analysis.matrices.items()}
                    _emit(to_json({"matrices": matrices, "findings": findings_for_map(analysis)}), output, path)
                else:
                    _print_table(matrix_table(analysis.matrices["sector_tier"]).reset_index())
                    if len(findings):
                        _print_table(findings_table(findings, rules=analysis.rules)[["severity", "message"]])
                    else:
                        typer.echo(text("finding.none"))
        if strict and (findings["severity"] == "gap").any():
            raise typer.Exit(3)

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.report.help"))
    def report(
        roster: RosterArg = None,
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.report.output"))] = Path("raportti.xlsx"),
        rules: RulesOpt = None,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        pseudonym_level: LevelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.report import write_report

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, rules=rules, pseudonymize=pseudonymize, key=key,
                                       level=pseudonym_level)
            with progress.step("cli.progress.writing", name=output.name):
                write_report(analysis, output, protect=[path])
        typer.echo(f"{output}")

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.validate.help"))
    def validate(
        roster: Annotated[Path, typer.Argument(help=t("cli.validate.roster"))],
        season: SeasonOpt = None,
        lang: LangOpt = None,
    ) -> None:
        from verkosto.load import validate_roster

        _start(lang)
        problems = validate_roster(roster, season=season)
        for problem in problems:
            typer.echo(text(f"cli.problem.{problem.severity}", message=str(problem)))
        errors = sum(p.severity == "error" for p in problems)
        typer.echo(text("cli.validate.done", name=roster.name or str(roster), errors=errors,
                        warnings=len(problems) - errors))
        if errors:
            raise typer.Exit(1)

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.template.help"))
    def template(
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.template.output"))] = Path("pohja.xlsx"),
        lang: LangOpt = None,
    ) -> None:
        from verkosto.template import write_template

        _start(lang)
        write_template(output, lang=current_language())
        typer.echo(text("cli.template.done", output=output))

    return app


def _language_of(argv: list[str]) -> str | None:
    """The ``--lang`` given on a command line, for its help; None when absent or unknown."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2] if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            return value
    return None


app = build_app(_language_of(sys.argv[1:]))


def main() -> None:
    build_app(_language_of(sys.argv[1:]))()


if __name__ == "__main__":
    main()
