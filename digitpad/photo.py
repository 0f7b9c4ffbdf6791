"""A photo of digits on paper -> the ink alone -> one region per digit, in reading order.

Phones photograph paper under uneven light, on ruled or squared sheets, with specks and the
page edge in view. So: estimate the paper's own brightness everywhere and measure ink against
it (no fixed threshold), pick the ink level with Otsu's method, remove long straight lines,
drop specks and border artefacts, then group what is left into digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitpad.preprocess import INK_LEVEL, ink_map, is_clean, stroke_width, to_mnist

WORK_SIDE = 800  # photos are analysed at most this large; boxes are mapped back
MIN_INK = 0.14  # ink must be at least this much darker than the paper around it
LINE_SPAN = 0.7  # a straight run across this share of the page is a ruled or grid line
LINE_WIDTH = 0.04  # ...unless it is thicker than this share of the page: a pen stroke (ruled
# lines measured up to 3.5% thick in 1,000 generated photos, the stems of big 1s and 9s 4.7-7.2%)
LINE_ACROSS = 0.5  # lines are looked for along a side only if it is at least this share of the other
SPECK = 0.04  # components under this share of the largest one's area are specks
STRIP = 2.0  # a picture this many times wider than tall (or taller than wide) is a strip of writing
MOST_PARTS = 500  # at most this many pieces of ink are grouped into digits (the largest ones)
FAINTEST = 0.21  # mean ink strength of the faintest pencil digit worth reading


@dataclass(frozen=True)
class Region:
    """One digit, or touching digits: its box (left, top, right, bottom) in the input's pixels,
    its ink (0-1, at the scale the picture was analysed at) and the height of its line's digits."""

    box: tuple[int, int, int, int] | None
    ink: np.ndarray
    line_height: float = 0.0


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
    if np.median(pixels) >= 0.5:
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


def with_margin(ink: np.ndarray) -> np.ndarray:
    """A region's ink (white on black, cut to its box) with a blank margin: a 1's stem fills its
    box, and ``to_mnist`` needs a background around the ink to tell it from."""
    return cv2.copyMakeBorder(ink, 2, 2, 2, 2, cv2.BORDER_CONSTANT, value=0)


def region_to_mnist(ink: np.ndarray) -> np.ndarray | None:
    """``to_mnist`` of a region's ink."""
    return to_mnist(with_margin(ink))


def find_digits(gray: np.ndarray) -> list[Region]:
    """The digits in an image, left to right and line by line, each with its box and clean ink
    (touching digits come as one region: ``segment.split`` cuts them).

    A clean drawing (the canvas) is only segmented; a photo is cleaned up first.
    """
    if min(gray.shape) < 2:
        return []
    if is_clean(gray):
        return _drawn_digits(gray)
    scale = min(1.0, WORK_SIDE / max(gray.shape))
    if scale < 1:
        size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    strength = ink_strength(gray)
    mask = remove_lines(ink_mask(strength), strength)
    mask = remove_rules(mask)
    return _regions(strength, mask, scale, photo=True)


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


def _drawn_digits(gray: np.ndarray) -> list[Region]:
    """The digits of a clean drawing, looked for only in the box around its ink: a canvas can be
    large and the drawing small."""
    ink = ink_map(gray)
    left, top, width, height = cv2.boundingRect(ink)
    if width == 0:
        return []
    strength = ink[top:top + height, left:left + width].astype(np.float32) / 255
    mask = strength > INK_LEVEL * max(float(strength.max()), MIN_INK)
    regions = []
    for region in _regions(strength, mask, 1.0, photo=False, side=max(gray.shape)):
        x0, y0, x1, y1 = region.box
        regions.append(Region((x0 + left, y0 + top, x1 + left, y1 + top), region.ink, region.line_height))
    return regions


