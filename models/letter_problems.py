"""Problems of a received 执法监督意见书 hung on the problem ledger (转为台账问题…).

:func:`problems_from_letter` hangs chosen problems of a letter, each a 待整改 problem with source
执法监督意见书, ``source_ref`` ``letter:<uid>:<n>`` (the letter's uid, so the reference means the
same letter at the unit and the office), 整改时限 the letter's deadline and 备注 naming the
letter; a reference already on the ledger is not hung again, whatever became of that problem.
The campaign is the one the letter names when it is here (:func:`letter_campaign`), the category
the one the problem's words name (:func:`guess_category`) unless the user chooses one.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .letters import received_letter
from .permissions import operation
from .session import Session, own_unit_id
from .store import Changes

_NO_PROBLEM_CHOSEN = QT_TRANSLATE_NOOP("errors", "请至少选择意见书中的一个问题。")
_BAD_INDEX = QT_TRANSLATE_NOOP("errors", "意见书中没有第 {n} 个问题（共 {count} 个）。")
_NEED_CATEGORY = QT_TRANSLATE_NOOP(
    "errors", "请为第 {n} 个问题选择问题类别（专项行动“{campaign}”的类别：{choices}）。")


def letter_ref(uid: str, n: int) -> str:
    """``source_ref`` of the problem hung for problem ``n`` (1-based) of letter ``uid``."""
    return f"letter:{uid}:{n}"


def hung_problems(conn: Any, uid: str) -> dict[int, dict[str, Any]]:
    """Problem number of the letter -> the ledger problem hung for it (id, seq_no, status,
    campaign_id), the newest when there are several."""
    out: dict[int, dict[str, Any]] = {}
    prefix = f"letter:{uid}:"
    for pid, seq_no, status, campaign_id, ref in conn.execute(
            "SELECT id, seq_no, status, campaign_id, source_ref FROM problems"
            " WHERE source = 'supervision_letter' AND substr(source_ref, 1, ?) = ?"
            " ORDER BY id", (len(prefix), prefix)):
        try:
            out[int(ref[len(prefix):])] = {"id": pid, "seq_no": seq_no, "status": status,
                                           "campaign_id": campaign_id}
        except ValueError:
            continue
    return out


class Hung(Changes):
    """What :func:`problems_from_letter` did: ``created`` (problem number, problem id, 序号)
    and ``skipped`` (numbers already on the ledger)."""

    def __init__(self, changes: Changes, created: list[tuple[int, int, int]],
                 skipped: list[int]) -> None:
        super().__init__()
        self.rows = changes.rows
        self.head_seq = changes.head_seq
        self.created = created
        self.skipped = skipped


def letter_campaign(conn: Any, letter: Mapping[str, Any]) -> int | None:
    """The campaign here that the letter names (its 文号, else its title, within the letter's
    campaign text), or None."""
    text = str(letter.get("campaign") or "").strip()
    if not text:
        return None
    for cid, title, doc_no in conn.execute("SELECT id, title, doc_no FROM campaigns"
                                           " ORDER BY id DESC"):
        if doc_no and doc_no in text:
            return int(cid)
    for cid, title, _doc_no in conn.execute("SELECT id, title, doc_no FROM campaigns"
                                            " ORDER BY id DESC"):
        if title and title in text:
            return int(cid)
    return None


def campaign_categories(conn: Any, campaign_id: int | None) -> list[str]:
    if campaign_id is None:
        return []
    return [name for (name,) in conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position, id",
        (campaign_id,))]


def guess_category(categories: list[str], text: str) -> str | None:
    """The category a letter's problem falls under: one named in its text, else 其他问题 / 其他
    when the campaign has it; None when neither (the user chooses). Without categories,
    其他问题."""
    if not categories:
        return "其他问题"
    for name in categories:
        if name in text:
            return name
    return next((n for n in ("其他问题", "其他") if n in categories), None)


_FROM_LETTER: Any = object()


@operation("problem.edit")
def problems_from_letter(session: Session, letter_id: int, indexes: Iterable[int], *,
                         campaign_id: int | None = _FROM_LETTER, category: str | None = None,
                         responsible_person_id: int | None = None) -> Hung:
    """Hang problems ``indexes`` (1-based numbers) of received letter ``letter_id`` on the
    ledger, each a 待整改 problem with source 执法监督意见书, ``source_ref``
    ``letter:<uid>:<n>``, 整改时限 the letter's deadline and a note naming the letter in 备注.
    ``campaign_id`` defaults to the campaign the letter names (:func:`letter_campaign`);
    ``category`` None takes :func:`guess_category` for each problem. A problem already hung for
    its reference is skipped (doing it twice hangs nothing more).

    Raises ValidationError (no number, a number not in the letter, no category to be found),
    NotFound (campaign, responsible person)."""
    from . import problem_links, problems
    numbers = sorted({int(i) for i in indexes})
    if not numbers:
        raise ValidationError(_NO_PROBLEM_CHOSEN)
    store = session.store
    letter = received_letter(store.conn, letter_id)
    count = len(letter["problems"])
    for n in numbers:
        if not 1 <= n <= count:
            raise ValidationError(_BAD_INDEX, n=n, count=count)
    cid = letter_campaign(store.conn, letter) if campaign_id is _FROM_LETTER else campaign_id
    if cid is not None and not store.conn.execute("SELECT 1 FROM campaigns WHERE id = ?",
                                                  (cid,)).fetchone():
        from .errors import NotFound
        raise NotFound(what="专项行动", key=cid)
    categories = campaign_categories(store.conn, cid)
    chosen: dict[int, str] = {}
    for n in numbers:
        name = category or guess_category(categories, letter["problems"][n - 1])
        if name is None:
            title = store.conn.execute("SELECT title FROM campaigns WHERE id = ?",
                                       (cid,)).fetchone()[0]
            raise ValidationError(_NEED_CATEGORY, n=n, campaign=title,
                                  choices="、".join(categories))
        chosen[n] = name
    unit_id = session.unit_id if session.unit_id is not None else own_unit_id(store)
    created: list[tuple[int, int, int]] = []
    skipped: list[int] = []
    with store.write(session.actor) as w:
        for n in numbers:
            ref = letter_ref(letter["uid"], n)
            if w.conn.execute("SELECT 1 FROM problems WHERE source_ref = ?", (ref,)).fetchone():
                skipped.append(n)
                continue
            text = letter["problems"][n - 1]
            limit = problems._TEXT_FIELDS["issue"][2]
            fields: dict[str, Any] = {
                "category": chosen[n], "source": "supervision_letter", "source_ref": ref,
                "deadline": letter["deadline"], "responsible_person_id": responsible_person_id,
                "remarks": f"执法监督意见书 {letter['number']}（{letter['issuer_name']}）"
                           f"第 {n} 项"}
            if len(text) > limit:
                fields.update(issue=text[:limit - 1] + "…", manifestation=text)
            else:
                fields["issue"] = text
            pid = problem_links.hang(w, session, campaign_id=cid, unit_id=int(unit_id),
                                     fields=fields,
                                     event_note=f"由执法监督意见书 {letter['number']} 转入")
            seq_no = w.conn.execute("SELECT seq_no FROM problems WHERE id = ?",
                                    (pid,)).fetchone()[0]
            created.append((n, pid, int(seq_no)))
    return Hung(w.changes, created, skipped)
