"""The four record documents as a user gets them: text, page geometry, fonts, gaps."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.export.pdf import fonts as fonts_mod
from qcdesk.export.pdf.documents import render_notice, render_recheck, render_sample, render_visit
from qcdesk.export.pdf.layout import CELL, LINE_PITCH, MARGIN_LEFT, MARGIN_TOP, TEXT_HEIGHT, TEXT_WIDTH
from qcdesk.models.document_data import (
    DocSettings,
    FindingLine,
    NoticeDoc,
    Officer,
    Party,
    RecheckDoc,
    SampleDoc,
    SampleLine,
    VisitDoc,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

PARTY = Party("咸宁市某某苎麻纺织有限公司", "91421202MA4AEDKU8T", "湖北省咸宁市咸安区永安大道88号",
              "王建国", "李小红", "0715-8123456", "中型")
INSPECTORS = (Officer("张三", "42120001"), Officer("李四", "42120002"))
SAMPLE = SampleLine(
    task_no="XN-2026-031", organiser="咸宁市市场监督管理局", product_name="苎麻混纺布", trademark="咸麻",
    spec_model="160cm×40m", batch_no="20260801", production_date="2026-08-01", grade="一等品",
    standard="FZ/T 32001-2018", unit_price="25.00元/米", lot_size="2000米", sample_qty="6米",
    test_qty="3米", backup_qty="3米", licence_no="(鄂)XK13-006-00123", seal_state="封样完好",
    sampling_place="成品仓库", enterprise_size="中型", samplers=INSPECTORS, sampled_on="2026-08-15",
    remarks="样品袋编号 A-17", refused_to_sign=True, refusal_reason="负责人外出", result="fail",
    failed_items="断裂强力、纤维含量",
)
FINDING = FindingLine("原料进货查验记录不完整", "管理", "一般", "《中华人民共和国产品质量法》第三条")
NOTICE = NoticeDoc("n-uuid", "咸市监质改〔2026〕12号", PARTY,
                   "对不合格原因进行分析，制定整改措施。\n加强出厂检验。", "samr18", "2026-09-10",
                   "2026-11-09", "2026-11-24", visit_date="2026-08-15", sample=SAMPLE)
SETTINGS = DocSettings()


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) from pdftotext -bbox (y from the top, in pt)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            out.append((page, *(float(m.group(i)) for i in range(1, 5)), m.group(5)))
    return out


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("docs")
    paths = {k: d / f"{k}.pdf" for k in ("visit", "sample", "notice", "recheck")}
    render_visit(VisitDoc("v-uuid", "2026-08-15", "监督抽查", PARTY, INSPECTORS,
                          "检查了生产现场和成品仓库。", "抽样1批次，发现问题1项。", (SAMPLE,), (FINDING,)),
                 SETTINGS, paths["visit"])
    render_sample(SampleDoc("s-uuid", PARTY, SAMPLE, "2026-08-15"), SETTINGS, paths["sample"])
    render_notice(NOTICE, SETTINGS, paths["notice"])
    render_recheck(RecheckDoc("r-uuid", NOTICE, "recheck_failed", "2026-11-20", INSPECTORS,
                              "现场核查整改措施。", "整改措施未落实。", "2026-11-01"),
                   SETTINGS, paths["recheck"])
    return paths


def test_visit_record_text(docs):
    t = text_of(docs["visit"])
    for s in ("现场检查笔录", PARTY.name, PARTY.uscc, "张三", "42120001", "李四", "42120002",
              "检查了生产现场和成品仓库", "苎麻混纺布", "原料进货查验记录不完整", "检查人员签名",
              "被检查单位负责人签名"):
        assert s in t, s


def test_sampling_record_has_every_field(docs):
    t = text_of(docs["sample"])
    for s in ("产品质量监督抽查抽样单", "咸宁市市场监督管理局", "XN-2026-031", PARTY.name, PARTY.address,
              PARTY.uscc, "王建国", "李小红", "0715-8123456", "(鄂)XK13-006-00123", "苎麻混纺布", "咸麻",
              "160cm×40m", "2026年8月1日", "20260801", "一等品", "FZ/T32001-2018", "25.00元/米", "2000米",
              "抽样基数", "检验样品数量", "备用样品数量", "封样完好", "成品仓库", "中型", "张三",
              "2026年8月15日", "样品袋编号A-17", "拒绝签字", "负责人外出", "盖章", "抽样人员签名"):
        assert s in t, s


def test_notice_text(docs):
    t = text_of(docs["notice"])
    for s in ("责令整改通知书", "咸市监质改〔2026〕12号", f"{PARTY.name}：",
              "《中华人民共和国产品质量法》第十七条",
              "国家市场监督管理总局令第18号", "2026年11月9日前完成整改", "60日内", "申请复查",
              "2026年11月24日前组织复查", "15日内", "复检", "2026年9月10日", "—1—"):
        assert s in t, s


def test_recheck_text(docs):
    t = text_of(docs["recheck"])
    for s in ("复查意见书", "咸市监质复〔2026〕＿＿号", "咸市监质改〔2026〕12号", "复查不合格",
              "整改措施未落实", "2026年11月20日", "张三"):
        assert s in t, s


def test_notice_geometry_follows_gbt9704(docs):
    """A4; text block 28 mm from the left, 37 mm from the top, 156 × 225 mm; 29 pt line pitch."""
    info = subprocess.run(["pdfinfo", str(docs["notice"])], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    ws = [w for w in words(docs["notice"]) if not re.fullmatch(r"—|\d+", w[5])]
    top, bottom = MARGIN_TOP, MARGIN_TOP + TEXT_HEIGHT
    left, right = MARGIN_LEFT, MARGIN_LEFT + TEXT_WIDTH
    for _page, x0, y0, x1, y1, _w in ws:
        assert x0 >= left - 0.5 and x1 <= right + 1.0
        assert y0 >= top - 0.5 and y1 <= bottom + 0.5
    # The addressee starts flush left; body paragraphs are indented two characters.
    addressee = next(w for w in ws if w[5].startswith(PARTY.name))
    assert addressee[1] == pytest.approx(left, abs=0.3)
    indented = [w for w in ws if w[1] > left + 1 and w[1] < left + 3 * CELL]
    assert indented and all(w[1] == pytest.approx(left + 2 * CELL, abs=0.3) for w in indented)
    # A full body line holds 28 characters across the 156 mm block.
    full = [w for w in ws if len(w[5]) == 28 and all(ord(c) > 0x2E80 for c in w[5])]
    assert full and all(w[3] - w[1] == pytest.approx(TEXT_WIDTH, abs=1.0) for w in full)
    # Lines sit on the 22-line grid.
    body_tops = sorted({round(w[2], 1) for w in ws if w[0] == 1 and w[4] - w[2] < 17})
    gaps = [b - a for a, b in zip(body_tops, body_tops[1:], strict=False)]
    assert all(g / LINE_PITCH == pytest.approx(round(g / LINE_PITCH), abs=0.06) for g in gaps)


def test_date_four_characters_from_right_and_page_numbers(docs):
    ws = words(docs["notice"])
    date = [w for w in ws if w[5] == "2026年9月10日"][-1]
    assert date[3] == pytest.approx(MARGIN_LEFT + TEXT_WIDTH - 4 * CELL, abs=1.0)
    dashes = [w for w in ws if w[5] == "—"]
    assert len(dashes) >= 4  # "— 1 —" and "— 2 —"
    page1 = [w for w in dashes if w[0] == 1]
    page2 = [w for w in dashes if w[0] == 2]
    assert max(w[3] for w in page1) > MARGIN_LEFT + TEXT_WIDTH / 2  # odd pages on the right
    assert min(w[1] for w in page2) < MARGIN_LEFT + TEXT_WIDTH / 2  # even pages on the left
    assert all(w[2] > MARGIN_TOP + TEXT_HEIGHT for w in dashes)  # below the text block


def _truetype_available() -> bool:
    roles = fonts_mod.font_roles()
    return all(c.embedded for c in roles.values())


def test_truetype_fonts_are_embedded(docs):
    if not _truetype_available():
        if os.environ.get("QCDESK_REQUIRE_CJK_TTF"):
            pytest.fail("no TrueType Chinese font found (install fonts-arphic-uming fonts-wqy-zenhei)")
        pytest.skip("no TrueType Chinese font on this machine")
    for kind, pdf in docs.items():
        rows = pdffonts(pdf)
        assert rows, kind
        for r in rows:
            assert "TrueType" in r and r[-5] == "yes", (kind, r)  # emb column


def test_forced_fallback_still_gives_chinese_text(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts_mod, "find_candidates", lambda: [])
    roles = fonts_mod.font_roles()
    assert {c.rl_name for c in roles.values()} == {"STSong-Light"}
    assert not any(c.embedded for c in roles.values())
    out = tmp_path / "notice.pdf"
    render_notice(NOTICE, SETTINGS, out)
    assert "责令整改通知书" in text_of(out)
    assert any(r[0] == "STSong-Light" for r in pdffonts(out))


def test_missing_fields_print_gaps(tmp_path):
    empty_party = Party()
    out = tmp_path / "s.pdf"
    render_sample(SampleDoc("x", empty_party, SampleLine()), SETTINGS, out)
    t = text_of(out)
    assert "（未填写）" in t and "抽样单" in t
    out2 = tmp_path / "n.pdf"
    render_notice(NoticeDoc("y", "", empty_party, "", "", "", "", ""), SETTINGS, out2)
    t2 = text_of(out2)
    assert "＿＿＿＿" in t2 and "责令整改通知书" in t2
    out3 = tmp_path / "v.pdf"
    render_visit(VisitDoc("z", "", "", empty_party), SETTINGS, out3)
    assert "现场检查笔录" in text_of(out3)


def test_long_requirement_flows_over_pages(tmp_path):
    long = "\n".join(f"第{i}项：对生产设备、检验设备和原料仓库进行全面排查，建立台账并落实岗位责任。"
                     for i in range(1, 40))
    doc = NoticeDoc("y", "", PARTY, long, "aqsiq133", "2016-07-01", "2016-07-31", "2016-08-30")
    out = tmp_path / "long.pdf"
    render_notice(doc, SETTINGS, out)
    t = text_of(out)
    assert "第39项" in t and "国家质量监督检验检疫总局令第133号" in t and "30日" in t
    assert "—4—" in t
    # A full page of body text holds exactly 22 lines.
    page2 = {round(w[2]) for w in words(out) if w[0] == 2 and w[5] not in ("—", "2")}
    assert len(page2) == 22


def test_font_roles_for_the_settings_page():
    roles = fonts_mod.font_roles()
    assert set(roles) == {"title", "body", "heading", "subheading"}
    assert all(c.label and c.rl_name for c in roles.values())
    assert all(f.embedded for f in fonts_mod.usable_fonts())


def test_settings_change_organ_and_prefix(tmp_path):
    s = DocSettings(org_name="咸安区市场监督管理局", notice_prefix="咸安市监质改",
                    seal_text="（咸安区局印章）")
    out = tmp_path / "n.pdf"
    render_notice(dataclasses.replace(NOTICE, notice_no=""), s, out)  # no number stored yet
    t = text_of(out)
    # the prefix from the settings, the number left blank for the office's register
    assert "咸安区市场监督管理局" in t and "咸安市监质改〔2026〕＿＿号" in t and "咸安区局印章" in t


def test_very_long_record_fields_flow_over_pages(tmp_path):
    """Table rows longer than a page are split, never a layout error."""
    party = Party(name="某企业" * 40, address="某路" * 200)
    sample = SampleLine(product_name="管材", remarks="很长的备注。" * 500,
                        samplers=tuple(Officer(f"人员{i}", str(i)) for i in range(60)))
    visit = VisitDoc("z", "2026-08-15", "监督抽查", party, (), "检查了生产现场。" * 800, "结论。" * 200,
                     (sample,) * 20, tuple(FindingLine("记录不完整。" * 40) for _ in range(20)))
    out = tmp_path / "v.pdf"
    render_visit(visit, SETTINGS, out)
    out2 = tmp_path / "s.pdf"
    render_sample(SampleDoc("s", party, sample), SETTINGS, out2)
    assert "现场检查笔录" in text_of(out) and "人员59" in text_of(out2)


def test_windows_font_files_are_found(tmp_path, monkeypatch):
    """On Windows the faces come from %WINDIR%\\Fonts by file name (simkai.ttf → 楷体 role)."""
    kai = next((f for f in fonts_mod._fc_list() if "ukai" in f.path.lower()), None)
    if kai is None:
        pytest.skip("no TrueType Kai face on this machine to stand in for simkai.ttf")
    fonts_dir = tmp_path / "Fonts"
    fonts_dir.mkdir()
    shutil.copyfile(kai.path, fonts_dir / "simkai.ttf")
    monkeypatch.setattr(fonts_mod.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(fonts_mod, "_fc_list", lambda: [])
    roles = fonts_mod.font_roles()
    assert roles["subheading"].path == str(fonts_dir / "simkai.ttf")
    assert not roles["subheading"].substitute
    assert roles["body"].substitute  # no 仿宋 there: the Kai face stands in


def test_notice_from_a_site_finding_has_no_product_clauses(tmp_path):
    doc = NoticeDoc("f", "", PARTY, "完善出厂检验记录", "samr18", "2026-09-01", "2026-10-31", "2026-11-15",
                    visit_date="2026-08-20", finding=FINDING)
    out = tmp_path / "f.pdf"
    render_notice(doc, SETTINGS, out)
    t = text_of(out)
    assert "原料进货查验记录不完整" in t and "完善出厂检验记录。" in t and "三、申请复查" in t
    assert "复检" not in t and "停止生产" not in t


def _notice_words(tmp_path: Path, **changes) -> str:
    out = tmp_path / "n.pdf"
    render_notice(dataclasses.replace(NOTICE, **changes), SETTINGS, out)
    return "".join(text_of(out).split())


def test_each_rule_set_s_notice_carries_its_own_product_clauses(tmp_path):
    """SAMR 18: stop at once, and a failing re-check is announced by the province; AQSIQ 133 (2016)
    had neither, only no sale of the same model until the re-check passes."""
    samr = _notice_words(tmp_path)
    assert "立即停止生产、销售同一产品" in samr and "由其向社会公告" in samr
    assert "不得销售同一型号的产品" not in samr
    old = _notice_words(tmp_path, rule_set="aqsiq133", ordered_on="2016-07-01", deadline="2016-07-31",
                        recheck_due="2016-08-30")
    assert "不得销售同一型号的产品" in old
    assert "由其向社会公告" not in old and "立即停止生产" not in old


def test_an_order_with_no_basis_recorded_keeps_the_spot_check_clauses(tmp_path):
    """A ledger-imported or old order names neither sample nor finding: the safe reading is a
    spot check's, so the stop-sale clause and the 复检 right stay on the notice."""
    t = _notice_words(tmp_path, sample=None, finding=None)
    assert "立即停止生产、销售同一产品" in t and "复检权利" in t


