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
"""
from __future__ import annotations

import hashlib
import hmac
import os
import queue
import re
import shutil
import tempfile
import threading
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Mapping, NamedTuple, Sequence

from . import minisign
from .errors import FieldLedgerError, ValidationError
from .files import (FileWriteFailed, fsync_folder, remove_quietly, replace, temp_path,
                    write_error)
from .i18n import QT_TRANSLATE_NOOP
from .safezip import (DOS_DATE, MADE_BY_UNIX, REGULAR_FILE_MODE, Entry, PackageInvalid,
                      check_name, read_entries, read_small)

__all__ = ["FORMAT_VERSION", "PackageFile", "WrittenPackage", "VerifiedPackage",
           "PackageInvalid", "write_package", "verify_package", "signing_key_id",
           "trusted_comment"]

FORMAT_VERSION = "1"
BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
BAG_INFO = "bag-info.txt"
BAGIT = "bagit.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "tagmanifest-sha256.txt.minisig"
TAG_FILES = (BAGIT, BAG_INFO, MANIFEST)
AGE_MAGIC = b"age-encryption.org/v1\n"
#: Fields write_package adds to bag-info.txt itself (the caller must not give them).
WRITER_FIELDS = ("Bagging-Date", "Payload-Oxum", "Bag-Size", "FieldLedger-Format-Version",
                 "FieldLedger-Signing-Key")
UNTRUSTED_COMMENT = "FieldLedger submission package: signature of tagmanifest-sha256.txt"
_LIMITS = {BAGIT: 1024, BAG_INFO: 256 * 1024, MANIFEST: 64 * 1024 * 1024,
           TAG_MANIFEST: 4096, SIGNATURE: 16 * 1024}
_CHUNK = 1024 * 1024
_ZIP64_FROM = 1 << 31
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_HEX64 = re.compile(r"[0-9a-f]{64}")

#: ``progress(done, total)``: bytes processed so far out of about ``total``.
Progress = Callable[[int, int], None]
#: True when the user asked to stop.
Cancelled = Callable[[], bool]

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


class VerifiedPackage(NamedTuple):
    """A package that passed every check. ``info`` is bag-info.txt parsed; ``files`` the payload
    paths inside ``data/`` in manifest order (as :attr:`PackageFile.path`); ``staged`` the fresh
    folder the payload was extracted into (``staged / path``), or None when not asked."""

    path: Path
    sha256: str
    info: dict[str, str]
    files: list[str]
    staged: Path | None
    encrypted: bool


# --- small pieces shared by writer and reader ----------------------------------------------------

def signing_key_id(public_key: bytes) -> str:
    """The ``FieldLedger-Signing-Key`` of a raw public key: the key id FieldLedger stores (32 hex
    digits of SHA-256, as :func:`models.keys.key_id_of`)."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def trusted_comment(info: Mapping[str, str], bag: str) -> str:
    """The minisign trusted comment of a package: format, bag name, unit, sequence, previous."""
    return (f"fieldledger-package:{FORMAT_VERSION}\tbag:{bag}"
            f"\tunit:{info.get('FieldLedger-Unit-Code', '')}"
            f"\tseq:{info.get('FieldLedger-Sequence', '')}"
            f"\tprevious:{info.get('FieldLedger-Previous-Package', '')}")


