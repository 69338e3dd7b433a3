"""The export and import windows stay open while their job runs (review RB 3).

Before: Close, Esc or the window's X within the first half second (before the window-modal
progress window showed) hid the dialog while the worker went on: the package was written and
the visits locked, or the package imported, with no word; the shell refreshed its lists before
the import had committed. Now the window refuses to close while the job runs and says why and
what to do (wait, or Cancel in the progress window), as the report window does; once the job
has ended it shows the outcome and closes as before."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_exchange_cli import _export, _trust, world  # noqa: F401 - the fixture is used by name
from test_export_empty import _dialog, exported  # noqa: F401 - the fixture is used by name

import qcdesk.exchange.export as export_module
import qcdesk.exchange.importer as importer_module
from qcdesk.ui.exchange_dialogs import ImportDialog


def _held(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> threading.Event:
    """The core function `name` waits until the returned event is set (a slow job)."""
    go, real = threading.Event(), getattr(module, name)

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        assert go.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return go


def _try_to_close(qtbot: QtBot, dialog) -> None:  # noqa: ANN001
    """Esc, the Close button's reject and the window's X, each while the job runs."""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.reject()
    assert dialog.isVisible()
    dialog.close()  # the X: QDialog's closeEvent goes through reject
    assert dialog.isVisible()


def test_the_export_window_stays_open_until_the_package_is_written(
        qtbot: QtBot, exported: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    db, out, key_path = exported
    dlg = _dialog(qtbot, db, out, key_path)
    dlg.full_check.setChecked(True)
    dlg.show()
    qtbot.waitExposed(dlg)
    go = _held(monkeypatch, export_module, "export_package")
    before = set(out.iterdir())
    job = dlg.start_export()
    assert job is not None
    _try_to_close(qtbot, dlg)
    said = dlg.status.text()
    assert "still being written" in said and "Cancel in the progress window" in said, said
    go.set()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    [written] = set(out.iterdir()) - before
    assert dlg.isVisible() and f"Package written: {written}" in dlg.status.text()
    dlg.reject()
    assert not dlg.isVisible()


def test_the_import_window_stays_open_until_the_import_is_done(
        qtbot: QtBot, world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    package = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    dlg = ImportDialog(world["cdb"], package=package)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    go = _held(monkeypatch, importer_module, "import_package")
    job = dlg.run(dry_run=True)
    assert job is not None
    _try_to_close(qtbot, dlg)
    assert "still being checked" in dlg.status.text(), dlg.status.text()
    go.set()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    go.clear()
    job = dlg.run(dry_run=False)
    assert job is not None
    _try_to_close(qtbot, dlg)
    said = dlg.status.text()
    assert "import is still running" in said and "Cancel in the progress window" in said, said
    go.set()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert dlg.isVisible() and dlg.result is not None and not dlg.result.dry_run
    dlg.reject()
    assert not dlg.isVisible()
