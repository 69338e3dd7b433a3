"""Where a record came from: the key that first sent it, named as well as this office can.

Why: the city trusts county keys, not every inspector's, yet must see who made each record.
A county package therefore carries a directory of the keys on the county's trust list
(``signers`` in its signed manifest); a name taken from there says which package vouched
for it, and the time a listed key was revoked there (``revoked_at``), so that the city sees a
county's revocation too. Nothing here decides anything: it only reads the trust list and
received manifests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from qcdesk.exchange.trust import format_utc, parse_utc
from qcdesk.models import trust_store
from qcdesk.models.store import Store

LOCAL = "local"  # origin/editor of what was made in this database
_RECENT_PACKAGES = 500  # received manifests searched for a name, newest first


@dataclass(frozen=True)
class Signer:
    key_id: str
    name: str = ""
    jurisdiction: str = ""
    role: str = ""
    vouched_by: str = ""  # "" when named by our trust list or its own signed package
    trusted: bool = False  # on our trust list (perhaps without a name)
    # revoked from then on: by our trust list, else by the package that named the key
    revoked_at: datetime | None = None


def signer_directory(store: Store) -> dict[str, dict[str, str]]:
    """The trust list as a package's ``signers``: key id -> name, jurisdiction, role, and
    ``revoked_at`` (UTC) for a revoked key, so the receiver sees that records first made with it
    may be a thief's. An added key: readers before it take only the three names (`signer_info`)."""
    rows = store.db.execute("SELECT key_id, name, jurisdiction, role, revoked_at FROM trusted_key "
                            "WHERE deleted_at IS NULL AND name != '' ORDER BY key_id").fetchall()
    directory = {}
    for key_id, name, jurisdiction, role, revoked_at in rows:
        entry = {"name": name, "jurisdiction": jurisdiction or "", "role": role or ""}
        if revoked_at:
            entry["revoked_at"] = format_utc(parse_utc(revoked_at))
        directory[key_id] = entry
    return directory


def signer_info(store: Store, key_id: str) -> Signer:
    """Named by our trust list; else by a package that key signed; else by a package whose
    signer listed it (vouched_by names that signer); else the bare key id."""
    row = store.db.execute("SELECT name, jurisdiction, role, revoked_at FROM trusted_key WHERE "
                           "key_id = ? AND deleted_at IS NULL", [key_id]).fetchone()
    revoked = parse_utc(row[3]) if row and row[3] else None
    if row and row[0]:
        return Signer(key_id, row[0], row[1] or "", row[2] or "", trusted=True, revoked_at=revoked)
    trusted = row is not None
    vouched: Signer | None = None
    for (text,) in store.db.execute(
            "SELECT manifest_json FROM received_package WHERE deleted_at IS NULL "
            "ORDER BY id DESC LIMIT ?", [_RECENT_PACKAGES]):
        manifest = _json(text)
        if manifest.get("signer_key_id") == key_id and manifest.get("signer_name"):
            return Signer(key_id, str(manifest["signer_name"]),
                          str(manifest.get("jurisdiction") or ""), str(manifest.get("role") or ""),
                          trusted=trusted, revoked_at=revoked)
        entry = manifest.get("signers", {}).get(key_id) if isinstance(
            manifest.get("signers"), dict) else None
        if vouched is None and isinstance(entry, dict) and entry.get("name"):
            vouched = Signer(key_id, str(entry["name"]), str(entry.get("jurisdiction") or ""),
                             str(entry.get("role") or ""), str(manifest.get("signer_name") or ""),
                             trusted, revoked or _time(entry.get("revoked_at")))
    return vouched or Signer(key_id, trusted=trusted, revoked_at=revoked)


def record_origin(store: Store, table: str, uuid: str) -> Signer | None:
    """Who first made the record, named (None: made in this database, or not found)."""
    if table not in {r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}:
        return None
    row = store.db.execute(f'SELECT origin FROM "{table}" WHERE uuid = ?', [uuid]).fetchone()
    if row is None or row[0] in (None, "", LOCAL):
        return None
    return signer_info(store, str(row[0]))


def late_arrival(store: Store, table: str, uuid: str) -> trust_store.ReceivedPackage | None:
    """The package the record's current version came in, when it was received at or after its
    signing key's revocation time (a back-dated revocation: the theft was learnt of later). Its
    content may be the thief's; None otherwise, or when the package was not recorded."""
    row = store.db.execute(
        "SELECT r.key_id, r.package_sha256 FROM exchange_lineage l"
        " JOIN exchange_package p ON p.id = l.package"
        " JOIN received_package r ON r.package_sha256 = p.package_sha256 AND r.deleted_at IS NULL"
        " WHERE l.kind = ? AND l.uuid = ?", [table, uuid]).fetchone()
    if row is None:
        return None
    late = trust_store.received_after_revocation(store, row[0])
    return next((p for p in late if p.sha256 == row[1]), None)


def _time(value: Any) -> datetime | None:
    """A time from a package's directory (signed by a trusted key, but perhaps malformed)."""
    try:
        return parse_utc(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
