"""The pass-rate tiles' line (合格 x 批次 / 检验 y 批次 · 目标 ≥ 95%), or the period before's rate.

Why: results come weeks after sampling, so in the first weeks of every quarter (and of every year)
the quarter's tile read "—, 0 passed of 0 tested" until results came in, just when a county
writes up the quarter that ended. While the period has no result yet, the tile says so and
shows the period before's rate with its counts (2026年第四季度 96.3%（合格 120 / 检验 125）) and
opens that period's visits; the charts show the period before, their titles say so, and their
bars open its visits.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qcdesk.models.dashboard_queries import PeriodRates, period_label
from qcdesk.models.rate_text import rate_percent
from qcdesk.ui.workers import ui_lang


def rate_detail(rates: PeriodRates, before: PeriodRates | None, target: float) -> str:
    """The tile's line under its rate; `before` is the period before, shown instead while set
    (DashboardFigures.quarter_before / year_before)."""
    if before is not None:
        text = QCoreApplication.translate("DashboardPage", "No results yet · %1: %2 (%3 passed of %4)")
        values = (period_label(before.period, ui_lang()), rate_percent(before.total.rate, target),
                  before.total.passed, before.total.tested)
    else:
        text = QCoreApplication.translate("DashboardPage", "%1 passed of %2 tested · target ≥ %3")
        values = (rates.total.passed, rates.total.tested, f"{target * 100:.0f}%")
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text
