"""Revocation against wrong clocks (review R1, B3 and B5), with real packages and SQLite files.

B3: a receiver whose clock is behind took a revoked key's package whose own signed created_at is
after the revocation, and logged it as received before it (never flagged later). B5: a revocation
"now" on a computer whose clock ran ahead lands in the future; the key then works silently.
A package signed in the "future" stands for a receiver whose clock is behind.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.exchange import importer
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import SecretKey, generate_secret_key
from qcdesk.exchange.package import PackageRejected
from qcdesk.models import trust_store
from qcdesk.models.store import Store

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Store, SecretKey]:
    store = Store.open(tmp_path / "laptop.db")
    populate(store, 1, 1)
    yield store, generate_secret_key()
    store.close()


@pytest.fixture
def county(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "county.db", author="县局")
    yield store
    store.close()


def _export(laptop: tuple[Store, SecretKey], out: Path, at: datetime) -> Path:
    store, key = laptop
    out.mkdir(exist_ok=True)
    return export_package(store, out, key, signer_name="张三", jurisdiction="421202",
                          role="inspector", full=True, now=at)


def _late_sequences(county: Store, key_id: str) -> list[int]:
    return [p.sequence for p in trust_store.received_after_revocation(county, key_id)]


def test_a_package_signed_after_the_revocation_is_refused_by_a_receiver_whose_clock_is_behind(
        tmp_path: Path, laptop: tuple[Store, SecretKey], county: Store) -> None:
    key = laptop[1]
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    first = _export(laptop, tmp_path / "usb", NOW - timedelta(days=1))
    importer.import_package(county, first)
    revoked_at = NOW + timedelta(days=10)  # the county's clock is ten days behind
    trust_store.revoke_key(county, key.key_id, at=revoked_at)
    stolen = _export(laptop, tmp_path / "usb", NOW + timedelta(days=12))
    with pytest.raises(PackageRejected) as err:
        importer.import_package(county, stolen)
    assert err.value.code == "revoked_key"
    assert "数据包的签名时间" in err.value.reason_zh and "在吊销之后" in err.value.reason_zh
    assert county.db.execute("SELECT count(*) FROM received_package").fetchone()[0] == 1
    assert _late_sequences(county, key.key_id) == []


def test_a_package_signed_after_a_later_entered_revocation_is_flagged_as_received_after_it(
        tmp_path: Path, laptop: tuple[Store, SecretKey], county: Store) -> None:
    """Imported on a clock behind (with the warning), then the theft is learnt of and the key
    revoked from before the package's signed time: it is one of those received after it."""
    key = laptop[1]
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    package = _export(laptop, tmp_path / "usb", NOW + timedelta(days=12))
    result = importer.import_package(county, package)
    warned = [w for w in result.warnings if w.startswith("数据包的签名时间")]
    assert len(warned) == 1 and "晚于本机时间" in warned[0] and "请检查本机或签名人电脑的日期" in warned[0]
    trust_store.revoke_key(county, key.key_id, at=NOW + timedelta(days=10))
    assert _late_sequences(county, key.key_id) == [1]


def test_a_package_signed_within_a_day_of_the_receivers_clock_is_not_warned_of(
        tmp_path: Path, laptop: tuple[Store, SecretKey], county: Store) -> None:
    trust_store.add_key(county, laptop[1].public_key, name="张三", jurisdiction="421202",
                        role="inspector")
    result = importer.import_package(county, _export(laptop, tmp_path / "usb",
                                                     NOW + timedelta(hours=20)))
    assert not [w for w in result.warnings if "签名时间" in w or "吊销" in w]


def test_revoking_now_with_the_clock_a_year_ahead_is_refused_and_changes_nothing(
        laptop: tuple[Store, SecretKey], county: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    key = laptop[1]
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    ahead = NOW + timedelta(days=365)
    monkeypatch.setattr(trust_store, "now_utc", lambda: ahead.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    with pytest.raises(trust_store.TrustStoreError) as err:
        trust_store.revoke_key(county, key.key_id)
    assert err.value.code == "clock_ahead"
    assert "本机时钟似乎超前" in err.value.message_zh and "--at" in err.value.message_zh
    assert trust_store.get_key(county, key.key_id).revoked_at is None
    # a time given on purpose is taken, whatever the clock says
    assert trust_store.revoke_key(county, key.key_id, at=NOW).revoked_at == NOW


def test_revoking_now_with_the_clock_right_revokes(county: Store) -> None:
    pk = generate_secret_key().public_key
    trust_store.add_key(county, pk)
    assert trust_store.revoke_key(county, pk.key_id).revoked_at is not None


def test_each_import_from_a_key_revoked_in_the_future_says_when(
        tmp_path: Path, laptop: tuple[Store, SecretKey], county: Store) -> None:
    key = laptop[1]
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    trust_store.revoke_key(county, key.key_id, at=NOW + timedelta(days=365))  # the clock ran ahead
    result = importer.import_package(county, _export(laptop, tmp_path / "usb", NOW))
    due = [w for w in result.warnings if w.startswith("此密钥定于")]
    assert len(due) == 1 and "吊销" in due[0] and "--at" in due[0]


def test_revoking_now_on_a_clock_behind_says_the_listed_packages_came_before_it(
        tmp_path: Path, laptop: tuple[Store, SecretKey], county: Store,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Review (dates): revoked "now" on a clock a month behind, a package honestly received
    (by the database's later times) was listed as possibly the thief's, with no word that the
    clock was the cause."""
    from qcdesk.cli import main

    key = laptop[1]
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    importer.import_package(county, _export(laptop, tmp_path / "usb", NOW - timedelta(days=1)))
    with county.transaction():  # received when the clock was right, a month after this clock's now
        county.db.execute("UPDATE received_package SET received_at = ?",
                          [(NOW + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")])
    assert main(["trust", "revoke", key.key_id, "--db", str(county.path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "可能是盗用者" in out or "盗用" in out, out  # listed, as before
    assert "本机时钟似乎落后" in out and "不一定是盗用者所发" in out, out
    capsys.readouterr()
    assert main(["trust", "revoke", key.key_id, "--db", str(county.path), "--yes",
                 "--at", (NOW - timedelta(days=2)).date().isoformat()]) == 0
    assert "本机时钟似乎落后" not in capsys.readouterr().out  # a date given: a choice, not the clock
    assert main(["trust", "revoke", key.key_id, "--db", str(county.path), "--yes"]) == 0
    out = capsys.readouterr().out  # "now" again: the earlier revocation stands, the clock is not why
    assert "盗用" in out and "本机时钟似乎落后" not in out, out
