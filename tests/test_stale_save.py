"""An editor whose record changed elsewhere while it was open: the typing is kept, the user sees
what changed where and chooses keep mine / discard mine / cancel (qcdesk/ui/stale_save.py).

The other change is made through a real second Store connection to the same file, as an
import or a second window would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from qcdesk.models.amendments import record_history
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Visit
from qcdesk.models.stale_fields import field_changes, keep_mine
from qcdesk.models.store import Store
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.stale_save import StaleSaveDialog
from qcdesk.ui.visit_editor import VisitEditor

USCC = "91421281MA4KL5FE07"


@pytest.fixture(autouse=True)
def chinese_messages(qapp: QApplication) -> Iterator[None]:
    before = qapp.property("lang")
    qapp.setProperty("lang", "zh")
    yield
    qapp.setProperty("lang", before)


@pytest.fixture
def other(store: Store) -> Iterator[Store]:
    """A second connection to the same database file (an import, another window)."""
    second = Store.open(store.path, author="other-inspector")
    yield second
    second.close()


def make_enterprise(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281", address="赤壁市羊楼洞镇",
                                             contact_phone="0715-5551234"))


def change_elsewhere(other: Store, enterprise_id: int, **values: object) -> Enterprise:
    record = fetch_record(other, Enterprise, enterprise_id)
    for name, value in values.items():
        setattr(record, name, value)
    return save_enterprise(other, record)


def answer_dialog(button: str, seen: list[list[tuple[str, ...]]]) -> None:
    """Read the changes the dialog lists, then press `button`, once the dialog is up."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaleSaveDialog):
            QTimer.singleShot(20, act)
            return
        table = dialog.table
        seen.append([tuple(table.item(r, c).text() for c in range(table.columnCount()))
                     for r in range(table.rowCount())])
        dialog.findChild(QPushButton, button).click()
    QTimer.singleShot(0, act)


