"""The question before deleting or restoring a visit already sent in a package, with a reason.

Why: a sent visit is changed only by a 更正 with a reason, so the county and the city see why;
removing it (or bringing it back) is recorded the same way (`qcdesk.models.removal_rules`). The
dialog refuses an empty reason itself, saying what to type, instead of failing afterwards.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """The question, a reason box and Delete (or Restore) / Cancel; Cancel is the default."""

    def __init__(self, question: str, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("removalReasonDialog")
        self.setWindowTitle(action)
        text = QLabel(question)
        text.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("removalReason")
        self.reason.setPlaceholderText(self.tr("Why, e.g. entered twice, the other visit kept"))
        self.reason.setTabChangesFocus(True)
        self.note = QLabel()
        self.note.setObjectName("removalReasonNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00020")
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        self.ok = buttons.button(std.Ok)
        self.ok.setText(action)
        self.ok.setAutoDefault(False)  # Enter alone never deletes
        buttons.button(std.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel(self.tr("Reason (required: this visit was sent in a package; the reason "
                                         "goes into its history and to the offices that received it):")))
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if not self.text():
            self.note.setText(self.tr("Enter the reason first: a visit already sent is deleted or "
                                      "restored only with one."))
            self.reason.setFocus()
            return
        super().accept()


def ask_reason(parent: QWidget, question: str, action: str) -> str | None:
    """The reason typed, or None when the user cancelled."""
    dialog = ReasonDialog(question, action, parent)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
