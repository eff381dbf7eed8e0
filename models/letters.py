"""执法监督意见书 at the unit: the answer (整改情况答复) with its evidence files, the chief's
signature (单位负责人签发), the letter's problems hung on the ledger, and overdue letters.

The answer
    One ``letter_answers`` row per received letter (``supervision_letters`` side 'received'):
    the measures taken (``measures``) and ``status`` 'draft' or 'signed'. Its files
    (``letter_answer_files``) go into the content-addressed evidence store with the checks of
    :func:`models.evidence.take_in`. Saving the answer, adding or removing a file of a signed
    answer makes it a draft again: the signature stays on record and reads *stale*.

What the chief signs
    :func:`answer_content` is the canonical content: the letter's ``uid`` and number, the
    measures and every file's name, size and SHA-256 (sorted by hash, then name), with
    ``format`` = :data:`CONTENT_FORMAT`; canonical JSON as models.signing writes it. The
    envelope (:func:`envelope`) names the meaning (:data:`MEANING`, 单位负责人签发), the subject
    ``letter_answer:<answer id>``, the letter's ``uid``, the content's SHA-256, the signer, his
    role and key and the time; the chief's own person key signs its UTF-8 bytes, and the row
    goes into ``signatures`` like every other signature (docs/signatures.md). The signing
    dialog passes back the hash it showed; :func:`sign_answer` refuses anything else.

Status of a signature (:func:`judge`, the same rules at the unit and at the office)
    ``valid``: the signature verifies over its envelope with the signer's person key (bound to
    its key id), the envelope names this answer, its letter and the stored content, the key was
    not revoked before the signature was stored, and the answer's content now is the signed
    content; ``stale``: all that, but the answer changed since through the app (its row and its
    files are what the audit trail last recorded); ``invalid`` otherwise (``reason``:
    ``signature``, ``revoked`` or ``tampered``).

Overdue
    A received letter is overdue when its deadline has passed and its answer is not signed
    (:func:`is_overdue`; ``models.instructions.received_letters`` flags it so).

Problems of a letter
    :mod:`models.letter_problems` hangs chosen problems of a letter on the ledger.
"""
from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from . import audit, evidence, key_crypto, keys
from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session, now_text
from .signing import canonical_bytes, sha256_hex, standing
from .store import Changes

CONTENT_FORMAT = "fieldledger-letter-answer/1"
SIGNATURE_FORMAT = "fieldledger-letter-answer-signature/1"
MEANING = "单位负责人签发"
MEANING_LABEL = QT_TRANSLATE_NOOP("signing", "单位负责人签发")
#: Longest answer text, and most files one answer holds.
MAX_MEASURES_CHARS = 8000
MAX_FILES = 100

#: Answer state -> how the lists name it (context "letters").
ANSWER_STATES: dict[str, str] = {
    "none": QT_TRANSLATE_NOOP("letters", "未答复"),
    "draft": QT_TRANSLATE_NOOP("letters", "草稿"),
    "signed": QT_TRANSLATE_NOOP("letters", "已签发"),
}

_NO_LETTER = QT_TRANSLATE_NOOP("errors", "没有编号为 {id} 的收到的执法监督意见书。")
_NO_ANSWER = QT_TRANSLATE_NOOP("errors", "没有编号为 {id} 的意见书答复。")
_NO_FILE = QT_TRANSLATE_NOOP("errors", "没有编号为 {id} 的答复附件。")
_LONG_MEASURES = QT_TRANSLATE_NOOP("errors", "整改情况太长（最多 {limit} 个字）。")
_MANY_FILES = QT_TRANSLATE_NOOP("errors", "一份答复最多附 {limit} 个文件。")
_EMPTY_ANSWER = QT_TRANSLATE_NOOP("errors", "请先填写整改情况并保存，再签发答复。")
_NO_PERSON = QT_TRANSLATE_NOOP(
    "errors", "该账号未关联人员，不能签发。请管理员先为账号关联人员。")