def _regions(strength: np.ndarray, mask: np.ndarray, scale: float, photo: bool,
             side: int | None = None) -> list[Region]:
    """Connected ink -> digit parts -> digits in reading order; boxes scaled back by ``scale``.

    Only a photo has page edges, ruled lines and faint smudges to leave out. ``side`` is the
    picture's longest side when ``mask`` is cut out of it.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count == 1:  # the background alone
        return []
    # Component i is label i + 1; its box as (top, bottom, left, right).
    boxes = [(int(y), int(y + h), int(x), int(x + w)) for x, y, w, h in stats[1:, :4]]
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = [i for i in range(count - 1) if not photo or _is_digit_shape(boxes[i], mask.shape)]
    if photo:
        keep = sorted(keep + _in_line(boxes, keep, areas))
    largest = max((areas[i] for i in keep), default=0)  # a desk or shadow band is not the measure
    keep = [i for i in keep if areas[i] >= max(6, SPECK * largest)]
    if keep and photo:  # faint bits beside real ink, or nothing but noise on a blank page, are not digits
        sums = np.bincount(labels.ravel(), weights=strength.ravel(), minlength=count)[1:]
        means = sums[keep] / areas[keep]
        keep = [i for i, m in zip(keep, means) if m >= max(FAINTEST, 0.45 * means.max())]
    if len(keep) > MOST_PARTS:  # a dot grid or a texture, not writing: bound the work
        keep = sorted(sorted(keep, key=lambda i: areas[i])[-MOST_PARTS:])
    groups = _group_parts([boxes[i] for i in keep], [i + 1 for i in keep])
    if photo:  # on a canvas every stroke is meant; marks are told by the recognizer
        groups = _drop_small(_attach(groups, _left_out(keep, areas), boxes), side or max(mask.shape))
    regions = []
    for line in _reading_order(groups):
        height = float(np.median([box[1] - box[0] for box, _ in line]))
        for (top, bottom, left, right), ids in line:
            inked = np.isin(labels[top:bottom, left:right], ids)
            ink = np.where(inked, strength[top:bottom, left:right], 0).astype(np.float32)
            box = tuple(round(v / scale) for v in (left, top, right, bottom))
            regions.append(Region(box, ink, height))
    return regions


def _in_line(boxes, kept: list[int], areas) -> list[int]:
    """Components left out as bands at the border that line up with the digits kept: as tall as
    they are and level with them. A number cut out tightly has its first and last digits on the
    frame; a desk or page edge is seldom the height of the digits and level with them."""
    digits = [i for i in kept if areas[i] >= SPECK * max(areas[j] for j in kept)] if kept else []
    if not digits:
        return []
    height = float(np.median([boxes[i][1] - boxes[i][0] for i in digits]))
    top = float(np.median([boxes[i][0] for i in digits]))
    bottom = float(np.median([boxes[i][1] for i in digits]))
    chosen = set(kept)
    found = []
    for i, (t, b, left, right) in enumerate(boxes):
        level = min(b, bottom) - max(t, top) >= 0.7 * min(b - t, bottom - top)
        shaped = 0.7 * height <= b - t <= 1.5 * height and right - left <= 1.5 * height
        if i not in chosen and shaped and level and areas[i] >= 0.2 * height:
            found.append(i)
    return found


def _is_digit_shape(box, shape) -> bool:
    """False for dots, slivers of ruled lines, and the page edge, desk or shadow at the border.

    In a strip (a cheque's amount, a line of digits cut out: twice as wide as tall, or the other
    way) the short edges cut through the writing, so what touches them is writing, not a band.
    """
    top, bottom, left, right = box
    height, width = bottom - top, right - left
    side = max(shape)
    if max(height, width) < max(6, 0.03 * side):
        return False
    wide, tall = shape[1] >= STRIP * shape[0], shape[0] >= STRIP * shape[1]
    margin = 0.03 * side
    near_edge_row = not tall and (top <= margin or bottom >= shape[0] - margin)
    near_edge_col = not wide and (left <= margin or right >= shape[1] - margin)
    # A flat strip lying on the picture's edge is a band there too, however short: no digit is
    # four times wider than tall.
    on_edge_row = (top <= 1 or bottom >= shape[0] - 1) and width > 4 * height
    on_edge_col = (left <= 1 or right >= shape[1] - 1) and height > 4 * width
    along_row = near_edge_row and (width > 0.3 * shape[1] or on_edge_row) and height < 0.2 * shape[0]
    along_col = near_edge_col and (height > 0.3 * shape[0] or on_edge_col) and width < 0.2 * shape[1]
    # Across a strip, writing may run unbroken from end to end; only a flat band is no writing.
    spans_row = width > 0.85 * shape[1] and not tall and (not wide or height < 0.3 * shape[0])
    spans_col = height > 0.85 * shape[0] and not wide and (not tall or width < 0.3 * shape[1])
    edge = near_edge_row or near_edge_col or wide or tall
    if along_row or along_col or (edge and (spans_row or spans_col)):
        return False  # a band along the border or across the picture: the page edge, the desk
    thin, long = min(height, width), max(height, width)
    sliver = thin <= max(3, 0.015 * side) and long > 12 * thin
    return not (sliver and (width > height or near_edge_row or near_edge_col))


def _left_out(kept: list[int], areas) -> list[int]:
    """Components left out that are at least a quarter the size of the largest kept one (a
    digit's part, not a speck), the largest first and at most MOST_PARTS of them."""
    if not kept:
        return []
    chosen = np.zeros(len(areas), bool)
    chosen[kept] = True
    parts = np.flatnonzero(~chosen & (areas >= 0.25 * areas[kept].max()))
    return parts[np.argsort(areas[parts])[::-1][:MOST_PARTS]].tolist()


def _attach(groups, parts: list[int], boxes):
    """``parts`` left out as too small that a digit's box all but touches, within its height (a
    thin pen's loop that just misses its stem), joined to that digit."""
    if not groups or not parts:
        return groups
    top, bottom, left, right = np.array([box for box, _ in groups], np.int64).T
    for i in parts:
        t, b, l, r = boxes[i]
        host = np.flatnonzero((np.maximum(left - r, l - right) <= 1) & (t >= top - 1) & (b <= bottom + 1))
        if host.size:
            k = int(host[0])
            (gt, gb, gl, gr), ids = groups[k]
            groups[k] = ((gt, gb, min(gl, l), max(gr, r)), [*ids, i + 1])
            left[k], right[k] = min(left[k], l), max(right[k], r)
    return groups


def _drop_small(groups, side: int):
    """Bits far shorter than the digits around them (grid crossings, dots, dashes) are not digits;
    nor are those shorter than 3% of the picture's longest ``side``."""
    if not groups:
        return groups
    tallest = max(bottom - top for (top, bottom, _, _), _ in groups)
    least = max(0.4 * tallest, 0.03 * side)
    return [g for g in groups if g[0][1] - g[0][0] >= least]


def _group_parts(boxes, ids) -> list[tuple[tuple[int, int, int, int], list[int]]]:
    """Merge components that sit one above the other (a 5's hat, a two-stroke 4, a broken stroke):
    every pair that belongs together at once, again while merged boxes meet new parts."""
    groups = [(box, [i]) for box, i in zip(boxes, ids)]
    tallest = max((box[1] - box[0] for box, _ in groups), default=0)
    while len(groups) > 1:
        top, bottom, left, right = np.array([box for box, _ in groups], np.int64).T
        overlap = np.minimum.outer(right, right) - np.maximum.outer(left, left)
        narrower = np.minimum.outer(right - left, right - left)
        gap = np.maximum.outer(top, top) - np.minimum.outer(bottom, bottom)
        together = np.triu((overlap >= 0.5 * narrower) & (gap <= 0.3 * tallest), 1)
        if not together.any():
            break
        count, labels = _components(len(groups), *np.nonzero(together))
        merged: list = [None] * count
        for label, (box, members) in zip(labels, groups):
            if merged[label] is None:
                merged[label] = (box, list(members))
            else:
                (t, b, l, r), had = merged[label]
                merged[label] = ((min(t, box[0]), max(b, box[1]), min(l, box[2]), max(r, box[3])),
                                 had + members)
        groups = merged
    return groups


def _components(count: int, first: np.ndarray, second: np.ndarray) -> tuple[int, list[int]]:
    """Connected components of ``count`` nodes joined by the edges ``first[k]``-``second[k]``:
    how many, and each node's component number (in order of first appearance)."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in zip(first.tolist(), second.tolist()):
        parent[root(a)] = root(b)
    numbers: dict[int, int] = {}
    labels = [numbers.setdefault(root(node), len(numbers)) for node in range(count)]
    return len(numbers), labels


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
