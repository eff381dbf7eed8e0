"""The PDF writer of the official forms (models.pdf_export, with its table in models.pdf_table
and the pieces it shares with the brief in models.pdf_pieces) and its Chinese font (models.fonts).

Synthetic forms with the seeds' texts (models.xlsx_forms.LAYOUTS) are written and read back with
pypdf: the title, header block, every column header, the footer and notes, "第 1 页 共 N 页" and
the content digest are in the text; a table of several pages repeats its header on each; the font
is an embedded TrueType subset; page 1 rendered by pdftoppm is not blank. Then the failure paths:
cancel, a folder that cannot be written, a full disk, and no Chinese font at all.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from models import fonts, pdf_export, pdf_pieces, pdf_table
from models.errors import DiskFull
from models.files import FileWriteFailed
from models.forms import (
    Column,
    ContentDigest,
    ExportCancelled,
    Form,
    SignatureLine,
    digest_of,
)
from models.xlsx_forms import LAYOUTS

UNIT = "玛沁县大武超限检测站"
CHECKLIST = LAYOUTS["checklist"]
REVIEW = LAYOUTS["review"]
CHECKLIST_HEADERS = [c.header for c in CHECKLIST.columns]

SIGNATURES = (
    SignatureLine("审核", "马文斌", "法制审核", "2024-06-30 11:05", "7F3A-19C2-BB04-6E5D", "valid",
                  "第 1 版台账"),
    SignatureLine("责任人确认", "李海龙", "执法队员", "2024-06-29 16:40", "11AA-22BB-33CC-44DD",
                  "stale", "序号 3"),
    SignatureLine("单位盖章", "才让东智", "负责人", "2024-06-30 17:20", "9C0D-5E6F-7A8B-1C2D",
                  "invalid"),
)

# 青交执办〔2024〕1号, 附件2: a header of two rows (案件数 over 实际案件数 / 测试案件数).
CASES_COLUMNS = (
    Column("单位", 22), Column("数据条数", 10, "right"),
    Column("实际案件数", 11, "right", "案件数"), Column("测试案件数", 11, "right", "案件数"),
    Column("执法人员", 10, "right"), Column("人均办案率", 11, "right"), Column("在线考试", 10, "right"))


def _columns(layout: Any) -> tuple[Column, ...]:
    return tuple(Column(c.header, c.width, "center" if c.field == "seq" else "left")
                 for c in layout.columns)


def _rows(count: int, width: int) -> Iterator[list[Any]]:
    for i in range(1, count + 1):
        row: list[Any] = [i] + [f"第{i}行第{j}列：集中治超期间全天设卡拦车，执法人员态度生硬"
                                * (1 + (i + j) % 3) for j in range(1, width)]
        row[-1] = None if i % 4 == 0 else row[-1]
        yield row


def checklist_form(rows: int = 6, **changes: Any) -> Form:
    """The 问题清单 of seed 001 (附件2) with ``rows`` generated rows."""
    cols = _columns(CHECKLIST)
    form = Form("problem_list", CHECKLIST.title, f"{CHECKLIST.lines[0]}{UNIT}",
                "2024 年 6 月 30 日", cols, _rows(rows, len(cols)), rows,
                footer=(f"{CHECKLIST.footer[0]}李海龙",), notes=(CHECKLIST.note,),
                file_stem="问题清单")
    return form._replace(**changes)


def review_form(rows: int, **changes: Any) -> Form:
    """The “回头看”台账 of seed 001 (附件1) with ``rows`` generated rows."""
    cols = _columns(REVIEW)
    form = Form("lookback", REVIEW.title, f"{REVIEW.lines[0]}{UNIT}",
                "填报时间：2024 年 6 月 30 日", cols, _rows(rows, len(cols)), rows,
                footer=(REVIEW.footer[0], f"{REVIEW.footer[1]}王丽",
                        f"{REVIEW.footer[2]}0975-8381200"),
                signatures=SIGNATURES)
    return form._replace(**changes)


def cases_form(**changes: Any) -> Form:
    rows = [("省路政执法总队", 324, 4, 288, 1057, "28%", 45),
            ("果洛州交通运输系统", 0, 0, 0, 23, 0, 0)]
    form = Form("cases", "青海省交通运输行政执法综合管理信息系统 3.1-3.31 案件办理情况统计表", "", "",
                CASES_COLUMNS, rows, len(rows),
                notes=("2.人均办案率为（实际案件数+测试案件数）/执法人员",), landscape=False)
    return form._replace(**changes)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- what the PDF says ---------------------------------------------------------------------------

def test_problem_list_reads_back_with_the_seed_texts(tmp_path: Path) -> None:
    path = tmp_path / "问题清单.pdf"
    result = pdf_export.write_form(checklist_form(6), path)
    assert result == (str(path), 6, digest_of(checklist_form(6)))
    texts = page_texts(path)
    assert texts[0].splitlines()[0].strip() == "交通运输领域突出问题专项整治问题清单"
    first = squeeze(texts[0])
    for expected in (f"单 位 (公 章) :{UNIT}", "2024 年 6 月 30 日", *CHECKLIST_HEADERS,
                     f"第 1 页 共 {len(texts)} 页"):
        assert squeeze(expected) in first, expected
    flat = squeeze("".join(texts))
    for expected in ("填 报 人:李海龙", CHECKLIST.note, "本表无数字签名", "内容摘要（SHA-256）：",
                     result.sha256):
        assert squeeze(expected) in flat, expected
    for i in range(1, 7):        # every row, in order
        assert f"第{i}行第1列" in flat
    assert flat.index("第1行第1列") < flat.index("第6行第1列")
    meta = PdfReader(str(path)).metadata
    assert meta.title == CHECKLIST.title and meta.author == "FieldLedger"
    assert meta.subject == f"FieldLedger problem_list sha256:{result.sha256}"


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    path = tmp_path / "回头看.pdf"
    result = pdf_export.write_form(review_form(90), path)
    texts = page_texts(path)
    pages = len(texts)
    assert pages >= 3 and result.rows == 90
    for number, text in enumerate(texts, 1):
        flat = squeeze(text)
        assert f"第{number}页共{pages}页" in flat
        if number < pages:       # the signature block may stand alone on the last page
            for header in (c.header for c in REVIEW.columns):
                assert header in flat, (number, header)
    flat = squeeze("".join(texts))
    assert squeeze(texts[0]).startswith(squeeze(REVIEW.title))
    positions = [flat.index(f"第{i}行第1列") for i in range(1, 91)]
    assert positions == sorted(positions)       # every row once, in order
    for line in ("审核人：", "联系人：王丽", "联系电话：0975-8381200"):
        assert line in flat
    assert result.sha256 in flat


def test_signature_block_lists_each_signature_and_the_qr_carries_the_digest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    payloads: list[str] = []
    real = pdf_pieces.QrCodeWidget

    def spy(value: str, **kwargs: Any) -> Any:
        payloads.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(pdf_pieces, "QrCodeWidget", spy)
    path = tmp_path / "signed.pdf"
    result = pdf_export.write_form(review_form(3), path)
    flat = squeeze("".join(page_texts(path)))
    for header in pdf_pieces.SIGNATURE_HEADERS:
        assert header in flat
    for sig, status in zip(SIGNATURES, ("有效", "已过期", "无效")):
        for value in (sig.name, sig.role, sig.signed_at, sig.fingerprint, status):
            assert squeeze(value) in flat, value
    assert "审核（第1版台账）" in flat and "责任人确认（序号3）" in flat
    assert "本表无数字签名" not in flat
    assert payloads == [f"FieldLedger lookback sha256:{result.sha256}"]
    groups = pdf_pieces.digest_groups(result.sha256)
    assert len(groups) == 8 and all(len(g) == 8 for g in groups)
    assert " ".join(groups[:4]) in "".join(page_texts(path))      # printed in groups of 8


def test_grouped_header_two_rows_portrait(tmp_path: Path) -> None:
    path = tmp_path / "cases.pdf"
    result = pdf_export.write_form(cases_form(), path)
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)             # A4 portrait
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842
    flat = squeeze(reader.pages[0].extract_text())
    for text in ("案件数", "实际案件数", "测试案件数", "单位", "数据条数", "执法人员", "人均办案率",
                 "在线考试", "省路政执法总队", "28%", "1057", result.sha256):
        assert text in flat, text
    # The group cell sits above its two columns, the others span both header rows.
    rows = pdf_table._Rows(cases_form(), fonts.cjk_font_name(), [60.0] * 7,
                           ContentDigest(), None, None)
    assert len(rows.header) == 2 and len(rows.header_heights) == 2
    spans = [cmd for cmd in rows.style.getCommands() if cmd[0] == "SPAN"]
    assert ("SPAN", (2, 0), (3, 0)) in spans
    for col in (0, 1, 4, 5, 6):
        assert ("SPAN", (col, 0), (col, 1)) in spans


def test_landscape_a4_and_the_same_digest_as_digest_of(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    result = pdf_export.write_form(checklist_form(2), path)
    box = PdfReader(str(path)).pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595
    assert result.sha256 == digest_of(checklist_form(2))


def test_text_is_printed_as_typed(tmp_path: Path) -> None:
    awkward = ["1", "<b>罚款</b> & 扣车", "第一行\n第二行\t制表\x07铃", 3.5, None, 12, "√"]
    path = tmp_path / "awkward.pdf"
    form = checklist_form(rows=1)._replace(rows=[awkward], row_count=1)
    result = pdf_export.write_form(form, path)
    flat = squeeze("".join(page_texts(path)))
    for text in ("<b>罚款</b>&扣车", "第一行第二行制表铃", "3.5", "12", "√"):
        assert text in flat, text
    assert result.sha256 == digest_of(checklist_form(rows=1)._replace(rows=[awkward]))


def test_an_empty_form_prints_its_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    result = pdf_export.write_form(checklist_form(0)._replace(rows=iter(()), row_count=None), path)
    assert result.rows == 0
    flat = squeeze("".join(page_texts(path)))
    for header in CHECKLIST_HEADERS:
        assert header in flat
    assert "第1页共1页" in flat


def test_a_row_taller_than_a_page_breaks_across_pages(tmp_path: Path) -> None:
    huge = "很长的整改说明。" * 700
    rows = [[1, "短", "短", "短", "短", "短", "短"], [2, "长", huge, "措施", "一班", "", ""],
            [3, "最后一行", "短", "短", "短", "短", "短"]]
    path = tmp_path / "tall.pdf"
    result = pdf_export.write_form(checklist_form()._replace(rows=rows, row_count=3), path)
    texts = page_texts(path)
    assert len(texts) >= 3 and result.rows == 3
    flat = squeeze("".join(texts))
    assert flat.count("很长的整改说明。") == 700           # nothing lost at the page breaks
    assert "最后一行" in flat
    for text in texts[:-1]:
        assert "具体表现" in text


def test_rows_are_read_a_page_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer never holds more than about a page of rows: memory does not grow with rows."""
    most = 0
    real = pdf_table._Rows.table

    def table(self: Any, count: int, **kwargs: Any) -> Any:
        nonlocal most
        most = max(most, len(self.pending))
        return real(self, count, **kwargs)

    monkeypatch.setattr(pdf_table._Rows, "table", table)
    result = pdf_export.write_form(checklist_form(300), tmp_path / "big.pdf")
    assert result.rows == 300 and 0 < most < 60


