<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CountyChoice</name>
    <message>
        <location filename="../../qcdesk/ui/roster_import_choices.py" line="+34"/>
        <source>None: the list must give each one&apos;s county</source>
        <translation>不指定（表中须填写每家企业的所属县市区）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enterprises without a c&amp;ounty:</source>
        <translation>未填写所属县市区的企业(&amp;O)：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Import only the enterprises of this file into the enterprise list?</source>
        <translation>仍只把这个文件中的企业导入企业名录吗？</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="+140"/>
        <source>Import enterprise list</source>
        <translation>导入企业名录</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="+136"/>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save blank &amp;template…</source>
        <translation>保存空白模板(&amp;T)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="-15"/>
        <source>Choose the list to import. Nothing is written before you press Import.</source>
        <translation>请选择要导入的名录。按“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="+20"/>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+127"/>
        <location line="+60"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+126"/>
        <location line="+60"/>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="-27"/>
        <location line="+14"/>
        <location line="+29"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+14"/>
        <location line="+29"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="+1"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save &amp;report…</source>
        <translation>保存导入结果(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="+1"/>
        <source>Choose enterprise list</source>
        <translation>选择企业名录</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="+23"/>
        <source>Spreadsheets (%1)</source>
        <translation>电子表格 (%1)</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="+2"/>
        <source>Reading and checking the list…</source>
        <translation>正在读取并检查名录…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Import spot-check ledger</source>
        <translation>导入抽查台账</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose spot-check ledger</source>
        <translation>选择抽查台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spot-check ledger</source>
        <translation>抽查台账</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Reading and checking the ledger…</source>
        <translation>正在读取并检查台账…</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>%1 rows partly imported: some of their cells have problems and are left out (see the list).</source>
        <translation>部分导入 %1 行：其中有单元格有问题，未导入（见列表）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import rectification ledger</source>
        <translation>导入整改台账</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose rectification ledger</source>
        <translation>选择整改台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectification ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save blank rectification ledger</source>
        <translation>保存空白整改台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This county&apos;s rectification ledger (xlsx, xls, et, ods, csv)</source>
        <translation>本县的整改台账（xlsx、xls、et、ods、csv）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the rectification ledger to import. Nothing is written before you press Import.</source>
        <translation>请选择要导入的整改台账。按“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save blank spot-check ledger</source>
        <translation>保存空白抽查台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This county&apos;s spot-check ledger (xlsx, xls, et, ods, csv)</source>
        <translation>本县的抽查台账（xlsx、xls、et、ods、csv）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the spot-check ledger to import. Nothing is written before you press Import.</source>
        <translation>请选择要导入的抽查台账。按“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spreadsheet from the city (xlsx, xls, et, ods, csv)</source>
        <translation>市局发来的电子表格（xlsx、xls、et、ods、csv）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import inspector register</source>
        <translation>导入执法人员名录</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="+158"/>
        <source>Certificate no.</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose inspector register</source>
        <translation>选择执法人员名录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspector register</source>
        <translation>执法人员名录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading and checking the register…</source>
        <translation>正在读取并检查名录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save blank inspector register</source>
        <translation>保存空白执法人员名录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enterprise list</source>
        <translation>企业名录</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail: %1</source>
        <translation>不合格：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending test</source>
        <translation>待检</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2, organised by %3</source>
        <translation>%1，%2，组织单位：%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, due %2</source>
        <translation>%1，整改期限至 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due %1</source>
        <translation>整改期限至 %1</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="-218"/>
        <source>Notes on the file</source>
        <translation>关于本文件的说明</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Checking was cancelled. Choose the file again to check it.</source>
        <translation>已取消检查。如需检查，请重新选择文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 rows: %2 new, %3 to update, %4 unchanged, %5 with problems (not imported).</source>
        <translation>共 %1 行：新增 %2 家，更新 %3 家，无变化 %4 家，有问题 %5 行（不导入）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 more rows belong to a firm on an earlier row (see the notes).</source>
        <translation>另有 %1 行与前面的行属同一企业（见“提示”）。</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+60"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+29"/>
        <location line="+11"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+41"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Sheet “%1”</source>
        <translation>工作表“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 more lines are not shown here. Save the report to see every row.</source>
        <translation>另有 %1 条未在此显示；请“保存导入结果”查看全部行。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>County</source>
        <translation>所属县市区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>生产许可证编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence valid until</source>
        <translation>许可证有效期至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main products</source>
        <translation>主要产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import cancelled: nothing was written. Press Import to import the list.</source>
        <translation>已取消导入，未写入任何内容。如需导入，请按“导入”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The list is still being imported. Wait until it is finished, or press Cancel in the progress window; then close this window.</source>
        <translation>名录仍在导入。请等待导入完成，或在进度窗口中按“取消”，然后再关闭本窗口。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged; %4 rows with problems were left out.</source>
        <translation>导入完成：新增 %1 家，更新 %2 家，无变化 %3 家；有问题的 %4 行未导入。</translation>
    </message>
    <message>
        <location line="-344"/>
        <source>The database as it was before this import was kept as %1. To undo the import, restore that copy (File ▸ Backup and restore…).</source>
        <translation>导入前的数据库已备份为 %1。如需撤销本次导入，请恢复这份备份（文件 ▸ 备份与恢复…）。</translation>
    </message>
    <message>
        <location line="+371"/>
        <source>Save import report</source>
        <translation>保存导入结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="-24"/>
        <source>Save blank enterprise list</source>
        <translation>保存空白企业名录</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_dialog.py" line="+9"/>
        <source>The file could not be written: %1</source>
        <translation>文件无法写入：%1</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/roster_import_counts.py" line="-117"/>
        <source>%1 rows: %2 visits to add (%3 samples), %4 rows already on file, %5 with problems (not imported).</source>
        <translation>共 %1 行：新增检查记录 %2 条（样品 %3 个），已在系统中 %4 行，有问题 %5 行（不导入）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 rows: %2 orders to add, %3 rows already on file, %4 with problems (not imported).</source>
        <translation>共 %1 行：新增整改 %2 项，已在系统中 %3 行，有问题 %4 行（不导入）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 rows: %2 inspectors new, %3 to update, %4 unchanged, %5 with problems (not imported).</source>
        <translation>共 %1 行：新增 %2 人，更新 %3 人，无变化 %4 人，有问题 %5 行（不导入）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Imported: %1 visits (%2 samples), %3 rows already on file; %4 rows with problems were left out.</source>
        <translation>导入完成：新增检查记录 %1 条（样品 %2 个），已在系统中 %3 行；有问题的 %4 行未导入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 samples without a result notification date were recorded as notified on their check day.</source>
        <translation>未填写结果送达日期的 %1 个样品按检查日期记为已送达。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Imported: %1 orders, %2 rows already on file; %3 rows with problems were left out.</source>
        <translation>导入完成：新增整改 %1 项，已在系统中 %2 行；有问题的 %3 行未导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported: %1 inspectors new, %2 updated, %3 unchanged; %4 rows with problems were left out.</source>
        <translation>导入完成：新增 %1 人，更新 %2 人，无变化 %3 人；有问题的 %4 行未导入。</translation>
    </message>
</context>
</TS>
