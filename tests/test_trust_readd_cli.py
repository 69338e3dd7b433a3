"""`qcdesk trust add` of a key already trusted says so before asking for a phone check."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import sql_dump

from qcdesk.cli import main
from qcdesk.exchange.minisign import generate_secret_key


@pytest.fixture(autouse=True)
def _user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def _pub(tmp_path: Path, name: str) -> Path:
    pub = tmp_path / f"{name}.pub"
    pub.write_text(generate_secret_key().public_key.to_file_text(), encoding="utf-8")
    return pub


def test_a_trusted_key_added_again_is_refused_before_the_fingerprint_question(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pub, db = _pub(tmp_path, "zhang"), tmp_path / "county.db"
    argv = ["trust", "add", str(pub), "--db", str(db), "--name", "张三", "--jurisdiction", "421221"]
    assert main([*argv, "--yes"]) == 0
    before = sql_dump(db)
    capsys.readouterr()
    assert main(argv) == 2  # no --yes and no terminal: before, it stopped at the phone check
    err = capsys.readouterr().err
    assert "已在信任列表中" in err and "电话核对" not in err
    assert len(err.strip().splitlines()) == 1
    assert sql_dump(db) == before


def test_asking_about_a_new_key_does_not_make_the_database(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "none-yet.db"
    assert main(["trust", "add", str(_pub(tmp_path, "li")), "--db", str(db)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert not db.exists()
