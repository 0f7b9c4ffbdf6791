"""Which inference runtime runs the bundled model fastest here, at what accuracy.

    python -m benchmarks.runtimes ../shared/mnist [ROUNDS]

The bundled Keras model is exported (into a temporary folder) to ONNX (float32; int8 static QDQ
and QOperator, per channel, calibrated on 300 training images: the app's export until
2026-12-02) and to LiteRT (float32; dynamic-range int8 weights, what ``export.save`` writes now;
full int8, calibrated on the same images). Each is
run on one digit at a time, with 1 and 2 threads, in ROUNDS rounds (default 5) of 2,000 calls,
the runtimes taking turns so that a slow spell of this shared machine falls on all of them
alike; then on the whole MNIST test set through ``to_mnist``, in batches of 256, for accuracy and
digits a second. Needs TensorFlow, and ``pip install ".[bench]"`` for ONNX Runtime, onnx and tf2onnx.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

CALLS = 2000
BATCH = 256


class Onnx:
    def __init__(self, path: Path, threads: int):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name

    def predict(self, images: np.ndarray) -> np.ndarray:
        """As digitpad's Predictor did with ONNX Runtime: float32 in, its answer checked."""
        batch = np.ascontiguousarray(images, dtype=np.float32).reshape(-1, 28, 28, 1)
        scores = self.session.run(None, {self.input: batch})[0]
        if scores.shape != (len(batch), 10) or not np.isfinite(scores).all():
            raise ValueError("no usable answer")
        return scores


class LiteRt:
    def __init__(self, path: Path, threads: int):
        from ai_edge_litert.interpreter import Interpreter

        self.interpreter = Interpreter(model_path=str(path), num_threads=threads)
        self.input = self.interpreter.get_input_details()[0]["index"]
        self.output = self.interpreter.get_output_details()[0]["index"]
        self.batch = 0

    def predict(self, images: np.ndarray) -> np.ndarray:
        images = images.reshape(-1, 28, 28, 1)
        if len(images) != self.batch:
            self.interpreter.resize_tensor_input(self.input, list(images.shape))
            self.interpreter.allocate_tensors()
            self.batch = len(images)
        self.interpreter.set_tensor(self.input, images)
        self.interpreter.invoke()
        return self.interpreter.get_tensor(self.output)


def export_onnx(model, path: str | os.PathLike, calibration: np.ndarray | None = None,
                quant_format=None) -> None:
    """An ONNX export (through tf2onnx); int8 (static, per channel, the softmax left in float)
    given ``calibration`` images, in ``quant_format`` (default QDQ): how digitpad exported its
    models before it moved to LiteRT."""
    model(np.zeros((1, 28, 28, 1), np.float32))  # export needs a built, called model
    if calibration is None or len(calibration) == 0:
        model.export(str(path), format="onnx", verbose=False)
        return
    import onnx
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

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


def exports(folder: Path, calibration: np.ndarray) -> dict[str, tuple[type, Path]]:
    """The bundled model in every format compared, written into ``folder``."""
    import tensorflow as tf
    from onnxruntime.quantization import QuantFormat

    from digitpad import assets
    from digitpad import model as models

    model = models.load(assets.BUNDLED_MODEL)
    found = {}
    export_onnx(model, folder / "float.onnx")
    found["ONNX float32"] = (Onnx, folder / "float.onnx")
    export_onnx(model, folder / "qdq.onnx", calibration)
    found["ONNX int8 QDQ"] = (Onnx, folder / "qdq.onnx")
    export_onnx(model, folder / "qop.onnx", calibration, QuantFormat.QOperator)
    found["ONNX int8 QOperator"] = (Onnx, folder / "qop.onnx")
    saved = folder / "saved"
    model.export(str(saved), format="tf_saved_model", verbose=False)

    def representative():
        for image in calibration:
            yield [image[None].astype(np.float32)]

    for name, quantize in (("float32", None), ("int8 weights", "dynamic"), ("int8", "full")):
        converter = tf.lite.TFLiteConverter.from_saved_model(str(saved))
        if quantize:
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
        if quantize == "full":
            converter.representative_dataset = representative
        path = folder / f"litert-{name.replace(' ', '-')}.tflite"
        path.write_bytes(converter.convert())
        found[f"LiteRT {name}"] = (LiteRt, path)
    return found


def per_call(predict, digit: np.ndarray, calls: int) -> float:
    for _ in range(50):
        predict(digit)
    start = time.perf_counter()
    for _ in range(calls):
        predict(digit)
    return (time.perf_counter() - start) / calls * 1000


def main() -> None:
    from digitpad.data import load_mnist
    from digitpad.training import to_model_input

    data = load_mnist(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    test = to_model_input(data.x_test)[..., 0]
    calibration = to_model_input(data.x_train[:300])
    with tempfile.TemporaryDirectory() as work:
        runners = {}
        for name, (kind, path) in exports(Path(work), calibration).items():
            for threads in (1, 2):
                runners[f"{name}, {threads} thread{'s' if threads > 1 else ''}"] = (kind(path, threads), path)
        digit = test[:1].copy()
        times = {name: [] for name in runners}
        for _ in range(rounds):
            for name, (runner, _) in runners.items():
                times[name].append(per_call(runner.predict, digit, CALLS))
        print(f"{'runtime':34s} {'one digit':>17s} {'MNIST test':>11s} {'digits/s':>9s} {'size':>8s}")
        for name, (runner, path) in runners.items():
            start = time.perf_counter()
            scores = np.concatenate([runner.predict(test[at:at + BATCH]) for at in range(0, len(test), BATCH)])
            rate = len(test) / (time.perf_counter() - start)
            accuracy = float((scores.argmax(1) == data.y_test).mean())
            low, high = min(times[name]), max(times[name])
            print(f"{name:34s} {statistics.median(times[name]):6.3f} ({low:.3f}-{high:.3f}) ms "
                  f"{accuracy:10.2%} {rate:9,.0f} {path.stat().st_size / 1024:6.0f} KB")


if __name__ == "__main__":
    main()
