"""The open conflicts as a lazy list: ordered ids in pages and a cache of display rows
(`LazyListModel`), each row's `conflict_view` built only when the row is shown.

A city merging six counties' first packages against its own edits can have tens of thousands of
open conflicts; building every one's view (several queries each) froze the dialog for seconds
when it opened and again after every "keep". The SQL is in `qcdesk.models.exchange_store`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QTableWidgetItem

from qcdesk.exchange.conflict_view import ConflictView, conflict_view
from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models import exchange_store as xs
from qcdesk.models.listing import FETCH_BUDGET, ListRequest
from qcdesk.models.listing_chunks import Page
from qcdesk.ui.conflict_words import record_names
from qcdesk.ui.list_model import Column, LazyListModel

if TYPE_CHECKING:
    from qcdesk.models.store import Store

CONFLICTS = "conflict"  # the request's kind: the model's refresh and reset keep it, nothing reads it
PAGE_SIZE = 100  # ids read at a time
BLOCK_SIZE = 50  # rows whose views are built at a time (a window shows 10–20)
MEASURED_ROWS = 100  # rows the columns are fitted to, from those in sight (3 blocks at most)


class ConflictSource:
    """Open conflicts in `open_conflicts`' order (kind, record, version), a page at a time; a
    display row holds the conflict and its view (None for a kind the workbook has no sheet for)."""

    def __init__(self, store: Store, request: ListRequest):
        self.store = store
        self.request = request
        self.names = record_names(store)  # titles looked up once per refresh, as before

    def read(self, after: Sequence[Any] | None, limit: int, budget: int | None = FETCH_BUDGET) -> Page:
        """One indexed query per page (`budget` is for filtered lists; this one has no filter)."""
        keys = xs.open_conflict_keys(self.store, after, limit)
        resume = keys[-1] if keys else None if after is None else tuple(after)
        return Page(keys, resume, len(keys) < limit)

    def rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = {}
        for cid, conflict in xs.conflicts_by_ids(self.store, ids).items():
            view = (conflict_view(self.store, conflict, self.names)
                    if conflict["kind"] in SPEC_BY_TABLE else None)
            rows[cid] = {"conflict": conflict, "view": view}
        return rows


class ConflictListModel(LazyListModel):
    """The conflict list; `columns` word each row (the dialog's, so they translate as before)."""

    def __init__(self, store: Store, columns: list[Column], parent: Any = None):
        super().__init__(store, ListRequest(CONFLICTS), columns, page_size=PAGE_SIZE,
                         block_size=BLOCK_SIZE, parent=parent,
                         make_source=lambda request: ConflictSource(store, request))

    def conflict(self, row: int) -> dict[str, Any] | None:
        """The conflict shown in `row` (None past the loaded rows, or resolved meanwhile)."""
        shown = self._row(row) if 0 <= row < self.rowCount() else None
        return shown["conflict"] if shown else None

    def view(self, row: int) -> ConflictView | None:
        shown = self._row(row) if 0 <= row < self.rowCount() else None
        return shown["view"] if shown else None


class LoadedConflicts(Sequence[dict[str, Any]]):
    """The loaded rows' conflicts, by row, read through the model's cache (scripts and tests
    look a conflict up by its row: `dialog.conflicts[r]`)."""

    def __init__(self, model: ConflictListModel):
        self._model = model

    def __len__(self) -> int:
        return self._model.rowCount()

    def __getitem__(self, row: int) -> Any:
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(len(self)))]
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self._model.conflict(row)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self[r] for r in range(len(self)))


class ConflictTable(QTableView):
    """The list's view, with the table widget's reading calls (rows loaded, a cell's text and
    tooltip) that scripts and tests use on the dialog's list."""

    def rowCount(self) -> int:
        model = self.model()
        return model.rowCount() if model is not None else 0

    def columnCount(self) -> int:
        model = self.model()
        return model.columnCount() if model is not None else 0

    def item(self, row: int, column: int) -> QTableWidgetItem | None:
        """A copy of the cell (text and tooltip); changing it changes nothing shown."""
        model = self.model()
        if model is None or not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return None
        index = model.index(row, column)
        item = QTableWidgetItem(str(model.data(index, Qt.ItemDataRole.DisplayRole) or ""))
        item.setToolTip(str(model.data(index, Qt.ItemDataRole.ToolTipRole) or ""))
        return item
