"""An output path a command cannot write is refused before the command changes anything. A
roster import with --report in a folder that did not exist imported the list, then failed to
write its result sheet (exit 2, the firms added all the same); `report --xlsx r.csv` and
`warnings --xlsx w.csv` wrote a workbook under a .csv name, `doc --out v.txt` a PDF."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.store import Store
from tests.test_roster import GOOD, make_roster


def _firms(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM enterprise").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(("report", "words"), [
    ("nofolder/结果.xlsx", "文件夹"), ("结果.csv", "文件名应以 .xlsx 结尾")])
def test_a_roster_imports_nothing_when_its_result_sheet_cannot_be_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], report: str, words: str) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    roster = make_roster(tmp_path / "名录.xlsx", GOOD[:2])
    assert main(["roster", "import", str(roster), "--db", str(db), "--report", str(tmp_path / report)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    assert _firms(db) == 0 and not (tmp_path / report).exists()


@pytest.mark.parametrize(("command", "words"), [
    (["report", "quarterly", "--period", "2026Q3", "--out", "{t}/q.pdf", "--xlsx", "{t}/q.csv"], ".xlsx"),
    (["report", "quarterly", "--period", "2026Q3", "--out", "{t}/q.txt"], ".pdf"),
    (["warnings", "--xlsx", "{t}/w.csv"], ".xlsx"),
    (["doc", "visit", "1", "--out", "{t}/v.txt"], ".pdf"),
])
def test_a_file_named_for_another_type_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], words: str) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    args = [a.replace("{t}", str(tmp_path)) for a in command]
    assert main([*args, "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"文件名应以 {words} 结尾" in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("qcdesk.db")) == []


def test_a_template_never_overwrites_a_file_unasked(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                    ) -> None:
    """`roster template --out filled.xlsx` replaced a list the clerk had filled in, without a word."""
    filled = make_roster(tmp_path / "filled.xlsx", GOOD[:2])
    before = filled.read_bytes()
    assert main(["roster", "template", "--out", str(filled)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "文件已存在" in err[0] and "--force" in err[0], err
    assert filled.read_bytes() == before
    assert main(["roster", "template", "--out", str(filled), "--force"]) == 0
    assert filled.read_bytes() != before


@pytest.mark.parametrize("counts", [["--visits", "100000000000"], ["--enterprises", "100000000"]])
def test_a_demo_too_large_to_build_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      counts: list[str]) -> None:
    """--visits 10^11 ran out of memory (23 GB, killed); 10^8 firms ran on for minutes."""
    assert main(["demo", "--db", str(tmp_path / "d.db"), *counts]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "演示数据至多 200,000 家企业、5,000,000 条检查记录" in err[0], err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "words"), [
    (["export", "--key", "{t}/k.key", "--out", "{t}/file.txt"], "--out 应为文件夹，"),
    (["import", "{t}/folder"], "是文件夹，请给出其中的数据包文件"),
    (["find", "通", "--limit", "99999999999999999999"], "--limit 应在 1 到 100000 之间"),
])
def test_a_wrong_kind_of_path_or_number_is_named_for_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str) -> None:
    """`export --out file.txt` said the folder did not exist, `import folder` that the package was
    not found, `find --limit 10^20` that it was no valid record number."""
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    assert main([*(a.replace("{t}", str(tmp_path)) for a in args), "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err


def test_warnings_into_a_missing_folder_are_refused_before_the_classes_are_refreshed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review (command line): `warnings --xlsx nope/w.xlsx` refreshed the day's risk classes in
    the database, then failed to write; it is refused first, as `import --reconcile` is."""
    db = tmp_path / "qcdesk.db"
    roster = make_roster(tmp_path / "名录.xlsx", GOOD[:2])
    assert main(["roster", "import", str(roster), "--db", str(db)]) == 0
    assert main(["risk", "--db", str(db), "--date", "2026-01-05"]) == 0  # another day's classes
    capsys.readouterr()
    conn = sqlite3.connect(db)
    before = list(conn.iterdump())
    assert main(["warnings", "--db", str(db), "--xlsx", str(tmp_path / "nope" / "w.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "文件夹" in err[0] and "不存在" in err[0], err
    assert list(conn.iterdump()) == before
    conn.close()
