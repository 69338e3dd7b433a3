"""Adding a key that is already on the trust list (or revoked) says so at once: the user is not
first sent to check its fingerprint by phone for nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.ui.keys_dialog import TrustDialog


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"question": [], "warning": []}
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: seen["question"].append(
        text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: seen["warning"].append(text))
    return seen


def _pub(tmp_path: Path):  # noqa: ANN202
    pk = generate_secret_key().public_key
    pub = tmp_path / "zhang.pub"
    pub.write_text(pk.to_file_text(), encoding="utf-8")
    return pk, pub


def test_a_trusted_key_again_is_refused_before_the_phone_check(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path, boxes: dict[str, list[str]]) -> None:
    pk, pub = _pub(tmp_path)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.add_key(str(pub))
    assert len(boxes["question"]) == 1 and pk.fingerprint in boxes["question"][0]
    assert not dialog.add_key(str(pub))
    assert len(boxes["question"]) == 1  # not asked to confirm the fingerprint again
    assert boxes["warning"] == [f"密钥 {pk.key_id} 已在信任列表中\n\n无需操作：该密钥签名的数据包已可导入。"]
    assert [k.key_id for k in trust_store.list_keys(store)] == [pk.key_id]


def test_a_revoked_key_is_refused_before_the_phone_check(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path, boxes: dict[str, list[str]]) -> None:
    pk, pub = _pub(tmp_path)
    trust_store.add_key(store, pk, name="张三")
    trust_store.revoke_key(store, pk.key_id, datetime(2026, 1, 1, tzinfo=UTC))
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.add_key(str(pub))
    assert boxes["question"] == []
    assert len(boxes["warning"]) == 1 and "已被吊销" in boxes["warning"][0]
