"""Take the screenshots of the real window (run under a virtual display; Chinese needs a CJK font,
e.g. Debian's fonts-wqy-microhei).

    xvfb-run -s "-screen 0 1024x680x24" python docs/screenshot.py drawing docs/screenshot.png
    xvfb-run -s "-screen 0 1024x680x24" python docs/screenshot.py photo docs/photo.png

Scenes: drawing (a 4, then a 7: the number 47), photo, empty (first sight), second (a 7 begun
beside a 4, pen still down), zh_CN (the drawing in Chinese), dark (a dark palette), and dialogs,
each alone: retrain-form (Model > Retrain... as it opens), retrain-result (one epoch on the
committed MNIST slice, against the bundled model), fine-tune (on 60 drawn samples), samples
(My samples), steps (Help > How it works, for the drawn 4), shortcuts.
"""

import sys
import tempfile
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication

from digitpad.preprocess import to_mnist
from digitpad.ui.main_window import MainWindow
from digitpad.ui.samples_dialog import SamplesDialog
from tests.helpers import SLICE, drawn_set

DARK = {QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#3a3a3a", QPalette.ColorRole.ButtonText: "#e6e6e6"}
WAIT_MS = 240_000  # the longest a scene may take to be ready (a retraining)

scene = out = app = window = None  # set by main()
shown = []  # the dialog a scene shows, if any


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


def four():
    stroke([(150, 110), (90, 300), (250, 300)])
    stroke([(210, 200), (210, 440)])


def teach(count_per_digit: int) -> None:
    images, labels = drawn_set(count_per_digit, seed=3)
    for image, label in zip(images, labels, strict=True):
        window.samples.add(to_mnist(image), int(label))


def train(kind: str, epochs: int | None = None) -> None:
    window.model.open_training(kind)
    dialog = window.model.dialog
    dialog.data_edit.setText(str(SLICE))
    if epochs:
        dialog.epochs.setValue(epochs)
    dialog.start_button.click()
    shown.append(dialog)


def act():
    if scene in ("drawing", "second", "zh_CN", "dark", "steps"):
        four()
        if scene == "second":
            stroke([(330, 150), (430, 146)], lift=False)  # a 7's bar, the pen still down
        elif scene != "steps":
            stroke([(330, 150), (500, 140), (400, 440)])
    if scene == "photo":
        window.files.open_image("benchmarks/photos/multi/0002_77287.jpg")
    elif scene == "retrain-form":
        window.model.open_training("retrain")
        shown.append(window.model.dialog)
    elif scene == "retrain-result":
        train("retrain", epochs=1)
    elif scene == "fine-tune":
        teach(6)
        train("fine_tune")
    elif scene == "samples":
        teach(3)
        shown.append(SamplesDialog(window, window.samples))
        shown[0].show()
    elif scene == "shortcuts":
        window.menus.shortcuts.trigger()
        shown.append(window.menus.shortcuts_dialog)
    elif scene == "steps":
        QTimer.singleShot(800, lambda: (window.show_steps(), shown.append(window.steps_dialog)))


def ready() -> bool:
    if scene in ("retrain-result", "fine-tune"):
        return bool(shown) and shown[0].pages.currentIndex() == 2  # noqa: PLR2004 - the result page
    return scene != "steps" or bool(shown)


def save() -> None:
    shot = shown[0].grab() if shown else QGuiApplication.primaryScreen().grabWindow(0).copy(0, 0, 1000, 640)
    shot.save(out)
    app.quit()


def poll(waited: int = 0) -> None:
    if ready() or waited > WAIT_MS:
        QTimer.singleShot(1200, save)  # the last answers drawn
    else:
        QTimer.singleShot(250, lambda: poll(waited + 250))


def main() -> None:
    """Set the scene named on the command line, act it, and save the picture (a spawned
    training process imports this file again: nothing may run on import)."""
    global scene, out, app, window  # noqa: PLW0603 - the scene's helpers above share them
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
    QTimer.singleShot(1500, act)
    QTimer.singleShot(2800, poll)
    app.exec()


if __name__ == "__main__":
    main()
