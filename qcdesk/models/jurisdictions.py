"""Xianning's jurisdictions (GB/T 2260) and leading industries, used to seed a new store."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qcdesk.models.codes import half_width

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    parent_code: str | None
    official: bool  # False for the high-tech zone, which has no GB/T 2260 code


CITY_CODE = "421200"
HIGH_TECH_ZONE_CODE = "421202-HTZ"  # internal code: the zone lies within 咸安区

JURISDICTIONS: tuple[Jurisdiction, ...] = (
    Jurisdiction("421200", "咸宁市", None, True),
    Jurisdiction("421202", "咸安区", "421200", True),
    Jurisdiction("421221", "嘉鱼县", "421200", True),
    Jurisdiction("421222", "通城县", "421200", True),
    Jurisdiction("421223", "崇阳县", "421200", True),
    Jurisdiction("421224", "通山县", "421200", True),
    Jurisdiction("421281", "赤壁市", "421200", True),
    Jurisdiction(HIGH_TECH_ZONE_CODE, "咸宁高新区", "421202", False),
)

# The official romanisation, for an English UI only: documents and exported sheets are official
# papers and keep the Chinese names (`Jurisdiction.name`).
ENGLISH_NAMES: dict[str, str] = {
    "421200": "Xianning City", "421202": "Xian'an District", "421221": "Jiayu County",
    "421222": "Tongcheng County", "421223": "Chongyang County", "421224": "Tongshan County",
    "421281": "Chibi City", HIGH_TECH_ZONE_CODE: "Xianning High-tech Zone",
}


def place_name(code: str, name: str = "", lang: str = "zh") -> str:
    """A jurisdiction's name in a UI language: in English its romanisation (嘉鱼县 → Jiayu
    County), in Chinese its Chinese name, whichever of the two `name` is (a page named in one
    language relabelled in the other); a name of another kind, or an unknown code, as given."""
    j = jurisdiction_by_code(code)
    if j is None or (name and name not in (j.name, ENGLISH_NAMES.get(code))):
        return name or code
    return ENGLISH_NAMES.get(code, j.name) if lang.startswith("en") else j.name



@dataclass(frozen=True)
class Bureau:
    """The market supervision bureau of a jurisdiction, as its documents name and number it."""

    name: str
    notice_prefix: str  # 责令整改通知书: <prefix>〔year〕n号
    recheck_prefix: str  # 复查意见书


def _bureau(name: str, short: str) -> Bureau:
    return Bureau(name, f"{short}市监质改", f"{short}市监质复")


BUREAUS: dict[str, Bureau] = {
    "421200": _bureau("咸宁市市场监督管理局", "咸"),
    "421202": _bureau("咸宁市咸安区市场监督管理局", "咸安"),
    "421221": _bureau("嘉鱼县市场监督管理局", "嘉"),
    "421222": _bureau("通城县市场监督管理局", "通城"),
    "421223": _bureau("崇阳县市场监督管理局", "崇"),
    "421224": _bureau("通山县市场监督管理局", "通山"),
    "421281": _bureau("赤壁市市场监督管理局", "赤"),
    HIGH_TECH_ZONE_CODE: _bureau("咸宁高新区市场监督管理局", "咸高新"),
}


def bureau_code_named(name: str) -> str | None:
    """The jurisdiction whose bureau bears `name` (an office's organising body as typed, spaces
    ignored), so that its numbering can be proposed and a mismatch noticed."""
    text = "".join((name or "").split())
    return next((code for code, b in BUREAUS.items() if text and b.name == text), None)


def bureau_numbering(number: str) -> Bureau | None:
    """The bureau whose prefix starts a document number (咸安市监质改〔2024〕3号 → 咸安区's)."""
    found = [b for b in BUREAUS.values() if number.startswith((b.notice_prefix, b.recheck_prefix))]
    return max(found, key=lambda b: len(b.notice_prefix)) if found else None


# Hubei key growth clusters (2017) per jurisdiction, the default industry list.
LEADING_INDUSTRIES: dict[str, tuple[str, ...]] = {
    "421202": ("苎麻纺织",),
    "421221": ("管材",),
    "421222": ("涂附磨具", "电子信息基材"),
    "421281": ("纺织服装", "砖茶"),
    "421224": ("石材", "竹木"),
    "421223": ("钒",),
    "421200": ("机电", "现代森工"),
    HIGH_TECH_ZONE_CODE: ("军民结合",),
}


def jurisdiction_by_code(code: str) -> Jurisdiction | None:
    return next((j for j in JURISDICTIONS if j.code == code), None)


# Other names a list gives a jurisdiction (the high-tech zone is written 高新区 as often as not).
ALIASES: dict[str, str] = {"高新区": HIGH_TECH_ZONE_CODE, "咸宁高新技术产业开发区": HIGH_TECH_ZONE_CODE,
                           "高新技术产业开发区": HIGH_TECH_ZONE_CODE}
_REGION = re.compile(r"^(湖北省|湖北)?(咸宁市|咸宁)?")


def _forms(text: str) -> list[str]:
    """`text` as written, without 湖北省, then without 湖北省咸宁市 (咸宁市通城县 → 通城县)."""
    m = _REGION.match(text)
    forms = [text, text[len(m.group(1) or ""):], text[m.end():]]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def jurisdiction_matches(text: str) -> list[Jurisdiction]:
    """The jurisdictions `text` may mean: one for a code, a name, an alias or a unique start of
    a name (通城); several when a start fits more than one (咸宁: 咸宁市 or 咸宁高新区). A code
    typed in full-width mode (４２１２８１) is the code, for every caller (CLI, rosters, keys)."""
    text = "".join(half_width(text or "").split())
    if not text:
        return []
    for form in _forms(text):
        code = ALIASES.get(form, form)
        exact = [j for j in JURISDICTIONS if code in (j.code, j.name)]
        if exact:
            return exact
    for form in _forms(text):
        starts = [j for j in JURISDICTIONS if len(form) >= 2 and j.name.startswith(form)]
        if starts:
            return starts
    return []


def resolve_jurisdiction(text: str) -> Jurisdiction | None:
    """Accept a code or a name (with or without 区/县/市 suffix, 湖北省咸宁市 before it), as roster
    spreadsheets vary; None when unknown or ambiguous (a bare 咸宁 is not silently the city)."""
    found = jurisdiction_matches(text)
    return found[0] if len(found) == 1 else None


# The codes of jurisdiction :area and every one under it, from the stored table (`within` asks
# the same of one code): the city sees its counties, 咸安区 the 高新区.
AREA_CODES_SQL = ("WITH RECURSIVE sub(code) AS (SELECT :area UNION SELECT j.code FROM jurisdiction j"
                  " JOIN sub ON j.parent_code = sub.code) SELECT code FROM sub")


def area_codes(db: Database, code: str) -> list[str] | None:
    """The stored codes a jurisdiction filter on `code` takes in (AREA_CODES_SQL: 咸安区 with
    咸宁高新区, as the draws, warnings and report count), so that a list never counts an area
    otherwise; None when that is every jurisdiction (咸宁市: the whole city, nothing to filter)."""
    codes = [r[0] for r in db.execute(AREA_CODES_SQL, {"area": code})]
    stored = db.execute("SELECT count(*) FROM jurisdiction").fetchone()[0]
    return None if len(codes) >= stored else codes


def parts_of(code: str, lang: str = "zh") -> list[str]:
    """Names of the jurisdictions lying in `code` (咸宁高新区 for 咸安区), for a label that says
    what a filter on it covers."""
    return [place_name(j.code, j.name, lang) for j in JURISDICTIONS
            if j.code != code and within(j.code, code)]


def area_words(code: str) -> str:
    """A jurisdiction filter in words: 咸安区（含咸宁高新区）, 咸宁市（全市）, 嘉鱼县."""
    j = jurisdiction_by_code(code)
    if j is None:
        return code
    if j.parent_code is None:
        return f"{j.name}（全市）"
    parts = parts_of(code)
    return f"{j.name}（含{'、'.join(parts)}）" if parts else j.name


def within(code: str, area: str) -> bool:
    """Is jurisdiction `code` the same as `area` or part of it (咸宁高新区 lies in 咸安区, every
    county in the city)?"""
    seen: set[str] = set()
    current: str | None = code
    while current is not None and current not in seen:
        if current == area:
            return True
        seen.add(current)
        j = jurisdiction_by_code(current)
        current = j.parent_code if j else None
    return False


# The bodies that organise spot checks (组织单位), and the words a ledger's 任务来源 or a clerk
# names them by. Own-level words come first: 本局 and 县局 end in 局 but are this office.
NATIONAL_BUREAU = "国家市场监督管理总局"
PROVINCE_BUREAU = "湖北省市场监督管理局"
_OWN_WORDS = ("本局", "本级", "本单位", "本县", "本区", "本市", "县局", "区局", "县级", "区级", "县抽",
              "区抽", "自抽")
_LEVEL_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (  # a word, maybe followed by more (省抽（一批）)
    (("国抽", "国家级"), NATIONAL_BUREAU),
    (("省抽", "省局", "省级"), PROVINCE_BUREAU),
    (("市抽", "市局", "市级"), BUREAUS[CITY_CODE].name),
)
_NAMES = {  # whole names only: 咸宁市市场监督管理局咸安分局 is not the city's
    "国家市场监督管理总局": NATIONAL_BUREAU, "国家市场监管总局": NATIONAL_BUREAU,
    "市场监管总局": NATIONAL_BUREAU,
    "省市场监督管理局": PROVINCE_BUREAU, "省市场监管局": PROVINCE_BUREAU, "湖北省市场监管局": PROVINCE_BUREAU,
    "咸宁市市场监管局": BUREAUS[CITY_CODE].name,
}
_FULL_BODY = re.compile(r"(市场监督管理|市场监管)局$")
_OTHER_PROVINCE = re.compile(r"省(市场监督管理|市场监管|质量技术监督)局$")


def organising_body(text: str) -> str | None:
    """The body a 组织单位 / 任务来源 text names: "" for this office (blank, 本局, 县抽…), the
    higher body's full name for 国抽/省局/市级…, a full bureau name as written, None when the
    text names no body (市场监管专项): the first character alone proves nothing."""
    text = re.sub(r"\s+", "", text or "")
    if not text or text.startswith(_OWN_WORDS):
        return ""
    for words, body in _LEVEL_WORDS:
        if text.startswith(words):
            return body
    if text in _NAMES:
        return _NAMES[text]
    if _FULL_BODY.search(text) or _OTHER_PROVINCE.search(text):
        return text
    return None


def body_above(organiser: str, own: str) -> bool:
    """Whether the body `organiser` names is above the office named `own`: the state, a
    province, or the city bureau when this office is not the city's."""
    name, mine = organising_body(organiser), organising_body(own) or re.sub(r"\s+", "", own or "")
    if not name or name == mine:
        return False
    return name in (NATIONAL_BUREAU, BUREAUS[CITY_CODE].name) or bool(_OTHER_PROVINCE.search(name))
