"""A conflict's question and its 修改历史 line in the user's language and order (review r4 B3–B5):
under the English UI the record kind, field names and punctuation are English (only the data —
names, titles, values — stays as typed); in Chinese a version's package is worded without
brackets inside brackets and by the name the trust list gives its key; the resolution's line sits
directly before the write it made, whatever second the clock said; and its values not taken are
readable in the table without hovering."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from test_exchange_gui_review import _enterprise_conflict

from qcdesk.models import exchange_store as xs
from qcdesk.models.store import Store
from qcdesk.ui import conflict_dialog
from qcdesk.ui.conflict_dialog import ConflictDialog
from qcdesk.ui.history_dialog import HistoryDialog

# the data of the fixture: people's names, the enterprise's name, the values typed
DATA = ("李四", "张三", "嘉鱼县鱼岳食品有限公司", "工业园1号", "工业园8号")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # CJK and full-width marks


def _combine(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Store, str]:
    """张三's 地址 ticked into 李四's version, answered Yes; returns the store and the question."""
    asked: list[str] = []

    def reply(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(conflict_dialog, "ask_resolve", reply)
    store = _enterprise_conflict(tmp_path)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    for r in range(dlg.fields.rowCount()):
        item = dlg.fields.item(r, 2)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == "address":
            item.setCheckState(Qt.CheckState.Checked)
    dlg.combine_button.click()
    assert xs.count_open_conflicts(store) == 0 and len(asked) == 1
    return store, asked[0]


def _history(qtbot: QtBot, store: Store) -> HistoryDialog:
    uuid = store.db.execute("SELECT uuid FROM enterprise").fetchone()[0]
    dialog = HistoryDialog(store, "enterprise", uuid)
    qtbot.addWidget(dialog)
    return dialog


def _resolution_row(dialog: HistoryDialog) -> int:
    rows = [r for r in range(dialog.table.rowCount())
            if dialog.lines[r].resolved is not None]
    assert len(rows) == 1
    return rows[0]


def _without_data(text: str) -> str:
    for value in DATA:
        text = text.replace(value, "")
    return re.sub(r"0715\d+", "", text)


@pytest.fixture
def english(qapp: QApplication):  # noqa: ANN201 - yields nothing
    from qcdesk.ui.app import Translators

    Translators(qapp).apply("en")
    qapp.setProperty("lang", "en")
    yield


def test_english_question_and_history_line_read_english(
        qtbot: QtBot, english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, question = _combine(qtbot, monkeypatch, tmp_path)
    assert "the enterprise “嘉鱼县鱼岳食品有限公司”" in question
    assert "(Address)" in question
    assert not CHINESE.search(_without_data(question)), question
    dialog = _history(qtbot, store)
    row = dialog.row_texts(_resolution_row(dialog))
    assert row[4] == "Address, Contact phone"  # as the rows around it name them
    note = row[7]
    assert "Contact phone: 07156111111" in note and "Address: 工业园8号" in note
    assert not CHINESE.search(_without_data(note)), note


def _depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


def test_chinese_line_has_no_brackets_in_brackets_and_names_the_key(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _question = _combine(qtbot, monkeypatch, tmp_path)
    note = _history(qtbot, store).row_texts(_resolution_row(_history(qtbot, store)))[7]
    assert "张三的版本（来自数据包，由密钥 AAAAAAAAAAAAAAAA 修改）" in note
    assert _depth(note) == 1, note
    # the key named on the trust list since: the line names it so
    day = "2026-01-01T00:00:00Z"
    store.db.execute("INSERT INTO trusted_key (uuid, created_at, updated_at, author, revision, origin,"
                     " key_id, public_key, name, jurisdiction, role, added_at) VALUES ('k', ?, ?, '', 1,"
                     " 'local', ?, '', '张三的笔记本', '421221', 'inspector', ?)", [day, day, "A" * 16, day])
    note = _history(qtbot, store).row_texts(_resolution_row(_history(qtbot, store)))[7]
    assert "张三的版本（来自数据包，由 张三的笔记本 修改）" in note and "AAAA" not in note


@pytest.mark.parametrize("fraction", ["000000", "999999"])
def test_resolution_line_directly_before_its_write_whatever_the_second(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        fraction: str) -> None:
    """The resolution stamped at the start or the end of the second its write was logged in."""
    monkeypatch.setattr(xs, "now_utc", lambda: datetime.now(UTC).strftime(
        f"%Y-%m-%dT%H:%M:%S.{fraction}Z"))
    store, _question = _combine(qtbot, monkeypatch, tmp_path)
    dialog = _history(qtbot, store)
    row = _resolution_row(dialog)
    assert row + 1 < dialog.table.rowCount(), [dialog.row_texts(r) for r in range(row + 1)]
    write = dialog.row_texts(row + 1)
    assert write[2:7] == ["修改", "", "地址", "工业园8号", "工业园1号"], write
    assert row + 2 == dialog.table.rowCount()  # nothing after it


def test_values_not_taken_readable_without_hovering(
        qtbot: QtBot, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _question = _combine(qtbot, monkeypatch, tmp_path)
    dialog = _history(qtbot, store)
    dialog.show()
    qtbot.waitExposed(dialog)
    table, row = dialog.table, _resolution_row(dialog)
    note = table.item(row, 7).text()
    left, width = table.columnViewportPosition(7), table.columnWidth(7)
    assert left + width <= table.viewport().width()  # the column ends in the window
    wrapped = QFontMetrics(table.font()).boundingRect(
        QRect(0, 0, width - 8, 100000), int(Qt.TextFlag.TextWordWrap), note)
    assert table.rowHeight(row) >= wrapped.height()  # the row is as high as the wrapped note
