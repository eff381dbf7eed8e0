"""Signed receipts (回执) for submission packages: the office acknowledges, the station's outbox
marks the packages delivered.

The office writes a receipt (:func:`write_receipt`) for the imported packages of one unit onto
the stick: a UTF-8 JSON file ``<unit code>-回执-<last seq>.json``::

    {"format": "fieldledger-receipt/1", "office": {"code", "name"}, "unit": {"code"},
     "packages": [{"seq", "sha256", "status", "imported_at"}, ...],
     "issued_at", "key_id", "signature"}

``signature`` is the Ed25519 signature (base64) by the office's unit seal key ``key_id`` over
the canonical JSON (:func:`models.audit.canonical`) of every other field.

The station registers its office once from the enrollment file of the office's unit seal key
(:func:`set_office`, kept in the settings row ``receipt_office``) and then imports receipts
(:func:`import_receipt`): the signature must verify with the registered key, the receipt must
name this unit, and every listed package must be in the outbox with the same sequence number
and SHA-256; then those packages are marked delivered and the next export starts after the
newest one's audit head. Importing the same receipt again changes nothing.
"""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Callable

from . import key_crypto, keys, package_out
from .audit import canonical
from .enrollment import read_enrollment
from .errors import ValidationError
from .files import write_file
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session
from .store import Changes, Store

#: The ``format`` of a receipt.
FORMAT = "fieldledger-receipt/1"
#: Settings key of the station's registered office (canonical JSON).
OFFICE_SETTING = "receipt_office"
#: Settings key prefix of the office's receipted package ids of a unit (``<prefix><unit code>``).
RECEIPTED_PREFIX = "office_receipted:"
#: Largest receipt file read.
MAX_RECEIPT_BYTES = 1 << 20

_NO_UNIT = QT_TRANSLATE_NOOP("errors", "没有登记代码为“{code}”的下级单位。")
_NOTHING = QT_TRANSLATE_NOOP(
    "errors", "“{unit}”还没有已导入的报送包，无法出具回执。")
_BAD_IDS = QT_TRANSLATE_NOOP(
    "errors", "所选报送包不是“{unit}”已导入的报送包（编号 {ids}），无法出具回执。")
_NO_CODE = QT_TRANSLATE_NOOP(
    "errors", "本单位没有单位代码，无法出具回执。请在“设置 → 本单位”中填写单位代码。")
_NOT_SEAL = QT_TRANSLATE_NOOP(
    "errors", "这是个人签名密钥的登记文件。登记上级单位请使用上级单位负责人导出的单位签章密钥登记文件。")
_OFFICE_NO_CODE = QT_TRANSLATE_NOOP(
    "errors", "登记文件中没有上级单位的单位代码，无法登记。请上级单位填写单位代码后重新导出。")
_NOT_JSON = QT_TRANSLATE_NOOP(
    "errors", "这不是报送回执文件（无法读取其内容）。请选择上级单位出具的“…-回执-….json”文件。")
_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "回执文件过大（超过 {limit} 字节），不是有效的回执。")
_WRONG_FORMAT = QT_TRANSLATE_NOOP(
    "errors", "这不是报送回执文件（格式应为 {expected}，实际为“{found}”）。")
_BAD_FIELD = QT_TRANSLATE_NOOP("errors", "回执文件的“{item}”项缺失或有误，不能采信。")
_NO_OFFICE = QT_TRANSLATE_NOOP(
    "errors", "尚未登记上级单位，无法核验回执。请先用“登记上级单位…”导入上级单位的签章密钥登记文件。")
_OTHER_OFFICE = QT_TRANSLATE_NOOP(
    "errors", "这份回执由“{name}”（{code}）出具，使用的密钥不是已登记的上级单位“{office}”的签章密钥，"
    "不能采信。如上级单位更换了密钥，请重新登记其密钥登记文件。")
_TAMPERED = QT_TRANSLATE_NOOP(
    "errors", "回执的签名核验不通过：文件在出具后被改动过，或不是上级单位出具的。不能采信，请向上级单位核实。")
