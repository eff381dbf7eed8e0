"""The upper office's register of the units that report to it, learnt from enrollment files.

A unit is registered from the enrollment file (密钥登记文件, see :mod:`models.enrollment`) of its
unit seal key, handed over in person: :func:`register_unit` checks the file (self-signature,
rotation chain) with :func:`models.enrollment.read_enrollment` and records the unit
(``office_units``) and every key of the file's line (``office_unit_keys``). The result names
the key's fingerprint, which the receiving officer compares with the one the unit's chief reads
out from his screen.

Registering a newer file of the same unit moves its keys on: a rotation (the old key retired,
the new key active, both signatures checked by ``read_enrollment``) or a revocation carried in
the file marks the older keys. A key never goes back (active → retired → revoked). A seal key
that has no rotation link to the unit's registered active seal key is refused unless the caller
says ``replace_seal`` (the office has confirmed in person that the unit made a new seal key).

:func:`current_seal_key` is what the import asks: the one active seal key of a unit.
"""
from __future__ import annotations

import base64
import hashlib
from typing import Any

from .enrollment import read_enrollment
from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Store

#: Key states in the order they may move.
_RANK = {"active": 0, "retired": 1, "revoked": 2}

_NO_CODE = QT_TRANSLATE_NOOP(
    "errors", "密钥登记文件中没有单位代码，无法登记。请该单位在“设置 → 本单位”中填写单位代码后重新导出。")
_KEY_OF_OTHER_UNIT = QT_TRANSLATE_NOOP(
    "errors", "密钥 {fingerprint} 已登记在单位“{other}”名下，不能再登记给“{unit}”。请勿采信，并向两个单位核实。")
UNRELATED_SEAL = QT_TRANSLATE_NOOP(
    "errors", "“{unit}”已登记的单位签章密钥是 {current}，登记文件中的签章密钥 {fingerprint} 与它没有"
    "更换关系（不是由原密钥签署更换的），不能自动采信。请当面向该单位核对新密钥的指纹，确认后再"
    "选择“替换签章密钥”登记。")
_NOT_SEAL = QT_TRANSLATE_NOOP(
    "errors", "这是个人签名密钥的登记文件。登记下级单位请使用该单位负责人导出的单位签章密钥登记文件。")


class Registration(Changes):
    """What :func:`register_unit` changed, and what to compare in person: the unit's code and
    name and the registered key's fingerprint and state."""

    def __init__(self, changes: Changes, *, unit_id: int, unit_code: str, unit_name: str,
                 key_id: str, fingerprint: str, status: str) -> None:
        super().__init__()
        self.rows = changes.rows
        self.head_seq = changes.head_seq
        self.unit_id = unit_id
        self.unit_code = unit_code
        self.unit_name = unit_name
        self.key_id = key_id
        self.fingerprint = fingerprint
        self.status = status


def unit_by_code(store: Store, code: str) -> dict[str, Any] | None:
    """The registered unit with ``code``, or None."""
    rows = store.query("SELECT * FROM office_units WHERE code = ?", (code,))
    return rows[0] if rows else None


def unit_keys(store: Store, unit_id: int, kind: str | None = None) -> list[dict[str, Any]]:
    """The registered keys of a unit (of ``kind`` when given), oldest first."""
    sql = "SELECT * FROM office_unit_keys WHERE unit_id = ?"
    params: list[Any] = [unit_id]
    if kind is not None:
        sql += " AND kind = ?"
        params.append(kind)
    return store.query(sql + " ORDER BY id", params)


def current_seal_key(store: Store, unit_id: int) -> dict[str, Any] | None:
    """The unit's active seal key row, or None when it has none."""
    rows = store.query("SELECT * FROM office_unit_keys WHERE unit_id = ? AND kind = 'seal'"
                       " AND status = 'active' ORDER BY id DESC LIMIT 1", (unit_id,))
    return rows[0] if rows else None


def raw_public(row: dict[str, Any]) -> bytes:
    """The raw 32-byte public key of an ``office_unit_keys`` row."""
    return base64.b64decode(row["public_key"])


