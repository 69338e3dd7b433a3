"""Core sub-commands: `qcdesk demo` (build demo data) and `qcdesk roster template|import`
(enterprise lists, or with `--kind inspectors` the inspector register)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from qcdesk.cli import DB_HELP, CommandError, check_output_file, command_date, os_error_reason
from qcdesk.paths import AppPaths

# `roster template|import --kind inspectors`: the 执法人员名录 (qcdesk.models.inspector_roster)
# `--kind checks`: the 抽查台账 of past spot checks (qcdesk.models.check_ledger)
# `--kind orders`: the 整改台账 of open rectification orders (qcdesk.models.order_ledger)
KIND_ARGS: dict = {"choices": ("enterprises", "inspectors", "checks", "orders"), "default": "enterprises",
                   "help": "名录种类：enterprises 企业名录（默认）、inspectors 执法人员名录、"
                           "checks 抽查台账、orders 整改台账 (which list)"}
KIND_WORDS = {"enterprises": "企业名录", "inspectors": "执法人员名录", "checks": "抽查台账",
              "orders": "整改台账"}


def _list_module(kind: str):
    """The core module of a list kind: both offer plan/apply/summary_line/write_report/write_template."""
    if kind == "inspectors":
        from qcdesk.models import inspector_roster

        return inspector_roster
    if kind == "checks":
        from qcdesk.models import check_ledger

        return check_ledger
    if kind == "orders":
        from qcdesk.models import order_ledger

        return order_ledger
    from qcdesk.models import roster

    return roster


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="生成演示数据库（咸宁的真实风格数据） (build a demo database with realistic Xianning data)")
    # SUPPRESS keeps a top-level `qcdesk --db X demo` working as well as `qcdesk demo --db X`.
    demo.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                      help="要生成的数据库文件（默认：qcdesk --demo 打开的演示数据库） "
                           "(database file to create)")
    demo.add_argument("--seed", type=int, default=1,
                      help="随机种子，相同种子生成相同数据（默认 %(default)s） (random seed)")
    demo.add_argument("--enterprises", type=int, default=600,
                      help="企业数量（默认 %(default)s） (number of enterprises)")
    demo.add_argument("--visits", type=int, default=5000,
                      help="检查记录数量（默认 %(default)s） (number of visits)")
    demo.add_argument("--today", default=None,
                      help="固定“今天”的日期 YYYY-MM-DD，便于重现数据 (fixed 'today' for reproducible data)")
    demo.add_argument("--replace", action="store_true",
                      help="覆盖已有的数据库文件（先自动备份） (overwrite an existing database file)")
    demo.set_defaults(handler=run_demo)

    roster = subparsers.add_parser(
        "roster",
        help="企业名录、执法人员名录、抽查台账、整改台账电子表格：模板与导入 "
             "(enterprise and inspector lists, spot-check and rectification ledgers as spreadsheets)")
    actions = roster.add_subparsers(dest="roster_command", required=True)
    template = actions.add_parser(
        "template",
        help="生成空白名录模板：企业或执法人员（--kind） (write a blank enterprise or inspector list)")
    template.add_argument("--out", type=Path, required=True, help="要保存的模板文件（.xlsx） (file to write)")
    template.add_argument("--kind", **KIND_ARGS)
    template.add_argument("--force", action="store_true",
                          help="覆盖已有的同名文件（它可能是已填好的名录） (replace an existing file)")
    template.set_defaults(handler=run_roster_template)
    imp = actions.add_parser(
        "import", help="导入企业名录、执法人员名录、抽查台账或整改台账（--kind；xlsx、xls、et、ods、csv） "
                       "(import an enterprise or inspector list, or a spot-check or rectification ledger)")
    imp.add_argument("file", type=Path, help="企业名录、执法人员名录、抽查台账或整改台账文件，与 --kind 一致 "
                                             "(the list or ledger file, as --kind says)")
    imp.add_argument("--kind", **KIND_ARGS)
    imp.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    imp.add_argument("--dry-run", action="store_true",
                     help="只检查并报告，不做任何改动 (check and report, change nothing)")
    imp.add_argument("--report", type=Path,
                     help="将逐行处理结果保存为电子表格 (write the row-by-row outcome as a spreadsheet)")
    imp.add_argument("--jurisdiction", metavar="CODE",
                     help="企业名录中未填写所属县市区的企业按此县市区导入，如 421222 或 通城县 "
                          "(county of the enterprises that give none)")
    imp.add_argument("--firms-only", action="store_true",
                     help="文件像抽查台账或整改台账时，仍只导入其中的企业 "
                          "(import only the firms of a spot-check or rectification ledger)")
    imp.set_defaults(handler=run_roster_import)


def _demo_day(text: str | None) -> date | None:
    """--today as a date, YYYY-MM-DD only; a wrong one is refused in words (argparse said
    'invalid fromisoformat value', and fromisoformat took 20261130)."""
    return None if text is None else command_date(text, "--today")


def run_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    target = Path(getattr(args, "db", None) or paths.demo_database)
    if target.is_dir():  # first: --replace, which the next refusal offers, cannot help a folder
        check_output_file(target)
    if target.exists() and target.stat().st_size > 0 and not args.replace:
        raise CommandError(f"{target} 已存在，未覆盖；如确需重建演示数据请加 --replace "
                           f"({target} exists; add --replace to overwrite)")
    if args.enterprises < 1 or args.visits < 0:
        raise CommandError("企业数应 ≥ 1，检查记录数应 ≥ 0 (--enterprises ≥ 1, --visits ≥ 0)")
    if args.enterprises > DEMO_MOST[0] or args.visits > DEMO_MOST[1]:  # 10^11 visits: out of memory
        raise CommandError(f"演示数据至多 {DEMO_MOST[0]:,} 家企业、{DEMO_MOST[1]:,} 条检查记录，请改小后重试 "
                           f"(--enterprises ≤ {DEMO_MOST[0]}, --visits ≤ {DEMO_MOST[1]})")
    args.today = _demo_day(args.today)
    if args.today is not None and not 2000 <= args.today.year <= 2999:
        # the demo spreads visits over the years before 'today'; year 1 has no years before it
        raise CommandError(f"--today 应在 2000 年到 2999 年之间：{args.today} (--today out of range)")
    check_output_file(target)
    lock = None
    try:
        if target.exists() and target.stat().st_size > 0:  # --replace: never under an open window
            from qcdesk.models.instance_lock import InstanceLock

            lock = InstanceLock(target).acquire()  # a QCDesk window on it: StoreError, one line
            _refuse_if_writing(target)
            kept = _keep_before_demo(target)  # and never without a copy
            print(f"原数据库已备份到 {kept}（可用 restore 恢复）", file=sys.stderr)
        _build(args, target)
    finally:
        if lock is not None:
            lock.release()
    print(f"演示数据已生成：{target}（企业 {args.enterprises} 家，检查记录 {args.visits} 条）")
    return 0


def _build(args: argparse.Namespace, target: Path) -> None:
    from qcdesk.models.demo import build_demo

    last = [-1]

    def progress(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if sys.stderr.isatty() and percent != last[0]:
            last[0] = percent
            print(f"\r{percent:3d}%", end="", file=sys.stderr, flush=True)

    build_demo(target, seed=args.seed, enterprises=args.enterprises, visits=args.visits,
               progress=progress, today=args.today)
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)


def _refuse_if_writing(db: Path) -> None:
    """Another program in the middle of a write would lose it when the file is replaced."""
    from qcdesk.models.store import writer_active

    if writer_active(db, timeout=2.0):
        raise CommandError(f"数据库 {db} 正被其他程序占用，未覆盖。请关闭后重试 (in use)")


def _keep_before_demo(target: Path) -> Path:
    """A copy of what `demo --replace` is about to overwrite, in the backups folder beside it:
    it may be somebody's real database given by mistake."""
    import shutil

    from qcdesk.models.backup import backup_file, backup_name
    from qcdesk.models.store import StoreError

    folder = target.parent / "backups"
    out = folder / backup_name(target, "before-demo", folder)
    try:
        return backup_file(target, out)
    except StoreError:  # not a database QCDesk can read: keep its bytes as they are
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, out)
        except OSError as exc:
            raise CommandError(f"无法备份 {target}，未覆盖：{os_error_reason(exc)}") from exc
        return out


