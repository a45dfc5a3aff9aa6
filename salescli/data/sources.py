"""Tables that live in a database or a data lake instead of a file (`[inputs.NAME] source`).

A source is read as one typed sheet (`RawSheet(header=…)`, as a Parquet file is) and goes
through the same normalisation as a file: the mapping, ignore, status and document settings
apply and every check holds. What is pushed into the source's query:

- the columns: the headers the table's mapping reads and the unknown ones, whose values may
  stop the run as in a file (a probe of zero rows says which); harmless and ignored headers
  stay in the source;
- the period: when a command's period is known (`need`), the order lines of the days its
  figures read whole (`first_day_read`: from a year before the previous period, the churn
  base, the classification's quarters or the trend, whichever reaches furthest, up to the
  period's end) are fetched when the source types the date column as a date; of the lines
  outside those days only what a figure still reads: per customer the lines of its latest
  day before the days, which give its owner and name, its last order and that it ordered
  before (see `_earlier`), the lines of the orders the order changes name, and those of the
  orders with a line in the window (an order is told from all its lines: `_window_orders`,
  `_later`); no other later line, since no figure of a period reads one. Lines without a
  date are fetched apart, to be checked.
  Visits the same, by their day, the window reaching the three days a month's first and
  last ISO weeks may have outside it (a visit figure reads no visit before the days read
  whole: audit-visits and the weekly report read the month's visit windows);
- a hive-partitioned folder (`month=2024-05/`, `year=2024/`, `date=2024-05-03/`) reads only
  the partitions of those days for the window's lines (its other keys, `状态=已取消/`, are
  columns of its lines, as Spark reads them; a key named like a column of the files must
  agree with it on every line); Delta and Iceberg tables get the
  predicate through DuckDB's scans, which prune their files by their statistics (an Iceberg
  table is read at its current snapshot, found by `_iceberg_snapshot` when no
  version-hint.text names it, or names an older version);
- coverage (a table's first and last date) is computed by the source over the whole table.

A bad value is reported by the source's table and the line's key (order_id, product_model)
instead of a file's sheet and row. Passwords never come from salescli.toml: libpq's
PGPASSWORD or ~/.pgpass, or `password_command`; a password written in the URI is refused (78).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from salescli import progress
from salescli.config import InputSpec
from salescli.data.parts import table_named
from salescli.errors import (
    EXIT_CANT_CREATE,
    EXIT_NOPERM,
    BadDataError,
    ConfigError,
    MissingInputError,
    SalescliError,
    mask_credentials,
    url_secrets,
)
from salescli.i18n import _

if TYPE_CHECKING:
    import pyarrow as pa

    from salescli.config import Policy
    from salescli.data.normalise import Normalised
    from salescli.data.readers import RawSheet
    from salescli.data.workspace import Workspace
    from salescli.periods import Period
    from salescli.rules.coverage import Coverage

DUCKDB_VERSION = "v1.5.5"
KINDS = ("postgresql", "sqlite", "duckdb", "parquet", "csv", "delta", "iceberg")
# the kinds whose folder is one table
LAKE_TABLES = ("delta", "iceberg")
# an Iceberg table's metadata files, one a commit: 00003-<uuid>.metadata.json as catalogs
# write them, v3.metadata.json as Hadoop tables do; `.gz.metadata.json` when compressed
ICEBERG_METADATA = re.compile(r"v?(\d+)(-[^/]*?)?(\.gz)?\.metadata\.json")
# a Delta table's log: its commits (00000000000000000007.json) and checkpoints, classic
# (….checkpoint.parquet), multi-part (….checkpoint.0000000001.0000000002.parquet) or v2
# (….checkpoint.<uuid>.json or .parquet)
DELTA_COMMIT = re.compile(r"(\d{20})\.json")
DELTA_CHECKPOINT = re.compile(r"(\d{20})\.checkpoint(\.[^/]+)?\.(parquet|json)")
# the column each table's window is pushed on
DATED = {"orders": "order_date", "visits": "visit_date"}
# a month's visit windows are its ISO weeks, those whose Thursday falls in it
# (periods.weeks_of_month): a visit up to three days either side of the month counts in it
WEEK_SPILL = timedelta(days=3)
# hive partition keys salescli can compare with a day: key -> width of the value's ISO prefix
# infinite dates and timestamps as the drivers give them: PostgreSQL's (its infinity moved
# from PostgreSQL's epoch, 2000-01-01, to 1970's, wrapping round) and DuckDB's
WRAPPED_INFINITY = {
    (32, -2147472692): "infinity",
    (32, -2147472691): "-infinity",
    (64, -9222425352054775809): "infinity",
    (64, -9222425352054775808): "-infinity",
    (32, 2147483647): "infinity",
    (32, -2147483647): "-infinity",
    (64, 9223372036854775807): "infinity",
    (64, -9223372036854775807): "-infinity",
}
# a CSV folder's typed columns: its ISO dates (pushed into the query) and whole numbers; any
# other value is its text, read as a CSV file's is. DuckDB's sniffer read 05/03/2024
# day-first when nothing in that one file settled it (a US export's 3 May was 5 March), an
# amount 1.234 as 1.234 where a file is refused (1234 with a thousands dot?), and an id of
# 20 digits as a double (12345678901234567890 and …891 one customer)
CSV = "dateformat = '%Y-%m-%d', auto_type_candidates = ['VARCHAR', 'BOOLEAN', 'BIGINT', 'DATE']"
UUID_GROUPS = [(0, 8), (8, 12), (12, 16), (16, 20), (20, 32)]  # its hex digits' groups
PARTITION_KEYS = {
    "year": 4, "month": 7, "date": 10, "day": 10, "order_date": 10, "dt": 10, "ds": 10
}  # fmt: skip


class SourceDeniedError(SalescliError):
    """The source refused the login (a wrong or missing password): exit 77."""

    exit_code = EXIT_NOPERM


class SourceUnreachableError(SalescliError):
    """The source cannot be reached (no server, no such database or folder): exit 73."""

    exit_code = EXIT_CANT_CREATE


@dataclass(frozen=True)
class Source:
    """Where a table lives: its kind, its address (URI or path) and the table or query."""

    kind: str
    address: str
    table: str | None = None
    query: str | None = None

    @property
    def shown(self) -> str:
        """The table as messages name it: the masked address and the table (or `query`);
        a Delta or Iceberg table is its folder."""
        if self.kind in LAKE_TABLES and not self.query:
            return mask_credentials(self.address)
        what = self.table or "query"
        return mask_credentials(f"{self.address} {what}")

    @property
    def label(self) -> str:
        """The table's own name, for the place of a problem: `erp.sales_order_lines`, or a
        Delta or Iceberg table's folder."""
        if self.table:
            return self.table
        if self.kind in LAKE_TABLES and not self.query:
            return mask_credentials(self.address)
        return f"{mask_credentials(self.address)} (query)"


class Engine(Protocol):
    """An engine that reads some kinds of source in DuckDB's stead (`[engine] kind`,
    data/spark.py); its reader answers as `_DuckDB` does."""

    def reader(self, source: Source) -> Any | None:
        """The source's reader; None for a kind the engine leaves to its own reader."""

    def said(self, name: str, read: bool) -> str:
        """-v's line on whether the engine read the table."""


@dataclass(frozen=True)
class Window:
    """The days a command needs of a dated table: up to and including `until`, and from
    `since` (None: from the first); of the days before `since`, only each customer's edge
    lines and the lines of the orders the order changes name (see `_earlier`)."""

    until: date
    since: date | None = None


@dataclass
class Fetched:
    """What a source gave: the typed sheet, the rows and parts read, the query and the
    first and last date of the whole table (its coverage). The workspace keeps it without
    the sheet (None), once normalised: a run's records need only the rest."""

    raw: RawSheet | None
    rows: int
    statement: str
    parts_read: int | None = None
    parts_total: int | None = None
    first: date | None = None
    last: date | None = None
    pushed: bool = False
    until: date | None = None  # the last day fetched; None: every line
    since: date | None = None  # the first day fetched whole; None: from the first
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""  # SHA-256 of the rows fetched, in the order read (see `fingerprint`)
    source: Source | None = None
    groups: RowGroups | None = None  # a Parquet source's row groups the window's query reads

    def record(self, table: str) -> dict[str, Any]:
        """What a run record says of it: the source, masked, and what it gave."""
        source = self.source
        said: dict[str, Any] = {"input": table}
        if source is not None:
            said["source"] = mask_credentials(source.address)
            if source.table:
                said["table"] = source.table
            if source.query:
                said["query"] = mask_credentials(source.query)
        said["rows"] = self.rows
        said["since"] = self.since.isoformat() if self.since else None
        # None: every line to the last (a window to the end of time, or no window)
        said["until"] = self.until.isoformat() if self.until and self.until < FOREVER else None
        said["sha256"] = self.fingerprint
        if self.groups is not None:
            said["row_groups"] = {
                "read": self.groups.read,
                "total": self.groups.total,
                "rows_read": self.groups.rows_read,
                "rows_total": self.groups.rows_total,
            }
        return said


@dataclass(frozen=True)
class RowGroups:
    """The row groups of a Parquet source that the window's query reads: those whose date
    statistics (each group's least and greatest day, written in the file's footer) reach the
    window's days; DuckDB's scan skips the others unread. A file sorted by date (or written
    a group a month) reads few of them for a period; one whose groups each span years reads
    them all."""

    read: int
    total: int
    rows_read: int
    rows_total: int


# --- the address ---------------------------------------------------------------------------


def parse(name: str, spec: InputSpec, root: Path) -> Source:
    """The source `[inputs.NAME]` names; a password in it, or a setting that does not fit
    its kind, is refused (78)."""
    text = str(spec.source).strip()
    where = f"inputs.{name}.source"
    if url_secrets(text):
        raise ConfigError(
            _("{key} holds a password: passwords never go in salescli.toml", key=where),
            hint=_(
                "remove it from the URI; set PGPASSWORD, a ~/.pgpass line, or "
                "[inputs.{name}] password_command",
                name=name,
            ),
        )
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        return _with_table(name, Source("postgresql", text, spec.table, spec.query))
    if scheme in ("sqlite", "duckdb"):
        path = _local(text.split("://", 1)[1].removeprefix("/"), root)
        return _with_table(name, Source(scheme, str(path), spec.table, spec.query))
    if scheme in ("delta", "iceberg"):
        return Source(scheme, str(_local(text.split("://", 1)[1], root)), query=spec.query)
    if scheme:
        raise ConfigError(
            _(
                "{key} = {value!r}: unknown kind of source {scheme!r}",
                key=where,
                value=mask_credentials(text),
                scheme=scheme,
            ),
            hint=_(
                "sources are postgresql://…, sqlite:///file, duckdb:///file, delta://folder, "
                "iceberg://folder, or a Parquet or CSV folder or glob"
            ),
        )
    path = _local(text, root)
    kind = spec.format or _folder_format(path)
    return Source(kind, str(path), query=spec.query)


def local_files(spec: InputSpec, root: Path) -> set[Path]:
    """The files a source that is a local Parquet or CSV file, folder or glob reads,
    resolved: they are the table's source, not exports of it beside the source, and no
    output may overwrite them. Empty for a database, a URI or a Delta or Iceberg table."""
    text = str(spec.source or "").strip()
    if not text or "://" in text:
        return set()
    return {p.resolve() for p in _files(_local(text, root), "*")}


def _with_table(name: str, source: Source) -> Source:
    if bool(source.table) == bool(source.query):
        raise ConfigError(
            _(
                "[inputs.{name}] source {source}: give table or query (one of them)",
                name=name,
                source=source.shown,
            ),
            hint=_('e.g. [inputs.{name}] table = "erp.sales_order_lines"', name=name),
        )
    return source


def _local(text: str, root: Path) -> Path:
    path = Path(text).expanduser()
    return path if path.is_absolute() else root / path


def _folder_format(path: Path) -> str:
    if (path / "_delta_log").is_dir():
        return "delta"
    if (path / "metadata").is_dir():
        return "iceberg"
    files = _files(path, "*")
    _no_lake_tables(path, files)
    if any(f.suffix.lower() == ".parquet" for f in files):
        return "parquet"
    if any(f.suffix.lower() in (".csv", ".tsv", ".txt") for f in files):
        return "csv"
    raise SourceUnreachableError(
        _("no Parquet or CSV files in {folder}", folder=path),
        hint=_(
            'check the folder, or say its kind with format = "parquet" (or csv, delta, iceberg)'
        ),
    )


