"""`qcdesk keygen`, `qcdesk trust add|revoke|list` and `qcdesk verify`.

Every refusal is one Chinese line on stderr (through qcdesk.cli.CommandError); the key
files are minisign's, so `minisign -Vm FILE -p KEY.pub -H` checks what the app signs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qcdesk.cli import DB_HELP, CommandError, check_output_folder, jurisdiction_code, os_error_reason
from qcdesk.exchange.trust import ROLES, role_refusal, trust_name_refusal
from qcdesk.paths import AppPaths


def register(subparsers: argparse._SubParsersAction) -> None:
    roles = "inspector 检查员 / county 县级局 / city 市级局（仅 421200 咸宁市）"
    keygen = subparsers.add_parser(
        "keygen",
        help="创建签名密钥（minisign 格式的公钥和私钥文件） (make a signing key pair, minisign format)")
    keygen.add_argument("--name", required=True, help="签名人姓名，如 张三 (signer's name)")
    keygen.add_argument("--jurisdiction", required=True,
                        help="所属辖区：代码（GB/T 2260）或名称，如 421221 或 嘉鱼县 "
                             "(jurisdiction code or name)")
    keygen.add_argument("--out", type=Path, required=True,
                        help="保存公钥（.pub）和私钥文件（.key）的文件夹 (folder for the .pub and .key)")
    keygen.add_argument("--light", action="store_true",
                        help="轻量密钥派生（16 MiB 而非 1 GiB，适用于配置较低的笔记本） "
                             "(16 MiB key derivation instead of 1 GiB)")
    keygen.add_argument("--passphrase-file", type=Path,
                        help="从文件读取口令 (read the passphrase from a file)")
    keygen.add_argument("--role", choices=ROLES, default="inspector",
                        help=f"签名人角色：{roles}（写入密钥说明，默认 inspector） (who signs with it)")
    keygen.set_defaults(handler=run_keygen)

    trust = subparsers.add_parser(
        "trust", help="信任列表：接收哪些公钥签名的数据包 (the list of keys whose packages are accepted)")
    tsub = trust.add_subparsers(dest="trust_command", required=True)
    add = tsub.add_parser("add", help="添加信任的公钥（先电话核对指纹） (trust a public key after checking "
                                      "its fingerprint)")
    add.add_argument("pubfile", type=Path, help="公钥文件（minisign 格式，.pub） (minisign public key file)")
    add.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    add.add_argument("--role", choices=ROLES, default="",
                     help=f"限定签名人角色：{roles} (pin the signer's role)")
    add.add_argument("--name", default="",
                     help="经电话确认的签名人姓名 (signer's name as confirmed by phone)")
    add.add_argument("--jurisdiction", default="",
                     help="限定签名人辖区：代码或名称 (pin the signer's jurisdiction)")
    add.add_argument("--yes", action="store_true", help="不再询问确认 (do not ask for confirmation)")
    add.set_defaults(handler=run_trust_add)
    revoke = tsub.add_parser(
        "revoke", help="吊销公钥：自某一时间起拒收其签名的数据包 (refuse packages received from a time on)")
    revoke.add_argument("key_id", metavar="KEYID",
                        help="密钥编号（16 位十六进制数字，可含空格）或指纹（20 位） "
                             "(key id, 16 hex digits, or fingerprint, 20)")
    revoke.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    revoke.add_argument("--at",
                        help="生效时间：YYYY-MM-DD 或 ISO 时间（默认：现在） (effective time; default: now)")
    revoke.add_argument("--yes", action="store_true",
                        help="不再询问确认（供脚本使用；吊销不能撤销） "
                             "(do not ask; a revocation cannot be lifted)")
    revoke.set_defaults(handler=run_trust_revoke)
    lst = tsub.add_parser("list", help="列出信任的公钥 (show trusted keys)")
    lst.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    lst.set_defaults(handler=run_trust_list)

    verify = subparsers.add_parser(
        "verify", help="完整核验数据包（.qcpkg.zip），不写入数据库 (check a .qcpkg.zip package completely)")
    verify.add_argument("package", type=Path, help="数据包文件（.zip） (package file)")
    how = verify.add_mutually_exclusive_group()
    how.add_argument("--pubkey", type=Path, help="只信任这个公钥文件 (trust only this public key file)")
    how.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                     help="使用该数据库的信任列表 (use this database's trust list)")
    verify.set_defaults(handler=run_verify)
    from qcdesk import cli_received

    cli_received.register(subparsers)  # received packages: the same trust list's other half


def _error(text: str) -> Exception:
    return CommandError(" ".join(text.split()))


def _open_store(args: argparse.Namespace, paths: AppPaths, *, create: bool):  # noqa: ANN202
    from qcdesk.cli import open_store_for

    return open_store_for(args, paths, must_exist=not create)


def run_keygen(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.exchange.key_files import description_path, key_open_to_others, key_pair_paths, write_key_pair
    from qcdesk.exchange.minisign import (
        KDF_LIGHT,
        KDF_SENSITIVE,
        MinisignError,
        encode_secret_key,
        generate_secret_key,
    )
    from qcdesk.exchange.package_rules import signer_name_refusal
    from qcdesk.exchange.passphrase import obtain_passphrase

    if not args.name.strip():
        raise _error("签名人姓名不能为空，请用 --name 给出，如 --name 张三")
    if signer_name_refusal(args.name.strip()):  # every package signed with it would be refused
        raise _error(signer_name_refusal(args.name.strip()) or "")
    jurisdiction = jurisdiction_code(args.jurisdiction)
    if role_refusal(args.role, jurisdiction):
        raise _error(role_refusal(args.role, jurisdiction) or "")
    check_output_folder(args.out)  # before the slow key derivation, not after it
    pub_path, key_path = key_pair_paths(args.out, args.name, jurisdiction)
    for p in (pub_path, key_path):
        if p.exists():
            raise _error(f"文件已存在，不会覆盖：{p}；如要换新密钥（忘记口令或调动辖区），请先把旧密钥的"
                         f" .pub、.key、.json 移到别处保存（勿删除），或用 --out 另选文件夹")
    try:
        passphrase = obtain_passphrase(new=True, passphrase_file=args.passphrase_file)
        secret = generate_secret_key()
        if sys.stderr.isatty():  # a note for a person waiting; erased, so a failure stays one line
            print("正在由口令派生密钥，请稍候… (deriving key from passphrase)", end="\r",
                  file=sys.stderr, flush=True)
        key_text = encode_secret_key(secret, passphrase, KDF_LIGHT if args.light else KDF_SENSITIVE)
    except MinisignError as exc:
        raise _error(exc.reason_zh) from exc
    finally:
        if sys.stderr.isatty():
            print("\x1b[2K", end="", file=sys.stderr, flush=True)
    try:
        write_key_pair(pub_path, key_path, secret.public_key, key_text, description={
            "name": args.name.strip(), "jurisdiction": jurisdiction, "role": args.role})
    except OSError as exc:  # write_key_pair removed what it had created
        raise _error(f"无法写入密钥文件 {key_path}：{os_error_reason(exc)}") from exc
    pk = secret.public_key
    print(f"密钥编号 key id: {pk.key_id}")
    print(f"指纹 fingerprint（电话核对用）: {pk.fingerprint}")
    print(f"公钥 public key: {pub_path}（连同说明文件 {description_path(pub_path).name} 一并交给接收方）")
    print(f"私钥 secret key: {key_path}（妥善保管，勿外传）")
    print(f"minisign 验证命令: minisign -Vm <文件> -P {pk.to_base64()} -H")
    if key_open_to_others(args.out):  # Windows ignores the file's 0o600 (key_files.write_key_pair)
        print(f"注意：私钥文件 {key_path} 在用户文件夹以外（或在U盘、网络盘上）。在 Windows 上，"
              f"私钥文件谁能读取由所在文件夹决定：能打开这个文件夹的人都能复制私钥，只有口令在保护它。"
              f"建议把密钥保存在默认的密钥文件夹中（qcdesk keygen --out {paths.keys_dir}），"
              f"另存到U盘的备份请妥善保管", file=sys.stderr)
    return 0


def _confirm(question: str) -> bool:
    try:
        answer = input(question).strip().lower()
    except EOFError:  # Ctrl-D: no answer is no
        print(file=sys.stderr)
        return False
    return answer in ("y", "yes", "是", "确认")


def run_trust_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli_received import same_signer_lines
    from qcdesk.exchange.key_files import description_path, signer_for_trust
    from qcdesk.exchange.minisign import MinisignError, PublicKey
    from qcdesk.models import trust_store

    if args.jurisdiction:
        args.jurisdiction = jurisdiction_code(args.jurisdiction)
    try:
        pk = PublicKey.load(args.pubfile)
    except MinisignError as exc:
        raise _error(exc.reason_zh) from exc
    print(f"密钥编号 key id: {pk.key_id}")
    print(f"指纹 fingerprint: {pk.fingerprint}")
    given = {"name": args.name, "jurisdiction": args.jurisdiction, "role": args.role}
    fields, described = signer_for_trust(args.pubfile, pk.key_id, given)  # options win, per field
    args.name, args.jurisdiction, args.role = fields["name"], fields["jurisdiction"], fields["role"]
    if described:
        words = {"name": "姓名", "jurisdiction": "辖区", "role": "角色"}
        print(f"（签名人{'、'.join(words[f] for f in described)}取自公钥旁的说明文件 "
              f"{description_path(args.pubfile).name}，请一并电话核对）")
    bad_name = trust_name_refusal(args.name)  # before it is printed: a tab would split the line
    if bad_name and "name" in described:  # an old version's description: the office can override
        raise _error(f"未加入信任列表：{bad_name}（姓名取自说明文件 {description_path(args.pubfile).name}："
                     "请对方用新版 QCDesk 重新生成密钥，或加 --name 给出经电话确认的姓名，如 --name 张三）")
    if bad_name:
        raise _error(f"未加入信任列表：{bad_name}")
    if args.name or args.jurisdiction or args.role:
        print(f"签名人: {args.name or '-'}  辖区: {_place(args.jurisdiction) or '-'}  "
              f"角色: {role_label(args.role) or '-'}")
    refused = role_refusal(args.role, args.jurisdiction)  # a city key stands for 421200 alone
    if refused:
        raise _error(f"未加入信任列表：{refused}")
    # An existing database is opened once, before the question: a key already on its list (or
    # revoked) is refused before the user is sent to phone for nothing. A database that does not
    # exist yet holds no key and is only made once the user has said yes.
    store = _open_store(args, paths, create=False) if _db_exists(args, paths) else None
    try:
        known = trust_store.add_refusal(store, pk) if store is not None else None
        if known is not None:
            raise known  # worded as add_key words it (another key under this id: its fingerprint)
        if store is not None:  # an old key of the same signer: a replacement, or a namesake
            for line in same_signer_lines(store, args.name, args.jurisdiction, args.role):
                print(line)
        if not args.yes:  # trusting a key unchecked would let anyone's packages in
            if not sys.stdin.isatty():
                raise _error("未加入信任列表：没有终端可以确认。请先与对方电话核对以上指纹，"
                             "一致后加 --yes 重新运行 (not confirmed: check the fingerprint by phone, "
                             "then run again with --yes)")
            if not _confirm("请与对方电话核对以上指纹，确认加入信任列表？[y/N] "):
                raise _error("已取消：未加入信任列表 (cancelled)")
        if store is None:
            store = _open_store(args, paths, create=True)
        key = trust_store.add_key(store, pk, name=args.name, jurisdiction=args.jurisdiction,
                                  role=args.role)
    finally:
        if store is not None:
            store.close()
    print(f"已加入信任列表：{key.key_id} {key.name}".rstrip())
    return 0


def _db_exists(args: argparse.Namespace, paths: AppPaths) -> bool:
    from qcdesk.cli import db_path_for

    return db_path_for(args, paths).is_file()


def parse_effective_time(text: str) -> datetime:
    """A bare date means local midnight; a time without zone is local; 'Z'/offsets as given.

    A date is read as every date option reads it (`command_date`: 2026/11/30, 2026年11月30日…);
    a time of day only as YYYY-MM-DDTHH:MM[:SS] (fromisoformat alone took 20261130 too)."""
    import re

    from qcdesk.cli import command_date
    from qcdesk.models.codes import half_width

    clean = half_width(text).strip()
    shape = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?"
    if not re.fullmatch(shape, clean, flags=re.ASCII):  # a date, spelt as any date option takes it
        day = command_date(text, "--at")
        value = datetime(day.year, day.month, day.day)
    else:
        try:
            value = datetime.fromisoformat(clean.replace("Z", "+00:00"))
        except ValueError as exc:
            raise _error(f"时间 {text} 不存在，请按 YYYY-MM-DDTHH:MM 填写") from exc
    if not 1970 <= value.year <= 2999:  # year 1 cannot even be converted to UTC
        raise _error(f"时间超出范围：{text}（年份应在 1970 到 2999 之间）")
    if value.tzinfo is None:
        value = value.astimezone()  # local time of this computer
    return value.astimezone(UTC)


def run_trust_revoke(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli_received import revoked_receipts_text
    from qcdesk.exchange.trust import format_local
    from qcdesk.models import trust_store

    at = parse_effective_time(args.at) if args.at else datetime.now(UTC)
    store = _open_store(args, paths, create=False)
    try:
        named = _key_named(store, args.key_id)  # unknown: revoke_key refuses it, naming it
        # "now" on a clock far ahead is refused before the clerk is asked to confirm (E17)
        if named is not None and not args.at and (ahead := trust_store.clock_ahead_refusal(store)):
            raise ahead
        if named is not None and named.revoked_at is not None and at >= named.revoked_at:
            if args.at and at > named.revoked_at:  # the stored time stands: said, not ignored
                raise _error(f"未改动：密钥 {named.key_id} 已自 {format_local(named.revoked_at)} 起吊销；"
                             f"吊销时间只能提前，不能推后（--at {args.at} 晚于它）(a revocation can "
                             "only be moved earlier)")
        elif named is not None and not args.yes:  # cannot be lifted: the holder needs a new key
            _ask_revoke(named, at)
        # "now" is the core's to judge: refused when this clock looks far ahead (then: --at)
        key = trust_store.revoke_key(store, args.key_id, at=at if args.at else None)
        late = trust_store.received_after_revocation(store, key.key_id)
    except trust_store.TrustStoreError as exc:
        if exc.code != "unknown_key":
            raise
        # the whole id, never a prefix: revoking the wrong key would refuse an honest signer
        raise _error(f"{exc.message_zh}；用 qcdesk trust list 查看每个密钥的完整编号 "
                     f"({exc.message_en}; `qcdesk trust list` shows every key id)") from exc
    finally:
        store.close()
    when = format_local(key.revoked_at) if key.revoked_at else "-"  # local, as --at is typed
    print(f"已吊销：{key.key_id}，自 {when} 起收到的数据包将被拒绝")
    if late:  # a back-dated --at: what was imported since stays, and may be the thief's
        print(revoked_receipts_text(key.key_id, late))
        # set by this run (not an earlier revocation that stands), yet received after it: behind
        behind = not args.at and key.revoked_at is not None and key.revoked_at >= at and any(
            p.received_at > key.revoked_at for p in late)
        if behind:
            print(f"注意：以上数据包的接收时间晚于本机现在的时间 {format_local(at)}，本机时钟似乎落后："
                  "它们是在吊销之前收到的，不一定是盗用者所发。请改正系统时间，必要时用 --at 重新指定"
                  "吊销时间 (this computer's clock looks behind: those packages were received before "
                  "the revocation)")
    return 0


def _key_named(store: Any, typed: str) -> Any:
    """The trusted key `typed` names (its id, or the fingerprint read out by phone), or None."""
    from qcdesk.exchange.minisign import normalize_key_id
    from qcdesk.models import trust_store

    wanted = normalize_key_id(typed)
    return next((k for k in trust_store.list_keys(store) if wanted in
                 (k.key_id, k.fingerprint.replace(" ", ""))), None)


def _ask_revoke(key: Any, at: datetime) -> None:
    """Name the key's holder and fingerprint and ask y/N; no terminal: refuse, naming --yes."""
    from qcdesk.exchange.trust import format_local

    who = signer_text(key.shown_name, "", key.jurisdiction, key.role, key.key_id, key.fingerprint)
    if not sys.stdin.isatty():
        raise _error(f"未吊销：没有终端可以确认。请核对{who.strip()}无误后加 --yes 重新运行 "
                     "(not revoked: no terminal to confirm; check the key, then run again with --yes)")
    print(f"将吊销{who}：自 {format_local(at)} 起收到的该密钥签名的数据包都将被拒绝。吊销不能撤销："
          "吊销错了，对方须重新生成密钥，各接收方再核对指纹加入")
    if not _confirm("确认吊销？[y/N] "):
        raise _error("已取消：未吊销 (cancelled)")


