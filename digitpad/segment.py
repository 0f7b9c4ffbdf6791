"""Where the digits are: an image -> one region per digit (or per group of touching digits), in
reading order, each with its box and its ink.

A clean drawing (the canvas) is only grouped; a photo is cleaned up first (``photo.clean``) and
what is not writing is left out: page edges, the desk, ruled lines' slivers, specks, faint
smudges. Parts of one digit (a 5's hat, a two-stroke 4) are grouped; touching digits stay one
region here, and ``touching.split`` cuts them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitpad import photo
from digitpad.preprocess import INK_LEVEL, ink_map, ink_to_mnist, is_clean

Box = tuple[int, int, int, int]  # (left, top, right, bottom), in pixels: right and bottom excluded

WORK_SIDE = 800  # photos are analysed at most this large; boxes are mapped back
SPECK = 0.04  # components under this share of the largest one's area are specks
FEWEST_PIXELS = 6  # nor is a component of fewer pixels anything but noise
STRIP = 2.0  # a picture this many times wider than tall (or taller than wide) is a strip of writing
MOST_PARTS = 500  # at most this many pieces of ink are grouped into digits (the largest ones)
FAINTEST = 0.21  # mean ink strength of the faintest pencil digit worth reading
AS_STRONG = 0.45  # ink less than this share as strong as the strongest part is a smudge beside it
EDGE = 0.03  # the border band, as a share of the longest side, where page edges and desks lie
SMALLEST = 0.03  # nothing shorter than this share of the longest side is a digit on a photo
FLAT = 4  # no digit is this many times wider than tall (a band lying along an edge is)
SLIVER_LONG = 12  # a run this many times longer than thick is a sliver of a line, not a stroke...
SLIVER_THICK = 0.015  # ...when no thicker than this share of the longest side (ruled lines are thinner)
ALONG = 0.3  # a band along the border reaches across this share of it (a digit seldom does)...
BAND = 0.2  # ...and is thinner than this share of the other side
ACROSS = 0.85  # ink spanning this share of the picture, next to an edge, is the page's edge or a desk
# A digit on the frame is this share of its line's digits tall (a first digit is often written
# taller, a 1's lead-in or a 4's stem reaching high), and no wider than WIDEST_ON_FRAME of them.
DIGIT_HEIGHTS = (0.7, 1.8)
WIDEST_ON_FRAME = 1.5
HAIRLINE = 0.2  # ...and has at least this many pixels per pixel of that height (no hairline)
SHORTEST_LINE = 0.6  # a line whose bits are all shorter than this share of an overlapping line's digits is its marks
LEVEL = 0.7  # boxes overlapping by this share of the shorter one's height lie on one line
SHORTEST = 0.4  # a group shorter than this share of the tallest one is small: a mark, or a small 0...
SMALL = 0.25  # ...and one shorter than this share is a mark (a dot, a dash) whatever it looks like
PART_SIZE = 0.25  # a left-out component this share of the largest kept one is a digit's part
STACKED = 0.5  # parts overlapping across this share of the narrower one sit one above the other...
STACK_GAP = 0.3  # ...at most this share of the tallest part apart: one digit


@dataclass(frozen=True)
class Region:
    """One digit, or touching digits: its box in the input's pixels, its ink (white on black, 0-1
    or uint8 0-255, at the scale the picture was analysed at), the height of its line's digits
    there and, on a photo, where the line lies (``line``: its digits' median top and bottom, in the
    input's pixels, as the box). ``kept_at``, for one of several readings of a digit: read at least this
    surely, this reading is kept whatever the others say. ``small``: far shorter than the tallest digit on the
    photo, so a digit only if it looks like one (``recognizer.is_small_digit``)."""

    box: Box | None
    ink: np.ndarray
    line_height: float = 0.0
    line: tuple[float, float] | None = None
    kept_at: float | None = None
    small: bool = False


def find_digits(gray: np.ndarray, clean: bool | None = None) -> list[Region]:
    """The digits in an image, left to right and line by line, each with its box and clean ink
    (touching digits come as one region: ``touching.split`` cuts them). ``clean`` is
    ``is_clean(gray)`` when the caller knows it already."""
    if min(gray.shape) < 2:  # a line of pixels holds no digit
        return []
    if is_clean(gray) if clean is None else clean:
        return _drawn_digits(gray)
    scale = min(1.0, WORK_SIDE / max(gray.shape))
    if scale < 1:
        size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    strength, mask = photo.clean(gray)
    return _regions(strength, mask, scale, is_photo=True)


def with_margin(ink: np.ndarray) -> np.ndarray:
    """A region's ink (white on black, cut to its box) with a blank margin: a 1's stem fills its
    box, and ``to_mnist`` needs a background around the ink to tell it from."""
    return cv2.copyMakeBorder(ink, 2, 2, 2, 2, cv2.BORDER_CONSTANT, value=0)


def region_to_mnist(ink: np.ndarray) -> np.ndarray | None:
    """The MNIST image of a region's ink (or of a piece of it): no background to measure, it is
    ink already."""
    return ink_to_mnist(ink)


def _drawn_digits(gray: np.ndarray) -> list[Region]:
    """The digits of a clean drawing, looked for only in the box around its ink: a canvas can be
    large and the drawing small."""
    ink = ink_map(gray)
    left, top, width, height = cv2.boundingRect(ink)
    if width == 0:
        return []
    strength = ink[top:top + height, left:left + width].astype(np.float32) / 255
    mask = strength > INK_LEVEL * max(float(strength.max()), photo.MIN_INK)
    regions = []
    for region in _regions(strength, mask, 1.0, is_photo=False, side=max(gray.shape)):
        x0, y0, x1, y1 = region.box
        regions.append(Region((x0 + left, y0 + top, x1 + left, y1 + top), region.ink, region.line_height))
    return regions


def _regions(strength: np.ndarray, mask: np.ndarray, scale: float, is_photo: bool,
             side: int | None = None) -> list[Region]:
    """Connected ink -> digit parts -> digits in reading order; boxes scaled back by ``scale``.

    Only a photo has page edges, ruled lines and faint smudges to leave out. ``side`` is the
    picture's longest side when ``mask`` is cut out of it.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count == 1:  # the background alone
        return []
    boxes = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in stats[1:, :4]]  # component i: label i + 1
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = [i for i in range(count - 1) if not is_photo or _is_digit_shape(boxes[i], mask.shape)]
    if is_photo:
        keep = sorted(keep + _in_line(boxes, keep, areas, mask.shape[0]))
    largest = max((areas[i] for i in keep), default=0)  # a desk or shadow band is not the measure
    keep = [i for i in keep if areas[i] >= max(FEWEST_PIXELS, SPECK * largest)]
    if keep and is_photo:  # faint bits beside real ink, or nothing but noise on a blank page, are not digits
        sums = np.bincount(labels.ravel(), weights=strength.ravel(), minlength=count)[1:]
        means = sums[keep] / areas[keep]
        keep = [i for i, m in zip(keep, means, strict=True) if m >= max(FAINTEST, AS_STRONG * means.max())]
    if len(keep) > MOST_PARTS:  # a dot grid or a texture, not writing: bound the work
        keep = sorted(sorted(keep, key=lambda i: areas[i])[-MOST_PARTS:])
    groups = _group_parts([boxes[i] for i in keep], [i + 1 for i in keep])
    tallest = max((bottom - top for (_, top, _, bottom), _ in groups), default=0)
    if is_photo:  # on a canvas every stroke is meant; marks are told by the recognizer
        groups = _drop_small(_attach(groups, _left_out(keep, areas), boxes), tallest, side or max(mask.shape))
    regions = []
    for line, digits in _reading_order(groups):  # (measured by its own parts, not the marks joined to it)
        height = float(np.median([box[3] - box[1] for box, _ in digits]))
        span = tuple(float(np.median([box[side] for box, _ in digits])) / scale for side in (1, 3)) \
            if is_photo else None  # (on a canvas every stroke is meant, wherever it lies on the line)
        for (left, top, right, bottom), ids in line:
            inked = np.isin(labels[top:bottom, left:right], ids)
            ink = np.where(inked, strength[top:bottom, left:right], 0).astype(np.float32)
            box = tuple(round(v / scale) for v in (left, top, right, bottom))
            small = is_photo and bottom - top < SHORTEST * tallest
            regions.append(Region(box, ink, height, span, small=small))
    return regions


