"""Regenerate the screenshots under docs/ from a fresh demo installation.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py [FILE.png ...]

Uses a temporary data folder and settings, logs in as the demo chief, and saves one PNG per area
listed in SHOTS (and the settings area in English, to show the translation); given file names,
only those. For 自查自纠 an officer has filled part of the Qinghai 2023 self-check beforehand; for
案卷评查 the chief has begun the 复核 of the demo's case file that waits for one.
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
         ("submission", "zh_CN", "screenshot-submission.png")]

#: Screenshots of the ledger area in a particular state: area name -> the area shown.
PSEUDO_AREAS = {"ledger_signed": "ledger", "signing_dialog": "ledger"}

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


def main() -> int:
    tmp = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from models.cli import parse_args
    from models.demo import create_demo
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
            if area == "review":  # the chief's 复核 in progress, at a deduction
                page = window.area("review")
                page.open_case(review_case_id)
                QTimer.singleShot(250, lambda: page.review.form.tree.select_code("J4"))

        def save(name: str, area: str) -> None:
            if area == "signing_dialog":
                dialog = window.area("ledger").signature_bar.dialog
                dialog.grab().save(str(ROOT / "docs" / name))
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
