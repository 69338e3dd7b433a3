"""The drawn list keeps its room on a laptop screen (review, small laptop): after 预览 a summary
of twelve lines (pool, hash, rule, every firm left out) squeezed the table of 196 drawn firms to
one and a half rows at 614 px. The summary scrolls past five lines; the table takes the rest."""

from __future__ import annotations

from datetime import date

from qcdesk.models.store import Store
from tests.test_draw_commit import county  # noqa: F401 - the fixture


def test_a_long_summary_scrolls_and_the_table_keeps_its_rows(qtbot, county: Store) -> None:  # noqa: ANN001, F811
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(county, None, today=date(2026, 11, 30))
    qtbot.addWidget(dialog)
    dialog.resize(925, 574)  # as it opens on a 1366×768 screen at 125 %
    dialog.show()
    dialog.seed.setText("2026-11-30 福彩3D 123")
    assert dialog.preview()
    dialog.summary.setText("\n".join(f"另有企业{i}：近6个月内已检查，不参加抽取" for i in range(14)))
    qtbot.wait(50)
    rows = dialog.view.verticalHeader().defaultSectionSize()
    assert dialog.view.viewport().height() >= 6 * rows, dialog.view.viewport().height()
    line = dialog.summary.fontMetrics().lineSpacing()
    assert dialog.summary.parentWidget().height() <= 6 * line  # its box, scrolled beyond that


def test_the_seed_left_empty_puts_the_cursor_in_it(qtbot, county: Store) -> None:  # noqa: ANN001, F811
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(county, None, today=date(2026, 11, 30))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.jurisdiction.setFocus()
    assert not dialog.preview()
    assert "请填写随机种子" in dialog.summary.text() or "Enter the random seed" in dialog.summary.text()
    qtbot.waitUntil(dialog.seed.hasFocus)
