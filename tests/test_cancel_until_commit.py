"""Cancel in the export and import windows works until the commit, and is ignored after it
(review RB: Cancel that lands late).

Before: the job reported "cancelled" whenever its Cancel flag was set when it returned. Cancel
pressed after the last progress report but before the commit let the transaction commit anyway
(the records went in, the package was written and the visits locked); Cancel pressed after the
commit (photos being placed, the package being named) had the job end as cancelled though
everything was done. Now the export and the import pass the point of no return last inside
their transaction: a Cancel before it rolls everything back (database unchanged, no package),
and from then on Cancel is ignored (the progress window loses its Cancel button) and the job
ends with its true outcome.

Cancel is made to land at the exact moment by pressing it (`Job.cancel`, what the progress
window's Cancel button calls) from inside a function the job calls at that moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import populate
from photo_packages import photo_package
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from test_exchange_dialogs import _key_file

import qcdesk.exchange.export as export_module
import qcdesk.ui.exchange_dialogs as export_dialogs
import qcdesk.ui.import_dialog as import_dialogs
from qcdesk.exchange import photo_placing
from qcdesk.models import exchange_store, import_copies
from qcdesk.models.store import Store
from qcdesk.ui.exchange_dialogs import ExportDialog, ImportDialog


class Watch:
    """The job a window starts, the outcome it delivers, and whether its progress window still
    had a Cancel button once the job passed its point of no return."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.job: Any = None
        self.outcomes: list[str] = []
        self.cancel_button_after_no_return: bool | None = None

    def press_cancel(self) -> None:
        """Cancel as the progress window's button does it (called from the worker)."""
        assert self.started.wait(20)
        self.job.cancel()


def _watch(monkeypatch: pytest.MonkeyPatch, dialogs_module: object) -> Watch:
    watch, real = Watch(), dialogs_module.attach_progress  # type: ignore[attr-defined]

    def attach(job, parent, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        dialog = real(job, parent, *args, **kwargs)
        watch.job = job
        for name in ("succeeded", "failed", "cancelled"):
            getattr(job, name).connect(lambda *_a, n=name: watch.outcomes.append(n))

        def passed() -> None:  # after attach_progress's own slot, which removes the button
            watch.cancel_button_after_no_return = bool(dialog.findChildren(QPushButton))
        job.uncancellable.connect(passed)
        watch.started.set()
        return dialog

    monkeypatch.setattr(dialogs_module, "attach_progress", attach)
    return watch


def _cancel_at(monkeypatch: pytest.MonkeyPatch, module: object, name: str, watch: Watch) -> list[int]:
    """`module.name` presses Cancel, then does its work; returns a list counting the calls."""
    real: Callable[..., Any] = getattr(module, name)
    calls: list[int] = []

    def pressed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        watch.press_cancel()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, pressed)
    return calls


def _count(db: Path, sql: str) -> int:
    s = Store.open(db)
    try:
        return int(s.db.execute(sql).fetchone()[0])
    finally:
        s.close()


# -- import ------------------------------------------------------------------------------------

def _content(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0 site photo %d " % i + bytes(range(256)) * 4


def _import_window(qtbot: QtBot, tmp_path: Path) -> tuple[ImportDialog, Path, Path]:
    db, photos = tmp_path / "county.db", tmp_path / "photos"
    Store.open(db).close()
    package = photo_package(tmp_path, db, {i: _content(i) for i in range(2)}, visits_each=2)
    dlg = ImportDialog(db, package=package, photos_dir=photos)
    qtbot.addWidget(dlg)
    return dlg, db, photos


def _import(qtbot: QtBot, dlg: ImportDialog) -> None:
    job = dlg.run(dry_run=False)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)


