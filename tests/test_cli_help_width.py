"""Every `--help` fits the terminal a clerk has open, counting a Chinese character as the two
columns it takes (argparse counted one, so `qcdesk --help` ran to 114 columns at 80), and the
wrapping loses no text, splits no English word and starts no line with ，。）….

Width is measured here with unicodedata on its own, not with the formatter's helper. argparse
reads COLUMNS through shutil.get_terminal_size each time it formats help.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from qcdesk.help_width import wrap
from tests.test_cli_help import COMMANDS, PARSER, _qcdesk

WIDTHS = (60, 80, 100)
CLOSING = "，。、；：？！）》」"
PARSERS = [pytest.param((), PARSER, id="qcdesk"),
           *(pytest.param(path, sub, id=" ".join(path)) for path, _help, sub in COMMANDS)]


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in line)


def help_at(parser: argparse.ArgumentParser, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    return parser.format_help()


def texts_shown(parser: argparse.ArgumentParser) -> list[str]:
    """The description, every option's help (with %(default)s filled in) and every
    sub-command's line, as the help prints them."""
    formatter = parser._get_formatter()
    shown = [parser.description] if parser.description else []
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            shown.append(formatter._expand_help(action))
        if isinstance(action, argparse._SubParsersAction):
            shown.append("{" + ",".join(action.choices) + "}")
            shown.extend(choice.help for choice in action._choices_actions if choice.help)
    return shown


def test_nested_commands_are_checked() -> None:
    paths = {path for path, _help, _sub in COMMANDS}
    assert {("trust", "add"), ("roster", "import"), ("report",), ("draw", "verify")} <= paths


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "parser"), PARSERS)
def test_every_line_fits_the_terminal(width: int, path: tuple[str, ...],
                                      parser: argparse.ArgumentParser,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = help_at(parser, width, monkeypatch)
    too_wide = [f"{columns(line)}: {line}" for line in text.splitlines() if columns(line) > width]
    assert too_wide == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "parser"), PARSERS)
def test_wrapping_loses_no_text_and_splits_no_word(width: int, path: tuple[str, ...],
                                                   parser: argparse.ArgumentParser,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    text = help_at(parser, width, monkeypatch)
    joined = re.sub(r"\s+", "", text)
    lines = text.splitlines()
    for shown in texts_shown(parser):
        assert re.sub(r"\s+", "", shown) in joined, shown
        if shown.startswith("{"):
            continue  # a choices list too long for a line is broken after its commas
        for word in re.findall(r"[!-~]+", shown):  # English words, options, file names
            assert any(word in line for line in lines), f"{word!r} split in:\n{text}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "parser"), PARSERS)
def test_no_line_starts_with_closing_punctuation(width: int, path: tuple[str, ...],
                                                 parser: argparse.ArgumentParser,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    text = help_at(parser, width, monkeypatch)
    assert [line for line in text.splitlines() if line.strip()[:1] in set(CLOSING)] == []


@pytest.mark.parametrize("path", [(), ("draw",), ("draw", "verify"), ("trust", "add")])
def test_installed_command_fits_80_columns(path: tuple[str, ...], tmp_path: Path) -> None:
    done = subprocess.run([*_qcdesk(), *path, "--help"], cwd=tmp_path, capture_output=True,
                          encoding="utf-8", timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if columns(line) > 80] == []
    if not path:  # the sub-command list is broken after a comma, the rest under the brace
        assert "  {demo,roster," in done.stdout
        assert re.search(r"\n {15}[a-z]+,", done.stdout)


def test_wrap_breaks_chinese_between_characters_and_english_at_spaces() -> None:
    lines = wrap("数据库文件（默认在用户数据文件夹中） (database file)", 20)
    assert [columns(line) <= 20 for line in lines] == [True] * len(lines)
    assert "".join(lines).replace(" ", "") == "数据库文件（默认在用户数据文件夹中）(databasefile)"
    assert "(database" in lines[-2] + lines[-1] and "file)" in lines[-1]


def test_wrap_moves_a_character_down_rather_than_start_a_line_with_a_comma() -> None:
    # 9 characters fill 18 columns; "，" would open the second line, so "九" goes with it.
    lines = wrap("一二三四五六七八九，十一", 18)
    assert lines == ["一二三四五六七八", "九，十一"]
    assert wrap("一二三四五六七（八九）", 16) == ["一二三四五六七", "（八九）"]
