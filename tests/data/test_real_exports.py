"""Real exports from real systems (issue #12): read right, or refused naming file, sheet,
column, values and the setting to use — never exit 0 with a wrong figure.

Each test builds its file here (text bytes in the encoding the system writes, workbooks with
openpyxl) and asserts the exact figures or the exact refusal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from salescli.config import InputSpec
from salescli.data import readers
from salescli.data.normalise import normalise
from salescli.data.workspace import Workspace
from tests.helpers import run

EN_HEADER = "Order ID;Order Date;Customer ID;Sales Rep;Amount"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def settings(folder: Path, text: str) -> None:
    (folder / "salescli.toml").write_text(text, encoding="utf-8")


def amounts(folder: Path) -> list[float]:
    frame = Workspace(folder, use_cache=False).table("orders")
    assert frame is not None
    return frame["amount"].tolist()


def careful_amounts(path: Path, spec: InputSpec | None = None) -> list[float]:
    """The same file through the careful text reader, which must give what the fast one gives."""
    raw = readers._read_text(readers.decode(path.read_bytes(), path.name), path.name)
    return normalise(raw, "orders", spec or InputSpec(), "Asia/Shanghai").frame["amount"].tolist()


def refusal(folder: Path) -> str:
    """Run `salescli classify` as a user would; it must stop with 65 and say why."""
    result = run("-w", str(folder), "classify", "--quarter", "2024Q2", "-o", str(folder / "c.csv"))
    assert result.exit_code == 65, result.stderr
    return result.stderr


# Trap 1: decimal commas --------------------------------------------------------------------


def test_decimal_commas_are_read_as_decimals(tmp_path: Path) -> None:
    path = write(
        tmp_path / "orders.csv",
        f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;12.500,00\nSO2;2024-05-04;C2;Bob;1 234,50\n"
        "SO3;2024-05-05;C1;Ann;1\u202f234\u202f567,89\nSO4;2024-05-06;C2;Bob;0,5\n"
        "SO5;2024-05-06;C2;Bob;(1.000,25)\n",
    )
    expected = [12500.0, 1234.5, 1234567.89, 0.5, -1000.25]  # old code: 12.5, 123450, …
    assert amounts(tmp_path) == expected
    assert careful_amounts(path) == expected
    result = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", "-", "--format", "csv"
    )
    assert result.exit_code == 0, result.stderr
    assert "C1,,Ann,1247067.89," in result.stdout


def test_a_column_of_only_1_234_is_refused_naming_file_column_values_and_setting(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "orders.csv",
        f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1.234\nSO2;2024-05-04;C2;Bob;5.678\n",
    )
    message = refusal(tmp_path)
    assert "orders.csv, column Amount" in message
    assert "1.234, 5.678" in message
    assert 'decimal = ","' in message and "[inputs.orders]" in message
    settings(tmp_path, '[inputs.orders]\ndecimal = ","\n')
    assert amounts(tmp_path) == [1234.0, 5678.0]
    settings(tmp_path, '[inputs.orders]\ndecimal = "."\n')
    assert amounts(tmp_path) == [1.234, 5.678]


def test_the_other_number_columns_of_the_file_settle_an_undecided_one(tmp_path: Path) -> None:
    write(
        tmp_path / "orders.csv",
        "Order ID;Order Date;Customer ID;Sales Rep;Quantity;Unit Price;Amount\n"
        "SO1;2024-05-03;C1;Ann;1.500;2,00;3.000,00\n",
    )
    frame = Workspace(tmp_path, use_cache=False).table("orders")
    assert frame[["quantity", "unit_price", "amount"]].values.tolist() == [[1500.0, 2.0, 3000.0]]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1,234", "500"], None),
        (["¥1,234", "500"], [1234.0, 500.0]),
        (["1,234.00", "500"], [1234.0, 500.0]),
    ],
)
def test_a_comma_that_can_be_a_decimal_separator_is_never_stripped_on_a_guess(
    tmp_path: Path, values: list[str], expected: list[float] | None
) -> None:
    rows = "".join(f"SO{i};2024-05-03;C1;Ann;{v}\n" for i, v in enumerate(values))
    write(tmp_path / "orders.csv", f"{EN_HEADER}\n{rows}")
    if expected is None:
        assert "1,234" in refusal(tmp_path)
    else:
        assert amounts(tmp_path) == expected  # the yuan sign and 1,234.00 settle it


def test_a_column_written_both_ways_is_refused_and_then_reported_row_by_row(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "orders.csv",
        f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1,234.50\nSO2;2024-05-04;C2;Bob;12,5\n",
    )
    message = refusal(tmp_path)
    assert "decimal commas (12,5)" in message and "decimal points (1,234.50)" in message
    settings(tmp_path, '[inputs.orders]\ndecimal = "."\n')
    result = run("-w", str(tmp_path), "check", "--table", "orders", "-o", "-", "--format", "csv")
    assert result.exit_code == 65
    assert 'orders,orders.csv,,3,amount,"12,5",error,not a number' in result.stdout


def test_number_cells_of_a_workbook_are_not_taken_for_thousands(tmp_path: Path) -> None:
    from tests.helpers import write_xlsx

    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ["Order ID", "Order Date", "Customer ID", "Sales Rep", "Amount"],
            ["SO1", "2024-05-03", "C1", "Ann", 1.234],
        ],
    )
    assert amounts(tmp_path) == [1.234]


def test_1e400_is_not_a_number(tmp_path: Path) -> None:
    write(tmp_path / "orders.csv", f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1e400\n")
    message = refusal(tmp_path)
    assert "not a number" in message and "'1e400'" in message


def test_decimal_setting_is_validated(tmp_path: Path) -> None:
    settings(tmp_path, '[inputs.orders]\ndecimal = "comma"\n')
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 78 and "inputs.orders.decimal" in result.stderr
