"""Where an installation keeps its files.

One installation = one data folder holding the database, the audit anchor, logs, evidence files
(印证资料, stored by content hash below ``evidence/``) and (later) backups. The folder is the
platform's user data folder unless ``--data-dir`` names one.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

APP_NAME = "FieldLedger"
DB_NAME = "fieldledger.sqlite3"
ANCHOR_NAME = "audit-anchor.json"
EVIDENCE_DIR = "evidence"

#: The program's own files (translations, templates, icons, fonts): ``resources/`` next to its
#: modules, or inside the bundle (``sys._MEIPASS``) in the program built with PyInstaller.
RESOURCES_DIR = Path(getattr(sys, "_MEIPASS", "") or Path(__file__).resolve().parent.parent
                     ) / "resources"


def default_data_dir() -> Path:
    """The platform's per-user data folder for FieldLedger (may not exist yet)."""
    import platformdirs  # only when no folder is given: keeps it off the start-up path otherwise

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class DataDir(NamedTuple):
    """The files of one installation, all below ``root``."""

    root: Path

    @classmethod
    def resolve(cls, given: str | os.PathLike[str] | None) -> "DataDir":
        return cls(Path(given).expanduser().resolve() if given else default_data_dir())

    @property
    def database(self) -> Path:
        return self.root / DB_NAME

    @property
    def anchor(self) -> Path:
        return self.root / ANCHOR_NAME

    @property
    def evidence(self) -> Path:
        """Evidence files, as ``evidence/<first 2 hex>/<sha256><ext>`` (see models.evidence)."""
        return self.root / EVIDENCE_DIR

    @property
    def outbox(self) -> Path:
        """Submission packages written, kept until the office's receipt (see models.package_out)."""
        return self.root / "outbox"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "fieldledger.log"

    @property
    def lock_file(self) -> Path:
        return self.root / "fieldledger.lock"
