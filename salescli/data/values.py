"""Vectorised parsers for the values real exports hold, each returning (parsed, bad mask).

Numbers: thousands separators, ¥ ￥ 元 RMB, full-width digits, `(500)` and `500-` (SAP)
negatives, `12%`.
Dates: Excel serials, ISO and Chinese forms (`2024年5月3日`), `2024/5/3`, `2024.5.3`, the month
in English (`May 3, 2024`, `03-May-2024`), with a time and with an offset (reduced to the local
date in the policy's time zone); 民國 (Taiwan) dates `113/05/03`, `民國113年5月3日`.
Units a header names (`目标(万元)`, `实付金额(分)`, `Revenue ($000)`): `header_unit`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20000, 80000)  # 1954 .. 2119: anything else is not a plausible order date

# the dates pandas holds (nanoseconds); anything outside goes to the careful parser and is bad
LOWEST = pd.Timestamp("1678-01-01").to_pydatetime()
HIGHEST = pd.Timestamp("2261-12-31").to_pydatetime()
_CURRENCY = r"(?i)[¥$€]|rmb|cny|元|人民币"
_DATE = (
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    # the day's weekday after it, as 企业微信's 打卡 export writes it: 2024/05/06 星期一
    r"(?:\s*[(（]?(?:星期|周|礼拜)(?P<wd>[一二三四五六日天])[)）]?)?"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?\s*"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_COMPACT_DATE = r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"
# the month written in English: `May 3, 2024 10:15:22 AM` (Magento's grid export, US
# locales), `3 May 2024`, `03-May-2024` (Oracle, NetSuite); the day and month cannot be mixed up
_NAMED_MONTH = (
    r"^(?:(?P<ma>[A-Za-z]{3,9})\.?\s+(?P<da>\d{1,2}),?\s+(?P<ya>\d{4})"
    r"|(?P<db>\d{1,2})(?P<sep>[\s-])(?P<mb>[A-Za-z]{3,9})\.?(?P=sep)(?P<yb>\d{4}))"
    r"(?:,?[ T]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)?$"
)
_MONTHS = {
    name: str(number)
    for number, full in enumerate(
        [
            *("january", "february", "march", "april", "may", "june", "july", "august"),
            *("september", "october", "november", "december"),
        ],
        start=1,
    )
    for name in (full, full[:3], *(["sept"] if full == "september" else []))
}
# 5/3/2024 (US: month first), 03.05.2024 (SAP, Europe: day first); the file says which
_DAY_MONTH = (
    r"^(?P<a>\d{1,2})\s*(?P<sep>[-/.])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?)?$"
)
# 民國 (ROC, Taiwan) dates: the year counts from 1912 (民國1年), so 113/05/03 is 2024-05-03. A
# date with the era written (民國113年5月3日) or a three-digit year (113/05/03, 113.05.03,
# 113年5月3日) is one; with `date_format = "ROC"` also a one- or two-digit year (99/12/31) and
# the compact 1130503 that some Taiwanese systems write.
ROC_OFFSET = 1911
_ROC_DATE = (
    r"^(?P<era>民[國国]\s*)?(?P<y>\d{1,3})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
    r"\s*日?(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?\s*$"
)
_ROC_COMPACT = r"^(?P<y>\d{2,3})(?P<m>\d{2})(?P<d>\d{2})$"
# What a cell is trimmed of: Python's whitespace but the ASCII separators \x1c-\x1f, which Arrow
# keeps in an ASCII column; a cell holding one is a value to report, on every reading path.
WHITESPACE = "".join(
    c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\x1c\x1d\x1e\x1f"
)


def as_text(values: pd.Series) -> pd.Series:
    """Cells as pandas strings; Arrow-backed text from the readers is used as it is, and typed
    columns (Parquet) become the text a spreadsheet shows: `12` not `12.0`, ISO dates."""
    dtype = values.dtype
    if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
        return values
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return values.dt.strftime("%Y-%m-%d %H:%M:%S").astype("str")
    if pd.api.types.is_bool_dtype(dtype):
        return values.map({True: "TRUE", False: "FALSE"}).astype("str")
    if pd.api.types.is_float_dtype(dtype):
        whole = values.notna() & (values == values.round()) & (values.abs() < 1e15)
        text = values.astype("str").where(values.notna())
        return text.where(~whole, values.where(whole).round().astype("Int64").astype("str"))
    return values.astype("str").where(values.notna())


def repeated_text(value: str, rows: int) -> pd.api.extensions.ExtensionArray:
    """`value` on `rows` rows as pandas' text, its bytes held once per 65,536 rows (the
    chunks share one array): each line's file and sheet. Written out, a source's label took
    84 MB of a 10M-line month's 1.3M lines; equal to it in every way but its chunks."""
    import pyarrow as pa

    block = pa.array([value] * min(rows, 1 << 16), pa.large_string())
    whole, rest = divmod(rows, len(block)) if len(block) else (0, 0)
    chunks = [block] * whole + ([block.slice(0, rest)] if rest else [])
    text = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' `str`
    return pd.arrays.ArrowStringArray(pa.chunked_array(chunks, pa.large_string()), dtype=text)


