"""Ledger query benchmark: the 问题台账 at 100,000 problems, through models.ledger_query.

    python bench/ledger.py [--problems 100000] [--runs 15] [--keep FOLDER]

Builds a demo installation in a temp folder (or FOLDER) and adds ``--problems`` problems with
realistic Chinese text (the sub-items of 逐利执法, 执法不规范, 执法方式简单僵化, 执法粗暴 and
执法"寻租") spread over the demo's units, people, both campaigns and none, with random deadlines,
statuses and sources. Then it measures the median core time of what the ledger view does:

- open: problem_ids (no filter, by 序号) + rows() of the first 50;
- filter: status + campaign, problem_ids + rows() of the first 50;
- sort: by 整改时限 descending, problem_ids + rows() of the first 50;
- search 2 / 4 characters: 罚没 and 罚没指标 (both one MATCH of the spaced-out trigram index
  problems_spaced_fts), problem_ids + rows() of the first 50;
- counts for the same filter as "filter".

Each is timed against a plain sqlite3 query for the same rows on a separate connection in the
same run (the floor: what SQLite itself needs), and the ids are checked equal; the ids of the
searches are checked against instr() over the base table too (what a search means). Target: each
under 50 ms median.

The bench data bypasses the audit trail ON PURPOSE: the problems go in with one
``executemany`` inside one ``store.write`` transaction (the FTS triggers fill the index), so no
audit entries are written for them and ``verify_audit`` would report them. Writing 100,000 audit
entries through ``Writer.insert`` takes minutes and measures the audit, not the queries.
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import ledger_query as lq  # noqa: E402
from models.ledger_query import LedgerFilter  # noqa: E402

TODAY = date(2024, 7, 15)
PAGE = 50

# Sub-items of the five aspects of the 2023 campaign and the 2024 notice (what the ledger holds).
ISSUES = {
    "逐利执法": [
        "下达或变相下达罚没指标", "将罚没收入与执法人员绩效考核挂钩", "违规设置电子监控设备",
        "乱罚款、滥收费", "以罚代管、只罚不管", "重复罚款、多头罚款", "罚没款未及时足额上缴",
        "违规收取停车费、保管费", "利用电子监控设备“滥罚款”",
    ],
    "执法不规范": [
        "滥用自由裁量权，同案不同罚", "选择性执法", "执法程序不规范，未告知陈述申辩权利",
        "执法文书制作不规范", "未按规定出示执法证件", "随意拦车扣车", "证据收集不全面",
        "案件超期未结", "违规异地执法",
    ],
    "执法方式简单僵化": [
        "执法“一刀切”", "运动式执法", "机械执法，不考虑情节轻重", "以罚代管",
        "首违不罚清单落实不到位", "不听当事人陈述和辩解", "说理式执法开展不够",
    ],
    "执法粗暴": [
        "执法态度生硬、言语粗暴", "野蛮执法，暴力扣车", "不听辩解、强行处罚",
        "推诿扯皮、刁难群众", "随意扣押车辆证件",
    ],
    "执法“寻租”": [
        "办理人情案、关系案、金钱案", "吃拿卡要、收受好处", "以罚款代替刑事处罚",
        "违规减免罚款", "为违法车辆通风报信", "利用职权插手货运业务",
    ],
}
PLACES = ["大武超限检测站", "G227线", "S101线", "花石峡路段", "军功服务区", "县城区治超点",
          "玛沁收费站出口", "东倾沟治超点"]
DETAILS = [
    "经查，{place}存在{issue}的情况，群众反映强烈。",
    "{place}执法人员{issue}，12328热线接到投诉{n}件。",
    "案卷评查发现，{n}份案卷存在{issue}问题，其中涉及罚没款{m}元。",
    "满意度测评中，货车司机反映{place}{issue}，影响执法形象。",
    "上级督查指出：{place}{issue}，整改不彻底。",
    "自查发现{issue}，涉及执法人员{n}名。",
]
MEASURES = [
    "立即停止{issue}的做法，组织全体执法人员开展警示教育。",
    "制定整改方案，明确责任人和整改时限，{n}日内完成整改。",
    "清理罚没指标文件，取消与罚没收入挂钩的考核指标。",
    "规范电子监控设备设置，逐一核查点位合法性，不合规的一律拆除。",
    "严格执行自由裁量基准，开展案卷交叉评查。",
    "落实首违不罚、轻微免罚清单，推行说理式执法。",
    "约谈相关责任人，{n}名执法人员暂停执法资格并参加培训。",
    "建立执法全过程记录制度，执法记录仪全程开启。",
]
COMPLETIONS = ["", "", "已完成整改，建立长效机制。", "已召开专题会议，整改正在推进。",
               "已退还多收罚没款{m}元。", "已拆除违规电子监控设备{n}处。"]
STATUSES = ["open"] * 3 + ["in_progress"] * 3 + ["rectified"] * 2 + ["closed"] * 3 + ["rebound"]
SOURCES = ["self_check"] * 4 + ["complaint"] * 2 + ["inspection", "satisfaction", "case_review",
                                                     "supervision_letter", "other"]


def build(folder: Path, count: int, seed: int = 20240715) -> None:
    """A demo installation with ``count`` generated problems (see the module doc)."""
    from models import directory
    from models.demo import create_demo
    from models.paths import DataDir
    from models.store import open_store

    rnd = random.Random(seed)
    store = open_store(DataDir(folder))
    chief = create_demo(store, with_problems=False)
    for _ in range(30):  # more responsible people than the demo's six
        name = rnd.choice("王李张刘陈杨赵黄周吴马索才扎") + rnd.choice("海文建南让永国卓") \
            + rnd.choice("龙斌军吉东平措华")
        directory.add_person(chief, name=name, title="执法队员")
    conn = store.conn
    units = [r[0] for r in conn.execute("SELECT id FROM units ORDER BY id")]
    people = [r[0] for r in conn.execute("SELECT id FROM people ORDER BY id")]
    cats = {}
    for cid, name in conn.execute("SELECT campaign_id, name FROM campaign_categories"):
        cats.setdefault(cid, []).append(name)
    campaigns = [None, *sorted(cats)]
    seq: dict[tuple[int | None, int], int] = {}
    stamp0 = date(2023, 4, 1)
    aspects = list(ISSUES)
    records = []
    for _ in range(count):
        campaign = rnd.choice(campaigns)
        unit = rnd.choice(units)
        seq[(campaign, unit)] = seq.get((campaign, unit), 0) + 1
        aspect = rnd.choice(aspects)
        category = aspect if campaign in (None, campaigns[1]) else rnd.choice(cats[campaign])
        issue = rnd.choice(ISSUES[aspect])
        place = rnd.choice(PLACES)
        n, m = rnd.randint(1, 30), rnd.randint(2, 500) * 100
        detail = rnd.choice(DETAILS).format(place=place, issue=issue, n=n, m=m)
        measures = rnd.choice(MEASURES).format(issue=issue, n=n)
        if rnd.random() < 0.3:
            measures += rnd.choice(MEASURES).format(issue=rnd.choice(ISSUES[aspect]), n=n)
        status = rnd.choice(STATUSES)
        created = stamp0 + timedelta(days=rnd.randint(0, 500))
        deadline = None if rnd.random() < 0.08 else \
            (created + timedelta(days=rnd.randint(7, 240))).isoformat()
        updated = created + timedelta(days=rnd.randint(0, 120), seconds=rnd.randint(0, 86399))
        closed = updated.isoformat() if status == "closed" else None
        source = rnd.choice(SOURCES)
        records.append((
            campaign, unit, seq[(campaign, unit)], category, f"{place}{issue}", detail, measures,
            rnd.choice(["执法一中队", "执法二中队", "法制科", "综合科", "站办公室"]),
            None if rnd.random() < 0.1 else rnd.choice(people), deadline,
            "" if rnd.random() < 0.8 else "群众关注度高，需重点督办。",
            rnd.choice(["common", "individual"]), source,
            rnd.choice(["12328", "12345", "信箱"]) if source == "complaint" else "",
            rnd.choice(COMPLETIONS).format(n=n, m=m) if status in ("rectified", "closed") else "",
            "yes" if status == "closed" else "", 1 if status == "rebound" else 0,
            "再次发现，已重新整改。" if status == "rebound" else "",
            status, closed, created.isoformat() + "T08:00:00+08:00",
            updated.isoformat() + "T09:30:00+08:00"))
    with store.write("bench") as w:  # one transaction; audit bypassed on purpose (module doc)
        w.conn.executemany(
            "INSERT INTO problems (campaign_id, unit_id, seq_no, category, issue, manifestation,"
            " measures, responsible_dept, responsible_person_id, deadline, remarks, scope, source,"
            " source_channel, completion, effective, rebound, rebound_measures, status, closed_at,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            records)
    store.close()


def timed(core, raw, runs: int) -> tuple[list[float], list[float], object, object]:
    """Times in ms of ``runs`` calls of each, alternating so that load on the machine falls on
    both alike; and each one's last result."""
    core_ms: list[float] = []
    raw_ms: list[float] = []
    core_out = raw_out = None
    for _ in range(runs):
        for fn, times in ((core, core_ms), (raw, raw_ms)):
            t = time.perf_counter()
            out = fn()
            times.append((time.perf_counter() - t) * 1000)
            if fn is core:
                core_out = out
            else:
                raw_out = out
    return core_ms, raw_ms, core_out, raw_out


