"""Downward instructions (上级来文): campaign definitions, templates and 执法监督意见书 that the
upper office sends to one of its units on the stick, signed by the office's unit seal key. This
module holds what both sides share and the unit's side; the office's side (issuing letters,
writing the file) is :mod:`models.office_instructions`.

The office writes an instructions file (:func:`models.office_instructions.write_instructions`)
for one registered unit: a UTF-8 JSON file ``<unit code>-指令-<seq>.json``::

    {"format": "fieldledger-instructions/1", "office": {"code", "name"}, "unit": {"code"},
     "seq", "issued_at", "campaigns": [...], "templates": [...], "letters": [...],
     "key_id", "signature"}

``seq`` numbers the files written for that unit (1, 2, …; ``instructions_out``); ``campaigns``
are full campaign definitions (:func:`campaign_definition`), ``templates`` the JSON form of
models.template_io (``Template.to_dict``), ``letters`` the 执法监督意见书 chosen
(:func:`models.office_instructions.issue_letter`, each with its ``uid``). ``signature`` is the
Ed25519 signature (base64) by the seal key ``key_id`` over the canonical JSON of every other
field, as for receipts (:func:`models.receipts.signed_bytes`). docs/package-format.md specifies
the format.

The station checks a file against the office it registered for receipts
(:func:`models.receipts.registered_office`) and trusts nothing in it: :func:`read_instructions`
(the checks in :mod:`models.instructions_check`)
gives a preview after the full check, :func:`import_instructions` applies it in one transaction
— campaigns upserted by 文号 (by title when there is none) with a ``campaign_origins`` row,
templates installed as models.templates does (a content already there is not added again),
letters stored as received — and records the file in ``instructions_in``. The same file again
changes nothing; a file whose number is not above the last one imported from that office is
refused (an old file copied again, or two different files under one number).

:func:`received_letters` and :func:`imported_instructions` list what has come down.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from . import campaigns, templates
from .audit import canonical
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .instructions_check import (
    Checked,
    already_imported,
    check_file,
    check_number,
    own_unit,
    read_file,
)
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Store, Writer

# --- messages -------------------------------------------------------------------------------------

_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "来文文件“{path}”在核验之后被改动或替换了，未导入。请重新选择文件核验。")


# --- shared ---------------------------------------------------------------------------------------

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


def letter_row(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` of ``supervision_letters`` with its ``problems`` decoded into a list of texts (a
    value that is not JSON becomes a list of that one text); changes and returns ``row``."""
    try:
        row["problems"] = json.loads(row["problems"])
    except (TypeError, ValueError):
        row["problems"] = [str(row["problems"])]
    return row


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
        letter_row(row)
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
