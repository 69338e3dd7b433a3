"""Many 文号重复 warnings of one import are grouped in the terminal: the first two, then one
line counting the rest and where they all are (E19); --json keeps every one, words unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange_fixtures import populate
from test_import_notice_duplicates import Inspector, _receiver

from qcdesk.cli import main
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store

N = 5


def _numbered(tmp_path: Path, name: str, offset: int) -> Inspector:
    """An inspector whose orders carry 嘉市监质改〔2024〕1号 … N号, as the other one's do."""
    db = tmp_path / f"{name}.db"
    store = Store.open(db, author=name)
    populate(store, 1, N, uscc_offset=offset)
    rects = [Rectification.from_row(r) for r in store.db.query("SELECT * FROM rectification ORDER BY id")]
    assert len(rects) >= N
    for i, rect in enumerate(rects[:N], start=1):
        rect.notice_no = f"嘉市监质改〔2024〕{i}号"
        update_record(store, rect)
    store.close()
    return Inspector(name, db, generate_secret_key(), "421202", "inspector")


def test_many_duplicate_numbers_are_counted_after_two(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    zhang, li = _numbered(tmp_path, "张三", 0), _numbered(tmp_path, "李四", 1)
    db = _receiver(tmp_path, "县局", zhang, li)
    assert main(["import", str(zhang.export(tmp_path / "z")), "--db", str(db)]) == 0
    second = li.export(tmp_path / "l")
    capsys.readouterr()
    assert main(["import", str(second), "--db", str(db), "--dry-run", "--json"]) == 0
    every = [w for w in json.loads(capsys.readouterr().out)["warnings"] if "重复" in w and "文号" in w]
    assert len(every) == N  # each one in --json
    assert main(["import", str(second), "--db", str(db), "--dry-run"]) == 0
    said = [x for x in capsys.readouterr().out.splitlines() if x.startswith("  注意：")]
    listed = [x for x in said if x[len("  注意："):] in every]
    assert listed == [f"  注意：{w}" for w in every[:2]]  # the first two, words unchanged
    [rest] = [x for x in said if "同类情况" in x]
    assert f"另有 {N - 2} 处同类情况（文号重复，共 {N} 处），全部见--json 或 --reconcile 对账表.xlsx" in rest
    assert said.index(rest) == said.index(listed[1]) + 1  # right after its examples
