"""The office's own age decryption keys (解密密钥): what opens the encrypted packages its units send.

An office (any installation that receives packages) keeps an age X25519 identity
(``AGE-SECRET-KEY-1…``); its public half, the recipient (``age1…``), is what the units encrypt
their packages to. The units never type it: it travels inside the signed enrollment file of the
office's unit seal key (``recipients``, see models.enrollment), and a station that registers its
office from that file (``receipts.set_office``) stores the recipients in the same transaction.

Storage
    ``decryption_keys`` holds each key's recipient and state: ``active`` (at most one; new packages
    are encrypted to it) or ``retired`` (kept, so packages encrypted to it before still open).
    Creating a key retires the active one. ``decryption_key_holders`` holds one copy of the
    identity per chief who holds it, sealed like the signing keys
    (``key_crypto.seal_private``: scrypt of the holder's login password, ChaCha20-Poly1305; the
    associated data binds the copy to the key, ``age:<recipient>``, and to the holder's account,
    so a copy moved elsewhere does not open). The copy is REDACTED in audit images; a password
    change re-encrypts the copies in the same transaction (``keys.rekey``).

Unlocking
    :func:`unlock_identities` opens every copy the acting account holds (active and retired) with
    one passphrase, the login password, and returns the identity texts for one verification or
    import; the caller drops them afterwards. They are Python strings and cannot be overwritten
    (best effort, as for the signing keys: nothing clear is ever written to the database, a file
    or the log). A wrong passphrase raises ``key_unlock.KeyPassphraseWrong`` under the signing
    keys' throttle (``key_unlock.check_unlock_throttle``): after the 3rd consecutive failure each
    try waits 1, 2, 4 … s, the 5th locks for 15 minutes. All of an account's decryption copies
    share one throttle slot, the negative account id (the signing keys' slots are positive
    ``key_holders`` ids).

Permissions: ``key.decryption`` (负责人) creates, gives and unlocks; ``key.read`` lists the public
recipients.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from . import key_crypto, key_unlock, keys
from .errors import FieldLedgerError, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, operation
from .session import Session, now_text
from .store import Changes, Store, Writer

#: At most this many recipients travel in an enrollment file (one active key, normally).
MAX_RECIPIENTS = 8

_WRONG = QT_TRANSLATE_NOOP(
    "errors", "解密密钥的口令（即您的登录密码）不正确，未解密任何内容。")
_THROTTLED = QT_TRANSLATE_NOOP(
    "errors", "解密密钥口令错误次数过多，请 {seconds} 秒后再试。未解密任何内容。")
_LOCKED = QT_TRANSLATE_NOOP(
    "errors", "解密密钥口令连续错误 {failures} 次，已临时锁定，{minutes} 分钟后可再试。未解密任何内容。")
_NOT_CHIEF = QT_TRANSLATE_NOOP(
    "errors", "解密密钥只能交给负责人，账号“{name}”不是负责人。")
_ALREADY_HELD = QT_TRANSLATE_NOOP("errors", "账号“{name}”已持有本机全部解密密钥。")


class DecryptionKeyMissing(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "您没有持有本机的解密密钥。请在“设置 → 签名密钥”中生成，或请持有它的负责人交给您；"
        "也可以选择解密密钥文件。")


# --- pure helpers --------------------------------------------------------------------------------

def is_recipient(text: Any) -> bool:
    """True when ``text`` is an age X25519 recipient (``age1…``)."""
    if not isinstance(text, str) or not text.startswith("age1") or text != text.strip():
        return False
    from pyrage import x25519
    try:
        x25519.Recipient.from_str(text)
    except Exception:  # noqa: BLE001 - pyrage raises its own error types
        return False
    return True


def key_ref(recipient: str) -> str:
    """The id a sealed copy is bound to (its associated data): ``age:<recipient>``."""
    return f"age:{recipient}"


def _slot(account_id: int) -> int:
    """The throttle slot of an account's decryption copies (see the module doc)."""
    return -int(account_id)


def _seal(identity: str, passphrase: str, recipient: str, account_id: int) -> str:
    clear = bytearray(identity.encode("ascii"))
    try:
        return key_crypto.seal_private(clear, passphrase, key_ref(recipient), account_id)
    finally:
        key_crypto.wipe(clear)


def _open(blob: str, passphrase: str, recipient: str, account_id: int) -> str | None:
    """The identity text of a sealed copy, or None when ``passphrase`` does not open it."""
    clear = key_crypto.open_private(blob, passphrase or "", key_ref(recipient), account_id)
    if clear is None:
        return None
    try:
        return bytes(clear).decode("ascii")
    finally:
        key_crypto.wipe(clear)


