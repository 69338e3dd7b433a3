"""GB/T 9704-2012 page template and a grid-aligned text flowable.

Decision on the 28 × 22 grid: the text block is 156 mm wide, but 28 characters of 3号 (16 pt)
need 158 mm.  We keep the glyphs at a true 16 pt and tighten the character pitch to
156 mm / 28 = 15.79 pt (tracking −0.21 pt), as word processors do with a "document grid".
Line pitch is 225 mm / 22 = 28.99 pt.  Every grid flowable is a whole number of lines tall,
so body lines sit on the 22-line grid of every page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Table
from reportlab.platypus.flowables import Spacer

# The kinsoku sets live with the line breaking; re-exported for callers of this module.
from qcdesk.export.pdf.glyphs import printable
from qcdesk.export.pdf.linebreak import NO_END as NO_END
from qcdesk.export.pdf.linebreak import NO_START as NO_START
from qcdesk.export.pdf.linebreak import break_text

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT  # 35 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = TEXT_HEIGHT / LINES_PER_PAGE  # ≈ 28.99 pt
CELL = TEXT_WIDTH / CHARS_PER_LINE  # ≈ 15.79 pt
SIZE_2 = 22.0  # 二号: title
SIZE_3 = 16.0  # 三号: body
SIZE_4 = 14.0  # 四号: page numbers
SIZE_S4 = 12.0  # 小四: form tables
SIZE_5 = 10.5  # 五号: dense forms (sampling record)
BLANK = "＿＿＿＿"  # marks a field nobody filled in, on forms handed out

def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass(frozen=True)
class GridStyle:
    """Font, size and tracking of one kind of grid text (body, title, heading …)."""

    font: str
    size: float
    track: float = 0.0  # extra space after every glyph, pt


def body_style(font: str) -> GridStyle:
    return GridStyle(font, SIZE_3, CELL - SIZE_3)


def title_style(font: str) -> GridStyle:
    return GridStyle(font, SIZE_2, 0.0)


def break_lines(text: str, style: GridStyle, width: float, first_indent: float = 0.0) -> list[str]:
    """Greedy CJK line breaking of one paragraph with kinsoku; width/indent in points."""

    def w(s: str) -> float:
        return stringWidth(s, style.font, style.size) + style.track * len(s)

    return break_text(text, w, width - first_indent, width)


class GridText(Flowable):
    """Text laid on the document grid: each line takes exactly one line pitch.

    `indent`: first-line indent in cells (2 for body text); `right` cells kept free on the right
    (4 for the date line); `align`: left, center or right.  `orphans` / `widows`: fewest lines of
    the text left at the foot of a page / carried to the next one when it is split (1 = split
    anywhere); a text that cannot be split so moves whole to the next page.
    """

    def __init__(
        self,
        text: str,
        style: GridStyle,
        indent: float = 0,
        align: str = "left",
        right: float = 0,
        lines: list[tuple[str, bool]] | None = None,
        orphans: int = 1,
        widows: int = 1,
    ) -> None:
        super().__init__()
        self.orphans, self.widows = orphans, widows
        self.text = printable(text, style.font)  # no empty box for an emoji the font lacks
        self.style = style
        self.indent = indent
        self.align = align
        self.right = right
        self._lines = lines  # (text, is_first_line_of_paragraph)
        self._width = TEXT_WIDTH

    def _layout(self, avail_width: float) -> list[tuple[str, bool]]:
        if self._lines is None:
            width = avail_width - self.right * CELL
            lines: list[tuple[str, bool]] = []
            for para in self.text.split("\n"):
                broken = break_lines(para, self.style, width, self.indent * CELL)
                lines.extend((s, i == 0) for i, s in enumerate(broken))
            self._lines = lines
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        return avail_width, len(self._layout(avail_width)) * LINE_PITCH

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._layout(avail_width)
        fit = int((avail_height + 0.01) // LINE_PITCH)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        fit = min(fit, len(lines) - self.widows)
        if fit < max(self.orphans, 1):
            return []
        keep = (self.orphans, self.widows)
        head = GridText(self.text, self.style, self.indent, self.align, self.right, lines[:fit], *keep)
        tail = GridText(self.text, self.style, self.indent, self.align, self.right, lines[fit:], *keep)
        return [head, tail]

    def line_width(self, s: str) -> float:
        st = self.style
        return stringWidth(s, st.font, st.size) + st.track * len(s)

    def draw(self) -> None:
        st = self.style
        canv = self.canv
        # Centre the glyph body (≈ −0.12 … 0.88 em) vertically in its line.
        base = (LINE_PITCH - st.size) / 2 + 0.88 * st.size
        height = len(self._lines or []) * LINE_PITCH
        for i, (s, first) in enumerate(self._lines or []):
            width = self.line_width(s) - st.track  # no tracking after the last glyph
            if self.align == "center":
                x = (self._width - width) / 2
            elif self.align == "right":
                x = self._width - self.right * CELL - width
            else:
                x = self.indent * CELL if first else 0.0
            tx = canv.beginText(x, height - i * LINE_PITCH - base)
            tx.setFont(st.font, st.size)
            tx.setCharSpace(st.track)
            tx.textOut(s)
            canv.drawText(tx)


FIT_TOLERANCE = 1e-6  # pt a block may overrun the space left: the frame's own (rl_config._FUZZ)


class GridKeepTogether(KeepTogether):
    """KeepTogether that counts a block within FIT_TOLERANCE of the space left as fitting.

    Grid flowables are whole line pitches, and the float sum of n pitches can exceed the n
    pitches left at the foot of a page by a rounding error: reportlab would then move a block
    that exactly fills the page to the next one."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._H - avail_height <= FIT_TOLERANCE:
            return list(self._content)
        return super().split(avail_width, avail_height)


