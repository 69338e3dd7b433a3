"""The enterprise field of an editor: a box that searches as the user types (受检企业).

A city's database holds 8,000 firms; a combo box loaded with all of them froze the window for
most of a second as a visit opened (s10 B1). This box holds the record's own firm (named even
when deleted), the first firms in pinyin order and the matches of what is typed, at most
`enterprises.CHOICES_LIMIT` of them, found by name, credit code or address through the search
index (`enterprises.enterprise_choices`, as the zones page's member search finds them).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from qcdesk.models.enterprises import EnterpriseChoice, enterprise_choice, enterprise_choices
from qcdesk.models.store import Store


class WithCode(QStyledItemDelegate):
    """A listed firm shows its credit code after the name: the match of a typed code is seen,
    and two firms of one name are told apart. Only drawn: the name alone is what is chosen."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        code = index.data(Qt.ItemDataRole.ToolTipRole)
        if code:
            option.text = f"{option.text}\u3000{code}"


class EnterprisePicker(QComboBox):
    """An editable box: the first item is empty (no firm), the others carry a firm's id."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.pinned: int | None = None  # the record's firm: kept whatever is typed
        self.addItem("", None)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(self.tr("type part of the name or credit code"))
        self.matches = QStandardItemModel(self)  # what the typed text found, in the popup
        completer = QCompleter(self.matches, self)
        # The index did the finding (a code or an address is not in the name shown): all shown.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # the name holding the text is highlighted
        self.setCompleter(completer)
        for view in (completer.popup(), self.view()):
            view.setItemDelegate(WithCode(view))
        completer.activated[QModelIndex].connect(self._chosen)  # after the box's own: by id
        self.lineEdit().textEdited.connect(self.search)
        self._offer(enterprise_choices(store))

    def select(self, enterprise_id: int | None) -> None:
        """Show the record's firm (deleted or not); None empties the box."""
        self.pinned = enterprise_id
        if enterprise_id is not None and self.findData(enterprise_id) < 0:
            choice = enterprise_choice(self.store, enterprise_id)
            if choice is not None:
                self.insertItem(1, choice.name, choice.id)
                self.setItemData(1, choice.uscc, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(self.findData(enterprise_id), 0))

    def enterprise_id(self) -> int | None:
        """The firm whose name is in the box (typed text that names none gives None)."""
        text = self.currentText().strip()
        if self.currentIndex() > 0 and self.itemText(self.currentIndex()) == text:
            return self.currentData()  # the one chosen, not a namesake listed before it
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        return self.itemData(index) if index > 0 else None

    def search(self, text: str) -> None:
        """The matches of `text`, in the popup and in the box (the arrow keys and Enter find them)."""
        found = enterprise_choices(self.store, text)  # nothing typed: the first firms, no popup
        self._offer(found)
        self.matches.clear()
        for choice in found if text.strip() else []:
            item = QStandardItem(choice.name)
            item.setData(choice.id, Qt.ItemDataRole.UserRole)
            item.setToolTip(choice.uscc)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.completer().complete()
        else:
            self.completer().popup().hide()

    def _offer(self, found: list[EnterpriseChoice]) -> None:
        """The box's items become the record's firm, the one chosen and `found`; the typing stays."""
        edit = self.lineEdit()
        typed, at = edit.text(), edit.cursorPosition()
        keep = {self.pinned, self.currentData()} - {None}
        self.blockSignals(True)  # the chosen firm stays chosen: nothing changed for the form
        try:
            for row in range(self.count() - 1, 0, -1):
                if self.itemData(row) not in keep:
                    self.removeItem(row)
            for choice in found:
                if self.findData(choice.id) < 0:
                    self.addItem(choice.name, choice.id)
                    self.setItemData(self.count() - 1, choice.uscc, Qt.ItemDataRole.ToolTipRole)
        finally:
            self.blockSignals(False)
        if edit.text() != typed:
            edit.setText(typed)
            edit.setCursorPosition(at)

    def _chosen(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """A match picked in the popup: that firm, even when a namesake is listed first."""
        row = self.findData(index.data(Qt.ItemDataRole.UserRole))
        if row > 0:
            self.setCurrentIndex(row)
