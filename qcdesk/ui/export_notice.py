"""A package an export recorded but did not get to name (the process killed, a dead battery
between the commit and the rename) is said when the window shows a database, with where it
waits: it still has to be sent, and the receiver would find a gap at its number
(exchange/unfinished.py; review "crash" 2).

A button in the status bar, like the drafts and network-drive notices, for as long as the
package waits: the whole text in its tooltip, and a click shows it in a box, one paragraph per
package. (It was a two-minute status message: cut off at the usual window width before the
name to rename the file to, and replaced by any menu's status tip; review regress-ui A6.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from qcdesk.ui.status_notice import WarningNotice, placed

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from qcdesk.exchange.unfinished import Unfinished
    from qcdesk.models.store import Store


class UnfinishedNotice(WarningNotice):
    """数据包 000001 已记录但未完成命名: shown while a recorded package waits unnamed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "unfinishedNotice")
        self.store: Store | None = None
        self.gone: dict[str, Unfinished] = {}  # said once by `waiting`: kept until read
        self.shown: list[Unfinished] = []
        # gone once the package has its name (an export into its folder, or renamed by hand):
        # looked at again whenever another window (the export dialog, a menu) gives focus back
        app = QGuiApplication.instance()
        app.focusWindowChanged.connect(self._focus_moved)  # type: ignore[union-attr]

    def changeEvent(self, event: QEvent) -> None:
        """A language switch: said in the new language at once, not at the next focus change."""
        if event.type() == QEvent.Type.LanguageChange and self.shown:
            self.refresh()
        super().changeEvent(event)

    def _focus_moved(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the notes again (a setting and a look at a path or two); never in the way."""
        from qcdesk.exchange.unfinished import waiting

        store = self.store
        found: list[Unfinished] = []
        if store is not None and store.path is not None:
            try:
                found = waiting(store)
            except Exception:  # noqa: BLE001 - a note only
                found = []
        for item in found:
            if item.gone:
                self.gone[str(item.final)] = item
        self.shown = [u for u in found if not u.gone] + list(self.gone.values())
        self.shown.sort(key=lambda u: u.sequence)
        if not self.shown:
            self.hide()
            return
        if len(self.shown) == 1:
            self.setText(self.tr("Package %1 recorded but not finished").replace(
                "%1", f"{self.shown[0].sequence:06d}"))
        else:
            self.setText(self.tr("%1 packages recorded but not finished").replace(
                "%1", str(len(self.shown))))
        self.setToolTip(self.detail())
        self.show()

    def detail(self) -> str:
        """One paragraph per package: where it waits and what to do."""
        from qcdesk.ui.workers import ui_lang

        lang = ui_lang()
        return "\n\n".join(u.text(lang) + ("." if lang == "en" else "。") for u in self.shown)

    def explain(self) -> QMessageBox | None:
        """The whole text in a box the user closes; a package gone from its folder is then
        not said again."""
        self.refresh()
        if not self.shown:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Package not finished"),
                          self.detail(), QMessageBox.StandardButton.Ok, self.window())
        box.setObjectName("unfinishedNoticeBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label = box.findChild(QLabel, "qt_msgbox_label")
        if label is not None:  # the name to rename the file to, whole on one line (review "late" 4)
            names = max(label.fontMetrics().horizontalAdvance(u.final.name) for u in self.shown)
            screen = self.screen()
            room = screen.availableGeometry().width() - 160 if screen else names  # icon, margins
            label.setMinimumWidth(min(names + 8, room))
        box.open()
        if self.gone:
            self.gone.clear()
            self.refresh()
        return box


def show_unfinished(window: QMainWindow, store: Store | None) -> None:
    """At start-up (and whenever another database opens): say if a recorded package waits."""
    notice = placed(window, UnfinishedNotice, "unfinishedNotice", lambda: UnfinishedNotice(window))
    if store is not notice.store:
        notice.gone.clear()
    notice.store = store
    notice.refresh()