_NO_KEY = QT_TRANSLATE_NOOP(
    "errors", "您还没有有效的签名密钥，请先在“设置 → 签名密钥”中生成。未签发。")
_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "答复在您核对之后又有改动，未签发。请重新打开签发窗口，核对后再签。")
_ALREADY = QT_TRANSLATE_NOOP("errors", "这份答复已按现在的内容签发过，无需重复签发。")


# --- the content and the envelope -----------------------------------------------------------------

def subject_of(answer_id: Any) -> str:
    """The ``signatures.subject`` of an answer's signatures."""
    return f"letter_answer:{answer_id}"


def answer_content(letter: Mapping[str, Any], measures: str,
                   files: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The signed content of an answer to ``letter`` (a ``supervision_letters`` row, either side):
    see the module doc."""
    listed = sorted(({"name": str(f.get("original_name") or ""), "sha256": str(f.get("sha256")),
                      "size": int(f.get("size") or 0)} for f in files),
                    key=lambda f: (f["sha256"], f["name"], f["size"]))
    return {"format": CONTENT_FORMAT,
            "letter": {"uid": str(letter["uid"]), "number": str(letter["number"])},
            "measures": str(measures or ""), "files": listed}


def content_text(content: dict[str, Any]) -> str:
    return canonical_bytes(content).decode("utf-8")


def envelope(*, answer_id: Any, letter_uid: str, content_sha256: str, person_id: Any,
             person_name: str, role: str, key_id: str, signed_at: str) -> str:
    """The canonical envelope (text) whose UTF-8 bytes the chief's key signs."""
    return canonical_bytes({
        "format": SIGNATURE_FORMAT, "meaning": MEANING, "subject": subject_of(answer_id),
        "letter_uid": letter_uid, "content_sha256": content_sha256,
        "signer": {"person_id": person_id, "name": person_name}, "role": role,
        "key_id": key_id, "signed_at": signed_at}).decode("utf-8")


def signer_of(sig: Mapping[str, Any]) -> dict[str, Any]:
    """``{"name", "role"}`` the signature's envelope states ('' when unreadable)."""
    try:
        env = json.loads(sig["envelope"])
        signer = env.get("signer") or {}
        return {"name": str(signer.get("name") or ""), "role": str(env.get("role") or "")}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {"name": "", "role": ""}


def verifies(sig: Mapping[str, Any], answer_id: Any, letter_uid: str,
             public_key: Callable[[str], tuple[bytes, dict[str, Any]] | None]) -> bool:
    """The signature verifies over its envelope with its key's public key (a person key, of the
    signer the row names), and the envelope is exactly the one this answer, this letter and the
    stored content, signer and time give. ``public_key(key_id)`` as
    :func:`models.keys.stored_public_key` (None: a key not to be trusted)."""
    try:
        if sig["meaning"] != MEANING:
            return False
        if sha256_hex(str(sig["content"]).encode("utf-8")) != sig["content_sha256"]:
            return False
        signer = signer_of(sig)
        expected = envelope(answer_id=answer_id, letter_uid=letter_uid,
                            content_sha256=sig["content_sha256"], person_id=sig["person_id"],
                            person_name=signer["name"], role=signer["role"],
                            key_id=sig["key_id"], signed_at=sig["signed_at"])
        if expected != sig["envelope"]:
            return False
        found = public_key(str(sig["key_id"]))
        if found is None or found[1].get("kind") != "person" \
                or found[1].get("person_id") != sig["person_id"]:
            return False
        return key_crypto.verify_signature(found[0],
                                           base64.b64decode(sig["signature"], validate=True),
                                           str(sig["envelope"]).encode("utf-8"))
    except (ValueError, TypeError, KeyError, AttributeError):
        return False


def judge(sig: Mapping[str, Any] | None, *, answer_id: Any, letter_uid: str,
          current_text: str | None, public_key: Callable[[str], Any], stored_seq: int | None,
          revoked_at: int | None, explained: bool) -> dict[str, Any]:
    """The status of signature ``sig`` of an answer (see the module doc): ``{"status",
    "reason", "note", "signature_id", "signer", "role", "signed_at", "key_id"}``.

    ``current_text`` is the answer's content now (None: the answer is gone); ``stored_seq`` the
    audit sequence number of the entry that stored the signature (None: none, or it no longer
    matches the row); ``revoked_at`` when the key was revoked (models.signing.revoked_seq);
    ``explained``: the answer and its files are what the audit trail last recorded."""
    out: dict[str, Any] = {"status": "unsigned", "reason": None, "note": None,
                           "signature_id": None, "signer": "", "role": "", "signed_at": "",
                           "key_id": ""}
    if sig is None:
        return out
    signer = signer_of(sig)
    out.update(signature_id=sig.get("id"), signed_at=sig.get("signed_at") or "",
               key_id=str(sig.get("key_id") or ""), signer=signer["name"], role=signer["role"])
    if stored_seq is None or not verifies(sig, answer_id, letter_uid, public_key):
        out.update(status="invalid", reason="signature")
        return out
    revocation = standing(revoked_at, stored_seq)
    if revocation == "revoked":
        out.update(status="invalid", reason="revoked")
        return out
    out["note"] = revocation
    if current_text is not None and current_text == sig["content"]:
        out["status"] = "valid"
    elif current_text is not None and explained:
        out["status"] = "stale"
    else:
        out.update(status="invalid", reason="tampered")
    return out


def is_overdue(deadline: str | None, signed: bool, today: date | None = None) -> bool:
    """A letter is overdue when its deadline has passed and no signed answer stands."""
    return bool(deadline) and not signed and \
        str(deadline) < (today or date.today()).isoformat()


# --- reading at the unit --------------------------------------------------------------------------

def _row(conn: Any, sql: str, params: tuple[Any, ...]) -> dict[str, Any] | None:
    cur = conn.execute(sql, params)
    values = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], values)) if values else None


