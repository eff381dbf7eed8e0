"""What a package's data/ holds (models.package_contents): the unit's records as the audit log
images them, only what changed since a sequence number, evidence files streamed from the store,
the official forms, never the private key copies, and the same bytes for the same data."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import login_as
from core_helpers import copy_installation
from form_helpers import QINGHAI_DOC_NO
from models import audit, evidence, package_contents, problems, selfcheck, selfcheck_evidence
from models.errors import PermissionDenied, ValidationError
from models.paths import DataDir
from models.session import Session
from models.store import Store, open_store

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 40
PERIOD = (date(2024, 6, 1), date(2024, 6, 30))
RECORD_MATERIALS = ("ledger", "selfchecks", "casereviews", "signatures", "audit")


@pytest.fixture
def station(signed_template: DataDir, tmp_path: Path):
    """A fresh copy of the signed demo, with a photo on a problem, a self-check with a file, and
    a problem and a case file of another unit (which no package of this unit may carry)."""
    store = open_store(copy_installation(signed_template, DataDir(tmp_path / "data")))
    chief = login_as(store, "chief")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(JPEG)
    evidence.attach(chief, first_problem(store), photo)
    template = store.conn.execute("SELECT id FROM templates WHERE kind = 'selfcheck'"
                                  " ORDER BY id LIMIT 1").fetchone()[0]
    (sc,) = selfcheck.start_selfcheck(chief, campaign(store), template).rows["selfchecks"]
    code = store.conn.execute("SELECT code FROM template_items WHERE template_id = ?"
                              " ORDER BY id LIMIT 1", (template,)).fetchone()[0]
    (answer,) = selfcheck.answer_item(chief, int(sc), code, "conform").rows["selfcheck_answers"]
    scan = tmp_path / "自查记录.jpg"
    scan.write_bytes(JPEG + b"scan")
    selfcheck_evidence.attach_file(chief, int(answer), scan)
    other = store.conn.execute("SELECT id FROM units WHERE id != ? ORDER BY id LIMIT 1",
                               (chief.unit_id,)).fetchone()[0]
    stamp = "2024-06-01T08:00:00+00:00"
    with store.write("test") as w:
        w.insert("problems", {"campaign_id": campaign(store), "unit_id": other, "seq_no": 1,
                              "category": "逐利执法", "issue": "他单位的问题", "source": "self_check",
                              "status": "open", "created_at": stamp, "updated_at": stamp})
        w.insert("case_files", {"unit_id": other, "case_no": "他单位〔2024〕1号",
                                "case_type": "penalty", "cause": "他单位的案卷",
                                "created_at": stamp, "updated_at": stamp})
    yield store
    store.close()


def campaign(store: Store) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                              (QINGHAI_DOC_NO,)).fetchone()[0]


def first_problem(store: Store) -> int:
    return store.conn.execute("SELECT min(id) FROM problems WHERE campaign_id = ?",
                              (campaign(store),)).fetchone()[0]


def collect(session: Session, work: Path, *, materials=RECORD_MATERIALS, since_seq: int = 0,
            campaign_id: int | None | str = "default") -> dict[str, Any]:
    """path -> source of every file collected (sources are read while they exist)."""
    cid = campaign(session.store) if campaign_id == "default" else campaign_id
    out: dict[str, Any] = {}
    for item in package_contents.collect(session, campaign_id=cid, period=PERIOD,
                                         materials=materials, since_seq=since_seq, work_dir=work):
        assert item.path not in out
        out[item.path] = item.source
    return out


def read(source: Any) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def records(files: dict[str, Any], table: str) -> list[dict[str, Any]]:
    text = read(files[f"records/{table}.jsonl"]).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_records_are_the_units_rows_as_the_audit_log_images_them(station: Store,
                                                                  tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    files = collect(chief, tmp_path / "work")
    unit = chief.unit_id
    got = records(files, "problems")
    assert got and all(r["unit_id"] == unit for r in got)
    assert "他单位的问题" not in {r["issue"] for r in got}
    assert [r["id"] for r in got] == sorted(r["id"] for r in got)
    expected = {r[0] for r in station.conn.execute(
        "SELECT id FROM problems WHERE unit_id = ? AND campaign_id = ?", (unit, campaign(station)))}
    assert {r["id"] for r in got} == expected
    cases = records(files, "case_files")
    assert cases and all(r["unit_id"] == unit for r in cases)
    assert records(files, "selfcheck_answers") and records(files, "selfcheck_evidence")
    assert records(files, "signatures") and records(files, "ledger_revisions")
    assert {r["kind"] for r in records(files, "signing_keys")} == {"person", "seal"}
    # every line is the newest "after" image of its row in the audit log, byte for byte
    for table in ("problems", "problem_events", "evidence", "signatures", "case_reviews"):
        text = read(files[f"records/{table}.jsonl"]).decode("utf-8")
        for line in text.splitlines():
            key = json.loads(line)[audit.AUDITED_TABLES[table]]
            (after,) = station.conn.execute(
                "SELECT after FROM audit_log WHERE tbl = ? AND row_key = ?"
                " ORDER BY seq DESC LIMIT 1", (table, str(key))).fetchone()
            assert after == line
    manifest = json.loads(read(files["records/manifest.json"]))
    assert manifest["unit"]["id"] == unit
    assert manifest["campaign"]["doc_no"] == QINGHAI_DOC_NO
    assert manifest["period"] == ["2024-06-01", "2024-06-30"]
    assert manifest["since_seq"] == 0
    assert manifest["until_seq"] == audit.head(station.conn)[0]
    assert manifest["counts"]["problems"] == len(got)
    assert manifest["counts"]["audit_log"] == audit.head(station.conn)[0]


def test_no_private_key_copies(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    files = collect(chief, tmp_path / "work")
    assert not any("key_holders" in path for path in files)
    blobs = [r[0] for r in station.conn.execute("SELECT sealed_key FROM key_holders")]
    assert blobs
    for path, source in files.items():
        data = read(source).decode("utf-8", "replace")
        for blob in blobs:
            assert blob not in data, path


def test_since_seq_takes_only_what_changed(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    since = audit.head(station.conn)[0]
    pid = first_problem(station)
    problems.add_progress_note(chief, pid, "复查：整改措施已落实。")
    files = collect(chief, tmp_path / "work", since_seq=since)
    assert [r["id"] for r in records(files, "problems")] == [pid]
    assert [r["text"] for r in records(files, "progress_notes")] == ["复查：整改措施已落实。"]
    for table in ("problem_events", "evidence", "case_files", "signatures", "signing_keys"):
        assert records(files, table) == [], table
    entries = records(files, "audit_log")
    assert entries and entries[0]["seq"] == since + 1
    assert entries[-1]["seq"] == audit.head(station.conn)[0]
    assert not any(p.startswith("evidence/") for p in files)
    manifest = json.loads(read(files["records/manifest.json"]))
    assert manifest["since_seq"] == since and manifest["counts"]["problems"] == 1


def test_evidence_files_are_streamed_from_the_store(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    files = collect(chief, tmp_path / "work")
    rows = [*records(files, "evidence"), *records(files, "selfcheck_evidence")]
    assert len(rows) == 2
    for row in rows:
        stored = evidence.path_of(station, row)
        path = f"evidence/{row['sha256'][:2]}/{row['sha256']}.jpg"
        assert files[path] == stored           # a Path to the stored file, not its bytes
        assert isinstance(files[path], Path)
    assert sorted(p for p in files if p.startswith("evidence/")) == \
        [p for p in files if p.startswith("evidence/")]


def test_missing_evidence_file_is_refused(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    row = station.query("SELECT * FROM evidence LIMIT 1")[0]
    evidence.path_of(station, row).unlink()
    with pytest.raises(ValidationError) as info:
        collect(chief, tmp_path / "work")
    assert "现场照片.jpg" in str(info.value)


def test_forms_are_rendered(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    files = collect(chief, tmp_path / "work", materials=("forms",))
    forms = sorted(p for p in files if p.startswith("forms/"))
    names = [package_contents.form_file_name(c) for c in package_contents.PACKAGE_FORMS]
    assert forms == sorted(f"forms/{n}.{ext}" for n in names for ext in ("xlsx", "pdf"))
    assert "forms/专项整治问题清单.xlsx" in forms
    for path in forms:
        data = read(files[path])
        assert data[:4] == (b"%PDF" if path.endswith(".pdf") else b"PK\x03\x04"), path
    assert not any(p.startswith("records/") and p != "records/manifest.json" for p in files)
    without = collect(chief, tmp_path / "work2", materials=("forms",), campaign_id=None)
    assert not any("回头看" in p for p in without)
    assert "forms/专项整治问题清单.pdf" in without


def test_same_data_gives_the_same_bytes(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    head = audit.head(station.conn)[0]

    def snapshot(work: Path) -> dict[str, bytes]:
        return {p: read(s) for p, s in package_contents.collect(
            chief, campaign_id=campaign(station), period=PERIOD, materials=RECORD_MATERIALS,
            since_seq=0, work_dir=work, until_seq=head)}
    first = snapshot(tmp_path / "a")
    second = snapshot(tmp_path / "b")
    assert list(first) == list(second)
    assert first == second


def test_materials_are_checked(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    with pytest.raises(ValidationError):
        collect(chief, tmp_path / "w", materials=("ledger", "photos"))
    with pytest.raises(ValidationError):
        collect(chief, tmp_path / "w", materials=())
    assert package_contents.check_materials(["audit", "ledger"]) == ["ledger", "audit"]


@pytest.mark.parametrize("user", ["officer", "reviewer", "admin"])
def test_only_the_chief_collects(station: Store, tmp_path: Path, user: str) -> None:
    with pytest.raises(PermissionDenied):
        collect(login_as(station, user), tmp_path / "w")
