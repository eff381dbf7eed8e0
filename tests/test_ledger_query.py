"""The ledger's query layer (models.ledger_query): every filter alone and combined, every sort key
both ways with stable ties, Chinese search of 1-4 characters (instr and trigram FTS) against a
Python reference over the same rows, search text that looks like FTS syntax, deadlines against a
fixed today, counts, display rows, and the permission. Real SQLite files in temp folders."""
from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import date, timedelta
from typing import Any, Callable, NamedTuple

import pytest

from conftest import login_as
from core_helpers import copy_installation
from models import directory, problems
from models import ledger_query as lq
from models.errors import PermissionDenied, ValidationError
from models.ledger_query import LedgerFilter
from models.paths import DataDir
from models.permissions import OPERATIONS, PERMISSIONS
from models.session import Session, now_text
from models.store import Store, open_store

TODAY = date(2024, 7, 15)


class Ledger(NamedTuple):
    store: Store
    chief: Session
    qinghai: int
    xiangyuan: int
    people: dict[str, int]  # name -> id (the first of a name)
    twin: int               # a second person named 李海龙


# --- the data -----------------------------------------------------------------------------------

#: Problems entered through create_problem; their text holds the search edge cases.
HAND = [
    dict(issue="下达或变相下达罚没指标", manifestation="按月向执法中队下达罚没指标。",
         measures="清理罚没指标文件。", source="inspection", deadline="2024-07-14"),
    # 罚没 at the very end of a column; a column that is the whole 2- or 1-character term;
    # 罚 | 没 split across two columns
    dict(issue="超限站罚没", manifestation="", measures="", deadline="2024-07-15"),
    dict(issue="执法态度生硬", remarks="罚没", deadline="2024-07-22"),
    dict(issue="言语粗暴", remarks="罚", deadline="2024-07-23"),
    dict(issue="只罚", manifestation="没指标考核", deadline=None),
    dict(issue="群众反映问题", manifestation='群众称"罚没指标"压力大', source="complaint",
         source_channel="12328"),
    dict(issue="电子监控设置不规范", measures="A*B (AND) OR NEAR(x y) col:z ^w -v",
         source="case_review"),
    dict(issue="罚款收据不全", completion="a%b_c 已100%完成", remarks="存于C:\\罚没\\a\\b",
         source="satisfaction"),
    dict(issue="以罚代管", rebound_measures="罚没指标再次出现，已重新整改。"),
    dict(issue="Ab 测试", manifestation="and 小写"),
    dict(issue="AB 大写", manifestation="AND 大写", deadline="2024-06-30"),
    dict(issue="乱罚款、滥收费", responsible_dept="罚没科", source_ref="罚没指标001"),
    dict(issue="罚没款未及时足额上缴", measures="三日内上缴。", deadline="2024-07-16"),
    dict(issue='引号"测试', manifestation="星号*与括号(测试", source="other"),
]

PHRASES = ["下达或变相下达罚没指标", "将罚没收入与绩效考核挂钩", "违规设置电子监控设备",
           "乱罚款、滥收费", "滥用自由裁量权", "随意拦车扣车", "选择性执法", "执法“一刀切”",
           "运动式执法", "以罚代管", "不听当事人陈述和辩解", "办理人情案、关系案",
           "罚没款未及时上缴", "没收车辆证件", "考核指标", "罚", "没指标"]
CATEGORIES = ["逐利执法", "执法不规范", "执法方式简单僵化", "执法粗暴", "执法“寻租”"]
BULK = 620  # more than one chunk of rows()


