"""审核 and 单位盖章: signing frozen revisions of a campaign's ledger, and their status.

A ledger is one unit's problems of one campaign (the 回头看 ledger of the notice). Its canonical
content (:func:`ledger_content`) lists every row's signed content (the same fields as 责任人签字,
see :mod:`models.signing`) in 序号 order, with the campaign, the unit and totals. The reviewer
(审核, permission ``ledger.review``) signs it with his own key; the chief (单位盖章,
``ledger.seal``) signs it with the unit seal key.

Revisions
    Signing freezes the content as a numbered revision in ``ledger_revisions`` (migration 10;
    triggers refuse any update or delete of a revision). When the ledger is unchanged since the
    newest revision, a further signature (the seal after the review) signs that same revision.
    Any later change through the app leaves the revision and its signatures as they were and makes
    the live ledger the next revision's draft: its signatures then read ``stale``, with the rows
    added, removed and changed since (and which fields).

What the signer vouches for
    The dialog shows the rows, totals and the SHA-256 of the content, and passes that hash back;
    the operation refuses to sign when the ledger no longer has it (someone changed it meanwhile),
    so a signature always covers what the signer saw.

Status of a revision signature (:func:`ledger_state`)
    ``valid`` (the signature verifies, the key was not revoked before it was stored, and the live
    ledger is this revision), ``stale`` (all that, but the ledger changed since) or ``invalid``
    with a ``reason``: ``signature`` (signature, envelope or the frozen content does not verify) or
    ``revoked``.
"""
from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from . import audit, key_crypto, keys
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, operation
from .session import Session, now_text
from .signing import (
    CONTENT_FIELDS,
    canonical_bytes,
    changed_fields,
    key_standing,
    sha256_hex,
    statuses,
    stored_at,
)
from .store import Changes

LEDGER_FORMAT = "fieldledger-ledger/1"
SIGNATURE_FORMAT = "fieldledger-ledger-signature/1"
REVIEW = "审核"
SEAL = "单位盖章"
MEANINGS = (REVIEW, SEAL)
MEANING_LABELS = {REVIEW: QT_TRANSLATE_NOOP("signing", "审核"),
                  SEAL: QT_TRANSLATE_NOOP("signing", "单位盖章")}
STATUSES = ("open", "in_progress", "rectified", "closed", "rebound")

_ROW_COLUMNS = ", ".join(f"p.{col}" for col in CONTENT_FIELDS.values())


def _subject(revision_id: int) -> str:
    return f"ledger_revision:{revision_id}"


def _ledger_rows(conn: Any, campaign_id: int, unit_id: int) -> list[dict[str, Any]]:
    cur = conn.execute(
        f"SELECT p.id AS problem_id, {_ROW_COLUMNS}, pe.name AS responsible_person_name"
        " FROM problems p LEFT JOIN people pe ON pe.id = p.responsible_person_id"
        " WHERE p.campaign_id = ? AND p.unit_id = ? ORDER BY p.seq_no, p.id",
        (campaign_id, unit_id))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, values)) for values in cur.fetchall()]


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_status = {status: 0 for status in STATUSES}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + 1
    return {"rows": len(rows), "by_status": by_status,
            "rebound": sum(1 for r in rows if r["rebound"]),
            "effective_yes": sum(1 for r in rows if r["effective"] == "yes"),
            "effective_no": sum(1 for r in rows if r["effective"] == "no")}


def ledger_content(conn: Any, campaign_id: int, unit_id: int) -> dict[str, Any]:
    """The canonical content of the ledger of ``campaign_id`` for ``unit_id`` as it is now.

    Raises NotFound for an unknown campaign or unit.
    """
    campaign = conn.execute("SELECT title, doc_no FROM campaigns WHERE id = ?",
                            (campaign_id,)).fetchone()
    if campaign is None:
        raise NotFound(what="专项行动", key=campaign_id)
    unit = conn.execute("SELECT name, code FROM units WHERE id = ?", (unit_id,)).fetchone()
    if unit is None:
        raise NotFound(what="单位", key=unit_id)
    rows = _ledger_rows(conn, campaign_id, unit_id)
    return {"format": LEDGER_FORMAT,
            "campaign": {"id": campaign_id, "title": campaign[0], "doc_no": campaign[1]},
            "unit": {"id": unit_id, "name": unit[0], "code": unit[1]},
            "rows": rows, "totals": _totals(rows)}


