"""CLI output redirected to a file or pipe on Chinese Windows is GBK with errors=strict (review
"windows" 4): a rare name character (䶮, 𠀀) or an emoji pasted into a name must not end the command
in 内部错误 after its work is done, and the CLI's own fixed words must all be writable in GBK.
PYTHONIOENCODING=gbk:strict stands in for the redirected Windows output.
"""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from qcdesk.cli import main

ROOT = Path(__file__).resolve().parents[1]
ODD_NAME = "赤壁市䶮𠀀😀电气有限公司"


def _gbk_run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "gbk:strict",
           "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    code = "import sys; from qcdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env,
                          cwd=ROOT, timeout=300)


def test_redirected_gbk_output_survives_characters_outside_gbk(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert main(["demo", "--db", str(db), "--enterprises", "12", "--visits", "30",
                 "--today", "2026-11-20"]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE enterprise SET name = ? WHERE id = 2", (ODD_NAME,))
    conn.close()
    run = _gbk_run(tmp_path, "risk", "--db", str(db), "--enterprise", "2")
    assert run.returncode == 0, run.stderr.decode("gbk", "replace")
    out = run.stdout.decode("gbk")
    assert "赤壁市\\u4dae\\U00020000\\U0001f600电气有限公司" in out, out  # the rest as it is
    assert "内部错误" not in run.stderr.decode("gbk", "replace")


def _cli_literals() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((ROOT / "qcdesk").glob("cli*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        found += [(path.name, node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs]
    return found


def test_every_fixed_cli_string_is_writable_in_gbk() -> None:
    from qcdesk.cli_safety import _show
    from qcdesk.cli_transfer import conflicts_text

    literals = _cli_literals()
    assert len(literals) > 200
    not_gbk = [(name, line, text) for name, line, text in literals
               if text.encode("gbk", "replace").decode("gbk") != text]
    assert not_gbk == []
    for text in (conflicts_text(3, dry_run=False), conflicts_text(1, dry_run=True), _show(None)):
        text.encode("gbk")  # the import's conflict line, audit history's empty value
