"""Database outputs: `sqlite:///FILE` (the standard sqlite3 module) and `postgresql://…`
(psycopg 3, the `postgres` extra).

Every table of an output goes to its own database table, named by the data dictionary
(`tables.Spec.database_table`: appraisal_month, report_month_by_region…) and created on first
write with the declared column types. A write replaces the rows of its own period and leaves
the other periods alone; everything, `salescli_runs` included, happens in one transaction, so
a run that fails or is killed leaves the database as it was. Writers take a lock first (SQLite
BEGIN IMMEDIATE, a PostgreSQL advisory lock), so two runs at once follow one another.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import pandas as pd

from salescli.errors import BusyError, OutputError, UsageError, mask_credentials, url_secrets
from salescli.i18n import _
from salescli.output.model import Output
from salescli.output.tables import SQL_TYPES, column_type, machine_frame, spec_of, specs
from salescli.periods import Period, quarter
from salescli.version import __version__

RUNS = "salescli_runs"
RUN_COLUMNS: dict[str, str] = {
    "written_at": "TIMESTAMP",
    "command": "TEXT",
    "period": "TEXT",
    "tables": "TEXT",
    "rows": "BIGINT",
    "salescli_version": "TEXT",
    "inputs": "TEXT",
    "warnings": "TEXT",
}
RUN_MEANINGS: dict[str, str] = {
    "written_at": "When the write was made, in UTC (SQLite: `2024-06-03 07:00:12`, readable "
    "with sqlite3's PARSE_DECLTYPES; PostgreSQL: TIMESTAMP WITH TIME ZONE).",
    "command": "The salescli command, e.g. report.",
    "period": "The period written, e.g. 2024-05.",
    "tables": "JSON: each database table written and its number of rows.",
    "rows": "Rows written in all.",
    "salescli_version": "The salescli version that wrote them.",
    "inputs": "JSON: each input file with its size and SHA-256 content hash; each table read "
    "from a database or data lake with its source (the address, never a password), its table "
    "or query, the rows fetched, the first and last day fetched whole (null: every line) and "
    "their SHA-256.",
    "warnings": "JSON: the run's warnings, in English, as stderr gave them ([] when none): a "
    "period the orders cover only in part, sales without a target… A figure a warning changes "
    "or leaves out is written beside it, so a dashboard can mark it.",
}
_LOCK_KEY = 0x5A1E5C11  # the PostgreSQL advisory lock every salescli writer takes
LOCK_WAIT_SECONDS = 120  # how long a write waits for another one before exit 75


@dataclass
class Planned:
    name: str
    frame: pd.DataFrame
    types: dict[str, str]  # column -> SQL type
    periods: list[str]  # the `period` values this write replaces


def write_database(
    output: Output,
    url: str,
    inputs: Iterable[Path] = (),
    sources: Iterable[dict[str, Any]] = (),
    whole: bool = True,
    warnings: Iterable[str] = (),
) -> list[str]:
    """Write every table of `output` for its period; returns the database tables written.
    `salescli_runs` lists the input files' hashes and what each of `sources` gave. A `whole`
    output (not one --section) also empties its period in the command's tables it does not
    hold this time (a report without the feedback table): no row of an earlier run of the
    period stays beside the new ones."""
    if output.period is None:
        raise UsageError(
            _("a database output needs the period of the run"),
            hint=_("give --month, --quarter, --year or --week (split-targets: --year)"),
        )
    planned = plan(output)
    if not planned:
        raise UsageError(
            _("{command} has no table for a database", command=output.command)
            if output.command
            else _("this output has no table for a database"),
            hint=_("write it to a file instead (-o FILE.xlsx)"),
        )
    emptied = absent(output, planned) if whole else {}
    written = {p.name: len(p.frame) for p in planned}
    run = {
        "written_at": datetime.now(UTC).replace(microsecond=0),
        "command": output.command,
        "period": output.period.label,
        "tables": json.dumps(written | dict.fromkeys(emptied, 0), ensure_ascii=False),
        "rows": sum(len(p.frame) for p in planned),
        "salescli_version": __version__,
        "inputs": json.dumps([*file_hashes(inputs), *sources], ensure_ascii=False),
        "warnings": json.dumps(list(warnings), ensure_ascii=False),
    }
    with connect(url) as db:
        db.begin()
        db.ensure(RUNS, RUN_COLUMNS)
        for table in planned:
            db.ensure(table.name, table.types)
            db.replace_periods(table.name, table.periods, table.frame, table.types)
        for name, periods in emptied.items():
            if db.columns(name):
                db.delete_periods(name, periods)
        db.insert(RUNS, pd.DataFrame([run]), RUN_COLUMNS)
        db.commit()
    return [p.name for p in planned]


def plan(output: Output) -> list[Planned]:
    """Each database table with its machine frame and SQL column types."""
    assert output.period is not None
    out = []
    for table in output.tables:
        spec = spec_of(output.command, table.name, output.period.kind)
        if spec is not None and spec.people_only:
            continue
        frame = machine_frame(table, output)
        types = {str(c): SQL_TYPES[column_type(spec, str(c), frame[c])] for c in frame.columns}
        periods = [output.period.label]
        if spec is not None and spec.row_period:
            periods = within(output.period)
            stray = set(frame["period"].dropna().astype(str)) - set(periods)
            if stray:
                raise UsageError(
                    _(
                        "{table} holds rows of {periods}, outside {period}",
                        table=table.name,
                        periods=", ".join(sorted(stray)),
                        period=output.period.label,
                    ),
                    hint=_("write one year at a time to a database"),
                )
        out.append(Planned(table_name(output, table.name), frame, types, periods))
    return out


def absent(output: Output, planned: list[Planned]) -> dict[str, list[str]]:
    """The command's database tables of this period kind that the output does not hold,
    each with the periods a write of it would replace."""
    assert output.period is not None
    kind, written = output.period.kind, {p.name for p in planned}
    out = {}
    for spec in specs(output.command):
        name = spec.database_table(kind)
        if kind in spec.kinds and not spec.people_only and name not in written:
            out[name] = within(output.period) if spec.row_period else [output.period.label]
    return out


def within(period: Period) -> list[str]:
    """The labels of a period and of the quarters and months inside it."""
    labels = [period.label]
    if period.kind == "year":
        labels += [quarter(period.start.year, q).label for q in (1, 2, 3, 4)]
    if period.kind in ("year", "quarter"):
        labels += [m.label for m in period.months()]
    return labels


def table_name(output: Output, table: str) -> str:
    assert output.period is not None
    spec = spec_of(output.command, table, output.period.kind)
    if spec is not None:
        return spec.database_table(output.period.kind)
    prefix = (output.command or "output").replace("-", "_")
    return f"{prefix}_{output.period.kind}_{table}"


def file_hashes(paths: Iterable[Path]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as stream:
                for block in iter(lambda s=stream: s.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            continue  # a file the command may read but that does not exist
        out.append({"file": str(path), "bytes": path.stat().st_size, "sha256": digest.hexdigest()})
    return out


# --- the two databases ---------------------------------------------------------------------


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Database:
    """What the writer needs of a database: one transaction, columns, delete, insert."""

    placeholder = "?"

    def __init__(self, connection: Any, where: str, secrets: tuple[str, ...] = ()) -> None:
        self.connection = connection
        self.where = where
        self.secrets = secrets  # the connection's passwords, masked in every message
        self.cursor = connection.cursor()

    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        self.connection.commit()

    def rollback(self) -> None:
        self.connection.rollback()

    def columns(self, table: str) -> dict[str, str]:
        raise NotImplementedError

    def sql_type(self, declared: str) -> str:
        return declared

    def ensure(self, table: str, types: dict[str, str]) -> None:
        """Create the table, or add the columns it lacks; a column of another type stops."""
        existing = self.columns(table)
        if not existing:
            columns = ", ".join(
                f"{quote(c)} {self.sql_type(t)}{' NOT NULL' if c == 'period' else ''}"
                for c, t in types.items()
            )
            self.cursor.execute(f"CREATE TABLE {quote(table)} ({columns})")
            if "period" in types:
                index = quote(f"{table}_period")
                self.cursor.execute(f"CREATE INDEX {index} ON {quote(table)} (period)")
            return
        for column, declared in types.items():
            have = existing.get(column)
            if have is None:
                self.cursor.execute(
                    f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} "
                    f"{self.sql_type(declared)}"
                )
            elif have.upper() != self.sql_type(declared).upper():
                raise OutputError(
                    _(
                        "table {table} column {column} is {have} in the database but this "
                        "salescli writes {declared}",
                        table=table,
                        column=column,
                        have=have.upper(),
                        declared=declared,
                    ),
                    file=self.where,
                    hint=_(
                        "rename or drop {column} (or the table), or write to a new database",
                        column=".".join((table, column)),
                    ),
                )

    def replace_periods(
        self, table: str, periods: list[str], frame: pd.DataFrame, types: dict[str, str]
    ) -> None:
        self.delete_periods(table, periods)
        self.insert(table, frame, types)

    def delete_periods(self, table: str, periods: list[str]) -> None:
        marks = ", ".join([self.placeholder] * len(periods))
        self.cursor.execute(f"DELETE FROM {quote(table)} WHERE period IN ({marks})", periods)

    def insert(self, table: str, frame: pd.DataFrame, types: dict[str, str]) -> None:
        if frame.empty:
            return
        columns = list(frame.columns)
        marks = ", ".join([self.placeholder] * len(columns))
        names = ", ".join(quote(str(c)) for c in columns)
        self.cursor.executemany(
            f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", self.rows(frame, types)
        )

    def rows(self, frame: pd.DataFrame, types: dict[str, str]) -> Iterator[tuple]:
        kinds = [types[str(c)] for c in frame.columns]
        for row in frame.itertuples(index=False, name=None):
            yield tuple(self.value(v, k) for v, k in zip(row, kinds, strict=True))

    def value(self, value: Any, sql_type: str) -> Any:
        if value is None or value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, float) and value != value:
            return None
        if hasattr(value, "item") and not isinstance(value, (date, datetime)):
            value = value.item()
        return value


class SQLite(Database):
    def begin(self) -> None:
        self.cursor.execute("BEGIN IMMEDIATE")  # the write lock now, not at the first write

    def columns(self, table: str) -> dict[str, str]:
        rows = self.cursor.execute(f"PRAGMA table_info({quote(table)})").fetchall()
        return {row[1]: row[2] for row in rows}

    def value(self, value: Any, sql_type: str) -> Any:
        value = super().value(value, sql_type)
        if isinstance(value, datetime):
            # UTC without the offset, so sqlite3's PARSE_DECLTYPES reads the TIMESTAMP back
            if value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            return value.isoformat(sep=" ")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value


class PostgreSQL(Database):
    placeholder = "%s"
    _TYPES: ClassVar[dict[str, str]] = {"TIMESTAMP": "TIMESTAMP WITH TIME ZONE"}

    def begin(self) -> None:
        # salescli writers follow one another: CREATE TABLE and ADD COLUMN race otherwise
        self.cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_SECONDS}s'")
        self.cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))

    def sql_type(self, declared: str) -> str:
        return self._TYPES.get(declared, declared)

    def columns(self, table: str) -> dict[str, str]:
        self.cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            (table,),
        )
        return {name: kind for name, kind in self.cursor.fetchall()}

    def insert(self, table: str, frame: pd.DataFrame, types: dict[str, str]) -> None:
        if frame.empty:
            return
        names = ", ".join(quote(str(c)) for c in frame.columns)
        with self.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in self.rows(frame, types):
                copy.write_row(row)


@contextmanager
def connect(url: str) -> Iterator[Database]:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "sqlite":
        database: Database = _sqlite(url)
    elif scheme in ("postgresql", "postgres"):
        database = _postgresql(url)
    else:
        raise UsageError(
            _("unknown database {url}", url=repr(_without_password(url))),
            hint=_("sqlite:///FILE or postgresql://…"),
        )
    try:
        yield database
    except BaseException as exc:
        database.rollback()
        if _is_busy(exc):
            raise BusyError(
                _("another write held the database for {seconds} s", seconds=LOCK_WAIT_SECONDS),
                file=database.where,
                hint=_("nothing was written; run again when the other write is done"),
            ) from None
        if _is_database_error(exc):
            said = mask_credentials(str(exc).strip(), database.secrets)
            raise OutputError(
                _("the database refused the write: {reason}", reason=said),
                file=database.where,
                hint=_("nothing was written; check the database's permissions and free space"),
            ) from None
        raise
    finally:
        database.connection.close()


def _is_busy(exc: BaseException) -> bool:
    import sqlite3

    if isinstance(exc, sqlite3.OperationalError):
        return "locked" in str(exc) or "busy" in str(exc)
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, psycopg.errors.LockNotAvailable)


def _is_database_error(exc: BaseException) -> bool:
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return True
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, psycopg.Error)


def sqlite_path(url: str) -> Path:
    """sqlite:///sales.db is sales.db in the current folder, sqlite:////srv/sales.db is
    /srv/sales.db (SQLAlchemy's convention)."""
    rest = url.split(":", 1)[1]
    if not rest.startswith("///") or len(rest) <= 3:
        raise UsageError(
            _("{url} is not sqlite:///FILE", url=repr(url)),
            hint=_("e.g. sqlite:///sales.db or sqlite:////srv/s.db"),
        )
    return Path(unquote(rest[3:].split("?", 1)[0]))


def _sqlite(url: str) -> SQLite:
    import sqlite3

    path = sqlite_path(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        connection.execute("PRAGMA journal_mode")  # fails now on a file that is no database
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(
            _("cannot open the SQLite database: {reason}", reason=str(exc)),
            file=path,
            hint=_("choose a file you can write to (a new one is created)"),
        ) from None
    return SQLite(_Transactional(connection), str(path))


class _Transactional:
    """sqlite3 in autocommit mode (our BEGIN IMMEDIATE starts the transaction), with the
    commit and rollback a Database expects."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def cursor(self) -> Any:
        return self.connection.cursor()

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def close(self) -> None:
        self.connection.close()


def _postgresql(url: str) -> PostgreSQL:
    try:
        import psycopg
    except ImportError:
        raise UsageError(
            _("PostgreSQL output needs psycopg"),
            hint=_('pip install "salescli[postgres]"'),
        ) from None
    secrets = url_secrets(url)
    try:
        connection = psycopg.connect(url, connect_timeout=30)
    except psycopg.Error as exc:
        raise OutputError(
            _(
                "cannot connect to PostgreSQL: {reason}",
                reason=mask_credentials(str(exc).strip(), secrets),
            ),
            file=_without_password(url),
            hint=_(
                "check the URI: postgresql://user@host:5432/db or "
                "postgresql://user@/db?host=/run/postgresql"
            ),
        ) from None
    return PostgreSQL(connection, _without_password(url), secrets)


def _without_password(url: str) -> str:
    """The URI as it may be shown: every password in it (user part, `?password=`) masked."""
    return mask_credentials(url, url_secrets(url))
