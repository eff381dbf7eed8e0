"""Evidence (印证资料): stored once by content hash in the data folder, type and size checked with
Chinese messages, original name and time kept, no file lost or left behind when a write fails,
tampering found by re-hashing. Real files in temp folders, real SQLite (the demo installation)."""
from __future__ import annotations

import errno
import hashlib
import io
import os
import struct
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import audit, evidence, problems
from models.errors import DataFolderError, DiskFull, NotFound, PermissionDenied
from models.evidence import EvidenceRefused
from models.session import Session
from models.store import Store, Writer

# --- sample files --------------------------------------------------------------------------------


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG, built chunk by chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


#: A valid 2x2 baseline JPEG (written by an image library once; decodes to a red square).
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a18161618"
    "3123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb00"
    "43011112121815182f1a1a2f63423842636363636363636363636363636363636363636363636363636363636363"
    "6363636363636363636363636363636363636363ffc00011080002000203012200021101031101ffc4001f000001"
    "0501010101010100000000000000000102030405060708090a0bffc400b510000201030302040305050404000001"
    "7d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25"
    "262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a8384"
    "85868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5"
    "d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000"
    "000102030405060708090a0bffc400b5110002010204040304070504040001027700010203110405213106124151"
    "0761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a43"
    "4445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a929394959697"
    "98999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8"
    "e9eaf2f3f4f5f6f7f8f9faffda000c03010002110311003f00c7a28a2b84fa83ffd9")

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # compound file: doc xls wps et
RTF = b"{\\rtf1\\ansi\\ansicpg936 \\f0 \\'d5\\'fb\\'b8\\'c4\\'b1\\'a8\\'b8\\'e6}"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00" \
      b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
BMP = b"BM" + struct.pack("<IHHI", 58, 0, 0, 54) + struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0,
                                                                  4, 2835, 2835, 0, 0) + bytes(4)
TIFF = b"II*\x00\x08\x00\x00\x00" + bytes(32)
WEBP = b"RIFF" + struct.pack("<I", 26) + b"WEBPVP8L" + struct.pack("<I", 14) + bytes(14)
HEIC = struct.pack(">I", 24) + b"ftypheic" + bytes(4) + b"mif1heic" + bytes(16)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(50) \
      + b"This program cannot be run in DOS mode.\r\r\n$" + bytes(64)
TEXT_GBK = "整改情况说明：已于6月5日召开专题会议，取消罚没指标。\n".encode("gb18030")


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/' \
                b'2006/content-types"/>'
DOCX = zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": b"<Relationships/>",
                  "word/document.xml": "<w:document>整改报告</w:document>".encode()})
XLSX = zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": b"<Relationships/>",
                  "xl/workbook.xml": b"<workbook/>"})
OFD = zip_bytes({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})

