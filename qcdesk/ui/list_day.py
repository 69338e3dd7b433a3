"""The enterprise list's risk class follows a new local day (day_watch.DayWatch).

Why: the list reads the class (风险等级 column, its filter and its sort) from `risk_cache`, which
holds the classes of ONE day: `risk.refresh_risk` writes them as of a date, and overdue orders,
expired licences and the not-visited cutoff all move with it. Past midnight the dashboard's
background pass rewrote the cache for the new day, but nothing told the list, which showed
yesterday's class until someone pressed 刷新 (and a re-read before the pass ended read yesterday's
again). So at a new day the list re-reads at once when the new day's classes are already written
(the dashboard or the warnings got there first), else it runs the pass itself in a worker
(`dashboard_risk.RiskRefresh`: never on the GUI thread; waits out an import's write lock, saying
so under the filter bar as the dashboard does) and re-reads once the classes are written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from qcdesk.models.risk import refresh_risk, risk_is_current
from qcdesk.ui.dashboard_risk import RiskRefresh

if TYPE_CHECKING:
    from qcdesk.ui.list_pages import ListPage


class RiskDay(QObject):
    """Brings the enterprise list's classes to the new day, then re-reads the list where the
    reader left it (`ListPage.refresh_for_new_day`)."""

    def __init__(self, page: ListPage):
        super().__init__(page)
        self.page = page
        self.failure = ""  # why the last pass wrote nothing, shown in the note until the next
        self.risk = RiskRefresh(page.store, page)
        self.risk.done.connect(page.refresh_for_new_day)
        self.risk.failed.connect(self._failed)
        layout = page.layout()
        if layout is not None:  # under the filter bar, over the table: shown only while waiting
            layout.insertWidget(1, self.risk.note)
        self.risk.note.installEventFilter(self)

    def new_day(self) -> None:
        """The list as of the new day: now if its classes are written, else after the pass."""
        store = self.page.store
        self.failure = ""
        self.risk.stop()  # no earlier note or retry: this day's pass says what it waits for
        self.risk.retranslate()
        if store.path is None:  # an in-memory store (tests, previews) is small: counted here
            refresh_risk(store)
        if store.path is None or risk_is_current(store):
            self.page.refresh_for_new_day()
        else:
            self.risk.start()

    def _failed(self, message: str) -> None:
        """The classes could not be written: the list keeps what it shows and says why."""
        self.failure = message
        self.risk.note.setText(message)
        self.risk.note.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.risk.note and event.type() == QEvent.Type.LanguageChange and not self.failure:
            self.risk.retranslate()
        return super().eventFilter(watched, event)
