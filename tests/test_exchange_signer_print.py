"""What the city clerk compares with the sender's phone call: `qcdesk verify` and `qcdesk import`
print the signer's fingerprint in the groups the GUI shows (and --json gives it as
signer_fingerprint), the reconciliation workbook's 说明 names it, verify says how many records of
each kind the package holds, and the conflict line reads Chinese first with a correct English
gloss (1 conflict, 2 conflicts)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_exchange_cli import _export, _import_json
from test_exchange_cli_clerk import _conflicting_package, world  # noqa: F401 - the fixture

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey

ROOT = Path(__file__).parents[1]


def _fingerprint(pub: Path) -> str:
    fp = PublicKey.load(pub).fingerprint
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){4}", fp), fp  # as the import dialog shows it
    return fp


def test_verify_prints_fingerprint_and_record_counts(world: dict[str, Path],  # noqa: F811
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    counts = json.loads(zipfile.ZipFile(pkg).read("manifest.json"))["record_counts"]
    assert counts["enterprise"] == 2 and counts["visit"] == 4
    capsys.readouterr()
    assert main(["verify", str(pkg), "--db", str(world["cdb"])]) == 0
    out = capsys.readouterr().out
    assert f"密钥指纹 {_fingerprint(world['ipub'])}" in out, out
    assert f"密钥 {PublicKey.load(world['ipub']).key_id}" in out, out  # what trust revoke takes
    assert "企业 2 家" in out and "检查记录 4 条" in out and "抽样 4 条" in out, out
    assert "记录 检查人员 1 名、行业 12 个、企业 2 家、检查记录 4 条、抽样 4 条、发现问题 4 条、" \
           "整改 4 条 文件 2 个" in out, out  # in the sheets' order, as the manifest counts them
    assert {k: n for k, n in counts.items() if n} == {
        "inspector": 1, "industry": 12, "enterprise": 2, "visit": 4, "sample": 4, "finding": 4,
        "rectification": 4}


def test_import_prints_fingerprint_in_text_json_and_workbook(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    fp = _fingerprint(world["ipub"])
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    dry = _import_json(capsys, pkg, world["cdb"], "--dry-run")
    assert dry["signer_fingerprint"] == fp
    capsys.readouterr()
    book = world["tmp"] / "r.xlsx"
    assert main(["import", str(pkg), "--db", str(world["cdb"]), "--reconcile", str(book)]) == 0
    out = capsys.readouterr().out
    assert f"密钥指纹 {fp}" in out.splitlines()[0], out
    about = {r[0].value: r[1].value for r in list(openpyxl.load_workbook(book)["说明"].iter_rows())[1:]}
    assert about["密钥指纹"] == fp, about
    assert about["签名密钥"] == PublicKey.load(world["ipub"]).key_id


def _english_menu() -> str:
    """The English menu's own words, as the source strings name them (mnemonics dropped)."""
    window = (ROOT / "qcdesk" / "ui" / "main_window.py").read_text(encoding="utf-8")
    labels = (ROOT / "qcdesk" / "ui" / "labels.py").read_text(encoding="utf-8")
    assert 'self.tr("&Record")' in window and '"Resolve merge &conflicts…"' in labels
    return "Record > Resolve merge conflicts…"


def test_conflict_line_is_chinese_first_with_a_correct_gloss(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    p2 = _conflicting_package(capsys, world)
    capsys.readouterr()
    assert main(["import", str(p2), "--db", str(world["cdb"]), "--dry-run"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "冲突" in x and "（" in x)
    assert line.strip() == ("导入后将产生 1 条冲突（导入后在程序菜单“记录 > 处理合并冲突…”中处理） "
                            f"(1 conflict after import: menu {_english_menu()})"), line
    assert main(["import", str(p2), "--db", str(world["cdb"])]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "待处理" in x)
    assert line.strip() == ("有 1 条冲突待处理：在程序菜单“记录 > 处理合并冲突…”中处理 "
                            f"(1 conflict to resolve: menu {_english_menu()})"), line
    assert "1 conflicts" not in out


def test_conflict_gloss_counts_in_the_plural() -> None:
    from qcdesk.cli_transfer import conflicts_text

    assert "(2 conflicts to resolve:" in conflicts_text(2, dry_run=False)
    assert "(1 conflict to resolve:" in conflicts_text(1, dry_run=False)
    assert "(3 conflicts after import:" in conflicts_text(3, dry_run=True)
