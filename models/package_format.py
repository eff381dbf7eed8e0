"""Submission packages: the container a unit carries to the office on a USB stick.

A package is a BagIt 1.0 bag (RFC 8493) in a ZIP file whose entries are all STORED, under one top
folder named after the bag (``<unit code>-<sequence>/``)::

    <bag>/data/...                        the payload (records, forms, evidence files)
    <bag>/manifest-sha256.txt             "<sha256>  data/<path>" for every payload file
    <bag>/bag-info.txt                    "Label: value" lines (unit, sequence, chain, key...)
    <bag>/bagit.txt                       "BagIt-Version: 1.0" / "Tag-File-Character-Encoding: UTF-8"
    <bag>/tagmanifest-sha256.txt          sha256 of the three tag files above
    <bag>/tagmanifest-sha256.txt.minisig  minisign signature of the tag manifest by the unit seal

When the office has published age recipients, the whole ZIP is encrypted to them with age (the
signature is inside the encryption). The format is documented in docs/package-format.md.

:func:`write_package` streams every file once (never holding a photo in memory), writes to a
temporary name beside the target, flushes it to disk, renames it, reads it back and verifies it;
:func:`verify_package` checks a package without trusting anything in it (see
:mod:`models.safezip` for the ZIP checks) and can extract the payload into a fresh folder.

This module holds the writing side. The reading side (:func:`verify_package`,
:class:`VerifiedPackage`) lives in :mod:`models.package_read` and the pieces both share (tag file
names, :data:`AGE_MAGIC`, :func:`signing_key_id`, :func:`trusted_comment`, the ``Progress`` and
``Cancelled`` types) in :mod:`models.package_bag`; all of them are still importable from here.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Mapping, NamedTuple, Sequence

from . import minisign
from .errors import ValidationError
from .files import (FileWriteFailed, fsync_folder, remove_quietly, replace, temp_path,
                    write_error)
from .i18n import QT_TRANSLATE_NOOP
from .package_bag import (AGE_MAGIC, BAG_INFO, BAGIT, BAGIT_TXT, FORMAT_VERSION, MANIFEST,
                          SIGNATURE, TAG_FILES, TAG_MANIFEST, _CHUNK, _LABEL, Cancelled,
                          Progress, _encode_path, _open_for_read, signing_key_id,
                          trusted_comment)
from .package_read import VerifiedPackage, verify_package, verify_written
from .safezip import DOS_DATE, MADE_BY_UNIX, REGULAR_FILE_MODE, PackageInvalid, check_name

__all__ = ["FORMAT_VERSION", "PackageFile", "WrittenPackage", "VerifiedPackage",
           "PackageInvalid", "write_package", "verify_package", "signing_key_id",
           "trusted_comment"]

#: Fields write_package adds to bag-info.txt itself (the caller must not give them).
WRITER_FIELDS = ("Bagging-Date", "Payload-Oxum", "Bag-Size", "FieldLedger-Format-Version",
                 "FieldLedger-Signing-Key")
UNTRUSTED_COMMENT = "FieldLedger submission package: signature of tagmanifest-sha256.txt"
_ZIP64_FROM = 1 << 31

_BAD_INFO = QT_TRANSLATE_NOOP("errors", "报送包信息“{label}”不能使用：{reason}")
_BAD_RECIPIENT = QT_TRANSLATE_NOOP(
    "errors", "上级单位的加密公钥“{recipient}”格式不对（应以 age1 开头）。请重新导入上级单位发布的公钥。")
_BAD_FILE = QT_TRANSLATE_NOOP("errors", "报送包中的文件名“{path}”不能使用：{reason}")
_SOURCE_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "文件“{path}”在写出报送包的过程中被改动或删除了，请重新写出。")


class PackageFile(NamedTuple):
    """One payload file: ``path`` inside ``data/`` (POSIX, e.g. ``records/problems.jsonl``) and
    its content, a file streamed from disk or the bytes themselves."""

    path: str
    source: Path | bytes


class WrittenPackage(NamedTuple):
    """A package written and verified on its medium: the file, its SHA-256 (the next package's
    ``FieldLedger-Previous-Package``), its size, whether it is encrypted, the number of payload
    files and their total size."""

    path: Path
    sha256: str
    size: int
    encrypted: bool
    files: int
    payload_bytes: int


def _manifest_line(digest: str, path: str) -> str:
    return f"{digest}  {_encode_path(path)}\n"


def _bag_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def _check_value(label: str, value: str) -> None:
    if not _LABEL.fullmatch(label):
        raise ValidationError(_BAD_INFO, label=label, reason="标签只能由字母、数字、点、横线组成")
    if not isinstance(value, str) or value != value.strip() or not value:
        raise ValidationError(_BAD_INFO, label=label, reason="值为空或首尾有空白")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise ValidationError(_BAD_INFO, label=label, reason="值中有换行或控制字符")


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, (DOS_DATE >> 5) & 0xF, DOS_DATE & 0x1F, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = MADE_BY_UNIX
    info.external_attr = REGULAR_FILE_MODE << 16
    return info


def _open_for_write(path: Path) -> BinaryIO:
    """A new file at ``path`` (never an existing one)."""
    return open(path, "xb")


# --- writing -------------------------------------------------------------------------------------

class _Source(NamedTuple):
    name: str          # inside data/
    source: Path | bytes
    size: int


def _sources(files: Iterable[PackageFile], bag: str) -> list[_Source]:
    out: list[_Source] = []
    seen: set[str] = set()
    for item in files:
        try:
            check_name(item.path)
            check_name(f"{bag}/data/{item.path}")
        except PackageInvalid as exc:
            raise ValidationError(_BAD_FILE, path=item.path, reason=str(exc)) from None
        if item.path.casefold() in seen:
            raise ValidationError(_BAD_FILE, path=item.path, reason="重名（或只差大小写）")
        seen.add(item.path.casefold())
        if isinstance(item.source, (bytes, bytearray, memoryview)):
            out.append(_Source(item.path, bytes(item.source), len(item.source)))
        else:
            try:
                size = Path(item.source).stat().st_size
            except OSError as exc:
                raise FileWriteFailed(path=str(item.source), reason=exc.strerror or str(exc))
            out.append(_Source(item.path, Path(item.source), size))
    return out


def _bag_info_text(info: Mapping[str, str], payload: int, count: int, key_id: str) -> str:
    created = info.get("FieldLedger-Created", "")
    day = created[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", created[:10]) else \
        datetime.now(timezone.utc).strftime("%Y-%m-%d")
    fields: list[tuple[str, str]] = []
    if "Source-Organization" in info:
        fields.append(("Source-Organization", info["Source-Organization"]))
    fields += [("Bagging-Date", day), ("Payload-Oxum", f"{payload}.{count}"),
               ("Bag-Size", _bag_size(payload))]
    fields += [(k, v) for k, v in info.items() if k != "Source-Organization"]
    fields += [("FieldLedger-Format-Version", FORMAT_VERSION), ("FieldLedger-Signing-Key", key_id)]
    return "".join(f"{label}: {value}\n" for label, value in fields)


class _Hasher:
    """SHA-256 of the payload files computed in one second thread while the first computes the
    ZIP's CRC-32 and writes (hashlib and zlib both release the GIL on large buffers): chunks are
    queued with the digest they belong to, at most ``_QUEUED`` chunks at a time, so memory stays
    bounded. :meth:`drain` waits until every queued chunk is hashed."""

    _QUEUED = 8

    def __init__(self) -> None:
        import queue
        import threading
        self.queue: Any = queue.Queue(maxsize=self._QUEUED)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            try:
                if item is None:
                    return
                item[0].update(item[1])
            finally:
                self.queue.task_done()

    def update(self, digest: Any, chunk: bytes) -> None:
        self.queue.put((digest, chunk))

    def drain(self) -> None:
        self.queue.join()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()


class _ReadBack:
    """Reads the file being written back, in a third thread, as soon as each payload entry is
    complete on disk: the SHA-256 of every byte from the start up to the last entry handed over,
    and the SHA-256 of each entry's data (:class:`models.package_read.ReadBack`). The final check
    (``package_read.verify_written``) compares those with the manifest and hashes the rest."""

    def __init__(self, path: Path) -> None:
        import queue
        import threading
        self.path = path
        self.queue: Any = queue.Queue()
        self.digest = hashlib.sha256()
        self.pos = 0
        self.entries: dict[str, tuple[int, int, str]] = {}
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            # unbuffered: a buffered reader would keep bytes read ahead of an entry's header
            # before the writer patched it
            with open(self.path, "rb", buffering=0) as fh:
                while (item := self.queue.get()) is not None:
                    name, start, end = item
                    self._read(fh, start, None)
                    entry = hashlib.sha256()
                    self._read(fh, end, entry)
                    self.entries[name] = (start, end - start, entry.hexdigest())
        except BaseException as exc:   # handed to the writer by finish()
            self.error = exc
            while self.queue.get() is not None:
                pass

    def _read(self, fh: BinaryIO, end: int, entry: Any) -> None:
        while self.pos < end:
            chunk = fh.read(min(_CHUNK, end - self.pos))
            if not chunk:
                raise PackageInvalid("write", f"读回时偏移 {self.pos} 之后读不到数据")
            self.pos += len(chunk)
            self.digest.update(chunk)
            if entry is not None:
                entry.update(chunk)

    def entry_done(self, name: str, data_start: int, end: int) -> None:
        self.queue.put((name, data_start, end))

    def finish(self) -> Any:
        """Wait for the thread; the results (raises what the thread met)."""
        from .package_read import ReadBack
        self.stop()
        if self.error is not None:
            raise self.error
        return ReadBack(self.digest, self.pos, dict(self.entries))

    def stop(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()


class _Writer:
    """Writes the ZIP of one bag to an open file, hashing every payload file as it streams."""

    def __init__(self, fh: BinaryIO, bag: str, progress: Progress | None,
                 cancelled: Cancelled | None, total: int,
                 readback: _ReadBack | None = None) -> None:
        self.fh = fh
        self.zip = zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, allowZip64=True)
        self.bag, self.progress, self.cancelled, self.total = bag, progress, cancelled, total
        self.done = 0
        self.hasher = _Hasher()
        self.readback = readback

    def _check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            from .forms import ExportCancelled
            raise ExportCancelled()

    def add(self, name: str, source: Path | bytes, size: int) -> Any:
        """Write one entry; its SHA-256 object, complete once :meth:`drain` returns (a file's
        chunks are hashed in the second thread)."""
        digest = hashlib.sha256()
        self._check_cancel()
        written = 0
        with self.zip.open(_zipinfo(f"{self.bag}/{name}"), "w",
                           force_zip64=size >= _ZIP64_FROM) as out:
            if isinstance(source, bytes):
                digest.update(source)
                out.write(source)
                written = len(source)
            else:
                try:
                    src = open(source, "rb")
                except OSError as exc:
                    raise FileWriteFailed(path=str(source), reason=exc.strerror or str(exc))
                with src:
                    while written <= size:
                        chunk = src.read(_CHUNK)
                        if not chunk:
                            break
                        self.hasher.update(digest, chunk)
                        out.write(chunk)
                        written += len(chunk)
                        self.done += len(chunk)
                        if self.progress is not None:
                            self.progress(self.done, self.total)
                        self._check_cancel()
        if written != size:
            raise ValidationError(_SOURCE_CHANGED, path=str(source))
        if self.readback is not None and name.startswith("data/"):
            self.fh.flush()          # the entry's bytes, header included, are now in the file
            end = self.zip.start_dir
            self.readback.entry_done(name[len("data/"):], end - size, end)
        return digest

    def drain(self) -> None:
        self.hasher.drain()

    def close(self) -> None:
        self.hasher.stop()
        self.zip.close()

    def abandon(self) -> None:
        self.hasher.stop()
        if self.readback is not None:
            self.readback.stop()
        self.zip.fp = None   # the file is abandoned: no central directory written on close


def _write_zip(fh: BinaryIO, sources: list[_Source], info: Mapping[str, str], bag: str,
               public_key: bytes, sign: Callable[[bytes], bytes], progress: Progress | None,
               cancelled: Cancelled | None, total: int, readback: Path | None = None) -> Any:
    """Write the ZIP to ``fh``; with ``readback`` (the path ``fh`` writes to) the payload is read
    back while it is written, and the :class:`models.package_read.ReadBack` is returned."""
    reader = _ReadBack(readback) if readback is not None else None
    writer = _Writer(fh, bag, progress, cancelled, total, reader)
    try:
        _write_entries(writer, sources, info, bag, public_key, sign)
    except BaseException:
        writer.abandon()
        raise
    return reader.finish() if reader is not None else None


def _write_entries(writer: _Writer, sources: list[_Source], info: Mapping[str, str], bag: str,
                   public_key: bytes, sign: Callable[[bytes], bytes]) -> None:
    digests = [writer.add(f"data/{src.name}", src.source, src.size) for src in sources]
    writer.drain()
    manifest = [_manifest_line(d.hexdigest(), f"data/{src.name}")
                for d, src in zip(digests, sources)]
    payload = sum(s.size for s in sources)
    tags = {MANIFEST: "".join(manifest).encode("utf-8"),
            BAG_INFO: _bag_info_text(info, payload, len(sources),
                                     signing_key_id(public_key)).encode("utf-8"),
            BAGIT: BAGIT_TXT}
    for name in (MANIFEST, BAG_INFO, BAGIT):
        writer.add(name, tags[name], len(tags[name]))
    tag_manifest = "".join(_manifest_line(hashlib.sha256(tags[name]).hexdigest(), name)
                           for name in TAG_FILES).encode("utf-8")
    writer.add(TAG_MANIFEST, tag_manifest, len(tag_manifest))
    signature = minisign.sign_prehashed_with(
        sign, public_key, minisign.prehash(tag_manifest),
        trusted_comment=trusted_comment(info, bag),
        untrusted_comment=UNTRUSTED_COMMENT).encode("utf-8")
    writer.add(SIGNATURE, signature, len(signature))
    writer.close()


class _HashingWriter:
    """A file-like sink that hashes what goes through it and honours cancellation."""

    def __init__(self, fh: BinaryIO, cancelled: Cancelled | None, progress: Progress | None,
                 done: int, total: int) -> None:
        self.fh, self.cancelled, self.progress = fh, cancelled, progress
        self.digest = hashlib.sha256()
        self.size, self.done, self.total, self.stopped = 0, done, total, False
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        if self.cancelled is not None and self.cancelled():
            self.stopped = True
            raise OSError("cancelled")
        data = bytes(data)
        self.digest.update(data)
        try:
            self.fh.write(data)
        except OSError as exc:
            self.error = exc   # pyrage does not always pass a writer's error on
            raise
        self.size += len(data)
        if self.progress is not None:
            self.progress(min(self.done + self.size, self.total), self.total)
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


def _recipients(recipients: Sequence[str]) -> list[Any]:
    from pyrage import x25519
    parsed = []
    for text in recipients:
        try:
            parsed.append(x25519.Recipient.from_str(text.strip()))
        except Exception:  # pyrage raises its own RecipientError / ValueError
            raise ValidationError(_BAD_RECIPIENT, recipient=text[:80]) from None
    return parsed


def write_package(target: Path, files: Iterable[PackageFile], info: Mapping[str, str], *,
                  public_key: bytes, sign: Callable[[bytes], bytes],
                  recipients: Sequence[str] = (), progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> WrittenPackage:
    """Write the package of ``files`` to ``target`` and verify what landed there.

    ``info`` holds the bag-info fields the station sets (``Source-Organization`` and the
    ``FieldLedger-*`` fields; ``FieldLedger-Unit-Code`` and ``FieldLedger-Sequence`` are
    required); the writer adds :data:`WRITER_FIELDS`. ``sign`` makes a raw Ed25519 signature
    with the key whose 32 raw bytes are ``public_key`` (what ``models.keys.unlock`` yields).
    With ``recipients`` (age ``age1…`` keys) the package is encrypted to all of them; the
    plain ZIP is then built in the system's temporary folder, never on the target's medium.

    The file is written under a temporary name in ``target``'s folder, flushed to disk, renamed,
    then read back: a plain package is verified with ``public_key``; an encrypted one, whose
    content was verified before encryption, must read back byte for byte as encrypted (its
    SHA-256 and size). Any failure leaves no file under ``target``'s name and raises
    FileWriteFailed / DiskFull (the medium), ExportCancelled (``cancelled()`` became true),
    PackageInvalid (reason ``write``: what was read back is not what was written) or
    ValidationError (bad ``info``, file names or recipients).
    """
    target = Path(target)
    info = dict(info)
    for label in WRITER_FIELDS:
        if label in info:
            raise ValidationError(_BAD_INFO, label=label, reason="由写出程序自动填写")
    for label in ("FieldLedger-Unit-Code", "FieldLedger-Sequence"):
        if label not in info:
            raise ValidationError(_BAD_INFO, label=label, reason="缺少")
    for label, value in info.items():
        _check_value(label, value)
    bag = f"{info['FieldLedger-Unit-Code']}-{info['FieldLedger-Sequence']}"
    try:
        check_name(bag)
    except PackageInvalid as exc:
        raise ValidationError(_BAD_INFO, label="FieldLedger-Unit-Code", reason=str(exc)) from None
    sources = _sources(files, bag)
    payload = sum(s.size for s in sources)
    age_recipients = _recipients(recipients) if recipients else []
    total = payload * (2 if age_recipients else 1)
    tmp = temp_path(target)
    plain: Path | None = None
    try:
        if age_recipients:
            fd, name = tempfile.mkstemp(prefix="fieldledger-package-", suffix=".zip")
            os.close(fd)
            plain = Path(name)
            with open(plain, "wb") as fh:
                back = _write_zip(fh, sources, info, bag, public_key, sign, progress, cancelled,
                                  total, readback=plain)
            verify_written(plain, public_key, back)
            sha, size = _encrypt(plain, tmp, age_recipients, progress, cancelled, payload, total)
        else:
            with _open_for_write(tmp) as fh:
                back = _write_zip(fh, sources, info, bag, public_key, sign, progress, cancelled,
                                  total, readback=tmp)
                fh.flush()
                os.fsync(fh.fileno())
        replace(tmp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        remove_quietly(tmp)
        raise write_error(exc, target) from exc
    except BaseException:
        remove_quietly(tmp)
        raise
    finally:
        if plain is not None:
            remove_quietly(plain)
    try:
        if age_recipients:
            _check_readback(target, sha, size)
        else:
            checked = verify_written(target, public_key, back)
            sha, size = checked.sha256, target.stat().st_size
            if progress is not None:
                progress(total, total)
    except (OSError, PackageInvalid) as exc:
        remove_quietly(target)
        raise PackageInvalid("write", str(exc)) from exc
    except BaseException:
        remove_quietly(target)
        raise
    return WrittenPackage(target, sha, size, bool(age_recipients), len(sources), payload)


def _encrypt(plain: Path, tmp: Path, recipients: list[Any], progress: Progress | None,
             cancelled: Cancelled | None, done: int, total: int) -> tuple[str, int]:
    """Encrypt ``plain`` into the new file ``tmp`` with age, streaming; (sha256, size)."""
    import pyrage
    with open(plain, "rb") as src, _open_for_write(tmp) as dst:
        sink = _HashingWriter(dst, cancelled, progress, done, total)
        try:
            pyrage.encrypt_io(src, sink, recipients)
        except OSError:
            if sink.stopped:
                from .forms import ExportCancelled
                raise ExportCancelled() from None
            raise
        if sink.stopped:
            from .forms import ExportCancelled
            raise ExportCancelled()
        if sink.error is not None:
            raise sink.error
        dst.flush()
        os.fsync(dst.fileno())
    return sink.digest.hexdigest(), sink.size


def _check_readback(path: Path, sha: str, size: int) -> None:
    digest = hashlib.sha256()
    read = 0
    with _open_for_read(path) as fh:
        head = fh.read(len(AGE_MAGIC))
        if head != AGE_MAGIC:
            raise PackageInvalid("write", "读回的文件不是 age 加密格式")
        digest.update(head)
        read = len(head)
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
            read += len(chunk)
    if read != size or not hmac.compare_digest(digest.hexdigest(), sha):
        raise PackageInvalid("write", f"读回 {read} 字节，与写入的 {size} 字节不一致")

