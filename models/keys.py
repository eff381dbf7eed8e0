"""Signing keys: one Ed25519 key per person who signs, and the unit seal key (单位签章密钥).

Storage
    ``signing_keys`` holds each key's public half, its fingerprint and its state (``active``,
    ``retired`` after a rotation, ``revoked``). The private half is stored only in ``key_holders``,
    one encrypted copy per account that holds it: scrypt (memory-hard, the cost of
    :data:`models.passwords.SCRYPT_N`) turns the holder's passphrase and a random salt into a
    256-bit key, and ChaCha20-Poly1305 with a random nonce encrypts the 32 raw private bytes. The
    associated data binds the copy to its key id and holder account, so a copy moved to another
    key or account does not open. The copy is REDACTED in audit images (only its SHA-256 is logged).

The passphrase is the holder's login password: changing one's password re-encrypts one's copies
in the same transaction (:func:`rekey`, called by ``accounts.change_own_password``). After an
administrator resets a password the copies still open with the *previous* password only; the
holder can type that one, or have the key revoked with the unit seal key and create a new one.

Unlocking
    :func:`unlock` decrypts a copy and yields a ``sign(data) -> signature`` function. The clear
    key is kept in a ``bytearray`` that is overwritten when the block ends, and the signer stops
    working. This is best effort: Python's ``bytes`` objects made on the way (the scrypt output,
    the AEAD's plaintext) cannot be overwritten, only dropped at once; OpenSSL clears its own copy
    when the key object is freed. Nothing clear is ever written to the database, a file or the log.
    A wrong passphrase raises :class:`KeyPassphraseWrong` and nothing is signed; per copy, after
    the 3rd consecutive failure each try must wait 1, 2, 4 … seconds and at the 5th the copy is
    locked for 15 minutes (the login throttle's rule, kept in ``key_unlock_attempts``).

Fingerprints, rotation, revocation
    A fingerprint is the first 10 bytes of SHA-256 of the raw public key in base32, grouped as
    ``XXXX-XXXX-XXXX-XXXX``: two people read it aloud to compare. A rotation is a statement
    (canonical JSON: old key, new key and its public key, time, reason) signed by both the old and
    the new key; a revocation is a statement signed by the key itself, or by the unit seal key
    when the holder's passphrase is lost. Statements are kept in ``key_statements``.

The seal key is created by a chief and held by him; :func:`give_seal_key` gives a copy to a
second chief, who types his own login password on the same machine (it is checked like a login,
with its throttle), so the copy is encrypted under his passphrase and nobody else learns it.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import secrets
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from . import passwords, validate
from .audit import canonical
from .errors import FieldLedgerError, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, check, operation
from .session import LOCK_AFTER, LOCK_SECONDS, MAX_DELAY, THROTTLE_AFTER, Session, now_text
from .store import Changes, Store, Writer

BLOB_VERSION = 1
Signer = Callable[[bytes], bytes]


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


class SealKeyMissing(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "本单位尚无有效的单位签章密钥，或您不持有该密钥。")


class KeyNotUsable(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "签名密钥 {fingerprint} 已{state}，不能再用于签名。")


STATE_LABELS = {"retired": QT_TRANSLATE_NOOP("keys", "更换"),
                "revoked": QT_TRANSLATE_NOOP("keys", "吊销")}


# --- pure helpers --------------------------------------------------------------------------------

def _b64(data: bytes | bytearray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def fingerprint(public_key: bytes) -> str:
    """``XXXX-XXXX-XXXX-XXXX``: base32 of the first 10 bytes of SHA-256 of the raw public key."""
    text = base64.b32encode(hashlib.sha256(public_key).digest()[:10]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def key_id_of(public_key: bytes) -> str:
    """The stable id of a key: 32 hex digits of SHA-256 of the raw public key."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def _aad(key_id: str, account_id: int) -> bytes:
    return canonical({"key_id": key_id, "holder": account_id}).encode("utf-8")


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal_private(private: bytearray, passphrase: str, key_id: str, account_id: int) -> str:
    """The encrypted copy (JSON text) of the raw private key ``private`` for ``account_id``."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    n, r, p = passwords.SCRYPT_N, passwords.SCRYPT_R, passwords.SCRYPT_P
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    box = ChaCha20Poly1305(_kek(passphrase, salt, n, r, p))
    sealed = box.encrypt(nonce, bytes(private), _aad(key_id, account_id))
    return canonical({"v": BLOB_VERSION, "kdf": "scrypt", "n": n, "r": r, "p": p,
                      "salt": _b64(salt), "aead": "chacha20poly1305", "nonce": _b64(nonce),
                      "ct": _b64(sealed)})


def open_private(blob: str, passphrase: str, key_id: str, account_id: int) -> bytearray | None:
    """The raw private key in a new ``bytearray`` (the caller wipes it), or None when the
    passphrase is wrong or the copy does not belong to ``key_id`` and ``account_id``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    data = json.loads(blob)
    box = ChaCha20Poly1305(_kek(passphrase, base64.b64decode(data["salt"]), int(data["n"]),
                                int(data["r"]), int(data["p"])))
    try:
        clear = box.decrypt(base64.b64decode(data["nonce"]), base64.b64decode(data["ct"]),
                            _aad(key_id, account_id))
    except InvalidTag:
        return None
    out = bytearray(clear)
    del clear
    return out


