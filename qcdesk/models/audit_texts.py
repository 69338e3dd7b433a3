"""What `audit verify` says about a record, in zh and en: the kind of record in words
(抽样记录, not "sample") and, where one query finds it, whose record it is."""

from __future__ import annotations

from sqlite_utils import Database

from qcdesk.models.clock_text import local_time

PROBLEM_TEXT = {
    "missing": ("数据库中没有审计表，无法核验", "The database has no audit tables; nothing can be verified"),
    "chain": ("审计记录第 {chain_no} 条已被改动或删除，审计链从此处断裂",
              "Audit entry {chain_no} was altered or removed; the chain is broken from there"),
    "outside": ("{table}{uuid}{what}于 {at} 在 QCDesk 之外被{op_zh}（未封存的审计记录 #{seq}）",
                "{table}{uuid}{what} was {op_en} outside QCDesk at {at} (unsealed audit entry #{seq})"),
    "unaudited": ("{table}{uuid}{what}没有审计记录（在 QCDesk 之外写入，或审计触发器曾被删除）",
                  "{table}{uuid}{what} has no audit entry "
                  "(written outside QCDesk or with triggers removed)"),
    "changed": ("{table}{uuid}{what}的当前内容与审计记录不符（在 QCDesk 之外被修改）",
                "{table}{uuid}{what} no longer matches its audit trail (changed outside QCDesk)"),
    "vanished": ("{table}{uuid}{what}已在 QCDesk 之外被删除",
                 "{table}{uuid}{what} was deleted outside QCDesk"),
}
OP_ZH = {"insert": "新增", "update": "修改", "delete": "删除"}
OP_EN = {"insert": "inserted", "update": "updated", "delete": "deleted"}

# table → (zh, en) names of its records
TABLE_NAMES: dict[str, tuple[str, str]] = {
    "enterprise": ("企业记录", "enterprise record"), "inspector": ("执法人员记录", "inspector record"),
    "industry": ("行业记录", "industry record"), "licence": ("许可证记录", "licence record"),
    "certification": ("认证记录", "certification record"), "contact": ("联系人记录", "contact record"),
    "visit": ("检查记录", "inspection record"), "sample": ("抽样记录", "sampling record"),
    "finding": ("检查发现记录", "finding record"), "photo": ("照片记录", "photo record"),
    "rectification": ("整改记录", "rectification record"),
    "trusted_key": ("信任公钥记录", "trusted key record"),
    "received_package": ("接收数据包记录", "received package record"),
    "demonstration_zone": ("示范区记录", "demonstration zone record"),
    "recusal": ("回避记录", "recusal record"),
    "draw_record": ("抽取记录", "draw record"), "amendment": ("更正记录", "amendment record"),
}

# table → a query naming the record by its row id: the enterprise it belongs to, and what it is
_WHAT_SQL: dict[str, str] = {
    "enterprise": "SELECT name FROM enterprise WHERE id = ?",
    "inspector": "SELECT name FROM inspector WHERE id = ?",
    "visit": "SELECT e.name || ' ' || v.visit_date FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
             " WHERE v.id = ?",
    "sample": "SELECT e.name || ' ' || s.product_name FROM sample s JOIN visit v ON v.id = s.visit_id"
              " JOIN enterprise e ON e.id = v.enterprise_id WHERE s.id = ?",
    "finding": "SELECT e.name FROM finding f JOIN visit v ON v.id = f.visit_id"
               " JOIN enterprise e ON e.id = v.enterprise_id WHERE f.id = ?",
    "licence": "SELECT e.name || ' ' || x.number FROM licence x JOIN enterprise e ON e.id = x.enterprise_id"
               " WHERE x.id = ?",
    "certification": "SELECT e.name || ' ' || x.name FROM certification x"
                     " JOIN enterprise e ON e.id = x.enterprise_id WHERE x.id = ?",
    "contact": "SELECT e.name || ' ' || x.name FROM contact x JOIN enterprise e ON e.id = x.enterprise_id"
               " WHERE x.id = ?",
    "rectification": "SELECT e.name FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id"
                     " WHERE r.id = ?",
}


def table_name(table: str, lang: str) -> str:
    """抽样记录 / sampling record; an unknown table keeps its own name."""
    zh, en = TABLE_NAMES.get(table, (f"{table} 记录", f"{table} record"))
    return en if lang.startswith("en") else zh


def record_what(db: Database, table: str, row_id: int | None) -> str:
    """Whose record it is (咸宁某公司 青砖茶), when one query on the live row says; else ''."""
    sql = _WHAT_SQL.get(table)
    if sql is None or row_id is None:
        return ""
    try:
        row = db.execute(sql, [row_id]).fetchone()
    except Exception:  # noqa: BLE001 — a damaged or older table: the message goes without the name
        return ""
    return (row[0] or "").strip() if row else ""


def problem_text(kind: str, lang: str, *, table: str, uuid: str, what: str, **fields: object) -> str:
    """One problem in `lang`: 抽样记录 7462fa75…（某公司 青砖茶）于 … 在 QCDesk 之外被修改."""
    zh, en = PROBLEM_TEXT[kind]
    english = lang.startswith("en")
    op = str(fields.get("op", ""))
    shown_what = (f" ({what})" if english else f"（{what}）") if what else ""
    if fields.get("at"):  # stored UTC (…Z); people read their own clock, as in the history dialog
        fields["at"] = local_time(str(fields["at"]), seconds=True)
    return (en if english else zh).format(
        table=table_name(table, lang) if table else "", uuid=f" {uuid}" if uuid else "",
        what=shown_what if what else ("" if english else " "),
        op_zh=OP_ZH.get(op, op), op_en=OP_EN.get(op, op), **fields)
