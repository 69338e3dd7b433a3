"""A saved visit opened in the visit editor on its first tab, where the required visit date is
typed (the `visit` fixture of tests/conftest.py gives the saved spot check), and a date pasted.

Why one module: the date-entry tests (an impossible date, a year half typed over, a date emptied,
a pasted date) each kept the same opening and pasting functions; one imported them from another
test module."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.visit_editor import VisitEditor


def open_editor(qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit_id: int) -> VisitEditor:
    """The visit's editor, shown and active, on its first tab."""
    editor = VisitEditor(store, paths, settings=settings, visit_id=visit_id)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    return editor


def paste_over(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select the date and paste with Ctrl+V, as from Excel or a chat."""
    field.setFocus()
    field.selectAll()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
