"""Apache Spark as the engine that reads a data lake's folder (`[engine] kind = "spark"`).

A Parquet or CSV folder named by `[inputs.NAME] source` is registered as a temporary view of
a Spark session, and the statements data/sources.py builds for DuckDB (the columns, the
period's window, each customer's edge lines before and after it, the coverage's min and max)
are translated to Spark's dialect by sqlglot and run by Spark SQL; the rows come back as
Arrow and go on as DuckDB's do. A hive-partitioned folder (`month=2024-05/`) is pruned by
Spark itself: the window's statement filters the partition columns as
`sources._partition_needed` does, and the files read are counted from the scan's metrics.

A CSV folder is read as text (every value then checked by salescli as in a file): Spark's
type inference would read an id such as 00123 as the number 123. Its dates being text, its
window is not pushed. Databases, Delta and Iceberg tables and a source's `query` keep their
own reader (Spark reads Delta only with jars fetched from the network).

One session serves a whole run: started at the first table Spark reads, with Spark's own
console output (the JVM's log, the progress bar) kept off the user's stderr.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import re
import shutil
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from salescli.data.sources import (
    PARTITION_KEYS,
    SourceUnreachableError,
    _day,
    _files,
    _not_utf8,
    _partition_keys,
    _quoted,
)
from salescli.errors import BadDataError, ConfigError, MissingInputError
from salescli.i18n import _

if TYPE_CHECKING:
    import pyarrow as pa

    from salescli.config import EngineSettings
    from salescli.data.sources import Source, Window

# the session's settings unless [engine] conf says otherwise: no web UI, few shuffle
# partitions (the statements are small), zoned timestamps returned as UTC instants (salescli
# tells their day in the policy's time zone), partition values as written (month=05 stays 05)
DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
}
READS = ("parquet", "csv")
_views = itertools.count(1)


class _Held:
    session: Any = None


class SparkEngine:
    """`[engine] kind = "spark"`: Spark reads a Parquet or CSV folder (or glob) without
    `query`; every other source keeps its own reader (sources.Engine)."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings

    def reader(self, source: Source) -> SparkReader | None:
        if source.kind not in READS or source.query:
            return None
        return SparkReader(source, self.settings)

    def said(self, name: str, read: bool) -> str:
        if read:
            return _(
                "{table}: read by Spark (master {master})",
                table=name,
                master=self.settings.master,
            )
        return _(
            '{table}: read by its own reader, not Spark: [engine] kind = "spark" reads '
            "Parquet and CSV folders without query",
            table=name,
        )


def session(engine: EngineSettings) -> Any:
    """The run's Spark session, started once."""
    if _Held.session is None:
        _Held.session = _start(engine)
    return _Held.session


def stop() -> None:
    """Stop the session (at exit, or at the end of a test module)."""
    if _Held.session is not None:
        _Held.session.stop()
        _Held.session = None


def _start(engine: EngineSettings) -> Any:
    try:
        import sqlglot  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError(
            _(
                '[engine] kind = "spark" needs {package}, which is not installed',
                package=(exc.name or "pyspark").split(".")[0],
            ),
            hint=_('pip install "salescli[spark]" (PySpark and sqlglot); Spark runs on Java 17'),
        ) from None
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not java_home:
        raise ConfigError(
            _('[engine] kind = "spark" needs Java, and no java command was found'),
            hint=_(
                "install Java 17 (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
            ),
        )
    if engine.master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no other interface is looked up
    builder = SparkSession.builder.master(engine.master).appName("salescli")
    for key, value in {**DEFAULTS, **engine.conf}.items():
        builder = builder.config(key, str(value).lower() if isinstance(value, bool) else value)
    # PySpark's own FutureWarnings (its pandas support) are not the user's to read
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\.")
    try:
        with _silent_stderr():
            started = builder.getOrCreate()
            started.sparkContext.setLogLevel("ERROR")
    except Exception as exc:  # the JVM did not start: no or an old Java, a wrong master
        raise ConfigError(
            _(
                "Spark could not start (master {master}): {reason}",
                master=engine.master,
                reason=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
            ),
            hint=_(
                "Spark 4 needs Java 17 or later (java -version; JAVA_HOME) and a master it "
                "can reach ([engine] master)"
            ),
        ) from None
    atexit.register(stop)
    return started


@contextlib.contextmanager
def _silent_stderr() -> Iterator[None]:
    """The JVM Spark starts inherits a stderr that goes nowhere: its log lines and warnings
    (log4j's first lines come before any log level can be set) never reach the user's."""
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(null)
        os.close(saved)


