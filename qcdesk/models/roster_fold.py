"""Rows of one enterprise written more than once in a list: the later rows fold into the first.

A firm with an XK and an SC licence is written as two rows with one credit code (rule 5 of the
template: one licence a row), and lists copied together repeat rows. Refusing every later row
lost the second licence and counted a harmless copy as a problem. Now an identical row is a
note (ignored); a row whose details agree with the first adds its licence (and any detail the
first left blank) to the same enterprise; a row whose details differ is refused, naming them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qcdesk.models.jurisdictions import jurisdiction_by_code
from qcdesk.models.roster_plan import RosterIssue, RosterRow

# field -> (中文, English), as the messages name them
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("企业名称", "name"), "jurisdiction_code": ("所属县市区", "county"),
    "address": ("地址", "address"), "industry": ("行业", "industry"),
    "contact_name": ("联系人", "contact"), "contact_phone": ("联系电话", "phone"),
    "legal_representative": ("法定代表人", "legal representative"),
    "main_products": ("主要产品", "main products"), "licence_expires": ("许可证有效期至", "licence validity"),
}


@dataclass
class FirstRow:
    """The row an enterprise was first planned from, and what later rows may add to it."""

    item: RosterRow
    incoming: dict[str, str]  # field -> value as planned ("" when not given)
    texts: tuple[str, ...]  # every cell as given: an identical row is only a copy
    licences: dict[str, str | None] = field(default_factory=dict)  # number -> validity date
    rows: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict)  # cells -> (row, sheet)

    def __post_init__(self) -> None:
        self.rows.setdefault(self.texts, (self.item.row, self.item.sheet))


def row_at(row: int, sheet: str, here: str) -> tuple[str, str]:
    """("第4行", "row 4") of a row seen from a row of sheet `here`: another sheet is named."""
    if sheet and sheet != here:
        return f"工作表“{sheet}”第{row}行", f"sheet “{sheet}” row {row}"
    return f"第{row}行", f"row {row}"


def _shown(key: str, value: Any) -> str:
    if key == "jurisdiction_code":
        place = jurisdiction_by_code(str(value))
        return place.name if place else str(value)
    return str(value or "（空）")


def fold_row(first: FirstRow, row_no: int, sheet: str, incoming: dict[str, str],
             licence: tuple[str, str | None] | None, texts: tuple[str, ...], issues: list[RosterIssue],
             column: str, add_licence: Callable[[RosterRow, str, str | None], None]) -> bool:
    """Fold row `row_no` into `first`; True when it was (a note says how), False when its
    details differ from the first row's (a problem in `column` names them)."""
    at = row_at(first.item.row, first.item.sheet, sheet)
    if texts in first.rows:  # a copy of this firm's first row or of a row folded into it
        issues.append(RosterIssue(row_no, "", "roster.duplicate_same",
                                  {"at": row_at(*first.rows[texts], sheet)}, True))
        return True
    ours = dict(incoming)
    theirs = dict(first.incoming)
    if licence is not None and licence[0] in first.licences:
        ours["licence_expires"] = licence[1] or ""
        theirs["licence_expires"] = first.licences[licence[0]] or ""
    differ = [k for k, v in ours.items() if v and theirs.get(k) and v != theirs[k]]
    if differ:
        issues.append(RosterIssue(row_no, column, "roster.duplicate_in_file", {
            "at": at,
            "fields": ("、".join(FIELD_WORDS[k][0] for k in differ),
                       ", ".join(FIELD_WORDS[k][1] for k in differ)),
            "theirs": "；".join(_shown(k, theirs[k]) for k in differ),
            "ours": "；".join(_shown(k, ours[k]) for k in differ)}))
        return False
    first.rows[texts] = (row_no, sheet)
    item, gained = first.item, []
    for key, value in incoming.items():
        if value and not first.incoming.get(key):  # a detail the first row left blank
            first.incoming[key] = value
            old = getattr(item.enterprise, key)
            if value != old:
                item.changes[key] = (old, value)
                setattr(item.enterprise, key, value)
            gained.append(FIELD_WORDS[key])
    if licence is not None:
        number, expires = licence
        if number not in first.licences or expires and not first.licences[number]:
            add_licence(item, number, expires)
            first.licences[number] = expires
            gained.append((f"许可证 {number}", f"licence {number}"))
    if not gained:
        issues.append(RosterIssue(row_no, "", "roster.duplicate_nothing_new", {"at": at}, True))
        return True
    if item.action == "unchanged" and item.changes:
        item.action = "update"
    what = ("、".join(g[0] for g in gained), ", ".join(g[1] for g in gained))
    issues.append(RosterIssue(row_no, "", "roster.duplicate_joined", {"at": at, "what": what}, True))
    return True
