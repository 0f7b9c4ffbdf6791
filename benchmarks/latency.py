"""How long recognize() takes on a 280x280 drawing, against the ONNX Runtime path digitpad ran
until 2026-12-02 and Keras' own ways of predicting; and read_digits(), what the window runs on
every stroke, on a large canvas.

    python -m benchmarks.latency [ROUNDS] [--against CHECKOUT]

Each step is timed in ROUNDS rounds (default 5) of 1,000 calls (read_digits: 200), the steps
taking turns, so that a slow spell of this shared machine falls on all of them alike. Printed:
the median over every call, and the lowest and highest median of a round. The ONNX rows need
``pip install ".[bench]"`` (they are left out without it).

``--against`` times ``recognize()`` of another digitpad checkout on the same drawing, in a child
process, in turn with the others: e.g. the configuration the speed issue was measured on,

    git worktree add /tmp/before 293853a && python -m benchmarks.latency 5 --against /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from digitpad import assets
from digitpad.preprocess import to_mnist
from digitpad.recognizer import Recognizer
from tests.helpers import ROOT, draw

AGAINST = "recognize() of the --against checkout"


def timings(function, calls: int, warmup: int = 20) -> list[float]:
    """Seconds per call of ``function``, ``calls`` times after a warm-up."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


class Checkout:
    """``recognize()`` of another digitpad checkout, timed in a child process run from it."""

    TIMER = """
import json, sys, time
import numpy as np
from digitpad.recognizer import Recognizer
drawing, calls, recognizer = np.load(sys.argv[1]), int(sys.argv[2]), Recognizer()
for _ in range(20):
    recognizer.recognize(drawing)
times = []
for _ in range(calls):
    start = time.perf_counter()
    recognizer.recognize(drawing)
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""

    def __init__(self, folder: Path, drawing: np.ndarray, scratch: str):
        self.folder, self.image = folder.resolve(), Path(scratch) / "drawing.npy"
        np.save(self.image, drawing)

    def timings(self, calls: int) -> list[float]:
        environment = {**os.environ, "PYTHONPATH": str(self.folder)}
        done = subprocess.run([sys.executable, "-c", self.TIMER, str(self.image), str(calls)], cwd=self.folder,
                              env=environment, capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])


def in_rounds(steps: dict, rounds: int, calls: int) -> dict[str, tuple[float, float, float]]:
    """Per step: (median over all calls, lowest round median, highest round median), in ms.
    A step is a function to call, or a ``Checkout`` that times itself."""
    per_round = {name: [] for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            per_round[name].append(step.timings(calls) if isinstance(step, Checkout) else timings(step, calls))
    summary = {}
    for name, runs in per_round.items():
        medians = [statistics.median(run) for run in runs]
        summary[name] = (statistics.median(sum(runs, [])) * 1000, min(medians) * 1000, max(medians) * 1000)
    return summary


def onnx_recognizer(keras_model, folder: str) -> Recognizer | None:
    """A Recognizer that runs the bundled model as digitpad did until 2026-12-02: an 8-bit ONNX
    export (static QDQ, calibrated on 300 training images) in ONNX Runtime with 2 threads."""
    try:
        from benchmarks.runtimes import Onnx, export_onnx  # noqa: PLC0415
        from digitpad.data import load_mnist  # noqa: PLC0415
        from digitpad.training import to_model_input  # noqa: PLC0415

        calibration = to_model_input(load_mnist(ROOT.parent / "shared" / "mnist").x_train[:300])
        export_onnx(keras_model, Path(folder) / "qdq.onnx", calibration)
    except (ImportError, OSError, ValueError) as error:
        print(f"(no ONNX rows: {error})")
        return None
    recognizer = Recognizer()
    recognizer.predictor = Onnx(Path(folder) / "qdq.onnx", 2)
    return recognizer


def multiply_adds(keras_model) -> int:
    """Multiply-adds of one digit through the model's convolutions and dense layers."""
    total = 0
    for layer in keras_model.layers:
        kind = type(layer).__name__
        if kind == "Conv2D":
            _, height, width, filters = layer.output.shape
            rows, cols = layer.kernel_size
            total += height * width * rows * cols * layer.input.shape[-1] * filters
        elif kind == "Dense":
            total += layer.input.shape[-1] * layer.units
    return int(total)


