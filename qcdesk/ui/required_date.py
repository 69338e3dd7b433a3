"""A date that always holds one: the visit date, an order's date, the dates of an order's actions.

It was a QDateEdit, which put a year half typed over (select 2026, type 202, Tab) silently back to
the old date, and a save then stored the old date while the clerk believed it corrected. Now it is
the optional field's line edit (typed over in place, an unfinished entry told at the field and any
save refused while one is held: date_field.refuse_unfinished), never empty: an emptied field goes
back to the date it held when left, as any other entry that is no date, and counts as an unfinished
entry: Ctrl+S with the field still empty saved the old date silently; now the save is refused at
the field, which says the date is required.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from qcdesk.ui.date_field import ISO, OptionalDateEdit


class RequiredDateEdit(OptionalDateEdit):
    """OptionalDateEdit that is never empty; value() is always an ISO date (today until set)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("")
        self.setDate(QDate.currentDate())

    def setValue(self, iso: str | None) -> None:
        """A date that is none (None, '') leaves the field's date as it is: it never empties."""
        if QDate.fromString(iso or "", ISO).isValid():
            super().setValue(iso)

    def setDate(self, day: QDate | datetime.date) -> None:
        """A QDate or a Python date, as the QDateEdit it replaces took both."""
        if isinstance(day, datetime.date):
            day = QDate(day.year, day.month, day.day)
        super().setDate(day)

    def _typed(self) -> tuple[bool, QDate | None]:
        """Empty is no whole entry here: it goes back to the date held, and a save is refused."""
        text = self.text().strip()
        day = super()._typed()[1] if text else None
        return day is not None, day

    def not_a_date(self, typed: str, kept: str) -> str:
        """An emptied field is told that the date is required, not that “” is no whole date."""
        if typed:
            return super().not_a_date(typed, kept)
        return self.tr("This date is required, so the field keeps %1. Type the date, e.g. 2026-10-15, "
                       "or pick it from the calendar (Alt+Down).").replace("%1", kept)

    def not_saved(self, typed: str) -> str:
        """An emptied field counts as an unfinished entry: the save is refused in words saying why."""
        if typed:
            return super().not_saved(typed)
        return self.tr("This date is required and is empty, so nothing was saved. Type the date, e.g. "
                       "2026-10-15, or pick it from the calendar (Alt+Down), then save again.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not self.hasSelectedText() and not self.isReadOnly():
            return  # Delete empties the optional field; this one keeps its date
        super().keyPressEvent(event)


def shown_date(edit: RequiredDateEdit, usable: bool, stored: str | None) -> None:
    """An action's date field: where the action cannot be taken, the date the record holds
    (greyed), or nothing; never today, which would read as the record's own date."""
    edit.setVisible(usable or bool(stored))
    if not usable and stored:
        edit.setDate(QDate.fromString(stored[:10], "yyyy-MM-dd"))
