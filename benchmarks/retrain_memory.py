"""The window's memory before, during and after a retrain from the menu (one epoch on the
committed MNIST slice), and whether TensorFlow was loaded in the window's process.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.retrain_memory
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

SLICE = Path(__file__).resolve().parent.parent / "tests" / "data" / "mnist-slice"


def rss_mb() -> int:
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) // 1024


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from digitpad.ui.main_window import MainWindow

    app = QApplication([])
    folder = Path(tempfile.mkdtemp())
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat), "",
                        data_dir=folder / "data")
    window.show()
    start = time.monotonic()
    while not window.live.ready and time.monotonic() - start < 30:
        app.processEvents()
        time.sleep(0.01)
    before = peak = rss_mb()
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText(str(SLICE))
    dialog.epochs.setValue(1)
    ended = []
    dialog.worker.finished.connect(ended.append)
    dialog.worker.failed.connect(ended.append)
    dialog.start_button.click()
    while not ended and time.monotonic() - start < 600:
        app.processEvents()
        time.sleep(0.05)
        peak = max(peak, rss_mb())
    print(f"window before {before} MB, during {peak} MB, after {rss_mb()} MB; "
          f"TensorFlow in the window: {'tensorflow' in sys.modules}; "
          f"outcome: {'a staged model' if ended and isinstance(ended[0], dict) else ended}; "
          f"{time.monotonic() - start:.0f} s")


if __name__ == "__main__":  # the training child process imports this module too
    main()
