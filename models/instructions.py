"""Downward instructions (上级来文): campaign definitions, templates and 执法监督意见书 that the
upper office sends to one of its units on the stick, signed by the office's unit seal key.

The office writes an instructions file (:func:`write_instructions`) for one registered unit: a
UTF-8 JSON file ``<unit code>-指令-<seq>.json``::

    {"format": "fieldledger-instructions/1", "office": {"code", "name"}, "unit": {"code"},
     "seq", "issued_at", "campaigns": [...], "templates": [...], "letters": [...],
     "key_id", "signature"}

``seq`` numbers the files written for that unit (1, 2, …; ``instructions_out``); ``campaigns``
are full campaign definitions (:func:`campaign_definition`), ``templates`` the JSON form of
models.template_io (``Template.to_dict``), ``letters`` the 执法监督意见书 chosen
(:func:`issue_letter`, each with its ``uid``). ``signature`` is the Ed25519 signature (base64)
by the seal key ``key_id`` over the canonical JSON of every other field, as for receipts
(:func:`models.receipts.signed_bytes`). docs/package-format.md specifies the format.

The station checks a file against the office it registered for receipts
(:func:`models.receipts.registered_office`) and trusts nothing in it: :func:`read_instructions`
(the checks in :mod:`models.instructions_check`)
gives a preview after the full check, :func:`import_instructions` applies it in one transaction
— campaigns upserted by 文号 (by title when there is none) with a ``campaign_origins`` row,
templates installed as models.templates does (a content already there is not added again),
letters stored as received — and records the file in ``instructions_in``. The same file again
changes nothing; a file whose number is not above the last one imported from that office is
refused (an old file copied again, or two different files under one number).
"""
from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from . import campaigns, keys, package_out, templates, validate
from .audit import canonical
from .errors import NotFound, ValidationError
from .files import remove_quietly, write_file
from .i18n import QT_TRANSLATE_NOOP
from .instructions_check import (FORMAT, MAX_ENTRIES, MAX_NUMBER_CHARS, MAX_PROBLEM_CHARS,
                                 MAX_PROBLEMS, MAX_REQUIREMENTS_CHARS, Checked, already_imported,
                                 check_file, check_number, own_unit, read_file, summary)
from .permissions import operation
from .receipts import signed_bytes
from .session import Session, now_text
from .store import Changes, Store, Writer

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
_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "来文文件“{path}”在核验之后被改动或替换了，未导入。请重新选择文件核验。")


# --- shared ---------------------------------------------------------------------------------------

def instructions_file_name(unit_code: str, seq: int) -> str:
    """``<unit code>-指令-<seq>.json`` (unsafe characters of the code become ``_``)."""
    return f"{package_out._safe_name(unit_code)}-指令-{seq}.json"


def campaign_definition(conn: Any, campaign_id: int) -> dict[str, Any]:
    """The campaign as an instructions file carries it: its own fields, category names, phases
    and materials in order, a material with a rule also with its ``kind``, ``monthly_day`` and
    ``month_offset`` (NotFound when there is no such campaign)."""
    row = conn.execute("SELECT title, doc_no, issuer, kind, start_date, end_date, note"
                       " FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()
    if row is None:
        raise NotFound(what="专项行动", key=campaign_id)
    out = dict(zip(("title", "doc_no", "issuer", "kind", "start_date", "end_date", "note"), row))
    out["categories"] = [name for (name,) in conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position, id",
        (campaign_id,))]
    out["phases"] = [dict(zip(("name", "start_date", "deadline", "note"), r)) for r in conn.execute(
        "SELECT name, start_date, deadline, note FROM campaign_phases WHERE campaign_id = ?"
        " ORDER BY position, id", (campaign_id,))]
    out["materials"] = []
    for r in conn.execute(
            "SELECT m.name, m.due_date, m.note, r.kind, r.monthly_day, r.month_offset"
            " FROM campaign_materials m LEFT JOIN campaign_material_rules r"
            " ON r.material_id = m.id WHERE m.campaign_id = ? ORDER BY m.position, m.id",
            (campaign_id,)):
        material = dict(zip(("name", "due_date", "note"), r[:3]))
        if r[3] or r[4] is not None:    # a rule: which ledger supplies it, a monthly due day
            material.update(kind=r[3] or "", monthly_day=r[4], month_offset=int(r[5] or 0))
        out["materials"].append(material)
    return out


def _letter_row(row: dict[str, Any]) -> dict[str, Any]:
    try:
        row["problems"] = json.loads(row["problems"])
    except (TypeError, ValueError):
        row["problems"] = [str(row["problems"])]
    return row


