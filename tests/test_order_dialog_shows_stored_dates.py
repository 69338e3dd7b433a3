"""An order's dialog shows the dates it holds, never today in their place. At 待复查 the greyed
报告提交日期 read today (2026-12-02) while the report had come in on 2025-01-15, a date the dialog
showed nowhere; the greyed 撤销 date read today on an order no re-test had overturned."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from test_awaiting_recheck_actions import awaiting
from test_ui_editors import saved_spot_check

from qcdesk.models import local_day
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.forms import iso
from qcdesk.ui.rectification_dialog import RectificationDialog

pytestmark = pytest.mark.usefixtures("chinese", "chinese_core_no_boxes")


def _dialog(qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, rect_id: int
            ) -> RectificationDialog:
    dialog = RectificationDialog(store, paths, rect_id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_reported_order_shows_its_report_date(qtbot: QtBot, store: Store, paths: AppPaths,
                                                settings: QSettings) -> None:
    dialog = _dialog(qtbot, store, paths, settings, awaiting(store).id)
    assert not dialog.report_date.isEnabled()
    assert dialog.report_date.isVisibleTo(dialog) and iso(dialog.report_date) == "2026-04-20"
    assert not dialog.withdraw_date.isVisibleTo(dialog)  # nothing withdrawn, nothing to withdraw


def test_an_open_order_offers_today_for_its_report(qtbot: QtBot, store: Store, paths: AppPaths,
                                                   settings: QSettings, monkeypatch: pytest.MonkeyPatch
                                                   ) -> None:
    monkeypatch.setattr(local_day, "today", lambda: date(2026, 4, 21))
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0], today=date(2026, 4, 21))
    dialog = _dialog(qtbot, store, paths, settings, rect.id)
    assert dialog.report_date.isEnabled() and iso(dialog.report_date) == "2026-04-21"
