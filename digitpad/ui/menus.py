"""The main window's menus and their actions: made once, named in the current language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPalette
from PySide6.QtWidgets import QMainWindow

from digitpad.ui import language
from digitpad.ui.icons import DRAWINGS, icon

Keys = QKeySequence.StandardKey


class Menus(QObject):
    """Every action of the window, in its menus. ``window`` (with its ``files`` and ``model``)
    provides the slots they trigger."""

    FILE_TOOLS = ("open", "save")  # beside the canvas, as icons (their names as tips)...
    EDIT_TOOLS = ("undo", "redo", "clear")  # ...and with their names

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._make_actions(window)
        self._make_languages(window)
        self._make_menus(window)

    def _make_actions(self, w: QMainWindow) -> None:
        def action(shortcuts: list, slot: Callable) -> QAction:
            item = QAction(w)
            item.setShortcuts([QKeySequence(s) for s in shortcuts])
            item.triggered.connect(slot)
            return item

        self.open = action([Keys.Open], w.files.open_image_dialog)
        self.save = action([Keys.Save], w.files.save_drawing_dialog)
        self.save_results = action(["Ctrl+Shift+S"], w.files.save_results_dialog)
        self.quit = action([Keys.Quit, "Ctrl+Q"], w.close)
        self.undo = action([Keys.Undo], w.canvas.undo)
        self.redo = action(["Ctrl+Shift+Z", "Ctrl+Y"], w.canvas.redo)
        self.clear = action(["Esc", "Delete"], w.clear)
        self.copy = action([Keys.Copy], w.files.copy_number)
        self.paste = action([Keys.Paste], w.files.paste)
        self.thinner = action(["["], lambda: w.pen_slider.setValue(w.pen_slider.value() - 2))
        self.thicker = action(["]"], lambda: w.pen_slider.setValue(w.pen_slider.value() + 2))
        self.retrain = action(["Ctrl+R"], lambda: w.model.open_training("retrain"))
        self.fine_tune = action(["Ctrl+T"], lambda: w.model.open_training("fine_tune"))
        self.samples = action([], w.model.show_samples)
        self.load_model = action([], w.model.load_file_dialog)
        self.reset_model = action([], w.model.reset)
        self.steps = action([], w.show_steps)
        self.shortcuts = action([Keys.HelpContents, "F1"], self.show_shortcuts)
        self.about = action([], w.model.show_about)

    def _make_languages(self, w: QMainWindow) -> None:
        self.language_group = QActionGroup(w)
        self.language_group.triggered.connect(lambda item: w.set_language(item.data()))
        self.languages = {}
        for code, name in language.LANGUAGES.items():
            item = QAction(name, w)
            item.setCheckable(True)
            item.setData(code)
            self.language_group.addAction(item)
            self.languages[code] = item

    def _make_menus(self, w: QMainWindow) -> None:
        bar = w.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open, self.save, self.save_results])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo, self.redo, self.clear])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.copy, self.paste])
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.thinner, self.thicker])
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.languages.values()))
        self.model_menu = bar.addMenu("")
        self.model_menu.addActions([self.retrain, self.fine_tune, self.samples])
        self.model_menu.addSeparator()
        self.model_menu.addActions([self.load_model, self.reset_model])
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.steps, self.shortcuts, self.about])

    def set_icons(self, palette: QPalette) -> None:
        """Every action that has a drawing gets its icon, in ``palette``'s colours."""
        for name in DRAWINGS:
            getattr(self, name).setIcon(icon(name, palette))

    def all_actions(self) -> list[QAction]:
        """Every action, menu by menu (what the keyboard shortcuts list shows)."""
        menus = (self.file_menu, self.edit_menu, self.view_menu, self.model_menu, self.help_menu)
        return [item for menu in menus for item in menu.actions()]

    def show_shortcuts(self) -> None:
        from digitpad.ui.shortcuts import show_shortcuts  # noqa: PLC0415 - loaded when first asked for

        self.shortcuts_dialog = show_shortcuts(self.parent(), self.all_actions())

    def update_editing(self, drawing: bool, empty: bool, can_undo: bool, can_redo: bool) -> None:
        """Enable what applies to what is shown: a drawing (``empty`` or not) or a photo."""
        self.undo.setEnabled(drawing and can_undo)
        self.redo.setEnabled(drawing and can_redo)
        self.clear.setEnabled(not (drawing and empty))
        self.save.setEnabled(drawing and not empty)  # a drawing to save (a photo is the user's own file)
        self.steps.setEnabled(drawing)  # the steps are shown for a drawing
        clear = self.tr("&Clear") if drawing else self.tr("Close &photo")
        if self.clear.text() != clear:  # (this runs at every mouse move of a stroke)
            self.clear.setText(clear)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.model_menu.setTitle(self.tr("&Model"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.open.setText(self.tr("&Open image..."))
        self.save.setText(self.tr("&Save drawing..."))
        self.save_results.setText(self.tr("Save the &reading..."))
        self.quit.setText(self.tr("&Quit"))
        self.undo.setText(self.tr("&Undo"))
        self.redo.setText(self.tr("&Redo"))
        self.copy.setText(self.tr("&Copy the number"))
        self.paste.setText(self.tr("&Paste image"))
        self.thinner.setText(self.tr("&Thinner pen"))
        self.thicker.setText(self.tr("T&hicker pen"))
        self.retrain.setText(self.tr("&Retrain..."))
        self.fine_tune.setText(self.tr("&Fine-tune on my samples..."))
        self.samples.setText(self.tr("My &samples..."))
        self.load_model.setText(self.tr("&Load model..."))
        self.reset_model.setText(self.tr("Reset to &bundled model"))
        self.steps.setText(self.tr("&How it works, step by step"))
        self.shortcuts.setText(self.tr("&Keyboard shortcuts"))
        self.about.setText(self.tr("&About digitpad"))
