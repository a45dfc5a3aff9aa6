"""Tables read from a database or a data lake (`[inputs.NAME] source`): the demo's orders in a
real PostgreSQL 15 server, a hive-partitioned Parquet folder and a Delta table, each giving the
figures the demo's files give, with the period pushed into the query."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.workspace import Workspace
from tests.helpers import ONE_BAD_AMOUNT, ORDER_HEADER, order_row, run, set_settings, write_csv
from tests.postgres import READER, SERVER_LOGS, postgres_server, postgres_url  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
DATES = ["下单日期", "约定交货日期", "实际交货日期"]
NUMBERS = ["数量", "单价", "金额", "成本"]


@pytest.fixture(scope="module")
def demo_lines() -> pd.DataFrame:
    """The demo's order lines as a database holds them: typed columns under the export's
    headers, without the exports' title and total rows."""
    frames = [
        pd.read_excel(
            DEMO / name, header=2, dtype={"订单编号": str, "客户编号": str}, engine="calamine"
        )
        for name in ("orders-2023.xlsx", "orders-2024.xlsx")
    ]
    lines = pd.concat(frames, ignore_index=True)
    lines = lines[lines["订单编号"] != "合计"].reset_index(drop=True)
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column]).dt.date
    for column in NUMBERS:
        lines[column] = pd.to_numeric(lines[column]).astype(float)
    return lines


def _load_postgres(
    url: str,
    lines: pd.DataFrame,
    table: str = "sales_order_lines",
    number: str = "double precision",
) -> None:
    import psycopg

    types = {c: "date" if c in DATES else number if c in NUMBERS else "text" for c in lines}
    columns = ", ".join(f'"{c}" {t}' for c, t in types.items())
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE SCHEMA erp")
        db.execute(f"CREATE TABLE erp.{table} ({columns})")
        names = ", ".join(f'"{c}"' for c in lines)
        with db.cursor().copy(f"COPY erp.{table} ({names}) FROM STDIN") as copy:
            for row in lines.itertuples(index=False):
                copy.write_row([None if pd.isna(v) else v for v in row])


def _workspace_without_orders(folder: Path) -> Path:
    shutil.copytree(DEMO, folder)
    for name in ("orders-2023.xlsx", "orders-2024.xlsx"):
        (folder / name).unlink()
    return folder


def _source(folder: Path, source: str, **more: str) -> None:
    set_settings(folder / "salescli.toml", "inputs.orders", source=f'"{source}"', **more)


COMMANDS = [
    ["appraise", "--month", "2024-05"],
    ["classify", "--quarter", "2024Q2"],
    ["report", "--month", "2024-05"],
]


def _outputs(folder: Path, out: Path) -> dict[str, bytes]:
    """Each command's JSON output (an xlsx's notes name the files read, so they differ)."""
    out.mkdir()
    written = {}
    for command in COMMANDS:
        target = out / f"{command[0]}.json"
        done = run("--no-cache", "-w", str(folder), *command, "-o", str(target))
        assert done.exit_code == 0, done.stderr
        written[target.name] = target.read_bytes()
    return written


@pytest.fixture(scope="module")
def demo_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _outputs(DEMO, tmp_path_factory.mktemp("files") / "out")


