"""The upper office's side of downward instructions (上级来文; models.instructions describes the
file and holds the unit's side).

The office records each 执法监督意见书 it issues to one of its registered units
(:func:`issue_letter`, ``supervision_letters`` side 'issued'; :func:`list_letters` lists them,
and at a unit those received) and writes the next signed instructions file for a unit onto the
stick (:func:`write_instructions`): numbered per unit, holding the campaigns, template versions
and letters chosen, signed by the office's unit seal key the acting chief holds, recorded in
``instructions_out`` (:func:`sent_instructions` lists those files). A letter travels with the
next file that includes it, which sets its ``sent_at``.
"""
from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from . import keys, package_out, templates, validate
from .audit import canonical
from .errors import ValidationError
from .files import remove_quietly, write_file
from .i18n import QT_TRANSLATE_NOOP
from .instructions import campaign_definition, letter_row
from .instructions_check import (
    FORMAT,
    MAX_ENTRIES,
    MAX_NUMBER_CHARS,
    MAX_PROBLEM_CHARS,
    MAX_PROBLEMS,
    MAX_REQUIREMENTS_CHARS,
    own_unit,
    summary,
)
from .permissions import operation
from .receipts import signed_bytes
from .session import Session, now_text
from .store import Changes, Store

# --- messages -------------------------------------------------------------------------------------

_NO_UNIT = QT_TRANSLATE_NOOP("errors", "没有登记代码为“{code}”的下级单位。")
_NO_CODE = QT_TRANSLATE_NOOP(
    "errors", "本单位没有单位代码，无法下发指令。请在“设置 → 本单位”中填写单位代码。")
_NO_NUMBER = QT_TRANSLATE_NOOP("errors", "请填写执法监督意见书的编号（如 果交执法监〔2024〕3号）。")
_LONG_NUMBER = QT_TRANSLATE_NOOP("errors", "意见书编号太长（最多 {limit} 个字）。")
_NUMBER_USED = QT_TRANSLATE_NOOP("errors", "编号“{number}”已用于另一份执法监督意见书，请换一个编号。")
_NO_PROBLEMS = QT_TRANSLATE_NOOP("errors", "请至少填写一个存在的问题（每行一个）。")
_MANY_PROBLEMS = QT_TRANSLATE_NOOP("errors", "存在的问题太多（最多 {limit} 个）。")
_LONG_PROBLEM = QT_TRANSLATE_NOOP("errors", "第 {n} 个问题太长（最多 {limit} 个字）。")
_LONG_REQUIREMENTS = QT_TRANSLATE_NOOP("errors", "整改要求太长（最多 {limit} 个字）。")
_NOTHING = QT_TRANSLATE_NOOP(
    "errors", "请至少选择一项要下发的内容（专项行动、模板或执法监督意见书）。")
_TOO_MANY = QT_TRANSLATE_NOOP("errors", "一次最多下发 {limit} 个专项行动、{limit} 个模板和 {limit} 份意见书。")
_BAD_LETTERS = QT_TRANSLATE_NOOP(
    "errors", "所选执法监督意见书不是发给“{unit}”的（编号 {ids}），不能下发。")


# --- letters --------------------------------------------------------------------------------------

def _problem_list(problems: Iterable[str]) -> list[str]:
    items = [str(p).strip() for p in problems if str(p or "").strip()]
    if not items:
        raise ValidationError(_NO_PROBLEMS)
    if len(items) > MAX_PROBLEMS:
        raise ValidationError(_MANY_PROBLEMS, limit=MAX_PROBLEMS)
    for n, text in enumerate(items, 1):
        if len(text) > MAX_PROBLEM_CHARS:
            raise ValidationError(_LONG_PROBLEM, n=n, limit=MAX_PROBLEM_CHARS)
    return items


