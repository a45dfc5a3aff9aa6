"""A workspace: a folder with salescli.toml and the exports; tables are found by name.

`orders.xlsx`, `orders*.xlsx` (several monthly exports, concatenated in name order), the
table's Chinese name (`订单*.xlsx`), `[inputs.NAME] path = ...` in salescli.toml, or
`--input NAME=PATH` on the command line (`-` reads CSV from standard input).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from salescli import progress
from salescli.config import CONFIG_NAME, Config, InputSpec, Policy, load_config, parse_config
from salescli.data import cell_errors, crossref, duplicates, integrity, overlaps
from salescli.data.normalise import Normalised, Problem, normalise_sheets, two_grains
from salescli.data.parts import listed as _listed
from salescli.data.parts import some as _some
from salescli.data.parts import table_named
from salescli.data.readers import (
    CHANGED,
    CHANGED_HINT,
    RawSheet,
    hash_whole,
    read_raw,
    read_whole,
    still_as_read,
    unreadable,
)
from salescli.errors import (
    BadDataError,
    BusyError,
    InputChangedError,
    MissingInputError,
    NotCoveredError,
    SalescliError,
    UsageError,
    mask_credentials,
)
from salescli.i18n import _, n_
from salescli.periods import Period, WorkCalendar
from salescli.rules import coverage
from salescli.rules.coverage import Coverage
from salescli.schema import TABLES

if TYPE_CHECKING:
    from salescli.data.cache import Cache

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt", ".parquet")
STDIN = "-"
# the lines of a Parquet export of a dated table from which -v suggests reading it as a
# source: a period's run then fetches the lines its figures read, not the whole file
LARGE_PARQUET = 1_000_000


@dataclass
class Loaded:
    """A table read from its files: canonical frame plus what was noticed on the way."""

    name: str
    frame: pd.DataFrame
    files: list[str]
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)  # how each header was read
    warnings: list[str] = field(default_factory=list)  # what changed a figure on the way


def by_name(
    written: pd.Series, customers: pd.DataFrame
) -> tuple[pd.Series, dict[str, str], list[str]]:
    """Customer ids as written, with those that are no id of the customer file but exactly
    one customer's name there replaced by that customer's id; the names matched (name -> id)
    and the names that are more than one customer's (left as written)."""
    from salescli.rules.frames import isin  # in Arrow: pandas tests a million ids one by one

    known = customers.dropna(subset=["customer_id", "customer_name"])
    unknown = written.notna() & ~isin(written, known["customer_id"])
    if not unknown.any():
        return written, {}, []
    # names are compared with their width folded: 钉钉's free text writes 杭州(华泰) for the
    # customer file's 杭州（华泰）
    names = known.assign(customer_name=_folded_names(known["customer_name"]))
    names = names.drop_duplicates(["customer_name", "customer_id"])
    counts = names["customer_name"].value_counts()
    single = names[names["customer_name"].map(counts) == 1].set_index("customer_name")
    folded = _folded_names(written[unknown])
    found = folded.map(single["customer_id"]).dropna()
    twice = sorted(set(written[unknown][folded.isin(counts[counts > 1].index)]))
    matched = dict(zip(written[found.index], found, strict=True))
    ids = written.copy()
    ids.loc[found.index] = found
    return ids, matched, twice


def _folded_names(names: pd.Series) -> pd.Series:
    """Names with their width folded (NFKC: full-width brackets, letters and digits) and
    outer spaces stripped, for matching only."""
    return names.astype("string").str.normalize("NFKC").str.strip()