DEMO_MOST = (200_000, 5_000_000)  # a city has some 10,000 firms; the bench uses 1,000,000 visits


def run_roster_template(args: argparse.Namespace, paths: AppPaths) -> int:
    write_template = _list_module(args.kind).write_template
    check_output_file(args.out)
    if args.out.suffix.lower() != ".xlsx":  # the template is a workbook, whatever its name says
        example = args.out.with_suffix(".xlsx").name
        raise CommandError(f"模板是 Excel 工作簿，--out 的文件名须以 .xlsx 结尾（如 {example}）")
    if args.out.exists() and not args.force:  # perhaps a list already filled in: never lost unasked
        raise CommandError(f"文件已存在，可能是已填写的名录，未覆盖：{args.out}；请换一个文件名，"
                           f"确需覆盖请加 --force (file exists)")
    try:
        write_template(args.out)
    except OSError as exc:  # e.g. the disk is full
        raise CommandError(f"无法写入模板 {args.out}：{os_error_reason(exc)}") from exc
    print(f"已生成{KIND_WORDS[args.kind]}模板：{args.out}")
    return 0


def run_roster_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import db_path_for, open_store_for
    from qcdesk.models.check_ledger_rows import for_cli
    from qcdesk.models.roster import RosterFileError
    from qcdesk.models.snapshots import undo_line

    core = _list_module(args.kind)
    if args.kind == "inspectors":
        plan_import, apply_plan = core.plan_inspector_import, core.apply_inspector_plan
    elif args.kind == "checks":
        plan_import, apply_plan = core.plan_check_import, core.apply_check_plan
    elif args.kind == "orders":
        plan_import, apply_plan = core.plan_order_import, core.apply_order_plan
    else:
        plan_import, apply_plan = core.plan_roster_import, core.apply_roster_plan
    summary_line, write_report = core.summary_line, core.write_report
    plan_import = _with_county(args, plan_import)

    if not args.file.exists():
        raise CommandError(f"找不到文件 {args.file} (file not found)")
    if args.file.is_dir():
        raise CommandError(f"{args.file} 是文件夹，请给出{KIND_WORDS[args.kind]}文件 (a folder, not a file)")
    if args.report:
        check_output_file(args.report, suffix=".xlsx", folder_must_exist=True)  # before anything is imported
    db = db_path_for(args, paths)
    # a database that does not exist yet is created only to write rows into: a dry run, a list
    # refused, or one with nothing to add leaves no empty database at a mistyped --db path
    scratch = _ScratchStore() if not db.exists() else None
    store = scratch.store if scratch else open_store_for(args, paths, author="roster-import")
    try:
        try:
            plan = plan_import(store, args.file)
        except RosterFileError as exc:
            raise CommandError(str(exc)) from exc
        if getattr(plan, "other_kind", "") in ("checks", "orders") and not (args.dry_run or args.firms_only):
            raise CommandError(plan.notes[0].text() + "。数据库未改动；如只需导入其中的企业，"
                               "请加 --firms-only")
        repeated = getattr(core, "IN_SUMMARY", ())  # said once, in the summary line
        notes = [note for note in getattr(plan, "notes", ()) if note.rule not in repeated]
        for line in (*notes, *plan.issues):  # the command, not the menu, named
            print(for_cli(line.text()), file=sys.stdout)
        _print_updates(plan, getattr(core, "FIELD_LABELS", None))
        result = None
        if not args.dry_run:
            if scratch is not None and any(item.action != "unchanged" for item in plan.rows):
                store.close()
                store = open_store_for(args, paths, author="roster-import")
            result = apply_plan(store, plan)
        if args.report:
            try:
                write_report(args.report, plan, result)
            except OSError as exc:
                done = "数据库未改动，" if result is None else "名录已导入，但"
                raise CommandError(f"{done}无法写入结果表 {args.report}：{os_error_reason(exc)}"
                                   ) from exc
        print(summary_line(plan, result, dry_run=args.dry_run))
        undo = undo_line(result.backup if result else None, getattr(args, "db", None))
        if undo:
            print(undo)
    finally:
        store.close()
        if scratch is not None:
            scratch.remove()
    return 0


