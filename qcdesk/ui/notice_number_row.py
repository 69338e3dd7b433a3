"""The 文号 row of the follow-up dialog (rectification_dialog.py): an order saved blank is
numbered here when the registry gives its number, days later; a number already given changes
only as a confirmed correction. The core call is `rectifications.number_order`.

Its texts keep the dialog's translation context ("RectificationDialog"): they are the dialog's
words, moved here so that the dialog stays under 500 lines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from qcdesk.models.amendments import is_locked
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.records import Rectification
from qcdesk.models.rectification_checks import check_notice_no, notice_prefix
from qcdesk.models.rectifications import number_order
from qcdesk.models.store import Store

_Q = QCoreApplication  # `_Q.translate("RectificationDialog", "…")`: visible to lupdate
Runner = Callable[[Callable[[Rectification], object]], None]  # the dialog's `_run`


class NoticeNumberRow(QWidget):
    """Label, field and button of one order's 文号. `run` is the dialog's action runner: it
    re-reads the order, makes the core call, shows refusals at the field and refreshes."""

    def __init__(self, store: Store, run: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.run = run
        self.rect: Rectification | None = None
        self.label = QLabel()
        self.label.setObjectName("noticeNumberLabel")
        self.edit = QLineEdit()
        self.edit.setObjectName("noticeNumberEdit")
        self.edit.installEventFilter(self)  # Enter saves the number, and nothing else
        self.button = QPushButton()
        self.button.setObjectName("noticeNumberButton")
        self.button.clicked.connect(self.save)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        row.addStretch(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def show_order(self, rect: Rectification, correcting: bool = False) -> None:
        """A blank order offers its field; a numbered one shows its number and offers a
        correction, which opens the field holding that number."""
        self.rect = rect
        # Worded without a sample number: 〔2026〕45号 is Chinese, and English mode shows none
        # but the user's data (tests/test_english_mode_text.py); a refusal gives the example.
        self.edit.setVisible(not rect.notice_no or correcting)
        self.edit.setPlaceholderText(
            _Q.translate("RectificationDialog", "the registry's number, or only its serial"))
        if not rect.notice_no:
            self.label.setText(_Q.translate("RectificationDialog", "— (not numbered yet)"))
            self.button.setText(_Q.translate("RectificationDialog", "Record nu&mber"))
            self.button.setToolTip(_Q.translate(
                "RectificationDialog",
                "Write in the number the registry gave this notice; until then the notice prints a "
                "blank for it. It is checked as when ordering (the year of the order date, one "
                "number per order) and sent in the next package."))
            self.edit.clear()
        elif correcting:
            self.label.setText(rect.notice_no)
            self.button.setText(_Q.translate("RectificationDialog", "Save corrected nu&mber"))
            self.edit.setText(rect.notice_no)
            self.edit.selectAll()
            self.edit.setFocus()
        else:
            self.label.setText(rect.notice_no)
            self.button.setText(_Q.translate("RectificationDialog", "Correct nu&mber…"))
            self.button.setToolTip(_Q.translate(
                "RectificationDialog",
                "Put right a number typed wrong (asks first; the old number stays in the order's "
                "history)"))

    def save(self) -> None:
        """Save the typed number; a numbered order first opens its field, then asks before the
        number another notice may already carry is replaced."""
        shown = self.rect
        if shown is None:
            return
        if shown.notice_no and not self.edit.isVisible():
            self.show_order(shown, correcting=True)
            return
        typed = self.edit.text()
        if shown.notice_no and not self._confirm_correction(shown, typed):
            return
        self.run(lambda r: self._number(r, typed, shown.notice_no))

    def _number(self, stored: Rectification, typed: str, seen: str) -> Rectification:
        """The core call on the order as stored now. The correction confirmed was of `seen`: an
        order numbered otherwise meanwhile (an import, a correction elsewhere) is refused, and
        the row then shows the stored number with the typing kept, so the user decides anew."""
        try:
            return number_order(self.store, stored, typed, correct=bool(seen), seen=seen)
        except ValidationFailed:
            if stored.notice_no and stored.notice_no != seen:
                self.show_order(stored, correcting=True)
                self.edit.setText(typed)
            raise

    def _confirm_correction(self, rect: Rectification, typed: str) -> bool:
        """Yes to replacing `rect`'s number with `typed` as it will be stored; a typed number the
        core refuses is not asked about (the refusal shows at the field)."""
        issues: list[Issue] = []
        try:
            day: date | None = date.fromisoformat(rect.ordered_on[:10])
        except ValueError:
            day = None
        new = check_notice_no(issues, typed, day, notice_prefix(self.store))
        if issues or not new or new == rect.notice_no:
            return True
        text = _Q.translate(
            "RectificationDialog",
            "Change this order's notice number from %1 to %2?\n\nPrinted notices carry %1: "
            "reprint the notice. The old number stays in the order's history.")
        package = is_locked(self.store, rect.visit_id) if rect.visit_id else None
        if package:
            text += "\n\n" + _Q.translate(
                "RectificationDialog",
                "The order's visit went out in package %3: the recipient has %1 and gets %2 with the "
                "next package, as a change of this order.")
        else:
            text += "\n\n" + _Q.translate(
                "RectificationDialog",
                "If the order already went out in a package, the recipient gets %2 with the next "
                "one, as a change of this order.")
        answer = QMessageBox.question(
            self, _Q.translate("RectificationDialog", "Correct notice number"),
            text.replace("%1", rect.notice_no).replace("%2", new).replace("%3", package or ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
