"""Helpers shared by the tests of the 工作简报, 工作调度表 and 案件统计 (tests/test_briefs.py,
test_schedule.py, test_case_stats.py, test_reminders.py, test_permissions.py). Not a test module.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from models import briefs, case_stats, schedule

QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"
DRAFT_TITLE = "矩阵测试：五月工作简报（草稿）"
FINAL_TITLE = "矩阵测试：四月工作简报"


def photo(folder: Path, name: str = "现场.png", colour: tuple[int, int, int] = (40, 120, 200),
          size: tuple[int, int] = (320, 200)) -> Path:
    """A small real image file (PNG or JPEG by the name's extension) in ``folder``."""
    from PIL import Image
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    Image.new("RGB", size, colour).save(path)
    return path


def campaign_id(store: Any, doc_no: str = QINGHAI_DOC_NO) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?", (doc_no,)).fetchone()[0]


def brief_id(store: Any, title: str) -> int:
    return store.conn.execute("SELECT id FROM briefs WHERE title = ?", (title,)).fetchone()[0]


def seed_reports(chief: Any) -> None:
    """What the report operations need in a demo without them: a draft brief with a photo
    (:data:`DRAFT_TITLE`, 2024-05) and a final one (:data:`FINAL_TITLE`, 2024-04) of the
    Qinghai 2023 campaign, a 调度表 of 2024-05 of no campaign, the case statistics of 2024-05."""
    store = chief.store
    cid = campaign_id(store)
    briefs.create_brief(chief, period="2024-04", title=FINAL_TITLE, body="四月工作。",
                        campaign_id=cid)
    briefs.finalise_brief(chief, brief_id(store, FINAL_TITLE))
    briefs.create_brief(chief, period="2024-05", title=DRAFT_TITLE, body="五月工作。",
                        campaign_id=cid)
    folder = store.path.parent.parent / "照片"
    briefs.add_photo(chief, brief_id(store, DRAFT_TITLE), photo(folder), "称重检测")
    schedule.save_items(chief, None, "2024-05", [{"task": "召开动员部署会", "owner": "站长",
                                                 "status": "done"}])
    case_stats.save_month(chief, "2024-05", actual=2, officers=4)


def draft(s: Any) -> int:
    return brief_id(s.store, DRAFT_TITLE)


def final(s: Any) -> int:
    return brief_id(s.store, FINAL_TITLE)


def brief_photo(s: Any) -> int:
    return s.store.conn.execute("SELECT min(id) FROM brief_photos WHERE brief_id = ?",
                                (draft(s),)).fetchone()[0]


def photo_file(s: Any) -> str:
    """A photo outside the data folder (a camera's card)."""
    return str(photo(s.store.path.parent.parent / "相机", "IMG_0012.jpg", (200, 90, 40)))
