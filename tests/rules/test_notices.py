"""Chapter 3.2.3 adjustment notices on inline tables."""

from __future__ import annotations

import pandas as pd

from salescli.rules import targets as rules

TARGETS = pd.DataFrame(
    {
        "rep": ["甲"] * 4 + ["乙"] * 3,
        "period": ["2024-04", "2024-05", "2024-06", "2024-07", "2024-04", "2024-05", "2024-06"],
        "target": [100.0, 200.0, 300.0, 400.0, 10.0, 10.0, 10.0],
    }
)


def requests(**more) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "rep": ["甲", "甲", "乙", "乙"],
            "period": ["2024Q2", "2024-07", "2024-05", "2024-06"],
            "new_target": [1200.0, 500.0, 20.0, 30.0],
            "reason": ["新增经销商", "产品线调整", "项目延期", "需求下滑"],
            "basis": ["经销合同", "停产通知", "客户通知", None],  # 乙 2024-06 has no basis
            "manager_approved": ["是", "2024-06-18", "是", "是"],
            "leader_approved": ["2024-06-20", "张总", "2024/5/9", "是"],
        }
    )
    return frame.assign(**more)


def notices(frame: pd.DataFrame) -> pd.DataFrame:
    review = rules.review_requests(frame, TARGETS)
    adjusted = rules.apply_adjustments(TARGETS, review, 1)
    return rules.adjustment_notices(adjusted, review)


def test_one_row_per_applied_request_with_old_and_new_target() -> None:
    out = notices(requests())
    assert out[["rep", "period", "original_target", "target"]].values.tolist() == [
        ["乙", "2024-05", 10.0, 20.0],
        ["甲", "2024-07", 400.0, 500.0],
        ["甲", "2024Q2", 600.0, 1200.0],  # a quarter: its months added up
    ]
    assert "2024-06" not in out["period"].tolist()  # rejected: no basis, no notice


def test_effective_date_is_the_later_approval_date_unless_given() -> None:
    out = notices(requests()).set_index("period")
    assert out.loc["2024Q2", "effective_on"] == pd.Timestamp("2024-06-20")
    assert out.loc["2024-07", "effective_on"] == pd.Timestamp("2024-06-18")
    assert out.loc["2024-05", "effective_on"] == pd.Timestamp("2024-05-09")
    given = requests(effective_on=pd.to_datetime(["2024-07-01", None, None, None]))
    out = notices(given).set_index("period")
    assert out.loc["2024Q2", "effective_on"] == pd.Timestamp("2024-07-01")
    assert out.loc["2024-07", "effective_on"] == pd.Timestamp("2024-06-18")


def test_no_date_anywhere_leaves_the_effective_date_empty() -> None:
    out = notices(requests(manager_approved="是", leader_approved="张总"))
    assert out["effective_on"].isna().all()


def test_nothing_applied_gives_an_empty_table() -> None:
    out = notices(requests(leader_approved=None))
    assert out.empty and list(out.columns) == rules.NOTICE_COLUMNS
