"""The office side of submission packages: registering units from enrollment files, verified
and idempotent import, the alarms (replay, gap, equivocation, fork), keys of the wrong unit,
revoked keys, quarantine, roles, and the ``package import`` command line."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import is_chinese, run_cli
from form_helpers import build_signed_demo
from models import audit, enrollment, keys, office_import, office_units, package_format, problems
from models.demo import DEMO_PASSWORD
from models.errors import PermissionDenied, ValidationError
from models.paths import DataDir
from models.session import Session, setup_installation
from models.store import Store, open_store

OFFICE_PASSWORD = "office-pass-1"


@pytest.fixture
def office(tmp_path: Path):
    store = open_store(DataDir(tmp_path / "office"))
    setup_installation(store, unit={"name": "果洛州交通运输综合行政执法支队", "code": "QH-6326",
                                    "level": "city"},
                       chief={"name": "才让"}, username="director", password=OFFICE_PASSWORD)
    yield store
    store.close()


def director(office: Store) -> Session:
    from models.session import login
    return login(office, "director", OFFICE_PASSWORD)


def seal_key(station: Store) -> str:
    chief = login_as(station, "chief")
    return keys._active_key(station, "seal", unit_id=chief.unit_id)


def enroll(station: Store) -> str:
    return enrollment.enrollment_file(login_as(station, "chief"), seal_key(station), DEMO_PASSWORD)


def make_package(station: Store, target: Path, seq: int, prev: str, *, note: bytes = b"",
                 audit_upto: int | None = None, unit_code: str | None = None) -> Path:
    """A small package signed by the station's current seal key: problems, the audit entries up
    to ``audit_upto`` (default the head), one evidence file and one form file."""
    chief = login_as(station, "chief")
    conn = station.conn
    head_seq = audit.head(conn)[0] if audit_upto is None else audit_upto
    head_hash = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (head_seq,)).fetchone()[0]

    def jsonl(sql: str, params: tuple = ()) -> bytes:
        cur = conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return b"".join(audit.canonical(dict(zip(names, r))).encode() + b"\n" for r in cur)

    photo = b"\xff\xd8 photo " + note
    import hashlib
    sha = hashlib.sha256(photo).hexdigest()
    files = [
        package_format.PackageFile("records/problems.jsonl", jsonl(
            "SELECT * FROM problems WHERE unit_id = ? ORDER BY id", (chief.unit_id,))),
        package_format.PackageFile("records/audit_log.jsonl", jsonl(
            "SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq", (head_seq,))),
        package_format.PackageFile(f"evidence/{sha[:2]}/{sha}.jpg", photo),
        package_format.PackageFile("forms/专项整治问题清单.xlsx", b"PK form " + note),
    ]
    code = conn.execute("SELECT code FROM units WHERE id = ?", (chief.unit_id,)).fetchone()[0]
    info = {"Source-Organization": "玛沁县大武超限检测站",
            "FieldLedger-Unit-Code": unit_code or code, "FieldLedger-Sequence": str(seq),
            "FieldLedger-Previous-Package": prev, "FieldLedger-Campaign": "青交执法〔2023〕12号",
            "FieldLedger-Period": "2024-06-01/2024-06-30",
            "FieldLedger-Materials": "ledger,audit,forms",
            "FieldLedger-Audit-Head": f"{head_seq}:{head_hash}",
            "FieldLedger-Created": "2024-06-30T08:00:00Z"}
    key_id = seal_key(station)
    public = keys.stored_public_key(conn, key_id)[0]
    with keys.unlock(chief, key_id, DEMO_PASSWORD) as sign:
        written = package_format.write_package(target, files, info, public_key=public,
                                               sign=sign)
    return written.path


def dump(store: Store) -> list:
    """Every row of every table, to compare the database before and after."""
    out = []
    for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                      " ORDER BY name"):
        out.append((name, store.conn.execute(f'SELECT * FROM "{name}"').fetchall()))
    return out


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def registered(station: Store, office: Store) -> Session:
    session = director(office)
    result = office_units.register_unit(session, enroll(station))
    assert result and result.status == "active"
    return session


# --- registry ------------------------------------------------------------------------------------

def test_register_unit_shows_the_fingerprint(station: Store, office: Store) -> None:
    session = director(office)
    text = enroll(station)
    result = office_units.register_unit(session, text)
    fingerprint = station.conn.execute("SELECT fingerprint FROM signing_keys WHERE key_id = ?",
                                       (seal_key(station),)).fetchone()[0]
    assert result.fingerprint == fingerprint and result.unit_code == "QH-632621-DW"
    units = office_units.list_units(session)
    assert [(u["code"], u["seal_fingerprint"]) for u in units] == [("QH-632621-DW", fingerprint)]
    assert not office_units.register_unit(session, text)       # the same file: nothing changes
    tampered = text.replace("玛沁县大武超限检测站", "玛沁县大武超限检测站二")
    with pytest.raises(enrollment.EnrollmentInvalid):
        office_units.register_unit(session, tampered)
    assert office.verify_audit().ok


# --- import --------------------------------------------------------------------------------------

def test_import_then_double_import_changes_nothing(station: Store, office: Store,
                                                   registered: Session, tmp_path: Path) -> None:
    pkg = make_package(station, tmp_path / "p1.flpkg", 1, "none")
    preview = office_import.verify_and_preview(registered, pkg)
    assert preview.importable and preview.seq == 1 and not preview.alarms
    assert preview.counts["problems"] > 0 and preview.evidence_files == 1
    assert preview.signer and all(is_chinese(line) for line in preview.lines())
    result = office_import.import_package(registered, pkg)
    assert result.status == "imported", result.report.problems
    rows = office_import.unit_records(registered, "QH-632621-DW", "problems")
    assert len(rows) == preview.counts["problems"]
    root = office.data_dir.root
    evidence = files_under(root / "office" / "evidence")
    assert len(evidence) == 1
    assert (root / "office" / "QH-632621-DW" / "1" / "forms" / "专项整治问题清单.xlsx").is_file()
    assert office.verify_audit().ok
    office.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before_dump, before_files = dump(office), files_under(root)
    again = office_import.import_package(registered, pkg)
    assert again.status == "already_imported" and not again.changes
    assert dump(office) == before_dump
    assert files_under(root) == before_files
    assert not list(root.joinpath("staging").iterdir())


def test_gap_and_replay(station: Store, registered: Session, tmp_path: Path) -> None:
    p1 = make_package(station, tmp_path / "p1.flpkg", 1, "none")
    p2 = make_package(station, tmp_path / "p2.flpkg", 2, "x" * 64, note=b"2")
    p3 = make_package(station, tmp_path / "p3.flpkg", 3, "y" * 64, note=b"3")
    assert office_import.import_package(registered, p1).status == "imported"
    gap = office_import.import_package(registered, p3)
    assert gap.status == "imported" and [a.kind for a in gap.report.alarms] == ["gap"]
    replay = office_import.import_package(registered, p2)
    assert replay.status == "quarantined" and replay.report.reason == "replay"
    kinds = sorted(a["kind"] for a in office_import.list_alarms(registered))
    assert kinds == ["gap", "replay"]
    assert replay.quarantined_to is not None and not p2.exists()
    assert replay.quarantined_to.with_name(replay.quarantined_to.name + ".reason.txt").is_file()


def test_equivocation(station: Store, registered: Session, tmp_path: Path) -> None:
    p1 = make_package(station, tmp_path / "p1.flpkg", 1, "none")
    first = office_import.import_package(registered, p1).report.sha256
    a = make_package(station, tmp_path / "p2a.flpkg", 2, first, note=b"a")
    b = make_package(station, tmp_path / "p2b.flpkg", 2, first, note=b"b")
    assert office_import.import_package(registered, a).report.alarms == []
    result = office_import.import_package(registered, b)
    assert result.status == "quarantined"
    assert [al.kind for al in result.report.alarms] == ["equivocation"]
    statuses = [(p["seq"], p["status"]) for p in office_import.list_packages(registered)]
    assert statuses == [(2, "quarantined"), (2, "imported"), (1, "imported")]


def test_chain_alarm_and_fork(station: Store, registered: Session, tmp_path: Path) -> None:
    p1 = make_package(station, tmp_path / "p1.flpkg", 1, "none")
    office_import.import_package(registered, p1)
    p2 = make_package(station, tmp_path / "p2.flpkg", 2, "f" * 64, note=b"2")
    chained = office_import.import_package(registered, p2)
    assert chained.status == "imported" and [a.kind for a in chained.report.alarms] == ["chain"]
    head = audit.head(station.conn)[0]
    p3 = make_package(station, tmp_path / "p3.flpkg", 3, chained.report.sha256, note=b"3",
                      audit_upto=head - 3)
    fork = office_import.import_package(registered, p3)
    assert fork.status == "quarantined" and fork.report.reason == "fork"


def test_package_claiming_another_unit(station: Store, office: Store, registered: Session,
                                       tmp_path: Path) -> None:
    other = DataDir(tmp_path / "other")
    build_signed_demo(other)
    other_store = open_store(other)
    try:
        unit_id = login_as(other_store, "chief").unit_id
        with other_store.write("test") as w:     # a second unit with its own code
            w.update("units", unit_id, {"code": "QH-632621-XX", "name": "另一检测站"})
        office_units.register_unit(registered, enroll(other_store))
        # signed with the other unit's key, but claiming to be the demo station
        forged = make_package(other_store, tmp_path / "forged.flpkg", 1, "none",
                              unit_code="QH-632621-DW")
    finally:
        other_store.close()
    result = office_import.import_package(registered, forged)
    assert result.status == "quarantined" and result.report.reason == "wrong_unit_key"
    assert is_chinese(result.report.problems[0])
    assert office_import.unit_records(registered, "QH-632621-DW", "problems") == []


def test_unknown_unit_and_tampered_package(station: Store, office: Store, tmp_path: Path) -> None:
    session = director(office)
    pkg = make_package(station, tmp_path / "p1.flpkg", 1, "none")
    unknown = office_import.import_package(session, pkg)
    assert unknown.status == "quarantined" and unknown.report.reason == "unknown_unit"
    office_units.register_unit(session, enroll(station))
    pkg = make_package(station, tmp_path / "p1b.flpkg", 1, "none")
    data = bytearray(pkg.read_bytes())
    data[len(data) // 2] ^= 0x01
    pkg.write_bytes(bytes(data))
    before = dump(office)
    result = office_import.import_package(session, pkg)
    assert result.status == "quarantined" and result.report.problems
    reason_file = result.quarantined_to.with_name(result.quarantined_to.name + ".reason.txt")
    assert "SHA-256" in reason_file.read_text(encoding="utf-8")
    changed = {t for (t, rows), (_t, old) in zip(dump(office), before) if rows != old}
    assert changed <= {"office_packages", "office_package_claims", "audit_log", "sqlite_sequence"}
    assert not office_import.unit_records(session, "QH-632621-DW", "problems")


def test_rotation_and_revocation(station: Store, office: Store, registered: Session,
                                 tmp_path: Path) -> None:
    old_key = seal_key(station)
    before = make_package(station, tmp_path / "old.flpkg", 1, "none")
    chief = login_as(station, "chief")
    keys.rotate_key(chief, old_key, DEMO_PASSWORD, "定期更换")
    after = make_package(station, tmp_path / "new.flpkg", 1, "none", note=b"new")
    # the office has not learnt the new key yet
    assert office_import.verify_and_preview(registered, after).reason == "wrong_unit_key"
    keys.revoke_key(chief, old_key, DEMO_PASSWORD, "旧密钥遗失")
    result = office_units.register_unit(registered, enroll(station))
    assert result.key_id == seal_key(station) != old_key
    states = {k["key_id"]: k["status"] for k in office_units.unit_keys(office, result.unit_id)}
    assert states == {old_key: "revoked", result.key_id: "active"}
    refused = office_import.verify_and_preview(registered, before)
    assert refused.reason == "revoked_key" and "吊销" in refused.problems[0]
    assert office_import.import_package(registered, after).status == "imported"


def test_unrelated_seal_key_needs_confirmation(station: Store, registered: Session) -> None:
    chief = login_as(station, "chief")
    keys.revoke_key(chief, seal_key(station), DEMO_PASSWORD, "遗失")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    text = enroll(station)
    with pytest.raises(ValidationError, match="没有\n?更换关系|没有更换关系"):
        office_units.register_unit(registered, text)
    result = office_units.register_unit(registered, text, replace_seal=True)
    assert result.status == "active"


@pytest.mark.parametrize("user,allowed", [("officer", False), ("reviewer", False),
                                          ("chief", True), ("admin", True)])
def test_roles(station: Store, demo: Store, user: str, allowed: bool, tmp_path: Path) -> None:
    session = login_as(demo, user)
    text = enroll(station)
    assert office_units.list_units(session) == []
    assert office_import.list_alarms(session) == []
    if allowed:
        assert office_units.register_unit(session, text)
    else:
        with pytest.raises(PermissionDenied):
            office_units.register_unit(session, text)
        with pytest.raises(PermissionDenied):
            office_import.import_package(session, tmp_path / "none.flpkg")


def test_cli_import(station: Store, office: Store, registered: Session, tmp_path: Path) -> None:
    p1 = make_package(station, tmp_path / "p1.flpkg", 1, "none")
    bad = tmp_path / "bad.flpkg"
    bad.write_bytes(b"not a package")
    env_dir = str(office.data_dir.root)
    office.close()
    import os
    os.environ["FL_OFFICE_PW"] = OFFICE_PASSWORD
    try:
        dry = run_cli("package", "import", str(p1), "--data-dir", env_dir, "--username",
                      "director", "--password-env", "FL_OFFICE_PW", "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert "检查通过" in dry.stdout and p1.exists()
        done = run_cli("package", "import", str(p1), str(bad), "--data-dir", env_dir,
                       "--username", "director", "--password-env", "FL_OFFICE_PW")
        assert done.returncode == 1, done.stdout + done.stderr
        assert "已导入" in done.stdout and "隔离" in done.stdout
    finally:
        os.environ.pop("FL_OFFICE_PW", None)
    conn = sqlite3.connect(DataDir(Path(env_dir)).database)
    try:
        assert conn.execute("SELECT status FROM office_packages ORDER BY id").fetchall() == [
            ("imported",), ("quarantined",)]
    finally:
        conn.close()


# --- end to end: the station's own export, imported at the office -----------------------------

def test_station_export_imports_at_the_office_encrypted_and_idempotent(
        station: Store, office: Store, registered: Session, tmp_path: Path) -> None:
    """The station writes two packages with package_out.export_package (the second one
    encrypted to the office's age key); the office imports both, the second twice."""
    import pyrage

    from models import package_out
    chief = login_as(station, "chief")
    stick = tmp_path / "stick"
    stick.mkdir()
    first = package_out.export_package(chief, stick, DEMO_PASSWORD, recipients=[])
    result = office_import.import_package(registered, first.path)
    assert result.status == "imported", result.report.lines()
    rows = office_import.unit_records(registered, result.report.unit_code, "problems")
    assert len(rows) == station.conn.execute("SELECT count(*) FROM problems").fetchone()[0]

    problems.update_problem(chief, station.conn.execute("SELECT min(id) FROM problems"
                                                        ).fetchone()[0], completion="已整改完毕")
    identity = pyrage.x25519.Identity.generate()
    second = package_out.export_package(chief, stick, DEMO_PASSWORD,
                                        recipients=[str(identity.to_public())])
    assert second.seq == first.seq + 1
    result = office_import.import_package(registered, second.path, [str(identity)])
    assert result.status == "imported", result.report.lines()
    assert not [a for a in office_import.list_alarms(registered)]
    before = dump(office)
    again = office_import.import_package(registered, second.path, [str(identity)])
    assert again.status == "already_imported"
    assert dump(office) == before
