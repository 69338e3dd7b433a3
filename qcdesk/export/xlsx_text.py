"""Reversible text encoding for spreadsheet cells (docs/exchange-spreadsheet.md).

Two layers in the ECMA-376 ST_Xstring notation ``_xHHHH_``: an inner one for what readers
such as calamine refuse to decode (U+FFFE, U+FFFF, lone surrogates), then ST_Xstring proper
for characters XML 1.0 cannot hold (C0 controls except TAB/LF, and CR, which parsers
normalise).  A literal ``_xHHHH_`` gets its underscore escaped as ``_x005F_``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

MAX_CELL_CHARS = 32767

# ST_Xstring: control characters XML 1.0 cannot hold (CR included: parsers normalise it).
_ST_BAD = r"[\x00-\x08\x0b-\x1f]"
_ST_NEED = re.compile(_ST_BAD + r"|_x[0-9A-Fa-f]{4}_")
_ST_ONE = re.compile(_ST_BAD + r"|_(?=x[0-9A-Fa-f]{4}_)")
_ST_DECODE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Second, inner layer for what readers (calamine) refuse to decode: U+FFFE, U+FFFF, lone
# surrogates.  Same notation, restricted to those code points, applied before ST_Xstring.
_A_HEX = r"(?:005[Ff]|[Ff]{3}[EeFf]|[Dd][89A-Fa-f][0-9A-Fa-f]{2})"
_A_NEED = re.compile(r"[\ufffe\uffff\ud800-\udfff]|_x" + _A_HEX + "_")
_A_ONE = re.compile(r"[\ufffe\uffff\ud800-\udfff]|_(?=x" + _A_HEX + "_)")
_A_DECODE = re.compile(r"_x(" + _A_HEX + ")_")
_XML_SPECIAL = re.compile(r"[&<>]")
# one scan decides whether a text needs any escaping at all (most cells do not)
_SLOW_PATH = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]|_x")


def _hex_escape(m: re.Match[str]) -> str:
    return f"_x{ord(m.group()):04X}_"


def _hex_decode(m: re.Match[str]) -> str:
    return chr(int(m.group(1), 16))


def escape_xstring(text: str) -> str:
    """Encode text for a cell: inner layer, then ECMA-376 ST_Xstring (not XML entities)."""
    if _A_NEED.search(text):
        text = _A_ONE.sub(_hex_escape, text)
    if _ST_NEED.search(text):
        text = _ST_ONE.sub(_hex_escape, text)
    return text


def decode_after_reader(text: str) -> str:
    """Finish decoding a cell read by a reader that decodes ST_Xstring (calamine, Excel)."""
    if "_x" not in text:
        return text
    return _A_DECODE.sub(_hex_decode, text)


def unescape_xstring(text: str) -> str:
    """Full inverse of :func:`escape_xstring`, for raw XML readers that decode nothing."""
    if "_x" not in text:
        return text
    return decode_after_reader(_ST_DECODE.sub(_hex_decode, text))


def _xml(text: str) -> str:
    if _XML_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_escaped(text: str, limit: int = MAX_CELL_CHARS) -> list[str]:
    """Split ``text`` into pieces whose *escaped* form has at most ``limit`` UTF-16 units.

    Each piece is escaped on its own, so each decodes on its own; the reader decodes every
    piece and concatenates.  Returns the escaped pieces.
    """
    escaped = escape_xstring(text)
    if len(escaped) <= limit // 2 or _utf16_len(escaped) <= limit:
        return [escaped]
    chunks: list[str] = []
    pos = 0
    while pos < len(text):
        take = min(limit, len(text) - pos)
        while True:
            piece = escape_xstring(text[pos : pos + take])
            units = _utf16_len(piece)
            if units <= limit:
                break
            take = max(1, min(take - 1, take * limit // units))
        chunks.append(piece)
        pos += take
    return chunks


def join_overflow(rows: Iterable[Sequence[Any]]) -> dict[tuple[str, int, int], str]:
    """Read the rows of :data:`OVERFLOW_SHEET` (header excluded, as calamine returns them)
    into ``{(sheet, row, col): continuation}``, decoded: append it to that cell's decoded
    text (:func:`decode_after_reader`)."""
    parts: dict[tuple[str, int, int], list[tuple[int, str]]] = {}
    for row in rows:
        sheet, r, c, seq, chunk = (list(row) + [None] * 5)[:5]
        if sheet in (None, ""):
            continue
        key = (str(sheet), int(r), int(c))
        text = "" if chunk is None else decode_after_reader(str(chunk))
        parts.setdefault(key, []).append((int(seq), text))
    return {k: "".join(text for _, text in sorted(v)) for k, v in parts.items()}
