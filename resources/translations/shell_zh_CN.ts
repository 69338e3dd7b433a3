<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeletedRecordsDialog</name>
    <message>
        <location filename="../../qcdesk/ui/record_removal.py" line="+191"/>
        <source>Deleted records</source>
        <translation>已删除的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search: enterprise name, credit code or date (2026-11-02)</source>
        <translation>查找：企业名称、统一社会信用代码或日期（如 2026-11-02）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show deleted:</source>
        <translation>显示已删除的：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No deleted record matches “%1”: check the spelling, or search by part of the name, the credit code or a date.</source>
        <translation>没有与“%1”相符的已删除记录：请检查输入，或按名称的一部分、统一社会信用代码或日期查找。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing of this kind is deleted.</source>
        <translation>没有已删除的这类记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The latest deletions first (%1 shown). Select one and click Restore to bring it back; a visit comes back with the samples, findings and photos deleted with it.</source>
        <translation>最近删除的排在前面（显示 %1 条）。选中一条后点“恢复”即可找回；检查记录恢复时，随它一起删除的样品、问题和照片也一并恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Older ones are not listed: search for them by name, credit code or date.</source>
        <translation>更早删除的未列出：可按名称、统一社会信用代码或日期查找。</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Restore the visit to “%1” on %2? It was sent in a package, so the restore is recorded as a correction with its reason.</source>
        <translation>确定恢复对“%1”%2 的检查记录？它已随数据包报送，恢复将作为更正连同原因记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
</context>
<context>
    <name>DeletedRows</name>
    <message>
        <location filename="../../qcdesk/ui/list_deleted.py" line="+37"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted on %1. It cannot be opened or changed while deleted: right-click it ▸ Restore to bring it back.</source>
        <translation>已于 %1 删除，删除状态下不能打开或修改：右键 ▸ 恢复，即可将其恢复。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>, %1 of them deleted</source>
        <translation>，其中已删除 %1 条</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Show deleted</source>
        <translation>显示已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list the deleted records, greyed and marked Deleted; right-click one to restore it. Counts, the dashboard, reports and exports never include them.</source>
        <translation>同时列出已删除的记录（灰色显示，标明“已删除”），右键可恢复。统计、看板、报表和导出始终不含已删除的记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Restored: it is back on the lists, in the counts and in reports.</source>
        <translation>已恢复：它重新出现在各列表、统计和报表中。</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../qcdesk/ui/list_empty.py" line="+39"/>
        <source>The search looks in the name, credit code, products, industry, address, legal representative, contacts and their phones, licence numbers and notes.</source>
        <translation>查找范围：企业名称、统一社会信用代码、产品、行业、地址、法定代表人、联系人及其电话、许可证编号和备注。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The search looks in the enterprise (name, credit code, products, industry, address, legal representative, contacts and phones, licence numbers, notes), the findings, the sampled products, trademarks and batch numbers, and the inspectors&apos; names.</source>
        <translation>查找范围：企业（名称、统一社会信用代码、产品、行业、地址、法定代表人、联系人及电话、许可证编号、备注）、问题描述、抽样产品的名称、商标和批号，以及检查人员姓名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The search looks in the notice number, the enterprise (name, credit code, products, industry, address, legal representative, contacts and phones, licence numbers, notes) and the finding the order was made for.</source>
        <translation>查找范围：整改通知书文号、企业（名称、统一社会信用代码、产品、行业、地址、法定代表人、联系人及电话、许可证编号、备注）和下达整改所针对的问题描述。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No records match the filters or the search.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No enterprise files yet.</source>
        <translation>还没有企业档案。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click &lt;a href=&quot;new&quot;&gt;%1&lt;/a&gt; (Ctrl+N) to add one, or import your list: %2 ▸ %3</source>
        <translation>点&lt;a href=&quot;new&quot;&gt;%1&lt;/a&gt;（Ctrl+N）添加，或导入企业名录：%2 ▸ %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No inspections recorded yet.</source>
        <translation>还没有检查记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click &lt;a href=&quot;new&quot;&gt;%1&lt;/a&gt; (Ctrl+N) to record a visit.</source>
        <translation>点&lt;a href=&quot;new&quot;&gt;%1&lt;/a&gt;（Ctrl+N）记录一次检查。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No rectification orders yet.</source>
        <translation>还没有整改记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An order is issued from a failed sample or a finding in an inspection record.</source>
        <translation>整改通知在检查记录中针对不合格样品或发现的问题下达。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>New enterprise…</source>
        <translation>新建企业…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New visit…</source>
        <translation>新建检查记录…</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../../qcdesk/ui/error_box.py" line="+65"/>
        <source>(it could not be written to a file; see Show Details)</source>
        <translation>（未能写入文件，请点“显示详细信息”查看）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QCDesk ran into an error it did not expect: %1

