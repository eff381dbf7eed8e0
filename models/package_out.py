"""The station side of submission packages: export, the outbox, writing a lost package again.

A package (format: docs/package-format.md) is numbered 1, 2, … per installation and names the
SHA-256 of the package before it, so the office sees a missing or replaced one. By default it
holds everything changed since the newest package the office acknowledged (a receipt marked it
``delivered``): its ``since_seq`` is that package's audit head, 0 before the first receipt.

:func:`export_package` does, in order:

1. checks (materials, the unit seal key held by the acting chief, the recipients);
2. unlocks the seal key (a wrong passphrase stops here: nothing is written, no outbox row);
3. inside one read transaction (a consistent snapshot, whose audit head the package states)
   collects the records, evidence and forms (``models.package_contents``) and writes the package
   into the outbox folder of the data folder (``package_format.write_package``: temporary name,
   fsync, rename, read back and verified);
4. copies it to the stick under a temporary name, fsyncs, renames, drops the cached pages and
   reads the copy back: its SHA-256 must equal the kept package's and it must verify with the
   seal key's public key;
5. records the outbox row in one transaction.

Any failure (a stick pulled mid-write, a full stick, an I/O error, a cancel) removes what this
export placed, on the stick and in the outbox, and records no row: the next export uses the same
sequence number, and :func:`write_again` copies a kept package to a new stick.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple

from . import audit, key_crypto, keys, package_contents
from .errors import ValidationError
from .files import FileWriteFailed, fsync_folder, remove_quietly, temp_path, write_error
from .i18n import QT_TRANSLATE_NOOP
from .paths import DataDir
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Store, Writer

#: Settings key of the office's age recipients (one ``age1…`` per line).
RECIPIENTS_SETTING = "office_age_recipients"
#: File name extension of a package.
PACKAGE_SUFFIX = ".flpkg"
#: What an export includes unless told otherwise: everything.
DEFAULT_MATERIALS: tuple[str, ...] = package_contents.MATERIALS
#: Bytes per read while copying and hashing.
CHUNK = 1 << 20

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_BAD_RECIPIENT = QT_TRANSLATE_NOOP(
    "errors", "第 {line} 行不是有效的 age 加密公钥：{text}\n上级机关公布的公钥以“age1”开头，"
    "请整行复制，不要加空格或其他文字。")
_BAD_PERIOD = QT_TRANSLATE_NOOP("errors", "报送期间的开始日期 {start} 晚于结束日期 {end}。")
_NOT_A_FOLDER = QT_TRANSLATE_NOOP(
    "errors", "找不到文件夹“{path}”。请检查 U 盘是否已插好，或选择另一个文件夹。")
_NO_OUTBOX_ROW = QT_TRANSLATE_NOOP("errors", "找不到编号为 {key} 的报送包记录。")
_KEPT_DAMAGED = QT_TRANSLATE_NOOP(
    "errors", "保存在本机的第 {seq} 号报送包已不完整或被改动：{path}\n无法再次写出。"
    "请重新生成一个报送包。")
_COPY_DIFFERS = QT_TRANSLATE_NOOP(
    "errors", "写入 U 盘的报送包读回后与原件不一致：{path}\nU 盘可能已损坏或在写入时被拔出。"
    "已删除这份副本，请换一个 U 盘再试。")
_NO_UNIT = QT_TRANSLATE_NOOP("errors", "当前账号不属于任何单位，不能生成报送包。")


class ExportedPackage(NamedTuple):
    """A package written to the outbox and to the stick, and its outbox row."""

    outbox_id: int
    seq: int
    path: Path              # the copy on the stick
    kept: Path              # the copy in the outbox folder
    sha256: str
    size: int
    encrypted: bool
    files: int
    since_seq: int
    audit_head_seq: int
    changes: Changes


# --- settings: the office's recipients -------------------------------------------------------------

def parse_recipients(text: str) -> list[str]:
    """The ``age1…`` recipients of ``text`` (one per line; blank lines and ``#`` comments are
    skipped). ValidationError names the first line that is not a valid X25519 recipient."""
    from pyrage import x25519
    out: list[str] = []
    for n, line in enumerate((text or "").splitlines(), 1):
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        try:
            if not item.startswith("age1"):
                raise ValueError(item)
            x25519.Recipient.from_str(item)
        except Exception:  # noqa: BLE001 - pyrage raises its own error types
            raise ValidationError(_BAD_RECIPIENT, line=n, text=item[:80]) from None
        if item not in out:
            out.append(item)
    return out


def office_recipients(store: Store) -> list[str]:
    """The office recipients stored in the settings (empty: packages are not encrypted)."""
    value = store.setting(RECIPIENTS_SETTING, "") or ""
    return [line.strip() for line in value.splitlines() if line.strip()]


@operation("package.recipients")
def set_office_recipients(session: Session, text: str) -> Changes:
    """Store the office's age recipients (``age1…``, one per line; empty text removes them, and
    packages are then written unencrypted). ValidationError for a line that is not one."""
    recipients = parse_recipients(text)
    with session.store.write(session.actor) as w:
        write_office_recipients(w, recipients)
    return w.changes


def write_office_recipients(w: Writer, recipients: Sequence[str]) -> None:
    """Store ``recipients`` (already checked) as the office's, inside the writer ``w``'s
    transaction (also used when the station registers its office: ``receipts.set_office``)."""
    value = "\n".join(recipients)
    current = w.conn.execute("SELECT value FROM settings WHERE key = ?",
                             (RECIPIENTS_SETTING,)).fetchone()
    if current is None:
        if value:
            w.insert("settings", {"key": RECIPIENTS_SETTING, "value": value})
    elif not value:
        w.delete("settings", RECIPIENTS_SETTING)
    else:
        w.update("settings", RECIPIENTS_SETTING, {"value": value})


# --- the outbox ------------------------------------------------------------------------------------

_COLUMNS = ("id, seq, campaign_id, period_from, period_to, materials, since_seq, audit_head_seq,"
            " audit_head_hash, file_name, sha256, size, prev_sha256, encrypted, created_at,"
            " account_id, status, delivered_at, receipt")


def _rows(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    rows = store.query(f"SELECT {_COLUMNS} FROM package_outbox {where} ORDER BY seq", params)
    for row in rows:
        row["materials"] = json.loads(row["materials"])
        row["encrypted"] = bool(row["encrypted"])
    return rows


@operation("package.read")
def list_outbox(session: Session) -> list[dict[str, Any]]:
    """Every package written, oldest first: the outbox row (``materials`` as a list: the
    material codes, then the names of the campaign's required materials it carries,
    ``encrypted`` as a bool) with ``kept`` (its file in the outbox folder) and ``kept_present``."""
    outbox = session.store.data_dir.outbox
    rows = _rows(session.store)
    for row in rows:
        row["kept"] = outbox / row["file_name"]
        row["kept_present"] = row["kept"].is_file()
    return rows


@operation("package.export")
def mark_delivered(session: Session, outbox_ids: Iterable[int], receipt_text: str) -> Changes:
    """Mark the packages ``outbox_ids`` delivered, keeping ``receipt_text`` (the office's
    receipt). The next export then starts after the newest delivered package's audit head."""
    store = session.store
    ids = sorted({int(i) for i in outbox_ids})
    with store.write(session.actor) as w:
        stamp = now_text()
        for oid in ids:
            if not store.conn.execute("SELECT 1 FROM package_outbox WHERE id = ?",
                                      (oid,)).fetchone():
                raise ValidationError(_NO_OUTBOX_ROW, key=oid)
            w.update("package_outbox", oid, {"status": "delivered", "delivered_at": stamp,
                                             "receipt": receipt_text})
    return w.changes


