"""The "双随机、一公开" publication workbook: checked enterprises and results, fit to be published.

Written with the project's own xlsx writer (codes as text cells, dates as date cells, no formula
ever, atomic), one data sheet 公示 and a 说明 sheet. It carries only `models.publication`'s rows and,
for a draw, what makes the draw verifiable by anyone (date, seed, pool hash, record uuid): never a
risk class, inspector or internal note (domain brief: classes are not published to enterprises).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from qcdesk.export.xlsx_writer import CODE, DATE, INT, TEXT, Column, XlsxWriter
from qcdesk.models.draw import DrawRecord
from qcdesk.models.draw_pool import DrawParameters
from qcdesk.models.jurisdictions import CITY_CODE, area_words, jurisdiction_by_code
from qcdesk.models.publication import (
    DELETED,
    NOT_FINAL,
    PublishedRow,
    draw_rows,
    not_final_words,
    period_publication,
)
from qcdesk.models.store import Store

SHEET = "公示"
NOTES_SHEET = "说明"
_COLUMNS = [Column("序号", INT, 6), Column("企业名称", TEXT, 30), Column("统一社会信用代码", CODE, 22),
            Column("产品名称", TEXT, 18), Column("检查机关", TEXT, 26), Column("检查日期", DATE, 12),
            Column("检查结果", TEXT, 14)]


class Published(NamedTuple):
    """What a publication workbook holds, for the user's message: its rows, why samples were
    left out ('' when none), and how many rows each 检查机关 has (a warning about a default name
    must be true of the rows written, not of the database)."""

    count: int
    left_out: str
    offices: Counter[str]


def write_publication_xlsx(rows: Sequence[PublishedRow], path: Path, *, title: str,
                           notes: Sequence[tuple[str, str]] = (), now: datetime | None = None) -> int:
    """Write the workbook at `path` (only when complete); returns the number of rows. Raises OSError."""
    with XlsxWriter(Path(path)) as book:
        sheet = book.add_sheet(SHEET, _COLUMNS, page_header=title)
        sheet.extend([i, *r.cells()[:4], r.checked_on or None, r.result] for i, r in enumerate(rows, 1))
        count = sheet.rows_written
        sheet.close()
        about = book.add_sheet(NOTES_SHEET, [Column("项目", TEXT, 12), Column("内容", TEXT, 80)])
        about.extend([
            ("标题", title), *notes,
            ("行数", f"{count} 条（工作表“{SHEET}”，第 1 行为表头）"),
            ("内容", "企业名称、统一社会信用代码、产品名称、检查机关、检查日期、检查结果；"
                     "尚未检查的企业检查结果写“尚未检查”。"),
            ("导出时间", (now or datetime.now()).strftime("%Y-%m-%d %H:%M")),
        ])
    return count


def draw_notes(record_uuid: str, as_of: str, seed: str, pool_hash: str, scope: str) -> list[tuple[str, str]]:
    """What lets anyone check the draw: scope, date, the seed announced before it, the pool hash."""
    return [("抽取范围", scope), ("抽取日期", as_of), ("随机种子", seed), ("抽取池 SHA-256", pool_hash),
            ("抽取记录", record_uuid),
            ("核对", f"任何人可用 qcdesk draw verify {record_uuid} 按同一随机种子和抽取池重新抽取核对")]


def draw_area(params: DrawParameters) -> str:
    """The draw's area as the lists name it (咸安区（含咸宁高新区）, 咸宁市（全市）, 嘉鱼县), so
    that a reader of the public sheet is not told 咸安区 beside rows of 咸宁高新区 firms; a draw
    made under pool rule 1 took the jurisdiction alone and keeps its plain name."""
    code = params.jurisdiction or CITY_CODE
    if params.pool_rule >= 2:
        area = area_words(code)
    else:
        found = jurisdiction_by_code(code)
        area = found.name if found else code
    return f"{area}“{params.industry}”行业" if params.industry else area


def write_draw_publication(store: Store, record: DrawRecord, path: Path) -> Published:
    """A committed draw's publication: the drawn enterprises and their results so far."""
    params = DrawParameters.from_json(record.parameters)
    scope = draw_area(params) + (f"，产品“{params.word}”" if params.word else "")
    title = f"双随机抽查结果公示（{scope}，{record.as_of}抽取）"
    rows = draw_rows(store, record)
    count = write_publication_xlsx(rows, path, title=title,
                                   notes=[*draw_notes(record.uuid, record.as_of, record.seed,
                                                      record.pool_hash, scope), *draw_marks(rows)])
    return Published(count, "", Counter(r.office for r in rows))


def draw_marks(rows: Sequence[PublishedRow]) -> list[tuple[str, str]]:
    """Why some drawn firms show no final result: a reader must not take 结果待定 for a hidden
    不合格, nor a firm deleted since the draw for one added to it."""
    pending = {w: sum(r.result == w for r in rows) for w in NOT_FINAL}
    deleted = sum(r.result == DELETED for r in rows)
    marks = []
    if any(pending.values()):
        marks.append(("结果待定", f"{not_final_words(pending)}，检查结果写“结果待定（…）”，"
                                  "结论确定并送达企业后再公示（企业可在收到检验结果之日起15日内申请复检，复检结论为最终结论）。"))
    if deleted:
        marks.append(("已从名录删除", f"{deleted} 家抽中企业在抽取后已从企业名录删除，"
                                    f"仍按抽取结果列出以便核对抽取，检查结果写“{DELETED}”。"))
    return marks


def write_period_publication(store: Store, start: date, end: date, jurisdiction: str | None,
                             path: Path) -> Published:
    """A period's spot-check results in an area (the whole database when `jurisdiction` is None),
    the area named as the lists name it: period_rows takes in every jurisdiction lying in it.
    Returns what was written (`Published`), for the user's message."""
    area = area_words(jurisdiction or CITY_CODE)
    title = f"监督抽查结果公示（{area}，{start.isoformat()}至{end.isoformat()}）"
    found = period_publication(store, start, end, jurisdiction)
    left_out = not_final_words(found.withheld)
    notes = [("范围", area), ("期间", f"{start.isoformat()}至{end.isoformat()}")]
    if left_out:
        notes.append(("未列入", f"{sum(found.withheld.values())} 个样品结果尚未最终确定，未列入本表："
                                f"{left_out}。结论确定并送达企业后再公示（企业可在收到检验结果之日起15日内"
                                "申请复检，复检结论为最终结论）。"))
    count = write_publication_xlsx(found.rows, path, title=title, notes=notes)
    return Published(count, left_out, Counter(r.office for r in found.rows))
