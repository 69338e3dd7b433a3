"""What a document prints where its font has no glyph: emoji pasted from WeChat (👍 ✅ 😀).

Decision: an emoji the font lacks prints as 〔表情〕, and the invisible parts of emoji (variation
selectors, zero-width joiners, skin tones, keycaps) the font lacks are left out. Why not the
emoji itself: no Chinese 公文 face has them, we never ship fonts (fonts.py), Windows' emoji faces
are colour fonts reportlab cannot embed as such, and a machine may have none; so the official
record showed an empty box (□), which reads as a printing fault or a lost word. A word for each
emoji (赞, 好) would put words in the inspector's mouth; 〔表情〕 says truthfully that a symbol
stood there. Symbols the font has (★ ○ ※ √) print as they are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from reportlab.pdfbase import pdfmetrics

EMOJI_MARK = "〔表情〕"
_JOINER = "\u200d"
_INVISIBLE = ("Mn", "Me", "Cf", "Sk")  # selectors, keycap, joiner and tags, skin tones


def font_has(font_name: str) -> Callable[[str], bool]:
    """Whether the registered font has a glyph for a character.

    An embedded TrueType face answers from its cmap; the built-in CID fallback (STSong-Light)
    covers the GBK repertoire, which holds the Chinese symbols (★ ※ →) and no emoji."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    cmap = getattr(face, "charToGlyph", None)
    if cmap is not None:
        return lambda ch: ord(ch) in cmap

    def in_gbk(ch: str) -> bool:
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            return False
        return True

    return in_gbk


def _pictograph(ch: str) -> bool:
    cp = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF  # two of them make one flag


def printable(text: str, font_name: str) -> str:
    """`text` with each emoji the font lacks as 〔表情〕 (one per emoji, however many code
    points it is made of) and the invisible emoji parts the font lacks left out."""
    has = font_has(font_name)
    out: list[str] = []
    in_emoji = joined = False
    flag_open = False
    for ch in text:
        invisible = unicodedata.category(ch) in _INVISIBLE  # skin tones are pictographs too
        if invisible and (in_emoji or not has(ch)):  # part of an emoji printed as the mark
            joined = in_emoji and ch == _JOINER
        elif has(ch):
            out.append(ch)
            in_emoji = joined = flag_open = False
        elif _pictograph(ch):
            if in_emoji and (joined or (flag_open and _regional(ch))):  # 👨‍👩‍👧 or 🇨🇳: one emoji
                joined = flag_open = False
                continue
            out.append(EMOJI_MARK)
            in_emoji, joined, flag_open = True, False, _regional(ch)
        else:  # a letter or Han character the font lacks: not ours to guess (fonts.py probes)
            out.append(ch)
            in_emoji = joined = flag_open = False
    return "".join(out)
