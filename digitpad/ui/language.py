"""The UI language: English (the source texts) or Simplified Chinese, switchable at run time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install(code: str) -> str:
    """Switch the application's texts to ``code``; returns the language now in use."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code not in LANGUAGES or code == "en":
        return "en"
    ours, qt = QTranslator(app), QTranslator(app)
    if not ours.load(f"digitpad_{code}", str(TRANSLATIONS)):
        return "en"
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt)  # Qt's own dialogs and buttons
    _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    return code
