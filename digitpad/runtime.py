"""The light inference runtime: an exported ONNX model run by ONNX Runtime, no TensorFlow."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

CLASSES = 10  # the digits 0-9: what every model outputs
ROUNDING = 1e-4  # a probability may stray this far out of [0, 1] in float32 (an 8-bit model's softmax)


class ModelError(Exception):
    """The model file is missing, corrupt or does not map 28x28 digits to 10 classes."""


class Predictor:
    """An ONNX digit model loaded once; ``predict`` maps (N, 28, 28) images to (N, 10) probabilities."""

    def __init__(self, path: str | os.PathLike):
        import onnxruntime  # noqa: PLC0415 - keeps `import digitpad` light

        self.path = Path(path)
        if not self.path.is_file():
            problem = "is not a regular file" if self.path.exists() else "does not exist"
            raise ModelError(f"Cannot load the model {self.path}: it {problem}.")
        options = onnxruntime.SessionOptions()
        # Two threads halve the time of one digit; without spinning they leave the cores idle
        # between predictions, so the UI keeps its share.
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        try:
            self._session = onnxruntime.InferenceSession(
                str(self.path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime raises its own, unexported error types
            raise ModelError(f"Cannot load the model {self.path}: {_first_line(error)}") from None
        inputs, outputs = self._session.get_inputs(), self._session.get_outputs()
        if len(inputs) != 1 or list(inputs[0].shape[1:]) != [28, 28, 1]:
            raise ModelError(f"{self.path} does not take 28x28x1 images.")
        if len(outputs) != 1 or outputs[0].shape[-1] != CLASSES:
            raise ModelError(f"{self.path} does not give 10 classes.")
        self._input = inputs[0].name
        self._probe()

    def predict(self, images: np.ndarray) -> np.ndarray:
        """Probabilities (N, 10) for float32 images (N, 28, 28) in [0, 1]."""
        batch = np.ascontiguousarray(images, dtype=np.float32).reshape(-1, 28, 28, 1)
        try:
            scores = self._session.run(None, {self._input: batch})[0]
        except Exception as error:  # onnxruntime's own error types
            raise ModelError(f"The model {self.path.name} failed to run: {_first_line(error)}") from None
        if scores.shape != (len(batch), CLASSES) or not np.isfinite(scores).all():
            raise ModelError(f"The model {self.path.name} gave no usable answer (not 10 finite numbers).")
        return scores

    def _probe(self) -> None:
        """Run a batch of two digits: a model that cannot (fixed batch size, other input types)
        or that answers with anything but 10 probabilities (logits, NaN) is refused."""
        probe = np.zeros((2, 28, 28), np.float32)
        probe[1, 4:24, 12:16] = 1.0  # a 1
        scores = self.predict(probe)
        in_range = (scores > -ROUNDING).all() and (scores < 1 + ROUNDING).all()
        if not in_range or not np.allclose(scores.sum(1), 1, atol=1e-3):
            raise ModelError(f"{self.path.name} does not give probabilities (its outputs do not sum to 1).")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[-1] if text else type(error).__name__
