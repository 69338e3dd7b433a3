"""A hand-edited sheet with a value SQLite cannot hold (a lone surrogate written as _xD800_, an
integer beyond 64 bits) is refused with a message, and nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import edit_cells, export_to, populate

from qcdesk.exchange.importer import merge_workbook
from qcdesk.exchange.workbook import SheetFormatError
from qcdesk.models.store import Store

SIGNER = "D4D4D4D4D4D4D4D4"


@pytest.mark.parametrize("edit", [{(2, "备注"): "_xD800_"}, {(2, "版本"): 9223372036854775807}])
def test_an_unstorable_value_is_refused_and_nothing_imported(tmp_path: Path, edit: dict) -> None:
    source = Store.open(tmp_path / "laptop.db")
    populate(source, 2, 1)
    path = tmp_path / "data.xlsx"
    export_to(source, path, SIGNER)
    source.close()
    edit_cells(path, "企业", {**edit, (2, "内容哈希"): None})
    store = Store.open(tmp_path / "county.db")
    with pytest.raises(SheetFormatError, match="无法存入数据库"):
        merge_workbook(store, path, signer=SIGNER)
    assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0
    store.close()
