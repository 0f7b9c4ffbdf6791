"""Time and peak memory of reading the largest image files digitpad accepts (just under 60 MP),
each in a fresh process: ``read_digits()`` on the file, opening and decoding included.

    python -m benchmarks.large_images            # files made in a temporary folder, then removed

The files are small on disk but large in pixels: one dark 7 on light paper (or on transparency),
in the kinds a user may have: RGBA, RGB, gray, 16-bit and palette PNGs, and a JPEG photo.
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
KINDS = ("RGBA", "RGB", "L", "I;16", "P")


def make(folder: Path, kind: str) -> Path:
    """A SIDE x SIDE picture of a 7 in ``kind``, saved as PNG (JPEG for "JPEG")."""
    gray = np.full((SIDE, SIDE), 255, np.uint8)
    cv2.putText(gray, "7", (2000, 6000), cv2.FONT_HERSHEY_SIMPLEX, 150, 0, 400)
    if kind == "RGBA":  # dark ink on transparency, as drawing apps export
        rgba = np.zeros((SIDE, SIDE, 4), np.uint8)
        rgba[..., 3] = 255 - gray
        picture = Image.fromarray(rgba)
    elif kind == "I;16":
        picture = Image.fromarray(gray.astype(np.uint16) * 257)
    else:
        picture = Image.fromarray(gray).convert("RGB" if kind == "JPEG" else kind)
    path = folder / f"{kind.replace(';', '')}.{'jpg' if kind == 'JPEG' else 'png'}"
    picture.save(path)
    return path


def measure(path: Path) -> None:
    """Child process: read ``path`` and print the seconds, the peak memory and the digits."""
    import time

    import digitpad

    digitpad.read_digits(np.full((64, 64), 255, np.uint8))  # the model loaded: not what is timed
    start = time.perf_counter()
    found = digitpad.read_digits(path)
    seconds = time.perf_counter() - start
    with open("/proc/self/status") as status:  # (ru_maxrss would count the parent's, across exec)
        peak = int(next(line for line in status if line.startswith("VmHWM")).split()[1]) // 1024
    print(f"{seconds:.2f} {peak} {''.join(str(result.digit) for result in found)}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        measure(Path(sys.argv[2]))
        return
    print(f"{'file':<12} {'on disk':>9} {'seconds':>8} {'peak MB':>8}  digits")
    with tempfile.TemporaryDirectory() as folder:
        for kind in (*KINDS, "JPEG"):
            path = make(Path(folder), kind)
            out = subprocess.run([sys.executable, "-m", "benchmarks.large_images", "--child", str(path)],
                                 capture_output=True, text=True, check=True).stdout.split()
            seconds, peak, digits = out if len(out) == 3 else (*out, "")
            print(f"{path.name:<12} {path.stat().st_size // 1024:>6} KB {seconds:>8} {peak:>8}  {digits}")


if __name__ == "__main__":
    main()
