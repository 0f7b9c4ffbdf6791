"""Live training curves: accuracy and loss, training and validation, drawn as they arrive."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.ui.chart import ACCENT, DOUBT


class TrainingCurves(QWidget):
    """Two panels (accuracy, loss); x is in epochs, fractional while an epoch runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 160)
        self.epochs = 1
        self.series: dict[str, list[tuple[float, float]]] = {}

    def sizeHint(self) -> QSize:
        return QSize(520, 200)

    def reset(self, epochs: int) -> None:
        self.epochs = max(1, epochs)
        self.series = {"accuracy": [], "val_accuracy": [], "loss": [], "val_loss": []}
        self.update()

    def add(self, x: float, logs: dict[str, float]) -> None:
        for name, points in self.series.items():
            if name in logs:
                points.append((x, float(logs[name])))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        half = self.width() / 2
        self._panel(painter, QRectF(0, 0, half - 6, self.height()), "accuracy", 0.0, 1.0)
        losses = [v for name in ("loss", "val_loss") for _, v in self.series.get(name, [])]
        self._panel(painter, QRectF(half + 6, 0, half - 6, self.height()), "loss", 0.0, max(losses or [1.0]))

    def _panel(self, painter: QPainter, area: QRectF, metric: str, low: float, high: float) -> None:
        text = self.palette().color(QPalette.ColorRole.WindowText)
        line_height = painter.fontMetrics().height()
        plot = area.adjusted(30, line_height + 4, -4, -line_height - 2)
        painter.setPen(text)
        painter.drawText(area.adjusted(0, 0, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, metric)
        painter.drawText(QRectF(area.left(), plot.top() - line_height / 2, 28, line_height),
                         Qt.AlignmentFlag.AlignRight, f"{high:.2g}")
        painter.drawText(QRectF(area.left(), plot.bottom() - line_height / 2, 28, line_height),
                         Qt.AlignmentFlag.AlignRight, f"{low:.2g}")
        epochs = str(self.epochs)
        span = self.tr("1 epoch") if self.epochs == 1 else self.tr("%1 epochs").replace("%1", epochs)
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), line_height),
                         Qt.AlignmentFlag.AlignRight, span)
        frame = QColor(text)
        frame.setAlpha(70)
        painter.setPen(frame)
        painter.drawRect(plot)
        span = (high - low) or 1.0
        for name, colour in ((metric, ACCENT), (f"val_{metric}", DOUBT)):
            points = [QPointF(plot.left() + plot.width() * x / self.epochs,
                              plot.bottom() - plot.height() * (v - low) / span)
                      for x, v in self.series.get(name, [])]
            painter.setPen(QPen(colour, 2))
            for start, end in pairwise(points):
                painter.drawLine(start, end)
            for point in points if name.startswith("val_") else []:
                painter.drawEllipse(point, 3, 3)
