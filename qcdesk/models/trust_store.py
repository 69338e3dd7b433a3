"""SQL for the trust list and the log of received packages (see exchange/trust.py).

Functions take an open `Store`; times are stored as UTC ``...Z`` text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from qcdesk.exchange.minisign import PublicKey, normalize_key_id
from qcdesk.exchange.trust import (
    MAX_MISSING,
    ROLES,
    SequenceCheck,
    TrustedKey,
    as_utc,
    check_sequence,
    format_local,
    parse_utc,
    role_refusal,
    signed_time,
)
from qcdesk.models.store import Store, StoreError, new_uuid, now_utc, write_transaction

_KEY_COLUMNS = "key_id, public_key, name, jurisdiction, role, added_at, revoked_at"


class TrustStoreError(StoreError):
    """A trust-list change that cannot be made; `code` is stable for callers and tests."""

    def __init__(self, code: str, message_zh: str, message_en: str):
        super().__init__(message_zh, message_en)
        self.code = code


def _ts(when: datetime | None) -> str:
    if when is None:
        return now_utc()
    return as_utc(when).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _row_to_key(row: tuple[Any, ...]) -> TrustedKey:
    key_id, public_key, name, jurisdiction, role, added_at, revoked_at = row
    pk = PublicKey.from_base64(public_key)
    return TrustedKey(
        public_key=pk, name=name, jurisdiction=jurisdiction, role=role,
        added_at=parse_utc(added_at), revoked_at=parse_utc(revoked_at) if revoked_at else None,
    )


def get_key(store: Store, key_id: str) -> TrustedKey | None:
    row = store.db.execute(
        f"SELECT {_KEY_COLUMNS} FROM trusted_key WHERE key_id = ? AND deleted_at IS NULL",
        [normalize_key_id(key_id)],
    ).fetchone()
    return _row_to_key(row) if row else None


def list_keys(store: Store) -> list[TrustedKey]:
    rows = store.db.execute(
        f"SELECT {_KEY_COLUMNS} FROM trusted_key WHERE deleted_at IS NULL "
        "ORDER BY revoked_at IS NOT NULL, jurisdiction, name COLLATE pinyin, key_id"
    ).fetchall()
    return [_row_to_key(r) for r in rows]


def add_refusal(store: Store, key: str | PublicKey) -> TrustStoreError | None:
    """Why `add_key` would refuse this key (already on the list, or revoked), None if it would
    not: asked before the user is sent to check a fingerprint by phone for nothing. Given the
    public key, another key under the same key id (which its maker chooses freely, doc §1) is
    refused as what it is, a different fingerprint, not as "already trusted"."""
    key_id = key.key_id if isinstance(key, PublicKey) else key
    existing = get_key(store, key_id)
    if existing is None:
        return None
    if isinstance(key, PublicKey) and key.key != existing.public_key.key:
        listed = existing.shown_name or "-"
        return TrustStoreError(
            "key_id_clash",
            f"未加入信任列表：密钥编号 {existing.key_id} 已由信任列表中另一把指纹不同的密钥使用"
            f"（{listed}，指纹 {existing.fingerprint}），这把密钥的指纹是 {key.fingerprint}，"
            "可能是伪造的；请打电话与密钥的主人核对指纹",
            f"Not trusted: key id {existing.key_id} belongs to another key on the trust list with a "
            f"different fingerprint ({listed}, fingerprint {existing.fingerprint}); this key's "
            f"fingerprint is {key.fingerprint} and it may be forged: check the fingerprint with "
            "the key's owner by phone",
        )
    if existing.revoked_at is not None:
        return TrustStoreError(
            "key_revoked",
            f"密钥 {existing.key_id} 已被吊销，不能重新加入信任列表",
            f"Key {existing.key_id} was revoked and cannot be trusted again",
        )
    return TrustStoreError(
        "already_trusted",
        f"密钥 {existing.key_id} 已在信任列表中",
        f"Key {existing.key_id} is already on the trust list",
    )


def add_key(
    store: Store,
    public_key: PublicKey,
    *,
    name: str = "",
    jurisdiction: str = "",
    role: str = "",
    added_at: datetime | None = None,
) -> TrustedKey:
    """Put a key on the trust list; a key already there (or revoked) is refused, not changed."""
    if role not in ("", *ROLES):
        raise ValueError(f"role must be one of {ROLES}")
    if role_refusal(role, jurisdiction):
        raise TrustStoreError("role_jurisdiction", role_refusal(role, jurisdiction) or "",
                              role_refusal(role, jurisdiction, "en") or "")
    with store.transaction():
        refused = add_refusal(store, public_key)
        if refused is not None:
            raise refused
        ts = now_utc()
        try:
            store.db.execute(
                "INSERT INTO trusted_key (uuid, created_at, updated_at, author, revision, "
                f"origin, {_KEY_COLUMNS}) VALUES (?, ?, ?, ?, 1, 'local', ?, ?, ?, ?, ?, ?, NULL)",
                [new_uuid(), ts, ts, store.author, public_key.key_id, public_key.to_base64(),
                 name, jurisdiction, role, _ts(added_at)],
            )
        except sqlite3.IntegrityError as exc:  # added by another window meanwhile
            raise TrustStoreError(
                "already_trusted",
                f"密钥 {public_key.key_id} 已在信任列表中",
                f"Key {public_key.key_id} is already on the trust list",
            ) from exc
    key = get_key(store, public_key.key_id)
    assert key is not None
    return key


def same_signer_keys(store: Store, name: str, jurisdiction: str, role: str,
                     key_id: str = "") -> list[TrustedKey]:
    """Live keys already trusted for the same name, jurisdiction and role (other than `key_id`):
    a new key beside one of them is most likely its replacement (a forgotten passphrase, a new
    computer), and the old key should then be revoked, or both sign for one person."""
    if not name.strip():
        return []
    skip = normalize_key_id(key_id) if key_id else ""
    return [k for k in list_keys(store)
            if k.revoked_at is None and k.key_id != skip
            and k.name.strip() == name.strip() and k.jurisdiction == jurisdiction
            and k.role == role]


def received_after_revocation(store: Store, key_id: str) -> list[ReceivedPackage]:
    """Packages of a revoked key received at or after its revocation time. A revocation entered
    with an earlier date (the theft is learnt of later) does not undo them: they were imported
    and their records may be the thief's, so the clerk is told to check them."""
    key = get_key(store, key_id)
    if key is None or key.revoked_at is None:
        return []
    return [p for p in received_packages(store, key.key_id) if key.revoked_at_time(p.judged_at)]