def wipe(buf: bytearray) -> None:
    """Overwrite ``buf`` with zeros (best effort; see the module doc)."""
    for i in range(len(buf)):
        buf[i] = 0


@contextmanager
def _signer(private: bytearray) -> Iterator[Signer]:
    """A signing function over ``private`` for the block; wipes ``private`` afterwards."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    state: dict[str, Any] = {"key": Ed25519PrivateKey.from_private_bytes(private)}

    def sign(data: bytes) -> bytes:
        key = state.get("key")
        if key is None:
            raise RuntimeError("the signing key is locked again")
        return key.sign(bytes(data))

    try:
        yield sign
    finally:
        state.clear()
        wipe(private)


def _new_private() -> tuple[bytearray, bytes]:
    """A fresh key: (raw private bytes in a bytearray, raw public key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    private = bytearray(raw)
    del raw
    return private, key.public_key().public_bytes_raw()


def verify_signature(public_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def stored_public_key(conn: Any, key_id: str) -> tuple[bytes, dict[str, Any]] | None:
    """The raw public key stored for ``key_id`` and its row (kind, person_id, unit_id, status),
    or None when there is no such key or the stored public key does not hash to ``key_id`` and
    its fingerprint (a key swapped behind the app's back)."""
    row = conn.execute("SELECT public_key, fingerprint, kind, person_id, unit_id, status"
                       " FROM signing_keys WHERE key_id = ?", (key_id,)).fetchone()
    if row is None:
        return None
    try:
        public = base64.b64decode(row[0], validate=True)
    except (ValueError, TypeError):
        return None
    if len(public) != 32 or key_id_of(public) != key_id or fingerprint(public) != row[1]:
        return None
    return public, {"kind": row[2], "person_id": row[3], "unit_id": row[4], "status": row[5]}


def verify_statement(store: Store, statement_id: int) -> bool:
    """True when every signature of statement ``statement_id`` verifies with its key's public
    key (from ``signing_keys``, bound to its key id; for a rotation the new key's public key in
    the statement must also be the stored one), the statement is about the key it is filed
    under, and it names the signers it must: both keys for a rotation; for a revocation the key
    itself or the seal key of the same unit. Anything malformed is simply not valid."""
    row = store.conn.execute("SELECT kind, key_id, statement, signatures FROM key_statements"
                             " WHERE id = ?", (statement_id,)).fetchone()
    if row is None:
        return False
    kind, filed_under, text = row[0], row[1], row[2]
    try:
        sigs = json.loads(row[3])
        body = json.loads(text)
        if not isinstance(sigs, dict) or not isinstance(body, dict) or body.get("type") != kind:
            return False
        if kind == "rotation":
            if body["old_key_id"] != filed_under:
                return False
            needed = {body["old_key_id"], body["new_key_id"]}
        else:
            if body["key_id"] != filed_under:
                return False
            needed = {body["signed_by"]}
        if set(sigs) != needed:
            return False
        subject = stored_public_key(store.conn, filed_under)
        for key_id, sig in sigs.items():
            found = stored_public_key(store.conn, key_id)
            if found is None:
                return False
            public, info = found
            if kind == "revocation" and key_id != filed_under and (
                    info["kind"] != "seal" or subject is None
                    or info["unit_id"] != subject[1]["unit_id"]):
                return False
            if kind == "rotation" and key_id == body["new_key_id"] and \
                    _b64(public) != body["new_public_key"]:
                return False
            if not verify_signature(public, base64.b64decode(sig, validate=True),
                                    text.encode("utf-8")):
                return False
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


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


# --- operations ----------------------------------------------------------------------------------

def _insert_key(w: Writer, session: Session, *, kind: str, person_id: int | None,
                private: bytearray, public: bytes, passphrase: str, stamp: str) -> str:
    key_id = key_id_of(public)
    row_id = w.insert("signing_keys", {
        "key_id": key_id, "kind": kind, "person_id": person_id, "unit_id": session.unit_id,
        "public_key": _b64(public), "fingerprint": fingerprint(public), "status": "active",
        "account_id": session.account_id, "created_at": stamp, "retired_at": None,
        "replaced_by": None, "revoked_at": None})
    w.insert("key_holders", {
        "signing_key_id": row_id, "account_id": session.account_id,
        "sealed_key": seal_private(private, passphrase, key_id, session.account_id),
        "created_at": stamp, "updated_at": stamp})
    return key_id


def _check_login_password(session: Session, passphrase: str) -> None:
    stored = session.store.conn.execute("SELECT password_hash FROM accounts WHERE id = ?",
                                        (session.account_id,)).fetchone()
    if stored is None or not passwords.check_password(passphrase or "", stored[0]):
        raise KeyPassphraseWrong()


def _active_key(store: Store, kind: str, *, person_id: int | None = None,
                unit_id: int | None = None) -> str | None:
    if kind == "person":
        row = store.conn.execute("SELECT key_id FROM signing_keys WHERE kind = 'person' AND"
                                 " person_id = ? AND status = 'active'", (person_id,)).fetchone()
    else:
        row = store.conn.execute("SELECT key_id FROM signing_keys WHERE kind = 'seal' AND"
                                 " unit_id = ? AND status = 'active'", (unit_id,)).fetchone()
    return row[0] if row else None


def held_seal_key(session: Session) -> str:
    """The key id of the unit's active seal key, when the acting account holds a copy of it;
    :class:`SealKeyMissing` otherwise (none, or held by another chief only)."""
    key_id = _active_key(session.store, "seal", unit_id=session.unit_id)
    if key_id is None or not session.store.conn.execute(
            "SELECT 1 FROM key_holders h JOIN signing_keys k ON k.id = h.signing_key_id"
            " WHERE k.key_id = ? AND h.account_id = ?",
            (key_id, session.account_id)).fetchone():
        raise SealKeyMissing()
    return key_id


@operation("key.read")
def list_keys(session: Session) -> list[dict[str, Any]]:
    """Every key's public data (never a private copy), with ``holders`` (the holders' names,
    joined by 、) and ``holder_accounts`` (their account ids, comma-separated)."""
    return session.store.query(
        "SELECT k.id, k.key_id, k.kind, k.person_id, p.name AS person_name, k.unit_id,"
        " k.public_key, k.fingerprint, k.status, k.created_at, k.retired_at, k.replaced_by,"
        " k.revoked_at, (SELECT group_concat(coalesce(hp.name, a.username), '、')"
        " FROM key_holders h JOIN accounts a ON a.id = h.account_id LEFT JOIN people hp"
        " ON hp.id = a.person_id WHERE h.signing_key_id = k.id) AS holders,"
        " (SELECT group_concat(h.account_id, ',') FROM key_holders h"
        " WHERE h.signing_key_id = k.id) AS holder_accounts"
        " FROM signing_keys k LEFT JOIN people p ON p.id = k.person_id ORDER BY k.id")


@operation("key.read")
def list_statements(session: Session, key_id: str | None = None) -> list[dict[str, Any]]:
    """Rotation and revocation statements (all, or those about ``key_id``), each with ``valid``:
    whether its signatures verify."""
    rows = session.store.query(
        "SELECT id, kind, key_id, statement, signatures, account_id, created_at"
        " FROM key_statements WHERE ? IS NULL OR key_id = ? ORDER BY id", (key_id, key_id))
    for row in rows:
        row["valid"] = verify_statement(session.store, row["id"])
    return rows


@operation("key.own")
def create_own_key(session: Session, passphrase: str) -> Changes:
    """The acting person's signing key, encrypted with ``passphrase`` (their login password)."""
    if session.person_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "该账号未关联人员，不能生成个人签名密钥。请管理员先为账号关联人员。"))
    if _active_key(session.store, "person", person_id=session.person_id):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "您已有有效的签名密钥；如需换用新密钥，请使用“更换密钥”。"))
    _check_login_password(session, passphrase)
    private, public = _new_private()
    try:
        with session.store.write(session.actor) as w:
            _insert_key(w, session, kind="person", person_id=session.person_id, private=private,
                        public=public, passphrase=passphrase, stamp=now_text())
    finally:
        wipe(private)
    return w.changes


