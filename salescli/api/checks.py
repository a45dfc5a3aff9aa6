"""`check`: read every table present and list each problem where the user will find it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from salescli.api.base import Result, computing, named
from salescli.errors import BadDataError
from salescli.i18n import _, n_
from salescli.rules.words import Listed

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.errors import SalescliError

HEADER_COLUMNS = ["table", "file", "sheet", "header", "column", "how"]


@dataclass(repr=False)  # Result's own repr
class CheckResult(Result):
    """A check's `Result`: the problems are its tables, not errors. `errors` counts the
    problems of severity "error" (`ok` when there are none: the CLI exits 65 otherwise) and
    `summary` is the line the CLI ends with."""

    summary: str = ""

    @property
    def errors(self) -> int:
        return int((self["problems"]["severity"] == "error").sum())

    @property
    def ok(self) -> bool:
        return self.errors == 0


def check(
    workspace: Workspace,
    *,
    table: str | list[str] | None = None,
    verbose: bool = False,
) -> CheckResult:
    """Validate the exports against the schema and the policy's record rules.

    Reads every table present (or only those in `table`) and returns, as tables: `problems`
    (table, file, sheet, row as Excel shows it, column, value, severity, problem, hint),
    `headers` (how each file's headers were read), `completeness` (each rep's customer-record
    completeness, A-class customers beside it; with a customer file) and `visit_records` (each
    rep's visit-record completeness; with visits). `verbose=True` also warns of the headers
    no column uses (the CLI's -v).

    Problems found in the data are the result, never raised: a file that cannot be read at
    all is one problem row. `result.ok` is False when any problem is an error (the CLI then
    exits 65); `result.errors` counts them. Raised: UsageError for an unknown table name,
    MissingInputError (66) for a table asked for in `table` that is not there, or a
    workspace without any export.

    >>> check(Workspace("examples/demo"), table=["orders"])["problems"]  # doctest: +SKIP
    """
    import pandas as pd

    from salescli.output import Output, Table
    from salescli.rules import checks as rules
    from salescli.rules.records import problem_frame
    from salescli.schema import TABLES

    asked = [table] if isinstance(table, str) else list(table or [])
    names = asked or list(TABLES)
    with computing(workspace) as warnings:
        _require_exports(workspace, names, asked=bool(asked))
        found: list[pd.DataFrame] = []
        headers: list[dict[str, object]] = []
        loaded: dict[str, pd.DataFrame] = {}
        for name in names:
            try:
                read = workspace.read(name)
            except BadDataError as exc:
                found.append(_unreadable(name, exc))
                # a header row without a column the table needs: its headers say which it is
                headers += [{"table": name, **line} for line in exc.headers or []]
                continue
            if read is None:
                continue
            loaded[name] = read.frame
            headers += [{"table": name, **line} for line in read.headers]
            found.append(problem_frame([vars(p) for p in read.problems]))
            for note in read.notes:
                workspace.warn(note)
            found.append(_figure_warnings(name, read.warnings, workspace.strict))
            if verbose and read.unmatched:
                workspace.warn(
                    _(
                        "{table}: headers not used: {headers}",
                        table=name,
                        headers=", ".join(map(str, read.unmatched)),
                    )
                )
        labels = {c.name: c.zh for t in TABLES.values() for c in t.columns.values()}
        # owners come from the customer file: judge unowned sales only when it was looked at
        found += rules.record_problems(loaded, "customers" in names, labels)
        problems = rules.listed(found)
        tables = [
            Table(
                "problems",
                problems,
                _("Problems in the exports"),
                # the value found in the export as it was, the file and sheet as named
                kinds={"value": "id", "file": "id", "sheet": "id", "code": "id"},
            ),
            Table(
                "headers",
                pd.DataFrame(headers, columns=HEADER_COLUMNS),
                _("How each file's headers were read"),
                kinds={"file": "id", "sheet": "id", "header": "id"},
            ),
        ]
        if "customers" in loaded:
            tables.append(
                Table(
                    "completeness",
                    rules.completeness(loaded["customers"], problems),
                    _("Customer record completeness by rep"),
                    aside=True,
                )
            )
        visits = rules.visit_completeness(loaded)
        if visits is not None:
            tables.append(
                Table(
                    "visit_records",
                    visits,
                    _("Visit record completeness by rep (every visit in the export)"),
                    notes=[
                        _(
                            "`audit-visits --month M --section incomplete_visits` lists the "
                            "incomplete"
                        )
                    ],
                    aside=True,
                )
            )
        errors, warned = rules.severity_counts(problems)
        summary = _(
            "{errors}, {warnings} in {tables}",
            errors=n_("{n} error", "{n} errors", errors),
            warnings=n_("{n} warning", "{n} warnings", warned),
            tables=n_("{n} table", "{n} tables", len(loaded)),
        )
        out = Output(_("salescli check"), tables, notes=[summary], command="check")
    return CheckResult(named(out, workspace), warnings, summary=summary)


def _require_exports(workspace: Workspace, names: list[str], asked: bool) -> None:
    """A check of nothing is not a pass: a table asked for that is not there, or a
    workspace with no export at all, is exit 66."""
    from salescli.errors import MissingInputError
    from salescli.schema import TABLES

    absent = [name for name in names if not _present(workspace, name)]
    if asked and absent:
        name = absent[0]
        raise MissingInputError(
            _("no {table} table ({zh}) to check", table=name, zh=TABLES[name].zh),
            hint=_(
                "looked for {where}; put the export there, set [inputs.{table}] path in "
                "salescli.toml, or pass --input {table}=FILE",
                where=Listed(workspace.where_looked(name).split(", ")),
                table=name,
            ),
        )
    if len(absent) == len(names):
        raise MissingInputError(
            _("no exports to check in {folder}", folder=str(workspace.root)),
            hint=_("put the exports there (orders.xlsx, customers.xlsx, …), or pass -w DIR"),
        )


def _present(workspace: Workspace, name: str) -> bool:
    try:
        return bool(workspace.locate(name))
    except BadDataError:  # there, but ambiguous: listed as a problem below
        return True


def _figure_warnings(name: str, warnings: list[str], strict: bool) -> pd.DataFrame:
    """What changed a figure while a table was read, one row each: a warning, or an error
    with --strict (where the commands stop on it)."""
    from salescli.problems import problem
    from salescli.rules.records import problem_frame, said

    severity = "error" if strict else "warning"
    rows = []
    for warning in warnings:
        found = said(problem("figure-warning", severity=severity, warning=warning))
        rows.append({"table": name, **found, "problem": _as_said(warning, found["problem"])})
    return problem_frame(rows)


def _as_said(text: object, message: object) -> object:
    """A message (an id) inside its kind's template; other text (a library's words) as it
    is."""
    from salescli.i18n import Msg

    return message if isinstance(text, Msg) else text


def _unreadable(name: str, exc: SalescliError) -> pd.DataFrame:
    """A table that cannot be read at all, as one problem row."""
    from salescli.problems import problem
    from salescli.rules.records import problem_frame, said

    found = problem("unreadable-table", error=exc.message, advice=exc.hint or "")
    row = {
        "table": name,
        "file": exc.file,
        "sheet": exc.sheet,
        "row": exc.row,
        "column": exc.column,
        "value": None if exc.value is None else str(exc.value),
        **said(found),
    }
    row["problem"] = _as_said(exc.message, row["problem"])
    row["hint"] = _as_said(exc.hint, row["hint"]) if exc.hint else ""
    return problem_frame([row])
