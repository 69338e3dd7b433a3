"""Field checks shared by forms, the roster import and the exchange importer.

A `label` names the field in the message: its Chinese wording, whose English `messages` knows,
or a (zh, en) pair for a field it does not know.
"""

from __future__ import annotations

import re
from datetime import date

from qcdesk.models.messages import Issue, Label


def check_required(issues: list[Issue], field: str, label: Label, value: str | None) -> None:
    if not (value or "").strip():
        issues.append(Issue(field, "required", {"field": label}))


EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2099, 12, 31)


# Dates are stored as typed and compared and sorted as text in SQL, so only this one form will do.
# (`date.fromisoformat` alone is not enough: since Python 3.11 it also reads 20261115 and 2026W47.)
_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_date(issues: list[Issue], field: str, label: Label, value: str | None,
               required: bool = False) -> date | None:
    """Parse a date written exactly YYYY-MM-DD; an empty optional date is fine.

    Other forms (2026/11/15, 20261115, 2026W47…) are refused rather than normalised: callers
    store the text they were given, so a normalised date would not be what gets saved.
    """
    if not value:
        if required:
            issues.append(Issue(field, "required", {"field": label}))
        return None
    if not isinstance(value, str) or not _DATE_FORM.fullmatch(value):
        issues.append(Issue(field, "date.invalid", {"field": label}))
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:  # the right form, but e.g. 2026-02-30
        issues.append(Issue(field, "date.no_such_day", {"field": label, "value": value}))
        return None
    if not EARLIEST_DATE <= day <= LATEST_DATE:  # a typo (0202-…), not a date of this work
        issues.append(Issue(field, "date.range", {"field": label}))
        return None
    return day


def check_choice(issues: list[Issue], field: str, label: Label, value: str, choices) -> None:
    if value not in choices:
        issues.append(Issue(field, "choice.invalid", {"field": label, "value": value}))
