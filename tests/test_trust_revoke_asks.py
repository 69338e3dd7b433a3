"""`qcdesk trust revoke` asks before a revocation that cannot be lifted, naming the key's holder
and fingerprint; scripts say --yes; with no terminal and no --yes it refuses and says to add
--yes; an --at later than the stored time says a revocation only moves earlier (review r2, B4:
a mistyped id revoked a neighbouring county's good key at once, and a later --at was ignored
in silence)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def county(tmp_path: Path) -> tuple[str, str, str]:
    """The county's database trusting 赤壁市's 李四; its path, the key id and fingerprint."""
    db = tmp_path / "county.db"
    store = Store.open(db)
    key = generate_secret_key().public_key
    trust_store.add_key(store, key, name="李四", jurisdiction="421281", role="county")
    store.close()
    return str(db), key.key_id, key.fingerprint


def _revoked(db: str, key_id: str) -> object:
    store = Store.open(Path(db))
    try:
        return trust_store.get_key(store, key_id).revoked_at  # type: ignore[union-attr]
    finally:
        store.close()


def test_on_a_terminal_it_names_the_key_and_asks(county: tuple[str, str, str],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db, key_id, fingerprint = county
    questions: list[str] = []
    for answer, code in (("n", 2), ("", 2), ("y", 0)):  # Enter alone is no
        monkeypatch.setattr(sys, "stdin", Tty())
        monkeypatch.setattr("builtins.input", lambda q, a=answer: questions.append(q) or a)
        capsys.readouterr()
        assert main(["trust", "revoke", key_id, "--db", db, "--at", "2026-11-20"]) == code
        out = capsys.readouterr()
        assert "李四" in out.out and fingerprint in out.out and "吊销不能撤销" in out.out, out.out
        if code:
            assert out.err.strip() == "qcdesk: 已取消：未吊销 (cancelled)"
            assert _revoked(db, key_id) is None
    assert questions == ["确认吊销？[y/N] "] * 3
    assert _revoked(db, key_id) is not None


def test_without_a_terminal_it_refuses_and_names_yes(county: tuple[str, str, str],
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db, key_id, fingerprint = county
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped: not a person answering
    monkeypatch.setattr("builtins.input", lambda q: pytest.fail("asked without a terminal"))
    capsys.readouterr()
    assert main(["trust", "revoke", fingerprint, "--db", db]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "未吊销" in line and "李四" in line and fingerprint in line and "加 --yes 重新运行" in line
    assert _revoked(db, key_id) is None
    assert main(["trust", "revoke", key_id, "--db", db, "--at", "2026-11-20", "--yes"]) == 0
    assert "已吊销" in capsys.readouterr().out and _revoked(db, key_id) is not None


def test_a_later_at_says_a_revocation_only_moves_earlier(county: tuple[str, str, str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    db, key_id, _ = county
    assert main(["trust", "revoke", key_id, "--db", db, "--at", "2026-11-20", "--yes"]) == 0
    first = _revoked(db, key_id)
    capsys.readouterr()
    assert main(["trust", "revoke", key_id, "--db", db, "--at", "2026-11-25", "--yes"]) != 0
    [line] = capsys.readouterr().err.splitlines()
    assert "吊销时间只能提前" in line and "2026-11-20 00:00" in line and "未改动" in line, line
    assert _revoked(db, key_id) == first
    assert main(["trust", "revoke", key_id, "--db", db, "--at", "2026-11-18", "--yes"]) == 0
    assert "2026-11-18 00:00" in capsys.readouterr().out
