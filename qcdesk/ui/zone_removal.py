"""Deleting a demonstration zone/project on the zones page, and bringing one back.

Why: 删除 (Alt+D, next to Alt+N 新建) deleted the selected zone at once, its members and
milestones with it, and the page offered no way to see or restore it; the only way back was a
whole-database restore. Now the page asks first, naming the zone and what goes with it, and
`Restore deleted…` lists the deleted ones (the latest first) to bring one back as it was. The
core is `demonstration.delete_zone` / `deleted_zones` / `restore_zone` (a soft delete, so a
package carries the deletion and the restore alike).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from qcdesk.models.clock_text import local_time
from qcdesk.models.demonstration import DemonstrationZone, deleted_zones, restore_zone
from qcdesk.ui.forms import STORAGE_ERRORS, storage_refusal
from qcdesk.ui.workers import ui_lang

if TYPE_CHECKING:
    from qcdesk.ui.zones_page import ZonesPage


def confirm_delete(parent: QWidget, zone: DemonstrationZone) -> bool:
    """Ask before deleting, naming the zone, its members and milestones and the way back."""
    text = QCoreApplication.translate(
        "ZoneRemoval", "Delete “%1”? Its list of %2 member enterprise(s) and %3 milestone(s) go "
        "with it; the enterprises themselves stay in the register. To bring it back, click "
        "Restore deleted… on this page.")
    text = (text.replace("%1", zone.name).replace("%2", str(len(zone.members)))
            .replace("%3", str(len(zone.milestones))))
    title = QCoreApplication.translate("ZoneRemoval", "Delete zone or project")
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def restore_deleted(page: ZonesPage) -> DemonstrationZone | None:
    """Offer the deleted zones, the latest deletion first; the one chosen comes back whole."""
    zones = deleted_zones(page.store)
    title = QCoreApplication.translate("ZoneRemoval", "Restore a deleted zone or project")
    if not zones:
        QMessageBox.information(page, title, QCoreApplication.translate(
            "ZoneRemoval", "No zone or project has been deleted."))
        return None
    each = QCoreApplication.translate("ZoneRemoval", "%1 (deleted %2)")
    items = [each.replace("%1", z.name).replace("%2", local_time(z.deleted_at)) for z in zones]
    label = QCoreApplication.translate("ZoneRemoval", "Deleted, the latest first. Choose the one "
                                                      "to bring back:")
    item, ok = QInputDialog.getItem(page, title, label, items, 0, False)
    if not ok or item not in items:
        return None
    try:
        zone = restore_zone(page.store, zones[items.index(item)].id or 0)
    except STORAGE_ERRORS as exc:  # locked, full or unreachable: it stays deleted, say so
        storage_refusal(page, exc, ui_lang())
        return None
    if zone is not None:
        page.select_uuid = zone.uuid
        page.refresh()
        page.changed.emit()
    return zone
