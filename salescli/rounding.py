"""How a figure is rounded where a person reads it (Markdown, HTML, the terminal, the
highlights, --explain), so that it reads as the same figure's xlsx cell.

Excel rounds what a cell shows half away from zero on the number's 15 significant digits
(0.8125 in a `0.0%` cell reads 81.3 %, as 四舍五入 and a hand computation give it); Python's
own formatting rounds the binary value half to even (81.2 %). A percentage compared with a
limit (the bonus floor, a sales star's 100 %) keeps the decimals that leave it on its side
of the limit: 59.996 % reads 59.996 %, not 60.0 %, beside a bonus of 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

MORE_PLACES = 10  # at most this many decimals more than the usual, to part a value from a limit


def exact(value: float) -> Decimal:
    """The number as Excel takes it: its 15 significant digits."""
    return Decimal(format(value, ".15g"))


def half_up(value: float | Decimal, places: int) -> Decimal:
    number = value if isinstance(value, Decimal) else exact(value)
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fixed(value: float, places: int, spec: str = "") -> str:
    """`value` with `places` decimals, rounded as Excel shows it; `spec` adds the format's
    sign and thousands marks (`"+"`, `","`)."""
    if not math.isfinite(value):
        return format(value, f"{spec}.{places}f")
    return format(half_up(value, places), f"{spec}.{places}f")


def percent(value: float, beside: Iterable[float] = (), places: int = 1) -> str:
    """A ratio as a percentage (0.8125: 81.3%), on the same side of each limit in `beside`
    as the ratio itself."""
    if not math.isfinite(value):
        return format(value, f".{places}%")
    shown = half_up(exact(value) * 100, percent_places(value, beside, places))
    return f"{shown:f}%"


def percent_places(value: float, beside: Iterable[float] = (), places: int = 1) -> int:
    """The decimals a percentage of `value` is shown with: `places`, or as many more (at most
    MORE_PLACES) as leave it on its side of every limit in `beside` (59.996 % by a 60 %
    floor: 3). The text (`percent`) and an xlsx cell's number format both read it."""
    if not math.isfinite(value):
        return places
    hundredfold = exact(value) * 100
    limits = [(exact(limit) * 100, value < limit) for limit in beside]
    for more in range(MORE_PLACES + 1):
        shown = half_up(hundredfold, places + more)
        if all((shown < limit) == below for limit, below in limits):
            return places + more
    return places + MORE_PLACES


def on_side(value: float, places: int, beside: Iterable[float] = ()) -> float:
    """A ratio as it is published: `places` decimals, half up on its 15 digits (as Excel
    and a hand computation round: 1.0879375 is 1.087938), but never across a limit in
    `beside`: a value below a limit that would round onto it is published as the last
    number of `places` decimals below it (0.5999996 by a 0.6 floor: 0.599999), one at or
    above it that would round below it as the first at or above it. It stays a number:
    its reader compares it with the limit as the rules did."""
    if not math.isfinite(value):
        return value
    number, step = exact(value), Decimal(1).scaleb(-places)
    shown = half_up(number, places)
    for limit in map(exact, beside):
        if number < limit <= shown:
            shown = half_up(limit, places)
            shown = shown - step if shown >= limit else shown
        elif shown < limit <= number:
            shown = half_up(limit, places)
            shown = shown + step if shown < limit else shown
    return float(shown)


def to_cent(value: float) -> float:
    """Money to the cent, half up on its 15 digits (4,999.995 is 5,000.00, as Excel's ROUND
    and a hand computation give it)."""
    return value if not math.isfinite(value) else float(half_up(value, 2))


def as_shown(value: float, places: int) -> float:
    """`value` rounded half up to `places` decimals, for a message whose own format shows that
    many (`{rate:.1%}`: 3): Python's format of it then reads as the xlsx cell."""
    return value if not math.isfinite(value) else float(half_up(value, places))
