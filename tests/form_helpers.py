"""Shared by the tests of the official forms (test_form_data, test_exports_end_to_end).

Not a test module itself. The seed texts below are typed from the campaign notices as they print
the forms, independently of the code's own copy in models.xlsx_forms, so that a slip in either
shows. ``build_signed_demo`` makes the demo with its ledger, case files and signatures in every
state (the demo's ``with_signatures``), with cheap password and key hashing.
"""
from __future__ import annotations

from models import passwords
from models.paths import DataDir
from models.store import open_store

# 襄交〔2024〕127号, 附件2
LIST_TITLE = "交通运输领域突出问题专项整治问题清单"
LIST_UNIT = "单 位 (公 章) :"
LIST_HEADERS = ["序号", "存在问题", "具体表现", "整改措施", "责任部门(人)", "整改时限", "备注"]
LIST_FILLER = "填 报 人:"
LIST_NOTE = ("注: 存在问题包括治超联合执法机制落实不到位、运动式执法问题、“一刀切”执法问题、简单粗暴执法问题、"
             "野蛮执法问题、机械执法问题、逐利执法问题以及其他问题。")

# 襄交〔2024〕127号, 附件1
LOOKBACK_TITLE = "2023 年自查整改工作“回头看”清查评估台账"
LOOKBACK_UNIT = "填报单位（盖章）："
LOOKBACK_DATE = "填报时间："
LOOKBACK_HEADERS = ["序号", "问题方面", "问题表现", "整改完成情况", "是否取得预期成效", "是否出现反弹",
                    "反弹问题整改措施和完成情况", "责任人签字"]
LOOKBACK_FOOTER = ["审核人：", "联系人：", "联系电话："]

# 青交执法监法〔2023〕30号, 附件1-3
COMMON_TITLE = "交通运输执法领域突出问题整改工作台账（共性）"
INDIVIDUAL_TITLE = "交通运输执法领域突出问题整改工作台账（个性）"
CLUES_TITLE = "青海省交通运输综合行政执法监督局执法领域突出问题线索征询表"

# 青交执办〔2024〕1号, 附件1
MATERIALS_TITLE = "全省提升交通运输行政执法质量三年行动相关资料报送统计表"
MATERIALS_HEADERS = ["单位", "内容", "“三年行动”实施方案", "工作简报", "照片视频", "工作调度表",
                     "“执法信息系统”推广应用方案", "备注"]
MATERIALS_ROWS = """\
省路政执法总队		√	√	√	√	√
西宁市交通运输系统		√	√	√	√	√
海东市交通运输系统		√	√	√	√	√
海北州交通运输系统		×	√	×	×	×
海南州交通运输系统		√	√	√	√	√
海西州交通运输系统		√	√	√	√	√
黄南州交通运输系统		√	√	√	√	√
玉树州交通运输系统		×	√	√	√	×
果洛州交通运输系统		×	×	×	×	×"""
MATERIALS_NOTES = ["说明：1. 统计表截至报送日期为2024.4.10", "2. √表示已报送，×未报送"]

# 青交执办〔2024〕1号, 附件2
CASES_TITLE = "青海省交通运输行政执法综合管理信息系统 3.1-3.31 案件办理情况统计表"
CASES_HEADERS = ["单位", "数据条数", "案件数", "执法人员", "人均办案率", "在线考试"]
CASES_SUBHEADERS = ["实际案件数", "测试案件数"]
CASES_ROWS = """\
省路政执法总队	324	4	288	1057	28%	45
西宁市交通运输系统	0	0	0	242	0	0
海东市交通运输系统	0	0	0	247	0	0
海北州交通运输系统	0	0	0	62	0	0
海西州交通运输系统	0	0	0	75	0	0
海南州交通运输系统	0	0	0	60	0	0
黄南州交通运输系统	0	0	0	56	0	0
果洛州交通运输系统	0	0	0	23	0	0
玉树州交通运输系统	0	0	0	36	0	0"""
CASES_NOTES = ["备注：1.统计表 3.1-3.31 案件数指结案时间是 3.1-3.31 期间的案件；",
               "2.人均办案率为（实际案件数+测试案件数）/执法人员； 考试次数是从 2024.1-2024.4"]

QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"
XIANGYUAN_DOC_NO = "襄交〔2024〕127号"
UNIT = "玛沁县大武超限检测站"


def materials_rows() -> list:
    """The seed's 资料报送统计表 as MaterialsRow values."""
    from models.form_stats import MaterialsRow
    out = []
    for line in MATERIALS_ROWS.splitlines():
        unit, _content, *marks = line.split("\t")
        out.append(MaterialsRow(unit, *(m == "√" for m in marks)))
    return out


def cases_rows() -> list:
    """The seed's 案件办理情况统计表 (the units' rows) as CasesRow values."""
    from models.form_stats import CasesRow
    out = []
    for line in CASES_ROWS.splitlines():
        unit, records, actual, test, officers, _rate, exams = line.split("\t")
        out.append(CasesRow(unit, int(records), int(actual), int(test), int(officers),
                            int(exams)))
    return out


def build_signed_demo(data_dir: DataDir) -> None:
    """The demo with problems, case files and signatures in every state, in ``data_dir``."""
    from models.demo import create_demo
    saved = passwords.SCRYPT_N, passwords._DUMMY
    passwords.SCRYPT_N, passwords._DUMMY = 2 ** 10, None
    try:
        store = open_store(data_dir)
        try:
            create_demo(store, with_problems=True, with_signatures=True)
        finally:
            store.close()
    finally:
        passwords.SCRYPT_N, passwords._DUMMY = saved
