"""Retrain, fine-tune or import a model, staged beside nothing the user uses yet. Qt-free.

The window runs a job in a child process (``run_in_child``): TensorFlow is imported there and
never in the window, a crash of the child is a message rather than the end of the app, cancelling
kills it, and its memory goes back when it ends. Progress comes back over a queue as
``(kind, payload)`` messages: ("progress", Progress), ("epoch", Progress), then one of
("finished", result dict) or ("failed", message).
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from digitpad.assets import read_card
from digitpad.data import DataError, Mnist, load_mnist

PROGRESS_EVERY = 0.1  # seconds between progress messages: the dialog needs no more
USER_REPEATS = 200  # the user's samples are repeated to about this many images, so that they count


@dataclass
class Progress:
    """One training step or epoch, as the callbacks see it (here, not in ``training``, so that
    the window can read it without importing TensorFlow)."""

    epoch: int  # 0-based
    epochs: int
    batch: int  # batches done in this epoch
    batches: int
    logs: dict[str, float] = field(default_factory=dict)


@dataclass
class Job:
    """What to do: "retrain" from scratch, "fine_tune" on the user's samples, or "import" a .keras file."""

    kind: str
    current_onnx: Path  # the model in use, to compare with
    current_keras: Path
    data_dir: str = ""
    architecture: str = "cnn"
    epochs: int = 10
    samples: tuple[np.ndarray, np.ndarray] = field(
        default_factory=lambda: (np.zeros((0, 28, 28)), np.zeros(0)))
    source: str = ""  # the .keras file to import


def run_in_child(job: Job, staging: Path, queue) -> None:
    """The child process's work: ``job`` done, every outcome sent on ``queue``."""
    try:
        from digitpad import training  # noqa: PLC0415 - TensorFlow loads here, in the child

        last = [0.0]

        def on_batch(progress) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY or progress.batch == progress.batches:
                last[0] = now
                queue.put(("progress", progress))

        hooks = training.Hooks(on_batch=on_batch, on_epoch=lambda progress: queue.put(("epoch", progress)))
        steps = {"retrain": _retrain, "fine_tune": _fine_tune, "import": _import}
        queue.put(("finished", steps[job.kind](job, staging, training, hooks)))
    except (DataError, ValueError, OSError) as error:  # bad data, a wrong model, a full disk
        queue.put(("failed", str(error)))
    except ImportError as error:  # a broken TensorFlow install
        queue.put(("failed", f"TensorFlow could not be loaded: {error}"))
    except Exception as error:  # TensorFlow failing, or a bug: either must reach the user
        queue.put(("failed", tensorflow_failure(error)
                   or f"{type(error).__name__}: {error}\n\n{traceback.format_exc(limit=3)}"))


def tensorflow_failure(error: Exception) -> str | None:
    """What a TensorFlow error means, in words, to follow "Training stopped: " (its own text
    starts "Graph execution error" and lists the model's internals); None for any other error."""
    if not any(kind.__name__ == "OpError" for kind in type(error).__mro__):
        return None
    if type(error).__name__ == "ResourceExhaustedError":
        return "the computer ran out of memory. Close other programs and try again."
    text = getattr(error, "message", str(error))
    said = [line.split(" [Op:")[0].strip() for line in text.splitlines()
            if line.strip() and not line.startswith((" ", "\t", "Graph execution error", "Detected at node"))]
    return "TensorFlow reported " + (f"\"{said[-1]}\"" if said else "an error") + "."


def _retrain(job: Job, staging: Path, training, hooks) -> dict:
    data = load_mnist(job.data_dir)
    images, labels = job.samples
    if len(images):  # the user's samples, repeated so that they count, join the training set
        repeat = max(1, USER_REPEATS // len(images))
        extra = (np.repeat(images, repeat, axis=0) * 255).round().astype(np.uint8)
        data = Mnist(np.concatenate([data.x_train, extra]),
                     np.concatenate([data.y_train, np.repeat(labels, repeat)]),
                     data.x_test, data.y_test, data.source, data.checksum)
    config = training.TrainConfig(architecture=job.architecture, epochs=job.epochs)
    result = training.train(data, config, hooks)
    return _stage(staging, training, result.model, data, lambda evaluation: training.model_card(
        result.model, config, result, evaluation, data))


def _fine_tune(job: Job, staging: Path, training, hooks) -> dict:
    from digitpad import model as models  # noqa: PLC0415

    images, labels = job.samples
    try:
        data = load_mnist(job.data_dir) if job.data_dir else None
    except DataError:
        data = None  # fine-tuning works without MNIST; it only guards against forgetting
    result = training.fine_tune(models.load(job.current_keras), images, labels, data, hooks)
    base = read_card(job.current_onnx)

    def card(_evaluation) -> dict:  # measured by fine_tune itself, on 2,000 test images
        measured = {"test_accuracy": round(result.mnist_after, 5), "test_images": 2000} if data else {}
        return {**base, **measured, "fine_tuned_on_samples": int(len(images)),
                "training_seconds": round(result.seconds, 1),
                "user_accuracy_before": result.user_before, "user_accuracy_after": result.user_after}

    staged = _stage(staging, training, result.model, None, card)
    staged.update(user_before=result.user_before, user_after=result.user_after,
                  mnist_before=result.mnist_before, mnist_after=result.mnist_after,
                  held_out=result.held_out, seconds=result.seconds)
    return staged


def _import(job: Job, staging: Path, training, hooks) -> dict:
    from digitpad import model as models  # noqa: PLC0415

    model = models.load(job.source)  # safe_mode: no code runs; wrong shapes raise ValueError
    return _stage(staging, training, model, None, lambda evaluation: {
        "architecture": model.name, "parameters": int(model.count_params()), "imported_from": job.source,
        **({"test_accuracy": round(evaluation.accuracy, 5)} if evaluation else {})})


def _stage(staging: Path, training, model, data: Mnist | None, card) -> dict:
    """Save the candidate where the user's models are not, and measure it if there is test data."""
    from digitpad.runtime import Predictor  # noqa: PLC0415

    keras_path, onnx_path = training.save(model, staging / "candidate.keras", data)
    evaluation = training.evaluate(Predictor(onnx_path), data.x_test, data.y_test) if data else None
    training.write_card(card(evaluation), keras_path.with_suffix(".json"))
    return {"staged": keras_path, "card": card(evaluation),
            "confusion": evaluation.confusion if evaluation else None}