# numeric: the driver gives its text, read as a decimal (as warehouses type money)
@pytest.mark.parametrize("number", ["double precision", "numeric"])
def test_the_demo_in_postgresql_gives_the_files_figures_with_the_window_in_the_query(
    number: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
    postgres_server: str,  # noqa: F811
    demo_lines: pd.DataFrame,
    demo_outputs: dict[str, bytes],
) -> None:
    _load_postgres(postgres_url, demo_lines, number=number)
    folder = _workspace_without_orders(tmp_path / "ws")
    _source(folder, postgres_url, table='"erp.sales_order_lines"')
    assert _outputs(folder, tmp_path / "out") == demo_outputs

    log = SERVER_LOGS.get(postgres_server)
    if log is not None:  # the server's statement log holds the pushed-down window
        logged = log.read_text(errors="replace")
        window = "WHERE \"下单日期\" >= DATE '2022-01-01' AND \"下单日期\" <= DATE '2024-05-31'"
        assert f'FROM "erp"."sales_order_lines" {window}' in logged
        assert "\"下单日期\" <= DATE '2024-06-30'" in logged  # classify's quarter
    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]
    in_window = int((pd.to_datetime(demo_lines["下单日期"]) <= "2024-05-31").sum())
    # the window's lines alone: no figure of May reads a later line, and no order of the
    # window has a later one (#27: the month fetches no more than its window's rows)
    assert fetched.rows == in_window
    assert (fetched.first, fetched.last) == (date(2023, 1, 1), date(2024, 12, 31))


def test_a_bad_value_is_reported_by_table_and_key(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    import psycopg

    lines = pd.DataFrame(ONE_BAD_AMOUNT)
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            'CREATE TABLE lines ("订单编号" text, "产品型号" text, "下单日期" date, '
            '"客户编号" text, "销售代表" text, "金额" text)'
        )
        with db.cursor().copy("COPY lines FROM STDIN") as copy:
            for row in lines.itertuples(index=False):
                copy.write_row(list(row))
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, postgres_url, table='"lines"')
    done = run("-w", str(folder), "check", "--table", "orders")
    # the line's key (order_id, product_model) where a file would say its sheet and row
    assert '"lines (order_id SO2, product_model YE3-200)",,,amount,12O.5' in done.stdout
    assert done.exit_code == 65
    assert "12O.5" in done.stdout


@pytest.mark.parametrize("given", ["password_command", "PGPASSWORD"])
def test_a_wrong_password_exits_77_and_prints_no_password(
    given: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    postgres_server: str,  # noqa: F811
) -> None:
    import psycopg

    if postgres_server not in SERVER_LOGS:
        pytest.skip("a server of your own: its logins are not known")
    with psycopg.connect(postgres_server, autocommit=True) as db:
        db.execute(f"DROP ROLE IF EXISTS {READER}")
        db.execute(f"CREATE ROLE {READER} LOGIN PASSWORD 'right-horse-battery'")
    url = postgres_server.replace("postgres@", f"{READER}@", 1)
    folder = tmp_path / "ws"
    folder.mkdir()
    secret = "wrong-horse-S3cret"
    if given == "PGPASSWORD":
        monkeypatch.setenv("PGPASSWORD", secret)
        _source(folder, url, table='"lines"')
    else:
        monkeypatch.delenv("PGPASSWORD", raising=False)
        script = tmp_path / "password.sh"
        script.write_text(f"#!/bin/sh\necho {secret}\n")
        script.chmod(0o755)
        _source(folder, url, table='"lines"', password_command=f'"{script}"')
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 77, done.stderr
    assert "refused the login" in done.stderr
    assert secret not in done.stderr + done.stdout


