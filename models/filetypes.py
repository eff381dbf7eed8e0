"""What a file is: the types accepted as evidence (印证资料), recognised by extension *and* by the
file's first bytes, and the refusals with their Chinese messages.

:func:`check_type` judges a file by its name (a program, a video, an archive or an unknown type is
refused before the file is even opened); :func:`check_content` by its first
:data:`SNIFF_BYTES` bytes (a program renamed ``.jpg`` is refused, and told apart from a merely
damaged file); :func:`check_archive` looks inside a ZIP-based document (``.docx``, ``.xlsx``,
``.ofd``) for the parts that type must have, so a renamed ``.zip`` or ``.jar`` is refused too.
Every refusal is an :class:`EvidenceRefused`. No Qt, nothing written: :mod:`models.evidence` does
the storing.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

#: How much of the start of a file the type check looks at.
SNIFF_BYTES = 4096


class EvidenceRefused(ValidationError):
    """A file that cannot be evidence: its type, its content or its size; nothing was written."""


class FileType(NamedTuple):
    media_type: str
    #: Names of the content checks (keys of ``_SNIFFERS``), any one of which must pass.
    signatures: tuple[str, ...]


_OLE = "ole2"   # Microsoft compound file: .doc .xls, and WPS Office's own .wps .et
_ZIP = "zip"

#: Accepted extensions (lower case, without the dot).
TYPES: dict[str, FileType] = {
    "jpg": FileType("image/jpeg", ("jpeg",)),
    "jpeg": FileType("image/jpeg", ("jpeg",)),
    "png": FileType("image/png", ("png",)),
    "heic": FileType("image/heic", ("heif",)),
    "heif": FileType("image/heif", ("heif",)),
    "gif": FileType("image/gif", ("gif",)),
    "bmp": FileType("image/bmp", ("bmp",)),
    "tif": FileType("image/tiff", ("tiff",)),
    "tiff": FileType("image/tiff", ("tiff",)),
    "webp": FileType("image/webp", ("webp",)),
    "pdf": FileType("application/pdf", ("pdf",)),
    "ofd": FileType("application/ofd", ("ofd",)),
    "doc": FileType("application/msword", (_OLE, "rtf")),
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     ("docx",)),
    "xls": FileType("application/vnd.ms-excel", (_OLE,)),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     ("xlsx",)),
    "wps": FileType("application/wps-office.wps", (_OLE, "rtf")),
    "et": FileType("application/wps-office.et", (_OLE,)),
    "txt": FileType("text/plain", ("text",)),
}

#: Programs and scripts: refused with their own message.
EXECUTABLE_EXTENSIONS = frozenset({
    "exe", "com", "scr", "pif", "cpl", "dll", "sys", "drv", "ocx", "msi", "msp", "msc", "bat",
    "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "lnk", "reg", "inf",
    "jar", "apk", "app", "dmg", "pkg", "deb", "rpm", "sh", "run", "bin", "elf", "py", "pyw",
    "appx", "msix", "gadget", "chm"})
VIDEO_EXTENSIONS = frozenset({
    "mp4", "mov", "avi", "wmv", "mkv", "flv", "3gp", "m4v", "mpg", "mpeg", "ts", "webm", "rm",
    "rmvb", "vob"})
ARCHIVE_EXTENSIONS = frozenset({"zip", "rar", "7z", "tar", "gz", "tgz", "bz2", "xz", "cab", "iso"})

ALLOWED_TEXT = ("照片（jpg、jpeg、png、heic、heif、gif、bmp、tif、tiff、webp），"
                "扫描件和文档（pdf、ofd、doc、docx、xls、xlsx、wps、et、txt）")

_UNKNOWN_TYPE = QT_TRANSLATE_NOOP(
    "errors", "“{name}”的文件类型（.{ext}）不能作为印证资料。\n可以添加的类型：{allowed}。"
    "请另存为其中一种格式后再添加。")
_NO_EXTENSION = QT_TRANSLATE_NOOP(
    "errors", "“{name}”没有扩展名，无法判断文件类型，不能作为印证资料。\n可以添加的类型：{allowed}。"
    "请确认文件类型并加上正确的扩展名后再添加。")
_EXECUTABLE = QT_TRANSLATE_NOOP(
    "errors", "“{name}”是可执行程序或脚本，不能作为印证资料。请添加照片、扫描件或文档。")
_VIDEO = QT_TRANSLATE_NOOP(
    "errors", "“{name}”是视频，不能作为印证资料（视频太大，不便保存和报送）。"
    "请从视频中截取能说明问题的画面，保存为照片后再添加。")
_ARCHIVE = QT_TRANSLATE_NOOP(
    "errors", "“{name}”是压缩包，不能作为印证资料。请解压后逐个添加其中的照片或文档。")
_DISGUISED_PROGRAM = QT_TRANSLATE_NOOP(
    "errors", "“{name}”的扩展名是 .{ext}，但内容是可执行程序，不能作为印证资料。"
    "该文件可能被改过扩展名，请勿打开，并检查它的来源。")
_MISMATCH = QT_TRANSLATE_NOOP(
    "errors", "“{name}”的内容与扩展名 .{ext} 不符：文件可能已损坏，或被改过扩展名。"
    "请用原来的程序打开它，另存为正确的格式后再添加。")


# --- the checks ----------------------------------------------------------------------------------

def extension(name: str) -> str:
    """Lower-case extension without the dot ('' when there is none)."""
    suffix = Path(name).suffix
    return suffix[1:].lower() if len(suffix) > 1 else ""


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                b"msf1"}
_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",
                  b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


def _is_heif(head: bytes) -> bool:
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    box = int.from_bytes(head[:4], "big")
    end = min(max(box, 16), len(head))
    brands = {head[8:12], *(head[i:i + 4] for i in range(16, end - 3, 4))}
    return bool(brands & _HEIF_BRANDS)


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte order mark
        return True
    if b"\x00" in head:
        return False
    import codecs
    for encoding in ("utf-8-sig", "gb18030"):
        try:  # incremental: a character cut at the end of the sample is not an error
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


_SNIFFERS = {
    "jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "gif": lambda h: h.startswith((b"GIF87a", b"GIF89a")),
    "bmp": lambda h: len(h) >= 18 and h.startswith(b"BM")
    and int.from_bytes(h[14:18], "little") in (12, 16, 40, 52, 56, 64, 108, 124),
    "tiff": lambda h: h.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")),
    "webp": lambda h: len(h) >= 12 and h.startswith(b"RIFF") and h[8:12] == b"WEBP",
    "heif": _is_heif,
    "pdf": lambda h: b"%PDF-" in h[:1024],
    _OLE: lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "rtf": lambda h: h.startswith(b"{\\rtf"),
    "docx": lambda h: h.startswith(b"PK\x03\x04"),
    "xlsx": lambda h: h.startswith(b"PK\x03\x04"),
    "ofd": lambda h: h.startswith(b"PK\x03\x04"),
    "text": _is_text,
}

#: ZIP-based types: the parts that must be in the archive (checked on the copy, after copying).
_ZIP_PARTS = {
    "docx": lambda names: "[Content_Types].xml" in names
    and any(n.startswith("word/") for n in names),
    "xlsx": lambda names: "[Content_Types].xml" in names
    and any(n.startswith("xl/") for n in names),
    "ofd": lambda names: any(n.lower() == "ofd.xml" for n in names),
}


def check_type(name: str) -> tuple[str, FileType]:
    """The extension and its type; :class:`EvidenceRefused` for a name that cannot be evidence."""
    ext = extension(name)
    if not ext:
        raise EvidenceRefused(_NO_EXTENSION, name=name, allowed=ALLOWED_TEXT)
    if ext in EXECUTABLE_EXTENSIONS:
        raise EvidenceRefused(_EXECUTABLE, name=name)
    if ext in VIDEO_EXTENSIONS:
        raise EvidenceRefused(_VIDEO, name=name)
    if ext in ARCHIVE_EXTENSIONS:
        raise EvidenceRefused(_ARCHIVE, name=name)
    if ext not in TYPES:
        raise EvidenceRefused(_UNKNOWN_TYPE, name=name, ext=ext, allowed=ALLOWED_TEXT)
    return ext, TYPES[ext]


def check_content(name: str, ext: str, ftype: FileType, head: bytes) -> None:
    """That ``head`` (the first bytes of the file) is of ``ftype``; a program in disguise and a
    mismatch are refused with different messages."""
    if any(_SNIFFERS[s](head) for s in ftype.signatures):
        return
    if head.startswith(_PROGRAM_MAGIC):
        raise EvidenceRefused(_DISGUISED_PROGRAM, name=name, ext=ext)
    raise EvidenceRefused(_MISMATCH, name=name, ext=ext)


def check_archive(name: str, ext: str, ftype: FileType, copy: Path, head: bytes) -> None:
    """For ZIP-based types, that the archive is one of that type (not a renamed .zip or .jar)."""
    wanted = [s for s in ftype.signatures if s in _ZIP_PARTS and _SNIFFERS[s](head)]
    if not wanted:
        return
    import zipfile
    try:
        with zipfile.ZipFile(copy) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise EvidenceRefused(_MISMATCH, name=name, ext=ext) from None
    if not any(_ZIP_PARTS[s](names) for s in wanted):
        raise EvidenceRefused(_MISMATCH, name=name, ext=ext)
