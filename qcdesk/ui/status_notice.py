"""A warning that stays in the status bar while it holds: a red sign and a few words, the whole
text in its tooltip and, on a click, in a box (the network-drive and unnamed-package notices).

Why a button and not a status message: a message is gone in seconds, replaced by any menu's status
tip and cut off at the usual window width; a box at every start is clicked away unread."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

from qcdesk.ui import colours

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

N = TypeVar("N", bound="WarningNotice")


class WarningNotice(QToolButton):
    """Hidden until it has something to say; `explain` (a click) says it whole."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.setStyleSheet(f"QToolButton#{name} {{ {colours.text_css('#a61b1b')} font-weight: bold; }}")
        self.clicked.connect(self.explain)
        self.hide()

    def explain(self) -> object:
        raise NotImplementedError


def placed(window: QMainWindow, kind: type[N], name: str, make: Callable[[], N]) -> N:
    """The window's notice of this kind, put at the front of its status bar the first time."""
    notice = window.findChild(kind, name)
    if notice is None:
        notice = make()
        window.statusBar().insertPermanentWidget(0, notice)
    return notice
