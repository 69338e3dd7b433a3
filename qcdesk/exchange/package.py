"""Signed exchange package v1: ``<jurisdiction>_<signer>_<key id, 8>_<seq>_<date>.qcpkg.zip``.

Members: ``data.xlsx`` + ``data.xlsx.minisig``, ``manifest.json`` + ``manifest.json.minisig``
and optionally ``photos/<sha256>.<ext>``. The manifest lists the SHA-256 and size of every
other member, so its signature covers the whole package. Everything a package claims is
checked in `open_package` before any database sees it. Format: docs/exchange-format.md.
Writing one is exchange/package_build.py (its names are re-exported here).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qcdesk.exchange.minisign import (
    MinisignError,
    PublicKey,
    Signature,
    blake2b_512,
    verify_signature,
)
from qcdesk.exchange.package_build import (
    CHUNK,
    KEY_ID_IN_NAME,
    PackageCancelled,
    build_package,
    file_sha256,
    package_file_name,
    photo_member_name,
    safe_name_component,
)
from qcdesk.exchange.package_rules import (
    DATA,
    DATA_SIG,
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
    member_chunks,
    reject,
    signer_claim,
)
from qcdesk.exchange.trust import (
    PackageWarning,
    StaticTrust,
    TrustedKey,
    TrustResolver,
    clock_warnings,
    format_local,
    judge_sequence,
    sequence_warnings,
    signed_time,
)
from qcdesk.models.held_files import opened
from qcdesk.models.os_errors import error_reason

__all__ = [
    "PackageCancelled", "PackageLimits", "PackageRejected", "PackageWarning", "SignerInfo",
    "VerifiedPackage", "build_package", "open_package", "package_file_name", "file_sha256",
    "photo_member_name", "safe_name_component", "FORMAT_VERSION", "KEY_ID_IN_NAME",
]


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
    except OSError as exc:  # 找不到文件, 没有权限…: said, with what to do
        raise reject("unreadable", path=path.name, why=error_reason(exc),
                     why_en=error_reason(exc, "en")) from exc
    if size > limits.max_package_bytes:
        fh.close()
        raise reject("package_too_large", size=size, limit=limits.max_package_bytes)
    with fh:
        sha = hashlib.sha256()
        while chunk := fh.read(CHUNK):
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
    signed_at = signed_time(manifest)
    if key.revoked_at is not None and signed_at is not None and key.revoked_at_time(signed_at):
        # a receiver whose clock is behind would take it: the signer's own signed claim of a
        # time after the revocation is grounds enough (judged by max(now here, signed time))
        raise reject("revoked_key", key_id=key.key_id, at=format_local(key.revoked_at),
                     signed=f"，而数据包的签名时间是 {format_local(signed_at)}，在吊销之后",
                     signed_en=f"; the package says it was signed at {format_local(signed_at)}")
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
    warnings = sequence_warnings(seq) + clock_warnings(key, signed_at, received)
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
            for chunk in member_chunks(zf, info, CHUNK):
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

