"""Reading and writing a form widget's value as the record field holds it (the visit editor's tabs).

Kept apart from visit_tabs.py so that module stays under 500 lines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from qcdesk.ui.forms import OptionalDateEdit, set_combo_data


def read_widget(widget: QWidget) -> object:
    if isinstance(widget, OptionalDateEdit):
        return widget.value()
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QCheckBox):
        return int(widget.isChecked())
    if isinstance(widget, QComboBox):
        if widget.isEditable():  # what was typed: an item's label stands for its value, other text is kept
            text = widget.currentText().strip()
            data = widget.itemData(widget.findText(text, Qt.MatchFlag.MatchFixedString))
            return data if data is not None else text
        data = widget.currentData()
        return data if data is not None else widget.currentText().strip()
    raise TypeError(type(widget).__name__)


def write_widget(widget: QWidget, value: object) -> None:
    if isinstance(widget, OptionalDateEdit):
        widget.setValue(value)  # type: ignore[arg-type]
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        if widget.findData(value) >= 0:
            set_combo_data(widget, value)
            if widget.isEditable():  # the index may not have changed while the typed text did
                widget.setEditText(widget.itemText(widget.currentIndex()))
        else:
            widget.setCurrentText(str(value or ""))