# --- the office: letters --------------------------------------------------------------------------

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
    return [_letter_row(r) for r in rows]


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


# --- the office: writing a file -------------------------------------------------------------------

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
                                 "problems": _letter_row(dict(r))["problems"],
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


# --- the station: comparing with what is here -----------------------------------------------------

def _find_campaign(conn: Any, definition: dict[str, Any]) -> int | None:
    if definition["doc_no"]:
        row = conn.execute("SELECT id FROM campaigns WHERE doc_no = ? ORDER BY id LIMIT 1",
                           (definition["doc_no"],)).fetchone()
    else:
        row = conn.execute("SELECT id FROM campaigns WHERE doc_no = '' AND title = ?"
                           " ORDER BY id LIMIT 1", (definition["title"],)).fetchone()
    return int(row[0]) if row else None


def _kept_categories(conn: Any, campaign_id: int, names: list[str]) -> list[str]:
    """Categories of the campaign the definition leaves out but problems here still use: they
    stay (after the office's), so no problem is left with a category its campaign lacks."""
    wanted = set(names)
    return [name for (name,) in conn.execute(
        "SELECT c.name FROM campaign_categories c WHERE c.campaign_id = ? AND EXISTS"
        " (SELECT 1 FROM problems p WHERE p.campaign_id = c.campaign_id AND p.category = c.name)"
        " ORDER BY c.position, c.id", (campaign_id,)) if name not in wanted]


def _campaign_state(conn: Any, definition: dict[str, Any]) -> tuple[int | None, str]:
    """(the campaign here, 'new' | 'changed' | 'same') for a checked definition."""
    cid = _find_campaign(conn, definition)
    if cid is None:
        return None, "new"
    planned = {**definition,
               "categories": definition["categories"]
               + _kept_categories(conn, cid, definition["categories"])}
    return cid, "same" if campaign_definition(conn, cid) == planned else "changed"


def _template_state(conn: Any, tpl: templates.Template) -> str:
    """'same' (this content is installed), 'version' (a new version of a template here) or
    'new'."""
    if conn.execute("SELECT 1 FROM templates WHERE code = ? AND content_sha256 = ?",
                    (tpl.code, tpl.content_sha256())).fetchone():
        return "same"
    if conn.execute("SELECT 1 FROM templates WHERE code = ?", (tpl.code,)).fetchone():
        return "version"
    return "new"


def _letter_state(conn: Any, letter: dict[str, Any]) -> str:
    return "same" if conn.execute(
        "SELECT 1 FROM supervision_letters WHERE uid = ? AND side = 'received'",
        (letter["uid"],)).fetchone() else "new"


class InstructionsPreview(NamedTuple):
    """What a checked file holds and what importing it would do. ``campaigns``: (title, 文号,
    state 'new' | 'changed' | 'same'); ``templates``: (name, version, state 'new' | 'version' |
    'same'); ``letters``: (number, deadline or None, state 'new' | 'same'). ``already``: this
    very file was imported before (importing it again changes nothing)."""

    path: Path
    sha256: str
    size: int
    office_code: str
    office_name: str
    seq: int
    issued_at: str
    campaigns: list[tuple[str, str, str]]
    templates: list[tuple[str, str, str]]
    letters: list[tuple[str, str | None, str]]
    already: bool

    def lines(self) -> list[str]:
        """The preview as lines of Chinese text (what the command line prints)."""
        states = {"new": "新增", "changed": "更新", "same": "无变化", "version": "新版本"}
        out = [f"上级来文：{self.path.name}（{self.size} 字节，SHA-256 {self.sha256}）",
               (f"来文单位：{self.office_name}（{self.office_code}），第 {self.seq} 号，"
                f"签发时间 {self.issued_at}；签名核验通过")]
        for title, doc_no, state in self.campaigns:
            out.append(f"专项行动：{title}" + (f"（{doc_no}）" if doc_no else "")
                       + f" —— {states[state]}")
        for name, version, state in self.templates:
            out.append(f"模板：{name} {version} —— {states[state]}")
        for number, deadline, state in self.letters:
            out.append(f"执法监督意见书：{number}，整改期限 {deadline or '未设定'}"
                       + ("" if state == "new" else " —— 已收到"))
        out.append("已导入过，无需再次导入。" if self.already else "核验通过，可以导入。")
        return out


def _preview(conn: Any, path: Path, checked: Checked, already: bool) -> InstructionsPreview:
    return InstructionsPreview(
        path, checked.sha256, checked.size, checked.office_code, checked.office_name,
        checked.seq, checked.issued_at,
        [(c["title"], c["doc_no"], _campaign_state(conn, c)[1]) for c in checked.campaigns],
        [(t.name, t.version, _template_state(conn, t)) for t in checked.templates],
        [(lt["number"], lt["deadline"], _letter_state(conn, lt)) for lt in checked.letters],
        already)