def next_package(store: Store) -> tuple[int, str, int]:
    """(sequence number, previous package's SHA-256 or ``none``, since_seq) of the next export."""
    row = store.conn.execute("SELECT seq, sha256 FROM package_outbox ORDER BY seq DESC LIMIT 1"
                             ).fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, "none")
    since = store.conn.execute("SELECT audit_head_seq FROM package_outbox"
                               " WHERE status = 'delivered' ORDER BY seq DESC LIMIT 1").fetchone()
    return seq, prev, since[0] if since else 0


# --- export ----------------------------------------------------------------------------------------

def _seal_key(session: Session) -> tuple[str, bytes]:
    """(key id, raw public key) of the unit's active seal key held by the acting account."""
    key_id = keys.held_seal_key(session)
    stored = keys.stored_public_key(session.store.conn, key_id)
    if stored is None:
        raise keys.SealKeyMissing()
    return key_id, stored[0]


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "unit"


def package_file_name(unit_code: str, seq: int) -> str:
    """``<unit code>-<seq, 6 digits>.flpkg`` (characters other than letters, digits, ``-`` and
    ``_`` in the code become ``_``: the name is valid on any USB stick's file system)."""
    return f"{_safe_name(unit_code)}-{seq:06d}{PACKAGE_SUFFIX}"


