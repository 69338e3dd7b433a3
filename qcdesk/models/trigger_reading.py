"""Reading a trigger's SQL well enough to say what fires it and which tables it writes into.

Why: the import sets triggers aside and trusts the values it bound only when it knows what
every trigger does (audit_bulk.py, bulk_insert.py), and a trigger may come from another
program. SQL hides words in comments, string literals and quoted identifiers, and SQLite
accepts ``INTO"finding"`` without a space; one pass over the text, taking whichever of those
starts first, lays the code bare. Both answers err on the side of "yes": a false yes only
costs the import its fast path.
"""

from __future__ import annotations

import re

# comments, string literals and quoted identifiers, whichever starts first
_LEXEMES = re.compile(
    r"--[^\n]*|/\*.*?(?:\*/|$)|'(?:[^']|'')*(?:'|$)|\"(?:[^\"]|\"\")*(?:\"|$)"
    r"|`(?:[^`]|``)*(?:`|$)|\[[^\]]*(?:\]|$)", re.S)
_WRITES = re.compile(r"\b(?:UPDATE|INTO)\s+(?:OR\s+\w+\s+)?(?:(?:main|temp)\s*\.\s*)?(\w+)",
                     re.I)


def bare_code(sql: str, *, identifiers: bool) -> str:
    """`sql` with comments and string literals blanked out, and quoted identifiers either
    unquoted (`identifiers=True`: ``"finding"`` → `` finding ``) or blanked out."""
    def lay_bare(match: re.Match[str]) -> str:
        text = match.group(0)
        if text[0] in "\"`[" and identifiers:
            inner = text[1:-1] if len(text) > 1 else ""
            return f" {inner.replace(text[0] * 2, text[0])} "
        return " ''" if text[0] == "'" else " "
    return _LEXEMES.sub(lay_bare, sql)


def tables_written(sql: str) -> set[str]:
    """Lower-case names of the tables a trigger's statements insert into or update."""
    return {name.lower() for name in _WRITES.findall(bare_code(sql, identifiers=True))}


def fires_on_insert(sql: str) -> bool:
    """Does this CREATE TRIGGER statement fire on INSERT (the event before its BEGIN)?"""
    head = re.split(r"\bBEGIN\b", bare_code(sql, identifiers=False), maxsplit=1, flags=re.I)[0]
    return re.search(r"\bINSERT\b", head, re.I) is not None