def _encode_path(path: str) -> str:
    """RFC 8493 §2.1.3: ``%``, CR and LF in a manifest path are percent-encoded."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _decode_path(text: str) -> str:
    return re.sub(r"%(25|0D|0A)", lambda m: {"25": "%", "0D": "\r", "0A": "\n"}[m.group(1)],
                  text, flags=re.IGNORECASE)


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


def _open_for_read(path: Path) -> BinaryIO:
    return open(path, "rb")


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


class _Writer:
    """Writes the ZIP of one bag to an open file, hashing every payload file as it streams."""

    def __init__(self, fh: BinaryIO, bag: str, progress: Progress | None,
                 cancelled: Cancelled | None, total: int) -> None:
        self.zip = zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, allowZip64=True)
        self.bag, self.progress, self.cancelled, self.total = bag, progress, cancelled, total
        self.done = 0

    def _check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            from .forms import ExportCancelled
            raise ExportCancelled()

    def add(self, name: str, source: Path | bytes, size: int) -> str:
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
                        digest.update(chunk)
                        out.write(chunk)
                        written += len(chunk)
                        self.done += len(chunk)
                        if self.progress is not None:
                            self.progress(self.done, self.total)
                        self._check_cancel()
        if written != size:
            raise ValidationError(_SOURCE_CHANGED, path=str(source))
        return digest.hexdigest()

    def close(self) -> None:
        self.zip.close()


def _write_zip(fh: BinaryIO, sources: list[_Source], info: Mapping[str, str], bag: str,
               public_key: bytes, sign: Callable[[bytes], bytes], progress: Progress | None,
               cancelled: Cancelled | None, total: int) -> None:
    writer = _Writer(fh, bag, progress, cancelled, total)
    try:
        _write_entries(writer, sources, info, bag, public_key, sign)
    except BaseException:
        writer.zip.fp = None   # the file is abandoned: no central directory written on close
        raise


def _write_entries(writer: _Writer, sources: list[_Source], info: Mapping[str, str], bag: str,
                   public_key: bytes, sign: Callable[[bytes], bytes]) -> None:
    manifest = []
    for src in sources:
        digest = writer.add(f"data/{src.name}", src.source, src.size)
        manifest.append(_manifest_line(digest, f"data/{src.name}"))
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
    total = payload * (3 if age_recipients else 2)
    tmp = temp_path(target)
    plain: Path | None = None
    try:
        if age_recipients:
            fd, name = tempfile.mkstemp(prefix="fieldledger-package-", suffix=".zip")
            os.close(fd)
            plain = Path(name)
            with open(plain, "wb") as fh:
                _write_zip(fh, sources, info, bag, public_key, sign, progress, cancelled, total)
            _verify_zip(plain, lambda _info: public_key, None, None, None, None)
            sha, size = _encrypt(plain, tmp, age_recipients, progress, cancelled, payload, total)
        else:
            with _open_for_write(tmp) as fh:
                _write_zip(fh, sources, info, bag, public_key, sign, progress, cancelled, total)
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
            done = payload

            def step(d: int, t: int) -> None:
                if progress is not None:
                    progress(min(done + d, total), total)
            checked = verify_package(target, key_for=lambda _info: public_key, progress=step)
            sha, size = checked.sha256, target.stat().st_size
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


# --- reading -------------------------------------------------------------------------------------

class _BackgroundHash:
    """SHA-256 computed in a second thread (hashlib releases the GIL), fed in order."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            self.digest.update(item)

    def update(self, data: bytes) -> None:
        self.queue.put(data)

    def hexdigest(self) -> str:
        self.queue.put(None)
        self.thread.join()
        return self.digest.hexdigest()

    def abandon(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()


def _parse_info(data: bytes) -> dict[str, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageInvalid("bag", "bag-info.txt 不是 UTF-8") from None
    info: dict[str, str] = {}
    last = None
    if text and not text.endswith("\n"):
        raise PackageInvalid("bag", "bag-info.txt 的最后一行没有换行")
    for line in text.split("\n")[:-1]:
        if line[:1] in (" ", "\t") and last is not None:
            info[last] += " " + line.strip()
            continue
        label, sep, value = line.partition(": ")
        if not sep or not _LABEL.fullmatch(label):
            raise PackageInvalid("bag", f"bag-info.txt 的一行不是“标签: 值”：{line[:60]!r}")
        if label in info:
            raise PackageInvalid("bag", f"bag-info.txt 中“{label}”出现了不止一次")
        info[label] = value.strip()
        last = label
    return info


def _parse_manifest(data: bytes, what: str) -> list[tuple[str, str]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageInvalid("manifest", f"{what} 不是 UTF-8") from None
    if text and not text.endswith("\n"):
        raise PackageInvalid("manifest", f"{what} 的最后一行没有换行")
    out: list[tuple[str, str]] = []
    for line in text.split("\n")[:-1]:
        digest, sep, path = line.partition("  ")
        if not sep or not _HEX64.fullmatch(digest):
            raise PackageInvalid("manifest", f"{what} 中的一行格式不对：{line[:80]!r}")
        out.append((digest, _decode_path(path)))
    return out


def _check_signature(data: bytes, tag_manifest: bytes, key: bytes, expected: str) -> None:
    """The minisign signature of the tag manifest; its first line (untrusted) may hold anything."""
    lines = data.split(b"\n")
    if len(lines) != 5 or lines[4] != b"" or any(
            b"\r" in line or b" " in line for line in (lines[1], lines[3])):
        raise PackageInvalid("signature", "签名文件格式不对")
    try:
        text = f"{minisign.UNTRUSTED_PREFIX}\n" + b"\n".join(lines[1:]).decode("utf-8")
        public = minisign.public_key_from_raw(key)
        verified = minisign.verify(public, tag_manifest, text)
    except UnicodeDecodeError:
        raise PackageInvalid("signature", "签名文件不是 UTF-8") from None
    except ValueError:
        raise PackageInvalid("key", "签名公钥不是 32 字节的 Ed25519 公钥") from None
    except minisign.SignatureInvalid as exc:
        raise PackageInvalid("signature", str(exc)) from None
    if verified.trusted_comment != expected:
        raise PackageInvalid("signature", "签名中的可信说明与报送包信息不符")


def _key(key_for: Callable[[Mapping[str, str]], bytes], info: dict[str, str]) -> bytes:
    try:
        key = key_for(dict(info))
    except PackageInvalid:
        raise
    except (FieldLedgerError, LookupError, ValueError) as exc:
        raise PackageInvalid("key", str(exc)) from exc
    if not isinstance(key, (bytes, bytearray)) or len(key) != 32:
        raise PackageInvalid("key", "没有可用于校验的单位公钥")
    key = bytes(key)
    if info.get("FieldLedger-Signing-Key") != signing_key_id(key):
        raise PackageInvalid("key", f"报送包登记的签名密钥 {info.get('FieldLedger-Signing-Key')}"
                             f" 不是该单位当前的公钥 {signing_key_id(key)}")
    return key


def _layout(entries: list[Entry]) -> tuple[str, dict[str, Entry], dict[str, Entry]]:
    """(bag name, tag entries by file name, payload entries by path inside data/)."""
    if not entries:
        raise PackageInvalid("bag", "报送包是空的")
    bag = entries[0].name.split("/", 1)[0]
    tags: dict[str, Entry] = {}
    payload: dict[str, Entry] = {}
    for entry in entries:
        top, _sep, rest = entry.name.partition("/")
        if top != bag or not rest:
            raise PackageInvalid("extra", f"{entry.name}（不在顶层文件夹 {bag}/ 中）")
        if rest.startswith("data/"):
            payload[rest[5:]] = entry
        elif rest in _LIMITS:
            tags[rest] = entry
        else:
            raise PackageInvalid("extra", entry.name)
    for name in _LIMITS:
        if name not in tags:
            raise PackageInvalid("missing", f"{bag}/{name}")
    return bag, tags, payload


def _stage_folder(staging: Path) -> Path:
    staging = Path(staging)
    staging.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="package-", dir=staging)).resolve()


def _open_staged(root: Path, path: str) -> BinaryIO:
    dest = root.joinpath(*path.split("/"))
    if not dest.resolve().is_relative_to(root) or dest.resolve() != dest:
        raise PackageInvalid("unsafe_path", path)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.parent.resolve() != dest.parent:
            raise PackageInvalid("unsafe_path", path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | \
            getattr(os, "O_BINARY", 0)
        return os.fdopen(os.open(dest, flags, 0o600), "wb")
    except (FileExistsError, NotADirectoryError):
        raise PackageInvalid("duplicate", path) from None


def _verify_zip(zip_path: Path, key_for: Callable[[Mapping[str, str]], bytes],
                staging: Path | None, progress: Progress | None, cancelled: Cancelled | None,
                file_hash: _BackgroundHash | None
                ) -> tuple[dict[str, str], list[str], Path | None]:
    """Every check on a plain package ZIP; (info, payload paths, staged folder)."""
    with _open_for_read(zip_path) as fh:
        size = os.fstat(fh.fileno()).st_size
        entries = read_entries(fh, size)
        bag, tags, payload = _layout(entries)
        raw = {name: read_small(fh, tags[name], limit) for name, limit in _LIMITS.items()}
        if raw[BAGIT].replace(b"\r\n", b"\n") != BAGIT_TXT:
            raise PackageInvalid("bag", "bagit.txt 不是 BagIt 1.0 / UTF-8")
        info = _parse_info(raw[BAG_INFO])
        version = info.get("FieldLedger-Format-Version", "")
        if version != FORMAT_VERSION:
            raise PackageInvalid("version", version or "（缺少）")
        key = _key(key_for, info)
        _check_signature(raw[SIGNATURE], raw[TAG_MANIFEST], key, trusted_comment(info, bag))
        tag_lines = _parse_manifest(raw[TAG_MANIFEST], TAG_MANIFEST)
        if sorted(p for _d, p in tag_lines) != sorted(TAG_FILES):
            raise PackageInvalid("manifest", f"{TAG_MANIFEST} 应当恰好列出 {', '.join(TAG_FILES)}")
        for digest, name in tag_lines:
            if not hmac.compare_digest(hashlib.sha256(raw[name]).hexdigest(), digest):
                raise PackageInvalid("manifest", f"{name} 的 SHA-256 与标签清单不符")
        wanted: dict[str, str] = {}
        for digest, path in _parse_manifest(raw[MANIFEST], MANIFEST):
            if not path.startswith("data/"):
                raise PackageInvalid("manifest", f"{path} 不在 data/ 中")
            if path[5:] in wanted:
                raise PackageInvalid("duplicate", path)
            wanted[path[5:]] = digest
        for path in payload:
            if path not in wanted:
                raise PackageInvalid("extra", f"{bag}/data/{path}")
        for path in wanted:
            if path not in payload:
                raise PackageInvalid("missing", f"{bag}/data/{path}")
        oxum = f"{sum(e.size for e in payload.values())}.{len(payload)}"
        if info.get("Payload-Oxum") != oxum:
            raise PackageInvalid("manifest", f"Payload-Oxum {info.get('Payload-Oxum')} 与实际的"
                                 f" {oxum} 不符")
        root = _stage_folder(staging) if staging is not None else None
        try:
            _hash_pass(fh, size, entries, bag, wanted, root, progress, cancelled, file_hash)
        except BaseException:
            if root is not None:
                shutil.rmtree(root, ignore_errors=True)
            raise
    return info, list(wanted), root


def _hash_pass(fh: BinaryIO, size: int, entries: list[Entry], bag: str, wanted: dict[str, str],
               root: Path | None, progress: Progress | None, cancelled: Cancelled | None,
               file_hash: _BackgroundHash | None) -> None:
    """One sequential read of the whole file: the file hash, every payload hash, staging."""
    prefix = f"{bag}/data/"
    fh.seek(0)
    pos = 0

    def read_to(end: int, sink: Callable[[bytes], None] | None) -> None:
        nonlocal pos
        while pos < end:
            chunk = fh.read(min(_CHUNK, end - pos))
            if not chunk:
                raise PackageInvalid("truncated", f"偏移 {pos} 之后读不到数据")
            pos += len(chunk)
            if file_hash is not None:
                file_hash.update(chunk)
            if sink is not None:
                sink(chunk)
            if progress is not None:
                progress(pos, size)
            if cancelled is not None and cancelled():
                from .errors import Cancelled as CancelledError
                raise CancelledError()

    for entry in entries:
        read_to(entry.data_offset, None)
        if not entry.name.startswith(prefix):
            read_to(entry.data_offset + entry.size, None)
            continue
        path = entry.name[len(prefix):]
        digest = hashlib.sha256()
        out = _open_staged(root, path) if root is not None else None
        try:
            def sink(chunk: bytes) -> None:
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
            read_to(entry.data_offset + entry.size, sink)
        finally:
            if out is not None:
                out.close()
        if not hmac.compare_digest(digest.hexdigest(), wanted[path]):
            raise PackageInvalid("manifest", f"data/{path} 的 SHA-256 与清单不符")
    read_to(size, None)
    if fh.read(1):
        raise PackageInvalid("structure", "文件在校验过程中变长了")


class _HashingReader:
    """A file-like source that hashes everything read through it."""

    def __init__(self, fh: BinaryIO, progress: Progress | None, total: int) -> None:
        self.fh, self.progress, self.total = fh, progress, total
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.digest.update(data)
        self.size += len(data)
        if self.progress is not None:
            self.progress(min(self.size, self.total), self.total)
        return data

    def readinto(self, buf: Any) -> int:
        data = self.read(len(buf))
        buf[:len(data)] = data
        return len(data)


def _identities(identities: Sequence[str]) -> list[Any]:
    from pyrage import x25519
    out = []
    for text in identities:
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("AGE-SECRET-KEY-"):
                try:
                    out.append(x25519.Identity.from_str(line))
                except Exception:
                    raise PackageInvalid("decrypt", "解密密钥格式不对") from None
    if not out:
        raise PackageInvalid("decrypt", "报送包已加密，但没有给出解密密钥（AGE-SECRET-KEY-…）")
    return out


def verify_package(path: Path, *, key_for: Callable[[Mapping[str, str]], bytes],
                   identities: Sequence[str] = (), staging: Path | None = None,
                   progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> VerifiedPackage:
    """Check the package at ``path`` and return what it holds; raise PackageInvalid otherwise.

    In order: decryption when the file is age-encrypted (``identities``: age identity texts, the
    ``AGE-SECRET-KEY-…`` lines of a key file; the plain ZIP goes to a temporary file under
    ``staging``, or the system's temporary folder, and is removed afterwards), the ZIP structure
    (:func:`models.safezip.read_entries`), the bag layout (nothing outside the tag files and
    ``data/``), bagit.txt, bag-info.txt, ``key_for(info)`` (gets the parsed, not yet trusted
    bag-info and returns the 32 raw bytes of the key the signature must verify with; raising
    refuses the package), ``FieldLedger-Signing-Key`` equals that key's id, the minisign
    signature of the tag manifest and its trusted comment, the tag manifest's hashes, the
    manifest against the payload entries (nothing extra, nothing missing), Payload-Oxum, then
    one sequential pass over the file: the package's SHA-256 and every payload file's hash.

    With ``staging`` the payload is extracted during that pass into a fresh folder under it
    (returned as ``staged``), removed again when any check fails; nothing is ever written
    outside it. ``progress(done, total)`` counts bytes; ``cancelled()`` true stops with
    models.errors.Cancelled. Raises OSError only when the file itself cannot be read.
    """
    path = Path(path)
    with _open_for_read(path) as fh:
        encrypted = fh.read(len(AGE_MAGIC)) == AGE_MAGIC
        size = os.fstat(fh.fileno()).st_size
    if not encrypted:
        file_hash = _BackgroundHash()
        try:
            info, files, staged = _verify_zip(path, key_for, staging, progress, cancelled,
                                              file_hash)
        finally:
            file_hash.abandon()
        return VerifiedPackage(path, file_hash.digest.hexdigest(), info, files, staged, False)
    ids = _identities(identities)
    if staging is not None:
        Path(staging).mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="fieldledger-package-", suffix=".zip",
                                dir=str(staging) if staging is not None else None)
    os.close(fd)
    plain = Path(name)
    try:
        import pyrage
        with _open_for_read(path) as src, open(plain, "wb") as dst:
            reader = _HashingReader(src, None, size)
            try:
                pyrage.decrypt_io(reader, dst, ids)
            except Exception as exc:  # pyrage: DecryptError, or OSError for a bad stream
                raise PackageInvalid("decrypt", str(exc) or type(exc).__name__) from None
            if reader.read(1) or reader.size != size:
                raise PackageInvalid("decrypt", "加密数据之后还有多余的字节")
        info, files, staged = _verify_zip(plain, key_for, staging, progress, cancelled, None)
    finally:
        remove_quietly(plain)
    return VerifiedPackage(path, reader.digest.hexdigest(), info, files, staged, True)
