"""The visit and rectification lists' date filters open their calendar where a clerk wants it:
this month, or (for "to") the month of the "from" date; never January 2000, the value that
stands for "any date". Picking nothing leaves the filter at "any date"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from qcdesk.models.listing import RECTIFICATIONS, VISITS
from qcdesk.models.store import Store

TODAY = QDate(2027, 1, 5)


def _open_calendar(qtbot, edit) -> tuple[int, int]:  # noqa: ANN001
    """Click the edit's drop-down arrow, as a clerk does; the month the popup shows."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    shown = calendar.yearShown(), calendar.monthShown()
    calendar.window().hide()
    return shown


@pytest.mark.parametrize("kind", [VISITS, RECTIFICATIONS])
def test_calendars_open_on_this_month_then_on_the_from_date(qtbot, store: Store, kind: str) -> None:  # noqa: ANN001
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, kind)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    for edit in (page.date_from, page.date_to):
        edit.today = lambda: TODAY
    assert _open_calendar(qtbot, page.date_from) == (2027, 1)
    assert _open_calendar(qtbot, page.date_to) == (2027, 1)
    assert (page.date_from.iso(), page.date_to.iso()) == ("", "")  # still "any date"
    assert (page.filters().date_from, page.filters().date_to) == ("", "")
    page.date_from.set_iso("2026-12-01")
    assert _open_calendar(qtbot, page.date_to) == (2026, 12)  # December 2026 – January 2027
    assert page.date_to.iso() == ""
    page.date_to.set_iso("2027-01-31")
    assert _open_calendar(qtbot, page.date_to) == (2027, 1)  # a date set opens on its own month