def _arrow_text(values: pd.Series) -> pa.Array | None:
    """The Arrow array behind a text column, without copying; None for other columns."""
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        import pyarrow as pa

        return pa.array(values.array)
    return None


def _cast_all(values: pd.Series, to: str) -> pa.Array | None:
    """Arrow's cast of a whole text column, or None when any cell needs the careful parsers
    below (a blank, a space, a currency sign, a Chinese date, anything odd)."""
    text = _arrow_text(values)
    if text is None:
        return None
    import pyarrow as pa

    try:
        return text.cast(to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _no_bad(values: pd.Series) -> pd.Series:
    return pd.Series(False, index=values.index)


# the quote a spreadsheet-safe writer puts before text a spreadsheet would run as a formula
# (salescli's own CSV: output.safe.neutralise, as OWASP advises), read off again
_DEFUSED = r"^'([=+\-@\t\r])"


def clean_text(values: pd.Series) -> pd.Series:
    """Strip surrounding spaces (including full-width ones); blanks become missing; a cell
    defused as a formula (`'=…`, `'@…`) reads as the text it defused, so a targets file
    split-targets wrote reads back with its reps' names as they are."""
    arrow = _arrow_text(values)
    if arrow is not None:  # one pass in Arrow, no copy back and forth
        import pyarrow as pa
        import pyarrow.compute as pc

        ascii_only = pc.all(pc.string_is_ascii(arrow)).as_py() is not False
        if ascii_only:
            text = pc.ascii_trim_whitespace(arrow)
        else:
            text = pc.utf8_trim(arrow, characters=WHITESPACE)
        if pc.all(pc.equal(pc.binary_length(text), pc.binary_length(arrow))).as_py() is not False:
            text = arrow  # nothing was trimmed: the column as read, not a copy of it
        if pc.any(pc.starts_with(text, "'")).as_py():
            text = pc.replace_substring_regex(text, _DEFUSED, r"\1")
        empty = pc.equal(text, "")
        if pc.any(empty).as_py():
            text = pc.if_else(empty, pa.scalar(None, text.type), text)
        return pd.Series(text, dtype=values.dtype, index=values.index)
    text = as_text(values).str.strip(WHITESPACE).str.replace(_DEFUSED, r"\1", regex=True)
    return text.mask(text == "")


def fold_width(text: pd.Series) -> pd.Series:
    """Full-width digits, letters and signs (１２３, ￥) become half-width; ASCII is left as is."""
    if text.str.isascii().fillna(True).all():
        return text
    return text.str.normalize("NFKC")


def parse_id(values: pd.Series, clean: bool = False) -> pd.Series:
    """Ids stay text (leading zeros kept); full-width digits and letters become half-width; the
    apostrophe Excel is told to keep a cell text by (`'00123`, as some ERPs write their ids into
    a CSV) is read off, so the id is the 00123 Excel shows and the other exports write.
    `clean`: the values are already stripped and blanks missing (see clean_text)."""
    text = values if clean else clean_text(values)
    folded = fold_width(text)
    folded = folded if folded is text else clean_text(folded)
    marked = folded.str.startswith("'")
    if not marked.fillna(False).any():
        return folded
    return clean_text(folded.str.replace(r"^'", "", regex=True))


# the spaces a roster pads a two-character name with to the width of three (张　伟): between
# a two-character Chinese name padded to three (张　伟, as rosters align names): the space is no
# part of it (Li Na's is); two names apart (张三 李四) are two reps, told apart by integrity
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_HAN_GAP = rf"^\s*({_HAN})\s+({_HAN})\s*$"


def fold_names(names: pd.Series) -> pd.Series:
    """Reps as every table reads them: as parse_id reads an id, width folded (NFKC: Ａｌｉｃｅ
    is Alice) and Excel's text apostrophe read off (`'00123`), and a padded Chinese name
    closed up (张　伟 is 张伟); each distinct name folded once, a million lines name a few
    dozen reps. `names`: cleaned (see clean_text)."""
    codes, uniques = pd.factorize(names)
    distinct = pd.Series(uniques, dtype=names.dtype)
    folded = parse_id(distinct, clean=True)
    folded = folded.str.replace(_HAN_GAP, r"\1\2", regex=True)
    if folded.equals(distinct):
        return names
    taken = folded.to_numpy(dtype=object, na_value=None)[np.where(codes < 0, 0, codes)]
    return pd.Series(taken, index=names.index, dtype=names.dtype).mask(codes < 0)


# The unit a header says its numbers are counted in, at the header's end: 目标(万元), 金额（千元）,
# 收入/万元, 实付金额(分) (WeChat Pay's fen), Revenue ($000), Net Sales (in thousands), Amount (USD
# millions). 元 alone, or a bare currency, is no multiple.
_OPEN, _CLOSE = r"[(（【\[/]\s*(?:单位\s*[:：]\s*)?", r"\s*[)）】\]]?\s*$"
_CN_UNIT = re.compile(
    _OPEN
    + r"(?P<unit>(?:人民币)?(?P<mult>十万|百万|千万|万|千|亿)\s*"
    + r"(?:人民币|美|港|澳|台|日|欧|英镑)?元)(?:人民币)?"
    + r"(?:\s*/\s*[^\s/()（）\[\]【】\d]{1,2})?"  # a price per piece or ton: 单价(万元/台)
    + _CLOSE
)
_FEN_UNIT = re.compile(_OPEN + r"(?:人民币)?分" + _CLOSE)
_EN_UNIT = re.compile(
    r"\(\s*(?:in\s+)?(?:[$€£¥]|usd|eur|gbp|cny|rmb|hkd|aud|cad|nzd)?\s*(?:in\s+)?"
    r"(?:(?P<thousand>thousands?|'?000'?s?|k)|(?P<million>millions?|mn|mm))"
    r"(?:\s+of\s+(?:us\s+)?(?:dollars|euros|pounds|yuan|usd|eur|gbp|cny|rmb))?\s*\)\s*$",
    re.IGNORECASE,
)
_CN_MULTIPLES = {"千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8}
# A count in a multiple of what it counts (数量(千件), 销量/万台, 售电量(万千瓦时), 数量(千)), and
# a price per such a multiple (单价(元/千件)). The 千 of 千克 (kg), 千米, 千瓦(时), 千焦… is the
# unit's own prefix: 数量(千克) is kilograms, not thousands of grams.
_MULTIPLE_OF = (
    r"(?P<mult>十万|百万|千万|万|千|亿)(?![克米瓦焦帕伏卡赫升牛兆字])[\u4e00-\u9fff]{0,4}"
)
_CN_COUNT = re.compile(_OPEN + r"(?P<unit>" + _MULTIPLE_OF + r")" + _CLOSE)
_PER_MULTIPLE = re.compile(
    r"(?P<money>(?:人民币|美|港|澳|台|日|欧|英镑)?元)\s*/\s*(?P<unit>"
    + _MULTIPLE_OF
    + r")"
    + _CLOSE
)


def header_unit(header: str, money: bool) -> tuple[float, str] | None:
    """(factor, unit as written) when `header` says its numbers are a multiple of the plain
    unit; 分 (a hundredth of a yuan) only for a money column, where it cannot be points."""
    text = unicodedata.normalize("NFKC", str(header)).strip()
    per = _PER_MULTIPLE.search(text) if money else None
    if found := _CN_UNIT.search(text):
        if per:  # 单价(万元/千件): 10 yuan a piece
            factor = _CN_MULTIPLES[found["mult"]] / _CN_MULTIPLES[per["mult"]]
            return factor, found["unit"] + "/" + per["unit"]
        return _CN_MULTIPLES[found["mult"]], found["unit"]
    if per:  # 单价(元/千件): a thousandth of it a piece
        return 1 / _CN_MULTIPLES[per["mult"]], per["money"] + "/" + per["unit"]
    if not money and (found := _CN_COUNT.search(text)):
        return _CN_MULTIPLES[found["mult"]], found["unit"]
    if money and (found := _FEN_UNIT.search(text)):
        return 0.01, "分"
    found = _EN_UNIT.search(text)
    if found and (money or str(found["million"]).lower() not in ("mm", "mn")):  # Qty (mm): length
        return (1e3 if found["thousand"] else 1e6), found.group(0).strip("() ")
    return None


# A unit stated on a line of its own above the header, as Chinese reports do beside their title
# (单位：万元, 金额单位：元), or `All amounts in USD thousands`.
_STATED_CN = re.compile(
    r"单位\s*[:：]\s*(?P<unit>(?:人民币)?(?P<mult>十万|百万|千万|万|千|亿)?\s*"
    r"(?:人民币|美|港|澳|台|日|欧|英镑)?元)"
)
_STATED_EN = re.compile(
    r"\bin\s+(?:[A-Z]{3}\s+|[$€£¥]\s*)?(?:(?P<thousand>thousands|'?000s?)|(?P<million>millions))\b",
    re.IGNORECASE,
)

# the unit of a price or a count stated beside the amounts' (单价单位：元；金额单位：万元)
_NOT_THE_AMOUNTS = ("单价", "价格", "数量", "重量", "计量", "计价")
_COUNTED = re.compile(
    r"\b(?:quantit(?:y|ies)|qty|units|volumes?|pieces|pcs|items|headcount|tonnes|tons|weights?)\b",
    re.IGNORECASE,
)


def stated_unit(lines: list[str]) -> tuple[float, str, str] | None:
    """(factor, unit, line) of the first line stating the unit of a report's money; 元 alone is
    a factor of 1 (said, so that no other unit is guessed)."""
    for line in lines:
        text = unicodedata.normalize("NFKC", line)
        for found in _STATED_CN.finditer(text):
            if text[: found.start()].endswith(_NOT_THE_AMOUNTS):  # 单价单位：元 金额单位：万元
                continue
            factor = _CN_MULTIPLES[found["mult"]] if found["mult"] else 1.0
            return factor, found["unit"], line
        for found in _STATED_EN.finditer(text):
            # `Quantities in thousands` gives the unit of the counts of goods, not of the money
            if not _COUNTED.search(re.split(r"[,;.(]", text[: found.start()])[-1]):
                return (1e3 if found["thousand"] else 1e6), found.group(0), line
    return None


def parse_number(values: pd.Series, decimal: str = ".") -> tuple[pd.Series, pd.Series]:
    """Numbers written with `decimal` as the decimal separator (`.`: 1,234.50; `,`: 1.234,50 or
    1 234,50). A separator that does not fit the notation makes the value bad, never dropped:
    `12,5` in a `.` column is not 125."""
    dtype = values.dtype
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        number = values.astype("float64")  # a typed column (Parquet): nothing to parse
        return number, pd.Series(np.isinf(number.to_numpy()), index=values.index)
    cast = _cast_all(values, "float64") if decimal == "." else None
    if cast is not None:
        number = cast.to_numpy(zero_copy_only=False)
        if np.isfinite(number[~np.isnan(number)]).all() and not _spells_nan(values, number):
            return pd.Series(number, index=values.index), _no_bad(values)
    text = clean_text(values)
    # fast path: most cells are plain numbers; only the rest go through the cleaning below
    plain_form = r"^-?\d+(?:\.\d+)?$" if decimal == "." else r"^-?\d+$"
    plain = pd.to_numeric(text.where(text.str.match(plain_form)), errors="coerce")
    plain = plain.astype("float64")
    plain = plain.where(np.isfinite(plain))  # 400 digits: too large, not infinity
    rest = text.notna() & plain.isna()
    if not rest.any():
        return plain, rest
    number, bad = _parse_number_forms(text.where(rest), decimal)
    return plain.fillna(number), bad


def _spells_nan(values: pd.Series, number: np.ndarray) -> bool:
    """Arrow reads the words `nan`/`inf` as numbers; they are not values in an export."""
    return bool(np.isnan(number).sum() != values.isna().sum())


# The digits of a number in each notation, once the currency, sign and percent are taken off:
# thousands grouped by threes (`.` or a space in the `,` notation, `,` or a space in the `.` one).
_DOT_FORM = r"^(?:\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d*\.?\d+(?:[eE][-+]?\d+)?)$"
_COMMA_FORM = r"^(?:\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d*,?\d+)$"
# Values that settle a column's notation, and those that read both ways (`1.234`, `1,234`).
_DECIMAL_COMMA = (
    r"^(?:\d{1,3}(?:[. ]\d{3})*\.\d{3},\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}|\d+,\d{4,}"
    r"|\d{4,},\d+|0,\d+|,\d+|\d{1,3}(?: \d{3})+,\d+)$"
)
_DECIMAL_POINT = (
    r"^(?:\d{1,3}(?:[, ]\d{3})*,\d{3}\.\d+|\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}|\d+\.\d{4,}"
    r"|\d{4,}\.\d+|0\.\d+|\.\d+|\d{1,3}(?: \d{3})+\.\d+|\d*\.?\d+[eE][-+]?\d+)$"
)
_EITHER_POINT = r"^[1-9]\d{0,2}\.\d{3}$"
_EITHER_COMMA = r"^[1-9]\d{0,2},\d{3}$"
_POINT_CURRENCY = r"(?i)[¥$]|rmb|cny|元|人民币"  # the yuan and the dollar: 1,234.50


def _number_body(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(digits and separators, negative, percent) of number texts (already folded)."""
    body = text.str.replace(_CURRENCY, "", regex=True).str.strip(WHITESPACE)
    # SAP's lists write the sign after the number: 500.00-, 1.234,00-
    after = body.str.match(r"^[^-+()]*\d\s*-$")
    body = body.where(~after, body.str.rstrip("-").str.strip(WHITESPACE))
    negative = body.str.match(r"^\(.*\)$") | body.str.match(r"^-.*$") | after
    body = body.str.replace(r"^\((.*)\)$", r"\1", regex=True).str.strip(WHITESPACE)
    body = body.str.lstrip("+-").str.strip(WHITESPACE)
    percent = body.str.endswith("%")
    body = body.str.rstrip("%").str.strip(WHITESPACE)
    return body, negative.fillna(False).astype(bool), percent.fillna(False).astype(bool)


def _parse_number_forms(text: pd.Series, decimal: str = ".") -> tuple[pd.Series, pd.Series]:
    text = fold_width(text)
    present = text.notna()
    body, negative, percent = _number_body(text)
    if decimal == ",":
        digits = body.where(body.str.match(_COMMA_FORM)).str.replace(r"[. ]", "", regex=True)
        digits = digits.str.replace(",", ".", regex=False)
    else:
        digits = body.where(body.str.match(_DOT_FORM)).str.replace(r"[, ]", "", regex=True)
    number = pd.to_numeric(digits, errors="coerce").astype("float64")
    number = number.where(np.isfinite(number))  # `1e400` is not a number, not infinity
    number = number.where(~percent, number / 100)
    number = number.where(~negative, -number)
    bad = present & number.isna()
    return number, bad.fillna(False).astype(bool)


@dataclass
class Notation:
    """What a text column's values say about its decimal separator: a few values that settle
    it each way, and values that read both ways (`1.234`: 1234 or 1.234)."""

    comma: list[str] = field(default_factory=list)
    point: list[str] = field(default_factory=list)
    either: list[str] = field(default_factory=list)

    def decided(self) -> str | None:
        if self.comma and not self.point:
            return ","
        if self.point and not self.comma:
            return "."
        return None


# Over ASCII text: no value can settle a decimal comma unless one matches _COMMA_HINT, and a
# number matching _POINT_HINT settles a decimal point (a value matching it that is not a number
# is reported as such), so a column of `12,345.67` is settled without parsing each value.
_COMMA_HINT = r",\d{1,2}(?:\D|$)|,\d{4}|\.\d{3},|\d\.\d{3}\.|\d{4},|(?:^|\D)0,|(?:^|\D),\d| \d{3},"
_POINT_HINT = r",\d{3}\.\d|\d\.\d{1,2}(?:\D|$)|\.\d{4}|\$|(?i:rmb|cny)"


def _quick_notation(arrow: pa.Array, shown_by_reader: bool) -> Notation | None:
    import pyarrow.compute as pc

    if pc.any(pc.invert(pc.string_is_ascii(arrow))).as_py():
        return None  # full-width digits, no-break spaces: the careful way below
    has_comma = pc.any(pc.match_substring(arrow, ",")).as_py()
    if not has_comma and (
        shown_by_reader or not pc.any(pc.match_substring_regex(arrow, r"\d\.\d{3}")).as_py()
    ):
        return Notation()
    if shown_by_reader or pc.any(pc.match_substring_regex(arrow, _COMMA_HINT)).as_py():
        return None
    point = pc.match_substring_regex(arrow, _POINT_HINT)
    if not pc.any(point).as_py():
        return None
    return Notation(point=[arrow[pc.index(point, True).as_py()].as_py()])


def decimal_notation(values: pd.Series, shown_by_reader: bool = False) -> Notation:
    """The decimal separator a column's values use. `shown_by_reader`: number cells of a
    workbook, which the reader writes as `1.234` whatever the user's locale, so a value
    without a comma settles nothing there; a text cell with one (`1.234,50`, `1,234.50`)
    still does."""
    if not pd.api.types.is_string_dtype(values.dtype) and not pd.api.types.is_object_dtype(
        values.dtype
    ):
        return Notation()  # typed numbers (Parquet)
    arrow = _arrow_text(values)
    if arrow is not None:  # the common cases, settled in a pass or two without a copy
        quick = _quick_notation(arrow, shown_by_reader)
        if quick is not None:
            return quick
    text = clean_text(values).dropna()
    if pd.api.types.is_object_dtype(text.dtype):
        text = text.astype("str")
    distinct = fold_width(pd.Series(text.unique(), dtype=text.dtype))
    body, _, _ = _number_body(distinct)
    point = body.str.match(_DECIMAL_POINT)
    either_point = body.str.match(_EITHER_POINT)
    if shown_by_reader:  # a number cell says nothing of the locale; a text `1,234.50` does
        point &= distinct.str.contains(",", regex=False)
        either_point &= False
    point |= distinct.str.contains(_POINT_CURRENCY)

    def samples(mask: pd.Series) -> list[str]:
        return distinct[mask.fillna(False).astype(bool)].head(3).tolist()

    return Notation(
        comma=samples(body.str.match(_DECIMAL_COMMA)),
        point=samples(point),
        either=samples(either_point | body.str.match(_EITHER_COMMA)),
    )


def day_month_order(values: pd.Series) -> tuple[str | None, list[str]]:
    """Which part comes first in a column's dates like 5/3/2024: DMY or MDY when a part above
    12 settles it, "both" when values disagree, "ambiguous" when none settles it, None when
    the column has no such dates; with up to five such values as samples."""
    present = values.dropna()
    if not len(present):
        return None, []
    # the distinct values only: a million order lines hold a few hundred dates
    unique = fold_width(clean_text(pd.Series(present.unique(), dtype="object"))).dropna()
    unique = pd.Series(unique.unique(), dtype="object")
    parts = unique.str.extract(_DAY_MONTH).dropna(subset=["y"])
    if parts.empty:
        return None, []
    first, second = parts["a"].astype(int), parts["b"].astype(int)
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    samples = unique[parts.index].tolist()
    if day_first and month_first:
        both = [
            *unique[parts.index[(first > 12).to_numpy()]][:2],
            *unique[parts.index[(second > 12).to_numpy()]][:2],
        ]
        return "both", both
    if day_first or month_first:
        settles = first > 12 if day_first else second > 12
        return ("DMY" if day_first else "MDY"), unique[parts.index[settles.to_numpy()]].tolist()[:5]
    return "ambiguous", samples[:5]


def parse_date(
    values: pd.Series, timezone: str = "Asia/Shanghai", order: str | None = None
) -> tuple[pd.Series, pd.Series]:
    """Dates of a column; `order` ("DMY" or "MDY") reads 5/3/2024-like dates, which are bad
    without it; "ROC" reads 民國 dates with a short year too (see `_ROC_DATE`)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):  # a typed column (Parquet)
        stamps = values
        if getattr(values.dtype, "tz", None) is not None:
            stamps = values.dt.tz_convert(timezone).dt.tz_localize(None)
        held = _held(stamps)
        return held.dt.normalize().astype("datetime64[ns]"), stamps.notna() & held.isna()
    cast = _cast_all(values, "timestamp[s]")
    if cast is not None:
        import pyarrow.compute as pc

        low, high = pc.min_max(cast).values()
        if low.as_py() is None or (low.as_py() >= LOWEST and high.as_py() <= HIGHEST):
            days = cast.cast("date32").cast("timestamp[ns]").to_numpy(zero_copy_only=False)
            return pd.Series(days, index=values.index), _no_bad(values)
    text = fold_width(clean_text(values))
    present = text.notna()
    # fast path: the ISO dates and datetimes that Excel cells and most exports give
    iso = text.where(text.str.match(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$"))
    fast = _held(pd.to_datetime(iso.str.slice(0, 10), format="%Y-%m-%d", errors="coerce"))
    rest = present & fast.isna()
    if not rest.any():
        return fast.dt.normalize().astype("datetime64[ns]"), rest
    slow, bad = _parse_date_forms(text.where(rest), timezone, order)
    return fast.fillna(slow).dt.normalize().astype("datetime64[ns]"), bad


def _held(stamps: pd.Series) -> pd.Series:
    """Dates pandas can hold at nanoseconds; `0024-05-03` is a typing error, not year 24."""
    return stamps.where((stamps >= LOWEST) & (stamps <= HIGHEST))


def _parse_date_forms(
    text: pd.Series, timezone: str, order: str | None = None
) -> tuple[pd.Series, pd.Series]:
    present = text.notna()
    parts = text.str.extract(_DATE)
    compact = text.str.extract(_COMPACT_DATE)
    for key in "ymd":
        parts[key] = parts[key].fillna(compact[key])
    named = text.str.extract(_NAMED_MONTH)
    month = named["ma"].fillna(named["mb"]).str.lower().map(_MONTHS)
    parts["y"] = parts["y"].fillna(named["ya"].fillna(named["yb"]))
    parts["m"] = parts["m"].fillna(month)
    parts["d"] = parts["d"].fillna(named["da"].fillna(named["db"]))
    _roc_parts(text, parts, order == "ROC")
    if order in ("DMY", "MDY"):
        written = text.str.extract(_DAY_MONTH)
        day, month = ("a", "b") if order == "DMY" else ("b", "a")
        parts["y"] = parts["y"].fillna(written["y"])
        parts["m"] = parts["m"].fillna(written[month])
        parts["d"] = parts["d"].fillna(written[day])
    numbers = pd.to_numeric(
        text.where(text.str.match(r"^\d+(?:\.\d+)?$") & parts["y"].isna()), errors="coerce"
    )
    serial_ok = numbers.between(*SERIAL_RANGE)
    iso = (
        parts["y"]
        + "-"
        + parts["m"].str.zfill(2)
        + "-"
        + parts["d"].str.zfill(2)
        + " "
        + parts["H"].fillna("0").str.zfill(2)
        + ":"
        + parts["M"].fillna("00")
        + ":"
        + parts["S"].fillna("00")
    )
    stamp = _held(pd.to_datetime(iso, format="%Y-%m-%d %H:%M:%S", errors="coerce"))
    stamp = _to_local(stamp, parts["tz"], timezone)
    serial = EXCEL_EPOCH + pd.to_timedelta(numbers.where(serial_ok).floordiv(1), unit="D")
    result = stamp.fillna(serial).dt.normalize().astype("datetime64[ns]")
    # a weekday that is not the date's own: which of the two was meant, the cell does not say
    weekday = parts["wd"].map(_WEEKDAYS).astype("float64")
    result = result.mask(weekday.notna() & (result.dt.day_of_week != weekday))
    bad = present & result.isna()
    return result, bad.fillna(False).astype(bool)


def _roc_parts(text: pd.Series, parts: pd.DataFrame, setting: bool) -> None:
    """Fill `parts` (year, month, day, time) from the 民國 dates among `text`, the year made
    Gregorian: those with the era written or a three-digit year always, a shorter year and the
    compact form only with `date_format = "ROC"` (99/12/31 could also be 1999)."""
    if not text.str.contains(r"^\s*(?:民|\d{1,3}\D|\d{6,7}$)", na=False).any():
        return  # no cell could be one: the usual case costs one scan
    roc = text.str.extract(_ROC_DATE)
    if setting:
        compact = text.str.extract(_ROC_COMPACT)
        for key in "ymd":
            roc[key] = roc[key].fillna(compact[key])
    year = pd.to_numeric(roc["y"], errors="coerce")
    taken = parts["y"].isna() & year.notna()
    if not setting:
        taken &= roc["era"].notna() | roc["y"].str.len().eq(3)
    if not taken.any():
        return
    roc["y"] = (year + ROC_OFFSET).astype("Int64").astype("string")
    for key in ("y", "m", "d", "H", "M", "S"):
        parts[key] = parts[key].astype("object").where(~taken, roc[key])


def _to_local(stamp: pd.Series, offsets: pd.Series, timezone: str) -> pd.Series:
    has_offset = offsets.notna()
    if not has_offset.any():
        return stamp
    text = offsets.where(offsets != "Z", "+00:00").str.replace(":", "", regex=False)
    sign = text.str[0].map({"+": 1, "-": -1})
    minutes = sign * (pd.to_numeric(text.str[1:3]) * 60 + pd.to_numeric(text.str[3:5]))
    utc = (stamp - pd.to_timedelta(minutes, unit="min")).dt.tz_localize("UTC")
    local = utc.dt.tz_convert(timezone).dt.tz_localize(None)
    return stamp.where(~has_offset, local)


def parse_period_label(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Period labels (`2024-05`, `2024年5月`, `2024Q2`, a date) in canonical form."""
    from salescli.periods import period_label

    text = clean_text(values)
    labels = {v: period_label(v) for v in text.dropna().unique()}
    parsed = text.map(labels).astype("string")
    return parsed, (text.notna() & parsed.isna()).fillna(False).astype(bool)