def _check_folder(path: Path) -> Path:
    path = Path(path)
    if not path.is_dir():
        raise ValidationError(_NOT_A_FOLDER, path=str(path))
    return path





def _hash_file(path: Path, cancelled: Cancelled | None = None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        try:
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)  # read the device
        except (AttributeError, OSError):
            pass
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if cancelled is not None and cancelled():
                from .forms import ExportCancelled
                raise ExportCancelled()
    return digest.hexdigest(), size


KeyFor = Callable[[Mapping[str, str]], bytes]


def _verify_copy(path: Path, sha256: str, key_for: KeyFor, encrypted: bool,
                 cancelled: Cancelled | None) -> None:
    """Read the copy at ``path`` back: same bytes as the verified original, and (unencrypted)
    a package whose signature verifies with the key ``key_for`` gives. Raises with the copy
    left in place."""
    try:
        got, _size = _hash_file(path, cancelled)
    except OSError as exc:
        raise write_error(exc, path) from exc
    if got != sha256:
        raise FileWriteFailed(_COPY_DIFFERS, path=str(path))
    if not encrypted:
        from . import package_format
        package_format.verify_package(path, key_for=key_for,
                                      cancelled=cancelled)


def copy_to_stick(kept: Path, target_dir: Path, sha256: str, key_for: KeyFor, encrypted: bool,
                  *, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> Path:
    """Copy the verified package ``kept`` into ``target_dir`` under its own name: temporary
    name, fsync, rename, fsync of the folder, then read back (:func:`_verify_copy`). On any
    failure nothing is left under the final name (nor the temporary one) and the error is
    raised: DiskFull, FileWriteFailed, ExportCancelled or PackageInvalid."""
    from .forms import ExportCancelled
    target_dir = _check_folder(target_dir)
    dest = target_dir / kept.name
    tmp = temp_path(dest)
    total = kept.stat().st_size
    placed = False
    try:
        try:
            with open(kept, "rb") as src, open(tmp, "xb") as out:
                done = 0
                while chunk := src.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if cancelled is not None and cancelled():
                        raise ExportCancelled()
                    if progress is not None:
                        progress(done, total)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
            placed = True
            fsync_folder(target_dir)
        except OSError as exc:
            raise write_error(exc, dest) from exc
        _verify_copy(dest, sha256, key_for, encrypted, cancelled)
    except BaseException:
        remove_quietly(tmp)
        if placed:
            remove_quietly(dest)
        raise
    return dest


def _period(period: tuple[date, date] | None) -> tuple[date, date] | None:
    if period is None:
        return None
    start, end = period
    if start > end:
        raise ValidationError(_BAD_PERIOD, start=start.isoformat(), end=end.isoformat())
    return start, end


def _campaign_doc_no(store: Store, campaign_id: int | None) -> str:
    if campaign_id is None:
        return "none"
    row = store.conn.execute("SELECT doc_no, title FROM campaigns WHERE id = ?",
                             (campaign_id,)).fetchone()
    if row is None:
        from .errors import NotFound
        raise NotFound(what="专项行动", key=campaign_id)
    return row[0] or row[1]


def bag_info(*, unit_name: str, unit_code: str, seq: int, prev_sha256: str, campaign: str,
             period: tuple[date, date] | None, materials: Collection[str], head: tuple[int, str],
             created: str, campaign_materials: Sequence[str] = ()) -> dict[str, str]:
    """The bag-info.txt fields the station sets (docs/package-format.md)."""
    return {
        "Source-Organization": unit_name,
        "FieldLedger-Unit-Code": unit_code,
        "FieldLedger-Sequence": str(seq),
        "FieldLedger-Previous-Package": prev_sha256,
        "FieldLedger-Campaign": campaign,
        "FieldLedger-Period": f"{period[0].isoformat()}/{period[1].isoformat()}" if period
        else "none",
        "FieldLedger-Materials": ",".join(materials),
        "FieldLedger-Audit-Head": f"{head[0]}:{head[1]}",
        "FieldLedger-Created": created,
        "FieldLedger-Campaign-Materials": json.dumps(list(campaign_materials),
                                                     ensure_ascii=False, separators=(",", ":")),
    }


def _utc_now() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@operation("package.export")
def export_package(session: Session, target_dir: Path, passphrase: str, *,
                   campaign_id: int | None = None, period: tuple[date, date] | None = None,
                   materials: Collection[str] = DEFAULT_MATERIALS,
                   recipients: Sequence[str] | None = None, data_dir: DataDir | None = None,
                   progress: Progress | None = None, cancelled: Cancelled | None = None,
                   clock: Callable[[], float] = time.time,
                   campaign_files: Mapping[str, Sequence[str | Path]] | None = None
                   ) -> ExportedPackage:
    """Write the next package of the unit to ``target_dir`` (the stick) and keep a copy in the
    outbox (see the module doc); return what was written and the outbox row.

    ``passphrase`` unlocks the unit seal key (the chief's login password). ``recipients`` None
    takes the office's recipients from the settings (:func:`set_office_recipients`); the package
    is encrypted whenever there is one. ``data_dir`` defaults to the store's data folder.
    ``campaign_files`` maps the names of the campaign's required materials (campaign_materials)
    to the files attached for them (package_contents.check_campaign_files); bag-info lists the
    materials the package carries (``FieldLedger-Campaign-Materials``: those given files and
    those a rendered form supplies, package_contents.claimed_materials).
    Raises ``keys.SealKeyMissing``, the keys module's passphrase errors, ValidationError (bad
    material, period, recipient, folder), DiskFull / FileWriteFailed (outbox or stick),
    ExportCancelled, PackageInvalid; in every case no outbox row is recorded and no file is left
    under the package's name.
    """
    from . import package_format
    store = session.store
    conn = store.conn
    if session.unit_id is None:
        raise ValidationError(_NO_UNIT)
    chosen = package_contents.check_materials(materials)
    period = _period(period)
    target_dir = _check_folder(target_dir)
    recipients = office_recipients(store) if recipients is None \
        else parse_recipients("\n".join(recipients))
    key_id, public = _seal_key(session)
    unit_code, unit_name = conn.execute("SELECT code, name FROM units WHERE id = ?",
                                        (session.unit_id,)).fetchone()
    campaign = _campaign_doc_no(store, campaign_id)
    attached = package_contents.check_campaign_files(session, campaign_id, campaign_files)
    seq, prev, since = next_package(store)
    dd = data_dir if data_dir is not None else store.data_dir
    try:
        dd.outbox.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, dd.outbox) from exc
    kept = dd.outbox / package_file_name(unit_code, seq)

    with keys.unlock(session, key_id, passphrase, clock=clock) as sign:
        work = Path(tempfile.mkdtemp(prefix=".fieldledger-package-", dir=dd.outbox))
        try:
            conn.execute("BEGIN")          # one snapshot for the records and the head
            try:
                head = audit.head(conn)
                claimed = package_contents.claimed_materials(
                    session, campaign_id, chosen, attached, period=period, since_seq=since,
                    until_seq=head[0])
                info = bag_info(unit_name=unit_name, unit_code=unit_code, seq=seq,
                                prev_sha256=prev, campaign=campaign, period=period,
                                materials=chosen, head=head, created=_utc_now(),
                                campaign_materials=claimed)
                files = package_contents.collect(
                    session, campaign_id=campaign_id, period=period, materials=chosen,
                    since_seq=since, work_dir=work, cancelled=cancelled, until_seq=head[0],
                    attached=attached)
                written = package_format.write_package(
                    kept, files, info, public_key=public, sign=sign, recipients=recipients,
                    progress=progress, cancelled=cancelled)
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
        finally:
            shutil.rmtree(work, ignore_errors=True)

    try:
        on_stick = copy_to_stick(kept, target_dir, written.sha256, lambda _info: public,
                                 written.encrypted,
                                 cancelled=cancelled)
    except BaseException:
        remove_quietly(kept)
        raise
    try:
        with store.write(session.actor) as w:
            oid = w.insert("package_outbox", {
                "seq": seq, "campaign_id": campaign_id,
                "period_from": period[0].isoformat() if period else None,
                "period_to": period[1].isoformat() if period else None,
                "materials": json.dumps(chosen + claimed,
                                        ensure_ascii=False), "since_seq": since,
                "audit_head_seq": head[0], "audit_head_hash": head[1],
                "file_name": kept.name, "sha256": written.sha256, "size": written.size,
                "prev_sha256": prev, "encrypted": int(written.encrypted),
                "created_at": now_text(), "account_id": session.account_id,
                "status": "written", "delivered_at": None, "receipt": None})
    except BaseException:
        remove_quietly(on_stick)
        remove_quietly(kept)
        raise
    return ExportedPackage(int(oid), seq, on_stick, kept, written.sha256, written.size,
                           written.encrypted, written.files, since, head[0], w.changes)


