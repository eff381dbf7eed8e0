"""培训台账 (the training ledger) and the officers' 执法证 (law-enforcement certificates).

Seed 002 (宁交执法监〔2024〕30号, 三、(一) 2) asks every unit to keep a 执法人员培训台账 and every
行政执法人员 to receive at least :data:`TARGET_HOURS` (60) 学时 of training a year, through 集中学习,
线上自学, 法治讲堂 and practical training; item 5 of the same notice: officers without a valid
执法证 must not enforce alone (未取得行政执法证件的人员不得独立从事行政执法工作), and certificates are
suspended, taken back or cancelled (暂扣、收回或者注销) when an officer no longer qualifies.

Training records (``trainings``)
    One row per officer per session: person (of the own unit), date, topic (培训内容), form
    (:data:`TRAINING_FORMS`, stored as a code), hours (学时: more than 0, at most 24, in half
    hours), assessment (考核情况) and a note. One session attended by several officers is one
    call and one transaction (:func:`add_trainings`). The same person, date and topic cannot be
    recorded twice, one person's hours of one day cannot exceed 24, and a date after today is
    refused (the ledger records training that took place).

Yearly totals (:func:`year_totals`)
    Per person of the unit (the active ones, and those who left but trained that year): hours by
    form and in total, counted in SQL (one GROUP BY). A record counts in the calendar year of its
    date. ``behind`` is total < target; ``expected`` is the target pro rata of the days of the year
    gone by on ``today`` (the whole target for a past year, 0 for a future one) and ``on_track``
    is total >= expected. ``standing`` sums it up: ``done`` (target reached), ``on_track``,
    ``behind`` (under the pro-rata figure), ``far_behind`` (under half of it), ``missed`` (a past
    year not reached) or ``na``.

    执法辅助人员 (auxiliary staff, seed 002 item 6) hold no 执法证 and are not 行政执法人员: a person
    whose 职务 contains one of :data:`AUXILIARY_WORDS` is listed with his training, but the target
    and the certificate checks do not apply (``standing`` ``na``, no flags).

Certificates (``person_certificates``, the number in ``people.cert_no``)
    :func:`set_certificate` records the status (:data:`CERT_STATUSES`), issue date and validity of
    a person's 执法证; the number is edited with the people functions (models.directory).
    :data:`FLAGS`: ``no_cert`` (no 执法证号), ``expired`` (valid_until before today), ``expiring``
    (within :data:`EXPIRING_DAYS` days), ``suspended``, ``revoked``. ``certified`` (may enforce
    alone) is a person who is not auxiliary and has none of the flags but ``expiring``.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from . import validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session, now_text, own_unit_id
from .store import Changes

#: Seed 002 (宁交执法监〔2024〕30号) 三、(一) 2: 每人每年接受不少于60学时的培训.
TARGET_HOURS = 60
#: Where the target comes from, as the forms and the page name it.
TARGET_SOURCE = "宁交执法监〔2024〕30号"
#: A certificate whose validity ends within this many days is flagged ``expiring``.
EXPIRING_DAYS = 90
#: A person whose 职务 contains one of these words is 执法辅助人员 (see the module doc).
AUXILIARY_WORDS: tuple[str, ...] = ("辅助", "协管", "协勤")

#: Training form code -> label (context "training"), in the order of seed 002 plus 实践培训.
TRAINING_FORMS: dict[str, str] = {
    "central": QT_TRANSLATE_NOOP("training", "集中学习"),
    "online": QT_TRANSLATE_NOOP("training", "线上自学"),
    "lecture": QT_TRANSLATE_NOOP("training", "法治讲堂"),
    "practice": QT_TRANSLATE_NOOP("training", "实践培训"),
}
#: Certificate status code -> label (context "training").
CERT_STATUSES: dict[str, str] = {
    "valid": QT_TRANSLATE_NOOP("training", "有效"),
    "suspended": QT_TRANSLATE_NOOP("training", "暂扣"),
    "revoked": QT_TRANSLATE_NOOP("training", "已收回或注销"),
}
#: Certificate flag -> label (context "training"), in the order they are shown.
FLAGS: dict[str, str] = {
    "no_cert": QT_TRANSLATE_NOOP("training", "无执法证号"),
    "expired": QT_TRANSLATE_NOOP("training", "执法证已过期"),
    "expiring": QT_TRANSLATE_NOOP("training", "执法证 90 天内到期"),
    "suspended": QT_TRANSLATE_NOOP("training", "执法证已暂扣"),
    "revoked": QT_TRANSLATE_NOOP("training", "执法证已收回或注销"),
}
#: The flags that keep an officer from enforcing alone.
BLOCKING_FLAGS = frozenset({"no_cert", "expired", "suspended", "revoked"})
#: standing -> label (context "training").
STANDINGS: dict[str, str] = {
    "done": QT_TRANSLATE_NOOP("training", "已达标"),
    "on_track": QT_TRANSLATE_NOOP("training", "进度正常"),
    "behind": QT_TRANSLATE_NOOP("training", "进度落后"),
    "far_behind": QT_TRANSLATE_NOOP("training", "严重落后"),
    "missed": QT_TRANSLATE_NOOP("training", "未达标"),
    "na": QT_TRANSLATE_NOOP("training", "不适用（执法辅助人员）"),
}

_TEXT_FIELDS = {"topic": ("培训内容", True, 200), "assessment": ("考核情况", False, 200),
                "note": ("备注", False, 1000)}
_FIELDS = frozenset({"person_id", "date", "topic", "form", "hours", "assessment", "note"})

_BAD_HOURS = QT_TRANSLATE_NOOP(
    "errors", "“学时”应为大于 0、不超过 24 的数，以半学时为单位（如 2 或 1.5）：{value}。")
_NO_PEOPLE = QT_TRANSLATE_NOOP("errors", "请至少选择一名参加培训的人员。")
_OTHER_UNIT = QT_TRANSLATE_NOOP("errors", "“{name}”不是本单位人员，不能为其登记培训或证件信息。")
_DUPLICATE = QT_TRANSLATE_NOOP("errors", "{name} 在 {date} 的培训“{topic}”已经登记过。")
_DAY_FULL = QT_TRANSLATE_NOOP(
    "errors", "{name} 在 {date} 的培训学时合计将达 {hours}，超过一天 24 学时。请核对学时。")
_VALID_BEFORE_ISSUE = QT_TRANSLATE_NOOP("errors", "“有效期至”不能早于“发证日期”。")
_FUTURE = QT_TRANSLATE_NOOP(
    "errors", "培训日期 {date} 晚于今天：培训台账只登记已经参加的培训。")


# --- checking input ------------------------------------------------------------------------------

def hours_value(value: Any) -> float:
    """学时 as a number: more than 0, at most 24, a whole number of half hours (2, 1.5, "2.5");
    ValidationError otherwise."""
    try:
        hours = float(str(value).strip()) if not isinstance(value, (int, float)) else float(value)
    except ValueError:
        raise ValidationError(_BAD_HOURS, value=value) from None
    if not (0 < hours <= 24) or (hours * 2) != int(hours * 2):
        raise ValidationError(_BAD_HOURS, value=value)
    return hours


def _values(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """The checked columns of ``data`` (only the keys given when ``partial``)."""
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise TypeError(f"unknown training fields: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    if "date" in data or not partial:
        out["date"] = validate.iso_date(data.get("date"), "日期", required=True)
        if out["date"] > date.today().isoformat():
            raise ValidationError(_FUTURE, date=out["date"])
    for field, (label, required, limit) in _TEXT_FIELDS.items():
        if field in data or (required and not partial):
            out[field] = validate.text(data.get(field), label, required=required, limit=limit)
    if "form" in data or not partial:
        out["form"] = validate.choice(data.get("form"), "培训形式", set(TRAINING_FORMS))
    if "hours" in data or not partial:
        out["hours"] = hours_value(data.get("hours"))
    return out


def _unit(session: Session) -> int | None:
    return session.unit_id if session.unit_id is not None else own_unit_id(session.store)


def _person(session: Session, person_id: Any) -> dict[str, Any]:
    """The person ``person_id`` of the own unit; NotFound, or ValidationError for another unit."""
    rows = session.store.query("SELECT * FROM people WHERE id = ?", (person_id,))
    if not rows:
        raise NotFound(what="人员", key=person_id)
    if rows[0]["unit_id"] != _unit(session):
        raise ValidationError(_OTHER_UNIT, name=rows[0]["name"])
    return rows[0]


def _training(session: Session, training_id: Any) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM trainings WHERE id = ?", (training_id,))
    if not rows:
        raise NotFound(what="培训记录", key=training_id)
    if rows[0]["unit_id"] != _unit(session):
        raise NotFound(what="培训记录", key=training_id)
    return rows[0]


def _hours_text(hours: float) -> str:
    return f"{hours:g}"


def _check_free(session: Session, person: dict[str, Any], values: dict[str, Any],
                training_id: int | None) -> None:
    """No second record of the same person, date and topic; at most 24 学时 a day."""
    conn = session.store.conn
    same = conn.execute(
        "SELECT 1 FROM trainings WHERE person_id = ? AND date = ? AND topic = ? AND id IS NOT ?",
        (person["id"], values["date"], values["topic"], training_id)).fetchone()
    if same:
        raise ValidationError(_DUPLICATE, name=person["name"], date=values["date"],
                              topic=values["topic"])
    (day,) = conn.execute(
        "SELECT coalesce(sum(hours), 0) FROM trainings WHERE person_id = ? AND date = ?"
        " AND id IS NOT ?", (person["id"], values["date"], training_id)).fetchone()
    if day + values["hours"] > 24:
        raise ValidationError(_DAY_FULL, name=person["name"], date=values["date"],
                              hours=_hours_text(day + values["hours"]))


# --- training records ----------------------------------------------------------------------------

@operation("training.edit")
def add_trainings(session: Session, person_ids: Iterable[int], **fields: Any) -> Changes:
    """Record one training session attended by every person of ``person_ids`` (people of the own
    unit; duplicates ignored), with ``date``, ``topic``, ``form`` (a :data:`TRAINING_FORMS`
    code), ``hours``, and optionally ``assessment`` and ``note``: one row each, all in one
    transaction; nothing is written when any of them is refused (see the module doc)."""
    ids = list(dict.fromkeys(int(p) for p in person_ids))
    if not ids:
        raise ValidationError(_NO_PEOPLE)
    values = _values(fields, partial=False)
    values.setdefault("assessment", "")
    values.setdefault("note", "")
    people = [_person(session, pid) for pid in ids]
    unit_id = _unit(session)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for person in people:
            _check_free(session, person, values, None)
            w.insert("trainings", {**values, "unit_id": unit_id, "person_id": person["id"],
                                   "account_id": session.account_id, "created_at": stamp,
                                   "updated_at": stamp})
    return w.changes


@operation("training.edit")
def add_training(session: Session, person_id: int, **fields: Any) -> Changes:
    """Record one person's training (as :func:`add_trainings` for one person)."""
    return add_trainings(session, [person_id], **fields)


