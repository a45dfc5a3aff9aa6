"""Where an output goes and in which format: a file, a folder (one file per table), a
database or standard output. Each format is one `Writer` in `WRITERS`; the writers themselves
live in their own modules (xlsx, html, markdown, machine, terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from salescli.errors import UsageError
from salescli.i18n import _, listed, render
from salescli.output.machine import (
    print_csv,
    print_json,
    print_jsonl,
    write_csv,
    write_json,
    write_json_table,
    write_jsonl,
    write_parquet,
)
from salescli.output.markdown import print_md, write_md
from salescli.output.model import Output
from salescli.output.safe import (
    atomic_write,
    atomic_write_all,
    remove_earlier,
    safe_filename,
    unique_names,
)
from salescli.output.tables import machine_frame, specs

TERMINAL_ROWS = 500


def _xlsx(path: Path, output: Output, lang: str, template_dir: Path | None) -> None:
    from salescli.output.xlsx import write_xlsx  # XlsxWriter: only when writing xlsx

    write_xlsx(path, output, lang)


def _html(path: Path, output: Output, lang: str, template_dir: Path | None) -> None:
    from salescli.output.html import write_html  # jinja2: only when writing html

    write_html(path, output, lang, template_dir)


def _md(path: Path, output: Output, lang: str, template_dir: Path | None) -> None:
    write_md(path, output, lang)


def _json(path: Path, output: Output, lang: str, template_dir: Path | None) -> None:
    write_json(path, output)


def _terminal(stream: IO[str], output: Output, lang: str) -> None:
    from salescli.output.terminal import print_tables  # rich: only when printing a table

    print_tables(output, lang, stream, TERMINAL_ROWS)


@dataclass(frozen=True)
class Writer:
    """One format: the ways it can be written, each a function (None: not in this format).

    - `document(path, output, lang, template_dir)`: every table in one file;
    - `table(path, machine_frame, bom)`: one table in one file (a folder's files; without a
      `document`, also -o FILE: the first table there, the others beside it as STEM.NAME.EXT);
    - `stdout(stream, output, lang)`: on standard output. `every_table`: it shows all the
      output's tables (the terminal); otherwise it is handed the first table only.
    """

    document: Callable[[Path, Output, str, Path | None], None] | None = None
    table: Callable[[Path, pd.DataFrame, bool], None] | None = None
    stdout: Callable[[IO[str], Output, str], None] | None = None
    every_table: bool = False


# every format salescli writes, and how; a new format is one more entry (and its Format option)
WRITERS: dict[str, Writer] = {
    "xlsx": Writer(document=_xlsx),
    "csv": Writer(table=write_csv, stdout=print_csv),
    "json": Writer(document=_json, table=write_json_table, stdout=print_json),
    "jsonl": Writer(table=write_jsonl, stdout=print_jsonl),
    "parquet": Writer(table=write_parquet),
    "html": Writer(document=_html),
    "md": Writer(document=_md, stdout=print_md),
    "table": Writer(stdout=_terminal, every_table=True),
}
FORMATS = tuple(WRITERS)
FOLDER_FORMATS = tuple(name for name, writer in WRITERS.items() if writer.table)
FILE_FORMATS = tuple(name for name, writer in WRITERS.items() if writer.document or writer.table)


def write(
    output: Output,
    target: str | Path | None = None,
    fmt: str | None = None,
    lang: str = "en",
    section: str | None = None,
    protected: set[Path] | None = None,
    template_dir: Path | None = None,
    stdout: IO[str] | None = None,
    quiet: bool = False,
    bom: bool = True,
    sources: list[dict[str, Any]] | None = None,
    warnings: list[str] | None = None,
) -> list[Path]:
    """Write an output to a file, a folder (one file per table), a database
    (sqlite:///FILE or postgresql://…) or standard output. `protected` are the input
    files: never overwritten, and a database records their content hashes, and the tables
    read from `sources` (Workspace.source_records) beside them, and the run's `warnings`.
    `quiet`: standard output gets the data and stderr nothing (no summaries, no notes)."""
    protected = protected or set()
    if section:
        output = _only(output, section)
    if target is not None and is_database(str(target)):
        from salescli.output.database import write_database

        write_database(
            output,
            str(target),
            sorted(protected),
            sources or [],
            whole=not section,
            warnings=warnings or [],
        )
        return []
    if target is None or str(target) == "-":
        _to_stdout(output, fmt, lang, stdout or sys.stdout, quiet)
        return []
    folder = str(target).endswith(("/", "\\"))
    target = Path(target)
    if folder or target.is_dir():
        fmt = fmt or "csv"
        written = _to_folder(output, target, fmt, protected, bom)
        if not section:
            _remove_earlier(output, written, lambda name: target / f"{safe_filename(name)}.{fmt}")
        return written
    extension = target.suffix.lower().lstrip(".")
    if fmt in FILE_FORMATS and extension in FILE_FORMATS and extension != fmt:
        # CSV text in a.parquet would fail the tool that picks up *.parquet, long after exit 0
        raise UsageError(
            _("--format {format} contradicts -o {target}", format=fmt, target=str(target)),
            hint=_(
                "drop --format (the extension picks the format), or name the file .{format}",
                format=fmt,
            ),
        )
    fmt = fmt or extension
    if fmt not in FILE_FORMATS:
        raise UsageError(
            _("cannot tell the output format of {target}", target=str(target)),
            hint=_("use .xlsx .csv .json .jsonl .parquet .html or .md, or --format"),
        )
    writer = WRITERS[fmt]
    if writer.document:
        produce = _bound(writer.document, output, lang, template_dir)
        return [atomic_write(target, produce, protected)]
    written = _one_file_per_table(output, target, fmt, protected, bom)
    if not section:
        _remove_earlier(
            output, written, lambda name: target.with_name(f"{target.stem}.{name}{target.suffix}")
        )
    return written


def is_database(target: str) -> bool:
    return target.lower().startswith(("sqlite:", "postgresql:", "postgres:"))


def _bound(function: Callable[..., None], *args: Any) -> Callable[[Path], None]:
    return lambda path: function(path, *args)


def _only(output: Output, section: str) -> Output:
    names = [t.name for t in output.tables]
    if section not in names:
        raise UsageError(
            _("no section {section!r}", section=section),
            hint=_("sections: {sections}", sections=listed(names)),
        )
    from dataclasses import replace

    return replace(output, tables=[output.table(section)], charts=[])


def _list(names: list[str], lang: str) -> str:
    """Names as a list in a sentence of `lang` (names are data: never translated)."""
    return ("、" if lang == "zh" else ", ").join(names)


def _one_file_per_table(
    output: Output, target: Path, fmt: str, protected: set[Path], bom: bool
) -> list[Path]:
    """The first table goes to the path asked for; any others beside it as STEM.NAME.EXT,
    all written as one set (see atomic_write_all)."""
    write_table = WRITERS[fmt].table
    assert write_table is not None  # a format without a document has a table writer
    files = []
    for index, table in enumerate(output.tables):
        path = (
            target if index == 0 else target.with_name(f"{target.stem}.{table.name}{target.suffix}")
        )
        frame = machine_frame(table, output)
        files.append((path, _bound(write_table, frame, bom)))
    return atomic_write_all(files, protected)


def _remove_earlier(output: Output, written: list[Path], path: Callable[[str], Path]) -> None:
    """Remove the files an earlier run wrote for the command's tables this output does not
    hold (a report rerun without its feedback table leaves no feedback.csv of the run
    before); `path` names a table's file. As a database write: not for one --section, nor for
    an output of people's tables only (--explain)."""
    if output.period is None or not output.command:
        return
    kind = output.period.kind
    mine = [s for s in specs(output.command) if kind in s.kinds and not s.people_only]
    if not {s.name for s in mine} & {t.name for t in output.tables}:
        return
    kept = {p.name.casefold() for p in written}
    for spec in mine:
        stale = path(spec.name)
        if stale.name.casefold() not in kept and stale.is_file():
            remove_earlier(stale)


def _to_folder(
    output: Output, folder: Path, fmt: str, protected: set[Path], bom: bool = True
) -> list[Path]:
    write_table = WRITERS[fmt].table if fmt in WRITERS else None
    if write_table is None:
        raise UsageError(
            _(
                "a folder output takes --format {formats}, not {format}",
                formats="|".join(FOLDER_FORMATS),
                format=fmt,
            ),
            hint=_("or give a file name such as report.xlsx"),
        )
    names = unique_names([t.name for t in output.tables], safe_filename)
    # one set: every table is written before any old file is replaced (a full disk halfway
    # leaves the previous set whole, never new tables beside old ones)
    files = [
        (folder / f"{name}.{fmt}", _bound(write_table, machine_frame(table, output), bom))
        for name, table in zip(names, output.tables, strict=True)
    ]
    return atomic_write_all(files, protected)


def _to_stdout(
    output: Output, fmt: str | None, lang: str, stream: IO[str], quiet: bool = False
) -> None:
    fmt = fmt or ("table" if stream.isatty() else "csv")
    writer = WRITERS.get(fmt)
    if writer is None or writer.stdout is None:
        raise UsageError(
            _("--format {format} needs -o FILE", format=fmt), hint=_("e.g. -o out.xlsx")
        )
    if writer.every_table:
        if quiet:  # the summaries go to stderr: -q keeps only the data
            output = Output(output.title, [t for t in output.tables if not t.aside])
        writer.stdout(stream, output, lang)
        return
    table = output.tables[0]
    # the first table alone (its own notes, none of the output's), still of its command and period
    first = Output(output.title, [table], command=output.command, period=output.period)
    writer.stdout(stream, first, lang)
    if quiet:
        return
    asides = [t for t in output.tables[1:] if t.aside]
    if asides and sys.stderr.isatty():  # summaries follow on stderr, for a person only
        # (without a terminal they would only clutter a log: they are in the output's tables)
        _terminal(sys.stderr, Output(output.title, asides), lang)
    rest = [t.name for t in output.tables[1:]]  # the summaries too: --section gives each
    if rest and not stream.isatty():
        note = _(  # the tables by the names --section takes
            "note: stdout holds the {table} table; also available with --section: {tables}",
            table=table.name,
            tables=_list(rest, lang),
        )
        print(render(note, lang), file=sys.stderr)
