"""`qcdesk keygen`, `qcdesk trust …` and `qcdesk verify` as an inspector would run them."""

from __future__ import annotations

import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.exchange.minisign import MinisignError, PublicKey, WrongPassphrase
from qcdesk.exchange.package import build_package
from qcdesk.exchange.passphrase import unlock_secret_key
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    out = tmp_path / "keys"
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(out),
                 "--light", "--passphrase-file", str(pw)]) == 0
    return out


@pytest.fixture
def package(tmp_path: Path, keys: Path) -> Path:
    sk = unlock_secret_key(keys / "421221_张三.key", passphrase_file=tmp_path / "pw.txt")
    data = tmp_path / "data.xlsx"
    data.write_bytes(b"workbook bytes")
    out = tmp_path / "out"
    out.mkdir()
    return build_package(out, {"data.xlsx": data},
                         {"period_from": "2026-10-01", "period_to": "2026-10-31"}, sk,
                         signer_name="张三", jurisdiction="421221", role="inspector",
                         sequence=1, previous_package_sha256=None)


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_keygen_files(
    tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert stat.S_IMODE((keys / "421221_张三.key").stat().st_mode) == 0o600
    monkeypatch.setenv("QCDESK_PASSPHRASE", PASS)
    capsys.readouterr()
    assert main(["keygen", "--name", "李四 (county)", "--jurisdiction", "421222", "--out",
                 str(tmp_path / "k2"), "--light"]) == 0
    pub = PublicKey.load(tmp_path / "k2" / "421222_李四_county.pub")
    assert pub.fingerprint in capsys.readouterr().out
    # keygen refuses to overwrite an existing key
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(keys),
                 "--light"]) == 2
    assert "已存在" in one_line(capsys.readouterr().err)


def test_keygen_passphrase_too_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pw = tmp_path / "short"
    pw.write_text("123456789", encoding="utf-8")
    assert main(["keygen", "--name", "王五", "--jurisdiction", "421222", "--out",
                 str(tmp_path / "k"), "--light", "--passphrase-file", str(pw)]) == 2
    assert "口令太短" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "k").exists() or not any((tmp_path / "k").iterdir())


def test_unlock_wrong_passphrase_is_clear(tmp_path: Path, keys: Path) -> None:
    with pytest.raises(WrongPassphrase) as err:
        unlock_secret_key(keys / "421221_张三.key", env={"QCDESK_PASSPHRASE": "wrong one!!"})
    assert err.value.reason_zh.startswith("口令不正确")
    with pytest.raises(MinisignError) as err:
        unlock_secret_key(keys / "421221_张三.pub", env={"QCDESK_PASSPHRASE": PASS})
    assert err.value.reason_zh.startswith("这是公钥文件（.pub），不是私钥")  # named for what it is
    sk = unlock_secret_key(keys / "421221_张三.key", env={"QCDESK_PASSPHRASE": PASS})
    assert sk.public_key == PublicKey.load(keys / "421221_张三.pub")


def test_trust_add_list_revoke_and_verify(
    tmp_path: Path, keys: Path, package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "county.db")
    pub = str(keys / "421221_张三.pub")
    Store.open(tmp_path / "county.db").close()
    capsys.readouterr()
    # not a terminal and no --yes: refuse rather than trust blindly
    assert main(["trust", "add", pub, "--db", db]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["verify", str(package), "--db", db]) == 2
    assert "不在信任列表" in one_line(capsys.readouterr().err)
    assert main(["trust", "add", pub, "--db", db, "--role", "inspector", "--name", "张三",
                 "--jurisdiction", "421221", "--yes"]) == 0
    out = capsys.readouterr().out
    key_id = PublicKey.load(keys / "421221_张三.pub").key_id
    assert key_id in out
    assert main(["verify", str(package), "--db", db]) == 0
    summary = one_line(capsys.readouterr().out)
    assert summary.startswith("验证通过") and "张三" in summary and "序号 1" in summary
    assert main(["trust", "list", "--db", db]) == 0
    assert "有效" in capsys.readouterr().out
    assert main(["trust", "revoke", key_id, "--db", db, "--at", "2020-01-01", "--yes"]) == 0
    capsys.readouterr()
    assert main(["trust", "list", "--db", db]) == 0
    assert "已吊销" in capsys.readouterr().out
    assert main(["verify", str(package), "--db", db]) == 2
    assert "吊销" in one_line(capsys.readouterr().err)


