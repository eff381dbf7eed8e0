"""责任人签字: the responsible person signs his own ledger rows, and the status of a signature.

What a signature covers (see docs/signatures.md, "What a signature covers")
    :func:`row_content` is the canonical content of one problem row: the fields of
    :data:`CONTENT_FIELDS` plus ``format`` = :data:`CONTENT_FORMAT`, as UTF-8 JSON with sorted
    keys and no whitespace, every string NFC-normalized. Its SHA-256 goes into a small canonical
    envelope (:func:`envelope`) naming the meaning (责任人确认), the subject (``problem:<id>``), the
    signer, his role and key and the time; the Ed25519 signature is over the envelope's bytes.

Status of a row's signature (:func:`row_signature_status`, newest signature of the row)
    ``unsigned``; ``valid`` (signature verifies and the row's content is what was signed);
    ``stale`` (the row changed since, through the app: every change is in the audit log after the
    signature and the row equals its newest audited image); ``invalid`` (the signature or envelope
    does not verify, or the row differs from what was signed without an audited change, e.g. an
    edit made with the ``sqlite3`` tool).
"""
from __future__ import annotations

import base64
import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from . import audit, key_crypto, keys
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, operation
from .session import Session, now_text
from .store import Changes

CONTENT_FORMAT = "fieldledger-row-confirm/1"
MEANING = "责任人确认"

#: Content key -> problems column (the person's name comes from ``people``).
CONTENT_FIELDS: dict[str, str] = {
    "campaign_id": "campaign_id",             # 专项行动
    "unit_id": "unit_id",                     # 单位
    "seq_no": "seq_no",                       # 序号
    "category": "category",                   # 问题方面
    "issue": "issue",                         # 存在问题
    "manifestation": "manifestation",         # 具体表现
    "measures": "measures",                   # 整改措施
    "responsible_dept": "responsible_dept",   # 责任部门
    "responsible_person_id": "responsible_person_id",  # 责任人
    "deadline": "deadline",                   # 整改时限
    "completion": "completion",               # 整改完成情况
    "effective": "effective",                 # 是否取得预期成效
    "rebound": "rebound",                     # 是否出现反弹
    "rebound_measures": "rebound_measures",   # 反弹问题整改措施和完成情况
    "status": "status",                       # 状态
}

#: Content key -> its label in the ledger (shown for "what changed since signing").
CONTENT_LABELS: dict[str, str] = {
    "campaign_id": QT_TRANSLATE_NOOP("signing", "专项行动"),
    "unit_id": QT_TRANSLATE_NOOP("signing", "单位"),
    "seq_no": QT_TRANSLATE_NOOP("signing", "序号"),
    "category": QT_TRANSLATE_NOOP("signing", "问题方面"),
    "issue": QT_TRANSLATE_NOOP("signing", "存在问题"),
    "manifestation": QT_TRANSLATE_NOOP("signing", "具体表现"),
    "measures": QT_TRANSLATE_NOOP("signing", "整改措施"),
    "responsible_dept": QT_TRANSLATE_NOOP("signing", "责任部门"),
    "responsible_person_id": QT_TRANSLATE_NOOP("signing", "责任人"),
    "responsible_person_name": QT_TRANSLATE_NOOP("signing", "责任人姓名"),
    "deadline": QT_TRANSLATE_NOOP("signing", "整改时限"),
    "completion": QT_TRANSLATE_NOOP("signing", "整改完成情况"),
    "effective": QT_TRANSLATE_NOOP("signing", "是否取得预期成效"),
    "rebound": QT_TRANSLATE_NOOP("signing", "是否出现反弹"),
    "rebound_measures": QT_TRANSLATE_NOOP("signing", "反弹问题整改措施和完成情况"),
    "status": QT_TRANSLATE_NOOP("signing", "问题状态"),
    "format": QT_TRANSLATE_NOOP("signing", "格式"),
}

_ROLE_ORDER = (Role.CHIEF, Role.REVIEWER, Role.OFFICER)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def canonical_bytes(value: dict[str, Any]) -> bytes:
    """UTF-8 JSON of ``value``: sorted keys, no whitespace, strings NFC, non-ASCII kept."""
    return audit.canonical(_nfc(value)).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_of(row: dict[str, Any], person_name: str | None) -> dict[str, Any]:
    """The signed content of a problems row (a dict of its columns) and its 责任人's name."""
    out: dict[str, Any] = {key: row.get(col) for key, col in CONTENT_FIELDS.items()}
    out["responsible_person_name"] = person_name
    out["format"] = CONTENT_FORMAT
    return out


