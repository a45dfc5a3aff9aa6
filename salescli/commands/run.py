"""`salescli run`: what the policy's calendar makes due, each once (POLICY.md 2.1, 2.3, 4.3, 5.2).

The jobs are the commands' library calls (salescli.api), each written by the commands' `emit`
to the run's outputs; the run holds the workspace lock for all of them. What was done, for
which inputs, and what is still waiting is kept in `.salescli/run.json`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.errors import EXIT_INTERNAL, BadDataError, SalescliError, UsageError
from salescli.helptext import command_help
from salescli.i18n import Msg, _, listed, render
from salescli.periods import parse_period
from salescli.rules.schedule import JOB_KINDS, KINDS_BY_NAME, Due, due_jobs
from salescli.schema import TABLES

if TYPE_CHECKING:
    from salescli.config import RunSettings
    from salescli.data.workspace import Workspace
    from salescli.state import State

RECORD = Path(".salescli") / "run.json"
REPORTS = ("weekly-report", "monthly-report", "quarterly-report")
FOLDER_OPTIONS = ("scorecards", "ics")  # a job's folders of files, recorded as its outputs


HELP = _(
    """Do what the policy's calendar makes due: reports, appraisals, classes, visit plans.

On the first working day of a week: last week's rep reports. Of a month: last month's
report, appraisal and visit audit, and the new month's visit plan. Of a quarter: also last
quarter's classification (feeding the plan), appraisal with scorecards and analysis pack.
Of a year: also last year's appraisal. Everything that came due since the last run is done,
oldest first; a job done before with unchanged inputs is not redone; a period whose orders
do not reach its end yet waits for a later run. Outputs go to reports/{{period}}/ (the run
section of salescli.toml sets the folder, formats and jobs). Exit code: 0, or the first
failed job's; on stderr one line per failed job and per job waiting for data.

The crontab line, with salescli and the workspace by their full paths (cron's PATH holds
no virtual environment): salescli -w /data/sales cron

Policy: docs/policy.md, "Unattended runs".

