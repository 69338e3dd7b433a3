"""`audit verify` while the window saves into the same database (review R3 #1): verify reads one
snapshot, so a save committed between its reads is no "审计链从此处断裂" false alarm, and a real
change made outside QCDesk is still named."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from qcdesk import cli_safety
from qcdesk.cli import main
from qcdesk.models import audit
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.store import Store


def _firm(db: Path) -> int:
    """A database with one enterprise (and its audit chain); the enterprise's id."""
    store = Store.open(db, author="clerk")
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"),
                           [Licence(number="SC11442128100017", expires_on="2027-03-01")])
    store.close()
    return firm.id


class WindowSaves:
    """Before each of verify's reads that `when` picks, once its chain walk has begun, `window`
    (another connection: the QCDesk window) saves the enterprise and commits."""

    def __init__(self, window: Store, firm_id: int, when: Callable[[str], bool]) -> None:
        self.window, self.firm_id, self.when = window, firm_id, when
        self.before: list[str] = []  # the reads a save went before
        self.errors: list[BaseException] = []  # sqlite3 swallows a trace callback's errors
        self.walking = False

    def watch(self, verifier: Store) -> None:
        verifier.db.conn.set_trace_callback(self.trace)

    def trace(self, sql: str) -> None:
        self.walking = self.walking or "chain_no IS NOT NULL ORDER BY chain_no" in sql
        if not self.walking or not sql.lstrip().upper().startswith("SELECT") or not self.when(sql):
            return
        try:
            firm = fetch_record(self.window, Enterprise, self.firm_id)
            firm.contact_name = f"联系人{len(self.before)}"
            save_enterprise(self.window, firm)
            self.before.append(sql)
        except BaseException as exc:
            self.errors.append(exc)


def test_save_between_chain_walk_and_head_is_no_tamper_alarm(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    firm_id = _firm(db)
    verifier, window = Store.open(db, author="it"), Store.open(db, author="window")
    try:
        saves = WindowSaves(window, firm_id, lambda sql: "audit.head" in sql)
        saves.watch(verifier)
        report = audit.verify(verifier)
        verifier.db.conn.set_trace_callback(None)
        assert not saves.errors, saves.errors
        assert len(saves.before) == 1, "the window saved between verify's chain walk and its head"
        assert report.ok, [p.text() for p in report.problems]
        assert not verifier.db.conn.in_transaction  # the snapshot ended: the file is not held
        after = audit.verify(verifier)  # the save that came in between is sealed and intact
        assert after.ok and after.entries > report.entries
    finally:
        verifier.close()
        window.close()


def _verify_cli(db: Path, saves: WindowSaves, monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[int, str]:
    """`qcdesk audit verify --db db` with `saves` watching the command's own connection."""
    def opened(args, paths) -> Store:  # noqa: ANN001 - as cli_safety._open
        store = Store.open(args.db, author="it")
        saves.watch(store)
        return store

    monkeypatch.setattr(cli_safety, "_open", opened)
    code = main(["audit", "verify", "--db", str(db)])
    assert not saves.errors, saves.errors
    return code, capsys.readouterr().out


def test_cli_verify_passes_while_the_window_saves_before_every_read(
        tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "qcdesk.db"
    firm_id = _firm(db)
    window = Store.open(db, author="window")
    try:
        saves = WindowSaves(window, firm_id, lambda sql: True)
        code, out = _verify_cli(db, saves, monkeypatch, capsys)
    finally:
        window.close()
    assert len(saves.before) > 5, "the window saved before each of verify's reads"
    assert any("photo" in sql for sql in saves.before)  # the photo check reads in it too
    assert code == 0 and "审计链完整" in out and "断裂" not in out, out


def test_change_outside_qcdesk_is_still_named_while_the_window_saves(
        tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "qcdesk.db"
    firm_id = _firm(db)
    tool = sqlite3.connect(db)  # another program edits a sealed audit entry
    number = tool.execute("SELECT min(chain_no) FROM audit_log WHERE new_json LIKE '%2027-03-01%'"
                          ).fetchone()[0]
    tool.execute("UPDATE audit_log SET new_json = replace(new_json, '2027', '2028') "
                 "WHERE chain_no = ?", [number])
    tool.commit()
    tool.close()
    window = Store.open(db, author="window")
    try:
        saves = WindowSaves(window, firm_id, lambda sql: True)
        code, out = _verify_cli(db, saves, monkeypatch, capsys)
    finally:
        window.close()
    assert saves.before
    assert code == 1 and f"第 {number} 条" in out and "断裂" in out, out
