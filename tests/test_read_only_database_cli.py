"""A city clerk runs a read command on a database copied from a read-only place: where QCDesk
needs to write to it (`warnings` refreshes the risk classes) the command refuses in one line
that says what to do (copy the file somewhere writable, point --db at the copy), and the file
is unchanged. Root ignores file modes, so the read-only file is SQLite's `mode=ro`."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from qcdesk.cli import main
from qcdesk.models.demo import build_demo


def test_a_read_only_database_is_refused_with_what_to_do(tmp_path: Path, capsys, monkeypatch) -> None:
    db = tmp_path / "from-city" / "qcdesk.db"
    build_demo(db, enterprises=30, visits=120)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    connect = sqlite3.connect

    def read_only(target, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(target) == str(db):
            return connect(f"file:{db}?mode=ro", *args, uri=True, **kwargs)
        return connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    capsys.readouterr()
    assert main(["warnings", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("qcdesk: "), err
    assert "复制到可写的文件夹" in err and "--db" in err, err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
