"""The right-hand side: the number found, the chosen digit large, its bars, "That's a..." and the model's view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from digitpad.recognizer import Recognition
from digitpad.ui.chart import ProbabilityChart
from digitpad.ui.preview import ModelView


class ResultPanel(QWidget):
    """Shows recognitions; knows nothing of where they came from."""

    digit_chosen = Signal(int)  # the index of a digit of the number, clicked
    taught = Signal(int)  # "That's a <digit>", clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.number_label = QLabel()
        self.number_buttons = QButtonGroup(self)
        self.number_buttons.idClicked.connect(self.digit_chosen)
        self.number_row = QHBoxLayout()
        self.number_row.addWidget(self.number_label)
        self.number_row.addStretch()
        self.number_panel = QWidget()
        self.number_panel.setLayout(self.number_row)
        self.number_panel.setFixedHeight(self._number_button().sizeHint().height() + 8)
        keep_room = self.number_panel.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # the digit and bars stay put when a number appears
        self.number_panel.setSizePolicy(keep_room)
        self.number_panel.hide()

        self.digit_label = QLabel()
        font = QFont(self.digit_label.font())
        font.setPointSize(56)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumHeight(90)
        self.verdict_label = QLabel()
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setMinimumHeight(self.verdict_label.sizeHint().height())  # room kept when empty
        self.chart = ProbabilityChart()

        self.teach_label = QLabel()
        self.teach_buttons = QButtonGroup(self)
        self.teach_buttons.idClicked.connect(self.taught)
        teach = QHBoxLayout()
        teach.setSpacing(2)
        teach.addWidget(self.teach_label)
        for digit in range(10):
            button = QToolButton()
            button.setText(str(digit))
            self.teach_buttons.addButton(button, digit)
            teach.addWidget(button)
        teach.addStretch()
        self.teach_panel = QWidget()
        self.teach_panel.setLayout(teach)

        self.model_view = ModelView()
        self.model_view_label = QLabel()
        seen = QHBoxLayout()
        seen.addWidget(self.model_view_label, 1)
        seen.addWidget(self.model_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.number_panel, self.digit_label, self.verdict_label):
            layout.addWidget(widget)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.teach_panel)
        layout.addLayout(seen)
        self._retranslate()

    def show_results(self, results: list[Recognition], selected: int, hint: str) -> None:
        """The number (when there are several digits) and the ``selected`` digit; ``hint`` if none."""
        self._fill_number_row(results, selected)
        self._show(results[selected] if results else None, hint)

    def _fill_number_row(self, results: list[Recognition], selected: int) -> None:
        buttons = self.number_buttons.buttons()
        for extra in buttons[len(results):]:
            self.number_buttons.removeButton(extra)
            extra.deleteLater()
        for index in range(len(buttons), len(results)):
            button = self._number_button()
            self.number_buttons.addButton(button, index)
            self.number_row.insertWidget(1 + index, button)
        for index, result in enumerate(results):
            button = self.number_buttons.button(index)
            button.setText(str(result.digit))
            button.setChecked(index == selected)
        self.number_panel.setVisible(len(results) > 1)

    @staticmethod
    def _number_button() -> QToolButton:
        """A digit of the number: larger than the text around it, checked when it is shown."""
        button = QToolButton(checkable=True, autoRaise=True, text="0")
        font = button.font()
        font.setPointSize(font.pointSize() + 6)
        button.setFont(font)
        return button

    def _show(self, result: Recognition | None, hint: str) -> None:
        self.teach_panel.setEnabled(result is not None)
        if result is None:
            self.digit_label.setText("")
            self.verdict_label.setText("")
            self.chart.set_probabilities(None)
            self.chart.set_hint(hint)
            self.model_view.set_image(None)
            return
        first, second = result.candidates
        if result.is_sure:
            self.digit_label.setText(str(first))
            self.verdict_label.setText(self.tr("%1% sure").replace("%1", f"{result.confidence * 100:.1f}"))
        else:
            self.digit_label.setText(f"{first}?")
            self.verdict_label.setText(self.tr("Not sure: %1 or %2?").replace("%1", str(first))
                                       .replace("%2", str(second)))
        self.chart.set_probabilities(result.probabilities, result.is_sure)
        self.model_view.set_image(result.image)

    def _retranslate(self) -> None:
        self.number_label.setText(self.tr("Number:"))
        self.teach_label.setText(self.tr("That's a:"))
        self.teach_panel.setToolTip(self.tr("Wrong answer? Say what the digit really is: "
                                            "digitpad keeps it to learn your handwriting."))
        self.model_view_label.setText(self.tr("What the model sees\n(28 x 28 pixels)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