Example: salescli -w examples/demo --today 2025-01-02 run --dry-run
"""
)


def run(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help=_("Do what came due from this day on (a backfill), not only since the last run."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Redo due jobs already done with unchanged inputs."))
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("List what is due and why; write nothing."))
    ] = False,
) -> None:
    state = state_of(ctx)
    today = state.today_date()
    first_day = _day(since, "--since") if since else None
    if first_day is not None and first_day > today:
        raise UsageError(
            _("--since {day} is after today ({today})", day=first_day, today=today),
            hint=_("give an earlier day"),
        )
    workspace = open_workspace(ctx)
    settings = workspace.policy.run
    record = Record.load(workspace.root / RECORD)
    for job in record.dropped:
        state.warn(
            _(
                "{record}: the record of {job!r} cannot be read (not a job's record): left "
                "out, so the job is done again when it is due",
                record=RECORD,
                job=job,
            ),
            always=True,
        )
    enabled = {k.name for k in JOB_KINDS if getattr(settings, k.name.replace("-", "_"))}
    if first_day is None:
        first_day = today if record.last_run is None else min(record.last_run + timedelta(1), today)
    due = [d for d in record.pending_jobs() if d.job in enabled]
    due += due_jobs(workspace.calendar, first_day, today, enabled)
    due = sorted({d.key: d for d in due}.values(), key=Due.sort_key)
    inputs = _fingerprint(workspace, state)
    context = RunContext(state, workspace, settings, record, today, inputs)
    statuses = [(d, context.status(d, force)) for d in due]
    if dry_run:
        _list(statuses, first_day, today, context)
        _warnings(state, workspace, context.said)
        return
    failed: list[int] = []
    for item, status in statuses:
        if status.skip:
            record.pending.pop(item.key, None)  # a retry of a job done since with these inputs
            context.tell(_("{job}: {status}", job=item.key, status=status.text))
            continue
        if status.waiting:
            record.pending[item.key] = item
            if not state.quiet:
                waits = _("{job} waits: {status}", job=item.key, status=status.text)
                warning = _("salescli: warning: {message}", message=waits)
                print(render(warning, state.lang), file=sys.stderr)
            continue
        code = context.do(item)
        if code:
            failed.append(code)
        record.save(workspace.root / RECORD)
    record.last_run = max(today, record.last_run or today)
    record.save(workspace.root / RECORD)
    _warnings(state, workspace, context.said)
    if failed:
        raise typer.Exit(failed[0])


def _warnings(state: State, workspace: Workspace, said: set[str]) -> None:
    """What reading the run's own inputs said (how far the orders reach): those that change
    a figure or keep a job waiting are cron's too (an export beside orders.csv left unread,
    and the setting that reads it: June would wait for ever, "the orders reach 2024-05-31"),
    unless a job told them already, named by the job."""
    for message in workspace.warnings:
        state.warn(message, always=message in workspace.loud and str(message) not in said)


@dataclass
class Status:
    skip: bool = False
    waiting: bool = False
    text: Msg = field(default_factory=lambda: _("due"))


@dataclass
class Record:
    """`.salescli/run.json`: the last run's day, each job done (its inputs and outputs), and
    the jobs still to do (waiting for data, or failed)."""

    last_run: date | None = None
    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending: dict[str, Due] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # unreadable `done` entries, left out

    @classmethod
    def load(cls, path: Path) -> Record:
        """The record; a `done` entry of the wrong shape is left out (the job is then done
        again when it is due: outputs are the same bytes), told in `dropped`. Anything else
        that cannot be read (the day of the last run, a job waiting) stops with 65: a guess
        there would skip a report."""
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise TypeError(f"it holds a JSON {type(raw).__name__}, not an object")
            last = raw.get("last_run")
            pending = {}
            for item in raw.get("pending", []):
                kind = KINDS_BY_NAME[item["job"]]
                period = parse_period(item["period"], (_period_kind(kind.name),))
                due = Due(kind.name, period, date.fromisoformat(item["due_on"]))
                pending[due.key] = due
            done, dropped = _done_entries(raw.get("done", {}))
            record = cls(date.fromisoformat(last) if last else None, done, pending, dropped)
            return record
        except (ValueError, KeyError, TypeError, AttributeError, SalescliError) as exc:
            raise BadDataError(
                _(
                    "the record of earlier runs cannot be read ({kind}: {error})",
                    kind=type(exc).__name__,
                    error=exc,
                ),
                file=path,
                hint=_(
                    "delete it: the next run then does only what is due today "
                    "(use --since DAY to catch up further)"
                ),
            ) from None

    def pending_jobs(self) -> list[Due]:
        return list(self.pending.values())

    def save(self, path: Path) -> None:
        from salescli.output.safe import atomic_write

        data = {
            "last_run": self.last_run.isoformat() if self.last_run else None,
            "done": dict(sorted(self.done.items())),
            "pending": [
                {"job": d.job, "period": d.period.label, "due_on": d.due_on.isoformat()}
                for d in sorted(self.pending.values(), key=Due.sort_key)
            ],
        }
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"), set())


def _done_entries(raw: Any) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The jobs done, each {"done_on": day, "inputs": fingerprint, "outputs": [files]}; an
    entry of another shape is left out, named in the second list."""
    if not isinstance(raw, dict):
        raise TypeError(f"`done` is a JSON {type(raw).__name__}, not an object")
    done, dropped = {}, []
    for job, entry in raw.items():
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("done_on"), str)
            and isinstance(entry.get("inputs"), str)
            and isinstance(entry.get("outputs"), list)
            and all(isinstance(output, str) for output in entry["outputs"])
        ):
            done[job] = entry
        else:
            dropped.append(job)
    return done, dropped


