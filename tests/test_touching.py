"""Cutting a region into digits, with a stand-in for the model's confidence."""

import cv2
import numpy as np
import pytest

from digitpad import touching
from digitpad.preprocess import stroke_width


def sure_of_widths(low: int, high: int):
    """A scorer that is sure of pieces ``low`` to ``high`` columns wide and of nothing else."""
    return lambda pieces: np.array([0.99 if low <= piece.shape[1] <= high else 0.2 for piece in pieces])


def test_digits_joined_by_strokes_as_thick_as_their_own_are_cut_evenly():
    """No column is thinner than another, and one cut in the middle leaves pieces too wide for
    digits: the cuts where three equal digits would meet are tried and read surely."""
    band = np.ones((30, 100), np.float32)
    for ways in touching.seams(band, 30), touching.straight(band):  # no thin joint: one cut at most
        assert touching.candidate_cuts(band, 30, ways)[-2].mean() < 50
    widths = [piece.shape[1] for _, piece in touching.split(band, 30, sure_of_widths(28, 38))]
    assert len(widths) == 3 and all(28 <= width <= 38 for width in widths) and sum(widths) == 100


def test_digits_the_model_reads_unsurely_whole_are_cut_evenly():
    """Two digits joined at a slant (a cursive "00" whose second 0 leans on the first): every
    column crosses two strokes or more, so no column is a thin joint, and the whole is read as a
    model taught pairs as no one digit reads a pair (about 0.1): the cuts where two equal digits
    would meet are tried too, and their pieces are read surely."""
    pair = np.zeros((30, 44), np.float32)
    pair[:3] = pair[-3:] = 1
    pair[:, :3] = pair[:, -3:] = 1
    for row in range(30):  # the slanted stroke where the two meet
        pair[row, 18 + row // 3: 21 + row // 3] = 1
    for ways in touching.seams(pair, 30), touching.straight(pair):  # only at the sides
        assert not [cut for cut in touching.candidate_cuts(pair, 30, ways) if 4 <= cut.mean() <= 40]
    def scorer(pieces):
        return np.array([0.99 if 18 <= piece.shape[1] <= 28 else 0.1 for piece in pieces])

    read = []  # (where each piece starts in memory, its width): no piece is read twice
    def counting(pieces):
        read.extend((piece.__array_interface__["data"][0], piece.shape[1]) for piece in pieces)
        return scorer(pieces)

    assert len(touching.split(pair, 30, counting)) == 2
    assert len(read) == len(set(read))


def test_a_digit_sized_region_is_not_cut():
    ring = np.zeros((30, 24), np.float32)
    ring[:, :3] = ring[:, -3:] = ring[:3] = ring[-3:] = 1
    assert [start for start, _ in touching.split(ring, 30, sure_of_widths(20, 30))] == [0]


def test_a_cut_across_more_strokes_than_a_joint_costs_more():
    """The cut through the joint (one stroke) wins over the cut through three strokes, though the
    scorer is a little surer of the pieces the second makes."""
    pair = np.zeros((30, 60), np.float32)
    pair[:, 28:33] = 1  # the joint: a stroke down the whole height
    pair[0:3, :28] = pair[14:17, :28] = pair[27:30, :28] = 1  # an E-like left digit
    pair[:, 50:53] = 1  # a 1 on the right
    assert list(touching.crossings(pair)[[20, 30]]) == [3, 1]
    def scorer(pieces):  # unsure of the pair whole, as a model taught pairs is
        return np.array([0.99 if piece.shape[1] in (20, 40) else 0.9 if piece.shape[1] == 30 else 0.2
                         for piece in pieces])

    cuts = [touching.vertical(column, 30) for column in (0, 20, 30, 60)]
    pieces, least = touching.best_pieces(pair, 45, cuts, scorer)  # (digits up to 45 px tall)
    assert [(start, piece.shape[1]) for start, piece in pieces] == [(0, 30), (30, 30)]
    assert least == pytest.approx(0.9)


def test_a_piece_read_as_a_pair_is_cut_however_unsurely_its_halves_read():
    """A model taught pairs as no one digit reads an overlapping "00" as a uniform guess (0.1):
    that is no digit, so the region is cut, though each half is read only at 0.4 (which alone
    would not pay for a second piece)."""
    pair = np.zeros((30, 32), np.float32)  # two narrow rings sharing a side: no thin joint
    pair[:3] = pair[-3:] = 1
    pair[:, :3] = pair[:, 15:17] = pair[:, -3:] = 1

    def scorer(pieces):
        return np.array([0.1 if piece.shape[1] > 24 else 0.4 for piece in pieces])

    widths = [piece.shape[1] for _, piece in touching.split(pair, 30, scorer)]
    assert len(widths) == 2 and sum(widths) == 32


def closed_loops(pieces):
    """A scorer sure of pieces whose ink is one closed loop, and of nothing else."""
    def loop(piece):
        inked = (piece > 0.5).astype(np.uint8)
        ink_parts, _ = cv2.connectedComponents(inked, connectivity=8)
        holes, _ = cv2.connectedComponents(np.pad(1 - inked, 1, constant_values=1), connectivity=4)
        return ink_parts == 2 and holes == 3  # (background counted): one ink part, outside and hole
    return np.array([0.99 if loop(piece) else 0.2 for piece in pieces])


def test_slanted_digits_that_overlap_are_cut_along_their_slant():
    """Two rings leaning right, touching at one point: every column crosses the second ring
    while it crosses the first, so a straight cut opens a loop; the cut that follows the slant
    crosses the joint alone and leaves both rings whole."""
    pair = np.zeros((30, 40), np.float32)
    for row in range(30):
        lean = (29 - row) // 3
        for left in (lean, lean + 14):  # each ring's sides, 2 px thick, 12 px apart
            pair[row, left:left + 2] = pair[row, left + 10:left + 12] = 1
            if row < 2 or row >= 28:
                pair[row, left:left + 12] = 1
    pair[14:16, 12 + 4:14 + 4] = 1  # the joint, where the first ring's side meets the second's
    assert all(touching.straight(pair)[2][column] >= 2 for column in range(12, 24))
    pieces = touching.split(pair, 30, closed_loops)
    assert len(pieces) == 2 and closed_loops([piece for _, piece in pieces]).min() == 0.99
    assert sum(int(piece.sum()) for _, piece in pieces) == int(pair.sum())


def tied_rings() -> np.ndarray:
    """Two rings 12 px wide tied at the bottom by a cursive stroke, 8 px of it between them."""
    pair = np.zeros((30, 32), np.float32)
    for left in (0, 20):
        pair[:2, left:left + 12] = pair[-2:, left:left + 12] = 1
        pair[:, left:left + 2] = pair[:, left + 10:left + 12] = 1
    pair[26:28, 10:22] = 1
    return pair


def bare_rings(pieces):
    """A scorer sure of a closed loop no wider than a ring, unsure of one with a stub beside it
    (a 0 with a tail, read as a 2 or a 9), and of anything else as of a pair."""
    bare = np.array([np.count_nonzero(piece.any(axis=0)) <= 12 for piece in pieces])
    loop = closed_loops(pieces) > 0.5
    return np.where(loop & bare, 0.99, np.where(loop, 0.6, 0.1))


def test_the_stubs_a_cut_through_a_cursive_tie_leaves_are_not_read_as_part_of_the_digits():
    """Cut through the stroke that ties two cursive 0s, each keeps a stub of it (and may read as
    a 2 or a 9); each is read without it, and the pieces are the rings alone."""
    pieces = touching.split(tied_rings(), 30, bare_rings)
    assert [(start, np.count_nonzero(piece.any(axis=0))) for start, piece in pieces] == [(0, 12), (20, 12)]


def test_only_a_thin_stroke_at_a_cut_side_is_a_stub():
    """A stub is the thin columns at a side a cut made: not the ring's own side on the other, nor
    a thin stroke all the way across (a dash), which would leave nothing."""
    ring = tied_rings()[:, :16]  # the first ring and 4 px of the tie
    pen = stroke_width(ring, touching.STROKE)
    assert touching.without_stubs(ring, 30, pen, left=False, right=True)[1].shape[1] == 12
    assert touching.without_stubs(ring, 30, pen, left=True, right=False)[1] is ring
    bar = np.zeros((30, 16), np.float32)
    bar[14:16] = 1
    assert touching.without_stubs(bar, 30, pen, left=True, right=True)[1] is bar
