"""`appraise --explain`: every figure of one rep with its formula and the rows behind it, and
the honours' rules as the notes state them (POLICY.md 5).

Built from what the computation reads: the indicator registry (`indicators.INDICATORS`: each
indicator's formula, goal, weight and direction, the churn window), the policy's thresholds and
caps and the scored quarters' weights, never restating a number, so the words cannot drift from
the figures they explain. Every formula is a message id with its values (`salescli.i18n`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from salescli.config import Policy
from salescli.i18n import Msg, _
from salescli.periods import Period, quarter
from salescli.rounding import percent
from salescli.rules import indicators
from salescli.rules.appraisal import (
    CHAMPION,
    NOT_FOR_NOBODY,
    PROMOTION,
    QUARTER_SCORES,
    STAR,
    attainment_limits,
    coverage,
    quarter_weights,
)
from salescli.rules.books import Books
from salescli.rules.columns import is_score
from salescli.rules.process import UNASSIGNED

# one line of a rep's explanation: figure, value, formula, the number of rows behind it
Line = tuple[str, object, Msg | str, int | None]
AddLine = Callable[[Line], None]

# the honours as the notes name them (their labels: salescli.labels)
HONOUR_NAMES = {
    CHAMPION: _("Sales champion"),
    STAR: _("Sales star"),
    PROMOTION: _("Promotion candidate"),
}


def honour_notes(policy: Policy) -> list[str]:
    """Each honour's rule, with the policy's numbers (5.3)."""
    honours_ = policy.honours
    rules = {
        CHAMPION: _("highest amount of the period (all reps tied at the top)"),
        STAR: _(
            "the {stars} best among reps at or above {attainment:.0%} attainment, by final "
            "score (in a month: performance score), then attainment, then amount (a rep tied "
            "with the last star on all three is named in a note, not honoured)",
            stars=honours_.stars,
            attainment=honours_.star_min_attainment,
        ),
        PROMOTION: _("grade {grades} in every quarter of the year", grades=_grades(policy)),
    }
    return [
        _("{honour}: {rule}", honour=HONOUR_NAMES[name], rule=rule) for name, rule in rules.items()
    ]


def _grades(policy: Policy) -> Msg | str:
    """The promotion grades, "S or A"."""
    grades = policy.honours.promotion_grades
    said: Msg | str = grades[0] if grades else ""
    for grade in grades[1:]:
        said = _("{first} or {second}", first=said, second=grade)
    return said


def explain(row: pd.Series, period: Period, policy: Policy, data: Books) -> pd.DataFrame:
    """Every figure of one rep with its formula and the number of rows behind it."""
    rep = row["rep"]
    lines: list[Line] = []
    add = lines.append
    if "amount_rows" in row:
        _explain_figures(row, period, attainment_limits(policy), add)
    if period.kind == "month":
        add(("performance_score", row["performance_score"], performance_rule(row, policy), None))
        _explain_bonus(row, policy, add)
    if period.kind == "quarter":
        _explain_quarter(row, period, policy, data, add)
    if period.kind == "year":
        _explain_year(row, period, policy, data, add)
    if "grade" in row:
        add(("grade", row["grade"], _grade_rule(policy), None))
    add(("honours", row.get("honours"), _joined(honour_notes(policy)), None))
    # object, not text: a formula is a message, kept to be said in the output's language
    frame = pd.DataFrame(lines, columns=["figure", "value", "formula", "n_rows"], dtype=object)
    frame["figure"] = frame["figure"].astype("str")
    if rep == UNASSIGNED:  # as `appraisal.not_appraised` leaves them
        blank = frame["figure"].isin([*NOT_FOR_NOBODY, "promotion_candidate"])
        blank |= frame["figure"].map(is_score).astype(bool)
        frame.loc[blank, "formula"] = _(
            "left empty for {unassigned}: sales nobody owns have no target, score, grade, "
            "bonus or honour",
            unassigned=UNASSIGNED,
        )
    frame["n_rows"] = frame["n_rows"].astype("Int64")
    # a figure is a number in `value`; a grade, honours or yes/no is words in `value_text`
    numeric = frame["value"].map(_is_number)
    frame.insert(2, "value_text", _texts(frame["value"].where(~numeric)))
    frame["value"] = pd.to_numeric(frame["value"].where(numeric), errors="coerce").astype("float64")
    return frame


def _joined(notes: list[str]) -> Msg | str:
    said: Msg | str = notes[0] if notes else ""
    for note in notes[1:]:
        said = _("{first}; {second}", first=said, second=note)
    return said


def _sales_lines(period: Period) -> Msg:
    return _(
        "cancelled orders excluded; a line without rep counts for its customer's owner, else "
        "for {unassigned}",
        unassigned=UNASSIGNED,
    )


def _explain_figures(
    row: pd.Series, period: Period, limits: tuple[float, ...], add: AddLine
) -> None:
    """A month's or a quarter's amount, quantity, profit, target and attainment."""
    n = int(row["amount_rows"])
    add(
        (
            "amount",
            row["amount"],
            _(
                "sum of amount over {n} order lines dated {first}..{last} ({lines})",
                n=n,
                first=str(period.start),
                last=str(period.end),
                lines=_sales_lines(period),
            ),
            n,
        )
    )
    if "quantity" in row:
        add(
            (
                "quantity",
                row["quantity"],
                _("sum of quantity over the same lines")
                if pd.notna(row["quantity"])
                else _("no quantity column: left empty"),
                n,
            )
        )
    add(
        (
            "profit",
            row["profit"],
            _("sum of profit, or of amount - cost, over the same lines")
            if pd.notna(row["profit"])
            else _("no profit or cost column: left empty"),
            n,
        )
    )
    add(("target", row["target"], _target_rows(row["rep"], period), int(row["target_rows"])))
    add(_attainment(row, limits))


def _target_rows(rep: str, period: Period) -> Msg:
    if period.kind == "month":
        return _("targets rows for {rep} with period {period}", rep=rep, period=period.label)
    return _(
        "targets rows for {rep} with period {period} (or the sum of its months)",
        rep=rep,
        period=period.label,
    )


def _explain_bonus(row: pd.Series, policy: Policy, add: AddLine) -> None:
    bonus = policy.bonus
    add(
        (
            "bonus_multiplier",
            row["bonus_multiplier"],
            _(
                "0 below {floor:.0%}, attainment up to 100 %, then 1 + {accelerator:g} x "
                "(attainment - 1), at most {cap:g}",
                floor=bonus.floor,
                accelerator=bonus.accelerator,
                cap=bonus.cap,
            ),
            None,
        )
    )
    base = _n(row["base_bonus"] if pd.notna(row.get("base_bonus")) else bonus.base)
    add(
        (
            "bonus",
            row["bonus"],
            _("base {base} x multiplier", base=base)
            if pd.notna(row["bonus_multiplier"])
            else _("base {base} x multiplier (no multiplier: 0)", base=base),
            None,
        )
    )


def _attainment(row: pd.Series, limits: tuple[float, ...]) -> Line:
    formula = indicators.named("attainment").formula
    return (
        "attainment",
        row["attainment"],
        _(
            "{formula} = {amount} / {target} = {attainment}",
            formula=formula,
            amount=_n(row["amount"]),
            target=_n(row["target"]),
            attainment=_p(row["attainment"], limits),
        )
        if pd.notna(row["attainment"])
        else _("no target: attainment left empty"),
        None,
    )


def _explain_year(
    row: pd.Series, period: Period, policy: Policy, data: Books, add: AddLine
) -> None:
    covered = coverage(data, period)
    _explain_year_amount(row, period, covered.scored, attainment_limits(policy), add)
    weights = quarter_weights(row)
    for number, name in enumerate(QUARTER_SCORES, start=1):
        q = quarter(period.start.year, number)
        why = (
            _(
                "final score of {quarter}, weight {weight:.4g}",
                quarter=q.label,
                weight=weights[name],
            )
            if name in weights
            else _("{quarter} only partly covered by the orders: not scored", quarter=q.label)
            if q in covered.partial
            else _("{quarter} not covered by the orders: not scored", quarter=q.label)
            if q in covered.outside
            else _("no final score in {quarter}: left out", quarter=q.label)
        )
        add((name, row[name], why, None))
    scored = ", ".join(name[:2].upper() for name in weights) or _("none")
    add(
        (
            "final_score",
            row["final_score"],
            _("mean of the scored quarters' final scores as published ({scored})", scored=scored),
            None,
        )
    )
    add(
        (
            "promotion_candidate",
            row["promotion_candidate"],
            _(
                "grade {grades} in every quarter (empty unless all four quarters are scored)",
                grades=_grades(policy),
            ),
            None,
        )
    )


def _explain_year_amount(
    row: pd.Series, period: Period, scored: list[Period], limits: tuple[float, ...], add: AddLine
) -> None:
    """A year's amount, target and attainment as `appraisal.yearly` takes them: the year's own
    when the orders cover all four quarters, else the sums of the scored quarters'."""
    if len(scored) == len(QUARTER_SCORES):
        amount = _(
            "sum of amount over the order lines dated {first}..{last} ({lines})",
            first=str(period.start),
            last=str(period.end),
            lines=_sales_lines(period),
        )
        target = _target_rows(row["rep"], period)
    else:
        quarters = ", ".join(q.label for q in scored) or _("none")
        amount = _(
            "sum of the scored quarters' amounts ({quarters}): the orders do not cover the others",
            quarters=quarters,
        )
        target = _(
            "sum of the scored quarters' targets ({quarters}), so that a part of the year is "
            "not measured against the whole year's target",
            quarters=quarters,
        )
    add(("amount", row["amount"], amount, None))
    add(("target", row["target"], target, None))
    add(_attainment(row, limits))


