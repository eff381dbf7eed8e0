"""Regenerate the screenshots under docs/ from a fresh demo installation.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Uses a temporary data folder and settings, logs in as the demo chief, and saves one PNG per area
listed in SHOTS (and the settings area in English, to show the translation).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHOTS = [("dashboard", "zh_CN", "screenshot-main.png"),
         ("ledger", "zh_CN", "screenshot-ledger.png"),
         ("settings", "zh_CN", "screenshot-settings.png"),
         ("settings", "en", "screenshot-settings-en.png")]


def main() -> int:
    tmp = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from models.cli import parse_args
    from models.demo import create_demo
    from models.paths import DataDir
    from models.session import session_without_password
    from models.store import open_store
    from ui.app import run_gui

    data = DataDir(Path(tmp) / "data")
    store = open_store(data)
    create_demo(store)
    store.close()
    queue = list(SHOTS)

    def shown(window) -> None:
        window.resize(1200, 780)

        def next_shot() -> None:
            if not queue:
                window.close()
                QApplication.quit()
                return
            area, language, name = queue.pop(0)
            window.controller.set_language(language)
            QTimer.singleShot(50, lambda: (window.show_area(area),
                                           QTimer.singleShot(500, lambda: select(area)),
                                           QTimer.singleShot(900, lambda: save(name))))

        def select(area: str) -> None:
            if area == "ledger":  # a problem in the detail form, as a user works with it
                window.area("ledger").table.selectRow(2)

        def save(name: str) -> None:
            window.grab().save(str(ROOT / "docs" / name))
            print("saved", name)
            next_shot()

        QTimer.singleShot(300, next_shot)

    return run_gui(parse_args(["gui", "--data-dir", str(data.root)]),
                   auto_session=lambda s: session_without_password(s, "chief"), on_shown=shown)


if __name__ == "__main__":
    sys.exit(main())
