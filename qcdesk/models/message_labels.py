"""English names of the fields the core puts into messages, keyed by their Chinese wording.

Kept apart from `messages` (the messages themselves) so each stays a module one can read.
"""

from __future__ import annotations

# Field names the core puts into messages ({field}, {other}, {kind}), keyed by their Chinese wording,
# which callers pass as the label (so a caller that passes plain Chinese gets English for free).
# English is written as it reads inside a sentence; a message that starts with it is capitalised.
FIELD_LABELS: dict[str, str] = {
    # enterprise file and licences
    "企业名称": "enterprise name",
    "许可证编号": "licence number",
    "发证日期": "issue date",
    "许可证有效期": "licence expiry date",
    "联系人姓名": "contact's name",
    "法定代表人": "legal representative",
    "联系人": "contact person",
    "地址": "address",
    "行业": "industry",
    "主要产品": "main products",
    # visits (records.VISIT_KIND_LABELS too: "A {kind} needs at least two inspectors")
    "受检企业": "enterprise inspected",
    "检查日期": "visit date",
    "检查类型": "kind of visit",
    "状态": "status",
    "监督抽查": "supervision spot check",
    "生产许可证后续监管": "licence follow-up",
    "质量帮扶/指导": "quality assistance",
    "复查": "re-check",
    "专项检查": "special inspection",
    # samples (the sampling record)
    "产品名称": "product name",
    "检验结果": "test result",
    "抽样地点": "sampling place",
    "生产日期": "production date",
    "抽样日期": "sampling date",
    "结果告知日期": "date the result was notified",
    "不合格项目": "failed items",
    "拒签理由": "reason for refusing to sign",
    "抽样基数": "lot size",
    "抽样数量": "sample quantity",
    "检验样品数量": "test sample quantity",
    "备用样品数量": "backup sample quantity",
    "单价": "unit price",
    # findings
    "问题描述": "description of the problem",
    "严重程度": "severity",
    # inspectors
    "姓名": "name",
    "所属单位": "office",
    # rectifications and re-checks
    "整改要求": "rectification requirement",
    "下达日期": "date of the order",
    "期限规则": "deadline rules",
    "提交日期": "date the report was submitted",
    "延期理由": "reason for the extension",
    "延期至": "extended deadline",
    "申请日期": "date of the request",
    "复查记录": "re-check visit",
    "复查的整改": "rectification to re-check",
    "规则": "rule set",
    "整改期限": "rectification deadline",
    "复查期限": "re-check due date",
    "延期申请日期": "date the extension was requested",
    "整改报告日期": "date of the rectification report",
    "结案日期": "closing date",
    "撤销日期": "withdrawal date",
    "处置升级": "escalation step",
    # amendments
    "更正原因": "reason for the amendment",
    "更正字段": "field to amend",
    "更正内容": "changes",
    # demonstration zones
    "名称": "name",
    "类型": "type",
    "级别": "level",
    "节点名称": "milestone name",
    "计划日期": "planned date",
    "完成日期": "completion date",
}
