"""One window per record, inside the editors too (review rr-ui 2): the order dialog's 打开下达整改的
检查记录, the visit editor's orders list and the enterprise page's lists opened a second editor of a
record already open, and the two editors then fought over saving and over the draft. They now find
the open one: brought to the front, or, when it sits behind the dialog in use, one line says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from test_ui_editors import open_visit, saved_spot_check

from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.enterprise_page import EnterprisePage
from qcdesk.ui.rectification_dialog import RectificationDialog
from qcdesk.ui.visit_editor import VisitEditor


@pytest.fixture
def order(store: Store) -> tuple[int, int, int]:
    """(visit id, order id, enterprise id): a saved spot check and the order issued on it."""
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改水分", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    return bundle.visit.id, rect.id, bundle.visit.enterprise_id


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The notices shown (instead of the box the user would close)."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *_a: said.append(text) or QMessageBox.StandardButton.Ok)
    return said


def editors_of(cls: type, attribute: str, record_id: int) -> list[QWidget]:
    """The shown editors of that record (a dialog is a top-level widget and its parent's child)."""
    found = {w for top in QApplication.topLevelWidgets() for w in (top, *top.findChildren(cls))
             if isinstance(w, cls) and w.isVisible() and (getattr(w, attribute, None) if attribute
                                                           else w.bundle.visit.id) == record_id}
    return list(found)


def activate(qtbot, widget) -> None:  # noqa: ANN001
    """A double-click on the list's first row, as the user opens it."""
    qtbot.waitExposed(widget.window())
    widget.window().activateWindow()
    rect = widget.visualItemRect(widget.item(0))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_order_dialog_does_not_open_the_visit_it_was_opened_from_again(
        qtbot, chinese, store: Store, paths, settings, order, told: list[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    visit_id, rect_id, _eid = order
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit_id)
    second: list[VisitEditor] = []
    monkeypatch.setattr(VisitEditor, "exec", lambda self: second.append(self) or 0)

    def in_order_dialog(dialog: RectificationDialog) -> int:
        dialog.open()  # modal over the visit editor, as exec() shows it
        qtbot.mouseClick(dialog.open_visit_button, Qt.MouseButton.LeftButton)  # 打开下达整改的检查记录
        dialog.reject()
        return 0

    monkeypatch.setattr(RectificationDialog, "exec", in_order_dialog)
    activate(qtbot, editor.orders_list)
    assert second == []  # no second editor of the visit
    assert editors_of(VisitEditor, "", visit_id) == [editor]
    assert len(told) == 1 and "已在" in told[0] and "\n" not in told[0]  # one line: it is open behind


def test_the_visit_opened_from_an_order_does_not_open_that_order_again(
        qtbot, chinese, store: Store, paths, settings, order, told: list[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    visit_id, rect_id, eid = order
    page = EnterprisePage(store, paths, eid)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_rectification(rect_id)
    assert isinstance(dialog, RectificationDialog)
    second: list[RectificationDialog] = []
    monkeypatch.setattr(RectificationDialog, "exec", lambda self: second.append(self) or 0)

    def in_visit(editor: VisitEditor) -> int:
        editor.open()
        activate(qtbot, editor.orders_list)  # the same order, from the visit's orders
        editor.reject()
        return 0

    monkeypatch.setattr(VisitEditor, "exec", in_visit)
    qtbot.mouseClick(dialog.open_visit_button, Qt.MouseButton.LeftButton)
    assert second == []
    assert editors_of(RectificationDialog, "rectification_id", rect_id) == [dialog]
    assert len(told) == 1 and "整改" in told[0]


def test_the_enterprise_page_brings_an_open_visit_forward(qtbot, store: Store, paths, settings,  # noqa: ANN001
                                                         order, told: list[str]) -> None:
    visit_id, rect_id, eid = order
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit_id)  # open from the list
    page = EnterprisePage(store, paths, eid)
    qtbot.addWidget(page)
    page.show()
    assert page.open_visit(visit_id) is editor
    assert editors_of(VisitEditor, "", visit_id) == [editor]
    shown = page.open_rectification(rect_id)
    assert page.open_rectification(rect_id) is shown  # the second time, the one already open
    assert len(editors_of(RectificationDialog, "rectification_id", rect_id)) == 1
    assert told == []  # nothing behind a dialog: just brought to the front
