"""归档较早的数据包… in the received packages window (the clerk's way to `qcdesk received archive`).

Before: only the command line could move old packages out of received/; a county office clerk
never opens one, so they moved files by hand with nothing checking the copy. Now the window asks
for the folder and the age, shows the plan, asks to confirm (Cancel the default) and archives off
the GUI thread. Real signed packages, real files; only the OS dialogs answer by themselves.
"""

from __future__ import annotations

import errno
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.exchange import importer, received_archive
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models import trust_store
from qcdesk.models.free_space import size_text
from qcdesk.models.store import Store


def _county(tmp_path: Path) -> tuple[Path, list[str]]:
    """A county database that imported three packages of one signer, the first two 14 months ago."""
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key

    key = generate_secret_key()
    laptop = Store.open(tmp_path / "laptop.db")
    county = Store.open(tmp_path / "county" / "qcdesk.db")
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    shas = []
    for n in range(3):
        populate(laptop, 1, 1, uscc_offset=n)
        (tmp_path / f"usb{n}").mkdir()
        package = export_package(laptop, tmp_path / f"usb{n}", key, signer_name="张三",
                                 jurisdiction="421202", role="inspector", full=n == 0)
        importer.import_package(county, package, trust=StaticTrust.of([key.public_key]))
        shas.append(hashlib.sha256(package.read_bytes()).hexdigest())
    old = (datetime.now(UTC) - timedelta(days=430)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with county.db.atomic():
        county.db.execute("UPDATE received_package SET received_at = ? WHERE package_sha256 IN (?, ?)",
                          [old, shas[0], shas[1]])
    laptop.close()
    county.close()
    return tmp_path / "county" / "qcdesk.db", shas


def _received(db: Path) -> dict[str, bytes]:
    folder = db.parent / "received"
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


class Answers:
    """The OS dialogs: the folder picked, the months typed, the confirmation's answer; the texts
    of every message box and its default button, as the user saw them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, confirm: bool) -> None:
        self.boxes: list[tuple[str, Any]] = []
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
        monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (12, True))

        def answer(box: QMessageBox) -> int:
            self.boxes.append((box.text(), box.standardButton(box.defaultButton())))
            asks = box.button(QMessageBox.StandardButton.Cancel) is not None
            button = QMessageBox.StandardButton
            return int((button.Cancel if asks and not confirm else button.Ok).value)

        monkeypatch.setattr(QMessageBox, "exec", answer)


def _window(qtbot: QtBot, db: Path) -> tuple[Store, Any]:
    from qcdesk.ui.received_view import ReceivedPackagesDialog

    store = Store.open(db)
    key = trust_store.list_keys(store)[0]
    dialog = ReceivedPackagesDialog(store, key)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    return store, dialog


def _archive(qtbot: QtBot, dialog: Any) -> None:
    dialog.archive_button.click()
    if dialog.archive_job is not None:
        qtbot.waitUntil(lambda: dialog.archive_job.done, timeout=30000)


def test_two_old_packages_of_three_move_verified_and_the_list_shows_one(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    db, shas = _county(tmp_path)
    before = _received(db)
    old = {n: b for n, b in before.items() if n.startswith((shas[0][:16], shas[1][:16]))}
    stick = tmp_path / "U盘"
    stick.mkdir()
    answers = Answers(monkeypatch, stick, confirm=True)
    store, dialog = _window(qtbot, db)
    try:
        assert dialog.archive_button.text() == "归档较早的数据包…"
        _archive(qtbot, dialog)
        plan, default = answers.boxes[0]
        size = size_text(sum(len(b) for b in old.values()))
        assert "2 个" in plan and "12 个月" in plan and size in plan and str(stick) in plan, plan
        assert default == QMessageBox.StandardButton.Cancel  # Enter does not start the move
        for name, data in old.items():  # on the stick, the same SHA-256; gone from received/
            assert hashlib.sha256((stick / name).read_bytes()).hexdigest() == \
                hashlib.sha256(data).hexdigest()
            assert name not in _received(db)
        assert len(_received(db)) == len(before) - 2 + 1  # + archived.tsv
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 4).toolTip() == shas[2]
        report = answers.boxes[-1][0]
        assert "已归档 2 个数据包" in report and str(stick) in report and size in report, report
        assert dialog.archive_status.text() == report
        summary = dialog.summary_label.text()  # the receipts stay counted; where they went is said
        assert "已收到 3 个数据包" in summary and f"其中 2 个已归档（最近一次归档到 {stick}）" in summary
    finally:
        store.close()


def test_cancel_at_the_confirmation_changes_nothing(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    db, _shas = _county(tmp_path)
    before = _received(db)
    stick = tmp_path / "U盘"
    stick.mkdir()
    answers = Answers(monkeypatch, stick, confirm=False)
    store, dialog = _window(qtbot, db)
    try:
        _archive(qtbot, dialog)
        assert len(answers.boxes) == 1 and dialog.archive_job is None
        assert _received(db) == before and list(stick.iterdir()) == []
        assert dialog.table.rowCount() == 3
    finally:
        store.close()


def test_cancel_stops_between_packages_and_what_moved_is_verified(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    db, shas = _county(tmp_path)
    before = _received(db)
    stick = tmp_path / "U盘"
    stick.mkdir()
    answers = Answers(monkeypatch, stick, confirm=True)
    store, dialog = _window(qtbot, db)
    real_copy = received_archive._copy_verified

    def copy_then_cancel(cand: Any, dest: Path) -> Any:  # Cancel pressed while the first copies
        reason = real_copy(cand, dest)
        dialog.archive_job.cancel()
        return reason

    monkeypatch.setattr(received_archive, "_copy_verified", copy_then_cancel)
    try:
        _archive(qtbot, dialog)
        on_stick = [p.name for p in stick.iterdir() if p.name != "archived.tsv"]
        assert len(on_stick) == 1  # the first, whole, and gone from received/
        assert (stick / on_stick[0]).read_bytes() == before[on_stick[0]]
        assert on_stick[0] not in _received(db)
        assert not [p for p in stick.iterdir() if p.name.endswith(".part")]
        assert len(_received(db)) == len(before) - 1 + 1  # + archived.tsv
        report = answers.boxes[-1][0]
        assert "已归档 1 个数据包" in report and "已按“取消”停止：尚未移动的 1 个数据包仍在 received/ 中" \
            in report, report
        assert dialog.table.rowCount() == 2
    finally:
        store.close()


@pytest.mark.parametrize("how", ["not a folder", "write-protected"])
def test_a_folder_that_cannot_be_written_says_so_and_deletes_nothing(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, chinese: None, how: str) -> None:
    db, _shas = _county(tmp_path)
    before = _received(db)
    if how == "not a folder":  # a file where the folder should be
        (tmp_path / "stick.txt").write_text("x")
        stick = tmp_path / "stick.txt" / "归档"
        words = "路径中有一段不是文件夹"
    else:  # a write-protected stick (the tests run as root, which chmod does not stop)
        stick = tmp_path / "U盘"
        stick.mkdir()
        real_open = open

        def protected(path: Any, *args: Any, **kwargs: Any) -> Any:
            if str(path).startswith(str(stick)):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(received_archive, "open", protected, raising=False)
        words = "没有权限"
    answers = Answers(monkeypatch, stick, confirm=True)
    store, dialog = _window(qtbot, db)
    try:
        _archive(qtbot, dialog)
        message = answers.boxes[-1][0]
        assert f"无法写入归档文件夹 {stick}" in message and words in message, message
        assert "没有移动任何数据包" in message and "U 盘" in message, message
        assert _received(db) == before  # nothing deleted, no list written
        assert dialog.table.rowCount() == 3
        assert dialog.archive_status.text() == message
    finally:
        store.close()


def test_a_stick_too_small_is_refused_before_any_copy(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    from qcdesk.models import free_space

    db, _shas = _county(tmp_path)
    before = _received(db)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(free_space, "free_bytes", lambda folder: 1000)  # the stick is full
    answers = Answers(monkeypatch, stick, confirm=True)
    store, dialog = _window(qtbot, db)
    try:
        _archive(qtbot, dialog)
        message = answers.boxes[-1][0]
        assert "磁盘空间不足，未能归档收到的数据包" in message and str(stick) in message, message
        assert "received/ 中的数据包都没有删除" in message, message
        assert _received(db) == before and list(stick.iterdir()) == []
    finally:
        store.close()