def layout_lines(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.splitlines()


def test_form_labels_are_never_broken_mid_word(docs):
    """Each label column is as wide as its longest label: no 统一社会信用代 / 码, 法定代表 / 人."""
    for kind, labels in (("visit", ("统一社会信用代码", "法定代表人", "检查人员及执法证号", "联系电话",
                                    "检查类型", "被检查单位", "91421202MA4AEDKU8T")),
                         ("sample", ("统一社会信用代码", "生产许可证编号", "备用样品数量", "检验样品数量",
                                     "受检单位名称", "91421202MA4AEDKU8T"))):
        lines = layout_lines(docs[kind])
        for label in labels:
            assert any(label in line for line in lines), f"{kind}: {label} split over lines"


def test_notice_pages_are_filled_to_the_foot(tmp_path):
    """A section may start at the foot of a page with its heading and first lines; only the
    closing paragraph, kept with the signature block, may leave the foot of a page empty."""
    foot = MARGIN_TOP + TEXT_HEIGHT
    for n in range(1, 15):
        requirement = "\n".join(f"第{i}项：加强原料进货查验和出厂检验。" for i in range(1, n + 1))
        out = tmp_path / f"n{n}.pdf"
        render_notice(dataclasses.replace(NOTICE, requirement=requirement), SETTINGS, out)
        body = [w for w in words(out) if w[4] < foot + 1]  # not the page number
        page1 = [w for w in body if w[0] == 1]
        free = int((foot - max(w[4] for w in page1)) // LINE_PITCH)
        last_line = "".join(w[5] for w in page1 if w[4] == max(v[4] for v in page1))
        page2 = [w for w in body if w[0] == 2]
        first_line = "".join(w[5] for w in page2 if w[2] == min(v[2] for v in page2))
        assert not re.match(r"^[一二三四五]、", last_line), f"{n}: heading {last_line} ends page 1"
        assert free < 3 or first_line.startswith("逾期不整改"), \
            f"{n}: {free} lines left empty on page 1, page 2 starts with {first_line}"
