"""How far from today a 双随机 draw may be dated: one rule for `qcdesk draw --date` and the dialog.

Why: the draw date is the day the pool is taken as on (risk classes, the checks of the months
before) and the day its spot checks are planned for. Random checks are planned per quarter or
year, so a county may draw next quarter's list late in this quarter, dated that quarter's first
day (up to 92 days ahead): a date after the end of next quarter belongs to a plan not yet due,
and is almost always a mistyped year (2062 for 2026). Back, a year: a draw held days ago, this
quarter's list drawn late and dated the quarter's first day, or this year's earlier draws entered
when a county starts using QCDesk; older than a year it plans visits no report counts any more,
and is a mistyped year again. A draw already stored is checked with `draw verify`, not re-run.
"""

from __future__ import annotations

from datetime import date, timedelta

from qcdesk.models import local_day
from qcdesk.models.draw_errors import DrawError
from qcdesk.models.risk import months_before


def today() -> date:
    """Today, as the draw rule and `qcdesk draw` count from it. Why one function: tests of a draw
    dated 2026 fix it (tests/conftest.py, draw_today_fixed), else they are refused from late 2027
    on with no code change; the rule's own tests (tests/test_draw_date_rule.py) read the clock."""
    return local_day.today()


def latest_draw_day(today: date) -> date:
    """The last day of the quarter after today's."""
    quarter = (today.month - 1) // 3 + 1  # 1..4
    year, next_quarter = (today.year + 1, 1) if quarter == 4 else (today.year, quarter + 1)
    first_after = date(year + 1, 1, 1) if next_quarter == 4 else date(year, next_quarter * 3 + 1, 1)
    return first_after - timedelta(days=1)


def earliest_draw_day(today: date) -> date:
    """The same day a year before today (29 February: the 28th), as every calendar step counts."""
    return months_before(today, 12)


def check_draw_day(day: date, today: date) -> None:
    """Raise DrawError (draw.date_too_late / draw.date_too_early) for a draw date outside the rule;
    both name the day, today and the nearest day allowed."""
    if day > latest_draw_day(today):
        raise DrawError("draw.date_too_late", day=day.isoformat(), today=today.isoformat(),
                        latest=latest_draw_day(today).isoformat())
    if day < earliest_draw_day(today):
        raise DrawError("draw.date_too_early", day=day.isoformat(), today=today.isoformat(),
                        earliest=earliest_draw_day(today).isoformat())
