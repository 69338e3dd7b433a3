"""The enterprise window stays responsive however many visits the firm has.

Closing any dialog opened from the window (even with Cancel), every save and the new day
refresh it. The visits table was a QTableWidget whose header sized its columns to their
contents, so every cell put in re-measured every row: 160 visits froze the window 4 s, 847
visits over two minutes. What a clerk notices is that freeze, i.e. the re-measuring (counted
here through the view's delegate) and the refresh time against a small firm's.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QStyledItemDelegate
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

TS = "2024-01-01T00:00:00.000000Z"


def add_enterprise(store: Store, enterprise_id: int, visits: int) -> list[int]:
    """An enterprise and its visits (written by SQL: quick), newest first as the page lists them."""
    first = (store.db.execute("SELECT max(id) FROM visit").fetchone()[0] or 0) + 1
    db = store.db
    with store.transaction():
        db.execute("INSERT OR IGNORE INTO inspector(uuid, created_at, updated_at, name,"
                   " jurisdiction_code) VALUES ('insp-1', ?, ?, '张明', '421202')", [TS, TS])
        db.execute("INSERT INTO enterprise(id, uuid, created_at, updated_at, uscc, name, jurisdiction_code,"
                   " industry) VALUES (?, ?, ?, ?, ?, ?, '421202', '机电')",
                   [enterprise_id, f"ent-{enterprise_id}", TS, TS, f"91{enterprise_id:016d}",
                    f"咸宁测试{enterprise_id}有限公司"])
        db.execute("WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                   " INSERT INTO visit(id, uuid, created_at, updated_at, enterprise_id, visit_date, kind,"
                   " inspectors, status, conclusion) SELECT i, 'vis-' || i, ?, ?, ?,"
                   " date('2018-01-01', '+' || (i % 2000) || ' days'), 'spot_check', '[\"insp-1\"]',"
                   " 'done', '合格' FROM n", [first, first + visits - 1, TS, TS, enterprise_id])
    return [r[0] for r in db.execute(
        "SELECT id FROM visit WHERE enterprise_id = ? ORDER BY visit_date DESC, id DESC", [enterprise_id])]


def add_open_orders(store: Store, enterprise_id: int, orders: int) -> None:
    """Open rectification orders on the enterprise's visits (the page's second table)."""
    with store.transaction():
        store.db.execute(
            "INSERT INTO rectification(uuid, created_at, updated_at, enterprise_id, visit_id, requirement,"
            " rule_set, ordered_on, deadline, recheck_due, status, notice_no)"
            " SELECT 'rec-' || id, ?, ?, enterprise_id, id, '整改：标签标识不规范', 'samr18', visit_date,"
            " date(visit_date, '+60 days'), date(visit_date, '+70 days'), 'open',"
            " '咸市监质改〔2024〕' || id || '号' FROM visit WHERE enterprise_id = ? ORDER BY id LIMIT ?",
            [TS, TS, enterprise_id, orders])


class CountingDelegate(QStyledItemDelegate):
    """Counts how often the view measures a cell (each is text laid out on the GUI thread)."""

    measured = 0

    def sizeHint(self, option, index):  # noqa: ANN001, ANN201, N802 - Qt's override
        CountingDelegate.measured += 1
        return super().sizeHint(option, index)


def shown_page(qtbot: QtBot, store: Store, paths: AppPaths, enterprise_id: int):  # noqa: ANN201
    from qcdesk.ui.enterprise_page import EnterprisePage

    page = EnterprisePage(store, paths, enterprise_id)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    delegate = CountingDelegate(page.visits)
    page.visits.setItemDelegate(delegate)
    page.rects.setItemDelegate(CountingDelegate(page.rects))
    QApplication.processEvents()
    return page


def refreshed(page) -> tuple[int, float]:  # noqa: ANN001
    """Cells measured and seconds taken by one refresh of a shown page (as a dialog's close does)."""
    CountingDelegate.measured = 0
    started = time.perf_counter()
    page.refresh()
    QApplication.processEvents()
    return CountingDelegate.measured, time.perf_counter() - started


def test_a_refresh_does_not_remeasure_every_row_and_a_big_firm_refreshes_like_a_small_one(
        qtbot: QtBot, store: Store, paths: AppPaths) -> None:
    add_enterprise(store, 1, 20)
    add_enterprise(store, 2, 160)
    add_open_orders(store, 1, 10)
    add_open_orders(store, 2, 80)
    big = add_enterprise(store, 3, 2000)
    small_page, mid_page = shown_page(qtbot, store, paths, 1), shown_page(qtbot, store, paths, 2)
    small_measured, small_time = refreshed(small_page)
    refreshed(small_page)  # warm
    small_measured, small_time = refreshed(small_page)
    mid_measured, _ = refreshed(mid_page)
    # Measuring what is on screen is fine; 8x the rows must not mean ~64x the measuring.
    visible_cells = 2 * 5 * 40  # two tables
    assert mid_measured <= small_measured + visible_cells, (small_measured, mid_measured)

    page = shown_page(qtbot, store, paths, 3)
    refreshed(page)
    measured, big_time = refreshed(page)
    assert measured <= small_measured + visible_cells, measured
    assert big_time < 10 * small_time + 0.3, (small_time, big_time)  # generous: was minutes
    model = page.visits.model()
    assert model.rowCount() < len(big) and model.canFetchMore()  # read as scrolled, not all at once
    shown = [model.index(r, 0).data() for r in range(3)]
    dates = [r[0] for r in store.db.execute(
        "SELECT visit_date FROM visit WHERE enterprise_id = 3 ORDER BY visit_date DESC, id DESC LIMIT 3")]
    assert shown == dates  # newest first, as before
    while model.canFetchMore():
        model.fetchMore()
    assert [model.record_id(r) for r in range(model.rowCount())] == big  # every visit, in order


def test_closing_a_dialog_keeps_the_selected_visit_and_the_scroll_position(
        qtbot: QtBot, store: Store, paths: AppPaths) -> None:
    big = add_enterprise(store, 3, 2000)
    page = shown_page(qtbot, store, paths, 3)
    model, view = page.visits.model(), page.visits
    while model.rowCount() < 400:
        model.fetchMore()
    view.selectRow(300)
    view.scrollTo(model.index(300, 0))
    QApplication.processEvents()
    scroll = view.verticalScrollBar().value()
    assert scroll > 0 and model.record_id(300) == big[300]
    dialog = page.open_visit(big[300])  # Enter on the row opens it; Cancel closes it unchanged
    qtbot.waitExposed(dialog)
    dialog.reject()
    QApplication.processEvents()
    index = view.currentIndex()
    assert view.selectionModel().isRowSelected(index.row()) and model.record_id(index.row()) == big[300]
    assert view.verticalScrollBar().value() == scroll
    assert model.rowCount() >= 400  # the rows read by scrolling are still there


def test_the_visits_table_opens_the_visit_on_enter(qtbot: QtBot, store: Store, paths: Path) -> None:
    from PySide6.QtCore import Qt

    from qcdesk.ui.visit_editor import VisitEditor

    big = add_enterprise(store, 3, 300)
    page = shown_page(qtbot, store, paths, 3)
    page.visits.setFocus()
    page.visits.selectRow(2)
    qtbot.keyClick(page.visits, Qt.Key.Key_Return)
    assert isinstance(page.dialog, VisitEditor) and page.dialog.bundle.visit.id == big[2]
    page.dialog.reject()
