<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../qcdesk/ui/conflict_dialog.py" line="+80"/>
        <source>Conflicts to resolve</source>
        <translation>处理合并冲突</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Kind</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>冲突原因</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Fields that differ</source>
        <translation>不同的字段</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+155"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Current</source>
        <translation>本机现有</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other version</source>
        <translation>导入的版本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep current</source>
        <translation>保留本机现有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use other version</source>
        <translation>采用导入的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Combine: take the ticked values</source>
        <translation>合并：采用已勾选的值</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/resolution_words.py" line="+33"/>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QCDesk (system)</source>
        <translation>QCDesk（系统）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unknown (%1…)</source>
        <translation>未知（%1…）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>typed on this computer</source>
        <translation>本机录入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, changed by %1</source>
        <translation>，由 %1 修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, changed with key %1</source>
        <translation>，由密钥 %1 修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from a package</source>
        <translation>来自数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from package no. %2 signed by %1</source>
        <translation>来自 %1 签名的第 %2 号数据包</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>the inspector</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the certification</source>
        <translation>认证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the visit</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the finding</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the rectification order</source>
        <translation>整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the correction</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the random draw</source>
        <translation>抽查摇号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the demonstration zone</source>
        <translation>示范区项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the recusal</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+24"/>
        <source>Checked, kept as it is</source>
        <translation>已核对，保持现状</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Combined: kept the version by %1 (%2), with values of the version by %3 (%4).</source>
        <translation>合并：保留%1的版本（%2），并采用%3的版本（%4）中勾选的值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept the version by %1 (%2); did not use the version by %3 (%4).</source>
        <translation>保留了%1的版本（%2）；未采用%3的版本（%4）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Values not taken, of the version by %1: %2.</source>
        <translation>%1的版本中未采用的值：%2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two versions had the same values.</source>
        <translation>两个版本的各项值相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To restore one, type it back in the record.</source>
        <translation>如需恢复某个值，请在该记录中重新录入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolved: the current version was kept.</source>
        <translation>已处理：保留了当时的现行版本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved: the other version was used.</source>
        <translation>已处理：采用了另一版本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved: the two versions were combined.</source>
        <translation>已处理：合并了两个版本。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Values of the other version that differ from the record now: %1.</source>
        <translation>另一版本中与记录现值不同的值：%1。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/conflict_dialog.py" line="+32"/>
        <source>Changed on both sides</source>
        <translation>双方都修改过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same credit code registered twice</source>
        <translation>同一统一社会信用代码登记了两次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code held by another enterprise</source>
        <translation>信用代码与另一企业相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted, but still in use here</source>
        <translation>删除的记录本机仍在使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted with its visit, which stays</source>
        <translation>随检查记录删除，检查记录仍保留</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+246"/>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message numerus="yes">
        <location line="-201"/>
        <source>%n conflict(s) to resolve: select one, compare the two versions (the fields that differ are marked and listed first) and keep one, or tick values of the other version to combine them.</source>
        <translation>
            <numerusform>共 %n 处冲突待处理：请逐条选中，对比两个版本（不同的字段已标黄并排在最前），然后保留其中一个，或勾选另一版本中要采用的值后合并。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Current version: %1
Other version: %2</source>
        <translation>当前版本：%1
另一版本：%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Current version: changed by %1 on %2, %3.
Other version: changed by %4 on %5, %6.</source>
        <translation>当前版本：%1 于 %2 修改，%3。
