"""`appraise`: monthly, quarterly and yearly appraisal (POLICY.md 5)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from salescli.api.base import PeriodArg, Result, Today, computing, named, period_of, workspace_name
from salescli.api.inputs import load_books, require_targets, warn_sales_without_target
from salescli.errors import UsageError
from salescli.i18n import _
from salescli.rules.words import Listed

if TYPE_CHECKING:
    from salescli.data.workspace import Workspace
    from salescli.periods import Period
    from salescli.rules.books import Books


def appraise(
    workspace: Workspace,
    *,
    month: PeriodArg = None,
    quarter: PeriodArg = None,
    year: PeriodArg = None,
    rep: list[str] | None = None,
    explain: str | None = None,
    scorecards: Path | str | None = None,
    lang: str = "en",
    template_dir: Path | None = None,
    today: Today = None,
) -> Result:
    """Appraise the reps for one month, quarter or year: scores, grades, bonus and honours.

    `rep` keeps only those reps; `explain="张三"` gives that rep's figures with their formulas
    (table `explain`) instead of the appraisal; `scorecards=DIR` also writes one HTML
    scorecard per rep and scorecards.xlsx there (listed in `Result.files`).

    >>> appraise(Workspace("examples/demo"), month="2024-05")["appraisal"]  # doctest: +SKIP
    """
    from salescli.output import Output, Table
    from salescli.rules import appraisal as rules
    from salescli.rules import explain as explanations

    period = period_of(
        workspace, ("month", "quarter", "year"), today, month=month, quarter=quarter, year=year
    )
    with computing(workspace) as warnings:
        workspace.table("targets")  # an appraisal without targets has no attainment or bonus
        data = load_books(workspace, rules.ORDER_COLUMNS, period)
        require_targets(data.targets, period)
        reps = rules.appraised_reps(data, period)
        table, frame = rules.appraise(data, period, workspace.policy, reps)
        full = frame  # every rep: the sales stars' ties are among them all, not --rep's
        for note in rules.missing_data_notes(frame, period):
            workspace.warn(note, loud=True)  # an indicator left empty changes a grade
        warn_sales_without_target(workspace, frame, period)
        for note in rules.target_mismatches(data.targets, period):
            workspace.warn(note, loud=True)  # the period's and its months' attainments differ
        for note in _ownership_and_coverage(data, period):
            workspace.warn(note)
        if rep:
            unknown = sorted(set(rep) - set(reps))
            if unknown:
                raise UsageError(
                    _("no rep {reps} in {period}", reps=Listed(unknown), period=str(period)),
                    hint=_("reps appraised: {reps}", reps=Listed(reps[:20])),
                )
            keep = table["rep"].isin(rep)
            table, frame = table[keep], frame[keep]
        if explain is not None:
            match = frame[frame["rep"] == explain]
            if match.empty:
                raise UsageError(
                    _("no rep {rep!r} in {period}", rep=explain, period=str(period)),
                    hint=_("reps appraised: {reps}", reps=Listed(reps[:20])),
                )
            detail = explanations.explain(match.iloc[0], period, workspace.policy, data)
            out = Output(
                _("{rep} {period}: how each figure was made", rep=explain, period=period),
                [
                    Table(
                        "explain",
                        detail,
                        _("{rep} {period}", rep=explain, period=period),
                        kinds={"value": "row"},
                        row_key="figure",
                        limits=rules.ratio_limits(workspace.policy),
                    )
                ],
                period=period,
                command="appraise",
            )
            return Result(named(out, workspace), warnings)
        notes = explanations.honour_notes(workspace.policy)
        ties = rules.star_tie_note(
            full.set_index("rep"), workspace.policy, rules.ranked_score(period)
        )
        if ties:
            notes.append(ties)
        if period.kind == "year":
            scored = rules.coverage(data, period).scored
            notes.append(
                _("quarters scored: {quarters}", quarters=", ".join(q.label for q in scored))
                if scored
                else _("quarters scored: none")
            )
        out = Output(
            _("Appraisal {period}", period=period),
            [
                Table(
                    "appraisal",
                    table.reset_index(drop=True),
                    _("Appraisal {period}", period=period),
                    notes=notes,
                    limits=rules.ratio_limits(workspace.policy),
                )
            ],
            period=period,
            command="appraise",
        )
        files: list[Path] = []
        if scorecards is not None:
            from salescli.output.scorecards import write_scorecards

            reps_only = frame[frame["rep"] != rules.UNASSIGNED]  # nobody gets no scorecard
            files = list(
                write_scorecards(
                    reps_only,
                    period,
                    workspace.policy,
                    Path(scorecards),
                    lang,
                    template_dir,
                    workspace_name(workspace),
                    whole=not rep,
                )
            )
    return Result(named(out, workspace), warnings, files)


def _ownership_and_coverage(data: Books, period: Period) -> list[str]:
    """Sales nobody owns, and the quarters of a year the orders do not cover."""
    from salescli.rules import appraisal as rules

    notes: list[str | None] = [rules.unassigned_note(data, period)]
    if period.kind == "year":
        notes += rules.coverage(data, period).notes(period.label)
    return [n for n in notes if n]
