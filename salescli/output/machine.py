"""The machine formats: csv, json, jsonl and parquet, each table as its machine frame (see
tables.machine_frame): declared columns and types, the period in every row."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import IO, Any

import numpy as np
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
        elif _scientific(series):  # after the neutralising: -0.00001 is a number, not a formula
            out[column] = series.map(lambda v: None if v != v else plain_decimal(v))
    return out


def plain_decimal(value: float) -> str:
    """A float as a plain decimal, never in scientific notation: 0.000012 (Python writes
    1.2e-05), 1e16 as 10000000000000000.0; as many digits as tell the float apart."""
    return np.format_float_positional(value, trim="0")


def _scientific(series: pd.Series) -> bool:
    """Whether Python would write some number of a float column in scientific notation."""
    if not pd.api.types.is_float_dtype(series):
        return False
    size = series.abs()
    return bool(((size > 0) & (size < 1e-4)).any() or (size >= 1e16).any())


class _PlainDecimals(json.JSONEncoder):
    """JSON whose floats are plain decimals (see plain_decimal); every other float is written
    as json writes it, so files without a small number are byte for byte as before."""

    def iterencode(self, o: Any, _one_shot: bool = False) -> Any:
        strings = json.encoder
        encode = strings.encode_basestring_ascii if self.ensure_ascii else strings.encode_basestring

        def floatstr(value: float) -> str:
            text = float.__repr__(value)
            return plain_decimal(value) if "e" in text and math.isfinite(value) else text

        make = getattr(json.encoder, "_make_iterencode")  # noqa: B009 (private to json)
        markers: dict | None = {} if self.check_circular else None
        iterencode = make(
            markers, self.default, encode, self.indent, floatstr, self.key_separator,
            self.item_separator, self.sort_keys, self.skipkeys, _one_shot,
        )  # fmt: skip
        return iterencode(o, 0)


def _encoder(frames: list[pd.DataFrame]) -> type[json.JSONEncoder] | None:
    """The plain decimals' encoder when a frame holds a number Python writes 1e-05, else the
    standard one (the C encoder, for speed)."""
    if any(_scientific(f[c]) for f in frames for c in f.columns):
        return _PlainDecimals
    return None


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
    encoder = _encoder([frame])
    for record in records(frame):
        stream.write(json.dumps(record, ensure_ascii=False, cls=encoder) + "\n")


def write_json_table(path: Path, frame: pd.DataFrame, bom: bool = True) -> None:
    """One table as a JSON list of records (a folder output's file)."""
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        _dump(records(frame), stream, [frame])


def write_json(path: Path, output: Output) -> None:
    """A whole output in one JSON file: {table: records}, or the records of its only table."""
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        data, frames = _json_data(output)
        _dump(data, stream, frames)


def print_json(stream: IO[str], output: Output, lang: str = "en") -> None:
    """The output's first table as a JSON list of records on a stream."""
    frame = machine_frame(output.tables[0], output)
    _dump(records(frame), stream, [frame])


def _json_data(output: Output) -> tuple[Any, list[pd.DataFrame]]:
    frames = [machine_frame(t, output) for t in output.tables]
    if len(frames) == 1:
        return records(frames[0]), frames
    return {t.name: records(f) for t, f in zip(output.tables, frames, strict=True)}, frames


def _dump(data: Any, stream: IO[str], frames: list[pd.DataFrame]) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=1, cls=_encoder(frames))
    stream.write("\n")
