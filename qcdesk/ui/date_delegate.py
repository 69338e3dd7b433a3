"""Dates typed in a table's cells (the enterprise file's licence dates), with the editors' field.

The cell's editor is closed, and the typed text gone, as soon as the cell loses the focus: a click
on Save committed the date held before and the half-typed correction (2026-02-31, a year typed
over with 202) vanished unsaved. The entry that was no date is kept on the cell (PENDING) until
the cell is edited again, and a save is refused at that cell with the text back for correction.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget, QWidget

from qcdesk.ui.date_field import OptionalDateEdit, reveal

PENDING = Qt.ItemDataRole.UserRole + 7  # a cell's entry that was no date, until edited again

Index = QModelIndex | QPersistentModelIndex


class DateDelegate(QStyledItemDelegate):
    """Cell dates typed or picked from a calendar, kept as ISO text (empty allowed: Delete clears)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return OptionalDateEdit(parent)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Leaving a cell whose entry is no date: the view closes the editor without committing
        (its text is not acceptable to the validator), so the entry is committed here, to be kept
        on the cell, before the editor goes."""
        if (isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut
                and event.reason() != Qt.FocusReason.PopupFocusReason
                and isinstance(editor, OptionalDateEdit) and editor.isVisible() and editor.unfinished()):
            self.commitData.emit(editor)
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, OptionalDateEdit)
        editor.setValue(index.data() or None)
        pending = index.data(PENDING)
        if pending:  # the entry not taken, back for correction
            editor.setText(pending)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, OptionalDateEdit)
        pending = editor.unfinished()
        value = editor.value() or ""
        model.setData(index, pending or None, PENDING)
        model.setData(index, value)


def refuse_pending(table: QTableWidget) -> bool:
    """Before a save: a cell still being typed in is settled as on leaving it (Ctrl+S leaves the
    editor open, and the table's items do not have its entry yet); then the first cell whose entry
    was no date is opened again with that entry and told (the editor's message), and True is
    returned (save nothing)."""
    focus = QApplication.focusWidget()
    if focus is not None and table.viewport().isAncestorOf(focus):
        table.setFocus(Qt.FocusReason.OtherFocusReason)
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None or not item.data(PENDING):
                continue
            reveal(table)
            table.setCurrentCell(row, column)
            table.editItem(item)
            editor = table.indexWidget(table.indexFromItem(item))
            if isinstance(editor, OptionalDateEdit):
                editor.refuse_save()
            return True
    return False
