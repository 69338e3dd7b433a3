"""The demo generator: rows as tuples, in batches, from one `random.Random(seed)`.

Everything a row holds derives from the seed and `today` (ids, uuids, timestamps), so two
builds with the same parameters are identical. Rows are tuples in the column order of
`COLUMNS`, ready for `executemany`; this is what makes a million visits quick to build.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from datetime import date
from itertools import accumulate

from qcdesk.models.codes import iso7064_mod11_10, org_code_check_character, uscc_check_character
from qcdesk.models.demo_profiles import (
    CERTIFICATIONS,
    COUNTY_NAME,
    GIVEN,
    INDUSTRIES,
    JURISDICTION_MIX,
    NAME_PREFIX,
    ORGANISER,
    ROADS,
    SIZES,
    SURNAMES,
    TOWNS,
    TRADE_WORDS_1,
    TRADE_WORDS_2,
    ZONE_MILESTONES,
    ZONES,
)
from qcdesk.models.demo_visits import VisitRows
from qcdesk.models.search_text import firm_tokens

META = ("id", "uuid", "created_at", "updated_at", "author", "revision", "deleted_at", "origin")
COLUMNS: dict[str, tuple[str, ...]] = {
    "inspector": (*META, "name", "cert_no", "jurisdiction_code", "active"),
    "enterprise": (*META, "uscc", "name", "jurisdiction_code", "address", "industry", "main_products",
                   "above_scale", "in_improvement", "demonstration", "legal_representative",
                   "contact_name", "contact_phone", "size_class", "certifications", "notes"),
    "licence": (*META, "enterprise_id", "kind", "number", "product", "issued_on", "expires_on"),
    "certification": (*META, "enterprise_id", "name", "certificate_no", "expires_on"),
    "contact": (*META, "enterprise_id", "name", "role", "phone"),
    "visit": (*META, "enterprise_id", "visit_date", "kind", "inspectors", "summary", "conclusion",
              "status", "rectification_id"),
    "sample": (*META, "visit_id", "task_no", "organiser", "product_name", "trademark", "spec_model",
               "batch_no", "production_date", "grade", "standard", "unit_price", "lot_size",
               "sample_qty", "test_qty", "backup_qty", "licence_no", "seal_state", "sampling_place",
               "enterprise_size", "samplers", "sampled_on", "remarks", "refused_to_sign",
               "refusal_reason", "result", "failed_items", "result_notified_on"),
    "finding": (*META, "visit_id", "category", "description", "severity", "basis"),
    "rectification": (*META, "enterprise_id", "visit_id", "finding_id", "sample_id", "requirement",
                      "rule_set", "ordered_on", "deadline", "recheck_due", "extended_to",
                      "extension_reason", "extension_requested_on", "status", "escalation",
                      "report_submitted_on", "closed_on", "recheck_visit_id", "notice_no"),
    "demonstration_zone": (*META, "name", "kind", "level", "jurisdiction_code", "lead_industry", "members",
                           "milestones", "status", "notes"),
    "enterprise_fts": ("rowid", "tokens"),
    "finding_fts": ("rowid", "tokens"),
    "visit_fts": ("rowid", "tokens"),
}
ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


_CLOCK = tuple(f"{h:02d}:{m:02d}:{s:02d}." for h in range(1, 9) for m in range(60) for s in range(60))


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class TableRows(dict):
    """table -> (columns, rows); `done_visits` tells progress how far the build has got."""

    done_visits: int = 0


class DemoGenerator(VisitRows):
    """Generates the rows; iterate `batches()` once."""

    def __init__(self, *, seed: int, enterprises: int, visits: int, today: date):
        self.rng = random.Random(seed)
        self.n_enterprises = max(1, enterprises)
        self.n_visits = max(0, visits)
        self.today = today.toordinal()
        self._iso: dict[int, str] = {}
        self.next_id = dict.fromkeys(COLUMNS, 1)
        self.rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        self.serials: dict[str, int] = {}
        self.visit_count = 0
        self._finding_tokens: dict[tuple[str, str], str] = {}
        self._finding_choices: dict[tuple[str, bool], list] = {}

    # -- small helpers (hot paths: keep them cheap) -------------------------------------------
    def iso(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def uuid(self) -> str:
        """A version-4 UUID drawn from the seeded generator (uuid.uuid4() would not repeat)."""
        h = self.rng.getrandbits(128)
        return "%08x-%04x-4%03x-%04x-%012x" % (  # noqa: UP031 - measurably faster than f-strings here
            h >> 96, (h >> 80) & 0xFFFF, (h >> 64) & 0xFFF, 0x8000 | ((h >> 48) & 0x3FFF), h & 0xFFFFFFFFFFFF)

    def ts(self, ordinal: int) -> str:
        """A UTC time in Beijing office hours (01:00–09:00Z) on that day."""
        b = self.rng.getrandbits(40)
        return f"{self.iso(ordinal)}T{_CLOCK[b % 28800]}{(b >> 15) % 1000000:06d}Z"

    def stamps(self, created: int, updated: int | None) -> tuple[str, str]:
        """created_at and an updated_at that is never earlier, even on the same day."""
        first = self.ts(created)
        if updated is None:
            return first, first
        return first, max(first, self.ts(updated))

    def take_id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def serial(self, key: str) -> int:
        self.serials[key] = self.serials.get(key, 0) + 1
        return self.serials[key]

    def person(self) -> str:
        r = self.rng.random
        given = GIVEN[int(r() * len(GIVEN))]
        if r() < 0.7:
            given += GIVEN[int(r() * len(GIVEN))]
        return SURNAMES[int(r() * len(SURNAMES))] + given

    def phone(self) -> str:
        """An obviously made-up number (138-0000-xxxx): trainees see demo data on a projector
        and may note or dial it, and a random real-looking mobile may be someone's. It passes the
        editor's phone check, and draws from the generator as before (the rest of the demo stays)."""
        r = self.rng.random
        if r() < 0.3:
            return f"138-0000-{int(r() * 10_000):04d}"
        r()
        return f"1380000{int(r() * 10_000):04d}"

    def pick(self, items):
        return items[int(self.rng.random() * len(items))]

    def meta(self, table: str, created: int, updated: int | None = None, author: str = "",
             revision: int = 1) -> tuple:
        """id, uuid, created_at, updated_at, author, revision, deleted_at, origin (hot: inlined)."""
        ids = self.next_id
        new_id = ids[table]
        ids[table] = new_id + 1
        first = self.ts(created)
        last = first if updated is None else max(first, self.ts(updated))
        return (new_id, self.uuid(), first, last, author, revision, None, "local")

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)

    def flush(self) -> TableRows:
        batch = TableRows({t: (COLUMNS[t], rows) for t, rows in self.rows.items() if rows})
        batch.done_visits = self.visit_count
        self.rows = {t: [] for t in COLUMNS}
        return batch

    # -- the build ----------------------------------------------------------------------------
    def batches(self) -> Iterator[TableRows]:
        self.make_inspectors()
        self.make_enterprises()
        self.make_zones()
        yield self.flush()
        yield from self.make_visits()

    def make_inspectors(self) -> None:
        self.roster: dict[str, list[str]] = {}
        start = self.today - 900
        for code in [*JURISDICTION_MIX, "421200"]:
            uuids: list[str] = []
            for n in range(8 if code != "421200" else 6):
                # one serial per 6-digit prefix: 咸宁高新区 (421202-HTZ) shares 咸安区's, and an
                # 执法证号 belongs to one person (save_inspector and the register import refuse twins)
                cert = f"{code[:6]}{2016 + n % 6}{self.serial('cert/' + code[:6]):04d}"
                row = self.meta("inspector", start, author="")
                row = (*row[:4], row[1], *row[5:])  # an inspector is the author of their own card
                self.add("inspector", (*row, self.person(), cert, code, 1))
                uuids.append(row[1])
            self.roster[code] = uuids

    def make_enterprises(self) -> None:
        rng = self.rng
        r = rng.random
        codes = list(JURISDICTION_MIX)
        cum_j = list(accumulate(JURISDICTION_MIX[c][0] for c in codes))
        self.ents: list[tuple] = []
        self.zone_pool: list[tuple[str, str, str, int]] = []  # (uuid, code, industry, rank)
        weights: list[float] = []
        names: set[str] = set()
        usccs: set[str] = set()
        for _ in range(self.n_enterprises):
            code = codes[min(bisect(cum_j, r() * cum_j[-1]), len(codes) - 1)]
            mix = JURISDICTION_MIX[code][1]
            cum_i = list(accumulate(w for _, w in mix))
            industry = mix[min(bisect(cum_i, r() * cum_i[-1]), len(mix) - 1)][0]
            prof = INDUSTRIES[industry]
            word = self.pick(TRADE_WORDS_1) + self.pick(TRADE_WORDS_2)
            entity = "91"
            if industry == "砖茶" and r() < 0.15:
                entity, suffix = "93", "茶叶专业合作社"
            elif prof.licence is None and r() < 0.05:
                entity, suffix = "92", prof.products[0].name[:2] + "加工厂"
            else:
                suffix = self.pick(prof.suffixes)
            prefix = "湖北" if entity == "91" and r() < 0.1 else NAME_PREFIX[code]
            name = prefix + word + suffix
            tries = 0
            while name in names:
                tries += 1
                extra = self.pick(TRADE_WORDS_1) if tries > 20 else ""
                word = self.pick(TRADE_WORDS_1) + self.pick(TRADE_WORDS_2) + extra
                name = prefix + word + suffix
            names.add(name)
            uscc = self.new_uscc(entity, code[:6], usccs)
            size, above = self.size()
            improving = int(r() < (0.55 if above else 0.3))
            risk = 0.6 if r() < 0.85 else (2.0 if r() < 0.8 else 5.0)
            demonstration = int(improving and risk < 1 and r() < 0.09)
            certs = [c for c in CERTIFICATIONS if r() < (0.5 if above else 0.12)]
            if demonstration and "卓越绩效" not in certs:
                certs.append("卓越绩效")
            products = list(dict.fromkeys(self.pick(prof.products).name for _ in range(2)))
            created = self.today - 731 - int(r() * 200)
            revised = r() < 0.2
            updated = created + int(r() * 700) if revised else None
            author = self.roster[code][0]
            notes = ""
            if demonstration:
                notes = f"质量提升示范企业（{date.fromordinal(self.today).year - 1}年度）"
            elif improving:
                notes = "已纳入质量提升行动企业名单"
            town = self.pick(TOWNS[code])
            address = f"{COUNTY_NAME[code]}{town}{self.pick(ROADS)}{1 + int(r() * 288)}号"
            contact = self.person()
            row = (*self.meta("enterprise", created, updated, author, 2 if revised else 1),
                   uscc, name, code, address, industry, "、".join(products), above, improving,
                   demonstration, self.person(), contact, self.phone(), size, "；".join(certs), notes)
            self.add("enterprise", row)
            eid = row[0]
            licence_no = self.make_licence(eid, code, prof, products, created, author)
            for cert in certs:
                if cert.startswith("ISO"):
                    expires = self.today - 60 + int(r() * 1100)
                    cert_no = (f"{int(r() * 90000) + 10000}{date.fromordinal(expires).year % 100 - 3:02d}"
                               f"{'QES'[CERTIFICATIONS.index(cert)]}{int(r() * 90000) + 10000}"
                               f"R{1 + int(r() * 3)}{'SML'[int(r() * 3)]}")
                    self.add("certification", (*self.meta("certification", created, None, author),
                                               eid, cert, cert_no, self.iso(expires)))
            self.add("contact", (*self.meta("contact", created, None, author), eid, contact, "联系人",
                                 row[-4]))
            contacts = [(contact, row[-4])]
            if r() < 0.6:
                contacts.append((self.person(), self.phone()))
                self.add("contact", (*self.meta("contact", created, None, author), eid, contacts[1][0],
                                     "质量负责人", contacts[1][1]))
            fields = dict(zip(COLUMNS["enterprise"], row, strict=True))
            self.add("enterprise_fts", (eid, firm_tokens(fields.get, contacts,
                                                         [licence_no] if licence_no != "/" else [])))
            self.ents.append((eid, code, prof, licence_no, risk, word, size, uscc))
            self.zone_pool.append((row[1], code, industry, demonstration * 2 + improving))
            weights.append((3.0 if above else 1.0) * (1.5 if improving else 1.0) * (1.5 if risk > 1 else 1))
        self.ent_cum = list(accumulate(weights))

    def make_zones(self) -> None:
        """A few demonstration zones/projects with members and milestones (the programme's target)."""
        r = self.rng.random
        author = self.roster["421200"][0]
        for name, kind, level, code, industry, status in ZONES:
            pool = sorted((p for p in self.zone_pool if p[1] == code and p[2] == industry and p[3]),
                          key=lambda p: -p[3])
            members = [p[0] for p in pool[:12]]
            start = self.today - (700 if status == "accepted" else 420 + int(r() * 200))
            milestones, last = [], start
            for n, title in enumerate(ZONE_MILESTONES):
                due = start + 120 * (n + 1)
                done = due - 20 + int(r() * 50)
                finished = status == "accepted" or (
                    status == "building" and done <= self.today and r() < 0.85)
                if finished:
                    done = min(done, self.today)
                    last = max(last, done)
                milestones.append('{"title": "%s", "due_on": "%s", "done_on": %s}' % (  # noqa: UP031
                    title, self.iso(due), f'"{self.iso(done)}"' if finished else "null"))
            revision = 1 + sum(1 for m in milestones if '"done_on": "' in m)
            self.add("demonstration_zone", (
                *self.meta("demonstration_zone", start, last, author, revision), name, kind, level, code,
                industry, '["' + '", "'.join(members) + '"]' if members else "[]",
                "[" + ", ".join(milestones) + "]", status, f"牵头单位：{ORGANISER[code]}"))

    def new_uscc(self, entity: str, region: str, seen: set[str]) -> str:
        while True:
            org8 = "MA4" + "".join(self.pick(ORG_CHARS) for _ in range(5))
            first17 = entity + region + org8 + org_code_check_character(org8)
            uscc = first17 + uscc_check_character(first17)
            if uscc not in seen:
                seen.add(uscc)
                return uscc

    def size(self) -> tuple[str, int]:
        x = self.rng.random()
        name = SIZES[-1][0]
        for size, share in SIZES:
            if x < share:
                name = size
                break
            x -= share
        above = 1 if name in ("大型", "中型") else int(name == "小型" and self.rng.random() < 0.3)
        return name, above

    def make_licence(self, eid: int, code: str, prof, products: list[str], created: int,
                     author: str) -> str:
        """XK or SC licence; issue dates spread so some have expired and some expire soon."""
        if prof.licence is None:
            return "/"
        kind, cat = prof.licence
        if kind == "SC":
            body = f"{cat}{code[:6]}{self.serial('SC' + cat + code[:6]):04d}"
            number = f"SC{body}{iso7064_mod11_10(body)}"
        else:
            province = "(鄂)" if self.rng.random() < 0.6 else ""
            number = f"{province}XK{cat}-{self.serial('XK' + cat):05d}"
        issued = self.today - 30 - int(self.rng.random() * 1990)
        self.add("licence", (*self.meta("licence", min(created, issued), None, author), eid, kind, number,
                             "、".join(products), self.iso(issued), self.iso(issued + 1826)))
        return number
