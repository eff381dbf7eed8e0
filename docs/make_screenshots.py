"""Regenerate the screenshots under docs/ from a fresh demo installation.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py [FILE.png ...]

Uses a temporary data folder and settings, logs in as the demo chief, and saves one PNG per area
listed in SHOTS (and the settings area in English, to show the translation); given file names,
only those. For 自查自纠 an officer has filled part of the Qinghai 2023 self-check beforehand; for
案卷评查 the chief has begun the 复核 of the demo's case file that waits for one; for 报送统计 five
county brigades (installations of their own) have reported the three-year action to the demo;
for 上级来文 its own upper office has sent it a campaign and two 执法监督意见书; for 下级台账 a
station with signatures of its own (花石峡超限检测站) has reported its ledger, one signed row
changed there behind the app's back; for the 执法监督意见书 shots the demo has issued letters to
that station (one answered with a photo and signed by its chief, one overdue) and to a brigade.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHOTS = [("dashboard", "zh_CN", "screenshot-main.png"),
         ("ledger", "zh_CN", "screenshot-ledger.png"),
         ("settings", "zh_CN", "screenshot-settings.png"),
         ("settings", "en", "screenshot-settings-en.png"),
         ("selfcheck", "zh_CN", "screenshot-selfcheck.png"),
         ("review", "zh_CN", "screenshot-casereview.png"),
         ("ledger_signed", "zh_CN", "screenshot-signatures.png"),
         ("signing_dialog", "zh_CN", "screenshot-signing-dialog.png"),
         ("submission", "zh_CN", "screenshot-submission.png"),
         ("keys", "zh_CN", "screenshot-decryption-key.png"),
         ("office_stats", "zh_CN", "screenshot-office-stats.png"),
         ("instructions", "zh_CN", "screenshot-instructions.png"),
         ("office_browse", "zh_CN", "screenshot-office-browse.png"),
         ("letters_station", "zh_CN", "screenshot-letters-station.png"),
         ("letters_office", "zh_CN", "screenshot-letters-office.png"),
         ("training", "zh_CN", "screenshot-training.png"),
         ("office_training", "zh_CN", "screenshot-office-training.png"),
         ("leads", "zh_CN", "screenshot-leads.png"),
         ("briefs", "zh_CN", "screenshot-briefs.png"),
         ("schedule", "zh_CN", "screenshot-schedule.png"),
         ("case_stats", "zh_CN", "screenshot-case-stats.png")]

#: Screenshots of the ledger area in a particular state: area name -> the area shown.
PSEUDO_AREAS = {"ledger_signed": "ledger", "signing_dialog": "ledger", "keys": "settings",
                "office_stats": "submission", "instructions": "submission",
                "office_browse": "submission", "letters_station": "submission",
                "letters_office": "submission", "training": "ledgers",
                "office_training": "submission", "leads": "ledgers", "briefs": "ledgers",
                "schedule": "ledgers", "case_stats": "ledgers"}

#: (item code, answer, note, evidence looked at) of the self-check shown in 自查自纠
SELFCHECK_ANSWERS = [
    ("1.1", "conform", "", "2023 年度考核办法、站务会议纪要"),
    ("1.2", "conform", "", "非现场执法设备设置公示材料"),
    ("1.3", "nonconform", "对辖区收费停车场收取过夜停车费，未见收费依据和公示", "收费台账、现场照片"),
    ("1.4", "conform", "", "缴库凭证"),
    ("2.1", "conform", "", "裁量基准、同类案卷对比"),
    ("2.2", "nonconform", "暂扣车辆登记不全，2 辆车未出具行政强制措施决定书", "暂扣车辆登记台账"),
    ("2.3", "na", "本站不承担该类执法事项", ""),
]


def _png(width: int = 96, height: int = 64) -> bytes:
    """A small blue PNG, standing for a photo of the evidence."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\x4a\x7b\xb7" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def fill_selfcheck(store, folder: Path) -> int:
    """Part of the Qinghai 2023 self-check, answered by the demo officer; its id."""
    from models import evidence, selfcheck
    from models.demo import QINGHAI_2023
    from models.session import session_without_password
    officer = session_without_password(store, "officer")
    campaign = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                  (QINGHAI_2023["doc_no"],)).fetchone()[0]
    template = store.conn.execute("SELECT id FROM templates WHERE code LIKE '%青海%'").fetchone()[0]
    (sid,) = selfcheck.start_selfcheck(officer, campaign, template).rows["selfchecks"]
    for code, answer, note, looked_at in SELFCHECK_ANSWERS:
        selfcheck.answer_item(officer, int(sid), code, answer, note=note, evidence=looked_at)
    photo = folder / "收费停车场现场照片.png"
    photo.write_bytes(_png())
    pid = store.conn.execute("SELECT problem_id FROM selfcheck_answers a JOIN template_items i"
                             " ON i.id = a.item_id WHERE a.selfcheck_id = ? AND i.code = '1.3'",
                             (int(sid),)).fetchone()[0]
    evidence.attach(officer, pid, photo)
    return int(sid)


