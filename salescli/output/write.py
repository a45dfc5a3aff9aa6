"""Format dispatch: xlsx, csv, json, jsonl, parquet, html, md, and the terminal table."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import pandas as pd

from salescli.errors import UsageError
from salescli.labels import label
from salescli.messages import translate
from salescli.output.formats import NUMERIC, shown
from salescli.output.model import Output, Table
from salescli.output.safe import atomic_write, neutralise, safe_filename, unique_names
from salescli.output.tables import machine_frame

FORMATS = ("xlsx", "csv", "json", "jsonl", "parquet", "html", "md", "table")
FOLDER_FORMATS = ("csv", "json", "jsonl", "parquet")
TERMINAL_ROWS = 500


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
) -> list[Path]:
    """Write an output to a file, a folder (one file per table), a database
    (sqlite:///FILE or postgresql://…) or standard output. `protected` are the input
    files: never overwritten, and a database records their content hashes.
    `quiet`: standard output gets the data and stderr nothing (no summaries, no notes)."""
    protected = protected or set()
    if section:
        output = _only(output, section)
    if target is not None and is_database(str(target)):
        from salescli.output.database import write_database

        write_database(output, str(target), sorted(protected))
        return []
    if target is None or str(target) == "-":
        _to_stdout(output, fmt, lang, stdout or sys.stdout, quiet)
        return []
    folder = str(target).endswith(("/", "\\"))
    target = Path(target)
    if folder or target.is_dir():
        return _to_folder(output, target, fmt or "csv", protected, bom)
    fmt = fmt or target.suffix.lower().lstrip(".")
    if fmt not in FORMATS or fmt == "table":
        raise UsageError(
            f"cannot tell the output format of {target}",
            hint="use .xlsx .csv .json .jsonl .parquet .html or .md, or --format",
        )
    if fmt == "html":
        from salescli.output.html import write_html

        produce = _bound(write_html, output, lang, template_dir)
        return [atomic_write(target, produce, protected)]
    if fmt == "xlsx":
        from salescli.output.xlsx import write_xlsx

        return [atomic_write(target, _bound(write_xlsx, output, lang), protected)]
    if fmt == "md":
        return [atomic_write(target, _bound(_write_md, output, lang), protected)]
    if fmt == "json":
        return [atomic_write(target, _bound(_write_json_all, output), protected)]
    return _one_file_per_table(output, target, fmt, protected, bom)


def is_database(target: str) -> bool:
    return target.lower().startswith(("sqlite:", "postgresql:", "postgres:"))


def _bound(function: Callable[..., None], *args: Any) -> Callable[[Path], None]:
    return lambda path: function(path, *args)


def _only(output: Output, section: str) -> Output:
    names = [t.name for t in output.tables]
    if section not in names:
        raise UsageError(f"no section {section!r}", hint=f"sections: {', '.join(names)}")
    return Output(
        output.title,
        [output.table(section)],
        [],
        output.title_zh,
        output.notes,
        output.command,
        output.period,
    )


def _one_file_per_table(
    output: Output, target: Path, fmt: str, protected: set[Path], bom: bool
) -> list[Path]:
    """The first table goes to the path asked for; any others beside it as STEM.NAME.EXT."""
    written = []
    for index, table in enumerate(output.tables):
        path = (
            target if index == 0 else target.with_name(f"{target.stem}.{table.name}{target.suffix}")
        )
        frame = machine_frame(table, output)
        written.append(atomic_write(path, _bound(_WRITERS[fmt], frame, bom), protected))
    return written


def _to_folder(
    output: Output, folder: Path, fmt: str, protected: set[Path], bom: bool = True
) -> list[Path]:
    if fmt not in FOLDER_FORMATS:
        raise UsageError(
            f"a folder output takes --format {'|'.join(FOLDER_FORMATS)}, not {fmt}",
            hint="or give a file name such as report.xlsx",
        )
    names = unique_names([t.name for t in output.tables], safe_filename)
    return [
        atomic_write(
            folder / f"{name}.{fmt}",
            _bound(_WRITERS[fmt], machine_frame(table, output), bom),
            protected,
        )
        for name, table in zip(names, output.tables, strict=True)
    ]


def _to_stdout(
    output: Output, fmt: str | None, lang: str, stream: IO[str], quiet: bool = False
) -> None:
    fmt = fmt or ("table" if stream.isatty() else "csv")
    if fmt not in ("table", "csv", "json", "jsonl", "md"):
        raise UsageError(f"--format {fmt} needs -o FILE", hint="e.g. -o out.xlsx")
    if fmt == "table":
        from salescli.output.terminal import print_tables

        if quiet:  # the summaries go to stderr: -q keeps only the data
            output = Output(output.title, [t for t in output.tables if not t.aside])
        print_tables(output, lang, stream, TERMINAL_ROWS)
        return
    table = output.tables[0]
    if fmt == "csv":
        _csv_frame(machine_frame(table, output)).to_csv(stream, index=False, lineterminator="\n")
    elif fmt == "json":
        json.dump(records(machine_frame(table, output)), stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    elif fmt == "jsonl":
        _write_jsonl_stream(machine_frame(table, output), stream)
    else:
        stream.write(_markdown(Output(output.title, [table]), lang))
    if quiet:
        return
    asides = [t for t in output.tables[1:] if t.aside]
    if asides and sys.stderr.isatty():  # summaries follow on stderr, for a person only
        # (without a terminal they would only clutter a log: they are in the output's tables)
        from salescli.output.terminal import print_tables

        print_tables(Output(output.title, asides), lang, sys.stderr, TERMINAL_ROWS)
    rest = [t.name for t in output.tables[1:] if not t.aside]
    if rest and not stream.isatty():
        print(
            f"note: stdout holds the {table.name} table; also available with --section: "
            f"{', '.join(rest)}",
            file=sys.stderr,
        )


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d")
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out


def _write_csv(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    _csv_frame(frame).to_csv(path, index=False, encoding=encoding, lineterminator="\n")


def _write_parquet(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    """Typed as declared: an empty table keeps its column types, dates are date32."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(str(c), arrow_type(frame[c])) for c in frame.columns])
    pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), path)


