"""Checking an instructions file at the station (models.instructions): read it within a size
limit, parse it strictly (no repeated keys, no NaN, no unknown fields), verify the signature with
the office registered for receipts, and check that it is for this unit and numbered above the
last file imported from that office. Trusts nothing in the file.

The format and its limits are here too, shared with the office's writer."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from . import campaigns, template_check, templates
from .audit import canonical
from .errors import FieldLedgerError, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .receipts import check_office_signature
from .session import Session
from .store import Store

#: The ``format`` of an instructions file.
FORMAT = "fieldledger-instructions/1"
#: Largest instructions file read.
MAX_INSTRUCTIONS_BYTES = 8 << 20
#: Most campaigns, templates or letters one file may hold (each).
MAX_ENTRIES = 200
#: Most problems one letter may list, and their longest text.
MAX_PROBLEMS, MAX_PROBLEM_CHARS = 100, 1000
MAX_NUMBER_CHARS, MAX_REQUIREMENTS_CHARS = 100, 4000

_TOP_FIELDS = frozenset({"format", "office", "unit", "seq", "issued_at", "campaigns",
                         "templates", "letters", "key_id", "signature"})
_CAMPAIGN_FIELDS = frozenset({"title", "doc_no", "issuer", "kind", "start_date", "end_date",
                              "note", "categories", "phases", "materials"})
_PHASE_FIELDS = frozenset({"name", "start_date", "deadline", "note"})
_MATERIAL_FIELDS = frozenset({"name", "due_date", "note"})
#: Optional fields of a material: its rule (models.campaigns.rule_values); absent in older files.
_MATERIAL_RULE_FIELDS = frozenset({"kind", "monthly_day", "month_offset"})
_LETTER_FIELDS = frozenset({"uid", "number", "campaign", "problems", "requirements", "deadline",
                            "issued_at"})
_UID = re.compile(r"[0-9a-f]{32}")

_UNREADABLE = QT_TRANSLATE_NOOP("errors", "无法读取文件“{path}”：{reason}")
_NOT_JSON = QT_TRANSLATE_NOOP(
    "errors", "这不是上级来文文件（无法读取其内容）。请选择上级单位下发的“…-指令-….json”文件。")
_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "来文文件过大（超过 {limit} 字节），不是有效的上级来文。")
_WRONG_FORMAT = QT_TRANSLATE_NOOP(
    "errors", "这不是上级来文文件（格式应为 {expected}，实际为“{found}”）。")
_BAD_FIELD = QT_TRANSLATE_NOOP("errors", "来文文件的“{item}”项缺失或有误，不能采信。")
_NO_OFFICE = QT_TRANSLATE_NOOP(
    "errors", "尚未登记上级单位，无法核验上级来文。请先用“登记上级单位…”导入上级单位的签章密钥登记文件。")
_OTHER_KEY = QT_TRANSLATE_NOOP(
    "errors", "这份来文自称由“{name}”（{code}）下发，但签名所用的密钥不是已登记的上级单位“{office}”的"
    "签章密钥，不能采信。请先用“登记上级单位…”登记下发这份来文的上级单位（上级单位更换了密钥时，"
    "重新登记其密钥登记文件），或请上级单位重新出具来文。")
_TAMPERED = QT_TRANSLATE_NOOP(
    "errors", "上级来文的签名核验不通过：文件在下发后被改动过，或不是上级单位出具的。不能采信，"
    "请向上级单位核实，或请其重新出具来文。")
_OTHER_OFFICE = QT_TRANSLATE_NOOP(
    "errors", "来文中的上级单位代码“{code}”与已登记的上级单位“{office}”（{office_code}）不符，不能采信。")
_OTHER_UNIT = QT_TRANSLATE_NOOP(
    "errors", "这份来文是下发给单位“{unit}”的，不是本单位（{ours}）的来文，未导入。")
_REPLAY = QT_TRANSLATE_NOOP(
    "errors", "这是上级单位的第 {seq} 号来文，本单位已导入过更新的第 {last} 号来文：较早的来文不能"
    "再导入（可能是旧文件被重新拷贝）。如仍需要其中的内容，请上级单位重新下发。")
_EQUIVOCATION = QT_TRANSLATE_NOOP(
    "errors", "本单位已导入过上级单位的第 {seq} 号来文，但那一份与这份文件的内容不同：同一编号出现了"
    "两份不同的来文。不能采信，请向上级单位核实。")
_DUPLICATE = QT_TRANSLATE_NOOP("errors", "来文中“{name}”出现了不止一次，不能采信。")
_BAD_CAMPAIGN = QT_TRANSLATE_NOOP("errors", "来文中的第 {n} 个专项行动有误，不能采信：{reason}")
_BAD_TEMPLATE = QT_TRANSLATE_NOOP("errors", "来文中的第 {n} 个模板有误，不能采信：{reason}")


def own_unit(store: Store, unit_id: int) -> tuple[str, str]:
    row = store.conn.execute("SELECT code, name FROM units WHERE id = ?", (unit_id,)).fetchone()
    return ((row[0] or "").strip(), row[1]) if row else ("", "")


def summary(document: dict[str, Any]) -> str:
    """What ``instructions_out`` / ``instructions_in`` keep of a file's contents."""
    return canonical({
        "office": {"code": document["office"]["code"], "name": document["office"]["name"]},
        "campaigns": [{"title": c["title"], "doc_no": c["doc_no"]} for c in document["campaigns"]],
        "templates": [{"code": t["code"], "name": t["name"], "version": t["version"]}
                      for t in document["templates"]],
        "letters": [{"uid": lt["uid"], "number": lt["number"]} for lt in document["letters"]]})


