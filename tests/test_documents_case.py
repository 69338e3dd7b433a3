"""One case on paper, as the enterprise and the office read it: every paper in the name of one
bureau, dates in Chinese, a re-check form with blanks to fill in and no re-check that the
records do not hold, readable file names."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf.doc_names import document_file_name
from qcdesk.export.pdf.documents import render_recheck, render_record
from qcdesk.models.document_data import DocSettings, RecheckDoc, SampleDoc, SampleLine, VisitDoc
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from tests.test_pdf_documents import NOTICE, PARTY, text_of
from tests.test_pdf_linebreak_units import layout_lines

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

FIRM = "崇阳县宇辉食品科技有限公司"
COUNTY = "崇阳县市场监督管理局"
CITY = "咸宁市市场监督管理局"


def author(pdf: Path) -> str:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = [line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Author:")]
    return found[0] if found else ""


@pytest.fixture
def case(store):  # noqa: ANN001, ANN201
    """崇阳 inspectors check a 崇阳 firm, take a failing sample, and 崇阳 numbers the order; the
    laptop keeps the default (city) settings. Also a visit without an order by the same crew, and
    one with a city inspector along."""
    firm = save_enterprise(store, Enterprise(uscc="91421223MA4059AK31", name=FIRM,
                                             jurisdiction_code="421223"))
    a, b, city = (save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code=j)) for n, c, j in (
        ("夏英霞", "42122320160001", "421223"), ("杨桂磊", "42122320160002", "421223"),
        ("吴峰", "42120020160007", "421200")))
    ordered = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2025-05-14", kind="spot_check", inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="桂花糕", spec_model="1000×600×1.0mm", production_date="2023-08-23",
                sampled_on="2025-05-14", result="fail", failed_items="菌落总数")], []))
    rect = order_rectification(store, visit=ordered.visit, requirement="停止销售同批次产品并整改",
                               ordered_on="2025-05-16", rule_set="samr18", sample=ordered.samples[0],
                               notice_no="崇市监质改〔2025〕3号", today=None)
    crew = save_visit(store, VisitBundle(Visit(enterprise_id=firm.id, visit_date="2025-06-02",
                                               kind="assistance", inspectors=[a.uuid, b.uuid]), [], []))
    mixed = save_visit(store, VisitBundle(Visit(enterprise_id=firm.id, visit_date="2025-06-03",
                                                kind="assistance", inspectors=[a.uuid, city.uuid]), [], []))
    return {"visit": ordered.visit.id, "sample": ordered.samples[0].id, "notice": rect.id,
            "crew": crew.visit.id, "mixed": mixed.visit.id}


def test_a_case_is_on_paper_in_the_name_of_one_bureau(store, case, tmp_path):  # noqa: ANN001
    """The visit record, the sampling form's author and the notice of one case name the county
    bureau that numbered the order, not the city named in this laptop's settings."""
    out = {k: tmp_path / f"{k}.pdf" for k in ("visit", "sample", "notice")}
    for kind, path in out.items():
        render_record(store.db, kind, case[kind], path)
    assert layout_lines(out["notice"])[0] == COUNTY
    assert layout_lines(out["visit"])[:2] == [COUNTY, "现场检查笔录"]
    assert author(out["visit"]) == COUNTY and author(out["sample"]) == COUNTY
    assert CITY not in text_of(out["visit"]) and CITY not in text_of(out["sample"])


def test_a_visit_without_an_order_speaks_for_its_inspectors_bureau(store, case, tmp_path):  # noqa: ANN001
    crew, mixed = tmp_path / "crew.pdf", tmp_path / "mixed.pdf"
    render_record(store.db, "visit", case["crew"], crew)
    render_record(store.db, "visit", case["mixed"], mixed)
    assert layout_lines(crew)[0] == COUNTY
    assert layout_lines(mixed)[0] == CITY  # county and city inspectors together: this office


def test_every_date_printed_in_chinese_form(store, case, tmp_path):  # noqa: ANN001
    """生产日期 read 2023-08-23 on the sampling form while its other dates read 2025年5月14日."""
    for kind in ("sample", "visit", "notice"):
        pdf = tmp_path / f"{kind}.pdf"
        render_record(store.db, kind, case[kind], pdf)
        text = text_of(pdf)
        assert "2023年8月23日" in text, kind
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), kind


