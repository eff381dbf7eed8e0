"""Login accounts: creation, roles, activation, passwords, unlocking."""
from __future__ import annotations

from typing import Any, Iterable

from . import passwords, validate
from .errors import AuthenticationFailed, NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, format_roles, operation
from .session import Session, now_text
from .store import Changes


def _roles(roles: Iterable[str | Role]) -> str:
    try:
        parsed = {Role(r) for r in roles}
    except ValueError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "未知的角色：{role}"), role=exc) from None
    if not parsed:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "每个账号至少要有一个角色。"))
    return format_roles(parsed)


@operation("account.manage")
def list_accounts(session: Session) -> list[dict[str, Any]]:
    """Accounts without their password hashes, with the person's name and lock state."""
    return session.store.query(
        "SELECT a.id, a.username, a.roles, a.active, a.person_id, p.name AS person_name,"
        " l.failures, l.locked_until FROM accounts a LEFT JOIN people p ON p.id = a.person_id"
        " LEFT JOIN login_attempts l ON l.username = a.username ORDER BY a.id")


@operation("account.manage")
def create_account(session: Session, *, username: str, password: str, roles: Iterable[str],
                   person_id: int | None = None) -> Changes:
    name = validate.text(username, "用户名", limit=40)
    if session.store.conn.execute("SELECT 1 FROM accounts WHERE username = ?", (name,)).fetchone():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "用户名“{name}”已存在。"), name=name)
    if person_id is not None and not session.store.conn.execute(
            "SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone():
        raise NotFound(what="人员", key=person_id)
    passwords.check_rule(password)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("accounts", {"username": name, "person_id": person_id,
                              "password_hash": passwords.hash_password(password),
                              "roles": _roles(roles), "active": 1,
                              "created_at": stamp, "updated_at": stamp})
    return w.changes


def _guard_last_admin(session: Session, account_id: int, *, losing_admin: bool) -> None:
    if not losing_admin:
        return
    others = session.store.conn.execute(
        "SELECT count(*) FROM accounts WHERE active = 1 AND id != ? AND ',' || roles || ','"
        " LIKE '%,admin,%'", (account_id,)).fetchone()[0]
    if others == 0:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "这是最后一个有效的管理员账号，不能停用或取消其管理员角色。"))


@operation("account.manage")
def set_roles(session: Session, account_id: int, roles: Iterable[str]) -> Changes:
    value = _roles(roles)
    _guard_last_admin(session, account_id, losing_admin="admin" not in value.split(","))
    with session.store.write(session.actor) as w:
        if w.update("accounts", account_id, {"roles": value}):
            w.update("accounts", account_id, {"updated_at": now_text()})
    return w.changes


@operation("account.manage")
def set_active(session: Session, account_id: int, active: bool) -> Changes:
    if not active:
        _guard_last_admin(session, account_id, losing_admin=True)
    with session.store.write(session.actor) as w:
        if w.update("accounts", account_id, {"active": 1 if active else 0}):
            w.update("accounts", account_id, {"updated_at": now_text()})
    return w.changes


@operation("account.manage")
def reset_password(session: Session, account_id: int, new_password: str) -> Changes:
    passwords.check_rule(new_password)
    row = session.store.conn.execute("SELECT username FROM accounts WHERE id = ?",
                                     (account_id,)).fetchone()
    if row is None:
        raise NotFound(what="账号", key=account_id)
    with session.store.write(session.actor) as w:
        w.update("accounts", account_id, {"password_hash": passwords.hash_password(new_password),
                                          "updated_at": now_text()})
        session.store.conn.execute("DELETE FROM login_attempts WHERE username = ?", (row[0],))
    return w.changes


@operation("account.manage")
def unlock(session: Session, username: str) -> Changes:
    """Clear the wrong-password counter and lock of ``username``."""
    with session.store.write(session.actor) as w:
        session.store.conn.execute("DELETE FROM login_attempts WHERE username = ?", (username,))
        w.event("unlock", f"user:{username}")
    return w.changes


@operation("account.own_password")
def change_own_password(session: Session, old_password: str, new_password: str) -> Changes:
    stored = session.store.conn.execute("SELECT password_hash FROM accounts WHERE id = ?",
                                        (session.account_id,)).fetchone()
    if stored is None or not passwords.check_password(old_password, stored[0]):
        raise AuthenticationFailed(QT_TRANSLATE_NOOP("errors", "原密码不正确。"))
    passwords.check_rule(new_password)
    from . import keys  # the signing keys' passphrase is the login password: re-encrypt them too
    with session.store.write(session.actor) as w:
        w.update("accounts", session.account_id,
                 {"password_hash": passwords.hash_password(new_password), "updated_at": now_text()})
        keys.rekey(session, old_password, new_password, writer=w)
    return w.changes
