"""The demo's 工作简报, 工作调度表 and 案件统计 (called from models.demo.create_demo).

The station writes monthly briefs and 调度表 for the Qinghai 2023 campaign (seed 000: 查摆 by
the end of April, the first batch of rectifications by July 20th): briefs of May and June final,
July's a draft; the 调度表 of June and July (July copied from June and brought up to date); and
its case statistics of the three months before this one, entered as the province's system
reports them. The photos are drawn here (a road, the station's weighbridge, a lorry), so the
demo needs no image files.
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from .months import month_of, shift
from .session import Session
from .store import Store

QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"

#: (month, title, paragraphs, photos as (scene, caption), final)
DEMO_BRIEFS: list[tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...], bool]] = [
    ("2023-05", "大武超限检测站全面启动执法领域突出问题专项整治",
     ("5月8日，站里召开专项整治动员部署会，传达省局《交通运输执法领域突出问题专项整治行动方案》，"
      "成立由站长任组长的工作专班，明确综合办公室、法制组和两个执勤班组的职责分工。",
      "对照逐利执法、执法不规范、执法方式简单僵化、执法粗暴、执法“寻租”五个方面，"
      "全站 6 名执法人员逐人查摆，共梳理问题 7 条，全部登记进问题台账，实行挂单销号。",
      "在检测站入口公示 12328 投诉电话和站内意见箱，本月受理群众反映 2 件，均已登记核实。"),
     (("station", "5月8日，全站召开专项整治动员部署会"),
      ("weighbridge", "执法人员在称重检测区对过往货车进行检测")), True),
    ("2023-06", "聚焦“逐利执法”，废止罚没排名通报",
     ("针对自查发现的“按月统计各班组罚款数额并排名通报”问题，站务会研究决定即日废止罚没排名通报，"
      "改为以执法案卷质量、群众满意度为主的班组考核办法。",
      "法制组对上半年 4 宗行政处罚案卷开展评查，对送达超期等问题逐卷登记整改，"
      "建立送达台账，由法制审核人员每周核对。",
      "本月路面巡查 18 次，劝返超限车辆 26 辆，依法卸载转运 3 辆，未发生执法投诉。"),
     (("road", "执法人员在国道 214 线开展路面巡查"),), True),
    ("2023-07", "第一批突出问题整治取得阶段成效",
     ("截至 7 月 20 日，第一批 4 项突出问题中已完成整改 3 项，经法制审核验收销号 2 项。",
      "夜间拦车检查时间过长的问题出现反弹，已重新制定拦车检查工作规范，限定单车检查时长。"),
     (("weighbridge", "复磅申请当场登记，由值班负责人答复"),), False),
]

#: The 调度表 of June: (task, owner, status, progress, note); July's is copied from it.
DEMO_SCHEDULE: list[tuple[str, str, str, str, str]] = [
    ("召开专项整治动员部署会", "站长 才让东智", "done", "5月8日召开全站动员会，传达省局方案", ""),
    ("对照五个方面开展突出问题自查", "法制组 马文斌", "done", "查摆问题 7 条，全部录入问题台账", ""),
    ("废止罚没排名通报，改为按执法质量考核", "综合办公室", "in_progress",
     "新考核办法已起草，待站务会审议", "逐利执法"),
    ("制定拦车检查工作规范，限定检查时长", "一班 索南扎西", "in_progress", "规范初稿已完成", ""),
    ("执法记录仪全程记录专项检查", "二班 李海龙", "delayed", "夜班两台记录仪故障，待更换",
     "已报采购"),
    ("12328 投诉线索回访", "综合办公室 王丽", "not_started", "", "7月上旬开展"),
]
#: What changed in July: task -> (status, progress, note).
DEMO_SCHEDULE_JULY: dict[str, tuple[str, str, str]] = {
    "废止罚没排名通报，改为按执法质量考核": ("done", "7月3日站务会审议通过，即日施行", "逐利执法"),
    "制定拦车检查工作规范，限定检查时长": ("delayed", "规范已印发；夜间拦车时间过长的问题出现反弹",
                                           "重新整改"),
    "执法记录仪全程记录专项检查": ("in_progress", "更换记录仪 2 台，每班交接检查电量与存储", ""),
    "12328 投诉线索回访": ("done", "回访投诉人 2 名，均表示满意", ""),
}
#: Case statistics of the three months before this one: (records, actual, test, officers, exams).
DEMO_CASE_STATS: list[tuple[int, int, int, int, int]] = [(3, 3, 0, 4, 4), (6, 5, 1, 4, 3),
                                                         (4, 4, 0, 4, 4)]


def _draw(scene: str, path: Path) -> None:
    """A plain drawn picture standing in for a photo: sky, mountains, the scene's foreground."""
    from PIL import Image, ImageDraw
    width, height = 1200, 800
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height // 2):                                       # sky
        shade = 150 + y * 90 // (height // 2)
        draw.line([(0, y), (width, y)], fill=(shade - 60, shade - 10, 235))
    draw.polygon([(0, 400), (260, 210), (480, 360), (720, 180), (1000, 370), (1200, 260),
                  (1200, 420), (0, 420)], fill=(120, 130, 120))          # mountains
    draw.polygon([(640, 230), (720, 180), (790, 230)], fill=(240, 240, 245))   # snow
    draw.rectangle([0, 400, width, height], fill=(150, 140, 95))        # grassland
    if scene == "station":
        draw.rectangle([180, 300, 1020, 560], fill=(235, 235, 230))      # the station
        draw.rectangle([180, 270, 1020, 310], fill=(30, 80, 160))        # its sign board
        for x in range(240, 1000, 120):
            draw.rectangle([x, 360, x + 70, 450], fill=(90, 130, 170))   # windows
        draw.rectangle([560, 460, 660, 560], fill=(110, 80, 60))         # door
        for x in range(200, 1000, 55):                                   # people in a row
            draw.ellipse([x, 600, x + 30, 630], fill=(40, 40, 40))
            draw.rectangle([x - 5, 630, x + 35, 700], fill=(25, 45, 90))
    else:
        draw.polygon([(520, 400), (680, 400), (1200, 800), (0, 800)], fill=(70, 70, 75))  # road
        draw.line([(600, 400), (600, 800)], fill=(240, 240, 240), width=8)
        if scene == "weighbridge":
            draw.rectangle([250, 640, 950, 700], fill=(200, 200, 40))    # the weighbridge
            draw.rectangle([950, 430, 1080, 640], fill=(230, 230, 225))  # the booth
        draw.rectangle([380, 470, 760, 640], fill=(30, 110, 60))         # the lorry's load
        draw.rectangle([760, 520, 880, 640], fill=(200, 40, 40))         # its cab
        for x in (420, 560, 700, 820):
            draw.ellipse([x, 615, x + 55, 670], fill=(20, 20, 20))       # wheels
        draw.rectangle([180, 560, 215, 690], fill=(25, 45, 90))          # an officer
        draw.ellipse([180, 525, 215, 560], fill=(60, 45, 40))
    picture.save(path, "JPEG", quality=82)


