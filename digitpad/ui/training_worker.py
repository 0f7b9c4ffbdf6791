"""A job (retrain, fine-tune, import) in a child process, seen from a QThread: its messages
become signals. The window never imports TensorFlow; a crash of the child is a message."""

from __future__ import annotations

import multiprocessing
import queue as queues
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.jobs import Job, run_in_child


class TrainingWorker(QObject):
    """Runs one Job at a time, each in a fresh child process; ``cancel()`` may be called from
    any thread and kills the child."""

    progress = Signal(object)  # train_config.Progress, at most ~10 a second
    epoch_done = Signal(object)  # train_config.Progress with the epoch's logs
    finished = Signal(object)  # jobs.StagedModel
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self):
        super().__init__()
        self._stop = threading.Event()
        self.staging = Path(tempfile.mkdtemp(prefix="digitpad-training-"))
        self.child = None  # the running job's process

    def cancel(self) -> None:
        self._stop.set()

    @Slot(object)
    def run(self, job: Job) -> None:
        context = multiprocessing.get_context("spawn")  # a clean child: no Qt state copied into it
        messages = context.Queue()
        child = self.child = context.Process(target=run_in_child, args=(job, self.staging, messages),
                                             daemon=True)
        try:
            child.start()
        except (OSError, RuntimeError) as error:  # no process to be had (limits, a frozen app)
            self._stop.clear()
            self.failed.emit(f"the training process could not start ({error}).")
            return
        try:
            outcome, payload = self._relay(child, messages)
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            messages.close()
            self._stop.clear()  # here, not at the start: a cancel that came before it counts
        outcome.emit(*payload)  # only now: the window may start the next job at once

    def _relay(self, child, messages) -> tuple[Signal, tuple]:
        """Pass the child's progress on as signals until it is done, cancelled or gone; the
        signal that ends the job, and its arguments."""
        while True:
            if self._stop.is_set():
                return self.cancelled, ()
            try:
                kind, payload = messages.get(timeout=0.05)
            except queues.Empty:
                if not child.is_alive() and messages.empty():
                    return self.failed, (f"the training process stopped unexpectedly (exit code "
                                         f"{child.exitcode}).",)
                continue
            if kind == "progress":
                self.progress.emit(payload)
            elif kind == "epoch":
                self.epoch_done.emit(payload)
            else:
                return (self.finished if kind == "finished" else self.failed), (payload,)