def peak(side: int = 2048, batch: int = 64, calls: int = 30) -> float:
    """Multiply-adds a second LiteRT reaches here with 8-bit weights, on a large dense layer
    (batches of ``batch``): about the most this processor gives such a model."""
    import keras  # noqa: PLC0415
    from ai_edge_litert.interpreter import Interpreter  # noqa: PLC0415

    from digitpad import export  # noqa: PLC0415
    from digitpad.runtime import THREADS  # noqa: PLC0415

    big = keras.Sequential([keras.Input((side,)), keras.layers.Dense(side, use_bias=False)])
    interpreter = Interpreter(model_content=export.to_litert(big), num_threads=THREADS)
    given = interpreter.get_input_details()[0]["index"]
    interpreter.resize_tensor_input(given, [batch, side])
    interpreter.allocate_tensors()
    interpreter.set_tensor(given, np.random.default_rng(0).random((batch, side), np.float32))
    seconds = min(timings(interpreter.invoke, calls, warmup=5))
    return batch * side * side / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rounds", type=int, nargs="?", default=5)
    parser.add_argument("--against", type=Path, help="another digitpad checkout whose recognize() is timed too")
    args = parser.parse_args()
    rounds = args.rounds
    drawing = draw(7)
    recognizer = Recognizer()
    digit = to_mnist(drawing)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from digitpad import model as models  # noqa: PLC0415 - TensorFlow only for the comparisons

    keras_model = models.load(assets.BUNDLED_MODEL)
    with tempfile.TemporaryDirectory() as folder:
        earlier = onnx_recognizer(keras_model, folder)
        steps = {
            "preprocessing (to_mnist)": lambda: to_mnist(drawing),
            "LiteRT, one digit": lambda: recognizer.predictor.predict(digit[None]),
            "recognize() end to end": lambda: recognizer.recognize(drawing),
        }
        if earlier:
            steps |= {"ONNX Runtime, one digit (before)": lambda: earlier.predictor.predict(digit[None]),
                      "recognize() with ONNX Runtime (before)": lambda: earlier.recognize(drawing)}
        if args.against:
            steps[AGAINST] = Checkout(args.against, drawing, folder)
        rows = in_rounds(steps, rounds, 1000)
    canvas = np.full((1000, 1000), drawing[0, 0], np.uint8)  # a large window's canvas, the drawing in a corner
    canvas[:280, :280] = drawing
    rows |= in_rounds({"read_digits(), 1000x1000 canvas": lambda: recognizer.read_digits(canvas)}, rounds, 200)
    batch = digit[None, :, :, None]
    rows |= in_rounds(
        {
            "Keras model(x)": lambda: keras_model(batch, training=False),
            "Keras model.predict(x)": lambda: keras_model.predict(batch, verbose=0),
        },
        1, 100,
    )
    print(f"{'':40s} {'median':>8s} {'rounds':>17s}")
    for name, (median, low, high) in rows.items():
        print(f"{name:40s} {median:8.3f} {low:8.3f}-{high:.3f} ms")
    ratio = rows["Keras model.predict(x)"][0] / rows["recognize() end to end"][0]
    print(f"recognize() is {ratio:.0f}x faster than model.predict on the same model")
    work, fastest = multiply_adds(keras_model), peak()
    floor = work / fastest * 1000
    print(f"the model: {work / 1e6:.1f} M multiply-adds a digit; LiteRT's peak here {fastest / 1e9:.0f} G a second "
          f"(8-bit weights, a 2048x2048 dense layer): a floor of {floor:.3f} ms a digit; one digit "
          f"takes {rows['LiteRT, one digit'][0] / floor:.1f}x that")
    if "recognize() with ONNX Runtime (before)" in rows:
        ratio = rows["recognize() with ONNX Runtime (before)"][0] / rows["recognize() end to end"][0]
        print(f"recognize() is {ratio:.2f}x faster than with ONNX Runtime, as before 2026-12-02")
    if AGAINST in rows:
        ratio = rows[AGAINST][0] / rows["recognize() end to end"][0]
        print(f"recognize() is {ratio:.2f}x faster than that of {args.against}")


if __name__ == "__main__":
    main()