def _person_name(conn: Any, person_id: Any) -> str | None:
    if person_id is None:
        return None
    row = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    return row[0] if row else None


def row_content(conn: Any, problem_id: int) -> dict[str, Any] | None:
    """The current canonical content of problem ``problem_id`` as a dict; None when gone."""
    cur = conn.execute("SELECT * FROM problems WHERE id = ?", (problem_id,))
    values = cur.fetchone()
    if values is None:
        return None
    row = dict(zip([d[0] for d in cur.description], values))
    return content_of(row, _person_name(conn, row["responsible_person_id"]))


def content_text(content: dict[str, Any]) -> str:
    return canonical_bytes(content).decode("utf-8")


def envelope(*, subject: str, content_sha256: str, person_id: int, person_name: str,
             role: str, key_id: str, signed_at: str) -> str:
    """The canonical envelope (text) whose UTF-8 bytes are signed."""
    return canonical_bytes({
        "format": CONTENT_FORMAT, "meaning": MEANING, "subject": subject,
        "content_sha256": content_sha256, "signer": {"person_id": person_id,
                                                     "name": person_name},
        "role": role, "key_id": key_id, "signed_at": signed_at}).decode("utf-8")


def _role(session: Session) -> str:
    for role in _ROLE_ORDER:
        if role in session.roles:
            return role.value
    return ""


@operation("problem.sign_own")
def sign_rows(session: Session, problem_ids: Iterable[int], passphrase: str,
              expected_sha256: Mapping[int, str] | None = None) -> Changes:
    """Sign each problem of ``problem_ids`` with the acting person's active key (责任人确认).

    All or nothing: a problem that is missing or whose 责任人 is not the acting person raises
    :class:`ValidationError` naming it; a wrong passphrase raises the keys module's error; when
    ``expected_sha256`` (problem id -> the content hash the signer was shown) is given and a row's
    content no longer has that hash, :class:`ValidationError`; in each case nothing is signed.
    """
    ids = sorted({int(i) for i in problem_ids})
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "请选择要签字确认的问题。"))
    if session.person_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "该账号未关联人员，不能签字确认。请管理员先为账号关联人员。"))
    conn = session.store.conn
    _check_own(conn, session, ids)   # before the passphrase is asked for: fail early
    key_id = keys._active_key(session.store, "person", person_id=session.person_id)
    if key_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "您还没有有效的签名密钥，请先生成个人签名密钥。未签署任何内容。"))
    name = _person_name(conn, session.person_id) or ""
    role = _role(session)
    with keys.unlock(session, key_id, passphrase) as sign:
        stamp = now_text()
        with session.store.write(session.actor) as w:
            _check_own(w.conn, session, ids)   # again, inside the transaction
            newest = newest_signatures(w.conn, ids)
            signed = 0
            for pid in ids:
                content = content_text(row_content(w.conn, pid) or {})
                digest = sha256_hex(content.encode("utf-8"))
                if expected_sha256 is not None and expected_sha256.get(pid) != digest:
                    raise ValidationError(QT_TRANSLATE_NOOP(
                        "errors", "问题 {id} 在您核对之后又有改动，未签署任何内容。"
                        "请重新打开签字窗口，核对后再签。"), id=pid)
                if pid in newest and newest[pid]["content_sha256"] == digest and \
                        signature_status(w.conn, pid, newest[pid])["status"] == "valid":
                    continue   # already signed as it is (a second dialog, a double click)
                subject = f"problem:{pid}"
                env = envelope(subject=subject, content_sha256=digest,
                               person_id=session.person_id, person_name=name, role=role,
                               key_id=key_id, signed_at=stamp)
                sig = base64.b64encode(sign(env.encode("utf-8"))).decode("ascii")
                # the insert below is logged as the next audit entry
                seq = audit.head(w.conn)[0] + 1
                w.insert("signatures", {
                    "meaning": MEANING, "subject": subject, "content": content,
                    "content_sha256": digest, "envelope": env, "signature": sig,
                    "key_id": key_id, "account_id": session.account_id,
                    "person_id": session.person_id, "signed_at": stamp, "audit_seq": seq})
                signed += 1
            if not signed:
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "errors", "所选问题都已有有效的签字，无需重复签字。"))
    return w.changes


