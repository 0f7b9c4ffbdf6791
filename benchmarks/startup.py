"""Start-up time, memory, and the canvas's frame time while live predictions run.

    python -m benchmarks.startup            # uses $DISPLAY (e.g. under xvfb-run), else offscreen

1. Launches `python -m digitpad` several times and reads when the window was shown, when the
   first prediction became possible, and the peak memory (the app writes these when
   DIGITPAD_STARTUP_LOG is set).
2. In-process, draws a long stroke at 125 mouse events a second while predictions run on the
   worker thread, and reports how late the UI thread handled each event, how long each took,
   how many predictions were shown mid-stroke, and whether every segment reached the canvas.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

RUNS = int(os.environ.get("RUNS", "5"))
EVENT_INTERVAL_MS = 8


def startup_runs() -> list[dict]:
    results = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as home:
            log = os.path.join(home, "startup.json")
            env = dict(os.environ, DIGITPAD_STARTUP_LOG=log, DIGITPAD_LAUNCHED_AT=repr(time.time()),
                       XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)  # fresh settings and data every run
            subprocess.run([sys.executable, "-m", "digitpad"], env=env, check=True, timeout=60,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(log) as f:
                results.append(json.load(f))
    return results


def frame_times() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtCore import QEvent, QPointF, QSettings, Qt, QTimer  # noqa: PLC0415
    from PySide6.QtGui import QMouseEvent  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from digitpad.ui.main_window import MainWindow  # noqa: PLC0415
    from digitpad.ui.qimage import qimage_to_gray  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as home:
        window = MainWindow(QSettings(os.path.join(home, "s.ini"), QSettings.Format.IniFormat), data_dir=home)
        window.resize(960, 620)
        window.show()
        deadline = time.time() + 20
        while not window.live.ready and time.time() < deadline:
            app.processEvents()
        canvas = window.canvas
        angles = np.linspace(0, 6 * np.pi, 375)  # 3 s of drawing: a spiral over the canvas
        cx, cy = canvas.width() / 2, canvas.height() / 2
        radius = np.linspace(0.1, 0.45, len(angles)) * min(canvas.width(), canvas.height())
        points = [QPointF(cx + r * np.cos(a), cy + r * np.sin(a)) for r, a in zip(radius, angles, strict=True)]
        lags, costs, shown = [], [], []
        show = window.panel.show_results
        window.panel.show_results = lambda *args: (shown.append(time.perf_counter()), show(*args))
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

        def send(kind, point, button, buttons):
            event = QMouseEvent(kind, point, point, button, buttons, Qt.KeyboardModifier.NoModifier)
            start = time.perf_counter()
            QApplication.sendEvent(canvas, event)
            app.processEvents()  # the repaint of the touched rectangle, as a real frame would do
            costs.append(time.perf_counter() - start)

        send(QEvent.Type.MouseButtonPress, points[0], left, left)
        began = time.perf_counter()
        state = {"i": 1}

        def tick():
            i = state["i"]
            lags.append(time.perf_counter() - (began + i * EVENT_INTERVAL_MS / 1000))
            send(QEvent.Type.MouseMove, points[i], none, left)
            state["i"] += 1
            if state["i"] < len(points):
                QTimer.singleShot(max(0, int((began + state["i"] * EVENT_INTERVAL_MS / 1000
                                               - time.perf_counter()) * 1000)), tick)
            else:
                send(QEvent.Type.MouseButtonRelease, points[-1], left, none)
                app.quit()

        QTimer.singleShot(EVENT_INTERVAL_MS, tick)
        app.exec()
        ended = time.perf_counter()
        ink = qimage_to_gray(canvas.image())
        missing = sum(ink[int(p.y()), int(p.x())] > 128 for p in points)
        window.close()
    mid_stroke = [t for t in shown if t < ended]
    return {
        "events": len(points),
        "event_lag_ms": _summary(lags),
        "event_cost_ms": _summary(costs),
        "predictions_shown_during_stroke": len(mid_stroke),
        "stroke_seconds": round(ended - began, 2),
        "points_not_inked": int(missing),
    }


def _summary(seconds: list[float]) -> dict:
    ms = np.array(seconds) * 1000
    return {"median": round(float(np.median(ms)), 2), "p95": round(float(np.percentile(ms, 95)), 2),
            "max": round(float(ms.max()), 2)}


def main() -> None:
    runs = startup_runs()
    for key in ("window_shown_s", "model_ready_s", "peak_rss_mb"):
        values = [run[key] for run in runs]
        print(f"{key:24s} median {statistics.median(values):7.2f}   max {max(values):7.2f}   ({RUNS} runs)")
    print(f"{'tensorflow imported':24s} {any(run['modules_tensorflow'] for run in runs)}")
    print(json.dumps(frame_times(), indent=2))


if __name__ == "__main__":
    main()
