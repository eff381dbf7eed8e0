"""Evidence (印证资料): photos, scans, PDFs and office documents attached to a problem or to one
of its progress notes.

Files are kept in the data folder, not in the database: ``evidence/<first 2 hex>/<sha256><ext>``
(the lower-case extension of the original name, or none), once per content; the files of
self-check answers (:mod:`models.selfcheck_evidence`) share the store. The ``evidence`` row
holds the hash, size, media type, original name and modification time and who added it; like any
row it is written through :meth:`Store.write`, so it is audited.

:func:`attach` refuses what must not be evidence before it writes anything: a type outside
:data:`TYPES` (by extension *and* by the file's first bytes, so a program renamed ``.jpg`` is
refused: :mod:`models.filetypes`), an empty file, a file over :data:`MAX_FILE_SIZE`. It copies
the file into a temporary file in the evidence folder while hashing it (1 MiB chunks, fsync), then
renames it into place; content already stored is not stored twice. If the row cannot be written, a
file this call put in place that no row refers to is removed again: nothing is lost and nothing is
left behind.

:func:`verify_file` re-hashes a stored file, so a changed or damaged file is found. Thumbnails
are the GUI's business (``QImageReader`` with a scaled size), not this module's.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .errors import DataFolderError, DiskFull, NotFound
from .files import fsync_folder, hash_file, remove_quietly
from .filetypes import (SNIFF_BYTES, EvidenceRefused, FileType, check_archive, check_content,
                        check_type, extension)
# The type check's public names, importable from here as before it had its own module.
from .filetypes import ARCHIVE_EXTENSIONS as ARCHIVE_EXTENSIONS
from .filetypes import EXECUTABLE_EXTENSIONS as EXECUTABLE_EXTENSIONS
from .filetypes import TYPES as TYPES
from .filetypes import VIDEO_EXTENSIONS as VIDEO_EXTENSIONS
from .i18n import QT_TRANSLATE_NOOP
from .logs import log
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Store

#: The largest file accepted, in bytes.
MAX_FILE_SIZE = 30 * 1024 * 1024
CHUNK = 1024 * 1024
#: Prefix of the temporary files in the evidence folder while a file is copied in.
TEMP_PREFIX = ".incoming-"
#: The tables whose rows refer to stored files (``sha256``): a file goes when none does.
REFERRING_TABLES = ("evidence", "selfcheck_evidence", "letter_answer_files", "brief_photos")

_TOO_LARGE = QT_TRANSLATE_NOOP(
    "errors", "“{name}”有 {size}，超过了单个印证资料 {limit} 的上限，未添加。\n"
    "请压缩照片（或降低分辨率）、把扫描件分成几份，或将文档另存为 PDF 后分别添加。")
_EMPTY = QT_TRANSLATE_NOOP(
    "errors", "“{name}”是空文件（0 字节），不能作为印证资料。请检查文件是否已完整复制。")
_UNREADABLE = QT_TRANSLATE_NOOP(
    "errors", "无法读取文件“{path}”：{reason}\n请检查文件是否存在、U 盘或移动硬盘是否插好，"
    "以及是否有权限读取该文件。")
_NOT_A_FILE = QT_TRANSLATE_NOOP(
    "errors", "“{path}”不是文件（可能是文件夹），不能作为印证资料。请选择具体的照片或文档。")
_NOTE_OF_OTHER_PROBLEM = QT_TRANSLATE_NOOP(
    "errors", "进展记录（编号 {note}）不属于这个问题（编号 {problem}），不能把资料附在它上面。"
    "请在该问题自己的进展记录下添加。")

_CHECK_MESSAGES = {
    "ok": QT_TRANSLATE_NOOP("evidence", "印证资料“{name}”完好。"),
    "missing": QT_TRANSLATE_NOOP(
        "evidence", "印证资料“{name}”的文件不见了：{path}\n请从备份恢复数据文件夹中的 evidence 文件夹。"),
    "changed": QT_TRANSLATE_NOOP(
        "evidence", "印证资料“{name}”的文件已被改动或损坏（内容与登记时的校验值不符）：{path}\n"
        "请从备份恢复该文件，或重新添加原件。"),
    "unreadable": QT_TRANSLATE_NOOP(
        "evidence", "无法读取印证资料“{name}”的文件：{path}\n原因：{reason}"),
}


class FileCheck(NamedTuple):
    """What :func:`verify_file` found: ``status`` is 'ok', 'missing', 'changed' or 'unreadable'."""

    evidence_id: int
    status: str
    path: Path
    expected_sha256: str
    actual_sha256: str
    expected_size: int
    actual_size: int
    original_name: str
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def message(self, translate: Callable[[str], str] | None = None) -> str:
        """The finding in Chinese, or translated by ``translate`` (template -> template)."""
        text = _CHECK_MESSAGES[self.status]
        if translate is not None:
            text = translate(text)
        return text.format(name=self.original_name, path=self.path, reason=self.reason)


# --- where files are -----------------------------------------------------------------------------

def _store(store_or_session: Store | Session) -> Store:
    return store_or_session.store if isinstance(store_or_session, Session) else store_or_session


def _stored_name(sha256: str, ext: str) -> str:
    return f"{sha256}.{ext}" if ext else sha256


def _shard(root: Path, sha256: str) -> Path:
    return root / sha256[:2]


def _is_sha256(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _files_of(root: Path, sha256: str) -> list[Path]:
    """The stored files of one content (normally one; more only if stored under two extensions
    by an older version or by hand)."""
    if not _is_sha256(sha256):
        return []
    shard = _shard(root, sha256)
    try:
        names = sorted(os.listdir(shard))
    except OSError:
        return []
    return [shard / n for n in names if n == sha256 or n.startswith(sha256 + ".")]


def path_of(store_or_session: Store | Session, evidence_row: dict[str, Any]) -> Path:
    """Where the file of an ``evidence`` row is kept.

    ``<sha256><ext of its original name>``; content first stored under another extension is
    found under that name (each content is stored once). A missing file gives the expected path.
    """
    root = _store(store_or_session).data_dir.evidence
    sha = str(evidence_row["sha256"])
    if not _is_sha256(sha):  # a row changed behind the app's back: never a path outside root
        return root / "invalid-hash"
    expected = _shard(root, sha) / _stored_name(sha, extension(str(evidence_row["original_name"])))
    if expected.exists():
        return expected
    others = _files_of(root, sha)
    return others[0] if others else expected





def verify_file(store_or_session: Store | Session, evidence_row: dict[str, Any]) -> FileCheck:
    """Re-hash the stored file of ``evidence_row`` and say whether it is still what was added."""
    path = path_of(store_or_session, evidence_row)
    sha, size = str(evidence_row["sha256"]), int(evidence_row["size"])
    base = dict(evidence_id=int(evidence_row["id"]), path=path, expected_sha256=sha,
                expected_size=size, original_name=str(evidence_row["original_name"]))
    try:
        actual_sha, actual_size = hash_file(path)
    except FileNotFoundError:
        return FileCheck(status="missing", actual_sha256="", actual_size=0, **base)
    except OSError as exc:
        return FileCheck(status="unreadable", actual_sha256="", actual_size=0,
                         reason=exc.strerror or str(exc), **base)
    status = "ok" if (actual_sha, actual_size) == (sha, size) else "changed"
    if status != "ok":
        log.warning("evidence %s: %s holds %s (%d bytes), expected %s (%d bytes)",
                    base["evidence_id"], path, actual_sha, actual_size, sha, size)
    return FileCheck(status=status, actual_sha256=actual_sha, actual_size=actual_size, **base)


def format_size(size: int) -> str:
    """A size as people read it: '512 B', '3.4 KB', '31.5 MB'."""
    if size < 1024:
        return f"{size} B"
    for unit, scale in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
        if size < scale * 1024 or unit == "GB":
            text = f"{size / scale:.1f}".removesuffix(".0")
            return f"{text} {unit}"
    raise AssertionError("unreachable")


def _too_large(name: str, size: int) -> EvidenceRefused:
    return EvidenceRefused(_TOO_LARGE, name=name, size=format_size(size),
                           limit=format_size(MAX_FILE_SIZE))


# --- copying in ----------------------------------------------------------------------------------




def _folder_error(exc: OSError, folder: Path) -> Exception:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(path=str(folder))
    return DataFolderError(path=str(folder), reason=exc.strerror or str(exc))


@contextmanager
def _folder_errors(folder: Path) -> Iterator[None]:
    """Report a failure to write into ``folder`` as DiskFull or DataFolderError."""
    try:
        yield
    except OSError as exc:
        raise _folder_error(exc, folder) from exc


class _Copied(NamedTuple):
    sha256: str
    size: int
    path: Path
    new: bool  # this call put the file in place: no file of this content was stored before


def _read(src: Any, source: Path, size: int) -> bytes:
    try:
        return src.read(size)
    except OSError as exc:
        raise EvidenceRefused(_UNREADABLE, path=str(source), reason=exc.strerror or str(exc)) \
            from exc


def _copy_in(source: Path, name: str, ext: str, ftype: FileType, root: Path) -> _Copied:
    """Check ``source``'s content, copy it into the store under its hash; see the module doc."""
    try:
        src = open(source, "rb")
    except OSError as exc:
        raise EvidenceRefused(_UNREADABLE, path=str(source), reason=exc.strerror or str(exc)) \
            from exc
    with src:
        head = _read(src, source, SNIFF_BYTES)
        if not head:
            raise EvidenceRefused(_EMPTY, name=name)
        check_content(name, ext, ftype, head)  # before anything is written

        import tempfile
        with _folder_errors(root):
            root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=root, prefix=TEMP_PREFIX, suffix=".part")
        tmp = Path(tmp_name)
        try:
            digest = hashlib.sha256()
            size = 0
            with _folder_errors(root), open(fd, "wb") as out:
                chunk = head
                while chunk:
                    size += len(chunk)
                    if size > MAX_FILE_SIZE:  # it grew after it was measured
                        raise _too_large(name, size)
                    digest.update(chunk)
                    out.write(chunk)
                    chunk = _read(src, source, CHUNK)
                out.flush()
                os.fsync(out.fileno())
            check_archive(name, ext, ftype, tmp, head)
            return _place(tmp, digest.hexdigest(), size, ext, root)
        except BaseException:
            remove_quietly(tmp)
            raise


