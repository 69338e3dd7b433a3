"""Canonical JSON of a flat record, as UTF-8 bytes, for digests (content hashes, audit states).

The bytes are by definition those of ``json.dumps(value, ensure_ascii=False,
separators=(",", ":"), sort_keys=…)`` — every digest already stored was made that way.
orjson gives the same bytes about five times faster, and an import digests every row twice;
where it could differ (floats: ``1e-05`` vs ``0.00001``, NaN; lone surrogates; integers
beyond 64 bits) or cannot encode (bytes), the standard library does the work, so the
result never depends on which encoder ran. tests/test_canonical_json.py holds it to that.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_PLAIN = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                          check_circular=False).encode  # flat values: no cycle to look for
_SORTED = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                           check_circular=False).encode
_SORT = orjson.OPT_SORT_KEYS


def list_bytes(values: list[Any], errors: str = "strict", *, floats: bool = True) -> bytes:
    """A flat list; ``errors`` is the str.encode error handler of the standard path.
    ``floats=False`` promises there is no float among the values (skips looking)."""
    if not floats or float not in set(map(type, values)):
        try:
            return orjson.dumps(values)
        except TypeError:  # a lone surrogate, a huge integer, bytes: the standard path decides
            pass
    return _PLAIN(values).encode("utf-8", errors)


def dict_bytes(values: dict[str, Any], errors: str = "strict") -> bytes:
    """A flat dict with its keys sorted."""
    if float not in set(map(type, values.values())):
        try:
            return orjson.dumps(values, option=_SORT)
        except TypeError:
            pass
    return _SORTED(values).encode("utf-8", errors)