def content_text(content: dict[str, Any]) -> str:
    return canonical_bytes(content).decode("utf-8")


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Rows added, removed and changed from ledger content ``before`` to ``after``:
    ``{"added": [seq_no…], "removed": [seq_no…], "changed": [{"problem_id", "seq_no",
    "fields"}…], "count"}`` (``count`` = rows that differ in any way)."""
    old = {r["problem_id"]: r for r in before.get("rows", [])}
    new = {r["problem_id"]: r for r in after.get("rows", [])}
    added = sorted(new[k]["seq_no"] for k in new.keys() - old.keys())
    removed = sorted(old[k]["seq_no"] for k in old.keys() - new.keys())
    changed = []
    for key in sorted(old.keys() & new.keys(), key=lambda k: new[k]["seq_no"]):
        fields = changed_fields(old[key], new[key])
        if fields:
            changed.append({"problem_id": key, "seq_no": new[key]["seq_no"], "fields": fields})
    return {"added": added, "removed": removed, "changed": changed,
            "count": len(added) + len(removed) + len(changed)}


def envelope(*, meaning: str, revision_id: int, campaign_id: int, unit_id: int, rev_no: int,
             content_sha256: str, person_id: int, person_name: str, role: str, key_id: str,
             key_kind: str, signed_at: str) -> str:
    """The canonical envelope (text) whose UTF-8 bytes a reviewer or the seal key signs."""
    return canonical_bytes({
        "format": SIGNATURE_FORMAT, "meaning": meaning, "subject": _subject(revision_id),
        "ledger": {"campaign_id": campaign_id, "unit_id": unit_id, "revision": rev_no},
        "content_sha256": content_sha256,
        "signer": {"person_id": person_id, "name": person_name}, "role": role,
        "key": {"id": key_id, "kind": key_kind}, "signed_at": signed_at}).decode("utf-8")


def _latest_revision(conn: Any, campaign_id: int, unit_id: int) -> dict[str, Any] | None:
    cur = conn.execute("SELECT * FROM ledger_revisions WHERE campaign_id = ? AND unit_id = ?"
                       " ORDER BY rev_no DESC LIMIT 1", (campaign_id, unit_id))
    values = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], values)) if values else None


def _sign_revision(session: Session, campaign_id: int, passphrase: str, expected_sha256: str,
                   meaning: str) -> Changes:
    if session.person_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "该账号未关联人员，不能签署。请管理员先为账号关联人员。"))
    unit_id = session.unit_id
    if meaning == SEAL:
        key_id = keys.held_seal_key(session)
        key_kind = "seal"
    else:
        key_id = keys._active_key(session.store, "person", person_id=session.person_id)
        if key_id is None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "您还没有有效的签名密钥，请先在“设置 → 签名密钥”中生成。未签署任何内容。"))
        key_kind = "person"
    # Checked once before the passphrase is asked for (to fail early), and again inside the
    # write transaction, where nothing can change any more.
    _ledger_to_sign(session.store.conn, session, campaign_id, expected_sha256, meaning)
    name = session.store.conn.execute("SELECT name FROM people WHERE id = ?",
                                      (session.person_id,)).fetchone()
    role = "chief" if meaning == SEAL else Role.REVIEWER.value
    with keys.unlock(session, key_id, passphrase) as sign:
        stamp = now_text()
        with session.store.write(session.actor) as w:
            text, latest, rows = _ledger_to_sign(w.conn, session, campaign_id,
                                                 expected_sha256, meaning)
            if latest is not None and latest["content_sha256"] == expected_sha256:
                revision_id, rev_no = int(latest["id"]), int(latest["rev_no"])
            else:
                rev_no = (int(latest["rev_no"]) if latest else 0) + 1
                revision_id = int(w.insert("ledger_revisions", {
                    "campaign_id": campaign_id, "unit_id": unit_id, "rev_no": rev_no,
                    "content": text, "content_sha256": expected_sha256,
                    "row_count": rows, "account_id": session.account_id,
                    "created_at": stamp}))
            env = envelope(meaning=meaning, revision_id=revision_id, campaign_id=campaign_id,
                           unit_id=unit_id, rev_no=rev_no, content_sha256=expected_sha256,
                           person_id=session.person_id, person_name=name[0] if name else "",
                           role=role, key_id=key_id, key_kind=key_kind, signed_at=stamp)
            sig = base64.b64encode(sign(env.encode("utf-8"))).decode("ascii")
            seq = audit.head(w.conn)[0] + 1  # the insert below is the next audit entry
            w.insert("signatures", {
                "meaning": meaning, "subject": _subject(revision_id), "content": text,
                "content_sha256": expected_sha256, "envelope": env, "signature": sig,
                "key_id": key_id, "account_id": session.account_id,
                "person_id": session.person_id, "signed_at": stamp, "audit_seq": seq})
    return w.changes


def _ledger_to_sign(conn: Any, session: Session, campaign_id: int, expected_sha256: str,
                    meaning: str) -> tuple[str, dict[str, Any] | None, int]:
    """The ledger's content text, its newest revision and its row count, once checked: not
    empty, still what the signer was shown, not already signed by him with this meaning."""
    content = ledger_content(conn, campaign_id, session.unit_id)
    if not content["rows"]:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "该专项行动的台账还没有问题，无需签署。"))
    text = content_text(content)
    if sha256_hex(text.encode("utf-8")) != expected_sha256:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "台账在您核对之后又有改动，未签署任何内容。请重新打开签署窗口，核对后再签。"))
    latest = _latest_revision(conn, campaign_id, session.unit_id)
    if latest is not None and latest["content_sha256"] == expected_sha256:
        done = conn.execute(
            "SELECT 1 FROM signatures WHERE subject = ? AND meaning = ? AND person_id = ?",
            (_subject(latest["id"]), meaning, session.person_id)).fetchone()
        if done:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "第 {rev} 版台账您已签署过“{meaning}”，无需重复签署。"),
                rev=latest["rev_no"], meaning=MEANING_LABELS[meaning])
    return text, latest, len(content["rows"])


@operation("ledger.review")
def review_ledger(session: Session, campaign_id: int, passphrase: str,
                  expected_sha256: str) -> Changes:
    """审核: the acting reviewer signs the ledger of ``campaign_id`` of his unit with his own key.

    ``expected_sha256`` is the content hash the reviewer was shown; when the ledger no longer
    has it nothing is signed. The content is frozen as a new revision unless the newest revision
    already has it. A wrong passphrase signs nothing (the keys module's errors)."""
    return _sign_revision(session, campaign_id, passphrase, expected_sha256, REVIEW)


@operation("ledger.seal")
def seal_ledger(session: Session, campaign_id: int, passphrase: str,
                expected_sha256: str) -> Changes:
    """单位盖章: the acting chief seals the ledger of ``campaign_id`` of his unit with the unit seal
    key; otherwise as :func:`review_ledger`."""
    return _sign_revision(session, campaign_id, passphrase, expected_sha256, SEAL)


def revision_signature_ok(sig: dict[str, Any], revision: dict[str, Any],
                          public_key: Callable[[str], tuple[bytes, dict[str, Any]] | None]
                          ) -> bool:
    """The signature verifies over its envelope with its key's public key (bound to its key id,
    of the kind its meaning needs, of the revision's unit), and the envelope names this
    revision, its hash, the signer and the stored time. The revision's own content is checked
    against its hash separately (once per revision). ``public_key(key_id)`` gives the key as
    :func:`models.keys.stored_public_key` does, or None for a key not to be trusted."""
    try:
        if sig["meaning"] not in MEANINGS:
            return False
        env = json.loads(sig["envelope"])
        if sig["envelope"] != canonical_bytes(env).decode("utf-8"):
            return False
        found = public_key(sig["key_id"])
        if found is None:
            return False
        public, key = found
        kind = "seal" if sig["meaning"] == SEAL else "person"
        if key["kind"] != kind or key["unit_id"] != revision["unit_id"] \
                or (kind == "person" and key["person_id"] != sig["person_id"]):
            return False
        expected = envelope(
            meaning=sig["meaning"], revision_id=revision["id"],
            campaign_id=revision["campaign_id"], unit_id=revision["unit_id"],
            rev_no=revision["rev_no"], content_sha256=revision["content_sha256"],
            person_id=sig["person_id"], person_name=(env.get("signer") or {}).get("name", ""),
            role=env.get("role", ""), key_id=sig["key_id"], key_kind=kind,
            signed_at=sig["signed_at"])
        if expected != sig["envelope"] or sig["content_sha256"] != revision["content_sha256"]:
            return False
        return key_crypto.verify_signature(public,
                                           base64.b64decode(sig["signature"], validate=True),
                                           sig["envelope"].encode("utf-8"))
    except (ValueError, TypeError, AttributeError, KeyError):
        return False


@operation("problem.read")
def ledger_state(session: Session, campaign_id: int, unit_id: int | None = None, *,
                 with_rows: bool = True) -> dict[str, Any]:
    """Everything the signing dialog and the signature panel show about one ledger.

    Returns ``campaign`` / ``unit`` (as in the content), ``rows`` (each row's content with
    ``confirmation``: its 责任人签字 status; empty unless ``with_rows``), ``totals``,
    ``confirmations`` (counts per status; None unless ``with_rows``),
    ``sha256`` and ``text_bytes`` of the live content, ``revisions`` (oldest first: ``id``,
    ``rev_no``, ``sha256``, ``row_count``, ``created_at``, ``signatures`` each with ``meaning``,
    ``name``, ``role``, ``signed_at``, ``fingerprint``, ``status``, ``reason``, ``note``),
    ``latest`` (newest revision number or None), ``current`` (the live ledger is the newest
    revision), ``draft`` (the number the next revision would get, None when current) and
    ``changes`` (:func:`diff` from the newest revision to the live ledger, or None).
    """
    unit_id = session.unit_id if unit_id is None else unit_id
    conn = session.store.conn
    content = ledger_content(conn, campaign_id, unit_id)
    text = content_text(content)
    digest = sha256_hex(text.encode("utf-8"))
    confirmations: dict[int, dict[str, Any]] = {}
    counts: dict[str, int] | None = None
    if with_rows:
        confirmations = statuses(conn, [row["problem_id"] for row in content["rows"]])
        counts = {"valid": 0, "stale": 0, "invalid": 0, "unsigned": 0}
        for state in confirmations.values():
            counts[state["status"]] += 1
    revisions = session.store.query(
        "SELECT id, campaign_id, unit_id, rev_no, content_sha256, row_count, created_at"
        " FROM ledger_revisions WHERE campaign_id = ? AND unit_id = ? ORDER BY rev_no",
        (campaign_id, unit_id))
    latest = revisions[-1] if revisions else None
    current = latest is not None and latest["content_sha256"] == digest
    latest_content: str | None = None
    out_revisions = []
    for revision in revisions:
        frozen = conn.execute("SELECT content FROM ledger_revisions WHERE id = ?",
                              (revision["id"],)).fetchone()[0]
        intact = sha256_hex(frozen.encode("utf-8")) == revision["content_sha256"]
        if revision is latest:
            latest_content = frozen
        sigs = session.store.query(
            "SELECT s.*, k.fingerprint FROM signatures s LEFT JOIN signing_keys k"
            " ON k.key_id = s.key_id WHERE s.subject = ? ORDER BY s.id",
            (_subject(revision["id"]),))
        listed = []
        for sig in sigs:
            env: dict[str, Any] = {}
            try:
                env = json.loads(sig["envelope"])
            except ValueError:
                pass
            entry = {"id": sig["id"], "meaning": sig["meaning"],
                     "name": (env.get("signer") or {}).get("name", ""),
                     "role": env.get("role", ""), "signed_at": sig["signed_at"],
                     "fingerprint": sig["fingerprint"], "reason": None, "note": None}
            seq = stored_at(conn, "signatures", sig)
            if not intact or seq is None or not revision_signature_ok(
                    sig, revision, lambda key_id: keys.stored_public_key(conn, key_id)):
                entry.update(status="invalid", reason="signature")
            else:
                standing = key_standing(conn, sig["key_id"], seq)
                if standing == "revoked":
                    entry.update(status="invalid", reason="revoked")
                else:
                    entry.update(status="valid" if revision["content_sha256"] == digest
                                 else "stale", note=standing)
            listed.append(entry)
        out_revisions.append({"id": revision["id"], "rev_no": revision["rev_no"],
                              "sha256": revision["content_sha256"],
                              "row_count": revision["row_count"],
                              "created_at": revision["created_at"], "signatures": listed})
    changes = None
    if latest_content is not None and not current:
        try:
            changes = diff(json.loads(latest_content), content)
        except ValueError:
            changes = None
    rows = [dict(row, confirmation=confirmations[row["problem_id"]])
            for row in content["rows"]] if with_rows else []
    return {"campaign": content["campaign"], "unit": content["unit"], "rows": rows,
            "totals": content["totals"], "confirmations": counts, "sha256": digest,
            "text_bytes": len(text.encode("utf-8")), "revisions": out_revisions,
            "latest": latest["rev_no"] if latest else None, "current": current,
            "draft": None if current else (latest["rev_no"] if latest else 0) + 1,
            "changes": changes}
