"""`classify`: A/B/C customer classification (POLICY.md 2.1)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from salescli.api.base import PeriodArg, Result, Today, computing, named, period_of
from salescli.api.inputs import classify_customers
from salescli.errors import UsageError
from salescli.i18n import _, n_
from salescli.rules import words

if TYPE_CHECKING:
    from salescli.data.workspace import Workspace

METHODS = ("score", "pareto", "thresholds")


def classify(
    workspace: Workspace,
    *,
    quarter: PeriodArg,
    method: str | None = None,
    previous: Path | str | None = None,
    today: Today = None,
) -> Result:
    """Classify every customer A, B or C from amount, frequency and potential value.

    The window is the classify.window_quarters quarters ending with `quarter`; `method` is
    "score", "pareto" or "thresholds" (default: the policy's classify.method); `previous` is
    an earlier classify output giving the previous classes for the `move` column (else the
    customer file's class column). Tables: `classes`, `summary`, `moves`.

    >>> classify(Workspace("examples/demo"), quarter="2024Q2")["classes"]  # doctest: +SKIP
    """
    from salescli.output import Output, Table
    from salescli.rules import customers as rules

    period = period_of(workspace, ("quarter",), today, quarter=quarter)
    if method is not None and str(method) not in METHODS:
        raise UsageError(
            _("unknown method {method!r}", method=method),
            hint=_("methods: {methods}", methods=", ".join(METHODS)),
        )
    with computing(workspace) as warnings:
        settings = workspace.policy.classify
        chosen = str(method) if method else settings.method
        classified = classify_customers(workspace, period, chosen, previous)
        window = rules.classification_window(period, settings.window_quarters)
        note = n_(
            "method {method}; window {start}..{end} ({n} quarter)",
            "method {method}; window {start}..{end} ({n} quarters)",
            settings.window_quarters,
            method=words.METHODS.get(chosen, chosen),
            start=window.start,
            end=window.end,
        )
        out = Output(
            _("Customer classification {period} ({chosen})", period=period, chosen=chosen),
            [
                Table(
                    "classes",
                    classified,
                    _("Customer classes {period}", period=period),
                    notes=[note],
                ),
                Table(
                    "summary",
                    rules.class_summary(classified),
                    _("Customers and amount by class"),
                    aside=True,
                ),
                Table(
                    "moves",
                    rules.move_matrix(classified),
                    _("Moves: previous class → class"),
                    aside=True,
                    kinds=dict.fromkeys(rules.CLASS_ORDER, "count"),
                ),
            ],
            period=period,
            command="classify",
        )
    return Result(named(out, workspace), warnings)
