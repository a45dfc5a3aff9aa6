"""The column catalogue (salescli/rules/columns.py): every output column declared once, and
the writers, the schema, the labels and the rounding all reading that one declaration."""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from salescli import demo
from salescli.commands.schema import data_dictionary
from salescli.demo import write_demo
from salescli.labels import header, is_code, label
from salescli.output import Output, Table, write
from salescli.output import tables as output_tables
from salescli.output.cells import cell_text, holds_words
from salescli.output.tables import Spec, machine_frame, meaning_of
from salescli.periods import parse_period
from salescli.rules import appraisal, columns
from salescli.rules.columns import (
    CATALOGUE,
    Column,
    DuplicateColumn,
    UndeclaredColumn,
    column,
    declare,
)
from tests.helpers import run

ROOT = Path(__file__).resolve().parents[1]

# every command that writes tables, with the options that change which tables it writes
COMMANDS = [
    ["appraise", "--month", "2024-05"],
    ["appraise", "--quarter", "2024Q2"],
    ["appraise", "--year", "2024"],
    ["appraise", "--quarter", "2024Q2", "--explain", "@first"],
    ["report", "--week", "2024-W19"],
    ["report", "--month", "2024-05"],
    ["report", "--quarter", "2024Q2"],
    ["classify", "--quarter", "2024Q2"],
    ["plan-visits", "--month", "2024-06"],
    ["audit-visits", "--month", "2024-05", "--by", "rep"],
    ["split-targets", "--year", "2025", "--total", "120000000", "--by", "region,rep"],
    ["split-targets", "--apply-to", "{ws}/targets.csv"],
    ["check"],
    ["map"],
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small") / "ws"
    write_demo(folder, lines=3_000)
    return folder


def _first_rep(workspace: Path) -> str:
    result = run("-q", "-w", str(workspace), "appraise", "--month", "2024-05", "--format", "csv")
    return str(next(csv.DictReader(result.stdout.splitlines()))["rep"])


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_every_column_a_command_writes_is_declared(
    tmp_path: Path, workspace: Path, command: list[str]
) -> None:
    args = [a.replace("{ws}", str(workspace)) for a in command]
    if "@first" in args:
        args[args.index("@first")] = _first_rep(workspace)
    for fmt, target in (("csv", f"{tmp_path}/csv/"), ("xlsx", f"{tmp_path}/out.xlsx")):
        result = run("-q", "-w", str(workspace), *args, "-o", target, "--format", fmt)
        assert result.exit_code in (0, 65), (fmt, result.stderr)
    files = sorted((tmp_path / "csv").glob("*.csv"))
    assert files, args
    for path in files:
        names = pd.read_csv(path, encoding="utf-8-sig", nrows=0).columns
        for name in names:
            if is_code(name):  # not a name of the data (a month, a class, a competitor)
                assert name in CATALOGUE, f"{args[0]} {path.stem}: {name} is not declared"


def _output(frame: pd.DataFrame, command: str = "") -> Output:
    period = parse_period("2024-05")
    return Output("Test", [Table("by_rep", frame)], command=command, period=period)


@pytest.mark.parametrize("suffix", ["xlsx", "html", "md", "csv", "json", "parquet"])
def test_a_writer_refuses_a_column_no_rule_declared(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame({"rep": ["a"], "amount": [1.0], "bogus_figure": [2.0]})
    with pytest.raises(UndeclaredColumn, match="bogus_figure"):
        write(_output(frame), tmp_path / f"out.{suffix}")


def test_a_text_column_no_rule_declared_is_refused_too(tmp_path: Path) -> None:
    frame = pd.DataFrame({"rep": ["a"], "bogus_note": ["x"]})
    with pytest.raises(UndeclaredColumn, match="bogus_note"):
        write(_output(frame), tmp_path / "out.xlsx")


def test_a_declared_table_refuses_a_column_its_spec_lacks() -> None:
    """report by_rep declares its columns: a new one (even a declared name) must be added."""
    frame = pd.DataFrame({"rep": ["a"], "amount": [1.0], "margin": [0.5]})
    with pytest.raises(UndeclaredColumn, match="margin"):
        machine_frame(_output(frame, "report").tables[0], _output(frame, "report"))
    good = machine_frame(
        _output(frame[["rep", "amount"]], "report").tables[0], _output(frame, "report")
    )
    assert list(good.columns) == ["period", "rep", "amount"]


def test_columns_named_by_the_data_are_shown_as_they_are() -> None:
    assert header("2025-01", "en") == "2025-01"
    assert header("A", "zh") == "A"
    assert header("西门子_amount", "en") == "西门子 amount"
    assert header("西门子_share", "zh") == "西门子 份额"
    with pytest.raises(UndeclaredColumn):
        header("bogus_prev", "zh")


def test_the_schema_refuses_a_column_no_rule_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    bogus = Spec("report", "bogus", "A test table.", ("rep", "bogus_figure"), ("month",))
    monkeypatch.setattr(output_tables, "SPECS", [*output_tables.SPECS, bogus])
    with pytest.raises(UndeclaredColumn, match="bogus_figure"):
        data_dictionary("report")


def test_labels_are_the_declarations_and_no_suffix_is_guessed() -> None:
    for name in ("final_score", "amount_last_year", "churn_rate", "feedback_closed_loop_rate"):
        declared = column(name)
        assert label(name, "en") == declared.label_en
        assert label(name, "zh") == declared.label_zh
    assert column("amount_last_year").label_zh == "销售额去年同期"
    # a name nobody declared keeps its own spelling instead of a label made from its suffix
    assert label("bogus_prev", "zh") == "bogus_prev"
    assert label("bogus_score", "en") == "Bogus score"  # spelt out, not a declared label


def test_a_changed_declaration_changes_every_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = replace(column("margin"), label_zh="毛利比率", meaning="A changed meaning.")
    monkeypatch.setitem(CATALOGUE, "margin", changed)
    assert label("margin", "zh") == "毛利比率"
    assert header("margin", "zh") == "毛利比率"
    assert "| margin | number | A changed meaning. |" in data_dictionary("report")
    assert Table("t", pd.DataFrame({"margin": [0.5]})).kind("margin") == "ratio"


def test_rounding_reads_the_declared_decimals(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pd.DataFrame({"rep": ["a"], "amount": [1.23456], "attainment": [0.1234567891]})
    output = _output(frame, "report")
    out = machine_frame(output.tables[0], output)
    assert out["amount"].iloc[0] == 1.23 and out["attainment"].iloc[0] == 0.123457
    monkeypatch.setitem(CATALOGUE, "amount", replace(column("amount"), decimals=1))
    assert machine_frame(output.tables[0], output)["amount"].iloc[0] == 1.2
    # the appraisal publishes a score at its declared decimals, a ratio at most at
    # RATIO_DECIMALS: the 6 the schema declares
    assert appraisal.published_decimals("final_score") == column("final_score").decimals == 2
    assert appraisal.published_decimals("attainment") == appraisal.RATIO_DECIMALS == 6
    assert column("attainment").decimals == 6
    assert appraisal.published_decimals("satisfaction") == column("satisfaction").decimals
    assert appraisal.published_decimals("rep") is None
    monkeypatch.setitem(CATALOGUE, "final_score", replace(column("final_score"), decimals=1))
    assert appraisal.published_decimals("final_score") == 1


def test_no_column_is_declared_twice() -> None:
    with pytest.raises(DuplicateColumn, match="'amount'"):
        declare(replace(column("amount"), meaning="again"))
    assert column("amount").meaning != "again"
    source = (ROOT / "salescli" / "rules" / "columns.py").read_text(encoding="utf-8")
    names = [
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "Column"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert len(names) > 200
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert set(names) <= set(CATALOGUE)


def test_every_declaration_is_complete() -> None:
    for name, declared in CATALOGUE.items():
        assert isinstance(declared, Column) and declared.name == name
        assert declared.label_en and declared.label_zh and meaning_of(declared), name
        assert (declared.decimals is not None) == (declared.type in ("money", "number")), name
    for spec in output_tables.SPECS:
        for name in spec.columns:
            assert meaning_of(column(name)) or name in spec.meanings, (spec.name, name)


def test_an_unknown_column_is_refused_by_name() -> None:
    with pytest.raises(UndeclaredColumn) as caught:
        column("bogus_figure")
    assert "salescli/rules/columns.py" in str(caught.value)
    assert columns.declared("amount") and not columns.declared("bogus_figure")


def test_docs_schema_is_generated_from_the_declarations(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "schema_doc.py"
    check = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert check.returncode == 0, check.stdout + check.stderr
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert doc == data_dictionary()
    for name, declared in CATALOGUE.items():
        assert f"| {name} | {declared.type} | {declared.kind}" in doc, name
    stale = tmp_path / "schema.md"
    stale.write_text(doc.replace("销售额", "营业额"), encoding="utf-8")
    again = subprocess.run(
        [sys.executable, str(script), "--check", "--path", str(stale)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert again.returncode == 1 and "schema_doc.py" in again.stdout + again.stderr


# --- which columns are translated: the catalogue's `words` --------------------------------


def _text_columns() -> list[str]:
    return [c.name for c in CATALOGUE.values() if c.type == "text" and c.kind == "text"]


def test_a_data_column_is_never_translated() -> None:
    """A cell of a column that is not salescli's words is data: a customer, a rep, a product
    named like one of salescli's words keeps its name in Chinese."""
    data = [c for c in _text_columns() if not holds_words(c)]
    assert {"customer_name", "rep", "category", "region", "comment"} <= set(data)
    for name in data:
        for word in ("won", "open", "error", "applied", "amount", "churn_rate", "customer"):
            assert cell_text(word, "zh", name) == word, (name, word)
            assert cell_text(word, "en", name) == word, (name, word)
    # the same words in a column of salescli's words are said in Chinese
    assert cell_text("won", "zh", "outcome") == "赢单"
    assert cell_text("churn_rate", "zh", "training_needs") == column("churn_rate").label_zh


def test_a_column_no_rule_declared_holds_data() -> None:
    assert not holds_words("bogus_words")
    assert cell_text("won", "zh", "bogus_words") == "won"
    assert cell_text("won", "zh", "2024-05") == "won"  # a column named by the data


def test_words_are_declared_in_the_catalogue_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalogue's `words` decides: a column turned into one is translated, and back."""
    assert cell_text("won", "zh", "customer_name") == "won"
    monkeypatch.setitem(CATALOGUE, "customer_name", replace(column("customer_name"), words=True))
    assert cell_text("won", "zh", "customer_name") == "赢单"
    monkeypatch.setitem(CATALOGUE, "outcome", replace(column("outcome"), words=False))
    assert cell_text("won", "zh", "outcome") == "won"


def test_a_customer_named_won_keeps_the_name_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """customer_name is data: a customer named "won" (an opportunity's outcome in salescli's
    words) is "won" in the Chinese classification, not 赢单."""
    company = demo.generate(lines=3000)
    largest = company.orders.groupby("customer_id")["amount"].sum().idxmax()
    for frame in vars(company).values():
        if isinstance(frame, pd.DataFrame) and {"customer_id", "customer_name"} <= set(frame):
            frame.loc[frame["customer_id"] == largest, "customer_name"] = "won"
    monkeypatch.setattr(demo, "generate", lambda *a, **k: company)
    demo.write_demo(tmp_path / "ws", lines=3000)
    out = tmp_path / "c.md"
    args = ("--no-cache", "-w", str(tmp_path / "ws"), "--lang", "zh", "classify")
    result = run(*args, "--quarter", "2024Q2", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    cells = {c.strip() for line in lines if line.startswith("|") for c in line.split("|")}
    assert "won" in cells and "赢单" not in cells


@pytest.fixture(scope="module")
def zh_cells(
    tmp_path_factory: pytest.TempPathFactory, workspace: Path
) -> list[tuple[str, str, str, str]]:
    """Every text cell of a words column in the Chinese md outputs of the commands: (command,
    table, column, cell as shown)."""
    import salescli.output.cells as cells

    seen: list[tuple[str, str, str, str]] = []
    shown_by = cells.display_cells
    folder = tmp_path_factory.mktemp("zh")
    for number, command in enumerate(COMMANDS):
        args = [a.replace("{ws}", str(workspace)) for a in command]
        if "@first" in args:
            args[args.index("@first")] = _first_rep(workspace)

        def recorded(table: Table, lang: str, args: list[str] = args) -> list[list[str]]:
            rows = shown_by(table, lang)
            for j, name in enumerate(table.frame.columns):
                if holds_words(str(name)) and table.kind(str(name)) == "text":
                    seen.extend((args[0], table.name, str(name), row[j]) for row in rows)
            return rows

        cells.display_cells = recorded
        try:
            out = folder / f"{number}.md"
            result = run("--no-cache", "-w", str(workspace), "--lang", "zh", *args, "-o", str(out))
        finally:
            cells.display_cells = shown_by
        assert result.exit_code in (0, 65), (args, result.stderr)
    return seen


def test_every_words_column_of_the_demo_is_said_in_chinese(zh_cells) -> None:
    """No English word is left in a column of salescli's words in the Chinese outputs (a
    grade or a class is a letter, a value made by the data is not in a words column)."""
    columns = {c for _, _, c, _ in zh_cells}
    assert {"outcome", "move", "severity", "figure", "column", "dimension"} <= columns, columns
    english = [
        (command, table, name, text)
        for command, table, name, text in zh_cells
        if re.search(r"[A-Za-z]{2}", text)
    ]
    assert not english, english[:20]


def test_an_appraisal_score_is_declared_not_guessed_from_its_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nobody's row (UNASSIGNED) loses the columns the catalogue flags as scores (`score`),
    whatever their names."""
    from salescli.rules.process import UNASSIGNED

    frame = pd.DataFrame(
        {"final_score": [80.0, 70.0], "amount": [9.0, 5.0]}, index=["a", UNASSIGNED]
    )
    out = appraisal.not_appraised(frame)
    assert pd.isna(out.loc[UNASSIGNED, "final_score"]) and out.loc["a", "final_score"] == 80.0
    assert out.loc[UNASSIGNED, "amount"] == 5.0
    # today every declared score is named <…>_score, but no rule reads the name
    assert {n for n, c in CATALOGUE.items() if c.score} == {
        n for n in CATALOGUE if n.endswith("_score")
    }
    monkeypatch.setitem(CATALOGUE, "amount", replace(column("amount"), score=True))
    monkeypatch.setitem(CATALOGUE, "final_score", replace(column("final_score"), score=False))
    out = appraisal.not_appraised(frame)
    assert pd.isna(out.loc[UNASSIGNED, "amount"]) and out.loc[UNASSIGNED, "final_score"] == 70.0


def test_the_appraisal_definitions_are_said_in_chinese() -> None:
    from salescli.config import Policy

    defined = appraisal.definitions(Policy())
    assert set(defined) >= {n for n, c in CATALOGUE.items() if c.meaning == columns.BY_APPRAISAL}
    for name, meaning in defined.items():
        zh = meaning.render("zh")
        assert re.search(r"[\u4e00-\u9fff]", zh) and zh != str(meaning), name
        assert str(meaning) == meaning.render("en"), name


def test_every_label_has_its_chinese() -> None:
    english = {n: c.label_zh for n, c in CATALOGUE.items() if re.search("[A-Za-z]{2}", c.label_zh)}
    assert not english, english


def test_a_table_spec_reads_its_rule_columns() -> None:
    """split-targets' adjustments and notices hold the columns their rules name: a request
    giving its effective day is written, not refused as an undeclared column."""
    from salescli.rules import targets

    review = pd.DataFrame([dict.fromkeys(targets.REVIEW_COLUMNS, "x")])
    review["period"], review["new_target"] = "2025-03", 1.0
    review["effective_on"] = pd.Timestamp("2025-03-01")
    output = Output("T", [Table("adjustments", review)], command="split-targets")
    output.period = parse_period("2025")
    assert list(machine_frame(output.tables[0], output).columns) == [
        "period",
        *(c for c in targets.REVIEW_COLUMNS if c != "period"),
    ]
    adjustments = output_tables.spec_of("split-targets", "adjustments")
    notices = output_tables.spec_of("split-targets", "notices")
    assert adjustments is not None and notices is not None
    assert set(adjustments.columns) == set(targets.REVIEW_COLUMNS) - {"period"}
    assert set(notices.columns) == set(targets.NOTICE_COLUMNS) - {"period"} | {"files"}
