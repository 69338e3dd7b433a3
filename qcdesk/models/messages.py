"""User-facing texts of the core in Simplified Chinese and English.

The core cannot use Qt's translator, so validation and CLI messages are looked up here by
rule key; the UI asks for the language the user chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("{field}不能为空", "{field} is required"),
    "uscc.empty": ("请填写统一社会信用代码", "Enter the unified social credit code"),
    "uscc.length": (
        "统一社会信用代码应为18位，当前为{length}位",
        "The unified social credit code has 18 characters, this one has {length}",
    ),
    "uscc.alphabet": (
        "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）",
        "The unified social credit code contains a character that is not allowed (no I, O, S, V, Z)",
    ),
    "uscc.region": (
        "统一社会信用代码第3–8位应为行政区划代码（6位数字）",
        "Positions 3–8 of the credit code must be a 6-digit region code",
    ),
    "uscc.check": (
        "统一社会信用代码校验位不正确，请核对是否抄错",
        "The check character of the credit code is wrong; check for a typing error",
    ),
    "uscc.org_check": (
        "提示：代码中嵌入的组织机构代码校验位不符，请核对",
        "Note: the embedded organisation code's check digit does not match; please verify",
    ),
    "uscc.duplicate": (
        "统一社会信用代码 {value} 已属于企业“{name}”，不能重复建档",
        "Credit code {value} already belongs to “{name}”; an enterprise cannot be filed twice",
    ),
    "licence.empty": ("请填写许可证编号", "Enter the licence number"),
    "licence.format": (
        "许可证编号格式不正确：应为 XK+dd-ddd-ddddd（可带“(鄂)”）或 SC+14位数字",
        "Licence number format is wrong: XK + dd-ddd-ddddd (optionally “(鄂)”) or SC + 14 digits",
    ),
    "licence.sc_category": (
        "SC 许可证第1位类别码应为1（食品）或2（食品添加剂）",
        "An SC licence's category starts with 1 (food) or 2 (additive)",
    ),
    "licence.sc_check": (
        "SC 许可证编号校验位不正确，请核对是否抄错",
        "The SC licence's check digit is wrong; check for a typing error",
    ),
    "licence.qs_historical": (
        "提示：QS 编号为旧制度，仅用于历史记录",
        "Note: QS numbers are historical only",
    ),
    "date.invalid": ("{field}不是有效日期（格式 YYYY-MM-DD）", "{field} is not a valid date (YYYY-MM-DD)"),
    "date.order": ("{field}不能早于{other}", "{field} cannot be earlier than {other}"),
    "choice.invalid": ("{field}的取值“{value}”无效", "“{value}” is not a valid {field}"),
    "jurisdiction.unknown": (
        "未知的行政区划“{value}”，请使用代码（如 421221）或县市区名称",
        "Unknown jurisdiction “{value}”; use a code (e.g. 421221) or a county name",
    ),
    "number.invalid": ("{field}应为不小于0的数字", "{field} must be a number of at least 0"),
    "inspectors.too_few": (
        "{kind}须由至少两名执法人员实施，当前选择了{count}名",
        "A {kind} needs at least two inspectors; {count} selected",
    ),
    "inspector.unknown": ("未找到执法人员“{value}”", "Inspector “{value}” not found"),
    "visit.kind_for_sample": (
        "只有监督抽查或专项检查可以登记抽样",
        "Samples can only be recorded on a spot check or special inspection",
    ),
    "visit.locked": (
        "该检查记录已随签名数据包报送，不能直接修改；请使用“更正”并说明原因",
        "This visit has gone out in a signed package; make an amendment with a reason instead",
    ),
    "record.not_found": ("未找到记录 {value}", "Record {value} not found"),
    "record.stale": (
        "该记录已被其他操作修改（版本 {current}），请重新打开后再保存",
        "The record was changed elsewhere (revision {current}); reopen it and save again",
    ),
    "rectification.transition": (
        "整改状态不能从“{old}”变为“{new}”",
        "A rectification cannot go from “{old}” to “{new}”",
    ),
    "rectification.extension_rule": (
        "按 2010 年规则，延期须在期限届满5日前申请，且只能延期一次、不超过30日",
        "Under the 2010 rules an extension is asked ≥ 5 days before the deadline, once, ≤ 30 days",
    ),
    "rectification.no_extension": (
        "所选规则不允许延期整改",
        "The selected rule set does not allow extensions",
    ),
    "rectification.reason_required": ("请填写延期理由", "Give a reason for the extension"),
}


def message(rule: str, lang: str = "zh", **params: object) -> str:
    """Format the message for a rule key; unknown keys fall back to the key itself."""
    zh, en = _MESSAGES.get(rule, (rule, rule))
    template = en if lang.startswith("en") else zh
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


@dataclass(frozen=True)
class Issue:
    """A problem with one field: which field, which rule, and the values the message needs."""

    field: str
    rule: str
    params: dict[str, object] = field(default_factory=dict)
    warning: bool = False

    def text(self, lang: str = "zh") -> str:
        return message(self.rule, lang, **self.params)


class ValidationFailed(Exception):
    """Raised when a record cannot be saved; carries every field issue so forms can mark them."""

    def __init__(self, issues: list[Issue]):
        self.issues = [i for i in issues if not i.warning]
        super().__init__("; ".join(i.text("zh") for i in self.issues))

    def text(self, lang: str = "zh") -> str:
        return "；".join(i.text(lang) for i in self.issues)
