"""The enterprise list's risk class follows a new local day (day_watch.DayWatch) and the pass
that writes it.

Why: the list reads the class (风险等级 column, its filter and its sort) from `risk_cache`, which
holds the classes of ONE day: `risk.refresh_risk` writes them as of a date, and overdue orders,
expired licences and the not-visited cutoff all move with it. A list built or left open on an
earlier day's cache showed yesterday's class until someone pressed 刷新, after the pass. So the
list re-reads whenever the pass it follows has written today's classes (`done`): at start-up
and past midnight. In the window that pass is the window's one (`share`, dashboard_risk.TodaysRisk);
a list on its own runs it itself (`dashboard_risk.RiskRefresh`: never on the GUI thread; waits
out an import's write lock, saying so under the filter bar as the dashboard does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from qcdesk.models.risk import refresh_risk, risk_is_current
from qcdesk.ui.dashboard_risk import RiskRefresh, WaitingNote

if TYPE_CHECKING:
    from qcdesk.ui.list_pages import ListPage


class RiskDay(QObject):
    """Brings the enterprise list's classes to the new day, then re-reads the list where the
    reader left it (`ListPage.refresh_for_new_day`)."""

    def __init__(self, page: ListPage):
        super().__init__(page)
        self.page = page
        self.risk = RiskRefresh(page.store, self)  # its own until the window shares its pass
        self.note = WaitingNote(self.risk, page)
        self._subscribe(self.risk)
        layout = page.layout()
        if layout is not None:  # under the filter bar, over the table: shown only while waiting
            layout.insertWidget(1, self.note)

    def _subscribe(self, risk: RiskRefresh) -> None:
        risk.done.connect(self.page.refresh_for_new_day)
        risk.failed.connect(self.note.show_failure)

    def share(self, risk: RiskRefresh) -> None:
        """Follow the window's one pass instead of running one: the list re-reads when it has
        written today's classes (at start-up too, without anyone pressing 刷新)."""
        own, self.risk = self.risk, risk
        own.done.disconnect(self.page.refresh_for_new_day)
        own.failed.disconnect(self.note.show_failure)
        own.stop()
        own.deleteLater()
        self._subscribe(risk)
        self.note.follow(risk)

    def new_day(self) -> None:
        """The list as of the new day: now if its classes are written, else after the pass."""
        store = self.page.store
        if store.path is None:  # an in-memory store (tests, previews) is small: counted here
            refresh_risk(store)
        if store.path is None or risk_is_current(store):
            self.risk.stop()  # no earlier note or retry: nothing is waited for
            self.page.refresh_for_new_day()
        else:
            self.note.clear()  # this day's pass says what it waits for
            self.risk.start()  # the pass already under way (the window's) is not started twice
