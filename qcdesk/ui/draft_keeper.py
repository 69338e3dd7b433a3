"""Keeping an open editor's unsaved state as a draft (qcdesk.models.drafts), and offering it back.

Every edit only restarts a timer: the draft is written DELAY_MS after the last edit (and at
least every MAX_WAIT_S while someone types without a pause), never per keystroke, and only when
the editor has unsaved changes that differ from the draft last written. A save or a confirmed
discard deletes it (`forget`); a crash leaves it. At its first showing an editor whose record
(or new-record parent) has a draft asks 恢复 / 丢弃. What an editor's state is, and how it is
put back, is its adapter's business (draft_adapters.py).
"""

from __future__ import annotations

import time
import weakref
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from qcdesk.models.drafts import Draft, DraftKey, DraftStore, local_time

DELAY_MS = 3000  # a pause in the typing this long writes the draft
MAX_WAIT_S = 30.0  # typing on without such a pause still writes one this often

_keepers: list[weakref.ref[DraftKeeper]] = []


class Adapter(Protocol):
    def key(self) -> DraftKey: ...
    def title(self) -> str: ...
    def dirty(self) -> bool: ...
    def capture(self) -> dict[str, Any]: ...
    def restore(self, values: dict[str, Any]) -> None: ...
    def moved(self, values: dict[str, Any]) -> bool: ...


def ask_restore(parent: QWidget, draft: Draft, moved: bool) -> bool:
    """发现上次未保存的内容（时间）。恢复 / 丢弃 — True: restore. Esc restores (nothing is lost)."""
    text = QCoreApplication.translate(
        "DraftKeeper", "Unsaved changes from %1 were found: QCDesk closed before they were saved.") \
        .replace("%1", local_time(draft.saved_at))
    more = QCoreApplication.translate("DraftKeeper", "Restore them, or discard them?")
    if moved:
        more = QCoreApplication.translate(
            "DraftKeeper", "This record has been changed elsewhere since then: saving will show both "
            "changes to choose from.") + "\n" + more
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("DraftKeeper", "Unsaved changes found"),
                      text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("restoreDraftBox")
    box.setInformativeText(more)
    restore = box.addButton(QCoreApplication.translate("DraftKeeper", "&Restore"),
                            QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("DraftKeeper", "&Discard"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(restore)
    box.exec()
    return box.clickedButton() is not discard


def ask_discard(parent: QWidget) -> bool:
    """放弃 / 继续编辑 for a dialog that has no Save of its own to offer (the order dialog)."""
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("DraftKeeper", "Discard what you typed?"),
                      QCoreApplication.translate("DraftKeeper",
                                                 "What you typed here has not been saved. Discard it?"),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("discardDraftBox")
    discard = box.addButton(QCoreApplication.translate("DraftKeeper", "&Discard"),
                            QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QCoreApplication.translate("DraftKeeper", "&Keep editing"),
                         QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def confirm_discard(dialog: QWidget, keeper: DraftKeeper) -> bool:
    """Closing without saving: True when nothing typed is lost or the user said discard (the
    draft then goes)."""
    if not keeper.adapter.dirty():
        return True
    if not ask_discard(dialog):
        return False
    keeper.forget()
    return True


class DraftKeeper(QObject):
    """The draft of one open editor."""

    def __init__(self, dialog: QWidget, adapter: Adapter, drafts: DraftStore):
        super().__init__(dialog)
        self.dialog = dialog
        self.adapter = adapter
        self.drafts = drafts
        self.owned: set[DraftKey] = set()  # drafts this editor wrote or took back
        self.last: dict[str, Any] | None = None
        self.first_edit: float | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.write)
        watch(dialog, self.touched)
        _keepers.append(weakref.ref(self))

    def touched(self, *_args: object) -> None:
        now = time.monotonic()
        if self.first_edit is None:
            self.first_edit = now
        self.timer.start(0 if now - self.first_edit >= MAX_WAIT_S else DELAY_MS)

    def write(self) -> None:
        self.first_edit = None
        if not self.adapter.dirty():
            self.forget()
            return
        key, values = self.adapter.key(), self.adapter.capture()
        if key in self.owned and values == self.last:
            return
        try:
            self.drafts.save(key, self.adapter.title(), values)
        except OSError:  # a full or read-only disk: the editor's own save says so, typing goes on
            return
        for old in self.owned - {key}:  # a new record saved once is kept under its own uuid
            self.drafts.delete(old)
        self.owned, self.last = {key}, values

    def forget(self) -> None:
        """Saved, or discarded on purpose: the draft goes."""
        self.timer.stop()
        self.first_edit = None
        for key in self.owned:
            self.drafts.delete(key)
        self.owned, self.last = set(), None

    def closing(self, dirty: bool) -> None:
        """The editor closes: no write after it; a draft of changes not kept stays only if dirty."""
        self.timer.stop()
        if not dirty:
            self.forget()

    def offer(self) -> None:
        """A draft left by a crash for this record (not one another open window is keeping)."""
        key = self.adapter.key()
        draft = self.drafts.load(key)
        if draft is None or any(k is not self and key in k.owned for k in live_keepers()):
            return
        if ask_restore(self.dialog, draft, self.adapter.moved(draft.values)):
            self.adapter.restore(draft.values)
            self.owned, self.last = {key}, draft.values
        else:
            self.drafts.delete(key)


def live_keepers() -> list[DraftKeeper]:
    """Keepers of editors still open in this process."""
    alive = [k for ref in _keepers if (k := ref()) is not None and shiboken6.isValid(k)
             and shiboken6.isValid(k.dialog) and k.dialog.isVisible()]
    _keepers[:] = [weakref.ref(k) for k in alive]
    return alive


def watch(root: QWidget, slot: Any) -> None:  # noqa: ANN401 - a callable taking any arguments
    """Every input under `root` restarts the timer when its value changes."""
    for edit in root.findChildren(QLineEdit):
        edit.textChanged.connect(slot)
    for text in root.findChildren(QPlainTextEdit):
        text.textChanged.connect(slot)
    for combo in root.findChildren(QComboBox):
        combo.currentIndexChanged.connect(slot)
    for day in root.findChildren(QDateTimeEdit):
        day.dateTimeChanged.connect(slot)
    for button in root.findChildren(QAbstractButton):
        if button.isCheckable():
            button.toggled.connect(slot)
    for rows in (*root.findChildren(QListWidget), *root.findChildren(QTableWidget)):
        rows.itemChanged.connect(slot)
        rows.model().rowsInserted.connect(slot)  # a photo, licence or contact added, a row removed
        rows.model().rowsRemoved.connect(slot)


def keep_drafts(dialog: QWidget) -> DraftKeeper | None:
    """Start keeping drafts of `dialog` when it is an editor that has them, on a database file,
    and offer the one a crash left (after the editor is shown)."""
    from qcdesk.ui.draft_adapters import adapter_for

    store, paths = getattr(dialog, "store", None), getattr(dialog, "paths", None)
    if store is None or store.path is None or paths is None:
        return None
    adapter = adapter_for(dialog)
    if adapter is None:
        from qcdesk.ui.draft_adapters import offer_stale

        QTimer.singleShot(0, dialog, lambda: offer_stale(dialog, DraftStore(paths.data_dir, store.path)))
        return None
    keeper = DraftKeeper(dialog, adapter, DraftStore(paths.data_dir, store.path))
    QTimer.singleShot(0, keeper, keeper.offer)
    return keeper
