"""整改跟踪 shows an order withdrawn after its sample passed the 复检 as 已撤销（复检合格）, never as
已完成: in the list (the reason as the cell's tooltip), its status filter and its export (the
reason in a column of its own)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from withdrawn_orders import LATE, build_orders

from qcdesk.export.list_export import export_list
from qcdesk.export.list_words import filter_words
from qcdesk.models.listing import RECTIFICATIONS, WITHDRAWN, ListFilters, ListRequest, ListSource
from qcdesk.models.store import Store

WITHDRAWN_WORDS = "已撤销（复检合格）"


def _notices(store: Store, status: str) -> list[str]:
    source = ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(status=status)), today=LATE)
    ids = [k[-1] for k in source.read(None, 100, budget=None).keys]
    rows = source.rows(ids)
    return sorted(rows[i]["notice_no"] for i in ids)


def test_rows_and_filter_tell_withdrawn_from_completed(store: Store) -> None:
    orders = build_orders(store)
    source = ListSource(store, ListRequest(RECTIFICATIONS), today=LATE)
    rows = source.rows([orders.rechecked.id, orders.withdrawn.id])
    assert rows[orders.rechecked.id]["status"] == "closed"
    assert rows[orders.withdrawn.id]["status"] == WITHDRAWN
    assert "复检合格（2026年10月8日）" in rows[orders.withdrawn.id]["closing_reason"]
    assert _notices(store, WITHDRAWN) == [orders.withdrawn.notice_no]
    assert _notices(store, "closed") == [orders.rechecked.notice_no]  # 已完成 no longer holds it
    assert len(_notices(store, "")) == 4


def test_export_says_withdrawn_with_its_reason(store: Store, tmp_path: Path) -> None:
    orders = build_orders(store)
    out = tmp_path / "整改列表.xlsx"
    request = ListRequest(RECTIFICATIONS)
    export_list(ListSource(store, request, today=LATE), out, exported_by="王磊")
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    at = {t: i for i, t in enumerate(rows[0])}
    by_notice = {r[at["通知书编号"]]: r for r in rows[1:]}
    withdrawn = by_notice[orders.withdrawn.notice_no]
    assert withdrawn[at["状态"]] == WITHDRAWN_WORDS
    assert "原检验结论不再成立" in withdrawn[at["撤销理由"]]
    assert by_notice[orders.rechecked.notice_no][at["状态"]] == "已完成"
    assert not by_notice[orders.rechecked.notice_no][at["撤销理由"]]
    words = filter_words(ListRequest(RECTIFICATIONS, ListFilters(status=WITHDRAWN)))
    assert words == f"状态：{WITHDRAWN_WORDS}"


def test_the_list_page_shows_withdrawn_and_the_reason(qtbot, chinese, store: Store) -> None:  # noqa: ANN001
    from qcdesk.ui.list_pages import ListPage

    orders = build_orders(store)
    page = ListPage(store, RECTIFICATIONS)
    qtbot.addWidget(page)
    model = page.model
    keys = [c.key for c in model._columns]
    notice, status = keys.index("notice_no"), keys.index("status")
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    row = next(r for r in range(4) if model.index(r, notice).data() == orders.withdrawn.notice_no)
    assert model.index(row, status).data() == WITHDRAWN_WORDS
    assert "原检验结论不再成立" in model.index(row, status).data(Qt.ItemDataRole.ToolTipRole)
    done = next(r for r in range(4) if model.index(r, notice).data() == orders.rechecked.notice_no)
    assert model.index(done, status).data() == "已完成"
    assert page.status.findText(WITHDRAWN_WORDS) >= 0  # the filter offers it