class Workspace:
    """A folder of exports and its salescli.toml.

    `Workspace("examples/demo")` reads the folder's salescli.toml as the CLI does; `config`
    names another settings file, `policy` replaces its policy (a `Policy`, or a dict of
    settings merged over it: `{"bonus": {"base": 3000}}`), and `inputs` maps a table to
    its file (`{"orders": "other.xlsx"}`, like `--input`). Nothing is written into the folder
    unless `cache=True`, which keeps parsed exports in `.salescli/cache` for the next run.
    """

    def __init__(
        self,
        root: Path | str = ".",
        config: Path | str | None = None,
        inputs: dict[str, str] | None = None,
        cache: bool = False,
        policy: Policy | dict[str, Any] | None = None,
        strict: bool = False,
    ) -> None:
        self.root = Path(root)
        self.use_cache = cache
        if not self.root.is_dir():
            raise MissingInputError(
                _("workspace folder {folder} does not exist", folder=self.root),
                hint=_("pass -w DIR, or create one with `salescli init DIR --demo`"),
            )
        explicit = config is not None
        self.config = load_config(Path(config) if config else self.root / CONFIG_NAME, explicit)
        if policy is not None:
            self.config = self.config.model_copy(update={"policy": _policy(self.config, policy)})
        self.policy: Policy = self.config.policy
        # --strict or [checks] strict: a warning that changes or empties a figure stops (65)
        self.strict = strict or self.policy.checks.strict
        self.overrides = {k: str(v) for k, v in (inputs or {}).items()}
        for name in self.overrides:
            _known_table(name)
        self.warnings: list[str] = []
        self.loud: set[str] = set()  # warnings printed even when stderr is not a terminal
        self.details: list[str] = []  # shown with -v: headers not used, files read
        self._listeners: list[list[str]] = []  # see recording()
        self._loaded: dict[str, Loaded] = {}
        self._file_keys: dict[str, str] = {}  # each file's parsed-input cache key
        self._headed: list[str] | None = None  # orders found by their header (_by_headers)
        # exports no table reads that hold a table's header, looked for once a run
        self._lookalikes: dict[str, list[str]] = {}
        self._lock: Any = None
        self.windows: dict[str, Any] = {}  # a source's days a command needs (sources.need)
        self.fetched: dict[str, Any] = {}  # what each source gave (rows, query, coverage)
        self._dropped: dict[str, set[str]] = {}  # a source's columns let go (_from_source)
        # the reads of sources `run`'s jobs share (sources.read); None: this workspace's own
        self.shared_reads: list[tuple[Any, Any]] | None = None
        self._whole: set[str] = set()  # sources kept whole once read again for a column

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """The warnings raised inside the block, in order, each once, including those of
        reading a table an earlier call already read (an API result carries all of its own)."""
        heard: list[str] = []
        self._listeners.append(heard)
        try:
            yield heard
        finally:
            self._listeners.remove(heard)

    @cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar(
            self.policy.calendar,
            frozenset(self.policy.holidays),
            frozenset(self.policy.workdays),
            on_assumed=lambda message: self.warn(message, loud=True),
        )

    def lock(self) -> None:
        """One run at a time per workspace: two cron jobs never interleave their writes.
        The lock is held until the process ends; a read-only workspace is not locked."""
        from filelock import FileLock, Timeout

        folder = self.root / ".salescli"
        try:
            folder.mkdir(exist_ok=True)
        except OSError:
            self.details.append(_("workspace {folder} is read-only: not locked", folder=self.root))
            return
        lock = FileLock(str(folder / "lock"), timeout=self.policy.lock_wait_seconds)
        try:
            lock.acquire()
        except Timeout:
            raise BusyError(
                _(
                    "another salescli run is using the workspace {folder} (waited {seconds:g} s "
                    "for {lock})",
                    folder=self.root,
                    seconds=self.policy.lock_wait_seconds,
                    lock=folder / "lock",
                ),
                hint=_("let it finish, or raise lock_wait_seconds in salescli.toml"),
            ) from None
        except OSError:
            self.details.append(_("cannot lock {folder}: running unlocked", folder=folder))
            return
        self._lock = lock

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def spec(self, name: str) -> InputSpec:
        return self.config.inputs.get(name, InputSpec())

    def locate(self, name: str, strict: bool = True) -> list[str]:
        """The files of one table, in order; empty when the table is absent. `strict`: one
        table found in two formats is an error (65)."""
        _known_table(name)
        if name in self.overrides:
            target = self.overrides[name]
            if target == STDIN:
                return [STDIN]
            found = self._expand(target, Path.cwd(), strict)
            # a path that is not there is a missing input (66); a device (/dev/fd/3) is read
            return found or ([target] if Path(target).exists() else [])
        spec = self.spec(name)
        if spec.source:  # a database or data lake, read by data/sources.py
            return [spec.source]
        if spec.path:
            return self._expand(spec.path, self.root, strict)
        return self._by_name(name, strict)

    def _by_name(self, name: str, strict: bool = True) -> list[str]:
        """The table's exports found by its name (or, for the orders, by their header)."""
        for stem in (name, TABLES[name].zh):
            for pattern in (stem, f"{stem}*"):
                found = [
                    f
                    for ext in EXTENSIONS
                    for f in self._expand(pattern + ext, self.root, strict)
                    if not _named_for_another(name, stem, f)
                ]
                if found:
                    if strict:
                        _one_format(name, found, self.root)
                    return sorted(found, key=_natural)
        return self._by_headers(name) if name == "orders" else []

    def _by_headers(self, name: str) -> list[str]:
        """Exports named by their system's document (`销售出库单.csv`, `发货单.xlsx`) that no
        table's name claims, found as the orders by their header. Several such files that
        differ in more than their digits are refused: which of them are the orders?"""
        if self._headed is not None:
            return self._headed
        found = self._unclaimed(name, [t for t in TABLES if t != name])
        stems = {re.sub(r"\d+", "#", Path(f).stem) for f in found}
        if len(stems) > 1:
            shown = ", ".join(_display(Path(f), self.root) for f in found)
            raise BadDataError(
                _(
                    "no file is named as the {table} table, and several look like it: {files}",
                    table=name,
                    files=shown,
                ),
                file=self.root,
                hint=_(
                    'say which with [inputs.{table}] path = "<file or glob>" in salescli.toml',
                    table=name,
                ),
            )
        if found:
            shown = ", ".join(_display(Path(f), self.root) for f in found)
            self.details.append(
                _(
                    "{files}: read as the {table} table (its header holds its columns)",
                    files=shown,
                    table=name,
                )
            )
        self._headed = found
        return found

    def _warn_shadowed(self, name: str, files: list[str]) -> None:
        """`orders.xlsx` is the orders table; `orders-2024-06.xlsx` beside it is not read. Say
        so: a monthly export left out is a month of sales missing. So is an export of another
        name whose header holds the orders (销售明细-补录.csv, 销售出库单.csv beside
        orders.csv), which no table reads."""
        if name in self.overrides or self.spec(name).path:
            return
        if name == "orders":
            self._warn_lookalikes(name, files)
        named = {str(Path(f)) for f in files}
        others = [
            f
            for stem in (name, TABLES[name].zh)
            for ext in EXTENSIONS
            for f in self._expand(f"{stem}*{ext}", self.root)
            if str(Path(f)) not in named and not _named_for_another(name, stem, f)
        ]
        if others:
            shown = ", ".join(_display(Path(f), self.root) for f in sorted(others, key=_natural))
            read = ", ".join(_display(Path(f), self.root) for f in files)
            # the name of the file read (订单.xlsx: 订单*.xlsx), as the others begin, of any
            # extension when theirs differ; a glob that would not name them all is not given
            stem, wanted = Path(files[0]).stem, {str(Path(f)) for f in [*files, *others]}
            pattern = next(
                (
                    p
                    for p in (stem + "*" + Path(files[0]).suffix, stem + "*")
                    if wanted <= {str(Path(f)) for f in self._expand(p, self.root)}
                ),
                None,
            )
            if pattern is None:
                said = _(
                    "not read: {files} ({read} is the {table} table); to read them together, "
                    "rename them so that one [inputs.{table}] path glob names them all",
                    files=shown,
                    read=read,
                    table=name,
                )
            else:
                said = _(
                    "not read: {files} ({read} is the {table} table); to read them together set "
                    '[inputs.{table}] path = "{pattern}" in salescli.toml',
                    files=shown,
                    read=read,
                    table=name,
                    pattern=pattern,
                )
            self.warn(said, loud=True)

    def _unclaimed(self, name: str, tables: list[str], read: list[str] | None = None) -> list[str]:
        """The workspace's exports (its own folder) that none of `tables` reads, nor a
        source, nor `read`, whose first sheet's header holds `name`'s columns."""
        claimed = {str(Path(f)) for table in tables for f in self.locate(table, strict=False)}
        claimed |= {str(f) for f in self._source_files()} | {str(Path(f)) for f in read or []}
        return [
            str(p)
            for p in sorted(self.root.iterdir(), key=lambda p: _natural(p.name))
            if p.is_file()
            and _is_export(p)
            and not {str(p), str(p.resolve())} & claimed
            and p.name != CONFIG_NAME
            and _holds(str(p), name, self.spec(name))
        ]

    def _warn_lookalikes(self, name: str, files: list[str]) -> None:
        """The workspace's exports that no table reads and whose header holds `name`'s
        columns: said loudly (a file of late orders left beside the export is sales
        missing), with how to read it."""
        if name not in self._lookalikes:  # a table read narrowed twice looks once
            self._lookalikes[name] = self._unclaimed(name, list(TABLES), files)
        found = self._lookalikes[name]
        if not found:
            return
        first = Path(files[0])
        self.warn(
            _(
                "not read: {files}, whose header holds the {table} table's columns ({read} is "
                "the {table} table); if it holds {table} too, rename it to begin as {stem} "
                'does and set [inputs.{table}] path = "{stem}*{suffix}"; if not, move it out '
                "of the workspace",
                files=", ".join(_display(Path(f), self.root) for f in found),
                table=name,
                read=", ".join(_display(Path(f), self.root) for f in files),
                stem=first.stem,
                suffix=first.suffix,
            ),
            loud=True,
        )

    def _expand(self, pattern: str, base: Path, strict: bool = False) -> list[str]:
        """The files a name or glob names. `strict`: an export that cannot be read (a link
        to nothing, a file without read permission) stops the run, naming it, instead of
        being left out; otherwise (the list of files an output must not overwrite) it is
        listed."""
        path = Path(pattern)
        if not path.is_absolute():
            path = base / path
        if not any(ch in pattern for ch in "*?["):
            candidates = [path] if path.is_file() or path.is_symlink() else []
        else:
            candidates = [
                p
                for p in path.parent.glob(path.name)
                if (p.is_file() or p.is_symlink()) and _is_export(p)
            ]
        found = []
        for candidate in candidates:
            dangling = not candidate.exists()
            if strict and (dangling or not os.access(candidate, os.R_OK)):
                shown = _display(candidate.parent.resolve() / candidate.name, self.root, False)
                raise unreadable(candidate, shown, PermissionError(13, "Permission denied"))
            if candidate.is_file() or dangling:
                found.append(candidate)
        return sorted((str(p) for p in found), key=_natural)

    def where_looked(self, name: str) -> str:
        if name in self.overrides:
            return f"--input {name}={self.overrides[name]}"
        spec = self.spec(name)
        if spec.source:
            return f"[inputs.{name}] source = {spec.source!r} in {self.root}"
        if spec.path:
            return f"[inputs.{name}] path = {spec.path!r} in {self.root}"
        return f"{self.root}/{name}.xlsx|.xls|.csv|.parquet, {name}*.…, {TABLES[name].zh}*.…"

    def reads_source(self, name: str) -> bool:
        """Whether the table is read from a database or data lake (a `source`, not overridden
        by -i)."""
        return bool(self.spec(name).source) and name not in self.overrides

    def sourced(self) -> list[str]:
        """The tables read from a database or data lake."""
        return [name for name in TABLES if self.reads_source(name)]

    def input_paths(self) -> set[Path]:
        """Every file a command may read, so an output never overwrites one."""
        paths: set[Path] = set()
        sourced = self.sourced()
        for name in TABLES:
            if name in sourced:
                # the files `path` names beside the source (data/sources.py reads the rest)
                found = self.spec(name).path and self._expand(str(self.spec(name).path), self.root)
                paths.update(Path(p).resolve() for p in found or [])
                continue
            paths.update(Path(p).resolve() for p in self.locate(name, False) if p != STDIN)
        return paths | self._source_files()

    def source_records(self) -> list[dict[str, Any]]:
        """What each source gave this run, as run records list it (salescli_runs' inputs,
        run.json): its masked address, table or query, the rows fetched and their SHA-256."""
        return [fetched.record(name) for name, fetched in sorted(self.fetched.items())]

    def source_notes(self) -> list[str]:
        """An output's notes on its sources: the rows fetched from each, and their SHA-256."""
        return [
            n_(
                "{table}: {n:,} row fetched from {source} (SHA-256 {sha256})",
                "{table}: {n:,} rows fetched from {source} (SHA-256 {sha256})",
                record["rows"],
                table=table_named(record["input"]),
                source=" ".join(
                    str(record[k]) for k in ("source", "table", "query") if k in record
                ),
                sha256=record["sha256"],
            )
            for record in self.source_records()
        ]

    def read(self, name: str, columns: list[str] | None = None) -> Loaded | None:
        """Read and normalise a table, keeping every problem (for `check`). With `columns`,
        the frame holds only those (and a cached file is read for those alone); every
        problem of the file is kept either way."""
        key = name if columns is None else f"{name}|{','.join(sorted(columns))}"
        if self.reads_source(name):
            return self._from_source(name, columns)
        if key not in self._loaded:
            files = self.locate(name)
            if not files:
                if name in self.overrides:
                    raise MissingInputError(
                        _("--input {table}: no file {path}", table=name, path=self.overrides[name]),
                        hint=_("check the path; it is relative to the current folder"),
                    )
                return None
            self._warn_shadowed(name, files)
            if columns is not None and (name in self._loaded or STDIN in files):
                # narrowed from the whole table already read (standard input reads once)
                whole = self.read(name)
                assert whole is not None
                narrow = _narrowed(whole.frame, columns)
                self._loaded[key] = replace(whole, frame=narrow, notes=list(whole.notes))
            else:
                loaded = self._read_files(name, files, self.spec(name), columns)
                self._suggest_source(name, files, len(loaded.frame))
                with progress.stage("checking", name):
                    checked = self._cross_checked(self._customers_by_name(loaded))
                    self._loaded[key] = integrity.settle(self, checked)
        return self._loaded[key]

    def _suggest_source(self, name: str, files: list[str], lines: int) -> None:
        """-v says that a large Parquet export of a dated table (the orders), read whole,
        can be declared as a source: a period's run then reads its window through DuckDB
        (benchmarks/README.md: 10M lines, 5.2 GB whole, 1.5 GB as a source). Not done
        unasked: a run over a source checks only the lines it fetches (see README,
        "Reading from a database or a data lake")."""
        from salescli.data.sources import DATED

        parquet = all(Path(f).suffix.lower() == ".parquet" for f in files)
        if name not in DATED or name in self.overrides or not parquet or lines < LARGE_PARQUET:
            return
        pattern = _pattern_of(files, self.root)
        setting = _('[inputs.{name}] source = "{pattern}"', name=name, pattern=pattern)
        if self.spec(name).path:
            setting = _(
                '[inputs.{name}] source = "{pattern}" in place of path', name=name, pattern=pattern
            )
        self.details.append(
            _(
                "{table}: {n:,} lines read whole from the Parquet export {files}; declared as "
                "a source, {setting} in salescli.toml, a period's run reads only the lines "
                "its figures need (the period's row groups and each customer's edge lines) "
                "and checks those; `salescli check` still checks every line",
                table=table_named(name),
                n=lines,
                files=", ".join(_display(Path(f), self.root) for f in files),
                setting=setting,
            )
        )

    def _engine(self) -> Any:
        """The engine `[engine] kind` names, where it is not DuckDB (data/spark.py)."""
        if self.config.engine.kind != "spark":
            return None
        from salescli.data.spark import SparkEngine

        return SparkEngine(self.config.engine)

    def _from_source(self, name: str, columns: list[str] | None) -> Loaded:
        """A table that lives in a database or data lake (data/sources.py), read once per
        run (again when a later period of the run needs later days), checked like a file.
        The files `path` names are read with it as later parts of the table: a line in both
        is an overlap, settled by `overlap` as between two files."""
        from salescli.data import sources

        stale = sources.stale(self, name)
        dropped = self._dropped.get(name, set())
        again = not stale and bool(dropped) and (columns is None or bool(dropped & set(columns)))
        if stale or again:
            for key in [k for k in self._loaded if k == name or k.startswith(f"{name}|")]:
                del self._loaded[key]
            self._dropped.pop(name, None)
            if again:  # read whole once more: kept whole until a later period's read
                self._whole.add(name)
            else:  # a later period's read lets the columns it is not asked for go afresh
                self._whole.discard(name)
        fresh = name not in self._loaded
        if fresh:
            earlier = self.fetched.get(name) if again else None
            spec = self.spec(name)
            files = self._beside_source(name)
            # beside files, the source is fetched whole: a file's line is compared with
            # every line of the source, not only those of the period's window
            windows = self.windows
            if earlier is not None:  # the days it holds, read again: their rows, unless changed
                held = {k: v for k, v in windows.items() if k != name}
                if earlier.until is not None:  # a later period's window may lie inside them
                    held[name] = sources.Window(earlier.until, earlier.since)
                self.windows = held
            try:
                fetched = sources.read(self, name, spec, whole=bool(files), engine=self._engine())
            finally:
                self.windows = windows
            if earlier is not None and earlier.fingerprint != self.fetched[name].fingerprint:
                raise InputChangedError(
                    _(
                        "{source} gave other rows when read again in this run",
                        source=fetched[1],
                    ),
                    hint=CHANGED_HINT,
                )
            read = self._read_files(name, files, spec, fetched=fetched)
            self._loaded[name] = integrity.settle(
                self, self._cross_checked(self._customers_by_name(read))
            )
        if columns is None:
            return self._loaded[name]
        key = f"{name}|{','.join(sorted(columns))}"
        if key not in self._loaded:
            whole = self._loaded[name]
            narrow = replace(whole, frame=_narrowed(whole.frame, columns))
            self._loaded[key] = narrow
            if fresh and name not in self._whole:
                # read for these columns: the others are let go (a 10M-line month's lines
                # hold 270 MB in columns an appraisal does not read); one asked for later
                # reads the source again
                self._dropped[name] = set(whole.frame.columns) - set(narrow.frame.columns)
                self._loaded[name] = narrow
        return self._loaded[key]

    def _beside_source(self, name: str) -> list[str]:
        """The files read with a table's source: those `path` names. Exports of the table
        found in the workspace by its name that `path` does not name stop the run (65): a
        copy of the source's lines, or lines it lacks? Dropping them unread, or adding them
        unasked, could each make a figure wrong."""
        spec = self.spec(name)
        if spec.path:
            files = self._expand(spec.path, self.root, True)
            if not files:
                self.warn(
                    _(
                        "[inputs.{table}] path = {path!r} names no file: the source is read alone",
                        table=name,
                        path=spec.path,
                    )
                )
            return files
        # every export named as the table, not only the first name that matches: the
        # source's own file (orders.parquet) may be the one that would be read by name
        own = self._source_files(name)
        named = {
            f
            for stem in (name, TABLES[name].zh)
            for ext in EXTENSIONS
            for f in self._expand(f"{stem}*{ext}", self.root, True)
            if not _named_for_another(name, stem, f) and Path(f).resolve() not in own
        }
        found = sorted(named, key=_natural)
        if not found and name == "orders":
            found = self._by_headers(name)
        if not found:
            return []
        shown = ", ".join(_display(Path(f), self.root) for f in found)
        raise BadDataError(
            n_(
                "the {table} table lives in a source ({source}), and the export {files} of it "
                "lies in the workspace too",
                "the {table} table lives in a source ({source}), and the exports {files} of "
                "it lie in the workspace too",
                len(found),
                table=name,
                source=mask_credentials(str(spec.source)),
                files=shown,
            ),
            file=self.root,
            hint=self._beside_hint(name, found),
        )

    def _source_files(self, name: str | None = None) -> set[Path]:
        """The local files the sources read (`source = "orders.parquet"`, a folder or a
        glob), resolved; of one table's source with `name`. They are the source, not an
        export found beside it nor a file an output may overwrite."""
        from salescli.data.sources import local_files

        names = [name] if name is not None else list(TABLES)
        return {
            file
            for table in names
            if self.reads_source(table)
            for file in local_files(self.spec(table), self.root)
        }

    def _beside_hint(self, name: str, found: list[str]) -> str:
        pattern = _pattern_of(found, self.root)
        if set(self._expand(pattern, self.root)) != set(found):  # the glob names others too
            return _(
                "move them out of the workspace, or rename them so that one [inputs.{table}] "
                "path glob names them and no other file",
                table=name,
            )
        return _(
            "to read them with the source, as later parts of the table (a line in both is "
            'then caught, see overlap), set [inputs.{table}] path = "{pattern}" in '
            "salescli.toml; otherwise move them out of the workspace",
            table=name,
            pattern=pattern,
        )

    def _cross_checked(self, loaded: Loaded) -> Loaded:
        """What other tables say of this one's columns (see data/crossref.py): unread
        columns holding reps' names, and orders keyed by another column of the customer
        file, are problems of this table."""
        problems: list[Problem] = []
        if loaded.name in crossref.PERSON_TABLES:
            has_rep = any("rep" in line["column"].split(", ") for line in loaded.headers)
            reps = self._known_reps(loaded.name)
            problems += crossref.person_columns(loaded.name, loaded.headers, reps, has_rep)
            problems += crossref.sheets_of_reps(loaded.name, loaded.headers, reps, has_rep)
        if loaded.name in ("orders", "visits", "opportunities") and "customer_id" in loaded.frame:
            customers = self._quietly("customers")
            if customers is not None:
                found = crossref.customer_keys(
                    loaded.frame, customers.frame, customers.headers, loaded.name
                )
                if found and not {"_file", "_row"} <= set(loaded.frame.columns):
                    # placed on its file and row, which a narrowed read does not carry
                    whole = self.read(loaded.name)
                    placed = [p for p in whole.problems if p.code == found[0].code] if whole else []
                    found = placed or found
                problems += found
        if not problems:
            return loaded
        return replace(loaded, problems=[*loaded.problems, *problems])

    def _quietly(self, name: str, columns: list[str] | None = None) -> Loaded | None:
        """Another table, for what it says of this one; a table that cannot be read is
        reported where it is read itself."""
        try:
            return self.read(name, columns)
        except SalescliError:
            return None

    def _known_reps(self, reading: str) -> set[str]:
        """The reps the targets name and the owners the customer file names (a table's
        own reps never tell what its other columns are)."""
        reps: set[str] = set()
        for table in [t for t in ("targets", "customers") if t != reading]:
            read = self._quietly(table, ["rep"])
            if read is not None and "rep" in read.frame:
                reps |= {str(r) for r in read.frame["rep"].dropna().unique()}
        return reps

    def _customers_by_name(self, loaded: Loaded) -> Loaded:
        """Rows whose customer is written by name (a lone 客户 column: Kingdee, U8) take the
        customer file's id when exactly one customer there has that name, said in a note;
        otherwise they would match no customer and lose their owner and class."""
        frame = loaded.frame
        if loaded.name == "customers" or "customer_id" not in frame or not len(frame):
            return loaded
        try:
            customers = self.read("customers", ["customer_id", "customer_name", "rep"])
        except SalescliError:  # an unreadable customer file is reported where it is read
            return loaded
        if customers is None or "customer_name" not in customers.frame:
            return loaded
        ids, matched, twice = by_name(frame["customer_id"], customers.frame)
        if twice:
            loaded.notes.append(
                n_(
                    "{table}: {n} customer name matches more than one customer in the customer "
                    "file, so its rows keep the name as the id: {names}",
                    "{table}: {n} customer names match more than one customer in the customer "
                    "file, so those rows keep the name as the id: {names}",
                    len(twice),
                    table=table_named(loaded.name),
                    names=_some(twice),
                )
            )
        if not matched:
            return loaded
        shown = _some([f"{name} -> {matched[name]}" for name in sorted(matched)])
        notes = [
            *loaded.notes,
            n_(
                "{table}: {n} customer written by name matched to the customer file's ids: "
                "{matched}",
                "{table}: {n} customers written by name matched to the customer file's ids: "
                "{matched}",
                len(matched),
                table=table_named(loaded.name),
                matched=shown,
            ),
        ]
        return replace(loaded, frame=frame.assign(customer_id=ids), notes=notes)

    def read_path(self, path: str | Path, table: str) -> Loaded:
        """A file read as one of the tables with this workspace's settings for it, every
        problem kept (for `map`)."""
        return self._cross_checked(self._read_files(table, [str(path)], self.spec(table)))

    def read_file(self, path: str | Path, table: str) -> pd.DataFrame:
        """A file named by an option (e.g. --classes, --previous) read as one of the tables."""
        if not Path(path).is_file():
            raise MissingInputError(_("no file {path}", path=path), hint=_("check the path"))
        # the table's `last_line` applies, so the hint a cut last line gives holds here too
        spec = InputSpec(last_line=self.spec(table).last_line)
        return self._usable(self._read_files(table, [str(path)], spec))

    def _read_files(
        self,
        name: str,
        files: list[str],
        spec: InputSpec,
        columns: list[str] | None = None,
        fetched: tuple[Normalised, str] | None = None,
    ) -> Loaded:
        """The files of a table read as its parts, after the part `fetched` from its source
        (and the source as messages name it), if any; one line in two parts is an overlap."""
        parts: list[Normalised] = [fetched[0]] if fetched else []
        sheets = [spec.sheet] if isinstance(spec.sheet, str) else spec.sheet
        # a narrowed read still needs each line's key and source to find overlaps
        wanted = None
        if columns is not None:
            wanted = [*columns, *overlaps.LINE_KEYS.get(name, []), "_file", "_sheet", "_row"]
            if name == "orders":  # each line's currency, converted by its month's rate
                wanted += ["currency", "exchange_rate", "order_date", "status"]
            wanted += duplicates.LINES.get(name, [])  # a line written twice, read once
        # monthly exports are read side by side: the xlsx and CSV readers work outside the GIL
        workers = min(len(files), os.cpu_count() or 1)
        if self.use_cache:
            self.cache  # noqa: B018  (made once, before the threads share it)
        # a source alone has been fetched (its line says so): no files are read
        reading = progress.stage("reading", name, len(files), sum(map(_size, files)))
        with reading if files or not fetched else nullcontext(progress.SILENT_STEP) as step:
            if workers <= 1:
                for file in files:
                    parts += self._read_file(name, file, spec, sheets, wanted, step)
            else:
                with ThreadPoolExecutor(max_workers=workers) as pool:
                    read = pool.map(
                        lambda f: self._read_file(name, f, spec, sheets, wanted, step), files
                    )
                    for found in read:
                        parts += found
        if self.use_cache:
            self.details += [d for d in self.cache.damaged if d not in self.details]
        frame = parts[0].frame if len(parts) == 1 else pd.concat([p.frame for p in parts])
        frame = frame.reset_index(drop=True)
        if frame.empty and not fetched:  # an empty source is said by sources.read
            self.warn(
                _(
                    "the {table} table has a header but no data rows ({files})",
                    table=table_named(name),
                    files=", ".join(files),
                ),
                loud=True,
            )
        # a line in two of the files (or sheets) would be counted twice: see data/overlaps.py
        resolved = overlaps.Resolved(frame)
        marker = None if fetched else self._disjoint_marker(name, files, len(parts))
        if columns is None or (len(parts) > 1 and not (marker and marker.exists())):
            if name == "orders" and not fetched:
                _one_grain_per_file(parts)
            with progress.stage("checking", name):
                sources = overlaps.part_sources([p.frame for p in parts])
                source = fetched[0].frame["_file"] if fetched else pd.Series()
                fetched_from = {str(source.iloc[0])} if len(source) else set()
                resolved = overlaps.resolve(name, frame, spec.overlap, sources, fetched_from)
            if marker is not None and not resolved.shared:
                _touch(marker)
        frame = resolved.frame
        problems, notes = list(resolved.problems), list(resolved.notes)
        loud: list[str] = []
        if name in duplicates.LINES:  # on every read, narrowed or not: it drops copies
            header = next(
                (h["header"] for p in parts for h in p.headers if h.get("column") == "line_no"),
                "line_no",
            )
            label = (
                str(fetched[0].frame["_file"].iloc[0])
                if fetched and len(fetched[0].frame)
                else None
            )
            numbered = duplicates.lines(name, frame, header, label)
            frame = numbered.frame
            problems += numbered.problems
            loud += numbered.notes
        if name == "orders":
            rates = self._quietly("rates")
            base = self.policy.currency.base
            if rates is not None and "currency" in frame and (frame["currency"] != base).any():
                # the rates convert these lines: their errors stop the run here, as the
                # table's own (two rates for a month, and the row order chose the figure)
                self._usable(rates)
            frame, wrong, said = crossref.in_base_currency(
                frame, None if rates is None else rates.frame, self.policy.currency.base
            )
            problems += wrong
            notes += said
        if columns is not None:
            frame = _narrowed(frame, columns)
        return Loaded(
            name,
            frame,
            [fetched[1], *files] if fetched else files,
            [problem for p in parts for problem in p.problems] + problems,
            [note for p in parts for note in p.notes] + notes,
            sorted({u for p in parts for u in p.unmatched}),
            [line for p in parts for line in p.headers],
            [warning for p in parts for warning in p.warnings] + loud,
        )

    def _disjoint_marker(self, name: str, files: list[str], parts: int) -> Path | None:
        """A cache entry saying these exact files share no line key (the usual case), so
        a later run over unchanged monthly exports skips the comparison."""
        keys = [self._file_keys.get(file) for file in files]
        if parts < 2 or not self.use_cache or None in keys:
            return None
        lines = "|".join(overlaps.LINE_KEYS.get(name, ["*"]))
        digest = hashlib.sha256(f"{name}|{lines}|{'|'.join(map(str, keys))}".encode())
        return self.cache.folder / f"disjoint-{digest.hexdigest()[:32]}"

    def _read_file(
        self,
        name: str,
        file: str,
        spec: InputSpec,
        sheets: list[str] | None,
        columns: list[str] | None = None,
        step: progress.Step = progress.SILENT_STEP,
    ) -> list[Normalised]:
        """One file, parsed and normalised, or taken from the parsed-input cache. The cache
        key is the SHA-256 of the file (streamed), the parse is of the file read as one
        snapshot (readers.read_whole) whose bytes must have that hash; a file that changes
        before its parse is done stops the run (75). `step` hears how far the file got."""
        display = "<stdin>" if file == STDIN else _display(Path(file), self.root)
        cache = self.cache if file != STDIN and self.use_cache else None
        key = digest = when_hashed = None
        if cache is not None:
            digest, when_hashed = hash_whole(Path(file), display)
            # every setting normalisation reads: the words of statuses and documents, the
            # amount basis and the base currency
            reading = "|".join(
                (
                    self.policy.statuses.model_dump_json(),
                    self.policy.documents.model_dump_json(),
                    self.policy.currency.model_dump_json(),
                    self.policy.amount_basis,
                )
            )
            settings = f"{name}|{display}|{spec.model_dump_json()}|{self.policy.timezone}|{reading}"
            key = cache.key(digest, settings)
            self._file_keys[file] = key
            hit = cache.load(key, columns, display)
            if hit is not None:
                step.advance(files=1, rows=len(hit.frame), size=_size(file))
                return _by_sheet(hit)
        when_read = None
        if file == STDIN:
            data = sys.stdin.buffer.read()
        else:
            data, when_read = read_whole(Path(file), display)
            if digest is not None and (
                when_read != when_hashed or hashlib.sha256(data).hexdigest() != digest
            ):  # changed between its hash (the cache key) and its read
                raise InputChangedError(CHANGED, file=display, hint=CHANGED_HINT)
        raws = read_raw(
            file,
            data,
            sheets,
            spec.encoding,
            display,
            last_line_complete=spec.last_line == "complete",
            table=name,
        )
        parsed = int(_size(file) * progress.parsed_share(file))
        step.advance(size=parsed)

        def parse(sheets: list[RawSheet]) -> list[Normalised]:
            return normalise_sheets(sheets, name, spec, self.policy.timezone, self.policy)

        parts = parse(raws)
        # a workbook's #DIV/0! cells, which its reader leaves blank
        parts = cell_errors.restored(data, raws, parts, parse)
        for part in parts:  # before the cache keeps it and a command narrows its columns
            overlaps.repeats(name, part, spec.repeated_lines)
        _refuse_hidden_sheets(raws, parts, name)
        if file != STDIN:
            still_as_read(Path(file), when_read, display)
        if cache is not None and key is not None:
            whole = Normalised(
                name,
                pd.concat([p.frame for p in parts], ignore_index=True),
                [x for p in parts for x in p.problems],
                [x for p in parts for x in p.notes],
                sorted({u for p in parts for u in p.unmatched}),
                [line for p in parts for line in p.headers],
                warnings=[x for p in parts for x in p.warnings],
            )
            cache.store(key, whole)
        if columns is not None:
            for part in parts:
                part.frame = _narrowed(part.frame, columns)
        step.advance(files=1, rows=sum(len(p.frame) for p in parts), size=_size(file) - parsed)
        return parts

    @cached_property
    def cache(self) -> Cache:
        from salescli.data.cache import Cache

        return Cache(self.root / ".salescli" / "cache")

    def table(
        self, name: str, required: bool = True, columns: list[str] | None = None
    ) -> pd.DataFrame | None:
        """A table ready for the rules: errors stop the command, notes become warnings.
        `columns` narrows it to the columns a command uses (absent ones stay absent)."""
        loaded = self.read(name, columns)
        if loaded is None:
            if required:
                raise MissingInputError(
                    _("the {table} table ({label}) is missing", table=name, label=TABLES[name].zh),
                    hint=_(
                        "looked for {places}; put the export there, set [inputs.{table}] path in "
                        "salescli.toml, or pass --input {table}=FILE",
                        places=self.where_looked(name),
                        table=name,
                    ),
                )
            # what it empties is said where a figure is empty (missing_data_notes, the
            # report's notes), loudly; that the file is absent is only a note
            self.warn(
                _(
                    "no {table} table: the figures that need it are left empty",
                    table=table_named(name),
                )
            )
            return None
        return self._usable(loaded)

    def _usable(self, loaded: Loaded) -> pd.DataFrame:
        """Errors stop the command (every row must be usable); notes become warnings."""
        errors = [p for p in loaded.problems if p.severity == "error"]
        if errors:
            first = errors[0]
            said = first.problem
            if len(errors) > 1:
                said = n_(
                    "{problem} (and {n} more problem)",
                    "{problem} (and {n} more problems)",
                    len(errors) - 1,
                    problem=first.problem,
                )
            raise BadDataError(
                said,
                file=first.file,
                sheet=first.sheet,
                row=first.row,
                column=first.column,
                value=first.value,
                hint=_(
                    "{hint}; `salescli check --table {table}` lists every problem",
                    hint=first.hint,
                    table=loaded.name,
                ),
            )
        for note in loaded.notes:
            self.warn(note)
        for warning in loaded.warnings:
            self.warn(warning, loud=True)
        read = {"table": table_named(loaded.name), "files": ", ".join(loaded.files)}
        detail = n_(
            "{table}: read {n} row from {files}",
            "{table}: read {n} rows from {files}",
            len(loaded.frame),
            **read,
        )
        if loaded.unmatched:
            detail = n_(
                "{table}: read {n} row from {files}; headers not used: {headers}",
                "{table}: read {n} rows from {files}; headers not used: {headers}",
                len(loaded.frame),
                headers=_listed(loaded.unmatched),
                **read,
            )
        if detail not in self.details:
            self.details.append(detail)
        return loaded.frame

    def warn(self, message: str, loud: bool = False) -> None:
        """A warning for stderr and the output's notes; `loud` ones change or empty a figure:
        they reach stderr even when it is not a terminal (a cron run must not miss them),
        unless -q, and with --strict (or [checks] strict = true) they stop the run (65)."""
        if loud and self.strict:
            raise BadDataError(
                _("--strict: {warning}", warning=message),
                hint=_(
                    "settle what the warning says (the export or salescli.toml), or run "
                    "without --strict and [checks] strict to accept it"
                ),
            )
        if message not in self.warnings:
            self.warnings.append(message)
        for heard in self._listeners:
            if message not in heard:
                heard.append(message)
        if loud:
            self.loud.add(message)

    def covered(
        self, frame: pd.DataFrame | None, table: str = "orders", column: str = "order_date"
    ) -> Coverage:
        """The days `table` covers: its source's first and last date where it lives in one
        (the lines read are a window of it), else the earliest and latest in `frame`."""
        from salescli.data import sources

        return sources.coverage(self, table, column) or coverage.coverage(frame, column)

    def require_period(
        self,
        frame: pd.DataFrame,
        period: Period,
        table: str = "orders",
        column: str = "order_date",
        rows: str = "order lines",
        hint: str | None = None,
        every_month: bool = True,
    ) -> Coverage:
        """Stop (65) when the table has no rows in any day of the period; warn, or stop when
        [checks] partial_period = "error", when its rows end before the period does; warn
        when a month of the period inside the days the rows cover holds none of them (unless
        not `every_month`: a caller that says so itself)."""
        covered = self.covered(frame, table, column)
        if covered.first is None:  # a header-only export: empty results, warned when read
            return covered
        if not covered.reaches(period):
            raise NotCoveredError(
                coverage.no_rows_message(rows, table, covered, period),
                hint=hint
                if hint
                else _(
                    "choose a period the {table} cover, or add the export that holds {period}",
                    table=table,
                    period=period,
                ),
            )
        missing = coverage.days_missing(covered, period, self.calendar)
        if missing:
            message = coverage.partial_message(table, covered, period, missing)
            if self.policy.checks.partial_period == "error":
                raise BadDataError(
                    message,
                    hint=_(
                        "export the {table} up to {day}, or set [checks] "
                        'partial_period = "warn" to report the part',
                        table=table,
                        day=period.end,
                    ),
                )
            first, last = covered.covered_part(period) or (period.start, period.end)
            self.warn(
                _(
                    "{message}: the figures cover {first}..{last} only",
                    message=message,
                    first=first,
                    last=last,
                ),
                loud=True,
            )
        late = coverage.days_before(covered, period, self.calendar)
        if late and table == "orders" and self.policy.checks.orders_begin == "check":
            # an export cut at its start: the period's first sales, and every customer's
            # history, are missing (a company's first sale is said by orders_begin)
            message = coverage.late_start_message(table, covered, period, late)
            said = _(
                "{message}: the sales before it are not in the figures, and a customer who "
                "ordered before it counts as new; if {first} is the company's first sale, set "
                '[checks] orders_begin = "first-sale"',
                message=message,
                first=covered.first,
            )
            if self.policy.checks.partial_period == "error":
                raise BadDataError(
                    message,
                    hint=_(
                        "export the {table} from {day}, or set [checks] orders_begin = "
                        '"first-sale" if the first line is the company\'s first sale',
                        table=table,
                        day=period.start,
                    ),
                )
            self.warn(said, loud=True)
        empty = coverage.empty_months(frame, period, covered, column) if every_month else []
        if empty:  # a monthly export left out reads as a month of no sales
            self.warn(coverage.empty_months_message(table, covered, empty), loud=True)
        return covered


