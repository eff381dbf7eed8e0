"""Unlocking a held signing key: the errors a signer meets, the passphrase throttle and
:func:`unlock`.

:func:`unlock` decrypts the acting account's copy of an active key (:mod:`models.key_crypto`)
and yields a ``sign(data) -> signature`` function; the clear key lives only inside the block and
is wiped when it ends. A wrong passphrase raises :class:`KeyPassphraseWrong` and nothing is
signed; per copy, after the 3rd consecutive failure each try must wait 1, 2, 4 … seconds and at
the 5th the copy is locked for 15 minutes (the login throttle's rule, kept in
``key_unlock_attempts``). The throttle functions are shared with :mod:`models.office_keys`,
which counts the office's decryption identities in negative slots.

:func:`unlock` and :class:`KeyPassphraseWrong` are also importable from :mod:`models.keys`, which
stores the keys and holds the operations on them.
"""
from __future__ import annotations

import math
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from .errors import FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP
from .key_crypto import Signer, _signer, open_private
from .session import LOCK_AFTER, LOCK_SECONDS, MAX_DELAY, THROTTLE_AFTER, Session
from .store import Store


class KeyPassphraseWrong(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "签名密钥的口令（即您的登录密码）不正确，未签署任何内容。")


class KeyUnlockThrottled(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "签名密钥口令错误次数过多，请 {seconds} 秒后再试。未签署任何内容。")


class KeyUnlockLocked(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "签名密钥口令连续错误 {failures} 次，已临时锁定，{minutes} 分钟后可再试。"
        "未签署任何内容。")


class KeyNotFound(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "找不到签名密钥 {key}，或您不持有该密钥。")


class KeyNotUsable(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "签名密钥 {fingerprint} 已{state}，不能再用于签名。")


STATE_LABELS = {"retired": QT_TRANSLATE_NOOP("keys", "更换"),
                "revoked": QT_TRANSLATE_NOOP("keys", "吊销")}


# --- rows and throttle ---------------------------------------------------------------------------

class _Held:
    """A key row joined with the acting account's encrypted copy."""

    def __init__(self, row: tuple[Any, ...]) -> None:
        (self.id, self.key_id, self.kind, self.person_id, self.unit_id, self.public_key,
         self.fingerprint, self.status, self.holder_id, self.blob) = row


def _held(store: Store, key_id: str, account_id: int) -> _Held:
    row = store.conn.execute(
        "SELECT k.id, k.key_id, k.kind, k.person_id, k.unit_id, k.public_key, k.fingerprint,"
        " k.status, h.id, h.sealed_key FROM signing_keys k JOIN key_holders h"
        " ON h.signing_key_id = k.id AND h.account_id = ? WHERE k.key_id = ?",
        (account_id, key_id)).fetchone()
    if row is None:
        raise KeyNotFound(key=key_id)
    return _Held(row)


def check_unlock_throttle(store: Store, slot: int, now: float) -> int:
    """The consecutive failures counted for the throttle slot ``slot`` (a ``key_holders`` id;
    ``models.office_keys`` uses negative slots), or KeyUnlockLocked / KeyUnlockThrottled when the
    next try must wait."""
    state = store.conn.execute("SELECT failures, retry_after, locked_until FROM key_unlock_attempts"
                               " WHERE holder_id = ?", (slot,)).fetchone()
    failures, retry_after, locked_until = state if state else (0, None, None)
    if locked_until and now < locked_until:
        raise KeyUnlockLocked(failures=failures, minutes=math.ceil((locked_until - now) / 60))
    if retry_after and now < retry_after:
        raise KeyUnlockThrottled(seconds=math.ceil(retry_after - now))
    return 0 if locked_until and now >= locked_until else failures


def record_unlock_failure(session: Session, slot: int, subject: str, failures: int,
                          now: float) -> None:
    """Count one more wrong passphrase for the throttle slot ``slot`` (after ``failures``) and
    log the event ``key_unlock_failed`` about ``subject``."""
    failures += 1
    retry_after = now + min(2 ** (failures - THROTTLE_AFTER), MAX_DELAY) \
        if failures >= THROTTLE_AFTER else None
    locked_until = now + LOCK_SECONDS if failures >= LOCK_AFTER else None
    with session.store.write(session.actor) as w:
        w.conn.execute(
            "INSERT INTO key_unlock_attempts (holder_id, failures, last_failure, retry_after,"
            " locked_until) VALUES (?,?,?,?,?) ON CONFLICT(holder_id) DO UPDATE SET"
            " failures = excluded.failures, last_failure = excluded.last_failure,"
            " retry_after = excluded.retry_after, locked_until = excluded.locked_until",
            (slot, failures, now, retry_after, locked_until))
        w.event("key_unlock_failed", subject,
                {"failures": failures, "locked": locked_until is not None})


def clear_unlock_failures(session: Session, slot: int) -> None:
    """Forget the failures of the throttle slot ``slot`` (after a right passphrase)."""
    if session.store.conn.execute("SELECT 1 FROM key_unlock_attempts WHERE holder_id = ?",
                                  (slot,)).fetchone():
        with session.store.write(session.actor):
            session.store.conn.execute("DELETE FROM key_unlock_attempts WHERE holder_id = ?",
                                       (slot,))


# --- unlocking -----------------------------------------------------------------------------------

def _open(session: Session, held: _Held, passphrase: str, clock: Callable[[], float]) -> bytearray:
    """The clear private key of ``held`` (throttled; a failure is recorded, then raised)."""
    now = clock()
    failures = check_unlock_throttle(session.store, held.holder_id, now)
    private = open_private(held.blob, passphrase or "", held.key_id, session.account_id)
    if private is None:
        record_unlock_failure(session, held.holder_id, f"signing_keys:{held.key_id}", failures,
                              now)
        raise KeyPassphraseWrong()
    clear_unlock_failures(session, held.holder_id)
    return private


def _usable(held: _Held) -> None:
    if held.status != "active":
        raise KeyNotUsable(fingerprint=held.fingerprint, state=STATE_LABELS[held.status])


@contextmanager
def unlock(session: Session, key_id: str, passphrase: str, *,
           clock: Callable[[], float] = time.time) -> Iterator[Signer]:
    """Decrypt the acting account's copy of the active key ``key_id`` and yield ``sign(data)``.

    The clear key lives only inside the block (see the module doc). Raises
    :class:`KeyNotFound`, :class:`KeyNotUsable`, :class:`KeyPassphraseWrong` or a throttle error;
    in each case nothing is signed. Later signing operations build on this.
    """
    held = _held(session.store, key_id, session.account_id)
    _usable(held)
    with _signer(_open(session, held, passphrase, clock)) as sign:
        yield sign
