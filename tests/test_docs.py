"""The docs say what the code does: reference generated from help, exit codes, quick start."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from salescli import errors
from salescli.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_reference_is_generated_from_the_current_help() -> None:
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert generated == (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8"), (
        "run: python scripts/cli_reference.py > docs/cli-reference.md"
    )


def test_every_exit_code_is_documented() -> None:
    codes = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    documented = {int(c) for c in re.findall(r"^\| (\d+) \|", README, re.MULTILINE)}
    assert codes == documented


def test_every_command_is_in_the_readme() -> None:
    for command in COMMAND_MODULES:
        assert f"salescli {command}" in README or f"{command} --" in README, command


def test_quick_start_commands_are_at_the_top() -> None:
    top = README[:2500]
    assert "pip install . && salescli -w examples/demo appraise --month 2024-05" in top
    assert 'pip install -e ".[test]" && python -m pytest -q' in top
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci and "ruff check" in ci