def test_postgresql_columns_are_typed_as_psycopgs_values_were(
    postgres_url: str,  # noqa: F811
) -> None:
    """The rows come as Arrow from the driver, typed as the Python values psycopg gave were
    (the figures stay byte for byte): exact decimals, a real's 1.1 and not float32's
    1.100000023841858, int64, dates, a zone's instants, NULLs."""
    import pyarrow as pa

    from salescli.config import InputSpec
    from salescli.data.sources import _PostgreSQL, parse

    query = (
        "SELECT n::numeric(18,2) AS money, free::numeric AS free, 1.1::real AS share, "
        "2::int2 AS small, 12345678901::int8 AS big, d::date AS day, "
        "TIMESTAMPTZ '2024-05-31 18:30+00' AS at, t AS name, NULL::numeric AS none, "
        "'{\"a\": 1}'::json AS doc, n::numeric::money AS cash, '<a/>'::xml AS page "
        "FROM (VALUES ('1234567890123456.78', '0.1', '2024-05-03', '张三'), "
        "('-0.05', '-100', NULL, NULL)) AS v(n, free, d, t)"
    )
    spec = InputSpec(source=postgres_url, query=query)
    reader = _PostgreSQL(parse("orders", spec, Path(".")), spec)
    try:
        table = reader.table(f"SELECT * FROM ({query}) AS source")
    finally:
        reader.close()
    from decimal import Decimal

    assert table.column("money").to_pylist() == [Decimal("1234567890123456.78"), Decimal("-0.05")]
    assert table.schema.field("money").type == pa.decimal128(18, 2)
    assert table.column("free").to_pylist() == [Decimal("0.1"), Decimal("-100.0")]
    assert table.column("share").to_pylist() == [1.1, 1.1]
    assert table.schema.field("small").type == pa.int64()
    assert table.column("big").to_pylist() == [12345678901] * 2
    assert table.column("day").to_pylist() == [date(2024, 5, 3), None]
    assert [a.timestamp() for a in table.column("at").to_pylist()] == [1717180200.0] * 2
    assert table.column("name").to_pylist() == ["张三", None]
    assert table.schema.field("none").type == pa.null()
    assert table.column("doc").to_pylist() == ['{"a": 1}'] * 2
    # money: the driver's count of cents, psycopg's text '$1,234,567,890,123,456.78'
    assert table.column("cash").to_pylist() == [Decimal("1234567890123456.78"), Decimal("-0.05")]
    assert table.column("page").to_pylist() == ["<a/>"] * 2


@pytest.mark.parametrize("kind", ["inet", "point", "timetz"])
def test_a_postgresql_type_given_only_as_binary_is_refused_naming_the_column(
    kind: str,
    postgres_url: str,  # noqa: F811
) -> None:
    from salescli.config import InputSpec
    from salescli.data.sources import _PostgreSQL, parse
    from salescli.errors import BadDataError

    value = {"inet": "10.0.0.1", "point": "(1,2)", "timetz": "10:00+08"}[kind]
    query = f"SELECT 'SO1' AS order_no, '{value}'::{kind} AS place"
    spec = InputSpec(source=postgres_url, query=query)
    reader = _PostgreSQL(parse("orders", spec, Path(".")), spec)
    try:
        with pytest.raises(BadDataError) as refused:
            reader.table(query)
    finally:
        reader.close()
    assert refused.value.column == "place"
    assert refused.value.file == f"{postgres_url} (query)"
    assert f"PostgreSQL gives a {kind} only in its binary form" in str(refused.value)
    assert "cast the column to text in a query" in str(refused.value.hint)


@pytest.mark.parametrize(
    ("value", "kind"), [("NaN", "numeric"), ("Infinity", "numeric"), ("NaN", "numeric(18,2)")]
)
def test_a_numeric_that_is_no_number_is_refused_naming_the_column_and_value(
    value: str,
    kind: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            'CREATE TABLE lines ("订单编号" text, "产品型号" text, "下单日期" date, '
            f'"客户编号" text, "销售代表" text, "金额" {kind})'
        )
        db.execute(
            "INSERT INTO lines VALUES ('SO1', 'YE3-100', '2024-05-03', 'C1', '张三', 100), "
            f"('SO2', 'YE3-200', '2024-05-04', 'C2', '李四', '{value}')"
        )
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, postgres_url, table='"lines"')
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65, done.stderr
    # the table and the column (the value as the problems table writes it: NaN, inf)
    assert "orders,lines,,,金额," in done.stdout
    assert "not a number salescli can compute with" in done.stdout
    assert "leave such lines out, or cast the column" in done.stdout


def _customer_amounts(folder: Path) -> tuple[int, dict[str, float], str]:
    asked = ("classify", "--quarter", "2024Q2", "--format", "json")
    done = run("--no-cache", "-w", str(folder), *asked)
    if done.exit_code:
        return done.exit_code, {}, done.stderr
    found = {r["customer_id"]: r["amount"] for r in json.loads(done.stdout) if r["amount"]}
    return 0, found, done.stderr