ACCEPTED = [  # (file name, content, media type)
    ("现场照片.jpg", JPEG, "image/jpeg"),
    ("IMG_0001.JPEG", JPEG + b"\x00", "image/jpeg"),
    ("整改后.png", png_bytes(), "image/png"),
    ("手机照片.heic", HEIC, "image/heic"),
    ("动图.gif", GIF, "image/gif"),
    ("截图.bmp", BMP, "image/bmp"),
    ("扫描件.tif", TIFF, "image/tiff"),
    ("扫描件2.TIFF", TIFF + b"\x01", "image/tiff"),
    ("网页图片.webp", WEBP, "image/webp"),
    ("整改报告.pdf", PDF, "application/pdf"),
    ("电子公文.ofd", OFD, "application/ofd"),
    ("会议纪要.doc", OLE2, "application/msword"),
    ("导出的纪要.doc", RTF, "application/msword"),
    ("整改报告.docx", DOCX,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("台账.xls", OLE2 + b"\x01", "application/vnd.ms-excel"),
    ("台账.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("通知.wps", OLE2 + b"\x02", "application/wps-office.wps"),
    ("统计表.et", OLE2 + b"\x03", "application/wps-office.et"),
    ("情况说明.txt", TEXT_GBK, "text/plain"),
    ("情况说明-utf8.txt", "整改完成。".encode("utf-8"), "text/plain"),
]

REFUSED = [  # (file name, content, words the message must contain)
    ("报告.exe", EXE, ["可执行程序"]),
    ("安装.bat", b"@echo off\r\n", ["可执行程序"]),
    ("现场照片.jpg", EXE, ["扩展名是 .jpg", "可执行程序"]),
    ("整改说明.txt", EXE, ["可执行程序"]),
    ("执法记录仪.mp4", b"\x00\x00\x00\x18ftypmp42", ["视频", "截取"]),
    ("资料.zip", zip_bytes({"a.txt": b"x"}), ["压缩包", "解压"]),
    ("数据.csv", b"a,b\n1,2\n", [".csv", "可以添加的类型"]),
    ("说明", b"plain text", ["没有扩展名"]),
    ("整改后.png", JPEG, ["与扩展名 .png 不符"]),
    ("扫描件.pdf", b"just some text, not a PDF", ["与扩展名 .pdf 不符"]),
    ("整改报告.docx", zip_bytes({"a.txt": b"renamed zip"}), ["与扩展名 .docx 不符"]),
    ("程序.docx", zip_bytes({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n"}),
     ["与扩展名 .docx 不符"]),
    ("台账.xlsx", DOCX, ["与扩展名 .xlsx 不符"]),
    ("公文.ofd", DOCX, ["与扩展名 .ofd 不符"]),
    ("损坏的文档.docx", b"PK\x03\x04" + bytes(60), ["与扩展名 .docx 不符"]),
    ("截图.bmp", b"BM not really a bitmap", ["与扩展名 .bmp 不符"]),
    ("空白.jpg", b"", ["空文件"]),
]

MTIME = datetime(2024, 6, 5, 8, 30, 15, tzinfo=timezone.utc)


def write(folder: Path, name: str, data: bytes, mtime: datetime = MTIME) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    return path


# --- helpers -------------------------------------------------------------------------------------

@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


def new_problem(session: Session, issue: str = "超限检测站存在下达罚没指标的情况") -> int:
    campaign = session.store.conn.execute("SELECT min(id) FROM campaigns").fetchone()[0]
    changes = problems.create_problem(session, campaign_id=campaign, category="逐利执法",
                                      issue=issue)
    (key,) = changes.rows["problems"]
    return int(key)


@pytest.fixture
def problem(chief: Session) -> int:
    return new_problem(chief)


def stored_files(store: Store) -> list[Path]:
    """Every file below the evidence folder (temporary ones included)."""
    root = store.data_dir.evidence
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def rows(store: Store, problem_id: int) -> list[dict]:
    return store.query("SELECT * FROM evidence WHERE problem_id = ? ORDER BY id", (problem_id,))


def assert_refused_cleanly(store: Store, head: tuple[int, str], files: list[Path]) -> None:
    """Nothing written: the audit head and the evidence folder are as they were."""
    assert audit.head(store.conn) == head
    assert stored_files(store) == files
    assert store.verify_audit().ok


# --- storing -------------------------------------------------------------------------------------

def test_data_dir_and_store_know_the_evidence_folder(demo: Store, demo_dir) -> None:
    assert demo.data_dir == demo_dir
    assert demo_dir.evidence == demo_dir.root / "evidence"


def test_attach_stores_the_file_once_under_its_hash(chief: Session, problem: int,
                                                   tmp_path: Path) -> None:
    store = chief.store
    source = write(tmp_path / "u盘", "现场照片.jpg", JPEG)
    changes = evidence.attach(chief, problem, source)
    assert changes.tables == {"evidence", "problems"}

    sha = hashlib.sha256(JPEG).hexdigest()
    (row,) = rows(store, problem)
    assert row["sha256"] == sha and row["size"] == len(JPEG)
    assert row["media_type"] == "image/jpeg"
    assert row["original_name"] == "现场照片.jpg"
    assert datetime.fromisoformat(row["original_mtime"]) == MTIME
    assert row["account_id"] == chief.account_id and row["note_id"] is None
    assert row["added_at"]
    target = store.data_dir.evidence / sha[:2] / f"{sha}.jpg"
    assert evidence.path_of(store, row) == target == evidence.path_of(chief, row)
    assert target.read_bytes() == JPEG
    assert stored_files(store) == [target]
    assert source.read_bytes() == JPEG  # the original is left alone

    # the same content again, under another name and case of extension: a row, no second file
    copy = write(tmp_path / "微信", "复印件.JPG", JPEG, datetime(2024, 6, 6, tzinfo=timezone.utc))
    evidence.attach(chief, problem, copy)
    _first, second = rows(store, problem)
    assert second["sha256"] == sha and second["original_name"] == "复印件.JPG"
    assert second["original_mtime"].startswith("2024-06-06")
    assert evidence.path_of(store, second) == target
    # and under another extension too (same bytes saved as .jpeg)
    evidence.attach(chief, problem, write(tmp_path, "另存.jpeg", JPEG))
    assert evidence.path_of(store, rows(store, problem)[2]) == target
    assert stored_files(store) == [target]
    assert store.verify_audit().ok


def test_attach_records_an_audit_entry(chief: Session, problem: int, tmp_path: Path) -> None:
    store = chief.store
    evidence.attach(chief, problem, write(tmp_path, "整改后.png", png_bytes()))
    (row,) = rows(store, problem)
    entry = store.conn.execute(
        "SELECT actor, action, after FROM audit_log WHERE tbl = 'evidence' AND row_key = ?",
        (str(row["id"]),)).fetchone()
    assert entry[0] == chief.actor and entry[1] == "insert"
    assert "整改后.png" in entry[2] and row["sha256"] in entry[2]
    assert store.verify_audit().ok


@pytest.mark.parametrize("name,data,media_type", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted_types(chief: Session, problem: int, tmp_path: Path, name: str, data: bytes,
                        media_type: str) -> None:
    evidence.attach(chief, problem, write(tmp_path, name, data))
    (row,) = rows(chief.store, problem)
    assert row["media_type"] == media_type and row["original_name"] == name
    path = evidence.path_of(chief.store, row)
    ext = Path(name).suffix.lower()
    assert path.name == row["sha256"] + ext
    assert path.read_bytes() == data


def test_stored_names(chief: Session) -> None:
    root = chief.store.data_dir.evidence
    row = {"id": 1, "sha256": "ab" + "0" * 62, "original_name": "无扩展名", "size": 0}
    assert evidence.path_of(chief, row) == root / "ab" / row["sha256"]  # no extension, none added
    row["original_name"] = "扫描件.Tiff"
    assert evidence.path_of(chief, row) == root / "ab" / (row["sha256"] + ".tiff")
    for bad in ("../../../etc/passwd", "", "AB" + "0" * 62):  # rows edited behind the app's back
        row["sha256"] = bad
        path = evidence.path_of(chief, row)
        assert path.parent == root and not path.exists()
        assert not evidence.verify_file(chief, row).ok


@pytest.mark.parametrize("name,data,words", REFUSED, ids=[r[0] + "-" + r[2][0] for r in REFUSED])
def test_refused_types(chief: Session, problem: int, tmp_path: Path, name: str, data: bytes,
                       words: list[str]) -> None:
    store = chief.store
    source = write(tmp_path / "来源", name, data)
    head, files = audit.head(store.conn), stored_files(store)
    with pytest.raises(EvidenceRefused) as info:
        evidence.attach(chief, problem, source)
    message = str(info.value)
    assert is_chinese(message) and name in message, message
    for word in words:
        assert word in message, message
    assert "请" in message, f"the message should say what to do: {message}"
    assert_refused_cleanly(store, head, files)
    assert source.read_bytes() == data


def test_a_folder_or_missing_file_is_refused(chief: Session, problem: int, tmp_path: Path) -> None:
    head = audit.head(chief.store.conn)
    folder = tmp_path / "照片.jpg"
    folder.mkdir()
    with pytest.raises(EvidenceRefused, match="不是文件"):
        evidence.attach(chief, problem, folder)
    with pytest.raises(EvidenceRefused, match="无法读取文件") as info:
        evidence.attach(chief, problem, tmp_path / "不存在.jpg")
    assert "请检查" in str(info.value)
    assert_refused_cleanly(chief.store, head, [])


def test_size_limit(chief: Session, problem: int, tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = chief.store
    assert evidence.MAX_FILE_SIZE == 30 * 1024 * 1024
    head = audit.head(store.conn)

    # the real limit, with a sparse file of 31 MB that only the size check looks at
    big = write(tmp_path, "执法现场全景.jpg", JPEG)
    with open(big, "r+b") as fh:
        fh.truncate(31 * 1024 * 1024)
    with pytest.raises(EvidenceRefused) as info:
        evidence.attach(chief, problem, big)
    message = str(info.value)
    assert "执法现场全景.jpg" in message and "31 MB" in message and "30 MB" in message
    assert "压缩照片" in message and "分成几份" in message
    assert_refused_cleanly(store, head, [])

    # a small limit: exactly the limit passes, one byte more does not
    monkeypatch.setattr(evidence, "MAX_FILE_SIZE", 2048)
    pad = JPEG + bytes(2048 - len(JPEG))
    with pytest.raises(EvidenceRefused) as info:
        evidence.attach(chief, problem, write(tmp_path, "扫描件.jpg", pad + b"\x00"))
    assert "2 KB" in str(info.value) and "2049 B" not in str(info.value)
    assert_refused_cleanly(store, head, [])
    evidence.attach(chief, problem, write(tmp_path, "刚好.jpg", pad))
    assert len(rows(store, problem)) == 1


def test_file_that_grows_while_copied_is_refused(chief: Session, problem: int, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The size is checked on what is copied too, not only on what stat() said before."""
    store = chief.store
    source = write(tmp_path, "正在同步.pdf", PDF + bytes(3 * evidence.CHUNK))
    monkeypatch.setattr(evidence, "MAX_FILE_SIZE", 2 * evidence.CHUNK)
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs):  # what a file still being written might report
        st = real_stat(self, **kwargs)
        if self == source:
            return os.stat_result((st.st_mode, *st[1:6], 100, *st[7:]))
        return st
    monkeypatch.setattr(Path, "stat", small_stat)
    head = audit.head(store.conn)
    with pytest.raises(EvidenceRefused, match="上限"):
        evidence.attach(chief, problem, source)
    assert_refused_cleanly(store, head, [])


def test_format_size() -> None:
    assert evidence.format_size(0) == "0 B"
    assert evidence.format_size(1023) == "1023 B"
    assert evidence.format_size(1536) == "1.5 KB"
    assert evidence.format_size(30 * 1024 * 1024) == "30 MB"
    assert evidence.format_size(int(31.45 * 1024 * 1024)) == "31.4 MB"


# --- problems and notes --------------------------------------------------------------------------

def test_attach_to_a_progress_note(chief: Session, problem: int, tmp_path: Path) -> None:
    problems.add_progress_note(chief, problem, "召开专题会议，逐条对照整改。", "2024-06-05")
    note = chief.store.conn.execute("SELECT max(id) FROM progress_notes").fetchone()[0]
    evidence.attach(chief, problem, write(tmp_path, "会议照片.jpg", JPEG), note_id=note)
    (row,) = rows(chief.store, problem)
    assert row["note_id"] == note
    assert problems.get_problem(chief, problem)["evidence"][0]["id"] == row["id"]


def test_note_of_another_problem_is_refused(chief: Session, problem: int, tmp_path: Path) -> None:
    other = new_problem(chief, "执法人员未按规定着装")
    problems.add_progress_note(chief, other, "已组织学习着装规范。", "2024-06-05")
    note = chief.store.conn.execute("SELECT max(id) FROM progress_notes").fetchone()[0]
    head = audit.head(chief.store.conn)
    with pytest.raises(EvidenceRefused) as info:
        evidence.attach(chief, problem, write(tmp_path, "会议照片.jpg", JPEG), note_id=note)
    assert is_chinese(str(info.value)) and "不属于这个问题" in str(info.value)
    assert_refused_cleanly(chief.store, head, [])
    with pytest.raises(NotFound):
        evidence.attach(chief, problem, write(tmp_path, "会议照片.jpg", JPEG), note_id=999999)
    assert_refused_cleanly(chief.store, head, [])


def test_unknown_problem(chief: Session, tmp_path: Path) -> None:
    with pytest.raises(NotFound) as info:
        evidence.attach(chief, 999999, write(tmp_path, "照片.jpg", JPEG))
    assert "问题" in str(info.value)
    with pytest.raises(NotFound):
        evidence.list_evidence(chief, 999999)
    assert stored_files(chief.store) == []


def test_list_evidence(chief: Session, problem: int, tmp_path: Path) -> None:
    evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    officer = login_as(chief.store, "officer")
    evidence.attach(officer, problem, write(tmp_path, "整改报告.pdf", PDF))
    other = new_problem(chief, "执法人员未按规定着装")
    evidence.attach(chief, other, write(tmp_path, "着装.png", png_bytes()))

    listed = evidence.list_evidence(login_as(chief.store, "reviewer"), problem)
    assert [r["original_name"] for r in listed] == ["现场照片.jpg", "整改报告.pdf"]
    assert [r["username"] for r in listed] == ["chief", "officer"]
    assert all(r["path"].read_bytes() for r in listed)
    assert listed[1]["path"].read_bytes() == PDF
    assert evidence.list_evidence(chief, new_problem(chief, "第三个问题")) == []


def test_permissions(demo: Store, problem: int, tmp_path: Path) -> None:
    source = write(tmp_path, "照片.jpg", JPEG)
    admin = login_as(demo, "admin")
    with pytest.raises(PermissionDenied) as info:
        evidence.attach(admin, problem, source)
    assert "推进整改" in str(info.value)
    evidence.attach(login_as(demo, "officer"), problem, source)
    (row,) = rows(demo, problem)
    with pytest.raises(PermissionDenied):
        evidence.detach(admin, row["id"])
    assert len(evidence.list_evidence(admin, problem)) == 1  # everyone may look
    assert stored_files(demo) == [evidence.path_of(demo, row)]


# --- failures leave nothing behind ---------------------------------------------------------------

def failing_insert(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Writer.insert

    def insert(self: Writer, table: str, values):
        if table == "evidence":
            raise RuntimeError("simulated failure of the database write")
        return real(self, table, values)
    monkeypatch.setattr(Writer, "insert", insert)


def test_failed_database_write_leaves_no_orphan_file(chief: Session, problem: int,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = chief.store
    head = audit.head(store.conn)
    failing_insert(monkeypatch)
    with pytest.raises(RuntimeError):
        evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    assert_refused_cleanly(store, head, [])
    assert rows(store, problem) == []


def test_failed_write_keeps_a_file_other_rows_use(chief: Session, problem: int, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = chief.store
    evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    files, head = stored_files(store), audit.head(store.conn)
    failing_insert(monkeypatch)
    with pytest.raises(RuntimeError):
        evidence.attach(chief, problem, write(tmp_path, "复印件.jpg", JPEG))
    assert_refused_cleanly(store, head, files)
    assert files[0].read_bytes() == JPEG


def test_failed_commit_leaves_no_orphan_file(chief: Session, problem: int, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A storage error from SQLite itself (a full disk at commit) is reported the same way."""
    store = chief.store
    head = audit.head(store.conn)
    real = Writer.insert

    def insert(self: Writer, table: str, values):
        key = real(self, table, values)
        if table == "evidence":
            raise __import__("sqlite3").OperationalError("database or disk is full")
        return key
    monkeypatch.setattr(Writer, "insert", insert)
    with pytest.raises(DiskFull):
        evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    assert_refused_cleanly(store, head, [])


def test_full_disk_while_copying(chief: Session, problem: int, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = chief.store
    head = audit.head(store.conn)

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(evidence.os, "fsync", no_space)
    with pytest.raises(DiskFull) as info:
        evidence.attach(chief, problem, write(tmp_path, "整改报告.pdf", PDF))
    message = str(info.value)
    assert is_chinese(message) and "磁盘空间已满" in message and "请" in message
    assert str(store.data_dir.evidence) in message
    monkeypatch.undo()
    assert_refused_cleanly(store, head, [])


def test_unwritable_evidence_folder(chief: Session, problem: int, tmp_path: Path) -> None:
    """A file where the evidence folder should be: a clear folder error, nothing written."""
    store = chief.store
    store.data_dir.evidence.write_bytes(b"not a folder")
    head = audit.head(store.conn)
    with pytest.raises(DataFolderError) as info:
        evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    assert str(store.data_dir.evidence) in str(info.value) and is_chinese(str(info.value))
    assert audit.head(store.conn) == head and rows(store, problem) == []


# --- detaching -----------------------------------------------------------------------------------

def test_detach_removes_the_file_only_when_unreferenced(chief: Session, problem: int,
                                                        tmp_path: Path) -> None:
    store = chief.store
    evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    evidence.attach(chief, problem, write(tmp_path, "复印件.jpg", JPEG))
    evidence.attach(chief, problem, write(tmp_path, "整改报告.pdf", PDF))
    first, second, pdf = rows(store, problem)
    photo, report = evidence.path_of(store, first), evidence.path_of(store, pdf)

    changes = evidence.detach(chief, first["id"])
    assert changes.rows["evidence"] == {str(first["id"])}
    assert photo.exists(), "the other row still uses the file"
    assert [r["id"] for r in rows(store, problem)] == [second["id"], pdf["id"]]

    evidence.detach(login_as(store, "officer"), second["id"])
    assert not photo.exists() and not photo.parent.exists()
    assert report.read_bytes() == PDF
    assert stored_files(store) == [report]

    deleted = store.conn.execute("SELECT count(*) FROM audit_log WHERE tbl = 'evidence'"
                                 " AND action = 'delete'").fetchone()[0]
    assert deleted == 2
    with pytest.raises(NotFound) as info:
        evidence.detach(chief, first["id"])
    assert "印证资料" in str(info.value)
    assert store.verify_audit().ok

    # content removed and added again is stored again
    evidence.attach(chief, problem, write(tmp_path, "现场照片.jpg", JPEG))
    assert photo.read_bytes() == JPEG


def test_detach_shared_between_problems(chief: Session, problem: int, tmp_path: Path) -> None:
    store = chief.store
    other = new_problem(chief, "执法人员未按规定着装")
    source = write(tmp_path, "通报.pdf", PDF)
    evidence.attach(chief, problem, source)
    evidence.attach(chief, other, source)
    (mine,), (theirs,) = rows(store, problem), rows(store, other)
    evidence.detach(chief, mine["id"])
    assert evidence.verify_file(store, theirs).ok


# --- verifying -----------------------------------------------------------------------------------

def test_verify_file_finds_a_changed_byte(chief: Session, problem: int, tmp_path: Path) -> None:
    store = chief.store
    evidence.attach(chief, problem, write(tmp_path, "整改报告.pdf", PDF))
    (row,) = rows(store, problem)
    check = evidence.verify_file(chief, row)
    assert check.ok and check.status == "ok" and check.actual_sha256 == row["sha256"]

    path = evidence.path_of(store, row)
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01  # one bit, same size
    path.write_bytes(bytes(data))
    check = evidence.verify_file(store, row)
    assert not check.ok and check.status == "changed"
    assert check.actual_size == row["size"] and check.actual_sha256 != row["sha256"]
    message = check.message()
    assert is_chinese(message) and "整改报告.pdf" in message and str(path) in message

    # attaching the original again repairs the stored copy
    evidence.attach(chief, problem, write(tmp_path, "整改报告（原件）.pdf", PDF))
    assert evidence.verify_file(store, row).ok
    assert stored_files(store) == [path]

    path.unlink()
    check = evidence.verify_file(store, row)
    assert check.status == "missing" and "不见了" in check.message()
    assert store.verify_audit().ok


def test_verify_file_with_a_translator(chief: Session, problem: int, tmp_path: Path) -> None:
    evidence.attach(chief, problem, write(tmp_path, "照片.png", png_bytes()))
    (row,) = rows(chief.store, problem)
    check = evidence.verify_file(chief, row)
    assert check.message(lambda text: "OK: {name}") == "OK: 照片.png"


# --- the whole story, and the core rules ---------------------------------------------------------

def test_audit_chain_verifies_after_everything(chief: Session, problem: int,
                                               tmp_path: Path) -> None:
    store = chief.store
    problems.add_progress_note(chief, problem, "已整改完毕。", "2024-06-20")
    note = store.conn.execute("SELECT max(id) FROM progress_notes").fetchone()[0]
    for i, (name, data, _media) in enumerate(ACCEPTED):
        evidence.attach(chief, problem, write(tmp_path / str(i), name, data),
                        note_id=note if i % 2 else None)
    for row in rows(store, problem)[::3]:
        evidence.detach(chief, row["id"])
    for row in rows(store, problem):
        assert evidence.verify_file(store, row).ok, row["original_name"]
    referenced = {r["sha256"] for r in rows(store, problem)}
    assert {p.name.split(".")[0] for p in stored_files(store)} == referenced
    report = store.verify_audit()
    assert report.ok, report
