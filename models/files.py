"""Writing files the user asked for, safely: atomically, with a clear message on failure.

A file is written to a temporary file in the target folder (flushed to disk), then renamed over
the target, so the target is either the old file or the complete new one, never half of one. An
``OSError`` becomes :class:`~models.errors.DiskFull` (no space left) or :class:`FileWriteFailed`
(anything else: a read-only USB stick, a folder without permission, a file open elsewhere), both
with a Chinese message that says what to do.
"""
from __future__ import annotations

import errno
import hashlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO

from .errors import DiskFull, FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP
from .logs import log


class FileWriteFailed(FieldLedgerError):
    """A file (signature, public key, enrollment file) could not be written where asked."""

    template = QT_TRANSLATE_NOOP(
        "errors", "无法写入文件“{path}”：{reason}\n请检查该文件夹是否可写（U 盘写保护开关、只读光盘、"
        "文件夹权限），或换一个文件夹。没有写入任何内容。")


def write_error(exc: OSError, path: Path) -> FieldLedgerError:
    """The user-facing error for ``exc`` raised while writing ``path``."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(path=str(path))
    return FileWriteFailed(path=str(path), reason=exc.strerror or str(exc))


def remove_quietly(path: Path) -> None:
    """Delete ``path`` if it is there; a failure is logged, never raised."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("could not remove %s: %r", path, exc)


def temp_path(path: Path) -> Path:
    """A new temporary file name beside ``path`` (same folder, so a rename is atomic)."""
    return path.with_name(f".fieldledger-{secrets.token_hex(6)}.tmp")


def write_temp(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path`` (flushed to disk); its path."""
    tmp = temp_path(path)
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        remove_quietly(tmp)
        raise write_error(exc, path) from exc
    return tmp


def replace(tmp: Path, path: Path) -> None:
    """Rename the finished temporary file ``tmp`` over ``path``."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise write_error(exc, path) from exc


def write_file(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` atomically. Raises
    :class:`~models.errors.DiskFull` or :class:`FileWriteFailed`; then ``path`` is as it was.
    Returns the path written."""
    path = Path(path)
    tmp = write_temp(path, text.encode("utf-8"))
    try:
        replace(tmp, path)
    finally:
        remove_quietly(tmp)
    return path


CHUNK = 1 << 20


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this,
    and some file systems refuse: then only the file itself was synced)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_hashed(src: BinaryIO, tmp: Path) -> str:
    """Copy the open binary file ``src`` into the new file ``tmp`` (created, never overwritten;
    flushed to disk) and return the SHA-256 hex of the bytes copied. Raises OSError; the caller
    removes ``tmp`` and renames it into place only once the hash is what it expects."""
    digest = hashlib.sha256()
    with open(tmp, "xb") as out:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def hash_file(path: Path) -> tuple[str, int]:
    """(SHA-256 hex, size) of the file at ``path``, read in chunks. Raises OSError."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
