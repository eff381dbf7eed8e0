"""Reading a ZIP file that nobody is trusted to have made well: a submission package off a stick.

``zipfile`` is written for friendly archives: it believes the sizes it is told, follows no rule on
names and (in Python 3.11) does not notice entries that overlap. This module parses the archive
itself and accepts only the strict subset that :mod:`models.package_format` writes:

* the file is a run of local headers, each followed by its data, then the central directory, then
  (for ZIP64) the ZIP64 end record and locator, then the end record, with no byte left over, no
  gap, no overlap and no archive comment;
* every entry is STORED (no compression, so no compression bomb), not encrypted, a regular file
  (no symlink, device or folder), with its local header agreeing field by field with its central
  directory record;
* every name is UTF-8, NFC, relative, under one top folder, without ``..``, ``.``, empty parts,
  backslashes, drive letters, control characters or names Windows reserves, and no two names are
  equal or differ only by case.

Every declared size is checked against the real position of the next structure, so no size can
point past the file; readers of an entry stop at its declared size. Any breach raises
:class:`PackageInvalid` with a short ``reason`` code and a Chinese message.
"""
from __future__ import annotations

import struct
import unicodedata
from typing import BinaryIO, Iterator, NamedTuple

from .errors import FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP

#: The only version-needed values accepted (2.0 plain, 4.5 ZIP64).
VERSIONS_NEEDED = (20, 45)
#: The general-purpose flag of an entry whose name is not ASCII (bit 11, name in UTF-8); an ASCII
#: name carries no flag at all (what ``zipfile`` writes).
FLAG_UTF8 = 0x800
#: The fixed modification time of every entry (1980-01-01 00:00:00, DOS format).
DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
#: Upper 16 bits of the external attributes: a regular file, rw-r--r--.
REGULAR_FILE_MODE = 0o100644
#: "Made by" Unix (3), spec version 2.0 or 4.5 in the low byte.
MADE_BY_UNIX = 3
MAX_ENTRIES = 1_000_000
MAX_NAME_BYTES = 1024
_CHUNK = 1024 * 1024
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_END64 = struct.Struct("<4sQHHIIQQQQ")
_LOCATOR64 = struct.Struct("<4sIQI")
_SIG_LOCAL, _SIG_CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
_SIG_END, _SIG_END64, _SIG_LOCATOR64 = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"

REASONS: dict[str, str] = {
    "truncated": QT_TRANSLATE_NOOP(
        "errors", "报送包不完整（文件被截断，可能是拷贝时 U 盘被拔出）：{detail}\n请让报送单位重新写出这个报送包。"),
    "structure": QT_TRANSLATE_NOOP(
        "errors", "报送包的 ZIP 结构不对，已拒收：{detail}\n文件可能损坏或被改动过，请让报送单位重新写出。"),
    "unsafe_path": QT_TRANSLATE_NOOP(
        "errors", "报送包中有不安全的文件名，已拒收：{detail}\n这样的文件可能写到暂存文件夹之外，程序没有解开任何文件。"),
    "duplicate": QT_TRANSLATE_NOOP(
        "errors", "报送包中有重名文件（或只差大小写），已拒收：{detail}"),
    "special_file": QT_TRANSLATE_NOOP(
        "errors", "报送包中有符号链接、文件夹或其他特殊文件，已拒收：{detail}"),
    "compressed": QT_TRANSLATE_NOOP(
        "errors", "报送包中有压缩或加密的条目，已拒收：{detail}\n报送包只存放未压缩的文件。"),
    "size": QT_TRANSLATE_NOOP(
        "errors", "报送包中的文件大小与记载不符，已拒收：{detail}"),
    "bag": QT_TRANSLATE_NOOP(
        "errors", "报送包不符合 BagIt 格式，已拒收：{detail}"),
    "version": QT_TRANSLATE_NOOP(
        "errors", "报送包的格式版本 {detail} 本程序不认识。请安装最新版本的执法台账后再校验。"),
    "manifest": QT_TRANSLATE_NOOP(
        "errors", "报送包的内容与清单不符，已拒收：{detail}\n文件在签名后被改动、缺失或被加入了东西。"),
    "extra": QT_TRANSLATE_NOOP(
        "errors", "报送包中有清单之外的文件，已拒收：{detail}"),
    "missing": QT_TRANSLATE_NOOP(
        "errors", "报送包缺少清单中登记的文件，已拒收：{detail}"),
    "signature": QT_TRANSLATE_NOOP(
        "errors", "报送包的签名校验未通过，已拒收：{detail}\n请勿采信这个报送包。"),
    "key": QT_TRANSLATE_NOOP(
        "errors", "无法确认报送包的签名密钥，已拒收：{detail}"),
    "decrypt": QT_TRANSLATE_NOOP(
        "errors", "报送包无法解密，已拒收：{detail}\n文件可能损坏、不完整，或不是发给本单位的。"),
    "write": QT_TRANSLATE_NOOP(
        "errors", "报送包写出后读回校验未通过：{detail}\nU 盘可能已损坏或被拔出。目标位置没有留下文件，请重新写出。"),
}


