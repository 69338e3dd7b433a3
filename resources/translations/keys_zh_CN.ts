<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../../qcdesk/ui/signing_key.py" line="+83"/>
        <location line="+161"/>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Your signing key</source>
        <translation>本机签名密钥</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Create a signing key</source>
        <translation>创建签名密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No signing key exists on this computer yet. Packages you send are signed with it; the passphrase protects it and is never stored.</source>
        <translation>本机尚无签名密钥。发送的数据包将用它签名；口令用于保护私钥，不会被保存。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Bring the old key back</source>
        <translation>找回旧密钥(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep the current key</source>
        <translation>保留当前密钥(&amp;K)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. 张三</source>
        <translation>例如：张三</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the jurisdiction</source>
        <translation>请选择所属辖区</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Jurisdiction:</source>
        <translation>辖区(&amp;J)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+146"/>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <location line="-145"/>
        <location line="+145"/>
        <source>County bureau</source>
        <translation>县级局</translation>
    </message>
    <message>
        <location line="-144"/>
        <location line="+145"/>
        <source>City office</source>
        <translation>市级局</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>at least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase &amp;again:</source>
        <translation>再次输入口令(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For an old or small &amp;laptop: unlock with less memory (16 MiB instead of 1 GiB; a stolen key file is then quicker to guess)</source>
        <translation>旧电脑或内存较小的笔记本(&amp;L)：解锁时少用内存（16 MiB，而非 1 GiB；私钥文件一旦被盗，口令更容易被试出）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Create key</source>
        <translation>创建密钥(&amp;C)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Spaces alone are no passphrase: type words or characters</source>
        <translation>口令不能只有空格：请输入文字或字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too short: at least %1 characters (now %2)</source>
        <translation>口令太短：至少需要 %1 个字符（当前 %2 个）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases differ</source>
        <translation>两次输入的口令不一致</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The city office role is only for 咸宁市 (421200): choose that jurisdiction, or the inspector or county role.</source>
        <translation>市级局角色只用于咸宁市（421200）的密钥：请把辖区选为咸宁市，或改选 检查员 或 县级局 角色。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Deriving the key from the passphrase…</source>
        <translation>正在由口令派生密钥，请稍候…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Fingerprint — read it out by phone to whoever adds your key:</source>
        <translation>指纹——请通过电话向添加您公钥的人逐组读出：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key id:</source>
        <translation>密钥编号：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signer:</source>
        <translation>签名人：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Public key:</source>
        <translation>公钥文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret key:</source>
        <translation>私钥文件：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the secret key file to yourself; only the public key is sent.</source>
        <translation>私钥文件请妥善保管，切勿外传；只需发送公钥。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export public key…</source>
        <translation>导出公钥…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy fingerprint</source>
        <translation>复制指纹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New key made. Give its public key (Export public key…) to the receiving office and read them the fingerprint by phone; ask them to revoke the old key (key id %1). The old key pair is kept in %2.</source>
        <translation>新密钥已生成。请把新公钥（“导出公钥…”）交给接收方，并电话核对指纹；请接收方吊销旧密钥（密钥编号 %1）。旧密钥已保存在 %2。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Make a &amp;new key (passphrase forgotten or moved to another jurisdiction)…</source>
        <translation>生成新密钥（忘记口令或调动辖区）(&amp;N)…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Make a new key</source>
        <translation>生成新密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current key (key id %1) will be moved to the folder “%2” inside the keys folder once the new key is made; it is not deleted. Packages are then signed with the new key only: its public key goes to the receiving office, which should revoke the old key.

Make a new key now?</source>
        <translation>新密钥生成后，当前密钥（密钥编号 %1）将移到密钥文件夹中的“%2”文件夹，不会删除。此后只用新密钥签名：新公钥要交给接收方，并请接收方吊销旧密钥。

现在生成新密钥吗？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The current key (key id %1) stays in use until the new key is made; then it is moved to the folder “%2” inside the keys folder. After a move, choose the new jurisdiction; a forgotten passphrase cannot be recovered, so choose a new one.</source>
        <translation>新密钥生成之前，当前密钥（密钥编号 %1）仍然有效；生成后才移到密钥文件夹中的“%2”文件夹。如已调动，请选择新辖区；忘记的口令无法找回，请设一个新口令。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No key is in use on this computer, but a replaced key is kept in %1 (key id %2%3). If you still know its passphrase and have not asked the receiving office to revoke it, bring it back; otherwise make a new key below.</source>
        <translation>本机没有正在使用的签名密钥，但 %1 中保存着一个被替换的旧密钥（密钥编号 %2%3）。如果还记得它的口令、也没有请接收方吊销它，可以找回旧密钥继续使用；否则请在下面生成新密钥。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public keys (*.pub)</source>
        <translation>公钥文件 (*.pub)</translation>
    </message>
</context>
<context>
    <name>ReceivedArchive</name>
    <message>
        <location filename="../../qcdesk/ui/received_archive_view.py" line="+35"/>
        <location line="+23"/>
        <location line="+47"/>
        <source>Archive older packages</source>
        <translation>归档较早的数据包</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Choose the archive folder (such as a USB stick)</source>
        <translation>选择归档文件夹（如 U 盘上的文件夹）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archive the packages received more than this many months ago (all signers):</source>
        <translation>归档多少个月以前收到的数据包（所有签名人）：</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>No package in received/ was received more than %1 months ago: nothing to archive. %n newer package(s) stay in received/.</source>
        <translation>
            <numerusform>received/ 中没有 %1 个月以前收到的数据包，无需归档。%n 个较新的数据包留在 received/ 中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Move %n package(s) received more than %1 months ago (%2 in all, from every signer) from received/ to %3?</source>
        <translation>
            <numerusform>把 %1 个月以前收到的 %n 个数据包（共 %2，包括所有签名人的）从 received/ 移到 %3？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Each is copied there, read back and checked against the SHA-256 recorded at import before it is deleted from received/; every move is listed in archived.tsv in both folders. %n newer package(s) stay in received/. Keep the stick safe: it holds the evidence of who sent what.</source>
        <translation>
            <numerusform>每个数据包先复制到那里，读回并与导入时记录的 SHA-256 核对一致后，才从 received/ 中删除；每次移动都记在两个文件夹的 archived.tsv 中。%n 个较新的数据包留在 received/ 中。请妥善保管这个 U 盘：它保存着谁发送了什么的证据。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Archiving %1 (%2 of %3)…</source>
        <translation>正在归档 %1（第 %2 个，共 %3 个）…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Archiving %n package(s)…</source>
        <translation>
            <numerusform>正在归档 %n 个数据包…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Archived %n package(s) to %1; %2 freed in received/. Each was read back there and matched its SHA-256 before it was deleted from received/ (listed in archived.tsv there and in received/).</source>
        <translation>
            <numerusform>已归档 %n 个数据包到 %1，received/ 中腾出 %2。每个都在归档处读回并核对 SHA-256 一致后，才从 received/ 中删除（清单见该文件夹和 received/ 中的 archived.tsv）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Stopped on Cancel: %n package(s) not yet moved stay in received/; archive again to move them.</source>
        <translation>
            <numerusform>已按“取消”停止：尚未移动的 %n 个数据包仍在 received/ 中，如需移动请再归档一次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n package(s) could not be moved and stay in received/:</source>
        <translation>
            <numerusform>%n 个数据包未能归档，仍在 received/ 中：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled: no package was moved.</source>
        <translation>已取消：没有移动任何数据包。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No package was deleted from received/.</source>
        <translation>received/ 中的数据包都没有删除。</translation>
    </message>
</context>
<context>
    <name>ReceivedPackages</name>
    <message>
        <location filename="../../qcdesk/ui/received_view.py" line="+40"/>
        <source>Last sequence</source>
        <translation>最近序号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing sequences</source>
        <translation>缺少序号</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 %2 in all</source>
        <translation>%1共 %2 个</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No. %1 (received %2)</source>
        <translation>序号 %1（接收于 %2）</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n package(s) from this key were imported after its revocation time: %1. Their records are still in the database and may come from whoever took the key: check them. The received packages list marks them.</source>
        <translation>
            <numerusform>该密钥在吊销时间之后已有 %n 个数据包被导入：%1。其记录仍在数据库中，可能是盗用者所发，请核查；“收到的数据包”列表中已标出。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivedPackagesDialog</name>
    <message>
        <location line="+14"/>
        <source>Packages received from %1</source>
        <translation>收到的 %1 的数据包</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>Key %1: %n package(s) received.</source>
        <translation>
            <numerusform>密钥 %1：已收到 %n 个数据包。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Missing: %1 — ask the signer to send them again.</source>
        <translation>缺少序号 %1，请向签名人索取。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Package(s) %1 named a previous package other than the one received here: the key was used on two computers, or the signer&apos;s database was restored from an older backup, and some records may not have arrived. Ask the signer to export “Everything” once on each computer that used this key and send it: what you already have imports as unchanged.</source>
        <translation>序号 %1 声明的上一个包与本机收到的不一致：可能同一密钥在两台电脑上使用，或签名人的数据库从旧备份恢复，有的记录可能没有送到。请签名人在每台用过此密钥的电脑上导出一次“全部数据”并发来：本机已有的记录导入时为“未变”。</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Sequence</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received at</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>注意</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Archive older packages…</source>
        <translation>归档较早的数据包…</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n of them archived (the last to %1); received/archived.tsv lists where each went.</source>
        <translation>
            <numerusform>其中 %n 个已归档（最近一次归档到 %1），每个的去处见 received/archived.tsv。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Previous package differs</source>
        <translation>上一个包不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received after revocation</source>
        <translation>吊销后收到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed before the previous package</source>
        <translation>签名时间早于上一个包</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Full</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>up to %1</source>
        <translation>截至 %1</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../qcdesk/ui/report_dialog.py" line="+84"/>
        <source>Quarterly quality analysis report</source>
        <translation>季度质量状况分析报告</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Q1 (Jan–Mar)</source>
        <translation>第一季度（1～3月）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Q2 (Apr–Jun)</source>
        <translation>第二季度（4～6月）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Q3 (Jul–Sep)</source>
        <translation>第三季度（7～9月）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Q4 (Oct–Dec)</source>
        <translation>第四季度（10～12月）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Period:</source>
        <translation>报告期(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All jurisdictions (whole city)</source>
        <translation>全部辖区（全市）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Jurisdiction:</source>
        <translation>辖区(&amp;J)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>PDF &amp;file:</source>
        <translation>PDF 文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also save the tables as a &amp;spreadsheet:</source>
        <translation>同时将表格保存为电子表格(&amp;S)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save spreadsheet</source>
        <translation>保存电子表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>电子表格 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../qcdesk/ui/keys_dialog.py" line="+59"/>
        <source>Trusted keys</source>
        <translation>信任的公钥</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jurisdiction</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked</source>
        <translation>吊销时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No trusted keys yet. Add the public key of each inspector or county whose packages you receive.</source>
        <translation>信任列表为空。请添加向您发送数据包的每位检查员或县级局的公钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add public key…</source>
        <translation>添加公钥…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke…</source>
        <translation>吊销…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received packages…</source>
        <translation>收到的数据包…</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="+8"/>
        <source>from %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <location line="+71"/>
        <location line="+5"/>
        <source>Add public key</source>
        <translation>添加公钥</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>公钥文件 (*.pub);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file is not a usable public key: %1</source>
        <translation>该文件不是可用的公钥：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the .pub public key file the other side sent you (kept together with its .json description). A package (.zip), its manifest or a secret key (.key) cannot be added.</source>
        <translation>请选择对方发来的 .pub 公钥文件（与其 .json 说明文件放在一起）。数据包（.zip）、其清单文件或私钥（.key）不能添加。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Key id: %1

Fingerprint:
%2

Check the fingerprint with the key&apos;s owner by phone. Does it match what they read out?</source>
        <translation>密钥编号：%1

指纹：
%2

请与对方电话核对指纹。与对方读出的指纹完全一致吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file names its owner: %1 (%2). The trust list will record this name.</source>
        <translation>文件注明的持有人：%1（%2）。信任列表将登记此姓名，请在电话中一并核对。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing to do: its packages are already accepted.</source>
        <translation>无需操作：该密钥签名的数据包已可导入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the owner to make a new key and send you its .pub file.</source>
        <translation>请密钥持有人新建密钥，并把新的 .pub 公钥文件发给您。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Revoke key</source>
        <translation>吊销公钥</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Packages from key %1 (%2) received from this date on will be refused. A revocation cannot be lifted.</source>
        <translation>自该日期起收到的密钥 %1（%2）签名的数据包将被拒绝。吊销后不能撤销。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Effective from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Revoke key %1 from %2?</source>
        <translation>确定自 %2 起吊销密钥 %1？</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not revoked: %1 is still to come, and packages received from the key until then would be accepted. Revoke from today, or from the day the key was lost or stolen; a key that is to stop on a later day is revoked on that day.</source>
        <translation>未吊销：%1 还没到，在那之前收到的该密钥的数据包仍会被接受。请从今天吊销，或从密钥丢失、被盗的那天吊销；要在以后某天停用的密钥（如持有人调离），请到那天再吊销。</translation>
    </message>
    <message>
        <location filename="../../qcdesk/ui/trust_name.py" line="+27"/>
        <source>The name comes from the key&apos;s description file, made by an older QCDesk. Enter the owner&apos;s name as confirmed on the phone, or cancel and ask them to make the key again.</source>
        <translation>该姓名取自旧版 QCDesk 生成的密钥说明文件。请输入经电话确认的密钥持有人姓名；或点“取消”，请对方重新生成密钥。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The trust list already has a key for the same name, jurisdiction and role: %1 (fingerprint %2, last sequence %3). Is this a new key replacing it? If so, revoke the old key after adding this one. If it is another person of the same name, add it as well: the Key id column tells the two apart.</source>
        <translation>信任列表中已有同名、同辖区、同角色的密钥 %1（指纹 %2，最近序号 %3）：是换了新密钥吗？如是，加入后请吊销旧密钥。如是同名的另一个人，也可加入：“密钥编号”一列可区分两者。</translation>
    </message>
</context>
</TS>
