"""The layout #14 asks for: commands do not import each other, and the CLI and the package
import without pandas, so `salescli --help` stays fast."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ROOT / "salescli" / "commands"
SHARED = {"common"}  # the one module of salescli/commands/ every command may use
HEAVY = ("pandas", "numpy", "pyarrow", "openpyxl", "xlsxwriter", "fastexcel", "jinja2")


def imported_commands(path: Path) -> set[str]:
    """The modules of salescli/commands/ that `path` imports, anywhere in it (functions too)."""
    package = "salescli.commands"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from .x import y
                base = ".".join([package, base] if base else [package])
            names = [base] if base != package else []
            names += [f"{base}.{alias.name}" for alias in node.names if base == package]
        else:
            continue
        for name in names:
            if name.startswith(package + "."):
                found.add(name.removeprefix(package + ".").split(".")[0])
    return found - {path.stem}


def test_the_import_finder_sees_every_form(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        "import salescli.commands.a\n"
        "from salescli.commands.b import x\n"
        "from salescli.commands import c, common\n"
        "from . import d\n"
        "from .e import y\n"
        "def f():\n    from salescli.commands.g import z\n"
        "import salescli.api\nfrom salescli import options\n",
        encoding="utf-8",
    )
    assert imported_commands(source) == {"a", "b", "c", "common", "d", "e", "g"}


def test_no_command_imports_another_command() -> None:
    modules = sorted(p for p in COMMANDS.glob("*.py") if p.stem != "__init__")
    assert len(modules) > 10  # every command module is looked at
    offenders = {
        p.stem: sorted(imported_commands(p) - SHARED)
        for p in modules
        if imported_commands(p) - SHARED
    }
    assert offenders == {}


def _python(code: str, *options: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *options, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def _loaded(code: str) -> dict:
    """What a fresh interpreter has imported after `code` (its last line prints JSON)."""
    return json.loads(_python(code).stdout.splitlines()[-1])


def test_the_package_and_the_cli_import_without_pandas() -> None:
    shown = _loaded(
        "import json, sys\nimport salescli, salescli.cli\n"
        "print(json.dumps({m: m in sys.modules for m in "
        f"{[*HEAVY, 'salescli.api', 'salescli.data.workspace']!r}}}))"
    )
    assert shown == dict.fromkeys(shown, False) and len(shown) == len(HEAVY) + 2


def test_help_imports_no_heavy_library() -> None:
    shown = _loaded(
        "import json, sys, contextlib, io\n"
        "sys.argv = ['salescli', '--help']\n"
        "from salescli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as text, "
        "contextlib.suppress(SystemExit):\n    main()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{HEAVY!r})\n"
        "print(json.dumps({'help': 'Usage' in text.getvalue(), 'heavy': heavy}))"
    )
    assert shown == {"help": True, "heavy": []}


def test_the_api_is_imported_on_first_use() -> None:
    shown = _loaded(
        "import json, sys\nimport salescli\n"
        "before = 'salescli.api' in sys.modules\n"
        "from salescli import appraise, check, Workspace\n"
        "from salescli.api.appraisal import appraise as real\n"
        "from salescli.data.workspace import Workspace as ws\n"
        "print(json.dumps([before, 'salescli.api' in sys.modules, appraise is real, "
        "Workspace is ws, callable(check)]))"
    )
    assert shown == [False, True, True, True, True]


def test_importing_the_cli_takes_under_three_tenths_of_a_second() -> None:
    """The processor time of `import salescli.cli` in a fresh interpreter (what `salescli
    --help` waits for before it prints): processor time, not the wall clock, so another
    process on the machine does not make it fail; the best of three runs (the first may
    compile the modules)."""
    code = (
        "import time\nstart = time.process_time()\nimport salescli.cli\n"
        "print(time.process_time() - start)"
    )
    took = min(float(_python(code).stdout.split()[-1]) for _ in range(3))
    assert 0 < took < 0.3, f"import salescli.cli took {took:.3f} s of processor time"