# of a text export, the bytes whose lines hold its header (a workspace's other exports are
# looked at on every run: a large one is not read whole for its header)
HEAD_BYTES = 1 << 16


def _holds(file: str, name: str, spec: InputSpec) -> bool:
    """Whether a file's first sheet has a header row of the table (its required columns)."""
    from salescli.data.normalise import holds_table
    from salescli.data.readers import sniff

    try:
        with open(file, "rb") as handle:
            head = handle.read(HEAD_BYTES + 1)
        data = None
        wide = head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16: its lines end in 2 bytes
        if sniff(head) == "text" and len(head) > HEAD_BYTES and not wide:
            data = head[: head.rfind(b"\n", 0, HEAD_BYTES) + 1] or head[:HEAD_BYTES]
        raws = read_raw(file, data, encoding=spec.encoding, last_line_complete=True)
    except (OSError, SalescliError):
        return False
    return bool(raws) and holds_table(raws[0], name)


def _refuse_hidden_sheets(raws: list[RawSheet], parts: list[Normalised], name: str) -> None:
    """A hidden sheet that holds the table's rows, chosen by default or by a glob, stops the
    run (65): whether it is a month hidden to tidy the workbook or an old copy or a template
    cannot be told, and either guess changes the figures. Naming the sheets settles it."""
    read = [str(p.frame["_sheet"].iloc[0]) for p in parts if len(p.frame)]
    hidden = [r for r in raws if r.hidden and r.optional and r.sheet in read]
    if not hidden:
        return
    names = [str(r.sheet) for r in hidden]
    shown = [str(r.sheet) for r in raws if str(r.sheet) in read]
    visible = [sheet for sheet in shown if sheet not in names]
    more = _(" (and the hidden {sheets})", sheets=", ".join(names[1:])) if names[1:] else ""
    hint = _(
        "name the sheets to read under [inputs.{table}] in salescli.toml: to read it, "
        "sheet = {read}",
        table=name,
        read=_toml_list(shown),
    )
    if visible:
        hint = _(
            "name the sheets to read under [inputs.{table}] in salescli.toml: to read it, "
            "sheet = {read}; to leave it out, sheet = {visible}",
            table=name,
            read=_toml_list(shown),
            visible=_toml_list(visible),
        )
    raise BadDataError(
        _(
            "the hidden sheet {sheet}{more} holds {table} rows: a hidden sheet is read only "
            "when it is named",
            sheet=names[0],
            more=more,
            table=name,
        ),
        file=hidden[0].file,
        sheet=names[0],
        hint=hint,
    )


