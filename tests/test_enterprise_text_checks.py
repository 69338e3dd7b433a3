"""The enterprise file's free text as an inspector types it: a phone must be a Chinese phone number,
a name field holds a name (not a paragraph), and what was saved before these rules still saves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.enterprises import save_enterprise, validate_enterprise
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.ui.enterprise_editor import EnterpriseEditor

USCC = "91421221MA4E3XHX15"
NAME = "嘉鱼县测试管业有限公司"

pytestmark = pytest.mark.usefixtures("chinese_core_no_boxes")


def enterprise(**values: str) -> Enterprise:
    return Enterprise(uscc=USCC, name=NAME, jurisdiction_code="421221", **values)


def refused(store: Store, e: Enterprise) -> list[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, e)
    return [(i.field, i.text()) for i in info.value.issues]


def test_a_phone_that_is_no_number_is_refused_saying_what_a_number_looks_like(store: Store) -> None:
    assert refused(store, enterprise(contact_phone="abc电话号码不对")) == [(
        "contact_phone",
        "联系电话“abc电话号码不对”不是有效的电话号码：手机号为11位（如 13907151234），固定电话请带区号"
        "（如 0715-8123456），分机写作“转123”，多个号码用顿号或“/”分隔")]
    assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0


@pytest.mark.parametrize("typed", ["12345", "0715-812345", "139071512345", "13907151234 王经理"])
def test_wrong_length_or_words_in_the_phone_are_refused(store: Store, typed: str) -> None:
    assert [f for f, _t in refused(store, enterprise(contact_phone=typed))] == ["contact_phone"]


@pytest.mark.parametrize(("typed", "stored"), [
    ("13907151234", "13907151234"),
    ("139 0715 1234", "139 0715 1234"),
    ("+86 13907151234", "+86 13907151234"),
    ("0715-8123456", "0715-8123456"),
    ("0715-1234567", "0715-1234567"),
    ("(0715)8123456", "(0715)8123456"),
    ("（０７１５）８１２３４５６", "(0715)8123456"),
    ("１３９０７１５１２３４", "13907151234"),
    ("07158123456", "07158123456"),
    ("0715-8123456转123", "0715-8123456转123"),
    ("0715-8123456-123", "0715-8123456-123"),
    ("0715-8123456、13907151234", "0715-8123456、13907151234"),
    ("0715-8123456/13907151234", "0715-8123456/13907151234"),
    ("400-123-4567", "400-123-4567"),
    ("/", "/"),
    ("", ""),
])
def test_chinese_phone_numbers_are_saved_half_width(store: Store, typed: str, stored: str) -> None:
    e = save_enterprise(store, enterprise(contact_phone=typed))
    row = store.db.execute("SELECT contact_phone FROM enterprise WHERE id = ?", [e.id]).fetchone()
    assert row[0] == stored


def test_a_landline_without_area_code_is_pointed_out_and_saved(store: Store) -> None:
    issues = validate_enterprise(store, enterprise(contact_phone="8123456"))
    assert [(i.field, i.warning) for i in issues] == [("contact_phone", True)]
    assert "没有区号" in issues[0].text()
    save_enterprise(store, enterprise(contact_phone="8123456"))


def test_a_paragraph_in_a_name_field_is_refused(store: Store) -> None:
    problems = dict(refused(store, enterprise(legal_representative="张" * 5000, contact_name="李" * 31)))
    assert problems == {
        "legal_representative":
            "法定代表人应填写姓名，不超过50个字（当前5000个字）；电话等其他内容请填在各自栏目中",
        "contact_name": "联系人应填写姓名，不超过30个字（当前31个字）；电话等其他内容请填在各自栏目中",
    }


def test_a_115_character_company_name_is_refused_a_long_one_pointed_out(store: Store) -> None:
    long_name = "咸宁市" + "测" * 112
    assert refused(store, Enterprise(uscc=USCC, name=long_name, jurisdiction_code="421221")) == [(
        "name", "企业名称有115个字，超过100个字：请按营业执照上的名称填写，地址、联系人等请填在各自栏目中")]
    branch = ("中国石油化工股份有限公司湖北咸宁石油分公司咸安区永安大道第一加油站"
              "便利店质量管理部门第一分部办公室（咸宁）")
    assert len(branch) == 53
    named = Enterprise(uscc=USCC, name=branch, jurisdiction_code="421221")
    issues = validate_enterprise(store, named)
    assert [(i.field, i.rule, i.warning) for i in issues] == [("name", "name.long", True)]
    save_enterprise(store, named)


def test_a_record_saved_before_these_rules_still_saves_unchanged_not_a_new_bad_value(store: Store) -> None:
    e = save_enterprise(store, enterprise())
    store.db.execute("UPDATE enterprise SET contact_phone = 'abc电话号码不对', legal_representative = ? "
                     "WHERE id = ?", ["张" * 80, e.id])
    old = fetch_record(store, Enterprise, e.id)
    old.notes = "复核"  # another field edited: the old values are pointed out, not refused
    issues = validate_enterprise(store, old)
    assert {(i.field, i.warning) for i in issues} == {("contact_phone", True), ("legal_representative", True)}
    save_enterprise(store, old)
    again = fetch_record(store, Enterprise, e.id)
    again.contact_phone = "还是不对"
    assert [f for f, _t in refused(store, again)] == ["contact_phone"]


def test_the_editor_shows_the_phone_message_under_the_phone_field(qtbot, store: Store, paths,
                                                                  settings) -> None:
    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.uscc_edit.setText(USCC)
    editor.name_edit.setText(NAME)
    editor.jurisdiction_combo.setCurrentIndex(editor.jurisdiction_combo.findData("421221"))
    editor.phone_edit.setText("abc电话号码不对")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    shown = editor.errors.message("contact_phone")
    assert shown.startswith("联系电话“abc电话号码不对”不是有效的电话号码：手机号为11位")
    label = editor.phone_edit.parentWidget().findChildren(type(editor.general_error))[0]
    assert label.isVisible() and label.text() == shown
    assert editor.tabs.currentWidget().isAncestorOf(editor.phone_edit)  # the page with the phone is shown
    assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0
    editor.phone_edit.setText("０７１５－８１２３４５６")
    assert editor.save() is True
    assert store.db.execute("SELECT contact_phone FROM enterprise").fetchone()[0] == "0715-8123456"
