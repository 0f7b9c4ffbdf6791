"""How digitpad's public API reads real handwriting that nobody here made.

    python -m benchmarks.realdev ../shared/realdev [--mnist ../shared/mnist] [--limit N]

REALDEV is a folder laid out as ``../shared/realdev/`` is (its README says where each part comes
from): single digits in ``usps_train/`` and ``photos/`` (``labels.csv``), numbers in
``orand_car_train/`` and ``photos/multi/`` (``truth.csv``). Single digits go through
``recognize()``, numbers through ``read_digits()``. With ``--mnist``, "tight crops" of the MNIST
test set are scored too: each digit cut to its ink box, at several sizes, dark on light, some
clipped at an edge: what a dataset image or a scan cut to the digit looks like.

The images are public data with their own licences: they are read from the folder given, never
copied into this repository.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad import recognizer as recognizers

SINGLE = ["usps_train", "photos"]
NUMBERS = ["orand_car_train", "photos/multi"]
CROP_SIZES = (8, 16, 28, 64, 200)


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="") as file:
        return list(csv.DictReader(file))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions, one each."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def number_text(found) -> str:
    """Digits in reading order; a box starting left of the one before begins a new line ('/')."""
    text, last_left = "", None
    for result in found:
        if last_left is not None and result.box and result.box[0] < last_left:
            text += "/"
        text += str(result.digit)
        last_left = result.box[0] if result.box else last_left
    return text


def score_single(name: str, items: list[tuple[str, object, int]], recognizer: recognizers.Recognizer) -> dict:
    """``items``: (source, image, label). Prints accuracy, unanswered, confusions, time."""
    right, unanswered, confusions, seconds = Counter(), Counter(), Counter(), []
    totals = Counter()
    for source, image, label in items:
        start = time.perf_counter()
        digit = recognizer.recognize(image).digit
        seconds.append(time.perf_counter() - start)
        totals[source] += 1
        right[source] += digit == label
        unanswered[source] += digit is None
        if digit is not None and digit != label:
            confusions[f"{label}->{digit}"] += 1
    total = sum(totals.values())
    print(f"{name}: {sum(right.values()) / total:.2%} of {total} right, {sum(unanswered.values())} "
          f"without an answer, {1000 * np.median(seconds):.2f} ms an image (median)")
    if len(totals) > 1:
        for source in sorted(totals):
            share = right[source] / totals[source]
            print(f"    {source:14s} {right[source]:4d}/{totals[source]:<4d} {share:7.2%}"
                  f"{f'  ({unanswered[source]} no answer)' if unanswered[source] else ''}")
    if confusions:
        print("    most confused: " + ", ".join(f"{pair} x{n}" for pair, n in confusions.most_common(8)))
    return {"accuracy": sum(right.values()) / total, "unanswered": sum(unanswered.values())}


def score_numbers(name: str, folder: Path, limit: int | None, recognizer: recognizers.Recognizer) -> dict:
    truth = rows(folder, "truth.csv")[:limit]
    exact = errors = digits = returned = 0
    seconds, misses = [], []
    for row in truth:
        start = time.perf_counter()
        found = recognizer.read_digits(folder / row["file"])
        seconds.append(time.perf_counter() - start)
        read = number_text(found) if "/" in row["truth"] else "".join(str(r.digit) for r in found)
        if "/" not in row["truth"]:
            read = read.replace("/", "")
        expected = row["truth"]
        exact += read == expected
        errors += edit_distance(read.replace("/", ""), expected.replace("/", ""))
        digits += len(expected.replace("/", ""))
        returned += len(found)
        if read != expected:
            misses.append(f"{row['file']}: {expected} -> {read}")
    print(f"{name}: {exact}/{len(truth)} read exactly ({exact / len(truth):.1%}), "
          f"digits {1 - errors / digits:.1%} (edit distance), {returned} digits returned for {digits}, "
          f"{1000 * np.median(seconds):.0f} ms an image (median)")
    for miss in misses[:12]:
        print(f"    {miss}")
    return {"exact": exact / len(truth), "digits": 1 - errors / digits}


def single_items(folder: Path, limit: int | None) -> list[tuple[str, Path, int]]:
    items = []
    for row in rows(folder, "labels.csv")[:limit]:
        parts = Path(row["file"]).stem.split("_")
        source = parts[1] if folder.name == "photos" and len(parts) > 2 else folder.name
        items.append((source, folder / row["file"], int(row["label"])))
    return items


def tight_crops(mnist_dir: str, limit: int | None, seed: int = 0) -> list[tuple[str, np.ndarray, int]]:
    """MNIST test digits cut to their ink box, dark on light, at each of CROP_SIZES (longest
    side), every third one clipped by 1-3 px at one edge."""
    from digitpad.data import load_mnist

    data = load_mnist(mnist_dir)
    rng = np.random.default_rng(seed)
    items = []
    for image, label in list(zip(data.x_test, data.y_test, strict=True))[:limit]:
        rows_, cols = np.flatnonzero(image.max(1) > 40), np.flatnonzero(image.max(0) > 40)
        crop = image[rows_[0]:rows_[-1] + 1, cols[0]:cols[-1] + 1]
        for size in CROP_SIZES:
            scale = size / max(crop.shape)
            shape = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
            pixels = np.asarray(Image.fromarray(crop).resize(shape, Image.BILINEAR))
            if rng.random() < 1 / 3:
                side = int(rng.integers(4))
                turned = np.rot90(pixels, side)
                cut = min(int(rng.integers(1, 4)), turned.shape[0] // 6)  # never most of a thin 1
                pixels = np.rot90(turned[cut:], -side)
            items.append((f"{size}px", 255 - pixels, int(label)))
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("realdev", type=Path, help="the realdev folder (e.g. ../shared/realdev)")
    parser.add_argument("--mnist", help="an MNIST folder: also score tight crops of its test set")
    parser.add_argument("--limit", type=int, help="score only the first N items of each set")
    parser.add_argument("--only", choices=["single", "numbers", "crops"], help="score one kind of set")
    parser.add_argument("--model", help="an exported .tflite model instead of the bundled one")
    args = parser.parse_args()
    recognizer = recognizers.Recognizer(args.model) if args.model else recognizers.default_recognizer()
    if not args.realdev.is_dir():
        print(f"realdev folder not found: {args.realdev} (give the folder that holds usps_train/, "
              f"photos/, orand_car_train/)", file=sys.stderr)
        return 2
    if args.only in (None, "single"):
        for name in SINGLE:
            if (args.realdev / name / "labels.csv").is_file():
                score_single(name, single_items(args.realdev / name, args.limit), recognizer)
            else:
                print(f"{name}: missing from {args.realdev}, skipped")
    if args.only in (None, "numbers"):
        for name in NUMBERS:
            if (args.realdev / name / "truth.csv").is_file():
                score_numbers(name, args.realdev / name, args.limit, recognizer)
            else:
                print(f"{name}: missing from {args.realdev}, skipped")
    if args.mnist and args.only in (None, "crops"):
        per_size = args.limit and args.limit // len(CROP_SIZES)
        score_single("MNIST tight crops", tight_crops(args.mnist, per_size), recognizer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
