"""An order whose re-check failed is still work to do (a provincial report, further correction),
but the 整改跟踪 list showed it like a finished one: no colour, nothing under 剩余天数. Its clock
now says 复查不合格，待处理 in red, alike in the list, the order dialog and the exported list."""

from __future__ import annotations

import openpyxl
import pytest
from test_recheck_finding_basis import TODAY, check, fail_recheck, order  # noqa: F401 - fixture

from qcdesk.export.list_export import export_list
from qcdesk.models.listing import RECTIFICATIONS, ListRequest, ListSource
from qcdesk.models.store import Store
from qcdesk.ui.list_model import OVERDUE_COLOUR
from qcdesk.ui.rectification_texts import days_text

WORDS = {"zh_CN": "复查不合格，待处理", "en": "Re-check failed: act on it"}


def test_a_failed_recheck_is_shown_as_work_to_do(qtbot, store: Store, check, lang: str,  # noqa: ANN001, F811
                                                 tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from day_clock import fixed_today
    from PySide6.QtCore import Qt

    from qcdesk.ui.list_pages import ListPage

    rect = fail_recheck(store, check, order(store, check, "sample"), "2026-07-20")
    fixed_today(monkeypatch, TODAY)
    page = ListPage(store, RECTIFICATIONS)
    qtbot.addWidget(page)
    keys = [c.key for c in page.model.columns()]
    index = page.model.index(page.model.row_of(rect.id), keys.index("days_left"))
    assert index.data() == WORDS[lang]
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == OVERDUE_COLOUR
    assert days_text(rect, TODAY) == (WORDS[lang], True)
    if lang == "zh_CN":
        out = tmp_path / "整改.xlsx"
        export_list(ListSource(store, ListRequest(RECTIFICATIONS), today=TODAY), out, exported_by="王磊")
        sheet = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
        at = {t: i for i, t in enumerate(sheet[0])}
        assert [r[at["剩余天数"]] for r in sheet[1:]] == [WORDS["zh_CN"]]
