"""The 执法证号重复 import warning gives each record's entry day as the clerk's calendar had it
(review r1 R4). Before: it printed the UTC date, so a record typed in at 07:30 Beijing time on
2 December read "2026-12-01录入", a day nobody entered it; now it reads 2026-12-02, as the other
dates the app shows (clock_text.local_date)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import persistence, trust_store
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

CERT = "42122100101"


def _entered_at(monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    monkeypatch.setattr(persistence, "now_utc", lambda: stamp)


def test_the_duplicate_warning_names_the_local_day_of_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shanghai: None) -> None:
    county = Store.open(tmp_path / "county.db", author="县局")
    laptop = Store.open(tmp_path / "laptop.db", author="张伟")
    key = generate_secret_key()
    try:
        _entered_at(monkeypatch, "2026-12-01T23:30:00.000000Z")  # 07:30 on 2 Dec in Xianning
        with county.transaction():
            insert_record(county, Inspector(name="张伟", cert_no=CERT, jurisdiction_code="421221"))
        _entered_at(monkeypatch, "2026-12-02T01:00:00.000000Z")  # 09:00 the same morning
        with laptop.transaction():
            insert_record(laptop, Inspector(name="张伟", cert_no=CERT, jurisdiction_code="421221"))
        monkeypatch.undo()
        trust_store.add_key(county, key.public_key, name="张伟",  # type: ignore[attr-defined]
                            jurisdiction="421221", role="inspector")
        out = tmp_path / "out"
        out.mkdir()
        package = export_package(laptop, out, key, signer_name="张伟", jurisdiction="421221",
                                 role="inspector", full=True)
        said = "\n".join(import_package(county, package).warnings)
    finally:
        laptop.close()
        county.close()
    line = next(w for w in said.splitlines() if w.startswith("执法证号重复"))
    assert line.count("2026-12-02录入") == 2, line
    assert "2026-12-01" not in line, line
