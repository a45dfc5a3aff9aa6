"""The problem registry (salescli/problems.py): each kind of problem declared once with its
code, severity, message and hint; `check` lists the code; docs/codes.md is generated from it;
names that are also message words stay names in Chinese."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest

from salescli import problems
from salescli.i18n import Msg, render
from salescli.problems import KINDS, problem
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
CUSTOMER_HEADER = ["客户编号", "客户名称", "销售代表", "电话"]


def test_docs_codes_is_the_registry_as_the_script_writes_it() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import codes_doc

    text = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert text == codes_doc.text(), "run: python scripts/codes_doc.py --write"
    for code in KINDS:
        assert f"| `{code}` |" in text


def test_a_code_is_declared_once() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        problems.kind("bad-date", "error", "not a date", "", "again")
    with pytest.raises(ValueError, match="severity"):
        problems.kind("new-kind", "fatal", "x", "", "x")
    assert "new-kind" not in KINDS


def test_every_code_is_kebab_case_and_every_code_the_code_names_is_declared() -> None:
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)+", code) for code in KINDS), list(KINDS)
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (ROOT / "salescli").rglob("*.py")
        if path != ROOT / "salescli" / "problems.py"
    )
    named = set(re.findall(r'problem\(\s*"([a-z-]+)"', source))
    named |= set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source)) & set(KINDS)
    assert named - set(KINDS) == set()
    # every declared kind is made somewhere: no code listed in the docs that never appears
    assert set(KINDS) - named == set()


def test_a_problem_is_its_kind_with_its_parameters() -> None:
    found = problem("empty-currency", base="CNY")
    assert (found.code, found.severity) == ("empty-currency", "error")
    assert isinstance(found.problem, Msg) and isinstance(found.hint, Msg)
    assert found.hint == "fill in the line's currency (CNY for the base currency)"
    assert render(found.hint, "zh") == "请填写该行的币种（本位币为 CNY）"
    assert problem("cached-excel-error", severity="warning").severity == "warning"
    with pytest.raises(KeyError):
        problem("no-such-code")


def _troubled(ws: Path) -> None:
    """A workspace with many kinds of problem: bad cells, an unknown status, a duplicate
    customer, a bad phone, an order file repeated, a target of zero, a rep in two cases."""
    rows = [
        ORDER_HEADER,
        order_row("SO-1", "2024-05-06", "C1", 1200.0, rep="open"),
        order_row("SO-2", "2024-13-45", "C2", "约一千"),
        order_row("SO-3", "2024-05-21", "C3", 500.0, 状态="挂起"),
    ]
    write_xlsx(ws / "orders.xlsx", rows)
    later = order_row("SO-1", "2024-05-06", "C1", 999.0, rep="open")  # SO-1 again, changed
    write_xlsx(ws / "orders-later.xlsx", [ORDER_HEADER, later])
    (ws / "salescli.toml").write_text('[inputs.orders]\npath = "orders*.xlsx"\n', "utf-8")
    customers = [
        CUSTOMER_HEADER,
        ["C1", "合计", "张三", "13800138000"],
        ["error", "error", "张三", "12"],
        ["error", "error", "李四", "13800138001"],
    ]
    write_xlsx(ws / "customers.xlsx", customers)
    write_csv(
        ws / "targets.csv",
        [["销售代表", "期间", "目标"], ["Open", "2024-05", "1000"], ["OPEN", "2024-05", "0"]],
    )


def _check(ws: Path, *options: str) -> list[dict[str, str]]:
    result = run("-w", str(ws), *options, "check", "--format", "csv")
    assert result.exit_code == 65, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_every_problem_row_carries_a_declared_code_after_its_severity(tmp_path: Path) -> None:
    _troubled(tmp_path)
    rows = _check(tmp_path)
    assert list(rows[0])[6:9] == ["severity", "code", "problem"]
    codes = {row["code"] for row in rows}
    assert codes <= set(KINDS), codes - set(KINDS)
    assert {"bad-date", "bad-number", "unknown-status", "duplicate-conflict"} <= codes
    assert {"bad-phone", "not-above-zero", "rep-case", "overlap-conflict"} <= codes
    for row in rows:  # the severity is the kind's, but where a kind says it weighs otherwise
        kind = KINDS[row["code"]]
        if row["code"] not in ("cached-excel-error", "record-column-missing", "figure-warning"):
            assert row["severity"] == kind.severity, row


def _zh_check(ws: Path) -> str:
    out = ws / "problems.md"
    result = run("--lang", "zh", "-w", str(ws), "check", "-o", str(out))
    assert result.exit_code == 65, result.stderr
    return out.read_text(encoding="utf-8")


def test_names_that_are_message_words_stay_names_in_chinese(tmp_path: Path) -> None:
    """A rep named "open" is not 进行中, a customer named "error" is not 错误, a customer
    named 合计 keeps its name: in check's table and in the error a command stops on."""
    _troubled(tmp_path)
    text = _zh_check(tmp_path)
    assert "销售代表 'open' 不分大小写时是目标表或客户档案中的 'OPEN', 'Open'" in text
    assert "客户 error 重复出现且取值不同" in text
    assert "进行中" not in text
    # the value is the second row's owner, the severity said in Chinese, the code a code
    assert re.search(r"\| 李四 +\| 错误 +\| duplicate-conflict", text)
    assert "rep-case" in text and "duplicate-conflict" in text  # codes stay codes

    only = tmp_path / "open"
    only.mkdir()
    rows = [ORDER_HEADER, order_row("SO-1", "2024-05-06", "C1", 1200.0, rep="open")]
    write_xlsx(only / "orders.xlsx", rows)
    write_csv(
        only / "targets.csv",
        [["销售代表", "期间", "目标"], ["Open", "2024-05", "1000"], ["OPEN", "2024-05", "10"]],
    )
    result = run("--lang", "zh", "-w", str(only), "report", "--month", "2024-05")
    assert result.exit_code == 65, result.stderr
    assert result.stderr.startswith("salescli：错误：")
    assert "orders.xlsx，第 2 行，列 rep，值 'open'：" in result.stderr  # where, in Chinese
    assert "销售代表 'open' 不分大小写时是目标表或客户档案中的 'OPEN', 'Open'" in result.stderr
    assert "进行中" not in result.stderr and "  建议：" in result.stderr


def test_a_customer_named_like_a_total_word_keeps_its_name(tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("SO-1", "2024-05-06", "C1", 1200.0)]
    rows.append(order_row("SO-2", "2024-05-07", "合计", 900.0, 客户名称="合计"))
    write_xlsx(tmp_path / "orders.xlsx", rows)
    write_xlsx(tmp_path / "customers.xlsx", [CUSTOMER_HEADER, ["error", "error", "open", "1"]])
    text = _zh_check(tmp_path)
    # the customer id as the export has it, the severity in Chinese beside it
    assert re.search(r"\| error +\| 警告 +\| no-purchase-history", text)
    english = run("-w", str(tmp_path), "check", "--format", "csv").stdout
    assert "customers,customers.xlsx,Sheet1,2,phone,1,error,bad-phone,not a phone number" in english
