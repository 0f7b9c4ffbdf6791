"""The window, driven with the mouse as a person would (pytest-qt, offscreen)."""

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from digitpad.ui.qimage import gray_to_qimage, qimage_to_gray  # noqa: E402
from tests.helpers import draw  # noqa: E402
from tests.qt_helpers import LEFT, ONE, ZERO, move_through, press, release, send, stroke  # noqa: E402


def test_empty_canvas_shows_a_hint_and_no_bars(window):
    assert window.panel.chart.probabilities() is None
    assert window.panel.chart.hint() == "Draw a digit"
    assert window.panel.digit_label.text() == ""  # no big dash (it looked like a black bar)
    assert not window.panel.model_view.has_image()
    assert not window.menus.clear.isEnabled() and not window.menus.save.isEnabled()  # nothing to clear or save
    shown = qimage_to_gray(window.canvas.grab().toImage())
    assert shown.min() < 200 and qimage_to_gray(window.canvas.image()).min() == 255  # an invitation on
    # screen, never in the picture the model reads


def test_bars_move_while_drawing_and_settle_at_release(window, qtbot):
    canvas = window.canvas
    press(canvas, ZERO[0])
    move_through(canvas, ZERO[:25])
    # Mid-stroke: the chart fills without the mouse being released.
    qtbot.waitUntil(lambda: window.panel.chart.probabilities() is not None, timeout=3000)
    assert canvas.is_drawing()
    mid = window.panel.chart.probabilities().copy()
    move_through(canvas, ZERO[24:])
    release(canvas, ZERO[-1])
    qtbot.waitUntil(lambda: window.panel.digit_label.text() == "0", timeout=3000)
    final = window.panel.chart.probabilities()
    assert final.argmax() == 0 and final.sum() == pytest.approx(1, abs=1e-4)
    assert not np.allclose(mid, final)
    assert window.panel.model_view.has_image()


def test_a_vertical_stroke_is_a_one(window, qtbot):
    stroke(window.canvas, ONE)
    qtbot.waitUntil(lambda: window.panel.digit_label.text().startswith("1"), timeout=3000)


def test_undo_redo_and_clear(window, qtbot):
    canvas = window.canvas
    stroke(canvas, ONE)
    qtbot.waitUntil(lambda: window.panel.chart.probabilities() is not None, timeout=3000)
    inked = qimage_to_gray(canvas.image()).min()
    assert inked < 50 and window.menus.undo.isEnabled()
    window.menus.undo.trigger()
    assert canvas.is_empty() and qimage_to_gray(canvas.image()).min() == 255
    assert window.panel.chart.probabilities() is None and window.panel.digit_label.text() == ""
    assert not window.menus.clear.isEnabled()
    window.menus.redo.trigger()
    assert window.menus.clear.isEnabled()
    qtbot.waitUntil(lambda: window.panel.digit_label.text().startswith("1"), timeout=3000)
    window.menus.clear.trigger()
    assert canvas.is_empty() and window.panel.chart.probabilities() is None
    window.menus.undo.trigger()  # a clear can be undone
    assert not canvas.is_empty()
    assert window.menus.redo.isEnabled() and canvas.can_redo()  # and the clear can be redone


def test_a_new_stroke_after_undo_drops_the_redo_history(window):
    stroke(window.canvas, ONE)
    window.canvas.undo()
    stroke(window.canvas, ZERO)
    assert not window.canvas.can_redo()


def test_fast_mouse_movement_leaves_no_gaps(window):
    # Two far-apart mouse positions: the segment between them is inked, not two dots.
    stroke(window.canvas, [(50, 200), (370, 200)])
    row = qimage_to_gray(window.canvas.image())[200, 60:360]
    assert row.max() < 60


def test_save_drawing(window, tmp_path):
    stroke(window.canvas, ONE)
    assert window.files.save_drawing(str(tmp_path / "one"))
    saved = QImage(str(tmp_path / "one.png"))
    assert not saved.isNull() and qimage_to_gray(saved).min() < 50


