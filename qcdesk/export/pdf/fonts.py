"""Find the user's Chinese system fonts and map them to the four GB/T 9704 type roles.

The official faces (方正小标宋, 仿宋_GB2312) are proprietary, so we never ship fonts: we look for
what the machine has: fc-list where it exists, and on Windows the family names read from every
font file in the system and per-user font folders (hand-installed 公文 fonts keep names such as
FZXBSK.TTF or 仿宋_GB2312.ttf).  reportlab embeds only TrueType outlines (glyf), so CFF-flavoured
OpenType (e.g. Noto CJK .otf/.ttc) is skipped.  When nothing usable exists we fall back to
reportlab's built-in CID font STSong-Light so that a document is always produced (its glyphs
are then not embedded; the viewer substitutes a Song face).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

# Roles used by the layout, in the order a settings page should list them.
ROLES: tuple[str, ...] = ("title", "body", "heading", "subheading")
ROLE_LABELS: dict[str, str] = {
    "title": "标题（小标宋）",
    "body": "正文（仿宋）",
    "heading": "一级标题（黑体）",
    "subheading": "二级标题（楷体）",
}
FALLBACK_CID = "STSong-Light"
# Characters every candidate must have; a font missing them would print boxes.
PROBE_TEXT = "咸宁市场监督管理局责令整改通知书〔〕（）：，。—１"

# Family-name fragments (lower case) in order of preference, per style.
_FANGSONG = ("仿宋_gb2312", "fangsong_gb2312", "仿宋", "fangsong", "stfangsong", "华文仿宋")
_SONG = (
    "方正小标宋", "fzxiaobiaosong", "小标宋", "华文中宋", "stzhongsong", "simsun", "宋体", "nsimsun",
    "stsong", "华文宋体", "songti sc", "ar pl uming cn", "ar pl sungtil gb", "ar pl uming",
)
_HEI = (
    "simhei", "黑体", "microsoft yahei", "微软雅黑", "stheiti", "华文黑体", "wenquanyi zen hei",
    "wenquanyi micro hei", "droid sans fallback",
)
_KAI = ("楷体_gb2312", "kaiti_gb2312", "楷体", "kaiti", "stkaiti", "华文楷体", "ar pl ukai cn",
        "ar pl kaitim gb", "ar pl ukai")
# Own style first, then the closest substitutes (a serif before a sans for text roles).
ROLE_PREFERENCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "title": (_SONG, _FANGSONG, _KAI, _HEI),
    "body": (_FANGSONG, _SONG, _KAI, _HEI),
    "heading": (_HEI, _SONG, _FANGSONG, _KAI),
    "subheading": (_KAI, _FANGSONG, _SONG, _HEI),
}

# Windows has no fc-list, and hand-installed 公文 fonts keep their download names (方正小标宋简体.ttf,
# FZXBSK.TTF, 仿宋_GB2312.ttf, KT_GB2312.TTF…), so the font folders are scanned and each face is
# known by the family names in its own 'name' table.
_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_ZH_WINDOWS_LANGS = (0x0804, 0x1004, 0x0404, 0x0C04, 0x1404)  # zh-CN, -SG, -TW, -HK, -MO
_ZH_MAC_LANGS = (33, 19)  # Chinese (simplified), Chinese (traditional)
_MAX_NAME_TABLE = 1 << 20

@dataclass(frozen=True)
class FontFile:
    """One face inside a font file as the system reports it."""

    path: str
    index: int
    family: str
    fontformat: str = ""  # "TrueType", "CFF", or "" when unknown


@dataclass(frozen=True)
class FontChoice:
    """Which face serves a role; `substitute` tells the settings page it is not the proper style."""

    role: str
    family: str
    path: str | None  # None for the built-in CID fallback
    index: int
    rl_name: str  # the name registered with reportlab
    embedded: bool
    substitute: bool

    @property
    def label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def _fc_list() -> list[FontFile]:
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run(
            [exe, ":lang=zh", "-f", "%{file}\t%{index}\t%{family}\t%{fontformat}\n"],
            capture_output=True, text=True, timeout=20, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        try:
            index = int(parts[1] or 0)
        except ValueError:
            index = 0
        files.append(FontFile(parts[0], index, parts[2], parts[3] if len(parts) > 3 else ""))
    return files


def _windows_font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _decode_name(platform: int, encoding: int, raw: bytes) -> str:
    if platform == 0 or (platform == 3 and encoding in (0, 1, 10)):
        return raw.decode("utf-16-be", "ignore")
    if platform == 3 and encoding == 3:  # PRC: GBK, sometimes in 16-bit units
        return raw.replace(b"\x00", b"").decode("gbk", "ignore")
    if platform == 1 and encoding == 25:
        return raw.decode("gbk", "ignore")
    if platform == 1 and encoding == 2:
        return raw.decode("big5", "ignore")
    return raw.decode("latin-1") if platform == 1 else ""


def _read_face(fh, offset: int) -> tuple[str, str, bool] | None:  # noqa: ANN001 — a binary file
    """(family names, "TrueType"/"CFF"/"", has Chinese) of the face whose sfnt header is at offset.

    Reads only the table directory, 'name' and 'OS/2': a CJK font is tens of megabytes."""
    fh.seek(offset)
    head = fh.read(12)
    if len(head) < 12:
        return None
    count = struct.unpack(">H", head[4:6])[0]
    directory = fh.read(16 * count)
    tables = {directory[i:i + 4]: struct.unpack(">II", directory[i + 8:i + 16])
              for i in range(0, len(directory) - 15, 16)}
    fmt = "CFF" if (b"CFF " in tables or b"CFF2" in tables) else "TrueType" if b"glyf" in tables else ""
    chinese = False
    if b"OS/2" in tables:
        fh.seek(tables[b"OS/2"][0])
        os2 = fh.read(86)
        if len(os2) >= 86 and struct.unpack(">H", os2[:2])[0] >= 1:
            chinese = bool(struct.unpack(">I", os2[78:82])[0] & (1 << 18 | 1 << 20))  # cp936, cp950
        elif len(os2) >= 50:  # version 0: no code pages, only "has CJK ideographs"
            chinese = bool(struct.unpack(">I", os2[46:50])[0] & (1 << 27))
    if b"name" not in tables:
        return None
    name_at, name_len = tables[b"name"]
    fh.seek(name_at)
    table = fh.read(min(name_len, _MAX_NAME_TABLE))
    if len(table) < 6:
        return None
    n, strings = struct.unpack(">HH", table[2:6])
    zh: list[tuple[int, str]] = []  # (rank of its language, name)
    other: list[str] = []
    for i in range(n):
        record = table[6 + 12 * i:18 + 12 * i]
        if len(record) < 12:
            break
        platform, encoding, language, name_id, length, at = struct.unpack(">6H", record)
        if name_id not in (1, 16):  # family, typographic family
            continue
        text = _decode_name(platform, encoding, table[strings + at:strings + at + length]).strip()
        zh_lang = (platform == 3 and language in _ZH_WINDOWS_LANGS) or (
            platform == 1 and language in _ZH_MAC_LANGS)
        chinese = chinese or zh_lang
        if not text or "," in text:
            continue
        if zh_lang:
            zh.append((_ZH_WINDOWS_LANGS.index(language) if platform == 3 else 9, text))
        else:
            other.append(text)
    # Chinese names first, simplified before traditional: the first is what the settings page shows.
    names = list(dict.fromkeys([text for _, text in sorted(zh)] + other))
    return (",".join(names), fmt, chinese) if names else None


_FACES_CACHE: dict[tuple[str, int, int], list[FontFile]] = {}


def _faces_in(path: Path) -> list[FontFile]:
    """The Chinese faces of one font file; cached per process by path, size and time."""
    try:
        st = path.stat()
    except OSError:
        return []
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _FACES_CACHE:
        faces = []
        try:
            with open(path, "rb") as fh:
                offsets: tuple[int, ...] = (0,)
                if fh.read(4) == b"ttcf":
                    count = struct.unpack(">4xI", fh.read(8))[0]
                    offsets = struct.unpack(f">{min(count, 64)}I", fh.read(4 * min(count, 64)))
                for index, offset in enumerate(offsets):
                    face = _read_face(fh, offset)
                    if face is not None and face[2]:
                        faces.append(FontFile(str(path), index, face[0], face[1]))
        except (OSError, struct.error):  # a truncated or odd file is simply not offered
            faces = []
        _FACES_CACHE[key] = faces
    return _FACES_CACHE[key]


def _windows_fonts() -> list[FontFile]:
    """Every Chinese face in the system and the per-user font folder, by its own family names."""
    found = []
    for d in _windows_font_dirs():
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name.lower())
        except OSError:
            continue
        for entry in entries:
            if entry.name.lower().endswith(_FONT_SUFFIXES) and entry.is_file():
                found.extend(_faces_in(Path(entry.path)))
    return found


def find_candidates() -> list[FontFile]:
    """All Chinese faces the system offers (tests monkeypatch this to simulate a bare machine)."""
    if sys.platform.startswith("win"):
        return _windows_fonts() + _fc_list()
    return _fc_list()


def _load_truetype(font: FontFile) -> TTFont | None:
    """Register a face with reportlab, or None when it is CFF, broken or lacks Chinese glyphs."""
    if font.fontformat and font.fontformat.lower() not in ("truetype", "truetype collection"):
        return None
    digest = hashlib.sha1(font.path.encode("utf-8", "replace")).hexdigest()[:6]
    rl_name = f"QC-{Path(font.path).stem}-{font.index}-{digest}"  # same name, other folder: other font
    try:
        registered = pdfmetrics.getFont(rl_name)
    except KeyError:
        registered = None
    if isinstance(registered, TTFont):
        return registered
    try:
        tt = TTFont(rl_name, font.path, subfontIndex=font.index)
    except Exception:  # reportlab raises bare TTFError/OSError/struct errors for odd files
        return None
    cmap = tt.face.charToGlyph
    if any(ord(ch) not in cmap for ch in PROBE_TEXT if not ch.isspace()):
        return None
    pdfmetrics.registerFont(tt)
    return tt


def _matches(font: FontFile, fragments: Iterable[str]) -> int | None:
    family = font.family.lower()
    for rank, frag in enumerate(fragments):
        if frag in family:
            return rank
    return None


def _parse_override(value: str) -> FontFile:
    path, _, idx = value.partition("#")
    return FontFile(path, int(idx) if idx.isdigit() else 0, Path(path).stem, "")


def _family_of(tt: TTFont) -> str:
    name = tt.face.familyName
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)


def _fallback(role: str) -> FontChoice:
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return FontChoice(role, FALLBACK_CID, None, 0, FALLBACK_CID, embedded=False, substitute=True)


def font_roles(overrides: Mapping[str, str] | None = None) -> dict[str, FontChoice]:
    """Pick a face for each role: a user override, then the preference lists, then STSong-Light.

    `overrides` maps role → "path" or "path#index" (from settings); a broken override is ignored.
    """
    overrides = overrides or {}
    candidates = find_candidates()
    loaded: dict[tuple[str, int], TTFont | None] = {}

    def load(f: FontFile) -> TTFont | None:
        key = (f.path, f.index)
        if key not in loaded:
            loaded[key] = _load_truetype(f)
        return loaded[key]

    roles: dict[str, FontChoice] = {}
    for role in ROLES:
        choice: FontChoice | None = None
        if overrides.get(role):
            f = _parse_override(overrides[role])
            tt = load(f)
            if tt is not None:
                choice = FontChoice(role, _family_of(tt), f.path, f.index, tt.fontName, True, False)
        for level, fragments in enumerate(ROLE_PREFERENCES[role]):
            if choice is not None:
                break
            ranked = sorted(
                ((r, f) for f in candidates if (r := _matches(f, fragments)) is not None),
                key=lambda pair: pair[0],
            )
            for _, f in ranked:
                tt = load(f)
                if tt is not None:
                    family = f.family.split(",")[0]
                    choice = FontChoice(role, family, f.path, f.index, tt.fontName, True, level > 0)
                    break
        if choice is None:
            # Any other Chinese TrueType face beats the non-embedded fallback.
            for f in candidates:
                tt = load(f)
                if tt is not None:
                    choice = FontChoice(role, f.family.split(",")[0], f.path, f.index,
                                        tt.fontName, True, True)
                    break
        roles[role] = choice or _fallback(role)
    return roles


def usable_fonts() -> list[FontChoice]:
    """Every Chinese face reportlab can embed, for the settings page's font pickers."""
    out = []
    for f in find_candidates():
        tt = _load_truetype(f)
        if tt is not None:
            out.append(FontChoice("", f.family.split(",")[0], f.path, f.index, tt.fontName, True, False))
    return out
