"""`qcdesk draw …`, `qcdesk draw verify …`, `qcdesk warnings …`, `qcdesk risk …`: supervision intelligence."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qcdesk.models import local_day
from qcdesk.paths import AppPaths


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcdesk.cli import DB_HELP

    draw = subparsers.add_parser(
        "draw", help="双随机抽取：检查对象与执法人员 (random draw of enterprises and inspectors)")
    draw.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    draw.add_argument("--seed", help="随机种子，抽取前公开；全角改半角、连续空白并为一个空格后使用 "
                                      "(random seed, announced before the draw; half-width, single spaces)")
    draw.add_argument("--jurisdiction",
                      help="抽取范围的辖区：代码或名称 (jurisdiction of the pool)")
    draw.add_argument("--industry", help="抽取范围的行业 (industry of the pool)")
    draw.add_argument("--product",
                      help="拟抽查产品（同一产品六个月内抽查过的企业不参加） (product to be checked)")
    draw.add_argument("--operator", help="操作人（与 --commit 一起必填） (who makes the draw)")
    draw.add_argument("--witness", action="append", default=[],
                      help="见证人，操作人以外的人员（可重复；与 --commit 一起至少一名） "
                           "(witness, repeatable)")
    draw.add_argument("--date", help="抽取日期 YYYY-MM-DD（默认：今天） (draw date; default: today)")
    draw.add_argument("--json", action="store_true",
                      help="以 JSON 格式输出抽中结果 (print the selection as JSON)")
    draw.add_argument("--commit", action="store_true",
                      help="确认抽取并生成检查计划（同一种子、范围、比例和日期只保存一次） "
                           "(store the draw and plan the visits)")
    draw.set_defaults(handler=run_draw)
    actions = draw.add_subparsers(dest="draw_action")
    verify = actions.add_parser(
        "verify", help="复核已保存的抽取：重新抽取并比对 (re-run a stored draw and compare)")
    verify.add_argument("record", metavar="RECORD_UUID",
                        help="抽取记录 uuid，或只属于它的前几位（至少 4 位；不接受记录序号） "
                             "(draw record uuid, or a unique prefix of 4+ characters; not a record number)")
    verify.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    verify.set_defaults(handler=run_verify)

    recusal = subparsers.add_parser(
        "recusal", help="登记或列出双随机抽取的回避 (record or list recusals for random draws)")
    recusal.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    recusal.add_argument("--inspector", help="执法人员 ID 或 uuid (inspector id or uuid)")
    recusal.add_argument("--enterprise",
                         help="企业 ID、uuid 或统一社会信用代码 (enterprise id, uuid or credit code)")
    recusal.add_argument("--reason", default="",
                         help="回避理由 (why the inspector must not check this enterprise)")
    recusal.set_defaults(handler=run_recusal)

    warn = subparsers.add_parser("warnings", help="风险预警清单 (early warnings)")
    warn.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    warn.add_argument("--jurisdiction", help="只看一个辖区：代码或名称 (limit to one jurisdiction)")
    warn.add_argument("--date", help="截至日期 YYYY-MM-DD（默认：今天） (as of; default: today)")
    warn.add_argument("--xlsx", type=Path,
                      help="同时将清单保存为电子表格 (also save the list as a spreadsheet)")
    warn.set_defaults(handler=run_warnings)

    risk = subparsers.add_parser(
        "risk", help="更新并查看风险分类（内部使用，不对企业公开） (refresh and show risk classes; internal)")
    risk.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    risk.add_argument("--date", help="截至日期 YYYY-MM-DD（默认：今天） (as of; default: today)")
    risk.add_argument("--enterprise",
                      help="查看一家企业的风险分类及原因（ID、uuid 或统一社会信用代码） "
                           "(one enterprise's class and reasons)")
    risk.add_argument("--rules", action="store_true",
                      help="输出分类规则和权重（JSON） (print the rules and weights as JSON)")
    risk.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                      help="修改规则，如 --set no_visit_months=18 或 --set draw_ratios.A=0.02 "
                           "(change a rule)")
    risk.set_defaults(handler=run_risk)


def _error(text: str) -> Exception:
    from qcdesk.cli import CommandError

    return CommandError(text)


def _open(args: argparse.Namespace, paths: AppPaths):  # noqa: ANN202 — Store, imported lazily
    from qcdesk.cli import open_store_for

    return open_store_for(args, paths, must_exist=True)


def _day(text: str | None, option: str = "--date"):  # noqa: ANN202
    from qcdesk.cli import command_date

    if text is None:
        return local_day.today()
    day = command_date(text, option)
    if not 1990 <= day.year <= 2999:  # windows reach years back; year 1 has no years before it
        raise _error(f"日期超出范围：{text}（年份应在 1990 到 2999 之间）")
    return day


def _draw_day(text: str | None):  # noqa: ANN202
    """The day a draw is made as on, within models/draw_dates.py's rule (the dialog's too). Why:
    --date 2062-12-01 (a mistyped year) previewed the pool "as on 2062" without a word, and
    planned visits would be dated then."""
    from qcdesk.models import draw_dates
    from qcdesk.models.draw_errors import DrawError

    today = draw_dates.today()
    day = today if text is None else _day(text)
    try:
        draw_dates.check_draw_day(day, today)
    except DrawError as exc:
        raise _error(f"{exc}，或去掉 --date 按今天抽取") from exc
    return day


# draw's text options: given blank ("  "), each one used to mean "not given" (--product "  " drew
# from every enterprise in the city); words for the refusal, naming what leaving it out means
_BLANK_DRAW_OPTIONS = (
    ("seed", "--seed", "请用 --seed 给出随机种子（抽取前公开）"),
    ("product", "--product", "--product 为空白：请写拟抽查产品；要从全部企业中抽取，请去掉 --product"),
    ("jurisdiction", "--jurisdiction", "--jurisdiction 为空白：请写辖区代码或名称；"
                                       "要从全市抽取，请去掉 --jurisdiction"),
    ("industry", "--industry", "--industry 为空白：请写行业名称；要从全部行业中抽取，请去掉 --industry"),
    ("operator", "--operator", "--operator 为空白：请写操作人姓名，或去掉 --operator"),
    ("date", "--date", "--date 为空白：请按 YYYY-MM-DD 写抽取日期；默认为今天，请去掉 --date"),
)


def _refuse_blank_options(args: argparse.Namespace) -> None:
    """A draw option given but blank is refused, not read as "not given"."""
    for name, _option, words in _BLANK_DRAW_OPTIONS:
        value = getattr(args, name)
        if (value is not None or name == "seed") and not (value or "").strip():
            raise _error(words)
    if any(not w.strip() for w in args.witness):
        raise _error("--witness 为空白：请写见证人姓名")


def run_draw(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import jurisdiction_code
    from qcdesk.models.clock_text import local_time
    from qcdesk.models.draw import (
        DrawError,
        DrawParameters,
        check_people,
        commit_draw,
        committed_twin,
        enterprise_names,
        make_draw,
        pick_rows,
    )
    from qcdesk.models.draw_pool import escalated_lines, recent_lines
    from qcdesk.models.draw_seed import seed_tidied
    from qcdesk.models.risk import load_rules

    _refuse_blank_options(args)  # a blank seed cannot be announced or checked, a blank product…
    as_of = _draw_day(args.date)
    jurisdiction = None
    if args.jurisdiction:
        jurisdiction = jurisdiction_code(args.jurisdiction)  # 咸宁 is refused naming 咸宁市 and 咸宁高新区
    if args.commit:  # refused before the draw, which refreshes the risk classes it reads
        try:
            check_people(args.operator or "", args.witness or [])
        except DrawError as exc:
            raise _error(str(exc)) from exc
    store = _open(args, paths)
    try:
        params = DrawParameters.from_rules(load_rules(store), jurisdiction=jurisdiction,
                                           industry=args.industry, product=args.product)
        try:
            result = make_draw(store, seed=args.seed, params=params, operator=args.operator or "",
                               witnesses=args.witness, as_of=as_of)
            if args.commit:
                commit_draw(store, result)
        except DrawError as exc:
            raise _error(str(exc)) from exc
        rows = pick_rows(store, result.picks)  # names of the drawn enterprises and inspectors
        record = result.record
        twin = None if args.commit else committed_twin(store, record.seed, params, record.as_of)
        tidied = seed_tidied(args.seed, record.seed)  # the seed drawn is not the one typed: say so
        planned = enterprise_names(store, result.pool.planned)  # left out for a spot check to come
        drawn = DrawParameters.from_json(record.parameters)  # with the drawing office filled in
        if args.json:  # the text names them in its reasons (escalated_lines, recent_lines)
            recent = enterprise_names(store, list(result.pool.recent))  # left out for a recent check
            closed = enterprise_names(store, list(result.pool.escalated))  # suspended or licence revoked
            out = {"record": record.uuid if args.commit else None, "pool_hash": record.pool_hash,
                   "pool_size": record.pool_size, "excluded": result.pool.excluded,
                   "excluded_planned": [{"enterprise": u, "name": n} for u, n in planned.items()],
                   "excluded_recent": [{"enterprise": u, "name": recent.get(u, u), "visit_date": c.visit_date,
                                        "product": c.product, "organiser": c.organiser or drawn.bureau}
                                       for u, c in result.pool.recent.items()],
                   "excluded_escalated": [{"enterprise": u, "name": closed.get(u, u), "escalation": x.step,
                                           "since": x.since, "reason": x.words()}
                                          for u, x in result.pool.escalated.items()],
                   "committed_as": twin.uuid if twin else None, "seed": record.seed,
                   "seed_typed": args.seed, "seed_tidied": tidied is not None,
                   "committed_seed": twin.seed if twin else None,
                   "as_of": record.as_of, "parameters": record.parameters, "algorithm": record.algorithm,
                   "selection": [{**p.to_json(), "name": row.enterprise_name,
                                  "inspector_names": list(row.inspectors)}
                                 for p, row in zip(result.picks, rows, strict=True)]}
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            print(_pool_rule_line(store, drawn), file=sys.stderr)
            word = params.word
            what = (f"抽查过名称含“{word}”的产品" if word else
                    f"抽查过“{params.industry}”行业产品" if params.industry else "接受过监督抽查")
            recent_n = result.pool.recent_count()
            coming = (f"；已有计划抽查的 {len(result.pool.planned)} 家不参加："
                      f"{'、'.join(planned.values())}"
                      if result.pool.planned else "")
            if result.pool.escalated:
                coming += f"；停业整顿或吊销营业执照的 {len(result.pool.escalated)} 家不参加"
            print(f"抽取池 {record.pool_size} 家（{params.exclusion_months}个月内{what}的 "
                  f"{recent_n} 家不参加{coming}），抽中 {len(result.picks)} 家；"
                  f"池哈希 SHA-256 {record.pool_hash}")
            why = [*escalated_lines(store, result.pool), *recent_lines(store, drawn, result.pool)]
            for line in why:  # why each one is left out
                print(f"不参加：{line}")
            if tidied is not None:
                print(tidied.text_zh())
            if twin is not None:
                print(f"注意：同一抽取已于 {local_time(twin.created_at)} 确认（抽取记录 {twin.uuid}），"
                      f"不能再次确认；核对请用 qcdesk draw verify {twin.uuid}")
                if twin.seed != record.seed:  # an older record spelt the seed otherwise: other picks
                    print(f"注意：该记录的随机种子写作“{twin.seed}”，与“{record.seed}”写法不同，抽中结果也不同；"
                          f"下列为按“{record.seed}”的预览，已确认的结果以该记录为准")
            for row in rows:
                print(f"{row.risk_class}\t{row.enterprise_name}\t{'、'.join(row.inspectors)}")
            if args.commit:
                print(f"已保存抽取记录 {record.uuid}，并生成 {len(result.picks)} 条计划检查")
        return 0
    finally:
        store.close()


def _pool_rule_line(store, params) -> str:  # noqa: ANN001 — Store, DrawParameters, imported lazily
    """Which enterprises the pool was taken from, in words (the rule a reader cannot guess)."""
    from qcdesk.models.draw_pool import area_parts, exclusion_rule, scope_name

    parts = area_parts(store, params)
    scope = scope_name(params) + (f"（含{'、'.join(parts)}）" if parts else "")
    if params.word:
        return (f"抽取范围：{scope}生产“{params.word}”的企业"
                f"（主要产品或行业含该词，或以往抽样的产品名称含该词）；{exclusion_rule(params)}")
    return f"抽取范围：{scope}全部企业（未指定 --product）；{exclusion_rule(params)}"


def run_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    """The verdict is the record's own consistency (its snapshot and seed); how this database's
    register differs is printed under its own heading and never makes the exit status 1."""
    from qcdesk.models.draw import DrawError, check_draw, draw_message, find_draw

    store = _open(args, paths)
    try:
        try:
            record = find_draw(store, args.record)
        except DrawError as exc:
            raise _error(str(exc)) from exc
        if record is None:
            raise _error(f"未找到抽取记录 {args.record.strip()}（没有 uuid 为它或以它开头的抽取记录）")
        check = check_draw(store, record)
    finally:
        store.close()
    for p in check.problems:
        print(f"不一致：{p}", file=sys.stderr)
    if not check.problems:
        print(draw_message("draw.verify.consistent", record=record.uuid, count=len(record.selection)))
    if check.notes:
        print(draw_message("draw.verify.notes_heading"))
        for note in check.notes:
            print(f"  · {note}")
    return 1 if check.problems else 0


def run_warnings(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli import check_output_file, jurisdiction_code, os_error_reason
    from qcdesk.models.jurisdictions import jurisdiction_by_code
    from qcdesk.models.warnings import early_warnings, write_warnings_xlsx

    day = _day(args.date)
    jurisdiction, area = None, ""
    if args.jurisdiction:  # an unknown one used to print nothing, as if all were well
        jurisdiction = jurisdiction_code(args.jurisdiction)  # unknown or ambiguous: refused, saying which
        area = jurisdiction_by_code(jurisdiction).name  # type: ignore[union-attr] - a known code
    if args.xlsx:
        check_output_file(args.xlsx, suffix=".xlsx", folder_must_exist=True)  # before the cache
    store = _open(args, paths)
    try:
        found = early_warnings(store, day, jurisdiction=jurisdiction)
    finally:
        store.close()
    for w in found:
        print(f"{w.kind_label}\t{w.enterprise_name}\t{w.uscc}\t{w.reason}")
    if args.xlsx:
        try:
            write_warnings_xlsx(found, args.xlsx, as_of=day, area=area,
                                db_path=Path(store.path) if store.path else None)
        except OSError as exc:
            raise _error(f"无法写入文件 {args.xlsx}：{os_error_reason(exc)}") from exc
        print(f"已保存 {len(found)} 条预警到 {args.xlsx}", file=sys.stderr)
    return 0


def run_risk(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli_find import enterprise_arg
    from qcdesk.models.risk import class_counts, refresh_risk, risk_for

    store = _open(args, paths)
    try:
        day = _day(args.date)
        if args.set and args.enterprise:  # the firm would be ignored, the rule saved all the same
            raise _error("--set 与 --enterprise 不能同时使用：请先用 --set 修改规则，"
                         "再用 --enterprise 查看企业")
        if args.set:
            _set_rules(store, args.set)
        if args.rules or args.set:
            from dataclasses import asdict

            from qcdesk.models.risk import load_rules

            print(json.dumps(asdict(load_rules(store)), ensure_ascii=False, indent=2))
            return 0
        if args.enterprise:
            ent = enterprise_arg(store, args.enterprise)
            r = risk_for(store, ent.id, day)
            print(f"{ent.name}\t{r.risk_class}")
            for reason in r.reasons:
                print(f"  {reason}")
            return 0
        n = refresh_risk(store, day)
        counts = class_counts(store, day)
        print(f"重新计算 {n} 家；" + "，".join(f"{k}类 {v} 家" for k, v in counts.items()))
        return 0
    finally:
        store.close()


def _set_rules(store, assignments: list[str]) -> None:  # noqa: ANN001
    """KEY=VALUE changes to the one rules object; integers for weights, text for ratios."""
    from dataclasses import asdict, fields

    from qcdesk.models.risk import SupervisionRules, load_rules, rule_bounds, rules_problem, save_rules

    data = asdict(load_rules(store))
    kinds = {f.name: f.type for f in fields(SupervisionRules)}
    for item in assignments:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not value:
            raise _error(f"规则设置应为 KEY=VALUE：{item}")
        if key.startswith("draw_ratios."):
            cls = key.split(".", 1)[1].upper()
            if cls not in ("A", "B", "C", "D"):
                raise _error(f"未知的风险类别：{cls}")
            from qcdesk.models.draw import DrawError, quota

            try:
                quota(value, 1)
            except (DrawError, ValueError, ZeroDivisionError) as exc:
                raise _error(f"抽取比例应为 0 到 1 之间的小数：{value}") from exc
            data["draw_ratios"][cls] = value
        elif key in kinds and key != "draw_ratios":
            try:
                number = int(value)
            except ValueError as exc:
                raise _error(f"{key} 应为整数：{value}") from exc
            low, top = rule_bounds(key)
            if number < low:
                raise _error(f"{key} 不能为负数：{value}" if low == 0 else
                             f"{key} 不能小于 {low}：{value}")
            if number > top:  # a huge window made every later risk/draw/warnings command fail
                raise _error(f"{key} 不能大于 {top}：{value}")
            data[key] = number
        else:
            raise _error(f"未知的规则：{key}")
    rules = SupervisionRules(**data)
    problem = rules_problem(rules)
    if problem:
        raise _error(problem)
    save_rules(store, rules)


def run_recusal(args: argparse.Namespace, paths: AppPaths) -> int:
    """With --inspector/--enterprise/--reason: record one; without: list them."""
    from qcdesk.models.draw import DrawError, Recusal, list_recusals, save_recusal

    store = _open(args, paths)
    try:
        if args.inspector or args.enterprise:
            inspector, ent = _recusal_parties(store, args.inspector, args.enterprise)
            try:
                saved = save_recusal(store, Recusal(inspector_id=inspector.id, enterprise_id=ent.id,
                                                    reason=args.reason))
            except DrawError as exc:
                raise _error(str(exc)) from exc
            print(f"已登记回避：{inspector.name} — {ent.name}（{saved.reason}）")
            return 0
        for _uuid, inspector_name, enterprise_name, reason in list_recusals(store):
            print(f"{inspector_name}\t{enterprise_name}\t{reason}")
        return 0
    finally:
        store.close()


def _recusal_parties(store, inspector_key: str | None, enterprise_key: str | None):  # noqa: ANN001, ANN202
    """The inspector and the enterprise a recusal names, or a refusal saying which one is wrong."""
    from qcdesk.cli_find import KEY_WORDS, enterprise_arg, key_refusal
    from qcdesk.models.persistence import fetch_record
    from qcdesk.models.records import Inspector

    if not (inspector_key or "").strip():
        raise _error("请用 --inspector 指明执法人员（记录ID或uuid）")
    if not (enterprise_key or "").strip():
        raise _error("请用 --enterprise 指明企业（记录ID、uuid或统一社会信用代码）")
    inspector = fetch_record(store, Inspector, inspector_key.strip())
    if inspector is None:
        raise _error(key_refusal(store, Inspector, inspector_key, "执法人员")
                     or f"未找到执法人员 {inspector_key.strip()}（可用{KEY_WORDS}）")
    return inspector, enterprise_arg(store, enterprise_key)