_OTHER_UNIT = QT_TRANSLATE_NOOP(
    "errors", "这份回执是出具给单位“{unit}”的，不是本单位（{ours}）的回执。")
_NOT_IN_OUTBOX = QT_TRANSLATE_NOOP(
    "errors", "回执中的第 {seq} 号报送包不在本机的报送记录中。回执与本单位的报送不符，未作任何标记，"
    "请向上级单位核实。")
_OTHER_SHA = QT_TRANSLATE_NOOP(
    "errors", "回执中第 {seq} 号报送包的校验值与本机报送的不一致：上级单位收到的不是本单位发出的这份报送包。"
    "未作任何标记，请向上级单位核实。")


# --- the office: writing a receipt --------------------------------------------------------------

def signed_bytes(document: dict[str, Any]) -> bytes:
    """What a receipt's signature signs: the canonical JSON of all but ``signature``."""
    return canonical({k: v for k, v in document.items() if k != "signature"}).encode("utf-8")


def receipt_file_name(unit_code: str, last_seq: int) -> str:
    """``<unit code>-回执-<last seq>.json`` (unsafe characters of the code become ``_``)."""
    return f"{package_out._safe_name(unit_code)}-回执-{last_seq}.json"


def _receipted(store: Store, code: str) -> list[int]:
    value = store.setting(RECEIPTED_PREFIX + code, "") or ""
    return [int(part) for part in value.split(",") if part.strip()]


def _chosen(store: Store, unit: dict[str, Any], package_ids: Iterable[int] | None
            ) -> list[dict[str, Any]]:
    """The imported packages of ``unit`` the receipt lists, by sequence number."""
    imported = store.query("SELECT id, seq, sha256, status, received_at FROM office_packages"
                           " WHERE unit_id = ? AND status = 'imported' ORDER BY seq",
                           (unit["id"],))
    if not imported:
        raise ValidationError(_NOTHING, unit=unit["name"])
    if package_ids is not None:
        wanted = {int(i) for i in package_ids}
        chosen = [row for row in imported if row["id"] in wanted]
        unknown = wanted - {row["id"] for row in chosen}
        if unknown or not chosen:
            raise ValidationError(_BAD_IDS, unit=unit["name"],
                                  ids="、".join(str(i) for i in sorted(unknown)) or "-")
        return chosen
    done = set(_receipted(store, unit["code"]))
    fresh = [row for row in imported if row["id"] not in done]
    return fresh or imported[-1:]     # all receipted: the newest again (a lost receipt)


