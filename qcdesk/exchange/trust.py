"""Which keys' packages we accept, and how sequence numbers are judged.

`open_package` asks a `TrustResolver` for the signer's entry and for the sequences already
received from that key. `StaticTrust` serves a single public key (e.g. `qcdesk verify
--pubkey`); `StoreTrust` serves the trust list in the database (SQL in models/trust_store).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from qcdesk.exchange.minisign import PublicKey, normalize_key_id
from qcdesk.models.clock_text import local_time

if TYPE_CHECKING:
    from qcdesk.models.store import Store

ROLES = ("inspector", "county", "city")
CITY_JURISDICTION = "421200"  # 咸宁市: the only jurisdiction a city office (role city) signs for


def role_refusal(role: str, jurisdiction: str, lang: str = "zh") -> str | None:
    """Why a key's role and jurisdiction cannot go together, or None. A city key stands for the
    city office (市质强办) alone; counties must not read a county's package as the city's."""
    from qcdesk.models.messages import message

    if role == "city" and jurisdiction != CITY_JURISDICTION:
        return message("role.city_jurisdiction", lang, jurisdiction=jurisdiction or "-")
    return None


def trust_name_refusal(name: str, lang: str = "zh") -> str | None:
    """Why `name` cannot go on the trust list, or None (blank: the name is not pinned). The export's
    rule (`package_rules.signer_name_refusal`) holds here too: `trust list` prints tab-separated
    lines and the import names the signer by it, and a key made before keygen refused a tab
    brings one in its .json description."""
    from qcdesk.exchange.package_rules import signer_name_refusal

    return signer_name_refusal(name, lang) if name else None


def printable_name(name: str) -> str:
    """`name` with each control character (tab, line break, …) and line or paragraph separator
    shown as a space: for lines and cells that list a stored name."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in name)


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

    @property
    def shown_name(self) -> str:
        """The name as listed: each control character a space. Older QCDesk versions took a name
        holding a tab or line break (王<Tab>五), which split `trust list`'s tab-separated line and
        the trust page's cell; the stored name is left as it is (it is what was trusted)."""
        return printable_name(self.name)

    def revoked_at_time(self, when: datetime) -> bool:
        """A revocation takes effect at its time: packages received from then on are refused."""
        return self.revoked_at is not None and as_utc(when) >= as_utc(self.revoked_at)


@runtime_checkable
class TrustResolver(Protocol):
    # False when nothing is known of what was received (verify --pubkey): no gap warnings
    received_log: ClassVar[bool]

    def trusted_key(self, key_id: str) -> TrustedKey | None:
        """The trust-list entry for this key id (upper hex), or None when unknown."""
        ...

    def received_sequences(self, key_id: str) -> dict[int, str]:
        """Sequence number → package SHA-256 of every package already received from the key."""
        ...

    def full_sequences(self, key_id: str) -> set[int]:
        """Sequence numbers of received packages whose signed manifest says ``"full": true``."""
        ...


@dataclass
class StaticTrust:
    """A fixed set of keys and nothing received yet (verification without a database)."""

    received_log: ClassVar[bool] = False
    keys: list[TrustedKey] = field(default_factory=list)

    @classmethod
    def of(cls, keys: Iterable[PublicKey | TrustedKey]) -> StaticTrust:
        return cls([k if isinstance(k, TrustedKey) else TrustedKey(k) for k in keys])

    def trusted_key(self, key_id: str) -> TrustedKey | None:
        return next((k for k in self.keys if k.key_id == normalize_key_id(key_id)), None)

    def received_sequences(self, key_id: str) -> dict[int, str]:
        return {}

    def full_sequences(self, key_id: str) -> set[int]:
        return set()


class StoreTrust:
    """The trust list and received-package log of a QCDesk database."""

    received_log: ClassVar[bool] = True

    def __init__(self, store: Store):
        self.store = store

    def trusted_key(self, key_id: str) -> TrustedKey | None:
        from qcdesk.models import trust_store

        return trust_store.get_key(self.store, key_id)

    def received_sequences(self, key_id: str) -> dict[int, str]:
        from qcdesk.models import trust_store

        return trust_store.received_sequences(self.store, key_id)

    def full_sequences(self, key_id: str) -> set[int]:
        from qcdesk.models import trust_store

        return trust_store.full_sequences(self.store, key_id)


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
    *,
    full_sequences: Iterable[int] = (),
    full: bool = False,
) -> SequenceCheck:
    """Judge a sequence number: a replay is refused, a gap only reported.

    A gap is any number from 1 to the highest received (this package included) that never
    arrived, whichever order packages come in. A full export (``"full": true`` in its signed
    manifest) carries every record its signer has, so the packages numbered before it are no
    longer needed: gaps count from the latest full export received or being received.
    """
    if sequence in received:
        if received[sequence] == package_sha256:
            return SequenceCheck(already_imported=True)
        return SequenceCheck(conflict=True)
    highest = max([sequence, *received])
    fulls = [s for s in full_sequences if s in received] + ([sequence] if full else [])
    start = max(fulls, default=0) + 1
    gaps = (s for s in range(start, highest) if s not in received and s != sequence)
    missing = tuple(islice(gaps, MAX_MISSING))
    prev = received.get(sequence - 1)
    chain_broken = prev is not None and previous_package_sha256 != prev
    return SequenceCheck(missing=missing, chain_broken=chain_broken)


