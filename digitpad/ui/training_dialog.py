"""Retrain, fine-tune or import a model: set up, watch it learn, then keep it or not."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from digitpad.data import ENV_VAR, find_directory
from digitpad.jobs import FineTune, Import, Job, Retrain, StagedModel
from digitpad.train_config import ARCHITECTURES, MEASURED, PRESETS, TrainConfig
from digitpad.ui.curves import TrainingCurves
from digitpad.ui.threads import WorkerThread
from digitpad.ui.training_outcome import TrainingOutcome, duration
from digitpad.ui.training_worker import TrainingWorker

FINISHING_S = 10  # after the last batch: export 0.9 s, test on 10,000 digits 2.9 s (2026-12-02 here)
# Weights and minutes an epoch (55,000 images, augmented) on the 2-core machine this was made on,
# measured 2026-12-02 once train() no longer waited for every batch (cnn: whole epochs took 35-55 s
# as the machine's load varied; allconv: 5 epochs in 3.9 min; the others: 2 epochs of 5,400
# images, scaled): a guide, not a promise.
SIZES = {"allconv": (326_826, 0.8), "cnn": (871_978, 0.8), "small_cnn": (34_826, 0.25), "mlp": (235_146, 0.15)}
MOST_EPOCHS = 50
COMPACT_WIDTH = 560  # a result without tables: a few lines of figures


class TrainingDialog(QDialog):
    """Non-modal: the main window stays usable while a model trains. Emits ``chosen`` with the
    staged model's path when the user keeps it; nothing changes otherwise."""

    chosen = Signal(Path)
    _run = Signal(object)

    def __init__(self, parent: QWidget, settings: QSettings, job: Job, in_use: dict):
        """``in_use`` is the model card of the model in use, to compare with."""
        super().__init__(parent)
        self.settings, self.job, self.in_use = settings, job, in_use
        self.sample_count = 0 if isinstance(job, Import) else len(job.samples[0])
        self._result: StagedModel | None = None
        self._started = 0.0
        self._done_batches = 0
        self._build()
        self._start_thread()
        if isinstance(job, Import):
            self._start()

    # -- pages -----------------------------------------------------------------------------
    def _build(self) -> None:
        fine_tune = isinstance(self.job, FineTune)
        self.setWindowTitle(self.tr("Fine-tune on my samples") if fine_tune
                            else self.tr("Import a model") if isinstance(self.job, Import)
                            else self.tr("Retrain the model"))
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._form_page(fine_tune))
        self.pages.addWidget(self._running_page())
        self.outcome = TrainingOutcome()
        self.outcome.use.connect(self._use)
        self.outcome.discard.connect(self.close)
        self.pages.addWidget(self.outcome)
        self._show_page(0)
        self.resize(640, 300)  # the form, compact; the pages after it make room for their curves and tables

    def _form_page(self, fine_tune: bool) -> QWidget:
        setup = QWidget()
        form = QFormLayout(setup)
        self.data_edit = QLineEdit(self._initial_data_dir())
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.data_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("MNIST folder:"), row)
        self.data_hint = QLabel()
        self.data_hint.setWordWrap(True)
        form.addRow("", self.data_hint)
        self._make_recipe()
        self.include_samples = QCheckBox(
            self.tr("Include my %1 samples").replace("%1", str(self.sample_count)) if self.sample_count
            else self.tr("No samples of my handwriting yet (teach some with \"That's a:\")"))
        self.include_samples.setChecked(self.sample_count > 0)
        self.include_samples.setEnabled(self.sample_count > 0)
        if not fine_tune:
            form.addRow(self.tr("Recipe:"), self.recipe)
            form.addRow(self.tr("Architecture:"), self.architecture)
            form.addRow(self.tr("Epochs:"), self.epochs)
            form.addRow("", self.estimate)
            form.addRow("", self.include_samples)
            self._estimate()
        else:
            form.addRow("", QLabel(self.tr("%1 samples of your handwriting. MNIST, if found, is mixed in so "
                                           "the model does not forget other people's digits.")
                                   .replace("%1", str(self.sample_count))))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        starting = QHBoxLayout()
        starting.addWidget(self.start_button, 1)
        starting.addWidget(close)
        form.addRow("", starting)
        self.form_note = QLabel()  # what became of the last run: cancelled, failed
        self.form_note.setWordWrap(True)
        form.addRow("", self.form_note)
        self.data_edit.textChanged.connect(self._check_data)
        self._check_data()
        return setup

    def _running_page(self) -> QWidget:
        running = QWidget()
        column = QVBoxLayout(running)
        self.status = QLabel(self.tr("Starting TensorFlow..."))
        self.progress = QProgressBar()
        self.curves = TrainingCurves()
        legend = QLabel(self.tr("blue: training, orange: validation"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        column.addWidget(self.status)
        column.addWidget(self.progress)
        column.addWidget(self.curves, 1)
        column.addWidget(legend)
        column.addWidget(self.cancel_button)
        return running

    def _show_page(self, index: int) -> None:
        """Show page ``index`` (form, running, outcome); only the page shown claims room."""
        for number in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            self.pages.widget(number).setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)

    def _make_recipe(self) -> None:
        """The recipe (a preset or custom), its architecture and epochs as last chosen, and the
        estimate that says what they are and how long they take."""
        self.recipe = QComboBox()  # the presets, then "Custom" (any other architecture or epochs)
        names = {"quick": self.tr("Quick"), "full": self.tr("Full: the bundled model's recipe")}
        self.recipe.addItems([*(names[name] for name in PRESETS), self.tr("Custom")])
        self.architecture = QComboBox()
        self.architecture.addItems(ARCHITECTURES)
        self.epochs = QSpinBox(minimum=1, maximum=MOST_EPOCHS)
        base = str(self.settings.value("retrain_recipe", "quick"))
        self._base = base if base in PRESETS else "quick"  # the preset a custom run varies
        self._show_recipe(PRESETS[self._base])
        self.architecture.setCurrentText(str(self.settings.value("retrain_architecture",
                                                                 self.architecture.currentText())))
        self.epochs.setValue(int(self.settings.value("retrain_epochs", self.epochs.value())))
        self.estimate = QLabel(wordWrap=True)
        self.recipe.activated.connect(self._choose_recipe)
        self.architecture.currentTextChanged.connect(self._estimate)
        self.epochs.valueChanged.connect(self._estimate)

    def _show_recipe(self, config: TrainConfig) -> None:
        self.architecture.setCurrentText(config.architecture)
        self.epochs.setValue(config.epochs)

    @Slot(int)
    def _choose_recipe(self, index: int) -> None:
        """A preset fills in its architecture and epochs; "Custom" keeps what is there."""
        if index < len(PRESETS):
            self._base = list(PRESETS)[index]
            self._show_recipe(PRESETS[self._base])
        self._estimate()

    def _preset(self) -> str | None:
        """The preset the form shows unchanged, if any."""
        return next((name for name, config in PRESETS.items() if config.architecture == self.architecture.currentText()
                     and config.epochs == self.epochs.value()), None)

    def _config(self) -> TrainConfig:
        """What the form asks for: a preset, or the last chosen preset with other settings."""
        name = self._preset()
        base = PRESETS[name or self._base]
        return replace(base, architecture=self.architecture.currentText(), epochs=self.epochs.value())

    @Slot()
    def _estimate(self) -> None:
        """What the chosen network is, and how long the chosen recipe took here (or about how
        long its epochs take)."""
        name = self._preset()
        self.recipe.setCurrentIndex(list(PRESETS).index(name) if name else len(PRESETS))
        chosen = self.architecture.currentText()
        weights, minutes = SIZES[chosen]
        description = {"allconv": self.tr("The bundled model's network"),
                       "cnn": self.tr("Convolutions with pooling and a dense layer: three times the weights"),
                       "small_cnn": self.tr("A small convolutional network, three times quicker"),
                       "mlp": self.tr("Dense layers only: the quickest, blind to where strokes are")}[chosen]
        measured = MEASURED.get(name)
        if measured:
            runs = self.tr("one run") if measured.runs == 1 else \
                self.tr("the slowest and the lowest of %1 runs").replace("%1", str(measured.runs))
            self.estimate.setText(
                self.tr("%1 (%2 weights), %3 epochs. Measured on a 2-core computer: %4 from Start to the "
                        "result and %5 on the MNIST test set (%6).")
                .replace("%1", description).replace("%2", f"{weights:,}").replace("%3", str(self.epochs.value()))
                .replace("%4", duration(measured.minutes * 60)).replace("%5", f"{measured.accuracy:.2%}")
                .replace("%6", runs))
            return
        self.estimate.setText(self.tr("%1 (%2 weights). About %3 min for %4 epochs on a 2-core computer, "
                                      "plus a minute to test and export.")
                              .replace("%1", description).replace("%2", f"{weights:,}")
                              .replace("%3", f"{max(1, round(minutes * self.epochs.value()))}")
                              .replace("%4", str(self.epochs.value())))

    def _initial_data_dir(self) -> str:
        found = find_directory() or self.settings.value("mnist_folder", "")
        return str(found or "")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("MNIST folder"), self.data_edit.text())
        if folder:
            self.data_edit.setText(folder)

    @Slot()
    def _check_data(self) -> None:
        folder = Path(self.data_edit.text()).expanduser() if self.data_edit.text() else None
        found = folder is not None and folder.is_dir() and (
            (folder / "mnist.npz").is_file() or any(folder.glob("train-images*")))
        if found:
            self.data_hint.setText(self.tr("MNIST found."))
        else:
            self.data_hint.setText(self.tr(
                "No MNIST here. Pick the folder holding train-images-idx3-ubyte.gz and the three other "
                "MNIST files (or a mnist.npz), or set %1.").replace("%1", ENV_VAR))
        self.start_button.setEnabled(found or isinstance(self.job, FineTune))

    # -- running ---------------------------------------------------------------------------
    def _start_thread(self) -> None:
        self.thread = WorkerThread(TrainingWorker(), self)
        self.worker = self.thread.worker
        self._run.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.epoch_done.connect(self._on_epoch)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.thread.start()

    @Slot()
    def _start(self) -> None:
        job = self.job
        if not isinstance(job, Import):
            job.data_dir = self.data_edit.text()
            if job.data_dir:
                self.settings.setValue("mnist_folder", job.data_dir)
        if isinstance(job, Retrain):
            job.config = self._config()
            self.settings.setValue("retrain_recipe", self._preset() or self._base)
            self.settings.setValue("retrain_architecture", job.config.architecture)
            self.settings.setValue("retrain_epochs", job.config.epochs)
            if not self.include_samples.isChecked():
                job.samples = (job.samples[0][:0], job.samples[1][:0])
        self.form_note.clear()
        self.curves.reset(job.config.epochs if not isinstance(job, Import) else 1)
        self.progress.setRange(0, 0)  # busy until the first batch
        self._show_page(1)
        self.resize(max(self.width(), 640), max(self.height(), 480))
        self._started = time.monotonic()
        self._run.emit(job)

    def cancel(self) -> None:
        """Stop training within a batch; the model in use is untouched."""
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling..."))

    @Slot(object)
    def _on_progress(self, progress) -> None:
        total = progress.epochs * progress.batches
        done = progress.epoch * progress.batches + progress.batch
        if self._done_batches == 0:
            self._started = time.monotonic()  # TensorFlow's start-up is not training time
        self._done_batches = done
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        elapsed = time.monotonic() - self._started
        remaining = elapsed / max(done, 1) * (total - done)
        if done >= total:  # the last batch: the model is tested and exported next
            self.status.setText(self.tr("Testing the new model on the MNIST test set and exporting it..."))
        else:
            self.status.setText(self.tr("Epoch %1 of %2, batch %3 of %4, about %5 left")
                                .replace("%1", str(progress.epoch + 1)).replace("%2", str(progress.epochs))
                                .replace("%3", str(progress.batch)).replace("%4", str(progress.batches))
                                .replace("%5", duration(remaining + FINISHING_S)))
        self.curves.add(progress.epoch + progress.batch / progress.batches,
                        {k: v for k, v in progress.logs.items() if k in ("accuracy", "loss")})

    @Slot(object)
    def _on_epoch(self, progress) -> None:
        self.curves.add(progress.epoch + 1, {k: v for k, v in progress.logs.items() if k.startswith("val_")})

    @Slot(object)
    def _on_finished(self, staged: StagedModel) -> None:
        self._result = staged
        self.outcome.show_outcome(staged, self.in_use)
        self._show_page(2)
        if staged.confusion is not None:
            self.resize(max(self.width(), 900), max(self.height(), 640))  # room for the tables
        else:  # a few lines of figures: no room left empty
            self.resize(COMPACT_WIDTH, self.sizeHint().height())

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._show_page(0)
        self.cancel_button.setEnabled(True)
        self.form_note.setText(self.tr("The last run failed: the model in use is unchanged."))
        QMessageBox.warning(self, self.windowTitle(),
                            self.tr("Training stopped: %1\n\nThe model in use is unchanged.").replace("%1", message))
        if isinstance(self.job, Import):
            self.close()

    @Slot()
    def _on_cancelled(self) -> None:
        self.cancel_button.setEnabled(True)
        self._show_page(0)
        self.form_note.setText(self.tr("Cancelled: the model in use is unchanged."))

    def _use(self) -> None:
        self.chosen.emit(self._result.keras)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.worker.cancel()
        self.thread.stop()
        shutil.rmtree(self.worker.staging, ignore_errors=True)  # a kept model was copied already
        super().closeEvent(event)