def _in_line(boxes: list[Box], kept: list[int], areas, rows: int) -> list[int]:
    """Components left out as bands at the border that line up with the digits kept: as tall as
    they are and level with them, and not running from the top of the picture (``rows`` tall) to
    its bottom. A number cut out tightly has its first and last digits on the frame; a desk or
    page edge is seldom the height of the digits and level with them, and a box's rule runs through."""
    digits = [i for i in kept if areas[i] >= SPECK * max(areas[j] for j in kept)] if kept else []
    if not digits:
        return []
    height = float(np.median([boxes[i][3] - boxes[i][1] for i in digits]))
    top = float(np.median([boxes[i][1] for i in digits]))
    bottom = float(np.median([boxes[i][3] for i in digits]))
    chosen = set(kept)
    found = []
    for i, (left, t, right, b) in enumerate(boxes):
        level = min(b, bottom) - max(t, top) >= LEVEL * min(b - t, bottom - top)
        low, high = DIGIT_HEIGHTS
        shaped = low * height <= b - t <= high * height and right - left <= WIDEST_ON_FRAME * height
        through = t <= 1 and b >= rows - 1
        if i not in chosen and shaped and level and not through and areas[i] >= HAIRLINE * height:
            found.append(i)
    return found


def _is_digit_shape(box: Box, shape: tuple[int, int]) -> bool:
    """False for dots, slivers of ruled lines, and the page edge, desk or shadow at the border.

    In a strip (a cheque's amount, a line of digits cut out: twice as wide as tall, or the other
    way) the short edges cut through the writing, so what touches them is writing, not a band.
    """
    left, top, right, bottom = box
    height, width = bottom - top, right - left
    side = max(shape)
    if max(height, width) < max(FEWEST_PIXELS, SMALLEST * side):
        return False
    wide, tall = shape[1] >= STRIP * shape[0], shape[0] >= STRIP * shape[1]
    margin = EDGE * side
    near_edge_row = not tall and (top <= margin or bottom >= shape[0] - margin)
    near_edge_col = not wide and (left <= margin or right >= shape[1] - margin)
    # A flat strip lying on the picture's edge is a band there too, however short.
    on_edge_row = (top <= 1 or bottom >= shape[0] - 1) and width > FLAT * height
    on_edge_col = (left <= 1 or right >= shape[1] - 1) and height > FLAT * width
    along_row = near_edge_row and (width > ALONG * shape[1] or on_edge_row) and height < BAND * shape[0]
    along_col = near_edge_col and (height > ALONG * shape[0] or on_edge_col) and width < BAND * shape[1]
    # Across a strip, writing may run unbroken from end to end; only a flat band is no writing.
    spans_row = width > ACROSS * shape[1] and not tall and (not wide or height < ALONG * shape[0])
    spans_col = height > ACROSS * shape[0] and not wide and (not tall or width < ALONG * shape[1])
    edge = near_edge_row or near_edge_col or wide or tall
    if along_row or along_col or (edge and (spans_row or spans_col)):
        return False  # a band along the border or across the picture: the page edge, the desk
    thin, long = min(height, width), max(height, width)
    sliver = thin <= max(3, SLIVER_THICK * side) and long > SLIVER_LONG * thin
    return not (sliver and (width > height or near_edge_row or near_edge_col))


