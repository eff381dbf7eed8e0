"""Restoring an installation from a backup (see :mod:`models.backup` for taking one).

A restore needs the installation closed (the GUI closes its store first and reopens it after).
:func:`restore_backup` checks the backup before anything is touched (``PRAGMA integrity_check``,
audit chain, data version, recorded SHA-256: :func:`models.backup.check_backup`); only then is the
current database folded into one file and moved aside to ``<data folder>/replaced/`` (never
deleted), and a copy of the backup renamed into its place. :func:`describe_backup` reads what a
user must see before confirming (whose data, how much, up to when);
:func:`restore_evidence` copies back the evidence files kept beside a backup taken to a folder.
"""
from __future__ import annotations

import os
import socket
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from . import audit
from .backup import (REPLACED_DIR, BackupInfo, EvidenceCopy, _connect_ro, _copy_with_api,
                     _CORRUPT, _inspect, check_backup, copy_evidence)
from .errors import FieldLedgerError, ValidationError
from .files import fsync_folder, remove_quietly, replace, temp_path, write_error
from .i18n import QT_TRANSLATE_NOOP
from .logs import log
from .paths import EVIDENCE_DIR, DataDir
from .store import Store, sqlite_errors


class BackupSummary(NamedTuple):
    """A checked backup and what it holds, for the confirmation before a restore.

    ``same_installation`` is False when the backup was taken from another installation (another
    machine or unit) than the current one; None when that is not known.
    ``evidence_dir`` is the ``evidence/`` folder beside the backup, when there is one.
    """

    info: BackupInfo
    unit_name: str
    unit_code: str
    problems: int
    last_change: str
    same_installation: bool | None
    evidence_dir: Path | None


