"""`plan_visits` and `audit_visits`: a month's visit plan per rep and the manager's check of
its execution (POLICY.md 2.3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from salescli.api.base import PeriodArg, Result, Today, computing, named, period_of
from salescli.api.inputs import customer_classes
from salescli.data.parts import some
from salescli.errors import UsageError
from salescli.i18n import _, n_
from salescli.rules import words
from salescli.rules.words import Listed

if TYPE_CHECKING:
    from datetime import date

    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.output import Table
    from salescli.periods import Period

BY = ("customer", "rep")


def plan_visits(
    workspace: Workspace,
    *,
    month: PeriodArg,
    classes: Path | str | None = None,
    rep: list[str] | None = None,
    ics: Path | str | None = None,
    lang: str = "en",
    today: Today = None,
) -> Result:
    """Plan the month's customer visits: A weekly, B fortnightly, C monthly.

    `classes` is a classify output giving each customer's class (else the customer file's
    class column, else a classification of the last complete quarter before the month);
    `rep` keeps only those reps' customers; `ics=DIR` also writes one iCalendar file per rep
    there (listed in `Result.files`), their words in `lang`. Tables: `plan`, `unscheduled`.

    >>> plan_visits(Workspace("examples/demo"), month="2024-06")["plan"]  # doctest: +SKIP
    """
    from salescli.output import Output, Table
    from salescli.rules import customers as rules

    period = period_of(workspace, ("month",), today, month=month)
    with computing(workspace) as warnings:
        settings = workspace.policy.visits
        customers = _only_reps(customer_classes(workspace, period, classes), rep)
        plan, unscheduled = rules.plan_visits(customers, period, settings, workspace.calendar)
        skipped = rules.skipped_windows(period, settings, workspace.calendar)
        notes: list[str] = [
            n_(
                "{n} visit planned for {reps}; at most {most} a day per rep; calendar {calendar}",
                "{n} visits planned for {reps}; at most {most} a day per rep; calendar {calendar}",
                len(plan),
                reps=n_("{n} rep", "{n} reps", int(customers["rep"].nunique())),
                most=settings.max_per_day,
                calendar=workspace.calendar.kind,
            )
        ]
        notes.append(_classes_note(workspace, period, classes))
        notes += [
            _("window with no working day, not required: {window}", window=w) for w in skipped
        ]
        if len(unscheduled):
            workspace.warn(
                n_(
                    "{n} required visit could not be scheduled: see the unscheduled table "
                    "(--section unscheduled)",
                    "{n} required visits could not be scheduled: see the unscheduled table "
                    "(--section unscheduled)",
                    len(unscheduled),
                ),
                loud=True,  # a visit the plan leaves out is a duty no rep is given
            )
        out = Output(
            _("Visit plan {period}", period=period),
            [
                Table("plan", plan, _("Visit plan {period}", period=period), notes=notes),
                Table(
                    "unscheduled",
                    unscheduled,
                    _("Visits that could not be scheduled"),
                ),
            ],
            period=period,
            command="plan-visits",
        )
        files: list[Path] = []
        if ics is not None:
            from salescli.output.ics import write_calendars

            files = list(write_calendars(plan, Path(ics), period, lang, whole=rep is None))
    return Result(named(out, workspace), warnings, files)


def audit_visits(
    workspace: Workspace,
    *,
    month: PeriodArg,
    by: str = "customer",
    classes: Path | str | None = None,
    rep: list[str] | None = None,
    today: Today = None,
) -> Result:
    """Check recorded visits against each customer's required visit windows.

    Tables: `customers` (per customer: required windows, done, missed, compliance) and
    `by_rep` (worst first), the first of them the one `by` ("customer" or "rep") names;
    `unknown_customers` and `other_rep` (visits to customers not in the customer file, or by
    a rep other than the owner); `visit_records` and `incomplete_visits` (2.3.2–2.3.4).
    `classes` and `rep` as for `plan_visits`.

    >>> audit_visits(Workspace("examples/demo"), month="2024-05", by="rep")  # doctest: +SKIP
    """
    from salescli.output import Output, Table
    from salescli.rules import customers as rules

    period = period_of(workspace, ("month",), today, month=month)
    if str(by) not in BY:
        raise UsageError(
            _("by={by!r}: one row per customer or per rep", by=by),
            hint=_("by='customer' or 'rep'"),
        )
    with computing(workspace) as warnings:
        customers = customer_classes(workspace, period, classes)
        visits = workspace.table("visits")
        assert visits is not None  # required
        # a month the visit records do not reach would show every customer at 0 %
        covered = workspace.require_period(visits, period, "visits", "visit_date", "visits")
        _warn_open_week(workspace, covered.last, period)
        _warn_unclassed(workspace, _only_reps(customers, rep))
        # every customer on file, so that another rep's customer is not taken for a stranger
        audit, strangers, others = rules.audit_visits(
            customers, visits, period, workspace.policy.visits, workspace.calendar
        )
        if rep:
            audit = audit[audit["rep"].isin(rep)].reset_index(drop=True)
            if "rep" in strangers:
                strangers = strangers[strangers["rep"].isin(rep)].reset_index(drop=True)
            mine = others["rep"].isin(rep) | others["owner"].isin(rep)
            others = others[mine].reset_index(drop=True)
        by_rep = rules.compliance_by_rep(audit)
        if len(strangers):
            # a visit that counts for no customer leaves a window missed: said even to cron
            workspace.warn(
                n_(
                    "{n} visit is to a customer not in the customer file, so it counts for "
                    "none: {customers} (--section unknown_customers)",
                    "{n} visits are to customers not in the customer file, so they count for "
                    "none: {customers} (--section unknown_customers)",
                    len(strangers),
                    customers=some(sorted(strangers["customer_id"].astype(str).unique())),
                ),
                loud=True,
            )
        if len(others):
            workspace.warn(
                n_(
                    "{n} visit was made by a rep other than the customer's owner; it counts "
                    "for the customer (--section other_rep)",
                    "{n} visits were made by a rep other than the customer's owner; they count "
                    "for the customer (--section other_rep)",
                    len(others),
                )
            )
        source = [_classes_note(workspace, period, classes)]
        main = [
            Table(
                "by_rep",
                by_rep,
                _("Visit compliance by rep {period}", period=period),
                notes=source,
            ),
            Table(
                "customers",
                audit,
                _("Visit compliance by customer {period}", period=period),
                notes=source,
            ),
        ]
        if str(by) == "customer":
            main.reverse()
        out = Output(
            _("Visit audit {period}", period=period),
            [
                *main,
                Table(
                    "unknown_customers",
                    strangers,
                    _("Visits to customers not in the customer file"),
                ),
                Table(
                    "other_rep",
                    others,
                    _("Visits by a rep other than the owner"),
                ),
                *_record_tables(customers, visits, period, rep),
            ],
            period=period,
            command="audit-visits",
        )
    return Result(named(out, workspace), warnings)


def _classes_note(workspace: Workspace, period: Period, classes: Path | str | None) -> str:
    """Where the customers' classes came from, as `customer_classes` chose: the windows
    required of each customer, so every figure, follow from them."""
    from salescli.rules.customers import last_complete_quarter

    if classes is not None:
        return _("classes from {file}", file=Path(classes).name)
    customers = workspace.table("customers")
    if customers is not None and "class" in customers and customers["class"].notna().all():
        return _("classes from the customer file's class column, as filed now")
    return _(
        "classes classified from {quarter}, the last complete quarter before {month}",
        quarter=str(last_complete_quarter(period)),
        month=str(period),
    )


def _only_reps(customers: pd.DataFrame, reps: list[str] | None) -> pd.DataFrame:
    """The customers of `reps` (all when none given); a rep who owns none is refused, as an
    empty plan or audit would read as a rep with nothing to do."""
    if not reps:
        return customers
    owners = sorted(customers["rep"].dropna().astype(str).unique())
    unknown = sorted(set(reps) - set(owners))
    if unknown:
        raise UsageError(
            _("no customer of rep {reps} in the customer file", reps=Listed(unknown)),
            hint=_("reps owning customers: {reps}", reps=Listed(owners[:20])),
        )
    return customers[customers["rep"].isin(reps)]


def _warn_open_week(workspace: Workspace, last: date | None, period: Period) -> None:
    """The month's last visit week runs into the next month when the month ends before its
    Sunday: records that end (`last`, the whole table's, not the days read) before that week's
    last working day cannot tell a missed window from one still to be visited (a cron audit on
    the first working day): said even to cron."""
    from datetime import timedelta

    from salescli.periods import day_ranges, weeks_of_month

    weeks = weeks_of_month(period)
    if not weeks or weeks[-1].end <= period.end or last is None:
        return
    if last < period.end:  # the month itself is not reached: require_period has said so
        return
    end = weeks[-1].end
    after = [last + timedelta(n) for n in range(1, (end - last).days + 1)]
    still = [day for day in after if workspace.calendar.is_workday(day)]
    if still:
        workspace.warn(
            _(
                "visit records end {last}, but {period}'s last visit week runs to {end}: a "
                "visit on {days} would still count for {period}, so a window shown as missed "
                "may not be over yet",
                last=last,
                period=str(period),
                end=end,
                days=day_ranges(still),
            ),
            loud=True,
        )


def _warn_unclassed(workspace: Workspace, customers: pd.DataFrame) -> None:
    """A customer with no class (one a --classes file leaves out) has no visit required of
    it, so its rep's compliance leaves it out: said even to cron, and --strict stops."""
    unclassed = customers.loc[customers["class"].isna(), "customer_id"]
    if len(unclassed):
        workspace.warn(
            n_(
                "{n} customer has no class, so no visit is required of it: {customers}",
                "{n} customers have no class, so no visit is required of them: {customers}",
                len(unclassed),
                customers=some(sorted(unclassed.astype(str).unique())),
            ),
            loud=True,
        )


def _record_tables(
    customers: pd.DataFrame, visits: pd.DataFrame, period: Period, reps: list[str] | None
) -> list[Table]:
    """2.3.2–2.3.4: the month's visit records, per rep and the incomplete ones."""
    from salescli.output import Table
    from salescli.rules import visit_records

    month = visit_records.month_visits(visits, customers, period, reps)
    fields = words.columns(visit_records.RECORD_FIELDS)
    return [
        Table(
            "visit_records",
            visit_records.record_completeness(month),
            _("Visit record completeness by rep {period}", period=period),
            notes=[_("a complete record has {fields} filled in", fields=fields)],
        ),
        Table(
            "incomplete_visits",
            visit_records.incomplete_visits(month),
            _("Visits with an incomplete record {period}", period=period),
        ),
    ]
