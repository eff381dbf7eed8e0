"""Logging to a rotating file in the data folder: tracebacks go there, never to the user."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

log = logging.getLogger("fieldledger")


def setup_logging(log_file: Path | None, *, level: int = logging.INFO) -> Path | None:
    """Send the ``fieldledger`` logger to ``log_file`` (rotated at 2 MB, 5 files kept).

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
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler._fieldledger = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    return log_file
