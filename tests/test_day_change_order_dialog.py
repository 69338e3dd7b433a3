"""An order's dialog left open over midnight counts its days to the new day by itself, as the
整改跟踪 list and the enterprise window do (07dd97f): it still said 今日到期 (not red) for an
order late since 00:00 until it was closed and opened again."""

from __future__ import annotations

import pytest
from day_clock import NEW_YEAR, RED, moved_clock, orders
from PySide6.QtCore import QDate

from qcdesk.models.store import Store


def test_open_order_dialog_counts_to_the_new_day(qtbot, chinese, store: Store, paths, settings,  # noqa: ANN001
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.rectification_dialog as rectification_dialog

    clock = moved_clock(monkeypatch)  # the dialog's today and the day's watch
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
