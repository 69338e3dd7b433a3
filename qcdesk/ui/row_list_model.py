"""A small table model over an in-memory list of rows, for the short internal lists.

The warnings, zones and draw-preview lists differ only in their headers and cells; the row
bookkeeping Qt asks for lives here once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractTableModel):
    """Subclasses give `headers()` (translated, one per column) and `data()`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[Any] = []
        self.jurisdiction_names: dict[str, str] = {}
        self._column_count = len(self.headers())  # fixed; columnCount is asked for every index

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def set_rows(self, rows: list[Any], jurisdiction_names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if jurisdiction_names is not None:
            self.jurisdiction_names = jurisdiction_names
        self.endResetModel()

    def relabel(self) -> None:
        """After a language switch: headers and cells are worded on demand, so ask the views again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._column_count - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self._column_count - 1))

    def row_at(self, index: Index) -> Any | None:
        """The row behind a valid index, or None."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._column_count

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.headers()
        return titles[section] if 0 <= section < len(titles) else None


SAMPLE_ROWS = 120  # rows measured to fit the columns: the first ones and some spread over the rest


def sample_rows(count: int, wanted: int = SAMPLE_ROWS) -> list[int]:
    """Rows to measure: the first ones (what the window shows first) and others spread evenly
    down the list, `wanted` at most however long the list is."""
    if count <= wanted:
        return list(range(count))
    head = wanted // 2
    step = (count - head) / (wanted - head)
    return list(range(head)) + sorted({head + int(i * step) for i in range(wanted - head)})


def fit_columns(view: QTableView, widest: int = 320) -> None:
    """Size the columns to what they show, once, when the first rows arrive: the default 100 px
    cut names and credit codes to "咸宁高新区军…"/"91421221MA…" while the last column stretched
    over half the window. Later refreshes keep whatever widths the user dragged.

    Only a sample of rows is measured (`sample_rows`): Qt's resizeColumnToContents asks each
    column's cells of up to 1000 rows, several roles each, through Python: 2 s for a list of
    16,000 warnings, on the GUI thread at start-up.

    A stretching last column is left alone: sized to its contents it could run past the window's
    edge, cut off with no "…", until something else made the header stretch it again."""
    model = view.model()
    if view.property("columnsFitted") or model is None or model.rowCount() == 0:
        return
    header = view.horizontalHeader()
    last = model.columnCount() - 1
    rows = sample_rows(model.rowCount())
    grid = 1 if view.showGrid() else 0
    for column in range(last + (0 if header.stretchLastSection() else 1)):
        content = max(view.sizeHintForIndex(model.index(row, column)).width() for row in rows) + grid
        width = max(content, header.sectionSizeHint(column) if not header.isHidden() else 0)
        view.setColumnWidth(column, width if column == last else min(width, widest))
    view.setProperty("columnsFitted", True)