def _in_utf8(source: Source) -> None:
    """Spark reads a CSV folder as UTF-8, and a GBK file's 张三 and 李四 would both become
    replacement characters: a file that is not UTF-8 is refused as DuckDB refuses it, with
    the hint to read the files as exports (in any encoding)."""
    import codecs

    for file in _files(Path(source.address), "*.csv"):
        decoder = codecs.getincrementaldecoder("utf-8")()
        with file.open("rb") as stream:
            try:
                while block := stream.read(1 << 20):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise _not_utf8(source, f"file = {file}") from None


def _no_key_among_columns(source: Source, keys: set[str]) -> None:
    """A folder's partition key named like a column of its files (`状态=已完成/` over files
    that hold 状态): Spark reads the folder's value over each file's, and a cancelled line
    filed under 已完成 would count. Refused, naming the file and the column; DuckDB compares
    the two on every line (`sources._DuckDB._key_agrees`)."""
    if not keys:
        return
    import csv

    import pyarrow.parquet as pq

    parquet = source.kind == "parquet"
    for file in _files(Path(source.address), "*.parquet" if parquet else "*.csv"):
        if parquet:
            columns = pq.read_schema(file).names
        else:
            with file.open(encoding="utf-8-sig", errors="replace", newline="") as text:
                columns = next(csv.reader(text), [])
        both = sorted(keys & set(columns))
        if both:
            raise BadDataError(
                _(
                    "the folder key {key} is also a column of the files under it: Spark "
                    "would read the folder's value over each line's own",
                    key=both[0],
                ),
                file=file,
                column=both[0],
                hint=_(
                    'read the folder without the Spark engine (no [engine] kind = "spark"), '
                    "which checks that each line's value is its folder's, or give the folder "
                    "key another name"
                ),
            )


class SparkReader:
    """A Parquet or CSV folder read by Spark SQL, answering as sources._DuckDB does."""

    keeps_row_order = False  # files are packed into partitions by size (_row_order_kept)
    layout: frozenset[str] = frozenset()  # a folder's keys placing lines by day (`probe`)

    def __init__(self, source: Source, engine: EngineSettings) -> None:
        self.source = source
        self.engine = engine
        pattern = "*.parquet" if source.kind == "parquet" else "*.csv"
        if not _files(Path(source.address), pattern):
            raise SourceUnreachableError(
                _("no {kind} files in {folder}", kind=source.kind, folder=source.address),
                hint=_("check the folder or glob in salescli.toml"),
            )
        if source.kind == "csv":
            _in_utf8(source)
        self.spark = session(engine)
        self.view = f"salescli_source_{next(_views)}"
        self._run(lambda: self._load().createOrReplaceTempView(self.view))
        self.total = len(self.spark.table(self.view).inputFiles())
        self.files_read: tuple[int, int] | None = None

    def _load(self) -> Any:
        """The folder as one table, each file's columns matched by name: Parquet files'
        schemas are merged (a column only the later files have is read, not dropped), a CSV
        file whose header differs from the first's is refused (Spark would otherwise read
        its columns by place)."""
        read = self.spark.read
        if self.source.kind == "csv":  # text: see the module's docstring
            options = {"header": True, "inferSchema": False, "enforceSchema": False}
            return read.options(**options).csv(self.source.address)
        return read.options(mergeSchema=True).parquet(self.source.address)

    @property
    def version(self) -> str:
        return str(self.spark.version)

    def spoken(self, statement: str) -> str:
        """The statement in Spark's dialect."""
        import sqlglot

        return str(sqlglot.transpile(statement, read="duckdb", write="spark")[0])

    def probe(self) -> tuple[list[str], dict[str, str]]:
        types = dict(self.spark.table(self.view).dtypes)
        partitions = set(_partition_keys(self.source))
        _no_key_among_columns(self.source, partitions)
        # a key is a column (`状态=已取消/`); those that place lines by their day: `layout`
        self.layout = frozenset(k for k in partitions if k in PARTITION_KEYS)
        return list(types), types

    def relation(self, window: Window | None) -> tuple[str, None]:
        """The view; with a window, only its hive partitions up to the window's last day
        (the files read are counted by `table`)."""
        keys = [k for k in _partition_keys(self.source) if k in PARTITION_KEYS]
        if window is None or not keys:
            return self.view, None
        kept = " AND ".join(_partition_kept(_quoted(k), PARTITION_KEYS[k], window) for k in keys)
        return f"(SELECT * FROM {self.view} WHERE {kept}) AS source", None

    def table(self, statement: str) -> pa.Table:
        """The statement's rows; for the first, the files it read of the folder's."""
        frame = self._run(lambda: self.spark.sql(self.spoken(statement)))
        table = self._run(frame.toArrow)
        if self.files_read is None:
            scanned = _files_scanned(frame)
            self.files_read = (scanned, self.total) if scanned is not None else None
        return table

    def span(self, dated: str, zone: str | None = None) -> tuple[date | None, date | None]:
        column = _quoted(dated)
        statement = self.spoken(f"SELECT min({column}), max({column}) FROM {self.view}")
        # as Arrow, a zoned timestamp an instant in UTC: collect() makes it the wall time of
        # the process's own zone, without saying which (UTC on a server: the day before's)
        edges = self._run(lambda: self.spark.sql(statement).toArrow())
        first, last = (edges.column(i)[0].as_py() for i in range(2))
        return _day(first, zone), _day(last, zone)

    def _run(self, call: Any) -> Any:
        """Spark's answer. Its error about the files' content (a file it cannot read, headers
        or types that do not agree across files) as bad data, exit 65, naming a damaged file;
        any other (a folder it cannot find, a statement it refuses) as the source's, 66."""
        from py4j.protocol import Py4JError
        from pyspark.errors import PySparkException

        try:
            return call()
        except (PySparkException, Py4JError) as exc:
            causes = _causes(exc)
            reason, said = _reason(causes, exc), "\n".join([str(exc), *causes])
            damaged = re.search(r"FAILED_READ_FILE.*?reading file (\S+?)\.?(?:\s|$)", said)
            if damaged:
                raise BadDataError(
                    reason,
                    file=unquote(re.sub(r"^file:(?://)?", "", damaged[1])),
                    hint=_(
                        "export the file again, or move it out of the source's folder if it "
                        "is not one of the table's files"
                    ),
                ) from None
            unlike = any(mark in said for mark in _UNLIKE_FILES)
            raise (BadDataError if unlike else MissingInputError)(
                _("{source}: {reason}", source=self.source.shown, reason=reason),
                hint=_(
                    "check the source in salescli.toml and the folder's files: Spark matches "
                    "them by column name, each column of one type"
                ),
            ) from None

    def close(self) -> None:
        self.spark.catalog.dropTempView(self.view)  # the session serves the run's next tables


