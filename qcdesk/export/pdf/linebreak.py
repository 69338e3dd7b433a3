"""Chinese line breaking with kinsoku (避头尾, GB/T 15834 / JLREQ line-start and line-end rules),
shared by the grid text of official documents and the table cells of forms and reports.

Decision: when a closing mark (，。）… ) would start a line, or an opening mark (（《“ … ) would end
one, the characters before the break move down to the next line with it; nothing hangs into
the margin and nothing is squeezed.  Why: GB/T 9704 keeps 28 characters on the grid, and a
mark hung past the text block's right edge (what reportlab's own CJK wrap does) leaves the
block.  The shortened line stays ragged, like lines that end before a Latin run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from qcdesk.export.pdf.glyphs import printable

_DEFAULT = ParagraphStyle("default")  # what Paragraph uses when given no style

# Characters that may not start a line / may not end a line (full-width and ASCII).
NO_START = frozenset("，。、；：？！）》」』”’〕】〉〗〙〛｝］…—％‰·︰,.;:?!)]}%")
NO_END = frozenset("（《「『“‘〔【〈〖〘〚｛［([{")
_WORD_CHARS = "0-9A-Za-z.\\-_/:×～"  # a Latin run: codes, decimals, models such as 1000×600×1.0mm,
# and a range (5～10个) read as one
# Units read with the number before them (15日内, 检查43次, 0个, 95%): the number never ends a
# line without its unit.  Longest first, so that 3个月 keeps 个月 and 2千克 keeps 千克.
UNITS = ("个工作日", "平方米", "立方米", "百分点", "千克", "日内", "天内", "小时", "季度", "个月",
         "周岁", "年", "月", "日", "号", "次", "个", "件", "批", "家", "项", "天", "周", "时", "分", "秒",
         "岁", "名", "人", "位",
         "元", "米", "吨", "克", "升", "台", "条", "张", "份", "箱", "瓶", "袋", "盒", "只", "块", "段",
         "樘", "倍", "类", "种", "处", "页", "期", "届", "度", "%", "％", "‰")
_TOKEN = re.compile(
    r"\d+年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日"  # a date, with or without its year or day
    rf"|[{_WORD_CHARS}]*\d(?:{'|'.join(map(re.escape, UNITS))})"  # a number with its unit
    rf"|[{_WORD_CHARS}]+"  # a Latin run
    r"|.",
    re.S,
)


def tokens(text: str) -> list[str]:
    """Split into unbreakable units: one CJK character, a Latin run (codes, models such as
    1000×600×1.0mm), a number with its unit (15日, 43次) or a whole date (2025年5月14日).
    Why: a reader takes "2025⏎年5月14日" or "15⏎日内" for two things; a break between two such
    units stays allowed."""
    return _TOKEN.findall(text)


def may_break(before: str, after: str) -> bool:
    """True if a line may end with token `before` and the next one start with `after`."""
    return after[0] not in NO_START and before[-1] not in NO_END


def break_text(
    text: str, measure: Callable[[str], float], first_width: float, width: float, fuzz: float = 0.01
) -> list[str]:
    """Greedy line breaking of one paragraph: as many tokens per line as fit, then the break
    moved back (never forward, so no line overruns) until it is allowed by kinsoku.  A break
    that no earlier position makes allowed (a line of nothing but marks) stays where it fell."""
    toks: list[str] = []
    for tok in tokens(text):
        # A Latin run wider than a line (a long batch number, a URL) breaks anywhere.
        toks.extend(tok if len(tok) > 1 and measure(tok) > first_width + fuzz else [tok])
    lines: list[str] = []
    line: list[str] = []
    used, avail = 0.0, first_width
    for tok in toks:
        tw = measure(tok)
        while line and used + tw > avail + fuzz:
            k = len(line)
            while k > 1 and not may_break(line[k - 1], line[k] if k < len(line) else tok):
                k -= 1
            if not may_break(line[k - 1], line[k] if k < len(line) else tok):
                k = len(line)
            lines.append("".join(line[:k]))
            line = line[k:]
            used, avail = sum(measure(t) for t in line), width
        line.append(tok)
        used += tw
    lines.append("".join(line))
    return lines


class KinsokuParagraph(Paragraph):
    """A Paragraph of plain text ("\\n" = new line) broken by `break_text` for the width it is
    given, so that form and table cells follow the same rules as the grid text.  reportlab's
    wordWrap='CJK' knows only some closing marks (not ，；：！？》”) and hangs them past the
    cell's right edge."""

    def __init__(self, text, style=None, bulletText=None, frags=None,  # noqa: ANN001, N803
                 caseSensitive=1, encoding="utf8") -> None:  # noqa: ANN001, N803
        # `frags` is given only by Paragraph.split for the halves of an already broken paragraph.
        self._plain = None if frags is not None else printable(text or "", (style or _DEFAULT).fontName)
        self._broken_width: float | None = None
        markup = escape(self._plain).replace("\n", "<br/>") if self._plain is not None else None
        super().__init__(markup, style, bulletText, frags, caseSensitive, encoding)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        st = self.style
        width = availWidth - st.leftIndent - st.rightIndent
        if self._plain is not None and self._broken_width != width:
            self._broken_width = width

            def measure(s: str) -> float:
                return stringWidth(s, st.fontName, st.fontSize)

            lines: list[str] = []
            for i, para in enumerate(self._plain.split("\n")):
                first = width - (st.firstLineIndent if i == 0 else 0.0)
                lines += break_text(para, measure, first, width, fuzz=-1e-3)
            markup = "<br/>".join(escape(s) for s in lines)
            Paragraph.__init__(self, markup, st, self.bulletText, None, self.caseSensitive, self.encoding)
        return super().wrap(availWidth, availHeight)