def _build(store: Store) -> Ledger:
    chief = login_as(store, "chief")
    directory.add_person(chief, name="李海龙", title="执法辅助人员")  # same name as the officer
    q = store.conn.execute
    qinghai = q("SELECT id FROM campaigns WHERE doc_no LIKE '青交%'").fetchone()[0]
    xiangyuan = q("SELECT id FROM campaigns WHERE doc_no LIKE '襄交%'").fetchone()[0]
    people: dict[str, int] = {}
    for pid, name in q("SELECT id, name FROM people ORDER BY id"):
        people.setdefault(name, pid)
    twin = q("SELECT max(id) FROM people WHERE name = '李海龙'").fetchone()[0]
    names = ["李海龙", "索南扎西", "马文斌", "王丽", "张强"]

    # Through the operations, as a user enters them.
    for i, fields in enumerate(HAND):
        problems.create_problem(
            chief, campaign_id=qinghai if i % 3 else None, category=CATEGORIES[i % 5],
            responsible_person_id=people[names[i % 5]] if i % 4 else None, **fields)
    first = q("SELECT min(id) FROM problems").fetchone()[0]
    problems.transition(chief, first, "in_progress", "已部署。")
    problems.transition(chief, first + 1, "rectified", "已整改。")
    problems.transition(chief, first + 1, "closed", "验收通过。")  # its deadline is today

    # Many more, quickly, through the audited writer.
    rnd = random.Random(7)
    unit = int(store.setting("own_unit_id") or 0)
    units = [unit, q("SELECT min(id) FROM units").fetchone()[0]]
    statuses = list(problems.STATUSES)
    sources = list(problems.SOURCES)
    seq = Counter()
    for campaign, unit_id, n in q("SELECT campaign_id, unit_id, max(seq_no) FROM problems"
                                    " GROUP BY 1, 2"):
        seq[(campaign, unit_id)] = n
    with store.write(chief.actor) as w:
        for _ in range(BULK):
            campaign = rnd.choice([None, qinghai, xiangyuan])
            unit_id = rnd.choice(units)
            seq[(campaign, unit_id)] += 1
            status = rnd.choice(statuses)
            deadline = None if rnd.random() < 0.15 else \
                (TODAY + timedelta(days=rnd.randint(-20, 20))).isoformat()
            stamp = f"2024-0{rnd.randint(5, 7)}-1{rnd.randint(0, 9)}T08:00:00+08:00"
            w.insert("problems", {
                "campaign_id": campaign, "unit_id": unit_id, "seq_no": seq[(campaign, unit_id)],
                "category": rnd.choice(CATEGORIES), "issue": rnd.choice(PHRASES),
                "manifestation": rnd.choice(["", *PHRASES]),
                "measures": rnd.choice(["", "", "立即整改。", *PHRASES]),
                "responsible_dept": rnd.choice(["", "一中队", "法制科"]),
                "responsible_person_id": None if rnd.random() < 0.2 else
                rnd.choice([*people.values(), twin]),
                "deadline": deadline, "remarks": rnd.choice(["", "", "", "罚", "无"]),
                "scope": rnd.choice(["common", "individual"]), "source": rnd.choice(sources),
                "completion": rnd.choice(["", "已完成。"]) if status in ("rectified", "closed")
                else "",
                "effective": "yes" if status == "closed" else "",
                "rebound": int(status == "rebound"),
                "status": status, "closed_at": stamp if status == "closed" else None,
                "created_at": stamp, "updated_at": rnd.choice([stamp, now_text()])})
    return Ledger(store, chief, qinghai, xiangyuan, people, twin)


@pytest.fixture(scope="module")
def ledger(demo_template: DataDir, tmp_path_factory: pytest.TempPathFactory):
    """A demo copy with ~630 problems, built once for this module; the tests only read it."""
    from models import passwords
    saved = passwords.SCRYPT_N, passwords._DUMMY
    passwords.SCRYPT_N, passwords._DUMMY = 2 ** 10, None
    data = copy_installation(demo_template, DataDir(tmp_path_factory.mktemp("ledger") / "data"))
    store = open_store(data)
    try:
        yield _build(store)
    finally:
        store.close()
        passwords.SCRYPT_N, passwords._DUMMY = saved


# --- the Python reference -----------------------------------------------------------------------

def hand_ids(store: Store) -> dict[str, int]:
    """The problems of HAND by their issue (the first of an issue the bulk rows repeat)."""
    out: dict[str, int] = {}
    for row in all_rows(store):
        out.setdefault(row["issue"], row["id"])
    return out


def all_rows(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT p.*, pe.name AS person_name, u.name AS unit_name, c.title AS campaign_title"
        " FROM problems p LEFT JOIN people pe ON pe.id = p.responsible_person_id"
        " LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN campaigns c ON c.id = p.campaign_id"
        " ORDER BY p.id")


