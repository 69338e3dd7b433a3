"""A county's quarterly report is not signed by the city bureau unawares (s7/r2 F9): 咸安区's
planner had never filled in 本单位名称, and the report came out as 咸宁市市场监督管理局（印章） /
本报告由咸宁市市场监督管理局编制 with no hint in the dialog. The dialog and the CLI now say so
before the report is written; the report is still written (the city office does analyse one
county under its own name)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

PERIOD = (2026, 3)


def _pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_the_dialog_says_a_county_report_would_be_signed_by_the_city(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path) -> None:
    from qcdesk.ui.report_dialog import ReportDialog

    dlg = ReportDialog(store, AppPaths(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.signer_note.isVisible()  # the whole city: the city bureau's own report
    dlg.year_combo.setCurrentIndex(dlg.year_combo.findData(PERIOD[0]))
    dlg.quarter_combo.setCurrentIndex(dlg.quarter_combo.findData(PERIOD[1]))
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findText("咸安区"))
    assert dlg.signer_note.isVisible()
    note = dlg.signer_note.text()
    assert "本单位名称尚未填写" in note and "“咸宁市市场监督管理局”" in note and "咸安区" in note, note
    assert "设置 ▸ 首选项… ▸ 组织单位" in note  # where to set it, in the menus' own words

    job = dlg.generate()  # allowed to go on
    assert job is not None
    qtbot.waitUntil(lambda: job.done and dlg.preview is not None, timeout=60_000)
    assert "本报告由咸宁市市场监督管理局编制" in _pdf_text(Path(dlg.pdf_edit.text()))
    qtbot.waitUntil(lambda: dlg.preview.job.done, timeout=60_000)
    dlg.preview.close()

    store.set_setting("doc.org_name", "咸宁市咸安区市场监督管理局")
    named = ReportDialog(store, AppPaths(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(named)
    named.show()
    named.jurisdiction_combo.setCurrentIndex(named.jurisdiction_combo.findText("咸安区"))
    assert not named.signer_note.isVisible() and not named.signer_note.text()


def test_the_cli_warns_in_one_line_and_writes_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "county.db"
    Store.open(db).close()
    args = ["report", "quarterly", "--db", str(db), "--period", f"{PERIOD[0]}Q{PERIOD[1]}"]
    assert main([*args, "--jurisdiction", "咸安区", "--out", str(tmp_path / "a.pdf")]) == 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("注意：本单位名称尚未填写"), err
    # the command line is told the command, not the window's menu
    assert "咸宁市市场监督管理局" in err and "qcdesk settings --org-name" in err and "首选项" not in err
    assert (tmp_path / "a.pdf").is_file()
    assert main([*args, "--out", str(tmp_path / "city.pdf")]) == 0  # the whole city: no warning
    assert capsys.readouterr().err == ""
    store = Store.open(db)
    store.set_setting("doc.org_name", "咸宁市咸安区市场监督管理局")
    store.close()
    assert main([*args, "--jurisdiction", "421202", "--out", str(tmp_path / "b.pdf")]) == 0
    assert capsys.readouterr().err == ""
