"""The enterprise's 查看历史 shows its contacts' and licences' changes (review rr-ui 4): after 删除联系人
the editor says 修改历史仍保留原来的信息, but the enterprise's history showed 没有修改记录, since only a
visit's history took in its parts. A careful clerk checking the note now finds the old name and
phone there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_removed_contact_privacy import PHONE, firm_with_contact

from qcdesk.models.editor_queries import enterprise_contacts, save_enterprise_file
from qcdesk.models.enterprises import enterprise_licences
from qcdesk.models.records import Licence
from qcdesk.models.store import Store
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.history_dialog import COLUMNS, HistoryDialog


def test_the_enterprise_history_keeps_a_removed_contacts_name_and_phone(
        qtbot, chinese, store: Store, paths, settings) -> None:  # noqa: ANN001
    e = firm_with_contact(store)
    editor = EnterpriseEditor(store, paths, settings=settings, enterprise_id=e.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(2)
    editor.contact_table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.findChild(QPushButton, "removeContactButton"), Qt.MouseButton.LeftButton)
    assert "修改历史" in editor.contact_rows.removed_note.text()  # what the note promises
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT name FROM contact").fetchone() == ("",)  # blanked

    history = HistoryDialog(store, "enterprise", e.uuid)
    qtbot.addWidget(history)
    history.show()
    rows = [history.row_texts(r) for r in range(history.table.rowCount())]
    part = COLUMNS.index("part")
    assert not history.table.isColumnHidden(part)
    removed = [r for r in rows if r[part] == "联系人：邹志华"]  # named by the name it had
    shown = " ".join(" ".join(r) for r in removed)
    assert "邹志华" in shown and PHONE in shown and "质量负责人" in shown, rows
    assert any(r[COLUMNS.index("old")] == PHONE for r in removed)


def test_the_enterprise_history_shows_a_licence_change(qtbot, chinese, store: Store) -> None:  # noqa: ANN001
    e = firm_with_contact(store)
    contacts = enterprise_contacts(store, e.id)
    save_enterprise_file(store, e, [Licence(number="SC11442128100017", expires_on="2027-03-01")], contacts)
    licence = enterprise_licences(store, e.id)[0]
    licence.expires_on = "2030-03-01"
    save_enterprise_file(store, e, [licence], contacts)
    history = HistoryDialog(store, "enterprise", e.uuid)
    qtbot.addWidget(history)
    rows = [history.row_texts(r) for r in range(history.table.rowCount())]
    old, new, part = COLUMNS.index("old"), COLUMNS.index("new"), COLUMNS.index("part")
    assert any(r[part] == "许可证：SC11442128100017" and r[old] == "2027-03-01" and r[new] == "2030-03-01"
               for r in rows), rows