@operation("office.instruct")
def issue_letter(session: Session, *, unit_code: str, number: str, problems: Iterable[str],
                 requirements: str = "", deadline: date | str | None = None,
                 campaign: str = "") -> Changes:
    """Record a 执法监督意见书 issued by this office to the registered unit ``unit_code``
    (``supervision_letters`` side 'issued', a new ``uid``); it travels with the next
    instructions file that includes it. ``problems`` are the problems found, one text each
    (empty lines dropped); ``deadline`` is the rectification deadline (None: none).

    Raises ValidationError (Chinese): unknown unit, no unit code of this office, no or too long
    number, a number already used, no problems, texts too long, a bad date."""
    store = session.store
    from .office_units import unit_by_code
    unit = unit_by_code(store, (unit_code or "").strip())
    if unit is None:
        raise ValidationError(_NO_UNIT, code=unit_code)
    office_code, office_name = own_unit(store, session.unit_id)
    if not office_code:
        raise ValidationError(_NO_CODE)
    number = (number or "").strip()
    if not number:
        raise ValidationError(_NO_NUMBER)
    if len(number) > MAX_NUMBER_CHARS:
        raise ValidationError(_LONG_NUMBER, limit=MAX_NUMBER_CHARS)
    items = _problem_list(problems)
    requirements = (requirements or "").strip()
    if len(requirements) > MAX_REQUIREMENTS_CHARS:
        raise ValidationError(_LONG_REQUIREMENTS, limit=MAX_REQUIREMENTS_CHARS)
    due = validate.iso_date(deadline, "整改时限")
    campaign = validate.text(campaign, "专项行动", required=False, limit=200)
    stamp = now_text()
    with store.write(session.actor) as w:
        if w.conn.execute("SELECT 1 FROM supervision_letters WHERE side = 'issued' AND number = ?",
                          (number,)).fetchone():
            raise ValidationError(_NUMBER_USED, number=number)
        w.insert("supervision_letters", {
            "uid": uuid.uuid4().hex, "side": "issued", "number": number,
            "issuer_code": office_code, "issuer_name": office_name, "unit_code": unit["code"],
            "unit_name": unit["name"], "campaign": campaign, "problems": canonical(items),
            "requirements": requirements, "deadline": due, "issued_at": stamp, "sent_at": None,
            "received_at": None, "instruction_sha256": None, "account_id": session.account_id,
            "created_at": stamp, "updated_at": stamp})
    return w.changes


@operation("office.read")
def list_letters(session: Session, side: str, *, unit_code: str | None = None
                 ) -> list[dict[str, Any]]:
    """执法监督意见书 of ``side`` ('issued' at the office, 'received' at a unit), newest first,
    of one unit when ``unit_code`` is given; ``problems`` is the list of problem texts."""
    if side not in ("issued", "received"):
        raise ValueError(side)
    rows = session.store.query(
        "SELECT * FROM supervision_letters WHERE side = ? AND (? IS NULL OR unit_code = ?)"
        " ORDER BY coalesce(issued_at, created_at) DESC, id DESC", (side, unit_code, unit_code))
    return [letter_row(r) for r in rows]


@operation("office.read")
def sent_instructions(session: Session, unit_code: str | None = None) -> list[dict[str, Any]]:
    """The instructions files this office wrote (of one unit when given), newest first;
    ``contents`` decoded (campaigns, templates and letters listed)."""
    rows = session.store.query(
        "SELECT * FROM instructions_out WHERE ? IS NULL OR unit_code = ?"
        " ORDER BY created_at DESC, id DESC", (unit_code, unit_code))
    for row in rows:
        row["contents"] = json.loads(row["contents"])
    return rows


# --- writing a file -------------------------------------------------------------------------------

def instructions_file_name(unit_code: str, seq: int) -> str:
    """``<unit code>-指令-<seq>.json`` (unsafe characters of the code become ``_``)."""
    return f"{package_out._safe_name(unit_code)}-指令-{seq}.json"


class InstructionsWritten(Changes):
    """What :func:`write_instructions` wrote: the file (``path``, ``seq``, ``sha256``,
    ``size``) and how many campaigns, templates and letters it holds."""

    def __init__(self, changes: Changes, *, path: Path, seq: int, sha256: str, size: int,
                 campaigns: int, templates: int, letters: int) -> None:
        super().__init__()
        self.rows = changes.rows
        self.head_seq = changes.head_seq
        self.path = path
        self.seq = seq
        self.sha256 = sha256
        self.size = size
        self.campaigns = campaigns
        self.templates = templates
        self.letters = letters


def _chosen_letters(store: Store, unit: dict[str, Any], letter_ids: list[int]
                    ) -> list[dict[str, Any]]:
    if not letter_ids:
        return []
    marks = ", ".join("?" for _ in letter_ids)
    rows = store.query(f"SELECT * FROM supervision_letters WHERE id IN ({marks})"
                       " AND side = 'issued' AND unit_code = ? ORDER BY id",
                       (*letter_ids, unit["code"]))
    unknown = set(letter_ids) - {r["id"] for r in rows}
    if unknown:
        raise ValidationError(_BAD_LETTERS, unit=unit["name"],
                              ids="、".join(str(i) for i in sorted(unknown)))
    return rows