def test_the_hints_for_a_numeric_that_is_no_number_each_give_a_right_run(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """A hint is a promise. `leave such lines out` in a query: the other lines' figures.
    `cast the column` (to text) in a query: the NaN is then a cell that is no number,
    refused again (65) naming it, never counted as 0 or as a figure."""
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            'CREATE TABLE lines ("订单编号" text, "产品型号" text, "下单日期" date, '
            '"客户编号" text, "销售代表" text, "金额" numeric)'
        )
        db.execute(
            "INSERT INTO lines VALUES ('SO1', 'YE3-100', '2024-05-03', 'C1', '张三', 100.5), "
            "('SO2', 'YE3-200', '2024-05-04', 'C2', '李四', 'NaN'), "
            "('SO3', 'YE3-200', '2024-05-06', 'C2', '李四', 40)"
        )
    left_out = tmp_path / "left_out"
    left_out.mkdir()
    query = """SELECT * FROM lines WHERE "金额" <> 'NaN'"""
    _source(left_out, postgres_url, query=json.dumps(query, ensure_ascii=False))
    assert _customer_amounts(left_out)[:2] == (0, {"C1": 100.5, "C2": 40.0})
    cast = tmp_path / "cast"
    cast.mkdir()
    columns = '"订单编号", "产品型号", "下单日期", "客户编号", "销售代表", "金额"::text AS "金额"'
    query = json.dumps(f"SELECT {columns} FROM lines", ensure_ascii=False)
    _source(cast, postgres_url, query=query)
    code, _, said = _customer_amounts(cast)
    assert code == 65, said
    assert "(order_id SO2" in said and "NaN" in said and "not a number" in said


def test_the_hint_for_a_type_given_only_as_binary_gives_a_right_run(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """`cast the column to text in a query`: the address column read as text beside the
    figures, which are those of the lines."""
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            'CREATE TABLE lines ("订单编号" text, "下单日期" date, "客户编号" text, '
            '"销售代表" text, "金额" numeric(12,2), "门店IP" inet)'
        )
        db.execute(
            "INSERT INTO lines VALUES ('SO1', '2024-05-03', 'C1', '张三', 100.50, '10.0.0.1'), "
            "('SO2', '2024-05-04', 'C2', '李四', 40, '10.0.0.2')"
        )
    refused = tmp_path / "refused"
    refused.mkdir()
    _source(refused, postgres_url, table='"lines"')
    code, _, said = _customer_amounts(refused)
    assert code == 65 and "cast the column to text in a query" in said, said
    cast = tmp_path / "cast"
    cast.mkdir()
    columns = '"订单编号", "下单日期", "客户编号", "销售代表", "金额", "门店IP"::text AS "门店IP"'
    query = json.dumps(f"SELECT {columns} FROM lines", ensure_ascii=False)
    _source(cast, postgres_url, query=query, ignore='["门店IP"]')
    assert _customer_amounts(cast)[:2] == (0, {"C1": 100.5, "C2": 40.0})


def test_a_pgpass_file_gives_the_password(
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
        db.execute(f"CREATE ROLE {READER} LOGIN PASSWORD 'pgpass-Horse-7'")
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute('CREATE TABLE lines ("订单编号" text, "下单日期" date, "金额" numeric)')
        db.execute(f"GRANT SELECT ON lines TO {READER}")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{READER}:pgpass-Horse-7\n")
    pgpass.chmod(0o600)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, postgres_url.replace("postgres@", f"{READER}@", 1), table='"lines"')
    done = run("-w", str(folder), "check", "--table", "orders")
    assert "refused the login" not in done.stderr
    assert "header row 1 has: 订单编号, 下单日期, 金额" in done.stdout  # the table was read
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 77, done.stderr


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ({"table": '"erp.nope"'}, 'relation "erp.nope" does not exist'),
        ({"query": '"select * from nope"'}, 'relation "nope" does not exist'),
    ],
)
def test_a_missing_postgresql_table_or_a_wrong_query_exits_66_with_the_servers_words(
    setting: dict[str, str],
    said: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, postgres_url, **setting)
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 66, done.stderr
    assert f"error: {postgres_url}" in done.stderr
    assert said in done.stderr
    assert "Query was" not in done.stderr  # the driver's copy of the statement
    assert "hint: check table (schema.table) or query in salescli.toml" in done.stderr


