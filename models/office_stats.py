"""The office's statistics over what its units sent (seed 004, 附件1 and 附件2).

资料报送统计表 (:func:`materials_table`)
    One row per registered unit (``office_units``, by code), one column per material the
    office's own campaign requires (``campaign_materials``, by position), then, unless
    ``with_records`` is False, the three data materials 问题台账 / 自查自纠 / 案卷评查 (package
    material codes ``ledger``, ``selfchecks``, ``casereviews``).

    Which packages count (``office_packages``):

    * the campaign: the package's ``campaign`` equals the campaign's 文号, or its title when it
      has no 文号 (what the station writes, ``models.package_out._campaign_doc_no``), both
      compared NFC-normalised without white space. A package written for "all campaigns"
      (``none``) counts for none. A quarantined package whose campaign could not be read
      (NULL) counts for every campaign;
    * the period: the package's ``period`` (``YYYY-MM-DD/YYYY-MM-DD``) overlaps ``period``;
      no period on either side (NULL, ``none``, unreadable) belongs;
    * the cut-off: only packages received (``received_at``, UTC) on or before ``as_of``, in
      local dates;
    * the unit: imported packages by ``unit_id``; a quarantined package also by the code it
      claimed (``unit_code``), so a package refused before the unit was registered still shows.

    A campaign material is in a package when its name is in the package's
    ``office_package_claims.campaign_materials`` (names compared NFC-normalised without white
    space); a data material when its code is in ``office_packages.materials``.

    A material's due date is its ``due_date``, unless a rule of the campaign makes it monthly
    (``campaign_material_rules.monthly_day``, models.material_kinds.due_date): then it is due
    in the last month of ``period`` (the brief by the 25th of that month, the case data by the
    5th of the next); without a period the ``due_date`` stands.

    Cell states (:data:`STATES`): ``received`` (√) in an imported package created on or before
    the material's due date (or the material has none; the data materials have none);
    ``late`` (√逾期) only in imported packages created after it (the creation time is the
    package's signed ``FieldLedger-Created``, ``office_package_claims.created``, falling back to
    ``received_at``; local dates); ``failed`` (未通过验证) in no imported package, but a
    quarantined package of that unit for the campaign (or of unknown campaign) exists;
    ``missing`` (×) otherwise. Each cell keeps the package it was judged on (the first package
    on time, else the first late one, else the newest quarantined one) for a tooltip.

案件办理情况统计表 (:func:`cases_table`)
    Built from the imported records (``office_records``), one row per registered unit after a
    first row 合计.

    A unit that sent monthly case statistics (``case_stats`` rows, models.case_stats) for a
    month the period touches is counted from those: 数据条数, 实际案件数, 测试案件数 and 在线考试
    are the sums over the months it sent (在线考试 None when no month has it), 执法人员 is the
    figure of the latest of those months (None: “/”). Any other unit is counted from its case
    files and people:

    * 数据条数: the unit's imported ``case_files`` rows whose ``closed_date`` (结案日期) lies in
      the period (both ends included);
    * 实际案件数: the same count (FieldLedger keeps real closed cases only), 测试案件数: 0;
    * 执法人员: the unit's imported ``people`` rows that are active and have a non-empty
      ``cert_no`` (执法证号); None (printed “/”) while the unit has sent no ``people`` rows;
    * 在线考试: None (“/”): FieldLedger has no online exams;
    * 合计: the sums; its 执法人员 sums the units that have a figure (None when none has).

    人均办案率 is :func:`models.form_stats.per_capita_rate` of each row.

The export forms are :func:`materials_table_form` and :func:`cases_table_form` (the writers of
``models.xlsx_export`` / ``models.pdf_export`` print them); :func:`materials_lines` and
:func:`cases_lines` give the plain text the command line prints.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any, NamedTuple

from . import form_stats, material_kinds
from .errors import NotFound, ValidationError
from .form_data import DEFAULT_OPTIONS, FormOptions
from .form_stats import CasesRow
from .forms import Form
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session

#: The data materials a package may carry, as (package material code, column name).
RECORD_MATERIALS: tuple[tuple[str, str], ...] = (("ledger", "问题台账"), ("selfchecks", "自查自纠"),
                                                 ("casereviews", "案卷评查"))
#: Cell states, from best to worst.
STATES: tuple[str, ...] = ("received", "late", "failed", "missing")
#: A unit's state over its row (see :meth:`UnitMaterials.status`), as the summary counts them.
UNIT_STATES: tuple[str, ...] = ("complete", "late", "failed", "partial", "none")
#: The first row of the 案件办理情况统计表.
TOTAL_ROW = "合计"

_BAD_PERIOD = QT_TRANSLATE_NOOP("errors", "统计期间的开始日期（{start}）晚于结束日期（{end}）。")
_SPACE = re.compile(r"\s+")


class Cell(NamedTuple):
    """One unit's state for one material, and the package it was judged on (None: none)."""

    state: str                  # one of STATES
    seq: int | None = None      # the package's sequence number (第 n 号)
    created: str | None = None  # its signed creation time (UTC ISO), else when it was received
    received: str | None = None  # when the office received it (UTC ISO)
    due: date | None = None     # the material's due date
    reason: str = ""            # why a quarantined package was refused