# --- the font ------------------------------------------------------------------------------------

def test_the_font_is_an_embedded_truetype_subset(tmp_path: Path) -> None:
    path = tmp_path / "font.pdf"
    pdf_export.write_form(checklist_form(3), path)
    seen = []
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] != "/TrueType":
                continue
            assert re.fullmatch(r"/[A-Z]{6}\+\S+", font["/BaseFont"]), font["/BaseFont"]
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor              # the glyphs are in the file
            seen.append(font["/BaseFont"])
    assert seen
    used = fonts.find_font()
    assert fonts.outline_kind(used.path, used.subfont) == "truetype"


def _pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels[:int(width) * int(height)]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_page_one_renders_with_ink(tmp_path: Path) -> None:
    path = tmp_path / "render.pdf"
    pdf_export.write_form(review_form(12), path)
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=60)
    (image,) = tmp_path.glob("page*.pgm")
    width, height, pixels = _pgm(image)
    assert width > height                                   # landscape
    dark = sum(1 for b in pixels if b < 128) / len(pixels)
    assert 0.01 < dark < 0.4, f"{dark:.2%} dark pixels"
    # The title band (top eighth, middle half) has ink: the Chinese title is drawn, not blank.
    band = [pixels[y * width + x] for y in range(height // 8) for x in range(width // 4,
                                                                              3 * width // 4)]
    assert sum(1 for b in band if b < 128) > 50


def _fake_font(path: Path, version: bytes, tags: list[bytes]) -> Path:
    """A file with just a font's table directory (enough for outline_kind)."""
    head = version + struct.pack(">HHHH", len(tags), 0, 0, 0)
    path.write_bytes(head + b"".join(tag + b"\0" * 12 for tag in tags))
    return path


def test_outline_kind_tells_truetype_from_cff(tmp_path: Path) -> None:
    cff = _fake_font(tmp_path / "noto.otf", b"OTTO", [b"CFF ", b"cmap"])
    ttf = _fake_font(tmp_path / "x.ttf", b"\0\1\0\0", [b"cmap", b"glyf", b"loca"])
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    assert fonts.outline_kind(cff) == "cff"
    assert fonts.outline_kind(ttf) == "truetype"
    assert fonts.outline_kind(ttf, 1) == ""
    assert fonts.outline_kind(junk) == "" and fonts.outline_kind(tmp_path / "none.ttf") == ""
    collection = tmp_path / "two.ttc"
    first = b"\0\1\0\0" + struct.pack(">HHHH", 1, 0, 0, 0) + b"glyf" + b"\0" * 12
    second = b"OTTO" + struct.pack(">HHHH", 1, 0, 0, 0) + b"CFF " + b"\0" * 12
    header = b"ttcf" + struct.pack(">HHI", 1, 0, 2) + struct.pack(">II", 20, 20 + len(first))
    collection.write_bytes(header + first + second)
    assert [fonts.outline_kind(collection, i) for i in range(3)] == ["truetype", "cff", ""]


def test_font_order_override_bundled_system(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    system = fonts.find_font()          # this machine's font (fonts-wqy-microhei)
    assert system.origin == "system"
    bundled = tmp_path / "fonts"
    bundled.mkdir()
    _fake_font(bundled / "a-noto.otf", b"OTTO", [b"CFF "])          # CFF: skipped
    (bundled / "b-broken.ttf").write_bytes(b"\0\1\0\0garbage")       # not a font: skipped
    monkeypatch.setattr(fonts, "BUNDLED_DIR", bundled)
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    assert fonts.find_font() == system
    shutil.copy(system.path, bundled / ("c-real" + Path(system.path).suffix))
    assert fonts.find_font().origin == "bundled"
    monkeypatch.setenv(fonts.ENV_VAR, f"{system.path},{system.subfont}")
    assert fonts.find_font() == fonts.FontFile(system.path, system.subfont, "override")
    assert fonts.cjk_font_name()


def test_a_bad_override_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cff = _fake_font(tmp_path / "NotoSansCJK.otf", b"OTTO", [b"CFF "])
    for value, words in ((str(cff), "CFF"), (str(tmp_path / "none.ttf"), "不存在"),
                         (f"{tmp_path / 'x.ttc'},abc", "序号")):
        monkeypatch.setenv(fonts.ENV_VAR, value)
        with pytest.raises(fonts.FontUnusable) as info:
            pdf_export.write_form(checklist_form(1), tmp_path / "x.pdf")
        assert words in str(info.value) and fonts.ENV_VAR in str(info.value)
    assert not (tmp_path / "x.pdf").exists() and leftovers(tmp_path) == []


def test_no_chinese_font_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "BUNDLED_DIR", tmp_path / "no-fonts")
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", (("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                                 0),))    # no Chinese in it: skipped as well
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(fonts.FontNotFound) as info:
        pdf_export.write_form(checklist_form(1), out / "清单.pdf")
    message = str(info.value)
    assert "fonts-wqy-microhei" in message and str(tmp_path / "no-fonts") in message
    assert list(out.iterdir()) == []


