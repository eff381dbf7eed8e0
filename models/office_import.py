"""The upper office imports the submission packages its units bring on USB sticks.

:func:`verify_and_preview` checks a package without changing anything and says what importing
it would do (:class:`~models.office_import_check.ImportReport`, in Chinese);
:func:`import_package` does it. The checks (the container and its signature with the unit's
current seal key, the unit's chain of packages, the audit trail) and the alarms they raise are in
:mod:`models.office_import_check`.

A refused package is moved to ``<data folder>/quarantine/<time>-<name>`` with a
``.reason.txt`` beside it and recorded as ``quarantined`` (with the alarms it raised). A good
package is imported in one transaction: every ``records/<table>.jsonl`` row upserted into
``office_records`` under (unit, table, row key), so the units' own ids never collide; the
evidence files copied (each hash checked on the way) into the content-addressed store
``<data folder>/office/evidence/<sha256[:2]>/<sha256><ext>``; the forms and the campaign
materials' files kept under ``<data folder>/office/<unit code>/<seq>/forms/`` and
``…/materials/``; the ``office_packages`` row, what it claims (``office_package_claims``: the
campaign materials bag-info lists, the signed creation time) and the alarms.

The packages received, the alarms raised and the rows imported are read back with
:func:`list_packages`, :func:`list_alarms` and :func:`unit_records`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import audit
from .errors import Cancelled, ValidationError
from .files import copy_hashed, hash_file, remove_quietly, temp_path
from .i18n import QT_TRANSLATE_NOOP
from .office_import_check import (
    AUDIT_FILE,
    CancelledCheck,
    Examined,
    ImportReport,
    Progress,
    examine,
    read_jsonl,
)
from .permissions import operation
from .session import Session, now_text
from .store import Changes

_BAD_EVIDENCE = QT_TRANSLATE_NOOP("errors", "印证资料文件 {path} 的内容与其文件名中的哈希不符。")


class ImportResult(NamedTuple):
    """What :func:`import_package` did: ``status`` is ``imported``, ``already_imported`` or
    ``quarantined`` (then ``quarantined_to`` is where the file went)."""

    report: ImportReport
    status: str
    package_id: int | None
    quarantined_to: Path | None
    changes: Changes


def _staging(session: Session, staging: Path | None) -> Path:
    root = Path(staging) if staging is not None else session.store.data_dir.root / "staging"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="import-", dir=root))


@operation("office.manage")
def verify_and_preview(session: Session, path: Path, identities: Sequence[str] = (),
                       staging: Path | None = None, progress: Progress | None = None,
                       cancelled: CancelledCheck | None = None) -> ImportReport:
    """Check the package at ``path`` as :func:`import_package` would and report what importing
    it would do; changes nothing (the payload is staged under ``staging``, default the data
    folder's ``staging/``, and removed again)."""
    work = _staging(session, staging)
    try:
        return examine(session, Path(path), identities, work, progress, cancelled,
                       stage=True).report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", text).strip("._") or "unit"


def _copy_verified(source: Path, target: Path, sha: str | None) -> None:
    """Copy ``source`` to ``target`` (temporary name, fsync, rename); when ``sha`` is given the
    copied bytes must hash to it, else ValidationError and nothing is left."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(target)
    try:
        with open(source, "rb") as src:
            digest = copy_hashed(src, tmp)
        if sha is not None and digest != sha:
            raise ValidationError(_BAD_EVIDENCE, path=source.name)
        os.replace(tmp, target)
    finally:
        remove_quietly(tmp)


def _place_files(session: Session, exam: Examined) -> None:
    """Evidence into the content-addressed store, forms under the unit's package folder."""
    root = session.store.data_dir.root / "office"
    assert exam.staged is not None and exam.unit is not None
    for name in exam.files:
        staged = exam.staged / name
        if name.startswith("evidence/"):
            stem = Path(name).name.split(".", 1)[0].lower()
            if not re.fullmatch(r"[0-9a-f]{64}", stem):
                raise ValidationError(_BAD_EVIDENCE, path=name)
            target = root / "evidence" / stem[:2] / Path(name).name
            if not target.exists():
                _copy_verified(staged, target, stem)
            elif hash_file(staged)[0] != stem:
                raise ValidationError(_BAD_EVIDENCE, path=name)
        elif name.startswith(("forms/", "materials/")):
            target = root / _safe(exam.unit["code"]) / str(exam.report.seq) / name
            _copy_verified(staged, target, None)


def _quarantine(session: Session, report: ImportReport) -> Path | None:
    """Move the package into the quarantine folder with its ``.reason.txt``; the new path (None
    when the file could not be moved or copied)."""
    from datetime import datetime
    folder = session.store.data_dir.root / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}-{report.path.name}"
    try:
        shutil.move(str(report.path), str(target))
    except OSError:
        try:
            shutil.copyfile(report.path, target)
        except OSError:
            return None
    lines = [f"报送包：{report.path}", f"SHA-256：{report.sha256}", f"隔离时间：{now_text()}",
             f"原因代码：{report.reason}", *report.problems,
             *(f"警报：{a.detail}" for a in report.alarms)]
    target.with_name(target.name + ".reason.txt").write_text("\n".join(lines) + "\n",
                                                             encoding="utf-8")
    return target


