"""`trust add` refuses a name holding a tab or other control character, as keygen and the export
do: a key made by an older QCDesk could carry 王<Tab>五 in its .json description, and trusting it
gave `trust list` (tab-separated) an extra column and the import the line 信任列表登记为 王	五.
The office trusts such a key under the name confirmed by phone: `--name` on the command line,
typed in the trust dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey, generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.ui.keys_dialog import TrustDialog

TAB_NAME = ("签名人姓名“王\\t五”含有制表符、换行等控制字符，无法写入数据包的签名信息："
            "请只用文字重新输入姓名，如 张三")


def _old_key(tmp_path: Path) -> tuple[PublicKey, Path]:
    """A public key with the description an older keygen wrote for --name $'王\\t五'."""
    pk = generate_secret_key().public_key
    pub = tmp_path / "421221_王五.pub"
    pub.write_text(pk.to_file_text(), encoding="utf-8")
    pub.with_suffix(".json").write_text(json.dumps(
        {"key_id": pk.key_id, "name": "王\t五", "jurisdiction": "421221", "role": "inspector"},
        ensure_ascii=False), encoding="utf-8")
    return pk, pub


def _city(tmp_path: Path) -> Path:
    db = tmp_path / "city.db"
    Store.open(db).close()
    return db


def test_cli_refuses_the_described_name_and_takes_one_given_with_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pk, pub = _old_key(tmp_path)
    db = _city(tmp_path)
    before = db.read_bytes()
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes"]) != 0
    out = capsys.readouterr()
    assert out.err.strip() == (f"qcdesk: 未加入信任列表：{TAB_NAME}（姓名取自说明文件 421221_王五.json："
                               "请对方用新版 QCDesk 重新生成密钥，"
                               "或加 --name 给出经电话确认的姓名，如 --name 张三）")
    assert "\t" not in out.out  # the name was not printed with its tab either
    assert db.read_bytes() == before

    assert main(["trust", "add", str(pub), "--db", str(db), "--yes", "--name", "王\t五"]) != 0
    assert capsys.readouterr().err.strip() == f"qcdesk: 未加入信任列表：{TAB_NAME}"
    assert db.read_bytes() == before

    assert main(["trust", "add", str(pub), "--db", str(db), "--yes", "--name", "王五"]) == 0
    assert "已加入信任列表：" in capsys.readouterr().out
    assert main(["trust", "list", "--db", str(db)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.split("\t")[:5] == [pk.key_id, pk.fingerprint, "检查员", "421221", "王五"]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"question": [], "warning": [], "asked": [], "typed": []}
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: seen["question"].append(
        text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: seen["warning"].append(text))

    def get_text(_p, _t, label, *a, **k):  # noqa: ANN001, ANN202
        seen["asked"].append(label)
        typed = seen["typed"].pop(0) if seen["typed"] else None
        return (typed or "", typed is not None)
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return seen


def test_dialog_asks_for_the_name_confirmed_by_phone(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path, boxes: dict[str, list[str]]) -> None:
    pk, pub = _old_key(tmp_path)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.add_key(str(pub))  # cancelled: nothing added
    assert boxes["asked"] == [TAB_NAME + "\n\n该姓名取自旧版 QCDesk 生成的密钥说明文件。请输入经电话确认的"
                                         "密钥持有人姓名；或点“取消”，请对方重新生成密钥。"]
    assert trust_store.list_keys(store) == [] and boxes["question"] == []

    boxes["typed"].append("王\t五")  # the same name again: refused in the same words
    assert not dialog.add_key(str(pub))
    assert boxes["warning"] == [TAB_NAME] and trust_store.list_keys(store) == []

    boxes["typed"].append(" 王五 ")
    assert dialog.add_key(str(pub))
    assert "王五" in boxes["question"][0] and "\t" not in boxes["question"][0]
    [key] = trust_store.list_keys(store)
    assert (key.key_id, key.name, key.jurisdiction) == (pk.key_id, "王五", "421221")


def test_dialog_keeps_a_plain_described_name_without_asking(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path, boxes: dict[str, list[str]]) -> None:
    _pk, pub = _old_key(tmp_path)
    info = json.loads(pub.with_suffix(".json").read_text(encoding="utf-8"))
    pub.with_suffix(".json").write_text(json.dumps({**info, "name": "王五"}), encoding="utf-8")
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.add_key(str(pub))
    assert boxes["asked"] == [] and [k.name for k in trust_store.list_keys(store)] == ["王五"]
