"""Regenerate the renders of the official forms under docs/forms/ from a fresh demo installation.

    .venv/bin/python docs/make_forms.py [--keep FOLDER] [CODE ...]

Builds the demo with signatures (``models.demo.create_demo(store, with_signatures=True)``) in a
temporary folder, then writes every form the app exports, each as xlsx and as PDF, with the
writers the app uses (``models.xlsx_export``, ``models.pdf_export``):

- the result of a self-check of the Qinghai 2023 campaign, answered here item by item (filled
  first: its two 不符合 items are in the ledger forms as problems from 自查自纠);
- the four ledger forms (``models.form_data.LEDGER_FORMS``) over the Qinghai 2023 campaign, and
  the 线索征询表 of the demo's 投诉举报线索 of that campaign and of none;
- the score sheet of the demo's review with the most findings;
- 资料报送统计表 and 案件办理情况统计表 from the numbers of seed 004 (附件1, 附件2) as plain rows;
- the demo's first 工作简报 (a document with two photos), its 工作调度表 of July 2023 and its
  monthly 案件统计;
- the demo's 执法监督意见书 answered with a photo and signed by the chief, with its answer.

For each form code it saves page 1 of the PDF as ``docs/forms/<code>-pdf.png`` (pdftoppm, 80
dpi) and page 1 of the xlsx as LibreOffice prints it as ``docs/forms/<code>-xlsx.png``
(``soffice --headless --convert-to pdf``, then pdftoppm). Only the PNGs belong in the
repository; the xlsx and PDF files stay in the temporary folder (or FOLDER with ``--keep``).
Given form codes, only those are rendered.

Needs pdftoppm (Debian: poppler-utils) and, for the xlsx renders, LibreOffice Calc without its
GUI (Debian: ``apt-get install -y --no-install-recommends libreoffice-calc-nogui``). LibreOffice
is needed by this script only, to regenerate these pictures: neither the app nor its tests use
it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OPENPYXL_LXML", "False")   # before openpyxl loads: 汉字 as text, not &#N;

OUT = ROOT / "docs" / "forms"
DPI = 80
COLORS = 32
FILL_DATE = date(2023, 9, 28)            # the Qinghai campaign's second-batch deadline
FILLER = ("王丽", "0975-8381200")        # the demo's clerk fills and is the contact

#: (item code, answer, note, evidence looked at) of the self-check rendered; others 符合.
SELFCHECK_ANSWERS = {
    "1.3": ("nonconform", "对辖区收费停车场收取过夜停车费，未见收费依据和公示", "收费台账、现场照片"),
    "2.2": ("nonconform", "暂扣车辆登记不全，2 辆车未出具行政强制措施决定书", "暂扣车辆登记台账"),
    "2.3": ("na", "本站不承担该类执法事项", ""),
}

#: Seed 004, 附件1: unit, then √ / × for 实施方案, 工作简报, 照片视频, 工作调度表, 推广应用方案.
MATERIALS = [
    ("省路政执法总队", "√√√√√"), ("西宁市交通运输系统", "√√√√√"), ("海东市交通运输系统", "√√√√√"),
    ("海北州交通运输系统", "×√×××"), ("海南州交通运输系统", "√√√√√"), ("海西州交通运输系统", "√√√√√"),
    ("黄南州交通运输系统", "√√√√√"), ("玉树州交通运输系统", "×√√√×"), ("果洛州交通运输系统", "×××××"),
]
#: Seed 004, 附件2: unit, 数据条数, 实际案件数, 测试案件数, 执法人员 (None: “/”), 在线考试.
CASES = [
    ("青海省", 324, 4, 288, None, 45), ("省路政执法总队", 324, 4, 288, 1057, 45),
    ("西宁市交通运输系统", 0, 0, 0, 242, 0), ("海东市交通运输系统", 0, 0, 0, 247, 0),
    ("海北州交通运输系统", 0, 0, 0, 62, 0), ("海西州交通运输系统", 0, 0, 0, 75, 0),
    ("海南州交通运输系统", 0, 0, 0, 60, 0), ("黄南州交通运输系统", 0, 0, 0, 56, 0),
    ("果洛州交通运输系统", 0, 0, 0, 23, 0), ("玉树州交通运输系统", 0, 0, 0, 36, 0),
]


def demo(folder: Path) -> tuple[Any, dict[str, int]]:
    """The demo with signatures in ``folder``; the chief's session and the ids used below."""
    from models.demo import QINGHAI_2023, create_demo
    from models.paths import DataDir
    from models.store import open_store
    store = open_store(DataDir(folder))
    chief = create_demo(store, with_signatures=True)
    conn = store.conn
    campaign = conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                            (QINGHAI_2023["doc_no"],)).fetchone()[0]
    review = conn.execute(
        "SELECT r.id FROM case_reviews r LEFT JOIN case_review_marks m ON m.review_id = r.id"
        " WHERE r.status = 'submitted' GROUP BY r.id ORDER BY count(m.review_id) DESC, r.id"
        " LIMIT 1").fetchone()[0]
    return chief, {"campaign": campaign, "review": review}