class PackageInvalid(FieldLedgerError):
    """A package that must not be trusted; ``reason`` is a short code (a key of REASONS)."""

    template = REASONS["structure"]

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(REASONS.get(reason, REASONS["structure"]), detail=detail)


class Entry(NamedTuple):
    """One checked entry: its name, where its data starts in the file, and its size."""

    name: str
    data_offset: int
    size: int
    crc: int


def check_name(name: str) -> None:
    """Raise PackageInvalid("unsafe_path") unless ``name`` is a safe relative POSIX file name.

    Safe: NFC, not empty, no leading ``/``, no backslash, no ``:`` (drive letters, streams), no
    control characters, no empty, ``.`` or ``..`` part, no part ending in a dot or a space, no
    part Windows reserves (``CON``, ``NUL``, ``COM1``…), at most 1024 bytes in UTF-8.
    """
    if not name or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise PackageInvalid("unsafe_path", repr(name[:80]))
    if unicodedata.normalize("NFC", name) != name:
        raise PackageInvalid("unsafe_path", f"{name!r}（不是 NFC 形式）")
    if name.startswith("/") or "\\" in name or ":" in name:
        raise PackageInvalid("unsafe_path", repr(name))
    if any(ord(c) < 0x20 or ord(c) == 0x7F or 0xD800 <= ord(c) <= 0xDFFF for c in name):
        raise PackageInvalid("unsafe_path", repr(name))
    for part in name.split("/"):
        if part in ("", ".", "..") or part[-1] in ". ":
            raise PackageInvalid("unsafe_path", repr(name))
        if part.split(".")[0].lower() in _WINDOWS_RESERVED:
            raise PackageInvalid("unsafe_path", repr(name))


def _read_at(fh: BinaryIO, offset: int, size: int) -> bytes:
    fh.seek(offset)
    data = fh.read(size)
    if len(data) != size:
        raise PackageInvalid("truncated", f"偏移 {offset} 处应有 {size} 字节")
    return data


def _zip64_extra(extra: bytes, wanted: list[str], values: dict[str, int]) -> None:
    """Fill the 0xFFFFFFFF fields named in ``wanted`` from the ZIP64 extra field; reject any other
    extra field and any ZIP64 field not needed."""
    if not extra:
        if wanted:
            raise PackageInvalid("structure", "缺少 ZIP64 扩展字段")
        return
    tag, size = struct.unpack_from("<HH", extra) if len(extra) >= 4 else (None, None)
    if tag != 1 or size != len(extra) - 4 or size < 8 * len(wanted) or size % 8:
        raise PackageInvalid("structure", "不认识的扩展字段")
    fields = struct.unpack_from(f"<{size // 8}Q", extra, 4)
    if len(fields) > 3:
        raise PackageInvalid("structure", "ZIP64 扩展字段过长")
    for key, value in zip(wanted, fields):
        values[key] = value
    if len(fields) > len(wanted):
        # zipfile writes both sizes in a local header even when only they overflow, or when
        # ZIP64 is forced; extra values must repeat what the header would say.
        names = ["size", "csize", "offset"][:len(fields)]
        for key, value in zip(names, fields):
            if key in values and values[key] != value:
                raise PackageInvalid("size", "ZIP64 扩展字段与文件头不符")
            values[key] = value


