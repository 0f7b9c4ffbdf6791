"""A photo of digits on paper -> the ink alone -> one region per digit, in reading order.

Phones photograph paper under uneven light, on ruled or squared sheets, with specks and the
page edge in view. So: estimate the paper's own brightness everywhere and measure ink against
it (no fixed threshold), pick the ink level with Otsu's method, remove long straight lines,
drop specks and border artefacts, then group what is left into digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage

from digitpad.preprocess import stroke_width

WORK_SIDE = 800  # photos are analysed at most this large; boxes are mapped back
MIN_INK = 0.14  # ink must be at least this much darker than the paper around it
LINE_SPAN = 0.5  # a straight run across this share of the page is a ruled or grid line
SPECK = 0.04  # components under this share of the largest one's area are specks


@dataclass(frozen=True)
class Region:
    """One digit: its box (left, top, right, bottom) in the input's pixels, and its ink (0-1)."""

    box: tuple[int, int, int, int]
    ink: np.ndarray


def ink_strength(gray: np.ndarray) -> np.ndarray:
    """How much darker than the local paper each pixel is, in [0, 1], whatever the ink's polarity."""
    pixels = gray.astype(np.float32) / 255
    if _light_ink(pixels):  # chalk on a board, a photo of a screen
        pixels = 1 - pixels
    paper = _paper_brightness(pixels)
    return np.clip((paper - pixels) / np.maximum(paper, 0.05), 0, 1)


def _light_ink(pixels: np.ndarray) -> bool:
    """Ink is the strong, sparse departure from the paper around it: is it brighter or darker?"""
    small = _shrink(pixels, 128)
    paper = ndimage.median_filter(small, size=max(5, max(small.shape) // 6))
    residual = small - paper
    return np.percentile(residual, 99) > -np.percentile(residual, 1)


def _shrink(pixels: np.ndarray, side: int) -> np.ndarray:
    """Area-averaged copy of a float image whose longest side is at most ``side``."""
    height, width = pixels.shape
    scale = min(1.0, side / max(height, width))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.BOX))


