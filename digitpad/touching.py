"""Touching digits: where to cut a region that may hold several, judged by the model itself.

A region wider than a digit is cut where little ink passes (a thin joint, a gap): straight down
a column, or along a path that winds between slanted digits or through two overlapping 0s where
they cross, whichever the model reads better.
Which cuts to keep is not decided by fixed ratios: every piece that could be a digit between two
candidate cuts is read by the model, and the split whose pieces the model reads most surely wins
(dynamic programming over the cuts), less a cost for each stroke a cut crosses beyond the one
of a joint. Where no thin joints make digit-sized pieces the model reads surely (a cursive
"000" joined by strokes as thick as its own), cuts where equally wide digits would meet are tried
as well. A wide single digit (a 0, a 4 drawn wide) stays whole because it is read more surely
whole than as halves; a piece the model reads as it was taught to read a pair (hardly surer than
a uniform guess) is no digit, and is cut wherever it can be.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from digitpad.preprocess import stroke_width

NARROWEST = 0.12  # a piece narrower than this share of the line's height is no digit (a 1 is ~0.15)
WIDEST = 1.5  # nor is one wider than this share
ONE_WIDE = 1.2  # a lone region no wider than this share of its height is one digit (a wide 5 or 0)
WIDE = 0.9  # digits are seldom wider than this share of their height (a wide 0, 4 or 7 is)
MAX_CUTS = 14  # candidate cuts per region, the thinnest first
# Each extra piece must gain at least this much log-confidence: no splitting for nothing. A model
# taught pairs as no digit (``TrainConfig.pairs``) is unsure of a joined pair, so a cut is found
# where one is needed, and this guards against cuts through one digit (0.5 before such models;
# 1.2 before cuts could wind, which gives more ways to cut a digit in two).
PIECE_COST = 2.0
CUT_COST = 1.0  # and a cut this much for each stroke it crosses beyond the one a joint is
# A piece read less surely than this is likelier digits joined (a pair, taught as no one digit,
# reads about 0.1) than one digit: evenly spaced cuts are tried too (a cursive "00").
UNSURE = 0.3
PAIR = 0.2  # a piece read hardly surer than the uniform guess pairs are taught as (0.1) is no one digit
REACH = 0.3  # a cut may wander this share of the line's height to either side of where it starts
STEP = 0.05  # each column a cut moves aside costs as much as passing through this much ink
OUTSIDE = 2.0  # (beyond the region's sides: dearer than any ink)
STROKE = 0.3  # ink at least this share as strong as the strongest is a stroke
STUB_LONG = 0.45  # a joint's stub that a cut leaves on a piece is at most this share of the line's height long...
STUB_THICK = 1.6  # ...and no thicker than this many pens (one thin stroke)

# Ways to cut a region: one cut per column (the column each passes in every row), the ink each
# passes through and the strokes each crosses.
Ways = tuple[np.ndarray, np.ndarray, np.ndarray]


def needs_cutting(width: int, height: float) -> bool:
    """Could a region ``width`` wide hold two digits of a line ``height`` tall?"""
    return width > 2 * NARROWEST * height and width > 0.75 * height


def crossings(ink: np.ndarray) -> np.ndarray:
    """How many strokes each column of ``ink`` crosses."""
    strokes = ink > STROKE * ink.max()
    return np.count_nonzero(strokes[1:] & ~strokes[:-1], axis=0) + strokes[0]


def seams(ink: np.ndarray, height: float) -> Ways:
    """For every column of ``ink``, the cut from top to bottom through the least ink that starts
    within REACH of the line's ``height`` of that column, stays there and moves at most one
    column a row: a cut that slips between slanted digits, or through two overlapping 0s where
    they cross. Returns the cuts (columns x rows: the column each passes in every row), the ink
    each passes through and the strokes each crosses."""
    rows, width = ink.shape
    reach = max(1, min(round(REACH * height), width))
    strength = (ink / max(float(ink.max()), 1e-6)).astype(np.float32)
    padded = np.pad(strength, ((0, 0), (reach, reach)), constant_values=OUTSIDE)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1, axis=1)  # rows x columns x moves
    total = windows[0].copy()
    came = np.zeros((rows, width, 2 * reach + 1), np.int8)  # -1, 0, 1: from the left, above, the right
    options = np.full((3, width, 2 * reach + 1), np.inf, np.float32)
    for row in range(1, rows):
        options[0, :, 1:] = total[:, :-1] + STEP
        options[1] = total
        options[2, :, :-1] = total[:, 1:] + STEP
        came[row] = options.argmin(axis=0) - 1
        total = windows[row] + options.min(axis=0)
    columns = np.arange(width)
    moves = np.empty((width, rows), np.int64)
    moves[:, -1] = total.argmin(axis=1)
    for row in range(rows - 1, 0, -1):
        moves[:, row - 1] = moves[:, row] + came[row, columns, moves[:, row]]
    cuts = np.clip(moves + columns[:, None] - reach, 0, width - 1)
    passed = strength[np.arange(rows), cuts]
    return cuts, passed.sum(axis=1), _strokes(passed)


def straight(ink: np.ndarray) -> Ways:
    """The vertical cuts down every column of ``ink``, as ``seams`` gives its cuts."""
    rows, width = ink.shape
    strength = ink / max(float(ink.max()), 1e-6)
    return np.repeat(np.arange(width)[:, None], rows, axis=1), strength.sum(axis=0), crossings(ink)


def _strokes(passed: np.ndarray) -> np.ndarray:
    """How many strokes a cut crosses, from the ink strength (0-1) along it (one row per cut)."""
    inked = passed > STROKE
    return np.count_nonzero(inked[..., 1:] & ~inked[..., :-1], axis=-1) + inked[..., 0]


def vertical(column: int, rows: int) -> np.ndarray:
    """The straight cut down ``column``."""
    return np.full(rows, column, np.int64)


def candidate_cuts(ink: np.ndarray, height: float, ways: Ways) -> list[np.ndarray]:
    """Cuts worth making, of ``ways`` (``seams`` or ``straight``), left to right: the ends, then
    the cuts that cross one stroke at most (a gap, the joint of two touching digits; never the
    middle of a 0, which crosses two) through the least ink, each the best of its neighbourhood."""
    rows, width = ink.shape
    cuts, passed, crossed = ways
    cost = crossed + passed / max(float(passed.max()), 1e-6)
    reach = max(1, round(0.08 * height))
    padded = np.pad(cost, reach, constant_values=np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1)
    middle = cuts.mean(axis=1)
    minima = np.flatnonzero((cost <= windows.min(axis=1)) & (crossed <= 1))
    minima = [int(c) for c in minima if NARROWEST * height / 2 <= middle[c] <= width - NARROWEST * height / 2]
    thinnest = sorted(minima, key=lambda c: cost[c])[:MAX_CUTS]
    spaced = []
    for c in sorted(thinnest):  # runs of equal minima (a gap) count once, at their middle
        if spaced and c - spaced[-1][-1] <= 1:
            spaced[-1].append(c)
        else:
            spaced.append([c])
    return _ordered([vertical(0, rows), *(cuts[run[len(run) // 2]] for run in spaced), vertical(width, rows)])


def candidate_cuts_of(ink: np.ndarray, height: float, found: tuple[Ways, ...],
                      evenly: bool = False) -> list[np.ndarray]:
    """The candidate cuts of every kind ``found`` (``seams``, ``straight``) together, left to
    right; with the evenly spaced ones too if ``evenly``."""
    cuts = [cut for ways in found for cut in candidate_cuts(ink, height, ways)]
    if evenly:
        cuts += [cut for ways in found for cut in even_cuts(ink, height, ways)]
    return _ordered(cuts)


def _ordered(cuts: list[np.ndarray]) -> list[np.ndarray]:
    """``cuts`` left to right, each once."""
    unique = {cut.tobytes(): cut for cut in cuts}
    return sorted(unique.values(), key=lambda cut: float(cut.mean()))


def spans(cuts: list[np.ndarray], height: float) -> list[tuple[int, int]]:
    """Every (first, second) pair of ``cuts`` (by index) that bounds a piece as wide as a digit
    can be, the second to the right of the first in every row."""
    return [(i, j) for i, a in enumerate(cuts) for j in range(i + 1, len(cuts))
            if NARROWEST * height <= float((cuts[j] - a).mean()) <= WIDEST * height and (cuts[j] >= a).all()]


def piece(ink: np.ndarray, left: np.ndarray, right: np.ndarray) -> tuple[int, np.ndarray]:
    """The ink between two cuts (each row from ``left`` to ``right``, excluded): its first
    column and the piece, as wide as it reaches."""
    start, stop = int(left.min()), int(right.max())
    columns = np.arange(start, stop)
    inside = (columns >= left[:, None]) & (columns < right[:, None])
    return start, np.where(inside, ink[:, start:stop], 0).astype(ink.dtype)


def even_cuts(ink: np.ndarray, height: float, ways: Ways) -> list[np.ndarray]:
    """Where the joints of 2 to 5 digits side by side would fall if they were equally wide, each
    moved to the cut of ``ways`` through the least ink near it: for digits joined by a stroke as thick as
    their own (a cursive "50", "000"), where no cut is thinner than the rest."""
    width = ink.shape[1]
    cuts, passed, _ = ways
    reach = max(1, round(0.1 * height))
    chosen = []
    for count in range(2, 6):
        if width / count < NARROWEST * height * 2:
            break
        for i in range(1, count):
            near = round(width * i / count)
            low, high = max(1, near - reach), min(width - 1, near + reach + 1)
            chosen.append(cuts[low + int(np.argmin(passed[low:high]))])
    return chosen


def best_split(count: int, scored: dict[tuple[int, int], float]) -> list[tuple[int, int]] | None:
    """The pieces from the first of ``count`` cuts to the last whose summed score (log-confidence,
    minus a cost per piece) is highest; ``scored`` holds the readable spans, by the cuts' indices.
    None if no readable spans lead from the first cut to the last."""
    best: dict[int, tuple[float, list[tuple[int, int]]]] = {0: (0.0, [])}
    for stop in range(1, count):
        options = [(best[a][0] + score - PIECE_COST, best[a][1] + [(a, b)])
                   for (a, b), score in scored.items() if b == stop and a in best]
        if options:
            best[stop] = max(options, key=lambda option: option[0])
    return best[count - 1][1] if count - 1 in best else None


def _too_wide(piece: np.ndarray, height: float) -> float:
    """A penalty for a piece whose ink is wider than digits usually are: the model, which sees
    every piece scaled into the same box, cannot tell a squashed pair from one wide digit."""
    rows, cols = np.flatnonzero(piece.any(axis=1)), np.flatnonzero(piece.any(axis=0))
    if cols.size == 0:
        return 0.0
    tall = max(height, rows[-1] - rows[0] + 1)
    return max(0.0, (cols[-1] - cols[0] + 1) / tall - WIDE) * 3


def without_stubs(piece: np.ndarray, height: float, pen: float, left: bool, right: bool) -> tuple[int, np.ndarray]:
    """``piece`` without the stub of a joint that a cut through it left at its ``left`` or
    ``right`` side: the columns from that side in which the ink is one thin stroke (no thicker
    than STUB_THICK pens), if they are no longer than STUB_LONG of the line's ``height`` and leave
    a digit's width: (its first column, the piece), ``piece`` itself if there is no such stub. A
    cursive 0 keeps the start of the stroke that tied it to the next digit, and reads as a 2 or a
    9 with it."""
    strokes = piece > STROKE * max(float(piece.max()), 1e-6)
    inked = np.flatnonzero(strokes.any(axis=0))
    if inked.size == 0 or not (left or right):
        return 0, piece
    thin = (crossings(piece) == 1) & (np.count_nonzero(strokes, axis=0) <= STUB_THICK * pen)
    first, last = int(inked[0]), int(inked[-1]) + 1
    start, stop = first, last
    if left:
        start += _stub(thin[first:last])
    if right:
        stop -= _stub(thin[first:last][::-1])
    unchanged = (start, stop) == (first, last) or stop - start < NARROWEST * 2 * height
    if unchanged or max(start - first, last - stop) > STUB_LONG * height:
        return 0, piece
    return start, piece[:, start:stop]


def _stub(thin: np.ndarray) -> int:
    """How many of the first columns (of a piece's inked ones) are ``thin``."""
    thick = np.flatnonzero(~thin)
    return int(thick[0]) if thick.size else thin.size


def split(ink: np.ndarray, height: float,
          confidence: Callable[[list[np.ndarray]], np.ndarray]) -> list[tuple[int, np.ndarray]]:
    """Cut ``ink`` (a region of one line, ``height`` its digits' height) into digits:
    (column offset, piece) pairs. ``confidence`` gives the model's top probability for each
    piece of a batch (None for a piece with no ink: scored as unreadable)."""
    if not needs_cutting(ink.shape[1], height):
        return [(0, ink)]
    found, read = (seams(ink, height), straight(ink)), {}  # cuts of both kinds, the model to choose
    cuts = candidate_cuts_of(ink, height, found)
    pieces, least = best_pieces(ink, height, cuts, confidence, read)
    if pieces is None or least < UNSURE:  # no thin joints that make digits: evenly spaced cuts too
        cuts = candidate_cuts_of(ink, height, found, evenly=True)
        pieces, _ = best_pieces(ink, height, cuts, confidence, read)
    if pieces is None:  # every way leaves a piece read as a pair: the likeliest way all the same
        pieces, _ = best_pieces(ink, height, cuts, confidence, read, least_sure=0.0)
    if pieces is None:
        return [(0, ink)]
    return [(start, cut) for start, cut in pieces if cut.any()]


def best_pieces(ink: np.ndarray, height: float, cuts: list[np.ndarray],
                confidence: Callable[[list[np.ndarray]], np.ndarray], read: dict[bytes, float] | None = None,
                least_sure: float = PAIR) -> tuple[list[tuple[int, np.ndarray]] | None, float]:
    """The best split of ``ink`` at some of ``cuts`` (see ``best_split``) as (column offset,
    piece) pairs, each piece scored by the model's confidence, less its excess width and the
    strokes its right cut crosses beyond one; and the model's confidence in its least sure piece
    (0 if there is no split). A piece is read as cut and without the stubs its cuts leave
    (``without_stubs``), and the surer reading counts; one read less surely than ``least_sure``
    is no digit. ``read`` holds the confidence in pieces read before (a second call with more
    cuts reads only the new ones), and gains these."""
    read = {} if read is None else read
    options = spans(cuts, height)
    rows = np.arange(ink.shape[0])
    strength = ink / max(float(ink.max()), 1e-6)
    crossed = [int(_strokes(strength[rows, np.minimum(cut, ink.shape[1] - 1)])) if cut.min() < ink.shape[1] else 0
               for cut in cuts]  # (the last cut, the region's end, crosses nothing)
    through = [0 < i < len(cuts) - 1 and crossed[i] > 0 for i in range(len(cuts))]  # cuts through ink
    ways = _ways(ink, height, cuts, options, through)
    new = {key: cut for found in ways.values() for key, _, cut in found if key not in read}
    if new:
        read.update(zip(new, map(float, confidence(list(new.values()))), strict=True))
    chosen = {span: max(found, key=lambda way: read[way[0]]) for span, found in ways.items()}
    scored = {(a, b): float(np.log(max(read[key], 1e-6))) - _too_wide(cut, height) - CUT_COST * max(0, crossed[b] - 1)
              for (a, b), (key, _, cut) in chosen.items() if read[key] >= least_sure}
    split_at = best_split(len(cuts), scored)
    if split_at is None:
        return None, 0.0
    return [chosen[span][1:] for span in split_at], min(read[chosen[span][0]] for span in split_at)


def _ways(ink: np.ndarray, height: float, cuts: list[np.ndarray], options: list[tuple[int, int]],
          through: list[bool]) -> dict[tuple[int, int], list[tuple[bytes, int, np.ndarray]]]:
    """The ways to read each span of ``options``, as (key, first column, piece): as cut, and
    without the stubs its cuts leave where they pass ``through`` ink."""
    pen = stroke_width(ink, STROKE * float(ink.max()))
    ways = {}
    for a, b in options:
        start, cut = piece(ink, cuts[a], cuts[b])
        key = cuts[a].tobytes() + cuts[b].tobytes()
        ways[a, b] = [(key, start, cut)]
        offset, trimmed = without_stubs(cut, height, pen, through[a], through[b])
        if trimmed is not cut:
            ways[a, b].append((key + b"-", start + offset, trimmed))
    return ways
