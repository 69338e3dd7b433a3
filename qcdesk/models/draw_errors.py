"""The draw's refusals (DrawError) and the texts of its newer rules, in zh and en.

messages.py holds the older draw texts; a rule named here is read from here first.
"""

from __future__ import annotations

from qcdesk.models.messages import message

_MESSAGES: dict[str, tuple[str, str]] = {
    "draw.operator_required": (
        "请填写操作人（主持本次抽取的人员），公开抽取须记录操作人",
        "Enter the operator (the person who ran the draw): a public draw records them"),
    "draw.witness_required": (
        "请至少填写一名见证人（操作人以外的人员），公开抽取须有见证",
        "Enter at least one witness other than the operator: a public draw is witnessed"),
    "draw.name_long": (
        "{who}“{name}…”过长（{length} 个字）：每人最多 {limit} 个字，只填姓名，多名见证人用逗号分隔",
        "The {who_en} “{name}…” is {length} characters long, at most {limit} a person: enter names "
        "only, witnesses separated by commas"),
    "draw.already_committed": (
        "同一抽取（种子、范围、比例、日期均相同）已于 {committed_at} 确认，抽取记录 {record}"
        "（操作人：{operator}），不能重复确认；如需核对，请验证该记录",
        "This draw (same seed, scope, ratios and date) was already committed on {committed_at} as draw "
        "record {record} (operator: {operator}); it cannot be committed again — verify that record instead"),
    "draw.planned_since_preview": (
        "预览之后，以下企业已有计划抽查：{items}；请重新预览",
        "Since the preview these enterprises got a planned spot check: {items}; preview again"),
    "draw.too_few_inspectors": (
        "企业“{enterprise}”回避后可派执法人员不足{team}名"
        "（在岗 {active} 名，回避 {recused} 名，剩 {eligible} 名）",
        "Fewer than {team} inspectors can go to “{enterprise}” after recusals "
        "({active} active, {recused} recused, {eligible} left)"),
    "draw.too_few_active": (
        "抽取范围内在岗执法人员只有 {active} 名，每家企业须派 {team} 名；请在执法人员名录中启用或添加人员",
        "Only {active} active inspectors in the draw's area, and each enterprise needs {team}; "
        "activate or add inspectors in the roster"),
    "draw.industry_unknown": (
        "未知的行业“{industry}”；现有行业：{known}",
        "Unknown industry “{industry}”; the industries are: {known}"),
    "draw.industry_none": (
        "未知的行业“{industry}”；数据库中还没有任何行业",
        "Unknown industry “{industry}”; the database has no industries yet"),
    "draw.pool_no_enterprises": (
        "抽取池为空：数据库中还没有企业，请先录入或导入企业名录",
        "The pool is empty: the database has no enterprises yet; enter or import the register first"),
    "draw.pool_no_scope": (
        "抽取池为空：{scope}没有企业",
        "The pool is empty: {scope} has no enterprises"),
    "draw.pool_no_product": (
        "抽取池为空：{scope}没有生产“{product}”的企业（按主要产品、行业和以往抽样的产品名称查找）",
        "The pool is empty: no enterprise in {scope} makes “{product}” "
        "(looked up in main products, industry and the product names of earlier samples)"),
    "draw.pool_all_excluded": (
        "抽取池为空：{scope}符合条件的 {candidates} 家企业都不参加（{months}个月内{what}的 {recent} 家，"
        "已有计划抽查的 {planned} 家）",
        "The pool is empty: all {candidates} enterprises of {scope} are left out ({recent} {what_en} "
        "within {months} months, {planned} with a spot check already planned)"),
    "draw.pool_all_excluded_closed": (  # rule 4: some are out of business by their orders
        "抽取池为空：{scope}符合条件的 {candidates} 家企业都不参加（{months}个月内{what}的 {recent} 家，"
        "已有计划抽查的 {planned} 家，停业整顿或吊销营业执照的 {escalated} 家）",
        "The pool is empty: all {candidates} enterprises of {scope} are left out ({recent} {what_en} "
        "within {months} months, {planned} with a spot check already planned, {escalated} suspended "
        "or with their business licence revoked)"),
    "draw.nothing_drawn": (
        "抽中 0 家：抽取池 {pool} 家，但池中各风险类别的抽取比例都为 0",
        "Nothing drawn: the pool holds {pool} enterprises, but the ratio of each class in it is 0"),
    "draw.prefix_ambiguous": (
        "有多条抽取记录以 {key} 开头：{items}；请多写几位",
        "Several draw records start with {key}: {items}; give more characters"),
    "draw.key_too_short": (
        "抽取记录请写 uuid 或只属于它的前几位（至少 4 位）：“{key}”太短；记录序号不能用来指明抽取记录",
        "Give the draw record's uuid or a prefix of 4+ characters only it has: “{key}” is too short; "
        "record numbers do not name draw records"),
    "draw.product_blank": (
        "拟抽查产品为空白：请写产品名称；要从全部企业中抽取，请不要指定产品",
        "The product is blank: enter a product name, or give none to draw from all enterprises"),
    "draw.verify.snapshot_size": (
        "记录中的抽取池家数（{size} 家）与保存的抽取池快照（{snapshot} 家）不符（记录被改动）",
        "The record's pool size ({size}) does not match its stored pool snapshot ({snapshot}) "
        "(the record was altered)"),
    "draw.verify.consistent": (
        "一致：抽取记录 {record} 按保存的抽取池和种子重新抽取，结果与记录相同"
        "（抽取池哈希相符，抽中 {count} 家）",
        "Consistent: draw record {record} re-drawn from its stored pool and seed gives the stored "
        "result (pool hash matches, {count} drawn)"),
    "draw.verify.notes_heading": (
        "与本库当前名录的差异（供参考，不影响结论；抽取后新增、导入或修改的企业、执法人员和抽查记录都会造成差异）：",
        "Differences from this database's current register (for information, they do not change the "
        "verdict; enterprises, inspectors and visits added, imported or changed since the draw cause them):"),
    "draw.verify.register_pool": (
        "按本库当前名录重建的抽取池与抽取时不同：{diff}",
        "The pool rebuilt from this database differs from the one drawn from: {diff}"),
    "draw.verify.register_rerun": (
        "在本库当前名录上重新抽取会得到不同结果：{diff}",
        "Re-drawn from this database's register, the result would differ: {diff}"),
    "draw.verify.register_failed": (
        "在本库当前名录上无法重新抽取：{reason}",
        "Cannot re-draw from this database's register: {reason}"),
    "draw.date_too_late": (  # draw_dates.py
        "抽取日期 {day} 比今天（{today}）晚，且晚于下一季度末（{latest}）：双随机抽查按季度或年度计划，"
        "最多提前抽取下一季度的名单（抽取日期写该季度的第一天即可）。请核对年份",
        "The draw date {day} is after the end of next quarter ({latest}; today is {today}): random "
        "checks are planned by quarter or year, and at most next quarter's list is drawn ahead (date "
        "it that quarter's first day). Check the year"),
    "draw.date_too_early": (
        "抽取日期 {day} 比今天（{today}）早一年以上（最早 {earliest}）："
        "抽取按这一天的企业名录和风险分类进行，抽中的检查也计划在这一天，"
        "这么早的日期多是年份写错；已保存的抽取请用“验证”核对，不必重新抽取。请核对年份",
        "The draw date {day} is more than a year before today ({today}; the earliest is {earliest}): "
        "the pool is taken and the checks are planned as on that day, so a date this old is usually a "
        "mistyped year; a stored draw is checked with Verify, not drawn again. Check the year"),
    "draw.industry_blank": (
        "行业为空白：请写行业名称；要从全部行业中抽取，请不要指定行业",
        "The industry is blank: enter an industry, or give none to draw from all industries"),
}


def draw_message(rule: str, lang: str = "zh", **params: object) -> str:
    """A draw rule's text in `lang`: the rules above, else messages.py's."""
    zh_en = _MESSAGES.get(rule)
    if zh_en is None:
        return message(rule, lang, **params)
    return (zh_en[1] if lang.startswith("en") else zh_en[0]).format(**params)


class DrawError(Exception):
    """The draw cannot be made or a recusal saved; `text(lang)` says why in the user's language.

    `str()` stays Chinese: the CLI prints it, and a verification report quotes it.
    """

    def __init__(self, rule: str, **params: object):
        self.rule, self.params = rule, params
        super().__init__(draw_message(rule, "zh", **params))

    def text(self, lang: str = "zh") -> str:
        return draw_message(self.rule, lang, **self.params)
