"""Adjustment notices (POLICY.md 3.2.3): one Markdown and one HTML page per rep, from the
jinja2 templates `notice.md.j2` and `notice.html.j2` (a --template-dir is tried first)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2
import pandas as pd

from salescli.i18n import _, render
from salescli.output.markdown import escape
from salescli.output.safe import atomic_write_all, safe_filename, unique_names


def _day(value: object, lang: str) -> str:
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return render(_("not recorded"), lang)
    return pd.Timestamp(value).strftime("%Y-%m-%d")


@cache
def _markdown_environment(user: Path | None) -> jinja2.Environment:
    """Markdown is not HTML: no autoescape, Markdown's own characters escaped instead."""
    from salescli.output.html import environment, template_folders

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in template_folders(user)]),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(environment(user).filters)
    env.globals.update(environment(user).globals)
    env.filters["md"] = lambda value: escape(value, prose=True)
    env.filters["day"] = _day
    return env


def write_notices(
    notices: pd.DataFrame,
    folder: Path,
    lang: str,
    template_dir: Path | None = None,
    protected: set[Path] | None = None,
) -> tuple[list[Path], dict[str, list[str]]]:
    """Write each rep's notice as NAME.md and NAME.html; returns the files and, per rep, its
    two file names."""
    from salescli.output.html import environment

    html_env = environment(template_dir)
    html_env.filters.setdefault("day", _day)
    md_env = _markdown_environment(template_dir)
    reps = list(dict.fromkeys(str(r) for r in notices["rep"]))
    names = unique_names(reps, safe_filename)
    pages_to_write: list[tuple[Path, Callable[[Path], None]]] = []
    files: dict[str, list[str]] = {}
    for rep, name in zip(reps, names, strict=True):
        rows = notices[notices["rep"].astype(str) == rep].to_dict("records")
        context = {"rep": rep, "notices": rows, "lang": lang}
        pages = {
            f"{name}.md": md_env.get_template("notice.md.j2").render(**context),
            f"{name}.html": html_env.get_template("notice.html.j2").render(**context),
        }
        for filename, text in pages.items():
            pages_to_write.append(
                (folder / filename, lambda p, text=text: p.write_text(text, encoding="utf-8"))
            )
        files[rep] = list(pages)
    # one set: every rep's notice, or the old ones
    return atomic_write_all(pages_to_write, protected or set()), files
