"""A 单位 column giving each row's money unit: a targets sheet kept in 万元.

目标 0.5 with 单位 = 万元 was read as 0.5 yuan (the column taken for a harmless one, as a
product's 件 is): attainment 7,400%, both reps stars, bonuses paid in full, exit 0. Each row's
money is now read in the unit its 单位 column gives; a 单位 column of goods (件, 台) is left
as it was, and a header giving a unit of its own beside it is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run, write_csv, write_xlsx

ORDERS = [
    ["订单编号", "订单日期", "客户编号", "业务员", "产品型号", "单位", "数量", "金额", "成本"],
    ["SO1", "2024-05-06", "C1", "张三", "P1", "件", 10, 3700, 2000],
    ["SO2", "2024-05-31", "C2", "李四", "P1", "台", 5, 2000, 1000],
]


def _appraise(folder: Path) -> tuple[int, dict[str, dict], str]:
    done = run(
        "--no-cache", "-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"
    )
    if done.exit_code:
        return done.exit_code, {}, done.stderr
    return 0, {r["rep"]: r for r in json.loads(done.stdout)}, done.stderr


def test_targets_in_the_unit_their_unit_column_gives(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", ORDERS, encoding="gbk")
    write_xlsx(
        tmp_path / "targets.xlsx",
        [["业务员", "月份", "销售目标", "单位"], ["张三", "2024-05", 0.5, "万元"],
         ["李四", "2024-05", 2500, "元"]],
    )  # fmt: skip
    code, rows, said = _appraise(tmp_path)
    assert code == 0, said
    assert (rows["张三"]["target"], rows["李四"]["target"]) == (5000.0, 2500.0)
    assert (rows["张三"]["attainment"], rows["李四"]["attainment"]) == (0.74, 0.8)


def test_a_unit_in_the_header_beside_the_unit_column_is_refused(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", ORDERS, encoding="gbk")
    write_xlsx(
        tmp_path / "targets.xlsx",
        [["业务员", "月份", "目标(万元)", "单位"], ["张三", "2024-05", 0.5, "万元"],
         ["李四", "2024-05", 0.25, "万元"]],
    )  # fmt: skip
    (tmp_path / "salescli.toml").write_text('[inputs.targets]\ntarget = "目标(万元)"\n', "utf-8")
    code, _, said = _appraise(tmp_path)
    assert code == 65 and "the 单位 column gives each row's" in said, said


def test_a_unit_column_of_goods_is_no_money_unit(tmp_path: Path) -> None:
    """The orders' 单位 (件, 台) says what a quantity counts: the amounts are as written."""
    write_csv(tmp_path / "orders.csv", ORDERS, encoding="gbk")
    write_csv(tmp_path / "targets.csv", [["业务员", "月份", "销售目标"], ["张三", "2024-05", 5000],
                                         ["李四", "2024-05", 2500]])  # fmt: skip
    code, rows, said = _appraise(tmp_path)
    assert (code, rows["张三"]["amount"], rows["李四"]["amount"]) == (0, 3700.0, 2000.0), said
