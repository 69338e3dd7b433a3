"""What a careless typist types is stored the same way everywhere (review RA A3, A4/C4, A5, B2).

- A3: an officer already in the 执法人员名册 typed again with his 执法证号 in full-width mode
  (４２１２０２２０１６０００１) or with a space (4212 0220160001) was saved as a second person;
  the draw then sent "汪涛志 + 汪涛志" as a team. Now the dialog refuses him as the exact number
  is refused, stores a new number as the roster import does, and records stored in another form
  before this fix are one person for the duplicate marking and the draw.
- A4/C4: an enterprise name pasted with a line break (WeChat, an Excel cell with Alt+Enter) was
  stored with it and the list showed only its first line; now one-line fields store one line,
  in the editor and the roster import alike, while the notes keep their lines.
- A5: a further contact's phone was stored as typed, unchecked.
- B2: 1390715 (a mobile cut short) was saved as a landline without its area code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from qcdesk.models.cert_duplicates import shared_certs
from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.draw import DrawParameters, make_draw
from qcdesk.models.draw_pool import build_pool
from qcdesk.models.editor_queries import Contact, enterprise_contacts, save_enterprise_file
from qcdesk.models.enterprises import enterprise_licences, save_enterprise, validate_enterprise
from qcdesk.models.inspector_roster import apply_inspector_plan, plan_inspector_import
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.roster import apply_roster_plan, plan_roster_import
from qcdesk.models.store import Store

CERT = "42120220160001"
TYPED = ["４２１２０２２０１６０００１", "4212 0220160001", "42120220160001\u3000", "4212\t0220160001"]
ALL = dict.fromkeys("ABCD", "1")


def _uscc(i: int) -> str:
    org = f"MA4KL{i:03d}"
    first17 = "91421202" + org + org_code_check_character(org)
    return first17 + uscc_check_character(first17)


def _register_dialog(store: Store, qtbot: QtBot, name: str, cert: str):  # noqa: ANN202 - RosterDialog
    from qcdesk.ui.inspector_chooser import RosterDialog

    dialog = RosterDialog(store, lang="zh")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "newInspectorButton"), Qt.MouseButton.LeftButton)
    dialog.form.name_edit.setText(name)
    dialog.form.cert_edit.setText(cert)
    dialog.form.jurisdiction_combo.setCurrentIndex(dialog.form.jurisdiction_combo.findData("421202"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog


def _people(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT name, cert_no FROM inspector WHERE deleted_at IS NULL ORDER BY id").fetchall()


@pytest.mark.parametrize("typed", TYPED)
def test_the_register_refuses_an_officer_already_there_typed_full_width_or_spaced(
        store: Store, qtbot: QtBot, typed: str) -> None:
    with store.transaction():
        insert_record(store, Inspector(name="汪涛志", cert_no=CERT, jurisdiction_code="421202"))
    dialog = _register_dialog(store, qtbot, "汪涛志", typed)
    assert _people(store) == [("汪涛志", CERT)]  # no second record of him
    assert dialog.form.errors.message("cert_no").startswith(f"执法证号 {CERT} 已属于 汪涛志（咸安区）")


def test_a_new_number_typed_carelessly_is_stored_as_the_roster_import_stores_it(
        store: Store, qtbot: QtBot, tmp_path: Path) -> None:
    _register_dialog(store, qtbot, "汪　涛志 ", "４２１２ 0220160002")
    book = Workbook()
    book.active.append(["姓名", "执法证号", "所属单位"])
    book.active.append(["李　娜", "４２１２０２２０ 160003", "咸安区"])
    book.save(tmp_path / "名录.xlsx")
    apply_inspector_plan(store, plan_inspector_import(store, tmp_path / "名录.xlsx"))
    assert _people(store) == [("汪涛志", "42120220160002"), ("李娜", "42120220160003")]


def _two_records_of_one_man(store: Store) -> None:
    """汪涛志 as an older database holds him: once as typed right, once in full-width mode."""
    with store.transaction():
        for cert in (CERT, TYPED[0]):
            insert_record(store, Inspector(name="汪涛志", cert_no=cert, jurisdiction_code="421202"))
        insert_record(store, Inspector(name="李娜", cert_no="42120220160009", jurisdiction_code="421202"))
        for i in range(4):
            insert_record(store, Enterprise(uscc=_uscc(i), name=f"咸安区测试企业{i}",
                                            jurisdiction_code="421202", contact_phone="0715-8123456"))


def test_records_stored_in_another_form_are_one_person_for_the_marking_and_the_draw(
        store: Store, qtbot: QtBot) -> None:
    from qcdesk.ui.inspector_chooser import RosterDialog

    _two_records_of_one_man(store)
    assert [sorted(u) for u in shared_certs(store).values()] == [sorted(
        r[0] for r in store.db.execute("SELECT uuid FROM inspector WHERE name = '汪涛志'"))]
    dialog = RosterDialog(store, lang="en")
    qtbot.addWidget(dialog)
    marked = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert sorted(t for t in marked if t.endswith("(duplicate)")) == [
        f"{CERT} (duplicate)", f"{TYPED[0]} (duplicate)"]
    certs = dict(store.db.execute("SELECT uuid, cert_no FROM inspector"))
    params = DrawParameters(jurisdiction="421202", ratios=ALL)
    for seed in range(30):
        result = make_draw(store, seed=str(seed), params=params, as_of=date(2026, 11, 30))
        assert len(result.pool.inspectors) == 2  # 汪涛志 and 李娜, not three people
        for pick in result.picks:  # 李娜 and one record of 汪涛志: never 汪涛志 twice
            assert len(pick.inspectors) == 2 and "42120220160009" in {certs[i] for i in pick.inspectors}, seed
    # a draw made under rule 7 is rebuilt as it was made (three people), so it still verifies
    old = DrawParameters(jurisdiction="421202", ratios=ALL, pool_rule=7)
    assert len(build_pool(store, old, date(2026, 11, 30)).inspectors) == 3


def test_correcting_one_of_them_is_not_refused_for_his_own_number(store: Store, qtbot: QtBot) -> None:
    _two_records_of_one_man(store)
    row = store.db.execute("SELECT id FROM inspector WHERE cert_no = ?", [TYPED[0]]).fetchone()
    person = fetch_record(store, Inspector, row[0])
    person.name = "汪涛志"
    person.active = 0  # the way out the roster offers: untick 在岗 on the extra record
    from qcdesk.models.inspections import save_inspector

    save_inspector(store, person)
    stored = store.db.execute("SELECT cert_no, active FROM inspector WHERE id = ?", [row[0]]).fetchone()
    assert stored == (CERT, 0)


# --- A4/C4: one-line fields -----------------------------------------------------------------

def _editor(store: Store, paths, settings, qtbot: QtBot):  # noqa: ANN001, ANN202 - AppPaths, EnterpriseEditor
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _paste(widget, text: str) -> None:  # noqa: ANN001 - a QLineEdit
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    widget.paste()


def test_a_name_pasted_with_its_line_breaks_is_stored_on_one_line_by_editor_and_import_alike(
        store: Store, paths, settings, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: ANN001
    editor = _editor(store, paths, settings, qtbot)
    editor.uscc_edit.setText(_uscc(1))
    _paste(editor.name_edit, "咸安区\n测试苎麻纺织有限公司\r\n")
    assert "\n" in editor.name_edit.text()  # the line edit keeps what was pasted
    editor.jurisdiction_combo.setCurrentIndex(editor.jurisdiction_combo.findData("421202"))
    _paste(editor.address_edit, "咸安区 横沟桥镇\n工业园\t3号")
    _paste(editor.legal_edit, "\u3000张\t三\u3000")
    editor.notes_edit.setPlainText("第一行\n第二行")
    assert editor.save()
    stored = fetch_record(store, Enterprise, editor.enterprise.id)
    assert (stored.name, stored.address, stored.legal_representative, stored.notes) == (
        "咸安区 测试苎麻纺织有限公司", "咸安区 横沟桥镇 工业园 3号", "张 三", "第一行\n第二行")
    assert editor.name_edit.text() == "咸安区 测试苎麻纺织有限公司"  # what was saved is shown

    book = Workbook()
    book.active.append(["统一社会信用代码", "企业名称", "所属县市区", "地址", "法定代表人", "联系电话"])
    book.active.append([_uscc(2), "咸安区\n测试苎麻纺织有限公司", "咸安区", "咸安区 横沟桥镇\n工业园\t3号",
                        "\u3000张\t三\u3000", "0715-8123456"])
    book.active.append([_uscc(3), "通城县\u3000测试磨具有限公司\u3000", "通城县", None, None, None])
    book.save(tmp_path / "名录.xlsx")
    apply_roster_plan(store, plan_roster_import(store, tmp_path / "名录.xlsx"))
    rows = store.db.execute("SELECT uscc, name, address, legal_representative FROM enterprise ORDER BY uscc")
    assert [r[1:] for r in rows] == [
        ("咸安区 测试苎麻纺织有限公司", "咸安区 横沟桥镇 工业园 3号", "张 三"),  # the editor's
        ("咸安区 测试苎麻纺织有限公司", "咸安区 横沟桥镇 工业园 3号", "张 三"),  # the import's: the same
        ("通城县 测试磨具有限公司", "", ""),
    ]


# --- A5: a further contact's phone ------------------------------------------------------------

def _firm(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc=_uscc(5), name="咸安区测试企业",
                                             jurisdiction_code="421202"))


def test_a_contact_phone_that_is_no_phone_is_refused_at_its_row_in_the_editor(
        store: Store, paths, settings, qtbot: QtBot, chinese) -> None:  # noqa: ANN001
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    firm = _firm(store)
    editor = EnterpriseEditor(store, paths, firm.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.findChild(QPushButton, "addContactButton"), Qt.MouseButton.LeftButton)
    table = editor.contact_rows.table
    for col, text in enumerate(("李红梅", "质量负责人", "abc电话号码不对")):
        table.item(0, col).setText(text)
    assert not editor.save()
    assert editor.contact_rows.message.text().startswith("第1行：联系电话“abc电话号码不对”不是有效的电话号码")
    assert enterprise_contacts(store, firm.id) == []
    table.item(0, 2).setText("１３９０７１５１２３４")
    assert editor.save()
    assert [c.phone for c in enterprise_contacts(store, firm.id)] == ["13907151234"]  # half-width


@pytest.mark.parametrize("phone", ["abc电话号码不对", "139071512345", "1390715"])
def test_a_contact_phone_is_checked_as_the_enterprise_phone_is(store: Store, phone: str) -> None:
    firm = _firm(store)
    with pytest.raises(ValidationFailed) as refused:
        save_enterprise_file(store, firm, [], [Contact(name="李红梅", role="质量负责人", phone=phone)])
    assert [i.field for i in refused.value.issues] == ["contacts.0.phone"]
    assert enterprise_contacts(store, firm.id) == []


def test_a_contact_saved_before_the_rule_still_saves_unchanged(store: Store) -> None:
    firm = _firm(store)
    save_enterprise_file(store, firm, [], [Contact(name="李红梅", phone="13907151234")])
    (old,) = enterprise_contacts(store, firm.id)
    with store.transaction():  # as an older version stored it
        old.phone = "王经理 139"
        update_record(store, old)
    (old,) = enterprise_contacts(store, firm.id)
    old.role = "质量负责人"
    save_enterprise_file(store, fetch_record(store, Enterprise, firm.id),
                         enterprise_licences(store, firm.id), [old])
    assert [(c.role, c.phone) for c in enterprise_contacts(store, firm.id)] == [("质量负责人", "王经理 139")]


# --- B2: a mobile cut short ---------------------------------------------------------------------

@pytest.mark.parametrize("phone", ["1390715", "12345678", "1390715转12"])
def test_a_mobile_cut_short_is_refused_saying_so(store: Store, phone: str) -> None:
    issues = validate_enterprise(store, Enterprise(uscc=_uscc(6), name="咸安区测试企业",
                                                   jurisdiction_code="421202", contact_phone=phone))
    (issue,) = issues
    assert (issue.field, issue.warning) == ("contact_phone", False)
    digits = len(phone.split("转")[0])
    assert issue.text() == (f"电话“{phone}”只有{digits}位，像是少了几位的手机号"
                            "（本地固定电话号码不以1开头）：手机号为11位（如 13907151234），"
                            "请核对后补全；固定电话请带区号（如 0715-8123456）")
    assert "没有区号" not in issue.text()


def test_the_roster_import_leaves_a_mobile_cut_short_out_saying_so(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["统一社会信用代码", "企业名称", "所属县市区", "联系电话"])
    book.active.append([_uscc(7), "赤壁市测试砖茶有限公司", "赤壁市", "1390715"])
    book.active.append([_uscc(8), "赤壁市测试茶厂", "赤壁市", "8123456"])
    book.save(tmp_path / "名录.xlsx")
    plan = plan_roster_import(store, tmp_path / "名录.xlsx")
    texts = [i.text() for i in plan.issues]
    assert texts[0] == ("第2行“联系电话”：“1390715”只有7位，像是少了几位的手机号"
                        "（本地固定电话号码不以1开头），该电话未导入（企业已导入）；"
                        "请核对后在企业档案中补全（手机号为11位）")
    assert "没有区号" in texts[1]  # a landline without its area code: as before
    apply_roster_plan(store, plan)
    assert store.db.execute("SELECT name, contact_phone FROM enterprise ORDER BY uscc").fetchall() == [
        ("赤壁市测试砖茶有限公司", ""), ("赤壁市测试茶厂", "8123456")]
