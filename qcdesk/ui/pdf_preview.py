"""Preview of a generated PDF: page images rendered by PDFium (pypdfium2), plus the system viewer.

QtPdf is not part of PySide6-Essentials, and poppler's `pdftoppm` (used here before) is on no
Windows laptop, so every preview there was empty. pypdfium2 ships PDFium in its wheels for
Windows, Linux and macOS; pages are rasterised in a background job. Should a page still fail
to render (a damaged file), the dialog says so and offers "Open in viewer" and "Save as…", so a
document can always be looked at and kept.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qcdesk.export.files import write_atomically
from qcdesk.ui.file_dialogs import save_file
from qcdesk.ui.record_window import fit_to_screen
from qcdesk.ui.workers import Job, describe_error, start_job

PREVIEW_DPI = 80
# PDFium is not thread-safe: two previews rendering at once take turns.
_PDFIUM_LOCK = threading.Lock()


def render_page_images(pdf: Path, out_dir: Path, dpi: int = PREVIEW_DPI) -> list[Path]:
    """One PNG per page (page-1.png, …) through PDFium; [] when the file cannot be rendered."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # a platform without a pypdfium2 wheel: the viewer still works
        return []
    images: list[Path] = []
    try:
        with _PDFIUM_LOCK:
            document = pdfium.PdfDocument(str(pdf))
            try:
                for number, page in enumerate(document, start=1):
                    try:
                        bitmap = page.render(scale=dpi / 72)  # white background, forms drawn
                        target = out_dir / f"page-{number}.png"
                        bitmap.to_pil().save(target)
                        images.append(target)
                    finally:
                        page.close()
            finally:
                document.close()
    except (pdfium.PdfiumError, OSError, ValueError):
        return []
    return images


# A render is an ordinary background job (`workers.Job`: its outcome reaches slots connected right
# after `start_job` returns); the editors annotate their document job with this name.
RenderJob = Job


class PdfPreviewDialog(QDialog):
    """Pages of one PDF, with Save as… and Open in viewer."""

    def __init__(self, pdf: Path, title: str = "", parent: QWidget | None = None,
                 suggested_name: str = ""):
        super().__init__(parent)
        self.pdf = Path(pdf)
        self.suggested_name = suggested_name or self.pdf.name
        self._tmp = tempfile.TemporaryDirectory(prefix="qcdesk-preview-")
        self.setWindowTitle(title or self.tr("Document preview"))
        fit_to_screen(self, QSize(720, 900))
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Rendering pages…"))
        layout.addWidget(self.status)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.scroll.setWidget(self.pages)
        layout.addWidget(self.scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.open_button = QPushButton(self.tr("Open in viewer"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_external)
        layout.addWidget(buttons)
        self.page_labels: list[QLabel] = []
        out_dir = Path(self._tmp.name)
        # Rendered for the screen's real pixels (a laptop at 150 % scaling), shown at PREVIEW_DPI.
        self._ratio = max(1.0, self.devicePixelRatioF())
        dpi = round(PREVIEW_DPI * self._ratio)
        self.job = start_job(lambda _store, _progress: render_page_images(self.pdf, out_dir, dpi),
                             db_path=None, parent=self)
        self.job.succeeded.connect(self.show_pages)
        self.job.failed.connect(lambda text: self.show_pages([]))

    def show_pages(self, images: list[Path]) -> None:
        if not images:
            self.status.setText(self.tr("The pages could not be shown here. Use “Open in viewer” "
                                        "to look at the document, or “Save as…” to keep it."))
            return
        self.status.setText(self.tr("%n page(s)", "", len(images)))
        for img in images:
            label = QLabel()
            pixmap = QPixmap(str(img))
            pixmap.setDevicePixelRatio(self._ratio)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())  # never squeeze a page
            label.setStyleSheet("background: white; border: 1px solid #999;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.pages_layout.addStretch(1)

    def open_external(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf)))

    def save_as(self, target: str | None = None) -> Path | None:
        if not target:
            chosen = save_file(self, "documents", self.tr("Save document"), self.suggested_name,
                               self.tr("PDF files (*.pdf)"))
            target = str(chosen) if chosen else None
        if not target:
            return None
        try:  # whole or not at all (a full USB stick), and a failure in words (open in WPS…)
            write_atomically(Path(target), lambda side: shutil.copyfile(self.pdf, side))
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), describe_error(exc))
            return None
        return Path(target)

    def done(self, result: int) -> None:  # noqa: D401 — Qt override
        self._tmp.cleanup()
        super().done(result)


DOC_TITLES = {
    "visit": "现场检查笔录",
    "sample": "抽样单",
    "notice": "责令整改通知书",
    "recheck": "复查意见书",
}


def preview_record_document(parent: QWidget, db_path: Path, kind: str, ident: str | int):  # noqa: ANN201
    """Render a record's document in the background, then show it (the button on a record calls this).

    Returns the job so callers and tests can wait for it."""
    from qcdesk.export.pdf.documents import render_record
    from qcdesk.models.document_data import RecordNotFound
    from qcdesk.models.messages import message
    from qcdesk.models.store import StoreError

    # Removed when the preview closes or the render fails (at the latest when QCDesk exits): a
    # folder left per document previewed piled up in %TEMP%. A PDF still open in a viewer on
    # Windows cannot be removed; that folder is left alone, not an error.
    temporary = tempfile.TemporaryDirectory(prefix="qcdesk-doc-", ignore_cleanup_errors=True)
    folder = Path(temporary.name)

    def work(store, _progress) -> Path:  # noqa: ANN001
        # Rendered under a neutral name, then named after the document (type, number or
        # enterprise and date), so that "Save as…" and the viewer offer that name, not a uuid.
        pdf = folder / "document.pdf"
        try:
            name = render_record(store.db, kind, ident, pdf)
        except RecordNotFound as exc:
            value = f"{exc.kind} {exc.ident}"
            raise StoreError(message("record.not_found", "zh", value=value),
                             message("record.not_found", "en", value=value)) from exc
        return pdf.replace(folder / name)

    job = start_job(work, db_path=Path(db_path), parent=parent)
    job.dialog = None  # the preview, once shown
    job.folder = temporary

    def show(path: Path) -> None:
        dialog = PdfPreviewDialog(path, DOC_TITLES.get(kind, ""), parent, suggested_name=path.name)
        dialog.setObjectName("pdfPreviewDialog")
        dialog.finished.connect(lambda _result: temporary.cleanup())
        dialog.destroyed.connect(lambda *_: temporary.cleanup())  # closed with its editor
        dialog.show()
        job.dialog = dialog

    job.succeeded.connect(show)
    job.failed.connect(lambda _text: temporary.cleanup())
    job.failed.connect(lambda text: QMessageBox.warning(parent, DOC_TITLES.get(kind, ""), text))
    return job
