"""The warnings page at a 1000 px wide window: each row was about four lines tall because the
long 说明 (reason) wrapped in its column, so only ~6 warnings were in view. Rows are one line now,
the reason cut with … in its cell, whole in the cell's tooltip and in the pane under the table."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.codes import iso7064_mod11_10, org_code_check_character, uscc_check_character
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store


def uscc(i: int) -> str:
    org = f"MA4K{i:04d}"
    first17 = "91421281" + org + org_code_check_character(org)
    return first17 + uscc_check_character(first17)


def expiring_licences(store: Store, n: int) -> None:
    """`n` enterprises whose food licence runs out within 60 days: the long SC renewal reason."""
    soon = (date.today() + timedelta(days=20)).isoformat()
    for i in range(n):
        ent = Enterprise(uscc=uscc(i), name=f"赤壁市羊楼洞第{i}茶业有限公司", jurisdiction_code="421281",
                         industry="砖茶")
        digits = f"114421281{i:04d}"
        number = "SC" + digits + iso7064_mod11_10(digits)
        save_enterprise(store, ent, [Licence(kind="SC", number=number, product="砖茶", expires_on=soon)])


def fully_visible_rows(view) -> int:  # noqa: ANN001 - a QTableView
    room = view.viewport().height()
    return sum(1 for row in range(view.model().rowCount())
               if view.rowViewportPosition(row) >= 0
               and view.rowViewportPosition(row) + view.rowHeight(row) <= room)


def test_fifteen_warnings_fit_a_1000_by_700_window(qtbot: QtBot, lang: str, store: Store) -> None:
    from qcdesk.ui.warnings_page import WarningsModel, WarningsPage

    expiring_licences(store, 25)
    page = WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(100)
    view, last = page.view, WarningsModel.COLUMNS.index("reason")
    assert page.model.rowCount() >= 25
    assert fully_visible_rows(view) >= 15, [view.rowHeight(r) for r in range(5)]
    assert view.horizontalScrollBar().maximum() == 0  # nothing off to the right either

    # the reason is cut in its cell, but whole in the tooltip and in the pane for the current row
    text = page.model.index(0, last).data()
    metrics = view.fontMetrics()
    assert metrics.horizontalAdvance(text) > view.columnWidth(last)  # it does not fit one line
    assert page.model.index(0, last).data(Qt.ItemDataRole.ToolTipRole) == text
    pane = page.findChild(QLabel, "reasonDetail")
    assert pane.isVisible() and text not in pane.text()  # no row chosen yet: says how to read it
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the keyboard reaches it as the mouse does
    qtbot.wait(50)
    current = page.model.index(view.currentIndex().row(), last).data()
    assert pane.text() == current
    needed = pane.fontMetrics().boundingRect(QRect(0, 0, pane.contentsRect().width(), 10_000),
                                             int(Qt.TextFlag.TextWordWrap), current)
    assert needed.height() <= pane.contentsRect().height()  # whole, not clipped
    assert pane.geometry().bottom() <= page.rect().bottom()
