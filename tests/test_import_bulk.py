"""The import's fast paths give the very database the general paths give.

- Records new to the database are written a chunk at a time (importer._insert_new); the
  row-by-row path is the reference.
- Insert triggers the import recognises are set aside and replayed once per batch
  (models/bulk_insert.py); SQLite firing them row by row (the staged path) is the reference.
- Rows are checked a column at a time (exchange/sheet_feed.prepare), and the first bad row is
  the one reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import (
    dump,
    edit_cells,
    everything,
    export_to,
    in_chunks_of,
    populate,
    replayed_tables,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qcdesk.exchange import importer
from qcdesk.exchange.importer import merge_workbook
from qcdesk.exchange.workbook import SPECS, SheetFormatError
from qcdesk.models import audit, bulk_insert, merge_writer
from qcdesk.models import exchange_store as xs
from qcdesk.models.audit_bulk import adopted_inserts
from qcdesk.models.codes import half_width
from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Sample, Visit
from qcdesk.models.search_text import FIELD_BREAK, tokens
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"


def _source(tmp_path: Path) -> tuple[Path, Path]:
    """Two spreadsheets from one inspector: everything, then a few changes since."""
    store = Store.open(tmp_path / "source.db", author="inspector")
    populate(store, n_enterprises=4, visits_each=3)
    with store.db.atomic():  # passes and fails on spot checks: spot_month has work to do
        for i, row in enumerate(store.db.query("SELECT * FROM sample ORDER BY id")):
            sample = Sample.from_row(row)
            sample.result = "pass" if i % 3 else "fail"
            update_record(store, sample)
        enterprise_id = store.db.execute("SELECT min(id) FROM enterprise").fetchone()[0]
        insert_record(store, Visit(enterprise_id=enterprise_id, visit_date="2024-06-01",
                                   kind="routine", summary="复查", status="planned"))
    first = tmp_path / "first.xlsx"
    export_to(store, first, SIGNER)
    with store.db.atomic():
        for row in store.db.query("SELECT * FROM visit ORDER BY id LIMIT 2"):
            visit = Visit.from_row(row)
            visit.summary = "复查后补充"
            update_record(store, visit)
        visit_id = store.db.execute("SELECT max(id) FROM visit").fetchone()[0]
        insert_record(store, Sample(visit_id=visit_id, product_name="青砖茶", result="pass"))
    second = tmp_path / "second.xlsx"
    export_to(store, second, SIGNER, full=False)
    store.close()
    return first, second


def _import_both(tmp_path: Path, name: str, sheets: tuple[Path, ...]) -> dict[str, Any]:
    store = Store.open(tmp_path / f"{name}.db", author="county")
    for sheet in sheets:
        merge_workbook(store, sheet, signer=SIGNER)
    assert audit.verify(store).ok
    found = everything(store)
    store.close()
    return found


def test_replayed_insert_triggers_leave_what_firing_them_leaves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheets = _source(tmp_path)
    replayed = replayed_tables(monkeypatch)
    fast = _import_both(tmp_path, "replayed", sheets)
    assert {"enterprise", "visit", "sample", "finding", "rectification"} <= set(replayed)
    monkeypatch.setattr(bulk_insert, "known_replays", dict)  # nothing recognised: SQLite fires
    replayed.clear()
    slow = _import_both(tmp_path, "fired", sheets)
    assert replayed == []
    assert fast == slow
    assert fast["spot_month"] and fast["risk_dirty"] and fast["exchange_log"]


def test_every_insert_trigger_of_a_new_database_is_recognised(tmp_path: Path) -> None:
    """Fails when a migration changes one of them: update bulk_insert.known_replays with it
    (the import would otherwise take the slow staged path for that table)."""
    store = Store.open(tmp_path / "fresh.db")
    tables = [s.table for s in SPECS]
    with store.db.atomic():  # as an import sets up its transaction
        xs.ensure_change_triggers(store)  # every kind is logged
        with adopted_inserts(store, tables, "test", adopt=False), \
                bulk_insert.insert_triggers_replayed(store, tables) as replay:
            assert [t for t in tables if not replay.direct(t)] == []
            assert [t for t in tables if not replay.replays(t)] == []
            left = store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE "
                "'%AFTER INSERT ON%' AND tbl_name IN (SELECT value FROM json_each(?))",
                [json.dumps(tables)]).fetchall()
            assert left == []
    assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'spot_sample_ins'"
                            ).fetchone()[0] == 1
    store.close()


def test_a_trigger_it_does_not_know_keeps_firing_row_by_row(tmp_path: Path) -> None:
    first, _second = _source(tmp_path)
    store = Store.open(tmp_path / "other.db", author="county")
    store.db.execute("CREATE TABLE visit_tally (visit_uuid TEXT)")
    store.db.execute("CREATE TRIGGER tally_visit AFTER INSERT ON visit BEGIN "
                     "INSERT INTO visit_tally VALUES (NEW.uuid); END")
    result = merge_workbook(store, first, signer=SIGNER)
    tallied = [r[0] for r in store.db.execute("SELECT visit_uuid FROM visit_tally")]
    assert len(tallied) == result.counts["visit"]["new"] == 13
    assert sorted(tallied) == sorted(r[0] for r in store.db.execute("SELECT uuid FROM visit"))
    # its own triggers fired as well (the table went the staged way as a whole)
    assert store.db.execute("SELECT count(DISTINCT record_id) FROM exchange_log "
                            "WHERE kind = 'visit'").fetchone()[0] == 13
    store.close()


def test_whole_chunks_of_new_records_give_what_row_by_row_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheets = _source(tmp_path)
    # small chunks: forward links (a visit's rectification) cross chunk boundaries
    monkeypatch.setattr(importer, "fed_chunks", in_chunks_of(2, importer.fed_chunks))
    taken: list[bool] = []
    real = importer._insert_new

    def spy(*args: Any) -> bool:
        taken.append(real(*args))
        return taken[-1]

    monkeypatch.setattr(importer, "_insert_new", spy)
    fast = _import_both(tmp_path, "chunks", sheets)
    assert any(taken)
    monkeypatch.setattr(merge_writer.MergeWriter, "all_new", lambda *_args: False)
    taken.clear()
    slow = _import_both(tmp_path, "rows", sheets)
    assert not any(taken)
    assert fast == slow


def test_a_missing_parent_is_named_the_same_on_both_paths(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _second = _source(tmp_path)
    edit_cells(first, "抽样", {(3, "检查记录ID"): "00000000-0000-4000-8000-000000000000",
                              (3, "内容哈希"): None})  # an edit by hand: no stated hash
    messages = []
    for all_new in (merge_writer.MergeWriter.all_new, lambda *_args: False):
        monkeypatch.setattr(merge_writer.MergeWriter, "all_new", all_new)
        store = Store.memory("county")
        with pytest.raises(SheetFormatError) as caught:
            merge_workbook(store, first, signer=SIGNER)
        messages.append(str(caught.value))
        assert store.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 0
    assert messages[0] == messages[1]
    assert "00000000-0000-4000-8000-000000000000" in messages[0]


BAD_HASH = "0123456789abcdef"


@pytest.mark.parametrize("edits, expected", [
    ({(4, "版本"): None, (4, "内容哈希"): None, (3, "内容哈希"): BAD_HASH}, "抽样!3: 内容哈希不符"),
    ({(3, "版本"): None, (3, "内容哈希"): None, (4, "内容哈希"): BAD_HASH}, "抽样!3: 版本 为空"),
    ({(3, "版本"): None, (3, "内容哈希"): BAD_HASH}, "抽样!3: 版本 为空"),
], ids=["hash-first", "missing-first", "same-row"])
def test_the_first_bad_row_is_the_one_reported(tmp_path: Path, edits: dict[Any, Any],
                                               expected: str) -> None:
    first, _second = _source(tmp_path)
    edit_cells(first, "抽样", edits)
    store = Store.memory("county")
    with pytest.raises(SheetFormatError, match=expected):
        merge_workbook(store, first, signer=SIGNER)
    assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(st.none(), st.text()), max_size=4))
@example(texts=["Ａ"])  # full-width, once found at random
def test_search_tokens_are_the_alphanumeric_characters_one_by_one(texts: list[str | None]
                                                                  ) -> None:
    """The index form found with a regular expression is the character-by-character rule."""
    expected: list[str] = []
    for text in texts:
        if text:
            # full-width letters and digits (an input method's full-width mode) index as ASCII
            expected += [ch for ch in half_width(text).lower() if ch.isalnum()] + [FIELD_BREAK]
    assert tokens(*texts) == " ".join(expected)


def test_search_tokens_of_chinese_and_mixed_text() -> None:
    assert tokens("咸宁 青砖茶_2kg", "", None, "Ⅻ½²") == "咸 宁 青 砖 茶 2 k g brk ⅻ ½ ² brk"


def _signed_package(tmp_path: Path) -> tuple[Path, Any]:
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key

    key = generate_secret_key()
    source = Store.open(tmp_path / "laptop.db")
    populate(source, 2, 2)
    (tmp_path / "out").mkdir()
    package = export_package(source, tmp_path / "out", key, signer_name="张三",
                             jurisdiction="421202", role="inspector", full=True)
    source.close()
    return package, key.public_key


def test_the_sheets_are_parsed_while_the_safety_copies_are_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.exchange.trust import StaticTrust
    from qcdesk.models import backup

    package, public_key = _signed_package(tmp_path)
    events: list[str] = []
    readings: list[Any] = []
    real_start, real_snapshot = importer.start_reading, backup.snapshot_before_import

    def start(path: Path) -> Any:
        readings.append(real_start(path))
        events.append("parse")
        return readings[-1]

    def snapshot(store: Store) -> Any:
        events.append("snapshot")
        return real_snapshot(store)

    monkeypatch.setattr(importer, "start_reading", start)
    monkeypatch.setattr(backup, "snapshot_before_import", snapshot)
    store = Store.open(tmp_path / "county.db")
    result = importer.import_package(store, package, trust=StaticTrust.of([public_key]))
    assert events == ["parse", "snapshot"] and result.counts["visit"]["new"] == 4
    assert not readings[0]._ahead._thread.is_alive()
    # a failure before the merge (the received copy cannot be kept) stops the parse as well
    # (a budget of one row keeps the helper waiting until it is stopped)
    from qcdesk.exchange import sheet_reader

    monkeypatch.setattr(sheet_reader, "AHEAD_ROWS", 1)
    before = dump(store)
    monkeypatch.setattr(importer, "keep_received",
                        lambda *_a: (_ for _ in ()).throw(OSError(28, "No space left")))
    other = Store.open(tmp_path / "other.db")
    with pytest.raises(OSError):
        importer.import_package(other, package, trust=StaticTrust.of([public_key]))
    assert not readings[-1]._ahead._thread.is_alive()
    assert dump(other)["visit"] == {}
    assert dump(store) == before
    store.close()
    other.close()
