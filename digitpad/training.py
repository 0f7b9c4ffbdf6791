"""Train, evaluate and export digit models. Plain callbacks report progress; imports TensorFlow."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from digitpad import augment
from digitpad.data import Mnist
from digitpad.jobs import Progress
from digitpad.preprocess import to_mnist
from digitpad.runtime import Predictor

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

from digitpad import model as models  # noqa: E402

CALIBRATION_IMAGES = 300  # training images that show the 8-bit export the range of each layer


@dataclass
class TrainConfig:
    """What to train and how; saved in the model card."""

    architecture: str = "cnn"
    epochs: int = 20
    batch_size: int = 128
    learning_rate: float = 1e-3
    lr_decay: float = 0.85  # learning rate multiplier per epoch
    validation_size: int = 5000
    augment: bool = True
    augment_scale: float = 1.0  # 0.5: half the rotation, zoom, shift and thickness change
    real_world: float = 0.0  # add a real-world variant (augment.py) of this share of the training images
    initial: str | None = None  # continue from this saved model instead of a fresh one
    seed: int = 0
    limit: int | None = None  # use only the first N training images (quick runs, tests)


@dataclass
class Hooks:
    """Plain callbacks: the CLI prints them, the window's worker turns them into Qt signals."""

    on_batch: Callable[[Progress], None] | None = None
    on_epoch: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] = lambda: False


class Cancelled(Exception):
    """Training stopped because ``Hooks.should_stop`` said so."""


@dataclass
class Evaluation:
    accuracy: float
    per_class: list[float]
    confusion: list[list[int]]


def to_model_input(images: np.ndarray) -> np.ndarray:
    """Raw images (N, H, W) through the app's own preprocessing -> float32 (N, 28, 28, 1)."""
    out = np.zeros((len(images), 28, 28, 1), np.float32)
    for i, image in enumerate(images):
        digit = to_mnist(image)
        if digit is not None:
            out[i, :, :, 0] = digit
    return out


def augmenter(seed: int, scale: float = 1.0) -> Callable[[tf.Tensor], tf.Tensor]:
    """Random rotation (±12°), scaling (±12%), shift (±2 px) and stroke thickness, as people vary
    when they draw; ``scale`` shrinks all four."""
    geometry = keras.Sequential(
        [
            keras.layers.RandomRotation(0.035 * scale, fill_mode="constant", seed=seed),
            keras.layers.RandomZoom(0.12 * scale, fill_mode="constant", seed=seed + 1),
            keras.layers.RandomTranslation(0.08 * scale, 0.08 * scale, fill_mode="constant", seed=seed + 2),
        ]
    )
    generator = tf.random.Generator.from_seed(seed + 3)

    def augment(images: tf.Tensor) -> tf.Tensor:
        images = geometry(images, training=True)
        thicker = tf.nn.max_pool2d(images, 3, 1, "SAME")
        thinner = -tf.nn.max_pool2d(-images, 3, 1, "SAME")
        amount = generator.uniform((tf.shape(images)[0], 1, 1, 1), -0.6 * scale, 0.6 * scale)
        changed = tf.where(amount > 0, thicker, thinner)
        return images + tf.abs(amount) * (changed - images)

    return augment


class _Reporter(keras.callbacks.Callback):
    """Turns Keras callbacks into ``Hooks`` calls, and stops training when asked."""

    def __init__(self, hooks: Hooks, epochs: int, batches: int):
        super().__init__()
        self.hooks, self.epochs, self.batches = hooks, epochs, batches
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.hooks.should_stop():
            self.model.stop_training = True
            raise Cancelled
        if self.hooks.on_batch:
            self.hooks.on_batch(Progress(self.epoch, self.epochs, batch + 1, self.batches, _floats(logs)))

    def on_epoch_end(self, epoch, logs=None):
        if self.hooks.on_epoch:
            self.hooks.on_epoch(Progress(epoch, self.epochs, self.batches, self.batches, _floats(logs)))


def _floats(logs) -> dict[str, float]:
    return {key: float(value) for key, value in (logs or {}).items()}


@dataclass
class TrainResult:
    model: keras.Model
    history: dict[str, list[float]]
    seconds: float