@operation("office.receipt")
def write_receipt(session: Session, unit_code: str, passphrase: str, target_dir: Path, *,
                  package_ids: Iterable[int] | None = None) -> Path:
    """Write a signed receipt for packages of the registered unit ``unit_code`` into
    ``target_dir`` (atomically) and return its path.

    It lists the given ``office_packages`` ids (they must be imported packages of that unit),
    or by default every imported package not receipted before (when all were, the newest
    again). ``passphrase`` unlocks the office's unit seal key held by the acting chief. Raises
    ValidationError (unknown unit, nothing imported, bad ids, no unit code, no such folder),
    ``keys.SealKeyMissing`` and the keys module's passphrase errors (then nothing is written),
    DiskFull / FileWriteFailed. The audit log records the event ``receipt_written``.
    """
    from .office_units import unit_by_code
    store = session.store
    unit = unit_by_code(store, unit_code.strip())
    if unit is None:
        raise ValidationError(_NO_UNIT, code=unit_code)
    target_dir = package_out._check_folder(Path(target_dir))
    chosen = _chosen(store, unit, package_ids)
    office = store.conn.execute("SELECT code, name FROM units WHERE id = ?",
                                (session.unit_id,)).fetchone()
    if office is None or not (office[0] or "").strip():
        raise ValidationError(_NO_CODE)
    key_id = keys._active_key(store, "seal", unit_id=session.unit_id)
    if key_id is None:
        raise keys.SealKeyMissing()
    document: dict[str, Any] = {
        "format": FORMAT,
        "office": {"code": office[0], "name": office[1]},
        "unit": {"code": unit["code"]},
        "packages": [{"seq": row["seq"], "sha256": row["sha256"], "status": row["status"],
                      "imported_at": row["received_at"]} for row in chosen],
        "issued_at": package_out._utc_now(),
        "key_id": key_id,
    }
    with keys.unlock(session, key_id, passphrase) as sign:
        signature = sign(signed_bytes(document))
    document["signature"] = base64.b64encode(signature).decode("ascii")
    path = target_dir / receipt_file_name(unit["code"], chosen[-1]["seq"])
    write_file(path, json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
    done = sorted(set(_receipted(store, unit["code"])) | {row["id"] for row in chosen})
    setting = RECEIPTED_PREFIX + unit["code"]
    value = ",".join(str(i) for i in done)
    with store.write(session.actor) as w:
        if store.setting(setting) is None:
            w.insert("settings", {"key": setting, "value": value})
        elif store.setting(setting) != value:
            w.update("settings", setting, {"value": value})
        w.event("receipt_written", f"office_units:{unit['id']}",
                {"file": path.name, "seqs": [row["seq"] for row in chosen]})
    return path


# --- the station: the office and its receipts -------------------------------------------------

class OfficeRegistration(Changes):
    """What :func:`set_office` changed, and what to compare in person: the office's code,
    name, key id and fingerprint."""

    def __init__(self, changes: Changes, *, code: str, name: str, key_id: str,
                 fingerprint: str, recipients: list[str] | None = None) -> None:
        super().__init__()
        self.rows = changes.rows
        self.head_seq = changes.head_seq
        self.code = code
        self.name = name
        self.key_id = key_id
        self.fingerprint = fingerprint
        self.recipients = list(recipients or [])


def registered_office(store: Store) -> dict[str, Any] | None:
    """The registered office (``code``, ``name``, ``key_id``, ``public_key`` base64,
    ``fingerprint``), or None."""
    value = store.setting(OFFICE_SETTING)
    return json.loads(value) if value else None


@operation("package.read")
def office_info(session: Session) -> dict[str, Any] | None:
    """The registered office (see :func:`registered_office`), or None."""
    return registered_office(session.store)


@operation("package.recipients")
def set_office(session: Session, enrollment_text: str | bytes) -> OfficeRegistration:
    """Register the office whose receipts this station accepts, from the enrollment file of the
    office's unit seal key (checked by ``read_enrollment``). Registering another file replaces
    the office; the same file again changes nothing. When the file carries the office's age
    recipients (``recipients``, signed with the rest), they become the office recipients
    (``package_out``'s setting) in the same transaction, so packages are encrypted to the office
    from then on; a file without them leaves the recipients as they are. Raises
    EnrollmentInvalid, or ValidationError for a person key's file or one without a unit code."""
    document = read_enrollment(enrollment_text)
    key = document["key"]
    if key["kind"] != "seal":
        raise ValidationError(_NOT_SEAL)
    code = document["unit"]["code"].strip()
    if not code:
        raise ValidationError(_OFFICE_NO_CODE)
    value = canonical({"code": code, "name": document["unit"]["name"], "key_id": key["key_id"],
                       "public_key": key["public_key"], "fingerprint": key["fingerprint"]})
    recipients = list(document.get("recipients") or [])
    store = session.store
    with store.write(session.actor) as w:
        current = store.setting(OFFICE_SETTING)
        if current is None:
            w.insert("settings", {"key": OFFICE_SETTING, "value": value})
        elif current != value:
            w.update("settings", OFFICE_SETTING, {"value": value})
        if recipients:
            package_out.write_office_recipients(w, recipients)
    return OfficeRegistration(w.changes, code=code, name=document["unit"]["name"],
                              key_id=key["key_id"], fingerprint=key["fingerprint"],
                              recipients=recipients)


def check_office_signature(store: Store, document: dict[str, Any],
                           get: Callable[[Any, str, type], Any], *, no_office: str,
                           other_key: str, tampered: str) -> dict[str, Any]:
    """The registered office (:func:`registered_office`), once ``document`` (a receipt, an
    instructions file) is signed by its key: ``key_id`` must be the office's and ``signature``
    its Ed25519 signature over :func:`signed_bytes`. ``get(document, name, kind)`` reads a
    field (raising the caller's message when it is missing or of the wrong kind); the three
    messages are the caller's: no office registered, another key ({name}, {code}, {office}),
    a bad signature."""
    office = registered_office(store)
    if office is None:
        raise ValidationError(no_office)
    issuer = document.get("office") if isinstance(document.get("office"), dict) else {}
    if get(document, "key_id", str) != office["key_id"]:
        raise ValidationError(other_key, name=str(issuer.get("name", ""))[:80],
                              code=str(issuer.get("code", ""))[:40], office=office["name"])
    try:
        signature = base64.b64decode(get(document, "signature", str), validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(tampered) from None
    public = base64.b64decode(office["public_key"])
    if len(signature) != 64 or not key_crypto.verify_signature(public, signature,
                                                          signed_bytes(document)):
        raise ValidationError(tampered)
    return office


def _load(text_or_path: str | bytes | Path) -> tuple[str, dict[str, Any]]:
    """(text, document) of a receipt given as text, bytes or a file path."""
    raw: str | bytes
    if isinstance(text_or_path, Path):
        raw = text_or_path.read_bytes()
    elif isinstance(text_or_path, str) and not text_or_path.lstrip("\ufeff \r\n\t").startswith("{"):
        raw = Path(text_or_path).read_bytes()
    else:
        raw = text_or_path
    if isinstance(raw, bytes):
        if len(raw) > MAX_RECEIPT_BYTES:
            raise ValidationError(_TOO_LARGE, limit=MAX_RECEIPT_BYTES)
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(_NOT_JSON) from None
    try:
        document = json.loads(raw.removeprefix("\ufeff"))
    except ValueError:
        raise ValidationError(_NOT_JSON) from None
    found = document.get("format") if isinstance(document, dict) else None
    if found != FORMAT:
        raise ValidationError(_WRONG_FORMAT, expected=FORMAT, found=str(found or "")[:60])
    return raw, document


def _field(obj: Any, name: str, kind: type, path: str = "") -> Any:
    value = obj.get(name) if isinstance(obj, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValidationError(_BAD_FIELD, item=path + name)
    return value


@operation("package.export")
def import_receipt(session: Session, text_or_path: str | bytes | Path) -> Changes:
    """Check the office's receipt and mark the packages it lists delivered (see the module doc).

    Raises ValidationError (in Chinese) for: not a receipt, no office registered, a receipt of
    another office or key, a bad signature (tampered), a receipt for another unit, a listed
    package not in the outbox or with another SHA-256; then nothing is marked. Packages already
    delivered stay as they are: the same receipt again changes nothing (empty Changes).
    """
    text, document = _load(text_or_path)
    store = session.store
    _field(document, "office", dict)
    check_office_signature(store, document, _field, no_office=_NO_OFFICE,
                           other_key=_OTHER_OFFICE, tampered=_TAMPERED)
    ours = store.conn.execute("SELECT code FROM units WHERE id = ?",
                              (session.unit_id,)).fetchone()
    unit_code = _field(_field(document, "unit", dict), "code", str, "unit.")
    if ours is None or unit_code != ours[0]:
        raise ValidationError(_OTHER_UNIT, unit=unit_code[:40], ours=ours[0] if ours else "")
    listed = _field(document, "packages", list)
    if not listed:
        raise ValidationError(_BAD_FIELD, item="packages")
    mark: list[int] = []
    for n, item in enumerate(listed, 1):
        seq = _field(item, "seq", int, f"packages[{n}].")
        sha = _field(item, "sha256", str, f"packages[{n}].")
        row = store.conn.execute("SELECT id, sha256, status FROM package_outbox WHERE seq = ?",
                                 (seq,)).fetchone()
        if row is None:
            raise ValidationError(_NOT_IN_OUTBOX, seq=seq)
        if row[1] != sha.lower():
            raise ValidationError(_OTHER_SHA, seq=seq)
        if row[2] != "delivered":
            mark.append(int(row[0]))
    if not mark:
        return Changes()
    return package_out.mark_delivered(session, mark, text)
