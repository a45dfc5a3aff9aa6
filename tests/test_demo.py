"""The committed demo workspace is exactly what the deterministic generator writes."""

from __future__ import annotations

from pathlib import Path

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