def _no_lake_tables(path: Path, files: list[Path]) -> None:
    """A folder above Delta or Iceberg tables (a warehouse) or inside one (its data/) is not
    read as plain Parquet: a table's folder keeps the files a later commit removed, whose
    lines would be counted again. `format = "parquet"` reads the files as they are."""
    tables = {
        f.parent.parent
        for f in files
        if f.parent.name == "_delta_log"
        or (f.parent.name == "metadata" and f.name.endswith(".metadata.json"))
    }
    tables |= {
        above
        for above in list(path.parents)[:3]
        if (above / "_delta_log").is_dir() or any((above / "metadata").glob("*.metadata.json"))
    }
    if tables:
        raise SourceUnreachableError(
            _(
                "{folder} is not a table: it holds or lies inside the Delta or Iceberg tables "
                "{tables}, whose folders keep the files a later commit removed",
                folder=path,
                tables=", ".join(str(t) for t in sorted(tables)[:3]),
            ),
            hint=_(
                "point the source at a table's folder (iceberg://… or delta://…), or say "
                'format = "parquet" to read every file as it is'
            ),
        )


def _files(path: Path, pattern: str) -> list[Path]:
    """The data files of a folder (every level) or a glob."""
    if path.is_dir():
        found = [p for p in path.rglob(pattern) if p.is_file()]
    else:
        found = [p for p in path.parent.glob(path.name) if p.is_file()]
    return sorted(p for p in found if not p.name.startswith((".", "_")))


# --- the period -----------------------------------------------------------------------------


def need(workspace: Workspace, period: Period) -> None:
    """A command's period is known: tables read from a source from now on fetch the days
    its figures read whole, and of the others only what a figure still reads (see the
    module's docstring)."""
    since = first_day_read(workspace.policy, period)
    workspace.windows = {
        "orders": Window(period.end, since),
        "visits": Window(period.end + WEEK_SPILL, since - WEEK_SPILL),
    }


FOREVER = date(9999, 1, 1)  # the last day of a window that reaches every later line


def need_since(workspace: Workspace, day: date) -> None:
    """A command's figures read every order line from `day` on (split-targets: the base
    year's sales and the members of the years since): those lines are fetched whole, and of
    the earlier ones only what a figure still reads (each customer's edge lines)."""
    workspace.windows = {"orders": Window(FOREVER, day)}


def reach_back(workspace: Workspace, day: date) -> None:
    """A figure of the command also sums every line from `day` on (a report's market period
    may have ended years before it): the dated tables' windows start there at the latest."""
    for table, window in workspace.windows.items():
        if window.since is not None and day < window.since:
            workspace.windows[table] = replace(window, since=day)


def first_day_read(policy: Policy, period: Period) -> date:
    """The first day whose lines a figure of any command for `period` sums or counts: the
    same period a year earlier and the one before it (同比 of 环比), the churn base's
    base_days, the classification's window_quarters with the previous quarter's classes (a
    month's visit plan takes the quarter before it), the trend's months; the first of
    that month, with a quarter to spare."""
    days = max(
        policy.customers.base_days,
        (policy.classify.window_quarters + 2) * 92,
        (policy.report.trend_months + 1) * 31,
        2 * 366,
    )
    first = period.start - timedelta(days=days + 92)
    return first.replace(day=1)


# --- reading --------------------------------------------------------------------------------


def stale(workspace: Workspace, name: str) -> bool:
    """Whether the table read earlier in this run ends before the days now needed (`run`
    does several periods): it is then read again."""
    held = workspace.fetched.get(name)
    window = workspace.windows.get(name)
    if held is None or held.until is None:
        return False
    if window is None or window.until > held.until:
        return True
    return held.since is not None and (window.since is None or window.since < held.since)


@dataclass
class Read:
    """What reading a source gave a workspace: the normalised lines, the source as messages
    name it, the record of the fetch, the -v lines, and whether it had no data rows."""

    part: Normalised
    shown: str
    fetched: Fetched
    details: list[str]
    empty: bool

    def handed(self, workspace: Workspace) -> tuple[Normalised, str]:
        """The read as a workspace of its own takes it: its record, its -v lines, its
        warning, and the lines as a copy of its own (pandas copies on write: a change a job
        makes to its frame or lists is not another job's)."""
        workspace.fetched[self.part.table] = self.fetched
        workspace.details.extend(self.details)
        if self.empty:
            workspace.warn(
                _(
                    "the {table} table has a header but no data rows ({files})",
                    table=table_named(self.part.table),
                    files=self.shown,
                ),
                loud=True,  # as an empty file's: every figure of the table is empty
            )
        part = self.part
        own = replace(
            part,
            frame=part.frame.copy(deep=False),
            problems=list(part.problems),
            notes=list(part.notes),
            unmatched=list(part.unmatched),
            headers=list(part.headers),
            decimals=dict(part.decimals),
            warnings=list(part.warnings),
        )
        return own, self.shown


def read(
    workspace: Workspace,
    name: str,
    spec: InputSpec,
    whole: bool = False,
    engine: Engine | None = None,
) -> tuple[Normalised, str]:
    """The table `[inputs.NAME] source` names, read (by `engine` where it reads that kind
    of source) and normalised like a file, with its problems placed by key; and the source
    as messages name it. `whole`: every line, not only the window's (files beside the
    source are compared with all of them). `run`'s jobs share their reads
    (`workspace.shared_reads`): a job asking for the days another job read gets its lines,
    one fetch for both (a month's report and appraisal read the same days)."""
    source = parse(name, spec, workspace.root)
    window = None if whole else workspace.windows.get(name)
    changed = _changed_orders(workspace, window)
    shared = workspace.shared_reads
    settings = (spec.model_dump_json(), workspace.policy.model_dump_json())
    key = (name, settings, window, sorted(changed), type(engine).__name__, str(workspace.root))
    held = next((r for k, r in shared if k == key), None) if shared is not None else None
    if held is None:
        held = _read(workspace, source, name, spec, window, changed, engine)
        if shared is not None:  # the last read alone: its lines are held from job to job
            shared[:] = [(key, held)]
    return held.handed(workspace)


def _read(
    workspace: Workspace,
    source: Source,
    name: str,
    spec: InputSpec,
    window: Window | None,
    changed: list[str],
    engine: Engine | None,
) -> Read:
    from salescli.data import overlaps
    from salescli.data.normalise import normalise

    fetched = fetch(source, name, spec, window, workspace, changed, engine=engine)
    assert fetched.raw is not None
    with progress.stage("checking", name):
        part = normalise(fetched.raw, name, spec, workspace.policy.timezone, workspace.policy)
        overlaps.repeats(name, part, spec.repeated_lines, keyed=True)
    record = replace(fetched, source=source, raw=None)  # the cells: not kept
    said = {
        "table": table_named(name),
        "rows": fetched.rows,
        "source": source.shown,
        "statement": mask_credentials(fetched.statement),
    }
    if fetched.parts_total is None:
        detail = _("{table}: {rows} rows fetched from {source}: {statement}", **said)
    else:
        detail = _(
            "{table}: {rows} rows fetched from {source}: {statement} "
            "({read} of {total} files read)",
            **said,
            read=fetched.parts_read,
            total=fetched.parts_total,
        )
    details = [detail, *fetched.notes]
    if fetched.groups is not None:
        details.append(_row_groups_said(name, source, fetched.groups))
    part = replace(part, problems=_by_key(part, source))
    return Read(part, source.shown, record, details, part.frame.empty)


def _row_groups_said(name: str, source: Source, groups: RowGroups) -> str:
    """-v's line on the row groups the window's query read, with how to read fewer when
    each group spans the whole table's days."""
    said = _(
        "{table}: the period's days lie in {read} of the {total} row groups of {source} "
        "({rows:,} of {lines:,} lines, told by each group's date statistics); only those "
        "are scanned for them",
        table=table_named(name),
        read=groups.read,
        total=groups.total,
        source=source.address,  # a local file, folder or glob: the row groups are its
        rows=groups.rows_read,
        lines=groups.rows_total,
    )
    if groups.total > 1 and groups.read == groups.total:
        return _(
            "{said}; every group reaches the period's days: written sorted by date (or a "
            "row group a month), the file would be scanned only for the period's groups",
            said=said,
        )
    return said


def _changed_orders(workspace: Workspace, window: Window | None) -> list[str]:
    """The orders the order changes name, whose lines are fetched whatever their day: a
    change counts for its order's rep (report_duties.attach). A table that cannot be read
    is reported where it is read itself."""
    if window is None or window.since is None:
        return []
    changes = workspace._quietly("order_changes", ["order_id"])
    if changes is None or "order_id" not in changes.frame:
        return []
    return [str(o) for o in changes.frame["order_id"].dropna().unique()]


def coverage(workspace: Workspace, table: str, column: str) -> Coverage | None:
    """The first and last date of a source's whole table, as the source computed them;
    None for a table read from files."""
    from salescli.rules.coverage import Coverage

    fetched = workspace.fetched.get(table)
    if fetched is None or DATED.get(table) != column or not fetched.pushed:
        return None
    return Coverage(fetched.first, fetched.last)


def _by_key(part: Normalised, source: Source) -> list:
    """Problems placed by the source's table and the line's key instead of a sheet's row:
    an order line by its order, product and line number, where the source has them."""
    from salescli.data.duplicates import LINES
    from salescli.data.overlaps import LINE_KEYS

    named = dict.fromkeys([*LINE_KEYS.get(part.table, []), *LINES.get(part.table, [])])
    keys = [c for c in named if c in part.frame]
    if not keys or "_row" not in part.frame:
        return [replace(p, file=source.label, sheet=None) for p in part.problems]
    at = part.frame.set_index("_row")[keys]
    at = at[~at.index.duplicated()]
    placed = []
    for problem in part.problems:
        key = ""
        if problem.row is not None and problem.row in at.index:
            values = at.loc[problem.row]
            key = ", ".join(f"{k} {values[k]}" for k in keys if pd.notna(values[k]))
        file = f"{source.label} ({key})" if key else source.label
        placed.append(replace(problem, file=file, sheet=None, row=None if key else problem.row))
    return placed