def _package_row(session: Session, report: ImportReport, unit: dict[str, Any] | None,
                 status: str, stored: Path | None) -> dict[str, Any]:
    head = report.audit_head
    return {"unit_id": unit["id"] if unit else None, "unit_code": report.unit_code,
            "seq": report.seq, "sha256": report.sha256 or "0" * 64, "size": report.size,
            "prev_sha256": report.previous or None,
            "audit_head_seq": head[0] if head else None,
            "audit_head_hash": head[1] if head else None,
            "campaign": report.campaign or None, "period": report.period or None,
            "materials": ",".join(report.materials) or None,
            "signing_key": report.signer or None, "file_name": report.path.name,
            "stored_path": str(stored) if stored else None, "received_at": now_text(),
            "account_id": session.account_id, "status": status,
            "reason": "\n".join(report.problems) or None}


def _insert_claims(w: Any, report: ImportReport, package_id: int) -> None:
    """What the package says it carries for the 资料报送统计表 (office_package_claims)."""
    w.insert("office_package_claims", {
        "package_id": package_id,
        "campaign_materials": json.dumps(report.campaign_materials, ensure_ascii=False),
        "created": report.created or None})


def _insert_alarms(w: Any, report: ImportReport, unit: dict[str, Any] | None) -> None:
    for alarm in report.alarms:
        w.insert("office_alarms", {"unit_id": unit["id"] if unit else None, "kind": alarm.kind,
                                   "detail": alarm.detail, "package_sha256": report.sha256,
                                   "created_at": now_text(), "acknowledged": 0,
                                   "acknowledged_at": None, "acknowledged_by": None})


def _store_records(w: Any, exam: Examined, package_id: int) -> None:
    """Upsert every record row under (unit, table, row key)."""
    assert exam.staged is not None and exam.unit is not None
    unit_id = exam.unit["id"]
    for name in exam.files:
        if not (name.startswith("records/") and name.endswith(".jsonl")):
            continue
        table = name[len("records/"):-len(".jsonl")]
        key_col = "seq" if name == AUDIT_FILE else audit.AUDITED_TABLES[table]
        for _n, row in read_jsonl(exam.staged / name, name):
            row_key = str(row.get(key_col))
            image = audit.canonical(row)
            found = w.conn.execute("SELECT id, image FROM office_records WHERE unit_id = ? AND"
                                   " tbl = ? AND row_key = ?",
                                   (unit_id, table, row_key)).fetchone()
            if found is None:
                w.insert("office_records", {"unit_id": unit_id, "tbl": table,
                                            "row_key": row_key, "image": image,
                                            "package_id": package_id})
            elif found[1] != image:
                w.update("office_records", found[0], {"image": image, "package_id": package_id})


@operation("office.manage")
def import_package(session: Session, path: Path, identities: Sequence[str] = (),
                   staging: Path | None = None, progress: Progress | None = None,
                   cancelled: CancelledCheck | None = None) -> ImportResult:
    """Import the package at ``path`` (see the module doc).

    A package already imported changes nothing (status ``already_imported``); a refused one is
    quarantined and recorded with its alarms (status ``quarantined``); a good one is imported
    in one transaction with its alarms (status ``imported``). Raises Cancelled when
    ``cancelled()`` turns true before the transaction (nothing recorded), and the storage
    errors of the database and the data folder.
    """
    work = _staging(session, staging)
    try:
        exam = examine(session, Path(path), identities, work, progress, cancelled, stage=True)
        report = exam.report
        if report.already_imported:
            return ImportResult(report, "already_imported", None, None, Changes())
        if report.problems:
            moved = _quarantine(session, report)
            with session.store.write(session.actor) as w:
                package_id = int(w.insert("office_packages", _package_row(
                    session, report, exam.unit, "quarantined", moved)))
                _insert_claims(w, report, package_id)
                _insert_alarms(w, report, exam.unit)
            return ImportResult(report, "quarantined", package_id, moved, w.changes)
        _place_files(session, exam)
        if cancelled is not None and cancelled():
            raise Cancelled()
        with session.store.write(session.actor) as w:
            package_id = int(w.insert("office_packages", _package_row(
                session, report, exam.unit, "imported", None)))
            _insert_claims(w, report, package_id)
            _store_records(w, exam, package_id)
            _insert_alarms(w, report, exam.unit)
        return ImportResult(report, "imported", package_id, None, w.changes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- read-only queries ---------------------------------------------------------------------------

@operation("office.read")
def list_packages(session: Session, unit_code: str | None = None) -> list[dict[str, Any]]:
    """Packages received (imported and quarantined), newest first; of one unit when given."""
    sql = "SELECT * FROM office_packages"
    params: list[Any] = []
    if unit_code is not None:
        sql += " WHERE unit_code = ?"
        params.append(unit_code)
    return session.store.query(sql + " ORDER BY id DESC", params)


@operation("office.read")
def list_alarms(session: Session, *, open_only: bool = False) -> list[dict[str, Any]]:
    """Alarms raised by packages, newest first, with the unit's code and name."""
    sql = ("SELECT a.*, u.code AS unit_code, u.name AS unit_name FROM office_alarms a"
           " LEFT JOIN office_units u ON u.id = a.unit_id")
    if open_only:
        sql += " WHERE a.acknowledged = 0"
    return session.store.query(sql + " ORDER BY a.id DESC")


@operation("office.read")
def unit_records(session: Session, unit_code: str, tbl: str) -> list[dict[str, Any]]:
    """The imported rows of table ``tbl`` of a unit, as dicts (the station's row images), by
    their key."""
    rows = session.store.query(
        "SELECT r.image FROM office_records r JOIN office_units u ON u.id = r.unit_id"
        " WHERE u.code = ? AND r.tbl = ?", (unit_code, tbl))
    out = [json.loads(r["image"]) for r in rows]
    key = "seq" if tbl == "audit_log" else audit.AUDITED_TABLES.get(tbl, "id")
    return sorted(out, key=lambda row: (str(type(row.get(key))), row.get(key) or 0))
