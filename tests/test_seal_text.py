"""GB/T 9704-2012 7.3.5.1: the seal is pressed on the issuer's name and the date; nothing is
printed under it. Every notice printed a literal （印章） between them, visible under the real
seal (review, documents); it is printed only for an office that sets a seal text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.store import Store
from tests.test_recheck_finding_basis import check, order  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _closing(store: Store, rect_id: int, out: Path) -> str:
    assert main(["doc", "notice", str(rect_id), "--db", str(store.path), "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r"\s+", "", text)
    return text[text.rindex("依法处理。"):text.index("签收人")]


def test_the_name_and_date_stand_together_unless_a_seal_text_is_set(
        store: Store, check, tmp_path: Path) -> None:  # noqa: ANN001, F811
    rect = order(store, check, "sample")
    assert _closing(store, rect.id, tmp_path / "a.pdf") == "依法处理。咸宁市市场监督管理局2026年6月3日"
    store.set_setting("doc.seal_text", "（印章）")  # an office printing on paper it stamps elsewhere
    assert _closing(store, rect.id, tmp_path / "b.pdf") == (
        "依法处理。咸宁市市场监督管理局（印章）2026年6月3日")
