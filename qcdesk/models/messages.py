"""User-facing texts of the core in Simplified Chinese and English.

The core cannot use Qt's translator, so validation and CLI messages are looked up here by
rule key; the UI asks for the language the user chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from qcdesk.models.message_labels import FIELD_LABELS
from qcdesk.models.messages_advice import ADVICE_MESSAGES
from qcdesk.models.messages_files import FILE_MESSAGES

_MESSAGES: dict[str, tuple[str, str]] = {
    "role.city_jurisdiction": (
        "市级局角色只用于咸宁市（421200）的密钥，当前辖区为 {jurisdiction}；"
        "县（市、区）的密钥请选 检查员 或 县级局，市质强办的密钥请把辖区设为 421200",
        "The city office role is only for keys of 咸宁市 (421200), not {jurisdiction}; a county key"
        " takes the inspector or county role, the city office's key jurisdiction 421200",
    ),
    "signer.name_empty": ("签名人姓名不能为空：请输入姓名，如 张三", "Enter the signer's name, e.g. 张三"),
    "signer.name_control": (
        "签名人姓名“{name}”含有制表符、换行等控制字符，无法写入数据包的签名信息："
        "请只用文字重新输入姓名，如 张三",
        "The signer's name “{name}” holds a tab, line break or other control character, which a"
        " package's signature cannot carry: type the name again as plain text, e.g. 张三",
    ),
    "signer.name_long": (
        "签名人姓名过长（{length} 个字）：最多 {limit} 个字，请只填姓名或科室名称，如 张三",
        "The signer's name is {length} characters long, at most {limit}: enter a person's or an"
        " office's name, e.g. 张三",
    ),
    "required": ("{field}不能为空", "Enter the {field}"),
    "uscc.empty": ("请填写统一社会信用代码", "Enter the unified social credit code"),
    "uscc.length": (
        "统一社会信用代码应为18位，当前为{length}位",
        "The unified social credit code has 18 characters, this one has {length}",
    ),
    "uscc.alphabet": (
        "统一社会信用代码第{position}位“{char}”不允许（代码不使用 I、O、S、V、Z），请对照原件核对这一位",
        "Character {position} of the credit code, “{char}”, is not allowed (codes use no I, O, S, V, Z);"
        " check it against the original",
    ),
    "uscc.character": (
        "统一社会信用代码第{position}位“{char}”不是代码字符（可能是全角或外文字母），"
        "请用半角数字或大写英文字母重新输入这一位",
        "Character {position} of the credit code, “{char}”, is not a code character (perhaps a"
        " full-width or foreign letter); retype it as a plain digit or capital Latin letter",
    ),
    "uscc.region": (
        "统一社会信用代码第3～8位应为行政区划代码（6位数字）",
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
    "date.invalid": ("{field}应写成 2026-11-15 这样的格式（年-月-日）",
                     "{field} must be written like 2026-11-15 (year-month-day)"),
    "date.no_such_day": ("{field}“{value}”有误：日历上没有这一天，请核对月和日",
                         "{field} “{value}” is wrong: there is no such day; check the month and day"),
    "date.range": ("{field}应在 1900 年至 2099 年之间，请检查年份",
                   "{field} must lie between 1900 and 2099: check the year"),
    "date.order": ("{field}不能早于{other}", "{field} cannot be earlier than the {other}"),
    "choice.invalid": ("{field}的取值“{value}”无效", "“{value}” is not a valid {field}"),
    "jurisdiction.unknown": (
        "未知的行政区划“{value}”，请使用代码（如 421221）或县市区名称",
        "Unknown jurisdiction “{value}”; use a code (e.g. 421221) or a county name",
    ),
    "number.invalid": ("{field}应为不小于0的数字", "{field} must be a number of at least 0"),
    # the sampling record's quantities and price (sample_checks.py)
    "quantity.invalid": (
        "{field}“{value}”应写成数量加单位，如 20袋、2 kg；不适用填“/”",
        "{field} “{value}” must be a number with its unit, e.g. 20袋 or 2 kg; “/” if it does not apply",
    ),
    "quantity.negative": ("{field}不能为负数（“{value}”）", "{field} cannot be negative (“{value}”)"),
    "quantity.zero": ("{field}应大于0", "{field} must be more than 0"),
    "quantity.split": (
        "检验样品数量（{test}）与备用样品数量（{backup}）之和超过抽样数量（{sample}）",
        "The test sample quantity ({test}) and the backup sample quantity ({backup}) add up to more "
        "than the sample quantity ({sample})",
    ),
    "price.invalid": (
        "{field}“{value}”应为金额，如 12.50元/袋（抽样不收费，单价指产品的售价）；不适用填“/”",
        "{field} “{value}” must be an amount, e.g. 12.50元/袋 (sampling is free of charge; this is the "
        "product's price); “/” if it does not apply",
    ),
    # the sampling record's samplers and seal (sample_checks.py)
    "samplers.too_few": (
        "抽样人员至少两名，当前只填写了{count}名：请填写全部抽样人员姓名，以顿号分隔（如 张三、李四）",
        "A sample is taken by at least two samplers and only {count} is given: enter every sampler's "
        "name, separated by 、 (e.g. 张三、李四)",
    ),
    "samplers.missing": (
        "抽样人员未填写：抽样单须由至少两名抽样人员签字，请填写姓名，以顿号分隔（如 张三、李四）",
        "No samplers given: the sampling record is signed by at least two samplers; enter their names, "
        "separated by 、 (e.g. 张三、李四)",
    ),
    "seal.missing": (
        "封样状态未填写：样品应封存为检验样品和备用样品，请选择封样状态（未封样的请在备注中说明原因）",
        "Seal state not given: the samples are sealed as a test and a backup sample; choose the seal "
        "state (if they were not sealed, say why in the remarks)",
    ),
    # the enterprise file's free text (enterprise_checks.py)
    "phone.invalid": (
        "联系电话“{value}”不是有效的电话号码：手机号为11位（如 13907151234），固定电话请带区号"
        "（如 0715-8123456），分机写作“转123”，多个号码用顿号或“/”分隔",
        "The phone “{value}” is not a phone number: a mobile has 11 digits (e.g. 13907151234), a "
        "landline its area code (e.g. 0715-8123456), an extension is written 转123; separate several "
        "numbers with 、 or /",
    ),
    "phone.no_area_code": (
        "电话“{value}”没有区号，请在前面加上区号（咸宁为 0715，如 0715-8123456）",
        "The phone “{value}” has no area code; add it in front (0715 for Xianning, e.g. 0715-8123456)",
    ),
    "phone.short_mobile": (
        "电话“{value}”只有{digits}位，像是少了几位的手机号（本地固定电话号码不以1开头）：手机号为11位"
        "（如 13907151234），请核对后补全；固定电话请带区号（如 0715-8123456）",
        "The phone “{value}” has only {digits} digits and looks like a mobile number missing digits "
        "(a local landline number never starts with 1): a mobile has 11 digits (e.g. 13907151234), "
        "check and complete it; give a landline with its area code (e.g. 0715-8123456)",
    ),
    "name.too_long": (
        "企业名称有{length}个字，超过{limit}个字：请按营业执照上的名称填写，地址、联系人等请填在各自栏目中",
        "The enterprise name has {length} characters, more than {limit}: enter the name as on the "
        "business licence, and the address, contact and so on in their own fields",
    ),
    "name.long": (
        "企业名称有{length}个字，较长：请核对是否与营业执照上的名称一致",
        "The enterprise name has {length} characters, which is long: check it against the business "
        "licence",
    ),
    "person.too_long": (
        "{field}应填写姓名，不超过{limit}个字（当前{length}个字）；电话等其他内容请填在各自栏目中",
        "The {field} is a person's name of at most {limit} characters ({length} now); enter the phone "
        "and other details in their own fields",
    ),
    "text.too_long": (
        "{field}不能超过{limit}个字（当前{length}个字），请删去多余内容",
        "The {field} can have at most {limit} characters ({length} now); remove what does not belong",
    ),
    # licence dates (enterprises.py)
    "licence.validity": (
        "生产许可证有效期为{years}年：{issued} 发证的许可证应不晚于 {latest} 到期，请核对有效期",
        "A production licence is valid {years} years: one issued on {issued} expires by {latest}; "
        "check the expiry date",
    ),
    "licence.validity_no_issue": (
        "生产许可证有效期为{years}年，有效期至 {expires} 超过自今日起{years}年，请核对并填写发证日期",
        "A production licence is valid {years} years; an expiry on {expires} is more than {years} years "
        "from today: check it and enter the issue date",
    ),
    "licence.issued_future": (
        "发证日期 {issued} 晚于今天，请核对",
        "The issue date {issued} is after today; please check it",
    ),
    "inspectors.too_few": (
        "{kind}须由至少两名执法人员实施，当前选择了{count}名",
        "A {kind} needs at least two inspectors; {count} selected",
    ),
    "inspector.unknown": ("未找到执法人员“{value}”", "Inspector “{value}” not found"),
    "inspector.cert_taken": (
        "执法证号 {value} 已属于 {name}（{unit}）：一个执法证号只属于一名执法人员。请核对证号；"
        "若是同一人，请在名单中选择 {name}，不要重复添加",
        "Certificate no. {value} already belongs to {name} ({unit}): a certificate number belongs to "
        "one inspector. Check the number; if this is the same person, pick {name} from the roster "
        "instead of adding them again",
    ),
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
    # random draw (draw.py)
    "draw.ratio_range": ("抽取比例 {ratio} 应在 0 到 1 之间", "The draw ratio {ratio} must be from 0 to 1"),
    "draw.ratio_invalid": (
        "抽取比例“{ratio}”不是数字，应为 0 到 1 之间的小数，例如 5% 填 0.05",
        "The draw ratio “{ratio}” is not a number; write a decimal from 0 to 1, e.g. 0.05 for 5%",
    ),
    "draw.seed_required": ("请填写随机种子", "Enter the random seed"),
    "draw.team_size": (
        "每家企业须派至少两名执法人员", "Each enterprise needs a team of at least two inspectors"),
    "draw.too_few_inspectors": (
        "企业 {enterprise} 可派执法人员不足{team}名（回避后剩{eligible}名）",
        "Fewer than {team} inspectors can go to enterprise {enterprise} ({eligible} left after recusals)",
    ),
    "draw.recusal_reason": ("请填写回避理由", "Give the reason for the recusal"),
    "draw.inspector_unknown": ("未找到执法人员 {value}", "Inspector {value} not found"),
    "draw.enterprise_unknown": ("未找到企业 {value}", "Enterprise {value} not found"),
    "draw.recusal_duplicate": (
        "该执法人员对该企业的回避已登记",
        "This inspector's recusal from this enterprise is already recorded",
    ),
    "draw.verify.algorithm": ("不支持的抽取算法 {algorithm}", "Unsupported draw algorithm {algorithm}"),
    "draw.verify.snapshot_hash": (
        "记录中保存的抽取池快照与其哈希值不符（记录被改动）",
        "The pool snapshot stored in the record does not match its hash (the record was altered)",
    ),
    "draw.verify.snapshot_rerun": (
        "按保存的抽取池和种子重新抽取，结果与记录不同：{diff}",
        "Re-run on the stored pool and seed, the draw differs from the record: {diff}",
    ),
    "draw.verify.pool_hash": ("抽取池哈希不同：{diff}", "The pool hash differs: {diff}"),
    "draw.verify.rerun_failed": ("重新抽取失败：{reason}", "The re-run failed: {reason}"),
    "draw.verify.rerun_differs": ("重新抽取结果不同：{diff}", "The re-run differs: {diff}"),
    "draw.diff.extra": ("多抽出企业 {items}", "extra enterprises drawn: {items}"),
    "draw.diff.missing": ("缺少企业 {items}", "enterprises missing: {items}"),
    "draw.diff.teams": ("执法人员配对不同：{items}", "different inspector teams: {items}"),
    "draw.diff.sizes": ("原池 {old} 家，现池 {new} 家", "{old} enterprises in the pool then, {new} now"),
    "draw.diff.gone": ("不再在池中：{items}", "no longer in the pool: {items}"),
    "draw.diff.new": ("新进入池中：{items}", "new in the pool: {items}"),
    "draw.diff.moved": ("风险分类变化：{items}", "risk class changed: {items}"),
    "draw.diff.inspectors": ("执法人员名录不同", "the inspector roster differs"),
    "draw.diff.recusals": ("回避关系不同", "the recusals differ"),
    "draw.diff.snapshot": ("快照内容不同", "the snapshot differs"),
    # early warnings (warnings.py): computed reasons, not user data
    "warning.retest_withdraw": (
        "样品{product}已于{retest_on}复检合格，原检验结论不再成立，请撤销该整改通知"
        "（在“整改跟踪”中打开该整改，点“撤销（复检合格）”）",
        "Sample {product} passed its re-test on {retest_on}; the failing result no longer stands: "
        "withdraw this order (open it under Rectifications, click Withdraw (re-test passed))",
    ),
    "warning.retest_withdraw_undated": (
        "样品{product}复检合格，原检验结论不再成立，请撤销该整改通知"
        "（在“整改跟踪”中打开该整改，点“撤销（复检合格）”），并在检查记录中补填复检日期",
        "Sample {product} passed its re-test; the failing result no longer stands: withdraw this order "
        "(open it under Rectifications, click Withdraw (re-test passed)) and enter the re-test date "
        "in the visit",
    ),
    "warning.notice_duplicate": (
        "文号{number}另有{count}项整改同时使用：{others_zh}。一个文号只对应一份责令整改通知书："
        "请对照发文登记簿核实，为其中一项重新编号（在“整改跟踪”中打开该整改，点“更正文号”）",
        "Notice number {number} is also on {count} other order(s): {others_en}. One number is one "
        "rectification notice: check the registry and renumber one of them (open it under "
        "Rectifications, click Correct number…)",
    ),
    "warning.zone_duplicate": (
        "{kind}“{name}”另有{count}条记录类型相同、名称相同（不计全角半角、空格和括号）：{others_zh}。"
        "可能是同一{kind}录入了两次（如县局、市局各录入一次），按目标统计的数目因此偏多：请核实，"
        "确属重复的，在“示范区”页删除多余的一条（系统不会自动合并或删除）",
        "Demonstration {kind_en} “{name}” has the same kind and name (full/half width, spaces and "
        "brackets aside) as {count} other record(s): {others_en}. It may be one {kind_en} entered "
        "twice (by a county and by the city, for example), which counts it twice toward the target: "
        "check, and if so delete the extra record under Demonstration zones (nothing is merged or "
        "deleted automatically)",
    ),
    "warning.uscc_duplicate": (
        "统一社会信用代码{uscc}与另{count}条企业记录的代码只是写法不同（大小写、空格、连字符或全角）：{others_zh}。"
        "同一企业只应有一份质量档案，参与质量提升的企业数等因此可能多算：请核实是否为同一企业；是的，"
        "保留一份，另一份取消“参与质量提升活动”并在备注中注明（系统不会自动合并或删除）",
        "Credit code {uscc} differs only in spelling (case, spaces, hyphens or full width) from that of "
        "{count} other enterprise record(s): {others_en}. One enterprise has one quality file, and "
        "counts such as enterprises in quality improvement may take it twice: check whether it is the "
        "same enterprise; if so keep one file, untick “in the quality improvement programme” on the "
        "other and say why in its notes (nothing is merged or deleted automatically)",
    ),
    "warning.visit_future": (  # a typo of the year, or the computer's clock: it counts by this date
        "{kind}的检查日期{visit_date}晚于今天（{today}）{ahead}天，可能是年份输错或本机日期不对；"
        "统计按检查日期计，日期有误的，这次检查及其样品会计入错误的季度。请在该企业的检查记录中核对并更正检查日期"
        "（若是本机日期不对，请先校正电脑的日期）",
        "The {kind} is dated {visit_date}, {ahead} days after today ({today}): perhaps a mistyped year, "
        "or this computer's date is wrong. Figures count by the visit date: if it is wrong, this visit and "
        "its samples fall in the wrong quarter. Find it among the enterprise's visits, check the date and "
        "correct it (if this computer's date is wrong, set it right first)",
    ),
    "warning.rectification_overdue": (
        "整改期限{due}已过{days}天，尚未完成整改",
        "Rectification deadline {due} passed {days} days ago; not yet rectified",
    ),
    "warning.recheck_overdue": (
        "责令整改（{ordered_on}）后应在{due}前组织复查，已逾期{days}天",
        "Re-check after the order of {ordered_on} was due by {due}; {days} days overdue",
    ),
    "warning.repeated_failures": (
        "近{months}个月抽查不合格{count}批次（{products}），最近一次不合格为{last}，距今{days}天",
        "{count} failed batches in spot checks in the last {months} months ({products}); the latest "
        "failure was on {last}, {days} days ago",
    ),
    "warning.licence_expired": (
        "许可证{licence}已于{due}过期{days}天，未见换证",
        "Licence {licence} expired on {due}, {days} days ago; no renewal on file",
    ),
    "warning.licence_expiring": (  # warned ahead of the renewal-by date (licence_rules.renewal_by)
        "工业产品生产许可证{licence}将于{due}到期（剩{days_left}天），应于{renew_by}前申请延续"
        "（有效期届满{months}个月前申请延续），还剩{renew_left}天，请督促企业及时申请",
        "Industrial production licence {licence} expires on {due} ({days_left} days left); renewal must "
        "be applied for by {renew_by} ({months} months before expiry), {renew_left} days from now: "
        "remind the enterprise to apply",
    ),
    "warning.licence_renewal_late": (
        "工业产品生产许可证{licence}将于{due}到期（剩{days_left}天），应于{renew_by}前申请延续"
        "（有效期届满{months}个月前申请延续），已过{renew_late}天，请督促企业立即申请",
        "Industrial production licence {licence} expires on {due} ({days_left} days left); renewal was "
        "due to be applied for by {renew_by} ({months} months before expiry), {renew_late} days ago: "
        "have the enterprise apply at once",
    ),
    "warning.licence_expiring_sc": (
        "食品生产许可证{licence}将于{due}到期（剩{days_left}天），应当在有效期届满30个工作日前申请延续"
        "（《食品生产许可管理办法》第三十二条）",
        "Food production licence {licence} expires on {due} ({days_left} days left); renewal is applied "
        "for 30 working days before expiry (Food Production Licensing Measures, art. 32)",
    ),
    # the quarterly report (report_queries.py)
    "report.period_not_started": (
        "报告期{period}尚未开始（自{start}起），无法生成季度报告；请选择已开始的季度",
        "The period {period} has not begun (it starts on {start}); choose a quarter that has begun",
    ),
    "warning.unvisited_high_risk": (
        "{risk_class}类企业已超过{months}个月未检查（最近一次检查为{last}）",
        "Class {risk_class} enterprise not inspected for over {months} months (last inspection {last})",
    ),
    "warning.never_visited_high_risk": (
        "{risk_class}类企业已超过{months}个月未检查（从未检查）",
        "Class {risk_class} enterprise not inspected for over {months} months (never inspected)",
    ),
    "warning.class_subject": ("{risk_class}类", "Class {risk_class}"),
    **FILE_MESSAGES,
    **ADVICE_MESSAGES,
}


_LABELS = FIELD_LABELS
_LABEL_PARAMS = ("field", "other", "kind")

Label = str | tuple[str, str]
"""A field name for a message: its Chinese wording (English looked up in `_LABELS`) or a (zh, en) pair."""


def field_label(label: Label, lang: str = "zh") -> str:
    """The field name in `lang`; a Chinese name without English stays as it is."""
    if isinstance(label, tuple):
        return label[1] if lang.startswith("en") else label[0]
    return _LABELS.get(label, label) if lang.startswith("en") else label


def message(rule: str, lang: str = "zh", **params: object) -> str:
    """Format the message for a rule key; unknown keys fall back to the key itself.

    Field names among the parameters are given in the message's language."""
    zh, en = _MESSAGES.get(rule, (rule, rule))
    english = lang.startswith("en")
    template = en if english else zh
    for name in _LABEL_PARAMS:
        value = params.get(name)
        if isinstance(value, (str, tuple)):
            params[name] = field_label(value, lang)  # type: ignore[arg-type]
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        return template
    if english and template.startswith(tuple(f"{{{n}}}" for n in _LABEL_PARAMS)):
        text = text[:1].upper() + text[1:]
    return text


