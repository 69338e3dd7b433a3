"""How the list import's preview draws its cells: names on one line, elided; the reason a row
was refused (说明) wrapped to its whole height, up to MAX_LINES."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

MAX_LINES = 6  # tallest a preview row grows


class OneLineDelegate(QStyledItemDelegate):
    """Draws a cell on one line, elided, while the table wraps the 说明 column."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


class WrappingDelegate(QStyledItemDelegate):
    """Row height for the whole wrapped text: lines of Chinese (a fallback font) within Latin text
    are taller than the interface font says, and the plain size hint then cuts off the last line."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data() or ""
        if not text:
            return hint
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setPlainText(text)
        document.setTextWidth(max(self.parent().columnWidth(index.column()) - 10, 20))
        cap = option.fontMetrics.lineSpacing() * MAX_LINES + 8  # longer text: whole in the tooltip
        return QSize(hint.width(), max(hint.height(), min(cap, math.ceil(document.size().height()) + 8)))
