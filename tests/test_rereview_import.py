"""Second review of the import's fast-path fixes (commit dcd9a82): holes left in them.

Each test holds the fast path (chunks, replays, vouched digests) to what the general path
(row by row, SQLite firing every trigger, digests read back) gives, or to `audit verify`."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import (
    edit_cells,
    everything,
    exported_sheet,
    replayed_tables,
)

from qcdesk.exchange.importer import merge_workbook
from qcdesk.exchange.workbook import SheetFormatError
from qcdesk.models import audit, audit_bulk, bulk_insert, merge_writer
from qcdesk.models.audit_bulk import triggers_writing_into
from qcdesk.models.store import Store
from qcdesk.models.trigger_reading import fires_on_insert

SIGNER = "A1A1A1A1A1A1A1A1"
def _slow_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge_writer.MergeWriter, "all_new", lambda *_a: False)


def _slow_triggers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_insert, "known_replays", dict)


def _import(db: Path, sheet: Path, setup: Any, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    store = Store.open(db, author="county")
    setup(store)
    merge_workbook(store, sheet, signer=SIGNER)
    found = everything(store, extra)
    store.close()
    return found


# --- 1. triggers_writing_into: a write the pattern does not see ---------------------------

@pytest.mark.parametrize("body, table", [
    ('INSERT INTO"finding"(description) VALUES (NEW.uuid)', "finding"),
    ("INSERT INTO[finding](description) VALUES (NEW.uuid)", "finding"),
    ("INSERT INTO`finding`(description) VALUES (NEW.uuid)", "finding"),
    ('UPDATE"sample"SET result = 1 WHERE id = NEW.id', "sample"),
    ('UPDATE OR IGNORE"sample"SET result = 1 WHERE id = NEW.id', "sample"),
    # a '--' in a string literal (a common "no value" mark) and a comment before the name
    ("INSERT INTO note VALUES ('--'); UPDATE /* fix */ sample SET result = 1 WHERE id = NEW.id",
     "sample"),
], ids=["into-quoted", "into-bracket", "into-backtick", "update-quoted", "update-or-quoted",
        "dashes-in-string-and-comment"])
def test_every_trigger_writing_into_a_record_table_is_found(body: str, table: str) -> None:
    """SQLite needs no space between INTO/UPDATE and a quoted name; the pattern wants one."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE sample (id INTEGER PRIMARY KEY, uuid TEXT, result TEXT)")
    db.execute("CREATE TABLE finding (id INTEGER PRIMARY KEY, description TEXT)")
    db.execute("CREATE TABLE note (t TEXT)")
    db.execute(f"CREATE TRIGGER t AFTER INSERT ON sample BEGIN {body}; END")
    db.execute("INSERT INTO sample (uuid, result) VALUES ('u', 'x')")  # it does write there
    assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1
    assert triggers_writing_into(db, {"sample", "finding"}) == {table}


_AUTO_FINDING = (
    "CREATE TRIGGER auto_finding AFTER INSERT ON sample WHEN NEW.result = 'fail' BEGIN "
    'INSERT INTO"finding"(uuid, created_at, updated_at, visit_id, description) VALUES '
    "('auto-' || NEW.uuid, NEW.created_at, NEW.updated_at, NEW.visit_id, NEW.product_name);"
    " END")


def test_findings_a_user_trigger_inserts_are_logged_when_it_writes_INTO_quoted_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first review's auto_finding trigger, written `INTO"finding"`: finding is set
    aside again and the trigger's findings miss the change log (never sent on)."""
    sheet = exported_sheet(tmp_path, n_enterprises=2, visits_each=2)

    def setup(store: Store) -> None:
        store.db.execute(_AUTO_FINDING)

    fast = _import(tmp_path / "replayed.db", sheet, setup)
    with monkeypatch.context() as m:
        _slow_triggers(m)
        slow = _import(tmp_path / "fired.db", sheet, setup)
    logged = {rid for _seq, kind, rid in fast["exchange_log"] if kind == "finding"}
    assert {rid for rid, _uuid in fast["ids:finding"]} <= logged
    assert fast == slow


