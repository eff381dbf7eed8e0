"""A demo installation built from the seed documents, through the same operations a user runs.

The unit is a remote overload-check station in 果洛 under the Qinghai hierarchy; its people hold
every role; the Qinghai 2023 and Xiangyuan 2024 campaigns are entered with their categories,
phases and deadlines as the notices give them, and the built-in self-check lists and case-review
standard are installed. Every account's password is :data:`DEMO_PASSWORD`.
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


#: (campaign doc_no or None, fields, responsible username, deadline (ISO, or days from today),
#:  steps: statuses to go through, with the account that takes each step)
DEMO_PROBLEMS: list[tuple[str | None, dict[str, str], str, str | int, list[tuple[str, str]]]] = [
    ("青交执法监法〔2023〕30号",
     {"category": "逐利执法", "issue": "下达或变相下达罚没指标",
      "manifestation": "站内按月统计各班组罚款数额并排名通报", "measures": "废止罚没排名通报，改为按执法质量考核",
      "source": "self_check", "scope": "common", "responsible_dept": "综合办公室"},
     "officer", "2023-07-20",
     [("in_progress", "officer"), ("rectified", "officer"), ("closed", "reviewer")]),
    ("青交执法监法〔2023〕30号",
     {"category": "执法不规范", "issue": "随意拦车扣车",
      "manifestation": "夜间对未超限车辆拦停检查时间过长", "measures": "制定拦车检查工作规范，限定检查时长",
      "source": "complaint", "source_channel": "12328", "responsible_dept": "一班"},
     "officer2", "2023-07-20",
     [("in_progress", "officer2"), ("rectified", "officer2"), ("closed", "reviewer"),
      ("rebound", "reviewer"), ("in_progress", "officer2")]),
    ("青交执法监法〔2023〕30号",
     {"category": "执法方式简单僵化", "issue": "以罚代管、一罚了之",
      "manifestation": "对轻微超限首次违法车辆一律罚款，未教育引导", "measures": "落实首违不罚清单，建立教育告知记录",
      "source": "case_review", "responsible_dept": "法制组"},
     "officer", "2023-09-28",
     [("in_progress", "officer"), ("rectified", "officer"), ("closed", "chief")]),
    ("青交执法监法〔2023〕30号",
     {"category": "执法“寻租”", "issue": "对执法辅助人员监管不力",
      "manifestation": "协勤人员单独上路拦车，未在执法人员带领下工作", "measures": "明确协勤人员岗位职责并建立带班制度",
      "source": "inspection", "scope": "common", "responsible_dept": "综合办公室"},
     "officer2", "2023-09-28", [("in_progress", "officer2"), ("rectified", "officer2")]),
    (None,
     {"category": "执法不规范", "issue": "执法记录仪未全程记录",
      "manifestation": "检测站夜班处置超限车辆时记录仪中断约二十分钟", "measures": "每班交接检查记录仪电量与存储，班长签字",
      "source": "complaint", "source_channel": "12345", "responsible_dept": "二班"},
     "officer", -12, [("in_progress", "officer")]),
    (None,
     {"category": "执法粗暴", "issue": "不听当事人陈述申辩",
      "manifestation": "当事人提出复磅要求未予回应", "measures": "复磅申请当场登记，由值班负责人答复",
      "source": "satisfaction", "responsible_dept": "一班"},
     "officer2", 5, []),
    (None,
     {"category": "执法不规范", "issue": "处罚决定书送达超期",
      "manifestation": "两起案件处罚决定书超过七日送达", "measures": "建立送达台账，法制审核人员每周核对",
      "source": "case_review", "responsible_dept": "法制组"},
     "officer", 20, [("in_progress", "officer"), ("rectified", "officer")]),
]


def _demo_problems(store: Store, chief: Session) -> None:
    from datetime import date, timedelta

    from . import problems
    ids = {doc: cid for cid, doc in store.conn.execute("SELECT id, doc_no FROM campaigns")}
    people = {u: pid for u, pid in store.conn.execute(
        "SELECT username, person_id FROM accounts")}
    sessions = {u: login(store, u, DEMO_PASSWORD) for u in ("officer", "officer2", "reviewer")}
    sessions["chief"] = chief
    for doc, fields, owner, deadline, steps in DEMO_PROBLEMS:
        due = deadline if isinstance(deadline, str) else \
            (date.today() + timedelta(days=deadline)).isoformat()
        changes = problems.create_problem(chief, campaign_id=ids.get(doc) if doc else None,
                                          responsible_person_id=people[owner], deadline=due,
                                          **fields)
        (pid,) = changes.rows["problems"]
        for status, actor in steps:
            note = "复查发现问题再次出现" if status == "rebound" else ""
            if status == "rectified":
                problems.add_progress_note(sessions[actor], int(pid), "已按整改措施落实，附相关记录。")
            problems.transition(sessions[actor], int(pid), status, note)


#: (case file fields, first reviews: (reviewer username, {item code: (occurrences, note)})) of
#: the demo's case-file register: two reviewed, one waiting for a 复核, two not reviewed yet.
DEMO_CASE_FILES: list[tuple[dict[str, str], list[tuple[str, dict[str, tuple[int, str]]]]]] = [
    ({"case_no": "玛交执罚〔2024〕8号", "case_type": "行政处罚", "domain": "公路路政",
      "cause": "车辆超限运输", "party": "青海某物流有限公司", "officers": "李海龙、索南扎西",
      "closed_date": "2024-03-18"},
     [("reviewer", {"J4": (1, "决定书未写明履行期限"), "M1": (2, "询问笔录两处涂改未按手印")})]),
    ({"case_no": "玛交执罚〔2024〕15号", "case_type": "行政处罚", "domain": "道路运输",
      "cause": "未取得道路运输经营许可擅自从事道路货物运输经营", "party": "果洛某商贸有限公司",
      "officers": "李海龙、索南扎西", "major": "是", "closed_date": "2024-04-26"},
     [("reviewer", {"D2": (2, "现场检查笔录缺少检查地点和当事人签名"), "J2": (1, "卷内无陈述申辩权告知书"),
                    "J6": (1, "重大案件未经集体讨论"), "S2": (2, "两份送达回证无受送达人签名")})]),
    ({"case_no": "玛交执罚〔2024〕19号", "case_type": "行政处罚", "domain": "公路路政",
      "cause": "擅自占用公路建筑控制区堆放砂石", "party": "玛沁县某砂石料场", "officers": "索南扎西",
      "closed_date": "2024-05-30"},
     [("reviewer", {"F3": (1, "现场勘验笔录只有1名执法人员签名"), "D7": (1, "现场处置无执法记录仪视频")})]),
    ({"case_no": "玛交执强〔2024〕2号", "case_type": "行政强制", "domain": "道路运输",
      "cause": "暂扣未取得道路运输证的营运车辆", "party": "王某", "officers": "李海龙、索南扎西",
      "agency": "玛沁县交通运输综合行政执法大队", "closed_date": "2024-05-09"}, []),
    ({"case_no": "玛交执检〔2024〕6号", "case_type": "行政检查", "domain": "道路运输",
      "cause": "客运企业安全生产监督检查", "party": "玛沁县某客运有限公司", "officers": "李海龙、索南扎西",
      "closed_date": "2024-06-12"}, []),
]


def _demo_case_files(store: Store, chief: Session) -> None:
    from . import casefiles, casereviews
    template = store.conn.execute("SELECT id FROM templates WHERE kind = 'case_review'"
                                  " AND active = 1 ORDER BY id LIMIT 1").fetchone()[0]
    sessions = {"chief": chief, "reviewer": login(store, "reviewer", DEMO_PASSWORD)}
    for fields, reviews in DEMO_CASE_FILES:
        (cid,) = casefiles.add_case_file(chief, **fields).rows["case_files"]
        for username, marks in reviews:
            who = sessions[username]
            (rid,) = casereviews.start_review(who, int(cid), template).rows["case_reviews"]
            for code, (count, note) in marks.items():
                casereviews.mark_item(who, int(rid), code, count, note)
            casereviews.submit_review(who, int(rid))


def _demo_signatures(store: Store) -> None:
    """Signing keys for the demo accounts and signatures in every state on the 2023 ledger:
    李海龙 confirms one of his two rows, 索南扎西 both of his, the reviewer and the chief sign
    revision 1, then 索南扎西 records progress on one row: that row's signature and the
    revision's signatures read stale, the other unsigned row stays unsigned."""
    from . import keys, ledger_signing, problems, signing
    sessions = {user: login(store, user, DEMO_PASSWORD) for user, _r, _p in DEMO_ACCOUNTS}
    for user in ("chief", "reviewer", "officer", "officer2"):
        keys.create_own_key(sessions[user], DEMO_PASSWORD)
    keys.create_seal_key(sessions["chief"], DEMO_PASSWORD)
    campaign = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                  (QINGHAI_2023["doc_no"],)).fetchone()[0]

    def rows_of(user: str) -> list[int]:
        return [pid for (pid,) in store.conn.execute(
            "SELECT id FROM problems WHERE campaign_id = ? AND responsible_person_id = ?"
            " ORDER BY seq_no", (campaign, sessions[user].person_id))]
    signing.sign_rows(sessions["officer"], rows_of("officer")[:1], DEMO_PASSWORD)
    signing.sign_rows(sessions["officer2"], rows_of("officer2"), DEMO_PASSWORD)
    for user, sign in (("reviewer", ledger_signing.review_ledger),
                       ("chief", ledger_signing.seal_ledger)):
        state = ledger_signing.ledger_state(sessions[user], campaign, with_rows=False)
        sign(sessions[user], campaign, DEMO_PASSWORD, state["sha256"])
    problems.update_problem(sessions["officer2"], rows_of("officer2")[-1],
                            completion="已制定协勤人员岗位职责，带班制度试行中。")


