"""A 报告 names whom it goes to (主送机关, GB/T 9704-2012 7.2.4): under the title, flush left, ending
in ：. The quarterly report had none, though a county sends it to the city's quality office
(市质强办). The recipient is a setting (设置 ▸ 首选项…, `qcdesk settings --report-to`), its default
the city's 市质量强市工作委员会办公室."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_review import TODAY, build

from qcdesk.cli import main
from qcdesk.export.pdf.report import render_quarterly
from qcdesk.models.document_data import doc_settings
from qcdesk.models.report_queries import REPORT_TITLE, quarterly_data
from qcdesk.models.store import Store

DEFAULT = "咸宁市质量强市工作委员会办公室"


def _text(store: Store, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    pdf = tmp_path / "r.pdf"
    render_quarterly(quarterly_data(store.db, 2026, 3, as_of=TODAY), doc_settings(store.db), pdf)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_report_is_addressed_under_its_title(store: Store, tmp_path: Path) -> None:
    build(store)
    lines = [line.strip() for line in _text(store, tmp_path).splitlines() if line.strip()]
    title = next(i for i, line in enumerate(lines) if re.sub(r"\s", "", line) == REPORT_TITLE)
    assert lines[title + 1] == f"{DEFAULT}：", lines[:title + 3]
    assert re.sub(r"\s", "", lines[title + 2]).startswith("一、总体情况")


def test_the_recipient_is_set_on_the_command_line(store: Store, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    build(store)
    assert main(["settings", "--db", str(store.path), "--report-to", "通城县人民政府"]) == 0
    assert "报告主送机关：通城县人民政府" in capsys.readouterr().out
    assert "通城县人民政府：" in _text(store, tmp_path)
    assert main(["settings", "--db", str(store.path), "--report-to", "  "]) == 2
    assert doc_settings(store.db).report_to == "通城县人民政府"
