"""Keys and signatures must interoperate with the real `minisign` tool, both ways."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.exchange.minisign import (
    KDF_LIGHT,
    KDF_SENSITIVE,
    MinisignError,
    PublicKey,
    Signature,
    WrongPassphrase,
    decode_secret_key,
    encode_secret_key,
    format_fingerprint,
    generate_secret_key,
    load_secret_key,
    normalize_key_id,
    scrypt_params,
    verify_signature,
)
from qcdesk.exchange.passphrase import (
    PassphraseError,
    check_passphrase_rules,
    obtain_passphrase,
)

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(MINISIGN is None, reason="minisign not installed")
PASS = "correct horse battery"


def run(args: list[str], stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [MINISIGN or "minisign", *args], input=stdin, capture_output=True, text=True,
        cwd=cwd, timeout=120,
    )


def test_scrypt_params_match_libsodium() -> None:
    # minisign's default: N=2^20 (1 GiB), r=8, p=1
    assert scrypt_params(KDF_SENSITIVE.opslimit, KDF_SENSITIVE.memlimit) == (1 << 20, 8, 1)
    assert scrypt_params(KDF_LIGHT.opslimit, KDF_LIGHT.memlimit) == (1 << 14, 8, 1)
    # opslimit-bound branch: small opslimit, big memlimit
    assert scrypt_params(32768, 1 << 30) == (1 << 10, 8, 1)
    # halved params as minisign falls back to on low memory keep p=1
    assert scrypt_params(1 << 24, 1 << 29) == (1 << 19, 8, 1)


def test_fingerprint_groups() -> None:
    assert format_fingerprint("B53351FD8588F5F7") == "B533 51FD 8588 F5F7"
    assert normalize_key_id("b533 51fd-8588 f5f7") == "B53351FD8588F5F7"
    assert normalize_key_id("202B26A3BB8EC42") == "0202B26A3BB8EC42"  # as minisign 0.11 prints


def test_roundtrip_sign_verify() -> None:
    sk = decode_secret_key(encode_secret_key(generate_secret_key(), PASS, KDF_LIGHT), PASS)
    pk = PublicKey.from_file_text(sk.public_key.to_file_text())
    sig = Signature.parse(sk.sign_bytes(b"hello", "name:张三\tsequence:1"))
    assert sig.prehashed
    assert verify_signature(pk, sig, data=b"hello") == "name:张三\tsequence:1"
    with pytest.raises(MinisignError) as err:
        verify_signature(pk, sig, data=b"hellO")
    assert err.value.code == "bad_signature"
    other = generate_secret_key().public_key
    with pytest.raises(MinisignError) as err:
        verify_signature(other, sig, data=b"hello")
    assert err.value.code == "wrong_key"


def test_wrong_passphrase_is_clear() -> None:
    text = encode_secret_key(generate_secret_key(), PASS, KDF_LIGHT)
    with pytest.raises(WrongPassphrase) as err:
        decode_secret_key(text, "not the passphrase")
    assert "口令不正确" in err.value.reason_zh


def test_tampered_trusted_comment_refused() -> None:
    sk = generate_secret_key()
    text = sk.sign_bytes(b"x", "sequence:1")
    forged = Signature.parse(text.replace("sequence:1", "sequence:2"))
    with pytest.raises(MinisignError) as err:
        verify_signature(sk.public_key, forged, data=b"x")
    assert err.value.code == "bad_comment_signature"


def test_passphrase_rules(tmp_path: Path) -> None:
    with pytest.raises(PassphraseError) as err:
        check_passphrase_rules("short")
    assert err.value.code == "passphrase_too_short"
    f = tmp_path / "pw"
    f.write_text("long enough pass\n", encoding="utf-8-sig")  # as Windows Notepad saves it
    assert obtain_passphrase(new=True, passphrase_file=f, env={}) == "long enough pass"
    assert obtain_passphrase(new=False, env={"QCDESK_PASSPHRASE": "from env 123"}) == (
        "from env 123"
    )
    with pytest.raises(PassphraseError):
        obtain_passphrase(new=True, env={"QCDESK_PASSPHRASE": "2short"})
    answers = iter(["typed passphrase", "typed passphrase"])
    got = obtain_passphrase(new=True, env={}, prompt=lambda _: next(answers), interactive=True)
    assert got == "typed passphrase"
    answers = iter(["typed passphrase", "different one!"])
    with pytest.raises(PassphraseError) as err:
        obtain_passphrase(new=True, env={}, prompt=lambda _: next(answers), interactive=True)
    assert err.value.code == "passphrase_mismatch"
    with pytest.raises(PassphraseError) as err:
        obtain_passphrase(new=False, env={}, interactive=False)
    assert err.value.code == "passphrase_missing"


@pytest.mark.slow  # minisign -G with a password always uses the 1 GiB KDF
@needs_minisign
def test_minisign_made_keys_work_in_app(tmp_path: Path) -> None:
    # unencrypted (-W) and password-protected keys made by minisign itself
    r = run(["-G", "-W", "-p", "w.pub", "-s", "w.key"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run(["-G", "-p", "p.pub", "-s", "p.key"], stdin=f"{PASS}\n{PASS}\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = tmp_path / "data.bin"
    data.write_bytes(b"\x00\x01 spot check data " * 1000)
    for name, stdin in (("w", ""), ("p", f"{PASS}\n")):
        pub = PublicKey.load(tmp_path / f"{name}.pub")
        # the app's key id is what minisign printed in the public key's comment
        # (minisign 0.11 drops leading zeros: compare as numbers, and via normalize_key_id)
        printed = (tmp_path / f"{name}.pub").read_text().splitlines()[0].split()[-1]
        assert int(printed, 16) == int(pub.key_id, 16)
        assert normalize_key_id(printed) == pub.key_id
        r = run(
            ["-S", "-H", "-s", f"{name}.key", "-m", "data.bin", "-t", "trusted 张三"],
            stdin=stdin, cwd=tmp_path,
        )
        assert r.returncode == 0, r.stderr
        sig = Signature.parse((tmp_path / "data.bin.minisig").read_text(encoding="utf-8"))
        assert verify_signature(pub, sig, data=data.read_bytes()) == "trusted 张三"
        # the app opens minisign's secret key and signs something minisign accepts
        sk = load_secret_key(tmp_path / f"{name}.key", PASS if name == "p" else None)
        assert sk.public_key == pub
        (tmp_path / "data.bin.minisig").write_text(sk.sign_bytes(data.read_bytes(), "app"))
        r = run(["-Vm", "data.bin", "-p", f"{name}.pub", "-H"], cwd=tmp_path)
        assert r.returncode == 0, r.stderr


@needs_minisign
def test_app_keys_work_in_minisign(tmp_path: Path) -> None:
    sk = generate_secret_key()
    (tmp_path / "app.key").write_text(encode_secret_key(sk, PASS, KDF_LIGHT))
    (tmp_path / "app.pub").write_text(sk.public_key.to_file_text())
    data = tmp_path / "f.txt"
    data.write_text("质量提升 2026\n", encoding="utf-8")
    (tmp_path / "f.txt.minisig").write_text(
        sk.sign_file(data, "signer:张三\tjurisdiction:421221\tsequence:12"), encoding="utf-8"
    )
    r = run(["-Vm", "f.txt", "-p", "app.pub", "-H"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "signer:张三" in r.stdout
    r = run(["-Vm", "f.txt", "-P", sk.public_key.to_base64(), "-H"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    # minisign decrypts the app's light-KDF secret key and signs with it
    r = run(["-S", "-s", "app.key", "-m", "f.txt", "-x", "m.sig"], stdin=f"{PASS}\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sig = Signature.parse((tmp_path / "m.sig").read_text(encoding="utf-8"))
    verify_signature(sk.public_key, sig, data=data.read_bytes())
    r = run(["-S", "-s", "app.key", "-m", "f.txt", "-x", "m.sig"], stdin="wrong pass\n",
            cwd=tmp_path)
    assert r.returncode != 0


@needs_minisign
def test_legacy_signature_refused_when_prehash_required(tmp_path: Path) -> None:
    run(["-G", "-W", "-p", "w.pub", "-s", "w.key"], cwd=tmp_path)
    (tmp_path / "f").write_bytes(b"abc")
    r = run(["-S", "-l", "-s", "w.key", "-m", "f"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    pub = PublicKey.load(tmp_path / "w.pub")
    sig = Signature.parse((tmp_path / "f.minisig").read_text())
    assert not sig.prehashed
    with pytest.raises(MinisignError) as err:
        verify_signature(pub, sig, data=b"abc")
    assert err.value.code == "legacy_signature"
    assert "预哈希" in err.value.reason_zh
    verify_signature(pub, sig, data=b"abc", require_prehashed=False)


@pytest.mark.slow
@needs_minisign
def test_default_strength_key_opens_in_minisign(tmp_path: Path) -> None:
    """One slow test: the full 1 GiB scrypt key, as minisign would write it."""
    sk = generate_secret_key()
    (tmp_path / "k.key").write_text(encode_secret_key(sk, PASS, KDF_SENSITIVE))
    (tmp_path / "k.pub").write_text(sk.public_key.to_file_text())
    (tmp_path / "f").write_bytes(b"abc")
    r = run(["-S", "-s", "k.key", "-m", "f"], stdin=f"{PASS}\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run(["-Vm", "f", "-p", "k.pub"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr


def test_garbage_key_and_signature_files_give_reasons_not_crashes() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    sk = generate_secret_key()
    good_sig = sk.sign_bytes(b"x", "c")
    good_key = encode_secret_key(sk, PASS, KDF_LIGHT)
    good_pub = sk.public_key.to_file_text()

    @settings(max_examples=80, deadline=None)
    @given(st.sampled_from([good_sig, good_key, good_pub]), st.integers(0, 400), st.text(max_size=3))
    def check(base: str, pos: int, insert: str) -> None:
        text = base[:pos] + insert + base[pos + len(insert):]
        for parse in (Signature.parse, PublicKey.from_file_text,
                      lambda t: decode_secret_key(t, PASS)):
            try:
                parse(text)
            except MinisignError as err:
                assert err.reason_zh and "\n" not in err.reason_zh

    check()


def test_hostile_kdf_parameters_refused_quickly() -> None:
    import base64
    import struct

    text = encode_secret_key(generate_secret_key(), PASS, KDF_LIGHT)
    raw = bytearray(base64.b64decode(text.splitlines()[1]))
    raw[38:54] = struct.pack("<QQ", 1 << 40, 1 << 40)  # 1 TiB of scrypt memory, absurd CPU
    hostile = f"untrusted comment: x\n{base64.b64encode(bytes(raw)).decode()}\n"
    with pytest.raises(MinisignError) as err:
        decode_secret_key(hostile, PASS)
    assert err.value.code == "kdf_params"


def test_public_key_file_variants(tmp_path: Path) -> None:
    pk = generate_secret_key().public_key
    variants = {
        "bom.pub": "\ufeff" + pk.to_file_text(),
        "crlf.pub": pk.to_file_text().replace("\n", "\r\n"),
        "inline.pub": pk.to_base64() + "\n",
    }
    for name, text in variants.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
        assert PublicKey.load(tmp_path / name) == pk, name
    (tmp_path / "bad.pub").write_text("hello\nworld\n")
    with pytest.raises(MinisignError):
        PublicKey.load(tmp_path / "bad.pub")


def test_the_fingerprint_read_by_phone_is_the_keys_hash_not_its_id() -> None:
    """A key id is whatever its maker writes into the file: a forged key carrying the real key's
    id must not show the same fingerprint (it did, when the fingerprint was the id in groups)."""
    import hashlib

    real = generate_secret_key().public_key
    forged = PublicKey(real.keynum, generate_secret_key().public_key.key)
    assert forged.key_id == real.key_id
    assert forged.fingerprint != real.fingerprint
    digest = hashlib.sha256(b"Ed" + real.keynum + real.key).hexdigest()[:20].upper()
    assert real.fingerprint == " ".join(digest[i:i + 4] for i in range(0, 20, 4))
    assert real.key_id.replace(" ", "") not in real.fingerprint.replace(" ", "")
