"""The six-month rule in the visit editor: a sample of a product this bureau already spot-checked
at the enterprise within 6 months is pointed out, at the sample and above the tabs.

A warning only (`qcdesk.models.repeat_checks`): saving goes ahead. It is worked out from the
form as it stands (enterprise, date, kind, inspectors, samples), when a sample is shown, its
product name typed, the visit's fields changed, and after loading or saving the visit.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout

from qcdesk.models.records import Sample
from qcdesk.models.repeat_checks import repeat_check_warnings
from qcdesk.ui.forms import WARNING_BACKGROUND, WARNING_TEXT, iso

if TYPE_CHECKING:
    from qcdesk.models.messages import Issue
    from qcdesk.ui.visit_editor import VisitEditor


class RepeatCheckNote(QObject):
    """The yellow note under the banner, and the warning at the current sample's product name."""

    def __init__(self, editor: VisitEditor):
        super().__init__(editor)
        self.editor = editor
        self.issues: list[Issue] = []
        self._at_field = False  # the product name field shows our warning (not someone's error)
        self.label = QLabel()
        self.label.setObjectName("repeatCheckNote")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(f"color: {WARNING_TEXT}; background: {WARNING_BACKGROUND}; "
                                 "padding: 4px; border: 1px solid #b8860b;")
        self.label.setVisible(False)
        layout = editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(editor.general_error) + 1, self.label)
        tab = editor.samples_tab
        tab.current_changed.connect(self.refresh)
        tab.product_edit.editingFinished.connect(self.refresh)
        tab.remove_button.clicked.connect(self.refresh)
        editor.enterprise_combo.currentIndexChanged.connect(self.refresh)
        editor.date_edit.dateChanged.connect(self.refresh)
        editor.kind_combo.currentIndexChanged.connect(self.refresh)
        editor.inspector_list.itemChanged.connect(self.refresh)

    def refresh(self, *_args: object) -> None:
        e = self.editor
        tab = e.samples_tab
        visit = copy.copy(e.bundle.visit)
        visit.enterprise_id = e._enterprise_id()
        visit.visit_date = iso(e.date_edit)
        visit.kind = e.kind_combo.currentData()
        visit.inspectors = e._checked_inspectors()
        samples = [s for s in tab.collect() if isinstance(s, Sample)]  # live rows first, as listed
        self.issues = repeat_check_warnings(e.store, visit, samples)
        lines = []
        current = ""
        for issue in self.issues:
            row = int(issue.field.split(".")[1])
            text = issue.text(e.lang)
            lines.append(f"{_sample_words(samples[row].product_name)} — {text}")
            if row == tab.list.currentRow():
                current = text
        self.label.setText("\n".join(lines))
        self.label.setVisible(bool(lines))
        field_state = tab.product_edit.property("fieldState")
        if current and field_state != "error":
            tab.errors.set("product_name", current, warning=True)
            self._at_field = True
        elif self._at_field and field_state == "warning":
            tab.errors.clear("product_name")
            self._at_field = False


def _sample_words(product: str) -> str:
    from qcdesk.ui.history_dialog import part_text  # "抽样：青砖茶", as the amendment dialog says

    return part_text("sample", product.strip()[:30])
