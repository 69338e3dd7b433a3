"""The start-up notice of a package an export recorded but did not name stays readable until the
package is named (review regress-ui A6).

Before: the whole text was a two-minute status-bar message: cut off at 1077 px before the name
to rename the file to, replaced by the status tip of any menu item, and several packages were
run together on one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from qcdesk.models import exchange_store as xs
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

NAME = "421221_李明_19D46B06_{n:06d}_20261130.qcpkg.zip"


def _left_unnamed(db: Path, folder: Path, numbers: list[int]) -> list[Path]:
    """What a killed export leaves: its side file, and the note of where it waits."""
    store = Store.open(db, author="li")
    finals = []
    for n in numbers:
        final, side = folder / NAME.format(n=n), folder / f".{NAME.format(n=n)}.x7k2.part"
        side.write_bytes(b"PK")
        with store.db.conn:
            xs.note_unpublished(store, {"final": str(final), "side": str(side), "sequence": n})
        finals.append(final)
    store.close()
    return finals


def test_the_unnamed_package_notice_stays_whole_until_the_package_is_named(
        qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from small_screen import started_shell

    usb = tmp_path / "U盘"
    usb.mkdir()
    db = tmp_path / "li.db"
    finals = _left_unnamed(db, usb, [1, 2])
    started = started_shell(qtbot, paths, db, "zh_CN", monkeypatch)
    shell = next(started)
    try:
        window = shell.window
        window.resize(1077, 526)
        bar = window.statusBar()
        notice = bar.findChild(QToolButton, "unfinishedNotice")
        assert notice is not None and notice.isVisible()
        assert "2" in notice.text() and "未完成命名" in notice.text()
        assert notice.geometry().right() <= bar.width()  # the button itself is not cut off
        tip = notice.toolTip()
        for final in finals:  # the whole text: where, and the name to rename the file to
            assert f"也可手动改名为 {final.name}。" in tip, tip
        bar.showMessage("新建检查记录")  # a menu item's status tip
        assert notice.isVisible()

        box = notice.explain()
        assert box is not None and box.objectName() == "unfinishedNoticeBox"
        paragraphs = box.text().split("\n\n")
        assert len(paragraphs) == 2 and all(p.startswith("数据包 00000") for p in paragraphs)
        assert finals[1].name in paragraphs[1]
        box.close()

        for final in finals:  # named by hand (or by the next export into the folder)
            next(usb.glob(f".{final.name}.*.part")).rename(final)
        notice.refresh()
        assert not notice.isVisible()
        assert notice.explain() is None
    finally:
        next(started, None)


def test_a_package_whose_file_is_gone_is_said_until_read(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMainWindow

    from qcdesk.ui.export_notice import show_unfinished

    usb = tmp_path / "usb"
    usb.mkdir()
    db = tmp_path / "li.db"
    [final] = _left_unnamed(db, usb, [3])
    next(usb.glob("*.part")).unlink()  # moved or deleted: said once, then the note goes
    store = Store.open(db, author="li")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.statusBar()  # made before it shows, as the app's window has it
    window.show()
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    show_unfinished(window, store)
    notice = window.statusBar().findChild(QToolButton, "unfinishedNotice")
    assert notice.isVisible()
    notice.refresh()  # a focus change: the note is dropped, but the user has not read it yet
    assert notice.isVisible() and str(usb) in notice.toolTip()
    box = notice.explain()
    assert box is not None and "000003" in box.text()
    assert not notice.isVisible()
    store.close()


def test_the_notice_follows_a_language_switch_and_its_box_keeps_names_whole(
        qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review "late" 3, 4: after switching to English the button still said 2 个数据包已记录但未完成
    命名 until the next focus change; the box, about 400 px wide, broke the name to rename the
    file to mid-name (421221_李 / 明 / _19D46B06…)."""
    from small_screen import started_shell

    usb = tmp_path / "U盘"
    usb.mkdir()
    db = tmp_path / "li.db"
    finals = _left_unnamed(db, usb, [1, 2])
    started = started_shell(qtbot, paths, db, "zh_CN", monkeypatch)
    shell = next(started)
    try:
        notice = shell.window.statusBar().findChild(QToolButton, "unfinishedNotice")
        box = notice.explain()
        qtbot.waitExposed(box)
        label = box.findChild(QLabel, "qt_msgbox_label")
        for final in finals:
            assert label.width() >= label.fontMetrics().horizontalAdvance(final.name)
        box.close()
        qtbot.wait(200)  # the focus back in the window (a focus change refreshes the button)
        assert "未完成命名" in notice.text()
        shell.set_language("en")
        qtbot.wait(100)  # Qt's LanguageChange events; no focus change (that refreshed it)
        assert notice.text() == "2 packages recorded but not finished"
        assert finals[0].name in notice.toolTip() and "未完成" not in notice.toolTip()
    finally:
        next(started, None)
