"""A list filter that matches few rows or none answers at once, on the GUI thread.

检查记录 with 状态 = 计划 and no planned visit froze the window 2-6 s on a million visits: the
first page was read with no budget, so the sort index was walked to its end before the list
said anything. Every read on the GUI thread now examines a bounded stretch of rows; the rest
comes in later slices from the event loop, and the list still ends with the right rows, its
count and, for no match, the "no records match" hint. The work is counted in SQLite VM steps
against the unfiltered first page's (the window is frozen for as long as they run).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTableView
from pytestqt.qtbot import QtBot

from qcdesk.models.listing import VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.store import Store

TS = "2024-01-01T00:00:00.000000Z"
VISITS_MADE = 6_000


def fill(store: Store) -> list[int]:
    """6,000 visits over 10 enterprises, all completed but two drafts, the oldest (the end of the
    list in its default newest-first order). Returns the drafts' ids in list order."""
    db = store.db
    with store.transaction():
        db.execute("INSERT INTO inspector(uuid, created_at, updated_at, name, jurisdiction_code)"
                   " VALUES ('insp-1', ?, ?, '张明', '421202')", [TS, TS])
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)"
                   " INSERT INTO enterprise(id, uuid, created_at, updated_at, uscc, name, jurisdiction_code,"
                   " industry) SELECT i, 'ent-' || i, ?, ?, printf('91%016d', i),"
                   " '咸宁企业' || i || '有限公司', '421202', '机电' FROM n", [TS, TS])
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                   " INSERT INTO visit(id, uuid, created_at, updated_at, enterprise_id, visit_date, kind,"
                   " inspectors, status, conclusion) SELECT i, 'vis-' || i, ?, ?, 1 + i % 10,"
                   " date('2018-01-01', '+' || (i % 2500) || ' days'), 'spot_check', '[\"insp-1\"]',"
                   " CASE WHEN i % 2500 = 0 THEN 'draft' ELSE 'done' END, '合格' FROM n",
                   [VISITS_MADE, TS, TS])
    return [r[0] for r in db.execute(
        "SELECT id FROM visit WHERE status = 'draft' ORDER BY visit_date DESC, id DESC")]


def vm_steps(store: Store, work) -> int:  # noqa: ANN001 - a callable
    """SQLite virtual-machine steps (in hundreds) that `work` runs on this connection."""
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    store.db.conn.set_progress_handler(tick, 100)
    try:
        work()
    finally:
        store.db.conn.set_progress_handler(None, 0)
    return steps[0]


@pytest.mark.parametrize(("status", "sort"), [("planned", "visit_date"), ("draft", "visit_date"),
                                              ("planned", "enterprise"), ("draft", "enterprise")])
def test_the_first_page_of_a_sparse_filter_is_bounded_and_the_list_still_ends_right(
        qtbot: QtBot, qtmodeltester, store: Store, status: str, sort: str) -> None:
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    drafts = fill(store)
    request = ListRequest(VISITS, ListFilters(status=status), sort=sort)
    expected = drafts if status == "draft" else []
    if sort == "enterprise":
        expected = [r[0] for r in store.db.execute(
            "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE v.status = ?"
            " ORDER BY e.name COLLATE pinyin DESC, e.id DESC, v.visit_date DESC, v.id DESC", [status])]
    models = []

    def first_page(req: ListRequest) -> None:
        models.append(LazyListModel(store, req, columns_for(VISITS), fetch_budget=200))

    first_page(request)  # warm: the enterprises' name keys are written on the first read
    plain = vm_steps(store, lambda: first_page(ListRequest(VISITS, sort=sort)))
    sparse = vm_steps(store, lambda: first_page(request))
    # The unfiltered first page reads 100 rows; a filter may look at a few budgets' worth, never
    # at the whole list (6,000 rows: 60 such pages).
    assert sparse <= 12 * plain, (plain, sparse)
    model = models[-1]
    view = QTableView()  # as on the page: it asks for more while its last row is on screen
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    qtbot.waitUntil(lambda: not model.canFetchMore(), timeout=20_000)
    assert [model.record_id(r) for r in range(model.rowCount())] == expected
    assert ListSource(store, request).count() == len(expected)
    qtmodeltester.check(model)


def test_no_match_is_said_once_the_list_has_been_walked(qtbot: QtBot, store: Store) -> None:
    """The list page's hint waits for the end of the list (rows may still come), then says it."""
    from qcdesk.ui.list_pages import ListPage

    fill(store)
    page = ListPage(store, VISITS)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    hint = page.findChild(QLabel, "emptyHint")
    page.status.setCurrentIndex(page.status.findData("planned"))
    page.apply()
    QApplication.processEvents()
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: not page.model.canFetchMore(), timeout=20_000)
    QApplication.processEvents()
    assert hint.isVisible() and "clear" in hint.text()  # "No records match…  Clear filters"
