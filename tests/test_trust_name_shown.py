"""A trust list written by an older QCDesk may hold a signer name with a tab or a line break
(王<Tab>五): `trust add` refuses such names now (6768d9c), but entries already made stay. They are
listed with each control character shown as a space: one clean line per key in `qcdesk trust list`
and `qcdesk received`, one line per cell on the trust page. The stored name is not rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store

OLD_NAMES = ("王\t五", "李\r\n四")  # as older versions stored them


def _old_list(db: Path) -> list[str]:
    """A database whose trust list an older version filled; returns the key ids in list order."""
    store = Store.open(db)
    try:
        for name in OLD_NAMES:
            key = trust_store.add_key(store, generate_secret_key().public_key, name=name,
                                      jurisdiction="421221", role="inspector")
            trust_store.record_received(store, key.key_id, 1, "ab" * 32)  # its first package came
        return [k.key_id for k in trust_store.list_keys(store)]
    finally:
        store.close()


def _stored_names(db: Path) -> list[str]:
    store = Store.open(db)
    try:
        return sorted(k.name for k in trust_store.list_keys(store))
    finally:
        store.close()


def test_trust_list_prints_one_clean_line_per_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "county.db"
    ids = _old_list(db)
    assert main(["trust", "list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    by_id = {line.split("\t")[0]: line.split("\t") for line in lines}
    assert set(by_id) == set(ids)
    assert sorted(cells[4] for cells in by_id.values()) == sorted(["王 五", "李  四"])
    assert {len(cells) for cells in by_id.values()} == {len(lines[0].split("\t"))}
    assert all(cells[2:4] == ["检查员", "421221"] and cells[5] == "有效" for cells in by_id.values())

    assert main(["received", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    signers = sorted(line.split("（")[0] for line in out.splitlines() if line.startswith("签名人"))
    assert signers == ["签名人 李  四", "签名人 王 五"] and "\r" not in out
    assert _stored_names(db) == sorted(OLD_NAMES)  # listed, not rewritten


def test_trust_page_shows_the_names_on_one_line(qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    db = tmp_path / "county.db"
    _old_list(db)
    store = Store.open(db)
    try:
        dialog = TrustDialog(store)
        qtbot.addWidget(dialog)
        assert sorted(dialog.table.item(row, 0).text() for row in range(2)) == sorted(["王 五", "李  四"])
        dialog.table.selectRow(0)
        received = dialog.show_received()
        assert received is not None
        qtbot.addWidget(received)
        assert dialog.table.item(0, 0).text() in received.windowTitle()
        assert not any(c in received.windowTitle() for c in "\t\r\n")
        assert sorted(k.name for k in trust_store.list_keys(store)) == sorted(OLD_NAMES)
    finally:
        store.close()
