"""Under 简体中文, every window and dialog opened as a user opens them shows no English text of the
source strings: what is on screen is read back from the widgets."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from digitpad.jobs import StagedModel, TunedFigures  # noqa: E402
from digitpad.ui.language import TRANSLATIONS  # noqa: E402
from tests.qt_helpers import ONE, stroke  # noqa: E402

NAMES = {"MNIST", "digitpad", "cnn", "allconv", "small_cnn", "mlp", "LiteRT", "Keras", "JSON", "CSV", "PNG"}


def english() -> tuple[set[str], set[str]]:
    """From the source texts: phrases (two words or more, found inside a shown text) and single
    words (matched against a whole shown text); placeholders, mnemonics and names left out."""
    phrases, words = set(), set()
    for message in ET.parse(TRANSLATIONS / "digitpad_zh_CN.ts").iter("message"):
        for part in re.split(r"%\d", message.find("source").text.replace("&", "")):
            piece = part.strip(" .:,;()\n\"'")
            if " " in piece and len(piece) >= 8:
                phrases.add(piece)
            elif piece.isalpha() and len(piece) >= 4 and piece not in NAMES:
                words.add(piece)
    return phrases, words


def shown_texts(widget: QWidget) -> list[str]:
    """Every text a person can see in ``widget`` and its visible children."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        texts.append(child.toolTip())
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QListWidget):
            texts += [child.item(i).text() for i in range(child.count())]
        elif isinstance(child, QTableWidget):
            headers = [child.horizontalHeaderItem(i) for i in range(child.columnCount())]
            headers += [child.verticalHeaderItem(i) for i in range(child.rowCount())]
            texts += [header.text() for header in headers if header is not None]
    return [text.replace("&", "") for text in texts if text]


def untranslated(texts: list[str]) -> list[str]:
    phrases, words = english()
    return [text for text in texts
            if any(phrase in text for phrase in phrases) or text.strip(" .:") in words]


@pytest.fixture()
def chinese():
    """The app's texts in Chinese for one test, English again after it (the translator is the
    application's, shared by every window)."""
    yield
    from digitpad.ui import language

    language.install("en")


def test_every_window_and_dialog_shows_chinese(make_window, qtbot, monkeypatch, chinese):
    window = make_window()
    window.resize(900, 600)
    window.show()
    qtbot.waitUntil(lambda: window.live.ready, timeout=10000)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.pen_label.text() == "笔宽", timeout=3000)
    seen = {"window, empty": shown_texts(window)}
    menus = window.menuBar().findChildren(type(window.menus.file_menu))
    seen["menus"] = [item.text().replace("&", "") for menu in menus
                     for item in [menu.menuAction(), *menu.actions()] if item.text()]
    stroke(window.canvas, ONE)
    stroke(window.canvas, [(330, 60), (330, 340)])
    qtbot.waitUntil(lambda: len(window.results) == 2, timeout=3000)
    seen["window, a number"] = shown_texts(window) + [window.statusBar().currentMessage()]
    for digit in (1, 1, 1, 1, 1):
        window.teach(digit)
    said = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: said.extend([title, text]))
    window.menus.about.trigger()
    seen["about"] = said

    window.menus.shortcuts.trigger()
    seen["shortcuts"] = shown_texts(window.menus.shortcuts_dialog)
    window.show_steps()
    seen["steps"] = shown_texts(window.steps_dialog)
    from digitpad.ui.samples_dialog import SamplesDialog

    samples = SamplesDialog(window, window.samples)
    qtbot.addWidget(samples)
    samples.show()
    seen["samples"] = shown_texts(samples)

    window.model.open_training("retrain")
    dialog = window.model.dialog
    seen["retrain form"] = shown_texts(dialog)
    confusion = (np.eye(10, dtype=int) * 95 + 1).tolist()
    dialog.worker.finished.emit(StagedModel(Path("candidate.keras"), Path("candidate.tflite"),
                                            {"test_accuracy": 0.95}, confusion))
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=3000)
    seen["retrain result"] = shown_texts(dialog)
    dialog.close()
    window.model.open_training("fine_tune")
    dialog = window.model.dialog
    seen["fine-tune form"] = shown_texts(dialog)
    figures = TunedFigures(0.5, 1.0, 0.99, 0.99, held_out=10, test_images=2000, seconds=9.0)
    dialog.worker.finished.emit(StagedModel(Path("c.keras"), Path("c.tflite"), {}, tuned=figures))
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=3000)
    seen["fine-tune result"] = shown_texts(dialog)
    dialog.close()

    assert all(seen.values())  # each place was looked at
    english_left = {place: untranslated(texts) for place, texts in seen.items()}
    assert {place: found for place, found in english_left.items() if found} == {}


def test_the_check_finds_english_left_on_screen(qapp):
    """The check above fails on a text still in English, and passes Chinese and names."""
    assert untranslated(["Retrain the model", "Quick", "Not sure: 4 or 9?"]) == [
        "Retrain the model", "Quick", "Not sure: 4 or 9?"]
    assert untranslated(["重新训练模型", "cnn", "MNIST", "99.52%", "Ctrl+R"]) == []
