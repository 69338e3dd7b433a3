"""Canonical JSON: the fast encoder must give the exact bytes every stored digest was made from
(json.dumps with ensure_ascii=False and compact separators), or audit states and content
hashes made before it would no longer match."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from qcdesk.exchange.merge import content_hash
from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models.audit import row_digest
from qcdesk.models.canonical_json import dict_bytes, list_bytes


def _standard(value: object, sort_keys: bool, errors: str = "strict") -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=sort_keys).encode("utf-8", errors)


scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)),
    st.sampled_from(["1e-05", "=1+1", "\x00\x1f\x7f\u2028\u2029\ufeff", "\ud800", "a\udfffb"]),
)


@given(st.lists(scalars, max_size=12))
def test_list_bytes_are_the_standard_bytes(values: list) -> None:
    assert list_bytes(values, "surrogatepass") == _standard(values, False, "surrogatepass")


@given(st.dictionaries(st.text(min_size=1, max_size=8), scalars, max_size=12))
def test_dict_bytes_are_the_standard_sorted_bytes(values: dict) -> None:
    try:
        expected: bytes | type[Exception] = _standard(values, True)
    except UnicodeEncodeError:  # a lone surrogate: strict encoding refuses it, both ways
        expected = UnicodeEncodeError
    if expected is UnicodeEncodeError:
        try:
            dict_bytes(values)
        except UnicodeEncodeError:
            return
        raise AssertionError("a lone surrogate was encoded")
    assert dict_bytes(values) == expected


def test_every_code_point_is_escaped_as_the_standard_library_does() -> None:
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert list_bytes([text]) == _standard([text], False)
    assert dict_bytes({"k": text}) == _standard({"k": text}, True)


def test_floats_and_huge_integers_keep_the_standard_spelling() -> None:
    for value in (1e-05, 1e16, 1.5e300, float("nan"), float("-inf"), 2**64, -(2**63) - 1):
        assert list_bytes([value]) == _standard([value], False)
        assert dict_bytes({"v": value}) == _standard({"v": value}, True)


def test_bytes_still_fall_back_to_the_hex_digest() -> None:
    """A BLOB is digested as upper-case hex, as the audit triggers see it."""
    assert row_digest({"id": 1, "blob": b"\x01\xab"}) == row_digest({"id": 1, "blob": "01AB"})


def test_digests_made_with_the_standard_encoder_still_match() -> None:
    """Fixed digests computed with json.dumps before the fast encoder existed."""
    spec = SPEC_BY_TABLE["finding"]
    values = {"uuid": "u-1", **dict.fromkeys(spec.data_names), "category": "标签",
              "description": "=SUM(A1)\t😀", "severity": "minor"}
    payload = ["finding", "u-1", *[values.get(n) for n in spec.data_names]]
    assert content_hash(spec, values) == hashlib.sha256(
        _standard(payload, False, "surrogatepass")).hexdigest()[:16]
    row = {"id": 7, "uuid": "u-1", "name": "咸宁市示例企业", "revision": 3, "deleted_at": None}
    assert row_digest(row) == int.from_bytes(
        hashlib.sha256(_standard(row, True)).digest()[:8], "big", signed=True)


def test_only_plain_types_take_the_fast_path() -> None:
    """Nested values and subclasses (an IntEnum, a float subclass) are left to the standard
    encoder, which spells them its own way; what it cannot encode still raises TypeError."""
    import datetime as dt
    import enum

    import pytest

    class Level(enum.IntEnum):
        HIGH = 3

    class Ratio(float):
        pass

    for value in ([[1e-05]], [Level.HIGH], [Ratio(1e-05)], [{"a": 1e-05}]):
        assert list_bytes(value) == _standard(value, False)
        assert dict_bytes({"v": value[0]}) == _standard({"v": value[0]}, True)
    with pytest.raises(TypeError):
        list_bytes([dt.date(2024, 1, 1)])