class UnitMaterials(NamedTuple):
    """One registered unit's row of the 资料报送统计表."""

    code: str
    unit: str                   # the unit's registered name
    cells: tuple[Cell, ...]     # one per column of the table
    failed_seqs: tuple[int, ...]  # quarantined packages of the unit counted (sequence numbers)
    note: str                   # 备注, Chinese (the form's)

    @property
    def status(self) -> str:
        """``failed`` when a cell failed, ``none`` when nothing arrived, ``partial`` when a
        material is missing, ``late`` when all arrived but some late, else ``complete``."""
        states = {c.state for c in self.cells}
        if "failed" in states:
            return "failed"
        if not self.cells or states == {"missing"}:
            return "none"
        if "missing" in states:
            return "partial"
        return "late" if "late" in states else "complete"


class MaterialsTable(NamedTuple):
    """The 资料报送统计表 of one campaign (see the module doc)."""

    campaign_id: int
    campaign: str               # the campaign's title
    doc_no: str                 # its 文号 ('' when none)
    columns: tuple[str, ...]    # the campaign's materials by position, then the data materials
    dues: tuple[date | None, ...]  # the due date of each column
    record_codes: tuple[str, ...]  # the package material code of each data column
    rows: tuple[UnitMaterials, ...]
    period: tuple[date, date] | None
    as_of: date                 # 截至

    def counts(self) -> dict[str, int]:
        """How many units are in each of :data:`UNIT_STATES`."""
        out = dict.fromkeys(UNIT_STATES, 0)
        for row in self.rows:
            out[row.status] += 1
        return out


# --- small helpers --------------------------------------------------------------------------------

def normalise(text: str | None) -> str:
    """``text`` NFC-normalised without white space (how names and 文号 are compared)."""
    return _SPACE.sub("", unicodedata.normalize("NFC", text or ""))