另一版本：%4 于 %5 修改，%6。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current version (%1)</source>
        <translation>当前版本（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other version (%1)</source>
        <translation>另一版本（%1）</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The package deletes this record, but records here still rest on it (an enterprise&apos;s visits or orders; a visit&apos;s samples, findings or orders), so the deletion did not take effect. Keep the current version, or delete those records first and then use the deleted version.</source>
        <translation>数据包删除了这条记录，但本机还有记录属于它（企业的检查记录或整改；检查记录的抽样、发现问题或整改），删除未生效。请保留现行版本；如确需删除，先删除那些记录，再采用删除版本。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The package deletes this record together with its visit, but the visit stays here because of its own conflict. Settle the visit&apos;s conflict: this one is settled with it, deleted or kept with the visit.</source>
        <translation>数据包将这条记录随其检查记录一并删除，但该检查记录因自身的冲突在本机保留。请处理该检查记录的冲突：这条记录随之处理，与检查记录一起删除或一起保留。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Cannot use the other version</source>
        <translation>无法采用另一版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot keep the current version</source>
        <translation>无法保留当前版本</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mark %1 as checked and keep it as it is?</source>
        <translation>将%1标记为已核对并保持现状？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the version by %1 of %2?</source>
        <translation>对%2采用%1的版本？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the version by %1 of %2, with the ticked values of the version by %3 (%4)?</source>
        <translation>对%2保留%1的版本，并采用%3的版本中勾选的值（%4）？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the version by %1 of %2?</source>
        <translation>对%2保留%1的版本？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve the conflict</source>
        <translation>处理合并冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The conflict then leaves this list and the version by %1 is not offered again. Its values that are not taken stay readable in the record&apos;s History: type one back in the record to restore it.</source>
        <translation>处理后该冲突从列表中移除，%1的版本不会再列出。其未被采用的值仍可在该记录的“修改历史”中查看；如需恢复，请在记录中重新录入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Don&apos;t ask again until this window is closed</source>
        <translation>关闭此窗口前不再询问</translation>
    </message>
    <message>
        <location line="-158"/>
        <location filename="../../qcdesk/ui/resolution_words.py" line="+11"/>
        <source>(none)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checked, keep as it is</source>
        <translation>已核对，保持现状</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the version by %1</source>
        <translation>保留%1的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the version by %1</source>
        <translation>采用%1的版本</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Tick to take this value into the combination</source>
        <translation>勾选后，合并时采用这个值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken together with %1 (%2)</source>
        <translation>与%1一起采用（%2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Values that belong together are ticked and taken together (%1).</source>
        <translation>相互关联的值会一起勾选、一起采用（%1）。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot combine</source>
        <translation>不能合并</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>No conflicts to resolve. Conflicts appear here when an imported package changed a record that was also changed here.</source>
        <translation>没有待处理的冲突。导入的数据包修改了本机也修改过的记录时，冲突会列在这里。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/conflict_words.py" line="+41"/>
        <source>what the order is about</source>
        <translation>整改对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deadlines and extension</source>
        <translation>整改期限与延期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>progress of the order</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test result and re-test</source>
        <translation>检验结论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refusal to sign</source>
        <translation>拒签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certificate</source>
        <translation>认证证书</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No re-test requested</source>
        <translation>未申请复检</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted (%1)</source>
        <translation>已删除（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not in this database: %1…)</source>
        <translation>（本机没有此记录：%1…）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Random draw %1</source>
        <translation>抽查摇号 %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../qcdesk/ui/exchange_dialogs.py" line="+56"/>
        <location filename="../../qcdesk/ui/export_questions.py" line="+54"/>
        <location line="+33"/>
        <source>Export signed package</source>
        <translation>导出签名数据包</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the jurisdiction</source>
        <translation>请选择辖区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>County office</source>
        <translation>县级局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City office</source>
        <translation>市级局</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Secret key</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save to folder</source>
        <translation>保存到文件夹</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Choose an existing folder for the package.</source>
        <translation>请选择一个已存在的文件夹来保存数据包。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the signer&apos;s name and choose the jurisdiction.</source>
        <translation>请填写签名人姓名，并选择辖区。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Choose your secret key file (.key). If you have none, make one under Settings ▸ Signing key…</source>
        <translation>请选择您的私钥文件（.key）。如果还没有，请在“设置 ▸ 签名密钥…”中创建。</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>E&amp;verything (not only what changed since the last package)</source>
        <translation>全部数据（不只是上次导出以来的变更）(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include p&amp;hoto files</source>
        <translation>包含照片文件(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Br&amp;owse…</source>
        <translation>浏览(&amp;O)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Secret &amp;key:</source>
        <translation>私钥文件(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to &amp;folder:</source>
        <translation>保存到文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Si&amp;gner:</source>
        <translation>签名人(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jurisdiction:</source>
        <translation>辖区(&amp;J)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>The package is still being written. Wait until it is finished, or press Cancel in the progress window; then close this window.</source>
        <translation>数据包仍在写入。请等它写完，或在进度窗口中点“取消”，然后再关闭此窗口。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/key_unlock.py" line="+67"/>
        <source>Type the passphrase again (check Caps Lock and the input method).</source>
        <translation>请重新输入口令（注意大小写锁定和输入法）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose your own secret key file (.key), made under Settings ▸ Signing key…; a public key (.pub) cannot sign.</source>
        <translation>请选择您自己的私钥文件（.key），可在 设置 ▸ 签名密钥… 中创建；公钥（.pub）不能用于签名。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/exchange_dialogs.py" line="-56"/>
        <location line="+3"/>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not exported: nothing was added or changed since the last package.</source>
        <translation>未导出：自上一个数据包以来没有新的或修改的记录。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the package…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/export_questions.py" line="-43"/>
        <source>Nothing was added or changed since the last package (no. %1). Export an empty package anyway? (It can report that there is no new data for this period.)</source>
        <translation>自上一个数据包（第%1号）以来没有新的或修改的记录。仍要导出一个空数据包吗？（可用于报告本期无新数据）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 photo files have not been sent yet; only a package made with “Include photo files” ticked carries them. To send them, answer No, tick it and export again.</source>
        <translation>另有 %1 张照片文件尚未发出，只有勾选“包含照片文件”导出的数据包才会带上它们。要发出这些照片，请选“否”，勾选该项后再导出。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This export will lock these visits as sent, and they have unsaved changes in a draft:</source>
        <translation>本次导出将锁定以下检查记录（已报送），但它们留有未保存的草稿：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What was typed in those drafts is not in the package, and after the export the visits can no longer be edited: it could then only be recorded as an amendment. Open the drafts first, restore and save them, then export.</source>
        <translation>草稿中输入的内容不在数据包里；导出后这些检查记录不能再修改，仍需要的内容只能用“更正”补记。请先打开草稿，恢复并保存后再导出。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open the drafts first</source>
        <translation>先打开草稿(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export anyway</source>
        <translation>仍然导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not exported: visits it would lock have unsaved drafts. Open them (Unsaved drafts in the status bar), restore and save them, then export.</source>
        <translation>未导出：将被锁定的检查记录留有未保存的草稿。请从状态栏的“未保存的草稿”打开它们，恢复并保存后再导出。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/exchange_dialogs.py" line="+32"/>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Package written: %1</source>
        <translation>数据包已保存：%1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../qcdesk/ui/import_dialog.py" line="+97"/>
        <source>Import signed package</source>
        <translation>导入签名数据包</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kind</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicting</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Show all &amp;warnings</source>
        <translation>列出全部注意事项(&amp;W)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Check</source>
        <translation>核验(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Package:</source>
        <translation>数据包(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into &amp;database:</source>
        <translation>导入到数据库(&amp;D)：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose the package file (.zip) you received, then press Check.</source>
        <translation>请选择收到的数据包文件（.zip），然后点击“核验”：先核验签名和内容，确认后再导入。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Checking the package…</source>
        <translation>正在检查数据包…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The import is still running. Wait until it is finished, or press Cancel in the progress window; then close this window.</source>
        <translation>仍在导入。请等导入完成，或在进度窗口中点“取消”，然后再关闭此窗口。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The package is still being checked. Wait a moment until the check is finished, then close this window.</source>
        <translation>仍在检查数据包。请稍候，检查完成后再关闭此窗口。</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>This package was imported before and its records are all in the database; %n of its photo(s) are missing on this computer. Press Import to bring them back.</source>
        <translation>
            <numerusform>该数据包已导入过，记录都已在数据库中；本机缺少它的 %n 张照片，点“导入”即可补齐。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importing it changes no records; it only puts the missing photos into this computer&apos;s photo folder.</source>
        <translation>导入不会改动任何记录，只会把缺少的照片放回本机照片文件夹。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the photo folder was changed: the records were already in the database, which was not changed.</source>
        <translation>只补齐了照片文件夹：这些记录本已在数据库中，数据库未作改动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask the sender for their public key (.pub), add it under Settings ▸ Trusted public keys… after checking the fingerprint by phone, then check this package again. Who the package says it is (in brackets) is unchecked, as anyone can write it: call that office on a number you already have.</source>
        <translation>请向发送方索取其公钥文件（.pub），电话核对指纹后在“设置 ▸ 信任的公钥…”中添加，然后重新检查此数据包。括号中是数据包自称的身份，未经核实，任何人都可以这样写：请用您原有的电话号码与该单位核对。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This key was revoked. Ask the sender to export again with their new key, after you have added that key.</source>
        <translation>该密钥已被吊销。请发送方用新密钥重新导出，并先将新密钥加入信任列表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This package was imported before; there is nothing to do.</source>
        <translation>此数据包此前已导入，无需再做任何操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the sender to export the package again and send the file unchanged (not unpacked or re-zipped).</source>
        <translation>请发送方重新导出数据包，并原样发送文件（不要解压或重新压缩）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database was not changed.</source>
        <translation>数据库未作任何改动。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import cancelled. The database was not changed.</source>
        <translation>已取消导入，数据库未作任何改动。</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <source>Signed by: %1, key fingerprint %2, package no. %3</source>
        <translation>签名人：%1，密钥指纹 %2，第 %3 号数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no name on the trust list)</source>
        <translation>（信任列表中未登记姓名）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signature and signer verified. Nothing has been written yet.</source>
        <translation>签名和签名人已核验，尚未写入任何数据。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Importing will make %n conflict(s) (resolve them after the import under Record ▸ Resolve merge conflicts…).</source>
        <translation>
            <numerusform>导入后将产生 %n 处冲突（导入后在“记录 ▸ 处理合并冲突…”中处理）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message numerus="yes">
        <location line="-16"/>
        <source>%n conflict(s) to resolve.</source>
        <translation>
            <numerusform>有 %n 处冲突待处理，请在“记录 ▸ 处理合并冲突…”中处理。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Imported: the %n record(s) of this package are in the database.</source>
        <translation>
            <numerusform>已导入：该数据包的 %n 条记录已在数据库中。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Afterwards the note of the copy taken before this import could not be written: %1 Nothing is missing; the next import takes a copy of its own.</source>
        <translation>但随后无法记下本次导入前所做备份的说明：%1 没有缺少任何内容；下次导入时会另做一份备份。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>But %n of its photo(s) could not be put into the photo folder: %1</source>
        <translation>
            <numerusform>但随后有 %n 张照片未能放入照片文件夹：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>But its photos could not all be put into the photo folder: %1</source>
        <translation>但随后有照片未能放入照片文件夹：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free space on the disk of the photo folder %1 or make sure it can be written, then press Import again (or import this package again later): its records are not imported twice, only its missing photos are put back.</source>
        <translation>请腾出照片文件夹 %1 所在磁盘的空间，或确认该文件夹可以写入，然后再点“导入”（或以后再次导入此数据包）：记录不会重复导入，只会补齐缺少的照片。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>…and %1 more of this kind (%2, %3 in all): Show all warnings lists them.</source>
        <translation>…另有 %1 处同类情况（%2，共 %3 处），点“列出全部注意事项”可逐条查看。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Period: %1 to %2</source>
        <translation>期间：%1～%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period: from %1</source>
        <translation>期间：自 %1 起</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scope: all records (up to %1)</source>
        <translation>范围：全部记录（截至 %1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope: changes since the previous export (up to %1)</source>
        <translation>范围：自上次导出以来的变更（截至 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scope: up to %1</source>
        <translation>范围：截至 %1</translation>
    </message>
</context>
<context>
    <name>KeyUnlock</name>
    <message>
        <location filename="../../qcdesk/ui/key_unlock.py" line="-33"/>
        <source>Secret key</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlocking the secret key…</source>
        <translation>正在解开私钥，请稍候…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Wrong passphrase: the secret key cannot be unlocked.</source>
        <translation>口令不正确，无法解开私钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A forgotten passphrase cannot be recovered: make a new key under Settings ▸ Signing key ▸ Make a new key, and give its public key (.pub) to the receiving office.</source>
        <translation>口令无法找回：如已忘记，请在“设置 ▸ 签名密钥”中点“生成新密钥”，并把新公钥（.pub）交给接收方。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the passphrase of your secret key, then export again.</source>
        <translation>请输入私钥的口令，然后再导出。</translation>
    </message>
</context>
</TS>
