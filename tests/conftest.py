"""Every test runs with strict column kinds: a numeric column nobody declared a kind for is an
error (salescli/output/model.py), never a silent guess.

Hypothesis profiles. `ci`: derandomised, so every CI run tries the same examples and cannot
flake, and half as many as `dev` (the same fixed examples every run: more of them find nothing
new, and CI has 15 minutes); `dev` (the default on a developer's machine): hypothesis' random
examples; `explore`: ten times the examples, for hunting new failures. HYPOTHESIS_PROFILE
picks one; without it, a set CI variable selects `ci`.

    HYPOTHESIS_PROFILE=explore python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

os.environ["SALESCLI_STRICT_KINDS"] = "1"
DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
SMALL_LINES = 3000

settings.register_profile("ci", derandomize=True, database=None, print_blob=True, max_examples=50)
settings.register_profile("dev")
settings.register_profile("explore", max_examples=1000)


def _profile() -> str:
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return "ci" if in_ci else "dev"


settings.load_profile(_profile())


@pytest.fixture(scope="session")
def small_company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace of a small generated company (#25): `salescli.demo`'s generator at 3,000
    order lines, the demo's seed and the demo's salescli.toml; the same 40 reps, 2023-2024.
    For end-to-end tests that need a whole company but neither the 60,000-line demo's size
    nor its exact figures (those keep examples/demo). Written once per test process; a test
    that changes the workspace copies it first."""
    from salescli import demo

    folder = tmp_path_factory.mktemp("small") / "demo"  # titles name it as the demo's
    demo.write_demo(folder, lines=SMALL_LINES)
    shutil.copy(DEMO / "salescli.toml", folder / "salescli.toml")
    return folder
