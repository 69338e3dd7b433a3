"""The legal basis a 责令整改通知书 cites. An order resting on a FINDING of a site check (a
metering instrument past its verification, say) printed "依据《中华人民共和国产品质量法》第十七条和
《产品质量监督抽查管理暂行办法》…的规定" — the spot-check rules, which govern failed samples only —
while the visit's own record named the finding's basis (《中华人民共和国计量法》第九条). An enterprise
served such an order could contest it. An order on a failed sample keeps art. 17 and the rule set."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Finding, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.test_domain import make_enterprise, make_inspectors
from tests.test_recheck_finding_basis import TODAY

METERING = "《中华人民共和国计量法》第九条"
SPOT_CHECK_LAWS = ("产品质量法》第十七条", "国家市场监督管理总局令第18号",
                   "国家质量监督检验检疫总局令第133号")


def _printed_notice(store: Store, basis: str, on: str, tmp_path: Path, rule_set: str = "samr18") -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-06-02", kind="special", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="米砖茶", result="fail", failed_items="水分")],
        [Finding(description="检验用计量器具超过检定有效期仍在使用", basis=basis)]))
    target = {"finding": {"finding": check.findings[0]}, "sample": {"sample": check.samples[0]}}[on]
    rect = order_rectification(store, visit=check.visit, requirement="送检计量器具", ordered_on="2026-06-03",
                               rule_set=rule_set, today=TODAY, **target)
    out = tmp_path / "notice.pdf"
    assert main(["doc", "notice", str(rect.id), "--db", str(store.path), "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("rule_set", ["samr18", "aqsiq133"])
def test_an_order_on_a_finding_cites_the_findings_own_basis(store: Store, tmp_path: Path,
                                                            rule_set: str) -> None:
    text = _printed_notice(store, METERING, "finding", tmp_path, rule_set)
    assert f"依据{METERING}的规定，现责令你单位整改" in text
    assert [law for law in SPOT_CHECK_LAWS if law in text] == []
    assert "逾期不整改或者整改不合格的，本局将依法处理。" in text


def test_an_order_on_a_finding_with_no_basis_on_record_leaves_it_to_fill_in(store: Store,
                                                                             tmp_path: Path) -> None:
    text = _printed_notice(store, "", "finding", tmp_path)
    assert re.search(r"依据＿+的规定，现责令你单位整改", text), text[:400]
    assert [law for law in SPOT_CHECK_LAWS if law in text] == []


def test_an_order_on_a_failed_sample_keeps_the_spot_check_laws(store: Store, tmp_path: Path) -> None:
    text = _printed_notice(store, METERING, "sample", tmp_path)
    assert "依据《中华人民共和国产品质量法》第十七条和《产品质量监督抽查管理暂行办法》" in text
    assert "本局将依照《中华人民共和国产品质量法》第十七条的规定依法处理" in text
    assert METERING not in text
