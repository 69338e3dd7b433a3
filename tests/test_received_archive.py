"""Old packages in received/ can be archived to a USB stick, never lost on the way (review RC B1).

Before: received/ kept every imported package for ever (gigabytes a year with photos) and there
was no way to move them but by hand, with nothing checking the copy. Now `qcdesk received
archive --to FOLDER --older-than N` moves those received more than N months ago, each only
after its copy in FOLDER has been read back with the SHA-256 recorded at import, and lists
each move in received/archived.tsv and FOLDER/archived.tsv. Real signed packages, real files.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.exchange import importer, received_archive
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models.store import Store


def _county(tmp_path: Path) -> tuple[Path, list[str]]:
    """A county database that imported two packages: the first 14 months ago, the second now."""
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key

    key = generate_secret_key()
    laptop = Store.open(tmp_path / "laptop.db")
    county = Store.open(tmp_path / "county" / "qcdesk.db")
    shas = []
    for n in range(2):
        populate(laptop, 1, 1, uscc_offset=n)
        (tmp_path / f"usb{n}").mkdir()
        package = export_package(laptop, tmp_path / f"usb{n}", key, signer_name="张三",
                                 jurisdiction="421202", role="inspector", full=n == 0)
        importer.import_package(county, package, trust=StaticTrust.of([key.public_key]))
        shas.append(hashlib.sha256(package.read_bytes()).hexdigest())
    old = (datetime.now(UTC) - timedelta(days=430)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with county.db.atomic():
        county.db.execute("UPDATE received_package SET received_at = ? WHERE package_sha256 = ?",
                          [old, shas[0]])
    laptop.close()
    county.close()
    return tmp_path / "county" / "qcdesk.db", shas


def _received(db: Path) -> list[str]:
    return sorted(p.name for p in (db.parent / "received").iterdir() if not p.name.startswith("."))


def test_old_packages_move_to_the_stick_verified_and_listed(tmp_path: Path, capsys) -> None:
    db, shas = _county(tmp_path)
    before = _received(db)
    old_name = next(n for n in before if n.startswith(shas[0][:16]))
    old_bytes = (db.parent / "received" / old_name).read_bytes()
    stick = tmp_path / "U盘" / "收到的数据包"

    assert main(["received", "archive", "--to", str(stick), "--older-than", "12", "--dry-run",
                 "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert old_name in out and "试运行，未做改动" in out and "1 个较新的留在 received/ 中" in out
    assert _received(db) == before and not stick.exists()

    assert main(["received", "archive", "--to", str(stick), "--older-than", "12", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "已归档 1 个12 个月以前收到的数据包" in out and "核对 SHA-256" in out
    assert (stick / old_name).read_bytes() == old_bytes  # the package, byte for byte
    assert old_name not in _received(db)
    assert any(n.startswith(shas[1][:16]) for n in _received(db))  # the recent one stays
    for log in (stick / "archived.tsv", db.parent / "received" / "archived.tsv"):
        text = log.read_text(encoding="utf-8")
        assert old_name in text and shas[0] in text and str(stick / old_name) in text

    assert main(["received", "archive", "--to", str(stick), "--db", str(db)]) == 0  # again: nothing
    assert "已归档 0 个" in capsys.readouterr().out


def test_a_package_whose_copy_does_not_read_back_whole_stays(tmp_path: Path, monkeypatch, capsys) -> None:
    db, shas = _county(tmp_path)
    before = _received(db)
    stick = tmp_path / "stick"

    def torn_copy(src: Path, dst: Path) -> None:  # a stick pulled out half-way
        data = Path(src).read_bytes()
        Path(dst).write_bytes(data[: len(data) // 2])

    monkeypatch.setattr(received_archive.shutil, "copyfile", torn_copy)
    assert main(["received", "archive", "--to", str(stick), "--older-than", "6", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "未归档" in out and "SHA-256 不符，原包保留在 received/ 中" in out
    assert _received(db) == before  # nothing left received/ that is not archived and verified
    assert not (db.parent / "received" / "archived.tsv").exists()


def test_another_file_under_the_same_name_on_the_stick_is_neither_overwritten_nor_trusted(
        tmp_path: Path, capsys) -> None:
    db, shas = _county(tmp_path)
    before = _received(db)
    old_name = next(n for n in before if n.startswith(shas[0][:16]))
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / old_name).write_bytes(b"another file")
    assert main(["received", "archive", "--to", str(stick), "--older-than", "6", "--db", str(db)]) == 1
    assert "同名的其他文件" in capsys.readouterr().out
    assert _received(db) == before and (stick / old_name).read_bytes() == b"another file"


@pytest.mark.parametrize(("args", "words"), [
    (["--older-than", "0", "--to", "X"], "--older-than 至少为 1"),
    (["--older-than", "100000000", "--to", "X"], "--older-than 至多为 1200"),  # was an internal error
    ([], "请用 --to 指定归档文件夹"),
    (["--to", "RECEIVED"], "在 received 文件夹内"),
])
def test_refusals_are_one_line_and_change_nothing(tmp_path: Path, capsys, args: list[str],
                                                  words: str) -> None:
    db, _shas = _county(tmp_path)
    before = _received(db)
    args = [str(db.parent / "received" / "sub") if a == "RECEIVED" else
            str(tmp_path / "x") if a == "X" else a for a in args]
    assert main(["received", "archive", *args, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
    assert _received(db) == before


def test_months_back_keeps_to_the_calendar() -> None:
    now = datetime(2027, 3, 31, 9, 0, tzinfo=UTC)
    assert received_archive.months_back(now, 1) == datetime(2027, 2, 28, 9, 0, tzinfo=UTC)
    assert received_archive.months_back(now, 12) == datetime(2026, 3, 31, 9, 0, tzinfo=UTC)