#: The demo's training sessions of the current year: (share of the year gone by, topic, form,
#: hours, who attended, assessment); last year's below. Totals differ on purpose: 才让东智 has
#: reached 60 学时, 李海龙 is on track, 马文斌 behind, 索南扎西 far behind.
DEMO_TRAININGS: list[tuple[float, str, str, float, tuple[str, ...], str]] = [
    (0.05, "《提升行政执法质量三年行动计划（2023-2025年）》专题学习", "central", 4,
     ("才让东智", "马文斌", "李海龙", "索南扎西", "王丽"), "合格"),
    (0.12, "《交通运输行政执法程序规定》", "online", 6, ("才让东智", "马文斌", "李海龙"), "合格"),
    (0.20, "法治讲堂：新修订《行政处罚法》要点", "lecture", 3,
     ("才让东智", "马文斌", "李海龙", "索南扎西"), ""),
    (0.28, "超限超载车辆检测与卸载现场执法训练", "practice", 8,
     ("李海龙", "索南扎西", "张强"), "实操考核合格"),
    (0.35, "交通运输综合管理信息系统在线学习考试", "online", 12, ("才让东智", "马文斌", "李海龙"),
     "在线考试 92 分"),
    (0.45, "《青海省交通运输行政裁量权基准》解读", "central", 6,
     ("才让东智", "马文斌", "李海龙", "索南扎西"), "合格"),
    (0.55, "执法全过程记录与执法记录仪使用", "practice", 4, ("李海龙", "索南扎西", "张强"), ""),
    (0.62, "法治讲堂：说理式执法与首违不罚", "lecture", 3, ("才让东智", "马文斌"), ""),
    (0.70, "行政执法案卷制作与评查标准", "central", 8, ("才让东智", "马文斌", "李海龙"), "优秀"),
    (0.80, "《交通运输行政执法人员培训考试大纲》线上自学", "online", 14, ("才让东智",), ""),
    (0.90, "突发事件应急处置与执法舆情应对", "central", 4.5, ("才让东智", "马文斌", "李海龙"),
     "合格"),
]
#: The sessions of the year before: (month-day, topic, form, hours, who attended, assessment).
DEMO_TRAININGS_LAST_YEAR: list[tuple[str, str, str, float, tuple[str, ...], str]] = [
    ("03-20", "执法队伍全员轮训（大学习、大练兵、大提升）", "central", 16,
     ("才让东智", "马文斌", "李海龙", "索南扎西"), "合格"),
    ("06-18", "交通运输综合管理信息系统学习考试", "online", 24, ("才让东智", "马文斌", "李海龙"),
     "在线考试 88 分"),
    ("09-12", "法治讲堂：行政复议与行政诉讼典型案例", "lecture", 12,
     ("才让东智", "李海龙", "索南扎西"), ""),
    ("11-06", "路政巡查与超限检测站现场执法实训", "practice", 10, ("才让东智", "李海龙"), "合格"),
]