def fetch(
    source: Source,
    name: str,
    spec: InputSpec,
    window: Window | None,
    workspace: Workspace | None = None,
    changed: list[str] | None = None,
    engine: Engine | None = None,
) -> Fetched:
    """The source's rows (read by `engine` where it reads that kind of source): a probe of
    zero rows gives its headers and types, the mapping says which of them are read, and the
    queries ask for those: the lines of the window's days (and those without a date, to be
    checked), then of the later lines only each customer's latest ones (see `_later`), and
    of the earlier ones each customer's edge lines and the lines of the orders `changed`
    names (see `_earlier`)."""
    reader = _reader(source, spec, engine)
    notes = [engine.said(name, not _own(reader))] if engine is not None else []
    try:
        header, types, lines, unknown = _mapped(reader, name, spec, workspace, source.label)
        columns = [h for h in header if h in lines or h in unknown] or header
        if isinstance(reader, _DuckDB):
            _empty_read(source, reader.mapping, reader.empty, columns)
        dated = _dated_header(lines, types, name)
        select = ", ".join(map(_quoted, columns))
        if window is None or dated is None:
            relation, parts = reader.relation(None)
            statements = [f"SELECT {select} FROM {relation}"]
        else:
            column = _quoted(dated)
            reach, until, after = _bounds(column, types[dated], window)
            relation, parts = reader.relation(reach)
            whole = reader.relation(None)[0]
            # literals, not parameters: the server's log shows the days. The lines without a
            # date apart: `OR date IS NULL` would keep a lake's scan from pruning its files
            start = f"DATE '{window.since.isoformat()}'" if window.since else ""
            since = f"{column} >= {start}" if start else ""
            inside = " AND ".join(p for p in (since, until) if p) or "TRUE"
            # (Spark's relation prunes by the folder names too, and counts no files here)
            if relation != whole and _partitions_hide(reader, relation, whole, inside):
                relation, parts = whole, ((parts[1], parts[1]) if parts else None)
            ordered = _window_orders(relation, lines, inside)
            grouped = getattr(reader, "grouped_edges", False)
            earlier = []
            if window.since is not None:
                earlier = _earlier(
                    whole, columns, lines, types, column, start, changed or [], ordered, grouped
                )
            statements = [
                f"SELECT {select} FROM {relation} WHERE {inside}",
                f"SELECT {select} FROM {whole} WHERE {column} IS NULL",
                # (a window to the end of time has no later lines)
                *(_later(whole, columns, lines, after, ordered) if window.until < FOREVER else []),
                *earlier,
            ]
        tables = []
        with progress.stage("fetching", name, len(statements)) as step:
            for statement in statements:
                tables.append(reader.table(statement))
                step.advance(files=1, rows=tables[-1].num_rows)
        groups = None
        if window is not None and dated is not None and isinstance(reader, _DuckDB):
            groups = reader.row_groups(dated, reach)
        if len(tables) > 1 and _continued(tables, lines, spec):
            relation, parts = reader.relation(None)
            statements, window, groups = [f"SELECT {select} FROM {relation}"], None, None
            reader.files_read = None
            with progress.stage("fetching", name, 1) as step:
                tables = [reader.table(statements[0])]
                step.advance(files=1, rows=tables[0].num_rows)
        _row_order_kept(reader, source, name, tables, lines, spec)
        if not getattr(reader, "keeps_row_order", True) and not _without_order(tables, lines, spec):
            table = _in_a_set_order(_concat(tables))  # a query's order kept for continuation rows
        else:  # the window's and the undated lines' statements scan in the source's order; the
            # edge lines' statements join, and give their rows in the order the threads did
            table = _concat([*tables[:2], *map(_in_a_set_order, tables[2:])])
        parts = reader.files_read or parts
        zone = workspace.policy.timezone if workspace is not None else None
        first, last = reader.span(dated, zone) if dated is not None else (None, None)
    finally:
        reader.close()
    if hasattr(reader, "spoken"):  # the statements as the engine ran them
        statements = [reader.spoken(statement) for statement in statements]
    sheet = _typed_sheet(table, source.label)
    return Fetched(
        sheet,
        table.num_rows,
        "; ".join(statements),
        parts_read=parts[0] if parts else None,
        parts_total=parts[1] if parts else None,
        first=first,
        last=last,
        pushed=len(statements) > 1 or (window is not None and dated is not None),
        until=window.until if window is not None and dated is not None else None,
        since=window.since if window is not None and dated is not None else None,
        fingerprint=fingerprint(table),
        notes=notes,
        groups=groups,
    )


def _reader(source: Source, spec: InputSpec, engine: Engine | None) -> Any:
    """The reader of the source: `engine`'s where it reads that kind, else DuckDB's (or
    the PostgreSQL driver's)."""
    reader = engine.reader(source) if engine is not None else None
    if reader is None:
        reader = _PostgreSQL(source, spec) if source.kind == "postgresql" else _DuckDB(source)
    return reader


def _own(reader: Any) -> bool:
    return isinstance(reader, _PostgreSQL | _DuckDB)


def _mapped(
    reader: Any, name: str, spec: InputSpec, workspace: Workspace | None, label: str
) -> tuple[list[str], dict[str, str], dict[str, str], set[str]]:
    """The source's headers and types (a probe of zero rows), and which of them the mapping
    reads (see `_lines`)."""
    header, types = reader.probe()
    # the keys that place lines by their day are not read, unless a setting maps one
    hidden: frozenset[str] = getattr(reader, "layout", frozenset()) - set(spec.columns.values())
    header = [h for h in header if h not in hidden]
    lines, unknown = _lines(header, name, spec, workspace, label)
    return header, types, lines, unknown


def span_of(workspace: Workspace, name: str) -> tuple[date | None, date | None] | None:
    """The first and last day of a dated table's source as the source computes them, no
    line fetched (`run` asks how far the orders reach before it does a month: fetching the
    whole table to tell took 35 s and 5.3 GB at 10M lines); None when the source does not
    type its date column as a date (only its lines can tell)."""
    spec = workspace.spec(name)
    source = parse(name, spec, workspace.root)
    reader = _reader(source, spec, workspace._engine())
    try:
        _header, types, lines, _unknown = _mapped(reader, name, spec, workspace, source.label)
        dated = _dated_header(lines, types, name)
        return None if dated is None else reader.span(dated, workspace.policy.timezone)
    finally:
        reader.close()


def state(workspace: Workspace, name: str) -> str:
    """What `run` compares to tell whether a source changed since a job was done, without
    fetching its rows: the content of the files a local source is (a Parquet or CSV folder's
    are hashed with the workspace's input files already), or, for a database, the number of
    rows and the sum of a 64-bit hash of each, computed by the database (a DuckDB file's view
    or query may read files outside it)."""
    import hashlib

    spec = workspace.spec(name)
    source = parse(name, spec, workspace.root)
    if source.kind in ("parquet", "csv"):
        return "the files"
    if source.kind in ("postgresql", "duckdb"):
        reader = _reader(source, spec, None)
        try:
            # the row's alias is no column's name: a column `t` would be hashed for the row
            taken = {str(h).lower() for h in reader.probe()[0]}
            row = next(a for n in range(len(taken) + 1) if (a := f"salescli_row{n}") not in taken)
            hashed = f"hashtextextended(CAST({row} AS text), 0)"
            if source.kind == "duckdb":
                hashed = f"hash({row})"
            summed = reader.table(
                f"SELECT count(*) AS lines, sum({hashed}) AS hashed "
                f"FROM (SELECT * FROM {reader.relation(None)[0]}) AS {row}"
            ).to_pylist()[0]
        finally:
            reader.close()
        return f"{summed['lines']} lines, hashed {summed['hashed']}"
    path = Path(source.address)
    if path.is_dir():  # a Delta or Iceberg table: its data and its log or metadata
        files = sorted(p for p in path.rglob("*") if p.is_file())
    else:  # a database file and its write-ahead log
        files = [p for p in (path, Path(f"{path}.wal"), Path(f"{path}-wal")) if p.is_file()]
    digest = hashlib.sha256()
    for file in files:
        with open(file, "rb") as stream:
            content = hashlib.file_digest(stream, "sha256").hexdigest()
        digest.update(f"{file.relative_to(path) if path.is_dir() else file}|{content}\n".encode())
    return digest.hexdigest()


def _partitions_hide(reader: Any, relation: str, whole: str, inside: str) -> bool:
    """Whether the hive partitions the window skips hold lines of its days (a May line filed
    under month=2024-06/, by the day it was loaded): a partition's name is where the lake put
    a file, the line's date its day, so the window's query then reads every partition. Two
    counts, the second over every file (DuckDB skips a Parquet file's row groups by their
    date statistics; the edge lines' queries read every partition anyway)."""
    counted = f"SELECT count(*) FROM {{}} WHERE {inside}"
    kept, every = (reader.table(counted.format(r)).column(0)[0].as_py() for r in (relation, whole))
    return bool(kept != every)


def _continued(tables: list[pa.Table], lines: dict[str, str], spec: InputSpec) -> bool:
    """Whether lines came without an order number while `fill_down` is on: a continuation
    row (Odoo) belongs to the order of the row above it, which only the table's own order of
    rows tells, not the window's queries (the undated lines come after the window's, an edge
    line apart from its order's first row). Such a table is then fetched whole, in its own
    order, as a file is read."""
    return _without_order(tables, lines, spec) > 0


def _without_order(tables: list[pa.Table], lines: dict[str, str], spec: InputSpec) -> int:
    """How many rows came without an order number while `fill_down` is on."""
    header = _order_name(lines)
    if spec.fill_down is False or header is None:
        return 0
    return sum(t.column(header).null_count for t in tables if header in t.column_names)


def _order_name(lines: dict[str, str]) -> str | None:
    """The source's order column, as its header names it; None without one."""
    return {column: header for header, column in lines.items()}.get("order_id")


def _row_order_kept(
    reader: Any,
    source: Source,
    name: str,
    tables: list[pa.Table],
    lines: dict[str, str],
    spec: InputSpec,
) -> None:
    """Continuation rows take the order of the row above them, so the rows' order is read
    as a file's is. DuckDB gives a file's, a folder's or a lake table's rows in their order;
    PostgreSQL gives a table's in no set order (a parallel scan interleaves them, an update
    moves a row) and Spark packs a folder's files by their size: there such rows stop the
    run (65) unless a query sorts the rows (`ORDER BY`, outside any parentheses)."""
    if getattr(reader, "keeps_row_order", True) or _sorted(source.query):
        return
    missing = _without_order(tables, lines, spec)
    if not missing:
        return
    if source.kind == "postgresql":
        relation = source.table or "(…)"
        hint = _(
            "read the rows in their order, by a query that sorts them: under "
            '[inputs.{table}], query = "SELECT * FROM {relation} ORDER BY <the line number>" '
            "in place of table; or fill in the order numbers in the table; or set fill_down "
            "= false, and each such line is reported as a line without its order number",
            table=name,
            relation=relation,
        )
    else:
        hint = _(
            "fill in the order numbers; or read this table without the Spark engine (DuckDB "
            "reads a folder's files and rows in their order); or set fill_down = false, and "
            "each such line is reported as a line without its order number"
        )
    raise BadDataError(
        _(
            "{source}: {n} lines have no order number and fill_down would give each the "
            "order of the row above it, but {engine} gives the rows in no set order",
            source=source.shown,
            n=missing,
            engine="PostgreSQL" if source.kind == "postgresql" else "Spark",
        ),
        file=source.label,
        column=_order_name(lines),
        hint=hint,
    )


def _in_a_set_order(table: pa.Table) -> pa.Table:
    """The rows of a source that gives them in no set order (PostgreSQL, Spark), sorted by
    their columns in the table's order: which line is an order's first (where an order's
    total counted once is put, where its cents left over by sharing go) and the order of the
    problems listed are then the same from run to run, whatever plan the server chose. (A
    query's own ORDER BY holds only within its statement: the edge lines' statements join.)"""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = [
        (name, "ascending")
        for name, kind in zip(table.column_names, table.schema.types, strict=True)
        if not (pa.types.is_nested(kind) or _bytes(kind))
    ]
    return table.take(pc.sort_indices(table, sort_keys=keys)) if keys else table


def _sorted(query: str | None) -> bool:
    """Whether a query sorts its rows: an ORDER BY outside every parenthesis (not a window
    function's, not a subquery's)."""
    if not query:
        return False
    flat, before = query, None
    while flat != before:
        before, flat = flat, re.sub(r"\([^()]*\)", " ", flat)
    return re.search(r"\border\s+by\b", flat, re.IGNORECASE) is not None


def fingerprint(table: pa.Table) -> str:
    """SHA-256 of the rows fetched, in the order the rules read them, column after column,
    each column written whole (its chunks combined) as an Arrow IPC stream of its own: its
    name, type (text as large_string, as DuckDB gives it) and values. The order is part of
    what the rules read (an order's first line holds its total and its category, a line
    without an order number belongs to the order above it), and it is set: the rows of a
    source that keeps none are sorted by their columns (`_in_a_set_order`), a file's are in
    the file's order. The stream is hashed as it is written, one column at a time. A column
    with empty cells is hashed as the bits saying which are empty (numpy's `packbits`), then
    its stream with each empty cell the type's blank (`_blank`): what lies in memory under an
    empty cell is no value (DuckDB leaves there whatever was, which made the same rows hash
    apart from one fetch to the next)."""
    import numpy as np
    import pyarrow as pa

    sink = _Digest()
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_string(column.type):  # text is text, whatever its offsets' width
            column = column.cast(pa.large_string())
        blank = _blank(column.type) if column.null_count else None
        if blank is not None:
            empty = column.is_null().to_numpy(zero_copy_only=False)
            sink.write(np.packbits(empty).tobytes())
            column = column.fill_null(blank)
        one = pa.table([column.combine_chunks()], names=[name])
        with pa.ipc.new_stream(sink, one.schema) as writer:
            writer.write_table(one)
    return sink.digest.hexdigest()