CLOCK_AHEAD_MARGIN = timedelta(days=30)  # "now" this far past all the database knows of time


def latest_known_time(store: Store) -> datetime | None:
    """The latest time this database has seen written: its newest audit entry, package receipt
    and trust-list change (each a cheap look-up). Why: "now" far beyond it means a clock ahead."""
    row = store.db.execute(
        "SELECT max(coalesce((SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1), ''), "
        "coalesce((SELECT max(received_at) FROM received_package), ''), "
        "coalesce((SELECT max(updated_at) FROM trusted_key), ''))").fetchone()
    try:
        return parse_utc(row[0]) if row and row[0] else None
    except ValueError:
        return None


def clock_ahead_refusal(store: Store, at: datetime | None = None) -> TrustStoreError | None:
    """Why a revocation from `at` (None: now) is refused, or None: it lies more than
    CLOCK_AHEAD_MARGIN past the latest time this database recorded, so this computer's clock
    looks ahead. Asked by `revoke_key` (now), and before anything is asked of the clerk by the
    CLI and the keys dialog (whose date picker starts at today by that clock)."""
    return _clock_ahead(store, now_utc(), at)


def _clock_ahead(store: Store, when: str, chosen: datetime | None = None) -> TrustStoreError | None:
    """Why a revocation "now" (`when`), or from `chosen`, is refused: this computer's clock looks
    far ahead, and a future revocation would let the key's packages in, silently, once the
    clock is put right."""
    latest = latest_known_time(store)
    now = parse_utc(when)
    start = now if chosen is None else as_utc(chosen)
    if latest is None or start - latest <= CLOCK_AHEAD_MARGIN:
        return None
    if chosen is not None:  # a date picked: earlier is always safe (a revocation only moves back)
        day = format_local(latest)[:10]
        return TrustStoreError(
            "clock_ahead",
            f"未吊销：吊销时间 {format_local(start)} 比本数据库最近记下的时间 {format_local(latest)} "
            f"晚 {CLOCK_AHEAD_MARGIN.days} 天以上，本机时钟似乎超前（现在是 {format_local(now)}）。"
            f"请先改正系统日期再吊销，或把吊销日期定在 {day} 或更早",
            f"Not revoked: the revocation time {format_local(start)} is more than "
            f"{CLOCK_AHEAD_MARGIN.days} days after the latest time this database recorded, "
            f"{format_local(latest)}; this computer's clock looks ahead (it says "
            f"{format_local(now)}). Correct the system date and revoke again, or revoke from "
            f"{day} or earlier",
        )
    return TrustStoreError(
        "clock_ahead",
        f"未吊销：本机时钟似乎超前，现在是 {format_local(now)}，而本数据库最近记下的时间是 "
        f"{format_local(latest)}。请先改正系统日期再吊销，或用 --at 指定吊销时间（如 --at "
        f"{format_local(latest)[:10]}）",
        f"Not revoked: this computer's clock looks ahead: it says {format_local(now)}, while the "
        f"latest time this database recorded is {format_local(latest)}. Correct the system date "
        "and revoke again, or give the revocation time with --at",
    )


