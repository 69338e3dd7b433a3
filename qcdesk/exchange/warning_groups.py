"""An import's warnings grouped by kind for the window and the terminal; every one stays in
`--json` and on the reconciliation workbook's 说明 sheet.

Why: a county package brought ~40 文号重复 lines and many code-clash lines, one per line, and
they buried the rest (the jurisdiction warning, a sequence gap). A warning keeps its words and
carries its kind (`Kinded`, made where the warning is made); a kind with more than `THRESHOLD`
warnings shows its first `EXAMPLES` where the first stood and one line counting the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 3  # up to this many of a kind are all shown
EXAMPLES = 2  # shown of a larger kind, the rest counted

# what each kind is called on its 'N more' line (zh, en)
KIND_NAMES: dict[str, tuple[str, str]] = {
    "notice_duplicate": ("文号重复", "duplicate notice numbers"),
    "code_clash": ("统一社会信用代码已被占用", "credit code held by another enterprise"),
    "filed_under": ("归入持有同一代码的企业", "filed under the enterprise holding the code"),
    "order_date": ("整改日期晚于规定", "order dates beyond the rules"),
    "cert_duplicate": ("执法证号重复", "duplicate certificate numbers"),
}


class Kinded(str):
    """A warning's words (a plain str everywhere: printed, compared, in JSON) with its kind."""

    kind: str

    def __new__(cls, text: str, kind: str) -> Kinded:
        made = super().__new__(cls, text)
        made.kind = kind
        return made

    def __reduce__(self) -> tuple[type[Kinded], tuple[str, str]]:
        """copy, deepcopy and pickle make it again from words and kind (str's own way would call
        `Kinded(text)` without a kind and fail)."""
        return (Kinded, (str(self), self.kind))


def kinded(pairs: Sequence[tuple[str, str]], kind: str) -> list[tuple[str, str]]:
    """(zh, en) warnings, each marked with `kind`, words unchanged."""
    return [(Kinded(zh, kind), Kinded(en, kind)) for zh, en in pairs]


@dataclass(frozen=True)
class Rest:
    """Stands for the warnings of a kind not listed: `hidden` of `total`."""

    kind: str
    hidden: int
    total: int

    def name(self, lang: str) -> str:
        zh, en = KIND_NAMES.get(self.kind, (self.kind, self.kind))
        return en if lang == "en" else zh


def grouped(warnings: Sequence[str]) -> list[str | Rest]:
    """The warnings in their order, except that a kind with more than THRESHOLD keeps its first
    EXAMPLES and a `Rest` right after them (the others of the kind left out)."""
    totals: dict[str, int] = {}
    for w in warnings:
        kind = getattr(w, "kind", "")
        if kind:
            totals[kind] = totals.get(kind, 0) + 1
    out: list[str | Rest] = []
    seen: dict[str, int] = {}
    for w in warnings:
        kind = getattr(w, "kind", "")
        if not kind or totals[kind] <= THRESHOLD:
            out.append(w)
            continue
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= EXAMPLES:
            out.append(w)
        if seen[kind] == EXAMPLES:
            out.append(Rest(kind, totals[kind] - EXAMPLES, totals[kind]))
    return out


def cli_rest_text(rest: Rest, reconcile: str = "") -> str:
    """The terminal's line for a Rest: where the full list is."""
    where = f"对账表 {reconcile} 的说明表" if reconcile else "--json 或 --reconcile 对账表.xlsx"
    return (f"另有 {rest.hidden} 处同类情况（{rest.name('zh')}，共 {rest.total} 处），全部见{where} "
            f"({rest.hidden} more of this kind)")
