"""Logging to a file in the data folder: tracebacks go there, never to the user.

The file is rotated at start-up when it has grown past :data:`MAX_BYTES` (five old files kept);
rotating while running would need ``logging.handlers``, whose imports cost start-up time for
nothing a session writes.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger("fieldledger")
MAX_BYTES = 2_000_000
BACKUPS = 5


def _rotate(log_file: Path) -> None:
    try:
        if log_file.stat().st_size < MAX_BYTES:
            return
    except OSError:
        return
    for i in range(BACKUPS - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{i}")
        if older.exists():
            os.replace(older, log_file.with_name(f"{log_file.name}.{i + 1}"))
    os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))


def setup_logging(log_file: Path | None, *, level: int = logging.INFO) -> Path | None:
    """Send the ``fieldledger`` logger to ``log_file`` (appending; rotated first if large).

    Returns the file actually used, or ``None`` when the folder cannot be written (the app still
    runs; messages then go to standard error only).
    """
    for handler in list(log.handlers):
        if getattr(handler, "_fieldledger", False):
            log.removeHandler(handler)
            handler.close()
    log.setLevel(level)
    if log_file is None:
        return None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        _rotate(log_file)
        handler = logging.FileHandler(log_file, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler._fieldledger = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    return log_file