def _explain_quarter(
    row: pd.Series, period: Period, policy: Policy, data: Books, add: AddLine
) -> None:
    add(
        (
            "performance_score",
            row["performance_score"],
            _(
                "mean of the quarter's monthly performance scores (a month without a target has "
                "none: left out)"
            ),
            None,
        )
    )
    add(("bonus", row["bonus"], _("sum of the quarter's monthly bonuses"), None))
    for indicator in indicators.quarterly():
        add(
            (
                indicator.name,
                row[indicator.name],
                *WORKED[indicator.name](row, period, policy, data, indicator),
            )
        )
    for indicator in indicators.quarterly():
        name = f"{indicator.name}_score"
        add((name, row[name], indicator.score_rule(policy), None))
    for group in indicators.groups():
        if group.name != "performance":  # a quarter's is the mean of its months' (above)
            add((group.score, row[group.score], GROUP_RULES[group.name], None))
    performance, customer, process = (g.weight_of(policy) for g in indicators.groups())
    add(
        (
            "quantitative_score",
            row["quantitative_score"],
            _(
                "{performance:g} performance + {customer:g} customer + {process:g} process, "
                "renormalised over groups with data",
                performance=performance,
                customer=customer,
                process=process,
            ),
            None,
        )
    )
    scoring = policy.scoring
    add(("qualitative_score", row["qualitative_score"], _("the manager's review score"), None))
    add(
        (
            "final_score",
            row["final_score"],
            _(
                "{quantitative:g} x quantitative + {qualitative:g} x qualitative (quantitative "
                "alone without a review)",
                quantitative=scoring.weight_quantitative,
                qualitative=1 - scoring.weight_quantitative,
            ),
            None,
        )
    )
    add(
        (
            "training_needs",
            row["training_needs"],
            _("indicators scored below {below:g}", below=scoring.training_below),
            None,
        )
    )