def _copies(store: Store, account_id: int) -> list[tuple[int, int, str, str, str]]:
    """(holder id, key id, recipient, status, sealed copy) of every copy ``account_id`` holds:
    the active key first, then the retired ones, newest first."""
    return store.conn.execute(
        "SELECT h.id, k.id, k.recipient, k.status, h.sealed_key FROM decryption_key_holders h"
        " JOIN decryption_keys k ON k.id = h.decryption_key_id WHERE h.account_id = ?"
        " ORDER BY k.status = 'active' DESC, k.id DESC", (account_id,)).fetchall()


def active_recipients(store: Store) -> list[str]:
    """The recipients (``age1…``) of the active decryption keys: what units encrypt to."""
    return [row[0] for row in store.conn.execute(
        "SELECT recipient FROM decryption_keys WHERE status = 'active' ORDER BY id")]


def holds_decryption_key(store: Store, account_id: int) -> bool:
    """True when ``account_id`` holds a copy of any decryption key of this installation."""
    return store.conn.execute("SELECT 1 FROM decryption_key_holders WHERE account_id = ?"
                              " LIMIT 1", (account_id,)).fetchone() is not None


# --- unlocking -----------------------------------------------------------------------------------

def _throttle(session: Session, now: float) -> int:
    """Consecutive failures of the account's slot; the keys module's throttle errors, worded
    for decryption, when the next try must wait."""
    try:
        return key_unlock.check_unlock_throttle(session.store, _slot(session.account_id), now)
    except key_unlock.KeyUnlockLocked as exc:
        raise key_unlock.KeyUnlockLocked(_LOCKED, **exc.params) from None
    except key_unlock.KeyUnlockThrottled as exc:
        raise key_unlock.KeyUnlockThrottled(_THROTTLED, **exc.params) from None


@operation("key.decryption")
def unlock_identities(session: Session, passphrase: str, *,
                      clock: Callable[[], float] = time.time) -> list[str]:
    """The identities (``AGE-SECRET-KEY-1…``) of every decryption key the acting account holds,
    active first, opened with ``passphrase`` (the login password); for one verification or
    import, then dropped.

    Raises :class:`DecryptionKeyMissing` when the account holds none,
    ``key_unlock.KeyPassphraseWrong`` when the passphrase opens none of them (recorded, throttled:
    then ``key_unlock.KeyUnlockThrottled`` / ``key_unlock.KeyUnlockLocked``). Copies a passphrase
    does not open (encrypted before an administrator reset the password) are left out when others
    open.
    """
    copies = _copies(session.store, session.account_id)
    if not copies:
        raise DecryptionKeyMissing()
    now = clock()
    failures = _throttle(session, now)
    out = [identity for _h, _k, recipient, _s, blob in copies
           if (identity := _open(blob, passphrase, recipient, session.account_id)) is not None]
    if not out:
        key_unlock.record_unlock_failure(session, _slot(session.account_id),
                                   f"decryption_keys:account:{session.account_id}", failures, now)
        raise key_unlock.KeyPassphraseWrong(_WRONG)
    key_unlock.clear_unlock_failures(session, _slot(session.account_id))
    return out


# --- operations ----------------------------------------------------------------------------------

@operation("key.read")
def list_decryption_keys(session: Session) -> list[dict[str, Any]]:
    """Every decryption key's public data (never a sealed copy), newest first: ``id``,
    ``recipient``, ``status``, ``created_at``, ``status_at``, ``created_by`` (a name),
    ``holders`` (names joined by 、) and ``holder_accounts`` (account ids, comma-separated)."""
    return session.store.query(
        "SELECT k.id, k.recipient, k.status, k.created_at, k.status_at,"
        " (SELECT coalesce(p.name, a.username) FROM accounts a LEFT JOIN people p"
        " ON p.id = a.person_id WHERE a.id = k.account_id) AS created_by,"
        " (SELECT group_concat(coalesce(hp.name, a.username), '、')"
        " FROM decryption_key_holders h JOIN accounts a ON a.id = h.account_id"
        " LEFT JOIN people hp ON hp.id = a.person_id WHERE h.decryption_key_id = k.id) AS holders,"
        " (SELECT group_concat(h.account_id, ',') FROM decryption_key_holders h"
        " WHERE h.decryption_key_id = k.id) AS holder_accounts"
        " FROM decryption_keys k ORDER BY k.id DESC")


@operation("key.read")
def recipients_file(session: Session) -> str:
    """The text of a recipients file (导出接收公钥…): comment lines naming the unit, then the
    active recipients one per line; ``age -R`` and the station's 上级接收密钥 accept it.
    DecryptionKeyMissing when there is no active key."""
    recipients = active_recipients(session.store)
    if not recipients:
        raise DecryptionKeyMissing()
    unit = session.store.conn.execute("SELECT name, code FROM units WHERE id = ?",
                                      (session.unit_id,)).fetchone()
    name, code = (unit[0], unit[1] or "") if unit else ("", "")
    lines = [f"# 执法台账 FieldLedger 接收公钥（age X25519）：{name} {code}".rstrip(),
             "# 下级单位的报送包加密给下面的公钥，只有本单位能解密。", *recipients]
    return "\n".join(lines) + "\n"


