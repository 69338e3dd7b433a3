"""Where a new signing key pair's files go, and writing them (`qcdesk keygen`, the keys dialog).

Beside the public key goes its description (``<name>.json``: signer's name, jurisdiction,
role, key id). Why: a public key file carries no name, and the office that adds it to its
trust list should record who it belongs to — the description offers that, to be confirmed
on the same phone call as the fingerprint.
"""

from __future__ import annotations

import contextlib
import json
import ntpath
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any

from qcdesk.exchange.minisign import MinisignError, PublicKey
from qcdesk.exchange.package_build import safe_name_component
from qcdesk.exchange.trust import ROLES, role_refusal
from qcdesk.models.store import StoreError


def key_pair_paths(folder: Path, name: str, jurisdiction: str) -> tuple[Path, Path]:
    """(public key, secret key) files, named ``<jurisdiction>_<name>.pub/.key``."""
    base = f"{safe_name_component(jurisdiction)}_{safe_name_component(name)}"
    return folder / f"{base}.pub", folder / f"{base}.key"


def description_path(pub_path: Path) -> Path:
    return pub_path.with_suffix(".json")


def write_key_pair(pub_path: Path, key_path: Path, public_key: Any, secret_text: str,
                   description: dict[str, str] | None = None) -> None:
    """Both key files are created, never overwritten (FileExistsError); then the description,
    when given (one left behind by a deleted key of the same name is replaced: it names that
    key's id, not this one's). Should a write fail (a full disk), the files this call wrote are
    removed: half a key pair would block every retry, and a key file it did not create is never
    touched.

    Who can read the secret key: on Linux and macOS its owner only (mode 0o600). Windows ignores
    the mode: the file takes its folder's permissions. Inside the user's profile (the default keys
    folder under %LOCALAPPDATA%) that is the user (and the computer's administrators); elsewhere —
    a USB stick, drive D:, a shared folder — whoever can open the folder can copy the key, and only
    its passphrase protects it (`key_open_to_others` says when; keygen warns)."""
    key_path.parent.mkdir(parents=True, exist_ok=True)
    new = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    files = [(key_path, secret_text, 0o600, new),
             (pub_path, public_key.to_file_text(), 0o644, new)]
    if description is not None:
        about = {**description, "key_id": public_key.key_id}
        files.append((description_path(pub_path), json.dumps(about, ensure_ascii=False), 0o644,
                      os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
    created: list[Path] = []
    try:
        for path, text, mode, flags in files:
            fd = os.open(path, flags, mode)
            created.append(path)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise


def key_open_to_others(folder: Path, *, platform: str | None = None,
                       environ: dict[str, str] | None = None,
                       drive_type: Callable[[str], int] | None = None) -> bool:
    """True when a secret key written into `folder` is readable by others than its owner: on
    Windows, a folder outside the user's profile (%USERPROFILE%) or on a removable or network
    drive (see `write_key_pair`). Elsewhere the file's own mode protects it: False."""
    from qcdesk.models.storage_place import DRIVE_REMOTE, DRIVE_REMOVABLE, windows_drive_type

    if not (platform or sys.platform).startswith("win"):
        return False
    environ = dict(os.environ) if environ is None else environ
    where = PureWindowsPath(ntpath.abspath(str(folder)) if os.name == "nt" else str(folder))
    if where.drive.startswith("\\\\"):
        return True  # \\server\share: a network folder
    if len(where.drive) == 2 and (drive_type or windows_drive_type)(where.drive + "\\") in (
            DRIVE_REMOVABLE, DRIVE_REMOTE):
        return True
    if not environ.get("USERPROFILE"):
        return False  # nothing to compare with: say nothing rather than something wrong
    profile = str(PureWindowsPath(environ["USERPROFILE"])).rstrip("\\")
    inside = (str(where).casefold() + "\\").startswith(profile.casefold() + "\\")
    return not inside


def read_key_description(pub_path: Path, key_id: str) -> dict[str, str]:
    """Name, jurisdiction and role from the description beside a public key file; {} when
    there is none, it cannot be read, or it describes another key (a file left behind)."""
    try:
        info = json.loads(description_path(pub_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(info, dict) or info.get("key_id", key_id) != key_id:
        return {}
    role = info.get("role")
    return {"name": str(info.get("name") or "").strip()[:100],
            "jurisdiction": str(info.get("jurisdiction") or "").strip()[:12],
            "role": role if role in ROLES else ""}


SIGNER_FIELDS = ("name", "jurisdiction", "role")
_FIELD_WORDS = {"name": ("姓名", "name"), "jurisdiction": ("辖区", "jurisdiction"), "role": ("角色", "role")}


class DescriptionRefused(StoreError):
    """The description beside a public key is there but cannot be read, or holds a value that is
    no name, jurisdiction or role: trusting the key without that pin would be silent."""


def _fault(field: str, value: object) -> tuple[str, str] | None:
    """Why `value` is no valid `field` of a description (zh, en), or None; empty means not given."""
    from qcdesk.exchange.package_rules import ROLE_LABELS_ZH
    from qcdesk.models.jurisdictions import resolve_jurisdiction

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    shown = json.dumps(value, ensure_ascii=False)[:40]
    if field == "name" and not (isinstance(value, str) and len(value.strip()) <= 100):
        return f"姓名 {shown} 不是 100 字以内的文字", f"name {shown} is no text of up to 100 characters"
    if field == "jurisdiction" and not (isinstance(value, str | int) and not isinstance(value, bool)
                                        and resolve_jurisdiction(str(value))):
        return f"辖区 {shown} 不是已知的辖区代码或名称", f"jurisdiction {shown} is no known code or name"
    if field == "role" and value not in ROLES:
        known = "、".join(f"{label}（{role}）" for role, label in ROLE_LABELS_ZH.items())
        return f"角色 {shown} 不是 {known} 之一", f"role {shown} is not one of {', '.join(ROLES)}"
    return None


def description_refusal(pub_path: Path, key_id: str, wanted: list[str], options: bool
                        ) -> DescriptionRefused | None:
    """Why the description beside `pub_path` cannot give the fields `wanted` (those not given
    otherwise), or None: no description, another key's (a file left behind, not believed), or
    every wanted value valid. `options`: the caller can give the fields itself (`trust add
    --name/--jurisdiction/--role`), and the message says so."""
    path = description_path(pub_path)
    if not wanted or not (path.exists() or path.is_symlink()):
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a broken link, a folder, bad JSON, not UTF-8
        info = None
    if isinstance(info, dict) and info.get("key_id", key_id) != key_id:
        return None
    if isinstance(info, dict):
        faults = [f for f in (_fault(name, info.get(name)) for name in wanted) if f is not None]
        if not faults:
            return None
        what_zh = "内容无效（" + "；".join(f[0] for f in faults) + "）"
        what_en = "holds invalid values (" + "; ".join(f[1] for f in faults) + ")"
    else:
        what_zh, what_en = "无法读取（已损坏，或不是 QCDesk 写的说明文件）", "cannot be read (damaged)"
    fix_zh = "请对方用 QCDesk 重新发送公钥及其说明文件后再添加"
    fix_en = "ask the owner to send the key and its description again"
    if options:
        flags = " ".join(f"--{name} …" for name in wanted)
        fix_zh += f"，或加 {flags} 给出经电话确认的{'、'.join(_FIELD_WORDS[n][0] for n in wanted)}"
        fix_en += f", or give the {', '.join(_FIELD_WORDS[n][1] for n in wanted)} confirmed by phone: {flags}"
    return DescriptionRefused(f"未加入信任列表：公钥旁的说明文件 {path.name} {what_zh}；{fix_zh}。",
                              f"Not trusted: the description {path.name} beside the public key "
                              f"{what_en}; {fix_en}.")


def signer_for_trust(pub_path: Path, key_id: str, given: dict[str, str] | None = None
                     ) -> tuple[dict[str, str], list[str]]:
    """Name, jurisdiction code and role to record on the trust list, field by field: a field
    given (on the command line) wins, a field not given comes from the description beside the
    key. (Any option used to drop the whole description: `trust add --role inspector` left
    name and jurisdiction empty.) Returns the fields and which of them the description gave.

    A description that cannot be read, or gives a field not given here a value that is no name,
    known jurisdiction or role, is refused (DescriptionRefused): the key was trusted without that
    pin, silently. `given` not None: the caller can give fields itself (the command line).
    A description of another key (a file left behind) gives nothing."""
    from qcdesk.models.jurisdictions import resolve_jurisdiction

    wanted = [name for name in SIGNER_FIELDS if not str((given or {}).get(name) or "").strip()]
    refused = description_refusal(pub_path, key_id, wanted, options=given is not None)
    if refused is not None:
        raise refused
    about = read_key_description(pub_path, key_id)
    fields: dict[str, str] = {}
    described: list[str] = []
    for name in SIGNER_FIELDS:
        value = str((given or {}).get(name) or "").strip()
        if not value and about.get(name):
            value = about[name]
            if name == "jurisdiction":
                known = resolve_jurisdiction(value)
                value = known.code if known else ""
            if value:
                described.append(name)
        fields[name] = value
    return fields, described


def mismatch_with_key(key_path: Path, key_id: str, jurisdiction: str) -> str | None:
    """Why a package signed with this key for this jurisdiction would be refused, or None.

    A receiver's trust list holds the key with the jurisdiction it was made for (its
    description, beside the key files) and refuses a package stating another one; the export
    would already count its records as sent, so it refuses first. (The name is not held to
    the description: no receiver refuses a package for its signer's name.)"""
    known = read_key_description(key_path.with_suffix(".pub"), key_id).get("jurisdiction", "")
    if known and jurisdiction.strip() != known:
        return (f"辖区“{jurisdiction}”与签名密钥登记的“{known}”不符，对方会拒收这样的数据包；"
                f"请改为“{known}”；如已调到新辖区，请生成新辖区的密钥"
                f" (the key was made for jurisdiction {known}; moved to another one? make a new key"
                f" for it)")
    return None


def role_mismatch_with_key(key_path: Path, key_id: str, role: str) -> str | None:
    """Why a package signed with this key in this role would be refused, or None.

    Receivers refuse a role other than the one on their trust list, and `trust add` (and the
    trust dialog) record the role from this description unless told otherwise. Such a refusal
    came after the export had counted its records as sent, so the next change package left
    them out (s7/r2: a county key picked by path, its role left at 检查员). So a key described
    as 县级局 or 市级局, roles chosen on purpose at keygen, signs in no other role. A key
    described as 检查员 is not held to it: that is keygen's default, a county may have kept it
    unawares, and its receivers then pin the real role with `trust add --role county`, which
    the sender must be free to sign with (tests/test_exchange_cli.py's chain)."""
    from qcdesk.exchange.package_rules import ROLE_LABELS_ZH

    known = read_key_description(key_path.with_suffix(".pub"), key_id).get("role", "")
    if known not in ("county", "city") or role == known:
        return None
    return (f"角色“{ROLE_LABELS_ZH.get(role, role)}”与签名密钥登记的“{ROLE_LABELS_ZH[known]}”不符，"
            f"对方会拒收这样的数据包；请把角色改为“{ROLE_LABELS_ZH[known]}”（命令行 --role {known}）"
            f" (the key was made for the role {known})")


# --- the keys folder (the keys dialog, the export dialog, getting started) ------------------

@dataclass(frozen=True)
class KeyFiles:
    """One key pair found in the keys folder."""

    public: Path
    secret: Path
    key: PublicKey
    info: dict[str, str]


def key_info(pub: Path) -> dict[str, str]:
    """The description (name, jurisdiction, role) the app writes next to a `.pub`; {} when none."""
    try:
        key_id = PublicKey.load(pub).key_id
    except MinisignError:
        return {}
    return read_key_description(pub, key_id)


def find_key(keys_dir: Path) -> KeyFiles | None:
    """The key pair this computer signs with: the newest `.pub` with its `.key` next to it (by
    the secret key file's time), or None. Not the first by name: after a move to 赤壁市 the new
    421281 key sorted after the old 421221 one, and the export dialog, the settings' signer,
    the dashboard's own jurisdiction all went on with the old key. There is no setting to choose
    among pairs: a key replaced in the keys dialog is moved aside (`retire_key_pair`), and the
    `retired` folder is never looked into."""
    if not keys_dir.is_dir():
        return None
    found: list[tuple[int, str, KeyFiles]] = []
    for pub in keys_dir.glob("*.pub"):
        secret = pub.with_suffix(".key")
        if not secret.is_file():
            continue
        try:
            made, key = secret.stat().st_mtime_ns, PublicKey.load(pub)
        except (MinisignError, OSError):
            continue
        found.append((made, pub.name, KeyFiles(pub, secret, key, key_info(pub))))
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


RETIRED_FOLDER = "retired"  # inside the keys folder: replaced key pairs, kept, never picked


def retire_key_pair(files: KeyFiles, day: str) -> Path:
    """Move a key pair (and its description) aside into ``retired/<name>-<day>/`` next to it,
    never deleting it: a forgotten passphrase may come back, and the old public key still
    verifies the packages it signed. A file that cannot be moved puts back those already moved
    (OSError raised). Returns the folder the pair went to."""
    base = files.public.parent / RETIRED_FOLDER / f"{files.public.stem}-{day}"
    target, n = base, 1
    while target.exists():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    target.mkdir(parents=True)
    moved: list[tuple[Path, Path]] = []
    try:
        for path in (files.secret, files.public, description_path(files.public)):
            if path.exists():
                path.rename(target / path.name)
                moved.append((path, target / path.name))
    except OSError:
        for old, new in reversed(moved):
            new.rename(old)
        raise
    return target


def _derive(keys_dir: Path, name: str, jurisdiction: str, role: str, passphrase: str,
            light: bool, replacing: KeyFiles | None) -> tuple[Path, Path, Any, str, dict[str, str]]:
    """Check the fields and derive the secret key (the slow part): (pub, key, public key, secret
    key text, description). A file in the way is refused, except the pair being replaced."""
    from qcdesk.exchange.minisign import KDF_LIGHT, KDF_SENSITIVE, encode_secret_key, generate_secret_key
    from qcdesk.exchange.package_rules import signer_name_refusal
    from qcdesk.exchange.passphrase import check_passphrase_rules

    check_passphrase_rules(passphrase)
    if signer_name_refusal(name):  # every package signed with the key would be refused
        raise StoreError(signer_name_refusal(name) or "", signer_name_refusal(name, "en") or "")
    if role_refusal(role, jurisdiction):  # before the slow key derivation
        raise StoreError(role_refusal(role, jurisdiction) or "", role_refusal(role, jurisdiction, "en") or "")
    pub, key = key_pair_paths(keys_dir, name, jurisdiction)
    moving = {replacing.public, replacing.secret} if replacing is not None else set()
    for p in (pub, key):
        if p.exists() and p not in moving:
            raise StoreError(f"文件已存在，不会覆盖：{p}", f"File exists, not overwritten: {p}")
    secret = generate_secret_key()
    text = encode_secret_key(secret, passphrase, KDF_LIGHT if light else KDF_SENSITIVE)
    return pub, key, secret.public_key, text, {"name": name, "jurisdiction": jurisdiction, "role": role}


def create_key(keys_dir: Path, name: str, jurisdiction: str, role: str, passphrase: str,
               light: bool) -> KeyFiles:
    """Make and write a key pair as `qcdesk keygen` does (never overwrites); slow: run in a worker."""
    pub, key, public_key, text, info = _derive(keys_dir, name, jurisdiction, role, passphrase,
                                               light, None)
    write_key_pair(pub, key, public_key, text, description=info)
    return KeyFiles(pub, key, public_key, info)


def replace_key(old: KeyFiles, day: str, name: str, jurisdiction: str, role: str, passphrase: str,
                light: bool) -> tuple[KeyFiles, Path]:
    """Make a new key pair in place of `old`: the old pair is retired (`retire_key_pair`) only
    once the new key is derived, and put back should writing the new one fail. (It used to be
    retired before the form was even filled in: closing the form left the computer with no key
    and said nothing.) Returns the new pair and the folder the old one went to."""
    keys_dir = old.public.parent
    pub, key, public_key, text, info = _derive(keys_dir, name, jurisdiction, role, passphrase,
                                               light, old)
    folder = retire_key_pair(old, day)
    try:
        write_key_pair(pub, key, public_key, text, description=info)
    except BaseException:
        restore_key_pair(folder)
        raise
    return KeyFiles(pub, key, public_key, info), folder


def find_retired(keys_dir: Path) -> tuple[KeyFiles, Path] | None:
    """The newest key pair in ``keys/retired/<name>-<day>/`` (by the secret key file's time) and
    its folder, or None: what the keys dialog offers to bring back when no key is in use (a
    new key begun and never made by an older version, a pair moved aside by hand)."""
    newest = None
    for folder in (keys_dir / RETIRED_FOLDER).glob("*/") if keys_dir.is_dir() else ():
        found = find_key(folder)
        if found is not None and (newest is None or found.secret.stat().st_mtime_ns
                                  > newest[0].secret.stat().st_mtime_ns):
            newest = (found, folder)
    return newest


def restore_key_pair(folder: Path) -> KeyFiles:
    """Move a retired pair (and its description) from `folder` back into the keys folder, and
    remove `folder` once empty. A file of the same name there is never overwritten: StoreError
    (FileExistsError), nothing moved."""
    found = find_key(folder)
    if found is None:
        raise StoreError(f"文件夹中没有完整的密钥对：{folder}", f"No key pair in {folder}")
    keys_dir = folder.parent.parent
    files = [p for p in (found.secret, found.public, description_path(found.public)) if p.exists()]
    for path in files:
        if (keys_dir / path.name).exists():
            raise StoreError(f"文件已存在，不会覆盖：{keys_dir / path.name}",
                             f"File exists, not overwritten: {keys_dir / path.name}")
    moved: list[tuple[Path, Path]] = []
    try:
        for path in files:
            path.rename(keys_dir / path.name)
            moved.append((path, keys_dir / path.name))
    except OSError:
        for back, there in reversed(moved):
            there.rename(back)
        raise
    with contextlib.suppress(OSError):  # something else in it: left as it is
        folder.rmdir()
    return KeyFiles(keys_dir / found.public.name, keys_dir / found.secret.name, found.key,
                    read_key_description(keys_dir / found.public.name, found.key.key_id))
