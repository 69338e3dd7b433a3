"""The app reads today's date in one place (qcdesk.models.local_day).

Why: the dashboard's tests fixed the day for the day's watch, but the overdue lists and the
queries read date.today() in thirty other modules, so in the first weeks of every quarter the
tests counted two different todays and failed. A module that reads the calendar itself again
brings that back without a test noticing, until the calendar moves on.
"""

from __future__ import annotations

import re
from pathlib import Path

import qcdesk

# date.today(), datetime.date.today(), dt.date.today(), datetime.now().date(), datetime.now(...).date()
READS_TODAY = re.compile(r"\bdate\.today\b|\bnow\([^()]*\)\)?\.date\(\)")


def test_only_local_day_reads_the_calendar() -> None:
    root = Path(qcdesk.__file__).parent
    readers = [f"{path.relative_to(root)}:{number}: {line.strip()}"
               for path in sorted(root.rglob("*.py")) if path.name != "local_day.py"
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if READS_TODAY.search(line) and not line.lstrip().startswith("#")]
    assert readers == [], "read today through qcdesk.models.local_day.today():\n" + "\n".join(readers)


def test_the_pattern_finds_each_way_of_reading_today() -> None:
    for line in ("x = date.today()", "d = datetime.date.today()", "f = date.today",
                 "day = datetime.now().date()", "day = (now or datetime.now()).date()",
                 "day = datetime.now(UTC).date()"):
        assert READS_TODAY.search(line), line
    for line in ("x = local_day.today()", "stamp = datetime.now(UTC).isoformat()", "day = row.date()"):
        assert not READS_TODAY.search(line), line