def own_message(zh_en: tuple[str, str], lang: str, params: dict[str, object]) -> str:
    """A (zh, en) template of a module's own table; a (zh, en) parameter in the same language."""
    english = lang.startswith("en")
    values = {k: (v[1] if english else v[0]) if isinstance(v, tuple) else v for k, v in params.items()}
    template = zh_en[1] if english else zh_en[0]
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


@dataclass(frozen=True)
class Issue:
    """A problem with one field: which field, which rule, and the values the message needs.

    A subclass may bring its own (zh, en) templates in MESSAGES (rules of one area, kept there);
    any other rule is looked up here."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {}

    field: str
    rule: str
    params: dict[str, object] = field(default_factory=dict)
    warning: bool = False

    def text(self, lang: str = "zh") -> str:
        own = self.MESSAGES.get(self.rule)
        return own_message(own, lang, self.params) if own else message(self.rule, lang, **self.params)


class ValidationFailed(Exception):
    """Raised when a record cannot be saved; carries every field issue so forms can mark them."""

    def __init__(self, issues: list[Issue]):
        self.issues = [i for i in issues if not i.warning]
        super().__init__("; ".join(i.text("zh") for i in self.issues))

    def text(self, lang: str = "zh") -> str:
        return "；".join(i.text(lang) for i in self.issues)
