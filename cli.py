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
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

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


class Paper(str, Enum):
    slide = "slide"
    a4 = "a4"
    a3 = "a3"


class Network(str, Enum):
    persons = "persons"
    organisations = "organisations"
    groups = "groups"
    collaboration = "collaboration"


class Classes(str, Enum):
    sector = "sector"
    tier = "tier"
    region = "region"
    municipality = "municipality"


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


class CompareFormat(str, Enum):
    table = "table"
    json = "json"


class TrendsFormat(str, Enum):
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


class _SubcommandFirst:
    """A group that is a command too (``verkosto indicators [ROSTER]``) and has sub-commands
    (``verkosto indicators fetch``): a first word naming a sub-command is never taken for the
    group's own ROSTER argument."""

    def parse_args(self, ctx, args):
        valued = {name for p in self.get_params(ctx) if isinstance(p, TyperOption) and not p.is_flag for name in p.opts}
        k = 0  # past the group's own options (--lang en), if any
        while k < len(args) and args[k].startswith("-") and args[k] != "--":
            k += 2 if args[k] in valued else 1
        if k < len(args) and args[k] in self.commands:  # type: ignore[attr-defined]
            super().parse_args(ctx, args[:k])  # type: ignore[misc]
            ctx._protected_args, ctx.args = args[k : k + 1], args[k + 1 :]
            return ctx.args
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def get_params(self, ctx):
        params = super().get_params(ctx)  # type: ignore[misc]
        if ctx.command is not self:  # a sub-command's usage line: the ROSTER is the sub-command's own
            params = [p for p in params if not isinstance(p, TyperArgument)]
        return params


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


# The bundled example's file name when a command runs on it for want of a roster: every line
# that says what was written says so too, so an example map is never taken for the real one.
_example: list[str] = []


def _start(lang: Lang | None) -> None:
    """Every command begins here: the language of everything it prints."""
    _example.clear()
    if lang is not None:  # else the group's --lang, VERKOSTO_LANG or Finnish
        set_language(lang.value)


def _announce_example(path: Path) -> None:
    """Say on standard error that *path*, the fictitious example, is used for want of a roster."""
    typer.echo(text("cli.example", name=path.name), err=True)
    if path.name not in _example:
        _example.append(path.name)


def _written(line: object) -> None:
    """The output line of a file written, marked when it was made from the example."""
    mark = text("cli.example.mark", names=", ".join(_example)) if _example else ""
    typer.echo(f"{line}{mark}")


def _analysis(progress: _Progress, roster: Path | None, *, season=None, rules=None, pseudonymize=False,
              key=None, weighted=False, sample=None, indicators=None, level=None, services_vocabulary=None):
    """The roster's analysis (default: the bundled example, announced), its warnings shown."""
    from verkosto import analyse
    from verkosto.example import example_path
    from verkosto.privacy import read_key

    path = roster or example_path(season)
    if roster is None:
        _announce_example(path)
    with progress.step("cli.progress.reading", name=path.name):
        analysis = analyse(
            path, season=season, rules=rules, weighted=weighted, sample=sample,
            pseudonymize=pseudonymize or level is not None, key=read_key(key) if key else None,
            pseudonym_level=level.value if level else "organisation", indicators=indicators,
            services_vocabulary=services_vocabulary,
        )
    for problem in analysis.warnings:
        typer.echo(text("cli.problem.warning", message=str(problem)), err=True)
    with progress.step("cli.progress.building"):
        _ = analysis.graph  # built here, under its own progress step
    return path, analysis


def _emit(content: str, output: Path | None, protect: Path) -> None:
    """Print *content*, or write it to *output*."""
    from verkosto.output import write_atomic

    if output is None:
        typer.echo(content, nl=False)
    else:
        write_atomic(output, content.encode("utf-8"), protect=[protect])
        _written(output)