@operation("package.instructions")
def read_instructions(session: Session, path: str | Path) -> InstructionsPreview:
    """Check the instructions file at ``path`` completely (see the module doc) and say what it
    holds and what importing it would change; nothing is written. Raises ValidationError in
    Chinese for any file that must not be imported (also an older or equal number with other
    content); the file imported before gives a preview with ``already`` set."""
    path = Path(path)
    raw = read_file(path)
    conn = session.store.conn
    sha = hashlib.sha256(raw).hexdigest()
    checked = check_file(session, raw)
    already = already_imported(conn, sha)
    if not already:
        check_number(conn, checked)
    return _preview(conn, path, checked, already)


# --- the station: importing -----------------------------------------------------------------------

class InstructionsImported(Changes):
    """What :func:`import_instructions` changed, and in words: the office, the file's number,
    how many campaigns were added and updated, templates installed and letters received;
    ``already`` when the file had been imported before (nothing changed)."""

    def __init__(self, changes: Changes, *, office_name: str, seq: int, already: bool = False,
                 campaigns_added: int = 0, campaigns_updated: int = 0,
                 templates_added: int = 0, letters_added: int = 0) -> None:
        super().__init__()
        self.rows = changes.rows
        self.head_seq = changes.head_seq
        self.office_name = office_name
        self.seq = seq
        self.already = already
        self.campaigns_added = campaigns_added
        self.campaigns_updated = campaigns_updated
        self.templates_added = templates_added
        self.letters_added = letters_added


def _by_name(existing: dict[int, dict[str, Any]], rows: list[dict[str, Any]]) -> list[int | None]:
    """Ids of the existing rows with the names of ``rows`` (each used once), None for new."""
    free: dict[str, list[int]] = {}
    for rid, row in existing.items():
        free.setdefault(row["name"], []).append(rid)
    return [free[row["name"]].pop(0) if free.get(row["name"]) else None for row in rows]


def _apply_campaign(w: Writer, session: Session, definition: dict[str, Any], stamp: str
                    ) -> tuple[int, str]:
    """Insert or bring up to date one checked campaign definition; (id, state)."""
    conn = w.conn
    cid, state = _campaign_state(conn, definition)
    fields = {k: definition[k] for k in ("title", "doc_no", "issuer", "kind", "start_date",
                                         "end_date", "note")}
    if cid is None:
        cid = int(w.insert("campaigns", {**fields, "created_at": stamp, "updated_at": stamp}))
        campaigns._children(w, cid, definition["categories"], definition["phases"],
                            definition["materials"])
        return cid, state
    if state == "same":
        return cid, state
    existing = {rid: name for rid, name in conn.execute(
        "SELECT id, name FROM campaign_categories WHERE campaign_id = ?", (cid,))}
    ids = {name: rid for rid, name in existing.items()}
    names = definition["categories"] + _kept_categories(conn, cid, definition["categories"])
    items = [{"id": ids[name], "name": name} if name in ids else name for name in names]
    campaigns._save_categories(w, cid, campaigns._plan_categories(session, cid, items), stamp)
    for table, key in (("campaign_phases", "phases"), ("campaign_materials", "materials")):
        current = campaigns._existing(session, table, cid)
        rows = definition[key]
        rules = [campaigns.rule_values(r, whole=True) for r in rows] \
            if table == "campaign_materials" else None   # the office's rules (none: no rule)
        campaigns._save_rows(w, table, cid, _by_name(current, rows), rows, current, rules)
    w.update("campaigns", cid, {**fields, "updated_at": stamp})
    return cid, state


def _apply_origin(w: Writer, campaign_id: int, checked: Checked, changed: bool,
                  stamp: str) -> None:
    row = w.conn.execute("SELECT office_code, office_name FROM campaign_origins"
                         " WHERE campaign_id = ?", (campaign_id,)).fetchone()
    values = {"office_code": checked.office_code, "office_name": checked.office_name,
              "received_at": stamp, "instruction_sha256": checked.sha256}
    if row is None:
        w.insert("campaign_origins", {"campaign_id": campaign_id, **values})
    elif changed or tuple(row) != (checked.office_code, checked.office_name):
        w.update("campaign_origins", campaign_id, values)