def _toml_list(items: list[str]) -> str:
    import json

    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"


def _named_for_another(name: str, stem: str, file: str) -> bool:
    """`订单变更.csv` matches `订单*` but is the order_changes table (`客户反馈.csv` is the
    feedback's): a file whose name begins with another table's longer name is that table's."""
    base = Path(file).name.lower()
    return any(
        len(other) > len(stem) and base.startswith(other.lower())
        for table in TABLES.values()
        if table.name != name
        for other in (table.name, table.zh)
    )


def _one_format(name: str, files: list[str], root: Path) -> None:
    """Exports of one table in two formats (orders.csv and orders.parquet) are two copies of
    it, not two parts: summing them would count every line twice."""
    formats: dict[str, list[str]] = {}
    for file in files:
        formats.setdefault(Path(file).suffix.lower(), []).append(_display(Path(file), root))
    if len(formats) > 1:
        shown = "; ".join(", ".join(sorted(names, key=_natural)) for names in formats.values())
        raise BadDataError(
            _(
                "the {table} table is exported twice, in {n} formats: {files}",
                table=name,
                n=len(formats),
                files=shown,
            ),
            file=root,
            hint=_(
                "keep one of them in the workspace, or set [inputs.{table}] path in "
                "salescli.toml to the one to read (monthly files of one format are fine)",
                table=name,
            ),
        )


