"""The fixed parts of an .xlsx package (content types, relationships, workbook, styles) and
the shared-string table.

Why a shared-string table: an exchange sheet repeats the same short texts on every row (time
stamps, authors, key ids, statuses, the origin package), and spelling each one out again as
an inline string made the sheet XML half as large again as it needs to be — more to send
from a county with a poor connection, and more for calamine to parse on import. A string is
written inline the first time it is seen and shared from its second use on; the table and
the set of strings seen once are bounded (the latter is emptied when full), so a
million-visit export stays in bounded memory.
Shared strings are plain text to Excel and WPS exactly as inline ones: never a formula.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qcdesk.export.xlsx_text import _xml
from qcdesk.models.rate_text import sheet_places

_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="6"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/>'
    '<numFmt numFmtId="166" formatCode="0.0%"/><numFmt numFmtId="167" formatCode="0.00%"/>'
    '<numFmt numFmtId="168" formatCode="0.000%"/><numFmt numFmtId="169" formatCode="0.0000%"/>'
    '</numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/>'
    '<charset val="134"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="10"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"'
    ' applyNumberFormat="1" applyAlignment="1"><alignment vertical="center"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    # long free text (reasons, notes, 统计口径) wraps within its column, from the top
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    # a share shown with 2, 3 or 4 decimals (`Percent`): 7, 8, 9
    + "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              for n in (167, 168, 169))
    + "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_PERCENT_STYLES = {1: 5, 2: 7, 3: 8, 4: 9}  # decimals of a percent cell -> its cellXfs index


class Percent(float):
    """A share 0…1 for a PERCENT cell shown with `places` decimals instead of one: a pass rate
    that one decimal would show on its target (94.97 % as 95.0% beside 95 %), see
    `qcdesk.models.rate_text.sheet_places`. The cell keeps the exact value."""

    places: int

    def __new__(cls, value: float, places: int) -> Percent:
        share = super().__new__(cls, value)
        share.places = min(max(places, 1), 4)
        return share


def rate_cell(rate: float | None, target: float) -> Percent | None:
    """A pass rate shown beside `target` as the report and dashboard print it (one decimal, more
    only where one would touch the target), for a PERCENT cell; None (empty) without a rate."""
    return None if rate is None else Percent(rate, sheet_places(rate, target))


def percent_style(value: object) -> int:
    """The cellXfs index of a PERCENT cell: 0.0%, or the decimals a `Percent` asks for."""
    return _PERCENT_STYLES[value.places] if isinstance(value, Percent) else _PERCENT_STYLES[1]


_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


_CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


class SharedStrings:
    """Strings (already escaped for XML) that occur more than once in a workbook."""

    def __init__(self, max_seen: int = 400_000, max_chars: int = 24_000_000,
                 max_length: int = 2000) -> None:
        self._index: dict[str, int] = {}
        self._seen: set[str] = set()
        self._max_seen, self._max_chars, self._max_length = max_seen, max_chars, max_length
        self._seen_chars = self._table_chars = 0
        self.refs = 0

    def ref(self, text: str) -> int | None:
        """The table index to write for ``text``, or None to write it inline."""
        i = self._index.get(text)
        if i is None:
            if text not in self._seen:
                if len(text) <= self._max_length:
                    if (len(self._seen) >= self._max_seen
                            or self._seen_chars + len(text) > self._max_chars):
                        # full of texts that never came back (ids, time stamps): forget them
                        # so that texts first met late in a large export can still be shared
                        self._seen.clear()
                        self._seen_chars = 0
                    self._seen.add(text)
                    self._seen_chars += len(text)
                return None
            if self._table_chars + len(text) > self._max_chars:
                return None  # the table is full: inline from now on
            self._seen.discard(text)  # from now on it lives in the table
            self._seen_chars -= len(text)
            self._table_chars += len(text)
            i = self._index[text] = len(self._index)
        self.refs += 1
        return i

    def __len__(self) -> int:
        return len(self._index)

    def write(self, book: zipfile.ZipFile) -> None:
        """xl/sharedStrings.xml, in index order (dicts keep insertion order)."""
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       f'<sst xmlns="{_NS_MAIN}" count="{self.refs}" '
                       f'uniqueCount="{len(self._index)}">').encode())
            buf: list[str] = []
            for text in self._index:
                space = ' xml:space="preserve"' if text[:1] in " \t\n" or \
                    text[-1:] in " \t\n" else ""
                buf.append(f"<si><t{space}>{text}</t></si>")
                if len(buf) >= 4096:
                    out.write("".join(buf).encode("utf-8", "surrogatepass"))
                    buf = []
            buf.append("</sst>")
            out.write("".join(buf).encode("utf-8", "surrogatepass"))


def _quoted(sheet_name: str) -> str:
    """A sheet name as a formula reference writes it: 'name', a quote doubled."""
    return "'" + sheet_name.replace("'", "''") + "'"


@dataclass(frozen=True)
class Tabs:
    """The order of a workbook's tabs and the one it opens on; sheets are still written one
    after another, and the tabs are ordered when the workbook is finished."""

    first: tuple[str, ...] = ()  # sheets shown first, in this order; the rest as written
    opens_on: str | None = None  # the sheet the workbook opens on; None: the first written

    def selected(self, part: str, written: Sequence[str]) -> bool:
        """Whether the sheet part just opened (the last of `written`) is the one shown."""
        return part == self.opens_on if self.opens_on else len(written) == 1

    def positions(self, parts: Sequence[str], logical: Mapping[str, str]) -> tuple[list[int], int]:
        """(indices of the written `parts` in tab order, tab position of `opens_on`): each
        sheet with its continuation parts (`logical`: part -> sheet)."""
        rank = {name: i for i, name in enumerate(self.first)}
        first: dict[str, int] = {}
        for i, part in enumerate(parts):
            first.setdefault(logical.get(part, part), i)

        def key(i: int) -> tuple[int, int, int]:
            sheet = logical.get(parts[i], parts[i])
            return rank.get(sheet, len(rank)), first[sheet], i

        order = sorted(range(len(parts)), key=key)
        return order, next((pos for pos, i in enumerate(order) if parts[i] == self.opens_on), 0)


def write_package_parts(book: zipfile.ZipFile, sheet_names: Sequence[str],
                        shared: SharedStrings | None, *, tabs: Sequence[int] | None = None,
                        active: int = 0) -> None:
    """Everything but the sheets: written last, when the sheets are known. `sheet_names` are
    the parts in the order written (sheet1.xml …); `tabs` their indices in the order the
    tabs show (default: as written), `active` the tab position the workbook opens on."""
    tabs = list(range(len(sheet_names))) if tabs is None else list(tabs)
    n = len(sheet_names)
    with_sst = shared is not None and len(shared) > 0
    sst_type = (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT_SST}"/>'
                if with_sst else "")
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT_SHEET}"/>'
        for i in range(1, n + 1)
    )
    book.writestr(
        "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType='
        '"application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}{sst_type}</Types>",
    )
    book.writestr(
        "_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    )
    sheets = "".join(
        f'<sheet name="{_xml(sheet_names[i]).replace(chr(34), "&quot;")}" sheetId="{i + 1}"'
        f' r:id="rId{i + 1}"/>'
        for i in tabs
    )
    # every sheet's header is row 1: it is repeated at the top of each printed page
    titles = "".join(  # localSheetId: the tab position
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{pos}">'
        f"{_xml(_quoted(sheet_names[i]))}!$1:$1</definedName>"
        for pos, i in enumerate(tabs)
    )
    book.writestr(
        "xl/workbook.xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
        f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
        f"<sheets>{sheets}</sheets>"
        + (f"<definedNames>{titles}</definedNames>" if titles else "") + "</workbook>",
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_NS_REL}/worksheet"'
        f' Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    rels += (f'<Relationship Id="rId{n + 1}" Type="{_NS_REL}/styles"'
             ' Target="styles.xml"/>')
    if with_sst:
        rels += (f'<Relationship Id="rId{n + 2}" Type="{_NS_REL}/sharedStrings"'
                 ' Target="sharedStrings.xml"/>')
    book.writestr(
        "xl/_rels/workbook.xml.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>",
    )
    book.writestr("xl/styles.xml", _STYLES)
