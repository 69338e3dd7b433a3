"""Every column's meaning in Chinese, for the 说明 sheet of data.xlsx: a clerk at the city reads
what a column holds there, and the database field name stays beside it for the IT staff.

Yes/no columns (在职, 规上企业 …) are number cells 1/0 so that Excel can sum them; the sheet
says so (是/否) instead of calling them integers. Links name the sheet they point to.
"""

from __future__ import annotations

from qcdesk.exchange.workbook import SPECS, Field, SheetSpec

YES_NO_FIELDS = frozenset({"active", "above_scale", "in_improvement", "demonstration",
                           "refused_to_sign", "committed"})
YES_NO_TYPE = "是/否（1＝是，0＝否）"
SHEET_OF = {s.table: s.sheet for s in SPECS}

# What every display-only column (`Field.display`) says of itself: a clerk may read or edit
# it, and neither a hash, an import nor a merge ever looks at it.
DISPLAY_ONLY = ("仅供阅读（显示列），导出时按“{link}”从本机数据库填写；不计入内容哈希，导入时不读取"
                "（以“{link}”为准，在此修改不改变任何数据）；旧版数据包没有此列")

# The 说明 line of every exchange workbook (data.xlsx, the reconciliation workbook): they carry
# people's data, and whoever opens one in Excel should know before forwarding it
# (docs/personal-information.md).
PERSONAL_DATA_NOTE = ("本工作簿含个人信息（法定代表人、联系人及电话、检查人员及执法证号、回避理由、"
                      "照片文件名等），仅供内部工作使用，不得公开，不得提供给无关人员或发到微信群等公共渠道。")

