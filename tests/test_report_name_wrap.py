"""An enterprise's name too long for its report cell wrapped as 通城县广博绝缘材 / 料 / 有限公司:
the legal form was moved to its own line even when the rest did not fit one line, so a single
character was left alone in between. Now a name on two lines keeps its legal form whole and
leaves no character alone (a long one takes three); one that fits stays on one line."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from qcdesk.export.pdf.fonts import font_roles
from qcdesk.export.pdf.layout import TEXT_WIDTH
from qcdesk.export.pdf.report import TABLE_SIZE, UNFINISHED_WIDTHS, _ReportKit

NAMES = ("通城县广博绝缘材料有限公司", "崇阳县瑞昌普通加工厂", "咸宁富顺苎麻纺织有限公司",
         "赤壁市宝晟机电有限公司", "嘉鱼县华宇管业有限公司", "咸宁市楚天农业机械股份有限公司",
         "赤壁市羊楼洞茶业专业合作社")


def test_a_long_name_takes_full_lines_with_its_legal_form_whole() -> None:
    kit = _ReportKit(font_roles())
    share = UNFINISHED_WIDTHS[0]
    room = TEXT_WIDTH * share - 2 * 6.0
    for name in NAMES:
        shown = kit.name(name, share)
        assert shown.replace("\n", "") == name
        lines = shown.split("\n")
        assert all(stringWidth(line, kit.cell.fontName, TABLE_SIZE) <= room for line in lines), lines
        assert len(lines) <= 3 and all(len(line) > 1 for line in lines), lines
        form = next(f for f in ("股份有限公司", "有限公司", "专业合作社", "厂") if name.endswith(f))
        assert lines[-1].endswith(form) and (len(lines) == 1 or form in lines[-1] or len(form) == 1), lines


def test_the_demonstration_table_wraps_names_as_the_others_do(store, tmp_path) -> None:  # noqa: ANN001
    """The 示范企业 table printed 嘉鱼县安强管道科技有限公 / 司: it did not use the name rule."""
    import shutil
    import subprocess

    import pytest
    from test_report_review import TODAY, build

    from qcdesk.export.pdf.report import render_quarterly
    from qcdesk.models.document_data import DocSettings
    from qcdesk.models.enterprises import save_enterprise
    from qcdesk.models.records import Enterprise
    from qcdesk.models.report_queries import quarterly_data

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    build(store)
    save_enterprise(store, Enterprise(uscc="91421224MA4CJGYT6P", name="嘉鱼县安强管道科技有限公司",
                                      jurisdiction_code="421221", industry="管材", demonstration=1), [])
    pdf = tmp_path / "r.pdf"
    render_quarterly(quarterly_data(store.db, 2026, 3, as_of=TODAY), DocSettings(), pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    cells = [line.split()[0] for line in text.splitlines() if line.split()]
    assert "嘉鱼县安强管道科技" in cells and "有限公司" in cells, [c for c in cells if "嘉鱼" in c]
