"""The date filters of the visit and rectification lists (ListPage).

An optional date field (date_field.OptionalDateEdit): empty means "any date", shown by the
placeholder ListPage sets (不限). They were QDateEdits whose lowest date stood for "any date"
as special text, and the keyboard could not use them: Tab never left an unset filter (it went
through the date's sections), typed digits were appended to the special text (不限20261001) and
nothing was filtered, Up jumped to 2001-01-01. Now Tab leaves at once, a date is typed in one go
and filters the list on Enter or on leaving the field (not at each keystroke: each change
re-reads the list), emptying it and leaving lists every date again.

The calendar opens on the date set, else (for "to") on the "from" date, else on the current
month: a clerk filtering December 2026 - January 2027 must not page there from January 2000.
Opening it chooses nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QWidget

from qcdesk.ui.date_field import OptionalDateEdit


class DateFilter(OptionalDateEdit):
    """A list's "from" or "to" date; empty is any date."""

    live = False  # the list is filtered when the typing is over, not at 2026-10-1 on the way

    def __init__(self, parent: QWidget | None = None, *, after: DateFilter | None = None,
                 today: Callable[[], QDate] = QDate.currentDate):
        super().__init__(parent)
        self.after = after  # the "from" filter of a "to" filter: its calendar opens there
        self.today = today  # the local date (tests pass their own)
        self.setPlaceholderText("")  # ListPage sets its "Any date"

    def iso(self) -> str:
        """The date the list is filtered by, '' for any date."""
        return self.value() or ""

    def set_iso(self, text: str) -> None:
        self.setValue(text or None)

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 — QDateEdit's name, kept for callers
        return self.calendar()

    def opening_day(self) -> QDate:
        """Where the calendar opens: the date set, else the "from" date, else today."""
        if self.value() is not None:
            return self.date()
        if self.after is not None and self.after.value() is not None:
            return self.after.date()
        return self.today()
