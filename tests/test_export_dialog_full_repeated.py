"""The export window says what `qcdesk export --full` says (c3a1531) when a full package repeats
the previous full one: send it, don't throw it away as a copy, or the receiver shows its number
missing on every import (review r2 B5; E19: the window said nothing)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from test_export_empty import _change_a_visit, _dialog, exported  # noqa: F401 - fixture by name

from qcdesk.ui.exchange_dialogs import ExportDialog


def _export(qtbot: QtBot, dlg: ExportDialog) -> str:
    job = dlg.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    return dlg.status.text()


def test_a_full_export_in_the_window_says_when_it_repeats_the_last_one(
        qtbot: QtBot, lang: str, exported: tuple[Path, Path, Path]) -> None:  # noqa: F811
    db, out, key_path = exported  # package no. 1 went out already: the key's first, a full one
    dlg = _dialog(qtbot, db, out, key_path)
    dlg.full_check.setChecked(True)
    said = _export(qtbot, dlg)  # no. 2, full, nothing changed since no. 1
    if lang == "en":
        assert "this full package has the same records as the previous one (No. 1" in said
        assert "Send it to the receiver (it can replace No. 1)" in said
        assert "will show No. 2 missing" in said and "内容相同" not in said
        return
    [line] = [x for x in said.splitlines() if "内容相同" in x]
    assert "上一个（序号 1，也是全部数据）内容相同" in line and "新的序号 2" in line
    assert "请把它发给接收方（可代替序号 1）" in line and "接收方会一直显示缺少序号 2" in line
    _change_a_visit(db)
    assert "内容相同" not in _export(qtbot, dlg)  # no. 3: a change in between, nothing repeated
    said = _export(qtbot, dlg)  # no. 4 repeats no. 3
    assert "上一个（序号 3，也是全部数据）内容相同" in said and "新的序号 4" in said
