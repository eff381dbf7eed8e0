"""Languages through Qt's translation system.

The source language of every text is Chinese (the users' language), so Chinese needs no
translation file of ours; Qt's own ``qtbase_zh_CN`` catalogue makes the standard dialogs and
buttons Chinese too (``qt_zh_CN`` would also ask for Qt Multimedia's, which the program does not
use and the built program does not carry). English loads ``resources/i18n/fieldledger_en.qm``,
built from the ``.ts`` source by ``packaging/i18n.py``, and Qt's ``qtbase_en``. Switching
installs the other translators; the main window rebuilds its texts on the controller's
``language_changed`` signal; nothing restarts.

Qt's catalogues are found in Qt's translations folder (:class:`QLibraryInfo`; in the built
program, PySide6's folder inside the bundle). Ours are in ``resources/i18n`` next to the
program's modules, or in the bundle's folder (``sys._MEIPASS``) in the program built with
PyInstaller.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.logs import log
from models.paths import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


class Translations:
    """The translators installed on the application for the current language."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = ""

    def set_language(self, language: str) -> bool:
        """Install the translators of ``language``; False when a catalogue could not be loaded."""
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        app = QCoreApplication.instance()
        for tr in self._installed:
            app.removeTranslator(tr)
        self._installed.clear()
        complete = True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if language == "zh_CN":
            complete &= self._load("qtbase_zh_CN", qt_dir)
        else:
            complete &= self._load("qtbase_en", qt_dir)
            complete &= self._load("fieldledger_en", str(I18N_DIR))
        QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_US"))
        self.language = language
        return complete

    def _load(self, name: str, folder: str) -> bool:
        tr = QTranslator()
        if not tr.load(name, folder):
            log.warning("translation %s not found in %s", name, folder)
            return False
        QCoreApplication.instance().installTranslator(tr)
        self._installed.append(tr)
        return True


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
