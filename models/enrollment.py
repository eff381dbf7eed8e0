"""Public key files, enrollment files (密钥登记文件) and signing files in minisign's format.

Public key file
    :func:`public_key_file` gives the minisign ``.pub`` text of a stored key; its untrusted
    comment names the key's unit, person (or 单位签章) and fingerprint. With it anyone checks a
    file signed here with ``minisign -Vm <file> -p <key>.pub``.

Enrollment file
    :func:`enrollment_file` is what an upper office imports to learn which keys to trust for a
    unit: UTF-8 JSON of format :data:`FORMAT` with the unit, the key (public key, fingerprint,
    state, the person and his roles for a person key), the key's line of predecessors and the
    rotation and revocation statements about them (so a receiver that trusted an older key can
    follow the rotations), the installation id and the export time, and a proof of possession:
    ``proof.signature`` is the key's own Ed25519 signature over the canonical JSON (sorted keys,
    no whitespace, UTF-8, non-ASCII kept) of everything but ``proof``. Only the key's holder,
    typing his passphrase, can make one. :func:`read_enrollment` checks a file without a
    database: format, fields, key ids and fingerprints against the public keys, the proof, and
    every rotation of the line (signed by the old and the new key). A revocation signed by a key
    outside the file (the unit seal key revoking a person's key) is carried but not checked here.
    The file of a unit seal key also carries ``recipients``, the age recipients (``age1…``) of
    the unit's active decryption keys (models.office_keys), when it has any: covered by the
    proof, so a unit registering its office from the file encrypts to exactly those. Files
    without the field (older ones, units without a decryption key) stay valid.

Signing a file
    :func:`sign_file` signs a file with the acting person's key or the unit seal key and writes
    ``<file>.minisig`` beside it (minisign's prehashed form, the file read in 1 MiB chunks). The
    trusted comment says when, which file, which unit, who and which key. The signature is
    written to a temporary file in the same folder and renamed into place in the transaction
    that records the audit event ``file_signed``; a folder that is not writable or a full disk
    gives a clear error and leaves no signature behind.
"""
from __future__ import annotations

import base64
import binascii
import json
import time
from pathlib import Path
from typing import Any, Callable

from . import key_crypto, key_unlock, keys, minisign
from .audit import canonical
from .errors import ValidationError
from .files import remove_quietly, replace, write_temp
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, check, operation
from .session import UNIT_LEVELS, Session, now_text
from .store import Store

FORMAT = "fieldledger-enrollment/1"
SIGNATURE_SUFFIX = ".minisig"
#: An enrollment file larger than this is refused unread (a real one is a few kilobytes).
MAX_ENROLLMENT_BYTES = 1_000_000
#: The longest a name may be inside a minisign comment (bytes); longer ones are shortened.
MAX_NAME_BYTES = 600

_NOT_JSON = QT_TRANSLATE_NOOP(
    "errors", "无法读取密钥登记文件：它不是 UTF-8 编码的 JSON 文本。请确认选择的是单位导出的登记文件"
    "（.json），且文件未损坏。")
_TOO_LARGE = QT_TRANSLATE_NOOP(
    "errors", "文件太大（超过 {limit} 字节），不是密钥登记文件。请确认选择的是单位导出的登记文件。")
_WRONG_FORMAT = QT_TRANSLATE_NOOP(
    "errors", "这不是执法台账的密钥登记文件（格式标识应为 {expected}，文件中为“{found}”）。")
_BAD_FIELD = QT_TRANSLATE_NOOP(
    "errors", "密钥登记文件中“{field}”一项缺失或有误，无法采信。请向导出单位重新索取登记文件。")
_KEY_MISMATCH = QT_TRANSLATE_NOOP(
    "errors", "密钥登记文件中密钥 {key} 的编号或指纹与其公钥不符：文件已被改动，请勿采信。")
_BAD_PROOF = QT_TRANSLATE_NOOP(
    "errors", "密钥登记文件的自签名无效：文件在导出后被改动过，或不是由该密钥的持有人导出。"
    "请勿采信，并向导出单位核实。")
_BAD_CHAIN = QT_TRANSLATE_NOOP(
    "errors", "密钥登记文件中密钥 {key} 的更换或吊销记录不完整或签名无效，无法确认新旧密钥的关系。"
    "请勿采信，并向导出单位核实。")
_NO_PERSON = QT_TRANSLATE_NOOP(
    "errors", "该账号未关联人员，没有个人签名密钥。请管理员先为账号关联人员。")
