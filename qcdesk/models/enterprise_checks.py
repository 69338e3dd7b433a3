"""What the enterprise file accepts in its free-text fields: phone numbers and lengths.

Phone (联系电话): one or more numbers separated by 、 / ， ； (either width). Each is
- a mobile number: 11 digits from 13–19 (`13907151234`, `139 0715 1234`, `+86 139…`);
- a landline with its area code: `0715-8123456`, `(0715)8123456`, `07158123456` (7–8 digits
  after the code, the first not 0; 0715-1234567 is taken as written, as the demo files have it);
- a 400/800 service number: `400-123-4567`;
each optionally followed by an extension: `转123`, `分机123`, `-123`, `ext 123`, `#123`.
Full-width digits and brackets are read as ASCII and stored so; spaces inside a number are
allowed (kept as typed). A landline without its area code (`8123456`) is saved with a warning,
as older lists hold such numbers; 7–8 digits starting with 1 (`1390715`) are refused: a local
number never starts with 0 or 1, so it is a mobile number cut short. "/" or "无" is how a paper
form says there is none.

Lengths: generous limits that only catch a paste or a slip (a whole paragraph in a name field),
never a real value; see `LIMITS`.

A rule added here must not make an existing record unsaveable: a value that is what the
database already holds for this record is pointed out (warning) instead of refused, so records
saved before still open and save unchanged, and a merge of two such versions is not refused.
"""

from __future__ import annotations

import re

from qcdesk.models.codes import half_width, strip_invisible
from qcdesk.models.messages import Issue
from qcdesk.models.records import Enterprise

NOT_GIVEN = ("", "/", "无", "-", "—")
_PHONE_SEPARATORS = re.compile(r"[、/,;]")
_EXTENSION = r"(?:(?:转|分机|-|ext\.?|x|#)[0-9]{1,6})?"
_MOBILE = re.compile(r"(?:(?:\+|00)?86-?)?1[3-9][0-9]-?[0-9]{4}-?[0-9]{4}", re.IGNORECASE)
_LANDLINE = re.compile(r"(?P<area>\(0[0-9]{2,3}\)-?|0[0-9]{2,3}-?)?[1-9][0-9]{6,7}" + _EXTENSION,
                       re.IGNORECASE)
_SERVICE = re.compile(r"[48]00-?[0-9]{3}-?[0-9]{4}" + _EXTENSION, re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({c: "-" for c in "‐‑–—−"})

# field: (label, limit, rule). The limits, in characters:
# - 企业名称 100 (a warning above 50): a name is 行政区划 + 字号 + 行业 + 组织形式, 10–30
#   characters as a rule; the longest real ones, branches of branches such as
#   "中国XX股份有限公司湖北省分公司咸宁市XX支公司XX营业部", stay well under 60. A name over 50 is
#   pointed out (it fills several lines of a notice: check it against the business licence); one
#   over 100 cannot be a registered name and is refused.
# - 法定代表人 50: a person's name as on the business licence; a Chinese name is 2–4 characters, a
#   transliterated or Latin foreign name ("Jean-Baptiste Emmanuel Durand") stays under 50.
# - 联系人 30: a person, perhaps with a title or a department ("王经理（质量部）").
# - 地址 200, 行业 50, 主要产品 500: generous; a paste of a whole document is what they catch.
NAME_WARNING_LENGTH = 50
LIMITS: dict[str, tuple[str, int, str]] = {
    "name": ("企业名称", 100, "name.too_long"),
    "legal_representative": ("法定代表人", 50, "person.too_long"),
    "contact_name": ("联系人", 30, "person.too_long"),
    "address": ("地址", 200, "text.too_long"),
    "industry": ("行业", 50, "text.too_long"),
    "main_products": ("主要产品", 500, "text.too_long"),
}


def normalise_phone(text: str | None) -> str:
    """As stored: half-width, without invisible characters, outer spaces stripped."""
    return half_width(strip_invisible(text or "")).strip()


def compact_phone(text: str | None) -> str:
    """The phone with the spaces inside each number dropped where the number is then one the
    rules accept (139 7200 5678 → 13972005678): a list's spacing is no part of the number, and a
    firm must be found by it. Anything else is returned as given, to be checked as typed."""
    value = normalise_phone(text)
    parts = re.split(f"({_PHONE_SEPARATORS.pattern})", value)
    for i, part in enumerate(parts[::2]):
        number = _SPACES.sub("", part)
        if number != part.strip() and any(p.fullmatch(number.translate(_DASHES))
                                           for p in (_MOBILE, _LANDLINE, _SERVICE)):
            parts[2 * i] = number if part == part.strip() else part.replace(part.strip(), number)
    return "".join(parts)


def phone_issues(field: str, text: str | None) -> list[Issue]:
    """What is wrong with a phone field (normalised text, see `normalise_phone`)."""
    value = normalise_phone(text)
    if value in NOT_GIVEN:
        return []
    issues: list[Issue] = []
    for part in _PHONE_SEPARATORS.split(value):
        number = _SPACES.sub("", part).translate(_DASHES)
        if not number:
            continue
        if _MOBILE.fullmatch(number) or _SERVICE.fullmatch(number):
            continue
        landline = _LANDLINE.fullmatch(number)
        if landline is None:
            return [Issue(field, "phone.invalid", {"value": value})]
        if not landline["area"] and number.startswith("1"):  # no local number starts with 0 or 1
            digits = len(re.match("[0-9]+", number)[0])  # the extension (转12) not counted
            issues.append(Issue(field, "phone.short_mobile", {"value": part.strip(), "digits": digits}))
        elif not landline["area"]:
            issues.append(Issue(field, "phone.no_area_code", {"value": part.strip()}, warning=True))
    return issues


def text_field_issues(enterprise: Enterprise) -> list[Issue]:
    """Phone and lengths of the free-text fields; normalises the phone in place."""
    enterprise.contact_phone = normalise_phone(enterprise.contact_phone)
    issues = phone_issues("contact_phone", enterprise.contact_phone)
    for field, (label, limit, rule) in LIMITS.items():
        length = len((getattr(enterprise, field) or "").strip())
        if length > limit:
            issues.append(Issue(field, rule, {"field": label, "limit": limit, "length": length}))
        elif field == "name" and length > NAME_WARNING_LENGTH:
            issues.append(Issue(field, "name.long", {"length": length}, warning=True))
    return issues


def as_stored_only_warns(issues: list[Issue], enterprise: Enterprise,
                         stored: Enterprise | None) -> list[Issue]:
    """Errors on a field that holds what the database already holds for this record become
    warnings: a rule added later does not lock a record saved before it."""
    if stored is None:
        return issues
    same = {f for f in (*LIMITS, "contact_phone")
            if (getattr(enterprise, f) or "").strip() == _stored_value(stored, f)}
    return [Issue(i.field, i.rule, i.params, True) if i.field in same else i for i in issues]


def _stored_value(stored: Enterprise, field: str) -> str:
    value = getattr(stored, field) or ""
    return normalise_phone(value) if field == "contact_phone" else value.strip()
