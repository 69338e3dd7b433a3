<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>EditorDialog</name>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="250" />
      <location filename="../../qcdesk/ui/forms.py" line="379" />
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="252" />
      <source>Do&amp;n't save</source>
      <translation>不保存(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="254" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="381" />
      <source>Save (Ctrl+S)</source>
      <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="382" />
      <source>Save and cl&amp;ose</source>
      <translation>保存并关闭(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="384" />
      <source>&amp;Close</source>
      <translation>关闭(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="236" />
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="237" />
      <source>Nothing was saved; your changes are still here.
%1</source>
      <translation>没有保存任何内容，您的修改仍保留在窗口中。
%1</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="245" />
      <source>Unsaved changes</source>
      <translation>未保存的修改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="246" />
      <source>Save the changes before closing?</source>
      <translation>关闭前是否保存所做的修改？</translation>
    </message>
  </context>
  <context>
    <name>EnterpriseEditor</name>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="104" />
      <source>18 characters, e.g. 91421281MA4KL5FE07</source>
      <translation>18位，例如 91421281MA4KL5FE07</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="121" />
      <source>(not set)</source>
      <translation>（未填）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="126" />
      <source>Takes part in quality &amp;improvement</source>
      <translation>参与质量提升活动(&amp;I)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="128" />
      <source>&amp;Demonstration enterprise</source>
      <translation>质量提升示范企业(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="124" />
      <source>A&amp;bove designated size (规上)</source>
      <translation>规模以上企业（规上）(&amp;B)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="133" />
      <source>Credit code (&amp;USCC):</source>
      <translation>统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="134" />
      <source>&amp;Name:</source>
      <translation>企业名称(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="135" />
      <source>&amp;Jurisdiction:</source>
      <translation>所属辖区(&amp;J)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="136" />
      <source>&amp;Address:</source>
      <translation>地址(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="137" />
      <source>Indus&amp;try:</source>
      <translation>所属行业(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="138" />
      <source>Main &amp;products:</source>
      <translation>主要产品(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="139" />
      <source>Enterprise si&amp;ze:</source>
      <translation>企业规模(&amp;Z)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="152" />
      <source>Licence number</source>
      <translation>许可证编号</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="152" />
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="164" />
      <source>&amp;Add licence</source>
      <translation>添加许可证(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="167" />
      <source>&amp;Remove licence</source>
      <translation>删除许可证(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="177" />
      <source>XK: XKdd-ddd-ddddd, optionally with (鄂); SC: SC + 14 digits. Checked as you type.</source>
      <translation>XK：XKdd-ddd-ddddd，可带“(鄂)”；SC：SC+14位数字。输入时即时校验。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="201" />
      <source>Certifications:</source>
      <translation>认证情况：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="202" />
      <source>Legal &amp;representative:</source>
      <translation>法定代表人(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="203" />
      <source>Contact p&amp;erson:</source>
      <translation>联系人(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="204" />
      <source>P&amp;hone:</source>
      <translation>联系电话(&amp;H)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="205" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="205" />
      <source>Role</source>
      <translation>职务</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="206" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="206" />
      <source>Remove contact</source>
      <translation>删除联系人</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="210" />
      <source>Other contacts:</source>
      <translation>其他联系人：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="211" />
      <source>No&amp;tes:</source>
      <translation>备注(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="217" />
      <source>Certi&amp;fications and contacts</source>
      <translation>认证与联系人(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="401" />
      <source>expired on %1</source>
      <translation>已于 %1 过期</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="403" />
      <source>renewal due: expires on %1</source>
      <translation>应申请延续：%1 到期（到期前6个月申请）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="215" />
      <source>&amp;General</source>
      <translation>基本情况(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="152" />
      <source>Issued on</source>
      <translation>发证日期</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="152" />
      <source>Expires on</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="206" />
      <source>&amp;Add contact</source>
      <translation>添加联系人(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="216" />
      <source>&amp;Licences</source>
      <translation>许可证(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="237" />
      <source>Enterprise file — %1</source>
      <translation>企业档案 — %1</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="238" />
      <source>New enterprise file</source>
      <translation>新建企业档案</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="382" />
      <location filename="../../qcdesk/ui/enterprise_editor.py" line="453" />
      <source>Row %1: </source>
      <translation>第%1行：</translation>
    </message>
  </context>
  <context>
    <name>EnterprisePage</name>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="72" />
      <source>&amp;Edit file</source>
      <translation>编辑档案(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="75" />
      <source>&amp;New visit</source>
      <translation>新建检查(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="86" />
      <source>Credit code:</source>
      <translation>统一社会信用代码：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="86" />
      <source>Jurisdiction:</source>
      <translation>所属辖区：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="87" />
      <source>Industry:</source>
      <translation>所属行业：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="87" />
      <source>Main products:</source>
      <translation>主要产品：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="88" />
      <source>Address:</source>
      <translation>地址：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="88" />
      <source>Status:</source>
      <translation>企业标识：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="89" />
      <source>Certifications:</source>
      <translation>认证情况：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="89" />
      <source>Licences:</source>
      <translation>许可证：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="90" />
      <source>Contact:</source>
      <translation>联系人：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="99" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="99" />
      <source>Kind</source>
      <translation>检查类型</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="99" />
      <location filename="../../qcdesk/ui/enterprise_page.py" line="103" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="99" />
      <source>Inspectors</source>
      <translation>执法人员</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="100" />
      <source>Conclusion</source>
      <translation>结论</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="102" />
      <source>Requirement</source>
      <translation>整改要求</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="102" />
      <source>Ordered</source>
      <translation>下达日期</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="102" />
      <source>Deadline</source>
      <translation>整改期限</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="103" />
      <source>Days left</source>
      <translation>剩余天数</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="107" />
      <source>Visits (Enter or double-click to open)</source>
      <translation>检查记录（回车或双击打开）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="109" />
      <source>Open rectification orders</source>
      <translation>未完成的整改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="121" />
      <source>Enterprise not found</source>
      <translation>未找到该企业</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="125" />
      <source>above designated size</source>
      <translation>规上企业</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="126" />
      <source>in the quality improvement programme</source>
      <translation>参与质量提升活动</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="127" />
      <source>demonstration enterprise</source>
      <translation>示范企业</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/enterprise_page.py" line="128" />
      <source> (expires %1)</source>
      <translation>（有效期至 %1）</translation>
    </message>
  </context>
  <context>
    <name>FindingsTab</name>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="61" />
      <source>Remove finding</source>
      <translation>删除问题</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="72" />
      <source>Minor</source>
      <translation>一般</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="72" />
      <source>Major</source>
      <translation>较重</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="73" />
      <source>Critical</source>
      <translation>严重</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="77" />
      <source>e.g. 《产品质量法》第十三条</source>
      <translation>例如 《产品质量法》第十三条</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="80" />
      <source>&amp;Description:</source>
      <translation>问题描述(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="59" />
      <source>&amp;Add finding</source>
      <translation>添加问题(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="79" />
      <source>Cate&amp;gory:</source>
      <translation>问题类别(&amp;G)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="81" />
      <source>Severit&amp;y:</source>
      <translation>严重程度(&amp;Y)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="82" />
      <source>&amp;Basis:</source>
      <translation>依据(&amp;B)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="90" />
      <source>Add &amp;photos…</source>
      <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="93" />
      <source>Remove photo</source>
      <translation>移除照片</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="95" />
      <source>Only photos added since the last save can be removed</source>
      <translation>只能移除上次保存后新添加的照片</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="101" />
      <source>Finding</source>
      <translation>检查发现的问题</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="103" />
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="119" />
      <source>(new finding)</source>
      <translation>（新问题）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="163" />
      <source>Add photos</source>
      <translation>添加照片</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="163" />
      <source>Images (*.jpg *.jpeg *.png)</source>
      <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/findings_tab.py" line="168" />
      <source>Cannot read %1: %2</source>
      <translation>无法读取 %1：%2</translation>
    </message>
  </context>
  <context>
    <name>InspectorChooser</name>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="113" />
      <source>Who is working?</source>
      <translation>当前执法人员</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="127" />
      <source>Use &amp;selected</source>
      <translation>使用所选人员(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="132" />
      <source>&amp;Add me and continue</source>
      <translation>添加本人并继续(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="135" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="138" />
      <source>Pick yourself from the inspector roster</source>
      <translation>从执法人员名录中选择本人</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="142" />
      <source>Not on the roster? Add yourself</source>
      <translation>名录中没有？请添加本人</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="147" />
      <source>QCDesk works offline: choose who records today's work.</source>
      <translation>QCDesk 离线工作：请选择本次记录工作的执法人员。</translation>
    </message>
  </context>
  <context>
    <name>InspectorForm</name>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="65" />
      <source>&amp;Name:</source>
      <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="66" />
      <source>Law-enforcement certificate n&amp;o.:</source>
      <translation>执法证号(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="67" />
      <source>&amp;Unit (jurisdiction):</source>
      <translation>所属单位（辖区）(&amp;U)：</translation>
    </message>
  </context>
  <context>
    <name>OrderRectificationDialog</name>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="132" />
      <source>Order rectification</source>
      <translation>下达整改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="138" />
      <source>Product “%1” failed the supervision spot check (failed items: %2). Stop producing and selling the same product at once, find the cause, correct it and hand in a rectification report by the deadline.</source>
      <translation>产品“%1”监督抽查不合格（不合格项目：%2）。请立即停止生产、销售同一产品，查明原因，认真整改，并在期限内提交整改报告。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="143" />
      <source>Correct the following: %1</source>
      <translation>请对以下问题进行整改：%1</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="160" />
      <source>&amp;Requirement:</source>
      <translation>整改要求(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="161" />
      <source>R&amp;ule set:</source>
      <translation>期限规则(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="162" />
      <source>&amp;Ordered on:</source>
      <translation>下达日期(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="163" />
      <source>&amp;Notice no.:</source>
      <translation>通知书文号(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="168" />
      <source>Deadlines:</source>
      <translation>期限：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="169" />
      <source>&amp;Issue order</source>
      <translation>下达整改(&amp;I)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="173" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="190" />
      <source>correct by %1, re-check due by %2</source>
      <translation>整改期限 %1，复查期限 %2</translation>
    </message>
  </context>
  <context>
    <name>RectificationDialog</name>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="66" />
      <source>Open</source>
      <translation>待整改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="67" />
      <source>Report submitted</source>
      <translation>已提交整改报告</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="68" />
      <source>Awaiting re-check</source>
      <translation>待复查</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="69" />
      <source>Closed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="70" />
      <source>Re-check failed</source>
      <translation>复查不合格</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="77" />
      <source>Order to correct</source>
      <translation>责令整改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="78" />
      <source>Provincial announcement</source>
      <translation>省级市场监管部门公告</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="79" />
      <source>Suspension for rectification</source>
      <translation>责令停业，限期整顿</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="80" />
      <source>Business licence revoked</source>
      <translation>吊销营业执照</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="94" />
      <source>%1 days overdue</source>
      <translation>已逾期 %1 天</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="96" />
      <source>%1 days</source>
      <translation>%1 天</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="100" />
      <source>re-check %1 days overdue</source>
      <translation>复查已逾期 %1 天</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="102" />
      <source>re-check due in %1 days</source>
      <translation>距复查期限 %1 天</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="105" />
      <source>closed on %1</source>
      <translation>已于 %1 完成</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="112" />
      <source>SAMR order No. 18 (2019): correct in 60 days, re-check in 75</source>
      <translation>市场监管总局令第18号（2019）：60日内整改，75日内复查</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="114" />
      <source>AQSIQ order No. 133 (2010): correct in 30 days, one extension of up to 30</source>
      <translation>质检总局令第133号（2010）：30日内整改，可延期一次不超过30日</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="256" />
      <source>Enterprise:</source>
      <translation>受检企业：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="257" />
      <source>Requirement:</source>
      <translation>整改要求：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="258" />
      <source>Rule set:</source>
      <translation>期限规则：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="259" />
      <source>Notice no.:</source>
      <translation>通知书文号：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="260" />
      <source>Ordered on:</source>
      <translation>下达日期：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="261" />
      <source>Deadline:</source>
      <translation>整改期限：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="262" />
      <source>Re-check due:</source>
      <translation>复查期限：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="263" />
      <source>Days left:</source>
      <translation>剩余天数：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="264" />
      <source>Status:</source>
      <translation>状态：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="265" />
      <source>Escalation (art. 17):</source>
      <translation>后续处置（第十七条）：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="273" />
      <source>Actions</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="277" />
      <source>Report &amp;submitted</source>
      <translation>已提交整改报告(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="280" />
      <source>&amp;Awaiting re-check</source>
      <translation>待复查(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="283" />
      <source>&amp;Escalate</source>
      <translation>升级处置(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="296" />
      <source>Report date:</source>
      <translation>报告提交日期：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="298" />
      <source>Extension (2010 rules only: once, up to 30 days)</source>
      <translation>延期（仅2010年规则：限一次，不超过30日）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="308" />
      <source>Extend &amp;to:</source>
      <translation>延期至(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="309" />
      <source>Re&amp;quested on:</source>
      <translation>申请日期(&amp;Q)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="310" />
      <source>&amp;Reason:</source>
      <translation>延期理由(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="315" />
      <source>E&amp;xtend deadline</source>
      <translation>延期整改(&amp;X)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="320" />
      <source>Open &amp;ordering visit</source>
      <translation>打开下达整改的检查(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="323" />
      <source>Open re-chec&amp;k visit</source>
      <translation>打开复查记录(&amp;K)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="326" />
      <source>&amp;New re-check visit…</source>
      <translation>新建复查(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="329" />
      <source>&amp;Close</source>
      <translation>关闭(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="352" />
      <source>Rectification — %1</source>
      <translation>整改跟踪 — %1</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/rectification_dialog.py" line="360" />
      <source>%1 (extended from %2: %3)</source>
      <translation>%1（由 %2 延期：%3）</translation>
    </message>
  </context>
  <context>
    <name>RosterDialog</name>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="186" />
      <source>Inspector roster</source>
      <translation>执法人员名录</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="191" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="191" />
      <source>Certificate no.</source>
      <translation>执法证号</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="191" />
      <source>Unit</source>
      <translation>所属单位</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="191" />
      <source>Active</source>
      <translation>在岗</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="198" />
      <source>Acti&amp;ve (can be picked for visits)</source>
      <translation>在岗（可被选为检查人员）(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="201" />
      <source>Ne&amp;w</source>
      <translation>新建(&amp;W)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="204" />
      <source>&amp;Save inspector</source>
      <translation>保存人员(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="207" />
      <source>&amp;Close</source>
      <translation>关闭(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="229" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/inspector_chooser.py" line="229" />
      <source>no</source>
      <translation>否</translation>
    </message>
  </context>
  <context>
    <name>SamplesTab</name>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="286" />
      <source>&amp;Add sample</source>
      <translation>添加样品(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="288" />
      <source>Remove sample</source>
      <translation>删除样品</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="299" />
      <source>Pending test</source>
      <translation>待检</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="299" />
      <source>Pass</source>
      <translation>合格</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="300" />
      <source>Fail</source>
      <translation>不合格</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="309" />
      <source>Finished-goods warehouse</source>
      <translation>成品仓库</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="310" />
      <source>Market</source>
      <translation>市场</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="318" />
      <source>Enterprise refused to sign</source>
      <translation>企业拒绝签字</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="326" />
      <source>&amp;Product name:</source>
      <translation>产品名称(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="327" />
      <source>Task no.:</source>
      <translation>任务编号：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="328" />
      <source>Organising body:</source>
      <translation>组织单位：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="329" />
      <source>Sampling date:</source>
      <translation>抽样日期：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="330" />
      <source>Sampling place:</source>
      <translation>抽样地点：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="331" />
      <source>Enterprise size:</source>
      <translation>企业规模：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="332" />
      <source>Licence no.:</source>
      <translation>许可证编号：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="333" />
      <source>Sampling</source>
      <translation>抽样信息</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="335" />
      <source>Trademark:</source>
      <translation>商标：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="336" />
      <source>Specification / model:</source>
      <translation>规格型号：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="337" />
      <source>Batch no.:</source>
      <translation>生产批号：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="338" />
      <source>Production date:</source>
      <translation>生产日期：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="339" />
      <source>Grade:</source>
      <translation>质量等级：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="340" />
      <source>Executed standard:</source>
      <translation>执行标准：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="341" />
      <source>Unit price:</source>
      <translation>单价：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="342" />
      <source>Product</source>
      <translation>产品信息</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="344" />
      <source>Lot size:</source>
      <translation>抽样基数：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="345" />
      <source>Sample quantity:</source>
      <translation>抽样数量：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="346" />
      <source>Test sample quantity:</source>
      <translation>检验样品数量：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="347" />
      <source>Backup sample quantity:</source>
      <translation>备用样品数量：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="348" />
      <source>Seal state:</source>
      <translation>封样状态：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="350" />
      <source>names separated by 、</source>
      <translation>多名抽样人以“、”分隔</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="351" />
      <source>Samplers:</source>
      <translation>抽样人员：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="353" />
      <source>Reason for refusal:</source>
      <translation>拒签理由：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="354" />
      <source>Remarks:</source>
      <translation>备注：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="355" />
      <source>Quantities and signatures</source>
      <translation>数量与签字</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="357" />
      <source>Res&amp;ult:</source>
      <translation>检验结果(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="358" />
      <source>Failed &amp;items:</source>
      <translation>不合格项目(&amp;I)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="359" />
      <source>Result notified on:</source>
      <translation>结果送达日期：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="360" />
      <source>Test result</source>
      <translation>检验结果</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_tabs.py" line="381" />
      <source>(new sample)</source>
      <translation>（新样品）</translation>
    </message>
  </context>
  <context>
    <name>VisitEditor</name>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="144" />
      <source>&amp;Enterprise:</source>
      <translation>受检企业(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="145" />
      <source>&amp;Date:</source>
      <translation>检查日期(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="146" />
      <source>&amp;Kind:</source>
      <translation>检查类型(&amp;K)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="147" />
      <source>S&amp;tatus:</source>
      <translation>状态(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="148" />
      <source>Inspector roster…</source>
      <translation>执法人员名录…</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="150" />
      <source>Add or correct inspectors, then tick them here</source>
      <translation>添加或更正执法人员后，在此勾选</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="159" />
      <source>&amp;Inspectors:</source>
      <translation>执法人员(&amp;I)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="161" />
      <source>Su&amp;mmary:</source>
      <translation>检查情况(&amp;M)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="162" />
      <source>Co&amp;nclusion:</source>
      <translation>检查结论(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="165" />
      <source>Re-check of a rectification order</source>
      <translation>复查整改情况</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="171" />
      <source>(not decided yet)</source>
      <translation>（尚未确定）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="172" />
      <source>Pass — closes the order</source>
      <translation>合格 — 整改完成</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="173" />
      <source>Fail — re-check failed, escalate</source>
      <translation>不合格 — 复查不合格，升级处置</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="178" />
      <source>O&amp;utcome:</source>
      <translation>复查结论(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="186" />
      <source>Rectification orders issued on this visit (double-click to open)</source>
      <translation>本次检查下达的整改（双击打开）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="199" />
      <source>Order &amp;rectification…</source>
      <translation>下达整改(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="201" />
      <source>Issue a rectification order for the selected saved item</source>
      <translation>对所选（已保存的）问题或不合格样品下达整改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="207" />
      <source>&amp;Visit</source>
      <translation>检查(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="177" />
      <source>Order &amp;re-checked:</source>
      <translation>复查的整改(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="115" />
      <source>type part of the name</source>
      <translation>输入企业名称的一部分</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="208" />
      <source>Samp&amp;les</source>
      <translation>抽样(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="209" />
      <source>&amp;Findings</source>
      <translation>检查发现(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="235" />
      <source>Visit record</source>
      <translation>检查记录</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="235" />
      <source>New visit</source>
      <translation>新建检查</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="256" />
      <source>This visit went out in the signed package %1 and can no longer be changed here. Make an amendment with a reason instead.</source>
      <translation>该检查记录已随签名数据包 %1 报送，不能在此修改；如需更正，请使用“更正”并说明原因。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="351" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="360" />
      <source>%1 — due %2 (%3)</source>
      <translation>%1 — 期限 %2（%3）</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="366" />
      <source>Outcome recorded: %1</source>
      <translation>已记录复查结论：%1</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="375" />
      <source>%1 — deadline %2 — %3</source>
      <translation>%1 — 期限 %2 — %3</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="411" />
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="433" />
      <source>Order rectification</source>
      <translation>下达整改</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="435" />
      <source>Select a finding or a failed sample first.</source>
      <translation>请先选择一个问题或不合格样品。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="439" />
      <source>Save the visit first: an order refers to the saved visit and its saved items.</source>
      <translation>请先保存检查记录：整改须对应已保存的检查及其问题或样品。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="442" />
      <source>Only a failed sample can lead to an order.</source>
      <translation>只有不合格样品才能下达整改。</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/visit_editor.py" line="450" />
      <source>Rectification ordered, deadline %1.</source>
      <translation>已下达整改，整改期限 %1。</translation>
    </message>
  </context>
  <context>
    <name>forms</name>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="454" />
      <source>Supervision spot check</source>
      <translation>监督抽查</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="455" />
      <source>Production licence follow-up</source>
      <translation>生产许可证后续监管</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="456" />
      <source>Quality assistance / guidance</source>
      <translation>质量帮扶/指导</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="457" />
      <source>Re-check</source>
      <translation>复查</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="458" />
      <source>Special inspection</source>
      <translation>专项检查</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="464" />
      <source>Planned</source>
      <translation>计划</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="465" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../qcdesk/ui/forms.py" line="466" />
      <source>Completed</source>
      <translation>已完成</translation>
    </message>
  </context>
</TS>