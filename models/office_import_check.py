"""The office's checks of a submission package (for models.office_import): :func:`examine`
runs them all and gives an :class:`ImportReport` (every text in Chinese) with the alarms raised,
the unit and the staged payload. Nothing here writes.

Checks, in order:

1. the container (``models.package_format.verify_package``: decryption with the office's age
   identities, the ZIP, the bag, every manifest entry, nothing extra) and the signature, made
   with the key ``key_for`` allows: the unit named by ``FieldLedger-Unit-Code`` must be
   registered (:mod:`models.office_units`) and ``FieldLedger-Signing-Key`` must be that unit's
   current active seal key: a key of another unit, a retired key or a revoked key is refused;
2. the unit's chain, against the packages imported from it before (``office_packages``):
   the same SHA-256 again is "already imported" and changes nothing at all; the same sequence
   number with other content is an *equivocation* alarm (refused); a lower sequence number is a
   *replay* alarm (refused); a skipped number is a *gap* alarm and a ``FieldLedger-Previous-
   Package`` that is not the last imported package's SHA-256 a *chain* alarm (both imported);
3. the audit trail: the audit head must extend the last one seen, and the entries of
   ``records/audit_log.jsonl`` must hash as :func:`models.audit.entry_hash` computes, link to one
   another and to the last head seen, and end at the head bag-info states; otherwise a *fork*
   alarm (refused).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple

from . import audit, package_contents
from .errors import Cancelled, ValidationError
from .files import hash_file
from .i18n import QT_TRANSLATE_NOOP
from .office_units import raw_public, unit_by_code
from .session import Session
from .store import Store

Progress = Callable[[int, int], None]
CancelledCheck = Callable[[], bool]

#: Tables whose rows a package may carry in ``records/`` (besides the audit entries): exactly
#: those a station sends (models.package_contents.RECORD_TABLES); anything else is refused.
RECORD_TABLES = frozenset(t.name for t in package_contents.RECORD_TABLES)
AUDIT_FILE = "records/audit_log.jsonl"

ALARM_LABELS = {
    "equivocation": QT_TRANSLATE_NOOP("alarms", "同号异包"),
    "gap": QT_TRANSLATE_NOOP("alarms", "缺号"),
    "chain": QT_TRANSLATE_NOOP("alarms", "前包不符"),
    "replay": QT_TRANSLATE_NOOP("alarms", "重放旧包"),
    "fork": QT_TRANSLATE_NOOP("alarms", "审计链分叉"),
}

_UNKNOWN_UNIT = QT_TRANSLATE_NOOP(
    "errors", "报送包自称来自单位代码“{code}”，但本机没有登记这个单位。请先导入该单位的单位签章密钥登记文件。")
_NOT_UNIT_KEY = QT_TRANSLATE_NOOP(
    "errors", "报送包自称来自“{unit}”，但签名密钥 {key} 不是该单位登记的单位签章密钥。报送包不可信。")
_RETIRED = QT_TRANSLATE_NOOP(
    "errors", "报送包由“{unit}”已更换的旧签章密钥 {fingerprint} 签名。请导入该单位最新的密钥登记文件，"
    "并请该单位用当前签章密钥重新生成报送包。")
_REVOKED = QT_TRANSLATE_NOOP(
    "errors", "报送包由“{unit}”已吊销的签章密钥 {fingerprint} 签名，不能采信。")
_UNREADABLE = QT_TRANSLATE_NOOP("errors", "无法读取报送包“{path}”：{reason}")
_BAD_INFO = QT_TRANSLATE_NOOP("errors", "报送包信息中“{label}”的值“{value}”无效。")
_BAD_RECORDS = QT_TRANSLATE_NOOP("errors", "报送包的记录文件 {path} 第 {line} 行无法读取。")
_UNKNOWN_TABLE = QT_TRANSLATE_NOOP("errors", "报送包含有本程序不认识的记录文件 {path}。")
_AUDIT_BROKEN = QT_TRANSLATE_NOOP("errors", "报送包中的审计记录在序号 {seq} 处断开或被改动。")
_AUDIT_HEAD = QT_TRANSLATE_NOOP(
    "errors", "报送包中的审计记录止于序号 {found}，与报送包信息所称的审计链末条 {stated} 不符。")
_ALREADY = QT_TRANSLATE_NOOP("errors", "这个报送包已经导入过（{unit} 第 {seq} 号），无需再次导入。")

_ALARM_TEXT = {
    "equivocation": QT_TRANSLATE_NOOP(
        "alarms", "“{unit}”第 {seq} 号报送包已导入过另一份内容不同的包（{other}），本包不予导入。"),
    "replay": QT_TRANSLATE_NOOP(
        "alarms", "“{unit}”第 {seq} 号报送包早于已导入的第 {last} 号，是旧包重放，不予导入。"),
    "gap": QT_TRANSLATE_NOOP(
        "alarms", "“{unit}”的报送包缺号：上次导入第 {last} 号，本包是第 {seq} 号。请向该单位核实缺少的报送包。"),
    "chain": QT_TRANSLATE_NOOP(
        "alarms", "“{unit}”第 {seq} 号报送包所称的前一包 {prev} 与本机导入的前一包 {last} 不符。"),
    "fork": QT_TRANSLATE_NOOP(
        "alarms", "“{unit}”第 {seq} 号报送包的审计链没有接续本机上次见到的末条（序号 {last}）：{detail}"
        "。该单位的数据可能被回退或改写，不予导入。"),
    "audit_gap": QT_TRANSLATE_NOOP(
        "alarms", "“{unit}”第 {seq} 号报送包的审计记录从序号 {first} 开始，缺少上次见到的末条（序号 {last}）"
        "之后的记录，无法确认接续。"),
}
#: Alarms that refuse the package.
REFUSING = frozenset({"equivocation", "replay", "fork"})


class Alarm(NamedTuple):
    """An alarm a package raises: ``kind`` (a key of ALARM_LABELS) and the Chinese detail."""

    kind: str
    detail: str


class ImportReport(NamedTuple):
    """What a package is and what importing it would do (every text in Chinese).

    ``problems`` empty and ``already_imported`` False: it can be imported; ``reason`` the short
    code of the first problem (``"signature"``, ``"manifest"``, ``"key"``, ``"replay"``, ...)."""

    path: Path
    sha256: str
    size: int
    encrypted: bool
    unit_code: str
    unit_name: str
    seq: int | None
    previous: str
    campaign: str
    period: str
    materials: list[str]
    campaign_materials: list[str]   # the campaign's required materials the package carries
    created: str                    # the signed creation time (UTC ISO), "" when unknown
    audit_head: tuple[int, str] | None
    counts: dict[str, int]
    files: int
    evidence_files: int
    evidence_bytes: int
    signer: str                 # fingerprint of the key that signed it, "" when unknown
    alarms: list[Alarm]
    problems: list[str]
    reason: str
    already_imported: bool

    @property
    def importable(self) -> bool:
        return not self.problems and not self.already_imported

    def lines(self) -> list[str]:
        """The report as lines of Chinese text (what the command line prints)."""
        out = [f"报送包：{self.path.name}（{self.size} 字节，SHA-256 {self.sha256}）"]
        if self.unit_code:
            out.append(f"单位：{self.unit_name or '（未登记）'}（{self.unit_code}），第 {self.seq} 号，"
                       f"前一包：{self.previous}")
        if self.signer:
            out.append(f"签名：单位签章密钥 {self.signer}，{'已加密' if self.encrypted else '未加密'}")
        if self.campaign or self.period:
            out.append(f"专项行动：{self.campaign}；报送期间：{self.period}")
        if self.materials:
            out.append(f"报送材料：{'、'.join(self.materials)}")
        if self.campaign_materials:
            out.append(f"专项行动要求的材料：{'、'.join(self.campaign_materials)}")
        if self.counts:
            out.append("记录：" + "，".join(f"{t} {n} 条" for t, n in self.counts.items()))
        if self.files:
            out.append(f"文件 {self.files} 个，其中印证资料 {self.evidence_files} 个共"
                       f" {self.evidence_bytes} 字节")
        for alarm in self.alarms:
            out.append(f"警报（{ALARM_LABELS.get(alarm.kind, alarm.kind)}）：{alarm.detail}")
        for problem in self.problems:
            out.append(f"问题：{problem}")
        if self.already_imported:
            out.append("已导入过，无需再次导入。")
        elif not self.problems:
            out.append("检查通过，可以导入。")
        return out


class Examined(NamedTuple):
    """What :func:`examine` found: the ``report``, the registered ``unit`` the package names, the
    folder its payload was ``staged`` in and the payload's ``files``. ``unit`` is None when the
    package could not be read, was imported before or names no registered unit; ``staged`` is
    None and ``files`` empty unless the container verified (``staged`` also when not staged)."""

    report: ImportReport
    unit: dict[str, Any] | None
    staged: Path | None
    files: list[str]


def _int(info: Mapping[str, str], label: str) -> int:
    value = info.get(label, "")
    if not re.fullmatch(r"[1-9][0-9]{0,17}", value):
        raise ValidationError(_BAD_INFO, label=label, value=value[:40])
    return int(value)


def _head(info: Mapping[str, str]) -> tuple[int, str]:
    value = info.get("FieldLedger-Audit-Head", "")
    match = re.fullmatch(r"(0|[1-9][0-9]{0,17}):([0-9a-f]{64})", value)
    if match is None:
        raise ValidationError(_BAD_INFO, label="FieldLedger-Audit-Head", value=value[:80])
    return int(match.group(1)), match.group(2)


def _last_imported(store: Store, unit_id: int) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM office_packages WHERE unit_id = ? AND status = 'imported'"
                       " ORDER BY seq DESC LIMIT 1", (unit_id,))
    return rows[0] if rows else None


def _last_head(store: Store, unit_id: int) -> tuple[int, str]:
    row = store.conn.execute(
        "SELECT audit_head_seq, audit_head_hash FROM office_packages WHERE unit_id = ?"
        " AND status = 'imported' ORDER BY audit_head_seq DESC, seq DESC LIMIT 1",
        (unit_id,)).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, audit.GENESIS_HASH)


def _key_for(store: Store, seen: dict[str, Any]) -> Callable[[Mapping[str, str]], bytes]:
    """``key_for`` of verify_package: the unit's current seal key (see the module doc)."""
    def key_for(info: Mapping[str, str]) -> bytes:
        seen["info"] = dict(info)
        code = str(info.get("FieldLedger-Unit-Code", ""))
        unit = unit_by_code(store, code)
        if unit is None:
            seen["reason"] = "unknown_unit"
            raise ValidationError(_UNKNOWN_UNIT, code=code[:80])
        seen["unit"] = unit
        named = str(info.get("FieldLedger-Signing-Key", ""))
        rows = store.query("SELECT * FROM office_unit_keys WHERE key_id = ?", (named,))
        if not rows or rows[0]["unit_id"] != unit["id"] or rows[0]["kind"] != "seal":
            seen["reason"] = "wrong_unit_key"
            raise ValidationError(_NOT_UNIT_KEY, unit=unit["name"], key=named[:40])
        row = rows[0]
        if row["status"] == "revoked":
            seen["reason"] = "revoked_key"
            raise ValidationError(_REVOKED, unit=unit["name"], fingerprint=row["fingerprint"])
        if row["status"] != "active":
            seen["reason"] = "retired_key"
            raise ValidationError(_RETIRED, unit=unit["name"], fingerprint=row["fingerprint"])
        seen["signer"] = row["fingerprint"]
        return raw_public(row)
    return key_for