# --- the plain sqlite3 equivalents (the floor) -------------------------------------------------

RAW_ROWS = ("SELECT p.*, pe.name FROM problems p LEFT JOIN people pe"
            " ON pe.id = p.responsible_person_id WHERE p.id IN ({})")


def raw_page(raw: sqlite3.Connection, sql: str, params: tuple = ()) -> list[int]:
    ids = [r[0] for r in raw.execute(sql, params).fetchall()]
    first = ids[:PAGE]
    raw.execute(RAW_ROWS.format(",".join("?" * len(first))), first).fetchall()
    return ids


TEXT_COLS = ("issue", "manifestation", "measures", "remarks", "completion", "rebound_measures")


def raw_instr(term: str) -> tuple[str, tuple]:
    cond = " OR ".join(f"instr({c}, ?) > 0" for c in TEXT_COLS)
    return f"SELECT id FROM problems WHERE {cond} ORDER BY seq_no, id", (term,) * len(TEXT_COLS)


def spaced_phrase(term: str) -> str:
    """A term as a phrase of problems_spaced_fts (written out here, not models' fts_phrase)."""
    inner = " ".join(term)
    return '"' + (f" {inner} " if len(term) == 1 else inner).replace('"', '""') + '"'


RAW_FTS_IDS = "SELECT rowid FROM problems_spaced_fts WHERE problems_spaced_fts MATCH ?"


