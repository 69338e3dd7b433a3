"""Rolling the mouse wheel over a scrolling form scrolls the form, not the box under the pointer.

Found on Windows 11 at 1093 × 566 (review regress-ui A1): since the visit editor and Preferences
scroll (record_window.FormScroll), the wheel is how one reaches 保存 / 确定, and one notch over
受检企业 moved a visit to another enterprise (then saved); three over 本单位辖区 chose another
county and filled in its 组织单位 and notice prefixes. The form did not move at all.
So inside a QScrollArea a combo box, date field or spin box takes the wheel only when it has the
keyboard focus (a user who clicked into it means it); otherwise the form scrolls. The wheel no
longer gives such a box the focus either (Qt.StrongFocus): the second notch would change it.
One filter on the application, so boxes added later (a new sample's rows) are covered too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox: date, time and number fields alike


def form_scroll_of(widget: QWidget) -> QScrollArea | None:
    """The scrolling form `widget` sits in; None when the nearest scrolling area is something
    else (a table's cell editor scrolls with its table, as Qt does it)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent if isinstance(parent, QScrollArea) else None
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Sends a wheel over an unfocused box in a scrolling form to the form's scroll area."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Show) or not isinstance(watched, GUARDED):
            return False
        scroll = form_scroll_of(watched)
        if scroll is None:
            return False
        if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # on Show: before any wheel
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if kind == QEvent.Type.Show or watched.hasFocus():
            return False
        assert isinstance(event, QWheelEvent)
        viewport = scroll.viewport()
        at = QPointF(watched.mapTo(viewport, event.position().toPoint()))
        QApplication.sendEvent(viewport, QWheelEvent(
            at, event.globalPosition(), event.pixelDelta(), event.angleDelta(), event.buttons(),
            event.modifiers(), event.phase(), event.inverted(), event.source()))
        event.accept()
        return True  # the box keeps its value


def install() -> None:
    """Guard every scrolling form of the application, once (FormScroll calls this)."""
    app = QApplication.instance()
    if app is None or app.findChild(WheelGuard) is not None:
        return
    app.installEventFilter(WheelGuard(app))