def contains(row: dict[str, Any], term: str) -> bool:
    """``term`` occurs inside one searched column (ASCII letters ignore case, as the trigram
    index and LIKE do)."""
    fold = any(ch.isascii() and ch.isalpha() for ch in term)
    for col in lq.SEARCH_COLUMNS:
        text = row[col] or ""
        if (term.lower() in text.lower()) if fold else (term in text):
            return True
    return False


def matches(row: dict[str, Any], flt: LedgerFilter) -> bool:
    if flt.campaign_id is not None and row["campaign_id"] != flt.campaign_id:
        return False
    if flt.category is not None and row["category"] != flt.category:
        return False
    if flt.status is not None:
        wanted = {flt.status} if isinstance(flt.status, str) else set(flt.status)
        if row["status"] not in wanted:
            return False
    if flt.responsible_person_id is not None \
            and row["responsible_person_id"] != flt.responsible_person_id:
        return False
    if flt.source is not None and row["source"] != flt.source:
        return False
    if flt.overdue or flt.due_soon:
        state = problems.deadline_state(row["deadline"], row["status"], flt.today)
        allowed = {s for s, on in (("overdue", flt.overdue), ("due_soon", flt.due_soon)) if on}
        if state not in allowed:
            return False
    return all(contains(row, term) for term in flt.text.split())


SORT_VALUE: dict[str, Callable[[dict[str, Any]], Any]] = {
    "status": lambda r: list(problems.STATUSES).index(r["status"]),
    "source": lambda r: list(problems.SOURCES).index(r["source"]),
    "responsible_person": lambda r: r["person_name"],
    "unit": lambda r: r["unit_name"],
    "campaign": lambda r: r["campaign_title"],
}


def expected(rows: list[dict[str, Any]], flt: LedgerFilter, sort: str = "seq_no",
             descending: bool = False) -> list[int]:
    """Python's answer: filtered, sorted by ``sort``, blanks (NULL) last either way, ties by id
    ascending either way (or plain id order for ``id``)."""
    picked = sorted((r for r in rows if matches(r, flt)), key=lambda r: r["id"])
    if sort == "id":
        return [r["id"] for r in (reversed(picked) if descending else picked)]
    value = SORT_VALUE.get(sort, lambda r: r[sort])
    present = sorted((r for r in picked if value(r) is not None), key=value, reverse=descending)
    blank = [r for r in picked if value(r) is None]
    return [r["id"] for r in present + blank]


# --- filters ------------------------------------------------------------------------------------

FILTERS: dict[str, Callable[[Ledger], LedgerFilter]] = {
    "none": lambda lg: LedgerFilter(),
    "campaign": lambda lg: LedgerFilter(campaign_id=lg.qinghai),
    "campaign2": lambda lg: LedgerFilter(campaign_id=lg.xiangyuan),
    "category": lambda lg: LedgerFilter(category="执法不规范"),
    "category unknown": lambda lg: LedgerFilter(category="不存在的类别"),
    "status one": lambda lg: LedgerFilter(status="rectified"),
    "status list": lambda lg: LedgerFilter(status=["open", "rebound"]),
    "status tuple": lambda lg: LedgerFilter(status=("in_progress", "closed", "rectified")),
    "status none chosen": lambda lg: LedgerFilter(status=()),
    "person": lambda lg: LedgerFilter(responsible_person_id=lg.people["李海龙"]),
    "person twin": lambda lg: LedgerFilter(responsible_person_id=lg.twin),
    "source": lambda lg: LedgerFilter(source="complaint"),
    "overdue": lambda lg: LedgerFilter(overdue=True, today=TODAY),
    "due soon": lambda lg: LedgerFilter(due_soon=True, today=TODAY),
    "overdue or due soon": lambda lg: LedgerFilter(overdue=True, due_soon=True, today=TODAY),
    "text": lambda lg: LedgerFilter(text="罚没"),
    "campaign+status": lambda lg: LedgerFilter(campaign_id=lg.qinghai, status=["open", "closed"]),
    "campaign+category+source": lambda lg: LedgerFilter(
        campaign_id=lg.xiangyuan, category="逐利执法", source="self_check"),
    "status+overdue": lambda lg: LedgerFilter(status="open", overdue=True, today=TODAY),
    "person+due soon": lambda lg: LedgerFilter(responsible_person_id=lg.people["索南扎西"],
                                               due_soon=True, today=TODAY),
    "closed+overdue (none)": lambda lg: LedgerFilter(status="closed", overdue=True, today=TODAY),
    "text 2+campaign": lambda lg: LedgerFilter(text="罚", campaign_id=lg.qinghai),
    "text 4+status": lambda lg: LedgerFilter(text="罚没指标", status=["open", "in_progress"]),
    "text 3+source+overdue": lambda lg: LedgerFilter(text="罚没款", source="self_check",
                                                     overdue=True, today=TODAY),
    "two terms": lambda lg: LedgerFilter(text="罚没  指标"),
    "short and long terms": lambda lg: LedgerFilter(text="罚 违规设置"),
    "everything": lambda lg: LedgerFilter(
        campaign_id=lg.qinghai, category="逐利执法", status=("open", "in_progress", "rebound"),
        responsible_person_id=lg.people["李海龙"], source="self_check", overdue=True,
        due_soon=True, text="罚", today=TODAY),
}


