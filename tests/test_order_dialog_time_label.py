"""A closed order's dialog read 剩余天数：已于 2025-01-24 完成 — days left, answered with a date. The
row that shows an order's clock is named for all its states: 期限情况 (剩余5天, 已逾期3天, 已于…完成)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot
from test_awaiting_recheck_actions import awaiting

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.rectification_dialog import RectificationDialog

pytestmark = pytest.mark.usefixtures("chinese", "chinese_core_no_boxes")


def test_the_clock_row_is_named_for_every_state(qtbot: QtBot, store: Store, paths: AppPaths,
                                                settings: QSettings) -> None:
    dialog = RectificationDialog(store, paths, awaiting(store).id, settings=settings)
    qtbot.addWidget(dialog)
    labels = [f.labelForField(dialog.days_label) for f in dialog.findChildren(QFormLayout)]
    [label] = [x for x in labels if x is not None]
    assert isinstance(label, QLabel) and label.text() == "期限情况："