def run_trust_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.cli_received import receipt_cells
    from qcdesk.exchange.trust import format_local
    from qcdesk.models import trust_store

    store = _open_store(args, paths, create=False)
    try:
        keys = trust_store.list_keys(store)
        receipts = {k.key_id: trust_store.signer_receipts(store, k.key_id) for k in keys}
    finally:
        store.close()
    if not keys:
        print("信任列表为空 (no trusted keys)")
    now = datetime.now(UTC)
    for k in keys:
        state = "有效"
        if k.revoked_at is not None:
            verb = "已吊销" if k.revoked_at_time(now) else "将吊销"
            state = f"{verb} {format_local(k.revoked_at)}"
        print("\t".join([k.key_id, k.fingerprint, role_label(k.role) or "-", k.jurisdiction or "-",
                         k.shown_name or "-", state, *receipt_cells(receipts[k.key_id])]))
    return 0


def refuse_missing_package(package: Path) -> None:
    """A package path that is no file (`verify` and `import` say so alike, before anything else)."""
    if not package.is_file():
        raise _error(f"{package} 是文件夹，请给出其中的数据包文件（.qcpkg.zip）"
                     if package.is_dir() else f"找不到数据包：{package}")


def run_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    from qcdesk.exchange.minisign import MinisignError, PublicKey
    from qcdesk.exchange.package import PackageRejected, open_package
    from qcdesk.exchange.trust import StoreTrust
    from qcdesk.exchange.work_folder import unpacking

    refuse_missing_package(args.package)  # first: not a word about a database it did not need yet
    store = None
    try:
        if args.pubkey is not None:
            trusted = PublicKey.load(args.pubkey)
        else:
            store = _open_store(args, paths, create=False)
            trusted = StoreTrust(store)
        # unpacked beside the database (else in the data folder), not in the system temp folder
        home = Path(store.path).parent if store is not None and store.path else paths.data_dir
        with unpacking(home) as work:
            pkg = open_package(args.package, trusted_keys=trusted, workdir=work)
    except PackageRejected as exc:
        if exc.code == "already_imported":  # byte for byte the package checked when imported
            print(f"验证通过：{args.package.name} 与当时核验并导入的数据包逐字节相同；{exc.reason_zh} "
                  "(intact: the very package imported before)")
            return 0
        raise _error(f"验证失败：{exc.reason_zh}") from exc
    except MinisignError as exc:
        raise _error(f"验证失败：{exc.reason_zh}") from exc
    finally:
        if store is not None:
            store.close()
    m, s = pkg.manifest, pkg.signer
    notes = "".join(f"；注意：{w.message_zh}" for w in pkg.warnings)
    print(
        f"验证通过：{args.package.name} "
        f"{signer_text(s.name, s.trusted_name, s.jurisdiction, s.role, s.key_id, s.fingerprint)}"
        f"序号 {pkg.sequence} {period_text(m)}{record_counts_text(m)}文件 {len(m['members'])} 个"
        f"{notes}"
    )
    return 0


