"""Field checks shared by forms, the roster import and the exchange importer."""

from __future__ import annotations

from datetime import date

from qcdesk.models.messages import Issue


def check_required(issues: list[Issue], field: str, label: str, value: str | None) -> None:
    if not (value or "").strip():
        issues.append(Issue(field, "required", {"field": label}))


EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2099, 12, 31)


def check_date(issues: list[Issue], field: str, label: str, value: str | None,
               required: bool = False) -> date | None:
    """Parse an ISO date; an empty optional date is fine."""
    if not value:
        if required:
            issues.append(Issue(field, "required", {"field": label}))
        return None
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        issues.append(Issue(field, "date.invalid", {"field": label}))
        return None
    if not EARLIEST_DATE <= day <= LATEST_DATE:  # a typo (0202-…), not a date of this work
        issues.append(Issue(field, "date.range", {"field": label}))
        return None
    return day


def check_choice(issues: list[Issue], field: str, label: str, value: str, choices) -> None:
    if value not in choices:
        issues.append(Issue(field, "choice.invalid", {"field": label, "value": value}))
