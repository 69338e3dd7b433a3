"""Ed25519 keys and signatures in minisign's file formats, built on `cryptography` + hashlib.

Why minisign: the city's IT staff can check any file we sign with the stock `minisign -V`
tool, and keys made by `minisign -G` work in the app. Formats (see docs/exchange-format.md):

* public key file: ``untrusted comment: minisign public key KEYID`` + base64("Ed" keynum pk)
* secret key file: base64("Ed" "Sc"|"\\0\\0" "B2" salt opslimit memlimit
  XOR(keynum sk checksum)); the XOR stream is scrypt as libsodium's
  ``crypto_pwhash_scryptsalsa208sha256`` derives it from opslimit/memlimit
* signature file: 4 lines; "ED" = Ed25519 over BLAKE2b-512 of the file (prehashed),
  "Ed" = legacy Ed25519 over the whole file; a global signature covers sig + trusted comment.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from qcdesk.exchange.key_kind import wrong_kind
from qcdesk.models.held_files import opened

SIGNATURE_ALGORITHM = "minisign-ed25519-blake2b"
"""Name written into every signed manifest, so another scheme (e.g. SM2) can be added later."""

SIGALG = b"Ed"
SIGALG_HASHED = b"ED"
KDFALG = b"Sc"
KDFNONE = b"\x00\x00"
CHKALG = b"B2"
COMMENT_PREFIX = "untrusted comment: "
TRUSTED_COMMENT_PREFIX = "trusted comment: "
TRUSTED_COMMENT_MAX = 8192 - len(TRUSTED_COMMENT_PREFIX) - 1
KEYNUM_BYTES = 8
_SK_STRUCT_LEN = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32
_ENCRYPTED_LEN = 8 + 64 + 32


@dataclass(frozen=True)
class KdfParams:
    """libsodium scryptsalsa208sha256 opslimit/memlimit as stored in the secret key file."""

    opslimit: int
    memlimit: int


# libsodium crypto_pwhash_scryptsalsa208sha256_{OPSLIMIT,MEMLIMIT}_SENSITIVE: minisign's default.
KDF_SENSITIVE = KdfParams(opslimit=33554432, memlimit=1073741824)
# ..._INTERACTIVE: 16 MiB, for small laptops (and tests); minisign opens such keys as well.
KDF_LIGHT = KdfParams(opslimit=524288, memlimit=16777216)
# Refuse to spend more than minisign's own maximum on a key file somebody handed us (DoS).
_MEMLIMIT_CEILING = 1024**3
_MAX_P = 8


class MinisignError(Exception):
    """A key or signature problem, with a one-line reason in Chinese and English."""

    def __init__(self, code: str, reason_zh: str, reason_en: str):
        super().__init__(reason_en)
        self.code = code
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    def text(self, lang: str = "zh") -> str:
        return self.reason_en if lang.startswith("en") else self.reason_zh


class WrongPassphrase(MinisignError):
    def __init__(self) -> None:
        super().__init__(
            "wrong_passphrase",
            "口令不正确，无法解开私钥（请检查大小写和输入法）",
            "Wrong passphrase for this secret key",
        )


def _format_error(what_zh: str, what_en: str) -> MinisignError:
    return MinisignError("bad_format", f"{what_zh}格式不正确", f"{what_en} is malformed")


def scrypt_params(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """(N, r, p) exactly as libsodium's pickparams() maps opslimit/memlimit.

    Must match bit for bit, or minisign derives another XOR stream and reports a wrong password.
    """
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
    else:
        max_n = memlimit // (r * 128)
    n_log2 = 1
    while n_log2 < 63 and (1 << n_log2) <= max_n // 2:
        n_log2 += 1
    if not opslimit < memlimit // 32:
        max_rp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = max_rp // r
    return 1 << n_log2, r, p


def _kdf_stream(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    n, r, p = scrypt_params(kdf.opslimit, kdf.memlimit)
    if not 1 <= p <= _MAX_P or 128 * r * n > _MEMLIMIT_CEILING:
        raise MinisignError(
            "kdf_params",
            "私钥文件的口令参数超出允许范围",
            "The secret key's KDF parameters are out of range",
        )
    maxmem = 128 * r * (n + p + 2) + 1024 * 1024
    try:
        return hashlib.scrypt(
            passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem,
            dklen=_ENCRYPTED_LEN,
        )
    except (MemoryError, ValueError) as exc:
        raise MinisignError(
            "kdf_memory",
            "内存不足，无法解开私钥（可用 --light 生成轻量密钥）",
            f"Not enough memory to derive the key ({exc})",
        ) from exc


def _key_id(keynum: bytes) -> str:
    """minisign prints the 8-byte key number as a little-endian u64 in upper hex."""
    return keynum[::-1].hex().upper()


def normalize_key_id(text: str) -> str:
    """Canonical 16-digit key id from what a person typed or copied.

    Spaces and dashes are dropped; minisign 0.11 prints ids without leading zeros, so short
    ids are zero-padded. Text that is not hex is returned upper-cased, unchanged otherwise.
    """
    compact = "".join(text.split()).replace("-", "").upper()
    if 0 < len(compact) <= 16 and all(c in "0123456789ABCDEF" for c in compact):
        return compact.zfill(16)
    return compact


def format_fingerprint(hex_text: str) -> str:
    """Hex in groups of four, easy to read out over the phone: ``B533 51FD 8588 F5F7``."""
    hex_text = hex_text.upper()
    return " ".join(hex_text[i : i + 4] for i in range(0, len(hex_text), 4))


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text.strip().encode("ascii"), validate=True)


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


@dataclass(frozen=True)
class PublicKey:
    keynum: bytes
    key: bytes  # 32-byte Ed25519 public key

    @property
    def key_id(self) -> str:
        return _key_id(self.keynum)

    @property
    def fingerprint(self) -> str:
        """What is read out by phone: 80 bits of SHA-256 over the whole public key. Not the key id,
        which the key's maker picks freely: a forged key can carry anyone's id, not their hash."""
        return format_fingerprint(hashlib.sha256(SIGALG + self.keynum + self.key).hexdigest()[:20])

    def to_base64(self) -> str:
        return base64.b64encode(SIGALG + self.keynum + self.key).decode("ascii")

    def to_file_text(self) -> str:
        return f"{COMMENT_PREFIX}minisign public key {self.key_id}\n{self.to_base64()}\n"

    @classmethod
    def from_base64(cls, text: str) -> PublicKey:
        try:
            raw = _b64decode(text)
        except ValueError as exc:
            raise _format_error("公钥", "Public key") from exc
        if len(raw) != 42:
            raise _format_error("公钥", "Public key")
        if raw[:2] != SIGALG:
            raise MinisignError(
                "unsupported_algorithm", "不支持的公钥算法", "Unsupported public key algorithm"
            )
        return cls(keynum=raw[2:10], key=raw[10:])

    @classmethod
    def from_file_text(cls, text: str) -> PublicKey:
        lines = [line for line in _lines(text) if line.strip()]
        if len(lines) == 1 and not lines[0].startswith(COMMENT_PREFIX):
            return cls.from_base64(lines[0])  # just the `-P` string pasted into a file
        if len(lines) < 2 or not lines[0].startswith(COMMENT_PREFIX):
            raise _format_error("公钥文件", "Public key file")
        return cls.from_base64(lines[1])

    @classmethod
    def load(cls, path: Path) -> PublicKey:
        return cls.from_file_text(read_key_text(path, "公钥文件", "Public key file"))

    def _ed25519(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.key)


@dataclass(frozen=True, repr=False)
class SecretKey:
    """An unlocked secret key; lives in memory only (repr hides the key material)."""

    keynum: bytes
    seed: bytes  # 32-byte Ed25519 seed; libsodium's 64-byte sk is seed + public key

    def __repr__(self) -> str:
        return f"SecretKey(key_id={self.key_id})"

    @property
    def key_id(self) -> str:
        return _key_id(self.keynum)

    def _ed25519(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @property
    def public_key(self) -> PublicKey:
        raw = self._ed25519().public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(keynum=self.keynum, key=raw)

    def _libsodium_sk(self) -> bytes:
        return self.seed + self.public_key.key

    def sign_digest(
        self, blake2b_512: bytes, trusted_comment: str, untrusted_comment: str = ""
    ) -> str:
        """Prehashed ("ED") signature file text for a file whose BLAKE2b-512 is given."""
        _check_comment(trusted_comment)
        untrusted = untrusted_comment or "signature from qcdesk secret key"
        if "\n" in untrusted or "\r" in untrusted:
            raise ValueError("untrusted comment must be one line")
        priv = self._ed25519()
        sig = priv.sign(blake2b_512)
        global_sig = priv.sign(sig + trusted_comment.encode("utf-8"))
        sig_struct = base64.b64encode(SIGALG_HASHED + self.keynum + sig).decode("ascii")
        return (
            f"{COMMENT_PREFIX}{untrusted}\n{sig_struct}\n"
            f"{TRUSTED_COMMENT_PREFIX}{trusted_comment}\n"
            f"{base64.b64encode(global_sig).decode('ascii')}\n"
        )

    def sign_bytes(self, data: bytes, trusted_comment: str, untrusted_comment: str = "") -> str:
        return self.sign_digest(blake2b_512(data), trusted_comment, untrusted_comment)

    def sign_file(self, path: Path, trusted_comment: str, untrusted_comment: str = "") -> str:
        return self.sign_digest(blake2b_512_file(path), trusted_comment, untrusted_comment)


def _check_comment(trusted_comment: str) -> None:
    """minisign refuses control characters (tab excepted) and over-long trusted comments."""
    if any((ord(c) < 0x20 and c != "\t") or 0x7F <= ord(c) <= 0x9F for c in trusted_comment):
        raise ValueError("trusted comment contains control characters")
    if len(trusted_comment.encode("utf-8")) > TRUSTED_COMMENT_MAX:
        raise ValueError("trusted comment too long")


def blake2b_512(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=64).digest()


def blake2b_512_file(path: Path) -> bytes:
    h = hashlib.blake2b(digest_size=64)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.digest()


def generate_secret_key() -> SecretKey:
    return SecretKey(keynum=os.urandom(KEYNUM_BYTES), seed=os.urandom(32))


def _checksum(keynum: bytes, sk64: bytes) -> bytes:
    return hashlib.blake2b(SIGALG + keynum + sk64, digest_size=32).digest()


def encode_secret_key(
    secret: SecretKey,
    passphrase: str | None,
    kdf: KdfParams = KDF_SENSITIVE,
    comment: str = "minisign encrypted secret key",
) -> str:
    """Secret key file text; passphrase None writes an unencrypted key (minisign -W)."""
    sk64 = secret._libsodium_sk()
    plain = secret.keynum + sk64 + _checksum(secret.keynum, sk64)
    if passphrase is None:
        body = SIGALG + KDFNONE + CHKALG + bytes(32) + bytes(16) + plain
    else:
        salt = os.urandom(32)
        stream = _kdf_stream(passphrase, salt, kdf)
        encrypted = bytes(a ^ b for a, b in zip(plain, stream, strict=True))
        body = (
            SIGALG + KDFALG + CHKALG + salt
            + struct.pack("<QQ", kdf.opslimit, kdf.memlimit) + encrypted
        )
    return f"{COMMENT_PREFIX}{comment}\n{base64.b64encode(body).decode('ascii')}\n"


def secret_key_needs_passphrase(text: str) -> bool:
    """True when the key file is encrypted (so the caller knows whether to prompt)."""
    return _parse_secret_struct(text)[1] == KDFALG


def _parse_secret_struct(text: str) -> tuple[bytes, bytes, bytes]:
    lines = _lines(text)
    if len(lines) < 2 or not lines[0].startswith(COMMENT_PREFIX):
        raise _format_error("私钥文件", "Secret key file")
    try:
        raw = _b64decode(lines[1])
    except ValueError as exc:
        raise _format_error("私钥文件", "Secret key file") from exc
    if len(raw) != _SK_STRUCT_LEN:
        raise _format_error("私钥文件", "Secret key file")
    if raw[:2] != SIGALG:
        raise MinisignError("unsupported_algorithm", "不支持的私钥算法", "Unsupported key algorithm")
    if raw[4:6] != CHKALG:
        raise MinisignError("unsupported_checksum", "不支持的私钥校验算法", "Unsupported checksum")
    if raw[2:4] not in (KDFALG, KDFNONE):
        raise MinisignError("unsupported_kdf", "不支持的私钥加密方式", "Unsupported KDF")
    return raw, raw[2:4], raw[6:]


def decode_secret_key(text: str, passphrase: str | None) -> SecretKey:
    """Unlock a minisign secret key file. Raises WrongPassphrase or MinisignError."""
    raw, kdf_alg, rest = _parse_secret_struct(text)
    salt, params, payload = rest[:32], rest[32:48], rest[48:]
    if kdf_alg == KDFALG:
        if passphrase is None:
            raise WrongPassphrase()
        opslimit, memlimit = struct.unpack("<QQ", params)
        stream = _kdf_stream(passphrase, salt, KdfParams(opslimit, memlimit))
        payload = bytes(a ^ b for a, b in zip(payload, stream, strict=True))
    keynum, sk64, chk = payload[:8], payload[8:72], payload[72:104]
    expected = _checksum(keynum, sk64)
    encrypted = kdf_alg == KDFALG
    # minisign -W leaves the checksum zeroed on unencrypted keys; encrypted ones must match.
    if not hmac.compare_digest(chk, expected) and (encrypted or chk != bytes(32)):
        if encrypted:
            raise WrongPassphrase()
        raise _format_error("私钥文件", "Secret key file")
    secret = SecretKey(keynum=keynum, seed=sk64[:32])
    if secret.public_key.key != sk64[32:]:
        raise _format_error("私钥文件", "Secret key file")
    return secret


def load_secret_key(path: Path, passphrase: str | None) -> SecretKey:
    return decode_secret_key(read_key_text(path, "私钥文件", "Secret key file"), passphrase)


def read_key_text(path: Path, what_zh: str, what_en: str) -> str:
    try:
        with opened(path) as fh:  # the database chosen by mistake: keep this process's locks on it
            data = fh.read(64 * 1024 + 1)
    except OSError as exc:
        raise MinisignError(
            "unreadable", f"无法读取{what_zh} {path}", f"Cannot read {what_en} {path}: {exc}"
        ) from exc
    if len(data) > 64 * 1024:
        raise _format_error(what_zh, what_en)
    try:
        text = data.decode("utf-8-sig")  # tolerate the BOM Windows Notepad adds
    except UnicodeDecodeError as exc:
        raise _format_error(what_zh, what_en) from exc
    refusal = wrong_kind(text, "secret" if what_en.startswith("Secret") else "public")
    if refusal is not None:  # a .key sent as the .pub (its owner's key is out), a .pub to sign
        raise MinisignError(*refusal)
    return text


@dataclass(frozen=True)
class Signature:
    """A parsed .minisig file."""

    algorithm: bytes  # b"ED" (prehashed) or b"Ed" (legacy)
    keynum: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str

    @property
    def key_id(self) -> str:
        return _key_id(self.keynum)

    @property
    def prehashed(self) -> bool:
        return self.algorithm == SIGALG_HASHED

    @classmethod
    def parse(cls, text: str | bytes) -> Signature:
        bad = MinisignError("bad_signature_format", "签名文件格式不正确", "Malformed signature file")
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise bad from exc
        lines = _lines(text)
        if (len(lines) < 4 or not lines[0].startswith(COMMENT_PREFIX)
                or not lines[2].startswith(TRUSTED_COMMENT_PREFIX) or any(x.strip() for x in lines[4:])):
            raise bad
        try:
            sig_struct = _b64decode(lines[1])
            global_sig = _b64decode(lines[3])
        except ValueError as exc:
            raise bad from exc
        if len(sig_struct) != 74 or len(global_sig) != 64:
            raise bad
        if sig_struct[:2] not in (SIGALG, SIGALG_HASHED):
            raise MinisignError(
                "unsupported_algorithm", "不支持的签名算法", "Unsupported signature algorithm"
            )
        trusted = lines[2][len(TRUSTED_COMMENT_PREFIX) :]
        try:
            _check_comment(trusted)
        except ValueError as exc:
            raise bad from exc
        return cls(
            algorithm=sig_struct[:2],
            keynum=sig_struct[2:10],
            signature=sig_struct[10:],
            trusted_comment=trusted,
            global_signature=global_sig,
            untrusted_comment=lines[0][len(COMMENT_PREFIX) :],
        )


def verify_signature(
    public_key: PublicKey,
    signature: Signature,
    *,
    digest: bytes | None = None,
    data: bytes | None = None,
    require_prehashed: bool = True,
) -> str:
    """Check a signature; return its trusted comment. Raises MinisignError with the reason.

    Pass `digest` (BLAKE2b-512 of the file) for prehashed signatures, or `data` (whole file).
    """
    if not signature.prehashed and require_prehashed:
        raise MinisignError(
            "legacy_signature",
            "签名为旧式（非预哈希）格式，本程序要求预哈希签名（minisign -H）",
            "Legacy (non-prehashed) signature; a prehashed signature is required",
        )
    if signature.keynum != public_key.keynum:
        raise MinisignError(
            "wrong_key",
            f"签名密钥 {signature.key_id} 与公钥 {public_key.key_id} 不符",
            f"Signature key id {signature.key_id} does not match public key {public_key.key_id}",
        )
    if signature.prehashed:
        if digest is None:
            if data is None:
                raise ValueError("need digest or data")
            digest = blake2b_512(data)
        message = digest
    else:
        if data is None:
            raise ValueError("legacy signatures need the whole data")
        message = data
    pub = public_key._ed25519()
    try:
        pub.verify(signature.signature, message)
    except InvalidSignature as exc:
        raise MinisignError(
            "bad_signature", "签名无效：文件已被改动或签名不符", "Signature verification failed"
        ) from exc
    try:
        pub.verify(
            signature.global_signature,
            signature.signature + signature.trusted_comment.encode("utf-8"),
        )
    except InvalidSignature as exc:
        raise MinisignError(
            "bad_comment_signature",
            "签名附注（trusted comment）的签名无效",
            "Trusted comment signature verification failed",
        ) from exc
    return signature.trusted_comment