def _end_records(fh: BinaryIO, file_size: int) -> tuple[int, int, int]:
    """(entries, central directory offset, where the central directory must end)."""
    if file_size < _END.size:
        raise PackageInvalid("truncated", f"文件只有 {file_size} 字节")
    end = _read_at(fh, file_size - _END.size, _END.size)
    sig, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, comment = _END.unpack(end)
    if sig != _SIG_END:
        tail_start = max(0, file_size - 65535 - _END.size)
        tail = _read_at(fh, tail_start, file_size - tail_start)
        found = tail.rfind(_SIG_END, 0, len(tail) - _END.size + 1)
        if found >= 0:   # a whole end record, then more: a comment or appended data
            raise PackageInvalid("structure", f"目录结束记录之后还有 "
                                 f"{len(tail) - found - _END.size} 字节（注释或附加的数据）")
        raise PackageInvalid("truncated", "文件末尾没有 ZIP 目录结束记录")
    if comment or disk or cd_disk or n_disk != n_total:
        raise PackageInvalid("structure", "目录结束记录不对（分卷、注释或条目数）")
    cd_end = file_size - _END.size
    if 0xFFFF in (n_total,) or 0xFFFFFFFF in (cd_size, cd_offset):
        pos = cd_end - _LOCATOR64.size
        if pos < 0:
            raise PackageInvalid("truncated", "缺少 ZIP64 定位记录")
        sig, disk, end64_at, disks = _LOCATOR64.unpack(_read_at(fh, pos, _LOCATOR64.size))
        if sig != _SIG_LOCATOR64 or disk or disks != 1 or end64_at != pos - _END64.size:
            raise PackageInvalid("structure", "ZIP64 定位记录不对")
        (sig, rec_size, _made, need, disk, cd_disk, n_disk64, n_total64, cd_size64,
         cd_offset64) = _END64.unpack(_read_at(fh, end64_at, _END64.size))
        if (sig != _SIG_END64 or rec_size != _END64.size - 12 or need not in VERSIONS_NEEDED
                or disk or cd_disk or n_disk64 != n_total64):
            raise PackageInvalid("structure", "ZIP64 目录结束记录不对")
        for small, big in ((n_total, n_total64), (cd_size, cd_size64), (cd_offset, cd_offset64)):
            if small not in (big, 0xFFFF, 0xFFFFFFFF):
                raise PackageInvalid("structure", "ZIP64 目录结束记录与目录结束记录不符")
        n_total, cd_size, cd_offset, cd_end = n_total64, cd_size64, cd_offset64, end64_at
    if cd_offset + cd_size != cd_end:
        raise PackageInvalid("structure", "中央目录的位置或大小与文件不符")
    if n_total > MAX_ENTRIES or n_total * _CENTRAL.size > cd_size:
        raise PackageInvalid("structure", f"条目数 {n_total} 与中央目录大小不符")
    return n_total, cd_offset, cd_end


def _central(fh: BinaryIO, count: int, cd_offset: int, cd_end: int) -> Iterator[tuple]:
    """The raw central directory records, read in bounded chunks."""
    pos = cd_offset
    for _ in range(count):
        fh.seek(pos)  # the caller reads elsewhere between records
        head = fh.read(_CENTRAL.size)
        if len(head) != _CENTRAL.size:
            raise PackageInvalid("truncated", "中央目录不完整")
        fields = _CENTRAL.unpack(head)
        if fields[0] != _SIG_CENTRAL:
            raise PackageInvalid("structure", f"中央目录第 {_ + 1} 条记录签名不对")
        name_len, extra_len, comment_len = fields[10], fields[11], fields[12]
        if name_len > MAX_NAME_BYTES or extra_len > 64 or comment_len:
            raise PackageInvalid("structure", "中央目录记录的名字、扩展字段或注释长度不对")
        tail = fh.read(name_len + extra_len)
        if len(tail) != name_len + extra_len:
            raise PackageInvalid("truncated", "中央目录不完整")
        pos += _CENTRAL.size + name_len + extra_len
        if pos > cd_end:
            raise PackageInvalid("structure", "中央目录超出了它记载的大小")
        yield fields, tail[:name_len], tail[name_len:]
    if pos != cd_end:
        raise PackageInvalid("structure", "中央目录之后有多余的数据")


