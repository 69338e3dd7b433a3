"""An open order whose sample passed its 复检 has no deadline running: its clock says 复检合格待撤销,
the warnings' words, in the 整改跟踪 list (and its export), on the enterprise page and in the
order dialog, never 已逾期 N 天 in red (fe7d127 took it out of every overdue count already)."""

from __future__ import annotations

import openpyxl
import pytest
from day_clock import fixed_today
from PySide6.QtCore import Qt
from withdrawn_orders import LATE, build_orders

from qcdesk.export.list_export import export_list
from qcdesk.export.list_words import clock_words
from qcdesk.models.listing import RECTIFICATIONS, ListRequest, ListSource
from qcdesk.models.rules import Clock, order_clock
from qcdesk.models.store import Store
from qcdesk.models.warnings import WARNING_KIND_LABELS

TO_WITHDRAW = WARNING_KIND_LABELS["retest_withdraw"]  # 复检合格待撤销
RED = "#c62828"


@pytest.mark.parametrize(("status", "report"), [
    ("open", None), ("report_submitted", "2026-11-20"), ("report_submitted", "2026-10-01"),
    ("awaiting_recheck", "2026-10-01"), ("recheck_failed", "2026-10-01")])
def test_the_clock_of_an_order_whose_sample_passed_runs_for_nobody(status: str, report: str | None) -> None:
    """Whatever the order's state (late, late report, re-check overdue, failed re-check), a passed
    复检 stops its clock; a closed order keeps no clock."""
    clock = order_clock(status, "2026-11-09", report, "2026-11-24", LATE, retest_passed=True)
    assert clock == Clock("retest_passed")
    assert not clock.enterprise_late and not clock.recheck_late
    assert clock_words(clock) == TO_WITHDRAW
    assert order_clock("closed", "2026-11-09", None, "2026-11-24", LATE, retest_passed=True) == Clock("")
    assert order_clock("open", "2026-11-09", None, "2026-11-24", LATE).enterprise_late  # without: late


def test_the_list_rows_and_export_read_the_retest_with_the_row(store: Store, tmp_path) -> None:  # noqa: ANN001
    orders = build_orders(store)
    source = ListSource(store, ListRequest(RECTIFICATIONS), today=LATE)
    rows = source.rows([orders.to_withdraw.id, orders.late.id])
    to_withdraw, late = rows[orders.to_withdraw.id], rows[orders.late.id]
    assert to_withdraw["clock"].kind == "retest_passed" and not to_withdraw["overdue"]
    assert late["clock"].enterprise_late and late["overdue"]
    out = tmp_path / "整改.xlsx"
    export_list(ListSource(store, ListRequest(RECTIFICATIONS), today=LATE), out, exported_by="王磊")
    sheet = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    at = {t: i for i, t in enumerate(sheet[0])}
    days = {r[at["通知书编号"]]: r[at["剩余天数"]] for r in sheet[1:]}
    assert days[orders.to_withdraw.notice_no] == TO_WITHDRAW
    assert days[orders.late.notice_no] == "已逾期 41 天"


def test_list_page_enterprise_page_and_dialog_say_to_withdraw(qtbot, chinese, store: Store, paths,  # noqa: ANN001
                                                             settings,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.enterprise_page as enterprise_page
    import qcdesk.ui.rectification_dialog as rectification_dialog
    from qcdesk.ui.list_pages import ListPage
    from qcdesk.ui.warnings_page import kind_labels

    fixed_today(monkeypatch, LATE)
    orders = build_orders(store)
    words = kind_labels()["retest_withdraw"]  # the warnings page's own word for it
    assert words == TO_WITHDRAW

    page = ListPage(store, RECTIFICATIONS)
    qtbot.addWidget(page)
    model = page.model
    keys = [c.key for c in model._columns]
    notice, days = keys.index("notice_no"), keys.index("days_left")
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    cells = {model.index(r, notice).data(): model.index(r, days) for r in range(4)}
    assert cells[orders.to_withdraw.notice_no].data() == words
    assert cells[orders.to_withdraw.notice_no].data(Qt.ItemDataRole.ForegroundRole) is None  # not red
    assert cells[orders.late.notice_no].data() == "已逾期 41 天"
    assert cells[orders.late.notice_no].data(Qt.ItemDataRole.ForegroundRole).color().name() == RED

    ent = enterprise_page.EnterprisePage(store, paths, orders.to_withdraw.enterprise_id)
    qtbot.addWidget(ent)
    shown = {}
    for row in range(ent.rects.rowCount()):
        item = ent.rects.item(row, 3)
        order_id = ent.rects.item(row, 0).data(Qt.ItemDataRole.UserRole)
        shown[order_id] = (item.text(), item.foreground().color().name())
    assert shown[orders.to_withdraw.id][0] == words and shown[orders.to_withdraw.id][1] != RED
    assert shown[orders.late.id] == ("已逾期 41 天", RED)

    dialog = rectification_dialog.RectificationDialog(store, paths, orders.to_withdraw.id, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.days_label.text() == words
    assert RED not in dialog.days_label.styleSheet()
    late = rectification_dialog.RectificationDialog(store, paths, orders.late.id, settings=settings)
    qtbot.addWidget(late)
    assert late.days_label.text() == "已逾期 41 天" and RED in late.days_label.styleSheet()
