"""The dashboard's banner while this computer's clock or time zone looks wrong.

Why a banner: a clock that fell back was said once a day in the status bar for 20 seconds, cut
off, and a wrong time zone was never said at all, while every date the inspector sees and types
depends on them. The texts, how and why, are the core's (`models.clock_check`); the banner
stays on the dashboard as long as they hold and goes once the clock and zone are right (it is
checked again at each refresh of the page).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QLabel, QWidget

from qcdesk.models.clock_check import ClockDoubt, clock_doubts
from qcdesk.models.store import Store
from qcdesk.ui import colours
from qcdesk.ui.workers import ui_lang


class ClockBanner(QLabel):
    """Yellow, above the figures: what is wrong with the clock and what to do (hidden otherwise)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.doubts: list[ClockDoubt] = []
        self.setObjectName("clockBanner")
        self.setWordWrap(True)
        self.setStyleSheet(f"{colours.warning_box()} padding: 6px;")
        self.hide()

    def refresh(self) -> None:
        """Checked again (a few cheap look-ups and the backups folder): shown while a doubt holds."""
        try:
            self.doubts = clock_doubts(self.store)
        except (OSError, sqlite3.Error):  # a busy store, an unreadable folder: keep what was shown
            return
        lang = ui_lang()
        self.setText("\n\n".join(doubt.text(lang) for doubt in self.doubts))
        self.setVisible(bool(self.doubts))