@operation("training.edit")
def update_training(session: Session, training_id: int, **fields: Any) -> Changes:
    """Change the fields given of a training record (``person_id`` too: another person of the
    unit); the same checks as when it was added."""
    current = _training(session, training_id)
    values = _values({k: v for k, v in fields.items() if k != "person_id"}, partial=True)
    person_id = fields.get("person_id", current["person_id"])
    person = _person(session, person_id)
    if "person_id" in fields:
        values["person_id"] = person["id"]
    with session.store.write(session.actor) as w:
        _check_free(session, person, {**current, **values}, int(training_id))
        if w.update("trainings", training_id, values):
            w.update("trainings", training_id, {"updated_at": now_text()})
    return w.changes


@operation("training.edit")
def delete_training(session: Session, training_id: int) -> Changes:
    """Remove a training record (the audit log keeps what it was)."""
    _training(session, training_id)
    with session.store.write(session.actor) as w:
        w.delete("trainings", training_id)
    return w.changes


@operation("training.read")
def list_trainings(session: Session, year: int | None = None,
                   person_id: int | None = None) -> list[dict[str, Any]]:
    """The unit's training records of ``year`` (None: every year), of one person or all, by date
    (newest first), then name: the rows plus ``name`` and ``cert_no`` of the person."""
    span = _year_span(year) if year is not None else ("0000-01-01", "9999-12-31")
    return session.store.query(
        "SELECT t.*, p.name, p.cert_no FROM trainings t JOIN people p ON p.id = t.person_id"
        " WHERE t.unit_id = ? AND t.date BETWEEN ? AND ? AND (? IS NULL OR t.person_id = ?)"
        " ORDER BY t.date DESC, p.id, t.id", (_unit(session), *span, person_id, person_id))