def revoke_key(store: Store, key_id: str, at: datetime | None = None) -> TrustedKey:
    """Revoke from `at` (default now): packages received from then on are refused.

    Revoking again can only move the time earlier, never lift a revocation. "Now" far later
    than anything the database recorded is refused (`clock_ahead`): give `at` instead.
    """
    typed = " ".join(key_id.split())
    key_id = normalize_key_id(key_id)
    if len(key_id) == 20:  # the fingerprint read out by phone names the key as well
        key_id = next((k.key_id for k in list_keys(store)
                       if k.fingerprint.replace(" ", "") == key_id), key_id)
    when = _ts(at)
    with store.transaction():
        key = get_key(store, key_id)
        if key is not None and at is None and (ahead := _clock_ahead(store, when)):
            raise ahead
        if key is None:  # named as typed: the zero-padded form is not what the clerk wrote
            short = len(typed.replace(" ", "").replace("-", "")) < 16
            raise TrustStoreError(
                "unknown_key",
                f"信任列表中没有密钥 {typed}"
                + ("（密钥编号共 16 位十六进制数字）" if short else ""),
                f"Key {typed} is not on the trust list"
                + (" (a key id has 16 hex digits)" if short else ""),
            )
        store.db.execute(
            "UPDATE trusted_key SET revoked_at = ?, updated_at = ?, author = ?, "
            "revision = revision + 1 WHERE key_id = ? AND deleted_at IS NULL "
            "AND (revoked_at IS NULL OR revoked_at > ?)",
            [when, now_utc(), store.author, key_id, when],
        )
    key = get_key(store, key_id)
    assert key is not None
    return key


def received_sequences(store: Store, key_id: str) -> dict[int, str]:
    rows = store.db.execute(
        "SELECT sequence, package_sha256 FROM received_package "
        "WHERE key_id = ? AND deleted_at IS NULL",
        [normalize_key_id(key_id)],
    ).fetchall()
    return {int(seq): sha for seq, sha in rows}


def full_sequences(store: Store, key_id: str) -> set[int]:
    """Sequences of the key's received packages whose signed manifest says ``"full": true``:
    a full export makes the packages numbered before it unnecessary (no gap warning)."""
    rows = store.db.execute(
        "SELECT sequence FROM received_package WHERE key_id = ? AND deleted_at IS NULL "
        "AND CASE WHEN json_valid(manifest_json) "
        "THEN json_type(manifest_json, '$.full') = 'true' ELSE 0 END",
        [normalize_key_id(key_id)],
    ).fetchall()
    return {int(seq) for (seq,) in rows}


def sequence_check(
    store: Store, key_id: str, sequence: int, package_sha256: str,
    previous_package_sha256: str | None = None,
) -> SequenceCheck:
    """Replay (refuse) and gap (warn) detection against what this database received."""
    return check_sequence(
        received_sequences(store, key_id), sequence, package_sha256, previous_package_sha256,
        full_sequences=full_sequences(store, key_id),
    )


def record_received(
    store: Store,
    key_id: str,
    sequence: int,
    package_sha256: str,
    *,
    manifest: dict[str, Any] | None = None,
    received_at: datetime | None = None,
    chain_broken: bool = False,
) -> None:
    """Log an accepted package; call it in the importer's transaction. Refuses a replay.
    `chain_broken`: it was accepted with the chain warning, kept for `received` to show."""
    key_id = normalize_key_id(key_id)
    with write_transaction(store.db):
        check = sequence_check(store, key_id, sequence, package_sha256)
        if check.refused:
            code = "already_imported" if check.already_imported else "replayed_sequence"
            raise TrustStoreError(
                code,
                f"签名人 {key_id} 序号 {sequence} 的数据包已收到过，拒绝重复导入",
                f"A package with sequence {sequence} from {key_id} was already received",
            )
        ts = now_utc()
        try:
            _insert_received(store, ts, key_id, sequence, package_sha256, manifest, received_at,
                             chain_broken)
        except sqlite3.IntegrityError as exc:  # another import of it won the race
            raise TrustStoreError(
                "replayed_sequence",
                f"签名人 {key_id} 序号 {sequence} 的数据包已收到过，拒绝重复导入",
                f"A package with sequence {sequence} from {key_id} was already received",
            ) from exc