def signer_text(name: str, trusted_name: str, jurisdiction: str, role: str, key_id: str,
                fingerprint: str = "") -> str:
    """``签名人 张三（421221 嘉鱼县，检查员，密钥 …，密钥指纹 14AC 4A00 …）`` and the trust list's
    name for the key when it differs from the signed one: who sent a package. The fingerprint is
    what the sender reads out by phone (the GUI shows the same groups); the key id is what
    `trust revoke` takes. Ends with a space."""
    listed = f"，信任列表登记为 {trusted_name}" if trusted_name and trusted_name != name else ""
    print_id = f"，密钥指纹 {fingerprint}" if fingerprint else ""
    return (f"签名人 {name or '-'}（{_place(jurisdiction) or '-'}，{role_label(role) or '-'}，"
            f"密钥 {key_id}{print_id}{listed}） ")


def record_counts_text(manifest: dict) -> str:
    """``记录 企业 2 家、检查记录 4 条 `` from the manifest's record_counts, in the order of the
    package's sheets, kinds without records left out: what the clerk compares with what the
    sender says was sent. Ends with a space, or is empty when the manifest gives no counts."""
    counts = manifest.get("record_counts")
    if not isinstance(counts, dict):
        return ""
    return f"记录 {record_count_words(counts) or '0 条'} "


