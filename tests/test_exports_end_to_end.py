"""Every official form, built from the demo by models.form_data, written as xlsx and as PDF by
the two writers, and read back: the workbook's title, header block, column headers and footer
cells equal the seeds' texts, the title is merged across the table, the print settings are there
and the digest printed is the form's; the PDF's text holds the title and the headers, and page 1
rendered with pdftoppm is not blank."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import copy_installation
from form_helpers import (
    CASES_HEADERS,
    CASES_NOTES,
    CASES_SUBHEADERS,
    CASES_TITLE,
    CLUES_TITLE,
    COMMON_TITLE,
    INDIVIDUAL_TITLE,
    LIST_FILLER,
    LIST_HEADERS,
    LIST_NOTE,
    LIST_TITLE,
    LIST_UNIT,
    LOOKBACK_DATE,
    LOOKBACK_FOOTER,
    LOOKBACK_HEADERS,
    LOOKBACK_TITLE,
    LOOKBACK_UNIT,
    MATERIALS_HEADERS,
    MATERIALS_NOTES,
    MATERIALS_TITLE,
    QINGHAI_DOC_NO,
    UNIT,
    XIANGYUAN_DOC_NO,
    build_signed_demo,
    cases_rows,
    materials_rows,
)

from models import form_data, form_stats, problems, selfcheck
from models.forms import Form, digest_of
from models.ledger_query import LedgerFilter
from models.paths import DataDir
from models.store import Store, open_store

DAY = date(2024, 6, 30)
OPTIONS = form_data.FormOptions(DAY, filler="李海龙", contact="王丽", phone="0975-8381200")
DIGEST_LABEL = "内容摘要（SHA-256）："

#: What each form must show, from the seeds: title, header block, headers, footer and notes
#: (None: not one of the seeds' texts; checked against the form built again instead).
SEED: dict[str, dict[str, Any]] = {
    "problem_list": {"title": LIST_TITLE, "left": f"{LIST_UNIT}{UNIT}",
                     "right": "2024 年 6 月 30 日", "headers": LIST_HEADERS,
                     "footer": [f"{LIST_FILLER}李海龙", LIST_NOTE]},
    "lookback": {"title": LOOKBACK_TITLE, "left": f"{LOOKBACK_UNIT}{UNIT}",
                 "right": f"{LOOKBACK_DATE}2024 年 6 月 30 日", "headers": LOOKBACK_HEADERS,
                 "footer": [LOOKBACK_FOOTER[0], f"{LOOKBACK_FOOTER[1]}王丽",
                            f"{LOOKBACK_FOOTER[2]}0975-8381200"]},
    "common": {"title": COMMON_TITLE},
    "individual": {"title": INDIVIDUAL_TITLE},
    "clues": {"title": CLUES_TITLE},
    "materials": {"title": MATERIALS_TITLE, "linear": MATERIALS_HEADERS,
                  "footer": MATERIALS_NOTES},
    "cases": {"title": CASES_TITLE, "upper": CASES_HEADERS, "lower": CASES_SUBHEADERS,
              "footer": CASES_NOTES},
    "selfcheck": {}, "casereview": {}, "letter": {},
    # the 工作简报 prints as a document: its PDF has no table headers (models.brief_pdf)
    "brief": {"document": True}, "schedule": {}, "case_stats": {},
    "training": {"title": f"{date.today().year}年度执法人员培训台账",
                 "headers": ["序号", "姓名", "执法证号", "日期", "培训内容", "培训形式", "学时",
                             "考核情况"]},
    "training_hours": {"title": f"{date.today().year}年度执法人员培训学时统计表"},
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """The signed demo with two problems of the 2024 campaign and a self-check under way."""
    base = tmp_path_factory.mktemp("exports")
    template = DataDir(base / "template")
    build_signed_demo(template)
    s = open_store(copy_installation(template, DataDir(base / "data")))
    chief = login_as(s, "chief")
    xiangyuan = _campaign(s, XIANGYUAN_DOC_NO)
    problems.create_problem(chief, campaign_id=xiangyuan, category="运动式执法",
                            issue="运动式执法问题：集中治超期间全天候设卡",
                            manifestation="6月集中行动期间全天设卡拦车，" * 6,
                            measures="取消全天候设卡", responsible_dept="一班",
                            deadline="2024-08-31")
    problems.create_problem(chief, campaign_id=xiangyuan, category="其他问题",
                            issue="执法文书送达不及时", responsible_dept="法制组")
    officer = login_as(s, "officer")
    template_id = s.conn.execute("SELECT min(id) FROM templates WHERE kind = 'selfcheck'"
                                 ).fetchone()[0]
    selfcheck.start_selfcheck(officer, _campaign(s, QINGHAI_DOC_NO), template_id)
    sc = s.conn.execute("SELECT max(id) FROM selfchecks").fetchone()[0]
    codes = [c for (c,) in s.conn.execute("SELECT code FROM template_items WHERE template_id = ?"
                                          " ORDER BY id", (template_id,))]
    selfcheck.answer_item(officer, sc, codes[0], "conform", evidence="罚没款台账")
    selfcheck.answer_item(officer, sc, codes[1], "nonconform", note="监控点位未备案")
    yield s
    s.close()


def _campaign(s: Store, doc_no: str) -> int:
    return s.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?", (doc_no,)).fetchone()[0]


def build(s: Store, code: str) -> Form:
    """Form ``code`` as the export dialog would build it (rows not yet read)."""
    officer = login_as(s, "officer")
    if code == "letter":      # the demo's answered 执法监督意见书
        from models import letter_forms
        return letter_forms.letter_form(officer, s.conn.execute(
            "SELECT min(letter_id) FROM letter_answers WHERE status = 'signed'").fetchone()[0],
            OPTIONS)
    if code in ("training", "training_hours"):     # the demo's 培训台账 and 学时统计
        from models import form_training
        if code == "training":
            return form_training.ledger_form(officer, date.today().year, OPTIONS)
        return form_training.hours_form(officer, date.today().year, OPTIONS)
    if code == "problem_list":
        return form_data.ledger_form(officer, code, LedgerFilter(
            campaign_id=_campaign(s, XIANGYUAN_DOC_NO)), OPTIONS)
    if code in ("brief", "schedule", "case_stats"):    # the demo's 工作简报, 调度表, 案件统计
        from models import form_brief, form_reports
        if code == "brief":
            return form_brief.brief_form(officer, s.conn.execute(
                "SELECT min(id) FROM briefs").fetchone()[0], OPTIONS)
        if code == "schedule":
            return form_reports.schedule_form(officer, _campaign(s, QINGHAI_DOC_NO), "2023-07",
                                              OPTIONS)
        return form_reports.case_stats_form(officer, options=OPTIONS)
    if code == "clues":
        from models import form_leads
        from models.leads import LeadFilter
        return form_leads.clues_form(officer, LeadFilter(
            campaign_id=_campaign(s, QINGHAI_DOC_NO)), OPTIONS)
    if code in form_data.LEDGER_FORMS:
        return form_data.ledger_form(officer, code, LedgerFilter(
            campaign_id=_campaign(s, QINGHAI_DOC_NO)), OPTIONS)
    if code == "selfcheck":
        return form_data.selfcheck_form(
            officer, s.conn.execute("SELECT max(id) FROM selfchecks").fetchone()[0], OPTIONS)
    if code == "casereview":
        return form_data.casereview_form(
            officer, s.conn.execute("SELECT min(id) FROM case_reviews").fetchone()[0], OPTIONS)
    if code == "materials":
        return form_stats.materials_form(materials_rows(), as_of=date(2024, 4, 10))
    return form_stats.cases_form(cases_rows(), period="3.1-3.31", exam_period="2024.1-2024.4")


def _writer(fmt: str) -> Callable[..., Any]:
    module = pytest.importorskip(f"models.{fmt}_export")
    return module.write_form


def _header_cells(form: Form) -> tuple[list[str], list[str]]:
    """The header rows as printed: (upper, lower); lower is empty without groups."""
    if not any(c.group for c in form.columns):
        return [c.header for c in form.columns], []
    upper: list[str] = []
    for c in form.columns:
        text = c.group or c.header
        if not upper or not c.group or upper[-1] != c.group:
            upper.append(text)
    return upper, [c.header for c in form.columns if c.group]


# --- xlsx -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", list(form_data.FORMS))
def test_xlsx_form_reads_back_as_the_seed(store: Store, code: str, tmp_path: Path) -> None:
    write = _writer("xlsx")
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    form = build(store, code)
    expected_digest = digest_of(build(store, code))
    path = tmp_path / f"{form.file_stem}.xlsx"
    result = write(form, path)
    assert Path(result.path) == path and result.sha256 == expected_digest
    ws = load_workbook(path).active
    seed = SEED[code]
    fresh = build(store, code)
    list(fresh.rows)   # its signature block and notes are complete once the rows are read
    last = get_column_letter(len(form.columns))
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]

    assert ws["A1"].value == fresh.title == seed.get("title", fresh.title)
    assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}
    block = [v for v in values[1] if v] if fresh.header_left or fresh.header_right else []
    assert block == [t for t in (fresh.header_left, fresh.header_right) if t]
    if "left" in seed:
        assert block == [seed["left"], seed["right"]]

    upper, lower = _header_cells(fresh)
    head = 2 if block else 1          # 0-based index of the first header row
    assert [v for v in values[head] if v is not None] == upper
    if lower:
        assert [v for v in values[head + 1] if v is not None] == lower
        grouped = [i for i, c in enumerate(fresh.columns, 1) if c.group]
        span = f"{get_column_letter(grouped[0])}{head + 1}:{get_column_letter(grouped[-1])}{head + 1}"
        assert span in {str(r) for r in ws.merged_cells.ranges}
    if "headers" in seed:
        assert upper == seed["headers"] and lower == []
    if "upper" in seed:
        assert (upper, lower) == (seed["upper"], seed["lower"])
    if "linear" in seed:        # as the seed's text reads: each group before its columns
        linear: list[str] = []
        for c in fresh.columns:
            if c.group and c.group not in linear:
                linear.append(c.group)
            linear.append(c.header)
        assert linear == seed["linear"]

    body = head + (2 if lower else 1)
    assert len(values) > body + fresh.row_count
    below = [row[0] for row in values[body + fresh.row_count:] if row and row[0]]
    printed = list(fresh.footer) + list(fresh.notes)
    assert below[:len(printed)] == printed
    if "footer" in seed:
        assert printed == seed["footer"]
    assert below[-1] == f"{DIGEST_LABEL}{expected_digest}"
    assert len(below) == len(printed) + len(fresh.signatures) + 1

    setup = ws.page_setup
    assert setup.orientation == ("landscape" if fresh.landscape else "portrait")
    assert int(setup.paperSize) == 9 and int(setup.fitToWidth) == 1
    assert int(setup.fitToHeight or 0) == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    first, _, end = (ws.print_title_rows or "").partition(":")
    assert (first.strip("$"), end.strip("$")) == (str(head + 1), str(body))
    assert ws.freeze_panes == f"A{body + 1}"


def test_xlsx_lookback_signature_column(store: Store, tmp_path: Path) -> None:
    write = _writer("xlsx")
    from openpyxl import load_workbook
    path = tmp_path / "回头看.xlsx"
    write(build(store, "lookback"), path)
    ws = load_workbook(path).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)}
    assert rows[1][7].startswith("李海龙 ") and re.search(r"\w{4}-\w{4}-\w{4}-\w{4}$", rows[1][7])
    assert rows[3][7] is None and rows[4][7] is None
    texts = [r[0] for r in ws.iter_rows(values_only=True) if r[0]]
    assert any("序号 4" in str(t) and "索南扎西" in str(t) for t in texts), "the stale signature listed"


# --- PDF --------------------------------------------------------------------------------------------

def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("code", list(form_data.FORMS))
def test_pdf_form_holds_title_and_headers(store: Store, code: str, tmp_path: Path) -> None:
    write = _writer("pdf")
    from pypdf import PdfReader

    path = tmp_path / f"{code}.pdf"
    result = write(build(store, code), path)
    fresh = build(store, code)
    assert result.sha256 == digest_of(build(store, code))
    reader = PdfReader(str(path))
    first = _squeeze(reader.pages[0].extract_text())
    everything = _squeeze("".join(page.extract_text() for page in reader.pages))
    assert _squeeze(fresh.title) in first
    upper, lower = _header_cells(fresh)
    for header in ([] if SEED[code].get("document") else upper + lower):
        assert _squeeze(header) in first, header
    assert result.sha256 in everything
    for line in fresh.footer:
        assert _squeeze(line) in everything, line


def _dark_fraction(pgm: Path) -> float:
    """The share of dark pixels of a binary PGM (P5) image."""
    data = pgm.read_bytes()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4][:width * height]
    return sum(1 for b in pixels if b < 128) / max(1, len(pixels))


def test_pdf_page_one_renders_with_chinese(store: Store, tmp_path: Path) -> None:
    write = _writer("pdf")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    path = tmp_path / "lookback.pdf"
    write(build(store, "lookback"), path)
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-gray", str(path),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=60)
    (image,) = tmp_path.glob("page*.pgm")
    dark = _dark_fraction(image)
    assert 0.005 < dark < 0.5, f"page 1 looks blank or black ({dark:.3%} dark pixels)"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60,
                           check=False)
    if fonts.returncode == 0:
        subsets = [line for line in fonts.stdout.splitlines()[2:]
                   if re.match(r"[A-Z]{6}\+", line)]
        assert subsets and all(line.split()[-5:-3] == ["yes", "yes"] for line in subsets), \
            fonts.stdout    # a subset of a TrueType font, embedded


def test_an_exported_problem_list_imports_back_as_duplicates(store: Store, tmp_path: Path) -> None:
    """The 问题清单 written by the app, read by the Excel import into the same campaign: every
    row is recognised as a problem already in the ledger (存在问题 is printed “类别：问题”)."""
    from models import ledger_import
    from models.xlsx_export import write_form
    campaign = _campaign(store, QINGHAI_DOC_NO)
    officer = login_as(store, "officer")
    form = form_data.ledger_form(officer, "problem_list", LedgerFilter(campaign_id=campaign),
                                 OPTIONS)
    path = tmp_path / "问题清单.xlsx"
    result = write_form(form, path)
    assert result.rows > 0
    preview = ledger_import.preview_file(officer, path, campaign)
    states = [r.state for r in preview.rows]
    assert states and set(states) == {"duplicate"}, [
        (r.values.get("issue"), r.state) for r in preview.rows]
