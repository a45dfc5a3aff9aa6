"""The duties on the command line: report sections, refusals, audit-visits, check, notices."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

FEEDBACK = ["反馈编号", "客户编号", "反馈日期", "处理人", "解决日期", "回复销售日期"]
CHANGES = [
    "变更单号",
    "订单编号",
    "申请日期",
    "变更类型",
    "原金额",
    "新金额",
    "审批结果",
    "审批日期",
]


def workspace(folder: Path, feedback: list[list], changes: list[list] | None = None) -> str:
    write_csv(
        folder / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-03", "C1", 100, rep="张三"),
            order_row("SO2", "2024-05-04", "C2", 200, rep="李四"),
        ],
        encoding="gbk",
    )
    write_csv(folder / "feedback.csv", [FEEDBACK, *feedback], encoding="gbk")
    if changes is not None:
        write_csv(folder / "order_changes.csv", [CHANGES, *changes], encoding="gbk")
    return str(folder)


def test_report_month_json_carries_the_sections(tmp_path: Path) -> None:
    folder = workspace(
        tmp_path,
        [
            ["F1", "C1", "2024-05-06", "客服甲", "2024-05-06", "2024-05-07"],
            ["F2", "C2", "2024-04-02", "", "", ""],
        ],
        [["BG1", "SO2", "2024-05-20", "交期", "", "", "", ""]],
    )
    out = tmp_path / "report.json"
    result = run("-w", folder, "report", "--month", "2024-05", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    by_rep = {row["rep"]: row for row in data["feedback"]}
    assert by_rep["张三"]["resolved"] == 1 and by_rep["张三"]["median_days_to_resolve"] == 0
    assert by_rep["李四"]["open"] == 1 and by_rep["李四"]["overdue"] == 1
    assert data["open_feedback"][0]["days_open"] == 59
    assert {r["rep"]: r["pending"] for r in data["order_changes"]} == {"张三": 0, "李四": 1}
    assert data["pending_changes"][0]["change_id"] == "BG1"
    figures = {row["figure"]: row["current"] for row in data["summary"]}
    assert figures["feedback_received"] == 1 and figures["order_changes_requested"] == 1


def test_report_refuses_feedback_resolved_before_it_was_received(tmp_path: Path) -> None:
    folder = workspace(tmp_path, [["F1", "C1", "2024-05-06", "客服甲", "2024-05-01", ""]])
    result = run("-w", folder, "report", "--month", "2024-05")
    assert result.exit_code == 65
    assert "resolved before it was received" in result.stderr
    assert "feedback.csv" in result.stderr and "row 2" in result.stderr
    assert "2024-05-01" in result.stderr


def test_report_refuses_an_unreadable_decision(tmp_path: Path) -> None:
    folder = workspace(
        tmp_path,
        [["F1", "C1", "2024-05-06", "客服甲", "", ""]],
        [["BG1", "SO2", "2024-05-20", "交期", "", "", "再议", ""]],
    )
    result = run("-w", folder, "report", "--month", "2024-05")
    assert result.exit_code == 65 and "not a decision" in result.stderr
    assert "再议" in result.stderr


def test_weekly_report_shows_open_feedback(tmp_path: Path) -> None:
    folder = workspace(tmp_path, [["F2", "C2", "2024-04-02", "", "", ""]])
    write_csv(  # the orders must reach the week (coverage rule, #13)
        tmp_path / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-03", "C1", 100, rep="张三"),
            order_row("SO2", "2024-05-12", "C2", 200, rep="李四"),
        ],
        encoding="gbk",
    )
    out = tmp_path / "week.json"
    result = run("-w", folder, "report", "--week", "2024-W19", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))["open_feedback"]
    assert [(r["rep"], r["feedback_id"], r["days_open"]) for r in rows] == [("李四", "F2", 40)]


def _visit_workspace(folder: Path) -> str:
    write_csv(
        folder / "customers.csv",
        [
            ["客户编号", "客户名称", "销售代表", "客户分类", "法定代表人", "地址"],
            ["C1", "甲公司", "张三", "A", "王一", "上海"],
            ["C2", "乙公司", "张三", "A", "", "上海"],
            ["C3", "丙公司", "李四", "C", "赵二", "杭州"],
        ],
        encoding="gbk",
    )
    write_csv(
        folder / "visits.csv",
        [
            ["拜访日期", "销售代表", "客户编号", "拜访目的", "拜访内容", "下一步"],
            ["2024-05-06", "张三", "C1", "例行拜访", "了解计划", "发送报价"],
            ["2024-05-13", "张三", "C1", "需求沟通", "", "安排交流"],
            ["2024-05-07", "", "C3", "", "", ""],
            ["2024-04-07", "李四", "C3", "", "", ""],  # April: not in the May audit
        ],
        encoding="gbk",
    )
    return str(folder)


def test_audit_visits_adds_record_completeness_and_the_incomplete_visits(tmp_path: Path) -> None:
    folder = _visit_workspace(tmp_path)
    out = tmp_path / "audit.json"
    result = run("-w", folder, "audit-visits", "--month", "2024-05", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    by_rep = {r["rep"]: r for r in data["visit_records"]}
    assert (by_rep["张三"]["visits"], by_rep["张三"]["complete_records"]) == (2, 1)
    assert by_rep["李四"]["record_completeness"] == 0.0  # the visit without rep is the owner's
    incomplete = [(r["customer_id"], r["missing_fields"]) for r in data["incomplete_visits"]]
    assert incomplete == [("C1", "summary"), ("C3", "purpose, summary, next_step")]


def test_check_counts_visit_records_and_a_class_completeness(tmp_path: Path) -> None:
    folder = _visit_workspace(tmp_path)
    out = tmp_path / "check.json"
    result = run("-w", folder, "check", "-o", str(out))
    assert result.exit_code == 65  # the planted empty fields
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {r["rep"]: r for r in data["completeness"]}
    assert rows["张三"]["a_customers"] == 2 and rows["张三"]["a_complete"] == 0
    assert rows["李四"]["a_customers"] == 0 and rows["李四"]["a_completeness"] is None
    visits = {r["rep"]: (r["visits"], r["complete_records"]) for r in data["visit_records"]}
    assert visits == {"张三": (2, 1), "李四": (2, 0)}


def _targets_workspace(folder: Path) -> tuple[str, str]:
    write_csv(
        folder / "targets.csv",
        [
            ["销售代表", "期间", "目标"],
            ["张三", "2024-05", "1000"],
            ["李四", "2024-05", "800"],
            ["王五", "2024-05", "500"],
        ],
    )
    write_csv(
        folder / "adjustments.csv",
        [
            ["销售代表", "期间", "调整后目标", "调整原因", "调整依据", "经理审核", "领导审批"],
            ["张三", "2024-05", "1200", "大客户<追加>订单", "合同*补充*协议", "是", "2024-05-10"],
            ["李四", "2024-05", "700", "市场下滑", "", "是", "是"],  # no basis: not applied
            ["王五", "2024-05", "600", "新客户", "客户函", "是", ""],  # no leader: not applied
        ],
        encoding="gbk",
    )
    return str(folder), str(folder / "targets.csv")


def test_split_targets_notices_one_per_rep_in_markdown_and_html(tmp_path: Path) -> None:
    folder, targets = _targets_workspace(tmp_path)
    notices = tmp_path / "notices"
    out = tmp_path / "adjusted.json"
    result = run(
        "--lang",
        "zh",
        "-w",
        folder,
        "split-targets",
        "--apply-to",
        targets,
        "--notices",
        str(notices),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in notices.iterdir()) == ["张三.html", "张三.md"]
    markdown = (notices / "张三.md").read_text(encoding="utf-8")
    for text in ("销售目标调整通知", "2024-05", "1,000.00", "1,200.00", "2024-05-10"):
        assert text in markdown
    assert r"大客户\<追加\>订单" in markdown and r"合同\*补充\*协议" in markdown
    html = (notices / "张三.html").read_text(encoding="utf-8")
    assert "大客户&lt;追加&gt;订单" in html and "生效日期" in html  # escaped, in Chinese
    table = json.loads(out.read_text(encoding="utf-8"))["notices"]
    assert [(r["rep"], r["original_target"], r["target"], r["files"]) for r in table] == [
        ("张三", 1000.0, 1200.0, "张三.md, 张三.html")
    ]


def test_split_targets_adjustments_in_chinese(tmp_path: Path) -> None:
    """A request's status is a word (已生效/驳回), not the 驳回数 column of the order changes."""
    folder, targets = _targets_workspace(tmp_path)
    out = tmp_path / "adjusted.md"
    result = run(
        "--lang", "zh", "-w", folder, "split-targets", "--apply-to", targets, "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "驳回数" not in text and "applied" not in text and "basis" not in text
    assert "| 已生效 |" in text and "| 驳回   | 公司领导审批 |" in text
    assert "3 个调整申请中 1 个已生效" in text


def test_notices_in_english_and_refusals(tmp_path: Path) -> None:
    folder, targets = _targets_workspace(tmp_path)
    result = run(
        "-w",
        folder,
        "split-targets",
        "--apply-to",
        targets,
        "--notices",
        str(tmp_path / "n"),
        "-o",
        str(tmp_path / "a.xlsx"),
    )
    assert result.exit_code == 0, result.stderr
    assert "Sales target adjustment notice" in (tmp_path / "n" / "张三.md").read_text("utf-8")
    assert (
        run(
            "-w",
            folder,
            "split-targets",
            "--year",
            "2025",
            "--total",
            "100",
            "--notices",
            str(tmp_path / "n"),
        ).exit_code
        == 2
    )
    (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
    blocked = run(
        "-w",
        folder,
        "split-targets",
        "--apply-to",
        targets,
        "--notices",
        str(tmp_path / "blocked"),
        "-o",
        str(tmp_path / "b.xlsx"),
    )
    assert blocked.exit_code == 73 and "blocked" in blocked.stderr


def test_report_refuses_a_bad_feedback_date_naming_the_cell(tmp_path: Path) -> None:
    folder = workspace(tmp_path, [["F1", "C1", "5月32日", "客服甲", "", ""]])
    result = run("-w", folder, "report", "--month", "2024-05")
    assert result.exit_code == 65
    assert "not a date" in result.stderr and "feedback.csv" in result.stderr
    assert "received_on" in result.stderr and "5月32日" in result.stderr


def test_settings_are_written_by_init_and_change_the_figures(tmp_path: Path) -> None:
    from salescli.commands.init import config_template

    template = config_template()
    assert "[feedback]\n" in template and "overdue_days = 7" in template
    assert "[opportunities]\n" in template and "key_per_rep = 10" in template
    folder = workspace(tmp_path, [["F2", "C2", "2024-05-20", "", "", ""]])
    (tmp_path / "salescli.toml").write_text("[feedback]\noverdue_days = 30\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert run("-w", folder, "report", "--month", "2024-05", "-o", str(out)).exit_code == 0
    rows = {r["rep"]: r for r in json.loads(out.read_text(encoding="utf-8"))["feedback"]}
    assert rows["李四"]["open"] == 1 and rows["李四"]["overdue"] == 0  # 11 days, limit 30
    (tmp_path / "salescli.toml").write_text("[feedback]\noverdue_days = -1\n", encoding="utf-8")
    bad = run("-w", folder, "report", "--month", "2024-05")
    assert bad.exit_code == 78 and "feedback.overdue_days" in bad.stderr
