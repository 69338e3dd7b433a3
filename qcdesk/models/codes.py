"""Check the identification codes inspectors type in (GB 32100, GB 11714, XK, SC).

The rules come from the national standards summarised in the domain brief; an error means
the code cannot be right, a warning means it is suspicious but may still be a real code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_SEPARATORS = re.compile(r"[\s\-‐‑–—−_]+")
# A Chinese input method in full-width mode types ９１ＭＡ－… (U+FF01–FF5E) and the ideographic
# space (U+3000): the same characters as ASCII, so they are read as such before any check.
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
_DASHES = str.maketrans({c: "-" for c in "‐‑–—−"})
# [0-9], not \d: \d also takes digits of other scripts, which would be stored as typed
_XK_PATTERN = re.compile(r"^(?:\((?P<prov>[\u4e00-\u9fff]{1,2})\))?XK([0-9]{2})-([0-9]{3})-([0-9]{5})$")
_SC_PATTERN = re.compile(r"^SC([0-9]{14})$")
_QS_PATTERN = re.compile(r"^QS([0-9]{12})$")


@dataclass(frozen=True)
class CodeCheck:
    """Outcome of checking one code: the normalised value plus errors and warnings (rule keys)."""

    value: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)  # what the messages name (length …)

    @property
    def ok(self) -> bool:
        return not self.errors


def half_width(text: str) -> str:
    """Full-width ASCII letters, digits, punctuation and the ideographic space as plain ASCII."""
    return text.translate(_HALF_WIDTH)


def strip_invisible(text: str) -> str:
    """Without format characters (Unicode Cf: zero-width space, BOM, direction marks): text pasted
    from web pages and chat apps carries them unseen, and a code then counts 19 characters."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def normalize_uscc(raw: str) -> str:
    """Half-width, upper-case, no spaces/hyphens/invisible characters: codes are copied from paper
    and web pages and typed in an input method's full-width mode."""
    return _SEPARATORS.sub("", half_width(strip_invisible(raw or ""))).upper()


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC computed from the first 17 (GB 32100-2015)."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_character(first8: str) -> str:
    """GB 11714 organisation-code check character for 8 characters (digits or A–Z)."""
    total = 0
    for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True):
        value = int(c) if c.isdigit() else ord(c) - ord("A") + 10
        total += value * w
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def check_uscc(raw: str) -> CodeCheck:
    """Validate a unified social credit code; an embedded GB 11714 mismatch is only a warning."""
    value = normalize_uscc(raw)
    params: dict[str, object] = {"length": len(value)}
    if not value:
        return CodeCheck(value, ["uscc.empty"], params=params)
    if len(value) != 18:
        return CodeCheck(value, ["uscc.length"], params=params)
    wrong = next(((i, c) for i, c in enumerate(value, 1) if c not in USCC_ALPHABET), None)
    if wrong is not None:
        # a letter the standard leaves out (I O S V Z), or no code character at all: a Cyrillic
        # А or Greek Ο looks like the Latin letter, so the message names the position and the
        # character, never "I、O、S、V、Z" for a character the user cannot tell apart
        position, char = wrong
        params |= {"position": position, "char": char}
        rule = "uscc.alphabet" if char in "IOSVZ" else "uscc.character"
        return CodeCheck(value, [rule], params=params)
    if not value[2:8].isdigit():
        return CodeCheck(value, ["uscc.region"], params=params)
    if uscc_check_character(value[:17]) != value[17]:
        return CodeCheck(value, ["uscc.check"], params=params)
    warnings = []
    org = value[8:17]
    well_formed = all(c.isdigit() or "A" <= c <= "Z" for c in org[:8])
    if not well_formed or org_code_check_character(org[:8]) != org[8]:
        warnings.append("uscc.org_check")
    return CodeCheck(value, [], warnings, params)


def iso7064_mod11_10(digits: str) -> str:
    """ISO 7064 MOD 11,10 check digit (GB/T 17710) used by SC food licences."""
    p = 10
    for d in digits:
        s = (p + int(d)) % 10 or 10
        p = (2 * s) % 11
    return str((11 - p) % 10)


def normalize_licence(raw: str) -> str:
    """Half-width (brackets of "（鄂）", ＸＫ, digits, hyphens), upper-case, dashes as "-", no spaces."""
    text = half_width(strip_invisible(raw or "")).upper().translate(_DASHES)
    return re.sub(r"\s+", "", text)


def licence_kind(value: str) -> str | None:
    """'XK', 'SC' or 'QS' from the shape of a normalised licence number."""
    if _XK_PATTERN.match(value):
        return "XK"
    if _SC_PATTERN.match(value):
        return "SC"
    if _QS_PATTERN.match(value):
        return "QS"
    return None


def check_licence(raw: str) -> CodeCheck:
    """Validate an XK (format) or SC (format and check digit) licence; QS is historical only."""
    value = normalize_licence(raw)
    if not value:
        return CodeCheck(value, ["licence.empty"])
    kind = licence_kind(value)
    if kind is None:
        return CodeCheck(value, ["licence.format"])
    if kind == "SC":
        digits = value[2:]
        if digits[0] not in "12":
            return CodeCheck(value, ["licence.sc_category"])
        if iso7064_mod11_10(digits[:13]) != digits[13]:
            return CodeCheck(value, ["licence.sc_check"])
    if kind == "QS":
        return CodeCheck(value, [], ["licence.qs_historical"])
    return CodeCheck(value)
