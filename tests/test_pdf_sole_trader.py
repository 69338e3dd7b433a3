"""A 个体工商户 (code type 92, GB 32100-2015) is answered for by its 经营者; it has no
法定代表人, and the 抽样单 and 现场检查笔录 said it had (review, documents)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Enterprise, Sample, Visit
from qcdesk.models.store import Store
from tests.test_domain import make_inspectors

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


@pytest.mark.parametrize(("uscc", "label"), [("92421281MA4C3FYL02", "经营者"),
                                            ("91421281MA4KL5FE07", "法定代表人"),
                                            ("93421281MA4NECRW8W", "法定代表人")])
def test_the_party_is_answered_for_as_its_kind_is(store: Store, tmp_path: Path, uscc: str,
                                                  label: str) -> None:
    firm = save_enterprise(store, Enterprise(uscc=uscc, name="赤壁市某茶叶经营部",
                                             jurisdiction_code="421281", legal_representative="刘芳"))
    crew = [i.uuid for i in make_inspectors(store)]
    saved = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-10-10", status="done", inspectors=crew),
        [Sample(product_name="青砖茶", samplers=["王磊", "李娜"])]))
    for kind, ident in (("sample", saved.samples[0].id), ("visit", saved.visit.id)):
        out = tmp_path / f"{kind}.pdf"
        assert main(["doc", kind, str(ident), "--db", str(store.path), "--out", str(out)]) == 0
        text = _text(out)
        assert f"{label}刘芳" in text, (kind, text)
        other = "法定代表人" if label == "经营者" else "经营者"
        assert other not in text, kind
