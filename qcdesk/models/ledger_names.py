"""Is the 企业名称 a ledger gives the firm its credit code is on file for? One answer for every ledger.

A ledger matches firms by 统一社会信用代码 and gives the name "仅供核对": a code with one digit
copied wrong puts a failed sample, or an order, on another firm without a word. So the ledger's
name is compared with the stored one, normalised as typed lists vary (full- and half-width,
spaces, the place or a bracketed place left out): the same name is fine; a different one gets a
提示 naming both (a renamed firm is the benign case); a name sharing nothing with the stored one
(no two-character run in common, once the place and the company form are set aside) is refused,
the code being likely wrong.
The 抽查台账 (check_ledger) and the 整改台账 (order_ledger) both ask here, in their own words.
"""

from __future__ import annotations

import re
import unicodedata

from qcdesk.models.codes import strip_invisible
from qcdesk.models.jurisdictions import JURISDICTIONS

SAME, DIFFERS, UNRELATED = "same", "differs", "unrelated"

# Words every firm of a place or a form shares, which say nothing about which firm it is.
_PLACE_NAMES = {n for j in JURISDICTIONS for n in (j.name, j.name[:-1]) if len(n) >= 2}
_PLACES = sorted({"湖北省", "湖北", "咸宁市", "咸宁", *_PLACE_NAMES}, key=len, reverse=True)
_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|分公司|公司|集团|总厂|分厂|厂|专业合作社|合作社|"
                   r"商行|经营部|门市部|个体工商户)+$")
_BRACKETED = re.compile(r"\([^()]*\)")


def normalise_name(text: str | None) -> str:
    """The name as compared: half-width, no spaces or invisible characters (（通城） = (通城))."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", strip_invisible(text or "")))


def _core(name: str) -> str:
    """The part that tells firms apart: 通城县宏发食品有限公司 → 宏发食品."""
    core = _BRACKETED.sub("", name)
    stripped = True
    while stripped:
        stripped = False
        for place in _PLACES:
            if core.startswith(place) and len(core) > len(place):
                core, stripped = core[len(place):], True
                break
    core = _FORM.sub("", core)
    return core or name


def _runs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def compare_names(given: str | None, stored: str) -> str:
    """SAME (or no name given), DIFFERS (a 提示 naming both) or UNRELATED (refuse the row)."""
    ours, theirs = normalise_name(given), normalise_name(stored)
    a, b = _core(ours), _core(theirs)
    if not ours or ours == theirs or a in b or b in a:  # without 通城县, or 金塘电子 for 金塘电子基材
        return SAME
    if len(a) < 2 or len(b) < 2:  # "x", a placeholder: too short to say it is another firm
        return DIFFERS
    return DIFFERS if _runs(a) & _runs(b) else UNRELATED
