"""Live inspectors sharing a 执法证号: one person held as two or more records.

A local save refuses a 执法证号 another live inspector holds (`inspections._check_cert_unique`),
but two laptops that each typed in the same colleague, or each imported the same 执法人员名录
(new uuids per database), send two records of one person, and they meet at the county. Imports
keep both (a package is signed evidence; the visits name their own record), so the import names
each such number, the 执法人员名册 marks the records, and the draw counts them as one person
(pool rule 5, `draw_pool._people`). QCDesk has no merge of two inspector records and no delete
in the roster: the way out is to untick 在岗 on the extra records (the draw and the pickers skip
them; their visits keep naming them). Only records in the roster (live and 在岗) count.

Leading zeros do not split a person (`person_cert`): Excel drops the 0 of 04212220002 typed into a
number cell, so 4212220002 and 04212220002 are one number here and in the draw (pool rule 6).
Nor do width and blanks: ４２１２２２０００２ and 4212 220002, stored before saves folded them, are
4212220002 here and in the draw (pool rule 8).

Cheap by size, so no index (a migration would copy every database on upgrade): one scan
of the inspector table, grouped in Python, twice per import (3,000 inspectors: under 1 ms; an index on cert_no
saved 0.1 ms), and only for a number newly shared one pass over the visits to count each
record's (100,000 visits: about 0.1 s, once).
"""

from __future__ import annotations

from dataclasses import dataclass

from qcdesk.exchange.warning_groups import kinded
from qcdesk.models.clock_text import local_date
from qcdesk.models.store import Store
from qcdesk.models.typed_text import cert_number

_LIVE = "deleted_at IS NULL AND active = 1 AND trim(cert_no) != ''"

_TEXTS = {
    "created": ("执法证号重复：导入后，执法证号 {cert} 同时属于 {n} 条在岗的执法人员记录——{people}。",
                "Duplicate enforcement certificate no.: after this import {cert} is on {n} active "
                "inspector records — {people}. "),
    "advice": ("一个执法证号只对应一个人（多半是双方各自录入了同一人，或各自导入了同一份执法人员名录）；"
               "双随机抽取已把它们算作一人。请在“执法人员名册”中保留检查记录最多的一条（{keep}），"
               "把其余标有“重复”的记录的“在岗”取消勾选：已有的检查记录不受影响",
               "One certificate number is one person (most likely each side typed in the same "
               "person, or each imported the same inspector register); the random draw already "
               "counts them as one. In Inspector roster keep the record with the most visits "
               "({keep}) and untick Active on the other records marked duplicate: existing visits "
               "are not affected"),
    "tie": ("它们的检查记录一样多，保留任意一条即可", "they hold as many visits each: keep any one"),
    "person": ("{name}（{unit}，{visits} 次检查，{day}录入）",
               "{name} ({unit}, {visits} visits, entered {day})"),
    "untouched": ("另有 {n} 个执法证号在导入前已同时属于多条在岗的执法人员记录，"
                  "见“执法人员名册”中标有“重复”的行",
                  "{n} more certificate number(s) were already on several active inspector records "
                  "before this import: see the rows marked duplicate in Inspector roster"),
}


@dataclass(frozen=True)
class CertRecord:
    """One of the records sharing a number, as the warning and the roster name it."""

    uuid: str
    name: str
    unit: str  # jurisdiction name (the code when unknown)
    visits: int  # live visits naming this record
    entered: str  # created_at's local day (what the clerk's calendar said)


def person_cert(cert: str) -> str:
    """The number a person is known by: half-width without blanks (`typed_text.cert_number`: a
    number typed in full-width mode or with a space is the same officer), without leading zeros,
    which a number cell loses."""
    cert = cert_number(cert)
    return cert.lstrip("0") or cert


def shared_certs(store: Store) -> dict[str, frozenset[str]]:
    """执法证号 → uuids of the live, 在岗 records holding it, for numbers held by two or more;
    forms differing only by leading zeros are one number, named as 04212220002、4212220002."""
    groups: dict[str, tuple[set[str], set[str]]] = {}
    for uuid, cert in store.db.execute(f"SELECT uuid, trim(cert_no) FROM inspector WHERE {_LIVE}"):
        forms, uuids = groups.setdefault(person_cert(cert), (set(), set()))
        forms.add(cert)
        uuids.add(uuid)
    return {"、".join(sorted(forms)): frozenset(uuids) for forms, uuids in groups.values() if len(uuids) > 1}


def records(store: Store, uuids: frozenset[str]) -> list[CertRecord]:
    """The records, most visits first, then oldest (the one the draw stands for the person)."""
    visits = dict(store.db.execute(
        "SELECT j.value, count(DISTINCT v.id) FROM visit v, json_each(CASE WHEN json_valid(v.inspectors)"
        " THEN v.inspectors ELSE '[]' END) j WHERE v.deleted_at IS NULL"
        " AND j.value IN (SELECT value FROM json_each(:u)) GROUP BY j.value",
        {"u": _json(uuids)}).fetchall())
    rows = store.db.execute(
        "SELECT i.uuid, i.name, coalesce(j.name, i.jurisdiction_code), i.created_at"
        " FROM inspector i LEFT JOIN jurisdiction j ON j.code = i.jurisdiction_code"
        " WHERE i.uuid IN (SELECT value FROM json_each(:u)) ORDER BY i.created_at, i.uuid",
        {"u": _json(uuids)}).fetchall()
    # the local day, as every other date the app shows: 07:30 in China is not yesterday (r1 R4)
    found = [CertRecord(r[0], r[1], r[2], int(visits.get(r[0], 0)), local_date(r[3])) for r in rows]
    return sorted(found, key=lambda r: -r.visits)  # stable: the oldest first among equals


def _json(uuids: frozenset[str]) -> str:
    import json

    return json.dumps(sorted(uuids))


class CertCheck:
    """Numbers shared before an import, then the warnings for those it leaves shared anew."""

    def __init__(self, store: Store) -> None:
        self.before = shared_certs(store)

    def warnings(self, store: Store) -> list[tuple[str, str]]:
        """(Chinese, English) per number this import left on several records; one line for the rest."""
        after = shared_certs(store)
        new = {c: u for c, u in sorted(after.items()) if not u <= self.before.get(c, frozenset())}
        out = []
        for cert, uuids in new.items():
            people = records(store, uuids)
            words = []
            tie = people[0].visits == people[1].visits
            for k in (0, 1):
                said = [_TEXTS["person"][k].format(name=p.name, unit=p.unit, visits=p.visits, day=p.entered)
                        for p in people]
                words.append(_TEXTS["created"][k].format(cert=cert, n=len(people),
                                                         people=("；" if k == 0 else "; ").join(said))
                             + _TEXTS["advice"][k].format(keep=_TEXTS["tie"][k] if tie else said[0]))
            out += kinded([(words[0], words[1])], "cert_duplicate")  # grouped when many
        if rest := len(after) - len(new):
            out.append((_TEXTS["untouched"][0].format(n=rest), _TEXTS["untouched"][1].format(n=rest)))
        return out