# what Spark says when a folder's files do not agree with each other: bad data, not a missing
# table (its error classes, and the words of the CSV reader's own check)
_UNLIKE_FILES = ("CANNOT_MERGE_", "CSV header does not conform", "INCOMPATIBLE_DATA_TYPE")


def _causes(exc: Exception) -> list[str]:
    """What the error's JVM causes say, the outermost first."""
    said, cause = [], getattr(exc, "java_exception", None)
    while cause is not None:
        said.append(str(cause.getMessage() or ""))
        cause = cause.getCause()
    return said


def _reason(causes: list[str], exc: Exception) -> str:
    """What Spark said went wrong: the JVM's innermost cause that says something (a file's
    header that does not conform, a path that does not exist) on one line, else the error's
    first line."""
    said = next((c for c in reversed(causes) if c), "")
    lines = [line.strip() for line in (said or str(exc)).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    return " ".join(lines[:6]) if said else lines[0]


def _partition_kept(key: str, width: int, window: Window) -> str:
    """DuckDB's SQL keeping a partition `sources._partition_needed` keeps: a value that is
    an ISO date's prefix of the key's width, after the window's last day or before its
    first, is left out."""
    value = f"CAST({key} AS TEXT)"
    iso = f"regexp_matches({value}, '^[0-9]{{4}}(-[0-9]{{2}}){{0,2}}$')"
    outside = f"{value} > '{window.until.isoformat()[:width]}'"
    if window.since is not None:
        outside = f"({outside} OR {value} < '{window.since.isoformat()[:width]}')"
    return f"NOT coalesce({iso} AND length({value}) = {width} AND {outside}, false)"


def _files_scanned(frame: Any) -> int | None:
    """The files the executed statement's scans read (their `numFiles` metric): Spark's
    partition pruning, counted."""
    from py4j.protocol import Py4JError

    try:
        found = [
            node.metrics().get("numFiles").get().value()
            for node in _nodes(frame._jdf.queryExecution().executedPlan())
            if node.metrics().get("numFiles").isDefined()
        ]
    except Py4JError:  # a plan of another shape (another Spark version): not counted
        return None
    return int(sum(found)) if found else None


def _nodes(plan: Any) -> Iterator[Any]:
    """Every node of a physical plan, through adaptive plans and their query stages."""
    name = plan.getClass().getSimpleName()
    if name == "AdaptiveSparkPlanExec":
        yield from _nodes(plan.executedPlan())
        return
    if name.endswith("QueryStageExec"):
        yield from _nodes(plan.plan())
        return
    yield plan
    children = plan.children()
    for i in range(children.length()):
        yield from _nodes(children.apply(i))
