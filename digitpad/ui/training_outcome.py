"""The last page of the retrain dialog: how the new model does against the one in use, and the
choice to keep it or not."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitpad import model_compare
from digitpad.jobs import StagedModel, TunedFigures

WORSE = QColor(240, 170, 90, 140)  # where the new model does worse than the one in use
BETTER = QColor(110, 190, 120, 120)  # where it does better
CELL = 40  # a confusion matrix's column width: 4 digits, and two matrices side by side
FAIR_HELD_OUT = 10  # fewer held-back samples than this say nothing about the gain (one is 0% or 100%)
DROP = 0.005  # a digit read right this much less often is marked as worse


class TrainingOutcome(QWidget):
    """A staged model's figures beside the model in use's; ``use`` or ``discard`` it."""

    use = Signal()
    discard = Signal()

    def __init__(self):
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.current_confusion, self.confusion = _table(10, 10, CELL), _table(10, 10, CELL)  # in use, new
        self.current_label, self.new_label = QLabel(self.tr("In use")), QLabel(self.tr("New"))
        self.confusion_label = QLabel(self.tr("Confusion matrices on the MNIST test set (rows: true digit, "
                                              "columns: read as). Marked: the mistakes that changed most, "
                                              "orange where the new model makes more, green fewer."), wordWrap=True)
        matrices = QHBoxLayout()
        for label, table in ((self.current_label, self.current_confusion), (self.new_label, self.confusion)):
            table.setVerticalHeaderLabels([str(d) for d in range(10)])
            header = table.horizontalHeader().height()
            table.setFixedHeight(header + 10 * table.verticalHeader().defaultSectionSize() + 4)
            one = QVBoxLayout()
            one.addWidget(label)
            one.addWidget(table, 1)
            matrices.addLayout(one)
        self.per_digit = _table(2, 10, 60)  # each digit read right: the model in use, the new one
        self.per_digit.setFixedHeight(3 * self.per_digit.verticalHeader().defaultSectionSize() + 4)
        self.per_digit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.use_button = QPushButton(self.tr("Use the new model"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.use_button.clicked.connect(self.use)
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.use_button)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.per_digit)
        column.addWidget(self.confusion_label)
        column.addLayout(matrices)
        column.addStretch(1)
        column.addLayout(buttons)

    def show_outcome(self, staged: StagedModel, in_use: dict) -> None:
        """What ``staged`` measured, against the card of the model ``in_use``."""
        lines = self._tuned(staged.tuned) if staged.tuned else self._trained(staged.card, in_use)
        confusion, before = staged.confusion, in_use.get("confusion_matrix")
        both = bool(confusion and before)
        for widget in (self.confusion, self.confusion_label, self.new_label):
            widget.setVisible(confusion is not None)
        for widget in (self.current_confusion, self.current_label, self.per_digit):
            widget.setVisible(both)
        for table, matrix in ((self.confusion, confusion), (self.current_confusion, before if both else None)):
            for row, values in enumerate(matrix or []):
                for column, value in enumerate(values):
                    table.setItem(row, column, QTableWidgetItem(str(value)))
        if confusion and before:
            lines += self._compare(before, confusion)
        self.summary.setText("\n".join(lines))

    def _trained(self, card: dict, in_use: dict) -> list[str]:
        new, current = card.get("test_accuracy"), in_use.get("test_accuracy")
        lines = [self.tr("New model: %1 on the MNIST test set. Model in use: %2.")
                 .replace("%1", percent(new)).replace("%2", percent(current))]
        worse = isinstance(new, float) and isinstance(current, float) and new < current
        if worse:
            lines.append(self.tr("The new model reads fewer test digits right than the one in use: "
                                 "keeping the one in use (Discard) is the better choice."))
        self.discard_button.setDefault(worse)
        self.use_button.setDefault(not worse)
        return lines

    def _tuned(self, tuned: TunedFigures) -> list[str]:
        if tuned.held_out >= FAIR_HELD_OUT:
            lines = [self.tr("On your held-out samples (%1): %2 before, %3 after.")
                     .replace("%1", str(tuned.held_out)).replace("%2", percent(tuned.user_before))
                     .replace("%3", percent(tuned.user_after))]
        else:
            lines = [self.tr("Too few samples to hold some back and measure the gain fairly "
                             "(a fifth is held back: teach %1 or more).").replace("%1", str(5 * FAIR_HELD_OUT))]
        if tuned.test_images:
            lines.append(self.tr("On the first %1 MNIST test digits: %2 before, %3 after.")
                         .replace("%1", f"{tuned.test_images:,}").replace("%2", percent(tuned.mnist_before))
                         .replace("%3", percent(tuned.mnist_after)))
        lines.append(self.tr("Fine-tuning took %1.").replace("%1", duration(tuned.seconds)))
        self.use_button.setDefault(True)
        return lines

    def _compare(self, in_use, new) -> list[str]:
        """Each digit read right by both models, the new model's drops marked, and the mistakes
        that grew most marked in its confusion matrix and named."""
        self.per_digit.setVerticalHeaderLabels([self.tr("In use"), self.tr("New")])
        before, after = model_compare.per_digit(in_use), model_compare.per_digit(new)
        for row, figures in enumerate((before, after)):
            for digit, share in enumerate(figures):
                self.per_digit.setItem(row, digit, QTableWidgetItem(f"{share:.1%}"))
        for digit, (old, now) in enumerate(zip(before, after, strict=True)):
            if now < old - DROP:
                self.per_digit.item(1, digit).setBackground(WORSE)
        for true, read, _ in model_compare.worse_mistakes(new, in_use):  # the mistakes that shrank most
            for table in (self.current_confusion, self.confusion):
                table.item(true, read).setBackground(BETTER)
        named = []
        for true, read, growth in model_compare.worse_mistakes(in_use, new):
            for table in (self.current_confusion, self.confusion):
                table.item(true, read).setBackground(WORSE)
            named.append(self.tr("%1 read as %2 (+%3 points)").replace("%1", str(true))
                         .replace("%2", str(read)).replace("%3", f"{growth * 100:.1f}"))
        if not named:
            return []
        return [self.tr("Mistakes that grew most against the model in use (marked): %1.")
                .replace("%1", ", ".join(named))]


def _table(rows: int, columns: int, width: int) -> QTableWidget:
    table = QTableWidget(rows, columns)
    table.setHorizontalHeaderLabels([str(d) for d in range(columns)])
    table.horizontalHeader().setDefaultSectionSize(width)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def percent(value) -> str:
    """A share as a percentage; "-" for none (no MNIST to measure on)."""
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2%}"


def duration(seconds: float) -> str:
    """"42 s", or "3 min 05 s"."""
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"