MIN_TABLE_ROWS = 2  # body rows a split table leaves on a page, as few as a paragraph's lines


class RowKeepingTable(Table):
    """A table with a repeated header that never leaves fewer than MIN_TABLE_ROWS body rows on
    either page when it is split: a header over one lone row reads as a table of one.

    A table of fewer than 2 × MIN_TABLE_ROWS body rows is thus never split: it goes whole to the
    next page.  Splits only between rows (splitInRow stays 0).  `note_rows` last rows are a
    note under the table (注：…): they go with the last MIN_TABLE_ROWS body rows, never alone."""

    note_rows = 0

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._calc(avail_width, avail_height)
        rows = len(self._rowHeights)
        header = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        n = self._getFirstPossibleSplitRowPosition(avail_height)  # first row of the next page
        if n >= rows:
            return super().split(avail_width, avail_height)  # it fits whole
        n = min(n, rows - MIN_TABLE_ROWS - self.note_rows)
        if n - header < MIN_TABLE_ROWS:
            # Not enough room for the header and the first rows here: the next page (unless even
            # a whole page could not hold them, where any split beats an endless table).
            if sum(self._rowHeights[:header + MIN_TABLE_ROWS]) > TEXT_HEIGHT:
                return super().split(avail_width, avail_height)
            return []
        return super().split(avail_width, sum(self._rowHeights[:n]) + FIT_TOLERANCE)


def _split_at_most(f: Flowable, avail_width: float, height: float) -> list[Flowable]:
    """`f` split with at most `height` on this page and something carried to the next one:
    a text that fits whole still gives up its last lines (its widows), a table its last rows.
    Only grid text and tables are split here (not a one-line caption, not a chart)."""
    if not isinstance(f, GridText | Table):
        return []
    _w, h = f.wrap(avail_width, height)
    parts = f.split(avail_width, min(height, h - 1.0))
    return parts if len(parts) == 2 else []


