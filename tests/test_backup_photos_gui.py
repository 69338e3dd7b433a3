"""备份与恢复 ▸ 另存副本 copies the photo files too, in a worker that can be cancelled, and a
restore from that copy on a new PC brings them back (review photos A2; the CLI side is
tests/test_backup_photos.py). Before: the copy held the database only and the dialog never said
that photos were left out."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QLabel

from qcdesk.models.backup_photos import PHOTO_FOLDER
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store
from qcdesk.ui import backup_dialog
from qcdesk.ui.backup_dialog import BackupDialog


def _content(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0 own photo %d " % i + bytes(range(256)) * 30


def _county(tmp_path: Path, photos: Path, n: int) -> Path:
    db = tmp_path / "old" / "county.db"
    db.parent.mkdir(parents=True)
    store = Store.open(db)
    populate(store, 1, 1, text="现场照片")
    finding_id = store.db.execute("SELECT min(id) FROM finding").fetchone()[0]
    for i in range(n):
        sha = hashlib.sha256(_content(i)).hexdigest()
        (photos / sha[:2]).mkdir(parents=True, exist_ok=True)
        (photos / sha[:2] / f"{sha}.jpg").write_bytes(_content(i))
        insert_record(store, Photo(finding_id=finding_id, sha256=sha, file_name=f"现场{i}.jpg"))
    store.close()
    return db


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*.jpg")}


@pytest.fixture(autouse=True)
def _english(qapp) -> None:  # noqa: ANN001
    """Core lines in the language of the dialog's own (untranslated, English) texts."""
    qapp.setProperty("lang", "en")  # put back by conftest's _app_language_kept


def test_save_a_copy_takes_the_photos_and_a_restore_on_a_new_pc_brings_them_back(
        qtbot, tmp_path: Path) -> None:
    old_photos, stick = tmp_path / "old-photos", tmp_path / "stick"
    db = _county(tmp_path, old_photos, 3)
    store = Store.open(db)
    dialog = BackupDialog(store, db.parent / "backups", photos_dir=old_photos)
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel, "backupIntro").text()
    assert "database only" in intro and PHOTO_FOLDER in intro  # the automatic copies hold no photo
    assert "received folder" in intro  # a day's package imports share one copy (import_copies)
    workers = []
    real_copy = backup_dialog.copy_with_photos
    backup_dialog.copy_with_photos = lambda *a, **kw: (workers.append(threading.current_thread()),
                                                       real_copy(*a, **kw))[1]
    try:
        assert dialog.save_copy(str(stick / "county-backup.db")) == stick / "county-backup.db"
    finally:
        backup_dialog.copy_with_photos = real_copy
    assert workers and workers[0] is not threading.main_thread()  # the window stays responsive
    assert "3 copied" in dialog.message.text() and str(stick / PHOTO_FOLDER) in dialog.message.text()
    assert _files(stick / PHOTO_FOLDER) == _files(old_photos)
    store.close()

    new_photos, new_db = tmp_path / "new-photos", tmp_path / "new" / "county.db"  # a new laptop
    new_db.parent.mkdir()
    holder = {"store": Store.open(new_db)}

    def reopen(path: Path) -> Store:
        holder["store"] = Store.open(path)
        return holder["store"]

    fresh = BackupDialog(holder["store"], new_db.parent / "backups", photos_dir=new_photos,
                         close_store=lambda: holder["store"].close(), reopen_store=reopen)
    qtbot.addWidget(fresh)
    fresh.confirm = lambda source: True
    assert fresh.restore(stick / "county-backup.db")
    assert "3 photo file(s) brought back" in fresh.message.text(), fresh.message.text()
    assert _files(new_photos) == _files(old_photos)
    holder["store"].close()


def test_cancel_while_the_photos_are_copied_keeps_whole_files_and_says_what_to_do(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_photos, stick = tmp_path / "old-photos", tmp_path / "stick"
    db = _county(tmp_path, old_photos, 3)
    store = Store.open(db)
    dialog = BackupDialog(store, db.parent / "backups", photos_dir=old_photos)
    qtbot.addWidget(dialog)
    real_copy = backup_dialog.copy_with_photos

    def cancelled_after_one(db: Path, out: Path, photos_dir: Path, report, **kw) -> object:  # noqa: ANN001, ANN003
        def press_cancel(done: int, total: int) -> None:
            if done == 1:
                dialog.job.cancel()  # what the progress dialog's Cancel does
            report(done, total)
        return real_copy(db, out, photos_dir, press_cancel, **kw)

    monkeypatch.setattr(backup_dialog, "copy_with_photos", cancelled_after_one)
    assert dialog.save_copy(str(stick / "c.db")) is None
    text = dialog.message.text()
    assert "Cancelled while copying the photo files" in text and "Save the copy to the same folder" in text
    assert "holds a database copy" in text  # the database goes first: the records are safe
    check = Store.open(stick / "c.db")
    assert check.db.execute("SELECT count(*) FROM photo").fetchone()[0] == 3
    check.close()
    copied = _files(stick / PHOTO_FOLDER)
    assert len(copied) == 1 and all(hashlib.sha256(b).hexdigest() == n[:64] for n, b in copied.items())
    monkeypatch.setattr(backup_dialog, "copy_with_photos", real_copy)
    assert dialog.save_copy(str(stick / "c.db")) is not None  # again: the rest follow
    assert "2 copied" in dialog.message.text() and "1 already there" in dialog.message.text()
    store.close()


def test_the_window_s_backup_dialog_copies_the_data_folder_s_photos(qtbot, tmp_path: Path, paths,
                                                                    monkeypatch) -> None:  # noqa: ANN001
    """备份与恢复 opened from the window knows the photo folder (`AppPaths.photos_dir`)."""
    import argparse

    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui import app as app_module

    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Ok)
    db = _county(tmp_path, paths.photos_dir, 2)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    try:
        tools = shell.window.tools
        dialog = tools._make("backup", tools.find("backup"), shell.store)
        qtbot.addWidget(dialog)
        assert dialog.save_copy(str(tmp_path / "stick" / "c.db")) is not None
        assert _files(tmp_path / "stick" / PHOTO_FOLDER) == _files(paths.photos_dir)
    finally:
        shell.window.close()
        shell.shutdown()
