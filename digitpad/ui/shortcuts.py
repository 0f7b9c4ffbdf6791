"""Help > Keyboard shortcuts: every menu action that has one, as the menus name it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> QDialog:
    """A dialog listing the shortcuts of ``actions``, in the language the menus are in."""
    rows = [(action.text().replace("&", "").rstrip("."),
             ", ".join(dict.fromkeys(key.toString(QKeySequence.SequenceFormat.NativeText)  # (once each:
                                     for key in action.shortcuts())))  # a standard key may be the other)
            for action in actions if action.shortcuts()]
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Shortcuts", "Keyboard shortcuts"))
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels([QCoreApplication.translate("Shortcuts", "Action"),
                                     QCoreApplication.translate("Shortcuts", "Keys")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for row, (name, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(close)
    dialog.resize(440, 90 + 31 * len(rows))
    dialog.show()
    return dialog

