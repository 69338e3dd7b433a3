"""Which keys' packages we accept, and how sequence numbers are judged.

`open_package` asks a `TrustResolver` for the signer's entry and for the sequences already
received from that key. `StaticTrust` serves a single public key (e.g. `qcdesk verify
--pubkey`); `StoreTrust` serves the trust list in the database (SQL in models/trust_store).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from qcdesk.exchange.minisign import PublicKey, normalize_key_id

if TYPE_CHECKING:
    from qcdesk.models.store import Store

ROLES = ("inspector", "county")


@dataclass(frozen=True)
class TrustedKey:
    """One entry of the trust list; empty name/jurisdiction/role mean "not pinned"."""

    public_key: PublicKey
    name: str = ""
    jurisdiction: str = ""
    role: str = ""
    added_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def key_id(self) -> str:
        return self.public_key.key_id

    @property
    def fingerprint(self) -> str:
        return self.public_key.fingerprint

    def revoked_at_time(self, when: datetime) -> bool:
        """A revocation takes effect at its time: packages received from then on are refused."""
        return self.revoked_at is not None and as_utc(when) >= as_utc(self.revoked_at)


@runtime_checkable
class TrustResolver(Protocol):
    def trusted_key(self, key_id: str) -> TrustedKey | None:
        """The trust-list entry for this key id (upper hex), or None when unknown."""
        ...

    def received_sequences(self, key_id: str) -> dict[int, str]:
        """Sequence number → package SHA-256 of every package already received from the key."""
        ...


@dataclass
class StaticTrust:
    """A fixed set of keys and nothing received yet (verification without a database)."""

    keys: list[TrustedKey] = field(default_factory=list)

    @classmethod
    def of(cls, keys: Iterable[PublicKey | TrustedKey]) -> StaticTrust:
        return cls([k if isinstance(k, TrustedKey) else TrustedKey(k) for k in keys])

    def trusted_key(self, key_id: str) -> TrustedKey | None:
        return next((k for k in self.keys if k.key_id == normalize_key_id(key_id)), None)

    def received_sequences(self, key_id: str) -> dict[int, str]:
        return {}


class StoreTrust:
    """The trust list and received-package log of a QCDesk database."""

    def __init__(self, store: Store):
        self.store = store

    def trusted_key(self, key_id: str) -> TrustedKey | None:
        from qcdesk.models import trust_store

        return trust_store.get_key(self.store, key_id)

    def received_sequences(self, key_id: str) -> dict[int, str]:
        from qcdesk.models import trust_store

        return trust_store.received_sequences(self.store, key_id)


@dataclass(frozen=True)
class SequenceCheck:
    """How a package's sequence number relates to what was received before."""

    already_imported: bool = False  # same sequence, same package: nothing new
    conflict: bool = False  # same sequence, different package: a replay or a forked signer
    missing: tuple[int, ...] = ()  # earlier sequence numbers never received (a warning)
    chain_broken: bool = False  # previous_package_sha256 names another package (a warning)

    @property
    def refused(self) -> bool:
        return self.already_imported or self.conflict


def check_sequence(
    received: dict[int, str],
    sequence: int,
    package_sha256: str,
    previous_package_sha256: str | None = None,
) -> SequenceCheck:
    """Judge a sequence number: a replay is refused, a gap only reported.

    Gaps count from the lowest sequence ever received from the key, so a key first seen
    mid-way (e.g. the trust list was set up later) is not flagged for its whole past.
    """
    if sequence in received:
        if received[sequence] == package_sha256:
            return SequenceCheck(already_imported=True)
        return SequenceCheck(conflict=True)
    missing: tuple[int, ...] = ()
    if received:
        start = min(received)
        missing = tuple(s for s in range(start, sequence) if s not in received)[:1000]
    prev = received.get(sequence - 1)
    chain_broken = prev is not None and previous_package_sha256 != prev
    return SequenceCheck(missing=missing, chain_broken=chain_broken)


def as_utc(when: datetime) -> datetime:
    """Naive datetimes are taken as UTC (all stored times are UTC)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def parse_utc(text: str) -> datetime:
    """Parse an ISO-8601 time (``...Z`` or with offset; a bare date means its start, UTC)."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return as_utc(value)


def format_utc(when: datetime) -> str:
    return as_utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")
