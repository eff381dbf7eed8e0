"""First-run setup, login with throttling and lock-out, and the acting session.

A :class:`Session` is who is acting: every operation takes one first and checks its roles
(:mod:`models.permissions`). The throttle: after the 3rd consecutive wrong password for a user name
each further try must wait 1, 2, 4 … seconds; at the 5th the name is locked for 15 minutes (an admin
can unlock earlier). Counters are kept per user name, known or not, so a wrong name and a wrong
password look the same to someone guessing.
"""
from __future__ import annotations

import math
import time
from typing import Any, Callable, NamedTuple

from . import audit, validate
from .errors import (AccountDisabled, AccountLocked, AlreadySetUp, AuthenticationFailed,
                     LoginThrottled, NotSetUp)
from .permissions import Role, format_roles, parse_roles
from .store import Store

THROTTLE_AFTER = 3
LOCK_AFTER = 5
LOCK_SECONDS = 15 * 60
MAX_DELAY = 60

UNIT_LEVELS = {
    "province": "省级", "city": "市州", "county": "县区", "station": "站所",
}


class Session(NamedTuple):
    """The logged-in account acting on ``store``."""

    store: Store
    account_id: int
    username: str
    roles: frozenset[Role]
    person_id: int | None
    person_name: str
    unit_id: int | None

    @property
    def actor(self) -> str:
        """How the audit log names this account."""
        return f"{self.username}#{self.account_id}"

    def has(self, role: Role) -> bool:
        return role in self.roles


def is_set_up(store: Store) -> bool:
    return store.setting("own_unit_id") is not None and bool(
        store.conn.execute("SELECT 1 FROM accounts WHERE active = 1 LIMIT 1").fetchone())


def own_unit_id(store: Store) -> int | None:
    value = store.setting("own_unit_id")
    return int(value) if value else None


def login_banner(store: Store) -> dict[str, object]:
    """What the login dialog shows before anyone is logged in: the unit's name, demo or not."""
    unit_id = own_unit_id(store)
    row = store.conn.execute("SELECT name FROM units WHERE id = ?", (unit_id,)).fetchone()
    return {"unit": row[0] if row else "", "demo": store.setting("demo") == "1"}


def now_text() -> str:
    return audit.now_iso()


def setup_installation(store: Store, *, unit: dict[str, Any], chief: dict[str, Any],
                       username: str, password: str) -> Session:
    """First run: the installation's own unit, its chief (as a person) and the first account.

    ``unit`` holds name, code, level and optionally parent (a dict of the same keys, for the unit
    above, so the hierarchy is known from the start). ``chief`` holds name, title, cert_no, phone.
    The account gets the chief and admin roles. Refused once an installation exists.
    """
    if is_set_up(store):
        raise AlreadySetUp()
    name = validate.text(unit.get("name"), "单位名称")
    code = validate.text(unit.get("code"), "单位代码", limit=40)
    level = validate.choice(unit.get("level"), "单位层级", set(UNIT_LEVELS))
    person = _person_fields(chief)
    username = validate.text(username, "用户名", limit=40)
    from . import passwords  # hashing comes in with the first login, not at start-up
    passwords.check_rule(password)
    pw_hash = passwords.hash_password(password)
    stamp = now_text()
    with store.write("setup") as w:
        parent_id = None
        parent = unit.get("parent")
        if parent:
            parent_id = w.insert("units", {
                "name": validate.text(parent.get("name"), "上级单位名称"),
                "code": validate.text(parent.get("code"), "上级单位代码", limit=40),
                "level": validate.choice(parent.get("level"), "上级单位层级", set(UNIT_LEVELS)),
                "parent_id": None, "created_at": stamp, "updated_at": stamp})
        unit_id = w.insert("units", {"name": name, "code": code, "level": level,
                                     "parent_id": parent_id, "created_at": stamp,
                                     "updated_at": stamp})
        person_id = w.insert("people", {**person, "unit_id": unit_id, "active": 1,
                                        "created_at": stamp, "updated_at": stamp})
        account_id = w.insert("accounts", {
            "username": username, "person_id": person_id, "password_hash": pw_hash,
            "roles": format_roles({Role.CHIEF, Role.ADMIN}), "active": 1,
            "created_at": stamp, "updated_at": stamp})
        w.insert("settings", {"key": "own_unit_id", "value": str(unit_id)})
    return _session_for(store, int(account_id))


