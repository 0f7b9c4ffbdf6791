"""Take the screenshots of the real window (run under a virtual display; Chinese needs a CJK font,
e.g. Debian's fonts-wqy-microhei).

    xvfb-run -s "-screen 0 1024x680x24" python docs/screenshot.py drawing docs/screenshot.png
    xvfb-run -s "-screen 0 1024x680x24" python docs/screenshot.py photo docs/photo.png

Scenes: drawing (a 4, then a 7: the number 47), photo, empty (first sight), second (a 7 begun
beside a 4, pen still down), zh_CN (the same in Chinese), dark (a dark palette), retrain-form
(Model > Retrain..., as it opens; the dialog alone).
"""

import sys
import tempfile
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication

from digitpad.ui.main_window import MainWindow

DARK = {QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#3a3a3a", QPalette.ColorRole.ButtonText: "#e6e6e6"}

scene, out = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv)
if scene == "dark":
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
home = tempfile.mkdtemp()
window = MainWindow(QSettings(f"{home}/settings.ini", QSettings.Format.IniFormat), data_dir=home)
window.resize(1000, 640)
window.move(0, 0)
window.show()
if scene == "zh_CN":
    window.set_language("zh_CN")


def send(kind, x, y, buttons=Qt.MouseButton.LeftButton):
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    point = QPointF(x, y)
    event = QMouseEvent(kind, point, point, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.canvas, event)


def stroke(points, lift=True):
    send(QEvent.Type.MouseButtonPress, *points[0])
    for (x0, y0), (x1, y1) in pairwise(points):
        for s in np.linspace(0, 1, 15)[1:]:
            send(QEvent.Type.MouseMove, x0 + (x1 - x0) * s, y0 + (y1 - y0) * s)
    if lift:
        send(QEvent.Type.MouseButtonRelease, *points[-1], buttons=Qt.MouseButton.NoButton)


def act():
    if scene in ("drawing", "second", "zh_CN", "dark"):
        stroke([(150, 110), (90, 300), (250, 300)])
        stroke([(210, 200), (210, 440)])
        if scene == "second":
            stroke([(330, 150), (430, 146)], lift=False)  # a 7's bar, the pen still down
        else:
            stroke([(330, 150), (500, 140), (400, 440)])
    elif scene == "photo":
        window.files.open_image("benchmarks/photos/multi/0002_77287.jpg")
    elif scene == "retrain-form":
        window.model.open_training("retrain")


def save() -> None:
    dialog = window.model.dialog
    shot = dialog.grab() if scene == "retrain-form" and dialog else \
        QGuiApplication.primaryScreen().grabWindow(0).copy(0, 0, 1000, 640)
    shot.save(out)
    app.quit()


QTimer.singleShot(1500, act)
QTimer.singleShot(4000, save)
app.exec()
