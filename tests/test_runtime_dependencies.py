"""salescli runs without the packages only its tests use: openpyxl writes the tests' workbooks,
salescli reads xlsx with calamine/fastexcel/lxml and writes it with XlsxWriter."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers import ORDER_HEADER, order_row, write_xlsx

ROOT = Path(__file__).resolve().parents[1]

# openpyxl made unimportable, then an xlsx read (check) and an xlsx written (-o out.xlsx)
BLOCKED = """
import sys
sys.modules["openpyxl"] = None  # `import openpyxl` now raises ImportError
from salescli.cli import main
sys.argv = ["salescli", "-w", sys.argv[1], *sys.argv[2:]]
main()
"""


def test_openpyxl_is_a_test_dependency_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [d.split(">")[0].strip().lower() for d in project["dependencies"]]
    assert "openpyxl" not in runtime
    assert any(d.startswith("openpyxl") for d in project["optional-dependencies"]["test"])


def test_xlsx_is_read_and_written_without_openpyxl(tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 100)]
    write_xlsx(tmp_path / "orders.xlsx", rows, "订单")
    out = tmp_path / "problems.xlsx"
    for args in (["check"], ["check", "-o", str(out)]):
        done = subprocess.run(
            [sys.executable, "-c", BLOCKED, str(tmp_path), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
            timeout=120,
        )
        assert "openpyxl" not in done.stderr, done.stderr
        assert done.returncode in (0, 1), done.stderr  # 1: problems found, not a crash
    assert out.stat().st_size > 0
