"""What the sampling record (抽样单) accepts in its quantity, price and licence fields.

The form's quantities are written as on paper — "20袋", "2 kg", "1,000箱", "约500 kg",
"4盒（250g/盒）", "十袋", "3+3袋", "≥500箱" — and printed as written, so the text is kept (digits
and Latin letters made half-width, `tidy_quantity`); only
text with no number at all ("abc") or a negative one ("-5") is refused. The unit price is the
product's price ("12.50元/袋", "每袋12.5元", "12-15元"), not what the enterprise is charged
(sampling is free, so "免费" is refused). "/" is how a paper form says "does not apply".
Test + backup are held to the sample quantity only when all three are plain numbers in the
same unit word; anything else is the inspector's own notation and is not second-guessed.

Samplers and seal state (domain brief: samples are taken by at least two samplers, who sign the
record, and sealed as a test and a backup sample). The form may be completed after the result
comes in, so what is still blank is only pointed out (a warning); one sampler named is refused,
except on a planned visit and where the record was saved so before (it still opens and saves,
with the warning shown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from qcdesk.models.codes import check_licence, half_width
from qcdesk.models.messages import Issue, Label
from qcdesk.models.records import Sample

# Between two names: 、 (the form's own), a comma or semicolon of either width, "/" or a line break.
_NAME_SEPARATORS = re.compile(r"[、,;/\n]+")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z]")

NOT_APPLICABLE = ("/", "无", "-", "—")
_NUMBER = r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
# the unit follows the number and cannot start like more of a number ("2.5.3", "5-10", "1/2")
_QUANTITY = re.compile(r"(?:约|about|approx\.?)?\s*" + _NUMBER + r"\s*(?P<unit>[^\s0-9.,+\-/].*)?",
                       re.IGNORECASE)
_PRICE = re.compile(r"(?:[¥￥]|RMB|CNY|人民币)?\s*" + _NUMBER + r"\s*(?P<unit>[^\s0-9.,+\-].*)?",
                    re.IGNORECASE)
_NEGATIVE = re.compile(r"[-−－负]\s*[0-9]")
_HAS_NUMBER = re.compile(r"[0-9一二三四五六七八九十百千万两〇零壹贰叁肆伍陆柒捌玖拾]")
_NOT_A_UNIT = re.compile(r"[×xX*万千百]")  # "2×3袋", "1.5万件": not comparable as plain numbers
_UNIT_WORD = re.compile(r"[^\s(（/0-9]*")
# full-width digits, Latin letters, ． ％ ／ and the ideographic space, as the quantity fields store them
_HALF_QUANTITY = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                             *range(0xFF41, 0xFF5B), 0xFF0E, 0xFF05, 0xFF0F)} | {0x3000: 0x20}
_DIGIT_COMMA = re.compile(r"(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")  # 1，000 is a thousands comma


@dataclass(frozen=True)
class Quantity:
    number: Decimal
    unit: str

    @property
    def unit_key(self) -> str:
        """The unit word alone ("袋" of "袋（500g/袋）"), case-folded: what two quantities compare on."""
        match = _UNIT_WORD.match(self.unit)
        return match.group(0).casefold() if match else ""


def _plain(text: str | None) -> str:
    return half_width(text or "").strip()


def parse_quantity(text: str | None) -> Quantity | None:
    """The number and unit of a written quantity; None if it is not one (or is empty or "/")."""
    match = _QUANTITY.fullmatch(_plain(text))
    if match is None:
        return None
    return Quantity(Decimal(match["number"].replace(",", "")), (match["unit"] or "").strip())


def _not_given(value: str) -> bool:
    return not value or value in NOT_APPLICABLE


def check_quantity(issues: list[Issue], field: str, label: Label, value: str | None,
                   positive: bool = True) -> Quantity | None:
    """A number with an optional unit; negative and (if `positive`) zero refused."""
    text = _plain(value)
    if _not_given(text):
        return None
    if _NEGATIVE.match(text):
        issues.append(Issue(field, "quantity.negative", {"field": label, "value": value}))
        return None
    if not _HAS_NUMBER.search(text):
        issues.append(Issue(field, "quantity.invalid", {"field": label, "value": value}))
        return None
    quantity = parse_quantity(text)
    if quantity is None or _NOT_A_UNIT.match(quantity.unit):
        return None  # the inspector's own notation (十袋, 3+3袋, 2×3袋): kept as written
    if positive and quantity.number == 0:
        issues.append(Issue(field, "quantity.zero", {"field": label}))
        return None
    return quantity


def check_price(issues: list[Issue], field: str, label: Label, value: str | None) -> None:
    """An amount, with a currency sign or a unit if written ("12.50元/袋", "￥8"); not "免费"."""
    text = _plain(value)
    if _not_given(text):
        return
    if _NEGATIVE.match(text):
        issues.append(Issue(field, "quantity.negative", {"field": label, "value": value}))
    elif not _HAS_NUMBER.search(text):
        issues.append(Issue(field, "price.invalid", {"field": label, "value": value}))


def sample_licence_issues(field: str, value: str | None) -> tuple[str, list[Issue]]:
    """The licence number as it is stored (compact, half-width) and what is wrong with it:
    the enterprise file's rule (`codes.check_licence`); none for a product without a licence."""
    text = _plain(value)
    if _not_given(text):
        return text, []
    check = check_licence(text)
    issues = [Issue(field, rule) for rule in check.errors]
    issues += [Issue(field, rule, warning=True) for rule in check.warnings]
    return (check.value if check.ok else value or ""), issues