@operation("training.read")
def training_years(session: Session, today: date | None = None) -> list[int]:
    """The years the unit has training records in, and the current year, newest first."""
    years = {int(y) for (y,) in session.store.conn.execute(
        "SELECT DISTINCT substr(date, 1, 4) FROM trainings WHERE unit_id = ?",
        (_unit(session),)) if str(y).isdigit()}
    years.add((today or date.today()).year)
    return sorted(years, reverse=True)


# --- totals and certificate flags ---------------------------------------------------------------

def _year_span(year: int) -> tuple[str, str]:
    return f"{int(year):04d}-01-01", f"{int(year):04d}-12-31"


def expected_hours(year: int, today: date, target: float = TARGET_HOURS) -> float:
    """The hours an officer should have by ``today`` in ``year``: ``target`` times the days of
    the year gone by (today included) over the days of the year; the whole target for a past
    year, 0 for a future one. Rounded to one decimal."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if today > last:
        return float(target)
    if today < first:
        return 0.0
    days = (last - first).days + 1
    return round(target * ((today - first).days + 1) / days, 1)


def _auxiliary_sql(alias: str = "p") -> str:
    return "(" + " OR ".join(f"instr({alias}.title, '{w}') > 0" for w in AUXILIARY_WORDS) + ")"


#: The certificate columns of a person ``p`` joined with his ``person_certificates`` row ``c``:
#: the flags as 0/1 (none for an auxiliary), with :today and :soon.
_CERT_COLUMNS = f"""
    {_auxiliary_sql()} AS auxiliary,
    c.status AS cert_status, c.issued_date, c.valid_until, coalesce(c.note, '') AS cert_note,
    NOT {_auxiliary_sql()} AND trim(p.cert_no) = '' AS no_cert,
    NOT {_auxiliary_sql()} AND coalesce(c.valid_until < :today, 0) AS expired,
    NOT {_auxiliary_sql()} AND coalesce(c.valid_until BETWEEN :today AND :soon, 0) AS expiring,
    NOT {_auxiliary_sql()} AND coalesce(c.status = 'suspended', 0) AS suspended,
    NOT {_auxiliary_sql()} AND coalesce(c.status = 'revoked', 0) AS revoked"""


def _with_flags(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with the flag columns folded into ``flags`` (in :data:`FLAGS` order),
    ``certified`` and ``auxiliary`` as booleans."""
    flags = [flag for flag in FLAGS if row.pop(flag)]
    row["auxiliary"] = bool(row["auxiliary"])
    row["flags"] = flags
    row["certified"] = not row["auxiliary"] and not (set(flags) & BLOCKING_FLAGS)
    return row