_NO_OWN_KEY = QT_TRANSLATE_NOOP(
    "errors", "您还没有有效的签名密钥，请先在“设置 → 签名密钥”中生成。未签署任何内容。")
_NOT_A_FILE = QT_TRANSLATE_NOOP(
    "errors", "“{path}”不是文件（可能是文件夹），不能签署。请选择具体的文件。")
_UNREADABLE = QT_TRANSLATE_NOOP(
    "errors", "无法读取要签署的文件“{path}”：{reason}\n请检查文件是否存在、U 盘是否插好，以及是否有权限"
    "读取该文件。未签署任何内容。")

KIND_LABELS = {"person": QT_TRANSLATE_NOOP("keys", "个人签名密钥"),
               "seal": QT_TRANSLATE_NOOP("keys", "单位签章密钥")}


class EnrollmentInvalid(ValidationError):
    """An enrollment file that must not be trusted; the message says why."""

    template = _BAD_PROOF


# --- small helpers -------------------------------------------------------------------------------

def _one_line(text: str, limit: int = MAX_NAME_BYTES) -> str:
    """``text`` for a minisign comment: control characters (tab, line breaks) become spaces, and
    it is cut to at most ``limit`` UTF-8 bytes at a character boundary."""
    clean = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in str(text))
    data = clean.encode("utf-8")
    if len(data) <= limit:
        return clean
    return data[:limit].decode("utf-8", "ignore") + "…"


def _key_info(store: Store, key_id: str) -> dict[str, Any]:
    """The key row ``key_id`` with its person's and unit's names; KeyNotFound when missing."""
    rows = store.query(
        "SELECT k.*, p.name AS person_name, p.title AS person_title, u.name AS unit_name,"
        " u.code AS unit_code, u.level AS unit_level FROM signing_keys k"
        " LEFT JOIN people p ON p.id = k.person_id LEFT JOIN units u ON u.id = k.unit_id"
        " WHERE k.key_id = ?", (key_id,))
    if not rows:
        raise key_unlock.KeyNotFound(key=key_id)
    return rows[0]


def _raw_public(row: dict[str, Any]) -> bytes:
    return base64.b64decode(row["public_key"])


def _who(row: dict[str, Any]) -> str:
    """Who a key speaks for, as minisign comments name it."""
    return (row["person_name"] or "") if row["kind"] == "person" else "单位签章"


# --- public key file -----------------------------------------------------------------------------

def _public_key_comment(row: dict[str, Any], key: minisign.MinisignPublicKey) -> str:
    kind = "person key" if row["kind"] == "person" else "unit seal key"
    parts = [f"minisign public key {minisign.key_id_text(key.key_id)}", f"FieldLedger {kind}",
             f"unit: {_one_line(row['unit_name'] or '', 300)}"]
    if row["kind"] == "person":
        parts.append(f"person: {_one_line(row['person_name'] or '', 200)}")
    parts.append(f"fingerprint: {row['fingerprint']}")
    return "; ".join(parts)


@operation("key.read")
def public_key_file(session: Session, key_id: str) -> str:
    """The minisign ``.pub`` text of the stored key ``key_id`` (any state), whose untrusted
    comment names the unit, the person (for a person key) and the fingerprint."""
    row = _key_info(session.store, key_id)
    key = minisign.public_key_from_raw(_raw_public(row))
    return minisign.public_key_file(key, _public_key_comment(row, key))


# --- enrollment file -----------------------------------------------------------------------------

def _key_entry(row: dict[str, Any]) -> dict[str, Any]:
    public = _raw_public(row)
    return {"key_id": row["key_id"], "kind": row["kind"], "public_key": row["public_key"],
            "fingerprint": row["fingerprint"],
            "minisign_public_key": minisign.public_key_line(minisign.public_key_from_raw(public)),
            "status": row["status"], "created_at": row["created_at"],
            "retired_at": row["retired_at"], "revoked_at": row["revoked_at"]}


def _predecessors(store: Store, key_id: str) -> list[dict[str, Any]]:
    """The keys that ``key_id`` replaced, one rotation after another, oldest first."""
    line: list[dict[str, Any]] = []
    seen = {key_id}
    current = key_id
    while True:
        rows = store.query("SELECT * FROM signing_keys WHERE replaced_by = ?", (current,))
        if not rows or rows[0]["key_id"] in seen:
            return line
        line.insert(0, rows[0])
        seen.add(rows[0]["key_id"])
        current = rows[0]["key_id"]


