"""`qcdesk export` (signed periodic package) and `qcdesk import` (verify + exact merge)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qcdesk.paths import AppPaths

if TYPE_CHECKING:
    from qcdesk.exchange.after_commit import ImportedButFailed


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcdesk.cli import DB_HELP

    exp = subparsers.add_parser(
        "export", help="导出签名数据包（上次导出以来的变更） (write a signed package of what changed)")
    exp.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    exp.add_argument("--key", type=Path, required=True, help="私钥文件（.key） (secret key file)")
    exp.add_argument("--out", type=Path, required=True, help="保存数据包的文件夹 (folder for the package)")
    exp.add_argument("--full", action="store_true",
                     help="全部数据（不只是上次导出以来的变更） (everything, not only the changes)")
    exp.add_argument("--attachments", action="store_true", help="包含照片文件 (include photo files)")
    exp.add_argument("--passphrase-file", type=Path, help="从文件读取口令 (read the passphrase from a file)")
    # Signer, area and role default to what the key was made for (its description beside the
    # .pub, written by keygen or 设置 ▸ 签名密钥): the one place receivers' trust lists hold them.
    exp.add_argument("--name", help="签名人姓名（默认：生成密钥时登记的姓名） (signer's name)")
    exp.add_argument("--jurisdiction",
                     help="辖区代码或名称（默认：生成密钥时登记的辖区） (jurisdiction code or name)")
    exp.add_argument("--role", choices=("inspector", "county", "city"),
                     help="签名人角色：inspector 检查员 / county 县级局 / city 市级局（仅 421200）"
                          "（默认：生成密钥时登记的角色，否则 inspector） (signer role)")
    exp.set_defaults(handler=run_export)

    imp = subparsers.add_parser(
        "import", help="导入签名数据包：先完整核验，再合并 (verify a package and merge it)")
    imp.add_argument("package", type=Path, help="数据包文件（.zip） (package file)")
    imp.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    imp.add_argument("--dry-run", action="store_true",
                     help="只核验并报告，不改动数据库 (report only; change nothing)")
    imp.add_argument("--json", action="store_true", help="以 JSON 格式输出结果 (print the result as JSON)")
    imp.add_argument("--reconcile", type=Path,
                     help="保存导入对账表（.xlsx：导入结果与冲突） (save a reconciliation workbook)")
    imp.set_defaults(handler=run_import)


def _fail(text: str) -> Exception:
    from qcdesk.cli import CommandError

    return CommandError(text)


def run_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import (
        check_output_folder,
        db_path_for,
        jurisdiction_code,
        open_store_for,
        os_error_reason,
    )
    from qcdesk.exchange.export import ExportCancelled, VisitTally, export_package, photo_finder
    from qcdesk.exchange.full_repeat import full_repeated, repeated_text
    from qcdesk.exchange.key_files import mismatch_with_key, read_key_description, role_mismatch_with_key
    from qcdesk.exchange.minisign import MinisignError
    from qcdesk.exchange.passphrase import unlock_secret_key

    if not args.out.is_dir():  # a file there is not "missing": say which it is
        raise _fail(f"--out 应为文件夹，{args.out} 是文件；请给出保存数据包的文件夹" if args.out.exists()
                    else f"输出文件夹不存在：{args.out}；请先建好文件夹或换一个")
    check_output_folder(args.out)
    db_path_for(args, paths, must_exist=True)  # a mistyped --db is refused, not created empty
    if args.jurisdiction:
        args.jurisdiction = jurisdiction_code(args.jurisdiction)
    try:
        key = unlock_secret_key(args.key, passphrase_file=args.passphrase_file)
    except MinisignError as exc:
        raise _fail(exc.text()) from exc
    store = open_store_for(args, paths, must_exist=True)
    try:
        # What the key was made for (its description beside the key files); no database setting.
        described = read_key_description(args.key.with_suffix(".pub"), key.key_id)
        name = (args.name or described.get("name") or "").strip()
        jurisdiction = args.jurisdiction or described.get("jurisdiction") or ""
        role = args.role or described.get("role") or "inspector"
        if not name or not jurisdiction:
            raise _fail("签名密钥没有登记签名人和辖区：请用 --name 和 --jurisdiction 指明签名人和辖区代码")
        from qcdesk.exchange.trust import role_refusal

        if role_refusal(role, jurisdiction):  # the receiver would refuse it
            raise _fail(f"未导出：{role_refusal(role, jurisdiction)}")
        from qcdesk.exchange.package_rules import signer_name_refusal

        if signer_name_refusal(name):  # a key made before keygen refused such names
            raise _fail(f"未导出：{signer_name_refusal(name)}（在命令行用 --name 给出）")
        mismatch = (mismatch_with_key(args.key, key.key_id, jurisdiction)
                    or role_mismatch_with_key(args.key, key.key_id, role))
        if mismatch:  # refused at the receiver, and its records would already count as sent
            raise _fail(f"未导出：{mismatch}")
        photos = photo_finder(paths.photos_dir) if args.attachments else None
        repeated = full_repeated(store, key.key_id) if args.full else None
        try:
            tally = VisitTally()
            path = export_package(store, args.out, key, signer_name=name,
                                  jurisdiction=jurisdiction, role=role, full=args.full,
                                  photo_files=photos, tally=tally, key_path=args.key)
            from qcdesk.models.drafts import sent_drafts_note

            drafts_note = sent_drafts_note(store, paths.data_dir, path.name)  # typing a crash left
        except ExportCancelled as exc:
            raise _fail("导出已取消，未生成文件") from exc
        except FileExistsError as exc:  # e.g. sequence 1 again after restoring an old backup
            raise _fail(f"数据包文件已存在，未覆盖：{exc.filename or exc}；"
                        "请换一个输出文件夹或先移走该文件 (package file exists)") from exc
        except OSError as exc:
            raise _fail(f"无法在 {args.out} 写入数据包：{os_error_reason(exc)}") from exc
        except ValueError as exc:
            raise _fail(f"无法导出：{exc}") from exc
    finally:
        store.close()
    print(path)
    if tally.clock_text():  # the clock went back past the last package: its dates are off
        print(tally.clock_text(), file=sys.stderr)
    for unfinished in tally.interrupted:  # an earlier export's package: finished here, or waiting
        print(unfinished.text(), file=sys.stderr)
    if tally.catch_up:  # a restored (or copied) database: the package took all records
        from qcdesk.exchange.sequence_record import catch_up_text

        print(catch_up_text(tally.catch_up), file=sys.stderr)
    print(tally.text(), file=sys.stderr)  # stdout stays the package path alone, for scripts
    # written all the same (scripts may rely on a periodic package), but never silently empty
    print(tally.records_text(), file=sys.stderr)
    if tally.photos_text():  # files carried, and those left for the next package
        print(tally.photos_text(), file=sys.stderr)
    if drafts_note:  # visits sent while a draft of them waited: it did not go out
        print(drafts_note, file=sys.stderr)
    if repeated is not None:  # thrown away as a copy, its number would be missing at the receiver
        print(f"{repeated_text(repeated)} (this full package repeats No. {repeated}: send it; thrown "
              f"away, the receiver shows No. {repeated + 1} missing)", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import check_output_file, open_store_for, os_error_reason
    from qcdesk.cli_exchange import refuse_missing_package
    from qcdesk.exchange.after_commit import ImportedButFailed
    from qcdesk.exchange.importer import import_package
    from qcdesk.exchange.package_rules import PackageRejected
    from qcdesk.exchange.workbook import SheetFormatError
    from qcdesk.models.store import StoreError

    refuse_missing_package(args.package)
    if args.reconcile:
        # refused before anything is merged: the workbook is written after the merge commits
        check_output_file(args.reconcile, suffix=".xlsx", folder_must_exist=True)
    # a new, empty database has no trusted keys: it could only refuse the package
    store = open_store_for(args, paths, must_exist=True)
    late: ImportedButFailed | None = None  # the records are in, a step after the commit failed
    saved: Path | None = None  # the reconciliation workbook, once written
    try:
        try:
            result = import_package(store, args.package, dry_run=args.dry_run,
                                    photos_dir=paths.photos_dir)
        except KeyboardInterrupt:
            if not args.dry_run and _imported_all_the_same(store, args.package):
                if args.json:  # a script tells imported from refused, as after any exit 2
                    _print_json({"dry_run": False, "imported": True, "interrupted": True})
                raise _fail(f"Ctrl-C 来得太晚：数据包 {args.package.name} 已经导入，未能取消；如有照片"
                            "未放好，再次导入同一数据包即可补上，不会重复导入记录 (too late to "
                            "cancel: the package had been imported)") from None
            raise
        except PackageRejected as exc:
            if args.json:  # a script reads why, as a clerk reads the line on stderr
                _print_json(refused_json(exc, dry_run=args.dry_run))
            raise _fail(refusal_text(exc)) from exc
        except SheetFormatError as exc:
            if args.json:
                _print_json({"dry_run": args.dry_run, "refused": "sheet_format", "reason": str(exc)})
            raise _fail(f"拒绝导入：数据表格式错误：{exc}") from exc
        except ImportedButFailed as exc:  # the records are in: reported as imported (counts,
            result, late = exc.result, exc  # --json, --reconcile), then the failure, exit 2
        except (OSError, sqlite3.OperationalError, StoreError):
            raise  # a full disk, a locked database …: cli._run says which, in its own words
        except Exception as exc:  # a fault of the program: the merge's transaction rolled back
            raise _fail(import_fault_text(args.package, exc)) from exc
        if not args.dry_run:  # the new names in pinyin order before the app next lists them
            from qcdesk.models.name_order import refresh_name_keys_if_free

            refresh_name_keys_if_free(store)
        if args.reconcile:
            from qcdesk.exchange.reconcile import write_reconciliation

            try:
                write_reconciliation(store, args.reconcile, result, args.package)  # named as is
                saved = args.reconcile
            except OSError as exc:
                done = "数据库未改动，" if args.dry_run else "数据包已导入，但"
                reason = f"无法写入对账表 {args.reconcile}：{os_error_reason(exc)}"
                if late is None:
                    raise _fail(f"{done}{reason}") from exc
                late.also = reason  # one line: the photos first
    finally:
        store.close()
    _print_imported(args, result, store, late, saved)
    if late is not None:
        raise _fail(imported_but_text(late, args.package, paths.photos_dir))
    return 0


def _imported_all_the_same(store: Any, package: Path) -> bool:
    """Whether the merge committed before a Ctrl-C (then stopped in a step after it): the
    package is on record as imported. Said as such; 已取消 would be untrue."""
    from qcdesk.exchange.package_build import file_sha256
    from qcdesk.models.exchange_store import package_imported

    try:
        return package_imported(store, file_sha256(package))
    except (OSError, sqlite3.Error):
        return False


def _print_imported(args: argparse.Namespace, result: Any, store: Any,
                    late: ImportedButFailed | None, saved: Path | None) -> None:
    """What `qcdesk import` prints on stdout once the merge committed (or, a dry run, was
    checked): JSON, or the counts, warnings, conflicts, the workbook `saved` and the way back.
    Also when a step after the commit failed: the records are in, so a script's --json and the
    inspector's counts are there as on success; the failure's one line follows on stderr."""
    if args.json:
        out = result.to_json()
        out["failed_after_import"] = late.to_json() if late is not None else None
        _print_json(out)
        return
    from qcdesk.cli_exchange import signer_text

    head = "（试运行，未写入）" if args.dry_run else ""
    who = signer_text(result.signer_name, result.trusted_name, result.signer_jurisdiction,
                      result.signer_role, result.signer, result.signer_fingerprint)
    print(f"已导入{head}：{args.package.name} {who}序号 {result.sequence}")
    scope = scope_line(result)
    if scope:
        print(f"  {scope}")
    for kind, c in result.to_json()["counts"].items():
        print(f"  {_kind_label(kind)}：新增 {c['new']}，更新 {c['updated']}，未变 {c['unchanged']}，"
              f"冲突 {c['conflicting']}")
    from qcdesk.exchange.warning_groups import Rest, cli_rest_text, grouped

    for w in grouped(result.warnings):  # a kind with many: its first ones, then a count
        print(f"  注意：{cli_rest_text(w, str(saved or '')) if isinstance(w, Rest) else w}")
    if result.conflicts:
        print(f"  {conflicts_text(len(result.conflicts), dry_run=args.dry_run)}")
    if saved is not None:
        print(f"  对账表已保存：{saved}")
    from qcdesk.models.snapshots import undo_line  # a wrong package (another county's, a test

    undo = undo_line(result.backup, Path(store.path) if store.path else None)  # database) undone
    if undo:
        print(undo)
    from qcdesk.models.import_copies import also_undone_text  # the day's run's copy: what else

    if also := also_undone_text(result.backup):
        print(also)


def refusal_text(exc: object) -> str:
    """The one line of a refused import. A package imported before whose photos were put back,
    or (a dry run) are missing here, is no refusal: the line says so and, on a dry run, what to
    run to bring them back (exit code 2 all the same: nothing was imported)."""
    reason, code = getattr(exc, "reason_zh", str(exc)), getattr(exc, "code", "")
    if getattr(exc, "photos_completed", 0):  # not refused: it put the photos back
        return reason
    n = getattr(exc, "photos_missing_here", 0)
    if n:
        return (f"试运行，数据库和照片文件夹都未改动：{reason}（去掉 --dry-run 再运行一次） "
                f"({n} photo file(s) of this package missing here: import it again without "
                "--dry-run to put them back)")
    return f"拒绝导入：{reason}{_refusal_advice(code)}"


def imported_but_text(exc: ImportedButFailed, package: Path, photos_dir: Path) -> str:
    """The one line of an import that committed and then failed a step (`after_commit`): the
    records are in, what failed, and what to do. Why: the bare file error read as a failed import,
    and a program fault's line said 数据库未改动, so the inspector thought the records missing."""
    from qcdesk.cli import os_error_reason

    cause = exc.cause
    reason = (os_error_reason(cause, writing=True) if isinstance(cause, OSError)
              else f"{type(cause).__name__}: {cause}")
    head = f"数据包 {package.name} 已导入，其 {exc.records} 条记录都已在数据库中"
    also = f"；另外{exc.also}" if exc.also else ""  # the reconciliation workbook, asked for
    also_en = "; the reconciliation workbook could not be written either" if exc.also else ""
    if exc.stage != "photos":
        return (f"{head}；但随后无法记下导入前备份的说明：{reason}。没有缺少任何内容，下次导入会另做备份"
                f"{also} (imported: its {exc.records} record(s) are in the database; only the "
                f"note of the copy taken before it could not be written: the next import takes "
                f"its own{also_en})")
    n = exc.photos_missing
    return (f"{head}；但随后有{f' {n} 张' if n else ''}照片未能放入照片文件夹 {photos_dir}：{reason}。"
            "请腾出该磁盘的空间或确认该文件夹可以写入，再运行一次同一条 qcdesk import 命令："
            f"记录不会重复导入，只补齐缺少的照片{also} "
            f"(imported: its {exc.records} record(s) are in the database, but {n or 'some'} photo "
            "file(s) could not be put into the photo folder; free space or check the folder, then "
            f"run the same import again to put them back{also_en})")


