"""Marking of user-visible core texts for Qt's translation tools, without importing Qt.

The core speaks Chinese (the product's source language). A text the GUI may show in English too is
wrapped in ``QT_TRANSLATE_NOOP(context, text)``: ``pyside6-lupdate`` extracts it by that name into
the ``.ts`` sources, and the GUI looks the translation up with
``QCoreApplication.translate(context, text)``. Here the marker returns the text unchanged.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged; its only job is to be found by ``pyside6-lupdate``."""
    del context
    return text