def _with_county(args: argparse.Namespace, plan_import):
    """The enterprise list's planner with --jurisdiction's code for rows without a county."""
    if not getattr(args, "jurisdiction", None):
        return plan_import
    if args.kind != "enterprises":
        raise CommandError("--jurisdiction 只用于企业名录（--kind enterprises） (enterprise lists only)")
    from qcdesk.cli import jurisdiction_code

    code = jurisdiction_code(args.jurisdiction)
    return lambda store, path, progress=None: plan_import(store, path, progress, jurisdiction=code)


def _print_updates(plan, labels: dict[str, str] | None) -> None:
    """Each row that changes a stored record, and how: a list that renames a firm (a code typed
    wrong) must not pass as a bare count."""
    if labels is None:
        from qcdesk.models.roster_sheets import FIELD_LABELS

        labels = FIELD_LABELS
    for item in plan.rows:
        if item.action != "update" or not getattr(item, "changes", None):
            continue
        sheet = getattr(item, "sheet", "")
        key, name = plan.identity(item.row, sheet)
        where = f"工作表“{sheet}”第{item.row}行" if sheet else f"第{item.row}行"
        changes = "；".join(f"{labels.get(k, k)}：{old or '（空）'} → {new}"
                           for k, (old, new) in item.changes.items())
        print(f"{where}：将更新 {name}（{key}）：{changes}")


class _ScratchStore:
    """An empty database in a temporary folder, to check a list against when --db names a file
    that does not exist yet; removed afterwards."""

    def __init__(self) -> None:
        import tempfile

        from qcdesk.models.store import Store

        self.folder = tempfile.TemporaryDirectory(prefix="qcdesk-roster-")
        self.store = Store.open(Path(self.folder.name) / "check.db", author="roster-import")

    def remove(self) -> None:
        """The folder and the database in it (closed by then)."""
        self.folder.cleanup()
