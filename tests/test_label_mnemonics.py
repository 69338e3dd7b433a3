"""Alt+letter on a form label (产品名称(P), 执法人员(I), 检查情况(M)…) moves the focus to that row's field.
A keyboard-only review found that none did: the label's buddy is the box holding the field and its
message line, which took no focus, so QLabel's shortcut did nothing."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store
from qcdesk.ui.visit_editor import VisitEditor

MNEMONIC = re.compile(r"&([^&\s])")


@pytest.fixture
def editor(qtbot: QtBot, store: Store, paths, settings) -> VisitEditor:  # noqa: ANN001
    save_inspector(store, Inspector(name="王磊", cert_no="42120001", jurisdiction_code="421281"))
    enterprise = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                                   jurisdiction_code="421281"))
    editor = VisitEditor(store, paths, settings=settings, enterprise_id=enterprise.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    return editor


def alt(qtbot: QtBot, letter: str) -> QWidget | None:
    """Alt+letter pressed where the focus is, as a user does; the widget focused afterwards."""
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter.upper()}"),
                   Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    return QApplication.focusWidget()


def test_alt_p_focuses_the_product_name(qtbot: QtBot, editor: VisitEditor) -> None:
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.add()
    editor.samples_tab.list.setFocus()
    assert alt(qtbot, "P") is editor.samples_tab.product_edit


def test_alt_i_focuses_the_inspector_list(qtbot: QtBot, editor: VisitEditor) -> None:
    """执法人员(I): a row of a list and a button; the list is what the inspector ticks."""
    editor.summary_edit.setFocus()
    assert alt(qtbot, "I") is editor.inspector_list


def _labelled_rows(page: QWidget) -> list[tuple[QLabel, str]]:
    rows = []
    for label in page.findChildren(QLabel):
        found = MNEMONIC.search(label.text())
        if found and label.isVisible() and label.buddy() is not None:
            rows.append((label, found.group(1)))
    return rows


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_label_shortcut_of_the_visit_editor_reaches_its_row(qtbot: QtBot, lang: str,
                                                                  request: pytest.FixtureRequest) -> None:
    """In Chinese the letters follow the words: 受检企业(E), 执法人员(I), 检查情况(M), 产品名称(P)…"""
    if lang == "zh_CN":
        request.getfixturevalue("chinese")
    editor = request.getfixturevalue("editor")
    editor.samples_tab.add()
    editor.findings_tab.add()
    checked = []
    for index in range(editor.tabs.count()):
        kind = "recheck" if index == 0 else "spot_check"  # 复查 rows on the first tab; samples after
        editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(kind))
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = editor.tabs.widget(index)
        for label, letter in _labelled_rows(page):
            editor.tabs.tabBar().setFocus()
            focused = alt(qtbot, letter)
            buddy = label.buddy()
            assert focused is not None and (focused is buddy or buddy.isAncestorOf(focused)), \
                (label.text(), type(focused).__name__ if focused else None)
            assert focused.focusPolicy() & Qt.FocusPolicy.TabFocus, label.text()  # a field, not a box
            checked.append(focused)
    samples = editor.samples_tab
    assert {editor.enterprise_combo, editor.date_edit, editor.inspector_list, editor.summary_edit,
            editor.conclusion_edit, editor.recheck_combo, samples.product_edit, samples.result_combo,
            samples.failed_items_edit} <= {w.parentWidget() if w.parentWidget() is editor.enterprise_combo
                                            else w for w in checked}
