"""File names a saved document is offered under (headless; the preview dialog uses them)."""

from __future__ import annotations

import re

from qcdesk.export.pdf.documents import field_date
from qcdesk.models.document_data import NoticeDoc, RecheckDoc, SampleDoc, VisitDoc

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def document_file_name(doc: VisitDoc | SampleDoc | NoticeDoc | RecheckDoc) -> str:
    """The file name a saved document is offered under: what it is, whose and which, e.g.
    责令整改通知书-崇市监质改〔2023〕1号-崇阳县宇辉食品科技有限公司.pdf. Why: a record's uuid
    means nothing in a folder of papers. Characters Windows refuses (/ \\ : * ? " < > |) become _."""
    if isinstance(doc, VisitDoc):
        parts = ["现场检查笔录", doc.enterprise.name, field_date(doc.visit_date)]
    elif isinstance(doc, SampleDoc):
        parts = ["抽样单", doc.enterprise.name, doc.sample.product_name,
                 field_date(doc.sample.sampled_on or doc.visit_date)]
    else:
        notice = doc.notice if isinstance(doc, RecheckDoc) else doc
        title = "复查意见书" if isinstance(doc, RecheckDoc) else "责令整改通知书"
        parts = [title, notice.notice_no, notice.enterprise.name,
                 "" if notice.notice_no else field_date(notice.ordered_on)]
    words = [_UNSAFE_IN_NAME.sub("_", " ".join(p.split()))[:40] for p in parts if p and p.strip()]
    # 80 characters: within the 255 bytes a file name may take even as UTF-8 (3 bytes each).
    return "-".join(words)[:80].strip(" .-") + ".pdf"
