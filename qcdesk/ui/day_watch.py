"""A new local day for views that count to "today": the dashboard, the warnings, the 整改跟踪
list (剩余天数, the 已逾期 filter), an enterprise's window (its open orders' days), an order's
dialog (its clock) and the enterprise list (the day's risk class, list_day.py).

Why: a page counts its deadlines, day counts and quarter to the day it was last refreshed, so a
desk left open over midnight kept yesterday's today (31 December, 2026年第四季度) until someone
pressed 刷新. A coarse timer compares the local date once a minute, which also catches a
laptop woken the next morning (a single-shot timer set for midnight would fire late after
sleep), and the page refreshes only when the date really changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from qcdesk.models import local_day

CHECK_MS = 60_000


class DayWatch(QObject):
    """Emits `changed` once each time the local date differs from the one last seen."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, clock: Callable[[], date] | None = None):
        super().__init__(parent)
        self.clock: Callable[[], date] = clock or local_day.today  # the local date; tests set their own
        self.day = self.clock()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # to the second: nothing finer needed
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def today(self) -> date:
        return self.clock()

    def check(self) -> bool:
        """True (and `changed` emitted) when the date moved since the last look."""
        today = self.clock()
        if today == self.day:
            return False
        self.day = today
        self.changed.emit()
        return True
