"""Writing a signed exchange package (reading and checking one: exchange/package.py).

Why apart: the writer and the checker share only the format's rules (package_rules.py) and the
signature code; keeping them in two modules keeps each small enough to read against the format
document (docs/exchange-format.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qcdesk.exchange.minisign import SIGNATURE_ALGORITHM, SecretKey
from qcdesk.exchange.package_rules import (
    DATA,
    DATA_SIG,
    FORMAT_NAME,
    MANIFEST,
    MANIFEST_SIG,
    format_version_for,
    trusted_comment,
    validate_build_args,
)
from qcdesk.exchange.trust import format_utc
from qcdesk.models.file_replace import replace_into_place

CHUNK = 1 << 20  # bytes read at a time when hashing or copying a member


class PackageCancelled(Exception):
    """build_package was cancelled by its `cancel` callback; no file was left behind."""



def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
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
        while chunk := fh.read(CHUNK):
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