def _blank(kind: pa.DataType) -> pa.Scalar | None:
    """The value an empty cell of a `kind` column is hashed as (0, '', False, 1970-01-01);
    None for a kind of no such value (a column of nulls alone has no values)."""
    import pyarrow as pa

    if pa.types.is_large_string(kind):
        return pa.scalar("", kind)
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        return pa.scalar(b"", kind)
    if pa.types.is_boolean(kind):
        return pa.scalar(False, kind)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return pa.scalar(0, pa.int8()).cast(kind)
    if pa.types.is_date32(kind) or pa.types.is_time32(kind):
        return pa.scalar(0, pa.int32()).cast(kind)
    if pa.types.is_temporal(kind):  # date64, timestamps, time64, durations
        return pa.scalar(0, pa.int64()).cast(kind)
    return None


class _Digest:
    """A write-only file that keeps only the SHA-256 of what is written to it."""

    closed = False

    def __init__(self) -> None:
        import hashlib

        self.digest = hashlib.sha256()

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def _bounds(column: str, kind: str, window: Window) -> tuple[Window, str, str]:
    """The days the window's query reaches (its partitions), its predicate on the last day
    and the later lines' one. A DATE is compared with the window's last day. A timestamp is
    not: `<= DATE` compares it with that day's midnight, and a line at 10:00 on the last day
    would be left out. A timestamp's day is told in the policy's time zone, which need not
    be the source's: the window reaches a day further (`< DATE` two days after the last), a
    few more lines fetched, none lost. A window to the end of time has no last day (a line
    of 9999-12-31, an ERP's "no date", is fetched, and refused as from a file)."""
    if window.until >= FOREVER:
        return replace(window, until=date.max), "", ""
    if not kind.lower().startswith("timestamp"):
        day = f"DATE '{window.until.isoformat()}'"
        return window, f"{column} <= {day}", f"{column} > {day}"
    reach = replace(window, until=window.until + timedelta(days=1))
    day = f"DATE '{(reach.until + timedelta(days=1)).isoformat()}'"
    return reach, f"{column} < {day}", f"{column} >= {day}"


def _later(
    relation: str, columns: list[str], lines: dict[str, str], after: str, ordered: str | None
) -> list[str]:
    """The query for the lines after the window that a figure still reads: the lines of the
    orders the query `ordered` selects, those with a line in the window (an order is told
    from all its lines: `_window_orders`). No figure, name or owner of a period reads a
    line after its end (`api.inputs.load_books`), so no customer's later lines are
    fetched; every other later line is left in the source."""
    order = _order_header(lines)
    if ordered is None or order is None:
        return []
    select = ", ".join(map(_quoted, columns))
    return [f"SELECT {select} FROM {relation} WHERE {after} AND {order} IN ({ordered})"]


def _order_header(lines: dict[str, str]) -> str | None:
    """The source's order column, quoted; None without one."""
    header = {column: header for header, column in lines.items()}.get("order_id")
    return None if header is None else _quoted(header)


def _window_orders(relation: str, lines: dict[str, str], inside: str) -> str | None:
    """The query of the orders with a line in the window (`inside` on `relation`),
    whose lines outside it are fetched too: an order whose every line is negative is a return
    (sales.documents), and an order's total is shared over all its lines (amount_level =
    "order"), so a line of the window is read as a file reads it only beside every line of
    its order, a return on an old order's number or an order of lines dated days apart.
    None without an order column."""
    order = _order_header(lines)
    if order is None:
        return None
    return f"SELECT {order} FROM {relation} WHERE {inside} AND {order} IS NOT NULL"


def _edges_query(
    relation: str,
    columns: list[str],
    edges: list[str],
    where: str,
    keys: list[str],
    alias: str,
    wanted: list[str],
    order: str | None = None,
    also: str | None = None,
    extra: tuple[str, ...] = (),
    grouped: str | None = None,
) -> str:
    """The lines `where` selects that `wanted` keeps, judged by the window columns `edges`
    computed over each group of `keys` (a customer's latest day, …), and those `extra`
    keeps; with an `order` column, with every line `where` selects of their orders and of
    the orders the query `also` names: an order is told from all its lines (a group's latest
    line may be a negative one of an order whose other lines are positive, a sale, not a
    return: sales.documents). One `IN` over the union of both, never an `IN` inside an `OR`,
    which PostgreSQL runs as a scan of the subquery's rows for every line (minutes at 10M).
    `grouped`, the date column, where the engine hashes a join on `IS NOT DISTINCT FROM`
    and each of `wanted` is a line's day equal to an edge: see `_grouped_edges`."""
    if grouped is not None:
        return _grouped_edges(
            relation, columns, edges, where, keys, alias, grouped, order, also, extra
        )
    select = ", ".join(map(_quoted, columns))
    picked = (
        f"SELECT {select} FROM (SELECT {select}, {', '.join(edges)} FROM {relation} "
        f"WHERE {where} WINDOW w AS (PARTITION BY {', '.join(keys)})) AS {alias} "
        f"WHERE {' OR '.join([*wanted, *extra])}"
    )
    if order is None:
        return picked
    orders = f"SELECT {order} FROM {alias}_lines" + (f" UNION {also}" if also else "")
    return (
        f"WITH {alias}_lines AS ({picked}) "
        f"SELECT {select} FROM {alias}_lines WHERE {order} IS NULL UNION ALL "
        f"SELECT {select} FROM {relation} WHERE {where} AND {order} IN ({orders})"
    )


def _grouped_edges(
    relation: str,
    columns: list[str],
    edges: list[str],
    where: str,
    keys: list[str],
    alias: str,
    dated: str,
    order: str | None,
    also: str | None,
    extra: tuple[str, ...],
) -> str:
    """`_edges_query`'s lines asked without a window over every line: the edges are grouped
    maxima of a few columns (each group's latest days), their distinct (group, day) pairs
    joined back to the lines on the day, so the engine scans only the files and row groups
    of those days for the lines' other columns (its join filter). Each line meets at most one
    pair: no line is fetched twice. 3x faster than the window at 100M lines (benchmarks/
    README.md)."""
    select = ", ".join(map(_quoted, columns))
    named = [f"{key} AS salescli_k{i}" for i, key in enumerate(keys)]
    sums = [edge.replace(" OVER w AS ", " AS ") for edge in edges]
    days = [edge.rsplit(" AS ", 1)[1] for edge in edges]
    group_keys = ", ".join(f"salescli_k{i}" for i in range(len(keys)))
    pairs = " UNION ".join(
        f"SELECT {group_keys}, {day} AS salescli_day FROM {alias}_groups WHERE {day} IS NOT NULL"
        for day in days
    )
    met = " AND ".join(
        [f"{dated} = salescli_day"]
        + [f"{key} IS NOT DISTINCT FROM salescli_k{i}" for i, key in enumerate(keys)]
    )
    common = (
        f"WITH {alias}_groups AS (SELECT {', '.join(named + sums)} FROM {relation} "
        f"WHERE {where} GROUP BY {', '.join(keys)}), {alias}_days AS ({pairs})"
    )
    # the edge lines (an inner join: the engine prunes by their days); with `extra`, a left
    # join keeps the lines only `extra` picks, each still once
    edge = f"{relation} JOIN {alias}_days ON {met}"
    loose = f"{relation} LEFT JOIN {alias}_days ON {met}"
    kept = " OR ".join(["salescli_day IS NOT NULL", *extra])
    if order is None:
        if not extra:
            return f"{common} SELECT {select} FROM {edge} WHERE {where}"
        return f"{common} SELECT {select} FROM {loose} WHERE {where} AND ({kept})"
    orders = [f"SELECT {order} FROM {edge} WHERE {where}"]
    if extra:
        orders.append(f"SELECT {order} FROM {relation} WHERE {where} AND ({' OR '.join(extra)})")
    if also:
        orders.append(also)
    return (
        f"{common}, {alias}_orders AS ({' UNION '.join(orders)}) "
        f"SELECT {select} FROM {loose} WHERE {where} AND {order} IS NULL AND ({kept}) "
        f"UNION ALL SELECT {select} FROM {relation} WHERE {where} "
        f"AND {order} IN (SELECT {order} FROM {alias}_orders)"
    )


def _on_latest_day(dated: str, latest: str, lines: dict[str, str], types: dict[str, str]) -> str:
    """A line of the group's latest day. A timestamp's latest is an instant: the lines of
    its whole day (told in the policy's time zone, not the source's) are those of the two
    days up to it, so the day's last order by number is among them, as from a file
    (process.latest_value ranks a day's lines by order number, not by the hour)."""
    header = {column: header for header, column in lines.items()}.get("order_date")
    if types.get(header or "", "").lower().startswith("timestamp"):
        return f"{dated} >= {latest} - INTERVAL '2' DAY"
    return f"{dated} = {latest}"


def _customer_keys(lines: dict[str, str], types: dict[str, str]) -> list[str]:
    """What decides whether a customer's line is a live order, as the source holds it: the
    customer, the status and document type as written, the cancel markers, the sign of the
    amount and whether a refund is on the line, and whether it takes the whole amount (a
    line refunded whole is no order, one refunded in part is: sales.refunds). Of each such
    group a customer's edge lines are fetched, so its first and latest live order are among
    them whatever the policy's statuses and documents make of the words. [] without a
    customer column."""
    by_column = {column: header for header, column in lines.items()}
    customer = by_column.get("customer_id")
    if customer is None:
        return []
    keys = [_quoted(customer)] + [
        _quoted(header)
        for header, column in lines.items()
        if column in ("status", "document_type", "return_flag") or "cancel" in column
    ]
    for column in ("amount", "refund_amount"):
        header = by_column.get(column)
        if header is None:
            continue
        # a number's sign; an amount the source keeps as text, as written (a group a value)
        numeric = re.match(_NUMERIC, types.get(header, "").lower())
        keys.append(f"sign({_quoted(header)})" if numeric else _quoted(header))
    amount, refund = by_column.get("amount"), by_column.get("refund_amount")
    if (
        amount is not None
        and refund is not None
        and all(re.match(_NUMERIC, types.get(h, "").lower()) for h in (amount, refund))
    ):  # (written as text, each value is its own group already)
        keys.append(f"abs({_quoted(refund)}) >= abs({_quoted(amount)})")
    return keys


_NUMERIC = r"u?(tiny|small|big|huge)?int|numeric|decimal|float|double|real"


def _latest(lines: dict[str, str], dated: str) -> list[str]:
    """The window columns of a group's latest day, its latest day with a rep and with a name
    (a customer's owner and name come from its latest line that has one)."""
    by_column = {column: header for header, column in lines.items()}
    latest = [f"max({dated}) OVER w AS salescli_any"]
    for column in ("rep", "customer_name"):
        if column in by_column:
            header = _quoted(by_column[column])
            latest.append(
                f"max(CASE WHEN {header} IS NOT NULL THEN {dated} END) OVER w AS salescli_{column}"
            )
    return latest


def _earlier(
    relation: str,
    columns: list[str],
    lines: dict[str, str],
    types: dict[str, str],
    dated: str,
    first: str,
    changed: list[str],
    ordered: str | None = None,
    grouped: bool = False,
) -> list[str]:
    """The query for the lines before the window that a figure still reads: per customer
    and group of `_customer_keys`, the lines of its latest day, its latest day with a rep and
    with a name (a customer's owner and name, its last order for the at-risk list, and that
    it ordered before: a new customer is one whose first order ever falls in the period);
    every line of the orders the order changes name (a change counts for its order's rep);
    and every line of the orders due on the first day read or later (an order is on time or
    late in the period it is due in, however long before it was placed; a due date the
    source keeps as text: every line with one); and the lines of the orders the query
    `ordered` selects, those with a line in the window (see `_window_orders`). Without a
    customer column every earlier line is fetched: nothing would say which of them a figure
    reads. `grouped`: the engine hashes a null-safe join (`_grouped`)."""
    keys = _customer_keys(lines, types)
    if not keys:
        return [
            f"SELECT {', '.join(map(_quoted, columns))} FROM {relation} WHERE {dated} < {first}"
        ]
    edges = _latest(lines, dated)
    names = [part.rsplit(" AS ", 1)[1] for part in edges]
    wanted = [_on_latest_day(dated, n, lines, types) for n in names]
    extra: list[str] = []
    order = {column: header for header, column in lines.items()}.get("order_id")
    due = {column: header for header, column in lines.items()}.get("due_date")
    if due is not None and not types.get(due, "").lower().startswith(("date", "timestamp")):
        extra.append(f"{_quoted(due)} IS NOT NULL")
    elif due is not None:
        # a line due then; `_edges_query` adds its order's other lines (on time is all of
        # them), a semi-join 5x cheaper than a window over the orders of every old line
        extra.append(f"{_quoted(due)} >= {first}")
    if order is not None and changed:
        extra.append(_orders_named(_quoted(order), types.get(order, ""), changed))
    before = f"{dated} < {first}"
    ordered_by = _order_header(lines)
    by = _grouped(dated, lines, types, grouped)
    return [
        _edges_query(
            relation,
            columns,
            edges,
            before,
            keys,
            "earlier",
            wanted,
            ordered_by,
            ordered,
            tuple(extra),
            by,
        )
    ]


