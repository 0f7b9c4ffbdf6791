"""A bar chart of the ten class probabilities."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

ACCENT = QColor("#2f7de1")
DOUBT = QColor("#e0892f")
LABELLED = 0.005  # a bar this high or higher has its percentage above it ("1%"); lower ones would say "0%"


def bar_label(value: float) -> str:
    """A bar's percentage, whole: "100%" only when the verdict beside it (to a tenth) says 100.0%
    too, so "99.9% sure" never stands beside a bar labelled 100%."""
    percent = round(value * 100)
    return f"{99 if percent == 100 and f'{value * 100:.1f}' != '100.0' else percent}%"


class ProbabilityChart(QWidget):
    """Ten vertical bars, 0 to 9, the winner highlighted; a hint text when there is nothing to show."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 150)
        self._probabilities: np.ndarray | None = None
        self._sure = True
        self._hint = ""

    def sizeHint(self) -> QSize:
        return QSize(320, 220)

    def probabilities(self) -> np.ndarray | None:
        return self._probabilities

    def set_probabilities(self, probabilities: np.ndarray | None, sure: bool = True) -> None:
        """Show these ten probabilities (None: no bars, only the hint)."""
        self._probabilities = None if probabilities is None else np.asarray(probabilities, float)
        self._sure = sure
        self.update()

    def hint(self) -> str:
        """What the chart says when it has no bars to show."""
        return self._hint

    def set_hint(self, text: str) -> None:
        self._hint = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        label_height = metrics.height() + 4
        plot = QRectF(self.rect()).adjusted(4, label_height, -4, -label_height)
        slot = plot.width() / 10
        painter.setPen(text_colour)
        for digit in range(10):
            label = QRectF(plot.left() + digit * slot, plot.bottom() + 2, slot, label_height)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(digit))
        baseline = QColor(text_colour)
        baseline.setAlpha(60)
        painter.fillRect(QRectF(plot.left(), plot.bottom(), plot.width(), 1), baseline)
        if self._probabilities is None:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._hint)
            return
        winner = int(self._probabilities.argmax())
        small = QFont(painter.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        for digit, value in enumerate(self._probabilities):
            height = max(1.0, float(value) * plot.height())
            bar = QRectF(plot.left() + digit * slot + slot * 0.18, plot.bottom() - height, slot * 0.64, height)
            colour = (ACCENT if self._sure else DOUBT) if digit == winner else QColor(text_colour)
            if digit != winner:
                colour.setAlpha(90)
            painter.fillRect(bar, colour)
            if value >= LABELLED:
                above = QRectF(bar.left() - slot * 0.2, bar.top() - label_height, slot, label_height)
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, bar_label(value))
