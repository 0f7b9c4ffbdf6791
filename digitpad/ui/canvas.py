"""A freehand drawing canvas: strokes rendered into an off-screen image, with undo and redo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

PAPER = QColor(Qt.GlobalColor.white)
INK = QColor(Qt.GlobalColor.black)
MARK = QColor("#2f7de1")
PEN_WIDTH = 18  # pixels: the pen a first start draws with, about a felt tip at full size


class Stroke:
    """One pen stroke: its points in canvas coordinates and the pen width it was drawn with."""

    def __init__(self, start: QPointF, width: float):
        self.points = [start]
        self.width = width

    def path(self) -> QPainterPath:
        path = QPainterPath(self.points[0])
        for point in self.points[1:]:
            path.lineTo(point)
        return path


class Canvas(QWidget):
    """Draw with the mouse or a stylus. Emits ``changed`` whenever the drawing changes.

    The canvas knows nothing about digits or models: it owns strokes and an image of them.
    """

    changed = Signal()  # during a stroke and after any edit
    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.pen_width = float(PEN_WIDTH)
        self._strokes: tuple[Stroke, ...] = ()
        self._undo: list[tuple[Stroke, ...]] = []  # earlier drawings, newest last
        self._redo: list[tuple[Stroke, ...]] = []
        self._current: Stroke | None = None
        self._marks: list[QRect] = []
        self._marked = -1
        self._image = QImage(QSize(1, 1), QImage.Format.Format_Grayscale8)
        self._image.fill(PAPER)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    # -- what the rest of the app reads ------------------------------------------------------
    def image(self) -> QImage:
        """The drawing as the model should see it (black ink on white)."""
        return self._image

    def last_point(self) -> QPointF | None:
        """Where the pen was last: the end of the newest stroke."""
        stroke = self._current or (self._strokes[-1] if self._strokes else None)
        return stroke.points[-1] if stroke else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()  # the empty canvas's invitation, in the new language
        super().changeEvent(event)

    def set_marks(self, rects: list[QRect], selected: int = -1) -> None:
        """Outline these rectangles over the drawing (not in it); ``selected`` stands out."""
        self._marks, self._marked = list(rects), selected
        self.update()

    def is_drawing(self) -> bool:
        """A stroke is going on (the pen is down)."""
        return self._current is not None

    def marks(self) -> list[QRect]:
        """The boxes drawn around the digits (when there are several)."""
        return list(self._marks)

    def is_empty(self) -> bool:
        return not self._strokes and self._current is None

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- editing -------------------------------------------------------------------------------
    def set_pen_width(self, width: float) -> None:
        self.pen_width = float(width)

    def clear(self) -> None:
        """Wipe the drawing; like a stroke, a clear can be undone."""
        self._current = None
        if self._strokes:
            self._commit(())
            self._render()

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self._strokes)
            self._strokes = self._undo.pop()
            self._render()

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self._strokes)
            self._strokes = self._redo.pop()
            self._render()

    def _commit(self, strokes: tuple[Stroke, ...]) -> None:
        self._undo.append(self._strokes)
        self._redo.clear()
        self._strokes = strokes

    def save(self, path: str) -> bool:
        """Save the drawing as an image file (PNG by extension); False if it could not be written."""
        return self._image.save(path)

    # -- input ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), self.pen_width)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        width = self.pen_width * (0.5 + event.pressure()) if event.pressure() > 0 else self.pen_width
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), width)
        elif kind == QTabletEvent.Type.TabletMove and self._current is not None:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease and self._current is not None:
            self._end()
        event.accept()

    def _begin(self, point: QPointF, width: float) -> None:
        self._current = Stroke(point, width)
        self._paint_segment(point, point, width)
        self.changed.emit()

    def _extend(self, point: QPointF) -> None:
        stroke = self._current
        if point == stroke.points[-1]:
            return
        self._paint_segment(stroke.points[-1], point, stroke.width)
        stroke.points.append(point)
        self.changed.emit()

    def _end(self) -> None:
        self._commit(self._strokes + (self._current,))  # already painted: no re-render
        self._current = None
        self.stroke_finished.emit()

    # -- painting ------------------------------------------------------------------------------
    def _pen(self, width: float) -> QPen:
        return QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    def _paint_segment(self, start: QPointF, end: QPointF, width: float) -> None:
        """Draw one segment into the image and repaint only the rectangle it touched."""
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen(width))
        painter.drawLine(start, end)
        painter.end()
        margin = int(width / 2) + 2
        dirty = QRect(start.toPoint(), end.toPoint()).normalized()
        self.update(dirty.adjusted(-margin, -margin, margin, margin))

    def _render(self) -> None:
        """Redraw every stroke from scratch (after undo, redo, clear or a resize)."""
        self._image = QImage(self.size().expandedTo(QSize(1, 1)), QImage.Format.Format_Grayscale8)
        self._image.fill(PAPER)
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes + ((self._current,) if self._current else ()):
            painter.setPen(self._pen(stroke.width))
            if len(stroke.points) == 1:
                painter.drawPoint(stroke.points[0])
            else:
                painter.drawPath(stroke.path())
        painter.end()
        self.update()
        self.changed.emit()

    def resizeEvent(self, event) -> None:
        self._render()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(event.rect(), self._image, event.rect())
        if self.is_empty():  # the empty state invites drawing
            painter.setPen(QColor(150, 150, 150))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            painter.setFont(font)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Draw a digit here, or several side by side"))
        for index, rect in enumerate(self._marks):
            colour = MARK if index == self._marked else QColor(MARK.red(), MARK.green(), MARK.blue(), 110)
            painter.setPen(QPen(colour, 2 if index == self._marked else 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(-4, -4, 4, 4))
