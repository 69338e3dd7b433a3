"""An incoming enterprise version whose 统一社会信用代码 another live enterprise here holds.

The schema allows one live enterprise per code (`enterprise_uscc_live`, the only UNIQUE index
of a synced table besides each table's uuid, which the merge looks rows up by). A NEW record
arriving with a code held here is filed under the holder (the twin rule, `file_twin`); when
their names differ (`same_firm_name`) the import names both and the records filed (`TwinWatch`).
An UPDATE that moves an existing record onto another record's code (a county corrects its
enterprise's code to the one another office's enterprise holds at the city), or brings a
deleted record back while its code is taken, cannot be written: both are records with their
own visits and orders, and merging two records is a person's decision. So the record stays as
it is here and the incoming version is kept whole as a conflict (`REASON`), counted, listed
with both enterprises named (`CodeClash.warning`), and resolved in the conflict view: keep the
current version, or take the incoming one once the code is free (`refuse_taken`).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from qcdesk.exchange import twin_versions
from qcdesk.exchange.merge import Head, with_lineage
from qcdesk.exchange.warning_groups import kinded
from qcdesk.exchange.workbook import SPEC_BY_TABLE, SheetSpec
from qcdesk.models.conflict_checks import CombinationRefused
from qcdesk.models.jurisdictions import JURISDICTIONS, jurisdiction_by_code, within
from qcdesk.models.merge_writer import MergeWriter
from qcdesk.models.messages import Issue, own_message

REASON = "uscc_taken"  # exchange_conflict.reason of such a kept version

_WARNING = (
    "信用代码与另一企业相同：数据包中企业“{name}”（{area}）的统一社会信用代码为 {uscc}，"
    "而本机另一企业“{holder}”（{holder_area}）已使用此代码。一个代码只能属于一家企业，"
    "所以这一版本没有生效：“{name}”仍是导入前的样子（代码 {current}），数据包中的版本已完整保留为冲突。"
    "请与两个辖区核实：如是同一家企业，请删除多余的档案——多余的是本机的“{holder}”时，在“企业档案”列表中"
    "选中它，右键 ▸ 删除，或在命令行运行 qcdesk record delete enterprise {uscc}（它的检查记录须先删除："
    "在“检查记录”列表中，或用 qcdesk record delete visit 检查记录ID），代码空出后在“记录 ▸ 处理合并冲突…”中"
    "采用数据包的版本；多余的是“{name}”时，请发送方删除它，并在那里保留现行版本；"
    "如代码填错了，请在那里保留现行版本，并请发送方更正",
    "Credit code held by another enterprise: the package gives “{name}” ({area}) the credit code "
    "{uscc}, which “{holder}” ({holder_area}) already holds here. A code belongs to one enterprise "
    "only, so this version was not applied: “{name}” stays as it was (code {current}) and the "
    "package's version is kept whole as a conflict. Check with both offices: if they are one "
    "enterprise, delete the extra file — if it is “{holder}” here, select it on the Enterprises "
    "list and right-click ▸ Delete, or run qcdesk record delete enterprise {uscc} (its visits are "
    "deleted first, on the Visits list or with qcdesk record delete visit ID), then, with "
    "the code free, use the package's version under Record ▸ Resolve merge conflicts…; if it is "
    "“{name}”, ask the sender to delete it and keep the current version there; if the code is "
    "wrong, keep the current version there and ask the sender to correct it",
)
_TAKEN = (
    "统一社会信用代码 {uscc} 现在属于企业“{holder}”（{holder_area}），一个代码只能属于一家企业，"
    "因此不能采用这个版本，数据没有任何改动。如两者是同一家企业，请先删除多余的一份档案"
    "（在“企业档案”列表中选中“{holder}”，右键 ▸ 删除），再回来采用；否则请保留现行版本，并请发送方更正代码",
    "Credit code {uscc} now belongs to “{holder}” ({holder_area}); a code belongs to one "
    "enterprise only, so this version cannot be used and nothing was changed. If they are one "
    "enterprise, delete the extra file first (select “{holder}” on the Enterprises list and "
    "right-click ▸ Delete) and come back; otherwise keep the current version and ask the sender "
    "to correct the code",
)


def _area(code: Any) -> str:
    """421281 赤壁市, as the import summary names a jurisdiction; an unknown code alone."""
    known = jurisdiction_by_code(str(code or ""))
    return f"{known.code} {known.name}" if known else str(code or "（无辖区）")


@dataclass(frozen=True)
class CodeClash:
    """An enterprise version held back because another live enterprise holds its code."""

    uuid: str
    name: str
    area: str
    uscc: str
    current_uscc: str  # the code the record keeps here
    holder_uuid: str
    holder_name: str
    holder_area: str

    def warning(self) -> tuple[str, str]:
        """(zh, en): what happened, both enterprises named, and what to do."""
        params: dict[str, object] = {
            "name": self.name, "area": self.area, "uscc": self.uscc,
            "current": self.current_uscc, "holder": self.holder_name,
            "holder_area": self.holder_area}
        return kinded([(own_message(_WARNING, "zh", params), own_message(_WARNING, "en", params))],
                      "code_clash")[0]

    def conflict_json(self) -> dict[str, str]:
        """The import result's conflict entry (`--json`'s `conflicts`)."""
        return {"kind": "enterprise", "uuid": self.uuid, "reason": REASON, "uscc": self.uscc,
                "local_uuid": self.holder_uuid, "local_name": self.holder_name}


def clash(w: MergeWriter, spec: Any, uuid: str, values: dict[str, Any],
          live_row: dict[str, Any] | None) -> CodeClash | None:
    """The clash when writing `values` as enterprise `uuid`'s live row would give a second live
    enterprise its code (looked up as the twin lookup does: SQLite's text of the value)."""
    if spec.table != "enterprise" or values.get("deleted_at") is not None \
            or values.get("uscc") is None:
        return None
    holder = w.live_enterprise_by_uscc(str(values["uscc"]))
    if holder is None or holder == uuid:
        return None
    row = w.live(spec, holder) or {}
    return CodeClash(uuid, str(values.get("name") or ""), _area(values.get("jurisdiction_code")),
                     str(values["uscc"]), str((live_row or {}).get("uscc") or ""), holder,
                     str(row.get("name") or ""), _area(row.get("jurisdiction_code")))


class CodeTaken(CombinationRefused):
    """A resolution that would give an enterprise a code another live enterprise holds."""

    def text(self, lang: str = "zh") -> str:
        return "；".join(i.text(lang) for i in self.issues)


class _TakenIssue(Issue):
    MESSAGES = {"uscc.taken_here": _TAKEN}


def refuse_taken(w: MergeWriter, spec: Any, uuid: str, chosen: dict[str, Any]) -> None:
    """Raise `CodeTaken` (nothing written) when the version chosen to resolve a conflict of
    enterprise `uuid` carries a code another live enterprise holds: the save would break the
    one-code-one-enterprise rule, whichever version is chosen."""
    found = clash(w, spec, uuid, chosen, None)
    if found is not None:
        raise CodeTaken([_TakenIssue("uscc", "uscc.taken_here", {
            "uscc": found.uscc, "holder": found.holder_name, "holder_area": found.holder_area})])


# --- a NEW enterprise filed under the one holding its code (the twin rule) -------------------
#
# The twin rule is right for one firm entered by two offices, whose names often differ a
# little (赤壁羊楼洞茶业 / 赤壁市羊楼洞茶业有限公司). When the names differ beyond that, the two
# may be different firms, one with a wrong code, and the package's records of one are now
# filed under the other: the import says so, naming both, with the records it filed.

_FILED_NOW = (
    "新企业归入了名称不同的另一企业：数据包中的新企业“{name}”（{area}）的统一社会信用代码 {uscc} "
    "已属于本机企业“{holder}”（{holder_area}）。按“一个代码只属于一家企业”，它没有另建档案，",
    "New enterprise filed under another one with a different name: the package's new enterprise "
    "“{name}” ({area}) has the credit code {uscc}, which “{holder}” ({holder_area}) holds here. "
    "A code belongs to one enterprise only, so no file was made for it: ",
)
_FILED_BEFORE = (
    "企业仍归在名称不同的另一企业名下：数据包中的企业“{name}”（{area}）以前因统一社会信用代码 {uscc} "
    "归入了本机企业“{holder}”（{holder_area}），至今未核实，",
    "Enterprise still filed under another one with a different name: the package's enterprise "
    "“{name}” ({area}) was filed earlier under “{holder}” ({holder_area}) here for its credit "
    "code {uscc} and has not been checked since: ",
)
_FILED = (
    "数据包中它的 {count} 条记录（{kinds}）已归入“{holder}”名下。请与发送方核实：如是同一家企业"
    "（两处录入的名称不同），在“记录 ▸ 处理合并冲突…”中点“已核对，保持现状”即可；如是两家不同的企业，"
    "说明其中一家的代码填错了：请填错代码的一方更正代码后重新发送，然后把这条提示报告系统维护人员，"
    "由其把已归入“{holder}”的“{name}”的记录分开（本程序目前不能自动分开）；在此之前不要点“已核对，保持现状”",
    "its {count} record(s) of the package ({kinds}) were filed under “{holder}”. Check with the "
    "sender: if they are one enterprise (named differently by two offices), confirm it under "
    "Record ▸ Resolve merge conflicts… with “Checked, keep as it is”; if they are different "
    "enterprises, one code is wrong: have the office that entered the wrong code correct it and "
    "send again, then report this note to your system administrator to have the records of "
    "“{name}” filed under “{holder}” separated (this program cannot separate them yet); until "
    "then do not click “Checked, keep as it is”",
)
_TWIN_NOTE = (
    "数据包中的新企业“{name}”（{area}）与本机企业“{holder}”（{holder_area}）统一社会信用代码相同"
    "（{uscc}），所以没有另建档案：它和它的检查记录、整改等都归入了“{holder}”名下，下表左列是“{holder}”，"
    "右列是数据包中的“{name}”。{verdict}",
    "The package's new enterprise “{name}” ({area}) has the same credit code ({uscc}) as "
    "“{holder}” ({holder_area}) here, so no file was made for it: it and its visits, orders and "
    "other records were filed under “{holder}”; the left column below is “{holder}”, the right "
    "one the package's “{name}”. {verdict}",
)
_VERDICT_DIFFERENT = (
    "两者名称不同：如是同一家企业（两处录入的名称不同），点“已核对，保持现状”；如是两家不同的企业，"
    "说明其中一家的代码填错了：请填错代码的一方更正代码后重新发送，并请系统维护人员把归入的记录分开"
    "（本程序目前不能自动分开），在此之前不要点“已核对，保持现状”。",
    "The names differ: if they are one enterprise named differently by two offices, click "
    "“Checked, keep as it is”; if they are different enterprises, one code is wrong: have the "
    "office that entered the wrong code correct it and send again, and ask your system "
    "administrator to separate the records filed together (this program cannot separate them "
    "yet); until then do not click “Checked, keep as it is”.",
)
_VERDICT_SAME = (
    "两者名称只在写法上不同（辖区名、有限公司等），多半是两处录入的同一家企业：核实后点“已核对，保持现状”。",
    "The names differ only in how they are written (a place name, 有限公司 …): most likely one "
    "enterprise entered by two offices; once checked, click “Checked, keep as it is”.",
)

# Leading place names that do not tell two firms apart when the other name has the same place
# or none: 湖北省 and Xianning's jurisdictions, in full and without 市/县/区.
_PLACES: tuple[tuple[str, str], ...] = tuple(sorted(
    [("湖北省", ""), ("湖北", "")]
    + [(j.name, j.code) for j in JURISDICTIONS]
    + [(j.name[:-1], j.code) for j in JURISDICTIONS if j.name[-1] in "市县区"],
    key=lambda p: -len(p[0])))
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "公司")
_DROPPED = str.maketrans("", "", "()[]{}【】〔〕〈〉《》「」")


