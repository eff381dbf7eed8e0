"""Backups of the installation database, their rotation, and restoring one.

A backup is taken with SQLite's online backup API (:meth:`sqlite3.Connection.backup`), a few
hundred pages at a time, never by copying the live file (which may be half-way through a
transaction, and whose latest commits may still be in the ``-wal`` file). The copy is written to
a temporary name in the target folder, made a self-contained file (rollback journal, no ``-wal``),
flushed to disk and renamed; then it is opened read-only and checked (``PRAGMA integrity_check``
and the audit chain); a copy that fails is removed and the error raised. A small JSON sidecar
``<name>.json`` beside it records its :class:`BackupInfo` (with the file's SHA-256, so any later
change of the file is found by :func:`check_backup`).

Automatic backups live in ``<data folder>/backups/`` as ``fieldledger-YYYYMMDD-HHMMSS.sqlite``
(local time); :func:`rotate` keeps the newest of each of the last 7 days and of each of the 4 ISO
weeks before the current one.

Evidence files (印证资料) are not in the database: they are content-addressed files below
``evidence/`` that never change once stored, indexed by the database. A database backup therefore
covers the index only; :func:`backup_evidence` copies the evidence folder incrementally (only the
files missing at the target, each checked against its hash) to another folder, e.g. next to a
backup on an external drive. Restoring a database leaves ``evidence/`` as it is; files the restored
database names and the folder no longer holds can be copied back with :func:`backup_evidence`'s
counterpart :func:`copy_evidence` (:func:`models.restore.restore_evidence` does it for a backup
taken to a folder with its ``evidence/``).

Restoring a backup is in :mod:`models.restore`.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable, NamedTuple
from urllib.parse import quote

from . import audit
from .errors import ValidationError
from .files import (copy_hashed, fsync_folder, hash_file, remove_quietly, replace, temp_path,
                    write_error)
from .i18n import QT_TRANSLATE_NOOP
from .logs import log
from .migrations import LATEST_VERSION
from .paths import DataDir
from .store import Store, sqlite_errors

BACKUP_DIR = "backups"
REPLACED_DIR = "replaced"
#: Pages copied per step of the online backup: writers wait at most one step.
PAGES_PER_STEP = 256
#: After this many restarts (another connection wrote between two steps) the rest is copied in
#: one step: in WAL mode a reader does not block writers, so this only takes a snapshot.
MAX_RESTARTS = 5
SQLITE_HEADER = b"SQLite format 3\x00"
NAME_RE = re.compile(r"^fieldledger-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite$")

_NOT_FOUND = QT_TRANSLATE_NOOP("errors", "找不到备份文件：{path}")
_NOT_SQLITE = QT_TRANSLATE_NOOP(
    "errors", "“{path}”不是执法台账的备份：它不是 SQLite 数据库文件。请选择 fieldledger-….sqlite 备份文件。")
_CORRUPT = QT_TRANSLATE_NOOP(
    "errors", "备份文件已损坏，不能用来恢复：{path}\n原因：{reason}\n请选择另一个备份。当前的数据没有被改动。")
_FOREIGN = QT_TRANSLATE_NOOP(
    "errors", "“{path}”不是执法台账的数据库（缺少台账的数据表），不能用来恢复。当前的数据没有被改动。")
_TOO_NEW = QT_TRANSLATE_NOOP(
    "errors", "这个备份由更新版本的执法台账建立（数据版本 {found}，本程序最高支持 {supported}）：{path}\n"
    "请安装最新版本的执法台账后再恢复。当前的数据没有被改动。")
_AUDIT_BROKEN = QT_TRANSLATE_NOOP(
    "errors", "备份的审计链校验未通过，不能用来恢复：{path}\n{reason}\n当前的数据没有被改动。")
_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "备份文件在备份之后被改动过（内容摘要与备份记录不符）：{path}\n请选择另一个备份。当前的数据没有被改动。")

Progress = Callable[[int, int], None]


class BackupInfo(NamedTuple):
    """What a backup holds: its file, size, when it was taken (UTC ISO), data version and the
    audit head (sequence number and hash) it ends at; ``sha256`` of the file when known."""

    path: Path
    size: int
    created: str
    user_version: int
    audit_seq: int
    audit_hash: str
    sha256: str = ""

    def as_json(self) -> dict[str, object]:
        return {"file": self.path.name, "size": self.size, "created": self.created,
                "user_version": self.user_version, "audit_seq": self.audit_seq,
                "audit_hash": self.audit_hash, "sha256": self.sha256}


def sidecar_of(path: Path) -> Path:
    """The JSON file describing the backup ``path`` (``fieldledger-….json``)."""
    return path.with_suffix(".json")


# --- taking a backup -----------------------------------------------------------------------------

class _Restarted(Exception):
    """The stepped backup restarted too often: the rest is copied in one step."""


def _connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates ``-wal``/``-shm`` files beside ``path``."""
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def _copy_with_api(source: sqlite3.Connection, dest_path: Path,
                   progress: Progress | None = None) -> None:
    """Copy the database of ``source`` to the new file ``dest_path`` with the online backup API,
    as a self-contained file (rollback journal), flushed to disk."""
    dest = sqlite3.connect(dest_path, isolation_level=None)
    try:
        state = {"done": 0, "restarts": 0, "steps": 0}

        def step(_status: int, remaining: int, total: int) -> None:
            # A restart sends the copied count back; pages appended meanwhile only raise the
            # total. Both are bounded, so the copy always ends.
            done = total - remaining
            state["steps"] += 1
            if done < state["done"]:
                state["restarts"] += 1
            if state["restarts"] > MAX_RESTARTS \
                    or state["steps"] > 4 * (total // max(PAGES_PER_STEP, 1) + 10):
                raise _Restarted
            state["done"] = done
            if progress:
                progress(done, total)

        try:
            source.backup(dest, pages=PAGES_PER_STEP, progress=step, sleep=0.002)
        except _Restarted:
            log.info("backup kept restarting; copying the database in one step")
            source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        dest.close()
    with open(dest_path, "rb+") as fh:
        os.fsync(fh.fileno())


def _inspect(path: Path) -> BackupInfo:
    """Check the database file ``path`` (integrity, audit chain, version); its info. Raises
    ValidationError with the reason."""
    if not path.is_file():
        raise ValidationError(_NOT_FOUND, path=str(path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError(_CORRUPT, path=str(path), reason=exc.strerror or str(exc)) from exc
    if header[:16] != SQLITE_HEADER:
        raise ValidationError(_NOT_SQLITE, path=str(path))
    try:
        conn = _connect_ro(path)
    except sqlite3.Error as exc:
        raise ValidationError(_CORRUPT, path=str(path), reason=str(exc)) from exc
    try:
        try:
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            page_count = conn.execute("PRAGMA page_count").fetchone()[0]
            if size != page_size * page_count:
                raise ValidationError(_CORRUPT, path=str(path), reason=(
                    f"文件长度 {size} 字节与数据库页数不符（应为 {page_size * page_count} 字节），文件可能不完整"))
            result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            if result != ["ok"]:
                raise ValidationError(_CORRUPT, path=str(path), reason="; ".join(result[:5]))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"audit_log", "settings"} <= tables:
                raise ValidationError(_FOREIGN, path=str(path))
            if version > LATEST_VERSION:
                raise ValidationError(_TOO_NEW, path=str(path), found=version,
                                      supported=LATEST_VERSION)
            report = audit.verify(conn)
        except sqlite3.Error as exc:
            raise ValidationError(_CORRUPT, path=str(path), reason=str(exc)) from exc
        if not report.ok:
            raise ValidationError(_AUDIT_BROKEN, path=str(path), reason=report.summary())
    finally:
        conn.close()
    return BackupInfo(path, size, "", version, report.head_seq, report.head_hash)


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def backup_database(store: Store, target: Path, *, progress: Progress | None = None) -> BackupInfo:
    """Back up the open ``store`` to the file ``target`` (replaced if present) and check the copy.

    Uses the online backup API in steps of :data:`PAGES_PER_STEP` pages, so the store may keep
    being written by other connections meanwhile; the copy is a consistent snapshot. The copy is
    written to a temporary name beside ``target``, flushed, renamed, then opened read-only and
    checked (integrity and audit chain); a copy that fails is removed and ValidationError raised.
    A disk problem raises DiskFull or FileWriteFailed. ``progress(done, total)`` gets page counts.
    Writes the sidecar ``<name>.json`` and returns the backup's info.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, target) from exc
    tmp = temp_path(target)
    created = _utc_now()
    try:
        try:
            with sqlite_errors(store.path):
                _copy_with_api(store.conn, tmp, progress)
        except sqlite3.Error as exc:  # an error of the target file (full disk, read-only)
            raise write_error(OSError(0, str(exc)), target) from exc
        except OSError as exc:
            raise write_error(exc, target) from exc
        replace(tmp, target)
    finally:
        remove_quietly(tmp)
    fsync_folder(target.parent)
    try:
        info = _inspect(target)
    except ValidationError:
        log.error("backup %s failed its check; removed", target)
        remove_quietly(target)
        raise
    info = info._replace(created=created, sha256=hash_file(target)[0])
    try:
        sidecar_of(target).write_text(json.dumps(info.as_json(), ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    except OSError as exc:  # the backup itself is good; the sidecar is a convenience
        log.warning("could not write %s: %r", sidecar_of(target), exc)
    log.info("backup written: %s (%d bytes, audit seq %d)", target, info.size, info.audit_seq)
    return info


# --- evidence files ------------------------------------------------------------------------------

class EvidenceCopy(NamedTuple):
    """What :func:`copy_evidence` did: files copied, already present, and skipped (unreadable or
    not matching their hash name)."""

    copied: int
    present: int
    skipped: list[Path]


def _evidence_files(root: Path) -> Iterable[tuple[Path, str]]:
    """(file, sha256 from its name) of each stored evidence file below ``root``."""
    if not root.is_dir():
        return
    for shard in sorted(root.iterdir()):
        if not shard.is_dir() or len(shard.name) != 2:
            continue
        for file in sorted(shard.iterdir()):
            sha = file.name.split(".", 1)[0]
            if file.is_file() and len(sha) == 64 and sha.startswith(shard.name) \
                    and all(c in "0123456789abcdef" for c in sha):
                yield file, sha


def copy_evidence(source_root: Path, target_root: Path) -> EvidenceCopy:
    """Copy the evidence files below ``source_root`` missing below ``target_root`` (same layout).

    A file is never changed once stored, so a file already at the target is skipped; each copy is
    written to a temporary name, checked against the hash in its name, and renamed. A source file
    whose content does not match its name is skipped (and logged). Raises DiskFull or
    FileWriteFailed when the target cannot be written.
    """
    copied = present = 0
    skipped: list[Path] = []
    for file, sha in _evidence_files(Path(source_root)):
        dest = Path(target_root) / file.parent.name / file.name
        if dest.exists():
            present += 1
            continue
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(exc, dest) from exc
        tmp = temp_path(dest)
        try:
            try:
                src = open(file, "rb")
            except OSError as exc:
                log.warning("evidence file %s unreadable: %r", file, exc)
                skipped.append(file)
                continue
            try:
                with src:
                    digest = copy_hashed(src, tmp)
            except OSError as exc:
                raise write_error(exc, dest) from exc
            if digest != sha:
                log.warning("evidence file %s does not match its hash; not copied", file)
                skipped.append(file)
                continue
            replace(tmp, dest)
            copied += 1
        finally:
            remove_quietly(tmp)
    return EvidenceCopy(copied, present, skipped)


def backup_evidence(store: Store, target_dir: Path) -> EvidenceCopy:
    """Copy the installation's evidence files missing in ``target_dir`` (see copy_evidence)."""
    return copy_evidence(store.data_dir.evidence, Path(target_dir))


# --- automatic backups and rotation --------------------------------------------------------------

def backup_folder(data_dir: DataDir) -> Path:
    return data_dir.root / BACKUP_DIR


def backup_name(now: datetime) -> str:
    return f"fieldledger-{now:%Y%m%d-%H%M%S}.sqlite"


def time_of(name: str) -> datetime | None:
    """The (local) time an automatic backup's file name carries, or None for other names."""
    m = NAME_RE.match(name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def list_backups(folder: Path) -> list[tuple[str, datetime]]:
    """(name, time) of the automatic backups in ``folder``, oldest first."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = [(n, t) for n in names if (t := time_of(n)) is not None]
    return sorted(found, key=lambda nt: (nt[1], nt[0]))


def latest_backup(folders: Iterable[Path]) -> tuple[Path, datetime] | None:
    """The newest backup (file, local time by its name) in ``folders``, or None."""
    found = [(Path(folder) / name, when) for folder in folders
             for name, when in list_backups(Path(folder))]
    return max(found, key=lambda pw: pw[1]) if found else None


def automatic_backup(store: Store, *, now: datetime | None = None, reason: str = "exit",
                     keep_daily: int = 7, keep_weekly: int = 4) -> BackupInfo:
    """Take a backup into ``<data folder>/backups/`` named after ``now`` (local time), then
    rotate that folder. ``reason`` ("exit", "daily", "manual") goes to the log and the sidecar."""
    now = now or datetime.now()
    folder = backup_folder(store.data_dir)
    target = folder / backup_name(now)
    n = 1
    while target.exists():
        target = folder / backup_name(now).replace(".sqlite", f"-{n}.sqlite")
        n += 1
    info = backup_database(store, target)
    try:
        side = sidecar_of(target)
        data = json.loads(side.read_text(encoding="utf-8"))
        data["reason"] = reason
        side.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except (OSError, ValueError):
        pass
    log.info("automatic backup (%s): %s", reason, target)
    rotate(folder, keep_daily=keep_daily, keep_weekly=keep_weekly, now=now)
    return info


def plan_rotation(names_with_times: Iterable[tuple[str, datetime]], now: datetime, *,
                  keep_daily: int = 7, keep_weekly: int = 4) -> set[str]:
    """The names to delete: every backup except the newest of each of the last ``keep_daily``
    days (today included) and the newest of each of the ``keep_weekly`` ISO weeks before the
    current one. Backups dated after ``now`` (a clock set back) are kept."""
    today = now.date()
    days = {today - timedelta(days=i) for i in range(keep_daily)}
    monday = today - timedelta(days=today.weekday())
    weeks = {(monday - timedelta(weeks=i)).isocalendar()[:2] for i in range(1, keep_weekly + 1)}
    newest_day: dict[date, tuple[datetime, str]] = {}
    newest_week: dict[tuple[int, int], tuple[datetime, str]] = {}
    keep: set[str] = set()
    items = list(names_with_times)
    for name, when in items:
        if when > now:
            keep.add(name)
            continue
        d = when.date()
        if d in days and (d not in newest_day or (when, name) > newest_day[d]):
            newest_day[d] = (when, name)
        week = tuple(d.isocalendar()[:2])
        if week in weeks and (week not in newest_week or (when, name) > newest_week[week]):
            newest_week[week] = (when, name)  # type: ignore[index]
    keep |= {name for _w, name in newest_day.values()}
    keep |= {name for _w, name in newest_week.values()}
    return {name for name, _when in items} - keep


def rotate(folder: Path, keep_daily: int = 7, keep_weekly: int = 4,
           now: datetime | None = None) -> list[str]:
    """Delete the automatic backups of ``folder`` that :func:`plan_rotation` does not keep (with
    their sidecars); returns the names deleted. Failures are logged, never raised."""
    doomed = plan_rotation(list_backups(folder), now or datetime.now(),
                           keep_daily=keep_daily, keep_weekly=keep_weekly)
    for name in sorted(doomed):
        remove_quietly(folder / name)
        remove_quietly(sidecar_of(folder / name))
    if doomed:
        log.info("backup rotation removed %d old backups from %s", len(doomed), folder)
    return sorted(doomed)


def due_daily(store: Store, now: datetime | None = None) -> bool:
    """True when no automatic backup is younger than a day (so a daily one is due)."""
    now = now or datetime.now()
    found = list_backups(backup_folder(store.data_dir))
    return not found or now - found[-1][1] >= timedelta(days=1)


# --- checking and restoring ----------------------------------------------------------------------

def check_backup(path: Path) -> BackupInfo:
    """Check the backup file ``path`` without changing it: a SQLite file of FieldLedger, complete,
    passing ``PRAGMA integrity_check``, with an intact audit chain, and a data version this program
    can open (older ones are migrated when opened). When its sidecar records a SHA-256, the file
    must still match it. Raises ValidationError with the reason; returns the backup's info."""
    path = Path(path)
    info = _inspect(path)
    created, recorded = "", ""
    try:
        side = json.loads(sidecar_of(path).read_text(encoding="utf-8"))
        if side.get("file") == path.name:
            created, recorded = str(side.get("created", "")), str(side.get("sha256", ""))
    except (OSError, ValueError, AttributeError):
        pass
    digest = hash_file(path)[0]
    if recorded and recorded != digest:
        raise ValidationError(_CHANGED, path=str(path))
    if not created:
        created = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(
            timespec="seconds")
    return info._replace(created=created, sha256=digest)
