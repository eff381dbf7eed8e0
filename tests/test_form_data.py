"""The official forms filled from the demo (models.form_data): titles, header blocks, columns and
footers equal to the seeds' texts character for character; the 回头看 ledger's 责任人签字 column
for a valid, a stale and an unsigned row and its 审核人; rows read lazily in blocks; 人均办案率 from
the seed's figures; refusals."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import login_as
from core_helpers import copy_installation, is_chinese
from form_helpers import (
    CASES_HEADERS,
    CASES_NOTES,
    CASES_ROWS,
    CASES_SUBHEADERS,
    CASES_TITLE,
    CLUES_TITLE,
    COMMON_TITLE,
    INDIVIDUAL_TITLE,
    LIST_FILLER,
    LIST_HEADERS,
    LIST_NOTE,
    LIST_TITLE,
    LIST_UNIT,
    LOOKBACK_DATE,
    LOOKBACK_FOOTER,
    LOOKBACK_HEADERS,
    LOOKBACK_TITLE,
    LOOKBACK_UNIT,
    MATERIALS_HEADERS,
    MATERIALS_NOTES,
    MATERIALS_ROWS,
    MATERIALS_TITLE,
    QINGHAI_DOC_NO,
    UNIT,
    XIANGYUAN_DOC_NO,
    build_signed_demo,
    cases_rows,
    materials_rows,
)

from models import form_data, form_stats, ledger_query, ledger_signing, problems, selfcheck
from models.demo import DEMO_PASSWORD
from models.errors import PermissionDenied, ValidationError
from models.forms import Form, digest_of
from models.ledger_query import LedgerFilter
from models.paths import DataDir
from models.store import Store, open_store

DAY = date(2024, 6, 30)
OPTIONS = form_data.FormOptions(DAY, filler="李海龙", contact="王丽", phone="0975-8381200")


@pytest.fixture(scope="module")
def signed_template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    template = DataDir(tmp_path_factory.mktemp("signed-demo") / "data")
    build_signed_demo(template)
    return template


@pytest.fixture
def signed(signed_template: DataDir, tmp_path: Path):
    """A fresh copy of the demo with its ledger, case files and signatures."""
    store = open_store(copy_installation(signed_template, DataDir(tmp_path / "data")))
    yield store
    store.close()


def _campaign(store: Store, doc_no: str = QINGHAI_DOC_NO) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?", (doc_no,)).fetchone()[0]


def _headers(form: Form) -> list[str]:
    return [c.header for c in form.columns]


def _rows(form: Form) -> list[list]:
    return [list(r) for r in form.rows]


def _xiangyuan_problems(store: Store) -> int:
    """Two problems in the 2024 campaign (its eight categories are the seed's 注)."""
    chief = login_as(store, "chief")
    campaign = _campaign(store, XIANGYUAN_DOC_NO)
    officer = login_as(store, "officer").person_id
    problems.create_problem(chief, campaign_id=campaign, category="运动式执法",
                            issue="运动式执法问题：集中治超期间全天候设卡",
                            manifestation="6月集中行动期间全天设卡拦车", measures="取消全天候设卡",
                            responsible_dept="一班", responsible_person_id=officer,
                            deadline="2024-08-31", remarks="立行立改")
    problems.create_problem(chief, campaign_id=campaign, category="逐利执法",
                            issue="罚没款与绩效考核挂钩", responsible_dept="综合办公室")
    return campaign


# --- 专项整治问题清单 ------------------------------------------------------------------------------

def test_problem_list_is_the_seeds_form(signed: Store) -> None:
    campaign = _xiangyuan_problems(signed)
    form = form_data.ledger_form(login_as(signed, "officer"), "problem_list",
                                 LedgerFilter(campaign_id=campaign), OPTIONS)
    assert form.code == "problem_list"
    assert form.title == LIST_TITLE
    assert form.header_left == f"{LIST_UNIT}{UNIT}"
    assert form.header_right == "2024 年 6 月 30 日"
    assert _headers(form) == LIST_HEADERS
    assert form.footer == (f"{LIST_FILLER}李海龙",)
    assert form.notes == (LIST_NOTE,), "the 注 over the campaign's eight categories is the seed's"
    assert form.row_count == 2 and form.landscape
    assert _rows(form) == [
        [1, "运动式执法问题：集中治超期间全天候设卡", "6月集中行动期间全天设卡拦车", "取消全天候设卡",
         "一班 李海龙", "2024年8月31日", "立行立改"],
        [2, "逐利执法：罚没款与绩效考核挂钩", "", "", "综合办公室", "", ""]]
    assert form.file_stem == f"{UNIT}-专项整治问题清单-2024-06-30"
    assert form.signatures == ()


def test_problem_list_of_another_campaign_names_its_categories(signed: Store) -> None:
    form = form_data.ledger_form(login_as(signed, "chief"), "problem_list",
                                 LedgerFilter(campaign_id=_campaign(signed)), OPTIONS)
    assert form.notes == ("注: 存在问题包括逐利执法问题、执法不规范、执法方式简单僵化、执法粗暴以及执法“寻租”。",)
    no_campaign = form_data.ledger_form(login_as(signed, "chief"), "problem_list",
                                        LedgerFilter(), OPTIONS)
    assert no_campaign.notes == () and no_campaign.row_count == 7


def test_the_date_line_defaults_to_today(signed: Store) -> None:
    form = form_data.ledger_form(login_as(signed, "chief"), "problem_list", LedgerFilter())
    today = date.today()
    assert form.header_right == f"{today.year} 年 {today.month} 月 {today.day} 日"
    assert form.footer == (LIST_FILLER,)


# --- “回头看”清查评估台账 --------------------------------------------------------------------------

def test_lookback_is_the_seeds_form_with_the_campaigns_year(signed: Store) -> None:
    officer = login_as(signed, "officer")
    form = form_data.ledger_form(officer, "lookback", LedgerFilter(campaign_id=_campaign(signed)),
                                 OPTIONS)
    assert form.title == LOOKBACK_TITLE, "the 2023 campaign's year is the seed's"
    assert form.header_left == f"{LOOKBACK_UNIT}{UNIT}"
    assert form.header_right == f"{LOOKBACK_DATE}2024 年 6 月 30 日"
    assert _headers(form) == LOOKBACK_HEADERS
    assert form.footer == (LOOKBACK_FOOTER[0], f"{LOOKBACK_FOOTER[1]}王丽",
                           f"{LOOKBACK_FOOTER[2]}0975-8381200")
    xiangyuan = form_data.ledger_form(officer, "lookback", LedgerFilter(
        campaign_id=_campaign(signed, XIANGYUAN_DOC_NO)), OPTIONS)
    assert xiangyuan.title == "2024 年自查整改工作“回头看”清查评估台账"
    assert xiangyuan.row_count == 0 and _rows(xiangyuan) == []


def _fingerprint(store: Store, username: str) -> str:
    return store.conn.execute(
        "SELECT k.fingerprint FROM signing_keys k JOIN accounts a ON a.person_id = k.person_id"
        " WHERE a.username = ? AND k.status = 'active'", (username,)).fetchone()[0]


def test_lookback_signature_column_valid_stale_unsigned(signed: Store) -> None:
    """The demo: 李海龙 confirmed 序号 1 (valid) and not 序号 3; 索南扎西 confirmed 序号 2 (valid)
    and 序号 4, changed since (stale); the reviewer and the chief signed revision 1, stale now."""
    form = form_data.ledger_form(login_as(signed, "officer"), "lookback",
                                 LedgerFilter(campaign_id=_campaign(signed)), OPTIONS)
    rows = {r[0]: r for r in _rows(form)}
    assert sorted(rows) == [1, 2, 3, 4]
    name, day, minute, fingerprint = rows[1][7].replace("\n", " ").split(" ")
    assert name == "李海龙" and fingerprint == _fingerprint(signed, "officer")
    assert len(day) == 10 and len(minute) == 5 and day[4] == "-" and minute[2] == ":"
    assert rows[2][7].startswith("索南扎西 ") and rows[2][7].endswith(_fingerprint(signed, "officer2"))
    assert rows[3][7] == "", "unsigned: blank for a handwritten signature"
    assert rows[4][7] == "", "stale: the signed content is no longer the row's"
    assert rows[4][3] == "已制定协勤人员岗位职责，带班制度试行中。"
    assert [r[5] for r in (rows[1], rows[2], rows[3], rows[4])] == ["否", "是", "否", ""]
    sigs = [(s.meaning, s.subject, s.name, s.role, s.status) for s in form.signatures]
    assert sigs == [("责任人确认", "序号 1", "李海龙", "执法队员", "valid"),
                    ("责任人确认", "序号 2", "索南扎西", "执法队员", "valid"),
                    ("责任人确认", "序号 4", "索南扎西", "执法队员", "stale"),
                    ("审核", "第 1 版台账", "马文斌", "法制审核", "stale"),
                    ("单位盖章", "第 1 版台账", "才让东智", "负责人", "stale")]
    assert all(len(s.fingerprint) == 19 and len(s.signed_at) == 16 for s in form.signatures)
    assert form.footer[0] == "审核人：", "the revision's review is stale: no 审核人"


def test_lookback_names_the_valid_reviewer_of_the_current_revision(signed: Store) -> None:
    campaign = _campaign(signed)
    reviewer = login_as(signed, "reviewer")
    state = ledger_signing.ledger_state(reviewer, campaign, with_rows=False)
    ledger_signing.review_ledger(reviewer, campaign, DEMO_PASSWORD, state["sha256"])
    form = form_data.ledger_form(login_as(signed, "officer"), "lookback",
                                 LedgerFilter(campaign_id=campaign), OPTIONS)
    assert form.footer[0] == "审核人：马文斌"
    assert form.signatures == [], "the signature block is filled as the rows are read"
    _rows(form)
    revision = [(s.meaning, s.subject, s.status) for s in form.signatures
                if s.meaning != "责任人确认"]
    assert revision == [("审核", "第 2 版台账", "valid")]
    scoped = form_data.ledger_form(login_as(signed, "officer"), "common",
                                   LedgerFilter(campaign_id=campaign), OPTIONS)
    assert scoped.footer[1] == "审核人：马文斌"
    # a filtered selection is not what the reviewer signed: no 审核人, no revision signatures
    filtered = form_data.ledger_form(login_as(signed, "officer"), "lookback",
                                     LedgerFilter(campaign_id=campaign, status="closed"), OPTIONS)
    _rows(filtered)
    assert filtered.footer[0] == "审核人："
    assert all(s.meaning == "责任人确认" for s in filtered.signatures)


def test_lookback_lists_at_most_the_cap_of_row_signatures(signed: Store, monkeypatch) -> None:
    monkeypatch.setattr(form_data, "MAX_ROW_SIGNATURE_LINES", 1)
    form = form_data.ledger_form(login_as(signed, "officer"), "lookback",
                                 LedgerFilter(campaign_id=_campaign(signed)), OPTIONS)
    _rows(form)
    assert [s.subject for s in form.signatures if s.meaning == "责任人确认"] == ["序号 1"]
    assert form.notes[-1].startswith("责任人签字共 3 条（有效 2 条，已过期 1 条，无效 0 条）")


def test_lookback_needs_one_campaign(signed: Store) -> None:
    with pytest.raises(ValidationError) as err:
        form_data.ledger_form(login_as(signed, "officer"), "lookback", LedgerFilter(), OPTIONS)
    assert is_chinese(str(err.value)) and "专项行动" in str(err.value)


# --- 整改工作台账（共性）/（个性）, 线索征询表 ------------------------------------------------------------

def test_common_and_individual_split_the_ledger_by_scope(signed: Store) -> None:
    officer = login_as(signed, "officer")
    flt = LedgerFilter(campaign_id=_campaign(signed))
    common = form_data.ledger_form(officer, "common", flt, OPTIONS)
    individual = form_data.ledger_form(officer, "individual", flt, OPTIONS)
    assert common.title == COMMON_TITLE and individual.title == INDIVIDUAL_TITLE
    headers = LIST_HEADERS[:-1] + ["问题来源", "整改状态", "备注"]
    assert _headers(common) == headers and _headers(individual) == headers
    assert common.header_left == f"{LOOKBACK_UNIT}{UNIT}"
    assert common.header_right == f"{LOOKBACK_DATE}2024 年 6 月 30 日"
    assert common.footer == ("填报人：李海龙", "审核人：", "联系电话：0975-8381200")
    common_rows, individual_rows = _rows(common), _rows(individual)
    assert [r[0] for r in common_rows] == [1, 4] and common.row_count == 2
    assert [r[0] for r in individual_rows] == [2, 3] and individual.row_count == 2
    assert common_rows[0][6:8] == ["自查自纠", "已销号"]
    assert individual_rows[0][6:8] == ["投诉举报（12328）", "整改中"]
    assert common.file_stem == f"{UNIT}-整改工作台账（共性）-2024-06-30"


def test_clues_form_names_the_campaigns_issuer(signed: Store) -> None:
    """The 线索征询表 is filled from the 投诉举报线索 (models.form_leads), not from problems."""
    from models import form_leads
    from models.leads import LeadFilter
    officer = login_as(signed, "officer")
    form = form_leads.clues_form(officer, LeadFilter(campaign_id=_campaign(signed)), OPTIONS)
    assert form.title == CLUES_TITLE
    assert _headers(form) == ["序号", "受理日期", "来源渠道", "反映内容", "被反映单位/人", "办理情况",
                              "办理结果", "对应问题序号", "状态"]
    assert form.header_left == f"填报单位（盖章）：{UNIT}"
    assert form.footer == ("填报人：李海龙", "联系人：王丽", "联系电话：0975-8381200")
    first = _rows(form)[0]
    assert first[:3] == [1, "2023-05-10", "12328"] and first[7:] == [2, "已办结\n2023-05-22"]
    without = form_leads.clues_form(officer, LeadFilter(), OPTIONS)
    assert without.title == "玛沁县交通运输综合行政执法大队执法领域突出问题线索征询表", "the unit above"
    with pytest.raises(ValidationError):
        form_data.ledger_form(officer, "clues", LedgerFilter(), OPTIONS)


def test_ledger_forms_follow_the_filter_and_the_sort(signed: Store) -> None:
    officer = login_as(signed, "officer")
    flt = LedgerFilter(campaign_id=_campaign(signed), status=("closed", "in_progress"))
    form = form_data.ledger_form(officer, "problem_list", flt, OPTIONS, sort="seq_no",
                                 descending=True)
    assert [r[0] for r in _rows(form)] == [3, 2, 1]
    assert form.row_count == 3


def test_ledger_rows_are_read_lazily_in_blocks(signed: Store, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    chief = login_as(signed, "chief")
    campaign = _campaign(signed)
    for n in range(9):
        problems.create_problem(chief, campaign_id=campaign, category="执法粗暴",
                                issue=f"批量问题 {n}", scope="common")
    calls: list[int] = []
    real = ledger_query.rows

    def counting(session, ids, **kw):
        calls.append(len(list(ids)))
        return real(session, ids, **kw)

    monkeypatch.setattr(form_data, "BLOCK", 4)
    monkeypatch.setattr(ledger_query, "rows", counting)
    form = form_data.ledger_form(chief, "common", LedgerFilter(campaign_id=campaign), OPTIONS)
    assert calls == [] and not isinstance(form.rows, (list, tuple))
    assert form.row_count == 11
    rows = _rows(form)
    assert len(rows) == 11 and calls == [4, 4, 3]


def test_the_digest_covers_what_the_form_holds(signed: Store) -> None:
    officer = login_as(signed, "officer")
    flt = LedgerFilter(campaign_id=_campaign(signed))
    first = digest_of(form_data.ledger_form(officer, "lookback", flt, OPTIONS))
    again = digest_of(form_data.ledger_form(officer, "lookback", flt, OPTIONS))
    assert first == again and len(first) == 64
    other_day = digest_of(form_data.ledger_form(officer, "lookback", flt,
                                                OPTIONS._replace(fill_date=date(2024, 7, 1))))
    assert other_day != first


# --- options, permissions ---------------------------------------------------------------------------

def test_options_are_checked(signed: Store) -> None:
    officer = login_as(signed, "officer")
    with pytest.raises(ValidationError) as err:
        form_data.ledger_form(officer, "problem_list", LedgerFilter(),
                              OPTIONS._replace(phone="零九七五"))
    assert "联系电话" in str(err.value)
    with pytest.raises(ValidationError):
        form_data.ledger_form(officer, "problem_list", LedgerFilter(),
                              OPTIONS._replace(filler="长" * 41))
    with pytest.raises(ValidationError) as err:
        form_data.ledger_form(officer, "materials", LedgerFilter(), OPTIONS)
    assert is_chinese(str(err.value))


@pytest.mark.parametrize("call", [
    lambda s, store: form_data.ledger_form(s, "problem_list", LedgerFilter()),
    lambda s, store: form_data.selfcheck_form(s, 1),
    lambda s, store: form_data.casereview_form(
        s, store.conn.execute("SELECT min(id) FROM case_reviews").fetchone()[0]),
], ids=["ledger", "selfcheck", "casereview"])
def test_a_session_without_the_read_permission_is_refused(signed: Store, call) -> None:
    nobody = login_as(signed, "officer")._replace(roles=frozenset())
    with pytest.raises(PermissionDenied) as err:
        call(nobody, signed)
    assert is_chinese(str(err.value))


@pytest.mark.parametrize("username", ["officer", "reviewer", "chief", "admin"])
def test_every_role_may_export_what_it_may_read(signed: Store, username: str) -> None:
    session = login_as(signed, username)
    form = form_data.ledger_form(session, "lookback", LedgerFilter(campaign_id=_campaign(signed)))
    assert len(_rows(form)) == 4
    review = signed.conn.execute("SELECT min(id) FROM case_reviews").fetchone()[0]
    assert form_data.casereview_form(session, review).rows


# --- 自查自纠结果, 案卷评查评分表 ------------------------------------------------------------------------

def test_selfcheck_result(signed: Store) -> None:
    officer = login_as(signed, "officer")
    campaign = _campaign(signed)
    template = signed.conn.execute("SELECT min(id) FROM templates WHERE kind = 'selfcheck'"
                                   ).fetchone()[0]
    selfcheck.start_selfcheck(officer, campaign, template)
    sc = signed.conn.execute("SELECT max(id) FROM selfchecks").fetchone()[0]
    codes = [c for (c,) in signed.conn.execute(
        "SELECT code FROM template_items WHERE template_id = ? ORDER BY id", (template,))]
    selfcheck.answer_item(officer, sc, codes[0], "conform", evidence="罚没款台账")
    selfcheck.answer_item(officer, sc, codes[1], "nonconform", note="监控点位未备案")
    selfcheck.answer_item(officer, sc, codes[2], "na")
    form = form_data.selfcheck_form(officer, sc, OPTIONS)
    assert form.title == "交通运输执法领域突出问题专项整治行动自查自纠结果"
    assert _headers(form) == ["编号", "检查内容", "结果", "说明", "查阅资料", "台账问题序号"]
    assert form.header_left == f"自查单位（盖章）：{UNIT}"
    assert form.header_right == "填报时间：2024 年 6 月 30 日"
    rows = _rows(form)
    assert len(rows) == len(codes) == form.row_count
    assert rows[0][:5] == [codes[0], rows[0][1], "符合", "", "罚没款台账"]
    seq = signed.conn.execute("SELECT max(seq_no) FROM problems WHERE campaign_id = ?",
                              (campaign,)).fetchone()[0]
    assert rows[1][2:4] == ["不符合", "监控点位未备案"] and rows[1][5] == seq
    assert rows[2][2] == "不适用" and rows[3][2] == "未答"
    left = len(codes) - 3
    assert form.footer == (f"合计：{len(codes)} 项，符合 1 项，不符合 1 项，不适用 1 项，未答 {left} 项",
                           "自查人：李海龙", "负责人：")
    assert form.notes[-1] == "本次自查尚未完成。"


def test_casereview_score_sheet(signed: Store) -> None:
    review = signed.conn.execute(
        "SELECT r.id FROM case_reviews r JOIN case_files c ON c.id = r.case_file_id"
        " WHERE c.case_no = '玛交执罚〔2024〕8号'").fetchone()[0]
    form = form_data.casereview_form(login_as(signed, "officer"), review, OPTIONS)
    assert form.title == "行政执法案卷评查评分表" and not form.landscape
    assert _headers(form) == ["编号", "阶段", "评查项目", "分值", "扣分", "说明"]
    assert form.header_left == "案卷编号：玛交执罚〔2024〕8号　　案由：车辆超限运输"
    assert form.header_right == "当事人：青海某物流有限公司"
    rows = _rows(form)
    stages = [r[1] for r in rows]
    vetoes = stages.count("否决项")
    assert vetoes == 10 and stages[:vetoes] == ["否决项"] * vetoes, "veto items first"
    marked = {r[0]: r for r in rows if r[4] is not None}
    assert set(marked) == {"J4", "M1"}
    assert marked["M1"][5] == "询问笔录两处涂改未按手印（2 处）"
    score = signed.conn.execute("SELECT score, grade FROM case_reviews WHERE id = ?",
                                (review,)).fetchone()
    grade = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}[score[1]]
    assert form.footer[0] == f"得分：{score[0]:g}（满分 100）"
    assert form.footer[1:3] == (f"等级：{grade}", "评查人：马文斌")
    assert form.footer[3].startswith("评查日期：") and len(form.footer) == 4
    assert form.file_stem == "玛交执罚〔2024〕8号-案卷评查评分表"


def test_casereview_of_a_recheck_says_so(signed: Store) -> None:
    from models import casereviews
    case = signed.conn.execute("SELECT id FROM case_files WHERE review_state = 'recheck_required'"
                               ).fetchone()[0]
    chief = login_as(signed, "chief")
    casereviews.start_review(chief, case, recheck=True)
    review = signed.conn.execute("SELECT max(id) FROM case_reviews").fetchone()[0]
    form = form_data.casereview_form(chief, review, OPTIONS)
    assert form.footer[2] == "复核人：才让东智"
    assert form.footer[3] == "评查日期：2024 年 6 月 30 日", "not submitted: the fill date"
    assert form.footer[-1].startswith("复核：")
    assert form.notes[-1] == "本评查尚未提交，得分为暂计。"


# --- 资料报送统计表, 案件办理情况统计表 (plain rows) --------------------------------------------------------

def test_materials_form_reproduces_the_seed() -> None:
    form = form_stats.materials_form(materials_rows(), as_of=date(2024, 4, 10))
    assert form.title == MATERIALS_TITLE
    groups = [c.group for c in form.columns]
    header = [form.columns[0].header, groups[1]] + [c.header for c in form.columns[1:]]
    assert header == MATERIALS_HEADERS, "单位, 内容 over the five materials, 备注"
    assert groups == ["", "内容", "内容", "内容", "内容", "内容", ""]
    assert form.notes == tuple(MATERIALS_NOTES)
    seed = [line.split("\t") for line in MATERIALS_ROWS.splitlines()]
    assert _rows(form) == [[s[0], *s[2:], ""] for s in seed]
    assert form.row_count == 9 and form.header_left == form.header_right == ""


def test_cases_form_reproduces_the_seed_and_its_rate() -> None:
    form = form_stats.cases_form(cases_rows(), period="3.1-3.31", exam_period="2024.1-2024.4")
    assert form.title == CASES_TITLE
    top = []
    for c in form.columns:
        if (c.group or c.header) not in top:
            top.append(c.group or c.header)
    assert top == CASES_HEADERS
    assert [c.header for c in form.columns if c.group] == CASES_SUBHEADERS
    assert form.notes == tuple(CASES_NOTES)
    seed = [line.split("\t") for line in CASES_ROWS.splitlines()]
    assert [[str(v) for v in row] for row in _rows(form)] == seed
    assert form_stats.cases_form([], period="4.1-4.30", system="某系统").title == \
        "某系统 4.1-4.30 案件办理情况统计表"


@pytest.mark.parametrize("actual, test, officers, expected", [
    (4, 288, 1057, "28%"),          # the seed's 省路政执法总队
    (0, 0, 242, "0"),               # the seed's units without cases
    (1, 0, 2, "50%"), (1, 0, 8, "13%"), (1, 0, 200, "1%"), (1, 0, 201, "0%"),
    (5, 0, None, "/"), (5, 0, 0, "/"),
])
def test_per_capita_rate(actual: int, test: int, officers: int | None, expected: str) -> None:
    assert form_stats.per_capita_rate(actual, test, officers) == expected


def test_small_helpers() -> None:
    assert form_data.date_line(date(2024, 6, 3)) == "2024 年 6 月 3 日"
    assert form_data.deadline_text("2024-08-31") == "2024年8月31日"
    assert form_data.deadline_text(None) == ""
    assert form_data.file_stem("站/所", "表:一", "2024-06-30") == "站_所-表_一-2024-06-30"
    assert set(form_data.LEDGER_FORMS) < set(form_data.FORMS)
    assert all(is_chinese(name) for name in form_data.FORMS.values())
