"""Signed receipts (models.receipts): the station exports, the office imports and writes a
receipt, the station imports it and its outbox marks the package delivered; tampered receipts,
receipts of another office or unit, unknown packages and double imports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    director,
    is_chinese,
    make_office,
    seal_enrollment,
)
from form_helpers import QINGHAI_DOC_NO

from models import (
    audit,
    enrollment,
    keys,
    office_import,
    office_units,
    package_out,
    receipts,
)
from models.demo import DEMO_PASSWORD
from models.errors import PermissionDenied, ValidationError
from models.session import Session
from models.store import Store

FAST = ("ledger", "signatures", "audit")


def export(station: Store, stick: Path) -> package_out.ExportedPackage:
    chief = login_as(station, "chief")
    campaign = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                    (QINGHAI_DOC_NO,)).fetchone()[0]
    return package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=campaign,
                                      materials=FAST)


def statuses(station: Store) -> list[tuple[int, str]]:
    return station.conn.execute("SELECT seq, status FROM package_outbox ORDER BY seq").fetchall()


@pytest.fixture
def loop(station: Store, office: Store, stick: Path):
    """Station exported package 1; the office registered the station and imported it; the
    station registered the office. Returns (exported package, office session)."""
    exported = export(station, stick)
    boss = director(office)
    office_units.register_unit(boss, seal_enrollment(login_as(station, "chief"), DEMO_PASSWORD))
    result = office_import.import_package(boss, exported.path)
    assert result.status == "imported", result.report.problems
    reg = receipts.set_office(login_as(station, "chief"),
                              seal_enrollment(boss, OFFICE_PASSWORD))
    assert reg and reg.code == "QH-6326"
    return exported, boss


def test_full_loop(station: Store, office: Store, stick: Path, loop) -> None:
    exported, boss = loop
    assert statuses(station) == [(1, "written")]
    path = receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, stick)
    assert path.name == "QH-632621-DW-回执-1.json" and path.parent == stick
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == receipts.FORMAT
    assert document["office"] == {"code": "QH-6326", "name": "果洛州交通运输综合行政执法支队"}
    assert document["unit"] == {"code": "QH-632621-DW"}
    assert [(p["seq"], p["sha256"], p["status"]) for p in document["packages"]] == [
        (1, exported.sha256, "imported")]
    chief = login_as(station, "chief")
    changes = receipts.import_receipt(chief, path)
    assert changes and "package_outbox" in changes.tables
    assert statuses(station) == [(1, "delivered")]
    receipt = station.conn.execute("SELECT receipt FROM package_outbox").fetchone()[0]
    assert json.loads(receipt) == document
    # the next export starts after the acknowledged package's audit head
    seq, prev, since = package_out.next_package(station)
    assert (seq, prev, since) == (2, exported.sha256, exported.audit_head_seq)
    # the same receipt again: nothing changes
    head = audit.head(station.conn)
    assert not receipts.import_receipt(chief, path.read_text(encoding="utf-8"))
    assert audit.head(station.conn) == head
    assert station.verify_audit().ok and office.verify_audit().ok


def test_second_receipt_lists_only_new_packages(station: Store, office: Store, stick: Path,
                                                loop, tmp_path: Path) -> None:
    exported, boss = loop
    first = receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, tmp_path)
    receipts.import_receipt(login_as(station, "chief"), first)
    stick2 = tmp_path / "stick2"
    stick2.mkdir()
    second = export(station, stick2)
    assert second.since_seq == exported.audit_head_seq
    assert office_import.import_package(boss, second.path).status == "imported"
    path = receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, stick2)
    listed = json.loads(path.read_text(encoding="utf-8"))["packages"]
    assert [p["seq"] for p in listed] == [2] and path.name.endswith("-回执-2.json")
    receipts.import_receipt(login_as(station, "chief"), path)
    assert statuses(station) == [(1, "delivered"), (2, "delivered")]


def _refused(station: Store, text: str, *words: str) -> None:
    chief = login_as(station, "chief")
    head = audit.head(station.conn)
    with pytest.raises(ValidationError) as info:
        receipts.import_receipt(chief, text)
    assert is_chinese(str(info.value)), str(info.value)
    for word in words:
        assert word in str(info.value)
    assert audit.head(station.conn) == head
    assert statuses(station) == [(1, "written")]


def test_tampered_receipt(station: Store, stick: Path, loop) -> None:
    _exported, boss = loop
    text = receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, stick).read_text(
        encoding="utf-8")
    document = json.loads(text)
    document["issued_at"] = "2030-01-01T00:00:00Z"
    _refused(station, json.dumps(document, ensure_ascii=False), "签名")
    document = json.loads(text)
    document["signature"] = "not base64!"
    _refused(station, json.dumps(document), "签名")
    _refused(station, "{not json", "回执")
    _refused(station, json.dumps({"format": "something/1"}), "something/1")


def test_receipt_of_another_office(station: Store, stick: Path, loop, tmp_path: Path) -> None:
    exported, _boss = loop
    other = make_office(tmp_path / "other-office", code="QH-6300")
    try:
        other_boss = director(other)
        office_units.register_unit(other_boss,
                                   seal_enrollment(login_as(station, "chief"), DEMO_PASSWORD))
        assert office_import.import_package(other_boss, exported.path).status == "imported"
        path = receipts.write_receipt(other_boss, "QH-632621-DW", OFFICE_PASSWORD, tmp_path)
        _refused(station, path.read_text(encoding="utf-8"), "QH-6300")
        # a receipt claiming our office's key id but signed by another key
        document = json.loads(path.read_text(encoding="utf-8"))
        document["key_id"] = receipts.registered_office(station)["key_id"]
        _refused(station, json.dumps(document, ensure_ascii=False), "签名")
    finally:
        other.close()


def test_unknown_office(station: Store, stick: Path, loop) -> None:
    _exported, boss = loop
    path = receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, stick)
    chief = login_as(station, "chief")
    with station.write(chief.actor) as w:
        w.delete("settings", receipts.OFFICE_SETTING)
    _refused(station, path.read_text(encoding="utf-8"), "登记上级单位")


def _signed(boss: Session, document: dict) -> str:
    key_id = keys._active_key(boss.store, "seal", unit_id=boss.unit_id)
    document["key_id"] = key_id
    document.pop("signature", None)
    with keys.unlock(boss, key_id, OFFICE_PASSWORD) as sign:
        import base64
        document["signature"] = base64.b64encode(
            sign(receipts.signed_bytes(document))).decode()
    return json.dumps(document, ensure_ascii=False)


def test_other_unit_and_unknown_packages(station: Store, stick: Path, loop) -> None:
    _exported, boss = loop
    document = json.loads(receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, stick)
                          .read_text(encoding="utf-8"))
    _refused(station, _signed(boss, {**document, "unit": {"code": "QH-999"}}), "QH-999")
    extra = {"seq": 2, "sha256": "a" * 64, "status": "imported", "imported_at": "x"}
    _refused(station, _signed(boss, {**document, "packages": [*document["packages"], extra]}),
             "第 2 号")
    other_sha = [{**document["packages"][0], "sha256": "b" * 64}]
    _refused(station, _signed(boss, {**document, "packages": other_sha}), "第 1 号")


def test_office_errors_and_roles(station: Store, office: Store, stick: Path, loop) -> None:
    _exported, boss = loop
    with pytest.raises(ValidationError) as info:
        receipts.write_receipt(boss, "NOPE", OFFICE_PASSWORD, stick)
    assert is_chinese(str(info.value))
    with pytest.raises(keys.KeyPassphraseWrong):
        receipts.write_receipt(boss, "QH-632621-DW", "wrong", stick)
    assert not list(stick.glob("*.json"))
    with pytest.raises(ValidationError):
        receipts.write_receipt(boss, "QH-632621-DW", OFFICE_PASSWORD, stick, package_ids=[999])
    officer = login_as(station, "officer")
    with pytest.raises(PermissionDenied):
        receipts.import_receipt(officer, "{}")
    with pytest.raises(PermissionDenied):
        receipts.set_office(officer, "{}")
    # a person key's enrollment file is not an office
    chief = login_as(station, "chief")
    own = keys._active_key(station, "person", person_id=chief.person_id)
    if own:
        with pytest.raises(ValidationError):
            receipts.set_office(chief, enrollment.enrollment_file(chief, own, DEMO_PASSWORD))
    assert receipts.office_info(chief)["code"] == "QH-6326"


def test_command_line(station: Store, office: Store, stick: Path, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    from core_helpers import run_cli
    exported = export(station, stick)
    boss = director(office)
    office_units.register_unit(boss, seal_enrollment(login_as(station, "chief"), DEMO_PASSWORD))
    assert office_import.import_package(boss, exported.path).status == "imported"
    enrollment_path = tmp_path / "上级单位.json"
    enrollment_path.write_text(seal_enrollment(boss, OFFICE_PASSWORD), encoding="utf-8")
    monkeypatch.setenv("FL_OFFICE_PW", OFFICE_PASSWORD)
    monkeypatch.setenv("FL_STATION_PW", DEMO_PASSWORD)
    office_dir, station_dir = str(office.data_dir.root), str(station.data_dir.root)
    written = run_cli("package", "receipt", "--unit", "QH-632621-DW", "--out", str(stick),
                      "--data-dir", office_dir, "--username", "director",
                      "--password-env", "FL_OFFICE_PW")
    assert written.returncode == 0, written.stderr
    path = stick / "QH-632621-DW-回执-1.json"
    assert path.is_file() and str(path) in written.stdout
    refused = run_cli("package", "receipt-import", str(path), "--data-dir", station_dir,
                      "--username", "chief", "--password-env", "FL_STATION_PW")
    assert refused.returncode == 2 and "登记上级单位" in refused.stderr
    office_set = run_cli("package", "set-office", str(enrollment_path), "--data-dir",
                         station_dir, "--username", "chief", "--password-env", "FL_STATION_PW")
    assert office_set.returncode == 0, office_set.stderr
    assert "QH-6326" in office_set.stdout and "指纹" in office_set.stdout
    done = run_cli("package", "receipt-import", str(path), "--data-dir", station_dir,
                   "--username", "chief", "--password-env", "FL_STATION_PW")
    assert done.returncode == 0, done.stderr
    assert "第 1 号" in done.stdout
    assert statuses(station) == [(1, "delivered")]