def _demo_training(store: Store, chief: Session) -> None:
    """培训台账 and 执法证 (王丽 has no 执法证号, 张强 is 执法辅助人员): this year's sessions so far
    (:data:`DEMO_TRAININGS`, dated by the share of the year gone by; in the first 60 days of a
    year, last year's whole year) and the year before's; 索南扎西's certificate expired 20 days
    ago, 马文斌's ends within 90 days."""
    from datetime import date, timedelta

    from . import training
    people = {name: pid for pid, name in store.conn.execute("SELECT id, name FROM people")}
    today = date.today()
    start, end = date(today.year, 1, 1), today
    if (end - start).days < 60:         # too early in the year to spread the sessions
        start, end = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    for share, topic, form, hours, names, assessment in DEMO_TRAININGS:
        day = start + timedelta(days=int((end - start).days * share))
        training.add_trainings(chief, [people[n] for n in names], date=day, topic=topic,
                               form=form, hours=hours, assessment=assessment)
    for month_day, topic, form, hours, names, assessment in DEMO_TRAININGS_LAST_YEAR:
        training.add_trainings(chief, [people[n] for n in names],
                               date=f"{start.year - 1}-{month_day}", topic=topic, form=form,
                               hours=hours, assessment=assessment)
    for name, issued, valid_days in (("才让东智", "2021-03-15", 3 * 365),
                                     ("马文斌", "2020-09-01", 45),
                                     ("李海龙", "2022-05-10", 2 * 365),
                                     ("索南扎西", "2019-12-20", -20)):
        training.set_certificate(chief, people[name], "valid", issued,
                                 today + timedelta(days=valid_days))


