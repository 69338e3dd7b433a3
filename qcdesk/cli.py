"""The `qcdesk` command: the GUI by default, sub-commands for headless work.

Every sub-command prints one line on stderr and exits non-zero when it cannot do its job; no
traceback reaches the user.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from qcdesk.help_width import DisplayWidthHelpFormatter
from qcdesk.paths import AppPaths

# Help texts read Chinese first, English in brackets; every sub-command's --db says the same.
DB_HELP = "数据库文件（默认在用户数据文件夹中） (database file)"


class CommandError(Exception):
    """A refusal the user can act on; the message is printed as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line like every other refusal (not usage + error), and
    help is wrapped by terminal columns (Chinese takes two). Sub-parsers are made with this class
    too (add_parser uses the parent's class), so every `--help` gets the formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DisplayWidthHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from qcdesk.cli_usage import usage_words

        self.exit(2, f"{self.prog}: 参数有误：{usage_words(self, message)}；"
                     f"用法见 {self.prog} --help (invalid arguments)\n")


def _sub_modules() -> list[str]:
    # Each area registers its sub-commands; add yours here (one line).
    return [
        "qcdesk.cli_core",
        "qcdesk.cli_exchange",
        "qcdesk.cli_transfer",
        "qcdesk.cli_docs",
        "qcdesk.cli_supervision",
        "qcdesk.cli_publication",
        "qcdesk.cli_safety",
        "qcdesk.cli_find",
        "qcdesk.cli_settings",
        "qcdesk.cli_record",
    ]


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(prog="qcdesk", description="QCDesk 质量提升工作台（不带子命令时打开程序界面） "
                                                "(quality improvement workbench; no command opens the GUI)")
    parser.add_argument("--demo", action="store_true",
                        help="用演示数据库打开程序界面 (open the GUI on the demo database)")
    parser.add_argument("--db", type=Path, help=DB_HELP)
    parser.add_argument("--lang", choices=["zh_CN", "en"],
                        help="界面语言：zh_CN 简体中文 / en 英文（默认：上次使用的语言） "
                             "(interface language)")
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
    """The command; a Ctrl-C in its first second (imports, parsing) is one line, as later."""
    if argv is None:  # the real command line, not a test calling main() in its own process
        _skip_optional_imports()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return _fail("已取消 (cancelled)", 130)


def _skip_optional_imports() -> None:
    """sqlite-utils imports pandas and numpy when installed (dev machines): a second or two of
    start for nothing, and a Ctrl-C then ended in their traceback (as ui/app.py's for the GUI)."""
    for name in ("pandas", "numpy"):
        sys.modules.setdefault(name, None)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    given = [a for a in (sys.argv[1:] if argv is None else argv) if a == "--db" or a.startswith("--db=")]
    if len(given) > 1:  # argparse lets the last win: a command would write to the other database
        parser.error("--db 给出了不止一次，不知道该用哪个数据库：请只给出一次")
    args = parser.parse_args(argv)
    paths = AppPaths.for_user()
    handler: Callable[[argparse.Namespace, AppPaths], int] | None = getattr(args, "handler", None)
    if handler is None:  # the window; an error no slot caught is shown in a box (ui/error_box.py)
        from qcdesk.ui.app import run_gui
        from qcdesk.ui.error_box import show_unexpected_errors

        show_unexpected_errors(paths.data_dir / "logs")
        return run_gui(args, paths)
    # A writer that failed half-way (disk full) may complain again when the garbage collector
    # closes its file: that would be a second, traceback-like stderr text after our one line.
    _tolerate_unencodable_output()
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _ignore_unraisable
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (_OneArrow(s) if s is not None else None for s in streams)
    try:
        return _run(handler, args, paths)
    finally:
        gc.collect()
        sys.unraisablehook = previous_hook
        sys.stdout, sys.stderr = streams


_MENU_ARROWS = {0x25B8: ">", 0x203A: ">"}  # ▸ (the GUI's menu paths), U+203A: not in GBK


class _OneArrow:
    """A command's stdout or stderr writing a shared message's menu arrow (设置 ▸ 签名密钥, the
    window's) as ">", as the CLI's own texts do: one arrow on a console, whatever its encoding
    (a UTF-8 console showed 设置 > 签名密钥 and 设置 ▸ 首选项 side by side)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_MENU_ARROWS))

    def writelines(self, lines: Any) -> None:
        """Not left to the raw stream (`__getattr__`): its lines would keep their ▸."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, buffer… of the stream
        return getattr(self._stream, name)


def _gbk_safe(error: UnicodeError) -> tuple[str, int]:
    """The menu arrow of a shared message (设置 ▸ 签名密钥) as ">", anything else as \\u4dae."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(_MENU_ARROWS.get(ord(c)) or c.encode("unicode_escape").decode("ascii")
                   for c in bad), error.end


codecs.register_error("qcdesk_cli", _gbk_safe)


def _tolerate_unencodable_output() -> None:
    """Output redirected to a file or pipe on Chinese Windows is GBK with errors=strict: a name
    with 䶮 or an emoji in 备注 would end the command in a traceback after its work is done. There
    such a character is written as \\u4dae, and a menu path's ▸ as >; a console (which shows
    everything) is left as it is."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "errors", None) != "strict" or _is_console(stream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="qcdesk_cli")


