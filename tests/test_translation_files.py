"""A missing or damaged translation file is said, once, in both languages, never silently: the
Chinese interface asked for fell back to English without a reason when a .qm would not load."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from qcdesk.ui.app import TRANSLATIONS_DIR, Translators
from qcdesk.ui.translation_check import AREAS

ROOT = Path(__file__).resolve().parents[1]


def notes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "translationMissingNote"
            and w.isVisible()]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The app's translations with editors' .qm gone and shell's damaged."""
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, folder)
    (folder / "editors_zh_CN.qm").unlink()
    (folder / "shell_zh_CN.qm").write_bytes(b"\x00not a qm file")
    return folder


@pytest.fixture
def translators(qapp: QApplication) -> Iterator[list[Translators]]:
    """Translators made by a test, taken out afterwards with their notes; language restored."""
    made: list[Translators] = []
    before = qapp.property("lang")
    yield made
    for t in made:
        t.remove_all()
        if getattr(t, "note", None) is not None:
            t.note.close()
    qapp.setProperty("lang", before)


def test_every_area_is_expected() -> None:
    """A new area's .qm, missing, is noticed only if it is expected."""
    ts = sorted(p.name.removesuffix("_zh_CN.ts") for p in (ROOT / "resources" / "translations").glob("*.ts"))
    assert sorted(AREAS) == ts


def test_a_missing_or_damaged_file_is_told_once_in_both_languages(
        qtbot, qapp: QApplication, broken: Path, translators: list[Translators],
        capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    t = Translators(qapp, broken)
    translators.append(t)
    t.apply("zh_CN")  # as the app starts: the window first, the note once events run
    qtbot.waitUntil(lambda: bool(notes()), timeout=5000)
    [note] = notes()
    text = note.text()
    for words in ("界面翻译文件缺失或已损坏", "暂以英文显示", "请重新安装 QCDesk",
                  "The interface translation", "missing or damaged", "reinstall QCDesk",
                  str(broken / "editors_zh_CN.qm"), str(broken / "shell_zh_CN.qm")):
        assert words in text, words
    assert "exchange_zh_CN.qm" not in text  # the files that loaded are not named...
    assert "exchange_zh_CN" in t.loaded_files  # ...and still give their Chinese
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "editors_zh_CN.qm" in err[0] and "shell_zh_CN.qm" in err[0]
    assert "缺失或已损坏" in err[0] and "missing or damaged" in err[0]

    note.close()
    t.apply("en")
    t.apply("zh_CN")  # the language chosen again in Settings: no second note, no second line
    qtbot.wait(50)
    assert notes() == [] and capsys.readouterr().err == ""


def test_no_folder_at_all_names_every_file_and_never_crashes(
        qtbot, qapp: QApplication, tmp_path: Path, translators: list[Translators],
        capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    t = Translators(qapp, tmp_path / "gone")
    translators.append(t)
    t.apply("zh_CN")
    qtbot.waitUntil(lambda: bool(notes()), timeout=5000)
    assert all(f"{area}_zh_CN.qm" in notes()[0].text() for area in AREAS)
    assert len(capsys.readouterr().err.splitlines()) == 1


@pytest.mark.parametrize(("folder", "lang"), [("real", "zh_CN"), ("broken", "en")])
def test_nothing_is_said_when_nothing_is_missing_or_english_is_asked_for(
        qtbot, qapp: QApplication, broken: Path, translators: list[Translators],
        capsys: pytest.CaptureFixture[str], folder: str, lang: str) -> None:  # noqa: ANN001
    t = Translators(qapp, TRANSLATIONS_DIR if folder == "real" else broken)
    translators.append(t)
    t.apply(lang)
    qtbot.wait(50)
    assert notes() == [] and capsys.readouterr().err == ""
    if lang == "zh_CN":
        assert sorted(t.loaded_files) == sorted(["qtbase_zh_CN", *(f"{a}_zh_CN" for a in AREAS)])


def test_the_app_started_in_chinese_says_it(qtbot, paths, tmp_path: Path, broken: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    """`qcdesk --lang zh_CN` with the broken files: the window comes up and the note with it."""
    from tests.small_screen import started_shell

    monkeypatch.setattr(Translators.__init__, "__defaults__", (broken,))
    for shell in started_shell(qtbot, paths, tmp_path / "a.db", "zh_CN", monkeypatch):
        qtbot.waitUntil(lambda: bool(notes()), timeout=5000)
        assert shell.window.isVisible() and "editors_zh_CN.qm" in notes()[0].text()
        assert "shell_zh_CN.qm" in capsys.readouterr().err
        notes()[0].close()
