"""An incoming enterprise version whose 统一社会信用代码 another live enterprise here holds.

The schema allows one live enterprise per code (`enterprise_uscc_live`, the only UNIQUE index
of a synced table besides each table's uuid, which the merge looks rows up by). A NEW record
arriving with a code held here is filed under the holder (the twin mapping, importer._apply).
An UPDATE that moves an existing record onto another record's code (a county corrects its
enterprise's code to the one another office's enterprise holds at the city), or brings a
deleted record back while its code is taken, cannot be written: both are records with their
own visits and orders, and merging two records is a person's decision. So the record stays as
it is here and the incoming version is kept whole as a conflict (`REASON`), counted, listed
with both enterprises named (`CodeClash.warning`), and resolved in the conflict view: keep the
current version, or take the incoming one once the code is free (`refuse_taken`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qcdesk.models.conflict_checks import CombinationRefused
from qcdesk.models.jurisdictions import jurisdiction_by_code
from qcdesk.models.merge_writer import MergeWriter
from qcdesk.models.messages import Issue, own_message

REASON = "uscc_taken"  # exchange_conflict.reason of such a kept version

_WARNING = (
    "信用代码与另一企业相同：数据包中企业“{name}”（{area}）的统一社会信用代码为 {uscc}，"
    "而本机另一企业“{holder}”（{holder_area}）已使用此代码。一个代码只能属于一家企业，"
    "所以这一版本没有生效：“{name}”仍是导入前的样子（代码 {current}），数据包中的版本已完整保留为冲突。"
    "请与两个辖区核实：如是同一家企业，请在其中一处删除多余的档案，代码空出后在“记录 › 处理合并冲突…”中"
    "采用数据包的版本；如代码填错了，请在那里保留现行版本，并请发送方更正",
    "Credit code held by another enterprise: the package gives “{name}” ({area}) the credit code "
    "{uscc}, which “{holder}” ({holder_area}) already holds here. A code belongs to one enterprise "
    "only, so this version was not applied: “{name}” stays as it was (code {current}) and the "
    "package's version is kept whole as a conflict. Check with both offices: if they are one "
    "enterprise, delete the extra file in one of them and, once the code is free, use the "
    "package's version under Record › Resolve merge conflicts…; if the code is wrong, keep the "
    "current version there and ask the sender to correct it",
)
_TAKEN = (
    "统一社会信用代码 {uscc} 现在属于企业“{holder}”（{holder_area}），一个代码只能属于一家企业，"
    "因此不能采用这个版本，数据没有任何改动。如两者是同一家企业，请先删除多余的一份档案，再回来采用；"
    "否则请保留现行版本，并请发送方更正代码",
    "Credit code {uscc} now belongs to “{holder}” ({holder_area}); a code belongs to one "
    "enterprise only, so this version cannot be used and nothing was changed. If they are one "
    "enterprise, delete the extra file first and come back; otherwise keep the current version "
    "and ask the sender to correct the code",
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
        return own_message(_WARNING, "zh", params), own_message(_WARNING, "en", params)

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
