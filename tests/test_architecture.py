"""The core runs headless: models/, export/ and exchange/ never import Qt, and SQL stays out of the UI."""

from __future__ import annotations

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


def test_cli_help_runs_without_qt() -> None:
    code = (
        "import sys\nfrom qcdesk.cli import build_parser\nbuild_parser()\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
