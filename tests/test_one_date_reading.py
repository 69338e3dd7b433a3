"""A date is read the same way wherever a clerk writes it: in a date field or a command's option
(`date_words.read_day`) and in a cell of an imported ledger (`roster_reading.cell_date`). The two
were separate readers: a ledger took 2027 年 5 月 31 日 (spaces, as some systems export it) that
the visit editor's date field refused, and the field took 2027-05-31 10:30 that the ledger
refused, so a date copied between the two was read by one and refused by the other."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.date_words import read_day
from qcdesk.models.roster_reading import NoSuchDay, cell_date

SPELLINGS = [
    "2027-05-31", "2027/5/31", "2027.5.31", "20270531", "2027年5月31日", "2027年5月31号",
    "２０２７－０５－３１", "2027。5。31", "2027-05-31 00:00:00", "2027-05-31 10:30",
    "2027/5/31 8:05:09", "2027 年 5 月 31 日", "2027 - 05 - 31", " 2027/5/31 ", "2027年05月31日。",
]
REFUSED = ["2027-5", "2027年5月", "31/5/2027", "5/31/2027", "2027-05-31 25:00", "二〇二七年五月三十一日",
           "2027-05-31x", ""]
IMPOSSIBLE = ["2027-02-29", "2027 年 2 月 30 日", "2027-13-01", "20270431"]


def _cell(text: str) -> date | None:
    try:
        return cell_date(text)
    except ValueError:
        return None


@pytest.mark.parametrize("text", SPELLINGS)
def test_a_date_is_read_alike_in_a_field_and_in_a_ledger(text: str) -> None:
    assert read_day(text) == date(2027, 5, 31)
    assert cell_date(text) == date(2027, 5, 31)


@pytest.mark.parametrize("text", REFUSED)
def test_what_is_no_whole_date_is_refused_by_both(text: str) -> None:
    assert read_day(text) is None
    assert _cell(text) is None


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_a_day_the_calendar_lacks_is_refused_by_both_and_named_so_in_a_ledger(text: str) -> None:
    assert read_day(text) is None
    with pytest.raises(NoSuchDay):
        cell_date(text)