def fill_selfcheck(session: Any, campaign_id: int) -> int:
    """A completed self-check of the campaign against the list that fits it; its id."""
    from models import selfcheck, selfcheck_view
    choices = selfcheck_view.new_selfcheck_choices(session)
    template = min(t for c, t in choices["fits"] if c == campaign_id)
    (sid,) = selfcheck.start_selfcheck(session, campaign_id, template).rows["selfchecks"]
    sid = int(sid)
    for section in selfcheck.get_selfcheck(session, sid)["sections"]:
        for item in section["items"]:
            answer, note, evidence = SELFCHECK_ANSWERS.get(item["code"], ("conform", "", ""))
            selfcheck.answer_item(session, sid, item["code"], answer, note=note,
                                  evidence=evidence)
    selfcheck.complete_selfcheck(session, sid)
    return sid


def builders(session: Any, ids: dict[str, int]) -> dict[str, Callable[[], Any]]:
    """Form code -> a function making that form afresh (a form's rows are read once)."""
    from models import form_data, form_leads, form_stats
    from models.form_data import FormOptions
    from models.form_stats import CasesRow, MaterialsRow
    from models.leads import LeadFilter
    from models.ledger_query import LedgerFilter
    options = FormOptions(fill_date=FILL_DATE, filler=FILLER[0], contact=FILLER[0],
                          phone=FILLER[1])
    flt = LedgerFilter(campaign_id=ids["campaign"])
    out: dict[str, Callable[[], Any]] = {
        code: (lambda code=code: form_data.ledger_form(session, code, flt, options))
        for code in form_data.LEDGER_FORMS}
    leads = LeadFilter(campaign_id=ids["campaign"], include_unassigned=True)
    out["clues"] = lambda: form_leads.clues_form(session, leads, options)
    out["selfcheck"] = lambda: form_data.selfcheck_form(session, ids["selfcheck"], options)
    out["casereview"] = lambda: form_data.casereview_form(session, ids["review"], options)
    marks = [MaterialsRow(unit, *(c == "√" for c in signs)) for unit, signs in MATERIALS]
    out["materials"] = lambda: form_stats.materials_form(marks, as_of=date(2024, 4, 10))
    cases = [CasesRow(*row) for row in CASES]
    out["cases"] = lambda: form_stats.cases_form(cases, period="3.1-3.31",
                                                 exam_period="2024.1-2024.4")
    from models import form_brief, form_reports    # the demo's 工作简报, 调度表, 案件统计
    first_brief = session.store.conn.execute("SELECT min(id) FROM briefs").fetchone()[0]
    out["brief"] = lambda: form_brief.brief_form(session, first_brief, options)
    out["schedule"] = lambda: form_reports.schedule_form(session, ids["campaign"], "2023-07",
                                                         options)
    out["case_stats"] = lambda: form_reports.case_stats_form(session, options=options)
    from models import letter_forms    # the demo's 执法监督意见书 answered and signed
    answered = session.store.conn.execute(
        "SELECT min(letter_id) FROM letter_answers WHERE status = 'signed'").fetchone()[0]
    out["letter"] = lambda: letter_forms.letter_form(session, answered, options)
    return out


def render_page1(pdf: Path, png: Path) -> None:
    """Page 1 of ``pdf`` as ``png`` at :data:`DPI`, in :data:`COLORS` colours (a quarter of
    the size, the text as legible: the pages are black on white)."""
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png.with_suffix(""))], check=True, timeout=120)
    from PIL import Image    # Pillow comes with reportlab
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=COLORS, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


def xlsx_to_pdf(xlsx: Path, folder: Path, profile: Path) -> Path:
    """``xlsx`` printed to PDF by LibreOffice (its own profile in ``profile``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is not installed: apt-get install -y "
                         "--no-install-recommends libreoffice-calc-nogui")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
                   check=True, timeout=300, capture_output=True)
    return folder / (xlsx.stem + ".pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", nargs="*", help="only these form codes")
    parser.add_argument("--keep", type=Path, help="write the xlsx and PDF files here")
    args = parser.parse_args()
    from models import pdf_export, xlsx_export
    with tempfile.TemporaryDirectory(prefix="fieldledger-forms-") as tmp:
        work = args.keep or Path(tmp) / "files"
        work.mkdir(parents=True, exist_ok=True)
        session, ids = demo(Path(tmp) / "data")
        ids["selfcheck"] = fill_selfcheck(session, ids["campaign"])
        OUT.mkdir(parents=True, exist_ok=True)
        for code, build in builders(session, ids).items():
            if args.codes and code not in args.codes:
                continue
            xlsx = xlsx_export.write_form(build(), work / f"{code}.xlsx")
            pdf = pdf_export.write_form(build(), work / f"{code}.pdf")
            assert xlsx.sha256 == pdf.sha256, f"{code}: the two digests differ"
            render_page1(Path(pdf.path), OUT / f"{code}-pdf.png")
            printed = xlsx_to_pdf(Path(xlsx.path), work / "printed", Path(tmp) / "lo-profile")
            render_page1(printed, OUT / f"{code}-xlsx.png")
            print(f"{code}: {xlsx.rows} rows, sha256 {xlsx.sha256[:16]}…")
        session.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