@dataclass
class RunContext:
    state: State
    workspace: Workspace
    settings: RunSettings
    record: Record
    today: date
    inputs: str
    _orders_end: tuple[date | None, SalescliError | None] | None = None
    # what the jobs' sources gave, shared: one fetch for the jobs reading the same days
    shared_reads: list = field(default_factory=list)
    said: set[str] = field(default_factory=set)  # the figure warnings a job told, by text

    def folder(self, item: Due) -> Path:
        relative = self.settings.folder.format(period=item.period.label)
        return self.workspace.root / relative

    def outputs(self, item: Due) -> list[Path]:
        """The files the job's output is written to (a database target could join here)."""
        formats = (
            self.settings.report_formats if item.job in REPORTS else self.settings.table_formats
        )
        return [self.folder(item) / f"{item.job}.{fmt}" for fmt in formats]

    def database(self) -> list[str]:
        """The [run] database, a relative SQLite file taken from the workspace."""
        url = self.settings.database
        if url.lower().startswith("sqlite:///") and not url.startswith("sqlite:////"):
            url = f"sqlite:///{(self.workspace.root / url[len('sqlite:///') :]).resolve()}"
        return [url] if url else []

    def status(self, item: Due, force: bool) -> Status:
        done = self.record.done.get(item.key)
        if (
            not force
            and done is not None
            and done.get("inputs") == self.inputs
            and all((self.workspace.root / p).exists() for p in done.get("outputs", []))
        ):
            when = done.get("done_on")
            return Status(skip=True, text=_("already done on {day}, inputs unchanged", day=when))
        reason = item.reason
        needed = self._orders_needed(item)
        if needed is None:
            return Status(text=reason)
        reach, error = self.orders_end()
        if error is not None:
            why = error.text(self.state.lang) if isinstance(error, SalescliError) else error
            return Status(
                text=_("{reason}; the orders cannot be read: {why}", reason=reason, why=why)
            )
        if reach is None or reach < needed:
            if reach:
                text = _(
                    "the orders reach {day}, not {needed} yet (tried again next run)",
                    day=reach,
                    needed=needed,
                )
            else:
                text = _(
                    "there are no orders, not {needed} yet (tried again next run)", needed=needed
                )
            return Status(waiting=True, text=text)
        return Status(text=reason)

    def _orders_needed(self, item: Due) -> date | None:
        """The day the orders must reach before the job can run: its period's end; for a visit
        plan, the end of the quarter its classes come from (none when they are given)."""
        if item.job != "visit-plan":
            return item.period.end
        if self.classes_file(item) is not None or self._customer_file_has_classes():
            return None
        from salescli.rules.customers import last_complete_quarter

        return last_complete_quarter(item.period).end

    def _customer_file_has_classes(self) -> bool:
        try:
            customers = self.workspace.table("customers", required=False)
        except SalescliError:
            return False
        return customers is not None and "class" in customers and customers["class"].notna().all()

    def orders_end(self) -> tuple[date | None, SalescliError | None]:
        """The last day the orders reach: a source's as the source computes it (a 10M-line
        table was fetched whole to tell), else their lines' latest."""
        if self._orders_end is None:
            try:
                span = self._source_span()
                if span is not None:
                    self._orders_end = (span[1], None)
                    return self._orders_end
                orders = self.workspace.table("orders", columns=["order_date"])
                latest = orders["order_date"].max() if orders is not None else None
                reach = None if latest is None or latest != latest else latest.date()
                self._orders_end = (reach, None)
            except SalescliError as exc:
                self._orders_end = (None, exc)
        return self._orders_end

    def _source_span(self) -> tuple[date | None, date | None] | None:
        """The orders' first and last day from their source, when they come from one alone
        (no files beside it) that types its dates as dates."""
        from salescli.data import sources

        spec = self.workspace.spec("orders")
        if not spec.source or spec.path or "orders" in self.workspace.overrides:
            return None
        return sources.span_of(self.workspace, "orders")

    def classes_file(self, item: Due) -> Path | None:
        """The classification this run made for the quarter a plan or audit takes classes from."""
        from salescli.rules.customers import last_complete_quarter

        done = self.record.done.get(f"classify {last_complete_quarter(item.period).label}")
        for name in (done or {}).get("outputs", []):
            path = self.workspace.root / name
            if path.suffix in (".xlsx", ".csv") and path.exists():
                return path
        return None

    def tell(self, line: Msg) -> None:
        """One line per job for a person at a terminal, or with -v; cron stays silent."""
        if not self.state.quiet and (self.state.interactive or self.state.verbose):
            print(render(_("salescli: run: {line}", line=line), self.state.lang), file=sys.stderr)

    def do(self, item: Due) -> int:
        """Run one job; a failure is told in one line and returned as its exit code."""
        if item.job != "visit-plan":
            _reach, error = self.orders_end()
            if error is not None:
                return self._failed(item, error)
        targets = self.outputs(item)
        job_state = replace(
            self.state,
            quiet=not self.state.verbose,
            warnings=[],
            opened=[],
            period=None,
            lock_held=True,
            targets=[*(str(t) for t in targets), *self.database()],
            today=self.today,
            shared_reads=self.shared_reads,
        )
        job = _JOBS[item.job](self, item)
        try:
            sources, loud = _call(job_state, job)
        except SalescliError as exc:
            return self._failed(item, exc)
        except Exception as exc:  # one job's bug does not stop the others
            if self.state.verbose:
                traceback.print_exc(file=sys.stderr)
            return self._failed(item, exc)
        finally:
            job_state.close()
        folders = [job.options[o] for o in FOLDER_OPTIONS if job.options.get(o) is not None]
        written = [*targets, *(p for p in folders if p.is_dir())]
        relative = [_relative(p, self.workspace.root) for p in written if p.exists()]
        self.record.done[item.key] = {
            "done_on": self.today.isoformat(),
            "inputs": self.inputs,
            "outputs": relative,
            **({"sources": sources} if sources else {}),  # what each source gave the job
        }
        self.record.pending.pop(item.key, None)
        self.said.update(str(message) for message in loud)
        if job_state.quiet:  # the job said nothing: its warnings that change a figure, here
            for message in loud:
                self.state.warn(_("{job}: {warning}", job=item.key, warning=message), always=True)
        self.tell(_("{job}: wrote {paths}", job=item.key, paths=", ".join(relative)))
        return 0

    def _failed(self, item: Due, exc: Exception) -> int:
        self.record.pending[item.key] = item
        lang = self.state.lang
        if isinstance(exc, SalescliError):
            hint = exc.hint_text(lang)
            if hint:
                said_ = _(
                    "salescli: error: {job}: {message} (hint: {hint})",
                    job=item.key,
                    message=exc.text(lang),
                    hint=hint,
                )
            else:
                said_ = _("salescli: error: {job}: {message}", job=item.key, message=exc.text(lang))
            print(render(said_, lang), file=sys.stderr)
            return exc.exit_code
        internal = _(
            "salescli: error: {job}: internal error: {kind}: {error} "
            "(hint: run again with -v for the traceback and report it)",
            job=item.key,
            kind=type(exc).__name__,
            error=exc,
        )
        print(render(internal, lang), file=sys.stderr)
        return EXIT_INTERNAL


