"""The main window: canvas on the left; the verdict, the bars and the model's view on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSettings, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.model_store import ModelStore
from digitpad.recognizer import Recognition
from digitpad.samples import SampleStore
from digitpad.ui import language
from digitpad.ui.canvas import PEN_WIDTH, Canvas
from digitpad.ui.file_actions import MESSAGE_MS, NOTE_MS, FileActions
from digitpad.ui.live import LiveRecognition
from digitpad.ui.menus import Menus
from digitpad.ui.model_control import ModelControl
from digitpad.ui.photo_view import PhotoView
from digitpad.ui.qimage import qimage_to_gray, rgb_to_qimage
from digitpad.ui.result_panel import ResultPanel

PEN_WIDTHS = (4, 60)  # the pen's thinnest and thickest, in canvas pixels
STEPS_MARGIN = 8  # pixels around the digit that "How it works" shows
ALERT = QColor(220, 60, 60)  # the banner's tone, mixed into the window's own colours


def banner_style(palette: QPalette) -> str:
    """The model-problem banner: a red tint of the window's background, its border a stronger
    one, in the palette's text colour (readable light or dark)."""
    def tint(share: float) -> str:
        base = palette.color(QPalette.ColorRole.Window)
        mixed = [round(a + (b - a) * share) for a, b in zip(base.getRgb()[:3], ALERT.getRgb()[:3], strict=True)]
        return QColor(*mixed).name()

    text = palette.color(QPalette.ColorRole.WindowText).name()
    return (f"#banner {{ background: {tint(0.18)}; border: 1px solid {tint(0.6)}; border-radius: 4px; }}"
            f"#banner QLabel {{ color: {text}; }}")


