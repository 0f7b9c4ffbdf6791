"""Retrain, fine-tune or import a model, staged beside nothing the user uses yet. Qt-free.

Each job is a function from a request to a ``StagedModel``. The window runs one in a child
process (``run_in_child``): TensorFlow is imported there and never in the window, a crash of the
child is a message rather than the end of the app, cancelling kills it, and its memory goes back
when it ends. Progress comes back over a queue as ``(kind, payload)`` messages: ("progress",
Progress), ("epoch", Progress), then one of ("finished", StagedModel) or ("failed", message).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from digitpad.data import DataError, Mnist, load_mnist
from digitpad.model_card import read_card
from digitpad.train_config import RETRAIN, FineTuneConfig, Hooks, TrainConfig

USER_REPEATS = 200  # the user's samples are repeated to about this many images, so that they count
NO_SAMPLES = (np.zeros((0, 28, 28), np.float32), np.zeros(0, np.int64))


@dataclass
class Retrain:
    """Train a new model from scratch on MNIST, and on the user's ``samples`` if any."""

    data_dir: str = ""
    config: TrainConfig = field(default_factory=lambda: replace(RETRAIN))
    samples: tuple[np.ndarray, np.ndarray] = NO_SAMPLES


@dataclass
class FineTune:
    """Adapt the model in use (``current_keras``) to the user's ``samples``."""

    current_keras: Path
    samples: tuple[np.ndarray, np.ndarray]
    data_dir: str = ""  # MNIST, if found, guards against forgetting; it is not needed
    config: FineTuneConfig = field(default_factory=FineTuneConfig)


@dataclass
class Import:
    """Check and convert a .keras model file (``source``) for the app."""

    source: str


Job = Retrain | FineTune | Import


@dataclass
class TunedFigures:
    """What fine-tuning gained on the held-out samples and lost on MNIST (nan without MNIST)."""

    user_before: float
    user_after: float
    mnist_before: float
    mnist_after: float
    held_out: int  # how many samples were held back to measure the gain
    test_images: int  # how many MNIST test images measured the loss (0 without MNIST)
    seconds: float


@dataclass
class StagedModel:
    """A candidate model, saved in the staging folder: its .keras and .tflite files, its model card,
    its confusion matrix on the MNIST test set (when it was tested), and the fine-tuning figures."""

    keras: Path
    tflite: Path
    card: dict
    confusion: list[list[int]] | None = None
    tuned: TunedFigures | None = None


def run_in_child(job: Job, staging: Path, queue) -> None:
    """The child process's work: ``job`` done, every outcome sent on ``queue``."""
    try:
        hooks = Hooks(on_batch=lambda progress: queue.put(("progress", progress)),
                      on_epoch=lambda progress: queue.put(("epoch", progress)))  # (at most 10 a second)
        queue.put(("finished", run(job, staging, hooks)))
    except (DataError, ValueError, OSError) as error:  # bad data, a wrong model, a full disk
        queue.put(("failed", str(error)))
    except ImportError as error:  # a broken TensorFlow install
        queue.put(("failed", f"TensorFlow could not be loaded: {error}"))
    except Exception as error:  # TensorFlow failing, or a bug: either must reach the user
        queue.put(("failed", tensorflow_failure(error)
                   or f"{type(error).__name__}: {error}\n\n{traceback.format_exc(limit=3)}"))


def run(job: Job, staging: Path, hooks: Hooks | None = None) -> StagedModel:
    """Do ``job`` here (importing TensorFlow), its model saved in ``staging``."""
    if isinstance(job, Retrain):
        return retrain(job, staging, hooks)
    if isinstance(job, FineTune):
        return fine_tune(job, staging, hooks)
    return import_model(job, staging)


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


def retrain(job: Retrain, staging: Path, hooks: Hooks | None = None) -> StagedModel:
    """A new model trained on MNIST (with the user's samples), tested on its test set."""
    from digitpad import model_card, training  # noqa: PLC0415 - TensorFlow loads here, in the child

    data = _with_samples(load_mnist(job.data_dir), *job.samples)
    result = training.train(data, job.config, hooks)
    return _stage(staging, result.model, data, lambda evaluation, runtime: model_card.model_card(
        result.model.count_params(), job.config, result, evaluation, data, runtime))


def _with_samples(data: Mnist, images: np.ndarray, labels: np.ndarray) -> Mnist:
    """MNIST with the user's samples, repeated so that they count, in its training set."""
    if not len(images):
        return data
    repeat = max(1, USER_REPEATS // len(images))
    extra = (np.repeat(images, repeat, axis=0) * 255).round().astype(np.uint8)
    return Mnist(np.concatenate([data.x_train, extra]), np.concatenate([data.y_train, np.repeat(labels, repeat)]),
                 data.x_test, data.y_test, data.source, data.checksum)


def fine_tune(job: FineTune, staging: Path, hooks: Hooks | None = None) -> StagedModel:
    """The model in use with its head adapted to the user's samples; its card says what changed."""
    from digitpad import model as models  # noqa: PLC0415 - TensorFlow loads here, in the child
    from digitpad import training  # noqa: PLC0415

    images, labels = job.samples
    try:
        data = load_mnist(job.data_dir) if job.data_dir else None
    except DataError:
        data = None  # fine-tuning works without MNIST; it only guards against forgetting
    result = training.fine_tune(models.load(job.current_keras), images, labels, data, hooks, job.config)
    tuned = TunedFigures(result.user_before, result.user_after, result.mnist_before, result.mnist_after,
                         result.held_out, result.test_images, result.seconds)
    base = read_card(job.current_keras)

    def card(_evaluation, runtime: str) -> dict:  # measured by fine_tune itself, on the first test images
        measured = {"test_accuracy": round(tuned.mnist_after, 5), "test_images": tuned.test_images} if data else {}
        return {**{key: value for key, value in base.items() if key not in ("test_accuracy", "test_images")},
                **measured, "runtime": runtime, "fine_tuned_on_samples": int(len(images)),
                "training_seconds": round(tuned.seconds, 1),
                "user_accuracy_before": tuned.user_before, "user_accuracy_after": tuned.user_after}

    staged = _stage(staging, result.model, None, card)
    staged.tuned = tuned
    return staged


def import_model(job: Import, staging: Path) -> StagedModel:
    """A .keras file checked (no code runs; wrong shapes raise ValueError) and exported."""
    from digitpad import model as models  # noqa: PLC0415 - TensorFlow loads here, in the child

    model = models.load(job.source)
    return _stage(staging, model, None, lambda _evaluation, runtime: {
        "architecture": model.name, "parameters": int(model.count_params()), "imported_from": job.source,
        "runtime": runtime})


def _stage(staging: Path, model, data: Mnist | None, card) -> StagedModel:
    """Save the candidate where the user's models are not, and test it if there is test data;
    ``card(evaluation, runtime)`` makes its model card."""
    from digitpad import export, model_card, training  # noqa: PLC0415
    from digitpad.runtime import Predictor  # noqa: PLC0415

    saved = export.save(model, staging / "candidate.keras")
    evaluation = training.evaluate(Predictor(saved.tflite), data.x_test, data.y_test) if data else None
    written = card(evaluation, saved.runtime)
    model_card.write_card(written, saved.keras.with_suffix(".json"))
    return StagedModel(saved.keras, saved.tflite, written, evaluation.confusion if evaluation else None)
