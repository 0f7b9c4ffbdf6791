"""Shared test fixtures: the committed MNIST slice, and the full data set when it is beside us."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = Path(__file__).resolve().parent.parent
SLICE = ROOT / "tests" / "data" / "mnist-slice"
FULL = ROOT.parent / "shared" / "mnist"


@pytest.fixture(scope="session")
def mnist_slice():
    from digitpad.data import load_mnist

    return load_mnist(SLICE)


@pytest.fixture()
def no_data_env(monkeypatch):
    monkeypatch.delenv("DIGITPAD_MNIST", raising=False)
