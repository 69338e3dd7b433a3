"""The history of a record written in bulk (the demo, an imported package or list) has no line
of its own: the dialog said both 该记录与审计记录一致 and 没有修改记录（该记录早于审计功能）, which
contradict each other — the record is in the audit trail, by the bulk write's baseline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLabel

from qcdesk.models.demo import build_demo
from qcdesk.models.store import Store
from qcdesk.ui.history_dialog import HistoryDialog


def test_a_bulk_written_record_says_how_it_came_without_contradiction(qtbot, tmp_path: Path,  # noqa: ANN001
                                                                      chinese) -> None:  # noqa: ANN001
    db = build_demo(tmp_path / "demo.db", seed=2, today=date(2026, 11, 30), enterprises=20, visits=100)
    store = Store.open(db)
    try:
        uuid = store.db.execute("SELECT uuid FROM enterprise ORDER BY id LIMIT 1").fetchone()[0]
        dialog = HistoryDialog(store, "enterprise", uuid)
        qtbot.addWidget(dialog)
        assert dialog.lines == []
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "该记录与审计记录一致。" in texts
        assert not any("早于审计功能" in t for t in texts), texts
        assert any(t.startswith("没有逐条的修改记录：该记录是批量写入的") for t in texts), texts
    finally:
        store.close()