def _place(tmp: Path, sha: str, size: int, ext: str, root: Path) -> _Copied:
    """Rename the checked copy into place, or drop it when the content is already stored."""
    for existing in _files_of(root, sha):
        try:
            intact = hash_file(existing) == (sha, size)
        except OSError:
            intact = False
        if intact:
            remove_quietly(tmp)
            return _Copied(sha, size, existing, new=False)
        # A stored copy that no longer matches its hash is replaced by the good one in hand.
        log.warning("evidence file %s does not match its hash; replaced by a fresh copy", existing)
        with _folder_errors(root):
            os.replace(tmp, existing)
        fsync_folder(existing.parent)
        return _Copied(sha, size, existing, new=False)  # rows already refer to it: keep it
    final = _shard(root, sha) / _stored_name(sha, ext)
    with _folder_errors(root):
        final.parent.mkdir(exist_ok=True)
        os.replace(tmp, final)
    fsync_folder(final.parent)
    return _Copied(sha, size, final, new=True)


def _referenced(store: Store, sha256: str) -> bool:
    """Whether a row of :data:`REFERRING_TABLES` refers to the stored content ``sha256``."""
    return any(store.conn.execute(f"SELECT 1 FROM {table} WHERE sha256 = ? LIMIT 1",
                                  (sha256,)).fetchone() is not None
               for table in REFERRING_TABLES)


