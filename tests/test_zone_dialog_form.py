"""The zone editor as a clerk reads it: its labels end in ： as every other form's; an empty
完成日期 reads （尚未完成）, where it showed the grey example 例：2026-03-01 that looked like a date
on record; the milestones get the room (2½ of 6 rows showed while 备注 took the space)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from qcdesk.models.demonstration import DemonstrationZone
from qcdesk.ui.zones_page import ZoneDialog


def test_the_zone_editor_reads_as_a_form(qtbot, store, chinese) -> None:  # noqa: ANN001
    zone = DemonstrationZone(name="咸宁高新区军民结合产业质量提升示范项目", milestones=[
        {"title": f"节点{n}", "due_on": f"2026-0{n}-01", "done_on": "2026-01-25" if n == 1 else ""}
        for n in range(1, 7)])
    dialog = ZoneDialog(store, zone)
    qtbot.addWidget(dialog)
    dialog.resize(760, 680)
    dialog.show()
    qtbot.wait(50)
    form = next(f for f in dialog.findChildren(QFormLayout) if f.rowCount() >= 6)
    labels = [form.itemAt(r, QFormLayout.ItemRole.LabelRole).widget() for r in range(form.rowCount())]
    assert all(isinstance(w, QLabel) and w.text().endswith("：") for w in labels), [w.text() for w in labels]
    delegate = dialog.milestones.itemDelegate()
    assert delegate.not_done == "（尚未完成）" and delegate.hint.startswith("例")
    assert dialog.milestones.height() > dialog.notes.height()