def _statements(store: Store, key_ids: list[str]) -> list[dict[str, Any]]:
    marks = ",".join("?" for _ in key_ids)
    rows = store.query(f"SELECT kind, statement, signatures, created_at FROM key_statements"
                       f" WHERE key_id IN ({marks}) ORDER BY id", key_ids)
    return [{"kind": r["kind"], "statement": r["statement"],
             "signatures": json.loads(r["signatures"]), "created_at": r["created_at"]}
            for r in rows]


def _document(session: Session, row: dict[str, Any]) -> dict[str, Any]:
    """Everything of an enrollment file but its proof."""
    store = session.store
    key = _key_entry(row)
    if row["kind"] == "person":
        key["person"] = {"id": row["person_id"], "name": row["person_name"] or "",
                         "title": row["person_title"] or "",
                         "roles": sorted(r.value for r in session.roles)}
    else:
        key["person"] = None
    line = _predecessors(store, row["key_id"])
    document = {
        "format": FORMAT,
        "installation_id": store.installation_id,
        "unit": {"id": row["unit_id"], "name": row["unit_name"] or "",
                 "code": row["unit_code"] or "", "level": row["unit_level"] or ""},
        "key": key,
        "predecessors": [_key_entry(r) for r in line],
        "statements": _statements(store, [r["key_id"] for r in line] + [row["key_id"]]),
        "exported_at": now_text(),
    }
    if row["kind"] == "seal":
        from .office_keys import active_recipients
        recipients = active_recipients(store)
        if recipients:
            document["recipients"] = recipients
    return document


def signed_bytes(document: dict[str, Any]) -> bytes:
    """What the proof of an enrollment file signs: the canonical JSON of all but ``proof``."""
    return canonical({k: v for k, v in document.items() if k != "proof"}).encode("utf-8")


@operation("key.own")
def enrollment_file(session: Session, key_id: str, passphrase: str, *,
                    clock: Callable[[], float] = time.time) -> str:
    """The enrollment file (JSON text) of the active key ``key_id``, signed by the key itself.

    Only the key's holder makes it, with his passphrase: a person key's holder, or for the unit
    seal key a chief who holds it. A wrong passphrase raises the keys module's errors and nothing
    is made; the export is recorded as the audit event ``key_enrollment_exported``.
    """
    held = key_unlock._held(session.store, key_id, session.account_id)
    if held.kind == "seal":
        check(session, "key.seal")
    key_unlock._usable(held)
    row = _key_info(session.store, key_id)
    document = _document(session, row)
    with keys.unlock(session, key_id, passphrase, clock=clock) as sign:
        signature = sign(signed_bytes(document))
    document["proof"] = {"key_id": key_id,
                         "signature": base64.b64encode(signature).decode("ascii")}
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    read_enrollment(text)  # what we hand out must pass the receiver's check
    with session.store.write(session.actor) as w:
        w.event("key_enrollment_exported", f"signing_keys:{key_id}",
                {"exported_at": document["exported_at"]})
    return text


# --- reading an enrollment file ------------------------------------------------------------------

def _bad(field: str) -> EnrollmentInvalid:
    return EnrollmentInvalid(_BAD_FIELD, field=field)


def _get(obj: dict[str, Any], name: str, path: str, kind: Any, *,
         nullable: bool = False, nonempty: bool = False) -> Any:
    """``obj[name]`` when it has type ``kind`` (bool is no int), else EnrollmentInvalid."""
    value = obj.get(name) if isinstance(obj, dict) else None
    if value is None and nullable and isinstance(obj, dict) and name in obj:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)) \
            or (nonempty and not value):
        raise _bad(f"{path}{name}")
    return value


def _b64(text: str, size: int, field: str) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise _bad(field) from None
    if len(data) != size:
        raise _bad(field)
    return data


def _check_key(entry: dict[str, Any], path: str) -> bytes:
    """The raw public key of a key entry, after checking its fields and derived values."""
    key_id = _get(entry, "key_id", path, str, nonempty=True)
    kind = _get(entry, "kind", path, str)
    if kind not in KIND_LABELS:
        raise _bad(f"{path}kind")
    public = _b64(_get(entry, "public_key", path, str), 32, f"{path}public_key")
    fingerprint = _get(entry, "fingerprint", path, str)
    line = _get(entry, "minisign_public_key", path, str)
    status = _get(entry, "status", path, str)
    if status not in ("active", "retired", "revoked"):
        raise _bad(f"{path}status")
    _get(entry, "created_at", path, str, nonempty=True)
    for name in ("retired_at", "revoked_at"):
        _get(entry, name, path, str, nullable=True)
    if key_id != key_crypto.key_id_of(public) or fingerprint != key_crypto.fingerprint(public) \
            or line != minisign.public_key_line(minisign.public_key_from_raw(public)):
        raise EnrollmentInvalid(_KEY_MISMATCH, key=fingerprint or key_id)
    return public


