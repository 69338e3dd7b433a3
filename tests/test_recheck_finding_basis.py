"""A failing re-check of an order resting on a FINDING of a site check (出厂检验/进货查验 records),
not on a failed spot-check sample: its 复查意见书 and its escalation keep the spot-check
consequences out, as its 责令整改通知书 does. The provincial announcement (SAMR 18) and the
sale ban of the 2010 rules follow a failed sample only, as does Product Quality Law art. 17's
ladder; an order on a failed sample still gets them."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from qcdesk.cli import main
from qcdesk.models.conflict_checks import rectification_issues
from qcdesk.models.demo import build_demo
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectification_checks import escalation_problem
from qcdesk.models.rectifications import escalate, order_rectification, record_recheck
from qcdesk.models.store import Store
from qcdesk.ui.rectification_dialog import RectificationDialog
from tests.test_domain import make_enterprise, make_inspectors

TODAY = date(2026, 11, 30)
SPOT_CHECK_WORDS = ("省级市场监督管理部门", "向社会公告", "不得销售同一型号")
FINDING_TAIL = "经复查，你单位未按要求完成整改，复查不合格。本局责令你单位继续整改，并将依法处理。"


@pytest.fixture
def check(store: Store) -> VisitBundle:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-06-02", kind="special", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分")],
        [Finding(description="未建立原材料进货查验记录，无法追溯供应商")]))


def order(store: Store, check: VisitBundle, basis: str, rule_set: str = "samr18") -> Rectification:
    on = {"finding": {"finding": check.findings[0]}, "sample": {"sample": check.samples[0]}}[basis]
    return order_rectification(store, visit=check.visit, requirement="建立进货查验记录",
                               ordered_on="2026-06-03", rule_set=rule_set, today=TODAY, **on)


def fail_recheck(store: Store, check: VisitBundle, rect: Rectification, day: str) -> Rectification:
    visit = save_visit(store, VisitBundle(Visit(
        enterprise_id=check.visit.enterprise_id, visit_date=day, kind="recheck", status="done",
        inspectors=check.visit.inspectors, summary="对进货查验记录整改情况进行复查"))).visit
    return record_recheck(store, rect, visit, passed=False, today=TODAY)


def stored(store: Store, rect: Rectification) -> tuple[str, str]:
    return tuple(store.db.execute("SELECT status, escalation FROM rectification WHERE id = ?",
                                  [rect.id]).fetchone())


def printed(store: Store, kind: str, rect: Rectification, tmp_path: Path) -> str:
    """The document as `qcdesk doc` prints it, read back with pdftotext (blanks removed)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    out = tmp_path / f"{kind}{rect.id}.pdf"
    assert main(["doc", kind, str(rect.id), "--db", str(store.path), "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("rule_set", ["samr18", "aqsiq133"])
def test_a_findings_failing_recheck_is_no_spot_check_failure(store: Store, check: VisitBundle,
                                                             tmp_path: Path, rule_set: str) -> None:
    rect = fail_recheck(store, check, order(store, check, "finding", rule_set), "2026-07-20")
    assert stored(store, rect) == ("recheck_failed", "")  # no 省级公告 step by itself
    opinion = printed(store, "recheck", rect, tmp_path)
    assert FINDING_TAIL in opinion
    assert not [w for w in SPOT_CHECK_WORDS if w in opinion]
    notice = printed(store, "notice", rect, tmp_path)  # the notice of the same order agrees
    assert not [w for w in SPOT_CHECK_WORDS if w in notice]
    # art. 17's ladder is not climbed by hand either, and the refusal says why
    refusal = escalation_problem(rect)
    assert refusal is not None
    assert refusal.text().startswith("这项整改针对现场检查发现的问题，不是监督抽查不合格")
    with pytest.raises(ValidationFailed):
        escalate(store, rect)
    assert stored(store, rect) == ("recheck_failed", "")
    # a combined conflict version of it is not refused for having no step
    assert [i.rule for i in rectification_issues(rect) if i.field == "escalation"] == []


@pytest.mark.parametrize(("rule_set", "tail"), [
    ("samr18", "复查不合格。本局将依照规定报告省级市场监督管理部门，由其向社会公告。"),
    ("aqsiq133", "复查不合格。复查合格前，你单位不得销售同一型号的产品。"),
])
def test_a_failed_samples_failing_recheck_keeps_the_spot_check_consequences(
        store: Store, check: VisitBundle, tmp_path: Path, rule_set: str, tail: str) -> None:
    rect = fail_recheck(store, check, order(store, check, "sample", rule_set), "2026-07-20")
    assert stored(store, rect) == ("recheck_failed", "announced")
    assert tail in printed(store, "recheck", rect, tmp_path)
    rect.escalation = ""
    assert [i.rule for i in rectification_issues(rect) if i.field == "escalation"] == [
        "combine.failed_without_escalation"]


@pytest.mark.parametrize("rule_set", ["samr18", "aqsiq133"])
def test_each_further_failing_recheck_states_the_step_the_order_reached(
        store: Store, check: VisitBundle, tmp_path: Path, rule_set: str) -> None:
    """Review (documents): the 复查意见书 of the second and third failing re-checks still said
    the provincial announcement would follow, while the order had reached 责令停业，限期整顿 and
    吊销营业执照 (Product Quality Law art. 17)."""
    rect = order(store, check, "sample", rule_set)
    ban = "复查合格前，你单位不得销售同一型号的产品。" if rule_set == "aqsiq133" else ""
    steps = [("announced", "由其向社会公告" if rule_set == "samr18" else "不得销售同一型号"),
             ("suspended", "复查不合格。你单位经公告后复查仍不合格，本局将依法责令你单位停业，限期整顿。"
              + ban),
             ("revoked", "复查不合格。你单位经停业整顿后复查仍不合格，本局将依法吊销你单位营业执照。"
              + ban)]
    for (step, words), day in zip(steps, ("2026-07-20", "2026-08-20", "2026-09-20"), strict=True):
        rect = fail_recheck(store, check, rect, day)
        assert stored(store, rect) == ("recheck_failed", step)
        opinion = printed(store, "recheck", rect, tmp_path)
        assert words in opinion
        assert step == "announced" or "向社会公告" not in opinion


def test_a_step_stored_on_a_finding_order_is_kept_and_said_so(qtbot, store: Store, check: VisitBundle,
                                                              paths, settings, tmp_path: Path,
                                                              chinese) -> None:  # noqa: ANN001
    """An order climbed to 省级公告 by an older QCDesk: nothing rewrites the step silently (a
    further failing re-check leaves it), the Escalate button's tooltip says it is kept and why it
    does not climb, and the 复查意见书 prints the finding's wording."""
    rect = fail_recheck(store, check, order(store, check, "finding"), "2026-07-20")
    with store.transaction():  # as an older QCDesk stored it
        store.db.execute("UPDATE rectification SET escalation = 'announced' WHERE id = ?", [rect.id])
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification WHERE id = ?",
                                                      [rect.id])))
    rect = fail_recheck(store, check, rect, "2026-08-20")
    assert stored(store, rect) == ("recheck_failed", "announced")
    dialog = RectificationDialog(store, paths, rect.id)
    qtbot.addWidget(dialog)
    assert not dialog.escalate_button.isEnabled()
    assert dialog.escalate_button.toolTip() == (
        "这项整改针对现场检查发现的问题，不是监督抽查不合格：产品质量法第十七条的公告、停业整顿、"
        "吊销营业执照只适用于监督抽查不合格的产品，此处不升级。复查不合格的，责令继续整改或依法处理。"
        "已登记的“省级市场监管部门公告”是此前按监督抽查规则记下的，未作改动，请核实")
    assert QCoreApplication.translate("RectificationDialog", "Re-check failed") == "复查不合格"
    opinion = printed(store, "recheck", rect, tmp_path)
    assert FINDING_TAIL in opinion and "向社会公告" not in opinion


def test_the_demo_escalates_failed_samples_only(tmp_path: Path) -> None:
    db = build_demo(tmp_path / "demo.db", seed=3, today=TODAY, enterprises=120, visits=2500)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT r.sample_id IS NULL, r.escalation, v.conclusion FROM rectification r"
        " JOIN visit v ON v.id = r.recheck_visit_id WHERE r.status = 'recheck_failed'").fetchall()
    conn.close()
    findings = [(esc, said) for on_finding, esc, said in rows if on_finding]
    samples = [(esc, said) for on_finding, esc, said in rows if not on_finding]
    assert findings and samples
    assert all(esc == "" and "上报" not in said for esc, said in findings)
    assert all(esc != "" for esc, _said in samples)