def record_count_words(counts: dict) -> str:
    """``企业 2 家、检查记录 4 条`` (exchange/workbook.py's, shared with the GUI's received list)."""
    from qcdesk.exchange.workbook import record_count_words as words

    return words(counts)


def role_label(role: str) -> str:
    """检查员 / 县级局 / 市级局 for the roles a key or package names; anything else as written."""
    from qcdesk.exchange.package_rules import ROLE_LABELS_ZH

    return ROLE_LABELS_ZH.get(role, role)


def _place(code: str) -> str:
    """``421221 嘉鱼县`` for a known code, the code alone otherwise."""
    from qcdesk.models.jurisdictions import jurisdiction_by_code

    known = jurisdiction_by_code(code) if code else None
    return f"{code} {known.name}" if known else code


def period_text(manifest: dict) -> str:
    """What a package covers, as a reader asks it: a period, everything up to a day, or the
    changes since the signer's previous package. QCDesk states only the end date (and `full`);
    the start date, when another exporter gives it. Ends with a space, or is empty."""
    start, end = manifest.get("period_from"), manifest.get("period_to")
    if start and end:
        return f"期间 {start}～{end} "
    if start:
        return f"期间 自 {start} 起 "
    if not end:
        return ""
    full = manifest.get("full")  # an exporter's own key: only true or false is read
    if full is True:
        return f"范围 全部记录（截至 {end}） "
    if full is False:
        return f"范围 自上次导出以来的变更（截至 {end}） "
    return f"范围 截至 {end} "
