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


def test_dates_before_excel_s_1900_03_01_arrive_as_stored(tmp_path: Path) -> None:
    """A placeholder 1900-01-01 (a ledger's blank typed as a date) must reach the city as
    1900-01-01: Excel's fictitious 1900-02-29 made its serial read back a day late (1900-01-02),
    and the import refused the whole workbook (内容哈希不符)."""
    a = Store.memory()
    populate(a, 1, 1)
    with a.db.atomic():
        a.db.execute("UPDATE rectification SET ordered_on = '1900-01-01', deadline = '1900-02-28', "
                     "recheck_due = '1900-03-01'")
        a.db.execute("UPDATE sample SET sampled_on = '1899-12-31'")
    export_to(a, tmp_path / "x.xlsx", SIGNER)
    b = Store.memory()
    merge(b, tmp_path / "x.xlsx", SIGNER)
    assert b.db.execute("SELECT ordered_on, deadline, recheck_due FROM rectification").fetchone() == (
        "1900-01-01", "1900-02-28", "1900-03-01")
    assert b.db.execute("SELECT sampled_on FROM sample").fetchone()[0] == "1899-12-31"
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


def _insert(store: Store, table: str, **values: object) -> int:
    row = {**store.stamp(), **values}
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    return int(store.db.execute(sql, list(row.values())).lastrowid)


def test_other_areas_records_roundtrip_field_for_field(tmp_path: Path) -> None:
    """更正记录, 抽查摇号 (with a ~2 MB pool snapshot through 长文本续), 示范区项目, 回避."""
    import json

    a = Store.memory("作者A")
    populate(a, 2, 1)
    with a.db.atomic():
        visit_id, visit_uuid = a.db.execute("SELECT id, uuid FROM visit ORDER BY id").fetchone()
        ents = [r[0] for r in a.db.execute("SELECT uuid FROM enterprise ORDER BY id")]
        ent_id = a.db.execute("SELECT id FROM enterprise ORDER BY id").fetchone()[0]
        insp_id = a.db.execute("SELECT id FROM inspector").fetchone()[0]
        _insert(a, "amendment", visit_id=visit_id, visit_uuid=visit_uuid, visit_revision=2,
                package_id="421221_张三_000001_20261129.qcpkg.zip", reason="化验结果补录 =1+1",
                changes=json.dumps({"summary": ["旧", "新\r\n"]}, ensure_ascii=False))
        snapshot = json.dumps([{"uuid": f"{i:032d}", "name": "咸宁砖茶厂" * 3, "class": "A"}
                               for i in range(20000)], ensure_ascii=False)
        assert len(snapshot) > 1_500_000
        _insert(a, "draw_record", drawn_at="2026-11-29T10:00:00.123456Z", as_of="2026-11-01",
                seed="0042", algorithm="sha256-rank/1", parameters='{"ratio": "5%"}',
                pool_hash="ab" * 32, pool_size=20000, pool_snapshot=snapshot,
                selection=json.dumps(ents), operator="张三", witnesses='["李四"]', committed=1)
        _insert(a, "demonstration_zone", name="咸安区砖茶质量提升示范区", jurisdiction_code="421202",
                lead_industry="茶叶", members=json.dumps(ents), milestones="[]", notes="")
        _insert(a, "recusal", inspector_id=insp_id, enterprise_id=ent_id, reason="亲属关系")
    export_to(a, tmp_path / "x.xlsx", SIGNER)
    b = Store.memory("作者B")
    result = merge(b, tmp_path / "x.xlsx", SIGNER)
    for kind in ("amendment", "draw_record", "demonstration_zone", "recusal"):
        assert result.counts[kind]["new"] == 1, kind
    _check_same(a, b)
    assert b.db.execute("SELECT pool_snapshot FROM draw_record").fetchone()[0] == snapshot
    # imported: unchanged the second time
    again = merge(b, tmp_path / "x.xlsx", SIGNER)
    assert again.counts["draw_record"]["unchanged"] == 1
