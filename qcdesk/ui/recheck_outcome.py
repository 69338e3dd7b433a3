"""The visit editor's "Fail" re-check outcome, worded after what the re-checked order rests on.

Why: Product Quality Law art. 17's ladder follows a failed spot-check sample only
(`rules.rests_on_sample`). A failing re-check of an order resting on a site-check finding is
not escalated (its 复查意见书 says 责令继续整改), so a choice reading "escalate" would promise
the inspector what saving it never does.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.rules import rests_on_sample
from qcdesk.models.store import Store


def fail_text(rect: Rectification | None) -> str:
    """The Fail choice's words for `rect` (no order chosen yet: the spot-check wording)."""
    if rect is None or rests_on_sample(rect.sample_id, rect.finding_id):
        return QCoreApplication.translate("RecheckOutcome", "Fail — re-check failed, escalate")
    return QCoreApplication.translate(
        "RecheckOutcome", "Fail — re-check failed, order further rectification (not escalated)")


def follow_order_basis(store: Store, recheck_combo: QComboBox, outcome_combo: QComboBox) -> None:
    """Add the Fail choice (data False) to `outcome_combo` and reword it whenever another order
    is chosen in `recheck_combo` (whose item data is the order's id)."""
    outcome_combo.addItem(fail_text(None), False)

    def reword(*_args: object) -> None:
        rect_id = recheck_combo.currentData()
        rect = fetch_record(store, Rectification, rect_id) if rect_id else None
        outcome_combo.setItemText(outcome_combo.findData(False), fail_text(rect))

    recheck_combo.currentIndexChanged.connect(reword)