def remove_unreferenced(store: Store, sha256: str) -> list[Path]:
    """Remove the stored files of ``sha256`` once no row refers to it (a row was deleted)."""
    return _remove_unreferenced(store, sha256)


def _remove_unreferenced(store: Store, sha256: str, *, when_unsure: bool = False) -> list[Path]:
    """Remove the stored files of ``sha256`` unless a row still refers to it; return them.

    When the database cannot be asked, the files are removed only if ``when_unsure`` (the file
    was put there a moment ago by a write that failed): otherwise losing evidence is worse than
    leaving a file behind.
    """
    try:
        referenced = _referenced(store, sha256)
    except Exception as exc:  # noqa: BLE001 - any failure to ask means "cannot tell"
        log.warning("could not check references to evidence %s: %r", sha256, exc)
        referenced = not when_unsure
    if referenced:
        return []
    removed = _files_of(store.data_dir.evidence, sha256)
    for path in removed:
        remove_quietly(path)
    if removed:
        fsync_folder(removed[0].parent)
        try:
            removed[0].parent.rmdir()  # only when empty
        except OSError:
            pass
    return removed


# --- operations ----------------------------------------------------------------------------------

def _problem_exists(session: Session, problem_id: int) -> None:
    if not session.store.query("SELECT 1 FROM problems WHERE id = ?", (problem_id,)):
        raise NotFound(what="问题", key=problem_id)