def refused_json(exc: Any, *, dry_run: bool) -> dict:
    """`--json` of a refused package: its stable code and the reason (a script read nothing on
    stdout but for a package imported before). For that one also how many of its photo files
    are missing here (a dry run; null when not counted) and how many were put back."""
    out = {"dry_run": dry_run, "refused": exc.code, "reason": getattr(exc, "reason_zh", str(exc))}
    if exc.code == "already_imported":
        out["photo_files_missing_here"] = getattr(exc, "photos_missing_here", None)
        out["photo_files_put_back"] = getattr(exc, "photos_completed", 0)
    return out


def _print_json(data: dict) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _refusal_advice(code: str) -> str:
    """What the sender must do after a refusal for the signer's identity or for a number already
    taken (two computers, an old backup): a full package, since the refused records count as
    sent at their end (one line, like the reason before it)."""
    from qcdesk.models.messages import message
    from qcdesk.models.messages_advice import REFUSAL_ADVICE

    if code not in REFUSAL_ADVICE:
        return ""
    return f"。数据库未改动。{message(REFUSAL_ADVICE[code])}"


def import_fault_text(package: Path, exc: Exception) -> str:
    """One line for an import that failed on a fault of the program rather than a refusal:
    nothing was written (one transaction; the kept copy is removed again), and the same file
    can be imported once the program is fixed; the technical words go last, for the report."""
    return (f"导入失败，数据库未改动：程序在导入 {package.name} 时出错，没有导入任何内容。"
            "请保留此数据包，把这一行报告给系统维护人员，修复后再导入同一个文件 "
            f"(import failed, database unchanged: "
            f"{type(exc).__name__}: {exc})")


