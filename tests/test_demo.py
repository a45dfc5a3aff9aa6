"""The committed demo workspace is exactly what the deterministic generator writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from salescli.demo import write_demo

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.mark.slow
def test_generator_reproduces_the_committed_demo(tmp_path: Path) -> None:
    written = write_demo(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in DEMO.iterdir() if p.name != "salescli.toml" and not p.name.startswith(".")
    )
    for path in written:
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), path.name


def test_the_demos_salescli_toml_shows_every_setting_as_init_writes_it() -> None:
    """Its header says every key is shown with its default: a setting added later must reach
    the demo too (it lacked report.low_attainment, printed_rows, [run], [statuses]…)."""
    from salescli.commands.init import config_template

    assert (DEMO / "salescli.toml").read_text(encoding="utf-8") == config_template("en")


def test_clean_demo_has_no_planted_gaps() -> None:
    from salescli.demo import generate

    company = generate(lines=3_000, clean=True)
    assert (company.customers["legal_representative"] != "").all()
    assert len(company.orders) == 3_000 and company.orders["order_id"].notna().all()


def test_demo_duty_tables_have_open_overdue_and_incomplete_rows() -> None:
    from salescli.demo import generate

    company = generate(lines=12_000)
    feedback, changes = company.feedback, company.order_changes
    assert feedback is not None and changes is not None
    assert feedback["resolved_on"].isna().any() and (feedback["handler"] == "").any()
    assert (feedback["received_on"] < "2024-01-01").any()  # open across the year end too
    assert set(changes["change_type"]) == {"数量", "交期", "价格", "产品", "取消"}
    assert (changes["decision"] == "").any() and (changes["decision"] == "驳回").any()
    assert (company.visits["purpose"] == "").any() and (company.visits["next_step"] == "").any()
    clean = generate(lines=3_000, clean=True)
    assert clean.feedback is not None and (clean.feedback["handler"] != "").all()


def test_the_small_company_has_what_the_end_to_end_tests_walk(small_company: Path) -> None:
    """The end-to-end tests moved off the demo (#25) need every table and the cases the demo
    plants: both years, the 40 reps, buyers missing from the customer file, planted gaps,
    open feedback, and the demo's settings."""
    from python_calamine import CalamineWorkbook

    exports = {p.name for p in small_company.iterdir() if not p.name.startswith(".")}
    assert exports == {p.name for p in DEMO.iterdir() if not p.name.startswith(".")}
    assert (small_company / "salescli.toml").read_bytes() == (DEMO / "salescli.toml").read_bytes()
    targets = pd.read_csv(small_company / "targets.csv")
    assert targets["rep"].nunique() == 40
    rows = CalamineWorkbook.from_path(str(small_company / "customers.xlsx")).get_sheet_by_index(0)
    customers = pd.DataFrame(rows.to_python()[3:], columns=rows.to_python()[2])
    assert (customers["法定代表人"] == "").any()  # planted gaps for check to find
    assert (customers["联系电话"] == "待补充").sum() == 5
    orders = pd.concat(
        pd.read_excel(p, header=2, engine="calamine") for p in small_company.glob("orders-*.xlsx")
    ).dropna(subset=["下单日期"])
    assert set(pd.to_datetime(orders["下单日期"]).dt.year) == {2023, 2024}
    assert not set(orders["客户编号"]) <= set(customers["客户编号"])
    feedback = pd.read_csv(small_company / "客户反馈.csv", encoding="gbk")
    assert feedback.isna().any().any()  # open and incomplete feedback rows
