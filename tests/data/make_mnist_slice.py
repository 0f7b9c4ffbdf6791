"""Cut the small MNIST slice the tests use from the full data set.

    python tests/data/make_mnist_slice.py ../shared/mnist
"""

import gzip
import sys
from pathlib import Path

import numpy as np

from digitpad.data import FILES, IMAGE_MAGIC, LABEL_MAGIC, load_mnist

SIZES = {"train": 3000, "test": 1000}


def write_idx(path: Path, array: np.ndarray) -> None:
    magic = IMAGE_MAGIC if array.ndim == 3 else LABEL_MAGIC
    header = b"".join(int(n).to_bytes(4, "big") for n in (magic, *array.shape))
    with gzip.GzipFile(path, "wb", mtime=0) as f:  # mtime=0: the same bytes on every run
        f.write(header + array.astype(np.uint8).tobytes())


data = load_mnist(sys.argv[1])
out = Path(__file__).parent / "mnist-slice"
for key, stem in FILES.items():
    part = key.split("_")[1]
    write_idx(out / f"{stem}.gz", getattr(data, key)[: SIZES[part]])
print(f"wrote {SIZES} images to {out}")
