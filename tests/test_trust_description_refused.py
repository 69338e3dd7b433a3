"""`trust add` and a damaged or invalid description beside the public key (s7/r4): `{bad json`
was ignored and name 5 / jurisdiction 999999 / role emperor were dropped one by one, the key
trusted without those pins, silently. Now refused, saying how to give the values instead.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_data_safety_review import make_db

from qcdesk.cli import main


@pytest.fixture
def pub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QCDESK_PASSPHRASE", "correct horse battery staple 2024")
    assert main(["keygen", "--name", "王磊", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "k"), "--light"]) == 0
    return tmp_path / "k" / "421221_王磊.pub"


def _trusted(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute("SELECT name, jurisdiction, role FROM trusted_key")]
    finally:
        conn.close()


@pytest.mark.parametrize(("description", "said"), [
    ("{bad json", "无法读取"),
    (json.dumps({"name": 5, "jurisdiction": "999999", "role": "emperor"}), "内容无效"),
    (json.dumps({"name": "王磊", "jurisdiction": "421221", "role": "emperor"}), "角色"),
])
def test_trust_add_refuses_a_damaged_description(tmp_path: Path, capsys, pub: Path,
                                                 description: str, said: str) -> None:
    """`trust add` trusted the key with the bad values dropped silently (name 5 → '', …)."""
    pub.with_suffix(".json").write_text(description, encoding="utf-8")
    db = make_db(tmp_path / "city.db")
    capsys.readouterr()
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "未加入信任列表" in err and "421221_王磊.json" in err and said in err
    assert "--role" in err  # the command line's way to give the values confirmed by phone
    assert _trusted(db) == []
    # given on the command line, the values need nothing from the description
    assert main(["trust", "add", str(pub), "--db", str(db), "--yes", "--name", "王磊",
                 "--jurisdiction", "421221", "--role", "inspector"]) == 0
    assert _trusted(db) == [("王磊", "421221", "inspector")]