def read_entries(fh: BinaryIO, file_size: int) -> list[Entry]:
    """Check the whole structure of the ZIP in ``fh`` (``file_size`` bytes) and return its
    entries in file order. Reads only headers (bounded memory whatever the sizes claim)."""
    count, cd_offset, cd_end = _end_records(fh, file_size)
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    expected_offset = 0
    for fields, raw_name, extra in _central(fh, count, cd_offset, cd_end):
        (_sig, made_by, need, flags, method, mtime, mdate, crc, csize, size, _nl, _el, _cl,
         disk, internal, external, offset) = fields
        try:
            name = raw_name.decode("utf-8")
        except UnicodeDecodeError:
            raise PackageInvalid("unsafe_path", f"{raw_name[:80]!r}（不是 UTF-8）") from None
        if flags != (0 if raw_name.isascii() else FLAG_UTF8):
            raise PackageInvalid("compressed" if flags & 1 else "structure",
                                 f"{name}：标志位 {flags:#x}")
        if method != 0:
            raise PackageInvalid("compressed", f"{name}：压缩方式 {method}")
        if (made_by >> 8) != MADE_BY_UNIX or (made_by & 0xFF) not in VERSIONS_NEEDED:
            raise PackageInvalid("structure", f"{name}：建立者版本 {made_by:#x}")
        if external >> 16 != REGULAR_FILE_MODE or external & 0xFFFF or name.endswith("/"):
            raise PackageInvalid("special_file", f"{name}：属性 {external >> 16:o}")
        if need not in VERSIONS_NEEDED or disk or internal or (mtime, mdate) != (DOS_TIME, DOS_DATE):
            raise PackageInvalid("structure", f"{name}：目录记录的字段不对")
        check_name(name)
        folded = name.casefold()
        if folded in seen:
            raise PackageInvalid("duplicate", f"{seen[folded]} / {name}")
        seen[folded] = name
        values = {"size": size, "csize": csize, "offset": offset}
        wanted = [k for k in ("size", "csize", "offset") if values[k] == 0xFFFFFFFF]
        _zip64_extra(extra, wanted, values)
        size, csize, offset = values["size"], values["csize"], values["offset"]
        if csize != size:
            raise PackageInvalid("size", f"{name}：记载的大小 {size} 与存储大小 {csize} 不同")
        if offset != expected_offset:
            raise PackageInvalid("structure", f"{name}：条目位置 {offset} 与前一条目的结尾 "
                                 f"{expected_offset} 不接续（重叠或有空隙）")
        local = _read_at(fh, offset, _LOCAL.size) if offset + _LOCAL.size <= cd_offset else b""
        if len(local) != _LOCAL.size:
            raise PackageInvalid("size", f"{name}：本地文件头超出了数据区")
        (lsig, lneed, lflags, lmethod, ltime, ldate, lcrc, lcsize, lsize, lname_len,
         lextra_len) = _LOCAL.unpack(local)
        if lneed != need and (lneed, lextra_len) != (45, 20):
            raise PackageInvalid("structure", f"{name}：本地文件头的版本与中央目录不符")
        if (lsig, lflags, lmethod, ltime, ldate, lcrc) != (
                _SIG_LOCAL, flags, method, mtime, mdate, crc):
            raise PackageInvalid("structure", f"{name}：本地文件头与中央目录不符")
        if lname_len != len(raw_name) or lextra_len > 64:
            raise PackageInvalid("structure", f"{name}：本地文件头的名字长度不对")
        data_offset = offset + _LOCAL.size + lname_len + lextra_len
        if data_offset > cd_offset:
            raise PackageInvalid("size", f"{name}：本地文件头超出了数据区")
        tail = _read_at(fh, offset + _LOCAL.size, lname_len + lextra_len)
        if tail[:lname_len] != raw_name:
            raise PackageInvalid("structure", f"{name}：本地文件头中的名字与中央目录不同")
        lvalues = {"size": lsize, "csize": lcsize}
        _zip64_extra(tail[lname_len:], [k for k in ("size", "csize")
                                        if lvalues[k] == 0xFFFFFFFF], lvalues)
        if (lvalues["size"], lvalues["csize"]) != (size, csize):
            raise PackageInvalid("size", f"{name}：本地文件头记载 {lvalues['size']} 字节，"
                                 f"中央目录记载 {size} 字节")
        if data_offset + size > cd_offset:
            raise PackageInvalid("size", f"{name}：记载的大小 {size} 超出了文件")
        expected_offset = data_offset + size
        entries.append(Entry(name, data_offset, size, crc))
    if expected_offset != cd_offset:
        raise PackageInvalid("structure", "最后一个条目与中央目录之间有多余的数据")
    return entries


def read_small(fh: BinaryIO, entry: Entry, limit: int) -> bytes:
    """The whole data of ``entry`` when at most ``limit`` bytes (a tag file)."""
    if entry.size > limit:
        raise PackageInvalid("size", f"{entry.name} 有 {entry.size} 字节，超过上限 {limit}")
    return _read_at(fh, entry.data_offset, entry.size)


def iter_data(fh: BinaryIO, entry: Entry, chunk: int = _CHUNK) -> Iterator[bytes]:
    """The data of ``entry`` in chunks of at most ``chunk`` bytes, never more than its size."""
    fh.seek(entry.data_offset)
    left = entry.size
    while left:
        data = fh.read(min(chunk, left))
        if not data:
            raise PackageInvalid("truncated", f"{entry.name} 不完整")
        left -= len(data)
        yield data