@dataclass
class Job:
    """One job as a library call: `salescli.api.<function>(workspace, **options)`, written by
    the shared `emit` as the command `command` writes it."""

    command: str
    options: dict[str, Any]
    reading: Msg = field(default_factory=lambda: _("Reading the exports…"))

    @property
    def function(self) -> str:
        return self.command.replace("-", "_")


def _call(job_state: State, job: Job) -> tuple[list[dict[str, Any]], list[str]]:
    """The job's API call and `emit`, in a context of its own (its state: the run's targets,
    the lock already held); the periods are labels, so no `today` is needed. Returns what
    each source gave the job (Workspace.source_records) and the job's warnings that change
    a figure (which a quiet job does not say)."""
    from typer.core import TyperCommand

    import salescli.api as api
    from salescli.state import click_module

    command = TyperCommand(name=job.command)
    with click_module().Context(command, obj=job_state, info_name=job.command) as ctx:
        workspace = open_workspace(ctx)
        with reading(ctx, job.reading):
            result = getattr(api, job.function)(workspace, **job.options)
        emit(ctx, workspace, result, None, None)
        loud = [message for message in workspace.warnings if message in workspace.loud]
        return workspace.source_records(), loud


def _report(context: RunContext, item: Due) -> Job:
    options: dict[str, Any] = {_period_kind(item.job): item.period.label}
    return Job("report", {**options, **_language(context)})


def _appraisal(context: RunContext, item: Due) -> Job:
    options: dict[str, Any] = {_period_kind(item.job): item.period.label}
    if item.job == "quarterly-appraisal" and context.settings.scorecards:
        options["scorecards"] = context.folder(item) / "scorecards"
    return Job("appraise", {**options, **_language(context)})


def _language(context: RunContext) -> dict[str, Any]:
    """What the report's words and the scorecards are written in (--lang, --template-dir)."""
    return {"lang": context.state.lang, "template_dir": context.state.template_dir}


def _classify(context: RunContext, item: Due) -> Job:
    return Job("classify", {"quarter": item.period.label}, _("Reading orders and customers…"))


