"""What a v1 package may contain and what its manifest and trusted comments must say.

Shared by `package.build_package` (to refuse bad arguments early) and `package.open_package`
(to refuse bad packages before anything is extracted or imported).
"""

from __future__ import annotations

import json
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from qcdesk.exchange.minisign import SIGNATURE_ALGORITHM
from qcdesk.exchange.trust import CITY_JURISDICTION, ROLES, format_utc, role_refusal

FORMAT_NAME = "qcdesk-exchange"
FORMAT_VERSION = 1  # a package an older QCDesk can read: nothing added after version 1 in it
# Version 2 = a package carrying what version-1 readers misread: a re-test (the sample sheet's
# later columns set; an old reader reports a content hash mismatch, which reads like tampering)
# or role city (an old reader calls it a bad manifest). Only such packages say 2, so that an
# older office is told plainly to upgrade (unsupported_version) and reads every other package.
FORMAT_VERSION_LATER = 2
SUPPORTED_FORMAT_VERSIONS = frozenset({FORMAT_VERSION, FORMAT_VERSION_LATER})
DATA = "data.xlsx"
DATA_SIG = "data.xlsx.minisig"
MANIFEST = "manifest.json"
MANIFEST_SIG = "manifest.json.minisig"
REQUIRED_MEMBERS = (DATA, DATA_SIG, MANIFEST, MANIFEST_SIG)
PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "heic", "heif", "gif", "bmp", "tif", "tiff")
PHOTO_NAME = re.compile(r"photos/[0-9a-f]{64}\.(?:" + "|".join(PHOTO_EXTENSIONS) + r")")
JURISDICTION = re.compile(r"[0-9A-Za-z_-]{1,32}")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
KEY_ID = re.compile(r"[0-9A-F]{16}")
# How a role reads in Chinese output (the keys dialog says the same: 检查员, 县级局).
ROLE_LABELS_ZH = {"inspector": "检查员", "county": "县级局", "city": "市级局"}
# What a damaged or hostile zip can raise from inside zipfile/zlib.
ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError,
    NotImplementedError, zlib.error, struct.error, OverflowError,
)
RESERVED_FIELDS = frozenset({
    "format", "format_version", "signature_algorithm", "signer_key_id", "signer_name",
    "jurisdiction", "role", "sequence", "previous_package_sha256", "created_at", "members",
})


class PackageRejected(Exception):
    """A package is refused; `reason_zh`/`reason_en` are one line each, `code` is stable."""

    def __init__(self, reason_zh: str, reason_en: str, code: str):
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        self.code = code

    def text(self, lang: str = "zh") -> str:
        return self.reason_en if lang.startswith("en") else self.reason_zh


@dataclass(frozen=True)
class PackageLimits:
    """Checked before anything is extracted; generous for a county's year of photos."""

    max_package_bytes: int = 2 * 1024**3
    max_members: int = 100_000
    max_uncompressed_bytes: int = 8 * 1024**3
    max_ratio: int = 200  # uncompressed / compressed, for members above ratio_floor_bytes
    ratio_floor_bytes: int = 1024 * 1024
    max_manifest_bytes: int = 64 * 1024 * 1024
    max_signature_bytes: int = 16 * 1024


