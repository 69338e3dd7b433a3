"""People and keys change over the years (s8 keys review A2, B1, B3, B4, B5, B7).

- A back-dated revocation (the laptop was stolen the day before) names the packages already
  imported after its time, and `received` / the received-packages list mark them.
- Two keys of one name and jurisdiction (two 张伟, an old and a new key) never make the same
  package file name; a package named the old way still imports.
- A secret key given as a public key is named as such (its owner's key is out); a public key
  given to sign with is named as a public key.
- Trusting a second key of the same name, jurisdiction and role says so and suggests revoking
  the old one; the trust table shows key ids.
- A different key carrying a trusted key id is refused for its different fingerprint.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey, generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"


def _keygen(tmp_path: Path, folder: str, name: str = "张伟") -> Path:
    """A light key pair for `name` of 嘉鱼县 in tmp_path/folder, as `qcdesk keygen` makes it."""
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    out = tmp_path / folder
    assert main(["keygen", "--name", name, "--jurisdiction", "421221", "--out", str(out),
                 "--light", "--passphrase-file", str(pw)]) == 0
    return out / f"421221_{name}"


def _laptop(tmp_path: Path, name: str, offset: int) -> Path:
    db = tmp_path / f"{name}.db"
    store = Store.open(db)
    populate(store, 1, 1, text=name, uscc_offset=offset)
    store.close()
    return db


def _export(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path, key: Path, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", f"{key}.key", "--out", str(out),
                 "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    return Path(capsys.readouterr().out.strip().splitlines()[-1])


def _trust(capsys: pytest.CaptureFixture[str], db: Path, pub: Path) -> str:
    capsys.readouterr()
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes"]) == 0
    return capsys.readouterr().out


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], db: Path | None = None) -> str:
    before = db.read_bytes() if db is not None and db.exists() else None
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    if before is not None:
        assert db.read_bytes() == before  # type: ignore[union-attr]
    return err


@pytest.fixture
def stolen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """The county trusts 李四 and imported his package 1 today; his laptop went yesterday."""
    key = _keygen(tmp_path, "li", "李四")
    package = _export(capsys, tmp_path, _laptop(tmp_path, "li", 0), key, tmp_path / "usb")
    county = tmp_path / "county.db"
    _trust(capsys, county, key.with_suffix(".pub"))
    assert main(["import", str(package), "--db", str(county)]) == 0
    return county, PublicKey.load(key.with_suffix(".pub")).key_id


def test_back_dated_revoke_names_the_packages_received_since(
        stolen: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    county, key_id = stolen
    received_at = trust_store.received_packages(Store.open(county))[0].received_at
    from qcdesk.exchange.trust import format_local

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    capsys.readouterr()
    assert main(["trust", "revoke", key_id, "--db", str(county), "--at", yesterday, "--yes"]) == 0
    out = capsys.readouterr().out
    assert (f"该密钥在吊销时间之后已有 1 个数据包被导入：序号 1（接收于 {format_local(received_at)}）。"
            "其记录仍在数据库中") in out, out
    assert "请核查" in out

    assert main(["received", "--db", str(county)]) == 0
    out = capsys.readouterr().out
    assert f"（密钥 {key_id}，已吊销：自 {yesterday} 00:00 起）" in out, out
    [row] = [line.split("\t") for line in out.splitlines() if line.startswith("1\t")]
    assert row[-1] == "吊销后收到"
    assert "该密钥在吊销时间之后已有 1 个数据包被导入" in out
    data = json.loads((main(["received", "--db", str(county), "--json"]), capsys.readouterr().out)[1])
    assert data["packages"][0]["after_revocation"] is True


def test_revoke_from_now_on_says_nothing_more(stolen: tuple[Path, str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    county, key_id = stolen
    capsys.readouterr()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert main(["trust", "revoke", key_id, "--db", str(county), "--at", tomorrow, "--yes"]) == 0
    assert "数据包被导入" not in capsys.readouterr().out
    assert main(["received", "--db", str(county)]) == 0
    out = capsys.readouterr().out
    assert "将吊销" in out and "吊销后收到" not in out


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"question": [], "warning": []}
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: seen["question"].append(
        text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: seen["warning"].append(text))
    return seen


def test_revoke_dialog_and_received_list_mark_packages_after_the_revocation(
        stolen: tuple[Path, str], qtbot: QtBot, boxes: dict[str, list[str]]) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    county, key_id = stolen
    store = Store.open(county)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.revoke_selected(on=QDate.currentDate().addDays(-1))
    [said] = boxes["warning"]
    assert "1 package(s) from this key were imported after its revocation time: No. 1 (received " in said
    assert "still in the database" in said and "check them" in said
    dialog.table.selectRow(0)
    shown = dialog.show_received()
    assert shown is not None
    assert shown.table.item(0, 5).text() == "Received after revocation"  # 注意, before 记录数
    assert "imported after its revocation time" in shown.summary_label.text()
    shown.close()
    store.close()


def test_two_keys_of_one_name_never_make_the_same_file_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _keygen(tmp_path, "a"), _keygen(tmp_path, "b")
    usb = tmp_path / "usb"
    first = _export(capsys, tmp_path, _laptop(tmp_path, "a", 0), old, usb)
    second = _export(capsys, tmp_path, _laptop(tmp_path, "b", 5), new, usb)
    ids = [PublicKey.load(k.with_suffix(".pub")).key_id for k in (old, new)]
    assert first.name.startswith(f"421221_张伟_{ids[0][:8]}_000001_"), first
    assert second.name.startswith(f"421221_张伟_{ids[1][:8]}_000001_"), second
    assert first != second and first.exists() and second.exists()
    # a package named the old way (no key id) still imports: nothing reads the name back
    county = tmp_path / "county.db"
    _trust(capsys, county, old.with_suffix(".pub"))
    old_named = first.rename(usb / first.name.replace(f"_{ids[0][:8]}_", "_"))
    assert main(["import", str(old_named), "--db", str(county)]) == 0


def test_secret_key_given_as_public_key_is_named(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    key = _keygen(tmp_path, "li", "李四")
    county = tmp_path / "county.db"
    _trust(capsys, county, _keygen(tmp_path, "other", "王五").with_suffix(".pub"))
    words = "这是私钥文件，不是公钥：请勿保存或转发；请告知对方其私钥已外泄，应生成新密钥并把 .pub 发来"
    err = _refused(capsys, ["trust", "add", f"{key}.key", "--db", str(county), "--yes"], county)
    assert words in err and "格式不正确" not in err, err
    package = _export(capsys, tmp_path, _laptop(tmp_path, "li", 0), key, tmp_path / "usb")
    err = _refused(capsys, ["verify", str(package), "--pubkey", f"{key}.key"])
    assert words in err, err
    (tmp_path / "usb2").mkdir()
    err = _refused(capsys, ["export", "--db", str(tmp_path / "li.db"), "--key", f"{key}.pub",
                            "--out", str(tmp_path / "usb2"), "--passphrase-file",
                            str(tmp_path / "pw.txt")], tmp_path / "li.db")
    assert "这是公钥文件（.pub），不是私钥" in err and "私钥文件格式不正确" not in err, err


def test_trust_dialog_names_a_secret_key(tmp_path: Path, qtbot: QtBot,
                                         boxes: dict[str, list[str]]) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    key = _keygen(tmp_path, "li", "李四")
    store = Store.open(tmp_path / "county.db")
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.add_key(f"{key}.key")
    [said] = boxes["warning"]
    assert said == ("这是私钥文件，不是公钥：请勿保存或转发；请告知对方其私钥已外泄，"
                    "应生成新密钥并把 .pub 发来")
    assert trust_store.list_keys(store) == []
    store.close()


def test_second_key_of_the_same_signer_suggests_revoking_the_old(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _keygen(tmp_path, "a"), _keygen(tmp_path, "b")
    county = tmp_path / "county.db"
    assert "已有同名" not in _trust(capsys, county, old.with_suffix(".pub"))
    old_id = PublicKey.load(old.with_suffix(".pub")).key_id
    out = _trust(capsys, county, new.with_suffix(".pub"))
    assert f"注意：信任列表中已有同名、同辖区、同角色的密钥 {old_id}（张伟，" in out, out
    assert "是换了新密钥吗？如是，加入后请吊销旧密钥" in out and f"qcdesk trust revoke {old_id}" in out
    assert "--name 张伟（城关所）" in out
    # told apart by name: a namesake at another station is not taken for a replacement
    third = _keygen(tmp_path, "c")
    capsys.readouterr()
    assert main(["trust", "add", f"{third}.pub", "--db", str(county), "--yes",
                 "--name", "张伟（城关所）"]) == 0
    assert "已有同名" not in capsys.readouterr().out


def test_trust_dialog_says_so_and_shows_key_ids(tmp_path: Path, qtbot: QtBot,
                                                capsys: pytest.CaptureFixture[str],
                                                boxes: dict[str, list[str]]) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    old, new = _keygen(tmp_path, "a"), _keygen(tmp_path, "b")
    county = tmp_path / "county.db"
    _trust(capsys, county, old.with_suffix(".pub"))
    old_id = PublicKey.load(old.with_suffix(".pub")).key_id
    store = Store.open(county)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.add_key(f"{new}.pub")
    [question] = boxes["question"]
    assert "already has a key for the same name, jurisdiction and role: " + old_id in question
    assert "revoke the old key" in question
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    column = headers.index("Key id")
    # 8 hex as in package file names, the whole id in the tooltip (review regress-ui A4)
    cells = [dialog.table.item(r, column) for r in range(dialog.table.rowCount())]
    ids = sorted([old_id, PublicKey.load(new.with_suffix(".pub")).key_id])
    assert sorted(c.toolTip() for c in cells) == ids
    assert sorted(c.text() for c in cells) == [i[:8] for i in ids]
    store.close()


def _clash(tmp_path: Path, trusted: PublicKey) -> Path:
    """Another key under the trusted key's number (chosen freely by a key's maker, doc §1)."""
    other = PublicKey(keynum=trusted.keynum, key=generate_secret_key().public_key.key)
    path = tmp_path / "clash" / "421221_张伟.pub"
    path.parent.mkdir()
    path.write_text(other.to_file_text(), encoding="utf-8")
    return path


def test_another_key_under_a_trusted_key_id_is_refused_for_its_fingerprint(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot,
        boxes: dict[str, list[str]]) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    key = _keygen(tmp_path, "a")
    county = tmp_path / "county.db"
    _trust(capsys, county, key.with_suffix(".pub"))
    trusted = PublicKey.load(key.with_suffix(".pub"))
    clash = _clash(tmp_path, trusted)
    err = _refused(capsys, ["trust", "add", str(clash), "--db", str(county), "--yes"], county)
    assert "指纹不同" in err and "可能是伪造" in err and "电话" in err and trusted.fingerprint in err, err
    assert "已在信任列表中" not in err
    store = Store.open(county)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.add_key(str(clash))
    [said] = boxes["warning"]
    assert "指纹不同" in said and "可能是伪造" in said and "Nothing to do" not in said, said
    assert [k.public_key for k in trust_store.list_keys(store)] == [trusted]
    store.close()
