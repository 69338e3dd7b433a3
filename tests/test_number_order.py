"""An order saved without its 文号 is numbered later, in the follow-up dialog.

Found by a review: an inspector orders a rectification in the field with the number blank (the
registry numbers it days later, maybe in January for a December order), and nothing could then
write the number: the dialog showed 文号：— read-only, so every reprint, list and package kept
＿＿号. The number is checked as when ordering (normalised, year of the ORDER date, one number
per live order), saved as a revision of the order (so it travels in the next package), and a
number already given is changed only as a confirmed correction whose old value stays in the
order's history."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.amendments import lock_visits, record_history
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification, Sample, Visit
from qcdesk.models.rectifications import number_order, order_rectification
from qcdesk.models.store import Store
from tests.test_domain import make_enterprise, make_inspectors

# The order is dated in the last days of 2025 and numbered now (2026 or later): the number's
# year must be the order's, never the year it is written in.
ORDERED_ON = "2025-12-30"
SIGNER = "B2B2B2B2B2B2B2B2"


@pytest.fixture
def orders(store: Store) -> tuple[Rectification, Rectification]:
    """Two orders of one December visit: the first saved blank, the second numbered 45."""
    store.set_setting("doc.notice_prefix", "嘉市监质改")
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2025-12-20", kind="spot_check", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分"),
         Sample(product_name="青砖茶", result="fail", failed_items="灰分")], []))
    blank, numbered = (order_rectification(
        store, visit=check.visit, requirement="整改", ordered_on=day, rule_set="samr18",
        sample=sample, notice_no=number, today=date(2025, 12, 31))
        for sample, day, number in ((check.samples[0], ORDERED_ON, ""),
                                    (check.samples[1], "2025-12-22", "45")))
    return blank, numbered


def stored(store: Store, rect: Rectification) -> Rectification:
    found = fetch_record(store, Rectification, rect.id)
    assert found is not None
    return found


def enterprise_name(store: Store) -> str:
    return store.db.execute("SELECT name FROM enterprise").fetchone()[0]


def notice_text(store: Store, rect: Rectification, tmp_path: Path) -> str:
    out = tmp_path / f"notice-{rect.id}.pdf"
    render_record(store.db, "notice", rect.uuid, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_a_blank_order_gets_its_number_as_a_revision_and_the_notice_prints_it(
        store: Store, orders: tuple[Rectification, Rectification], tmp_path: Path) -> None:
    blank, _ = orders
    assert "嘉市监质改〔2025〕＿＿号" in notice_text(store, blank, tmp_path)
    before = stored(store, blank)
    store.author = "registry-clerk"
    number_order(store, stored(store, blank), "46")  # the serial only, as at ordering
    after = stored(store, blank)
    assert after.notice_no == "嘉市监质改〔2025〕46号"  # the order's year, not this year's
    assert after.revision == before.revision + 1
    assert after.author == "registry-clerk" and after.updated_at > before.updated_at
    lines = [(h.op, h.old, h.new) for h in record_history(store, "rectification", blank.uuid)
             if h.field == "notice_no"]
    assert lines[-1] == ("update", "", "嘉市监质改〔2025〕46号")
    text = notice_text(store, blank, tmp_path)
    assert "嘉市监质改〔2025〕46号" in text and "＿＿号" not in text


def test_the_number_travels_in_the_next_package_as_an_update(
        store: Store, orders: tuple[Rectification, Rectification], tmp_path: Path) -> None:
    blank, _ = orders
    export_to(store, tmp_path / "first.xlsx", SIGNER)
    city = Store.open(tmp_path / "city.db", author="city")
    try:
        merge(city, tmp_path / "first.xlsx", SIGNER)
        query = "SELECT notice_no FROM rectification WHERE uuid = ?"
        assert city.db.execute(query, [blank.uuid]).fetchone()[0] == ""
        number_order(store, stored(store, blank), "嘉市监质改〔2025〕46号")
        counts = export_to(store, tmp_path / "second.xlsx", SIGNER, full=False)
        assert counts.get("rectification") == 1  # only the numbered order changed
        merge(city, tmp_path / "second.xlsx", SIGNER)
        assert city.db.execute(query, [blank.uuid]).fetchone()[0] == "嘉市监质改〔2025〕46号"
    finally:
        city.close()


def test_a_number_another_order_carries_is_refused_naming_that_order(
        store: Store, orders: tuple[Rectification, Rectification]) -> None:
    blank, numbered = orders
    before = stored(store, blank)
    with pytest.raises(ValidationFailed) as info:
        number_order(store, stored(store, blank), "嘉市监质改[2025]045")  # the same number, spelt otherwise
    assert [(i.field, i.rule) for i in info.value.issues] == [("notice_no", "rect.notice.duplicate")]
    assert info.value.issues[0].params["existing_id"] == numbered.id
    assert info.value.text().startswith(
        f"通知书文号 嘉市监质改〔2025〕45号 已用于另一项整改：{enterprise_name(store)}，"
        "2025年12月22日下达，待整改。")
    after = stored(store, blank)
    assert (after.notice_no, after.revision) == ("", before.revision)


@pytest.mark.parametrize("typed, rule", [
    ("嘉市监质改〔2026〕46号", "rect.notice.year"),  # the year it is numbered in, not the order's
    ("嘉市监质改〔2026〕", "rect.notice.incomplete"),
    ("  ", "number.blank"),
])
def test_a_wrong_year_an_incomplete_or_blank_number_is_refused(
        store: Store, orders: tuple[Rectification, Rectification], typed: str, rule: str) -> None:
    blank, _ = orders
    before = stored(store, blank)
    with pytest.raises(ValidationFailed) as info:
        number_order(store, stored(store, blank), typed)
    assert [(i.field, i.rule) for i in info.value.issues] == [("notice_no", rule)]
    if rule == "rect.notice.year":
        assert info.value.text() == ("通知书文号中的年份〔2026〕与下达日期 2025-12-30 不符："
                                     "文号的年份应为〔2025〕")
    if rule == "number.blank":
        assert info.value.text() == ("请填写发文登记簿给这份通知书的文号，如 嘉市监质改〔2025〕45号，"
                                     "或只填序号 45")
    after = stored(store, blank)
    assert (after.notice_no, after.revision) == ("", before.revision)


def test_a_given_number_changes_only_as_a_confirmed_correction(
        store: Store, orders: tuple[Rectification, Rectification]) -> None:
    _, numbered = orders
    with pytest.raises(ValidationFailed) as info:
        number_order(store, stored(store, numbered), "47")
    assert info.value.issues[0].rule == "number.numbered"
    assert "嘉市监质改〔2025〕45号" in info.value.text()
    assert stored(store, numbered).notice_no == "嘉市监质改〔2025〕45号"
    same = stored(store, numbered)
    number_order(store, same, "嘉市监质改[2025]45")  # the same number: nothing written
    assert stored(store, numbered).revision == same.revision
    number_order(store, stored(store, numbered), "47", correct=True)
    assert stored(store, numbered).notice_no == "嘉市监质改〔2025〕47号"
    lines = [(h.old, h.new) for h in record_history(store, "rectification", numbered.uuid)
             if h.field == "notice_no" and h.op == "update"]
    assert lines == [("嘉市监质改〔2025〕45号", "嘉市监质改〔2025〕47号")]  # the old one is kept


# --- the follow-up dialog ---------------------------------------------------------------------

def open_dialog(qtbot: QtBot, store: Store, paths, settings, rect: Rectification):  # noqa: ANN001, ANN201
    from qcdesk.ui.rectification_dialog import RectificationDialog

    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_numbers_a_blank_order(qtbot: QtBot, chinese: None, store: Store, paths, settings,  # noqa: ANN001
                                          orders: tuple[Rectification, Rectification]) -> None:
    blank, _ = orders
    revision = stored(store, blank).revision
    dialog = open_dialog(qtbot, store, paths, settings, blank)
    assert dialog.number_edit.isVisible() and not dialog.number_edit.isReadOnly()
    assert dialog.notice_label.text() == "—（尚未编号）"
    dialog.number_edit.setText("嘉市监质改〔2026〕46号")  # the year it is numbered in: refused
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)
    assert "文号的年份应为〔2025〕" in dialog.errors.message("notice_no")
    dialog.number_edit.setText("45")  # the other order's number: refused, naming it
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("notice_no").startswith(
        "通知书文号 嘉市监质改〔2025〕45号 已用于另一项整改：")
    assert "2025年12月22日下达" in dialog.errors.message("notice_no")
    assert stored(store, blank).revision == revision
    dialog.number_edit.setText("46")
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)  # Enter saves, and keeps the dialog open
    assert dialog.isVisible()
    assert (stored(store, blank).status, stored(store, blank).report_submitted_on) == ("open", None)
    assert stored(store, blank).notice_no == "嘉市监质改〔2025〕46号"
    assert stored(store, blank).revision == revision + 1
    assert dialog.notice_label.text() == "嘉市监质改〔2025〕46号"
    assert not dialog.number_edit.isVisible() and dialog.errors.message("notice_no") == ""
    assert dialog.number_button.text().startswith("更正文号")


@pytest.mark.parametrize("locked", [False, True])
def test_the_dialog_corrects_a_number_only_after_asking(
        qtbot: QtBot, chinese: None, store: Store, paths, settings,  # noqa: ANN001
        orders: tuple[Rectification, Rectification], monkeypatch: pytest.MonkeyPatch, locked: bool) -> None:
    _, numbered = orders
    if locked:  # the visit went out in a package: the order still takes a corrected number
        lock_visits(store, [numbered.visit_id], "pkg-0007")
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or answer)
    dialog = open_dialog(qtbot, store, paths, settings, numbered)
    assert dialog.notice_label.text() == "嘉市监质改〔2025〕45号" and not dialog.number_edit.isVisible()
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)  # opens the field
    assert dialog.number_edit.isVisible() and dialog.number_edit.text() == "嘉市监质改〔2025〕45号"
    dialog.number_edit.setText("47")
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "嘉市监质改〔2025〕45号" in asked[0] and "嘉市监质改〔2025〕47号" in asked[0]
    assert ("pkg-0007" in asked[0]) is locked
    assert stored(store, numbered).notice_no == "嘉市监质改〔2025〕45号"  # said no: unchanged
    answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)
    assert stored(store, numbered).notice_no == "嘉市监质改〔2025〕47号"
    assert dialog.notice_label.text() == "嘉市监质改〔2025〕47号" and not dialog.number_edit.isVisible()


def test_enter_in_a_field_of_the_dialog_submits_no_report(
        qtbot: QtBot, store: Store, paths, settings,  # noqa: ANN001
        orders: tuple[Rectification, Rectification]) -> None:
    """Enter in a field clicked the dialog's default button (the first button: 已提交整改报告, or
    填写文号 once that row came first): every button here acts at once, so the dialog has none."""
    blank, _ = orders
    visit = fetch_record(store, Visit, blank.visit_id)
    assert visit is not None
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=visit.enterprise_id, visit_date="2025-12-21", kind="spot_check",
              status="done", inspectors=visit.inspectors),
        [Sample(product_name="茯砖茶", result="fail", failed_items="水分")], []))
    old_rules = order_rectification(store, visit=check.visit, requirement="整改", ordered_on="2025-12-22",
                                    rule_set="aqsiq133", sample=check.samples[0], today=date(2025, 12, 31))
    dialog = open_dialog(qtbot, store, paths, settings, old_rules)
    assert dialog.extension_box.isVisible() and dialog.report_button.isEnabled()
    dialog.number_edit.setText("47")  # typed, not saved yet
    dialog.reason_edit.setText("企业申请延期")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    after = stored(store, old_rules)
    assert (after.status, after.report_submitted_on, after.notice_no, after.revision) == (
        "open", None, "", old_rules.revision)


def test_a_number_changed_elsewhere_is_not_replaced_unseen(
        qtbot: QtBot, chinese: None, store: Store, paths, settings,  # noqa: ANN001
        orders: tuple[Rectification, Rectification], monkeypatch: pytest.MonkeyPatch) -> None:
    """Review two-at-once 11: the user agreed to replace 45 (the number the dialog showed) with
    47; an import or a second correction had meanwhile stored 46, and 46 was replaced unseen."""
    _, numbered = orders
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    dialog = open_dialog(qtbot, store, paths, settings, numbered)
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)  # opens the field
    dialog.number_edit.setText("47")
    elsewhere = Store.open(store.path, author="another desk", migrate=False)
    try:
        number_order(elsewhere, stored(elsewhere, numbered), "46", correct=True)
    finally:
        elsewhere.close()
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "嘉市监质改〔2025〕45号" in asked[0]  # asked about the number shown
    assert stored(store, numbered).notice_no == "嘉市监质改〔2025〕46号"  # not replaced unseen
    said = dialog.errors.message("notice_no")
    assert "嘉市监质改〔2025〕46号" in said and "嘉市监质改〔2025〕45号" in said and "没有改为" in said
    assert dialog.notice_label.text() == "嘉市监质改〔2025〕46号"  # the user now sees it
    assert dialog.number_edit.isVisible() and dialog.number_edit.text() == "47"  # the typing kept
    qtbot.mouseClick(dialog.number_button, Qt.MouseButton.LeftButton)  # the user decides: still 47
    assert len(asked) == 2 and "嘉市监质改〔2025〕46号" in asked[1] and "嘉市监质改〔2025〕47号" in asked[1]
    assert stored(store, numbered).notice_no == "嘉市监质改〔2025〕47号"
    assert dialog.notice_label.text() == "嘉市监质改〔2025〕47号"
