"""The `qcdesk` command: the GUI by default, sub-commands for headless work.

Every sub-command prints one line on stderr and exits non-zero when it cannot do its job; no
traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from qcdesk.paths import AppPaths


class CommandError(Exception):
    """A refusal the user can act on; the message is printed as one line."""


def _sub_modules() -> list[str]:
    # Each area registers its sub-commands; add yours here (one line).
    return [
        "qcdesk.cli_core",
        "qcdesk.cli_exchange",
        "qcdesk.cli_transfer",
        "qcdesk.cli_docs",
        "qcdesk.cli_supervision",
        "qcdesk.cli_safety",
    ]


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(prog="qcdesk", description="QCDesk 质量提升工作台")
    parser.add_argument("--demo", action="store_true", help="open the GUI on the demo database")
    parser.add_argument("--db", type=Path, help="database file (default: the user data folder)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    subparsers = parser.add_subparsers(dest="command")
    for name in _sub_modules():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = AppPaths.for_user()
    handler: Callable[[argparse.Namespace, AppPaths], int] | None = getattr(args, "handler", None)
    if handler is None:
        from qcdesk.ui.app import run_gui

        return run_gui(args, paths)
    try:
        return handler(args, paths) or 0
    except CommandError as exc:
        print(f"qcdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qcdesk: 已取消 (cancelled)", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: one line, never a traceback
        from qcdesk.models.store import StoreError

        if isinstance(exc, StoreError):
            print(f"qcdesk: {exc.message_zh}", file=sys.stderr)
            return 2
        print(f"qcdesk: 内部错误 (internal error): {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def open_store_for(args: argparse.Namespace, paths: AppPaths, author: str = "cli",
                   must_exist: bool = False):
    """Open the store named by --db (or the user's default) with the standard backup folder.

    Commands that only read or act on existing records pass `must_exist`, so a mistyped path
    is refused instead of creating an empty database.
    """
    from qcdesk.models.store import Store

    path = db_path_for(args, paths, must_exist=must_exist)
    return Store.open(path, author=author, backup_dir=path.parent / "backups")


def db_path_for(args: argparse.Namespace, paths: AppPaths, must_exist: bool = False) -> Path:
    """The database file named by --db (or the user's default), refused if it must exist."""
    path = Path(getattr(args, "db", None) or paths.database)
    if must_exist and not path.is_file():
        raise CommandError(f"数据库文件不存在：{path}")
    return path
