"""An order's dialog left open over midnight counts its days to the new day by itself, as the
整改跟踪 list and the enterprise window do (07dd97f): it still said 今日到期 (not red) for an
order late since 00:00 until it was closed and opened again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from test_day_change_orders import EVE, NEW_YEAR, RED, Clock, local_date, orders

from qcdesk.models.store import Store


def test_open_order_dialog_counts_to_the_new_day(qtbot, chinese, store: Store, paths, settings,  # noqa: ANN001
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.day_watch as day_watch
    import qcdesk.ui.rectification_dialog as rectification_dialog

    clock = Clock(EVE)
    for module in (rectification_dialog, day_watch):  # the dialog's today and the day's watch
        monkeypatch.setattr(module, "date", local_date(clock))
    monkeypatch.setattr(day_watch, "CHECK_MS", 20)  # the minute's check, sooner
    due = orders(store)  # SAMR 18, due on 31 December 2026
    dialog = rectification_dialog.RectificationDialog(store, paths, due.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.days_label.text() == "今日到期"
    assert RED not in dialog.days_label.styleSheet()
    dialog.report_date.setDate(QDate(2026, 12, 30))  # the clerk has begun to record the report

    clock.day = NEW_YEAR  # midnight passes, nobody touches the dialog
    qtbot.waitUntil(lambda: dialog.days_label.text() == "已逾期 1 天", timeout=5000)
    assert RED in dialog.days_label.styleSheet()
    assert dialog.report_date.date() == QDate(2026, 12, 30)  # what was typed is left as it was
    dialog.close()
