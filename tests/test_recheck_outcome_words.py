"""The visit editor's Fail outcome says what saving it does: an order on a failed spot-check
sample climbs Product Quality Law art. 17's ladder (escalate), an order on a site-check
finding does not (责令继续整改), so its choice must not say "escalate"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_domain import make_enterprise, make_inspectors

WORDS = {  # the Fail choice as the user reads it: sample-based, finding-based
    "en": ("Fail — re-check failed, escalate",
           "Fail — re-check failed, order further rectification (not escalated)"),
    "zh_CN": ("不合格 — 复查不合格，升级处置", "不合格 — 复查不合格，责令继续整改（不升级）"),
}


@pytest.fixture
def orders(store: Store) -> tuple[Rectification, Rectification]:
    """One enterprise's two orders: on a failed sample and on a 进货查验 finding."""
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-06-02", kind="special", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分")],
        [Finding(description="未建立原材料进货查验记录，无法追溯供应商")]))
    on_sample, on_finding = (
        order_rectification(store, visit=check.visit, requirement=text, ordered_on="2026-06-03",
                            rule_set="samr18", **on)
        for text, on in (("整改水分超标", {"sample": check.samples[0]}),
                         ("建立进货查验记录", {"finding": check.findings[0]})))
    return on_sample, on_finding


def fail_choice(editor: VisitEditor) -> str:
    return editor.outcome_combo.itemText(editor.outcome_combo.findData(False))


def test_the_fail_choice_follows_the_orders_basis(qtbot, store, paths, settings, orders,
                                                  lang) -> None:  # noqa: ANN001
    on_sample, on_finding = orders
    escalate, go_on = WORDS[lang]
    editor = VisitEditor(store, paths, recheck_of=on_finding.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.recheck_combo.currentData() == on_finding.id
    assert fail_choice(editor) == go_on
    editor.recheck_combo.setCurrentIndex(editor.recheck_combo.findData(on_sample.id))
    assert fail_choice(editor) == escalate
    editor.recheck_combo.setCurrentIndex(editor.recheck_combo.findData(on_finding.id))
    assert fail_choice(editor) == go_on


def test_the_finding_orders_fail_choice_saves_what_it_says(qtbot, store, paths, settings, orders,
                                                           monkeypatch) -> None:  # noqa: ANN001
    """Chosen and saved, the finding order fails without a step; the sample order climbs one.
    The save asks first (recheck_confirm), answered Yes here."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    for rect, step in zip(orders, ("announced", ""), strict=True):
        editor = VisitEditor(store, paths, recheck_of=rect.id, settings=settings)
        qtbot.addWidget(editor)
        for i in range(editor.inspector_list.count()):
            editor.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
        editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(False))
        assert editor.outcome_combo.currentText() == WORDS["en"][0 if step else 1]
        assert editor.save()
        assert store.db.execute("SELECT status, escalation FROM rectification WHERE id = ?",
                                [rect.id]).fetchone() == ("recheck_failed", step)


def test_the_pass_question_names_the_correction_that_reopens(chinese: None, orders) -> None:  # noqa: ANN001
    """Review (first day): the question said 结案后不能重新打开 while the closed order offers
    更正：重新打开…; it now says how a mistaken close is put right."""
    from qcdesk.ui.recheck_confirm import settling_text

    text = settling_text(orders[0], True)
    assert "不能重新打开" not in text and "“更正：重新打开…”中写明原因后重新打开" in text
    assert text.endswith("保存并结案？")
