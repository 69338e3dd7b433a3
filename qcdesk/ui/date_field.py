"""An optional date typed as text, with a calendar: the editors' 生产日期, 复检日期, licence dates.

A line edit and not a QDateEdit: QDateEdit knows no empty date, and the stand-in for one (its
minimum date shown as '—' by setSpecialValueText) broke every keyboard path through the field.
Tab was swallowed by its section handling (no field after it could be reached), typed digits were
appended to the '—' and lost, Up jumped to 1901 and the calendar opened on January 1900.
Here empty is simply no text; Tab always goes to the next field; the date is typed in one go
(2026-10-15, 20261015, 2026/10/15, 2026.10.15 or 2026年10月15日, in full-width digits too, as an
input method in full-width mode types them); Up/Down step the year, month or day under the cursor
(today when empty); Alt+Down or F4 open the calendar.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLineEdit, QSizePolicy, QStyle, QWidget

from qcdesk.models.codes import half_width

ISO = "yyyy-MM-dd"
EARLIEST, LATEST = QDate(1900, 1, 1), QDate(2099, 12, 31)  # the core's range (validation.py)
# [0-9], not \d: \d also takes digits of other scripts; full-width ones are made ASCII first
_FULL = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|([0-9]{4})([0-9]{2})([0-9]{2})")
_PARTS = re.compile(r"([0-9]{0,4})|([0-9]{4})[-/.]([0-9]{0,2})|([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{0,2})"
                    r"|[0-9]{4}([0-9]{1,3})")
# 2026年10月15日 as a Chinese clerk writes it, and each step of typing it (2026年, 2026年10…);
# 号 as spoken (15号). Read as 2026-10-15.
_CHINESE = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}(?:月(?:[0-9]{1,2}[日号]?)?)?)?")


def plain(text: str) -> str:
    """An entry in the form the patterns read: full-width digits and signs as ASCII (an input
    method in full-width mode types ２０２６－１０－１５), 。 (the . key in Chinese punctuation
    mode) as ., and 2026年10月15日 as 2026-10-15. Anything else is returned as typed."""
    entry = half_width(text).strip().replace("。", ".")
    if _CHINESE.fullmatch(entry):
        entry = entry.replace("年", "-").replace("月", "-").rstrip("日号")
    return entry


def parse_day(text: str) -> QDate | None:
    """The date a complete entry names (2026-10-15, 2026-1-5, 20261015, 2026/10/15, 2026.10.15,
    2026年10月15日, full-width digits), else None."""
    match = _FULL.fullmatch(plain(text))
    if match is None:
        return None
    y, m, d = (g for g in match.groups() if g is not None)
    day = QDate(int(y), int(m), int(d))
    return day if day.isValid() else None


def _month_possible(month: str) -> bool:
    return len(month) < 2 or 1 <= int(month) <= 12


class DateTextValidator(QValidator):
    """Lets through what can still become a date; refuses a keystroke that makes one impossible
    (month 13, 2026-02-30), so the typist sees at once that it went wrong."""

    def validate(self, text: str, pos: int) -> QValidator.State:
        entry = plain(text)
        if not entry or parse_day(entry) is not None:
            return QValidator.State.Acceptable
        match = _PARTS.fullmatch(entry)
        if match is None:
            return QValidator.State.Invalid
        if match.group(3) is not None:  # 2026-1
            return QValidator.State.Intermediate if _month_possible(match.group(3)) \
                else QValidator.State.Invalid
        if match.group(5) is not None:  # 2026-10-3 (a complete one that is no date was refused above)
            day = match.group(6)
            ok = _month_possible(match.group(5)) and int(match.group(5) or 0) > 0 and len(day) < 2
            return QValidator.State.Intermediate if ok else QValidator.State.Invalid
        if match.group(7) is not None:  # 2026 1 / 202610 / 2026103 typed without separators
            rest = match.group(7)
            ok = _month_possible(rest[:2]) and rest[:2] != "00" and (len(rest) < 3 or rest[2] in "0123")
            return QValidator.State.Intermediate if ok else QValidator.State.Invalid
        return QValidator.State.Intermediate


class OptionalDateEdit(QLineEdit):
    """A date that may be left empty (shown as '—'); Delete empties it.

    The API callers use is kept from the QDateEdit it replaces: value()/setValue() with ISO text
    or None, date()/setDate() with a QDate (invalid when empty), dateChanged."""

    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._day: QDate | None = None
        self._calendar: QCalendarWidget | None = None
        self.setPlaceholderText("—")
        self.setValidator(DateTextValidator(self))
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(QKeySequence("Alt+Down").toString(QKeySequence.SequenceFormat.NativeText))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.textChanged.connect(self._sync)
        self.editingFinished.connect(self._tidy)

    # -- the value ------------------------------------------------------------------------
    def value(self) -> str | None:
        """The date as ISO text, None when empty; half-typed text counts as the last whole date."""
        return self._day.toString(ISO) if self._day is not None else None

    def setValue(self, iso: str | None) -> None:
        day = QDate.fromString(iso or "", ISO)
        self.setText(day.toString(ISO) if day.isValid() else "")
        self._sync()

    def date(self) -> QDate:
        return QDate(self._day) if self._day is not None else QDate()

    def setDate(self, day: QDate) -> None:
        self.setValue(day.toString(ISO) if day.isValid() else None)

    def _sync(self, *_args: object) -> None:
        text = self.text().strip()
        day = None if not text else parse_day(text)
        if text and day is None:
            return  # half typed: the last whole date stands until the entry is whole again
        if day != self._day:
            self._day = day
            self.dateChanged.emit(self.date())

    def _tidy(self) -> None:
        """Shown as stored once typing is over: 20261015 becomes 2026-10-15; half-typed text goes
        back to the last whole date (as a QDateEdit does)."""
        shown = self._day.toString(ISO) if self._day is not None else ""
        if self.text() != shown:
            self.setText(shown)

    # -- keyboard -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            self.show_calendar()
            return
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(1 if key == Qt.Key.Key_Up else -1)
            return
        if key == Qt.Key.Key_Delete and not self.hasSelectedText():
            self.setValue(None)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._tidy()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._tidy()

    def step(self, steps: int) -> None:
        """Up/Down: today when empty, else the year, month or day the cursor stands in."""
        if self._day is None:
            self.setValue(QDate.currentDate().toString(ISO))
            return
        self._tidy()
        pos = self.cursorPosition()
        if pos <= 4:
            day = self._day.addYears(steps)
        elif pos <= 7:
            day = self._day.addMonths(steps)
        else:
            day = self._day.addDays(steps)
        self.setValue(day.toString(ISO))
        self.setCursorPosition(pos)

    # -- calendar -------------------------------------------------------------------------
    def calendar(self) -> QCalendarWidget:
        """The popup calendar (made on first use); a child of the field, so a table's editor
        is not closed when the calendar takes the focus."""
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setObjectName("dateFieldCalendar")
            calendar.setDateRange(EARLIEST, LATEST)
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            self._calendar = calendar
        return self._calendar

    def show_calendar(self) -> None:
        """Open on the field's date, or on today's month when it is empty."""
        if self.isReadOnly() or not self.isEnabled():
            return
        calendar = self.calendar()
        day = self._day if self._day is not None else QDate.currentDate()
        calendar.setSelectedDate(day)
        calendar.setCurrentPage(day.year(), day.month())
        calendar.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and below.y() + calendar.height() > screen.bottom():
            below = self.mapToGlobal(QPoint(0, -calendar.height()))
        if screen is not None:
            below.setX(max(screen.left(), min(below.x(), screen.right() - calendar.width())))
        calendar.move(below)
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        if self._calendar is not None:
            self._calendar.hide()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    # -- read-only and size ---------------------------------------------------------------
    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self.calendar_action.setVisible(not read_only)

    def sizeHint(self) -> QSize:
        """As wide as a date and the calendar button, not a line edit's 17 characters."""
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance("0000-00-00") + hint.height() + 16
        hint.setWidth(width)
        return hint

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange and not self.isEnabled() and self._calendar is not None:
            self._calendar.hide()


class RequiredDateEdit(QDateEdit):
    """A date that always holds one (the visit date, an order's date): Tab and Shift+Tab go to the
    next and previous field as everywhere else, not through year, month and day first (three
    presses per date for a typist; the sections are reached with Left/Right, stepped with Up/Down)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