def test_save_to_an_unwritable_place_says_so(window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    stroke(window.canvas, ONE)
    assert not window.files.save_drawing(str(tmp_path / "missing-folder" / "one.png"))
    assert "Could not save" in warnings[0]


def test_open_image_shows_it_and_recognises_it(window, qtbot, tmp_path):
    path = tmp_path / "three.png"
    gray_to_qimage(draw(3)).save(str(path))
    window.files.open_image(str(path))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.photo, timeout=3000)
    assert window.panel.digit_label.text().startswith("3")
    assert window.menus.clear.isEnabled() and window.menus.clear.text() == "Close &photo"  # says what it does
    assert not window.menus.save.isEnabled()  # "Save drawing" has no drawing to save
    window.menus.clear.trigger()  # back to drawing
    assert window.stack.currentWidget() is window.canvas
    assert window.menus.clear.text() == "&Clear" and not window.menus.clear.isEnabled()


def test_a_photo_is_shown_in_its_colours(window, qtbot, tmp_path):
    from PIL import Image

    picture = Image.new("RGB", (300, 300), "white")
    picture.paste((30, 60, 200), (140, 40, 160, 260))  # a blue 1
    path = tmp_path / "blue.png"
    picture.save(path)
    window.files.open_image(str(path))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.photo, timeout=3000)
    shown = window.photo.image().pixelColor(150, 150)
    assert (shown.red(), shown.green(), shown.blue()) == (30, 60, 200)
    assert window.panel.digit_label.text().startswith("1")


def test_a_bad_image_file_is_a_message_not_a_crash(window, qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    path = tmp_path / "notes.png"
    path.write_text("not an image")
    window.files.open_image(str(path))
    qtbot.waitUntil(lambda: bool(warnings), timeout=3000)
    assert "notes.png" in warnings[0] and window.stack.currentWidget() is window.canvas


def test_model_that_fails_to_load_offers_the_bundled_one(make_window, qtbot, tmp_path):
    broken = tmp_path / "broken.tflite"
    broken.write_bytes(b"garbage")
    window = make_window(str(broken))
    window.show()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "broken.tflite" in window.banner_text.text()
    stroke(window.canvas, ONE)  # drawing still works, without predictions
    assert not window.canvas.is_empty() and window.panel.chart.probabilities() is None
    with qtbot.waitSignal(window.model_loaded, timeout=5000):
        window.reset_button.click()
    assert not window.banner.isVisible()
    qtbot.waitUntil(lambda: window.panel.digit_label.text().startswith("1"), timeout=3000)


def test_language_switch_keeps_the_drawing(window, qtbot):
    stroke(window.canvas, ONE)
    qtbot.waitUntil(lambda: window.panel.digit_label.text().startswith("1"), timeout=3000)
    window.menus.languages["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.pen_label.text() == "笔宽", timeout=3000)
    assert window.menus.file_menu.title() == "文件(&F)"
    assert not window.canvas.is_empty() and window.panel.digit_label.text().startswith("1")
    assert window.settings.value("language") == "zh_CN"
    window.menus.languages["en"].trigger()
    qtbot.waitUntil(lambda: window.menus.file_menu.title() == "&File", timeout=3000)


def test_pen_width_and_geometry_persist(make_window):
    first = make_window()
    first.show()
    first.pen_slider.setValue(33)
    first.resize(700, 540)
    size = first.size()
    first.close()
    second = make_window()
    assert second.pen_slider.value() == 33 and second.canvas.pen_width == 33
    assert second.size() == size and size.width() == 700


@pytest.mark.parametrize("width", [1, 3, 5, 28, 281])
@pytest.mark.parametrize("fmt", [QImage.Format.Format_Grayscale8, QImage.Format.Format_RGB32,
                                 QImage.Format.Format_ARGB32, QImage.Format.Format_RGB888])
def test_qimage_to_gray_handles_row_padding(width, fmt):
    pixels = np.random.default_rng(width).integers(0, 256, (7, width), dtype=np.uint8)
    image = gray_to_qimage(pixels).convertToFormat(fmt)
    assert image.bytesPerLine() >= width
    np.testing.assert_array_equal(qimage_to_gray(image), pixels)


def test_several_digits_on_the_canvas_make_a_number(window, qtbot):
    window.canvas.resize(600, 420)
    stroke(window.canvas, [(120, 80), (120, 330)])  # a 1 on the left
    circle = [(400 + 80 * np.cos(a), 200 + 120 * np.sin(a)) for a in np.linspace(-np.pi / 2, 1.55 * np.pi, 40)]
    stroke(window.canvas, circle)  # and a 0 on the right
    qtbot.waitUntil(lambda: len(window.results) == 2, timeout=3000)
    assert window.panel.number_panel.isVisible()
    assert [b.text() for b in window.panel.number_buttons.buttons()] == ["1", "0"]
    assert window.panel.digit_label.text() == "0"  # the digit just drawn is the one shown
    window.panel.number_buttons.button(0).click()
    assert window.panel.digit_label.text() == "1" and window.panel.chart.probabilities().argmax() == 1
    assert len(window.canvas.marks()) == 2
    window.menus.undo.trigger()
    qtbot.waitUntil(lambda: not window.panel.number_panel.isVisible(), timeout=3000)
    assert window.canvas.marks() == []


def test_a_photo_of_a_number_shows_boxes_and_each_digits_bars(window, qtbot, tmp_path):
    from tests.helpers import written

    path = tmp_path / "number.jpg"
    written([[7, 2, 9]]).save(path)
    window.files.open_image(str(path))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.photo, timeout=5000)
    assert [b.text() for b in window.panel.number_buttons.buttons()] == ["7", "2", "9"]
    assert len(window.photo.boxes()) == 3 and window.panel.digit_label.text().startswith("7")
    centre = window.photo.box_rect(window.photo.boxes()[2]).center()
    send(window.photo, QEvent.Type.MouseButtonPress, (centre.x(), centre.y()))
    assert window.panel.digit_label.text().startswith("9")
    window.menus.clear.trigger()
    assert window.stack.currentWidget() is window.canvas and not window.panel.number_panel.isVisible()


def test_paste_an_image_from_the_clipboard(window, qtbot):
    QApplication.clipboard().setImage(gray_to_qimage(draw(6)))
    window.menus.paste.trigger()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.photo, timeout=5000)
    assert window.panel.digit_label.text().startswith("6")


def test_empty_clipboard_says_so(window):
    QApplication.clipboard().clear()
    window.menus.paste.trigger()
    assert "no image" in window.statusBar().currentMessage()


def test_drop_an_image_file(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "two.png"
    gray_to_qimage(draw(2)).save(str(path))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, LEFT, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.photo, timeout=5000)
    assert window.panel.digit_label.text().startswith("2")


def test_a_blank_photo_says_no_digit(window, qtbot, tmp_path):
    path = tmp_path / "blank.png"
    gray_to_qimage(np.full((200, 300), 240, np.uint8)).save(str(path))
    window.files.open_image(str(path))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.photo, timeout=5000)
    assert window.panel.chart.probabilities() is None and window.panel.chart.hint() == "No digit found in this image"


def test_every_text_has_a_chinese_translation():
    import xml.etree.ElementTree as ET

    from digitpad.ui.language import TRANSLATIONS

    messages = list(ET.parse(TRANSLATIONS / "digitpad_zh_CN.ts").iter("message"))
    assert len(messages) > 50
    unfinished = [m.find("source").text for m in messages
                  if not (m.find("translation").text or "").strip() or m.find("translation").get("type")]
    assert unfinished == []
    compiled, source = (TRANSLATIONS / f"digitpad_zh_CN.{kind}" for kind in ("qm", "ts"))
    assert compiled.stat().st_mtime >= source.stat().st_mtime - 1


def test_the_hint_follows_the_model_from_loading_to_ready(make_window, qtbot):
    window = make_window()
    qtbot.waitUntil(lambda: window.live.ready, timeout=10000)
    assert window.panel.chart.hint() == "Draw a digit"


def test_a_second_digit_keeps_the_bars_in_place(window, qtbot):
    """The number row keeps its room while hidden: nothing moves when a second digit appears."""
    top = window.panel.chart.mapTo(window, window.panel.chart.rect().topLeft()).y()
    stroke(window.canvas, [(90, 80), (90, 340)])
    stroke(window.canvas, [(300, 80), (300, 340)])
    qtbot.waitUntil(window.panel.number_panel.isVisible, timeout=3000)
    assert window.panel.chart.mapTo(window, window.panel.chart.rect().topLeft()).y() == top


def test_mid_stroke_the_digit_under_the_pen_is_shown_and_the_others_keep_theirs(window, qtbot):
    """A 7 begun beside a drawn 4: while its bar is all there is, the bar is the digit shown (its
    bars, its 28x28 picture alone), and the 4 is still read as a 4."""
    stroke(window.canvas, [(100, 60), (50, 220), (170, 220)])
    stroke(window.canvas, [(140, 140), (140, 360)])
    qtbot.waitUntil(lambda: window.panel.digit_label.text() == "4", timeout=3000)
    press(window.canvas, (250, 80))
    move_through(window.canvas, [(250, 80), (330, 78)])
    qtbot.waitUntil(lambda: len(window.results) == 2, timeout=3000)
    assert window.canvas.is_drawing()
    assert window.results[0].digit == 4 and window._selected == 1
    shown = window.panel.chart.probabilities()
    np.testing.assert_allclose(shown, window.results[1].probabilities)
    left, _, right, _ = window.results[1].box
    assert 240 <= left and right <= 340  # the bar alone, not squeezed with the 4
    release(window.canvas, (330, 78))


def test_every_text_the_code_shows_is_translated_in_its_own_context(qapp):
    """Each literal ``self.tr("...")`` of the UI code, looked up as Qt looks it up (its class is
    the context): texts that moved to another class lose their translation otherwise."""
    import ast

    from PySide6.QtCore import QTranslator

    from digitpad.ui.language import TRANSLATIONS

    translator = QTranslator()
    assert translator.load("digitpad_zh_CN", str(TRANSLATIONS))
    missing, found = [], 0
    for path in sorted((TRANSLATIONS.parent).glob("*.py")):
        for cls in (n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.ClassDef)):
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                if isinstance(call.func, ast.Attribute) and call.func.attr == "tr" and call.args \
                        and isinstance(call.args[0], ast.Constant):
                    found += 1
                    if not translator.translate(cls.name, call.args[0].value):
                        missing.append(f"{cls.name}: {call.args[0].value}")
    assert found > 50 and missing == []


def test_review_and_delete_my_samples(window, qtbot, monkeypatch):
    from digitpad.ui.samples_dialog import SamplesDialog

    stroke(window.canvas, ONE)
    qtbot.waitUntil(lambda: bool(window.results), timeout=3000)
    window.panel.teach_buttons.button(1).click()
    window.panel.teach_buttons.button(7).click()
    dialog = SamplesDialog(window, window.samples)
    qtbot.addWidget(dialog)
    assert [dialog.list.item(i).text() for i in range(2)] == ["1", "7"]  # grouped by digit
    assert "2 samples" in dialog.count.text() and "1: 1" in dialog.count.text() and "7: 1" in dialog.count.text()
    assert not dialog.delete_button.isEnabled()  # nothing selected yet
    dialog.list.item(1).setSelected(True)
    assert dialog.close_button.isDefault() and not dialog.delete_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter closes; it never deletes
    assert len(window.samples) == 2
    dialog.show()
    dialog.list.item(1).setSelected(True)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args: next(answers))
    dialog.delete_selected()  # asked, and the answer was no
    assert len(window.samples) == 2
    dialog.list.item(1).setSelected(True)
    dialog.delete_selected()
    assert dialog.list.count() == 1 and len(window.samples) == 1


def test_a_sample_given_the_wrong_digit_is_relabelled(window, qtbot):
    from digitpad.ui.samples_dialog import SamplesDialog

    stroke(window.canvas, ONE)
    qtbot.waitUntil(lambda: bool(window.results), timeout=3000)
    window.panel.teach_buttons.button(7).click()  # a slip: it is a 1
    dialog = SamplesDialog(window, window.samples)
    qtbot.addWidget(dialog)
    dialog.list.item(0).setSelected(True)
    dialog.label_choice.setCurrentIndex(1)
    dialog.relabel_button.click()
    assert [sample.label for sample in window.samples.samples()] == [1]
    assert dialog.list.item(0).text() == "1"


def test_the_worker_answers_even_when_predicting_fails(qtbot, capsys):
    from digitpad.ui.worker import RecognitionWorker  # noqa: PLC0415

    class Broken:
        def read_digits(self, pixels, pen=None):
            raise RuntimeError("the runtime fell over")

    worker = RecognitionWorker(Broken())
    with qtbot.waitSignal(worker.recognized, timeout=1000) as answer:
        worker.recognize(7, draw(3))
    assert answer.args == [7, []]  # the window is not left waiting for ever
    assert "the runtime fell over" in capsys.readouterr().err


