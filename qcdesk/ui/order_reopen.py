"""The order window's corrections: reopen a closed order (更正：重新打开) and its 修改历史.

Why: an order closed by a mistaken re-check outcome, or the wrong order closed, could not be put
back; the rules are the core's (`qcdesk.models.order_reopen`). The question says what the order
goes back to, asks for the reason, and offers to correct the closing re-check to failing; a
refusal is shown in the question, which stays open, and writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.order_reopen import closing_recheck, reopen_order, reopen_problem, status_before_close
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store
from qcdesk.ui import colours
from qcdesk.ui.forms import ERROR_COLOUR, STORAGE_ERRORS, issue_text, storage_refusal
from qcdesk.ui.rectification_texts import status_text


def reopen_label() -> str:
    return QCoreApplication.translate("OrderReopen", "Correction: reopen…")


class ReopenDialog(QDialog):
    """The reason, what the order goes back to, and (closed by a re-check) whether that re-check
    in fact failed. Accepting makes the core call; a refusal keeps the dialog open."""

    def __init__(self, store: Store, rect: Rectification, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.rect, self.lang = store, rect, lang
        self.setObjectName("reopenDialog")
        self.setWindowTitle(self.tr("Correction: reopen the order"))
        status, _visit = status_before_close(store, rect)
        deadline = rect.extended_to or rect.deadline
        self.visit = closing_recheck(store, rect)
        text = QLabel(self.tr(
            "The order closed on %1 goes back to “%2”, deadline %3, as if it had not been closed. "
            "The reopening is recorded as a correction in the order's history, with your reason, "
            "and travels in the next package.").replace("%1", rect.closed_on or "—")
            .replace("%2", status_text(status)).replace("%3", deadline))
        text.setObjectName("reopenText")
        text.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reopenReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Why, e.g. the re-check outcome was entered wrongly"))
        self.failed = QCheckBox(self.tr("The re-check of %1 failed: record its outcome as failed")
                                .replace("%1", self.visit.visit_date if self.visit else ""))
        self.failed.setObjectName("reopenRecheckFailed")
        self.failed.setVisible(self.visit is not None)
        hint = QLabel(self.tr(
            "Left unticked, that re-check visit stays with no outcome recorded: open it to record "
            "the right one.") if self.visit is not None else "")
        hint.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("reopenNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(colours.text_css(ERROR_COLOUR))
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        self.ok = buttons.button(std.Ok)
        self.ok.setObjectName("reopenOk")
        self.ok.setText(self.tr("Correction: reopen"))
        self.ok.setAutoDefault(False)  # Enter alone never reopens
        buttons.button(std.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel(self.tr("Reason (required):")))
        layout.addWidget(self.reason)
        layout.addWidget(self.failed)
        layout.addWidget(hint)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(560, 340)

    def accept(self) -> None:
        """Reopen as asked; a refusal (no reason, the order changed meanwhile) is said here."""
        rect = fetch_record(self.store, Rectification, self.rect.id)
        try:
            assert rect is not None, self.rect.id
            reopen_order(self.store, rect, self.reason.toPlainText(),
                         recheck_failed=self.failed.isVisible() and self.failed.isChecked())
        except ValidationFailed as failure:
            self.note.setText("\n".join(issue_text(i, self.lang) for i in failure.issues))
            self.reason.setFocus()
            return
        except STORAGE_ERRORS as exc:
            storage_refusal(self, exc, self.lang)
            return
        super().accept()


class OrderCorrections:
    """The reopen and history buttons of a `RectificationDialog` (which refreshes after a reopen)."""

    def __init__(self, dialog) -> None:  # noqa: ANN001 - a RectificationDialog (imports this module)
        self.dialog = dialog
        self.reopen_button = QPushButton(reopen_label())
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(self.reopen)
        self.history_button = QPushButton(QCoreApplication.translate("OrderReopen", "&History…"))
        self.history_button.setObjectName("orderHistoryButton")
        tip = QCoreApplication.translate(
            "OrderReopen", "Every change of this order: who, when, old and new, why it was corrected")
        self.history_button.setToolTip(tip)
        self.history_button.clicked.connect(self.history)

    def refresh(self, rect: Rectification) -> None:
        """Enabled only on an order that can be reopened; otherwise the tooltip says why."""
        refusal = reopen_problem(self.dialog.store, rect)
        self.reopen_button.setEnabled(refusal is None)
        self.reopen_button.setToolTip(issue_text(refusal, self.dialog.lang) if refusal is not None else
                                      QCoreApplication.translate(
                                          "OrderReopen", "Closed by mistake? Reopen it, with a reason, "
                                          "as a correction on the record"))

    def reopen(self) -> None:
        rect = fetch_record(self.dialog.store, Rectification, self.dialog.rectification_id)
        assert rect is not None, self.dialog.rectification_id
        refusal = reopen_problem(self.dialog.store, rect)
        if refusal is not None:  # changed elsewhere since shown: say why, ask nothing
            self.dialog.refresh()
            self.dialog._general([refusal])
            return
        self.question = ReopenDialog(self.dialog.store, rect, self.dialog.lang, self.dialog)
        if self.question.exec() == QDialog.DialogCode.Accepted:
            self.dialog.refresh()
            self.dialog.changed.emit()

    def history(self) -> None:
        from qcdesk.ui.history_dialog import HistoryDialog

        rect = self.dialog.rect
        HistoryDialog(self.dialog.store, "rectification", rect.uuid, self.dialog,
                      title=QCoreApplication.translate("OrderReopen", "History — rectification order")).exec()
