"""A demo installation built from the seed documents, through the same operations a user runs.

The unit is a remote overload-check station in 果洛 under the Qinghai hierarchy; its people hold
every role; the Qinghai 2023 and Xiangyuan 2024 campaigns are entered with their categories,
phases and deadlines as the notices give them. Every account's password is :data:`DEMO_PASSWORD`.
"""
from __future__ import annotations

from typing import Callable

from . import accounts, campaigns, directory
from .session import Session, login, refresh, setup_installation
from .store import Store

DEMO_PASSWORD = "demo1234"

#: (username, roles, person) for the demo accounts, as shown on the login dialog.
DEMO_ACCOUNTS = [
    ("chief", ["chief"], {"name": "才让东智", "title": "站长", "cert_no": "63260021001",
                          "phone": "0975-8381201"}),
    ("reviewer", ["reviewer"], {"name": "马文斌", "title": "法制审核员", "cert_no": "63260021007",
                                "phone": "0975-8381205"}),
    ("officer", ["officer"], {"name": "李海龙", "title": "执法队员", "cert_no": "63260021012",
                              "phone": "13897560112"}),
    ("officer2", ["officer"], {"name": "索南扎西", "title": "执法队员", "cert_no": "63260021015",
                               "phone": "13909752215"}),
]

QINGHAI_2023 = {
    "title": "交通运输执法领域突出问题专项整治行动",
    "doc_no": "青交执法监法〔2023〕30号",
    "issuer": "青海省交通运输综合行政执法监督局",
    "kind": "special",
    "start_date": "2023-04-01",
    "end_date": "2023-12-31",
    "note": "问题来源：自查自纠、投诉举报（12328、投诉信箱）、满意度测评、案卷评查、层级监督检查。",
    "categories": ["逐利执法", "执法不规范", "执法方式简单僵化", "执法粗暴", "执法“寻租”"],
    "phases": [
        {"name": "省局机关突出问题查摆", "deadline": "2023-04-30",
         "note": "法制机构负责人、法制审核人员及执法监督岗位对照五个方面重点问题完成查摆。"},
        {"name": "局相关科室自查自纠", "deadline": "2023-05-08",
         "note": "对表《对照检查清单》，围绕落实权责清单等四个方面完成自查自纠。"},
        {"name": "第一批突出问题整治", "deadline": "2023-07-20",
         "note": "率先完成一批群众反映强烈的突出问题整治并报送阶段性整治工作总结。"},
        {"name": "第二批突出问题整治", "deadline": "2023-09-28"},
    ],
    "materials": [
        {"name": "执法领域突出问题线索征询表（附件3）", "due_date": "2023-04-28"},
        {"name": "整改工作台账（共性）（附件1）", "due_date": "2023-07-20"},
        {"name": "整改工作台账（个性）（附件2）", "due_date": "2023-07-20"},
    ],
}

XIANGYUAN_2024 = {
    "title": "交通运输执法领域违规违法、乱扣乱罚以及缴纳罚款扣款渠道不畅不便导致被罚主体增加成本等问题专项整治",
    "doc_no": "襄交〔2024〕127号",
    "issuer": "襄垣县交通运输局",
    "kind": "special",
    "start_date": "2024-06-01",
    "end_date": "2024-10-20",
    "categories": ["治超联合执法机制落实不到位", "运动式执法", "“一刀切”执法", "简单粗暴执法",
                   "野蛮执法", "机械执法", "逐利执法", "其他问题"],
    "phases": [
        {"name": "部署动员阶段", "deadline": "2024-06-15", "note": "召开动员部署会议，全面部署。"},
        {"name": "全面梳理阶段", "start_date": "2024-06-16", "deadline": "2024-06-30",
         "note": "对照八个方面自查，形成专项整治问题清单（附件2）。"},
        {"name": "集中整治阶段", "start_date": "2024-07-01", "deadline": "2024-08-31",
         "note": "制定整治措施，确定整治时限，建立整治台账。"},
        {"name": "实地督导阶段", "deadline": "2024-09-10"},
        {"name": "巩固提升阶段", "start_date": "2024-09-10", "deadline": "2024-10-20"},
    ],
    "materials": [
        {"name": "2023年自查整改工作“回头看”清查评估台账（附件1）", "due_date": "2024-06-30"},
        {"name": "交通运输执法领域突出问题专项整治问题清单（附件2）", "due_date": "2024-06-30"},
    ],
}

DEMO_CLERK = {"name": "王丽", "title": "内勤（系统管理员）", "phone": "0975-8381200"}

HIERARCHY = [  # (key, name, code, level, parent key)
    ("province", "青海省交通运输综合行政执法监督局", "QH-630000", "province", None),
    ("xining", "西宁市交通运输综合行政执法监督局", "QH-630100", "city", "province"),
    ("huangzhong", "湟中区交通运输综合行政执法大队", "QH-630106", "county", "xining"),
    ("golog", "果洛州交通运输综合行政执法监督局", "QH-632600", "city", "province"),
    ("maqen", "玛沁县交通运输综合行政执法大队", "QH-632621", "county", "golog"),
]
OWN_UNIT = {"name": "玛沁县大武超限检测站", "code": "QH-632621-DW", "level": "station"}


def create_demo(store: Store, *, progress: Callable[[str], None] | None = None) -> Session:
    """Fill an empty installation with the demo; return the chief's session."""
    say = progress or (lambda _msg: None)
    say("登记本单位和站长")
    chief_user, _roles, chief_person = DEMO_ACCOUNTS[0]
    setup_installation(store, unit=OWN_UNIT, chief=chief_person, username=chief_user,
                       password=DEMO_PASSWORD)
    chief = login(store, chief_user, DEMO_PASSWORD)  # chief and admin until the clerk exists
    say("建立单位层级")
    ids: dict[str, int] = {}
    for key, name, code, level, parent in HIERARCHY:
        directory.add_unit(chief, name=name, code=code, level=level,
                           parent_id=ids.get(parent) if parent else None)
        ids[key] = store.conn.execute("SELECT id FROM units WHERE code = ?", (code,)).fetchone()[0]
    directory.update_own_unit(chief, parent_id=ids["maqen"])
    say("登记人员和账号")
    for username, roles, person in [*DEMO_ACCOUNTS[1:], ("admin", ["admin"], DEMO_CLERK)]:
        directory.add_person(chief, **person)
        pid = store.conn.execute("SELECT max(id) FROM people").fetchone()[0]
        accounts.create_account(chief, username=username, password=DEMO_PASSWORD, roles=roles,
                                person_id=pid)
    directory.add_person(chief, name="张强", title="执法辅助人员", phone="13997561180")
    accounts.set_roles(chief, chief.account_id, ["chief"])
    chief = refresh(chief)
    say("录入专项行动")
    for data in (QINGHAI_2023, XIANGYUAN_2024):
        campaigns.create_campaign(chief, **data)
    with store.write("demo") as w:
        w.insert("settings", {"key": "demo", "value": "1"})
    return chief
