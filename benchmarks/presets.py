"""How long a retraining preset takes from the menu, and what it reaches: the window's own path
(``jobs.run_in_child`` in a fresh process: TensorFlow's import, training, the test on the 10,000
MNIST test images and the export all counted), run several times.

    python -m benchmarks.presets ../shared/mnist [--preset quick] [--runs 3]

Prints each run's wall time and test accuracy through the app's runtime, then the slowest and
the lowest: the figures the retrain dialog shows (``train_config.MEASURED``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from digitpad.jobs import Retrain, run_in_child
from digitpad.train_config import PRESETS


def one_run(data: str, preset: str, seed: int, limit: int | None = None) -> tuple[float, float]:
    """(wall seconds, MNIST test accuracy) of one retraining with ``preset``, as the menu runs it
    (``limit``: on the first N training images only, to try the benchmark out)."""
    context = multiprocessing.get_context("spawn")  # as the window starts its child
    queue = context.Queue()
    with tempfile.TemporaryDirectory() as staging:
        job = Retrain(data, replace(PRESETS[preset], seed=seed, limit=limit))
        started = time.perf_counter()
        child = context.Process(target=run_in_child, args=(job, Path(staging), queue))
        child.start()
        while True:
            kind, payload = queue.get()
            if kind == "finished":
                seconds = time.perf_counter() - started
                child.join()
                return seconds, payload.card["test_accuracy"]
            if kind == "failed":
                child.join()
                raise SystemExit(f"the retraining failed: {payload}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="the MNIST folder")
    parser.add_argument("--preset", choices=tuple(PRESETS), default="quick")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=0, help="the seed of the first run (then one more each)")
    parser.add_argument("--limit", type=int, help="train on the first N images only (to try it out)")
    args = parser.parse_args()
    figures = []
    for run in range(args.runs):
        seed = args.first_seed + run
        seconds, accuracy = one_run(args.data, args.preset, seed=seed, limit=args.limit)
        figures.append((seconds, accuracy))
        print(f"run {run + 1} (seed {seed}): {seconds:.0f} s ({seconds / 60:.1f} min), {accuracy:.2%}", flush=True)
    slowest, lowest = max(s for s, _ in figures), min(a for _, a in figures)
    print(f"{args.preset}: at most {slowest / 60:.1f} min, at least {lowest:.2%} over {args.runs} runs")


if __name__ == "__main__":
    main()
