"""A lazy, SQL-backed table model for lists of a million rows.

The model holds the ordered ids fetched so far (keyset pages, `fetchMore` as the view scrolls)
and a small LRU cache of display-row blocks; it never loads a whole table. Sorting and
filtering re-query through `qcdesk.models.listing`. Every read on the GUI thread, the first
page of a new filter included, examines a bounded number of rows and may bring fewer rows than
a page, even none, before the end (a filter matching nothing in a million visits); the source
says whether the end was reached, and only then does `canFetchMore` turn False (`ended` fires).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor

from qcdesk.models.listing import FETCH_BUDGET, ListFilters, ListRequest, ListSource
from qcdesk.models.listing_chunks import Page
from qcdesk.models.listing_deleted import deleted_on
from qcdesk.ui import colours
from qcdesk.ui.list_deleted import MARKED_COLUMNS, deleted_brush, deleted_text, deleted_tip

if TYPE_CHECKING:
    from qcdesk.models.rules import Clock
    from qcdesk.models.store import Store

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = "#c62828"  # red: the enterprise is late (rules.is_overdue)
RECHECK_LATE_COLOUR = "#9c5700"  # amber: the bureau's re-check is overdue, the enterprise reported on time
_ROOT = QModelIndex()
REFRESH_KEEP = 5_000  # rows a refresh re-reads at most beyond those in use (GUI thread)


def clock_colour(clock: Clock | None) -> str | None:
    """The colour of an order's clock wherever it is shown (lists, enterprise page): red when the
    enterprise is late, amber when only the bureau's re-check is, none otherwise. One place, so a
    page cannot paint the bureau's delay in the enterprise's red."""
    if clock is None:
        return None
    if clock.enterprise_late or clock.kind == "recheck_failed":  # the enterprise failed: its red
        return OVERDUE_COLOUR
    return RECHECK_LATE_COLOUR if clock.recheck_late else None


class RowSource(Protocol):
    """What the model reads through: a `ListSource`, or another long list's ordered keys (the id
    last) and display rows by id (the open conflicts). A source without a `spec` sorts nothing."""

    @property
    def request(self) -> ListRequest: ...

    def read(self, after: Sequence[Any] | None, limit: int, budget: int | None = FETCH_BUDGET) -> Page: ...

    def rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]: ...


@dataclass(frozen=True)
class Column:
    """One displayed column: the listing key, a translated title and how to show a row's value."""

    key: str
    title: Callable[[], str]
    text: Callable[[dict[str, Any]], str] | None = None
    align_right: bool = False
    tip: Callable[[dict[str, Any]], str] | None = None  # a tooltip of its own (else a long text's)

    def display(self, row: dict[str, Any]) -> str:
        if self.text is not None:
            return self.text(row)
        value = row.get(self.key)
        return "" if value is None else str(value)


