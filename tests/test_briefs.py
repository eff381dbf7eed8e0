"""工作简报 (models.briefs): 期数 per unit and campaign, draft → final (the chief, a title and a
text required), photos with captions in the evidence store, and the brief as an export form
(models.form_brief): the Excel file and the document-style PDF carry one content digest."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import login_as
from report_helpers import campaign_id, photo

from models import briefs, evidence, form_brief, pdf_export, xlsx_export
from models.errors import NotFound, PermissionDenied, ValidationError
from models.forms import digest_of
from models.store import Store

XIANGYUAN = "襄交〔2024〕127号"


def _new(s, period: str = "2024-05", title: str = "本月工作简报", body: str = "本月工作。",
         campaign: int | None = None) -> int:
    changes = briefs.create_brief(s, period=period, title=title, body=body, campaign_id=campaign)
    return int(next(iter(changes.rows["briefs"])))


def _issue(store: Store, brief: int) -> int:
    return store.conn.execute("SELECT issue_no FROM briefs WHERE id = ?", (brief,)).fetchone()[0]


def test_issue_numbers_count_per_unit_and_campaign(demo: Store) -> None:
    officer = login_as(demo, "officer")
    qinghai, xiangyuan = campaign_id(demo), campaign_id(demo, XIANGYUAN)
    first = _new(officer, "2024-04", campaign=qinghai)
    second = _new(officer, "2024-05", campaign=qinghai)
    other = _new(officer, "2024-05", campaign=xiangyuan)
    loose = _new(officer, "2024-05")
    assert [_issue(demo, b) for b in (first, second, other, loose)] == [1, 2, 1, 1]
    # a deleted draft's number is given again only when it was the highest
    briefs.delete_brief(officer, second)
    assert _issue(demo, _new(officer, "2024-06", campaign=qinghai)) == 2
    rows = briefs.list_briefs(officer)
    assert [r["period"] for r in rows] == sorted((r["period"] for r in rows), reverse=True)
    only = briefs.list_briefs(officer, xiangyuan, all_campaigns=False)
    assert [(r["id"], r["campaign"], r["author"]) for r in only] == [
        (other, demo.conn.execute("SELECT title FROM campaigns WHERE id = ?",
                                  (xiangyuan,)).fetchone()[0], "李海龙")]
    assert demo.verify_audit().ok


def test_fields_are_checked(demo: Store) -> None:
    officer = login_as(demo, "officer")
    with pytest.raises(ValidationError, match="报送月份"):
        _new(officer, period="2024-13")
    with pytest.raises(ValidationError, match="简报标题"):
        _new(officer, title="  ")
    with pytest.raises(NotFound):
        _new(officer, campaign=999)
    brief = _new(officer)
    with pytest.raises(ValidationError, match="报送月份"):
        briefs.update_brief(officer, brief, period="五月")
    assert not briefs.update_brief(officer, brief, title="本月工作简报")   # nothing changed
    assert briefs.update_brief(officer, brief, period="2024-06", body="新的正文")


def test_the_chief_finalises_and_takes_back(demo: Store, tmp_path: Path) -> None:
    officer, chief = login_as(demo, "officer"), login_as(demo, "chief")
    brief = _new(officer, body="")
    with pytest.raises(PermissionDenied):
        briefs.finalise_brief(officer, brief)
    with pytest.raises(ValidationError, match="简报正文"):       # a final brief needs a text
        briefs.finalise_brief(chief, brief)
    briefs.update_brief(officer, brief, body="组织集中学习一次。")
    briefs.finalise_brief(chief, brief)
    assert briefs.get_brief(officer, brief)["status"] == "final"
    # nothing of a final brief changes
    for attempt in (lambda: briefs.update_brief(officer, brief, title="改标题"),
                    lambda: briefs.add_photo(officer, brief, photo(tmp_path)),
                    lambda: briefs.delete_brief(officer, brief),
                    lambda: briefs.finalise_brief(chief, brief)):
        with pytest.raises(ValidationError, match="已定稿"):
            attempt()
    briefs.reopen_brief(chief, brief)
    with pytest.raises(ValidationError, match="草稿"):
        briefs.reopen_brief(chief, brief)
    assert briefs.update_brief(officer, brief, title="改过的标题")
    assert demo.verify_audit().ok


def test_photos(demo: Store, tmp_path: Path) -> None:
    officer, chief = login_as(demo, "officer"), login_as(demo, "chief")
    one, two = _new(officer), _new(officer, "2024-06")
    shot = photo(tmp_path / "card", "IMG_0001.jpg")
    briefs.add_photo(officer, one, shot, "称重检测现场")
    briefs.add_photo(chief, two, shot)                    # the same picture in another brief
    text = tmp_path / "说明.txt"
    text.write_text("不是照片", encoding="utf-8")
    with pytest.raises(ValidationError, match="不是照片"):
        briefs.add_photo(officer, one, text)
    fake = tmp_path / "假照片.jpg"
    fake.write_bytes(b"MZ\x90\x00 a program renamed")
    with pytest.raises(ValidationError):
        briefs.add_photo(officer, one, fake)
    shown = briefs.get_brief(officer, one)
    [row] = shown["photo_rows"]
    assert (row["caption"], row["original_name"], row["media_type"]) == \
        ("称重检测现场", "IMG_0001.jpg", "image/jpeg")
    stored = Path(row["path"])
    assert stored.is_file() and stored.read_bytes() == shot.read_bytes()
    assert evidence.verify_file(demo, row).status == "ok"
    briefs.set_caption(officer, row["id"], "执法人员在称重区检测过往货车")
    assert briefs.get_brief(officer, one)["photo_rows"][0]["caption"] == "执法人员在称重区检测过往货车"
    briefs.remove_photo(officer, row["id"])
    assert stored.is_file()                               # the other brief still shows it
    [other] = briefs.get_brief(officer, two)["photo_rows"]
    briefs.remove_photo(officer, other["id"])
    assert not stored.exists()                            # no row refers to it any more
    assert demo.verify_audit().ok


def test_photo_limit(demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    officer = login_as(demo, "officer")
    brief = _new(officer)
    monkeypatch.setattr(briefs, "MAX_PHOTOS", 2)
    for n in range(2):
        briefs.add_photo(officer, brief, photo(tmp_path, f"{n}.png", (n * 90, 10, 10)))
    with pytest.raises(ValidationError, match="最多附 2 张"):
        briefs.add_photo(officer, brief, photo(tmp_path, "3.png", (9, 9, 9)))


def test_deleting_a_draft_takes_its_photos(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    brief = _new(officer)
    briefs.add_photo(officer, brief, photo(tmp_path))
    path = Path(briefs.get_brief(officer, brief)["photo_rows"][0]["path"])
    briefs.delete_brief(officer, brief)
    assert not path.exists()
    assert demo.conn.execute("SELECT count(*) FROM brief_photos").fetchone()[0] == 0
    assert demo.verify_audit().ok


def test_another_units_brief_is_not_found(demo: Store) -> None:
    officer = login_as(demo, "officer")
    brief = _new(officer)
    stranger = officer._replace(unit_id=officer.unit_id + 1000)
    with pytest.raises(NotFound):
        briefs.get_brief(stranger, brief)
    assert briefs.list_briefs(stranger) == []


# --- the form ------------------------------------------------------------------------------

def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(str(path)).pages))


def test_brief_form_as_excel_and_document(demo: Store, tmp_path: Path) -> None:
    chief = login_as(demo, "chief")
    brief = _new(chief, "2024-05", "大武超限检测站扎实推进执法质量提升",
                 "5月8日召开动员部署会。\n\n　　开展路面巡查12次，劝返超限车辆30辆。",
                 campaign_id(demo))
    briefs.add_photo(chief, brief, photo(tmp_path, "a.jpg", size=(1600, 1000)), "动员部署会")
    briefs.add_photo(chief, brief, photo(tmp_path, "b.png", (10, 160, 60)), "路面巡查")
    briefs.finalise_brief(chief, brief)
    options = form_brief.FormOptions(None, filler="李海龙", contact="王丽", phone="0975-8381200")
    form = form_brief.brief_form(chief, brief, options)
    assert [r[:2] for r in form.rows] == [
        ["报送月份", "2024年5月"], ["专项行动", "交通运输执法领域突出问题专项整治行动"],
        ["正文", "5月8日召开动员部署会。"], ["", "开展路面巡查12次，劝返超限车辆30辆。"],
        ["照片 1", "动员部署会"], ["照片 2", "路面巡查"]]
    assert form.rows[-1][2] == "b.png" and form.header_left.endswith("第 1 期")
    assert form.notes == ("本期简报已经负责人审核定稿。",) and not form.landscape
    digest = digest_of(form_brief.brief_form(chief, brief, options))

    xlsx = xlsx_export.write_form(form_brief.brief_form(chief, brief, options), tmp_path / "b.xlsx")
    pdf = pdf_export.write_form(form_brief.brief_form(chief, brief, options), tmp_path / "b.pdf")
    assert xlsx.sha256 == pdf.sha256 == digest
    text = _pdf_text(tmp_path / "b.pdf")
    for part in ("工作简报", "第1期", "大武超限检测站扎实推进执法质量提升", "2024年5月",
                 "5月8日召开动员部署会。", "图1动员部署会", "图2路面巡查", "填报人：李海龙",
                 "本期简报已经负责人审核定稿。", digest):
        assert part in text, part
    # the photos are embedded, scaled down to print size
    assert 10_000 < (tmp_path / "b.pdf").stat().st_size < 2_000_000
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1",
                        str(tmp_path / "b.pdf"), str(tmp_path / "page")], check=True)
        assert (tmp_path / "page-1.png").stat().st_size > 5_000


def test_an_unreadable_photo_is_named_in_its_place(demo: Store, tmp_path: Path) -> None:
    chief = login_as(demo, "chief")
    brief = _new(chief)
    briefs.add_photo(chief, brief, photo(tmp_path))
    Path(briefs.get_brief(chief, brief)["photo_rows"][0]["path"]).unlink()
    pdf_export.write_form(form_brief.brief_form(chief, brief), tmp_path / "b.pdf")
    assert "照片无法显示：现场.png" in _pdf_text(tmp_path / "b.pdf")


def test_package_forms_are_the_final_briefs_of_the_period(demo: Store) -> None:
    from datetime import date
    officer, chief = login_as(demo, "officer"), login_as(demo, "chief")
    qinghai = campaign_id(demo)
    may = _new(officer, "2024-05", campaign=qinghai)
    _new(officer, "2024-05", campaign=qinghai)            # a draft: not sent
    june = _new(officer, "2024-06")                        # of no campaign: sent with any
    other = _new(officer, "2024-05", campaign=campaign_id(demo, XIANGYUAN))
    for b in (may, june, other):
        briefs.finalise_brief(chief, b)
    names = [n for n, _build in form_brief.package_forms(
        officer, qinghai, (date(2024, 5, 1), date(2024, 6, 30)))]
    assert names == ["工作简报-2024-05-第1期", "工作简报-2024-06-第1期"]
    everything = form_brief.package_forms(officer, None, None)
    assert len(everything) == 3 and everything[1][0] == "工作简报-2024-05-第1期（2）"
    assert everything[0][1]().title
