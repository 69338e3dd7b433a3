"""The order dialog asks before 已提交整改报告, 待复查 and 撤销 act: none can be taken back.

Why (review r2, B1): each button acted at once. The report date can never be corrected (the
button is disabled once the report is in), 待复查 is final and also ends the one extension an
AQSIQ 133 order may still ask for, and 撤销 closes the order for good — a click on the wrong
order, or with the wrong date in the box, could only be undone by restoring a backup.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from qcdesk.models.records import Rectification
from qcdesk.models.rules import RULE_SETS
from qcdesk.ui.rectification_texts import order_label


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def confirm_report(parent: QWidget, rect: Rectification, day: str) -> bool:
    """The date that will be recorded is shown: it cannot be corrected afterwards."""
    text = QCoreApplication.translate(
        "OrderStepConfirm", "Record that the enterprise handed in its rectification report on %1 "
        "for the order\n%2\n\nThis cannot be undone and the date cannot be corrected afterwards: "
        "check it first.")
    return _ask(parent, QCoreApplication.translate("OrderStepConfirm", "Report submitted"),
                text.replace("%1", day).replace("%2", order_label(rect)))


def confirm_await(parent: QWidget, rect: Rectification) -> bool:
    """Says that the order then waits for its re-check only (and loses a possible extension)."""
    text = QCoreApplication.translate(
        "OrderStepConfirm", "Mark the order\n%1\nas awaiting its re-check?\n\nThis cannot be undone: "
        "the order is then settled only by its re-check.").replace("%1", order_label(rect))
    rule = RULE_SETS.get(rect.rule_set)
    if rule is not None and rule.extension_max_days and not rect.extended_to:
        text += "\n" + QCoreApplication.translate(
            "OrderStepConfirm", "The deadline can no longer be extended afterwards.")
    return _ask(parent, QCoreApplication.translate("OrderStepConfirm", "Awaiting re-check"), text)


def confirm_withdraw(parent: QWidget, rect: Rectification, day: str) -> bool:
    """Says that the withdrawal closes the order for good."""
    text = QCoreApplication.translate(
        "OrderStepConfirm", "Withdraw the order\n%1\non %2, because its sample passed the re-test?"
        "\n\nThe order is closed for good; this cannot be undone.")
    return _ask(parent, QCoreApplication.translate("OrderStepConfirm", "Withdraw the order"),
                text.replace("%1", order_label(rect)).replace("%2", day))
