<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmendMode</name>
    <message>
        <location filename="../../qcdesk/ui/visit_amend.py" line="+54"/>
        <source>This visit went out in the signed package %1 and can no longer be changed here. Use Amend… to correct it with a reason (a lab result that came later is entered the same way).</source>
        <translation>这条检查记录已随签名数据包 %1 发出，不能在此直接修改；如需更正，请点“更正…”并说明原因（后来才出的检验结果也这样录入）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This visit is locked: it went out in a signed package. Use Amend… to correct its inspectors.</source>
        <translation>此检查记录已随签名数据包发出，已锁定。如需修改执法人员，请使用“更正”。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Amend…</source>
        <translation>更正(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct this sent visit, with a reason (e.g. enter a lab result)</source>
        <translation>更正这条已发出的检查记录，须说明原因（如录入检验结果）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;History…</source>
        <translation>修改历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every change of this visit, amendments with their reasons</source>
        <translation>这条检查记录的全部修改，含各次更正及其原因</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Amending: change what needs correcting, then save. You will be asked for the reason; the visit stays locked and its history keeps the old values.</source>
        <translation>正在更正：修改需要更正的内容后保存，保存时须填写更正原因；检查记录仍保持锁定，修改历史保留原来的值。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Nothing was changed: correct a field first, then save.</source>
        <translation>没有任何改动：请先修改需要更正的内容，再保存。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not amended; your changes are still here.</source>
        <translation>未更正；您所做的修改仍保留在窗口中。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Amendment saved: %1 field(s) corrected; the visit stays locked.</source>
        <translation>已保存更正：更正了 %1 项；检查记录仍保持锁定。</translation>
    </message>
</context>
<context>
    <name>DateText</name>
    <message>
        <location filename="../../qcdesk/ui/date_text.py" line="+41"/>
        <source>there is no month %1: the month must be 1–12</source>
        <translation>没有%1月：月份应在1至12之间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>month %2 of %1 has no day %3: it has only %4 days</source>
        <translation>%2月没有%3日（%1年%2月只有%4天）</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../qcdesk/ui/draft_keeper.py" line="+50"/>
        <source>Unsaved changes from %1 were found: QCDesk closed before they were saved.</source>
        <translation>发现上次未保存的内容（%1）：QCDesk 在保存之前关闭了。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore them, or discard them?</source>
        <translation>恢复这些内容，还是丢弃？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record has been changed elsewhere since then: saving will show both changes to choose from.</source>
        <translation>此后这条记录已在别处修改：保存时会列出双方的修改，由您选择。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsaved changes found</source>
        <translation>发现未保存的内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+16"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Discard what you typed?</source>
        <translation>丢弃已输入的内容？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed here has not been saved. Discard it?</source>
        <translation>此处输入的内容尚未保存。要丢弃吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
</context>
<context>
    <name>DraftsButton</name>
    <message>
        <location filename="../../qcdesk/ui/draft_notice.py" line="+51"/>
        <source>Typing not saved when QCDesk last closed: open a record to restore or discard it</source>
        <translation>QCDesk 上次关闭时未保存的输入：打开记录即可恢复或丢弃</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unsaved drafts: %1</source>
        <translation>%1份未保存的草稿</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No unsaved drafts</source>
        <translation>没有未保存的草稿</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Enterprise file</source>
        <translation>企业档案</translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <location filename="../../qcdesk/ui/forms.py" line="+225"/>
        <location line="+138"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Do&amp;n&apos;t save</source>
        <translation>不保存(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and cl&amp;ose</source>
        <translation>保存并关闭(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>This record has not been saved yet.</source>
        <translation>此记录尚未保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record has unsaved changes; the document shows only what is saved.</source>
        <translation>此记录有未保存的修改；文书只显示已保存的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save first?</source>
        <translation>先保存？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save now?</source>
        <translation>现在保存吗？</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was saved; your changes are still here.
%1</source>
        <translation>没有保存任何内容，您的修改仍保留在窗口中。
%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes before closing?</source>
        <translation>关闭前是否保存所做的修改？</translation>
    </message>
</context>
<context>
    <name>EnterpriseEditor</name>
    <message>
        <location filename="../../qcdesk/ui/enterprise_editor.py" line="+112"/>
        <source>18 characters, e.g. 91421281MA4KL5FE07</source>
        <translation>18位，例如 91421281MA4KL5FE07</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(not set)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Takes part in quality &amp;improvement</source>
        <translation>参与质量提升活动(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Demonstration enterprise</source>
        <translation>质量提升示范企业(&amp;D)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>A&amp;bove designated size (规上)</source>
        <translation>规模以上企业（规上）(&amp;B)</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Choose the jurisdiction</source>
        <translation>请选择所属辖区</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Credit code (&amp;USCC):</source>
        <translation>统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>企业名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jurisdiction:</source>
        <translation>所属辖区(&amp;J)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indus&amp;try:</source>
        <translation>所属行业(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main &amp;products:</source>
        <translation>主要产品(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise si&amp;ze:</source>
        <translation>企业规模(&amp;Z)：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Licence number</source>
        <translation>许可证编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Add licence</source>
        <translation>添加许可证(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove licence</source>
        <translation>删除许可证(&amp;R)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Industrial products: XK + 2-3-5 digits, e.g. XK06-001-00127, optionally with (鄂); food: SC + 14 digits. Checked as you type.</source>
        <translation>工业产品生产许可证：XK＋两位数字-三位数字-五位数字，如 XK06-001-00127，可带“(鄂)”；食品生产许可证：SC＋14位数字。输入时即时校验。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Certifications:</source>
        <translation>认证情况：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal &amp;representative:</source>
        <translation>法定代表人(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact p&amp;erson:</source>
        <translation>联系人(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;hone:</source>
        <translation>联系电话(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A removed contact&apos;s name, role and phone are cleared when you save. The change history keeps the old values, as the law requires for enforcement records, and copies already sent to the county or city stay there.</source>
        <translation>保存时将清除已删除联系人的姓名、职务和电话。修改历史仍保留原来的信息（执法记录依法须保留），已报送县局、市局的副本也仍留在那里。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Other contacts:</source>
        <translation>其他联系人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No&amp;tes:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Certi&amp;fications and contacts</source>
        <translation>认证与联系人(&amp;F)</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>Choose the jurisdiction: the county or district the enterprise is in (咸宁市 only for an enterprise filed at city level).</source>
        <translation>请选择所属辖区：企业在哪个县（市、区）就选哪个（只有在市本级建档的企业才选咸宁市）。</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>&amp;General</source>
        <translation>基本情况(&amp;G)</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Issued on</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expires on</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&amp;Add contact</source>
        <translation>添加联系人(&amp;A)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Licences</source>
        <translation>许可证(&amp;L)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enterprise file — %1</source>
        <translation>企业档案 — %1</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/draft_notice.py" line="+1"/>
        <location filename="../../qcdesk/ui/enterprise_editor.py" line="+1"/>
        <source>New enterprise file</source>
        <translation>新建企业档案</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/enterprise_editor.py" line="+144"/>
        <location line="+84"/>
        <source>Row %1: </source>
        <translation>第%1行：</translation>
    </message>
</context>
<context>
    <name>EnterprisePage</name>
    <message>
        <location filename="../../qcdesk/ui/enterprise_page.py" line="+127"/>
        <source>&amp;Edit file</source>
        <translation>编辑档案(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New visit</source>
        <translation>新建检查(&amp;N)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jurisdiction:</source>
        <translation>所属辖区：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry:</source>
        <translation>所属行业：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Main products:</source>
        <translation>主要产品：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status:</source>
        <translation>企业标识：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certifications:</source>
        <translation>认证情况：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licences:</source>
        <translation>许可证：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <location line="-82"/>
        <location line="+83"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Requirement</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Legal representative:</source>
        <translation>法定代表人：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ordered</source>
        <translation>下达日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visits (Enter or double-click to open)</source>
        <translation>检查记录（回车或双击打开）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open rectification orders</source>
        <translation>未完成的整改</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enterprise not found</source>
        <translation>未找到该企业</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>above designated size</source>
        <translation>规上企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in the quality improvement programme</source>
        <translation>参与质量提升活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>demonstration enterprise</source>
        <translation>示范企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (expires %1)</source>
        <translation>（有效期至 %1）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Risk class: not assessed</source>
        <translation>风险分类：未评定</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+1"/>
        <source>Risk class: %1 (%2)</source>
        <translation>风险分类：%1（%2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Why this class:</source>
        <translation>分类依据：</translation>
    </message>
</context>
<context>
    <name>EnterprisePicker</name>
    <message>
        <location filename="../../qcdesk/ui/enterprise_picker.py" line="+42"/>
        <source>type part of the name or credit code</source>
        <translation>输入企业名称或统一社会信用代码的一部分</translation>
    </message>
</context>
<context>
    <name>FindingsTab</name>
    <message>
        <location filename="../../qcdesk/ui/findings_tab.py" line="+61"/>
        <source>Remove finding</source>
        <translation>删除问题</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Major</source>
        <translation>较重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 《产品质量法》第十三条</source>
        <translation>例如 《产品质量法》第十三条</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Description:</source>
        <translation>问题描述(&amp;D)：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Removes the selected photo (a saved photo is removed when the visit is saved)</source>
        <translation>删除所选照片（已保存的照片在保存检查记录时删除）</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>Adding photos was cancelled: no photo was added.</source>
        <translation>已取消添加照片：没有添加任何照片。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Select a photo first.</source>
        <translation>请先选择一张照片。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove the saved photo “%1” from this finding? It is removed when the visit is saved.</source>
        <translation>从此问题中删除已保存的照片“%1”？保存检查记录时删除。</translation>
    </message>
    <message>
        <location line="-276"/>
        <source>&amp;Add finding</source>
        <translation>添加问题(&amp;A)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Quality management system</source>
        <translation>质量管理制度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incoming material checks</source>
        <translation>原材料进货查验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production process control</source>
        <translation>生产过程控制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Factory inspection</source>
        <translation>出厂检验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labelling and marking</source>
        <translation>标签标识</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Measuring instruments</source>
        <translation>计量器具</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production licence conditions</source>
        <translation>生产许可条件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cate&amp;gory:</source>
        <translation>问题类别(&amp;G)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severit&amp;y:</source>
        <translation>严重程度(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Basis:</source>
        <translation>依据(&amp;B)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photos are kept exactly as they are and sent with the data packages, including when and where they were taken (time and GPS position); do not add photos unrelated to the inspection.</source>
        <translation>照片按原样保存并随数据包报送，包括拍摄时间和位置信息；请勿添加与检查无关的照片</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+221"/>
        <location line="+5"/>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location line="-217"/>
        <source>Finding</source>
        <translation>检查发现的问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(new finding)</source>
        <translation>（新问题）</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>No preview</source>
        <translation>无法预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
This photo is too large to preview here. Double-click it to open it in the image viewer.</source>
        <translation>%1
此照片像素过多，无法在此预览。双击可用看图软件打开。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1
no preview</source>
        <translation>%1
无法预览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
This %2 photo cannot be shown here: its file may be damaged or cut off. The photo is kept as it came. Double-click it to open it in the image viewer; if it does not open there either, ask the sender for the photo again.</source>
        <translation>%1
这张 %2 照片无法在此显示：文件可能已损坏或不完整。照片已按收到时的原样保留。双击可用看图软件打开；如果看图软件也打不开，请让发件方重新发送这张照片。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>file missing</source>
        <translation>照片文件缺失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file damaged</source>
        <translation>照片文件已损坏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The photo file %1 is missing or damaged in the photo folder. If the photo came in a package, import that package again: its missing or damaged photos are restored. Otherwise remove the photo and add it again.</source>
        <translation>照片文件夹中的照片文件 %1 缺失或已损坏。如该照片来自数据包，请再导入一次该数据包：其中缺失或损坏的照片会被补齐；否则请删除该照片后重新添加。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+23"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Images (*.jpg *.jpeg *.png *.heic *.heif *.webp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic *.heif *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 is the same photo as %2, already in this finding: not added again.</source>
        <translation>照片 %1 与本问题已有的照片 %2 相同，未重复添加。</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n file(s) not added:</source>
        <translation>
            <numerusform>有 %n 个文件未添加：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Copying photo %1 of %2 into the data folder…</source>
        <translation>正在把第 %1 张照片（共 %2 张）复制到数据文件夹…</translation>
    </message>
</context>
<context>
    <name>InspectorChooser</name>
    <message>
        <location filename="../../qcdesk/ui/inspector_chooser.py" line="+138"/>
        <source>Who is working?</source>
        <translation>当前执法人员</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Use &amp;selected</source>
        <translation>使用所选人员(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add me and continue</source>
        <translation>添加本人并继续(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick yourself from the inspector roster</source>
        <translation>从执法人员名录中选择本人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not on the roster? Add yourself</source>
        <translation>名录中没有？请添加本人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>QCDesk works offline: choose who records today&apos;s work.</source>
        <translation>QCDesk 离线工作：请选择本次记录工作的执法人员。</translation>
    </message>
</context>
<context>
    <name>InspectorForm</name>
    <message>
        <location line="-110"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Law-enforcement certificate n&amp;o.:</source>
        <translation>执法证号(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit (jurisdiction):</source>
        <translation>所属单位（辖区）(&amp;U)：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose your unit: the county, district or city office you work for</source>
        <translation>请选择所属单位：您所在的县（市、区）局或市局</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <location filename="../../qcdesk/ui/date_field.py" line="+177"/>
        <source>“%1” is no real date: %2. The field keeps %3. Check the date and type it again, e.g. 2026-10-15.</source>
        <translation>“%1”不是真实的日期：%2。此处仍为 %3。请核对后重新输入，如 2026-10-15。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is no real date: %2. The field stays empty. Check the date and type it again, e.g. 2026-10-15.</source>
        <translation>“%1”不是真实的日期：%2。此处仍为空。请核对后重新输入，如 2026-10-15。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a whole date, so the field keeps %2. Type the date in full, e.g. 2026-10-15.</source>
        <translation>“%1”不是完整的日期，此处仍为 %2。请输入完整的日期，如 2026-10-15。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is not a whole date, so the field stays empty. Type the date in full, e.g. 2026-10-15.</source>
        <translation>“%1”不是完整的日期，此处仍为空。请输入完整的日期，如 2026-10-15。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is no real date: %2, so nothing was saved. Type the right date, e.g. 2026-10-15 (or empty the field), then save again.</source>
        <translation>“%1”不是真实的日期：%2，因此未保存。请输入正确的日期，如 2026-10-15（或清空此栏），再保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not a whole date, so nothing was saved. Type the date in full, e.g. 2026-10-15 (or empty the field), then save again.</source>
        <translation>“%1”不是完整的日期，因此未保存。请输入完整的日期，如 2026-10-15（或清空此栏），再保存。</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>Open calendar (Alt+Down)</source>
        <translation>打开日历（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>OrderRectificationDialog</name>
    <message>
        <location filename="../../qcdesk/ui/draft_notice.py" line="-3"/>
        <location filename="../../qcdesk/ui/order_dialog.py" line="+72"/>
        <location line="+165"/>
        <source>Order rectification</source>
        <translation>下达整改</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/order_dialog.py" line="-153"/>
        <source>Printed as written under 整改要求 in the Chinese notice: write it in Chinese. The notice already prints the duties the rule set brings, such as stopping production and sale, finding the cause and reporting by the deadline: do not repeat them.</source>
        <translation>按原文印在《责令整改通知书》的“整改要求”中，请用中文填写。停止生产销售、查明原因、按期提交整改报告等期限规则规定的内容，通知书已自动印出，无需重复。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Requirement:</source>
        <translation>整改要求(&amp;R)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>R&amp;ule set:</source>
        <translation>期限规则(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ordered on:</source>
        <translation>下达日期(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notice no.:</source>
        <translation>通知书文号(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadlines:</source>
        <translation>期限：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue order</source>
        <translation>下达整改(&amp;I)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Proposed by the order date: SAMR order No. 18 (published 2019) applies to orders from 1 January 2020, when it took effect; earlier orders ran under AQSIQ order No. 133 (2010).</source>
        <translation>按下达日期建议：市场监管总局令第18号（2019年公布）自2020年1月1日起施行，适用于此后下达的整改；此前下达的整改适用质检总局令第133号（2010）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>correct by %1, re-check due by %2</source>
        <translation>整改期限 %1，复查期限 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>blank until numbered (prints %1), or the serial only</source>
        <translation>留空待编号（印作 %1），或只填序号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave it blank while the registry has given no number: the notice prints %1. Otherwise type the whole number (%2) or only its serial (12). The year is that of the order date.</source>
        <translation>文书登记还没有给号时请留空，通知书上印 %1。有了编号就填写完整文号（%2），或只填序号（12）。文号年份以下达日期为准。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This failed sample already has a rectification order: %1, ordered on %2 (%3). One problem gets one order.

Open that order?</source>
        <translation>这个不合格样品已经下达过整改通知：%1，%2 下达（%3）。同一问题只下达一次整改。

打开该整改吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This finding already has a rectification order: %1, ordered on %2 (%3). One problem gets one order.

Open that order?</source>
        <translation>这项检查发现已经下达过整改通知：%1，%2 下达（%3）。同一问题只下达一次整改。

打开该整改吗？</translation>
    </message>
</context>
<context>
    <name>OrderReopen</name>
    <message>
        <location filename="../../qcdesk/ui/order_reopen.py" line="+34"/>
        <source>Correction: reopen…</source>
        <translation>更正：重新打开…</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>&amp;History…</source>
        <translation>修改历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every change of this order: who, when, old and new, why it was corrected</source>
        <translation>这项整改的每一次修改：何人、何时、原值与新值，以及更正的理由</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Closed by mistake? Reopen it, with a reason, as a correction on the record</source>
        <translation>误结案？填写理由后重新打开，作为更正记录在案</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>History — rectification order</source>
        <translation>修改历史 — 整改</translation>
    </message>
</context>
<context>
    <name>OrderStepConfirm</name>
    <message>
        <location filename="../../qcdesk/ui/order_step_confirm.py" line="+28"/>
        <source>Record that the enterprise handed in its rectification report on %1 for the order
%2

This cannot be undone and the date cannot be corrected afterwards: check it first.</source>
        <translation>登记企业已于 %1 提交整改报告，整改通知：
%2

此操作不能撤回，登记后提交日期也不能再更正：请先核对日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report submitted</source>
        <translation>已提交整改报告</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mark the order
%1
as awaiting its re-check?

This cannot be undone: the order is then settled only by its re-check.</source>
        <translation>把整改通知
%1
标记为待复查？

此操作不能撤回：此后该整改只能由复查结论了结。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The deadline can no longer be extended afterwards.</source>
        <translation>标记后不能再申请延期整改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting re-check</source>
        <translation>待复查</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Withdraw the order
%1
on %2, because its sample passed the re-test?

The order is closed for good; this cannot be undone.</source>
        <translation>撤销整改通知
%1
（撤销日期 %2），因其样品复检合格？

撤销后该整改即结案，不能撤回。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdraw the order</source>
        <translation>撤销整改通知</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../qcdesk/ui/visit_amend.py" line="+86"/>
        <source>Reason for the amendment</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. the test report arrived on 2026-10-12</source>
        <translation>例如：2026-10-12 收到检验报告</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save amendment</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes:</source>
        <translation>更正内容：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Reason (required):</source>
        <translation>更正原因（必填）(&amp;R)：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>: say why the visit is corrected (e.g. the test report arrived); it is kept with the change.</source>
        <translation>：请说明为什么更正（例如：检验报告已到），原因将与更正一并保存。</translation>
    </message>
</context>
<context>
    <name>RecheckConfirm</name>
    <message>
        <location filename="../../qcdesk/ui/recheck_confirm.py" line="+28"/>
        <source>Saving records this re-check as passed and closes the order
%1
(completed). Only a correction with a written reason reopens it (the order&apos;s “Correction: reopen…”, kept in its history).

Is “passed” right? Save and close the order?</source>
        <translation>保存后，本次复查将记为合格，整改通知
%1
随即结案（已完成）。结案后如发现差错，只能在该整改的“更正：重新打开…”中写明原因后重新打开（记入修改历史）。

复查结论确实是“合格”吗？保存并结案？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saving records this re-check as failed for the order
%1
It stays open for further rectification (not escalated); this cannot be undone.

Is “failed” right? Save?</source>
        <translation>保存后，本次复查将记为不合格，整改通知
%1
继续整改（不升级处置）；此操作不能撤回。

复查结论确实是“不合格”吗？保存？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving records this re-check as failed for the order
%1
It stays at “%2”; this cannot be undone.

Is “failed” right? Save?</source>
        <translation>保存后，本次复查将记为不合格，整改通知
%1
仍为“%2”；此操作不能撤回。

复查结论确实是“不合格”吗？保存？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving records this re-check as failed for the order
%1
and escalates it to “%2” (Product Quality Law art. 17); this cannot be undone.

Is “failed” right? Save and escalate?</source>
        <translation>保存后，本次复查将记为不合格，整改通知
%1
将升级为“%2”（产品质量法第十七条）；此操作不能撤回。

复查结论确实是“不合格”吗？保存并升级？</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Record the re-check outcome</source>
        <translation>登记复查结论</translation>
    </message>
</context>
<context>
    <name>RecheckOutcome</name>
    <message>
        <location filename="../../qcdesk/ui/recheck_outcome.py" line="+23"/>
        <source>Fail — re-check failed, escalate</source>
        <translation>不合格 — 复查不合格，升级处置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail — re-check failed, order further rectification (not escalated)</source>
        <translation>不合格 — 复查不合格，责令继续整改（不升级）</translation>
    </message>
</context>
<context>
    <name>RecordOpening</name>
    <message>
        <location filename="../../qcdesk/ui/record_opening.py" line="+82"/>
        <source>This visit is already open in the window behind this one: close this window to go back to it.</source>
        <translation>该检查记录已在本窗口后面的窗口中打开：请关闭本窗口，回到那里继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This rectification order is already open in the window behind this one: close this window to go back to it.</source>
        <translation>该整改通知已在本窗口后面的窗口中打开：请关闭本窗口，回到那里继续。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already open</source>
        <translation>已经打开</translation>
    </message>
</context>
<context>
    <name>RectificationDialog</name>
    <message>
        <location filename="../../qcdesk/ui/rectification_texts.py" line="+24"/>
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
        <location line="+7"/>
        <source>Order to correct</source>
        <translation>责令整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provincial announcement</source>
        <translation>省级市场监管部门公告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspension for rectification</source>
        <translation>责令停业，限期整顿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business licence revoked</source>
        <translation>吊销营业执照</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>closed on %1</source>
        <translation>已于 %1 完成</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SAMR order No. 18 (2019): correct in 60 days, re-check in 75 days</source>
        <translation>市场监管总局令第18号（2019）：60日内整改，75日内复查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AQSIQ order No. 133 (2010): correct in 30 days, one extension of up to 30</source>
        <translation>质检总局令第133号（2010）：30日内整改，可延期一次不超过30日</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 · %2 · ordered %3 · due %4 (%5)</source>
        <translation>%1 · %2 · %3 下达 · 期限 %4（%5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · ordered %3 · due %4 (%5)</source>
        <translation>%1 · %3 下达 · 期限 %4（%5）</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/rectification_dialog.py" line="+140"/>
        <source>Enterprise:</source>
        <translation>受检企业：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requirement:</source>
        <translation>整改要求：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule set:</source>
        <translation>期限规则：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice no.:</source>
        <translation>通知书文号：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ordered on:</source>
        <translation>下达日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline:</source>
        <translation>整改期限：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check due:</source>
        <translation>复查期限：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit:</source>
        <translation>期限情况：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalation (art. 17):</source>
        <translation>后续处置（产品质量法第十七条）：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report &amp;submitted</source>
        <translation>已提交整改报告(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Awaiting re-check</source>
        <translation>待复查(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Escalate</source>
        <translation>升级处置(&amp;E)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Report date:</source>
        <translation>报告提交日期：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Withdraw (re-test passed)</source>
        <translation>撤销（复检合格）(&amp;W)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason for withdrawal</source>
        <translation>撤销理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawal:</source>
        <translation>撤销：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Extension (2010 rules only: once, up to 30 days)</source>
        <translation>延期（仅2010年规则：限一次，不超过30日）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Extend &amp;to:</source>
        <translation>延期至(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;quested on:</source>
        <translation>申请日期(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>延期理由(&amp;R)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xtend deadline</source>
        <translation>延期整改(&amp;X)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;ordering visit</source>
        <translation>打开下达整改的检查(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open re-chec&amp;k visit</source>
        <translation>打开复查记录(&amp;K)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New re-check visit…</source>
        <translation>新建复查(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rectification notice…</source>
        <translation>整改通知书…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview the order to rectify (notice) as stored</source>
        <translation>预览已保存的责令整改通知书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-check opinion…</source>
        <translation>复查意见书…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Rectification — %1</source>
        <translation>整改跟踪 — %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (extended from %2: %3)</source>
        <translation>%1（由 %2 延期：%3）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 on %2: %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Re-test passed (%1): the failing result this order rests on no longer stands. Withdraw the order with “%2” below; no re-check visit is needed.</source>
        <translation>复检合格（%1）：原检验结论不再成立，本整改通知已失去依据。请点下方“%2”撤销本整改通知，无需复查。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not needed: the re-test passed; withdraw the order</source>
        <translation>无需办理：复检合格，请撤销该整改</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Climb one step of the escalation ladder for the failed re-check (asks first)</source>
        <translation>按本次复查不合格升级一步处置（升级前会先确认）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Preview the re-check opinion as stored</source>
        <translation>预览已保存的复查意见书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview the re-check opinion of the withdrawal: the re-test and the decision</source>
        <translation>预览撤销整改的复查意见书：复检情况和处理意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview the re-check opinion of the passed re-test: the re-test, and that the bureau will withdraw the order (withdraw it first to print the date it was withdrawn)</source>
        <translation>预览复检合格的复查意见书：复检情况，以及本局将撤销该整改（先撤销整改，才能印上撤销日期）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview the re-check opinion saying when the order was closed</source>
        <translation>预览写明结案日期的复查意见书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview a re-check opinion with blanks to fill in at the re-check</source>
        <translation>预览复查意见书，空白处在复查时填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available once the enterprise&apos;s report or a re-check visit is recorded</source>
        <translation>登记企业的整改报告或记录复查检查后可用</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/notice_number_row.py" line="+68"/>
        <source>the registry&apos;s number, or only its serial</source>
        <translation>发文登记簿给的文号，或只填序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— (not numbered yet)</source>
        <translation>—（尚未编号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record nu&amp;mber</source>
        <translation>填写文号(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write in the number the registry gave this notice; until then the notice prints a blank for it. It is checked as when ordering (the year of the order date, one number per order) and sent in the next package.</source>
        <translation>填写发文登记簿给这份通知书的文号；填写前，通知书上的文号序号留空（＿＿号）。按下达整改时的规则核对（年份为下达日期的年份，一个文号只对应一项整改），随下一次数据包报送。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save corrected nu&amp;mber</source>
        <translation>保存更正的文号(&amp;M)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correct nu&amp;mber…</source>
        <translation>更正文号(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put right a number typed wrong (asks first; the old number stays in the order&apos;s history)</source>
        <translation>更正填错的文号（先确认；原文号留在这项整改的修改历史中）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Change this order&apos;s notice number from %1 to %2?

Printed notices carry %1: reprint the notice. The old number stays in the order&apos;s history.</source>
        <translation>把这项整改的通知书文号由 %1 更正为 %2？

已打印的通知书上是 %1：请重新打印通知书。原文号留在这项整改的修改历史中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The order&apos;s visit went out in package %3: the recipient has %1 and gets %2 with the next package, as a change of this order.</source>
        <translation>这项整改的检查记录已随数据包 %3 报送：接收方现有的是 %1，下一次数据包会把 %2 作为这项整改的修改报送。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If the order already went out in a package, the recipient gets %2 with the next one, as a change of this order.</source>
        <translation>这项整改如已随数据包报送，下一次数据包会把 %2 作为这项整改的修改报送。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Correct notice number</source>
        <translation>更正通知书文号</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/rectification_dialog.py" line="+24"/>
        <source>Close this order: its sample passed the re-test, so the failing result it was ordered on no longer stands. No re-check visit is needed.</source>
        <translation>撤销这项整改：样品复检合格，责令整改所依据的不合格检验结论不再成立，无需复查。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Escalate</source>
        <translation>升级处置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Escalate this order to “%1”?</source>
        <translation>确定升级为“%1”？</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/order_dialog.py" line="+3"/>
        <location filename="../../qcdesk/ui/rectification_texts.py" line="-4"/>
        <source>(no number yet)</source>
        <translation>（未编号）</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <location filename="../../qcdesk/ui/order_reopen.py" line="-105"/>
        <source>Correction: reopen the order</source>
        <translation>更正：重新打开整改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The order closed on %1 goes back to “%2”, deadline %3, as if it had not been closed. The reopening is recorded as a correction in the order&apos;s history, with your reason, and travels in the next package.</source>
        <translation>这项于 %1 结案的整改将恢复为“%2”，整改期限 %3，如同未曾结案。重新打开作为更正连同您填写的理由记入这项整改的修改历史，并随下一个数据包报送。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why, e.g. the re-check outcome was entered wrongly</source>
        <translation>原因，如：复查结论录入有误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The re-check of %1 failed: record its outcome as failed</source>
        <translation>%1 的复查实际不合格：将其复查结论登记为不合格</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Left unticked, that re-check visit stays with no outcome recorded: open it to record the right one.</source>
        <translation>不勾选时，该次复查记录将没有复查结论：请打开该复查记录登记正确的结论。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Correction: reopen</source>
        <translation>更正：重新打开</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
</context>
<context>
    <name>RequiredDateEdit</name>
    <message>
        <location filename="../../qcdesk/ui/required_date.py" line="+52"/>
        <source>This date is required, so the field keeps %1. Type the date, e.g. 2026-10-15, or pick it from the calendar (Alt+Down).</source>
        <translation>此日期为必填项，不能留空，此处仍为 %1。请输入日期，如 2026-10-15，或按 Alt+↓ 从日历中选择。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This date is required and is empty, so nothing was saved. Type the date, e.g. 2026-10-15, or pick it from the calendar (Alt+Down), then save again.</source>
        <translation>此日期为必填项，不能留空，因此未保存。请输入日期，如 2026-10-15（或按 Alt+↓ 从日历中选择），再保存。</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../qcdesk/ui/inspector_chooser.py" line="+123"/>
        <source>Inspector roster</source>
        <translation>执法人员名录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Certificate no.</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Acti&amp;ve (can be picked for visits)</source>
        <translation>在岗（可被选为检查人员）(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ne&amp;w</source>
        <translation>新建(&amp;W)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save inspector</source>
        <translation>保存人员(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (duplicate)</source>
        <translation>%1（重复）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This certificate number is on %1 active records: most likely one person entered twice (on two computers, or one register imported twice). The draw counts them as one person. This record: %2 visits, entered %3. Keep the one with the most visits and untick Active on the others; their visits are not affected.</source>
        <translation>这个执法证号同时属于 %1 条在岗记录：多半是同一人录入了两次（在两台电脑上各录了一次，或同一份名录导入了两次）。双随机抽取把它们算作一人。本条记录：%2 次检查，%3录入。请保留检查次数最多的一条，把其余记录的“在岗”取消勾选；已有的检查记录不受影响。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Rename or add?</source>
        <translation>改名还是新增？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the inspector %1 to %2? Their visits and documents will show the new name. If %2 is another person, add them as a new inspector instead.</source>
        <translation>把执法人员“%1”改名为“%2”？其检查记录和文书上的姓名都会随之改为“%2”。如果“%2”是另一个人，请将其新增为另一名执法人员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Rename %1</source>
        <translation>将“%1”改名(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add %1 as another inspector</source>
        <translation>将“%1”新增为另一名执法人员(&amp;A)</translation>
    </message>
</context>
<context>
    <name>SampleRetest</name>
    <message>
        <location filename="../../qcdesk/ui/sample_retest.py" line="+45"/>
        <source>A re-test (the enterprise&apos;s objection) is recorded only for a sample whose test result is Fail: with the result Fail, the re-test is entered here.</source>
        <translation>复检（企业异议）只针对检验结果为不合格的样品：检验结果为不合格时，才能在此登记复检。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This sample is saved with a result other than Fail: save first (Save or Ctrl+S) so that Fail is stored, then record the re-test here.</source>
        <translation>此样品保存的检验结果不是不合格：请先保存（点“保存”或按 Ctrl+S），存下“不合格”后，再在此登记复检。</translation>
    </message>
</context>
<context>
    <name>SamplesTab</name>
    <message>
        <location filename="../../qcdesk/ui/visit_tabs.py" line="+258"/>
        <source>&amp;Add sample</source>
        <translation>添加样品(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove sample</source>
        <translation>删除样品</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pending test</source>
        <translation>待检</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+213"/>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+212"/>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="-203"/>
        <source>Finished-goods warehouse</source>
        <translation>成品仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enterprise refused to sign</source>
        <translation>企业拒绝签字</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Product name:</source>
        <translation>产品名称(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task no.:</source>
        <translation>任务编号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organising body:</source>
        <translation>组织单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling date:</source>
        <translation>抽样日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling place:</source>
        <translation>抽样地点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise size:</source>
        <translation>企业规模：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence no.:</source>
        <translation>许可证编号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling</source>
        <translation>抽样信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trademark:</source>
        <translation>商标：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specification / model:</source>
        <translation>规格型号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch no.:</source>
        <translation>生产批号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production date:</source>
        <translation>生产日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade:</source>
        <translation>质量等级：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Executed standard:</source>
        <translation>执行标准：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price:</source>
        <translation>单价：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lot size:</source>
        <translation>抽样基数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample quantity:</source>
        <translation>抽样数量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test sample quantity:</source>
        <translation>检验样品数量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup sample quantity:</source>
        <translation>备用样品数量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal state:</source>
        <translation>封样状态：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>names separated by 、</source>
        <translation>多名抽样人以“、”分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samplers:</source>
        <translation>抽样人员：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for refusal:</source>
        <translation>拒签理由：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remarks:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantities and signatures</source>
        <translation>数量与签字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Res&amp;ult:</source>
        <translation>检验结果(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed &amp;items:</source>
        <translation>不合格项目(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result notified on:</source>
        <translation>结果送达日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test result</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-test (objection)</source>
        <translation>复检</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not requested</source>
        <translation>未申请复检</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re-test under way</source>
        <translation>复检中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-test passed</source>
        <translation>复检合格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re-test failed</source>
        <translation>复检不合格</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re-test requested on:</source>
        <translation>复检申请日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-test conclusion:</source>
        <translation>复检结论：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-test date:</source>
        <translation>复检日期：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(new sample)</source>
        <translation>（新样品）</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Final conclusion: %1 (the re-test&apos;s conclusion is final).</source>
        <translation>最终结论：%1（以复检结论为准）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first test&apos;s result stands until the re-test concludes.</source>
        <translation>复检结论作出前，原检验结论有效。</translation>
    </message>
</context>
<context>
    <name>StaleDraft</name>
    <message>
        <location filename="../../qcdesk/ui/draft_stale.py" line="+34"/>
        <source>This visit has been sent (package %1) since these changes were typed, so it cannot be changed directly: record what is still needed with Amend.</source>
        <translation>这条检查记录在输入这些内容之后已发送（数据包 %1），不能直接修改：仍需记录的内容，可用“更正”补记。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no number yet</source>
        <translation>尚无文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A rectification order for this has been issued since this was typed (%1, ordered on %2), so this draft cannot be issued: copy what is still needed into that order.</source>
        <translation>输入这些内容之后，这一问题已下达整改通知（%1，%2下达），这份草稿不能再下达：仍需要的内容请复制到该整改通知中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The record of this draft is no longer in this database (deleted, or the database was restored from an older copy).</source>
        <translation>此草稿对应的记录已不在这个数据库中（已删除，或数据库已从较早的副本恢复）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rectification requirement</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice number</source>
        <translation>通知书文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order date</source>
        <translation>下达日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample %1</source>
        <translation>样品 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finding %1</source>
        <translation>发现问题 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(nothing typed)</source>
        <translation>（没有输入内容）</translation>
    </message>
</context>
<context>
    <name>StaleDraftDialog</name>
    <message>
        <location line="+11"/>
        <source>Unsaved draft from %1</source>
        <translation>未保存的草稿（%1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Copy all</source>
        <translation>全部复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard draft</source>
        <translation>丢弃草稿(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Keep for now</source>
        <translation>暂时保留(&amp;K)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What was typed and not saved (select and copy what you need):</source>
        <translation>输入后未保存的内容（可选中并复制需要的部分）：</translation>
    </message>
</context>
<context>
    <name>StaleSaveDialog</name>
    <message>
        <location filename="../../qcdesk/ui/stale_save.py" line="+87"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1, row %2: %3</source>
        <translation>%1 第 %2 行：%3</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Changed elsewhere</source>
        <translation>记录已在别处修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The record was changed elsewhere again while you were deciding, so nothing was saved; it is now at revision %1. Here is what changed since you opened it; your typing is still in the editor.</source>
        <translation>您作选择期间，该记录又在别处被修改，因此尚未保存，现为第 %1 版。下表列出自您打开以来的全部修改；您输入的内容仍保留在编辑窗口中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>While you were editing, this record was changed elsewhere (another window or an import); it is now at revision %1. Your typing is still in the editor.</source>
        <translation>您编辑期间，该记录已在别处（另一窗口或一次导入）被修改，现为第 %1 版。您输入的内容仍保留在编辑窗口中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Both — your value will be saved</source>
        <translation>双方都改了 — 将保存您的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elsewhere — kept</source>
        <translation>别处修改 — 保留</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>You — applied on top</source>
        <translation>您的修改 — 在新版本上重新应用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When you opened it</source>
        <translation>打开时的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed elsewhere to</source>
        <translation>别处改为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed by</source>
        <translation>修改方</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Keep my changes: your changes are saved on top of the new revision; fields changed only elsewhere keep their new values. Discard my changes: the editor shows the record as stored now. Cancel: back to the editor, nothing is saved.</source>
        <translation>保留我的修改：在新版本上保存您的修改，只在别处修改的字段保留其新值。放弃我的修改：编辑窗口改为显示当前保存的记录。取消：回到编辑窗口，不保存任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Keep my changes</source>
        <translation>保留我的修改(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard my changes</source>
        <translation>放弃我的修改(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This record was deleted elsewhere while you were editing, so it cannot be saved. Your changes are still shown: copy what you need, then close the editor.</source>
        <translation>您编辑期间，该记录已在别处被删除，无法保存。您的修改仍显示在窗口中：请复制需要的内容，然后关闭编辑窗口。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This record was deleted elsewhere while you were editing, so it cannot be saved. Your changes are still shown: to keep them, bring the record back under Record ▸ Deleted records… (select it, Restore), then click Save here again; or copy what you need and close the editor.</source>
        <translation>您编辑期间，该记录已在别处被删除，无法保存。您的修改仍显示在窗口中：如要保留，请在“记录 ▸ 已删除的记录…”中选中它并点“恢复”，再在这里点“保存”；或复制需要的内容后关闭编辑窗口。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: this record was changed elsewhere. Your changes are still here; save again to compare them with the stored version, or close without saving.</source>
        <translation>未保存：该记录已在别处被修改。您的修改仍在此处；再次保存可与已保存的版本对比，或关闭而不保存。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../qcdesk/ui/visit_editor.py" line="+149"/>
        <source>&amp;Enterprise:</source>
        <translation>受检企业(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>检查日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>检查类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector roster…</source>
        <translation>执法人员名录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add or correct inspectors, then tick them here</source>
        <translation>添加或更正执法人员后，在此勾选</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Inspectors:</source>
        <translation>执法人员(&amp;I)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Su&amp;mmary:</source>
        <translation>检查情况(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;nclusion:</source>
        <translation>检查结论(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-check of a rectification order</source>
        <translation>复查整改情况</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(not decided yet)</source>
        <translation>（尚未确定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass — closes the order</source>
        <translation>合格 — 整改完成</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>O&amp;utcome:</source>
        <translation>复查结论(&amp;U)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rectification orders issued on this visit (double-click to open)</source>
        <translation>本次检查下达的整改（双击打开）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Findings</source>
        <translation>检查发现</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order &amp;rectification…</source>
        <translation>下达整改(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issue a rectification order for the selected saved item</source>
        <translation>对所选（已保存的）问题或不合格样品下达整改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sampling form…</source>
        <translation>抽样单…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview the sampling form of the selected saved sample</source>
        <translation>预览所选已保存样品的抽样单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inspection record…</source>
        <translation>现场检查笔录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview this visit&apos;s on-site inspection record</source>
        <translation>预览本次检查的现场检查笔录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Visit</source>
        <translation>检查(&amp;V)</translation>
    </message>
    <message>
        <location line="+250"/>
        <source>Sampling form</source>
        <translation>抽样单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a saved sample first.</source>
        <translation>请先选择一个已保存的样品。</translation>
    </message>
    <message>
        <location line="-293"/>
        <source>Order &amp;re-checked:</source>
        <translation>复查的整改(&amp;R)：</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Samp&amp;les</source>
        <translation>抽样(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Findings</source>
        <translation>检查发现(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/draft_notice.py" line="+5"/>
        <location filename="../../qcdesk/ui/visit_editor.py" line="+24"/>
        <source>Visit record</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../qcdesk/ui/visit_editor.py" line="+0"/>
        <source>New visit</source>
        <translation>新建检查</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/visit_editor.py" line="+117"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Outcome recorded: %1</source>
        <translation>已记录复查结论：%1</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/stale_save.py" line="+63"/>
        <location filename="../../qcdesk/ui/visit_editor.py" line="+38"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/visit_editor.py" line="+25"/>
        <source>Order rectification</source>
        <translation>下达整改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a finding or a failed sample first.</source>
        <translation>请先选择一个问题或不合格样品。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the visit first: an order refers to the saved visit and its saved items.</source>
        <translation>请先保存检查记录：整改须对应已保存的检查及其问题或样品。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a failed sample can lead to an order.</source>
        <translation>只有不合格样品才能下达整改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rectification ordered, deadline %1.</source>
        <translation>已下达整改，整改期限 %1。</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <location filename="../../qcdesk/ui/forms.py" line="+255"/>
        <source>Supervision spot check</source>
        <translation>监督抽查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production licence follow-up</source>
        <translation>生产许可证后续监管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality assistance / guidance</source>
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
        <location line="+6"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
</context>
</TS>
