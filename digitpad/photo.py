"""A photo of writing on paper -> the ink alone, ready to be looked at for digits (``segment``).

Phones photograph paper under uneven light, on ruled or squared sheets, printed forms and
cheques. So: estimate the paper's own brightness everywhere and measure ink against it (no
fixed threshold), pick the ink level with Otsu's method, and remove long straight lines (ruled
and grid lines, a form's rules), mending the strokes they crossed.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.preprocess import stroke_width

HALF = 0.5  # brightness: a picture mostly lighter than this is paper, not a board or a screen
MIN_INK = 0.14  # ink must be at least this much darker than the paper around it
LINE_SPAN = 0.7  # a straight run across this share of the page is a ruled or grid line
LINE_WIDTH = 0.04  # ...unless it is thicker than this share of the page: a pen stroke (ruled
# lines measured up to 3.5% thick in 1,000 generated photos, the stems of big 1s and 9s 4.7-7.2%)
LINE_ACROSS = 0.5  # lines are looked for along a side only if it is at least this share of the other


def clean(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A photo's ink: its strength (0-1) at every pixel, and the mask of what is ink once ruled
    lines and printed rules are taken out."""
    strength = ink_strength(gray)
    return strength, remove_rules(remove_lines(ink_mask(strength), strength))


def ink_strength(gray: np.ndarray) -> np.ndarray:
    """How much darker than the local paper each pixel is, in [0, 1], whatever the ink's polarity."""
    pixels = gray.astype(np.float32) / 255
    if _light_ink(pixels):  # chalk on a board, a photo of a screen
        pixels = 1 - pixels
    paper = _paper_brightness(pixels)
    return np.clip((paper - pixels) / np.maximum(paper, 0.05), 0, 1)


def _light_ink(pixels: np.ndarray) -> bool:
    """Light ink on a dark ground (a chalkboard, a screen)? Paper is light, so only a dark
    picture whose strong, sparse departures from the local ground are bright qualifies."""
    if np.median(pixels) >= HALF:
        return False
    small = _shrink(pixels, 128)
    size = max(5, max(small.shape) // 6) | 1  # odd, as a median window must be
    paper = cv2.medianBlur((small * 255).astype(np.uint8), size).astype(np.float32) / 255
    residual = small - paper
    return np.percentile(residual, 99) > -np.percentile(residual, 1)


def _shrink(pixels: np.ndarray, side: int) -> np.ndarray:
    """Area-averaged copy of a float image whose longest side is at most ``side``."""
    height, width = pixels.shape
    scale = min(1.0, side / max(height, width))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)


def _paper_brightness(pixels: np.ndarray) -> np.ndarray:
    """The paper's brightness at every pixel: dark strokes closed over, then smoothed."""
    height, width = pixels.shape
    small = _shrink(pixels, 160)
    size = max(3, round(0.16 * max(small.shape)))
    square = np.ones((size, size), np.uint8)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, square, borderType=cv2.BORDER_REFLECT)
    smooth = max(3, size // 2)
    paper = cv2.blur(paper, (smooth, smooth), borderType=cv2.BORDER_REFLECT)
    return cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)


def otsu_threshold(values: np.ndarray) -> float:
    """The level that best splits ``values`` (in [0, 1]) into two classes (Otsu's method)."""
    counts, edges = np.histogram(values, bins=256, range=(0.0, 1.0))
    levels = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(counts)
    mass = np.cumsum(counts * levels)
    total, total_mass = weight[-1], mass[-1]
    below, above = weight, total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * below - mass * total) ** 2 / (below * above)
    between[~np.isfinite(between)] = 0
    return float(levels[int(np.argmax(between))])


def ink_mask(strength: np.ndarray) -> np.ndarray:
    """Ink pixels: above Otsu's level, and never fainter than MIN_INK.

    Paper vastly outnumbers ink, so Otsu looks only at what is not plainly paper.
    """
    candidates = strength[strength > MIN_INK / 2]
    level = max(otsu_threshold(candidates), MIN_INK) if candidates.size else 1.0
    return strength > level