@operation("key.seal")
def create_seal_key(session: Session, passphrase: str) -> Changes:
    """The unit seal key of the acting chief's unit, held by him (one active per unit)."""
    if _active_key(session.store, "seal", unit_id=session.unit_id):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "本单位已有有效的单位签章密钥；如需换用新密钥，请使用“更换密钥”。"))
    _check_login_password(session, passphrase)
    private, public = _new_private()
    try:
        with session.store.write(session.actor) as w:
            _insert_key(w, session, kind="seal", person_id=None, private=private, public=public,
                        passphrase=passphrase, stamp=now_text())
    finally:
        wipe(private)
    return w.changes


@operation("key.seal")
def give_seal_key(session: Session, passphrase: str, username: str, their_password: str, *,
                  clock: Callable[[], float] = time.time) -> Changes:
    """Give a copy of the unit seal key to the chief ``username``.

    The holder types ``passphrase``; the new holder, present at the same machine, types his own
    login password ``their_password``, checked like a login (with its throttle). The copy is
    encrypted under it, so each chief's copy opens with his own passphrase.
    """
    from .session import login
    key_id = _active_key(session.store, "seal", unit_id=session.unit_id)
    if key_id is None:
        raise SealKeyMissing()
    held = _held(session.store, key_id, session.account_id)
    other = login(session.store, username, their_password, clock=clock)
    if Role.CHIEF not in other.roles:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "单位签章密钥只能交给负责人，账号“{name}”不是负责人。"), name=other.username)
    if session.store.conn.execute("SELECT 1 FROM key_holders WHERE signing_key_id = ? AND"
                                  " account_id = ?", (held.id, other.account_id)).fetchone():
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "账号“{name}”已持有单位签章密钥。"), name=other.username)
    private = _open(session, held, passphrase, clock)
    try:
        stamp = now_text()
        with session.store.write(session.actor) as w:
            w.insert("key_holders", {
                "signing_key_id": held.id, "account_id": other.account_id,
                "sealed_key": seal_private(private, their_password, key_id, other.account_id),
                "created_at": stamp, "updated_at": stamp})
    finally:
        wipe(private)
    return w.changes