def _rows(conn: Any, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, values)) for values in cur.fetchall()]


def received_letter(conn: Any, letter_id: int) -> dict[str, Any]:
    """The received letter ``letter_id`` with ``problems`` as a list; ValidationError when
    there is none."""
    row = _row(conn, "SELECT * FROM supervision_letters WHERE id = ? AND side = 'received'",
               (letter_id,))
    if row is None:
        raise ValidationError(_NO_LETTER, id=letter_id)
    try:
        row["problems"] = list(json.loads(row["problems"]))
    except (TypeError, ValueError):
        row["problems"] = [str(row["problems"])]
    return row


def answer_of(conn: Any, letter_id: int) -> dict[str, Any] | None:
    return _row(conn, "SELECT * FROM letter_answers WHERE letter_id = ?", (letter_id,))


def files_of(conn: Any, answer_id: int) -> list[dict[str, Any]]:
    return _rows(conn, "SELECT * FROM letter_answer_files WHERE answer_id = ? ORDER BY id",
                 (answer_id,))


def current_text(conn: Any, letter: Mapping[str, Any],
                 answer: Mapping[str, Any] | None) -> str | None:
    """The content text of the answer to ``letter`` as it is now (None: no answer)."""
    if answer is None:
        return None
    return content_text(answer_content(letter, answer["measures"],
                                       files_of(conn, int(answer["id"]))))


def _explained(conn: Any, answer_id: int) -> bool:
    """The answer's row and its files' rows are what the audit trail last recorded for them
    (no file deleted, added or changed behind the app's back)."""
    newest = conn.execute("SELECT after FROM audit_log WHERE tbl = 'letter_answers'"
                          " AND row_key = ? ORDER BY seq DESC LIMIT 1",
                          (str(answer_id),)).fetchone()
    if newest is None or newest[0] != audit.row_image(conn, "letter_answers", answer_id):
        return False
    logged: dict[str, str | None] = {}
    for key, after in conn.execute(
            "SELECT row_key, after FROM audit_log WHERE tbl = 'letter_answer_files'"
            " AND json_extract(coalesce(after, before), '$.answer_id') = ? ORDER BY seq",
            (answer_id,)):
        logged[key] = after
    present = {str(r["id"]) for r in files_of(conn, answer_id)}
    if present != {k for k, after in logged.items() if after is not None}:
        return False
    return all(audit.row_image(conn, "letter_answer_files", key) == logged[key]
               for key in present)


