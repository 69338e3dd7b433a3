"""One notice number (文号), one order. A clerk who types a number another live order already
carries (a slip, or a number copied from the previous order) is refused at the 文号 field,
told which order has it (enterprise, order date, state) and what to do; spellings that
`check_notice_no` stores alike are one number; a withdrawn (soft-deleted) order frees its number,
and an order's own number never clashes with itself."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.notice_numbers import notice_key, orders_numbered
from qcdesk.models.persistence import soft_delete
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectification_checks import check_notice_free
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.order_dialog import OrderRectificationDialog
from tests.test_domain import make_enterprise, make_inspectors

TODAY = date(2026, 11, 30)


@pytest.fixture
def check(store: Store) -> VisitBundle:
    """A visit with two failed samples and a finding: three problems, three orders."""
    store.set_setting("doc.notice_prefix", "嘉市监质改")
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-11-02", kind="spot_check", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分"),
         Sample(product_name="青砖茶", result="fail", failed_items="灰分")],
        [Finding(description="出厂检验记录不全")]))


def order(store: Store, check: VisitBundle, notice_no: str, **kwargs: object) -> Rectification:
    values = {"requirement": "整改", "ordered_on": "2026-11-10", "rule_set": "samr18",
              "sample": check.samples[0], "today": TODAY, "notice_no": notice_no} | kwargs
    return order_rectification(store, visit=check.visit, **values)  # type: ignore[arg-type]


def count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM rectification").fetchone()[0]


@pytest.mark.parametrize("typed", ["嘉市监质改〔2026〕12号", "12", "嘉市监质改[2026]12",
                                   "嘉市监质改（2026）012号", " 嘉市监质改 ［2026］ 12 号"])
def test_a_number_on_another_live_order_is_refused_at_the_field_naming_that_order(
        store: Store, check: VisitBundle, typed: str) -> None:
    first = order(store, check, "嘉市监质改〔2026〕12号", ordered_on="2026-11-05")
    with pytest.raises(ValidationFailed) as info:
        order(store, check, typed, sample=check.samples[1])
    assert [i.field for i in info.value.issues] == ["notice_no"]
    name = store.db.execute("SELECT name FROM enterprise").fetchone()[0]
    assert info.value.text() == (
        f"通知书文号 嘉市监质改〔2026〕12号 已用于另一项整改：{name}，2026年11月5日下达，待整改。"
        "一个文号只对应一份责令整改通知书：请对照发文登记簿核对这份通知的文号；登记簿还没有给它编号的，"
        "文号先留空（通知书上印 ＿＿号），编号后再补")
    assert info.value.text("en").startswith(
        f"The notice number 嘉市监质改〔2026〕12号 is already on another order: {name}, ordered on "
        "2026-11-05, open. One number is one rectification notice: check this notice's number in "
        "the registry")
    assert info.value.issues[0].params["existing_id"] == first.id
    assert count(store) == 1  # nothing written


def test_other_numbers_blank_and_a_deleted_orders_number_are_free(store: Store, check: VisitBundle) -> None:
    first = order(store, check, "12")
    assert order(store, check, "13", sample=check.samples[1]).notice_no == "嘉市监质改〔2026〕13号"
    assert order(store, check, "咸安市监质改〔2026〕12号", sample=None,  # another bureau's
                 finding=check.findings[0]).notice_no == "咸安市监质改〔2026〕12号"
    soft_delete(store, first)
    again = order(store, check, "12")  # the deleted order's number is free
    assert again.notice_no == "嘉市监质改〔2026〕12号"


def test_an_order_keeps_its_own_number(store: Store, check: VisitBundle) -> None:
    rect = order(store, check, "12")
    issues: list = []
    check_notice_free(issues, store, rect.notice_no, own_id=rect.id)
    assert issues == []
    check_notice_free(issues, store, rect.notice_no)  # anyone else's save is refused
    assert [i.rule for i in issues] == ["rect.notice.duplicate"]


def test_spellings_compare_as_stored() -> None:
    assert notice_key("嘉市监质改[2026]012") == notice_key("嘉市监质改〔2026〕12号") == "嘉市监质改〔2026〕12"
    assert notice_key("嘉市监质改〔2026〕12号") != notice_key("嘉市监质改〔2026〕112号")
    assert notice_key("  ") == ""


def test_a_serial_inside_another_number_is_no_clash(store: Store, check: VisitBundle) -> None:
    order(store, check, "112")
    assert orders_numbered(store, "嘉市监质改〔2026〕12号") == []
    assert order(store, check, "12", sample=check.samples[1]).notice_no == "嘉市监质改〔2026〕12号"


def test_the_order_dialog_shows_the_refusal_at_the_number(qtbot, store: Store, check: VisitBundle,  # noqa: ANN001
                                                          chinese) -> None:  # noqa: ANN001
    order(store, check, "12", ordered_on="2026-11-05", today=None)
    dialog = OrderRectificationDialog(store, check.visit, sample=check.samples[1])
    qtbot.addWidget(dialog)
    dialog.ordered_edit.setDate(QDate(2026, 11, 10))
    dialog.notice_edit.setText("12")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    name = store.db.execute("SELECT name FROM enterprise").fetchone()[0]
    assert dialog.errors.message("notice_no").startswith(
        f"通知书文号 嘉市监质改〔2026〕12号 已用于另一项整改：{name}，2026年11月5日下达，待整改。")
    assert "文号先留空" in dialog.errors.message("notice_no")
    assert dialog.created is None and dialog.result() == 0 and count(store) == 1
    dialog.notice_edit.setText("")  # left blank until the registry numbers it
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None and dialog.created.notice_no == "" and count(store) == 2
