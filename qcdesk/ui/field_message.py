"""The message line under a form field: as wide as the form's field column, as tall as its text.

A message under a narrow field (the seal-state combo box) used to be squeezed to the field's
width, and a word-wrapped QLabel in a QFormLayout row is not given the height its wrapped text
needs (Qt sizes form rows from size hints, not from heightForWidth), so its last lines were cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


class MessageLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at the width it was given."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):  # the warning's padding
            self._fit_height()

    def _fit_height(self) -> None:
        """A minimum height the layouts must honour, whatever they make of heightForWidth."""
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(max(need, 0))


def spoken_label(text: str) -> str:
    """A form label as a screen reader should say it: 产品名称(&P)： → 产品名称, Na&me: → Name (the
    Alt+letter is announced apart, as the field's shortcut)."""
    text = re.sub(r"[(（]&[^&][)）]", "", text)
    text = re.sub(r"&(.)", r"\1", text)
    return text.strip().rstrip(":：").strip()


class FieldLabel(QLabel):
    """A form row's label that names its field for screen readers (NVDA read 编辑，空白 before).

    Qt names a field after the label whose buddy it is only when both have the same parent; a
    field inside a FieldBox or a path row has none, so the name is set here, and set again
    whenever the label's text is (a retranslation). Combo boxes get it too: Windows reads a
    combo's name, then its value."""

    def __init__(self, text: str, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.named = field
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.named.setAccessibleName(spoken_label(text))


def labelled_row(form: QFormLayout, text: str, row: QWidget, field: QWidget) -> FieldLabel:
    """form.addRow(text, row) for a row whose field sits inside `row` (a path and its Browse…):
    the label names `field` and its Alt+letter reaches it."""
    label = FieldLabel(text, field)
    label.setBuddy(field)
    form.addRow(label, row)
    return label


class _SpokenName(QObject):
    """Sets a widget's accessible name again on a language switch (LanguageChange)."""

    def __init__(self, widget: QWidget, name: Callable[[], str]):
        super().__init__(widget)
        self.name = name
        widget.setAccessibleName(name())
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange and isinstance(watched, QWidget):
            watched.setAccessibleName(self.name())
        return False


def spoken_name(widget: QWidget, name: Callable[[], str]) -> None:
    """Name a widget that has no form label (a master list beside its form) for screen readers,
    in the language in use: NVDA said only 列表 for the visit editor's samples and findings."""
    _SpokenName(widget, name)


def _grows(policy: QSizePolicy.Policy) -> bool:
    return bool(policy.value & QSizePolicy.PolicyFlag.GrowFlag.value)


def _form_holding(widget: QWidget) -> QFormLayout | None:
    """The QFormLayout (among the parent's nested layouts) that `widget` is a field of."""
    parent = widget.parentWidget()
    todo = [parent.layout()] if parent is not None and parent.layout() is not None else []
    while todo:
        layout = todo.pop()
        if isinstance(layout, QFormLayout) and layout.indexOf(widget) >= 0:
            return layout
        todo.extend(item.layout() for item in (layout.itemAt(i) for i in range(layout.count()))
                    if item.layout() is not None)
    return None


class FieldBox(QWidget):
    """A form field and its message line. The box spans the form's field column so the message
    reads in full under a narrow field; the field keeps the width the form would give it (its
    size hint, at the left, unless the form's growth policy lets it grow). Decided when the box
    is polished, since forms often set their growth policy after their rows."""

    def __init__(self, field: QWidget):
        super().__init__()
        self.field = field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        # The form label's buddy is this box, and QLabel's Alt+letter (产品名称(&P)) focuses a buddy
        # only when the buddy takes focus: the box does (never by Tab) and hands it to its field,
        # or, for a row of several widgets, to the first one that takes Tab.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        if field.focusPolicy() != Qt.FocusPolicy.NoFocus:
            self.setFocusProxy(field)

    def focus_target(self) -> QWidget | None:
        """The widget an Alt+letter on the row's label should reach."""
        if self.focusProxy() is not None:
            return self.focusProxy()
        for widget in self.field.findChildren(QWidget):  # depth first, in the order laid out
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() \
                    and widget.isVisibleTo(self.field):
                return widget
        return None

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        target = self.focus_target()
        if target is not None and target is not self:
            target.setFocus(event.reason())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:
            self.align_field()
        return super().event(event)

    def align_field(self) -> None:
        """At the top of the row, beside its label (a short field centred in a row the form had
        stretched sat 36 px below it); at the left unless the form lets it grow."""
        layout = self.layout()
        top = Qt.AlignmentFlag.AlignTop
        layout.setAlignment(self.field, top)
        if layout.itemAt(0).expandingDirections() & Qt.Orientation.Horizontal:
            return  # an expanding field fills the column under every growth policy
        form = _form_holding(self)
        policy = form.fieldGrowthPolicy() if form is not None else None
        if not (policy == QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
                and _grows(self.field.sizePolicy().horizontalPolicy())):
            layout.setAlignment(self.field, Qt.AlignmentFlag.AlignLeft | top)


def with_message(widget: QWidget) -> tuple[QWidget, QLabel]:
    """The widget with a (hidden until needed) message line under it, for a form row."""
    box = FieldBox(widget)
    label = MessageLabel()
    label.setVisible(False)
    box.layout().addWidget(label)
    return box, label
