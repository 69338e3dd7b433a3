"""The zone dialog shows whole enterprise names and whole milestone headers (was cut to 赤壁市安…)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

NAME = "赤壁市安博制衣有限公司"


def test_member_search_and_milestone_headers_are_readable(qtbot: QtBot, chinese: None, store: Store) -> None:
    from qcdesk.ui.zones_page import ZoneDialog

    save_enterprise(store, Enterprise(uscc="91421281MA4QJJPTX6", name=NAME, jurisdiction_code="421281"))
    dialog = ZoneDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search.setText("赤壁市安")
    qtbot.waitUntil(lambda: dialog.matches.count() == 1)
    assert dialog.matches.width() >= dialog.matches.fontMetrics().horizontalAdvance(NAME) + 20
    header = dialog.milestones.horizontalHeader()
    metrics = header.fontMetrics()
    for col in (1, 2):
        text = dialog.milestones.horizontalHeaderItem(col).text()
        assert "日期" in text and header.sectionSize(col) >= metrics.horizontalAdvance(text), text
    assert dialog.height() <= 700  # fits a 768-pixel laptop screen
