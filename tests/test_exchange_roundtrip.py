"""Export -> spreadsheet -> import into an empty database reproduces every field exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from exchange_fixtures import dump, export_to, merge, populate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qcdesk.models.persistence import update_record
from qcdesk.models.records import Sample
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["", " ", "   ", "\t", "=1+1", "+cmd|' /C calc'!A0", "-1", "@SUM(A1)",
                     "＝１＋１", "＋", "－", "＠", "\r\n", "\x00\x01\x1b", "_x0041_", "_xFFFE_",
                     "\ufffe\uffff", "😀👍🏽", "a" * 32768, "甲" * 40000 + "😀" * 20000]),
)


def _check_same(a: Store, b: Store) -> None:
    da, db_ = dump(a), dump(b)
    for kind, rows in da.items():
        if kind == "conflicts":
            continue
        assert rows.keys() == db_[kind].keys(), kind
        for uuid, row in rows.items():
            other = db_[kind][uuid]
            for col, value in row.items():
                if col == "origin":
                    assert other[col] in (value, SIGNER)
                else:
                    assert other[col] == value, (kind, col)
                    assert type(other[col]) is type(value), (kind, col)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE, other=HOSTILE)
def test_hostile_text_roundtrips_field_for_field(text: str, other: str) -> None:
    a = Store.memory("作者A")
    populate(a, n_enterprises=1, visits_each=1, text=text)
    with a.db.atomic():
        s = Sample.from_row(next(a.db.query("SELECT * FROM sample")))
        s.spec_model, s.production_date, s.batch_no = other, other, "007"
        update_record(a, s)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.xlsx"
        export_to(a, path, SIGNER)
        b = Store.memory("作者B")
        result = merge(b, path, SIGNER)
        assert result.counts["sample"]["new"] == 1
        _check_same(a, b)


def test_nullable_empty_string_and_odd_dates_survive(tmp_path: Path) -> None:
    a = Store.memory()
    populate(a, 1, 1)
    with a.db.atomic():
        a.db.execute("UPDATE sample SET production_date = '', sampled_on = '2024-02-30', "
                     "result_notified_on = NULL, lot_size = '00120'")
        a.db.execute("UPDATE licence SET issued_on = NULL")
    export_to(a, tmp_path / "x.xlsx", SIGNER)
    b = Store.memory()
    merge(b, tmp_path / "x.xlsx", SIGNER)
    row = next(b.db.query("SELECT * FROM sample"))
    assert row["production_date"] == "" and row["sampled_on"] == "2024-02-30"
    assert row["result_notified_on"] is None and row["lot_size"] == "00120"
    _check_same(a, b)


def test_rows_beyond_sheet_limit_continue(tmp_path: Path) -> None:
    from qcdesk.exchange.export import plan_export, write_workbook

    a = Store.memory()
    populate(a, 2, 3)
    write_workbook(a, tmp_path / "x.xlsx", plan_export(a, SIGNER, full=True), {}, max_rows=2)
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(tmp_path / "x.xlsx")).sheet_names
    assert "检查记录(3)" in names and names.index("检查记录(3)") < names.index("抽样")
    b = Store.memory()
    merge(b, tmp_path / "x.xlsx", SIGNER)
    _check_same(a, b)