def _check_person(key: dict[str, Any]) -> None:
    if key["kind"] == "seal":
        if key.get("person", 0) is not None:
            raise _bad("key.person")
        return
    person = _get(key, "person", "key.", dict)
    _get(person, "id", "key.person.", int)
    _get(person, "name", "key.person.", str, nonempty=True)
    _get(person, "title", "key.person.", str)
    roles = _get(person, "roles", "key.person.", list)
    if not all(isinstance(r, str) and r in {x.value for x in Role} for r in roles):
        raise _bad("key.person.roles")


def _check_statements(document: dict[str, Any], line: list[dict[str, Any]],
                      publics: dict[str, bytes]) -> None:
    """Every statement is well formed and signed by the keys of the line it names; each step
    of the line is a rotation from the older key to the next one, signed by both."""
    statements = _get(document, "statements", "", list)
    rotations: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(statements, 1):
        path = f"statements[{n}]."
        kind = _get(item, "kind", path, str)
        text = _get(item, "statement", path, str)
        sigs = _get(item, "signatures", path, dict)
        _get(item, "created_at", path, str)
        try:
            body = json.loads(text)
        except ValueError:
            raise _bad(f"{path}statement") from None
        if not isinstance(body, dict) or canonical(body) != text or body.get("type") != kind \
                or kind not in ("rotation", "revocation"):
            raise _bad(f"{path}statement")
        subject = body.get("old_key_id") if kind == "rotation" else body.get("key_id")
        if subject not in publics:
            raise _bad(f"{path}statement")
        if kind == "rotation":
            needed = {body.get("old_key_id"), body.get("new_key_id")}
            rotations[str(subject)] = body
        else:
            needed = {body.get("signed_by")}
        if set(sigs) != needed:
            raise EnrollmentInvalid(_BAD_CHAIN, key=str(subject))
        for signer, sig in sigs.items():
            public = publics.get(signer)
            if public is None and kind == "revocation" and signer != subject:
                continue  # signed by a key outside the file (the unit seal key)
            if public is None or not isinstance(sig, str) or not key_crypto.verify_signature(
                    public, _b64(sig, 64, f"{path}signatures"), text.encode("utf-8")):
                raise EnrollmentInvalid(_BAD_CHAIN, key=str(subject))
    for older, newer in zip(line, line[1:]):
        body = rotations.get(older["key_id"])
        if body is None or body.get("new_key_id") != newer["key_id"] \
                or body.get("new_public_key") != newer["public_key"] \
                or body.get("kind") != newer["kind"] or older["kind"] != newer["kind"]:
            raise EnrollmentInvalid(_BAD_CHAIN, key=older["fingerprint"])


def _check_recipients(document: dict[str, Any], key: dict[str, Any]) -> None:
    """``recipients`` (optional, seal keys only): a short list of age X25519 recipients."""
    if "recipients" not in document:
        return
    from .office_keys import MAX_RECIPIENTS, is_recipient
    recipients = _get(document, "recipients", "", list)
    if key["kind"] != "seal" or len(recipients) > MAX_RECIPIENTS \
            or len(set(map(str, recipients))) != len(recipients):
        raise _bad("recipients")
    for n, item in enumerate(recipients, 1):
        if not is_recipient(item):
            raise _bad(f"recipients[{n}]")