def _format(given, output: Path | None, choices) -> str:
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
    if isinstance(value, float) and value != value:  # NaN: nothing to show (a z-score of a role that cannot occur)
        return ""
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
    RosterArg = Annotated[Path | None, typer.Argument(help=t("cli.opt.roster"), show_default=False)]
    LangOpt = Annotated[Lang | None, typer.Option("--lang", help=t("cli.opt.lang"), show_default=False)]
    SeasonOpt = Annotated[str | None, typer.Option("--season", help=t("cli.opt.season"))]
    PseudonymizeOpt = Annotated[bool, typer.Option("--pseudonymize", help=t("cli.opt.pseudonymize"), **flag)]
    KeyOpt = Annotated[Path | None, typer.Option("--key", help=t("cli.opt.key"))]
    LevelOpt = Annotated[PseudonymLevel | None, typer.Option("--pseudonym-level", help=t("cli.opt.pseudonym_level"),
                                                             show_default=False)]
    RulesOpt = Annotated[Path | None, typer.Option("--rules", help=t("cli.opt.rules"))]
    QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help=t("cli.opt.quiet"), **flag)]
    IndicatorsOpt = Annotated[Path | None, typer.Option("--indicators", help=t("cli.opt.indicators"))]
    ServicesVocabularyOpt = Annotated[Path | None, typer.Option("--services-vocabulary", help=t("cli.services.vocabulary"))]

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
        title: Annotated[str | None, typer.Option("--title", help=t("cli.map.title"))] = None,
        size_by: Annotated[Metric | None, typer.Option("--size-by", help=t("cli.map.size_by"))] = None,
        views: Annotated[Path | None, typer.Option("--views", help=t("cli.map.views"))] = None,
        paper: Annotated[Paper | None, typer.Option("--paper", help=t("cli.map.paper"))] = None,
        exact: Annotated[bool, typer.Option("--exact", help=t("cli.map.exact"), **flag)] = False,
        rules: RulesOpt = None,
        indicators: IndicatorsOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        pseudonym_level: LevelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.views import write_map

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, rules=rules, pseudonymize=pseudonymize, key=key,
                                       indicators=indicators, level=pseudonym_level)
            with progress.step("cli.progress.writing", name=output.name):
                write_map(analysis, output, layout=layout.value, title=title, size_by=size_by and size_by.value,
                          views=views, paper=paper and paper.value, exact=exact, protect=[path])
        G = analysis.graph
        _written(text("cli.map.done", output=output, nodes=G.number_of_nodes(), edges=G.number_of_edges()))

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.metrics.help"))
    def metrics(
        roster: RosterArg = None,
        network: Annotated[Network | None, typer.Option("--network", help=t("cli.metrics.network"))] = None,
        brokerage: Annotated[Classes | None, typer.Option("--brokerage", help=t("cli.metrics.brokerage"))] = None,
        weighted: Annotated[bool, typer.Option("--weighted", help=t("cli.opt.weighted"), **flag)] = False,
        sample: Annotated[int | None, typer.Option("--sample", help=t("cli.opt.sample"), min=1)] = None,
        format: Annotated[TableFormat | None, typer.Option("--format", help=t("cli.metrics.format"))] = None,
        output: Annotated[Path | None, typer.Option("-o", "--output", help=t("cli.metrics.output"))] = None,
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
            name = network.value if network else "collaboration" if brokerage else "persons"
            if brokerage:
                from verkosto.metrics import BROKER_ROLES as ROLES

                with progress.step("cli.progress.brokerage", network=name):
                    table = analysis.brokerage_roles(brokerage.value, network=name)
                shown = ["label", brokerage.value, *ROLES, *(f"{role}_z" for role in ROLES)]
                _write_table(table, fmt, output, path, top=top, title=f"{name}-{brokerage.value}", shown=shown)
                return
            with progress.step("cli.progress.centrality", network=name):
                table = analysis.centrality(name)
        _write_table(table, fmt, output, path, top=top, title=name)

    def _write_table(table, fmt: str, output: Path | None, path: Path, *, top: int, title: str,
                     shown: list[str] | None = None) -> None:
        from verkosto.export import Sheet, to_csv, to_json, write_xlsx
        from verkosto.present import headers, translate

        if fmt == "csv":
            _emit(to_csv(table), output, path)
        elif fmt == "json":
            _emit(to_json(table), output, path)
        elif fmt == "xlsx":
            write_xlsx(output, {title: Sheet(translate(table), headers())}, protect=[path])
            _written(output)
        else:  # the terminal is narrow: the id repeats the name, and the kind is one per network
            _print_table(translate(table[shown] if shown else table.drop(columns=["node", "kind"])).head(top))

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.coverage.help"))
    def coverage(
        roster: RosterArg = None,
        rules: RulesOpt = None,
        format: Annotated[CoverageFormat | None, typer.Option("--format", help=t("cli.coverage.format"))] = None,
        output: Annotated[Path | None, typer.Option("-o", "--output", help=t("cli.coverage.output"))] = None,
        strict: Annotated[bool, typer.Option("--strict", help=t("cli.coverage.strict"), **flag)] = False,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        pseudonym_level: LevelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.export import to_csv, to_json
        from verkosto.present import findings_table, matrix_table, with_messages
        from verkosto.views import IMAGE_FORMATS, write_coverage_image

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, rules=rules, pseudonymize=pseudonymize, key=key,
                                       level=pseudonym_level)
            with progress.step("cli.progress.coverage"):
                findings = analysis.findings
            if output is not None and output.suffix.lower() in IMAGE_FORMATS:
                write_coverage_image(analysis, output, protect=[path])
                _written(output)
            else:
                fmt = _format(format, output, CoverageFormat)
                if fmt == "csv":
                    _emit(to_csv(with_messages(findings)), output, path)
                elif fmt == "json":
                    matrices = {name: m.to_dict(orient="index") for name, m in analysis.matrices.items()}
                    _emit(to_json({"matrices": matrices, "findings": with_messages(findings)}), output, path)
                else:
                    _print_table(matrix_table(analysis.matrices["sector_tier"]).reset_index())
                    if len(findings):
                        _print_table(findings_table(findings, rules=analysis.rules)[["severity", "message"]])
                    else:
                        typer.echo(text("finding.none"))
        if strict and (findings["severity"] == "gap").any():
            raise typer.Exit(3)

    class ServicesFormat(str, Enum):
        table = "table"
        json = "json"

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.services.help"))
    def services(
        roster: RosterArg = None,
        output: Annotated[Path | None, typer.Option("-o", "--output", help=t("cli.services.output"))] = None,
        format: Annotated[ServicesFormat | None, typer.Option("--format", help=t("cli.services.format"))] = None,
        services_vocabulary: ServicesVocabularyOpt = None,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.export import to_json
        from verkosto.servicemap import findings_words, summary, write_services

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, pseudonymize=pseudonymize, key=key,
                                       services_vocabulary=services_vocabulary)
            fmt = _format(format, output, ServicesFormat)
            if fmt == "json":
                _emit(to_json(analysis.services.to_dict()), output, path)
            elif output is not None:
                with progress.step("cli.progress.writing", name=output.name):
                    write_services(analysis, output, protect=[path])
                _written(output)
            else:
                typer.echo(summary(analysis.services))
                findings = findings_words(analysis.services)
                if len(findings):
                    _print_table(findings)

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.report.help"))
    def report(
        roster: RosterArg = None,
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.report.output"))] = Path("raportti.xlsx"),
        previous: Annotated[Path | None, typer.Option("--previous", help=t("cli.report.previous"))] = None,
        rules: RulesOpt = None,
        indicators: IndicatorsOpt = None,
        services_vocabulary: ServicesVocabularyOpt = None,
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
                                       indicators=indicators, level=pseudonym_level,
                                       services_vocabulary=services_vocabulary)
            before = None
            if previous is not None:
                before = _analysis(progress, previous, rules=rules, pseudonymize=pseudonymize, key=key,
                                   level=pseudonym_level)[1]
            with progress.step("cli.progress.writing", name=output.name):
                write_report(analysis, output, previous=before, protect=[path, *([previous] if previous else [])])
        _written(output)

    class ExportNetwork(str, Enum):
        full = "full"
        persons = "persons"
        organisations = "organisations"
        groups = "groups"
        collaboration = "collaboration"

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.export.help"))
    def export(
        rosters: Annotated[list[Path] | None, typer.Argument(help=t("cli.export.rosters"), show_default=False, metavar="roster")] = None,
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.export.output"))] = Path("verkosto.gexf"),
        network: Annotated[ExportNetwork, typer.Option("--network", help=t("cli.export.network"))] = ExportNetwork.full,
        layout: Annotated[Layout, typer.Option("--layout", help=t("cli.export.layout"))] = Layout.tiers,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.formats import export as export_network
        from verkosto.formats import format_of

        _start(lang)
        format_of(output)  # an unknown suffix fails before any roster is read
        if pseudonymize and key is None and len(rosters or []) > 1:
            # Numbered pseudonyms follow each roster's order: #1 of one season is not #1 of the next.
            raise OutputError("export.seasons_need_key")
        with _Progress(quiet) as progress:
            paths, analyses = [], []
            for roster in rosters or [None]:
                path, analysis = _analysis(progress, roster, season=season, pseudonymize=pseudonymize, key=key)
                paths.append(path)
                analyses.append(analysis)
            with progress.step("cli.progress.writing", name=output.name):
                export_network(analyses, output, network=network.value, layout=layout.value, protect=paths)
        _written(output)

    @app.command("import-kumu", cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.import_kumu.help"))
    def import_kumu(
        source: Annotated[Path, typer.Argument(help=t("cli.import_kumu.source"))],
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.import_kumu.output"))] = Path("luettelo.xlsx"),
        lang: LangOpt = None,
    ) -> None:
        from verkosto.formats import import_kumu as convert

        _start(lang)
        imported = convert(source, output)
        for sheet, columns in imported.mapped.items():
            typer.echo(text("cli.import_kumu.mapped", sheet=sheet, columns=", ".join(columns) or text("cli.import_kumu.none")))
            dropped = imported.dropped.get(sheet, [])
            typer.echo(text("cli.import_kumu.dropped", sheet=sheet, columns=", ".join(dropped) or text("cli.import_kumu.none")))
        for what, count in imported.skipped.items():
            if count:
                typer.echo(text(f"cli.import_kumu.skipped.{what}", count=count))
        sheets = imported.sheets
        typer.echo(text("cli.import_kumu.done", output=output, memberships=len(sheets["Jäsenyydet"]),
                        groups=len(sheets["Ryhmät"]), organisations=len(sheets["Organisaatiot"]),
                        collaborations=len(sheets["Yhteistyö"])))

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.validate.help"))
    def validate(
        roster: Annotated[Path, typer.Argument(help=t("cli.validate.roster"))],
        season: SeasonOpt = None,
        services_vocabulary: ServicesVocabularyOpt = None,
        lang: LangOpt = None,
    ) -> None:
        from verkosto.load import validate_roster

        _start(lang)
        problems = validate_roster(roster, season=season, services_vocabulary=services_vocabulary)
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

    group = typer.Typer(
        cls=type("IndicatorsGroup", (_SubcommandFirst, Group), {}),
        help=t("cli.indicators.help"),
        invoke_without_command=True,
        add_completion=False,
        options_metavar=t("cli.typer.options_metavar"),
        subcommand_metavar=t("cli.typer.command_metavar"),
    )
    app.add_typer(group, name="indicators")

    @group.callback(options_metavar=t("cli.typer.options_metavar"))
    def indicators_(
        ctx: typer.Context,
        roster: RosterArg = None,
        indicators: IndicatorsOpt = None,
        output: Annotated[Path | None, typer.Option("-o", "--output", help=t("cli.indicators.output"))] = None,
        format: Annotated[CoverageFormat | None, typer.Option("--format", help=t("cli.indicators.format"))] = None,
        highlight: Annotated[list[str] | None, typer.Option("--municipality", help=t("cli.indicators.highlight"), metavar="<str>")] = None,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.export import to_csv, to_json
        from verkosto.indicators import attribution, indicator_words, latest_table, shown_number
        from verkosto.views import write_indicators

        _start(lang)
        if ctx.invoked_subcommand is not None:
            return
        if indicators is None:
            raise VerkostoError("cli.indicators.needs_file")
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season, indicators=indicators)
            data = analysis.municipal_indicators
            if output is not None:
                with progress.step("cli.progress.writing", name=output.name):
                    write_indicators(analysis, output, highlight=highlight or (), protect=[path, indicators])
                typer.echo(text("cli.indicators.done", output=output, attribution=attribution(data)))
                return
        fmt = format.value if format else "table"
        if fmt == "table":
            words, names = indicator_words(data, analysis.municipalities)
            for (title, ident), rows in words.groupby(["indicator", "indicator_id"], sort=False):
                shown = rows[["municipality", "latest_year", "value", "trend", "county_median", "difference"]]
                decimals = data.decimals.get(ident, 1)
                shown = shown.assign(**{c: [shown_number(v, decimals) for v in shown[c]]
                                        for c in ("value", "county_median", "difference")})
                _print_table(shown.rename(columns=names), title)
            typer.echo(attribution(data))
        else:
            table = latest_table(data, analysis.municipalities)
            typer.echo(to_csv(table) if fmt == "csv" else to_json(table), nl=False)

    @group.command("fetch", cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.fetch.help"))
    def fetch(
        indicator: Annotated[list[int], typer.Option("--indicator", help=t("cli.fetch.indicator"), min=1, metavar="<int>")],
        years: Annotated[str, typer.Option("--years", help=t("cli.fetch.years"))],
        roster: RosterArg = None,
        output: Annotated[Path, typer.Option("-o", "--output", help=t("cli.fetch.output"))] = Path("indikaattorit.json"),
        timeout: Annotated[float, typer.Option("--timeout", help=t("cli.fetch.timeout"), min=1)] = 30.0,
        lang: LangOpt = None,
        season: SeasonOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.sotkanet import LICENCE, SOURCE, fetch_file

        _start(lang)
        with _Progress(quiet) as progress:
            path, analysis = _analysis(progress, roster, season=season)
            with progress.step("cli.progress.fetching"):
                document = fetch_file(output, indicators=indicator, years=years, municipalities=analysis.municipalities,
                                      timeout=timeout, protect=[path])
        typer.echo(text("cli.fetch.done", output=output, indicators=len(indicator),
                        municipalities=len(document["regions"]), values=len(document["data"]),
                        attribution=text("indicators.attribution", source=SOURCE, licence=LICENCE)))
    RostersArg = Annotated[list[Path] | None, typer.Argument(help=t("cli.opt.rosters"), show_default=False)]
    SeasonsOpt = Annotated[list[str] | None, typer.Option("--season", help=t("cli.opt.seasons"))]

    def _season_analyses(progress, rosters, seasons, *, at_most=None, **options):
        from verkosto.seasons import season_inputs

        inputs = season_inputs(rosters, seasons, at_most=at_most)
        for path, _ in inputs if not rosters else ():
            _announce_example(path)
        return [_analysis(progress, path, season=season, **options)[1] for path, season in inputs]

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.compare.help"))
    def compare(
        rosters: RostersArg = None,
        season: SeasonsOpt = None,
        format: Annotated[CompareFormat | None, typer.Option("--format", help=t("cli.compare.format"))] = None,
        output: Annotated[Path | None, typer.Option("-o", "--output", help=t("cli.compare.output"))] = None,
        season_maps: Annotated[bool, typer.Option("--season-maps", help=t("cli.compare.season_maps"), **flag)] = False,
        rules: RulesOpt = None,
        lang: LangOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.export import to_json
        from verkosto.season_views import summary, write_change_map, write_comparison, write_season_maps
        from verkosto.seasons import compare as compare_seasons

        _start(lang)
        with _Progress(quiet) as progress:
            old, new = _season_analyses(progress, rosters, season, at_most=2, rules=rules,
                                        pseudonymize=pseudonymize, key=key)
            with progress.step("cli.progress.comparing"):
                comparison = compare_seasons(old, new)
            for problem in comparison.warnings:
                typer.echo(text("cli.problem.warning", message=text("season.warning.line", message=problem.message)),
                           err=True)
            if output is not None:
                protect = [Path(old.source), Path(new.source)]
                with progress.step("cli.progress.writing", name=output.name):
                    if output.suffix.lower() == ".html":
                        write_change_map(old, new, output, comparison=comparison, protect=protect)
                    else:
                        write_comparison(comparison, output, protect=protect)
                _written(output)
                if season_maps and output.suffix.lower() == ".html":
                    maps = tuple(output.with_name(f"{output.stem}_{s}.html") for s in comparison.seasons)
                    for written in write_season_maps(old, new, maps, comparison=comparison, protect=protect):
                        _written(written)
            elif format == CompareFormat.json:
                typer.echo(to_json(comparison.as_dict()), nl=False)
            else:
                typer.echo(summary(comparison), nl=False)

    @app.command(cls=Command, options_metavar=t("cli.typer.options_metavar"), help=t("cli.trends.help"))
    def trends(
        rosters: RostersArg = None,
        season: SeasonsOpt = None,
        format: Annotated[TrendsFormat | None, typer.Option("--format", help=t("cli.trends.format"))] = None,
        output: Annotated[Path | None, typer.Option("-o", "--output", help=t("cli.trends.output"))] = None,
        scope: Annotated[str, typer.Option("--scope", help=t("cli.trends.scope"))] = "overall",
        rules: RulesOpt = None,
        lang: LangOpt = None,
        pseudonymize: PseudonymizeOpt = False,
        key: KeyOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from verkosto.export import to_csv, to_json
        from verkosto.season_views import trends_table, write_trends
        from verkosto.seasons import trends as season_trends

        _start(lang)
        with _Progress(quiet) as progress:
            analyses = _season_analyses(progress, rosters, season, rules=rules, pseudonymize=pseudonymize, key=key)
            if output is not None:
                with progress.step("cli.progress.writing", name=output.name):
                    write_trends(analyses, output, protect=[Path(a.source) for a in analyses])
                _written(output)
            elif format == TrendsFormat.csv:
                typer.echo(to_csv(season_trends(analyses)), nl=False)
            elif format == TrendsFormat.json:
                typer.echo(to_json(season_trends(analyses)), nl=False)
            else:
                table = trends_table(analyses)
                _print_table(table[season_trends(analyses)["scope"] == scope].drop(columns="scope"))

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
