"""The keys of a list page's search box (ListPage), so the keyboard alone finds and opens.

An inspector at the gate presses Ctrl+F, types 华宇 and Enter: with exactly one firm found its
window opens; with more the list gets the focus on its first row (Enter then opens it). Down
does the latter as well. Esc empties the box (a new search), and passes on when it is empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt

if TYPE_CHECKING:
    from qcdesk.ui.list_pages import ListPage

# Budgeted reads may come back short before the list ends: this many more at most tell one
# match from several (each reads a few thousand rows at most, `listing_chunks.FETCH_BUDGET`).
_MORE_READS = 20


class SearchKeys(QObject):
    """Event filter on `page.search`: Enter, Down and Esc."""

    def __init__(self, page: ListPage):
        super().__init__(page)
        self.page = page
        page.search.installEventFilter(self)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if watched is not self.page.search or event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
            return True
        if key == Qt.Key.Key_Down and self.page.model.rowCount():
            self.page.apply()
            self.to_list()
            return True
        if key == Qt.Key.Key_Escape and self.page.search.text():
            self.page.search.clear()
            self.page.apply()
            return True
        return False

    def enter(self) -> None:
        """Search now; open the one row found, else go to the first row."""
        page = self.page
        page.apply()
        model = page.model
        for _ in range(_MORE_READS):
            if model.rowCount() > 1 or not model.canFetchMore():
                break
            model.fetchMore()
        if model.rowCount() == 1 and not model.canFetchMore():
            page.view.selectRow(0)
            page.open_selected()
        elif model.rowCount():
            self.to_list()

    def to_list(self) -> None:
        view = self.page.view
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.page.selected_id() is None:
            view.selectRow(0)
