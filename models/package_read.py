"""Checking a submission package: the reading side of :mod:`models.package_format`.

:func:`verify_package` checks a package without trusting anything in it and returns a
:class:`VerifiedPackage`, or raises PackageInvalid (:mod:`models.safezip` does the ZIP checks):
age decryption when the file is encrypted, the bag layout, bag-info.txt, the unit's key and the
minisign signature of the tag manifest, the manifests against the payload, then one sequential
pass over the file hashing it and every payload file, optionally extracting the payload into a
fresh folder. :func:`models.package_format.write_package` reads every package it writes back
through :func:`_verify_zip` / :func:`verify_package`. The shared format pieces live in
:mod:`models.package_bag`; :mod:`models.package_format` re-exports :func:`verify_package` and
:class:`VerifiedPackage`. The format is documented in docs/package-format.md.
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
from pathlib import Path
from typing import Any, BinaryIO, Callable, Mapping, NamedTuple, Sequence

from . import minisign
from .errors import FieldLedgerError
from .files import remove_quietly
from .package_bag import (AGE_MAGIC, BAG_INFO, BAGIT, BAGIT_TXT, FORMAT_VERSION, MANIFEST,
                          SIGNATURE, TAG_FILES, TAG_MANIFEST, _CHUNK, _LABEL, Cancelled,
                          Progress, _decode_path, _open_for_read, signing_key_id,
                          trusted_comment)
from .safezip import Entry, PackageInvalid, read_entries, read_small

__all__ = ["VerifiedPackage", "PackageInvalid", "verify_package"]

_LIMITS = {BAGIT: 1024, BAG_INFO: 256 * 1024, MANIFEST: 64 * 1024 * 1024,
           TAG_MANIFEST: 4096, SIGNATURE: 16 * 1024}
_HEX64 = re.compile(r"[0-9a-f]{64}")


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
                file_hash: _BackgroundHash | None, readback: ReadBack | None = None
                ) -> tuple[dict[str, str], list[str], Path | None]:
    """Every check on a plain package ZIP; (info, payload paths, staged folder). With
    ``readback`` the payload pass is the writer's (:func:`verify_written`)."""
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
        if readback is not None:
            _check_readback(fh, size, entries, bag, wanted, readback)
            return info, list(wanted), None
        root = _stage_folder(staging) if staging is not None else None
        try:
            _hash_pass(fh, size, entries, bag, wanted, root, progress, cancelled, file_hash)
        except BaseException:
            if root is not None:
                shutil.rmtree(root, ignore_errors=True)
            raise
    return info, list(wanted), root


class ReadBack(NamedTuple):
    """What the writer read back while it wrote (models.package_format): the SHA-256 object of
    the file's bytes ``[0, end)`` and, per payload path (inside data/), the data's offset, size
    and SHA-256 as read back."""

    digest: Any
    end: int
    entries: dict[str, tuple[int, int, str]]


def _check_readback(fh: BinaryIO, size: int, entries: list[Entry], bag: str,
                    wanted: dict[str, str], readback: ReadBack) -> None:
    """The payload pass of :func:`verify_written`: every payload entry of the final file was
    read back where the structure places it, with the manifest's hash; the rest of the file
    (tag files, central directory) is read now, completing the file's SHA-256."""
    prefix = f"{bag}/data/"
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        path = entry.name[len(prefix):]
        got = readback.entries.get(path)
        if got is None or got[:2] != (entry.data_offset, entry.size):
            raise PackageInvalid("write", f"data/{path} 没有读回")
        if not hmac.compare_digest(got[2], wanted[path]):
            raise PackageInvalid("manifest", f"data/{path} 的 SHA-256 与清单不符")
    fh.seek(readback.end)
    pos = readback.end
    while chunk := fh.read(_CHUNK):
        readback.digest.update(chunk)
        pos += len(chunk)
    if pos != size:
        raise PackageInvalid("truncated", f"读回 {pos} 字节，文件应有 {size} 字节")


def verify_written(path: Path, public_key: bytes, readback: ReadBack) -> VerifiedPackage:
    """Check a plain package just written with the writer's read-back (:class:`ReadBack`):
    every check of :func:`verify_package` on the final file (structure, bag, signature with
    ``public_key``, tag manifest, manifest against the entries, Payload-Oxum), the payload hashes
    as read back during the write, the rest of the file read now; its SHA-256."""
    path = Path(path)
    info, files, _root = _verify_zip(path, lambda _info: public_key, None, None, None, None,
                                     readback)
    return VerifiedPackage(path, readback.digest.hexdigest(), info, files, None, False)


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
