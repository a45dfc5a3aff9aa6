"""The committed demo workspace is exactly what the deterministic generator writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from salescli.demo import write_demo

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.mark.slow
def test_generator_reproduces_the_committed_demo(tmp_path: Path) -> None:
    written = write_demo(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in DEMO.iterdir() if p.name != "salescli.toml" and not p.name.startswith(".")
    )
    for path in written:
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), path.name


def test_clean_demo_has_no_planted_gaps() -> None:
    from salescli.demo import generate

    company = generate(lines=3_000, clean=True)
    assert (company.customers["legal_representative"] != "").all()
    assert len(company.orders) == 3_000 and company.orders["order_id"].notna().all()
