<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictNote</name>
    <message numerus="yes">
        <location filename="../../qcdesk/ui/dashboard_widgets.py" line="+401"/>
        <source>%n record(s) have unresolved merge conflicts; the figures below count this computer&apos;s version.</source>
        <translation>
            <numerusform>%n条记录存在未处理的合并冲突，以下数字按本机版本统计。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve merge conflicts…</source>
        <translation>处理合并冲突…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../qcdesk/ui/dashboard.py" line="+246"/>
        <location line="+51"/>
        <source>Quality improvement dashboard — %1</source>
        <translation>质量提升工作台 — %1</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+51"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+51"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+51"/>
        <source>This year</source>
        <translation>本年度</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+42"/>
        <source>Spot-check pass rate %1</source>
        <translation>监督抽查合格率 %1</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard_rates.py" line="+24"/>
        <source>No results yet · %1: %2 (%3 passed of %4)</source>
        <translation>尚无检验结果 · %1：%2（合格 %3 批次 / 检验 %4 批次）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 passed of %2 tested · target ≥ %3</source>
        <translation>合格 %1 批次 / 检验 %2 批次 · 目标 ≥ %3</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard.py" line="-38"/>
        <location line="+92"/>
        <source>Enterprises in quality improvement</source>
        <translation>参与质量提升企业</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>target: %1 enterprises</source>
        <translation>目标：%1 家</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+92"/>
        <source>National demonstration zones/projects</source>
        <translation>国家级质量提升示范区（项目）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of them look duplicated (see Early warnings): %2 without them</source>
        <translation>其中 %1 个疑似重复（见预警），不计重复为 %2 个</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+44"/>
        <source>Open rectifications</source>
        <translation>未结整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not yet closed</source>
        <translation>尚未完成</translation>
    </message>
    <message>
        <location line="-45"/>
        <location line="+47"/>
        <source>Overdue rectifications</source>
        <translation>逾期整改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>past the deadline</source>
        <translation>已过整改期限</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard_recheck.py" line="+29"/>
        <source>within the %1-day limit</source>
        <translation>在 %1 日期限内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>more than %1 days after the correction deadline</source>
        <translation>已超过整改期限届满后 %1 日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>within %1 days after the correction deadline</source>
        <translation>在整改期限届满后 %1 日内</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2</source>
        <translation>%1 项%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The enterprise is late: no report by the correction deadline, or a report after it on an order not yet settled. Orders reported on time count under the re-check tiles.</source>
        <translation>企业逾期：整改期限届满仍未提交整改报告，或逾期提交报告且整改尚未办结。按期提交报告的，计入“期限内未复查”或“复查逾期”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orders reported by the correction deadline (or taken to re-check), not re-checked yet, the re-check limit not passed. Orders the enterprise is late on count under Overdue rectifications.</source>
        <translation>企业已按期提交整改报告（或已转入复查）、尚未复查且未过复查期限的整改。企业逾期的计入“逾期整改”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Orders reported by the correction deadline (or taken to re-check) whose re-check is past its limit. Orders the enterprise is late on count under Overdue rectifications, not here.</source>
        <translation>企业已按期提交整改报告（或已转入复查），但复查期限已过仍未复查的整改。企业逾期的计入“逾期整改”，不在此重复计数。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard.py" line="-45"/>
        <location line="+53"/>
        <source>Re-checks overdue</source>
        <translation>复查逾期</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard_recheck.py" line="-32"/>
        <source>past the %1-day limit</source>
        <translation>已超过 %1 日期限</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard.py" line="-52"/>
        <location line="+59"/>
        <source>Licences expiring</source>
        <translation>许可证即将到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XK within %1 months · SC within %2 days</source>
        <translation>工业产品%1个月内 · 食品%2日内</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+61"/>
        <source>Licences expired</source>
        <translation>许可证已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not renewed</source>
        <translation>未见换证</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+85"/>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+64"/>
        <location line="+2"/>
        <source>Early warnings</source>
        <translation>风险预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need action</source>
        <translation>需要处置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lower risk</source>
        <translation>较低风险</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>higher risk</source>
        <translation>较高风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>high risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <location line="+50"/>
        <source> (none yet this quarter: %1)</source>
        <translation>（本季度尚无检验结果，此为%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (none yet this year: %1)</source>
        <translation>（本年度尚无检验结果，此为%1）</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Spot-check pass rate by jurisdiction</source>
        <translation>各县市区监督抽查合格率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spot-check pass rate by industry (ten largest)</source>
        <translation>各行业监督抽查合格率（样品最多的十个行业）</translation>
    </message>
    <message>
        <location line="-115"/>
        <location line="+71"/>
        <source>Risk class %1</source>
        <translation>风险分类 %1 类</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+51"/>
        <source>Not re-checked, within the limit</source>
        <translation>期限内未复查</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>in this area · city-wide %1 / target %2 enterprises</source>
        <translation>本辖区 · 全市 %1 / 目标 %2 家</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>accepted in this area; city-wide %1 / target %2–%3 · being built or applied for %6 · provincial accepted %4 · city-level accepted %5</source>
        <translation>本辖区已验收；全市已验收 %1 / 目标 %2～%3 个 · 创建中或申报中 %6 · 省级已验收 %4 · 市级已验收 %5</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>accepted; target %1–%2 · being built or applied for %5 · provincial accepted %3 · city-level accepted %4</source>
        <translation>已验收；目标 %1～%2 个 · 创建中或申报中 %5 · 省级已验收 %3 · 市级已验收 %4</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Spot-check pass rate by industry (ten largest; none yet this quarter: %1)</source>
        <translation>各行业监督抽查合格率（样品最多的十个行业；本季度尚无检验结果，此为%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spot-check pass rate by industry (ten largest; none yet this year: %1)</source>
        <translation>各行业监督抽查合格率（样品最多的十个行业；本年度尚无检验结果，此为%1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demonstration zones and projects: progress</source>
        <translation>示范区（项目）创建进度</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(none)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No demonstration zones or projects recorded yet.</source>
        <translation>尚未登记示范区或示范项目。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/dashboard_risk.py" line="+170"/>
        <source>Risk classes are waiting for another program to finish writing to the database (an import, for example); they are filled in when it has finished.</source>
        <translation>风险分类正在等待其他程序完成写入（例如导入）；写入完成后将自动显示。</translation>
    </message>
