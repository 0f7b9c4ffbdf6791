"""Start the window: the app's entry point when ``digitpad`` runs with no arguments."""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from digitpad.ui import language
from digitpad.ui.main_window import MainWindow

STARTUP_LOG = "DIGITPAD_STARTUP_LOG"  # benchmarks/startup.py: where to write start-up timings


def run() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("digitpad")
    app.setApplicationName("digitpad")
    settings = QSettings()
    language.install(str(settings.value("language", language.system_language())))
    window = MainWindow(settings)
    window.show()
    if os.environ.get(STARTUP_LOG):
        _log_startup(window, os.environ[STARTUP_LOG])
    return app.exec()


def _log_startup(window: MainWindow, path: str) -> None:
    """Write when the window appeared and when the model was ready, then quit (for benchmarks)."""
    launched = float(os.environ.get("DIGITPAD_LAUNCHED_AT", time.time()))
    times = {"window_shown_s": time.time() - launched}

    def ready(_path: str) -> None:
        times["model_ready_s"] = time.time() - launched
        QTimer.singleShot(200, finish)

    def finish() -> None:
        import resource  # noqa: PLC0415 - Unix only, like the benchmark

        times["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        times["modules_tensorflow"] = "tensorflow" in sys.modules
        with open(path, "w") as f:
            json.dump(times, f)
        window.close()

    window.model_loaded.connect(ready)
