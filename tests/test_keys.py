"""Signing keys: creation, fingerprints, unlocking and signing, wrong passphrases and their
throttle, re-encryption on a password change, rotation, revocation, the unit seal key given to a
second chief, and no private key in clear anywhere in the data folder or the log."""
from __future__ import annotations

import base64
import json
import logging
import re
from typing import Any

import pytest

from conftest import login_as
from core_helpers import Clock, is_chinese
from models import (accounts, audit, enrollment, key_crypto, key_unlock, keys, ledger_signing,
                    problems, signing)
from models.demo import DEMO_PASSWORD
from models.errors import AuthenticationFailed, ValidationError
from models.logs import setup_logging
from models.session import LOCK_SECONDS
from models.store import Store, open_store

NEW_PASSWORD = "keys-new-pass-42"


def key_row(store: Store, key_id: str) -> dict[str, Any]:
    return store.query("SELECT * FROM signing_keys WHERE key_id = ?", (key_id,))[0]


def own_key(store: Store, username: str, kind: str = "person") -> str:
    return store.conn.execute(
        "SELECT k.key_id FROM signing_keys k JOIN key_holders h ON h.signing_key_id = k.id"
        " JOIN accounts a ON a.id = h.account_id WHERE a.username = ? AND k.kind = ?"
        " AND k.status = 'active'", (username, kind)).fetchone()[0]


def public(store: Store, key_id: str) -> bytes:
    return base64.b64decode(key_row(store, key_id)["public_key"])


def test_create_fingerprint_unlock_sign_verify(demo: Store) -> None:
    officer = login_as(demo, "officer")
    changes = keys.create_own_key(officer, DEMO_PASSWORD)
    assert changes.tables == {"signing_keys", "key_holders"}
    key_id = own_key(demo, "officer")
    row = key_row(demo, key_id)
    assert row["kind"] == "person" and row["person_id"] == officer.person_id
    assert row["status"] == "active"
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", row["fingerprint"])
    assert row["fingerprint"] == key_crypto.fingerprint(public(demo, key_id))
    listed = keys.list_keys(officer)
    assert [k["fingerprint"] for k in listed] == [row["fingerprint"]]
    assert "sealed_key" not in listed[0] and listed[0]["holders"] == "李海龙"

    data = "问题台账 2024 第1号".encode("utf-8")
    with keys.unlock(officer, key_id, DEMO_PASSWORD) as sign:
        signature = sign(data)
    assert key_crypto.verify_signature(public(demo, key_id), signature, data)
    assert not key_crypto.verify_signature(public(demo, key_id), signature, data + b"!")
    with pytest.raises(RuntimeError):
        sign(data)  # locked again after the block

    with pytest.raises(ValidationError) as info:
        keys.create_own_key(officer, DEMO_PASSWORD)
    assert is_chinese(str(info.value))
    assert demo.verify_audit().ok


