"""Training and fine-tuning on a QThread. The training module's plain callbacks become signals."""

from __future__ import annotations

import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from digitpad.data import DataError, Mnist, load_mnist


@dataclass
class Job:
    """What to do: "retrain" from scratch, "fine_tune" on the user's samples, or "import" a .keras file."""

    kind: str
    current_onnx: Path  # the model in use, to compare with
    current_keras: Path
    data_dir: str = ""
    architecture: str = "cnn"
    epochs: int = 10
    samples: tuple[np.ndarray, np.ndarray] = field(default_factory=lambda: (np.zeros((0, 28, 28)), np.zeros(0)))
    source: str = ""  # the .keras file to import


class TrainingWorker(QObject):
    """Runs one Job at a time; ``cancel()`` may be called from any thread."""

    progress = Signal(object)  # training.Progress, at most ~10 a second
    epoch_done = Signal(object)  # training.Progress with the epoch's logs
    finished = Signal(object)  # dict: staged model path, its card, comparison figures
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self):
        super().__init__()
        self._stop = threading.Event()
        self._last_progress = 0.0
        self.staging = Path(tempfile.mkdtemp(prefix="digitpad-training-"))

    def cancel(self) -> None:
        self._stop.set()

    @Slot(object)
    def run(self, job: Job) -> None:
        self._stop.clear()
        try:
            from digitpad import training  # noqa: PLC0415 - TensorFlow loads here, off the UI thread
        except Exception as error:  # a broken TensorFlow install
            self.failed.emit(f"TensorFlow could not be loaded: {error}")
            return
        steps = {"retrain": self._retrain, "fine_tune": self._fine_tune, "import": self._import}
        try:
            result = steps[job.kind](job, training)
        except training.Cancelled:
            self.cancelled.emit()
        except (DataError, ValueError, OSError) as error:  # bad data, a wrong model, a full disk
            self.failed.emit(str(error))
        except Exception as error:  # a bug must reach the user, not kill the thread
            self.failed.emit(f"{type(error).__name__}: {error}\n\n{traceback.format_exc(limit=3)}")
        else:
            self.finished.emit(result)

    def _hooks(self, training):
        def on_batch(progress) -> None:
            now = time.monotonic()
            if now - self._last_progress >= 0.1 or progress.batch == progress.batches:
                self._last_progress = now
                self.progress.emit(progress)

        return training.Hooks(on_batch=on_batch, on_epoch=self.epoch_done.emit, should_stop=self._stop.is_set)

    def _retrain(self, job: Job, training) -> dict:
        data = load_mnist(job.data_dir)
        images, labels = job.samples
        if len(images):  # the user's samples, repeated so that they count, join the training set
            repeat = max(1, 200 // len(images))
            extra = (np.repeat(images, repeat, axis=0) * 255).round().astype(np.uint8)
            data = Mnist(np.concatenate([data.x_train, extra]), np.concatenate([data.y_train, np.repeat(labels, repeat)]),
                         data.x_test, data.y_test, data.source, data.checksum)
        config = training.TrainConfig(architecture=job.architecture, epochs=job.epochs)
        result = training.train(data, config, self._hooks(training))
        return self._stage(training, result.model, data, lambda evaluation: training.model_card(
            result.model, config, result, evaluation, data))

    def _fine_tune(self, job: Job, training) -> dict:
        from digitpad import model as models  # noqa: PLC0415

        images, labels = job.samples
        try:
            data = load_mnist(job.data_dir) if job.data_dir else None
        except DataError:
            data = None  # fine-tuning works without MNIST; it only guards against forgetting
        result = training.fine_tune(models.load(job.current_keras), images, labels, data, self._hooks(training))
        base = _card(job.current_onnx)

        def card(_evaluation) -> dict:  # measured by fine_tune itself, on 2,000 test images
            measured = {"test_accuracy": round(result.mnist_after, 5), "test_images": 2000} if data else {}
            return {**base, **measured, "fine_tuned_on_samples": int(len(images)),
                    "training_seconds": round(result.seconds, 1),
                    "user_accuracy_before": result.user_before, "user_accuracy_after": result.user_after}

        staged = self._stage(training, result.model, None, card)
        staged.update(user_before=result.user_before, user_after=result.user_after,
                      mnist_before=result.mnist_before, mnist_after=result.mnist_after,
                      held_out=result.held_out, seconds=result.seconds)
        return staged

    def _import(self, job: Job, training) -> dict:
        from digitpad import model as models  # noqa: PLC0415

        model = models.load(job.source)  # safe_mode: no code runs; wrong shapes raise ValueError
        return self._stage(training, model, None, lambda evaluation: {
            "architecture": model.name, "parameters": int(model.count_params()), "imported_from": job.source,
            **({"test_accuracy": round(evaluation.accuracy, 5)} if evaluation else {})})

    def _stage(self, training, model, data: Mnist | None, card) -> dict:
        """Save the candidate beside nothing the user uses yet, and measure it against the current one."""
        from digitpad.runtime import Predictor  # noqa: PLC0415

        keras_path, onnx_path = training.save(model, self.staging / "candidate.keras", data)
        evaluation = training.evaluate(Predictor(onnx_path), data.x_test, data.y_test) if data else None
        training.write_card(card(evaluation), keras_path.with_suffix(".json"))
        return {"staged": keras_path, "card": card(evaluation),
                "confusion": evaluation.confusion if evaluation else None}


def _card(onnx_path: Path) -> dict:
    from digitpad.assets import read_card  # noqa: PLC0415

    return read_card(onnx_path)