#: The demo's 投诉举报线索: (campaign doc_no or None, 受理日期 (ISO, or days before today),
#: channel, 反映内容, 被反映单位/人, 反映人及联系方式, 办理情况, 办理结果, 办结日期 (ISO, days
#: before today, or None: not closed), 存在问题 of the demo problem it is linked to (or None),
#: who recorded it). One open lead is past the 15 days, one closed lead led to a problem that
#: came back (反弹), one found the problem a self-check had already hung.
DEMO_LEADS: list[tuple[str | None, str | int, str, str, str, str, str, str, str | int | None,
                       str | None, str]] = [
    ("青交执法监法〔2023〕30号", "2023-05-10", "12328",
     "货车司机来电反映：夜间在大武超限检测站被拦停检查近一小时，车辆并未超限，执法人员未说明拦停理由。",
     "大武超限检测站一班", "货车司机马某 139****2217",
     "转一班核查，调取当晚执法记录仪视频，情况基本属实，纳入问题台账整改。",
     "已向来电人说明核查情况并致歉；已制定拦车检查工作规范，限定检查时长。", "2023-05-22",
     "随意拦车扣车", "officer2"),
    ("青交执法监法〔2023〕30号", "2023-06-02", "网络",
     "微信公众号留言反映：检测站按月统计各班组罚款数额并排名通报，变相下达罚没指标。",
     "大武超限检测站", "公众号留言用户",
     "经核查，与自查自纠发现的问题一致，并入问题台账同一问题整改。",
     "已在公众号回复核查和整改情况。", "2023-06-20", "下达或变相下达罚没指标", "officer"),
    (None, 30, "12328", "来电咨询超限认定标准和复检申请流程，反映现场告知不够清楚。",
     "大武超限检测站", "个体运输户才某 138****0764",
     "站长回电解释超限认定标准与复检申请方式，并在站内公示栏补充复检流程。",
     "已答复，来电人表示满意；复检流程已在站内公示。", 26, None, "officer"),
    (None, 20, "12345", "市民通过12345热线反映：检测站执法人员处置超限车辆时，执法记录仪中途关闭。",
     "大武超限检测站夜班执法人员", "匿名",
     "调取执法记录仪存储记录核实，确有中断约二十分钟，已约谈当班人员。", "", None,
     "执法记录仪未全程记录", "officer"),
    (None, 6, "信箱", "投诉信箱来信：卸载超限货物时检测站收取装卸费，现场未公示收费依据和标准。",
     "检测站卸载场", "来信人未留姓名", "", "", None, None, "officer"),
    (None, 3, "来访", "货车司机来站反映：申请复磅后等候两小时无人答复。", "检测站值班人员",
     "货车司机韩某 137****5530", "值班负责人已登记复磅申请，正在调取当日值班记录。", "", None, None,
     "officer2"),
]