def _is_console(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or not a real file
        return False


def _ignore_unraisable(_unraisable: object) -> None:
    """The command has already reported its failure in one line."""


# Commands that count from today or read a date as a local day: they name packages by it, count
# days to it, date documents and reports, refuse dates after it, revoke keys from its midnight.
DATING_COMMANDS = ("export", "import", "warnings", "report", "doc", "draw", "risk", "publish",
                   "amend", "roster", "trust")


def _zone_note(args: argparse.Namespace) -> None:
    """One line on stderr after a command that dates things, when the computer's time zone is
    not China's: its "today" is then a day off for part of the day (models/clock_check.py)."""
    from qcdesk.models.clock_check import zone_line

    line = zone_line() if getattr(args, "command", None) in DATING_COMMANDS else ""
    if line:
        print(line, file=sys.stderr)


def _run(handler: Callable[[argparse.Namespace, AppPaths], int], args: argparse.Namespace,
         paths: AppPaths) -> int:
    """Run a sub-command; every failure becomes one line on stderr and a non-zero exit."""
    from qcdesk.models.store import StoreError

    _WARNED.clear()  # once per command, also when commands run one after another in one process
    try:
        _refuse_undecodable(args)
        code = handler(args, paths) or 0
        sys.stdout.flush()  # a reader gone (`| head`) shows here, not as an exit-time traceback
        if code == 0:  # after a refusal its one line stays the only one
            _zone_note(args)
        return code
    except CommandError as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:  # the reader stopped early (`| head`): nothing went wrong here
        return _reader_gone()
    except KeyboardInterrupt:
        return _fail("已取消 (cancelled)", 130)
    except StoreError as exc:
        return _fail(exc.message_zh, 2)
    except OSError as exc:  # a file the command had to read or write
        return _fail(os_error_text(exc), 2)
    except sqlite3.DatabaseError as exc:  # e.g. locked by a program holding a write transaction
        from qcdesk.models.store import _explain

        explained = _explain(exc, db_path_for(args, paths))
        if explained.message_en.startswith("Database error"):
            return _fail(f"内部错误 (internal error): {type(exc).__name__}: {exc}", 1)
        return _fail(explained.message_zh, 2)
    except OverflowError:  # an id such as 99999999999999999999 reaches SQLite
        return _fail("数字太大，不是有效的记录编号；请使用列表中显示的编号或 uuid "
                     "(number too large for a record id)", 2)
    except Exception as exc:  # last resort: one line, never a traceback
        return _fail(f"内部错误 (internal error): {type(exc).__name__}: {exc}", 1)


def _reader_gone() -> int:
    """Quiet exit when stdout's reader has gone, as `git log | head` does: stdout now points
    at the null device, so the interpreter's last flush cannot complain in a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141  # 128 + SIGPIPE, what a shell reports for a writer the pipe stopped


def _fail(text: str, code: int) -> int:
    print(f"qcdesk: {' '.join(text.split())}", file=sys.stderr)
    return code


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Text typed in another encoding (GBK bytes in a UTF-8 terminal) cannot be stored; refuse it
    before the database is opened. File names are Paths and may hold any bytes."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    option = _OPTION_NAMES.get(name, "--" + name.replace("_", "-"))
                    raise CommandError(
                        f"参数 {option} 含有无法识别的字符（不是 UTF-8 文本），请检查输入法或终端编码 "
                        f"(argument {option} is not valid UTF-8 text)") from None


# dest -> what the user typed, where that is not "--" + dest (positionals, --set)
_OPTION_NAMES = {"ident": "ID", "key_id": "KEYID", "record": "RECORD_UUID", "visit": "VISIT",
                 "uuid": "UUID", "changes": "--set"}

def os_error_text(exc: OSError, path: Path | str | None = None) -> str:
    """One line naming the file and the reason, in Chinese with the system's own words."""
    name = path or exc.filename2 or exc.filename or ""  # a rename's target, not its side file
    reason = os_error_reason(exc)
    return f"无法读写文件 {name}：{reason}" if name else f"文件读写失败：{reason}"


def os_error_reason(exc: OSError, *, writing: bool = False) -> str:
    """Why a file operation failed: Chinese first, then the system's own words."""
    from qcdesk.models.os_errors import os_error_words

    reason = exc.strerror or str(exc)
    zh = os_error_words(exc, "zh", writing=writing)
    return f"{zh} ({reason})" if zh else reason


def open_store_for(args: argparse.Namespace, paths: AppPaths, author: str = "cli",
                   must_exist: bool = False):
    """Open the store named by --db (or the user's default) with the standard backup folder.

    Commands that only read or act on existing records pass `must_exist`, so a mistyped path
    is refused instead of creating an empty database.
    """
    from qcdesk.models.store import Store

    path = db_path_for(args, paths, must_exist=must_exist)
    new = not path.exists()
    store = Store.open(path, author=author, backup_dir=path.parent / "backups")
    if new:  # a mistyped --db made a database of its own, and the command "succeeded" in it
        typed = "；如路径写错了，请删除它后用正确的 --db 再运行" if getattr(args, "db", None) else ""
        print(f"注意：{path} 原来不存在，已新建数据库{typed} (a new database was created)",
              file=sys.stderr)
    return store


def db_path_for(args: argparse.Namespace, paths: AppPaths, must_exist: bool = False) -> Path:
    """The database file named by --db (or the user's default), refused if it must exist."""
    path = Path(getattr(args, "db", None) or paths.database)
    if path.is_dir():  # neither opened nor created: "create it with trust add" would fail too
        raise CommandError(
            f"数据库路径 {path} 是文件夹，不是数据库文件；请给出数据库文件的路径（如 "
            f"{path / paths.database.name}） (a folder, not a database file: give the file's path)")
    if path.is_file():  # a spreadsheet or an empty file is refused by every command, as the GUI does
        from qcdesk.models.open_checks import check_kind

        check_kind(path, tool=True)
    if must_exist and not path.is_file():  # say how to get one, not only that it is missing
        raise CommandError(
            f"数据库文件不存在：{path}。请检查路径是否写对；要新建数据库，可在 QCDesk 中打开它"
            f"（qcdesk --db {path}），或在加入第一个信任的公钥时创建（qcdesk trust add 公钥文件.pub "
            f"--db {path} --yes） (database file not found: check the path, or create it by opening "
            f"it in QCDesk or with trust add … --yes)")
    if must_exist and path.stat().st_size == 0:  # SQLite would take it for a new database
        raise CommandError(f"数据库文件是空的（0 字节），不是 QCDesk 数据库：{path} (empty file)")
    _warn_shared_storage(path, paths)
    return path


_WARNED: set[str] = set()  # databases already warned about in this command (paths are looked up twice)


def _warn_shared_storage(path: Path, paths: AppPaths) -> None:
    """A database on a network drive or in a sync folder is still used, but said once per
    command on stderr: it can be damaged there (models/storage_place.py)."""
    from qcdesk.models.storage_place import shared_storage

    found = shared_storage(path)
    if found is not None and found.path not in _WARNED:
        _WARNED.add(found.path)
        print(f"警告：{found.text('zh', paths.data_dir)}", file=sys.stderr)


def check_output_file(path: Path, *, suffix: str | None = None, folder_must_exist: bool = False) -> None:
    """Refuse, before any work is done, an output file that cannot be written: a folder given
    instead of a file name, or a read-only or missing-permission folder. A writer that does
    not create folders passes `folder_must_exist`; one that writes one file type (an .xlsx
    workbook) passes its `suffix`, so that r.csv is not silently a workbook named .csv."""
    if path.is_dir():
        raise CommandError(f"无法写入：{path} 是文件夹，请给出要写入的文件名 (a folder, not a file name)")
    if suffix is not None and path.suffix.lower() != suffix:
        raise CommandError(f"文件名应以 {suffix} 结尾：{path}（将写入 {suffix} 文件），如 "
                           f"{path.with_suffix(suffix).name} (the file name must end in {suffix})")
    if folder_must_exist and not path.parent.is_dir():
        what = "不是文件夹" if path.parent.exists() else "不存在"
        raise CommandError(f"无法写入 {path}：文件夹 {path.parent} {what}，请先建好文件夹或换一个路径 "
                           f"(folder {'is not a folder' if path.parent.exists() else 'does not exist'})")
    check_output_folder(path.parent)


def check_output_folder(folder: Path) -> None:
    """The folder (created later if missing) must be a folder, writable, on a writable disk."""
    from qcdesk.models.free_space import existing as nearest

    existing = nearest(folder)
    if not existing.is_dir():
        raise CommandError(f"无法写入：{existing} 是文件，不是文件夹 (not a folder)")
    read_only = hasattr(os, "statvfs") and bool(os.statvfs(existing).f_flag & os.ST_RDONLY)
    if read_only or not os.access(existing, os.W_OK | os.X_OK):
        raise CommandError(f"无法写入文件夹 {existing}（只读或没有权限），请换一个文件夹 "
                           f"(folder is not writable)")


def command_date(text: str, option: str) -> date:
    """A date option's value, spelt as any GUI date field takes it (2026-11-30, 2026/11/30,
    2026.11.30, 20261130, 2026年11月30日, full-width digits: models/date_words.py).

    `date.fromisoformat` also takes 2026-W48-1 and 2026-334, which no message offers and a
    reader of the command line would not recognise as a date; each is refused in words."""
    from qcdesk.models.codes import half_width
    from qcdesk.models.date_words import day_parts, read_day

    day = read_day(text)
    if day is not None:
        return day
    if day_parts(text) is None:
        raise CommandError(f"{option} 日期格式不正确：{text.strip()}（应为 YYYY-MM-DD，如 2026-11-30；"
                           "也可写 2026/11/30、2026.11.30、20261130、2026年11月30日） "
                           "(date must be YYYY-MM-DD)")
    value = half_width(text).strip()
    raise CommandError(f"日期 {value} 不存在，请按 YYYY-MM-DD 填写 (no such date: {value})")


def jurisdiction_code(text: str) -> str:
    """A known jurisdiction's GB/T 2260 code, internal code or name (赤壁市 → 421281).

    A typo pinned on a trusted key or signed into a package would only show up later as a
    refused package at the receiving office, so anything else — also a well-formed six-digit
    code that is not one of ours (999999) — is refused here, naming what is accepted. A name
    that fits several (咸宁: 咸宁市 or 咸宁高新区) is refused as ambiguous, naming them, as the
    roster import words it (roster.county_ambiguous).
    """
    from qcdesk.models.jurisdictions import JURISDICTIONS, jurisdiction_matches

    text = text.strip()
    found = jurisdiction_matches(text)
    if len(found) == 1:
        return found[0].code
    accepted = "、".join(f"{j.code} {j.name}" for j in JURISDICTIONS)
    if found:
        names = "、".join(j.name for j in found)
        raise CommandError(f"“{text}”可以指 {names}，无法确定是哪一个；请写全称（如 咸宁市 表示市本级）"
                           f"或代码：{accepted} (ambiguous jurisdiction)")
    raise CommandError(f"未知的行政区划“{text}”，可用的代码：{accepted}（也可写名称，如 嘉鱼县） "
                       f"(unknown jurisdiction)")
