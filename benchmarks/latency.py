"""How long recognize() takes on a 280x280 drawing, against Keras' own ways of predicting.

    python -m benchmarks.latency
"""

from __future__ import annotations

import os
import statistics
import time

from benchmarks.synthetic import draw
from digitpad import assets
from digitpad.preprocess import to_mnist
from digitpad.recognizer import Recognizer


def median_ms(function, repeats: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    drawing = draw(7)
    recognizer = Recognizer()
    digit = to_mnist(drawing)
    rows = {
        "preprocessing (to_mnist)": median_ms(lambda: to_mnist(drawing), 2000),
        "ONNX Runtime, one digit": median_ms(lambda: recognizer.predictor.predict(digit[None]), 2000),
        "recognize() end to end": median_ms(lambda: recognizer.recognize(drawing), 2000),
    }
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from digitpad import model as models  # noqa: PLC0415 - TensorFlow only for the comparison

    keras_model = models.load(assets.BUNDLED_MODEL)
    batch = digit[None, :, :, None]
    rows["Keras model(x)"] = median_ms(lambda: keras_model(batch, training=False), 200)
    rows["Keras model.predict(x)"] = median_ms(lambda: keras_model.predict(batch, verbose=0), 100)
    for name, value in rows.items():
        print(f"{name:28s} {value:8.3f} ms")
    ratio = rows["Keras model.predict(x)"] / rows["recognize() end to end"]
    print(f"recognize() is {ratio:.0f}x faster than model.predict on the same model")


if __name__ == "__main__":
    main()
