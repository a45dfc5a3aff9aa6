"""The message catalogues: which ids the code uses, and the compiled `.mo` the wheel ships.

    python scripts/catalogue.py check     # every id has its Chinese; the .mo is up to date
    python scripts/catalogue.py compile   # salescli/locale/zh/*.po -> LC_MESSAGES/salescli.mo
    python scripts/catalogue.py missing   # the ids without Chinese, as .po entries to fill in

The ids are extracted by Babel from the calls `_("…")` and `n_("…", "…", n)` in `salescli/`
and from `{{ _("…") }}` in `templates/`. Each `.po` file under `salescli/locale/zh/` holds the
Chinese of one part of salescli; an id may be in several only with the same Chinese.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "salescli" / "locale"
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
KEYWORDS = {"_": None, "n_": (1, 2)}
METHODS = [("**.py", "python"), ("**.j2", "jinja2")]
OPTIONS = {"**.j2": {"extensions": "jinja2.ext.do"}}


def used() -> dict[str | tuple[str, str], list[str]]:
    """Every id the code and the templates use, with where (file:line)."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for folder in ("salescli", "templates"):
        for name, line, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHODS, options_map=OPTIONS, keywords=KEYWORDS
        ):
            key = message if isinstance(message, str) else tuple(message[:2])
            found.setdefault(key, []).append(f"{folder}/{name}:{line}")
    return found


def catalogue(lang: str = "zh") -> Catalog:
    """The `.po` files of `lang` as one catalogue; an id given two different translations
    is an error."""
    # a fixed date: the .mo is compiled from the .po files alone, the same in any minute
    merged = Catalog(locale=lang, domain="salescli", creation_date=EPOCH, revision_date=EPOCH)
    for path in sorted((LOCALE / lang).glob("*.po")):
        with path.open("rb") as f:
            for message in read_po(f, locale=lang):
                if not message.id:
                    continue
                held = merged.get(message.id)
                if held is not None and held.string != message.string:
                    sys.exit(f"{path.name}: {message.id!r} translated twice, differently")
                merged[message.id] = message
    return merged


def compiled(lang: str = "zh") -> bytes:
    out = io.BytesIO()
    write_mo(out, catalogue(lang), use_fuzzy=False)
    return out.getvalue()


def mo_path(lang: str = "zh") -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "salescli.mo"


def missing(lang: str = "zh") -> list[str | tuple[str, str]]:
    known = catalogue(lang)
    out = []
    for key in used():
        entry = known.get(key[0] if isinstance(key, tuple) else key)
        text = entry.string if entry is not None else None
        if not text or (isinstance(text, tuple) and not all(text)):
            out.append(key)
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        mo_path().write_bytes(compiled())
        return 0
    if command == "missing":
        pot = Catalog(locale="zh", domain="salescli")
        for key in missing():
            pot.add(key, string=("", "") if isinstance(key, tuple) else "")
        out = io.BytesIO()
        write_po(out, pot, omit_header=True, width=100)
        sys.stdout.write(out.getvalue().decode())
        return 0
    gaps = missing()
    for key in gaps:
        print(f"no Chinese: {key!r}", file=sys.stderr)
    stale = not mo_path().exists() or mo_path().read_bytes() != compiled()
    if stale:
        print(
            "the .mo is not compiled from the .po files: scripts/catalogue.py compile",
            file=sys.stderr,
        )
    return 1 if gaps or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
