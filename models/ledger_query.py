"""The query layer of the rectification ledger (问题台账): filter, sort, search and count.

A big table view loads the ids of everything the filter shows once (:func:`problem_ids`), then the
display values of the rows it paints, a screenful at a time (:func:`rows`); :func:`counts` gives the
totals for the status line. Every condition is SQL, none is a Python loop over rows.

Search: the text is split on whitespace into terms that must all occur (AND). Every term, of any
length, is a phrase of ONE trigram full-text index, ``problems_spaced_fts``, over the text columns
with a space between every two characters (see ``_m003_problems``): a single character ``c`` is
the trigram ``" c "``, two characters ``ab`` the trigram ``"a b"``, a longer term its spaced-out
characters. All terms go in one MATCH. A term matches a row when it occurs inside one of those
columns, ignoring the case of ASCII letters (as the trigram tokenizer does).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any, Iterable, NamedTuple

from . import validate
from .permissions import operation
from .problems import DUE_SOON_DAYS, SOURCES, STATUSES
from .session import Session
from .store import sqlite_errors

#: The columns the search looks in: those of ``problems_spaced_fts``, in its order.
SEARCH_COLUMNS = ("issue", "manifestation", "measures", "remarks", "completion",
                  "rebound_measures")

#: Longest ``WHERE id IN (...)`` list :func:`rows` sends at once.
CHUNK = 500


def _order_case(column: str, codes: Iterable[str]) -> str:
    """A CASE giving ``codes`` their listed position (the lifecycle, the form's order)."""
    whens = " ".join(f"WHEN '{code}' THEN {pos}" for pos, code in enumerate(codes))
    return f"CASE {column} {whens} END"


#: Sort keys of the ledger table -> the SQL expression sorted on. Status and source sort in their
#: natural order (lifecycle; the order of the form), not alphabetically by code. Chinese text sorts
#: by code point (SQLite has no pinyin collation).
SORT_KEYS: dict[str, str] = {
    "id": "p.id",
    "seq_no": "p.seq_no",
    "category": "p.category",
    "issue": "p.issue",
    "manifestation": "p.manifestation",
    "measures": "p.measures",
    "responsible_dept": "p.responsible_dept",
    "responsible_person": "pe.name",
    "deadline": "p.deadline",
    "remarks": "p.remarks",
    "scope": "p.scope",
    "source": _order_case("p.source", SOURCES),
    "source_channel": "p.source_channel",
    "source_ref": "p.source_ref",
    "completion": "p.completion",
    "effective": "p.effective",
    "rebound": "p.rebound",
    "rebound_measures": "p.rebound_measures",
    "status": _order_case("p.status", STATUSES),
    "closed_at": "p.closed_at",
    "created_at": "p.created_at",
    "updated_at": "p.updated_at",
    "unit": "u.name",
    "campaign": "c.title",
}

#: Sort keys whose value may be NULL (sorted last in either direction).
_NULLABLE = frozenset({"deadline", "responsible_person", "closed_at", "unit", "campaign"})

#: Sort keys -> the columns of problems they read (to tell whether an index covers a query).
_SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    **{key: (key,) for key, expr in SORT_KEYS.items() if expr == f"p.{key}" and key != "id"},
    "id": (), "source": ("source",), "status": ("status",),
    "responsible_person": ("responsible_person_id",), "unit": ("unit_id",),
    "campaign": ("campaign_id",),
}

#: Sort keys that need a join, and the join.
_SORT_JOINS = {
    "responsible_person": "LEFT JOIN people pe ON pe.id = p.responsible_person_id",
    "unit": "LEFT JOIN units u ON u.id = p.unit_id",
    "campaign": "LEFT JOIN campaigns c ON c.id = p.campaign_id",
}


class LedgerFilter(NamedTuple):
    """What the ledger shows. Every field left at its default does not filter.

    ``status`` is one status or several (any of them). ``overdue``: a deadline before today and
    not struck off; ``due_soon``: a deadline from today to :data:`DUE_SOON_DAYS` days on and not
    struck off (as :func:`models.problems.deadline_state`); both set: either of the two. ``text``
    is the search (see the module doc). ``today`` is for tests; None is the real today.
    """

    campaign_id: int | None = None
    category: str | None = None
    status: str | tuple[str, ...] | list[str] | frozenset[str] | None = None
    responsible_person_id: int | None = None
    source: str | None = None
    overdue: bool = False
    due_soon: bool = False
    text: str = ""
    today: date | None = None


#: Control characters (NUL ends an FTS5 query string early) separate terms like white space.
_CONTROLS = {code: " " for code in (*range(32), 127)}


