"""A 责令整改通知书 printed after the one extension AQSIQ 133 allows was granted: it states the
new deadline and no longer tells the enterprise how to apply for an extension it cannot get."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Sample, Visit
from qcdesk.models.rectifications import extend_deadline, order_rectification
from qcdesk.models.store import Store
from tests.test_domain import make_enterprise, make_inspectors
from tests.test_pdf_documents import text_of

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

HOW_TO_APPLY = "确需延期的"


def _order(store: Store):  # noqa: ANN202
    e = make_enterprise(store)
    a, b = make_inspectors(store)[:2]
    saved = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2016-08-01", kind="spot_check",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="青砖茶", sampled_on="2016-08-01", result="fail",
                failed_items="水分")], []))
    return order_rectification(store, visit=saved.visit, requirement="查明水分超标原因并整改",
                               ordered_on="2016-08-01", rule_set="aqsiq133",
                               sample=saved.samples[0], today=None)


def test_the_notice_drops_how_to_apply_once_an_extension_was_granted(store: Store,
                                                                      tmp_path: Path) -> None:
    rect = _order(store)
    before = tmp_path / "before.pdf"
    render_record(store.db, "notice", rect.id, before)
    assert HOW_TO_APPLY in text_of(before)  # not extended yet: how to ask is said
    extend_deadline(store, rect, "2016-09-25", "设备到货延迟", "2016-08-20",
                    today=date(2016, 8, 20))
    after = tmp_path / "after.pdf"
    render_record(store.db, "notice", rect.id, after)
    text = text_of(after)
    assert "经批准，整改期限延长至2016年9月25日。" in text, text
    assert HOW_TO_APPLY not in text and "延期只能申请一次" not in text, text


def test_a_2010_rules_notice_sends_an_objection_to_the_quality_supervision_bureau(
        store: Store, tmp_path: Path) -> None:
    """Review (domain): a notice under AQSIQ order No. 133 (2016) sent a 复检 request to the
    市场监督管理部门, a body only formed in 2018; that order names the 质量技术监督部门."""
    rect = _order(store)
    out = tmp_path / "notice.pdf"
    render_record(store.db, "notice", rect.id, out)
    text = "".join(text_of(out).split())
    assert "向组织监督抽查的质量技术监督部门或者其上级质量技术监督部门书面提出复检申请" in text, text
    assert "市场监督管理部门" not in text
