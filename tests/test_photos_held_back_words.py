"""The receiver of a package whose photo files did not all fit is told both possible causes (B5):
it was told 照片文件缺失 3 张…请发件方导出时勾选“包含照片文件”, though the sender had ticked it
and its export had said 另有 3 张…留待下一个数据包发出. The package does not say which happened,
so the words name both: not ticked, or not fitting and coming in the sender's next package."""

from __future__ import annotations

import pytest
import test_photo_package_limit as limit
from test_photo_files_forgotten import Office
from test_photo_package_limit import _add_photos, _carried, _export

from qcdesk.cli import main
from qcdesk.exchange import photo_arrivals

offices, small_limit = limit.offices, limit.small_limit  # fixtures: inspector and county, 400 KiB


def test_photos_left_for_the_next_package_are_not_blamed_on_an_unticked_box(
        offices: tuple[Office, Office], small_limit: int, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    insp, county = offices
    shas = _add_photos(insp, 0, 6)  # 600 KiB of new photos; a package holds 400 KiB
    first, err = _export(insp, monkeypatch, capsys, "--attachments")  # the box ticked
    left = 6 - len(_carried(first))
    assert left > 0 and f"另有 {left} 张尚未发出的照片文件" in err, err

    out = county.import_(monkeypatch, capsys, first)
    assert f"照片文件缺失 {left} 张" in out, out
    assert "也可能是照片文件超出了一个数据包的上限，留待发件方的下一个数据包送达" in out, out
    assert "可能是发件方导出时没有勾选“包含照片文件”" in out, out  # not said as a fact
    assert "直到导出时不再有这个提示" in out, out
    en = photo_arrivals.warning(left)[1]
    assert "did not fit in one package and come in the sender's next one" in en, en
    assert "Either the sender exported without “Include photo files”" in en, en

    monkeypatch.setenv("XDG_DATA_HOME", str(county.data))
    capsys.readouterr()
    main(["audit", "verify", "--db", str(county.db)])  # what verify says of those rows
    said = capsys.readouterr()
    verify = said.out + said.err
    assert "收到时未附照片文件" in verify, verify
    assert "留待发件方的下一个数据包送达" in verify and "发件方导出时未勾选" not in verify, verify

    rest, _ = _export(insp, monkeypatch, capsys, "--attachments")  # the next package: the rest
    assert sorted([*_carried(first), *_carried(rest)]) == sorted(shas)
    assert "照片文件缺失" not in county.import_(monkeypatch, capsys, rest)
