"""Evidence files (印证资料) of self-check answers: photos, scans, PDFs attached to an answered item,
whatever the answer (符合, 不符合 or 不适用).

The files go into the same content-hash store as the evidence of problems, with the same checks
(type by extension and content, not empty, at most :data:`models.evidence.MAX_FILE_SIZE`):
:func:`models.evidence.take_in`. Each ``selfcheck_evidence`` row refers to one answer; a stored
file goes when no row of either table refers to it any more.

Anyone who may fill self-checks may attach and list; a file is removed only by the person who
added it or by a chief (负责人).
"""
from __future__ import annotations

import os
from typing import Any

from . import evidence
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import Role, operation
from .session import Session, now_text
from .store import Changes

_NOT_YOURS = QT_TRANSLATE_NOOP(
    "errors", "印证资料“{name}”是{who}添加的，只有添加者本人或负责人可以删除。")


def _answer(session: Session, answer_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM selfcheck_answers WHERE id = ?", (answer_id,))
    if not rows:
        raise NotFound(what="自查条目", key=answer_id)
    return rows[0]


@operation("selfcheck.fill")
def attach_file(session: Session, answer_id: int,
                source_path: str | os.PathLike[str]) -> Changes:
    """Add the file at ``source_path`` to the answer ``answer_id`` (an item must be answered
    before files are attached to it).

    Refuses, before anything is written, what :func:`models.evidence.take_in` refuses (wrong
    type or content, empty, too large), each with a Chinese message naming the file.
    """
    answer = _answer(session, answer_id)
    store = session.store
    taken = evidence.take_in(store, source_path)
    try:
        stamp = now_text()
        with store.write(session.actor) as w:
            w.insert("selfcheck_evidence", {
                "answer_id": answer_id, "sha256": taken.copied.sha256,
                "size": taken.copied.size, "media_type": taken.ftype.media_type,
                "original_name": taken.name, "original_mtime": taken.original_mtime,
                "account_id": session.account_id, "added_at": stamp})
            w.update("selfchecks", answer["selfcheck_id"], {"updated_at": stamp})
    except BaseException:
        evidence.forget(store, taken)
        raise
    return w.changes


def _rows(session: Session, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    rows = session.store.query(
        "SELECT e.*, a.username FROM selfcheck_evidence e"
        f" LEFT JOIN accounts a ON a.id = e.account_id WHERE {where} ORDER BY e.id", params)
    for row in rows:
        row["path"] = evidence.path_of(session.store, row)
    return rows


@operation("selfcheck.read")
def list_files(session: Session, answer_id: int) -> list[dict[str, Any]]:
    """The files of an answer, oldest first: the rows plus ``username`` (who added it) and
    ``path`` (the stored file, for opening)."""
    _answer(session, answer_id)
    return _rows(session, "e.answer_id = ?", (answer_id,))


def files_of_selfcheck(session: Session, selfcheck_id: int) -> dict[int, list[dict[str, Any]]]:
    """Answer id -> its files (as :func:`list_files`) for every answer of a self-check. Not an
    operation: the caller has checked the permission to read the self-check."""
    out: dict[int, list[dict[str, Any]]] = {}
    for row in _rows(session, "e.answer_id IN (SELECT id FROM selfcheck_answers"
                              " WHERE selfcheck_id = ?)", (selfcheck_id,)):
        out.setdefault(int(row["answer_id"]), []).append(row)
    return out


@operation("selfcheck.fill")
def remove_file(session: Session, file_id: int) -> Changes:
    """Remove one file of an answer (audited): only the person who added it or a chief may.
    The stored file goes too unless another row still refers to the same content."""
    store = session.store
    rows = _rows(session, "e.id = ?", (file_id,))
    if not rows:
        raise NotFound(what="印证资料", key=file_id)
    row = rows[0]
    if row["account_id"] != session.account_id and Role.CHIEF not in session.roles:
        raise ValidationError(_NOT_YOURS, name=row["original_name"],
                              who=row["username"] or "其他人")
    answer = _answer(session, int(row["answer_id"]))
    with store.write(session.actor) as w:
        w.delete("selfcheck_evidence", file_id)
        w.update("selfchecks", answer["selfcheck_id"], {"updated_at": now_text()})
    evidence.remove_unreferenced(store, row["sha256"])
    return w.changes