def name_key(name: str) -> tuple[str, tuple[str, ...]]:
    """(the name's core, the place codes it starts with): NFKC (full/half width), case,
    whitespace and brackets (not their contents) ignored; leading place names and ONE
    trailing legal form (股份有限公司, 有限责任公司, 有限公司, 公司) taken off. Nothing else: a
    dropped or changed character stays a difference."""
    text = "".join(unicodedata.normalize("NFKC", name or "").casefold().split()).translate(_DROPPED)
    places: list[str] = []
    found = True
    while found:
        found = False
        word, code = next(((w, c) for w, c in _PLACES if text.startswith(w)), ("", ""))
        if word and len(text) > len(word):  # the longest place name, never the whole name
            text, found = text[len(word):], True
            if code:
                places.append(code)
    for form in _LEGAL_FORMS:
        if text.endswith(form) and len(text) > len(form):
            text = text[:-len(form)]
            break
    return text, tuple(places)


def same_firm_name(a: str, b: str) -> bool:
    """Names that can be one firm's, written by two offices: the same core (`name_key`), and
    places that agree (one names none, or one's place lies within the other's: 嘉鱼县 within
    咸宁市). Conservative: 嘉鱼管业 and 赤壁管业, or 泰茂管业 and 新管材, differ."""
    (core_a, places_a), (core_b, places_b) = name_key(a), name_key(b)
    if core_a != core_b:
        return False
    if not places_a or not places_b:
        return True
    return within(places_a[-1], places_b[-1]) or within(places_b[-1], places_a[-1])