def _audit(context: RunContext, item: Due) -> Job:
    options = {"month": item.period.label, "classes": context.classes_file(item)}
    return Job("audit-visits", options, _("Reading customers and visits…"))


def _plan(context: RunContext, item: Due) -> Job:
    options: dict[str, Any] = {"month": item.period.label, "classes": context.classes_file(item)}
    if context.settings.ics:
        options["ics"] = context.folder(item) / "calendars"
        options["lang"] = context.state.lang  # the calendars' words
    return Job("plan-visits", options, _("Reading customers…"))


_JOBS: dict[str, Callable[[RunContext, Due], Job]] = {
    "weekly-report": _report,
    "monthly-report": _report,
    "quarterly-report": _report,
    "monthly-appraisal": _appraisal,
    "quarterly-appraisal": _appraisal,
    "yearly-appraisal": _appraisal,
    "classify": _classify,
    "visit-audit": _audit,
    "visit-plan": _plan,
}


def _period_kind(job: str) -> str:
    return KINDS_BY_NAME[job].cadence  # each job covers a period of its own cadence


def _list(statuses: list[tuple[Due, Status]], first: date, today: date, context: RunContext):
    lang = context.state.lang
    if not statuses:
        if first == today:
            print(render(_("nothing is due on {day}", day=today), lang))
        else:
            print(render(_("nothing is due from {first} to {last}", first=first, last=today), lang))
        return
    for item, status in statuses:
        where = listed(_relative(p, context.workspace.root) for p in context.outputs(item))
        state = _("done") if status.skip else _("waiting") if status.waiting else _("due")
        line = _(
            "{day}  {job}  {state}: {why} -> {where}",
            day=item.due_on,
            job=item.key,
            state=state,
            why=status.text,
            where=where,
        )
        print(render(line, lang))


def _fingerprint(workspace: Workspace, state: State) -> str:
    """The inputs as they are now: each file's path and content hash (an edit that keeps the
    size and modification time is still an edit), each source's state, told without fetching
    its rows (`sources.state`: its files' content, or a database's count and hash sum of its
    rows) and the policy file's text; and what the outputs are written in:
    the language and the user's templates (each file's name and content: a template edited
    in place is a change). A job done with the same fingerprint is not redone."""
    from salescli.data import sources

    digest = hashlib.sha256()
    for name in sorted(TABLES):
        if not workspace.spec(name).source or name in workspace.overrides:
            continue
        try:
            content = sources.state(workspace, name)
        except SalescliError:
            content = _rows_fingerprint(workspace, name)
        digest.update(f"{name}|{workspace.spec(name).source}|{content}\n".encode())
    for path in sorted(workspace.input_paths()):
        digest.update(f"{path}|{_file_digest(path)}\n".encode())
    source = workspace.config.source
    if source is not None and source.exists():
        digest.update(source.read_bytes())
    digest.update(f"lang|{state.lang}\n".encode())
    for line in _templates(state.template_dir):
        digest.update(line.encode())
    return digest.hexdigest()[:16]


def _rows_fingerprint(workspace: Workspace, name: str) -> str:
    """A source whose state cannot be told (a server before PostgreSQL 11 has no
    hashtextextended) while its rows may read well: their SHA-256, the source fetched whole.
    A constant there said "inputs unchanged" however its rows changed."""
    try:
        workspace.read(name)
        return str(workspace.fetched[name].fingerprint)
    except SalescliError as exc:  # the job that reads it says why
        return f"unreadable: {exc.exit_code}"


def _file_digest(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError as exc:  # a link to nothing: the job that reads it says so
        return f"unreadable: {exc.strerror}"


def _templates(folder: Path | None) -> list[str]:
    """The --template-dir as the fingerprint takes it: the folder, and each file under it
    with its content hash (the templates a job may load from it)."""
    if folder is None:
        return ["templates|\n"]
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    lines = [f"templates|{folder.resolve()}\n"]
    return lines + [f"{p.relative_to(folder).as_posix()}|{_file_digest(p)}\n" for p in files]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            _("{option} {value!r} is not a day", option=option, value=text),
            hint=_("write it as YYYY-MM-DD, e.g. 2025-01-02"),
        ) from None


def register(app: typer.Typer) -> None:
    app.command("run", help=command_help(HELP))(run)
