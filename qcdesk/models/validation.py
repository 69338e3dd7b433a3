"""Field checks shared by forms, the roster import and the exchange importer."""

from __future__ import annotations

from datetime import date

from qcdesk.models.messages import Issue


def check_required(issues: list[Issue], field: str, label: str, value: str | None) -> None:
    if not (value or "").strip():
        issues.append(Issue(field, "required", {"field": label}))


def check_date(issues: list[Issue], field: str, label: str, value: str | None,
               required: bool = False) -> date | None:
    """Parse an ISO date; an empty optional date is fine."""
    if not value:
        if required:
            issues.append(Issue(field, "required", {"field": label}))
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        issues.append(Issue(field, "date.invalid", {"field": label}))
        return None


def check_choice(issues: list[Issue], field: str, label: str, value: str, choices) -> None:
    if value not in choices:
        issues.append(Issue(field, "choice.invalid", {"field": label, "value": value}))