# (table, field) -> meaning; a field used alike in several sheets is also listed by name alone.
MEANINGS: dict[tuple[str, str] | str, str] = {
    "jurisdiction_code": "辖区代码（6 位行政区划代码，开发区等带后缀，如 421202-HTZ）",
    "notes": "备注",
    "author": "最后保存者，原样文本，计入内容哈希：检查人员记录ID（图形界面）、cli（命令行修改，如更正）、"
              "roster-import（名录导入）、demo（演示数据）或空；不是签名，签名方见“编辑方”",
    ("inspector", "name"): "检查人员姓名",
    ("inspector", "cert_no"): "行政执法证号",
    ("inspector", "active"): "是否在职",
    ("industry", "name"): "行业名称",
    ("industry", "jurisdiction_code"): "行业所属辖区代码；空＝全市通用",
    ("enterprise", "uscc"): "统一社会信用代码（18 位）",
    ("enterprise", "name"): "企业名称",
    ("enterprise", "address"): "企业地址",
    ("enterprise", "industry"): "所属行业（行业名称）",
    ("enterprise", "main_products"): "主要产品",
    ("enterprise", "above_scale"): "是否规模以上企业",
    ("enterprise", "in_improvement"): "是否纳入质量提升行动",
    ("enterprise", "demonstration"): "是否示范企业",
    ("enterprise", "legal_representative"): "法定代表人姓名",
    ("enterprise", "contact_name"): "企业联系人姓名",
    ("enterprise", "contact_phone"): "企业联系电话",
    ("enterprise", "size_class"): "企业规模：大型、中型、小型或微型",
    ("enterprise", "certifications"): "企业已获认证（文字概述，明细见“认证”工作表）",
    ("licence", "kind"): "许可证类型，按证书所印（XK、SC、QS 等）",
    ("licence", "number"): "许可证编号",
    ("licence", "product"): "许可产品",
    ("licence", "issued_on"): "发证日期",
    ("licence", "expires_on"): "许可证有效期截止日期",
    ("certification", "name"): "认证名称（如质量管理体系认证）",
    ("certification", "certificate_no"): "认证证书编号",
    ("certification", "expires_on"): "证书有效期截止日期",
    ("contact", "name"): "联系人姓名",
    ("contact", "role"): "联系人职务",
    ("contact", "phone"): "联系人电话",
    ("visit", "enterprise.name"): "被检查企业的企业名称。" + DISPLAY_ONLY.format(link="企业记录ID"),
    ("visit", "inspector.name"): "参加检查的检查人员姓名，按“检查人员记录ID”中的顺序以“、”连接"
                                 "（本机没有的检查人员写其记录ID）。"
                                 + DISPLAY_ONLY.format(link="检查人员记录ID"),
    ("sample", "enterprise.name"): "被抽样企业（该检查记录的企业）的企业名称。"
                                   + DISPLAY_ONLY.format(link="检查记录ID"),
    ("rectification", "enterprise.name"): "被责令整改企业的企业名称。"
                                          + DISPLAY_ONLY.format(link="企业记录ID"),
    ("visit", "visit_date"): "检查日期",
    ("visit", "inspectors"): "参加检查的检查人员（检查人员记录ID 的 JSON 数组）",
    ("visit", "summary"): "检查情况",
    ("visit", "conclusion"): "检查结论",
    ("visit", "locked_package"): "已随哪个数据包发出（数据包文件名）；发出后只能以更正记录修改；"
                                 "空＝草稿或尚未发出；计入内容哈希",
    ("sample", "task_no"): "抽样任务编号",
    ("sample", "organiser"): "组织抽样的单位",
    ("sample", "product_name"): "样品（产品）名称",
    ("sample", "trademark"): "商标",
    ("sample", "spec_model"): "规格型号",
    ("sample", "batch_no"): "生产批号",
    ("sample", "production_date"): "生产日期",
    ("sample", "grade"): "产品等级",
    ("sample", "standard"): "执行标准",
    ("sample", "unit_price"): "单价，按抽样单所写（文字）",
    ("sample", "lot_size"): "抽样基数，按抽样单所写（文字）",
    ("sample", "sample_qty"): "抽样数量，按抽样单所写（文字）",
    ("sample", "test_qty"): "检验样品数量，按抽样单所写（文字）",
    ("sample", "backup_qty"): "备份样品数量，按抽样单所写（文字）",
    ("sample", "licence_no"): "被抽样企业的许可证编号",
    ("sample", "seal_state"): "封样状态",
    ("sample", "enterprise_size"): "被抽样企业规模",
    ("sample", "samplers"): "抽样人员（JSON 数组，原样保存：姓名；旧版数据中可能是检查人员记录ID，"
                            "可在“检查人员”工作表查到姓名）",
    ("sample", "sampled_on"): "抽样日期",
    ("sample", "remarks"): "备注",
    ("sample", "refused_to_sign"): "被抽样单位是否拒绝签字",
    ("sample", "refusal_reason"): "拒签理由",
    ("sample", "failed_items"): "不合格项目",
    ("sample", "result_notified_on"): "检验结果告知日期",
    ("sample", "retest_requested_on"): "企业申请复检的日期（收到检验结果之日起15日内；"
                                        "后加列，旧版数据包没有此列，读作空）",
    ("sample", "retest_result"): "复检（备份样品）结论，为最终结论：有结论时“检验结论”即为复检结论"
                                  "（后加列，旧版数据包没有此列，读作未申请复检）",
    ("sample", "retest_on"): "复检结论作出的日期（后加列，旧版数据包没有此列，读作空）",
    ("finding", "category"): "问题类别",
    ("finding", "description"): "问题描述",
    ("finding", "basis"): "判定依据",
    ("photo", "sha256"): "照片文件的 SHA-256 校验值（照片随包时为 photos/<校验值>.<扩展名>）",
    ("photo", "file_name"): "照片原文件名",
    ("photo", "media_type"): "照片文件类型（MIME 类型，如 image/jpeg）",
    ("rectification", "requirement"): "整改要求",
    ("rectification", "ordered_on"): "责令整改通知下达日期",
    ("rectification", "deadline"): "整改期限",
    ("rectification", "recheck_due"): "复查期限",
    ("rectification", "extended_to"): "延期后的整改期限；空＝未延期",
    ("rectification", "extension_reason"): "延期理由",
    ("rectification", "extension_requested_on"): "延期申请日期",
    ("rectification", "report_submitted_on"): "企业提交整改报告的日期",
    ("rectification", "closed_on"): "整改结案日期",
    ("rectification", "notice_no"): "责令整改通知书编号",
    ("rectification", "closing_reason"): "未经复查结案的理由，如样品复检合格、原检验结论不再成立而撤销整改"
                                         "（状态为已完成）；空＝复查合格结案或未结案（后加列，旧版数据包没有此列，读作空）",
    ("rectification", "reopen_reason"): "更正：已结案的整改被重新打开的理由（最近一次）；空＝从未重新打开"
                                        "（后加列，旧版数据包没有此列，读作空）",
    ("amendment", "visit_uuid"): "被更正的检查记录的记录ID（文本，与“检查记录ID”相同；"
                                 "二者不一致时以“检查记录ID”为准）",
    ("amendment", "visit_revision"): "更正前该检查记录的版本（修订号）",
    ("amendment", "package_id"): "该检查记录原先随之发出的数据包（文件名）",
    ("amendment", "reason"): "更正原因",
    ("amendment", "changes"): "更正内容（JSON：字段 → [原值, 新值]）",
    ("draw_record", "drawn_at"): "摇号时间（UTC ISO-8601，原样文本）",
    ("draw_record", "as_of"): "参加摇号的企业名录截至时间（UTC ISO-8601）",
    ("draw_record", "seed"): "随机种子，复核摇号（qcdesk draw verify）时使用",
    ("draw_record", "algorithm"): "摇号算法的技术标识，复核摇号时使用，原样保存",
    ("draw_record", "parameters"): "摇号参数（JSON）",
    ("draw_record", "pool_hash"): "企业名录快照的 SHA-256，用于核对名录未被改动",
    ("draw_record", "pool_size"): "参加摇号的企业数量",
    ("draw_record", "pool_snapshot"): "参加摇号的企业名录快照（JSON；超长部分见“长文本续”）",
    ("draw_record", "selection"): "抽中的企业（JSON 数组）",
    ("draw_record", "operator"): "摇号操作人",
    ("draw_record", "witnesses"): "见证人（JSON 数组，姓名）",
    ("draw_record", "committed"): "摇号结果是否已确认",
    ("demonstration_zone", "name"): "示范区或示范项目名称",
    ("demonstration_zone", "lead_industry"): "主导产业",
    ("demonstration_zone", "members"): "成员企业（企业记录ID 的 JSON 数组）",
    ("demonstration_zone", "milestones"): "里程碑（JSON 数组）",
    ("recusal", "reason"): "回避理由",
}


def meaning(spec: SheetSpec, f: Field) -> str:
    """What a column holds, in Chinese."""
    if f.parent:
        return f"关联的“{SHEET_OF.get(f.parent, f.parent)}”记录的记录ID"
    text = MEANINGS.get((spec.table, f.name)) or MEANINGS.get(f.name)
    if f.labels:  # the coded columns' own doc lists the words and codes
        return f"{text}。{f.doc}" if text else f.doc
    return text or f.doc or f.header


def type_zh(f: Field) -> str:
    """The cell type as the sheet names it; yes/no columns as 是/否."""
    if f.name in YES_NO_FIELDS:
        return YES_NO_TYPE
    return {"text": "文本", "code": "文本(代码)", "int": "整数", "date": "日期",
            "float": "数值"}.get(f.kind, f.kind)