def _campaign(store: Store) -> int | None:
    row = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                             (QINGHAI_DOC_NO,)).fetchone()
    return int(row[0]) if row else None


def add_demo_reports(store: Store, chief: Session, today: date | None = None) -> None:
    """The demo's briefs, 调度表 and case statistics (see the module doc); the chief writes and
    finalises the briefs, 李海龙 (officer) keeps the 调度表."""
    from . import briefs, case_stats, schedule
    from .demo import DEMO_PASSWORD
    from .session import login
    campaign = _campaign(store)
    officer = login(store, "officer", DEMO_PASSWORD)
    with tempfile.TemporaryDirectory(prefix="fieldledger-demo-") as folder:
        drawn: dict[str, Path] = {}
        for month, title, paragraphs, photos, final in DEMO_BRIEFS:
            changes = briefs.create_brief(chief, period=month, title=title,
                                          body="\n".join(paragraphs), campaign_id=campaign)
            brief_id = int(next(iter(changes.rows["briefs"])))
            for scene, caption in photos:
                if scene not in drawn:
                    drawn[scene] = Path(folder) / f"{scene}.jpg"
                    _draw(scene, drawn[scene])
                briefs.add_photo(chief, brief_id, drawn[scene], caption)
            if final:
                briefs.finalise_brief(chief, brief_id)
    items: list[dict[str, Any]] = [
        {"task": task, "owner": owner, "status": status, "progress": progress, "note": note}
        for task, owner, status, progress, note in DEMO_SCHEDULE]
    schedule.save_items(officer, campaign, "2023-06", items)
    schedule.copy_previous(officer, campaign, "2023-07")
    july = schedule.list_items(officer, campaign, "2023-07")
    for row in july:
        status, progress, note = DEMO_SCHEDULE_JULY.get(
            row["task"], (row["status"], row["progress"], row["note"]))
        row.update(status=status, progress=progress, note=note)
    schedule.save_items(officer, campaign, "2023-07", july)
    this_month = month_of(today or date.today())
    for back, (records, actual, test, officers, exams) in zip((3, 2, 1), DEMO_CASE_STATS):
        case_stats.save_month(chief, shift(this_month, -back), records=records, actual=actual,
                              test=test, officers=officers, exams=exams)
