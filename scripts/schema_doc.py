"""docs/schema.md from the declarations: the column catalogue (salescli/rules/columns.py) and
the tables of each command (salescli/output/tables.py). The same text as `salescli schema`.

    python scripts/schema_doc.py            # write docs/schema.md
    python scripts/schema_doc.py --check    # exit 1 when docs/schema.md is not what it gives
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salescli.commands.schema import data_dictionary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--path", type=Path, default=ROOT / "docs" / "schema.md")
    args = parser.parse_args(argv)
    text = data_dictionary()
    if args.check:
        if args.path.read_text(encoding="utf-8") != text:
            print(f"{args.path} is stale: run python scripts/schema_doc.py")
            return 1
        return 0
    args.path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