_REASONS: dict[str, tuple[str, str]] = {
    "unreadable": ("无法读取数据包 {path}：{why}", "Cannot read package {path}: {why_en}"),
    "package_too_large": (
        "数据包过大（{size} 字节，上限 {limit} 字节）",
        "Package too large ({size} bytes, limit {limit})",
    ),
    "not_a_zip": (
        "不是有效的数据包：不是 zip 文件或文件已损坏；请确认选的是 .qcpkg.zip 数据包，"
        "或请发送方重新发送",
        "Not a package: not a zip file, or damaged; check the file or ask the sender to send it"
        " again",
    ),
    "corrupt": (
        "数据包已损坏：无法读出{where}（可能在复制或传输中出错）。请先从原处（U 盘、邮件附件）重新"
        "复制一次再试；仍不行，请发送方重新发送该数据包（技术信息：{detail}）",
        "The package is damaged: {where_en} cannot be read (a copy or transfer error?). Copy it"
        " again from where it came (USB stick, e-mail attachment) and try again; if that fails, ask"
        " the sender to send it again (technical detail: {detail})",
    ),
    "too_many_members": (
        "数据包内文件过多（{count} 个，上限 {limit} 个）",
        "Too many files in the package ({count}, limit {limit})",
    ),
    "unsafe_path": ("数据包含有不安全的路径：{name}", "Unsafe path in the package: {name}"),
    "duplicate_member": ("数据包含有重名文件：{name}", "Duplicate file name in the package: {name}"),
    "symlink_member": ("数据包含有符号链接：{name}", "Symbolic link in the package: {name}"),
    "encrypted_member": ("数据包含有加密文件：{name}", "Encrypted file in the package: {name}"),
    "unsupported_compression": (
        "数据包使用了不支持的压缩方式：{name}",
        "Unsupported compression method: {name}",
    ),
    "not_a_package": (
        "不是 QCDesk 数据包（缺少 manifest.json），请选择 .qcpkg.zip 数据包",
        "Not a QCDesk package (no manifest.json); choose a .qcpkg.zip package",
    ),
    "unexpected_member": ("数据包含有不应有的文件：{name}", "Unexpected file in the package: {name}"),
    "missing_member": ("数据包缺少文件：{name}", "File missing from the package: {name}"),
    "zip_bomb": (
        "数据包解压后过大或压缩比异常（疑似压缩炸弹）：{name}",
        "Package expands too much (zip bomb?): {name}",
    ),
    "member_too_large": ("数据包中的文件过大：{name}", "File too large in the package: {name}"),
    "bad_signature": ("{name} 未通过签名核验（{why}），请发送方重新发送该数据包；"
                      "如再次出现，请电话核对对方的公钥指纹",
                      "Invalid signature on {name}: {why_en}"),
    "legacy_signature": (
        "{name} 的签名为旧式（非预哈希）格式，不予接受",
        "{name} has a legacy (non-prehashed) signature; refused",
    ),
    "untrusted_key": (
        "签名密钥 {key_id} 不在信任列表中{claim}，请先核对指纹并添加",
        "Signing key {key_id} is not on the trust list{claim_en}",
    ),
    "wrong_key": (
        "数据包由密钥 {key_id} 签名，与给定的公钥 {given} 不符",
        "The package was signed by key {key_id}, not by the given key {given}",
    ),
    "revoked_key": ("签名密钥 {key_id} 已于 {at} 吊销{signed}，请对方用新密钥重新导出",
                    "Signing key {key_id} was revoked at {at}{signed_en}; ask for a package signed"
                    " with a new key"),
    "bad_manifest": ("清单 manifest.json 无效：{why}", "Invalid manifest.json: {why}"),
    "unsupported_version": (
        "不支持的数据包格式版本 {version}，请升级 QCDesk",
        "Unsupported package format version {version}; update QCDesk",
    ),
    "unsupported_algorithm": ("不支持的签名算法 {alg}", "Unsupported signature algorithm {alg}"),
    "comment_mismatch": (
        "签名附注与清单不一致（{field}）",
        "Trusted comment does not match the manifest ({field})",
    ),
    "role_mismatch": (
        "签名人角色“{role_zh}”与信任列表登记的“{trusted_zh}”不符，请与签名人核实",
        "Signer role {role} differs from the trust list ({trusted})",
    ),
    "jurisdiction_mismatch": (
        "签名人辖区 {region} 与信任列表登记的 {trusted} 不符",
        "Signer jurisdiction {region} differs from the trust list ({trusted})",
    ),
    "members_differ": (
        "数据包中的文件与清单不符：{names}",
        "Files in the package differ from the manifest: {names}",
    ),
    "member_changed": (
        "数据包中的 {name} 与签名清单记录的校验值或大小不符（文件已损坏或被改动），"
        "请发送方重新发送该数据包",
        "File {name} does not match the signed manifest's hash or size (damaged or modified);"
        " ask the sender to send the package again",
    ),
    "signers_differ": ("数据与清单不是由同一密钥签名", "Data and manifest were signed by different keys"),
    "already_imported": (
        "{signer} 序号 {sequence} 的数据包已导入过，无需再导入",
        "Package {sequence} from {signer} was already imported; nothing to do",
    ),
    "replayed_sequence": (
        "{signer} 序号 {sequence} 已收到过内容不同的另一个数据包，同一序号不会导入两次"
        "（同一密钥在两台电脑上使用，或数据库从旧备份恢复）",
        "Another package with sequence {sequence} from {signer} was already received; a number"
        " is never imported twice (the same key used on two computers, or a database restored"
        " from an older backup)",
    ),
}