def _query_lines(folder: Path, kind: str, url: str | None = None) -> str:
    """The small workspace's lines in a table `lines` of a PostgreSQL, SQLite or DuckDB
    source; the source's address."""
    lines = _small_workspace(folder)
    (folder / "orders.csv").unlink()
    if kind == "postgresql":
        import psycopg

        assert url is not None
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("DROP TABLE IF EXISTS lines")
            db.execute(
                "CREATE TABLE lines (" + ", ".join(f'"{c}" text' for c in lines.columns) + ")"
            )
            with db.cursor().copy("COPY lines FROM STDIN") as copy:
                for row in lines.astype(object).where(lines.notna(), None).itertuples(False):
                    copy.write_row([None if v is None else str(v) for v in row])
        return url
    if kind == "sqlite":
        import sqlite3

        with sqlite3.connect(folder / "sales.db") as db:
            lines.astype({c: str for c in DATES}).to_sql("lines", db, index=False)
        return "sqlite:///sales.db"
    duckdb = pytest.importorskip("duckdb")
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.register("frame", lines)
        db.execute("CREATE TABLE lines AS SELECT * FROM frame")
    return "duckdb:///sales.duckdb"


@pytest.mark.parametrize("kind", ["postgresql", "sqlite", "duckdb"])
def test_a_query_that_does_not_parse_is_a_setting_to_correct_78_and_the_corrected_one_reads(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A query the source cannot parse is salescli.toml's mistake (78, bad configuration),
    not a table missing (66). The hint is followed: the corrected query's figures are the
    export's. A query written as a SQL prompt takes it, ending in `;`, is read as it is."""
    url = request.getfixturevalue("postgres_url") if kind == "postgresql" else None
    folder = tmp_path / "ws"
    expected = run("-w", str(_small_copy(tmp_path / "csv")), *MONTH)
    assert expected.exit_code == 0, expected.stderr
    source = _query_lines(folder, kind, url)
    _source(folder, source, query='"select * frm lines"')
    done = run("--no-cache", "-w", str(folder), *MONTH)
    assert done.exit_code == 78, done.stderr
    assert "the query does not parse" in done.stderr
    assert "syntax error" in done.stderr
    assert "hint: correct query in salescli.toml" in done.stderr
    assert done.stdout == ""
    _source(folder, source, query='"select * from lines"')
    corrected = run("--no-cache", "-w", str(folder), *MONTH)
    assert corrected.exit_code == 0, corrected.stderr
    assert corrected.stdout == expected.stdout
    _source(folder, source, query='"select * from lines ;\\n"')
    prompt = run("--no-cache", "-w", str(folder), *MONTH)
    assert prompt.exit_code == 0, prompt.stderr
    assert prompt.stdout == expected.stdout
    # a query ending in a comment does not comment out what salescli writes after it
    _source(folder, source, query='"select * from lines -- every line"')
    commented = run("--no-cache", "-w", str(folder), *MONTH)
    assert commented.exit_code == 0, commented.stderr
    assert commented.stdout == expected.stdout


MONTH = ("appraise", "--month", "2024-05", "--format", "json")


def _small_copy(folder: Path) -> Path:
    _small_workspace(folder)
    return folder


@pytest.mark.parametrize(
    ("address", "secret", "given"),
    [
        ("postgresql://r@/s?host=/run", None, "postgresql://r@/s?host=/run&connect_timeout=15"),
        (
            "postgresql://r@db/s",
            "p w&d",
            "postgresql://r@db/s?connect_timeout=15&password=p%20w%26d",
        ),
        (
            "postgres://r@db/s?connect_timeout=3",
            "x",
            "postgres://r@db/s?connect_timeout=3&password=x",
        ),
    ],
)
def test_libpq_is_given_the_commands_password_and_a_connect_timeout(
    address: str, secret: str | None, given: str
) -> None:
    from salescli.data.sources import _libpq_uri

    assert _libpq_uri(address, secret) == given


def test_a_password_in_the_uri_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, "postgresql://reader:Sup3rSecret@db.example/sales", table='"lines"')
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 78
    assert "Sup3rSecret" not in done.stderr + done.stdout
    assert "passwords never go in salescli.toml" in done.stderr


