"""Retraining, fine-tuning and loading models from the window, through Qt signals."""

import os
import shutil
import signal
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow
pytest.importorskip("digitpad.training")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from digitpad import assets, model_compare  # noqa: E402
from digitpad.jobs import StagedModel, TunedFigures  # noqa: E402
from digitpad.model_store import ModelStore  # noqa: E402
from digitpad.train_config import RETRAIN  # noqa: E402
from tests.helpers import SLICE  # noqa: E402
from tests.qt_helpers import ONE, stroke  # noqa: E402


@pytest.fixture()
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    return said


def test_retrain_on_a_slice_then_use_the_new_model(window, qtbot, warnings):
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText(str(SLICE))
    dialog.epochs.setValue(1)
    assert dialog.start_button.isEnabled()
    outcome = []
    dialog.worker.finished.connect(lambda result: outcome.append("finished"))
    dialog.worker.failed.connect(outcome.append)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: bool(outcome), timeout=180000)
    assert outcome == ["finished"]
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=5000)
    assert "New model" in dialog.outcome.summary.text()
    assert "fewer test digits right" in dialog.outcome.summary.text()  # one epoch on a slice: worse than the bundled
    assert dialog.outcome.discard_button.isDefault() and not dialog.outcome.use_button.isDefault()
    assert dialog.outcome.per_digit.item(0, 0).text().endswith("%") and dialog.outcome.per_digit.item(1, 0) is not None
    assert "Mistakes that grew most against the model in use" in dialog.outcome.summary.text()  # and marked
    def total(table) -> int:
        return sum(int(table.item(r, c).text()) for r in range(10) for c in range(10))

    assert total(dialog.outcome.confusion) == 1000  # the slice's test images
    assert total(dialog.outcome.current_confusion) == sum(map(sum, window.models.card()["confusion_matrix"]))
    true, read, _ = model_compare.worse_mistakes(window.models.card()["confusion_matrix"], dialog._result.confusion)[0]
    assert dialog.outcome.current_confusion.item(true, read).background() == dialog.outcome.confusion.item(
        true, read).background() != dialog.outcome.confusion.item(true, true).background()  # marked in both
    assert dialog.curves.series["val_accuracy"]  # the curves were drawn as it trained
    stroke(window.canvas, ONE)  # the window kept working
    staging = dialog.worker.staging
    with qtbot.waitSignal(window.model_loaded, timeout=10000) as loaded:
        dialog.outcome.use_button.click()
    assert loaded.args[0] == str(window.models.current_tflite())
    assert not staging.exists()  # the staged model was copied into the store, its folder removed
    assert window.models.card()["architecture"] == RETRAIN.architecture == "allconv"  # the quick recipe's
    window.menus.reset_model.trigger()
    qtbot.waitUntil(lambda: window.model.path == str(assets.BUNDLED_TFLITE), timeout=5000)
    assert window.models.previous_tflite().is_file()
    window.model.open_training("retrain")
    assert window.model.dialog.epochs.value() == 1  # the settings of the last run are kept


def test_cancel_stops_within_moments_and_changes_nothing(window, qtbot, warnings):
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText(str(SLICE))
    dialog.epochs.setValue(5)
    with qtbot.waitSignal(dialog.worker.progress, timeout=120000):
        dialog.start_button.click()
    with qtbot.waitSignal(dialog.worker.cancelled, timeout=3000):
        dialog.cancel()
    assert dialog.pages.currentIndex() == 0 and not window.models.has_user_model()
    assert dialog.form_note.text() == "Cancelled: the model in use is unchanged."  # said where it is seen


def test_start_and_cancel_twenty_times(window, qtbot):
    """Each start is a fresh child process, each cancel kills it; the window lives on."""
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText(str(SLICE))
    for _ in range(20):
        with qtbot.waitSignal(dialog.worker.cancelled, timeout=10000):
            dialog.start_button.click()
            dialog.cancel()
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 0 and dialog.start_button.isEnabled(),
                        timeout=5000)
    assert not window.models.has_user_model()


def test_a_crashed_training_process_is_a_message(window, qtbot, warnings):
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText(str(SLICE))
    dialog.epochs.setValue(5)
    with qtbot.waitSignal(dialog.worker.progress, timeout=120000):
        dialog.start_button.click()
    with qtbot.waitSignal(dialog.worker.failed, timeout=10000) as failed:
        os.kill(dialog.worker.child.pid, signal.SIGKILL)  # as the system's out-of-memory killer would
    assert "stopped unexpectedly" in failed.args[0] and not window.models.has_user_model()
    assert "stopped unexpectedly" in warnings[-1] and window.isVisible()


def test_missing_data_is_explained_and_start_disabled(window):
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText("/nowhere/mnist")
    assert not dialog.start_button.isEnabled() and "No MNIST here" in dialog.data_hint.text()


def test_corrupt_data_is_a_message(window, qtbot, tmp_path, warnings):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"not idx")
    window.model.open_training("retrain")
    dialog = window.model.dialog
    dialog.data_edit.setText(str(tmp_path))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=60000)
    assert "unchanged" in warnings[0] and "train-images-idx3-ubyte" in warnings[0]
    assert dialog.pages.currentIndex() == 0


def test_teach_then_fine_tune_needs_samples(window, qtbot, warnings):
    window.model.open_training("fine_tune")
    assert "at least 5" in warnings[0]
    stroke(window.canvas, ONE)
    qtbot.waitUntil(lambda: bool(window.results), timeout=3000)
    window.panel.teach_buttons.button(7).click()
    images, labels = window.samples.arrays()
    assert labels.tolist() == [7] and images[0].max() == pytest.approx(1.0, abs=0.01)


