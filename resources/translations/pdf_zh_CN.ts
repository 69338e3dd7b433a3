<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
