"""What was received from each signer stays visible after the import: packages 1 and 3 of a
signer arrived, so 2 is missing, in `qcdesk trust list`, `qcdesk received` (text and JSON) and
the trust list dialog with its received-packages view."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange import importer
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store


@pytest.fixture
def county(tmp_path: Path) -> tuple[Path, str]:
    """A county database that trusts 张三 and received his packages 1 and 3, not 2."""
    key = generate_secret_key()
    source = Store.open(tmp_path / "laptop.db")
    (tmp_path / "usb").mkdir()
    packages = []
    for n in range(3):  # changes since the previous package each time, never a full export
        populate(source, 1, 1, text=f"第{n}批", uscc_offset=n)
        packages.append(export_package(source, tmp_path / "usb", key, signer_name="张三",
                                       jurisdiction="421202", role="inspector", full=False))
    source.close()
    db = tmp_path / "county.db"
    store = Store.open(db)
    trust_store.add_key(store, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    for package in (packages[0], packages[2]):
        importer.import_package(store, package)
    store.close()
    return db, key.public_key.key_id


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_trust_list_shows_last_sequence_and_the_gap(county: Any, capsys) -> None:
    db, key_id = county
    line = next(x for x in _run(capsys, "trust", "list", "--db", str(db)).splitlines()
                if x.startswith(key_id))
    assert "最近序号 3" in line and "缺少序号 2" in line and "已收 2 个" in line


def test_received_lists_packages_and_missing_numbers(county: Any, capsys) -> None:
    db, key_id = county
    out = _run(capsys, "received", "--db", str(db), "--signer", key_id)
    assert f"签名人 张三（密钥 {key_id}）：已收 2 个，最近序号 3，缺少序号 2" in out
    rows = [x.split("\t") for x in out.splitlines() if x[:1].isdigit()]
    assert [r[0] for r in rows] == ["1", "3"]
    assert [r[2] for r in rows] == ["全部", "变更"]  # a signer's first package carries everything
    assert all(len(r[4]) == 16 and "检查记录 1 条" in r[5] and " 0 " not in r[5] for r in rows), rows
    assert not any(re.search(r"[a-z_]{4,}", r[5]) for r in rows), rows  # no table names in Chinese

    data = json.loads(_run(capsys, "received", "--db", str(db), "--json"))
    assert data["signers"] == [{"key_id": key_id, "name": "张三", "count": 2, "last_sequence": 3,
                                "last_received_at": data["signers"][0]["last_received_at"],
                                "missing": [2]}]
    assert [p["sequence"] for p in data["packages"]] == [1, 3]
    assert data["packages"][1]["full"] is False and data["packages"][1]["record_counts"]["visit"] == 1


def test_received_for_an_unknown_signer_is_one_line_refusal(county: Any, capsys) -> None:
    db, _key_id = county
    before = db.read_bytes()
    assert main(["received", "--db", str(db), "--signer", "ABCDEF0123456789"]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "ABCDEF0123456789" in err and "trust list" in err
    assert db.read_bytes() == before


def test_trust_dialog_shows_the_gap_and_the_packages(county: Any, qtbot: QtBot) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    db, key_id = county
    store = Store.open(db)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    cells = dict(zip(headers, (dialog.table.item(0, c).text() for c in range(len(headers))), strict=True))
    assert cells["Last sequence"] == "3" and cells["Missing sequences"] == "2"
    assert cells["Received"][:2] == "20"  # a local date and time
    dialog.table.selectRow(0)
    shown = dialog.show_received()
    assert shown is not None
    assert [shown.table.item(r, 0).text() for r in range(shown.table.rowCount())] == ["1", "3"]
    assert "Missing: 2" in shown.summary_label.text() and key_id in shown.summary_label.text()
    shown.close()
    store.close()
