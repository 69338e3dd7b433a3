"""A 文号 already on two orders before an import is news only when the package creates or
changes one of them. A city importing 张三's package after the county's (every order 未变) was
told again, order by order, of each duplicate 张三's orders carried — a dozen lines of
"注意：文号重复（导入前已是如此）…" burying the new ones. Now such duplicates are one line
counting them and pointing to the warnings page; a changed order is still reported in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store
from tests.test_import_notice_duplicates import NUMBER, Inspector, _import, _inspector, _receiver

SUMMARY = ("另有 1 个文号在导入前已同时用于多项整改，本数据包没有新增或改动用到它们的整改，"
           "此处不再逐一列出：见“预警”中的“文号重复”")


@pytest.fixture
def county(tmp_path: Path) -> tuple[Path, Inspector, Inspector]:
    """A county holding 张三's and 李四's orders, both numbered 12号: one duplicate already."""
    zhang = _inspector(tmp_path, "张三", 0, NUMBER, "标签不规范")
    li = _inspector(tmp_path, "李四", 1, "嘉市监质改[2024]012号", "配料表不规范")
    db = _receiver(tmp_path, "county", zhang, li)
    _import(db, zhang.export(tmp_path / "z1"))
    assert len(_import(db, li.export(tmp_path / "l1")).duplicate_notices) == 1
    return db, zhang, li


def test_an_unchanged_reimport_lists_no_duplicate(tmp_path: Path, county: tuple[Path, Inspector, Inspector],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db, zhang, _li = county
    result = _import(db, zhang.export(tmp_path / "z2"))  # a full package again: every order 未变
    assert result.counts["rectification"]["unchanged"] == 1
    assert result.duplicate_notices == []
    assert not any(w.startswith("文号重复") for w in result.warnings)
    assert [w for w in result.warnings if "文号" in w] == [SUMMARY]
    assert [w for w in result.warnings_en if "notice number" in w] == [
        "1 more notice number(s) were already on several orders before this import and this "
        "package neither adds nor changes any of those orders, so they are not listed here: "
        "see Warnings, Duplicate notice number"]

    package = zhang.export(tmp_path / "z3")
    assert main(["import", str(package), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "文号重复（导入前已是如此）" not in out and out.count("另有 1 个文号") == 1
    assert main(["import", str(zhang.export(tmp_path / "z4")), "--db", str(db), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["duplicate_notices"] == [] and res["duplicate_notice_counts"] == {"created": 0, "existing": 0}


def test_a_changed_order_carrying_the_shared_number_is_reported(
        tmp_path: Path, county: tuple[Path, Inspector, Inspector]) -> None:
    db, zhang, _li = county
    store = Store.open(zhang.db)
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification WHERE notice_no != ''")))
    rect.status, rect.report_submitted_on = "report_submitted", "2024-02-01"
    update_record(store, rect)
    store.close()
    result = _import(db, zhang.export(tmp_path / "z2", full=False))
    assert result.counts["rectification"]["updated"] == 1
    [dup] = result.duplicate_notices
    assert not dup.created and len(dup.orders) == 2
    noted = [w for w in result.warnings if "文号" in w]
    assert len(noted) == 1 and noted[0].startswith(f"文号重复（导入前已是如此）：{NUMBER} 同时用于 2 项整改")
