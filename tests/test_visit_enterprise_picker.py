"""The visit editor's 受检企业 searches as the user types (review s10 B1): on a city's database of
8,000 firms the box loaded and pinyin-sorted every firm on the GUI thread as a visit opened (0.79 s
the first time, a combo of 8,000 names). Opening a visit now reads at most a page of firms; the
user still finds a firm by part of its name or credit code, and picks it with the keyboard."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import CHOICES_LIMIT
from qcdesk.models.name_order import name_sort_key, refresh_name_keys
from qcdesk.models.persistence import fetch_record, soft_delete
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from test_list_model import fill_store  # noqa: E402

FIRMS = 8000
READS_ENTERPRISE = re.compile(r"\b(?:FROM|JOIN)\s+enterprise\b", re.IGNORECASE)
ONE_FIRM = re.compile(r"\bid\s*=\s*\d+")  # a lookup by id: one row


@pytest.fixture
def city(store: Store) -> Store:
    """8,000 firms with their pinyin keys, as an import leaves them; no name converted yet."""
    fill_store(store, FIRMS, 30)
    refresh_name_keys(store)
    name_sort_key.cache_clear()
    return store


def open_visit(qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, **kw: int):  # noqa: ANN201
    from qcdesk.ui.visit_editor import VisitEditor

    editor = VisitEditor(store, paths, settings=settings, **kw)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_chinese(widget: QLineEdit, text: str) -> None:
    event = QInputMethodEvent()  # as an input method commits it
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def firm_of_visit(store: Store, visit_id: int) -> Enterprise:
    return fetch_record(store, Enterprise, fetch_record(store, Visit, visit_id).enterprise_id)


def test_opening_a_visit_reads_a_page_of_firms_not_all(qtbot: QtBot, city: Store, paths: AppPaths,
                                                       settings: QSettings) -> None:
    statements: list[str] = []
    city.db.conn.set_trace_callback(statements.append)
    try:
        editor = open_visit(qtbot, city, paths, settings, visit_id=1)
    finally:
        city.db.conn.set_trace_callback(None)
    unbounded = [s for s in statements if READS_ENTERPRISE.search(s)
                 and not re.search(r"\bLIMIT\b", s, re.IGNORECASE) and not ONE_FIRM.search(s)]
    assert unbounded == []
    assert name_sort_key.cache_info().misses < 10  # no name sorted in Python (the inspectors' at most)
    assert editor.enterprise_combo.count() <= CHOICES_LIMIT + 2  # empty, the visit's firm, a page
    assert editor.enterprise_combo.currentText() == firm_of_visit(city, 1).name
    assert editor.windowTitle().endswith(firm_of_visit(city, 1).name)


def test_a_firm_is_found_by_part_of_its_code_or_name_and_chosen_by_keyboard(
        qtbot: QtBot, city: Store, paths: AppPaths, settings: QSettings) -> None:
    editor = open_visit(qtbot, city, paths, settings, visit_id=1)
    combo, edit = editor.enterprise_combo, editor.enterprise_combo.lineEdit()
    wanted = fetch_record(city, Enterprise, 4321)
    assert combo.findData(wanted.id) < 0  # not among the first page: only found by searching
    edit.selectAll()
    qtbot.keyClicks(edit, wanted.uscc[-6:])  # the end of its 统一社会信用代码
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [wanted.name]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == wanted.name
    assert editor.collect().visit.enterprise_id == wanted.id

    other = fetch_record(city, Enterprise, 7777)
    edit.clear()
    type_chinese(edit, other.name[2:])  # 咸宁… left off: part of the name
    qtbot.waitUntil(popup.isVisible)
    assert combo.completer().currentCompletion() == other.name
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.collect().visit.enterprise_id == other.id
    assert combo.count() <= CHOICES_LIMIT + 3  # the visit's firm, the one chosen, the matches


def test_a_new_visit_of_a_firm_and_a_visit_of_a_deleted_firm_name_it(
        qtbot: QtBot, city: Store, paths: AppPaths, settings: QSettings) -> None:
    last = fetch_record(city, Enterprise, FIRMS)
    editor = open_visit(qtbot, city, paths, settings, enterprise_id=last.id)  # 新建检查 on its page
    assert editor.enterprise_combo.currentText() == last.name
    assert editor.collect().visit.enterprise_id == last.id
    gone = firm_of_visit(city, 2)
    soft_delete(city, gone)
    editor = open_visit(qtbot, city, paths, settings, visit_id=2)
    assert editor.enterprise_combo.currentText() == gone.name
    assert editor.collect().visit.enterprise_id == gone.id