def _grouped(dated: str, lines: dict[str, str], types: dict[str, str], engine: bool) -> str | None:
    """The date column to join a group's edge days on, where the engine hashes a join on
    `IS NOT DISTINCT FROM` (DuckDB) and a line of an edge day is one whose date equals it:
    not a timestamp's (`_on_latest_day`). PostgreSQL keeps the window: it does not hash that
    join, and with each key's NULL made a value of its type (COALESCE beside IS NULL, which
    it hashes) the 10M-line month took 37 s instead of the window's 26 s (benchmarks/
    README.md)."""
    header = {column: header for header, column in lines.items()}.get("order_date")
    if not engine or types.get(header or "", "").lower().startswith("timestamp"):
        return None
    return dated


def _orders_named(order: str, kind: str, changed: list[str]) -> str:
    """The predicate on the order column naming the changed orders as salescli reads their
    numbers: a number column compared as numbers (a DOUBLE's 1001 is '1001.0' as text), a
    text one without the spaces around it."""
    named = sorted(set(changed))
    if re.match(_NUMERIC, kind.lower()):
        numbers = [o for o in named if re.fullmatch(r"-?\d+(\.\d+)?", o)]
        return f"{order} IN ({', '.join(numbers)})" if numbers else "FALSE"
    return f"TRIM(CAST({order} AS VARCHAR)) IN ({', '.join(_text(o) for o in named)})"


def _concat(tables: list[pa.Table]) -> pa.Table:
    import pyarrow as pa

    if len(tables) == 1:
        return tables[0]
    return pa.concat_tables(tables, promote_options="permissive")


def _lines(
    header: list[str], name: str, spec: InputSpec, workspace: Workspace | None, label: str
) -> tuple[dict[str, str], set[str]]:
    """The headers the table's mapping reads, each with its canonical column, and the
    unknown ones, fetched too: their values decide whether they could change a figure (a
    second salesperson, a refund), which stops the run as in a file. Only the headers known
    to be harmless and those the settings `ignore` are left in the source. A column the
    table needs and no header gives is refused naming the source's table (`label`)."""
    from salescli.data.normalise import normalise
    from salescli.data.readers import RawSheet

    empty = pd.DataFrame({i: pd.Series([], dtype="string") for i in range(len(header))})
    policy = workspace.policy if workspace is not None else None
    timezone = workspace.policy.timezone if workspace is not None else "Asia/Shanghai"
    try:
        probe = normalise(RawSheet(label, None, empty, 2, header), name, spec, timezone, policy)
    except BadDataError as exc:
        exc.row = None  # a table's columns have no header row
        raise
    used = {line["header"]: line["column"] for line in probe.headers if line.get("column")}
    unknown = {
        line["header"]
        for line in probe.headers
        if not line.get("column") and str(line.get("how", "")).startswith("unknown")
    }
    return used, unknown


def _dated_header(lines: dict[str, str], types: dict[str, str], name: str) -> str | None:
    """The source's header of the table's date column, when the source types it as a date
    (a date written as text is compared by the source as text: never pushed)."""
    found = [header for header, column in lines.items() if column == DATED.get(name)]
    if len(found) != 1 or found[0] not in types:
        return None
    kind = types[found[0]].lower()
    return found[0] if kind.startswith(("date", "timestamp")) else None


def _typed_sheet(table: pa.Table, label: str) -> RawSheet:
    """A typed sheet as the Parquet reader makes one: dates as timestamps, text as pandas'
    text, decimals as numbers; the first data row is row 2 (the header is row 1)."""
    import pyarrow as pa

    from salescli.data.readers import RawSheet

    columns = []
    for described, column in zip(table.schema, table.columns, strict=True):
        _cells_of(described, label)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        # a timestamp with a zone keeps it, as in a Parquet file: the policy's time zone
        # tells its day (cast without it, 02:00 in Shanghai was the day before's UTC)
        if pa.types.is_date(column.type):
            column = column.cast(pa.timestamp("s"))
        elif pa.types.is_string(column.type):
            column = column.cast(pa.large_string())
        elif pa.types.is_decimal(column.type) or pa.types.is_integer(column.type):
            column = _number_cells(column)
        elif _bytes(column.type):
            try:  # bytes that are text (a bytea of UTF-8) are read as it
                column = column.cast(pa.large_string())
            except pa.ArrowInvalid:
                raise _no_cells(described, label) from None
        columns.append(column)
    cells = pa.table(columns, names=[str(i) for i in range(len(columns))]).to_pandas()
    cells.columns = range(len(columns))
    return RawSheet(label, None, cells, 2, [str(c) for c in table.column_names])


def _bytes(kind: pa.DataType) -> bool:
    """Whether a column holds bytes (DuckDB's BLOB is large_binary, a uuid fixed-size)."""
    import pyarrow as pa

    return (
        pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_fixed_size_binary(kind)
    )


def _number_cells(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Decimals as doubles, integers as they are; a column holding a number of 16 digits or
    more before its point (an id of 20 digits, numeric(20,0)) as their text, as a file's,
    where it would become doubles (a decimal, an integer column with a blank, which pandas
    makes doubles): a double holds 15 digits, and 12345678901234567890 and …891 were one
    customer."""
    import pyarrow as pa
    import pyarrow.compute as pc

    decimal = pa.types.is_decimal(column.type)
    if not decimal and not column.null_count:
        return column
    largest = pc.max(pc.abs(column)).as_py()
    if largest is not None and largest >= 10**15:
        return column.cast(pa.large_string())
    return column.cast(pa.float64()) if decimal else column


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _day(value: object, zone: str | None = None) -> date | None:
    """The day of a date or timestamp; a timestamp with a zone (a source's max of a
    timestamptz is in UTC) as its day in `zone`, the policy's, as its lines are read."""
    if value is None:
        return None
    if zone is not None and isinstance(value, datetime) and value.tzinfo is not None:
        value = pd.Timestamp(value).tz_convert(zone)
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value if isinstance(value, date) else None


# --- PostgreSQL (ADBC: libpq's binary COPY read into Arrow in C++, no Python object per cell;
# the statement the server logs is the one built here) ---------------------------------------


class _PostgreSQL:
    keeps_row_order = False  # a table's rows come in no set order (see _row_order_kept)

    def __init__(self, source: Source, spec: InputSpec) -> None:
        self.source = source
        self.secret = _password(spec)
        self.connection = _connect(source, self.secret)

    def _relation(self) -> str:
        if self.source.query:
            return _wrapped(self.source.query)
        return ".".join(_quoted(part) for part in str(self.source.table).split("."))

    def _execute(self, statement: str) -> pa.Table:
        cursor = self.connection.cursor()
        try:
            cursor.execute(statement)
            return cursor.fetch_arrow_table()
        except Exception as exc:  # the driver's errors: a missing table, a wrong query
            self.connection.rollback()
            said = _masked(_server_said(exc), self.secret)
            if getattr(exc, "sqlstate", None) == SYNTAX_ERROR and self.source.query:
                raise _not_parsed(self.source, said) from None
            raise MissingInputError(
                _(
                    "{source}: {reason}",
                    source=self.source.shown,
                    reason=said,
                ),
                hint=_("check table (schema.table) or query in salescli.toml"),
            ) from None
        finally:
            cursor.close()

    def probe(self) -> tuple[list[str], dict[str, str]]:
        schema = self._execute(f"SELECT * FROM {self._relation()} LIMIT 0").schema
        return schema.names, {f.name: _type_name(f) for f in schema}

    files_read = None  # a table, not files

    def relation(self, window: Window | None) -> tuple[str, None]:
        return self._relation(), None

    def table(self, statement: str) -> pa.Table:
        fetched = self._execute(statement)
        money = "money" in map(_type_name, fetched.schema)
        return _as_psycopg_gave(fetched, self.source.label, self._money_digits() if money else 2)

    def _money_digits(self) -> int:
        """The digits of the server's smallest unit of `money` (lc_monetary: 2 for the yuan
        and the dollar, 0 for the yen): the driver gives a money value as a count of it."""
        unit = self._execute("SELECT '1'::money").column(0)[0].as_py()
        return len(str(unit)) - 1

    def span(self, dated: str, zone: str | None = None) -> tuple[date | None, date | None]:
        column = _quoted(dated)
        edges = self.table(  # an infinite date refused as in the lines (see _in_calendar)
            f"SELECT min({column}) AS {column}, max({column}) AS {column} FROM {self._relation()}"
        )
        first, last = (edges.column(i)[0].as_py() for i in range(2))
        return _day(first, zone), _day(last, zone)

    def close(self) -> None:
        self.connection.close()


def _type_name(field: pa.Field) -> str:
    """The server's name of a column's type (`date`, `timestamptz`, `numeric`, `int8`…), as
    the driver keeps it in the field's metadata."""
    said = (field.metadata or {}).get(b"POSTGRESQL:type", b"")
    return said.decode(errors="replace")


def _server_said(exc: Exception) -> str:
    """The server's message in a driver error, without the driver's status prefix
    (`NOT_FOUND: Failed to prepare query: `) and its copy of the statement."""
    text = str(exc).strip()
    text = re.sub(r"^[A-Z_]+: (\[libpq\] )?(Failed to [a-z ]+: )?(ERROR: +)?", "", text)
    return text.split("\nQuery was:", 1)[0].strip()


def _as_psycopg_gave(table: pa.Table, label: str, money_digits: int = 2) -> pa.Table:
    """The columns typed as psycopg's Python values typed them before, so that every figure
    stays what it was (see `_column_as_psycopg_gave`)."""
    import pyarrow as pa

    columns = [
        _column_as_psycopg_gave(field, column, label, money_digits)
        for field, column in zip(table.schema, table.columns, strict=True)
    ]
    return pa.table(columns, names=table.column_names)


def _column_as_psycopg_gave(
    field: pa.Field, column: pa.ChunkedArray, label: str, money_digits: int
) -> pa.ChunkedArray:
    """A column of NULLs only (or of no rows) is Arrow's null; integers are int64; a `real`
    is the double its text says (1.1, not float32's 1.100000023841858); a `numeric`, which
    the driver gives as its text, is a decimal of the column's largest scale; `money`, which
    it gives as a count of cents, is a decimal of `money_digits` digits (psycopg gave its
    text, `$12.50`, which salescli read as 12.50); JSON and XML are their text. A type the
    driver gives only as its binary form (`inet`, `point`, `timetz`…) is refused, naming the
    column: psycopg gave its text, or failed."""
    import pyarrow as pa

    kind = column.type
    if column.null_count == len(column):
        return pa.chunked_array([pa.nulls(len(column))])
    if _type_name(field) == "money":
        return _money(column, money_digits)
    if _type_name(field) == "uuid":
        return _uuid_text(column)
    _in_calendar(field, column, label)
    if pa.types.is_integer(kind):
        return column.cast(pa.int64())
    if pa.types.is_float32(kind):
        return column.cast(pa.string()).cast(pa.float64())
    if isinstance(kind, pa.JsonType):
        return _storage(column)
    if not isinstance(kind, pa.OpaqueType):
        _cells_of(field, label)
        return column
    if kind.type_name == "numeric":
        return _decimal(_storage(column), field, label)
    if kind.type_name == "xml":
        return _storage(column).cast(pa.string())
    raise BadDataError(
        _("PostgreSQL gives a {kind} only in its binary form", kind=kind.type_name),
        file=label,
        column=field.name,
        hint=_("cast the column to text in a query (salescli.toml: query =)"),
    )


def _in_calendars(table: pa.Table, label: str) -> None:
    for described, column in zip(table.schema, table.columns, strict=True):
        _in_calendar(described, column, label)


def _in_calendar(field: pa.Field, column: pa.ChunkedArray, label: str) -> None:
    """Refuses a date or timestamp outside the years 1 to 9999, naming the column and the
    value: PostgreSQL's or DuckDB's `infinity` and `-infinity` (which the drivers give as
    day counts, PostgreSQL's wrapped round) or a year 20000 have no day in Python (an
    internal error)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    if pa.types.is_date32(kind):
        counts, first, last = column.cast(pa.int32()), -719162, 2932896  # days from 1970
    elif pa.types.is_timestamp(kind):
        unit = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[kind.unit]
        counts, first, last = column.cast(pa.int64()), -62135596800 * unit, 253402300800 * unit - 1
    else:
        return
    outside = pc.or_(pc.less(counts, first), pc.greater(counts, last))
    if not pc.any(outside).as_py():
        return
    count = pc.filter(counts, outside)[0].as_py()
    raise BadDataError(
        _("a date the source gives lies outside the years 1 to 9999"),
        file=label,
        column=field.name,
        value=WRAPPED_INFINITY.get((kind.bit_width, count), _far_day(count, kind)),
        hint=_("leave such lines out, or cast the column, in a query (salescli.toml: query =)"),
    )


def _far_day(count: int, kind: pa.DataType) -> str:
    """A day count outside Python's years as its date (numpy's reach further): 20000-01-01."""
    import numpy as np
    import pyarrow as pa

    unit: Any = "D" if pa.types.is_date32(kind) else kind.unit
    return str(np.datetime64(count, unit)).replace("T", " ")


def _cells_of(field: pa.Field, label: str) -> None:
    """Refuses a column whose values are no cell (an array, a composite type, a Parquet
    list or struct, an interval), naming it: such a column was an internal error, as were
    bytes that are not UTF-8 text (a DuckDB BIT, a bytea; see `_typed_sheet`)."""
    import pyarrow as pa

    kind = field.type
    if pa.types.is_nested(kind) or pa.types.is_interval(kind):
        raise _no_cells(field, label)


def _no_cells(field: pa.Field, label: str) -> BadDataError:
    """The refusal of a column of arrays, records, intervals or bytes that are not text."""
    return BadDataError(
        _("salescli reads no cell from a column of {kind}", kind=_type_name(field) or field.type),
        file=label,
        column=field.name,
        hint=_(
            'leave it out (salescli.toml: ignore = ["{column}"]), or cast the column to '
            "text in a query (query =)",
            column=field.name,
        ),
    )


def _uuid_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A `uuid` column (the driver's 16 bytes) as its text, 6f1e2d3c-…, as psycopg gave it."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    storage = _storage(column).combine_chunks()
    raw = np.frombuffer(storage.buffers()[1], np.uint8)[storage.offset * 16 :]
    hexed = pa.array(np.frombuffer(raw[: len(storage) * 16].tobytes().hex().encode(), "S32"))
    hexed = hexed.cast(pa.string())
    parts = [pc.utf8_slice_codeunits(hexed, a, b) for a, b in UUID_GROUPS]
    text = pc.binary_join_element_wise(*parts, "-")
    return pa.chunked_array([pc.if_else(storage.is_valid(), text, None)])


def _money(column: pa.ChunkedArray, digits: int) -> pa.ChunkedArray:
    """A `money` column's counts of the smallest unit as exact decimals: 1250 cents, 12.50."""
    from decimal import Decimal

    import pyarrow as pa
    import pyarrow.compute as pc

    unit = pa.scalar(Decimal(1).scaleb(-digits), pa.decimal128(digits + 1, digits))
    return pc.multiply(column.cast(pa.decimal128(19, 0)), unit)


