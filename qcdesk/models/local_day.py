"""Today on this computer's calendar: the one place the app reads it.

Why one function: deadlines, overdue orders, this quarter's pass rate, warnings, risk classes
and document dates all count from today. Read in one place, a test that needs a fixed day (a demo
built for the middle of a quarter, New Year's Eve) sets it here once and every list, tile, query
and document agrees; read in thirty modules, a test pinned some and the rest kept the real
calendar, so the dashboard's tests failed in the first weeks of every quarter.
"""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The local date."""
    return date.today()
