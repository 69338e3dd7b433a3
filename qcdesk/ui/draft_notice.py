"""N份未保存的草稿: a small button in the status bar when drafts a crash left are waiting.

Shown only when there are some (models/drafts.py); its menu lists them (what the editor was
titled, when the draft was written) and opens each in its editor, which offers it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton

from qcdesk.models.drafts import (
    Blocked,
    Draft,
    DraftStore,
    draft_blocked,
    draft_enterprise,
    draft_target,
    local_time,
)
from qcdesk.ui.draft_keeper import live_keepers
from qcdesk.ui.draft_stale import show_stale_draft
from qcdesk.ui.record_opening import bring_to_front

if TYPE_CHECKING:
    from qcdesk.models.store import Store
    from qcdesk.ui.main_window import MainWindow


class DraftsButton(QToolButton):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.store: Store | None = None
        self.setObjectName("draftsButton")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.retranslate()
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill)
        self.setVisible(False)
        # down (or gone) once an editor took one back or one was saved; a folder read, only while shown
        app = QGuiApplication.instance()
        app.focusWindowChanged.connect(self._focus_moved)  # type: ignore[union-attr]

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Typing not saved when QCDesk last closed: open a record to restore "
                                "or discard it"))

    def changeEvent(self, event: QEvent) -> None:
        """A language switch: the tooltip and the count in the new language at once."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():
                self.refresh()
        super().changeEvent(event)

    def drafts(self) -> list[Draft]:
        store, paths = self.store, self.window_.paths
        if store is None or store.path is None:
            return []
        kept = {key for keeper in live_keepers() for key in keeper.owned}  # editors open now
        return [d for d in DraftStore(paths.data_dir, store.path).drafts() if d.key not in kept]

    def _focus_moved(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self, drafts: list[Draft] | None = None) -> None:
        count = len(self.drafts() if drafts is None else drafts)
        self.setText(self.tr("Unsaved drafts: %1").replace("%1", str(count)))
        self.setVisible(count > 0)

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        drafts = self.drafts()
        for draft in drafts:
            action = menu.addAction(draft_title(self.store, draft))
            action.triggered.connect(lambda _c=False, d=draft: self.open_draft(d))
        if not drafts:
            menu.addAction(self.tr("No unsaved drafts")).setEnabled(False)
        self.refresh(drafts)  # the folder just read

    def open_draft(self, draft: Draft) -> None:
        """Its editor, which asks 恢复 / 丢弃; a draft its record can no longer take (sent, an
        order issued by another route, gone) is shown read-only with 丢弃 (draft_stale.py)."""
        from qcdesk.models.listing import VISITS
        from qcdesk.ui.enterprise_editor import EnterpriseEditor
        from qcdesk.ui.order_dialog import issue_order
        from qcdesk.ui.visit_editor import VisitEditor

        window, store = self.window_, self.store
        assert store is not None and store.path is not None
        kept = next((k for k in live_keepers() if k.adapter.key() == draft.key), None)
        if kept is not None:  # its editor is open (a second pick): that one, not another
            bring_to_front(kept.dialog)
            return
        blocked, target = draft_blocked(store, draft), draft_target(store, draft)
        if blocked is not None and blocked.reason == "locked" and blocked.visit_id is not None:
            editor = window.open_record(VISITS, blocked.visit_id)  # 更正 at hand; the editor shows the draft
            if editor is not None:  # (one open already: the draft shown over it again)
                show_stale_draft(DraftStore(window.paths.data_dir, store.path), draft, blocked, editor)
        elif blocked is not None or target is None:  # read-only, to copy from, with 丢弃
            show_stale_draft(DraftStore(window.paths.data_dir, store.path), draft,
                             blocked or Blocked("gone"), window)
        elif target[0] == "visit":
            window.open_record(VISITS, target[1])
        elif target[0] == "enterprise":
            edit_enterprise(window, target[1])
        elif target[0] == "new_enterprise":
            editor = EnterpriseEditor(store, window.paths, None, window)
            editor.finished.connect(lambda _result: self.refresh())  # finished(int) is no list of drafts
            window._show_record_window(editor)
        elif target[0] == "new_visit":
            editor = VisitEditor(store, window.paths, enterprise_id=target[1], recheck_of=target[2],
                                 parent=window)
            editor.finished.connect(lambda _result: self.refresh())  # as for a new enterprise
            window._show_record_window(editor)
        else:
            issue_order(window, store, window.paths, target[1], target[2], window.lang)
        self.refresh()


def draft_title(store: Store | None, draft: Draft) -> str:
    """检查记录 — 企业 — 时间, in the language shown now (the draft's own title is in the one of
    the moment of typing; kept only for a record no longer found)."""
    if draft.key.kind == "order":
        kind = QCoreApplication.translate("OrderRectificationDialog", "Order rectification")
    elif draft.key.kind == "enterprise":
        kind = QCoreApplication.translate("DraftsButton", "Enterprise file") if draft.key.record \
            else QCoreApplication.translate("EnterpriseEditor", "New enterprise file")
    elif draft.key.record:
        kind = QCoreApplication.translate("VisitEditor", "Visit record")
    else:
        kind = QCoreApplication.translate("VisitEditor", "New visit")
    name = draft_enterprise(store, draft) if store is not None else ""
    if not name and draft.title:
        return f"{draft.title} — {local_time(draft.saved_at)}"
    return " — ".join(filter(None, (kind, name, local_time(draft.saved_at))))


def edit_enterprise(window: MainWindow, enterprise_id: int) -> None:
    """The enterprise's page, and its editor over it (which offers the draft back); an editor
    open on that page already is brought to the front instead."""
    from qcdesk.models.listing import ENTERPRISES
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.enterprise_page import EnterprisePage

    page = window.open_record(ENTERPRISES, enterprise_id)
    if not isinstance(page, EnterprisePage):
        return
    shown = page.dialog
    if isinstance(shown, EnterpriseEditor) and shiboken6.isValid(shown) and shown.isVisible():
        bring_to_front(shown)
    else:
        page.edit_enterprise()


def show_drafts(window: MainWindow, store: Store | None) -> None:
    """At start-up (and whenever another database opens): say if drafts are waiting."""
    button = window.findChild(DraftsButton)
    if button is None:
        button = DraftsButton(window)
        window.statusBar().insertPermanentWidget(0, button)
    button.store = store
    button.refresh()
