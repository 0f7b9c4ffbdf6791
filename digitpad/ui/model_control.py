"""Which model the window reads with: loading it, falling back from a damaged one, and new ones
from retraining, fine-tuning or a file, each checked before it is used."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from digitpad import __version__, assets
from digitpad.model_card import read_card
from digitpad.model_store import ModelStore
from digitpad.runtime import ModelError, Predictor
from digitpad.samples import SampleStore
from digitpad.ui.file_actions import MESSAGE_MS, NOTE_MS
from digitpad.ui.live import LiveRecognition
from digitpad.ui.samples_dialog import SamplesDialog

FEWEST_SAMPLES = 5  # fine-tuning on fewer samples than this teaches nothing
READY_MS = 8000  # "Model ready" stays this long in the status bar


class ModelControl(QObject):
    """The model in use (``path``), in the user's ``models`` store or bundled."""

    ready = Signal(str)  # the model's path, once it predicts
    unavailable = Signal(str)  # no model could be loaded, and why

    def __init__(self, window: QMainWindow, live: LiveRecognition, models: ModelStore,
                 samples: SampleStore, path: str = ""):
        super().__init__(window)
        self.window, self.live, self.models, self.samples = window, live, models, samples
        self.path = path or str(models.active_tflite())
        self.dialog = None  # the training dialog, while one is open
        live.model_ready.connect(self._on_ready)
        live.model_failed.connect(self._on_failed)

    def load(self, path: str | None = None) -> None:
        """Start loading ``path`` (default: the model in use) on the recogniser's thread."""
        self.path = path or self.path
        self._status(self.tr("Loading model..."), 0)
        self.live.load_model(self.path)

    @Slot(str)
    def _on_ready(self, path: str) -> None:
        card = read_card(path)
        if card:
            self._status(self.tr("Model ready: %1, %2 on the MNIST test set")
                         .replace("%1", card.get("architecture", "?"))
                         .replace("%2", f"{card.get('test_accuracy', 0):.2%}"), READY_MS)
        else:
            self._status(self.tr("Model ready"), READY_MS)
        self.ready.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self.models.recover(self.path):  # a damaged saved model: the bundled one, and say so
            self.load(str(self.models.active_tflite()))
            QMessageBox.warning(self.window, self.tr("Model"), self.tr(
                "Your saved model could not be loaded (%1). digitpad uses the bundled model instead; "
                "the damaged one is kept in the data folder.").replace("%1", message))
            return
        self._status(self.tr("No model: drawing still works, predictions are off."), 0)
        self.unavailable.emit(message)

    def reset(self) -> None:
        """Go back to the model that ships with the app (the user's model is kept as the previous one)."""
        try:
            self.models.reset()
        except OSError as error:
            self._status(str(error), MESSAGE_MS)
        self.load(str(assets.BUNDLED_TFLITE))

    @Slot(Path)
    def use(self, staged: Path) -> None:
        """Keep a new model: checked, saved in the data folder, then swapped in live."""
        try:
            Predictor(staged.with_suffix(".tflite"))  # refuses a model that cannot answer
        except ModelError as error:
            self._warn(self.tr("The new model cannot be used (%1). The model in use is unchanged."), error)
            return
        try:
            path = self.models.install(staged)
        except OSError as error:
            self._warn(self.tr("The new model could not be saved (%1). The model in use is unchanged."), error)
            return
        self.load(str(path))

    def export_earlier(self) -> None:
        """A model an earlier digitpad saved (as ONNX) is exported again for this one: the import
        dialog opens on its .keras, and the bundled model reads meanwhile."""
        keras = self.models.unexported_keras()
        if keras is None:
            return
        from digitpad.jobs import Import  # noqa: PLC0415 - the training dialog loads when first used

        self._open_dialog(Import(str(keras)))
        self._status(self.tr("Your model, saved by an earlier digitpad, is being converted; the bundled "
                             "model reads meanwhile."), MESSAGE_MS)

    def load_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Load model"), str(Path.home()),
                                              self.tr("Models (*.keras *.tflite)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Use a model file: an exported .tflite at once, a .keras file after a safe conversion."""
        suffix = Path(path).suffix.lower()
        if suffix == ".tflite":
            self.use(Path(path))  # checked before it is installed
        elif suffix == ".keras":
            from digitpad.jobs import Import  # noqa: PLC0415 - the training dialog loads when first used

            self._open_dialog(Import(path))
        else:
            QMessageBox.warning(self.window, self.tr("Model"), self.tr(
                "%1 is not a model digitpad can use: it runs .tflite exports, and converts .keras models "
                "(Keras 3). The model in use is unchanged.").replace("%1", Path(path).name))

    def open_training(self, kind: str) -> None:
        """Retrain ("retrain") or fine-tune ("fine_tune") in a non-modal dialog; drawing and
        predicting go on meanwhile."""
        from digitpad.jobs import FineTune, Retrain  # noqa: PLC0415

        samples = self.samples.arrays()
        if kind == "fine_tune" and len(samples[0]) < FEWEST_SAMPLES:
            QMessageBox.information(self.window, self.tr("Fine-tune on my samples"), self.tr(
                "Teach digitpad at least 5 samples first: draw a digit, then click the right digit "
                "after \"That's a:\". You have %1.").replace("%1", str(len(samples[0]))))
            return
        self._open_dialog(Retrain(samples=samples) if kind == "retrain"
                          else FineTune(self.models.keras_beside(self.path), samples))

    def _open_dialog(self, job) -> None:
        from digitpad.ui.training_dialog import TrainingDialog  # noqa: PLC0415

        dialog = TrainingDialog(self.window, self.window.settings, job, read_card(self.path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.use)
        dialog.destroyed.connect(lambda: self.dialog is dialog and setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()

    def close_dialog(self) -> None:
        """Close the training dialog, if one is open (it stops its training)."""
        if self.dialog is not None:
            self.dialog.close()

    def teach(self, image: np.ndarray, digit: int) -> None:
        """Keep ``image`` (28x28, as the model saw it) as an example of the user's ``digit``."""
        try:
            self.samples.add(image, digit)
        except OSError as error:
            QMessageBox.warning(self.window, self.tr("My samples"), self.tr(
                "The sample could not be saved (%1). Your other samples are safe.").replace("%1", str(error)))
            return
        self._status(self.tr("Saved as %1: %2 samples of your handwriting.")
                     .replace("%1", str(digit)).replace("%2", str(len(self.samples))), NOTE_MS)

    def show_samples(self) -> None:
        SamplesDialog(self.window, self.samples).exec()

    def show_about(self) -> None:
        card = read_card(self.path)
        model = (self.tr("Model: %1 (%2 parameters), %3 on the MNIST test set.")
                 .replace("%1", card.get("architecture", "?"))
                 .replace("%2", f"{card.get('parameters', 0):,}")
                 .replace("%3", f"{card.get('test_accuracy', 0):.2%}")) if card else self.tr("No model card found.")
        QMessageBox.about(self.window, self.tr("About digitpad"),
                          self.tr("digitpad %1\nDraw a digit and watch a neural network recognise it.")
                          .replace("%1", __version__) + "\n\n" + model)

    def _status(self, message: str, milliseconds: int) -> None:
        self.window.statusBar().showMessage(message, milliseconds)

    def _warn(self, text: str, error: Exception) -> None:
        QMessageBox.warning(self.window, self.tr("Model"), text.replace("%1", str(error)))
