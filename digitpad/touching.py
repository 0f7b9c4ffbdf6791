"""Touching digits: where to cut a region that may hold several, judged by the model itself.

A region wider than a digit is cut at columns where little ink passes (a thin joint, a gap).
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

NARROWEST = 0.12  # a piece narrower than this share of the line's height is no digit (a 1 is ~0.15)
WIDEST = 1.5  # nor is one wider than this share
ONE_WIDE = 1.2  # a lone region no wider than this share of its height is one digit (a wide 5 or 0)
WIDE = 0.9  # digits are seldom wider than this share of their height (a wide 0, 4 or 7 is)
MAX_CUTS = 14  # candidate cuts per region, the thinnest first
# Each extra piece must gain at least this much log-confidence: no splitting for nothing. A model
# taught pairs as no digit (``TrainConfig.pairs``) is unsure of a joined pair, so a cut is found
# where one is needed, and this guards against cuts through one digit (0.5 before such models).
PIECE_COST = 1.2
CUT_COST = 1.0  # and a cut this much for each stroke it crosses beyond the one a joint is
# A piece read less surely than this is likelier digits joined (a pair, taught as no one digit,
# reads about 0.1) than one digit: evenly spaced cuts are tried too (a cursive "00").
UNSURE = 0.3
PAIR = 0.12  # a piece read hardly surer than the uniform guess pairs are taught as is no one digit


def needs_cutting(width: int, height: float) -> bool:
    """Could a region ``width`` wide hold two digits of a line ``height`` tall?"""
    return width > 2 * NARROWEST * height and width > 0.75 * height


def crossings(ink: np.ndarray) -> np.ndarray:
    """How many strokes each column of ``ink`` crosses."""
    strokes = ink > 0.3 * ink.max()
    return np.count_nonzero(strokes[1:] & ~strokes[:-1], axis=0) + strokes[0]


def candidate_cuts(ink: np.ndarray, height: float) -> list[int]:
    """Columns worth cutting at: the ends, then the columns that cross the fewest strokes (a gap,
    the joint of two touching digits; never the middle of a 0, which crosses two) with the least
    ink, each the best of its neighbourhood."""
    width = ink.shape[1]
    crossed = crossings(ink)
    profile = ink.sum(axis=0)
    cost = crossed + profile / max(float(profile.max()), 1e-6)
    reach = max(1, round(0.08 * height))
    padded = np.pad(cost, reach, constant_values=np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1)
    fewest = max(1, int(crossed[width // 8: width - width // 8].min(initial=1)))
    minima = np.flatnonzero((cost <= windows.min(axis=1)) & (crossed <= fewest))
    minima = [int(c) for c in minima if NARROWEST * height / 2 <= c <= width - NARROWEST * height / 2]
    thinnest = sorted(minima, key=lambda c: cost[c])[:MAX_CUTS]
    spaced = []
    for c in sorted(thinnest):  # runs of equal minima (a gap) count once, at their middle
        if spaced and c - spaced[-1][-1] <= 1:
            spaced[-1].append(c)
        else:
            spaced.append([c])
    return [0, *(run[len(run) // 2] for run in spaced), width]


def spans(cuts: list[int], height: float) -> list[tuple[int, int]]:
    """Every (start, stop) between two cuts that is as wide as a digit can be."""
    return [(a, b) for i, a in enumerate(cuts) for b in cuts[i + 1:]
            if NARROWEST * height <= b - a <= WIDEST * height]


def even_cuts(ink: np.ndarray, height: float) -> list[int]:
    """Where the joints of 2 to 5 digits side by side would fall if they were equally wide, each
    moved to the thinnest column near it: for digits joined by a stroke as thick as their own
    (a cursive "50", "000"), where no column is thinner than the rest."""
    width = ink.shape[1]
    profile = ink.sum(axis=0)
    reach = max(1, round(0.1 * height))
    cuts = set()
    for count in range(2, 6):
        if width / count < NARROWEST * height * 2:
            break
        for i in range(1, count):
            near = round(width * i / count)
            low, high = max(1, near - reach), min(width - 1, near + reach + 1)
            cuts.add(low + int(np.argmin(profile[low:high])))
    return sorted(cuts)


def best_split(cuts: list[int], scored: dict[tuple[int, int], float]) -> list[tuple[int, int]] | None:
    """The pieces from the first cut to the last whose summed score (log-confidence, minus a
    cost per piece) is highest; ``scored`` holds the readable spans. None if no readable spans
    lead from the first cut to the last."""
    best: dict[int, tuple[float, list[tuple[int, int]]]] = {cuts[0]: (0.0, [])}
    for stop in cuts[1:]:
        options = [(best[a][0] + score - PIECE_COST, best[a][1] + [(a, b)])
                   for (a, b), score in scored.items() if b == stop and a in best]
        if options:
            best[stop] = max(options, key=lambda option: option[0])
    return best[cuts[-1]][1] if cuts[-1] in best else None


def _too_wide(piece: np.ndarray, height: float) -> float:
    """A penalty for a piece whose ink is wider than digits usually are: the model, which sees
    every piece scaled into the same box, cannot tell a squashed pair from one wide digit."""
    rows, cols = np.flatnonzero(piece.any(axis=1)), np.flatnonzero(piece.any(axis=0))
    if cols.size == 0:
        return 0.0
    tall = max(height, rows[-1] - rows[0] + 1)
    return max(0.0, (cols[-1] - cols[0] + 1) / tall - WIDE) * 3


def split(ink: np.ndarray, height: float,
          confidence: Callable[[list[np.ndarray]], np.ndarray]) -> list[tuple[int, np.ndarray]]:
    """Cut ``ink`` (a region of one line, ``height`` its digits' height) into digits:
    (column offset, piece) pairs. ``confidence`` gives the model's top probability for each
    piece of a batch (None for a piece with no ink: scored as unreadable)."""
    if not needs_cutting(ink.shape[1], height):
        return [(0, ink)]
    cuts, read = candidate_cuts(ink, height), {}
    pieces, least = best_pieces(ink, height, cuts, confidence, read)
    if pieces is None or least < UNSURE:  # no thin joints that make digits: evenly spaced cuts too
        pieces, _ = best_pieces(ink, height, sorted({*cuts, *even_cuts(ink, height)}), confidence, read)
    return [(a, ink[:, a:b]) for a, b in pieces or [(0, ink.shape[1])] if ink[:, a:b].any()]


def best_pieces(ink: np.ndarray, height: float, cuts: list[int],
                confidence: Callable[[list[np.ndarray]], np.ndarray],
                read: dict[tuple[int, int], float] | None = None) -> tuple[list[tuple[int, int]] | None, float]:
    """The best split of ``ink`` at some of ``cuts`` (see ``best_split``), each piece scored by the
    model's confidence, less its excess width and the strokes its cut crosses; and the model's
    confidence in its least sure piece (0 if there is no split). ``read`` holds the confidence
    in pieces read before (a second call with more cuts reads only the new ones), and gains these."""
    read = {} if read is None else read
    options = spans(cuts, height)
    new = [span for span in options if span not in read]
    if new:
        read.update(zip(new, map(float, confidence([ink[:, a:b] for a, b in new])), strict=True))
    crossed = np.append(crossings(ink), 0)  # (the last cut, the region's end, crosses nothing)
    scored = {(a, b): float(np.log(max(read[a, b], 1e-6))) - _too_wide(ink[:, a:b], height)
              - CUT_COST * max(0, int(crossed[b]) - 1) for a, b in options if read[a, b] >= PAIR}
    pieces = best_split(cuts, scored)
    return pieces, min((read[piece] for piece in pieces or []), default=0.0)