def answer_signatures(conn: Any, answer_id: int) -> list[dict[str, Any]]:
    """Every signature of answer ``answer_id``, oldest first."""
    return _rows(conn, "SELECT * FROM signatures WHERE subject = ? ORDER BY id",
                 (subject_of(answer_id),))


def judge_here(conn: Any, letter: Mapping[str, Any], answer: Mapping[str, Any],
               sig: Mapping[str, Any] | None, text: str | None = None) -> dict[str, Any]:
    """:func:`judge` of ``sig`` over this installation's own tables and audit trail, with the
    key's ``fingerprint``."""
    from .signing import revoked_seq, stored_at
    if text is None:
        text = current_text(conn, letter, answer)
    if sig is None:
        return judge(None, answer_id=answer["id"], letter_uid=letter["uid"], current_text=text,
                     public_key=lambda _k: None, stored_seq=None, revoked_at=None,
                     explained=False) | {"fingerprint": ""}
    state = judge(sig, answer_id=answer["id"], letter_uid=str(letter["uid"]), current_text=text,
                  public_key=lambda key_id: keys.stored_public_key(conn, key_id),
                  stored_seq=stored_at(conn, "signatures", dict(sig)),
                  revoked_at=revoked_seq(conn, str(sig["key_id"])),
                  explained=_explained(conn, int(answer["id"])))
    found = conn.execute("SELECT fingerprint FROM signing_keys WHERE key_id = ?",
                         (sig["key_id"],)).fetchone()
    state["fingerprint"] = found[0] if found else ""
    return state


@operation("problem.read")
def get_letter(session: Session, letter_id: int, *, today: date | None = None
               ) -> dict[str, Any]:
    """One received letter with everything the answer dialog shows: the letter's fields
    (``problems`` a list), ``answer`` (the row, or None) with ``files`` (rows plus ``path`` of
    the stored file and ``username``), ``state`` ('none', 'draft', 'signed'), ``overdue``,
    ``content`` / ``content_text`` / ``sha256`` (what signing now would sign; None without an
    answer), ``signatures`` (every signature, oldest first, each judged) and ``signature`` (the
    newest, judged; ``status`` 'unsigned' when none), ``hung`` (problem number -> the ledger
    problem hung for it) and ``campaign_id`` (the campaign the letter names, found here)."""
    conn = session.store.conn
    letter = received_letter(conn, letter_id)
    answer = answer_of(conn, letter_id)
    out = dict(letter)
    out.update(answer=None, state="none", content=None, content_text=None, sha256=None,
               signatures=[], signature=judge(None, answer_id=None, letter_uid="",
                                              current_text=None, public_key=lambda _k: None,
                                              stored_seq=None, revoked_at=None, explained=False))
    if answer is not None:
        files = session.store.query(
            "SELECT f.*, a.username FROM letter_answer_files f LEFT JOIN accounts a"
            " ON a.id = f.account_id WHERE f.answer_id = ? ORDER BY f.id", (answer["id"],))
        for row in files:
            row["path"] = evidence.path_of(session.store, row)
        content = answer_content(letter, answer["measures"], files)
        text = content_text(content)
        sigs = [dict(sig, **{k: v for k, v in judge_here(conn, letter, answer, sig, text).items()
                             if k not in ("signature_id", "key_id", "signed_at")})
                for sig in answer_signatures(conn, int(answer["id"]))]
        out.update(answer=dict(answer, files=files), state=answer["status"], content=content,
                   content_text=text, sha256=sha256_hex(text.encode("utf-8")), signatures=sigs)
        if sigs:
            out["signature"] = judge_here(conn, letter, answer, sigs[-1], text)
    out["overdue"] = is_overdue(letter["deadline"], out["state"] == "signed", today)
    from .letter_problems import hung_problems, letter_campaign
    out["hung"] = hung_problems(conn, letter["uid"])
    out["campaign_id"] = letter_campaign(conn, letter)
    return out