def test_verify_with_pubkey(
    tmp_path: Path, keys: Path, package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pub = str(keys / "421221_张三.pub")
    assert main(["verify", str(package), "--pubkey", pub]) == 0
    assert one_line(capsys.readouterr().out).startswith("验证通过")
    bad = tmp_path / "bad.qcpkg.zip"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            zout.writestr(info, body + b" " if info.filename == "data.xlsx" else body)
    assert main(["verify", str(bad), "--pubkey", pub]) == 2
    assert "data.xlsx" in one_line(capsys.readouterr().err)


def test_verify_never_prints_a_traceback(tmp_path: Path, keys: Path) -> None:
    junk = tmp_path / "junk.qcpkg.zip"
    junk.write_bytes(b"\x00" * 100)
    for args in (
        [str(junk), "--pubkey", str(keys / "421221_张三.pub")],
        [str(tmp_path / "missing.zip"), "--pubkey", str(keys / "421221_张三.pub")],
        [str(junk), "--pubkey", str(junk)],
        [str(junk), "--db", str(tmp_path / "no.db")],
    ):
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), "verify", *args],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode != 0
        line = one_line(r.stderr)
        assert any("\u4e00" <= c <= "\u9fff" for c in line), line
        assert r.stdout == ""


def test_trust_add_asks_on_a_terminal(
    tmp_path: Path, keys: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    db = str(tmp_path / "t.db")
    pub = str(keys / "421221_张三.pub")
    questions: list[str] = []
    for answer, code in (("n", 2), ("", 2), ("是", 0)):  # Enter alone is no
        monkeypatch.setattr(sys, "stdin", Tty())
        monkeypatch.setattr("builtins.input", lambda q, a=answer: questions.append(q) or a)
        capsys.readouterr()
        assert main(["trust", "add", pub, "--db", db]) == code
        if code:
            assert one_line(capsys.readouterr().err) == "qcdesk: 已取消：未加入信任列表 (cancelled)"
    assert questions[0] == "请与对方电话核对以上指纹，确认加入信任列表？[y/N] "
    out = capsys.readouterr().out
    assert PublicKey.load(keys / "421221_张三.pub").fingerprint in out and "已加入" in out


def test_trust_add_without_a_terminal_says_to_check_by_phone_and_rerun_with_yes(
    tmp_path: Path, keys: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    db = tmp_path / "t.db"
    pub = keys / "421221_张三.pub"
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped: not a person answering
    monkeypatch.setattr("builtins.input", lambda q: pytest.fail("asked without a terminal"))
    capsys.readouterr()
    assert main(["trust", "add", str(pub), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert PublicKey.load(pub).fingerprint in captured.out  # what to read out on the phone
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert "请先与对方电话核对以上指纹" in lines[0] and "加 --yes 重新运行" in lines[0]
    assert not db.exists()  # nothing trusted, no database made


def test_keygen_describes_the_key_and_trust_add_offers_the_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The county adds an inspector's key from the command line: the name, jurisdiction and
    role come with the key (as in the keys dialog), shown for the phone check and recorded."""
    import json

    from qcdesk.models import trust_store

    monkeypatch.setenv("QCDESK_PASSPHRASE", PASS)
    assert main(["keygen", "--name", "王磊", "--jurisdiction", "嘉鱼县", "--role", "county",
                 "--out", str(tmp_path / "k"), "--light"]) == 0
    assert "421221_王磊.json" in capsys.readouterr().out
    pub = tmp_path / "k" / "421221_王磊.pub"
    about = json.loads(pub.with_suffix(".json").read_text(encoding="utf-8"))
    key_id = PublicKey.load(pub).key_id
    assert about == {"name": "王磊", "jurisdiction": "421221", "role": "county", "key_id": key_id}
    db = tmp_path / "city.db"
    Store.open(db).close()
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "说明文件" in out and "王磊" in out and "421221" in out and "县级局" in out
    store = Store.open(db)
    key = next(k for k in trust_store.list_keys(store) if k.key_id == key_id)
    store.close()
    assert (key.name, key.jurisdiction, key.role) == ("王磊", "421221", "county")


def test_a_description_left_by_another_key_is_not_believed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from qcdesk.models import trust_store

    monkeypatch.setenv("QCDESK_PASSPHRASE", PASS)
    assert main(["keygen", "--name", "王磊", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "k"), "--light"]) == 0
    pub = tmp_path / "k" / "421221_王磊.pub"
    about = pub.with_suffix(".json")
    about.write_text(json.dumps({"name": "冒名", "jurisdiction": "421202", "role": "county",
                                 "key_id": "0000000000000000"}), encoding="utf-8")
    db = tmp_path / "city.db"
    Store.open(db).close()
    capsys.readouterr()
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes"]) == 0
    assert "冒名" not in capsys.readouterr().out
    store = Store.open(db)
    key = next(iter(trust_store.list_keys(store)))
    store.close()
    assert (key.name, key.jurisdiction, key.role) == ("", "", "")
    # an option given wins for its own field; the others still come from the description
    about.write_text(json.dumps({"name": "王磊", "jurisdiction": "421221", "role": "inspector",
                                 "key_id": key.key_id}), encoding="utf-8")
    db2 = tmp_path / "county.db"
    Store.open(db2).close()
    assert main(["trust", "add", str(pub), "--db", str(db2), "--yes", "--name", "王磊（核对）"]) == 0
    store = Store.open(db2)
    key = next(iter(trust_store.list_keys(store)))
    store.close()
    assert (key.name, key.jurisdiction, key.role) == ("王磊（核对）", "421221", "inspector")


@pytest.mark.parametrize(("options", "expected", "described"), [
    (["--role", "county"], ("王检查", "421281", "county"), "签名人姓名、辖区取自"),
    (["--name", "赤壁市市场监管局"], ("赤壁市市场监管局", "421281", "inspector"), "签名人辖区、角色取自"),
    (["--jurisdiction", "嘉鱼县"], ("王检查", "421221", "inspector"), "签名人姓名、角色取自"),
    (["--role", "county", "--name", "甲", "--jurisdiction", "421202"], ("甲", "421202", "county"), None),
])
def test_trust_add_takes_each_field_not_given_from_the_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    options: list[str], expected: tuple[str, str, str], described: str | None,
) -> None:
    """`trust add --role inspector KEY.pub` left name and jurisdiction empty (检查员 - -)."""
    from qcdesk.models import trust_store

    monkeypatch.setenv("QCDESK_PASSPHRASE", PASS)
    assert main(["keygen", "--name", "王检查", "--jurisdiction", "赤壁市", "--out", str(tmp_path / "k"),
                 "--light"]) == 0
    pub = tmp_path / "k" / "421281_王检查.pub"
    db = tmp_path / "city.db"
    Store.open(db).close()
    capsys.readouterr()
    assert main(["trust", "add", "--yes", *options, str(pub), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    store = Store.open(db)
    key = next(iter(trust_store.list_keys(store)))
    store.close()
    assert (key.name, key.jurisdiction, key.role) == expected
    assert f"签名人: {expected[0]}" in out
    if described:
        assert described in out and "421281_王检查.json" in out
    else:
        assert "说明文件" not in out
