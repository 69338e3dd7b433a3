"""Every file chooser opens in a folder the user can find, never the program's (review "windows" 7).

Found on Windows: the save dialogs were given a bare file name, which Qt resolves against the
process's working folder. Started from a shortcut, that is the program folder under Program
Files, so 另存为 of a PDF, the warnings, the publication, the roster template and import report
opened there, where saving fails or is silently redirected. The report dialog proposed the app's
hidden data folder. Now each kind of file starts in the folder last used for it, else Documents.
Here the process's working folder is a stand-in "program folder" and every chooser's proposed
path is caught by a stand-in for QFileDialog's static methods.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from test_publication import DAY, drawn  # noqa: E402, F401 - the fixture of a stored draw


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The process runs in a "program folder", as when started from a Windows shortcut."""
    folder = tmp_path / "Program Files" / "QCDesk"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's Documents, under tmp_path (never the tester's own)."""
    folder = tmp_path / "文档"
    folder.mkdir()
    real = QStandardPaths.writableLocation
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda kind: str(folder)
                        if kind == QStandardPaths.StandardLocation.DocumentsLocation else real(kind))
    return folder


ANSWER: list[Path] = []  # the file the next save or open dialog answers (once)


@pytest.fixture
def proposed(qapp, settings: QSettings, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
             program: Path, documents: Path) -> list[Path]:
    """What each file chooser proposed (a file or a folder), made absolute as Qt would: against
    the working folder. Each chooser is then cancelled (or answers ANSWER[0] once it is set);
    the app's settings are under tmp_path."""
    monkeypatch.setattr(qapp, "settings", settings, raising=False)
    seen: list[Path] = []
    ANSWER.clear()

    def saved(_parent, _title, start="", _filters="", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(Path(start).absolute())
        return (str(ANSWER.pop()) if ANSWER else ""), ""

    def opened_many(_parent, _title, start="", _filters="", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(Path(start).absolute())
        return [], ""

    def folder(_parent, _title, start="", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(Path(start).absolute())
        return ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", saved)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", saved)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", opened_many)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    monkeypatch.setattr(QFileDialog, "exec", lambda self: seen.append(Path(self.directory().path())) or 0)
    return seen


def _outside(found: list[Path], program: Path, count: int) -> None:
    assert len(found) == count, found
    assert [p for p in found if p.is_relative_to(program)] == []  # each one that would open there


def test_every_chooser_starts_outside_the_program_folder(qtbot: QtBot, drawn: tuple[Store, str],  # noqa: F811
                                                         paths: AppPaths, settings: QSettings,
                                                         proposed: list[Path], program: Path, documents: Path,
                                                         tmp_path: Path) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog
    from qcdesk.ui.draw_dialog import DrawDialog
    from qcdesk.ui.exchange_dialogs import ExportDialog, ImportDialog
    from qcdesk.ui.export_list import choose_path
    from qcdesk.ui.findings_tab import FindingsTab
    from qcdesk.ui.keys_dialog import TrustDialog
    from qcdesk.ui.main_window import MainWindow
    from qcdesk.ui.pdf_preview import PdfPreviewDialog
    from qcdesk.ui.report_dialog import ReportDialog
    from qcdesk.ui.roster_import_dialog import InspectorImportDialog, RosterImportDialog
    from qcdesk.ui.signing_key import KeysDialog
    from qcdesk.ui.warnings_page import WarningsPage

    store, _uuid = drawn
    pdf = tmp_path / "通知书.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    widgets: list[QWidget] = []

    def keep(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        widgets.append(widget)
        return widget

    keep(PdfPreviewDialog(pdf, "责令整改通知书", suggested_name="责令整改通知书.pdf")).save_as()
    keep(WarningsPage(store)).save_as()
    keep(DrawDialog(store, paths, today=DAY)).export_publication()
    for kind in (RosterImportDialog, InspectorImportDialog):
        roster = keep(kind(store))
        roster.save_template()
        roster.plan = object()  # a file read and checked: its report can be saved
        roster.save_report()
        roster.choose_file()
    choose_path(keep(QWidget()), "企业列表.xlsx")
    report = keep(ReportDialog(store, paths))
    report._pick_pdf()
    report._pick_xlsx()
    proposed += [Path(report.pdf_edit.text()), Path(report.xlsx_edit.text())]  # what Generate writes
    backup = keep(BackupDialog(store, paths.backups_dir))
    backup.save_copy()
    backup.restore_from_file()
    keep(TrustDialog(store)).add_key()
    own = keep(KeysDialog(store, paths))
    own.key_files = SimpleNamespace(public=paths.data_dir / "keys" / "张三.pub")  # a key made before
    own.export_public()
    export = keep(ExportDialog(store.path, store=store))
    export._pick_key()
    export._pick_out()
    keep(ImportDialog(store.path))._pick()
    findings = keep(FindingsTab("zh", paths.photos_dir))
    findings.add()
    findings.add_photos()
    paths.data_dir.mkdir(parents=True, exist_ok=True)  # made at the first start
    window = keep(MainWindow(paths, settings))
    window.choose_database()
    _outside(proposed, program, 23)
    assert proposed[0] == documents / "责令整改通知书.pdf"  # the name proposed, in Documents
    assert Path(report.pdf_edit.text()).parent == documents  # not the app's hidden data folder
    assert proposed[-1] == paths.data_dir  # the database chooser: where the database is


def test_a_chooser_starts_where_that_kind_of_file_went_last(qtbot: QtBot, store: Store, proposed: list[Path],
                                                            program: Path, documents: Path,
                                                            tmp_path: Path) -> None:
    from qcdesk.ui.pdf_preview import PdfPreviewDialog

    pdf = tmp_path / "抽样单.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    stick = tmp_path / "U盘"
    stick.mkdir()
    dialog = PdfPreviewDialog(pdf, "抽样单", suggested_name="抽样单.pdf")
    qtbot.addWidget(dialog)
    ANSWER.append(stick / "抽样单1.pdf")
    assert dialog.save_as() == stick / "抽样单1.pdf"
    assert proposed == [documents / "抽样单.pdf"]  # the first time: Documents
    proposed.clear()
    dialog.save_as()
    assert proposed == [stick / "抽样单.pdf"]  # the USB stick again, not the program folder
    shutil.rmtree(stick)
    proposed.clear()
    dialog.save_as()
    assert proposed == [documents / "抽样单.pdf"]  # the stick taken out: Documents
