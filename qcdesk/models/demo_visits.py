"""Visits, samples, findings and rectifications of the demo data (mixin of `DemoGenerator`).

Visits come in date order over the last two years; failing samples and serious findings lead
to rectification orders whose state depends on how long ago they were issued, with re-check
visits for those that were closed or failed their re-check.  Each order follows the rules in
force on its date: the 2010 rules (AQSIQ order 133) before 2020, SAMR order 18 from 2020.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterator
from datetime import date
from itertools import accumulate
from typing import TYPE_CHECKING

from qcdesk.models.demo_profiles import (
    ASSISTANCE_TOPICS,
    FINDINGS,
    JURISDICTION_RISK,
    NOTICE_PREFIX,
    ORGANISER,
    SPECIAL_TOPICS,
)
from qcdesk.models.rectification_texts import finding_requirement, sample_requirement
from qcdesk.models.rules import RULE_SETS, deadlines
from qcdesk.models.rules import recheck_due as recheck_due_after
from qcdesk.models.search_text import tokens, visit_tokens

if TYPE_CHECKING:
    from qcdesk.models.demo_rows import TableRows

BATCH_VISITS = 25_000
RECHECK_SHARE = 0.03  # visits reserved for re-checks, so the total equals the requested count
BASE_FAIL = 0.058
KIND_WEIGHTS = (("spot_check", 0.38), ("licence_followup", 0.17), ("assistance", 0.25), ("special", 0.20))
QTY_UNIT = {"米": "段", "千克": "份", "张": "张", "条": "条", "件": "件", "平方米": "块", "台": "台",
            "樘": "樘", "升": "瓶", "吨": "份"}
FINDING_CHANCE = {"spot_check": 0.08, "licence_followup": 0.45, "assistance": 0.12, "special": 0.5}
TASK_PREFIX = {code: prefix.replace("质改", "抽") for code, prefix in NOTICE_PREFIX.items()}
# SAMR order No. 18 (《产品质量监督抽查管理暂行办法》) replaced AQSIQ order No. 133 on this day.
SAMR18_IN_FORCE = date(2020, 1, 1).toordinal()
REMARKS = ("企业对抽样过程无异议", "样品由抽样人员带回检验机构", "样品由企业代为寄送检验机构",
           "抽样时企业负责人在场", "该批产品为待销产品")


class VisitRows:
    """Needs the helpers of DemoGenerator (rng, iso, ts, stamps, meta, add, flush, serial…)."""

    def make_visits(self) -> Iterator[TableRows]:
        r = self.rng.random
        base = self.n_visits - int(self.n_visits * RECHECK_SHARE)
        self.visit_limit = self.n_visits
        start = self.today - 730
        days = sorted(start + int(r() * 731) for _ in range(base))
        kinds_cum = list(accumulate(w for _, w in KIND_WEIGHTS))
        n_ent = len(self.ents)
        # ~20 progress steps for small builds, bounded memory for large ones
        batch_size = max(1000, min(BATCH_VISITS, self.n_visits // 20))
        self.reserve = 0  # re-check visits made so far that base visits have not yet given way to
        self.checked_on: dict[tuple[int, str], int] = {}  # (firm, product): its last spot check
        for day in days:
            if self.visit_count >= self.visit_limit:
                break
            if self.reserve > 0 and r() < 0.5:
                self.reserve -= 1
                continue
            ent = self.ents[min(bisect(self.ent_cum, r() * self.ent_cum[-1]), n_ent - 1)]
            kind = KIND_WEIGHTS[bisect(kinds_cum, r() * kinds_cum[-1])][0]
            if kind == "licence_followup" and ent[3] == "/":
                kind = "assistance"
            self.make_visit(ent, day, kind)
            if len(self.rows["visit"]) >= batch_size:
                yield self.flush()
        while self.visit_count < self.n_visits:  # top up if fewer re-checks were needed
            ent = self.ents[int(r() * n_ent)]
            self.make_visit(ent, start + int(r() * 731), "assistance")
        yield self.flush()

    def crew(self, code: str, size: int) -> list[str]:
        """`size` different inspectors of the jurisdiction (cheaper than rng.sample)."""
        roster = self.roster[code]
        r = self.rng.random
        n = len(roster)
        i = int(r() * n)
        if size == 1:
            return [roster[i]]
        j = int(r() * (n - 1))
        j += j >= i
        if size == 2:
            return [roster[i], roster[j]]
        rest = [u for k, u in enumerate(roster) if k != i and k != j]
        return [roster[i], roster[j], rest[int(r() * len(rest))]]

    def recheck_crew(self, code: str, crew: list[str]) -> list[str]:
        """A re-check needs two inspectors; keep the original lead where there is one."""
        if len(crew) >= 2:
            return crew[:2]
        return [crew[0], self.pick([u for u in self.roster[code] if u != crew[0]])]

    def make_visit(self, ent: tuple, day: int, kind: str) -> None:
        r = self.rng.random
        eid, code, prof, licence_no, risk, word, size, _uscc = ent
        # the six-month rule (repeat_checks): a product checked in the last 184 days is not again
        fresh = [p for p in prof.products if day - self.checked_on.get((eid, p.name), -999) > 184]
        if kind == "spot_check" and not fresh:
            kind = "special"
        crew = self.crew(code, 3 if r() < 0.15 else (1 if kind == "assistance" and r() < 0.4 else 2))
        vid = self.take_id("visit")
        status = "draft" if self.today - day < 5 and r() < 0.3 else "done"
        samples: list[tuple] = []
        if kind == "spot_check" or (kind == "special" and r() < 0.4):
            for _ in range(min(2 if r() < 0.1 else 1, len(fresh) if kind == "spot_check" else 2)):
                samples.append(self.make_sample(vid, ent, day, crew, fresh if kind == "spot_check" else None))
        findings = []
        if r() < FINDING_CHANCE[kind]:
            for _ in range(1 + int(r() * r() * 3)):
                findings.append(self.make_finding(vid, ent, day, crew[0], kind == "assistance",
                                                  {f[-3] for f in findings}))
            if len(crew) < 2:  # its findings may be ordered corrected: two went (check_finding_team)
                crew = [crew[0], next(c for c in self.crew(code, 2) if c != crew[0])]
        failed = [s for s in samples if s[-3] == "fail"]
        pending = any(s[-3] == "pending" for s in samples)
        # a draft's findings are not ordered yet; a minor one mostly is put right on the spot
        to_order = [f for f in findings if status == "done" and (f[-2] != "minor" or r() < 0.15)]
        summary, conclusion = self.visit_text(kind, samples, findings, failed, pending, prof, status,
                                              to_order)
        updated = day + 20 if samples and not pending else None
        self.visit_count += 1
        self.add("visit", (vid, self.uuid(), *self.stamps(day, min(updated, self.today) if updated else None),
                           crew[0], 2 if updated else 1, None, "local", eid, self.iso(day), kind,
                           '["' + '", "'.join(crew) + '"]', summary, conclusion, status, None))
        self.add("visit_fts", (vid, visit_tokens([(s[11], s[12], s[14]) for s in samples], crew)))
        for s in failed:
            notified = date.fromisoformat(s[-1]).toordinal()
            ordered = min(notified + 1 + int(r() * 6), self.today)
            self.make_rectification(ent, vid, None, s[0], ordered, crew, sample_requirement(s[11], s[-2]))
        for f in to_order:
            self.make_rectification(ent, vid, f[0], None, min(day + int(r() * 3), self.today), crew,
                                    finding_requirement(f[-3]))

    def make_sample(self, vid: int, ent: tuple, day: int, crew: list[str], fresh: list | None) -> tuple:
        """A sample of one of `fresh` products for a spot check (taken off it), of any else."""
        r = self.rng.random
        eid, code, prof, licence_no, risk, word, size, _uscc = ent
        product = self.pick(prof.products if fresh is None else fresh)
        if fresh is not None:
            fresh.remove(product)
            self.checked_on[(eid, product.name)] = day
        produced = day - 3 - int(r() * (300 if prof.name == "砖茶" else 90))
        sampled_on = self.iso(day)
        year = sampled_on[:4]
        organiser = "421200" if r() < 0.2 else code
        task_no = f"{TASK_PREFIX[organiser]}〔{year}〕{self.serial(f'task/{organiser}/{year}')}号"
        unit = product.unit
        qunit = QTY_UNIT.get(unit, "份")
        k = 1 if unit in ("台", "樘", "吨") else 2 + int(r() * 3)
        price = product.price[0] + r() * (product.price[1] - product.price[0])
        result, failed_items, notified = "pending", "", None
        if self.today - day >= 20:
            notified_day = day + 15 + int(r() * 16)
            if notified_day <= self.today:
                notified = self.iso(notified_day)
                fail_p = BASE_FAIL * JURISDICTION_RISK[code] * prof.risk * risk
                if r() < fail_p:
                    result = "fail"
                    items = self.rng.sample(product.failed_items, 1 if r() < 0.75 else 2)
                    failed_items = "、".join(items)
                else:
                    result = "pass"
        refused = int(r() < 0.01)
        updated = min(day + 30, self.today) if notified else None
        row = (*self.meta("sample", day, updated, crew[0], 2 if notified else 1),
               vid, task_no, ORGANISER[organiser], product.name, "/" if r() < 0.1 else word,
               self.pick(product.specs), f"{self.iso(produced).replace('-', '')}{'ABCD'[int(r() * 4)]}",
               self.iso(produced), self.pick(product.grades), product.standard,
               f"{price:.2f}元/{unit}", f"{(20 + int(r() * 980)) * (1 if k == 1 else 5)}{unit}",
               f"{2 * k}{qunit}", f"{k}{qunit}", f"{k}{qunit}", licence_no,
               "检验样品和备用样品已封存，封条完好", "market" if r() < 0.12 else "warehouse", size,
               '["' + '", "'.join(crew[:2]) + '"]', sampled_on, self.pick(REMARKS), refused,
               "企业负责人以产品尚未出厂检验为由拒绝签字，已现场录像留证" if refused else "",
               result, failed_items, notified)
        self.add("sample", row)
        return row

    def make_finding(self, vid: int, ent: tuple, day: int, author: str, mild: bool,
                     found: set[str]) -> tuple:
        """A finding of the visit `vid`, none of the descriptions it `found` already."""
        prof = ent[2]
        scope = prof.licence[0] if prof.licence else ""
        choices = self._finding_choices.get((scope, mild))
        if choices is None:
            choices = self._finding_choices[(scope, mild)] = [
                f for f in FINDINGS if f[4] in ("all", scope) and not (mild and f[2] == "critical")]
        category, template, severity, basis, _ = self.pick(choices)
        description = template.format(product=self.pick(prof.products).name)
        for _ in range(8):  # a visit lists a problem once
            if description not in found:
                break
            category, template, severity, basis, _ = self.pick(choices)
            description = template.format(product=self.pick(prof.products).name)
        row = (*self.meta("finding", day, None, author), vid, category, description, severity, basis)
        self.add("finding", row)
        key = (category, description)
        text = self._finding_tokens.get(key)
        if text is None:
            text = self._finding_tokens[key] = tokens(category, description)
        self.add("finding_fts", (row[0], text))
        return row

    def visit_text(self, kind, samples, findings, failed, pending, prof, status, ordered) -> tuple[str, str]:
        if kind == "spot_check":
            products = "、".join(s[11] for s in samples)
            summary = f"依据{samples[0][9]}对企业产品实施监督抽查，抽取{products}样品"
        elif kind == "licence_followup":
            summary = "对获证企业开展生产许可证后续监管，核查生产条件、检验能力及许可证标志使用"
        elif kind == "assistance":
            summary = f"开展{self.pick(ASSISTANCE_TOPICS)}，指导企业完善质量管理"
        else:
            food = bool(prof.licence) and prof.licence[0] == "SC"  # a food check of food firms only
            summary = f"{self.pick([t for t in SPECIAL_TOPICS if food or '食品' not in t])}（{prof.name}）"
        parts = []
        if failed:
            parts.append("抽检不合格，已责令整改")
        elif pending:
            parts.append("样品检验中")
        elif samples:
            parts.append("抽检合格")
        if findings:
            n = len(findings)
            parts.append(f"发现问题{n}项，" + ("待研究处理" if status != "done" else "已当场提出改进意见"
                                               if not ordered else "已责令限期整改" if len(ordered) == n
                                               else f"其中{len(ordered)}项已责令限期整改"))
        elif not samples:
            parts.append("未发现问题")
        return summary, "；".join(parts)

    def make_rectification(self, ent, vid, finding_id, sample_id, ordered: int, crew,
                           requirement: str) -> None:
        """The requirement is the one the order dialog would start from (`rectification_texts`): the
        notice prints the duties (stop production and sale, the deadline, the report) itself."""
        r = self.rng.random
        code = ent[1]
        rule_key = "samr18" if ordered >= SAMR18_IN_FORCE else "aqsiq133"
        rule = RULE_SETS[rule_key]
        deadline, recheck_due = deadlines(rule_key, date.fromordinal(ordered))
        deadline_o, recheck_o = deadline.toordinal(), recheck_due.toordinal()
        extended = ext_reason = ext_asked = None
        revision = 1
        asked_o = deadline_o - rule.extension_notice_days - int(r() * 10)
        if rule.extension_max_days and r() < 0.3 and ordered < asked_o <= self.today:
            ext_asked = self.iso(asked_o)
            extended = self.iso(deadline_o + 10 + int(r() * (rule.extension_max_days - 9)))
            ext_reason, revision = "整改涉及设备改造，周期较长，申请延期", 2
            recheck_due = recheck_due_after(rule_key, date.fromordinal(ordered),
                                            date.fromisoformat(extended))
            recheck_o = recheck_due.toordinal()
        effective = date.fromisoformat(extended).toordinal() if extended else deadline_o
        year = date.fromordinal(ordered).year
        notice = f"{NOTICE_PREFIX[code]}〔{year}〕{self.serial(f'notice/{code}/{year}')}号"
        report = closed = recheck_vid = None
        escalation = ""
        last = ordered
        x = r()
        if self.today <= effective:
            status = "open" if x < 0.55 else ("report_submitted" if x < 0.9 else "awaiting_recheck")
        else:
            status = ("closed" if x < 0.8 else "recheck_failed" if x < 0.86 else "open" if x < 0.93
                      else "report_submitted" if x < 0.97 else "awaiting_recheck")
        if status != "open":
            earliest = asked_o + 1 if extended else ordered + 2  # an extension is asked before the report
            report_o = min(earliest + int(r() * max(1, min(effective, self.today) - earliest)), self.today)
            report, last, revision = self.iso(report_o), report_o, revision + 1
            if status in ("awaiting_recheck", "closed", "recheck_failed"):
                revision += 1
            if status == "closed" and sample_id is None and r() < 0.4:  # closed on the report alone
                closed_o = min(report_o + 3 + int(r() * 10), self.today)
                closed, last, revision = self.iso(closed_o), closed_o, revision + 1
            elif status in ("closed", "recheck_failed"):
                if self.visit_count >= self.visit_limit:
                    status = "awaiting_recheck"
                else:
                    check_o = min(report_o + 3 + int(r() * 18), max(recheck_o, report_o + 1), self.today)
                    recheck_vid = self.next_id["visit"]
                    rect_id = self.next_id["rectification"]
                    passed = status == "closed"
                    self.add("visit", (self.take_id("visit"), self.uuid(), *self.stamps(check_o, check_o),
                                       crew[0], 2, None, "local", ent[0], self.iso(check_o), "recheck",
                                       '["' + '", "'.join(self.recheck_crew(code, crew)) + '"]',
                                       f"对{notice}整改情况进行复查",
                                       "复查合格，同意结案" if passed else "复查不合格，已按规定上报"
                                       if sample_id is not None else "复查不合格，责令继续整改",
                                       "done", rect_id))
                    self.visit_count += 1
                    self.reserve += 1
                    last, revision = check_o, revision + 1
                    if passed:
                        closed = self.iso(check_o)
                    else:
                        y = r()  # drawn for a finding too: the demo's later draws stay as they were
                        if sample_id is not None:  # art. 17's ladder follows failed samples only
                            escalation = "announced" if y < 0.75 else ("suspended" if y < 0.95 else "revoked")
                            revision += {"announced": 0, "suspended": 1, "revoked": 2}[escalation]
        self.add("rectification", (
            *self.meta("rectification", ordered, last, crew[0], revision), ent[0], vid, finding_id,
            sample_id, requirement, rule_key, self.iso(ordered), deadline.isoformat(),
            recheck_due.isoformat(), extended, ext_reason or "", ext_asked, status, escalation, report,
            closed, recheck_vid, notice))
