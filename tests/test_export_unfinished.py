"""An export killed between its commit and the rename, or before its commit, on a USB stick
(reviewer "crash" #2 and #7): the next exports say where the recorded package waits, finish it
in its own folder and name it; a side file whose number is taken is removed at once.

The exports run through the real CLI in a child process killed with SIGKILL at the moment the
reviewer chose (repro/die_at_publish.py, kill_export2.py)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills with SIGKILL")
REPO = Path(__file__).resolve().parent.parent
PASS = "长口令 long passphrase"

_KILLED = textwrap.dedent("""
    import os, signal, sys
    where = sys.argv[1]
    if where == "publish":  # committed; killed as the package takes its name
        real = os.replace
        def replace(src, dst, *a, **k):
            if str(src).endswith(".part") and str(dst).endswith(".qcpkg.zip"):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(src, dst, *a, **k)
        os.replace = replace
    else:  # the signed package complete under its side name, killed before the commit
        from qcdesk.models import exchange_store
        exchange_store.record_export = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    from qcdesk.cli import main
    sys.exit(main(sys.argv[2:]))
""")


@pytest.fixture
def inspector(tmp_path: Path) -> dict[str, Path]:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(keys),
                 "--light", "--passphrase-file", str(pw)]) == 0
    db = tmp_path / "c.db"
    store = Store.open(db, author="zhang")
    populate(store, 1, 1)
    store.close()
    for stick in ("usb1", "usb2"):
        (tmp_path / stick).mkdir()
    return {"db": db, "key": keys / "421221_张三.key", "pw": pw,
            "usb1": tmp_path / "usb1", "usb2": tmp_path / "usb2"}


def _args(w: dict[str, Path], out: Path) -> list[str]:
    return ["export", "--db", str(w["db"]), "--key", str(w["key"]), "--out", str(out),
            "--passphrase-file", str(w["pw"])]


def _killed_export(w: dict[str, Path], out: Path, where: str) -> None:
    child = subprocess.run([sys.executable, "-c", _KILLED, where, *_args(w, out)], cwd=REPO,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr


def _export(capsys: pytest.CaptureFixture[str], w: dict[str, Path], out: Path) -> tuple[Path, str]:
    capsys.readouterr()
    assert main(_args(w, out)) == 0
    captured = capsys.readouterr()
    return Path(captured.out.strip()), captured.err


def _side_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_package_left_unnamed_is_said_by_every_export_and_finished_in_its_folder(
        inspector: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    w = inspector
    _killed_export(w, w["usb1"], "publish")
    [side] = _side_files(w["usb1"])  # package 000001 recorded, only under its hidden side name
    assert not list(w["usb1"].glob("*.qcpkg.zip"))

    second, said = _export(capsys, w, w["usb2"])  # next day, another stick
    assert "_000002_" in second.name
    assert f"数据包 000001 已记录但文件仍在 {w['usb1']} 中未完成命名：{side}" in said
    assert "再次导出到该文件夹即自动完成" in said

    third, said = _export(capsys, w, w["usb1"])  # back into the first stick: finished, named
    final = w["usb1"] / (side[1:].split(".qcpkg.zip")[0] + ".qcpkg.zip")
    assert "_000001_" in final.name and final.is_file()
    assert f"数据包 000001 此前已记录但文件未完成命名，现已完成：{final}，请一并发送" in said
    assert sorted(p.name for p in w["usb1"].glob("*.qcpkg.zip")) == sorted([final.name, third.name])
    assert _side_files(w["usb1"]) == []

    _, said = _export(capsys, w, w["usb2"])  # settled: never said again
    assert "000001" not in said


def test_the_dialog_says_where_the_package_waits_and_which_one_it_finished(
        inspector: dict[str, Path], qtbot: QtBot, chinese: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui.exchange_dialogs import ExportDialog

    w = inspector
    _killed_export(w, w["usb1"], "publish")
    [side] = _side_files(w["usb1"])
    monkeypatch.setattr(QMessageBox, "question",  # "nothing changed: export an empty one?" yes
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog = ExportDialog(w["db"])
    qtbot.addWidget(dialog)
    dialog.key_edit.setText(str(w["key"]))
    dialog.passphrase_edit.setText(PASS)
    dialog.name_edit.setText("张三")
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421221"))
    for stick in ("usb2", "usb1"):
        dialog.out_edit.setText(str(w[stick]))
        job = dialog.start_export()
        assert job is not None, dialog.status.text()
        qtbot.waitUntil(lambda job=job: job.done, timeout=60000)
        shown = dialog.status.text()
        if stick == "usb2":
            assert f"数据包 000001 已记录但文件仍在 {w['usb1']} 中未完成命名：{side}" in shown
    [final] = [p for p in w["usb1"].glob("*_000001_*.qcpkg.zip")]
    assert f"数据包 000001 此前已记录但文件未完成命名，现已完成：{final}" in shown, shown


def test_a_side_file_whose_number_is_taken_is_removed_at_once(
        inspector: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    w = inspector
    _killed_export(w, w["usb1"], "commit")  # killed before its commit: nothing recorded
    [left] = _side_files(w["usb1"])
    assert "_000001_" in left  # complete and validly signed, under a side name
    first, _ = _export(capsys, w, w["usb1"])  # the re-export signs 000001 again
    assert "_000001_" in first.name
    assert _side_files(w["usb1"]) == []  # not an hour later: the stick may leave now

    _killed_export(w, w["usb1"], "commit")  # 000002 killed before its commit on usb1 ...
    assert len(_side_files(w["usb1"])) == 1
    second, _ = _export(capsys, w, w["usb2"])  # ... signed on usb2 instead
    assert "_000002_" in second.name
    third, _ = _export(capsys, w, w["usb1"])  # the old side file's number is lower: removed
    assert "_000003_" in third.name and _side_files(w["usb1"]) == []


def test_the_window_says_at_start_where_a_recorded_package_waits(
        inspector: dict[str, Path], qtbot: QtBot, paths: object,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from small_screen import started_shell

    w = inspector
    _killed_export(w, w["usb1"], "publish")
    [side] = _side_files(w["usb1"])
    started = started_shell(qtbot, paths, w["db"], "zh_CN", monkeypatch)
    shell = next(started)
    try:
        notice = shell.window.statusBar().findChild(QToolButton, "unfinishedNotice")
        shown = notice.toolTip() if notice is not None and notice.isVisible() else ""
    finally:
        next(started, None)  # closed
    assert f"数据包 000001 已记录但文件仍在 {w['usb1']} 中未完成命名：{side}" in shown, shown
