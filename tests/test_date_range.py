"""A date with a mistyped year (0202, 2206) is refused with a message saying to check the year,
in the editors' validation and in an amendment of a sent visit alike."""

from __future__ import annotations

import pytest

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.validation import check_date


@pytest.mark.parametrize("value", ["0001-01-01", "0202-05-01", "1899-12-31", "2100-01-01"])
def test_years_outside_the_work_are_refused(value: str) -> None:
    issues: list = []
    assert check_date(issues, "visit_date", "检查日期", value) is None
    assert [i.rule for i in issues] == ["date.range"]
    with pytest.raises(ValidationFailed) as info:
        raise ValidationFailed(issues)
    assert "请检查年份" in info.value.text() and "check the year" in info.value.text("en")


@pytest.mark.parametrize("value", ["1900-01-01", "2016-06-27", "2099-12-31"])
def test_dates_of_the_work_pass(value: str) -> None:
    issues: list = []
    assert check_date(issues, "visit_date", "检查日期", value).isoformat() == value
    assert issues == []
