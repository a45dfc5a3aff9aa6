"""Column labels (plain English and Chinese), read from the column catalogue.

Machine formats always use the canonical snake_case names. People's outputs (xlsx, html,
Markdown, the terminal) show labels instead, in the language asked: `label("final_score",
"en")` is "Final score", `label("final_score", "zh")` 综合得分. Each column's labels are
declared once, with its type, kind and meaning, in `salescli.rules.columns`; a header no rule
declared stops the output (`header`). A cell holding a code (a summary's figure
`amount_last_year`, training needs `churn_rate, expense_ratio`, honours `sales_champion`) is
shown the same way in a column of salescli's words (`salescli.output.cells.cell_text`).
"""

from __future__ import annotations

from salescli.rules.columns import CATALOGUE, PER_COMPETITOR, Kind, UndeclaredColumn
from salescli.schema import TABLES

__all__ = ["Kind", "declared_kind", "english", "header", "is_code", "known_name", "label", "phrase"]

# salescli's own words that a cell may hold and that are no column: the scorecard's indicator
# groups, the order change types (order_changes.CHANGE_TYPES), an input table's name
WORDS: dict[str, tuple[str, str]] = {
    "performance": ("Sales performance", "销售业绩"),
    "customer": ("Customer management", "客户管理"),
    "process": ("Sales process", "销售过程"),
    "qualitative": ("Qualitative", "定性评价"),
    "quarters": ("Quarters", "季度"),
    "delivery_date": ("Delivery date", "交期"),
    "product": ("Product", "产品"),
    "order_changes": ("Order changes", "订单变更"),
    "mom": ("Change", "mom"),
    # honours (salescli.rules.appraisal.HONOURS)
    "sales_champion": ("Sales champion", "销售冠军"),
    "sales_star": ("Sales star", "销售明星"),
}

# an input column (an export's header as salescli reads it, named in check's problems) takes
# the Chinese the input schema declares (salescli.schema), the first table's where two differ
INPUT_ZH: dict[str, str] = {}
for _table in TABLES.values():
    for _column in _table.columns.values():
        INPUT_ZH.setdefault(_column.name, _column.zh)


def declared_kind(column: str) -> Kind | None:
    """The catalogue's kind of a canonical column, or None when no rule declares it."""
    declared = CATALOGUE.get(column)
    return declared.kind if declared is not None else None


def label(name: str, lang: str) -> str:
    """A canonical name as people read it: plain English, or Chinese with `lang="zh"`. A name
    that is no column (a word, an input column, the data's own text) is shown as it is known,
    else as it is."""
    if name in CATALOGUE:
        return CATALOGUE[name].label(lang)
    if lang != "zh":
        return english(name)
    if name in WORDS:
        return WORDS[name][1]
    if name in INPUT_ZH:
        return INPUT_ZH[name]
    return _per_competitor(name, lang) or name


def header(column: str, lang: str) -> str:
    """A table's column as its header shows it; a snake_case name no rule declared is an
    error (`UndeclaredColumn`), a name that is data (a month, a class, a competitor) is
    shown as it is."""
    if column in CATALOGUE:
        return CATALOGUE[column].label(lang)
    if is_code(column):
        raise UndeclaredColumn(column)
    return _per_competitor(column, lang) or column


def _per_competitor(name: str, lang: str) -> str | None:
    """A market column named by a competitor: 竞品A_amount "竞品A amount" (竞品A 销售额)."""
    stem, _, measure = name.rpartition("_")
    if not stem or measure not in PER_COMPETITOR or is_code(stem):
        return None
    en, zh = PER_COMPETITOR[measure]
    return (zh if lang == "zh" else en).format(stem)


def english(name: str) -> str:
    """A canonical name in plain English: its declared label, else (a word, an input column)
    spelt out (payment_terms "Payment terms"). A name with capitals or no underscore-word
    form (a competitor, a month label) is returned as it is."""
    if name in CATALOGUE:
        return CATALOGUE[name].label_en
    if name in WORDS:
        return WORDS[name][0]
    competitor = _per_competitor(name, "en")
    if competitor is not None:
        return competitor
    if not is_code(name):
        return name
    words = name.strip("_").replace("_", " ")
    return words[:1].upper() + words[1:]


def is_code(name: str) -> bool:
    """A snake_case name of salescli's (amount, churn_rate), not a value of the data."""
    return (
        bool(name)
        and name.replace("_", "").isascii()
        and name.replace("_", "").isalpha()
        and (name == name.lower())
    )


def known_name(text: str) -> bool:
    """A canonical name a cell may hold as a code (a figure, an indicator, an honour)."""
    return text in CATALOGUE or text in WORDS or text in INPUT_ZH


def phrase(name: str, lang: str) -> str:
    """A name inside a sentence: the label, in English without its leading capital."""
    shown = label(name, lang)
    if lang == "zh" or len(shown) < 2 or shown[1].isupper():
        return shown
    return shown[:1].lower() + shown[1:]
