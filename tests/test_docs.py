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


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_every_python_block_of_the_readme_runs_on_the_demo(monkeypatch) -> None:
    """#24: the README's example raised KeyError: 'by_rep' (the weekly table was `week` in the
    API and `report_week_by_rep` in the database)."""
    blocks = _python_blocks(README)
    assert blocks, "the README has Python examples"
    monkeypatch.chdir(ROOT)  # the examples name examples/demo, as from a fresh clone
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_the_readme_links_the_policy_in_the_repository() -> None:
    assert "../shared/POLICY.md" not in README
    assert "(docs/policy.md)" in README and (ROOT / "docs" / "policy.md").is_file()


def test_every_commands_help_names_its_chapter_of_the_policy() -> None:
    from salescli.cli import app
    from tests.helpers import run

    assert app is not None
    for command in COMMAND_MODULES:
        if command == "cache":
            continue
        result = run(command, "--help")
        assert "docs/policy.md" in " ".join(result.stdout.split()), command


def test_the_policy_document_lists_every_setting_with_its_current_default() -> None:
    """docs/policy.md's settings table is generated from the policy model (a test that fails
    names the command that regenerates it)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import policy_settings

    text = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    assert policy_settings.replaced(text) == text, "run: python scripts/policy_settings.py --write"
    from salescli.config import Policy

    for key, default, _ in policy_settings.rows(Policy()):
        assert f"| `{key}` | `{default.replace('|', '/')}` |" in text, key


def test_the_policy_document_names_each_chapters_module() -> None:
    text = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    for module in re.findall(r"`(salescli/[\w/]+\.py)`", text):
        assert (ROOT / module).is_file(), module
    for chapter, module in (
        ("## 2 ·", "rules/customers.py"),
        ("## 3 ·", "rules/targets.py"),
        ("## 4 ·", "rules/process.py"),
        ("### 4.3", "rules/reports.py"),
        ("## 5 ·", "rules/appraisal.py"),
    ):
        line = next(line for line in text.splitlines() if line.startswith(chapter))
        assert module in line, chapter


def test_the_data_dictionary_means_what_the_rules_compute() -> None:
    """#24: docs/schema.md said expense_ratio was expenses / amount and scores reached 100."""
    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    expense = next(line for line in schema.splitlines() if line.startswith("| expense_ratio |"))
    assert "expense / budget" in expense and "amount" not in expense
    score = next(line for line in schema.splitlines() if line.startswith("| performance_score |"))
    assert "0 to 120" in score and "0-100" not in score