def train(data: Mnist, config: TrainConfig, hooks: Hooks | None = None,
          initial: keras.Model | None = None) -> TrainResult:
    """Train on ``data``'s training set, keeping the weights with the best validation accuracy.

    Starts from ``initial`` (fine-tuning) when given. Raises ``Cancelled`` if the hooks stop it.
    """
    hooks = hooks or Hooks()
    keras.utils.set_random_seed(config.seed)
    images = to_model_input(data.x_train[: config.limit])
    labels = data.y_train[: config.limit].astype(np.int32)
    # The same held-out images whatever the seed, so that a second stage (``initial``) never
    # validates on images the first stage trained on.
    order = np.random.default_rng(0).permutation(len(images))
    held = min(config.validation_size, len(images) // 10)
    val, fit = order[:held], order[held:]
    fit_x, fit_y = images[fit], labels[fit]
    if config.real_world > 0:
        chosen = np.random.default_rng(config.seed).permutation(fit)[: round(config.real_world * len(fit))]
        variants = augment.real_world(data.x_train[chosen], labels[chosen], config.seed)
        fit_x = np.concatenate([fit_x, variants[..., None]])
        fit_y = np.concatenate([fit_y, labels[chosen]])
    if initial is None and config.initial:
        initial = models.load(config.initial)
    model = initial if initial is not None else models.build(config.architecture)
    model.compile(
        optimizer=keras.optimizers.Adam(config.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    batches = int(np.ceil(len(fit_x) / config.batch_size))
    best = _BestWeights()
    callbacks = [
        keras.callbacks.LearningRateScheduler(lambda epoch: config.learning_rate * config.lr_decay**epoch),
        best,
        _Reporter(hooks, config.epochs, batches),
    ]
    started = time.perf_counter()
    history = model.fit(
        _dataset(fit_x, fit_y, config),
        validation_data=(images[val], labels[val]),
        epochs=config.epochs,
        callbacks=callbacks,
        shuffle=False,  # the dataset shuffles itself
        verbose=0,
    )
    best.restore(model)
    return TrainResult(model, _floats_lists(history.history), time.perf_counter() - started)


class _BestWeights(keras.callbacks.Callback):
    """Keeps, in memory, the weights of the epoch with the best validation accuracy."""

    def __init__(self):
        super().__init__()
        self.score, self.weights = -1.0, None

    def on_epoch_end(self, epoch, logs=None):
        score = (logs or {}).get("val_accuracy", -1.0)
        if score > self.score:
            self.score, self.weights = score, self.model.get_weights()

    def restore(self, model: keras.Model) -> None:
        if self.weights is not None:
            model.set_weights(self.weights)


def _floats_lists(history: dict) -> dict[str, list[float]]:
    return {key: [float(v) for v in values] for key, values in history.items() if key != "learning_rate"}


def _dataset(images: np.ndarray, labels: np.ndarray, config: TrainConfig) -> tf.data.Dataset:
    dataset = (
        tf.data.Dataset.from_tensor_slices((images, labels))
        .shuffle(len(images), seed=config.seed, reshuffle_each_iteration=True)
        .batch(config.batch_size)
    )
    if config.augment:
        augment = augmenter(config.seed, config.augment_scale)
        # One batch at a time: parallel calls would draw from the random generators in whatever
        # order the threads run, and the same seed would no longer give the same model.
        dataset = dataset.map(lambda x, y: (augment(x), y))
    return dataset.prefetch(tf.data.AUTOTUNE)


@dataclass
class FineTuneResult:
    model: keras.Model
    user_before: float  # accuracy on the held-out user samples, before and after
    user_after: float
    mnist_before: float  # accuracy on MNIST test images, before and after (nan without MNIST)
    mnist_after: float
    held_out: int
    seconds: float


def fine_tune(model: keras.Model, images: np.ndarray, labels: np.ndarray, data: Mnist | None = None,
              hooks: Hooks | None = None, epochs: int = 3, seed: int = 0) -> FineTuneResult:
    """Adapt ``model`` to the user's samples (N, 28, 28) in seconds; ``model`` itself is not changed.

    Only the dense head learns; the user's samples are repeated and mixed with MNIST (when
    ``data`` is given) so that the rest is not forgotten. A fifth of the samples is held out to
    measure the gain.
    """
    hooks = hooks or Hooks()
    started = time.perf_counter()
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(images))
    held = order[: len(images) // 5] if len(images) >= 5 else order[:0]
    fit = order[len(held):]
    user_x, user_y = images[..., None].astype(np.float32), labels.astype(np.int32)
    mnist_x = mnist_y = test_x = test_y = None
    if data is not None:
        pick = rng.choice(len(data.x_train), min(1500, len(data.x_train)), replace=False)
        mnist_x, mnist_y = to_model_input(data.x_train[pick]), data.y_train[pick].astype(np.int32)
        test_x, test_y = to_model_input(data.x_test[:2000]), data.y_test[:2000]
    tuned = keras.models.clone_model(model)
    tuned.set_weights(model.get_weights())
    flatten = next(i for i, layer in enumerate(tuned.layers) if isinstance(layer, keras.layers.Flatten))
    for layer in tuned.layers[: flatten + 1]:
        layer.trainable = False
    repeat = max(1, 600 // max(1, len(fit)))
    x = np.concatenate([np.repeat(user_x[fit], repeat, axis=0)] + ([mnist_x] if mnist_x is not None else []))
    y = np.concatenate([np.repeat(user_y[fit], repeat)] + ([mnist_y] if mnist_y is not None else []))
    config = TrainConfig(epochs=epochs, batch_size=64, learning_rate=5e-4, seed=seed)
    tuned.compile(optimizer=keras.optimizers.Adam(config.learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    batches = int(np.ceil(len(x) / config.batch_size))
    tuned.fit(_dataset(x, y, config), epochs=epochs, shuffle=False, verbose=0,
              callbacks=[_Reporter(hooks, epochs, batches)])
    for layer in tuned.layers:  # saved as a whole model again, ready for the next training
        layer.trainable = True

    def accuracy(net: keras.Model, xs, ys) -> float:
        if xs is None or len(xs) == 0:
            return float("nan")
        return float((net.predict(xs, verbose=0, batch_size=256).argmax(1) == ys).mean())

    return FineTuneResult(
        tuned,
        accuracy(model, user_x[held], user_y[held]), accuracy(tuned, user_x[held], user_y[held]),
        accuracy(model, test_x, test_y), accuracy(tuned, test_x, test_y),
        len(held), time.perf_counter() - started,
    )


def evaluate(predictor: Predictor, images: np.ndarray, labels: np.ndarray) -> Evaluation:
    """Accuracy of ``predictor`` on raw images, each through ``to_mnist`` as ``recognize()`` does."""
    predicted = predictor.predict(to_model_input(images)).argmax(axis=1)
    confusion = np.zeros((10, 10), np.int64)
    np.add.at(confusion, (labels.astype(np.int64), predicted), 1)
    totals = confusion.sum(axis=1)
    per_class = np.divide(np.diag(confusion), totals, out=np.zeros(10), where=totals > 0)
    return Evaluation(float((predicted == labels).mean()), per_class.round(5).tolist(), confusion.tolist())


def save(model: keras.Model, path: str | os.PathLike, data: Mnist | None = None) -> tuple[Path, Path]:
    """Save ``model`` as ``path`` (.keras) and its ONNX export beside it, each atomically.

    With ``data``, the export is quantized to 8 bits, calibrated on its first training images
    (``CALIBRATION_IMAGES``): about twice as fast to run and a quarter of the size, at the same
    accuracy.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx_path = path.with_suffix(".onnx")
    calibration = to_model_input(data.x_train[:CALIBRATION_IMAGES]) if data is not None else None
    _write_atomically(path, _without_optimizer(model).save)
    _write_atomically(onnx_path, lambda tmp: export_onnx(model, tmp, calibration))
    return path, onnx_path


def _without_optimizer(model: keras.Model) -> keras.Model:
    """The same layers in an uncompiled model, saved without optimizer state (a third of the size)."""
    if isinstance(model, keras.Sequential):
        return keras.Sequential([keras.Input(models.INPUT_SHAPE), *model.layers], name=model.name)
    return model


def export_onnx(model: keras.Model, path: str | os.PathLike, calibration: np.ndarray | None = None) -> None:
    """Export for the ONNX runtime the app predicts with; int8 (static, per channel) given
    ``calibration`` images that show the quantizer the range of each layer's values."""
    model(np.zeros((1, *models.INPUT_SHAPE), np.float32))  # export needs a built, called model
    if calibration is None or len(calibration) == 0:
        model.export(str(path), format="onnx", verbose=False)
        return
    import onnx  # noqa: PLC0415
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "plain.onnx"
        model.export(str(plain), format="onnx", verbose=False)
        graph = onnx.load(str(plain)).graph
        name = graph.input[0].name
        softmax = [node.name for node in graph.node if node.op_type == "Softmax"]

        class Images(CalibrationDataReader):
            def __init__(self):
                self.batches = iter({name: image[None].astype(np.float32)} for image in calibration)

            def get_next(self):
                return next(self.batches, None)

        # The softmax stays in floating point, so that the probabilities sum to 1.
        quantize_static(str(plain), str(path), Images(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, nodes_to_exclude=softmax)


def _write_atomically(path: Path, write: Callable[[str], object]) -> None:
    """Write through a temporary file in the same folder, then rename: never a half-written file."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    os.close(handle)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes files only their owner may read
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def model_card(model: keras.Model, config: TrainConfig, result: TrainResult,
               evaluation: Evaluation, data: Mnist) -> dict:
    """What the model is, how it was trained and how well it does (saved by ``save`` with ``data``)."""
    return {
        "architecture": config.architecture,
        "parameters": int(model.count_params()),
        "epochs": len(result.history.get("loss", [])),
        "config": asdict(config),
        "test_accuracy": round(evaluation.accuracy, 5),
        "test_images": int(sum(map(sum, evaluation.confusion))),
        "evaluated_through": "digitpad preprocessing (to_mnist) + ONNX runtime, on raw test images",
        "per_class_accuracy": evaluation.per_class,
        "confusion_matrix": evaluation.confusion,
        "best_validation_accuracy": max(result.history.get("val_accuracy", [0.0])),
        "history": result.history,
        "training_seconds": round(result.seconds, 1),
        "data": {"source": Path(data.source).name, "checksum": data.checksum,
                 "train_images": int(len(data.x_train))},
        "versions": _versions(),
        "trained_on": platform.platform(),
        "runtime": f"ONNX, int8 (static QDQ, per channel, calibrated on {CALIBRATION_IMAGES} training images)",
    }


def merge_cards(earlier: dict, later: dict) -> dict:
    """The card of a model trained in stages (``--initial``): the later stage's figures, with the
    whole history, epoch count, training time and every stage's settings."""
    history = {key: earlier.get("history", {}).get(key, []) + values for key, values in later["history"].items()}
    return {
        **later,
        "epochs": earlier.get("epochs", 0) + later["epochs"],
        "history": history,
        "best_validation_accuracy": max(history.get("val_accuracy", [0.0])),
        "training_seconds": round(earlier.get("training_seconds", 0) + later["training_seconds"], 1),
        "stages": [*earlier.get("stages", [earlier.get("config", {})]),
                   {**later["config"], "initial": "the model of the previous stage"}],
    }


def _versions() -> dict[str, str]:
    import onnxruntime  # noqa: PLC0415

    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "onnxruntime": onnxruntime.__version__,
    }


def write_card(card: dict, path: str | os.PathLike) -> None:
    path = Path(path)
    _write_atomically(path, lambda tmp: Path(tmp).write_text(json.dumps(card, indent=2) + "\n"))


def plot_history(history: dict[str, list[float]], path: str | os.PathLike) -> None:
    """Accuracy and loss per epoch, training and validation, as a PNG."""
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt  # noqa: PLC0415

    figure, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    epochs = range(1, len(history.get("loss", [])) + 1)
    for axis, metric in zip(axes, ("accuracy", "loss")):
        axis.plot(epochs, history.get(metric, []), label="training")
        axis.plot(epochs, history.get(f"val_{metric}", []), label="validation")
        axis.set_xlabel("epoch")
        axis.set_title(metric)
        axis.grid(alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
