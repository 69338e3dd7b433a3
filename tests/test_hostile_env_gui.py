"""The window's side of a hostile environment (s7/r4): a full disk while importing or adding a
photo, an empty or non-image photo, a backup made by a newer QCDesk. What the clerk reads, and
what is left on disk. The full disk is a monkeypatched ENOSPC / SQLITE_FULL (no mount needed).
"""

from __future__ import annotations

import errno
import io
import os
import pathlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog
from test_data_safety_review import _from_the_future, make_db
from test_restore_worker import Shell
from test_ui_editors import make_enterprise, make_inspectors, open_visit, prompts, type_text  # noqa: F401

from qcdesk.models.inspections import import_photo_file
from qcdesk.models.store import Store
from qcdesk.ui.backup_dialog import BackupDialog
from qcdesk.ui.exchange_dialogs import ImportDialog

# --- 4. the import dialog on a full disk -------------------------------------------------------

def test_import_on_a_full_disk_says_so_and_does_not_blame_the_package(
        qtbot, tmp_path: Path, chinese, monkeypatch) -> None:
    """Said 数据库错误：database or disk is full。请关闭占用该文件的其他程序后重试。 and
    请发送方重新导出数据包… (the package was fine)."""
    from qcdesk.exchange import importer

    def full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(importer, "import_package", full)
    Store.open(tmp_path / "x.db").close()
    package = tmp_path / "421221_张三_000001_20261130.qcpkg.zip"
    package.write_bytes(b"PK")
    dlg = ImportDialog(tmp_path / "x.db", package=package)
    qtbot.addWidget(dlg)
    job = dlg.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    status, advice = dlg.status.text(), dlg.advice.text()
    assert "磁盘空间不足" in status and "database" not in status and "关闭占用" not in status, status
    assert advice == "数据库未作任何改动。", advice
    # a refusal about the package still sends the clerk to its sender
    monkeypatch.undo()
    job = dlg.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert "发送方" in dlg.advice.text(), dlg.advice.text()


# --- 6. the restore dialog refuses a newer backup before asking ---------------------------------

def test_a_backup_from_a_newer_version_is_refused_before_the_question(qtbot, tmp_path: Path,
                                                                       chinese) -> None:
    shell = Shell(make_db(tmp_path / "qcdesk.db", "王磊"))
    newer = make_db(tmp_path / "elsewhere" / "newer.db", "李娜")
    _from_the_future(newer)
    dialog = BackupDialog(shell.store, tmp_path / "backups", close_store=shell.close,
                          reopen_store=shell.reopen)
    qtbot.addWidget(dialog)
    asked: list[Path] = []
    dialog.confirm = lambda source: asked.append(source) or True
    try:
        assert dialog.restore(newer) is False
        assert asked == []  # never asked to confirm what is then refused
        assert "更新版本" in dialog.message.text(), dialog.message.text()
        assert not shell.closed
    finally:
        shell.store.close()


# --- 5. photos: a full disk, an empty or non-image file -----------------------------------------

def _photo(path: Path) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    image.save(str(path))
    return path


def _parts(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part")] if folder.exists() else []


def _full_on_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy's last step (its rename into place) meets a full disk."""
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".part"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)


class _HalfThenFull(io.FileIO):
    """A file that takes half of what is written to it, then finds the disk full."""

    def write(self, data: bytes) -> int:  # type: ignore[override]
        super().write(bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")


def _full_while_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Half the photo is written, then the disk is full (every way a photo file is written)."""
    from qcdesk.models import photo_files

    real = pathlib.Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        real(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)

    def open_full(path: str | Path, mode: str = "r", *args: object, **kwargs: object) -> io.IOBase:
        if "w" in mode:
            return _HalfThenFull(path, "wb")
        return open(path, mode, *args, **kwargs)  # noqa: SIM115 - the caller closes it

    monkeypatch.setattr(photo_files, "open", open_full, raising=False)


@pytest.mark.parametrize("fill", [_full_on_rename, _full_while_writing])
def test_a_photo_on_a_full_disk_says_writing_failed_and_leaves_no_part(tmp_path: Path, monkeypatch,
                                                                        fill) -> None:
    """Said 无法读取 <source>：[Errno 28] No space left on device, and a .part stayed in photos/."""
    from qcdesk.models.inspections import PhotoFileError

    source = _photo(tmp_path / "现场.png")
    photos = tmp_path / "photos"
    fill(monkeypatch)
    with pytest.raises(PhotoFileError) as info:
        import_photo_file(photos, source)
    text = info.value.text("zh")
    assert "无法把照片" in text and "磁盘空间不足" in text and "Errno" not in text, text
    assert _parts(photos) == []


@pytest.mark.parametrize(("content", "said"), [(b"", "空文件"),
                                               (b"hello, not a picture\n", "不是 JPEG 或 PNG")])
def test_an_empty_or_non_image_photo_is_refused_in_the_editor(
        qtbot, store, paths, settings, tmp_path, monkeypatch, content: bytes, said: str) -> None:
    """A 0-byte .jpg was added silently (and would be sent in packages, never showing)."""
    bad = tmp_path / "现场.jpg"
    bad.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=1)
    tab = editor.findings_tab
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, tab.description_edit, "出厂检验记录不全")
    qtbot.mouseClick(tab.add_photo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.adding is None)  # copied in the background
    assert tab.photo_list.count() == 0
    message = tab.photo_problems.text()  # under the photos, not under 问题描述
    assert said in message and "现场.jpg" in message, message
    assert not any(paths.photos_dir.rglob("*")) if paths.photos_dir.exists() else True


def test_a_full_disk_in_the_editor_is_said_in_chinese(qtbot, store, paths, settings, tmp_path,
                                                     monkeypatch) -> None:
    good = _photo(tmp_path / "现场.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(good)], ""))
    make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=1)
    tab = editor.findings_tab
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    _full_on_rename(monkeypatch)
    qtbot.mouseClick(tab.add_photo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.adding is None)  # copied in the background
    message = tab.photo_problems.text()  # under the photos, not under 问题描述
    assert tab.photo_list.count() == 0
    assert "磁盘空间不足" in message and "Errno" not in message and "无法读取" not in message, message
    assert _parts(paths.photos_dir) == []
