"""One window per record: a record already open is brought to the front, not opened again.

Found: the same stale draft picked twice from the status bar's drafts menu, or a visit
double-clicked on the list while the enterprise page had it open, gave a second editor of the
same record; whichever was saved last silently won, or was refused as stale. The main window's
`open_record` asks `already_open` first; a window is found however it was opened (the lists,
the drafts menu, an enterprise page), by the record it shows. The "open" buttons and lists inside
editors (an order's 打开检查记录, a visit's orders, an enterprise page's lists) ask `shown_instead`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.listing_deleted import opening_refusal

if TYPE_CHECKING:
    from qcdesk.ui.main_window import MainWindow


# each kind's editor: (module, class, the attribute holding the record's id)
EDITORS = {ENTERPRISES: ("enterprise_page", "EnterprisePage", "enterprise_id"),
           VISITS: ("visit_editor", "VisitEditor", ""),
           RECTIFICATIONS: ("rectification_dialog", "RectificationDialog", "rectification_id")}


def _record_id(widget: QWidget, attribute: str) -> object:
    return getattr(widget, attribute, None) if attribute else widget.bundle.visit.id  # type: ignore[attr-defined]


def already_open(kind: str, record_id: int) -> QWidget | None:
    """The window showing that record now, if any (a dialog of another window included)."""
    from qcdesk.ui import main_window

    module, name, attribute = EDITORS.get(kind, EDITORS[RECTIFICATIONS])
    cls = main_window.find_ui(module, name)
    if cls is None:
        return None
    for top in QApplication.topLevelWidgets():
        for widget in (top, *top.findChildren(cls)):
            if isinstance(widget, cls) and shiboken6.isValid(widget) and widget.isVisible() \
                    and _record_id(widget, attribute) == record_id:
                return widget
    return None


def bring_to_front(widget: QWidget) -> QWidget:
    """Shown again (un-minimised), raised and given the focus."""
    if widget.isMinimized():
        widget.showNormal()
    widget.raise_()
    widget.activateWindow()
    return widget


def sits_under(widget: QWidget, caller: QWidget) -> bool:
    """Whether the window is behind the dialog in use (an ancestor of it or of the modal dialog):
    brought to the front, it could not be used until that dialog is closed."""
    for start in (caller, QApplication.activeModalWidget()):
        parent = start.parentWidget() if start is not None else None
        while parent is not None:
            if parent is widget:
                return True
            parent = parent.parentWidget()
    return False


def shown_instead(caller: QWidget, kind: str, record_id: int | None) -> QWidget | None:
    """The record's open window, brought to the front, or when it sits behind the dialog in use,
    a one-line notice saying so; None when the record is not open (the caller opens it)."""
    shown = already_open(kind, record_id) if record_id is not None else None
    if shown is None:
        return None
    if not sits_under(shown, caller):
        return bring_to_front(shown)
    if kind == VISITS:
        text = QCoreApplication.translate("RecordOpening", "This visit is already open in the window "
                                          "behind this one: close this window to go back to it.")
    else:
        text = QCoreApplication.translate("RecordOpening", "This rectification order is already open in "
                                          "the window behind this one: close this window to go back to it.")
    QMessageBox.information(caller, QCoreApplication.translate("RecordOpening", "Already open"), text)
    return shown


def record_editor(window: MainWindow, kind: str, record_id: int) -> QWidget | None:
    """A new editor of the record (None: this version has none for its kind)."""
    from qcdesk.ui import main_window

    store, paths = window.store, window.paths
    refused = opening_refusal(store, kind, record_id)  # a deleted row (显示已删除): restore it first
    if refused is not None:
        raise refused
    if kind == ENTERPRISES:
        cls = main_window.find_ui("enterprise_page", "EnterprisePage")
        return cls(store, paths, record_id, window) if cls else None
    if kind == VISITS:
        cls = main_window.find_ui("visit_editor", "VisitEditor")
        return cls(store, paths, visit_id=record_id, parent=window) if cls else None
    cls = main_window.find_ui("rectification_dialog", "RectificationDialog")
    return cls(store, paths, record_id, window) if cls else None
