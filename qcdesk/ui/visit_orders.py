"""The visit editor's list of the orders issued on the visit (本次检查下达的整改).

Moved out of visit_editor.py so opening an order can ask record_opening first: an order already
open (the order dialog this visit was opened from, say) is not opened a second time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from qcdesk.models.editor_queries import order_subjects, rectifications_of_visit, retest_passed_orders
from qcdesk.models.listing import RECTIFICATIONS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.record_opening import shown_instead
from qcdesk.ui.rectification_dialog import RectificationDialog, order_label


class OrdersBox(QGroupBox):
    """A saved visit's orders; double-click or Enter opens one (or brings its open window forward)."""

    def __init__(self, title: str, store: Store, paths: AppPaths, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.store = store
        self.paths = paths
        self.visit_id: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("ordersList")
        self.list.setMaximumHeight(90)
        self.list.itemActivated.connect(self.open_order)
        QVBoxLayout(self).addWidget(self.list)

    def fill(self, visit_id: int | None) -> None:
        self.visit_id = visit_id
        self.list.clear()
        self.setVisible(bool(visit_id))  # orders need a saved visit
        if not visit_id:
            return
        rects = rectifications_of_visit(self.store, visit_id)
        subjects = order_subjects(self.store, [r.id for r in rects])
        passed = retest_passed_orders(self.store, [r.id for r in rects])
        for rect in rects:
            item = QListWidgetItem(order_label(rect, subjects.get(rect.id, ""), rect.id in passed))
            item.setToolTip(rect.requirement)
            item.setData(Qt.ItemDataRole.UserRole, rect.id)
            self.list.addItem(item)

    def open_order(self, item: QListWidgetItem) -> None:
        rect_id = item.data(Qt.ItemDataRole.UserRole)
        if shown_instead(self.window(), RECTIFICATIONS, rect_id) is not None:
            return
        RectificationDialog(self.store, self.paths, rect_id, self.window()).exec()
        self.fill(self.visit_id)  # its status may have moved
