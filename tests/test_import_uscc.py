"""Two enterprises with one USCC in one package: the second becomes a conflict to resolve,
also when the first one's USCC cell was typed as a number (SQLite stores its own text)."""

from __future__ import annotations

from pathlib import Path

from exchange_fixtures import edit_cells, export_to, populate

from qcdesk.exchange.importer import merge_workbook
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"


def test_numeric_uscc_twin_in_the_same_batch_is_a_conflict_not_a_crash(tmp_path: Path) -> None:
    store = Store.memory("作者A")
    populate(store, n_enterprises=2, visits_each=1)
    path = tmp_path / "x.xlsx"
    export_to(store, path, SIGNER)
    edit_cells(path, "企业", {(2, "统一社会信用代码"): 1e16,  # a person typed it as a number
                             (3, "统一社会信用代码"): "1.0e+16",  # SQLite's text of that number
                             (2, "内容哈希"): None, (3, "内容哈希"): None})
    target = Store.memory("作者B")
    result = merge_workbook(target, path, signer=SIGNER)
    assert result.counts["enterprise"] == {"new": 1, "updated": 0, "unchanged": 0,
                                           "conflicting": 1}
    assert [c["reason"] for c in result.conflicts] == ["duplicate_uscc"]
    assert target.db.execute("SELECT uscc FROM enterprise WHERE deleted_at IS NULL"
                             ).fetchall() == [("1.0e+16",)]