class KeepEndTogether(GridKeepTogether):
    """The end of a document: `body`, its last section, and `end`, what closes it (the closing
    line, signature and date).  The end never stands alone on a page (GB/T 9704: no page of
    bare signature): the last lines or table rows of the body go with it.  The body is split
    where the page ends; when that would carry nothing of it, or its flowable there cannot be
    split (a table of 3 rows, a text of 3 lines), the one before gives up its last lines, and so
    on; failing all that the whole block moves to the next page."""

    def __init__(self, body: list[Flowable], end: list[Flowable]) -> None:
        # A KeepTogether inside would measure 0xffffff tall (reportlab's way to force a split)
        # and push everything to the next page: its flowables join this block instead.
        flat: list[Flowable] = []
        for f in end:
            flat.extend(f._content if isinstance(f, KeepTogether) else [f])
        self._body = len(body)
        super().__init__([*body, *flat])

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._H - avail_height <= FIT_TOLERANCE:
            return list(self._content)
        content, k = self._content, self._body
        tops = [0.0]  # where each flowable starts on this page
        for f in content:
            tops.append(tops[-1] + f.wrap(avail_width, avail_height)[1])
        i = next(n for n in range(len(content)) if tops[n + 1] - avail_height > FIT_TOLERANCE)
        if i < k and isinstance(content[i], GridText | Table):  # the body runs over the page
            parts = content[i].split(avail_width, avail_height - tops[i])
            if len(parts) == 2:
                return [*content[:i], parts[0], KeepEndTogether([parts[1], *content[i + 1:k]],
                                                                 content[k:])]
        for j in range(min(i, k) - 1, -1, -1):  # an earlier flowable gives up its last lines
            parts = _split_at_most(content[j], avail_width, tops[j + 1] - tops[j])
            if parts:
                return [*content[:j], parts[0], KeepEndTogether([parts[1], *content[j + 1:k]],
                                                                 content[k:])]
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", True):
            # To the next page as one block, split there if need be (reportlab's KeepTogether
            # would hand its flowables on loose, and the date could end up alone after them).
            return [self.FrameBreak(), KeepEndTogether(content[:k], content[k:])]
        return super().split(avail_width, avail_height)


class HeadingWithLines(GridKeepTogether):
    """What `keepWithNext` makes of headings and the grid text after them: the headings stay
    with the first ORPHAN_LINES lines of that text, not with all of it, so a long section starts
    at the foot of a page instead of leaving the page's last lines empty.  Likewise with the
    header and first MIN_TABLE_ROWS rows of a RowKeepingTable.  Anything else after a heading
    (a plain table, a chart) is kept whole, as reportlab does."""

    ORPHAN_LINES = 2

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        *heads, text = self._content
        if heads and isinstance(text, RowKeepingTable) and all(isinstance(h, GridText) for h in heads):
            head_h = sum(h.wrap(avail_width, avail_height)[1] for h in heads)
            if head_h < avail_height:
                parts = text.split(avail_width, avail_height - head_h)
                if parts:  # [table] when it fits, [head, tail] when it splits
                    return [*heads, *parts]
        if heads and isinstance(text, GridText) and all(isinstance(h, GridText) for h in heads):
            head_h = sum(h.wrap(avail_width, avail_height)[1] for h in heads)
            text_h = text.wrap(avail_width, avail_height)[1]
            if head_h + min(text_h, self.ORPHAN_LINES * LINE_PITCH) - avail_height <= FIT_TOLERANCE:
                parts = text.split(avail_width, avail_height - head_h)
                if parts:  # else the text keeps its lines together: the heading goes with them
                    return [*heads, *parts]
        return super().split(avail_width, avail_height)


def blank_lines(n: int = 1) -> Spacer:
    """Empty grid lines (keeps the following text on the grid)."""
    return Spacer(1, n * LINE_PITCH)


def page_number_drawer(font: str) -> Callable:
    """GB/T 9704 §7.5: 4号 digits between em dashes, 7 mm below the text block,
    odd pages right and even pages left, one character in from the text block edge."""

    def draw(canv, doc) -> None:  # noqa: ANN001 — reportlab callback signature
        label = f"— {doc.page} —"
        canv.saveState()
        canv.setFont(font, SIZE_4)
        y = MARGIN_BOTTOM - 7 * mm - SIZE_4 * 0.8
        if doc.page % 2:
            canv.drawRightString(MARGIN_LEFT + TEXT_WIDTH - SIZE_4, y, label)
        else:
            canv.drawString(MARGIN_LEFT + SIZE_4, y, label)
        canv.restoreState()

    return draw


class OfficialDocTemplate(BaseDocTemplate):
    """A4 with the GB/T 9704 text block (top 37 mm, left 28 mm, 156 × 225 mm)."""

    def __init__(self, target, page_number_font: str, title: str = "", author: str = "") -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            creator="QCDesk 质量提升工作台",
            initialFontName=page_number_font,  # no stray non-embedded Helvetica in the file
            initialFontSize=SIZE_4,
            keepTogetherClass=HeadingWithLines,  # how a heading's keepWithNext is honoured
        )
        frame = Frame(
            MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, TEXT_HEIGHT,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
        )
        self.addPageTemplates(
            [PageTemplate(id="gbt9704", frames=[frame], onPage=page_number_drawer(page_number_font))]
        )
