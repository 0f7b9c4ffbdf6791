"""The light inference runtime: an exported LiteRT model (.tflite), run by the ``ai-edge-litert``
interpreter (XNNPACK kernels), no TensorFlow. ``benchmarks/runtimes.py`` says why this one."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np

CLASSES = 10  # the digits 0-9: what every model outputs
ROUNDING = 1e-4  # a probability may stray this far out of [0, 1] in float32 (an 8-bit model's softmax)
LARGEST = 256  # digits per run: batches are padded to a power of two up to this
THREADS = min(2, os.cpu_count() or 1)  # for large batches: 256 digits 53 us a digit here, one thread 85
# Up to this many digits run on one thread: what a drawing or a photo holds. A second thread,
# asleep between calls, costs more to wake than it saves: recognize() took 0.161 ms with one
# thread and 0.18-0.24 ms with two here (2026-12-02), though two run a digit faster in a loop.
ONE_THREAD_UP_TO = 16
SHAPE = [28, 28, 1]  # one digit, as the model takes it
_quiet = [False]  # LiteRT has said its one line on stderr (and was not heard)


class ModelError(Exception):
    """The model file is missing, corrupt or does not map 28x28 digits to 10 classes."""


class Predictor:
    """A digit model loaded once; ``predict`` maps (N, 28, 28) images to (N, 10) probabilities.

    An interpreter is prepared for each batch size used, rounded up to a power of two (resizing
    one costs more than running it), on one thread for small batches (``ONE_THREAD_UP_TO``).
    Safe to call from several threads: one runs at a time.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        if not self.path.is_file():
            problem = "is not a regular file" if self.path.exists() else "does not exist"
            raise ModelError(f"Cannot load the model {self.path}: it {problem}.")
        try:
            self._model = self.path.read_bytes()
        except OSError as error:
            raise ModelError(f"Cannot load the model {self.path}: {error.strerror or error}.") from None
        self._interpreters: dict[int, tuple] = {}  # batch size: (interpreter, input index, output index)
        self._lock = threading.Lock()
        self._check(self._interpreter(1)[0])
        self._probe()

    def predict(self, images: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10) for float32 images (N, 28, 28) in [0, 1]."""
        batch = np.ascontiguousarray(images, dtype=np.float32).reshape(-1, *SHAPE)
        if not len(batch):
            return np.zeros((0, CLASSES), np.float32)
        with self._lock:
            parts = [self._run(batch[start:start + LARGEST]) for start in range(0, len(batch), LARGEST)]
        scores = parts[0] if len(parts) == 1 else np.concatenate(parts)  # one batch: no copy
        if scores.shape != (len(batch), CLASSES) or not np.isfinite(scores).all():
            raise ModelError(f"The model {self.path.name} gave no usable answer (not 10 finite numbers).")
        return scores

    def _run(self, batch: np.ndarray) -> np.ndarray:
        count = len(batch)
        size = 1 << (count - 1).bit_length()  # the power of two at or above
        interpreter, given, answer = self._interpreters.get(size) or self._interpreter(size)
        if count < size:
            batch = np.concatenate([batch, np.zeros((size - count, *SHAPE), np.float32)])
        try:
            interpreter.set_tensor(given, batch)
            interpreter.invoke()
            return interpreter.get_tensor(answer)[:count]
        except (RuntimeError, ValueError) as error:
            raise ModelError(f"The model {self.path.name} failed to run: {_first_line(error)}") from None

    def _interpreter(self, size: int) -> tuple:
        """A new interpreter of the model for batches of ``size``, with its input and output."""
        from ai_edge_litert.interpreter import Interpreter  # noqa: PLC0415 - keeps `import digitpad` light

        try:
            threads = 1 if size <= ONE_THREAD_UP_TO else THREADS
            interpreter = Interpreter(model_content=self._model, num_threads=threads)
            details = interpreter.get_input_details()
            if len(details) != 1 or list(details[0]["shape"][1:]) != SHAPE:
                raise ModelError(f"{self.path} does not take 28x28x1 images.")
            if details[0]["dtype"] != np.float32:
                raise ModelError(f"{self.path} does not take float images.")
            interpreter.resize_tensor_input(details[0]["index"], [size, *SHAPE])
            with _stderr_silenced():
                interpreter.allocate_tensors()
        except (RuntimeError, ValueError) as error:  # LiteRT's errors for files that are no model
            raise ModelError(f"Cannot load the model {self.path}: {_first_line(error)}") from None
        prepared = interpreter, details[0]["index"], interpreter.get_output_details()[0]["index"]
        self._interpreters[size] = prepared
        return prepared

    def _check(self, interpreter) -> None:
        outputs = interpreter.get_output_details()
        if len(outputs) != 1 or outputs[0]["shape"][-1] != CLASSES or outputs[0]["dtype"] != np.float32:
            raise ModelError(f"{self.path} does not give 10 classes.")

    def _probe(self) -> None:
        """Run a batch of two digits: a model that cannot, or that answers with anything but 10
        probabilities (logits, NaN), is refused."""
        probe = np.zeros((2, 28, 28), np.float32)
        probe[1, 4:24, 12:16] = 1.0  # a 1
        scores = self.predict(probe)
        in_range = (scores > -ROUNDING).all() and (scores < 1 + ROUNDING).all()
        if not in_range or not np.allclose(scores.sum(1), 1, atol=1e-3):
            raise ModelError(f"The model {self.path.name} does not give probabilities (its outputs do not sum to 1).")


@contextmanager
def _stderr_silenced():
    """The first model prepared in a process makes LiteRT write "INFO: Created TensorFlow Lite
    XNNPACK delegate for CPU." on the process's stderr, which the command line must not show."""
    if _quiet[0]:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        _quiet[0] = True


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