@pytest.mark.parametrize("name", FILTERS)
def test_filter_matches_the_reference(ledger: Ledger, name: str) -> None:
    flt = FILTERS[name](ledger)
    want = expected(all_rows(ledger.store), flt)
    assert lq.problem_ids(ledger.chief, flt) == want
    got = lq.counts(ledger.chief, flt)
    assert got["total"] == len(want)


def test_filters_are_not_vacuous(ledger: Ledger) -> None:
    """Each filter shows some rows but not all (so the comparisons above mean something)."""
    rows = all_rows(ledger.store)
    total = len(rows)
    assert total > lq.CHUNK
    empty = {"category unknown", "status none chosen", "closed+overdue (none)"}
    for name, make in FILTERS.items():
        n = len(expected(rows, make(ledger)))
        if name == "none":
            assert n == total
        elif name in empty:
            assert n == 0, name
        else:
            assert 0 < n < total, name


# --- sorting ------------------------------------------------------------------------------------

@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", list(lq.SORT_KEYS))
def test_sort_matches_the_reference(ledger: Ledger, sort: str, descending: bool) -> None:
    rows = all_rows(ledger.store)
    for flt in (LedgerFilter(), LedgerFilter(status=("open", "rectified"), text="罚")):
        assert lq.problem_ids(ledger.chief, flt, sort, descending) == \
            expected(rows, flt, sort, descending), (sort, descending, flt)


def test_sort_ties_keep_id_order_both_ways(ledger: Ledger) -> None:
    rows = {r["id"]: r for r in all_rows(ledger.store)}
    for sort, col in (("category", "category"), ("status", "status"), ("source", "source"),
                      ("deadline", "deadline")):
        for descending in (False, True):
            ids = lq.problem_ids(ledger.chief, LedgerFilter(), sort, descending)
            runs: dict[Any, list[int]] = {}
            for pid in ids:
                runs.setdefault(rows[pid][col], []).append(pid)
            assert any(len(run) > 1 for run in runs.values())
            for run in runs.values():
                assert run == sorted(run), (sort, descending)


def test_blanks_sort_last_both_ways(ledger: Ledger) -> None:
    rows = {r["id"]: r for r in all_rows(ledger.store)}
    for descending in (False, True):
        ids = lq.problem_ids(ledger.chief, LedgerFilter(), "deadline", descending)
        blanks = [i for i, pid in enumerate(ids) if rows[pid]["deadline"] is None]
        assert blanks and blanks == list(range(len(ids) - len(blanks), len(ids)))
        people = lq.problem_ids(ledger.chief, LedgerFilter(), "responsible_person", descending)
        assert rows[people[-1]]["responsible_person_id"] is None
        assert rows[people[0]]["responsible_person_id"] is not None


def test_people_of_one_name_sort_together(ledger: Ledger) -> None:
    """Two people named 李海龙: one block, in id order."""
    rows = {r["id"]: r for r in all_rows(ledger.store)}
    ids = lq.problem_ids(ledger.chief, LedgerFilter(), "responsible_person")
    block = [pid for pid in ids if rows[pid]["person_name"] == "李海龙"]
    start = ids.index(block[0])
    assert ids[start:start + len(block)] == block == sorted(block)
    assert {rows[pid]["responsible_person_id"] for pid in block} == \
        {ledger.people["李海龙"], ledger.twin}


def test_unknown_sort_key_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="unknown sort key"):
        lq.problem_ids(ledger.chief, LedgerFilter(), "id; DROP TABLE problems")


