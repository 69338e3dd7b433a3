"""A Ctrl-C during `qcdesk import` says what happened: before the merge committed, 已取消 and
the database as it was; after (placing the photos), that the package was imported all the same.

Review (command line): a Ctrl-C 11 s into a 13 s import answered 已取消 (cancelled) with every
record already in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_exchange_cli import _export, _trust, world  # noqa: F401 - the fixture

from qcdesk.cli import main


def _interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


def _visits(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM visit").fetchone()[0]


@pytest.mark.parametrize("when", ["before_commit", "after_commit"])
def test_a_ctrl_c_is_reported_as_what_it_did(world: dict[str, Path], when: str,  # noqa: F811
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.exchange import importer, photo_placing

    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    if when == "before_commit":
        monkeypatch.setattr(importer, "merge_workbook", _interrupt)
    else:
        monkeypatch.setattr(photo_placing, "place_members", _interrupt)
    capsys.readouterr()
    code = main(["import", str(pkg), "--db", str(world["cdb"])])
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    if when == "before_commit":
        assert code == 130 and "已取消" in err and _visits(world["cdb"]) == 0
    else:
        assert code == 2 and _visits(world["cdb"]) == 4
        assert err.startswith(f"qcdesk: Ctrl-C 来得太晚：数据包 {pkg.name} 已经导入，未能取消"), err
        assert "已取消" not in err


def test_a_late_ctrl_c_is_json_for_a_script(world: dict[str, Path],  # noqa: F811
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from qcdesk.exchange import photo_placing

    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    monkeypatch.setattr(photo_placing, "place_members", _interrupt)
    capsys.readouterr()
    assert main(["import", str(pkg), "--db", str(world["cdb"]), "--json"]) == 2
    assert json.loads(capsys.readouterr().out) == {"dry_run": False, "imported": True,
                                                   "interrupted": True}