def _check_own(conn: Any, session: Session, ids: list[int]) -> None:
    """Every problem of ``ids`` exists and its 责任人 is the acting person."""
    for pid in ids:
        row = conn.execute("SELECT seq_no, responsible_person_id FROM problems WHERE id = ?",
                           (pid,)).fetchone()
        if row is None:
            raise NotFound(what="问题", key=pid)
        if row[1] != session.person_id:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "问题 {id}（序号 {seq}）的责任人不是您，只能签字确认本人负责的问题。"
                "未签署任何内容。"), id=pid, seq=row[0])


def stored_at(conn: Any, table: str, sig_row: dict[str, Any]) -> int | None:
    """The audit sequence number of the entry that stored ``sig_row`` (a row of ``table``), or
    None when no insert entry is logged for it or the row no longer is what was logged. The
    ``audit_seq`` column is a hint only: this is what revocation and staleness are judged by."""
    found = conn.execute("SELECT seq, after FROM audit_log WHERE tbl = ? AND row_key = ?"
                         " AND action = 'insert' ORDER BY seq LIMIT 1",
                         (table, str(sig_row["id"]))).fetchone()
    if found is None or found[1] != audit.row_image(conn, table, sig_row["id"]):
        return None
    return int(found[0])


def verifies(sig_row: dict[str, Any], problem_id: int,
             public_key: Callable[[str], tuple[bytes, dict[str, Any]] | None]) -> bool:
    """The stored signature verifies over the stored envelope with the key's public key (bound to
    its key id), and the envelope matches the stored content, subject, key, signer and time.

    ``public_key(key_id)`` gives the key as :func:`models.keys.stored_public_key` does (raw public
    key and its row: kind, person_id, unit_id, status), or None for a key not to be trusted."""
    try:
        env = json.loads(sig_row["envelope"])
        if sig_row["envelope"] != canonical_bytes(env).decode("utf-8"):
            return False
        if env.get("format") != CONTENT_FORMAT or env.get("meaning") != MEANING \
                or sig_row["meaning"] != MEANING \
                or env.get("subject") != f"problem:{problem_id}" \
                or env.get("key_id") != sig_row["key_id"] \
                or env.get("signed_at") != sig_row["signed_at"] \
                or (env.get("signer") or {}).get("person_id") != sig_row["person_id"] \
                or env.get("content_sha256") != sig_row["content_sha256"] \
                or sha256_hex(sig_row["content"].encode("utf-8")) != sig_row["content_sha256"]:
            return False
        found = public_key(sig_row["key_id"])
        if found is None or found[1]["kind"] != "person" \
                or found[1]["person_id"] != sig_row["person_id"]:
            return False
        return key_crypto.verify_signature(found[0],
                                     base64.b64decode(sig_row["signature"], validate=True),
                                     sig_row["envelope"].encode("utf-8"))
    except (ValueError, TypeError, AttributeError):
        return False


def _without_name(text: str | None) -> str | None:
    """A content text with the 责任人's name left out (a rename is judged on its own)."""
    if text is None:
        return None
    content = json.loads(text)
    content.pop("responsible_person_name", None)
    return content_text(content)


def _image_content(image: str | None) -> str | None:
    """The signed content (without the name) of an audited image of a problems row."""
    if image is None:
        return None
    return content_text({k: v for k, v in content_of(json.loads(image), None).items()
                         if k != "responsible_person_name"})


def _explained(conn: Any, problem_id: int, signed: str, seq: int) -> int | None:
    """:func:`history_explains` over this installation's audit log and problems row."""
    key = str(problem_id)
    base = conn.execute("SELECT after FROM audit_log WHERE tbl = 'problems' AND row_key = ?"
                        " AND seq <= ? ORDER BY seq DESC LIMIT 1", (key, seq)).fetchone()
    later = conn.execute("SELECT action, before, after FROM audit_log WHERE tbl = 'problems'"
                         " AND row_key = ? AND seq > ? ORDER BY seq", (key, seq)).fetchall()
    return history_explains(signed, base[0] if base else None, later,
                            audit.row_image(conn, "problems", problem_id))


