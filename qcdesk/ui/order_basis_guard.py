"""The visit editor's 删除样品 / 删除问题 refused at the click on the basis of an issued order.

Why: removing the failed sample (or finding) a live rectification order rests on orphaned the
order — still open and overdue, its basis deleted, no way to link it again. The save refuses it
too (`models/order_basis.py`); asking at the click tells the inspector before any typing is lost.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QMessageBox, QWidget

from qcdesk.models.order_basis import basis_issue
from qcdesk.models.records import Finding, Record, Sample
from qcdesk.models.store import Store
from qcdesk.ui.forms import issue_text
from qcdesk.ui.visit_tabs import RecordListTab


def may_remove(parent: QWidget, store: Store, tab: RecordListTab, lang: str, record: Record) -> bool:
    """False (after saying why and what to do instead) for the basis of a live order."""
    if not isinstance(record, (Sample, Finding)):
        return True
    refusal = basis_issue(store, record)
    if refusal is None:
        return True
    QMessageBox.warning(parent, tab.remove_button.text().replace("&", ""), issue_text(refusal, lang))
    return False


def guard_removals(parent: QWidget, store: Store, lang: str, *tabs: RecordListTab) -> None:
    """Install the refusal on each tab's remove button."""
    for tab in tabs:
        tab.may_remove = partial(may_remove, parent, store, tab, lang)
