"""The core runs headless: models/, export/ and exchange/ never import Qt, and SQL stays out of the UI."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("models", "export", "exchange")


def core_modules() -> list[str]:
    names = []
    for package in CORE_PACKAGES:
        for path in sorted((ROOT / "qcdesk" / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            names.append(".".join(rel.parts).removesuffix(".__init__"))
    return names


def test_core_imports_no_qt() -> None:
    modules = core_modules()
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_sql_in_ui() -> None:
    sql = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.I)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "qcdesk" / "ui").rglob("*.py")
        if sql.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# SQL statements inside one string literal, its lines joined (a triple-quoted or implicitly
# concatenated query over several lines, an f-string's text parts): the check above reads lines.
SQL_TEXT = re.compile(r"\b(SELECT\b[\s\S]*?\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                      r"DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+(TABLE|INDEX|VIEW)|"
                      r"PRAGMA\s+\w+|WITH\s+\w+\s+AS\s*\()\b")
# A connection's or sqlite-utils database's own calls, and the raw connection itself.
RAW_CALLS = {"execute", "executemany", "executescript", "query", "cursor", "set_progress_handler"}
# The one raw-connection use the UI has: Cancel interrupts a worker's long query.
ALLOWED_RAW = {("qcdesk/ui/workers.py", "interruptible")}


def string_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string literal; an f-string's literal parts joined."""
    found: list[tuple[int, str]] = []
    parts_of_fstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            parts_of_fstrings.update(id(v) for v in parts)
            found.append((node.lineno, " ".join(v.value for v in parts)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in parts_of_fstrings:
            found.append((node.lineno, node.value))
    return found


def raw_database_uses(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, enclosing function, what) of every raw database call or connection in the module."""
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in RAW_CALLS:
            found.append((node.lineno, function, f".{node.func.attr}("))
        elif isinstance(node, ast.Attribute) and node.attr == "conn":
            found.append((node.lineno, function, ".conn"))
        elif isinstance(node, ast.Attribute) and node.attr == "connect" and isinstance(node.value, ast.Name) \
                and node.value.id in ("sqlite3", "sqlite_utils"):
            found.append((node.lineno, function, f"{node.value.id}.connect"))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] == "sqlite_utils" for n in names):
                found.append((node.lineno, function, "import sqlite_utils"))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "<module>")
    return found


def sql_in_ui(files: list[Path], root: Path = ROOT) -> list[str]:
    """Where a UI module holds SQL text or talks to the database itself, not through qcdesk/models."""
    offenders = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        offenders += [f"{rel}:{line}: SQL {m.group(0)[:40]!r}"
                      for line, text in string_texts(tree) if (m := SQL_TEXT.search(text))]
        raw = raw_database_uses(tree)
        offenders += [f"{rel}:{line}: {what} in {function}" for line, function, what in raw
                      if (rel, function) not in ALLOWED_RAW]
    return offenders


def test_no_multiline_sql_or_database_calls_in_ui() -> None:
    """Only qcdesk/models holds SQL: no query over several lines in a UI string, no execute(),
    executemany(), query(), cursor or connection in a widget (the line check above misses them)."""
    files = sorted((ROOT / "qcdesk" / "ui").rglob("*.py"))
    assert len(files) > 20
    assert sql_in_ui(files) == []


def test_the_ui_sql_guard_sees_what_it_looks_for(tmp_path: Path) -> None:
    """The guard itself: a query over several lines and the raw calls are caught; the one allowed
    use (workers.interruptible's progress handler) is allowed in that function only."""
    planted = tmp_path / "qcdesk" / "ui" / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(
        'def names(store):\n'
        '    sql = """\n        SELECT name,\n               uscc\n        FROM enterprise\n    """\n'
        '    return [r[0] for r in store.db.execute(sql)]\n'
        'def more(store):\n'
        '    store.db.query("x")\n    store.db.conn.executemany("y", [])\n'
        'def interruptible(store):\n'
        '    store.db.conn.set_progress_handler(None, 1)\n', encoding="utf-8")
    text = "\n".join(sql_in_ui([planted], root=tmp_path))
    assert "planted.py:2: SQL 'SELECT name" in text
    assert ".execute( in names" in text and ".query( in more" in text
    assert ".executemany( in more" in text and ".conn in more" in text
    assert "in interruptible" in text  # only workers.py's interruptible is allowed


def test_cli_help_runs_without_qt() -> None:
    code = (
        "import sys\nfrom qcdesk.cli import build_parser\nbuild_parser()\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