MAX_MISSING = 1000  # a gap list is for reading; more than this is shown as "…"


def judge_sequence(
    resolver: TrustResolver, key_id: str, manifest: dict[str, Any], package_sha256: str
) -> SequenceCheck:
    """`check_sequence` for a checked manifest, against what `resolver` has received; with no
    log of received packages (verify --pubkey) nothing is known to be missing."""
    check = check_sequence(
        resolver.received_sequences(key_id), manifest["sequence"], package_sha256,
        manifest["previous_package_sha256"], full_sequences=resolver.full_sequences(key_id),
        full=manifest.get("full") is True,
    )
    return check if resolver.received_log else replace(check, missing=())


@dataclass(frozen=True)
class PackageWarning:
    code: str
    message_zh: str
    message_en: str


def sequence_warnings(seq: SequenceCheck) -> list[PackageWarning]:
    """What a sequence check (`trust.check_sequence`) reports without refusing the package."""
    out = []
    if seq.missing:
        out.append(PackageWarning(
            "sequence_gap",
            f"缺少此签名人之前的数据包（序号 {_runs(seq.missing, '、', '～')}），请向签名人索取；"
            "签名人新导出一个全部数据的数据包也可补齐（收到后之前的序号不再缺少）",
            f"Earlier packages from this signer are missing (sequence "
            f"{_runs(seq.missing, ', ', '-')}); ask the signer for them, or for a new full "
            "package (once it is received, the earlier numbers are no longer missing)",
        ))
    if seq.chain_broken:
        out.append(PackageWarning(
            "chain_broken",
            "数据包声明的上一个包与本机收到的不一致，请与签名人核实",
            "The package's previous-package hash differs from the one received here",
        ))
    return out


AHEAD_MARGIN = timedelta(days=1)  # a signed time this far past our clock: one of the two is wrong


def signed_time(manifest: dict[str, Any]) -> datetime | None:
    """The manifest's signed created_at (UTC), or None when it is not a time."""
    try:
        return parse_utc(str(manifest.get("created_at") or ""))
    except ValueError:
        return None


def clock_warnings(key: TrustedKey, signed_at: datetime | None,
                   received: datetime) -> list[PackageWarning]:
    """What clocks tell about an accepted package: signed later than our now (either computer's
    date is wrong), and a revocation still to come (entered while this computer's clock ran
    ahead, it lets the key's packages in until then)."""
    out = []
    if signed_at is not None and signed_at - as_utc(received) > AHEAD_MARGIN:
        out.append(PackageWarning(
            "signed_after_now",
            f"数据包的签名时间 {format_local(signed_at)} 晚于本机时间 {format_local(received)}，"
            "两台电脑中有一台的日期不对，请检查本机或签名人电脑的日期",
            f"The package was signed at {format_local(signed_at)}, later than this computer's "
            f"time {format_local(received)}: check the date on this computer or the signer's",
        ))
    if key.revoked_at is not None:  # not yet in effect, or the package would have been refused
        out.append(PackageWarning(
            "revocation_due",
            f"此密钥定于 {format_local(key.revoked_at)} 吊销，在此之前仍可导入它签名的数据包；"
            f"如果吊销时本机时钟超前，请用正确的时间重新吊销（qcdesk trust revoke {key.key_id} "
            "--at YYYY-MM-DD）",
            f"This key is due to be revoked at {format_local(key.revoked_at)} and is accepted "
            "until then; if this computer's clock ran ahead when it was revoked, revoke it again "
            f"with the right time (qcdesk trust revoke {key.key_id} --at YYYY-MM-DD)",
        ))
    return out


def _runs(numbers: tuple[int, ...], sep: str, dash: str, shown: int = 10) -> str:
    """1、2、5～9 for (1, 2, 5, 6, 7, 8, 9): runs of three or more as a span, at most `shown`
    items, "…" for more (and for a list cut short at `trust.MAX_MISSING`)."""
    items: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            items.append(f"{numbers[i]}{dash}{numbers[j]}")
        else:
            items += [str(n) for n in numbers[i : j + 1]]
        i = j + 1
    more = len(items) > shown or len(numbers) >= MAX_MISSING
    return sep.join(items[:shown]) + ("…" if more else "")


def as_utc(when: datetime) -> datetime:
    """Naive datetimes are taken as UTC (all stored times are UTC)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def parse_utc(text: str) -> datetime:
    """Parse an ISO-8601 time (``...Z`` or with offset; a bare date means its start, UTC)."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return as_utc(value)


def format_utc(when: datetime) -> str:
    return as_utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_local(when: datetime) -> str:
    """A stored (UTC) time as the clerk reads it: this computer's local time, to the minute,
    as the keys dialog shows it (a revocation typed as 2026-11-01 reads 2026-11-01 00:00)."""
    return local_time(as_utc(when))