def search_terms(text: str | None) -> list[str]:
    """The distinct terms of a search, in their order: separated by white space (and control
    characters)."""
    seen: dict[str, None] = {}
    for term in (text or "").translate(_CONTROLS).split():
        seen.setdefault(term, None)
    return list(seen)


def fts_phrase(term: str) -> str:
    """``term`` as one phrase of ``problems_spaced_fts``: its characters separated by spaces (a
    single character with a space either side, so it is one whole trigram), quoted, inner double
    quotes doubled, so nothing is syntax."""
    spaced = " ".join(term)
    if len(term) == 1:
        spaced = f" {spaced} "
    return '"' + spaced.replace('"', '""') + '"'


def _days(today: date | None) -> tuple[str, str]:
    day = today or date.today()
    return day.isoformat(), (day + timedelta(days=DUE_SOON_DAYS)).isoformat()


def _statuses(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    return [validate.choice(s, "问题状态", set(STATUSES)) for s in items]


class _Where(NamedTuple):
    sql: str              # " WHERE ..." or ""
    params: list[Any]
    columns: frozenset[str]  # the columns of problems the conditions read
    selective: bool       # a condition that picks out few rows (person, due soon)


def _where(flt: LedgerFilter) -> _Where:
    """The conditions of ``flt`` as SQL over ``problems p``."""
    clauses: list[str] = []
    params: list[Any] = []
    columns: set[str] = set()
    selective = False
    if flt.campaign_id is not None:
        clauses.append("p.campaign_id = ?")
        params.append(flt.campaign_id)
        columns.add("campaign_id")
    if flt.category is not None:
        clauses.append("p.category = ?")
        params.append(flt.category)
        columns.add("category")
    if flt.status is not None:
        statuses = _statuses(flt.status)
        if len(statuses) == 1:
            clauses.append("p.status = ?")
        else:  # an empty selection shows nothing
            clauses.append(f"p.status IN ({', '.join('?' for _ in statuses)})")
        params.extend(statuses)
        columns.add("status")
    if flt.responsible_person_id is not None:
        clauses.append("p.responsible_person_id = ?")
        params.append(flt.responsible_person_id)
        columns.add("responsible_person_id")
        selective = True
    if flt.source is not None:
        clauses.append("p.source = ?")
        params.append(validate.choice(flt.source, "问题来源", set(SOURCES)))
        columns.add("source")
    if flt.overdue or flt.due_soon:
        today, soon = _days(flt.today)
        # deadline > '' excludes NULL and empty, as deadline_state does
        if flt.overdue and flt.due_soon:
            clauses.append("p.deadline > '' AND p.deadline <= ?")
            params.append(soon)
        elif flt.overdue:
            clauses.append("p.deadline > '' AND p.deadline < ?")
            params.append(today)
        else:  # a week's deadlines: few rows
            clauses.append("p.deadline >= ? AND p.deadline <= ?")
            params.extend((today, soon))
            selective = True
        clauses.append("p.status <> 'closed'")
        columns.update(("deadline", "status"))
    return _Where((" WHERE " + " AND ".join(clauses)) if clauses else "", params,
                  frozenset(columns), selective)


def _match(flt: LedgerFilter) -> str | None:
    """The MATCH expression of the search of ``flt``: every term a phrase, all required; None
    when it searches for nothing."""
    terms = search_terms(flt.text)
    return " AND ".join(fts_phrase(t) for t in terms) if terms else None


#: The FTS lookup of a search.
_FTS_IDS = "SELECT rowid FROM problems_spaced_fts WHERE problems_spaced_fts MATCH ?"


def _from(conn: sqlite3.Connection, flt: LedgerFilter, extra: Iterable[str] = ()
          ) -> tuple[str, str, list[Any], list[Any]]:
    """FROM and WHERE of a query over the problems ``flt`` shows: (from, where, from params,
    where params).

    With a search, the full-text index drives: its row ids first, then each problem by its
    primary key (CROSS JOIN keeps that order). When another condition picks out few rows too
    (responsible person, due soon) it drives instead and the search becomes ``+p.id IN (...)``,
    looked up once: the unary plus keeps SQLite from driving by that id list (it would, for due
    soon, at 2-4 times the cost of the deadline index). Without a search the table hint of
    :func:`_table_hint` applies.
    """
    where = _where(flt)
    match = _match(flt)
    if match is None:
        return f"problems p{_table_hint(conn, where, extra)}", where.sql, [], where.params
    if where.selective:
        clause = f"+p.id IN ({_FTS_IDS})"
        sql = f"{where.sql} AND {clause}" if where.sql else f" WHERE {clause}"
        return "problems p", sql, [], [*where.params, match]
    driven = ("(SELECT rowid AS id FROM problems_spaced_fts WHERE problems_spaced_fts MATCH ?) f"
              " CROSS JOIN problems p ON p.id = f.id")
    return driven, where.sql, [match], where.params


def _indexes(conn: sqlite3.Connection) -> list[frozenset[str]]:
    """The columns of each (whole-table) index of ``problems``, read each time: 0.05 ms, and
    never stale."""
    found: dict[str, set[str]] = {}
    for name, column in conn.execute(
            "SELECT il.name, ii.name FROM pragma_index_list('problems') il,"
            " pragma_index_info(il.name) ii WHERE NOT il.partial"):
        found.setdefault(name, set()).add(column)
    return [frozenset(cols - {None}) for cols in found.values()]


def _table_hint(conn: sqlite3.Connection, where: _Where, extra: Iterable[str] = ()) -> str:
    """The table hint of a query: " NOT INDEXED" (one pass over the table) when no index holds
    every column the query reads and no condition picks out few rows; else "" (the planner's
    choice).

    Without statistics SQLite takes an index on any condition (or on the sort column) to be
    worth it, and then looks up each row it passes in the table. A problem's row is wide (its
    text), so for a condition true of a fifth or half of 100,000 rows those lookups cost two to
    five times one pass over the table: 60-250 ms against 25-40 ms measured (bench/ledger.py).
    """
    if where.selective:
        return ""
    needed = where.columns | set(extra)
    if any(needed <= cols for cols in _indexes(conn)):
        return ""
    return " NOT INDEXED"


def ids_sql(conn: sqlite3.Connection, flt: LedgerFilter, sort: str = "seq_no",
            descending: bool = False) -> tuple[str, list[Any]]:
    """The SELECT of :func:`problem_ids` and its parameters (also for EXPLAIN QUERY PLAN)."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}; known: {', '.join(SORT_KEYS)}")
    source, where, from_params, where_params = _from(conn, flt, _SORT_COLUMNS.get(sort, ()))
    join = _SORT_JOINS.get(sort, "")
    key = SORT_KEYS[sort]
    direction = "DESC" if descending else "ASC"
    if sort == "id":
        order = f"p.id {direction}"
    else:
        # Blanks (no deadline, no responsible person) last either way; ties by id, ascending
        # either way, so equal rows keep their order when the direction flips.
        nulls = " NULLS LAST" if sort in _NULLABLE else ""
        order = f"{key} {direction}{nulls}, p.id"
    return (f"SELECT p.id FROM {source} {join}{where} ORDER BY {order}",
            [*from_params, *where_params])


@operation("problem.read")
def problem_ids(session: Session, flt: LedgerFilter | None = None, sort: str = "seq_no",
                descending: bool = False) -> list[int]:
    """The ids of every problem ``flt`` shows, sorted by ``sort`` (a key of :data:`SORT_KEYS`)."""
    store = session.store
    with sqlite_errors(store.path):
        sql, params = ids_sql(store.conn, flt or LedgerFilter(), sort, descending)
        # One JSON array instead of a Python tuple per row: a third faster at 100,000 ids. An
        # aggregate over a subquery with ORDER BY sees the rows in that order (SQLite keeps such
        # a subquery whole for this reason); the tests check the order of every sort key.
        text = store.conn.execute(f"SELECT json_group_array(id) FROM ({sql})",
                                  params).fetchone()[0]
    return json.loads(text)


def rows_sql(count: int) -> str:
    """The SELECT of :func:`rows` for ``count`` ids; parameters: today, today + 7 days, ids."""
    return (
        "SELECT p.*, pe.name AS responsible_person, u.name AS unit_name,"
        " c.title AS campaign_title,"
        " CASE WHEN p.deadline IS NULL OR p.deadline = '' OR p.status = 'closed' THEN ''"
        " WHEN p.deadline < ? THEN 'overdue' WHEN p.deadline <= ? THEN 'due_soon'"
        " ELSE '' END AS deadline_state"
        " FROM problems p"
        " LEFT JOIN people pe ON pe.id = p.responsible_person_id"
        " LEFT JOIN units u ON u.id = p.unit_id"
        " LEFT JOIN campaigns c ON c.id = p.campaign_id"
        f" WHERE p.id IN ({', '.join('?' for _ in range(count))})")


@operation("problem.read")
def rows(session: Session, ids: Iterable[int], *, today: date | None = None
         ) -> dict[int, dict[str, Any]]:
    """Display values of the problems ``ids``: every column of ``problems`` plus
    ``responsible_person`` (name), ``unit_name``, ``campaign_title`` and ``deadline_state``
    ('overdue', 'due_soon' or ''), in the order of ``ids``. Ids that no longer exist are left
    out."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    day, soon = _days(today)
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        for row in session.store.query(rows_sql(len(chunk)), [day, soon, *chunk]):
            found[row["id"]] = row
    return {pid: found[pid] for pid in wanted if pid in found}


@operation("problem.read")
def counts(session: Session, flt: LedgerFilter | None = None) -> dict[str, Any]:
    """What ``flt`` shows, counted: ``total``, ``by_status`` (every status, zeros included),
    ``overdue`` and ``due_soon``."""
    flt = flt or LedgerFilter()
    day, soon = _days(flt.today)
    by_status = dict.fromkeys(STATUSES, 0)
    overdue = due_soon = 0
    store = session.store
    with sqlite_errors(store.path):
        source, where, from_params, where_params = _from(store.conn, flt,
                                                         ("status", "deadline"))
        # count(CASE ...) is cheaper per row than sum() of a boolean expression; the deadlines
        # of struck-off problems are left out below, by their group
        sql = ("SELECT p.status, count(*),"
               " count(CASE WHEN p.deadline < ? AND p.deadline > '' THEN 1 END),"
               " count(CASE WHEN p.deadline BETWEEN ? AND ? THEN 1 END)"
               f" FROM {source}{where} GROUP BY p.status")
        for status, n, n_overdue, n_soon in store.conn.execute(
                sql, [day, day, soon, *from_params, *where_params]):
            by_status[status] = n
            if status != "closed":
                overdue += n_overdue
                due_soon += n_soon
    return {"total": sum(by_status.values()), "by_status": by_status, "overdue": overdue,
            "due_soon": due_soon}


@operation("problem.read")
def first_ids(session: Session, flt: LedgerFilter | None = None, limit: int = 50,
              sort: str = "seq_no", descending: bool = False) -> list[int]:
    """The first ``limit`` ids of :func:`problem_ids` for the same arguments, in its order,
    without reading the others (a short list; the count comes from :func:`counts`)."""
    store = session.store
    with sqlite_errors(store.path):
        sql, params = ids_sql(store.conn, flt or LedgerFilter(), sort, descending)
        return [row[0] for row in store.conn.execute(f"{sql} LIMIT ?",
                                                     [*params, max(0, int(limit))])]


@operation("problem.read")
def category_counts(session: Session, flt: LedgerFilter | None = None) -> list[dict[str, Any]]:
    """What ``flt`` shows, counted by 问题方面: one dict per category with ``category``,
    ``total`` and ``closed`` (struck off), in one GROUP BY.

    With ``flt.campaign_id``: every category of that campaign in its order, zeros included, then
    the categories of its problems that the campaign does not list (a renamed or removed
    category), most problems first, then by name. Without a campaign: the categories of the
    problems found, most problems first, then by name.
    """
    flt = flt or LedgerFilter()
    store = session.store
    with sqlite_errors(store.path):
        source, where, from_params, where_params = _from(store.conn, flt,
                                                         ("category", "status"))
        found = ("WITH found AS (SELECT p.category AS category, count(*) AS total,"
                 " count(CASE WHEN p.status = 'closed' THEN 1 END) AS closed"
                 f" FROM {source}{where} GROUP BY p.category)")
        params = [*from_params, *where_params]
        if flt.campaign_id is None:
            sql = (f"{found} SELECT category, total, closed FROM found"
                   " ORDER BY total DESC, category")
        else:
            # A compound SELECT orders only by its result columns: grp puts the listed first.
            sql = (f"{found}, listed AS (SELECT name, position FROM campaign_categories"
                   " WHERE campaign_id = ?)"
                   " SELECT l.name AS category, coalesce(f.total, 0) AS total,"
                   " coalesce(f.closed, 0) AS closed, 0 AS grp, l.position AS pos"
                   " FROM listed l LEFT JOIN found f ON f.category = l.name"
                   " UNION ALL SELECT category, total, closed, 1, 0 FROM found"
                   " WHERE category NOT IN (SELECT name FROM listed)"
                   " ORDER BY grp, pos, total DESC, category")
            params.append(flt.campaign_id)
        return [{"category": row[0], "total": row[1], "closed": row[2]}
                for row in store.conn.execute(sql, params)]