GROUP_RULES = {
    "customer": _("mean of the customer indicator scores that have data"),
    "process": _("mean of the process indicator scores that have data"),
}

# --- each quarterly indicator worked out: its formula with this rep's numbers -----------------

Worked = Callable[[pd.Series, Period, Policy, Books, indicators.Indicator], tuple[Msg, int | None]]


def _satisfaction(
    row: pd.Series, period: Period, policy: Policy, data: Books, _i: indicators.Indicator
) -> tuple[Msg, int | None]:
    surveys = _count(row["surveys"])
    if not surveys:
        return _("no surveys in the period: left out of the customer group"), surveys
    factor = indicators.survey_factor(data, policy)
    said = _(
        "mean of {n} survey scores in {period} x {factor:g} (0-100)",
        n=surveys,
        period=period.label,
        factor=factor,
    )
    return said, surveys


def _new_customers(
    row: pd.Series, period: Period, policy: Policy, data: Books, _i: indicators.Indicator
) -> tuple[Msg, int | None]:
    said = _(
        "owned customers whose first order ever falls in {first}..{last}",
        first=str(period.start),
        last=str(period.end),
    )
    return said, None


def _churn(
    row: pd.Series, period: Period, policy: Policy, data: Books, indicator: indicators.Indicator
) -> tuple[Msg, int | None]:
    days = indicators.churn_window(period, policy).days()
    churned, churn_base = _count(row["churned"]), _count(row["churn_base"])
    if pd.isna(row["churn_rate"]):
        said = _(
            "{formula} = {churned} / {base} (no base) (base: owned customers with an order "
            "{base_first}..{base_last}; churned: no order {recent_first}..{recent_last})",
            formula=indicator.formula,
            churned=churned,
            base=churn_base,
            **days,
        )
        return said, churn_base
    said = _(
        "{formula} = {churned} / {base} = {rate} (base: owned customers with an order "
        "{base_first}..{base_last}; churned: no order {recent_first}..{recent_last})",
        formula=indicator.formula,
        churned=churned,
        base=churn_base,
        rate=_p(row["churn_rate"]),
        **days,
    )
    return said, churn_base