def test_cancel_after_the_last_report_rolls_the_import_back(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dlg, db, photos = _import_window(qtbot, tmp_path)
    watch = _watch(monkeypatch, import_dialogs)
    # inside the merge's transaction, after its last progress report: the package being logged
    calls = _cancel_at(monkeypatch, exchange_store, "record_import", watch)
    _import(qtbot, dlg)
    assert calls and watch.outcomes == ["cancelled"]
    assert dlg.status.text() == "Import cancelled. The database was not changed."
    assert dlg.result is None
    # …and it was not: no record, no package logged as imported, no photo placed, none kept
    assert _count(db, "SELECT count(*) FROM visit") == 0
    assert _count(db, "SELECT count(*) FROM photo") == 0
    assert _count(db, "SELECT count(*) FROM exchange_import") == 0
    assert not list(photos.glob("*/*"))
    assert not list((db.parent / "received").glob("*"))
    assert dlg.import_button.isEnabled()  # the user may import it after all


@pytest.mark.parametrize("moment", ["copies noted", "photos placed"])
def test_cancel_after_the_import_committed_is_ignored(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    dlg, db, photos = _import_window(qtbot, tmp_path)
    watch = _watch(monkeypatch, import_dialogs)
    module, name = ((import_copies, "imported") if moment == "copies noted"
                    else (photo_placing, "place_members"))
    calls = _cancel_at(monkeypatch, module, name, watch)
    _import(qtbot, dlg)
    assert calls
    assert watch.outcomes == ["succeeded"]  # the truth: it was imported, not "cancelled"
    assert watch.cancel_button_after_no_return is False  # Cancel went away at the commit
    assert not watch.job.is_cancelled()
    assert dlg.status.text().startswith("Imported."), dlg.status.text()
    assert dlg.result is not None and not dlg.result.dry_run
    assert _count(db, "SELECT count(*) FROM visit") == 2
    assert _count(db, "SELECT count(*) FROM exchange_import") == 1
    assert len([p for p in photos.glob("*/*") if not p.name.startswith(".")]) == 2


# -- export ------------------------------------------------------------------------------------

def _export_window(qtbot: QtBot, tmp_path: Path) -> tuple[ExportDialog, Path, Path]:
    db, out = tmp_path / "i.db", tmp_path / "out"
    out.mkdir()
    s = Store.open(db, author="insp")
    populate(s, 1, 2)
    s.close()
    key_path, _key = _key_file(tmp_path)
    dlg = ExportDialog(db)
    qtbot.addWidget(dlg)
    dlg.key_edit.setText(str(key_path))
    dlg.out_edit.setText(str(out))
    dlg.name_edit.setText("张三")
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    return dlg, db, out


def _export(qtbot: QtBot, dlg: ExportDialog) -> None:
    job = dlg.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)


LOCKED = "SELECT count(*) FROM visit WHERE locked_package IS NOT NULL"


def test_cancel_after_the_package_was_built_writes_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dlg, db, out = _export_window(qtbot, tmp_path)
    watch = _watch(monkeypatch, export_dialogs)
    # inside the transaction, the package built and checked: the export being recorded
    calls = _cancel_at(monkeypatch, exchange_store, "record_export", watch)
    _export(qtbot, dlg)
    assert calls and watch.outcomes == ["cancelled"]
    assert dlg.status.text() == "Cancelled; no file was written."
    assert dlg.result_path is None
    assert list(out.iterdir()) == []  # no package, no hidden side file
    assert _count(db, LOCKED) == 0  # the visits stay editable
    assert _count(db, "SELECT count(*) FROM exchange_export") == 0
    assert dlg.export_button.isEnabled()


@pytest.mark.parametrize("moment", ["named", "leftovers finished"])
def test_cancel_after_the_export_committed_is_ignored(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    dlg, db, out = _export_window(qtbot, tmp_path)
    watch = _watch(monkeypatch, export_dialogs)
    name = "_publish" if moment == "named" else "finish_interrupted"
    calls = _cancel_at(monkeypatch, export_module, name, watch)
    _export(qtbot, dlg)
    assert calls
    assert watch.outcomes == ["succeeded"]  # the package exists: not "cancelled"
    assert watch.cancel_button_after_no_return is False
    [written] = sorted(out.glob("*.qcpkg.zip"))
    assert dlg.result_path == written
    assert dlg.status.text().startswith(f"Package written: {written}"), dlg.status.text()
    assert _count(db, LOCKED) == 2
    assert _count(db, "SELECT count(*) FROM exchange_export") == 1
