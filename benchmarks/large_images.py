"""Time and peak memory of reading the largest image files digitpad accepts (just under 60 MP),
each in a fresh process: ``read_digits()`` on the file, opening and decoding included.

    python -m benchmarks.large_images            # files made in a temporary folder, then removed

The files are small on disk but large in pixels: one dark 7 on light paper (or on transparency),
in the kinds a user may have: RGBA, RGB, gray, 16-bit and palette PNGs; JPEG, WebP, TIFF, BMP, GIF.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

SIDE = 7700  # 59.3 MP
WEBP_SIDE = 4000  # 16 MP: the largest WebP accepted (Pillow decodes WebP only in full)
FILES = (  # (file name, mode, side)
    ("RGBA.png", "RGBA", SIDE), ("RGB.png", "RGB", SIDE), ("L.png", "L", SIDE), ("I16.png", "I;16", SIDE),
    ("P.png", "P", SIDE), ("RGB.jpg", "RGB", SIDE), ("RGB.tif", "RGB", SIDE), ("RGB.bmp", "RGB", SIDE),
    ("L.gif", "L", SIDE), ("RGBA.webp", "RGBA", WEBP_SIDE), ("RGB.webp", "RGB", SIDE),
)


def make(folder: Path, name: str, mode: str, side: int) -> Path:
    """A side x side picture of a 7 in ``mode``, saved as ``name``."""
    gray = np.full((side, side), 255, np.uint8)
    cv2.putText(gray, "7", (side // 4, side * 3 // 4), cv2.FONT_HERSHEY_SIMPLEX, side / 50, 0, side // 20)
    if mode == "RGBA":  # dark ink on transparency, as drawing apps export
        rgba = np.zeros((side, side, 4), np.uint8)
        rgba[..., 3] = 255 - gray
        picture = Image.fromarray(rgba)
    elif mode == "I;16":
        picture = Image.fromarray(gray.astype(np.uint16) * 257)
    else:
        picture = Image.fromarray(gray).convert(mode)
    picture.save(folder / name)
    return folder / name


def measure(path: Path) -> None:
    """Child process: read ``path`` and print the seconds, the peak memory and the digits."""
    import time

    import digitpad

    digitpad.read_digits(np.full((64, 64), 255, np.uint8))  # the model loaded: not what is timed
    start = time.perf_counter()
    try:
        answer = "".join(str(result.digit) for result in digitpad.read_digits(path))
    except digitpad.ImageError as error:
        answer = f"refused: {error}"
    seconds = time.perf_counter() - start
    with open("/proc/self/status") as status:  # (ru_maxrss would count the parent's, across exec)
        peak = int(next(line for line in status if line.startswith("VmHWM")).split()[1]) // 1024
    print(f"{seconds:.2f} {peak} {answer}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        measure(Path(sys.argv[2]))
        return
    print(f"{'file':<10} {'pixels':>6} {'on disk':>10} {'seconds':>8} {'peak MB':>8}  answer")
    with tempfile.TemporaryDirectory() as folder:
        for name, mode, side in FILES:
            path = make(Path(folder), name, mode, side)
            out = subprocess.run([sys.executable, "-m", "benchmarks.large_images", "--child", str(path)],
                                 capture_output=True, text=True, check=True).stdout.strip().split(maxsplit=2)
            seconds, peak, answer = out if len(out) == 3 else (*out, "")
            print(f"{name:<10} {side * side / 1e6:>4.0f} MP {path.stat().st_size // 1024:>7} KB "
                  f"{seconds:>8} {peak:>8}  {answer}")


if __name__ == "__main__":
    main()
