"""A table read from a source is recorded where input files are (issue #27): salescli_runs'
`inputs`, run.json's jobs and the notes of every output for people name the source by its
masked address, its table, the rows fetched and their SHA-256; no output holds a password."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.sources import fingerprint
from salescli.data.workspace import Workspace
from tests.data.test_sources import DATES
from tests.helpers import ORDER_HEADER, order_row, run, set_settings, write_csv
from tests.postgres import READER, SERVER_LOGS, postgres_server, postgres_url  # noqa: F401

SECRET = "horse-Battery-st4ple"
ROWS = [
    order_row("SO1", "2024-04-03", "C1", 100),
    order_row("SO2", "2024-04-09", "C2", 40, rep="李四"),
    order_row("SO3", "2024-05-03", "C1", 200.25),
    order_row("SO4", "2024-05-20", "C2", 50.5, rep="李四"),
    order_row("SO5", "2024-07-02", "C2", 70, rep="王五"),  # after May
]


def _lines(rows: list[list[object]] = ROWS) -> pd.DataFrame:
    lines = pd.DataFrame(rows, columns=ORDER_HEADER)
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column]).dt.date
    return lines


def _targets(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *([r, "2024-05", 300] for r in ("张三", "李四"))],
    )


def _postgres_lines(url: str, lines: pd.DataFrame, reader: str | None = READER) -> None:
    """The lines in erp.order_lines, readable by the role `reader` (that logs in with a
    password) where one is given."""
    import psycopg

    numbers = ("数量", "单价", "金额", "成本")
    types = {
        c: "date" if c in DATES else "double precision" if c in numbers else "text" for c in lines
    }
    columns = ", ".join(f'"{c}" {t}' for c, t in types.items())
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE SCHEMA erp")
        db.execute(f"CREATE TABLE erp.order_lines ({columns})")
        with db.cursor().copy("COPY erp.order_lines FROM STDIN") as copy:
            for row in lines.itertuples(index=False):
                copy.write_row([None if pd.isna(v) else v for v in row])
        if reader is not None:
            db.execute(f"GRANT USAGE ON SCHEMA erp TO {reader}")
            db.execute(f"GRANT SELECT ON erp.order_lines TO {reader}")


def _postgres_workspace(folder: Path, url: str, **setting: str) -> None:
    """A workspace with targets whose orders are the PostgreSQL lines of `url`: its table
    erp.order_lines, or the `query` given."""
    _targets(folder)
    named = setting or {"table": '"erp.order_lines"'}
    set_settings(folder / "salescli.toml", "inputs.orders", source=f'"{url}"', **named)


def _readable(path: Path) -> bytes:
    """A file's bytes, and for a zip (xlsx) every member's bytes uncompressed."""
    data = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data += b"".join(archive.read(name) for name in archive.namelist())
    return data


@pytest.mark.parametrize("given", ["PGPASSWORD", "password_command"])
def test_the_run_record_and_every_output_name_the_source_masked_and_no_password(
    given: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    postgres_server: str,  # noqa: F811
    postgres_url: str,  # noqa: F811
) -> None:
    import psycopg

    if postgres_server not in SERVER_LOGS:
        pytest.skip("a server of your own: its logins are not known")
    with psycopg.connect(postgres_server, autocommit=True) as db:
        db.execute(f"DROP ROLE IF EXISTS {READER}")
        db.execute(f"CREATE ROLE {READER} LOGIN PASSWORD '{SECRET}'")
    _postgres_lines(postgres_url, _lines())
    address = postgres_url.replace("postgres@", f"{READER}@", 1)
    folder = tmp_path / "ws"
    _targets(folder)
    settings = {"source": f'"{address}"', "table": '"erp.order_lines"'}
    if given == "PGPASSWORD":
        monkeypatch.setenv("PGPASSWORD", SECRET)
    else:
        monkeypatch.delenv("PGPASSWORD", raising=False)
        script = tmp_path / "password.sh"
        script.write_text(f"#!/bin/sh\necho {SECRET}\n")
        script.chmod(0o755)
        settings["password_command"] = f'"{script}"'
    set_settings(folder / "salescli.toml", "inputs.orders", **settings)

    out = tmp_path / "out"
    out.mkdir()
    database = out / "history.db"
    targets = [f"sqlite:///{database}"]
    targets += [str(out / f"appraisal.{fmt}") for fmt in ("xlsx", "html", "md", "json", "csv")]
    targets += [str(out / "parquet") + "/"]
    for target in targets:
        done = run("-v", "-w", str(folder), "appraise", "--month", "2024-05", "-o", target)
        assert done.exit_code == 0, done.stderr
        assert SECRET not in done.stdout + done.stderr

    with sqlite3.connect(database) as db:
        (inputs,) = db.execute("SELECT inputs FROM salescli_runs").fetchone()
    files = [i for i in json.loads(inputs) if "file" in i]
    (recorded,) = [i for i in json.loads(inputs) if "file" not in i]
    assert [Path(f["file"]).name for f in files] == ["targets.csv"]
    assert recorded == {
        "input": "orders",
        "source": address,
        "table": "erp.order_lines",
        "rows": 4,  # April and May: SO5, of June, is left in the source
        "since": "2022-01-01",  # the first day May's figures read whole (sources.first_day_read)
        "until": "2024-05-31",
        "sha256": recorded["sha256"],
    }
    assert len(recorded["sha256"]) == 64
    shown = f"orders: 4 rows fetched from {address} erp.order_lines (SHA-256 {recorded['sha256']})"
    for name in ("appraisal.xlsx", "appraisal.html", "appraisal.md"):
        text = _readable(out / name).decode(errors="replace")
        said = shown if name.endswith(".md") else html.escape(shown, quote=False)  # XML: &amp;
        assert said in text, name
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) >= 7
    for path in written:
        assert SECRET.encode() not in _readable(path), path


def test_a_fingerprint_is_of_the_rows_in_the_order_they_are_read(tmp_path: Path) -> None:
    """A DuckDB file's rows are read in the file's order, and that order can decide a figure
    (an order's first line holds its total and category; a line without an order number is
    the order above's): the same rows stored in another order give another SHA-256, the same
    file the same SHA-256 each time, one amount changed another."""
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    _targets(folder)
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
    )

    def fetched(lines: pd.DataFrame) -> str:
        (folder / "sales.duckdb").unlink(missing_ok=True)
        with duckdb.connect(str(folder / "sales.duckdb")) as db:
            db.register("lines", lines)
            db.execute("CREATE TABLE order_lines AS SELECT * FROM lines")
        workspace = Workspace(folder)
        workspace.read("orders")
        return workspace.fetched["orders"].fingerprint

    first = fetched(_lines())
    assert fetched(_lines()) == first
    assert fetched(_lines(ROWS[::-1])) != first
    assert fetched(_lines([*ROWS[:4], order_row("SO5", "2024-07-02", "C2", 71, rep="王五")])) != (
        first
    )


def test_a_lake_s_fingerprint_is_the_same_from_fetch_to_fetch(tmp_path: Path) -> None:
    """A month-partitioned folder of files of many row groups, which DuckDB's threads scan
    side by side: its rows come in the files' order every time, so the fingerprint `run`
    compares is the same from one fetch to the next (or every job would be redone)."""
    pytest.importorskip("duckdb")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from salescli.data import sources
    from salescli.periods import month

    folder = tmp_path / "ws"
    _targets(folder)
    for m in (3, 4, 5):
        rows = [
            order_row(f"SO{m}-{i}", f"2024-0{m}-{1 + i % 28:02d}", f"C{i % 97}", i % 500 + 0.25)
            for i in range(12_000)
        ]
        part = folder / "orders" / f"month=2024-0{m}"
        part.mkdir(parents=True)
        pq.write_table(
            pa.Table.from_pandas(_lines(rows)), part / "part-0.parquet", row_group_size=500
        )
    set_settings(folder / "salescli.toml", "inputs.orders", source='"orders"')

    def fetched() -> str:
        workspace = Workspace(folder)
        sources.need(workspace, month(2024, 5))
        workspace.read("orders")
        assert workspace.fetched["orders"].rows == 36_000
        return workspace.fetched["orders"].fingerprint

    assert len({fetched() for _ in range(4)}) == 1


def test_a_postgresql_source_s_fingerprint_does_not_depend_on_how_the_server_stores_the_rows(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """PostgreSQL gives a table's rows in no set order; they are read sorted by their columns,
    so the same rows stored in another order are the same rows read, and the same SHA-256."""
    import psycopg

    folder = tmp_path / "ws"
    _postgres_workspace(folder, postgres_url)

    def fetched(lines: pd.DataFrame) -> str:
        with psycopg.connect(postgres_url, autocommit=True) as db:
            db.execute("DROP SCHEMA IF EXISTS erp CASCADE")
            if db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [READER]).fetchone() is None:
                db.execute(f"CREATE ROLE {READER}")  # `_postgres_lines` grants it the table
        _postgres_lines(postgres_url, lines)
        workspace = Workspace(folder)
        workspace.read("orders")
        return workspace.fetched["orders"].fingerprint

    first = fetched(_lines())
    assert fetched(_lines(ROWS[::-1])) == first
    assert fetched(_lines([*ROWS[:4], order_row("SO5", "2024-07-02", "C2", 71, rep="王五")])) != (
        first
    )


def test_fingerprint_is_the_sha256_of_the_rows_column_after_column() -> None:
    """What the SHA-256 is of, as the docstring says, computed the plain way: the rows in the
    order given, each column written whole as an IPC stream of its own, one after the other,
    a dictionary column as its values, text as large_string whatever width its offsets have
    (DuckDB gives large_string, PostgreSQL string), a column with empty cells as the bits of
    which are empty then its values with '' (0, …) in them. How the rows came in chunks does
    not change it; their order does."""
    import hashlib

    import numpy as np
    import pyarrow as pa

    names = ["甲公司", "乙公司", None, "丙公司", "甲公司"] * 400
    chunks = [
        pa.table({"customer": names[i : i + 700], "amount": np.arange(i, min(i + 700, 2000)) / 7})
        for i in range(0, 2000, 700)
    ]
    table = pa.concat_tables(chunks)
    table = table.append_column("rep", pa.array(["张三", "李四"] * 1000).dictionary_encode())
    plain = table.set_column(2, "rep", table.column("rep").cast(pa.large_string()))
    plain = plain.set_column(0, "customer", plain.column("customer").cast(pa.large_string()))
    plain = plain.combine_chunks()
    narrow = plain.set_column(2, "rep", plain.column("rep").cast(pa.string()))
    expected = hashlib.sha256()
    for name in plain.column_names:
        sink = pa.BufferOutputStream()
        one = plain.select([name])
        if one.column(0).null_count:
            expected.update(np.packbits(np.array(one.column(0).is_null())).tobytes())
            one = pa.table({name: one.column(0).fill_null("")})
        with pa.ipc.new_stream(sink, one.schema) as writer:
            writer.write_table(one)
        expected.update(sink.getvalue().to_pybytes())
    assert fingerprint(table) == expected.hexdigest()
    assert fingerprint(plain) == expected.hexdigest()
    assert fingerprint(narrow) == expected.hexdigest()
    assert fingerprint(table.take(pa.array(np.arange(2000)[::-1]))) != expected.hexdigest()
    changed = plain.set_column(1, "amount", pa.array(np.arange(2000) / 7 + (np.arange(2000) == 5)))
    assert fingerprint(changed) != expected.hexdigest()


def test_a_fingerprint_reads_no_byte_under_an_empty_cell() -> None:
    """What memory holds under an empty cell is no value: DuckDB leaves there whatever was,
    and the same rows fetched twice hashed apart (a CI run's fetch to fetch test, under
    load), so `run` would redo every job. Equal columns hash alike; a blank and an empty
    cell do not."""
    import numpy as np
    import pyarrow as pa

    valid = pa.py_buffer(np.packbits([1, 0, 1], bitorder="little").tobytes())

    def under(value: float, text: bytes) -> pa.Table:
        amounts = pa.py_buffer(np.array([1.5, value, 3.0]).tobytes())
        offsets = pa.py_buffer(np.array([0, 1, 1 + len(text), 2 + len(text)], np.int64).tobytes())
        names = pa.py_buffer(b"a" + text + b"c")
        return pa.table(
            {
                "amount": pa.Array.from_buffers(pa.float64(), 3, [valid, amounts]),
                "name": pa.Array.from_buffers(pa.large_string(), 3, [valid, offsets, names]),
            }
        )

    one, other = under(7.0, b""), under(9.0, b"left over")
    assert one.equals(other) and one.column("name").to_pylist() == ["a", None, "c"]
    assert fingerprint(one) == fingerprint(other)
    blank = pa.table(
        {"amount": [1.5, 0.0, 3.0], "name": pa.array(["a", "", "c"], pa.large_string())}
    )
    assert fingerprint(blank) != fingerprint(one)


def test_run_redoes_a_job_when_the_source_rows_change_and_records_the_source(
    tmp_path: Path,
) -> None:
    """`run`'s inputs fingerprint holds each source's rows: a job done is skipped while
    they are unchanged and redone (with --since) once a line changes; run.json lists what
    the source gave each job."""
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    _targets(folder)
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.register("lines", _lines())
        db.execute("CREATE TABLE order_lines AS SELECT * FROM lines")
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
    )
    jobs = ["weekly_report", "monthly_report", "visit_audit", "visit_plan", "classify"]
    jobs += ["quarterly_appraisal", "quarterly_report", "yearly_appraisal"]
    set_settings(
        folder / "salescli.toml",
        "run",
        monthly_appraisal="true",
        table_formats='["json"]',
        **dict.fromkeys(jobs, "false"),
    )
    asked = ["-w", str(folder), "--today", "2024-06-03", "run"]
    done = run(*asked)
    assert done.exit_code == 0, done.stderr
    record = json.loads((folder / ".salescli" / "run.json").read_text(encoding="utf-8"))
    (job,) = record["done"].values()
    (source,) = job["sources"]
    assert source["source"] == str(folder / "sales.duckdb")
    assert (source["table"], source["rows"], source["until"]) == ("order_lines", 4, "2024-05-31")

    again = run("-v", *asked, "--since", "2024-06-03")
    assert "already done on 2024-06-03, inputs unchanged" in again.stderr
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.execute('UPDATE order_lines SET "金额" = 250 WHERE "订单编号" = \'SO3\'')
    redone = run("-v", *asked, "--since", "2024-06-03")
    assert redone.exit_code == 0, redone.stderr
    assert "inputs unchanged" not in redone.stderr
    updated = json.loads((folder / ".salescli" / "run.json").read_text(encoding="utf-8"))
    assert (*updated["done"].values(),)[0]["sources"][0]["sha256"] != source["sha256"]
