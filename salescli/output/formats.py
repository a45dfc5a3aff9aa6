"""How a cell of each kind is shown: Excel number formats and the text people read in HTML,
Markdown and the terminal. Machine formats never come here (they keep plain numbers)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from salescli.i18n import _, render
from salescli.labels import Kind
from salescli.rounding import fixed, percent, percent_places
from salescli.rules.columns import FIGURES

EXCEL: dict[str, str] = {
    "money": "#,##0.00",
    "count": "#,##0",
    "quantity": "#,##0",
    "decimal": "#,##0.00",
    "ratio": "0.0%",
    "score": "0.000",
    "points": "0.00",
    "pp": '+0.0" pp";-0.0" pp";0.0" pp"',
    "date": "yyyy-mm-dd",
    "id": "0",
}
# the kinds that are figures (right-aligned, with a number format), as the catalogue has them
NUMERIC: tuple[Kind, ...] = FIGURES


# percentage points, as each language writes them
POINTS = {"en": " pp", "zh": "个百分点"}


def excel_format(
    kind: Kind, value: Any = None, lang: str = "en", beside: tuple[float, ...] = ()
) -> str | None:
    """The number format of a cell; a quantity with decimals keeps two of them; a ratio by
    a limit as many decimals as keep it on its side (59.996 % by a 60 % floor: 0.000%, the
    cell still the number 0.59996), as `shown` writes it."""
    if kind == "quantity" and isinstance(value, float) and not value.is_integer():
        return EXCEL["decimal"]
    if kind == "ratio" and beside and isinstance(value, (int, float)) and not missing(value):
        places = percent_places(float(value), beside)
        return f"0.{'0' * places}%" if places != 1 else EXCEL["ratio"]
    if kind == "pp" and lang in POINTS:
        unit = POINTS[lang]
        return f'+0.0"{unit}";-0.0"{unit}";0.0"{unit}"'
    return EXCEL.get(kind)


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def shown(value: Any, kind: Kind, lang: str = "en", beside: tuple[float, ...] = ()) -> str:
    """A cell as a person reads it: 1,234.50 money, 1,234 counts, 12.3% ratios, 0.783 a
    classification score, 82.35 an appraisal score, -5.5 pp a ratio's change, 2025 a year,
    2024-05-03; rounded as the xlsx cell shows it (salescli.rounding), a ratio on its side
    of each limit `beside` (59.996% by a 60 % floor)."""
    if hasattr(value, "item") and not isinstance(value, (pd.Timestamp, datetime)):
        value = value.item()
    if missing(value):
        return ""
    if isinstance(value, bool):
        return render(_("yes") if value else _("no"), lang)  # salescli's words (cells.po)
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value  # a message (salescli.i18n.Msg) stays one, to be rendered in `lang`
    if not isinstance(value, (int, float)):
        return str(value)
    if kind == "money" or kind == "decimal":
        return fixed(value, 2, ",")
    if kind == "count":
        return fixed(value, 0, ",")
    if kind == "quantity":
        return fixed(value, 0, ",") if float(value).is_integer() else fixed(value, 2, ",")
    if kind == "ratio":
        return percent(value, beside)
    if kind == "score":
        return fixed(value, 3)
    if kind == "points":
        return fixed(value, 2)
    if kind == "pp":
        unit = POINTS.get(lang, POINTS["en"])
        return f"{fixed(value, 1, '+')}{unit}" if value else f"0.0{unit}"
    if kind == "id" and float(value).is_integer():
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
