"""Signing keys: one Ed25519 key per person who signs, and the unit seal key (单位签章密钥):
how they are stored, their rotation and revocation statements, and the operations on them.

Storage
    ``signing_keys`` holds each key's public half, its fingerprint and its state (``active``,
    ``retired`` after a rotation, ``revoked``); :func:`stored_public_key` reads a public half back,
    checked against its key id and fingerprint. The private half is stored only in
    ``key_holders``, one encrypted copy per account that holds it (scrypt and ChaCha20-Poly1305,
    bound to its key id and holder account: :mod:`models.key_crypto`). The copy is REDACTED in
    audit images (only its SHA-256 is logged).

The passphrase is the holder's login password: changing one's password re-encrypts one's copies
in the same transaction (:func:`rekey`, called by ``accounts.change_own_password``). After an
administrator resets a password the copies still open with the *previous* password only; the
holder can type that one, or have the key revoked with the unit seal key and create a new one.

Unlocking
    :func:`models.key_unlock.unlock` decrypts a copy and yields a ``sign(data) -> signature``
    function, under the passphrase throttle; a wrong passphrase raises
    :class:`~models.key_unlock.KeyPassphraseWrong`. Both are importable from here too, as every
    signing operation uses them.

Rotation, revocation
    A rotation is a statement (canonical JSON: old key, new key and its public key, time,
    reason) signed by both the old and the new key; a revocation is a statement signed by the key
    itself, or by the unit seal key when the holder's passphrase is lost. Statements are kept in
    ``key_statements``; :func:`verify_statement` checks one.

The seal key is created by a chief and held by him; :func:`give_seal_key` gives a copy to a
second chief, who types his own login password on the same machine (it is checked like a login,
with its throttle), so the copy is encrypted under his passphrase and nobody else learns it.
"""
from __future__ import annotations

import base64
import json
import time
from typing import Any, Callable

from . import passwords, validate
from .audit import canonical
from .errors import FieldLedgerError, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .key_crypto import (
    Signer,
    _b64,
    _new_private,
    _signer,
    fingerprint,
    key_id_of,
    open_private,
    seal_private,
    verify_signature,
    wipe,
)
from .key_unlock import STATE_LABELS, KeyNotFound, KeyNotUsable, _held, _open, _usable
from .key_unlock import KeyPassphraseWrong as KeyPassphraseWrong
from .key_unlock import unlock as unlock
from .permissions import Role, check, operation
from .session import Session, now_text
from .store import Changes, Store, Writer


class SealKeyMissing(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "本单位尚无有效的单位签章密钥，或您不持有该密钥。")


# --- stored keys and statements ------------------------------------------------------------------

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
