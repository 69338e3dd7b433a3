"""A draft its record can no longer take (models.drafts.draft_blocked), shown read-only.

A crash left typing in a draft, and before the record was opened again the visit was sent in a
package (locked: corrected with 更正, not edited), or an order for that finding or sample came
by another route, or the record went. Such a draft is not offered back in an editor; instead
this window says what happened, shows what was typed (selectable, to be copied into an
amendment or the order) and offers 丢弃, after which the status bar's count follows.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.drafts import Blocked, Draft, DraftKey, DraftStore, local_time, typed_text

_open: dict[tuple[str, DraftKey], weakref.ref[StaleDraftDialog]] = {}


def _what_happened(blocked: Blocked) -> str:
    if blocked.reason == "locked":
        return QCoreApplication.translate(
            "StaleDraft", "This visit has been sent (package %1) since these changes were typed, so it "
                          "cannot be changed directly: record what is still needed with Amend.") \
            .replace("%1", blocked.package)
    if blocked.reason == "issued":
        number = blocked.order_no or QCoreApplication.translate("StaleDraft", "no number yet")
        return QCoreApplication.translate(
            "StaleDraft", "A rectification order for this has been issued since this was typed (%1, "
                          "ordered on %2), so this draft cannot be issued: copy what is still needed "
                          "into that order.").replace("%1", number).replace("%2", blocked.ordered_on)
    return QCoreApplication.translate(
        "StaleDraft", "The record of this draft is no longer in this database (deleted, or the database "
                      "was restored from an older copy).")


def _label(part: str, number: int, name: str) -> str:
    from qcdesk.ui.visit_amend import _field_label

    own = {"requirement": QCoreApplication.translate("StaleDraft", "Rectification requirement"),
           "notice_no": QCoreApplication.translate("StaleDraft", "Notice number"),
           "ordered_on": QCoreApplication.translate("StaleDraft", "Order date")}
    field = own[name] if part == "order" else _field_label(name, part)
    where = {"samples": QCoreApplication.translate("StaleDraft", "Sample %1"),
             "findings": QCoreApplication.translate("StaleDraft", "Finding %1")}.get(part)
    return f"{where.replace('%1', str(number))} · {field}" if where else field


def draft_text(draft: Draft) -> str:
    """What was typed, one field a paragraph: 'label：text'."""
    lines = [f"{_label(part, number, name)}：{text}" for part, number, name, text in typed_text(draft)]
    return "\n\n".join(lines) or QCoreApplication.translate("StaleDraft", "(nothing typed)")


class StaleDraftDialog(QDialog):
    """What happened, what was typed (read-only, selectable), Copy all, Discard and Keep."""

    def __init__(self, drafts: DraftStore, draft: Draft, blocked: Blocked, parent: QWidget | None = None):
        super().__init__(parent)
        self.drafts, self.draft = drafts, draft
        self.setObjectName("staleDraftDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Unsaved draft from %1").replace("%1", local_time(draft.saved_at)))
        self.resize(620, 440)
        self.what = QLabel(_what_happened(blocked))
        self.what.setObjectName("staleDraftReason")
        self.what.setWordWrap(True)
        self.text = QPlainTextEdit(draft_text(draft))
        self.text.setObjectName("staleDraftText")
        self.text.setReadOnly(True)  # still selectable and copyable
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(self.tr("&Copy all"), QDialogButtonBox.ButtonRole.ActionRole)
        self.discard_button = buttons.addButton(self.tr("&Discard draft"),
                                                QDialogButtonBox.ButtonRole.DestructiveRole)
        self.discard_button.setObjectName("discardStaleDraft")
        keep = buttons.addButton(self.tr("&Keep for now"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setDefault(True)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        self.discard_button.clicked.connect(self.discard)
        keep.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(QLabel(self.tr("What was typed and not saved (select and copy what you need):")))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def discard(self) -> None:
        self.drafts.delete(self.draft.key)
        self.accept()
        refresh_counts()


def refresh_counts() -> None:
    """The status bar's N份未保存的草稿 of every main window follows."""
    from qcdesk.ui.draft_notice import DraftsButton

    for window in QApplication.topLevelWidgets():
        for button in window.findChildren(DraftsButton):
            button.refresh()


def show_stale_draft(drafts: DraftStore, draft: Draft, blocked: Blocked,
                     parent: QWidget | None = None) -> StaleDraftDialog:
    """Show it (not modal: the text stays at hand while amending); one window per draft."""
    index = (str(drafts.folder), draft.key)
    shown = _open.get(index)
    dialog = shown() if shown else None
    if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
        dialog = StaleDraftDialog(drafts, draft, blocked, parent)
        _open[index] = weakref.ref(dialog)
        dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