def arrow_type(series: pd.Series):
    """The Arrow type of a column of a machine frame (see tables.machine_frame)."""
    import pyarrow as pa

    if isinstance(series.dtype, pd.StringDtype):
        return pa.string()
    if isinstance(series.dtype, pd.BooleanDtype) or pd.api.types.is_bool_dtype(series):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(series):
        return pa.int64()
    if pd.api.types.is_float_dtype(series):
        return pa.float64()
    if pd.api.types.is_datetime64_any_dtype(series):
        return pa.timestamp("ms")
    if series.dtype == object and series.map(lambda v: v is None or isinstance(v, date)).all():
        return pa.date32()
    return pa.string()


def _write_jsonl(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        _write_jsonl_stream(frame, stream)


def _write_jsonl_stream(frame: pd.DataFrame, stream: IO[str]) -> None:
    for record in records(frame):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_json_one(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        json.dump(records(frame), stream, ensure_ascii=False, indent=1)
        stream.write("\n")


def _write_json_all(path: Path, output: Output) -> None:
    data = {t.name: records(machine_frame(t, output)) for t in output.tables}
    if len(output.tables) == 1:
        data = records(machine_frame(output.tables[0], output))  # type: ignore[assignment]
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        json.dump(data, stream, ensure_ascii=False, indent=1)
        stream.write("\n")


def _write_md(path: Path, output: Output, lang: str) -> None:
    path.write_text(_markdown(output, lang), encoding="utf-8")


def _markdown(output: Output, lang: str) -> str:
    parts = [f"# {output.heading(lang)}\n"]
    for table in output.tables:
        frame = display_frame(table, lang)
        parts.append(
            f"## {table.heading(lang)}\n\n{frame.to_markdown(index=False, disable_numparse=True)}\n"
        )
    notes = output.note_lines(lang)
    if notes:
        parts.append(f"## {'说明' if lang == 'zh' else 'Notes'}\n")
        parts += [f"- {note}" for note in notes]
    return "\n".join(parts) + "\n"


_WRITERS: dict[str, Callable[[Path, pd.DataFrame, bool], None]] = {
    "csv": _write_csv,
    "parquet": _write_parquet,
    "jsonl": _write_jsonl,
    "json": _write_json_one,
}


def plain(value: Any) -> Any:
    """A cell as a JSON-ready Python value: NaN and NaT become None, dates ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return plain(value.item())
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    return [
        {c: plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def display_cells(table: Table, lang: str) -> list[list[str]]:
    """The table's cells as people read them, row by row, each formatted by its kind."""
    columns = [
        [
            translate(shown(v, k, lang), lang) if k == "text" else shown(v, k, lang)
            for v, k in zip(table.frame[c].tolist(), table.cell_kinds(c), strict=True)
        ]
        for c in table.frame.columns
    ]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def numeric_columns(table: Table) -> list[bool]:
    """Which columns are figures (right-aligned)."""
    return [table.kind(str(c)) in (*NUMERIC, "row") for c in table.frame.columns]


def display_frame(table: Table, lang: str) -> pd.DataFrame:
    headers = unique_names([label(str(c), lang) for c in table.frame.columns], str)
    return pd.DataFrame(display_cells(table, lang), columns=headers)