def open_enterprise(qtbot, store: Store, paths, settings, enterprise_id: int) -> EnterpriseEditor:
    editor = EnterpriseEditor(store, paths, enterprise_id=enterprise_id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def rows_for(seen: list[list[tuple[str, ...]]], label: str) -> list[tuple[str, ...]]:
    return [row for row in seen[0] if row[0] == label]


def test_keep_mine_reapplies_only_my_fields_and_keeps_theirs(qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.name_edit.setText("赤壁市羊楼洞茶业股份有限公司")  # the user's typing
    change_elsewhere(other, enterprise.id, address="赤壁市赵李桥镇砖茶大道8号")  # an import meanwhile
    seen: list = []
    answer_dialog("keepMineButton", seen)
    editor.save_button.click()

    assert seen, "the user is shown what changed where"
    address_row, = rows_for(seen, "地址") or rows_for(seen, "Address")
    assert address_row[1:3] == ("赤壁市羊楼洞镇", "赤壁市赵李桥镇砖茶大道8号")
    name_row, = rows_for(seen, "名称") or rows_for(seen, "Name")
    assert name_row[3] == "赤壁市羊楼洞茶业股份有限公司"
    assert len(seen[0]) == 2  # untouched fields are not listed
    stored = fetch_record(store, Enterprise, enterprise.id)
    assert stored.name == "赤壁市羊楼洞茶业股份有限公司"  # mine re-applied
    assert stored.address == "赤壁市赵李桥镇砖茶大道8号"  # theirs kept, not overwritten
    assert stored.contact_phone == "0715-5551234"
    assert stored.revision == 3 and stored.author == "test-inspector"
    assert editor.address_edit.text() == "赤壁市赵李桥镇砖茶大道8号"  # the editor shows what is stored
    assert not editor.is_dirty() and not editor.general_error.isVisible()
    history = [(line.field, line.new) for line in record_history(store, "enterprise", enterprise.uuid)
               if line.op == "update"]
    assert ("address", "赤壁市赵李桥镇砖茶大道8号") in history
    assert ("name", "赤壁市羊楼洞茶业股份有限公司") in history  # the user's save, a revision of its own


def test_field_both_changed_is_listed_and_mine_wins_only_after_keep(qtbot, store, other, paths,
                                                                     settings) -> None:
    enterprise = make_enterprise(store)
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.phone_edit.setText("0715-5559999")
    change_elsewhere(other, enterprise.id, contact_phone="0715-5550000", notes="2024 年复查合格")
    seen: list = []
    answer_dialog("keepMineButton", seen)
    editor.save_button.click()

    phone_row, = rows_for(seen, "电话") or rows_for(seen, "Phone")
    assert phone_row[1:4] == ("0715-5551234", "0715-5550000", "0715-5559999")
    assert seen[0][0] == phone_row  # the clash comes first
    stored = fetch_record(store, Enterprise, enterprise.id)
    assert stored.contact_phone == "0715-5559999"
    assert stored.notes == "2024 年复查合格"


def test_discard_reloads_the_stored_revision(qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.name_edit.setText("我的改名")
    change_elsewhere(other, enterprise.id, address="赤壁市赵李桥镇砖茶大道8号")
    seen: list = []
    answer_dialog("discardMineButton", seen)
    editor.save_button.click()

    assert seen
    stored = fetch_record(store, Enterprise, enterprise.id)
    assert (stored.revision, stored.name) == (2, "赤壁市羊楼洞茶业有限公司")
    assert editor.name_edit.text() == "赤壁市羊楼洞茶业有限公司"
    assert editor.address_edit.text() == "赤壁市赵李桥镇砖茶大道8号"
    assert not editor.is_dirty()
    editor.name_edit.setText("再次修改")  # and a later save works against the new revision
    assert editor._save_clicked()
    assert fetch_record(store, Enterprise, enterprise.id).name == "再次修改"


def test_cancel_keeps_the_typing_and_saves_nothing(qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.name_edit.setText("我的改名")
    change_elsewhere(other, enterprise.id, address="赤壁市赵李桥镇砖茶大道8号")
    seen: list = []
    answer_dialog("cancelStaleButton", seen)
    editor.save_button.click()

    assert seen
    stored = fetch_record(store, Enterprise, enterprise.id)
    assert (stored.revision, stored.name) == (2, "赤壁市羊楼洞茶业有限公司")
    assert editor.name_edit.text() == "我的改名"  # the typing is still there
    assert editor.address_edit.text() == "赤壁市羊楼洞镇"
    assert editor.is_dirty() and editor.general_error.isVisible()


def test_visit_keep_mine_keeps_the_other_sides_field(qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    people = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
              for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    visit = Visit(enterprise_id=enterprise.id, visit_date=date.today().isoformat(), kind="licence_followup",
                  inspectors=[p.uuid for p in people], summary="现场检查生产记录")
    save_visit(store, VisitBundle(visit))
    editor = VisitEditor(store, paths, visit_id=visit.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.conclusion_edit.setPlainText("未发现问题")
    theirs = fetch_record(other, Visit, visit.id)
    theirs.summary = "现场检查生产记录及原料台账"
    save_visit(other, VisitBundle(theirs))
    seen: list = []
    answer_dialog("keepMineButton", seen)
    editor.save_button.click()

    summary_row, = rows_for(seen, "Summary") or rows_for(seen, "摘要")
    conclusion_row, = rows_for(seen, "Conclusion") or rows_for(seen, "结论")
    assert summary_row[2] == "现场检查生产记录及原料台账" and conclusion_row[3] == "未发现问题"
    assert len(seen[0]) == 2
    stored = fetch_record(store, Visit, visit.id)
    assert stored.conclusion == "未发现问题" and stored.summary == "现场检查生产记录及原料台账"
    assert stored.revision == 3
    assert editor.summary_edit.toPlainText() == "现场检查生产记录及原料台账"


def test_field_changes_sort_each_field_to_the_side_that_changed_it() -> None:
    loaded = Enterprise(id=1, revision=1, name="甲", address="旧址", notes="", contact_phone="1")
    current = Enterprise(id=1, revision=2, name="甲", address="新址", notes="同", contact_phone="2")
    mine = Enterprise(id=1, revision=1, name="乙", address="旧址", notes="同", contact_phone="3")
    sides = {c.field: c.side for c in field_changes(loaded, current, mine)}
    assert sides == {"name": "mine", "address": "theirs", "notes": "theirs", "contact_phone": "both"}
    merged = keep_mine(loaded, current, mine).merged
    assert (merged.name, merged.address, merged.notes, merged.contact_phone, merged.revision) == \
        ("乙", "新址", "同", "3", 2)


def test_licence_changed_elsewhere_is_kept_and_my_edit_saved(qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    save_enterprise(store, enterprise, [Licence(number="SC11442128100017", product="青砖茶",
                                                expires_on="2029-05-31")])
    editor = open_enterprise(qtbot, store, paths, settings, enterprise.id)
    editor.name_edit.setText("赤壁市羊楼洞茶业股份有限公司")
    licence = enterprise_licences(other, enterprise.id)[0]
    licence.product = "青砖茶、米砖茶"
    save_enterprise(other, fetch_record(other, Enterprise, enterprise.id), [licence])
    seen: list = []
    answer_dialog("keepMineButton", seen)
    editor.save_button.click()

    assert any(row[2] == "青砖茶、米砖茶" for row in seen[0])  # the licence's change is listed
    assert fetch_record(store, Enterprise, enterprise.id).name == "赤壁市羊楼洞茶业股份有限公司"
    assert enterprise_licences(store, enterprise.id)[0].product == "青砖茶、米砖茶"
    assert editor.licence_table.item(0, 1).text() == "青砖茶、米砖茶"


def test_visit_finding_changed_elsewhere_is_listed_and_kept(qtbot, store, other, paths, settings) -> None:
    enterprise = make_enterprise(store)
    people = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
              for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    visit = Visit(enterprise_id=enterprise.id, visit_date=date.today().isoformat(), kind="licence_followup",
                  inspectors=[p.uuid for p in people])
    save_visit(store, VisitBundle(visit, findings=[Finding(description="原料台账不全", basis="")]))
    editor = VisitEditor(store, paths, visit_id=visit.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.conclusion_edit.setPlainText("责令补全台账")
    theirs = load_visit(other, visit.id)
    theirs.findings[0].basis = "《工业产品生产许可证管理条例》"
    save_visit(other, theirs)
    seen: list = []
    answer_dialog("keepMineButton", seen)
    editor.save_button.click()

    assert [row[2] for row in seen[0] if row[2]] == ["《工业产品生产许可证管理条例》"]
    stored = load_visit(store, visit.id)
    assert stored.visit.conclusion == "责令补全台账"
    assert stored.findings[0].basis == "《工业产品生产许可证管理条例》"


LONG_SUMMARY = ("现场检查了原料进货查验记录、生产过程控制记录、出厂检验记录和不合格品处置记录，"
                "抽取电线电缆样品两组（检验样品和备用样品各一组）并当场封样，企业负责人在抽样单上签字确认。")


def test_dialog_names_fields_plainly_and_shows_who_wins_without_scrolling(
        qtbot, store, other, paths, settings, chinese) -> None:
    """In Chinese the field names read 检查情况, not 检查情况(M), and the 修改方 column, which
    says whose value is saved, stays inside the table beside a long value (default size, and
    narrower): before, it lay past the right edge and only a sideways scroll showed it."""
    enterprise = make_enterprise(store)
    people = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
              for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    visit = Visit(enterprise_id=enterprise.id, visit_date=date.today().isoformat(), kind="licence_followup",
                  inspectors=[p.uuid for p in people],
                  summary="依据咸安市监抽〔2026〕11号对企业产品实施监督抽查，抽取电线电缆样品")
    save_visit(store, VisitBundle(visit))
    editor = VisitEditor(store, paths, visit_id=visit.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.summary_edit.setPlainText("我的检查概要修改")
    theirs = fetch_record(other, Visit, visit.id)
    theirs.summary, theirs.conclusion = LONG_SUMMARY, "别处改的结论"
    save_visit(other, VisitBundle(theirs))
    seen: dict[str, object] = {}

    def layout_of(table) -> dict[str, object]:  # noqa: ANN001 - the dialog's QTableWidget
        side = table.item(0, 4).text()
        return {"right": table.columnViewportPosition(4) + table.columnWidth(4),
                "viewport": table.viewport().width(),
                "scroll": table.horizontalScrollBar().maximum(),
                "side_fits": table.fontMetrics().horizontalAdvance(side) <= table.columnWidth(4)}

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaleSaveDialog):
            QTimer.singleShot(20, act)
            return
        table = dialog.table
        seen["size"] = (dialog.width(), dialog.height())
        seen["headers"] = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        seen["rows"] = [[table.item(r, c).text() for c in range(table.columnCount())]
                        for r in range(table.rowCount())]
        seen["tooltip"] = table.item(0, 2).toolTip()
        seen["default"] = layout_of(table)
        dialog.resize(640, dialog.height())
        QApplication.processEvents()
        seen["narrow"] = layout_of(table)
        dialog.findChild(QPushButton, "cancelStaleButton").click()
    QTimer.singleShot(0, act)
    editor.save_button.click()

    assert seen["headers"] == ["字段", "打开时的值", "别处改为", "您的值", "修改方"]
    rows = seen["rows"]
    assert [row[0] for row in rows] == ["检查情况", "检查结论"]  # no "(M)", "(N)" or "&"
    assert rows[0][2] == LONG_SUMMARY and rows[0][4] == "双方都改了 — 将保存您的值"
    assert seen["tooltip"] == LONG_SUMMARY  # the full value, however the cell elides it
    width, height = seen["size"]
    assert width <= 1366 and height <= 768
    for size in ("default", "narrow"):
        layout = seen[size]
        assert layout["right"] <= layout["viewport"], (size, layout)
        assert layout["scroll"] == 0 and layout["side_fits"], (size, layout)
