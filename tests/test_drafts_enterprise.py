"""The enterprise editor (企业档案) keeps a draft as the visit editor does (E24).

Text typed in 基本情况, licences, contacts or notes was lost when QCDesk died before 保存: now it
is kept a few seconds after the last edit, offered back (恢复 / 丢弃) when that enterprise's
editor (or 新建企业, for a new one) is opened next, listed in the status bar's drafts menu as
企业档案 — name — time, and gone once saved. A crash is the editor dropped with no close path.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidgetItem
from pytestqt.qtbot import QtBot

from qcdesk.models.drafts import DraftKey, local_time
from qcdesk.models.editor_queries import enterprise_contacts
from qcdesk.models.enterprises import enterprise_licences, find_enterprise_by_uscc
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from tests import test_drafts
from tests.test_drafts import crash, drafts
from tests.test_drafts_blocked import _window

short_delay, offers, enterprise = test_drafts.short_delay, test_drafts.offers, test_drafts.enterprise

ADDRESS = "No. 8 Chachang Rd, 赤壁市赵李桥镇羊楼洞村（新厂区）"
NOTES = "2026-11 走访：新建青砖茶压制车间，原料仓库与成品库已分开；拟申请扩项 SC 许可。" * 4
LICENCE = "SC11442128100017"
CONTACT = ("李红梅", "质量负责人", "0715-5321088")
NEW_USCC, NEW_NAME = "91421221MA4E3XHX15", "嘉鱼县管材制造有限公司"


def open_editor(qtbot: QtBot, store: Store, paths: AppPaths, settings: object,
                enterprise_id: int | None, keep: bool = True) -> EnterpriseEditor:
    editor = EnterpriseEditor(store, paths, enterprise_id, settings=settings)
    if keep:
        qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_file(qtbot: QtBot, editor: EnterpriseEditor) -> None:
    """基本情况 typed by keyboard, a licence and a contact added, notes pasted."""
    editor.address_edit.clear()
    editor.address_edit.setFocus()
    qtbot.keyClicks(editor.address_edit, "No. 8 Chachang Rd, ")  # QTest types ASCII only
    editor.address_edit.insert(ADDRESS.removeprefix("No. 8 Chachang Rd, "))
    editor.tabs.setCurrentIndex(1)
    editor.findChild(QPushButton, "addLicenceButton").click()
    editor.licence_table.setItem(0, 0, QTableWidgetItem(LICENCE))
    editor.licence_table.setItem(0, 1, QTableWidgetItem("茶叶及相关制品"))
    editor.tabs.setCurrentIndex(2)
    editor.findChild(QPushButton, "addContactButton").click()
    for column, text in enumerate(CONTACT):
        editor.contact_table.setItem(0, column, QTableWidgetItem(text))
    editor.notes_edit.setPlainText(NOTES)


def typed_and_kept(qtbot: QtBot, store: Store, paths: AppPaths, settings: object,
                   enterprise_id: int | None) -> DraftKey:
    editor = open_editor(qtbot, store, paths, settings, enterprise_id, keep=False)
    if enterprise_id is None:
        editor.uscc_edit.setText(NEW_USCC)
        editor.name_edit.setText(NEW_NAME)
        editor.jurisdiction_combo.setCurrentIndex(editor.jurisdiction_combo.findData("421221"))
    type_file(qtbot, editor)
    assert editor.draft, "the enterprise editor keeps no draft"
    key = editor.draft.adapter.key()
    qtbot.waitUntil(lambda: drafts(store, editor.paths).load(key) is not None, timeout=5000)
    crash(editor)
    return key


def shows_typing(editor: EnterpriseEditor) -> bool:
    enterprise, licences = editor.collect()
    contacts = editor.collect_contacts()
    return (enterprise.address == ADDRESS and enterprise.notes == NOTES.strip()
            and [(x.number, x.product) for x in licences] == [(LICENCE, "茶叶及相关制品")]
            and [(c.name, c.role, c.phone) for c in contacts] == [CONTACT])


def test_an_enterprise_file_typed_survives_a_crash_and_save_deletes_the_draft(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise,
        offers: list[bool]) -> None:
    key = typed_and_kept(qtbot, store, paths, settings, enterprise.id)
    assert key == DraftKey("enterprise", enterprise.uuid)
    assert fetch_record(store, Enterprise, enterprise.id).notes == ""  # nothing was saved

    editor = open_editor(qtbot, store, paths, settings, enterprise.id)
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)  # 恢复 / 丢弃, not changed elsewhere
    assert shows_typing(editor) and editor.is_dirty()

    assert editor._save_clicked()  # saved: the draft goes
    assert drafts(store, paths).drafts() == []
    saved = fetch_record(store, Enterprise, enterprise.id)
    assert saved.address == ADDRESS and saved.notes == NOTES.strip()
    assert [x.number for x in enterprise_licences(store, enterprise.id)] == [LICENCE]
    assert [c.name for c in enterprise_contacts(store, enterprise.id)] == [CONTACT[0]]


def test_a_new_enterprise_is_offered_when_new_enterprise_is_opened_next(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise,
        offers: list[bool]) -> None:
    key = typed_and_kept(qtbot, store, paths, settings, None)
    assert key == DraftKey("enterprise")
    assert find_enterprise_by_uscc(store, NEW_USCC) is None

    other = open_editor(qtbot, store, paths, settings, enterprise.id)  # another enterprise: not offered
    qtbot.wait(200)
    assert offers == [] and other.notes_edit.toPlainText() == ""
    other.done(0)

    editor = open_editor(qtbot, store, paths, settings, None)
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)
    assert shows_typing(editor)
    assert editor.name_edit.text() == NEW_NAME and editor.jurisdiction_combo.currentData() == "421221"
    assert editor._save_clicked()  # saved under its own uuid: no draft left under either key
    assert drafts(store, paths).drafts() == []
    saved = find_enterprise_by_uscc(store, NEW_USCC)
    assert saved is not None and saved.name == NEW_NAME and saved.notes == NOTES.strip()


def test_restored_over_a_change_made_elsewhere_the_box_says_so(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise,
        offers: list[bool]) -> None:
    from qcdesk.models.enterprises import save_enterprise

    typed_and_kept(qtbot, store, paths, settings, enterprise.id)
    current = fetch_record(store, Enterprise, enterprise.id)
    current.legal_representative = "另一台电脑写的法定代表人"
    save_enterprise(store, current)
    editor = open_editor(qtbot, store, paths, settings, enterprise.id)
    qtbot.waitUntil(lambda: offers == [True], timeout=3000)  # saving will show both to choose from
    assert shows_typing(editor)
    assert editor.enterprise.revision == enterprise.revision  # saved against what was typed over


def test_the_drafts_menu_names_each_enterprise_file_and_opens_it(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise,
        offers: list[bool], monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    from qcdesk.ui.draft_notice import DraftsButton

    typed_and_kept(qtbot, store, paths, settings, enterprise.id)
    typed_and_kept(qtbot, store, paths, settings, None)
    kept = {d.key: local_time(d.saved_at) for d in drafts(store, paths).drafts()}
    window = _window(qtbot, store, paths, settings, monkeypatch)
    button = window.findChild(DraftsButton)
    assert button is not None and button.isVisible() and button.text() == "2份未保存的草稿"
    button.menu().aboutToShow.emit()
    entries = {a.text(): a for a in button.menu().actions() if a.isEnabled()}
    old = f"企业档案 — {enterprise.name} — {kept[DraftKey('enterprise', enterprise.uuid)]}"
    new = f"新建企业档案 — {NEW_NAME} — {kept[DraftKey('enterprise')]}"
    assert sorted(entries) == sorted([old, new])

    for title, count in ((new, 1), (old, 2)):
        entries[title].trigger()  # its editor (over the enterprise's page), which offers it back
        qtbot.waitUntil(lambda n=count: len(offers) == n, timeout=3000)
        [editor] = [w for w in QApplication.topLevelWidgets() if isinstance(w, EnterpriseEditor)
                    and w.isVisible()]
        assert shows_typing(editor)
        assert editor._save_clicked()
        editor.done(0)
    button.refresh()
    assert not button.isVisible()
    assert fetch_record(store, Enterprise, enterprise.id).notes == NOTES.strip()


def test_a_licence_or_contact_typed_alone_is_kept(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise) -> None:
    editor = open_editor(qtbot, store, paths, settings, enterprise.id)
    editor.tabs.setCurrentIndex(1)
    editor.findChild(QPushButton, "addLicenceButton").click()
    editor.licence_table.setItem(0, 0, QTableWidgetItem(LICENCE))
    key = DraftKey("enterprise", enterprise.uuid)
    qtbot.waitUntil(lambda: drafts(store, paths).load(key) is not None, timeout=3000)
    assert [x["number"] for x in drafts(store, paths).load(key).values["typed"]["licences"]] == [LICENCE]


def test_the_draft_of_a_deleted_enterprise_is_shown_read_only_with_what_was_typed(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise) -> None:
    from qcdesk.models.drafts import draft_blocked
    from qcdesk.models.persistence import soft_delete
    from qcdesk.ui.draft_stale import draft_text

    key = typed_and_kept(qtbot, store, paths, settings, enterprise.id)
    soft_delete(store, fetch_record(store, Enterprise, enterprise.id))
    draft = drafts(store, paths).load(key)
    assert draft is not None and draft_blocked(store, draft).reason == "gone"
    text = draft_text(draft)
    assert NOTES.strip() in text and ADDRESS in text