def _storage(column: pa.ChunkedArray) -> pa.ChunkedArray:
    import pyarrow as pa

    kind = column.type
    return pa.chunked_array([c.storage for c in column.chunks], type=kind.storage_type)


def _decimal(text: pa.ChunkedArray, field: pa.Field, label: str) -> pa.ChunkedArray:
    """`numeric` values' text as decimals of the column's scale (no value rounded); NaN,
    Infinity or more than 76 digits are refused, naming the column and the value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    name = field.name
    precision, scale = _numeric_shape(text, field)
    try:
        if precision <= 38:
            return text.cast(pa.decimal128(precision, scale))
        return text.cast(pa.decimal256(precision, scale))
    except (pa.ArrowInvalid, ValueError):
        bad = pc.invert(pc.match_substring_regex(text, r"^-?[0-9]+(\.[0-9]+)?$"))
        value = pc.filter(text, pc.fill_null(bad, False))
        raise BadDataError(
            _("a numeric value the source gives is not a number salescli can compute with"),
            file=label,
            column=name,
            value=value[0].as_py() if len(value) else None,
            hint=_("leave such lines out, or cast the column, in a query (salescli.toml: query =)"),
        ) from None


def _numeric_shape(text: pa.ChunkedArray, field: pa.Field) -> tuple[int, int]:
    """A `numeric` column's precision and scale: its type's, numeric(18,2), where it has one
    (the driver keeps it as `typmod`, every value has that scale); else the widest of its
    values' text, the scale psycopg's decimals gave. Counted, not matched by a pattern: a
    regular expression took 0.5 s a column at a million lines."""
    import pyarrow as pa
    import pyarrow.compute as pc

    typmod = int((field.metadata or {}).get(b"POSTGRESQL:typmod", b"-1")) - 4
    if typmod >= 0 and (typmod & 0x7FF) <= (typmod >> 16):  # not a negative scale
        return typmod >> 16, typmod & 0x7FF
    length = pc.utf8_length(text)
    point = pc.find_substring(text, ".")
    plain = pc.less(point, 0)
    whole = pc.if_else(plain, length, point)
    scale = pc.max(pc.subtract(pc.subtract(length, whole), pc.if_else(plain, 0, 1))).as_py()
    sign = pc.cast(pc.starts_with(text, "-"), pa.int32())
    return max(int(pc.max(pc.subtract(whole, sign)).as_py()) + scale, 1), int(scale)


def _password(spec: InputSpec) -> str | None:
    """The password `password_command` prints (its last line end removed); None without one
    (libpq then reads PGPASSWORD or ~/.pgpass)."""
    if not spec.password_command:
        return None
    try:
        done = subprocess.run(
            shlex.split(spec.password_command), capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(
            _("password_command could not run: {error}", error=type(exc).__name__),
            hint=_("check the command in salescli.toml"),
        ) from None
    if done.returncode != 0:
        raise ConfigError(
            _("password_command exited {code}", code=done.returncode),
            hint=_("run it yourself to see why (its output is never shown by salescli)"),
        )
    return done.stdout.rstrip("\r\n")


def _masked(text: str, secret: str | None) -> str:
    """`text` without the password, whether given by password_command or PGPASSWORD."""
    secrets = (secret or "", os.environ.get("PGPASSWORD", ""))
    return mask_credentials(text, tuple(s for s in secrets if s))


def _connect(source: Source, secret: str | None) -> Any:
    try:
        import adbc_driver_manager
        import adbc_driver_postgresql.dbapi
    except ImportError:
        raise ConfigError(
            _(
                "{source}: reading PostgreSQL needs adbc-driver-postgresql",
                source=source.shown,
            ),
            hint=_('pip install "salescli[postgres]"'),
        ) from None
    try:
        return adbc_driver_postgresql.dbapi.connect(_libpq_uri(source.address, secret))
    except adbc_driver_manager.Error as exc:
        said = _masked(next(iter(_server_said(exc).splitlines()), "").strip(), secret)
        if re.search(r"password|authentication", str(exc), re.IGNORECASE):
            raise SourceDeniedError(
                _(
                    "{source}: the server refused the login: {reason}",
                    source=source.shown,
                    reason=said,
                ),
                hint=_(
                    "check PGPASSWORD, ~/.pgpass or password_command (passwords are never "
                    "read from salescli.toml)"
                ),
            ) from None
        raise SourceUnreachableError(
            _("{source}: cannot connect: {reason}", source=source.shown, reason=said),
            hint=_("check the host, port and database of the source URI"),
        ) from None


def _libpq_uri(address: str, secret: str | None) -> str:
    """The URI libpq is given: the source's, with a connect timeout of 15 s unless it names
    one, and password_command's password (libpq's own `password` parameter; without one,
    libpq reads PGPASSWORD or ~/.pgpass)."""
    from urllib.parse import quote

    more = [] if re.search(r"[?&]connect_timeout=", address) else ["connect_timeout=15"]
    if secret is not None:
        more.append("password=" + quote(secret, safe=""))
    if not more:
        return address
    joint = "" if address.endswith(("?", "&")) else "&" if "?" in address else "?"
    return address + joint + "&".join(more)


# --- DuckDB: files, folders, Delta, Iceberg, SQLite and DuckDB files --------------------------


class _DuckDB:
    grouped_edges = True  # hashes a join on IS NOT DISTINCT FROM (sources._grouped)
    layout: frozenset[str] = frozenset()  # a folder's keys placing lines by day (`probe`)

    def __init__(self, source: Source) -> None:
        self.source = source
        self.connection = _duckdb(source)
        self.files_read: tuple[int, int] | None = None
        self.iceberg = ""  # one snapshot for every query, even if a commit lands meanwhile
        # a Delta table's partition columns DuckDB reads empty (`_empty_partitions`)
        self.mapping, self.empty = (
            _empty_partitions(Path(source.address)) if source.kind == "delta" else ("none", [])
        )
        if source.kind == "iceberg":
            try:
                self.iceberg = _iceberg_snapshot(source.address)
            except SalescliError:
                self.connection.close()
                raise

    def _relation(self, window: Window | None = None) -> tuple[str, tuple[int, int] | None]:
        kind, address = self.source.kind, self.source.address
        if self.source.query:
            return _wrapped(self.source.query), None
        if kind in ("sqlite", "duckdb"):
            table = ".".join(_quoted(p) for p in str(self.source.table).split("."))
            return f"source.{table}", None
        if kind == "delta":
            return f"delta_scan({_text(address)})", None
        if kind == "iceberg":
            return f"iceberg_scan({self.iceberg})", None
        every = _files(Path(address), "*.parquet" if kind == "parquet" else "*.csv")
        if not every:
            raise SourceUnreachableError(
                _("no {kind} files in {folder}", kind=kind, folder=address),
                hint=_("check the folder or glob in salescli.toml"),
            )
        chosen = [f for f in every if window is None or _partition_needed(f, window)]
        listed = _listed(chosen)
        if not chosen:  # no partition reaches the window: the header of one, no rows
            listed, chosen_rows = "[" + _text(str(every[0])) + "]", " LIMIT 0"
        else:
            chosen_rows = ""
        scan = _scan(kind, listed)
        if chosen_rows:
            scan = f"(SELECT * FROM {scan}{chosen_rows})"
        return scan, (len(chosen), len(every))

    def row_groups(self, header: str, window: Window) -> RowGroups | None:
        """The row groups of a Parquet source the window's query reads (see `RowGroups`),
        told from the files' footers; None for another kind of source or a query."""
        if self.source.kind != "parquet" or self.source.query:
            return None
        import pyarrow.parquet as pq

        read = total = rows_read = rows_total = 0
        for file in _files(Path(self.source.address), "*.parquet"):
            metadata = pq.ParquetFile(file).metadata  # the footer only
            needed = _partition_needed(file, window)
            for number in range(metadata.num_row_groups):
                group = metadata.row_group(number)
                total, rows_total = total + 1, rows_total + group.num_rows
                if needed and _group_reaches(group, header, window):
                    read, rows_read = read + 1, rows_read + group.num_rows
        return RowGroups(read, total, rows_read, rows_total)

    def probe(self) -> tuple[list[str], dict[str, str]]:
        """The columns and their types; a folder's partition keys are columns (`状态=已取消/`
        says its lines' status, as Hive, Spark and Trino read it); those that place lines by
        their day (`month=2024-05/`) are `layout`, read only where a setting maps one (each
        line's own date is read)."""
        relation = self._relation()[0]
        described = self._execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
        keys = _partition_keys(self.source)
        own: set[str] = set()
        if keys:
            files = _files(Path(self.source.address), f"*.{self.source.kind}")
            listed = _listed(files)
            scan = _scan(self.source.kind, listed, hive=False)
            own = {row[0] for row in self._execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}
            for key in (k for k in keys if k in own):
                self._key_agrees(key, _scan(self.source.kind, listed, hive=False, named=True))
        self.layout = frozenset(k for k in keys if k in PARTITION_KEYS and k not in own)
        return [row[0] for row in described], {row[0]: str(row[1]) for row in described}

    def _key_agrees(self, key: str, scan: str) -> None:
        """A partition key named like a column of the files under it (`状态=已完成/` over
        files holding 状态): the folder's value is read (as Spark reads it), so a line whose
        own value is another is refused, naming both: which is the line's is not said."""
        column = _quoted(key)
        value = f"CAST({column} AS VARCHAR)"
        segment = r"[/\\]" + re.escape(key) + r"=([^/\\]*)[/\\]"  # the key's folder in a path
        folder = f"regexp_extract(salescli_file, {_text(segment)}, 1)"
        found = self._execute(
            f"SELECT salescli_file, {value}, {folder} FROM {scan} "
            f"WHERE {value} IS NOT NULL AND {value} IS DISTINCT FROM {folder} LIMIT 1"
        ).fetchone()
        if found is None:
            return
        file, own, named = found
        raise BadDataError(
            _(
                "a line holds {column} {value} under the folder {key}={folder}: which of them "
                "is the line's is not said",
                column=key,
                value=own,
                key=key,
                folder=named,
            ),
            file=file,
            column=key,
            value=own,
            hint=_(
                "a folder key named like a column of its files must hold each line's value: "
                "move the file to its folder, or name the key apart from the column"
            ),
        )

    def relation(self, window: Window | None) -> tuple[str, tuple[int, int] | None]:
        return self._relation(window)

    def table(self, statement: str) -> pa.Table:
        """The statement's rows; for a Delta or Iceberg scan, the files the first statement
        (the window's) read of the table's, from DuckDB's profile."""
        profiled = self.source.kind in ("delta", "iceberg") and self.files_read is None
        if profiled:
            self.connection.execute("PRAGMA enable_profiling = 'no_output'")
        result = self._execute(statement)
        table = result.to_arrow_table() if hasattr(result, "to_arrow_table") else result.arrow()
        _in_calendars(table, self.source.label)
        if profiled:
            profile = self.connection.get_profiling_information(format="json")
            self.connection.execute("PRAGMA disable_profiling")
            found = re.search(r'"Scanning Files": "(\d+)/(\d+)"', profile)
            if found:
                self.files_read = (int(found[1]), int(found[2]))
            # an Iceberg scan says only the files it read: the snapshot's are counted apart
            found = re.search(r'"Total Files Read": "(\d+)"', profile)
            if found and self.source.kind == "iceberg":
                self.files_read = (int(found[1]), self._iceberg_files())
        return table

    def _iceberg_files(self) -> int:
        """The data files of the snapshot read (those a commit removed are not listed)."""
        listed = f"iceberg_metadata({self.iceberg})"
        return int(
            self._execute(
                f"SELECT count(*) FROM {listed} WHERE manifest_content = 'DATA' "
                "AND 'DELETED' NOT IN (status, content)"
            ).fetchone()[0]
        )

    def span(self, dated: str, zone: str | None = None) -> tuple[date | None, date | None]:
        relation = self._relation()[0]
        column = _quoted(dated)
        result = self._execute(
            f"SELECT min({column}) AS {column}, max({column}) AS {column} FROM {relation}"
        )
        if isinstance(self.connection, _SQLite):
            first, last = result.fetchone()
        else:  # as Arrow: DuckDB makes a zoned timestamp a Python value only with pytz
            span = result.to_arrow_table() if hasattr(result, "to_arrow_table") else result.arrow()
            _in_calendars(span, self.source.label)
            first, last = (None if pd.isna(v) else v for v in span.to_pandas().iloc[0])
        return _day(first, zone), _day(last, zone)

    def _execute(self, statement: str) -> Any:
        import duckdb

        try:
            return self.connection.execute(statement)
        except duckdb.Error as exc:
            if self.source.kind == "csv" and "not utf-8 encoded" in str(exc):
                raise _not_utf8(self.source, str(exc)) from None
            if self.source.kind == "delta" and (found := re.search(_ELSEWHERE, str(exc))):
                raise _shallow_clone(self.source, found[1]) from None
            if isinstance(exc, duckdb.InvalidInputException | duckdb.ConversionException):
                raise _unreadable(self.source, str(exc)) from None
            if isinstance(exc, duckdb.ParserException) and self.source.query:
                raise _not_parsed(self.source, str(exc).splitlines()[0]) from None
            raise MissingInputError(
                _("{source}: {reason}", source=self.source.shown, reason=str(exc).splitlines()[0]),
                hint=_("check source, table or query in salescli.toml"),
            ) from None

    def close(self) -> None:
        self.connection.close()


