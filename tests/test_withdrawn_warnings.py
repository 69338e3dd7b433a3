"""An open order whose sample passed its 复检 is not overdue: it is warned as 复检合格待撤销 with
what to do (withdraw it), on the warnings page, by `qcdesk warnings` and in its workbook alike;
once withdrawn, it is not warned at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from day_clock import fixed_today
from withdrawn_orders import LATE, build_orders

from qcdesk.cli import main
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.rectifications import withdraw_for_retest
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings, early_warnings, warning_counts

SINCE_RETEST = (LATE - date(2026, 10, 8)).days  # 73


def test_an_order_whose_sample_passed_is_to_withdraw_not_overdue(store: Store) -> None:
    orders = build_orders(store)
    found = early_warnings(store, LATE)
    kinds = {o: {w.kind for w in found if w.record_uuid == getattr(orders, o).uuid}
             for o in ("rechecked", "withdrawn", "to_withdraw", "late")}
    assert kinds == {"rechecked": set(), "withdrawn": set(), "to_withdraw": {"retest_withdraw"},
                     "late": {"rectification_overdue"}}  # never reported: the enterprise's delay alone
    [w] = [w for w in found if w.kind == "retest_withdraw"]
    assert (w.kind_label, w.subject, w.due, w.days) == (
        "复检合格待撤销", "赤市监质改〔2026〕3号", "2026-10-08", SINCE_RETEST)
    assert w.reason.startswith("样品黑茶已于2026年10月8日复检合格，原检验结论不再成立，请撤销该整改通知")
    assert "Withdraw (re-test passed)" in w.reason_text("en")
    assert count_warnings(store, LATE, refresh=False) == warning_counts(found)

    withdraw_for_retest(store, fetch_record(store, Rectification, orders.to_withdraw.id), "2026-11-20",
                        today=LATE)
    assert not [w for w in early_warnings(store, LATE) if w.record_uuid == orders.to_withdraw.uuid]


def test_cli_and_its_workbook_say_what_to_do(store: Store, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    build_orders(store)
    out = tmp_path / "w.xlsx"
    assert main(["warnings", "--db", str(store.path), "--date", LATE.isoformat(), "--xlsx", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    kinds = [line.split("\t")[0] for line in lines]
    assert kinds[0] == "复检合格待撤销" and "请撤销该整改通知" in lines[0]
    # 3号 is not late: only 4号 is, the enterprise's delay (never reported), not also the re-check's
    assert (kinds.count("复检合格待撤销"), kinds.count("整改逾期"), kinds.count("复查逾期")) == (1, 1, 0)
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    at = {t: i for i, t in enumerate(rows[0])}
    first = rows[1]
    assert (first[at["预警类型"]], first[at["相关事项"]], first[at["已过天数"]]) == (
        "复检合格待撤销", "赤市监质改〔2026〕3号", SINCE_RETEST)
    assert [r[at["预警类型"]] for r in rows[1:] if r[at["相关事项"]] == "赤市监质改〔2026〕3号"] == [
        "复检合格待撤销"]


def test_the_page_shows_its_own_kind(qtbot, chinese, store: Store, settings,  # noqa: ANN001
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import qcdesk.ui.warnings_page as warnings_page

    fixed_today(monkeypatch, LATE)
    orders = build_orders(store)
    page = warnings_page.WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    model = page.model
    cols = {c: i for i, c in enumerate(model.COLUMNS)}
    shown = {model.index(r, cols["subject"]).data(): (model.index(r, cols["kind"]).data(),
                                                       model.index(r, cols["reason"]).data())
             for r in range(model.rowCount())}
    kind, reason = shown[orders.to_withdraw.notice_no]
    assert kind == "复检合格待撤销" and "请撤销该整改通知" in reason
    kinds = [model.index(r, cols["kind"]).data() for r in range(model.rowCount())
             if model.index(r, cols["subject"]).data() == orders.to_withdraw.notice_no]
    assert kinds == ["复检合格待撤销"]  # not also 整改逾期 / 复查逾期
    page.kind.setCurrentIndex(page.kind.findText("复检合格待撤销"))
    assert [model.index(r, cols["subject"]).data() for r in range(model.rowCount())] == [
        orders.to_withdraw.notice_no]