def test_recheck_form_not_yet_rechecked_has_blanks_to_fill_in(tmp_path):
    pdf = tmp_path / "open.pdf"
    render_recheck(RecheckDoc("r", NOTICE, "awaiting_recheck"), DocSettings(), pdf)
    text = text_of(pdf)
    assert "未填写" not in text
    assert "你单位于＿＿＿＿年＿＿月＿＿日提交整改报告，申请复查。" in text
    assert "（二）复查内容" + "＿" * 56 in text  # two ruled lines to write the findings on
    assert "复查结论：＿＿＿＿" in text


def test_recheck_of_order_closed_without_recheck_visit_asserts_no_recheck(tmp_path):
    pdf = tmp_path / "closed.pdf"
    render_recheck(RecheckDoc("r", NOTICE, "closed", report_submitted_on="2026-10-20",
                              closed_on="2026-11-02"), DocSettings(), pdf)
    text = text_of(pdf)
    assert "你单位于2026年10月20日提交整改报告，申请复查。" in text
    assert "你单位已按要求完成整改，本局于2026年11月2日予以结案。" in text
    for claim in ("经复查", "复查合格", "复查时间和人员", "＿＿月"):
        assert claim not in text, claim
    assert layout_lines(pdf)[-2] == "2026年11月2日"  # dated the day it was closed, above the page number


def test_recheck_sentences_end_with_a_full_stop(tmp_path):
    pdf = tmp_path / "failed.pdf"
    render_recheck(RecheckDoc("r", NOTICE, "recheck_failed", "2026-11-20", summary="对整改情况进行复查",
                              conclusion="复查不合格，已按规定上报", report_submitted_on="2026-11-01"),
                   DocSettings(), pdf)
    text = text_of(pdf)
    assert "对整改情况进行复查。" in text and "复查结论：复查不合格，已按规定上报。" in text
    render_recheck(RecheckDoc("r", NOTICE, "closed", "2026-11-20", summary="现场核查整改措施。",
                              conclusion="合格（见照片）"), DocSettings(), pdf)
    text = text_of(pdf)
    assert "现场核查整改措施。" in text and "。。" not in text and "复查结论：合格（见照片）。" in text


def test_file_name_says_what_whose_and_which_and_is_safe_on_windows():
    odd = dataclasses.replace(PARTY, name='宇辉/食品:科技*"有限"?<公司>|')
    notice = dataclasses.replace(NOTICE, enterprise=odd)
    name = document_file_name(notice)
    assert name == "责令整改通知书-咸市监质改〔2026〕12号-宇辉_食品_科技_有限_公司_.pdf"
    assert not set('/\\:*?"<>|') & set(name)
    assert document_file_name(VisitDoc("v", "2025-05-14", "监督抽查", PARTY)) == \
        f"现场检查笔录-{PARTY.name}-2025年5月14日.pdf"
    sample = SampleDoc("s", PARTY, SampleLine(product_name="桂花糕", sampled_on="2025-05-14"))
    assert document_file_name(sample) == f"抽样单-{PARTY.name}-桂花糕-2025年5月14日.pdf"
    assert document_file_name(RecheckDoc("r", dataclasses.replace(NOTICE, notice_no=""), "open")) == \
        f"复查意见书-{PARTY.name}-2026年9月10日.pdf"


def test_a_county_office_whose_inspectors_still_carry_the_old_city_default_prints_its_own_name(
        store, tmp_path):  # noqa: ANN001
    """Inspectors added before the unit stopped defaulting to 咸宁市 are stored as 421200; that
    proves nothing about the crew, so a 嘉鱼 office's visit record keeps the office's own name."""
    store.set_setting("doc.org_name", "嘉鱼县市场监督管理局")
    store.set_setting("doc.notice_prefix", "嘉市监质改")
    firm = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县管材厂",
                                             jurisdiction_code="421221"))
    crew = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421200"))
            for n, c in (("王芳", "42122119002"), ("李明", "42122119001"))]
    went = Visit(enterprise_id=firm.id, visit_date="2026-11-20", kind="assistance",
                 inspectors=[i.uuid for i in crew])
    visit = save_visit(store, VisitBundle(went, [], []))
    pdf = tmp_path / "visit.pdf"
    render_record(store.db, "visit", visit.visit.id, pdf)
    assert layout_lines(pdf)[:2] == ["嘉鱼县市场监督管理局", "现场检查笔录"]
    assert CITY not in text_of(pdf)