def test_audit_verifies_after_a_user_trigger_rewrites_a_row_through_UPDATE_quoted_name(
        tmp_path: Path) -> None:
    """A trigger maps the local code 'hege' (合格) to 'pass' with `UPDATE"sample"SET`: the
    audit trusts the bound value ('hege'), the stored one is 'pass', and verify reports the
    row as changed."""
    sheet = exported_sheet(tmp_path, n_enterprises=1, visits_each=2)
    edit_cells(sheet, "抽样", {(2, "检验结论"): "hege", (2, "内容哈希"): None})
    store = Store.open(tmp_path / "county.db", author="county")
    store.db.execute("CREATE TRIGGER result_words AFTER INSERT ON sample WHEN NEW.result = "
                     "'hege' BEGIN UPDATE\"sample\"SET result = 'pass' WHERE id = NEW.id; END")
    merge_workbook(store, sheet, signer=SIGNER)
    assert store.db.execute("SELECT count(*) FROM sample WHERE result = 'pass'").fetchone()[0] == 1
    assert store.db.execute("SELECT count(*) FROM sample WHERE result = 'hege'").fetchone()[0] == 0
    problems = audit.verify(store).problems
    store.close()
    assert problems == []


# --- 2. fires_on_insert: an insert trigger whose name holds the word BEGIN ---------------

_TALLY = ('CREATE TRIGGER "tally begin" AFTER INSERT ON sample BEGIN INSERT INTO sample_tally '
          "VALUES (NEW.uuid, (SELECT count(*) FROM exchange_log WHERE kind = 'sample')); END")


def _tally(store: Store) -> None:
    store.db.execute("CREATE TABLE sample_tally (uuid TEXT, logged INTEGER)")
    store.db.execute(_TALLY)


