"""The office reads a unit's 培训台账 from the records its packages carried (read-only).

Per year and person: the hours of each form and in total, summed in SQL over the imported
``trainings`` rows (one GROUP BY over their JSON images); names, 职务 and 执法证号 from the
imported ``people`` rows (they travel with the 案卷评查 material: without them a person is shown
by number), the certificate from ``person_certificates``. Every year a unit reported training in
lists each of its active people, so an officer with no training at all is seen too. The standing
against the 60 学时 target and the certificate flags follow the unit's rules
(models.training), judged on the office's ``today``.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .errors import NotFound
from .office_units import unit_by_code
from .permissions import operation
from .session import Session
from .training import (
    AUXILIARY_WORDS,
    BLOCKING_FLAGS,
    EXPIRING_DAYS,
    FLAGS,
    TARGET_HOURS,
    TRAINING_FORMS,
    expected_hours,
)


def standing_of(total: float, year: int, today: date, auxiliary: bool) -> str:
    """The standing (models.training.STANDINGS) of ``total`` hours in ``year`` on ``today``,
    by the rule models.training.year_totals applies in SQL."""
    if auxiliary:
        return "na"
    if total >= TARGET_HOURS:
        return "done"
    if today > date(year, 12, 31):
        return "missed"
    expected = expected_hours(year, today)
    if total >= expected:
        return "on_track"
    return "behind" if total >= expected / 2 else "far_behind"


def flags_of(cert_no: str, status: str | None, valid_until: str | None, today: date,
             auxiliary: bool) -> list[str]:
    """The certificate flags (models.training.FLAGS order) by the rule of
    models.training.year_totals."""
    if auxiliary:
        return []
    soon = (today + timedelta(days=EXPIRING_DAYS)).isoformat()
    found = {"no_cert": not (cert_no or "").strip(),
             "expired": bool(valid_until) and str(valid_until) < today.isoformat(),
             "expiring": bool(valid_until) and today.isoformat() <= str(valid_until) <= soon,
             "suspended": status == "suspended", "revoked": status == "revoked"}
    return [flag for flag in FLAGS if found[flag]]


_SQL = f"""
    WITH t AS (
        SELECT json_extract(image, '$.person_id') AS person_id,
               substr(json_extract(image, '$.date'), 1, 4) AS year,
               json_extract(image, '$.form') AS form, json_extract(image, '$.hours') AS hours
        FROM office_records WHERE unit_id = :unit AND tbl = 'trainings'),
    p AS (
        SELECT json_extract(image, '$.id') AS id, json_extract(image, '$.name') AS name,
               json_extract(image, '$.title') AS title, json_extract(image, '$.cert_no') AS cert_no,
               json_extract(image, '$.active') AS active
        FROM office_records WHERE unit_id = :unit AND tbl = 'people'),
    c AS (
        SELECT json_extract(image, '$.person_id') AS person_id,
               json_extract(image, '$.status') AS status,
               json_extract(image, '$.valid_until') AS valid_until
        FROM office_records WHERE unit_id = :unit AND tbl = 'person_certificates'),
    persons AS (
        SELECT y.year, p.id AS person_id FROM (SELECT DISTINCT year FROM t) y, p
        WHERE p.active = 1
        UNION SELECT year, person_id FROM t)
    SELECT CAST(s.year AS INTEGER) AS year, s.person_id, p.name, coalesce(p.title, '') AS title,
           coalesce(p.cert_no, '') AS cert_no, p.id IS NOT NULL AS known,
           coalesce(p.active, 1) AS active, count(t.person_id) AS sessions,
           coalesce(sum(t.hours), 0) AS total,
           {", ".join(f"coalesce(sum(CASE WHEN t.form = '{code}' THEN t.hours END), 0) AS {code}"
                      for code in TRAINING_FORMS)},
           c.status AS cert_status, c.valid_until
    FROM persons s
    LEFT JOIN t ON t.year = s.year AND t.person_id = s.person_id
    LEFT JOIN p ON p.id = s.person_id
    LEFT JOIN c ON c.person_id = s.person_id
    GROUP BY s.year, s.person_id
    ORDER BY s.year DESC, active DESC, s.person_id"""


@operation("office.read")
def unit_training(session: Session, unit_code: str, *,
                  today: date | None = None) -> list[dict[str, Any]]:
    """The unit's training totals per year (newest first) and person: ``year``, ``person_id``,
    ``name`` (None when the unit sent no ``people`` rows), ``title``, ``cert_no``, ``known``,
    ``active``, ``sessions``, the hours of each form (keys of models.training.TRAINING_FORMS),
    ``total``, ``auxiliary``, ``standing``, ``cert_status``, ``valid_until``, ``flags`` and
    ``certified`` as on ``today``. Raises NotFound for a unit code the office has not
    registered."""
    unit = unit_by_code(session.store, unit_code)
    if unit is None:
        raise NotFound(what="单位", key=unit_code)
    today = today or date.today()
    rows = session.store.query(_SQL, {"unit": unit["id"]})
    for row in rows:
        row["known"], row["active"] = bool(row["known"]), bool(row["active"])
        row["auxiliary"] = any(word in row["title"] for word in AUXILIARY_WORDS)
        row["standing"] = standing_of(row["total"], row["year"], today, row["auxiliary"])
        row["flags"] = flags_of(row["cert_no"], row["cert_status"], row["valid_until"], today,
                                row["auxiliary"]) if row["known"] else []
        row["certified"] = row["known"] and not row["auxiliary"] \
            and not (set(row["flags"]) & BLOCKING_FLAGS)
    return rows
