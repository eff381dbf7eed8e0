"""models.filetypes: what a file is, by its name and by its first bytes, on its own (the storing
is tested through models.evidence in test_evidence.py)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from core_helpers import is_chinese
from models import evidence, filetypes
from models.errors import ValidationError
from models.filetypes import EvidenceRefused, check_archive, check_content, check_type
from test_evidence import JPEG, PDF, png_bytes


def test_evidence_keeps_the_names_it_had() -> None:
    for name in ("EvidenceRefused", "FileType", "TYPES", "EXECUTABLE_EXTENSIONS",
                 "VIDEO_EXTENSIONS", "ARCHIVE_EXTENSIONS", "SNIFF_BYTES"):
        assert getattr(evidence, name) is getattr(filetypes, name), name
    assert issubclass(EvidenceRefused, ValidationError)


@pytest.mark.parametrize(("name", "ext", "media"), [
    ("现场照片.JPG", "jpg", "image/jpeg"), ("扫描件.Pdf", "pdf", "application/pdf"),
    ("台账.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("说明.wps", "wps", "application/wps-office.wps"), ("记录.txt", "txt", "text/plain")])
def test_accepted_names(name: str, ext: str, media: str) -> None:
    found_ext, ftype = check_type(name)
    assert (found_ext, ftype.media_type) == (ext, media)


@pytest.mark.parametrize(("name", "words"), [
    ("安装.exe", "可执行程序"), ("执法记录.mp4", "视频"), ("资料.rar", "压缩包"),
    ("照片", "没有扩展名"), ("模型.dwg", "文件类型（.dwg）")])
def test_refused_names(name: str, words: str) -> None:
    with pytest.raises(EvidenceRefused) as info:
        check_type(name)
    message = str(info.value)
    assert is_chinese(message) and name in message and words in message


def test_content_by_first_bytes() -> None:
    for name, head in (("a.jpg", JPEG), ("a.png", png_bytes()), ("a.pdf", PDF),
                       ("a.txt", "整改完毕".encode("gb18030"))):
        ext, ftype = check_type(name)
        check_content(name, ext, ftype, head[:filetypes.SNIFF_BYTES])
    ext, ftype = check_type("照片.jpg")
    with pytest.raises(EvidenceRefused) as info:
        check_content("照片.jpg", ext, ftype, b"MZ\x90\x00" + bytes(60))
    assert "可执行程序" in str(info.value)
    with pytest.raises(EvidenceRefused) as info:
        check_content("照片.jpg", ext, ftype, PDF)
    assert "不符" in str(info.value)


def test_a_renamed_zip_is_not_a_document(tmp_path: Path) -> None:
    def archive(**parts: str) -> Path:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for part, text in parts.items():
                z.writestr(part.replace("__", "/"), text)
        path = tmp_path / f"{len(parts)}.docx"
        path.write_bytes(buf.getvalue())
        return path

    ext, ftype = check_type("报告.docx")
    good = archive(**{"[Content_Types].xml": "<Types/>", "word__document.xml": "<w/>"})
    check_archive("报告.docx", ext, ftype, good, good.read_bytes()[:4096])
    renamed = archive(**{"photo.jpg": "x"})
    with pytest.raises(EvidenceRefused):
        check_archive("报告.docx", ext, ftype, renamed, renamed.read_bytes()[:4096])