def test_load_model_refuses_what_is_not_a_model(window, qtbot, tmp_path, warnings):
    junk = tmp_path / "junk.tflite"
    junk.write_bytes(b"garbage")
    window.model.load_file(str(junk))
    assert "junk.tflite" in warnings[-1] and "unchanged" in warnings[-1]
    other = tmp_path / "model.onnx"
    other.write_bytes(b"an ONNX model, say")
    window.model.load_file(str(other))
    assert "model.onnx is not a model digitpad can use" in warnings[-1]
    fake = tmp_path / "fake.keras"
    fake.write_bytes(b"not a zip")
    window.model.load_file(str(fake))
    qtbot.waitUntil(lambda: len(warnings) == 3, timeout=60000)
    assert "unchanged" in warnings[-1] and not window.models.has_user_model()


def test_load_a_keras_model_of_the_wrong_shape(window, qtbot, tmp_path, warnings):
    import keras

    wrong = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    wrong.save(tmp_path / "wrong.keras")
    window.model.load_file(str(tmp_path / "wrong.keras"))
    qtbot.waitUntil(lambda: bool(warnings), timeout=60000)
    assert "28x28x1" in warnings[-1]


def test_a_damaged_saved_model_falls_back_to_the_bundled_one(make_window, qtbot, tmp_path, warnings):
    staged = tmp_path / "staged" / "model.tflite"
    staged.parent.mkdir()
    staged.write_bytes(b"half a model")
    ModelStore(tmp_path / "data" / "models").install(staged)
    window = make_window()
    qtbot.waitUntil(lambda: window.live.ready, timeout=10000)
    assert window.model.path == str(assets.BUNDLED_TFLITE)
    assert "could not be loaded" in warnings[0]
    assert window.models.previous_tflite().read_bytes() == b"half a model"  # kept, not deleted


def test_a_model_saved_by_an_earlier_digitpad_is_converted_for_this_one(make_window, qtbot, tmp_path):
    folder = tmp_path / "data" / "models"
    folder.mkdir(parents=True)
    for suffix in (".onnx", ".json"):  # what digitpad saved before it ran LiteRT
        (folder / f"current{suffix}").write_bytes(b"{}")
    shutil.copyfile(assets.BUNDLED_MODEL, folder / "current.keras")
    window = make_window()
    qtbot.waitUntil(lambda: window.live.ready, timeout=10000)
    assert window.model.path == str(assets.BUNDLED_TFLITE)  # reads meanwhile
    dialog = window.model.dialog
    assert dialog is not None and dialog.windowTitle() == "Import a model"
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=120000)  # exported in the child
    with qtbot.waitSignal(window.model_loaded, timeout=10000):
        dialog.outcome.use_button.click()
    assert window.models.unexported_keras() is None and window.models.current_tflite().is_file()


def test_a_fine_tune_result_says_only_what_it_measured(window, qtbot):
    """One held-back sample (0% or 100%) measures nothing: said so instead; MNIST is named as the
    2,000 digits it was measured on, not as the test set the model card counts."""
    for _ in range(5):
        window.samples.add(np.zeros((28, 28), np.float32), 1)
    window.model.open_training("fine_tune")
    dialog = window.model.dialog
    def staged(held_out):
        figures = TunedFigures(0.0, 1.0, 0.9935, 0.994, held_out, test_images=2000, seconds=9.0)
        return StagedModel(Path("candidate.keras"), Path("candidate.tflite"), {}, tuned=figures)

    dialog.worker.finished.emit(staged(1))
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=3000)
    text = dialog.outcome.summary.text()
    assert "held-out" not in text and "Too few samples" in text and "teach 50 or more" in text
    assert "first 2,000 MNIST test digits: 99.35% before, 99.40% after" in text
    dialog.worker.finished.emit(staged(10))
    qtbot.waitUntil(lambda: "held-out samples (10): 0.00% before, 100.00% after" in dialog.outcome.summary.text(),
                    timeout=3000)


def test_the_form_offers_the_presets_with_their_measured_time_and_accuracy(window):
    from digitpad.train_config import MEASURED, PRESETS
    from digitpad.ui.training_outcome import duration

    window.model.open_training("retrain")
    dialog = window.model.dialog
    quick, full = PRESETS["quick"], PRESETS["full"]
    assert dialog.recipe.currentText() == "Quick" and dialog.epochs.value() == quick.epochs
    def says_measured(name: str) -> bool:
        measured = MEASURED[name]
        runs = "one run" if measured.runs == 1 else f"of {measured.runs} runs"
        text = dialog.estimate.text()
        return f"{duration(measured.minutes * 60)} from Start to the result and {measured.accuracy:.2%}" in text \
            and runs in text

    assert says_measured("quick")
    assert dialog._config() == quick
    dialog.recipe.setCurrentIndex(1)
    dialog.recipe.activated.emit(1)  # as a click on "Full" does
    assert dialog.epochs.value() == full.epochs and dialog._config() == full
    assert says_measured("full")
    dialog.epochs.setValue(10)  # another number of epochs: a custom run on the full recipe's rates
    assert dialog.recipe.currentText() == "Custom" and dialog._config().lr_decay == full.lr_decay
    assert "The bundled model's network (326,826 weights). About 8 min for 10 epochs" in dialog.estimate.text()
    dialog.architecture.setCurrentText("mlp")
    dialog.epochs.setValue(5)
    assert "About 1 min for 5 epochs" in dialog.estimate.text() and "235,146 weights" in dialog.estimate.text()