"""How a county clerk's list writes a cell, read as what the clerk meant, before any check.

A group of firms in one park is typed once and then 同上 (or 〃) under 地址, 联系人 and 联系电话;
phones carry a label or a note (手机：139…, 139…（微信同号）); a provincially issued licence is
typed without its brackets (鄂XK13-006-00120). None of that is a slipped column (roster_shape)
or a wrong value: 同上 takes the value of the row above, the phone's label and note are
dropped when what remains is a number the enterprise file accepts (stored as it stores it), and
the licence gets its brackets back, the form domain rules give it. Nothing else is loosened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from qcdesk.models.codes import licence_kind, normalize_licence
from qcdesk.models.enterprise_checks import compact_phone, normalise_phone, phone_issues
from qcdesk.models.roster_plan import RosterIssue
from qcdesk.models.roster_reading import cell_text, first_given

DITTO_ABOVE = ("同上", "同前", "〃", '"', "”", "“", "''")  # the cell of the row above
DITTOS = (*DITTO_ABOVE, "同左")  # 同左 (the cell to the left) cannot be resolved safely
FILLED_FROM_ABOVE = ("address", "contact_name", "contact_phone")  # what a park group repeats

_SEPARATORS = re.compile(r"([、/,;，；])")
_LABEL = re.compile(r"^(?:手机号码|手机号|手机|移动电话|联系电话|办公电话|电话|座机|固话|"
                    r"tel|phone|mobile)\.?\s*[:：]?\s*", re.IGNORECASE)
_NOTE = re.compile(r"\s*[(（][^()（）0-9]*[)）]$")  # （微信同号）, (办公室): words, no digits
_BARE_PROVINCE = re.compile(r"([\u4e00-\u9fff]{1,2})(XK.*)")


def is_ditto(text: str) -> bool:
    """A "same as" mark rather than a value."""
    return text.strip() in DITTOS


def roster_phone(text: str) -> str:
    """The phone as the enterprise file stores it, each number's label (手机：) and trailing note
    (（微信同号）) dropped when what remains is a number it accepts; else as given."""
    parts = _SEPARATORS.split(normalise_phone(text))
    for i in range(0, len(parts), 2):
        bare = _NOTE.sub("", _LABEL.sub("", parts[i].strip())).strip()
        if bare != parts[i].strip() and any(ch.isdigit() for ch in bare) and not any(
                not issue.warning for issue in phone_issues("contact_phone", compact_phone(bare))):
            parts[i] = bare
    return compact_phone("".join(parts))


def roster_licence(text: str) -> str:
    """A production licence typed without its province's brackets (鄂XK13-006-00120) as
    (鄂)XK13-006-00120; any other text as given."""
    match = _BARE_PROVINCE.fullmatch(normalize_licence(text))
    if match and licence_kind(bracketed := f"({match[1]}){match[2]}") == "XK":
        return bracketed
    return text


def fill_dittos(lines: Iterator[tuple[int, list[Any], dict[str, list[int]], str]], plan: Any,
                labels: dict[str, str]) -> Iterator[tuple[int, list[Any], dict[str, list[int]], str]]:
    """The lines with 同上 in 地址/联系人/联系电话 replaced by the row above's value (its sheet's);
    a mark with nothing above it, or 同左, is left out with a warning. When done, a note on the
    plan says how many cells were filled so, with the first as the example."""
    above: dict[tuple[str, str], Any] = {}
    filled: list[tuple[int, str, str]] = []
    for row_no, raw, header, tag in lines:
        raw = list(raw)
        left: list[RosterIssue] = []
        for key in FILLED_FROM_ABOVE:
            for i in (i for i in header.get(key, ()) if i < len(raw) and is_ditto(cell_text(raw[i]))):
                text = cell_text(raw[i])
                raw[i] = above.get((tag, key)) if text.strip() in DITTO_ABOVE else None
                if raw[i] is None:
                    left.append(RosterIssue(row_no, labels[key], "roster.ditto_left_out",
                                            {"value": text}, True, tag))
                else:
                    filled.append((row_no, labels[key], cell_text(raw[i])))
        if any(cell_text(cell) for cell in raw):  # a blank line between groups is no row above
            plan.issues.extend(left)
            above.update({(tag, key): first_given(raw, header.get(key, []))
                          for key in FILLED_FROM_ABOVE})
        yield row_no, raw, header, tag
    if filled:
        row, label, value = filled[0]
        plan.notes.append(RosterIssue(0, "", "roster.ditto_filled", {
            "count": len(filled), "row": row, "column": label, "value": value}, True))