def _cert_params(today: date) -> dict[str, str]:
    return {"today": today.isoformat(),
            "soon": (today + timedelta(days=EXPIRING_DAYS)).isoformat()}


@operation("training.read")
def year_totals(session: Session, year: int, *, today: date | None = None,
                person_id: int | None = None, until: date | None = None) -> list[dict[str, Any]]:
    """Per person of the unit for ``year`` (see the module doc), computed in SQL: ``person_id``,
    ``name``, ``title``, ``cert_no``, ``active``, ``sessions`` (records), the hours of each form
    (keys of :data:`TRAINING_FORMS`), ``total``, ``target`` (None for an auxiliary),
    ``expected``, ``behind``, ``on_track``, ``standing``, and the certificate: ``cert_status``
    (None: not recorded), ``issued_date``, ``valid_until``, ``cert_note``, ``auxiliary``,
    ``flags`` and ``certified`` (flags as on ``today``). Active people first, then by id;
    ``person_id`` limits it to one person, ``until`` counts only the records dated up to that
    day."""
    today = today or date.today()
    first, last = _year_span(year)
    if until is not None:
        last = min(last, until.isoformat())
    expected = expected_hours(year, today)
    by_form = ",\n".join(
        f"coalesce(sum(CASE WHEN t.form = '{code}' THEN t.hours END), 0) AS {code}"
        for code in TRAINING_FORMS)
    sql = f"""
        SELECT *,
            CASE WHEN auxiliary THEN NULL ELSE :target END AS target,
            NOT auxiliary AND total < :target AS behind,
            auxiliary OR total >= :expected AS on_track,
            CASE WHEN auxiliary THEN 'na'
                 WHEN total >= :target THEN 'done'
                 WHEN :past THEN 'missed'
                 WHEN total >= :expected THEN 'on_track'
                 WHEN total >= :expected / 2.0 THEN 'behind'
                 ELSE 'far_behind' END AS standing
        FROM (
            SELECT p.id AS person_id, p.name, p.title, p.cert_no, p.active,
                count(t.id) AS sessions, coalesce(sum(t.hours), 0) AS total,
                {by_form},
                {_CERT_COLUMNS}
            FROM people p
            LEFT JOIN trainings t ON t.person_id = p.id AND t.unit_id = :unit
                AND t.date BETWEEN :first AND :last
            LEFT JOIN person_certificates c ON c.person_id = p.id
            WHERE p.unit_id = :unit AND (:person IS NULL OR p.id = :person)
            GROUP BY p.id
            HAVING p.active = 1 OR count(t.id) > 0
        ) ORDER BY active DESC, person_id"""
    rows = session.store.query(sql, {
        "unit": _unit(session), "first": first, "last": last, "person": person_id,
        "target": TARGET_HOURS, "expected": expected, "past": int(today.isoformat() > last),
        **_cert_params(today)})
    out = []
    for row in rows:
        row = _with_flags(row)
        row["expected"] = None if row["auxiliary"] else expected
        for key in ("behind", "on_track", "active"):
            row[key] = bool(row[key])
        out.append(row)
    return out


