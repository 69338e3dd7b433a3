"""An optional date typed as text, with a calendar: the editors' 生产日期, 复检日期, licence dates.

A line edit and not a QDateEdit: QDateEdit knows no empty date, and the stand-in for one (its
minimum date shown as '—' by setSpecialValueText) broke every keyboard path through the field.
Tab was swallowed by its section handling (no field after it could be reached), typed digits were
appended to the '—' and lost, Up jumped to 1901 and the calendar opened on January 1900.
Here empty is simply no text; Tab always goes to the next field; the date is typed in one go
(2026-10-15, 20261015, 2026/10/15, 2026.10.15 or 2026年10月15日, in full-width digits too, as an
input method in full-width mode types them); Up/Down step the year, month or day under the cursor
(today when empty); Alt+Down or F4 open the calendar.
A date is corrected in place as in any text (select the year and type over it, Backspace over
the month): every keystroke is taken (and a paste: 2026-11-03 10:30 from Excel is 3 November),
and the entry is judged when the typist leaves the field or presses Enter (date_text.py): an
impossible date (2026-11-31) stands as typed until then, never turned into another real date.
An entry that is no date then goes back to the date the field held, and the field says so (a
note under it naming the wrong part, a red frame until it is typed in again): a clerk
who thinks the typo fixed must not save the old date unawares: the entry is remembered
(unfinished()) until the field is typed in or set again, and an editor refuses to save while a
field holds one (refuse_unfinished): the typed text comes back into the field, the cursor in it,
the message at the field, nothing saved.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QValidator,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolTip,
    QWidget,
)

from qcdesk.models.date_words import plain
from qcdesk.ui import colours
from qcdesk.ui.date_text import impossible, may_stand, parse_day
from qcdesk.ui.field_message import FieldBox, MessageLabel

ISO = "yyyy-MM-dd"
EARLIEST, LATEST = QDate(1900, 1, 1), QDate(2099, 12, 31)  # the core's range (validation.py)
NOTICE_COLOUR = "#c62828"  # forms.ERROR_COLOUR (forms imports this module)
NOTICE_MS = 8000  # how long the note under the field stays (the red frame stays until edited)


class DateTextValidator(QValidator):
    """Takes a date (Acceptable) and anything on the way to one or typed as one (Intermediate:
    2-10-15 while the year is typed over, 2026-11-31, a pasted 31/11/2026), judged when the field
    is left; refuses only a keystroke no date is typed with (a letter). It refused the keystroke
    that made a date impossible, and the rest was another real date (2026-11-31 gave 2026-11-03)."""

    def __init__(self, parent: QLineEdit):
        super().__init__(parent)
        self._before = parent.text()
        parent.textChanged.connect(self._seen)

    def _seen(self, text: str) -> None:
        self._before = text

    def validate(self, text: str, pos: int) -> QValidator.State:
        entry = plain(text)
        if not entry or parse_day(entry) is not None:
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate if may_stand(self._before, text) else QValidator.State.Invalid


class OptionalDateEdit(QLineEdit):
    """A date that may be left empty (shown as '—'); Delete empties it.

    The API callers use is kept from the QDateEdit it replaces: value()/setValue() with ISO text
    or None, date()/setDate() with a QDate (invalid when empty), dateChanged."""

    dateChanged = Signal(QDate)
    # The value follows the text as soon as it names a date (an editor's form reads it at any
    # time); False: only Enter, leaving the field, the calendar, Up/Down or Delete change it
    # (a list filter, which re-reads the list on each change).
    live = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._day: QDate | None = None
        self._kept: QDate | None = None  # the date before this round of typing
        self._notice = ""  # why the last entry was not taken; shown until the field is typed in
        self._refused: str | None = None  # that entry ('' = emptied, a required field), until the
        # field is typed in or set: no save while it stands
        self._line: QLabel | None = None  # the form's message line while it shows a refused save
        self._note: QLabel | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTICE_MS)
        self._note_timer.timeout.connect(self._hide_note)
        self._calendar: QCalendarWidget | None = None
        self.setPlaceholderText("—")
        self.setValidator(DateTextValidator(self))
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        icon = colours.icon_for_palette(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self._retranslate()
        self.calendar_action.triggered.connect(self.show_calendar)
        self.textChanged.connect(self._sync)
        self.textEdited.connect(lambda _text: self._tell(""))
        self.editingFinished.connect(self._tidy)

    # -- the value ------------------------------------------------------------------------
    def value(self) -> str | None:
        """The date as ISO text, None when empty; half-typed text counts as the date held before."""
        return self._day.toString(ISO) if self._day is not None else None

    def setValue(self, iso: str | None) -> None:
        day = QDate.fromString(iso or "", ISO)
        self._tell("")
        self.setText(day.toString(ISO) if day.isValid() else "")
        self._take(day if day.isValid() else None)

    def date(self) -> QDate:
        return QDate(self._day) if self._day is not None else QDate()

    def setDate(self, day: QDate) -> None:
        self.setValue(day.toString(ISO) if day.isValid() else None)

    def _typed(self) -> tuple[bool, QDate | None]:
        """Whether the text is a whole entry (a date, or empty), and its date."""
        text = self.text().strip()
        day = None if not text else parse_day(text)
        return (not text or day is not None), day

    def _take(self, day: QDate | None) -> None:
        self._kept = day
        self._set_day(day)

    def _set_day(self, day: QDate | None) -> None:
        if day != self._day:
            self._day = day
            self.dateChanged.emit(self.date())

    def _sync(self, *_args: object) -> None:
        """A live field's value follows the text: its date when whole, else the date held before
        (not a date passed on the way, 2026-1-15 while the month 10 becomes 12)."""
        if self.live:
            whole, day = self._typed()
            self._set_day(day if whole else self._kept)

    def _tidy(self) -> None:
        """Typing is over: a whole entry is taken and shown as stored (20261015 becomes
        2026-10-15); anything else goes back to the date held before, and the field says so."""
        whole, day = self._typed()
        typed = self.text().strip()
        if whole:
            self._take(day)
        else:
            self._set_day(self._kept)
        shown = self._day.toString(ISO) if self._day is not None else ""
        if self.text() != shown:
            self.setText(shown)
        if not whole:
            self._tell(self.not_a_date(typed, shown))
            self._refused = typed

    def not_a_date(self, typed: str, kept: str) -> str:
        """What the field says when the entry was no date: what was typed (and which part of a date
        that cannot be is wrong: 11月没有31日), what is kept, what to do."""
        wrong = impossible(typed)
        if wrong:
            return (self.tr("“%1” is no real date: %2. The field keeps %3. Check the date and type it "
                            "again, e.g. 2026-10-15.") if kept else
                    self.tr("“%1” is no real date: %2. The field stays empty. Check the date and type "
                            "it again, e.g. 2026-10-15.")).replace("%1", typed).replace("%2", wrong) \
                .replace("%3", kept)
        if kept:
            return self.tr("“%1” is not a whole date, so the field keeps %2. Type the date in full, "
                           "e.g. 2026-10-15.").replace("%1", typed).replace("%2", kept)
        return self.tr("“%1” is not a whole date, so the field stays empty. Type the date in full, "
                       "e.g. 2026-10-15.").replace("%1", typed)

    def not_saved(self, typed: str) -> str:
        """What the field says when a save was refused for its entry."""
        wrong = impossible(typed)
        if wrong:
            return self.tr("“%1” is no real date: %2, so nothing was saved. Type the right date, e.g. "
                           "2026-10-15 (or empty the field), then save again.").replace("%1", typed) \
                .replace("%2", wrong)
        return self.tr("“%1” is not a whole date, so nothing was saved. Type the date in full, "
                       "e.g. 2026-10-15 (or empty the field), then save again.").replace("%1", typed)

    # -- a save while an entry is no date ----------------------------------------------------
    def unfinished(self) -> str | None:
        """The entry that is not a whole date: the text in the field, or the entry sent back to the
        date held when the field was left and not typed over since; None when there is none ('' is
        one: a required date emptied, RequiredDateEdit)."""
        if self.isReadOnly() or not self.isEnabled():
            return None
        whole, _day = self._typed()
        return self._refused if whole else self.text().strip()

    def refuse_save(self) -> None:
        """A save was refused for this entry: the typed text back in the field for correction, the
        cursor at its end, the message at the field (the form's message line under it, else the
        note) until the field is typed in or set again."""
        typed = self.unfinished() or ""
        reveal(self)
        self.setText(typed)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.end(False)
        box = self.parentWidget()
        lines = box.findChildren(MessageLabel, options=Qt.FindChildOption.FindDirectChildrenOnly) \
            if isinstance(box, FieldBox) and box.field is self else []
        message = self.not_saved(typed)
        self._tell(message, stay=not lines)
        if lines:
            self._hide_note()
            self._line = lines[0]
            self._line.setText(message)
            self._line.setStyleSheet(colours.text_css(NOTICE_COLOUR))
            self._line.setVisible(True)
        self._refused = typed

    # -- the note on an entry that was no date -----------------------------------------------
    def notice(self) -> str:
        """Why the last entry was not taken ('' once the field is typed in or set again)."""
        return self._notice

    def note(self) -> QLabel | None:
        """The note shown under the field for a while (None until the first one)."""
        return self._note

    def _tell(self, text: str, *, stay: bool = False) -> None:
        """Show (or with '' take away) the note and the red frame; a note that stays is not timed."""
        if self._line is not None and text != self._line.text():
            self._line.clear()
            self._line.setVisible(False)
            self._line = None
        if not text:
            self._refused = None
        if text == self._notice and (not text or (self._note is not None and self._note.isVisible())):
            return
        self._notice = text
        self.setAccessibleDescription(text)
        self.update()
        if not text:
            self._hide_note()
            return
        if self._note is None:
            self._note = QLabel(self, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
            self._note.setObjectName("dateNotice")
            self._note.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            self._note.setWordWrap(True)
            self._note.setStyleSheet(f"QLabel {{ color: {NOTICE_COLOUR}; background: #fdecea; "
                                     f"border: 1px solid {NOTICE_COLOUR}; padding: 3px; }}")
        self._note.setText(text)
        self._note.setFixedWidth(max(self.width(), 320))
        self._note.adjustSize()
        self._note.move(self.mapToGlobal(QPoint(0, self.height())))
        if self.isVisible():
            self._note.show()
            if stay:
                self._note_timer.stop()
            else:
                self._note_timer.start()

    def _hide_note(self) -> None:
        self._note_timer.stop()
        if self._note is not None:
            self._note.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._notice:  # the red frame: stays after the note is gone, until the field is typed in
            painter = QPainter(self)
            painter.setPen(QPen(QColor(colours.readable(NOTICE_COLOUR)), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._notice:
            QToolTip.showText(event.globalPos(), self._notice, self)
            return True
        return super().event(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._hide_note()
        super().hideEvent(event)

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
            whole, _day = self._typed()
            self._tidy()
            if not whole:
                return  # told, not passed on: Enter would also press the dialog's Save
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the strip at the right edge, the calendar button or the frame beside it,
        opens the calendar (as the arrow of a QDateEdit, which reaches the edge)."""
        button = next((w for w in self.calendar_action.associatedObjects()
                       if isinstance(w, QWidget) and w is not self), None)
        if (event.button() == Qt.MouseButton.LeftButton and button is not None and button.isVisible()
                and event.position().x() >= button.geometry().left()):
            self.show_calendar()
            return
        super().mousePressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._tidy()

    def step(self, steps: int) -> None:
        """Up/Down: where the calendar would open when empty (today), else the year, month or day
        the cursor stands in."""
        self._tidy()
        if self._day is None:
            self.setValue(self.opening_day().toString(ISO))
            return
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
        day = self.opening_day()
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

    def opening_day(self) -> QDate:
        """Where the calendar opens: the field's date, else today."""
        return QDate(self._day) if self._day is not None else QDate.currentDate()

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

    def _retranslate(self) -> None:
        # What the button does, not only Qt's name of its key (which read "Alt+下方向" alone).
        self.calendar_action.setToolTip(self.tr("Open calendar (Alt+Down)"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        if event.type() == QEvent.Type.EnabledChange and not self.isEnabled() and self._calendar is not None:
            self._calendar.hide()


def reveal(widget: QWidget) -> None:
    """Bring the tab or stacked page holding `widget` to the front, outermost first."""
    pages: list[tuple[QStackedWidget, QWidget]] = []
    child, parent = widget, widget.parentWidget()
    while parent is not None and not child.isWindow():
        if isinstance(parent, QStackedWidget):
            pages.append((parent, child))
        child, parent = parent, parent.parentWidget()
    for stack, page in reversed(pages):
        stack.setCurrentWidget(page)


def _shown_within(widget: QWidget, root: QWidget) -> bool:
    """Shown when its tab or page is brought up (a section hidden by the form is not)."""
    while widget is not root and widget is not None:
        if widget.isHidden() and not isinstance(widget.parentWidget(), QStackedWidget):
            return False
        widget = widget.parentWidget()
    return True


def refuse_unfinished(root: QWidget) -> bool:
    """Before a save: the first date field under `root` holding an entry that is no whole date (or
    a required date emptied) is told and given the cursor, and True is returned (save nothing).
    Saving the date held before would lose the correction the clerk believes made."""
    for field in root.findChildren(OptionalDateEdit):
        if field.unfinished() is not None and _shown_within(field, root):
            field.refuse_save()
            return True
    return False
