"""Chapter 3 · Sales targets (销量目标设定与分解).

3.1 Split the annual company total down a hierarchy (e.g. region, then rep), then each leaf's
year over its 12 months; quarters are sums of months. Every level is rounded to a unit by the
largest-remainder method, so the parts always add up exactly to the whole.
3.2 Adjustments take effect only with reason, basis, new target and both approvals.
"""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

from salescli.i18n import Msg, _, n_
from salescli.periods import Period, month, parse_period, quarter_of, ranges, year
from salescli.rules import words
from salescli.rules.coverage import Coverage, covered_periods
from salescli.rules.process import in_period, live_orders, orders_of

NO = {
    "",
    "no",
    "n",
    "false",
    "0",
    "否",
    "不",
    "不同意",
    "未批准",
    "未审核",
    "拒绝",
    "驳回",
    "×",
    "✗",
    "✘",
    "x",
    "nan",
    "none",
    "-",
}


def largest_remainder(total_units: int, weights: pd.Series) -> pd.Series:
    """Split whole units in proportion to weights; leftovers go to the largest fractional
    parts, ties to the first name. All-zero weights split equally."""
    names = sorted(weights.index, key=str)
    weights = weights.reindex(names).astype("float64").clip(lower=0).fillna(0.0)
    if len(weights) == 0:
        return weights.astype("int64")
    if weights.sum() <= 0:
        weights = pd.Series(1.0, index=weights.index)
    quotas = weights / weights.sum() * total_units
    floors = quotas.apply(math.floor).astype("int64")
    leftover = int(total_units - floors.sum())
    order = sorted(range(len(names)), key=lambda i: (-(quotas.iloc[i] - floors.iloc[i]), i))
    for i in order[:leftover]:
        floors.iloc[i] += 1
    return floors


class NoShares(ValueError):
    """No member has a share: the basis gives nothing to split the total by."""


class WeightsWithoutMembers(ValueError):
    """A weights file keyed by fewer columns than --by gives a weight to a value no member
    has (a region whose reps all left): its part would be shared out to the others unsaid.
    `args[0]`: those values, as `华北` or `华北/制造业`."""


def left_out_of_shares(
    orders: pd.DataFrame | None, by: list[str], last_year: Period, basis: str
) -> Msg | None:
    """The warning for last year's lines without a --by column: they weigh nowhere, so the
    shares (and the targets) are those of the other lines. A figure's warning, unlike the
    rest of `member_weights`' notes."""
    if orders is None or not len(orders) or basis != "history":
        return None
    previous = in_period(live_orders(orders), "order_date", last_year)
    nobody = previous[previous[by].isna().any(axis=1)]
    if nobody.empty:
        return None
    return n_(
        "{n} order line of {year} (amount {amount:,.2f}) has no {columns}: left out of the shares",
        "{n} order lines of {year} (amount {amount:,.2f}) have no {columns}: left "
        "out of the shares",
        len(nobody),
        year=str(last_year),
        amount=float(nobody["amount"].sum()),
        columns=words.either(by),
    )


