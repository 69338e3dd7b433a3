"""Removing the failed sample or the finding an issued order rests on is refused, at the editor's
remove click and by the core's save (review r2, A2): saved silently before, it left the order
open and overdue on a deleted basis, and no way to link it again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_editors import open_visit, saved_spot_check

from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store, now_utc

NOTICE = "咸市监质改〔2026〕5号"


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch, chinese) -> list[str]:  # noqa: ANN001
    """The texts of the warning boxes shown (none waits for a click)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def live_rows(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]


def test_remove_click_on_an_orders_sample_is_refused_naming_the_order(
        qtbot, store, paths, settings, warned) -> None:  # noqa: ANN001
    bundle = saved_spot_check(store)
    order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                        rule_set="samr18", sample=bundle.samples[0], notice_no=NOTICE)
    editor = open_visit(qtbot, store, paths, settings, visit_id=bundle.visit.id)
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.list.setCurrentRow(0)
    qtbot.mouseClick(editor.samples_tab.remove_button, Qt.MouseButton.LeftButton)
    assert len(warned) == 1 and NOTICE in warned[0] and "青砖茶" in warned[0]
    assert "不能删除" in warned[0] and "请直接改正该样品的内容" in warned[0]
    assert editor.samples_tab.list.count() == 1  # still there
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert live_rows(store, "sample") == 1


def test_remove_click_on_an_orders_finding_is_refused(qtbot, store, paths, settings, warned) -> None:  # noqa: ANN001
    bundle = saved_spot_check(store)
    order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                        rule_set="samr18", finding=bundle.findings[0])
    editor = open_visit(qtbot, store, paths, settings, visit_id=bundle.visit.id)
    editor.tabs.setCurrentWidget(editor.findings_tab)
    editor.findings_tab.list.setCurrentRow(0)
    qtbot.mouseClick(editor.findings_tab.remove_button, Qt.MouseButton.LeftButton)
    assert len(warned) == 1 and "出厂检验记录不全" in warned[0] and "2026-03-05下达" in warned[0]
    assert editor.findings_tab.list.count() == 1
    # the sample has no order: it goes, as before
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.list.setCurrentRow(0)
    qtbot.mouseClick(editor.samples_tab.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(warned) == 1 and editor.status_note.text() == "已保存。"
    assert (live_rows(store, "sample"), live_rows(store, "finding")) == (0, 1)


def test_core_save_refuses_removing_an_orders_basis(store: Store) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0], notice_no=NOTICE)
    loaded = load_visit(store, bundle.visit.id)
    assert loaded is not None
    loaded.samples[0].deleted_at = now_utc()
    with pytest.raises(ValidationFailed) as refused:
        save_visit(store, loaded)
    assert NOTICE in refused.value.text("zh") and "不能删除" in refused.value.text("zh")
    assert "cannot be removed" in refused.value.text("en")
    assert live_rows(store, "sample") == 1
    # an order withdrawn after a passed 复检 no longer rests on it: the sample may go
    store.db.execute("UPDATE rectification SET status = 'closed', closing_reason = '复检合格',"
                     " closed_on = '2026-03-20' WHERE id = ?", [rect.id])
    loaded = load_visit(store, bundle.visit.id)
    assert loaded is not None
    loaded.samples[0].deleted_at = now_utc()
    save_visit(store, loaded)
    assert live_rows(store, "sample") == 0