def reject(code: str, **values: Any) -> PackageRejected:
    """Build the refusal for `code`; values fill the templates (newlines never survive)."""
    zh, en = _REASONS[code]
    values.setdefault("why_en", values.get("why", ""))
    values.setdefault("claim", "")  # who an untrusted package says it is, if it says (signer_claim)
    values.setdefault("claim_en", values["claim"])
    values.setdefault("signed", "")  # revoked_key: the package's own signed time, when after it
    values.setdefault("signed_en", values["signed"])
    clean = {k: " ".join(str(v).split()) for k, v in values.items()}
    return PackageRejected(zh.format(**clean), en.format(**clean), code)


def signer_claim(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], limits: PackageLimits,
                 key_id: str) -> dict[str, str]:
    """Who an untrusted package says it is (its manifest's name, jurisdiction, role), as the
    `claim` of its refusal: the package holds no public key, so no signature can be checked
    before the key is trusted and the words are anyone's. Shown as a claim, used for nothing."""
    try:
        with zf.open(infos[MANIFEST]) as src:
            data = src.read(limits.max_manifest_bytes + 1)
        manifest = json.loads(data) if len(data) <= limits.max_manifest_bytes else None
    except ZIP_ERRORS:  # JSON, UTF-8 and recursion errors are among them
        return {}
    if not isinstance(manifest, dict) or manifest.get("signer_key_id") != key_id:
        return {}  # not even consistent with its own signature file: nothing worth repeating
    name = "".join(" " if c.isspace() else c for c in str(manifest.get("signer_name") or "")
                   if c.isspace() or not unicodedata.category(c).startswith("C"))  # no bidi tricks
    name = " ".join(name.split())
    name = name if len(name) <= 32 else name[:32] + "…"
    region = manifest.get("jurisdiction")
    region = region if isinstance(region, str) and JURISDICTION.fullmatch(region) else ""
    role = manifest.get("role") if manifest.get("role") in ROLE_LABELS_ZH else ""
    zh = "，".join(x for x in (name, region, ROLE_LABELS_ZH.get(role, "")) if x)
    en = ", ".join(x for x in (name, region, role) if x)
    if not zh:
        return {}
    return {"claim": f"（数据包自称：{zh}；未经核实）",
            "claim_en": f" (the package claims to be: {en}; unverified)"}


def damage_detail(exc: BaseException) -> str:
    """What zipfile/zlib said, short, for the parenthesis of a "damaged" refusal (never only a
    Python class name: "Bad CRC-32 for file 'data.xlsx'", "Error -3 while decompressing…")."""
    text = " ".join(str(exc).split())
    return (text or type(exc).__name__)[:120]


def member_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> Iterator[bytes]:
    """A member's bytes; one that cannot be read back (bad CRC, broken deflate stream, cut
    short) is refused as damaged, naming it. Errors of the caller's own writes never pass here."""
    try:
        with zf.open(info) as src:
            while chunk := src.read(size):
                yield chunk
    except ZIP_ERRORS as exc:
        raise reject("corrupt", where=f"其中的 {info.filename}", where_en=info.filename,
                     detail=damage_detail(exc)) from exc


def is_expected_name(name: str) -> bool:
    return name in REQUIRED_MEMBERS or PHOTO_NAME.fullmatch(name) is not None


def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or re.match(r"[A-Za-z]:", name) is not None
        or any(p in ("", ".", "..") for p in parts)
        or any(unicodedata.category(c) == "Cc" for c in name)
    )


_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_MAX_CD_ENTRY_BYTES = 512  # fixed 46 bytes + our longest name + zip64 extra, with room


