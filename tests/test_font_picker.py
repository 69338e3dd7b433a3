"""Preferences choose the face of each PDF role (review "windows" 5): the `doc.font.*` settings had
no UI, so a PC whose 公文 fonts were not recognised printed in the stand-ins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from qcdesk.export.pdf import fonts
from qcdesk.export.pdf.documents import render_record
from qcdesk.models.document_data import FONT_SETTING_PREFIX
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification
from qcdesk.models.store import Store
from tests.test_pdf_documents import pdffonts

ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SHARP = f"{ZENHEI}#2"  # WenQuanYi Zen Hei Sharp: no role's automatic choice

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None or not Path(ZENHEI).is_file(),
                                reason="poppler-utils and fonts-wqy-zenhei needed")


@pytest.fixture
def notice(store: Store):  # noqa: ANN201 - prints the notice of one rectification: (out) -> font names
    firm = insert_record(store, Enterprise(uscc="91421202MA4AEDKU8T", name="字体测试企业",
                                           jurisdiction_code="421202"))
    r = insert_record(store, Rectification(enterprise_id=firm.id, requirement="整改", rule_set="samr18",
                                           ordered_on="2026-09-01", deadline="2026-10-31",
                                           recheck_due="2026-11-15"))

    def printed(out: Path) -> list[str]:
        """The fonts (pdffonts names) of the notice printed from the database, as the preview does."""
        render_record(store.db, "notice", r.uuid, out)
        return [row[0].partition("+")[2] for row in pdffonts(out)]

    return printed


def _dialog(store, settings, qtbot):  # noqa: ANN001, ANN202 - a SettingsDialog, its face lists filled
    from qcdesk.ui.settings_page import SettingsDialog

    dialog = SettingsDialog(store, settings, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page.font_box.ready, timeout=30000)
    return dialog


def test_a_body_font_chosen_in_preferences_prints_the_next_document(store, settings, qtbot, tmp_path,
                                                                    notice):
    assert not any("Sharp" in name for name in notice(tmp_path / "before.pdf"))
    dialog = _dialog(store, settings, qtbot)
    combo = dialog.page.font_box.combos["body"]
    assert combo.isEnabled() and combo.itemData(0) == ""  # Automatic, then the faces found
    assert {combo.itemData(i) for i in range(1, combo.count())} == {
        (f"{f.path}#{f.index}" if f.index else f.path) for f in fonts.usable_fonts()}
    index = combo.findData(SHARP)
    assert index > 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # as a click in the list does
    assert dialog.page.font_labels["body"].text() == combo.itemText(index)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert store.setting(FONT_SETTING_PREFIX + "body") == SHARP
    assert any(name.startswith("WenQuanYiZenHeiSharp") for name in notice(tmp_path / "after.pdf"))

    again = _dialog(store, settings, qtbot)  # the choice is shown when Preferences open again
    assert again.page.font_box.combos["body"].currentData() == SHARP
    assert again.page.font_labels["body"].text().startswith("WenQuanYi Zen Hei Sharp")
    automatic = again.page.font_box.combos["body"]
    automatic.setCurrentIndex(0)
    automatic.activated.emit(0)
    again.accept()
    assert store.setting(FONT_SETTING_PREFIX + "body") == ""
    assert not any("Sharp" in name for name in notice(tmp_path / "back.pdf"))


def test_a_chosen_font_that_is_gone_is_shown_as_not_usable(store, settings, qtbot):
    store.set_setting(FONT_SETTING_PREFIX + "title", r"C:\Windows\Fonts\FZXBSK.TTF")
    dialog = _dialog(store, settings, qtbot)
    combo = dialog.page.font_box.combos["title"]
    assert combo.currentText().startswith("FZXBSK.TTF") and "not usable" in combo.currentText()
    assert dialog.page.font_labels["title"].text().startswith(fonts.font_roles()["title"].family)
    dialog.accept()  # untouched: kept as it was
    assert store.setting(FONT_SETTING_PREFIX + "title") == r"C:\Windows\Fonts\FZXBSK.TTF"


def test_preferences_closed_before_the_face_list_is_in(store, settings, qtbot):
    """The list is filled by a background job: closing Preferences at once raises nothing."""
    from PySide6.QtWidgets import QApplication

    from qcdesk.ui.settings_page import SettingsDialog

    dialog = SettingsDialog(store, settings, "en")
    job = dialog.page.font_box.job
    dialog.reject()
    dialog.deleteLater()
    QApplication.processEvents()
    del dialog
    qtbot.waitUntil(lambda: job.done, timeout=30000)
