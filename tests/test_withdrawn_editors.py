"""The editors name an order withdrawn after its sample passed the 复检 (stored 'closed' +
closing_reason) 已撤销（复检合格）, the 整改跟踪 list's word (cf550ad), never 已完成: the order dialog's
status and clock, and the question asked before a second order on the same sample."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from withdrawn_orders import build_orders

from qcdesk.models.inspections import load_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Visit
from qcdesk.models.store import Store

WITHDRAWN_WORDS = "已撤销（复检合格）"


def test_the_order_dialog_says_withdrawn_not_completed(qtbot, chinese, store: Store, paths,  # noqa: ANN001
                                                       settings) -> None:  # noqa: ANN001
    from qcdesk.ui.rectification_dialog import RectificationDialog

    orders = build_orders(store)
    dialog = RectificationDialog(store, paths, orders.withdrawn.id, settings=settings)
    qtbot.addWidget(dialog)
    status = dialog.status_label.text()
    assert status.startswith(f"{WITHDRAWN_WORDS}（2026-10-12）：样品复检合格"), status
    assert "已完成" not in status
    assert dialog.days_label.text() == "已于 2026-10-12 撤销"  # not 已于 … 完成

    done = RectificationDialog(store, paths, orders.rechecked.id, settings=settings)
    qtbot.addWidget(done)
    assert done.status_label.text() == "已完成"  # closed by its re-check: completed, as before
    assert "完成" in done.days_label.text()


def test_a_second_order_on_the_sample_names_the_withdrawn_one(qtbot, chinese, store: Store, paths,  # noqa: ANN001
                                                              monkeypatch) -> None:  # noqa: ANN001
    from qcdesk.ui.order_dialog import issue_order

    orders = build_orders(store)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.No)
    bundle = load_visit(store, orders.withdrawn.visit_id)
    sample = next(s for s in bundle.samples if s.id == orders.withdrawn.sample_id)
    assert issue_order(None, store, paths, fetch_record(store, Visit, bundle.visit.id), sample, "zh") is None
    assert len(asked) == 1 and f"（{WITHDRAWN_WORDS}）" in asked[0], asked
    assert "已完成" not in asked[0]
