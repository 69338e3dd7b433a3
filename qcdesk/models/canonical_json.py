"""Canonical JSON of a flat record, as UTF-8 bytes, for digests (content hashes, audit states).

The bytes are by definition those of ``json.dumps(value, ensure_ascii=False,
separators=(",", ":"), sort_keys=…)`` — every digest already stored was made that way.
orjson gives the same bytes about five times faster, and an import digests every row twice;
where it could differ (floats: ``1e-05`` vs ``0.00001``, NaN; subclasses, nested values;
lone surrogates; integers beyond 64 bits) or cannot encode (bytes), the standard library
does the work, so the
result never depends on which encoder ran. tests/test_canonical_json.py holds it to that.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import orjson

_PLAIN = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                          check_circular=False).encode  # flat values: no cycle to look for
_SORTED = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                           check_circular=False).encode
_SORT = orjson.OPT_SORT_KEYS
# the only types orjson is trusted with: exactly these, no subclasses (an Enum, a nested list)
_SIMPLE = frozenset({str, int, bool, type(None)})


def list_bytes(values: list[Any], errors: str = "strict", *, floats: bool = True) -> bytes:
    """A flat list; ``errors`` is the str.encode error handler of the standard path.
    ``floats=False`` promises every value is a str, int, bool or None (skips looking)."""
    if not floats or _SIMPLE.issuperset(map(type, values)):
        try:
            return orjson.dumps(values)
        except TypeError:  # a lone surrogate, a huge integer, bytes: the standard path decides
            pass
    return _PLAIN(values).encode("utf-8", errors)


def dict_bytes(values: dict[str, Any], errors: str = "strict") -> bytes:
    """A flat dict with its keys sorted."""
    if _SIMPLE.issuperset(map(type, values.values())):
        try:
            return orjson.dumps(values, option=_SORT)
        except TypeError:
            pass
    return _SORTED(values).encode("utf-8", errors)


def presorted_dict_bytes(keys: tuple[str, ...], values: Sequence[Any]) -> bytes:
    """``dict_bytes(dict(zip(keys, values)))`` for ``keys`` already sorted and ``values``
    the caller has checked to be exactly str, int (64-bit) or None: skips the look at every
    value and the sort, for digesting many rows of one table."""
    return orjson.dumps(dict(zip(keys, values, strict=True)))