def _demo_leads(store: Store, chief: Session) -> None:
    """投诉举报线索 (:data:`DEMO_LEADS`), recorded by the officers, linked to the demo problems
    they concern, the answered ones closed by the chief."""
    from datetime import date, timedelta

    from . import leads
    campaign_ids = {doc: cid for cid, doc in store.conn.execute("SELECT id, doc_no FROM campaigns")}
    problem_ids = {issue: pid for pid, issue in store.conn.execute("SELECT id, issue FROM problems")}
    sessions = {u: login(store, u, DEMO_PASSWORD) for u in ("officer", "officer2")}

    def day(value: str | int) -> str:
        return value if isinstance(value, str) else \
            (date.today() - timedelta(days=value)).isoformat()

    for doc, received, channel, content, party, contact, handling, result, closed, issue, \
            user in DEMO_LEADS:
        who = sessions[user]
        (lid,) = leads.create_lead(who, received_date=day(received), channel=channel,
                                   content=content, party=party, contact=contact,
                                   handling=handling, result=result,
                                   campaign_id=campaign_ids.get(doc) if doc else None
                                   ).rows["leads"]
        if issue is not None:
            leads.link_problem(who, int(lid), problem_ids[issue])
        if closed is not None:
            leads.close_lead(chief, int(lid), closed_date=day(closed))