class MainWindow(QMainWindow):
    """Draw, or open a photo, and watch the ten probabilities."""

    model_loaded = Signal(str)  # the model's path, once it is ready to predict

    def __init__(self, settings: QSettings, model_path: str = "", data_dir: str | Path | None = None):
        """``data_dir`` holds the user's samples and models (default: the platform's app data folder)."""
        super().__init__()
        self.settings = settings
        folder = Path(data_dir) if data_dir else _app_data_folder()
        self.samples = SampleStore(folder / "samples")
        self.models = ModelStore(folder / "models")
        self.results: list[Recognition] = []  # every digit read, in reading order
        self._selected = 0  # the one whose bars are shown
        self._build()
        self.live = LiveRecognition(lambda: qimage_to_gray(self.canvas.image()), self._pen, self)
        self.live.read.connect(self._on_read)
        self.live.image_opened.connect(self._on_image_opened)
        self.live.image_failed.connect(self._on_image_failed)
        self.model = ModelControl(self, self.live, self.models, self.samples, model_path)
        self.model.ready.connect(self._on_model_ready)
        self.model.unavailable.connect(self._on_model_unavailable)
        self.reset_button.clicked.connect(self.model.reset)
        self.canvas.stroke_finished.connect(self.live.submit)
        self.files = FileActions(self, settings, self.live, self.canvas, lambda: self.results)
        self.menus = Menus(self)
        for name, button in self.tool_buttons.items():
            button.setDefaultAction(getattr(self.menus, name))
        self.canvas.changed.connect(self._update_edit_actions)
        self.canvas.stroke_finished.connect(self._update_edit_actions)
        self._restore_settings()
        self._retranslate()
        self._restyle()
        self.setAcceptDrops(True)
        self.model.load()
        self.model.export_earlier()

    def _build(self) -> None:
        self.canvas = Canvas()
        self.photo = PhotoView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.photo)
        self.pen_label = QLabel()
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(*PEN_WIDTHS)
        self.pen_slider.setMaximumWidth(160)
        self.pen_slider.valueChanged.connect(self._on_pen_width)
        icons = {name: QToolButton(autoRaise=True) for name in Menus.FILE_TOOLS}
        named = {name: QToolButton(toolButtonStyle=Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                 for name in Menus.EDIT_TOOLS}
        self.tool_buttons = icons | named  # by action name; their actions are set once the menus exist
        tools = QHBoxLayout()
        for button in icons.values():
            tools.addWidget(button)
        tools.addSpacing(12)
        tools.addWidget(self.pen_label)
        tools.addWidget(self.pen_slider)
        tools.addStretch()
        for button in named.values():
            tools.addWidget(button)
        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.stack, 1)

        self.banner = QFrame(objectName="banner")
        self.banner_text = QLabel(wordWrap=True)
        self.reset_button = QPushButton()
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text)
        banner_layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignRight)
        self.banner.hide()
        self.panel = ResultPanel()
        self.panel.digit_chosen.connect(self.select_digit)
        self.panel.taught.connect(self.teach)
        right_panel = QWidget(minimumWidth=300, maximumWidth=460)
        right = QVBoxLayout(right_panel)
        right.addWidget(self.banner)
        right.addWidget(self.panel, 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addLayout(left, 3)
        layout.addWidget(right_panel, 2)
        self.setCentralWidget(central)
        self.statusBar()
        self.canvas.changed.connect(self._on_canvas_changed)
        self.photo.box_clicked.connect(self.select_digit)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("digitpad: handwritten digit recognition"))
        self.pen_label.setText(self.tr("Pen width"))
        self._on_pen_width(self.pen_slider.value())
        self.reset_button.setText(self.tr("Reset to bundled model"))
        self.menus.retranslate()
        self.statusBar().clearMessage()  # a note in the language before is not left behind
        self._update_edit_actions()  # Clear's text depends on what is shown
        self._show_results(self.results)

    def _restyle(self) -> None:
        """Colours and icons from the palette: they follow a light or dark system look."""
        self.banner.setStyleSheet(banner_style(self.palette()))
        self.menus.set_icons(self.palette())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _drawing(self) -> bool:
        return self.stack.currentWidget() is self.canvas

    # -- the model ---------------------------------------------------------------------------
    @Slot(str)
    def _on_model_ready(self, path: str) -> None:
        self.banner.hide()
        self.live.refresh(self.canvas.is_empty())
        if self.canvas.is_empty() and self._drawing():
            self._show_results([])  # the hint: from "Loading model..." to "Draw a digit"
        self.model_loaded.emit(path)

    @Slot(str)
    def _on_model_unavailable(self, message: str) -> None:
        self.banner_text.setText(self.tr("The model could not be loaded: %1").replace("%1", message))
        self.banner.show()
        self._show_results([])

    @Slot(int)
    def teach(self, digit: int) -> None:
        """Keep the digit on show as an example of ``digit``."""
        if not self.results:
            self.statusBar().showMessage(self.tr("Draw or open a digit first."), NOTE_MS)
            return
        self.model.teach(self.results[self._selected].image, digit)

    # -- what was read -------------------------------------------------------------------------
    @Slot()
    def _on_canvas_changed(self) -> None:
        if self._drawing():
            self.live.changed(self.canvas.is_empty())

    @Slot(object)
    def _on_read(self, results: list[Recognition]) -> None:
        if self._drawing():
            self._selected = self._digit_under_pen(results)
            self._show_results(results)

    def _pen(self) -> tuple[float, float] | None:
        """Where a stroke is going on, in the drawing's pixels; None with the pen up."""
        point = self.canvas.last_point() if self.canvas.is_drawing() else None
        return None if point is None else (point.x(), point.y())

    def _digit_under_pen(self, results: list[Recognition]) -> int:
        """The digit being drawn: the one whose box is nearest the pen."""
        point = self.canvas.last_point()
        if point is None or len(results) < 2:  # noqa: PLR2004 - one digit needs no choosing
            return 0

        def distance(result: Recognition) -> float:
            left, top, right, bottom = result.box
            dx = max(left - point.x(), 0, point.x() - right)
            dy = max(top - point.y(), 0, point.y() - bottom)
            return dx * dx + dy * dy

        return min(range(len(results)), key=lambda i: distance(results[i]))

    def _show_results(self, results: list[Recognition]) -> None:
        """Show every digit found: the number, boxes, and the selected digit's bars."""
        self.results = [r for r in results if r.digit is not None]
        self._selected = min(self._selected, max(0, len(self.results) - 1))
        boxes = [r.box for r in self.results]
        marks = [QRect(b[0], b[1], b[2] - b[0], b[3] - b[1]) for b in boxes] if len(boxes) > 1 else []
        self.canvas.set_marks(marks, self._selected)
        self.photo.set_boxes(boxes, self._selected)
        self.panel.show_results(self.results, self._selected, self._hint())

    def _hint(self) -> str:
        """What the empty chart says, by the state the window is in."""
        if not self.live.ready:
            return self.tr("No model loaded") if self.banner.isVisible() else self.tr("Loading model...")
        return self.tr("Draw a digit") if self._drawing() else self.tr("No digit found in this image")

    @Slot(int)
    def select_digit(self, index: int) -> None:
        """Show the bars of the ``index``-th digit of the number."""
        if 0 <= index < len(self.results):
            self._selected = index
            self._show_results(self.results)

    # -- editing -----------------------------------------------------------------------------
    def clear(self) -> None:
        """Clear the drawing, or close the opened photo and go back to drawing."""
        if self._drawing():
            self.canvas.clear()
            return
        self.stack.setCurrentWidget(self.canvas)
        self.statusBar().clearMessage()
        self._update_edit_actions()
        self._show_results([])
        self.live.refresh(self.canvas.is_empty())

    @Slot()
    def _update_edit_actions(self) -> None:
        self.menus.update_editing(self._drawing(), self.canvas.is_empty(), self.canvas.can_undo(),
                                  self.canvas.can_redo())

    @Slot(int)
    def _on_pen_width(self, width: int) -> None:
        self.canvas.set_pen_width(width)
        self.pen_slider.setToolTip(self.tr("Pen width: %1 px").replace("%1", str(width)))

    # -- photos ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        if data.hasImage() or (data.hasUrls() and any(url.isLocalFile() for url in data.urls())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.files.open_mime(event.mimeData(), self.tr("dropped image")):
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

    # -- language, help, settings ------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the UI language at once; the drawing and the result stay."""
        used = language.install(code)
        self.menus.languages[used].setChecked(True)
        self.settings.setValue("language", used)

    def show_steps(self) -> None:
        """The preprocessing steps of the digit drawn (the one shown, when there are several)."""
        from digitpad.ui.steps_dialog import show_steps  # noqa: PLC0415 - loaded when first asked for

        gray = qimage_to_gray(self.canvas.image())
        if len(self.results) > 1:
            left, top, right, bottom = self.results[self._selected].box
            margin = STEPS_MARGIN
            gray = gray[max(0, top - margin):bottom + margin, max(0, left - margin):right + margin]
        self.steps_dialog = show_steps(self, gray)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(960, 620)
        self.pen_slider.setValue(int(self.settings.value("pen_width", PEN_WIDTH)))
        self.canvas.set_pen_width(self.pen_slider.value())
        current = str(self.settings.value("language", language.system_language()))
        self.menus.languages.get(current, self.menus.languages["en"]).setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.model.close_dialog()  # stops its training
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("pen_width", self.pen_slider.value())
        self.settings.sync()
        self.live.stop()
        super().closeEvent(event)


def _app_data_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