def _statement_row(w: Writer, session: Session, kind: str, key_id: str, body: dict[str, Any],
                   signers: list[tuple[str, Signer]]) -> int:
    text = canonical(body)
    sigs = {kid: _b64(sign(text.encode("utf-8"))) for kid, sign in signers}
    return int(w.insert("key_statements", {
        "kind": kind, "key_id": key_id, "statement": text, "signatures": canonical(sigs),
        "account_id": session.account_id, "created_at": body["time"]}))


@operation("key.own")
def rotate_key(session: Session, key_id: str, passphrase: str, reason: str, *,
               clock: Callable[[], float] = time.time) -> Changes:
    """Replace the active key ``key_id`` held by the acting account with a new one.

    The statement (old key, new key and its public key, time, reason) is signed by both keys; the
    old key becomes ``retired``. A seal key needs the seal permission; only the rotating chief
    holds the new seal key (give it to the other chiefs again).
    """
    held = _held(session.store, key_id, session.account_id)
    if held.kind == "seal":
        check(session, "key.seal")
    _usable(held)
    reason = validate.text(reason, "说明", limit=500)
    old_private = _open(session, held, passphrase, clock)
    new_private, public = _new_private()
    try:
        stamp = now_text()
        new_id = key_id_of(public)
        body = {"type": "rotation", "kind": held.kind, "unit_id": held.unit_id,
                "person_id": held.person_id, "old_key_id": key_id,
                "old_fingerprint": held.fingerprint, "new_key_id": new_id,
                "new_public_key": _b64(public), "new_fingerprint": fingerprint(public),
                "time": stamp, "reason": reason}
        with _signer(old_private) as old_sign, _signer(bytearray(new_private)) as new_sign, \
                session.store.write(session.actor) as w:
            _insert_key(w, session, kind=held.kind, person_id=held.person_id,
                        private=new_private, public=public, passphrase=passphrase, stamp=stamp)
            _statement_row(w, session, "rotation", key_id, body,
                           [(key_id, old_sign), (new_id, new_sign)])
            w.update("signing_keys", held.id, {"status": "retired", "retired_at": stamp,
                                               "replaced_by": new_id})
    finally:
        wipe(old_private)
        wipe(new_private)
    return w.changes