def _pattern_of(files: list[str], root: Path) -> str:
    """The `path` that names these files: the file itself, or the glob of their common
    beginning and extension (`orders-2024-0*.xlsx`)."""
    names = [_display(Path(f), root) for f in files]
    if len(names) == 1:
        return names[0]
    stem = os.path.commonprefix(names)  # noqa: RUF071  (the names' common letters)
    suffixes = {Path(n).suffix for n in names}
    return f"{stem}*{suffixes.pop() if len(suffixes) == 1 else ''}"


def _touch(path: Path) -> None:
    try:  # best effort, like every cache entry
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        pass


def _size(file: str) -> int:
    """A file's bytes, for the progress shown; 0 for standard input or what is not there."""
    try:
        return 0 if file == STDIN else os.stat(file).st_size
    except OSError:
        return 0


def _by_sheet(whole: Normalised) -> list[Normalised]:
    """A cached file as the parts its parse gave, one per sheet read (its entry holds them
    as one), so that a line in two sheets of a workbook is an overlap from the cache too.
    The file's problems, notes and headers go with the first part, as they are joined."""
    frame = whole.frame
    if "_sheet" not in frame or frame["_sheet"].nunique(dropna=False) < 2:
        return [whole]
    sheets = [part for _, part in frame.groupby("_sheet", sort=False, dropna=False)]
    empty = Normalised(whole.table, frame.iloc[:0])
    return [replace(whole, frame=sheets[0])] + [replace(empty, frame=s) for s in sheets[1:]]