def test_a_bar_says_100_percent_only_when_the_verdict_does():
    from digitpad.ui.chart import bar_label

    assert [bar_label(v) for v in (0.9994, 0.9995, 1.0, 0.994, 0.5, 0.004)] == ["99%", "100%", "100%", "99%",
                                                                                 "50%", "0%"]


def test_copy_and_save_the_reading(window, qtbot, tmp_path, monkeypatch):
    import json

    from PySide6.QtGui import QGuiApplication

    window.menus.copy.trigger()  # nothing read yet: said, nothing copied
    assert "Nothing to copy" in window.statusBar().currentMessage()
    stroke(window.canvas, [(90, 80), (90, 340)])
    stroke(window.canvas, [(300, 80), (300, 340)])
    qtbot.waitUntil(lambda: len(window.results) == 2, timeout=3000)
    window.menus.copy.trigger()
    assert QGuiApplication.clipboard().text() == "11"
    assert window.files.save_results(str(tmp_path / "reading.json"))
    assert json.loads((tmp_path / "reading.json").read_text())["number"] == "11"
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    assert not window.files.save_results(str(tmp_path / "no" / "such" / "reading.csv"))
    assert said and "Could not save" in said[0]


def test_pen_width_keys_and_the_shortcuts_page(window, qtbot):
    width = window.pen_slider.value()
    window.menus.thicker.trigger()
    assert window.pen_slider.value() == width + 2
    window.menus.thinner.trigger()
    assert window.pen_slider.value() == width
    window.menus.show_shortcuts()
    from PySide6.QtWidgets import QTableWidget

    table = window.menus.shortcuts_dialog.findChild(QTableWidget)
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert {"Retrain", "Fine-tune on my samples", "Thicker pen", "Copy the number"} <= set(names)
    window.menus.shortcuts_dialog.close()


def test_the_steps_page_shows_the_digit_drawn_up_to_what_the_model_sees(window, qtbot):
    from PySide6.QtWidgets import QLabel

    stroke(window.canvas, ONE)
    qtbot.waitUntil(lambda: window.panel.chart.probabilities() is not None, timeout=3000)
    window.menus.steps.trigger()
    captions = [label.text() for label in window.steps_dialog.findChildren(QLabel) if label.text()]
    assert len(captions) == 5 and captions[0].startswith("1. The ink") and "what the model sees" in captions[4]
    assert "px wide" in captions[1]
    window.steps_dialog.close()


def test_the_steps_of_to_mnist_end_in_what_it_returns():
    from digitpad.preprocess import steps, to_mnist

    drawing = draw(4)
    found = steps(drawing)
    assert [step for step, _, _ in found] == ["ink", "cropped", "stroke", "box", "centred"]
    np.testing.assert_array_equal(found[-1][1], to_mnist(drawing))
    assert max(found[1][1].shape) == 40 and max(found[3][1].shape) == 20
    assert steps(np.full((20, 20), 255, np.uint8)) == []


def test_actions_have_icons_drawn_in_the_palette_colours(window):
    """Each main action has an icon, painted in the palette's text colour: light on a dark
    palette, dark on a light one; the buttons beside the canvas show them."""
    from PySide6.QtGui import QColor, QPalette

    from digitpad.ui.icons import DRAWINGS

    def ink(action) -> int:
        pixels = qimage_to_gray(action.icon().pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_RGB32))
        return int(pixels.max()) if pixels.max() > 0 else 0

    assert all(not getattr(window.menus, name).icon().isNull() for name in DRAWINGS)
    assert {name: button.defaultAction() for name, button in window.tool_buttons.items()} == {
        name: getattr(window.menus, name) for name in ("open", "save", "undo", "redo", "clear")}
    dark = QPalette(window.palette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
            dark.setColor(group, role, QColor("#f0f0f0"))
        dark.setColor(group, QPalette.ColorRole.Window, QColor("#202020"))
    window.setPalette(dark)
    assert ink(window.menus.undo) > 200  # a light drawing for a dark look
    style = window.banner.styleSheet()  # the model-problem banner: a dark red tint, light text
    background = QColor(style.split("background: ")[1].split(";")[0])
    assert "color: #f0f0f0" in style and background.lightness() < 100 and background.red() > background.green()
