"""A cancelled 备份与恢复 ▸ 另存副本 says what the target holds (review RB 2).

Before: saving over last week's copy on a stick copies the photos first and the database last;
a Cancel while the photos were copied said "…copy.db holds a database copy, but not all of its
photos", and the inspector took last week's data to the office as today's. Now the message
says the old copy was not replaced (with the day it was saved and that it lacks the changes
since), or that nothing was written; Cancel is honoured until the new database copy takes the
file's name, and ignored after (the old copy is gone by then: the save goes through)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store
from qcdesk.ui import backup_dialog
from qcdesk.ui.backup_dialog import BackupDialog

OLD_TIME = datetime(2026, 11, 24, 16, 5).timestamp()  # last week's copy on the stick


@pytest.fixture(autouse=True)
def _english(qapp) -> None:  # noqa: ANN001
    qapp.setProperty("lang", "en")  # put back by conftest's _app_language_kept


def _photo(store: Store, photos: Path, i: int) -> None:
    content = b"\xff\xd8\xff\xe0 photo %d " % i + bytes(range(256)) * 20
    sha = hashlib.sha256(content).hexdigest()
    (photos / sha[:2]).mkdir(parents=True, exist_ok=True)
    (photos / sha[:2] / f"{sha}.jpg").write_bytes(content)
    finding_id = store.db.execute("SELECT min(id) FROM finding").fetchone()[0]
    insert_record(store, Photo(finding_id=finding_id, sha256=sha, file_name=f"现场{i}.jpg"))


def _enterprises(db: Path) -> int:
    """Read only: opening the copy as a Store would write to it (and change its date)."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM enterprise").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def county(qtbot, tmp_path: Path):  # noqa: ANN001, ANN201
    """A county database with 2 photos, saved last week to the stick; since then 3 more
    enterprises and 3 more photos. Yields (dialog, stick copy, photo folder)."""
    photos, stick = tmp_path / "photos", tmp_path / "stick" / "copy.db"
    db = tmp_path / "data" / "county.db"
    db.parent.mkdir()
    store = Store.open(db)
    populate(store, 1, 1)
    for i in range(2):
        _photo(store, photos, i)
    dialog = BackupDialog(store, db.parent / "backups", photos_dir=photos)
    qtbot.addWidget(dialog)
    assert dialog.save_copy(str(stick)) == stick
    os.utime(stick, (OLD_TIME, OLD_TIME))
    populate(store, 3, 1, uscc_offset=1)  # today's work
    for i in range(2, 5):
        _photo(store, photos, i)
    assert _enterprises(stick) == 1 and _enterprises(db) == 4
    yield dialog, stick
    store.close()


def _cancel_at(monkeypatch: pytest.MonkeyPatch, dialog: BackupDialog, *, photo: int | None = None,
               before_rename: bool = False, after_rename: bool = False) -> None:
    """Press Cancel (what the progress dialog's button does) at a photo of the first pass,
    while the database copy is written, or just after it took the file's name."""
    real = backup_dialog.copy_with_photos

    def copy(db: Path, out: Path, photos_dir: Path, report, **kw):  # noqa: ANN001, ANN003, ANN202
        replacing = kw.pop("replacing")
        first_pass = [True]

        def press(done: int, total: int) -> None:
            if first_pass[0] and done == photo:
                dialog.job.cancel()
            report(done, total)

        def rename() -> None:
            first_pass[0] = False
            if before_rename:
                dialog.job.cancel()
            replacing()
            if after_rename:
                dialog.job.cancel()

        return real(db, out, photos_dir, press, replacing=rename, **kw)

    monkeypatch.setattr(backup_dialog, "copy_with_photos", copy)


def _left_beside(stick: Path) -> list[str]:
    return sorted(p.name for p in stick.parent.iterdir() if p.is_file())


def test_cancel_while_the_photos_go_over_last_week_s_copy_says_it_is_still_last_week_s(
        county, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    dialog, stick = county
    _cancel_at(monkeypatch, dialog, photo=1)
    assert dialog.save_copy(str(stick)) is None
    text = dialog.message.text()
    assert _enterprises(stick) == 1  # last week's copy, untouched
    assert "holds a database copy" not in text, text
    assert f"{stick} was not replaced" in text and "still the copy saved on 2026-11-24 16:05" in text
    assert "does not hold the changes made since" in text and "Save the copy again" in text
    assert _left_beside(stick) == ["copy.db"]


def test_cancel_while_the_database_is_copied_over_an_old_copy_keeps_it_whole(
        county, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    dialog, stick = county
    _cancel_at(monkeypatch, dialog, before_rename=True)
    assert dialog.save_copy(str(stick)) is None
    text = dialog.message.text()
    assert _enterprises(stick) == 1, "the Cancel came before the rename: the old copy stays"
    assert "still the copy saved on 2026-11-24 16:05" in text and "holds a database copy" not in text
    assert _left_beside(stick) == ["copy.db"]  # no half copy (.part) left on the stick


def test_a_cancel_after_the_old_copy_was_replaced_is_ignored_and_the_save_said(
        county, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    dialog, stick = county
    _cancel_at(monkeypatch, dialog, after_rename=True)
    assert dialog.save_copy(str(stick)) == stick
    text = dialog.message.text()
    assert _enterprises(stick) == 4 and "Backup written" in text and "Cancelled" not in text, text


def test_cancel_before_a_new_copy_is_named_writes_nothing_and_says_so(
        county, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    dialog, stick = county
    fresh = stick.with_name("today.db")
    _cancel_at(monkeypatch, dialog, before_rename=True)
    assert dialog.save_copy(str(fresh)) is None
    text = dialog.message.text()
    assert not fresh.exists() and _left_beside(stick) == ["copy.db"]
    assert "nothing was written" in text and "holds a database copy" not in text, text
