"""The export's "nothing new since the last package" question, asked with “Include photo files”
unticked while photo files were never sent: it says how many wait and that only a package with
the box ticked carries them. Answering Yes then would spend a sequence number on an empty package
and leave them waiting, without a word about them (since 60b927f a ticked box exports them
without asking)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_photo_files_forgotten import PASS, Office
from test_photo_package_limit import _add_photos, _at, _carried, _dialog, _export

from qcdesk.models.store import Store

SAID = {  # what the question adds, for 2 files
    "en": ("2 photo files have not been sent yet; only a package made with “Include photo files” "
           "ticked carries them. To send them, answer No, tick it and export again."),
    "zh_CN": "另有 2 张照片文件尚未发出，只有勾选“包含照片文件”导出的数据包才会带上它们。"
             "要发出这些照片，请选“否”，勾选该项后再导出。",
}


@pytest.fixture
def insp(tmp_path: Path) -> Office:
    """An inspector's desk with records, its key and its own photo folder."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    desk = Office(tmp_path, "张三", "inspector")
    s = Store.open(desk.db, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    return desk


def test_the_question_names_the_unsent_photo_files(
        qtbot: QtBot, lang: str, insp: Office, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shas = _add_photos(insp, 0, 3)
    _export(insp, monkeypatch, capsys)  # the CLI's default: rows sent, photo files not
    _at(insp, shas[2]).unlink()  # a file this desk no longer has cannot be sent: not counted
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    dlg = _dialog(qtbot, insp, insp.key)
    assert not dlg.attach_check.isChecked()
    assert dlg.start_export() is None and len(asked) == 1
    assert asked[0].endswith("\n\n" + SAID[lang]), asked[0]
    assert not list(insp.out.glob("*_000002_*"))  # answered No: nothing written

    dlg.attach_check.setChecked(True)  # as the question says: sent without asking
    job = dlg.start_export()
    assert job is not None and len(asked) == 1
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert _carried(dlg.result_path) == sorted(shas[:2])

    dlg.attach_check.setChecked(False)  # nothing waits now: the plain question
    assert dlg.start_export() is None and len(asked) == 2
    assert "\n\n" not in asked[1] and not any(w in asked[1] for w in ("photo", "照片")), asked[1]
