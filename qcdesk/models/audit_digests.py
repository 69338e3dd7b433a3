"""Digests of audited rows: what `audit_state` seals and `verify` recomputes.

A row's digest is the first 8 bytes of SHA-256 over its canonical JSON (keys sorted). The
baseline of a bulk insert may take digests its writer computed from the values it bound
(`KnownDigests`) instead of reading hundreds of thousands of rows back; `verify` always
digests what is stored, so a wrong vouched digest could only raise an alarm, never hide one.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from qcdesk.models.canonical_json import dict_bytes

# table -> digests of the given ids (None: not known), or None for a table it knows nothing of
KnownDigests = Callable[[str], Callable[[list[int]], list[int | None]] | None]


def row_digest(values: dict[str, Any]) -> int:
    """64-bit digest of a row's content (enough to notice change; the chain uses full SHA-256)."""
    try:
        data = dict_bytes(values)
    except TypeError:  # a BLOB column: digested as upper-case hex, like the triggers' hex()
        data = dict_bytes({k: (v.hex().upper() if isinstance(v, bytes) else v)
                           for k, v in values.items()})
    return digest_of(data)


def digest_of(data: bytes) -> int:
    """The 64-bit digest of a row's canonical bytes (see `row_digest`)."""
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big", signed=True)


def digests_of(datas: Iterable[bytes]) -> array:
    """`digest_of` of many rows at C speed: the 8-byte big-endian prefixes read as int64."""
    out = array("q")
    out.frombytes(b"".join([hashlib.sha256(data).digest()[:8] for data in datas]))
    if sys.byteorder == "little":
        out.byteswap()
    return out



def unsealed_digests(db: Database, table: str, where: str,
                      known: Callable[[list[int]], list[int | None]] | None
                      ) -> Iterator[tuple[list[int], list[int]]]:
    """(ids, digests) of the rows `where` selects, in id order, 5,000 at a time: read back and
    digested, except where `known` vouches for a row's digest."""
    cur = db.conn.execute(f"SELECT {'id' if known else '*'} {where}", [table])
    names = [d[0] for d in cur.description]
    id_at = names.index("id")
    while rows := cur.fetchmany(5000):
        ids = [r[id_at] for r in rows]
        if known is None:
            yield ids, [row_digest(dict(zip(names, r, strict=True))) for r in rows]
            continue
        vouched = known(ids)
        if None in vouched:
            missing = [i for i, d in zip(ids, vouched, strict=True) if d is None]
            read = db.conn.execute(f'SELECT * FROM "{table}" WHERE id IN '
                                   "(SELECT value FROM json_each(?))", [json.dumps(missing)])
            cols = [d[0] for d in read.description]
            at = cols.index("id")
            found = {row[at]: row_digest(dict(zip(cols, row, strict=True))) for row in read}
            vouched = [found[i] if d is None else d for i, d in zip(ids, vouched, strict=True)]
        yield ids, vouched  # type: ignore[misc]
