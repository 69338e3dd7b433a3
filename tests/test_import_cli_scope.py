"""`qcdesk import` says what the package covers and holds (范围, 记录 per kind), as the GUI's
import dialog and `qcdesk verify` do: a clerk at the terminal compares it with what the sender
says was sent before (dry run) and after the import."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from test_exchange_cli import _export
from test_exchange_cli_clerk import world  # noqa: F401 - the fixture

from qcdesk.cli import main
from qcdesk.cli_exchange import record_count_words


@pytest.mark.parametrize("extra", [("--dry-run",), ()])
def test_import_prints_the_scope_and_the_record_counts(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        extra: tuple[str, ...]) -> None:
    package = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221", "--full")
    manifest = json.loads(zipfile.ZipFile(package).read("manifest.json"))
    words = record_count_words(manifest["record_counts"])
    assert "企业" in words and "检查记录" in words, words
    scope = f"范围 全部记录（截至 {manifest['period_to']}） 记录 {words}"
    capsys.readouterr()
    assert main(["verify", str(package), "--db", str(world["cdb"])]) == 0  # says it in these words
    assert scope + " " in capsys.readouterr().out
    assert main(["import", str(package), "--db", str(world["cdb"]), *extra]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("已导入") and "签名人 张三（421221 嘉鱼县" in lines[0], lines
    assert lines[1] == f"  {scope}", lines
