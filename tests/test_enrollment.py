"""Signing files in minisign's format (checked with Debian's real ``minisign``), public key files,
and enrollment files: round trip, every tampering refused, who may export, wrong passphrases,
folders that cannot be written."""
from __future__ import annotations

import copy
import errno
import json
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import accounts, audit, enrollment, files, key_crypto, key_unlock, keys, minisign
from models.demo import DEMO_PASSWORD
from models.errors import DiskFull, PermissionDenied, ValidationError
from models.session import Session
from models.store import Store
from test_minisign import run_minisign

REPORT = "整改报告（第1批）.xlsx"


def active_key(store: Store, session: Session, kind: str = "person") -> str:
    if kind == "seal":
        key_id = keys._active_key(store, "seal", unit_id=session.unit_id)
    else:
        key_id = keys._active_key(store, "person", person_id=session.person_id)
    assert key_id is not None
    return key_id


def report(tmp_path: Path, name: str = REPORT) -> Path:
    path = tmp_path / "报送" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"PK\x03\x04" + "第一阶段整改情况".encode("utf-8") * 50_000)  # > 1 MiB
    return path


def events(store: Store, action: str) -> list[dict[str, Any]]:
    return [json.loads(after) for (after,) in store.conn.execute(
        "SELECT after FROM audit_log WHERE action = ? ORDER BY seq", (action,)).fetchall()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- signing files -------------------------------------------------------------------------------

def test_person_key_signature_verifies_with_minisign(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    key_id = active_key(demo, officer)
    data = report(tmp_path)
    signature = enrollment.sign_file(officer, data, DEMO_PASSWORD)
    assert signature == data.with_name(REPORT + ".minisig") and signature.is_file()
    pub = tmp_path / "李海龙.pub"
    files.write_file(pub, enrollment.public_key_file(officer, key_id))

    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode == 0, result.stderr
    assert "Signature and comment signature verified" in result.stdout
    fingerprint = demo.query("SELECT fingerprint FROM signing_keys")[0]["fingerprint"]
    trusted = next(line for line in result.stdout.splitlines()
                   if line.startswith("Trusted comment: "))
    fields = dict(part.split(":", 1) for part in trusted.removeprefix("Trusted comment: ")
                  .split("\t"))
    assert fields["file"] == REPORT and fields["unit"] == "玛沁县大武超限检测站"
    assert fields["signer"] == "李海龙" and fields["key"] == fingerprint
    assert int(fields["timestamp"]) > 1_700_000_000
    text = signature.read_text(encoding="utf-8")
    assert minisign.verify_file(minisign.parse_public_key(pub.read_text()), data, text)
    assert text.splitlines()[0] == ("untrusted comment: signature from FieldLedger person key "
                                    + fingerprint)

    logged = events(demo, "file_signed")
    assert len(logged) == 1 and logged[0]["file"] == str(data)
    assert logged[0]["signature"] == str(signature)
    assert leftovers(data.parent) == []
    assert demo.verify_audit().ok

    # one changed byte, and minisign refuses
    content = bytearray(data.read_bytes())
    content[-1] ^= 1
    data.write_bytes(bytes(content))
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode != 0 and "verified" not in result.stdout


def test_seal_key_signature_verifies_with_minisign(demo: Store, tmp_path: Path) -> None:
    chief = login_as(demo, "chief")
    with pytest.raises(keys.SealKeyMissing):
        enrollment.sign_file(chief, report(tmp_path), DEMO_PASSWORD, seal=True)
    keys.create_seal_key(chief, DEMO_PASSWORD)
    seal_id = active_key(demo, chief, "seal")
    data = report(tmp_path, "报送材料.zip")
    signature = enrollment.sign_file(chief, data, DEMO_PASSWORD, seal=True)
    pub = tmp_path / "unit.pub"
    pub.write_text(enrollment.public_key_file(chief, seal_id), encoding="utf-8")
    assert "unit seal key" in pub.read_text() and "person:" not in pub.read_text()
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode == 0, result.stderr
    assert "\tsigner:单位签章\t" in result.stdout
    # the chief has no person key yet: signing as a person is refused, nothing written
    signature.unlink()
    with pytest.raises(ValidationError) as info:
        enrollment.sign_file(chief, data, DEMO_PASSWORD)
    assert "生成" in str(info.value) and not signature.exists()
    # a second chief who does not hold the seal key cannot sign with it
    admin = login_as(demo, "admin")
    officer2 = login_as(demo, "officer2")
    accounts.set_roles(admin, officer2.account_id, ["chief"])
    with pytest.raises(keys.SealKeyMissing):
        enrollment.sign_file(login_as(demo, "officer2"), data, DEMO_PASSWORD, seal=True)


def test_who_may_sign_files(demo: Store, tmp_path: Path) -> None:
    data = report(tmp_path)
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        enrollment.sign_file(officer, data, DEMO_PASSWORD, seal=True)
    with pytest.raises(PermissionDenied):
        enrollment.sign_file(login_as(demo, "admin"), data, DEMO_PASSWORD)
    reviewer = login_as(demo, "reviewer")
    with pytest.raises(ValidationError) as info:   # no key of his own: never another's
        enrollment.sign_file(reviewer, data, DEMO_PASSWORD)
    assert is_chinese(str(info.value))
    no_person = reviewer._replace(person_id=None)
    with pytest.raises(ValidationError) as info:
        enrollment.sign_file(no_person, data, DEMO_PASSWORD)
    assert "关联人员" in str(info.value)
    assert not data.with_name(data.name + ".minisig").exists()


def test_wrong_passphrase_signs_nothing(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    data = report(tmp_path)
    with pytest.raises(keys.KeyPassphraseWrong) as info:
        enrollment.sign_file(officer, data, "not-my-password")
    assert "未签署任何内容" in str(info.value)
    target = data.with_name(data.name + ".minisig")
    assert not target.exists() and leftovers(data.parent) == []
    # an earlier signature stays as it was
    first = enrollment.sign_file(officer, data, DEMO_PASSWORD).read_bytes()
    with pytest.raises(keys.KeyPassphraseWrong):
        enrollment.sign_file(officer, data, "wrong again")
    assert target.read_bytes() == first
    assert len(events(demo, "file_signed")) == 1
    assert len(events(demo, "key_unlock_failed")) == 2


def test_unreadable_file_and_folder_given(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    with pytest.raises(ValidationError) as info:
        enrollment.sign_file(officer, tmp_path / "不存在.xlsx", DEMO_PASSWORD)
    assert "无法读取" in str(info.value) and "未签署任何内容" in str(info.value)
    with pytest.raises(ValidationError) as info:
        enrollment.sign_file(officer, tmp_path, DEMO_PASSWORD)
    assert "不是文件" in str(info.value)
    assert not events(demo, "key_unlock_failed")  # the passphrase was never tried


def test_folder_not_writable_or_disk_full(demo: Store, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    data = report(tmp_path)
    target = data.with_name(data.name + ".minisig")

    def no_rename(_src: Any, _dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", no_rename)
        with pytest.raises(files.FileWriteFailed) as info:
            enrollment.sign_file(officer, data, DEMO_PASSWORD)
    assert str(target) in str(info.value) and "可写" in str(info.value)
    assert not target.exists() and leftovers(data.parent) == []
    assert not events(demo, "file_signed")   # the event went with the rolled-back transaction

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full)
        with pytest.raises(DiskFull):
            enrollment.sign_file(officer, data, DEMO_PASSWORD)
    assert not target.exists() and leftovers(data.parent) == []
    with pytest.raises(files.FileWriteFailed):
        files.write_file(tmp_path / "没有这个文件夹" / "k.pub", "x")
    assert demo.verify_audit().ok


def test_awkward_file_names_stay_on_one_comment_line(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    pub = tmp_path / "k.pub"
    pub.write_text(enrollment.public_key_file(officer, active_key(demo, officer)),
                   encoding="utf-8")
    for name, shown in (("第一\t批\n整改.txt", "第一 批 整改.txt"), ("长" * 80 + ".pdf", None)):
        data = report(tmp_path, name)
        enrollment.sign_file(officer, data, DEMO_PASSWORD)
        lines = data.with_name(name + ".minisig").read_text(encoding="utf-8").split("\n")
        assert len(lines) == 5 and lines[2].count("\t") == 4
        assert f"\tfile:{shown or name}\t" in lines[2]
        result = run_minisign("-Vm", data, "-p", pub)
        assert result.returncode == 0, result.stderr
    cut = enrollment._one_line("长" * 400, 300)
    assert cut.endswith("…") and len(cut.encode("utf-8")) <= 303


# --- public key files ----------------------------------------------------------------------------

def test_public_key_file(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    key_id = active_key(demo, officer)
    admin = login_as(demo, "admin")          # reading public keys is everyone's
    text = enrollment.public_key_file(admin, key_id)
    comment, line, end = text.split("\n")
    row = demo.query("SELECT * FROM signing_keys")[0]
    key = minisign.parse_public_key(text)
    assert key.key.public_bytes_raw() == keys.base64.b64decode(row["public_key"])
    assert comment.startswith("untrusted comment: minisign public key "
                              + minisign.key_id_text(key.key_id))
    for part in ("玛沁县大武超限检测站", "李海龙", row["fingerprint"]):
        assert part in comment
    assert len(comment.encode("utf-8")) <= 19 + minisign.MAX_UNTRUSTED_COMMENT_BYTES
    with pytest.raises(key_unlock.KeyNotFound):
        enrollment.public_key_file(admin, "0" * 32)


# --- enrollment files ----------------------------------------------------------------------------

def test_enrollment_round_trip_with_rotations(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    first = active_key(demo, officer)
    keys.rotate_key(officer, first, DEMO_PASSWORD, "定期更换")
    second = active_key(demo, officer)
    keys.rotate_key(officer, second, DEMO_PASSWORD, "电脑维修后更换")
    third = active_key(demo, officer)
    text = enrollment.enrollment_file(officer, third, DEMO_PASSWORD)
    doc = enrollment.read_enrollment(text)
    assert doc["format"] == "fieldledger-enrollment/1"
    assert doc["unit"]["name"] == "玛沁县大武超限检测站" and doc["unit"]["level"] == "station"
    assert doc["unit"]["code"] == "QH-632621-DW"
    assert doc["installation_id"] == demo.installation_id
    assert doc["key"]["key_id"] == third and doc["key"]["kind"] == "person"
    assert doc["key"]["status"] == "active"
    assert doc["key"]["person"]["name"] == "李海龙" and doc["key"]["person"]["roles"] == ["officer"]
    assert [k["key_id"] for k in doc["predecessors"]] == [first, second]
    assert [json.loads(s["statement"])["reason"] for s in doc["statements"]] == [
        "定期更换", "电脑维修后更换"]
    assert doc["key"]["minisign_public_key"] == enrollment.public_key_file(
        officer, third).split("\n")[1]
    # the layout does not matter, only the content: compact or re-indented, it still reads
    assert enrollment.read_enrollment(json.dumps(doc, ensure_ascii=False)) == doc
    assert enrollment.read_enrollment(("\ufeff" + text).encode("utf-8")) == doc
    assert len(events(demo, "key_enrollment_exported")) == 1
    assert demo.verify_audit().ok


def test_seal_key_enrollment(demo: Store) -> None:
    chief = login_as(demo, "chief")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    keys.create_own_key(chief, DEMO_PASSWORD)
    seal_id = active_key(demo, chief, "seal")
    doc = enrollment.read_enrollment(enrollment.enrollment_file(chief, seal_id, DEMO_PASSWORD))
    assert doc["key"]["kind"] == "seal" and doc["key"]["person"] is None
    assert doc["predecessors"] == [] and doc["statements"] == []
    # a revocation signed with the seal key travels with the person's line, unchecked here
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    old = active_key(demo, officer)
    keys.rotate_key(officer, old, DEMO_PASSWORD, "定期更换")
    keys.revoke_key_by_seal(chief, old, DEMO_PASSWORD, "旧电脑遗失")
    doc = enrollment.read_enrollment(enrollment.enrollment_file(
        officer, active_key(demo, officer), DEMO_PASSWORD))
    assert [s["kind"] for s in doc["statements"]] == ["rotation", "revocation"]
    assert doc["predecessors"][0]["status"] == "revoked"


def test_wrong_passphrase_exports_nothing(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    head = audit.head(demo.conn)[0]
    with pytest.raises(keys.KeyPassphraseWrong):
        enrollment.enrollment_file(officer, active_key(demo, officer), "wrong")
    assert not events(demo, "key_enrollment_exported")
    assert [a for (a,) in demo.conn.execute("SELECT action FROM audit_log WHERE seq > ?",
                                            (head,))] == ["key_unlock_failed"]


def test_only_the_holder_exports_a_key(demo: Store) -> None:
    officer, reviewer, chief = (login_as(demo, u) for u in ("officer", "reviewer", "chief"))
    keys.create_own_key(officer, DEMO_PASSWORD)
    keys.create_seal_key(chief, DEMO_PASSWORD)
    officer_key, seal_id = active_key(demo, officer), active_key(demo, chief, "seal")
    for other in (reviewer, chief):     # another person, even the chief, never exports it
        with pytest.raises(key_unlock.KeyNotFound):
            enrollment.enrollment_file(other, officer_key, DEMO_PASSWORD)
    with pytest.raises(key_unlock.KeyNotFound):
        enrollment.enrollment_file(officer, seal_id, DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        enrollment.enrollment_file(login_as(demo, "admin"), officer_key, DEMO_PASSWORD)
    # a chief who held the seal key and lost the role keeps the copy but may not use it
    admin = login_as(demo, "admin")
    accounts.set_roles(admin, chief.account_id, ["officer"])
    with pytest.raises(PermissionDenied):
        enrollment.enrollment_file(login_as(demo, "chief"), seal_id, DEMO_PASSWORD)
    # a retired key no longer proves anything
    keys.rotate_key(officer, officer_key, DEMO_PASSWORD, "定期更换")
    with pytest.raises(key_unlock.KeyNotUsable):
        enrollment.enrollment_file(officer, officer_key, DEMO_PASSWORD)
    assert not events(demo, "key_enrollment_exported")


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
        for n, item in enumerate(value):
            yield from _leaves(item, path + (n,))
    else:
        yield path


def _changed(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return "x"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, list):
        return value + ["chief"] if value else ["officer"]
    if isinstance(value, dict):
        return {**value, "x": "y"}
    if value.endswith("="):           # base64: another valid value of the same length
        return ("A" if value[0] != "A" else "B") + value[1:]
    return value + "改"


@pytest.fixture
def enrolled(demo: Store) -> dict[str, Any]:
    """A person's enrollment document after a rotation (predecessor and statement included)."""
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    keys.rotate_key(officer, active_key(demo, officer), DEMO_PASSWORD, "定期更换")
    return json.loads(enrollment.enrollment_file(officer, active_key(demo, officer),
                                                 DEMO_PASSWORD))


def test_every_changed_field_is_refused(enrolled: dict[str, Any]) -> None:
    paths = list(_leaves(enrolled))
    assert len(paths) > 30
    for path in paths:
        doc = copy.deepcopy(enrolled)
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = _changed(target[path[-1]])
        with pytest.raises(enrollment.EnrollmentInvalid) as info:
            enrollment.read_enrollment(json.dumps(doc, ensure_ascii=False))
        assert is_chinese(str(info.value)), path
    for key in ("unit", "key", "proof", "statements", "predecessors", "exported_at"):
        doc = copy.deepcopy(enrolled)
        del doc[key]
        with pytest.raises(enrollment.EnrollmentInvalid):
            enrollment.read_enrollment(json.dumps(doc, ensure_ascii=False))
    for key in ("statements", "predecessors"):   # dropping the rotation breaks the chain
        doc = copy.deepcopy(enrolled)
        doc[key] = []
        with pytest.raises(enrollment.EnrollmentInvalid):
            enrollment.read_enrollment(json.dumps(doc, ensure_ascii=False))
    doc = copy.deepcopy(enrolled)
    doc["extra"] = "添加的内容"
    with pytest.raises(enrollment.EnrollmentInvalid) as info:
        enrollment.read_enrollment(json.dumps(doc, ensure_ascii=False))
    assert "自签名无效" in str(info.value)


def test_an_impostor_key_cannot_borrow_a_line(enrolled: dict[str, Any]) -> None:
    """A file re-signed with another key (properly self-signed) still fails the rotation chain
    it claims, since the rotation statement names and is signed by the real new key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    impostor = Ed25519PrivateKey.generate()
    public = impostor.public_key().public_bytes_raw()
    doc = copy.deepcopy(enrolled)
    key_id = key_crypto.key_id_of(public)
    doc["key"].update(key_id=key_id, public_key=keys._b64(public),
                      fingerprint=key_crypto.fingerprint(public),
                      minisign_public_key=minisign.public_key_line(
                          minisign.public_key_from_raw(public)))
    doc["proof"] = {"key_id": key_id, "signature": keys._b64(
        impostor.sign(enrollment.signed_bytes(doc)))}
    with pytest.raises(enrollment.EnrollmentInvalid) as info:
        enrollment.read_enrollment(json.dumps(doc))
    assert "更换或吊销记录" in str(info.value)
    doc["predecessors"], doc["statements"] = [], []        # alone, it is just a new key
    doc["proof"]["signature"] = keys._b64(impostor.sign(enrollment.signed_bytes(doc)))
    assert enrollment.read_enrollment(json.dumps(doc))["key"]["key_id"] == key_id


def test_not_an_enrollment_file() -> None:
    cases: list[str | bytes] = ["", "不是 JSON", "[]", json.dumps({"format": "other/1"}),
                                b"\xff\xfe\x00", b" " * (enrollment.MAX_ENROLLMENT_BYTES + 1),
                                json.dumps({"format": enrollment.FORMAT})]
    for case in cases:
        with pytest.raises(ValidationError) as info:
            enrollment.read_enrollment(case)
        assert is_chinese(str(info.value)), case
