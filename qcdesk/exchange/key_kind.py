"""Which kind of minisign key file a text is, so a key of the other kind is named for what it is.

Why: a secret key (.key) sent where its public key belongs is the sender's key given away; "公钥格式
不正确" let the receiver throw it away without telling the sender, whose key must be replaced. A
public key (.pub) given to sign with is the reverse, harmless mistake: the .key beside it is meant.
"""

from __future__ import annotations

import base64
import binascii

PUBLIC_LEN = 2 + 8 + 32  # "Ed" keynum key
SECRET_LEN = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32  # "Ed" kdf chk salt ops mem keynum sk checksum

SECRET_GIVEN = (
    "secret_key_given",
    "这是私钥文件，不是公钥：请勿保存或转发；请告知对方其私钥已外泄，应生成新密钥并把 .pub 发来",
    "This is a secret key file, not a public key: do not keep or pass it on; tell its owner "
    "that their secret key is exposed and that they should make a new key and send its .pub",
)
PUBLIC_GIVEN = (
    "public_key_given",
    "这是公钥文件（.pub），不是私钥：签名要用同名的 .key 私钥文件",
    "This is a public key file (.pub), not a secret key: signing needs the .key file of the "
    "same name",
)


def key_kind(text: str) -> str:
    """"public", "secret" or "" (neither recognised), from the untrusted comment minisign and
    QCDesk write, else from the length of the base64 line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    first = lines[0].lower()
    if first.startswith("untrusted comment:"):
        if "secret key" in first:
            return "secret"
        if "public key" in first:
            return "public"
    try:
        size = len(base64.b64decode(lines[-1].encode("ascii"), validate=True))
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return ""
    return {PUBLIC_LEN: "public", SECRET_LEN: "secret"}.get(size, "")


def wrong_kind(text: str, wanted: str) -> tuple[str, str, str] | None:
    """(code, Chinese, English) when `text` is a key file of the other kind than `wanted`
    ("public" or "secret"), None otherwise (a damaged file is refused by the parser)."""
    kind = key_kind(text)
    if not kind or kind == wanted:
        return None
    return SECRET_GIVEN if kind == "secret" else PUBLIC_GIVEN