#: (item code, occurrences, note) of the chief's 复核 shown in 案卷评查
RECHECK_MARKS = [
    ("D2", 1, "现场勘验笔录未写明检查地点"),
    ("D7", 1, "现场处置无执法记录仪视频"),
    ("J4", 2, "决定书未写明履行期限和救济途径"),
    ("J7", 1, "引用《公路法》条款未到项"),
]


def fill_casereview(store) -> int:
    """The chief's 复核 in progress of the demo file waiting for one; the file's id."""
    from models import casereviews
    from models.session import session_without_password
    chief = session_without_password(store, "chief")
    case_id = store.conn.execute("SELECT id FROM case_files WHERE review_state = 'recheck_required'"
                                 " ORDER BY id LIMIT 1").fetchone()[0]
    (rid,) = casereviews.start_review(chief, case_id, recheck=True).rows["case_reviews"]
    for code, count, note in RECHECK_MARKS:
        casereviews.mark_item(chief, int(rid), code, count, note)
    return int(case_id)


def write_package(store, folder: Path) -> None:
    """One submission package of the 2023 campaign in the outbox, as 报送 shows it."""
    from models import package_out
    from models.demo import DEMO_PASSWORD, QINGHAI_2023
    from models.session import login
    chief = login(store, "chief", DEMO_PASSWORD)
    campaign = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                  (QINGHAI_2023["doc_no"],)).fetchone()[0]
    stick = folder / "stick"
    stick.mkdir()
    package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=campaign, recipients=[])


def add_decryption_keys(store) -> None:
    """The chief's decryption keys for 设置 → 签名密钥: a first one, retired by a second."""
    from models import office_keys
    from models.demo import DEMO_PASSWORD
    from models.session import login
    chief = login(store, "chief", DEMO_PASSWORD)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)


#: The campaign of the 资料报送统计表 shot: seed 004's materials (工作调度表 due 2024-04-10, so a
#: package made now brings it late) and the units reporting it: (name, code, materials attached,
#: whether the package arrives damaged).
THREE_YEAR = {"title": "提升交通运输行政执法质量三年行动", "doc_no": "青交执办〔2024〕1号",
              "kind": "multi_year", "start_date": "2023-01-01", "end_date": "2025-12-31",
              "materials": [{"name": "“三年行动”实施方案"}, {"name": "工作简报"},
                            {"name": "照片视频"},
                            {"name": "工作调度表", "due_date": "2024-04-10"},
                            {"name": "“执法信息系统”推广应用方案"}]}
REPORTING_UNITS = [
    ("玛沁县交通运输综合行政执法大队", "QH-632621", ["“三年行动”实施方案", "工作简报", "照片视频",
                                                 "“执法信息系统”推广应用方案"], False),
    ("班玛县交通运输综合行政执法大队", "QH-632622", ["“三年行动”实施方案", "工作简报", "照片视频",
                                                 "工作调度表", "“执法信息系统”推广应用方案"], False),
    ("甘德县交通运输综合行政执法大队", "QH-632623", ["工作简报", "照片视频"], False),
    ("达日县交通运输综合行政执法大队", "QH-632624", ["“三年行动”实施方案", "工作简报"], True),
    ("久治县交通运输综合行政执法大队", "QH-632625", [], False),
]


