"""The mouse, as a person moves it over a widget, and the strokes the UI tests draw."""

from itertools import pairwise

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def send(widget, kind, point, button=LEFT, buttons=LEFT):
    event = QMouseEvent(kind, QPointF(*point), QPointF(*point), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def press(widget, point):
    send(widget, QEvent.Type.MouseButtonPress, point)


def move_through(widget, points, steps=12):
    for (x0, y0), (x1, y1) in pairwise(points):
        for s in np.linspace(0, 1, steps)[1:]:
            send(widget, QEvent.Type.MouseMove, (x0 + (x1 - x0) * s, y0 + (y1 - y0) * s), NONE)


def release(widget, point):
    send(widget, QEvent.Type.MouseButtonRelease, point, LEFT, NONE)


def stroke(widget, points):
    press(widget, points[0])
    move_through(widget, points)
    release(widget, points[-1])


ONE = [(200, 60), (200, 340)]
ZERO = [(200 + 90 * np.cos(a), 200 + 140 * np.sin(a)) for a in np.linspace(-np.pi / 2, 1.55 * np.pi, 40)]
