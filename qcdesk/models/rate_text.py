"""A pass rate as printed next to the 95 % target: the ONE rule every report, table, chart and tile uses.

Why: with plain one-decimal rounding 189 of 199 (94.97 %) printed as 95.0 % beside the verdict
未达到95%的目标（低0.0个百分点）, in a report to the government. The rule:

- one decimal, rounded half up (96.67 % → 96.7 %), as before;
- unless that figure would sit on the target (or on its wrong side) while the rate does not: then
  two decimals, rounded away from the target (94.97 % → 94.97 %, 94.996 % → 94.99 %,
  95.004 % → 95.01 %), more only if two still touch it. A rate below the target never prints as
  the target, one above it never prints as equal;
- the gap in percentage points is the printed figure minus the target, so figure and gap always
  agree (94.97 % → -0.03); it is 0 only for a rate exactly on the target (19 of 20).

The verdict (达到/未达到, red or not) is decided on the rate itself (`meets_target`), which the
printed figure now never contradicts.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

NO_RATE = "—"
_NOISE = Decimal("1e-9")  # binary float noise (0.9504 * 100 = 95.03999…) cut before rounding


def _points(share: float) -> Decimal:
    """A share 0…1 as a percentage, exact to nine decimals."""
    return Decimal(repr(share * 100)).quantize(_NOISE, ROUND_HALF_UP)


def meets_target(rate: float, target: float) -> bool:
    """The verdict: the rate reaches the target (compared as printed, to nine decimals)."""
    return _points(rate) >= _points(target)


def shown_points(rate: float, target: float) -> Decimal:
    """The rate in percent as it is printed (see the module's rule)."""
    value, goal = _points(rate), _points(target)
    shown = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
    places = 1
    while value != goal and (shown == goal or (shown > goal) != (value > goal)) and places < 6:
        places += 1
        step = Decimal(1).scaleb(-places)
        shown = value.quantize(step, ROUND_FLOOR if value < goal else ROUND_CEILING)
    return shown


def sheet_places(rate: float, target: float) -> int:
    """Decimals of a spreadsheet's percent format for `rate` (the cell keeps the exact share):
    Excel and WPS round it half up to that many, so it must not come out on the target or on
    its wrong side while the rate does not. As printed (`shown_points`): 1, 2 for 94.97 %; 3 in
    the rare case where half-up rounding of two would touch it (94.996 %, printed 94.99 %)."""
    value, goal = _points(rate), _points(target)
    places = max(1, -int(shown_points(rate, target).as_tuple().exponent))
    while value != goal and places < 4:
        shown = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if shown != goal and (shown > goal) == (value > goal):
            break
        places += 1
    return places


def rate_figure(rate: float | None, target: float) -> str:
    """The figure without a percent sign (chart labels): 94.97, 96.7; — without a rate."""
    return NO_RATE if rate is None else str(shown_points(rate, target))


def rate_percent(rate: float | None, target: float) -> str:
    """The figure with its percent sign: 94.97%, 96.7%; — without a rate."""
    return NO_RATE if rate is None else f"{shown_points(rate, target)}%"


def gap_points(rate: float, target: float) -> Decimal:
    """Printed figure minus target, in percentage points (negative below the target)."""
    return shown_points(rate, target) - _points(target).normalize()


def rate_gap(rate: float | None, target: float) -> str:
    """The signed gap for a table: +1.7, -0.03, 0 (exactly on the target); — without a rate."""
    if rate is None:
        return NO_RATE
    points = gap_points(rate, target)
    return "0" if points == 0 else f"{points:+}"
