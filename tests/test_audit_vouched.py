"""An import's baseline takes the audit digests its writer computed from the values it bound,
and reads back exactly the rows where those might differ from what SQLite stored. `audit
verify` digests what is stored: it is the judge of every case here."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import edit_cells, export_to, populate

from qcdesk.exchange.importer import merge_workbook
from qcdesk.models import audit, audit_digests
from qcdesk.models.store import Store

SIGNER = "B2B2B2B2B2B2B2B2"


@pytest.fixture()
def read_back(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every row the baseline reads back to digest (the rest it took from the writer)."""
    rows: list[dict] = []
    real = audit_digests.row_digest

    def spy(values: dict) -> int:
        rows.append(values)
        return real(values)

    monkeypatch.setattr(audit_digests, "row_digest", spy)
    return rows


def package(tmp_path: Path, edits: dict | None = None) -> Path:
    source = Store.open(tmp_path / "source.db", author="检查员甲")
    populate(source, n_enterprises=3, visits_each=2)
    path = tmp_path / "data.xlsx"
    export_to(source, path, SIGNER)
    source.close()
    if edits:
        edit_cells(path, "企业", edits)
    return path


def test_rows_are_not_read_back_except_those_written_again(tmp_path: Path,
                                                            read_back: list[dict]) -> None:
    path = package(tmp_path)
    store = Store.open(tmp_path / "county.db", author="县局")
    read_back.clear()  # opening a database adopts its seeded rows (industries)
    result = merge_workbook(store, path, signer=SIGNER)
    assert result.counts["visit"]["new"] == 6
    # a visit names its rectification, which comes later in the file: the link is filled in
    # after the insert, so those six rows (and only they) are digested as stored
    assert len(read_back) == 6 and all(r["rectification_id"] is not None for r in read_back)
    assert {len(r) for r in read_back} == {len(audit.record_tables(store.db)["visit"])}
    report = audit.verify(store)
    assert report.ok, report.text("en")
    store.close()


def test_a_number_typed_into_a_text_column_is_digested_as_sqlite_stored_it(
        tmp_path: Path, read_back: list[dict]) -> None:
    path = package(tmp_path, {(2, "备注"): 12345.5, (2, "内容哈希"): None,
                              (3, "企业名称"): True, (3, "内容哈希"): None})
    store = Store.open(tmp_path / "county.db", author="县局")
    read_back.clear()
    merge_workbook(store, path, signer=SIGNER)
    notes = store.db.execute("SELECT notes FROM enterprise ORDER BY id").fetchall()
    assert ("12345.5",) in notes  # SQLite's text of the number, not what the writer bound
    # the enterprises' batch had values SQLite converts: all three were read back
    assert len([r for r in read_back if "uscc" in r]) == 3
    report = audit.verify(store)
    assert report.ok, report.text("en")
    store.close()


@pytest.mark.parametrize("update", ["UPDATE visit", "UPDATE /* 标记 */ visit",
                                    "UPDATE -- 标记\n visit"])
def test_a_trigger_that_writes_into_a_record_table_turns_vouching_off(
        tmp_path: Path, read_back: list[dict], update: str) -> None:
    path = package(tmp_path)
    store = Store.open(tmp_path / "county.db", author="县局")
    read_back.clear()
    # another program's (or a later version's) rule: a sample marks its visit
    store.db.conn.execute("CREATE TEMP TRIGGER mark_visit AFTER INSERT ON sample BEGIN "
                          f"{update} SET summary = summary || '（已抽样）' "
                          "WHERE id = NEW.visit_id; END")
    merge_workbook(store, path, signer=SIGNER)
    assert store.db.execute("SELECT count(*) FROM visit WHERE summary LIKE '%（已抽样）'"
                            ).fetchone()[0] == 6
    assert len(read_back) == store.db.execute(
        "SELECT (SELECT count(*) FROM enterprise) + (SELECT count(*) FROM visit) + "
        "(SELECT count(*) FROM sample) + (SELECT count(*) FROM finding) + "
        "(SELECT count(*) FROM rectification) + (SELECT count(*) FROM inspector)").fetchone()[0]
    report = audit.verify(store)
    assert report.ok, report.text("en")
    store.close()