# --- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["罚", "罚没", "罚没指", "罚没指标", "没指标", "指标", "考核",
                                  "电子监控", "逐利", "无", "。", "12328", "罚没科", "罚没指标001"])
def test_search_finds_exactly_the_rows_containing_the_term(ledger: Ledger, term: str) -> None:
    rows = all_rows(ledger.store)
    flt = LedgerFilter(text=term)
    want = expected(rows, flt)
    assert lq.problem_ids(ledger.chief, flt) == want
    assert lq.counts(ledger.chief, flt)["total"] == len(want)


def test_search_edge_cases_of_short_and_long_terms(ledger: Ledger) -> None:
    rows = hand_ids(ledger.store)

    def found(text: str) -> set[int]:
        return set(lq.problem_ids(ledger.chief, LedgerFilter(text=text)))

    assert rows["超限站罚没"] in found("罚没")          # at the very end of a column
    assert rows["执法态度生硬"] in found("罚没")        # a column that is the term itself
    assert rows["言语粗暴"] in found("罚")
    assert rows["只罚"] not in found("罚没")           # 罚 | 没 in two columns is no match
    assert rows["只罚"] in found("罚") and rows["只罚"] in found("没指标")
    assert rows["以罚代管"] in found("罚没指标")        # rebound_measures is searched
    assert rows["乱罚款、滥收费"] not in found("罚没科")  # responsible_dept is not
    assert rows["乱罚款、滥收费"] not in found("罚没指标001")  # nor source_ref
    assert found("罚没指标") == found("罚没指标 罚没指")
    assert found("罚没 指标") == found("罚没") & found("指标")
    assert found("　罚没\t") == found("罚没")           # ideographic space, tab
    assert found("罚没\x00指标") == found("罚没 指标")    # NUL would end an FTS5 query early
    assert found("\x00") == found("")
    assert found("") == found("   ") == {r["id"] for r in all_rows(ledger.store)}


SYNTAX_TERMS = [
    '"', "*", "(", ")", "AND", "and", "OR", "NOT", "NEAR", "NEAR(x", "col:z", "^w", "-v", "A*B",
    "(AND)", '"罚没指标"', '罚没"指标', '引号"测试', "星号*与括号(", "*与括", "a%b", "a%", "%",
    "_", "a_", "%完成", "Ab", "aB", "ab", '""', "'", "'; --", "罚没指标 OR 电子监控",
    "罚没指标 -罚没", "{罚没}", "罚没*", "\\", "a\\", "b\\%", "NEAR(罚没 指标, 2)",
    "罚没指标:*", "^罚没指标",
]


@pytest.mark.parametrize("term", SYNTAX_TERMS)
def test_search_syntax_is_text(ledger: Ledger, term: str) -> None:
    """Quotes, FTS operators, LIKE wildcards: searched as the text they are, never raising."""
    rows = all_rows(ledger.store)
    flt = LedgerFilter(text=term)
    assert lq.problem_ids(ledger.chief, flt) == expected(rows, flt), term
    assert lq.counts(ledger.chief, flt)["total"] == len(expected(rows, flt))


def test_search_syntax_finds_its_rows(ledger: Ledger) -> None:
    by_issue = hand_ids(ledger.store)

    def found(text: str) -> set[int]:
        return set(lq.problem_ids(ledger.chief, LedgerFilter(text=text)))

    assert found('"罚没指标"') == {by_issue["群众反映问题"]}
    assert found("(AND)") == found("A*B") == found("NEAR(x") == {by_issue["电子监控设置不规范"]}
    assert found('"') == {by_issue["群众反映问题"], by_issue['引号"测试']}
    assert found("a%b") == {by_issue["罚款收据不全"]}
    assert found("%完成") == {by_issue["罚款收据不全"]}
    assert found("a\\") == found("\\罚") == {by_issue["罚款收据不全"]}
    assert by_issue["Ab 测试"] in found("ab") and by_issue["AB 大写"] in found("ab")
    assert {by_issue["Ab 测试"], by_issue["AB 大写"]} <= found("AND")  # and, AND, (AND)