def _wrapped(query: str) -> str:
    """A user's query as the relation salescli's statements read, on lines of its own: a
    query ending in a `-- comment` would otherwise comment out the `) AS source` after it."""
    return f"(\n{query}\n) AS source"


SYNTAX_ERROR = "42601"  # PostgreSQL's SQLSTATE for a statement that does not parse


def _not_parsed(source: Source, reason: str) -> ConfigError:
    """A `query` the source cannot parse: the setting is wrong (78), not a table missing."""
    return ConfigError(
        _("{source}: the query does not parse: {reason}", source=source.shown, reason=reason),
        hint=_(
            "correct query in salescli.toml: one SELECT, in the source's own SQL (PostgreSQL, "
            "SQLite or DuckDB), whose rows are the table"
        ),
    )


# DuckDB's delta reader joins the table's folder and a file's path even when the path is a
# whole URI, as a shallow clone's log names the files of the table it was cloned from
_ELSEWHERE = r'Cannot open file "[^"]*?/((?:file|s3a?|abfss?|gs|hdfs|dbfs|wasbs?):/[^"]*)"'


def _shallow_clone(source: Source, elsewhere: str) -> BadDataError:
    """A Delta table whose log names files by their whole address, outside its folder (a
    shallow clone): DuckDB's delta reader cannot open them, whatever they hold."""
    return BadDataError(
        _(
            "a Delta table whose files are another table's ({file}: a shallow clone): "
            "DuckDB's delta reader cannot read files named by their whole address",
            file=elsewhere,
        ),
        file=source.address,
        hint=_(
            "read a deep clone (CREATE TABLE … DEEP CLONE …) or the table cloned, named by "
            "source, if the clone has no commits of its own"
        ),
    )


def _unreadable(source: Source, said: str) -> BadDataError:
    """A file of the source that is there but cannot be read (damaged, cut short, not of its
    kind at all), or a value the engine cannot convert: bad data (65), not a missing table."""
    found = re.search(r"file '([^']+)'", said) or re.search(r"^\s*file = (.+)$", said, re.M)
    return BadDataError(
        said.splitlines()[0],
        file=found[1].strip() if found else source.shown,
        hint=_(
            "export the file again, or move it out of the source's folder if it is not one "
            "of the table's files"
        ),
    )


def _not_utf8(source: Source, said: str) -> BadDataError:
    """A CSV folder whose files are not UTF-8 (a GBK export, the usual case in China): DuckDB
    reads UTF-8 only, where an export named by `path` is read in any encoding."""
    found = re.search(r"^\s*file = (.+)$", said, re.MULTILINE)
    file = found[1].strip() if found else source.address
    pattern = str(Path(source.address) / "*.csv") if Path(source.address).is_dir() else None
    return BadDataError(
        _(
            "{file}: not UTF-8 (a GBK export?), and a CSV folder read as a source is read as "
            "UTF-8 only",
            file=file,
        ),
        file=file,
        hint=_(
            'read the files as exports, path = "{pattern}" in place of source under the '
            "table's [inputs.…] (an export is read in any encoding); or convert them to UTF-8 "
            "(iconv -f gbk -t utf-8)",
            pattern=pattern or source.address,
        ),
    )


def _duckdb(source: Source) -> Any:
    try:
        import duckdb
    except ImportError:
        raise ConfigError(
            _("{source}: reading this source needs DuckDB", source=source.shown),
            hint=_('pip install "salescli[sources]"'),
        ) from None
    if source.kind in ("sqlite", "duckdb") and not Path(source.address).is_file():
        raise SourceUnreachableError(
            _("no database file {file}", file=source.address),
            hint=_("check the source's path in salescli.toml"),
        )
    if source.kind == "iceberg" and Path(source.address).is_file():
        pass  # a metadata file named as the address
    elif source.kind in LAKE_TABLES and not Path(source.address).is_dir():
        raise SourceUnreachableError(
            _("no {kind} table folder {folder}", kind=source.kind, folder=source.address),
            hint=_("check the source's path in salescli.toml"),
        )
    connection = duckdb.connect(":memory:")
    # text as Arrow's large_string, the type pandas keeps it in: not copied once more
    connection.execute("SET arrow_large_buffer_size = true")
    if source.kind == "duckdb":
        connection.execute(f"ATTACH {_text(source.address)} AS source (READ_ONLY)")
        connection.execute("USE source")  # a query names the file's tables as its own
    elif source.kind == "sqlite":
        connection.close()
        return _SQLite(source.address)
    elif source.kind == "delta":
        _load(connection, "delta")
    elif source.kind == "iceberg":
        for extension in ("avro", "httpfs", "iceberg"):
            _load(connection, extension)
    return connection


def _empty_partitions(folder: Path) -> tuple[str, list[str]]:
    """The column mapping mode of a Delta table and the partition columns DuckDB reads empty.
    Column mapping (a column's data kept under a physical name, col-<uuid>, as Spark needs
    for headers such as 金额(元)) keys a file's partition values by that physical name too,
    and DuckDB's delta reader looks them up by the column's own name: every partition column
    reads empty, with no error (duckdb-delta issue 343), so a table partitioned by 销售代表
    put every line under no rep. The other features are DuckDB's to judge: it refuses those
    it does not know."""
    metadata = _delta_metadata(folder) or {}
    configuration = metadata.get("configuration") or {}
    if isinstance(configuration, list):  # a checkpoint's map, as Arrow gives it
        configuration = dict(configuration)
    mode = str(configuration.get("delta.columnMapping.mode") or "none")
    partitions = [str(c) for c in metadata.get("partitionColumns") or []]
    return mode, partitions if mode != "none" else []


def _empty_read(source: Source, mode: str, empty: list[str], columns: list[str]) -> None:
    """Refuses the columns read that DuckDB reads empty (`_empty_partitions`); a partition
    column no figure needs can be left out (ignore) and the table read."""
    read = [column for column in empty if column in columns]
    if read:
        raise BadDataError(
            _(
                "a Delta table with column mapping (delta.columnMapping.mode = {mode}) "
                "partitioned by {columns}: DuckDB's delta reader reads those columns empty",
                mode=mode,
                columns=", ".join(read),
            ),
            file=source.address,
            hint=_(
                "read a copy without column mapping, e.g. the table written out as a Parquet "
                "folder (Spark: df.write.partitionBy(...).parquet(folder)) named by source; "
                'or, if no figure needs {column}, leave it out: ignore = ["{column}"]',
                column=read[0],
            ),
        )


def _delta_metadata(folder: Path) -> dict[str, Any] | None:
    """The table's current metaData action: that of the newest commit after the latest
    checkpoint that has one, else the checkpoint's. None when the log says none (or cannot
    be read here): DuckDB then says what is wrong with it."""
    log = folder / "_delta_log"
    commits: dict[int, Path] = {}
    checkpoints: dict[int, list[Path]] = {}
    for file in log.iterdir() if log.is_dir() else []:
        if found := DELTA_COMMIT.fullmatch(file.name):
            commits[int(found[1])] = file
        elif found := DELTA_CHECKPOINT.fullmatch(file.name):
            checkpoints.setdefault(int(found[1]), []).append(file)
    since = max(checkpoints, default=-1)
    try:
        for version in sorted((v for v in commits if v > since), reverse=True):
            for line in commits[version].read_text(encoding="utf-8").splitlines():
                action = json.loads(line) if line.strip() else {}
                if isinstance(action, dict) and action.get("metaData"):
                    return dict(action["metaData"])
        for file in sorted(checkpoints.get(since, [])):
            kept = _checkpoint_metadata(file)
            if kept:
                return kept
    except (OSError, ValueError, KeyError):
        return None
    return None


