"""A uuid prefix several records share, or one under 8 characters, is refused as such, not as
"未找到" (review R5 #4). Before: `qcdesk record delete visit a8aba4b0` with two visits whose uuids
start so said 未找到检查记录 a8aba4b0, and a 7-character prefix got the same words, never saying
8+ characters are needed. The same words come from every command that takes a uuid prefix
(`cli_find.key_refusal`): record delete/restore, --enterprise, recusal --inspector, doc notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import file_dump, populate

from qcdesk.cli import main
from qcdesk.models.store import Store

PREFIX = "a8aba4b0"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two visits, two firms and two orders whose uuids start with PREFIX."""
    path = tmp_path / "amb.db"
    store = Store.open(path, author="tester")
    populate(store, 2, 1)
    for table in ("visit", "enterprise", "rectification"):
        ids = [r[0] for r in store.db.execute(f"SELECT id FROM {table} ORDER BY id LIMIT 2")]
        for n, rid in enumerate(ids):
            store.db.execute(f"UPDATE {table} SET uuid = ? WHERE id = ?",
                             [f"{PREFIX}-0000-4000-8000-00000000000{n}", rid])
    store.close()
    return path


def _refused(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    before = file_dump(db)
    capsys.readouterr()
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert file_dump(db) == before
    return err.strip()


@pytest.mark.parametrize("action", ["delete", "restore"])
def test_record_delete_and_restore_say_ambiguous_short_and_not_found(
        db: Path, capsys: pytest.CaptureFixture[str], action: str) -> None:
    said = _refused(db, capsys, "record", action, "visit", PREFIX, "--yes")
    assert f"有 2 条检查记录的 uuid 以 {PREFIX} 开头：请多输入几位或用 ID" in said, said
    said = _refused(db, capsys, "record", action, "visit", PREFIX[:7], "--yes")
    assert "uuid 前缀至少 8 位" in said and "未找到" not in said, said
    said = _refused(db, capsys, "record", action, "visit", "ffffffff", "--yes")
    assert "未找到" in said and "uuid 的前 8 位以上" in said, said


def test_other_commands_taking_a_prefix_say_the_same(db: Path, capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    said = _refused(db, capsys, "risk", "--enterprise", PREFIX)
    assert f"有 2 条企业档案的 uuid 以 {PREFIX} 开头" in said, said
    said = _refused(db, capsys, "recusal", "--inspector", "abc12", "--enterprise", "1",
                    "--reason", "亲属")
    assert "uuid 前缀至少 8 位" in said, said
    said = _refused(db, capsys, "doc", "notice", PREFIX, "--out", str(tmp_path / "n.pdf"))
    assert f"有 2 条整改记录的 uuid 以 {PREFIX} 开头" in said, said
