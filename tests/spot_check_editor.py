"""A saved visit opened in the visit editor on its first tab, where the required visit date is
typed (the `visit` fixture of tests/conftest.py gives the saved spot check).

Why one module: the date-entry tests (an impossible date, a year half typed over, a date emptied)
each kept the same opening function; one imported it from another test module."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
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