def test_stored_copy_is_encrypted_and_redacted_in_the_audit_log(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    blob = json.loads(demo.conn.execute("SELECT sealed_key FROM key_holders").fetchone()[0])
    assert blob["kdf"] == "scrypt" and blob["aead"] == "chacha20poly1305"
    assert len(base64.b64decode(blob["ct"])) == 32 + 16  # the key plus the AEAD tag
    after = demo.conn.execute("SELECT after FROM audit_log WHERE tbl = 'key_holders'").fetchone()[0]
    assert json.loads(after)["sealed_key"].startswith("sha256:")


def test_copy_bound_to_its_key_and_holder(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    key_id = own_key(demo, "officer")
    blob = demo.conn.execute("SELECT sealed_key FROM key_holders").fetchone()[0]
    assert key_crypto.open_private(blob, DEMO_PASSWORD, key_id, officer.account_id) is not None
    assert key_crypto.open_private(blob, DEMO_PASSWORD, key_id, officer.account_id + 1) is None
    assert key_crypto.open_private(blob, DEMO_PASSWORD, "f" * 32, officer.account_id) is None


def test_wrong_passphrase_signs_nothing_and_is_throttled(demo: Store) -> None:
    officer = login_as(demo, "officer")
    with pytest.raises(keys.KeyPassphraseWrong):
        keys.create_own_key(officer, "not-my-password")
    assert demo.conn.execute("SELECT count(*) FROM signing_keys").fetchone()[0] == 0
    keys.create_own_key(officer, DEMO_PASSWORD)
    key_id = own_key(demo, "officer")
    clock = Clock()
    signed: list[bytes] = []

    def attempt(passphrase: str) -> type[Exception] | None:
        try:
            with keys.unlock(officer, key_id, passphrase, clock=clock) as sign:
                signed.append(sign(b"x"))
        except keys.FieldLedgerError as exc:
            assert is_chinese(str(exc)) and "未签署任何内容" in str(exc), str(exc)
            return type(exc)
        return None

    assert attempt("wrong-1") is keys.KeyPassphraseWrong
    assert "登录密码" in str(keys.KeyPassphraseWrong())
    assert attempt("wrong-2") is keys.KeyPassphraseWrong
    assert attempt("wrong-3") is keys.KeyPassphraseWrong
    assert attempt(DEMO_PASSWORD) is key_unlock.KeyUnlockThrottled  # must wait 1 s, even when right
    clock.advance(1.5)
    assert attempt("wrong-4") is keys.KeyPassphraseWrong
    clock.advance(2.5)
    assert attempt("wrong-5") is keys.KeyPassphraseWrong      # 5th: locked
    clock.advance(60)
    assert attempt(DEMO_PASSWORD) is key_unlock.KeyUnlockLocked
    assert signed == []
    events = demo.conn.execute("SELECT count(*) FROM audit_log WHERE action ="
                               " 'key_unlock_failed'").fetchone()[0]
    assert events == 5
    clock.advance(LOCK_SECONDS)
    assert attempt(DEMO_PASSWORD) is None and len(signed) == 1
    assert demo.conn.execute("SELECT count(*) FROM key_unlock_attempts").fetchone()[0] == 0
    assert demo.verify_audit().ok


def test_changing_the_password_reencrypts_the_key(demo: Store) -> None:
    chief = login_as(demo, "chief")
    keys.create_own_key(chief, DEMO_PASSWORD)
    keys.create_seal_key(chief, DEMO_PASSWORD)
    person_key, seal_key = own_key(demo, "chief"), own_key(demo, "chief", "seal")
    before = dict(demo.conn.execute("SELECT id, sealed_key FROM key_holders").fetchall())
    changes = accounts.change_own_password(chief, DEMO_PASSWORD, NEW_PASSWORD)
    assert changes.tables == {"accounts", "key_holders"}
    after = dict(demo.conn.execute("SELECT id, sealed_key FROM key_holders").fetchall())
    assert set(after) == set(before) and all(after[k] != before[k] for k in after)
    for key_id in (person_key, seal_key):
        with pytest.raises(keys.KeyPassphraseWrong):
            with keys.unlock(chief, key_id, DEMO_PASSWORD):
                pass
        with keys.unlock(chief, key_id, NEW_PASSWORD) as sign:
            assert key_crypto.verify_signature(public(demo, key_id), sign(b"ok"), b"ok")
    assert demo.verify_audit().ok


def test_password_change_without_keys_and_wrong_old_password(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    with pytest.raises(AuthenticationFailed):
        accounts.change_own_password(officer, "wrong-old-pass", NEW_PASSWORD)
    with keys.unlock(officer, own_key(demo, "officer"), DEMO_PASSWORD):
        pass  # untouched
    reviewer = login_as(demo, "reviewer")  # holds no key
    assert accounts.change_own_password(reviewer, DEMO_PASSWORD, NEW_PASSWORD).tables == {
        "accounts"}


def test_rotation_is_signed_by_both_keys(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    old_id = own_key(demo, "officer")
    keys.rotate_key(officer, old_id, DEMO_PASSWORD, "密钥到期更换")
    new_id = own_key(demo, "officer")
    assert new_id != old_id
    old = key_row(demo, old_id)
    assert old["status"] == "retired" and old["replaced_by"] == new_id
    [statement] = keys.list_statements(officer, old_id)
    assert statement["kind"] == "rotation" and statement["valid"] is True
    body = json.loads(statement["statement"])
    assert body["old_key_id"] == old_id and body["new_key_id"] == new_id
    assert body["reason"] == "密钥到期更换" and body["time"]
    assert base64.b64decode(body["new_public_key"]) == public(demo, new_id)
    sigs = json.loads(statement["signatures"])
    text = statement["statement"].encode("utf-8")
    for key_id in (old_id, new_id):
        assert key_crypto.verify_signature(public(demo, key_id), base64.b64decode(sigs[key_id]),
                                           text)
    with pytest.raises(key_unlock.KeyNotUsable) as info:
        with keys.unlock(officer, old_id, DEMO_PASSWORD):
            pass
    assert key_row(demo, old_id)["fingerprint"] in str(info.value)
    with keys.unlock(officer, new_id, DEMO_PASSWORD) as sign:
        assert key_crypto.verify_signature(public(demo, new_id), sign(b"new"), b"new")
    assert demo.verify_audit().ok

    # a statement changed afterwards no longer verifies
    demo.conn.execute("UPDATE key_statements SET statement = replace(statement, '到期', '遗失')")
    assert keys.verify_statement(demo, statement["id"]) is False


def test_revocation_by_the_key_itself(demo: Store) -> None:
    reviewer = login_as(demo, "reviewer")
    keys.create_own_key(reviewer, DEMO_PASSWORD)
    key_id = own_key(demo, "reviewer")
    with pytest.raises(keys.KeyPassphraseWrong):
        keys.revoke_key(reviewer, key_id, "wrong-passphrase", "调离本单位")
    assert key_row(demo, key_id)["status"] == "active"
    keys.revoke_key(reviewer, key_id, DEMO_PASSWORD, "调离本单位")
    row = key_row(demo, key_id)
    assert row["status"] == "revoked" and row["revoked_at"]
    assert demo.conn.execute("SELECT count(*) FROM key_holders").fetchone()[0] == 0
    [statement] = keys.list_statements(reviewer, key_id)
    body = json.loads(statement["statement"])
    assert statement["kind"] == "revocation" and statement["valid"] is True
    assert body["signed_by"] == key_id and body["reason"] == "调离本单位"
    with pytest.raises(key_unlock.KeyNotFound):
        with keys.unlock(reviewer, key_id, DEMO_PASSWORD):
            pass
    keys.create_own_key(reviewer, DEMO_PASSWORD)  # a new key may follow
    assert demo.verify_audit().ok


def test_revocation_with_the_seal_key_when_the_passphrase_is_lost(demo: Store) -> None:
    officer, chief = login_as(demo, "officer"), login_as(demo, "chief")
    keys.create_own_key(officer, DEMO_PASSWORD)
    key_id = own_key(demo, "officer")
    with pytest.raises(keys.SealKeyMissing):
        keys.revoke_key_by_seal(chief, key_id, DEMO_PASSWORD, "遗失口令")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    seal_id = own_key(demo, "chief", "seal")
    keys.revoke_key_by_seal(chief, key_id, DEMO_PASSWORD, "遗失口令")
    assert key_row(demo, key_id)["status"] == "revoked"
    [statement] = keys.list_statements(chief, key_id)
    assert json.loads(statement["statement"])["signed_by"] == seal_id
    assert statement["valid"] is True
    sig = base64.b64decode(json.loads(statement["signatures"])[seal_id])
    assert key_crypto.verify_signature(public(demo, seal_id), sig, statement["statement"].encode())


def test_seal_key_given_to_a_second_chief(demo: Store) -> None:
    chief = login_as(demo, "chief")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    seal_id = own_key(demo, "chief", "seal")
    with pytest.raises(ValidationError):
        keys.create_seal_key(chief, DEMO_PASSWORD)  # one active seal key per unit
    with pytest.raises(ValidationError) as info:
        keys.give_seal_key(chief, DEMO_PASSWORD, "officer2", DEMO_PASSWORD)  # not a chief
    assert is_chinese(str(info.value))
    accounts.set_roles(login_as(demo, "admin"), demo.conn.execute(
        "SELECT id FROM accounts WHERE username = 'officer2'").fetchone()[0], ["chief"])
    with pytest.raises(AuthenticationFailed):
        keys.give_seal_key(chief, DEMO_PASSWORD, "officer2", "not-his-password")
    with pytest.raises(keys.KeyPassphraseWrong):
        keys.give_seal_key(chief, "not-my-password", "officer2", DEMO_PASSWORD)
    assert demo.conn.execute("SELECT count(*) FROM key_holders").fetchone()[0] == 1
    keys.give_seal_key(chief, DEMO_PASSWORD, "officer2", DEMO_PASSWORD)
    assert [k["holders"] for k in keys.list_keys(chief)] == ["才让东智、索南扎西"]
    second = login_as(demo, "officer2")
    with keys.unlock(second, seal_id, DEMO_PASSWORD) as sign:
        assert key_crypto.verify_signature(public(demo, seal_id), sign(b"seal"), b"seal")
    # each copy opens with its holder's own passphrase: the second chief changes his
    accounts.change_own_password(second, DEMO_PASSWORD, NEW_PASSWORD)
    with keys.unlock(second, seal_id, NEW_PASSWORD), keys.unlock(chief, seal_id, DEMO_PASSWORD):
        pass
    assert demo.verify_audit().ok


def _forms(secret: bytes) -> list[bytes]:
    return [secret, secret.hex().encode(), secret.hex().upper().encode(),
            base64.b64encode(secret), base64.b64encode(secret).rstrip(b"="),
            base64.urlsafe_b64encode(secret).rstrip(b"="), base64.b32encode(secret).rstrip(b"=")]


def test_no_private_key_in_clear_in_database_data_folder_or_log(
        demo_dir: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """After keys are created, given, rotated, revoked and used (rows, a ledger, a file and an
    enrollment file signed), no private key's 32 bytes (nor their hex, base64 or base32) appear
    in the database, its WAL, any file of the data folder or the log."""
    secrets_seen: list[bytes] = []
    real_new = keys._new_private

    def recording() -> tuple[bytearray, bytes]:
        private, pub = real_new()
        secrets_seen.append(bytes(private))
        return private, pub

    monkeypatch.setattr(keys, "_new_private", recording)
    assert setup_logging(demo_dir.log_file) == demo_dir.log_file
    store = open_store(demo_dir)
    try:
        chief, officer = login_as(store, "chief"), login_as(store, "officer")
        keys.create_seal_key(chief, DEMO_PASSWORD)
        keys.create_own_key(chief, DEMO_PASSWORD)
        keys.create_own_key(officer, DEMO_PASSWORD)
        with pytest.raises(keys.KeyPassphraseWrong):
            with keys.unlock(officer, own_key(store, "officer"), "wrong-passphrase"):
                pass
        with keys.unlock(officer, own_key(store, "officer"), DEMO_PASSWORD) as sign:
            sign(b"ledger")
        # every use of a key: 责任人签字, 单位盖章, a signed file, an enrollment file
        changes = problems.create_problem(chief, campaign_id=1, category="逐利执法",
                                          issue="扫描测试问题",
                                          responsible_person_id=officer.person_id)
        signing.sign_rows(officer, [int(k) for k in changes.rows["problems"]], DEMO_PASSWORD)
        sha = ledger_signing.ledger_state(chief, 1, with_rows=False)["sha256"]
        ledger_signing.seal_ledger(chief, 1, DEMO_PASSWORD, sha)
        report = demo_dir.root / "整改报告.txt"
        report.write_text("整改报告", encoding="utf-8")
        enrollment.sign_file(chief, report, DEMO_PASSWORD, seal=True)
        (demo_dir.root / "登记文件.json").write_text(enrollment.enrollment_file(
            chief, keys._active_key(store, "seal", unit_id=chief.unit_id), DEMO_PASSWORD),
            encoding="utf-8")
        keys.rotate_key(officer, own_key(store, "officer"), DEMO_PASSWORD, "定期更换")
        keys.revoke_key_by_seal(chief, own_key(store, "officer"), DEMO_PASSWORD, "遗失口令")
        accounts.change_own_password(chief, DEMO_PASSWORD, NEW_PASSWORD)
        logging.getLogger("fieldledger").info("keys exercised: %s", keys.list_keys(chief))
        assert len(secrets_seen) == 4
        wal = demo_dir.database.with_name(demo_dir.database.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the scan covers the open WAL
        _scan(demo_dir, secrets_seen)
    finally:
        store.close()
        setup_logging(None)
    _scan(demo_dir, secrets_seen)  # and the database after the last checkpoint
    leak = demo_dir.root / "leak.txt"  # the scan does find a key where there is one
    leak.write_bytes(b"key=" + base64.b64encode(secrets_seen[1]) + b"\n")
    with pytest.raises(AssertionError):
        _scan(demo_dir, secrets_seen)
    leak.unlink()


def test_clear_key_is_wiped_after_signing() -> None:
    private, pub = key_crypto._new_private()
    with key_crypto._signer(private) as sign:
        assert key_crypto.verify_signature(pub, sign(b"data"), b"data")
        assert any(private)
    assert private == bytearray(32)


def _scan(demo_dir: Any, secrets_seen: list[bytes]) -> None:
    files = [p for p in demo_dir.root.rglob("*") if p.is_file()]
    assert demo_dir.database in files and demo_dir.log_file in files
    assert demo_dir.log_file.stat().st_size > 0
    for path in files:
        content = path.read_bytes()
        for secret in secrets_seen:
            for form in _forms(secret):
                assert form not in content, f"a private key in clear in {path.name}"


def test_audit_images_of_key_tables_verify(demo: Store) -> None:
    chief = login_as(demo, "chief")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    demo.conn.execute("UPDATE key_holders SET sealed_key = '{}'")  # behind the app's back
    report = demo.verify_audit()
    assert not report.ok
    assert audit.REDACTED_COLUMNS["key_holders"] == {"sealed_key"}