def test_an_insert_trigger_named_with_the_word_begin_keeps_its_table_staged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The head is cut at the first word BEGIN, which here is inside the quoted name: the
    trigger is not seen as an insert trigger, sample's known triggers are set aside, and the
    user's trigger fires per row of a direct insert before the replays (it sees no change-log
    rows of the batch; fired by SQLite, it sees the rows before it)."""
    sheet = exported_sheet(tmp_path, n_enterprises=2, visits_each=2)
    fast = _import(tmp_path / "replayed.db", sheet, _tally, ("sample_tally",))
    with monkeypatch.context() as m:
        _slow_triggers(m)
        slow = _import(tmp_path / "fired.db", sheet, _tally, ("sample_tally",))
    assert fast["sample_tally"] == slow["sample_tally"]
    assert fast == slow
    assert fires_on_insert(
        'CREATE TRIGGER "tally begin" AFTER INSERT ON sample BEGIN SELECT 1; END')


# --- 3. a missing parent after rows that fill a batch -------------------------------------

def test_a_missing_parent_after_a_full_batch_reports_what_row_by_row_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """抽样!2 has a revision no database can hold, 抽样!5 names a visit that does not exist.
    Row by row, the rows before 抽样!5 fill a batch (BATCH_ROWS, 5000; 2 here so the case
    stays small) and its write reports the unstorable value; the chunk path only writes what
    is queued for *another* table (`switch_to`) and reports the missing parent. With the real
    sizes: 5000 queued samples, chunks of 2000."""
    monkeypatch.setattr(merge_writer, "BATCH_ROWS", 2)
    sheet = exported_sheet(tmp_path, n_enterprises=1, visits_each=4)
    edit_cells(sheet, "抽样", {(2, "版本"): 10 ** 20, (2, "内容哈希"): None,
                              (5, "检查记录ID"): "00000000-0000-4000-8000-000000000000",
                              (5, "内容哈希"): None})
    errors = []
    for slow in (True, False):
        with monkeypatch.context() as m:
            if slow:
                _slow_rows(m)
            store = Store.open(tmp_path / f"t{slow}.db", author="county")
            with pytest.raises(SheetFormatError) as caught:
                merge_workbook(store, sheet, signer=SIGNER)
            store.close()
        errors.append(str(caught.value))
    assert "a value no database can hold" in errors[0]  # row by row
    assert errors[1] == errors[0]


# --- what holds (kept as regression tests) ------------------------------------------------

@pytest.mark.parametrize("body", [
    "REPLACE INTO finding(description) VALUES (NEW.uuid)",
    'INSERT OR IGNORE INTO "Finding"(description) VALUES (NEW.uuid)',
    "UPDATE OR REPLACE Sample SET result = 1 WHERE id = NEW.id",
], ids=["replace", "or-ignore-quoted-capital", "update-or"])
def test_writes_the_pattern_does_see(body: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE sample (id INTEGER PRIMARY KEY, uuid TEXT, result TEXT)")
    db.execute("CREATE TABLE finding (id INTEGER PRIMARY KEY, description TEXT)")
    db.execute("CREATE TABLE note (t TEXT)")
    db.execute("CREATE VIEW finding_view AS SELECT description FROM finding")
    db.execute("CREATE TRIGGER fv INSTEAD OF INSERT ON finding_view BEGIN "
               "INSERT INTO finding(description) VALUES (NEW.description); END")
    assert triggers_writing_into(db, {"sample", "finding"}) == {"finding"}  # the view's
    db.execute("DROP TRIGGER fv")
    db.execute(f"CREATE TEMP TRIGGER t AFTER INSERT ON main.sample BEGIN {body}; END")
    assert triggers_writing_into(db, {"sample", "finding"})


def test_a_table_named_only_in_a_string_literal_is_not_written() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE sample (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE note (t TEXT)")
    db.execute("CREATE TRIGGER t AFTER INSERT ON sample BEGIN "
               "INSERT INTO note VALUES ('UPDATE sample'); END")
    assert triggers_writing_into(db, {"sample"}) == set()


def test_an_ordinary_import_still_replays_and_vouches(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No false alarm from the schema's own triggers (audit_*, spot_*, risk_*, TEMP mark):
    the speed path and the audit's vouched digests are both taken."""
    sheet = exported_sheet(tmp_path, n_enterprises=2, visits_each=2)
    added: list[tuple[str, bool]] = []
    real_add = audit_bulk.VouchedDigests.add

    def add(self: Any, table: str, names: Any, rows: Any) -> None:
        real_add(self, table, names, rows)
        added.append((table, bool(self._runs.get(table))))

    monkeypatch.setattr(audit_bulk.VouchedDigests, "add", add)
    store = Store.open(tmp_path / "county.db", author="county")
    with store.db.atomic():
        from qcdesk.models import exchange_store as xs
        xs.ensure_change_triggers(store)
    assert triggers_writing_into(store.db.conn, set(audit.record_tables(store.db))) == set()
    replayed = replayed_tables(monkeypatch)
    merge_workbook(store, sheet, signer=SIGNER)
    assert {"enterprise", "visit", "sample", "finding", "rectification"} <= set(replayed)
    assert {t for t, vouched in added if vouched} >= {"enterprise", "visit", "sample"}
    assert audit.verify(store).ok
    store.close()


def test_a_bad_first_row_on_the_enterprise_sheet_and_on_a_long_text_sheet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chunk cut at its first row (no rows, only the error): same message on both paths,
    nothing written; also on a sheet read row by row (a text continued on 长文本续)."""
    long = "很长的备注" * 8000  # > 32767 characters: continued on the overflow sheet
    sheet = exported_sheet(tmp_path, n_enterprises=2, visits_each=2, text=long)
    edit_cells(sheet, "企业", {(2, "版本"): None, (2, "内容哈希"): None})
    edit_cells(sheet, "抽样", {(2, "版本"): None, (2, "内容哈希"): None})
    import openpyxl
    book = openpyxl.load_workbook(sheet, read_only=True)
    assert "长文本续" in book.sheetnames
    book.close()
    errors = []
    for slow in (False, True):
        with monkeypatch.context() as m:
            if slow:
                _slow_rows(m)
                _slow_triggers(m)
            store = Store.open(tmp_path / f"t{slow}.db", author="county")
            with pytest.raises(SheetFormatError) as caught:
                merge_workbook(store, sheet, signer=SIGNER)
            assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0
            store.close()
        errors.append(str(caught.value))
    assert errors[0] == errors[1] and errors[0].startswith("企业!2:")
