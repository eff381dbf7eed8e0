"""执法监督意见书 at the office: every letter it issued, with the answer its unit sent up.

The answer is found among the unit's imported records (``letter_answers`` whose ``letter_uid``
is the letter's ``uid``, with its ``letter_answer_files``; models.office_import) and its
单位负责人签发 is judged by the unit's own rules (:func:`models.letters.judge`) over what the
packages carried: the content is worked out from the letter as the office issued it (its uid and
number) and the answer's imported measures and files; the signature row, the entry that stored
it and the key come from the unit's records and audit entries, a key counting only when it is the
unit's own (:class:`models.office_records.UnitKeys`). A signature the office cannot judge for
want of the unit's audit entries reads ``invalid`` with reason ``no_audit``.

A letter is *answered* when its answer is signed and the signature is valid here; *overdue* when
its deadline has passed and it is not answered; *late* when it was answered after its deadline.
Nothing here writes.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .letters import answer_content, content_text, is_overdue, judge, subject_of
from .office_records import UnitRecords, as_int
from .permissions import operation
from .session import Session

_NO_LETTER = QT_TRANSLATE_NOOP("errors", "没有编号为 {id} 的本单位下发的执法监督意见书。")


def _issued(session: Session, unit_code: str | None, letter_id: int | None
            ) -> list[dict[str, Any]]:
    rows = session.store.query(
        "SELECT * FROM supervision_letters WHERE side = 'issued'"
        " AND (? IS NULL OR unit_code = ?) AND (? IS NULL OR id = ?)"
        " ORDER BY coalesce(issued_at, created_at) DESC, id DESC",
        (unit_code, unit_code, letter_id, letter_id))
    for row in rows:
        try:
            row["problems"] = list(json.loads(row["problems"]))
        except (TypeError, ValueError):
            row["problems"] = [str(row["problems"])]
    return rows


def _explained(unit: UnitRecords, answer: dict[str, Any], files: list[dict[str, Any]]) -> bool:
    """The answer and its files as imported are what the unit's audit entries last recorded."""
    def newest(tbl: str, key: Any) -> str | None:
        entries = unit.entries(tbl, key)
        return entries[-1][3] if entries else None
    if newest("letter_answers", answer.get("id")) != \
            unit.images("letter_answers").get(str(answer.get("id"))):
        return False
    images = unit.images("letter_answer_files")
    return all(newest("letter_answer_files", f.get("id")) == images.get(str(f.get("id")))
               for f in files)


def _local_day(stamp: str | None) -> date | None:
    try:
        return datetime.fromisoformat(str(stamp)).astimezone().date() if stamp else None
    except ValueError:
        return None


def _answer(session: Session, unit: UnitRecords | None, letter: dict[str, Any]
            ) -> dict[str, Any] | None:
    """The unit's answer to ``letter`` as the office judges it, or None when none arrived."""
    if unit is None:
        return None
    found = unit.rows_where("letter_answers", "letter_uid", letter["uid"])
    if not found:
        return None
    answer = found[-1]
    files = unit.rows_where("letter_answer_files", "answer_id", answer.get("id"))
    from .office_browse import _office_file
    root = session.store.data_dir.root / "office" / "evidence"
    listed = []
    for f in files:
        path = _office_file(root, str(f.get("sha256") or ""))
        listed.append({"id": f.get("id"), "original_name": str(f.get("original_name") or ""),
                       "sha256": str(f.get("sha256") or ""), "size": as_int(f.get("size")),
                       "media_type": str(f.get("media_type") or ""),
                       "added_at": f.get("added_at"), "present": path is not None,
                       "path": str(path) if path else None})
    text = content_text(answer_content(letter, str(answer.get("measures") or ""), files))
    evidence = unit.evidence()
    subject = subject_of(answer.get("id"))
    sigs = sorted((s for s in unit.rows("signatures").values() if s.get("subject") == subject),
                  key=lambda s: as_int(s.get("id")))
    explained = _explained(unit, answer, files)
    judged = []
    for sig in sigs:
        state = judge(sig, answer_id=answer.get("id"), letter_uid=str(letter["uid"]),
                      current_text=text, public_key=evidence.public_key,
                      stored_seq=evidence.stored_at("signatures", sig),
                      revoked_at=evidence.revoked_seq(str(sig.get("key_id"))),
                      explained=explained)
        evidence.refine(state, sig)
        state["fingerprint"] = evidence.keys.fingerprint(str(sig.get("key_id")))
        judged.append(state)
    newest = judged[-1] if judged else judge(None, answer_id=None, letter_uid="",
                                             current_text=None, public_key=lambda _k: None,
                                             stored_seq=None, revoked_at=None, explained=False)
    newest.setdefault("fingerprint", "")
    return {"id": answer.get("id"), "measures": str(answer.get("measures") or ""),
            "status": answer.get("status"), "signed_at": answer.get("signed_at"),
            "updated_at": answer.get("updated_at"), "files": listed, "signatures": judged,
            "signature": newest}


def _entry(session: Session, units: dict[str, UnitRecords | None], letter: dict[str, Any],
           today: date | None) -> dict[str, Any]:
    code = letter["unit_code"]
    if code not in units:
        try:
            units[code] = UnitRecords(session, code)
        except NotFound:
            units[code] = None
    answer = _answer(session, units[code], letter)
    out = dict(letter, answer=answer)
    if answer is None:
        state = "none"
    elif answer["status"] == "signed":
        state = "signed"
    else:
        state = "draft"
    verified = answer["signature"]["status"] if answer else "unsigned"
    answered = state == "signed" and verified == "valid"
    signed_day = _local_day(answer["signed_at"]) if answer else None
    out.update(state=state, verified=verified, answered=answered,
               overdue=is_overdue(letter["deadline"], answered, today),
               late=bool(answered and letter["deadline"] and signed_day is not None
                         and signed_day.isoformat() > letter["deadline"]))
    return out


@operation("office.read")
def letter_answers_at_office(session: Session, unit_code: str | None = None, *,
                             today: date | None = None) -> list[dict[str, Any]]:
    """Every 执法监督意见书 this office issued (of one unit when ``unit_code`` is given), newest
    first: the letter's fields (``problems`` a list) and ``answer`` (None when none arrived,
    else ``id``, ``measures``, ``status``, ``signed_at``, ``updated_at``, ``files`` (each with
    ``original_name``, ``sha256``, ``size``, ``media_type``, ``present`` in the office's
    evidence store and its ``path``), ``signatures`` (each judged, oldest first) and
    ``signature`` (the newest, judged: ``status`` valid / stale / invalid / unsigned,
    ``reason``, ``signer``, ``signed_at``, ``fingerprint``)); ``state`` ('none', 'draft',
    'signed'), ``verified`` (the newest signature's status), ``answered``, ``overdue`` and
    ``late`` (see the module doc)."""
    units: dict[str, UnitRecords | None] = {}
    return [_entry(session, units, letter, today)
            for letter in _issued(session, unit_code, None)]


@operation("office.read")
def office_letter(session: Session, letter_id: int, *, today: date | None = None
                  ) -> dict[str, Any]:
    """One issued letter as :func:`letter_answers_at_office` gives it; ValidationError when this
    office issued no letter ``letter_id``."""
    rows = _issued(session, None, int(letter_id))
    if not rows:
        raise ValidationError(_NO_LETTER, id=letter_id)
    return _entry(session, {}, rows[0], today)

