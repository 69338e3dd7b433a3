<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../qcdesk/ui/exchange_dialogs.py" line="+277"/>
        <source>Conflicts to resolve</source>
        <translation>处理合并冲突</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>数据类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record ID</source>
        <translation>记录标识</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>冲突原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current</source>
        <translation>本机现有</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other version</source>
        <translation>导入的版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep current</source>
        <translation>保留本机现有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use other version</source>
        <translation>采用导入的版本</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Changed on both sides</source>
        <translation>双方都修改过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same credit code registered twice</source>
        <translation>同一统一社会信用代码登记了两次</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n conflict(s) to resolve: select one, compare the two versions and keep one.</source>
        <translation>
            <numerusform>共 %n 处冲突待处理：请逐条选中，对比两个版本后保留其一。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conflicts to resolve. Conflicts appear here when an imported package changed a record that was also changed here.</source>
        <translation>没有待处理的冲突。导入的数据包修改了本机也修改过的记录时，冲突会列在这里。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location line="-258"/>
        <source>Export signed package</source>
        <translation>导出签名数据包</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>County office</source>
        <translation>县级局</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everything (not only what changed since the last package)</source>
        <translation>全部数据（不只是上次导出以来的变更）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include photo files</source>
        <translation>包含照片文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+24"/>
        <source>Secret key</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Save to folder</source>
        <translation>保存到文件夹</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction code</source>
        <translation>辖区代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+65"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Choose an existing folder for the package.</source>
        <translation>请选择一个已存在的文件夹来保存数据包。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the signer&apos;s name and jurisdiction code.</source>
        <translation>请填写签名人姓名和辖区代码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose your secret key file (.key). If you have none, make one under Settings › Signing key…</source>
        <translation>请选择您的私钥文件（.key）。如果还没有，请在“设置 › 签名密钥…”中创建。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the package…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Package written: %1</source>
        <translation>数据包已保存：%1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location line="+13"/>
        <source>Import signed package</source>
        <translation>导入签名数据包</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+6"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the package file (.zip) you received, then press Check.</source>
        <translation>请选择收到的数据包文件（.zip），然后点击“检查”。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checking the package…</source>
        <translation>正在检查数据包…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signature and signer verified. Nothing has been written yet.</source>
        <translation>签名和签名人已核验，尚未写入任何数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n conflict(s) to resolve.</source>
        <translation>
            <numerusform>有 %n 处冲突待处理，请在“记录 › 处理合并冲突…”中处理。</numerusform>
        </translation>
    </message>
</context>
</TS>