def test_an_unreachable_server_exits_73(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, f"postgresql://reader@/sales?host={tmp_path}&port=1", table='"lines"')
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 73, done.stderr
    assert "cannot connect" in done.stderr


def _partitioned(lines: pd.DataFrame, folder: Path) -> int:
    """The lines as a hive-partitioned Parquet folder, one partition a month; how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    months = pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m")
    for month, part in lines.groupby(months):
        target = folder / f"month={month}"
        target.mkdir(parents=True)
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), target / "part-0.parquet")
    return months.nunique()


def test_a_partitioned_parquet_folder_gives_the_files_figures_reading_only_its_months(
    tmp_path: Path, demo_lines: pd.DataFrame, demo_outputs: dict[str, bytes]
) -> None:
    pytest.importorskip("duckdb")
    folder = _workspace_without_orders(tmp_path / "ws")
    months = _partitioned(demo_lines, folder / "lake" / "orders")
    _source(folder, "lake/orders")
    assert _outputs(folder, tmp_path / "out") == demo_outputs
    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]
    assert (fetched.parts_read, fetched.parts_total) == (17, months) == (17, 24)


def test_a_delta_table_gives_the_files_figures(
    tmp_path: Path, demo_lines: pd.DataFrame, demo_outputs: dict[str, bytes]
) -> None:
    deltalake = pytest.importorskip("deltalake")
    pytest.importorskip("duckdb_extension_delta")
    folder = _workspace_without_orders(tmp_path / "ws")
    lines = demo_lines.assign(month=pd.to_datetime(demo_lines["下单日期"]).dt.strftime("%Y-%m"))
    deltalake.write_deltalake(str(folder / "orders_delta"), lines, partition_by=["month"])
    _source(folder, "delta://orders_delta")
    assert _outputs(folder, tmp_path / "out") == demo_outputs
    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]  # DuckDB's profile of the window's scan
    assert (fetched.parts_read, fetched.parts_total) == (17, 24)


def _small_workspace(folder: Path) -> pd.DataFrame:
    """Five order lines in orders.csv, with the targets an appraisal needs."""
    folder.mkdir()
    rows = [
        order_row("SO1", "2024-04-03", "C1", 100),
        order_row("SO2", "2024-04-09", "C2", 40, rep="李四"),
        order_row("SO3", "2024-05-03", "C1", 200.25),
        order_row("SO4", "2024-05-20", "C2", 50.5, rep="李四"),
        order_row("SO5", "2024-07-02", "C2", 70, rep="王五"),  # after the period
    ]
    write_csv(folder / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *([r, "2024-05", 300] for r in ("张三", "李四"))],
    )
    lines = pd.DataFrame(rows, columns=ORDER_HEADER)
    for column in ("下单日期", "约定交货日期", "实际交货日期"):
        lines[column] = pd.to_datetime(lines[column]).dt.date
    return lines


@pytest.mark.parametrize("kind", ["sqlite", "duckdb"])
def test_sqlite_and_duckdb_files_give_the_csv_figures(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "ws"
    lines = _small_workspace(folder)
    asked = ["-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"]
    from_csv = run(*asked)
    assert from_csv.exit_code == 0, from_csv.stderr
    (folder / "orders.csv").unlink()
    if kind == "sqlite":
        import sqlite3

        text = lines.astype({c: str for c in ("下单日期", "约定交货日期", "实际交货日期")})
        with sqlite3.connect(folder / "sales.db") as db:
            text.to_sql("order_lines", db, index=False)
    else:
        duckdb = pytest.importorskip("duckdb")
        with duckdb.connect(str(folder / "sales.duckdb")) as db:
            db.register("lines", lines)
            db.execute("CREATE TABLE order_lines AS SELECT * FROM lines")
    suffix = "db" if kind == "sqlite" else "duckdb"
    _source(folder, f"{kind}:///sales.{suffix}", table='"order_lines"')
    from_source = run(*asked)
    assert from_source.exit_code == 0, from_source.stderr
    assert from_source.stdout == from_csv.stdout
    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]
    # DuckDB's DATE column is windowed (SO5, after May, is left in the source: no figure of
    # May reads it); SQLite keeps dates as text: fetched whole
    assert fetched.pushed == (kind == "duckdb")
    assert fetched.rows == (4 if kind == "duckdb" else 5)


def test_an_unknown_column_of_a_source_is_fetched_and_judged_as_in_a_file(
    tmp_path: Path,
) -> None:
    """Only the mapped columns and the unknown ones are fetched: a second salesperson
    column still stops the run (65), as in a file; a harmless remark is left in the source."""
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    folder.mkdir()
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.execute(
            'CREATE TABLE lines ("订单编号" text, "下单日期" date, "客户编号" text, '
            '"销售代表" text, "金额" double, "业务员2" text, "备注" text)'
        )
        db.execute("INSERT INTO lines VALUES ('SO1', '2024-05-03', 'C1', '张三', 100, '李四', 'x')")
    _source(folder, "duckdb:///sales.duckdb", table='"lines"')
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65
    assert "业务员2" in done.stdout and "who sold the line" in done.stdout
    workspace = Workspace(folder)
    workspace.read("orders")
    statement = workspace.fetched["orders"].statement
    assert '"业务员2"' in statement and '"备注"' not in statement


def test_a_later_period_in_the_same_run_reads_the_source_again(tmp_path: Path) -> None:
    """`run` does several periods with one workspace: lines fetched up to April do not serve
    July, nor those fetched for July May (whose figures reach further back)."""
    duckdb = pytest.importorskip("duckdb")
    from salescli.data.sources import need
    from salescli.periods import parse_period

    folder = tmp_path / "ws"
    lines = _small_workspace(folder)
    (folder / "orders.csv").unlink()
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.register("lines", lines)
        db.execute("CREATE TABLE order_lines AS SELECT * FROM lines")
    _source(folder, "duckdb:///sales.duckdb", table='"order_lines"')
    workspace = Workspace(folder)
    need(workspace, parse_period("2024-04", ("month",)))
    april = workspace.table("orders")
    # no line after April: no figure of April reads one (api.inputs.load_books)
    assert april is not None and set(april["order_id"]) == {"SO1", "SO2"}
    need(workspace, parse_period("2024-07", ("month",)))
    july = workspace.table("orders")
    assert july is not None and len(july) == 5
    assert workspace.fetched["orders"].until == date(2024, 7, 31)
    need(workspace, parse_period("2024-07", ("month",)))
    assert workspace.table("orders") is july  # what was fetched for July serves July again
    need(workspace, parse_period("2024-05", ("month",)))
    # May's figures reach two months further back than July's (its last year's March)
    may = workspace.table("orders")
    assert may is not july and len(may) == 4  # SO5, of June, left in the source
    assert workspace.fetched["orders"].since == date(2022, 1, 1)


def test_an_unknown_kind_of_source_is_said_in_chinese_with_the_uri_as_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    _source(folder, "mysql://reader@db.example/销售")
    done = run("--lang", "zh", "-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 78, done.stderr
    assert done.stderr.splitlines() == [
        "salescli：错误：inputs.orders.source = 'mysql://reader@db.example/销售'："
        "未知的来源类型 'mysql'",
        "  建议：来源可以是 postgresql://…、sqlite:///文件、duckdb:///文件、delta://文件夹、"
        "iceberg://文件夹，或一个 Parquet 或 CSV 文件夹或通配符",
    ]


def test_a_folder_without_data_files_is_said_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    (folder / "lake" / "Orders").mkdir(parents=True)
    _source(folder, "lake/Orders")
    done = run("--lang", "zh", "-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 73, done.stderr
    assert f"{folder}/lake/Orders 中没有 Parquet 或 CSV 文件" in done.stderr
    assert '用 format = "parquet"（或 csv、delta、iceberg）指明其类型' in done.stderr


def test_what_a_source_gave_is_said_in_chinese_with_the_statement_verbatim(
    tmp_path: Path,
) -> None:
    """-v's line on the rows fetched and the warning on a source with a header only: Chinese
    around the table's name, the source and the statement, which stay as they are."""
    pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    (folder / "lake" / "month=2024-05").mkdir(parents=True)
    write_csv(folder / "lake" / "month=2024-05" / "orders.csv", [ORDER_HEADER], encoding="utf-8")
    _source(folder, "lake")
    out = tmp_path / "classes.csv"
    asked = ["-v", "-w", str(folder), "classify", "--quarter", "2024Q2", "-o", str(out)]
    english = run("--no-cache", *asked)
    done = run("--no-cache", "--lang", "zh", *asked)
    assert done.exit_code == english.exit_code == 0, done.stderr
    shown = f"{folder}/lake query"
    assert f"salescli：警告：订单 表只有表头、没有数据行（{shown}）" in done.stderr
    fetched = [line for line in done.stderr.splitlines() if "取得 0 行" in line]
    assert len(fetched) == 1 and fetched[0].startswith(f"salescli：订单：从 {shown} 取得 0 行：")
    assert fetched[0].endswith("（读取了 1 个文件中的 1 个）")
    statement = next(line for line in english.stderr.splitlines() if "0 rows fetched" in line)
    statement = statement.split(f"{shown}: ", 1)[1].removesuffix(" (1 of 1 files read)")
    assert statement.startswith("SELECT ") and statement in fetched[0]