@dataclass
class FiledUnder:
    """An enterprise of the package filed under the local one holding its code, the names
    differing (`same_firm_name`), and how many records of this package went with it."""

    uuid: str
    name: str
    area: str
    uscc: str
    holder_uuid: str
    holder_name: str
    holder_area: str
    counts: dict[str, int] = field(default_factory=dict)  # records of this package, by table
    new: bool = True  # filed by this import (else before, and still unchecked)

    def total(self) -> int:
        return sum(self.counts.values())

    def warning(self) -> tuple[str, str]:
        """(zh, en): both firms, the records filed, and what to do."""
        kinds = [(SPEC_BY_TABLE[t].sheet, t, n) for t, n in self.counts.items() if n]
        params: dict[str, object] = {
            "name": self.name, "area": self.area, "uscc": self.uscc, "holder": self.holder_name,
            "holder_area": self.holder_area, "count": self.total(),
            "kinds": ("、".join(f"{sheet} {n} 条" for sheet, _t, n in kinds),
                      ", ".join(f"{t}: {n}" for _s, t, n in kinds))}
        head = _FILED_NOW if self.new else _FILED_BEFORE
        zh, en = (own_message(head, lang, params) + own_message(_FILED, lang, params)
                  for lang in ("zh", "en"))
        return kinded([(zh, en)], "filed_under")[0]

    def to_json(self) -> dict[str, Any]:
        """`--json`'s `filed_under` entry."""
        return {"uuid": self.uuid, "name": self.name, "uscc": self.uscc,
                "local_uuid": self.holder_uuid, "local_name": self.holder_name,
                "records": self.total(), "counts": dict(self.counts), "filed_now": self.new}