def _checkpoint_metadata(file: Path) -> dict[str, Any] | None:
    """A checkpoint's metaData action (a part of a multi-part one may have none)."""
    if file.suffix == ".json":  # a v2 checkpoint written as JSON
        for line in file.read_text(encoding="utf-8").splitlines():
            action = json.loads(line) if line.strip() else {}
            if isinstance(action, dict) and action.get("metaData"):
                return dict(action["metaData"])
        return None
    import pyarrow.parquet as pq

    if "metaData" not in pq.read_schema(file).names:
        return None
    column = pq.read_table(file, columns=["metaData"]).column("metaData")
    return next((dict(row) for row in column.to_pylist() if row), None)


def _iceberg_snapshot(address: str) -> str:
    """iceberg_scan's arguments for the table's current snapshot. DuckDB finds it through
    metadata/version-hint.text, which Hadoop tables write but catalogs (pyiceberg's SQL
    catalog, Hive, Glue, REST) do not: salescli then reads the metadata file with the highest
    version, as a catalog commits one version after the other; so too when a metadata file
    is newer than the hint (`_hinted`). Two files of that version (a
    commit under way, or one that failed) are refused: only the catalog knows which is
    current. A metadata file named as the address is read as it is."""
    path = Path(address)
    if path.is_file():
        return _metadata_file(path)
    metadata = path / "metadata"
    versions: dict[int, list[Path]] = {}
    for file in metadata.iterdir() if metadata.is_dir() else []:
        found = ICEBERG_METADATA.fullmatch(file.name)
        if found and file.is_file():
            versions.setdefault(int(found[1]), []).append(file)
    hinted = _hinted(metadata)
    if hinted is not None and hinted >= max(versions, default=hinted):  # not a stale hint
        named = versions.get(hinted, [None])[0]
        moved = named is None or _moved(named, _readable_iceberg(named))
        return _text(address) + (", allow_moved_paths = true" if moved else "")
    if not versions:
        raise _not_iceberg(path, metadata)
    latest = sorted(versions[max(versions)])
    if len(latest) > 1:
        raise BadDataError(
            _(
                "{count} metadata files claim version {version} of the Iceberg table: {files}",
                count=len(latest),
                version=max(versions),
                files=", ".join(f.name for f in latest),
            ),
            file=metadata,
            hint=_(
                "a commit is under way or failed: run again later, or name the current "
                'one (the catalog knows it): source = "iceberg://{folder}/metadata/FILE"',
                folder=path,
            ),
        )
    return _metadata_file(latest[0])


def _hinted(metadata: Path) -> int | None:
    """The version metadata/version-hint.text names, None without one. It is only a hint: a
    Hadoop table writes vN.metadata.json first, the hint after, and a writer stopped between
    (or a copy taken meanwhile, or a catalog that took the table over) leaves it naming an
    older version, which DuckDB would read; Iceberg's own reader moves on to the newest, and
    so does `_iceberg_snapshot`."""
    try:
        return int((metadata / "version-hint.text").read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _metadata_file(file: Path) -> str:
    """iceberg_scan's arguments for one metadata file: from its table's folder when it is in
    one, so that a table moved or copied elsewhere still finds its data files."""
    table = _readable_iceberg(file)
    if file.parent.name != "metadata":
        return _text(str(file))
    version = file.name.removesuffix(".metadata.json")
    gzip = ", metadata_compression_codec = 'gzip'" if version.endswith(".gz") else ""
    version = version.removesuffix(".gz")  # DuckDB adds it back for gzip
    moved = ", allow_moved_paths = true" if _moved(file, table) else ""
    return f"{_text(str(file.parent.parent))}, version = {_text(version)}{moved}{gzip}"


def _readable_iceberg(file: Path) -> dict[str, Any] | None:
    """The table's metadata file as JSON (None if it cannot be read here: DuckDB then says
    why), refused when DuckDB cannot read its table. A partition field's name (Spark's
    下单日期_month for months(下单日期), an identity partition's column name) is written into
    each manifest's Avro schema; DuckDB's Avro reader takes only ASCII names and throws an
    exception that nothing catches: the program is aborted (134), without a word."""
    import gzip

    try:
        text = gzip.decompress(file.read_bytes()) if ".gz." in file.name else file.read_bytes()
        table = json.loads(text)
    except (OSError, ValueError):
        return None
    if not isinstance(table, dict):
        return None
    specs = table.get("partition-specs") or [{"fields": table.get("partition-spec") or []}]
    names = [
        str(field.get("name"))
        for spec in specs
        if isinstance(spec, dict)
        for field in spec.get("fields") or []
        if isinstance(field, dict)
    ]
    # a writer replaces the characters Avro does not take (a space: _x20), but keeps what
    # it deems a letter or digit, 下 as well as x
    odd = [name for name in names if any(ord(c) > 127 and c.isalnum() for c in name)]
    if odd:
        raise BadDataError(
            _(
                "the Iceberg table names a partition field {fields}, and DuckDB's iceberg "
                "reader cannot read a partition field whose name has letters beyond ASCII (it "
                "stops the program)",
                fields=", ".join(dict.fromkeys(odd)),
            ),
            file=file.parent.parent if file.parent.name == "metadata" else file,
            hint=_(
                "read a copy written out as a Parquet folder (Spark: "
                "df.write.partitionBy(...).parquet(folder)) named by source, or have the "
                "table's partition fields named in ASCII when it is written (Spark: ADD "
                "PARTITION FIELD months(下单日期) AS order_month)"
            ),
        )
    return table


def _moved(file: Path, table: dict[str, Any] | None) -> bool:
    """Whether the table of a metadata file in its metadata/ folder was written elsewhere
    (its `location` another folder: a copy brought from a server): DuckDB's
    allow_moved_paths then reads the data files under the folder it is in now. A table that
    has not moved is read without it: its data files may lie outside its folder (Spark's
    migrate and add_files keep a Hive table's files where they were), and allow_moved_paths
    put the table's folder in front of their paths. Unknown (unreadable): moved."""
    from urllib.parse import unquote, urlparse

    if table is None or not table.get("location"):
        return True
    location = urlparse(str(table["location"]))
    if location.scheme not in ("", "file"):
        return True
    return Path(unquote(location.path)).resolve() != file.parent.parent.resolve()


def _not_iceberg(folder: Path, metadata: Path) -> SourceUnreachableError:
    """No metadata file: the folder is not an Iceberg table (a warehouse above the tables,
    a copy without its metadata, plain Parquet files)."""
    below = sorted(
        str(found.parent.relative_to(folder))
        for pattern in ("*/metadata", "*/*/metadata")
        for found in folder.glob(pattern)
        if found.is_dir()
    )
    if below:
        hint = _("point the source at one table's folder: {tables}", tables=", ".join(below[:3]))
    else:
        hint = _(
            "an Iceberg table's folder holds metadata/ (NNNNN-….metadata.json) and data/; "
            'for plain Parquet files say format = "parquet"'
        )
    if metadata.is_dir():
        message = _("{folder} is not an Iceberg table: no metadata file in it", folder=metadata)
    else:
        message = _("{folder} is not an Iceberg table: it has no metadata folder", folder=folder)
    return SourceUnreachableError(message, hint=hint)


def _load(connection: Any, extension: str) -> None:
    """DuckDB's extension from its PyPI package (duckdb-extension-NAME): DuckDB's own
    download is not needed, nor always reachable."""
    import importlib

    try:
        module = importlib.import_module(f"duckdb_extension_{extension.replace('-', '_')}")
    except ImportError:
        raise ConfigError(
            _("reading a {kind} table needs DuckDB's {kind} extension", kind=extension),
            hint=_('pip install "salescli[sources]" (duckdb-extension-{kind})', kind=extension),
        ) from None
    folder = Path(str(module.__file__)).parent / "extensions" / DUCKDB_VERSION
    connection.execute(f"LOAD {_text(str(folder / f'{extension}.duckdb_extension'))}")


class _SQLite:
    """SQLite through the standard library, answering as a DuckDB connection does. Its
    dates are text, so only the columns are pushed, never a date."""

    def __init__(self, path: str) -> None:
        import sqlite3

        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def execute(self, statement: str) -> _SQLiteResult:
        import duckdb  # the error type the reader catches

        described = statement.startswith("DESCRIBE ")
        statement = statement.removeprefix("DESCRIBE ").replace(" source.", " ", 1)
        try:
            cursor = self.connection.execute(statement + (" LIMIT 0" if described else ""))
        except Exception as exc:  # a statement that does not parse, told apart as DuckDB does
            parsed = not re.search(r"syntax error|incomplete input|unrecognized token", str(exc))
            raise (duckdb.Error if parsed else duckdb.ParserException)(str(exc)) from None
        if described:
            return _SQLiteResult(None, [(d[0], "") for d in cursor.description])
        return _SQLiteResult(cursor)

    def close(self) -> None:
        self.connection.close()


class _SQLiteResult:
    def __init__(self, cursor: Any, rows: list[tuple] | None = None) -> None:
        self.cursor = cursor
        self.rows = rows

    def fetchall(self) -> list[tuple]:
        return self.rows if self.rows is not None else self.cursor.fetchall()

    def fetchone(self) -> tuple:
        return tuple(self.cursor.fetchone())

    def arrow(self) -> pa.Table:
        import pyarrow as pa

        names = [d[0] for d in self.cursor.description]
        records = self.cursor.fetchall()
        return pa.table({n: _sqlite_cells([r[i] for r in records]) for i, n in enumerate(names)})


def _sqlite_cells(values: list) -> pa.Array:
    """A SQLite column's values. SQLite keeps each cell's own type: '1,234.50' stays text in
    a REAL column beside the numbers of other rows (and 'abc' in an INTEGER one); such a
    column is read as its cells' text (40, 40.5, 1,234.50), and judged as a file's cells are."""
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if len(kinds) < 2 or kinds == {int, float}:
        return pa.array(values)
    texts = [v.decode(errors="replace") if isinstance(v, bytes) else v for v in values]
    # a whole REAL as a typed column gives it (a customer id 1001.0 is 1001, not 1001.0)
    texts = [int(v) if isinstance(v, float) and v.is_integer() else v for v in texts]
    return pa.array([v if v is None else str(v) for v in texts], pa.string())


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _listed(files: list[Path]) -> str:
    """Files as a DuckDB list of paths."""
    return "[" + ", ".join(_text(str(f)) for f in files) + "]"


def _scan(kind: str, listed: str, hive: bool = True, named: bool = False) -> str:
    """DuckDB's scan of a Parquet or CSV folder's files, their columns matched by name; with
    `hive`, each partition key a column of text (`客户编号=00123/` stays 00123); `named`, each
    line's file in the column salescli_file."""
    read = "read_parquet" if kind == "parquet" else "read_csv"
    options = (
        "hive_partitioning = true, hive_types_autocast = false"
        if hive
        else ("hive_partitioning = false")
    )
    if named:
        options += ", filename = 'salescli_file'"
    csv = "" if kind == "parquet" else f", {CSV}"
    return f"{read}({listed}, {options}, union_by_name = true{csv})"


def _partition_keys(source: Source) -> list[str]:
    if source.kind not in ("parquet", "csv"):
        return []
    keys: list[str] = []
    for part in Path(source.address).rglob("*=*") if Path(source.address).is_dir() else []:
        key = part.name.split("=", 1)[0]
        if part.is_dir() and key not in keys:
            keys.append(key)
    return keys


def _group_reaches(group: Any, header: str, window: Window) -> bool:
    """Whether a Parquet row group's date statistics reach the window's days; a group
    without them (or without the column) may hold any day, so it is read."""
    chunks = [group.column(i) for i in range(group.num_columns)]
    stats = next((c.statistics for c in chunks if c.path_in_schema == header), None)
    if stats is None or not stats.has_min_max:
        return True
    first, last = _day(stats.min), _day(stats.max)
    if first is None or last is None:
        return True
    return first <= window.until and (window.since is None or last >= window.since)


def _partition_needed(file: Path, window: Window) -> bool:
    """Whether a hive partition's file may hold a line of the window's days: a partition
    `month=2024-06` after its last day or `month=2021-08` before its first is skipped; any
    other key keeps the file."""
    for part in file.parts:
        key, _sign, value = part.partition("=")
        width = PARTITION_KEYS.get(key)
        iso = re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) and len(value) == width
        if width and iso and value > window.until.isoformat()[:width]:
            return False
        if width and iso and window.since and value < window.since.isoformat()[:width]:
            return False
    return True
