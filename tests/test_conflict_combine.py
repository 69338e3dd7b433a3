"""A county clerk combines two versions of a record field by field: 李四's address with 张三's
phone. The result settles the conflict everywhere, like keeping one version does."""

from __future__ import annotations

from pathlib import Path

import pytest
from conflict_fixtures import li_takes_report, order, rectification_row, two_sides, visit, zhang_closes
from exchange_fixtures import merge
from PySide6.QtCore import Qt
from test_exchange_gui_review import _enterprise_conflict

from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.models import exchange_store as xs
from qcdesk.models.conflict_checks import CombinationRefused
from qcdesk.models.persistence import update_record
from qcdesk.ui.conflict_dialog import ConflictDialog


def test_the_ticked_values_of_the_other_version_are_combined(qtbot, tmp_path: Path) -> None:
    store = _enterprise_conflict(tmp_path)  # 李四 here: 工业园8号 / …222222; 张三: 1号 / …111111
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    assert not dlg.combine_button.isEnabled()
    for r in range(dlg.fields.rowCount()):
        item = dlg.fields.item(r, 2)
        if item.data(Qt.ItemDataRole.UserRole) == "contact_phone":  # tick 张三's phone only
            item.setCheckState(Qt.CheckState.Checked)
    assert dlg.ticked() == ["contact_phone"] and dlg.combine_button.isEnabled()
    dlg.combine_button.click()
    assert dlg.list.rowCount() == 0 and xs.open_conflicts(store) == []
    row = next(store.db.query("SELECT address, contact_phone FROM enterprise"))
    assert (row["address"], row["contact_phone"]) == ("工业园8号", "07156111111")
    # 张三's version again changes nothing: the combination descends from it
    r = merge(store, tmp_path / "a.xlsx", "A" * 16)
    assert r.counts["enterprise"]["conflicting"] == 0 and r.counts["enterprise"]["updated"] == 0


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    store = _enterprise_conflict(tmp_path)
    (conflict,) = xs.open_conflicts(store)
    with pytest.raises(ValueError, match="unknown fields"):
        resolve_conflict(store, conflict["id"], fields_from_other=["no_such_field"])
    assert len(xs.open_conflicts(store)) == 1


# --- values that belong together, and combinations a save would refuse ------------------------

def _select(dlg: ConflictDialog, kind: str) -> None:
    dlg.list.selectRow(next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == kind))


def _tick_items(dlg: ConflictDialog) -> dict[str, object]:
    """The other version's tickable values by field header."""
    return {dlg.fields.item(r, 0).text(): dlg.fields.item(r, 2) for r in range(dlg.fields.rowCount())
            if dlg.fields.item(r, 2).data(Qt.ItemDataRole.UserRole)}


def test_an_orders_status_moves_with_its_dates(qtbot, chinese, tmp_path: Path) -> None:
    """张三 closed the order, 李四 took its report: ticking 张三's 状态 ticks his 结案日期 and
    整改报告日期 too, and the combination is his closed order whole — never a closed order without
    a closing date carrying 李四's report date."""
    store = two_sides(tmp_path, zhang_closes, li_takes_report)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    _select(dlg, "rectification")
    items = _tick_items(dlg)
    assert set(items) == {"状态", "整改报告日期", "结案日期"}
    items["状态"].setCheckState(Qt.CheckState.Checked)
    assert all(i.checkState() == Qt.CheckState.Checked for i in items.values())
    assert "整改进展" in dlg.group_note.text() and "结案日期" in dlg.group_note.text()
    items["结案日期"].setCheckState(Qt.CheckState.Unchecked)  # unticking one unticks them all
    assert all(i.checkState() == Qt.CheckState.Unchecked for i in items.values())
    assert not dlg.combine_button.isEnabled()
    items["状态"].setCheckState(Qt.CheckState.Checked)
    dlg.combine_button.click()
    assert rectification_row(store)[:3] == ("closed", "2024-04-01", None)
    assert "rectification" not in [c["kind"] for c in xs.open_conflicts(store)]


def test_the_core_takes_a_group_whole_when_one_field_is_named(tmp_path: Path) -> None:
    store = two_sides(tmp_path, zhang_closes, li_takes_report)
    (conflict,) = [c for c in xs.open_conflicts(store) if c["kind"] == "rectification"]
    resolve_conflict(store, conflict["id"], fields_from_other=["status"])
    assert rectification_row(store)[:3] == ("closed", "2024-04-01", None)


def _zhang_moves_the_order(store) -> None:
    """张三 corrected the order's date to 2024-03-10 (its deadlines with it)."""
    rect = order(store)
    rect.ordered_on, rect.deadline, rect.recheck_due = "2024-03-10", "2024-05-09", "2024-05-24"
    update_record(store, rect)


