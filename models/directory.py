"""Units and people (组织与人员): the operations that read and change them."""
from __future__ import annotations

from typing import Any

from . import validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import UNIT_LEVELS, Session, now_text, own_unit_id
from .store import Changes

_LEVEL_ORDER = ["province", "city", "county", "station"]


def _unit_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "name" in data:
        out["name"] = validate.text(data.get("name"), "单位名称")
    if not partial or "code" in data:
        out["code"] = validate.text(data.get("code"), "单位代码", limit=40)
    if not partial or "level" in data:
        out["level"] = validate.choice(data.get("level"), "单位层级", set(UNIT_LEVELS))
    if "parent_id" in data:
        out["parent_id"] = data["parent_id"] or None
    return out


def _check_code_free(session: Session, code: str, unit_id: int | None) -> None:
    row = session.store.conn.execute("SELECT id FROM units WHERE code = ?", (code,)).fetchone()
    if row and row[0] != unit_id:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "单位代码“{code}”已被其他单位使用。"),
                              code=code)


def _check_parent(session: Session, unit_id: int | None, parent_id: int | None,
                  level: str) -> None:
    if parent_id is None:
        return
    row = session.store.conn.execute("SELECT level FROM units WHERE id = ?",
                                     (parent_id,)).fetchone()
    if row is None:
        raise NotFound(what="上级单位", key=parent_id)
    if _LEVEL_ORDER.index(row[0]) >= _LEVEL_ORDER.index(level):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "上级单位的层级必须高于本单位的层级。"))
    seen = {unit_id}
    cursor: int | None = parent_id
    while cursor is not None:  # no cycles
        if cursor in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "不能把单位设为自己下级的下级。"))
        seen.add(cursor)
        up = session.store.conn.execute("SELECT parent_id FROM units WHERE id = ?",
                                        (cursor,)).fetchone()
        cursor = up[0] if up else None


@operation("unit.read")
def list_units(session: Session) -> list[dict[str, Any]]:
    """All units, parents before children, with ``depth`` for indentation."""
    rows = session.store.query("SELECT * FROM units ORDER BY id")
    by_parent: dict[int | None, list[dict[str, Any]]] = {}
    for r in rows:
        by_parent.setdefault(r["parent_id"], []).append(r)
    out: list[dict[str, Any]] = []

    def walk(parent: int | None, depth: int) -> None:
        for r in by_parent.get(parent, []):
            out.append({**r, "depth": depth})
            walk(r["id"], depth + 1)

    walk(None, 0)
    return out


@operation("unit.read")
def get_own_unit(session: Session) -> dict[str, Any] | None:
    unit_id = own_unit_id(session.store)
    rows = session.store.query("SELECT * FROM units WHERE id = ?", (unit_id,))
    return rows[0] if rows else None


@operation("unit.edit_own")
def update_own_unit(session: Session, **fields: Any) -> Changes:
    """Change the own unit's name, code, level or parent."""
    return _update_unit(session, own_unit_id(session.store), fields)


@operation("unit.manage")
def add_unit(session: Session, **fields: Any) -> Changes:
    """Add a unit of the hierarchy (an upper office or a subordinate station)."""
    values = _unit_fields(fields, partial=False)
    values.setdefault("parent_id", None)
    _check_code_free(session, values["code"], None)
    _check_parent(session, None, values["parent_id"], values["level"])
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("units", {**values, "created_at": stamp, "updated_at": stamp})
    return w.changes


@operation("unit.manage")
def update_unit(session: Session, unit_id: int, **fields: Any) -> Changes:
    return _update_unit(session, unit_id, fields)


def _update_unit(session: Session, unit_id: int | None, fields: dict[str, Any]) -> Changes:
    current = session.store.query("SELECT * FROM units WHERE id = ?", (unit_id,))
    if not current:
        raise NotFound(what="单位", key=unit_id)
    values = _unit_fields(fields, partial=True)
    if "code" in values:
        _check_code_free(session, values["code"], unit_id)
    _check_parent(session, unit_id, values.get("parent_id", current[0]["parent_id"]),
                  values.get("level", current[0]["level"]))
    if "level" in values:  # the units below must stay below
        for (child_level,) in session.store.conn.execute(
                "SELECT level FROM units WHERE parent_id = ?", (unit_id,)):
            if _LEVEL_ORDER.index(child_level) <= _LEVEL_ORDER.index(values["level"]):
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "errors", "下级单位的层级必须低于本单位的层级：请先调整下级单位。"))
    with session.store.write(session.actor) as w:
        if w.update("units", unit_id, values):
            w.update("units", unit_id, {"updated_at": now_text()})
    return w.changes


def _person_values(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    checks = {
        "name": lambda v: validate.text(v, "姓名", limit=40),
        "title": lambda v: validate.text(v, "职务", required=False, limit=60),
        "cert_no": lambda v: validate.text(v, "执法证号", required=False, limit=40),
        "phone": lambda v: validate.phone(v, "联系电话"),
        "active": lambda v: 1 if v else 0,
        "unit_id": lambda v: int(v),
    }
    out = {}
    for key, check in checks.items():
        if key in data:
            out[key] = check(data[key])
        elif not partial and key == "name":
            out[key] = check(None)
    return out


@operation("person.read")
def list_people(session: Session, *, unit_id: int | None = None,
                include_inactive: bool = True) -> list[dict[str, Any]]:
    """People of ``unit_id`` (default: the own unit) with their account, if any."""
    unit = unit_id if unit_id is not None else own_unit_id(session.store)
    return session.store.query(
        "SELECT p.*, a.username, a.roles FROM people p LEFT JOIN accounts a ON a.person_id = p.id"
        " WHERE p.unit_id = ? AND (? OR p.active = 1) ORDER BY p.active DESC, p.id",
        (unit, 1 if include_inactive else 0))


@operation("person.manage")
def add_person(session: Session, **fields: Any) -> Changes:
    values = _person_values(fields, partial=False)
    values.setdefault("unit_id", own_unit_id(session.store))
    values.setdefault("active", 1)
    _check_cert_free(session, values.get("cert_no", ""), None)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("people", {"title": "", "cert_no": "", "phone": "", **values,
                            "created_at": stamp, "updated_at": stamp})
    return w.changes


@operation("person.manage")
def update_person(session: Session, person_id: int, **fields: Any) -> Changes:
    """Change a person's fields; ``active=False`` marks someone who left (kept for history)."""
    values = _person_values(fields, partial=True)
    if "cert_no" in values:
        _check_cert_free(session, values["cert_no"], person_id)
    with session.store.write(session.actor) as w:
        if w.update("people", person_id, values):
            w.update("people", person_id, {"updated_at": now_text()})
    return w.changes


def _check_cert_free(session: Session, cert_no: str, person_id: int | None) -> None:
    if not cert_no:
        return
    row = session.store.conn.execute("SELECT id, name FROM people WHERE cert_no = ?",
                                     (cert_no,)).fetchone()
    if row and row[0] != person_id:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "执法证号“{cert}”已登记给{name}。"),
                              cert=cert_no, name=row[1])