def read_enrollment(text: str | bytes) -> dict[str, Any]:
    """Parse and check an enrollment file (see the module doc); return its document.

    Raises :class:`EnrollmentInvalid` (a ValidationError with a Chinese message) for anything
    wrong: not JSON, another format, a missing or mistyped field, a key id or fingerprint that
    does not match its public key, a rotation chain that does not hold, a proof that does not
    verify. Needs no database.
    """
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_ENROLLMENT_BYTES:
            raise EnrollmentInvalid(_TOO_LARGE, limit=MAX_ENROLLMENT_BYTES)
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise EnrollmentInvalid(_NOT_JSON) from None
    if len(text.encode("utf-8", "surrogatepass")) > MAX_ENROLLMENT_BYTES:
        raise EnrollmentInvalid(_TOO_LARGE, limit=MAX_ENROLLMENT_BYTES)
    try:
        document = json.loads(text.removeprefix("\ufeff"))
    except ValueError:
        raise EnrollmentInvalid(_NOT_JSON) from None
    found = document.get("format") if isinstance(document, dict) else None
    if found != FORMAT:
        raise EnrollmentInvalid(_WRONG_FORMAT, expected=FORMAT, found=str(found or "")[:60])
    _get(document, "installation_id", "", str)
    _get(document, "exported_at", "", str, nonempty=True)
    unit = _get(document, "unit", "", dict)
    _get(unit, "id", "unit.", int)
    _get(unit, "name", "unit.", str, nonempty=True)
    _get(unit, "code", "unit.", str)
    if _get(unit, "level", "unit.", str) not in UNIT_LEVELS:
        raise _bad("unit.level")
    key = _get(document, "key", "", dict)
    public = _check_key(key, "key.")
    _check_person(key)
    predecessors = _get(document, "predecessors", "", list)
    publics = {key["key_id"]: public}
    for n, entry in enumerate(predecessors, 1):
        publics[_get(entry, "key_id", f"predecessors[{n}].", str)] = \
            _check_key(entry, f"predecessors[{n}].")
    if len(publics) != len(predecessors) + 1:
        raise _bad("predecessors")
    _check_recipients(document, key)
    proof = _get(document, "proof", "", dict)
    if _get(proof, "key_id", "proof.", str) != key["key_id"]:
        raise EnrollmentInvalid(_BAD_PROOF)
    signature = _b64(_get(proof, "signature", "proof.", str), 64, "proof.signature")
    if not key_crypto.verify_signature(public, signature, signed_bytes(document)):
        raise EnrollmentInvalid(_BAD_PROOF)
    _check_statements(document, [*predecessors, key], publics)
    return document


# --- signing a file ------------------------------------------------------------------------------

def _signing_key(session: Session, seal: bool) -> str:
    """The key the acting account signs files with (checked to be held by it)."""
    store = session.store
    if seal:
        check(session, "key.seal")
        return keys.held_seal_key(session)
    if session.person_id is None:
        raise ValidationError(_NO_PERSON)
    key_id = keys._active_key(store, "person", person_id=session.person_id)
    if key_id is None:
        raise ValidationError(_NO_OWN_KEY)
    return key_id


def trusted_comment(*, timestamp: int, file_name: str, row: dict[str, Any]) -> str:
    """The trusted comment of a file signature: tab-separated ``name:value`` fields."""
    return "\t".join([f"timestamp:{timestamp}", f"file:{_one_line(file_name)}",
                      f"unit:{_one_line(row['unit_name'] or '', 300)}",
                      f"signer:{_one_line(_who(row), 200)}", f"key:{row['fingerprint']}"])


@operation("key.own")
def sign_file(session: Session, path: str | Path, passphrase: str, *, seal: bool = False,
              clock: Callable[[], float] = time.time) -> Path:
    """Sign the file at ``path`` with the acting person's key, or with the unit seal key when
    ``seal`` (needs ``key.seal``), and write ``<path>.minisig`` beside it; return that path.

    ``minisign -Vm <path> -p <key>.pub`` checks it. A wrong passphrase raises the keys module's
    errors, an unreadable file or an unwritable folder a clear error; in each case no signature
    file is written (an existing one is left as it was).
    """
    path = Path(path)
    key_id = _signing_key(session, seal)
    row = _key_info(session.store, key_id)
    if path.exists() and not path.is_file():
        raise ValidationError(_NOT_A_FILE, path=str(path))
    try:
        digest = minisign.hash_file(path)
    except OSError as exc:
        raise ValidationError(_UNREADABLE, path=str(path), reason=exc.strerror or str(exc)) \
            from None
    target = path.with_name(path.name + SIGNATURE_SUFFIX)
    timestamp = int(clock())
    comment = trusted_comment(timestamp=timestamp, file_name=path.name, row=row)
    untrusted = f"signature from FieldLedger {row['kind']} key {row['fingerprint']}"
    with keys.unlock(session, key_id, passphrase, clock=clock) as sign:
        text = minisign.sign_prehashed_with(sign, _raw_public(row), digest,
                                            trusted_comment=comment, untrusted_comment=untrusted)
    tmp = write_temp(target, text.encode("utf-8"))
    try:
        with session.store.write(session.actor) as w:
            w.event("file_signed", f"signing_keys:{key_id}",
                    {"file": str(path), "blake2b_512": digest.hex(), "signature": str(target),
                     "trusted_comment": comment})
            replace(tmp, target)
    finally:
        remove_quietly(tmp)
    return target
