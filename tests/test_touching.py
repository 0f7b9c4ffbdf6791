"""Cutting a region into digits, with a stand-in for the model's confidence."""

import numpy as np
import pytest

from digitpad import touching


def sure_of_widths(low: int, high: int):
    """A scorer that is sure of pieces ``low`` to ``high`` columns wide and of nothing else."""
    return lambda pieces: np.array([0.99 if low <= piece.shape[1] <= high else 0.2 for piece in pieces])


def test_digits_joined_by_strokes_as_thick_as_their_own_are_cut_evenly():
    """No column is thinner than another, and one cut in the middle leaves pieces too wide for
    digits: the cuts where three equal digits would meet are tried and read surely."""
    band = np.ones((30, 100), np.float32)
    assert touching.candidate_cuts(band, 30)[-2] < 50  # no thin joint: at most one cut, near the middle
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
    assert not [cut for cut in touching.candidate_cuts(pair, 30) if 4 <= cut <= 40]  # only at the sides
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

    pieces, least = touching.best_pieces(pair, 45, [0, 20, 30, 60], scorer)  # (digits up to 45 px tall)
    assert pieces == [(0, 30), (30, 60)]
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
