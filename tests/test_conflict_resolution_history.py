"""A merge conflict resolved the wrong way must not lose the other version from sight (review r2
A6): the conflict dialog asks first, naming the record, the version kept and where the other
stays readable; the record's 修改历史 lists the resolution — who, which version was kept (by
its author and package), and the values not taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_exchange_gui_review import _enterprise_conflict

from qcdesk.models import exchange_store as xs
from qcdesk.models.store import Store
from qcdesk.ui import conflict_dialog
from qcdesk.ui.conflict_dialog import ConflictDialog
from qcdesk.ui.history_dialog import HistoryDialog


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton,
            tick: bool = False) -> list[str]:
    """Answer the question before a resolution; returns what each question said."""
    asked: list[str] = []

    def reply(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(f"{box.text()}\n{box.informativeText()}")
        if tick:
            box.checkBox().setChecked(True)
        return answer

    monkeypatch.setattr(conflict_dialog, "ask_resolve", reply)
    return asked


def _history(qtbot: QtBot, store: Store) -> HistoryDialog:
    uuid = store.db.execute("SELECT uuid FROM enterprise").fetchone()[0]
    dialog = HistoryDialog(store, "enterprise", uuid)
    qtbot.addWidget(dialog)
    return dialog


def _resolutions(dialog: HistoryDialog) -> list[list[str]]:
    return [dialog.row_texts(r) for r in range(dialog.table.rowCount())
            if dialog.row_texts(r)[2] == "解决合并冲突"]


def test_keep_current_asks_then_history_shows_the_other_version(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _enterprise_conflict(tmp_path)  # 李四's copy; 张三's change came in a package
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    dlg.keep_button.click()
    assert len(asked) == 1
    assert "保留李四的版本" in asked[0] and "嘉鱼县鱼岳食品有限公司" in asked[0]
    assert "张三的版本" in asked[0] and "修改历史" in asked[0]
    assert xs.count_open_conflicts(store) == 0
    lines = _resolutions(_history(qtbot, store))
    assert len(lines) == 1
    _time, author, _action, _part, fields, _old, _new, note = lines[0]
    assert author == "李四"  # who resolved it
    assert "地址" in fields and "联系电话" in fields
    assert "保留了李四的版本（本机录入）" in note  # the kept one, in the conflict dialog's words
    assert "未采用张三的版本（来自数据包" in note  # and where the one set aside came from
    assert "地址：工业园1号" in note and "07156111111" in note  # 张三's values, not taken
    assert "工业园8号" not in note  # the value kept is the record's, not repeated


def test_use_other_version_lists_the_current_values_not_taken(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _enterprise_conflict(tmp_path)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    dlg.take_button.click()
    assert "采用张三的版本" in asked[0] and "李四的版本" in asked[0]
    [line] = _resolutions(_history(qtbot, store))
    assert "保留了张三的版本" in line[7] and "未采用李四的版本" in line[7]
    assert "工业园8号" in line[7] and "07156222222" in line[7]


def test_cancel_resolves_nothing(qtbot: QtBot, chinese: None, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = _enterprise_conflict(tmp_path)
    before = store.db.execute("SELECT * FROM enterprise").fetchall()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    for button in (dlg.keep_button, dlg.take_button):
        button.click()
    assert len(asked) == 2
    assert xs.count_open_conflicts(store) == 1 and dlg.list.rowCount() == 1
    assert store.db.execute("SELECT * FROM enterprise").fetchall() == before
    assert _resolutions(_history(qtbot, store)) == []


def test_dont_ask_again_holds_for_the_window(qtbot: QtBot, chinese: None, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = _enterprise_conflict(tmp_path)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel, tick=True)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    dlg.keep_button.click()  # Cancel: the tick does not count
    assert dlg.ask_again and xs.count_open_conflicts(store) == 1
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes, tick=True)
    dlg.keep_button.click()
    assert len(asked) == 1 and not dlg.ask_again and xs.count_open_conflicts(store) == 0
    again = ConflictDialog(store)  # a new window asks again
    qtbot.addWidget(again)
    assert again.ask_again
