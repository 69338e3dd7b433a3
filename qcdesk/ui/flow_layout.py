"""A layout that lays its items out in a line and wraps to further lines when the width runs out.

The list pages' filter bar is one: in English at 125 % on a 1366 × 768 laptop (about 1093 logical
pixels wide) a single row of search box, combos, Clear filters, Total and Export list… needed
973 px, so the main window could not be narrowed onto the screen and the row's end was cut off.
Wrapping keeps every control whole and on screen; its minimum width is that of its widest item.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapped by their size hints; a line's spare width goes to the items
    given a stretch (like QBoxLayout's), so a search box can grow and a group can sit right."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}  # id(item) -> stretch
        self.setSpacing(spacing)

    # -- filling --------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # Qt override: addWidget() comes here
        self._items.append(item)

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        self.addWidget(widget)
        self._stretch[id(self._items[-1])] = stretch

    def add_layout(self, layout: QLayout, stretch: int = 0) -> None:
        """A nested layout moves (and wraps) as one item: a label stays beside its field."""
        layout.setContentsMargins(0, 0, 0, 0)
        self.addChildLayout(layout)
        self.addItem(layout)
        self._stretch[id(layout)] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        return item

    # -- sizes ----------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:
        """Everything on one line, as wide screens show it."""
        shown = self._shown()
        width = sum(_width(i) for i in shown) + self.spacing() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height) + _extent(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """The widest single item: narrower than that, something would be cut."""
        shown = self._shown()
        width = max((_width(i) for i in shown), default=0)
        height = max((i.minimumSize().height() for i in shown), default=0)
        return QSize(width, height) + _extent(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- placing --------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        """Hidden widgets take no room; a nested layout counts while any of its widgets shows."""
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Break into lines, share each line's spare width by stretch; return the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        gap = self.spacing()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = min(_width(item), area.width())
            if lines[-1] and used + gap + width > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in (ln for ln in lines if ln):
            widths = [min(_width(i), area.width()) for i in line]
            spare = area.width() - sum(widths) - gap * (len(line) - 1)
            stretches = [self._stretch.get(id(i), 0) for i in line]
            total = sum(stretches)
            if spare > 0 and total:
                widths = [w + spare * s // total for w, s in zip(widths, stretches, strict=True)]
            height = max(i.sizeHint().height() for i in line)
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                own = height if item.layout() is not None else min(item.sizeHint().height(), height)
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - own) // 2), QSize(width, own)))
                x += width + gap
            y += height + gap
        used_height = max(y - gap - area.y(), 0)
        return used_height + self.contentsMargins().top() + self.contentsMargins().bottom()


def _width(item: QLayoutItem) -> int:
    """An item's width on a line: its size hint, never under its minimum."""
    return max(item.sizeHint().width(), item.minimumSize().width())


def _extent(margins: QMargins) -> QSize:
    return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

