"""Whatever happens to a package on the way, opening it either yields the signed content or
a PackageRejected with a one-line reason — never another exception (the CLI shows no traceback)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.package import PackageRejected, build_package, open_package

_KEY = generate_secret_key()
_CACHE: dict[str, tuple[bytes, dict[str, bytes]]] = {}


def _package() -> tuple[bytes, dict[str, bytes]]:
    if "pkg" not in _CACHE:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "data.xlsx").write_bytes(b"PK workbook " * 200)
            photo = bytes(range(256)) * 8
            import hashlib

            name = f"photos/{hashlib.sha256(photo).hexdigest()}.png"
            (d / "p.png").write_bytes(photo)
            path = build_package(d, {"data.xlsx": d / "data.xlsx", name: d / "p.png"},
                                 {"record_counts": {"visit": 1}}, _KEY, signer_name="张三",
                                 jurisdiction="421221", role="inspector", sequence=3,
                                 previous_package_sha256=None)
            raw = path.read_bytes()
            with zipfile.ZipFile(path) as zf:
                members = {n: zf.read(n) for n in zf.namelist()}
        _CACHE["pkg"] = (raw, members)
    return _CACHE["pkg"]


edits = st.lists(
    st.tuples(st.sampled_from(["flip", "cut", "insert", "zero"]),
              st.floats(min_value=0, max_value=1), st.integers(min_value=1, max_value=255)),
    min_size=1, max_size=4,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_mutated_package_is_intact_or_rejected(ops: list[tuple[str, float, int]]) -> None:
    raw, members = _package()
    data = bytearray(raw)
    for op, where, value in ops:
        pos = min(int(where * len(data)), max(len(data) - 1, 0))
        if op == "flip" and data:
            data[pos] ^= value
        elif op == "cut":
            del data[pos : pos + value]
        elif op == "insert":
            data[pos:pos] = bytes([value]) * value
        elif op == "zero":
            data[pos : pos + value] = bytes(len(data[pos : pos + value]))
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "in.qcpkg.zip"
        pkg.write_bytes(bytes(data))
        try:
            got = open_package(pkg, trusted_keys=_KEY.public_key, workdir=Path(tmp) / "w")
        except PackageRejected as err:
            assert err.reason_zh and "\n" not in err.reason_zh and err.code
            return
        for name in got.member_names:
            assert got.member_path(name).read_bytes() == members[name]
