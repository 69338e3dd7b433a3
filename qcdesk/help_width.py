"""`--help` that fits the terminal although a Chinese character takes two columns.

argparse wraps help by counting characters (textwrap), so a line of Chinese it thought was 78
wide ran to 100+ columns and the terminal broke it mid-word. `DisplayWidthHelpFormatter` measures
display width instead (East Asian Wide and Fullwidth characters count 2), breaks Chinese between
characters and English only at spaces, keeps closing punctuation (，。）…) off a line's start, and
breaks a usage or argument line argparse cannot wrap — the sub-command list `{demo,roster,…}` —
after its commas. argparse reads the width from COLUMNS (shutil.get_terminal_size).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

# Chinese typesetting keeps these off a line's start / end; moving one character is cheap.
NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’,.;:?!)")
NO_LINE_END = frozenset("（《「『【〈“‘(")

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes (argparse on 3.14) take no column
_BLANKS = re.compile(r"[ \t\n\r\f\v]+")  # argparse's ASCII whitespace; U+3000 stays text

Token = tuple[str, bool]  # (text, preceded by a space)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Terminal columns of one character: 2 for East Asian Wide/Fullwidth, 0 for a combining mark."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal (what argparse's len() gets wrong for Chinese)."""
    return sum(char_width(char) for char in _ANSI.sub("", text))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns; breaks between Chinese characters or at spaces only."""
    width = max(width, 2)
    lines: list[list[Token]] = []
    line: list[Token] = []
    for token in _fitting(_tokens(_BLANKS.sub(" ", text).strip()), width):
        if line and _line_width(line + [token]) > width:
            rest = [token]
            _keep_punctuation_off_edges(line, rest, width)
            lines.append(line)
            line = rest
        else:
            line.append(token)
    if line:
        lines.append(line)
    return ["".join((" " if space and i else "") + piece for i, (piece, space) in enumerate(each))
            for each in lines]


def _tokens(text: str) -> Iterator[Token]:
    """Each wide character alone, each run of other non-space characters (a word) whole."""
    for match in re.finditer(r"( ?)([^ ]+)", text):
        space = bool(match.group(1))
        run = ""
        for char in match.group(2):
            width = char_width(char)
            if width == 2:
                if run:
                    yield run, space
                    space, run = False, ""
                yield char, space
                space = False
            elif width == 0 and not run:  # a mark on a wide character stays with it
                run = char
            else:
                run += char
        if run:
            yield run, space


def _fitting(tokens: Iterable[Token], width: int) -> Iterator[Token]:
    """A word wider than a whole line is cut (as textwrap does); nothing else is."""
    for piece, space in tokens:
        if display_width(piece) <= width:
            yield piece, space
            continue
        chunk = ""
        for char in piece:
            if chunk and display_width(chunk + char) > width:
                yield chunk, space
                chunk, space = "", False
            chunk += char
        if chunk:
            yield chunk, space


def _line_width(line: list[Token]) -> int:
    return sum(display_width(piece) + (1 if space and i else 0)
               for i, (piece, space) in enumerate(line))


def _keep_punctuation_off_edges(line: list[Token], rest: list[Token], width: int) -> None:
    """Move the line's last pieces down while the next line would start with ，。）… or this one
    end with （《…, unless the next line would then be too wide."""
    before, after = list(line), list(rest)
    while len(line) > 1 and (rest[0][0][0] in NO_LINE_START or line[-1][0][-1] in NO_LINE_END):
        rest.insert(0, line.pop())
    if _line_width(rest) > width:
        line[:], rest[:] = before, after


def break_line(line: str, width: int) -> list[str]:
    """A usage or argument line argparse could not wrap, broken after commas or at spaces; the
    rest continues under the open brace (`{demo,…` → next line one column right of `{`)."""
    out: list[str] = []
    indent = len(line) - len(line.lstrip(" "))
    margin = indent
    open_brackets: list[int] = []  # columns of brackets opened on earlier lines, still open
    while display_width(line) > width:
        start = len(line) - len(line.lstrip(" "))
        cut = _last_break(line, width, start) or _hard_cut(line, width, start)
        head, tail = line[:cut].rstrip(" "), line[cut:].lstrip(" ")
        if not tail:
            break
        open_brackets = _still_open(head, open_brackets)
        margin = open_brackets[-1] + 1 if open_brackets else indent
        margin = margin if margin <= width // 2 else min(indent, width // 2)
        out.append(head)
        line = " " * margin + tail
    out.append(line)
    return out


def _last_break(line: str, width: int, start: int) -> int | None:
    best = None
    used = 0
    for i, char in enumerate(line):
        if char == " " and i > start and used <= width:
            best = i
        used += char_width(char)
        if used > width:
            break
        if char == "," and i >= start:
            best = i + 1
    return best


def _hard_cut(line: str, width: int, start: int) -> int:
    used = display_width(line[:start])
    for i in range(start, len(line)):
        used += char_width(line[i])
        if used > width:
            return max(i, start + 1)
    return len(line)


def _still_open(text: str, carried: list[int]) -> list[int]:
    """Columns of the brackets open at the end of the line `text`, which continues a line that
    left the brackets at `carried` columns open."""
    stack = list(carried)
    column = 0
    for char in text:
        if char in "{[(":
            stack.append(column)
        elif char in "}])" and stack:
            stack.pop()
        column += char_width(char)
    return stack


class DisplayWidthHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, measuring terminal columns instead of characters."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - display_width(indent)))

    def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None) -> str:
        return self._fit(super()._format_usage(usage, actions, groups, prefix))

    def _format_action(self, action: argparse.Action) -> str:
        return self._fit(super()._format_action(action))

    def _format_action_invocation(self, action: argparse.Action) -> str:
        # argparse measures and pads the invocation (`--key 公钥文件`) with len(): one NUL per extra
        # column makes len() the display width; format_help removes them.
        text = super()._format_action_invocation(action)
        return text + "\0" * (display_width(text) - len(text))

    def format_help(self) -> str:
        return super().format_help().replace("\0", "")

    def _fit(self, text: str) -> str:
        """Break any line still wider than the terminal (a long `{a,b,…}` choices list)."""
        return "\n".join(piece for line in text.split("\n")
                         for piece in break_line(line, self._width + line.count("\0")))