def _left_out(kept: list[int], areas) -> list[int]:
    """Components left out that are at least PART_SIZE of the largest kept one (a digit's part,
    not a speck), the largest first and at most MOST_PARTS of them."""
    if not kept:
        return []
    chosen = np.zeros(len(areas), bool)
    chosen[kept] = True
    parts = np.flatnonzero(~chosen & (areas >= PART_SIZE * areas[kept].max()))
    return parts[np.argsort(areas[parts])[::-1][:MOST_PARTS]].tolist()


def _attach(groups, parts: list[int], boxes: list[Box]):
    """``parts`` left out as too small that a digit's box all but touches, within its height (a
    thin pen's loop that just misses its stem), joined to that digit."""
    if not groups or not parts:
        return groups
    left, top, right, bottom = np.array([box for box, _ in groups], np.int64).T
    for i in parts:
        x0, y0, x1, y1 = boxes[i]
        host = np.flatnonzero((np.maximum(left - x1, x0 - right) <= 1) & (y0 >= top - 1) & (y1 <= bottom + 1))
        if host.size:
            k = int(host[0])
            (gl, gt, gr, gb), ids = groups[k]
            groups[k] = ((min(gl, x0), gt, max(gr, x1), gb), [*ids, i + 1])
            left[k], right[k] = min(left[k], x0), max(right[k], x1)
    return groups


