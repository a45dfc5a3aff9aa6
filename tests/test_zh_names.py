"""In Chinese, a name is data and keeps its own words (#25): a rep named "open" and customers
named "合计" and "error" are shown as they are, while salescli's own words (won, lost, open as
an outcome) are translated. Only the columns the column catalogue declares `words`
are translated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from salescli import demo
from salescli.output.cells import cell_text
from tests.helpers import run

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(scope="module")
def named(tmp_path_factory) -> Path:
    """A small generated company whose first rep is named "open", its second "score" (a word
    the old translator turned into 评分法 wherever it stood), and whose two largest customers
    are named "合计" and "error"."""
    company = demo.generate(lines=3000)
    rep, second = company.reps["rep"].iloc[0], company.reps["rep"].iloc[1]
    big = company.orders.groupby("customer_id")["amount"].sum().nlargest(2).index
    names = dict(zip(big, ["合计", "error"], strict=True))
    for frame in vars(company).values():
        if not isinstance(frame, pd.DataFrame):
            continue
        for column in frame.columns:
            if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].replace({rep: "open", second: "score"})
        if "customer_name" in frame and "customer_id" in frame:
            ids = frame["customer_id"]
            frame["customer_name"] = ids.map(names).fillna(frame["customer_name"])
    folder = tmp_path_factory.mktemp("named")
    original = demo.generate
    demo.generate = lambda *a, **k: company
    try:
        demo.write_demo(folder, lines=3000)
    finally:
        demo.generate = original
    shutil.copy(DEMO / "salescli.toml", folder / "salescli.toml")
    return folder


def _zh(folder: Path, out: Path, *args: str) -> str:
    result = run("--no-cache", "-w", str(folder), "--lang", "zh", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def _cells(markdown: str) -> set[str]:
    return {
        c.strip() for line in markdown.splitlines() if line.startswith("|") for c in line.split("|")
    }


def test_a_rep_named_open_keeps_the_name_in_the_chinese_appraisal(named, tmp_path):
    cells = _cells(_zh(named, tmp_path / "a.md", "appraise", "--month", "2024-05"))
    assert "open" in cells
    assert "进行中" not in cells


def test_a_rep_named_open_keeps_the_name_in_the_chinese_report_but_outcomes_are_translated(
    named, tmp_path
):
    cells = _cells(_zh(named, tmp_path / "r.md", "report", "--month", "2024-05"))
    assert "open" in cells
    assert {"赢单", "输单", "进行中"} <= cells  # the pipeline's outcomes are salescli's words
    assert not {"won", "lost"} & cells


def test_customers_named_total_and_error_keep_their_names_in_the_chinese_classification(
    named, tmp_path
):
    cells = _cells(_zh(named, tmp_path / "c.md", "classify", "--quarter", "2024Q2"))
    assert {"合计", "error"} <= cells
    assert "错误" not in cells


@pytest.mark.parametrize(("rep", "word"), [("nobody-open", "进行中"), ("won", "赢单")])
def test_an_unknown_rep_named_like_a_word_keeps_the_name_in_the_chinese_error(named, rep, word):
    args = ("--no-cache", "-w", str(named), "--lang", "zh", "appraise", "--month", "2024-05")
    result = run(*args, "--rep", rep)
    assert result.exit_code != 0
    assert rep in result.stderr and word not in result.stderr


@pytest.mark.parametrize(
    ("text", "column", "zh"),
    [
        ("open", "outcome", "进行中"),
        ("open", "rep", "open"),
        ("error", "customer_name", "error"),
        ("error", "severity", "错误"),
        ("合计", "customer_name", "合计"),
        ("(no rep)", "rep", "（无销售代表）"),
        ("sales_star; promotion_candidate", "honours", "销售明星；晋升候选"),
        ("amount", "figure", "销售额"),
        ("amount", "product", "amount"),
    ],
)
def test_a_cell_is_translated_only_in_a_column_of_salescli_words(text, column, zh):
    assert cell_text(text, "zh", column) == zh


def test_a_rep_named_like_a_word_keeps_the_name_in_a_chinese_note_of_the_rules(named, tmp_path):
    text = _zh(named, tmp_path / "w.md", "report", "--week", "2024-W19", "--rep", "score")
    assert "仅 score 的订单行" in text  # rules.reports: "the order lines of {reps}"
    assert "评分法" not in text


def test_a_member_named_like_a_word_keeps_the_name_in_a_chinese_warning_of_the_api(named):
    from salescli import Workspace, split_targets
    from salescli.i18n import render

    result = split_targets(
        Workspace(named), year=2025, total=1_000_000, by="rep", include=["history"]
    )
    said = [render(note, "zh") for note in result.notes]
    assert "警告：history 没有历史销售额：按同级的平均值分配" in said
    assert not any("历史销售额 没有" in note for note in said)