def _insert_received(
    store: Store, ts: str, key_id: str, sequence: int, package_sha256: str,
    manifest: dict[str, Any] | None, received_at: datetime | None, chain_broken: bool = False,
) -> None:
    store.db.execute(
        "INSERT INTO received_package (uuid, created_at, updated_at, author, revision, "
        "origin, key_id, sequence, package_sha256, received_at, manifest_json, chain_broken) "
        "VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
        [new_uuid(), ts, ts, store.author, key_id, key_id, sequence, package_sha256,
         _ts(received_at), json.dumps(manifest or {}, ensure_ascii=False, sort_keys=True),
         int(chain_broken)],
    )


# --- what was received from each signer (read helpers for `trust list`, `received`, the GUI) ---


@dataclass(frozen=True)
class ReceivedPackage:
    """One package accepted from a signer, as its signed manifest describes it."""

    key_id: str
    sequence: int
    received_at: datetime
    sha256: str
    full: bool | None  # None: the exporter did not say
    period_from: str
    period_to: str
    record_counts: dict[str, int]
    # accepted with the warning that its previous package is not the one received here
    chain_broken: bool = False
    signed_at: datetime | None = None  # the manifest's signed created_at

    @property
    def judged_at(self) -> datetime:
        """When it counts as received for a revocation: a receiver's clock behind must not make
        a package the signer signed after the revocation look received before it."""
        return max(self.received_at, self.signed_at) if self.signed_at else self.received_at


@dataclass(frozen=True)
class SignerReceipts:
    """Why: the gap warning is printed once at import; this keeps it visible afterwards."""

    key_id: str
    count: int
    last_sequence: int | None
    last_received_at: datetime | None
    missing: tuple[int, ...]  # numbers below the last never received (since the last full export)


def _received(row: tuple[Any, ...]) -> ReceivedPackage:
    key_id, sequence, received_at, sha, manifest_json, chain_broken = row
    try:
        manifest = json.loads(manifest_json or "{}")
    except ValueError:
        manifest = {}
    manifest = manifest if isinstance(manifest, dict) else {}
    counts = manifest.get("record_counts")
    counts = {str(k): v for k, v in counts.items() if isinstance(v, int)} if isinstance(counts, dict) else {}
    full = manifest.get("full")

    def text(name: str) -> str:
        value = manifest.get(name)
        return value if isinstance(value, str) else ""

    return ReceivedPackage(
        key_id=key_id, sequence=int(sequence), received_at=parse_utc(received_at), sha256=sha,
        full=full if isinstance(full, bool) else None, period_from=text("period_from"),
        period_to=text("period_to"), record_counts=counts, chain_broken=bool(chain_broken),
        signed_at=signed_time(manifest))


def received_packages(store: Store, key_id: str | None = None) -> list[ReceivedPackage]:
    """Every package received (from one signer when `key_id` is given), by signer then number."""
    sql = ("SELECT key_id, sequence, received_at, package_sha256, manifest_json, chain_broken "
           "FROM received_package WHERE deleted_at IS NULL")
    params: list[Any] = []
    if key_id is not None:
        sql += " AND key_id = ?"
        params.append(normalize_key_id(key_id))
    rows = store.db.execute(sql + " ORDER BY key_id, sequence", params).fetchall()
    return [_received(r) for r in rows]


def signed_before_previous(packages: Iterable[ReceivedPackage]) -> set[tuple[str, int]]:
    """(key id, sequence) of each package signed earlier than one numbered before it by the same
    key: the signer's clock went back (a 2019 package after one of 2026), so its periods and
    record times are off; marked in `received` rather than refused (sequence numbers, not
    clocks, order packages)."""
    latest: dict[str, datetime] = {}
    out = set()
    for p in sorted(packages, key=lambda p: (p.key_id, p.sequence)):
        if p.signed_at is None:
            continue
        before = latest.get(p.key_id)
        if before is not None and p.signed_at < before:
            out.add((p.key_id, p.sequence))
        latest[p.key_id] = max(p.signed_at, before) if before else p.signed_at
    return out


def missing_sequences(received: Iterable[int], fulls: Iterable[int] = ()) -> tuple[int, ...]:
    """Numbers below the highest received that never arrived, counted from after the latest
    full export (which made earlier packages unnecessary): the import's gap rule, kept."""
    have = set(received)
    if not have:
        return ()
    start = max([s for s in fulls if s in have], default=0) + 1
    gaps = (s for s in range(start, max(have)) if s not in have)
    return tuple(islice(gaps, MAX_MISSING))


def signer_receipts(store: Store, key_id: str) -> SignerReceipts:
    """Count, last number and time, and outstanding gaps of what one signer sent here."""
    packages = received_packages(store, key_id)
    last = max(packages, key=lambda p: p.sequence, default=None)
    return SignerReceipts(
        key_id=normalize_key_id(key_id), count=len(packages),
        last_sequence=last.sequence if last else None,
        last_received_at=last.received_at if last else None,
        missing=missing_sequences((p.sequence for p in packages),
                                  (p.sequence for p in packages if p.full)))