def test_fts_phrase_quoting() -> None:
    # a phrase of the spaced-out trigram index: characters separated by spaces, a single
    # character with a space either side; inner double quotes doubled
    assert lq.fts_phrase('罚没"指标') == '"罚 没 "" 指 标"'
    assert lq.fts_phrase("罚没") == '"罚 没"'
    assert lq.fts_phrase("罚") == '" 罚 "'
    assert lq.fts_phrase('"') == '" "" "'
    assert lq.search_terms(" 罚没  指标 罚没\u3000") == ["罚没", "指标"]
    assert lq.search_terms("罚没\x00指标\x1f罚") == ["罚没", "指标", "罚"]


# --- deadlines, counts, rows --------------------------------------------------------------------

def test_overdue_and_due_soon_boundaries(ledger: Ledger) -> None:
    rows = hand_ids(ledger.store)
    overdue = set(lq.problem_ids(ledger.chief, LedgerFilter(overdue=True, today=TODAY)))
    soon = set(lq.problem_ids(ledger.chief, LedgerFilter(due_soon=True, today=TODAY)))
    assert rows["下达或变相下达罚没指标"] in overdue     # yesterday
    assert rows["超限站罚没"] not in overdue | soon      # today, but struck off
    assert rows["执法态度生硬"] in soon                 # today + 7
    assert rows["言语粗暴"] not in overdue | soon       # today + 8
    assert rows["只罚"] not in overdue | soon           # no deadline
    assert rows["罚没款未及时足额上缴"] in soon           # tomorrow
    assert not overdue & soon
    later = LedgerFilter(overdue=True, today=TODAY + timedelta(days=9))
    assert rows["言语粗暴"] in set(lq.problem_ids(ledger.chief, later))


def test_counts_agree_with_the_ids(ledger: Ledger) -> None:
    rows = {r["id"]: r for r in all_rows(ledger.store)}
    for make in FILTERS.values():
        flt = make(ledger)._replace(today=TODAY)
        ids = lq.problem_ids(ledger.chief, flt)
        got = lq.counts(ledger.chief, flt)
        assert got["total"] == len(ids)
        assert got["by_status"] == {s: sum(1 for i in ids if rows[i]["status"] == s)
                                    for s in problems.STATUSES}
        states = Counter(problems.deadline_state(rows[i]["deadline"], rows[i]["status"], TODAY)
                         for i in ids)
        assert (got["overdue"], got["due_soon"]) == (states["overdue"], states["due_soon"])


def test_rows_give_display_values(ledger: Ledger) -> None:
    ref = {r["id"]: r for r in all_rows(ledger.store)}
    ids = lq.problem_ids(ledger.chief, LedgerFilter(), "deadline")
    got = lq.rows(ledger.chief, ids, today=TODAY)
    assert list(got) == ids and len(got) == len(ref) > lq.CHUNK
    for pid, row in got.items():
        r = ref[pid]
        assert row["id"] == pid and row["issue"] == r["issue"] and row["seq_no"] == r["seq_no"]
        assert row["responsible_person"] == r["person_name"]
        assert row["unit_name"] == r["unit_name"] and row["campaign_title"] == r["campaign_title"]
        assert row["deadline_state"] == problems.deadline_state(r["deadline"], r["status"], TODAY)
    assert Counter(r["deadline_state"] for r in got.values()).keys() == {"", "overdue", "due_soon"}
    named = next(r for r in got.values() if r["responsible_person_id"] == ledger.twin)
    assert named["responsible_person"] == "李海龙"


def test_rows_of_a_page_missing_and_repeated_ids(ledger: Ledger) -> None:
    ids = lq.problem_ids(ledger.chief, LedgerFilter(text="罚没"))[:50]
    page = lq.rows(ledger.chief, [*ids, ids[0], 10 ** 9])
    assert list(page) == ids
    assert lq.rows(ledger.chief, []) == {}


def test_rows_send_at_most_a_chunk_of_ids_per_query(ledger: Ledger, monkeypatch) -> None:
    sizes: list[int] = []
    real = lq.rows_sql
    monkeypatch.setattr(lq, "rows_sql", lambda n: sizes.append(n) or real(n))
    ids = lq.problem_ids(ledger.chief, LedgerFilter())
    assert len(lq.rows(ledger.chief, ids)) == len(ids)
    assert sizes and max(sizes) <= 500 and sum(sizes) == len(ids)


