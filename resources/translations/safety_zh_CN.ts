<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../qcdesk/ui/backup_dialog.py" line="+70"/>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before demo data</source>
        <translation>生成演示数据前</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Backups</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>QCDesk keeps a copy at the first start of each day, before every upgrade and before every import (a day&apos;s run of package imports with nothing else changed in between shares the copy taken before its first; the packages imported since are kept in the received folder). Folder: %1. These copies hold the database only: the photo files stay in the photo folder, which QCDesk never empties. “Save a copy as…” also copies the photo files, into a %2 folder beside the copy: carry the two away together.</source>
        <translation>QCDesk 在每天首次启动时、每次升级前和每次导入前自动备份（同一天接连导入数据包、其间数据没有其他改动时，共用第一个数据包导入前的备份；此后导入的数据包都保存在数据库旁的“received”文件夹中）。备份文件夹：%1。这些自动备份只含数据库，不含照片文件：照片文件留在照片文件夹中，QCDesk 从不删除。“另存副本…”会同时复制照片文件，放在副本旁边的“%2”文件夹中：请把副本和这个文件夹一起带走。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Restoring is available from the main window.</source>
        <translation>请从主窗口打开本对话框以进行恢复。</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>copies taken before an import, and manual copies</source>
        <translation>份（导入前备份、手动备份各自保留）</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>&amp;Keep the newest</source>
        <translation>保留最近(&amp;K)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Daily copies: the newest 7 (fewer if the number above is lower), then one a week for 4 weeks and one a month for 12 months. Copies taken before a restore, an upgrade or demo data: the newest 3 of each, and all of the last 30 days.</source>
        <translation>每日备份：保留最新 7 份（上面的份数更小时按该数），此外最近 4 周每周一份、最近 12 个月每月一份。恢复前、升级前和生成演示数据前的副本：每类保留最新 3 份，最近 30 天内的全部保留。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save a copy as…</source>
        <translation>另存副本(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore selected…</source>
        <translation>恢复所选备份(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore from &amp;file…</source>
        <translation>从文件恢复(&amp;F)…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 (the newest 3 kept)</source>
        <translation>%1（保留最新 3 份）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (later than this computer&apos;s time)</source>
        <translation>%1（时间晚于本机当前时间）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Backups folder: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>packages received: %1</source>
        <translation>收到的数据包：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photos: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>free on this disk: %1</source>
        <translation>该磁盘剩余空间：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The number of copies to keep was not changed: %1</source>
        <translation>保留份数未更改：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+52"/>
        <source>Backup written: %1</source>
        <translation>已备份：%1</translation>
    </message>
    <message>
        <location line="-45"/>
        <location line="+37"/>
        <source>Save a copy of the database</source>
        <translation>保存数据库副本</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>QCDesk database (*.db)</source>
        <translation>QCDesk 数据库 (*.db)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copying the photo files…</source>
        <translation>正在复制照片文件…</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/copy_cancelled.py" line="+36"/>
        <source>Cancelled; nothing was written: %1 was not created.</source>
        <translation>已取消，未写入任何内容：没有创建 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled; %1 was not replaced: it is still the copy saved on %2 and does not hold the changes made since. Save the copy again to replace it; the photos copied so far are kept and not copied again.</source>
        <translation>已取消，%1 未被替换：它仍是 %2 保存的那份副本，不含此后的改动。请再保存一次副本以替换它；已复制的照片会保留，不再重复复制。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled while copying the photo files: %1 holds a database copy, but not all of its photos. Save the copy to the same folder again to finish; the photos copied so far are kept and not copied again.</source>
        <translation>复制照片文件时已取消：已有数据库副本 %1，但其照片未全部复制。请再次把副本保存到同一文件夹以完成复制；已复制的照片会保留，不再重复复制。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/backup_dialog.py" line="+40"/>
        <source>Select a backup first.</source>
        <translation>请先选择一个备份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore from file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QCDesk database (*.db);;All files (*)</source>
        <translation>QCDesk 数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+51"/>
        <location line="+86"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Replace the current database with the backup %1? The current database is copied to the backups folder first.</source>
        <translation>用备份 %1 替换当前数据库？当前数据库会先复制到备份文件夹。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The restore undoes these changes made since the backup:</source>
        <translation>恢复将撤销备份之后的这些改动：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Now → after the restore: %1</source>
        <translation>当前 → 恢复后：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+80"/>
        <source>Checking the backup file…</source>
        <translation>正在检查备份文件…</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Comparing the backup with the current database…</source>
        <translation>正在比对备份与当前数据库……</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+98"/>
        <source>Cancelled; nothing was restored.</source>
        <translation>已取消，未恢复任何数据。</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>The backup %1 holds exactly what the database holds now; nothing was restored.</source>
        <translation>备份 %1 与当前数据库的内容完全相同，无需恢复，未做任何改动。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading the backup…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copying the current database to the backups folder…</source>
        <translation>正在把当前数据库复制到备份文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the backup into the database; this cannot be cancelled…</source>
        <translation>正在把备份写入数据库，此步骤不能取消…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bringing back the photo files…</source>
        <translation>正在取回照片文件…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing was restored; the current database is open again.</source>
        <translation>未恢复任何内容，当前数据库已重新打开。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restored from %1.</source>
        <translation>已从 %1 恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The previous database was kept as %1.</source>
        <translation>原数据库已保存为 %1。</translation>
    </message>
</context>
<context>
    <name>DiskNotice</name>
    <message>
        <location filename="../../qcdesk/ui/disk_notice.py" line="+53"/>
        <source>Disk almost full: %1 free</source>
        <translation>磁盘空间不足：剩余 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Disk almost full</source>
        <translation>磁盘空间不足</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../qcdesk/ui/history_dialog.py" line="+51"/>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adopted</source>
        <translation>纳入审计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>数据包导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict resolved</source>
        <translation>解决合并冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction: reopened</source>
        <translation>更正：重新打开</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finding</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Visit date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspectors</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conclusion</source>
        <translation>检查结论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent in package</source>
        <translation>报送数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requirement</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires on</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Task no.</source>
        <translation>任务编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organising body</source>
        <translation>组织单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trademark</source>
        <translation>商标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specification / model</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch no.</source>
        <translation>生产批号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production date</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>质量等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Executed standard</source>
        <translation>执行标准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot size</source>
        <translation>抽样基数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample quantity</source>
        <translation>抽样数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test sample quantity</source>
        <translation>检验样品数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup sample quantity</source>
        <translation>备用样品数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence no.</source>
        <translation>许可证编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal state</source>
        <translation>封样状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling place</source>
        <translation>抽样地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise size</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samplers</source>
        <translation>抽样人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling date</source>
        <translation>抽样日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise refused to sign</source>
        <translation>企业拒绝签字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for refusal</source>
        <translation>拒签理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed items</source>
        <translation>不合格项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result notified on</source>
        <translation>结果送达日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pending test</source>
        <translation>待检</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-test under way</source>
        <translation>复检中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-test passed</source>
        <translation>复检合格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-test failed</source>
        <translation>复检不合格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major</source>
        <translation>较重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished-goods warehouse</source>
        <translation>成品仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>History</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This record matches its audit trail.</source>
        <translation>该记录与审计记录一致。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Author</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No changes recorded one by one: the record was written in bulk (demo data, an imported package or list) or before the audit trail, and has not been edited since.</source>
        <translation>没有逐条的修改记录：该记录是批量写入的（演示数据、导入的数据包或名录），或在启用审计之前写入，此后未被修改。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Its current version came in package no. %1 of key %2, received after that key&apos;s revocation: check it.</source>
        <translation>其当前版本来自密钥 %2 的序号 %1 数据包，该包在此密钥吊销之后收到，请核查。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Source: made in this database.</source>
        <translation>来源：在本机录入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (revoked %1)</source>
        <translation>（已吊销 %1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (to be revoked %1)</source>
        <translation>（将于 %1 吊销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (received after revocation)</source>
        <translation>（吊销后收到）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source: a package signed with key %1 (on the trust list without a name).</source>
        <translation>来源：由密钥 %1 签名的数据包（该密钥在信任列表中，但未登记姓名）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source: a package signed with key %1, which is not on the trust list.</source>
        <translation>来源：由密钥 %1 签名的数据包（该密钥不在信任列表中）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>County bureau</source>
        <translation>县级局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City office</source>
        <translation>市级局</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source: %1 (%2), key %3.</source>
        <translation>来源：%1（%2），密钥 %3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Named by the package of %1.</source>
        <translation>（姓名据 %1 的数据包）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Outside QCDesk</source>
        <translation>QCDesk 之外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepted by %1</source>
        <translation>已由 %1 接受</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Amendment: %1</source>
        <translation>更正：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not accepted yet</source>
        <translation>尚未接受</translation>
    </message>
</context>
<context>
    <name>StorageNotice</name>
    <message>
        <location filename="../../qcdesk/ui/storage_notice.py" line="+46"/>
        <source>Database on a network drive — may be damaged</source>
        <translation>数据库在网络盘上，有损坏风险</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database in a synced folder — may be damaged</source>
        <translation>数据库在同步文件夹中，有损坏风险</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Where the database is</source>
        <translation>数据库的存放位置</translation>
    </message>
</context>
<context>
    <name>UnfinishedNotice</name>
    <message>
        <location filename="../../qcdesk/ui/export_notice.py" line="+72"/>
        <source>Package %1 recorded but not finished</source>
        <translation>数据包 %1 已记录但未完成命名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 packages recorded but not finished</source>
        <translation>%1 个数据包已记录但未完成命名</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Package not finished</source>
        <translation>数据包未完成命名</translation>
    </message>
</context>
</TS>