def split_names(text: str) -> list[str]:
    """Names as typed into one field: split at 、，,；;/ and line breaks. At spaces only when the
    field holds no other separator and every piece is a Chinese name of two characters or more
    ("张三 李四"): a two-character name is often written padded ("张 三"), a Latin name has its
    space inside ("Zhang San, Li Si" is two people), and once a separator has marked where the
    names end, a space is part of a name."""
    parts = [p.strip() for p in _NAME_SEPARATORS.split(half_width(text)) if p.strip()]
    if len(parts) != 1:
        return parts
    pieces = _SPACES.split(parts[0])
    if len(pieces) > 1 and all(len(p) >= 2 and not _LATIN.search(p) for p in pieces):
        return pieces
    return parts


def normalise_samplers(samplers: list) -> list:
    """Each typed entry split into names (split_names); inspector uuids and {name, cert_no}
    entries (from a package) are kept as they are."""
    out: list = []
    for item in samplers or []:
        out += split_names(item) if isinstance(item, str) else [item]
    return out


def _sampler_keys(samplers: list) -> set[str]:
    return {str(s.get("name", "")) if isinstance(s, dict) else str(s) for s in samplers} - {""}


def check_samplers_and_seal(issues: list[Issue], prefix: str, sample: Sample,
                            stored: Sample | None = None, planned: bool = False) -> None:
    """At least two different samplers (one is refused; none is pointed out, the form may be
    filled in later); a blank seal state is pointed out. Normalises the samplers in place.

    One sampler is only a warning on a planned visit (its team may not be complete yet) and
    when the stored record already had just these samplers (saved before this rule)."""
    sample.samplers = normalise_samplers(sample.samplers)
    count = len(_sampler_keys(sample.samplers))
    if count == 0:
        issues.append(Issue(prefix + "samplers", "samplers.missing", warning=True))
    elif count == 1:
        as_before = stored is not None and _sampler_keys(normalise_samplers(stored.samplers)) == \
            _sampler_keys(sample.samplers)
        issues.append(Issue(prefix + "samplers", "samplers.too_few", {"count": count},
                            warning=planned or as_before))
    if not (sample.seal_state or "").strip():
        issues.append(Issue(prefix + "seal_state", "seal.missing", warning=True))


def tidy_quantity(text: str | None) -> str:
    """A quantity or price as written, but with half-width digits and Latin letters (１２件 → 12件,
    ２ｋｇ → 2kg, １，０００箱 → 1,000箱): the licence and phone are stored so, and an export
    otherwise mixes widths. Chinese marks (（）、：) stay as written."""
    return _DIGIT_COMMA.sub(",", (text or "").translate(_HALF_QUANTITY)).strip()


def validate_sample_form(issues: list[Issue], prefix: str, sample: Sample,
                         stored: Sample | None = None, planned: bool = False) -> None:
    """Quantities, price, licence, samplers and seal state of one sample (`stored`: as it is in
    the database, if it is there); normalises the quantities (`tidy_quantity`), the licence
    number and the samplers in place."""
    for name in ("lot_size", "sample_qty", "test_qty", "backup_qty", "unit_price"):
        setattr(sample, name, tidy_quantity(getattr(sample, name)))
    check_quantity(issues, prefix + "lot_size", "抽样基数", sample.lot_size)
    total = check_quantity(issues, prefix + "sample_qty", "抽样数量", sample.sample_qty)
    test = check_quantity(issues, prefix + "test_qty", "检验样品数量", sample.test_qty)
    backup = check_quantity(issues, prefix + "backup_qty", "备用样品数量", sample.backup_qty, positive=False)
    check_price(issues, prefix + "unit_price", "单价", sample.unit_price)
    parts = [q for q in (test, backup) if q is not None]
    given = [v for v in (sample.test_qty, sample.backup_qty) if not _not_given(_plain(v))]
    units = {q.unit_key for q in (total, *parts) if q is not None}
    comparable = (total is not None and parts and len(parts) == len(given)
                  and len(units) == 1 and "" not in units)
    if comparable and sum(q.number for q in parts) > total.number:
        issues.append(Issue(prefix + "test_qty", "quantity.split", {
            "test": sample.test_qty or "0", "backup": sample.backup_qty or "0", "sample": sample.sample_qty}))
    sample.licence_no, licence_issues = sample_licence_issues(prefix + "licence_no", sample.licence_no)
    issues += licence_issues
    check_samplers_and_seal(issues, prefix, sample, stored, planned)
