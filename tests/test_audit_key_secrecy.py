"""The secret key and its passphrase never reach the disk unencrypted (keygen + export, then scan)."""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.exchange.minisign import load_secret_key
from qcdesk.models.store import Store
from tests.test_audit import make_visit

PASSPHRASE = "咸宁赤壁-羊楼洞-砖茶-2026!"


def needles(passphrase: str, seed: bytes, public: bytes) -> dict[str, bytes]:
    sk = seed + public  # libsodium's 64-byte secret key
    found = {"passphrase utf-8": passphrase.encode("utf-8"),
             "passphrase utf-16": passphrase.encode("utf-16-le"), "seed": seed,
             "seed hex": seed.hex().encode(), "seed HEX": seed.hex().upper().encode(),
             "seed base64": base64.b64encode(seed).rstrip(b"="), "sk base64": base64.b64encode(sk)[:40]}
    return found


def contents(root: Path, skip: set[Path]) -> dict[str, bytes]:
    """Every file below root, and every member of every zip, as bytes."""
    blobs = {}
    for path in root.rglob("*"):
        if not path.is_file() or path in skip:
            continue
        data = path.read_bytes()
        blobs[str(path)] = data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    blobs[f"{path}!{name}"] = archive.read(name)
    return blobs


def test_keygen_and_export_leave_no_secret_in_the_clear(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_CACHE_HOME", ".cache"), ("TMPDIR", "tmp")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    secret_file = tmp_path / "outside" / "passphrase.txt"
    secret_file.parent.mkdir()
    secret_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    data = home / "data"
    keys = data / "keys"
    assert main(["keygen", "--name", "王磊", "--jurisdiction", "421281", "--out", str(keys), "--light",
                 "--passphrase-file", str(secret_file)]) == 0
    key_file = next(keys.glob("*.key"))
    db = data / "qcdesk.db"
    store = Store.open(db, author="tester")
    make_visit(store)
    store.close()
    (data / "exports").mkdir()
    monkeypatch.setenv("QCDESK_PASSPHRASE", PASSPHRASE)  # the other way of giving it
    assert main(["export", "--db", str(db), "--key", str(key_file), "--out", str(data / "exports"),
                 "--name", "王磊", "--jurisdiction", "421281", "--full"]) == 0
    assert list((data / "exports").iterdir())
    assert main(["audit", "verify", "--db", str(db)]) == 0
    secret = load_secret_key(key_file, PASSPHRASE)
    public = secret.public_key.key
    blobs = contents(home, skip=set())
    assert any(name.endswith(".key") for name in blobs) and any(".db" in name for name in blobs)
    leaks = [(what, name) for name, data_ in blobs.items()
             for what, needle in needles(PASSPHRASE, secret.seed, public).items() if needle in data_]
    assert leaks == []
    # the scanner does find a passphrase where one is written in the clear (the file we gave it)
    control = contents(secret_file.parent, skip=set())
    assert any(needles(PASSPHRASE, secret.seed, public)["passphrase utf-8"] in b for b in control.values())
