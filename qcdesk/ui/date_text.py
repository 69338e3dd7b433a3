"""Reading a date field's text (date_field.py): which date an entry names, and why one is no date.

An entry that names no real date is never turned into another one. The field's validator refused
the keystroke that made a date impossible, and what was left was another real date taken without
a word (2026-11-31 typed gave 2026-11-03, 2026-13-01 gave 2026-01-01); a pasted entry that was no
date was refused whole and the old date stayed, again without a word. Now such an entry stands as
typed, and the field judges it when it is left (a note saying which part is wrong, the save refused).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QDate

from qcdesk.models.codes import half_width
from qcdesk.models.date_words import day_parts  # the core's reading: the CLI reads dates the same way

# What a date is typed with: a keystroke of anything else is refused (a letter, ٢ of another script)
_DATE_CHARS = re.compile(r"[0-9\s\-/.:。年月日号]*")


def parse_day(text: str) -> QDate | None:
    """The date a complete entry names (2026-10-15, 2026-1-5, 20261015, 2026/10/15, 2026.10.15,
    2026年10月15日, full-width digits, 2026-10-15 10:30), else None."""
    parts = day_parts(text)
    day = QDate(*parts) if parts is not None else None
    return day if day is not None and day.isValid() else None


def impossible(text: str) -> str:
    """Which part of an entry shaped as a whole date is wrong (月份应在1至12之间, 11月没有31日),
    '' for an entry that is a date or not shaped as one."""
    parts = day_parts(text)
    if parts is None or QDate(*parts).isValid():
        return ""
    year, month, day = parts
    if not QDate(year, 1, 1).isValid():  # year 0000: told as an entry that is no whole date
        return ""
    if not 1 <= month <= 12:
        return QCoreApplication.translate(
            "DateText", "there is no month %1: the month must be 1–12").replace("%1", str(month))
    days = QDate(year, month, 1).daysInMonth()
    return QCoreApplication.translate("DateText", "month %2 of %1 has no day %3: it has only %4 days") \
        .replace("%1", str(year)).replace("%2", str(month)).replace("%3", str(day)).replace("%4", str(days))


def _inserted(before: str, text: str) -> str:
    """What one change put in: `text` less the start and the end it shares with `before`."""
    start = 0
    while start < min(len(before), len(text)) and before[start] == text[start]:
        start += 1
    end = 0
    while end < min(len(before), len(text)) - start and before[-1 - end] == text[-1 - end]:
        end += 1
    return text[start:len(text) - end]


def may_stand(before: str, text: str) -> bool:
    """May `text` stand in the field, to be judged when it is left? Only what the change put in is
    judged: a keystroke of what dates are typed with (digits, signs, 年月日, a time), anything put
    in at once (a paste, a word from the input method: refusing it kept the old date without a
    word), and any deletion. Judging the whole text refused every Backspace and digit in a pasted
    2026年11月3日星期二, so its weekday could not be taken off."""
    inserted = _inserted(before, text)
    return len(inserted) != 1 or _DATE_CHARS.fullmatch(half_width(inserted)) is not None
