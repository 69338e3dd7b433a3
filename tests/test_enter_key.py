"""Enter in a field does what a form's Enter should (review, keyboard only): in the visit editor
it opened 执法人员名录… (the first button became the dialog's default), pressed right after
ticking the inspectors; in the report dialog and the package dialogs it opened a file chooser
(浏览… became the default) instead of generating. Now the editor has no Enter button at all and
a path row's 浏览… never takes Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from qcdesk.ui.inspector_chooser import RosterDialog
from qcdesk.ui.report_dialog import ReportDialog
from tests.test_ui_editors import open_visit


def test_enter_in_the_visit_editor_opens_nothing(qtbot, store, paths, settings, monkeypatch) -> None:  # noqa: ANN001
    opened: list[str] = []
    monkeypatch.setattr(RosterDialog, "exec", lambda self: opened.append("roster") or 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    editor = open_visit(qtbot, store, paths, settings)
    qtbot.waitExposed(editor)
    for field in (editor.date_edit, editor.inspector_list):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert opened == [] and editor.isVisible()


def test_enter_in_the_report_dialog_generates(qtbot, store, paths, monkeypatch) -> None:  # noqa: ANN001
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: chosen.append("chooser") or ("", ""))
    monkeypatch.setattr(ReportDialog, "generate", lambda self: chosen.append("generate"))
    dialog = ReportDialog(store, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pdf_edit.setFocus()
    qtbot.keyClick(dialog.pdf_edit, Qt.Key.Key_Return)
    assert chosen == ["generate"]


def test_enter_in_the_import_dialog_checks_the_package(qtbot, store, monkeypatch) -> None:  # noqa: ANN001
    from qcdesk.ui.import_dialog import ImportDialog

    ran: list[bool] = []
    monkeypatch.setattr(ImportDialog, "run", lambda self, dry_run: ran.append(dry_run))
    dialog = ImportDialog(store.path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.package_edit.setFocus()
    qtbot.keyClick(dialog.package_edit, Qt.Key.Key_Return)
    assert ran == [True]  # the check (a dry run), never the import itself