def test_a_combination_that_breaks_a_save_rule_is_refused_and_nothing_written(
        qtbot, chinese, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """张三's later order date with 李四's report of 2024-03-01: a report before its order. The
    dialog says so in Chinese, keeps the ticks, and the database and the conflict stay."""
    from exchange_fixtures import dump
    from PySide6.QtWidgets import QMessageBox

    store = two_sides(tmp_path, _zhang_moves_the_order, li_takes_report)
    before = dump(store)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: said.append(f"{title}|{text}"))
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    _select(dlg, "rectification")
    items = _tick_items(dlg)
    items["下达日期"].setCheckState(Qt.CheckState.Checked)
    assert items["整改期限"].checkState() == Qt.CheckState.Checked  # the dates move together
    dlg.combine_button.click()
    assert len(said) == 1 and said[0].startswith("不能合并|不能这样合并")
    assert "整改报告日期不能早于下达日期" in said[0] and "数据没有任何改动" in said[0]
    assert dump(store) == before
    assert _tick_items(dlg)["下达日期"].checkState() == Qt.CheckState.Checked
    (conflict,) = [c for c in xs.open_conflicts(store) if c["kind"] == "rectification"]
    with pytest.raises(CombinationRefused, match="整改报告日期不能早于下达日期"):
        resolve_conflict(store, conflict["id"], fields_from_other=["ordered_on"])
    assert dump(store) == before
    # keeping or taking a whole version is still possible
    resolve_conflict(store, conflict["id"], take_incoming=True)
    assert rectification_row(store) == ("open", None, None, "2024-03-10")


def test_a_problem_both_versions_have_does_not_block_a_combination(tmp_path: Path) -> None:
    """The demo visit has one inspector for a spot check on both sides; combining its summary
    is no worse than keeping either version."""
    def summary(text: str):
        def edit(store) -> None:
            v = visit(store)
            v.summary = text
            update_record(store, v)
        return edit

    store = two_sides(tmp_path, summary("张三改"), summary("李四改"))
    (conflict,) = xs.open_conflicts(store)
    resolve_conflict(store, conflict["id"], fields_from_other=["summary"])
    assert visit(store).summary == "张三改"


def test_a_visit_combination_is_checked_like_a_visit_save(tmp_path: Path) -> None:
    """张三 made the visit a quality assistance visit on his own; 李四 kept it a spot check and
    added himself. 李四's spot check with 张三's inspectors (one) is refused, as the visit
    editor refuses it."""
    li_uuid: list[str] = []

    def zhang(store) -> None:
        v = visit(store)
        v.kind = "assistance"
        update_record(store, v)

    def li(store) -> None:
        v = visit(store)
        li_uuid.append(store.author)
        v.inspectors = [*v.inspectors, store.author]
        update_record(store, v)

    store = two_sides(tmp_path, zhang, li)
    (conflict,) = xs.open_conflicts(store)
    with pytest.raises(CombinationRefused, match="监督抽查须由至少两名执法人员实施，当前选择了1名"):
        resolve_conflict(store, conflict["id"], fields_from_other=["inspectors"])
    assert visit(store).inspectors[-1] == li_uuid[0] and len(xs.open_conflicts(store)) == 1
    resolve_conflict(store, conflict["id"], fields_from_other=["kind", "inspectors"])
    assert (visit(store).kind, len(visit(store).inspectors)) == ("assistance", 1)


def _zhang_dates_the_order_ahead(store) -> None:  # noqa: ANN001
    """张三's copy dates the order a month ahead (his laptop clock was wrong; an import keeps it)."""
    from datetime import date, timedelta

    day = date.today() + timedelta(days=30)
    rect = order(store)
    rect.ordered_on, rect.deadline = day.isoformat(), (day + timedelta(days=60)).isoformat()
    rect.recheck_due = (day + timedelta(days=75)).isoformat()
    update_record(store, rect)


def _li_words_the_requirement(store) -> None:  # noqa: ANN001
    rect = order(store)
    rect.requirement = "更换不合格标签并召回已售产品"
    update_record(store, rect)


def test_a_combination_dated_in_the_future_is_refused_as_the_order_dialog_refuses_it(
        qtbot, chinese, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """李四's wording with 张三's order date, which lies a month ahead: refused with the words the
    order dialog uses for a future order date, nothing written; taking 张三's whole version (as
    the import did) stays possible."""
    from datetime import date, timedelta

    from exchange_fixtures import dump
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.models.messages import ValidationFailed
    from qcdesk.models.rectifications import order_rectification

    store = two_sides(tmp_path, _zhang_dates_the_order_ahead, _li_words_the_requirement)
    ahead = (date.today() + timedelta(days=30)).isoformat()
    with pytest.raises(ValidationFailed) as saved:  # what the order dialog says for that date
        order_rectification(store, visit=visit(store), requirement="整改标签标识", ordered_on=ahead,
                            rule_set="samr18")
    order_dialog_says = saved.value.text()
    assert order_dialog_says.startswith(f"下达日期 {ahead} 晚于今天")
    before = dump(store)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: said.append(f"{title}|{text}"))
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    _select(dlg, "rectification")
    _tick_items(dlg)["下达日期"].setCheckState(Qt.CheckState.Checked)
    dlg.combine_button.click()
    assert len(said) == 1 and said[0].startswith("不能合并|不能这样合并")
    assert order_dialog_says in said[0] and "数据没有任何改动" in said[0]
    assert dump(store) == before
    (conflict,) = [c for c in xs.open_conflicts(store) if c["kind"] == "rectification"]
    with pytest.raises(CombinationRefused, match="晚于今天"):
        resolve_conflict(store, conflict["id"], fields_from_other=["ordered_on"])
    assert dump(store) == before
    resolve_conflict(store, conflict["id"], fields_from_other=["requirement"])  # today's dates
    assert rectification_row(store)[3] == "2024-01-16"
