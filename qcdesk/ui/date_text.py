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

# [0-9], not \d: \d also takes digits of other scripts; full-width ones are made ASCII first
_FULL = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|([0-9]{4})([0-9]{2})([0-9]{2})")
# 2026年10月15日 as a Chinese clerk writes it, and each step of typing it (2026年, 2026年10…);
# 号 as spoken (15号). Read as 2026-10-15.
_CHINESE = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}(?:月(?:[0-9]{1,2}[日号]?)?)?)?")
# A time of day after the date, as Excel copies a date-time cell (2026/11/3 10:30, 2026-11-03
# 00:00:00) or ISO writes it (T10:30): the day is the date; a time that is none leaves no date.
_AT = re.compile(r"(.*[0-9日号])(?:\s+|T)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?")
# What a date is typed with: a keystroke of anything else is refused (a letter, ٢ of another script)
_DATE_CHARS = re.compile(r"[0-9\s\-/.:。年月日号]*")


def _without_time(entry: str) -> str:
    match = _AT.fullmatch(entry)
    if match is None:
        return entry
    hour, minute, second = (int(g or 0) for g in match.group(2, 3, 4))
    return match.group(1).rstrip() if hour < 24 and minute < 60 and second < 60 else entry


def plain(text: str) -> str:
    """An entry in the form the patterns read: full-width digits and signs as ASCII (an input
    method in full-width mode types ２０２６－１０－１５), a closing 。 and a time of day dropped,
    。 (the . key in Chinese punctuation mode) as ., and 2026年10月15日 as 2026-10-15. Anything
    else is returned as typed."""
    entry = _without_time(half_width(text).strip().removesuffix("。")).replace("。", ".")
    if _CHINESE.fullmatch(entry):
        entry = entry.replace("年", "-").replace("月", "-").rstrip("日号")
    return entry


def _parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of an entry shaped as a whole date, real or not."""
    match = _FULL.fullmatch(plain(text))
    if match is None:
        return None
    y, m, d = (int(g) for g in match.groups() if g is not None)
    return y, m, d


def parse_day(text: str) -> QDate | None:
    """The date a complete entry names (2026-10-15, 2026-1-5, 20261015, 2026/10/15, 2026.10.15,
    2026年10月15日, full-width digits, 2026-10-15 10:30), else None."""
    parts = _parts(text)
    day = QDate(*parts) if parts is not None else None
    return day if day is not None and day.isValid() else None


def impossible(text: str) -> str:
    """Which part of an entry shaped as a whole date is wrong (月份应在1–12之间, 11月没有31日),
    '' for an entry that is a date or not shaped as one."""
    parts = _parts(text)
    if parts is None or QDate(*parts).isValid():
        return ""
    year, month, day = parts
    if not QDate(year, 1, 1).isValid():  # year 0000: told as an entry that is no whole date
        return ""
    if not 1 <= month <= 12:
        return QCoreApplication.translate(
            "DateText", "there is no month %1: the month must be 1–12").replace("%1", str(month))
    days = QDate(year, month, 1).daysInMonth()
    return QCoreApplication.translate("DateText", "month %2 of %1 has no day %3: its days are 1–%4") \
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
    """May `text` stand in the field, to be judged when it is left? Anything typed with what dates
    are typed with (digits, signs, 年月日, a time), and anything put in at once (a paste, a word
    from the input method): refusing it kept the old date without a word."""
    return _DATE_CHARS.fullmatch(half_width(text)) is not None or len(_inserted(before, text)) > 1