def _paper_brightness(pixels: np.ndarray) -> np.ndarray:
    """The paper's brightness at every pixel: dark strokes closed over, then smoothed."""
    height, width = pixels.shape
    small = _shrink(pixels, 160)
    size = max(3, round(0.16 * max(small.shape)))
    paper = ndimage.grey_closing(small, size=(size, size))
    paper = ndimage.uniform_filter(paper, size=max(3, size // 2))
    return np.asarray(Image.fromarray(paper).resize((width, height), Image.Resampling.BILINEAR))


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


def remove_lines(mask: np.ndarray) -> np.ndarray:
    """Remove ruled and grid lines (long, thin, nearly straight runs) and mend the strokes they crossed."""
    height, width = mask.shape
    lines = (_long_runs(mask, run=(1, max(8, round(LINE_SPAN * width))), thicken=(3, 1))
             | _long_runs(mask, run=(max(8, round(LINE_SPAN * height)), 1), thicken=(1, 3)))
    if not lines.any():
        return mask
    cleaned = mask & ~lines
    # Strokes that crossed a line now have a gap as wide as the line: close it across the line.
    gap = int(np.ceil(stroke_width(lines, 0))) + 3
    mended = ndimage.binary_closing(cleaned, structure=np.ones((gap, 1), bool))
    mended |= ndimage.binary_closing(cleaned, structure=np.ones((1, gap), bool))
    return cleaned | (mended & lines)


def _long_runs(mask: np.ndarray, run: tuple[int, int], thicken: tuple[int, int]) -> np.ndarray:
    """Ink in straight runs of at least ``run``; thickened first, so a line tilted by perspective still counts."""
    thick = ndimage.binary_dilation(mask, structure=np.ones(thicken, bool))
    return ndimage.binary_opening(thick, structure=np.ones(run, bool)) & mask


def find_digits(gray: np.ndarray) -> list[Region]:
    """The digits in a photo, left to right and line by line, each with its box and clean ink."""
    scale = min(1.0, WORK_SIDE / max(gray.shape))
    if scale < 1:
        size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
        gray = np.asarray(Image.fromarray(gray).resize(size, Image.Resampling.BOX))
    strength = ink_strength(gray)
    mask = remove_lines(ink_mask(strength))
    labels, count = ndimage.label(mask, structure=np.ones((3, 3), bool))
    if count == 0:
        return []
    boxes = ndimage.find_objects(labels)
    areas = np.bincount(labels.ravel())[1:]
    keep = [i for i in range(count) if _is_digit_part(boxes[i], areas[i], areas.max(), mask.shape)]
    groups = _group_parts([boxes[i] for i in keep], [i + 1 for i in keep])
    regions = []
    for line in _reading_order(groups):
        height = float(np.median([box[1] - box[0] for box, _ in line]))
        for (top, bottom, left, right), ids in line:
            inked = np.isin(labels[top:bottom, left:right], ids)
            ink = np.where(inked, strength[top:bottom, left:right], 0).astype(np.float32)
            for start, piece in _split_touching(ink, height):
                box = (left + start, top, left + start + piece.shape[1], bottom)
                regions.append(Region(tuple(round(v / scale) for v in box), piece))
    return regions


def _is_digit_part(box, area: int, largest: int, shape) -> bool:
    rows, cols = box
    height, width = rows.stop - rows.start, cols.stop - cols.start
    if area < max(6, SPECK * largest):
        return False
    touches = rows.start == 0 or cols.start == 0 or rows.stop == shape[0] or cols.stop == shape[1]
    # The page edge, a shadow or the desk: touching the border and spanning most of it.
    return not (touches and (height > 0.85 * shape[0] or width > 0.85 * shape[1]))


def _group_parts(boxes, ids) -> list[tuple[tuple[int, int, int, int], list[int]]]:
    """Merge components that sit one above the other (a 5's hat, a two-stroke 4, a broken stroke)."""
    groups = [((b[0].start, b[0].stop, b[1].start, b[1].stop), [i]) for b, i in zip(boxes, ids)]
    merged = True
    while merged:
        merged = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if _belong_together(groups[a][0], groups[b][0]):
                    (t1, b1, l1, r1), ids_a = groups[a]
                    (t2, b2, l2, r2), ids_b = groups[b]
                    groups[a] = ((min(t1, t2), max(b1, b2), min(l1, l2), max(r1, r2)), ids_a + ids_b)
                    del groups[b]
                    merged = True
                    break
            if merged:
                break
    return groups


def _belong_together(first, second) -> bool:
    top1, bottom1, left1, right1 = first
    top2, bottom2, left2, right2 = second
    overlap = min(right1, right2) - max(left1, left2)
    narrower = min(right1 - left1, right2 - left2)
    gap = max(top1, top2) - min(bottom1, bottom2)
    taller = max(bottom1 - top1, bottom2 - top2)
    return overlap >= 0.5 * narrower and gap <= 0.35 * taller


def _reading_order(groups):
    """Lines top to bottom (a group joins a line its vertical centre falls in), each left to right."""
    lines: list[list] = []
    for group in sorted(groups, key=lambda g: g[0][0]):
        (top, bottom, _, _), _ = group
        centre = (top + bottom) / 2
        for line in lines:
            line_top = min(g[0][0] for g in line)
            line_bottom = max(g[0][1] for g in line)
            if line_top <= centre <= line_bottom:
                line.append(group)
                break
        else:
            lines.append([group])
    return [sorted(line, key=lambda g: g[0][2]) for line in lines]


def _split_touching(ink: np.ndarray, height: float) -> list[tuple[int, np.ndarray]]:
    """Cut a region much wider than a digit at its thinnest columns: (column offset, piece) pairs."""
    width = ink.shape[1]
    count = int(round(width / (0.8 * max(height, ink.shape[0]))))
    if count < 2 or width < 4 * count:
        return [(0, ink)]
    profile = ink.sum(axis=0)
    cuts, step = [0], width / count
    for k in range(1, count):
        low, high = int(k * step - 0.3 * step), int(k * step + 0.3 * step) + 1
        cuts.append(low + int(np.argmin(profile[low:high])))
    cuts.append(width)
    pieces = []
    for start, stop in zip(cuts, cuts[1:]):
        piece = ink[:, start:stop]
        rows = np.flatnonzero(piece.any(axis=1))
        if rows.size:
            pieces.append((start, piece))
    return pieces