def _imported_before(store: Store, sha256: str) -> InstructionsImported:
    seq, contents = store.conn.execute("SELECT seq, contents FROM instructions_in"
                                       " WHERE sha256 = ?", (sha256,)).fetchone()
    office = json.loads(contents).get("office") or {}
    return InstructionsImported(Changes(), office_name=str(office.get("name", "")), seq=seq,
                                already=True)


@operation("package.instructions")
def import_instructions(session: Session, path: str | Path, *,
                        sha256: str | None = None) -> InstructionsImported:
    """Check the instructions file at ``path`` as :func:`read_instructions` does and apply it in
    one transaction (see the module doc); ``sha256``, when given, must be the file's (the one
    previewed). The file imported before changes nothing (``already``). Raises ValidationError
    in Chinese for a file that must not be imported; then nothing is changed."""
    path = Path(path)
    raw = read_file(path)
    store = session.store
    digest = hashlib.sha256(raw).hexdigest()
    if sha256 is not None and sha256 != digest:
        raise ValidationError(_CHANGED, path=path.name)
    if already_imported(store.conn, digest):      # byte for byte a file imported before
        return _imported_before(store, digest)
    checked = check_file(session, raw)
    counts = {"campaigns_added": 0, "campaigns_updated": 0, "templates_added": 0,
              "letters_added": 0}
    ours, our_name = own_unit(store, session.unit_id)
    stamp = now_text()
    source = f"{checked.office_name}第 {checked.seq} 号来文"
    with store.write(session.actor) as w:
        if already_imported(w.conn, digest):                # imported meanwhile by another process
            return _imported_before(store, digest)
        check_number(w.conn, checked)
        for definition in checked.campaigns:
            cid, state = _apply_campaign(w, session, definition, stamp)
            if state == "new":
                counts["campaigns_added"] += 1
            elif state == "changed":
                counts["campaigns_updated"] += 1
            _apply_origin(w, cid, checked, state != "same", stamp)
        for tpl in checked.templates:
            _tid, created = templates._install(w, session, tpl, source)
            counts["templates_added"] += created
        for letter in checked.letters:
            if _letter_state(w.conn, letter) == "same":
                continue
            w.insert("supervision_letters", {
                "uid": letter["uid"], "side": "received", "number": letter["number"],
                "issuer_code": checked.office_code, "issuer_name": checked.office_name,
                "unit_code": ours, "unit_name": our_name, "campaign": letter["campaign"],
                "problems": canonical(letter["problems"]),
                "requirements": letter["requirements"], "deadline": letter["deadline"],
                "issued_at": letter["issued_at"], "sent_at": checked.issued_at,
                "received_at": stamp, "instruction_sha256": digest,
                "account_id": session.account_id, "created_at": stamp, "updated_at": stamp})
            counts["letters_added"] += 1
        w.insert("instructions_in", {
            "office_code": checked.office_code, "seq": checked.seq, "contents": checked.summary,
            "sha256": digest, "signing_key": checked.key_id, "created": checked.issued_at,
            "imported_at": stamp, "account_id": session.account_id})
    return InstructionsImported(w.changes, office_name=checked.office_name, seq=checked.seq,
                                **counts)


# --- the station: reading -------------------------------------------------------------------------

@operation("problem.read")
def received_letters(session: Session, *, today: date | None = None) -> list[dict[str, Any]]:
    """The 执法监督意见书 received from the office, newest first, each with ``problems`` (a
    list), the answer's ``answer_id``, ``answer_status`` (None: not answered, 'draft',
    'signed') and ``answer_signed_at`` (models.letters), and ``overdue``: its deadline has
    passed and its answer is not signed (:func:`models.letters.is_overdue`)."""
    from .letters import is_overdue
    rows = session.store.query(
        "SELECT l.*, a.id AS answer_id, a.status AS answer_status,"
        " a.signed_at AS answer_signed_at FROM supervision_letters l"
        " LEFT JOIN letter_answers a ON a.letter_id = l.id WHERE l.side = 'received'"
        " ORDER BY coalesce(l.issued_at, l.received_at) DESC, l.id DESC")
    for row in rows:
        _letter_row(row)
        row["overdue"] = is_overdue(row["deadline"], row["answer_status"] == "signed", today)
    return rows


@operation("problem.read")
def imported_instructions(session: Session) -> list[dict[str, Any]]:
    """The instructions files imported here, newest first, with ``contents`` decoded (the
    office, and the campaigns, templates and letters the file held) and ``office_name``."""
    rows = session.store.query("SELECT * FROM instructions_in ORDER BY imported_at DESC, id DESC")
    for row in rows:
        row["contents"] = json.loads(row["contents"])
        row["office_name"] = str((row["contents"].get("office") or {}).get("name", ""))
    return rows