def read_jsonl(path: Path, name: str) -> Any:
    """The objects of the JSON-lines file at ``path`` (called ``name`` in messages) as (line
    number, object) pairs, one by one; ValidationError names a line that is not a JSON object."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                value = json.loads(line)
            except ValueError:
                raise ValidationError(_BAD_RECORDS, path=name, line=n) from None
            if not isinstance(value, dict):
                raise ValidationError(_BAD_RECORDS, path=name, line=n)
            yield n, value


def _check_audit(path: Path, stated: tuple[int, str], last: tuple[int, str],
                 alarm: Callable[..., None]) -> int:
    """Check the audit entries (see the module doc); return their count. Raises
    ValidationError for a package inconsistent in itself; calls ``alarm`` for a fork or gap."""
    prev: tuple[int, str] | None = None
    first = 0
    count = 0
    linked = last[0] == 0
    for n, entry in read_jsonl(path, AUDIT_FILE):
        try:
            seq = int(entry["seq"])
            digest = audit.entry_hash(seq, entry["ts"], entry["actor"], entry["action"],
                                      entry["tbl"], entry["row_key"], entry["before"],
                                      entry["after"], entry["prev_hash"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_BAD_RECORDS, path=AUDIT_FILE, line=n) from None
        if digest != entry["hash"] or (prev is not None and (
                seq != prev[0] + 1 or entry["prev_hash"] != prev[1])) \
                or (seq == 1 and entry["prev_hash"] != audit.GENESIS_HASH):
            raise ValidationError(_AUDIT_BROKEN, seq=seq)
        if prev is None:
            first = seq
            if seq == last[0] + 1:
                if entry["prev_hash"] != last[1]:
                    alarm("fork", last=last[0], detail=f"序号 {seq} 的前一条哈希不同")
                linked = True
        if seq == last[0]:
            if digest != last[1]:
                alarm("fork", last=last[0], detail=f"序号 {seq} 的哈希不同")
            linked = True
        prev = (seq, digest)
        count += 1
    if prev is not None and prev != stated:
        raise ValidationError(_AUDIT_HEAD, found=prev[0], stated=stated[0])
    if prev is not None and not linked and first > last[0] + 1:
        alarm("audit_gap", last=last[0], first=first)
    return count


def examine(session: Session, path: Path, identities: Sequence[str], staging: Path,
            progress: Progress | None, cancelled: CancelledCheck | None,
            *, stage: bool) -> Examined:
    """Every check of the module doc on the package at ``path``; the report, the unit and, when
    ``stage``, the payload unpacked into ``staging``. Changes nothing in the database; raises
    Cancelled when ``cancelled()`` turns true."""
    from . import package_format
    store = session.store
    path = Path(path)
    seen: dict[str, Any] = {}
    problems: list[str] = []
    alarms: list[Alarm] = []
    reason = ""
    try:
        sha, size = hash_file(path)
    except OSError as exc:
        problem = ValidationError(_UNREADABLE, path=str(path), reason=exc.strerror or str(exc))
        return Examined(_report(path, "", 0, False, seen, [], [str(problem)], "unreadable",
                                {}, 0, 0, 0, False), None, None, [])
    done = store.query("SELECT * FROM office_packages WHERE sha256 = ? AND status = 'imported'",
                       (sha,))
    if done:
        # The very bytes of a package verified and imported before: nothing to check again.
        with open(path, "rb") as fh:
            encrypted = fh.read(len(package_format.AGE_MAGIC)) == package_format.AGE_MAGIC
        return Examined(_report(path, sha, size, encrypted, _seen_of(store, done[0]), [], [], "",
                                 {}, 0, 0, 0, True), None, None, [])
    verified = None
    try:
        verified = package_format.verify_package(
            path, key_for=_key_for(store, seen), identities=identities,
            staging=staging if stage else None, progress=progress, cancelled=cancelled)
    except package_format.PackageInvalid as exc:
        reason = seen.get("reason") or exc.reason
        problems.append(str(exc))
    except OSError as exc:
        reason = "unreadable"
        problems.append(str(ValidationError(_UNREADABLE, path=str(path),
                                            reason=exc.strerror or str(exc))))
    unit = seen.get("unit")
    if verified is None:
        return Examined(_report(path, sha, size, False, seen, alarms, problems, reason, {},
                                 0, 0, 0, False), unit, None, [])
    info = verified.info
    counts: dict[str, int] = {}
    evidence_files = evidence_bytes = 0
    already = False
    staged = verified.staged
    try:
        seq = _int(info, "FieldLedger-Sequence")
        head = _head(info)
        name = unit["name"]

        def alarm(kind: str, **params: Any) -> None:
            alarms.append(Alarm("gap" if kind == "audit_gap" else kind,
                                _ALARM_TEXT[kind].format(unit=name, seq=seq, **params)))

        done = store.query("SELECT * FROM office_packages WHERE unit_id = ? AND"
                           " status = 'imported' AND (sha256 = ? OR seq = ?)",
                           (unit["id"], sha, seq))
        if any(r["sha256"] == sha for r in done):
            already = True
        elif done:
            alarm("equivocation", other=done[0]["sha256"][:16])
        else:
            last = _last_imported(store, unit["id"])
            last_seq = int(last["seq"]) if last else 0
            prev = info.get("FieldLedger-Previous-Package", "")
            if seq < last_seq:
                alarm("replay", last=last_seq)
            elif seq > last_seq + 1:
                alarm("gap", last=last_seq)
            elif prev != (last["sha256"] if last else "none"):
                alarm("chain", prev=prev[:16], last=(last["sha256"][:16] if last else "none"))
        last_head = _last_head(store, unit["id"])
        if not already and alarms[-1:] and alarms[-1].kind in REFUSING:
            pass
        elif not already:
            if head[0] < last_head[0] or (head[0] == last_head[0] and head[1] != last_head[1]):
                alarm("fork", last=last_head[0], detail=f"本包审计链末条序号为 {head[0]}")
        for name_ in verified.files:
            if cancelled is not None and cancelled():
                raise Cancelled()
            file_path = (staged / name_) if staged is not None else None
            if name_.startswith("records/") and name_.endswith(".jsonl"):
                table = name_[len("records/"):-len(".jsonl")]
                if name_ == AUDIT_FILE:
                    if file_path is not None and not already:
                        counts["audit_log"] = _check_audit(file_path, head, last_head, alarm)
                    continue
                if table not in RECORD_TABLES:
                    raise ValidationError(_UNKNOWN_TABLE, path=name_)
                if file_path is not None:
                    counts[table] = sum(1 for _ in read_jsonl(file_path, name_))
            elif name_.startswith("evidence/"):
                evidence_files += 1
                if file_path is not None:
                    evidence_bytes += file_path.stat().st_size
    except ValidationError as exc:
        problems.append(str(exc))
        reason = reason or "content"
    refusing = [a for a in alarms if a.kind in REFUSING]
    if refusing and not reason:
        reason = refusing[0].kind
    problems.extend(a.detail for a in refusing)
    report = _report(path, sha, size, verified.encrypted, seen, alarms, problems, reason,
                     counts, len(verified.files), evidence_files, evidence_bytes, already)
    return Examined(report, unit, staged, verified.files)


def _seen_of(store: Store, row: dict[str, Any]) -> dict[str, Any]:
    """What verification saw of a package imported before, from its office_packages row."""
    unit = store.query("SELECT * FROM office_units WHERE id = ?", (row["unit_id"],))
    key = store.query("SELECT fingerprint FROM office_unit_keys WHERE key_id = ?",
                      (row["signing_key"],))
    info = {"FieldLedger-Unit-Code": row["unit_code"], "FieldLedger-Sequence": str(row["seq"]),
            "FieldLedger-Previous-Package": row["prev_sha256"] or "",
            "FieldLedger-Campaign": row["campaign"] or "", "FieldLedger-Period": row["period"] or "",
            "FieldLedger-Materials": row["materials"] or ""}
    if row["audit_head_seq"] is not None:
        info["FieldLedger-Audit-Head"] = f"{row['audit_head_seq']}:{row['audit_head_hash']}"
    return {"info": info, "unit": unit[0] if unit else None,
            "signer": key[0]["fingerprint"] if key else ""}


def _report(path: Path, sha: str, size: int, encrypted: bool, seen: dict[str, Any],
            alarms: list[Alarm], problems: list[str], reason: str, counts: dict[str, int],
            files: int, evidence_files: int, evidence_bytes: int,
            already: bool) -> ImportReport:
    info = seen.get("info") or {}
    unit = seen.get("unit")
    seq_text = info.get("FieldLedger-Sequence", "")
    try:
        head: tuple[int, str] | None = _head(info) if info else None
    except ValidationError:
        head = None
    materials = [m for m in info.get("FieldLedger-Materials", "").split(",") if m]
    return ImportReport(campaign_materials=_claimed(info),
                        created=str(info.get("FieldLedger-Created", ""))[:40],
        path=Path(path), sha256=sha, size=size, encrypted=encrypted,
        unit_code=str(info.get("FieldLedger-Unit-Code", "")),
        unit_name=unit["name"] if unit else str(info.get("Source-Organization", "")),
        seq=int(seq_text) if seq_text.isdigit() else None,
        previous=str(info.get("FieldLedger-Previous-Package", "")),
        campaign=str(info.get("FieldLedger-Campaign", "")),
        period=str(info.get("FieldLedger-Period", "")), materials=materials, audit_head=head,
        counts=counts, files=files, evidence_files=evidence_files,
        evidence_bytes=evidence_bytes, signer=str(seen.get("signer", "")), alarms=alarms,
        problems=problems, reason=reason, already_imported=already)


def _claimed(info: Mapping[str, str]) -> list[str]:
    """The names bag-info ``FieldLedger-Campaign-Materials`` lists (a JSON array of strings;
    absent in packages of earlier versions, anything malformed counts as none)."""
    try:
        value = json.loads(info.get("FieldLedger-Campaign-Materials", "[]"))
    except ValueError:
        return []
    if not isinstance(value, list):
        return []
    return [unicodedata.normalize("NFC", v).strip()[:200] for v in value
            if isinstance(v, str) and v.strip()][:100]
