"""argparse's usage errors in Chinese, for the one line a refused command prints.

Why: argparse words its errors in English ("the following arguments are required: --out",
"invalid choice: 'memo'"), and names a missing sub-command by its internal dest (roster_command),
so a clerk read `参数有误 (invalid arguments): the following arguments are required: roster_command`.
The usual messages are put in Chinese here, the option or the choices named as typed; any other
stays as argparse says it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence


def _listed(text: str) -> str:
    """'visit', 'sample' → visit、sample (argparse quotes and comma-separates choices)."""
    return "、".join(part.strip().strip("'\"") for part in text.split(","))


def _named(parser: argparse.ArgumentParser, names: str) -> str:
    """The missing arguments as a user types them: a sub-command by its choices, not its dest."""
    shown = []
    for name in (n.strip() for n in names.split(",")):
        action = next((a for a in parser._actions if a.dest == name and not a.option_strings), None)
        if action is not None and action.choices:
            choices = "、".join(map(str, action.choices))
            shown.append(f"子命令（{choices}）" if name.endswith(("_command", "_action"))
                         else f"{action.metavar or name}（{choices} 之一）")
        elif action is not None:
            shown.append(f"{action.metavar or name}")
        else:
            shown.append(name)
    return "、".join(shown)


_RULES: Sequence[tuple[re.Pattern[str], Callable[[argparse.ArgumentParser, re.Match[str]], str]]] = (
    (re.compile(r"the following arguments are required: (.+)"),
     lambda p, m: f"缺少必须给出的参数：{_named(p, m[1])}"),
    (re.compile(r"argument (.+?): invalid choice: '(.*)' \(choose from (.+)\)"),
     lambda p, m: f"{m[1]} 的值“{m[2]}”无效，应为以下之一：{_listed(m[3])}"),
    (re.compile(r"argument (.+?): invalid (int|float) value: '(.*)'"),
     lambda p, m: f"{m[1]} 应为{'整数' if m[2] == 'int' else '数字'}：{m[3]}"),
    (re.compile(r"argument (.+?): expected one argument"), lambda p, m: f"{m[1]} 后面缺少取值"),
    (re.compile(r"argument (.+?): not allowed with argument (.+)"),
     lambda p, m: f"{m[1]} 不能与 {m[2]} 同时使用"),
    (re.compile(r"one of the arguments (.+) is required"), lambda p, m: f"须给出以下参数之一：{m[1]}"),
    (re.compile(r"unrecognized arguments: (.+)"), lambda p, m: f"无法识别的参数：{m[1]}"),
)


def usage_words(parser: argparse.ArgumentParser, message: str) -> str:
    """`message` (argparse's English) in Chinese when it is one of the usual ones; else as given."""
    for pattern, words in _RULES:
        match = pattern.fullmatch(message.strip())
        if match is not None:
            return words(parser, match)
    return message