@operation("key.decryption")
def create_decryption_key(session: Session, passphrase: str) -> Changes:
    """A new decryption key, held by the acting chief, sealed under ``passphrase`` (his login
    password, checked like ``keys.create_seal_key`` does). The active key, if any, is retired
    and kept (packages encrypted to it still open); its holders keep their copies. Units receive
    the new recipient with the next seal-key enrollment file.

    Raises ``key_unlock.KeyPassphraseWrong`` for a wrong password (nothing is created)."""
    keys._check_login_password(session, passphrase)
    from pyrage import x25519
    identity = x25519.Identity.generate()
    recipient = str(identity.to_public())
    sealed = _seal(str(identity), passphrase, recipient, session.account_id)
    del identity
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for (old_id,) in w.conn.execute("SELECT id FROM decryption_keys WHERE status = 'active'"
                                        ).fetchall():
            w.update("decryption_keys", old_id, {"status": "retired", "status_at": stamp})
        key_id = w.insert("decryption_keys", {
            "recipient": recipient, "status": "active", "created_at": stamp, "status_at": None,
            "account_id": session.account_id})
        w.insert("decryption_key_holders", {
            "decryption_key_id": key_id, "account_id": session.account_id,
            "sealed_key": sealed, "created_at": stamp, "updated_at": stamp})
    return w.changes


@operation("key.decryption")
def give_decryption_key(session: Session, passphrase: str, username: str, their_password: str, *,
                        clock: Callable[[], float] = time.time) -> Changes:
    """Give the chief ``username`` a copy of every decryption key the acting chief holds and he
    does not (the retired ones too, so he opens older packages as well).

    The holder types ``passphrase``; the new holder, at the same machine, types his own login
    password ``their_password``, checked like a login (with its throttle); his copies are sealed
    under it. Raises DecryptionKeyMissing (the actor holds none), ValidationError (not a chief,
    already holds them all), the login errors and the passphrase errors of
    :func:`unlock_identities`; nothing is given then.
    """
    from .session import login
    copies = _copies(session.store, session.account_id)
    if not copies:
        raise DecryptionKeyMissing()
    other = login(session.store, username, their_password, clock=clock)
    if Role.CHIEF not in other.roles:
        raise ValidationError(_NOT_CHIEF, name=other.username)
    held = {row[0] for row in session.store.conn.execute(
        "SELECT decryption_key_id FROM decryption_key_holders WHERE account_id = ?",
        (other.account_id,))}
    missing = {key_id: recipient for _h, key_id, recipient, _s, _b in copies
               if key_id not in held}
    if not missing:
        raise ValidationError(_ALREADY_HELD, name=other.username)
    identities = unlock_identities(session, passphrase, clock=clock)
    by_recipient = {_recipient_of(identity): identity for identity in identities}
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for key_id, recipient in sorted(missing.items()):
            identity = by_recipient.get(recipient)
            if identity is None:        # a copy the passphrase did not open: not given
                continue
            w.insert("decryption_key_holders", {
                "decryption_key_id": key_id, "account_id": other.account_id,
                "sealed_key": _seal(identity, their_password, recipient, other.account_id),
                "created_at": stamp, "updated_at": stamp})
    return w.changes


def _recipient_of(identity: str) -> str:
    from pyrage import x25519
    return str(x25519.Identity.from_str(identity).to_public())


# --- the login password changes --------------------------------------------------------------

def resealed_copies(session: Session, old_passphrase: str, new_passphrase: str
                    ) -> dict[int, str]:
    """The acting account's copies re-encrypted from ``old_passphrase`` to ``new_passphrase``
    (holder id -> new sealed copy); copies the old passphrase does not open are left out.
    Written by :func:`write_resealed` inside ``keys.rekey``'s transaction."""
    out: dict[int, str] = {}
    for holder_id, _k, recipient, _s, blob in _copies(session.store, session.account_id):
        identity = _open(blob, old_passphrase, recipient, session.account_id)
        if identity is not None:
            out[holder_id] = _seal(identity, new_passphrase, recipient, session.account_id)
    return out


def write_resealed(w: Writer, session: Session, resealed: dict[int, str], stamp: str) -> None:
    """Store the copies of :func:`resealed_copies` (audited) and reset the account's throttle."""
    for holder_id, blob in resealed.items():
        w.update("decryption_key_holders", holder_id, {"sealed_key": blob, "updated_at": stamp})
    if resealed:
        w.conn.execute("DELETE FROM key_unlock_attempts WHERE holder_id = ?",
                       (_slot(session.account_id),))
