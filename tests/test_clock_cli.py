"""Wrong clocks at the command line (review R1 B5, B6), real keys, packages and SQLite files
through `qcdesk.cli.main`.

B5: `qcdesk trust revoke KEY` (now) on a county PC whose clock ran a year ahead revoked from a
year later; once the clock was corrected the key's packages imported with no word. B6: `import
--reconcile` named in its workbook a file rebuilt in the county's zone, not the one imported.
"""

from __future__ import annotations

import datetime as real_dt
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from exchange_fixtures import populate
from python_calamine import CalamineWorkbook

from qcdesk.cli import main
from qcdesk.exchange import export as export_module
from qcdesk.exchange.minisign import PublicKey
from qcdesk.exchange.trust import format_local
from qcdesk.models import trust_store
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """An inspector's laptop database and key, and a county database that trusts the key."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "李四", "--jurisdiction", "421221", "--out", str(keys),
                 "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    store = Store.open(tmp_path / "ins.db")
    populate(store, 1, 1)
    store.close()
    county = tmp_path / "county.db"
    store = Store.open(county)
    trust_store.add_key(store, PublicKey.load(keys / "421221_李四.pub"), name="李四",
                        role="inspector")
    store.close()
    return {"tmp": tmp_path, "key": keys / "421221_李四.key", "db": tmp_path / "ins.db",
            "county": county, "out": tmp_path / "usb",
            "id": PublicKey.load(keys / "421221_李四.pub").key_id}


def _export(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> Path:
    world["out"].mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(world["db"]), "--key", str(world["key"]), "--out",
                 str(world["out"]), "--passphrase-file", str(world["tmp"] / "pw.txt"),
                 "--full"]) == 0
    return Path(capsys.readouterr().out.strip())


def _dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_revoke_now_with_the_clock_a_year_ahead_is_refused_and_says_to_use_at(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = datetime.now(UTC) + timedelta(days=365)
    monkeypatch.setattr(trust_store, "now_utc", lambda: ahead.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    before = _dump(world["county"])
    capsys.readouterr()
    assert main(["trust", "revoke", str(world["id"]), "--db", str(world["county"]), "--yes"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "本机时钟似乎超前" in err and "--at" in err
    assert _dump(world["county"]) == before
    today = datetime.now().date().isoformat()  # the clerk gives the day
    assert main(["trust", "revoke", str(world["id"]), "--db", str(world["county"]), "--at", today,
                 "--yes"]) == 0


class _Terminal:
    """A clerk at a terminal whose answer must not be asked for: reading it fails the test."""

    def isatty(self) -> bool:
        return True

    def readline(self, *_args: object) -> str:
        raise AssertionError("stdin was read")


def test_revoke_now_with_the_clock_a_year_ahead_is_refused_before_the_question(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = datetime.now(UTC) + timedelta(days=365)
    monkeypatch.setattr(trust_store, "now_utc", lambda: ahead.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    asked: list[str] = []

    def answer(prompt: str = "") -> str:  # the clerk would say yes, then be refused
        asked.append(prompt)
        return "y"

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", answer)
    before = _dump(world["county"])
    capsys.readouterr()
    assert main(["trust", "revoke", str(world["id"]), "--db", str(world["county"])]) == 2
    out, err = capsys.readouterr()
    assert asked == [] and "将吊销" not in out  # nothing asked, nothing read
    assert len(err.strip().splitlines()) == 1 and "本机时钟似乎超前" in err
    assert _dump(world["county"]) == before


def test_an_import_from_a_key_due_to_be_revoked_says_when(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=365)  # the clock was ahead
    store = Store.open(world["county"])
    trust_store.revoke_key(store, str(world["id"]), at=later)
    store.close()
    package = _export(world, capsys)
    assert main(["import", str(package), "--db", str(world["county"])]) == 0
    said = capsys.readouterr().out
    assert f"此密钥定于 {format_local(later)} 吊销" in said


class _LateEveningUTC(real_dt.datetime):
    @classmethod
    def now(cls, tz: real_dt.tzinfo | None = None) -> real_dt.datetime:  # noqa: ARG003
        return real_dt.datetime(2026, 12, 2, 23, 30, tzinfo=real_dt.UTC)


def test_the_reconciliation_workbook_names_the_file_imported(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:  # the signer's laptop is set to UTC; 23:30 there
        patch.setenv("TZ", "UTC")
        time.tzset()
        patch.setattr(export_module, "dt", SimpleNamespace(
            datetime=_LateEveningUTC, UTC=real_dt.UTC, timedelta=real_dt.timedelta,
            date=real_dt.date))
        package = _export(world, capsys)
    assert package.name.endswith("_000001_20261202.qcpkg.zip")
    with monkeypatch.context() as patch:  # the county is on China's time: 3 December there
        patch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        book = world["tmp"] / "rec.xlsx"
        assert main(["import", str(package), "--db", str(world["county"]),
                     "--reconcile", str(book)]) == 0
    time.tzset()
    about = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("说明").to_python()
    named = next(str(row[1]) for row in about if row[0] == "数据包")
    assert named == package.name and (world["out"] / named).is_file()
