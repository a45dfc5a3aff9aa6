"""Printable scorecards: one HTML page per rep (A4) and scorecards.xlsx, one sheet per rep."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from salescli.config import Policy
from salescli.i18n import Msg, _
from salescli.labels import declared_kind, label
from salescli.output.formats import shown
from salescli.output.model import Output, Table
from salescli.output.safe import replace_set, safe_filename, unique_names
from salescli.periods import Period

SUMMARY = [
    "amount",
    "target",
    "attainment",
    "performance_score",
    "customer_score",
    "process_score",
    "quantitative_score",
    "qualitative_score",
    "final_score",
    "grade",
    "bonus",
    "honours",
    "comment",
    "training_needs",
]


def write_scorecards(
    frame: pd.DataFrame,
    period: Period,
    policy: Policy,
    folder: Path,
    lang: str,
    template_dir: Path | None = None,
    workspace: str = "",
    whole: bool = True,
) -> list[Path]:
    """A scorecard per rep of `frame` in `folder`, and scorecards.xlsx with every card.
    Not `whole` (`--rep`): those reps' cards only, the others' and the workbook of every rep
    kept as an earlier run wrote them."""
    from salescli.output.html import render
    from salescli.output.xlsx import write_xlsx
    from salescli.rules.appraisal import ratio_limits
    from salescli.rules.scorecard import scorecard

    limits = ratio_limits(policy)  # a ratio by the bonus floor reads on its side of it
    reps = [str(r) for r in frame["rep"]]
    names = unique_names(reps, safe_filename)
    files: list[tuple[Path, Callable[[Path], None]]] = []
    sheets = []
    for (_index, row), name in zip(frame.iterrows(), names, strict=True):
        card = scorecard(row, policy, period.kind)
        summary = pd.DataFrame(
            {
                "item": [c for c in SUMMARY if c in row],
                "value": [row[c] for c in SUMMARY if c in row],
            }
        )
        page = render(
            "scorecard.html.j2",
            template_dir,
            rep=row["rep"],
            period=period.label,
            workspace=workspace,
            lang=lang,
            card=card,
            summary=summary,
            row=row,
            limits=limits,
            _=_saying(lang),
        )
        files.append(
            (folder / f"{name}.html", lambda p, text=page: p.write_text(text, encoding="utf-8"))
        )
        sheets.append(
            Table(
                str(row["rep"]),
                card,
                f"{row['rep']} {period.label}",
                notes=[
                    _(
                        "{rep}: {figure} = {value}",
                        rep=row["rep"],
                        figure=label(k, lang),
                        value=_shown_figure(v, k, lang, limits.get(k, ())),
                    )
                    for k, v in zip(summary["item"], summary["value"], strict=True)
                    if pd.notna(v)
                ],
                kinds={"value": "row", "goal": "row", "score": "points"},
                row_key="indicator",
                limits=limits,
            )
        )
    book = Output(
        _("Scorecards {period}", period=period.label),
        sheets,
        period=period,
        workspace=workspace,
    )
    if whole:
        files.append((folder / "scorecards.xlsx", lambda p: write_xlsx(p, book, lang)))
    return replace_set(files, folder, "scorecards", whole)  # all the cards, or the old ones


def _saying(lang: str) -> Callable[..., str]:
    """The template's `_("…", name=value)`: the message with its values, in the card's `lang`
    (the ids are extracted from the template like the code's)."""

    def say(id: str, **params: object) -> str:
        return Msg(id, params).render(lang)

    return say


def _shown_figure(value: object, figure: str, lang: str, beside: tuple[float, ...] = ()) -> str:
    from salescli.output.cells import cell_text

    kind = declared_kind(figure)
    text = shown(value, "text" if kind in (None, "row") else kind, lang, beside)
    return cell_text(text, lang, figure)
