"""The enterprise import's choices: the county of rows without one, and going on with a file
that looks like another kind of list.

A county's own ledger has no 所属县市区 column (every firm is the county's), and the whole file
was refused. The choice starts on this office's jurisdiction where the desk knows it (the signing
key's, else 本单位名称's bureau, as the dashboard's scope does); the city's office starts on "none",
since a city list must say each firm's county. A spot-check or rectification ledger given to
the enterprise import takes only its firms: the clerk hears of the right import before anything is written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QWidget

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.place_names import jurisdictions


class CountyChoice(QWidget):
    """未填写所属县市区的企业：[通城县 ▾]; `code()` is "" when rows must give their own."""

    changed = Signal()

    def __init__(self, store: Store, paths: AppPaths | None, parent: QWidget | None = None):
        super().__init__(parent)
        from qcdesk.ui.dashboard_scope import office_jurisdiction, whole_city

        self.combo = QComboBox(self)
        self.combo.setObjectName("countyChoice")
        self.combo.addItem(self.tr("None: the list must give each one's county"), "")
        for code, name in jurisdictions(store):
            self.combo.addItem(name, code)
        try:
            office = office_jurisdiction(store, paths)
        except Exception:  # noqa: BLE001 - an unreadable key only loses the default
            office = ""
        index = self.combo.findData(office) if office and not whole_city(office) else -1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        label = QLabel(self.tr("Enterprises without a c&ounty:"), self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def code(self) -> str:
        return self.combo.currentData() or ""


def import_anyway(parent: QWidget, plan: Any, lang: str, title: str) -> bool:
    """True to write `plan`; for a file that looks like a spot-check or rectification ledger
    only when the clerk says so (No is the default), after reading which import brings it in."""
    kind = getattr(plan, "other_kind", "")
    if kind not in ("checks", "orders"):
        return True
    note = next(n for n in plan.notes if n.rule == f"roster.looks_like_{kind}")
    text = note.text(lang) + "\n\n" + QCoreApplication.translate(
        "CountyChoice", "Import only the enterprises of this file into the enterprise list?")
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
