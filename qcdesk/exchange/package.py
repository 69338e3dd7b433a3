"""Signed exchange package v1: ``<jurisdiction>_<signer>_<key id, 8>_<seq>_<date>.qcpkg.zip``.

Members: ``data.xlsx`` + ``data.xlsx.minisig``, ``manifest.json`` + ``manifest.json.minisig``
and optionally ``photos/<sha256>.<ext>``. The manifest lists the SHA-256 and size of every
other member, so its signature covers the whole package. Everything a package claims is
checked in `open_package` before any database sees it. Format: docs/exchange-format.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qcdesk.exchange.minisign import (
    SIGNATURE_ALGORITHM,
    MinisignError,
    PublicKey,
    SecretKey,
    Signature,
    blake2b_512,
    verify_signature,
)
from qcdesk.exchange.package_rules import (
    DATA,
    DATA_SIG,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_SIG,
    ROLE_LABELS_ZH,
    ZIP_ERRORS,
    PackageLimits,
    PackageRejected,
    check_central_directory,
    check_entries,
    check_manifest,
    check_trusted_comment,
    damage_detail,
    format_version_for,
    member_chunks,
    reject,
    signer_claim,
    trusted_comment,
    validate_build_args,
)
from qcdesk.exchange.trust import (
    PackageWarning,
    StaticTrust,
    TrustedKey,
    TrustResolver,
    format_local,
    format_utc,
    judge_sequence,
    sequence_warnings,
)
from qcdesk.models.file_replace import replace_into_place
from qcdesk.models.held_files import opened

__all__ = [
    "PackageCancelled", "PackageLimits", "PackageRejected", "PackageWarning", "SignerInfo",
    "VerifiedPackage", "build_package", "open_package", "package_file_name", "file_sha256",
    "photo_member_name", "safe_name_component", "FORMAT_VERSION",
]

_CHUNK = 1 << 20


class PackageCancelled(Exception):
    """build_package was cancelled by its `cancel` callback; no file was left behind."""


@dataclass(frozen=True)
class SignerInfo:
    key_id: str
    fingerprint: str
    name: str  # as the signer wrote it in the (signed) manifest
    jurisdiction: str
    role: str
    trusted_name: str  # as recorded on our trust list ("" when verified with a bare key)


@dataclass
class VerifiedPackage:
    """A package whose every check passed; members are extracted under `extract_dir`."""

    path: Path
    sha256: str
    manifest: dict[str, Any]
    signer: SignerInfo
    extract_dir: Path
    received_at: datetime
    warnings: list[PackageWarning] = field(default_factory=list)

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def member_names(self) -> list[str]:
        return sorted(self.manifest["members"])

    def member_path(self, name: str) -> Path:
        """Path of an extracted member whose SHA-256 matched the signed manifest."""
        if name not in self.manifest["members"]:
            raise KeyError(name)
        return self.extract_dir.joinpath(*name.split("/"))


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def photo_member_name(path: Path) -> str:
    """The member name a photo gets: ``photos/<sha256>.<ext>`` (content-addressed).

    The extension is the file's own, or the picture type of its content for a name no package
    carries (`photo_budget.photo_member_extension`: a JPEG stored as ``.jfif`` goes as ``.jpg``).
    Raises PhotoNotCarried (a ValueError) for a file no package may carry.
    """
    from qcdesk.exchange.photo_budget import photo_member_extension

    return f"photos/{file_sha256(path)}.{photo_member_extension(path)}"


def safe_name_component(text: str, limit: int = 32) -> str:
    """Letters (any script), digits and '-' survive; everything else becomes '_'."""
    text = unicodedata.normalize("NFC", text)
    out = "".join(c if c.isalnum() or c == "-" else "_" for c in text)
    out = re.sub(r"_+", "_", out).strip("_-")[:limit]
    return out or "x"


KEY_ID_IN_NAME = 8  # hex digits of the signing key's id in a package's file name


def package_file_name(
    jurisdiction: str, signer_name: str, sequence: int, created: datetime, *, key_id: str
) -> str:
    """e.g. ``421221_张三_1C85C379_000012_20261129.qcpkg.zip``; the date is the signer's local
    date. The key id's first digits keep apart the packages of two keys of one name (two 张伟,
    an old and a new key), which number from 1 each: one file would replace the other in a
    shared folder. Nothing reads the name back: a package is what its signed manifest says."""
    day = created.astimezone().strftime("%Y%m%d")
    return (
        f"{safe_name_component(jurisdiction)}_{safe_name_component(signer_name)}_"
        f"{key_id[:KEY_ID_IN_NAME].upper()}_{sequence:06d}_{day}.qcpkg.zip"
    )


def build_package(
    out_dir: Path,
    members: dict[str, Path],
    manifest_fields: dict[str, Any],
    secret_key: SecretKey,
    *,
    signer_name: str,
    jurisdiction: str,
    role: str,
    sequence: int,
    previous_package_sha256: str | None,
    cancel: Callable[[], bool] | None = None,
    created_at: datetime | None = None,
    publish: bool = True,
    later_data: bool = False,
) -> Path:
    """Write a signed package into `out_dir` and return its path (``publish=False``: the
    complete hidden ``.<name>.<random>.part`` file, for the caller to rename once it has
    recorded the package).

    `members` maps member name → source file: ``data.xlsx`` is required; photos are named
    ``photos/<sha256>.<ext>`` (see `photo_member_name`). `manifest_fields` carries
    ``period_from``/``period_to`` (ISO dates), ``record_counts`` ({kind: n}) and any other
    caller keys. Written to a hidden temp file in `out_dir` and renamed at the end: on an
    error or when `cancel()` turns true (checked between members) nothing is left behind.
    Raises FileExistsError if a package of that name exists, ValueError on bad arguments.
    `later_data`: data.xlsx uses a later column (a re-test), so the package says format
    version 2 and an older QCDesk refuses it as such (`format_version_for`).
    """
    out_dir = Path(out_dir)
    created = (created_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    extra = validate_build_args(
        members, manifest_fields, signer_name, jurisdiction, role, sequence,
        previous_package_sha256,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / package_file_name(jurisdiction, signer_name, sequence, created,
                                        key_id=secret_key.key_id)
    if final.exists():
        raise FileExistsError(final)
    comment_fields = {
        "key_id": secret_key.key_id, "name": signer_name, "jurisdiction": jurisdiction,
        "role": role, "sequence": sequence, "created": created,
        "format_version": format_version_for(role, later_data),
    }

    def check_cancel() -> None:
        if cancel is not None and cancel():
            raise PackageCancelled()

    fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{final.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
            listed: dict[str, dict[str, Any]] = {}
            stamp = created.astimezone().timetuple()[:6]
            order = [DATA] + sorted(n for n in members if n != DATA)
            data_b2 = b""
            for name in order:
                check_cancel()
                sha, size, b2 = _copy_in(zf, name, Path(members[name]), stamp, check_cancel)
                if name.startswith("photos/") and name.split("/")[1].split(".")[0] != sha:
                    raise ValueError(f"photo {name} does not match its content ({sha})")
                listed[name] = {"sha256": sha, "size": size}
                if name == DATA:
                    data_b2 = b2
            check_cancel()
            data_sig = secret_key.sign_digest(
                data_b2, trusted_comment(file=DATA, **comment_fields)
            ).encode("utf-8")
            _write_bytes(zf, DATA_SIG, data_sig, stamp)
            listed[DATA_SIG] = {"sha256": hashlib.sha256(data_sig).hexdigest(),
                                "size": len(data_sig)}
            manifest = {
                **extra,
                "format": FORMAT_NAME,
                "format_version": comment_fields["format_version"],
                "signature_algorithm": SIGNATURE_ALGORITHM,
                "signer_key_id": secret_key.key_id,
                "signer_name": signer_name,
                "jurisdiction": jurisdiction,
                "role": role,
                "sequence": sequence,
                "previous_package_sha256": previous_package_sha256,
                "created_at": format_utc(created),
                "members": dict(sorted(listed.items())),
            }
            manifest_bytes = (
                json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            ).encode("utf-8")
            _write_bytes(zf, MANIFEST, manifest_bytes, stamp)
            manifest_sig = secret_key.sign_bytes(
                manifest_bytes, trusted_comment(file=MANIFEST, **comment_fields)
            )
            _write_bytes(zf, MANIFEST_SIG, manifest_sig.encode("utf-8"), stamp)
            zf.close()
            raw.flush()
            os.fsync(raw.fileno())
        check_cancel()
        if not publish:
            return tmp
        if final.exists():
            raise FileExistsError(final)
        replace_into_place(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return final


def _zipinfo(name: str, stamp: tuple[int, ...], size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.external_attr = 0o100644 << 16  # a regular file, never a link
    photo = name.startswith("photos/")
    info.compress_type = zipfile.ZIP_STORED if photo else zipfile.ZIP_DEFLATED
    info.file_size = size
    return info


def _copy_in(
    zf: zipfile.ZipFile,
    name: str,
    src: Path,
    stamp: tuple[int, ...],
    check_cancel: Callable[[], None],
) -> tuple[str, int, bytes]:
    """Copy a file into the zip, hashing exactly the bytes written (no read-twice race)."""
    sha = hashlib.sha256()
    b2 = hashlib.blake2b(digest_size=64)
    size = 0
    with open(src, "rb") as fh, zf.open(_zipinfo(name, stamp, src.stat().st_size), "w") as dst:
        n = 0
        while chunk := fh.read(_CHUNK):
            sha.update(chunk)
            if name == DATA:
                b2.update(chunk)
            dst.write(chunk)
            size += len(chunk)
            n += 1
            if n % 64 == 0:
                check_cancel()
    return sha.hexdigest(), size, b2.digest()


def _write_bytes(zf: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...]) -> None:
    zf.writestr(_zipinfo(name, stamp, len(data)), data)


def open_package(
    path: Path,
    *,
    trusted_keys: TrustResolver | PublicKey,
    workdir: Path,
    received_at: datetime | None = None,
    limits: PackageLimits | None = None,
) -> VerifiedPackage:
    """Check a package completely and extract its members into a new folder under `workdir`.

    `trusted_keys` is the trust list (e.g. `StoreTrust(store)`) or one `PublicKey`.
    `received_at` (default now) decides whether a revocation applies. Raises
    `PackageRejected(reason_zh, reason_en, code)` for anything wrong, leaving nothing
    extracted. A replayed sequence is refused; gaps come back as `warnings`.
    """
    path = Path(path)
    limits = limits or PackageLimits()
    received = received_at or datetime.now(UTC)
    resolver: TrustResolver = (StaticTrust.of([trusted_keys]) if isinstance(trusted_keys, PublicKey)
                               else trusted_keys)
    try:
        size = path.stat().st_size
        fh = opened(path)  # closed below; the database chosen by mistake keeps its locks (held_files)
    except OSError as exc:
        raise reject("unreadable", path=path.name) from exc
    if size > limits.max_package_bytes:
        fh.close()
        raise reject("package_too_large", size=size, limit=limits.max_package_bytes)
    with fh:
        sha = hashlib.sha256()
        while chunk := fh.read(_CHUNK):
            sha.update(chunk)
        package_sha = sha.hexdigest()
        check_central_directory(fh, size, limits)
        fh.seek(0)
        try:
            zf = zipfile.ZipFile(fh)
        except ZIP_ERRORS as exc:
            raise reject("not_a_zip") from exc
        with zf:
            try:
                return _open_zip(zf, path, package_sha, resolver, Path(workdir), received, limits,
                                 trusted_keys if isinstance(trusted_keys, PublicKey) else None)
            except PackageRejected:
                raise
            except _LocalFileError as exc:  # e.g. a full disk here: not the sender's fault
                raise exc.args[0] from None
            except ZIP_ERRORS as exc:
                raise reject("corrupt", where="其中的内容", where_en="its content",
                             detail=damage_detail(exc)) from exc


class _LocalFileError(Exception):
    """Writing the extracted members here failed (args[0]: the OSError), not reading them."""


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with zf.open(info) as src:
        data = src.read(limit + 1)
    if len(data) > limit:
        raise reject("member_too_large", name=info.filename)
    return data


def _signature(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: PackageLimits, member: str
) -> Signature:
    try:
        sig = Signature.parse(_read_limited(zf, info, limits.max_signature_bytes))
    except MinisignError as exc:
        raise reject("bad_signature", name=member, why=exc.reason_zh, why_en=exc.reason_en) from exc
    if not sig.prehashed:
        raise reject("legacy_signature", name=member)
    return sig


def _verify(key: TrustedKey, sig: Signature, digest: bytes, member: str) -> str:
    try:
        return verify_signature(key.public_key, sig, digest=digest, require_prehashed=True)
    except MinisignError as exc:
        raise reject("bad_signature", name=member, why=exc.reason_zh, why_en=exc.reason_en) from exc


def _open_zip(
    zf: zipfile.ZipFile,
    path: Path,
    package_sha: str,
    resolver: TrustResolver,
    workdir: Path,
    received: datetime,
    limits: PackageLimits,
    single_key: PublicKey | None,
) -> VerifiedPackage:
    infos = check_entries(zf.infolist(), limits)
    msig = _signature(zf, infos[MANIFEST_SIG], limits, MANIFEST_SIG)
    key = resolver.trusted_key(msig.key_id)
    if key is None and single_key is not None:
        raise reject("wrong_key", key_id=msig.key_id, given=single_key.key_id)
    if key is None:
        raise reject("untrusted_key", key_id=msig.key_id, **signer_claim(zf, infos, limits, msig.key_id))
    if key.revoked_at_time(received):
        # the office's own clock: a revocation at local midnight is not "the day before"
        raise reject("revoked_key", key_id=key.key_id, at=format_local(key.revoked_at))
    manifest_bytes = _read_limited(zf, infos[MANIFEST], limits.max_manifest_bytes)
    mcomment = _verify(key, msig, blake2b_512(manifest_bytes), MANIFEST)
    manifest = check_manifest(manifest_bytes, msig.key_id)
    check_trusted_comment(mcomment, MANIFEST, manifest)
    if key.role and manifest["role"] != key.role:
        raise reject("role_mismatch", role=manifest["role"], trusted=key.role,
                     role_zh=ROLE_LABELS_ZH.get(manifest["role"], manifest["role"]),
                     trusted_zh=ROLE_LABELS_ZH.get(key.role, key.role))
    if key.jurisdiction and manifest["jurisdiction"] != key.jurisdiction:
        raise reject(
            "jurisdiction_mismatch", region=manifest["jurisdiction"], trusted=key.jurisdiction
        )
    listed = manifest["members"]
    present = set(infos) - {MANIFEST, MANIFEST_SIG}
    if set(listed) != present:
        raise reject("members_differ", names=", ".join(sorted(set(listed) ^ present))[:200])
    for name, meta in listed.items():
        if infos[name].file_size != meta["size"]:
            raise reject("member_changed", name=name)
    signer_text = f"{manifest['signer_name']}（{manifest['jurisdiction']}）"
    seq = judge_sequence(resolver, key.key_id, manifest, package_sha)
    if seq.already_imported:  # the very bytes received and checked before: intact, no extraction
        raise reject("already_imported", sequence=manifest["sequence"], signer=signer_text)
    try:
        workdir.mkdir(parents=True, exist_ok=True)
        extract_dir = Path(tempfile.mkdtemp(prefix="qcpkg-", dir=workdir))
    except OSError as exc:
        raise _LocalFileError(exc) from exc
    try:
        data_b2 = b""
        for name in sorted(listed):
            data_b2 = _extract(zf, infos[name], listed[name], extract_dir) or data_b2
        dsig = Signature.parse((extract_dir / DATA_SIG).read_bytes())
        if not dsig.prehashed:
            raise reject("legacy_signature", name=DATA_SIG)
        if dsig.keynum != msig.keynum:
            raise reject("signers_differ")
        check_trusted_comment(_verify(key, dsig, data_b2, DATA), DATA, manifest)
        # Only an intact, authentic package is a replay: a damaged copy of one received before
        # was refused above as damaged, which is what its receiver must be told.
        if seq.conflict:
            raise reject("replayed_sequence", sequence=manifest["sequence"], signer=signer_text)
    except BaseException:
        shutil.rmtree(extract_dir, ignore_errors=True)
        raise
    warnings = sequence_warnings(seq)
    signer = SignerInfo(
        key_id=key.key_id, fingerprint=key.fingerprint, name=manifest["signer_name"],
        jurisdiction=manifest["jurisdiction"], role=manifest["role"], trusted_name=key.name,
    )
    return VerifiedPackage(path, package_sha, manifest, signer, extract_dir, received, warnings)


def _extract(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, meta: dict[str, Any], extract_dir: Path
) -> bytes | None:
    """Stream one member out, never writing more than the manifest's size; check its hash."""
    target = extract_dir.joinpath(*info.filename.split("/"))
    if extract_dir.resolve() not in target.resolve().parents:
        raise reject("unsafe_path", name=info.filename)
    sha = hashlib.sha256()
    b2 = hashlib.blake2b(digest_size=64) if info.filename == DATA else None
    written = 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as dst:
            for chunk in member_chunks(zf, info, _CHUNK):
                written += len(chunk)
                if written > meta["size"]:
                    raise reject("member_changed", name=info.filename)
                sha.update(chunk)
                if b2 is not None:
                    b2.update(chunk)
                dst.write(chunk)
    except OSError as exc:  # the package's read errors arrive as PackageRejected
        raise _LocalFileError(exc) from exc
    if written != meta["size"] or sha.hexdigest() != meta["sha256"]:
        raise reject("member_changed", name=info.filename)
    if info.filename.startswith("photos/") and not info.filename[7:].startswith(meta["sha256"]):
        raise reject("member_changed", name=info.filename)
    return b2.digest() if b2 is not None else None