# --- the station: reading and checking a file -----------------------------------------------------

class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def read_file(path: str | Path) -> bytes:
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_INSTRUCTIONS_BYTES + 1)
    except OSError as exc:
        raise ValidationError(_UNREADABLE, path=path.name,
                              reason=exc.strerror or str(exc)) from None
    if len(raw) > MAX_INSTRUCTIONS_BYTES:
        raise ValidationError(_TOO_LARGE, limit=MAX_INSTRUCTIONS_BYTES)
    return raw


def _parse(raw: bytes) -> dict[str, Any]:
    """The document of a file's bytes: UTF-8 JSON, no repeated keys, no NaN; the format."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        document = json.loads(text, object_pairs_hook=_no_duplicates,
                              parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError(_NOT_JSON) from None
    found = document.get("format") if isinstance(document, dict) else None
    if found != FORMAT:
        raise ValidationError(_WRONG_FORMAT, expected=FORMAT, found=str(found or "")[:60])
    return document


def _get(obj: Any, name: str, kind: type | tuple[type, ...], path: str = "") -> Any:
    value = obj.get(name) if isinstance(obj, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValidationError(_BAD_FIELD, item=path + name)
    return value


def _opt_text(obj: dict[str, Any], name: str, path: str, *, limit: int = 4000,
              nullable: bool = False) -> str | None:
    value = obj.get(name)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ValidationError(_BAD_FIELD, item=path + name)
    return value


def _exact_keys(obj: Any, allowed: frozenset[str], path: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ValidationError(_BAD_FIELD, item=path.rstrip(".") or "document")
    extra = sorted(set(obj) - allowed) or sorted(allowed - set(obj))
    if extra:
        raise ValidationError(_BAD_FIELD, item=path + extra[0])
    return obj


def _date_text(value: Any, item: str) -> str | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValidationError(_BAD_FIELD, item=item) from None


def _time_text(value: Any, item: str) -> str:
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError(value)
        datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(_BAD_FIELD, item=item) from None
    return value


def _entries(document: dict[str, Any], name: str) -> list[Any]:
    value = _get(document, name, list)
    if len(value) > MAX_ENTRIES:
        raise ValidationError(_BAD_FIELD, item=name)
    return value


def _material_keys(item: Any, where: str) -> None:
    """A material's fields: name, due_date and note, optionally its rule: ``kind`` (text),
    ``monthly_day`` (null or an integer 1-31) and ``month_offset`` (0 or 1)."""
    if not isinstance(item, dict):
        raise ValidationError(_BAD_FIELD, item=where.rstrip("."))
    extra = sorted(set(item) - _MATERIAL_FIELDS - _MATERIAL_RULE_FIELDS) \
        or sorted(_MATERIAL_FIELDS - set(item))
    if extra:
        raise ValidationError(_BAD_FIELD, item=where + extra[0])
    kind = item.get("kind", "")
    if not isinstance(kind, str) or len(kind) > 40:
        raise ValidationError(_BAD_FIELD, item=where + "kind")
    day = item.get("monthly_day")
    if day is not None and (not isinstance(day, int) or isinstance(day, bool)
                            or not 1 <= day <= 31):
        raise ValidationError(_BAD_FIELD, item=where + "monthly_day")
    offset = item.get("month_offset", 0)
    if not isinstance(offset, int) or isinstance(offset, bool) or offset not in (0, 1):
        raise ValidationError(_BAD_FIELD, item=where + "month_offset")


def _material(m: dict[str, Any]) -> dict[str, Any]:
    """A checked material as models.campaigns stores it, with its rule's fields only when it
    has a rule (as models.instructions.campaign_definition writes it)."""
    out = campaigns._material_values(m)
    rule = campaigns.rule_values(m, whole=True)
    if rule is not None and (rule["kind"] or rule["monthly_day"] is not None):
        out.update(rule)
    return out


def _check_campaign(n: int, raw: Any) -> dict[str, Any]:
    """A campaign definition of the file, checked field by field and normalised as
    models.campaigns stores it."""
    path = f"campaigns[{n}]."
    raw = _exact_keys(raw, _CAMPAIGN_FIELDS, path)
    for name in ("title", "doc_no", "issuer", "kind", "note"):
        _opt_text(raw, name, path)
    for name in ("start_date", "end_date"):
        _date_text(raw[name], path + name)
    lists = {}
    for name, fields in (("categories", None), ("phases", _PHASE_FIELDS),
                         ("materials", _MATERIAL_FIELDS)):
        items = _get(raw, name, list, path)
        if len(items) > MAX_ENTRIES:
            raise ValidationError(_BAD_FIELD, item=path + name)
        for i, item in enumerate(items, 1):
            where = f"{path}{name}[{i}]."
            if fields is None:
                if not isinstance(item, str) or len(item) > 200:
                    raise ValidationError(_BAD_FIELD, item=where.rstrip("."))
                continue
            if name == "materials":
                _material_keys(item, where)
            else:
                _exact_keys(item, fields, where)
            for key in fields:
                if key in ("start_date", "deadline", "due_date"):
                    _date_text(item[key], where + key)
                else:
                    _opt_text(item, key, where)
        lists[name] = items
    try:
        values = campaigns._campaign_values(raw)
        out = {**values, "categories": campaigns._category_names(lists["categories"]),
               "phases": [campaigns._phase_values(p) for p in lists["phases"]],
               "materials": [_material(m) for m in lists["materials"]]}
    except FieldLedgerError as exc:
        raise ValidationError(_BAD_CAMPAIGN, n=n, reason=str(exc)) from None
    return out


def _check_letter(n: int, raw: Any) -> dict[str, Any]:
    path = f"letters[{n}]."
    raw = _exact_keys(raw, _LETTER_FIELDS, path)
    uid = raw["uid"]
    if not isinstance(uid, str) or not _UID.fullmatch(uid):
        raise ValidationError(_BAD_FIELD, item=path + "uid")
    number = _opt_text(raw, "number", path, limit=MAX_NUMBER_CHARS)
    if not (number or "").strip():
        raise ValidationError(_BAD_FIELD, item=path + "number")
    problems = _get(raw, "problems", list, path)
    if not problems or len(problems) > MAX_PROBLEMS or any(
            not isinstance(p, str) or not p.strip() or len(p) > MAX_PROBLEM_CHARS
            for p in problems):
        raise ValidationError(_BAD_FIELD, item=path + "problems")
    return {"uid": uid, "number": number.strip(),
            "campaign": _opt_text(raw, "campaign", path, limit=200),
            "problems": [p.strip() for p in problems],
            "requirements": _opt_text(raw, "requirements", path, limit=MAX_REQUIREMENTS_CHARS),
            "deadline": _date_text(raw["deadline"], path + "deadline"),
            "issued_at": _time_text(raw["issued_at"], path + "issued_at")}


def _check_template(n: int, raw: Any) -> templates.Template:
    if not isinstance(raw, dict) or raw.get("format") != templates.FORMAT:
        raise ValidationError(_BAD_FIELD, item=f"templates[{n}].format")
    try:
        return template_check.from_dict(raw)
    except FieldLedgerError as exc:
        raise ValidationError(_BAD_TEMPLATE, n=n, reason=str(exc)) from None


class Checked(NamedTuple):
    """A file that passed every check."""

    sha256: str
    size: int
    office_code: str
    office_name: str
    seq: int
    issued_at: str
    key_id: str
    campaigns: list[dict[str, Any]]
    templates: list[templates.Template]
    letters: list[dict[str, Any]]
    summary: str


def _verify_signature(store: Store, document: dict[str, Any]) -> dict[str, Any]:
    """The registered office, once ``document`` is signed by its key."""
    return check_office_signature(store, document, _get, no_office=_NO_OFFICE,
                                  other_key=_OTHER_KEY, tampered=_TAMPERED)


def check_file(session: Session, raw: bytes) -> Checked:
    """Every check of a file's bytes short of what was imported before (see the module doc)."""
    store = session.store
    document = _parse(raw)
    office = _verify_signature(store, document)
    document = _exact_keys(document, _TOP_FIELDS, "")
    issuer = _exact_keys(document["office"], frozenset({"code", "name"}), "office.")
    code = _opt_text(issuer, "code", "office.", limit=60)
    name = _opt_text(issuer, "name", "office.", limit=200)
    if code != office["code"]:
        raise ValidationError(_OTHER_OFFICE, code=(code or "")[:60], office=office["name"],
                              office_code=office["code"])
    unit = _exact_keys(document["unit"], frozenset({"code"}), "unit.")
    ours, _our_name = own_unit(store, session.unit_id)
    unit_code = _opt_text(unit, "code", "unit.", limit=60)
    if unit_code != ours:
        raise ValidationError(_OTHER_UNIT, unit=(unit_code or "")[:60], ours=ours)
    seq = _get(document, "seq", int)
    if seq < 1:
        raise ValidationError(_BAD_FIELD, item="seq")
    issued_at = _time_text(document["issued_at"], "issued_at")
    checked_campaigns = [_check_campaign(n, c)
                         for n, c in enumerate(_entries(document, "campaigns"), 1)]
    seen: set[str] = set()
    for c in checked_campaigns:
        key = c["doc_no"] or "\x00" + c["title"]
        if key in seen:
            raise ValidationError(_DUPLICATE, name=c["doc_no"] or c["title"])
        seen.add(key)
    checked_templates = [_check_template(n, t)
                         for n, t in enumerate(_entries(document, "templates"), 1)]
    checked_letters = [_check_letter(n, lt)
                       for n, lt in enumerate(_entries(document, "letters"), 1)]
    if not (checked_campaigns or checked_templates or checked_letters):
        raise ValidationError(_BAD_FIELD, item="campaigns")
    uids = [lt["uid"] for lt in checked_letters]
    if len(set(uids)) != len(uids):
        raise ValidationError(_DUPLICATE, name=next(u for u in uids if uids.count(u) > 1))
    return Checked(hashlib.sha256(raw).hexdigest(), len(raw), code or "", name or "", seq,
                    issued_at, document["key_id"], checked_campaigns, checked_templates,
                    checked_letters, summary(document))


def already_imported(conn: Any, sha256: str) -> bool:
    return conn.execute("SELECT 1 FROM instructions_in WHERE sha256 = ?",
                        (sha256,)).fetchone() is not None


def check_number(conn: Any, checked: Checked) -> None:
    """Refuse a file whose number is not above the last one imported from its office."""
    last = conn.execute("SELECT max(seq) FROM instructions_in WHERE office_code = ?",
                        (checked.office_code,)).fetchone()[0]
    if last is None or checked.seq > last:
        return
    if conn.execute("SELECT 1 FROM instructions_in WHERE office_code = ? AND seq = ?",
                    (checked.office_code, checked.seq)).fetchone():
        raise ValidationError(_EQUIVOCATION, seq=checked.seq)
    raise ValidationError(_REPLAY, seq=checked.seq, last=last)