def _narrowed(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The frame's columns that are in `columns`, in the frame's order."""
    return frame[[c for c in frame.columns if c in columns]]


def _policy(config: Config, given: Policy | dict[str, Any]) -> Policy:
    """`policy=` of the API: a whole Policy, or settings merged over the workspace's and
    checked as salescli.toml's are (a wrong one is a ConfigError, 78)."""
    if isinstance(given, Policy):
        return given
    merged = config.policy.model_dump(exclude_unset=True)
    for section, values in given.items():
        if isinstance(values, dict) and isinstance(merged.get(section), dict):
            merged[section] = {**merged[section], **values}
        else:
            merged[section] = values
    return parse_config(merged, config.source).policy


def _known_table(name: str) -> None:
    if name not in TABLES:
        raise UsageError(
            _("unknown table {table!r}", table=name),
            hint=_("tables are: {tables}", tables=", ".join(TABLES)),
        )


def _is_export(path: Path) -> bool:
    return not path.name.startswith(("~$", ".")) and path.suffix.lower() in EXTENSIONS


def _natural(name: str) -> tuple:
    import re

    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))


def _display(path: Path, root: Path, follow: bool = True) -> str:
    try:
        return str((path.resolve() if follow else path).relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _one_grain_per_file(parts: list[Normalised]) -> None:
    """Files holding the same orders in two layouts (订单.xlsx and 订单明细.xlsx: the orders and
    their lines) are the same sales twice: refused, naming both files and the path to set."""
    found = two_grains([p.frame for p in parts])
    if found is None:
        return
    first, second = (str(parts[i].frame["_file"].iloc[0]) for i in found[:2])
    if first == second:
        return  # two sheets of one workbook: said when the workbook was read
    raise BadDataError(
        _(
            "files {first} and {second} hold the same orders ({orders}) in two layouts: "
            "reading both counts their sales twice",
            first=first,
            second=second,
            orders=found[2],
        ),
        file=second,
        hint=_(
            'read one of them: [inputs.orders] path = "{first}" or path = "{second}" in '
            "salescli.toml",
            first=first,
            second=second,
        ),
    )