def _line_states(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """key id -> entry (status, times, replaced_by) of every key of the file's line, with the
    statements applied: a rotation retires the old key, a revocation revokes its subject."""
    import json
    entries = {e["key_id"]: dict(e) for e in [*document["predecessors"], document["key"]]}
    for item in document["statements"]:
        body = json.loads(item["statement"])
        if item["kind"] == "rotation" and body.get("old_key_id") in entries:
            old = entries[body["old_key_id"]]
            old["replaced_by"] = body.get("new_key_id")
            if _RANK[old["status"]] < _RANK["retired"]:
                old["status"] = "retired"
        elif item["kind"] == "revocation" and body.get("key_id") in entries:
            entries[body["key_id"]]["status"] = "revoked"
    return entries


@operation("office.manage")
def register_unit(session: Session, enrollment_text: str | bytes, *,
                  replace_seal: bool = False) -> Registration:
    """Register (or bring up to date) a reporting unit from its seal key's enrollment file.

    Raises EnrollmentInvalid for a file that must not be trusted, ValidationError for a file of
    a person key, a file without a unit code, a key registered to another unit, or a seal key
    unrelated to the unit's registered active one (unless ``replace_seal``: the older active
    seal keys are then retired). Registering the same file again changes nothing.
    """
    document = read_enrollment(enrollment_text)
    raw = enrollment_text.encode("utf-8") if isinstance(enrollment_text, str) \
        else bytes(enrollment_text)
    sha = hashlib.sha256(raw).hexdigest()
    unit = document["unit"]
    key = document["key"]
    code = unit["code"].strip()
    if not code:
        raise ValidationError(_NO_CODE)
    if key["kind"] != "seal":
        raise ValidationError(_NOT_SEAL)
    store = session.store
    states = _line_states(document)
    existing = unit_by_code(store, code)
    for key_id in states:
        other = store.query("SELECT u.name, u.code FROM office_unit_keys k JOIN office_units u"
                            " ON u.id = k.unit_id WHERE k.key_id = ?", (key_id,))
        if other and other[0]["code"] != code:
            raise ValidationError(_KEY_OF_OTHER_UNIT, fingerprint=states[key_id]["fingerprint"],
                                  other=other[0]["name"], unit=unit["name"])
    retire: list[int] = []
    if existing is not None:
        current = current_seal_key(store, existing["id"])
        if current is not None and current["key_id"] not in states:
            if not replace_seal:
                raise ValidationError(UNRELATED_SEAL, unit=existing["name"],
                                      current=current["fingerprint"],
                                      fingerprint=key["fingerprint"])
            retire.append(current["id"])
    stamp = now_text()
    with store.write(session.actor) as w:
        if existing is None:
            unit_id = int(w.insert("office_units", {
                "code": code, "name": unit["name"], "level": unit["level"],
                "installation_id": document["installation_id"], "registered_at": stamp,
                "updated_at": stamp, "account_id": session.account_id}))
        else:
            unit_id = int(existing["id"])
            fresh = {"name": unit["name"], "level": unit["level"],
                     "installation_id": document["installation_id"]}
            if any(existing[k] != v for k, v in fresh.items()):
                w.update("office_units", unit_id, {**fresh, "updated_at": stamp})
        for row_id in retire:
            w.update("office_unit_keys", row_id, {"status": "retired", "status_at": stamp})
        for key_id, entry in states.items():
            _store_key(w, unit_id, entry, sha, stamp)
    status = states[key["key_id"]]["status"]
    return Registration(w.changes, unit_id=unit_id, unit_code=code, unit_name=unit["name"],
                        key_id=key["key_id"], fingerprint=key["fingerprint"], status=status)


def _store_key(w: Any, unit_id: int, entry: dict[str, Any], sha: str, stamp: str) -> None:
    """Insert a key of the line, or move a registered one on (never back)."""
    row = w.conn.execute("SELECT id, status, replaced_by FROM office_unit_keys WHERE key_id = ?",
                         (entry["key_id"],)).fetchone()
    if row is None:
        w.insert("office_unit_keys", {
            "key_id": entry["key_id"], "unit_id": unit_id, "kind": entry["kind"],
            "public_key": entry["public_key"], "fingerprint": entry["fingerprint"],
            "person_name": None, "status": entry["status"],
            "replaced_by": entry.get("replaced_by"), "first_seen": stamp,
            "status_at": None if entry["status"] == "active" else stamp,
            "enrollment_sha256": sha})
        return
    changes: dict[str, Any] = {}
    if _RANK[entry["status"]] > _RANK[row[1]]:
        changes.update(status=entry["status"], status_at=stamp, enrollment_sha256=sha)
    if entry.get("replaced_by") and not row[2]:
        changes["replaced_by"] = entry["replaced_by"]
    if changes:
        w.update("office_unit_keys", row[0], changes)


@operation("office.read")
def list_units(session: Session) -> list[dict[str, Any]]:
    """Every registered unit, by code, with its current seal key's fingerprint (or None), the
    newest imported package's sequence number and the number of open alarms."""
    return session.store.query(
        "SELECT u.*, (SELECT fingerprint FROM office_unit_keys k WHERE k.unit_id = u.id"
        "   AND k.kind = 'seal' AND k.status = 'active' ORDER BY k.id DESC LIMIT 1)"
        "   AS seal_fingerprint,"
        " (SELECT max(seq) FROM office_packages p WHERE p.unit_id = u.id"
        "   AND p.status = 'imported') AS last_seq,"
        " (SELECT count(*) FROM office_alarms a WHERE a.unit_id = u.id"
        "   AND a.acknowledged = 0) AS open_alarms"
        " FROM office_units u ORDER BY u.code")