def _person_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": validate.text(data.get("name"), "姓名", limit=40),
        "title": validate.text(data.get("title"), "职务", required=False, limit=60),
        "cert_no": validate.text(data.get("cert_no"), "执法证号", required=False, limit=40),
        "phone": validate.phone(data.get("phone"), "联系电话"),
    }


def _session_for(store: Store, account_id: int) -> Session:
    row = store.conn.execute(
        "SELECT a.id, a.username, a.roles, a.person_id, p.name, p.unit_id FROM accounts a"
        " LEFT JOIN people p ON p.id = a.person_id WHERE a.id = ?", (account_id,)).fetchone()
    return Session(store, row[0], row[1], parse_roles(row[2]), row[3], row[4] or row[1],
                   row[5] if row[5] is not None else own_unit_id(store))


def login(store: Store, username: str, password: str, *,
          clock: Callable[[], float] = time.time) -> Session:
    """Check the password and return the session, applying the throttle (see module doc)."""
    if not is_set_up(store):
        raise NotSetUp()
    name = (username or "").strip()
    now = clock()
    conn = store.conn
    state = conn.execute("SELECT failures, retry_after, locked_until FROM login_attempts"
                         " WHERE username = ?", (name,)).fetchone()
    failures, retry_after, locked_until = state if state else (0, None, None)
    if locked_until and now < locked_until:
        raise AccountLocked(failures=failures, minutes=math.ceil((locked_until - now) / 60))
    if retry_after and now < retry_after:
        raise LoginThrottled(seconds=math.ceil(retry_after - now))

    row = conn.execute("SELECT id, password_hash, active FROM accounts WHERE username = ?",
                       (name,)).fetchone()
    from . import passwords
    ok = passwords.check_password(password, row[1] if row else passwords.dummy_hash())
    if row is None or not ok:
        _record_failure(store, name, failures if not (locked_until and now >= locked_until) else 0,
                        now, known=row is not None)
        raise AuthenticationFailed()
    if not row[2]:
        raise AccountDisabled()
    with store.write(f"{name}#{row[0]}") as w:
        conn.execute("DELETE FROM login_attempts WHERE username = ?", (name,))
        w.event("login", f"accounts:{row[0]}")
    return _session_for(store, row[0])


def _record_failure(store: Store, name: str, failures: int, now: float, *, known: bool) -> None:
    failures += 1
    retry_after = now + min(2 ** (failures - THROTTLE_AFTER), MAX_DELAY) \
        if failures >= THROTTLE_AFTER else None
    locked_until = now + LOCK_SECONDS if failures >= LOCK_AFTER else None
    with store.write("anonymous") as w:
        store.conn.execute(
            "INSERT INTO login_attempts (username, failures, last_failure, retry_after, locked_until)"
            " VALUES (?,?,?,?,?) ON CONFLICT(username) DO UPDATE SET failures = excluded.failures,"
            " last_failure = excluded.last_failure, retry_after = excluded.retry_after,"
            " locked_until = excluded.locked_until",
            (name, failures, now, retry_after, locked_until))
        if known:
            w.event("login_failed", f"user:{name}", {"failures": failures,
                                                     "locked": locked_until is not None})


def refresh(session: Session) -> Session:
    """The same account re-read (roles or name may have changed)."""
    return _session_for(session.store, session.account_id)


def session_without_password(store: Store, username: str) -> Session:
    """The session of ``username`` without a password check.

    For benchmarks and scripted screenshots that start the GUI past the login dialog; whoever can
    call this already holds the database file. Nothing in the GUI or the command line reaches it.
    """
    row = store.conn.execute("SELECT id FROM accounts WHERE username = ? AND active = 1",
                             (username,)).fetchone()
    if row is None:
        raise AuthenticationFailed()
    return _session_for(store, row[0])