# --- writing the answer ---------------------------------------------------------------------------

def _measures(text: Any) -> str:
    out = "" if text is None else str(text).strip()
    if len(out) > MAX_MEASURES_CHARS:
        raise ValidationError(_LONG_MEASURES, limit=MAX_MEASURES_CHARS)
    return out


def _to_draft(w: Any, answer: Mapping[str, Any], stamp: str,
              extra: Mapping[str, Any] | None = None) -> None:
    """Update the answer (``extra`` columns) and make a signed one a draft again."""
    values: dict[str, Any] = {"updated_at": stamp, **(extra or {})}
    if answer["status"] == "signed":
        values.update(status="draft", signed_at=None)
    w.update("letter_answers", answer["id"], values)


@operation("letter.answer")
def save_answer(session: Session, letter_id: int, measures: str) -> Changes:
    """Store the answer to received letter ``letter_id`` as a draft: create it, or change its
    measures (a signed answer whose measures change becomes a draft; its signature stays on
    record). The same text again writes nothing. Raises ValidationError for an unknown letter
    or a text over :data:`MAX_MEASURES_CHARS`."""
    text = _measures(measures)
    store = session.store
    received_letter(store.conn, letter_id)
    stamp = now_text()
    with store.write(session.actor) as w:
        letter = received_letter(w.conn, letter_id)
        answer = answer_of(w.conn, letter_id)
        if answer is None:
            w.insert("letter_answers", {
                "letter_id": letter_id, "letter_uid": letter["uid"], "measures": text,
                "status": "draft", "signed_at": None, "account_id": session.account_id,
                "created_at": stamp, "updated_at": stamp})
        elif answer["measures"] != text:
            _to_draft(w, answer, stamp, {"measures": text})
    return w.changes


def _answer(conn: Any, answer_id: int) -> dict[str, Any]:
    row = _row(conn, "SELECT * FROM letter_answers WHERE id = ?", (answer_id,))
    if row is None:
        raise ValidationError(_NO_ANSWER, id=answer_id)
    return row


@operation("letter.answer")
def add_answer_file(session: Session, answer_id: int,
                    source_path: str | os.PathLike[str]) -> Changes:
    """Add the file at ``source_path`` to answer ``answer_id`` (a signed answer becomes a
    draft). Refuses, before anything is written, what :func:`models.evidence.take_in` refuses
    (wrong type or content, empty, too large), each with a Chinese message naming the file."""
    store = session.store
    _answer(store.conn, answer_id)
    if len(files_of(store.conn, answer_id)) >= MAX_FILES:
        raise ValidationError(_MANY_FILES, limit=MAX_FILES)
    taken = evidence.take_in(store, source_path)
    try:
        stamp = now_text()
        with store.write(session.actor) as w:
            answer = _answer(w.conn, answer_id)
            w.insert("letter_answer_files", {
                "answer_id": answer_id, "sha256": taken.copied.sha256,
                "size": taken.copied.size, "media_type": taken.ftype.media_type,
                "original_name": taken.name, "original_mtime": taken.original_mtime,
                "caption": "", "account_id": session.account_id, "added_at": stamp})
            _to_draft(w, answer, stamp)
    except BaseException:
        evidence.forget(store, taken)
        raise
    return w.changes


@operation("letter.answer")
def remove_answer_file(session: Session, file_id: int) -> Changes:
    """Remove one file of an answer (a signed answer becomes a draft); the stored file goes
    too unless another row still refers to the same content."""
    store = session.store
    row = _row(store.conn, "SELECT * FROM letter_answer_files WHERE id = ?", (file_id,))
    if row is None:
        raise ValidationError(_NO_FILE, id=file_id)
    with store.write(session.actor) as w:
        answer = _answer(w.conn, int(row["answer_id"]))
        w.delete("letter_answer_files", file_id)
        _to_draft(w, answer, now_text())
    evidence.remove_unreferenced(store, row["sha256"])
    return w.changes


