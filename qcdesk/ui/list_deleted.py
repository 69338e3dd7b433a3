"""显示已删除 (Show deleted) on the enterprise and visit lists: the toggle, the deleted rows'
marks, and 恢复 (Restore) in their context menu instead of 删除.

Why: an inspector looking for "the firm I deleted yesterday" looks in the list he knows, and
found nothing there. The toggle is off by default and remembered per list; while it is on the
list re-queries with `ListFilters.deleted` (qcdesk.models.listing_deleted), and a deleted row is
greyed, says 已删除 in its status (or 更新日期) column and gives the day and the way back in
its tooltip. A deleted row is never opened in an editor (`opening_refusal`): it is restored first,
through the same steps as 记录 ▸ 已删除的记录… (`record_removal.restore_record`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QMenu

from qcdesk.models.clock_text import local_date
from qcdesk.ui import colours
from qcdesk.ui.settings_values import stored_text

if TYPE_CHECKING:
    from qcdesk.ui.list_pages import ListPage

MARKED_COLUMNS = frozenset({"status", "updated_at"})  # a visit's 状态, a firm's 更新时间: says 已删除


def deleted_brush() -> QBrush:
    """The faint text of a deleted row (readable on a dark palette too)."""
    return QBrush(QColor(colours.secondary(QPalette.ColorRole.Dark)))


def deleted_text() -> str:
    """The status cell's word; the day is in the tooltip (with it the columns cut the word off)."""
    return QCoreApplication.translate("DeletedRows", "Deleted")


def deleted_tip(row: dict[str, Any]) -> str:
    return QCoreApplication.translate(
        "DeletedRows", "Deleted on %1. It cannot be opened or changed while deleted: right-click it "
        "▸ Restore to bring it back.").replace("%1", local_date(row.get("deleted_at")))


def deleted_part(count: tuple[int, int]) -> str:
    """What the total (rows, of them deleted) adds when deleted rows are listed ("共 12 条，其中
    已删除 2 条")."""
    deleted = count[1]
    if not deleted:
        return ""
    return QCoreApplication.translate("DeletedRows", ", %1 of them deleted").replace("%1", f"{deleted:,}")


class DeletedRows(QObject):
    """The list's 视图 ▸ 显示已删除 and the Restore of its deleted rows. In the View menu, not the
    filter bar: the English enterprise bar has no room left on one line at 1280 px."""

    def __init__(self, page: ListPage):
        super().__init__(page)
        self.page = page
        self.box = QAction(page)  # checkable: the menu shows its tick
        self.box.setObjectName("showDeleted")
        self.box.setCheckable(True)
        self.box.toggled.connect(lambda _on: page.apply())
        page.addAction(self.box)
        top = page.window()
        menu, stack = getattr(top, "view_menu", None), getattr(top, "stack", None)
        if menu is not None and stack is not None:  # one entry, the shown list's
            menu.addSeparator()
            menu.addAction(self.box)
            self._stack = stack
            stack.currentChanged.connect(self._page_shown)  # a slot of ours: gone with the page
            self._page_shown()
        self.restore_action = QAction(page)
        self.restore_action.setObjectName("restoreRowAction")
        self.restore_action.triggered.connect(lambda _c=False: self.restore_selected())
        for watched in (page.view, page.view.viewport()):  # the mouse's menu, the keyboard's
            watched.installEventFilter(self)
        self.retranslate()

    def _page_shown(self, *_args: object) -> None:
        self.box.setVisible(self._stack.currentWidget() is self.page)

    def on(self) -> bool:
        return self.box.isChecked()

    def _key(self) -> str:
        return f"lists/{self.page.kind}/show_deleted"

    def save(self, settings: QSettings) -> None:
        settings.setValue(self._key(), "1" if self.on() else "0")

    def restore(self, settings: QSettings) -> None:
        self.box.setChecked(stored_text(settings, self._key()) == "1")

    def retranslate(self) -> None:
        self.box.setText(QCoreApplication.translate("DeletedRows", "Show deleted"))
        self.box.setToolTip(QCoreApplication.translate(
            "DeletedRows", "Also list the deleted records, greyed and marked Deleted; right-click one "
            "to restore it. Counts, the dashboard, reports and exports never include them."))
        self.restore_action.setText(QCoreApplication.translate("DeletedRows", "&Restore"))

    def selected_deleted(self) -> dict[str, Any] | None:
        """The selected row's display values when it is a deleted one."""
        index = self.page.view.currentIndex()
        row = self.page.model.display_row(index.row()) if self.page.selected_id() is not None else None
        return row if row is not None and row.get("deleted_at") else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A deleted row's context menu: Restore (and the history), not Open or Delete."""
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        if watched is self.page.view.viewport():
            index = self.page.view.indexAt(event.pos())
            if index.isValid():
                self.page.select_id(self.page.model.record_id(index.row()) or 0)
        if self.selected_deleted() is None:
            return False  # a live row: the list's own menu (Open, History, Delete)
        menu = QMenu(self.page.view)
        menu.setObjectName("deletedRowMenu")
        menu.addAction(self.restore_action)
        menu.addActions([a for a in self.page.view.actions() if a.objectName() == "historyAction"])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())  # not exec: the list keeps being refreshed meanwhile
        return True

    def restore_selected(self) -> bool:
        """Restore the selected deleted row as 已删除的记录… does: same questions and refusals."""
        from qcdesk.models.listing import LIST_SPECS
        from qcdesk.models.removal import deleted_title
        from qcdesk.ui.record_removal import restore_record

        page = self.page
        record_id = page.selected_id() if self.selected_deleted() is not None else None
        row = deleted_title(page.store, LIST_SPECS[page.kind].table, record_id) if record_id else None
        if row is None or not restore_record(page, page.store, page.kind, row):
            return False
        top = page.window()
        refresh = getattr(top, "refresh_lists", page.refresh)  # the other list may hold its visits
        refresh()
        page.select_id(row.id)
        if hasattr(top, "statusBar"):
            top.statusBar().showMessage(QCoreApplication.translate(
                "DeletedRows", "Restored: it is back on the lists, in the counts and in reports."), 8000)
        return True
