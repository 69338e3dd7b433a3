"""The trust list in a real SQLite file, and packages judged against it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.package import PackageRejected, build_package, open_package
from qcdesk.exchange.trust import StoreTrust, check_sequence
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.models.trust_store import TrustStoreError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "county.db", author="tester")
    yield s
    s.close()


def test_add_list_revoke(store: Store) -> None:
    pk = generate_secret_key().public_key
    added = trust_store.add_key(store, pk, name="张三", jurisdiction="421221", role="inspector")
    assert added.key_id == pk.key_id and added.revoked_at is None
    assert trust_store.get_key(store, pk.key_id.lower()) == added
    with pytest.raises(TrustStoreError) as err:
        trust_store.add_key(store, pk)
    assert err.value.code == "already_trusted"
    at = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    revoked = trust_store.revoke_key(store, pk.fingerprint, at=at)  # as read by phone
    assert revoked.revoked_at == at
    # a later revocation never lifts or delays an earlier one
    assert trust_store.revoke_key(store, pk.key_id, at=at + timedelta(days=3)).revoked_at == at
    assert trust_store.revoke_key(store, pk.key_id, at=at - timedelta(days=1)).revoked_at == (
        at - timedelta(days=1)
    )
    with pytest.raises(TrustStoreError) as err:
        trust_store.add_key(store, pk)
    assert err.value.code == "key_revoked"
    with pytest.raises(TrustStoreError) as err:
        trust_store.revoke_key(store, "0123456789ABCDEF")
    assert err.value.code == "unknown_key"
    row = store.db.execute(
        "SELECT uuid, author, revision, origin, deleted_at FROM trusted_key"
    ).fetchone()
    assert row[1:] == ("tester", 3, "local", None) and len(row[0]) == 36
    assert [k.key_id for k in trust_store.list_keys(store)] == [pk.key_id]


def test_received_log_replay_and_gaps(store: Store) -> None:
    kid = generate_secret_key().public_key.key_id
    trust_store.record_received(store, kid, 3, "a" * 64, manifest={"sequence": 3})
    trust_store.record_received(store, kid, 4, "b" * 64)
    assert trust_store.received_sequences(store, kid) == {3: "a" * 64, 4: "b" * 64}
    with pytest.raises(TrustStoreError) as err:
        trust_store.record_received(store, kid, 4, "b" * 64)
    assert err.value.code == "already_imported"
    with pytest.raises(TrustStoreError) as err:
        trust_store.record_received(store, kid, 4, "c" * 64)
    assert err.value.code == "replayed_sequence"
    check = trust_store.sequence_check(store, kid, 7, "d" * 64)
    assert check.missing == (1, 2, 5, 6) and not check.refused  # from 1, not from 3
    assert check_sequence({}, 1, "e" * 64).missing == ()
    assert check_sequence({}, 9, "e" * 64).missing == tuple(range(1, 9))
    # a full export makes what came before it unnecessary, received or being received
    assert check_sequence({}, 9, "e" * 64, full=True).missing == ()
    assert check_sequence({3: "a" * 64}, 6, "e" * 64, full_sequences={3}).missing == (4, 5)
    trust_store.record_received(store, kid, 8, "f" * 64, manifest={"sequence": 8, "full": True})
    assert trust_store.full_sequences(store, kid) == {8}
    assert trust_store.sequence_check(store, kid, 10, "d" * 64).missing == (9,)


def test_open_package_against_store(tmp_path: Path, store: Store) -> None:
    from qcdesk.exchange.minisign import KDF_LIGHT, decode_secret_key, encode_secret_key

    sk = decode_secret_key(encode_secret_key(generate_secret_key(), "pass phrase 1", KDF_LIGHT),
                           "pass phrase 1")
    data = tmp_path / "data.xlsx"
    data.write_bytes(b"workbook")
    out = tmp_path / "out"
    out.mkdir()
    pkg = build_package(out, {"data.xlsx": data}, {"record_counts": {}}, sk,
                        signer_name="李四", jurisdiction="421222", role="inspector",
                        sequence=1, previous_package_sha256=None)
    trust = StoreTrust(store)
    with pytest.raises(PackageRejected) as err:
        open_package(pkg, trusted_keys=trust, workdir=tmp_path / "w")
    assert err.value.code == "untrusted_key"
    trust_store.add_key(store, sk.public_key, jurisdiction="421222", role="inspector")
    got = open_package(pkg, trusted_keys=trust, workdir=tmp_path / "w")
    trust_store.record_received(store, got.signer.key_id, got.sequence, got.sha256,
                                manifest=got.manifest)
    with pytest.raises(PackageRejected) as err:
        open_package(pkg, trusted_keys=trust, workdir=tmp_path / "w")
    assert err.value.code == "already_imported"
    trust_store.revoke_key(store, sk.public_key.key_id, at=datetime.now(UTC))
    with pytest.raises(PackageRejected) as err:
        open_package(pkg, trusted_keys=trust, workdir=tmp_path / "w")
    assert err.value.code == "revoked_key"


def test_concurrent_import_of_the_same_sequence_is_refused(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qcdesk.exchange.trust import SequenceCheck

    kid = generate_secret_key().public_key.key_id
    trust_store.record_received(store, kid, 1, "a" * 64)
    # as if another window inserted between our check and our insert
    monkeypatch.setattr(trust_store, "sequence_check", lambda *a, **k: SequenceCheck())
    with pytest.raises(TrustStoreError) as err:
        trust_store.record_received(store, kid, 1, "b" * 64)
    assert err.value.code == "replayed_sequence"
    assert trust_store.received_sequences(store, kid) == {1: "a" * 64}
