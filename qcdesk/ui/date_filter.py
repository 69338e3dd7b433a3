"""The date filters of the visit and rectification lists (ListPage).

The lowest date, 2000-01-01, stands for "any date" (shown as the special value text ListPage
sets). Left alone, Qt opens the calendar popup on the edit's date, so an unset filter opened on
January 2000 and a clerk paged through 27 years to reach this month. The popup opens on the
date set, else (for "to") on the "from" date, else on the current month; "any date" still
means any date until a day is picked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit, QWidget


class DateFilter(QDateEdit):
    """A date edit whose lowest value means "any date"."""

    FLOOR = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None, *, after: DateFilter | None = None,
                 today: Callable[[], QDate] = QDate.currentDate):
        super().__init__(parent)
        self.after = after  # the "from" filter of a "to" filter: its calendar opens there
        self.today = today  # the local date (tests pass their own)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.FLOOR)
        self.setDate(self.FLOOR)
        self.calendarWidget().installEventFilter(self)  # its Show: after Qt synced it to FLOOR

    def iso(self) -> str:
        return "" if self.date() == self.FLOOR else self.date().toString("yyyy-MM-dd")

    def set_iso(self, text: str) -> None:
        day = QDate.fromString(text, "yyyy-MM-dd") if text else self.FLOOR
        self.setDate(day if day.isValid() else self.FLOOR)

    def opening_day(self) -> QDate:
        """Where the calendar opens: the date set, else the "from" date, else today."""
        if self.date() != self.FLOOR:
            return self.date()
        if self.after is not None and self.after.date() != self.FLOOR:
            return self.after.date()
        return self.today()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        calendar = self.calendarWidget()
        if watched is calendar and event.type() == QEvent.Type.Show and self.date() == self.FLOOR:
            day = self.opening_day()
            calendar.setCurrentPage(day.year(), day.month())
        return super().eventFilter(watched, event)