def history_explains(signed: str, base: str | None,
                     later: Iterable[tuple[str, str | None, str | None]],
                     current: str | None) -> int | None:
    """How many audited updates since a signature changed the row's signed content, when its
    audited history accounts for its present state; else None.

    ``signed`` is the signed content; ``base`` the row's audited image logged at or before the
    entry that stored the signature; ``later`` the (action, before, after) of the row's entries
    after it, in order; ``current`` the row's image now. Accounted for: ``base`` has the signed
    content (the name aside), each later update's "before" is the previous "after" (no change
    slipped in between), and the newest image is the row as it is now."""
    if base is None or _image_content(base) != _without_name(signed):
        return None
    previous, count = base, 0
    for action, before, after in later:
        if action != "update" or before != previous:
            return None
        if _image_content(after) != _image_content(previous):
            count += 1
        previous = after
    if previous != current:
        return None
    return count


def _name_explained(conn: Any, person_id: Any) -> bool:
    """The person's row (so his name) is what the audit log last recorded for it."""
    if person_id is None:
        return True
    newest = conn.execute("SELECT after FROM audit_log WHERE tbl = 'people' AND row_key = ?"
                          " ORDER BY seq DESC LIMIT 1", (str(person_id),)).fetchone()
    return newest is not None and newest[0] == audit.row_image(conn, "people", person_id)


def revoked_seq(conn: Any, key_id: str) -> int | None:
    """The audit sequence number at which key ``key_id`` was revoked (the insert of its
    revocation statement), or None when it is not revoked."""
    row = conn.execute(
        "SELECT min(a.seq) FROM key_statements s JOIN audit_log a ON a.tbl = 'key_statements'"
        " AND a.row_key = CAST(s.id AS TEXT) AND a.action = 'insert'"
        " WHERE s.kind = 'revocation' AND s.key_id = ?", (key_id,)).fetchone()
    if row is None or row[0] is None:
        status = conn.execute("SELECT status FROM signing_keys WHERE key_id = ?",
                              (key_id,)).fetchone()
        # revoked without an audited statement: no point in time to trust
        return 0 if status is not None and status[0] == "revoked" else None
    return int(row[0])


def key_standing(conn: Any, key_id: str, audit_seq: int) -> str | None:
    """Whether a signature stored at ``audit_seq`` by key ``key_id`` stands against revocation:
    None when the key is not revoked, ``"revoked_later"`` when it was revoked after the signature
    was stored (the signature stays valid), ``"revoked"`` when it was already revoked."""
    return standing(revoked_seq(conn, key_id), audit_seq)


def standing(revoked_at: int | None, audit_seq: int) -> str | None:
    """:func:`key_standing` once the revocation's audit sequence number is known (None: not
    revoked, 0: revoked with no point in time to trust)."""
    if revoked_at is None:
        return None
    return "revoked_later" if audit_seq < revoked_at else "revoked"


def signature_status(conn: Any, problem_id: int, sig_row: dict[str, Any] | None) -> dict[str, Any]:
    """The status of signature ``sig_row`` of problem ``problem_id`` (see the module doc):
    ``{"status", "signature_id", "changes", "fields", "reason", "note"}``.

    ``reason`` says why a signature is invalid: ``"signature"`` (the signature or its stored data
    does not verify), ``"revoked"`` (the key was revoked before the signature was stored) or
    ``"tampered"`` (the row changed outside the app). ``note`` is ``"revoked_later"`` for a
    signature whose key was revoked after it was made (the signature still counts)."""
    return judge(StationEvidence(conn), problem_id, sig_row)


