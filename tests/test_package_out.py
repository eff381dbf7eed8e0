"""Station export of submission packages (models.package_out): a verified package on the stick
and in the outbox, numbered and chained, everything since the last acknowledged package,
encrypted for the office when it has a key, and failures that leave nothing behind."""
from __future__ import annotations

import errno
import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import copy_installation
from form_helpers import QINGHAI_DOC_NO
from models import audit, keys, package_format, package_out, problems
from models.demo import DEMO_PASSWORD
from models.errors import DiskFull, PermissionDenied, ValidationError
from models.files import FileWriteFailed
from models.paths import DataDir
from models.session import Session
from models.store import Store, open_store

PERIOD = (date(2024, 6, 1), date(2024, 6, 30))
FAST = ("ledger", "signatures", "audit")      # no forms: rendering PDFs is slow


def campaign(store: Store) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                              (QINGHAI_DOC_NO,)).fetchone()[0]


def export(session: Session, stick: Path, **kwargs) -> package_out.ExportedPackage:
    kwargs.setdefault("materials", FAST)
    kwargs.setdefault("period", PERIOD)
    return package_out.export_package(session, stick, DEMO_PASSWORD,
                                      campaign_id=campaign(session.store), **kwargs)


def seal_public(store: Store) -> bytes:
    key_id = store.conn.execute("SELECT key_id FROM signing_keys WHERE kind = 'seal'"
                                " AND status = 'active'").fetchone()[0]
    return keys.stored_public_key(store.conn, key_id)[0]


def verify(store: Store, path: Path, **kwargs) -> package_format.VerifiedPackage:
    public = seal_public(store)
    return package_format.verify_package(path, key_for=lambda _info: public, **kwargs)