def _revoke(w: Writer, session: Session, target: tuple[int, str], reason: str,
            signer: tuple[str, Signer]) -> None:
    row_id, key_id = target
    stamp = now_text()
    body = {"type": "revocation", "key_id": key_id, "signed_by": signer[0], "time": stamp,
            "reason": reason}
    _statement_row(w, session, "revocation", key_id, body, [signer])
    w.update("signing_keys", row_id, {"status": "revoked", "revoked_at": stamp})
    for (holder_id,) in w.conn.execute("SELECT id FROM key_holders WHERE signing_key_id = ?",
                                       (row_id,)).fetchall():
        w.delete("key_holders", holder_id)  # a revoked key never signs again


@operation("key.own")
def revoke_key(session: Session, key_id: str, passphrase: str, reason: str, *,
               clock: Callable[[], float] = time.time) -> Changes:
    """Revoke the key ``key_id`` held by the acting account, by a statement signed by the key
    itself. Its encrypted copies are deleted. A seal key needs the seal permission."""
    held = _held(session.store, key_id, session.account_id)
    if held.kind == "seal":
        check(session, "key.seal")
    if held.status == "revoked":
        _usable(held)
    reason = validate.text(reason, "说明", limit=500)
    with _signer(_open(session, held, passphrase, clock)) as sign, \
            session.store.write(session.actor) as w:
        _revoke(w, session, (held.id, key_id), reason, (key_id, sign))
    return w.changes


@operation("key.seal")
def revoke_key_by_seal(session: Session, key_id: str, passphrase: str, reason: str, *,
                       clock: Callable[[], float] = time.time) -> Changes:
    """Revoke a person's key of the chief's unit whose holder lost his passphrase (or left): the
    statement is signed with the unit seal key, which the acting chief unlocks with ``passphrase``."""
    row = session.store.conn.execute(
        "SELECT id, status, fingerprint, kind FROM signing_keys WHERE key_id = ? AND unit_id = ?",
        (key_id, session.unit_id)).fetchone()
    if row is None or row[3] != "person":
        raise KeyNotFound(key=key_id)
    if row[1] == "revoked":
        raise KeyNotUsable(fingerprint=row[2], state=STATE_LABELS["revoked"])
    reason = validate.text(reason, "说明", limit=500)
    seal_id = _active_key(session.store, "seal", unit_id=session.unit_id)
    if seal_id is None:
        raise SealKeyMissing()
    seal = _held(session.store, seal_id, session.account_id)
    with _signer(_open(session, seal, passphrase, clock)) as sign, \
            session.store.write(session.actor) as w:
        _revoke(w, session, (row[0], key_id), reason, (seal_id, sign))
    return w.changes


def rekey(session: Session, old_passphrase: str, new_passphrase: str, *,
          writer: Writer | None = None) -> int:
    """Re-encrypt every copy the acting account holds from ``old_passphrase`` to
    ``new_passphrase``; return how many were re-encrypted.

    Not an operation of its own: the passphrase is the login password, so this runs inside
    ``accounts.change_own_password`` (pass its ``writer`` to share the transaction). A copy the
    old password does not open (one encrypted before an administrator's reset) is left as it is.
    The copies of the office's decryption keys (``models.office_keys``) are re-encrypted in the
    same transaction.
    """
    from . import office_keys
    resealed = office_keys.resealed_copies(session, old_passphrase, new_passphrase)
    rows = session.store.conn.execute(
        "SELECT h.id, k.key_id, h.sealed_key FROM key_holders h JOIN signing_keys k"
        " ON k.id = h.signing_key_id WHERE h.account_id = ?", (session.account_id,)).fetchall()
    updates: dict[int, str] = {}
    for holder_id, key_id, blob in rows:
        private = open_private(blob, old_passphrase, key_id, session.account_id)
        if private is None:
            continue
        try:
            updates[holder_id] = seal_private(private, new_passphrase, key_id, session.account_id)
        finally:
            wipe(private)
    if not updates and not resealed:
        return 0
    stamp = now_text()

    def write(w: Writer) -> None:
        for holder_id, blob in updates.items():
            w.update("key_holders", holder_id, {"sealed_key": blob, "updated_at": stamp})
            w.conn.execute("DELETE FROM key_unlock_attempts WHERE holder_id = ?", (holder_id,))
        office_keys.write_resealed(w, session, resealed, stamp)

    if writer is not None:
        write(writer)
    else:
        with session.store.write(session.actor) as w:
            write(w)
    return len(updates) + len(resealed)
