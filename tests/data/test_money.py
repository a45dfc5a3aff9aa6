"""Money is exact (#26): a line's money is held in whole cents, rounded half up as a ledger
rounds, so a report's regions, categories, customer groups and reps add up to the company's
figure to the cent, and no sum depends on the order of the rows."""

from __future__ import annotations

import json
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescli.data.sales import to_cents
from tests.conftest import DEMO
from tests.helpers import run, write_csv

CENT = Decimal("0.01")


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("written", "cents"),
    [
        ("1.005", "1.01"),  # the binary float is 1.00499…: a plain round(2) gives 1.00
        ("2.675", "2.68"),
        ("-1.005", "-1.01"),  # a return rounds away from zero, as its sale does
        ("-2.675", "-2.68"),
        ("0.125", "0.13"),  # half up, not half to even
        ("12.3449", "12.34"),
        ("99999999.995", "100000000.00"),
        ("7", "7.00"),
    ],
)
def test_money_is_rounded_half_up_as_written(written: str, cents: str) -> None:
    assert to_cents(pd.Series([float(written)])).iloc[0] == float(cents)


def test_empty_money_stays_empty_and_nothing_is_minus_zero() -> None:
    rounded = to_cents(pd.Series([1.234, np.nan, None, -0.001], dtype="float64"))
    assert rounded.iloc[0] == 1.23
    assert rounded.iloc[1:3].isna().all()
    assert str(rounded.iloc[3]) == "0.0"  # never "-0.0" in an output


@given(
    st.decimals(
        min_value=Decimal("-99999999.999999"),
        max_value=Decimal("99999999.999999"),
        places=6,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_cents_are_the_ledgers_rounding_of_the_written_value(value: Decimal) -> None:
    rounded = to_cents(pd.Series([float(value)])).iloc[0]
    assert Decimal(str(float(rounded))) == _half_up(value)


@pytest.fixture(scope="module")
def many_decimals(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """The generated company's 3,000 order lines in one GBK CSV whose amounts have four
    decimals (a price of four decimals times a quantity, as some ERPs export them)."""
    from salescli import demo

    folder = tmp_path_factory.mktemp("money") / "demo"
    demo.write_demo(folder, lines=3000, csv_orders=True)
    shutil.copy(DEMO / "salescli.toml", folder / "salescli.toml")
    lines = pd.read_csv(folder / "orders.csv", encoding="utf-8-sig", dtype=str)
    rng = np.random.default_rng(26)
    extra = rng.integers(0, 10_000, len(lines))
    extra[:40] = 50  # exact halves of a cent: 0.0050
    amounts = [
        Decimal(a) + Decimal(int(e)) / 10_000 for a, e in zip(lines["金额"], extra, strict=True)
    ]
    lines["金额"] = [f"{a:.4f}" for a in amounts]
    lines.to_csv(folder / "orders.csv", index=False, encoding="gbk")
    return folder, lines


def _report(folder: Path, out: Path) -> dict:
    done = run("-w", str(folder), "report", "--month", "2024-05", "-o", str(out))
    assert done.exit_code == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)


def _expected(lines: pd.DataFrame, first: str, last: str) -> Decimal:
    """The period's amount computed apart from salescli: each live line's written amount
    rounded half up to the cent with Decimal, summed."""
    days = pd.to_datetime(lines["下单日期"])
    inside = (days >= first) & (days <= last) & (lines["状态"] != "已取消")
    return sum((_half_up(Decimal(a)) for a in lines.loc[inside, "金额"]), Decimal(0))


def test_a_reports_parts_add_up_to_the_company_figure_to_the_cent(
    many_decimals: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    folder, lines = many_decimals
    report = _report(folder, tmp_path / "report.json")
    company = next(r for r in report["summary"] if r["figure"] == "amount")
    assert company["current"] == _expected(lines, "2024-05-01", "2024-05-31")
    assert company["previous"] == _expected(lines, "2024-04-01", "2024-04-30")
    assert company["last_year"] == _expected(lines, "2023-05-01", "2023-05-31")
    for table in ("by_region", "by_category", "by_customer_group", "by_rep"):
        rows = report[table]
        assert sum(Decimal(str(r["amount"])) for r in rows) == company["current"], table
        assert sum(Decimal(str(r["amount_prev"])) for r in rows) == company["previous"], table
    for table in ("by_region", "by_category", "by_customer_group"):
        rows = report[table]
        total = sum(Decimal(str(r["amount_last_year"])) for r in rows)
        assert total == company["last_year"], table


def test_the_rounding_is_said(many_decimals: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    folder, lines = many_decimals
    n = sum(Decimal(a) != _half_up(Decimal(a)) for a in lines["金额"])
    assert 2900 < n < 3000  # some amounts are whole cents as written: not counted
    done = run("-w", str(folder), "check", "-v")
    said = f"orders.csv: {n} lines hold money with more than 2 decimals: rounded half up"
    assert said in done.stderr
    zh = run("--lang", "zh", "-w", str(folder), "check", "-v")
    assert f"orders.csv：{n} 行的金额多于 2 位小数：已四舍五入到分" in zh.stderr


def test_no_figure_depends_on_the_order_of_the_rows(
    many_decimals: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    folder, lines = many_decimals
    shuffled = tmp_path / "demo"
    shutil.copytree(folder, shuffled)
    lines.sample(frac=1.0, random_state=7).to_csv(
        shuffled / "orders.csv", index=False, encoding="gbk"
    )
    mine = _report(folder, tmp_path / "a.json")
    theirs = _report(shuffled, tmp_path / "b.json")
    for table in ("summary", "by_region", "by_category", "by_customer_group", "by_rep", "trend"):
        assert mine[table] == theirs[table], table


def test_a_line_in_another_currency_is_rounded_once_in_the_base_currency(
    tmp_path: Path,
) -> None:
    """10.005 USD at 7.1 is 71.0355 CNY, 71.04; rounded before the conversion as well it
    would be 10.01 x 7.1 = 71.07."""
    from tests.data.test_what_a_sale_is import factors

    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Rep", "Amount", "Currency"],
            ["1", "2024-05-03", "C1", "Alice", "1000.005", "CNY"],
            ["2", "2024-05-04", "C1", "Alice", "10.005", "USD"],
        ],
    )
    write_csv(tmp_path / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", "7.1"]])
    assert factors(tmp_path) == {"C1": (1000.01 + 71.04, 2)}
