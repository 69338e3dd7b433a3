"""Rectification orders as the user review found them wanting, and as they must be now:
an order is never dated in the future; what is stored and printed in the Chinese notice is
Chinese in either UI language and does not repeat the notice's fixed paragraph; a failing re-check
climbs one step of the escalation ladder, never more, and the GUI asks before it climbs; a notice
number refused says what will really be printed."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QMessageBox

from qcdesk.cli import main
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectification_texts import default_requirement
from qcdesk.models.rectifications import escalate, order_rectification, record_recheck
from qcdesk.models.store import Store
from qcdesk.ui.order_dialog import OrderRectificationDialog
from qcdesk.ui.rectification_dialog import RectificationDialog
from tests.test_domain import make_enterprise, make_inspectors

TODAY = date(2026, 11, 30)
FIXED = "停止生产、销售同一产品"  # the notice's own paragraph: 你单位应当立即停止生产、销售同一产品，…


@pytest.fixture
def spot_check(store: Store) -> VisitBundle:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-11-02", kind="spot_check", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分")],
        [Finding(description="出厂检验记录不全")]))


def order(store: Store, check: VisitBundle, **kwargs) -> Rectification:
    values = {"requirement": "整改", "ordered_on": "2026-11-10", "rule_set": "samr18",
              "sample": check.samples[0], "today": TODAY} | kwargs
    return order_rectification(store, visit=check.visit, **values)


def refused(call, *args, **kwargs) -> ValidationFailed:  # noqa: ANN001 - a core call
    with pytest.raises(ValidationFailed) as info:
        call(*args, **kwargs)
    return info.value


def orders(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM rectification").fetchone()[0]


def recheck(store: Store, check: VisitBundle, day: str) -> Visit:
    return save_visit(store, VisitBundle(Visit(
        enterprise_id=check.visit.enterprise_id, visit_date=day, kind="recheck", status="done",
        inspectors=check.visit.inspectors))).visit


def escalation(store: Store, rect: Rectification) -> tuple[str, str]:
    return tuple(store.db.execute("SELECT status, escalation FROM rectification WHERE id = ?",
                                  [rect.id]).fetchone())


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def notice_text(store: Store, rect: Rectification, tmp_path: Path) -> str:
    """The notice as `qcdesk doc notice` makes it, read back with pdftotext."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    out = tmp_path / "notice.pdf"
    assert main(["doc", "notice", str(rect.id), "--db", str(store.path), "--out", str(out)]) == 0
    return pdf_text(out)


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201 - yields nothing
    """English UI (no translator), core messages in English."""
    before = qapp.property("lang")
    qapp.setProperty("lang", "en")
    assert QCoreApplication.translate("OrderRectificationDialog", "&Issue order") == "&Issue order"
    yield
    qapp.setProperty("lang", before)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Every question box recorded and answered as `answer` says (never a real modal box)."""
    seen: dict[str, list] = {"questions": [], "answer": [QMessageBox.StandardButton.Yes]}

    def question(parent, title, text, *args):  # noqa: ANN001, ANN202
        seen["questions"].append(text)
        return seen["answer"][0]

    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


# -- 1. never dated in the future ---------------------------------------------------------------
def test_an_order_dated_after_today_is_refused_at_the_date(store: Store, spot_check: VisitBundle) -> None:
    failure = refused(order, store, spot_check, ordered_on="2027-03-01")
    assert [i.field for i in failure.issues] == ["ordered_on"]
    assert failure.text() == ("下达日期 2027-03-01 晚于今天（2026-11-30）：只能登记已经下达的整改通知，"
                              "请填写实际下达日期")
    assert failure.text("en").startswith("The order date 2027-03-01 is after today (2026-11-30)")
    assert orders(store) == 0
    rect = order(store, spot_check, ordered_on=TODAY.isoformat())  # today itself is fine
    assert (rect.ordered_on, rect.deadline) == ("2026-11-30", "2027-01-29")


def test_the_order_dialog_refuses_a_future_date_at_its_field(qtbot, store: Store, spot_check: VisitBundle,
                                                             chinese) -> None:  # noqa: ANN001
    dialog = OrderRectificationDialog(store, spot_check.visit, sample=spot_check.samples[0])
    qtbot.addWidget(dialog)
    tomorrow = date.today() + timedelta(days=1)
    dialog.ordered_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("ordered_on").startswith(
        f"下达日期 {tomorrow.isoformat()} 晚于今天（{date.today().isoformat()}）")
    assert dialog.general_error.isHidden() and dialog.result() == 0 and orders(store) == 0


# -- 2. the stored requirement is Chinese in either UI language ---------------------------------
def test_english_ui_stores_and_prints_a_chinese_requirement(qtbot, store: Store, spot_check: VisitBundle,
                                                            english, tmp_path: Path) -> None:  # noqa: ANN001
    created = []
    for record in ({"sample": spot_check.samples[0]}, {"finding": spot_check.findings[0]}):
        dialog = OrderRectificationDialog(store, spot_check.visit, lang="en", **record)
        qtbot.addWidget(dialog)
        assert not re.search(r"[A-Za-z]{2,}", dialog.requirement_edit.toPlainText())
        assert dialog.requirement_hint.text().startswith("Printed as written")  # English beside it
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.created is not None, dialog.general_error.text()
        created.append(dialog.created)
    stored = [r[0] for r in store.db.execute("SELECT requirement FROM rectification ORDER BY id")]
    assert stored == ["针对产品“米砖茶”的不合格项目（水分）逐项整改。",
                      "对检查发现的以下问题进行整改：出厂检验记录不全"]
    for text in stored:
        assert not re.search(r"[A-Za-z]{2,}", text), text
    text = notice_text(store, created[0], tmp_path)
    assert "针对产品“米砖茶”的不合格项目（水分）逐项整改。" in text and "failed" not in text


def test_default_requirement_without_name_or_items() -> None:
    assert default_requirement(sample=Sample(product_name="", failed_items="")) == "针对不合格项目逐项整改。"
    assert default_requirement(sample=Sample(product_name="青砖茶")) == \
        "针对产品“青砖茶”的不合格项目逐项整改。"
    assert default_requirement() == ""


# -- 4. the notice says "stop producing and selling" once -----------------------------------------
@pytest.mark.parametrize("rule_set, once", [("samr18", FIXED), ("aqsiq133", "不得销售")])
def test_the_notice_from_the_default_requirement_says_its_fixed_paragraph_once(
        qtbot, store: Store, spot_check: VisitBundle, chinese, tmp_path: Path,  # noqa: ANN001
        rule_set: str, once: str) -> None:
    dialog = OrderRectificationDialog(store, spot_check.visit, sample=spot_check.samples[0])
    qtbot.addWidget(dialog)
    dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData(rule_set))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None
    text = notice_text(store, dialog.created, tmp_path)
    assert text.count(once) == 1, text
    assert "逐项整改" in text and "不合格项目：水分" in text
    if rule_set == "samr18":  # the fixed paragraph stays
        assert "你单位应当立即停止生产、销售同一产品，查明不合格原因，采取有效措施进行整改。" in text
    else:
        assert "复查合格前，你单位不得销售同一型号的产品。" in text


# -- 3. one step per failing re-check -------------------------------------------------------------
def test_one_failing_recheck_climbs_one_step_and_escalate_says_why_not(store: Store,
                                                                       spot_check: VisitBundle) -> None:
    rect = order(store, spot_check)
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-20"), passed=False, today=TODAY)
    assert escalation(store, rect) == ("recheck_failed", "announced")
    failure = refused(escalate, store, rect)
    assert failure.text() == ("已按本次复查不合格升级为“省级市场监管部门公告”，"
                              "须再次复查不合格后方可继续升级")
    assert "another failing re-check" in failure.text("en")
    assert escalation(store, rect) == ("recheck_failed", "announced")
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-24"), passed=False, today=TODAY)
    assert escalation(store, rect) == ("recheck_failed", "suspended")
    assert "“责令停业，限期整顿”" in refused(escalate, store, rect).text()
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-26"), passed=False, today=TODAY)
    assert refused(escalate, store, rect).text() == "已升级至最后一步“吊销营业执照”，不能再升级"


def test_a_failed_order_left_on_the_first_rung_climbs_once(store: Store, spot_check: VisitBundle) -> None:
    """An order failed before the ladder climbed by itself (or received so) catches up one step."""
    rect = order(store, spot_check)
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-20"), passed=False, today=TODAY)
    rect.escalation = ""
    update_record(store, rect)
    escalate(store, rect)
    assert escalation(store, rect) == ("recheck_failed", "announced")
    assert "须再次复查不合格" in refused(escalate, store, rect).text()
    assert escalation(store, rect) == ("recheck_failed", "announced")


def test_the_dialog_disables_escalate_once_the_failure_has_climbed_its_step_saying_why(
        qtbot, store: Store, paths, settings, spot_check: VisitBundle, chinese, asked) -> None:  # noqa: ANN001
    """At 公告 and 停业 only another failing re-check climbs: the button cannot be clicked into a
    refusal, its tooltip says why (as at the last step, 吊销)."""
    rect = order(store, spot_check)
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-20"), passed=False, today=TODAY)
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    assert not dialog.escalate_button.isEnabled()
    assert dialog.escalate_button.toolTip() == ("已按本次复查不合格升级为“省级市场监管部门公告”，"
                                                "须再次复查不合格后方可继续升级")
    qtbot.mouseClick(dialog.escalate_button, Qt.MouseButton.LeftButton)
    assert escalation(store, rect) == ("recheck_failed", "announced")
    assert asked["questions"] == [] and dialog.general_error.isHidden()
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-24"), passed=False, today=TODAY)
    dialog.refresh()
    assert escalation(store, rect) == ("recheck_failed", "suspended")
    assert not dialog.escalate_button.isEnabled()
    assert "“责令停业，限期整顿”" in dialog.escalate_button.toolTip()
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-26"), passed=False, today=TODAY)
    dialog.refresh()
    assert not dialog.escalate_button.isEnabled()
    assert dialog.escalate_button.toolTip() == "已升级至最后一步“吊销营业执照”，不能再升级"


def test_the_dialog_asks_naming_the_step_before_it_escalates(
        qtbot, store: Store, paths, settings, spot_check: VisitBundle, chinese, asked) -> None:  # noqa: ANN001
    rect = order(store, spot_check)
    record_recheck(store, rect, recheck(store, spot_check, "2026-11-20"), passed=False, today=TODAY)
    rect.escalation = ""  # failed, not yet escalated for it
    update_record(store, rect)
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    asked["answer"] = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(dialog.escalate_button, Qt.MouseButton.LeftButton)
    assert asked["questions"] == ["确定升级为“省级市场监管部门公告”？"]
    assert escalation(store, rect) == ("recheck_failed", "")  # "no" changes nothing
    asked["answer"] = [QMessageBox.StandardButton.Yes]
    qtbot.mouseClick(dialog.escalate_button, Qt.MouseButton.LeftButton)
    assert escalation(store, rect) == ("recheck_failed", "announced")
    assert "<b>▶ 省级市场监管部门公告</b>" in dialog.escalation_label.text()
    assert len(asked["questions"]) == 2
    assert not dialog.escalate_button.isEnabled()  # a second step needs a second failure
    assert dialog.escalate_button.toolTip().startswith("已按本次复查不合格升级为“省级市场监管部门公告”")


# -- 5. a refused notice number shows what will be printed ------------------------------------------
def test_a_bad_notice_number_advises_the_configured_prefix_and_the_orders_year(
        store: Store, spot_check: VisitBundle, tmp_path: Path) -> None:
    store.set_setting("doc.notice_prefix", "咸高新质改")
    spot_check.visit.visit_date = "2025-12-20"
    update_record(store, spot_check.visit)
    text = refused(order, store, spot_check, ordered_on="2025-12-29", notice_no="abc").text()
    assert text == ("通知书文号“abc”不完整：请写成 咸高新质改〔2025〕12号 这样（年份在〔〕内，后接序号），"
                    "或只填序号 12；还没有编号就留空，通知书上印 咸高新质改〔2025〕＿＿号，登记后再补")
    assert orders(store) == 0
    example = re.search(r"请写成 (\S+) 这样", text)[1]
    rect = order(store, spot_check, ordered_on="2025-12-29", notice_no=example)  # the example is valid
    assert rect.notice_no == "咸高新质改〔2025〕12号"
    blank = order(store, spot_check, ordered_on="2025-12-29", notice_no="", sample=None,
                  finding=spot_check.findings[0])
    assert "咸高新质改〔2025〕＿＿号" in notice_text(store, blank, tmp_path)  # what the advice said


def test_a_known_bureaus_prefix_is_kept_in_the_example(store: Store, spot_check: VisitBundle) -> None:
    text = refused(order, store, spot_check, notice_no="咸安市监质改〔2026〕").text()
    assert "请写成 咸安市监质改〔2026〕12号 这样" in text
    assert "通知书上印 咸市监质改〔2026〕＿＿号" in text  # a blank is this office's number