def _installation_id(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = 'installation_id'").fetchone()
    return str(row[0]) if row else ""


def describe_backup(path: Path, current_installation: str | None = None) -> BackupSummary:
    """Check the backup ``path`` (ValidationError when it cannot be restored) and read its unit,
    number of problems and last recorded change, read-only. ``current_installation`` is the
    installation id of the data folder it would replace (``Store.installation_id``)."""
    path = Path(path)
    info = check_backup(path)
    conn = _connect_ro(path)
    try:
        unit_id = conn.execute("SELECT value FROM settings WHERE key = 'own_unit_id'").fetchone()
        unit = conn.execute("SELECT name, code FROM units WHERE id = ?",
                            (unit_id[0] if unit_id else None,)).fetchone()
        problems = conn.execute("SELECT count(*) FROM problems").fetchone()[0]
        last = conn.execute("SELECT ts FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        theirs = _installation_id(conn)
    except sqlite3.Error as exc:
        raise ValidationError(_CORRUPT, path=str(path), reason=str(exc)) from exc
    finally:
        conn.close()
    same = (current_installation == theirs) if current_installation and theirs else None
    evidence = path.parent / EVIDENCE_DIR
    return BackupSummary(info, unit[0] if unit else "", unit[1] if unit else "", int(problems),
                         str(last[0]) if last else "", same,
                         evidence if evidence.is_dir() else None)


def restore_evidence(data_dir: DataDir, backup_path: Path) -> EvidenceCopy | None:
    """Copy the evidence files kept in the ``evidence/`` folder beside ``backup_path`` that the
    data folder lacks (each checked against its hash; files present are left alone). None when
    there is no such folder (automatic backups keep no evidence: the data folder still has it)."""
    source = Path(backup_path).parent / EVIDENCE_DIR
    if not source.is_dir() or source.resolve() == data_dir.evidence.resolve():
        return None
    copied = copy_evidence(source, data_dir.evidence)
    log.info("evidence restored from %s: copied %d, present %d, skipped %d", source,
             copied.copied, copied.present, len(copied.skipped))
    return copied


_COPY_DIFFERS = QT_TRANSLATE_NOOP(
    "errors", "备份复制到数据文件夹后与原备份不符：{path}\n磁盘可能有问题，请检查磁盘空间和磁盘后重试。当前的数据没有被改动。")
_IN_USE = QT_TRANSLATE_NOOP(
    "errors", "执法台账正在使用这个数据文件夹：{path}\n请先关闭所有执法台账窗口，再恢复备份。当前的数据没有被改动。")


def _gui_running(data_dir: DataDir) -> bool:
    """True when the GUI's lock file names a live FieldLedger process (POSIX; elsewhere the
    database lock taken while folding the current database is the guard).

    The lock file is Qt's (``QLockFile``: process id, application name, host name). A lock of
    another host (a shared folder) counts as running. On Linux a live process whose command line
    is not FieldLedger's holds a reused process id: the lock is stale and does not count.
    """
    if os.name == "nt":
        return False
    try:
        lines = data_dir.lock_file.read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return False
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return True
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").lower()
    except OSError:
        return True  # no /proc (macOS) or not readable: assume it is ours
    return b"fieldledger" in command or b"main.py" in command


def _fold(path: Path) -> None:
    """Fold the ``-wal`` of the closed database ``path`` into it and switch it to a rollback
    journal, so the main file alone holds everything. Raises ValidationError when another
    connection has it open."""
    with sqlite_errors(path):
        conn = sqlite3.connect(path, isolation_level=None, timeout=1.0)
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise ValidationError(_IN_USE, path=str(path.parent)) from exc
            raise
        finally:
            conn.close()
    if (busy and busy[0]) or str(mode).lower() != "delete":
        raise ValidationError(_IN_USE, path=str(path.parent))


def restore_backup(data_dir: DataDir, path: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database of the CLOSED installation ``data_dir`` with a copy of the backup
    ``path``; returns where the replaced database went (None when there was none).

    The backup is checked first (:func:`check_backup`): when that fails, or the installation is
    in use, ValidationError is raised and nothing is changed. The current database (its ``-wal``
    folded in) and audit anchor move to ``<data folder>/replaced/fieldledger-replaced-<time>.*``;
    the copy is written to a temporary name and renamed into place, and the anchor is set to the
    restored audit head. Evidence files are left as they are.
    """
    path = Path(path)
    info = check_backup(path)
    if _gui_running(data_dir):
        raise ValidationError(_IN_USE, path=str(data_dir.root))
    database = data_dir.database
    try:
        data_dir.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, database) from exc
    tmp = temp_path(database)
    try:
        source = _connect_ro(path)
        try:
            _copy_with_api(source, tmp)
        except sqlite3.Error as exc:
            raise write_error(OSError(0, str(exc)), database) from exc
        except OSError as exc:
            raise write_error(exc, database) from exc
        finally:
            source.close()
        if _inspect(tmp)[3:6] != info[3:6]:
            raise ValidationError(_COPY_DIFFERS, path=str(database))
        moved: Path | None = None
        stamp = f"{(now or datetime.now()):%Y%m%d-%H%M%S}"
        if database.exists():
            _fold(database)
            aside = data_dir.root / REPLACED_DIR
            try:
                aside.mkdir(exist_ok=True)
            except OSError as exc:
                raise write_error(exc, aside) from exc
            moved = aside / f"fieldledger-replaced-{stamp}.sqlite"
            n = 1
            while moved.exists():
                moved = aside / f"fieldledger-replaced-{stamp}-{n}.sqlite"
                n += 1
            replace(database, moved)
            fsync_folder(aside)
        for suffix in ("-wal", "-shm", "-journal"):
            remove_quietly(database.with_name(database.name + suffix))
        try:
            replace(tmp, database)
        except BaseException:
            if moved is not None:  # put the current database back: never leave the folder empty
                os.replace(moved, database)
                fsync_folder(data_dir.root)
            raise
        fsync_folder(data_dir.root)
    finally:
        remove_quietly(tmp)
    # Only now the old anchor goes aside (a crash before this leaves an anchor ahead of the
    # restored chain, which verification reports, never an installation without a database).
    if moved is not None and data_dir.anchor.exists():
        try:
            os.replace(data_dir.anchor, moved.with_suffix(".anchor.json"))
        except OSError as exc:
            log.warning("could not move the audit anchor aside: %r", exc)
    _write_anchor(data_dir, database)
    log.info("restored %s (audit seq %d) into %s; replaced database: %s",
             path, info.audit_seq, database, moved)
    return moved


def _write_anchor(data_dir: DataDir, database: Path) -> None:
    """Point the audit anchor at the restored database's head (the old anchor was moved aside)."""
    conn = _connect_ro(database)
    try:
        seq, digest = audit.head(conn)
        row = conn.execute("SELECT value FROM settings WHERE key = 'installation_id'").fetchone()
    finally:
        conn.close()
    try:
        audit.write_anchor(data_dir.anchor, audit.Anchor(seq, digest, row[0] if row else ""))
    except OSError as exc:
        log.warning("could not write the audit anchor %s: %r", data_dir.anchor, exc)


class RestoreOutcome(NamedTuple):
    """What :func:`restore_installation` did: the backup restored and the audit head it ends at,
    where the replaced database went (None when there was none) and its audit head, the
    evidence files copied back from beside the backup (None when it had none), and why that
    copy stopped early (the database is restored all the same)."""

    backup: Path
    restored_seq: int
    replaced: Path | None
    replaced_seq: int | None
    evidence: EvidenceCopy | None
    evidence_error: FieldLedgerError | None = None


def _head_of(database: Path) -> int | None:
    if not database.is_file():
        return None
    try:
        conn = _connect_ro(database)
        try:
            return audit.head(conn)[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("audit head of %s not read: %r", database, exc)
        return None


def restore_installation(data_dir: DataDir, path: Path, *,
                         now: datetime | None = None) -> RestoreOutcome:
    """Restore the CLOSED installation ``data_dir`` from the backup ``path``
    (:func:`restore_backup`, which refuses a bad backup before anything changes), then copy back
    the evidence files kept beside it (:func:`restore_evidence`). Record it afterwards with
    :func:`record_restore` once the store is open again."""
    path = Path(path)
    replaced_seq = _head_of(data_dir.database)
    moved = restore_backup(data_dir, path, now=now)
    restored_seq = _head_of(data_dir.database) or 0
    try:
        evidence, problem = restore_evidence(data_dir, path), None
    except FieldLedgerError as exc:  # a stick pulled, a full disk: the database is restored
        log.warning("evidence not copied back from %s: %s", path.parent, exc)
        evidence, problem = None, exc
    return RestoreOutcome(path, restored_seq, moved, replaced_seq if moved else None, evidence,
                          problem)


def record_restore(store: Store, actor: str, outcome: RestoreOutcome) -> None:
    """Append the restore to the restored database's audit chain (who, from which backup, what
    was set aside), so the trail shows the jump back in time."""
    detail: dict[str, object] = {"backup": outcome.backup.name,
                                 "restored_audit_seq": outcome.restored_seq}
    if outcome.replaced is not None:
        detail["replaced"] = outcome.replaced.name
        detail["replaced_audit_seq"] = outcome.replaced_seq
    if outcome.evidence is not None:
        detail["evidence_copied"] = outcome.evidence.copied
    if outcome.evidence_error is not None:
        detail["evidence_incomplete"] = True
    with store.write(actor) as w:
        w.event("restored_from_backup", f"backup:{outcome.backup.name}", detail)
