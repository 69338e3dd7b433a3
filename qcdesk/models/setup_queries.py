"""What a new office has not set up yet, for the dashboard's "Getting started" checklist.

A first day starts on an empty database: the checklist asks for the few things every later
step needs (the office's name on documents, the inspectors on the roster, the enterprises).

A county office that names itself (嘉鱼县市场监督管理局) but keeps the city's number prefixes
would print 咸市监质改〔2026〕…号 under its own name, so its name counts as set up only once
the prefixes agree with its bureau's (jurisdictions.BUREAUS) or the office kept other ones
on purpose (`PREFIXES_CONFIRMED_SETTING`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qcdesk.models.document_data import DOC_SETTING_DEFAULTS
from qcdesk.models.jurisdictions import BUREAUS, CITY_CODE, Bureau, bureau_code_named
from qcdesk.models.visit_people import roster_people

if TYPE_CHECKING:
    from qcdesk.models.store import Store

ORG_NAME_SETTING = "doc.org_name"
NOTICE_PREFIX_SETTING = "doc.notice_prefix"
RECHECK_PREFIX_SETTING = "doc.recheck_prefix"
# "name|notice prefix|recheck prefix" the office confirmed as its own although they differ from
# its bureau's; a change to any of the three asks again.
PREFIXES_CONFIRMED_SETTING = "org.prefixes_confirmed"
HIDDEN_SETTING = "ui.getting_started_hidden"  # "1": the office chose not to see the checklist
# Characters a document setting may hold: a body's full name (湖北省咸宁市市场监督管理局高新技术产业
# 开发区分局 is 24) fits the title and sign-off lines; 5,000 pasted characters printed over pages.
DOC_SETTING_MAX = {"doc.org_name": 40, "doc.report_to": 40, "doc.seal_text": 40,
                   "doc.notice_prefix": 20, "doc.recheck_prefix": 20}
_DOC_SETTING_WORDS = {"doc.org_name": "本单位名称", "doc.report_to": "主送机关", "doc.seal_text": "印章文字",
                      "doc.notice_prefix": "整改通知书编号前缀", "doc.recheck_prefix": "复查意见书编号前缀"}
MIN_INSPECTORS = 2  # a spot check is made by at least two inspectors (双随机: at least two per check)


@dataclass(frozen=True)
class SetupState:
    """Counts behind each step of the checklist."""

    org_named: bool
    inspectors: int
    enterprises: int
    hidden: bool
    # The named bureau whose prefixes the documents would not carry (None: they agree).
    prefix_mismatch: Bureau | None = None

    @property
    def org_done(self) -> bool:
        return self.org_named and self.prefix_mismatch is None


def effective_prefixes(notice: str, recheck: str) -> tuple[str, str]:
    """The prefixes the documents print: an empty field means the default (the city's)."""
    return (notice.strip() or DOC_SETTING_DEFAULTS[NOTICE_PREFIX_SETTING],
            recheck.strip() or DOC_SETTING_DEFAULTS[RECHECK_PREFIX_SETTING])


def confirmation(org_name: str, notice: str, recheck: str) -> str:
    """What `PREFIXES_CONFIRMED_SETTING` stores for these three values."""
    return "|".join((org_name.strip(), *effective_prefixes(notice, recheck)))


def prefix_mismatch(org_name: str, notice: str, recheck: str, confirmed: str = "") -> Bureau | None:
    """The known bureau named `org_name` when the documents would carry other prefixes than its
    own and the office did not confirm these; None for an unknown name or agreeing prefixes."""
    code = bureau_code_named(org_name)
    if code is None:
        return None
    bureau = BUREAUS[code]
    if effective_prefixes(notice, recheck) == (bureau.notice_prefix, bureau.recheck_prefix):
        return None
    return None if confirmed and confirmed == confirmation(org_name, notice, recheck) else bureau


def setup_state(store: Store) -> SetupState:
    """The database's side of the checklist (the signing key lives in the keys folder)."""
    inspectors = roster_people(store)  # people: one officer entered twice is one (visit_people)
    enterprises = store.db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM enterprise WHERE deleted_at IS NULL LIMIT 1)").fetchone()[0]
    org = store.setting(ORG_NAME_SETTING, "") or ""
    mismatch = prefix_mismatch(org, store.setting(NOTICE_PREFIX_SETTING, "") or "",
                               store.setting(RECHECK_PREFIX_SETTING, "") or "",
                               store.setting(PREFIXES_CONFIRMED_SETTING, "") or "")
    return SetupState(org_named=bool(org.strip()),
                      inspectors=int(inspectors), enterprises=int(enterprises),
                      hidden=store.setting(HIDDEN_SETTING, "") == "1", prefix_mismatch=mismatch)