def local_day(stamp: str | None) -> date | None:
    """The local date of a stored UTC time stamp (``…Z``, ``…+00:00`` or naive UTC); None when
    empty or unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().date()


def parse_period(text: str | None) -> tuple[date, date] | None:
    """A stored ``YYYY-MM-DD/YYYY-MM-DD`` period; None for NULL, ``none`` or anything else."""
    start, sep, end = (text or "").partition("/")
    if not sep:
        return None
    try:
        return date.fromisoformat(start.strip()), date.fromisoformat(end.strip())
    except ValueError:
        return None


def _check_period(period: tuple[date, date] | None) -> tuple[date, date] | None:
    if period is None:
        return None
    start, end = period
    if start > end:
        raise ValidationError(_BAD_PERIOD, start=start.isoformat(), end=end.isoformat())
    return start, end


def _overlaps(stored: str | None, period: tuple[date, date] | None) -> bool:
    if period is None:
        return True
    theirs = parse_period(stored)
    return theirs is None or (theirs[0] <= period[1] and theirs[1] >= period[0])


def _claims(text: str | None) -> frozenset[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return frozenset()
    if not isinstance(value, list):
        return frozenset()
    return frozenset(normalise(v) for v in value if isinstance(v, str))


def day_text(day: date) -> str:
    """A date as seed 004 writes it: ``2024.4.10``."""
    return f"{day.year}.{day.month}.{day.day}"


# --- 资料报送统计表 ------------------------------------------------------------------------------------

class _Package(NamedTuple):
    id: int
    seq: int | None
    imported: bool
    created: str | None
    received: str
    materials: frozenset[str]   # package material codes
    claims: frozenset[str]      # campaign material names, normalised
    reason: str


def _packages(session: Session, key: str, period: tuple[date, date] | None, as_of: date
              ) -> tuple[dict[int, list[_Package]], dict[str, list[_Package]]]:
    """The packages that count (see the module doc): imported ones by unit id, quarantined ones
    by unit id (key ``str(id)``) and by the unit code they claimed (key ``code:<code>``)."""
    imported: dict[int, list[_Package]] = {}
    quarantined: dict[str, list[_Package]] = {}
    rows = session.store.conn.execute(
        "SELECT p.id, p.unit_id, p.unit_code, p.seq, p.campaign, p.period, p.materials,"
        " p.received_at, p.status, p.reason, c.campaign_materials, c.created"
        " FROM office_packages p LEFT JOIN office_package_claims c ON c.package_id = p.id"
        " ORDER BY p.seq, p.id")
    for (pid, unit_id, unit_code, seq, campaign, stored_period, materials, received, status,
         reason, claims, created) in rows:
        day = local_day(received)
        if day is None or day > as_of or not _overlaps(stored_period, period):
            continue
        ok = status == "imported"
        if ok and normalise(campaign) != key:
            continue
        if not ok and campaign and normalise(campaign) != key:
            continue
        pkg = _Package(int(pid), seq, ok, created or received, received,
                       frozenset(m.strip() for m in (materials or "").split(",") if m.strip()),
                       _claims(claims), reason or "")
        if ok:
            imported.setdefault(int(unit_id), []).append(pkg)
        else:
            if unit_id is not None:
                quarantined.setdefault(str(unit_id), []).append(pkg)
            elif unit_code:
                quarantined.setdefault(f"code:{unit_code}", []).append(pkg)
    return imported, quarantined


def _cell(packages: list[_Package], quarantined: list[_Package], has: Any,
          due: date | None) -> Cell:
    having = [p for p in packages if has(p)]
    on_time = [p for p in having if due is None or (local_day(p.created) or date.max) <= due]
    chosen = on_time[0] if on_time else (having[0] if having else None)
    if chosen is not None:
        return Cell("received" if on_time else "late", chosen.seq, chosen.created,
                    chosen.received, due)
    if quarantined:
        last = quarantined[-1]
        return Cell("failed", last.seq, last.created, last.received, due, last.reason)
    return Cell("missing", due=due)


def _note(failed: list[_Package]) -> str:
    if not failed:
        return ""
    numbers = "、".join(str(p.seq) for p in failed if p.seq is not None)
    if numbers:
        return f"第 {numbers} 号报送包未通过验证"
    return f"{len(failed)} 个报送包未通过验证"


@operation("office.read")
def materials_table(session: Session, campaign_id: int, *,
                    period: tuple[date, date] | None = None, as_of: date,
                    with_records: bool = True) -> MaterialsTable:
    """The 资料报送统计表 of the office's campaign ``campaign_id`` as it stood on ``as_of`` (see
    the module doc for which packages count and what each cell state means). ``period`` None
    takes every period. Raises NotFound for an unknown campaign, ValidationError for a period
    that ends before it starts."""
    period = _check_period(period)
    conn = session.store.conn
    row = conn.execute("SELECT title, doc_no FROM campaigns WHERE id = ?",
                       (campaign_id,)).fetchone()
    if row is None:
        raise NotFound(what="专项行动", key=campaign_id)
    title, doc_no = row[0], row[1] or ""
    required = material_kinds.material_rules(conn, campaign_id)
    columns = [m["name"] for m in required]
    # a monthly rule makes the material due in the period's last month (see material_kinds)
    dues: list[date | None] = [material_kinds.due_date(m, period[1] if period else None)
                               for m in required]
    records = RECORD_MATERIALS if with_records else ()
    columns += [name for _code, name in records]
    dues += [None] * len(records)
    tests: list[Any] = [lambda p, n=normalise(m["name"]): n in p.claims for m in required]
    tests += [lambda p, c=code: c in p.materials for code, _name in records]

    imported, quarantined = _packages(session, normalise(doc_no or title), period, as_of)
    rows: list[UnitMaterials] = []
    for unit_id, code, name in conn.execute("SELECT id, code, name FROM office_units"
                                            " ORDER BY code"):
        mine = imported.get(int(unit_id), [])
        failed = sorted(quarantined.get(str(unit_id), []) + quarantined.get(f"code:{code}", []),
                        key=lambda p: p.id)
        cells = tuple(_cell(mine, failed, test, due) for test, due in zip(tests, dues))
        rows.append(UnitMaterials(code, name, cells,
                                  tuple(p.seq for p in failed if p.seq is not None),
                                  _note(failed)))
    return MaterialsTable(int(campaign_id), title, doc_no, tuple(columns), tuple(dues),
                          tuple(code for code, _name in records), tuple(rows), period, as_of)


# --- 案件办理情况统计表 --------------------------------------------------------------------------------

@operation("office.read")
def cases_table(session: Session, period: tuple[date, date]) -> list[CasesRow]:
    """The 案件办理情况统计表 over ``period`` from the units' imported records: the 合计 row
    first, then one row per registered unit by code (definitions in the module doc).
    ValidationError for a period that ends before it starts."""
    start, end = _check_period(period) or period
    conn = session.store.conn
    cases = dict(conn.execute(
        "SELECT unit_id, count(*) FROM office_records WHERE tbl = 'case_files'"
        " AND json_valid(image) AND json_extract(image, '$.closed_date') BETWEEN ? AND ?"
        " GROUP BY unit_id", (start.isoformat(), end.isoformat())))
    officers = dict(conn.execute(
        "SELECT unit_id, sum(CASE WHEN json_extract(image, '$.active') IN (1, 'true')"
        " AND trim(coalesce(json_extract(image, '$.cert_no'), '')) <> '' THEN 1 ELSE 0 END)"
        " FROM office_records WHERE tbl = 'people' AND json_valid(image) GROUP BY unit_id"))
    sent = _sent_case_stats(session, start, end)
    rows = [sent[uid]._replace(unit=name) if uid in sent else
            CasesRow(name, cases.get(uid, 0), cases.get(uid, 0), 0, officers.get(uid), None)
            for uid, name in conn.execute("SELECT id, name FROM office_units ORDER BY code")]
    known = [r.officers for r in rows if r.officers is not None]
    exams = [r.exams for r in rows if r.exams is not None]
    total = CasesRow(TOTAL_ROW, sum(r.records for r in rows), sum(r.actual for r in rows),
                     sum(r.test for r in rows), sum(known) if known else None,
                     sum(exams) if exams else None)
    return [total, *rows]


def _sent_case_stats(session: Session, start: date, end: date) -> dict[int, CasesRow]:
    """Unit id -> its row summed from the monthly ``case_stats`` it sent for the months from
    ``start`` to ``end`` (see the module doc); units that sent none are left out."""
    out: dict[int, CasesRow] = {}
    for unit_id, image in session.store.conn.execute(
            "SELECT unit_id, image FROM office_records WHERE tbl = 'case_stats'"
            " AND json_valid(image) AND json_extract(image, '$.month') BETWEEN ? AND ?"
            " ORDER BY unit_id, json_extract(image, '$.month')",
            (start.isoformat()[:7], end.isoformat()[:7])):
        row = json.loads(image)
        old = out.get(int(unit_id), CasesRow("", 0, 0, 0, None, None))
        exams = _figure(row, "exams")
        out[int(unit_id)] = CasesRow(
            "", old.records + (_figure(row, "records") or 0),
            old.actual + (_figure(row, "actual") or 0), old.test + (_figure(row, "test") or 0),
            _figure(row, "officers"), old.exams if exams is None else (old.exams or 0) + exams)
    return out


def _figure(row: dict[str, Any], key: str) -> int | None:
    """A whole number 0 or more of a sent row, None when it is not one."""
    value = row.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 \
        else None


# --- export forms and plain text ---------------------------------------------------------------

def period_text(period: tuple[date, date]) -> str:
    """A period as seed 004 writes one in a title (3.1-3.31), with the year in front:
    ``2024.3.1-3.31``; ``2023.12.1-2024.1.31`` across years."""
    start, end = period
    if start.year == end.year:
        return f"{start.year}.{start.month}.{start.day}-{end.month}.{end.day}"
    return f"{day_text(start)}-{day_text(end)}"


@operation("office.read")
def materials_table_form(session: Session, campaign_id: int, *,
                         period: tuple[date, date] | None = None, as_of: date,
                         with_records: bool = True,
                         options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The 资料报送统计表 of :func:`materials_table` as a form for the writers
    (:func:`models.form_stats.campaign_materials_form`)."""
    table = materials_table(session, campaign_id, period=period, as_of=as_of,
                            with_records=with_records)
    return form_stats.campaign_materials_form(table, options)


