"""Column widths of the list pages: every column with a known set of texts (dates, statuses,
the order's clock) is wide enough for its longest one in the language shown, so English never
reads "Re-check 65…" or "636 day(s) o…". Free text (names, requirements) keeps a fixed width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QStyleOptionViewItem, QTableView

from qcdesk.models.rules import Clock
from qcdesk.ui import labels

_DATE = "2026-12-28"
_DAYS = 9999  # the widest count of days shown: four digits
# Starting widths of free-text columns ("生产许可证后监管" in full); a column of known texts
# (credit code, deadline) starts as wide as its longest one. Every list fits beside the sidebar
# of a 1280 px window, in English too (its sidebar is the wider).
FREE_WIDTHS = {"name": 230, "enterprise": 200, "requirement": 260, "main_products": 140,
               "risk_class": 110, "conclusion": 200, "inspectors": 120, "notice_no": 170,
               "kind": 160}
DEFAULT_WIDTH = 100
# The long free-text column of a list that takes the room the others leave (and elides): the
# short known texts (status, days left, dates) must all be on screen at 1280 px in English.
FILL_COLUMNS = {"rectification": "requirement"}
FILL_FLOOR = 120  # "针对“低压成套…": enough to recognise the requirement


def _clocks() -> list[dict[str, Any]]:
    clocks = [Clock(kind, days) for kind in ("correct", "recheck") for days in (-_DAYS, 0, _DAYS)]
    return [{"clock": c} for c in [*clocks, Clock("report_late", _DAYS)]]


# Rows whose display, through the column's own text function, is the longest the column shows.
def _statuses(kind: str) -> list[dict[str, Any]]:
    names = labels.visit_statuses() if kind == "visit" else labels.rectification_statuses()
    return [{"status": s} for s in names]


SAMPLE_ROWS: dict[str, Callable[[str], list[dict[str, Any]]]] = {
    "days_left": lambda _kind: _clocks(),
    "deadline": lambda _kind: [{"deadline": _DATE, "extended": True}, {"deadline": _DATE}],
    "status": _statuses,
    "kind": lambda _kind: [{"kind": k} for k in labels.visit_kinds()],
    "risk_class": lambda _kind: [{"risk_class": c} for c in labels.risk_classes()],
    "visit_date": lambda _kind: [{"visit_date": _DATE}],
    "ordered_on": lambda _kind: [{"ordered_on": _DATE}],
    "updated_at": lambda _kind: [{"updated_at": _DATE}],
    # the widest letters a code takes after MA4 (M, W): 91421281MA4NRNMW… was cut (review)
    "uscc": lambda _kind: [{"uscc": "91421281MA4BAUNB7E"}, {"uscc": "91421281MA4MWMWMWW"}],
}


def longest_text(column: Any, kind: str, metrics: Any) -> str:
    """The widest text `column` (a `list_model.Column`) of a `kind` list can show in the
    language shown, measured with `metrics` (QFontMetrics); '' for free text."""
    make = SAMPLE_ROWS.get(column.key)
    if make is None:
        return ""
    texts = []
    for row in make(kind):
        try:
            texts.append(column.display(row))
        except (KeyError, AttributeError, TypeError):  # a row this kind of list never shows
            continue
    return max(texts, key=metrics.horizontalAdvance, default="")


def cell_width(view: QTableView, text: str) -> int:
    """Width a cell needs to show `text` whole, as the view's delegate lays it out."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.text = text
    option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
    size = view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view)
    return max(size.width(), view.fontMetrics().horizontalAdvance(text)) + 2 * view.showGrid() + 4


def header_width(header: QHeaderView, text: str) -> int:
    """Width a header section needs for its title and the sort arrow."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.text = text
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    option.fontMetrics = header.fontMetrics()
    size = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header)
    return size.width() + 4


def needed_width(view: QTableView, column: Any, kind: str) -> int:
    """The least width that shows `column`'s title and its longest text uncut."""
    title = header_width(view.horizontalHeader(), column.title())
    text = longest_text(column, kind, view.fontMetrics())
    return max(title, cell_width(view, text) if text else 0)


def fit_columns(view: QTableView, columns: list[Any], kind: str, first: bool) -> None:
    """Starting widths (`first`), or after a language change widen what the new texts need;
    a column the user made wider stays as wide."""
    for i, column in enumerate(columns):
        need = needed_width(view, column, kind)
        known = column.key in SAMPLE_ROWS  # as wide as its longest text: no more
        start = FREE_WIDTHS.get(column.key, 0 if known else DEFAULT_WIDTH) if first else view.columnWidth(i)
        if first or start < need:
            view.setColumnWidth(i, max(start, need))



class LastColumnGuard(QObject):
    """Spare room goes to the list's fill column (`fill`: a long free-text column such as the
    requirement, which elides) or, without one, to the last column, which never shrinks below
    what its text needs. With `stretchLastSection` alone Qt squeezed the last column (English
    "Status" read "Clo", "Awai") while the free-text columns kept their widths."""

    def __init__(self, view: QTableView, need: Callable[[int], int],
                 fill: Callable[[], int | None] = lambda: None):
        super().__init__(view)
        self.view = view
        self.need = need  # logical column -> width it needs
        self.fill = fill  # logical column that takes the spare room, if any
        self._busy = False
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._resized)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False

    def _resized(self, logical: int, _old: int, _new: int) -> None:
        if logical != self.fill():  # the user may widen the fill column until the window resizes
            self.update()

    def update(self) -> None:
        header = self.view.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())]
        shown = [i for i in shown if not header.isSectionHidden(i)]
        if self._busy or not shown:
            return
        fill = self.fill()
        last, self._busy = shown[-1], True
        try:
            if fill in shown and fill != last:
                header.setStretchLastSection(False)
                others = header.length() - header.sectionSize(fill)
                width = max(self.view.viewport().width() - others, FILL_FLOOR, header.minimumSectionSize())
                if header.sectionSize(last) < self.need(last):
                    header.resizeSection(last, self.need(last))
                if header.sectionSize(fill) != width:
                    header.resizeSection(fill, width)
                return
            need = self.need(last)
            room = self.view.viewport().width() - (header.length() - header.sectionSize(last))
            if header.stretchLastSection() != (room >= need):
                header.setStretchLastSection(room >= need)
            if header.sectionSize(last) < need:
                header.resizeSection(last, need)
        finally:
            self._busy = False