@operation("office.instruct")
def write_instructions(session: Session, unit_code: str, passphrase: str, target_dir: Path, *,
                       campaign_ids: Iterable[int] = (), template_ids: Iterable[int] = (),
                       letter_ids: Iterable[int] = ()) -> InstructionsWritten:
    """Write the next signed instructions file for the registered unit ``unit_code`` into
    ``target_dir`` (the stick; atomically) holding the given campaigns, template versions and
    issued letters of that unit; record it in ``instructions_out`` and set the letters'
    ``sent_at``. ``passphrase`` unlocks the office's unit seal key held by the acting chief.

    Raises ValidationError (unknown unit, no unit code, nothing chosen, too many entries,
    letters of another unit, no such folder), NotFound (a campaign or template id),
    ``keys.SealKeyMissing`` and the keys module's passphrase errors (then nothing is written),
    DiskFull / FileWriteFailed (then nothing is recorded)."""
    from .office_units import unit_by_code
    store = session.store
    unit = unit_by_code(store, (unit_code or "").strip())
    if unit is None:
        raise ValidationError(_NO_UNIT, code=unit_code)
    target_dir = package_out._check_folder(Path(target_dir))
    office_code, office_name = own_unit(store, session.unit_id)
    if not office_code:
        raise ValidationError(_NO_CODE)
    cids = list(dict.fromkeys(int(i) for i in campaign_ids))
    tids = list(dict.fromkeys(int(i) for i in template_ids))
    lids = list(dict.fromkeys(int(i) for i in letter_ids))
    if not (cids or tids or lids):
        raise ValidationError(_NOTHING)
    if max(len(cids), len(tids), len(lids)) > MAX_ENTRIES:
        raise ValidationError(_TOO_MANY, limit=MAX_ENTRIES)
    definitions = [campaign_definition(store.conn, cid) for cid in cids]
    template_docs = [templates.load_template(store.conn, tid).to_dict() for tid in tids]
    letters = _chosen_letters(store, unit, lids)
    key_id = keys.held_seal_key(session)
    path: Path | None = None
    digest: str | None = None
    # The key is opened before the transaction: a wrong passphrase is recorded in a write of
    # its own. The number is taken, signed and recorded inside one transaction.
    with keys.unlock(session, key_id, passphrase) as sign:
        try:
            with store.write(session.actor) as w:
                seq = w.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM instructions_out"
                                     " WHERE unit_code = ?", (unit["code"],)).fetchone()[0]
                document: dict[str, Any] = {
                    "format": FORMAT,
                    "office": {"code": office_code, "name": office_name},
                    "unit": {"code": unit["code"]},
                    "seq": seq,
                    "issued_at": package_out._utc_now(),
                    "campaigns": definitions,
                    "templates": template_docs,
                    "letters": [{"uid": r["uid"], "number": r["number"],
                                 "campaign": r["campaign"],
                                 "problems": letter_row(dict(r))["problems"],
                                 "requirements": r["requirements"], "deadline": r["deadline"],
                                 "issued_at": r["issued_at"]} for r in letters],
                    "key_id": key_id,
                }
                document["signature"] = base64.b64encode(
                    sign(signed_bytes(document))).decode("ascii")
                data = (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
                        + "\n").encode("utf-8")
                digest = hashlib.sha256(data).hexdigest()
                stamp = now_text()
                name = instructions_file_name(unit["code"], seq)
                w.insert("instructions_out", {
                    "unit_code": unit["code"], "seq": seq, "contents": summary(document),
                    "file_name": name, "sha256": digest, "size": len(data), "created_at": stamp,
                    "account_id": session.account_id})
                for r in letters:
                    w.update("supervision_letters", r["id"],
                             {"sent_at": stamp, "instruction_sha256": digest,
                              "updated_at": stamp})
                path = target_dir / name
                write_file(path, data.decode("utf-8"))
        except BaseException:
            if path is not None and digest is not None and _sha_of(path) == digest:
                remove_quietly(path)        # written, but the record was not committed
            raise
    assert path is not None and digest is not None
    return InstructionsWritten(w.changes, path=path, seq=seq, sha256=digest, size=len(data),
                               campaigns=len(definitions), templates=len(template_docs),
                               letters=len(letters))


def _sha_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
