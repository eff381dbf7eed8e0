"""What the ``data/`` folder of a submission package holds (see docs/package-format.md,
"Contents (data/)").

:func:`collect` yields the package's files as :class:`~models.package_format.PackageFile`
values, in a fixed order, for :func:`models.package_format.write_package` to stream:

* ``records/<table>.jsonl``: one row per line, the canonical JSON image of the row as it is now
  (:func:`models.audit.canonical` of the row, secrets redacted: exactly the "after" image the
  audit log holds for it, so the office can check one against the other). Only rows of the
  unit, ordered by key. With ``since_seq`` > 0 only the rows the audit log shows changed after
  that sequence number; with 0 every row.
* ``records/audit_log.jsonl`` (material ``audit``): the audit entries after ``since_seq`` up to
  the head at collection, whole (the chain cannot be checked with entries left out).
* ``records/manifest.json``: unit, campaign, period, materials, the since/until audit sequence
  numbers and the row count of every table.
* ``evidence/<sha256[:2]>/<sha256>.<ext>``: the files of the evidence rows included, streamed
  from the evidence store (never read into memory here).
* ``forms/<form name>.xlsx`` and ``.pdf`` (material ``forms``): the official ledger forms of the
  campaign, rendered into ``work_dir``.
* ``materials/<NN>-<material name>/<file name>``: the files the unit attaches for the materials
  its campaign requires (campaign_materials: 实施方案, 工作简报, 照片视频, …), NN the material's
  position (01, 02, …), names made safe by :func:`safe_name`; streamed from where they are.

The caller holds one read transaction over the whole collection when it needs a consistent
snapshot (``models.package_out`` does); the same data then gives the same bytes for records.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Callable, NamedTuple

from . import audit
from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session

#: The material codes a package may include, in the order of docs/package-format.md.
MATERIALS: tuple[str, ...] = ("ledger", "selfchecks", "casereviews", "letters", "leads",
                              "training", "briefs", "schedule", "case_stats", "signatures",
                              "audit", "forms")

#: Material code -> the name shown to users (context "materials").
MATERIAL_LABELS: dict[str, str] = {
    "ledger": QT_TRANSLATE_NOOP("materials", "问题台账（含整改进展和印证资料）"),
    "selfchecks": QT_TRANSLATE_NOOP("materials", "自查自纠记录"),
    "casereviews": QT_TRANSLATE_NOOP("materials", "案卷评查记录"),
    "letters": QT_TRANSLATE_NOOP("materials", "执法监督意见书的答复"),
    "leads": QT_TRANSLATE_NOOP("materials", "投诉举报线索"),
    "training": QT_TRANSLATE_NOOP("materials", "培训台账"),
    "briefs": QT_TRANSLATE_NOOP("materials", "工作简报"),
    "schedule": QT_TRANSLATE_NOOP("materials", "工作调度表"),
    "case_stats": QT_TRANSLATE_NOOP("materials", "案件统计"),
    "signatures": QT_TRANSLATE_NOOP("materials", "签名和签名密钥"),
    "audit": QT_TRANSLATE_NOOP("materials", "审计记录"),
    "forms": QT_TRANSLATE_NOOP("materials", "正式表格（Excel 和 PDF）"),
}

#: The ledger forms a package carries (models.form_data.LEDGER_FORMS; the 线索征询表 comes with
#: the ``leads`` material, from the 投诉举报线索: PACKAGE_FORM_BUILDERS).
PACKAGE_FORMS: tuple[str, ...] = ("problem_list", "lookback", "common", "individual")

_UNKNOWN_MATERIAL = QT_TRANSLATE_NOOP("errors", "没有这种报送材料：{code}。")
_NO_MATERIAL = QT_TRANSLATE_NOOP("errors", "请至少选择一种报送材料。")
_NOT_REQUIRED = QT_TRANSLATE_NOOP(
    "errors", "“{name}”不是所选专项行动要求报送的材料。请在专项行动中添加该材料，或去掉这些文件。")
_NEEDS_CAMPAIGN = QT_TRANSLATE_NOOP(
    "errors", "要附上专项行动要求的材料，请先选择专项行动。")
_NOT_A_FILE = QT_TRANSLATE_NOOP(
    "errors", "找不到要附上的文件“{path}”，或它不是普通文件。请重新选择。")
_MISSING_FILE = QT_TRANSLATE_NOOP(
    "errors", "印证资料“{name}”的文件不见了：{path}\n报送包必须完整，未生成报送包。"
    "请在数据文件夹中找回该文件（或从备份恢复）后再试。")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_UNIT_PROBLEMS = "SELECT id FROM problems WHERE unit_id = :unit" \
                 " AND (:campaign IS NULL OR campaign_id = :campaign)"
_UNIT_SELFCHECKS = "SELECT id FROM selfchecks WHERE unit_id = :unit" \
                   " AND (:campaign IS NULL OR campaign_id = :campaign)"
_UNIT_ANSWERS = f"SELECT id FROM selfcheck_answers WHERE selfcheck_id IN ({_UNIT_SELFCHECKS})"
_UNIT_CASES = "SELECT id FROM case_files WHERE unit_id = :unit"
_UNIT_REVIEWS = f"SELECT id FROM case_reviews WHERE case_file_id IN ({_UNIT_CASES})"
_UNIT_KEYS = "SELECT key_id FROM signing_keys WHERE unit_id = :unit"
_UNIT_ANSWERS_TO = ("SELECT a.id FROM letter_answers a JOIN supervision_letters l"
                    " ON l.id = a.letter_id WHERE l.side = 'received'")
_OF_CAMPAIGN = "unit_id = :unit AND (:campaign IS NULL OR campaign_id IS NULL" \
               " OR campaign_id = :campaign)"

#: Longest file or folder name written under ``materials/`` (characters, before the extension).
MAX_NAME_CHARS = 80
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


class RecordTable(NamedTuple):
    """One table of ``records/``: which material it belongs to and which rows are the unit's
    (an SQL condition on the table's columns, with ``:unit`` and ``:campaign``); ``also``: other
    materials that bring the table along (the people travel with case reviews and training)."""

    name: str
    material: str
    where: str
    also: tuple[str, ...] = ()

    def chosen(self, materials: Collection[str]) -> bool:
        return self.material in materials or any(m in materials for m in self.also)


#: Tables in package order. ``key_holders`` (the encrypted private keys) is never included.
RECORD_TABLES: tuple[RecordTable, ...] = (
    RecordTable("problems", "ledger", f"id IN ({_UNIT_PROBLEMS})"),
    RecordTable("problem_events", "ledger", f"problem_id IN ({_UNIT_PROBLEMS})"),
    RecordTable("progress_notes", "ledger", f"problem_id IN ({_UNIT_PROBLEMS})"),
    RecordTable("evidence", "ledger", f"problem_id IN ({_UNIT_PROBLEMS})"),
    RecordTable("selfchecks", "selfchecks", f"id IN ({_UNIT_SELFCHECKS})"),
    RecordTable("selfcheck_answers", "selfchecks", f"selfcheck_id IN ({_UNIT_SELFCHECKS})"),
    RecordTable("selfcheck_evidence", "selfchecks", f"answer_id IN ({_UNIT_ANSWERS})"),
    RecordTable("case_files", "casereviews", "unit_id = :unit"),
    RecordTable("case_reviews", "casereviews", f"case_file_id IN ({_UNIT_CASES})"),
    RecordTable("case_review_marks", "casereviews", f"review_id IN ({_UNIT_REVIEWS})"),
    RecordTable("people", "casereviews", "unit_id = :unit", ("training",)),
    RecordTable("letter_answers", "letters", f"id IN ({_UNIT_ANSWERS_TO})"),
    RecordTable("letter_answer_files", "letters", f"answer_id IN ({_UNIT_ANSWERS_TO})"),
    RecordTable("leads", "leads", _OF_CAMPAIGN),
    RecordTable("trainings", "training", "unit_id = :unit"),
    RecordTable("person_certificates", "training",
                "person_id IN (SELECT id FROM people WHERE unit_id = :unit)"),
    RecordTable("briefs", "briefs", _OF_CAMPAIGN),
    RecordTable("brief_photos", "briefs",
                f"brief_id IN (SELECT id FROM briefs WHERE {_OF_CAMPAIGN})"),
    RecordTable("schedule_items", "schedule", _OF_CAMPAIGN),
    RecordTable("case_stats", "case_stats", "unit_id = :unit"),
    RecordTable("signing_keys", "signatures", "unit_id = :unit"),
    RecordTable("key_statements", "signatures", f"key_id IN ({_UNIT_KEYS})"),
    RecordTable("signatures", "signatures", f"key_id IN ({_UNIT_KEYS})"),
    RecordTable("ledger_revisions", "signatures",
                "unit_id = :unit AND (:campaign IS NULL OR campaign_id = :campaign)"),
)

#: Tables whose rows name an evidence file (``sha256``, ``original_name``).
_FILE_TABLES = frozenset({"evidence", "selfcheck_evidence", "letter_answer_files",
                          "brief_photos"})


def check_materials(materials: Collection[str]) -> list[str]:
    """``materials`` as a list in :data:`MATERIALS` order; ValidationError for an unknown code or
    an empty choice."""
    unknown = sorted(set(materials) - set(MATERIALS))
    if unknown:
        raise ValidationError(_UNKNOWN_MATERIAL, code=unknown[0])
    chosen = [m for m in MATERIALS if m in materials]
    if not chosen:
        raise ValidationError(_NO_MATERIAL)
    return chosen


def safe_name(text: str, fallback: str = "文件") -> str:
    """``text`` as one file or folder name any file system and the package reader accept: NFC,
    no path separators, reserved or control characters (each becomes "_"), no leading or
    trailing dots and spaces, at most :data:`MAX_NAME_CHARS` characters before the extension."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = name, ""
    stem = stem[:MAX_NAME_CHARS].rstrip(" .")
    if not stem:
        return fallback + (f".{ext}" if ext else "")
    return stem + (f".{ext}" if ext else "")


class AttachedMaterial(NamedTuple):
    """One campaign material a package carries: its name, its folder under ``data/`` and its
    files as (name inside the folder, source path)."""

    name: str
    folder: str
    files: list[tuple[str, Path]]


def campaign_materials(session: Session, campaign_id: int | None) -> list[dict[str, Any]]:
    """The materials campaign ``campaign_id`` requires (id, position, name, due_date, note), by
    position; [] without a campaign."""
    if campaign_id is None:
        return []
    return session.store.query(
        "SELECT id, position, name, due_date, note FROM campaign_materials"
        " WHERE campaign_id = ? ORDER BY position, id", (campaign_id,))


def _plain(text: str) -> str:
    """``text`` without quotation marks, spaces and "（附件N）" notes, for matching names."""
    text = re.sub(r"[（(]\s*附件\s*\d*\s*[)）]", "", unicodedata.normalize("NFC", text))
    return "".join(c for c in text if c not in "“”\"'‘’ \u3000")


def material_forms(session: Session, campaign_id: int | None) -> dict[str, str]:
    """The campaign's required materials that a package's ``forms`` material supplies: material
    name -> form code (one of :data:`PACKAGE_FORMS`), when the form's name is part of the
    material's (e.g. "整改工作台账（共性）（附件1）" -> ``common``)."""
    from .form_data import FORMS
    out: dict[str, str] = {}
    for row in campaign_materials(session, campaign_id):
        plain = _plain(row["name"])
        for code in PACKAGE_FORMS:
            if _plain(FORMS[code]) in plain:
                out[unicodedata.normalize("NFC", row["name"]).strip()] = code
                break
    return out


def claimed_materials(session: Session, campaign_id: int | None, chosen: Collection[str],
                      attached: Sequence[AttachedMaterial], *,
                      period: tuple[date, date] | None = None, since_seq: int = 0,
                      until_seq: int | None = None) -> list[str]:
    """The campaign's required materials a package carries, in the campaign's order: those
    given files; when ``forms`` is chosen, those a rendered form supplies; and those a ledger
    of the unit supplies (models.material_kinds): its material code chosen and at least one
    counting row of the period among the rows sent (changed after ``since_seq`` up to
    ``until_seq``, default the audit head)."""
    from . import material_kinds
    names = {a.name for a in attached}
    if "forms" in chosen:
        names |= set(material_forms(session, campaign_id))
    until = audit.head(session.store.conn)[0] if until_seq is None else until_seq
    params = {"unit": session.unit_id, "campaign": campaign_id}
    tables = {t.name: t for t in RECORD_TABLES}
    counted: dict[str, bool] = {}
    for row in material_kinds.material_rules(session.store.conn, campaign_id):
        kind = row["kind"]
        if kind and kind in chosen:
            if kind not in counted:
                spec = material_kinds.KINDS[kind]
                counted[kind] = material_kinds.counting_rows(
                    session, kind, tables[spec.table].where, params, period, since_seq,
                    until) > 0
            if counted[kind]:
                names.add(unicodedata.normalize("NFC", row["name"]).strip())
    return [n for n in (unicodedata.normalize("NFC", m["name"]).strip()
                        for m in campaign_materials(session, campaign_id)) if n in names]


def check_campaign_files(session: Session, campaign_id: int | None,
                         campaign_files: Mapping[str, Sequence[str | Path]] | None
                         ) -> list[AttachedMaterial]:
    """The files attached to the campaign's materials, checked and named, in the campaign's
    order; materials given no file are left out. Raises ValidationError when a name is not a
    material of the campaign, when there is no campaign, or when a path is not a regular file."""
    chosen = {unicodedata.normalize("NFC", k).strip(): list(v)
              for k, v in (campaign_files or {}).items() if list(v)}
    if not chosen:
        return []
    if campaign_id is None:
        raise ValidationError(_NEEDS_CAMPAIGN)
    required = campaign_materials(session, campaign_id)
    by_name = {unicodedata.normalize("NFC", m["name"]).strip(): (n, m)
               for n, m in enumerate(required, 1)}
    for name in chosen:
        if name not in by_name:
            raise ValidationError(_NOT_REQUIRED, name=name)
    out: list[AttachedMaterial] = []
    for name, (n, _row) in sorted(by_name.items(), key=lambda kv: kv[1][0]):
        if name not in chosen:
            continue
        folder = f"materials/{n:02d}-{safe_name(name, '材料')}"
        used: set[str] = set()
        files: list[tuple[str, Path]] = []
        for source in chosen[name]:
            path = Path(source)
            if not path.is_file():
                raise ValidationError(_NOT_A_FILE, path=str(path))
            base = safe_name(path.name)
            stem, dot, ext = base.rpartition(".")
            if not dot:
                stem, ext = base, ""
            candidate, k = base, 2
            while candidate.casefold() in used:
                candidate = f"{stem} ({k})" + (f".{ext}" if ext else "")
                k += 1
            used.add(candidate.casefold())
            files.append((candidate, path))
        out.append(AttachedMaterial(name, folder, files))
    return out


def _package_file(path: str, source: Path | bytes) -> Any:
    from .package_format import PackageFile
    return PackageFile(path, source)


def _evidence_path(session: Session, row: dict[str, Any]) -> tuple[str, Path]:
    """(path inside data/, stored file) of an evidence or self-check evidence row."""
    from . import evidence
    stored = evidence.path_of(session.store, row)
    sha = str(row["sha256"])
    return f"evidence/{sha[:2]}/{stored.name}", stored


def form_file_name(code: str) -> str:
    """The file name (without extension) of form ``code`` inside ``forms/``: the form's own
    Chinese name without quotation marks."""
    from .form_data import FORMS
    return "".join(c for c in FORMS[code] if c not in "“”\"'‘’")


class _Collector:
    """The state of one collection: what was counted, which evidence files were named."""

    def __init__(self, session: Session, campaign_id: int | None, since_seq: int,
                 until_seq: int, work_dir: Path) -> None:
        self.session = session
        self.conn = session.store.conn
        self.params = {"unit": session.unit_id, "campaign": campaign_id}
        self.since_seq = since_seq
        self.until_seq = until_seq
        self.work_dir = work_dir
        self.counts: dict[str, int] = {}
        self.files: dict[str, Path] = {}         # data/ path -> stored evidence file
        self.names: dict[str, str] = {}          # data/ path -> original name (for messages)

    def write_table(self, table: RecordTable) -> Path:
        """``records/<table>.jsonl`` written into the work folder; counts its rows."""
        key = audit.AUDITED_TABLES[table.name]
        sql = f'SELECT * FROM "{table.name}" WHERE {table.where}'
        params: dict[str, Any] = dict(self.params)
        if self.since_seq > 0:
            sql += (f' AND CAST("{key}" AS TEXT) IN (SELECT row_key FROM audit_log'
                    " WHERE tbl = :tbl AND seq > :since AND seq <= :until)")
            params.update(tbl=table.name, since=self.since_seq, until=self.until_seq)
        sql += f' ORDER BY "{key}"'
        out = self.work_dir / "records" / f"{table.name}.jsonl"
        count = 0
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            for values in cur:
                row = dict(zip(names, values))
                fh.write(audit.canonical(audit._redact(table.name, row)))
                fh.write("\n")
                count += 1
                if table.name in _FILE_TABLES:
                    path, stored = _evidence_path(self.session, row)
                    self.files.setdefault(path, stored)
                    self.names.setdefault(path, str(row["original_name"]))
        self.counts[table.name] = count
        return out

    def write_audit(self) -> Path:
        """``records/audit_log.jsonl``: entries since_seq < seq <= until_seq, in order."""
        out = self.work_dir / "records" / "audit_log.jsonl"
        count = 0
        cur = self.conn.execute("SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq",
                                (self.since_seq, self.until_seq))
        names = [d[0] for d in cur.description]
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            for values in cur:
                fh.write(audit.canonical(dict(zip(names, values))))
                fh.write("\n")
                count += 1
        self.counts["audit_log"] = count
        return out


#: Material code -> "module:function" of the forms its ledger adds to ``forms/`` when both it
#: and ``forms`` are chosen: ``function(session, campaign_id, period)`` returns a list of
#: (file name without extension, zero-argument callable building the Form); the callable is
#: called once per file written, so rows are read as each file is written.
PACKAGE_FORM_BUILDERS: dict[str, str] = {
    "letters": "models.letter_forms:package_forms",
    "leads": "models.form_leads:package_forms",
    "training": "models.form_training:package_forms",
    "briefs": "models.form_brief:package_forms",
    "schedule": "models.form_reports:schedule_package_forms",
    "case_stats": "models.form_reports:case_stats_package_forms",
}


def _extra_forms(session: Session, chosen: Collection[str], campaign_id: int | None,
                 period: tuple[date, date] | None) -> list[tuple[str, Callable[[], Any]]]:
    import importlib
    out: list[tuple[str, Callable[[], Any]]] = []
    for code in MATERIALS:
        spec = PACKAGE_FORM_BUILDERS.get(code)
        if spec and code in chosen:
            module, _sep, func = spec.partition(":")
            builder = getattr(importlib.import_module(module), func)
            out.extend(builder(session, campaign_id, period))
    return out


def _render_forms(session: Session, campaign_id: int | None, work_dir: Path,
                  cancelled: Cancelled | None, chosen: Collection[str] = (),
                  period: tuple[date, date] | None = None) -> Iterator[tuple[str, Path]]:
    """(data/ path, rendered file) of every package form, as xlsx then pdf per form: the ledger
    forms, then those of the other ledgers chosen (:data:`PACKAGE_FORM_BUILDERS`)."""
    from . import form_data, pdf_export, xlsx_export
    from .ledger_query import LedgerFilter
    flt = LedgerFilter(campaign_id=campaign_id)
    forms: list[tuple[str, Callable[[], Any]]] = []
    for code in PACKAGE_FORMS:
        if code == "lookback" and campaign_id is None:
            continue        # the 回头看 ledger is one campaign's
        forms.append((form_file_name(code),
                      lambda code=code: form_data.ledger_form(session, code, flt)))
    forms.extend(_extra_forms(session, chosen, campaign_id, period))
    for name, build in forms:
        for ext, writer in (("xlsx", xlsx_export), ("pdf", pdf_export)):
            target = work_dir / "forms" / f"{name}.{ext}"
            writer.write_form(build(), target, cancelled=cancelled)   # rows read once per file
            yield f"forms/{name}.{ext}", target


@operation("package.export")
def collect(session: Session, *, campaign_id: int | None, period: tuple[date, date] | None,
            materials: Collection[str], since_seq: int, work_dir: Path,
            progress: Progress | None = None, cancelled: Cancelled | None = None,
            until_seq: int | None = None,
            attached: Sequence[AttachedMaterial] = ()) -> Iterator[Any]:
    """The files of a package's ``data/`` folder, as ``PackageFile`` values (see the module doc).

    ``campaign_id`` None takes the unit's records of every campaign (and no 回头看 form);
    ``period`` (first day, last day) is the reporting period, stated in the manifest, while the
    rows are chosen by the audit log (``since_seq``). ``work_dir`` must be an empty folder the
    caller removes afterwards; records and forms are written there, evidence files are named
    where the evidence store keeps them. ``until_seq`` is the audit head the caller read at the
    start of its read transaction (default: the head now). ``progress(done, total)`` counts
    steps (tables, evidence files, forms); ``cancelled()`` true stops with ``ExportCancelled``.
    ``attached`` are the campaign materials' files (:func:`check_campaign_files`), written under
    ``materials/`` whatever ``materials`` says.
    The permission is checked at the call; the files are produced as the result is iterated.
    Raises ValidationError for an unknown material or an evidence file missing from the store.
    """
    chosen = check_materials(materials)
    head_seq = audit.head(session.store.conn)[0] if until_seq is None else until_seq
    return _collect(session, campaign_id, period, chosen, max(0, int(since_seq)), head_seq,
                    Path(work_dir), progress, cancelled, list(attached))


def _collect(session: Session, campaign_id: int | None, period: tuple[date, date] | None,
             chosen: list[str], since_seq: int, until_seq: int, work_dir: Path,
             progress: Progress | None, cancelled: Cancelled | None,
             attached: list[AttachedMaterial]) -> Iterator[Any]:
    from .forms import ExportCancelled

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, total)

    (work_dir / "records").mkdir(parents=True, exist_ok=True)
    (work_dir / "forms").mkdir(parents=True, exist_ok=True)
    col = _Collector(session, campaign_id, since_seq, until_seq, work_dir)
    tables = [t for t in RECORD_TABLES if t.chosen(chosen)]
    total = len(tables) + ("audit" in chosen) + 1
    done = 0
    for table in tables:
        step(done, total)
        path = col.write_table(table)
        yield _package_file(f"records/{table.name}.jsonl", path)
        done += 1
    if "audit" in chosen:
        step(done, total)
        yield _package_file("records/audit_log.jsonl", col.write_audit())
        done += 1
    yield _package_file("records/manifest.json",
                        _manifest(session, campaign_id, period, chosen, col, attached)
                        .encode("utf-8"))
    total += len(col.files) + sum(len(a.files) for a in attached)
    for path in sorted(col.files):
        step(done, total)
        stored = col.files[path]
        if not os.path.isfile(stored):
            raise ValidationError(_MISSING_FILE, name=col.names[path], path=str(stored))
        yield _package_file(path, stored)
        done += 1
    for material in attached:
        for name, source in material.files:
            step(done, total)
            if not os.path.isfile(source):
                raise ValidationError(_NOT_A_FILE, path=str(source))
            yield _package_file(f"{material.folder}/{name}", source)
            done += 1
    if "forms" in chosen:
        for path, rendered in _render_forms(session, campaign_id, work_dir, cancelled, chosen,
                                            period):
            yield _package_file(path, rendered)
    step(total, total)


def _manifest(session: Session, campaign_id: int | None, period: tuple[date, date] | None,
              chosen: list[str], col: _Collector, attached: list[AttachedMaterial]) -> str:
    """``records/manifest.json``: canonical JSON, one line."""
    conn = session.store.conn
    unit = conn.execute("SELECT code, name FROM units WHERE id = ?",
                        (session.unit_id,)).fetchone() or ("", "")
    campaign = None
    if campaign_id is not None:
        row = conn.execute("SELECT id, title, doc_no FROM campaigns WHERE id = ?",
                           (campaign_id,)).fetchone()
        if row is not None:
            campaign = {"id": row[0], "title": row[1], "doc_no": row[2]}
    return audit.canonical({
        "format": "fieldledger-records/1",
        "unit": {"id": session.unit_id, "code": unit[0], "name": unit[1]},
        "campaign": campaign,
        "period": [period[0].isoformat(), period[1].isoformat()] if period else None,
        "materials": chosen,
        "since_seq": col.since_seq,
        "until_seq": col.until_seq,
        "counts": col.counts,
        "evidence_files": len(col.files),
        "campaign_materials": [{"name": a.name, "folder": a.folder,
                                "files": [name for name, _source in a.files]}
                               for a in attached],
    }) + "\n"
