"""Semantic colours that stay readable under the user's palette (light, dark, high contrast).

The design colours below were chosen for a light window. On a dark window (Windows dark mode,
High Contrast Black) a red or amber text is lightened towards the palette's text colour until it
reads (WCAG 4.5 : 1), and a pale background is turned into a dark one of the same hue, always
together with its text colour: setting only a background leaves the palette's white text on pale
yellow. In a light palette every colour is returned unchanged, so light mode looks as before.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

ERROR = "#c62828"  # errors, an enterprise's overdue order, a figure below target, risk C/D
WARNING_TEXT = "#6b5200"
WARNING_BACKGROUND = "#fff3c4"
WARNING_BORDER = "#b8860b"
NOTICE_BACKGROUND = "#fff3cd"  # a list showing only a dashboard figure's records
RECHECK_LATE = "#9c5700"  # amber: the bureau's re-check is late
OK = "#2e7d32"  # risk A/B, a done step
MUTED = "#555555"  # secondary text (why a firm is class D)
BODY = "#333333"  # near-black body text on the window
DIFF_BACKGROUND = "#fff4ce"  # the fields that differ in a conflict
OUTSIDE_BACKGROUND = "#fde2e1"  # history rows written outside QCDesk
ERROR_BACKGROUND = "#ffcdd2"  # a licence cell that cannot be right
PANEL_BACKGROUND = "#eef5fb"  # the dashboard's getting-started checklist
PANEL_BORDER = "#90b4d4"
CONFLICT_NOTE = "#a84d00"  # orange text on the window (#ef6c00 was 2.7 : 1 on the light window)
MINIMUM = 4.5  # WCAG AA for normal text
_Role = QPalette.ColorRole


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in colour.getRgbF()[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window is dark (dark mode, High Contrast Black): then the light colours fail."""
    return _palette(palette).color(_Role.Window).lightness() < 128


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))


@lru_cache(maxsize=256)
def _lighten(colour: str, towards: str, grounds: tuple[str, ...]) -> str:
    """`colour` mixed towards `towards` (then white) just enough to read on every ground."""
    start = QColor(colour)
    for target in (QColor(towards), QColor("#ffffff")):
        for step in range(21):
            mixed = _mix(start, target, step / 20)
            if all(contrast(mixed, ground) >= MINIMUM for ground in grounds):
                return mixed.name()
    return "#ffffff"


def readable(colour: str | QColor, palette: QPalette | None = None, on: str | None = None) -> str:
    """A text colour (given as its light-mode design) that reads on the palette's window, base
    and alternate rows (and `on`, a panel's own background): unchanged in a light palette,
    lightened on a dark one."""
    name = QColor(colour).name()
    p = _palette(palette)
    if not is_dark(p):
        return name
    grounds = tuple(p.color(role).name() for role in (_Role.Window, _Role.Base, _Role.AlternateBase))
    return _lighten(name, p.color(_Role.WindowText).name(), grounds + ((on,) if on else ()))


def secondary(role: QPalette.ColorRole, palette: QPalette | None = None, on: str | None = None) -> str:
    """Faint text drawn in a palette role (Dark, Mid): as before in a light palette; on a dark
    window those roles are darker than the window, so the role is lightened until it reads."""
    p = _palette(palette)
    return readable(p.color(role), p, on)


@lru_cache(maxsize=128)
def _dark_ground(background: str, text: str) -> str:
    """A dark background of `background`'s hue on which `text` reads at 7 : 1 or better."""
    hue, saturation, _, _ = QColor(background).getHslF()
    for lightness in (0.2, 0.17, 0.14, 0.11, 0.08, 0.05):
        ground = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
        if contrast(ground, text) >= 7:
            return ground.name()
    return "#000000"


def pair(background: str, text: str | None = None, palette: QPalette | None = None) -> tuple[str, str]:
    """(text, background) for a highlight whose light design is `background` with `text` (the
    palette's text when None). A light palette keeps both; a dark one gets a dark background of
    the same hue and a text that reads on it."""
    p = _palette(palette)
    plain = p.color(_Role.Text).name()
    if not is_dark(p):
        return (QColor(text).name() if text else plain), QColor(background).name()
    ground = _dark_ground(QColor(background).name(), plain)
    if not text:
        return plain, ground
    return _lighten(QColor(text).name(), plain, (ground,)), ground


def pair_css(background: str, text: str | None = None, palette: QPalette | None = None) -> str:
    """`color: …; background: …;` for a stylesheet: the two always set together."""
    fore, back = pair(background, text, palette)
    return f"color: {fore}; background: {back};"


def warning_box(text: str | None = None) -> str:
    """The warning look (yellow ground, goldenrod border) with its text colour, for a stylesheet."""
    return f"{pair_css(WARNING_BACKGROUND, text)} border: 1px solid {WARNING_BORDER};"


def paint_item(item: object, background: str, text: str | None = None) -> None:
    """Colour a table/list item's background and text as one pair (QTableWidgetItem etc.)."""
    fore, back = pair(background, text)
    item.setForeground(QBrush(QColor(fore)))  # type: ignore[attr-defined]
    item.setBackground(QBrush(QColor(back)))  # type: ignore[attr-defined]


def text_css(colour: str | QColor, palette: QPalette | None = None) -> str:
    """`color: …;` for a coloured text on the window (an error, a late date, a risk class)."""
    return f"color: {readable(colour, palette)};"


def icon_for_palette(icon: QIcon, palette: QPalette | None = None) -> QIcon:
    """A style's fixed dark glyph (the date field's calendar arrow) drawn in the palette's text
    colour on a dark window, where the black pixmap vanishes; unchanged in a light palette. A
    disabled field's glyph takes the disabled text colour: tinted white, it stayed bright next
    to the field's grey text."""
    p = _palette(palette)
    if not is_dark(p):
        return icon
    tinted = QIcon()
    for size in icon.availableSizes() or [QSize(16, 16)]:
        source = icon.pixmap(size)
        for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                            (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
            tinted.addPixmap(_tinted(source, p.color(group, _Role.Text)), mode)
    return tinted


def _tinted(source: QPixmap, colour: QColor) -> QPixmap:
    """The glyph's shape, in one colour."""
    image = QPixmap(source.size())
    image.setDevicePixelRatio(source.devicePixelRatio())
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.drawPixmap(0, 0, source)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), colour)
    painter.end()
    return image
