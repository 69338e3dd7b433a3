"""`audit verify` and `audit history` show stored UTC times as local time, as every other screen
and printout does (they printed 2026-11-30T09:15:40.616Z)."""

from __future__ import annotations

import re
import sqlite3

import pytest

from qcdesk.cli import main
from qcdesk.models.clock_text import local_time
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

UTC_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.mark.usefixtures("shanghai")
def test_audit_verify_and_history_print_local_times(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁青砖茶厂",
                                             jurisdiction_code="421281"))
    store.close()
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE enterprise SET name = '外改' WHERE id = ?", [firm.id])
    at = conn.execute("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    conn.close()
    assert at.endswith("Z")
    assert main(["audit", "verify", "--db", str(store.path)]) == 1
    out = capsys.readouterr().out
    assert "在 QCDesk 之外被修改" in out and "outside QCDesk at" in out
    assert f"于 {local_time(at, seconds=True)} 在 QCDesk 之外" in out
    assert not UTC_STAMP.search(out) and at not in out
    assert main(["audit", "history", firm.uuid, "--table", "enterprise", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert out and not UTC_STAMP.search(out)
    assert local_time(at, seconds=True) in out