def scope_line(result: object) -> str:
    """``范围 全部记录（截至 2026-11-30） 记录 企业 12 家、检查记录 30 条``: what the package
    covers and holds, in the words `qcdesk verify` uses, as the GUI's import dialog shows it
    beside the signer; the header line names the signer and jurisdiction. Rows per kind are
    counted from the merge (new + updated + unchanged + conflicting = the package's rows)."""
    from qcdesk.cli_exchange import period_text, record_count_words

    counts = {kind: sum(c.values()) for kind, c in getattr(result, "counts", {}).items()}
    words = record_count_words(counts)
    return (period_text(getattr(result, "scope", {})) + (f"记录 {words}" if words else "")).strip()


def conflicts_text(n: int, *, dry_run: bool) -> str:
    """Where the conflicts are resolved, in the menu's own words (shell_zh_CN.ts), with a short
    English gloss in brackets, as the CLI's lines carry one (README, Using it): the English
    menu's words for a clerk who runs the app in English. A dry run made none yet."""
    menu = "在程序菜单“记录 > 处理合并冲突…”中处理"
    plural = "conflict" if n == 1 else "conflicts"
    if dry_run:
        return (f"导入后将产生 {n} 条冲突（导入后{menu}） "
                f"({n} {plural} after import: menu Record > Resolve merge conflicts…)")
    return f"有 {n} 条冲突待处理：{menu} ({n} {plural} to resolve: menu Record > Resolve merge conflicts…)"


def _kind_label(kind: str) -> str:
    """A record kind as its sheet in the package is named (企业, 检查记录, 示范区项目 …)."""
    from qcdesk.exchange.workbook import SPEC_BY_TABLE

    spec = SPEC_BY_TABLE.get(kind)
    return spec.sheet if spec is not None else kind