def member_weights(
    orders: pd.DataFrame | None,
    by: list[str],
    last_year: Period,
    basis: str,
    include: list[tuple[str, ...]],
    weights: pd.DataFrame | None,
    since: date | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """One row per leaf path (the --by columns) with its weight from the chosen basis. The
    members are those with orders from `since` on (`members_since`; default: the first day
    of `last_year`) and `include`'s: a rep whose last order is older has left, and takes no
    share, equal or other (a return of his old order or a cancelled one since is no order)."""
    warnings: list[str] = []
    known = _known_paths(orders, by, since or last_year.start)
    history = pd.Series(dtype="float64")
    if orders is not None and len(orders):
        previous = in_period(live_orders(orders), "order_date", last_year)
        owned = previous.dropna(subset=by)
        left_out = left_out_of_shares(orders, by, last_year, basis)
        if left_out is not None:
            warnings.append(left_out)
        history = owned.groupby(by)["amount"].sum()
    paths = sorted(set(known) | set(include), key=lambda p: tuple(map(str, p)))
    leaves = pd.DataFrame(paths, columns=by)
    if basis == "equal":
        leaves["weight"] = 1.0
    else:
        leaves["weight"] = [float(history.get(p if len(by) > 1 else p[0], 0.0)) for p in paths]
        leaves["weight"] = leaves["weight"].clip(lower=0)
        _average_for_new_members(leaves, include, by, warnings)
    if weights is not None:
        leaves = _apply_weight_file(leaves, weights, by)
    if len(leaves) and leaves["weight"].sum() <= 0:
        # splitting equally here would contradict the "no target" the shares imply
        raise NoShares(
            _("every member has weight 0 in the weights file")
            if weights is not None
            else _(
                "no {year} sales by {level}: nothing to share the total by",
                year=str(last_year),
                level=by[-1],
            )
        )
    return leaves, warnings


def members_since(last_year: Period, covered: Coverage) -> date:
    """The first day of the lines whose --by paths are the members of a split: the base
    year's; for orders that end before it (`--basis equal` or `--weights` for a year after
    one without sales), the year up to their last line (the team as last seen)."""
    if covered.last is None or covered.last >= last_year.start:
        return last_year.start
    return (pd.Timestamp(covered.last) - pd.DateOffset(years=1) + pd.Timedelta(days=1)).date()


def _known_paths(orders: pd.DataFrame | None, by: list[str], since: date) -> list[tuple]:
    """The --by paths of the orders dated `since` or later: a cancelled order counts nowhere
    (4.2), a return or credit note is no order (a rep gone years ago whose customer returned
    his goods since is no member)."""
    if orders is None or not len(orders):
        return []
    orders = orders_of(live_orders(orders))
    later = orders["order_date"] >= pd.Timestamp(since)
    present = orders[later.fillna(False).to_numpy(dtype=bool)].dropna(subset=by)
    return [tuple(p) for p in present[by].drop_duplicates().itertuples(index=False)]


def _average_for_new_members(
    leaves: pd.DataFrame, include: list[tuple[str, ...]], by: list[str], warnings: list[str]
) -> None:
    """An included member without history (a new rep) gets its siblings' average weight."""
    for path in include:
        mask = leaves[by].apply(tuple, axis=1) == path
        if not mask.any() or leaves.loc[mask, "weight"].iloc[0] > 0:
            continue
        siblings = leaves[
            (leaves[by[:-1]].apply(tuple, axis=1) == path[:-1])
            if len(by) > 1
            else pd.Series(True, index=leaves.index)
        ]
        active = siblings.loc[siblings["weight"] > 0, "weight"]
        leaves.loc[mask, "weight"] = active.mean() if len(active) else 1.0
        warnings.append(
            _("{member} has no history: given the average of its peers", member="/".join(path))
        )


def _apply_weight_file(leaves: pd.DataFrame, weights: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Weights keyed by the first k --by columns override the shares at depth k."""
    depth = max(i for i in range(1, len(by) + 1) if set(by[:i]) <= set(weights.columns))
    keys = by[:depth]
    given = weights.groupby(keys)["weight"].sum()
    leaves = leaves.copy()
    present = set(map(tuple, leaves[keys].itertuples(index=False)))
    extra = [
        k if isinstance(k, tuple) else (k,)
        for k in given.index
        if (k if isinstance(k, tuple) else (k,)) not in present
    ]
    if extra and depth < len(by):  # no leaf to give them to
        weighed = [k for k in extra if float(given.get(k if depth > 1 else k[0], 0.0)) > 0]
        if weighed:
            raise WeightsWithoutMembers(["/".join(map(str, k)) for k in weighed])
    if extra and depth == len(by):
        leaves = pd.concat(
            [leaves, pd.DataFrame([(*p, 0.0) for p in extra], columns=[*by, "weight"])],
            ignore_index=True,
        )
    group_key = leaves[keys].apply(tuple, axis=1)
    file_weight = group_key.map(lambda k: float(given.get(k if depth > 1 else k[0], 0.0)))
    inner = leaves.groupby(keys)["weight"].transform("sum")
    within = (leaves["weight"] / inner.where(inner > 0)).fillna(
        1.0 / leaves.groupby(keys)["weight"].transform("size")
    )
    leaves["weight"] = file_weight * within
    return leaves


def month_weights(
    orders: pd.DataFrame | None, last_year: Period, covered: Coverage | None = None
) -> pd.Series:
    """The previous year's company-wide monthly shares; equal months without history.

    With `covered` (the days the orders export reaches), a month the export does not cover
    to its last day has no sales to weigh it, not zero sales: it takes the average share of
    the covered months (`uncovered_months` names those months)."""
    months = pd.Series(1.0, index=range(1, 13))
    if orders is None or not len(orders):
        return months
    previous = in_period(live_orders(orders), "order_date", last_year)
    by_month = previous.groupby(previous["order_date"].dt.month)["amount"].sum()
    weights = by_month.reindex(range(1, 13), fill_value=0.0).clip(lower=0).astype("float64")
    missing = uncovered_months(covered, last_year) if covered is not None else []
    known = weights.drop(index=missing)
    if known.sum() <= 0:
        return months
    weights.loc[missing] = known.mean()
    return weights


def uncovered_months(covered: Coverage, last_year: Period) -> list[int]:
    """The months of the year the export does not cover to their last day."""
    return [
        number
        for number in range(1, 13)
        if not covered_periods(covered, [month(last_year.start.year, number)])
    ]


def split_targets(
    total: float,
    unit: int,
    leaves: pd.DataFrame,
    by: list[str],
    months: pd.Series,
    target_year: int,
) -> pd.DataFrame:
    """Split the total level by level, then each leaf over the months; all in whole units."""
    units = to_units(total, unit)
    allocation = pd.DataFrame({"path": [()], "units": [units]})
    for depth in range(1, len(by) + 1):
        level = leaves.groupby(by[:depth])["weight"].sum()
        rows = []
        for parent in allocation.itertuples(index=False):
            children = _children(level, parent.path, depth)
            shares = largest_remainder(int(parent.units), children)
            rows += [
                ((*parent.path, name) if depth > 1 else (name,), int(u))
                for name, u in shares.items()
            ]
        allocation = pd.DataFrame(rows, columns=["path", "units"])
    records = []
    for leaf in allocation.itertuples(index=False):
        per_month = largest_remainder(int(leaf.units), months.rename(lambda m: f"{m:02d}"))
        for number, month_units in per_month.items():
            period = month(target_year, int(number))
            records.append(
                (
                    *leaf.path,
                    target_year,
                    quarter_of(period.start).label,
                    period.label,
                    month_units * unit,
                )
            )
    frame = pd.DataFrame(records, columns=[*by, "year", "quarter", "month", "target"])
    frame["target"] = frame["target"].astype("float64")
    return frame


def _children(level: pd.Series, parent: tuple, depth: int) -> pd.Series:
    if depth == 1:
        return level
    keys = [k for k in level.index if tuple(k[: depth - 1]) == parent]
    return pd.Series([level[k] for k in keys], index=[k[depth - 1] for k in keys])


def to_units(value: float, unit: int) -> int:
    units = round(value / unit)
    if abs(units * unit - value) > 1e-6 * max(1.0, abs(value)):
        raise ValueError(
            _("{value:,.2f} is not a multiple of the unit {unit}", value=value, unit=unit)
        )
    return int(units)


def without_zero_targets(
    targets: pd.DataFrame, by: list[str], last_year: Period
) -> tuple[pd.DataFrame, str | None]:
    """The targets above 0, and what was left out. A share of 0 (no sales in `last_year` by
    that member or in that month, no weight, or less than a unit) is no target: a target of 0
    would make attainment infinite, and appraise refuses it. The message names each member
    with its months ("every month" when it has none)."""
    zero = targets["target"] <= 0
    if not zero.any():
        return targets, None
    members: list[Msg] = []
    months_in_year = targets["month"].nunique()
    for path, rows in targets[zero].groupby(by, sort=True):
        name = "/".join(map(str, path)) if isinstance(path, tuple) else str(path)
        months = sorted(rows["month"])
        shown = _("every month") if len(months) == months_in_year else ", ".join(months)
        members.append(_("{member} ({months})", member=name, months=shown))
    said = n_(
        "{n} member-month has no {year} sales, no weight or less than a unit, so no target: "
        "{members}; left out of the targets table (appraise shows no attainment there); give "
        "it a share with --include or --weights",
        "{n} member-months have no {year} sales, no weight or less than a unit, so no target: "
        "{members}; left out of the targets table (appraise shows no attainment there); give "
        "them shares with --include or --weights",
        int(zero.sum()),
        year=str(last_year),
        members=words.Listed(
            [*members[:10], _("and {n} more", n=len(members) - 10)] if members[10:] else members
        ),
    )
    return targets[~zero].reset_index(drop=True), said


def pivot(targets: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per leaf, one column per month, quarter subtotals, the year, a totals row."""
    wide = targets.pivot_table(index=by, columns="month", values="target", aggfunc="sum", sort=True)
    columns: list[str] = []
    for quarter in sorted(targets["quarter"].unique()):
        months = sorted(targets.loc[targets["quarter"] == quarter, "month"].unique())
        wide[quarter] = wide[months].sum(axis=1)
        columns += [*months, quarter]
    wide["year"] = wide[[c for c in wide.columns if c in set(targets["month"])]].sum(axis=1)
    wide = wide[[*columns, "year"]].reset_index()
    totals = wide.drop(columns=by).sum().to_frame().T
    for column in by:
        totals[column] = "合计 total" if column == by[0] else ""
    wide = pd.concat([wide, totals[wide.columns]], ignore_index=True)
    wide.columns = [str(c) for c in wide.columns]
    return wide


# --- 3.2 adjustments -----------------------------------------------------------------------


# what an approval cell holds while a request waits, or after it failed: a cell with one of
# these marks (待审批 awaiting approval, 审核中 under review, 未通过 not passed; 钉钉's 已撤销
# withdrawn, 已终止 terminated, 退回 sent back) or words is no approval, whatever else it says
NOT_YET_MARKS = (
    *("未", "待", "不", "否", "拒", "驳", "暂", "审核中", "审批中", "处理中", "?", "？"),
    *("撤", "终止", "退回", "作废", "失效", "取消"),
)
NOT_YET_WORDS = {
    "withdrawn",
    "revoked",
    "recalled",
    "cancelled",
    "canceled",
    "terminated",
    "void",
    "voided",
    "pending",
    "waiting",
    "reject",
    "rejected",
    "denied",
    "declined",
    "refused",
    "hold",
    "not",
    "tbd",
    "n/a",
}


def approved(value: object) -> bool:
    """yes, 是, ✓, a name or a date approve; empty, no, 否 do not, nor a cell that says the
    approval is pending or was refused (待审批, 审核中, 未通过, pending, rejected)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return False
    text = str(value).strip().lower()
    if text in NO or any(mark in text for mark in NOT_YET_MARKS):
        return False
    return not set(re.split(r"[^a-z/]+", text)) & NOT_YET_WORDS


def review_requests(requests: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Each request with `missing` (what stops it) and `status` (applied / rejected)."""
    out = requests.copy()
    for column in ("new_target", "reason", "basis", "manager_approved", "leader_approved"):
        if column not in out:
            out[column] = pd.NA
    have = set(zip(targets["rep"], targets["period"], strict=True))
    quarters = {(r, _quarter_label(p)) for r, p in have}
    missing = []
    for row in out.itertuples(index=False):
        why: list[Msg] = []
        if pd.isna(row.reason):
            why.append(words.ColumnLabel("reason"))
        if pd.isna(row.basis):
            why.append(words.ColumnLabel("basis"))
        if pd.isna(row.new_target):
            why.append(_("new target"))
        elif row.new_target < 0:
            why.append(_("a new target that is not negative"))
        if not approved(row.manager_approved):
            why.append(_("sales manager's review"))
        if not approved(row.leader_approved):
            why.append(_("company leader's approval"))
        if (row.rep, row.period) not in have and (row.rep, row.period) not in quarters:
            why.append(
                _("an existing target for {rep} in {period}", rep=row.rep, period=row.period)
            )
        missing.append(words.Listed(why, "; "))
    out["missing"] = pd.Series(missing, index=out.index, dtype=object)  # messages
    out["status"] = ["rejected" if m else "applied" for m in missing]
    return out


def apply_adjustments(targets: pd.DataFrame, requests: pd.DataFrame, unit: int) -> pd.DataFrame:
    """Apply the approved requests to monthly targets (rep, period, target): a month is set,
    a quarter's new value is spread over its months in proportion to the original months, and
    a target given in parts (a row per category: split-targets --by category,rep) over its
    parts in proportion to theirs."""
    out = targets.copy()
    if "original_target" not in out:
        out["original_target"] = out["target"]
        out["adjusted_by"] = pd.Series(pd.NA, index=out.index, dtype=object)  # ids, said later
    for row in requests[requests["status"] == "applied"].itertuples(index=False):
        trail = _(
            "{reason} (basis: {basis}; manager: {manager}; leader: {leader})",
            reason=row.reason,
            basis=row.basis,
            manager=row.manager_approved,
            leader=row.leader_approved,
        )
        if not _is_quarter(row.period):
            mask = (out["rep"] == row.rep) & (out["period"] == row.period)
        else:
            mask = (out["rep"] == row.rep) & (out["period"].map(_quarter_label) == row.period)
        if mask.sum() == 1:
            out.loc[mask, "target"] = float(row.new_target)
        else:  # the rows it replaces, each by its share of the original, in file order
            original = out.loc[mask, "target"].reset_index(drop=True)
            spread = _spread(float(row.new_target), original, unit).sort_index()
            out.loc[mask, "target"] = spread.to_numpy(float)
        out.loc[mask, "adjusted_by"] = trail
    return out


def _spread(value: float, original: pd.Series, unit: int) -> pd.Series:
    """A quarter's approved value over its months in proportion to the original ones, in
    whole units; in cents when the value is not a whole number of units (400.5 stays 400.5,
    never 400)."""
    try:
        return largest_remainder(to_units(value, unit), original) * unit
    except ValueError:
        return largest_remainder(round(value * 100), original) / 100


def _is_quarter(label: str) -> bool:
    return "Q" in str(label).upper()


def _quarter_label(label: object) -> str | None:
    try:
        period = parse_period(str(label))
    except Exception:
        return None
    return quarter_of(period.start).label if period.kind in ("quarter", "month") else None


def previous_year(target_year: int) -> Period:
    return year(target_year - 1)


# --- 3.2.3 communication: adjustment notices ------------------------------------------------

NOTICE_COLUMNS = [
    "rep",
    "period",
    "original_target",
    "target",
    "reason",
    "basis",
    "manager_approved",
    "leader_approved",
    "effective_on",
]


def adjustment_notices(adjusted: pd.DataFrame, review: pd.DataFrame, unit: int = 1) -> pd.DataFrame:
    """One row per applied request (3.2.3): the period, its old and new target (a quarter's
    months added up) as that request changed them, reason, basis, approvers and the date it
    took effect: `effective_on` when the request gives it, else the later of the approvals
    written as a date, else empty. The requests are applied again one by one in their order
    (`unit` as they were), so a second request for a month tells the change from the first's
    target, and the first keeps its own new target, not the second's."""
    from salescli.data.values import parse_date

    applied = review[review["status"] == "applied"].reset_index(drop=True)
    state = adjusted.drop(columns=["target", "adjusted_by"]).rename(
        columns={"original_target": "target"}
    )
    rows = []
    for number, request in enumerate(applied.itertuples(index=False)):
        if _is_quarter(request.period):
            mask = (state["rep"] == request.rep) & (
                state["period"].map(_quarter_label) == request.period
            )
        else:
            mask = (state["rep"] == request.rep) & (state["period"] == request.period)
        before = float(state.loc[mask, "target"].sum())
        step = apply_adjustments(state, applied.iloc[[number]], unit)
        state = step.drop(columns=["original_target", "adjusted_by"])
        rows.append((request.rep, request.period, before, float(state.loc[mask, "target"].sum())))
    out = pd.DataFrame(rows, columns=["rep", "period", "original_target", "target"])
    for column in ("reason", "basis", "manager_approved", "leader_approved"):
        out[column] = (
            applied[column].astype("string") if len(applied) else pd.Series(dtype="string")
        )
    dated = [
        parse_date(applied[c].astype("string"))[0] for c in ("manager_approved", "leader_approved")
    ]
    effective = (
        pd.concat(dated, axis=1).max(axis=1) if len(applied) else pd.Series(dtype="datetime64[ns]")
    )
    if "effective_on" in applied:
        effective = applied["effective_on"].fillna(effective)
    out["effective_on"] = pd.to_datetime(effective).reset_index(drop=True)
    return out.sort_values(["rep", "period"], kind="stable").reset_index(drop=True)


# --- what split-targets does with these (salescli.api.targets) ------------------------------

REVIEW_COLUMNS = [
    "rep",
    "period",
    "new_target",
    "reason",
    "basis",
    "manager_approved",
    "leader_approved",
    "status",
    "missing",
    "effective_on",
]


def split_note(
    total: float,
    levels: list[str],
    basis: str,
    weights_file: object,
    months: pd.Series,
    last_year: Period,
    unit: int,
    uncovered: list[int] | None = None,
) -> Msg:
    """The note that says how a split was made: levels, basis, weights, months and unit."""
    seasonality = (
        _("equal months")
        if months.nunique() == 1
        else _("{year} monthly shares", year=str(last_year))
    )
    if uncovered and months.nunique() > 1:
        seasonality = _(
            "{months}; {uncovered}",
            months=seasonality,
            uncovered=uncovered_note(uncovered, last_year),
        )
    said: str = BASES.get(basis, basis)
    if weights_file:
        said = _("{basis}; weights from {file}", basis=said, file=str(weights_file))
    return _(
        "total {total:,.0f} split by {levels} ({basis}); months: {months}; unit {unit}",
        total=total,
        levels=words.columns(levels),
        basis=said,
        months=seasonality,
        unit=unit,
    )


# the bases of a split, as its note names them
BASES = {"history": _("history"), "equal": _("equal")}


def uncovered_note(uncovered: list[int], last_year: Period) -> Msg:
    """What the split does with months the previous year's orders do not cover."""
    return _(
        "{months} weighed at the covered months' average share (the orders do not cover those "
        "months of {year})",
        months=_month_list(uncovered, last_year.start.year + 1),
        year=str(last_year),
    )


def _month_list(numbers: list[int], in_year: int) -> str:
    """`2024-09..2024-12` for a run of months, comma separated runs."""
    return ranges(numbers, lambda number: number + 1, lambda number: f"{in_year}-{number:02d}")


def orders_span(covered: Coverage) -> Msg:
    """What the orders cover, for a hint: `orders cover 2023-01-01..2024-12-31`."""
    if covered.first is None:
        return _("the orders hold no dated lines")
    return _("orders cover {first}..{last}", first=covered.first, last=covered.last)


def requests_of_year(requests: pd.DataFrame, target_year: int) -> tuple[pd.DataFrame | None, int]:
    """The adjustment requests whose period lies in the year (None if none), and how many
    are for other years."""
    mine = requests["period"].astype("string").str.startswith(str(target_year)).fillna(False)
    return (requests[mine] if mine.any() else None), int((~mine).sum())


def adjust(
    targets: pd.DataFrame, requests: pd.DataFrame, unit: int
) -> tuple[pd.DataFrame, pd.DataFrame, Msg]:
    """Review the requests against monthly targets (rep, period, target), apply the approved
    ones: the adjusted targets, the reviewed requests, and a note on the company total."""
    review = review_requests(requests, targets)
    adjusted = apply_adjustments(targets, review, unit)
    before, after = adjusted["original_target"].sum(), adjusted["target"].sum()
    applied = int((review["status"] == "applied").sum())
    note = _(
        "{applied} of {requests} adjustment requests applied; company total changes by "
        "{change:+,.0f} (from {before:,.0f} to {after:,.0f})",
        applied=applied,
        requests=len(review),
        change=float(after - before),
        before=float(before),
        after=float(after),
    )
    return adjusted, review[[c for c in REVIEW_COLUMNS if c in review]], note