def hide_checklist(store: Store) -> None:
    """Remember (in this database) that the office no longer wants the checklist."""
    store.set_setting(HIDDEN_SETTING, "1")


class OrgNameError(ValueError):
    """An organising body the documents cannot be signed with (an empty name)."""


def doc_setting_refusal(key: str, value: str) -> str | None:
    """Why `value` cannot be stored under the document setting `key` (too long), or None."""
    limit = DOC_SETTING_MAX.get(key)
    text = " ".join(value.split())
    if limit is None or len(text) <= limit:
        return None
    return (f"{_DOC_SETTING_WORDS[key]}过长（{len(text)} 个字）：最多 {limit} 个字，"
            f"请只写全称，如 {DOC_SETTING_DEFAULTS[key]}")


def org_name_set(store: Store) -> bool:
    """Whether this office ever named itself: until then every document, publication and import
    speaks for the default (the city's) bureau without saying so."""
    return bool((store.setting(ORG_NAME_SETTING, "") or "").strip())


def organisation_values(store: Store) -> dict[str, str]:
    """The organising body and number prefixes the documents print (defaults where unset)."""
    return {key: (store.setting(key, "") or "").strip() or DOC_SETTING_DEFAULTS[key]
            for key in (ORG_NAME_SETTING, NOTICE_PREFIX_SETTING, RECHECK_PREFIX_SETTING)}


def set_org_name(store: Store, name: str) -> Bureau | None:
    """Name the office (the CLI's `settings --org-name`, as the settings page saves it). A known
    bureau's name brings that bureau's prefixes when the stored ones are empty or another known
    bureau's, as the page proposes; prefixes of the office's own making stay. Returns the bureau
    whose prefixes were set, or None. Name and prefixes change in one transaction."""
    text = " ".join(name.split())
    if not text:
        raise OrgNameError("本单位名称不能为空：请写出组织单位全称，如 通城县市场监督管理局")
    if doc_setting_refusal(ORG_NAME_SETTING, text):
        raise OrgNameError(doc_setting_refusal(ORG_NAME_SETTING, text))
    code = bureau_code_named(text)
    bureau = BUREAUS[code] if code is not None else None
    known = {p for b in BUREAUS.values() for p in (b.notice_prefix, b.recheck_prefix)}
    changed: Bureau | None = None
    with store.transaction():
        store.set_setting(ORG_NAME_SETTING, text)
        if bureau is None:
            return None
        for key, prefix in ((NOTICE_PREFIX_SETTING, bureau.notice_prefix),
                            (RECHECK_PREFIX_SETTING, bureau.recheck_prefix)):
            stored = (store.setting(key, "") or "").strip()
            if (stored or DOC_SETTING_DEFAULTS[key]) != prefix and (not stored or stored in known):
                store.set_setting(key, prefix)
                changed = bureau
    return changed


def prefix_refusal(key: str, value: str) -> str | None:
    """Why `value` cannot be a number prefix (empty, holding the year's 〔〕, too long), or None."""
    text = "".join(value.split())
    if not text or "〔" in text or "〕" in text:
        return (f"{_DOC_SETTING_WORDS[key]}须写编号中〔年份〕之前的部分，"
                f"如 {DOC_SETTING_DEFAULTS[key]}")
    return doc_setting_refusal(key, text)


def set_prefixes(store: Store, notice: str | None, recheck: str | None) -> None:
    """Set the number prefixes the office gave (the CLI's `settings --notice-prefix`), as the
    settings page saves them: an office whose name is not a known bureau's (a 分局) had no way
    to stop numbering its notices with the city's 咸市监质改. Both in one transaction."""
    values = {NOTICE_PREFIX_SETTING: notice, RECHECK_PREFIX_SETTING: recheck}
    for key, value in values.items():
        if value is not None and (refusal := prefix_refusal(key, value)):
            raise OrgNameError(refusal)
        values[key] = None if value is None else "".join(value.split())
    with store.transaction():
        for key, value in values.items():
            if value is not None:
                store.set_setting(key, value)
        # given on purpose: confirmed, as the settings page's "keep these" does, so the checklist
        # does not go on asking about a known bureau's other numbering
        named = organisation_values(store)
        store.set_setting(PREFIXES_CONFIRMED_SETTING, confirmation(
            named[ORG_NAME_SETTING], named[NOTICE_PREFIX_SETTING], named[RECHECK_PREFIX_SETTING]))


def office_county(store: Store) -> str:
    """The county (district, zone) whose bureau this office named itself after, or "": the county
    a list's rows without one belong to (the enterprise import's default, a 所 such as 隽水所).
    The city bureau covers every county, so it gives none."""
    code = bureau_code_named(store.setting(ORG_NAME_SETTING, "") or "")
    return "" if code is None or code == CITY_CODE else code
