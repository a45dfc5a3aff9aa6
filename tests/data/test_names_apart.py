"""A rep cell naming two reps apart by a space (`张三 李四`, a co-sold order) is refused as a
cell naming several reps, as `张三,李四` is, not closed up into a rep `张三李四` of its own
whose sales count for nobody with a target. A two-character name padded to three (`张　伟`,
as rosters align names) is one rep, `张伟`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

TARGETS = [["rep", "period", "target"], ["张三", "2024-05", 1000], ["李四", "2024-05", 1000]]


def _workspace(folder: Path, rep: str) -> Path:
    folder.mkdir()
    write_csv(
        folder / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-06", "C1", 300),
            order_row("SO2", "2024-05-07", "C2", 200, rep="李四"),
            order_row("SO3", "2024-05-08", "C3", 500, rep=rep),
        ],
    )
    write_csv(folder / "targets.csv", TARGETS)
    return folder


@pytest.mark.parametrize("rep", ["张三 李四", "张三　李四", "张三、李四"])
def test_a_cell_naming_two_reps_apart_is_refused_naming_it(tmp_path: Path, rep: str) -> None:
    folder = _workspace(tmp_path / "ws", rep)
    done = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code == 65, done.stdout
    assert "names several reps" in done.stderr
    assert "'张三', '李四'" in done.stderr


def test_a_padded_two_character_name_is_the_rep(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", "李　四")
    done = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code == 0, done.stderr
    amounts = {r["rep"]: r["amount"] for r in json.loads(done.stdout)}
    assert amounts == {"张三": 300.0, "李四": 700.0}
