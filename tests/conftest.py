"""Shared test fixtures: the committed MNIST slice, and the full data set when it is beside us."""

from __future__ import annotations

import os

import pytest

from tests.helpers import SLICE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")



@pytest.fixture(scope="session")
def mnist_slice():
    from digitpad.data import load_mnist

    return load_mnist(SLICE)


@pytest.fixture()
def no_data_env(monkeypatch):
    monkeypatch.delenv("DIGITPAD_MNIST", raising=False)


@pytest.fixture()
def make_window(qtbot, tmp_path):
    """Main windows with their own settings and data folders; each is closed (its threads
    stopped) after the test."""
    from PySide6.QtCore import QSettings

    from digitpad.ui.main_window import MainWindow

    windows = []

    def make(model_path=""):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, model_path, data_dir=tmp_path / "data")
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture()
def window(make_window, qtbot):
    """A shown main window with its model loaded and a 420x420 canvas."""
    window = make_window()
    window.resize(900, 600)
    window.show()
    qtbot.waitUntil(lambda: window.live.ready, timeout=10000)
    window.canvas.resize(420, 420)
    return window
