"""培训台账 and 执法证 (models.training, models.form_training, models.office_training): 60 学时
totals by year (a record counts in its own year), half hours, a session of several officers in
one transaction, the checks, certificate flags on a fixed day, the forms, and the office's view
of the imported records."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import deliver, director, is_chinese, make_office

from models import (
    audit,
    directory,
    form_training,
    office_training,
    package_contents,
    pdf_export,
    training,
    xlsx_export,
)
from models.errors import NotFound, PermissionDenied, ValidationError
from models.form_data import FormOptions
from models.forms import digest_of
from models.session import Session
from models.store import Store

TODAY = date(2024, 6, 30)        # 2024 is a leap year: day 182 of 366


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


def person(store: Store, name: str) -> int:
    return store.conn.execute("SELECT id FROM people WHERE name = ?", (name,)).fetchone()[0]


def add(session: Session, names: list[str], day: str, hours: Any, form: str = "central",
        topic: str = "行政处罚法专题学习", **more: Any) -> Any:
    return training.add_trainings(session, [person(session.store, n) for n in names], date=day,
                                  topic=topic, form=form, hours=hours, **more)


def totals(session: Session, year: int, today: date = TODAY) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in training.year_totals(session, year, today=today)}


def refused(session: Session, exc: type[Exception], func: Callable[..., Any], *args: Any,
            match: str | None = None, **kwargs: Any) -> Exception:
    """``func`` raises ``exc`` with a Chinese message and writes nothing."""
    head = audit.head(session.store.conn)
    with pytest.raises(exc, match=match) as info:
        func(session, *args, **kwargs)
    assert is_chinese(str(info.value))
    assert audit.head(session.store.conn) == head
    return info.value


# --- totals -------------------------------------------------------------------------------------

def test_a_record_counts_in_the_year_of_its_date(chief: Session) -> None:
    add(chief, ["李海龙"], "2023-12-31", 8, topic="年末集中学习")
    add(chief, ["李海龙"], "2024-01-01", 2.5, "online", topic="元旦线上自学")
    add(chief, ["李海龙"], "2024-12-31", 1.5, "lecture", topic="法治讲堂")
    add(chief, ["李海龙"], "2025-01-01", 4, "practice", topic="实践培训")
    assert totals(chief, 2023)["李海龙"]["total"] == 8
    row = totals(chief, 2024)["李海龙"]
    assert (row["total"], row["sessions"]) == (4, 2)
    assert (row["central"], row["online"], row["lecture"], row["practice"]) == (0, 2.5, 1.5, 0)
    assert totals(chief, 2025)["李海龙"]["total"] == 4
    assert training.training_years(chief, today=TODAY) == [2025, 2024, 2023]
    assert [r["date"] for r in training.list_trainings(chief, 2024)] == ["2024-12-31",
                                                                          "2024-01-01"]


def test_half_hours_add_up_exactly_and_the_target_is_60(chief: Session) -> None:
    for n in range(8):                                  # 8 × 7.5 = 60 exactly
        add(chief, ["马文斌"], f"2024-03-{n + 1:02d}", "7.5", topic=f"第{n + 1}期集中学习")
    for n in range(3):
        add(chief, ["李海龙"], f"2024-04-{n + 1:02d}", 0.5, "online", topic=f"微课{n + 1}")
    rows = totals(chief, 2024, today=date(2024, 12, 31))
    assert rows["马文斌"]["total"] == 60 and rows["马文斌"]["standing"] == "done"
    assert not rows["马文斌"]["behind"]
    assert rows["李海龙"]["total"] == 1.5 and rows["李海龙"]["behind"]
    assert training.TARGET_HOURS == 60 and rows["李海龙"]["target"] == 60


def test_on_track_by_date_and_standing(chief: Session) -> None:
    expected = training.expected_hours(2024, TODAY)
    assert expected == round(60 * 182 / 366, 1) == 29.8
    assert training.expected_hours(2024, date(2025, 1, 5)) == 60
    assert training.expected_hours(2025, TODAY) == 0
    add(chief, ["李海龙"], "2024-05-10", 24, topic="全员轮训（一）")
    add(chief, ["李海龙"], "2024-05-11", 6, topic="全员轮训（二）")          # 30 ≥ 29.8
    add(chief, ["索南扎西"], "2024-05-10", 24, topic="全员轮训（一）")      # 24: behind
    add(chief, ["马文斌"], "2024-05-10", 14.5, topic="全员轮训（一）")     # under half: far
    rows = totals(chief, 2024)
    assert (rows["李海龙"]["on_track"], rows["李海龙"]["standing"]) == (True, "on_track")
    assert (rows["索南扎西"]["on_track"], rows["索南扎西"]["standing"]) == (False, "behind")
    assert rows["马文斌"]["standing"] == "far_behind" and rows["才让东智"]["total"] == 0
    assert all(r["behind"] and r["expected"] == 29.8 for r in rows.values()
               if not r["auxiliary"])
    after = totals(chief, 2024, today=date(2025, 2, 1))     # the year is over
    assert {r["standing"] for r in after.values() if not r["auxiliary"]} == {"missed"}
    assert after["张强"]["standing"] == "na" and after["张强"]["target"] is None


def test_totals_are_one_query_not_a_loop(chief: Session) -> None:
    """year_totals asks SQLite once, whatever the number of people and records."""
    add(chief, ["李海龙", "索南扎西", "马文斌"], "2024-03-01", 2)
    statements: list[str] = []
    chief.store.conn.set_trace_callback(statements.append)
    try:
        training.year_totals(chief, 2024, today=TODAY)
    finally:
        chief.store.conn.set_trace_callback(None)
    selects = [s for s in statements if "FROM people p" in s]
    assert len(selects) == 1 and "GROUP BY p.id" in selects[0]


def test_people_who_left_are_listed_for_the_years_they_trained(chief: Session) -> None:
    add(chief, ["张强"], "2024-02-01", 3, "practice")
    directory.update_person(chief, person(chief.store, "张强"), active=False)
    assert "张强" in totals(chief, 2024) and not totals(chief, 2024)["张强"]["active"]
    assert "张强" not in totals(chief, 2023)


# --- adding, changing, refusing -----------------------------------------------------------------

def test_a_session_of_several_officers_is_one_transaction(chief: Session) -> None:
    names = ["李海龙", "索南扎西", "马文斌"]
    before = audit.head(chief.store.conn)[0]
    changes = add(chief, names, "2024-03-15", "3.5", "lecture", topic="法治讲堂：行政强制法",
                  assessment="合格")
    assert len(changes.rows["trainings"]) == 3
    entries = chief.store.conn.execute(
        "SELECT seq, ts, action, tbl FROM audit_log WHERE seq > ? ORDER BY seq",
        (before,)).fetchall()
    assert [e[2:] for e in entries] == [("insert", "trainings")] * 3
    assert len({e[1] for e in entries}) <= 3 and entries[-1][0] == before + 3
    stamps = {r["created_at"] for r in training.list_trainings(chief, 2024)}
    assert len(stamps) == 1                             # one write, one time stamp

    # one refused person (a duplicate) refuses the whole session: nothing written
    refused(chief, ValidationError, training.add_trainings,
            [person(chief.store, n) for n in ("才让东智", "李海龙")], date="2024-03-15",
            topic="法治讲堂：行政强制法", form="lecture", hours=3.5, match="已经登记过")
    assert "才让东智" not in {r["name"] for r in training.list_trainings(chief, 2024)}
    # a person listed twice is recorded once
    add(chief, ["才让东智", "才让东智"], "2024-03-16", 2)
    assert [r["name"] for r in training.list_trainings(chief, 2024)].count("才让东智") == 1


@pytest.mark.parametrize("hours", [0, -1, 24.5, 1.25, "abc", "", None, "1/2"])
def test_bad_hours_are_refused(chief: Session, hours: Any) -> None:
    refused(chief, ValidationError, training.add_training, person(chief.store, "李海龙"),
            date="2024-03-01", topic="学习", form="central", hours=hours, match="学时")


def test_checks(chief: Session, demo: Store) -> None:
    pid = person(demo, "李海龙")
    good = {"date": "2024-03-01", "topic": "学习", "form": "central", "hours": 2}
    refused(chief, ValidationError, training.add_training, pid, **{**good, "form": "讲座"},
            match="培训形式")
    refused(chief, ValidationError, training.add_training, pid, **{**good, "topic": " "},
            match="培训内容")
    refused(chief, ValidationError, training.add_training, pid, **{**good, "date": "2024-02-30"},
            match="日期")
    refused(chief, ValidationError, training.add_trainings, [], **good, match="至少选择")
    refused(chief, ValidationError, training.add_training, pid,
            **{**good, "date": date.today().replace(year=date.today().year + 1)},
            match="晚于今天")
    refused(chief, NotFound, training.add_training, 99999, **good)
    with demo.write("test") as w:
        other_unit = demo.conn.execute("SELECT id FROM units WHERE id != ? LIMIT 1",
                                       (chief.unit_id,)).fetchone()[0]
        stranger = w.insert("people", {"unit_id": other_unit, "name": "外单位人员",
                                       "created_at": "2024-01-01", "updated_at": "2024-01-01"})
    refused(chief, ValidationError, training.add_training, stranger, **good, match="不是本单位")
    assert training.add_training(chief, pid, **{**good, "hours": 24})
    refused(chief, ValidationError, training.add_training, pid,
            **{**good, "topic": "同日第二次", "hours": 0.5}, match="24 学时")


def test_officers_read_but_do_not_record(demo: Store) -> None:
    officer = login_as(demo, "officer")
    reviewer = login_as(demo, "reviewer")
    with pytest.raises(PermissionDenied):
        training.add_training(officer, person(demo, "李海龙"), date="2024-03-01",
                              topic="学习", form="central", hours=2)
    assert training.add_training(reviewer, person(demo, "李海龙"), date="2024-03-01",
                                 topic="法治讲堂", form="lecture", hours=2)
    assert totals(officer, 2024)["李海龙"]["total"] == 2
    with pytest.raises(PermissionDenied):
        training.set_certificate(reviewer, person(demo, "李海龙"), "valid")


def test_update_and_delete(chief: Session) -> None:
    add(chief, ["李海龙"], "2024-03-01", 2)
    (tid,) = [r["id"] for r in training.list_trainings(chief, 2024)]
    assert training.update_training(chief, tid, hours="2.5", assessment="优秀",
                                    person_id=person(chief.store, "索南扎西"))
    assert not training.update_training(chief, tid, hours=2.5)      # nothing changed
    (row,) = training.list_trainings(chief, 2024)
    assert (row["name"], row["hours"], row["assessment"]) == ("索南扎西", 2.5, "优秀")
    add(chief, ["索南扎西"], "2024-03-02", 2, topic="另一次")
    refused(chief, ValidationError, training.update_training, tid, date="2024-03-02",
            topic="另一次", match="已经登记过")
    refused(chief, ValidationError, training.update_training, tid, hours=0, match="学时")
    assert training.delete_training(chief, tid)
    refused(chief, NotFound, training.delete_training, tid)
    assert chief.store.verify_audit().ok


# --- certificates -------------------------------------------------------------------------------

def test_certificate_flags_on_a_fixed_day(chief: Session, demo: Store) -> None:
    set_cert = training.set_certificate
    set_cert(chief, person(demo, "才让东智"), "valid", "2021-03-15", "2027-03-14")
    set_cert(chief, person(demo, "马文斌"), "valid", "2020-09-01", "2024-09-28")  # day 90
    set_cert(chief, person(demo, "李海龙"), "valid", "2022-05-10", "2024-06-30")  # today
    set_cert(chief, person(demo, "索南扎西"), "valid", "2019-12-20", "2024-06-29")  # yesterday
    directory.add_person(chief, name="马明", title="执法队员（见习）")        # no 执法证号
    directory.add_person(chief, name="卓玛", title="执法队员", cert_no="63260021030")
    set_cert(chief, person(demo, "卓玛"), "suspended", note="涉嫌违纪，暂扣执法证")
    directory.add_person(chief, name="扎西才让", title="执法队员", cert_no="63260021031")
    set_cert(chief, person(demo, "扎西才让"), "revoked", "2018-01-01", "2028-01-01")
    directory.add_person(chief, name="周平", title="执法队员", cert_no="63260021032")
    set_cert(chief, person(demo, "周平"), "valid", "2023-01-01", "2024-09-29")     # day 91

    rows = {r["name"]: r for r in training.certificate_flags(chief, today=TODAY)}
    expected = {"才让东智": [], "马文斌": ["expiring"], "李海龙": ["expiring"],
                "索南扎西": ["expired"], "王丽": ["no_cert"], "张强": [], "马明": ["no_cert"],
                "卓玛": ["suspended"], "扎西才让": ["revoked"], "周平": []}
    assert {n: r["flags"] for n, r in rows.items()} == expected
    assert {n for n, r in rows.items() if r["certified"]} == {"才让东智", "马文斌", "李海龙",
                                                             "周平"}
    assert rows["张强"]["auxiliary"] and not rows["张强"]["certified"]    # 执法辅助人员
    assert rows["卓玛"]["cert_note"] == "涉嫌违纪，暂扣执法证"
    # the same flags in the yearly totals and in the dashboard's reminders
    assert {n: r["flags"] for n, r in totals(chief, 2024).items()} == expected
    due = training.reminders(chief, TODAY)
    assert set(due["uncertified"]) == {"索南扎西", "王丽", "马明", "卓玛", "扎西才让"}
    assert set(due["expiring"]) == {"马文斌", "李海龙"} and due["target"] == 60
    assert "张强" not in due["behind"] and "才让东智" in due["behind"]
    # a day later 李海龙's certificate has run out
    later = {r["name"]: r for r in training.certificate_flags(chief, today=date(2024, 7, 1))}
    assert later["李海龙"]["flags"] == ["expired"] and not later["李海龙"]["certified"]


def test_set_certificate(chief: Session, demo: Store) -> None:
    pid = person(demo, "李海龙")
    changes = training.set_certificate(chief, pid, "valid", "2022-05-10", date(2027, 5, 9))
    assert changes.tables == {"person_certificates"}
    assert not training.set_certificate(chief, pid, "valid", "2022-05-10", "2027-05-09")
    assert training.set_certificate(chief, pid, "suspended", "2022-05-10", "2027-05-09", "暂扣")
    row = demo.query("SELECT * FROM person_certificates WHERE person_id = ?", (pid,))[0]
    assert (row["status"], row["valid_until"], row["note"]) == ("suspended", "2027-05-09", "暂扣")
    refused(chief, ValidationError, training.set_certificate, pid, "lost", match="证件状态")
    refused(chief, ValidationError, training.set_certificate, pid, "valid", "2024-05-10",
            "2024-05-09", match="有效期至")
    refused(chief, ValidationError, training.set_certificate, pid, "valid", "2024-13-01",
            match="发证日期")
    refused(chief, NotFound, training.set_certificate, 99999, "valid")
    assert demo.verify_audit().ok


# --- forms --------------------------------------------------------------------------------------

def test_forms(chief: Session, tmp_path: Path) -> None:
    add(chief, ["李海龙", "索南扎西"], "2024-03-01", 3.5, topic="行政处罚法", assessment="合格")
    for n in range(6):
        add(chief, ["才让东智"], f"2024-0{n + 4}-01", 10, "online", topic=f"线上自学第{n + 1}期")
    add(chief, ["李海龙"], "2023-12-30", 8, topic="上一年度")
    training.set_certificate(chief, person(chief.store, "索南扎西"), "valid", "2019-01-01",
                             "2024-06-01")
    options = FormOptions(TODAY, filler="王丽")
    form = form_training.ledger_form(chief, 2024, options)
    rows = list(form.rows)
    assert [c.header for c in form.columns] == ["序号", "姓名", "执法证号", "日期", "培训内容",
                                                 "培训形式", "学时", "考核情况"]
    assert form.title == "2024年度执法人员培训台账" and form.code == "training"
    assert form.header_left == "填报单位（盖章）：玛沁县大武超限检测站"
    # officer by officer (the unit's order), each by date; 2023's record is not there
    assert [(r[1], r[3]) for r in rows][:3] == [("才让东智", "2024-04-01"),
                                                ("才让东智", "2024-05-01"),
                                                ("才让东智", "2024-06-01")]
    assert rows[6] == [7, "李海龙", "63260021012", "2024-03-01", "行政处罚法", "集中学习", 3.5,
                       "合格"]
    assert len(rows) == 8 and form.footer[0] == "合计：3 人，8 人次，67 学时"
    assert "填报人：王丽" in form.footer and "60 学时" in form.notes[0]

    hours = form_training.hours_form(chief, 2024, options)
    table = {r[1]: r for r in hours.rows}
    assert [c.header for c in hours.columns][3:] == ["集中学习", "线上自学", "法治讲堂", "实践培训",
                                                    "合计", "是否达标", "备注"]
    assert {c.group for c in hours.columns[3:7]} == {"培训形式及学时"}
    assert table["才让东智"][3:9] == [0, 60, 0, 0, 60, "是"]
    assert table["李海龙"][7:9] == [3.5, "否"]
    assert table["张强"][8:] == ["不适用", "执法辅助人员"]
    assert table["索南扎西"][9] == "执法证已过期（有效期至 2024-06-01）"
    assert table["王丽"][9] == "无执法证号"
    assert hours.footer[0].startswith("执法人员 5 人，达到 60 学时 1 人，未达到 4 人")
    for build in (lambda: form_training.ledger_form(chief, 2024, options),
                  lambda: form_training.hours_form(chief, 2024, options)):
        x = xlsx_export.write_form(build(), tmp_path / "f.xlsx")
        p = pdf_export.write_form(build(), tmp_path / "f.pdf")
        assert x.sha256 == p.sha256 == digest_of(build())
        assert (tmp_path / "f.pdf").read_bytes()[:4] == b"%PDF"


def test_packages_carry_the_training_forms(chief: Session, tmp_path: Path) -> None:
    add(chief, ["李海龙"], "2024-05-20", 4, topic="五月学习")
    add(chief, ["李海龙"], "2024-07-20", 4, topic="七月学习")
    assert package_contents.PACKAGE_FORM_BUILDERS["training"] == \
        "models.form_training:package_forms"
    files = {item.path: item.source for item in package_contents.collect(
        chief, campaign_id=None, period=(date(2024, 6, 1), date(2024, 6, 30)),
        materials=("training", "forms"), since_seq=0, work_dir=tmp_path / "work")}
    assert {"forms/2024年度培训台账.xlsx", "forms/2024年度培训台账.pdf",
            "forms/2024年度学时统计.xlsx", "forms/2024年度学时统计.pdf"} <= set(files)
    assert "records/trainings.jsonl" in files
    (stem, build), (_stem, _hours) = form_training.package_forms(
        chief, None, (date(2024, 6, 1), date(2024, 6, 30)))
    assert stem == "2024年度培训台账"
    assert [r[3] for r in build().rows] == ["2024-05-20"]      # up to the period's end
    hours = _hours()
    assert {r[1]: r[7] for r in hours.rows}["李海龙"] == 4        # July's record not counted
    assert "统计截至 2024-06-30" in hours.footer[0]
    without = {item.path for item in package_contents.collect(
        chief, campaign_id=None, period=None, materials=("forms",), since_seq=0,
        work_dir=tmp_path / "work2")}
    assert not any("培训" in p for p in without)


# --- the office ---------------------------------------------------------------------------------

def test_the_office_reads_the_units_training_totals(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    add(chief, ["李海龙", "索南扎西"], "2024-03-01", 20, topic="全员轮训")
    add(chief, ["李海龙"], "2024-04-01", 24, topic="集中学习")
    add(chief, ["李海龙"], "2024-05-01", 16.5, "online", topic="线上自学")
    add(chief, ["索南扎西"], "2023-11-01", 6, "lecture", topic="法治讲堂")
    training.set_certificate(chief, person(station, "索南扎西"), "valid", "2019-01-01",
                             "2024-06-01")
    office = make_office(tmp_path / "office")
    try:
        deliver(station, office, tmp_path / "stick")
        rows = office_training.unit_training(director(office), "QH-632621-DW", today=TODAY)
        year = {r["name"]: r for r in rows if r["year"] == 2024}
        assert year["李海龙"]["total"] == 60.5 and year["李海龙"]["standing"] == "done"
        assert (year["李海龙"]["central"], year["李海龙"]["online"]) == (44, 16.5)
        assert year["索南扎西"]["standing"] == "behind" and year["索南扎西"]["flags"] == ["expired"]
        assert year["马文斌"]["total"] == 0 and year["马文斌"]["standing"] == "far_behind"
        assert year["张强"]["standing"] == "na"
        last = {r["name"]: r for r in rows if r["year"] == 2023}
        assert last["索南扎西"]["total"] == 6 and last["索南扎西"]["standing"] == "missed"
        # the unit's own totals, judged the same way
        own = totals(chief, 2024)
        for name, row in year.items():
            assert (row["total"], row["standing"], row["flags"]) == (
                own[name]["total"], own[name]["standing"], own[name]["flags"]), name
        with pytest.raises(NotFound):
            office_training.unit_training(director(office), "NO-SUCH-UNIT")
    finally:
        office.close()
