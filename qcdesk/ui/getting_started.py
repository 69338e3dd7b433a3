"""The dashboard's "Getting started" checklist (开始使用) for a new office's empty database.

An empty database opened on a dashboard of zeros and gave no clue what to do first. The
checklist names the four things later work needs, ticks those already done, and has a button
for each that opens the dialog doing it (`step_requested(key)`; the main window opens it with
`open_step`). It disappears once everything is done, or when the office hides it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.setup_queries import MIN_INSPECTORS, SetupState, hide_checklist, setup_state
from qcdesk.ui import colours
from qcdesk.ui.forms import STORAGE_ERRORS, storage_refusal
from qcdesk.ui.workers import ui_lang

if TYPE_CHECKING:
    from qcdesk.models.store import Store
    from qcdesk.paths import AppPaths
    from qcdesk.ui.main_window import MainWindow

STEPS = ("org", "key", "roster", "enterprises")
DONE_MARK, OPEN_MARK = "✓", "○"


def has_signing_key(paths: AppPaths | None) -> bool:
    """A usable key pair in this computer's keys folder (what the export dialog would pick)."""
    if paths is None:
        return False
    from qcdesk.ui.keys_dialog import find_key

    return find_key(paths.keys_dir) is not None


class GettingStarted(QFrame):
    """Steps with a tick or a circle and a button each; hidden when there is nothing left."""

    step_requested = Signal(str)  # "org", "key", "roster", "import" or "new_enterprise"

    def __init__(self, store: Store, paths: AppPaths | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.paths = store, paths
        self.state: SetupState | None = None
        self.key_made = False
        self.setObjectName("gettingStarted")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text_colour, self.ground = colours.pair(colours.PANEL_BACKGROUND)  # text set with its ground
        self.setStyleSheet(f"QFrame#gettingStarted {{ background: {self.ground}; border: 1px solid "
                           f"{colours.PANEL_BORDER}; }} #gettingStarted QLabel, #gettingStarted "
                           f"QPushButton[flat=\"true\"] {{ color: {self.text_colour}; }}")
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.marks: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, step in enumerate(STEPS):
            self.marks[step] = QLabel(self)
            self.texts[step] = QLabel(self)
            self.texts[step].setWordWrap(True)
            grid.addWidget(self.marks[step], row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.texts[step], row, 1)
            buttons = QHBoxLayout()
            keys = ("import", "new_enterprise") if step == "enterprises" else (step,)
            for key in keys:
                button = QPushButton(self)
                button.setObjectName(f"setup_{key}")
                button.clicked.connect(lambda _c=False, k=key: self.step_requested.emit(k))
                self.buttons[key] = button
                buttons.addWidget(button)
            grid.addLayout(buttons, row, 2, Qt.AlignmentFlag.AlignRight)
        self.hide_button = QPushButton(self)
        self.hide_button.setFlat(True)
        self.hide_button.clicked.connect(self.hide_for_good)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        layout.addLayout(foot)
        self.refresh()

    def done(self) -> dict[str, bool]:
        s = self.state
        assert s is not None
        return {"org": s.org_done, "key": self.key_made, "roster": s.inspectors >= MIN_INSPECTORS,
                "enterprises": s.enterprises > 0}

    def refresh(self) -> None:
        """Re-read what is done (after a dialog closed, a record was saved, a list refreshed)."""
        self.state = setup_state(self.store)
        self.key_made = has_signing_key(self.paths)
        self.setVisible(not self.state.hidden and not all(self.done().values()))
        self.retranslate()

    def hide_for_good(self) -> None:
        try:
            hide_checklist(self.store)
        except STORAGE_ERRORS as exc:  # locked, full or unreachable: the checklist stays, say why
            storage_refusal(self, exc, ui_lang())
            return
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.state is not None:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Getting started"))
        if self.state is not None and self.state.enterprises == 0:
            self.intro.setText(self.tr("This database is new. These steps prepare it for work; each "
                                       "button opens the dialog that does it."))
        else:  # a database with records (an office's own, the demo) is not called new
            self.intro.setText(self.tr("Some steps that later work needs are not done yet; each "
                                       "button opens the dialog that does it."))
        count = self.state.inspectors if self.state else 0
        org = self.tr("Name your office: the organising body printed on notices and sampling forms.")
        bureau = self.state.prefix_mismatch if self.state else None
        if bureau is not None and self.state is not None and self.state.org_named:
            org = (self.tr("Your office is named %1, but its notices would not be numbered %2: set "
                           "the number prefixes in Preferences.")
                   .replace("%1", bureau.name).replace("%2", f"{bureau.notice_prefix}〔…〕…号"))
        texts = {
            "org": org,
            "key": self.tr("Make this computer's signing key: data packages you send are signed with it."),
            "roster": self.tr("Put the inspectors on the roster: a spot check needs at least two "
                              "(%1 so far).").replace("%1", str(count)),
            "enterprises": self.tr("Add the enterprises: import your enterprise list, or enter them "
                                   "one by one."),
        }
        for step, done in self.done().items():
            self.marks[step].setText(DONE_MARK if done else OPEN_MARK)
            ok = colours.readable(colours.OK, on=self.ground)
            self.marks[step].setStyleSheet(f"color: {ok}; font-weight: bold;" if done else "")
            self.texts[step].setText(texts[step])
            faint = colours.secondary(QPalette.ColorRole.Mid, on=self.ground)
            self.texts[step].setStyleSheet(f"color: {faint};" if done else "")
        self.buttons["org"].setText(self.tr("Preferences…"))
        self.buttons["key"].setText(self.tr("Signing key…"))
        self.buttons["roster"].setText(self.tr("Inspector roster…"))
        self.buttons["import"].setText(self.tr("Import enterprise list…"))
        self.buttons["new_enterprise"].setText(self.tr("New enterprise…"))
        self.hide_button.setText(self.tr("Hide this list"))


def open_step(window: MainWindow, key: str) -> None:
    """Open the dialog behind a checklist button, then show what it changed."""
    if key == "org":
        window.show_settings()
    elif key == "roster":
        window.show_roster()
    elif key == "new_enterprise":
        window.new_record_of(ENTERPRISES)  # the list's key ("enterprises" opened nothing)
        return  # the editor is not modal: its `saved` refreshes the pages
    else:
        window.tools.open({"key": "keys", "import": "roster_import"}[key])
    window.refresh_lists()