def raw_fts(term: str) -> tuple[str, tuple]:
    sql = (f"SELECT p.id FROM ({RAW_FTS_IDS}) f CROSS JOIN problems p ON p.id = f.rowid"
           " ORDER BY p.seq_no, p.id")
    return sql, (spaced_phrase(term),)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", help="build in (or reuse) this folder instead of a temp one")
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN too")
    args = parser.parse_args()

    from models.paths import DataDir
    from models.session import session_without_password
    from models.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "data"
        db = DataDir(folder).database
        if not db.exists():
            t = time.perf_counter()
            build(folder, args.problems)
            print(f"built {args.problems} problems in {time.perf_counter() - t:.1f} s, "
                  f"{db.stat().st_size / 1e6:.1f} MB")
        store = open_store(DataDir(folder))
        session = session_without_password(store, "chief")
        raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        n = raw.execute("SELECT count(*) FROM problems").fetchone()[0]
        campaign = raw.execute("SELECT min(campaign_id) FROM problems").fetchone()[0]
        print(f"{n} problems; {os.cpu_count()} CPUs; SQLite {sqlite3.sqlite_version};"
              f" {args.runs} runs each, core and"
              f" raw alternating; a list = problem_ids + rows() of the first {PAGE}")

        def page(flt: LedgerFilter, sort: str = "seq_no", desc: bool = False):
            def run():
                ids = lq.problem_ids(session, flt, sort, desc)
                lq.rows(session, ids[:PAGE], today=TODAY)
                return ids
            return run

        flt_status = LedgerFilter(status=("open", "in_progress"), campaign_id=campaign,
                                  today=TODAY)

        def raw_counts(where: str, params: tuple = ()):
            return lambda: raw.execute(f"SELECT status, count(*) FROM problems {where}"
                                       " GROUP BY status", params).fetchall()

        status_where = "WHERE status IN (?, ?) AND campaign_id = ?"
        status_params = ("open", "in_progress", campaign)
        by_person = ("SELECT p.id FROM problems p LEFT JOIN people pe ON pe.id ="
                     " p.responsible_person_id ORDER BY pe.name NULLS LAST, p.id")
        targets = [
            ("open first page", page(LedgerFilter(today=TODAY)),
             lambda: raw_page(raw, "SELECT id FROM problems ORDER BY seq_no, id")),
            ("filter status+campaign", page(flt_status),
             lambda: raw_page(raw, f"SELECT id FROM problems {status_where} ORDER BY seq_no, id",
                              status_params)),
            ("sort deadline desc", page(LedgerFilter(today=TODAY), "deadline", True),
             lambda: raw_page(raw, "SELECT id FROM problems ORDER BY deadline DESC NULLS LAST,"
                                   " id")),
            ("search 罚没 (2 chars)", page(LedgerFilter(text="罚没", today=TODAY)),
             lambda: raw_page(raw, *raw_fts("罚没"))),
            ("search 罚没指标 (4 chars)", page(LedgerFilter(text="罚没指标", today=TODAY)),
             lambda: raw_page(raw, *raw_fts("罚没指标"))),
        ]
        others = [
            ("counts (no filter)", lambda: lq.counts(session, LedgerFilter(today=TODAY)),
             raw_counts("")),
            ("counts status+campaign", lambda: lq.counts(session, flt_status),
             raw_counts(status_where, status_params)),
            ("counts search 罚没", lambda: lq.counts(session, LedgerFilter(text="罚没")),
             raw_counts(f"WHERE id IN ({RAW_FTS_IDS})", (spaced_phrase("罚没"),))),
            ("search 罚 (1 char)", page(LedgerFilter(text="罚", today=TODAY)),
             lambda: raw_page(raw, *raw_fts("罚"))),
            ("search 拦车 (2 chars)", page(LedgerFilter(text="拦车", today=TODAY)),
             lambda: raw_page(raw, *raw_fts("拦车"))),
            ("search 监控 (2 chars)", page(LedgerFilter(text="监控", today=TODAY)),
             lambda: raw_page(raw, *raw_fts("监控"))),
            ("search 电子监控 (4 chars)", page(LedgerFilter(text="电子监控", today=TODAY)),
             lambda: raw_page(raw, *raw_fts("电子监控"))),
            ("filter overdue", page(LedgerFilter(overdue=True, today=TODAY)),
             lambda: raw_page(raw, "SELECT id FROM problems WHERE deadline > '' AND deadline < ?"
                                   " AND status <> 'closed' ORDER BY seq_no, id",
                              (TODAY.isoformat(),))),
            ("sort responsible person", page(LedgerFilter(today=TODAY), "responsible_person"),
             lambda: raw_page(raw, by_person)),
            ("sort issue", page(LedgerFilter(today=TODAY), "issue"),
             lambda: raw_page(raw, "SELECT id FROM problems ORDER BY issue, id")),
            ("sort status", page(LedgerFilter(today=TODAY), "status"),
             lambda: raw_page(raw, "SELECT id FROM problems ORDER BY CASE status WHEN 'open'"
                                   " THEN 0 WHEN 'in_progress' THEN 1 WHEN 'rectified' THEN 2"
                                   " WHEN 'closed' THEN 3 ELSE 4 END, id")),
            ("sort category", page(LedgerFilter(today=TODAY), "category"),
             lambda: raw_page(raw, "SELECT id FROM problems ORDER BY category, id")),
            ("sort updated_at desc", page(LedgerFilter(today=TODAY), "updated_at", True),
             lambda: raw_page(raw, "SELECT id FROM problems ORDER BY updated_at DESC, id")),
        ]
        head = (f"{'operation':<26}{'rows':>8}{'core ms':>9}{'(min)':>7}{'raw ms':>8}"
                f"{'(min)':>7}{'ratio':>7}{'< 50 ms':>9}")
        worst = 0.0
        for title, cases in (("targets", targets), ("other ledger operations", others)):
            print(f"\n{title}\n{head}\n{'-' * len(head)}")
            for name, core, floor in cases:
                core(), floor()  # warm the page cache and the statement caches
                core_ms, raw_ms, core_out, raw_out = timed(core, floor, args.runs)
                if isinstance(core_out, list):
                    assert core_out == raw_out, f"{name}: the core and the raw query disagree"
                    shown = len(core_out)
                else:
                    shown = core_out["total"]
                    assert shown == sum(c for _s, c in raw_out), name
                med, raw_med = statistics.median(core_ms), statistics.median(raw_ms)
                if cases is targets:
                    worst = max(worst, med)
                print(f"{name:<26}{shown:>8}{med:>9.1f}{min(core_ms):>7.1f}{raw_med:>8.1f}"
                      f"{min(raw_ms):>7.1f}{med / raw_med:>6.2f}x{'yes' if med < 50 else 'NO':>9}")
        for term in ("罚", "罚没", "拦车", "监控", "罚没指标", "电子监控", "ab"):
            found = lq.problem_ids(session, LedgerFilter(text=term, today=TODAY))
            expected = [r[0] for r in raw.execute(*raw_instr(term))]
            if term.isascii():  # the search ignores the case of ASCII letters
                cond = " OR ".join(f"{c} LIKE ?" for c in TEXT_COLS)
                expected = [r[0] for r in raw.execute(
                    f"SELECT id FROM problems WHERE {cond} ORDER BY seq_no, id",
                    (f"%{term}%",) * len(TEXT_COLS))]
            assert found == expected, f"search {term}: not the ids of instr()/LIKE"
        print("\nsearch ids = instr()/LIKE ids over the base table: checked")
        if args.plans:
            conn = store.conn
            for flt, sort, desc in ((LedgerFilter(), "seq_no", False),
                                    (flt_status, "seq_no", False),
                                    (LedgerFilter(), "deadline", True),
                                    (LedgerFilter(text="罚"), "seq_no", False),
                                    (LedgerFilter(text="罚没"), "seq_no", False),
                                    (LedgerFilter(text="罚没指标"), "seq_no", False),
                                    (flt_status._replace(text="罚没"), "seq_no", False),
                                    (LedgerFilter(text="罚没", responsible_person_id=3),
                                     "seq_no", False),
                                    (LedgerFilter(text="罚没", due_soon=True, today=TODAY),
                                     "seq_no", False)):
                sql, params = lq.ids_sql(conn, flt, sort, desc)
                print(f"\n{sql}")
                for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params):
                    print(f"    {row[3]}")
        raw.close()
        store.close()
        print(f"\nslowest target: {worst:.1f} ms median (target < 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