def _drop_small(groups, tallest: int, side: int):
    """Bits far shorter than the ``tallest`` group (grid crossings, dots, dashes) are not digits;
    nor are those shorter than SMALLEST of the picture's longest ``side``."""
    least = max(SMALL * tallest, SMALLEST * side)
    return [g for g in groups if g[0][3] - g[0][1] >= least]


def _group_parts(boxes: list[Box], ids: list[int]) -> list[tuple[Box, list[int]]]:
    """Merge components that sit one above the other (a 5's hat, a two-stroke 4, a broken stroke):
    every pair that belongs together at once, again while merged boxes meet new parts."""
    groups = [(box, [i]) for box, i in zip(boxes, ids, strict=True)]
    tallest = max((box[3] - box[1] for box, _ in groups), default=0)
    while len(groups) > 1:
        left, top, right, bottom = np.array([box for box, _ in groups], np.int64).T
        overlap = np.minimum.outer(right, right) - np.maximum.outer(left, left)
        narrower = np.minimum.outer(right - left, right - left)
        gap = np.maximum.outer(top, top) - np.minimum.outer(bottom, bottom)
        together = np.triu((overlap >= STACKED * narrower) & (gap <= STACK_GAP * tallest), 1)
        if not together.any():
            break
        count, labels = _components(len(groups), *np.nonzero(together))
        merged: list = [None] * count
        for label, (box, members) in zip(labels, groups, strict=True):
            if merged[label] is None:
                merged[label] = (box, list(members))
            else:
                (x0, y0, x1, y1), had = merged[label]
                merged[label] = ((min(x0, box[0]), min(y0, box[1]), max(x1, box[2]), max(y1, box[3])),
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

    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        parent[root(a)] = root(b)
    numbers: dict[int, int] = {}
    labels = [numbers.setdefault(root(node), len(numbers)) for node in range(count)]
    return len(numbers), labels


def _reading_order(groups):
    """Lines top to bottom (a group joins a line its vertical centre falls in), each left to right,
    with the groups it is measured by (its own, without the marks joined to it)."""
    lines: list[list] = []
    for group in sorted(groups, key=lambda g: g[0][1]):
        (_, top, _, bottom), _ = group
        centre = (top + bottom) / 2
        for line in lines:
            line_top = min(g[0][1] for g in line)
            line_bottom = max(g[0][3] for g in line)
            if line_top <= centre <= line_bottom:
                line.append(group)
                break
        else:
            lines.append([group])
    return [(sorted(line + marks, key=lambda g: g[0][0]), line) for line, marks in _marks_joined(lines)]


def _marks_joined(lines: list[list]) -> list[tuple[list, list]]:
    """Lines of nothing but bits far shorter than the digits of a line they overlap (an "=" or a
    dash written high beside a number) joined to that line as its marks: (line, marks) pairs."""
    heights = [float(np.median([g[0][3] - g[0][1] for g in line])) for line in lines]
    spans = [(min(g[0][1] for g in line), max(g[0][3] for g in line)) for line in lines]
    marks: dict[int, list] = {i: [] for i in range(len(lines))}
    for i, line in enumerate(lines):
        tallest = max(g[0][3] - g[0][1] for g in line)
        hosts = [j for j in marks if j != i and lines[j] and tallest < SHORTEST_LINE * heights[j]
                 and min(spans[i][1], spans[j][1]) > max(spans[i][0], spans[j][0])]
        if hosts:
            marks[max(hosts, key=lambda j: heights[j])] += line + marks.pop(i)
            lines[i] = []
    return [(lines[i], joined) for i, joined in marks.items()]
