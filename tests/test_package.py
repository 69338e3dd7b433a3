"""Signed packages: what a receiving county would notice when a package is good or bad."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qcdesk.exchange.minisign import (
    KDF_LIGHT,
    PublicKey,
    SecretKey,
    decode_secret_key,
    encode_secret_key,
    generate_secret_key,
)
from qcdesk.exchange.package import (
    PackageCancelled,
    PackageLimits,
    PackageRejected,
    build_package,
    file_sha256,
    open_package,
    photo_member_name,
)
from qcdesk.exchange.package_rules import trusted_comment
from qcdesk.exchange.trust import StaticTrust, TrustedKey

MINISIGN = shutil.which("minisign")
CREATED = datetime(2026, 11, 29, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def key() -> SecretKey:
    # through the file format, with the light KDF, as a test key would be made
    return decode_secret_key(encode_secret_key(generate_secret_key(), "test pass 123", KDF_LIGHT),
                             "test pass 123")


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, Path]:
    src = tmp_path / "src"
    src.mkdir()
    data = src / "data.xlsx"
    data.write_bytes(b"PK\x03\x04 pretend workbook " + bytes(range(256)) * 50)
    photo = src / "IMG_0001.JPG"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo bytes " * 300)
    return {"data.xlsx": data, photo_member_name(photo): photo}


def make(out: Path, key: SecretKey, members: dict[str, Path], sequence: int = 12,
         **kw: object) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    return build_package(
        out, members,
        {"period_from": "2026-11-01", "period_to": "2026-11-29",
         "record_counts": {"enterprise": 3, "visit": 5}},
        key, signer_name="张三", jurisdiction="421221", role="inspector", sequence=sequence,
        previous_package_sha256=kw.pop("previous", None), created_at=CREATED, **kw,  # type: ignore[arg-type]
    )


def rewrite(src: Path, dst: Path, replace: dict[str, bytes | None] | None = None,
            add: list[tuple[zipfile.ZipInfo | str, bytes]] | None = None) -> Path:
    """Copy a package, replacing (None = dropping) members and appending raw entries."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    zout.writestr(info, replace[info.filename])  # type: ignore[arg-type]
            else:
                zout.writestr(info, zin.read(info))
        for entry, data in add or []:
            zout.writestr(entry, data)
    return dst


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def resign_manifest(pkg: Path, dst: Path, key: SecretKey, edit=None, comment=None) -> Path:
    files = members_of(pkg)
    manifest = json.loads(files["manifest.json"])
    if edit:
        edit(manifest)
    body = json.dumps(manifest, ensure_ascii=False).encode()
    tc = comment or trusted_comment(
        file="manifest.json", key_id=key.key_id, name=manifest["signer_name"],
        jurisdiction=manifest["jurisdiction"], role=manifest["role"],
        sequence=manifest["sequence"], created=CREATED,
    )
    sig = key.sign_bytes(body, tc).encode()
    return rewrite(pkg, dst, {"manifest.json": body, "manifest.json.minisig": sig})


def refused(pkg: Path, trust, tmp_path: Path, **kw) -> PackageRejected:
    work = tmp_path / "work"
    with pytest.raises(PackageRejected) as err:
        open_package(pkg, trusted_keys=trust, workdir=work, **kw)
    assert "\n" not in err.value.reason_zh and err.value.reason_zh
    # nothing extracted is left behind
    assert not work.exists() or not any(work.iterdir())
    return err.value


