"""修改历史 of an amended visit: every field of a sample by the label its editor uses and every
coded value by its word (待检 → 不合格, not pending → fail), in Chinese and in English."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amend_visit, lock_visits
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui.history_dialog import HistoryDialog


@pytest.fixture
def amended(store: Store) -> str:
    """A sent spot check whose lab result (不合格: 水分) and sampling details were amended; its uuid."""
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"), [])
    team = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=team, status="done"),
        samples=[Sample(product_name="青砖茶", samplers=["王磊", "李娜"],
                        seal_state="已封样（检验样品、备用样品）", sampled_on="2026-09-01")]))
    lock_visits(store, [bundle.visit.id], "421281_王磊_000001_20260902.qcpkg.zip")
    key = f"samples.{bundle.samples[0].uuid}."
    amend_visit(store, bundle.visit.id, {
        key + "result": "fail", key + "failed_items": "水分", key + "sampling_place": "market",
        key + "samplers": ["王磊", "张三"], key + "refused_to_sign": 1, key + "refusal_reason": "负责人不在",
    }, "检验报告 2026-10-12 到达")
    return bundle.visit.uuid


def _changes(qtbot: QtBot, store: Store, uuid: str) -> dict[str, tuple[str, str]]:
    """Field → (old, new) of the amendment's rows, as the dialog shows them."""
    dialog = HistoryDialog(store, "visit", uuid)
    qtbot.addWidget(dialog)
    rows = [dialog.row_texts(r) for r in range(dialog.table.rowCount())]
    return {row[4]: (row[5], row[6]) for row in rows if row[2] in ("修改", "Changed") and row[7]}


def test_amended_sample_in_chinese(qtbot: QtBot, chinese: None, store: Store, amended: str) -> None:
    changes = _changes(qtbot, store, amended)
    assert changes["检验结果"] == ("待检", "不合格")
    assert changes["不合格项目"] == ("—", "水分")
    assert changes["抽样地点"] == ("成品仓库", "市场")
    assert changes["抽样人员"] == ("王磊、李娜", "王磊、张三")
    assert changes["企业拒绝签字"] == ("否", "是")
    assert changes["拒签理由"] == ("—", "负责人不在")
    shown = " ".join(f"{k} {a} {b}" for k, (a, b) in changes.items())
    for code in ("failed_items", "pending", "fail", "market", "refused_to_sign", "["):
        assert code not in shown, shown


def test_amended_sample_in_english(qtbot: QtBot, store: Store, amended: str) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.property("lang")
    app.setProperty("lang", "en")
    try:
        changes = _changes(qtbot, store, amended)
    finally:
        app.setProperty("lang", before)
    assert changes["Result"] == ("Pending test", "Fail")
    assert changes["Failed items"] == ("—", "水分")
    assert changes["Sampling place"] == ("Finished-goods warehouse", "Market")
    assert changes["Enterprise refused to sign"] == ("No", "Yes")
    assert changes["Reason for refusal"] == ("—", "负责人不在")
