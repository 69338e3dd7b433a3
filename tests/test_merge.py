"""The merge rule as properties: idempotent, order-independent, nothing lost or overwritten."""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from pathlib import Path

from exchange_fixtures import dump, export_to, merge, populate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from qcdesk.exchange.merge import Head, Version, decide, descends
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store

ORIG, A, B = "0000000000000000", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"


def _edit_visit(store: Store, index: int, text: str) -> None:
    rows = list(store.db.query("SELECT * FROM visit ORDER BY uuid"))
    v = Visit.from_row(rows[index % len(rows)])
    v.summary = text
    with store.db.atomic():
        update_record(store, v)


def _copy(store: Store) -> Store:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    store.db.conn.backup(conn)
    return Store(Database(conn), None, store.author)


def _clone_from(tmp: Path, base_pkg: Path) -> Store:
    s = Store.memory("x")
    merge(s, base_pkg, ORIG)
    return s


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits_a=st.lists(st.tuples(st.integers(0, 5), st.text(max_size=5)), max_size=4),
       edits_b=st.lists(st.tuples(st.integers(0, 5), st.text(max_size=5)), max_size=4),
       local=st.lists(st.tuples(st.integers(0, 5), st.text(max_size=5)), max_size=2))
def test_any_import_order_gives_the_same_database(edits_a, edits_b, local) -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        origin = Store.memory("o")
        populate(origin, 2, 3)
        base = tmp / "base.xlsx"
        export_to(origin, base, ORIG)
        laptops = {A: _clone_from(tmp, base), B: _clone_from(tmp, base)}
        pkgs = []
        for signer, edits in ((A, edits_a), (B, edits_b)):
            for n, (i, text) in enumerate(edits):
                _edit_visit(laptops[signer], i, f"{signer[0]}{n}{text}")
                p = tmp / f"{signer}{n}.xlsx"
                export_to(laptops[signer], p, signer, full=False)
                pkgs.append((p, signer))
        pkgs.append((base, ORIG))
        start = Store.memory("c")
        if local:
            merge(start, base, ORIG)
            for i, text in local:
                _edit_visit(start, i, "L" + text)
        orders = list(itertools.permutations(pkgs))
        results = []
        for order in [orders[0], orders[-1], orders[len(orders) // 2]]:
            target = _copy(start)
            for p, signer in order:
                merge(target, p, signer)
            first = dump(target)
            for p, signer in order:  # idempotent: everything again changes nothing, and a
                r = merge(target, p, signer)  # version already kept as a conflict is no new one
                assert all(c["new"] == c["updated"] == c["conflicting"] == 0 for c in r.counts.values())
            assert dump(target) == first
            results.append(first)
        assert all(r == results[0] for r in results[1:])


def test_divergent_edits_keep_both_versions(tmp_path: Path) -> None:
    origin = Store.memory("o")
    populate(origin, 1, 1)
    export_to(origin, tmp_path / "base.xlsx", ORIG)
    a = _clone_from(tmp_path, tmp_path / "base.xlsx")
    b = _clone_from(tmp_path, tmp_path / "base.xlsx")
    _edit_visit(a, 0, "A改")
    _edit_visit(b, 0, "B改")
    export_to(a, tmp_path / "a.xlsx", A, full=False)
    r = merge(b, tmp_path / "a.xlsx", A)
    assert r.counts["visit"]["conflicting"] == 1
    assert next(b.db.query("SELECT summary FROM visit"))["summary"] == "B改"  # local kept
    kept = list(b.db.query("SELECT * FROM exchange_conflict"))
    assert len(kept) == 1 and '"A改"' in kept[0]["row_json"]
    # the same package again (the inspector's, then the county's forward) is not a second conflict
    again = merge(b, tmp_path / "a.xlsx", A).counts["visit"]
    assert (again["conflicting"], again["unchanged"]) == (0, 1), again
    # a newer edit on A of the same line supersedes the kept conflict, still a conflict
    _edit_visit(a, 0, "A再改")
    export_to(a, tmp_path / "a2.xlsx", A, full=False)
    merge(b, tmp_path / "a2.xlsx", A)
    kept = list(b.db.query("SELECT * FROM exchange_conflict"))
    assert len(kept) == 1 and '"A再改"' in kept[0]["row_json"]


def test_fast_forward_and_older_version_ignored(tmp_path: Path) -> None:
    a = Store.memory("a")
    populate(a, 1, 1)
    export_to(a, tmp_path / "1.xlsx", A)
    _edit_visit(a, 0, "二")
    _edit_visit(a, 0, "三")
    export_to(a, tmp_path / "2.xlsx", A, full=False)
    c = Store.memory("c")
    assert merge(c, tmp_path / "2.xlsx", A).counts["visit"]["new"] == 1
    r = merge(c, tmp_path / "1.xlsx", A)  # older package later: nothing changes
    assert r.counts["visit"] == {"new": 0, "updated": 0, "unchanged": 1, "conflicting": 0}
    c2 = Store.memory("c")
    merge(c2, tmp_path / "1.xlsx", A)
    assert merge(c2, tmp_path / "2.xlsx", A).counts["visit"]["updated"] == 1
    assert dump(c) == dump(c2)


def test_incremental_export_holds_changes_and_their_parents(tmp_path: Path) -> None:
    a = Store.memory("a")
    populate(a, 2, 2)
    assert export_to(a, tmp_path / "1.xlsx", A)["visit"] == 4
    assert sum(export_to(a, tmp_path / "2.xlsx", A, full=False).values()) == 0
    _edit_visit(a, 0, "改")
    counts = export_to(a, tmp_path / "3.xlsx", A, full=False)
    assert counts["visit"] == 1 and counts["enterprise"] == 1 and counts["inspector"] == 0
    # the visit links to its rectification, which links to its finding and sample
    assert counts["rectification"] == counts["sample"] == counts["finding"] == 1


def test_same_uscc_twice_is_aliased_not_duplicated(tmp_path: Path) -> None:
    a, b = Store.memory("a"), Store.memory("b")
    populate(a, 1, 1)
    populate(b, 1, 1)  # same USCC, different uuids
    export_to(a, tmp_path / "a.xlsx", A)
    r = merge(b, tmp_path / "a.xlsx", A)
    assert r.counts["enterprise"]["conflicting"] == 1
    assert b.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 1
    assert r.counts["visit"]["new"] == 1  # A's visit now hangs on B's enterprise
    ent = b.db.execute("SELECT id FROM enterprise").fetchone()[0]
    assert b.db.execute("SELECT count(*) FROM visit WHERE enterprise_id = ?",
                        [ent]).fetchone()[0] == 2
    assert merge(b, tmp_path / "a.xlsx", A).counts["visit"]["unchanged"] == 1


def test_local_edit_stays_live_receiver_edit_after_import(tmp_path: Path) -> None:
    a = Store.memory("a")
    populate(a, 1, 1)
    export_to(a, tmp_path / "1.xlsx", A)
    county = Store.memory("county")
    merge(county, tmp_path / "1.xlsx", A)
    e = Enterprise.from_row(next(county.db.query("SELECT * FROM enterprise")))
    e.notes = "县局补充"
    with county.db.atomic():
        update_record(county, e)
    export_to(county, tmp_path / "c.xlsx", "CCCCCCCCCCCCCCCC", full=False)
    # back at A: the county's edit descends from A's version -> update
    r = merge(a, tmp_path / "c.xlsx", "CCCCCCCCCCCCCCCC")
    assert r.counts["enterprise"]["updated"] == 1
    assert r.counts["visit"]["unchanged"] == 1 and r.counts["visit"]["conflicting"] == 0
    live = next(a.db.query("SELECT notes, origin FROM enterprise"))
    assert live["notes"] == "县局补充" and live["origin"] == "local"


def test_decide_tie_break_is_symmetric() -> None:
    x = Head(Version("2-aa", A, "1-00"), (Version("1-00", ORIG),), False, "t1")
    y = Head(Version("2-bb", B, "1-00"), (Version("1-00", ORIG),), False, "t1")
    assert not descends(x.version, y) and not descends(y.version, x)
    assert decide(x, y, []).replace_live != decide(y, x, []).replace_live


def test_resolving_a_conflict_settles_it_everywhere(tmp_path: Path) -> None:
    from qcdesk.exchange.reconcile import conflict_fields, resolve_conflict
    from qcdesk.models import exchange_store as xs

    origin = Store.memory("o")
    populate(origin, 1, 1)
    export_to(origin, tmp_path / "base.xlsx", ORIG)
    a = _clone_from(tmp_path, tmp_path / "base.xlsx")
    b = _clone_from(tmp_path, tmp_path / "base.xlsx")
    _edit_visit(a, 0, "A改")
    _edit_visit(b, 0, "B改")
    export_to(a, tmp_path / "a.xlsx", A, full=False)
    merge(b, tmp_path / "a.xlsx", A)
    (conflict,) = xs.open_conflicts(b)
    fields = {h: (mine, theirs) for h, mine, theirs in conflict_fields(b, conflict)}
    assert fields["检查情况"] == ("B改", "A改")
    resolve_conflict(b, conflict["id"], take_incoming=True)
    assert xs.open_conflicts(b) == []
    assert next(b.db.query("SELECT summary FROM visit"))["summary"] == "A改"
    r = merge(b, tmp_path / "a.xlsx", A)  # A's version again: already settled
    assert r.counts["visit"]["conflicting"] == 0
    export_to(b, tmp_path / "b.xlsx", B)
    r = merge(a, tmp_path / "b.xlsx", B)  # A sees B's resolution as newer than its own
    assert r.counts["visit"]["updated"] == 1 and r.counts["visit"]["conflicting"] == 0
    assert xs.open_conflicts(a) == []
