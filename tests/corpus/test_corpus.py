"""Every corpus case through `salescli check` and `salescli classify`, exact outcome asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus.make_corpus import CASES, Case
from tests.helpers import run


def arguments(case: Case) -> list[str]:
    return ["--input", "orders=-"] if case.stdin is not None else []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(case: Case, tmp_path: Path) -> None:
    case.build(tmp_path)
    checked = run(
        "-w", str(tmp_path), "check", "--table", case.table, *arguments(case), input=case.stdin
    )
    assert checked.exit_code == case.expected_check, checked.stdout + checked.stderr
    result = run(
        "-w",
        str(tmp_path),
        *case.command,
        "--format",
        "json",
        *arguments(case),
        input=case.stdin,
    )
    assert result.exit_code == case.exit, result.stderr
    if case.exit:
        assert result.stdout == ""
        assert case.error in result.stderr.splitlines()[0]
        assert result.stderr.splitlines()[1].startswith("  hint: ")
        if case.expected_check == 65 and "refused" not in case.error:
            assert case.error.split(": ", 1)[-1].split(" (")[0] in checked.stdout
        return
    rows = json.loads(result.stdout)
    key, figure = case.figure
    assert {r[key]: r[figure] for r in rows} == pytest.approx(case.amounts)
    for customer, name in case.names.items():
        assert next(r for r in rows if r["customer_id"] == customer)["customer_name"] == name


def test_injection_is_neutralised_in_csv_and_xlsx_output(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    case = next(c for c in CASES if c.name == "formula_injection")
    case.build(tmp_path)
    run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "c.csv"))
    frame = pd.read_csv(tmp_path / "c.csv", encoding="utf-8-sig", dtype=str)
    assert set(frame["customer_name"]) == {'\'=HYPERLINK("http://x","点我")', "'@SUM(A1)", "'-2+3"}
    assert "+86 138 0013 8000" in set(frame["rep"]) and "-500.0" in set(frame["amount"])
    run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "c.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["classes"]
    names = [c for c in sheet["B"][1:]]
    assert all(c.data_type == "s" for c in names)  # text, never a formula
    amounts = [c.value for c in sheet["D"][1:]]
    assert -500.0 in amounts


def test_every_case_is_a_distinct_trap_with_an_outcome_that_can_fail(tmp_path: Path) -> None:
    """What `test_corpus_case` relies on (it replaces a bare `len(CASES) >= 30`): one name per
    case (the test ids and the lookups by name), an export to read, and an outcome that can
    fail: the amounts of a case that reads, or the error of one that stops, saying where."""
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        if case.exit:
            assert case.amounts is None and case.error, case.name  # "" is in every stderr
            assert case.error.startswith((f"{case.table}.", f"{case.table}-", "refused: ")), (
                case.name
            )  # file, or why
        else:
            assert case.amounts is not None and not case.error, case.name
        folder = tmp_path / case.name
        folder.mkdir()
        case.build(folder)
        assert case.stdin is not None or any(folder.iterdir()), case.name
