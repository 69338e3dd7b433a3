"""Review "windows" 5: the 公文 fonts on a Windows PC are found by their family names, whatever
their file names (方正小标宋简体.ttf, FZXBSK.TTF, 楷体_GB2312.ttf, FZHTK.TTF…).

Windows is faked: sys.platform, %WINDIR% and %LOCALAPPDATA% point at folders holding copies of
this machine's TrueType CJK fonts (fonts-arphic-uming/-ukai, fonts-wqy-zenhei; CI installs them)
under Windows file names. Their 'name' tables are either the real ones or, to stand in for the
proprietary faces, rewritten with the Chinese family names those fonts carry."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from qcdesk.export.pdf import fonts

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # a Song (Ming) face
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")  # a Kai face
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")  # a Hei face

pytestmark = pytest.mark.skipif(not all(p.is_file() for p in (UMING, UKAI, ZENHEI)),
                                reason="fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei needed")


@pytest.fixture
def windows(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """(system font folder, per-user font folder) of a faked Windows without fc-list."""
    system = tmp_path / "Windows" / "Fonts"
    user = tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    monkeypatch.setattr(fonts.shutil, "which", lambda *a, **k: None)
    return system, user


def renamed_copy(source: Path, target: Path, chinese: str, english: str) -> None:
    """Copy face 0 of a .ttc with a new 'name' table (the family names a Windows font carries):
    the table is appended and face 0's directory entry pointed at it (TTC offsets are absolute)."""
    data = bytearray(source.read_bytes())
    assert data[:4] == b"ttcf"
    face = struct.unpack(">I", data[12:16])[0]
    count = struct.unpack(">H", data[face + 4:face + 6])[0]
    ps = english.replace(" ", "")
    records = [(3, 1, 0x409, 1, english), (3, 1, 0x409, 2, "Regular"), (3, 1, 0x409, 4, english),
               (3, 1, 0x409, 6, ps), (3, 1, 0x804, 1, chinese), (3, 1, 0x804, 4, chinese)]
    strings = b""
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    for platform, encoding, language, name_id, text in records:
        raw = text.encode("utf-16-be")
        header += struct.pack(">6H", platform, encoding, language, name_id, len(raw), len(strings))
        strings += raw
    table = header + strings
    while len(data) % 4:
        data += b"\0"
    at = len(data)
    data += table
    for i in range(count):
        entry = face + 12 + 16 * i
        if data[entry:entry + 4] == b"name":
            data[entry + 8:entry + 16] = struct.pack(">II", at, len(table))
            break
    else:
        raise AssertionError("no name table")
    target.write_bytes(bytes(data))


def test_fonts_under_windows_file_names_are_found_by_their_family_names(windows):
    """The reviewer's case: the files are there, only their names are not the ten known ones."""
    system, user = windows
    shutil.copyfile(UMING, system / "FZXBSK.TTF")
    shutil.copyfile(ZENHEI, system / "FZHTK.TTF")
    shutil.copyfile(UKAI, user / "楷体_GB2312.ttf")
    (system / "broken.ttf").write_bytes(b"\0\1\0\0 not a font")  # never an error
    roles = fonts.font_roles()
    assert roles["title"].path == str(system / "FZXBSK.TTF") and not roles["title"].substitute
    assert roles["title"].family == "AR PL UMing CN"  # the simplified-Chinese face of the collection
    assert roles["heading"].path == str(system / "FZHTK.TTF") and not roles["heading"].substitute
    assert roles["heading"].family == "文泉驿正黑"  # its Chinese name, as the settings page shows it
    assert roles["subheading"].path == str(user / "楷体_GB2312.ttf")
    assert roles["body"].substitute and roles["body"].embedded  # no 仿宋: a Song stands in, embedded
    assert not any(c.path is None for c in roles.values())  # no role left to the built-in STSong


def test_official_faces_by_their_chinese_names(windows):
    """方正小标宋_GBK, 仿宋_GB2312, 方正楷体_GBK, 方正黑体_GBK under their usual file names beat SimSun."""
    system, user = windows
    renamed_copy(UMING, system / "simsun.ttc", "宋体", "SimSun")
    renamed_copy(UMING, system / "FZXBSK.TTF", "方正小标宋_GBK", "FZXiaoBiaoSong-B05")
    renamed_copy(UMING, user / "仿宋_GB2312.ttf", "仿宋_GB2312", "FangSong_GB2312")
    renamed_copy(UKAI, system / "FZKTK.TTF", "方正楷体_GBK", "FZKai-Z03")
    renamed_copy(ZENHEI, system / "FZHTK.TTF", "方正黑体_GBK", "FZHei-B01")
    roles = fonts.font_roles()
    assert {role: Path(c.path or "").name for role, c in roles.items()} == {
        "title": "FZXBSK.TTF", "body": "仿宋_GB2312.ttf", "heading": "FZHTK.TTF", "subheading": "FZKTK.TTF"}
    assert roles["title"].family == "方正小标宋_GBK" and roles["body"].family == "仿宋_GB2312"
    assert not any(c.substitute for c in roles.values())


def test_huawen_zhongsong_stands_in_for_xiaobiaosong(windows):
    """STZHONGS.TTF (华文中宋, installed with Office) is the usual title face where 方正小标宋 is missing."""
    system, _user = windows
    renamed_copy(UMING, system / "simsun.ttc", "宋体", "SimSun")
    renamed_copy(UMING, system / "STZHONGS.TTF", "华文中宋", "STZhongsong")
    assert Path(fonts.font_roles()["title"].path or "").name == "STZHONGS.TTF"


def test_the_folder_scan_reads_headers_only_and_is_cached(windows, monkeypatch):
    system, _user = windows
    shutil.copyfile(UMING, system / "FZXBSK.TTF")
    for i in range(300):  # a Windows font folder is mostly Latin and symbol fonts
        (system / f"latin{i}.ttf").write_bytes(b"\0\1\0\0" + b"\0" * 60)
    first = fonts.find_candidates()
    assert {Path(f.path).name for f in first} == {"FZXBSK.TTF"}
    monkeypatch.setattr(fonts, "_read_face", lambda *a: pytest.fail("file read again"))
    assert fonts.find_candidates() == first
