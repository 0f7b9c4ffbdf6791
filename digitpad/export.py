"""A trained Keras model saved for training on (.keras) and exported for the app (ONNX, usually
8-bit). Imports TensorFlow."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np

from digitpad import model as models
from digitpad.atomic import write_atomically
from digitpad.data import Mnist
from digitpad.training import to_model_input

CALIBRATION_IMAGES = 300  # training images that show the 8-bit export the range of each layer
INT8 = f"ONNX, int8 (static QDQ, per channel, calibrated on {CALIBRATION_IMAGES} training images)"
FLOAT32 = "ONNX, float32"


@dataclass(frozen=True)
class Saved:
    """Where a model was saved, and the format its ONNX export has (for the model card)."""

    keras: Path
    onnx: Path
    runtime: str


def save(model: keras.Model, path: str | os.PathLike, data: Mnist | None = None) -> Saved:
    """Save ``model`` as ``path`` (.keras) and its ONNX export beside it, each atomically.

    With ``data``, the export is quantized to 8 bits, calibrated on its first training images
    (``CALIBRATION_IMAGES``): about twice as fast to run and a quarter of the size, at the same
    accuracy.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx_path = path.with_suffix(".onnx")
    calibration = to_model_input(data.x_train[:CALIBRATION_IMAGES]) if data is not None else None
    write_atomically(path, _without_optimizer(model).save)
    write_atomically(onnx_path, lambda tmp: export_onnx(model, tmp, calibration))
    return Saved(path, onnx_path, INT8 if calibration is not None else FLOAT32)


def _without_optimizer(model: keras.Model) -> keras.Model:
    """The same layers in an uncompiled model, saved without optimizer state (a third of the size)."""
    if isinstance(model, keras.Sequential):
        return keras.Sequential([keras.Input(models.INPUT_SHAPE), *model.layers], name=model.name)
    return model


def export_onnx(model: keras.Model, path: str | os.PathLike, calibration: np.ndarray | None = None,
                quant_format=None) -> None:
    """Export for the ONNX runtime the app predicts with; int8 (static, per channel) given
    ``calibration`` images that show the quantizer the range of each layer's values, in
    ``quant_format`` (an ``onnxruntime.quantization.QuantFormat``; default QDQ)."""
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
        quantize_static(str(plain), str(path), Images(), quant_format=quant_format or QuantFormat.QDQ,
                        per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, nodes_to_exclude=softmax)
