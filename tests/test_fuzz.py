"""Fuzzing ingestion and the rules with random tables (hypothesis, bounded for CI).

CSV: 150 examples, xlsx: 40 examples, garbage cells: 150 examples, rules: 25 examples, the fast
CSV reader against the careful one: 150 examples (about 86 % of them taken by the fast path).
Random headers come from the alias lists, amounts from every supported notation, dates from
every supported form. Nothing may escape but salescli's own errors, and money totals must
survive parsing exactly, in cents.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from salescli.config import Policy
from salescli.data.workspace import Workspace
from salescli.errors import SalescliError
from salescli.periods import parse_period
from salescli.rules import appraisal, customers, process, targets
from salescli.rules.books import books
from salescli.schema import TABLES

ORDERS = TABLES["orders"]


def fuzz(examples: int) -> settings:
    """A bounded run: the case counts are stated in the module docstring (the `explore`
    profile of tests/conftest.py multiplies them by ten)."""
    return settings(
        max_examples=max(1, examples * settings.default.max_examples // 100),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def money(cents: int, style: int) -> str:
    """One amount in one of the notations exports use."""
    value = abs(cents) / 100
    plain = f"{value:.2f}"
    grouped = f"{value:,.2f}"
    forms = [
        plain,
        grouped,
        f"¥{grouped}",
        f"￥{grouped}",
        f"{grouped}元",
        f"RMB {plain}",
        plain.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")),
        f" {plain} ",
    ]
    text = forms[style % len(forms)]
    if cents < 0:
        return f"({text.strip()})" if style % 2 else f"-{text.strip()}"
    return text


def day_text(day: date, style: int) -> str | int:
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.isoformat()} 10:30",
        f"{day.isoformat()}T10:30:00+08:00",
        (day - date(1899, 12, 30)).days,
    ]
    return forms[style % len(forms)]


@st.composite
def order_tables(draw) -> tuple[list[list[object]], list[int], list[date]]:
    n = draw(st.integers(min_value=1, max_value=25))
    headers = [
        draw(st.sampled_from([c.name, *c.aliases]))
        for c in (
            ORDERS.columns[k] for k in ("order_id", "order_date", "customer_id", "rep", "amount")
        )
    ]
    cents = draw(st.lists(st.integers(-(10**9), 10**9), min_size=n, max_size=n))
    days = draw(st.lists(st.dates(date(2015, 1, 1), date(2030, 12, 31)), min_size=n, max_size=n))
    styles = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    reps = draw(
        st.lists(
            st.text(alphabet="张王李赵甲乙, \"'=+@", min_size=1, max_size=6).filter(
                lambda s: s.strip() and s.strip() not in {"合计"}
            ),
            min_size=n,
            max_size=n,
        )
    )
    rows = [
        [
            f"SO{i:05d}",
            day_text(days[i], styles[i]),
            f"{i % 7:03d}",
            reps[i],
            money(cents[i], styles[i]),
        ]
        for i in range(n)
    ]
    return [headers, *rows], cents, days


def read_orders(folder: Path) -> pd.DataFrame:
    return Workspace(folder).table("orders")


@fuzz(150)
@given(
    order_tables(),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    st.sampled_from([",", "\t", ";"]),
)
def test_csv_money_survives_in_cents(
    tmp_path_factory, table, encoding: str, delimiter: str
) -> None:
    rows, cents, days = table
    folder = tmp_path_factory.mktemp("csv")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    (folder / "orders.csv").write_bytes(buffer.getvalue().encode(encoding))
    frame = read_orders(folder)
    assert len(frame) == len(cents)
    assert round(frame["amount"].sum() * 100) == sum(cents)
    assert (frame["amount"] * 100).round().astype("int64").tolist() == cents
    assert frame["order_date"].dt.date.tolist() == days
    assert frame["customer_id"].str.len().eq(3).all()  # leading zeros kept


@fuzz(40)
@given(order_tables())
def test_xlsx_money_survives_in_cents(tmp_path_factory, table) -> None:
    rows, cents, _ = table
    folder = tmp_path_factory.mktemp("xlsx")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for line in book.active.iter_rows():
        for cell in line:  # text, as Excel saves it; openpyxl would make "=…" a formula
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    book.save(folder / "orders.xlsx")
    frame = read_orders(folder)
    assert round(frame["amount"].sum() * 100) == sum(cents)


@fuzz(150)
@given(st.lists(st.lists(st.text(max_size=12), min_size=5, max_size=5), min_size=1, max_size=12))
def test_garbage_cells_give_salescli_errors_or_rows(tmp_path_factory, cells) -> None:
    folder = tmp_path_factory.mktemp("garbage")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["订单编号", "下单日期", "客户编号", "销售代表", "金额"], *cells])
    (folder / "orders.csv").write_bytes(buffer.getvalue().encode("utf-8"))
    try:
        frame = read_orders(folder)
    except SalescliError:
        return
    assert frame["amount"].notna().all() and frame["order_date"].notna().all()


@fuzz(25)
@given(order_tables())
def test_rules_accept_any_parsed_orders(tmp_path_factory, table) -> None:
    rows, _, days = table
    folder = tmp_path_factory.mktemp("rules")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (folder / "orders.csv").write_text(buffer.getvalue(), encoding="utf-8")
    frame = read_orders(folder)
    policy = Policy()
    quarter = parse_period("2024Q2")
    window = customers.classification_window(quarter, 4)
    for method in ("score", "pareto", "thresholds"):
        customers.classify(customers.customer_factors(frame, None, window), policy.classify, method)
    data = books(frame)
    for label in ("2024-05", "2024Q2", "2024"):
        period = parse_period(label)
        appraisal.appraise(data, period, policy, appraisal.appraised_reps(data, period))
    last = max(days) - timedelta(days=1)
    try:
        leaves, _ = targets.member_weights(
            frame, ["rep"], parse_period(str(last.year)), "history", [], None
        )
    except targets.NoShares:  # no rep has sales to share by: refused, never split equally
        live = process.live_orders(frame)
        sold = live[live["order_date"].dt.year == last.year].dropna(subset=["rep"])
        assert (sold.groupby("rep")["amount"].sum() <= 0).all()
        return
    if len(leaves):
        months = targets.month_weights(frame, parse_period(str(last.year)))
        out = targets.split_targets(1_000_000, 1, leaves, ["rep"], months, last.year + 1)
        assert out["target"].sum() == 1_000_000


def outcome(raw_sheets) -> tuple:
    """What normalising gives, comparable across readers: the rows, problems and notes, or
    the error."""
    from salescli.config import InputSpec
    from salescli.data.normalise import normalise

    try:
        done = normalise(raw_sheets, "orders", InputSpec(), "Asia/Shanghai")
    except SalescliError as exc:
        return ("error", str(exc))
    frame = done.frame.astype(object)
    frame = frame.where(frame.notna(), None)
    return (frame.to_dict("list"), done.problems, done.notes)


@fuzz(150)
@given(
    st.one_of(
        order_tables().map(lambda table: table[0]),
        st.lists(st.lists(st.text(max_size=8), min_size=5, max_size=5), max_size=8).map(
            lambda cells: [["订单编号", "下单日期", "客户编号", "销售代表", "金额"], *cells]
        ),
    ),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    st.sampled_from([",", "\t", ";"]),
    st.integers(0, 2),
)
# a record separator in a cell: str.splitlines ended the careful path's line there, and the
# delimiter was guessed from the halves ("|"), the header read as one cell (found by `dev`)
@example(
    [["订单编号", "下单日期", "客户编号", "销售代表", "金额"], ["|", "\x1e", "", "", "|"]],
    "utf-8",
    ",",
    0,
)
def test_fast_csv_reader_gives_what_the_careful_one_gives(
    rows, encoding: str, delimiter: str, titles: int
) -> None:
    from salescli.data import readers

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([["2024年订单明细"]] * titles + rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    try:
        fast = readers._read_text_arrow(data, "orders.csv", None)
    except SalescliError as exc:  # e.g. an encoding neither reading makes plausible
        fast = ("error", str(exc))
    event("declined" if fast is None else "read by the fast path")
    if fast is None:
        return  # declined: the careful path reads it, as every other test shows
    try:
        careful = readers._read_text(readers.decode(data, "orders.csv"), "orders.csv")
    except SalescliError as exc:
        assert fast == ("error", str(exc))
        return
    assert outcome(fast) == outcome(careful)