#: The 执法监督意见书 the demo station received from 果洛州 (number, problems, requirements,
#: deadline in days from today, the answer or None, signed): the first answered and signed by
#: the chief, the second past its deadline with a draft answer only (overdue).
DEMO_LETTERS: list[tuple[str, list[str], str, int, str | None, bool]] = [
    ("果交执法监〔2024〕15号",
     ["超限检测站按月统计罚没款并排名通报，变相设置罚没指标",
      "暂扣车辆 2 辆未出具行政强制措施决定书"],
     "收到后 30 日内完成整改，书面报告整改情况并附印证资料。", 20,
     ("1. 已废止按月统计罚没款排名通报的做法，改为按执法质量考核，站务会议已通过。\n"
      "2. 已对 2 辆暂扣车辆补发行政强制措施决定书并送达当事人，对相关执法人员批评教育。"), True),
    ("果交执法监〔2024〕18号",
     ["执法记录仪使用不规范，夜间检查过程无全程记录"],
     "开展执法记录仪使用专项培训，完善音像记录制度，15 日内报告。", -10,
     "已组织全站执法人员学习执法记录仪使用规定，音像记录制度正在修订。", False),
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


def _demo_letters(store: Store) -> None:
    """执法监督意见书 received from 果洛州 (:data:`DEMO_LETTERS`), as an instructions file would
    have brought them: the first answered with a photo and signed by the chief, the second
    overdue with a draft answer."""
    import tempfile
    import uuid
    from datetime import date, timedelta
    from pathlib import Path

    from . import letters
    from .audit import canonical
    from .session import now_text
    chief = login(store, "chief", DEMO_PASSWORD)
    office = next(h for h in HIERARCHY if h[0] == "golog")
    stamp = now_text()
    for number, problems, requirements, days, answer, signed in DEMO_LETTERS:
        deadline = (date.today() + timedelta(days=days)).isoformat()
        issued = (date.today() + timedelta(days=days - 30)).isoformat() + "T02:00:00+00:00"
        with store.write(chief.actor) as w:
            lid = int(w.insert("supervision_letters", {
                "uid": uuid.uuid4().hex, "side": "received", "number": number,
                "issuer_code": office[2], "issuer_name": office[1],
                "unit_code": OWN_UNIT["code"], "unit_name": OWN_UNIT["name"],
                "campaign": "", "problems": canonical(problems), "requirements": requirements,
                "deadline": deadline, "issued_at": issued, "sent_at": issued,
                "received_at": stamp, "instruction_sha256": None,
                "account_id": chief.account_id, "created_at": stamp, "updated_at": stamp}))
        if answer is None:
            continue
        letters.save_answer(chief, lid, answer)
        if signed:
            with tempfile.TemporaryDirectory() as tmp:
                photo = Path(tmp) / "罚没排名通报废止文件.png"
                photo.write_bytes(_png())
                (aid,) = store.conn.execute("SELECT id FROM letter_answers WHERE letter_id = ?",
                                            (lid,)).fetchone()
                letters.add_answer_file(chief, int(aid), photo)
            letters.sign_answer(chief, lid, DEMO_PASSWORD,
                                letters.answer_to_sign(chief, lid)["sha256"])


def create_demo(store: Store, *, progress: Callable[[str], None] | None = None,
                with_problems: bool = True, with_signatures: bool = False) -> Session:
    """Fill an empty installation with the demo; return the chief's session.

    ``with_problems`` False leaves the ledger, the case-file register and the training ledger
    empty (tests that count from the first problem or case file). ``with_signatures`` adds
    signing keys for the demo accounts and signatures in every state (about a second of key
    derivation: off for tests).
    """
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
    say("安装自查清单和案卷评查标准（内置示例）")
    from . import templates  # the login dialog imports this module: keep it light
    templates.install_builtin_templates(chief)
    if with_problems:
        say("登记问题台账")
        _demo_problems(store, chief)
        say("登记投诉举报线索")
        _demo_leads(store, chief)
        say("登记案卷并评查")
        _demo_case_files(store, chief)
        say("登记培训台账和执法证")
        _demo_training(store, chief)
        say("编写工作简报、调度表和案件统计")
        from .demo_reports import add_demo_reports
        add_demo_reports(store, chief)
        if with_signatures:
            say("生成签名密钥并签署台账")
            _demo_signatures(store)
            say("收到执法监督意见书并签发答复")
            _demo_letters(store)
    with store.write("demo") as w:
        w.insert("settings", {"key": "demo", "value": "1"})
    return chief
