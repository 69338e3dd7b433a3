"""What a careless typist or a paste puts in a one-line field, stored one way everywhere.

A name pasted from WeChat or from an Excel cell with Alt+Enter carries a line break or a tab
(`咸安区\\n测试苎麻纺织有限公司`); the lists show only the first line and a search by the whole
name fails. One-line fields (names, addresses, people, products) are therefore stored with every
run of blanks — line breaks, tabs, spaces, the ideographic space U+3000 — as one space, the ends
stripped, by the GUI save and the roster imports alike. Multi-line fields (summaries,
descriptions, notes) are not passed through here and keep their line breaks.

A 执法证号 is stored half-width without any blank (`cert_number`): typed in full-width mode
(`４２１２…`) or with a space (`4212 0220…`) it is the same officer, and the roster import, the
inspector register, the duplicate marking and the draw must all see one person.
"""

from __future__ import annotations

import re
import unicodedata

from qcdesk.models.codes import strip_invisible

_BLANKS = re.compile(r"\s+")  # str patterns: \n \r \t, U+3000, NBSP, U+2028… as well as spaces
_CJK_NAME = re.compile(r"[\u3400-\u9fff·•\s]+")


def one_line(text: str | None) -> str:
    """`text` as a one-line field stores it: blanks of any kind collapsed to one space, ends stripped."""
    return _BLANKS.sub(" ", strip_invisible(text or "")).strip()


def person_name(text: str | None) -> str:
    """A person's name as the inspector register stores it: a Chinese name padded for alignment
    (张　三) loses the padding; other names (Latin, transliterated) keep one space between words."""
    text = one_line(text)
    return _BLANKS.sub("", text) if _CJK_NAME.fullmatch(text) else text


def cert_number(text: str | None) -> str:
    """A 执法证号 as stored and compared: NFKC (full-width digits and letters as ASCII), no blanks."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", strip_invisible(text or "")))