def remove_lines(mask: np.ndarray, strength: np.ndarray | None = None) -> np.ndarray:
    """Remove ruled and grid lines (long, thin, nearly straight runs) and mend the strokes they crossed.

    With the ink ``strength``, pale lines that are patchy in ``mask`` are found whole, and pen
    strokes lying along a line (a 7's bar on a ruled line) are kept, being darker than the line.
    """
    faint = mask if strength is None else mask | (strength > MIN_INK / 2)
    lines, bands = np.zeros_like(mask), np.zeros_like(mask)
    for horizontal in (True, False):
        length, other = mask.shape[::-1] if horizontal else mask.shape
        if length < LINE_ACROSS * other:
            continue  # across a strip of writing, a run as long as the strip is tall is a digit's stroke
        shape = (lambda n: (1, n)) if horizontal else (lambda n: (n, 1))
        across = (3, 1) if horizontal else (1, 3)
        band = _coarse_runs(faint, shape(max(8, round(LINE_SPAN * length))), across)
        if band.any():
            thick = _morph(mask, cv2.MORPH_DILATE, across)
            runs = band & mask & _morph(thick, cv2.MORPH_OPEN, shape(max(8, length // 10)))
            lines |= _thin(runs, horizontal, LINE_WIDTH * max(mask.shape))  # not a big 1's stem
            bands |= band
    if strength is not None and lines.any():
        lines &= strength < 1.5 * np.median(strength[bands & faint])
    if not lines.any():
        return mask
    cleaned = mask & ~lines
    # Strokes that crossed a line now have a gap as wide as the line: close it across the line.
    gap = int(np.ceil(stroke_width(lines, 0))) + 3
    mended = _morph(cleaned, cv2.MORPH_CLOSE, (gap, 1)) | _morph(cleaned, cv2.MORPH_CLOSE, (1, gap))
    return cleaned | (mended & lines)


def _thin(runs: np.ndarray, horizontal: bool, widest: float) -> np.ndarray:
    """The straight ``runs`` no thicker than ``widest`` across their length, each judged alone."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs.astype(np.uint8), connectivity=8)
    lengths = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
    thin = stats[:, cv2.CC_STAT_AREA] <= widest * lengths
    thin[0] = False  # the background
    return thin[labels]


def _coarse_runs(mask: np.ndarray, run: tuple[int, int], thicken: tuple[int, int]) -> np.ndarray:
    """Bands around straight runs at least ``run`` long, even if tilted by perspective.

    Looked for at about 200 px, where a tilted line drifts by only a pixel or two.
    """
    factor = max(1, round(max(mask.shape) / 200))
    height, width = mask.shape
    padded = np.pad(mask, ((0, -height % factor), (0, -width % factor)))
    small = padded.reshape(padded.shape[0] // factor, factor, -1, factor).any(axis=(1, 3))
    small_run = tuple(max(1, length // factor) for length in run)
    thick = _morph(small, cv2.MORPH_DILATE, thicken)
    found = _morph(_morph(thick, cv2.MORPH_OPEN, small_run), cv2.MORPH_DILATE, (3, 3))
    return np.kron(found, np.ones((factor, factor), bool))[:height, :width]


def _morph(mask: np.ndarray, operation: int, shape: tuple[int, int]) -> np.ndarray:
    """A morphological ``operation`` (``cv2.MORPH_*``) of a boolean mask by a rectangle of
    ``shape`` (rows, columns). Beyond the edges lies background: a run that an opening keeps
    must fit inside the image."""
    kernel = np.ones(shape, np.uint8)
    pixels = np.ascontiguousarray(mask, np.uint8)
    changed = cv2.morphologyEx(pixels, operation, kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0)
    return changed.astype(bool)


def remove_rules(mask: np.ndarray) -> np.ndarray:
    """Printed rules (a form's field, a cheque's amount box, a ruled line): thin rows of ink
    across most of the picture's width, however dark next to the pen; strokes they crossed are
    mended. ``remove_lines`` keeps lines as dark as the ink (a 7's bar may lie on one) and, in a
    strip, looks at too little page; no digit's stroke runs along most of a row of digits.
    """
    height, width = mask.shape
    window = 3  # a rule tilted by a pixel or two still fills this many rows together
    across = _morph(mask, cv2.MORPH_DILATE, (window, 1)).mean(axis=1) > LINE_SPAN
    rules = np.zeros_like(mask)
    rules[across] = mask[across]
    rules = _thin(_morph(rules, cv2.MORPH_OPEN, (1, max(8, width // 10))), True, LINE_WIDTH * width)
    rules |= _tilted_rules(mask, rules)
    if not rules.any():
        return mask
    cleaned = mask & ~rules
    gap = int(np.ceil(stroke_width(rules, 0))) + 3
    return cleaned | (_morph(cleaned, cv2.MORPH_CLOSE, (gap, 1)) & rules)


def _tilted_rules(mask: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Rules tilted by more than a row or two (a page photographed at a slant): thin runs of ink
    that reach across most of the picture's width in one piece, stepping from row to row, and
    that are none of the rules ``found`` already."""
    width = mask.shape[1]
    steps = _morph(_morph(mask, cv2.MORPH_DILATE, (3, 1)), cv2.MORPH_OPEN, (1, max(8, width // 10)))
    runs = _thin(mask & steps, True, LINE_WIDTH * width)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs.astype(np.uint8), connectivity=8)
    long = stats[:, cv2.CC_STAT_WIDTH] >= LINE_SPAN * width
    long[0] = False  # the background
    long[np.unique(labels[found])] = False
    return long[labels]


