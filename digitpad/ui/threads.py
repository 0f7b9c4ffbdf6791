"""A worker object on a thread of its own, the one way the window runs slow work."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread


class WorkerThread(QThread):
    """Owns ``worker``: moves it onto this thread (its slots then run here, called through
    signals), keeps it alive, and deletes it when the thread stops."""

    def __init__(self, worker: QObject, parent: QObject):
        super().__init__(parent)
        self.worker = worker
        worker.moveToThread(self)
        self.finished.connect(worker.deleteLater)

    def stop(self) -> None:
        """End the thread once the worker's current call returns."""
        self.quit()
        self.wait()
