"""`qcdesk --help` and every sub-command's help read the same way for a county clerk: Chinese
first, the English in brackets after it, for every command, sub-command and option.

The parser is built the way `qcdesk.cli.main` builds it (`build_parser`) and walked, so a new
command or option without a bilingual help text fails here. argparse's own words ("usage:",
"options", -h's "show this help message and exit") are left as argparse prints them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qcdesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_GLOSS = re.compile(r"\([^()]*[A-Za-z][^()]*\)$")  # "… (database file)" at the end

def _sub_parsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str | None,
                                                                   argparse.ArgumentParser]]:
    """(name, help shown in the parent's list, parser) of each direct sub-command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, helps.get(name), sub


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
          ) -> Iterator[tuple[tuple[str, ...], str | None, argparse.ArgumentParser]]:
    for name, help_text, sub in _sub_parsers(parser):
        yield (*path, name), help_text, sub
        yield from _walk(sub, (*path, name))


PARSER = build_parser()
COMMANDS = [(path, help_text, sub) for path, help_text, sub in _walk(PARSER)]


def _params() -> list:
    params = [pytest.param((), None, PARSER, id="qcdesk")]
    for path, help_text, sub in COMMANDS:
        params.append(pytest.param(path, help_text, sub, id=" ".join(path)))
    return params


def _bilingual_problem(text: str | None) -> str | None:
    if not text or text == argparse.SUPPRESS:
        return "no help text"
    if not CJK.search(text):
        return "no Chinese"
    if not CJK.match(text):
        return "does not start with Chinese"
    if not ENGLISH_GLOSS.search(text):
        return "no English in brackets at the end"
    return None


def test_every_area_registers_commands() -> None:
    names = {path[0] for path, _help, _sub in COMMANDS}
    assert {"demo", "roster", "keygen", "trust", "verify", "export", "import", "doc", "report",
            "draw", "recusal", "warnings", "risk"} <= names


@pytest.mark.parametrize(("path", "help_text", "parser"), _params())
def test_help_texts_are_chinese_first_with_english_in_brackets(
        path: tuple[str, ...], help_text: str | None, parser: argparse.ArgumentParser) -> None:
    problems = []
    if path:  # the sub-command's own line in its parent's list
        if (why := _bilingual_problem(help_text)) is not None:
            problems.append(f"qcdesk {' '.join(path)}: {why}: {help_text!r}")
    else:  # the description opens with the product's name: QCDesk 质量提升工作台
        description = (parser.description or "").removeprefix("QCDesk ")
        if (why := _bilingual_problem(description)) is not None:
            problems.append(f"qcdesk description: {why}: {parser.description!r}")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue  # argparse's own -h; sub-commands are checked as commands of their own
        name = "/".join(action.option_strings) or action.metavar or action.dest
        if (why := _bilingual_problem(action.help)) is not None:
            problems.append(f"qcdesk {' '.join(path)} {name}: {why}: {action.help!r}")
    assert problems == []


def _qcdesk() -> list[str]:
    """The installed `qcdesk` entry point (what `uv run qcdesk` runs)."""
    script = shutil.which("qcdesk", path=str(Path(sys.executable).parent))
    if script is not None:
        return [script]
    return [sys.executable, "-c", "import sys; from qcdesk.cli import main; sys.exit(main())"]


@pytest.mark.parametrize(("path", "parser"), [
    pytest.param(path, parser, id=" ".join(("qcdesk", *path)))
    for path, parser in [((), PARSER), *((p, s) for p, _h, s in COMMANDS)]])
def test_help_runs_and_exits_zero(path: tuple[str, ...], parser: argparse.ArgumentParser,
                                  tmp_path: Path) -> None:
    done = subprocess.run([*_qcdesk(), *path, "--help"], cwd=tmp_path, capture_output=True,
                          encoding="utf-8", timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(" ".join(("usage: qcdesk", *path)))
    assert CJK.search(done.stdout), done.stdout
