"""The main window: canvas on the left; the verdict, the bars and the model's view on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSettings, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPushButton,
    QSlider, QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from digitpad import __version__, assets, report
from digitpad.model_store import ModelStore
from digitpad.recognizer import Recognition
from digitpad.runtime import ModelError, Predictor
from digitpad.samples import SampleStore
from digitpad.ui import language
from digitpad.ui.canvas import Canvas
from digitpad.ui.photo_view import PhotoView
from digitpad.ui.qimage import qimage_to_gray, rgb_to_qimage
from digitpad.ui.result_panel import ResultPanel
from digitpad.ui.samples_dialog import SamplesDialog
from digitpad.ui.worker import RecognitionWorker

LIVE_INTERVAL_MS = 30  # at most ~33 predictions a second while a stroke goes on
MESSAGE_MS = 15000  # an error stays this long in the status bar (its dialog says it too)


class MainWindow(QMainWindow):
    """Draw, or open a photo, and watch the ten probabilities."""

    model_loaded = Signal(str)  # the model's path, once it is ready to predict
    _load_model = Signal(str)
    _recognize = Signal(int, object)
    _open_image = Signal(str, object)

    def __init__(self, settings: QSettings, model_path: str = "", data_dir: str | Path | None = None):
        """``data_dir`` holds the user's samples and models (default: the platform's app data folder)."""
        super().__init__()
        self.settings = settings
        folder = Path(data_dir) if data_dir else _app_data_folder()
        self.samples = SampleStore(folder / "samples")
        self.models = ModelStore(folder / "models")
        self._model_path = model_path or str(self.models.active_onnx())
        self._model_ready = False
        self._request = 0  # number of the newest request sent to the worker
        self._busy = False  # a request is with the worker
        self._dirty = False  # the canvas changed since the last request
        self._results: list[Recognition] = []  # every digit found, in reading order
        self._selected = 0  # the one whose bars are shown
        self.training_dialog = None
        self._build()
        self._build_menus()
        self._start_worker()
        self._restore_settings()
        self._retranslate()
        self._show_results([])
        self.setAcceptDrops(True)

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.canvas = Canvas()
        self.photo = PhotoView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.photo)

        self.pen_label = QLabel()
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(4, 60)
        self.pen_slider.setMaximumWidth(160)
        self.pen_slider.valueChanged.connect(self._on_pen_width)
        self.undo_button, self.redo_button, self.clear_button = QToolButton(), QToolButton(), QToolButton()
        tools = QHBoxLayout()
        tools.addWidget(self.pen_label)
        tools.addWidget(self.pen_slider)
        tools.addStretch()
        for button in (self.undo_button, self.redo_button, self.clear_button):
            tools.addWidget(button)
        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.stack, 1)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet("#banner { background: #fde8e8; border: 1px solid #e0a0a0; border-radius: 4px; }"
                                  "#banner QLabel { color: #7a1f1f; }")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.reset_button = QPushButton()
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text)
        banner_layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignRight)
        self.banner.hide()

        self.panel = ResultPanel()
        self.panel.digit_chosen.connect(self.select_digit)
        self.panel.taught.connect(self.teach)

        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.panel, 1)
        right_panel = QWidget()
        right_panel.setLayout(right)
        right_panel.setMinimumWidth(300)
        right_panel.setMaximumWidth(460)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addLayout(left, 3)
        layout.addWidget(right_panel, 2)
        self.setCentralWidget(central)
        self.statusBar()

        self._live = QTimer(self, singleShot=True, interval=LIVE_INTERVAL_MS)
        self._live.timeout.connect(self._submit)
        self.canvas.changed.connect(self._on_canvas_changed)
        self.canvas.stroke_finished.connect(self._submit)
        self.reset_button.clicked.connect(self.reset_model)
        self.photo.box_clicked.connect(self.select_digit)

    def _build_menus(self) -> None:
        def action(shortcuts, slot, enabled=True) -> QAction:
            item = QAction(self)
            item.setShortcuts([QKeySequence(s) for s in shortcuts])
            item.triggered.connect(slot)
            item.setEnabled(enabled)
            return item

        self.open_action = action([QKeySequence.StandardKey.Open], self.open_image_dialog)
        self.save_action = action([QKeySequence.StandardKey.Save], self.save_drawing_dialog)
        self.quit_action = action([QKeySequence.StandardKey.Quit, "Ctrl+Q"], self.close)
        self.undo_action = action([QKeySequence.StandardKey.Undo], self.canvas.undo)
        self.redo_action = action(["Ctrl+Shift+Z", "Ctrl+Y"], self.canvas.redo)
        self.clear_action = action(["Esc", "Delete"], self.clear)
        self.paste_action = action([QKeySequence.StandardKey.Paste], self.paste)
        self.copy_action = action([QKeySequence.StandardKey.Copy], self.copy_number)
        self.save_results_action = action(["Ctrl+Shift+S"], self.save_results_dialog)
        self.thinner_action = action(["["], lambda: self.pen_slider.setValue(self.pen_slider.value() - 2))
        self.thicker_action = action(["]"], lambda: self.pen_slider.setValue(self.pen_slider.value() + 2))
        self.retrain_action = action(["Ctrl+R"], lambda: self.open_training("retrain"))
        self.fine_tune_action = action(["Ctrl+T"], lambda: self.open_training("fine_tune"))
        self.samples_action = action([], self.show_samples)
        self.load_model_action = action([], self.load_model_dialog)
        self.reset_model_action = action([], self.reset_model)
        self.about_action = action([], self.show_about)
        self.shortcuts_action = action([QKeySequence.StandardKey.HelpContents, "F1"], self.show_shortcuts)
        self.steps_action = action([], self.show_steps)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.clear_button.setDefaultAction(self.clear_action)

        self.language_group = QActionGroup(self)
        self.language_group.triggered.connect(self._on_language_action)
        self.language_actions = {}
        for code, name in language.LANGUAGES.items():
            item = QAction(name, self)
            item.setCheckable(True)
            item.setData(code)
            self.language_group.addAction(item)
            self.language_actions[code] = item

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_action, self.save_action, self.save_results_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action, self.clear_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.copy_action, self.paste_action])
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.thinner_action, self.thicker_action])
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.model_menu = bar.addMenu("")
        self.model_menu.addActions([self.retrain_action, self.fine_tune_action, self.samples_action])
        self.model_menu.addSeparator()
        self.model_menu.addActions([self.load_model_action, self.reset_model_action])
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.steps_action, self.shortcuts_action, self.about_action])
        self.canvas.changed.connect(self._update_edit_actions)
        self.canvas.stroke_finished.connect(self._update_edit_actions)
        self._update_edit_actions()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("digitpad: handwritten digit recognition"))
        self.pen_label.setText(self.tr("Pen width"))
        self.pen_slider.setToolTip(self.tr("Pen width: %1 px").replace("%1", str(self.pen_slider.value())))
        self.reset_button.setText(self.tr("Reset to bundled model"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.model_menu.setTitle(self.tr("&Model"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.open_action.setText(self.tr("&Open image..."))
        self.save_action.setText(self.tr("&Save drawing..."))
        self.quit_action.setText(self.tr("&Quit"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self._update_edit_actions()  # Clear's text depends on what is shown
        self.paste_action.setText(self.tr("&Paste image"))
        self.retrain_action.setText(self.tr("&Retrain..."))
        self.fine_tune_action.setText(self.tr("&Fine-tune on my samples..."))
        self.samples_action.setText(self.tr("My &samples..."))
        self.load_model_action.setText(self.tr("&Load model..."))
        self.reset_model_action.setText(self.tr("Reset to &bundled model"))
        self.about_action.setText(self.tr("&About digitpad"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.steps_action.setText(self.tr("&How it works, step by step"))
        self.copy_action.setText(self.tr("&Copy the number"))
        self.save_results_action.setText(self.tr("Save the &reading..."))
        self.thinner_action.setText(self.tr("&Thinner pen"))
        self.thicker_action.setText(self.tr("T&hicker pen"))
        self._show_results(self._results)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- the worker ------------------------------------------------------------------------
    def _start_worker(self) -> None:
        self.thread = QThread(self)
        self.worker = RecognitionWorker()
        self.worker.moveToThread(self.thread)
        self.thread.finished.connect(self.worker.deleteLater)
        self._load_model.connect(self.worker.load_model)
        self._recognize.connect(self.worker.recognize)
        self._open_image.connect(self.worker.open_image)
        self.worker.model_ready.connect(self._on_model_ready)
        self.worker.model_failed.connect(self._on_model_failed)
        self.worker.recognized.connect(self._on_recognized)
        self.worker.image_opened.connect(self._on_image_opened)
        self.worker.image_failed.connect(self._on_image_failed)
        self.thread.start()
        self._request_model(self._model_path)

    def _request_model(self, path: str) -> None:
        self._model_ready = False
        self.statusBar().showMessage(self.tr("Loading model..."))
        self._load_model.emit(path)

    @Slot(str)
    def _on_model_ready(self, path: str) -> None:
        self._model_ready = True
        self.banner.hide()
        card = assets.read_card(path)
        if card:
            self.statusBar().showMessage(self.tr("Model ready: %1, %2 on the MNIST test set")
                                         .replace("%1", card.get("architecture", "?"))
                                         .replace("%2", f"{card.get('test_accuracy', 0):.2%}"), 8000)
        else:
            self.statusBar().showMessage(self.tr("Model ready"), 8000)
        self._dirty = not self.canvas.is_empty()
        self._submit()
        if self.canvas.is_empty() and self.stack.currentWidget() is not self.photo:
            self._show_results([])  # the hint: from "Loading model..." to "Draw a digit"
        self.model_loaded.emit(path)

    @Slot(str)
    def _on_model_failed(self, message: str) -> None:
        if self.models.has_user_model() and self._model_path == str(self.models.active_onnx()):
            self.models.reset()  # a damaged saved model: back to the bundled one, and say so
            self._model_path = str(self.models.active_onnx())
            self._request_model(self._model_path)
            QMessageBox.warning(self, self.tr("Model"), self.tr(
                "Your saved model could not be loaded (%1). digitpad uses the bundled model instead; "
                "the damaged one is kept in the data folder.").replace("%1", message))
            return
        self.banner_text.setText(self.tr("The model could not be loaded: %1").replace("%1", message))
        self.banner.show()
        self.statusBar().showMessage(self.tr("No model: drawing still works, predictions are off."))
        self._show_results([])

    def reset_model(self) -> None:
        """Go back to the model that ships with the app (the user's model is kept as the previous one)."""
        try:
            self.models.reset()
        except OSError as error:
            self.statusBar().showMessage(str(error), MESSAGE_MS)
        self._model_path = str(assets.BUNDLED_ONNX)
        self._request_model(self._model_path)

    # -- training and the user's handwriting -------------------------------------------------
    def open_training(self, kind: str) -> None:
        """Retrain or fine-tune in a non-modal dialog; drawing and predicting go on meanwhile."""
        from digitpad.ui.training_dialog import TrainingDialog  # noqa: PLC0415
        from digitpad.ui.training_worker import Job  # noqa: PLC0415

        samples = self.samples.arrays()
        if kind == "fine_tune" and len(samples[0]) < 5:
            QMessageBox.information(self, self.tr("Fine-tune on my samples"), self.tr(
                "Teach digitpad at least 5 samples first: draw a digit, then click the right digit "
                "after \"That's a:\". You have %1.").replace("%1", str(len(samples[0]))))
            return
        job = Job(kind, Path(self._model_path), self._keras_beside(self._model_path), samples=samples)
        self._open_dialog(TrainingDialog(self, self.settings, job, len(samples[0])))

    def _keras_beside(self, onnx_path: str) -> Path:
        keras_path = Path(onnx_path).with_suffix(".keras")
        return keras_path if keras_path.is_file() else assets.BUNDLED_MODEL

    def _open_dialog(self, dialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.use_model)
        self.training_dialog = dialog
        dialog.show()

    @Slot(Path)
    def use_model(self, staged: Path) -> None:
        """Keep a newly trained model: checked, saved in the data folder, then swapped in live."""
        try:
            Predictor(staged.with_suffix(".onnx"))  # refuses a model that cannot answer
        except ModelError as error:
            QMessageBox.warning(self, self.tr("Model"), self.tr(
                "The new model cannot be used (%1). The model in use is unchanged.")
                .replace("%1", str(error)))
            return
        try:
            path = self.models.install(staged)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Model"), self.tr(
                "The new model could not be saved (%1). The model in use is unchanged.").replace("%1", str(error)))
            return
        self._model_path = str(path)
        self._request_model(self._model_path)

    def load_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load model"), str(Path.home()),
                                              self.tr("Models (*.keras *.onnx)"))
        if path:
            self.load_model(path)

    def load_model(self, path: str) -> None:
        """Use a model file: an ONNX export at once, a .keras file after a safe conversion."""
        if path.lower().endswith(".keras"):
            from digitpad.ui.training_dialog import TrainingDialog  # noqa: PLC0415
            from digitpad.ui.training_worker import Job  # noqa: PLC0415

            job = Job("import", Path(self._model_path), self._keras_beside(self._model_path), source=path)
            self._open_dialog(TrainingDialog(self, self.settings, job, 0))
            return
        self.use_model(Path(path))  # checked before it is installed

    @Slot(int)
    def teach(self, digit: int) -> None:
        """Keep the digit on show as an example of ``digit``."""
        if not self._results:
            self.statusBar().showMessage(self.tr("Draw or open a digit first."), 5000)
            return
        try:
            self.samples.add(self._results[self._selected].image, digit)
        except OSError as error:
            QMessageBox.warning(self, self.tr("My samples"), self.tr(
                "The sample could not be saved (%1). Your other samples are safe.").replace("%1", str(error)))
            return
        self.statusBar().showMessage(self.tr("Saved as %1: %2 samples of your handwriting.")
                                     .replace("%1", str(digit)).replace("%2", str(len(self.samples))), 5000)

    def show_samples(self) -> None:
        SamplesDialog(self, self.samples).exec()

    # -- live prediction -------------------------------------------------------------------
    @Slot()
    def _on_canvas_changed(self) -> None:
        if self.stack.currentWidget() is not self.canvas:
            return
        if self.canvas.is_empty():
            self._request += 1  # anything still on its way is out of date
            self._dirty = False
            self._show_results([])
            return
        self._dirty = True
        if not self._live.isActive():
            self._live.start()

    @Slot()
    def _submit(self) -> None:
        """Send the canvas to the worker, unless it is busy: then the newest drawing goes next."""
        if not self._dirty or self._busy or not self._model_ready:
            return
        self._dirty = False
        self._busy = True
        self._request += 1
        self._recognize.emit(self._request, qimage_to_gray(self.canvas.image()))

    @Slot(int, object)
    def _on_recognized(self, request: int, results: list[Recognition]) -> None:
        self._busy = False
        if request == self._request and self.stack.currentWidget() is self.canvas:
            self._selected = self._digit_under_pen(results)
            self._show_results(results)
        if self._dirty and not self._live.isActive():
            self._live.start()  # the drawing changed meanwhile: the next one after the interval

    def _digit_under_pen(self, results: list[Recognition]) -> int:
        """The digit being drawn: the one whose box is nearest the pen."""
        point = self.canvas.last_point()
        if point is None or len(results) < 2:
            return 0

        def distance(result: Recognition) -> float:
            left, top, right, bottom = result.box
            dx = max(left - point.x(), 0, point.x() - right)
            dy = max(top - point.y(), 0, point.y() - bottom)
            return dx * dx + dy * dy

        return min(range(len(results)), key=lambda i: distance(results[i]))

    def _show_results(self, results: list[Recognition]) -> None:
        """Show every digit found: the number, boxes, and the selected digit's bars."""
        self._results = [r for r in results if r.digit is not None]
        self._selected = min(self._selected, max(0, len(self._results) - 1))
        boxes = [r.box for r in self._results] if len(self._results) > 1 else []
        self.canvas.set_marks([QRect(b[0], b[1], b[2] - b[0], b[3] - b[1]) for b in boxes], self._selected)
        self.photo.set_boxes([r.box for r in self._results], self._selected)
        self.panel.show_results(self._results, self._selected, self._hint())

    def _hint(self) -> str:
        """What the empty chart says, by the state the window is in."""
        if not self._model_ready:
            return self.tr("No model loaded") if self.banner.isVisible() else self.tr("Loading model...")
        if self.stack.currentWidget() is self.photo:
            return self.tr("No digit found in this image")
        return self.tr("Draw a digit")

    @Slot(int)
    def select_digit(self, index: int) -> None:
        """Show the bars of the ``index``-th digit of the number."""
        if 0 <= index < len(self._results):
            self._selected = index
            self._show_results(self._results)

    # -- editing ---------------------------------------------------------------------------
    def clear(self) -> None:
        """Clear the drawing, or close the opened photo and go back to drawing."""
        if self.stack.currentWidget() is self.photo:
            self.stack.setCurrentWidget(self.canvas)
            self.statusBar().clearMessage()
            self._update_edit_actions()
            self._show_results([])
            self._dirty = not self.canvas.is_empty()
            self._submit()
            return
        self.canvas.clear()

    @Slot()
    def _update_edit_actions(self) -> None:
        drawing = self.stack.currentWidget() is self.canvas
        self.undo_action.setEnabled(drawing and self.canvas.can_undo())
        self.redo_action.setEnabled(drawing and self.canvas.can_redo())
        self.clear_action.setEnabled(not (drawing and self.canvas.is_empty()))
        self.steps_action.setEnabled(drawing)  # the steps are shown for a drawing
        clear = self.tr("&Clear") if drawing else self.tr("Close &photo")
        if self.clear_action.text() != clear:  # (this runs at every mouse move of a stroke)
            self.clear_action.setText(clear)

    @Slot(int)
    def _on_pen_width(self, width: int) -> None:
        self.canvas.set_pen_width(width)
        self.pen_slider.setToolTip(self.tr("Pen width: %1 px").replace("%1", str(width)))

    # -- files -----------------------------------------------------------------------------
    def open_image_dialog(self) -> None:
        folder = str(self.settings.value("last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open image"), folder,
                                              self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)"))
        if path:
            self.open_image(path)

    def open_image(self, path: str) -> None:
        """Read an image file and every digit in it, in the background."""
        self.settings.setValue("last_folder", str(Path(path).parent))
        self.statusBar().showMessage(self.tr("Opening %1...").replace("%1", Path(path).name))
        self._open_image.emit(Path(path).name, path)

    def paste(self) -> None:
        """Read the image (or image file) on the clipboard."""
        data = QGuiApplication.clipboard().mimeData()
        if not self._open_mime(data, self.tr("pasted image")):
            self.statusBar().showMessage(self.tr("The clipboard holds no image."), 5000)

    def _open_mime(self, data, name: str) -> bool:
        """Open the first local image file, or the image itself, that ``data`` carries."""
        if data is None:
            return False
        files = [url.toLocalFile() for url in data.urls() if url.isLocalFile()] if data.hasUrls() else []
        if files:
            self.open_image(files[0])
            return True
        if data.hasImage():
            image = data.imageData()
            if image is not None and not image.isNull():
                self._open_image.emit(name, qimage_to_gray(image))
                return True
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        if data.hasImage() or (data.hasUrls() and any(url.isLocalFile() for url in data.urls())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._open_mime(event.mimeData(), self.tr("dropped image")):
            event.acceptProposedAction()

    @Slot(str, object, object)
    def _on_image_opened(self, name: str, pixels, results: list[Recognition]) -> None:
        self.photo.set_image(rgb_to_qimage(pixels))
        self.stack.setCurrentWidget(self.photo)
        self._update_edit_actions()
        self.statusBar().showMessage(self.tr("%1: press Esc to go back to drawing").replace("%1", name))
        self._selected = 0
        self._show_results(results)

    @Slot(str)
    def _on_image_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, MESSAGE_MS)
        QMessageBox.warning(self, self.tr("Cannot open image"), message)

    def save_drawing_dialog(self) -> None:
        if self.canvas.is_empty():
            self.statusBar().showMessage(self.tr("Nothing to save: the canvas is empty."), 5000)
            return
        folder = str(self.settings.value("last_folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save drawing"), str(Path(folder) / "digit.png"),
                                              self.tr("PNG image (*.png)"))
        if path:
            self.save_drawing(path)

    def save_drawing(self, path: str) -> bool:
        if not path.lower().endswith(".png"):
            path += ".png"
        if self.canvas.save(path):
            self.settings.setValue("last_folder", str(Path(path).parent))
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
            return True
        message = self.tr("Could not save %1: check the folder exists and is writable.").replace("%1", path)
        self.statusBar().showMessage(message, MESSAGE_MS)
        QMessageBox.warning(self, self.tr("Save drawing"), message)
        return False

    # -- language, about, settings -----------------------------------------------------------
    @Slot(QAction)
    def _on_language_action(self, item: QAction) -> None:
        self.set_language(item.data())

    def set_language(self, code: str) -> None:
        """Switch the UI language at once; the drawing and the result stay."""
        used = language.install(code)
        self.language_actions[used].setChecked(True)
        self.settings.setValue("language", used)

    def show_shortcuts(self) -> None:
        from digitpad.ui.shortcuts import show_shortcuts  # noqa: PLC0415

        menus = (self.file_menu, self.edit_menu, self.view_menu, self.model_menu, self.help_menu)
        self.shortcuts_dialog = show_shortcuts(self, [a for menu in menus for a in menu.actions()])

    def show_steps(self) -> None:
        """The preprocessing steps of the digit drawn (the one shown, when there are several)."""
        from digitpad.ui.steps_dialog import show_steps  # noqa: PLC0415

        gray = qimage_to_gray(self.canvas.image())
        if self._results and self._results[self._selected].box and len(self._results) > 1:
            left, top, right, bottom = self._results[self._selected].box
            gray = gray[max(0, top - 8):bottom + 8, max(0, left - 8):right + 8]
        self.steps_dialog = show_steps(self, gray)

    # -- the reading, out of the window ----------------------------------------------------
    def copy_number(self) -> None:
        """The number read (or the one digit) onto the clipboard."""
        if not self._results:
            self.statusBar().showMessage(self.tr("Nothing to copy: no digit read yet."), 5000)
            return
        text = report.number(self._results)
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Copied %1").replace("%1", text), 5000)

    def save_results_dialog(self) -> None:
        if not self._results:
            self.statusBar().showMessage(self.tr("Nothing to save: no digit read yet."), 5000)
            return
        folder = str(self.settings.value("last_folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the reading"), str(Path(folder) / "reading.json"),
            self.tr("JSON (*.json);;CSV, a row per digit (*.csv)"))
        if path:
            self.save_results(path)

    def save_results(self, path: str) -> bool:
        """The digits read and their probabilities, as JSON or CSV (by the name's ending)."""
        try:
            report.save(self._results, path)
        except OSError as error:
            reason = error.strerror or str(error)
            message = self.tr("Could not save %1: %2").replace("%1", path).replace("%2", reason)
            self.statusBar().showMessage(message, MESSAGE_MS)
            QMessageBox.warning(self, self.tr("Save the reading"), message)
            return False
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
        return True

    def show_about(self) -> None:
        card = assets.read_card(self._model_path)
        model = (self.tr("Model: %1 (%2 parameters), %3 on the MNIST test set.")
                 .replace("%1", card.get("architecture", "?"))
                 .replace("%2", f"{card.get('parameters', 0):,}")
                 .replace("%3", f"{card.get('test_accuracy', 0):.2%}")) if card else self.tr("No model card found.")
        QMessageBox.about(self, self.tr("About digitpad"),
                          self.tr("digitpad %1\nDraw a digit and watch a neural network recognise it.")
                          .replace("%1", __version__) + "\n\n" + model)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(960, 620)
        self.pen_slider.setValue(int(self.settings.value("pen_width", 18)))
        self.canvas.set_pen_width(self.pen_slider.value())
        current = str(self.settings.value("language", language.system_language()))
        self.language_actions.get(current, self.language_actions["en"]).setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.training_dialog is not None:
            try:
                self.training_dialog.close()  # stops its training thread
            except RuntimeError:
                pass  # already closed and deleted
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("pen_width", self.pen_slider.value())
        self.settings.sync()
        self.thread.quit()
        self.thread.wait()
        super().closeEvent(event)


def _app_data_folder() -> Path:
    from PySide6.QtCore import QStandardPaths  # noqa: PLC0415

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
