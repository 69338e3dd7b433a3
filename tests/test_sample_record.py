"""The sampling record (抽样单) as an inspector fills it in: quantities are numbers with their unit,
the unit price is an amount, the licence number passes the same check as in the enterprise file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, validate_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui.visit_editor import VisitEditor

USCC = "91421281MA4KL5FE07"
QTY_FIELDS = ("lot_size", "sample_qty", "test_qty", "backup_qty", "unit_price")
EDITS = {"lot_size": "lotSizeEdit", "sample_qty": "sampleQtyEdit", "test_qty": "testQtyEdit",
         "backup_qty": "backupQtyEdit", "unit_price": "unitPriceEdit"}


pytestmark = pytest.mark.usefixtures("chinese_core_no_boxes")


@pytest.fixture
def editor(qtbot, store: Store, paths, settings) -> VisitEditor:
    """A new spot check on a tea enterprise with two inspectors ticked and one sample being filled in."""
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    for name, cert in (("王磊", "42120001"), ("李娜", "42120002")):
        save_inspector(store, Inspector(name=name, cert_no=cert, jurisdiction_code="421281"))
    ed = VisitEditor(store, paths, settings=settings, enterprise_id=e.id)
    qtbot.addWidget(ed)
    ed.show()
    for i in range(ed.inspector_list.count()):
        ed.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    ed.tabs.setCurrentWidget(ed.samples_tab)
    ed.samples_tab.add()
    ed.samples_tab.product_edit.setText("青砖茶")
    return ed


def fill(ed: VisitEditor, **values: str) -> None:
    tab = ed.samples_tab
    for field, text in values.items():
        widget = tab.licence_edit if field == "licence_no" else tab.findChild(QLineEdit, EDITS[field])
        widget.setText(text)
        if field == "licence_no":
            widget.editingFinished.emit()


def saved(store: Store) -> list[tuple]:
    return store.db.execute(f"SELECT {', '.join(QTY_FIELDS)}, licence_no FROM sample ORDER BY id").fetchall()


def save(qtbot, ed: VisitEditor) -> None:
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)


def test_what_the_review_typed_is_refused_with_a_message_at_each_field(qtbot, editor, store) -> None:
    fill(editor, lot_size="abc", sample_qty="-5", test_qty="10", backup_qty="10", unit_price="免费",
         licence_no="SC12345678901234")
    save(qtbot, editor)
    tab = editor.samples_tab
    assert saved(store) == [] and store.db.execute("SELECT count(*) FROM visit").fetchone() == (0,)
    assert editor.tabs.currentWidget() is tab
    assert tab.errors.message("lot_size") == "抽样基数“abc”应写成数量加单位，如 20袋、2 kg；不适用填“/”"
    assert tab.errors.message("sample_qty") == "抽样数量不能为负数（“-5”）"
    assert tab.errors.message("unit_price") == ("单价“免费”应为金额，如 12.50元/袋（抽样不收费，"
                                                "单价指产品的售价）；不适用填“/”")
    assert tab.errors.message("licence_no") == "SC 许可证编号校验位不正确，请核对是否抄错"


def test_test_and_backup_samples_cannot_add_up_to_more_than_the_sample(qtbot, editor, store) -> None:
    fill(editor, lot_size="200袋", sample_qty="4袋", test_qty="3袋", backup_qty="2袋")
    save(qtbot, editor)
    assert saved(store) == []
    assert editor.samples_tab.errors.message("test_qty") == (
        "检验样品数量（3袋）与备用样品数量（2袋）之和超过抽样数量（4袋）")
    fill(editor, backup_qty="1袋")
    save(qtbot, editor)
    assert saved(store) == [("200袋", "4袋", "3袋", "1袋", "", "")]


def test_zero_sample_quantity_is_refused(qtbot, editor, store) -> None:
    fill(editor, sample_qty="0袋")
    save(qtbot, editor)
    assert saved(store) == [] and editor.samples_tab.errors.message("sample_qty") == "抽样数量应大于0"


@pytest.mark.parametrize("values", [
    {"lot_size": "1,000袋", "sample_qty": "20袋", "test_qty": "10袋", "backup_qty": "10袋",
     "unit_price": "12.50元/袋"},
    {"lot_size": "约500 kg", "sample_qty": "2 kg", "test_qty": "1kg", "backup_qty": "1 KG",
     "unit_price": "￥8"},
    {"lot_size": "50箱", "sample_qty": "4盒（250g/盒）", "test_qty": "2盒", "backup_qty": "2盒",
     "unit_price": "36元/盒"},
    {"lot_size": "/", "sample_qty": "2kg", "test_qty": "4袋", "backup_qty": "4袋", "unit_price": "/"},
    {"lot_size": "2.5吨", "sample_qty": "6", "test_qty": "3", "backup_qty": "3", "unit_price": "2600"},
])
def test_realistic_entries_are_saved_as_written(qtbot, editor, store, values: dict[str, str]) -> None:
    fill(editor, **values)
    save(qtbot, editor)
    assert saved(store) == [(*(values[f] for f in QTY_FIELDS), "")]


def test_licence_number_checked_like_the_enterprise_file_and_stored_compact(qtbot, editor, store) -> None:
    fill(editor, licence_no="ＳＣ１１４４２１２８１０００１７")
    save(qtbot, editor)
    assert saved(store)[0][-1] == "SC11442128100017"


@pytest.mark.parametrize("licence", ["/", "QS421201010001"])
def test_no_licence_or_an_old_qs_number_does_not_block(qtbot, editor, store, licence: str) -> None:
    fill(editor, licence_no=licence)
    save(qtbot, editor)
    assert saved(store)[0][-1] == licence


def test_core_reports_sample_problems_by_field(store: Store) -> None:
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    bundle = VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-11-20", status="planned"), samples=[
        Sample(product_name="米砖茶", sample_qty="若干", test_qty="-1袋", licence_no="XK-bad")])
    issues = {(i.field, i.rule) for i in validate_visit(store, bundle) if not i.warning}
    assert issues == {("samples.0.sample_qty", "quantity.invalid"),
                      ("samples.0.test_qty", "quantity.negative"), ("samples.0.licence_no", "licence.format")}


@pytest.mark.parametrize(("field", "written"), [
    ("sample_qty", "十袋"), ("sample_qty", "一箱"), ("sample_qty", "3+3袋"), ("lot_size", "≥500箱"),
    ("lot_size", "1/2箱"), ("lot_size", "1.5万件"), ("sample_qty", "2×3袋"),
    ("unit_price", "每袋12.5元"), ("unit_price", "零售价12.5元"), ("unit_price", "12-15元"),
])
def test_forms_copied_from_a_handwritten_sampling_record_are_kept(store: Store, field: str,
                                                                  written: str) -> None:
    """What inspectors write on paper 抽样单s is accepted as written (review of 2026-11-30)."""
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    sample = Sample(product_name="米砖茶", **{field: written})
    bundle = VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-11-20", status="planned"),
                         samples=[sample])
    assert [i for i in validate_visit(store, bundle) if not i.warning] == []


def test_bare_counts_under_a_sample_given_per_box_are_not_compared(store: Store) -> None:
    """1箱 sampled, 3 and 3 (bags inside it) set aside: different units, no 'exceeds' refusal."""
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    sample = Sample(product_name="米砖茶", sample_qty="1箱", test_qty="3", backup_qty="3")
    bundle = VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-11-20", status="planned"),
                         samples=[sample])
    assert [i for i in validate_visit(store, bundle) if not i.warning] == []
    sample.test_qty, sample.backup_qty = "4袋", "4袋"
    sample.sample_qty = "6袋"
    assert [i.rule for i in validate_visit(store, bundle) if not i.warning] == ["quantity.split"]