What you saved before is safe in the database, but the last action may not have been completed: check it. If this happens again, send the details to whoever supports QCDesk; they are written to %2</source>
        <translation>QCDesk 遇到意外错误：%1

之前已保存的数据仍完好地保存在数据库中，但刚才的操作可能没有完成，请核对。如果再次出现，请把详细信息发给 QCDesk 的技术支持人员；详细信息已写入 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <location filename="../../qcdesk/ui/getting_started.py" line="+124"/>
        <source>Getting started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database is new. These steps prepare it for work; each button opens the dialog that does it.</source>
        <translation>这是一个新数据库。完成以下几步即可开始工作；每个按钮打开对应的对话框。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some steps that later work needs are not done yet; each button opens the dialog that does it.</source>
        <translation>还有几步尚未完成，以后的工作需要它们；每个按钮打开对应的对话框。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name your office: the organising body printed on notices and sampling forms.</source>
        <translation>填写本单位名称：通知书和抽样单上印的组织单位。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your office is named %1, but its notices would not be numbered %2: set the number prefixes in Preferences.</source>
        <translation>单位名称为%1，但通知书文号不是%2：请在“首选项”中设置文号前缀。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Make this computer&apos;s signing key: data packages you send are signed with it.</source>
        <translation>生成本机签名密钥：报送的数据包用它签名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the inspectors on the roster: a spot check needs at least two (%1 so far).</source>
        <translation>把执法人员录入名册：每次抽查至少需要两名（目前 %1 名）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the enterprises: import your enterprise list, or enter them one by one.</source>
        <translation>添加企业：导入企业名录，或逐个新建。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing key…</source>
        <translation>签名密钥…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector roster…</source>
        <translation>执法人员名册…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import enterprise list…</source>
        <translation>导入企业名录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New enterprise…</source>
        <translation>新建企业…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this list</source>
        <translation>不再显示</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../qcdesk/ui/labels.py" line="+26"/>
        <source>Supervision spot check</source>
        <translation>监督抽查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence follow-up</source>
        <translation>生产许可证后续监管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality assistance</source>
        <translation>质量帮扶/指导</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check</source>
        <translation>复查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special inspection</source>
        <translation>专项检查</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open</source>
        <translation>待整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report submitted</source>
        <translation>已提交整改报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting re-check</source>
        <translation>待复查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check failed</source>
        <translation>复查不合格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawn</source>
        <translation>已撤销（复检合格）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>withdrawn on %1</source>
        <translation>已于 %1 撤销</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re-test passed: withdraw</source>
        <translation>复检合格待撤销</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A (low risk)</source>
        <translation>A类（低风险）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B (lower risk)</source>
        <translation>B类（较低风险）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C (higher risk)</source>
        <translation>C类（较高风险）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D (high risk)</source>
        <translation>D类（高风险）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>中型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small</source>
        <translation>小型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Micro</source>
        <translation>微型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sealed (test and backup samples)</source>
        <translation>已封样（检验样品、备用样品）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not sealed</source>
        <translation>未封样</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Report 1 day late</source>
        <translation>报告逾期 1 天</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All unfinished</source>
        <translation>全部未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due within 7 days</source>
        <translation>7日内到期</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (whole city)</source>
        <translation>%1（全市）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (incl. %2)</source>
        <translation>%1（含%2）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Performance excellence</source>
        <translation>卓越绩效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good standardisation practice</source>
        <translation>标准化良好行为</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Re-check failed: act on it</source>
        <translation>复查不合格，待处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report %1 days late</source>
        <translation>报告逾期 %1 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 day overdue</source>
        <translation>已逾期 1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days overdue</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 day left</source>
        <translation>剩余 1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days left</source>
        <translation>剩余 %1 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-check 1 day overdue</source>
        <translation>复查已逾期 1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check %1 days overdue</source>
        <translation>复查已逾期 %1 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-check due today</source>
        <translation>今日复查到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check due in 1 day</source>
        <translation>距复查期限 1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check due in %1 days</source>
        <translation>距复查期限 %1 天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Backup and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export data package…</source>
        <translation>导出数据包(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import data package…</source>
        <translation>导入数据包(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import enterprise &amp;list…</source>
        <translation>导入企业名录(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import i&amp;nspector register…</source>
        <translation>导入执法人员名录(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import spot-check le&amp;dger…</source>
        <translation>导入抽查台账(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import recti&amp;fication ledger…</source>
        <translation>导入整改台账(&amp;G)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quarterly quality analysis report…</source>
        <translation>季度质量分析报告(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Amend…</source>
        <translation>更正(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View &amp;history…</source>
        <translation>查看历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dele&amp;ted records…</source>
        <translation>已删除的记录(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve merge &amp;conflicts…</source>
        <translation>处理合并冲突(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random &amp;draw for spot checks…</source>
        <translation>双随机抽查(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing &amp;key…</source>
        <translation>签名密钥(&amp;K)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trusted public keys…</source>
        <translation>信任的公钥(&amp;T)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Correct the selected visit, which went out in a signed package, with a reason (e.g. enter a lab result)</source>
        <translation>更正所选的已报送检查记录，并写明原因（如录入后到的检验结果）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a visit is amended: select a visit that was sent on the Visits list</source>
        <translation>只有检查记录可以更正：请在检查记录列表中选择一条已报送的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the visit to correct on the list first (only a visit that was sent)</source>
        <translation>请先在列表中选择要更正的检查记录（仅限已报送的记录）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This visit is not locked (not sent yet, or sent as a draft): open it and change it directly</source>
        <translation>该检查记录未锁定（尚未报送，或作为草稿报送）：请直接打开修改，无需更正</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not available in this version (the module is not installed).</source>
        <translation>此版本中不可用（未安装该模块）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Inspectors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industries</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certifications</source>
        <translation>认证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification orders</source>
        <translation>整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrections</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random draws</source>
        <translation>抽查摇号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demonstration zones</source>
        <translation>示范区项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recusals</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The last restore was interrupted before it changed anything: the database is as it was. Restore again if you still need that backup.</source>
        <translation>上次恢复在改动数据库之前被中断，未恢复任何内容，数据库仍是原样。如仍需要那份备份，请重新恢复。</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <location filename="../../qcdesk/ui/export_list.py" line="+42"/>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export &amp;list…</source>
        <translation>导出列表(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the rows this list shows (its filter, search and order) as an Excel workbook, with a sheet saying what was exported</source>
        <translation>把此列表显示的记录（按当前的筛选、搜索和排序）保存为 Excel 工作簿，并附一张“说明”工作表，写明导出的内容、时间和导出人</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exporting the list…</source>
        <translation>正在导出列表…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The Cancel came too late: the list was already saved to:
%1</source>
        <translation>取消得太晚：列表已经保存到：
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled; nothing was written. The workbook already there is kept as it was:
%1</source>
        <translation>已取消，未写入任何内容。原有的工作簿保持原样：
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Exported %n row(s) to:
%1</source>
        <translation>
            <numerusform>已导出 %n 条记录到：
%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../qcdesk/ui/list_pages.py" line="+62"/>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+13"/>
        <location line="+12"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Jurisdiction</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk class</source>
        <translation>风险分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main products</source>
        <translation>主要产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Inspectors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notice no.</source>
        <translation>通知书编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requirement</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+386"/>
        <source>Ordered on</source>
        <translation>下达日期</translation>
    </message>
    <message>
        <location line="-385"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Enterprises</source>
        <translation>企业档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectifications</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location line="+342"/>
        <source>Notice number, enterprise, product, finding</source>
        <translation>搜索文号、企业、产品、问题描述（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+F. Words separated by spaces must all be found, in any order.</source>
        <translation>（Ctrl+F）用空格分开的几个词须全部找到，顺序不限。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Any date</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="-117"/>
        <location line="+31"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Total: ?</source>
        <translation>共 ? 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: %1</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Name, credit code, product</source>
        <translation>搜索名称、信用代码、产品（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise, product, finding</source>
        <translation>搜索企业、产品、问题描述（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All jurisdictions</source>
        <translation>全部辖区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All risk classes</source>
        <translation>全部风险分类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Visit date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the records behind the dashboard figure</source>
        <translation>仅显示看板所选数字对应的记录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../qcdesk/ui/main_window.py" line="+297"/>
        <source>There is no list for this figure yet.</source>
        <translation>该数字暂无对应的列表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open the list</source>
        <translation>无法打开列表</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the record</source>
        <translation>无法打开记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This record type cannot be opened in this version.</source>
        <translation>此版本暂不能打开该类记录。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open or create a database</source>
        <translation>打开或新建数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QCDesk database (*.db *.sqlite);;All files (*)</source>
        <translation>QCDesk 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About QCDesk</source>
        <translation>关于 QCDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;QCDesk %1&lt;/h3&gt;&lt;p&gt;Quality improvement workbench for county product-quality inspectors in Xianning, Hubei. Works offline; data stays in one SQLite file.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QCDesk 质量提升工作台 %1&lt;/h3&gt;&lt;p&gt;供咸宁市各县（市、区）产品质量监管人员使用的离线工作台。无需联网，数据保存在一个 SQLite 文件中。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Inspector: %1</source>
        <translation>检查人员：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dashboard</source>
        <translation>监管看板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Early warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demonstration zones</source>
        <translation>示范区</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New enterprise…</source>
        <translation>新建企业(&amp;N)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;New visit…</source>
        <translation>新建检查记录(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>QCDesk Quality Improvement Workbench</source>
        <translation>QCDesk 质量提升工作台</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../qcdesk/ui/list_empty.py" line="-32"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Switch database…</source>
        <translation>切换数据库(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open selected</source>
        <translation>打开所选记录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About QCDesk</source>
        <translation>关于 QCDesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector &amp;roster…</source>
        <translation>执法人员名册(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No database is open. Open an existing QCDesk database or create a new one.</source>
        <translation>尚未打开数据库。请打开已有的 QCDesk 数据库，或新建一个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open or create a database…</source>
        <translation>打开或新建数据库…</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../qcdesk/ui/removal_reason.py" line="+31"/>
        <source>Why, e.g. entered twice, the other visit kept</source>
        <translation>原因，如：同一检查录入了两次，保留另一条</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reason (required: this visit was sent in a package; the reason goes into its history and to the offices that received it):</source>
        <translation>原因（必填：这条检查记录已随数据包报送，原因记入“修改历史”，并报送给已收到它的单位）：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the reason first: a visit already sent is deleted or restored only with one.</source>
        <translation>请先填写原因：已报送的检查记录须说明原因才能删除或恢复。</translation>
    </message>
</context>
<context>
    <name>RecordRemoval</name>
    <message>
        <location filename="../../qcdesk/ui/record_removal.py" line="-117"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted. Record ▸ Deleted records… brings it back.</source>
        <translation>已删除。如需找回，请用“记录 ▸ 已删除的记录…”恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record is already deleted (the list shows deleted records). To bring it back, right-click it ▸ Restore.</source>
        <translation>这条记录已经删除（列表正在显示已删除的记录）。如需恢复，请右键 ▸ 恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete the enterprise file “%1” (%2)?

It leaves the enterprise list, the random draw pool and the counts, and the next data package tells the offices that receive it to delete it too. Record ▸ Deleted records… brings it back.</source>
        <translation>确定删除企业档案“%1”（%2）吗？

删除后它将不再出现在企业列表、双随机抽取名录和各项统计中，下一个数据包会通知接收方也删除它。如需找回，可在“记录 ▸ 已删除的记录…”中恢复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete the visit to “%1” on %2 (%3)?

Its samples, findings and photos go with it, and the next data package tells the offices that receive it to delete it too. Record ▸ Deleted records… brings it back.</source>
        <translation>确定删除对“%1”%2 的检查记录（%3）吗？

它的样品、问题和照片一并删除，下一个数据包会通知接收方也删除它。如需找回，可在“记录 ▸ 已删除的记录…”中恢复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rectification orders are not deleted: an order is withdrawn (撤销) in its window once its sample passes a re-test, or closed by its re-check. To remove a visit saved twice, select it on the Visits list.</source>
        <translation>整改不能删除：样品复检合格后，在整改窗口中点“撤销”；或经复查后结案。如要删除重复录入的检查记录，请在“检查记录”列表中选中它。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../qcdesk/ui/settings_page.py" line="+280"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1: “%2” (yours: “%3”)</source>
        <translation>%1：“%2”（您填写的：“%3”）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changed elsewhere</source>
        <translation>已在别处修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While Preferences was open, another program changed:
%1

Save your values over them, or keep theirs?</source>
        <translation>在“首选项”打开期间，其他程序修改了：
%1

要用您填写的值覆盖，还是保留对方的值？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;mine</source>
        <translation>保存我的(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep theirs</source>
        <translation>保留对方的(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location line="-248"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation (saved in this database)</source>
        <translation>单位信息（保存在本数据库中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Office&apos;s &amp;jurisdiction:</source>
        <translation>本单位辖区(&amp;J)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organising &amp;body:</source>
        <translation>组织单位(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification &amp;notice prefix:</source>
        <translation>整改通知书文号前缀(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check notice &amp;prefix:</source>
        <translation>复查通知书文号前缀(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none: the seal is pressed on the name and date)</source>
        <translation>（不印文字：印章盖在署名和日期上）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Seal text:</source>
        <translation>印章文字(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports &amp;addressed to:</source>
        <translation>报告主送机关(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty fields use the value shown in grey.</source>
        <translation>留空则使用灰色显示的默认值。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(choose to fill in the fields below)</source>
        <translation>（选择后自动填写以下各项）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Keep these prefixes: this office numbers its documents this way</source>
        <translation>保留这些前缀：本单位文书确按此编号</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 numbers its documents %2, but they would be numbered %3. Use the bureau&apos;s prefixes, or keep these if your office numbers its documents this way.</source>
        <translation>%1的文书文号前缀为%2，而当前将编为%3。请改用该局的前缀；如本单位确按此编号，请勾选保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use %1</source>
        <translation>改用%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signer of data packages (from the signing key)</source>
        <translation>数据包签名人（来自签名密钥）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No signing key on this computer yet. Make one under Settings ▸ Signing key…: it records your name, jurisdiction and role.</source>
        <translation>本机还没有签名密钥。请在 设置 ▸ 签名密钥… 中生成：生成时登记您的姓名、辖区和角色。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>County office</source>
        <translation>县级局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City office</source>
        <translation>市级局</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signer:</source>
        <translation>签名人：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jurisdiction:</source>
        <translation>辖区：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(not recorded: entered when exporting)</source>
        <translation>（密钥未登记：导出时填写）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set when the key was made; receivers&apos; trust lists hold them, so a new name or jurisdiction needs a new key.</source>
        <translation>生成密钥时登记，接收方的信任列表据此核对；姓名或辖区变了，需要生成新的密钥。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Title (Xiaobiaosong):</source>
        <translation>标题（小标宋）：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Body text (Fangsong):</source>
        <translation>正文（仿宋）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading (Heiti):</source>
        <translation>一级标题（黑体）：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subheading (Kaiti):</source>
        <translation>二级标题（楷体）：</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../qcdesk/ui/app.py" line="+209"/>
        <source>Language changed. Windows opened before the change update when reopened.</source>
        <translation>界面语言已切换。切换前已打开的窗口重新打开后生效。</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Daily backup failed: %1</source>
        <translation>每日备份失败：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The database may be damaged</source>
        <translation>数据库可能已损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use File ▸ Backup and restore… to restore the backup named above.</source>
        <translation>请通过“文件 ▸ 备份与恢复…”恢复上面所说的备份。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Upgrading the database</source>
        <translation>升级数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upgrading the database to this version (a copy of the file is kept in the backups folder first)…</source>
        <translation>正在将数据库升级到本版本（已先在 backups 文件夹中保留原文件副本）…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The database is busy</source>
        <translation>数据库正忙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database is being written by another program (an import, for example). Wait a moment, then try again.</source>
        <translation>数据库正被其他程序写入（例如导入），请稍候再试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use File ▸ Switch database… to open another file.</source>
        <translation>请通过“文件 ▸ 切换数据库…”打开其他文件。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No inspector chosen: records you save carry no author.</source>
        <translation>未选择检查人员：保存的记录将没有录入人。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The demo data generator is not available: this is an empty database.</source>
        <translation>演示数据生成器不可用：当前为空数据库。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Building demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Building the demo database (first use only)…</source>
        <translation>正在生成演示数据库（仅首次使用时）…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demo data not built (cancelled).</source>
        <translation>已取消，未生成演示数据。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/missing_database.py" line="+23"/>
        <source>The database file does not exist: %1

It may have been moved or renamed, or its USB stick or network drive is not connected. QCDesk has not created a new, empty database in its place.</source>
        <translation>数据库文件不存在：%1

它可能已被移动、改名，或所在的U盘/网络盘未连接。QCDesk 没有在原处新建空数据库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database not found</source>
        <translation>找不到数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect the drive and click Try again, or click Open another database… to look for the file.</source>
        <translation>请连接U盘/网络盘后点“重试”，或点“打开其他数据库…”找到该文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open another database…</source>
        <translation>打开其他数据库…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../qcdesk/ui/workers.py" line="+226"/>
        <source>QCDesk is finishing a background task on this database (such as updating the risk classes or an import). Wait a moment and save again. If this keeps happening, another program may be writing to the database: close it.</source>
        <translation>QCDesk 正在这个数据库上完成一项后台任务（例如更新风险分级或导入），请稍等片刻再保存一次。若一直如此，可能有其他程序在写入该数据库，请关闭它。</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