def _office_name(session: Session) -> str:
    row = session.store.conn.execute("SELECT name FROM units WHERE id = ?",
                                     (session.unit_id,)).fetchone()
    return row[0] if row else ""


@operation("office.read")
def cases_table_form(session: Session, period: tuple[date, date],
                     options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The 案件办理情况统计表 of :func:`cases_table` as a form (``models.form_stats.cases_form``):
    titled with the office's name and the period; a third 备注 line says where the figures come
    from; 填报人 / 联系人 / 联系电话 of ``options`` below when given."""
    rows = cases_table(session, period)
    text = period_text(period)
    form = form_stats.cases_form(rows, period=text, title=form_stats.cases_title(
        _office_name(session), text))
    notes = (*form.notes, "3.报送了按月案件统计的单位，取统计期间各月的统计之和（执法人员取最近一个月）；"
             "其他单位的案件数为报送包中结案日期在统计期间内的案卷，执法人员为报送的在岗持证"
             "（有执法证号）人员，“/”表示该单位尚未报送人员信息。")
    return form._replace(notes=notes, footer=form_stats.contact_footer(options))


def materials_lines(table: MaterialsTable) -> list[str]:
    """The 资料报送统计表 as lines of text (tab-separated cells), for the command line."""
    marks = form_stats.MATERIAL_MARKS
    out = [f"{table.campaign}{'（' + table.doc_no + '）' if table.doc_no else ''}",
           "\t".join(["单位", *table.columns, "备注"])]
    for row in table.rows:
        out.append("\t".join([row.unit, *(marks[c.state] for c in row.cells), row.note]))
    counts = table.counts()
    out.append(f"{len(table.rows)} 个单位：{counts['complete']} 个全部报送，{counts['late']} 个有逾期，"
               f"{counts['failed']} 个未通过验证，{counts['partial']} 个未报齐，"
               f"{counts['none']} 个未报送。")
    if table.period:
        out.append(f"报送期间：{table.period[0].isoformat()} 至 {table.period[1].isoformat()}")
    out.append(f"统计表截至报送日期为{day_text(table.as_of)}")
    return out


def cases_lines(rows: Iterable[CasesRow]) -> list[str]:
    """The 案件办理情况统计表 as lines of text (tab-separated cells), for the command line."""
    out = ["\t".join(["单位", "数据条数", "实际案件数", "测试案件数", "执法人员", "人均办案率", "在线考试"])]
    for r in rows:
        out.append("\t".join([
            r.unit, str(r.records), str(r.actual), str(r.test),
            "/" if r.officers is None else str(r.officers),
            form_stats.per_capita_rate(r.actual, r.test, r.officers),
            "/" if r.exams is None else str(r.exams)]))
    return out