def twin_note(name: str, area: Any, holder: str, holder_area: Any, uscc: str,
              lang: str) -> str:
    """The conflict view's words for a `duplicate_uscc` conflict: what was filed where, and
    what to do (the verdict depends on `same_firm_name`)."""
    verdict = _VERDICT_SAME if same_firm_name(name, holder) else _VERDICT_DIFFERENT
    return own_message(_TWIN_NOTE, lang, {
        "name": name, "area": _area(area), "holder": holder, "holder_area": _area(holder_area),
        "uscc": uscc, "verdict": verdict})


@dataclass
class TwinWatch:
    """During one merge: the enterprises filed under another whose names differ (filed now,
    or before and still unreviewed), and the records of the package filed with them (linked
    to one directly, or through a record of the package that is)."""

    found: dict[str, FiledUnder] = field(default_factory=dict)  # by the package's uuid
    _under: dict[str, dict[str, str]] = field(default_factory=dict)  # table: uuid -> firm
    _earlier: dict[str, FiledUnder] = field(default_factory=dict)  # unreviewed, not yet seen

    def start(self, w: MergeWriter) -> None:
        """The unreviewed twins filed before this merge (their names differing)."""
        for uuid, holder, row_json in w.open_twins():
            values = json.loads(row_json)
            filed = self._filed(w, uuid, values, holder)
            if filed is not None:
                filed.new = False
                self._earlier[uuid] = filed

    def _filed(self, w: MergeWriter, uuid: str, values: dict[str, Any],
               holder: str) -> FiledUnder | None:
        row = w.live(SPEC_BY_TABLE["enterprise"], holder) or {}
        name, holder_name = str(values.get("name") or ""), str(row.get("name") or "")
        if same_firm_name(name, holder_name):
            return None
        return FiledUnder(uuid, name, _area(values.get("jurisdiction_code")),
                          str(values.get("uscc") or ""), holder, holder_name,
                          _area(row.get("jurisdiction_code")))

    def _count(self, table: str, uuid: str, firm: str) -> None:
        filed = self.found.get(firm) or self._earlier.pop(firm)
        self.found[firm] = filed
        filed.counts[table] = filed.counts.get(table, 0) + 1
        self._under.setdefault(table, {})[uuid] = firm

    def arrived(self, w: MergeWriter, uuid: str, values: dict[str, Any], holder: str,
                new: bool) -> None:
        """An enterprise row of the package filed under `holder` (`new`: just now)."""
        if new:
            filed = self._filed(w, uuid, values, holder)
            if filed is None:
                return
            self._earlier[uuid] = filed
        elif uuid not in self._earlier and uuid not in self.found:
            return
        self._count("enterprise", uuid, uuid)

    def rows(self, spec: SheetSpec, rows: list[Any]) -> None:
        """Count a chunk's records linked to a watched firm (a column at a time; nothing to do
        when no firm is watched)."""
        if not (self._earlier or self.found):
            return
        for i, f in spec.parent_slots:
            firms = self._under.get(f.parent, {}) if f.parent != "enterprise" else \
                {u: u for u in (*self._earlier, *self.found)}
            if not firms:
                continue
            seen = self._under.setdefault(spec.table, {})
            for row in rows:
                firm = firms.get(row[1][i])
                if firm is not None and row[0] not in seen:
                    self._count(spec.table, row[0], firm)

    def report(self, warnings: list[str], warnings_en: list[str]) -> None:
        for filed in self.found.values():
            zh, en = filed.warning()
            warnings.append(zh)
            warnings_en.append(en)


