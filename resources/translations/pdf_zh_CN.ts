<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FontRolesBox</name>
    <message>
        <location filename="../../qcdesk/ui/font_picker.py" line="+35"/>
        <source>PDF fonts (found on this computer)</source>
        <translation>PDF 字体（本机已安装）</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+41"/>
        <source>Fonts could not be checked: %1</source>
        <translation>无法检查字体：%1</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Looking for fonts…</source>
        <translation>正在查找字体…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>(built-in, not embedded)</source>
        <translation>（内置字体，未嵌入）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(stand-in: the proper font is not installed)</source>
        <translation>（替代字体：未安装规范字体）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Automatic</source>
        <translation>自动选择</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (not usable: the automatic choice prints)</source>
        <translation>%1（无法使用：按自动选择的字体打印）</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../qcdesk/ui/pdf_preview.py" line="+80"/>
        <source>Document preview</source>
        <translation>文书预览</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rendering pages…</source>
        <translation>正在生成页面预览…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in viewer</source>
        <translation>用系统阅读器打开</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The pages could not be shown here. Use “Open in viewer” to look at the document, or “Save as…” to keep it.</source>
        <translation>此处无法显示页面。请点“用系统阅读器打开”查看文书，或点“另存为…”保存。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save document</source>
        <translation>保存文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
</TS>