class StationEvidence:
    """What judging a signature needs, from this installation's own tables and audit log. The
    office judges its units' signatures with the same :func:`judge` over what they sent
    (models.office_browse); any object with these methods will do."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def stored_at(self, table: str, sig_row: dict[str, Any]) -> int | None:
        return stored_at(self.conn, table, sig_row)

    def public_key(self, key_id: str) -> tuple[bytes, dict[str, Any]] | None:
        return keys.stored_public_key(self.conn, key_id)

    def revoked_seq(self, key_id: str) -> int | None:
        return revoked_seq(self.conn, key_id)

    def content(self, problem_id: int) -> dict[str, Any] | None:
        return row_content(self.conn, problem_id)

    def explained(self, problem_id: int, signed: str, seq: int) -> int | None:
        return _explained(self.conn, problem_id, signed, seq)

    def name_explained(self, person_id: Any) -> bool:
        return _name_explained(self.conn, person_id)


def judge(evidence: Any, problem_id: int, sig_row: dict[str, Any] | None) -> dict[str, Any]:
    """:func:`signature_status` of ``sig_row`` judged from ``evidence`` (a
    :class:`StationEvidence` or any object with its methods): the same rules and the same
    result wherever the rows come from."""
    out: dict[str, Any] = {"status": "unsigned", "signature_id": None, "changes": 0,
                           "fields": [], "reason": None, "note": None}
    if sig_row is None:
        return out
    out["signature_id"] = sig_row["id"]
    seq = evidence.stored_at("signatures", sig_row)
    if seq is None or not verifies(sig_row, problem_id, evidence.public_key):
        out.update(status="invalid", reason="signature")
        return out
    revocation = standing(evidence.revoked_seq(sig_row["key_id"]), seq)
    if revocation == "revoked":
        out.update(status="invalid", reason="revoked")
        return out
    out["note"] = revocation
    current = evidence.content(problem_id)
    if current is not None and content_text(current) == sig_row["content"]:
        out["status"] = "valid"
        return out
    updates = None if current is None else evidence.explained(problem_id, sig_row["content"], seq)
    signed = json.loads(sig_row["content"])
    renamed = current is not None and \
        signed.get("responsible_person_name") != current.get("responsible_person_name")
    if updates is None or (renamed and not evidence.name_explained(
            current.get("responsible_person_id"))):
        out.update(status="invalid", reason="tampered")
        return out
    out["status"] = "stale"
    out["changes"] = updates + (1 if renamed else 0)
    out["fields"] = changed_fields(signed, json.loads(content_text(current)))
    return out


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Content keys whose values differ, in the order of the ledger's columns."""
    order = list(CONTENT_FIELDS) + ["responsible_person_name", "format"]
    keys_ = set(before) | set(after)
    return sorted((k for k in keys_ if before.get(k) != after.get(k)),
                  key=lambda k: (order.index(k) if k in order else len(order), k))


def newest_signatures(conn: Any, problem_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """problem id -> its newest 责任人签字 row, for those of ``problem_ids`` that have one."""
    ids = [int(i) for i in problem_ids]
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        subjects = [f"problem:{pid}" for pid in ids[start:start + 500]]
        cur = conn.execute(
            f"SELECT * FROM signatures WHERE subject IN ({', '.join('?' for _ in subjects)})"
            " ORDER BY id", subjects)
        names = [d[0] for d in cur.description]
        for values in cur.fetchall():
            row = dict(zip(names, values))
            out[int(row["subject"].split(":", 1)[1])] = row
    return out


def statuses(conn: Any, problem_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """problem id -> :func:`signature_status` of its newest signature, for each of
    ``problem_ids`` (one query for the signatures; rows without any cost nothing more)."""
    ids = [int(i) for i in problem_ids]
    newest = newest_signatures(conn, ids)
    return {pid: signature_status(conn, pid, newest.get(pid)) for pid in ids}


def _signatures(session: Session, problem_id: int) -> list[dict[str, Any]]:
    return session.store.query(
        "SELECT s.*, p.name AS person_name FROM signatures s LEFT JOIN people p"
        " ON p.id = s.person_id WHERE s.subject = ? ORDER BY s.id", (f"problem:{problem_id}",))


@operation("problem.read")
def row_signature_status(session: Session, problem_id: int) -> dict[str, Any]:
    """The status of the newest 责任人签字 of problem ``problem_id``: a dict with ``status``
    ('unsigned', 'valid', 'stale' or 'invalid'), ``signature_id``, and for 'stale' ``changes``
    (audited updates of the row since signing) and ``fields`` (content keys that differ)."""
    if not session.store.conn.execute("SELECT 1 FROM problems WHERE id = ?",
                                      (problem_id,)).fetchone():
        raise NotFound(what="问题", key=problem_id)
    rows = _signatures(session, problem_id)
    return signature_status(session.store.conn, problem_id, rows[-1] if rows else None)


@operation("problem.read")
def list_row_signatures(session: Session, problem_id: int) -> list[dict[str, Any]]:
    """Every signature of problem ``problem_id``, oldest first, each with its ``status`` (as
    :func:`row_signature_status` would give for it), ``changes`` and ``fields``."""
    rows = _signatures(session, problem_id)
    for row in rows:
        state = signature_status(session.store.conn, problem_id, row)
        row.update(status=state["status"], changes=state["changes"], fields=state["fields"],
                   reason=state["reason"], note=state["note"])
    return rows
