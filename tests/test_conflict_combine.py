"""A county clerk combines two versions of a record field by field: 李四's address with 张三's
phone. The result settles the conflict everywhere, like keeping one version does."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import merge
from PySide6.QtCore import Qt
from test_exchange_gui_review import _enterprise_conflict

from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.models import exchange_store as xs
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
