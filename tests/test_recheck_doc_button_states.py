"""The order dialog's 复查意见书… button prints what `documents.render_recheck` can honestly say,
not only an order with a re-check visit: a withdrawn order (closed after its sample passed the
复检; no re-check visit) prints its own paper, 一、复检情况 and 二、处理意见 ending in 予以结案, as
`qcdesk doc recheck ID` does; an order whose report came in prints the form with blanks to fill
in at the re-check. An open order, with neither report nor re-check, has none to print."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from withdrawn_orders import LATE, build_orders

from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Rectification
from qcdesk.models.rectifications import submit_report
from qcdesk.ui.rectification_dialog import RectificationDialog
from tests.test_ui_documents import pdf_text, previews  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _dialog(qtbot, store, paths, settings, rect_id: int) -> RectificationDialog:  # noqa: ANN001
    dialog = RectificationDialog(store, paths, rect_id, settings=settings, lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_withdrawn_orders_recheck_opinion_prints_from_the_dialog(
        qtbot, store, paths, settings, previews, chinese) -> None:  # noqa: ANN001, F811
    orders = build_orders(store)
    assert orders.withdrawn.recheck_visit_id is None and orders.withdrawn.closing_reason
    dialog = _dialog(qtbot, store, paths, settings, orders.withdrawn.id)
    assert dialog.recheck_doc_button.isEnabled()
    assert dialog.recheck_doc_button.toolTip() == "预览撤销整改的复查意见书：复检情况和处理意见"
    qtbot.mouseClick(dialog.recheck_doc_button, Qt.MouseButton.LeftButton)
    assert [(k, u) for k, u, _ in previews] == [("recheck", orders.withdrawn.uuid)]
    text = pdf_text(qtbot, previews[0][2])
    assert "复查意见书" in text and "一、复检情况" in text and "二、处理意见" in text
    assert "本局已于2026年10月12日撤销上述《责令整改通知书》，予以结案。" in text
    assert "经复查" not in text  # no re-check is asserted


def test_a_reported_order_prints_the_form_to_fill_in_and_an_open_one_nothing(
        qtbot, store, paths, settings, previews, chinese) -> None:  # noqa: ANN001, F811
    orders = build_orders(store)
    dialog = _dialog(qtbot, store, paths, settings, orders.late.id)
    assert not dialog.recheck_doc_button.isEnabled()  # open: no report, no re-check
    assert dialog.recheck_doc_button.toolTip() == "登记企业的整改报告或记录复查检查后可用"

    submit_report(store, fetch_record(store, Rectification, orders.late.id), "2026-11-20", today=LATE)
    dialog.refresh()
    assert dialog.recheck_doc_button.isEnabled()
    qtbot.mouseClick(dialog.recheck_doc_button, Qt.MouseButton.LeftButton)
    text = pdf_text(qtbot, previews[0][2])
    assert "你单位于2026年11月20日提交整改报告，申请复查。" in text
    assert "复查结论：＿＿＿" in text and "复查合格" not in text  # blanks, nothing asserted


def test_the_tooltip_names_the_paper_each_state_prints(
        qtbot, store, paths, settings, previews, chinese) -> None:  # noqa: ANN001, F811
    """Sample passed its 复检, order not withdrawn yet: the paper says 本局将撤销, never the blank
    form the tooltip of a reported order promised; before and after its report alike."""
    orders = build_orders(store)
    rect = orders.to_withdraw
    dialog = _dialog(qtbot, store, paths, settings, rect.id)
    tip = "预览复检合格的复查意见书：复检情况，以及本局将撤销该整改（先撤销整改，才能印上撤销日期）"
    assert dialog.recheck_doc_button.isEnabled()  # open, but render_recheck has its paper
    assert dialog.recheck_doc_button.toolTip() == tip
    submit_report(store, fetch_record(store, Rectification, rect.id), "2026-10-20", today=LATE)
    dialog.refresh()
    assert dialog.recheck_doc_button.toolTip() == tip  # was: 预览复查意见书，空白处在复查时填写
    qtbot.mouseClick(dialog.recheck_doc_button, Qt.MouseButton.LeftButton)
    text = pdf_text(qtbot, previews[0][2])
    assert "一、复检情况" in text and "本局将撤销上述《责令整改通知书》" in text
    assert "复查结论：＿" not in text and "提交整改报告" not in text  # not the blank form

    # closed without a re-check visit or a withdrawal: the paper says when it was closed
    late = fetch_record(store, Rectification, orders.late.id)
    late.status, late.closed_on = "closed", "2026-11-25"
    update_record(store, late)
    dialog = _dialog(qtbot, store, paths, settings, late.id)
    assert dialog.recheck_doc_button.toolTip() == "预览写明结案日期的复查意见书"
    qtbot.mouseClick(dialog.recheck_doc_button, Qt.MouseButton.LeftButton)
    assert "本局于2026年11月25日予以结案" in pdf_text(qtbot, previews[1][2])
