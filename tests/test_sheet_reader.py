"""The chunked, column-wise reader gives exactly what the row-by-row reader gives (the one a
sheet with continued long texts still uses), cell for cell and type for type."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import edit_cells, export_to, populate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from qcdesk.exchange import sheet_reader
from qcdesk.exchange.sheet_reader import SheetRow, _read_sheet, read_rows
from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Sample
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"
ODD = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["", " ", "_x0041_", "_x005F_x0041_", "=1+1", "2024-13-01", "2024-02-29",
                     "12:30:00", "1.5", "007", "\x00\x01"]),
)


def _rows_both_ways(path: Path) -> tuple[list[tuple], list[tuple]]:
    """Every data row through the chunked path, and through the row-by-row path."""
    def key(r: SheetRow) -> tuple:
        return (r.spec.table, r.uuid, r.data, tuple(map(type, r.data)), r.lineage, r.where)

    fast = [key(r) for r in read_rows(path)]
    book = CalamineWorkbook.from_path(str(path))
    plain: list[tuple] = []
    for name in book.sheet_names:
        spec = next((s for s in SPEC_BY_TABLE.values() if s.sheet == name), None)
        if spec is None:
            continue
        # an overflow entry for a row that does not exist sends the sheet down the plain path
        overflow = {(name, 10**9, 1): "unused"}
        plain += [key(r) for chunk in _read_sheet(book.get_sheet_by_name(name), name, spec,
                                                    overflow) for r in chunk]
    return fast, plain


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ODD, other=ODD, third=ODD)
def test_chunked_reader_equals_row_by_row_reader(text: str, other: str, third: str,
                                                 tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    store = Store.memory("作者A")
    populate(store, n_enterprises=2, visits_each=2, text=text)
    with store.db.atomic():
        for i, row in enumerate(store.db.query("SELECT * FROM sample ORDER BY id")):
            s = Sample.from_row(row)
            s.spec_model, s.production_date, s.batch_no = other, third if i % 2 else None, ""
            update_record(store, s)
    path = tmp_path_factory.mktemp("sheets") / "x.xlsx"
    export_to(store, path, SIGNER)
    fast, plain = _rows_both_ways(path)
    assert fast == plain
    assert len(fast) == sum(store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                            for t in SPEC_BY_TABLE)


def test_rows_across_chunk_boundaries_keep_their_numbers(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_reader, "CHUNK_ROWS", 3)
    store = Store.memory("作者A")
    populate(store, n_enterprises=3, visits_each=3, text="_x0041_ 与 空")
    path = tmp_path / "x.xlsx"
    export_to(store, path, SIGNER)
    fast, plain = _rows_both_ways(path)
    assert fast == plain
    visits = [r for r in fast if r[0] == "visit"]
    assert [r[-1] for r in visits] == [f"检查记录!{n}" for n in range(2, 11)]


def test_a_number_typed_into_a_text_column_is_hashed_the_standard_way(tmp_path: Path) -> None:
    """A person typed 0.00001 into 备注 and cleared the hash: the version id the import
    stores is the one the standard encoder gives ('1e-05'), not a faster encoder's spelling."""
    from qcdesk.exchange.importer import merge_workbook
    from qcdesk.exchange.merge import content_hash

    store = Store.memory("作者A")
    populate(store, n_enterprises=1, visits_each=1)
    path = tmp_path / "x.xlsx"
    export_to(store, path, SIGNER)
    edit_cells(path, "企业", {(2, "备注"): 0.00001, (2, "内容哈希"): None})
    rows = [r for r in read_rows(path) if r.spec.table == "enterprise"]
    assert rows[0].floats and rows[0].values["notes"] == 0.00001
    target = Store.memory("作者B")
    merge_workbook(target, path, signer=SIGNER)
    head = target.db.execute("SELECT head FROM exchange_lineage WHERE kind = 'enterprise'"
                             ).fetchone()[0]
    spec = SPEC_BY_TABLE["enterprise"]
    assert head.split("-", 1)[1] == content_hash(spec, {"uuid": rows[0].uuid, **rows[0].values})


def _exported(tmp_path: Path) -> Path:
    store = Store.memory("作者A")
    populate(store, n_enterprises=2, visits_each=2)
    path = tmp_path / "x.xlsx"
    export_to(store, path, SIGNER)
    return path


def _wait_for(condition: Any, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True


def test_small_sheets_do_not_hold_back_the_parse_of_the_big_one(tmp_path: Path) -> None:
    """Counted in rows, the helper runs past the small first sheets to the visits while the
    reader is still on sheet one."""
    path = _exported(tmp_path)
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    ahead = sheet_reader._ParseAhead(path, names)
    try:
        assert _wait_for(lambda: len(ahead._parsed) == len(names))  # nothing taken yet
        assert ahead.take(0).height >= 1
    finally:
        ahead.close()


def test_parsing_ahead_stops_at_its_budget_and_errors_reach_the_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _exported(tmp_path)
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    monkeypatch.setattr(sheet_reader, "AHEAD_ROWS", 1)
    ahead = sheet_reader._ParseAhead(path, [*names[:3], "没有这张表"])
    try:
        assert _wait_for(lambda: 0 in ahead._parsed)
        time.sleep(0.3)
        assert sorted(ahead._parsed) == [0]  # holding a sheet of rows: no further
        for i in range(3):
            ahead.take(i)
        with pytest.raises(Exception, match="没有这张表"):
            ahead.take(3)
    finally:
        ahead.close()
    # closing while the helper waits for room ends it
    ahead = sheet_reader._ParseAhead(path, names)
    assert _wait_for(lambda: 0 in ahead._parsed)
    ahead.close()
    assert not ahead._thread.is_alive()