class LazyListModel(QAbstractTableModel):
    """Ordered ids in keyset pages plus a bounded block cache of display rows."""

    reloaded = Signal()  # after every reset (new filters, new sort, refresh)
    ended = Signal()  # a fetch reached the end of the list, maybe bringing no rows (no match: say so)

    def __init__(self, store: Store, request: ListRequest, columns: list[Column], *,
                 page_size: int = 100, block_size: int = 100, cache_blocks: int = 12,
                 fetch_budget: int = FETCH_BUDGET, parent: Any = None,
                 make_source: Callable[[ListRequest], RowSource] | None = None):
        super().__init__(parent)
        self._store = store
        self._make_source = make_source or (lambda request: ListSource(store, request))
        self._columns = columns
        self._page_size = page_size
        self._block_size = block_size
        self._cache_blocks = cache_blocks
        self._fetch_budget = fetch_budget
        self._ids: list[int] = []
        self._resume: tuple[Any, ...] | None = None  # next fetch reads after this (maybe past the last id)
        self._exhausted = True
        self._fetching = False
        # A fetch that found nothing yet goes on from the event loop: a view asks again only when
        # rows arrive or it is scrolled, so one left at its end would otherwise wait for ever.
        self._go_on = QTimer(self)
        self._go_on.setSingleShot(True)
        self._go_on.timeout.connect(self.fetchMore)
        self._blocks: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self.fetch_times_ms: list[float] = []  # recent page/block queries, for the status bar and bench
        self._source = self._make_source(request)
        self._load_first(self._page_size)

    # --- state ---------------------------------------------------------------------------
    @property
    def request(self) -> ListRequest:
        return self._source.request

    @property
    def source(self) -> Any:  # a ListSource unless the model was given `make_source`
        return self._source

    @property
    def loaded_ids(self) -> int:
        return len(self._ids)

    @property
    def cached_blocks(self) -> int:
        return len(self._blocks)

    def columns(self) -> list[Column]:
        return list(self._columns)

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    def record_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def _timed(self, started: float) -> None:
        self.fetch_times_ms.append((time.perf_counter() - started) * 1000)
        del self.fetch_times_ms[:-200]

    def _load_first(self, count: int, fill: int = 0) -> None:
        """The first rows, with the budget of a page per page asked for (a refresh keeps the rows
        loaded): a filter matching few rows or none must not walk the whole list here, on the GUI
        thread, while the window is frozen. The rest comes as later pages do. `fill`: rows a
        reader was using (a refresh), read on until there: the reader had them already, after
        the same walk. A read bringing fewer rows than asked once those are there, or none, ends
        it (the rest comes lazily): reading on for the page more past a short filtered list's
        end walked the whole table, 2.5 s frozen at every save with 283 drafts in 1M visits."""
        started = time.perf_counter()
        pages = -(-count // self._page_size)
        page = self._source.read(None, count, budget=self._fetch_budget * pages)
        self._ids = [k[-1] for k in page.keys]
        self._resume = page.resume
        self._exhausted = page.ended
        need = max(fill - self._page_size, 0)  # the rows in use, without the page more
        short = len(page.keys) < count
        while len(self._ids) < fill and not self._exhausted and not (short and len(self._ids) >= need):
            wanted = fill - len(self._ids)
            page = self._source.read(self._resume, wanted,
                                     budget=self._fetch_budget * -(-wanted // self._page_size))
            self._ids.extend(k[-1] for k in page.keys)
            self._resume = page.resume
            self._exhausted = page.ended
            short = len(page.keys) < wanted
            if not page.keys:
                break  # a whole budget without a match: the rest as later pages come
        self._blocks.clear()
        self._timed(started)
        if not self._ids and not self._exhausted:
            self._go_on.start(0)  # nothing yet: no row arrives to make a view ask again

    def _reset(self, request: ListRequest | None = None, keep: int = 0, fill: int = 0) -> None:
        self._fetching = True  # no fetchMore from handlers of our own reset signals
        self._go_on.stop()
        try:
            self.beginResetModel()
            # A new source re-resolves the id sets too (a refresh sees new enterprises/findings).
            self._source = self._make_source(request or self._source.request)
            self._load_first(max(self._page_size, keep, fill), fill)
            self.endResetModel()
        finally:
            self._fetching = False
        self.reloaded.emit()

    def set_filters(self, filters: ListFilters) -> None:
        if filters != self.request.filters:
            self._reset(replace(self.request, filters=filters))

    def set_request(self, request: ListRequest) -> None:
        self._reset(request)

    def refresh(self, in_use: int = 0) -> None:
        """Re-read after a change elsewhere; keeps as many rows loaded as before (capped), and
        always the first `in_use` rows and a page more (down to the row selected and the last one
        shown, as the page says): with the cap alone a reader at row 7000 of 80,000 visits lost
        the selection and was thrown back to row 5000 by any other program's commit. The page
        more covers rows the change put above them. Still lazy: ids only, no display row."""
        fill = in_use + self._page_size if in_use > 0 else 0
        self._reset(None, keep=min(len(self._ids), REFRESH_KEEP), fill=fill)

    # --- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._exhausted or self._fetching:
            return  # a view or tester reacting to our own rowsInserted must not nest a second insert
        self._fetching = True
        try:
            self._fetch_page()
        finally:
            self._fetching = False

    def _fetch_page(self) -> None:
        started = time.perf_counter()
        page = self._source.read(self._resume, self._page_size, self._fetch_budget)
        self._timed(started)
        self._resume = page.resume
        self._exhausted = page.ended
        keys = page.keys
        if keys:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(keys) - 1)
            self._ids.extend(k[-1] for k in keys)
            self.endInsertRows()
        elif not page.ended:
            self._go_on.start(0)
        if page.ended:
            self.ended.emit()

    def _row(self, row: int) -> dict[str, Any] | None:
        block = row // self._block_size
        rows = self._blocks.get(block)
        if rows is None:
            started = time.perf_counter()
            ids = self._ids[block * self._block_size:(block + 1) * self._block_size]
            rows = deleted_on(self._source, self._source.rows(ids))  # marked while deleted rows show
            self._timed(started)
            self._blocks[block] = rows
            while len(self._blocks) > self._cache_blocks:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])

    def display_row(self, row: int) -> dict[str, Any] | None:
        """The display values of a row (from the block cache), None past the end or if it is gone."""
        return self._row(row) if 0 <= row < len(self._ids) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= len(self._columns):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        row = self._row(index.row())
        if row is None:  # deleted since the ids were read; shown blank until the next refresh
            return None
        if row.get("deleted_at"):  # shown with 显示已删除: greyed, worded and explained, not grey alone
            if role == Qt.ItemDataRole.ForegroundRole:
                return deleted_brush()
            if role == Qt.ItemDataRole.ToolTipRole:
                return deleted_tip(row)
            if column.key in MARKED_COLUMNS:
                return deleted_text()
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = clock_colour(row.get("clock"))  # lighter on a dark palette, to stay readable
            return QBrush(QColor(colours.readable(colour))) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None and (tip := column.tip(row)):
            return tip
        text = column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 20 else None
        return text

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title() if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def is_sortable(self, column: int) -> bool:
        spec = getattr(self._source, "spec", None)
        return 0 <= column < len(self._columns) and spec is not None \
            and self._columns[column].key in spec.sorts

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        key = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.request.sort and descending == self.request.descending:
            return
        self._reset(replace(self.request, sort=key, descending=descending))

    def sort_column(self) -> int:
        return self.column_of(self.request.sort)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self.request.descending else Qt.SortOrder.AscendingOrder

    def retranslate(self) -> None:
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        self.invalidate_rows()

    def invalidate_rows(self) -> None:
        """Forget cached display rows (labels or data changed) without touching the ids."""
        self._blocks.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))
