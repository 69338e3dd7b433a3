"""What a list page shows when it has no rows, and its "New" button.

A new office met blank white tables: nothing said whether the list was empty or the filter
found nothing, nor how to add the first record. `EmptyState` lays a centred hint over the
table's empty area: on a list with no records at all, how to add one (New, Ctrl+N, or the
enterprise list import); when a filter or search finds nothing, that, with a link that clears
the filters. Links and the button emit `new_requested` / `import_requested`; the main window
connects them to its own actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton

from qcdesk.models.listing import ENTERPRISES, VISITS, ListFilters
from qcdesk.ui import colours, labels

if TYPE_CHECKING:
    from qcdesk.ui.list_pages import ListPage


def plain(text: str) -> str:
    """A menu text as it reads in a sentence: no mnemonic ("文件(&F)" → "文件", "&File" → "File")."""
    for mnemonic in ("(&", "（&"):
        at = text.find(mnemonic)
        if at >= 0 and text[at + 3:at + 4] in (")", "）"):
            text = text[:at] + text[at + 4:]
    return text.replace("&", "")


def search_scope(kind: str) -> str:
    """Where a list's search box looks (`search_text`, `listing_search`), said to the user; a
    visit or an order is found by its firm's whole index text (`search_text.firm_tokens`)."""
    if kind == ENTERPRISES:
        return QCoreApplication.translate(
            "EmptyState", "The search looks in the name, credit code, products, industry, address, legal"
            " representative, contacts and their phones, licence numbers and notes.")
    if kind == VISITS:
        return QCoreApplication.translate(
            "EmptyState", "The search looks in the enterprise (name, credit code, products, industry,"
            " address, legal representative, contacts and phones, licence numbers, notes), the findings,"
            " the sampled products, trademarks and batch numbers, and the inspectors' names.")
    return QCoreApplication.translate(
        "EmptyState", "The search looks in the notice number, the enterprise (name, credit code,"
        " products, industry, address, legal representative, contacts and phones, licence numbers,"
        " notes) and the finding the order was made for.")


class EmptyState(QLabel):
    """The hint over an empty list's table; `new_button` is placed in the filter bar by the page."""

    new_requested = Signal()
    import_requested = Signal()

    def __init__(self, page: ListPage, bar: QBoxLayout):
        super().__init__(page.view.viewport())
        self.page = page
        self.setObjectName("emptyHint")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setContentsMargins(40, 20, 40, 20)
        self.setTextFormat(Qt.TextFormat.RichText)
        faint = colours.secondary(QPalette.ColorRole.Dark)  # palette(dark) is darker than a dark window
        self.setStyleSheet(f"QLabel#emptyHint {{ color: {faint}; font-size: 11pt; }}")
        self.linkActivated.connect(self._on_link)
        self.new_button: QPushButton | None = None
        if page.kind in (ENTERPRISES, VISITS):
            self.new_button = QPushButton(page)
            self.new_button.setObjectName("newButton")
            self.new_button.clicked.connect(self.new_requested.emit)
            bar.insertWidget(0, self.new_button)
        page.view.viewport().installEventFilter(self)
        model = page.model  # `ended`: a filter matching nothing is known only when its walk ends
        for signal in (model.reloaded, model.rowsInserted, model.rowsRemoved, model.ended):
            signal.connect(self.update_hint)
        self.retranslate()

    def filtered(self) -> bool:
        """Whether anything narrows the list: filter bar, search, or a dashboard figure's records."""
        return self.page.model.request.filters != ListFilters()

    def mode(self) -> str:
        """"" (rows shown), "searching" (none yet, but the walk through the list goes on: a rare
        search on a million visits takes seconds, and a blank table looked like "nothing"),
        "empty" or "no_match"."""
        model = self.page.model
        if model.rowCount():
            return ""
        if model.canFetchMore():
            return "searching"
        return "no_match" if self.filtered() else "empty"

    def update_hint(self, *_args: Any) -> None:
        mode = self.mode()
        self.setVisible(bool(mode))
        if mode:
            self.setText(self._text(mode))
            self.setGeometry(self.parentWidget().rect())
            self.raise_()

    def _text(self, mode: str) -> str:
        if mode == "searching":
            return self.tr("Searching…")
        if mode == "no_match":
            clear = self.tr("Clear filters")
            said = self.tr("No records match the filters or the search.")
            if self.page.model.request.filters.search.strip():
                # An inspector who typed a phone or a licence number must know where the box looks
                # before concluding "not in the file" and making a duplicate.
                said += "<br>" + search_scope(self.page.kind)
            return f'{said}<br><a href="clear">{clear}</a>'
        new = plain(self.new_button.text()) if self.new_button is not None else ""
        if self.page.kind == ENTERPRISES:
            menu = plain(QCoreApplication.translate("MainWindow", "&File"))
            item = plain(labels.tool_texts()["roster_import"])
            return self.tr("No enterprise files yet.") + "<br>" + self.tr(
                "Click <a href=\"new\">%1</a> (Ctrl+N) to add one, or import your list: %2 ▸ %3").replace(
                "%1", new).replace("%2", menu).replace("%3", f'<a href="import">{item}</a>')
        if self.page.kind == VISITS:
            return self.tr("No inspections recorded yet.") + "<br>" + self.tr(
                "Click <a href=\"new\">%1</a> (Ctrl+N) to record a visit.").replace("%1", new)
        return self.tr("No rectification orders yet.") + "<br>" + self.tr(
            "An order is issued from a failed sample or a finding in an inspection record.")

    def _on_link(self, link: str) -> None:
        if link == "clear":
            self.page.clear_filters()
        elif link == "new":
            self.new_requested.emit()
        elif link == "import":
            self.import_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.new_button is not None:
            self.new_button.setText(self.tr("New enterprise…") if self.page.kind == ENTERPRISES
                                    else self.tr("New visit…"))
        self.update_hint()