</context>
<context>
    <name>Draw</name>
    <message>
        <location filename="../../qcdesk/ui/draw_dialog.py" line="+79"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <location line="+28"/>
        <source>Random draw of enterprises and inspectors</source>
        <translation>双随机抽取（检查对象与执法人员）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All jurisdictions</source>
        <translation>全部县市区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional: product to be checked</source>
        <translation>可选：拟抽查产品</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Share drawn, risk class %1</source>
        <translation>%1类风险企业抽取比例</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The pool is taken as on this day (risk classes, checks of the 6 months before it) and the drawn spot checks are planned for it</source>
        <translation>按这一天确定抽取池（当日的风险分类、此前6个月内的抽查），抽中企业的抽查也计划在这一天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>announced before the draw, e.g. date and lottery number</source>
        <translation>抽取前公开，例如日期加当期彩票号码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>names separated by commas</source>
        <translation>多人用逗号或顿号分隔</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Commit and plan visits</source>
        <translation>确认抽取并生成检查计划(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No saved draws yet: committed or imported draws appear here</source>
        <translation>尚无已保存的抽取：确认抽取或导入数据包后列在这里</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify stored draw</source>
        <translation>复核已保存的抽取(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export for publication…</source>
        <translation>导出公示表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprises drawn, product, checking office, date and result as a spreadsheet fit to publish: no risk class, inspectors or notes</source>
        <translation>把抽中的企业、产品、检查机关、检查日期和检查结果导出为可公开的表格：不含风险分类、执法人员和备注</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Jurisdiction:</source>
        <translation>行政区划：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry:</source>
        <translation>行业：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product:</source>
        <translation>产品：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share drawn per risk class:</source>
        <translation>各风险类别抽取比例：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw date:</source>
        <translation>抽取日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator:</source>
        <translation>操作人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witnesses:</source>
        <translation>见证人：</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Export for publication</source>
        <translation>导出公示表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported %1 rows for publication to %2 (no risk class, inspectors or notes).</source>
        <translation>已导出公示表 %2，共 %1 条（不含风险分类、执法人员和备注）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Draw %1 is NOT consistent:</source>
        <translation>抽取记录 %1 不一致：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw %1 is consistent: re-drawn from its stored pool and seed, it gives the stored result (same pool hash and selection).</source>
        <translation>抽取记录 %1 一致：按保存的抽取池和种子重新抽取，结果与记录相同（抽取池哈希与抽中结果相同）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differences from this database&apos;s current register (for information, they do not change the verdict):</source>
        <translation>与本库当前名录的差异（供参考，不影响结论）：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot draw: the ratio for class %1 must be a decimal from 0 to 1, e.g. 0.05 for 5%.</source>
        <translation>无法抽取：%1 类的抽取比例应为 0 到 1 之间的小数，例如 5% 填 0.05。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot draw: %1</source>
        <translation>无法抽取：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pool: %1 enterprises (%2 left out: checked within %3 months), %4 inspectors. Drawn: %5. Pool SHA-256: %6</source>
        <translation>抽取池：%1 家企业（%3 个月内已检查的 %2 家不参加），执法人员 %4 名。抽中：%5 家。抽取池 SHA-256：%6</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 includes %2: their enterprises and inspectors are in the pool.</source>
        <translation>%1含%2：其企业和执法人员都在抽取范围内。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Left out, %1 suspended or with their business licence revoked: %2</source>
        <translation>停业整顿或吊销营业执照的 %1 家不参加：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> … and %1 more</source>
        <translation> …… 另有 %1 家</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out for a recent check: %1</source>
        <translation>因近期抽查不参加：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also left out, %1 with a spot check already planned: %2</source>
        <translation>另有 %1 家已有计划抽查，不参加：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seed tidied: drawn with “%1” (typed “%2”: full-width characters made half-width, runs of spaces made one, spaces at the ends removed). Announce and verify the draw with “%1”.</source>
        <translation>随机种子已整理：按“%1”抽取（输入为“%2”：全角改为半角，连续空白并为一个空格，去掉首尾空白）。公示和复核请用“%1”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This draw (same seed, scope, ratios and date) was already committed on %1 as draw record %2 (operator: %3); its selection is shown below. It cannot be committed again: use Verify stored draw to re-run it.</source>
        <translation>同一抽取（种子、范围、比例、日期均相同）已于 %1 确认，抽取记录 %2（操作人：%3），抽中结果如下。不能再次确认；如需核对，请用“复核已保存的抽取”重新抽取比对。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>That draw&apos;s seed is written “%1”, not “%2”, so it drew other enterprises than “%2” would: the selection below is the committed one.</source>
        <translation>该记录的随机种子写作“%1”，不是“%2”，抽中的企业与按“%2”抽取的不同：下面是已确认的结果。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Draw not committed</source>
        <translation>未确认抽取</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stored as draw record %1; %2 visits planned.</source>
        <translation>已保存为抽取记录 %1，并生成 %2 条计划检查。</translation>
    </message>
</context>
<context>
    <name>PassRateChart</name>
    <message>
        <location filename="../../qcdesk/ui/dashboard_widgets.py" line="-128"/>
        <source>, </source>
        <comment>between the bars read out</comment>
        <translation>，</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (target %2): %3</source>
        <translation>%1（目标%2）：%3</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2 passed of %3 tested, pass rate %4
%5</source>
        <translation>%1：检验 %3 批次，合格 %2 批次，合格率 %4
%5</translation>
    </message>
</context>
<context>
    <name>ScopeChooser</name>
    <message>
        <location filename="../../qcdesk/ui/dashboard_scope.py" line="+120"/>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This office&apos;s jurisdiction is not recorded on this computer (no signing key, no organising body under Settings), so the figures are for the whole city, every county&apos;s data in this database. Choose your jurisdiction under Scope.</source>
        <translation>本机尚未记录本单位的辖区（没有签名密钥，首选项中也未填写本单位名称），所以以下是全市的数字，即本数据库中各县市区的数据。请在“范围”中选择本单位的辖区。</translation>
    </message>
</context>
<context>
    <name>Warnings</name>
    <message>
        <location filename="../../qcdesk/ui/warnings_page.py" line="+64"/>
        <source>Re-test passed: withdraw</source>
        <translation>复检合格待撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification overdue</source>
        <translation>整改逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check overdue</source>
        <translation>复查逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate notice number</source>
        <translation>文号重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate demonstration zone</source>
        <translation>示范区（项目）疑似重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate credit code</source>
        <translation>信用代码重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit dated after today</source>
        <translation>检查日期晚于今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeated failures</source>
        <translation>多次抽查不合格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence expired</source>
        <translation>许可证已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence expiring</source>
        <translation>许可证即将到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class C/D not visited</source>
        <translation>C/D类企业长期未检查</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Warning</source>
        <translation>预警类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>相关事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>预警原因</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 day ago</source>
        <translation>已过1天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days ago</source>
        <translation>已过%1天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ago</source>
        <translation>已过%1天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 day left</source>
        <translation>剩余1天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days left</source>
        <translation>剩余%1天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 left</source>
        <translation>剩余%1天</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <location line="+119"/>
        <source>All warnings</source>
        <translation>全部预警</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All jurisdictions</source>
        <translation>全部辖区</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Class C/D enterprises not visited are not listed yet: another program is writing to the database (an import, for example). They are added when it has finished.</source>
        <translation>“C/D类企业长期未检查”预警暂未列出：其他程序正在写入数据库（例如导入）。写入结束后会自动补上。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class C/D enterprises not visited are not listed: %1</source>
        <translation>“C/D类企业长期未检查”预警未能列出：%1</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 warnings</source>
        <translation>共 %1 条预警</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select a warning to read its reason in full here.</source>
        <translation>选中一条预警，可在此查看完整的预警原因。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+8"/>
        <source>Save warnings</source>
        <translation>保存预警清单</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ZoneDialog</name>
    <message>
        <location filename="../../qcdesk/ui/zones_page.py" line="+177"/>
        <source>Demonstration zone or project</source>
        <translation>示范区或示范项目</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enterprise name…</source>
        <translation>企业名称…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add member</source>
        <translation>添加成员企业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove member</source>
        <translation>移除成员企业</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Milestone</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Planned date</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. %1</source>
        <translation>例：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the date as year-month-day, %1</source>
        <translation>日期按“年-月-日”填写，%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(not reached yet)</source>
        <translation>（尚未完成）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add milestone</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove milestone</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction:</source>
        <translation>行政区划：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead industry:</source>
        <translation>主导产业：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+108"/>
        <source>Member enterprises</source>
        <translation>成员企业</translation>
    </message>
    <message>
        <location line="-105"/>
        <location line="+105"/>
        <source>Milestones</source>
        <translation>创建节点</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+103"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ZoneRemoval</name>
    <message>
        <location filename="../../qcdesk/ui/zone_removal.py" line="+29"/>
        <source>Delete “%1”? Its list of %2 member enterprise(s) and %3 milestone(s) go with it; the enterprises themselves stay in the register. To bring it back, click Restore deleted… on this page.</source>
        <translation>删除“%1”？它的成员企业名单（%2 家）和 %3 个节点随之删除；企业本身仍保留在企业名录中。如需找回，请点本页的“恢复已删除的…”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete zone or project</source>
        <translation>删除示范区/项目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Restore a deleted zone or project</source>
        <translation>恢复已删除的示范区/项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No zone or project has been deleted.</source>
        <translation>没有已删除的示范区或示范项目。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (deleted %2)</source>
        <translation>%1（删除于 %2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted, the latest first. Choose the one to bring back:</source>
        <translation>已删除的（最近删除的在前）。请选择要恢复的一项：</translation>
    </message>
</context>
<context>
    <name>Zones</name>
    <message>
        <location filename="../../qcdesk/ui/zones_page.py" line="-271"/>
        <source>Demonstration zone</source>
        <translation>示范区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demonstration project</source>
        <translation>示范项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>National</source>
        <translation>国家级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applying</source>
        <translation>申报/筹建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being built</source>
        <translation>创建中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead industry</source>
        <translation>主导产业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>成员企业数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ZonesPage</name>
    <message>
        <location line="+269"/>
        <source>All jurisdictions</source>
        <translation>全部辖区</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;New zone or project…</source>
        <translation>新建示范区/项目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore deleted…</source>
        <translation>恢复已删除的(&amp;R)…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 shown · national, accepted: %2 (target 5–10); being built or applied for: %3</source>
        <translation>显示 %1 个 · 已验收的国家级：%2 个（目标 5～10 个）；创建中或申报中：%3 个</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>; %1 of the accepted national ones look duplicated (see Early warnings)</source>
        <translation>；已验收的国家级中有 %1 个疑似重复（见预警）</translation>
    </message>
</context>
</TS>
