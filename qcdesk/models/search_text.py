"""Substring search over Chinese text with SQLite FTS5.

FTS5's trigram tokenizer cannot match two-character queries, and inspectors search for
two-character words (砖茶, 管材). So every letter or digit is indexed as its own token and a
query becomes a phrase of adjacent tokens, which matches any substring of one or more
characters through the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from qcdesk.models.codes import half_width

FIELD_BREAK = "brk"


# one alphanumeric character: \w less "_" is exactly str.isalnum() per character (CPython's
# sre defines a Unicode word character as isalnum() or "_"); found at C speed, for imports
_ALNUM = re.compile(r"[^\W_]")
# full-width ASCII (an input method's full-width mode): indexed and searched as ASCII
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def tokens(*texts: str | None) -> str:
    """Index form: each alphanumeric character (CJK included) as a separate token, full-width
    letters and digits as ASCII (as `phrase_query` reads them)."""
    out: list[str] = []
    for text in texts:
        if text:
            if _FULL_WIDTH.search(text):  # rare: found at C speed before any per-character work
                text = half_width(text)
            out.extend(_ALNUM.findall(text.lower()))
            # A multi-letter token never equals a one-character query token and takes a
            # position, so a phrase cannot match across two fields.
            out.append(FIELD_BREAK)
    return " ".join(out)


# the fields of a record its search index holds, in the order they are indexed; an inspector at
# the gate reads the address, a phone or the legal representative off the wall, not only the name
SEARCHED_FIELDS = {"enterprise": ("name", "uscc", "main_products", "industry", "address", "contact_name",
                                  "contact_phone", "legal_representative", "notes"),
                   "finding": ("category", "description")}
# what a visit's own index (visit_fts) holds of each live sample, besides its inspectors
SAMPLE_FIELDS = ("product_name", "trademark", "batch_no")
# An inspector is indexed by uuid, as one multi-letter token (never a one-character query token):
# a renamed inspector is then found by the new name with no visit indexed anew.
INSPECTOR_MARK = "insp"


def record_tokens(table: str, get: Callable[[str], Any]) -> str:
    """Index form of a record of `table` (one of SEARCHED_FIELDS), its fields read by `get`;
    a value a person typed as a number is searched as its text."""
    return tokens(*(v if v is None or isinstance(v, str) else str(v)
                    for v in map(get, SEARCHED_FIELDS[table])))


def firm_tokens(get: Callable[[str], Any], contacts: Iterable[tuple[str | None, str | None]] = (),
                licences: Iterable[str | None] = ()) -> str:
    """Index form of an enterprise: its own fields (`SEARCHED_FIELDS`), then the name and phone of
    each live contact and the number of each live licence. Every writer of the index builds a
    firm's text here, so all of them find it by the same words."""
    own = record_tokens("enterprise", get)
    more = tokens(*(value for contact in contacts for value in contact), *licences)
    return f"{own} {more}" if more else own


@lru_cache(maxsize=4096)  # an office has tens of inspectors and a package 100,000 visits of them
def inspector_token(uuid: str) -> str:
    """The index term of one inspector of a visit."""
    return INSPECTOR_MARK + "".join(_ALNUM.findall(uuid.lower()))


def visit_tokens(samples: Iterable[Sequence[str | None]], inspectors: Iterable[str]) -> str:
    """Index form of a visit's own text: its live samples (`SAMPLE_FIELDS`) and its inspectors."""
    text = tokens(*(value for sample in samples for value in sample))
    marks = [inspector_token(u) for u in inspectors if isinstance(u, str) and u]
    return " ".join([text, *marks] if text else marks)


def holds(text: str | None, phrase: str) -> bool:
    """Whether `text` holds the letters and digits of an FTS5 phrase (`word_phrases`) adjacent,
    as the index would find them."""
    wanted = phrase.strip('"').split()
    have = tokens(text).split()[:-1]
    n = len(wanted)
    return n > 0 and any(have[i:i + n] == wanted for i in range(len(have) - n + 1))


def phrase_query(text: str) -> str | None:
    """FTS5 MATCH expression for a search box, or None when nothing searchable remains.

    Each word (split at ASCII or ideographic spaces) becomes a phrase of its characters, and
    every word must be found, in any order (茶叶 赤壁). Only letters and digits reach the
    expression, each inside a quoted phrase, so quotes, *, -, parentheses or NEAR typed by a
    user are plain text, never FTS5 syntax. Full-width letters and digits (an input method's
    full-width mode: ９１４２ＭＡ) are read as ASCII, as codes are stored."""
    return " AND ".join(word_phrases(text)) or None


def word_phrases(text: str) -> list[str]:
    """The words of a search box as FTS5 phrases, one each, repeats dropped (`phrase_query`).

    The visit and rectification lists look for each word on its own: one may be found in the
    enterprise and another in a finding (赤壁 标签)."""
    phrases = []
    for word in half_width(text or "").lower().split():
        chars = _ALNUM.findall(word)
        if chars:
            phrases.append('"' + " ".join(chars) + '"')
    return list(dict.fromkeys(phrases))


# The index terms full-width letters and digits made before `tokens` read them as ASCII.
_FULL_WIDTH_TERMS = " OR ".join(f'"{chr(c)}"' for c in [*range(0xFF10, 0xFF1A), *range(0xFF41, 0xFF5B)])


def reindex_full_width(conn: Any) -> int:
    """Index anew the enterprises and findings whose index still holds full-width letters or
    digits (found through the index itself, not a scan); returns how many. Inside the caller's
    transaction (a migration)."""
    done = 0
    for table in SEARCHED_FIELDS:
        fields = ", ".join(SEARCHED_FIELDS[table])
        rows = conn.execute(
            f"SELECT id, {fields} FROM {table} WHERE id IN"
            f" (SELECT rowid FROM {table}_fts WHERE tokens MATCH ?)", [_FULL_WIDTH_TERMS]).fetchall()
        conn.executemany(f"UPDATE {table}_fts SET tokens = ? WHERE rowid = ?",
                         [(record_tokens(table, dict(zip(SEARCHED_FIELDS[table], r[1:], strict=True)).get),
                           r[0]) for r in rows])
        done += len(rows)
    return done
