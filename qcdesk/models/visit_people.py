"""How many people a visit's inspectors are, for the rule 至少两名执法人员 (part of validate_visit).

Why: a 监督抽查 or 复查 is made by at least two inspectors, but two inspector records can be one
person: the same 执法证号 entered twice in the 执法人员名册 (typed in full-width mode or with a
space before saves folded it, or each laptop typed the colleague in and both records met at the
county: `cert_duplicates`). Counting records let one officer pass the rule alone, as picking his
two records in the chooser. People are told apart as the draw tells them (`person_cert`: width,
blanks and leading zeros folded); a record without a number is a person of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from qcdesk.models.cert_duplicates import person_cert
from qcdesk.models.message_labels import FIELD_LABELS
from qcdesk.models.messages import Issue

if TYPE_CHECKING:
    from qcdesk.models.store import Store


class SamePersonIssue(Issue):
    """`inspectors.too_few` when the count is short because records are one person: the same rule
    (forms, the ledger import and conflicts treat it as before), words naming the duplicate."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "inspectors.too_few": (
            "{kind}须由至少两名执法人员实施：所选的{who}是同一个人（执法证号 {cert}，在执法人员名册中"
            "登记了不止一次），只算一名，当前实际选择了{count}名。请另选一名执法人员；"
            "重复登记的记录请在“执法人员名册”中取消勾选“在岗”",
            "A {kind} needs at least two inspectors: {who} selected here are one person "
            "(certificate no. {cert}, entered more than once in the inspector roster), so they count "
            "as one and {count} is selected. Choose another inspector; untick Active on the "
            "duplicate record in Inspector roster",
        ),
    }


def team_people(store: Store, uuids: Sequence[str]) -> tuple[int, list[tuple[str, str]]]:
    """(people among the records `uuids` name, the records of the first person named by two or
    more as (name, 执法证号)). A uuid twice (a double click) is one record; an unknown uuid counts
    as one person (validate_visit says it is unknown)."""
    wanted = list(dict.fromkeys(u for u in uuids if isinstance(u, str)))
    found = {r[0]: (r[1], r[2]) for r in store.db.execute(
        "SELECT uuid, name, trim(cert_no) FROM inspector WHERE uuid IN (SELECT value FROM json_each(?))",
        [_json(wanted)])}
    persons: dict[str, list[tuple[str, str]]] = {}
    for uuid in wanted:
        name, cert = found.get(uuid, ("", ""))
        persons.setdefault(_person(uuid, cert), []).append((name, cert))
    shared = next((records for records in persons.values() if len(records) > 1), [])
    return len(persons), shared


def roster_people(store: Store) -> int:
    """People on the roster (live, 在岗 records), as the checklist's "a spot check needs at least
    two" counts them: one officer entered twice is one, as on a visit and in the draw."""
    return len({_person(uuid, cert) for uuid, cert in store.db.execute(
        "SELECT uuid, trim(cert_no) FROM inspector WHERE deleted_at IS NULL AND active = 1")})


def _person(uuid: str, cert: str | None) -> str:
    """Who a record is: its folded 执法证号, or the record itself when it has none."""
    key = person_cert(cert) if cert else ""
    return f"cert:{key}" if key else f"uuid:{uuid}"


def too_few_issue(kind_label: str, count: int, shared: list[tuple[str, str]],
                  warning: bool = False) -> Issue:
    """The rule's issue: the usual words, or, when records of one person were counted once, words
    naming them and their number."""
    params: dict[str, object] = {"kind": kind_label, "count": count}
    if not shared:
        return Issue("inspectors", "inspectors.too_few", params, warning)
    who = ("与".join(f"“{n}”" for n, _ in shared), " and ".join(f"“{n}”" for n, _ in shared))
    kind = (kind_label, FIELD_LABELS.get(kind_label, kind_label))
    return SamePersonIssue("inspectors", "inspectors.too_few",
                           {**params, "kind": kind, "who": who, "cert": shared[0][1]}, warning)


def _json(values: list[str]) -> str:
    import json

    return json.dumps(values)
