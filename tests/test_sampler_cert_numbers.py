"""The 抽样单 as printed: samplers typed as names get their 执法证号 from the roster when the
name is one person's; a name two people share, or nobody on the roster has, keeps the blank."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_sample
from qcdesk.export.pdf.layout import BLANK
from qcdesk.models.document_data import doc_settings, sample_doc
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def test_samplers_typed_as_names_print_their_certificate_numbers(store: Store, tmp_path: Path) -> None:
    li = insert_record(store, Inspector(name="李明", cert_no="42120019001", jurisdiction_code="421221"))
    wang = insert_record(store, Inspector(name="王芳", cert_no="42120019002", jurisdiction_code="421221"))
    for code, cert in (("421221", "42120019003"), ("421222", "42220019003")):  # two people, one name
        insert_record(store, Inspector(name="张强", cert_no=cert, jurisdiction_code=code))
    gone = insert_record(store, Inspector(name="陈刚", cert_no="42120019009", jurisdiction_code="421221",
                                          deleted_at="2026-01-01T00:00:00Z"))
    assert gone.deleted_at
    e = insert_record(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县某管业有限公司",
                                        jurisdiction_code="421221"))
    v = insert_record(store, Visit(enterprise_id=e.id, visit_date="2026-08-03", kind="spot_check",
                                   inspectors=[li.uuid, wang.uuid], status="done"))
    s = insert_record(store, Sample(visit_id=v.id, product_name="PE给水管", sampled_on="2026-08-03",
                                    samplers=["李明", "王芳", "张强", "赵六", "陈刚"]))
    out = tmp_path / "sample.pdf"
    render_sample(sample_doc(store.db, s.id), doc_settings(store.db), out)
    text = text_of(out)
    assert (f"李明（执法证号：42120019001）、王芳（执法证号：42120019002）、张强（执法证号：{BLANK}）、"
            f"赵六（执法证号：{BLANK}）、陈刚（执法证号：{BLANK}）") in text