def _conversion(
    row: pd.Series, period: Period, policy: Policy, data: Books, indicator: indicators.Indicator
) -> tuple[Msg, int | None]:
    closed = int(row["won"] + row["lost"])
    said = _(
        "{formula} = {won} / {closed} among opportunities closed in {period}",
        formula=indicator.formula,
        won=int(row["won"]),
        closed=closed,
        period=period.label,
    )
    return said, closed


def _on_time(
    row: pd.Series, period: Period, policy: Policy, data: Books, indicator: indicators.Indicator
) -> tuple[Msg, int | None]:
    said = _(
        "{formula} = {on_time} / {due} (due date: latest line's; undelivered counts late)",
        formula=indicator.formula,
        on_time=int(row["on_time"]),
        due=int(row["orders_due"]),
    )
    return said, int(row["orders_due"])


def _expense(
    row: pd.Series, period: Period, policy: Policy, data: Books, indicator: indicators.Indicator
) -> tuple[Msg, int | None]:
    said = _(
        "{formula} = {expense} / {budget}",
        formula=indicator.formula,
        expense=_n(row["expense"]),
        budget=_n(row["budget"]),
    )
    return said, None


# how `--explain` works out each indicator of the registry scored in a quarter (a test asserts
# every one has its entry)
WORKED: dict[str, Worked] = {
    "satisfaction": _satisfaction,
    "new_customers": _new_customers,
    "churn_rate": _churn,
    "conversion_rate": _conversion,
    "on_time_rate": _on_time,
    "expense_ratio": _expense,
}


def performance_rule(row: pd.Series, policy: Policy) -> Msg:
    """The performance score as computed (`appraisal._performance_score`): the weighted mean of
    the registry's performance indicators that have a target, weights from the policy."""
    parts = indicators.of("performance")
    terms = _(
        "amount {amount:g} (goal {amount_goal:g}), quantity {quantity:g} (goal "
        "{quantity_goal:g}), profit {profit:g} (goal {profit_goal:g})",
        **{
            key: value
            for word, indicator in zip(PARTS, parts, strict=True)
            for key, value in (
                (word, indicator.weight_of(policy)),
                (f"{word}_goal", indicator.goal_of(policy)),
            )
        },
    )
    used = [
        PART_WORDS[word]
        for word, indicator in zip(PARTS, parts, strict=True)
        if pd.notna(row.get(indicator.name)) and indicator.weight_of(policy)
    ]
    here: Msg | str = _("none (no target)")
    if used:
        here = used[0]
        for word in used[1:]:
            here = _("{first}, {second}", first=here, second=word)
    return _(
        "weighted mean of 100 x clip(attainment / goal, 0, {cap:g}) over the attainments "
        "with a target, weights renormalised: {terms}; here: {here}",
        cap=policy.scoring.cap,
        terms=terms,
        here=here,
    )


# the performance indicators by the figure each attains, in the registry's order
PARTS = ("amount", "quantity", "profit")
PART_WORDS = {"amount": _("amount"), "quantity": _("quantity"), "profit": _("profit")}


def _grade_rule(policy: Policy) -> Msg:
    g = policy.grades
    return _("S >= {S:g}, A >= {A:g}, B >= {B:g}, C >= {C:g}, else D", S=g.S, A=g.A, B=g.B, C=g.C)


def _texts(values: pd.Series) -> pd.Series:
    return values.map(_shown).astype("string").replace("", pd.NA)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _count(value: float | None) -> int | None:
    """A count as a whole number; None where it is left empty (the UNASSIGNED row)."""
    return None if value is None or pd.isna(value) else int(value)


def _n(value: float | None) -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):,.2f}"


def _p(value: float | None, beside: tuple[float, ...] = ()) -> str:
    """A ratio as a percentage, on its side of each limit `beside` (59.996% by a 60% floor)."""
    return "-" if value is None or pd.isna(value) else percent(float(value), beside)


def _shown(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    return str(value)
