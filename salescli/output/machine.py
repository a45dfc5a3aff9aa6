"""The machine formats: csv, json, jsonl and parquet, each table as its machine frame (see
tables.machine_frame): declared columns and types, the period in every row."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import IO, Any

import pandas as pd

from salescli.output.cells import records
from salescli.output.model import Output
from salescli.output.safe import neutralise
from salescli.output.tables import machine_frame


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d")
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out


def write_csv(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    _csv_frame(frame).to_csv(path, index=False, encoding=encoding, lineterminator="\n")


def print_csv(stream: IO[str], output: Output, lang: str = "en") -> None:
    """The output's first table as CSV on a stream (no BOM)."""
    frame = machine_frame(output.tables[0], output)
    _csv_frame(frame).to_csv(stream, index=False, lineterminator="\n")


def write_parquet(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
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


def write_jsonl(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        _jsonl_lines(frame, stream)


def print_jsonl(stream: IO[str], output: Output, lang: str = "en") -> None:
    """The output's first table as JSON lines on a stream."""
    _jsonl_lines(machine_frame(output.tables[0], output), stream)


def _jsonl_lines(frame: pd.DataFrame, stream: IO[str]) -> None:
    for record in records(frame):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_json_table(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    """One table as a JSON list of records (a folder output's file)."""
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        _dump(records(frame), stream)


def write_json(path: Path, output: Output) -> None:
    """A whole output in one JSON file: {table: records}, or the records of its only table."""
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        _dump(_json_data(output), stream)


def print_json(stream: IO[str], output: Output, lang: str = "en") -> None:
    """The output's first table as a JSON list of records on a stream."""
    _dump(records(machine_frame(output.tables[0], output)), stream)


def _json_data(output: Output) -> Any:
    if len(output.tables) == 1:
        return records(machine_frame(output.tables[0], output))
    return {t.name: records(machine_frame(t, output)) for t in output.tables}


def _dump(data: Any, stream: IO[str]) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