def test_bad_filter_values_are_refused(ledger: Ledger) -> None:
    with pytest.raises(ValidationError):
        lq.problem_ids(ledger.chief, LedgerFilter(status="done"))
    with pytest.raises(ValidationError):
        lq.counts(ledger.chief, LedgerFilter(source="gossip"))


def test_queries_do_not_write(ledger: Ledger) -> None:
    from models import audit
    head = audit.head(ledger.store.conn)
    changes = ledger.store.conn.total_changes
    lq.problem_ids(ledger.chief, LedgerFilter(text="罚没", overdue=True, today=TODAY))
    lq.rows(ledger.chief, [1, 2, 3])
    lq.counts(ledger.chief, LedgerFilter(status="open"))
    assert audit.head(ledger.store.conn) == head
    assert ledger.store.conn.total_changes == changes
    assert ledger.store.verify_audit().ok


# --- query plans --------------------------------------------------------------------------------

def plan(conn: sqlite3.Connection, flt: LedgerFilter, sort: str = "seq_no") -> str:
    sql, params = lq.ids_sql(conn, flt, sort)
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_broad_filters_scan_the_table_once(ledger: Ledger) -> None:
    """No index lookups of a fifth or half of the table: one pass over it (see _table_hint)."""
    conn = ledger.store.conn
    for flt in (LedgerFilter(status="open", campaign_id=ledger.qinghai),
                LedgerFilter(overdue=True, today=TODAY)):
        assert "SCAN p" in plan(conn, flt) and "INDEX" not in plan(conn, flt).split("|")[0]
    # a search of any length: the full-text index drives, then each problem by its key
    for text in ("罚", "罚没", "罚没指标", "罚没 监控"):
        for flt in (LedgerFilter(text=text),
                    LedgerFilter(text=text, status="open", campaign_id=ledger.qinghai)):
            steps = plan(conn, flt).split(" | ")
            assert "problems_spaced_fts" in steps[0] and "SCAN p " not in plan(conn, flt)
            assert "SEARCH p USING INTEGER PRIMARY KEY" in steps[1]
    # narrow conditions and covering indexes are still the planner's to use
    assert "INDEX problems_person" in plan(conn, LedgerFilter(responsible_person_id=3))
    with_person = plan(conn, LedgerFilter(responsible_person_id=3, text="罚"))
    assert with_person.startswith("SEARCH p USING INDEX problems_person")
    assert "problems_spaced_fts" in with_person
    with_deadline = plan(conn, LedgerFilter(due_soon=True, today=TODAY, text="罚没"))
    assert with_deadline.startswith("SEARCH p USING INDEX problems_deadline")
    assert "problems_spaced_fts" in with_deadline
    assert "COVERING INDEX problems_status" in plan(conn, LedgerFilter(status="open"),
                                                    "deadline")
    assert "COVERING INDEX" in plan(conn, LedgerFilter())


def test_a_new_covering_index_is_noticed(demo: Store) -> None:
    conn = demo.conn
    flt = LedgerFilter(status="open", campaign_id=1)
    assert "NOT INDEXED" in lq.ids_sql(conn, flt)[0]
    conn.execute("CREATE INDEX test_only_cover ON problems(campaign_id, status, seq_no)")
    assert "NOT INDEXED" not in lq.ids_sql(conn, flt)[0]
    assert "test_only_cover" in plan(conn, flt)
    conn.execute("DROP INDEX test_only_cover")
    assert "NOT INDEXED" in lq.ids_sql(conn, flt)[0]


# --- permission ---------------------------------------------------------------------------------

def test_the_operations_need_problem_read(demo: Store) -> None:
    for name in ("problem_ids", "rows", "counts"):
        func, permission = OPERATIONS[f"ledger_query.{name}"]
        assert func is getattr(lq, name)
        assert permission is PERMISSIONS["problem.read"] is func.permission
    chief = login_as(demo, "chief")
    nobody = chief._replace(roles=frozenset())  # an account no role of which grants the read
    for call in (lambda s: lq.problem_ids(s, LedgerFilter()), lambda s: lq.rows(s, [1]),
                 lambda s: lq.counts(s)):
        with pytest.raises(PermissionDenied):
            call(nobody)
        assert call(chief) is not None
    for user in ("officer", "officer2", "reviewer", "admin"):
        assert lq.counts(login_as(demo, user))["total"] == 0