# --- progress, cancel, errors --------------------------------------------------------------------

def test_progress_is_reported_and_cancel_leaves_nothing(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = pdf_export.write_form(checklist_form(450), tmp_path / "p.pdf",
                                   progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 450) and calls[-1] == (450, 450)
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})
    assert (200, 450) in calls and result.rows == 450

    target = tmp_path / "清单.pdf"
    target.write_bytes(b"the earlier export")
    seen: list[int] = []
    with pytest.raises(ExportCancelled):
        pdf_export.write_form(checklist_form(1000), target,
                              progress=lambda done, total: seen.append(done),
                              cancelled=lambda: bool(seen) and seen[-1] >= 200)
    assert seen[-1] == 200                                   # stopped at the first check
    assert target.read_bytes() == b"the earlier export"
    assert leftovers(tmp_path) == []
    with pytest.raises(ExportCancelled):        # cancelled before anything is written
        pdf_export.write_form(checklist_form(5), tmp_path / "never.pdf", cancelled=lambda: True)
    assert not (tmp_path / "never.pdf").exists() and leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "没有这个文件夹" / "清单.pdf"
    with pytest.raises(FileWriteFailed) as info:
        pdf_export.write_form(checklist_form(2), missing)
    assert str(missing) in str(info.value) and "可写" in str(info.value)

    target = tmp_path / "清单.pdf"
    target.write_bytes(b"old")

    def no_rename(_src: Any, _dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", no_rename)
        with pytest.raises(FileWriteFailed):
            pdf_export.write_form(checklist_form(2), target)
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full)
        with pytest.raises(DiskFull) as disk:
            pdf_export.write_form(checklist_form(2), target)
    assert str(target) in str(disk.value)
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []
