"""The README's architecture section is the map a new engineer reads first: every module of the
headless core (and the CLI) is named there, by its file name or a pattern such as `cli_*.py`,
and every file it names exists."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADLESS = ("models", "export", "exchange")


def architecture_names() -> set[str]:
    """The file names and patterns (`*_store.py`) the section names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"[\w*]+\.py", section))


def named(file_name: str, names: set[str]) -> bool:
    return file_name in names or any("*" in n and fnmatch.fnmatch(file_name, n) for n in names)


def test_every_headless_and_cli_module_is_named() -> None:
    names = architecture_names()
    modules = [p for p in (ROOT / "qcdesk").glob("*.py")]
    modules += [p for package in HEADLESS for p in (ROOT / "qcdesk" / package).rglob("*.py")]
    unnamed = sorted(
        str(p.relative_to(ROOT)) for p in modules if p.name != "__init__.py" and not named(p.name, names)
    )
    assert unnamed == [], f"add a line for each to README.md's architecture section: {unnamed}"


def test_every_module_named_exists() -> None:
    files = {p.name for p in ROOT.rglob("*.py") if ".venv" not in p.parts}
    stale = sorted(n for n in architecture_names() if "*" not in n and n not in files)
    assert stale == [], f"README.md's architecture section names files that are gone: {stale}"


def test_modules_added_for_settings_and_a_missing_database_are_named() -> None:
    names = architecture_names()
    for module in ("missing_database.py", "settings_values.py", "dashboard_widgets.py", "list_day.py"):
        assert (ROOT / "qcdesk" / "ui" / module).exists()
        assert module in names