def test_roundtrip(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    assert pkg.name == f"421221_张三_{key.key_id[:8]}_000012_20261129.qcpkg.zip"  # the key keeps names apart
    assert [p.name for p in pkg.parent.iterdir()] == [pkg.name]  # no temp file left
    got = open_package(pkg, trusted_keys=key.public_key, workdir=tmp_path / "work")
    m = got.manifest
    assert m["format_version"] == 1
    assert m["signature_algorithm"] == "minisign-ed25519-blake2b"
    assert m["signer_key_id"] == key.key_id and m["signer_name"] == "张三"
    assert (m["jurisdiction"], m["role"], m["sequence"]) == ("421221", "inspector", 12)
    assert m["previous_package_sha256"] is None
    assert (m["period_from"], m["period_to"]) == ("2026-11-01", "2026-11-29")
    assert m["record_counts"] == {"enterprise": 3, "visit": 5}
    assert m["created_at"] == "2026-11-29T10:30:00Z"
    for name, src in sources.items():
        assert got.member_path(name).read_bytes() == src.read_bytes()
        assert m["members"][name] == {"sha256": file_sha256(src), "size": src.stat().st_size}
    assert got.sha256 == hashlib.sha256(pkg.read_bytes()).hexdigest()
    assert got.signer.key_id == key.key_id and got.signer.name == "张三"
    assert got.warnings == []


@pytest.mark.skipif(MINISIGN is None, reason="minisign not installed")
def test_minisign_cli_verifies_package_signatures(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    with zipfile.ZipFile(pkg) as zf:
        zf.extractall(tmp_path / "x")
    (tmp_path / "k.pub").write_text(key.public_key.to_file_text())
    for name in ("data.xlsx", "manifest.json"):
        r = subprocess.run(
            [MINISIGN, "-Vm", name, "-p", str(tmp_path / "k.pub"), "-H"],
            cwd=tmp_path / "x", capture_output=True, text=True, timeout=60,
        )
        assert r.returncode == 0, r.stderr
        assert "name:张三" in r.stdout and "sequence:12" in r.stdout


def test_every_flipped_byte_is_refused(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    files = members_of(pkg)
    for name, body in files.items():
        for pos in {0, len(body) // 2, len(body) - 2}:
            bad = bytearray(body)
            bad[pos] ^= 0x01
            dst = rewrite(pkg, tmp_path / "bad.zip", {name: bytes(bad)})
            err = refused(dst, key.public_key, tmp_path)
            assert err.code, (name, pos)
    raw = pkg.read_bytes()
    for pos in range(0, len(raw), max(1, len(raw) // 40)):
        bad = bytearray(raw)
        bad[pos] ^= 0x40
        (tmp_path / "raw.zip").write_bytes(bytes(bad))
        try:
            open_package(tmp_path / "raw.zip", trusted_keys=key.public_key,
                         workdir=tmp_path / f"w{pos}")
        except PackageRejected:
            continue
        # a flip in zip bookkeeping that no content depends on may pass; content must be intact
        with zipfile.ZipFile(tmp_path / "raw.zip") as zf:
            assert all(zf.read(n) == files[n] for n in files)


def test_wrong_and_unknown_key(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    other = generate_secret_key().public_key
    err = refused(pkg, other, tmp_path)
    assert err.code == "wrong_key" and key.key_id in err.reason_zh
    assert refused(pkg, StaticTrust([]), tmp_path).code == "untrusted_key"


def test_revoked_key(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    revoked = datetime(2026, 12, 1, tzinfo=UTC)
    trust = StaticTrust([TrustedKey(key.public_key, revoked_at=revoked)])
    err = refused(pkg, trust, tmp_path, received_at=revoked + timedelta(seconds=1))
    assert err.code == "revoked_key" and "吊销" in err.reason_zh
    # in the office's local time (a revocation at local midnight is not "the day before")
    assert revoked.astimezone().strftime("%Y-%m-%d %H:%M") in err.reason_zh
    assert "T00:00:00Z" not in err.reason_zh and "新密钥" in err.reason_zh
    ok = open_package(pkg, trusted_keys=trust, workdir=tmp_path / "w2",
                      received_at=revoked - timedelta(days=1))
    assert ok.sequence == 12


def test_trust_list_pins_role_and_jurisdiction(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    county = StaticTrust([TrustedKey(key.public_key, role="county")])
    err = refused(pkg, county, tmp_path)
    assert err.code == "role_mismatch"
    assert "签名人角色“检查员”与信任列表登记的“县级局”不符" in err.reason_zh  # the GUI's words
    assert "inspector" not in err.reason_zh
    elsewhere = StaticTrust([TrustedKey(key.public_key, jurisdiction="421222")])
    assert refused(pkg, elsewhere, tmp_path).code == "jurisdiction_mismatch"


class Received(StaticTrust):
    received_log = True

    def __init__(self, key: PublicKey, received: dict[int, str]):
        super().__init__([TrustedKey(key)])
        self.received = received

    def received_sequences(self, key_id: str) -> dict[int, str]:
        return self.received


def test_replay_refused_and_gap_warned(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    sha = file_sha256(pkg)
    again = refused(pkg, Received(key.public_key, {12: sha}), tmp_path)
    assert again.code == "already_imported" and "无需再导入" in again.reason_zh
    assert again.reason_zh.startswith("张三（421221） 序号 12 ")
    err = refused(pkg, Received(key.public_key, {12: "0" * 64}), tmp_path)
    assert err.code == "replayed_sequence"
    got = open_package(pkg, trusted_keys=Received(key.public_key, {9: "a" * 64}),
                       workdir=tmp_path / "w")
    assert [w.code for w in got.warnings] == ["sequence_gap"]
    # every number from 1 is missing, not only those above the lowest received
    assert "（序号 1～8、10、11）" in got.warnings[0].message_zh


def damaged_copy(pkg: Path, dst: Path, member: str = "data.xlsx") -> Path:
    """Four bytes flipped in the middle of a member's stored bytes, as a bad disk or transfer
    would leave them; the zip's directory is intact."""
    info = zipfile.ZipFile(pkg).getinfo(member)
    raw = bytearray(pkg.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    raw[middle:middle + 4] = bytes(b ^ 0xFF for b in raw[middle:middle + 4])
    dst.write_bytes(bytes(raw))
    return dst


@pytest.mark.parametrize("member", ["data.xlsx", "photos"])
def test_damaged_copy_of_a_received_package_is_damaged_not_a_replay(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path], member: str
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    name = next(n for n in zipfile.ZipFile(pkg).namelist() if n.startswith(member))
    bad = damaged_copy(pkg, tmp_path / "bad.zip", name)
    for received in ({}, {12: file_sha256(pkg)}):  # fresh, and after the intact one came in
        err = refused(bad, Received(key.public_key, received), tmp_path)
        assert err.code == "corrupt", err.reason_zh
        assert f"其中的 {name}" in err.reason_zh and "重新发送" in err.reason_zh
        assert "重放" not in err.reason_zh and "BadZipFile" not in err.reason_zh
    # an intact package received before is still "already imported", another one a replay
    assert refused(pkg, Received(key.public_key, {12: file_sha256(pkg)}), tmp_path).code \
        == "already_imported"
    replay = refused(pkg, Received(key.public_key, {12: "0" * 64}), tmp_path)
    assert replay.code == "replayed_sequence" and "拒绝导入" not in replay.reason_zh
    assert replay.reason_zh.startswith("张三（421221） 序号 12 ")


def test_a_local_write_failure_is_not_blamed_on_the_package(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    """Extracting here can fail (disk full, no permission): that is an OSError about this
    computer, never "the package is damaged, ask the sender to send it again"."""
    pkg = make(tmp_path / "out", key, sources)
    not_a_folder = tmp_path / "work"
    not_a_folder.write_text("a file where the work folder should be")
    with pytest.raises(OSError):
        open_package(pkg, trusted_keys=key.public_key, workdir=not_a_folder)


def test_chain_to_previous_package(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    first = make(tmp_path / "a", key, sources, sequence=1)
    second = make(tmp_path / "b", key, sources, sequence=2, previous=file_sha256(first))
    ok = open_package(second, trusted_keys=Received(key.public_key, {1: file_sha256(first)}),
                      workdir=tmp_path / "w")
    assert ok.warnings == []
    forked = open_package(second, trusted_keys=Received(key.public_key, {1: "b" * 64}),
                          workdir=tmp_path / "w")
    assert [w.code for w in forked.warnings] == ["chain_broken"]


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "photos\\..\\..\\x", "C:/x", "photos/./a", "a//b"]
)
def test_path_traversal(tmp_path: Path, key: SecretKey, sources: dict[str, Path], name: str) -> None:
    pkg = make(tmp_path / "out", key, sources)
    dst = rewrite(pkg, tmp_path / "t.zip", add=[(zipfile.ZipInfo(name), b"x")])
    assert refused(dst, key.public_key, tmp_path).code == "unsafe_path"
    assert not (tmp_path / "evil.txt").exists()


def test_zip_bomb(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    zeros = tmp_path / "src" / "big.xlsx"
    zeros.write_bytes(bytes(8 * 1024 * 1024))
    pkg = make(tmp_path / "out", key, {**sources, "data.xlsx": zeros})
    assert refused(pkg, key.public_key, tmp_path).code == "zip_bomb"
    small = PackageLimits(max_uncompressed_bytes=1024 * 1024, max_ratio=10**6)
    assert refused(pkg, key.public_key, tmp_path, limits=small).code == "zip_bomb"


def test_limits(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    err = refused(pkg, key.public_key, tmp_path, limits=PackageLimits(max_package_bytes=1000))
    assert err.code == "package_too_large"
    err = refused(pkg, key.public_key, tmp_path, limits=PackageLimits(max_members=3))
    assert err.code == "too_many_members"
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(3000):
            zf.writestr(f"photos/{i:064x}.jpg", b"")
    err = refused(many, key.public_key, tmp_path, limits=PackageLimits(max_members=1000))
    assert err.code == "too_many_members" and "3000" in err.reason_zh
    with zipfile.ZipFile(many, "w") as zf:  # over 65535 entries: counted via the zip64 record
        for i in range(70000):
            zf.writestr(f"photos/{i:064x}.jpg", b"")
    err = refused(many, key.public_key, tmp_path, limits=PackageLimits(max_members=69999))
    assert err.code == "too_many_members" and "70000" in err.reason_zh
    (tmp_path / "junk.qcpkg.zip").write_bytes(b"not a zip at all")
    assert refused(tmp_path / "junk.qcpkg.zip", key.public_key, tmp_path).code == "not_a_zip"


def test_symlink_member(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    link = zipfile.ZipInfo(f"photos/{'e' * 64}.jpg")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    dst = rewrite(pkg, tmp_path / "l.zip", add=[(link, b"/etc/passwd")])
    assert refused(dst, key.public_key, tmp_path).code == "symlink_member"


def test_encrypted_flag(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    raw = bytearray(pkg.read_bytes())
    # set bit 0 of the general-purpose flags in every central directory entry
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        raw[pos + 8] |= 0x01
        pos = raw.find(b"PK\x01\x02", pos + 4)
    (tmp_path / "e.zip").write_bytes(bytes(raw))
    assert refused(tmp_path / "e.zip", key.public_key, tmp_path).code == "encrypted_member"


def test_unexpected_missing_and_duplicate_members(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    dst = rewrite(pkg, tmp_path / "u.zip", add=[("notes.txt", b"hi")])
    assert refused(dst, key.public_key, tmp_path).code == "unexpected_member"
    dst = rewrite(pkg, tmp_path / "p.zip", add=[(f"photos/{'a' * 64}.png", b"x")])
    assert refused(dst, key.public_key, tmp_path).code == "members_differ"
    dst = rewrite(pkg, tmp_path / "m.zip", {"data.xlsx.minisig": None})
    assert refused(dst, key.public_key, tmp_path).code == "missing_member"
    with pytest.warns(UserWarning):
        dst = rewrite(pkg, tmp_path / "d.zip", add=[("data.xlsx", b"other")])
    assert refused(dst, key.public_key, tmp_path).code == "duplicate_member"
    dst = rewrite(pkg, tmp_path / "c.zip", add=[("DATA.xlsx", b"other")])
    assert refused(dst, key.public_key, tmp_path).code in {"duplicate_member", "unexpected_member"}


def test_resigned_manifest_checks(tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    pkg = make(tmp_path / "out", key, sources)
    # an untouched re-sign is accepted (the helper itself is right)
    ok = resign_manifest(pkg, tmp_path / "ok.zip", key)
    assert open_package(ok, trusted_keys=key.public_key, workdir=tmp_path / "w").sequence == 12

    def version(m: dict) -> None:
        m["format_version"] = 3  # 2 is known since re-tests (docs/exchange-format.md)

    dst = resign_manifest(pkg, tmp_path / "v.zip", key, version)
    assert refused(dst, key.public_key, tmp_path).code == "unsupported_version"

    def algorithm(m: dict) -> None:
        m["signature_algorithm"] = "sm2-sm3"

    dst = resign_manifest(pkg, tmp_path / "a.zip", key, algorithm)
    assert refused(dst, key.public_key, tmp_path).code == "unsupported_algorithm"
    dst = resign_manifest(pkg, tmp_path / "c.zip", key, comment="timestamp:1\tfile:x")
    assert refused(dst, key.public_key, tmp_path).code == "comment_mismatch"

    def sequence(m: dict) -> None:
        m["sequence"] = 13  # the data signature's comment still says 12

    dst = resign_manifest(pkg, tmp_path / "s.zip", key, sequence)
    assert refused(dst, key.public_key, tmp_path).code == "comment_mismatch"


def test_data_and_manifest_by_different_keys(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    other = generate_secret_key()
    pkg = make(tmp_path / "out", key, sources)
    theirs = make(tmp_path / "other", other, sources)
    other_sig = members_of(theirs)["data.xlsx.minisig"]
    swapped = rewrite(pkg, tmp_path / "sw.zip", {"data.xlsx.minisig": other_sig})

    def fix(m: dict) -> None:
        m["members"]["data.xlsx.minisig"] = {
            "sha256": hashlib.sha256(other_sig).hexdigest(), "size": len(other_sig)}

    dst = resign_manifest(swapped, tmp_path / "d.zip", key, fix)
    trust = StaticTrust.of([key.public_key, other.public_key])
    assert refused(dst, trust, tmp_path).code == "signers_differ"


@pytest.mark.skipif(MINISIGN is None, reason="minisign not installed")
def test_legacy_manifest_signature_refused(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    pkg = make(tmp_path / "out", key, sources)
    (tmp_path / "k.key").write_text(encode_secret_key(key, None))
    (tmp_path / "manifest.json").write_bytes(members_of(pkg)["manifest.json"])
    r = subprocess.run([MINISIGN, "-S", "-l", "-W", "-s", "k.key", "-m", "manifest.json"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:  # older minisign: -W is only for -G
        r = subprocess.run([MINISIGN, "-S", "-l", "-s", "k.key", "-m", "manifest.json"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    legacy = (tmp_path / "manifest.json.minisig").read_bytes()
    dst = rewrite(pkg, tmp_path / "l.zip", {"manifest.json.minisig": legacy})
    err = refused(dst, key.public_key, tmp_path)
    assert err.code == "legacy_signature" and "预哈希" in err.reason_zh


def test_build_leaves_nothing_on_cancel_or_error(
    tmp_path: Path, key: SecretKey, sources: dict[str, Path]
) -> None:
    out = tmp_path / "out"
    calls = iter([False, True])
    with pytest.raises(PackageCancelled):
        make(out, key, sources, cancel=lambda: next(calls, True))
    assert list(out.iterdir()) == []
    missing = {**sources, f"photos/{'f' * 64}.jpg": tmp_path / "gone.jpg"}
    with pytest.raises(FileNotFoundError):
        make(out, key, missing)
    assert list(out.iterdir()) == []
    wrong_name = {**sources, f"photos/{'f' * 64}.jpg": sources["data.xlsx"]}
    with pytest.raises(ValueError):
        make(out, key, wrong_name)
    assert list(out.iterdir()) == []
    make(out, key, sources)
    with pytest.raises(FileExistsError):
        make(out, key, sources)
    with pytest.raises(ValueError):
        make(tmp_path / "o2", key, {"evil.txt": sources["data.xlsx"]})


def test_photo_names_are_content_addressed(tmp_path: Path) -> None:
    jpg = tmp_path / "现场照片.JPG"
    body = b"\xff\xd8 photo"
    jpg.write_bytes(body)
    assert photo_member_name(jpg) == f"photos/{hashlib.sha256(body).hexdigest()}.jpg"
    exe = tmp_path / "photo.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(ValueError):
        photo_member_name(exe)


def test_a_manifest_edited_by_hand_is_refused_once_and_says_what_to_do(
        tmp_path: Path, key: SecretKey, sources: dict[str, Path]) -> None:
    """Someone re-hashed data.xlsx into manifest.json without the key: the manifest's signature
    fails. The clerk reads it once, and what to do (ask for the package again)."""
    pkg = make(tmp_path / "out", key, sources)
    edited = tmp_path / "edited.zip"
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(edited, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["created_at"] = "2026-01-01T00:00:00Z"
                data = json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode("utf-8")
            dst.writestr(info, data)
    err = refused(edited, key.public_key, tmp_path)
    assert err.code == "bad_signature"
    assert err.reason_zh.count("签名无效") <= 1 and "manifest.json 未通过签名核验" in err.reason_zh
    assert "请发送方重新发送该数据包" in err.reason_zh