@operation("package.export")
def write_again(session: Session, outbox_id: int, target_dir: Path, *,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Path:
    """Copy the kept package ``outbox_id`` to ``target_dir`` again (the first stick was lost)
    and verify the copy as an export does; the audit log records it. Returns the copy's path.
    The kept file must still hash to the recorded SHA-256 (ValidationError otherwise)."""
    store = session.store
    rows = _rows(store, "WHERE id = ?", (int(outbox_id),))
    if not rows:
        raise ValidationError(_NO_OUTBOX_ROW, key=outbox_id)
    row = rows[0]
    kept = store.data_dir.outbox / row["file_name"]
    try:
        sha, size = _hash_file(kept)
    except OSError:
        sha, size = "", -1
    if sha != row["sha256"] or size != row["size"]:
        raise ValidationError(_KEPT_DAMAGED, seq=row["seq"], path=str(kept))
    key_for = _seal_key_for(store, session.unit_id)
    on_stick = copy_to_stick(kept, Path(target_dir), row["sha256"], key_for, row["encrypted"],
                             progress=progress, cancelled=cancelled)
    with store.write(session.actor) as w:
        w.event("package_written_again", f"package_outbox:{row['id']}",
                {"seq": row["seq"], "file": str(on_stick), "sha256": row["sha256"]})
    return on_stick


def _seal_key_for(store: Store, unit_id: int | None) -> KeyFor:
    """``key_for`` of a kept package: the unit seal key (active, retired or revoked: the package
    was signed before any change) that bag-info names; the active one when it names none we
    know (verification then fails if it was another)."""
    publics: dict[str, bytes] = {}
    active = b""
    for key_id, status in store.conn.execute(
            "SELECT key_id, status FROM signing_keys WHERE kind = 'seal' AND unit_id = ?",
            (unit_id,)).fetchall():
        stored = keys.stored_public_key(store.conn, key_id)
        if stored is None:
            continue
        publics[key_id] = stored[0]
        if status == "active":
            active = stored[0]

    def key_for(info: Mapping[str, str]) -> bytes:
        named = str(info.get("FieldLedger-Signing-Key", "")).strip().lower()
        for key_id, public in publics.items():
            if named and named in (key_id, key_crypto.fingerprint(public).lower(),
                                   _minisign_id(public)):
                return public
        return active
    return key_for


def _minisign_id(public: bytes) -> str:
    """The minisign key id (hex, as ``minisign`` prints it) of a raw public key."""
    from . import minisign
    try:
        return minisign.derive_key_id(public).hex()
    except Exception:  # noqa: BLE001 - a best-effort match only
        return ""