def fill_office(store, folder: Path) -> None:
    """The demo as the office of five county brigades: each brigade an installation of its own
    with its seal key and the three-year action, registered here from its enrollment file; four
    export a package with the campaign's materials attached, one of them damaged on the way
    (quarantined), and the office imports them."""
    from models import (
        campaigns,
        enrollment,
        keys,
        office_import,
        office_units,
        package_out,
    )
    from models.demo import DEMO_PASSWORD
    from models.paths import DataDir
    from models.session import login, setup_installation
    from models.store import open_store as open_unit
    office = login(store, "chief", DEMO_PASSWORD)
    campaigns.create_campaign(office, **THREE_YEAR)
    for n, (name, code, attached, damaged) in enumerate(REPORTING_UNITS):
        unit_store = open_unit(DataDir(folder / "units" / code))
        try:
            chief = setup_installation(
                unit_store, unit={"name": name, "code": code, "level": "county"},
                chief={"name": f"负责人{n + 1}"}, username="chief", password=DEMO_PASSWORD)
            keys.create_seal_key(chief, DEMO_PASSWORD)
            key_id = keys._active_key(unit_store, "seal", unit_id=chief.unit_id)
            office_units.register_unit(office, enrollment.enrollment_file(chief, key_id,
                                                                          DEMO_PASSWORD))
            if not attached:
                continue
            (cid,) = campaigns.create_campaign(chief, **THREE_YEAR).rows["campaigns"]
            files = {}
            for material in attached:
                path = folder / "units" / f"{code}-{material.strip('“”')}.pdf"
                path.write_bytes(b"%PDF-1.4 " + material.encode())
                files[material] = [path]
            stick = folder / "units" / f"{code}-stick"
            stick.mkdir()
            pkg = package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=int(cid),
                                             materials=("ledger", "audit"), recipients=[],
                                             campaign_files=files)
            if damaged:
                data = bytearray(pkg.path.read_bytes())
                data[len(data) // 2] ^= 0x01
                pkg.path.write_bytes(bytes(data))
            office_import.import_package(office, pkg.path)
        finally:
            unit_store.close()


#: The 执法监督意见书 of the 上级来文 shot: (number, problems, requirements, deadline in days from
#: today: one past it, one to come).
LETTERS = [
    ("果交执法监〔2024〕3号", ["超限检测站按月下达罚没款任务，变相设置罚没指标",
                           "暂扣车辆 2 辆未出具行政强制措施决定书"],
     "收到后 30 日内完成整改，书面报告整改情况并附印证资料。", -12),
    ("果交执法监〔2024〕7号", ["执法记录仪使用不规范，部分检查过程无全程记录"],
     "开展执法记录仪使用专项培训，完善音像记录制度。", 25),
]


def receive_instructions(store, folder: Path) -> None:
    """The 上级来文 shot: the demo's upper office (果洛州支队, an installation of its own)
    registers the demo station, sends it a campaign and two 执法监督意见书 in one signed file,
    and the demo imports it."""
    from datetime import date, timedelta

    from models import (
        campaigns,
        enrollment,
        instructions,
        keys,
        office_instructions,
        office_units,
        receipts,
    )
    from models.demo import DEMO_PASSWORD, OWN_UNIT
    from models.paths import DataDir
    from models.session import login, setup_installation
    from models.store import open_store as open_office
    office = open_office(DataDir(folder / "golog-office"))
    try:
        boss = setup_installation(office, unit={"name": "果洛州交通运输综合行政执法支队",
                                                "code": "QH-6326", "level": "city"},
                                  chief={"name": "才让"}, username="director",
                                  password=DEMO_PASSWORD)
        keys.create_seal_key(boss, DEMO_PASSWORD)
        chief = login(store, "chief", DEMO_PASSWORD)
        office_units.register_unit(boss, enrollment.enrollment_file(
            chief, keys.held_seal_key(chief), DEMO_PASSWORD))
        receipts.set_office(chief, enrollment.enrollment_file(
            boss, keys.held_seal_key(boss), DEMO_PASSWORD))
        campaigns.create_campaign(
            boss, title="道路运输执法领域突出问题专项监督检查", doc_no="果交执法〔2024〕12号",
            issuer="果洛州交通运输综合行政执法支队", start_date="2024-03-01",
            end_date="2024-12-31", categories=["逐利执法", "执法不规范", "执法粗暴"],
            phases=[{"name": "自查自纠", "deadline": "2024-04-30"}],
            materials=[{"name": "实施方案", "due_date": "2024-03-15"},
                       {"name": "工作简报", "due_date": "2024-05-25"}])
        today = date.today()
        for number, problems, requirements, days in LETTERS:
            office_instructions.issue_letter(boss, unit_code=OWN_UNIT["code"], number=number,
                                             problems=problems, requirements=requirements,
                                             deadline=today + timedelta(days=days),
                                             campaign="道路运输执法领域突出问题专项监督检查")
        stick = folder / "instructions-stick"
        stick.mkdir()
        written = office_instructions.write_instructions(
            boss, OWN_UNIT["code"], DEMO_PASSWORD, stick,
            campaign_ids=[r[0] for r in office.conn.execute("SELECT id FROM campaigns")],
            letter_ids=[r[0] for r in office.conn.execute("SELECT id FROM supervision_letters")])
        instructions.import_instructions(chief, written.path)
    finally:
        office.close()


#: The unit whose ledger the 下级台账 shot shows.
BROWSED_UNIT = ("花石峡超限检测站", "QH-632621-HSX")


#: The 执法监督意见书 of the letters shots, issued by the demo (as office): (unit code, number,
#: problems, deadline in days from today, the answer or None).
OFFICE_LETTERS = [
    (BROWSED_UNIT[1], "玛交执法监〔2024〕4号",
     ["治超检测站夜间执法未全程记录", "卸载货物收费未公示收费依据"], 20,
     ("1. 已修订执法记录仪使用制度，夜班交接检查电量和存储，班长签字。\n"
      "2. 已停止收取卸载费用，在站内公示栏公示卸载流程。")),
    (BROWSED_UNIT[1], "玛交执法监〔2024〕6号", ["处罚决定书送达超期"], -5, None),
    ("QH-632625", "玛交执法监〔2024〕7号", ["未按期报送“三年行动”实施方案"], -12, None),
]


def answer_letters(office, chief, station, folder: Path) -> None:
    """The letters shots: the demo issues :data:`OFFICE_LETTERS`; the browsed station registers
    the demo as its office, imports them, answers the first with a photo and its chief signs."""
    from datetime import date, timedelta

    from models import (
        enrollment,
        instructions,
        keys,
        letters,
        office_instructions,
        receipts,
    )
    from models.demo import DEMO_PASSWORD
    receipts.set_office(chief, enrollment.enrollment_file(office, keys.held_seal_key(office),
                                                          DEMO_PASSWORD))
    for code, number, problems, days, _answer in OFFICE_LETTERS:
        office_instructions.issue_letter(office, unit_code=code, number=number,
                                         problems=problems,
                                         deadline=date.today() + timedelta(days=days),
                                         requirements="收到后 15 日内书面报告整改情况并附印证资料。")
    stick = folder / "letters-stick"
    stick.mkdir()
    for code in dict.fromkeys(c for c, *_rest in OFFICE_LETTERS):
        ids = [r[0] for r in office.store.conn.execute(
            "SELECT id FROM supervision_letters WHERE side = 'issued' AND unit_code = ?", (code,))]
        written = office_instructions.write_instructions(office, code, DEMO_PASSWORD, stick,
                                                         letter_ids=ids)
        if code == BROWSED_UNIT[1]:
            instructions.import_instructions(chief, written.path)
    for code, number, _problems, _days, answer in OFFICE_LETTERS:
        if answer is None or code != BROWSED_UNIT[1]:
            continue
        lid = station.conn.execute("SELECT id FROM supervision_letters WHERE number = ?",
                                   (number,)).fetchone()[0]
        letters.save_answer(chief, lid, answer)
        photo = folder / "记录仪交接登记表.png"
        photo.write_bytes(_png())
        letters.add_answer_file(chief, letters.answer_of(station.conn, lid)["id"], photo)
        letters.sign_answer(chief, lid, DEMO_PASSWORD,
                            letters.answer_to_sign(chief, lid)["sha256"])


def fill_browse(store, folder: Path) -> None:
    """The 下级台账 shot: a station of its own (the demo with signatures, renamed) reports its
    ledger to the demo; one row its 责任人 signed was changed there with the sqlite3 tool."""
    from models import (
        directory,
        enrollment,
        keys,
        office_import,
        office_units,
        package_out,
    )
    from models.demo import DEMO_PASSWORD, create_demo
    from models.paths import DataDir
    from models.session import login
    from models.store import open_store as open_unit
    office = login(store, "chief", DEMO_PASSWORD)
    station = open_unit(DataDir(folder / "browsed-station"))
    try:
        chief = create_demo(station, with_signatures=True)
        directory.update_own_unit(chief, name=BROWSED_UNIT[0], code=BROWSED_UNIT[1])
        chief = login(station, "chief", DEMO_PASSWORD)
        office_units.register_unit(office, enrollment.enrollment_file(
            chief, keys.held_seal_key(chief), DEMO_PASSWORD))
        answer_letters(office, chief, station, folder)
        station.conn.execute("UPDATE problems SET measures = measures || '（已完成）'"
                             " WHERE seq_no = 1 AND campaign_id IS NOT NULL")
        stick = folder / "browsed-stick"
        stick.mkdir()
        pkg = package_out.export_package(chief, stick, DEMO_PASSWORD, recipients=[])
        office_import.import_package(office, pkg.path)
    finally:
        station.close()


def main() -> int:
    tmp = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from models.cli import parse_args
    from models.demo import DEMO_LETTERS, create_demo
    from models.paths import DataDir
    from models.session import session_without_password
    from models.store import open_store
    from ui.app import run_gui

    data = DataDir(Path(tmp) / "data")
    store = open_store(data)
    create_demo(store, with_signatures=True)
    selfcheck_id = fill_selfcheck(store, Path(tmp))
    review_case_id = fill_casereview(store)
    write_package(store, Path(tmp))
    add_decryption_keys(store)
    fill_office(store, Path(tmp))
    receive_instructions(store, Path(tmp))
    fill_browse(store, Path(tmp))
    store.close()
    wanted = set(sys.argv[1:])
    queue = [shot for shot in SHOTS if not wanted or shot[2] in wanted]

    def shown(window) -> None:
        window.resize(1200, 780)

        def next_shot() -> None:
            if not queue:
                window.close()
                QApplication.quit()
                return
            area, language, name = queue.pop(0)
            window.controller.set_language(language)
            QTimer.singleShot(50, lambda: (window.show_area(PSEUDO_AREAS.get(area, area)),
                                           QTimer.singleShot(500, lambda: select(area)),
                                           QTimer.singleShot(1400, lambda: save(name, area))))

        def select(area: str) -> None:
            if area == "ledger":  # a problem in the detail form, as a user works with it
                window.area("ledger").table.selectRow(2)
            if area in ("ledger_signed", "signing_dialog"):  # the 2023 ledger
                page = window.area("ledger")
                page.campaign.setCurrentIndex(next(
                    i for i in range(page.campaign.count())
                    if "突出问题" in page.campaign.itemText(i)))
            if area == "ledger_signed":  # valid, stale and unsigned rows; the stale one open
                QTimer.singleShot(400, lambda: page.table.selectRow(3))
            if area == "signing_dialog":  # the chief about to seal the ledger's draft
                QTimer.singleShot(400, lambda: page.signature_bar.open_sign("单位盖章"))
            if area == "selfcheck":  # the entry view at a 不符合 item, as an officer fills it
                page = window.area("selfcheck")
                page.open_selfcheck(selfcheck_id)
                QTimer.singleShot(250, lambda: page.entry.go_to("1.3"))
            if area == "keys":  # 签名密钥 with the unit's decryption key
                from ui.pages.keys_panel import KeysPanel
                page = window.area("settings")
                panel = page.findChild(KeysPanel)
                page.tabs.setCurrentWidget(panel)
            if area == "office_stats":  # 接收下级报送 → 报送统计, the three-year action
                submission = window.area("submission")
                submission.tabs.setCurrentWidget(submission.office)
                submission.office.tabs.setCurrentWidget(submission.office.stats)
                view = submission.office.stats.materials
                QTimer.singleShot(400, lambda: view.campaign.setCurrentIndex(next(
                    i for i in range(view.campaign.count())
                    if "三年行动" in view.campaign.itemText(i))))
            if area == "instructions":  # 上级来文: two letters, one past its deadline (red)
                submission = window.area("submission")
                submission.tabs.setCurrentWidget(submission.instructions)
            if area == "office_browse":  # 接收下级报送 → 下级台账, a station's signed ledger
                submission = window.area("submission")
                submission.tabs.setCurrentWidget(submission.office)
                browse = submission.office.browse
                submission.office.tabs.setCurrentWidget(browse)
                browse.unit_combo.setCurrentIndex(browse.unit_combo.findData(BROWSED_UNIT[1]))
            if area == "training":  # 其他台账 → 培训台账, an officer on track selected
                tab = window.area("ledgers").tab("training")
                QTimer.singleShot(400, lambda: tab.totals.selectRow(2))
            if area == "office_training":  # 下级台账 → 培训台账 of the reporting station
                submission = window.area("submission")
                submission.tabs.setCurrentWidget(submission.office)
                browse = submission.office.browse
                submission.office.tabs.setCurrentWidget(browse)
                browse.unit_combo.setCurrentIndex(browse.unit_combo.findData(BROWSED_UNIT[1]))
                browse.tabs.setCurrentWidget(browse.training_page)
            if area == "briefs":  # 其他台账 → 工作简报, the first brief with its two photos
                tab = window.area("ledgers").tab("briefs")
                QTimer.singleShot(400, lambda: tab.table.selectRow(tab.table.rowCount() - 1))
            if area in ("schedule", "case_stats"):  # 工作调度表 of July 2023; the months
                window.area("ledgers").tab(area)
            if area == "leads":  # 其他台账 → 投诉举报线索, one lead overdue (red)
                tab = window.area("ledgers").tab("leads")
                QTimer.singleShot(400, lambda: tab.table.selectRow(1))
            if area == "letters_station":  # 上级来文 with the signed answer of a letter open
                submission = window.area("submission")
                tab = submission.instructions
                submission.tabs.setCurrentWidget(tab)

                def open_letter() -> None:
                    row = next(r for r in range(tab.letters_table.rowCount())
                               if tab.letters_table.item(r, 0).text() == DEMO_LETTERS[0][0])
                    tab.letters_table.selectRow(row)
                    tab.show_letter(row)
                QTimer.singleShot(400, open_letter)
            if area == "letters_office":  # 接收下级报送 → 执法监督意见书, answered and overdue
                submission = window.area("submission")
                submission.tabs.setCurrentWidget(submission.office)
                submission.office.tabs.setCurrentWidget(submission.office.letters)
            if area == "review":  # the chief's 复核 in progress, at a deduction
                page = window.area("review")
                page.open_case(review_case_id)
                QTimer.singleShot(250, lambda: page.review.form.tree.select_code("J4"))

        def save(name: str, area: str) -> None:
            if area == "signing_dialog":
                dialog = window.area("ledger").signature_bar.dialog
                dialog.grab().save(str(ROOT / "docs" / name))
                dialog.reject()
            elif area == "letters_station":  # the window, the letter's dialog beside it
                from PySide6.QtGui import QColor, QPainter, QPixmap
                dialog = window.area("submission").instructions.dialog
                dialog.resize(660, window.height())
                main_shot, side = window.grab(), dialog.grab()
                shot = QPixmap(main_shot.width() + side.width() + 8, main_shot.height())
                shot.fill(QColor("#d8d8d8"))
                painter = QPainter(shot)
                painter.drawPixmap(0, 0, main_shot)
                painter.drawPixmap(main_shot.width() + 8, 0, side)
                painter.end()
                shot.save(str(ROOT / "docs" / name))
                dialog.reject()
            else:
                window.grab().save(str(ROOT / "docs" / name))
            print("saved", name)
            next_shot()

        QTimer.singleShot(300, next_shot)

    return run_gui(parse_args(["gui", "--data-dir", str(data.root)]),
                   auto_session=lambda s: session_without_password(s, "chief"), on_shown=shown)


if __name__ == "__main__":
    sys.exit(main())
