"""No import cycle among salescli's modules, read from the source with `ast` (nothing imported).

Two graphs. An edge A → B means A's source imports B (`import B`, `from B import x`, or
`from A's package import B` when B is a module; relative imports resolved; imports under
`if TYPE_CHECKING:` are not edges, they never run).

- At import time: the imports that run when a module is loaded (its top level, class bodies,
  module-level if/try). A cycle here is what breaks at import (a name not yet defined in a
  half-loaded module), whichever module is imported first. It must be acyclic for all of
  salescli.
- Counting lazy imports too (those inside functions, salescli's way to keep `--help` fast): a
  lazy import only runs when the function is called, so a cycle through one does not break at
  import time. It still is a hidden cycle: two modules that each need the other, one of them
  hiding it in a function (the old `output/write.py` ↔ `output/html.py` / `terminal.py`, both
  directions lazy). The output layer must have none, lazy or not: its modules form a layered
  graph. Elsewhere lazy edges are left to the commands' own rules (a Typer app that loads
  its commands is a lazy cycle by design: cli → commands.x → cli's state).

Imports by computed name (`importlib.import_module(f"salescli.commands.{name}")` in cli.py)
are invisible to both graphs.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

import salescli

ROOT = Path(salescli.__file__).resolve().parent


def module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package at `root`, by dotted name."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, lazy: bool) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a module: those run at import time, and with `lazy` also
    those inside functions. Never those under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and not lazy:
            return
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path, lazy: bool) -> dict[str, set[str]]:
    """Module → the package's modules it imports (see the module docstring)."""
    known = modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree, lazy):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            graph[name] |= {t for t in targets if t in known and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as [a, b, …, a], or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for successor in sorted(graph.get(node, ())):
            if state.get(successor) == 1:
                return [*path[path.index(successor) :], successor]
            if successor not in state and (cycle := visit(successor)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def within(graph: dict[str, set[str]], prefix: str) -> dict[str, set[str]]:
    """The graph among the modules named `prefix` or under it."""
    inside = {n for n in graph if n == prefix or n.startswith(prefix + ".")}
    return {n: graph[n] & inside for n in inside}


def test_no_import_cycle_at_import_time() -> None:
    graph = import_graph(ROOT, lazy=False)
    assert len(graph) > 50 and graph["salescli.output.write"]  # it did read the package
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


def test_output_layer_has_no_cycle_even_counting_lazy_imports() -> None:
    graph = within(import_graph(ROOT, lazy=True), "salescli.output")
    assert "salescli.output.html" in graph["salescli.output.write"]  # lazy edges are read
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


def test_no_module_of_salescli_is_in_a_cycle_even_counting_lazy_imports() -> None:
    """A lazy import that closes a cycle works only while the other module happens to be
    loaded first (the old rules.reports <-> rules.report_duties, salescli <-> data.cache)."""
    graph = import_graph(ROOT, lazy=True)
    assert "salescli.api" in graph["salescli"]  # the package's lazy API is read
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


def test_the_version_module_says_the_wheels_version() -> None:
    import tomllib

    from salescli.version import __version__

    project = tomllib.loads((ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert __version__ == project["project"]["version"]


def test_every_writer_takes_its_cells_from_the_cells_module() -> None:
    graph = import_graph(ROOT, lazy=True)
    for writer in ("html", "terminal", "markdown", "machine"):
        imported = graph[f"salescli.output.{writer}"]
        assert "salescli.output.cells" in imported
        assert "salescli.output.write" not in imported


# the checker itself, on small packages made here


def package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_lazy_cycle_like_the_old_output_layer_is_found_only_counting_lazy_imports(
    tmp_path: Path,
) -> None:
    # the shape of output/write.py ↔ output/html.py before: each imports the other in a function
    root = package(
        tmp_path,
        {
            "output/__init__.py": "from pkg.output.write import write\n",
            "output/write.py": """
                def write():
                    from pkg.output.html import write_html
                    write_html()

                def display_cells():
                    pass
                """,
            "output/html.py": """
                def write_html():
                    from pkg.output.write import display_cells
                    display_cells()
                """,
        },
    )
    assert find_cycle(import_graph(root, lazy=False)) is None
    cycle = find_cycle(within(import_graph(root, lazy=True), "pkg.output"))
    assert cycle in (
        ["pkg.output.html", "pkg.output.write", "pkg.output.html"],
        ["pkg.output.write", "pkg.output.html", "pkg.output.write"],
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("import pkg.b\n", "from pkg import a\n"),
        ("from . import b\n", "from .a import thing\n"),
        (
            "from .b import thing\n",
            "try:\n    import pkg.a as a\nexcept ImportError:\n    a = None\n",
        ),
        ("from pkg.b import thing\n", "class C:\n    from pkg.a import other\n"),
    ],
)
def test_a_cycle_at_import_time_is_found(tmp_path: Path, a: str, b: str) -> None:
    root = package(tmp_path, {"a.py": a, "b.py": b})
    assert find_cycle(import_graph(root, lazy=False)) in (
        ["pkg.a", "pkg.b", "pkg.a"],
        ["pkg.b", "pkg.a", "pkg.b"],
    )


def test_type_checking_imports_and_names_from_a_package_are_no_cycle(tmp_path: Path) -> None:
    root = package(
        tmp_path,
        {
            "__init__.py": "from pkg.b import B\n",
            "a.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from pkg.b import B
                """,
            "b.py": """
                import typing
                from pkg.a import A
                if typing.TYPE_CHECKING:
                    import pkg
                """,
        },
    )
    graph = import_graph(root, lazy=True)
    assert graph == {"pkg": {"pkg.b"}, "pkg.a": set(), "pkg.b": {"pkg.a"}}
    assert find_cycle(graph) is None
