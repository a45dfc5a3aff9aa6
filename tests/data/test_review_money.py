"""A second read of money in whole cents (#26): a line in another currency is rounded once,
in the base currency, whatever the export's other lines hold."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_csv


def test_a_refund_on_another_line_does_not_round_a_foreign_line_twice(tmp_path: Path) -> None:
    """10.005 USD at 7.1 is 71.0355 CNY, 71.04, as without a refund column
    (test_money.test_a_line_in_another_currency_is_rounded_once_in_the_base_currency); a
    refund on another line of the export must not round it to 10.01 USD first (71.07)."""
    from tests.data.test_what_a_sale_is import factors

    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Rep", "Amount", "Refund Amount", "Currency"],
            ["1", "2024-05-03", "C1", "Alice", "1000.005", "", "CNY"],
            ["2", "2024-05-04", "C1", "Alice", "10.005", "", "USD"],
            ["3", "2024-05-05", "C2", "Alice", "50.00", "20.00", "CNY"],
        ],
    )
    write_csv(tmp_path / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", "7.1"]])
    assert factors(tmp_path)["C1"] == (1000.01 + 71.04, 2)