# --- signing --------------------------------------------------------------------------------------

@operation("problem.read")
def answer_to_sign(session: Session, letter_id: int) -> dict[str, Any]:
    """What signing the answer to ``letter_id`` now would sign: ``letter`` (number, issuer,
    deadline), ``content`` (the canonical content as a dict), ``text`` and ``sha256``; the
    signing dialog shows it and passes ``sha256`` back. ValidationError without an answer
    text."""
    conn = session.store.conn
    letter = received_letter(conn, letter_id)
    answer = answer_of(conn, letter_id)
    if answer is None or not answer["measures"]:
        raise ValidationError(_EMPTY_ANSWER)
    files = files_of(conn, int(answer["id"]))
    content = answer_content(letter, answer["measures"], files)
    text = content_text(content)
    return {"letter": letter, "answer_id": answer["id"], "content": content, "text": text,
            "sha256": sha256_hex(text.encode("utf-8")), "files": files}


def _to_sign(conn: Any, letter_id: int, expected_sha256: str
             ) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The letter, its answer and the content text, once checked: an answer with text, still
    what the signer was shown, not already signed as it is."""
    letter = received_letter(conn, letter_id)
    answer = answer_of(conn, letter_id)
    if answer is None or not answer["measures"]:
        raise ValidationError(_EMPTY_ANSWER)
    text = current_text(conn, letter, answer) or ""
    if sha256_hex(text.encode("utf-8")) != expected_sha256:
        raise ValidationError(_CHANGED)
    sigs = answer_signatures(conn, int(answer["id"]))
    if answer["status"] == "signed" and sigs \
            and judge_here(conn, letter, answer, sigs[-1], text)["status"] == "valid":
        raise ValidationError(_ALREADY)
    return letter, answer, text


@operation("letter.sign")
def sign_answer(session: Session, letter_id: int, passphrase: str,
                expected_sha256: str) -> Changes:
    """单位负责人签发: the acting chief signs the answer to received letter ``letter_id`` with
    his own key; the answer becomes 'signed'. ``expected_sha256`` is the content hash the
    dialog showed (:func:`answer_to_sign`); when the answer no longer has it nothing is signed.

    Raises ValidationError (no answer text, changed meanwhile, already signed as it is, no
    person linked to the account, no active key) and the keys module's passphrase errors; in
    each case nothing is signed."""
    if session.person_id is None:
        raise ValidationError(_NO_PERSON)
    store = session.store
    _to_sign(store.conn, letter_id, expected_sha256)     # before the passphrase: fail early
    key_id = keys._active_key(store, "person", person_id=session.person_id)
    if key_id is None:
        raise ValidationError(_NO_KEY)
    name = store.conn.execute("SELECT name FROM people WHERE id = ?",
                              (session.person_id,)).fetchone()
    with keys.unlock(session, key_id, passphrase) as sign:
        stamp = now_text()
        with store.write(session.actor) as w:
            letter, answer, text = _to_sign(w.conn, letter_id, expected_sha256)
            env = envelope(answer_id=answer["id"], letter_uid=letter["uid"],
                           content_sha256=expected_sha256, person_id=session.person_id,
                           person_name=name[0] if name else "", role="chief", key_id=key_id,
                           signed_at=stamp)
            signature = base64.b64encode(sign(env.encode("utf-8"))).decode("ascii")
            seq = audit.head(w.conn)[0] + 1      # the insert below is the next audit entry
            w.insert("signatures", {
                "meaning": MEANING, "subject": subject_of(answer["id"]), "content": text,
                "content_sha256": expected_sha256, "envelope": env, "signature": signature,
                "key_id": key_id, "account_id": session.account_id,
                "person_id": session.person_id, "signed_at": stamp, "audit_seq": seq})
            w.update("letter_answers", answer["id"],
                     {"status": "signed", "signed_at": stamp, "updated_at": stamp})
    return w.changes