def outbox_rows(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT seq, status FROM package_outbox ORDER BY seq").fetchall()


def test_export_round_trip(station: Store, stick: Path) -> None:
    chief = login_as(station, "chief")
    head = audit.head(station.conn)
    result = export(chief, stick, materials=package_out.DEFAULT_MATERIALS)
    assert result.seq == 1 and result.since_seq == 0 and result.audit_head_seq == head[0]
    assert result.path == stick / result.kept.name and result.path.is_file()
    assert result.kept.parent == station.data_dir.outbox
    assert result.path.read_bytes() == result.kept.read_bytes()
    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256
    assert not result.encrypted
    assert sorted(os.listdir(stick)) == [result.path.name]            # no temporary left
    assert sorted(os.listdir(station.data_dir.outbox)) == [result.kept.name]
    checked = verify(station, result.path)
    info = checked.info
    assert info["FieldLedger-Sequence"] == "1"
    assert info["FieldLedger-Previous-Package"] == "none"
    assert info["FieldLedger-Campaign"] == QINGHAI_DOC_NO
    assert info["FieldLedger-Period"] == "2024-06-01/2024-06-30"
    assert info["FieldLedger-Audit-Head"] == f"{head[0]}:{head[1]}"
    assert info["FieldLedger-Materials"] == ",".join(package_out.DEFAULT_MATERIALS)
    code = station.conn.execute("SELECT code FROM units WHERE id = ?",
                                (chief.unit_id,)).fetchone()[0]
    assert info["FieldLedger-Unit-Code"] == code
    assert info["FieldLedger-Created"].endswith("Z")
    names = [n.removeprefix("data/") for n in checked.files]
    assert "records/problems.jsonl" in names and "records/manifest.json" in names
    assert any(n.startswith("forms/") and n.endswith(".pdf") for n in names)
    (row,) = package_out.list_outbox(chief)
    assert row["seq"] == 1 and row["status"] == "written" and row["sha256"] == result.sha256
    supplied = ["整改工作台账（共性）（附件1）", "整改工作台账（个性）（附件2）"]   # by the forms
    assert row["audit_head_hash"] == head[1] and row["materials"] == list(
        package_out.DEFAULT_MATERIALS) + supplied
    assert json.loads(info["FieldLedger-Campaign-Materials"]) == supplied
    assert row["kept_present"] and row["prev_sha256"] == "none"
    assert station.verify_audit().ok


def test_sequence_and_previous_hash_chain(station: Store, stick: Path) -> None:
    chief = login_as(station, "chief")
    first = export(chief, stick)
    second = export(chief, stick)
    assert (first.seq, second.seq) == (1, 2)
    assert second.since_seq == 0          # nothing acknowledged yet: everything again
    info = verify(station, second.path).info
    assert info["FieldLedger-Sequence"] == "2"
    assert info["FieldLedger-Previous-Package"] == first.sha256
    assert outbox_rows(station) == [(1, "written"), (2, "written")]
    assert {p.name for p in stick.iterdir()} == {first.path.name, second.path.name}


def test_since_the_last_delivered_package(station: Store, stick: Path) -> None:
    chief = login_as(station, "chief")
    first = export(chief, stick)
    package_out.mark_delivered(chief, [first.outbox_id], "回执：第1号报送包已收到。")
    pid = station.conn.execute("SELECT min(id) FROM problems WHERE campaign_id = ?",
                               (campaign(station),)).fetchone()[0]
    problems.add_progress_note(chief, pid, "七月复查：已落实。")
    second = export(chief, stick)
    assert second.since_seq == first.audit_head_seq
    assert package_out.next_package(station)[2] == first.audit_head_seq
    checked = verify(station, second.path)
    assert checked.info["FieldLedger-Previous-Package"] == first.sha256
    row = [r for r in package_out.list_outbox(chief) if r["seq"] == 1][0]
    assert row["status"] == "delivered" and row["receipt"] == "回执：第1号报送包已收到。"


def test_encrypted_for_the_office(station: Store, stick: Path) -> None:
    from pyrage import x25519
    office = x25519.Identity.generate()
    chief = login_as(station, "chief")
    with pytest.raises(ValidationError):
        package_out.set_office_recipients(chief, "age1notakey\n")
    package_out.set_office_recipients(chief, f"# 省局\n{office.to_public()}\n")
    assert package_out.office_recipients(station) == [str(office.to_public())]
    result = export(chief, stick)
    assert result.encrypted
    assert result.path.read_bytes().startswith(b"age-encryption.org/v1")
    checked = verify(station, result.path, identities=[str(office)])
    assert checked.encrypted and checked.info["FieldLedger-Sequence"] == "1"
    package_out.set_office_recipients(chief, "")
    assert package_out.office_recipients(station) == []
    assert not export(chief, stick).encrypted


def nothing_left(station: Store, stick: Path) -> None:
    assert outbox_rows(station) == []
    assert list(stick.iterdir()) == []
    outbox = station.data_dir.outbox
    assert not outbox.exists() or list(outbox.iterdir()) == []


def test_wrong_passphrase_records_nothing(station: Store, stick: Path) -> None:
    chief = login_as(station, "chief")
    with pytest.raises(keys.KeyPassphraseWrong):
        package_out.export_package(chief, stick, "wrong-password", materials=FAST)
    nothing_left(station, stick)


def test_no_seal_key(demo: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(keys.SealKeyMissing):
        package_out.export_package(login_as(demo, "chief"), stick, DEMO_PASSWORD, materials=FAST)
    assert list(stick.iterdir()) == []


class _FailingStick:
    """Replaces ``open`` in package_out: files created on ``stick`` fail (or lie) after a few
    bytes, like a stick pulled out, full, or broken."""

    def __init__(self, stick: Path, error: int | None, after: int = 1000) -> None:
        self.stick, self.error, self.after = stick, error, after

    def __call__(self, path, mode="r", *args, **kwargs):
        fh = open(path, mode, *args, **kwargs)
        if "x" not in mode or Path(path).parent != self.stick:
            return fh
        failing = self

        class Wrapper:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                fh.close()

            def write(self, data: bytes) -> int:
                room = failing.after - fh.tell()
                if len(data) > room:
                    if failing.error is None:      # a stick that drops bytes silently
                        return fh.write(data[:max(room, 0)])
                    fh.write(data[:max(room, 0)])
                    raise OSError(failing.error, os.strerror(failing.error))
                return fh.write(data)

            def __getattr__(self, name):
                return getattr(fh, name)
        return Wrapper()


@pytest.mark.parametrize("error, expected", [(errno.ENOSPC, DiskFull), (errno.EIO, FileWriteFailed),
                                             (None, FileWriteFailed)],
                         ids=["ENOSPC", "EIO", "truncated"])
def test_stick_failure_leaves_nothing_and_export_works_again(
        station: Store, stick: Path, monkeypatch: pytest.MonkeyPatch, error, expected) -> None:
    chief = login_as(station, "chief")
    monkeypatch.setattr(package_out, "open", _FailingStick(stick, error), raising=False)
    with pytest.raises(expected):
        export(chief, stick)
    nothing_left(station, stick)
    monkeypatch.undo()
    result = export(chief, stick)
    assert result.seq == 1
    verify(station, result.path)


def test_write_again(station: Store, stick: Path, tmp_path: Path,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    chief = login_as(station, "chief")
    result = export(chief, stick)
    result.path.unlink()                                      # the stick was lost
    second = tmp_path / "第二个U盘"
    second.mkdir()
    monkeypatch.setattr(package_out, "open", _FailingStick(second, errno.EIO), raising=False)
    with pytest.raises(FileWriteFailed):
        package_out.write_again(chief, result.outbox_id, second)
    assert list(second.iterdir()) == []
    monkeypatch.undo()
    head = audit.head(station.conn)[0]
    copy = package_out.write_again(chief, result.outbox_id, second)
    assert copy == second / result.kept.name
    assert copy.read_bytes() == result.kept.read_bytes()
    assert verify(station, copy).sha256 == result.sha256
    event = station.conn.execute("SELECT action, after FROM audit_log WHERE seq > ?",
                                 (head,)).fetchall()
    assert [e[0] for e in event] == ["package_written_again"]
    assert json.loads(event[0][1])["seq"] == 1
    with open(result.kept, "r+b") as fh:                     # the kept copy damaged
        fh.seek(100)
        fh.write(b"X")
    with pytest.raises(ValidationError):
        package_out.write_again(chief, result.outbox_id, second)


def test_bad_arguments(station: Store, stick: Path, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    with pytest.raises(ValidationError):
        export(chief, tmp_path / "没有这个文件夹")
    with pytest.raises(ValidationError):
        export(chief, stick, period=(date(2024, 7, 1), date(2024, 6, 1)))
    with pytest.raises(ValidationError):
        export(chief, stick, materials=("photos",))
    nothing_left(station, stick)


@pytest.mark.parametrize("user", ["officer", "reviewer", "admin"])
def test_only_the_chief_exports(station: Store, stick: Path, user: str) -> None:
    session = login_as(station, user)
    with pytest.raises(PermissionDenied):
        export(session, stick)
    with pytest.raises(PermissionDenied):
        package_out.write_again(session, 1, stick)
    with pytest.raises(PermissionDenied):
        package_out.mark_delivered(session, [1], "")
    if user == "admin":
        assert package_out.list_outbox(session) == []
    else:
        with pytest.raises(PermissionDenied):
            package_out.list_outbox(session)
    nothing_left(station, stick)


def test_command_line_export_and_outbox(signed_template: DataDir, tmp_path: Path) -> None:
    from core_helpers import run_cli
    data = copy_installation(signed_template, DataDir(tmp_path / "data"))
    stick = tmp_path / "stick"
    stick.mkdir()
    os.environ["FL_TEST_PASSWORD"] = DEMO_PASSWORD
    base = ["--data-dir", str(data.root)]
    scan = tmp_path / "共性台账（盖章扫描件）.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    done = run_cli("package", "export", *base, "--out", str(stick), "--user", "chief",
                   "--password-env", "FL_TEST_PASSWORD", "--campaign", QINGHAI_DOC_NO,
                   "--period", "2024-06-01/2024-06-30", "--materials", "ledger,audit",
                   "--attach", f"整改工作台账（共性）（附件1）={scan}", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "可以安全拔出 U 盘" in done.stdout
    (written,) = list(stick.iterdir())
    store = open_store(data)
    try:
        info = verify(store, written).info
        assert info["FieldLedger-Materials"] == "ledger,audit"
        assert info["FieldLedger-Campaign-Materials"] == '["整改工作台账（共性）（附件1）"]'
    finally:
        store.close()
    no_name = run_cli("package", "export", *base, "--out", str(stick), "--user", "chief",
                      "--password-env", "FL_TEST_PASSWORD", "--attach", str(scan))
    assert no_name.returncode == 2 and "材料名称=文件" in no_name.stderr
    listed = run_cli("package", "outbox", *base, "--user", "chief",
                     "--password-env", "FL_TEST_PASSWORD")
    assert listed.returncode == 0 and "第 1 号" in listed.stdout and "待回执" in listed.stdout
    bad = run_cli("package", "export", *base, "--out", str(stick), "--user", "chief",
                  "--password-env", "FL_TEST_PASSWORD", "--period", "六月")
    assert bad.returncode == 2 and "报送期间" in bad.stderr
    denied = run_cli("package", "export", *base, "--out", str(stick), "--user", "officer",
                     "--password-env", "FL_TEST_PASSWORD")
    assert denied.returncode == 2 and "负责人" in denied.stderr
