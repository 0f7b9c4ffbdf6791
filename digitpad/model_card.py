"""A model card: what a model is, how it was trained and how well it does, as JSON beside it;
and its learning curves as a picture. Imports neither Qt nor TensorFlow."""

from __future__ import annotations

import json
import os
import platform
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from digitpad.atomic import write_atomically

if TYPE_CHECKING:  # (the window reads cards: it loads none of these)
    from digitpad.data import Mnist
    from digitpad.train_config import TrainConfig
    from digitpad.training import Evaluation, TrainResult

# What the window reads from a card, and the types it needs; a field of another type is left out.
FIELDS = {"architecture": str, "test_accuracy": (int, float), "parameters": int, "runtime": str}


def read_card(model_path: str | os.PathLike) -> dict:
    """The model card (JSON) saved beside a model, or {} if there is none or it is unreadable.
    Fields the window shows are there only with the right type (a hand-edited card cannot break it)."""
    try:
        card = json.loads(Path(model_path).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(card, dict):
        return {}
    return {key: value for key, value in card.items() if key not in FIELDS
            or (isinstance(value, FIELDS[key]) and not isinstance(value, bool))}


def model_card(parameters: int, config: TrainConfig, result: TrainResult, evaluation: Evaluation,
               data: Mnist, runtime: str) -> dict:
    """What a trained model is (``parameters`` weights, its export for the app in the ``runtime`` format),
    how it was trained and how well it does."""
    return {
        "architecture": config.architecture,
        "parameters": int(parameters),
        "epochs": len(result.history.get("loss", [])),
        "config": asdict(config),
        **measured(evaluation, runtime),
        "best_validation_accuracy": max(result.history.get("val_accuracy", [0.0])),
        "history": result.history,
        "training_seconds": round(result.seconds, 1),
        "data": {"source": Path(data.source).name, "checksum": data.checksum,
                 "train_images": int(len(data.x_train))},
        "trained_on": platform.platform(),
    }


def measured(evaluation: Evaluation, runtime: str) -> dict:
    """What a card says of an export (``runtime``, its format) and how well it reads the test set."""
    return {
        "test_accuracy": round(evaluation.accuracy, 5),
        "test_images": int(sum(map(sum, evaluation.confusion))),
        "evaluated_through": "digitpad preprocessing (to_mnist) + the exported model (LiteRT), on raw test images",
        "per_class_accuracy": evaluation.per_class,
        "confusion_matrix": evaluation.confusion,
        "runtime": runtime,
        "versions": _versions(),
        "measured_on": platform.platform(),
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


def average_cards(cards: list[dict]) -> dict:
    """The card of a model averaged from models with these ``cards`` (``model.average``): the
    first's, with what each averaged model was (epochs, stages, last seed, test accuracy)."""
    def summary(card: dict) -> dict:
        return {"epochs": card.get("epochs"), "stages": len(card.get("stages", [card.get("config")])),
                "last_seed": card.get("config", {}).get("seed"), "test_accuracy": card.get("test_accuracy")}

    return {**cards[0], "averaged_from": [summary(card) for card in cards]}


def _versions() -> dict[str, str]:
    """The versions that trained and exported a model (read from the installed packages' metadata)."""
    return {"python": platform.python_version(),
            **{name: _version(name) for name in ("tensorflow", "keras", "numpy", "ai-edge-litert")}}


def _version(package: str) -> str:
    from importlib import metadata  # noqa: PLC0415 - only when a card is made

    for distribution in (package, f"{package}-cpu"):  # TensorFlow is also published as tensorflow-cpu
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def write_card(card: dict, path: str | os.PathLike) -> None:
    """``card`` as JSON at ``path``, written whole or not at all."""
    write_atomically(path, lambda tmp: Path(tmp).write_text(json.dumps(card, indent=2) + "\n"))


def plot_history(history: dict[str, list[float]], path: str | os.PathLike) -> None:
    """Accuracy and loss per epoch, training and validation, as a PNG."""
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt  # noqa: PLC0415

    figure, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    epochs = range(1, len(history.get("loss", [])) + 1)
    for axis, metric in zip(axes, ("accuracy", "loss"), strict=True):
        axis.plot(epochs, history.get(metric, []), label="training")
        axis.plot(epochs, history.get(f"val_{metric}", []), label="validation")
        axis.set_xlabel("epoch")
        axis.set_title(metric)
        axis.grid(alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