def _mtime_iso(mtime: float) -> str:
    from datetime import datetime, timezone
    return datetime.fromtimestamp(mtime, timezone.utc).isoformat(timespec="seconds")


class TakenIn(NamedTuple):
    """A file checked and copied into the evidence store by :func:`take_in`, not yet in a row."""

    copied: _Copied
    name: str             # the original file name
    ftype: FileType
    original_mtime: str   # ISO 8601, UTC


def take_in(store: Store, source_path: str | os.PathLike[str]) -> TakenIn:
    """Check the file at ``source_path`` and copy it into the evidence store (see the module doc).

    Refuses, before anything is written, a file of the wrong type or content, an empty one or
    one over :data:`MAX_FILE_SIZE`, each with a Chinese message that names the file. The caller
    then writes the row that refers to it, and calls :func:`forget` if that fails.
    """
    source = Path(source_path)
    name = source.name
    ext, ftype = check_type(name)
    try:
        st = source.stat()
    except OSError as exc:
        raise EvidenceRefused(_UNREADABLE, path=str(source), reason=exc.strerror or str(exc)) \
            from exc
    if not stat.S_ISREG(st.st_mode):
        raise EvidenceRefused(_NOT_A_FILE, path=str(source))
    if st.st_size == 0:
        raise EvidenceRefused(_EMPTY, name=name)
    if st.st_size > MAX_FILE_SIZE:
        raise _too_large(name, st.st_size)
    copied = _copy_in(source, name, ext, ftype, store.data_dir.evidence)
    return TakenIn(copied, name, ftype, _mtime_iso(st.st_mtime))


def forget(store: Store, taken: TakenIn) -> None:
    """Undo :func:`take_in` when its row could not be written: a file it put in place that no
    row refers to is removed again."""
    if taken.copied.new:
        _remove_unreferenced(store, taken.copied.sha256, when_unsure=True)


@operation("problem.progress")
def attach(session: Session, problem_id: int, source_path: str | os.PathLike[str],
           note_id: int | None = None) -> Changes:
    """Add the file at ``source_path`` as evidence of a problem (or of one of its progress notes).

    Refuses, before anything is written, a file of the wrong type or content, an empty one or
    one over :data:`MAX_FILE_SIZE`, each with a Chinese message that names the file.
    """
    _problem_exists(session, problem_id)
    if note_id is not None:
        rows = session.store.query("SELECT problem_id FROM progress_notes WHERE id = ?",
                                   (note_id,))
        if not rows:
            raise NotFound(what="进展记录", key=note_id)
        if int(rows[0]["problem_id"]) != int(problem_id):
            raise EvidenceRefused(_NOTE_OF_OTHER_PROBLEM, note=note_id, problem=problem_id)

    store = session.store
    taken = take_in(store, source_path)
    copied, name, ftype = taken.copied, taken.name, taken.ftype
    try:
        stamp = now_text()
        with store.write(session.actor) as w:
            w.insert("evidence", {
                "problem_id": problem_id, "note_id": note_id, "sha256": copied.sha256,
                "size": copied.size, "media_type": ftype.media_type, "original_name": name,
                "original_mtime": taken.original_mtime, "account_id": session.account_id,
                "added_at": stamp})
            w.update("problems", problem_id, {"updated_at": stamp})
    except BaseException:
        forget(store, taken)
        raise
    return w.changes


@operation("problem.read")
def list_evidence(session: Session, problem_id: int) -> list[dict[str, Any]]:
    """A problem's evidence, oldest first: the rows plus ``username`` (who added it) and ``path``
    (the stored file, for opening and thumbnails)."""
    _problem_exists(session, problem_id)
    rows = session.store.query(
        "SELECT e.*, a.username FROM evidence e LEFT JOIN accounts a ON a.id = e.account_id"
        " WHERE e.problem_id = ? ORDER BY e.id", (problem_id,))
    for row in rows:
        row["path"] = path_of(session.store, row)
    return rows


@operation("problem.edit")
def detach(session: Session, evidence_id: int) -> Changes:
    """Remove one piece of evidence (audited); its file goes too unless other rows share it."""
    store = session.store
    rows = store.query("SELECT * FROM evidence WHERE id = ?", (evidence_id,))
    if not rows:
        raise NotFound(what="印证资料", key=evidence_id)
    row = rows[0]
    with store.write(session.actor) as w:
        w.delete("evidence", evidence_id)
        w.update("problems", row["problem_id"], {"updated_at": now_text()})
    _remove_unreferenced(store, row["sha256"])
    return w.changes