@operation("training.read")
def certificate_flags(session: Session, *, today: date | None = None,
                      include_inactive: bool = False) -> list[dict[str, Any]]:
    """Every person of the unit (active ones unless ``include_inactive``) with the certificate:
    ``person_id``, ``name``, ``title``, ``cert_no``, ``active``, ``cert_status``,
    ``issued_date``, ``valid_until``, ``cert_note``, ``auxiliary``, ``flags`` (:data:`FLAGS`
    as on ``today``) and ``certified`` (may enforce alone)."""
    today = today or date.today()
    rows = session.store.query(
        f"SELECT p.id AS person_id, p.name, p.title, p.cert_no, p.active, {_CERT_COLUMNS}"
        " FROM people p LEFT JOIN person_certificates c ON c.person_id = p.id"
        " WHERE p.unit_id = :unit AND (:all OR p.active = 1) ORDER BY p.active DESC, p.id",
        {"unit": _unit(session), "all": int(include_inactive), **_cert_params(today)})
    return [_with_flags(row) for row in rows]


@operation("training.read")
def reminders(session: Session, today: date | None = None) -> dict[str, Any]:
    """What the dashboard reminds of, for the current year on ``today``: ``year``, ``target``,
    ``behind`` (active officers under the pro-rata hours of :func:`expected_hours`: the names),
    ``uncertified`` (active officers with a flag that keeps them from enforcing alone: the
    names) and ``expiring`` (certificates ending within :data:`EXPIRING_DAYS` days: the names)."""
    today = today or date.today()
    totals = [r for r in year_totals(session, today.year, today=today)
              if r["active"] and not r["auxiliary"]]
    return {"year": today.year, "target": TARGET_HOURS,
            "behind": [r["name"] for r in totals if not r["on_track"]],
            "uncertified": [r["name"] for r in totals if not r["certified"]],
            "expiring": [r["name"] for r in totals if "expiring" in r["flags"]]}


# --- certificates -------------------------------------------------------------------------------

def certificate_values(status: Any, issued_date: Any = None, valid_until: Any = None,
                       note: Any = "") -> dict[str, Any]:
    """The checked columns of a certificate (status code, dates, note); ValidationError for a
    bad status or date, or a validity ending before the issue date."""
    values = {"status": validate.choice(status, "证件状态", set(CERT_STATUSES)),
              "issued_date": validate.iso_date(issued_date, "发证日期"),
              "valid_until": validate.iso_date(valid_until, "有效期至"),
              "note": validate.text(note, "备注", required=False, limit=500)}
    if values["issued_date"] and values["valid_until"] \
            and values["valid_until"] < values["issued_date"]:
        raise ValidationError(_VALID_BEFORE_ISSUE)
    return values


@operation("person.manage")
def set_certificate(session: Session, person_id: int, status: str,
                    issued_date: str | date | None = None, valid_until: str | date | None = None,
                    note: str = "") -> Changes:
    """Record the status (:data:`CERT_STATUSES` code), issue date and validity of the 执法证 of
    a person of the own unit (its number is ``people.cert_no``, see models.directory)."""
    person = _person(session, person_id)
    values = certificate_values(status, issued_date, valid_until, note)
    with session.store.write(session.actor) as w:
        exists = session.store.conn.execute(
            "SELECT 1 FROM person_certificates WHERE person_id = ?", (person["id"],)).fetchone()
        if exists is None:
            w.insert("person_certificates", {"person_id": person["id"], **values,
                                             "updated_at": now_text()})
        elif w.update("person_certificates", person["id"], values):
            w.update("person_certificates", person["id"], {"updated_at": now_text()})
    return w.changes
