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

from hypothesis import settings

os.environ["SALESCLI_STRICT_KINDS"] = "1"

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
