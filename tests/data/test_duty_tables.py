"""The feedback and order_changes tables go through the same ingestion as every other table:
Chinese and English headers, title rows, GBK CSVs, problems with file, sheet, row, column, value."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.workspace import Workspace
from salescli.schema import alias_index, header_key
from tests.helpers import run, write_csv, write_xlsx

FEEDBACK_ZH = [
    "反馈编号",
    "客户编号",
    "受理日期",
    "渠道",
    "类别",
    "反馈内容",
    "处理人",
    "办结日期",
    "处理结果",
    "回复销售日期",
]
CHANGES_ZH = [
    "变更单号",
    "订单编号",
    "申请日期",
    "变更类型",
    "原值",
    "新值",
    "原金额",
    "新金额",
    "变更原因",
    "审批结果",
    "审批日期",
    "审批人",
]


@pytest.mark.parametrize(
    ("table", "column", "headers"),
    [
        ("feedback", "feedback_id", ["反馈编号", "Feedback No", "反饋編號"]),
        ("feedback", "received_on", ["反馈日期", "受理日期", "Received"]),
        ("feedback", "resolved_on", ["解决日期", "办结日期", "辦結日期", "resolved on"]),
        ("feedback", "returned_to_rep_on", ["回复销售日期", "returned to rep"]),
        ("feedback", "handler", ["处理人", "Handler"]),
        ("feedback", "channel", ["渠道"]),
        ("feedback", "content", ["反馈内容"]),
        ("feedback", "result", ["处理结果"]),
        ("order_changes", "change_id", ["变更单号", "Change ID"]),
        ("order_changes", "requested_on", ["申请日期", "requested on"]),
        ("order_changes", "change_type", ["变更类型", "Change Type"]),
        ("order_changes", "old_value", ["原值"]),
        ("order_changes", "new_value", ["新值"]),
        ("order_changes", "old_amount", ["原金额"]),
        ("order_changes", "new_amount", ["新金额"]),
        ("order_changes", "reason", ["变更原因"]),
        ("order_changes", "decision", ["审批结果", "Decision"]),
        ("order_changes", "decided_on", ["审批日期", "decided on"]),
        ("order_changes", "approver", ["审批人", "approver"]),
    ],
)
def test_listed_headers_map_to_their_columns(table: str, column: str, headers: list[str]) -> None:
    for header in headers:
        assert alias_index(table)[header_key(header)] == column, header


def test_feedback_xlsx_with_a_title_row_is_read(tmp_path: Path) -> None:
    rows = [
        ["2024年客户反馈登记表"],
        [],
        FEEDBACK_ZH,
        [
            "F001",
            "C1",
            "2024/5/6",
            "电话",
            "交期",
            "希望提前交货",
            "李客服",
            "2024年5月8日",
            "已协调",
            "2024-05-09",
        ],
        ["F002", "C2", "2024-05-20", "微信", "质量", "外壳划痕", None, None, None, None],
    ]
    write_xlsx(tmp_path / "客户反馈.xlsx", rows, "反馈")
    frame = Workspace(tmp_path).table("feedback")
    assert frame["feedback_id"].tolist() == ["F001", "F002"]
    assert frame["resolved_on"].tolist()[0] == pd.Timestamp("2024-05-08")
    assert pd.isna(frame["resolved_on"].iloc[1]) and frame["_row"].tolist() == [4, 5]


def test_order_changes_gbk_csv_is_read(tmp_path: Path) -> None:
    rows = [
        CHANGES_ZH,
        [
            "BG01",
            "SO1",
            "2024-05-03",
            "数量",
            "10",
            "12",
            "1,000.00",
            "￥1,200.00",
            "客户增量",
            "通过",
            "2024-05-05",
            "王经理",
        ],
    ]
    write_csv(tmp_path / "order_changes.csv", rows, encoding="gbk")
    frame = Workspace(tmp_path).table("order_changes")
    assert frame["new_amount"].tolist() == [1200.0] and frame["approver"].tolist() == ["王经理"]


def _orders(folder: Path) -> None:
    write_csv(
        folder / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
            ["SO1", "2024-05-01", "C1", "张三", "100"],
        ],
    )


def test_check_lists_bad_dates_and_rule_problems_where_the_user_finds_them(tmp_path: Path) -> None:
    _orders(tmp_path)
    write_xlsx(
        tmp_path / "feedback.xlsx",
        [
            ["反馈登记"],
            FEEDBACK_ZH,
            ["F001", "C1", "2024-05-06", "电话", "交期", "x", "李客服", "2024-05-01", "ok", None],
            ["F002", "C1", "5月32日", "电话", "交期", "x", "李客服", None, None, None],
        ],
        "反馈",
    )
    write_csv(
        tmp_path / "order_changes.csv",
        [
            CHANGES_ZH,
            ["BG01", "SO404", "2024-05-03", "数量", "", "", "", "", "", "通过", "2024-05-04", "王"],
        ],
        encoding="gbk",
    )
    result = run("-w", str(tmp_path), "check", "--format", "json")
    assert result.exit_code == 65, result.stderr
    problems = pd.DataFrame(json.loads(result.stdout))
    found = {
        (p.table, p.file, p.sheet, p.row, p.column, p.value, p.severity)
        for p in problems.itertuples(index=False)
    }
    assert ("feedback", "feedback.xlsx", "反馈", 3, "resolved_on", "2024-05-01", "error") in found
    assert ("feedback", "feedback.xlsx", "反馈", 4, "received_on", "5月32日", "error") in found
    assert ("order_changes", "order_changes.csv", "", 2, "order_id", "SO404", "warning") in found


def test_a_missing_required_column_names_the_table_and_header_row(tmp_path: Path) -> None:
    write_csv(tmp_path / "order_changes.csv", [["变更单号", "申请日期"], ["BG01", "2024-05-03"]])
    result = run("-w", str(tmp_path), "check", "--table", "order_changes")
    assert result.exit_code == 65
    assert "order_id" in result.stdout + result.stderr
