"""Substring search over Chinese text with SQLite FTS5.

FTS5's trigram tokenizer cannot match two-character queries, and inspectors search for
two-character words (砖茶, 管材). So every letter or digit is indexed as its own token and a
query becomes a phrase of adjacent tokens, which matches any substring of one or more
characters through the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FIELD_BREAK = "brk"


# one alphanumeric character: \w less "_" is exactly str.isalnum() per character (CPython's
# sre defines a Unicode word character as isalnum() or "_"); found at C speed, for imports
_ALNUM = re.compile(r"[^\W_]")


def tokens(*texts: str | None) -> str:
    """Index form: each alphanumeric character (CJK included) as a separate token."""
    out: list[str] = []
    for text in texts:
        if text:
            out.extend(_ALNUM.findall(text.lower()))
            # A multi-letter token never equals a one-character query token and takes a
            # position, so a phrase cannot match across two fields.
            out.append(FIELD_BREAK)
    return " ".join(out)


# the fields of a record its search index holds, in the order they are indexed
SEARCHED_FIELDS = {"enterprise": ("name", "uscc", "main_products", "industry"),
                   "finding": ("category", "description")}


def record_tokens(table: str, get: Callable[[str], Any]) -> str:
    """Index form of a record of `table` (one of SEARCHED_FIELDS), its fields read by `get`;
    a value a person typed as a number is searched as its text."""
    return tokens(*(v if v is None or isinstance(v, str) else str(v)
                    for v in map(get, SEARCHED_FIELDS[table])))


def phrase_query(text: str) -> str | None:
    """FTS5 MATCH expression for a substring query, or None when nothing searchable remains."""
    chars = [ch for ch in (text or "").lower() if ch.isalnum()]
    if not chars:
        return None
    return '"' + " ".join(chars) + '"'