def check_central_directory(fh: BinaryIO, size: int, limits: PackageLimits) -> None:
    """Refuse an oversized central directory before zipfile builds an object per entry.

    A 2 GiB file of empty entries would otherwise cost gigabytes of memory just to list.
    """
    tail_len = min(size, 65536 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(_EOCD)
    if pos < 0 or len(tail) < pos + 22:
        return  # not a zip: zipfile will say so
    count, cd_size = struct.unpack("<xxxxxxxxxxHI", tail[pos : pos + 16])
    loc = pos - 20
    if (count == 0xFFFF or cd_size == 0xFFFFFFFF) and loc >= 0 and tail[loc : loc + 4] == _ZIP64_LOCATOR:
        (offset,) = struct.unpack("<Q", tail[loc + 8 : loc + 16])
        if offset + 56 <= size:
            fh.seek(offset)
            rec = fh.read(56)
            if rec[:4] == _ZIP64_EOCD:
                count, cd_size = struct.unpack("<Q", rec[32:40])[0], struct.unpack("<Q", rec[40:48])[0]
    if count > limits.max_members or cd_size > limits.max_members * _MAX_CD_ENTRY_BYTES:
        raise reject("too_many_members", count=count, limit=limits.max_members)


def check_entries(infos: list[zipfile.ZipInfo], limits: PackageLimits) -> dict[str, zipfile.ZipInfo]:
    """Refuse unsafe or unexpected zip entries from the central directory; map name → entry.

    Run before any member is read: counts, paths, duplicates (also by case, as Windows
    sees them), links, encryption, compression method, sizes and ratios (zip bombs).
    """
    if len(infos) > limits.max_members:
        raise reject("too_many_members", count=len(infos), limit=limits.max_members)
    if not any(info.filename == MANIFEST for info in infos):  # another zip (.xlsx, a folder's)
        raise reject("not_a_package")
    seen: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe(name):
            raise reject("unsafe_path", name=repr(name))
        if name in seen or name.casefold() in folded:
            raise reject("duplicate_member", name=name)
        seen[name] = info
        folded.add(name.casefold())
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise reject("symlink_member", name=name)
        if info.flag_bits & 0x41:  # bit 0: encrypted, bit 6: strong encryption
            raise reject("encrypted_member", name=name)
        if not is_expected_name(name):
            raise reject("unexpected_member", name=name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise reject("unsupported_compression", name=name)
        total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise reject("zip_bomb", name=name)
        if (
            info.file_size > limits.ratio_floor_bytes
            and info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise reject("zip_bomb", name=name)
    for name in REQUIRED_MEMBERS:
        if name not in seen:
            raise reject("missing_member", name=name)
    return seen


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def check_manifest(data: bytes, key_id: str) -> dict[str, Any]:
    """Parse and validate a signed manifest; the signature was already checked."""
    try:
        manifest = json.loads(data.decode("utf-8"), object_pairs_hook=_strict_object)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise reject("bad_manifest", why="不是有效的 JSON / not valid JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise reject("bad_manifest", why="format")
    version = manifest.get("format_version")
    if version not in SUPPORTED_FORMAT_VERSIONS or isinstance(version, bool):
        raise reject("unsupported_version", version=version)
    if manifest.get("signature_algorithm") != SIGNATURE_ALGORITHM:
        raise reject("unsupported_algorithm", alg=manifest.get("signature_algorithm"))
    if manifest.get("signer_key_id") != key_id:
        raise reject("comment_mismatch", field="signer_key_id")
    seq = manifest.get("sequence")
    prev = manifest.get("previous_package_sha256")
    members = manifest.get("members")
    checks = {
        "signer_name": isinstance(manifest.get("signer_name"), str),
        "jurisdiction": isinstance(manifest.get("jurisdiction"), str)
        and JURISDICTION.fullmatch(manifest["jurisdiction"]) is not None,
        "role": manifest.get("role") in ROLES
        and (manifest.get("role") != "city" or manifest.get("jurisdiction") == CITY_JURISDICTION),
        "sequence": isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1,
        "previous_package_sha256": prev is None
        or (isinstance(prev, str) and SHA256_HEX.fullmatch(prev) is not None),
        "created_at": isinstance(manifest.get("created_at"), str),
        "members": isinstance(members, dict)
        and all(
            is_expected_name(n) and n not in (MANIFEST, MANIFEST_SIG)
            and isinstance(m, dict)
            and isinstance(m.get("sha256"), str) and SHA256_HEX.fullmatch(m["sha256"])
            and isinstance(m.get("size"), int) and not isinstance(m["size"], bool)
            and m["size"] >= 0
            for n, m in members.items()
        ),
    }
    bad = [k for k, ok in checks.items() if not ok]
    if bad:
        raise reject("bad_manifest", why=", ".join(bad))
    return manifest


def format_version_for(role: str, later_data: bool) -> int:
    """The lowest format version that tells an older reader what it cannot read: 2 for a city
    signer or data using a later column (`workbook.Field.later`), else 1 (docs/exchange-format.md)."""
    return FORMAT_VERSION_LATER if later_data or role == "city" else FORMAT_VERSION


def trusted_comment(
    *, file: str, key_id: str, name: str, jurisdiction: str, role: str, sequence: int,
    created: datetime, format_version: int = FORMAT_VERSION,
) -> str:
    """The signed one-line comment: minisign's usual fields, then who signed which package.

    Tab-separated ``key:value``; minisign shows it on `-V`, so an IT officer sees the signer.
    """
    return "\t".join([
        f"timestamp:{int(created.timestamp())}", f"file:{file}", "hashed",
        f"format:{FORMAT_NAME}/{format_version}", f"signer:{key_id}", f"name:{name}",
        f"jurisdiction:{jurisdiction}", f"role:{role}", f"sequence:{sequence}",
        f"created:{format_utc(created)}",
    ])


def parse_trusted_comment(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in text.split("\t"):
        key, sep, value = part.partition(":")
        if sep:
            fields.setdefault(key, value)
    return fields


def check_trusted_comment(text: str, file: str, manifest: dict[str, Any]) -> None:
    """The signed comment must name this member and the same signer/sequence as the manifest."""
    fields = parse_trusted_comment(text)
    expected = {
        "file": file,
        "format": f"{FORMAT_NAME}/{manifest['format_version']}",
        "signer": manifest["signer_key_id"],
        "name": manifest["signer_name"],
        "jurisdiction": manifest["jurisdiction"],
        "role": manifest["role"],
        "sequence": str(manifest["sequence"]),
        "created": manifest["created_at"],
    }
    for key, value in expected.items():
        if fields.get(key) != value:
            raise reject("comment_mismatch", field=key)


SIGNER_NAME_MAX = 40  # characters: a person's or an office's name (咸宁市市场监督管理局质量发展科)


def signer_name_refusal(name: str, lang: str = "zh") -> str | None:
    """Why a signer's name cannot go into a package, or None. The trusted comment the signature
    covers is one line of tab-separated fields, so the name may hold no control character;
    keygen (CLI and keys dialog) and the export ask this before anything is written."""
    from qcdesk.models.messages import message

    if not name.strip():
        return message("signer.name_empty", lang)
    if len(name.strip()) > SIGNER_NAME_MAX:
        return message("signer.name_long", lang, length=len(name.strip()), limit=SIGNER_NAME_MAX)
    if any(unicodedata.category(c) == "Cc" for c in name):  # shown escaped: 王\t五
        shown = "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in name)
        return message("signer.name_control", lang, name=shown)
    return None


def validate_build_args(
    members: dict[str, Path],
    manifest_fields: dict[str, Any],
    signer_name: str,
    jurisdiction: str,
    role: str,
    sequence: int,
    previous_package_sha256: str | None,
) -> dict[str, Any]:
    """Refuse what the reader would refuse; return the caller's manifest fields, normalised."""
    if DATA not in members:
        raise ValueError(f"members must include {DATA}")
    for name in members:
        if name != DATA and PHOTO_NAME.fullmatch(name) is None:
            raise ValueError(f"unexpected member name {name!r} (photos/<sha256>.<ext> only)")
    if signer_name_refusal(signer_name):
        raise ValueError(signer_name_refusal(signer_name, "en"))
    if JURISDICTION.fullmatch(jurisdiction) is None:
        raise ValueError(f"bad jurisdiction code {jurisdiction!r}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if role_refusal(role, jurisdiction):
        raise ValueError(role_refusal(role, jurisdiction, "en"))
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
        raise ValueError("sequence must be an integer >= 1")
    if previous_package_sha256 is not None and not SHA256_HEX.fullmatch(previous_package_sha256):
        raise ValueError("previous_package_sha256 must be 64 lower-case hex digits or None")
    clash = RESERVED_FIELDS & set(manifest_fields)
    if clash:
        raise ValueError(f"manifest_fields may not set {sorted(clash)}")
    extra = dict(manifest_fields)
    for key in ("period_from", "period_to"):
        value = extra.get(key)
        if isinstance(value, datetime):
            raise ValueError(f"{key} must be a date, not a datetime")
        if isinstance(value, date):
            extra[key] = value.isoformat()
        elif value is not None:
            date.fromisoformat(str(value))
    counts = extra.setdefault("record_counts", {})
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v >= 0 for k, v in counts.items()
    ):
        raise ValueError("record_counts must map kind → non-negative int")
    json.dumps(extra)  # must be JSON-serialisable
    return extra