def test_no_edge_query_asks_in_inside_an_or() -> None:
    """`x IN (SELECT …)` inside an `OR` is a scan of the subquery's rows for every line in
    PostgreSQL (a month of 10M lines did not finish in 10 minutes; as one `IN` over a union,
    38 s): the edge queries test each order against one `IN`, joined by `AND`."""
    import re

    from salescli.data import sources

    lines = {"单号": "order_id", "日期": "order_date", "客户": "customer_id", "代表": "rep"}
    lines |= {"交期": "due_date", "金额": "amount"}
    types = {"单号": "text", "日期": "date", "客户": "text", "代表": "text", "交期": "date"}
    types["金额"] = "numeric"
    columns = list(lines)
    inside = "\"日期\" >= DATE '2022-01-01' AND \"日期\" <= DATE '2024-05-31'"
    ordered = sources._window_orders("t", lines, inside)
    day = "DATE '2022-01-01'"
    statements = [
        *sources._later("t", columns, lines, "\"日期\" > DATE '2024-05-31'", ordered),
        *sources._earlier("t", columns, lines, types, '"日期"', day, ["SO1"], ordered),
    ]
    assert len(statements) == 2
    assert 'UNION SELECT "单号" FROM t WHERE' in statements[1]  # the earlier lines' orders
    for statement in statements:
        assert "IN (SELECT" in statement
        assert not re.search(r"\bOR\b[^()]*\bIN \(SELECT", statement), statement