def file_twin(w: MergeWriter, values: dict[str, Any], incoming: Head, signer: str,
              package_sha256: str, conflicts: list[dict[str, str]], watch: TwinWatch
              ) -> str | None:
    """The twin rule: the outcome (the record filed under the local enterprise holding its
    code) when enterprise `values` is one filed so before, or is NEW here and live with a code a
    live enterprise holds; None otherwise. The version is kept as the twin's `duplicate_uscc`
    entry as `twin_versions.plan` says: one open entry per twin, none once it was checked."""
    uuid = values["uuid"]
    holder = w.alias("enterprise", uuid)
    new = holder is None
    if new:
        if w.known("enterprise", uuid) or values.get("deleted_at") is not None:
            return None
        holder = w.live_enterprise_by_uscc(str(values.get("uscc")))
        if holder is None:
            return None
        w.add_alias("enterprise", uuid, holder, "duplicate_uscc")
    todo = twin_versions.plan(w.twin_entries(uuid), incoming, values)
    w.drop_conflicts("enterprise", uuid, todo.supersede)
    row = with_lineage(values, incoming)
    if todo.follow is not None:
        w.follow_checked(todo.follow, incoming.id, row, signer, package_sha256)
    if todo.open:
        w.add_conflict("enterprise", uuid, incoming.id, "duplicate_uscc", row, signer,
                       package_sha256)
        conflicts.append({"kind": "enterprise", "uuid": uuid, "reason": "duplicate_uscc",
                          **({"local_uuid": holder} if new else {})})
    watch.arrived(w, uuid, values, holder, new)
    return todo.outcome
