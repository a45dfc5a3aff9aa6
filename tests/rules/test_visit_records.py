"""Chapter 2.3.2–2.3.4 visit records and 2.2.3 A-class record completeness, inline tables."""

from __future__ import annotations

import pandas as pd

from salescli.rules import records, visit_records

OWNERS = pd.Series({"C1": "甲", "C2": "甲", "C3": "乙"})


def visits(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["visit_date", "rep", "customer_id", "purpose", "summary", "next_step"]
    )
    frame["visit_date"] = pd.to_datetime(frame["visit_date"])
    frame["_file"], frame["_row"] = "visits.csv", range(2, len(frame) + 2)
    return visit_records.with_reps(frame, OWNERS)


ROWS = [
    ("2024-05-06", "甲", "C1", "例行拜访", "了解采购计划", "发送报价"),
    ("2024-05-07", "甲", "C2", "需求沟通", None, "安排技术交流"),
    ("2024-05-08", None, "C3", None, None, None),  # no rep: the customer's owner 乙
    ("2024-05-09", "乙", "C3", "售后回访", "收集反馈", "跟进回款"),
]


def test_completeness_per_rep_worst_first() -> None:
    out = visit_records.record_completeness(visits(ROWS))
    assert out.values.tolist() == [["乙", 2, 1, 0.5], ["甲", 2, 1, 0.5]]  # ties: by name
    worst = visit_records.record_completeness(visits([*ROWS, ROWS[0]]))
    assert worst["rep"].tolist() == ["乙", "甲"] and worst["visits"].tolist() == [2, 3]


def test_incomplete_visits_say_what_is_missing() -> None:
    out = visit_records.incomplete_visits(visits(ROWS))
    assert out[["rep", "customer_id", "missing_fields"]].values.tolist() == [
        ["乙", "C3", "purpose, summary, next_step"],
        ["甲", "C2", "summary"],
    ]
    assert out["row"].tolist() == [4, 3] and set(out["file"]) == {"visits.csv"}


def test_a_column_missing_from_the_export_makes_every_record_incomplete() -> None:
    frame = visits(ROWS).drop(columns="next_step")
    out = visit_records.record_completeness(frame)
    assert out["complete_records"].sum() == 0
    assert set(visit_records.incomplete_visits(frame)["missing_fields"].str.contains("next_step"))


def test_a_class_completeness_on_its_own_next_to_the_overall_rate() -> None:
    customers = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3", "C4"],
            "rep": ["甲", "甲", "甲", "乙"],
            "class": ["A", "a", "C", "B"],
            "_file": "customers.xlsx",
            "_sheet": "客户",
            "_row": [4, 5, 6, 7],
        }
    )
    problems = pd.DataFrame(
        [
            (
                *("customers", "customers.xlsx", "客户", 5, "address", None, "error"),
                *("record-field-empty", "empty", ""),
            )
        ],
        columns=records.PROBLEM_COLUMNS,
    )
    overall = records.completeness_by_rep(customers, problems).set_index("rep")
    class_a = records.class_completeness(customers, problems).set_index("rep")
    assert overall.loc["甲", "completeness"] == 2 / 3
    assert class_a.loc["甲"].tolist() == [2, 1, 0.5]  # "a" is A too
    assert "乙" not in class_a.index  # no A customers
    assert records.class_completeness(customers.drop(columns="class"), problems) is None
