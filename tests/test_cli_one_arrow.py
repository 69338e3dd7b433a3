"""The command line names menus with one arrow: its own advice says 设置 > 签名密钥, and a message
shared with the window (设置 ▸ 首选项… ▸ 组织单位) came out with ▸ beside it on a UTF-8 console.
The window keeps ▸."""

from __future__ import annotations

import sys
from pathlib import Path

from qcdesk.cli import main
from qcdesk.models.messages import message
from qcdesk.models.store import Store


def test_a_shared_message_on_the_console_uses_the_cli_arrow(tmp_path: Path, capsys, monkeypatch) -> None:
    import qcdesk.models.document_data as document_data

    # the report's note names the command on the console now; the window's words stand in for
    # any shared message that names a menu (▸)
    monkeypatch.setattr(document_data, "default_signer_note", lambda *a, **k: message(
        "report.org_name_default", org="咸宁市市场监督管理局", scope="嘉鱼县"))
    db = tmp_path / "qcdesk.db"
    Store.open(db, author="tester").close()
    before = sys.stdout, sys.stderr
    assert main(["report", "quarterly", "--db", str(db), "--period", "2026Q3",
                 "--jurisdiction", "421221", "--out", str(tmp_path / "q.pdf")]) == 0
    assert (sys.stdout, sys.stderr) == before  # the command's streams are given back
    printed = capsys.readouterr()
    assert "“设置 > 首选项… > 组织单位”" in printed.err, printed.err
    assert "▸" not in printed.out + printed.err
    # the window shows the same message with its own arrow
    assert "“设置 ▸ 首选项… ▸ 组织单位”" in message("report.org_name_default", org="咸宁市市场监督管理局",
                                                  scope="嘉鱼县")


def test_lines_written_together_use_the_cli_arrow_too(tmp_path: Path, capsys, monkeypatch) -> None:
    """A command printing its lines with writelines (not write) showed ▸ on a UTF-8 console."""
    import argparse

    import qcdesk.cli as cli

    def handler(args: argparse.Namespace, paths: object) -> int:
        sys.stdout.writelines(["请到 设置 ▸ 签名密钥\n", "再试 ▸ 一次\n"])
        return 0

    real = cli.build_parser

    def build() -> argparse.ArgumentParser:
        parser = real()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        sub.add_parser("lines").set_defaults(handler=handler)
        return parser

    monkeypatch.setattr(cli, "build_parser", build)
    assert main(["lines"]) == 0
    printed = capsys.readouterr().out
    assert printed == "请到 设置 > 签名密钥\n再试 > 一次\n", printed
